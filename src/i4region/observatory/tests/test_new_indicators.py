"""Published numbers of the new indicators, through the API, each with source, dataset and release."""

import pytest

pytestmark = pytest.mark.django_db


def value_of(client, indicator: str, region: str, period: str) -> dict:
    response = client.get("/api/v1/series", {"indicator": indicator, "region": region})
    assert response.status_code == 200, response.content
    data = response.json()
    return next(o for o in data["observations"] if o["period"] == period)


@pytest.mark.parametrize(
    "indicator, region, period, value, dataset, release",
    [
        ("gerd_pc_gdp", "LT02", "2023", 0.69, "tgs00042", "2026-02"),
        ("unemployment_rate", "LT02", "2024", 7.7, "tgs00010", "2026-02"),
        ("employment_rate_15_64", "LT02", "2024", 72.0, "tgs00007", "2026-02"),
        ("tertiary_attainment_25_64", "LT02", "2024", 41.0, "tgs00109", "2026-02"),
        ("epo_patents_per_million", "LT025", "2012", 1.583, "pat_ep_rtot", "2025-08"),
        ("neet_rate_15_29", "LT02", "2022", 12.3, "edat_lfse_22", "2024-01"),
        ("households_internet_access", "LT02", "2025", 87.83, "isoc_r_iacc_h", "2026-06"),
        ("gva_volume_index_2015", "LT02", "2023", 118.1, "nama_10r_2gvagr", "2026-02"),
    ],
)
def test_golden_values_with_provenance(client, indicator, region, period, value, dataset, release):
    o = value_of(client, indicator, region, period)
    assert o["value"] == value
    assert (o["dataset"], o["vintage"]) == (dataset, release)
    assert o["source"] == f"Source: Eurostat ({dataset})"


def test_patents_are_recoded_from_nuts_2010_and_splits_kept_out(client):
    from i4region.observatory.models import Observation

    # LT005 (NUTS 2010) is LT025 now; no value is stored under a code NUTS 2021 lacks
    assert value_of(client, "epo_patents_per_million", "LT025", "2012")["value"] == 1.583
    stored = Observation.objects.filter(indicator__code="epo_patents_per_million")
    assert not stored.filter(region__code="LT005").exists()
    # Belgian BE322 was split between NUTS versions: kept out rather than shared or summed
    assert not stored.filter(region__code__in=["BE32B", "BE32C"]).exists()


def test_unemployment_keeps_both_releases(client):
    old = client.get(
        "/api/v1/series",
        {"indicator": "unemployment_rate", "region": "LT02", "vintage": "2019-04"},
    ).json()
    assert {o["period"]: o["value"] for o in old["observations"]}["2017"] == 8.1
    newest = {o["period"]: o["vintage"] for o in value_series(client, "unemployment_rate", "LT02")}
    assert newest["2024"] == "2026-02" and newest["2013"] == "2026-02"


def value_series(client, indicator, region):
    return client.get("/api/v1/series", {"indicator": indicator, "region": region}).json()[
        "observations"
    ]


def test_county_profile_shows_nuts2_values_labelled(client):
    html = client.get("/en/regions/LT025/").content.decode()
    card = html.split('id="headline-gerd_pc_gdp"', 1)[1].split("</div>", 1)[0]
    assert "Published for NUTS2 only" in card and "(LT02)" in card
    assert "0.69" in card and "release 2026-02" in card
    assert "Source: Eurostat (tgs00042)" in card
    assert "/en/indices/regions/LT02/" in html and "(LT02, NUTS2)" in html


def test_notes_shown_beside_the_value_in_page_api_and_download(client):
    page = client.get(
        "/en/observatory/indicators/median_age/", {"region": "LT025"}
    ).content.decode()
    assert "Implausible in the source: 49.5 is above both" in page
    o = value_of(client, "median_age", "LT025", "2014")
    assert o["value"] == 49.5 and o["note"].startswith("Implausible in the source")
    csv_text = client.get(
        "/en/observatory/indicators/active_enterprises/data.csv", {"region": "LT025"}
    ).content.decode()
    row = next(line for line in csv_text.splitlines() if ",2014," in line)
    assert "4230" in row and "Partial count" in row
    lt = client.get("/lt/observatory/indicators/median_age/", {"region": "LT025"}).content.decode()
    assert "Šaltinyje neįtikima" in lt


def test_population_chart_draws_two_releases_and_says_where_they_join(client):
    html = client.get("/en/regions/LT025/").content.decode()
    section = html.split('id="pop-heading"', 1)[1]
    assert "Panevėžys County, release 2022-10" in section
    assert "Panevėžys County, release 2026-04" in section
    assert (
        "2015 is the last year shown from release 2022-10, 2016 the first from release 2026-04"
        in section
    )


