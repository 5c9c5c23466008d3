"""``i4region index compute|uncertainty|sensitivity``: the composite-index engine from the command
line, without Django (the work is pure computation, so the command starts with only numpy, pandas
and scipy). ``i4region.cli`` hands ``index …`` here before it loads Django; the management
command of the same name reuses :func:`add_arguments` and :func:`run` for ``call_command``.

All the work is done by :mod:`.files`; input errors become one clear line and exit code 2.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

ACTIONS = (
    ("compute", "build the index and write one CSV per data set"),
    ("uncertainty", "uncertainty analysis: rank_stats.csv"),
    ("sensitivity", "sensitivity analysis: sensitivity.csv and rank_stats.csv"),
)


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """The subcommands and their options, on a plain or a Django command parser."""
    sub = parser.add_subparsers(dest="action", required=True)
    for action, text in ACTIONS:
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


def run(opts: dict[str, Any]) -> list[Path]:
    """Run one parsed subcommand; raises :class:`~.data.IndexInputError` for bad input."""
    from . import files
    from .data import IndexInputError

    action = opts["action"]
    common = (opts["idata"], opts["imeta"], opts["pipeline"])
    if action == "compute":
        return files.compute(*common, opts["out"])
    if opts["n"] < 3:
        raise IndexInputError("--n must be at least 3")
    return files.analyse(
        action,
        *common,
        opts["inputs"],
        opts["n"],
        opts["seed"],
        opts["out"],
        opts.get("nboot", 1000),
    )


def main(argv: Sequence[str]) -> int:
    """``i4region index ARGS``: prints the paths written; returns the exit code."""
    from .data import IndexInputError

    parser = argparse.ArgumentParser(
        prog="i4region index",
        description="Build a composite index from COINr-format iData/iMeta, "
        "or analyse its robustness.",
    )
    add_arguments(parser)
    opts = vars(parser.parse_args(list(argv)))
    try:
        written = run(opts)
    except IndexInputError as exc:
        sys.stderr.write(f"CommandError: {exc}\n")
        return 2
    for path in written:
        sys.stdout.write(f"{path}\n")
    return 0
