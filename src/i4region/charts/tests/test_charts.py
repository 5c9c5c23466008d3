"""Key features of the rendered SVG: structure, accessibility, highlight, ticks, locale, escaping."""

import re
import xml.etree.ElementTree as ET

import pytest

from i4region.charts import (
    EUROGEOGRAPHICS,
    format_number,
    nice_ticks,
    palette,
    quantile_breaks,
    render,
    simplify,
)
from i4region.charts.choropleth import highlight, without_codes

NS = {"s": "http://www.w3.org/2000/svg"}
SVG = "{http://www.w3.org/2000/svg}"


def parse(svg: str) -> ET.Element:
    return ET.fromstring(svg)


def classes(el: ET.Element) -> set[str]:
    return set(el.get("class", "").split())


def tick_texts(root: ET.Element, axis: str) -> list[str]:
    g = next(g for g in root.iter(SVG + "g") if g.get("class") == axis)
    return [t.text for t in g.findall("s:text", NS)]


LINE = {
    "type": "line",
    "id": "pop",
    "title": "Population on 1 January",
    "series": [
        {
            "key": "LT025",
            "label": "Panevėžys county",
            "points": [["2019", 215000], ["2020", 211189], ["2021", None], ["2022", 207017]],
        },
        {"key": "LT", "label": "Lithuania (index)", "points": [["2019", 220000], ["2022", 230000]]},
    ],
    "highlight": "LT025",
    "source": "Source: Eurostat (demo_r_pjanaggr3)",
}


# --- formatting ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "value, locale, decimals, expected",
    [
        (207017, "en", None, "207,017"),
        (207017, "lt", None, "207\u00a0017"),
        (12.5, "en", None, "12.5"),
        (12.5, "lt", None, "12,5"),
        (1234567.891, "en", 2, "1,234,567.89"),
        (-1234.5, "lt", 1, "\u22121\u00a0234,5"),
        (-0.01, "en", 1, "0.0"),
        (0.125, "en", None, "0.13"),
        (3, "en", 1, "3.0"),
    ],
)
def test_format_number(value, locale, decimals, expected):
    assert format_number(value, locale, decimals) == expected


def test_format_number_rejects_unknown_locale():
    with pytest.raises(ValueError, match="locale"):
        format_number(1, "de")


def test_nice_ticks():
    assert nice_ticks(207017, 284918) == ([200000, 220000, 240000, 260000, 280000, 300000], 0)
    assert nice_ticks(0.1, 0.97) == ([0.0, 0.2, 0.4, 0.6, 0.8, 1.0], 1)
    assert nice_ticks(-3, 12.5)[0] == [-5, 0, 5, 10, 15]
    ticks, _ = nice_ticks(5, 5)
    assert ticks[0] < 5 < ticks[-1]


# --- line chart ------------------------------------------------------------------------------


def test_line_chart_accessibility_and_source():
    svg = render(LINE)
    root = parse(svg)
    assert root.get("role") == "img"
    assert root.get("aria-labelledby") == "pop-title pop-desc"
    assert root.find("s:title", NS).get("id") == "pop-title"
    assert root.find("s:title", NS).text == "Population on 1 January"
    desc = root.find("s:desc", NS).text
    assert "Panevėžys county: 2019 215,000 – 2022 207,017" in desc
    sources = [t.text for t in root.iter(SVG + "text") if t.get("class") == "chart-source"]
    assert sources == ["Source: Eurostat (demo_r_pjanaggr3)"]
    assert "<script" not in svg and "http://" not in svg.replace(
        'xmlns="http://www.w3.org/2000/svg"', ""
    )


def test_line_chart_highlight_ticks_and_gap():
    root = parse(render(LINE))
    groups = [g for g in root.iter(SVG + "g") if "series" in classes(g)]
    assert [g.get("data-key") for g in groups] == ["LT", "LT025"]  # highlight drawn on top
    highlighted = [g for g in groups if "highlight" in classes(g)]
    assert [g.get("data-key") for g in highlighted] == ["LT025"]
    assert tick_texts(root, "y-axis") == ["200,000", "210,000", "220,000", "230,000"]
    assert tick_texts(root, "x-axis") == ["2019", "2020", "2021", "2022"]
    # missing 2021 breaks the highlighted line: one 2-point segment plus an isolated point
    d = highlighted[0].find("s:path", NS).get("d")
    assert d.count("M") == 1 and d.count("L") == 1
    points = highlighted[0].findall("s:circle", NS)
    assert len(points) == 3
    assert points[-1].find("s:title", NS).text == "Panevėžys county, 2022: 207,017"


