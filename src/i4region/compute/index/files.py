"""Files in and out: pipeline and inputs TOML, and the CSV outputs of ``i4region index``.

The two public functions here, :func:`compute` and :func:`analyse`, are what the command line
runs; they take paths, return the paths written, and raise :class:`~.data.IndexInputError` (file, row/key, what is wrong) for any
bad input, never a bare exception from deep inside.
"""

from __future__ import annotations

import tomllib
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import pandas as pd

from .analysis import results_table
from .data import IndexInputError, load_index_data
from .pipeline import Index, PipelineError, make_steps
from .steps._params import StepError
from .uncertainty import UncertainInput, run_sensitivity, run_uncertainty

FLOAT_FORMAT = "%.17g"


def _read_toml(path: Path | str) -> dict[str, Any]:
    try:
        with open(path, "rb") as fh:
            return tomllib.load(fh)
    except FileNotFoundError:
        raise IndexInputError("file not found", str(path)) from None
    except tomllib.TOMLDecodeError as exc:
        raise IndexInputError(f"not valid TOML ({exc})", str(path)) from None


def _located(exc: PipelineError, path: Path | str, table: str) -> IndexInputError:
    parts = [f"[[{table}]] #{exc.step}"] if exc.step is not None else []
    if exc.key:
        parts.append(f"key '{exc.key}'")
    return IndexInputError(exc.message, str(path), key=", ".join(parts) or None)


def read_pipeline(path: Path | str) -> list[dict[str, Any]]:
    """The ``[[steps]]`` tables of a pipeline file, checked (ops, methods, parameter types)."""
    doc = _read_toml(path)
    unknown = [k for k in doc if k != "steps"]
    if unknown:
        raise IndexInputError(
            f"unknown top-level key '{unknown[0]}' (expected [[steps]])", str(path)
        )
    steps = doc.get("steps")
    if not isinstance(steps, list) or not steps:
        raise IndexInputError("no [[steps]] tables", str(path))
    try:
        make_steps(steps)
    except PipelineError as exc:
        raise _located(exc, path, "steps") from None
    return steps


NOMINAL_METHOD_TOML = """\
[[steps]]
op = "treat"               # winsorise up to 5 points, log-transform what stays skewed
winmax = 5

[[steps]]
op = "normalise"
method = "minmax"
range = [1, 100]

[[steps]]
op = "aggregate"
method = "amean"           # with the iMeta weights
"""
"""The last steps of a pipeline with COINr's default method: the nominal choices that
:func:`method_choices_toml` varies."""


def method_choices_toml(noise_levels: Sequence[int]) -> str:
    """The four method choices of COINr's sensitivity vignette as an uncertain-inputs file: the
    winsorisation limit (1–5), min-max 1–100 or z-score 10 ± 2, weights ± 25 % at the given
    levels, and the arithmetic or geometric mean."""
    levels = ", ".join(str(v) for v in noise_levels)
    return f"""\
[[input]]
name = "Winsorisation"
parameter = "treat.winmax"
values = [1, 2, 3, 4, 5]

[[input]]
name = "Normalisation"
parameter = "normalise"
values = [{{method = "minmax", range = [1, 100]}}, {{method = "zscore", mean = 10, sd = 2}}]

[[input]]
name = "Weights"
parameter = "aggregate.weights"
noise = {{levels = [{levels}], factor = 0.25}}

[[input]]
name = "Aggregation"
parameter = "aggregate.method"
values = ["amean", "gmean"]
"""


def read_inputs(path: Path | str) -> list[UncertainInput]:
    """The ``[[input]]`` tables of an uncertainty file."""
    return parse_inputs(_read_toml(path), path)


