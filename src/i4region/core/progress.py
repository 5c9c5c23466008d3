"""A progress bar for long operator commands that degrades to plain lines when not on a terminal."""

import sys
from collections.abc import Iterable, Iterator
from typing import TextIO, TypeVar

T = TypeVar("T")


def progress(
    items: Iterable[T], total: int, label: str, out: TextIO | None = None, width: int = 30
) -> Iterator[T]:
    """Yield items while drawing `label [####....] 45%` (one line per tenth when not a TTY)."""
    out = out or sys.stderr
    tty = hasattr(out, "isatty") and out.isatty()
    last_tenth = -1
    for done, item in enumerate(items, start=1):
        yield item
        share = done / total if total else 1.0
        if tty:
            filled = int(share * width)
            out.write(f"\r{label} [{'#' * filled}{'.' * (width - filled)}] {share:4.0%}")
            if done == total:
                out.write("\n")
            out.flush()
        elif int(share * 10) != last_tenth:
            last_tenth = int(share * 10)
            out.write(f"{label}: {share:.0%}\n")


def progress_line(label: str, out: TextIO | None = None):
    """A callback `(done, total, what)` for steps of uneven size (tables of a dump, say)."""
    out = out or sys.stderr
    tty = hasattr(out, "isatty") and out.isatty()

    def report(done: int, total: int, what: str) -> None:
        text = f"{label} {done}/{total}: {what}"
        if tty:
            out.write(f"\r{text[:78]:<78}" + ("\n" if done == total else ""))
            out.flush()
        elif done == total or done % max(total // 10, 1) == 0:
            out.write(text + "\n")

    return report
