"""Board operations shared by views, the API, commands and seed: permissions, state transitions,
quorum, amendments, progress roll-up, history, notifications, evidence, timelines, iCalendar."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.mail import send_mail
from django.db import transaction
from django.db.models import F, Q, QuerySet
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from i4region.accounts.permissions import is_secretariat
from i4region.charts import render as render_chart
from i4region.observatory.models import Indicator, Polarity
from i4region.observatory.services import Point, series
from i4region.regions.models import Region

from .models import (
    DEFAULT_PROGRESS,
    Action,
    ActionStatus,
    Amendment,
    Attendance,
    AttendanceStatus,
    Board,
    Challenge,
    Comment,
    Decision,
    DecisionMethod,
    DecisionStatus,
    Evidence,
    HistoryEntry,
    Meeting,
    Membership,
    MinutesStatus,
    Notification,
    NotificationKind,
    Outcome,
    Proposal,
    ProposalState,
    Sector,
    Vote,
    VoteChoice,
)


class TransitionRefused(ValueError):
    """The change asked for is not allowed from the item's current state; str() says why."""


# --------------------------------------------------------------------------- permissions


def active_membership(user, board: Board, day: dt.date | None = None) -> Membership | None:
    """The user's seat on this board on `day` (today by default), if any."""
    if not user.is_authenticated:
        return None
    day = day or timezone.localdate()
    return (
        board.memberships.filter(user=user, designated_on__lte=day)
        .filter(Q(ended_on__isnull=True) | Q(ended_on__gte=day))
        .first()
    )


def can_manage(user, board: Board | None = None) -> bool:
    """The secretariat (and administrators) manage every board."""
    return is_secretariat(user)


def can_view(user, board: Board) -> bool:
    """Internal items: the secretariat, and the board's current members."""
    return can_manage(user) or active_membership(user, board) is not None


def can_participate(user, board: Board) -> bool:
    """Comment and file proposals: current members (observers too) and the secretariat."""
    return can_view(user, board)


def can_vote(user, decision: Decision) -> Membership | None:
    """The voting member's seat when this user may vote on this decision now, else None."""
    if decision.status != DecisionStatus.DRAFT or decision.method != DecisionMethod.VOTE:
        return None
    seat = active_membership(user, decision.board)
    return seat if seat is not None and seat.may_vote else None


def can_update_progress(user, action: Action) -> bool:
    """The secretariat, and the action's owner for their own action."""
    if not user.is_authenticated:
        return False
    return can_manage(user) or action.owner_id == user.pk


def can_view_action(user, action: Action) -> bool:
    return can_view(user, action.board) or can_update_progress(user, action)


def boards_for(user) -> QuerySet[Board]:
    """Boards whose workspace this user may open."""
    if can_manage(user):
        return Board.objects.all()
    if not user.is_authenticated:
        return Board.objects.none()
    today = timezone.localdate()
    return (
        Board.objects.filter(memberships__user=user, memberships__designated_on__lte=today)
        .filter(Q(memberships__ended_on__isnull=True) | Q(memberships__ended_on__gte=today))
        .distinct()
    )


# --------------------------------------------------------------------------- history


def _plain(value):
    if isinstance(value, Decimal):  # 60 and 60.00 are the same value: no spurious change
        return format(value.normalize(), "f")
    if isinstance(value, dt.datetime) and value.tzinfo is not None:
        return value.astimezone(dt.UTC).isoformat()
    if isinstance(value, (dt.datetime, dt.date)):
        return value.isoformat()
    return value


def snapshot(obj) -> dict:
    """The stored values of a record's own fields, as JSON-able plain values."""
    return {
        f.attname: _plain(getattr(obj, f.attname))
        for f in obj._meta.concrete_fields
        if f.attname != "id"
    }


def diff(before: dict, after: dict) -> dict:
    return {k: [before.get(k), v] for k, v in after.items() if before.get(k) != v}


def record(board: Board, obj, user, verb: str, changes: dict, note: str = "") -> HistoryEntry:
    """Keep one history entry: who, when, what and each field before → after."""
    authenticated = user is not None and user.is_authenticated
    return HistoryEntry.objects.create(
        board=board,
        target_type=ContentType.objects.get_for_model(obj),
        target_id=obj.pk,
        target_label=str(obj)[:250],
        user=user if authenticated else None,
        user_name=(user.get_username() if authenticated else "i4region"),
        verb=verb,
        changes=changes,
        note=note,
    )


def board_of(obj) -> Board:
    if isinstance(obj, Board):
        return obj
    if hasattr(obj, "board"):
        return obj.board
    if hasattr(obj, "meeting"):
        return obj.meeting.board
    if hasattr(obj, "challenge"):
        return obj.challenge.board
    if hasattr(obj, "action"):
        return obj.action.board
    return obj.decision.board


