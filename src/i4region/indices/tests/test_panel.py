"""The panel index: one published run per year with enough data, a year selector, a region's
movement over the years, and the API and export per year."""

import pytest
from django.urls import reverse
from django.utils import translation

from i4region.indices import i40, services

pytestmark = pytest.mark.django_db

PANEL = tuple(range(2008, 2019))


def url(lang, name, args=()):
    with translation.override(lang):
        return reverse(name, args=args)


def test_years_offered_are_exactly_those_with_enough_data():
    assert i40.offered_years() == PANEL
    # 2019 has no Eurostat column at all; every offered year has each indicator for half the regions
    assert not i40.year_has_enough_data(i40.idata_records(2019))
    for year in PANEL:
        assert min(i40.indicator_coverage(i40.idata_records(year)).values()) >= 0.5
    assert list(services.published_runs()) == list(PANEL)
    assert services.published_run().year == 2018


def test_golden_lt02_2016_computed_by_the_engine_from_the_bundled_inputs():
    run = services.published_run(2016)
    assert run.results["scores"]["LT02"]["Index"] == pytest.approx(33.24163426349592, abs=1e-9)
    assert run.results["n_units"] == 267

    # by hand: the human-capital indicators are untreated, so the pillar is the mean of their
    # min-max scores (1–100) over the regions that pass the 3/4 screen (a count has no value
    # where the population, its denominator, is missing)
    coverage = i40.region_coverage(run.inputs)
    kept = [r for r in run.inputs if coverage[r["uCode"]] >= 0.75]
    assert len(kept) == 267
    lt02 = next(r for r in kept if r["uCode"] == "LT02")
    pillar = [c.code for c in i40.CHOICES if c.pillar == "HumanCapital"]
    scores = []
    for code in pillar:
        values = [r[code] for r in kept if r[code] is not None]
        lo, hi = min(values), max(values)
        scores.append(1 + 99 * (lt02[code] - lo) / (hi - lo))
    assert run.results["scores"]["LT02"]["HumanCapital"] == pytest.approx(
        sum(scores) / len(pillar), abs=1e-9
    )


def test_ranking_has_a_year_selector_and_states_the_rule(client):
    text = client.get(url("en", "indices:ranking") + "?year=2010").content.decode()
    assert "Regional Industry 4.0 readiness index 2010" in text
    assert '<option value="2010" selected>' in text
    assert text.count("<option ") == len(PANEL)
    assert "every indicator has a value for at least half of the regions" in text
    # before 2013 the database has Lithuania as one NUTS2 region, LT00
    assert "indices/regions/LT00/?year=2010" in text and "/regions/LT02/" not in text
    lt = client.get(url("lt", "indices:ranking") + "?year=2010").content.decode()
    assert "kiekvienas rodiklis turi reikšmę bent pusei regionų" in lt


@pytest.mark.parametrize("year", ["2019", "2007", "abc", "٣"])
def test_a_year_without_an_index_is_not_found(client, year):
    response = client.get(url("en", "indices:ranking") + f"?year={year}")
    assert response.status_code == 404


def test_region_scorecard_shows_rank_and_score_over_the_years(client):
    text = client.get(url("en", "indices:region", ("LT02",))).content.decode()
    runs = services.published_runs()
    assert "Over the years" in text and text.count("<svg") >= 2
    for year in range(2013, 2019):
        res = runs[year].results
        rank, n = res["ranks"]["LT02"]["Index"], res["n_units"]
        assert f'?year={year}">{year}</a>' in text
        assert f"{rank:.0f} of {n}" in text
    assert '?year=2012">2012</a>' not in text
    # LT00 is in the index until 2012: its page shows that year without asking
    old = client.get(url("en", "indices:region", ("LT00",))).content.decode()
    assert "Pillars in 2012" in old and '?year=2008">2008</a>' in old


def test_api_serves_every_year(client):
    assert client.get("/api/v1/indices/years").json() == list(PANEL)
    body = client.get("/api/v1/indices/published?year=2012").json()
    assert body["year"] == 2012
    lt00 = next(r for r in body["regions"] if r["region"] == "LT00")
    assert lt00["ranks"]["Index"] == services.published_run(2012).results["ranks"]["LT00"]["Index"]
    assert client.get("/api/v1/indices/published").json()["year"] == 2018
    missing = client.get("/api/v1/indices/published?year=2019")
    assert missing.status_code == 404 and "2008, 2009" in missing.json()["detail"]
