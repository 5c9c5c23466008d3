"""The Panevėžys Industry 4.0 advisory board (real, from the bundled facts) and sample content.

What is loaded lives in `panevezys_i40.json` beside this module, with its provenance: the board
and its founders are real (each names the facts row it comes from), its members, meeting,
proposals, decisions and actions are samples (is_sample, shown as "Sample"), written in both
languages (every paired text has its `_en` and `_lt` in the file). Organisations are
those of the stakeholders register, found by name (the stakeholders seed runs first); a name the
register lacks is added to it, as a sample when the record using it is one. The decisions are
taken through the board's own services, so every outcome follows from its votes and method.
Idempotent: it loads once.
"""

import csv
import datetime as dt
import json
from decimal import Decimal
from importlib import resources
from zoneinfo import ZoneInfo

from django.db import transaction
from django.utils.translation import gettext as _

from i4region.initiatives.models import Initiative
from i4region.observatory.models import Indicator
from i4region.regions.models import Region
from i4region.stakeholders.models import Organisation

from .. import services
from ..models import (
    Action,
    AgendaItem,
    Attendance,
    Board,
    Challenge,
    Decision,
    Evidence,
    Founder,
    Meeting,
    Membership,
    Milestone,
    Proposal,
    ProposalState,
)

VILNIUS = ZoneInfo("Europe/Vilnius")


def data() -> dict:
    with (resources.files(__package__) / "panevezys_i40.json").open(encoding="utf-8") as fh:
        return json.load(fh)


def facts() -> list[dict]:
    path = resources.files("i4region") / "data" / "facts" / "panevezys_institutions_and_facts.csv"
    with path.open(encoding="utf-8") as fh:
        return list(csv.DictReader(fh))


def fact(topic: str, starts: str) -> dict:
    """The facts row of this topic whose text starts so; a missing fact stops the seed loudly."""
    for row in facts():
        if row["topic"] == topic and row["fact"].startswith(starts):
            return row
    raise LookupError(f"facts file has no {topic} row starting {starts!r}")


def organisation(name: str | None, kind: str, is_sample: bool) -> Organisation | None:
    """The register's organisation of this name, added (as a sample if asked) when missing."""
    if not name:
        return None
    found = Organisation.objects.filter(name=name).first()
    if found is None:
        found = Organisation.objects.create(name=name, type=kind, is_sample=is_sample)
    return found


def paired_texts(spec: dict, *fields: str) -> dict[str, str]:
    """The English and the Lithuanian text of each field, as the seed file names them."""
    return {f"{f}_{lang}": spec[f"{f}_{lang}"] for f in fields for lang in ("en", "lt")}


def _date(text: str | None) -> dt.date | None:
    return dt.date.fromisoformat(text) if text else None


def _when(text: str | None) -> dt.datetime | None:
    return dt.datetime.fromisoformat(text).replace(tzinfo=VILNIUS) if text else None


# The Panevėžys practice's own content: `i4region setup` loads it only where LT025 is the home region.
PRACTICE = True


def load(stdout=None) -> None:
    spec = data()
    if Board.objects.filter(slug=spec["board"]["slug"]).exists():
        return
    with transaction.atomic(), services.acting(None, "imported"):
        board = _board(spec)
        seats = _members(board, spec["members"])
        meeting, items = _meeting(board, spec["meeting"], seats)
        challenges = _challenges(board, spec)
        proposals = _proposals(board, spec, challenges, seats)
        decisions = _decisions(board, spec, meeting, items, proposals)
        _minutes(meeting, spec["meeting"])
        _actions(board, spec["actions"], decisions)
    if stdout:
        stdout.write("  " + _("board %(slug)s with sample content") % {"slug": board.slug} + "\n")


def _board(spec: dict) -> Board:
    b = dict(spec["board"])
    source = fact(*b.pop("fact"))["source_url"]
    region = Region.objects.filter(code=b.pop("region")).first()
    board = Board.objects.create(**b, region=region, source_url=source)
    for position, f in enumerate(spec["founders"], start=1):
        Founder.objects.create(
            board=board,
            position=position,
            organisation=organisation(f["organisation"], f.get("type", "ngo"), False),
            role_en=f["role_en"],
            role_lt=f["role_lt"],
            source_url=fact(*f["fact"])["source_url"],
        )
    return board


def _members(board: Board, members: list[dict]) -> dict[str, Membership]:
    seats = {}
    for m in members:
        seats[m["person"]] = Membership.objects.create(
            board=board,
            person_name=m["person"],
            organisation=organisation(m["organisation"], m["type"], True),
            position=m["position"],
            sector=m["sector"],
            designated_on=_date(m["from"]),
            ended_on=_date(m.get("to")),
            is_sample=True,
        )
    return seats


