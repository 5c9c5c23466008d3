"""Scale: every EU NUTS3 region x 50 indicators x 25 years (about 1.5 million observations) in
PostgreSQL, then the region profile and the indicator page under load next to the floor.

1. Creates the PostgreSQL database i4region_bench_scale (dropped at the end), runs
   the migrations and the real seeds of the regions and of the indicator catalogue.
2. Generates synthetic values for the catalogue's stored indicators plus synthetic indicators up
   to --indicators, for every EU NUTS3 region (LT025 first), --years years each. They are marked
   as what they are: one release whose batch and dataset are "synthetic benchmark data", a note
   "synthetic benchmark data, not a statistic" on every period of every indicator (shown beside
   each value), and the added indicators are named "Synthetic benchmark indicator NN".
3. Loads them with `i4region import` of a generated Eurostat bulk TSV (freq,indicator,geo; the
   importer parses with polars and writes with COPY on PostgreSQL), whole process, with its
   peak memory, then ANALYZE; --load copy writes the same rows with one COPY from here instead
   (into the observations table as it is, constraints and indexes in place). The floor is a
   COPY of the same rows into a bare unlogged table in the same run.
4. Serves with gunicorn (DEBUG off) and measures /healthz, the LT025 profile and an indicator
   page (Europe's NUTS3 map, its 1,166 values) with wrk, warm: throughput and p50/p95 at
   --connections, and p50/p95 with one connection (the server's own time, no queue; the 100 ms
   target is checked on this p95), each with its ratio to the floor's in the same run.

    .venv/bin/python bench/bench_scale.py [--regions N] [--indicators 50] [--years 25]
        [--seconds 10] [--connections 16] [--workers 2] [--load import|copy] [--home DIR]

PostgreSQL: BENCH_POSTGRES_URL, else DATABASE_URL when it is PostgreSQL, else
postgres://postgres@127.0.0.1:5432/postgres (only its server is used). REDIS_URL, when set, is
the cache (as in production); otherwise the cache is the database's. --home keeps the collected
static files (collected while the migrations run; the slowest step of a fresh run) between runs.
"""

import argparse
import hashlib
import os
import shutil
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

import numpy as np
import pandas as pd

from i4region.testing import (
    CLI,
    gunicorn,
    postgres_database,
    production_env,
    run_cli,
    serving,
    wrk,
)

DATABASE = "i4region_bench_scale"
EU27 = set(
    "AT BE BG CY CZ DE DK EE EL ES FI FR HR HU IE IT LT LU LV MT NL PL PT RO SE SI SK".split()
)
SYNTHETIC = "synthetic benchmark data"
NOTE_EN = "Synthetic benchmark data, not a statistic."
NOTE_LT = "Sintetiniai lyginamosios analizės duomenys, ne statistika."
PAGES = {
    "floor /healthz": "/healthz",
    "region profile LT025": "/en/regions/LT025/",
    "indicator, Europe map": "/en/observatory/indicators/population_density/?region=LT025",
}
COLUMNS = "indicator_id, region_id, period, value, flag, vintage, batch_id"
# runs a command and reports the peak memory of that process alone (its own only child)
PEAK = (
    "import resource, subprocess, sys; code = subprocess.run(sys.argv[1:]).returncode; "
    "print('PEAK_KB', resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss, file=sys.stderr); "
    "sys.exit(code)"
)


def home_of(env: dict[str, str]) -> Path:
    return Path(env["I4REGION_HOME"])


def postgres_server() -> str:
    url = os.environ.get("BENCH_POSTGRES_URL") or os.environ.get("DATABASE_URL", "")
    return (
        url
        if url.startswith(("postgres://", "postgresql://"))
        else ("postgres://postgres@127.0.0.1:5432/postgres")
    )


def seed(env: dict[str, str]) -> None:
    """Migrations, then the real regions and catalogue (no bundled statistics: only ours)."""
    for command in (
        ("setup", "--no-data", "--verbosity", "0"),
        (
            "shell",
            "-c",
            "from i4region.regions import seed; seed.load(); "
            "from i4region.observatory.importing import load_catalogue; load_catalogue()",
        ),
    ):
        result = run_cli(env, *command)
        if result.returncode:
            raise SystemExit(result.stdout + result.stderr)


def django_in(env: dict[str, str]) -> None:
    os.environ.update(env)
    import django

    django.setup()


