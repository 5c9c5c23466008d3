"""``i4region index compute|uncertainty|sensitivity`` through ``call_command``. From the shell,
``i4region index`` runs :mod:`i4region.compute.index.cli` without starting Django; this command
shares its arguments and work, and turns input errors into a CommandError with exit code 2."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from i4region.compute.index import cli
from i4region.compute.index.data import IndexInputError


class Command(BaseCommand):
    help = "Build a composite index from COINr-format iData/iMeta, or analyse its robustness."

    def add_arguments(self, parser: CommandParser) -> None:
        cli.add_arguments(parser)

    def handle(self, *args: Any, **opts: Any) -> None:
        try:
            written = cli.run(opts)
        except IndexInputError as exc:
            raise CommandError(str(exc), returncode=2) from None
        for path in written:
            self.stdout.write(str(path))
