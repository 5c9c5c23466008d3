"""Server-side SVG charts from declarative specs: one plain-dict spec serves the page and the PDF.

Output is a standalone ``<svg>`` string: no JavaScript, no remote fonts or CDN, deterministic
for a given spec, every text escaped, ``role="img"`` with ``<title>``/``<desc>`` wired through
``aria-labelledby``. Numbers follow ``spec["locale"]`` ("en": 207,017 and 12.5; "lt": 207 017
with a no-break space and 12,5).

Keys every spec may carry: ``type``, ``title``, ``description`` (becomes <desc>; a summary is
generated when absent), ``locale``, ``width``, ``height``, ``id`` (DOM id; derived from the title
when absent), ``source`` (e.g. "Source: Eurostat (demo_r_pjanaggr3)"), ``note``, ``decimals``,
``show_title`` (False when the page already shows the heading).

* ``"line"``: ``series`` = [{"key", "label", "points": [(period, value|None), ...]}],
  ``highlight`` (a series key or label), ``periods`` (explicit order; otherwise sorted),
  ``y_title``, ``y_zero`` (start the axis at 0), ``target`` = {"value", "label"}; a series may
  carry ``dash`` (an SVG dash pattern), so two releases of one region stay distinguishable.
* ``"bar"``: ``items`` = [{"key", "label", "value"}], ``highlight``, ``sort``
  ("desc" | "asc" | "none"), ``suffix`` (e.g. " %"), ``bar_height``.
* ``"map"``: ``geojson`` (FeatureCollection whose properties hold ``code`` and ``name``),
  ``values`` {code: value}, ``highlight`` (a code), ``legend_title``, ``classes`` (quantiles,
  1-7), ``simplify`` (tolerance in pixels), ``attribution`` (defaults to EuroGeographics),
  ``code_property``, ``name_property``, ``suffix``.
* ``"sparkline"``: ``values`` [number|None] or ``points`` [(period, value)], ``colour``.
"""

from __future__ import annotations

from collections.abc import Callable

from .bar import render_bar
from .choropleth import EUROGEOGRAPHICS, palette, quantile_breaks, render_map, simplify
from .format import format_number, nice_ticks
from .line import render_line
from .sparkline import render_sparkline

RENDERERS: dict[str, Callable[[dict], str]] = {
    "line": render_line,
    "bar": render_bar,
    "map": render_map,
    "sparkline": render_sparkline,
}


def render(spec: dict) -> str:
    """Render a chart spec to an ``<svg>`` string; ValueError names what is wrong with the spec."""
    if not isinstance(spec, dict):
        raise ValueError("chart spec must be a dict")
    kind = spec.get("type")
    if kind not in RENDERERS:
        raise ValueError(f"chart type must be one of {sorted(RENDERERS)}, got {kind!r}")
    return RENDERERS[kind](spec)


__all__ = [
    "EUROGEOGRAPHICS",
    "RENDERERS",
    "format_number",
    "nice_ticks",
    "palette",
    "quantile_breaks",
    "render",
    "render_bar",
    "render_line",
    "render_map",
    "render_sparkline",
    "simplify",
]