def choose(n_regions: int | None, n_indicators: int) -> tuple[list, list]:
    """EU NUTS3 regions (LT025 first) and the indicators: stored catalogue ones, then synthetic."""
    from i4region.observatory.models import Indicator, Theme
    from i4region.regions.models import Region, RegionKind

    regions = sorted(
        Region.objects.filter(kind=RegionKind.NUTS, level=3, country_code__in=EU27).exclude(
            code__endswith="ZZZ"
        ),
        key=lambda r: (r.code != "LT025", r.code),
    )[:n_regions]
    stored = list(Indicator.objects.filter(formula="").order_by("code"))[:n_indicators]
    themes = list(Theme.values)
    for k in range(1, n_indicators - len(stored) + 1):
        stored.append(
            Indicator.objects.create(
                code=f"synthetic_benchmark_{k:02d}",
                name_en=f"Synthetic benchmark indicator {k:02d}",
                name_lt=f"Sintetinis lyginamosios analizės rodiklis {k:02d}",
                definition_en=NOTE_EN,
                definition_lt=NOTE_LT,
                unit_en="synthetic units",
                unit_lt="sintetiniai vienetai",
                decimals=1,
                theme=themes[k % len(themes)],
                source_dataset=SYNTHETIC,
                publisher=SYNTHETIC,
                levels="3",
            )
        )
    return regions, stored


def synthetic_values(shape: tuple[int, int, int]) -> np.ndarray:
    """(indicator, region, year) values: a level per series, a yearly trend and noise."""
    rng = np.random.default_rng(20261201)
    level = rng.lognormal(3.0, 1.0, shape[:2])
    growth = rng.normal(0.01, 0.02, shape[:2])
    noise = rng.normal(1.0, 0.02, shape)
    return np.round(level[..., None] * (1 + growth[..., None]) ** np.arange(shape[2]) * noise, 3)


def copy_text(indicators, regions, years, values, vintage: str, batch_id: int) -> bytes:
    """The rows as PostgreSQL's COPY text, in the observations table's column order."""
    ind, reg, year = np.meshgrid(
        [i.pk for i in indicators], [r.pk for r in regions], np.arange(len(years)), indexing="ij"
    )
    frame = pd.DataFrame(
        {
            "indicator_id": ind.ravel(),
            "region_id": reg.ravel(),
            "period": np.array(years)[year.ravel()],
            "value": values.ravel(),
            "flag": "",
            "vintage": vintage,
            "batch_id": batch_id,
        }
    )
    return frame.to_csv(sep="\t", header=False, index=False).encode()


def eurostat_tsv(path: Path, indicators, regions, years, values) -> None:
    """The same rows in Eurostat's bulk TSV layout, one line per indicator and region."""
    cells = np.char.mod("%.3f ", values.reshape(-1, len(years)))
    keys = [f"A,{i.code},{r.code}" for i in indicators for r in regions]
    with path.open("w", encoding="utf-8") as fh:
        fh.write("freq,indicator,geo\\TIME_PERIOD\t" + "\t".join(f"{y} " for y in years) + "\n")
        fh.writelines(
            key + "\t" + "\t".join(row) + "\n" for key, row in zip(keys, cells, strict=True)
        )


def copy_into(cursor, table: str, text: bytes) -> None:
    with cursor.copy(f"COPY {table} ({COLUMNS}) FROM STDIN") as copy:
        view = memoryview(text)
        for start in range(0, len(view), 1 << 20):
            copy.write(view[start : start + (1 << 20)])


