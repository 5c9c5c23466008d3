"""Fixtures for the parser tests: hand-written files in tests/data, the bundled data files in
src/i4region/data, and a helper to write throw-away files for the error paths."""

from __future__ import annotations

import gzip
from collections.abc import Callable
from pathlib import Path

import pytest

DATA = Path(__file__).parent / "data"
BUNDLED = Path(__file__).resolve().parents[3] / "data"


@pytest.fixture
def data_dir() -> Path:
    return DATA


@pytest.fixture
def bundled() -> Path:
    """The product's bundled data folder; a missing file fails the test (never skipped)."""
    return BUNDLED


@pytest.fixture
def write(tmp_path: Path) -> Callable[..., Path]:
    """write(name, text_or_bytes, gz=False) -> path of a new file under tmp_path."""

    def _write(name: str, content: str | bytes, gz: bool = False) -> Path:
        raw = content.encode("utf-8") if isinstance(content, str) else content
        if gz:
            raw = gzip.compress(raw)
        path = tmp_path / name
        path.write_bytes(raw)
        return path

    return _write
