"""`i4region initiatives_import FILE --kind initiatives|budget|funding`: atomic CSV import."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from i4region.initiatives.importer import IMPORT_COLUMNS, ImportFailed, import_csv


class Command(BaseCommand):
    help = (
        "Import initiatives, budget lines or funding lines from a UTF-8 CSV; all rows or none. "
        "Columns: " + "; ".join(f"{k}: {','.join(v)}" for k, v in IMPORT_COLUMNS.items())
    )

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path)
        parser.add_argument("--kind", required=True, choices=sorted(IMPORT_COLUMNS))

    def handle(self, *args, file: Path, kind: str, **options):
        if not file.is_file():
            raise CommandError(f"{file}: no such file")
        try:
            result = import_csv(kind, file.read_bytes(), limited=False)
        except ImportFailed as exc:
            raise CommandError(f"{file}: nothing imported.\n" + "\n".join(exc.errors)) from exc
        self.stdout.write(self.style.SUCCESS(result.summary()))
