"""The real portfolio tells the truth: sourced amounts without invented years, the unfunded
running costs said plainly, runway only where the years are known, shares as per cent."""

import re

import pytest

from i4region.initiatives.models import BudgetLine

from .conftest import funding, running

pytestmark = pytest.mark.django_db

NBSP = "\u00a0"


def section(page: str, anchor: str) -> str:
    """The text of the dashboard section that starts at the heading with this id."""
    start = page.index(f'id="{anchor}"')
    end = page.find("<h2", start + 1)
    return re.sub(r"[ \t\r\n]+", " ", re.sub(r"<[^>]+>", " ", page[start:end]))


def test_dashboard_in_english_shows_the_sourced_amounts_and_what_is_unknown(client):
    page = client.get("/en/initiatives/").content.decode()
    sources = section(page, "sources-say")
    assert "470,000" in sources and "350,000" in sources and "450,000" in sources
    assert "290,000" in sources and "every year; the years are not stated" in sources
    assert sources.count("not stated in the source") >= 5  # RoboLabas x3, STEAM x2
    assert "amount not given" in sources  # RoboLabas staff and building maintenance
    assert "Panevėžio miesto savivaldybė" in sources and "Europos Sąjungos fondai" in sources
    assert not re.search(r"\b(19|20)\d\d\b", sources)  # no year the sources do not give
    costs = section(page, "running-costs")
    assert "This is the sustainability problem the board was set up to solve." in costs
    assert "RoboLabas robotics competition centre" in costs
    assert "Staff (named by the source, amount not given)" in costs
    assert "Building maintenance (named by the source, amount not given)" in costs
    assert "Panevėžys regional STEAM open-access centre : no running costs recorded" in costs
    assert "290,000 EUR, every year; the years are not stated" in costs


def test_dashboard_in_lithuanian(client):
    page = client.get("/lt/initiatives/").content.decode()
    sources = section(page, "sources-say")
    assert f"470{NBSP}000" in sources and f"350{NBSP}000" in sources
    assert f"450{NBSP}000" in sources and f"290{NBSP}000" in sources
    assert "kasmet; metai nenurodyti" in sources and "šaltinyje nenurodyta" in sources
    assert "suma nenurodyta" in sources
    costs = section(page, "running-costs")
    assert "Tai ir yra tvarumo problema, kuriai spręsti taryba buvo įkurta." in costs
    assert "Personalas (šaltinis jas mini, bet suma nenurodyta)" in costs
    assert "Robotikos varžybų centras „RoboLabas“" in costs
    for english in ("not stated", "every year", "amount not given", "running costs"):
        assert english not in sources + costs


def test_facts_in_both_languages(client):
    lt = client.get("/lt/initiatives/robolabas/").content.decode()
    assert "Reguliariai „RoboLabą“ lankantys vaikai" in lt
    assert "asmenys (daugiau nei)" in lt
    en = client.get("/en/initiatives/robolabas/").content.decode()
    assert "RoboLabas regular attendance" in en


def test_no_running_costs_is_never_covered_until_a_year_with_a_gap(client, make_initiative):
    """Establishment costs 2027-2029, funding for 2027-2028: 2029 shows the gap and nothing
    claims the initiative is covered until 2029."""
    ini = make_initiative("est-only", name_en="Establishment only")
    for year in (2027, 2028, 2029):
        BudgetLine.objects.create(
            initiative=ini, year=year, category="establishment", planned="80000"
        )
    funding(ini, "City", "160000", 2027, 2028, covers="both")
    detail = client.get("/en/initiatives/est-only/").content.decode()
    assert "covered by secured funding until" not in detail
    assert "No running costs are recorded for any year" in detail
    assert "80,000" in detail  # the 2029 gap
    page = client.get("/en/initiatives/").content.decode()
    row = page[page.index("Establishment only") :]
    row = row[: row.index("</tr>")]
    assert "no running costs recorded" in row and "2029" not in row


def test_shares_are_per_cent_everywhere(client, make_initiative):
    ini = make_initiative("one-funder", name_en="One funder")
    running(ini, 2026, "100.00")
    funding(ini, "City", "100.00", 2026, 2026)
    for lang, full in (("lt", f"100{NBSP}%"), ("en", f"100{NBSP}%")):
        page = client.get(f"/{lang}/initiatives/one-funder/").content.decode()
        assert full in page
        assert "1,00" not in page and "1.00;" not in page
        assert f"10{NBSP}000" in page or "10,000" in page  # HHI on its 0-10,000 scale
    api = client.get("/api/v1/initiatives/one-funder/sustainability").json()
    assert api["largest_funder_share_percent"] == "100.00"
