"""Choropleth map from GeoJSON: quantile classes, a colour-blind-safe palette, hatched no-data.

Projection is equirectangular with the x axis scaled by cos(latitude) at the middle of the
features' bounding box: at regional scale that keeps shapes recognisable without a projection
library. Coordinates can be simplified (Douglas-Peucker, tolerance in output pixels) so a map of
many detailed regions stays small enough to inline in a page.
"""

from __future__ import annotations

import bisect
import html
import math
import re

from .common import locale_of, require, size_of, value_or_none
from .format import auto_decimals, format_number, text
from .svg import MUTED, chart_id, esc, footer, footer_height, frame_open, heading, num, text_width

EUROGEOGRAPHICS = text("eurogeographics", "en")  # the default attribution line, per locale
NO_DATA_FILL = "#d9d9d9"

# ColorBrewer YlGnBu (Cynthia Brewer, colorbrewer2.org): sequential and colour-blind safe.
YLGNBU = {
    3: ("#edf8b1", "#7fcdbb", "#2c7fb8"),
    4: ("#ffffcc", "#a1dab4", "#41b6c4", "#225ea8"),
    5: ("#ffffcc", "#a1dab4", "#41b6c4", "#2c7fb8", "#253494"),
    6: ("#ffffcc", "#c7e9b4", "#7fcdbb", "#41b6c4", "#2c7fb8", "#253494"),
    7: ("#ffffcc", "#c7e9b4", "#7fcdbb", "#41b6c4", "#1d91c0", "#225ea8", "#0c2c84"),
}


def palette(k: int) -> tuple[str, ...]:
    """Sequential colours for ``k`` classes (1 to 7)."""
    if not 1 <= k <= 7:
        raise ValueError(f"a map can show 1 to 7 classes, got {k}")
    if k >= 3:
        return YLGNBU[k]
    return (YLGNBU[3][1],) if k == 1 else (YLGNBU[3][0], YLGNBU[3][2])


def quantile_breaks(values: list[float], k: int) -> list[float]:
    """Upper bounds of the first k-1 quantile classes (linear interpolation, duplicates merged).

    A value v falls in class ``bisect_left(breaks, v)``, i.e. classes are (b[i-1], b[i]].
    """
    xs = sorted(values)
    if not xs:
        return []
    breaks = []
    for i in range(1, k):
        pos = i / k * (len(xs) - 1)
        lo = math.floor(pos)
        hi = min(lo + 1, len(xs) - 1)
        b = xs[lo] + (xs[hi] - xs[lo]) * (pos - lo)
        if b < xs[-1] and (not breaks or b > breaks[-1]):
            breaks.append(b)
    return breaks


def _rings(geometry: dict) -> list[list[list[float]]]:
    kind = geometry.get("type") if geometry else None
    if kind == "Polygon":
        return list(geometry["coordinates"])
    if kind == "MultiPolygon":
        return [ring for polygon in geometry["coordinates"] for ring in polygon]
    raise ValueError(f"map features must be Polygon or MultiPolygon, got {kind!r}")


def _point_segment_distance(p, a, b) -> float:
    (px, py), (ax, ay), (bx, by) = p, a, b
    dx, dy = bx - ax, by - ay
    if dx == 0 and dy == 0:
        return math.hypot(px - ax, py - ay)
    t = max(0.0, min(1.0, ((px - ax) * dx + (py - ay) * dy) / (dx * dx + dy * dy)))
    return math.hypot(px - ax - t * dx, py - ay - t * dy)


def simplify(points: list[tuple[float, float]], tolerance: float) -> list[tuple[float, float]]:
    """Douglas-Peucker simplification of a ring; rings that would collapse are kept whole."""
    n = len(points)
    if tolerance <= 0 or n <= 4:
        return points
    keep = [False] * n
    keep[0] = keep[-1] = True
    stack = [(0, n - 1)]
    while stack:
        a, b = stack.pop()
        best, best_i = -1.0, -1
        for i in range(a + 1, b):
            d = _point_segment_distance(points[i], points[a], points[b])
            if d > best:
                best, best_i = d, i
        if best_i >= 0 and best > tolerance:
            keep[best_i] = True
            stack += [(a, best_i), (best_i, b)]
    out = [p for p, k in zip(points, keep, strict=True) if k]
    return out if len(out) >= 4 else points


