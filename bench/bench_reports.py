"""PDF reports: the region profile and the batch of every initiative's factsheet, against the floor
of building the same documents as HTML only (same data, same templates, no WeasyPrint).

Prints the best wall time of each and the ratio PDF / HTML, so the cost of the PDF engine is read
apart from the cost of the data. Run from the repository root:

    .venv/bin/python bench/bench_reports.py [--home DIR] [--repeat 3]

--home reuses a folder where `i4region setup` has run; by default a fresh one is set up.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))


def best(fn: Callable[[], object], repeat: int) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return min(times)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--home", type=Path)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    home = args.home or Path(tempfile.mkdtemp(prefix="i4region-bench-"))
    os.environ.update(
        {
            "DEBUG": "true",
            "I4REGION_HOME": str(home),
            "DATABASE_URL": os.environ.get("DATABASE_URL", f"sqlite:///{home / 'db.sqlite3'}"),
            "DJANGO_SETTINGS_MODULE": "i4region.settings",
        }
    )
    import django

    django.setup()
    from django.core.management import call_command

    from i4region.reports import documents
    from i4region.reports.render import to_html, to_pdf

    if args.home is None:
        print(f"setting up {home} …", flush=True)
        call_command("setup", verbosity=0)

    def profile(render: Callable) -> Callable[[], object]:
        return lambda: render(documents.build("region-profile", "lt", None, region="LT025"), "lt")

    def batch(render: Callable) -> Callable[[], object]:
        items = documents.BATCHES["initiative"]()
        return lambda: [render(documents.build("initiative", "lt", None, **o), "lt") for o in items]

    count = len(documents.BATCHES["initiative"]())
    profile(to_pdf)()  # warm up: fonts, templates, WeasyPrint's imports
    rows = [
        (
            "region profile LT025 (lt)",
            best(profile(to_html), args.repeat),
            best(profile(to_pdf), args.repeat),
        ),
        (
            f"all {count} initiative factsheets (lt)",
            best(batch(to_html), args.repeat),
            best(batch(to_pdf), args.repeat),
        ),
    ]
    print(f"{'document':<36} {'HTML floor':>11} {'PDF':>9} {'PDF/HTML':>9}")
    for name, floor, pdf in rows:
        print(f"{name:<36} {floor * 1000:>9.0f} ms {pdf * 1000:>6.0f} ms {pdf / floor:>8.1f}x")
    return 0


if __name__ == "__main__":
    sys.exit(main())
