"""One table description of a served series: the page's CSV/JSON download and the API's JSON
and CSV all take their columns from here, so they cannot drift apart."""

from i4region.compute.series import Point
from i4region.core.exports import Field, Table
from i4region.regions.models import Region

from . import services
from .models import Indicator

SERIES_FIELDS = (
    Field("indicator", "string", "Indicator code"),
    Field("region", "string", "Region code (NUTS 2021 or LT-LAU-…)"),
    Field("region_name", "string", "Region name in the national language"),
    Field("period", "string", "Period"),
    Field("value", "number", "Value in the indicator's unit"),
    Field("unit", "string", "Unit (English)"),
    Field("flag", "string", "Flag of the source (p provisional, e estimated, b break, …)"),
    Field("note", "string", "The board secretariat's note on the value, if any"),
    Field("vintage", "string", "Release the value comes from, or 'manual'"),
    Field("dataset", "string", "Code of the source dataset of that release"),
    Field("source", "string", "Source line to cite with the value"),
    Field(
        "recoded",
        "string",
        "How the value came from an older NUTS code, with the correspondence, if it did",
    ),
)


def _value(value: float) -> int | float:
    return int(value) if float(value).is_integer() else value


def series_table(indicator: Indicator, region: Region, points: list[Point]) -> Table:
    """A series of one indicator for one region, one row per period, with its provenance."""
    notes = services.notes_for(indicator, [region])
    vintages = {p.vintage for p in points}
    datasets = {v: services.dataset_of(indicator, region, v) for v in vintages}
    recoded = {v: services.recoding_note(indicator, region, v) or None for v in vintages}

    def rows():
        for p in points:
            dataset = datasets[p.vintage]
            yield (
                indicator.code,
                region.code,
                region.name,
                p.period,
                _value(p.value),
                indicator.unit_en,
                p.flag or None,
                services.note_on(notes, region, p) or None,
                p.vintage,
                dataset,
                services.source_line(indicator, dataset),
                recoded[p.vintage],
            )

    return Table(
        f"{indicator.code}_{region.code}",
        f"{indicator.name_en}, {region.name}",
        SERIES_FIELDS,
        rows(),
    )