def test_line_chart_lithuanian_ticks():
    root = parse(render({**LINE, "locale": "lt"}))
    assert tick_texts(root, "y-axis")[0] == "200\u00a0000"
    assert root.get("lang") == "lt"


def test_line_chart_target_and_period_order():
    spec = {
        "type": "line",
        "title": "Share",
        "series": [{"label": "A", "points": [["2021", 1.5], ["2020", 1.0]]}],
        "target": {"value": 3, "label": "Target 2030"},
    }
    root = parse(render(spec))
    target = next(g for g in root.iter(SVG + "g") if g.get("class") == "target")
    assert target.find("s:text", NS).text == "Target 2030: 3"
    assert tick_texts(root, "x-axis") == ["2020", "2021"]
    assert tick_texts(root, "y-axis")[-1] == "3.0"


def test_line_chart_is_deterministic():
    assert render(LINE) == render(dict(LINE))
    assert re.search(r'id="chart-[0-9a-f]{10}"', render({**LINE, "id": None}))


def test_everything_is_escaped():
    evil = '<script>alert("x")</script> & co'
    spec = {
        **LINE,
        "title": evil,
        "source": evil,
        "series": [{"key": '"><x', "label": evil, "points": [["<2020>", 1], ["2021", 2]]}],
    }
    svg = render(spec)
    parse(svg)  # still well-formed
    assert "<script>" not in svg
    assert "&lt;script&gt;" in svg and "&amp; co" in svg


@pytest.mark.parametrize(
    "spec, message",
    [
        ({"type": "pie"}, "chart type"),
        ({"type": "line"}, "series"),
        ({"type": "line", "series": [{"label": "A", "points": [["2020", None]]}]}, "no values"),
        ({"type": "line", "series": [{"label": "A", "points": [["2020", "abc"]]}]}, "abc"),
        ({"type": "bar", "items": []}, "items"),
        ({"type": "bar", "items": [{"label": "A", "value": 1}], "sort": "up"}, "sort"),
        ({"type": "map", "geojson": {"features": []}}, "features"),
        ({"type": "sparkline", "values": [None]}, "no values"),
        ({**LINE, "locale": "fr"}, "locale"),
    ],
)
def test_bad_specs_raise(spec, message):
    with pytest.raises(ValueError, match=message):
        render(spec)


# --- bar chart -------------------------------------------------------------------------------


def test_bar_chart_ranked_with_highlight_and_no_data():
    spec = {
        "type": "bar",
        "title": "GDP per head in PPS, % of EU",
        "items": [
            {"key": "LT011", "label": "Vilnius county", "value": 146},
            {"key": "LT025", "label": "Panevėžys county", "value": 62},
            {"key": "LT029", "label": "Tauragė county", "value": None},
            {"key": "LT022", "label": "Kaunas county", "value": 93.5},
        ],
        "highlight": "LT025",
        "suffix": "%",
        "locale": "lt",
    }
    root = parse(render(spec))
    bars = [g for g in root.iter(SVG + "g") if "bar" in classes(g)]
    assert [b.get("data-key") for b in bars] == ["LT011", "LT022", "LT025", "LT029"]
    assert [b.get("data-key") for b in bars if "highlight" in classes(b)] == ["LT025"]
    assert len(root.findall(".//s:rect", NS)) == 3
    values = [b.find("s:text[@class='value']", NS).text for b in bars[:3]]
    assert values == ["146%", "93,5%", "62%"]
    assert bars[3].find("s:text", NS).text == "Nėra duomenų"
    assert tick_texts(root, "x-axis")[0] == "0"


def test_bar_chart_negative_values_extend_left_of_zero():
    spec = {"type": "bar", "items": [{"label": "a", "value": -5}, {"label": "b", "value": 10}]}
    root = parse(render(spec))
    zero = float(root.find(".//s:line[@class='zero']", NS).get("x1"))
    rects = {
        g.find("s:text[@class='label']", NS).text: g.find("s:rect", NS)
        for g in root.iter(SVG + "g")
        if "bar" in classes(g)
    }
    assert float(rects["a"].get("x")) + float(rects["a"].get("width")) == pytest.approx(
        zero, abs=0.1
    )
    assert float(rects["b"].get("x")) == pytest.approx(zero, abs=0.1)


# --- map -------------------------------------------------------------------------------------


