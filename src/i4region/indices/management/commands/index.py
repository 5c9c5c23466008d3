"""``i4region index compute|uncertainty|sensitivity``: the composite-index engine from the command
line. All the work is done by the pure package :mod:`i4region.compute.index.files`; this command
only parses arguments and turns input errors into one clear line and exit code 2."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from i4region.compute.index import files
from i4region.compute.index.data import IndexInputError


class Command(BaseCommand):
    help = "Build a composite index from COINr-format iData/iMeta, or analyse its robustness."

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        for action, text in (
            ("compute", "build the index and write one CSV per data set"),
            ("uncertainty", "uncertainty analysis: rank_stats.csv"),
            ("sensitivity", "sensitivity analysis: sensitivity.csv and rank_stats.csv"),
        ):
            p = sub.add_parser(action, help=text)
            p.add_argument("--idata", required=True, help="iData CSV (uCode, groups, indicators)")
            p.add_argument("--imeta", required=True, help="iMeta CSV (Level, iCode, Parent, …)")
            p.add_argument("--pipeline", required=True, help="pipeline TOML ([[steps]])")
            p.add_argument("--out", required=True, help="output directory")
            if action != "compute":
                p.add_argument("--inputs", required=True, help="uncertain inputs TOML")
                p.add_argument(
                    "--n",
                    type=int,
                    default=500 if action == "uncertainty" else 100,
                    help="number of draws (SA runs N·(d+2) rebuilds)",
                )
                p.add_argument("--seed", type=int, default=1, help="random seed")
            if action == "sensitivity":
                p.add_argument(
                    "--nboot", type=int, default=1000, help="bootstrap samples for the intervals"
                )

    def handle(self, *args: Any, **opts: Any) -> None:
        action = opts["action"]
        common = (opts["idata"], opts["imeta"], opts["pipeline"])
        try:
            if action == "compute":
                written = files.compute(*common, opts["out"])
            else:
                if opts["n"] < 3:
                    raise IndexInputError("--n must be at least 3")
                if action == "uncertainty":
                    written = files.uncertainty(
                        *common, opts["inputs"], opts["n"], opts["seed"], opts["out"]
                    )
                else:
                    written = files.sensitivity(
                        *common, opts["inputs"], opts["n"], opts["seed"], opts["out"], opts["nboot"]
                    )
        except IndexInputError as exc:
            raise CommandError(str(exc), returncode=2) from None
        for path in written:
            self.stdout.write(str(path))
