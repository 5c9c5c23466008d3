"""Open read API of the observatory: regions, the indicator catalogue and series with provenance.

Query parameters are read as plain strings and checked here, so a malformed request gets a 400
that names the parameter (never ninja's 422, never a 500); unknown codes get a 404. Required
parameters are declared without a default, so the schema marks them required and a request
without one gets the API's 400 naming it (i4region.api).
"""

import re

from django.utils import translation
from ninja import Router, Schema, Status

from i4region.core.exports import Table, csv_response
from i4region.regions.models import Region

from . import importing, services, tables
from .models import Indicator

router = Router(tags=["observatory"])

CODE = re.compile(r"^[A-Za-z0-9_-]{1,64}$")


class ErrorOut(Schema):
    detail: str


class RegionOut(Schema):
    code: str
    name: str
    name_en: str
    name_lt: str
    kind: str
    level: int
    country: str
    parent: str | None
    children: list[str]


class IndicatorOut(Schema):
    code: str
    name_en: str
    name_lt: str
    unit_en: str
    unit_lt: str
    theme: str
    polarity: str
    source_dataset: str
    publisher: str
    licence: str
    attribution: str
    levels: list[int]
    frequency: str
    formula: str | None
    manual: bool


class IndicatorDetailOut(IndicatorOut):
    definition_en: str
    definition_lt: str
    notes_en: str
    notes_lt: str


class ObservationOut(Schema):
    indicator: str
    region: str
    region_name: str
    period: str
    value: int | float
    unit: str
    flag: str | None
    note: str | None
    vintage: str
    dataset: str
    source: str
    recoded: str | None


class SeriesOut(Schema):
    indicator: str
    region: str
    unit: str
    source: str
    dataset: str
    observations: list[ObservationOut]


def _indicator_dict(i: Indicator, detail: bool = False) -> dict:
    out = {
        f: getattr(i, f)
        for f in (
            "code",
            "name_en",
            "name_lt",
            "unit_en",
            "unit_lt",
            "theme",
            "polarity",
            "source_dataset",
            "publisher",
            "licence",
            "attribution",
            "frequency",
            "manual",
        )
    }
    out["levels"] = [int(v) for v in i.levels.split(",") if v.strip().isdigit()]
    out["formula"] = i.formula or None
    if detail:
        out.update(
            {f: getattr(i, f) for f in ("definition_en", "definition_lt", "notes_en", "notes_lt")}
        )
    return out


def _code(name: str, value: str | None) -> tuple[str | None, Status | None]:
    """A code parameter, or the 400 answer that says what is wrong with it."""
    if value is None or not value.strip():
        return None, Status(400, {"detail": f"parameter '{name}' is required"})
    if not CODE.match(value.strip()):
        return None, Status(
            400,
            {
                "detail": f"parameter '{name}': {value[:70]!r} is not a code "
                "(letters, digits, '_' and '-', at most 64)"
            },
        )
    return value.strip(), None


def _find(queryset, name: str, value: str | None, what: str):
    """(the record a code parameter names, None), or (None, the 400 or 404 answer)."""
    code, error = _code(name, value)
    if error:
        return None, error
    found = queryset.filter(code=code.upper() if what == "region" else code).first()
    if found is None:
        return None, Status(404, {"detail": f"no {what} has the code {code!r}"})
    return found, None


@router.get(
    "/regions/{code}",
    response={200: RegionOut, 400: ErrorOut, 404: ErrorOut},
    summary="A region: names, level, parent and children",
)
def region(request, code: str):
    r, error = _find(Region.objects.select_related("parent"), "code", code, "region")
    if error:
        return error
    return Status(
        200,
        {
            "code": r.code,
            "name": r.name,
            "name_en": r.name_en,
            "name_lt": r.name_lt,
            "kind": r.kind,
            "level": r.level,
            "country": r.country_code,
            "parent": r.parent.code if r.parent else None,
            "children": list(r.children.order_by("code").values_list("code", flat=True)),
        },
    )


@router.get("/indicators", response=list[IndicatorOut], summary="The indicator catalogue")
def indicators(request):
    return [_indicator_dict(i) for i in Indicator.objects.filter(published=True)]


@router.get(
    "/indicators/{code}",
    response={200: IndicatorDetailOut, 400: ErrorOut, 404: ErrorOut},
    summary="One indicator with its definition, source and formula",
)
def indicator(request, code: str):
    i, error = _find(Indicator.objects.filter(published=True), "code", code, "indicator")
    if error:
        return error
    return Status(200, _indicator_dict(i, detail=True))


def _series(indicator: str | None, region: str | None, vintage: str | None):
    """The answer to a series request (status and body), shared by the JSON and CSV endpoints."""
    for name, value in (("indicator", indicator), ("region", region)):
        if error := _code(name, value)[1]:
            return error
    if vintage is not None:
        with translation.override("en"):  # the API answers in English
            problem = importing.vintage_problem(vintage)
        if problem:
            return Status(400, {"detail": f"parameter 'vintage': {problem}"})
    i, error = _find(Indicator.objects.filter(published=True), "indicator", indicator, "indicator")
    if error:
        return error
    r, error = _find(Region.objects.all(), "region", region, "region")
    if error:
        return error
    with translation.override("en"):
        table = tables.series_table(i, r, services.series(i, r, vintage=vintage))
        return Status(
            200,
            {
                "indicator": i.code,
                "region": r.code,
                "unit": i.unit_en,
                "source": services.source_line(i),
                "dataset": i.source_dataset,
                "observations": table.records(),
            },
        )


@router.get(
    "/series",
    response={200: SeriesOut, 400: ErrorOut, 404: ErrorOut},
    summary="Values of an indicator for a region, newest release per period",
)
def series(request, indicator: str, region: str, vintage: str | None = None):
    """Each period shows the newest release (vintage) that has it, unless `vintage` is given."""
    return _series(indicator, region, vintage)


@router.get(
    "/series.csv",
    response={200: None, 400: ErrorOut, 404: ErrorOut},
    summary="The same series as CSV",
)
def series_csv(request, indicator: str, region: str, vintage: str | None = None):
    answer = _series(indicator, region, vintage)
    if answer.status_code != 200:
        return answer
    body = answer.value
    name = f"{body['indicator']}_{body['region']}"
    rows = [tuple(o.values()) for o in body["observations"]]
    return csv_response(Table(name, name, tables.SERIES_FIELDS, rows), f"{name}.csv")