def square(lon, lat, size=0.5):
    return [
        [[lon, lat], [lon + size, lat], [lon + size, lat + size], [lon, lat + size], [lon, lat]]
    ]


GEO = {
    "type": "FeatureCollection",
    "features": [
        {
            "type": "Feature",
            "properties": {"code": f"R{i}", "name": f"Region {i}"},
            "geometry": {"type": "Polygon", "coordinates": square(23 + i * 0.5, 55)},
        }
        for i in range(5)
    ]
    + [
        {
            "type": "Feature",
            "properties": {"code": "M", "name": "Islands & <co>"},
            "geometry": {
                "type": "MultiPolygon",
                "coordinates": [square(23, 56, 0.2), square(23.5, 56, 0.2)],
            },
        }
    ],
}


def map_spec(**extra):
    return {
        "type": "map",
        "title": "Population change",
        "geojson": GEO,
        "values": {"R0": 1, "R1": 2, "R2": 3, "R3": 4, "M": 5},
        "highlight": "R2",
        "legend_title": "per 1,000",
        "source": "Source: Eurostat",
        "classes": 4,
        **extra,
    }


def test_quantile_breaks_and_palette():
    assert quantile_breaks([1, 2, 3, 4, 5], 4) == [2, 3, 4]
    assert quantile_breaks([1, 1, 1, 5], 3) == [1]
    assert quantile_breaks([], 3) == []
    assert palette(5) == ("#ffffcc", "#a1dab4", "#41b6c4", "#2c7fb8", "#253494")
    assert len(palette(2)) == 2
    with pytest.raises(ValueError):
        palette(8)


def shapes(root: ET.Element) -> list[tuple[ET.Element, ET.Element]]:
    """(path, its class group) of every region, in drawing order."""
    return [
        (p, g)
        for g in root.findall(".//s:g[@class='regions']/s:g", NS)
        for p in g.findall("s:path", NS)
    ]


def test_map_paths_classes_highlight_and_attribution():
    root = parse(render(map_spec()))
    regions = shapes(root)
    assert len(regions) == 6  # one path per feature, MultiPolygon included
    by_code = {p.get("data-code"): p for p, _ in regions}
    group = {p.get("data-code"): g for p, g in regions}
    assert classes(group["R0"]) == {"region", "q1"}
    assert classes(group["M"]) == {"region", "q4"}
    assert classes(group["R4"]) == {"region", "nodata"}
    assert group["R4"].get("fill").endswith("-nodata)")
    assert classes(group["R2"]) == {"region", "q2", "highlight"}
    assert regions[-1][0].get("data-code") == "R2"  # highlighted outline drawn last
    assert by_code["M"].get("d").count("M") == 2
    assert by_code["M"].find("s:title", NS).text == "Islands & <co>: 5"
    assert by_code["R4"].find("s:title", NS).text == "Region 4: No data"
    legend = [t.text for t in root.findall(".//s:g[@class='legend']/s:text", NS)]
    assert legend == ["per 1,000", "1 – 2", "2 – 3", "3 – 4", "4 – 5", "No data"]
    sources = [t.text for t in root.iter(SVG + "text") if t.get("class") == "chart-source"]
    assert sources == ["Source: Eurostat", EUROGEOGRAPHICS]


def absolute(d: str) -> tuple[list[float], list[float]]:
    """The x and y of every point of a path of relative moves (M x y l dx dy … z)."""
    numbers = [float(v) for v in re.findall(r"-?[\d.]+", d)]
    xs, ys = [numbers[0]], [numbers[1]]
    for dx, dy in zip(numbers[2::2], numbers[3::2], strict=True):
        xs.append(xs[-1] + dx)
        ys.append(ys[-1] + dy)
    return xs, ys


def test_map_highlight_of_a_map_rendered_without_one():
    plain = render(map_spec(highlight=None))
    assert "highlight" not in plain
    lit = highlight(plain, "R3")
    regions = shapes(parse(lit))
    assert [p.get("data-code") for p, _ in regions][-1] == "R3"
    assert sorted(p.get("data-code") for p, _ in regions) == ["M", "R0", "R1", "R2", "R3", "R4"]
    assert classes(regions[-1][1]) == {"region", "q3", "highlight"}
    assert regions[-1][1].get("stroke") == "#000000"
    assert highlight(plain, "XX") == plain  # a region not on the map changes nothing
    bare, spans = without_codes(plain)
    assert "data-code" not in bare and sorted(spans) == ["M", "R0", "R1", "R2", "R3", "R4"]
    assert bare[slice(*spans["M"])].startswith("<path d=")
    assert bare[slice(*spans["M"])].endswith("<title>Islands &amp; &lt;co&gt;: 5</title></path>")
    lit = parse(highlight(bare, "R3", spans))
    last = lit.findall(".//s:g[@class='regions']/s:g", NS)[-1]
    assert classes(last) == {"region", "q3", "highlight"}
    assert last.find("s:path/s:title", NS).text.startswith("Region 3")


