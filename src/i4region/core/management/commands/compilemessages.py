"""Compile every .po file to .mo with polib, so no system gettext is needed (replaces Django's)."""

from pathlib import Path

import polib
from django.apps import apps
from django.conf import settings
from django.core.management.base import BaseCommand


def locale_dirs() -> list[Path]:
    dirs = [Path(p) for p in settings.LOCALE_PATHS]
    dirs += [
        Path(c.path) / "locale" for c in apps.get_app_configs() if c.name.startswith("i4region")
    ]
    return [d for d in dirs if d.is_dir()]


class Command(BaseCommand):
    help = "Compile translation catalogues (.po → .mo) of i4region."

    def handle(self, *args, **options):
        for directory in locale_dirs():
            for po_path in directory.glob("*/LC_MESSAGES/*.po"):
                mo_path = po_path.with_suffix(".mo")
                if mo_path.exists() and mo_path.stat().st_mtime >= po_path.stat().st_mtime:
                    continue
                polib.pofile(str(po_path)).save_as_mofile(str(mo_path))
                if options["verbosity"] > 1:
                    self.stdout.write(f"compiled {po_path}")
