"""Answering: one dimension per page, drafts, the exclusive item, submit, result, next wave."""

import pytest
from django.urls import reverse

from i4region.maturity import definitions, services
from i4region.maturity.models import Response

from .conftest import answers_for

pytestmark = pytest.mark.django_db


@pytest.fixture
def newcomer(make_user, fresh_company):
    user = make_user("company_rep")
    fresh_company.representatives.add(user)
    return user


def post_dimension(client, response, dimension, data, action="next"):
    url = reverse("maturity:answer", args=[response.pk, dimension])
    return client.post(url, {**data, "action": action})


def page_data(spec, dimension, answers):
    """What a browser sends for one dimension page with these answers."""
    data = {}
    for q in spec.questions_of(dimension):
        if q.scale.is_tick:
            data[q.code] = [i.code for i in q.items if answers[i.code]]
        else:
            data.update({i.code: str(answers[i.code]) for i in q.items})
    return data


def test_start_save_resume_and_submit(client, newcomer, fresh_company):
    client.force_login(newcomer)
    page = client.post(
        reverse("maturity:start"), {"organisation": fresh_company.pk, "model": "dma", "wave": "T0"}
    )
    response = Response.objects.get(organisation=fresh_company, wave="T0")
    assert page["Location"] == reverse(
        "maturity:answer", args=[response.pk, "digital_business_strategy"]
    )
    assert response.on_behalf is False and response.nace_code == "C28.4"
    spec = definitions.current("dma")
    answers = answers_for(spec)
    post_dimension(
        client, response, "digital_readiness", page_data(spec, "digital_readiness", answers), "save"
    )
    response.refresh_from_db()
    assert response.answers["q3_01"] == 1 and response.answers["q4_07"] == 1
    # starting again resumes the same draft
    client.post(
        reverse("maturity:start"), {"organisation": fresh_company.pk, "model": "dma", "wave": "T0"}
    )
    assert Response.objects.filter(organisation=fresh_company).count() == 1
    # submitting with dimensions still open is refused and leads to the first one missing
    page = post_dimension(client, response, "digital_readiness", {}, "submit")
    assert page["Location"] == reverse(
        "maturity:answer", args=[response.pk, "digital_business_strategy"]
    )
    response.refresh_from_db()
    assert response.status == "draft"
    for d in spec.dimension_codes:
        post_dimension(client, response, d, page_data(spec, d, answers))
    page = post_dimension(
        client,
        response,
        "green_digitalisation",
        page_data(spec, "green_digitalisation", answers),
        "submit",
    )
    assert page["Location"] == reverse("maturity:result", args=[response.pk])
    response.refresh_from_db()
    assert response.status == "submitted"
    scores = {s.dimension: s for s in response.scores.all()}
    # one of everything: Q1 10+10, Q2 10 → 100; Q3 10, Q4 10×1/5=2 → 60; Q11 5 → 5×(10+5)=75
    assert scores["digital_business_strategy"].value == pytest.approx(100)
    assert scores["digital_readiness"].value == pytest.approx(60)
    assert scores["green_digitalisation"].value == pytest.approx(75)
    assert scores["green_digitalisation"].band == "moderately_advanced"
    assert {s.scored_with for s in scores.values()} == {"dma-1.0"}


def test_exclusive_item_cannot_be_ticked_with_others(client, newcomer, fresh_company):
    client.force_login(newcomer)
    response = services.start(fresh_company, "dma", "T0", newcomer)
    page = post_dimension(client, response, "data_management", {"q7": ["q7_01", "q7_03"]}, "save")
    assert page.status_code == 200
    assert (
        "cannot be ticked together" in page.content.decode()
        or "negali būti pažymėta" in page.content.decode()
    )
    response.refresh_from_db()
    assert response.answers == {}
    post_dimension(client, response, "data_management", {"q7": ["q7_01"]}, "save")
    response.refresh_from_db()
    assert response.answers["q7_01"] == 1 and response.answers["q7_03"] == 0


def test_questionnaire_is_a_plain_form_in_lithuanian(client, newcomer, fresh_company):
    client.force_login(newcomer)
    response = services.start(fresh_company, "dma", "T0", newcomer)
    html = client.get(
        f"/lt/maturity/responses/{response.pk}/answer/data_management/"
    ).content.decode()
    assert "Duomenys nerenkami skaitmeniniu būdu" in html
    assert 'type="checkbox" name="q7" value="q7_01"' in html
    assert "<script" not in html.split("<main", 1)[-1]  # nothing on the page needs JavaScript


def test_result_shows_scores_benchmark_and_change(client, rep, companies):
    client.force_login(rep)
    t1 = Response.objects.get(organisation=companies[0], model="dma", wave="T1")
    html = client.get(f"/lt/maturity/responses/{t1.pk}/").content.decode()
    assert "Skaitmeninė parengtis" in html and "Pavyzdys" in html
    assert "Visi respondentai" in html  # the benchmark's all-respondents column
    assert "Pokytis nuo ankstesnės bangos" in html and "T0" in html
    assert "<svg" in html


def test_secretariat_records_on_behalf(client, make_user, fresh_company):
    client.force_login(make_user("secretariat"))
    client.post(
        reverse("maturity:start"),
        {"organisation": fresh_company.pk, "model": "impuls", "wave": "T0"},
    )
    response = Response.objects.get(organisation=fresh_company, model="impuls")
    assert response.on_behalf is True
    assert response.version == "1.0"


def test_an_old_response_keeps_the_version_that_scored_it(companies, monkeypatch):
    old = Response.objects.get(organisation=companies[0], model="dma", wave="T0")
    before = {s.dimension: s.value for s in old.scores.all()}
    newer = definitions.spec("dma", "1.0").__class__(
        **{**definitions.spec("dma", "1.0").__dict__, "version": "1.1"}
    )
    monkeypatch.setattr(definitions, "current", lambda model: newer)
    services.score(old)
    assert {s.scored_with for s in old.scores.all()} == {"dma-1.0"}
    assert {s.dimension: s.value for s in old.scores.all()} == before
    assert services.spec_of(old).version == "1.0"
