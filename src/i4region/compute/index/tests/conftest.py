"""Shared fixtures: the ASEM example shipped with the product and the Handbook test data."""

from __future__ import annotations

from pathlib import Path

import pytest

from i4region.compute.index import load_index_data
from i4region.compute.index.pipeline import Index

HERE = Path(__file__).parent
DATA = HERE / "data"
ASEM = HERE.parents[2] / "data" / "coinr-asem"

# COINr build_example_coin(): Denominate, Impute(i_mean_grp, EurAsia_group),
# Screen(byNA, 0.9), Treat (defaults, winmax 5), Normalise(minmax 0-100), Aggregate(amean)
EXAMPLE_COIN = [
    {"op": "denominate"},
    {"op": "impute", "method": "mean_group", "group": "EurAsia_group"},
    {"op": "screen", "min_availability": 0.9, "by": "missing"},
    {"op": "treat", "winmax": 5},
    {"op": "normalise", "method": "minmax", "range": [0, 100]},
    {"op": "aggregate", "method": "amean"},
]


@pytest.fixture(scope="session")
def asem():
    return load_index_data(ASEM / "ASEM_iData.csv", ASEM / "ASEM_iMeta.csv")


@pytest.fixture(scope="session")
def asem_panel():
    return load_index_data(ASEM / "ASEM_iData_p.csv", ASEM / "ASEM_iMeta.csv")


@pytest.fixture(scope="session")
def example_coin(asem):
    return Index.from_specs(asem, EXAMPLE_COIN)
