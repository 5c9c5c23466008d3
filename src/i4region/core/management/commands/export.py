"""`i4region export --out DIR`: every part's tables as CSV plus datapackage.json."""

from pathlib import Path

from django.core.management.base import BaseCommand
from django.utils.translation import ngettext

from i4region.core.exports import export


class Command(BaseCommand):
    help = "Export the instance's data as CSV files described by datapackage.json."

    def add_arguments(self, parser):
        parser.add_argument("--out", required=True, type=Path, help="Folder to write into.")
        parser.add_argument("--public", action="store_true", help="Only published rows.")
        parser.add_argument(
            "--include-personal-data",
            action="store_true",
            help="Include people's contact details (secretariat use only).",
        )

    def handle(self, *args, out: Path, public: bool, include_personal_data: bool, **options):
        package = export(out, public=public, include_personal_data=include_personal_data)
        for res in package["resources"]:
            rows = ngettext("%(count)d row", "%(count)d rows", res["rows"]) % {"count": res["rows"]}
            self.stdout.write(f"{res['path']}: {rows}")
        tables = len(package["resources"])
        wrote = ngettext(
            "Wrote %(count)d table to %(folder)s", "Wrote %(count)d tables to %(folder)s", tables
        )
        self.stdout.write(self.style.SUCCESS(wrote % {"count": tables, "folder": out}))
