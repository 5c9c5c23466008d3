"""Load the bundled region tables: every NUTS 2021 region, Lithuania's municipalities, EU aggregates.

Idempotent: regions are upserted by code, so a second run changes nothing.
"""

import csv
from importlib import resources

from django.db import transaction
from django.utils.translation import gettext as _

from .models import Region, RegionKind

DATA = resources.files("i4region") / "data" / "regions"


def _rows(name: str) -> list[dict[str, str]]:
    with (DATA / name).open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


def _upsert(records: list[Region]) -> None:
    Region.objects.bulk_create(
        records,
        update_conflicts=True,
        unique_fields=["code"],
        update_fields=["kind", "level", "parent", "country_code", "name", "name_en", "name_lt"],
    )


@transaction.atomic
def load(stdout=None) -> int:
    """Create or update all bundled regions; return how many there are."""
    english = {r["code"]: r["name_en"] for r in _rows("lt_names_en.csv")}
    nuts = sorted(_rows("nuts2021_labels.csv"), key=lambda r: int(r["level"]))
    for level in range(4):
        parents = (
            dict(
                Region.objects.filter(level=level - 1, kind=RegionKind.NUTS).values_list(
                    "code", "id"
                )
            )
            if level
            else {}
        )
        _upsert(
            [
                Region(
                    code=r["nuts_id"],
                    kind=RegionKind.NUTS,
                    level=level,
                    parent_id=parents.get(r["nuts_id"][:-1]) if level else None,
                    country_code=r["cntr_code"],
                    name=r["nuts_name"],
                    name_en=english.get(r["nuts_id"], r["name_latn"]),
                    name_lt=r["nuts_name"] if r["cntr_code"] == "LT" else "",
                )
                for r in nuts
                if int(r["level"]) == level
            ]
        )
    counties = dict(Region.objects.filter(level=3, country_code="LT").values_list("code", "id"))
    _upsert(
        [
            Region(
                code=r["code"],
                kind=RegionKind.MUNICIPALITY,
                level=4,
                parent_id=counties[r["nuts3"]],
                country_code="LT",
                name=r["name_lt"],
                name_en=r["name_en"],
                name_lt=r["name_lt"],
            )
            for r in _rows("lt_municipalities.csv")
        ]
    )
    _upsert(
        [
            Region(
                code=r["code"],
                kind=RegionKind.AGGREGATE,
                level=0,
                parent=None,
                country_code="",
                name=r["name_en"],
                name_en=r["name_en"],
                name_lt=r["name_lt"],
            )
            for r in _rows("aggregates.csv")
        ]
    )
    count = Region.objects.count()
    if stdout:
        stdout.write(_("Regions: %(count)d") % {"count": count} + "\n")
    return count
