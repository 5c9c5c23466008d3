"""The method fixes of the index, each as a reader of the method page would check it."""

import numpy as np
import pytest
from django.test import override_settings
from django.urls import reverse
from django.utils import translation

from i4region.indices import i40, services
from i4region.regions.services import home_country

pytestmark = pytest.mark.django_db

COUNTS = [c.code for c in i40.CHOICES if c.per_million]


def url(lang, name):
    with translation.override(lang):
        return reverse(name)


@pytest.fixture(scope="module")
def built_2018(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock():
        run = services.published_run(2018)
        return run, services.build(run.framework, run.inputs)


def test_population_is_only_a_size_denominator(built_2018):
    run, index = built_2018
    indicators = {r["iCode"] for r in run.framework.imeta if r["Type"] == "Indicator"}
    assert "Population" not in indicators and i40.POPULATION not in indicators
    assert {r["Denominator"] for r in run.framework.imeta if r["iCode"] in COUNTS} == {"PopMillion"}
    # a region twice as large with twice the patents, papers and institutes scores the same
    inputs = [dict(r) for r in run.inputs]
    big = next(r for r in inputs if r["uCode"] == "LT02")
    big["PopMillion"] *= 2
    for code in COUNTS:
        big[code] *= 2
    twice = services.build(run.framework, inputs)
    row = list(index.last.ucodes).index("LT02")
    assert twice.last.col("Index")[row] == pytest.approx(index.last.col("Index")[row], abs=1e-9)


def test_one_missing_data_rule_for_every_value(built_2018):
    run, index = built_2018
    reported = i40.reported_records(2018)
    # the database never lists a zero count: every unlisted count is read as zero, all three alike
    for code in COUNTS:
        assert all(r[code] != 0 for r in reported)
        unlisted = {r["uCode"] for r in reported if r[code] is None}
        assert unlisted and all(r[code] == 0.0 for r in run.inputs if r["uCode"] in unlisted)
    # every other missing value takes the mean of the same country's regions of that year
    screened = index.datasets["Screened"]
    imputed = index.datasets["Imputed"]
    points = index.details["Imputed"]["Imputed"]
    assert points
    for unit, code in points:
        i = list(imputed.ucodes).index(unit)
        same = np.array([u[:2] == unit[:2] for u in screened.ucodes])
        assert imputed.col(code)[i] == pytest.approx(np.nanmean(screened.col(code)[same]))


def test_screening_runs_before_imputation_on_reported_data(built_2018):
    run, index = built_2018
    ops = [s.op for s in index.steps]
    assert ops.index("screen") < ops.index("impute")
    coverage = i40.region_coverage(run.inputs)
    left_out = {u for u, share in coverage.items() if share < i40.MIN_REGION_COVERAGE}
    assert left_out and set(run.results["screened_out"]) == left_out
    assert not set(run.results["scores"]) & left_out


def test_method_page_states_the_rules_and_the_true_coverage(client):
    text = client.get(url("en", "indices:method") + "?year=2018").content.decode()
    reported = i40.reported_records(2018)
    share = 100 * sum(r["I40Patents"] is not None for r in reported) / len(reported)
    assert share < 70  # the old page claimed more than 95 % for every indicator
    assert f"{share:.1f} %" in text
    assert "It is not an indicator itself" in text
    assert "read as zero, for all three alike" in text
    assert "Screening comes first" in text
    n_out = len(services.published_run(2018).results["screened_out"])
    assert f"{len(reported)} regions in the database for 2018, {n_out} have a value" in text
    lt = client.get(url("lt", "indices:method") + "?year=2018").content.decode()
    assert "Pats jis nėra rodiklis" in lt and "Pirmiausia atranka" in lt
    assert f"{share:.1f} %".replace(".", ",") in lt


def test_chart_title_names_the_home_country_from_the_data(client):
    with translation.override("en"):
        text = client.get(url("en", "indices:ranking")).content.decode()
        assert f"highest regions and {home_country().display_name}" in text
    with override_settings(I4REGION_HOME_REGION="LV008"), translation.override("en"):
        text = client.get(url("en", "indices:ranking")).content.decode()
        latvia = home_country().display_name
        assert latvia != "Lithuania" and f"highest regions and {latvia}" in text
        assert "Lithuania</title>" not in text
