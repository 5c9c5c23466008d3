"""The templates of the Panevėžys practice that another region edits before `i4region setup`.

Each template is a TOML file in `practice/` with its title and texts in Lithuanian and English
and, where the practice's own sources say something, their link. The talent path is the
strategy app's stage file (one definition, not a copy).
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from django.utils.translation import get_language

ORDER = ("board-composition", "terms-of-reference", "meeting-cycle", "engagement-method")
TALENT_PATH = ("i4region.strategy", "data/talent_path.json")


@dataclass(frozen=True)
class Template:
    slug: str
    filename: str
    data: dict

    def text(self, item: dict, key: str = "") -> str:
        """The text of `item` (or of the template itself) in the active language."""
        lang = (get_language() or "lt")[:2]
        prefix = f"{key}_" if key else ""
        return item.get(f"{prefix}{lang}") or item.get(f"{prefix}en", "")

    @property
    def title(self) -> str:
        return self.text(self.data, "title")


def _folder():
    return resources.files("i4region.transfer") / "practice"


def templates() -> list[Template]:
    found = {}
    for entry in _folder().iterdir():
        if entry.name.endswith(".toml"):
            data = tomllib.loads(entry.read_text(encoding="utf-8"))
            found[data["slug"]] = Template(data["slug"], entry.name, data)
    return [found[slug] for slug in ORDER if slug in found]


def template(slug: str) -> Template | None:
    return next((t for t in templates() if t.slug == slug), None)


def template_files() -> list[tuple[str, bytes]]:
    """(file name, content) of every template, the talent path included."""
    files = [(t.filename, (_folder() / t.filename).read_bytes()) for t in templates()]
    package, path = TALENT_PATH
    talent = resources.files(package) / path
    if talent.is_file():
        files.append(("talent_path.json", talent.read_bytes()))
    return files


def write_templates(out: Path) -> list[str]:
    out.mkdir(parents=True, exist_ok=True)
    written = []
    for name, content in template_files():
        (out / name).write_bytes(content)
        written.append(name)
    return written
