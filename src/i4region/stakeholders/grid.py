"""The power–interest grid: latest assessments, their movement and the labelled SVG."""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Iterable

from i4region.charts.svg import esc

from .models import Assessment


def latest_assessments(org_ids: Iterable[int] | None = None) -> dict[int, list[Assessment]]:
    """Per organisation its two most recent assessments, newest first (for movement on the grid)."""
    qs = Assessment.objects.order_by("organisation_id", "-date", "-id")
    if org_ids is not None:
        qs = qs.filter(organisation_id__in=list(org_ids))
    out: dict[int, list[Assessment]] = defaultdict(list)
    for a in qs:
        if len(out[a.organisation_id]) < 2:
            out[a.organisation_id].append(a)
    return dict(out)


# --- power-interest grid ---------------------------------------------------------------------

STANCE_COLOURS = {
    "champion": "#1b7837",
    "supporter": "#7fbf7b",
    "neutral": "#8c8c8c",
    "sceptic": "#e69f00",
    "blocker": "#b2182b",
}


def grid_svg(
    latest: dict[int, list[Assessment]],
    names: dict[int, str],
    texts: dict[str, str],
    size: int = 620,
) -> str:
    """Power (influence) × interest grid; an arrow shows the move from the previous assessment.

    Dots are numbered in name order and labelled with their number and name where the label
    fits without overlapping another; the page lists every number with its name beside the grid.

    ``texts`` holds the translated axis and quadrant names (title, x, y, manage, satisfy,
    inform, monitor) and the stance names under their keys (champion … blocker).
    """
    pad = 60
    span = size - 2 * pad

    def pt(interest: float, influence: float) -> tuple[float, float]:
        return pad + (interest - 0.5) / 5 * span, size - pad - (influence - 0.5) / 5 * span

    mid = pad + span / 2
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {size} {size}" width="{size}" '
        f'height="{size}" role="img" aria-labelledby="grid-title" font-family="system-ui, '
        f'sans-serif" font-size="11">',
        f'<title id="grid-title">{esc(texts["title"])}</title>',
        '<defs><marker id="arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="6" '
        'markerHeight="6" orient="auto-start-reverse"><path d="M0,0L10,5L0,10z" '
        'fill="#444444"/></marker></defs>',
        f'<rect x="{pad}" y="{pad}" width="{span}" height="{span}" fill="#f4f6f8" '
        f'stroke="#8c959f"/>',
        f'<line x1="{mid}" y1="{pad}" x2="{mid}" y2="{pad + span}" stroke="#8c959f" '
        f'stroke-dasharray="4 3"/>',
        f'<line x1="{pad}" y1="{mid}" x2="{pad + span}" y2="{mid}" stroke="#8c959f" '
        f'stroke-dasharray="4 3"/>',
        f'<g font-size="13" fill="#4a5560" font-weight="600">'
        f'<text x="{mid + 6}" y="{pad + 16}">{esc(texts["manage"])}</text>'
        f'<text x="{pad + 6}" y="{pad + 16}">{esc(texts["satisfy"])}</text>'
        f'<text x="{mid + 6}" y="{pad + span - 8}">{esc(texts["inform"])}</text>'
        f'<text x="{pad + 6}" y="{pad + span - 8}">{esc(texts["monitor"])}</text></g>',
        f'<text x="{mid}" y="{size - 18}" text-anchor="middle" font-size="13">'
        f"{esc(texts['x'])}</text>",
        f'<text transform="translate(18 {mid}) rotate(-90)" text-anchor="middle" '
        f'font-size="13">{esc(texts["y"])}</text>',
    ]
    for i, stance in enumerate(STANCE_COLOURS):
        lx = 20 + i * (size - 40) / 5
        parts.append(
            f'<circle cx="{lx + 6:.1f}" cy="26" r="6" fill="{STANCE_COLOURS[stance]}"/>'
            f'<text x="{lx + 16:.1f}" y="30">{esc(texts.get(stance, stance))}</text>'
        )
    for i in range(1, 6):
        x, y = pt(i, i)
        parts.append(
            f'<text x="{x:.1f}" y="{pad + span + 16}" text-anchor="middle">{i}</text>'
            f'<text x="{pad - 10}" y="{y + 4:.1f}" text-anchor="end">{i}</text>'
        )
    # spread organisations that share a cell on a small ring so none hides another
    cells: dict[tuple[int, int], list[int]] = defaultdict(list)
    for org_id in sorted(latest, key=lambda k: names.get(k, "")):
        now = latest[org_id][0]
        cells[(now.interest, now.influence)].append(org_id)
    offset: dict[int, tuple[float, float]] = {}
    for members in cells.values():
        for j, org_id in enumerate(members):
            if len(members) == 1:
                offset[org_id] = (0.0, 0.0)
            else:
                angle = 2 * math.pi * j / len(members)
                r = min(28.0, 8 + 3 * len(members))
                offset[org_id] = (r * math.cos(angle), r * math.sin(angle))
    dots: dict[int, tuple[float, float]] = {}
    ordered = dot_order(latest, names)
    for org_id in ordered:
        pair = latest[org_id]
        now = pair[0]
        x, y = pt(now.interest, now.influence)
        dx, dy = offset[org_id]
        x, y = x + dx, y + dy
        dots[org_id] = (x, y)
        if len(pair) > 1 and (pair[1].interest, pair[1].influence) != (now.interest, now.influence):
            px, py = pt(pair[1].interest, pair[1].influence)  # from the previous cell's centre
            length = math.hypot(x - px, y - py)
            if length > 8:  # stop at the dot's edge so the arrowhead stays visible
                ex, ey = x - (x - px) * 7 / length, y - (y - py) * 7 / length
                parts.append(
                    f'<line x1="{px:.1f}" y1="{py:.1f}" x2="{ex:.1f}" y2="{ey:.1f}" '
                    f'stroke="#444444" stroke-width="1.2" marker-end="url(#arrow)"/>'
                )
    for number, org_id in enumerate(ordered, start=1):
        x, y = dots[org_id]
        parts.append(
            f'<circle cx="{x:.1f}" cy="{y:.1f}" r="{DOT}" '
            f'fill="{STANCE_COLOURS[latest[org_id][0].stance]}" stroke="#ffffff">'
            f"<title>{number}. {esc(names.get(org_id, ''))}</title></circle>"
        )
    label_texts = [
        (f"{n}. {short(names.get(k, ''))}", str(n)) for n, k in enumerate(ordered, start=1)
    ]
    bounds = (pad + 2.0, pad + 2.0, size - pad - 2.0, size - pad - 2.0)
    quadrant_names = [  # (x, baseline) of the four quadrant names, 13 px bold
        (mid + 6, pad + 16, texts["manage"]),
        (pad + 6, pad + 16, texts["satisfy"]),
        (mid + 6, pad + span - 8, texts["inform"]),
        (pad + 6, pad + span - 8, texts["monitor"]),
    ]
    obstacles = [(x, y - 12, x + 8.5 * len(t), y + 4) for x, y, t in quadrant_names]
    parts.append(f'<g class="dot-labels" font-size="{LABEL_FONT}" fill="#222222">')
    for label in place_labels([dots[k] for k in ordered], label_texts, bounds, obstacles):
        if label is not None:
            lx, ly, text = label
            parts.append(
                f'<text class="dot-label" x="{lx:.1f}" y="{ly:.1f}" paint-order="stroke" '
                f'stroke="#ffffff" stroke-width="3">{esc(text)}</text>'
            )
    parts.append("</g></svg>")
    return "".join(parts)