def save_tracked(obj, user, verb: str | None = None, note: str = ""):
    """Validate, save and record the change with its before and after values."""
    stored = type(obj).objects.filter(pk=obj.pk).first() if obj.pk else None
    before = snapshot(stored) if stored else {}
    obj.full_clean()
    with transaction.atomic():
        obj.save()
        changes = diff(before, snapshot(obj))
        if stored is None or changes:
            record(
                board_of(obj),
                obj,
                user,
                verb or ("created" if stored is None else "changed"),
                changes,
                note,
            )
    return obj


def delete_tracked(obj, user) -> None:
    board = board_of(obj)
    before = snapshot(obj)
    with transaction.atomic():
        record(board, obj, user, "deleted", {k: [v, None] for k, v in before.items()})
        obj.delete()


def history_of(obj) -> QuerySet[HistoryEntry]:
    return HistoryEntry.objects.filter(
        target_type=ContentType.objects.get_for_model(obj), target_id=obj.pk
    )


def comments_on(obj) -> QuerySet[Comment]:
    return Comment.objects.filter(
        target_type=ContentType.objects.get_for_model(obj), target_id=obj.pk
    )


def add_comment(obj, user, text: str) -> Comment:
    board = board_of(obj)
    if not can_participate(user, board):
        raise TransitionRefused(_("Only members of this board can comment."))
    if isinstance(obj, Meeting) and obj.minutes_status == MinutesStatus.APPROVED:
        raise TransitionRefused(_("These minutes are approved; comments are closed."))
    text = text.strip()
    if not text:
        raise TransitionRefused(_("The comment is empty."))
    return Comment.objects.create(
        board=board,
        target_type=ContentType.objects.get_for_model(obj),
        target_id=obj.pk,
        author=user,
        author_name=user.get_full_name() or user.get_username(),
        text=text,
    )


# --------------------------------------------------------------------------- notifications


def notify(user, kind: str, label: str, path: str) -> Notification | None:
    """Queue a notification for the next digest (never an e-mail per event)."""
    if user is None:
        return None
    return Notification.objects.create(user=user, kind=kind, label=label[:250], path=path)


def create_overdue_notifications(today: dt.date | None = None) -> int:
    """One overdue notice per action and due date, so the digest does not repeat it daily."""
    today = today or timezone.localdate()
    overdue = (
        Action.objects.filter(due_date__lt=today, owner__isnull=False)
        .exclude(status__in=[ActionStatus.DONE, ActionStatus.DROPPED])
        .exclude(overdue_notified_on__gte=F("due_date"))
    )
    count = 0
    for action in overdue.select_related("board"):
        notify(
            action.owner,
            NotificationKind.ACTION_OVERDUE,
            action.title,
            reverse("board:action", args=[action.board.slug, action.pk]),
        )
        Action.objects.filter(pk=action.pk).update(overdue_notified_on=today)
        count += 1
    return count


def in_language(path: str, lang: str) -> str:
    """The same page in another language: /en/board/… → /lt/board/…"""
    parts = path.split("/", 2)
    if len(parts) == 3 and parts[0] == "" and parts[1] in dict(settings.LANGUAGES):
        return f"/{lang}/{parts[2]}"
    return path


def send_digest(base_url: str = "", now: dt.datetime | None = None) -> int:
    """One e-mail per person with every notification still waiting; returns e-mails sent."""
    now = now or timezone.now()
    pending = Notification.objects.filter(sent_at__isnull=True).select_related("user")
    by_user: dict = defaultdict(list)
    for note in pending:
        if note.user.email and note.user.is_active:
            by_user[note.user].append(note)
    sent = 0
    with translation.override(settings.LANGUAGE_CODE):
        for user, notes in by_user.items():
            lines = [
                _("Hello %(name)s,") % {"name": user.get_full_name() or user.username},
                "",
                _("What happened in the board workspace since the last digest:"),
                "",
            ]
            for note in notes:
                lines.append(f"- {note.get_kind_display()}: {note.label}")
                if note.path:  # stored in the language it was made in; sent in the site's
                    lines.append(
                        f"  {base_url.rstrip('/')}{in_language(note.path, settings.LANGUAGE_CODE)}"
                    )
            lines += [
                "",
                _("Your actions: %(url)s")
                % {"url": base_url.rstrip("/") + reverse("board:my_actions")},
            ]
            subject = _("i4region board digest: %(count)d items") % {"count": len(notes)}
            send_mail(subject, "\n".join(lines), None, [user.email])
            Notification.objects.filter(pk__in=[n.pk for n in notes]).update(sent_at=now)
            sent += 1
    return sent


# --------------------------------------------------------------------------- meetings