def load(args, env: dict[str, str]) -> dict[str, float]:
    """Generate, load (COPY, or `i4region import` with --load import), mark, ANALYZE, and COPY
    the same rows into a bare table (the floor); returns the figures."""
    from django.db import connection, transaction

    from i4region.observatory.models import ImportBatch, NoteReason, Observation, ObservationNote

    regions, indicators = choose(args.regions, args.indicators)
    years = [str(y) for y in range(2024 - args.years + 1, 2025)]
    vintage = time.strftime("%Y-%m")
    figures = {"regions": len(regions), "indicators": len(indicators)}
    started = time.perf_counter()
    values = synthetic_values((len(indicators), len(regions), len(years)))
    batch = ImportBatch.objects.create(
        file_name=SYNTHETIC,
        sha256="",
        format="synthetic",
        dataset=SYNTHETIC,
        vintage=vintage,
        created_by_name=f"bench_scale.py ({SYNTHETIC})",
    )
    text = copy_text(indicators, regions, years, values, vintage, batch.pk)
    rows = text.count(b"\n")
    figures.update(rows=rows, generate_s=time.perf_counter() - started)
    table = connection.ops.quote_name(Observation._meta.db_table)
    if args.load == "copy":
        started = time.perf_counter()
        with transaction.atomic(), connection.cursor() as cursor:
            copy_into(cursor.cursor, table, text)
            ImportBatch.objects.filter(pk=batch.pk).update(
                sha256=hashlib.sha256(text).hexdigest(), rows_read=rows, added=rows
            )
        figures["load_s"] = time.perf_counter() - started
    else:
        batch.delete()
        path = home_of(env) / f"synthetic_benchmark_data_{vintage}.tsv"
        eurostat_tsv(path, indicators, regions, years, values)
        started = time.perf_counter()
        result = subprocess.run(
            [sys.executable, "-c", PEAK, *CLI, "import", str(path), "--vintage", vintage],
            env=env,
            cwd=home_of(env),
            capture_output=True,
            text=True,
        )
        figures["load_s"] = time.perf_counter() - started
        if result.returncode:
            raise SystemExit(result.stdout + result.stderr)
        figures["peak_mb"] = int(result.stderr.rsplit("PEAK_KB", 1)[1]) / 1024
        path.unlink()
        batch = ImportBatch.objects.get(vintage=vintage)
        ImportBatch.objects.filter(pk=batch.pk).update(dataset=SYNTHETIC)
    ObservationNote.objects.bulk_create(
        ObservationNote(
            indicator=indicator,
            region=None,
            period=year,
            vintage=vintage,
            reason=NoteReason.OTHER,
            text_en=NOTE_EN,
            text_lt=NOTE_LT,
        )
        for indicator in indicators
        for year in years
    )
    started = time.perf_counter()
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    figures["analyze_s"] = time.perf_counter() - started
    assert Observation.objects.filter(batch=batch).count() == rows

    with connection.cursor() as cursor:  # the floor: the same rows into a bare table
        raw = cursor.cursor
        raw.execute(
            "CREATE UNLOGGED TABLE bench_floor (indicator_id bigint, region_id bigint, "
            "period varchar(16), value double precision, flag varchar(8), vintage varchar(32), "
            "batch_id bigint)"
        )
        started = time.perf_counter()
        copy_into(raw, "bench_floor", text)
        figures["floor_s"] = time.perf_counter() - started
        raw.execute("DROP TABLE bench_floor")
    connection.close()
    return figures


def fetch(url: str) -> tuple[float, int]:
    started = time.perf_counter()
    with urllib.request.urlopen(url, timeout=120) as response:
        size = len(response.read())
        assert response.status == 200, url
    return time.perf_counter() - started, size


def serve_and_measure(args, env: dict[str, str]) -> dict[str, dict]:
    results = {}
    with serving(gunicorn(args.workers), env) as base:
        for name, path in PAGES.items():
            cold, size = fetch(base + path)
            warm, _ = fetch(base + path)
            results[name] = {"cold_s": cold, "warm_s": warm, "kb": size / 1024}
        _, _, page = fetch_text(base + PAGES["region profile LT025"])
        results["marked"] = {"profile": NOTE_EN in page or SYNTHETIC in page}
        for name, path in PAGES.items():
            results[name].update(wrk(base + path, args.seconds, args.connections))
            alone = wrk(base + path, args.seconds, 1)  # no queue: the server's own time
            results[name].update(alone_p50_ms=alone["p50_ms"], alone_p95_ms=alone["p95_ms"])
    return results


