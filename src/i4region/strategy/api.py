"""Read API of the strategy (`/api/v1/strategy/`): adopted strategies, their priorities and
measures with the count of targets per progress status; drafts are not public."""

from django.shortcuts import get_object_or_404
from ninja import Router, Schema

from i4region.compute import rollup

from . import services
from .models import Strategy

router = Router(tags=["strategy"])


class StatusCounts(Schema):
    on_track: int
    moderate: int
    limited: int
    deteriorating: int
    insufficient_data: int
    gaps: list[str]


class MeasureOut(Schema):
    id: int
    title_en: str
    title_lt: str
    owner_organisation_id: int | None
    target_ids: list[int]
    is_sample: bool
    progress: StatusCounts


class PriorityOut(Schema):
    id: int
    title_en: str
    title_lt: str
    is_sample: bool
    progress: StatusCounts
    measures: list[MeasureOut]


class StrategyOut(Schema):
    slug: str
    title_en: str
    title_lt: str
    status: str
    period_start: int | None
    period_end: int | None
    adopted_on: str | None
    source_url: str
    is_sample: bool
    progress: StatusCounts


class StrategyDetailOut(StrategyOut):
    priorities: list[PriorityOut]


def _counts(summary: rollup.Summary) -> StatusCounts:
    return StatusCounts(**dict(summary.ordered()), gaps=[flag for flag, _key in summary.gaps])


def _strategy(s: Strategy, summary: rollup.Summary) -> dict:
    return {
        "slug": s.slug,
        "title_en": s.title_en,
        "title_lt": s.title_lt,
        "status": s.status,
        "period_start": s.period_start,
        "period_end": s.period_end,
        "adopted_on": s.adopted_on.isoformat() if s.adopted_on else None,
        "source_url": s.source_url,
        "is_sample": s.is_sample,
        "progress": _counts(summary),
    }


@router.get("/strategy/", response=list[StrategyOut])
def list_strategies(request):
    """Adopted (or revised) strategies with the count of targets per progress status."""
    return [
        StrategyOut(**_strategy(s, services.progress(s).strategy))
        for s in Strategy.objects.public()
    ]


@router.get("/strategy/{slug}", response=StrategyDetailOut)
def strategy_detail(request, slug: str):
    """One adopted strategy with its priorities and measures, each with its status counts."""
    strategy = get_object_or_404(Strategy.objects.public(), slug=slug)
    result = services.progress(strategy)
    priorities = [
        PriorityOut(
            id=p.pk,
            title_en=p.title_en,
            title_lt=p.title_lt,
            is_sample=p.is_sample,
            progress=_counts(result.priorities[p.pk]),
            measures=[
                MeasureOut(
                    id=m.pk,
                    title_en=m.title_en,
                    title_lt=m.title_lt,
                    owner_organisation_id=m.owner_organisation_id,
                    target_ids=[t.pk for t in m.targets.all()],
                    is_sample=m.is_sample,
                    progress=_counts(result.measures[m.pk]),
                )
                for m in p.measures.prefetch_related("targets")
            ],
        )
        for p in strategy.priorities.all()
    ]
    return StrategyDetailOut(**_strategy(strategy, result.strategy), priorities=priorities)
