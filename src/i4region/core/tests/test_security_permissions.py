"""The permission matrix: every named view × every kind of visitor, against permission_matrix.py.

The list of views comes from the URL patterns, so a view added without an entry in the matrix
fails `test_every_view_has_an_expected_status`. A probe found 2 wrong of 1,301 checks; this
keeps every check written down.
"""

from __future__ import annotations

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from i4region.accounts.models import Role

from .permission_matrix import ACTORS, KNOWN_DEFECTS, NO_SAMPLE, NOT_IN_MATRIX, VIEWS

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


def _first(model, **filters):
    return model._default_manager.filter(**filters).order_by("pk").first()


@pytest.fixture
def samples(make_user) -> dict:
    """One record of each kind the views show, and the visitors linked to them."""
    from i4region.board.models import (
        Action,
        AgendaItem,
        Attendance,
        Board,
        Challenge,
        Decision,
        Founder,
        Meeting,
        MeetingDocument,
        Membership,
        Milestone,
        Proposal,
    )
    from i4region.initiatives.models import BudgetLine, Fact, FundingLine, Initiative, Kpi, KpiValue
    from i4region.maturity.models import Response
    from i4region.observatory.models import Indicator
    from i4region.stakeholders.models import (
        Activity,
        Assessment,
        FollowUp,
        Interaction,
        Organisation,
        Person,
        Relation,
    )
    from i4region.strategy.models import Measure, MeasureLink, Priority, Strategy

    board = _first(Board)
    meeting = _first(Meeting, board=board)
    initiative = _first(Initiative, published=True)
    organisation = _first(Organisation, published=True)
    found = {
        "board": board,
        "meeting": meeting,
        "agenda_item": _first(AgendaItem, meeting=meeting),
        "attendance": _first(Attendance, meeting=meeting),
        "guest": _first(Attendance, meeting=meeting, membership=None),
        "document": _first(MeetingDocument, meeting=meeting),
        "challenge": _first(Challenge, board=board),
        "proposal": _first(Proposal, board=board),
        "decision": _first(Decision, board=board),
        "action": _first(Action, board=board),
        "membership": _first(Membership, board=board),
        "founder": _first(Founder, board=board),
        "initiative": initiative,
        "budget_line": _first(BudgetLine, initiative=initiative),
        "funding_line": _first(FundingLine, initiative=initiative),
        "kpi": _first(Kpi, initiative=initiative),
        "kpi_value": _first(KpiValue, kpi__initiative=initiative),
        "fact": _first(Fact, initiative=initiative),
        "organisation": organisation,
        "person": _first(Person, organisation=organisation) or _first(Person),
        "relation": _first(Relation),
        "interaction": _first(Interaction),
        "assessment": _first(Assessment),
        "activity": _first(Activity),
        "follow_up": _first(FollowUp),
        "indicator": _first(Indicator),
        "strategy": _first(Strategy),
        "priority": _first(Priority),
        "measure": _first(Measure),
        "measure_link": _first(MeasureLink),
        "maturity_response": Response.objects.filter(model="dma", status="submitted")
        .order_by("pk")
        .first(),
    }
    found["milestone"] = _first(Milestone, action=found["action"])
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
    _first(Organisation, published=True, pk__gt=organisation.pk).representatives.add(other_rep)
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


def _case(name: str):
    if name in KNOWN_DEFECTS:
        return pytest.param(name, marks=pytest.mark.xfail(reason=KNOWN_DEFECTS[name], strict=True))
    return name


@pytest.mark.parametrize("name", [_case(n) for n in sorted(VIEWS) if n not in NO_SAMPLE])
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
