"""Open read API of the Industry 4.0 index: the published runs' scores and ranks, per year
(``/api/v1/indices/published?year=``, ``/api/v1/indices/years``)."""

from ninja import Router, Schema
from ninja.errors import HttpError

from . import services

router = Router(tags=["indices"])


class RegionScoreOut(Schema):
    region: str
    scores: dict[str, float | None]
    ranks: dict[str, float | None]
    rank_q5: float | None
    rank_q95: float | None


class RunOut(Schema):
    run: int
    year: int
    framework: str
    engine_version: str
    inputs_sha256: str
    regions: list[RegionScoreOut]


@router.get("/indices/years", response=list[int])
def years(request):
    """The years for which a published index exists, oldest first."""
    return list(services.published_runs())


@router.get(
    "/indices/published",
    response=RunOut,
    openapi_extra={"responses": {404: {"description": "No published index for the year"}}},
)
def published(request, year: int | None = None):
    """The published run of one year (the newest by default): the numbers on the index pages."""
    run = services.published_run(year)
    if run is None:
        years = ", ".join(str(y) for y in services.published_runs())
        raise HttpError(404, f"no published index for year {year}; the years are {years}")
    res = run.results
    return {
        "run": run.pk,
        "year": run.year,
        "framework": str(run.framework),
        "engine_version": run.engine_version,
        "inputs_sha256": run.inputs_sha256,
        "regions": [
            {
                "region": u,
                "scores": res["scores"][u],
                "ranks": res["ranks"][u],
                "rank_q5": res["uncertainty"].get(u, {}).get("Q5"),
                "rank_q95": res["uncertainty"].get(u, {}).get("Q95"),
            }
            for u in sorted(res["scores"])
        ],
    }
