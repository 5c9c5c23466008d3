"""`i4region import FILE`: load one statistics file (Eurostat TSV, SDMX-CSV or tidy CSV) as a release.

The format is detected from the content. Rows become observations of catalogue indicators through
the catalogue's map for the file's dataset, or through --indicator/--filter given here. The import
is atomic and idempotent; it prints what it added, updated and left unchanged.
"""

import getpass
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from i4region.observatory.catalogue import SourceMap, maps_for_dataset
from i4region.observatory.importing import (
    ImportRefused,
    guess_vintage,
    import_file,
    read_table,
    sha256_of,
    vintage_problem,
)
from i4region.observatory.reimport import import_export, is_export


class _Operator:
    """The person at the terminal, recorded on the import batch by name."""

    is_authenticated = False

    def __init__(self) -> None:
        try:
            self.username = f"{getpass.getuser()} (i4region import)"
        except OSError:
            self.username = "i4region import"


def parse_filters(pairs: list[str]) -> dict[str, str]:
    """`["unit=NR", "sex=T"]` → `{"unit": "NR", "sex": "T"}`; a pair without `=` is refused."""
    filters = {}
    for pair in pairs:
        dim, sep, value = pair.partition("=")
        if not sep or not dim.strip() or not value.strip():
            raise CommandError(
                _("--filter %(pair)s: expected DIMENSION=VALUE, e.g. unit=NR")
                % {"pair": repr(pair)}
            )
        filters[dim.strip()] = value.strip()
    return filters


def refused(exc: ImportRefused) -> CommandError:
    """The refusal as the command reports it: exit code 2, nothing written."""
    return CommandError(_("nothing imported: %(reason)s") % {"reason": exc}, returncode=2)


class Command(BaseCommand):
    # a data import says one thing: what it did or why it refused; `i4region check` checks
    requires_system_checks = []
    help = (
        "Import a statistics file (Eurostat bulk TSV, plain or gzip; SDMX-CSV; tidy CSV with "
        "indicator, region, period, value, flag) as one release. Atomic and idempotent."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", help="Path of the file to import.")
        parser.add_argument(
            "--vintage",
            help="Release the file comes from, YYYY-MM (default: a "
            "YYYY-MM in the file name, else the SDMX LAST UPDATE date).",
        )
        parser.add_argument("--indicator", help="Catalogue code the selected rows are values of.")
        parser.add_argument(
            "--filter",
            action="append",
            default=[],
            metavar="DIM=VALUE",
            help="With --indicator: keep rows whose dimension equals the value "
            "(repeat for several dimensions).",
        )
        parser.add_argument(
            "--dataset",
            help="Use the catalogue's map of this dataset code "
            "instead of the one named by the file.",
        )

    def handle(self, *args, file, vintage=None, indicator=None, filter=(), dataset=None, **options):
        path = Path(file)
        if not path.is_file():
            raise CommandError(_("%(file)s: no such file") % {"file": file})
        if filter and not indicator:
            raise CommandError(_("--filter needs --indicator: say which indicator the rows are"))
        if indicator and dataset:
            raise CommandError(_("give either --indicator (with --filter) or --dataset, not both"))
        if vintage and (problem := vintage_problem(vintage)):
            raise CommandError(
                _("nothing imported: --vintage %(problem)s") % {"problem": problem}, returncode=2
            )
        try:
            table = read_table(path)
        except ImportRefused as exc:
            raise refused(exc) from exc
        if is_export(table):
            return self._import_export(path, table, vintage or indicator or dataset, options)
        if indicator:
            maps = (SourceMap(indicator, parse_filters(filter)),)
        elif "indicator" in table.dimensions:
            maps = ()
        else:
            code = dataset or table.dataset
            maps = maps_for_dataset(code)
            if not maps:
                raise CommandError(
                    _(
                        "nothing imported: dataset %(code)s has no map in the catalogue "
                        "(data/catalogue/sources.toml); give --dataset CODE, or --indicator CODE "
                        "with --filter DIM=VALUE for each of the file's dimensions "
                        "(%(dimensions)s)"
                    )
                    % {
                        "code": code or _("(unknown)"),
                        "dimensions": ", ".join(table.dimensions) or _("none"),
                    }
                )
        vintage = vintage or guess_vintage(path, table)
        if not vintage:
            raise CommandError(
                _(
                    "nothing imported: %(file)s does not say which release it is; give "
                    "--vintage YYYY-MM"
                )
                % {"file": path.name}
            )
        verbosity = options.get("verbosity", 1)
        ending, self.stderr.ending = self.stderr.ending, ""  # the bar draws its own line ends
        try:
            out = self.stderr if verbosity else None
            report = import_file(
                path, vintage=vintage, maps=maps, user=_Operator(), out=out, table=table
            )
        except ImportRefused as exc:
            raise refused(exc) from exc
        finally:
            self.stderr.ending = ending
        if verbosity:
            self.stdout.write(f"{table.format}, release {vintage}")
            self.stdout.write(report.summary())

    def _import_export(self, path: Path, table, asked, options) -> None:
        """An export's observations.csv: its rows name their releases (and notes lie beside)."""
        if asked:
            raise CommandError(
                _(
                    "nothing imported: %(file)s names the release of every row; give no "
                    "--vintage, --indicator or --dataset"
                )
                % {"file": path.name}
            )
        notes = path.with_name("observation_notes.csv")
        try:
            reports, restored = import_export(
                table,
                file_name=path.name,
                sha256=sha256_of(path),
                notes=notes if notes.is_file() else None,
                user=_Operator(),
            )
        except ImportRefused as exc:
            raise refused(exc) from exc
        if options.get("verbosity", 1):
            for report in reports:
                self.stdout.write(report.summary())
            if restored:
                self.stdout.write(f"{notes.name}: {restored} notes on values")
