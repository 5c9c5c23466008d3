"""Every permission from the side of the user who must be refused."""

import pytest
from django.utils import translation

from i4region.core import history
from i4region.initiatives.models import Initiative

pytestmark = pytest.mark.django_db

PASSWORD = "a-Strong-passw0rd!"


@pytest.fixture
def two(make_initiative, make_user):
    mine = make_initiative("mine")
    other = make_initiative("other")
    manager = make_user("initiative_manager")
    mine.managers.add(manager)
    return mine, other, manager


def login(client, user):
    client.login(username=user.username, password=PASSWORD)
    return client


def test_manager_edits_own_initiative(client, two):
    mine, _other, manager = two
    login(client, manager)
    assert client.get(f"/en/initiatives/{mine.slug}/edit/").status_code == 200
    data = {
        "slug": "mine",
        "name_en": "Mine renamed",
        "name_lt": "Mano",
        "type": "programme",
        "lifecycle": "operating",
        "status": "at_risk",
        "status_reason": "Funding ends",
    }
    response = client.post(f"/en/initiatives/{mine.slug}/edit/", data)
    assert response.status_code == 302
    mine.refresh_from_db()
    assert (mine.name_en, mine.status) == ("Mine renamed", "at_risk")
    with translation.override("en"):
        entry = history.entries_for(mine)[0]
    assert entry.who == manager.username and entry.verb == "changed"
    name = next(c for c in entry.changes if c.label == "Name (English)")
    assert (name.before, name.after) == ("Test mine", "Mine renamed")
    assert "published" not in client.get(f"/en/initiatives/{mine.slug}/edit/").content.decode()


@pytest.mark.parametrize(
    "path",
    ["edit/", "delete/", "budget/add/", "funding/add/", "kpi/add/", "kpi-value/add/", "fact/add/"],
)
def test_manager_refused_on_others_initiative(client, two, path):
    _mine, other, manager = two
    login(client, manager)
    assert client.get(f"/en/initiatives/{other.slug}/{path}").status_code == 403
    assert client.post(f"/en/initiatives/{other.slug}/{path}", {"name_en": "x"}).status_code == 403
    assert Initiative.objects.get(pk=other.pk).name_en == "Test other"


def test_manager_refused_on_others_budget_line(client, two):
    _mine, other, manager = two
    line = other.budget_lines.create(year=2026, category="running", planned="1.00")
    login(client, manager)
    assert client.get(f"/en/initiatives/{other.slug}/budget/{line.pk}/").status_code == 403
    # the line is not found under an initiative it does not belong to
    assert client.get(f"/en/initiatives/{_mine.slug}/budget/{line.pk}/").status_code == 404


@pytest.mark.parametrize("role", ["board_member", "company_rep", ""])
def test_other_roles_cannot_edit(client, make_user, two, role):
    mine, _other, _manager = two
    login(client, make_user(role))
    assert client.get(f"/en/initiatives/{mine.slug}/edit/").status_code == 403


@pytest.mark.parametrize("path", ["mine/edit/", "mine/funding/add/", "new/", "import/"])
def test_anonymous_redirected_to_login(client, two, path):
    response = client.get(f"/en/initiatives/{path}")
    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]


@pytest.mark.parametrize("path", ["new/", "import/"])
def test_manager_cannot_create_or_import(client, two, path):
    login(client, two[2])
    assert client.get(f"/en/initiatives/{path}").status_code == 403


def test_secretariat_edits_any_and_publishes(client, make_user, two):
    _mine, other, _manager = two
    login(client, make_user("secretariat"))
    page = client.get(f"/en/initiatives/{other.slug}/edit/").content.decode()
    assert 'name="published"' in page and 'name="managers"' in page


def test_public_sees_only_published(client, make_initiative):
    make_initiative("shown", name_en="Shown centre")
    make_initiative("hidden", published=False, name_en="Hidden centre")
    page = client.get("/en/initiatives/").content.decode()
    assert "Shown centre" in page and "Hidden centre" not in page
    assert client.get("/en/initiatives/hidden/").status_code == 404
    assert client.get("/en/initiatives/hidden/evidence/").status_code == 404
    assert client.get("/en/initiatives/shown/evidence/").status_code == 200
    exported = client.get("/en/initiatives/export/initiatives.csv").content.decode()
    assert "shown" in exported and "hidden" not in exported
    api = client.get("/api/v1/initiatives").json()
    assert "hidden" not in [i["slug"] for i in api]
    assert client.get("/api/v1/initiatives/hidden/sustainability").status_code == 404


def test_unpublished_edit_pages_answer_as_missing(client, make_initiative, make_user):
    """Whoever may not read a draft cannot tell it from a missing initiative on any edit page."""
    make_initiative("hidden", published=False)
    make_initiative("shown")
    anonymous_redirect = client.get("/en/initiatives/shown/edit/")
    assert anonymous_redirect.status_code == 302
    for path in ("edit/", "delete/", "budget/add/", "kpi/add/", "fact/add/"):
        assert client.get(f"/en/initiatives/hidden/{path}").status_code == 404
    login(client, make_user("company_rep"))
    assert client.get("/en/initiatives/shown/budget/add/").status_code == 403
    assert client.get("/en/initiatives/hidden/budget/add/").status_code == 404


def test_manager_sees_own_unpublished_but_not_others(client, make_initiative, make_user):
    own = make_initiative("own-draft", published=False)
    make_initiative("other-draft", published=False)
    manager = make_user("initiative_manager")
    own.managers.add(manager)
    login(client, manager)
    assert client.get("/en/initiatives/own-draft/").status_code == 200
    assert client.get("/en/initiatives/other-draft/").status_code == 404


def test_manager_deletes_own_line_but_not_others(client, two):
    mine, other, manager = two
    own = mine.budget_lines.create(year=2026, category="running", planned="1.00")
    theirs = other.budget_lines.create(year=2026, category="running", planned="1.00")
    login(client, manager)
    url = f"/en/initiatives/{other.slug}/budget/{theirs.pk}/delete/"
    assert client.post(url).status_code == 403
    assert other.budget_lines.filter(pk=theirs.pk).exists()
    response = client.post(f"/en/initiatives/{mine.slug}/budget/{own.pk}/delete/", follow=True)
    assert response.redirect_chain[-1][0] == f"/en/initiatives/{mine.slug}/"
    assert "Deleted: Running (2026)" in response.content.decode()
    assert not mine.budget_lines.exists()
    with translation.override("en"):
        entry = history.entries_for(mine)[0]
    assert (entry.verb, entry.who) == ("deleted", manager.username)
    assert entry.target == "budget line: Running (2026)"


def test_manager_cannot_delete_an_initiative(client, two):
    mine, _other, manager = two
    login(client, manager)
    assert client.post(f"/en/initiatives/{mine.slug}/delete/").status_code == 403
    assert Initiative.objects.filter(pk=mine.pk).exists()


def test_secretariat_deletes_an_initiative_and_the_history_keeps_it(client, make_user, two):
    _mine, other, _manager = two
    login(client, make_user("secretariat"))
    response = client.post(f"/en/initiatives/{other.slug}/delete/", follow=True)
    assert response.redirect_chain[-1][0] == "/en/initiatives/"
    assert "Deleted: Test other" in response.content.decode()
    assert not Initiative.objects.filter(pk=other.pk).exists()
    assert history.has_changes(other) == 2  # created, deleted
