"""The parsers' error: where the input is wrong (file, line, field) and why, in English, with the
reason also kept as a catalogue template so the observatory can show it in the page's language.

Pure: it must never import Django (see CONTRIBUTING.md, Translations).
"""

from __future__ import annotations

import os
from collections.abc import Mapping

from ..messages import gettext_noop


class ParseError(ValueError):
    """Raised for any malformed input; str() names file, line and field, in English.

    ``template`` is the reason as marked for the catalogue (``%(name)s`` placeholders) and
    ``params`` its values, so a caller can show it translated; ``message`` is the English reason.
    The arguments are kept in ``args`` so the error survives pickling (job queues).
    """

    path: str
    line: int | None
    field: str | None
    template: str
    params: dict[str, object]
    message: str

    def __init__(
        self,
        path: str | os.PathLike[str],
        line: int | None,
        field: str | None,
        template: str,
        params: Mapping[str, object] | None = None,
    ) -> None:
        path = os.fspath(path)
        params = dict(params or {})
        super().__init__(path, line, field, template, params)
        self.path = path
        self.line = line
        self.field = field
        self.template = template
        self.params = params
        self.message = template % params if params else template

    def __str__(self) -> str:
        where = self.path
        if self.line is not None:
            where += f" line {self.line}"
        if self.field is not None:
            where += f"{',' if self.line is not None else ''} column {self.field}"
        return f"{where}: {self.message}"


def unreadable(path: str | os.PathLike[str], exc: OSError) -> ParseError:
    """The file cannot be read at all (missing, a folder, no permission)."""
    return ParseError(
        path,
        None,
        None,
        gettext_noop("cannot read file: %(error)s"),
        {"error": str(exc.strerror or exc)},
    )
