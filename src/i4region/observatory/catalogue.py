"""The bundled indicator catalogue and the map from bundled files to indicators (data/catalogue)."""

import tomllib
from dataclasses import dataclass, field
from functools import lru_cache
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
    #: the NUTS version of the file's codes ("NUTS 2010"), recoded to NUTS 2021 before importing
    recode_nuts: str = ""
    #: the file is in current codes except for regions discontinued before: recode only those
    recode_discontinued_only: bool = False

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
            recode_nuts=s.get("recode_nuts", ""),
            recode_discontinued_only=bool(s.get("recode_discontinued_only", False)),
        )
        for s in raw
    ]


def maps_for_dataset(dataset: str | None) -> tuple[SourceMap, ...]:
    """The catalogue's maps for a dataset code, so a newer release of a known file imports as is."""
    for source in bundled_sources():
        if source.dataset == dataset:
            return source.maps
    return ()


@lru_cache(maxsize=1)
def _sources_file() -> dict:
    with (CATALOGUE / "sources.toml").open("rb") as fh:
        return tomllib.load(fh)


def publisher_of(dataset: str, lang: str) -> str:
    """The publisher of a dataset the catalogue names outside an indicator (sources.toml)."""
    names = _sources_file().get("publishers", {}).get(dataset, {})
    return names.get(lang) or names.get("en", "")


def publisher_name(publisher: str, lang: str) -> str:
    """A publisher's name in the language (Eurostat → Eurostatas), else as written."""
    names = _sources_file().get("publisher_names", {}).get(publisher, {})
    return names.get(lang) or publisher


#: The correspondence the recodings follow, named with every recoded value.
NUTS_CORRESPONDENCE = "JRC NUTS converter matrices, release 2025.08"

#: JRC NUTS converter matrices per level, each version step in order (2013→2016→2021).
NUTS_MATRICES = [
    [DATA / "nuts" / "n2_cm_v2013_v2016.csv", DATA / "nuts" / "n2_cm_v2016_v2021.csv"],
    [DATA / "nuts" / "n3_cm_v2013_v2016.csv", DATA / "nuts" / "n3_cm_v2016_v2021.csv"],
]


def note_definitions() -> list[dict]:
    """The secretariat's bundled notes on values (data/catalogue/notes.toml)."""
    with (CATALOGUE / "notes.toml").open("rb") as fh:
        return tomllib.load(fh).get("note", [])
