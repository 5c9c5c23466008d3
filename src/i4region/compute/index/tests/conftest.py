"""Shared fixtures: the ASEM example shipped with the product and the Handbook test data."""

from __future__ import annotations

from pathlib import Path

import pytest

from i4region.compute.index import asem as example
from i4region.compute.index.pipeline import Index

HERE = Path(__file__).parent
DATA = HERE / "data"
ASEM = example.FOLDER

# COINr build_example_coin(): Denominate, Impute(i_mean_grp, EurAsia_group),
# Screen(byNA, 0.9), Treat (defaults, winmax 5), Normalise(minmax 0-100), Aggregate(amean)
EXAMPLE_COIN = [
    {**step, "range": [0, 100]} if step["op"] == "normalise" else step
    for step in example.pipeline()
]


@pytest.fixture(scope="session")
def asem():
    return example.load()


@pytest.fixture(scope="session")
def asem_panel():
    return example.load(panel=True)


@pytest.fixture(scope="session")
def example_coin(asem):
    return Index.from_specs(asem, EXAMPLE_COIN)
