"""Open read API of the Industry 4.0 index: the published run's scores and ranks."""

from django.http import Http404
from ninja import Router, Schema

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
    framework: str
    engine_version: str
    inputs_sha256: str
    regions: list[RegionScoreOut]


@router.get("/published", response=RunOut)
def published(request):
    """The published run of the current framework (the numbers on the index pages)."""
    run = services.published_run()
    if run is None:
        raise Http404("no index run has been computed yet")
    res = run.results
    return {
        "run": run.pk,
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
