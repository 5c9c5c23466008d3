"""Dashboard, detail, evidence, scenario and seed as a visitor sees them."""

from decimal import Decimal
from pathlib import Path

import pytest
from django.contrib.staticfiles import finders

from i4region.initiatives import seed
from i4region.initiatives.models import BudgetLine, Fact, FundingLine, Initiative, Kpi, KpiValue
from i4region.observatory.models import Indicator

from .conftest import funding, kpi, organisation, running

pytestmark = pytest.mark.django_db


def test_dashboard_alerts_when_funding_ends_next_year(
    client, fixed_today, make_initiative, make_user
):
    """The browser journey: a funding line that ends next year opens a gap the year after."""
    ini = make_initiative("alert-centre", name_en="Alert centre")
    for year in (2026, 2027, 2028):
        running(ini, year, "100000.00")
    manager = make_user("initiative_manager")
    ini.managers.add(manager)
    client.force_login(manager)
    response = client.post(
        "/en/initiatives/alert-centre/funding/add/",
        {
            "funder_organisation": organisation("City").pk,
            "source_type": "municipality",
            "amount": "200000",
            "year_from": "2026",
            "year_to": "2027",
            "covers": "running",
            "status": "approved",
        },
    )
    assert response.status_code == 302
    page = client.get("/en/initiatives/").content.decode()
    assert "a gap of 100,000 EUR opens in 2028" in page
    assert "Alert centre" in page
    detail = client.get("/en/initiatives/alert-centre/").content.decode()
    assert "Running costs are covered by secured funding until 2027." in detail


def test_no_alert_beyond_24_months_but_the_data_cannot_tell(client, fixed_today, make_initiative):
    """A gap 31 months ahead raises no alert; with no running costs recorded for 2026-2028 the
    dashboard does not claim that all is well either."""
    ini = make_initiative("far", name_en="Far centre", theme="digital")
    running(ini, 2029, "10.00")  # starts 31 months after 2026-06-01
    page = client.get("/en/initiatives/?theme=digital").content.decode()
    assert "a gap of" not in page
    assert "No funding gap opens within the next 24 months." not in page
    assert "but they cannot tell whether a gap opens within 24 months for:" in page
    assert "Far centre</a>: no running costs recorded for 2026, 2027, 2028" in page


def test_no_gap_said_only_when_every_horizon_year_is_known(client, fixed_today, make_initiative):
    ini = make_initiative("known", name_en="Known centre", theme="digital")
    for year in (2026, 2027, 2028):
        running(ini, year, "100.00")
    funding(ini, "City", "300.00", 2026, 2028)
    page = client.get("/en/initiatives/?theme=digital").content.decode()
    assert "No funding gap opens within the next 24 months." in page
    assert "cannot tell" not in page
    # the real portfolio's amounts have no years: over the whole portfolio it cannot be said
    page = client.get("/en/initiatives/").content.decode()
    assert "No funding gap opens within the next 24 months." not in page
    assert "RoboLabas robotics competition centre</a>: amounts without a stated year" in page


def test_dashboard_filters(client, make_initiative):
    make_initiative("a", name_en="Skills centre", theme="skills", target_groups="teachers")
    make_initiative("b", name_en="Business club", theme="business", target_groups="companies")
    page = client.get("/en/initiatives/?theme=skills").content.decode()
    assert "Skills centre" in page and "Business club" not in page
    page = client.get("/en/initiatives/?target_group=companies").content.decode()
    assert "Business club" in page and "Skills centre" not in page
    page = client.get("/en/initiatives/?municipality=LT-LAU-27").content.decode()
    assert "RoboLabas" in page and "Regional development agency" not in page
    assert "Skills centre" not in page


def test_dashboard_in_lithuanian(client):
    assert client.get("/lt/initiatives/").status_code == 200


def test_kpi_progress_open_sdg(client, make_initiative):
    ini = make_initiative("kpi-centre")
    teachers = kpi(
        ini,
        "teachers",
        name_en="Teachers trained",
        name_lt="Apmokyti mokytojai",
        baseline_year=2020,
        baseline_value=100,
        target_year=2025,
        target_value=200,
    )
    KpiValue.objects.create(kpi=teachers, period="2023", value=Decimal("150"))
    # observed growth 1.5^(1/3)-1 = 14.5 %, required 2^(1/5)-1 = 14.9 %: ratio 0.97 >= 0.95
    page = client.get("/en/initiatives/kpi-centre/").content.decode()
    assert "Substantial progress" in page
    assert "<svg" in page


