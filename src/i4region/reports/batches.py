"""Sets of reports made at once, as one ZIP file: every profile of the home country's regions,
every initiative's factsheet, or the board's pack for a meeting (its briefing, the home region's
profile and the factsheets). The page queues them as a job; the command writes them to a folder.
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.utils.translation import gettext_lazy as _

from . import documents
from .render import FORMATS, write


@dataclass(frozen=True)
class Batch:
    name: str
    label: str
    #: (kind, options) of every report of the set; `meeting` for the board's pack
    items: Callable[..., list[tuple[str, dict[str, str]]]]
    needs_meeting: bool = False


def _profiles() -> list[tuple[str, dict[str, str]]]:
    return [("region-profile", item) for item in documents.home_regions()]


def _initiatives() -> list[tuple[str, dict[str, str]]]:
    return [("initiative", item) for item in documents.all_initiatives()]


def _board_pack(board: str, meeting: str) -> list[tuple[str, dict[str, str]]]:
    return [
        ("board-briefing", {"board": board, "meeting": meeting}),
        ("region-profile", {"region": settings.I4REGION_HOME_REGION}),
        *_initiatives(),
    ]


BATCHES = {
    b.name: b
    for b in (
        Batch("region-profiles", _("Profiles of the home country's regions"), _profiles),
        Batch("initiatives", _("Factsheets of every initiative"), _initiatives),
        Batch(
            "board-pack",
            _("The board's pack for a meeting: briefing, home region, initiatives"),
            _board_pack,
            needs_meeting=True,
        ),
    )
}


def items(name: str, **options: str) -> list[tuple[str, dict[str, str]]]:
    return BATCHES[name].items(**options)


def produce(
    wanted: list[tuple[str, dict[str, str]]], lang: str, fmt: str, user: Any
) -> Iterator[tuple[str, bytes]]:
    """(file name, content) of each report, one at a time; a builder's refusal (ReportInputError,
    PermissionDenied) stops the set."""
    if fmt not in FORMATS:
        raise ValueError(f"format {fmt!r} is not one of {', '.join(FORMATS)}")
    for kind, options in wanted:
        report = documents.build(kind, lang, user, **options)
        yield f"{report.filename}.{fmt}", write(report, lang, fmt)


def zipped(files: list[tuple[str, bytes]]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, content in files:
            archive.writestr(name, content)
    return buffer.getvalue()
