"""Small hand-made strategies for the strategy tests (on top of the seeded instance)."""

import itertools
from datetime import date

import pytest

from i4region.board.models import Action, Board
from i4region.initiatives.models import FundingLine, Initiative
from i4region.regions.models import Region
from i4region.stakeholders.models import Activity, Organisation
from i4region.strategy.models import LinkKind, Measure, MeasureLink, Priority, Strategy

_n = itertools.count(1)


@pytest.fixture
def org():
    def make(name: str = "", type: str = "company", published: bool = True) -> Organisation:
        return Organisation.objects.create(
            name=name or f"Test organisation {next(_n)}", type=type, published=published
        )

    return make


@pytest.fixture
def strategy():
    def make(status: str = "adopted", slug: str = "") -> Strategy:
        n = next(_n)
        return Strategy.objects.create(
            slug=slug or f"test-strategy-{n}",
            title_en=f"Test strategy {n}",
            title_lt=f"Bandomoji strategija {n}",
            status=status,
            adopted_on=date(2025, 5, 1) if status != "draft" else None,
            revised_on=date(2026, 2, 1) if status == "revised" else None,
        )

    return make


@pytest.fixture
def priority():
    def make(strategy: Strategy, title: str = "") -> Priority:
        n = next(_n)
        return Priority.objects.create(
            strategy=strategy,
            title_en=title or f"Priority {n}",
            title_lt=title or f"Prioritetas {n}",
        )

    return make


@pytest.fixture
def measure():
    def make(priority: Priority, owner: Organisation | None = None) -> Measure:
        n = next(_n)
        return Measure.objects.create(
            priority=priority,
            title_en=f"Measure {n}",
            title_lt=f"Priemonė {n}",
            owner_organisation=owner,
        )

    return make


@pytest.fixture
def initiative():
    def make(owner: Organisation | None = None, published: bool = True) -> Initiative:
        n = next(_n)
        return Initiative.objects.create(
            slug=f"test-initiative-{n}",
            name_en=f"Test initiative {n}",
            name_lt=f"Bandomoji iniciatyva {n}",
            type="programme",
            owner_organisation=owner,
            published=published,
        )

    return make


@pytest.fixture
def funding():
    def make(initiative, funder, amount: str, years: tuple[int, int] | None, status="approved"):
        return FundingLine.objects.create(
            initiative=initiative,
            funder_organisation=funder,
            source_type="municipality",
            amount=amount,
            year_from=years[0] if years else None,
            year_to=years[1] if years else None,
            status=status,
        )

    return make


@pytest.fixture
def activity():
    def make(organisation, theme="robotics_education", target_group="pupils", initiative=None):
        return Activity.objects.create(
            organisation=organisation,
            name=f"Test activity {next(_n)}",
            theme=theme,
            target_group=target_group,
            municipality=Region.objects.get(code="LT-LAU-27"),
            initiative=initiative,
        )

    return make


@pytest.fixture
def action():
    def make(owner=None, progress=0, start=None, due=None):
        return Action.objects.create(
            board=Board.objects.first(),
            title=f"Test action {next(_n)}",
            owner_organisation=owner,
            progress=progress,
            start_date=start,
            due_date=due,
        )

    return make


def link(measure: Measure, record) -> MeasureLink:
    """Link any record to a measure by its kind."""
    kind = {
        "Initiative": LinkKind.INITIATIVE,
        "Activity": LinkKind.ACTIVITY,
        "Action": LinkKind.ACTION,
        "Decision": LinkKind.DECISION,
        "Challenge": LinkKind.CHALLENGE,
        "Proposal": LinkKind.PROPOSAL,
    }[type(record).__name__]
    return MeasureLink.objects.create(measure=measure, kind=kind, **{kind: record})
