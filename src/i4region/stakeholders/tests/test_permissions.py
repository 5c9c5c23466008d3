import pytest
from django.urls import reverse

from i4region.stakeholders.models import Organisation, Person

pytestmark = pytest.mark.django_db

INTERNAL_PAGES = ["network/", "network.svg", "key-actors/", "grid/", "activities/"]
SECRETARIAT_PAGES = ["kumu/", "kumu/export/xlsx/", "alerts/"]


def _sample_org() -> Organisation:
    return Organisation.objects.filter(is_sample=True, people__isnull=False).first()


@pytest.mark.parametrize("page", INTERNAL_PAGES + SECRETARIAT_PAGES)
def test_anonymous_goes_to_login(client, page):
    r = client.get(f"/en/stakeholders/{page}")
    assert r.status_code == 302 and "/login" in r["Location"]


@pytest.mark.parametrize("page", INTERNAL_PAGES + SECRETARIAT_PAGES)
def test_company_rep_refused(client, make_user, page):
    client.force_login(make_user("company_rep"))
    assert client.get(f"/en/stakeholders/{page}").status_code == 403


@pytest.mark.parametrize("page", SECRETARIAT_PAGES)
def test_board_member_refused_secretariat_pages(client, make_user, page):
    client.force_login(make_user("board_member"))
    assert client.get(f"/en/stakeholders/{page}").status_code == 403


def test_board_member_cannot_log_interaction(client, make_user):
    org = _sample_org()
    client.force_login(make_user("board_member"))
    assert client.get(f"/en/stakeholders/organisation/{org.pk}/interaction/").status_code == 403
    assert (
        client.post(
            f"/en/stakeholders/organisation/{org.pk}/assess/", {"date": "2025-01-01"}
        ).status_code
        == 403
    )


def test_contact_details_only_for_secretariat(client, make_user):
    org = _sample_org()
    person = Person.objects.filter(organisation=org).first()
    client.force_login(make_user("board_member"))
    page = client.get(f"/en/stakeholders/organisation/{org.pk}/").content.decode()
    assert person.email not in page and person.phone not in page
    client.force_login(make_user("secretariat"))
    page = client.get(f"/en/stakeholders/organisation/{org.pk}/").content.decode()
    assert person.email in page and person.phone in page


def test_public_sees_only_published_organisations(client):
    hidden = _sample_org()
    assert not hidden.published
    assert client.get(f"/en/stakeholders/organisation/{hidden.pk}/").status_code == 404
    listing = client.get("/en/stakeholders/").content.decode()
    assert hidden.name not in listing and "RoboLabas" in listing
    robo = Organisation.objects.get(name="RoboLabas")
    page = client.get(f"/en/stakeholders/organisation/{robo.pk}/").content.decode()
    assert "Ties with other organisations" not in page and "Panevėžio švietimo centras" in page


def test_company_rep_sees_own_organisation_not_others(client, make_user):
    own, other = Organisation.objects.filter(is_sample=True, type="company")[:2]
    rep = make_user("company_rep")
    own.representatives.add(rep)
    client.force_login(rep)
    r = client.get(f"/en/stakeholders/organisation/{own.pk}/")
    assert r.status_code == 200 and "Ties with other organisations" in r.content.decode()
    assert client.get(f"/en/stakeholders/organisation/{other.pk}/").status_code == 404
    listing = client.get("/en/stakeholders/").content.decode()
    assert own.name in listing and other.name not in listing


def test_api_lists_only_published(client):
    names = {o["name"] for o in client.get("/api/v1/stakeholders/organisations").json()}
    assert "RoboLabas" in names
    assert not names & set(
        Organisation.objects.filter(published=False).values_list("name", flat=True)
    )


def test_only_secretariat_adds_contacts_and_organisations(client, make_user):
    org = Organisation.objects.get(name="RoboLabas")
    url = f"/en/stakeholders/organisation/{org.pk}/contact/"
    data = {
        "name": "Jonas Kontaktas",
        "email": "jonas@example.org",
        "consent": "on",
        "consent_date": "2026-01-05",
        "consent_source": "signed form",
    }
    client.force_login(make_user("board_member"))
    assert client.post(url, data).status_code == 403
    assert client.get("/en/stakeholders/organisation/add/").status_code == 403
    client.force_login(make_user("secretariat"))
    r = client.post(url, {**data, "consent_source": ""})
    assert "Record when and where the consent was given" in r.content.decode()
    assert client.post(url, data).status_code == 302
    assert Person.objects.get(name="Jonas Kontaktas").organisation == org
    r = client.post(
        "/en/stakeholders/organisation/add/",
        {
            "name": "Pavyzdinė įmonė X",
            "type": "company",
            "nace_code": "C28",
            "is_sample": "on",
        },
    )
    assert r.status_code == 302 and Organisation.objects.filter(nace_code="C28", name__contains="X")
    r = client.post(
        "/en/stakeholders/organisation/add/",
        {"name": "Bad NACE", "type": "company", "nace_code": "28Z"},
    )
    assert r.status_code == 200 and "NACE Rev. 2" in r.content.decode()


@pytest.mark.parametrize("view", ["edit_person", "edit_interaction"])
def test_a_record_of_an_unpublished_organisation_answers_as_a_missing_one(client, view):
    from i4region.stakeholders.models import Interaction

    hidden = Organisation.objects.create(name="Neskelbiama UAB", type="company", published=False)
    if view == "edit_person":
        record = Person.objects.create(organisation=hidden, name="Vardenis Pavardenis")
    else:
        record = Interaction.objects.create(
            organisation=hidden, date="2026-01-05", type="meeting", purpose="Susitikimas"
        )
    hidden_one = client.get(reverse(f"stakeholders:{view}", args=[record.pk]))
    missing = client.get(reverse(f"stakeholders:{view}", args=[999_999]))
    assert hidden_one.status_code == missing.status_code == 404