def dot_order(latest: dict[int, list[Assessment]], names: dict[int, str]) -> list[int]:
    """The numbering of the dots (by name), shared by the picture and the list beside it."""
    return sorted(latest, key=lambda k: (names.get(k, ""), k))


DOT = 6
LABEL_FONT = 10
CHAR_WIDTH = 0.62 * LABEL_FONT  # generous average advance of system-ui at this size


def short(name: str, limit: int = 22) -> str:
    return name if len(name) <= limit else name[: limit - 1].rstrip() + "…"


Box = tuple[float, float, float, float]


def label_box(x: float, y: float, text: str) -> Box:
    """The box a start-anchored label at baseline (x, y) covers (left, top, right, bottom)."""
    return (x, y - LABEL_FONT * 0.8, x + CHAR_WIDTH * len(text), y + LABEL_FONT * 0.25)


def _overlap(a: Box, b: Box) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


def place_labels(
    points: list[tuple[float, float]],
    texts: list[tuple[str, str]],
    bounds: Box,
    obstacles: list[Box] = (),
) -> list[tuple[float, float, str] | None]:
    """Greedy placement: each point's long text, else its short one, at the first spot around
    it (right, left, above, below, then further out) that overlaps no dot and no placed label.

    Returns (x, y, text) per point, or None where neither text fits (the list beside the grid
    still names it).
    """
    taken: list[Box] = [(x - DOT, y - DOT, x + DOT, y + DOT) for x, y in points]
    taken += obstacles
    out: list[tuple[float, float, str] | None] = []
    for (x, y), options in zip(points, texts, strict=True):
        placed = None
        for text in options:
            width = CHAR_WIDTH * len(text)
            for gap in (DOT + 2, DOT + 12, DOT + 24):
                spots = (
                    (x + gap, y + 3.5),
                    (x - gap - width, y + 3.5),
                    (x - width / 2, y - gap),
                    (x - width / 2, y + gap + LABEL_FONT * 0.8),
                    (x + gap, y - gap),
                    (x - gap - width, y - gap),
                    (x + gap, y + gap + LABEL_FONT * 0.8),
                    (x - gap - width, y + gap + LABEL_FONT * 0.8),
                )
                for sx, sy in spots:
                    box = label_box(sx, sy, text)
                    inside = (
                        box[0] >= bounds[0]
                        and box[1] >= bounds[1]
                        and box[2] <= bounds[2]
                        and box[3] <= bounds[3]
                    )
                    if inside and not any(_overlap(box, t) for t in taken):
                        placed = (sx, sy, text)
                        taken.append(box)
                        break
                if placed:
                    break
            if placed:
                break
        out.append(placed)
    return out


def movements(latest: dict[int, list[Assessment]]) -> list[tuple[int, Assessment, Assessment]]:
    """Organisations whose influence, interest or stance changed since the previous assessment."""
    out = []
    for org_id, pair in latest.items():
        if len(pair) == 2:
            now, before = pair
            if (now.influence, now.interest, now.stance) != (
                before.influence,
                before.interest,
                before.stance,
            ):
                out.append((org_id, now, before))
    return out
