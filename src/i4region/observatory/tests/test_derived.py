"""Derived indicators: the formula language on hand-made series, then on the real data."""

import pytest

from i4region.compute import series as derived
from i4region.compute.series import Point
from i4region.observatory.models import Indicator
from i4region.observatory.services import change_between, series
from i4region.regions.models import Region


def releases(vintage: str, values: dict[str, float], flag: str = "") -> dict:
    return {vintage: {p: Point(p, v, flag, vintage) for p, v in values.items()}}


def test_parse_and_show_formulas():
    assert str(derived.parse("population / area_km2")) == "population / area_km2"
    assert derived.parse("cagr(population, 10)").years == 10
    assert derived.parse("index_country(gdp)").inputs == ("gdp",)
    for bad in ("population * 2", "change(population)", "index_country(gdp, 3)", "cagr(x, 0)"):
        with pytest.raises(ValueError, match="expected|needs|takes"):
            derived.parse(bad)


def test_changes_never_mix_releases():
    old = releases("2022-10", {"2005": 200.0, "2010": 150.0, "2015": 100.0})
    new = releases("2026-04", {"2015": 110.0, "2020": 99.0})
    a = {**old, **new}
    change = {p.period: p for p in derived.evaluate(derived.parse("change(a, 5)"), {"a": a})}
    assert change["2010"].value == pytest.approx(-25.0)
    assert change["2015"].value == pytest.approx(-100 / 3)  # 2010 and 2015 both in 2022-10
    assert change["2015"].vintage == "2022-10"
    assert change["2020"].value == pytest.approx(-10.0)  # 2015 and 2020 both in 2026-04
    cagr = derived.evaluate(derived.parse("cagr(a, 10)"), {"a": a})
    assert [(p.period, round(p.value, 4)) for p in cagr] == [
        ("2015", round((0.5**0.1 - 1) * 100, 4))
    ]


def test_ratio_uses_the_nearest_year_of_the_denominator_and_keeps_flags():
    a = releases("v1", {"2010": 100.0, "2020": 300.0}, flag="p")
    b = releases("v2", {"2018": 10.0, "2019": 20.0})
    out = derived.evaluate(derived.parse("a / b"), {"a": a, "b": b})
    assert [(p.period, p.value, p.flag, p.vintage) for p in out] == [
        ("2010", 10.0, "p", "v1 + v2"),
        ("2020", 15.0, "p", "v1 + v2"),
    ]


def test_index_with_country_equal_to_100():
    own = releases("v", {"2021": 62.0})
    country = {"a": releases("v", {"2021": 89.0})}
    out = derived.evaluate(derived.parse("index_country(a)"), {"a": own}, country)
    assert out[0].value == pytest.approx(69.66, abs=0.01)


@pytest.mark.django_db
def test_derived_indicators_on_the_real_data():
    lt025 = Region.objects.get(code="LT025")

    def latest(code: str) -> Point:
        return {p.period: p for p in series(Indicator.objects.get(code=code), lt025)}

    assert latest("population_density")["2025"].value == pytest.approx(207017 / 7878)
    assert latest("population_change_5y")["2025"].value == pytest.approx(
        (207017 / 218237 - 1) * 100
    )
    assert latest("gdp_pps_per_capita_country_index")["2021"].value == pytest.approx(62 / 89 * 100)
    first, last = change_between(Indicator.objects.get(code="population"), lt025, "2005", "2020")
    assert (first.value, last.value, last.vintage) == (284918, 211189, "2022-10")
    assert not Indicator.objects.get(code="population_density").observations.exists()
