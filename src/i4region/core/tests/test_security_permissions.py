"""The permission matrix: every named view × every kind of visitor, against permission_matrix.py.

The list of views comes from the URL patterns, so a view added without an entry in the matrix
fails `test_every_view_has_an_expected_status`. A probe found 2 wrong of 1,301 checks; this
keeps every check written down.
"""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal

import pytest
from django.apps import apps
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from i4region.accounts.models import Role
from i4region.board.models import MeetingDocument, Milestone
from i4region.initiatives.models import FundingLine

from .permission_matrix import ACTORS, NOT_IN_MATRIX, VIEWS

pytestmark = pytest.mark.django_db


def named_views(patterns=None, namespace: str = "") -> dict[str, list[str]]:
    """Every URL name of the site ("app:name") with the names of its URL parameters."""
    found: dict[str, list[str]] = {}
    for entry in get_resolver().url_patterns if patterns is None else patterns:
        if isinstance(entry, URLResolver):
            inner = f"{namespace}:{entry.namespace}" if namespace and entry.namespace else None
            found.update(named_views(entry.url_patterns, inner or entry.namespace or namespace))
        elif isinstance(entry, URLPattern) and entry.name:
            name = f"{namespace}:{entry.name}" if namespace else entry.name
            found[name] = list(entry.pattern.regex.groupindex)
    return found


def _first(label: str, **filters):
    """The first record (by id) of a model named "app.Model" that matches the filters."""
    return apps.get_model(label)._default_manager.filter(**filters).order_by("pk").first()


def _firsts(labels: str, **filters) -> dict:
    """{"agenda_item": the first AgendaItem, …} for the space-separated "app.Model" names."""
    found = {}
    for label in labels.split():
        key = re.sub(r"(?<!^)(?=[A-Z])", "_", label.partition(".")[2]).lower()
        found[key] = _first(label, **filters)
    return found


@pytest.fixture
def samples(make_user) -> dict:
    """One record of each kind the views show, and the visitors linked to them."""
    board = _first("board.Board")
    meeting = _first("board.Meeting", board=board)
    initiative = _first("initiatives.Initiative", published=True)
    organisation = _first("stakeholders.Organisation", published=True)
    found = {
        "board": board,
        "meeting": meeting,
        "initiative": initiative,
        "organisation": organisation,
        "guest": _first("board.Attendance", meeting=meeting, membership=None),
        "document": _first("board.MeetingDocument", meeting=meeting),
        "kpi_value": _first("initiatives.KpiValue", kpi__initiative=initiative),
        "maturity_response": _first("maturity.Response", model="dma", status="submitted"),
        **_firsts("board.AgendaItem board.Attendance", meeting=meeting),
        **_firsts(
            "board.Challenge board.Proposal board.Decision board.Action board.Membership "
            "board.Founder",
            board=board,
        ),
        **_firsts(
            "initiatives.BudgetLine initiatives.FundingLine initiatives.Kpi initiatives.Fact",
            initiative=initiative,
        ),
        # records of a published organisation, and of an unpublished one (which answer as missing
        # to those who may not see the organisation): the matrix holds both rules
        "activity": _first("stakeholders.Activity", organisation__published=True),
        "relation": _first("stakeholders.Relation", source__published=True),
        **_firsts(
            "stakeholders.Person stakeholders.Interaction stakeholders.Assessment",
            organisation__published=False,
        ),
        "follow_up": _first("stakeholders.FollowUp"),
        **_firsts(
            "observatory.Indicator strategy.Strategy strategy.Priority strategy.Measure "
            "strategy.MeasureLink"
        ),
    }
    found["milestone"] = _first("board.Milestone", action=found["action"])
    # the bundled data has none of these for the records above: the test makes one of each
    found["document"] = found["document"] or MeetingDocument.objects.create(
        meeting=meeting, title="Test agenda", url="https://example.org/agenda.pdf"
    )
    found["milestone"] = found["milestone"] or Milestone.objects.create(
        action=found["action"], date=dt.date(2027, 1, 15), title_en="Test milestone"
    )
    found["funding_line"] = found["funding_line"] or FundingLine.objects.create(
        initiative=initiative,
        funder_organisation=organisation,
        source_type="municipality",
        amount=Decimal("1000.00"),
    )
    # the visitors tied to these records
    member = make_user(Role.BOARD_MEMBER)
    seat = found["membership"]
    seat.user = member
    seat.save()
    manager = make_user(Role.INITIATIVE_MANAGER)
    initiative.managers.add(manager)
    rep = make_user(Role.COMPANY_REP)
    organisation.representatives.add(rep)
    other_rep = make_user(Role.COMPANY_REP)
    _first("stakeholders.Organisation", published=True, pk__gt=organisation.pk).representatives.add(
        other_rep
    )
    found["actors"] = {
        "anonymous": None,
        "administrator": make_user(Role.ADMINISTRATOR),
        "secretariat": make_user(Role.SECRETARIAT),
        "board_member": member,
        "member_without_seat": make_user(Role.BOARD_MEMBER),
        "initiative_manager": manager,
        "company_rep": rep,
        "company_rep_other": other_rep,
    }
    return found


def parameter_values(spec: dict, samples: dict) -> dict:
    """URL parameters from the samples ("meeting.pk") or literal values ("LT025")."""
    kwargs = {}
    for param, value in spec.items():
        record, _, attribute = value.partition(".")
        kwargs[param] = (
            getattr(samples[record], attribute) if attribute and record in samples else value
        )
    return kwargs


def url_for(name: str, spec: dict, samples: dict) -> str:
    """The view's URL (English pages) with its parameters filled in."""
    url = reverse(name, kwargs=parameter_values(spec, samples))
    return url.replace("/lt/", "/en/", 1) if url.startswith("/lt/") else url


def test_every_view_has_an_expected_status():
    missing = sorted(
        name for name in named_views() if name not in VIEWS and not name.startswith(NOT_IN_MATRIX)
    )
    assert not missing, f"views without an entry in permission_matrix.py: {missing}"
    stale = sorted(set(VIEWS) - set(named_views()))
    assert not stale, f"entries in permission_matrix.py for views that no longer exist: {stale}"


@pytest.mark.parametrize("name", sorted(VIEWS))
def test_view_answers_each_visitor_as_written(client, samples, name):
    expected, spec = VIEWS[name]
    url = url_for(name, spec, samples)
    got = {}
    for actor in ACTORS:
        client.logout()
        user = samples["actors"][actor]
        if user is not None:
            client.force_login(user)
        got[actor] = client.get(url).status_code
    assert got == dict(zip(ACTORS, expected, strict=True)), url
