"""The parsers are pure: importing them must not import Django (the importer, CLI and tests use
them without a database)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

SRC = Path(__file__).resolve().parents[4]


def test_no_django_import():
    code = (
        "import sys; import i4region.compute.parsers as p; "
        "assert not any(m == 'django' or m.startswith('django.') for m in sys.modules), 'django'"
    )
    subprocess.run([sys.executable, "-c", code], check=True, env={"PYTHONPATH": str(SRC)})
