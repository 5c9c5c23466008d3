"""The site search finds regions without diacritics and shows only what the reader may see."""

import pytest
from django.utils import translation

from i4region.stakeholders.models import Organisation

pytestmark = pytest.mark.django_db


def main_of(response) -> str:
    return response.content.decode().split("<main", 1)[1].split("</main>")[0]


def test_panevezys_without_diacritics_finds_lt025(client):
    html = main_of(client.get("/en/search/", {"q": "Panevezys"}))
    assert "/en/regions/LT025/" in html and "Panevėžys County" in html


def test_indicators_by_name_in_either_language(client):
    assert "/en/observatory/indicators/gerd_pc_gdp/" in main_of(
        client.get("/en/search/", {"q": "R&D expenditure"})
    )
    assert "/lt/observatory/indicators/unemployment_rate/" in main_of(
        client.get("/lt/search/", {"q": "nedarbo"})
    )


def test_unpublished_organisation_is_found_only_by_those_allowed(client, make_user):
    hidden = Organisation.objects.order_by("pk").first()
    Organisation.objects.filter(pk=hidden.pk).update(published=False)
    with translation.override("en"):
        url = hidden.get_absolute_url()
    assert url not in main_of(client.get("/en/search/", {"q": hidden.name}))
    client.force_login(make_user("secretariat"))
    assert url in main_of(client.get("/en/search/", {"q": hidden.name}))


def test_nothing_found_says_so_and_a_nul_byte_is_a_bad_request(client):
    html = main_of(client.get("/en/search/", {"q": "zzqqxx"}))
    assert "Nothing you may see matches “zzqqxx”." in html
    assert client.get("/en/search/", {"q": "Pane\x00"}).status_code == 400


def test_the_header_search_box_leads_here(client):
    html = client.get("/en/observatory/indicators/").content.decode()
    assert 'action="/en/search/"' in html and 'name="q"' in html