def test_scenario_page(client, fixed_today, make_initiative):
    ini = make_initiative("sc", name_en="Scenario centre")
    running(ini, 2026, "100.00")
    running(ini, 2027, "100.00")
    funding(ini, "City", "200.00", 2026, 2027)
    page = client.get(
        "/en/initiatives/scenario/", {"source": "funder:City", "end_year": "2026"}
    ).content.decode()
    assert "Scenario centre" in page
    assert "Total gap:" in page and "100 EUR in the scenario" in page
    bad = client.get("/en/initiatives/scenario/", {"source": "funder:Nobody", "end_year": "x"})
    assert bad.status_code == 200 and "errorlist" in bad.content.decode()


def test_seeded_real_records_with_sources(client):
    robolabas = Initiative.objects.get(slug="robolabas")
    assert robolabas.published and not robolabas.is_sample
    est = BudgetLine.objects.get(initiative=robolabas, category="establishment")
    assert est.planned == Decimal("470000.00") and est.year is None
    staff = BudgetLine.objects.get(initiative=robolabas, subcategory="staff")
    assert staff.planned is None  # the source names staff costs without an amount
    steam = FundingLine.objects.filter(initiative__slug="steam-centre").order_by("amount")
    assert [f.amount for f in steam] == [Decimal("350000.00"), Decimal("450000.00")]
    agency = BudgetLine.objects.get(initiative__slug="development-agency")
    assert agency.planned == Decimal("290000.00")
    attendance = KpiValue.objects.get(kpi__initiative=robolabas, period="2021-12")
    assert attendance.value == 300 and attendance.qualifier == "more_than"
    assert "lrytas.lt" in attendance.source_url
    page = client.get("/en/initiatives/robolabas/evidence/").content.decode()
    assert "470,000" in page and "more than 300" in page
    assert "https://www.lrytas.lt/lietuvosdiena/svietimas/2021/12/18/" in page
    assert "<style" not in page and 'style="' not in page and '<article class="evidence">' in page
    printed = Path(finders.find("i4region/site.css")).read_text(encoding="utf-8")
    assert ".evidence a.source::after" in printed  # printed, each source's address is written out
    assert client.get("/en/initiatives/development-agency/").status_code == 200


def test_seed_is_idempotent():
    counts = [m.objects.count() for m in (Initiative, BudgetLine, FundingLine, Kpi, KpiValue, Fact)]
    seed.load()
    assert [
        m.objects.count() for m in (Initiative, BudgetLine, FundingLine, Kpi, KpiValue, Fact)
    ] == counts


def test_api_sustainability(client, make_initiative):
    ini = make_initiative("api-centre")
    running(ini, 2026, "10.00")
    data = client.get("/api/v1/initiatives/api-centre/sustainability").json()
    assert data["currency"] == "EUR" and data["years"][0]["gap"] == "10.00"


def test_kpi_shows_linked_regional_indicator(client, make_initiative):
    indicator = Indicator.objects.filter(observations__region__code="LT025").distinct().first()
    ini = make_initiative("linked")
    kpi(ini, "k", indicator=indicator)
    page = client.get("/en/initiatives/linked/").content.decode()
    assert f"Regional indicator: {indicator.name_en} — Panevėžys" in page


def test_forms_refuse_periods_in_the_wrong_order(client, make_initiative, make_user):
    make_initiative("ordered")
    client.force_login(make_user("secretariat"))
    kpi_form = {"code": "k", "kind": "output", "name_en": "Pupils", "name_lt": "Mokiniai"}
    kpi_form |= {"unit_en": "persons", "unit_lt": "asmenys", "direction": "higher"}
    same_year = {**kpi_form, "baseline_year": "2024", "target_year": "2024"}
    page = client.post("/en/initiatives/ordered/kpi/add/", same_year).content.decode()
    assert "The target year must be after the baseline year." in page
    assert not Kpi.objects.filter(initiative__slug="ordered").exists()
    later = {**kpi_form, "baseline_year": "2024", "target_year": "2025"}
    assert client.post("/en/initiatives/ordered/kpi/add/", later).status_code == 302
    edit = {"slug": "ordered", "name_en": "Ordered", "name_lt": "Tvarkingas", "type": "programme"}
    edit |= {"lifecycle": "operating", "start_date": "2025-01-01", "end_date": "2024-12-31"}
    page = client.post("/en/initiatives/ordered/edit/", edit).content.decode()
    assert "The end date is before the start date." in page
