"""Hand-worked sustainability cases, run through the services on database rows (EUR, Decimal)."""

from decimal import Decimal

import pytest

from i4region.initiatives import services
from i4region.initiatives.models import BudgetLine

from .conftest import AS_OF, funding, running

pytestmark = pytest.mark.django_db


@pytest.fixture
def centre(make_initiative):
    """Running costs 100,000 EUR in 2026, 2027 and 2028.

    Funding: the municipality 200,000 EUR received for 2026-2027 (100,000 a year);
    ERDF 50,000 EUR approved for 2028; a private sponsor 30,000 EUR only applied for 2028.
    """
    ini = make_initiative("centre")
    for year in (2026, 2027, 2028):
        running(ini, year, "100000.00")
    funding(ini, "City", "200000.00", 2026, 2027)
    funding(ini, "EU", "50000.00", 2028, 2028, source_type="erdf", status="approved")
    funding(ini, "Sponsor", "30000.00", 2028, 2028, source_type="private", status="applied")
    return ini


def test_gap_runway_and_concentration_by_hand(centre):
    report, _inputs = services.sustainability([centre], as_of=AS_OF)
    assert report.currency == "EUR"
    years = {r.year: r for r in report.years}
    # 2026 and 2027: 100,000 cost, 100,000 secured; 2028: 100,000 cost, 50,000 secured
    assert [years[y].gap for y in (2026, 2027, 2028)] == [
        Decimal("0.00"),
        Decimal("0.00"),
        Decimal("50000.00"),
    ]
    assert all(isinstance(r.gap, Decimal) and isinstance(r.secured, Decimal) for r in report.years)
    summary = report.initiatives["centre"]
    assert summary.runway_end_year == 2027
    assert summary.cost == Decimal("300000.00")
    assert summary.secured == Decimal("250000.00")
    assert summary.pipeline == Decimal("30000.00")  # applied money is not secured
    # City 200,000 of 250,000 secured: share 0.8; HHI 0.8^2 + 0.2^2 = 0.68
    assert summary.concentration.largest_funder == "City"
    assert summary.concentration.largest_funder_share == pytest.approx(0.8)
    assert summary.concentration.hhi == pytest.approx(0.68)
    # the 2028 gap starts 19 months after 2026-06-01: inside the 24-month horizon
    assert [(a.year, a.gap, a.months_until) for a in report.alerts] == [
        (2028, Decimal("50000.00"), 19)
    ]


def test_scenario_source_ends_reopens_a_gap(centre):
    result = services.scenario([centre], "City", 2026, as_of=AS_OF)
    after = {r.year: r.gap for r in result.scenario.years}
    # the city's 100,000 for 2027 is lost, so 2027 falls short by the whole running cost
    assert after[2027] == Decimal("100000.00")
    assert result.lost_by_initiative == {"centre": Decimal("100000.00")}
    assert result.scenario.initiatives["centre"].runway_end_year == 2026
    assert result.scenario.total_gap == Decimal("150000.00")
    assert result.baseline.total_gap == Decimal("50000.00")


def test_scenario_by_source_type(centre):
    result = services.scenario([centre], "erdf", 2027, as_of=AS_OF)
    assert {r.year: r.gap for r in result.scenario.years}[2028] == Decimal("100000.00")


def test_lines_without_year_or_amount_are_kept_apart(centre):
    BudgetLine.objects.create(
        initiative=centre, year=None, category="establishment", planned=Decimal("470000")
    )
    BudgetLine.objects.create(
        initiative=centre, year=2029, category="running", subcategory="consumables", planned=None
    )
    report, inputs = services.sustainability([centre], as_of=AS_OF)
    assert len(inputs.undated_budget) == 2
    assert report.initiatives["centre"].cost == Decimal("300000.00")


def test_cent_remainder_goes_to_the_last_year(make_initiative):
    ini = make_initiative("cents")
    for year in (2026, 2027, 2028):
        running(ini, year, "0.00")
    funding(ini, "City", "100.00", 2026, 2028)
    report, _ = services.sustainability([ini], as_of=AS_OF)
    assert [r.secured for r in report.years] == [
        Decimal("33.33"),
        Decimal("33.33"),
        Decimal("33.34"),
    ]
