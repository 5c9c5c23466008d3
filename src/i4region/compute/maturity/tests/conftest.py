from pathlib import Path

import pytest

from i4region.compute.maturity import load_spec

DEFINITIONS = Path(__file__).resolve().parents[3] / "maturity" / "definitions"


@pytest.fixture(scope="session")
def dma():
    return load_spec(DEFINITIONS / "dma-1.0.toml")


@pytest.fixture(scope="session")
def impuls():
    return load_spec(DEFINITIONS / "impuls-1.0.toml")


@pytest.fixture
def blank(dma):
    """A DMA response with nothing ticked and every scale at 0."""
    return dict.fromkeys(dma.item_codes, 0)
