"""`i4region maturity score`: scores a file without storing it; bad input exits 2 on one line."""

import subprocess
import sys

import pytest

from i4region.maturity import definitions
from i4region.maturity.models import Response

from .conftest import answers_for


def write(path, spec, rows):
    lines = [",".join(["response_id", *spec.item_codes])]
    for rid, answers in rows:
        lines.append(",".join([rid, *[str(answers[c]) for c in spec.item_codes]]))
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def run(*args, cwd=None, lang="lt"):
    return subprocess.run(
        [sys.executable, "-m", "i4region", "maturity", *args],
        capture_output=True,
        text=True,
        env={"DEBUG": "1", "PATH": "/usr/bin:/bin", "LANGUAGE_CODE": lang},
        timeout=120,
        cwd=cwd,
    )


@pytest.mark.django_db
def test_score_writes_scores_csv_and_stores_nothing(tmp_path):
    spec = definitions.current("dma")
    write(tmp_path / "a.csv", spec, [("x1", answers_for(spec, 0)), ("x2", answers_for(spec, 5))])
    before = Response.objects.count()
    done = run(
        "score",
        "--model",
        "dma",
        "--answers",
        str(tmp_path / "a.csv"),
        "--out",
        str(tmp_path / "out"),
        cwd=tmp_path,
    )
    assert done.returncode == 0, done.stderr
    lines = (tmp_path / "out" / "scores.csv").read_text().splitlines()
    assert lines[0] == "response_id," + ",".join(spec.dimension_codes) + ",overall,band"
    assert lines[1].endswith(",0.0,basic")
    assert lines[2].endswith(",100.0,advanced")
    assert Response.objects.count() == before


def test_impuls_file_and_options(tmp_path):
    spec = definitions.current("impuls")
    write(tmp_path / "i.csv", spec, [("f1", {**answers_for(spec, 5), "autonomous_processes": 1})])
    done = run(
        "score",
        "--model",
        "impuls",
        "--answers",
        str(tmp_path / "i.csv"),
        "--out",
        str(tmp_path),
        cwd=tmp_path,
    )
    assert done.returncode == 0, done.stderr
    header, line = (tmp_path / "scores.csv").read_text().splitlines()
    assert header.endswith(",overall,group")
    assert line.split(",")[3] == "1.0"  # smart_operations: the lowest of 5, 5, 5, 1
    assert line.endswith(",4.6,leader")


@pytest.mark.parametrize(
    ("lang", "expected"),
    [
        ("lt", "b.csv: eilutė 3, stulpelis q11_04: „3“ nėra viena iš 0–2"),
        ("en", "b.csv: line 3, column q11_04: '3' is not one of 0–2"),
    ],
)
def test_bad_input_exits_2_with_one_line_naming_line_and_column(tmp_path, lang, expected):
    spec = definitions.current("dma")
    write(
        tmp_path / "b.csv",
        spec,
        [("x1", answers_for(spec, 0)), ("x2", {**answers_for(spec, 0), "q11_04": 3})],
    )
    done = run(
        "score",
        "--model",
        "dma",
        "--answers",
        str(tmp_path / "b.csv"),
        "--out",
        str(tmp_path),
        cwd=tmp_path,
        lang=lang,
    )
    assert done.returncode == 2
    assert done.stderr.strip() == f"CommandError: {expected}"
    assert "Traceback" not in done.stderr
    assert not (tmp_path / "scores.csv").exists()
    missing = run(
        "score",
        "--model",
        "dma",
        "--answers",
        str(tmp_path / "none.csv"),
        "--out",
        str(tmp_path),
        cwd=tmp_path,
    )
    assert missing.returncode == 2 and len(missing.stderr.strip().splitlines()) == 1
