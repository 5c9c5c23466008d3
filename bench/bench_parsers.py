"""Benchmark the statistical file parsers against a floor of plain ``pandas.read_csv``.

Parses the largest bundled file (by uncompressed size) with ``read_any`` and prints rows per
second and peak traced memory beside the same figures for ``pandas.read_csv(path, sep="\\t")``
on the same file, and the ratio. Run from the repository root:

    .venv/bin/python bench/bench_parsers.py [FILE] [--repeat N]
"""

from __future__ import annotations

import argparse
import gc
import gzip
import sys
import time
import tracemalloc
from collections.abc import Callable
from pathlib import Path

import pandas as pd

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from i4region.compute.parsers import read_any  # noqa: E402

DATA = ROOT / "src" / "i4region" / "data"


def largest_bundled() -> Path:
    """The bundled parseable file with the most uncompressed bytes."""
    candidates = [
        *(DATA / "eurostat").glob("*.tsv*"),
        *(DATA / "national").glob("*.csv"),
        *(DATA / "i40").glob("I40_indicator_db_NUTS2_*.tsv"),
    ]

    def size(p: Path) -> int:
        if p.suffix == ".gz":
            with gzip.open(p, "rb") as fh:
                return len(fh.read())
        return p.stat().st_size

    return max(candidates, key=size)


def measure(fn: Callable[[], object], repeat: int) -> tuple[float, int, object]:
    """Best wall time over ``repeat`` runs and peak traced memory (bytes) of one run."""
    best = float("inf")
    result = None
    for _ in range(repeat):
        gc.collect()
        t0 = time.perf_counter()
        result = fn()
        best = min(best, time.perf_counter() - t0)
    del result
    gc.collect()
    tracemalloc.start()
    result = fn()
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return best, peak, result


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("file", nargs="?", type=Path, help="file to parse (default: largest bundled)")
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args()
    path = args.file or largest_bundled()
    sep = "\t" if ".tsv" in path.name else ","

    t_floor, m_floor, floor = measure(lambda: pd.read_csv(path, sep=sep), args.repeat)
    # the whole long frame: a Eurostat TSV's rows are lazy until collected
    t_ours, m_ours, rows = measure(lambda: read_any(path).lazy().collect(), args.repeat)
    table = read_any(path)
    lines = len(floor)  # data lines (the header is not a row)
    obs = len(rows)

    print(f"file: {path.relative_to(ROOT) if path.is_relative_to(ROOT) else path}")
    print(f"format: {table.format}; {lines:,} data lines -> {obs:,} observations")
    print(f"{'':24}{'seconds':>10}{'lines/s':>14}{'obs/s':>14}{'peak MiB':>10}")
    print(
        f"{'pandas.read_csv (floor)':24}{t_floor:>10.3f}{lines / t_floor:>14,.0f}{'':>14}"
        f"{m_floor / 2**20:>10.1f}"
    )
    print(
        f"{'i4region read_any':24}{t_ours:>10.3f}{lines / t_ours:>14,.0f}{obs / t_ours:>14,.0f}"
        f"{m_ours / 2**20:>10.1f}"
    )
    print(
        f"ratio (ours / floor): time x{t_ours / t_floor:.2f}, peak memory x{m_ours / m_floor:.2f}"
    )


if __name__ == "__main__":
    main()
