"""The coordination view: every contributing organisation once per priority, money by year, gaps."""

from datetime import date
from decimal import Decimal

import pytest
from django.contrib.auth.models import AnonymousUser
from django.utils import translation

from i4region.strategy import services
from i4region.strategy.services import NO_FUNDING_AHEAD, NO_INITIATIVE, NO_TARGET

from .conftest import link

pytestmark = pytest.mark.django_db

AS_OF = date(2026, 6, 1)


@pytest.fixture
def plan(strategy, priority, measure, org, initiative, funding, activity, action):
    s = strategy("adopted")
    served, empty = priority(s, "Served priority"), priority(s, "Empty priority")
    a, b, c, d = (org(f"Org {x}") for x in "ABCD")
    m1, m2 = measure(served, owner=a), measure(served)
    ini = initiative(owner=a)
    ini.partners.add(b)
    funding(ini, c, "1000.00", (2026, 2027))  # secured: 500 in 2026, 500 in 2027
    funding(ini, a, "300.00", (2026, 2026), status="applied")
    funding(ini, c, "50.00", None)  # years not known
    link(m1, ini)
    link(m2, ini)  # the same initiative serves two measures of the priority
    link(m2, activity(d))
    link(m1, action(owner=a))
    link(m2, action(owner=b))
    initiative_action = action(owner=d)
    initiative_action.initiative = ini  # an action of a linked initiative contributes too
    initiative_action.save()
    measure(empty)
    return s, served, empty, (a, b, c, d), ini


def row_of(rows, priority):
    return next(r for r in rows if r.priority == priority)


def test_every_contributor_once_per_priority_with_all_its_ways(plan, make_user):
    s, served, _empty, (a, b, c, d), ini = plan
    with translation.override("en"):
        rows = services.coordination(s, make_user("secretariat"), as_of=AS_OF)
    contributors = row_of(rows, served).contributors
    names = [x.organisation.name for x in contributors]
    assert names == ["Org A", "Org B", "Org C", "Org D"]
    ways = {x.organisation.name: x.ways for x in contributors}
    assert ways["Org A"][0] == "owner of the measure"
    assert f"owner of {ini.name_en}" in ways["Org A"]
    assert any(w.startswith("action: ") for w in ways["Org A"])
    assert f"partner in {ini.name_en}" in ways["Org B"]
    assert ways["Org C"] == [f"funder of {ini.name_en}"]  # two funding lines, said once
    assert ways["Org D"][0].startswith("activity: ")
    assert any(w.startswith("action: ") for w in ways["Org D"])


def test_money_of_linked_initiatives_by_year(plan, make_user):
    s, served, *_ = plan
    row = row_of(services.coordination(s, make_user("secretariat"), as_of=AS_OF), served)
    assert row.secured_by_year == {2026: Decimal("500.00"), 2027: Decimal("500.00")}
    assert row.pipeline_by_year == {2026: Decimal("300.00")}
    assert [f.amount for f in row.undated_funding] == [Decimal("50.00")]
    assert row.money_rows[0] == (2026, Decimal("500.00"), Decimal("300.00"))


def test_gaps_are_flagged(plan, make_user):
    s, served, empty, *_ = plan
    rows = services.coordination(s, make_user("secretariat"), as_of=AS_OF)
    assert row_of(rows, empty).gaps == [NO_INITIATIVE, NO_FUNDING_AHEAD, NO_TARGET]
    assert row_of(rows, empty).contributors == []
    # funding secured for 2027 is beyond 2026, not beyond 2027
    assert NO_FUNDING_AHEAD not in row_of(rows, served).gaps
    later = services.coordination(s, make_user("secretariat"), as_of=date(2027, 3, 1))
    assert NO_FUNDING_AHEAD in row_of(later, served).gaps


def test_the_page_shows_contributors_and_the_gap(client, plan, make_user):
    s, *_ = plan
    client.force_login(make_user("secretariat"))
    page = client.get(f"/en/strategy/{s.slug}/coordination/").content.decode()
    assert page.count(">Org C</a>") == 1
    assert "Gap in the plan: no initiative serves it" in page
    lt = client.get(f"/lt/strategy/{s.slug}/coordination/").content.decode()
    assert "Plano spraga: jam neskirta jokia iniciatyva" in lt


def test_the_public_sees_only_published_organisations(plan, client):
    s, served, _e, (a, b, c, d), ini = plan
    b.published = False
    b.save()
    d.published = False
    d.save()
    row = row_of(services.coordination(s, AnonymousUser(), as_of=AS_OF), served)
    names = [x.organisation.name for x in row.contributors]
    assert "Org B" not in names and "Org D" not in names
    assert names == ["Org A", "Org C"]


def test_overlapping_activities_are_shown(plan, make_user, activity, org):
    s, served, _e, (a, b, c, d), ini = plan
    other = org("Org E")
    activity(other)  # same theme, target group and municipality as Org D's linked activity
    row = row_of(services.coordination(s, make_user("secretariat"), as_of=AS_OF), served)
    overlapping = {o.name for _act, others in row.overlaps for o in others}
    assert "Org E" in overlapping
