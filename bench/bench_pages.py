"""Pages under concurrent load: gunicorn on loopback, wrk as the client.

For one gunicorn in one run, prints requests per second and p50/p95 latency of the floor
(/healthz, a view that touches neither database nor template), the LT025 region profile and the
indicator page with the Europe map, with their ratios against the floor; then the indicator
page's warm server time (p50 with one connection, against the floor's) and its HTML size, plain
and gzip-compressed.

    .venv/bin/python bench/bench_pages.py [--home DIR] [--seconds 5] [--connections 32] [--rounds 3]

--home reuses a folder where `i4region setup` has run; by default a fresh one is set up.
"""

import argparse
import gzip
import os
import shutil
import statistics
import sys
import urllib.request
from pathlib import Path

from i4region.testing import bench_instance, serving, wrk

PAGES = {
    "floor /healthz": "/healthz",
    "region profile LT025": "/en/regions/LT025/",
    # a NUTS3 indicator: the page draws Lithuania's and Europe's NUTS3 regions
    "indicator, Europe map": "/en/observatory/indicators/population_density/?region=LT025",
}


def fetch(url: str, gzipped: bool = False) -> tuple[int, bytes, str]:
    headers = {"Accept-Encoding": "gzip"} if gzipped else {}
    with urllib.request.urlopen(urllib.request.Request(url, headers=headers)) as response:
        return response.status, response.read(), response.headers.get("Content-Encoding", "")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--home", type=Path)
    parser.add_argument("--seconds", type=int, default=5)
    parser.add_argument("--connections", type=int, default=32)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    if shutil.which("wrk") is None:
        print("wrk is not installed (apt-get install wrk)")
        return 1
    env = bench_instance(args.home, "i4region-bench-")
    gunicorn = [sys.executable, "-m", "gunicorn", "i4region.wsgi", "--bind", "127.0.0.1:{port}"]
    options = ["--workers", str(args.workers), "--log-level", "warning", "--timeout", "120"]
    with serving([*gunicorn, *options], env) as base:
        # warm every worker: each keeps its own copy of the rendered fragments
        for path in PAGES.values():
            for _ in range(4 * args.workers):
                assert fetch(base + path)[0] == 200, path
        _, html, _ = fetch(base + PAGES["indicator, Europe map"])
        _, packed, encoding = fetch(base + PAGES["indicator, Europe map"], gzipped=True)
        assert encoding == "gzip" and gzip.decompress(packed).count(b"<path") > 1000
        # the floor and the pages take turns, and each figure is the median of the rounds, so
        # a neighbour's load on a shared machine weighs on all of them alike
        rounds = [
            {name: wrk(base + path, args.seconds, args.connections) for name, path in PAGES.items()}
            for _ in range(args.rounds)
        ]
        alone = {
            name: wrk(base + path, max(2, args.seconds // 2), 1)
            for name, path in PAGES.items()
            if name != "region profile LT025"
        }
    loaded = {
        name: {k: statistics.median(r[name][k] for r in rounds) for k in rounds[0][name]}
        for name in PAGES
    }
    floor = loaded["floor /healthz"]
    print(
        f"gunicorn {args.workers} workers, wrk 2 threads x {args.connections} connections, "
        f"{args.seconds} s each, median of {args.rounds} rounds, on {os.cpu_count()} cores"
    )
    print(f"{'':24}{'req/s':>9}{'p50 ms':>9}{'p95 ms':>9}{'errors':>8}{'req/s':>9}{'p95':>8}")
    print(f"{'':24}{'':>35}{'x floor':>9}{'x floor':>8}")
    for name, m in loaded.items():
        print(
            f"{name:24}{m['rps']:9.0f}{m['p50_ms']:9.1f}{m['p95_ms']:9.1f}"
            f"{m['errors']:8.0f}{m['rps'] / floor['rps']:9.3f}{m['p95_ms'] / floor['p95_ms']:8.1f}"
        )
    page, still = alone["indicator, Europe map"], alone["floor /healthz"]
    print(
        f"indicator page warm, one connection: p50 {page['p50_ms']:.1f} ms "
        f"(floor {still['p50_ms']:.2f} ms, {page['p50_ms'] / still['p50_ms']:.1f} x); "
        f"HTML {len(html) / 1024:.0f} KB, {html.count(b'<path')} shapes, "
        f"gzip {len(packed) / 1024:.0f} KB ({len(packed) / len(html):.2f} x)"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
