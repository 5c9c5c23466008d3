"""Actions: default progress per status, roll-up to parents, owners' updates, bulk CSV updates."""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from django.db import transaction
from django.urls import reverse
from django.utils.translation import gettext as _

from i4region.core.exports import unescape_cell

from ..models import DEFAULT_PROGRESS, NOTE, Action, ActionStatus, Board, NotificationKind
from .notifications import notify
from .permissions import TransitionRefused, acting, can_update_progress

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
    with acting(user, "progress_rolled_up"):
        while action is not None:
            rows = list(action.children.values_list("weight", "progress"))
            if rows:
                value = weighted_progress(rows)
                if value != action.progress:
                    action.progress = value
                    action.save()
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
    action.full_clean()
    with transaction.atomic():
        with acting(user, "changed" if stored else "created"):
            action.save()
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


def _check_progress(action: Action, user, status, progress) -> None:
    if not can_update_progress(user, action):
        raise TransitionRefused(
            _("Only the action's owner or the secretariat can update its progress.")
        )
    if status is not None and status not in ActionStatus.values:
        raise TransitionRefused(
            _("Unknown status “%(status)s”; use one of: %(known)s.")
            % {"status": status, "known": ", ".join(ActionStatus.values)}
        )
    if progress is not None and action.children.exists():
        raise TransitionRefused(
            _("This action's progress is the weighted mean of its parts; update the parts instead.")
        )
    if progress is not None and not Decimal("0") <= progress <= Decimal("100"):
        raise TransitionRefused(_("Progress must be between 0 and 100 %."))


def update_progress(
    action: Action, user, status: str | None = None, progress: Decimal | None = None, note: str = ""
) -> Action:
    """What an owner does: set status and/or progress; a parent's progress comes from children."""
    _check_progress(action, user, status, progress)
    if status is not None and status != action.status:
        action.status = status
        default = DEFAULT_PROGRESS.get(status)
        if progress is None and default is not None and not action.children.exists():
            action.progress = default
    if progress is not None:
        action.progress = progress.quantize(TWO)
    action.full_clean()
    with transaction.atomic():
        with acting(user, "progress_updated", note.strip()[:NOTE]):
            action.save()
        roll_up(action.parent, user)
    return action


@dataclass(frozen=True)
class LineError:
    line: int
    message: str


BULK_COLUMNS = ("id", "progress", "status", "note")


def bulk_progress(board: Board, user, data: bytes | str) -> tuple[int, list[LineError]]:
    """Apply a CSV of (id, progress, status, note) to this board's actions: all or nothing.

    Every line is checked first; one bad line and nothing changes, each error naming its line.
    Returns (actions updated, errors).
    """
    if isinstance(data, bytes):
        try:
            data = data.decode("utf-8-sig")
        except UnicodeDecodeError:
            return 0, [LineError(1, _("The file is not UTF-8 text."))]
    reader = csv.DictReader(io.StringIO(data))
    header = [h.strip() for h in (reader.fieldnames or [])]
    missing = [c for c in ("id",) if c not in header]
    if missing or not ({"progress", "status"} & set(header)):
        return 0, [
            LineError(1, _("The first line must name the columns: id, progress, status, note."))
        ]
    plan, errors, seen = [], [], set()
    for number, row in enumerate(reader, start=2):
        row = {(k or "").strip(): unescape_cell((v or "").strip()) for k, v in row.items()}
        try:
            pk = int(row.get("id", ""))
        except ValueError:
            errors.append(
                LineError(number, _("The id “%(id)s” is not a number.") % {"id": row.get("id", "")})
            )
            continue
        action = board.actions.filter(pk=pk).first()
        if action is None:
            errors.append(LineError(number, _("This board has no action %(id)d.") % {"id": pk}))
            continue
        if pk in seen:
            errors.append(LineError(number, _("Action %(id)d appears twice.") % {"id": pk}))
            continue
        seen.add(pk)
        progress = None
        if row.get("progress"):
            try:
                progress = Decimal(row["progress"].replace(",", ".").rstrip("%").strip())
            except InvalidOperation:
                errors.append(
                    LineError(
                        number,
                        _("The progress “%(value)s” is not a number.") % {"value": row["progress"]},
                    )
                )
                continue
        status = row.get("status") or None
        if progress is None and status is None:
            errors.append(LineError(number, _("Give a progress, a status or both.")))
            continue
        try:
            _check_progress(action, user, status, progress)
        except TransitionRefused as exc:
            errors.append(LineError(number, str(exc)))
            continue
        plan.append((action, status, progress, row.get("note", "")))
    if errors:
        return 0, errors
    if not plan:
        return 0, [LineError(2, _("The file has no lines to apply."))]
    with transaction.atomic():
        for action, status, progress, note in plan:
            update_progress(action, user, status=status, progress=progress, note=note)
    return len(plan), []


def descendants(action: Action) -> list[Action]:
    out, stack = [], list(action.children.all())
    while stack:
        node = stack.pop(0)
        out.append(node)
        stack.extend(node.children.all())
    return out


def ancestors(action: Action) -> list[Action]:
    out, node = [], action.parent
    while node is not None:
        out.append(node)
        node = node.parent
    return out


def in_tree_order(rows: list[Action]) -> list[Action]:
    """Each parent followed by its parts; a part whose parent is not in `rows` starts a tree."""
    ids = {a.pk for a in rows}

    def walk(parent_id):
        for a in rows:
            if a.parent_id == parent_id or (
                parent_id is None and a.parent_id not in ids and a.parent_id is not None
            ):
                yield a
                yield from walk(a.pk)

    return list(walk(None))


def public_actions(board: Board) -> list[Action]:
    """Published actions in tree order."""
    rows = list(
        board.actions.public()
        .select_related("owner", "owner_organisation", "parent")
        .order_by("due_date", "id")
    )
    return in_tree_order(rows)
