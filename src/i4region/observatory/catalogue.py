"""The bundled indicator catalogue and the map from bundled files to indicators (data/catalogue)."""

import tomllib
from dataclasses import dataclass, field
from importlib import resources

CATALOGUE = resources.files("i4region") / "data" / "catalogue"
DATA = resources.files("i4region") / "data"


@dataclass(frozen=True)
class SourceMap:
    """Rows of a file whose dimensions equal `filter` become observations of `indicator`."""

    indicator: str
    filter: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class Source:
    file: str
    dataset: str
    vintage: str
    maps: tuple[SourceMap, ...]

    @property
    def path(self):
        return DATA / self.file


def indicator_definitions() -> list[dict]:
    with (CATALOGUE / "indicators.toml").open("rb") as fh:
        return tomllib.load(fh)["indicator"]


def bundled_sources() -> list[Source]:
    with (CATALOGUE / "sources.toml").open("rb") as fh:
        raw = tomllib.load(fh)["source"]
    return [
        Source(
            file=s["file"],
            dataset=s["dataset"],
            vintage=s["vintage"],
            maps=tuple(SourceMap(m["indicator"], dict(m.get("filter", {}))) for m in s["maps"]),
        )
        for s in raw
    ]


def maps_for_dataset(dataset: str | None) -> tuple[SourceMap, ...]:
    """The catalogue's maps for a dataset code, so a newer release of a known file imports as is."""
    for source in bundled_sources():
        if source.dataset == dataset:
            return source.maps
    return ()