def _scaled(v: int, precision: int) -> str:
    if precision == 0:
        return str(v)
    s = f"{v / 10**precision:.{precision}f}".rstrip("0").rstrip(".")
    return s.replace("0.", ".", 1) if s.startswith(("0.", "-0.")) else s


def _path(rings: list[list[tuple[float, float]]], precision: int = 1) -> str:
    """Rings as a path with relative moves between points rounded to ``precision`` decimals
    (differences of rounded positions, so no error accumulates along a ring)."""
    k = 10**precision
    parts = []
    for ring in rings:
        coords: list[tuple[int, int]] = []
        for x, y in ring:
            c = (round(x * k), round(y * k))
            if not coords or coords[-1] != c:
                coords.append(c)
        if len(coords) > 1 and coords[0] == coords[-1]:
            coords.pop()
        if len(coords) < 3:
            continue
        out = f"M{_scaled(coords[0][0], precision)} {_scaled(coords[0][1], precision)}l"
        first = True
        for (ax, ay), (bx, by) in zip(coords, coords[1:], strict=False):
            for n in (_scaled(bx - ax, precision), _scaled(by - ay, precision)):
                out += n if first or n.startswith("-") else " " + n
                first = False
        parts.append(out + "z")
    return "".join(parts)


def _visible(rings: list[list[tuple[float, float]]], tolerance: float) -> list:
    """Rings at least ``tolerance`` pixels across; the largest ring is always kept."""
    if tolerance <= 0 or len(rings) < 2:
        return rings

    def extent(ring):
        xs, ys = [p[0] for p in ring], [p[1] for p in ring]
        return max(max(xs) - min(xs), max(ys) - min(ys))

    largest = max(rings, key=extent)
    return [r for r in rings if r is largest or extent(r) >= tolerance]


#: Above this many regions the map's description summarises instead of listing every region;
#: each shape still names its region and value in its own title.
DESCRIBE_EACH = 60
HIGHLIGHT_STROKE = ' stroke="#000000" stroke-width="2.5"'
_CODE = re.compile(r'(?<=<path) data-code="([^"]*)"')


def without_codes(svg: str) -> tuple[str, dict[str, tuple[int, int]]]:
    """A rendered map without its shapes' data-code attributes (a sixth of a map of 1,500
    regions), and where each region's shape is in it, for `highlight`."""
    out: list[str] = []
    spans: dict[str, tuple[int, int]] = {}
    last = size = 0
    for m in _CODE.finditer(svg):
        out.append(svg[last : m.start()])
        size += m.start() - last
        # the element from "<path" to "</path>", less the attribute taken out
        length = svg.index("</path>", m.end()) + len("</path>") - m.start() + len("<path")
        spans[html.unescape(m.group(1))] = (
            size - len("<path"),
            size - len("<path") + length - (m.end() - m.start()),
        )
        last = m.end()
    out.append(svg[last:])
    return "".join(out), spans


def highlight(svg: str, code: str, spans: dict[str, tuple[int, int]] | None = None) -> str:
    """A rendered map with the region ``code`` outlined and drawn on top, so one map rendered
    without a highlight serves every region's page; `spans` from `without_codes` locate the
    shapes of a map without codes. Unchanged when the map lacks the region."""
    legend = svg.find('</g><g class="legend">')
    if spans is not None:
        start, end = spans.get(code, (-1, -1))
    else:
        start = svg.find(f'<path data-code="{esc(code)}" ')
        end = svg.find("</path>", start) + len("</path>")
    if start < 0 or legend < 0 or ' highlight" fill="' in svg[:legend]:
        return svg
    group = svg.rfind('<g class="region ', 0, start)
    tag = svg[group : svg.index(">", group)]
    cls = tag.split('class="', 1)[1].split('"', 1)[0]
    fill = tag.split('fill="', 1)[1].split('"', 1)[0]
    path = svg[start:end]
    return (
        svg[:start]
        + svg[end:legend]
        + f'<g class="{cls} highlight" fill="{fill}"{HIGHLIGHT_STROKE}>{path}</g>'
        + svg[legend:]
    )


