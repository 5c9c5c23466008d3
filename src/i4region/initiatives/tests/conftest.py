from datetime import date
from decimal import Decimal

import pytest
from django.utils import translation

from i4region.initiatives import services
from i4region.initiatives.models import BudgetLine, FundingLine, Initiative, Kpi
from i4region.stakeholders.models import Organisation

AS_OF = date(2026, 6, 1)


@pytest.fixture(autouse=True)
def english():
    """Service messages in English (pages choose their language from the URL)."""
    with translation.override("en"):
        yield


@pytest.fixture
def fixed_today(monkeypatch):
    """Pin "today" (Europe/Vilnius) so 24-month alerts do not depend on the calendar."""
    monkeypatch.setattr(services, "today", lambda: AS_OF)
    return AS_OF


@pytest.fixture
def make_initiative(db):
    def make(slug: str = "test-centre", published: bool = True, **extra) -> Initiative:
        defaults = {
            "name_en": f"Test {slug}",
            "name_lt": f"Bandomasis {slug}",
            "type": "education_centre",
            "published": published,
            "is_sample": True,
        }
        return Initiative.objects.create(slug=slug, **{**defaults, **extra})

    return make


def running(initiative: Initiative, year: int, planned: str) -> BudgetLine:
    return BudgetLine.objects.create(
        initiative=initiative,
        year=year,
        category="running",
        subcategory="staff",
        planned=Decimal(planned),
    )


def kpi(initiative: Initiative, code: str = "pupils", **extra) -> Kpi:
    """A KPI counted in persons ("Pupils" / "Mokiniai" unless named otherwise)."""
    names = {"name_en": "Pupils", "name_lt": "Mokiniai", "unit_en": "persons", "unit_lt": "asmenys"}
    return Kpi.objects.create(initiative=initiative, code=code, **{**names, **extra})


def organisation(name: str) -> Organisation:
    """A sample organisation of the register (created once per test)."""
    return Organisation.objects.get_or_create(
        name=name, defaults={"type": "funder", "is_sample": True}
    )[0]


def funding(
    initiative: Initiative,
    funder: str,
    amount: str,
    year_from: int,
    year_to: int,
    source_type: str = "municipality",
    covers: str = "running",
    status: str = "received",
) -> FundingLine:
    return FundingLine.objects.create(
        initiative=initiative,
        funder_organisation=organisation(funder),
        source_type=source_type,
        amount=Decimal(amount),
        year_from=year_from,
        year_to=year_to,
        covers=covers,
        status=status,
    )
