"""Line chart: several series over period labels, one highlighted, gaps where data is missing."""

from __future__ import annotations

import math

from .common import entries, locale_of, size_of, value_or_none
from .format import format_number, nice_ticks, text
from .svg import (
    CATEGORICAL,
    CONTEXT,
    GRID,
    HIGHLIGHT,
    MUTED,
    esc,
    footer,
    footer_height,
    frame_open,
    heading,
    num,
    text_width,
)

_DASHES = ("6 3", "2 3", "8 3 2 3", "1 2")


def _read_series(spec: dict) -> list[dict]:
    return [
        {
            **s,
            "values": {str(period): value_or_none(value) for period, value in s.get("points", [])},
            "dash": str(s.get("dash", "")),
        }
        for s in entries(spec, "series", "line", "Series")
    ]


def _periods(series: list[dict], spec: dict) -> list[str]:
    if spec.get("periods"):
        return [str(p) for p in spec["periods"]]
    seen: dict[str, None] = {}
    for s in series:
        for p in s["values"]:
            seen.setdefault(p, None)
    return sorted(seen) if spec.get("sort_periods", True) else list(seen)


def _legend_slots(series: list[dict], width: float, pad: float) -> list[tuple[float, int]]:
    """Left x and row of each legend item, wrapping to new rows at the chart's width."""
    slots = []
    x, row = pad, 0
    for s in series:
        item_w = 28 + text_width(s["label"], 11) + 14
        if x + item_w > width - pad and x > pad:
            x, row = pad, row + 1
        slots.append((x, row))
        x += item_w
    return slots


def _describe(series: list[dict], periods: list[str], locale: str, decimals: int | None) -> str:
    parts = []
    for s in series:
        present = [(p, s["values"][p]) for p in periods if s["values"].get(p) is not None]
        if not present:
            parts.append(f"{s['label']}: {text('no_data', locale)}")
            continue
        (p0, v0), (p1, v1) = present[0], present[-1]
        parts.append(
            f"{s['label']}: {p0} {format_number(v0, locale, decimals)}"
            f" – {p1} {format_number(v1, locale, decimals)}"
        )
    return "; ".join(parts)


