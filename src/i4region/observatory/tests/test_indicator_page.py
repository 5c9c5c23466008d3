"""The indicator page: metadata, chart, table, maps with a year selector, downloads."""

import csv
import io
import json

import pytest

pytestmark = pytest.mark.django_db

URL = "/en/observatory/indicators/gdp_pps_per_capita_eu27/"


def test_indicator_page_shows_definition_table_and_maps(client):
    response = client.get(URL, {"region": "LT025"})
    assert response.status_code == 200
    html = response.content.decode()
    assert "GDP per inhabitant in purchasing power standards as a percentage" in html
    assert "Source: Eurostat (nama_10r_3gdp)" in html
    assert (
        "Regions of Lithuania (NUTS 3), 2022" in html
        or "Regions of Lithuania (NUTS 3), 2021" in html
    )
    assert "Regions of Europe (NUTS 3)" in html
    assert "© EuroGeographics for the administrative boundaries" in html
    assert '<select id="year" name="year">' in html and "Show year" in html
    assert "data.csv?region=LT025" in html and "data.json?region=LT025" in html


def test_year_selector_changes_the_map(client):
    html = client.get(URL, {"region": "LT025", "year": "2019"}).content.decode()
    assert '<option value="2019" selected>' in html
    table = html.split("Values behind the map: Regions of Lithuania", 1)[1].split("</table>")[0]
    assert "LT011" in table and ">123<" in table  # Vilnius County 2019
    bad = client.get(URL, {"region": "LT025", "year": "1066"})
    assert bad.status_code == 200
    assert "There is no map for the year “1066”" in bad.content.decode()


def test_derived_indicator_shows_its_formula(client):
    html = client.get("/en/observatory/indicators/population_density/").content.decode()
    assert "<code>population / area_km2</code>" in html
    assert "26.3" in html  # LT025 2025: 207,017 / 7,878 km²


def test_national_indicator_falls_back_to_the_country(client):
    html = client.get(
        "/en/observatory/indicators/enterprises_using_robots/", {"region": "LT025"}
    ).content.decode()
    assert "showing Lithuania" in html
    assert "Countries of Europe" in html
    assert "4.75" in html or "4.8" in html


def test_csv_and_json_downloads(client):
    response = client.get(URL + "data.csv", {"region": "LT025"})
    assert response.status_code == 200
    rows = list(csv.DictReader(io.StringIO(response.content.decode())))
    by_period = {r["period"]: r for r in rows}
    assert float(by_period["2021"]["value"]) == 62
    assert by_period["2021"]["vintage"] == "2024-05"
    assert by_period["2021"]["source"] == "Source: Eurostat (nama_10r_3gdp)"
    data = json.loads(client.get(URL + "data.json", {"region": "LT"}).content)
    assert data["region"] == "LT" and data["unit"] == "index, EU27 = 100"
    assert {"period": "2021", "value": 89.0, "flag": None, "vintage": "2024-05"} in [
        {k: o[k] for k in ("period", "value", "flag", "vintage")} for o in data["observations"]
    ]
    assert client.get(URL + "data.xls").status_code == 404


def test_unknown_indicator_and_region(client):
    assert client.get("/en/observatory/indicators/nope/").status_code == 404
    html = client.get(URL, {"region": "XX999"}).content.decode()
    assert "No region has the code “XX999”" in html


def test_catalogue_links_to_every_indicator(client):
    html = client.get("/lt/observatory/indicators/").content.decode()
    assert "/lt/observatory/indicators/population_density/" in html