def _meeting(board: Board, m: dict, seats: dict) -> tuple[Meeting, dict]:
    meeting = Meeting.objects.create(
        board=board,
        **paired_texts(m, "title"),
        kind=m["kind"],
        mode=m["mode"],
        starts_at=_when(m["starts_at"]),
        ends_at=_when(m["ends_at"]),
        place=m["place"],
        is_sample=True,
    )
    items: dict[str, AgendaItem] = {}
    positions: dict[str | None, int] = {}
    for item in m["agenda"]:
        parent = item.get("parent")
        positions[parent] = positions.get(parent, 0) + 1
        items[item["key"]] = AgendaItem.objects.create(
            meeting=meeting,
            parent=items.get(parent),
            position=positions[parent],
            **paired_texts(item, "title"),
            duration_minutes=item.get("minutes"),
        )
    roll = m["roll"]
    services.record_roll(
        meeting,
        None,
        {
            seat.pk: (roll.get(seat.person_name, roll["default"]), "")
            for seat in services.members_on_roll(meeting)
        },
    )
    for guest in m["guests"]:
        Attendance.objects.create(
            meeting=meeting,
            guest_name=guest["name"],
            guest_organisation=organisation(guest["organisation"], guest["type"], True),
            status="present",
        )
    return meeting, items


def _challenges(board: Board, spec: dict) -> dict[str, Challenge]:
    lt025 = Region.objects.get(code="LT025")
    found = {}
    for c in spec["challenges"]:
        challenge = Challenge.objects.create(
            board=board,
            **paired_texts(c, "title", "description"),
            theme=c["theme"],
            severity=c["severity"],
            status="addressed" if c["evidence"] else "open",
            identified_on=_date(spec["identified_on"]),
            published=True,
            is_sample=True,
        )
        for code, baseline in c["evidence"]:
            indicator = Indicator.objects.filter(code=code).first()
            if indicator is not None:
                Evidence.objects.create(
                    challenge=challenge, indicator=indicator, region=lt025, baseline_period=baseline
                )
        found[c["key"]] = challenge
    return found


def _proposals(board, spec, challenges, seats) -> dict[str, Proposal]:
    found = {}
    for p in spec["proposals"]:
        rows = [fact(*ref) for ref in p["cost_facts"]]
        proposal = Proposal.objects.create(
            board=board,
            challenge=challenges[p["challenge"]],
            **paired_texts(p, "title", "description"),
            proposer_membership=seats[p["proposer"]],
            expected_effect_en=p["effect_en"],
            expected_effect_lt=p["effect_lt"],
            cost_estimate=sum(Decimal(r["value"]) for r in rows),
            **paired_texts(p, "cost_note"),
            funding_idea_en=p["funding_en"],
            funding_idea_lt=p["funding_lt"],
            state=ProposalState.SUBMITTED,
            published=True,
            source_url=rows[0]["source_url"],
            is_sample=True,
        )
        proposal.expected_indicators.set(Indicator.objects.filter(code__in=p["indicators"]))
        Proposal.objects.filter(pk=proposal.pk).update(created_at=_when(spec["proposals_filed_at"]))
        found[p["key"]] = proposal
    return found


def _decisions(board, spec, meeting, items, proposals) -> dict[str, Decision]:
    decisions = {}
    texts = spec["decision_texts"]  # each with the proposal's title in its own language
    for d in spec["decisions"]:
        p = proposals[d["proposal"]]
        decision = services.save_draft(
            Decision(
                board=board,
                meeting=meeting,
                agenda_item=items[d["proposal"]],
                proposal=p,
                title_en=texts["title_en"].format(title=p.title_en),
                title_lt=texts["title_lt"].format(title=p.title_lt),
                text_en=texts["text_en"].format(title=p.title_en),
                text_lt=texts["text_lt"].format(title=p.title_lt),
                method=d["method"],
                is_sample=True,
            ),
            None,
        )
        if "vote_mode" in d:
            services.open_voting(decision, None, d["vote_mode"])
            decision.votes_for, decision.votes_against, decision.votes_abstain = d["votes"]
            decision.save()
        decisions[d["proposal"]] = services.decide(decision, None, d.get("outcome"))
    return decisions


def _minutes(meeting: Meeting, m: dict) -> None:
    meeting.minutes_en, meeting.minutes_lt = m["minutes_en"], m["minutes_lt"]
    meeting.save()
    services.set_minutes_status(meeting, None, "circulated")
    services.set_minutes_status(meeting, None, "approved")
    Meeting.objects.filter(pk=meeting.pk).update(
        minutes_circulated_at=_when(m["minutes_circulated_at"]),
        minutes_approved_at=_when(m["minutes_approved_at"]),
    )


def _actions(board: Board, specs: list[dict], decisions: dict) -> None:
    made: dict[str, Action] = {}
    for a in specs:
        action = Action(
            board=board,
            decision=decisions[a["decision"]],
            parent=made.get(a.get("parent")),
            **paired_texts(a, "title"),
            status=a["status"],
            progress=Decimal(a["progress"]),
            weight=Decimal(a.get("weight", "1")),
            owner_organisation=organisation(a["owner"], a["type"], True),
            initiative=Initiative.objects.filter(slug=a.get("initiative", "")).first(),
            start_date=_date(a["start"]),
            due_date=_date(a["due"]),
            is_sample=True,
        )
        action.save()
        services.roll_up(action.parent)
        for day, title_en, title_lt, done in a.get("milestones", []):
            Milestone.objects.create(
                action=action, date=_date(day), title_en=title_en, title_lt=title_lt, done=done
            )
        made[a["key"]] = action
