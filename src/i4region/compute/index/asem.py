"""COINr's ASEM example (51 countries, 49 indicators, 4 levels), bundled under
``data/coinr-asem``: its files, the pipeline of COINr's ``build_example_coin()`` (normalised to
1–100) and the four uncertain inputs of COINr's sensitivity vignette. One description for the
engine's tests, the command-line tests and ``bench/bench_index.py``."""

from __future__ import annotations

import tomllib
from importlib import resources
from pathlib import Path

from .data import IndexData, load_index_data
from .files import NOMINAL_METHOD_TOML, method_choices_toml, parse_inputs
from .uncertainty import UncertainInput

FOLDER = Path(str(resources.files("i4region") / "data" / "coinr-asem"))
IDATA = FOLDER / "ASEM_iData.csv"
IDATA_PANEL = FOLDER / "ASEM_iData_p.csv"
IMETA = FOLDER / "ASEM_iMeta.csv"

PIPELINE_TOML = f"""\
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

{NOMINAL_METHOD_TOML}"""

INPUTS_TOML = method_choices_toml(noise_levels=(2, 3))


def pipeline() -> list[dict]:
    """The pipeline as step tables (a fresh copy: callers may change it)."""
    return tomllib.loads(PIPELINE_TOML)["steps"]


def inputs() -> list[UncertainInput]:
    return parse_inputs(tomllib.loads(INPUTS_TOML), "ASEM inputs")


def load(panel: bool = False) -> IndexData:
    return load_index_data(IDATA_PANEL if panel else IDATA, IMETA)