def fetch_text(url: str) -> tuple[int, dict, str]:
    with urllib.request.urlopen(url, timeout=120) as response:
        return response.status, dict(response.headers), response.read().decode()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--regions", type=int, help="how many EU NUTS3 regions (default: all)")
    parser.add_argument("--indicators", type=int, default=50)
    parser.add_argument("--years", type=int, default=25)
    parser.add_argument("--seconds", type=int, default=10)
    parser.add_argument("--connections", type=int, default=16)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument(
        "--load",
        choices=("import", "copy"),
        default="import",
        help="`i4region import` of the rows as a Eurostat bulk TSV, whole process (default), "
        "or one COPY from this script",
    )
    parser.add_argument("--home", type=Path, help="a folder kept between runs (static files)")
    args = parser.parse_args()
    if shutil.which("wrk") is None:
        print("wrk is not installed (apt-get install wrk; make bench installs it as root)")
        return 1
    home = args.home or Path(tempfile.mkdtemp(prefix="i4region-bench-scale-"))
    home.mkdir(parents=True, exist_ok=True)
    began = time.perf_counter()
    with postgres_database(postgres_server(), DATABASE) as url:
        env = production_env(
            home,
            DATABASE_URL=url,
            # a cold page is measured, not cut off at the production timeout of 30 s
            GUNICORN_TIMEOUT="300",
        )
        started = time.perf_counter()
        # the static files (gunicorn with DEBUG off needs them) are collected meanwhile: nothing
        # is measured until both are done
        static = Path(env["I4REGION_HOME"]) / "var" / "static" / "staticfiles.json"
        collect = (
            None
            if static.exists()
            else subprocess.Popen(
                [*CLI, "collectstatic", "--noinput", "--verbosity", "0"], env=env, cwd=home
            )
        )
        seed(env)
        if collect is not None and collect.wait():
            raise SystemExit("collectstatic failed")
        print(
            f"migrations and seeds, static files collected meanwhile "
            f"{time.perf_counter() - started:.0f} s",
            flush=True,
        )
        django_in(env)
        figures = load(args, env)
        print(
            f"{figures['rows']:,} synthetic observations ({figures['regions']} regions x "
            f"{figures['indicators']} indicators x {args.years} years), generated in "
            f"{figures['generate_s']:.1f} s",
            flush=True,
        )
        results = serve_and_measure(args, env)
    report(args, figures, results, time.perf_counter() - began)
    return 0


def report(args, figures: dict, results: dict, total_s: float) -> None:
    rows = figures["rows"]
    how = {
        "copy": "one COPY from this script, one transaction",
        "import": "`i4region import` of the rows as a Eurostat bulk TSV, whole process"
        + (f", peak {figures['peak_mb']:.0f} MB" if "peak_mb" in figures else ""),
    }[args.load]
    print(
        f"\nload: {how}"
        f"\n  observations table {figures['load_s']:6.1f} s = {rows / figures['load_s']:>9,.0f}"
        f" rows/s, then ANALYZE {figures['analyze_s']:.1f} s"
        f"\n  floor: COPY into a bare unlogged table {figures['floor_s']:6.1f} s ="
        f" {rows / figures['floor_s']:>9,.0f} rows/s"
        f"\n  load = {figures['load_s'] / figures['floor_s']:.1f} x the floor's time"
    )
    print(
        f"\ngunicorn {args.workers} workers (DEBUG off), wrk {args.connections} connections, "
        f"{args.seconds} s each, on {os.cpu_count()} cores; cache: "
        f"{'Redis' if os.environ.get('REDIS_URL') else 'database'}"
    )
    print(
        f"{'':24}{'first s':>8}{'2nd ms':>8}{'KB':>7}{'req/s':>8}{'p50 ms':>8}{'p95 ms':>8}"
        f"{'errors':>7} | 1 connection:{'p50 ms':>7}{'p95 ms':>8}"
    )
    for name in PAGES:
        m = results[name]
        print(
            f"{name:24}{m['cold_s']:8.2f}{m['warm_s'] * 1000:8.0f}{m['kb']:7.0f}{m['rps']:8.0f}"
            f"{m['p50_ms']:8.1f}{m['p95_ms']:8.1f}{m['errors']:7.0f} |{'':13}"
            f"{m['alone_p50_ms']:7.1f}{m['alone_p95_ms']:8.1f}"
        )
    floor = results["floor /healthz"]
    for name in list(PAGES)[1:]:
        m = results[name]
        verdict = "meets" if m["alone_p95_ms"] < 100 else "misses"
        print(
            f"{name}: at {args.connections} connections throughput {m['rps'] / floor['rps']:.3f} x"
            f" floor, p95 {m['p95_ms'] / floor['p95_ms']:.1f} x floor ({m['p95_ms']:.0f} ms); "
            f"alone p95 {m['alone_p95_ms']:.0f} ms = "
            f"{m['alone_p95_ms'] / floor['alone_p95_ms']:.1f} x floor, {verdict} the 100 ms target"
        )
    marked = "yes" if results["marked"]["profile"] else "NO"
    print(f"profile page says its values are synthetic: {marked}; whole run {total_s:.0f} s")


if __name__ == "__main__":
    sys.exit(main())
