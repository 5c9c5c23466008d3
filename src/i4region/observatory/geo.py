"""Boundaries for choropleth maps, read once per process from data/geo and simplified.

Features carry ``code`` (NUTS id or our municipality code) and ``name``. Europe leaves out the
outermost regions (Canaries, Azores, Madeira, French overseas departments), which would shrink
the continent to a corner of the map; the map note says so.
"""

import csv
import gzip
import json
from functools import lru_cache
from importlib import resources

from i4region.charts import simplify

GEO = resources.files("i4region") / "data" / "geo"
REGIONS = resources.files("i4region") / "data" / "regions"
#: Douglas-Peucker tolerances in degrees: Europe is drawn small, one country larger.
EUROPE_TOLERANCE = 0.06
COUNTRY_TOLERANCE = 0.005
#: Longitude and latitude box of the European mainland and islands kept on the map.
EUROPE_BOX = (-25.0, 34.0, 45.0, 72.0)
ATTRIBUTION_OSM = "© OpenStreetMap contributors (ODbL)"


def _radial(ring: list, tolerance: float) -> list[tuple[float, float]]:
    """Drop points closer than the tolerance to the last kept one: a cheap pass before
    Douglas-Peucker, which is slow in pure Python on the full 1:3 million outlines."""
    kept = [tuple(ring[0])]
    for p in ring[1:-1]:
        last = kept[-1]
        if abs(p[0] - last[0]) > tolerance or abs(p[1] - last[1]) > tolerance:
            kept.append(tuple(p))
    kept.append(tuple(ring[-1]))
    return kept if len(kept) >= 4 else [tuple(p) for p in ring]


def _thin(ring: list, tolerance: float) -> list[tuple[float, float]]:
    """Radial thinning, then Douglas-Peucker only where few points are left (a country)."""
    points = _radial(ring, tolerance)
    return simplify(points, tolerance) if len(points) <= 400 else points


def _simplified(geometry: dict, tolerance: float) -> dict:
    if geometry["type"] == "Polygon":
        polygons = [geometry["coordinates"]]
    else:
        polygons = geometry["coordinates"]
    out = [[[list(p) for p in _thin(ring, tolerance)] for ring in polygon] for polygon in polygons]
    return {"type": "MultiPolygon", "coordinates": out}


def _inside_europe(geometry: dict) -> bool:
    west, south, east, north = EUROPE_BOX
    polygons = (
        [geometry["coordinates"]] if geometry["type"] == "Polygon" else geometry["coordinates"]
    )
    points = [p for polygon in polygons for p in polygon[0]]
    lon = sum(p[0] for p in points) / len(points)
    lat = sum(p[1] for p in points) / len(points)
    return west <= lon <= east and south <= lat <= north


@lru_cache(maxsize=3)
def _raw(level: int) -> list[dict]:
    if level not in (0, 2, 3):
        raise ValueError(f"boundaries exist for NUTS levels 0, 2 and 3, not {level}")
    with (GEO / f"NUTS_RG_03M_2021_4326_LEVL_{level}.geojson.gz").open("rb") as fh:
        raw = json.loads(gzip.decompress(fh.read()))
    return [f for f in raw["features"] if f.get("geometry") and _inside_europe(f["geometry"])]


def _collection(features: list[dict], tolerance: float) -> dict:
    return {
        "type": "FeatureCollection",
        "features": [
            {
                "type": "Feature",
                "geometry": _simplified(f["geometry"], tolerance),
                "properties": {
                    "code": f["properties"]["NUTS_ID"],
                    "name": f["properties"]["NAME_LATN"],
                    "country": f["properties"]["CNTR_CODE"],
                },
            }
            for f in features
        ],
    }


@lru_cache(maxsize=3)
def nuts(level: int) -> dict:
    """NUTS 2021 regions of one level (0, 2 or 3) for Europe, without the outermost regions."""
    return _collection(_raw(level), EUROPE_TOLERANCE)


@lru_cache(maxsize=32)
def nuts_of_country(level: int, country: str) -> dict:
    """One country's NUTS regions of one level, drawn in more detail."""
    return _collection(
        [f for f in _raw(level) if f["properties"]["CNTR_CODE"] == country], COUNTRY_TOLERANCE
    )


@lru_cache(maxsize=1)
def municipalities() -> dict:
    """Lithuania's 60 municipalities (OpenStreetMap, 2014) keyed by our codes (LT-LAU-…)."""
    with (REGIONS / "lt_municipalities.csv").open(encoding="utf-8") as fh:
        by_osm = {int(r["osm_id"]): (r["code"], r["name_lt"]) for r in csv.DictReader(fh)}
    with (GEO / "LT_municipalities_osm_2014.geojson").open(encoding="utf-8") as fh:
        raw = json.load(fh)
    features = []
    for f in raw["features"]:
        code, name = by_osm.get(int(f["properties"]["osmId"]), (None, None))
        if code:
            features.append(
                {
                    "type": "Feature",
                    "geometry": _simplified(f["geometry"], COUNTRY_TOLERANCE),
                    "properties": {"code": code, "name": name, "country": "LT"},
                }
            )
    return {"type": "FeatureCollection", "features": features}
