"""Read API of the portfolio: published initiatives and their sustainability (amounts in EUR)."""

from decimal import Decimal

from django.shortcuts import get_object_or_404
from ninja import Router, Schema

from . import services
from .models import Initiative

router = Router(tags=["initiatives"])


class InitiativeOut(Schema):
    slug: str
    name_en: str
    name_lt: str
    type: str
    lifecycle: str
    status: str
    owner_organisation_id: int | None
    municipality: str | None


class YearOut(Schema):
    year: int
    cost: Decimal
    secured: Decimal
    gap: Decimal
    largest_funder_share: float


class SustainabilityOut(Schema):
    currency: str
    runway_end_year: int | None
    largest_funder_share: float
    hhi: float
    years: list[YearOut]


@router.get("/initiatives", response=list[InitiativeOut])
def list_initiatives(request):
    """Published initiatives."""
    return [
        InitiativeOut(
            slug=i.slug,
            name_en=i.name_en,
            name_lt=i.name_lt,
            type=i.type,
            lifecycle=i.lifecycle,
            status=i.status,
            owner_organisation_id=i.owner_organisation_id,
            municipality=i.municipality.code if i.municipality else None,
        )
        for i in Initiative.objects.filter(published=True).select_related("municipality")
    ]


@router.get("/initiatives/{slug}/sustainability", response=SustainabilityOut)
def initiative_sustainability(request, slug: str):
    """Cost, secured funding and gap by year, runway and funder concentration (EUR)."""
    initiative = get_object_or_404(Initiative, slug=slug, published=True)
    report, _inputs = services.sustainability([initiative])
    summary = report.initiatives.get(slug)
    return SustainabilityOut(
        currency=report.currency,
        runway_end_year=summary.runway_end_year if summary else None,
        largest_funder_share=summary.concentration.largest_funder_share if summary else 0.0,
        hhi=summary.concentration.hhi if summary else 0.0,
        years=[
            YearOut(
                year=r.year,
                cost=r.cost,
                secured=r.secured,
                gap=r.gap,
                largest_funder_share=r.concentration.largest_funder_share,
            )
            for r in report.years
        ],
    )
