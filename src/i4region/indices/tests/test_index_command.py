"""``index`` as a Django management command (``call_command``): the same arguments and work as the
shell command, tested in full in ``compute/index/tests/test_cli.py``; errors are CommandErrors."""

import pandas as pd
import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from i4region.compute.index import asem

DATA = ["--idata", str(asem.IDATA), "--imeta", str(asem.IMETA)]


def test_call_command_computes_and_refuses_bad_input_with_exit_code_2(tmp_path):
    pipeline = tmp_path / "p.toml"
    pipeline.write_text(asem.PIPELINE_TOML)
    call_command("index", "compute", *DATA, "--pipeline", str(pipeline), "--out", str(tmp_path))
    assert {"Index", "Conn"} <= set(pd.read_csv(tmp_path / "Aggregated.csv"))
    bad = tmp_path / "bad.toml"
    bad.write_text('[[steps]]\nop = "normalise"\nmethod = "softmax"\n')
    with pytest.raises(CommandError) as exc:
        call_command("index", "compute", *DATA, "--pipeline", str(bad), "--out", str(tmp_path))
    assert exc.value.returncode == 2 and "softmax" in str(exc.value)
