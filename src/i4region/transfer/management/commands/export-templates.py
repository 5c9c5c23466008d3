"""`i4region export-templates --out DIR`: the practice's templates and each board's set-up."""

from pathlib import Path

from django.core.management.base import BaseCommand
from django.utils.translation import ngettext

from i4region.transfer.boards import write_board_setups
from i4region.transfer.practice import write_templates


class Command(BaseCommand):
    help = (
        "Write the templates another region edits before `i4region setup` (board composition, "
        "terms of reference, meeting cycle, engagement method, talent path) and the set-up of "
        "each board of this instance (seats by sector, decision method, quorum), without people."
    )

    def add_arguments(self, parser):
        parser.add_argument("--out", required=True, type=Path, help="Folder to write into.")

    def handle(self, *args, out: Path, **options):
        names = write_templates(out) + write_board_setups(out)
        for name in names:
            self.stdout.write(name)
        wrote = ngettext(
            "Wrote %(count)d file to %(folder)s", "Wrote %(count)d files to %(folder)s", len(names)
        )
        self.stdout.write(self.style.SUCCESS(wrote % {"count": len(names), "folder": out}))
