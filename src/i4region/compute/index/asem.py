"""COINr's ASEM example (51 countries, 49 indicators, 4 levels), bundled under
``data/coinr-asem``: its files, the pipeline of COINr's ``build_example_coin()`` (normalised to
1–100) and the four uncertain inputs of COINr's sensitivity vignette. One description for the
engine's tests, the command-line tests and ``bench/bench_index.py``."""

from __future__ import annotations

import tomllib
from importlib import resources
from pathlib import Path

from .data import IndexData, load_index_data
from .files import parse_inputs
from .uncertainty import UncertainInput

FOLDER = Path(str(resources.files("i4region") / "data" / "coinr-asem"))
IDATA = FOLDER / "ASEM_iData.csv"
IDATA_PANEL = FOLDER / "ASEM_iData_p.csv"
IMETA = FOLDER / "ASEM_iMeta.csv"

PIPELINE_TOML = """\
[[steps]]
op = "denominate"
[[steps]]
op = "impute"
method = "mean_group"
group = "EurAsia_group"
[[steps]]
op = "screen"
min_availability = 0.9
by = "missing"
[[steps]]
op = "treat"
winmax = 5
[[steps]]
op = "normalise"
method = "minmax"
range = [1, 100]
[[steps]]
op = "aggregate"
method = "amean"
"""

INPUTS_TOML = """\
[[input]]
name = "Winmax"
parameter = "treat.winmax"
values = [1, 2, 3, 4, 5]
[[input]]
name = "Normalisation"
parameter = "normalise"
values = [{method = "minmax", range = [1, 100]}, {method = "zscore", mean = 10, sd = 2}]
[[input]]
name = "Weights"
parameter = "aggregate.weights"
noise = {levels = [2, 3], factor = 0.25}
[[input]]
name = "Aggregation"
parameter = "aggregate.method"
values = ["amean", "gmean"]
"""


def pipeline() -> list[dict]:
    """The pipeline as step tables (a fresh copy: callers may change it)."""
    return tomllib.loads(PIPELINE_TOML)["steps"]


def inputs() -> list[UncertainInput]:
    return parse_inputs(tomllib.loads(INPUTS_TOML), "ASEM inputs")


def load(panel: bool = False) -> IndexData:
    return load_index_data(IDATA_PANEL if panel else IDATA, IMETA)
