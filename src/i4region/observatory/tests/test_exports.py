"""The observatory's open-data tables: every stored value with its release; no names when public."""

import pytest

from i4region.observatory.exports import tables

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
    ) in rows
    internal = {t.name for t in tables(public=False, include_personal_data=True)}
    # hand-entry history lives in core's one history now, not in an observatory table
    assert internal == set(public)
