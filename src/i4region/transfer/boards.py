"""A board's working-group set-up without the people: what one region hands to another."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

from django.utils import timezone

from i4region.board.models import Board


def board_setup(board: Board) -> dict:
    """Seats by sector (current members), decision method, quorum and meetings a year."""
    today = timezone.localdate()
    current = board.memberships.filter(designated_on__lte=today).exclude(ended_on__lt=today)
    seats = Counter(current.values_list("sector", flat=True))
    years = {m.starts_at.year for m in board.meetings.all() if m.starts_at}
    return {
        "board": board.slug,
        "name_en": board.name_en,
        "name_lt": board.name_lt,
        "decision_method": board.decision_method,
        "quorum_percent": board.quorum_percent,
        "seats_by_sector": dict(sorted(seats.items())),
        "meetings_per_year": (round(board.meetings.count() / len(years), 1) if years else None),
        "is_sample": board.is_sample,
    }


def write_board_setups(out: Path) -> list[str]:
    out.mkdir(parents=True, exist_ok=True)
    written = []
    for board in Board.objects.order_by("slug"):
        name = f"board_{board.slug}.json"
        (out / name).write_text(
            json.dumps(board_setup(board), indent=2, ensure_ascii=False) + "\n", encoding="utf-8"
        )
        written.append(name)
    return written
