"""Imports refuse what would hurt: a decompression bomb, an impossible release, a race."""

import gzip
import os
import subprocess
import sys
import zlib
from importlib import resources
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.utils import translation

from i4region.observatory import staging
from i4region.observatory.importing import ImportRefused, import_table, read_table, sha256_of
from i4region.observatory.models import ImportBatch, Observation

from .test_import import state

pytestmark = pytest.mark.django_db

GDP = resources.files("i4region") / "data" / "eurostat" / "nama_10r_3gdp_2024-05.tsv.gz"
SRC = Path(__file__).resolve().parents[3]


def write_bomb(path: Path, gigabytes: int = 4) -> None:
    """A valid gzip of a Eurostat header then zeros: about 4 MB that expand to `gigabytes` GB.

    One member of 64 MB of zeros is compressed once and repeated; gzip readers read
    concatenated members as one stream.
    """
    header = b"freq,unit,geo\\TIME_PERIOD\t2020 \n"
    zeros = zlib.compressobj(9, zlib.DEFLATED, 31)
    member = zeros.compress(b"0" * (64 << 20)) + zeros.flush()
    with open(path, "wb") as fh:
        fh.write(gzip.compress(header))
        for _ in range(gigabytes * 16):
            fh.write(member)


def test_a_gzip_bomb_is_refused_in_one_line_with_little_memory(tmp_path):
    bomb = tmp_path / "bomb_2024-01.tsv.gz"
    write_bomb(bomb)
    assert bomb.stat().st_size < 6 << 20
    code = (
        "import resource, subprocess, sys\n"
        "p = subprocess.run([sys.executable, '-m', 'i4region', 'import', sys.argv[1]],"
        " capture_output=True, text=True)\n"
        "print(p.returncode); print(repr(p.stderr)); "
        "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)\n"
    )
    env = {
        **os.environ,
        "PYTHONPATH": str(SRC),
        "DJANGO_SETTINGS_MODULE": "i4region.settings_test",
        "LANGUAGE_CODE": "en",
    }
    result = subprocess.run(
        [sys.executable, "-c", code, str(bomb)], capture_output=True, text=True, env=env
    )
    returncode, stderr, max_rss_kb = result.stdout.strip().splitlines()
    stderr = eval(stderr)  # the repr printed above
    assert returncode == "2"
    assert stderr.count("\n") == 1 and "more than 128 MB of text" in stderr, stderr
    assert "Traceback" not in stderr
    assert int(max_rss_kb) < 500 * 1024


def test_a_release_that_cannot_exist_is_refused_by_the_import_and_the_api(client):
    before = state()
    with (
        translation.override("en"),
        pytest.raises(CommandError, match="month 19 does not exist") as refused,
    ):
        call_command("import", str(GDP), "--vintage", "2099-19")
    assert refused.value.returncode == 2
    response = client.get(
        "/api/v1/series", {"indicator": "population", "region": "LT025", "vintage": "2099-19"}
    )
    assert response.status_code == 400
    assert "month 19 does not exist" in response.json()["detail"]
    with translation.override("en"), pytest.raises(CommandError, match="after next month"):
        call_command("import", str(GDP), "--vintage", "2099-10")
    assert state() == before


def test_two_imports_of_one_release_at_once_end_in_a_message(monkeypatch):
    """The second import read the release before the first committed: the database's unique
    rule stops it, and the operator reads why instead of an IntegrityError traceback."""
    table = read_table(GDP)
    before = state()
    monkeypatch.setattr(staging, "mark", lambda stage, vintage: None)  # sees nothing stored
    with (
        translation.override("en"),
        pytest.raises(ImportRefused, match="another import of release 2024-05"),
    ):
        import_table(
            table,
            file_name=GDP.name,
            sha256=sha256_of(GDP),
            vintage="2024-05",
            maps=importing_maps(),
        )
    assert state() == before
    assert ImportBatch.objects.filter(vintage="2024-05").count() == 1
    assert Observation.objects.filter(vintage="2024-05").exists()


def importing_maps():
    from i4region.observatory.catalogue import maps_for_dataset

    return maps_for_dataset("nama_10r_3gdp")


@pytest.mark.parametrize(
    "path, params, status",
    [
        ("/en/regions/", {"q": "Pane\x00"}, 400),
        ("/en/regions/LT025/", {"peers": "LT022,\x00"}, 400),
        ("/en/observatory/indicators/population/", {"region": "LT\x00025"}, 400),
        ("/en/observatory/indicators/population/data.csv", {"region": "\x00"}, 400),
        ("/en/regions/LT%00025/", {}, 400),
        ("/api/v1/series", {"indicator": "population", "region": "LT\x00"}, 400),
        ("/api/v1/series", {"indicator": "population", "region": "LT025", "vintage": "\x00"}, 400),
    ],
)
def test_a_nul_byte_is_a_bad_request_never_a_server_error(client, path, params, status):
    assert client.get(path, params).status_code == status


def test_a_computed_table_becomes_an_indicator_and_one_release(client):
    from i4region.observatory.importing import publish_table

    definition = {
        "code": "maturity_mean_score",
        "name_en": "Mean maturity score of assessed companies",
        "name_lt": "Vidutinis įvertintų įmonių brandos balas",
        "unit_en": "score 0–5",
        "unit_lt": "balas 0–5",
        "theme": "digital",
        "publisher": "i4region self-assessment, wave T0 2026",
        "source_dataset": "i4region_maturity_t0",
        "levels": "3",
    }
    rows = [("LT025", "2026", 2.4, ""), ("XX999", "2026", 1.0, "")]
    report = publish_table(definition, rows, vintage="2026-11", dataset="i4region_maturity_t0")
    assert (report.added, report.unknown_regions) == (1, ["XX999"])
    again = publish_table(definition, rows, vintage="2026-11", dataset="i4region_maturity_t0")
    assert (again.added, again.unchanged) == (0, 1)
    o = client.get(
        "/api/v1/series", {"indicator": "maturity_mean_score", "region": "LT025"}
    ).json()["observations"][0]
    assert (o["value"], o["vintage"], o["dataset"]) == (2.4, "2026-11", "i4region_maturity_t0")
    assert o["source"] == ("Source: i4region self-assessment, wave T0 2026 (i4region_maturity_t0)")
