"""Network page with 1,000+ organisations under load: gunicorn on loopback, wrk as the client.

A throw-away instance gets the bundled ecosystem plus synthetic sample organisations (is_sample,
named "Pavyzdinė organizacija N") with relations of the shape a regional register has: most
ties within a municipality, a few hubs that many tie to, relation types that fit the two ends.
The network analysis runs as its job in a worker (`i4region db_worker --batch`), as after any
change of the register; then the page of a signed-in secretariat user is measured next to the
same server's floor (/healthz) in the same run, and its warm server time (one request at a time).

    .venv/bin/python bench/bench_network_page.py [--organisations 1100] [--seconds 10]
        [--connections 16] [--home DIR]

--home reuses a folder where `i4region setup` has run; by default a fresh one is set up.
Target (#16): the network page warm in <= 200 ms.
"""

import argparse
import os
import random
import shutil
import statistics
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

from i4region.testing import CLI, bench_instance, gunicorn, serving, wrk

PAGES = {
    "network page": "/en/stakeholders/network/",
    "network, companies only": "/en/stakeholders/network/?type=company",
    "key actors": "/en/stakeholders/key-actors/",
}
# which relation types fit which pair of organisation types (else collaboration)
FITS = {
    ("company", "company"): ("supply", "collaboration", "ownership"),
    ("school", "company"): ("training",),
    ("vocational_school", "company"): ("training", "collaboration"),
    ("university", "company"): ("research_partnership", "training"),
    ("research", "company"): ("research_partnership",),
    ("funder", "company"): ("funding",),
    ("cluster", "company"): ("membership",),
    ("agency", "company"): ("funding", "collaboration"),
}
TYPES = (
    ["company"] * 60
    + ["school"] * 14
    + ["vocational_school"] * 4
    + ["ngo"] * 8
    + ["research"] * 3
    + ["university"] * 2
    + ["agency"] * 3
    + ["funder"] * 2
    + ["cluster"] * 4
)


