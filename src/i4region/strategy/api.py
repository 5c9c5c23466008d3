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


def _out(schema: type[Schema], record, summary: rollup.Summary, **computed) -> Schema:
    """The schema filled from the record's attributes of its field names, with the progress
    counts of `summary` and the `computed` values as given."""
    computed["progress"] = _counts(summary)
    read = {name: getattr(record, name) for name in schema.model_fields if name not in computed}
    return schema(**read, **computed)


def _strategy(schema: type[StrategyOut], s: Strategy, summary: rollup.Summary, **computed):
    adopted_on = s.adopted_on.isoformat() if s.adopted_on else None
    return _out(schema, s, summary, adopted_on=adopted_on, **computed)


@router.get("/strategy/", response=list[StrategyOut])
def list_strategies(request):
    """Adopted (or revised) strategies with the count of targets per progress status."""
    return [
        _strategy(StrategyOut, s, services.progress(s).strategy) for s in Strategy.objects.public()
    ]


@router.get("/strategy/{slug}", response=StrategyDetailOut)
def strategy_detail(request, slug: str):
    """One adopted strategy with its priorities and measures, each with its status counts."""
    strategy = get_object_or_404(Strategy.objects.public(), slug=slug)
    result = services.progress(strategy)
    priorities = [
        _out(
            PriorityOut,
            p,
            result.priorities[p.pk],
            measures=[
                _out(
                    MeasureOut,
                    m,
                    result.measures[m.pk],
                    target_ids=[t.pk for t in m.targets.all()],
                )
                for m in p.measures.prefetch_related("targets")
            ],
        )
        for p in strategy.priorities.all()
    ]
    return _strategy(StrategyDetailOut, strategy, result.strategy, priorities=priorities)
