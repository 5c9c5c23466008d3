"""`i4region import` and the data `i4region setup` loaded, checked on the real bundled files."""

import gzip
import hashlib
from importlib import resources
from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.utils import translation

from i4region.observatory.models import ImportBatch, Indicator, Observation
from i4region.observatory.services import series
from i4region.regions.models import Region

pytestmark = pytest.mark.django_db

DATA = resources.files("i4region") / "data"
GDP = DATA / "eurostat" / "nama_10r_3gdp_2024-05.tsv.gz"


def state() -> tuple:
    """Everything an import could change, in one comparable value."""
    rows = Observation.objects.order_by("id").values_list("id", "value", "flag", "vintage")
    digest = hashlib.sha256(repr(list(rows)).encode()).hexdigest()  # exact, unlike a float SUM
    return digest, ImportBatch.objects.count()


def run_import(*args: str) -> str:
    """`i4region import` as an operator of an English instance runs it (what it prints)."""
    out, err = StringIO(), StringIO()
    with translation.override("en"):
        call_command("import", *[str(a) for a in args], stdout=out, stderr=err)
    return out.getvalue()


def value(
    indicator: str, region: str, period: str, vintage: str | None = None
) -> tuple[float, str, str]:
    """The value, flag and release of one period of a series, as shown (the newest release that
    has it), or as stored in the given release."""
    points = {
        p.period: p
        for p in series(
            Indicator.objects.get(code=indicator), Region.objects.get(code=region), vintage
        )
    }
    p = points[period]
    return p.value, p.flag, p.vintage


def test_population_keeps_both_releases_and_shows_the_newest():
    assert value("population", "LT025", "2025") == (207017, "", "2026-04")
    assert value("population", "LT025", "2020") == (218237, "", "2026-04")
    assert value("population", "LT025", "2005") == (284918, "", "2022-10")
    assert value("population", "LT025", "2020", vintage="2022-10")[0] == 211189


def test_gdp_in_pps_and_flags_are_kept():
    assert value("gdp_pps_per_capita_eu27", "LT025", "2021")[0] == 62
    assert value("gdp_pps_per_capita_eu27", "LT", "2021")[0] == 89
    assert value("gdp_pps_per_capita_eu27", "EU27_2020", "2021")[0] == 100
    assert value("gdp_pps_per_capita_eu27", "DE", "2021") == (119, "p", "2024-05")


def test_national_sdmx_files_are_loaded_by_setup():
    assert value("enterprises_using_robots", "LT", "2022")[0] == pytest.approx(4.75)
    assert value("enterprises_using_robots", "EU27_2020", "2022")[0] == pytest.approx(6.26)
    assert value("enterprises_using_robots", "FR", "2022")[1] == "b"
    assert value("enterprises_using_ai", "LT", "2025")[0] == pytest.approx(21.30)
    assert value("sme_basic_digital_intensity", "LT", "2025")[0] == pytest.approx(73.51)


def test_same_file_twice_adds_nothing():
    before = state()
    out = run_import(GDP)
    assert "0 added, 0 updated, 151390 unchanged" in out
    assert "release 2024-05" in out
    assert state() == before


def test_new_release_is_added_beside_the_old_one(tmp_path):
    lines = gzip.decompress(GDP.read_bytes()).decode().split("\n")
    at = next(i for i, line in enumerate(lines) if line.startswith("A,PPS_HAB_EU27_2020,LT025\t"))
    cells = lines[at].split("\t")
    cells[22] = "63 p"  # 2021 revised
    lines[at] = "\t".join(cells)
    revised = tmp_path / "nama_10r_3gdp_2025-02.tsv"
    revised.write_text("\n".join(lines))
    out = run_import(revised)
    assert "release 2025-02" in out and "151390 added" in out
    assert value("gdp_pps_per_capita_eu27", "LT025", "2021") == (63, "p", "2025-02")
    assert value("gdp_pps_per_capita_eu27", "LT025", "2021", vintage="2024-05")[0] == 62
    assert "0 added, 0 updated, 151390 unchanged" in run_import(revised)


def test_tidy_csv_with_flags(tmp_path):
    tidy = tmp_path / "robolabas.csv"
    tidy.write_text("indicator,region,period,value,flag\npopulation,LT-LAU-27,2019,88000,e\n")
    before = Observation.objects.count()
    out = run_import(tidy, "--vintage", "2026-05")
    assert "1 added" in out
    assert Observation.objects.count() == before + 1
    assert value("population", "LT-LAU-27", "2019") == (88000, "e", "2026-05")


