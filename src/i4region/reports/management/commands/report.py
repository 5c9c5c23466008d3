"""`i4region report KIND …`: write one report (or a batch) as PDF or HTML."""

from __future__ import annotations

import sys
import time
from pathlib import Path

from django.core.exceptions import PermissionDenied
from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from i4region.reports import documents
from i4region.reports.render import FORMATS, ReportInputError, write

#: kind → the options it needs, as (command-line flag, builder argument).
NEEDS: dict[str, tuple[tuple[str, str], ...]] = {
    "region-profile": (("--region", "region"),),
    "initiative": (("--slug", "slug"),),
    "board-briefing": (("--board", "board"), ("--meeting", "meeting")),
    "company-brief": (("--organisation", "organisation"), ("--wave", "wave")),
}


class Command(BaseCommand):
    help = (
        "Write a report as PDF or HTML: region-profile, initiative, board-briefing, company-brief."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument("kind", choices=sorted(documents.BUILDERS))
        parser.add_argument("--region", help="region-profile: a NUTS or municipality code")
        parser.add_argument("--slug", help="initiative: the initiative's slug")
        parser.add_argument(
            "--all",
            action="store_true",
            help="initiative: every initiative; region-profile: the home country and its regions",
        )
        parser.add_argument("--board", help="board-briefing: the board's slug")
        parser.add_argument("--meeting", help="board-briefing: the meeting's id")
        parser.add_argument("--organisation", help="company-brief: the organisation's id")
        parser.add_argument("--wave", help="company-brief: T0 or T1")
        parser.add_argument("--lang", choices=("lt", "en"), default="lt")
        parser.add_argument("--format", choices=FORMATS, default="pdf", dest="fmt")
        parser.add_argument("--out", required=True, help="the file to write (a folder with --all)")

    def handle(self, *args, kind: str, lang: str, fmt: str, out: str, **options) -> None:
        if options["all"]:
            return self._batch(kind, lang, fmt, Path(out))
        wanted = {}
        for flag, name in NEEDS[kind]:
            if not options.get(name):
                raise CommandError(
                    _("%(kind)s needs %(flag)s") % {"kind": kind, "flag": flag}, returncode=2
                )
            wanted[name] = options[name]
        self._one(kind, lang, fmt, Path(out), wanted)

    def _one(self, kind: str, lang: str, fmt: str, out: Path, wanted: dict) -> None:
        try:
            report = documents.build(kind, lang, None, **wanted)
        except (ReportInputError, PermissionDenied) as error:
            raise CommandError(str(error), returncode=2) from None
        if out.parent and not out.parent.is_dir():
            raise CommandError(
                _("the folder %(folder)s does not exist") % {"folder": out.parent}, returncode=2
            )
        out.write_bytes(write(report, lang, fmt))
        self.stdout.write(f"{out}: {report.title}")

    def _batch(self, kind: str, lang: str, fmt: str, folder: Path) -> None:
        batches = documents.BATCHES
        if kind not in batches:
            raise CommandError(
                _("--all works for: %(kinds)s") % {"kinds": ", ".join(sorted(batches))},
                returncode=2,
            )
        folder.mkdir(parents=True, exist_ok=True)
        items = batches[kind]()
        start = time.monotonic()
        for number, wanted in enumerate(items, 1):
            report = documents.build(kind, lang, None, **wanted)
            path = folder / f"{report.filename}.{fmt}"
            path.write_bytes(write(report, lang, fmt))
            self._progress(number, len(items), path.name)
        took = time.monotonic() - start
        done = ngettext(
            "%(count)d report in %(folder)s (%(seconds).1f s)",
            "%(count)d reports in %(folder)s (%(seconds).1f s)",
            len(items),
        )
        self.stdout.write(done % {"count": len(items), "folder": folder, "seconds": took})

    def _progress(self, done: int, total: int, name: str) -> None:
        """A one-line progress bar on a terminal, one line per report otherwise (logs, tests)."""
        width = 30
        bar = "#" * (width * done // total) + "-" * (width - width * done // total)
        line = f"[{bar}] {done}/{total} {name}"
        if sys.stderr.isatty():
            sys.stderr.write("\r" + line + ("\n" if done == total else ""))
        else:
            sys.stderr.write(line + "\n")
        sys.stderr.flush()
