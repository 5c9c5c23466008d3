"""The initiative's history as people read it: one core history, in Lithuanian without internals."""

import re

import pytest
from django.utils import translation

from i4region.core import history
from i4region.initiatives.models import BudgetLine

from .conftest import funding, organisation

pytestmark = pytest.mark.django_db

ISO = re.compile(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}|\d{2}:\d{2}:\d{2}[+.]")  # machine stamps


def visible_text(html: str) -> str:
    """What a reader sees: the page without tags and attribute values."""
    return re.sub(r"<[^>]+>", " ", html)


@pytest.fixture
def edited(client, make_initiative, make_user):
    """A secretary creates a budget line, re-saves it unchanged, then changes it, in Lithuanian."""
    ini = make_initiative("hist")
    funding(ini, "City", "1000.00", 2026, 2026)
    secretary = make_user("secretariat", first_name="Rūta", last_name="Sekretorė")
    client.force_login(secretary)
    line = {"year": "2026", "category": "running", "subcategory": "staff", "planned": "290000"}
    assert client.post("/lt/initiatives/hist/budget/add/", line).status_code == 302
    pk = BudgetLine.objects.get(initiative=ini).pk
    client.post(f"/lt/initiatives/hist/budget/{pk}/", line)  # the same figure again
    changed = {**line, "planned": "300000", "committed": "1000"}
    response = client.post(f"/lt/initiatives/hist/budget/{pk}/", changed, follow=True)
    return ini, response


def test_unchanged_resave_records_no_change(edited):
    """The old "290000.00 → 290000": saving the same figure again is no change."""
    ini, _response = edited
    with translation.override("en"):
        entries = history.entries_for(ini)
    budget = [e for e in entries if e.target.startswith("budget line")]
    assert [e.verb for e in budget] == ["changed", "created"]
    assert [(c.label, c.before, c.after) for c in budget[0].changes] == [
        ("Planned (EUR)", "290,000.00", "300,000.00"),
        ("Committed (EUR)", "–", "1,000.00"),
    ]


def test_history_in_lithuanian_has_no_internals(edited):
    _ini, response = edited
    page = response.content.decode()
    assert "Išsaugota" in page  # the success message
    history = visible_text(page[page.index('id="history-heading"') :])
    assert "Rūta Sekretorė" in history
    assert "290\u00a0000,00 → 300\u00a0000,00" in history
    for raw in ("planned", "subcategory", "True", "False", "None", "changed", "created"):
        assert not re.search(rf"\b{raw}\b", history), raw
    assert not ISO.search(history)
    assert "Pakeista" in history and "Sukurta" in history  # the verbs, translated


def test_funding_history_names_the_organisation(client, make_initiative, make_user):
    ini = make_initiative("org-hist")
    client.force_login(make_user("secretariat"))
    data = {
        "funder_organisation": organisation("Pavyzdinis fondas").pk,
        "source_type": "private",
        "amount": "10",
        "covers": "running",
        "status": "planned",
    }
    assert client.post(f"/lt/initiatives/{ini.slug}/funding/add/", data).status_code == 302
    page = visible_text(client.get(f"/lt/initiatives/{ini.slug}/").content.decode())
    assert "Pavyzdinis fondas" in page[page.index("Pakeitimų istorija") :]
