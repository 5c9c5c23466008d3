"""People on the board: inviting a member to their seat, and erasing a person's data."""

from __future__ import annotations

import json
import re

from auditlog.models import LogEntry
from django.contrib.auth import get_user_model
from django.contrib.auth.tokens import default_token_generator
from django.contrib.contenttypes.models import ContentType
from django.core.mail import send_mail
from django.db import transaction
from django.db.models import Q
from django.urls import reverse
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from django.utils.translation import gettext as _

from i4region.accounts.models import Role
from i4region.core import history

from ..models import Attendance, Comment, Membership, Notification
from .permissions import acting

ERASED = "(erased)"


def _username_for(email: str) -> str:
    User = get_user_model()
    base = re.sub(r"[^\w.@+-]", "", email.split("@")[0]) or "member"
    name, n = base[:140], 1
    while User.objects.filter(username=name).exists():
        n += 1
        name = f"{base[:140]}{n}"
    return name


def invite_member(seat: Membership, email: str, by, base_url: str = "") -> tuple:
    """Link the seat to the account with this e-mail, creating it (board-member role) if needed,
    and send a link to set the password. Returns (user, created)."""
    User = get_user_model()
    email = email.strip()
    user = User.objects.filter(email__iexact=email).first()
    created = user is None
    with transaction.atomic():
        if created:
            first, _sep, last = seat.person_name.partition(" ")
            user = User(
                username=_username_for(email),
                email=email,
                role=Role.BOARD_MEMBER,
                first_name=first[:150],
                last_name=last[:150],
            )
            user.set_unusable_password()
            user.save()
        elif not user.role:
            user.role = Role.BOARD_MEMBER
            user.save(update_fields=["role"])
        seat.user = user
        with acting(by, "changed"):
            seat.save()
    uid = urlsafe_base64_encode(force_bytes(user.pk))
    link = base_url.rstrip("/") + reverse(
        "accounts:password_reset_confirm", args=[uid, default_token_generator.make_token(user)]
    )
    body = "\n".join(
        [
            _("Hello %(name)s,") % {"name": seat.person_name},
            "",
            _("You have a seat on %(board)s in i4region. Your username is %(username)s.")
            % {"board": seat.board.name, "username": user.get_username()},
            _("Set your password here to sign in: %(link)s") % {"link": link},
        ]
    )
    send_mail(_("Your seat on %(board)s") % {"board": seat.board.name}, body, None, [email])
    return user, created


def _forget(queryset) -> int:
    count = 0
    for obj in queryset:
        count += history.forget(obj)
    return count


def erase_person_data(name: str, email: str = "") -> int:
    """Erase a person from the board workspace: their comments, their name on seats, proxies and
    guest lines, their pending notifications, and the values the history kept of those records.
    Returns how many records were changed."""
    name, email = name.strip(), email.strip()
    if not name and not email:
        return 0
    User = get_user_model()
    users = User.objects.filter(email__iexact=email) if email else User.objects.none()
    changed = 0
    with transaction.atomic():
        comments = Comment.objects.filter(
            Q(author__in=users) | Q(author_name=name) if name else Q(author__in=users)
        )
        changed += comments.update(author=None, author_name=ERASED, text=ERASED)
        for comment in Comment.objects.filter(
            (Q(text__icontains=name) if name else Q(pk=None))
            | (Q(text__icontains=email) if email else Q(pk=None))
        ):
            for word in (name, email):
                if word:
                    comment.text = re.sub(re.escape(word), ERASED, comment.text, flags=re.I)
            comment.save(update_fields=["text"])
            changed += 1
        seats = list(
            Membership.objects.filter(
                Q(user__in=users) | Q(person_name=name) if name else Q(user__in=users)
            )
        )
        lines = list(
            Attendance.objects.filter(Q(guest_name=name) | Q(proxy_name=name))
            if name
            else Attendance.objects.none()
        )
        with history.verb("erased"):
            for seat in seats:
                seat.person_name = ERASED
                seat.save()
            for line in lines:
                line.guest_name = ERASED if line.guest_name == name else line.guest_name
                line.proxy_name = ERASED if line.proxy_name == name else line.proxy_name
                line.save()
        changed += len(seats) + len(lines) + _forget([*seats, *lines])
        changed += Notification.objects.filter(user__in=users).delete()[0]
        # a name or e-mail typed into any other board record's history (a note, say)
        words = [w.lower() for w in (name, email) if w]
        board_types = ContentType.objects.filter(app_label="board")
        for entry in LogEntry.objects.filter(content_type__in=board_types):
            text = json.dumps(
                [entry.changes, entry.additional_data, entry.object_repr], ensure_ascii=False
            ).lower()
            if any(w in text for w in words):
                entry.changes, entry.changes_text, entry.serialized_data = None, "", None
                entry.object_repr = ERASED
                data = dict(entry.additional_data or {})
                data.pop("note", None)
                entry.additional_data = data
                entry.save()
                changed += 1
    return changed
