"""A setting the environment gets wrong stops start-up with one line naming it, not a traceback."""

import os
import subprocess
import sys

import pytest


@pytest.mark.parametrize(
    ("name", "value"),
    [("JOBS_FILES_DAYS", "-3"), ("SESSION_IDLE_TIMEOUT", "5"), ("EMAIL_PORT", "twenty-five")],
)
def test_a_number_setting_that_is_not_a_number_is_one_clear_line(name, value, tmp_path):
    result = subprocess.run(
        [sys.executable, "-m", "i4region", "check"],
        env={**os.environ, "DEBUG": "true", "I4REGION_HOME": str(tmp_path), name: value},
        capture_output=True,
        text=True,
    )
    assert result.returncode != 0
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert name in lines[0] and repr(value) in lines[0] and "whole number" in lines[0]
