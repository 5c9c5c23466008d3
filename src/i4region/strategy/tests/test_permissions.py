"""Who sees and who changes the strategy, tested from the refused side."""

import pytest
from django.urls import reverse

from i4region.strategy.models import Priority, Strategy

pytestmark = pytest.mark.django_db

READERS_OF_DRAFTS = ("secretariat", "board_member")
NOT_READERS = ("", "initiative_manager", "company_rep")


def pages(s, p, m):
    return [
        reverse("strategy:detail", args=[s.slug]),
        reverse("strategy:coordination", args=[s.slug]),
        reverse("strategy:priority", args=[p.pk]),
        reverse("strategy:measure", args=[m.pk]),
    ]


@pytest.fixture
def draft(strategy, priority, measure):
    s = strategy(status="draft")
    p = priority(s, "Secret priority")
    return s, p, measure(p)


def test_anonymous_visitor_cannot_see_a_draft(client, draft):
    s = draft[0]
    for url in pages(*draft):
        assert client.get(url).status_code == 404, url
    assert s.title_en not in client.get("/en/strategy/").content.decode()
    assert client.get(f"/api/v1/strategy/{s.slug}").status_code == 404
    assert s.slug not in client.get("/api/v1/strategy/").content.decode()
    assert (
        "Secret priority" not in client.get("/en/strategy/export/priorities.csv").content.decode()
    )


@pytest.mark.parametrize("role", NOT_READERS)
def test_other_roles_cannot_see_a_draft(client, make_user, draft, role):
    client.force_login(make_user(role))
    for url in pages(*draft):
        assert client.get(url).status_code == 404, url
    assert draft[0].title_en not in client.get("/en/strategy/").content.decode()


@pytest.mark.parametrize("role", READERS_OF_DRAFTS)
def test_board_and_secretariat_see_a_draft(client, make_user, draft, role):
    client.force_login(make_user(role))
    for url in pages(*draft):
        assert client.get(url).status_code == 200, url
    page = client.get(f"/en/strategy/{draft[0].slug}/").content.decode()
    assert "Secret priority" in page
    assert "Draft: visible to the board members and the secretariat only." in page


def test_the_public_sees_an_adopted_strategy(client, strategy, priority):
    s = strategy(status="adopted")
    priority(s, "Public priority")
    response = client.get(f"/en/strategy/{s.slug}/")
    assert response.status_code == 200
    assert "Public priority" in response.content.decode()
    assert s.title_en in client.get("/en/strategy/").content.decode()
    assert client.get(f"/api/v1/strategy/{s.slug}").json()["priorities"][0]["title_en"] == (
        "Public priority"
    )


def test_the_rule_is_one_queryset(strategy):
    draft, adopted, revised = strategy("draft"), strategy("adopted"), strategy("revised")
    public = set(Strategy.objects.public())
    assert adopted in public and revised in public and draft not in public


@pytest.mark.parametrize("role", ("board_member", "initiative_manager", "company_rep", ""))
def test_only_the_secretariat_edits(client, make_user, strategy, priority, measure, role):
    s = strategy("adopted")
    p = priority(s)
    m = measure(p)
    client.force_login(make_user(role))
    urls = [
        reverse("strategy:create"),
        reverse("strategy:edit", args=[s.slug]),
        reverse("strategy:priority_add", args=[s.slug]),
        reverse("strategy:priority_edit", args=[p.pk]),
        reverse("strategy:priority_delete", args=[p.pk]),
        reverse("strategy:measure_add", args=[p.pk]),
        reverse("strategy:measure_edit", args=[m.pk]),
        reverse("strategy:link_add", args=[m.pk]),
    ]
    for url in urls:
        assert client.get(url).status_code == 403, url
    before = Priority.objects.count()
    response = client.post(
        reverse("strategy:priority_add", args=[s.slug]),
        {"position": 2, "title_en": "Sneaky", "title_lt": "Slaptas"},
    )
    assert response.status_code == 403
    assert client.post(reverse("strategy:priority_delete", args=[p.pk])).status_code == 403
    assert Priority.objects.count() == before


def test_anonymous_editor_is_sent_to_log_in(client, strategy):
    s = strategy("adopted")
    response = client.get(reverse("strategy:edit", args=[s.slug]))
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]
    assert client.get(reverse("strategy:detail", args=[s.slug])).status_code == 200
    assert "Edit strategy" not in client.get(f"/en/strategy/{s.slug}/").content.decode()
