"""Browser journey: LT025's profile → an indicator → another map year → CSV download."""

import csv
import io

import pytest

pytestmark = pytest.mark.browser


def test_profile_indicator_map_year_and_csv(served, page):
    base, _ = served
    page.goto(base + "/en/regions/LT025/")
    assert "Panevėžys County" in page.get_by_role("heading", level=1).inner_text()
    text = page.locator("main").inner_text()
    assert "fell from 284,918 to 211,189" in text and "by about a quarter" in text
    assert "well below the national average" in text

    page.locator("#headline-gdp_pps_per_capita_eu27").get_by_role(
        "link", name="GDP per inhabitant in PPS, EU27 = 100"
    ).click()
    assert "/en/observatory/indicators/gdp_pps_per_capita_eu27/" in page.url
    assert page.get_by_role("heading", name="Map, 2021").count() == 1
    assert "© EuroGeographics" in page.content()

    page.locator("select#year").select_option("2019")
    page.get_by_role("button", name="Show year").click()
    assert "year=2019" in page.url
    assert page.get_by_role("heading", name="Map, 2019").count() == 1

    with page.expect_download() as info:
        page.get_by_role("link", name="CSV", exact=True).click()
    download = info.value
    assert download.suggested_filename == "gdp_pps_per_capita_eu27_LT025.csv"
    rows = list(csv.DictReader(io.StringIO(open(download.path(), encoding="utf-8").read())))
    row_2021 = next(r for r in rows if r["period"] == "2021")
    assert float(row_2021["value"]) == 62 and row_2021["vintage"] == "2024-05"
