"""The `i4region` command: every operator task, as Django management commands."""

import os
import sys


def main(argv: list[str] | None = None) -> None:
    args = sys.argv[1:] if argv is None else argv
    if args[:1] == ["index"]:  # the index engine is pure computation: no Django to start
        from i4region.compute.index.cli import main as index_main

        sys.exit(index_main(args[1:]))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "i4region.settings")
    from django.core.management import execute_from_command_line

    from i4region.instance import ConfigurationError

    try:
        execute_from_command_line(["i4region", *(sys.argv[1:] if argv is None else argv)])
    except ConfigurationError as exc:  # a wrong setting is one line, never a traceback
        sys.stderr.write(f"i4region: {exc}\n")
        sys.exit(2)


if __name__ == "__main__":
    main()