def render_line(spec: dict) -> str:
    """SVG line chart from a spec; see ``i4region.charts`` for the spec keys."""
    locale = locale_of(spec)
    width, height = size_of(spec, 640, 360)
    decimals = spec.get("decimals")
    series = _read_series(spec)
    periods = _periods(series, spec)
    values = [v for s in series for v in s["values"].values() if v is not None]
    target = spec.get("target")
    target_value = value_or_none(target.get("value")) if target else None
    if target_value is not None:
        values.append(target_value)
    if not values:
        raise ValueError("line chart has no values to draw")
    lo, hi = min(values), max(values)
    if spec.get("y_zero"):
        lo, hi = min(lo, 0.0), max(hi, 0.0)
    ticks, tick_decimals = nice_ticks(lo, hi)
    tick_labels = [format_number(t, locale, tick_decimals) for t in ticks]
    any_highlight = any(s["highlight"] for s in series)

    pad = 12.0
    top = pad
    parts_top = []
    if spec.get("title") and spec.get("show_title") is not False:
        parts_top.append(heading(spec, pad, top + 14))
        top += 26
    legend_slots = _legend_slots(series, width, pad) if len(series) > 1 else []
    legend_y = top + 8
    if legend_slots:
        top += 16 * (max(row for _, row in legend_slots) + 1) + 6
    if spec.get("y_title"):
        parts_top.append(
            f'<text class="y-title" x="{num(pad)}" y="{num(top + 10)}" fill="{MUTED}">'
            f"{esc(spec['y_title'])}</text>"
        )
        top += 18
    top += 6
    lines = [spec.get("source", ""), spec.get("note", "")]
    y1 = height - pad - footer_height(lines) - 22
    x0 = pad + max(text_width(t, 11) for t in tick_labels) + 8
    x1 = width - pad - 6
    if y1 - top < 40 or x1 - x0 < 40:
        raise ValueError("chart is too small for its content")

    t_lo, t_hi = ticks[0], ticks[-1]

    def sy(v: float) -> float:
        return y1 - (v - t_lo) / (t_hi - t_lo) * (y1 - top)

    n = len(periods)

    def sx(i: int) -> float:
        return (x0 + x1) / 2 if n == 1 else x0 + i * (x1 - x0) / (n - 1)

    out = frame_open(
        spec,
        "line",
        width,
        height,
        spec.get("description") or _describe(series, periods, locale, decimals),
        locale,
    )
    out += parts_top

    out.append('<g class="y-axis">')
    for t, label in zip(ticks, tick_labels, strict=True):
        y = sy(t)
        out.append(
            f'<line x1="{num(x0)}" x2="{num(x1)}" y1="{num(y)}" y2="{num(y)}" stroke="{GRID}"'
            f' stroke-width="1"/><text class="tick" x="{num(x0 - 6)}" y="{num(y + 4)}"'
            f' text-anchor="end" font-size="11" fill="{MUTED}">{esc(label)}</text>'
        )
    out.append("</g>")

    widest = max(text_width(p, 11) for p in periods) + 10
    step = max(1, math.ceil(n / max(1.0, (x1 - x0) / widest)))
    out.append('<g class="x-axis">')
    out.append(
        f'<line x1="{num(x0)}" x2="{num(x1)}" y1="{num(y1)}" y2="{num(y1)}" stroke="{MUTED}"/>'
    )
    for i, p in enumerate(periods):
        if (n - 1 - i) % step == 0:
            out.append(
                f'<text class="tick" x="{num(sx(i))}" y="{num(y1 + 16)}" text-anchor="middle"'
                f' font-size="11" fill="{MUTED}">{esc(p)}</text>'
            )
    out.append("</g>")

    if target_value is not None:
        y = sy(target_value)
        label = target.get("label") or text("target", locale)
        out.append(
            f'<g class="target"><line x1="{num(x0)}" x2="{num(x1)}" y1="{num(y)}" y2="{num(y)}"'
            f' stroke="#d55e00" stroke-width="1.5" stroke-dasharray="4 3"/>'
            f'<text x="{num(x1)}" y="{num(y - 4)}" text-anchor="end" font-size="11"'
            f' fill="#a94400">{esc(label)}: {esc(format_number(target_value, locale, decimals))}'
            "</text></g>"
        )

    styles = []
    context_i = 0
    for i, s in enumerate(series):
        if s["highlight"]:
            styles.append((HIGHLIGHT, 3.0, s["dash"]))
        elif any_highlight:
            styles.append((CONTEXT, 1.5, _DASHES[context_i % len(_DASHES)]))
            context_i += 1
        else:
            styles.append((CATEGORICAL[i % len(CATEGORICAL)], 2.0, ""))

    order = sorted(range(len(series)), key=lambda i: series[i]["highlight"])
    for i in order:
        s = series[i]
        colour, stroke_w, dash = styles[i]
        segments: list[list[tuple[float, float, str, float]]] = [[]]
        for j, p in enumerate(periods):
            v = s["values"].get(p)
            if v is None:
                if segments[-1]:
                    segments.append([])
                continue
            segments[-1].append((sx(j), sy(v), p, v))
        segments = [seg for seg in segments if seg]
        d = " ".join(
            "M" + " L".join(f"{num(x)} {num(y)}" for x, y, _, _ in seg)
            for seg in segments
            if len(seg) > 1
        )
        cls = "series highlight" if s["highlight"] else "series"
        out.append(f'<g class="{cls}" data-key="{esc(s["key"])}"><title>{esc(s["label"])}</title>')
        if d:
            dash_attr = f' stroke-dasharray="{dash}"' if dash else ""
            out.append(
                f'<path d="{d}" fill="none" stroke="{colour}" stroke-width="{num(stroke_w)}"'
                f' stroke-linejoin="round" stroke-linecap="round"{dash_attr}/>'
            )
        for seg in segments:
            if not (s["highlight"] or len(seg) == 1):
                continue
            for x, y, p, v in seg:
                out.append(
                    f'<circle class="point" cx="{num(x)}" cy="{num(y)}" r="{num(stroke_w + 0.5)}"'
                    f' fill="{colour}"><title>{esc(s["label"])}, {esc(p)}:'
                    f" {esc(format_number(v, locale, decimals))}</title></circle>"
                )
        out.append("</g>")

    if legend_slots:
        out.append('<g class="legend">')
        for i, s in enumerate(series):
            colour, stroke_w, dash = styles[i]
            lx, ly = legend_slots[i][0], legend_y + 16 * legend_slots[i][1]
            dash_attr = f' stroke-dasharray="{dash}"' if dash else ""
            weight = ' font-weight="bold"' if s["highlight"] else ""
            out.append(
                f'<line x1="{num(lx)}" x2="{num(lx + 22)}" y1="{num(ly)}" y2="{num(ly)}"'
                f' stroke="{colour}" stroke-width="{num(stroke_w)}"{dash_attr}/>'
                f'<text x="{num(lx + 28)}" y="{num(ly + 4)}" font-size="11"{weight}>'
                f"{esc(s['label'])}</text>"
            )
        out.append("</g>")

    out.append(footer(lines, pad, height - pad - footer_height(lines) + 10))
    out.append("</svg>")
    return "".join(out)
