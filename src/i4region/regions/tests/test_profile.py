"""The region profile says what the board needs, computed from the data, with comparisons."""

import pytest

pytestmark = pytest.mark.django_db


def main_of(response) -> str:
    return response.content.decode().split("<main", 1)[1].split("</main>")[0]


@pytest.fixture
def html(client) -> str:
    """The main part of Panevėžys County's (LT025) profile in English."""
    return main_of(client.get("/en/regions/LT025/"))


def test_lt025_says_the_population_fell_by_about_a_quarter_within_one_release(html):
    assert (
        "Between 2005 and 2020 the population of Panevėžys County fell from 284,918 to "
        "211,189: by about a quarter (25.9%)."
    ) in html
    assert "Both figures from the Eurostat release 2022-10" in html
    assert (
        "The newer release 2026-04, revised after the 2021 census, gives 218,237 for 2020" in html
    )


def test_lt025_gdp_per_head_is_well_below_the_lithuanian_average(html):
    assert (
        "GDP per head in purchasing power standards in 2021 was 62 in Panevėžys County "
        "against 89 in Lithuania (EU27 = 100): well below the national average."
    ) in html
    card = html.split('id="headline-gdp_pps_per_capita_eu27"', 1)[1].split("</div>", 1)[0]
    assert "Lithuania: 89 (gap -27)" in card
    assert "EU27: 100 (gap -38)" in card
    assert "Rank 5 of 10 in the country" in card
    assert "<svg" in card  # the trend sparkline


def test_lt025_in_lithuanian_says_it_in_words(client):
    html = main_of(client.get("/lt/regions/LT025/"))
    assert "maždaug ketvirtadaliu" in html
    assert "gerokai žemiau" in html


def test_peers_are_charted_and_unknown_codes_reported(client):
    html = main_of(client.get("/en/regions/LT025/", {"peers": "LT022,lt023,XX999"}))
    assert "Kaunas County" in html and "Klaipėda County" in html
    assert 'value="LT022,LT023"' in html
    assert "No region has the code XX999; it was left out." in html


def test_municipalities_with_their_latest_population(html):
    section = html.split('id="mun-heading"', 1)[1]
    assert "Panevėžys city municipality" in section and "88,678" in section
    assert "Statistics Lithuania" in section


def test_headline_links_to_the_indicator_page(html):
    assert "/en/observatory/indicators/gdp_pps_per_capita_eu27/?region=LT025" in html
