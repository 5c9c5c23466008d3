"""The board's meetings as an iCalendar (RFC 5545) feed."""

from __future__ import annotations

import datetime as dt

from django.urls import reverse
from django.utils import timezone

from ..models import Board
from .meetings import agenda_tree


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
