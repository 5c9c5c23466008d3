"""Benchmark the observatory importer against a floor of plain ``pandas.read_csv``.

Imports the largest file the catalogue maps (by uncompressed size) into a throw-away SQLite
database holding the real regions and indicator catalogue: parse (format detection, flags,
line numbers), map rows to indicators, compare with what is stored, write in one transaction.
Prints rows per second and peak traced memory for a first import (every row added), a second
import of the same file (every row unchanged) and ``pandas.read_csv(path, sep="\\t")`` on the
same file, with the ratios; then `i4region import` of a generated gzip bomb (4 MB → 4 GB): its
exit code, lines of output and peak resident memory. Run from the repository root:

    .venv/bin/python bench/bench_import.py [--repeat N]
"""

from __future__ import annotations

import argparse
import gc
import gzip
import os
import sys
import tempfile
import time
import tracemalloc
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))


def timed(fn: Callable[[], object]) -> tuple[float, object]:
    """Wall time of one run, without tracing (tracemalloc slows Python code several-fold)."""
    gc.collect()
    t0 = time.perf_counter()
    result = fn()
    return time.perf_counter() - t0, result


def peak_memory(fn: Callable[[], object]) -> int:
    """Peak traced memory (bytes) of a separate run."""
    gc.collect()
    tracemalloc.start()
    fn()
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return peak


def uncompressed_size(path: Path) -> int:
    if path.suffix == ".gz":
        with gzip.open(path, "rb") as fh:
            return len(fh.read())
    return path.stat().st_size


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument(
        "--repeat", type=int, default=2, help="timed runs of each kind (the best time is kept)"
    )
    args = parser.parse_args()

    tmp = tempfile.mkdtemp(prefix="i4region-bench-")
    os.environ["DATABASE_URL"] = f"sqlite:///{tmp}/bench.sqlite3"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "i4region.settings_test")
    import django

    django.setup()
    import pandas as pd
    from django.core.management import call_command

    from i4region.compute.parsers import read_any
    from i4region.observatory.catalogue import bundled_sources
    from i4region.observatory.importing import import_file, load_catalogue
    from i4region.observatory.models import Observation
    from i4region.regions import seed as regions_seed

    print("preparing a throw-away database with the real regions and catalogue …")
    call_command("migrate", verbosity=0)
    regions_seed.load()
    load_catalogue()

    sources = bundled_sources()
    source = max(sources, key=lambda s: uncompressed_size(Path(s.path)))
    path = Path(source.path)
    size_mb = uncompressed_size(path) / 1e6
    print(
        f"file: {path.name} ({size_mb:.1f} MB uncompressed), maps: "
        f"{', '.join(m.indicator for m in source.maps)}"
    )

    def first_import(vintage: str):
        return import_file(path, vintage=vintage, maps=source.maps)

    runs = max(args.repeat, 1)
    first = [timed(lambda n=n: first_import(f"1999-{n + 1:02d}")) for n in range(runs)]
    first_s, report = min(first, key=lambda r: r[0])
    rows = report.rows_read
    stored = Observation.objects.filter(vintage="1999-01").count()
    again = [timed(lambda: first_import("1999-01")) for _ in range(runs)]
    again_s = min(s for s, _ in again)
    assert all(r.added == 0 and r.updated == 0 for _, r in again), "second import changed something"
    first_peak = peak_memory(lambda: first_import("1999-12"))
    again_peak = peak_memory(lambda: first_import("1999-12"))
    parse_s = min(timed(lambda: read_any(path))[0] for _ in range(runs))
    parse_peak = peak_memory(lambda: read_any(path))

    best = min(timed(lambda: pd.read_csv(path, sep="\t"))[0] for _ in range(runs))
    pandas_peak = peak_memory(lambda: pd.read_csv(path, sep="\t"))

    def line(label: str, seconds: float, peak: int) -> str:
        return (
            f"{label:<34} {seconds:8.2f} s {rows / seconds:12,.0f} rows/s {peak / 1e6:9.1f} MB peak"
        )

    print(f"rows in file: {rows:,}; observations written: {stored:,}")
    print(line("parser only (read_any)", parse_s, parse_peak))
    print(line("importer, first import (added)", first_s, first_peak))
    print(line("importer, same file again", again_s, again_peak))
    print(line("pandas.read_csv (floor)", best, pandas_peak))
    print(
        f"ratio importer/pandas: time {first_s / best:.1f}x (first), {again_s / best:.1f}x "
        f"(again); memory {first_peak / pandas_peak:.1f}x (first)"
    )
    bomb(Path(tmp))
    return 0


def bomb(tmp: Path) -> None:
    """`i4region import` of a ~4 MB gzip that expands to 4 GB: exit code, lines, peak memory."""
    import subprocess
    import zlib

    path = tmp / "bomb_2024-01.tsv.gz"
    member = zlib.compressobj(9, zlib.DEFLATED, 31)
    chunk = member.compress(b"0" * (64 << 20)) + member.flush()
    with open(path, "wb") as fh:
        fh.write(gzip.compress(b"freq,unit,geo\\TIME_PERIOD\t2020 \n"))
        for _ in range(64):
            fh.write(chunk)
    # measured from a small fresh interpreter: a child forked from this big process would
    # count this process's pages as its own
    wrapper = (
        "import resource, subprocess, sys, time\n"
        "t = time.perf_counter()\n"
        "p = subprocess.run([sys.executable, '-m', 'i4region', 'import', sys.argv[1]],"
        " capture_output=True, text=True)\n"
        "print(p.returncode, p.stderr.count(chr(10)), round(time.perf_counter() - t, 1),"
        " resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss // 1024)\n"
        "sys.stderr.write(p.stderr)\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", wrapper, str(path)],
        capture_output=True,
        text=True,
        env={**os.environ, "PYTHONPATH": str(ROOT / "src")},
    )
    code, lines, seconds, rss = done.stdout.split()
    print(
        f"gzip bomb ({path.stat().st_size / 1e6:.1f} MB → 4.3 GB): exit {code}, "
        f"{lines} line(s) on stderr, {seconds} s, peak RSS {rss} MB"
    )
    print(f"  {done.stderr.strip()}")


if __name__ == "__main__":
    sys.exit(main())
