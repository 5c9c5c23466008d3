"""Benchmark maturity scoring: 100,000 DMA responses from a wide CSV, against reading the same
file with plain ``pandas.read_csv`` in the same run.

Writes a reproducible file (fixed random seed) under bench/out/, then times reading it with pandas
and reading + validating + scoring it with ``read_answers`` and ``score_frame``, and reports both
the time and the peak traced memory as ratios to pandas. Run from the repository root:

    .venv/bin/python bench/bench_maturity.py [--rows N] [--repeat N] [--model dma|impuls]
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import numpy as np
import pandas as pd

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from bench_parsers import measure  # noqa: E402  (best time and peak traced memory)

from i4region.compute.maturity import load_spec, read_answers, score_frame  # noqa: E402

DEFINITIONS = ROOT / "src" / "i4region" / "maturity" / "definitions"
OUT = ROOT / "bench" / "out"


def make_file(model: str, rows: int, seed: int = 2026) -> Path:
    """A wide CSV of `rows` random but valid responses (written once per size and model)."""
    spec = load_spec(DEFINITIONS / f"{model}-1.0.toml")
    path = OUT / f"maturity_{model}_{rows}.csv"
    if path.exists():
        return path
    OUT.mkdir(parents=True, exist_ok=True)
    rng = np.random.default_rng(seed)
    scales = spec.item_scale()
    data = {"response_id": [f"r{i}" for i in range(rows)]}
    for code in spec.item_codes:
        data[code] = rng.integers(scales[code].low, scales[code].high + 1, size=rows, dtype=np.int8)
    pd.DataFrame(data).to_csv(path, index=False)
    return path


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--model", default="dma", choices=("dma", "impuls"))
    args = parser.parse_args(argv)
    spec = load_spec(DEFINITIONS / f"{args.model}-1.0.toml")
    path = make_file(args.model, args.rows)
    base_time, base_mem, _ = measure(lambda: pd.read_csv(path), args.repeat)
    ours_time, ours_mem, scored = measure(
        lambda: score_frame(spec, read_answers(spec, path)), args.repeat
    )
    assert len(scored) == args.rows
    mb = 1024 * 1024
    print(
        f"file: {path.name} ({path.stat().st_size / mb:.1f} MB, {args.rows} responses, {len(spec.item_codes)} items)"
    )
    print(f"pandas.read_csv          : {base_time:7.3f} s  peak {base_mem / mb:7.1f} MB")
    print(f"read_answers+score_frame : {ours_time:7.3f} s  peak {ours_mem / mb:7.1f} MB")
    print(
        f"ratio to pandas          : time {ours_time / base_time:.2f}×, memory {ours_mem / base_mem:.2f}×"
    )
    print(f"throughput               : {args.rows / ours_time:,.0f} responses/s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