MINUTES_FLOW = {
    MinutesStatus.DRAFT: {MinutesStatus.CIRCULATED},
    MinutesStatus.CIRCULATED: {MinutesStatus.DRAFT, MinutesStatus.APPROVED},
    MinutesStatus.APPROVED: set(),
}


def set_minutes_status(meeting: Meeting, user, status: str) -> Meeting:
    """Draft → circulated (members are told) → approved (then public and final)."""
    if status not in MINUTES_FLOW[meeting.minutes_status]:
        raise TransitionRefused(
            _("Minutes that are “%(current)s” cannot become “%(wanted)s”.")
            % {
                "current": meeting.get_minutes_status_display(),
                "wanted": MinutesStatus(status).label,
            }
        )
    if status == MinutesStatus.CIRCULATED and not meeting.minutes.strip():
        raise TransitionRefused(_("Write the minutes before circulating them."))
    before = snapshot(meeting)
    meeting.minutes_status = status
    if status == MinutesStatus.CIRCULATED:
        meeting.minutes_circulated_at = timezone.now()
    if status == MinutesStatus.APPROVED:
        meeting.minutes_approved_at = timezone.now()
    with transaction.atomic():
        meeting.save()
        record(meeting.board, meeting, user, f"minutes {status}", diff(before, snapshot(meeting)))
        if status == MinutesStatus.CIRCULATED:
            path = reverse("board:meeting", args=[meeting.board.slug, meeting.pk])
            for seat in current_members(meeting.board).exclude(user=None).select_related("user"):
                notify(seat.user, NotificationKind.MINUTES_CIRCULATED, meeting.title, path)
    return meeting


def current_members(board: Board, day: dt.date | None = None) -> QuerySet[Membership]:
    day = day or timezone.localdate()
    return board.memberships.filter(designated_on__lte=day).filter(
        Q(ended_on__isnull=True) | Q(ended_on__gte=day)
    )


@dataclass(frozen=True)
class Quorum:
    present: int
    voting_members: int
    required: int
    met: bool


