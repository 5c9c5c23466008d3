import pytest

pytestmark = pytest.mark.django_db


def test_lt025_page_in_english_shows_population_with_source(client):
    response = client.get("/en/regions/LT025/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "Panevėžys County" in html
    assert "207,017" in html  # 1 January 2025, release 2026-04
    assert "218,237" in html  # 2020 from the newest release, not the older 211,189
    assert "284,918" in html  # 2005 exists only in the 2022 release
    assert "Source: Eurostat (demo_r_pjanaggr3)" in html
    assert "2026-04" in html
    assert "7,878" in html  # area km²


def test_lt025_page_in_lithuanian(client):
    html = client.get("/lt/regions/LT025/").content.decode()
    assert "Panevėžio apskritis" in html
    assert "207\u202f017" in html or "207\xa0017" in html or "207 017" in html
    assert "Šaltinis: Eurostatas (demo_r_pjanaggr3)" in html


def test_hierarchy_and_municipalities(client):
    html = client.get("/en/regions/LT025/").content.decode()
    for ancestor in ("/en/regions/LT/", "/en/regions/LT02/"):
        assert ancestor in html
    for name in (
        "Panevėžys city municipality",
        "Biržai district municipality",
        "Kupiškis district municipality",
        "Panevėžys district municipality",
        "Pasvalys district municipality",
        "Rokiškis district municipality",
    ):
        assert name in html
    assert "Utena" not in html.split("<main", 1)[1].split("</main>")[0]


def test_municipality_population_from_statistics_lithuania(client):
    html = client.get("/en/regions/LT-LAU-27/").content.decode()
    assert "Panevėžys city municipality" in html
    assert "Statistics Lithuania" in html


def test_unknown_region_gives_helpful_404(client):
    response = client.get("/en/regions/XX999/")
    assert response.status_code == 404
    html = response.content.decode()
    assert "XX999" in html
    assert "Find a region" in html


def test_lowercase_code_redirects(client):
    response = client.get("/en/regions/lt025/")
    assert response.status_code == 302
    assert response["Location"].endswith("/en/regions/LT025/")


def test_search_finds_by_name(client):
    response = client.get("/en/regions/", {"q": "Panevėžio apskritis"})
    assert response.status_code == 302
    assert response["Location"].endswith("/regions/LT025/")


def test_home_leads_to_home_region(client):
    response = client.get("/")
    assert response.status_code == 302 and response["Location"] == "/lt/"
    html = client.get("/en/").content.decode()
    assert "/en/regions/LT025/" in html


def test_cached_profile_follows_catalogue_edits_and_new_data(client):
    from i4region.observatory.models import Indicator

    assert (
        "GDP per inhabitant in PPS, EU27 = 100" in client.get("/en/regions/LT025/").content.decode()
    )
    # an edit as the edit page or the admin makes it: saved, so recorded by the history
    gdp = Indicator.objects.get(code="gdp_pps_per_capita_eu27")
    gdp.name_en = "GDP per head in PPS (EU27 = 100)"
    gdp.save()
    html = client.get("/en/regions/LT025/").content.decode()
    assert "GDP per head in PPS (EU27 = 100)" in html

    import pandas as pd

    from i4region.compute.parsers import ParsedTable
    from i4region.observatory.importing import import_table

    newer = pd.DataFrame(
        {
            "indicator": ["gdp_pps_per_capita_eu27"],
            "geo": ["LT025"],
            "period": ["2023"],
            "value": [64.0],
            "flag": [None],
            "line": [2],
        }
    )
    import_table(
        ParsedTable(
            format="tidy_csv", dataset=None, dimensions=["indicator"], frame=newer, rows_read=1
        ),
        file_name="newer.csv",
        sha256="0" * 64,
        vintage="2026-11",
    )
    html = client.get("/en/regions/LT025/").content.decode()
    assert "2023" in html.split("headline-gdp_pps_per_capita_eu27", 1)[1][:3000]
