"""Every id on the observatory's pages is unique: a chart found by its id is the chart meant."""

import re
from collections import Counter

import pytest

pytestmark = pytest.mark.django_db

ID = re.compile(r"""\sid=["']([^"']+)["']""")


def duplicate_ids(html: str) -> list[str]:
    return [i for i, n in Counter(ID.findall(html)).items() if n > 1]


@pytest.mark.parametrize(
    "url",
    [
        "/en/regions/LT025/",
        "/lt/regions/LT025/",
        "/en/regions/LT02/",
        "/en/observatory/indicators/population/?region=LT025&peers=LT011",
    ],
)
def test_no_two_elements_share_an_id(client, url):
    response = client.get(url)
    assert response.status_code == 200
    html = response.content.decode()
    assert html.count("<svg") >= 2
    assert duplicate_ids(html) == []


def test_profile_shows_the_release_chart_beside_the_comparison(client):
    html = client.get("/en/regions/LT025/").content.decode()
    ids = ID.findall(html)
    assert "compare-population-LT025" in ids and "releases-population-LT025" in ids
