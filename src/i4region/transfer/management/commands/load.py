"""`i4region load DIR`: restore a dump into a new, empty database, all or nothing."""

from pathlib import Path

from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from i4region.core.progress import progress_line
from i4region.transfer.services import PackageError, load


class Command(BaseCommand):
    help = (
        "Restore a package written by `i4region dump` into a new database (SQLite or "
        "PostgreSQL). A non-empty database, a changed or truncated file or another schema "
        "version is refused and nothing is written."
    )

    def add_arguments(self, parser):
        parser.add_argument("src", type=Path, help="The folder `i4region dump` wrote.")

    def handle(self, *args, src: Path, **options):
        call_command("migrate", interactive=False, verbosity=0)
        call_command("createcachetable", verbosity=0)
        try:
            package = load(src, progress=progress_line(_("Loading"), self.stderr))
        except PackageError as exc:
            raise CommandError(f"{src}: {exc}", returncode=2) from None
        rows = sum(r["rows"] for r in package["resources"])
        restored = _("Restored %(tables)d tables, %(rows)d rows, from %(file)s.") % {
            "tables": len(package["resources"]),
            "rows": rows,
            "file": src,
        }
        self.stdout.write(self.style.SUCCESS(restored))
