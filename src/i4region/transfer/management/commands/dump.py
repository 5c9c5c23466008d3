"""`i4region dump --out DIR`: the whole instance as a data package (a backup, or a move)."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from i4region.core.progress import progress_line
from i4region.transfer.services import dump


class Command(BaseCommand):
    help = (
        "Write every table of this instance (users, history, releases, observations …) as CSV "
        "files described by datapackage.json; `i4region load DIR` restores it."
    )

    def add_arguments(self, parser):
        parser.add_argument("--out", required=True, type=Path, help="An empty or new folder.")
        parser.add_argument(
            "--include-personal-data",
            action="store_true",
            help="Keep people's names, e-mails and phones (else they are blanked).",
        )

    def handle(self, *args, out: Path, include_personal_data: bool, **options):
        if out.exists() and any(out.iterdir()):
            raise CommandError(
                _("--out %(folder)s: the folder is not empty") % {"folder": out}, returncode=2
            )
        package = dump(
            out,
            include_personal_data=include_personal_data,
            progress=progress_line(_("Dumping"), self.stderr),
        )
        rows = sum(r["rows"] for r in package["resources"])
        wrote = (
            _("%(tables)d tables, %(rows)d rows, with personal data.")
            if include_personal_data
            else _("%(tables)d tables, %(rows)d rows, without personal data.")
        ) % {"tables": len(package["resources"]), "rows": rows}
        self.stdout.write(self.style.SUCCESS(f"{out}: {wrote}"))