def test_compare_page_shows_three_series_and_a_table(client):
    response = client.get(
        "/en/observatory/compare/", {"regions": "LT025,LT011,LV008", "indicators": "population"}
    )
    html = response.content.decode()
    main = html.split("<main", 1)[1]
    for name in ("Panevėžys County", "Vilnius County", "Vidzeme"):
        assert name in main.split('<section aria-labelledby="panel-population"', 1)[1]
    assert main.count('class="series') >= 3  # the region (per release) and two more lines
    assert 'data-key="LT011"' in main and 'data-key="LV008"' in main
    assert "/en/observatory/chart/population.svg?regions=LT025%2CLT011%2CLV008" in main


def test_picker_sends_repeated_parameters_and_lands_on_the_shareable_address(client):
    response = client.get(
        "/en/observatory/compare/",
        {"regions": ["LT025", "LT011"], "indicators": ["population", "unemployment_rate"]},
    )
    assert response.status_code == 302
    assert response["Location"] == (
        "/en/observatory/compare/?regions=LT025%2CLT011&indicators=population%2Cunemployment_rate"
    )


def test_every_chart_is_an_svg_image_of_its_own(client):
    response = client.get("/en/observatory/chart/population.svg", {"regions": "LT025,LT"})
    assert response.status_code == 200
    assert response["Content-Type"].startswith("image/svg+xml")
    body = response.content.decode()
    assert body.startswith("<svg") and 'xmlns="http://www.w3.org/2000/svg"' in body
    assert "Source: Eurostat (demo_r_pjanaggr3)" in body
    saved = client.get("/en/observatory/chart/population.svg", {"regions": "LT025", "download": 1})
    assert saved["Content-Disposition"].startswith("attachment")
    page = client.get(
        "/en/observatory/indicators/population/", {"region": "LT025"}
    ).content.decode()
    assert "/en/observatory/chart/population.svg?regions=LT025" in page
    assert "&lt;img src=" in page and "PNG image" in page
    assert client.get("/en/observatory/chart/population.svg").status_code == 404


def test_indicator_page_headline_tile(client):
    html = client.get(
        "/en/observatory/indicators/unemployment_rate/", {"region": "LT02"}
    ).content.decode()
    tile = html.split('class="card status-tile"', 1)[1].split("</section>", 1)[0]
    assert "7.7" in tile and "2024" in tile and "release 2026-02" in tile
    assert "Change since 2023: -0.1 (both values from one release)" in tile
    assert "No target is set for this region." in tile


def _lt00_rows() -> dict[str, float]:
    """The source file's own LT00 rows (NUTS 2013: all of Lithuania was one NUTS2 region)."""
    from i4region.compute.parsers import read_any
    from i4region.observatory.catalogue import DATA

    frame = read_any(DATA / "eurostat" / "tgs00010_unemployment_nuts2_2006-2017.tsv").to_pandas()
    rows = frame[
        (frame["geo"] == "LT00")
        & (frame["unit"] == "PC")
        & (frame["age"] == "Y_GE15")
        & (frame["sex"] == "T")
    ]
    return dict(zip(rows["period"], rows["value"].astype(float), strict=True))


def test_unemployment_of_lithuania_2006_2012_recoded_from_nuts_2013(client):
    expected = _lt00_rows()
    assert sorted(expected) == [str(y) for y in range(2006, 2013)]
    data = client.get("/api/v1/series", {"indicator": "unemployment_rate", "region": "LT"}).json()
    got = {o["period"]: o for o in data["observations"]}
    assert {p: o["value"] for p, o in got.items()} == expected
    for o in got.values():
        assert o["vintage"] == "2019-04" and o["source"] == "Source: Eurostat (tgs00010)"
        assert o["recoded"].startswith("Recoded from NUTS 2013 code LT00, which covered all of LT")
        assert "JRC NUTS converter matrices, release 2025.08: n2_cm_v2013_v2016" in o["recoded"]
    # values published under today's codes say nothing of a recoding
    lt02 = value_series(client, "unemployment_rate", "LT02")
    assert lt02 and all(o["recoded"] is None for o in lt02)


def test_recoding_named_in_the_series_downloads(client):
    import csv
    import io

    for url in (
        "/api/v1/series.csv?indicator=unemployment_rate&region=LT",
        "/en/observatory/indicators/unemployment_rate/data.csv?region=LT",
    ):
        rows = list(csv.DictReader(io.StringIO(client.get(url).content.decode("utf-8-sig"))))
        assert {r["period"]: float(r["value"]) for r in rows} == _lt00_rows(), url
        assert all("NUTS 2013 code LT00" in r["recoded"] for r in rows), url
        assert all("n2_cm_v2013_v2016" in r["recoded"] for r in rows), url


def test_patents_name_their_one_to_one_recoding(client):
    o = value_of(client, "epo_patents_per_million", "LT025", "2012")
    assert o["recoded"].startswith("Recoded one-to-one from NUTS 2010 code LT005")
    assert "n3_cm_v2013_v2016 → n3_cm_v2016_v2021" in o["recoded"]
