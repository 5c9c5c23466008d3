"""Notifications wait for the digest: one e-mail per person, never one per event."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict

from django.conf import settings
from django.core.mail import send_mail
from django.db.models import F
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from ..models import Action, Notification, NotificationKind


def notify(user, kind: str, label: str, path: str) -> Notification | None:
    """Queue a notification for the next digest."""
    if user is None:
        return None
    return Notification.objects.create(user=user, kind=kind, label=label[:250], path=path)


def create_overdue_notifications(today: dt.date | None = None) -> int:
    """One overdue notice per action and due date, so the digest does not repeat it daily."""
    today = today or timezone.localdate()
    overdue = (
        Action.objects.overdue(today)
        .filter(owner__isnull=False)
        .exclude(overdue_notified_on__gte=F("due_date"))
    )
    count = 0
    for action in overdue.select_related("board", "owner"):
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


def _overdue_lines(user, base: str, today: dt.date) -> list[str]:
    lines = []
    for action in Action.objects.overdue(today).filter(owner=user).select_related("board"):
        days = action.days_late(today)
        late = ngettext("%(days)d day late", "%(days)d days late", days) % {"days": days}
        lines.append(f"- {action.title} ({late})")
        lines.append(f"  {base}{in_language(action.get_absolute_url(), settings.LANGUAGE_CODE)}")
    return lines


def send_digest(base_url: str = "", now: dt.datetime | None = None) -> int:
    """One e-mail per person with every notification still waiting; returns e-mails sent."""
    now = now or timezone.now()
    base = base_url.rstrip("/")
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
                    lines.append(f"  {base}{in_language(note.path, settings.LANGUAGE_CODE)}")
            overdue = _overdue_lines(user, base, timezone.localdate(now))
            if overdue:
                lines += ["", _("Your overdue actions:"), *overdue]
            lines += [
                "",
                _("Your actions: %(url)s")
                % {"url": base + in_language(reverse("board:my_actions"), settings.LANGUAGE_CODE)},
            ]
            subject = _("i4region board digest: %(count)d items") % {"count": len(notes)}
            send_mail(subject, "\n".join(lines), None, [user.email])
            Notification.objects.filter(pk__in=[n.pk for n in notes]).update(sent_at=now)
            sent += 1
    return sent
