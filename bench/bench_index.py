"""Benchmark of the composite-index engine on COINr's ASEM example (51 units x 49 indicators).

Every figure is CPU time (user + system), the median of a few runs, printed as a ratio against
COINr's recorded figure and against a floor measured in the same run:

* COINr 1.1.14: 119 s CPU for the whole process of an uncertainty analysis with N = 500 on this
  2-core machine (issue #16), i.e. 0.238 s per rebuild; R is not installed here, so the figure is
  the recorded one.
* whole-process floor: a Python process that only imports numpy, pandas and scipy, the libraries
  the engine cannot start without;
* computation floor: aggregating the same N weight sets on the nominal normalised data, the
  arithmetic every draw needs even with nothing rebuilt.

Run: .venv/bin/python bench/bench_index.py
"""

from __future__ import annotations

import resource
import statistics
import subprocess
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

import numpy as np

from i4region.compute.index import asem
from i4region.compute.index.pipeline import Index
from i4region.compute.index.steps import aggregate
from i4region.compute.index.uncertainty import run_sensitivity, run_uncertainty

COINR_UA500_CPU_S = 119.0
COINR_PER_REBUILD_S = COINR_UA500_CPU_S / 500
REPEAT = 5


def cpu(fn, repeat: int = REPEAT) -> float:
    """Median CPU seconds of ``fn()`` in this process."""
    times = []
    for _ in range(repeat):
        t0 = time.process_time()
        fn()
        times.append(time.process_time() - t0)
    return statistics.median(times)


def child_cpu(args: list[str], repeat: int = 3) -> float:
    """Median CPU seconds (user + system) of a whole child process."""
    times = []
    for _ in range(repeat):
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        subprocess.run(args, check=True, stdout=subprocess.DEVNULL)
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        times.append(after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime)
    return statistics.median(times)


def aggregation_floor(index: Index, n: int) -> float:
    """CPU of aggregating n weight sets of the nominal normalised data, nothing rebuilt."""
    data = index.data
    step = index.step("aggregate")
    base = aggregate.weight_vector(data, index.details["Aggregated"]["Weights"])
    levels = aggregate.per_level(step.params, data.structure.max_level - 1)
    values = index.datasets["Normalised"].values
    w = base * np.random.default_rng(1).uniform(0.75, 1.25, (n, base.size))
    return cpu(lambda: aggregate.aggregate_values(values, data, w, levels, None))


def ratio_line(label: str, seconds: float, coinr: float, floor: float) -> str:
    return (
        f"{label:34} {seconds:8.3f} s   {coinr / seconds:8.0f}x COINr   "
        f"{seconds / floor:6.1f}x the floor ({floor:.3f} s)"
    )


def main() -> None:
    data = asem.load()
    index = Index.from_specs(data, asem.pipeline())
    inputs = asem.inputs()
    d = len(inputs)
    print("ASEM example: 51 units x 49 indicators, 4 levels, 4 uncertain inputs (CPU seconds)")

    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        (folder / "p.toml").write_text(asem.PIPELINE_TOML)
        (folder / "u.toml").write_text(asem.INPUTS_TOML)
        args = ["uncertainty", "--idata", str(asem.IDATA), "--imeta", str(asem.IMETA)]
        args += ["--pipeline", str(folder / "p.toml"), "--inputs", str(folder / "u.toml")]
        args += ["--n", "500", "--out", str(folder / "ua")]
        whole = child_cpu([sys.executable, "-m", "i4region", "index", *args])
        through_django = child_cpu(
            [
                sys.executable,
                "-c",
                "import sys, django, os; os.environ['DJANGO_SETTINGS_MODULE'] = "
                "'i4region.settings'; django.setup(); from django.core.management import "
                "call_command; call_command('index', *sys.argv[1:])",
                *args,
            ]
        )
    floor = child_cpu([sys.executable, "-c", "import numpy, pandas, scipy.stats"])
    print("\nwhole process, UA N=500 (COINr 119 s):")
    print(ratio_line("i4region index (no Django)", whole, COINR_UA500_CPU_S, floor))
    print(ratio_line("the same through Django", through_django, COINR_UA500_CPU_S, floor))

    print("\ncomputation only (COINr per rebuild 0.238 s, from UA N=500):")
    for n in (100, 500, 5000):
        t = cpu(lambda n=n: run_uncertainty(index, inputs, n, seed=1))
        fl = aggregation_floor(index, n)
        print(ratio_line(f"UA N={n} ({n} rebuilds)", t, n * COINR_PER_REBUILD_S, fl))
    for n in (100, 500):
        runs = n * (d + 2)
        t = cpu(lambda n=n: run_sensitivity(index, inputs, n, seed=1, nboot=1000), repeat=3)
        fl = aggregation_floor(index, runs)
        print(ratio_line(f"SA N={n} ({runs} rebuilds)", t, runs * COINR_PER_REBUILD_S, fl))

    print("\nbounded memory: peak traced memory of UA beside the size of its result")
    baseline = None
    for n in (5000, 100_000):
        batches: list[int] = []
        tracemalloc.start()
        t0 = time.process_time()
        result = run_uncertainty(
            index, inputs, n, seed=1, progress=lambda d, t, b=batches: b.append(d)
        )
        seconds = time.process_time() - t0
        _, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
        kept = result.scores.nbytes + result.ranks.nbytes
        working = peak - kept
        baseline = baseline or working
        print(
            f"UA N={n:<7} {seconds:7.2f} s CPU, {len(batches):4} progress reports, peak "
            f"{peak / 2**20:6.1f} MiB = result {kept / 2**20:6.1f} MiB + working "
            f"{working / 2**20:5.1f} MiB ({working / baseline:.2f}x N=5000's)"
        )


if __name__ == "__main__":
    main()
