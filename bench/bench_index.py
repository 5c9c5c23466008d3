"""Benchmark of the composite-index engine on COINr's ASEM example (51 units x 49 indicators).

Prints full rebuilds per second (one index rebuild at a time, and vectorised draws), UA and SA
wall time for N = 100, 500, 5000, peak memory, and the speed-up against COINr's reference of
0.125 s per rebuild (UA N=500: 62 s; SA N=100, d=4: 76 s on a 2-core machine).

Run: .venv/bin/python bench/bench_index.py
"""

from __future__ import annotations

import time
import tracemalloc
from pathlib import Path

from i4region.compute.index import load_index_data
from i4region.compute.index.pipeline import Index
from i4region.compute.index.uncertainty import UncertainInput, run_sensitivity, run_uncertainty

ASEM = Path(__file__).resolve().parents[1] / "src" / "i4region" / "data" / "coinr-asem"
REFERENCE_S_PER_REBUILD = 0.125
PIPELINE = [
    {"op": "denominate"},
    {"op": "impute", "method": "mean_group", "group": "EurAsia_group"},
    {"op": "screen", "min_availability": 0.9, "by": "missing"},
    {"op": "treat", "winmax": 5},
    {"op": "normalise", "method": "minmax", "range": [1, 100]},
    {"op": "aggregate", "method": "amean"},
]
INPUTS = [
    UncertainInput("Winmax", "treat.winmax", values=(1, 2, 3, 4, 5)),
    UncertainInput(
        "Normalisation",
        "normalise",
        values=({"method": "minmax", "range": [1, 100]}, {"method": "zscore", "mean": 10, "sd": 2}),
    ),
    UncertainInput("Weights", "aggregate.weights", noise_levels=(2, 3), noise_factor=0.25),
    UncertainInput("Aggregation", "aggregate.method", values=("amean", "gmean")),
]


def timed(fn, repeat: int = 1) -> float:
    best = float("inf")
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()
        best = min(best, time.perf_counter() - t0)
    return best


def main() -> None:
    data = load_index_data(ASEM / "ASEM_iData.csv", ASEM / "ASEM_iMeta.csv")
    index = Index.from_specs(data, PIPELINE)

    single = timed(lambda: Index.from_specs(data, PIPELINE), repeat=5)
    print("ASEM example: 51 units x 49 indicators, 4 levels, 4 uncertain inputs")
    print(
        f"single full rebuild          : {single * 1e3:8.1f} ms  "
        f"({1 / single:8.1f} rebuilds/s, {REFERENCE_S_PER_REBUILD / single:6.1f}x COINr)"
    )

    rows = []
    for n in (100, 500, 5000):
        t_ua = timed(lambda n=n: run_uncertainty(index, INPUTS, n, seed=1), repeat=3)
        rows.append(("UA", n, n, t_ua))
    for n in (100, 500, 5000):
        d = len(INPUTS)
        t_sa = timed(lambda n=n: run_sensitivity(index, INPUTS, n, seed=1, nboot=1000))
        rows.append(("SA", n, n * (d + 2), t_sa))

    print(
        f"\n{'analysis':8} {'N':>6} {'rebuilds':>9} {'wall s':>9} {'rebuilds/s':>11} "
        f"{'COINr s':>9} {'speed-up':>9}"
    )
    for kind, n, runs, t in rows:
        ref = runs * REFERENCE_S_PER_REBUILD
        print(f"{kind:8} {n:6d} {runs:9d} {t:9.3f} {runs / t:11.0f} {ref:9.1f} {ref / t:8.0f}x")

    tracemalloc.start()
    run_uncertainty(index, INPUTS, 5000, seed=1)
    _, peak_ua = tracemalloc.get_traced_memory()
    tracemalloc.reset_peak()
    run_sensitivity(index, INPUTS, 500, seed=1, nboot=1000)
    _, peak_sa = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    print(
        f"\npeak memory (tracemalloc): UA N=5000 {peak_ua / 2**20:.1f} MiB, "
        f"SA N=500 {peak_sa / 2**20:.1f} MiB"
    )


if __name__ == "__main__":
    main()
