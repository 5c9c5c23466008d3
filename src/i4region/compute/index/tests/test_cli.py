"""``i4region index compute|uncertainty|sensitivity`` as the shell runs it: without Django."""

import subprocess
import sys

import pandas as pd
import pytest

from i4region.compute.index import asem, cli

DATA = ["--idata", str(asem.IDATA), "--imeta", str(asem.IMETA)]


@pytest.fixture
def tomls(tmp_path):
    (tmp_path / "p.toml").write_text(asem.PIPELINE_TOML)
    (tmp_path / "u.toml").write_text(asem.INPUTS_TOML)
    return tmp_path


def index(*args):
    return cli.main([str(a) for a in args])


def test_compute_writes_every_dataset(tomls, capsys):
    out = tomls / "out"
    assert index("compute", *DATA, "--pipeline", tomls / "p.toml", "--out", out) == 0
    names = ["Raw", "Denominated", "Imputed", "Screened", "Treated", "Normalised", "Aggregated"]
    printed = capsys.readouterr().out.splitlines()
    for name in [*names, "results", "treatment"]:
        assert len(pd.read_csv(out / f"{name}.csv")) > 0
        assert str(out / f"{name}.csv") in printed
    agg = pd.read_csv(out / "Aggregated.csv")
    assert agg.columns[0] == "uCode" and {"Index", "Conn", "Physical", "LPI"} <= set(agg)


def test_uncertainty_and_sensitivity(tomls):
    common = [*DATA, "--pipeline", tomls / "p.toml", "--inputs", tomls / "u.toml"]
    assert index("uncertainty", *common, "--n", 200, "--seed", 1, "--out", tomls / "ua") == 0
    stats = pd.read_csv(tomls / "ua" / "rank_stats.csv")
    assert list(stats.columns) == ["uCode", "Nominal", "Mean", "Median", "Q5", "Q95"]
    assert len(stats) == 51
    assert index("sensitivity", *common, "--n", 50, "--nboot", 100, "--out", tomls / "sa") == 0
    sens = pd.read_csv(tomls / "sa" / "sensitivity.csv")
    assert list(sens["Variable"]) == ["Winsorisation", "Normalisation", "Weights", "Aggregation"]
    assert {"Si", "STi", "Si_q5", "Si_q95", "STi_q5", "STi_q95"} <= set(sens)


def test_bad_file_is_exit_code_2_with_location(tomls, capsys):
    bad = tomls / "bad.toml"
    bad.write_text('[[steps]]\nop = "normalise"\nmethod = "softmax"\n')
    assert index("compute", *DATA, "--pipeline", bad, "--out", tomls / "o") == 2
    err = capsys.readouterr().err
    assert str(bad) in err and "softmax" in err
    meta = tomls / "m.csv"
    meta.write_text(
        asem.IMETA.read_text().replace('"Physical","Indicator"', '"Phys","Indicator"', 1)
    )
    args = ["--idata", asem.IDATA, "--imeta", meta, "--pipeline", tomls / "p.toml"]
    assert index("compute", *args, "--out", tomls / "o") == 2
    err = capsys.readouterr().err
    assert "row 2" in err and "unknown parent 'Phys'" in err
    common = [*DATA, "--pipeline", tomls / "p.toml", "--inputs", tomls / "u.toml"]
    assert index("uncertainty", *common, "--n", 2, "--out", tomls / "o") == 2
    assert "--n must be at least 3" in capsys.readouterr().err


def test_the_shell_command_starts_without_django(tomls):
    """The whole process, through the `i4region` entry point, never imports Django."""
    code = (
        "import sys; from i4region.cli import main\n"
        "try:\n    main(sys.argv[1:])\n"
        "finally:\n    print('django loaded' if 'django' in sys.modules else 'no django')"
    )
    args = ["compute", *DATA, "--pipeline", str(tomls / "p.toml"), "--out", str(tomls / "o")]
    done = subprocess.run(
        [sys.executable, "-c", code, "index", *args], capture_output=True, text=True, check=False
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines()[-1] == "no django"
    assert str(tomls / "o" / "results.csv") in done.stdout
