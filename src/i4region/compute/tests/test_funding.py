"""Hand-worked cases for gaps, runway, concentration, alerts and scenarios."""

from datetime import date
from decimal import Decimal as D

import pytest
from hypothesis import given
from hypothesis import strategies as st

from i4region.compute.funding import (
    BudgetLine,
    FundingLine,
    analyse,
    concentration,
    money,
    placed_years,
    scenario_source_ends,
    spread_amount,
)

BUDGET = [
    BudgetLine(
        "RoboLabas", 2025, "establishment", "equipment", D("470000.00"), D("470000"), D("120000")
    ),
    BudgetLine("RoboLabas", 2026, "running", "staff", D("100000.00")),
    BudgetLine("RoboLabas", 2027, "running", "staff", D("100000.00")),
    BudgetLine("RoboLabas", 2028, "running", "staff", D("60000.00")),
    BudgetLine("RoboLabas", 2028, "running", "building", D("40000.00")),
]
FUNDING = [
    FundingLine("RoboLabas", "ESF+", "EU", D("470000"), 2025, 2025, "establishment", "approved"),
    FundingLine(
        "RoboLabas", "Panevėžys city", "municipal", D("200000"), 2026, 2027, "running", "received"
    ),
    FundingLine("RoboLabas", "Foundation", "private", D("50000"), 2026, 2028, "both", "approved"),
    FundingLine("RoboLabas", "Interreg", "EU", D("90000"), 2027, 2028, "running", "applied"),
    FundingLine("RoboLabas", "Ministry", "national", D("30000"), 2028, 2028, "running", "rejected"),
]


def by_year(report, initiative):
    return {r.year: r for r in report.years if r.initiative == initiative}


def test_spread_puts_cent_remainder_in_last_year():
    assert spread_amount(D("100.00"), 2025, 2027) == {
        2025: D("33.33"),
        2026: D("33.33"),
        2027: D("33.34"),
    }
    assert spread_amount(D("0.02"), 2025, 2027) == {
        2025: D("0.00"),
        2026: D("0.00"),
        2027: D("0.02"),
    }
    assert spread_amount(D("5"), 2030, 2030) == {2030: D("5.00")}


@given(
    cents=st.integers(min_value=0, max_value=10**12),
    start=st.integers(min_value=2000, max_value=2040),
    length=st.integers(min_value=1, max_value=15),
)
def test_spread_sums_exactly(cents, start, length):
    amount = D(cents) / 100
    parts = spread_amount(amount, start, start + length - 1)
    assert sum(parts.values()) == amount
    assert len(set(list(parts.values())[:-1])) <= 1


@pytest.mark.parametrize("bad", [1.5, D("1.005"), D("-1"), "abc", D("NaN"), True])
def test_money_is_decimal_whole_cents(bad):
    with pytest.raises(ValueError):
        money(bad)


def test_lines_validate_their_fields():
    with pytest.raises(ValueError, match="category"):
        BudgetLine("X", 2025, "operating", "staff", D("1"))
    with pytest.raises(ValueError, match="planned"):
        BudgetLine("X", 2025, "running", "staff", 100.0)
    with pytest.raises(ValueError, match="status"):
        FundingLine("X", "F", "EU", D("1"), 2025, 2025, "both", "promised")
    with pytest.raises(ValueError, match="year_to"):
        FundingLine("X", "F", "EU", D("1"), 2026, 2025, "both", "approved")


def test_gap_surplus_and_runway_by_hand():
    report = analyse(BUDGET, FUNDING)
    assert report.currency == "EUR"
    rows = by_year(report, "RoboLabas")
    # 2025: establishment 470,000 fully covered by ESF+
    assert (rows[2025].cost, rows[2025].secured, rows[2025].gap) == (
        D("470000.00"),
        D("470000.00"),
        0,
    )
    assert (rows[2025].committed, rows[2025].spent) == (D("470000.00"), D("120000.00"))
    # 2026/2027: running 100,000 paid by the city; the foundation's 16,666.66 is surplus
    assert rows[2026].secured == D("116666.66")
    assert (rows[2026].gap, rows[2026].surplus) == (0, D("16666.66"))
    # 2028: the city stopped; foundation's last part carries the cent remainder
    assert rows[2028].secured == D("16666.68")
    assert rows[2028].gap == rows[2028].gap_running == D("83333.32")
    s = report.initiatives["RoboLabas"]
    assert s.runway_end_year == 2027
    assert (s.cost, s.secured) == (D("770000.00"), D("720000.00"))
    assert s.gap == D("83333.32")
    assert s.surplus == D("33333.32")
    assert s.pipeline == D("90000.00")  # applied, not secured; rejected counts nowhere
    assert s.cost - s.secured == s.gap - s.surplus


