"""Every command, server worker and job worker starts by loading the apps; what only some pages or
jobs use (the index engine's scipy, the network analysis, pandas) is loaded when first used, so
that a short command such as an import does not wait for it."""

import subprocess
import sys

from i4region.testing import instance_env

HEAVY = (
    "scipy",
    "networkx",
    "igraph",
    "pandas",
    "i4region.compute.index",
    "i4region.compute.network",
)

PROBE = (
    "import sys, django\n"
    "django.setup()\n"
    f"print(' '.join(m for m in {HEAVY!r} if m in sys.modules) or 'none')\n"
)


def test_loading_the_apps_loads_no_engine_network_analysis_or_pandas(tmp_path):
    probe = subprocess.run(
        [sys.executable, "-c", PROBE],
        env=instance_env(tmp_path),
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert probe.returncode == 0, probe.stderr
    assert probe.stdout.split() == ["none"]
