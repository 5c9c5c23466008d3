"""Pages near the server's floor (#16): the region profile and the indicator page are rendered
once per state of the data and served from the cache, yet show every change on the next view,
keep the signed-in parts per visitor, and stay small enough to send."""

import gzip
import re
from decimal import Decimal
from io import StringIO

import pytest
from django.core.management import call_command

from i4region.observatory import services
from i4region.observatory.models import Indicator
from i4region.regions.models import Region

pytestmark = pytest.mark.django_db

PROFILE = "/en/regions/LT025/"
# a NUTS3 indicator: the page draws Lithuania's and all of Europe's NUTS3 regions
MAP_PAGE = "/{lang}/observatory/indicators/population_density/"


def test_warm_profile_page_costs_the_stamp_and_one_cache_read(
    client, django_assert_max_num_queries
):
    first = client.get(PROFILE).content
    # the stamp query and the shared cache's read (inside a test's transaction the process's
    # own memory is not used, so this is the most a warm page costs anywhere)
    with django_assert_max_num_queries(2):
        again = client.get(PROFILE)
    assert again.status_code == 200 and again.content == first


def test_an_imported_release_shows_on_the_next_view(client, tmp_path):
    assert "123,457" not in client.get(PROFILE).content.decode()
    tidy = tmp_path / "population.csv"
    tidy.write_text("indicator,region,period,value,flag\npopulation,LT025,2030,123457,\n")
    call_command("import", str(tidy), "--vintage", "2026-11", stdout=StringIO())
    html = client.get(PROFILE).content.decode()
    assert "123,457" in html and "2026-11" in html


def test_a_value_edited_by_hand_shows_on_the_next_view(client, make_user):
    indicator = Indicator.objects.filter(manual=True, published=True).first()
    region = Region.objects.get(code="LT025")
    url = f"/en/observatory/indicators/{indicator.code}/?region=LT025"
    before = client.get(url).content.decode()
    assert "98,765" not in before
    services.enter_value(
        indicator=indicator,
        region=region,
        period="2024",
        value=Decimal("98765"),
        flag="",
        note="",
        user=make_user("secretariat"),
    )
    assert "98,765" in client.get(url).content.decode()


def test_an_edited_indicator_name_shows_on_the_next_view(client):
    assert "Headcount of Panevėžys" not in client.get(PROFILE).content.decode()
    population = Indicator.objects.get(code="population")
    population.name_en = "Headcount of Panevėžys"
    population.save()  # recorded by the history, which the stamp reads
    assert "Headcount of Panevėžys" in client.get(PROFILE).content.decode()


def test_the_two_languages_are_cached_apart(client):
    english = client.get(PROFILE).content.decode()
    lithuanian = client.get("/lt/regions/LT025/").content.decode()
    assert 'lang="en"' in english and "Headline indicators" in english
    assert 'lang="lt"' in lithuanian and "Headline indicators" not in lithuanian
    assert "Panevėžio apskritis" in lithuanian
    assert client.get(PROFILE).content.decode() == english


def test_signed_in_parts_are_never_shared(client, make_user):
    anonymous = client.get(PROFILE).content.decode()
    assert "csrfmiddlewaretoken" not in anonymous and "Log in" in anonymous
    user = make_user("secretariat", username="rasa")
    client.force_login(user)
    signed_in = client.get(PROFILE).content.decode()
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', signed_in)
    assert "rasa" in signed_in and "Log out" in signed_in and token
    # the content itself came from the cache the anonymous visit filled
    assert anonymous.split('<main id="main">')[1] == signed_in.split('<main id="main">')[1]
    client.logout()
    again = client.get(PROFILE).content.decode()
    assert "rasa" not in again and token.group(1) not in again


def test_unknown_peer_codes_are_named_beside_a_cached_profile(client):
    client.get(PROFILE, {"peers": "LT011"})
    html = client.get(PROFILE, {"peers": "LT011,XX999"}).content.decode()
    assert "No region has the code XX999; it was left out." in html
    assert 'value="LT011"' in html


@pytest.mark.parametrize(
    "lang, name", [("en", "Saône-et-Loire: 63.7"), ("lt", "Saône-et-Loire: 63,7")]
)
def test_indicator_page_is_small_and_names_every_shape(client, lang, name):
    response = client.get(MAP_PAGE.format(lang=lang), {"region": "LT025"})
    html = response.content
    assert len(html) <= 150 * 1024
    titles = re.findall(r"<path d=\"[^\"]+\"><title>([^<]+)</title></path>", html.decode())
    assert len(titles) > 1400  # every NUTS3 region of Europe and Lithuania
    assert any(t.startswith(name) for t in titles)
    # the home region is outlined on both maps
    lit = re.findall(
        r'class="region q\d highlight"[^>]*><path d="[^"]+"><title>([^<:]+)', html.decode()
    )
    assert lit == ["Panevėžio apskritis", "Panevėžio apskritis"]


def test_one_map_serves_every_region_with_its_own_outline(client):
    client.get(MAP_PAGE.format(lang="en"), {"region": "LT025"})
    html = client.get(MAP_PAGE.format(lang="en"), {"region": "LT011"}).content.decode()
    lit = re.findall(r'class="region q\d highlight"[^>]*><path d="[^"]+"><title>([^<:]+)', html)
    assert lit == ["Vilniaus apskritis", "Vilniaus apskritis"]


def test_warm_indicator_page_costs_the_stamp_and_one_cache_read(
    client, django_assert_max_num_queries
):
    url = MAP_PAGE.format(lang="en")
    client.get(url, {"region": "LT025"})
    with django_assert_max_num_queries(2):
        assert client.get(url, {"region": "LT025"}).status_code == 200


def test_pages_are_compressed_for_clients_that_accept_gzip(client):
    url = MAP_PAGE.format(lang="en")
    plain = client.get(url, {"region": "LT025"})
    packed = client.get(url, {"region": "LT025"}, HTTP_ACCEPT_ENCODING="gzip")
    assert "Content-Encoding" not in plain and packed["Content-Encoding"] == "gzip"
    body = gzip.decompress(packed.content)
    assert body.count(b"<path") > 1400 and len(packed.content) < len(plain.content) / 3