@pytest.mark.parametrize(
    "damage, where",
    [
        ("truncated_gzip", "line 6246"),
        ("truncated_text", "line 6324, column 2022"),
        ("garbled", "line 101, column 2002"),
    ],
)
def test_broken_file_names_the_line_and_changes_nothing(tmp_path, damage, where):
    raw = GDP.read_bytes()
    text = gzip.decompress(raw).decode()
    if damage == "truncated_gzip":
        path = tmp_path / "nama_10r_3gdp_2025-02.tsv.gz"
        path.write_bytes(raw[: len(raw) // 2])
    elif damage == "truncated_text":
        path = tmp_path / "nama_10r_3gdp_2025-02.tsv"
        path.write_text(text[: len(text) // 2])
    else:
        lines = text.split("\n")
        cells = lines[100].split("\t")
        cells[3] = "12x3.4"
        lines[100] = "\t".join(cells)
        path = tmp_path / "nama_10r_3gdp_2025-02.tsv"
        path.write_text("\n".join(lines))
    before = state()
    with pytest.raises(CommandError) as exc:
        run_import(path)
    assert where in str(exc.value) and "nothing imported" in str(exc.value)
    assert state() == before


def test_unknown_indicator_in_tidy_csv_is_refused_with_its_line(tmp_path):
    tidy = tmp_path / "manual.csv"
    tidy.write_text(
        "indicator,region,period,value\npopulation,LT025,2030,1\nrobolabas_visitors,LT025,2024,5\n"
    )
    before = state()
    with pytest.raises(CommandError, match="line 3, field indicator: 'robolabas_visitors'"):
        run_import(tidy, "--vintage", "2026-05")
    assert state() == before


def test_indicator_and_filter_options_map_an_unknown_dataset(tmp_path):
    source = DATA / "national" / "eurostat_isoc_eb_ai.csv"
    copy = tmp_path / "ai.csv"
    copy.write_bytes(source.read_bytes())
    out = run_import(copy, "--vintage", "2026-03", "--dataset", "isoc_eb_ai")
    assert "0 added, 0 updated, 33 unchanged" in out
    out = run_import(
        copy,
        "--vintage",
        "2026-06",
        "--indicator",
        "enterprises_using_ai",
        "--filter",
        "indic_is=E_AI_TANY",
        "--filter",
        "size_emp=GE10",
    )
    assert "33 added" in out
    with pytest.raises(CommandError, match="appears more than once"):
        run_import(
            copy,
            "--vintage",
            "2026-07",
            "--indicator",
            "enterprises_using_ai",
            "--filter",
            "size_emp=GE10",
        )


@pytest.mark.parametrize(
    "args, message",
    [
        (["--filter", "unit=NR"], "--filter needs --indicator"),
        (["--indicator", "population", "--filter", "unit"], "expected DIMENSION=VALUE"),
        (["--vintage", "last year"], "expected YYYY-MM"),
        (["--dataset", "nope"], "dataset nope has no map"),
    ],
)
def test_bad_options_are_refused(args, message):
    before = state()
    with pytest.raises(CommandError, match=message):
        run_import(GDP, *args)
    assert state() == before


def test_missing_file_and_unknown_format(tmp_path):
    with pytest.raises(CommandError, match="no such file"):
        run_import(tmp_path / "missing.tsv")
    odd = tmp_path / "odd.csv"
    odd.write_text("a,b,c\n1,2,3\n")
    with pytest.raises(CommandError, match="line 1.*unrecognised format"):
        run_import(odd)


def test_a_corrected_file_of_the_same_release_updates_only_what_changed(tmp_path):
    lines = gzip.decompress(GDP.read_bytes()).decode().split("\n")
    at = next(i for i, line in enumerate(lines) if line.startswith("A,PPS_HAB_EU27_2020,LT025\t"))
    cells = lines[at].split("\t")
    cells[22] = "61 e"  # 2021 corrected within release 2024-05
    lines[at] = "\t".join(cells)
    corrected = tmp_path / "nama_10r_3gdp_2024-05.tsv"
    corrected.write_text("\n".join(lines))
    count = Observation.objects.count()
    out = run_import(corrected)
    assert "0 added, 1 updated, 151389 unchanged" in out
    assert Observation.objects.count() == count
    assert value("gdp_pps_per_capita_eu27", "LT025", "2021") == (61, "e", "2024-05")
    assert ImportBatch.objects.latest("id").observations.count() == 1
