"""What the public and the secretariat see on the overview and result pages."""

import pytest

from i4region.maturity import services
from i4region.maturity.models import Response

from .conftest import answers_for

pytestmark = pytest.mark.django_db


def test_public_overview_shows_aggregates_and_no_company(client, companies):
    html = client.get("/en/maturity/").content.decode()
    assert "Sample companies (fictional), DMA wave T0" in html
    assert "All respondents" in html
    assert "Pavyzdinė gamykla" not in html  # no company is named to the public
    assert "No real company has answered yet" in html


def test_overview_in_lithuanian(client, companies):
    html = client.get("/lt/maturity/").content.decode()
    assert "Brandos įsivertinimas" in html and "Pavyzdys" in html


def test_representative_sees_own_company_only(client, rep, companies):
    client.force_login(rep)
    html = client.get("/en/maturity/").content.decode()
    assert companies[0].name in html and companies[1].name not in html


def test_secretariat_sees_the_history_of_a_submitted_response(client, make_user, fresh_company):
    secretariat = make_user("secretariat")
    response = services.start(fresh_company, "dma", "T0", secretariat)
    response.answers = answers_for(services.spec_of(response), 0)
    services.submit(response)
    client.force_login(secretariat)
    html = client.get(f"/en/maturity/responses/{response.pk}/").content.decode()
    assert "History of changes" in html and "Submitted" in html
    assert "recorded on the company's behalf" in html


def test_brief_in_english_names_the_initiatives_for_the_weakest_dimensions(
    client, fresh_company, make_user
):
    user = make_user("company_rep")
    fresh_company.representatives.add(user)
    response = services.start(fresh_company, "dma", "T0", user)
    spec = services.spec_of(response)
    answers = answers_for(spec, 3)
    for q in spec.questions_of("human_centric_digitalisation") + spec.questions_of(
        "digital_business_strategy"
    ):
        answers.update({i.code: 0 for i in q.items})
    response.answers = answers
    services.submit(response)
    data = services.brief(fresh_company, "T0")
    assert [d["code"] for d in data["weakest"]] == [
        "digital_business_strategy",
        "human_centric_digitalisation",
    ]
    client.force_login(user)
    html = client.get(f"/en/maturity/responses/{response.pk}/brief/").content.decode()
    assert "RoboLabas robotics competition centre" in html
    assert "Panevėžys regional STEAM open-access centre" in html
    assert "Regional development agency" in html
    assert Response.objects.get(pk=response.pk).on_behalf is False


def test_api_serves_only_disclosure_controlled_aggregates(client, companies):
    data = client.get("/api/v1/maturity/regional?sample=true").json()
    assert data["threshold"] == 5 and data["version"] == "1.0"
    assert all(a["n"] >= 5 for a in data["aggregates"])
    total = [a for a in data["aggregates"] if a["by"] == "total" and a["measure"] == "mean:overall"]
    assert total and total[0]["n"] > 5
    assert client.get("/api/v1/maturity/regional").json()["aggregates"] == []  # no real answers
    assert client.get("/api/v1/maturity/regional?wave=T9").status_code in (400, 422)
