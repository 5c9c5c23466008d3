"""The power–interest grid names its dots without overlapping labels, with a list beside it."""

import re
from types import SimpleNamespace

import pytest

from i4region.stakeholders.grid import _overlap, grid_svg, label_box, place_labels

TEXTS = {
    "title": "Grid",
    "x": "Interest",
    "y": "Influence",
    "manage": "Manage",
    "satisfy": "Satisfy",
    "inform": "Inform",
    "monitor": "Monitor",
}


def _labels(svg: str) -> list[tuple[float, float, str]]:
    return [
        (float(x), float(y), text)
        for x, y, text in re.findall(
            r'<text class="dot-label" x="([\d.]+)" y="([\d.]+)"[^>]*>([^<]*)</text>', svg
        )
    ]


def test_crowded_grid_labels_never_overlap_and_every_dot_is_numbered():
    # 40 organisations, many in the same cells, with long names
    latest = {
        k: [SimpleNamespace(interest=1 + k % 3, influence=5 - k % 2, stance="neutral")]
        for k in range(1, 41)
    }
    names = {k: f"Pavyzdinė gamykla numeris {k:02d}" for k in latest}
    svg = grid_svg(latest, names, TEXTS)
    labels = _labels(svg)
    boxes = [label_box(x, y, text) for x, y, text in labels]
    for i, a in enumerate(boxes):
        for b in boxes[i + 1 :]:
            assert not _overlap(a, b), (a, b)
    numbers = {text.split(".")[0] for _x, _y, text in labels}
    assert len(labels) >= 30 and numbers <= {str(n) for n in range(1, 41)}
    assert svg.count("<circle") - 5 == 40  # five legend dots


def test_labels_avoid_the_dots():
    points = [(100.0, 100.0), (112.0, 100.0), (100.0, 112.0)]
    placed = place_labels(
        points, [("1. Alpha", "1"), ("2. Beta", "2"), ("3. Gamma", "3")], (0, 0, 400, 400)
    )
    dots = [(x - 6, y - 6, x + 6, y + 6) for x, y in points]
    for label in placed:
        assert label is not None
        box = label_box(*label)
        assert not any(_overlap(box, d) for d in dots)


@pytest.mark.django_db
def test_grid_page_lists_every_dot_beside_the_picture(client, make_user):
    client.force_login(make_user("board_member"))
    page = client.get("/en/stakeholders/grid/").content.decode()
    svg = page[page.index("<svg") : page.index("</svg>")]
    table = page[page.index('id="grid-list"') :]
    rows = re.findall(r'<td class="num">(\d+)</td><td><a href="[^"]+">([^<]+)</a>', table)
    dots = re.findall(r"<title>(\d+)\. ([^<]+)</title></circle>", svg)
    assert dots and [(n, name) for n, name in rows][: len(dots)] == dots
    assert all(
        text.startswith(tuple(f"{n}." for n, _ in dots)) or text.isdigit()
        for _x, _y, text in _labels(svg)
    )