def test_map_of_many_regions_summarises_its_description():
    many = {
        "type": "FeatureCollection",
        "features": [
            {
                "type": "Feature",
                "properties": {"code": f"C{i}", "name": f"Cell {i}"},
                "geometry": {"type": "Polygon", "coordinates": square(i % 10, i // 10, 1)},
            }
            for i in range(100)
        ],
    }
    root = parse(
        render(
            {
                "type": "map",
                "geojson": many,
                "values": {f"C{i}": i for i in range(100)},
                "decimals": 0,
            }
        )
    )
    desc = root.find("s:desc", NS).text
    assert desc.startswith("100 regions") and "highest Cell 99 99" in desc
    assert "lowest Cell 2 2; Cell 1 1; Cell 0 0" in desc and "Cell 50" not in desc
    titles = [p.find("s:title", NS).text for p, _ in shapes(root)]
    assert len(titles) == 100 and "Cell 50: 50" in titles


def test_map_projection_scales_longitude_by_cos_latitude():
    one = {
        "type": "FeatureCollection",
        "features": [
            {
                "type": "Feature",
                "properties": {"code": "A"},
                "geometry": {"type": "Polygon", "coordinates": square(24, 60, 1)},
            }
        ],
    }
    root = parse(
        render(
            {
                "type": "map",
                "geojson": one,
                "values": {"A": 1},
                "width": 400,
                "height": 400,
                "show_title": False,
            }
        )
    )
    xs, ys = absolute(root.find(".//s:g[@class='regions']//s:path", NS).get("d"))
    # a 1°x1° cell at 60.5°N is cos(60.5°) = 0.492 times as wide as it is tall
    assert (max(xs) - min(xs)) / (max(ys) - min(ys)) == pytest.approx(0.4924, abs=0.01)


def test_map_simplify_reduces_points_and_locale():
    wiggly = [[24 + i / 100, 55 + (0.001 if i % 2 else 0)] for i in range(101)]
    ring = wiggly + [[25, 56], [24, 56], [24, 55]]
    geo = {
        "type": "FeatureCollection",
        "features": [
            {
                "type": "Feature",
                "properties": {"code": "W", "name": "W"},
                "geometry": {"type": "Polygon", "coordinates": [ring]},
            }
        ],
    }
    spec = {"type": "map", "geojson": geo, "values": {"W": 1234.5}, "locale": "lt"}
    full = render(spec)
    small = render({**spec, "simplify": 1.0})

    def path_d(svg):
        return parse(svg).find(".//s:g[@class='regions']//s:path", NS).get("d")

    def points(svg):
        return len(absolute(path_d(svg))[0])

    assert points(small) < 10 < 100 < points(full)
    assert "1\u00a0234,5" in small
    assert simplify([(0, 0), (1, 0.01), (2, 0), (2, 2), (0, 0)], 0.5) == [
        (0, 0),
        (2, 0),
        (2, 2),
        (0, 0),
    ]


def test_map_rejects_points():
    geo = {
        "features": [
            {"properties": {"code": "P"}, "geometry": {"type": "Point", "coordinates": [1, 2]}}
        ]
    }
    with pytest.raises(ValueError, match="Polygon"):
        render({"type": "map", "geojson": geo})


# --- sparkline -------------------------------------------------------------------------------


def test_sparkline():
    root = parse(
        render(
            {
                "type": "sparkline",
                "points": [["2019", 3], ["2020", None], ["2021", 4], ["2022", 5.5]],
            }
        )
    )
    assert root.get("role") == "img"
    assert root.find("s:desc", NS).text == "2019 3 → 2022 5.5 (no data: 1)"
    assert root.find("s:path", NS).get("d").count("M") == 1  # 2019 alone, 2021-2022 drawn
    assert root.find("s:circle", NS).get("class") == "last"
    flat = parse(
        render({"type": "sparkline", "values": [2, 2, 2], "locale": "lt", "title": "Flat"})
    )
    assert flat.find("s:title", NS).text == "Flat"
