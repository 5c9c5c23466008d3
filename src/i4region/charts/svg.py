"""Small SVG building blocks: escaping, coordinates, the accessible frame every chart shares."""

from __future__ import annotations

import hashlib
import html
import json
import re

FONT = "system-ui, -apple-system, 'Segoe UI', Roboto, Arial, sans-serif"
INK = "#222222"
MUTED = "#666666"
GRID = "#dddddd"
HIGHLIGHT = "#0072b2"  # Okabe-Ito blue: stands out for every common colour-vision deficiency
CONTEXT = "#8c8c8c"
# Okabe-Ito qualitative palette (colour-blind safe), used when no series is highlighted.
CATEGORICAL = ("#0072b2", "#e69f00", "#009e73", "#cc79a7", "#56b4e9", "#d55e00", "#f0e442")
CHAR_WIDTH = 0.58  # average glyph width as a share of the font size, for layout estimates


def esc(value: object) -> str:
    """Escape text for element content and attribute values alike."""
    return html.escape(str(value), quote=True)


def num(x: float) -> str:
    """A coordinate with at most one decimal, so output is small and byte-for-byte repeatable."""
    s = f"{x:.1f}".rstrip("0").rstrip(".")
    return "0" if s in ("-0", "") else s


def text_width(s: str, size: float) -> float:
    """Rough rendered width of ``s``, enough to reserve margins without a font engine."""
    return len(s) * size * CHAR_WIDTH


def chart_id(spec: dict) -> str:
    """The spec's own id, or one derived from the whole spec so output stays deterministic and
    two different charts on one page (same title, other series) never share an id."""
    given = spec.get("id")
    if given:
        return re.sub(r"[^A-Za-z0-9_-]", "-", str(given))
    seed = json.dumps(spec, default=str, sort_keys=True)
    return "chart-" + hashlib.sha1(seed.encode()).hexdigest()[:10]


def frame_open(
    spec: dict, kind: str, width: float, height: float, description: str, locale: str
) -> list[str]:
    """Root element with role="img", <title> and <desc> wired through aria-labelledby."""
    cid = chart_id(spec)
    title = spec.get("title", "")
    return [
        f'<svg xmlns="http://www.w3.org/2000/svg" id="{esc(cid)}" class="i4-chart i4-chart-{kind}"'
        f' width="{num(width)}" height="{num(height)}" viewBox="0 0 {num(width)} {num(height)}"'
        f' role="img" aria-labelledby="{esc(cid)}-title {esc(cid)}-desc" lang="{esc(locale)}"'
        f' font-family="{esc(FONT)}" font-size="12" fill="{INK}">',
        f'<title id="{esc(cid)}-title">{esc(title)}</title>',
        f'<desc id="{esc(cid)}-desc">{esc(description)}</desc>',
    ]


def heading(spec: dict, x: float, y: float) -> str:
    """The visible title, so a PDF or a printout carries it without the surrounding page."""
    title = spec.get("title")
    if not title or spec.get("show_title") is False:
        return ""
    return (
        f'<text class="chart-title" x="{num(x)}" y="{num(y)}" font-size="15"'
        f' font-weight="bold">{esc(title)}</text>'
    )


def footer(lines: list[str], x: float, y: float) -> str:
    """Source and attribution lines, bottom-left, one under the other."""
    out = []
    for i, line in enumerate(s for s in lines if s):
        out.append(
            f'<text class="chart-source" x="{num(x)}" y="{num(y + i * 14)}" font-size="10.5"'
            f' fill="{MUTED}">{esc(line)}</text>'
        )
    return "".join(out)


def footer_height(lines: list[str]) -> float:
    """Vertical room the footer needs."""
    return 14.0 * len([s for s in lines if s])