def test_concentration_by_hand():
    s = analyse(BUDGET, FUNDING).initiatives["RoboLabas"]
    # shares 470/720, 200/720, 50/720: HHI = (470² + 200² + 50²) / 720² = 263,400 / 518,400
    assert s.concentration.largest_funder == "ESF+"
    assert s.concentration.largest_funder_share == pytest.approx(470 / 720)
    assert s.concentration.hhi == pytest.approx(263400 / 518400)
    assert concentration({"a": D(1), "b": D(1)}).hhi == 0.5
    assert concentration({"a": D(7)}).largest_funder_share == 1.0
    assert concentration({}).largest_funder is None


def test_earmarks_make_gap_and_surplus_in_the_same_year():
    budget = [
        BudgetLine("STEAM", 2025, "establishment", "building", D("100")),
        BudgetLine("STEAM", 2025, "running", "staff", D("100")),
    ]
    funding = [
        FundingLine("STEAM", "EU", "EU", D("150"), 2025, 2025, "establishment", "approved"),
        FundingLine("STEAM", "City", "municipal", D("50"), 2025, 2025, "running", "approved"),
        FundingLine("STEAM", "Bank", "private", D("30"), 2025, 2025, "both", "received"),
    ]
    row = analyse(budget, funding).years[0]
    # establishment over-funded by 50 (earmarked), running short by 50 less the flexible 30
    assert (row.gap, row.gap_running, row.gap_establishment, row.surplus) == (
        D("20"),
        D("20"),
        0,
        D("50"),
    )
    assert not row.running_covered
    assert analyse(budget, funding).initiatives["STEAM"].runway_end_year is None


def test_flexible_money_pays_establishment_first():
    budget = [
        BudgetLine("A", 2025, "establishment", "x", D("100")),
        BudgetLine("A", 2025, "running", "y", D("100")),
    ]
    funding = [FundingLine("A", "F", "EU", D("150"), 2025, 2025, "both", "approved")]
    row = analyse(budget, funding).years[0]
    assert (row.gap_establishment, row.gap_running, row.surplus) == (0, D("50"), 0)


def test_alerts_within_24_months():
    report = analyse(BUDGET, FUNDING, as_of=date(2026, 3, 15))
    assert [(a.initiative, a.year, a.gap, a.months_until) for a in report.alerts] == [
        ("RoboLabas", 2028, D("83333.32"), 21)
    ]
    # 2028-01-01 is 24 months and a day after 2025-12-31: outside the horizon
    assert analyse(BUDGET, FUNDING, as_of=date(2025, 12, 31)).alerts == []
    # a gap in the current year alerts at once
    late = analyse(BUDGET, FUNDING, as_of=date(2028, 6, 1))
    assert [(a.year, a.months_until) for a in late.alerts] == [(2028, 0)]
    assert analyse(BUDGET, FUNDING).alerts == []


def test_portfolio_totals():
    extra = [BudgetLine("Agency", 2026, "running", "staff", D("290000"))]
    funds = [
        FundingLine(
            "Agency", "Panevėžys city", "municipal", D("290000"), 2026, 2026, "running", "approved"
        )
    ]
    report = analyse(BUDGET + extra, FUNDING + funds)
    p2026 = next(p for p in report.portfolio_years if p.year == 2026)
    assert (p2026.cost, p2026.secured, p2026.gap, p2026.surplus) == (
        D("390000.00"),
        D("406666.66"),
        0,
        D("16666.66"),
    )
    assert report.total_cost == D("1060000.00")
    assert report.total_secured == D("1010000.00")
    assert report.total_gap == D("83333.32")
    # city 490,000 of 1,010,000 secured is the largest funder of the portfolio
    assert report.concentration.largest_funder == "Panevėžys city"
    assert report.concentration.largest_funder_share == pytest.approx(490 / 1010)


def test_cost_basis_spent():
    report = analyse(BUDGET, FUNDING, cost_basis="spent")
    assert by_year(report, "RoboLabas")[2025].cost == D("120000.00")
    with pytest.raises(ValueError, match="cost_basis"):
        analyse(BUDGET, FUNDING, cost_basis="forecast")


def test_scenario_funder_ends():
    result = scenario_source_ends(BUDGET, FUNDING, "Panevėžys city", 2026)
    assert result.baseline.initiatives["RoboLabas"].runway_end_year == 2027
    s = result.scenario.initiatives["RoboLabas"]
    assert s.runway_end_year == 2026
    rows = by_year(result.scenario, "RoboLabas")
    assert rows[2027].gap == D("83333.34")  # 100,000 - 16,666.66
    assert s.gap == D("83333.34") + D("83333.32")
    assert result.lost_by_initiative == {"RoboLabas": D("100000.00")}