def quorum(meeting: Meeting) -> Quorum:
    """Voting members present against the board's quorum rule, on the meeting's day."""
    day = timezone.localtime(meeting.starts_at).date()
    seats = current_members(meeting.board, day).exclude(position="observer")
    voting = seats.count()
    present = Attendance.objects.filter(
        meeting=meeting, status=AttendanceStatus.PRESENT, membership__in=seats
    ).count()
    required = -(-voting * meeting.board.quorum_percent // 100) if voting else 1
    return Quorum(present, voting, required, voting > 0 and present >= required)


# --------------------------------------------------------------------------- proposals

PROPOSAL_FLOW = {
    ProposalState.DRAFT: {ProposalState.SUBMITTED, ProposalState.WITHDRAWN},
    ProposalState.SUBMITTED: {
        ProposalState.EVALUATING,
        ProposalState.ACCEPTED,
        ProposalState.REJECTED,
        ProposalState.WITHDRAWN,
    },
    ProposalState.EVALUATING: {
        ProposalState.ACCEPTED,
        ProposalState.REJECTED,
        ProposalState.WITHDRAWN,
    },
    ProposalState.ACCEPTED: set(),
    ProposalState.REJECTED: set(),
    ProposalState.WITHDRAWN: set(),
}
ANSWERED = {ProposalState.ACCEPTED, ProposalState.REJECTED}


def allowed_proposal_states(proposal: Proposal, user) -> list[str]:
    """The states this user may move the proposal to: authors submit or withdraw their own."""
    nexts = PROPOSAL_FLOW[proposal.state]
    if can_manage(user):
        return [s for s in ProposalState.values if s in nexts]
    if proposal.created_by_id == getattr(user, "pk", None):
        return [s for s in (ProposalState.SUBMITTED, ProposalState.WITHDRAWN) if s in nexts]
    return []


def transition_proposal(proposal: Proposal, user, state: str, answer: str = "") -> Proposal:
    """Move a proposal on; accepting or rejecting needs a reasoned answer."""
    if state not in PROPOSAL_FLOW[proposal.state]:
        raise TransitionRefused(
            _("A proposal that is “%(current)s” cannot become “%(wanted)s”.")
            % {"current": proposal.get_state_display(), "wanted": ProposalState(state).label}
        )
    if user is not None and state not in allowed_proposal_states(proposal, user):
        raise TransitionRefused(_("You may not change the state of this proposal."))
    if state in ANSWERED and not answer.strip():
        raise TransitionRefused(
            _(
                "Give the reasons for the answer: accepting or rejecting a "
                "proposal needs a reasoned answer."
            )
        )
    before = snapshot(proposal)
    proposal.state = state
    if answer.strip():
        proposal.answer = answer.strip()
    if state in ANSWERED:
        proposal.answered_at = timezone.now()
    with transaction.atomic():
        proposal.save()
        record(proposal.board, proposal, user, f"state {state}", diff(before, snapshot(proposal)))
    return proposal


# --------------------------------------------------------------------------- decisions


def check_decision(decision: Decision) -> Quorum:
    """Count the members present and check quorum and votes; store them on the decision."""
    q = quorum(decision.meeting)
    decision.members_present, decision.voting_members, decision.quorum_met = (
        q.present,
        q.voting_members,
        q.met,
    )
    if decision.method == DecisionMethod.VOTE:
        cast = decision.votes_for + decision.votes_against + decision.votes_abstain
        if cast > q.present:
            raise TransitionRefused(
                _("%(cast)d votes were recorded but only %(present)d voting members were present.")
                % {"cast": cast, "present": q.present}
            )
    else:
        decision.votes_for = decision.votes_against = decision.votes_abstain = 0
    return q


def save_decision(decision: Decision, user) -> Decision:
    check_decision(decision)
    return save_tracked(decision, user)


def tally(decision: Decision) -> None:
    """Set the counts from the members' own votes, when any were cast."""
    votes = list(decision.votes.values_list("choice", flat=True))
    if votes:
        decision.votes_for = votes.count(VoteChoice.FOR)
        decision.votes_against = votes.count(VoteChoice.AGAINST)
        decision.votes_abstain = votes.count(VoteChoice.ABSTAIN)


def cast_vote(decision: Decision, user, choice: str) -> Vote:
    seat = can_vote(user, decision)
    if seat is None:
        raise TransitionRefused(
            _(
                "Only voting members of this board can vote, and only on a "
                "draft decision taken by vote."
            )
        )
    if choice not in VoteChoice.values:
        raise TransitionRefused(_("Choose for, against or abstain."))
    vote, _created = Vote.objects.update_or_create(
        decision=decision, membership=seat, defaults={"choice": choice}
    )
    before = snapshot(decision)
    tally(decision)
    decision.save()
    record(decision.board, decision, user, "vote", diff(before, snapshot(decision)))
    return vote


def approve_decision(decision: Decision, user) -> Decision:
    """Make the decision final: needs a quorum; a vote decides by simple majority of votes cast.

    The proposal behind it is answered with the decision's text.
    """
    if decision.status == DecisionStatus.APPROVED:
        raise TransitionRefused(_("This decision is already approved."))
    tally(decision)
    q = check_decision(decision)
    if not q.met:
        raise TransitionRefused(
            _(
                "No quorum: %(present)d of %(voting)d voting members were present, %(required)d "
                "are needed."
            )
            % {"present": q.present, "voting": q.voting_members, "required": q.required}
        )
    if (
        decision.method == DecisionMethod.VOTE
        and decision.outcome == Outcome.ADOPTED
        and not (decision.votes_for > decision.votes_against)
    ):
        raise TransitionRefused(
            _("The votes do not adopt this decision: %(for)d for, %(against)d against.")
            % {"for": decision.votes_for, "against": decision.votes_against}
        )
    before = snapshot(decision)
    decision.status = DecisionStatus.APPROVED
    decision.approved_at = timezone.now()
    with transaction.atomic():
        decision.save()
        record(decision.board, decision, user, "approved", diff(before, snapshot(decision)))
        proposal = decision.proposal
        if proposal is not None and proposal.state in (
            ProposalState.SUBMITTED,
            ProposalState.EVALUATING,
        ):
            target = {
                Outcome.ADOPTED: ProposalState.ACCEPTED,
                Outcome.REJECTED: ProposalState.REJECTED,
            }.get(decision.outcome)
            if target:
                transition_proposal(proposal, user, target, answer=proposal.answer or decision.text)
    return decision


def amend_decision(
    decision: Decision, user, reason: str, changes: dict, meeting: Meeting | None = None
) -> Amendment:
    """The only way an approved decision changes: the amendment keeps reason, before and after."""
    if decision.status != DecisionStatus.APPROVED:
        raise TransitionRefused(
            _("A draft decision is edited directly; amendments are for approved decisions.")
        )
    if not reason.strip():
        raise TransitionRefused(_("An amendment needs a reason."))
    unknown = set(changes) - set(Decision.AMENDABLE_FIELDS)
    if unknown:
        raise TransitionRefused(
            _("These fields cannot be amended: %(fields)s") % {"fields": ", ".join(sorted(unknown))}
        )
    before = snapshot(decision)
    for name, value in changes.items():
        setattr(decision, name, value)
    decision.full_clean()
    after = snapshot(decision)
    delta = diff(before, after)
    if not delta:
        raise TransitionRefused(_("The amendment changes nothing."))
    with transaction.atomic():
        decision._amending = True
        try:
            decision.save()
        finally:
            decision._amending = False
        amendment = Amendment.objects.create(
            decision=decision,
            reason=reason.strip(),
            changes=delta,
            meeting=meeting,
            created_by=user if user and user.is_authenticated else None,
        )
        record(decision.board, decision, user, "amended", delta, note=reason.strip())
    return amendment


# --------------------------------------------------------------------------- actions

TWO = Decimal("0.01")


def weighted_progress(children: list[tuple[Decimal, Decimal]]) -> Decimal:
    """Weighted mean of (weight, progress) pairs, to 2 decimals; equal weights when all are 0."""
    if not children:
        return Decimal("0")
    total = sum(w for w, _ in children)
    if total == 0:
        mean = sum(p for _, p in children) / len(children)
    else:
        mean = sum(w * p for w, p in children) / total
    return mean.quantize(TWO, rounding=ROUND_HALF_UP)


def roll_up(action: Action | None, user=None) -> None:
    """Recompute the progress of this action and of every ancestor from their children."""
    while action is not None:
        rows = list(action.children.values_list("weight", "progress"))
        if rows:
            value = weighted_progress(rows)
            if value != action.progress:
                before = snapshot(action)
                Action.objects.filter(pk=action.pk).update(progress=value)
                action.progress = value
                record(
                    action.board, action, user, "progress rolled up", diff(before, snapshot(action))
                )
        action = action.parent


def save_action(action: Action, user) -> Action:
    """Create or change an action: default progress per status, roll-up, notify a new owner."""
    stored = Action.objects.filter(pk=action.pk).first() if action.pk else None
    if stored is None or stored.status != action.status:
        default = DEFAULT_PROGRESS.get(action.status)
        if default is not None and (stored is None or stored.progress == action.progress):
            action.progress = default
    if action.pk and action.children.exists():
        action.progress = stored.progress if stored else action.progress
    with transaction.atomic():
        save_tracked(action, user)
        if stored is not None and stored.parent_id and stored.parent_id != action.parent_id:
            roll_up(Action.objects.get(pk=stored.parent_id), user)
        roll_up(action, user)
        if action.owner_id and (stored is None or stored.owner_id != action.owner_id):
            notify(
                action.owner,
                NotificationKind.ACTION_ASSIGNED,
                action.title,
                reverse("board:action", args=[action.board.slug, action.pk]),
            )
    return action


def update_progress(
    action: Action, user, status: str | None = None, progress: Decimal | None = None, note: str = ""
) -> Action:
    """What an owner does: set status and/or progress; a parent's progress comes from children."""
    if not can_update_progress(user, action):
        raise TransitionRefused(
            _("Only the action's owner or the secretariat can update its progress.")
        )
    if progress is not None and action.children.exists():
        raise TransitionRefused(
            _("This action's progress is the weighted mean of its parts; update the parts instead.")
        )
    if progress is not None and not Decimal("0") <= progress <= Decimal("100"):
        raise TransitionRefused(_("Progress must be between 0 and 100 %."))
    before = snapshot(action)
    if status is not None and status != action.status:
        action.status = status
        default = DEFAULT_PROGRESS.get(status)
        if progress is None and default is not None and not action.children.exists():
            action.progress = default
    if progress is not None:
        action.progress = progress.quantize(TWO)
    action.full_clean()
    with transaction.atomic():
        action.save()
        changes = diff(before, snapshot(action))
        if changes:
            record(action.board, action, user, "progress", changes, note=note)
        roll_up(action.parent, user)
    return action


def descendants(action: Action) -> list[Action]:
    out, stack = [], list(action.children.all())
    while stack:
        node = stack.pop(0)
        out.append(node)
        stack.extend(node.children.all())
    return out


# --------------------------------------------------------------------------- composition


def composition(board: Board) -> tuple[list[int], dict[str, list[int]]]:
    """Members by sector at the end of each year since the first designation (today for now)."""
    seats = list(board.memberships.all())
    if not seats:
        return [], {}
    today = timezone.localdate()
    years = list(range(min(s.designated_on.year for s in seats), today.year + 1))
    counts: dict[str, list[int]] = {}
    for sector in Sector.values:
        row = []
        for year in years:
            day = today if year == today.year else dt.date(year, 12, 31)
            row.append(sum(1 for s in seats if s.sector == sector and s.active_on(day)))
        counts[sector] = row
    return years, counts


def composition_chart(board: Board, lang: str) -> str | None:
    years, counts = composition(board)
    if not years:
        return None
    labels = dict(Sector.choices)
    return render_chart(
        {
            "type": "line",
            "locale": lang,
            "y_zero": True,
            "decimals": 0,
            "title": _("Members by sector represented"),
            "series": [
                {
                    "key": s,
                    "label": str(labels[s]),
                    "points": [(str(y), v) for y, v in zip(years, row, strict=True)],
                }
                for s, row in counts.items()
                if any(row)
            ],
        }
    )


# --------------------------------------------------------------------------- evidence


@dataclass
class Movement:
    indicator: Indicator
    region: Region
    base: Point
    latest: Point
    change: float
    percent: float | None
    better: bool | None  # None: neutral polarity or no change


def _at_or_before(points: list[Point], period: str) -> Point | None:
    earlier = [p for p in points if p.period <= period]
    return earlier[-1] if earlier else None


def movement(
    indicator: Indicator, region: Region, since: str, points: list[Point] | None = None
) -> Movement | None:
    """How the indicator moved from `since` (or the last value before) to its latest value."""
    points = series(indicator, region) if points is None else points
    if not points or not since:
        return None
    base = _at_or_before(points, since) or points[0]
    latest = points[-1]
    if base.period == latest.period:
        return None
    change = latest.value - base.value
    percent = change / base.value * 100 if base.value else None
    better = None
    if change and indicator.polarity != Polarity.NEUTRAL:
        better = (change > 0) == (indicator.polarity == Polarity.HIGHER_BETTER)
    return Movement(indicator, region, base, latest, change, percent, better)


@dataclass
class EvidenceView:
    evidence: Evidence
    chart: str | None
    latest: Point | None
    previous: Point | None
    trend: Movement | None  # over the last five periods
    since_baseline: Movement | None


def evidence_view(evidence: Evidence, lang: str) -> EvidenceView:
    """The inline chart with the latest value and the trend, for a challenge's evidence."""
    points = series(evidence.indicator, evidence.region)
    chart = None
    if points:
        series_specs = [
            {
                "key": evidence.region.code,
                "label": evidence.region.display_name,
                "points": [(p.period, p.value) for p in points],
                "highlight": True,
            }
        ]
        country = evidence.region.ancestors()[0] if evidence.region.parent_id else None
        if country is not None:
            other = series(evidence.indicator, country)
            if other and evidence.indicator.code.endswith("_eu27"):
                series_specs.append(
                    {
                        "key": country.code,
                        "label": country.display_name,
                        "points": [(p.period, p.value) for p in other],
                    }
                )
        chart = render_chart(
            {
                "type": "line",
                "locale": lang,
                "decimals": evidence.indicator.decimals,
                "title": f"{evidence.indicator.name}, {evidence.region.display_name}",
                "y_title": evidence.indicator.unit,
                "series": series_specs,
                "source": evidence.indicator.attribution
                or _("Source: %(publisher)s (%(dataset)s)")
                % {
                    "publisher": evidence.indicator.publisher or "Eurostat",
                    "dataset": evidence.indicator.source_dataset,
                },
            }
        )
    latest = points[-1] if points else None
    previous = points[-2] if len(points) > 1 else None
    trend = (
        movement(
            evidence.indicator, evidence.region, points[max(len(points) - 6, 0)].period, points
        )
        if len(points) > 1
        else None
    )
    since = (
        movement(evidence.indicator, evidence.region, evidence.baseline_period, points)
        if evidence.baseline_period
        else None
    )
    return EvidenceView(evidence, chart, latest, previous, trend, since)


# --------------------------------------------------------------------------- timeline


@dataclass
class Chain:
    challenges: list[Challenge] = field(default_factory=list)
    proposals: list[Proposal] = field(default_factory=list)
    decisions: list[Decision] = field(default_factory=list)
    actions: list[Action] = field(default_factory=list)


def _unique(items):
    seen, out = set(), []
    for item in items:
        if item is not None and item.pk not in seen:
            seen.add(item.pk)
            out.append(item)
    return out


def chain(item) -> Chain:
    """Everything connected to an item from evidence to results, whichever link you start from."""
    if isinstance(item, Action):
        root = item
        while root.parent_id:
            root = root.parent
        decision = next((a.decision for a in [item, *_ancestors(item)] if a.decision_id), None)
        if decision is None:
            return Chain(actions=[root, *descendants(root)])
        item = decision
    if isinstance(item, Challenge):
        c = Chain(challenges=[item], proposals=list(item.proposals.all()))
        c.decisions = list(Decision.objects.filter(proposal__in=c.proposals))
    elif isinstance(item, Proposal):
        c = Chain(
            challenges=[item.challenge], proposals=[item], decisions=list(item.decisions.all())
        )
    elif isinstance(item, Decision):
        c = Chain(proposals=_unique([item.proposal]), decisions=[item])
        c.challenges = _unique([p.challenge for p in c.proposals])
    else:
        raise TypeError(f"no timeline for {type(item).__name__}")
    roots = list(Action.objects.filter(decision__in=c.decisions))
    c.actions = _unique([a for r in roots for a in (r, *descendants(r))])
    return c


def _ancestors(action: Action) -> list[Action]:
    out, node = [], action.parent
    while node is not None:
        out.append(node)
        node = node.parent
    return out


@dataclass
class Event:
    stage: str
    when: str
    title: str
    detail: str = ""
    url: str = ""
    is_sample: bool = False


def timeline(item, public: bool = False) -> list[Event]:
    """One ordered trail: evidence → challenge → proposal → decision → actions → progress →
    the indicators' movement since the decision. `public` keeps only published links."""
    c = chain(item)
    if public:
        c.challenges = [x for x in c.challenges if x.published]
        c.proposals = [x for x in c.proposals if x.published]
        c.decisions = [x for x in c.decisions if is_public_decision(x)]
        c.actions = [x for x in c.actions if is_public_action(x)]
    events: list[Event] = []
    slug = (c.challenges or c.proposals or c.decisions or c.actions or [item])[0].board.slug
    for ch in c.challenges:
        for ev in ch.evidence.select_related("indicator", "region"):
            points = series(ev.indicator, ev.region)
            if points:
                events.append(
                    Event(
                        "evidence",
                        points[-1].period,
                        f"{ev.indicator.name}, {ev.region.display_name}",
                        _("latest value %(value)s (%(period)s)")
                        % {"value": _fmt(points[-1].value), "period": points[-1].period},
                    )
                )
        events.append(
            Event(
                "challenge",
                ch.identified_on.isoformat(),
                ch.title,
                ch.get_severity_display(),
                _url("challenge", slug, ch.pk, public),
                ch.is_sample,
            )
        )
    for p in c.proposals:
        events.append(
            Event(
                "proposal",
                p.created_at.date().isoformat(),
                p.title,
                p.get_state_display(),
                _url("proposal", slug, p.pk, public),
                p.is_sample,
            )
        )
    for d in c.decisions:
        events.append(
            Event(
                "decision",
                timezone.localtime(d.meeting.starts_at).date().isoformat(),
                d.title,
                f"{d.get_status_display()} · {d.get_outcome_display()}",
                _url("decision", slug, d.pk, public),
                d.is_sample,
            )
        )
    action_type = ContentType.objects.get_for_model(Action)
    for a in c.actions:
        events.append(
            Event(
                "action",
                (a.start_date or a.due_date or "").__str__(),
                a.title,
                f"{a.get_status_display()} · {_fmt(a.progress)} %",
                _url("action", slug, a.pk, public),
                a.is_sample,
            )
        )
        for h in HistoryEntry.objects.filter(target_type=action_type, target_id=a.pk).order_by(
            "at"
        ):
            if h.verb != "created" and ("progress" in h.changes or "status" in h.changes):
                parts = [
                    f"{k}: {v[0]} → {v[1]}"
                    for k, v in h.changes.items()
                    if k in ("progress", "status")
                ]
                events.append(
                    Event(
                        "progress",
                        timezone.localtime(h.at).date().isoformat(),
                        a.title,
                        "; ".join(parts),
                    )
                )
    events.extend(_movements(c))
    order = {s: i for i, s in enumerate(STAGES)}
    return sorted(events, key=lambda e: (order[e.stage], e.when))


STAGES = ("evidence", "challenge", "proposal", "decision", "action", "progress", "movement")


def _movements(c: Chain) -> list[Event]:
    """The evidence indicators (and the proposals' expected ones) since the first decision."""
    if not c.decisions:
        return []
    first = min(timezone.localtime(d.meeting.starts_at).date() for d in c.decisions)
    pairs = []
    for ch in c.challenges:
        pairs += [
            (ev.indicator, ev.region, ev.baseline_period or str(first.year))
            for ev in ch.evidence.select_related("indicator", "region")
        ]
    for p in c.proposals:
        region = p.board.region
        if region is not None:
            pairs += [(ind, region, str(first.year)) for ind in p.expected_indicators.all()]
    events, seen = [], set()
    for indicator, region, since in pairs:
        if (indicator.pk, region.pk) in seen:
            continue
        seen.add((indicator.pk, region.pk))
        m = movement(indicator, region, since)
        if m is not None:
            events.append(
                Event(
                    "movement",
                    m.latest.period,
                    f"{indicator.name}, {region.display_name}",
                    describe_movement(m),
                )
            )
    return events


def describe_movement(m: Movement) -> str:
    text = f"{m.base.period} {_fmt(m.base.value)} → {m.latest.period} {_fmt(m.latest.value)}"
    if m.percent is not None:
        text += f" ({'+' if m.percent > 0 else '−' if m.percent < 0 else ''}{_fmt(abs(m.percent), 1)} %)"
    if m.better is True:
        text += " · " + _("better")
    elif m.better is False:
        text += " · " + _("worse")
    return text


def _fmt(value, decimals: int | None = None) -> str:
    from i4region.core.templatetags.i4region_tags import num

    return num(value, decimals)


def _url(kind: str, slug: str, pk: int, public: bool) -> str:
    if public:
        return reverse("board:public", args=[slug]) + f"#{kind}-{pk}"
    return reverse(f"board:{kind}", args=[slug, pk])


# --------------------------------------------------------------------------- publication


def is_public_meeting(meeting: Meeting) -> bool:
    return meeting.board.published and meeting.minutes_status == MinutesStatus.APPROVED


def is_public_decision(decision: Decision) -> bool:
    return decision.status == DecisionStatus.APPROVED and is_public_meeting(decision.meeting)


def is_public_action(action: Action) -> bool:
    root = action
    while root.decision_id is None and root.parent_id:
        root = root.parent
    return root.decision_id is not None and is_public_decision(root.decision)


def public_meetings(board: Board) -> QuerySet[Meeting]:
    return board.meetings.filter(minutes_status=MinutesStatus.APPROVED, board__published=True)


def public_decisions(board: Board) -> QuerySet[Decision]:
    return board.decisions.filter(
        status=DecisionStatus.APPROVED,
        meeting__minutes_status=MinutesStatus.APPROVED,
        board__published=True,
    )


def public_actions(board: Board) -> list[Action]:
    """Published actions in tree order: each parent followed by its parts."""
    rows = [
        a
        for a in board.actions.select_related("decision__meeting__board", "parent").order_by(
            "due_date", "id"
        )
        if is_public_action(a)
    ]
    ids = {a.pk for a in rows}

    def walk(parent_id):
        for a in rows:
            if a.parent_id == parent_id or (
                parent_id is None and a.parent_id not in ids and a.parent_id is not None
            ):
                yield a
                yield from walk(a.pk)

    return list(walk(None))


# --------------------------------------------------------------------------- iCalendar


def agenda_tree(
    items: list, parent_id: int | None = None, prefix: str = "", depth: int = 0
) -> list[tuple]:
    """Agenda items in reading order as (item, number such as "2.1", depth)."""
    out = []
    children = sorted(
        (i for i in items if i.parent_id == parent_id), key=lambda i: (i.position, i.pk)
    )
    for n, item in enumerate(children, start=1):
        number = f"{prefix}{n}"
        out.append((item, number, depth))
        out.extend(agenda_tree(items, item.pk, number + ".", depth + 1))
    return out


def _ics_text(value: str) -> str:
    return (
        value.replace("\\", "\\\\")
        .replace(";", "\\;")
        .replace(",", "\\,")
        .replace("\r\n", "\\n")
        .replace("\n", "\\n")
    )


def _fold(line: str) -> list[str]:
    """RFC 5545 lines are at most 75 octets; continuation lines start with a space."""
    out, current = [], ""
    for ch in line:
        limit = 75 if not out else 74
        if len((current + ch).encode()) > limit:
            out.append(current)
            current = ch
        else:
            current += ch
    out.append(current)
    return [out[0], *(" " + rest for rest in out[1:])]


def icalendar(board: Board, meetings, base_url: str = "") -> str:
    """The board's meetings as an iCalendar (RFC 5545) feed, agenda in the description."""
    stamp = timezone.now().astimezone(dt.UTC).strftime("%Y%m%dT%H%M%SZ")
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        "PRODID:-//i4region//board//EN",
        "CALSCALE:GREGORIAN",
        f"X-WR-CALNAME:{_ics_text(board.name)}",
    ]
    for m in meetings:
        start = m.starts_at.astimezone(dt.UTC)
        end = (m.ends_at or m.starts_at + dt.timedelta(hours=2)).astimezone(dt.UTC)
        agenda = "\n".join(
            f"{number} {item.title}"
            for item, number, _depth in agenda_tree(list(m.agenda_items.all()))
        )
        lines += [
            "BEGIN:VEVENT",
            f"UID:board-meeting-{m.pk}@i4region",
            f"DTSTAMP:{stamp}",
            f"DTSTART:{start:%Y%m%dT%H%M%SZ}",
            f"DTEND:{end:%Y%m%dT%H%M%SZ}",
            f"SUMMARY:{_ics_text(m.title)}",
        ]
        if m.place or m.online_link:
            lines.append(f"LOCATION:{_ics_text(m.place or m.online_link)}")
        if agenda:
            lines.append(f"DESCRIPTION:{_ics_text(agenda)}")
        lines.append(f"URL:{base_url}{reverse('board:meeting', args=[board.slug, m.pk])}")
        lines.append("END:VEVENT")
    lines.append("END:VCALENDAR")
    return "\r\n".join(folded for line in lines for folded in _fold(line)) + "\r\n"
