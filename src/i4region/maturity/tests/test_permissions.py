"""Every page of a response refused from the side of those who must not see it."""

import pytest
from django.urls import reverse

from i4region.maturity.models import Response

pytestmark = pytest.mark.django_db

PAGES = ("maturity:result", "maturity:brief")


def response_of(org, wave="T0"):
    return Response.objects.get(organisation=org, model="dma", wave=wave)


@pytest.mark.parametrize("name", PAGES)
def test_anonymous_visitor_is_sent_to_log_in(client, companies, name):
    url = reverse(name, args=[response_of(companies[0]).pk])
    page = client.get(url)
    assert page.status_code == 302
    assert reverse("accounts:login") in page["Location"]


def test_anonymous_visitor_cannot_open_the_questionnaire_or_start(client, companies):
    url = reverse("maturity:answer", args=[response_of(companies[0]).pk, "digital_readiness"])
    assert reverse("accounts:login") in client.get(url)["Location"]
    assert reverse("accounts:login") in client.get(reverse("maturity:start"))["Location"]


@pytest.mark.parametrize("name", PAGES)
def test_representative_cannot_open_another_companys_response(client, rep, companies, name):
    client.force_login(rep)
    assert client.get(reverse(name, args=[response_of(companies[1]).pk])).status_code == 403
    assert client.get(reverse(name, args=[response_of(companies[0]).pk])).status_code == 200


def test_representative_cannot_answer_for_another_company(client, rep, companies):
    client.force_login(rep)
    other = Response.objects.create(
        model="dma",
        version="1.0",
        organisation=companies[1],
        wave="T2",
        date="2026-12-01",
        size_class="small",
        nace_code="C25",
    )
    url = reverse("maturity:answer", args=[other.pk, "digital_readiness"])
    assert client.get(url).status_code == 403
    assert client.post(url, {"q3": ["q3_01"], "action": "save"}).status_code == 403
    other.refresh_from_db()
    assert other.answers == {}
    page = client.post(
        reverse("maturity:start"), {"organisation": companies[1].pk, "model": "dma", "wave": "T2"}
    )
    assert page.status_code == 200  # the other company is not a choice
    assert "organisation" in page.context["form"].errors


@pytest.mark.parametrize("role", ["board_member", "initiative_manager", ""])
def test_other_roles_see_no_response(client, make_user, companies, role):
    client.force_login(make_user(role))
    assert (
        client.get(reverse("maturity:result", args=[response_of(companies[0]).pk])).status_code
        == 403
    )


def test_secretariat_sees_every_response(client, make_user, companies):
    client.force_login(make_user("secretariat"))
    for org in companies:
        assert client.get(reverse("maturity:result", args=[response_of(org).pk])).status_code == 200


@pytest.mark.parametrize(
    "name, args", [("maturity:import", []), ("maturity:export", ["dma", "wide"])]
)
def test_only_the_secretariat_imports_and_downloads(client, rep, name, args):
    url = reverse(name, args=args)
    assert reverse("accounts:login") in client.get(url)["Location"]
    client.force_login(rep)
    assert client.get(url).status_code == 403