def populate(total: int, seed: int = 16) -> None:
    """Inside the instance (django set up): sample organisations up to `total`, about 4.5
    relations each, written in bulk; then one analysis job is asked for, as an import asks."""
    from django.db import transaction

    from i4region.accounts.models import User
    from i4region.regions.models import Region, RegionKind
    from i4region.stakeholders import network_store
    from i4region.stakeholders.models import Organisation, Relation

    rng = random.Random(seed)
    municipalities = list(
        Region.objects.filter(kind=RegionKind.MUNICIPALITY, code__startswith="LT-LAU").order_by(
            "code"
        )[:12]
    )
    have = Organisation.objects.count()
    if have >= total:  # a reused instance: populated before
        return
    with transaction.atomic():
        Organisation.objects.bulk_create(
            Organisation(
                name=f"Pavyzdinė organizacija {i}",
                type=(kind := rng.choice(TYPES)),
                nace_code=rng.choice(["C25", "C28", "C29", "G46", "J62"])
                if kind == "company"
                else "",
                municipality=rng.choice(municipalities),
                is_sample=True,
                published=rng.random() < 0.7,
            )
            for i in range(1, total - have + 1)
        )
        orgs = list(Organisation.objects.values_list("pk", "type", "municipality_id"))
        by_place: dict = {}
        for o in orgs:
            by_place.setdefault(o[2], []).append(o)
        hubs = rng.sample(orgs, max(5, len(orgs) // 40))
        pairs: dict = {}
        for a in orgs:
            for _ in range(rng.choice([1, 2, 3, 4, 5, 6, 7])):
                pick = rng.random()
                if pick < 0.6:
                    b = rng.choice(by_place.get(a[2]) or orgs)
                elif pick < 0.85:
                    b = rng.choice(hubs)
                else:
                    b = rng.choice(orgs)
                if a[0] == b[0]:
                    continue
                kinds = FITS.get((a[1], b[1])) or FITS.get((b[1], a[1])) or ("collaboration",)
                kind = rng.choice(kinds)
                pairs[(a[0], b[0], kind)] = Relation(
                    source_id=a[0],
                    target_id=b[0],
                    type=kind,
                    directed=kind in ("funding", "supply", "ownership"),
                    strength=rng.randint(1, 5),
                    is_sample=True,
                )
        Relation.objects.bulk_create(pairs.values(), ignore_conflicts=True)
    owner = User.objects.filter(username="bench").first() or User.objects.create_user(
        "bench", email="bench@example.org", role="secretariat"
    )
    network_store.request_analysis(owner)  # bulk_create sends no signals: ask as an import does


def session_cookie() -> str:
    """Inside the instance: a signed-in session of the bench user, as a Cookie header."""
    from django.conf import settings
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
    from django.contrib.sessions.backends.db import SessionStore

    from i4region.accounts.models import User

    user = User.objects.get(username="bench")
    s = SessionStore()
    s[SESSION_KEY] = str(user.pk)
    s[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
    s[HASH_SESSION_KEY] = user.get_session_auth_hash()
    s.create()
    return f"{settings.SESSION_COOKIE_NAME}={s.session_key}"


def in_instance(env: dict, *args: str) -> str:
    out = subprocess.run(
        [sys.executable, __file__, *args], env=env, check=True, capture_output=True, text=True
    )
    return out.stdout.strip()


def one_at_a_time(url: str, cookie: str, n: int = 30) -> tuple[float, int]:
    """Median time of sequential requests (loopback: the server's time) and the page size."""
    times, size = [], 0
    for _ in range(n):
        request = urllib.request.Request(url, headers={"Cookie": cookie})
        start = time.perf_counter()
        with urllib.request.urlopen(request) as response:
            assert response.status == 200 and "/accounts/login/" not in response.url
            size = len(response.read())
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times), size


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--home", type=Path)
    parser.add_argument("--organisations", type=int, default=1100)
    parser.add_argument("--seconds", type=int, default=10)
    parser.add_argument("--connections", type=int, default=16)
    parser.add_argument("--workers", type=int, default=2)
    args = parser.parse_args()
    if shutil.which("wrk") is None:
        print("wrk is not installed (apt-get install wrk)")
        return 1
    env = bench_instance(args.home, "i4region-bench-network-")
    in_instance(env, "--populate", str(args.organisations))
    start = time.perf_counter()
    batch = ("db_worker", "--batch", "--no-reload", "--no-startup-delay", "--interval", "0")
    subprocess.run([*CLI, *batch], env=env, check=True, capture_output=True)
    job_seconds = time.perf_counter() - start
    summary = in_instance(env, "--summary")
    cookie = in_instance(env, "--cookie")
    with serving(gunicorn(args.workers), env) as base:
        for _ in range(2 * args.workers):  # every worker has read the stored analysis once
            for path in PAGES.values():
                one_at_a_time(base + path, cookie, n=1)
        floor = wrk(base + "/healthz", args.seconds, args.connections, cookie)
        loads = {
            name: wrk(base + path, args.seconds, args.connections, cookie)
            for name, path in PAGES.items()
        }
        warm = {name: one_at_a_time(base + path, cookie) for name, path in PAGES.items()}
    print(summary)
    print(f"analysis job in a worker (whole process, start-up included): {job_seconds:.1f} s")
    print(
        f"gunicorn {args.workers} workers, wrk 2 threads x {args.connections} connections, "
        f"{args.seconds} s each, on {os.cpu_count()} cores"
    )
    print(f"{'':26}{'req/s':>9}{'p50 ms':>9}{'p95 ms':>9}{'errors':>8}{'warm ms':>9}{'KB':>7}")
    print(
        f"{'floor /healthz':26}{floor['rps']:9.0f}{floor['p50_ms']:9.1f}{floor['p95_ms']:9.1f}"
        f"{floor['errors']:8.0f}"
    )
    for name, m in loads.items():
        ms, size = warm[name]
        print(
            f"{name:26}{m['rps']:9.1f}{m['p50_ms']:9.1f}{m['p95_ms']:9.1f}{m['errors']:8.0f}"
            f"{ms:9.1f}{size / 1024:7.0f}"
        )
    page, (ms, _size) = loads["network page"], warm["network page"]
    print(
        f"network page: throughput = {page['rps'] / floor['rps']:.3f} x floor; "
        f"p50 = {page['p50_ms'] / floor['p50_ms']:.1f} x floor; "
        f"warm {ms:.0f} ms = {ms / 200:.2f} x the 200 ms target"
    )
    return 0


def _inside(argv: list[str]) -> None:
    import django

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "i4region.settings")
    django.setup()
    if argv[0] == "--populate":
        populate(int(argv[1]))
    elif argv[0] == "--cookie":
        print(session_cookie())
    elif argv[0] == "--summary":
        from i4region.stakeholders import network_store
        from i4region.stakeholders.models import Organisation
        from i4region.stakeholders.snapshot import NetworkResult

        r = NetworkResult.objects.get()
        assert network_store.up_to_date(), "the stored analysis is stale after the job"
        synthetic = Organisation.objects.filter(name__startswith="Pavyzdinė organizacija").count()
        print(
            f"{r.organisations} organisations ({synthetic} of them synthetic samples), "
            f"{r.relations} relations; the job's analysis and layout: {r.seconds:.1f} s"
        )


if __name__ == "__main__":
    if len(sys.argv) > 1 and sys.argv[1] in ("--populate", "--cookie", "--summary"):
        _inside(sys.argv[1:])
    else:
        sys.exit(main())