def test_scenario_source_type_ends_before_the_line_starts():
    result = scenario_source_ends(BUDGET, FUNDING, "EU", 2024, by="source_type")
    rows = by_year(result.scenario, "RoboLabas")
    assert rows[2025].gap_establishment == D("470000.00")
    # running costs were never paid by EU money: the runway does not move
    assert result.scenario.initiatives["RoboLabas"].runway_end_year == 2027
    assert result.lost_by_initiative == {"RoboLabas": D("470000.00")}  # applied Interreg is no loss
    with pytest.raises(ValueError, match="no funding line"):
        scenario_source_ends(BUDGET, FUNDING, "EU", 2024, by="funder")


def test_scenario_keeps_spread_of_paid_years():
    result = scenario_source_ends(BUDGET, FUNDING, "Foundation", 2027, as_of=date(2026, 6, 1))
    rows = by_year(result.scenario, "RoboLabas")
    assert rows[2026].secured == rows[2027].secured == D("116666.66")
    assert rows[2028].secured == 0 and rows[2028].gap == D("100000.00")
    assert [(a.year, a.gap, a.months_until) for a in result.scenario.alerts] == [
        (2028, D("100000.00"), 19)
    ]


def test_initiative_with_only_an_application_is_listed():
    funding = [FundingLine("Hub", "Interreg", "EU", D("10"), 2027, 2028, "running", "applied")]
    s = analyse([], funding).initiatives["Hub"]
    # no running costs are recorded, so no year is "covered"
    assert (s.first_year, s.last_year, s.pipeline, s.secured, s.runway_end_year) == (
        2027,
        2028,
        D("10.00"),
        0,
        None,
    )
    assert not s.has_running_costs


def test_no_running_costs_is_never_covered_even_where_a_gap_shows():
    """The test initiative of the old dashboard: establishment costs only, "covered until 2029"
    while 2029 showed an 80,000 gap. Without running costs there is no runway to state."""
    budget = [BudgetLine("Test", y, "establishment", "", D("80000")) for y in (2027, 2028, 2029)]
    funding = [
        FundingLine("Test", "City", "municipality", D("160000"), 2027, 2028, "both", "received")
    ]
    report = analyse(budget, funding)
    s = report.initiatives["Test"]
    assert {r.year: r.gap for r in report.years}[2029] == D("80000.00")
    assert (s.runway_end_year, s.has_running_costs) == (None, False)


def test_runway_stops_at_a_year_without_running_costs_or_with_any_gap():
    budget = [
        BudgetLine("C", 2026, "running", "staff", D("10")),
        BudgetLine("C", 2027, "running", "staff", D("10")),
        BudgetLine("C", 2027, "establishment", "", D("5")),
        BudgetLine("C", 2029, "running", "staff", D("10")),
    ]
    funding = [
        FundingLine("C", "City", "municipality", D("10"), 2026, 2029, "running", "received", True)
    ]
    s = analyse(budget, funding).initiatives["C"]
    # 2026 covered; 2027 running covered but the establishment 5 is a gap: the runway ends in 2026
    assert s.runway_end_year == 2026 and s.has_running_costs
    funding_all = [
        *funding,
        FundingLine("C", "City", "municipality", D("5"), 2027, 2027, "both", "received"),
    ]
    # 2028 has no running costs recorded: the runway cannot run through it into 2029
    assert analyse(budget, funding_all).initiatives["C"].runway_end_year == 2027


def test_per_year_funding_pays_its_amount_each_year():
    line = FundingLine(
        "A", "City", "municipality", D("290000"), 2020, 2022, "running", "received", True
    )
    assert line.by_year() == {2020: D("290000.00"), 2021: D("290000.00"), 2022: D("290000.00")}
    spread = FundingLine(
        "A", "City", "municipality", D("290000"), 2020, 2022, "running", "received"
    )
    assert sum(spread.by_year().values()) == D("290000.00")


@pytest.mark.parametrize(
    ("period", "first", "last", "years"),
    [
        ("years", 2019, None, (2019,)),
        ("years", 2019, 2021, (2019, 2020, 2021)),
        ("dates", 2019, 2019, (2019,)),
        ("about", 2019, None, None),
        ("yearly", 2020, None, None),
        ("yearly", 2020, 2022, (2020, 2021, 2022)),
        ("unknown", None, None, None),
        ("years", None, None, None),
    ],
)
def test_only_dates_and_stated_years_place_an_amount(period, first, last, years):
    assert placed_years(period, first, last) == years


def test_placed_years_refuses_unknown_periods_and_reversed_years():
    with pytest.raises(ValueError, match="period"):
        placed_years("someday", 2020)
    with pytest.raises(ValueError, match="before"):
        placed_years("years", 2021, 2020)
