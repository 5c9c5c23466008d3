"""Horizontal ranked bar chart with one bar highlighted; missing values listed last as "No data"."""

from __future__ import annotations

from .common import entries, locale_of, size_of, value_or_none
from .format import format_number, nice_ticks, text
from .svg import (
    GRID,
    HIGHLIGHT,
    INK,
    MUTED,
    esc,
    footer,
    footer_height,
    frame_open,
    heading,
    num,
    text_width,
)

BAR_FILL = "#b4b4b4"


def _read_items(spec: dict) -> list[dict]:
    items = [
        {**it, "value": value_or_none(it.get("value"))}
        for it in entries(spec, "items", "bar", "Item")
    ]
    order = spec.get("sort", "desc")
    if order not in ("desc", "asc", "none"):
        raise ValueError(f"bar chart sort must be 'desc', 'asc' or 'none', got {order!r}")
    present = [it for it in items if it["value"] is not None]
    missing = [it for it in items if it["value"] is None]
    if order != "none":
        sign = -1 if order == "desc" else 1
        present.sort(key=lambda it: (sign * it["value"], it["label"]))
    return present + missing


def _fit(label: str, room: float) -> str:
    if text_width(label, 11) <= room:
        return label
    keep = max(1, int(room / (11 * 0.58)) - 1)
    return label[:keep] + "…"


def render_bar(spec: dict) -> str:
    """SVG horizontal bar chart from a spec; see ``i4region.charts`` for the spec keys."""
    locale = locale_of(spec)
    decimals = spec.get("decimals")
    suffix = str(spec.get("suffix", ""))
    items = _read_items(spec)
    present = [it["value"] for it in items if it["value"] is not None]
    if not present:
        raise ValueError("bar chart has no values to draw")
    ticks, tick_decimals = nice_ticks(min(0.0, *present), max(0.0, *present))
    row_h = float(spec.get("bar_height", 22))
    pad = 12.0
    lines = [spec.get("source", ""), spec.get("note", "")]
    title_h = 26.0 if spec.get("title") and spec.get("show_title") is not False else 0.0
    auto_height = pad + title_h + 6 + row_h * len(items) + 24 + footer_height(lines) + pad
    width, height = size_of(spec, 640, auto_height)

    top = pad + title_h + 6
    label_w = min(max(text_width(it["label"], 11) for it in items), width * 0.4)
    x0 = pad + label_w + 8
    value_labels = {
        id(it): format_number(it["value"], locale, decimals) + suffix
        for it in items
        if it["value"] is not None
    }
    value_room = max(text_width(v, 11) for v in value_labels.values()) + 6
    negative_room = value_room if min(present) < 0 else 0.0
    x1 = width - pad - value_room
    plot_x0 = x0 + negative_room
    if x1 - plot_x0 < 40:
        raise ValueError("chart is too small for its content")
    t_lo, t_hi = ticks[0], ticks[-1]

    def sx(v: float) -> float:
        return plot_x0 + (v - t_lo) / (t_hi - t_lo) * (x1 - plot_x0)

    description = spec.get("description") or "; ".join(
        f"{it['label']}: {value_labels[id(it)] if it['value'] is not None else text('no_data', locale)}"
        for it in items
    )
    out = frame_open(spec, "bar", width, height, description, locale)
    out.append(heading(spec, pad, pad + 14))

    y_axis_end = top + row_h * len(items)
    out.append('<g class="x-axis">')
    for t in ticks:
        x = sx(t)
        out.append(
            f'<line x1="{num(x)}" x2="{num(x)}" y1="{num(top)}" y2="{num(y_axis_end)}"'
            f' stroke="{GRID}"/><text class="tick" x="{num(x)}" y="{num(y_axis_end + 14)}"'
            f' text-anchor="middle" font-size="11" fill="{MUTED}">'
            f"{esc(format_number(t, locale, tick_decimals))}</text>"
        )
    out.append("</g>")

    zero = sx(0.0)
    for i, it in enumerate(items):
        y = top + i * row_h
        mid = y + row_h / 2 + 4
        cls = "bar highlight" if it["highlight"] else "bar"
        weight = ' font-weight="bold"' if it["highlight"] else ""
        label = _fit(it["label"], label_w)
        out.append(f'<g class="{cls}" data-key="{esc(it["key"])}">')
        if it["value"] is None:
            out.append(
                f"<title>{esc(it['label'])}: {esc(text('no_data', locale))}</title>"
                f'<text class="value missing" x="{num(plot_x0 + 4)}" y="{num(mid)}" font-size="11"'
                f' font-style="italic" fill="{MUTED}">{esc(text("no_data", locale))}</text>'
            )
        else:
            v = it["value"]
            xa, xb = sorted((zero, sx(v)))
            fill = HIGHLIGHT if it["highlight"] else BAR_FILL
            vx, anchor = (xb + 4, "start") if v >= 0 else (xa - 4, "end")
            out.append(
                f"<title>{esc(it['label'])}: {esc(value_labels[id(it)])}</title>"
                f'<rect x="{num(xa)}" y="{num(y + row_h * 0.15)}" width="{num(max(xb - xa, 0.5))}"'
                f' height="{num(row_h * 0.7)}" fill="{fill}"/>'
                f'<text class="value" x="{num(vx)}" y="{num(mid)}" text-anchor="{anchor}"'
                f' font-size="11"{weight}>{esc(value_labels[id(it)])}</text>'
            )
        out.append(
            f'<text class="label" x="{num(x0 - 8)}" y="{num(mid)}" text-anchor="end"'
            f' font-size="11" fill="{INK}"{weight}>{esc(label)}</text></g>'
        )
    out.append(
        f'<line class="zero" x1="{num(zero)}" x2="{num(zero)}" y1="{num(top)}"'
        f' y2="{num(y_axis_end)}" stroke="{MUTED}"/>'
    )
    out.append(footer(lines, pad, height - pad - footer_height(lines) + 10))
    out.append("</svg>")
    return "".join(out)