def render_map(spec: dict) -> str:
    """SVG choropleth from a spec; see ``i4region.charts`` for the spec keys."""
    locale = locale_of(spec)
    collection = require(spec, "geojson", "map")
    features = collection.get("features") if isinstance(collection, dict) else None
    if not features:
        raise ValueError("map spec needs a GeoJSON FeatureCollection with features")
    values = spec.get("values") or {}
    code_key = spec.get("code_property", "code")
    name_key = spec.get("name_property", "name")
    highlight_code = spec.get("highlight")
    decimals = spec.get("decimals")
    suffix = str(spec.get("suffix", ""))

    regions = []
    for f in features:
        props = f.get("properties") or {}
        if code_key not in props:
            raise ValueError(f"map feature without a {code_key!r} property: {props!r}")
        code = str(props[code_key])
        regions.append(
            {
                "code": code,
                "name": str(props.get(name_key) or code),
                "value": value_or_none(values.get(code)),
                "rings": _rings(f.get("geometry")),
            }
        )
    present = [r["value"] for r in regions if r["value"] is not None]
    k = min(int(spec.get("classes", 5)), len(set(present))) or 1
    breaks = quantile_breaks(present, k)
    colours = palette(len(breaks) + 1)
    if decimals is None and present:
        decimals = max(auto_decimals(v) for v in present + breaks)

    def fmt(v: float) -> str:
        return format_number(v, locale, decimals) + suffix

    legend_rows = []
    if present:
        bounds = [min(present), *breaks, max(present)]
        for i in range(len(breaks) + 1):
            legend_rows.append((colours[i], f"{fmt(bounds[i])} – {fmt(bounds[i + 1])}"))
    any_missing = any(r["value"] is None for r in regions)
    cid = chart_id(spec)
    if any_missing:
        legend_rows.append((f"url(#{cid}-nodata)", text("no_data", locale)))

    lons = [p[0] for r in regions for ring in r["rings"] for p in ring]
    lats = [p[1] for r in regions for ring in r["rings"] for p in ring]
    if not lons:
        raise ValueError("map features have no coordinates")
    k_cos = math.cos(math.radians((min(lats) + max(lats)) / 2))
    bw = (max(lons) - min(lons)) * k_cos or 1e-9
    bh = (max(lats) - min(lats)) or 1e-9

    pad = 12.0
    lines = [spec.get("source", ""), spec.get("attribution", text("eurogeographics", locale))]
    title_h = 26.0 if spec.get("title") and spec.get("show_title") is not False else 0.0
    legend_title = str(spec.get("legend_title", ""))
    legend_w = max(
        [text_width(t, 11) + 26 for _, t in legend_rows] + [text_width(legend_title, 11)]
    )
    legend_h = (18 if legend_title else 0) + 18 * len(legend_rows)
    width = float(spec.get("width", 640))
    map_w = width - legend_w - 3 * pad
    if map_w < 60:
        raise ValueError("chart is too small for its content")
    top = pad + title_h + 4
    bottom_room = footer_height(lines) + pad + 6
    if "height" in spec:
        width, height = size_of(spec, width, 0)
        map_h = height - top - bottom_room
    else:
        map_h = min(max(map_w * bh / bw, 150.0), 900.0)
        height = top + max(map_h, legend_h) + bottom_room
    if map_h < 60:
        raise ValueError("chart is too small for its content")
    scale = min(map_w / bw, map_h / bh)
    ox = pad + (map_w - bw * scale) / 2
    oy = top + (map_h - bh * scale) / 2
    lon0, lat1 = min(lons), max(lats)
    tolerance = float(spec.get("simplify", 0) or 0)

    def project(ring: list[list[float]]) -> list[tuple[float, float]]:
        return [(ox + (p[0] - lon0) * k_cos * scale, oy + (lat1 - p[1]) * scale) for p in ring]

    ranked = sorted(regions, key=lambda r: (r["value"] is None, -(r["value"] or 0), r["name"]))

    def said(r: dict) -> str:
        shown = fmt(r["value"]) if r["value"] is not None else text("no_data", locale)
        return f"{r['name']} {shown}"

    if spec.get("description"):
        description = spec["description"]
    elif len(ranked) > DESCRIBE_EACH:
        valued = [r for r in ranked if r["value"] is not None]
        description = (legend_title + ": " if legend_title else "") + text(
            "map_summary", locale
        ).format(
            count=len(ranked),
            top="; ".join(map(said, valued[:3])),
            bottom="; ".join(map(said, valued[-3:])),
        )
    else:
        description = (legend_title + ": " if legend_title else "") + "; ".join(map(said, ranked))
    out = frame_open(spec, "map", width, height, description, locale)
    out.append(
        f'<defs><pattern id="{esc(cid)}-nodata" width="6" height="6"'
        f' patternUnits="userSpaceOnUse" patternTransform="rotate(45)">'
        f'<rect width="6" height="6" fill="{NO_DATA_FILL}"/>'
        f'<line x1="0" y1="0" x2="0" y2="6" stroke="#9a9a9a" stroke-width="2"/></pattern></defs>'
    )
    out.append(heading(spec, pad, pad + 14))
    precision = int(spec.get("precision", 1))
    # one group per class carries the fill, so each shape is its code, outline and title
    groups: dict[tuple[str, str], list[str]] = {}
    for r in regions:
        if r["value"] is None:
            cls, fill, shown = "region nodata", f"url(#{cid}-nodata)", text("no_data", locale)
        else:
            q = bisect.bisect_left(breaks, r["value"])
            cls, fill, shown = f"region q{q + 1}", colours[q], fmt(r["value"])
        rings = _visible([project(ring) for ring in r["rings"]], tolerance)
        d = _path([simplify(ring, tolerance) for ring in rings], precision)
        if r["code"] == highlight_code:
            cls += " highlight"
        groups.setdefault((cls, fill), []).append(
            f'<path data-code="{esc(r["code"])}" d="{d}"><title>{esc(r["name"])}: {esc(shown)}'
            "</title></path>"
        )
    out.append('<g class="regions" stroke="#ffffff" stroke-width="0.8" stroke-linejoin="round">')
    for (cls, fill), paths in sorted(groups.items(), key=lambda g: "highlight" in g[0][0]):
        stroke = HIGHLIGHT_STROKE if "highlight" in cls else ""
        out.append(f'<g class="{cls}" fill="{fill}"{stroke}>{"".join(paths)}</g>')
    out.append("</g>")

    lx = width - pad - legend_w
    ly = top + 10
    out.append('<g class="legend">')
    if legend_title:
        out.append(
            f'<text class="legend-title" x="{num(lx)}" y="{num(ly)}" font-size="11"'
            f' font-weight="bold">{esc(legend_title)}</text>'
        )
        ly += 18
    for fill, label in legend_rows:
        out.append(
            f'<rect x="{num(lx)}" y="{num(ly - 10)}" width="18" height="12" fill="{fill}"'
            f' stroke="{MUTED}" stroke-width="0.5"/><text x="{num(lx + 24)}" y="{num(ly)}"'
            f' font-size="11">{esc(label)}</text>'
        )
        ly += 18
    out.append("</g>")
    out.append(footer(lines, pad, height - pad - footer_height(lines) + 10))
    out.append("</svg>")
    return "".join(out)
