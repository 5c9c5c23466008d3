"""The model definition files of this folder, one per model and version (`<model>-<version>.toml`).

Published versions never change: a response keeps the version it was answered and scored with,
and a new version of a model is a new file beside the old one.
"""

from __future__ import annotations

import tomllib
from functools import cache
from importlib import resources

from i4region.compute.maturity import Spec
from i4region.compute.maturity.spec import parse_spec

MODELS = ("dma", "impuls")


def _files() -> dict[tuple[str, str], str]:
    found = {}
    for entry in resources.files(__package__).iterdir():
        name = entry.name
        if name.endswith(".toml") and "-" in name and name.split("-", 1)[0] in MODELS:
            model, version = name[: -len(".toml")].split("-", 1)
            found[(model, version)] = name
    return found


def _version_key(version: str) -> tuple[int, ...]:
    return tuple(int(p) for p in version.split("."))


@cache
def spec(model: str, version: str) -> Spec:
    """The definition of one model version; KeyError when no such file exists."""
    name = _files()[(model, version)]
    data = tomllib.loads((resources.files(__package__) / name).read_text(encoding="utf-8"))
    return parse_spec(data, name)


def versions(model: str) -> list[str]:
    return sorted((v for m, v in _files() if m == model), key=_version_key)


def current(model: str) -> Spec:
    """The newest version: what new responses are answered with."""
    return spec(model, versions(model)[-1])


@cache
def themes() -> dict[str, dict[str, list[str]]]:
    """Dimension → themes of initiatives and of activities that serve it (themes.toml)."""
    text = (resources.files(__package__) / "themes.toml").read_text(encoding="utf-8")
    return tomllib.loads(text)["dimension"]