def parse_inputs(doc: dict[str, Any], path: Path | str) -> list[UncertainInput]:
    """The ``[[input]]`` tables of a parsed uncertainty document (``path`` names it in errors)."""
    items = doc.get("input")
    if not isinstance(items, list) or not items:
        raise IndexInputError("no [[input]] tables", str(path))
    out = []
    for k, item in enumerate(items, start=1):

        def bad(key: str, msg: str, k: int = k) -> IndexInputError:
            return IndexInputError(msg, str(path), key=f"[[input]] #{k}, key '{key}'")

        extra = set(item) - {"name", "parameter", "values", "noise"}
        if extra:
            raise bad(sorted(extra)[0], "unknown key (name, parameter, values, noise)")
        name, param = item.get("name"), item.get("parameter")
        if not isinstance(name, str) or not name:
            raise bad("name", 'needs name = "…"')
        if not isinstance(param, str) or not param:
            raise bad("parameter", 'needs parameter = "op.key" or "op"')
        if ("values" in item) == ("noise" in item):
            raise bad("values", "give either values = [...] or noise = {levels, factor}")
        if "values" in item:
            values = item["values"]
            if not isinstance(values, list) or not values:
                raise bad("values", "must be a non-empty list")
            out.append(UncertainInput(name, param, values=tuple(values)))
            continue
        noise = item["noise"]
        if not isinstance(noise, dict) or set(noise) - {"levels", "factor"}:
            raise bad("noise", "must be {levels = [..], factor = f}")
        levels, factor = noise.get("levels"), noise.get("factor", 0.25)
        if (
            not isinstance(levels, list)
            or not levels
            or not all(isinstance(v, int) and not isinstance(v, bool) for v in levels)
        ):
            raise bad("noise.levels", "must be a list of level numbers")
        if isinstance(factor, bool) or not isinstance(factor, (int, float)) or not 0 <= factor < 1:
            raise bad("noise.factor", "must be a number in [0, 1)")
        out.append(
            UncertainInput(name, param, noise_levels=tuple(levels), noise_factor=float(factor))
        )
    return out


def write_csv(df: pd.DataFrame, path: Path) -> Path:
    df.to_csv(path, index=False, float_format=FLOAT_FORMAT, na_rep="NA")
    return path


def treatment_table(index: Index) -> pd.DataFrame:
    """Per indicator: skew and kurtosis before and after, points winsorised, whether logged."""
    det = index.details.get("Treated")
    if det is None:
        return pd.DataFrame(
            columns=[
                "iCode",
                "Pass0",
                "Skew0",
                "Kurt0",
                "nwin",
                "Pass1",
                "Skew1",
                "Kurt1",
                "Logged",
                "Pass2",
                "Skew2",
                "Kurt2",
                "Winsorised",
            ]
        )
    return det["Dets_Table"]


def _build(idata: Path | str, imeta: Path | str, pipeline: Path | str) -> Index:
    data = load_index_data(idata, imeta)
    steps = read_pipeline(pipeline)
    return _guard(lambda: Index.from_specs(data, steps), pipeline)


def _guard(fn: Callable[[], Any], path: Path | str) -> Any:
    try:
        return fn()
    except StepError as exc:
        raise IndexInputError(str(exc), str(path)) from None
    except PipelineError as exc:
        raise _located(exc, path, "input") from None


def compute(
    idata: Path | str, imeta: Path | str, pipeline: Path | str, out: Path | str
) -> list[Path]:
    """Build the index and write each data set, results.csv and treatment.csv."""
    index = _build(idata, imeta, pipeline)
    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    written = [write_csv(index.dataset(name), out / f"{name}.csv") for name in index.datasets]
    if index.step("aggregate") is not None:
        written.append(write_csv(results_table(index), out / "results.csv"))
    written.append(write_csv(treatment_table(index), out / "treatment.csv"))
    return written


def analyse(
    action: str,
    idata: Path | str,
    imeta: Path | str,
    pipeline: Path | str,
    inputs: Path | str,
    n: int,
    seed: int,
    out: Path | str,
    nboot: int = 1000,
) -> list[Path]:
    """``uncertainty``: rank_stats.csv of the top aggregate; ``sensitivity``: sensitivity.csv
    (Si, STi, bootstrap intervals) and rank_stats.csv."""
    index = _build(idata, imeta, pipeline)
    specs = read_inputs(inputs)
    out = Path(out)
    if action == "uncertainty":
        res = _guard(lambda: run_uncertainty(index, specs, n, seed), inputs)
        tables = {"rank_stats": res.rank_stats}
    else:
        res = _guard(lambda: run_sensitivity(index, specs, n, seed, nboot), inputs)
        tables = {"sensitivity": res.sensitivity, "rank_stats": res.rank_stats}
    out.mkdir(parents=True, exist_ok=True)
    return [write_csv(df, out / f"{name}.csv") for name, df in tables.items()]
