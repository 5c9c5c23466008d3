"""The observatory's open-data tables: every stored value with its release; no names when public."""

import pytest
from django.utils import translation

from i4region.observatory.exports import OBSERVATION_COLUMNS, tables
from i4region.observatory.reimport import NOTE_COLUMNS

pytestmark = pytest.mark.django_db


def test_public_tables_hold_values_with_release_and_no_personal_data():
    public = {t.name: t for t in tables(public=True, include_personal_data=False)}
    assert set(public) == {
        "indicators",
        "observations",
        "observation_notes",
        "targets",
        "import_batches",
    }
    rows = [r for r in public["observations"].rows if r[0] == "population" and r[1] == "LT025"]
    assert (
        "population",
        "LT025",
        "2005",
        284918.0,
        "",
        "2022-10",
        "demo_r_pjanaggr3_vintage2022-10_1990-2021.tsv.gz",
        "demo_r_pjanaggr3",
    ) in rows
    internal = {t.name for t in tables(public=False, include_personal_data=True)}
    # hand-entry history lives in core's one history now, not in an observatory table
    assert internal == set(public)


KEPT = ("unemployment_rate", "median_age", "population")


def _stored():
    """Every observation and note as a reader sees it: value, period, release, source."""
    from i4region.observatory.models import Observation, ObservationNote

    return (
        sorted(Observation.objects.values_list(*OBSERVATION_COLUMNS)),
        sorted(
            ObservationNote.objects.values_list(
                *(f"{c}__code" if c in ("indicator", "region") else c for c in NOTE_COLUMNS)
            ),
            key=repr,
        ),
    )


def _wipe():
    from i4region.observatory.models import ImportBatch, Observation, ObservationNote

    Observation.objects.all().delete()
    ObservationNote.objects.all().delete()
    ImportBatch.objects.all().delete()


def test_export_imports_back_into_an_empty_observatory(tmp_path):
    from django.core.management import call_command

    from i4region.observatory.models import Observation

    Observation.objects.exclude(indicator__code__in=KEPT).delete()
    before = _stored()
    assert len(before[0]) > 10000 and before[1]  # several releases, and notes on values
    assert {o[5] for o in before[0] if o[0] == "unemployment_rate"} >= {"2019-04", "2026-02"}
    call_command("export", out=tmp_path, verbosity=0)
    _wipe()
    call_command("import", str(tmp_path / "observations.csv"), verbosity=0)
    assert _stored() == before
    # a second import of the same export changes nothing
    call_command("import", str(tmp_path / "observations.csv"), verbosity=0)
    assert _stored() == before


@pytest.mark.parametrize(
    "line, cell, message",
    [
        (5, "abc", "line 5, column value"),
        (7, "2099-19", "line 7, column vintage"),
    ],
)
def test_a_bad_line_of_an_export_imports_nothing(tmp_path, line, cell, message):
    import csv

    from django.core.management import call_command
    from django.core.management.base import CommandError

    from i4region.observatory.models import Observation

    Observation.objects.exclude(indicator__code="unemployment_rate").delete()
    call_command("export", out=tmp_path, verbosity=0)
    path = tmp_path / "observations.csv"
    with open(path, encoding="utf-8", newline="") as fh:
        rows = list(csv.reader(fh))
    column = "value" if "value" in message else "vintage"
    rows[line - 1][rows[0].index(column)] = cell
    with open(path, "w", encoding="utf-8", newline="") as fh:
        csv.writer(fh).writerows(rows)
    _wipe()
    with translation.override("en"), pytest.raises(CommandError) as refused:
        call_command("import", str(path), verbosity=0)
    assert refused.value.returncode == 2
    assert message in str(refused.value) and str(refused.value).startswith("nothing imported")
    assert not Observation.objects.exists()


def test_a_bad_note_beside_the_export_imports_nothing(tmp_path):
    from django.core.management import call_command
    from django.core.management.base import CommandError

    from i4region.observatory.models import Observation

    Observation.objects.exclude(indicator__code="median_age").delete()
    call_command("export", out=tmp_path, verbosity=0)
    notes = tmp_path / "observation_notes.csv"
    lines = notes.read_text(encoding="utf-8").splitlines()
    lines[1] = lines[1].replace("median_age", "no_such_indicator", 1)
    notes.write_text("\n".join(lines) + "\n", encoding="utf-8")
    _wipe()
    with (
        translation.override("en"),
        pytest.raises(CommandError, match="observation_notes.csv line 2, column indicator"),
    ):
        call_command("import", str(tmp_path / "observations.csv"), verbosity=0)
    assert not Observation.objects.exists()
