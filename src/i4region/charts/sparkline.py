"""Sparkline: a word-sized trend line for tables and cards, with the latest value marked."""

from __future__ import annotations

from .common import locale_of, require, size_of, value_or_none
from .format import format_number, text
from .svg import HIGHLIGHT, esc, frame_open, num


def render_sparkline(spec: dict) -> str:
    """SVG sparkline from ``values`` (numbers or None) or ``points`` ((period, value) pairs)."""
    locale = locale_of(spec)
    width, height = size_of(spec, 120, 28)
    decimals = spec.get("decimals")
    if "points" in spec:
        pairs = [(str(p), value_or_none(v)) for p, v in spec["points"]]
    else:
        raw = require(spec, "values", "sparkline")
        pairs = [("", value_or_none(v)) for v in raw]
    present = [(i, p, v) for i, (p, v) in enumerate(pairs) if v is not None]
    if not present:
        raise ValueError("sparkline has no values to draw")
    lo = min(v for _, _, v in present)
    hi = max(v for _, _, v in present)
    span = (hi - lo) or 1.0
    inset = 3.0
    n = len(pairs)

    def sx(i: int) -> float:
        return width / 2 if n == 1 else inset + i * (width - 2 * inset) / (n - 1)

    def sy(v: float) -> float:
        return height / 2 if hi == lo else height - inset - (v - lo) / span * (height - 2 * inset)

    (_, p0, v0), (last_i, p1, v1) = present[0], present[-1]
    description = spec.get("description") or " ".join(
        s
        for s in (
            p0,
            format_number(v0, locale, decimals),
            "→",
            p1,
            format_number(v1, locale, decimals),
        )
        if s
    )
    if len(present) < n:
        description += f" ({text('no_data', locale).lower()}: {n - len(present)})"
    if not spec.get("title"):
        spec = {**spec, "title": description}
    out = frame_open(spec, "sparkline", width, height, description, locale)
    segments, current = [], []
    for i, (_, v) in enumerate(pairs):
        if v is None:
            if current:
                segments.append(current)
            current = []
        else:
            current.append(f"{num(sx(i))} {num(sy(v))}")
    if current:
        segments.append(current)
    d = " ".join("M" + " L".join(seg) for seg in segments if len(seg) > 1)
    if d:
        out.append(
            f'<path d="{d}" fill="none" stroke="{spec.get("colour", "#555555")}"'
            ' stroke-width="1.5" stroke-linejoin="round" stroke-linecap="round"/>'
        )
    out.append(
        f'<circle class="last" cx="{num(sx(last_i))}" cy="{num(sy(v1))}" r="2.5"'
        f' fill="{HIGHLIGHT}"><title>{esc(description)}</title></circle>'
    )
    out.append("</svg>")
    return "".join(out)
