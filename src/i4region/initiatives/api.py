"""Read API of the portfolio: published initiatives and their sustainability (amounts in EUR).

The initiative list is the open-data `initiatives` table (exports.initiatives_table): the same
columns as initiatives.csv and `i4region export`.
"""

from datetime import date
from decimal import Decimal

from django.shortcuts import get_object_or_404
from ninja import Router, Schema

from . import exports, portfolio, services
from .models import Initiative

router = Router(tags=["initiatives"])


class InitiativeOut(Schema):
    id: int
    slug: str
    name_en: str
    name_lt: str
    type: str
    owner_organisation_id: int | None
    partner_organisation_ids: str
    parent_programme: str
    description_en: str
    description_lt: str
    target_groups: str
    theme: str
    municipality: str | None
    lifecycle: str
    start_date: date | None
    end_date: date | None
    status: str
    status_reason: str
    decision_ids: str
    published: bool
    is_sample: bool


class YearOut(Schema):
    # a year of the sustainability report (compute.funding.PortfolioYear), read by attribute
    year: int
    cost: Decimal
    secured: Decimal
    gap: Decimal
    largest_funder_share_percent: Decimal

    @staticmethod
    def resolve_largest_funder_share_percent(year) -> Decimal:
        return portfolio.percent(year.concentration.largest_funder_share)


class SustainabilityOut(Schema):
    currency: str
    runway_end_year: int | None
    has_running_costs: bool
    largest_funder_share_percent: Decimal
    hhi: float
    years: list[YearOut]


@router.get("/initiatives", response=list[InitiativeOut])
def list_initiatives(request):
    """Published initiatives, with the columns of initiatives.csv."""
    initiatives = list(
        Initiative.objects.public()
        .select_related("municipality")
        .prefetch_related("partners", "decisions")
    )
    return exports.initiatives_table(initiatives, include_personal_data=False).records()


@router.get("/initiatives/{slug}/sustainability", response=SustainabilityOut)
def initiative_sustainability(request, slug: str):
    """Cost, secured funding and gap by year, runway and funder concentration (EUR).

    Only amounts whose source fixes a year are in `years`; the runway is empty when no running
    costs are recorded (`has_running_costs` false) or the first such year falls short.
    """
    initiative = get_object_or_404(Initiative.objects.public(), slug=slug)
    report, _inputs = services.sustainability([initiative])
    summary = report.initiatives.get(slug)
    return SustainabilityOut(
        currency=report.currency,
        runway_end_year=summary.runway_end_year if summary else None,
        has_running_costs=bool(summary and summary.has_running_costs),
        largest_funder_share_percent=portfolio.percent(
            summary.concentration.largest_funder_share if summary else 0.0
        ),
        hhi=summary.concentration.hhi if summary else 0.0,
        years=report.years,
    )
