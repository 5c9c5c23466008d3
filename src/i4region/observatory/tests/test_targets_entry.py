"""Targets with Open SDG progress status, and the data entry form with its history."""

import pytest
from django.forms.models import model_to_dict

from i4region.observatory.forms import IndicatorForm
from i4region.observatory.models import Indicator, Observation, Target
from i4region.observatory.services import hand_entries
from i4region.regions.models import Region

pytestmark = pytest.mark.django_db


# a valid post per page: the indicator (by code), the other fields, the note
FORMS = {
    "targets": (
        "gdp_pps_per_capita_eu27",
        {"region": "lt025", "value": "75", "year": "2030", "baseline_year": "2015"},
        "Regional strategy",
    ),
    "entry": (
        "robolabas_participants",
        {"region": "LT025", "period": "2024", "value": "310", "flag": ""},
        "RoboLabas annual report",
    ),
}


def form(page: str, indicator: str = "", **extra) -> dict:
    """A valid post to the targets or the data entry page, with `extra` changed."""
    default, fields, note = FORMS[page]
    code = indicator or default
    return {"indicator": Indicator.objects.get(code=code).pk, **fields, "note": note, **extra}


def test_secretariat_sets_a_target_and_sees_distance_and_status(client, make_user):
    client.force_login(make_user("secretariat"))
    response = client.post("/en/observatory/targets/", form("targets"))
    assert response.status_code == 302
    target = Target.objects.get()
    assert target.region.code == "LT025" and target.created_by is not None
    html = client.get("/en/observatory/targets/").content.decode()
    # baseline 57 (2015), latest 62 (2021): 1.4% a year observed, 1.9% a year needed
    assert "57 (2015)" in html and "62 (2021)" in html and ">13<" in html
    assert "Moderate progress" in html
    page = client.get(
        "/en/observatory/indicators/gdp_pps_per_capita_eu27/", {"region": "LT025"}
    ).content.decode()
    assert "Target 75 by 2030 (baseline 2015)." in page and "Distance to target: 13." in page


def test_only_the_secretariat_sets_targets(client, make_user):
    response = client.post("/en/observatory/targets/", form("targets"))
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]
    client.force_login(make_user("board_member"))
    assert client.post("/en/observatory/targets/", form("targets")).status_code == 403
    assert "Set a target" not in client.get("/en/observatory/targets/").content.decode()
    assert not Target.objects.exists()


def test_data_entry_keeps_history_of_who_changed_what(client, make_user):
    user = make_user("secretariat", username="ruta")
    client.force_login(user)
    assert client.post("/en/observatory/entry/", form("entry")).status_code == 302
    assert (
        client.post("/en/observatory/entry/", form("entry", value="320", flag="p")).status_code
        == 302
    )
    obs = Observation.objects.get(indicator__code="robolabas_participants")
    assert (obs.value, obs.flag, obs.vintage) == (320, "p", "manual")
    entries = hand_entries()
    assert [(e.verb, e.who) for e in entries] == [("changed", "ruta"), ("created", "ruta")]
    assert [(c.label, c.before, c.after) for c in entries[0].changes] == [
        ("Value", "310", "320"),
        ("Flag", "–", "p"),
    ]
    client.post("/en/observatory/entry/", form("entry", value="320", flag="p"))
    assert len(hand_entries()) == 2  # the same value again changes nothing
    html = client.get("/en/observatory/entry/").content.decode()
    assert "ruta" in html and "RoboLabas annual report" in html
    lithuanian = client.get("/lt/observatory/entry/").content.decode()
    section = lithuanian.split('id="history-heading"', 1)[1]
    assert "Pakeista" in section and "Value" not in section and "None" not in section
    page = client.get(
        "/en/observatory/indicators/robolabas_participants/", {"region": "LT025"}
    ).content.decode()
    assert "320" in page


@pytest.mark.parametrize(
    "page, extra, message",
    [
        ("targets", {"baseline_year": "2031"}, "The baseline year must be before the target year."),
        ("targets", {"region": "XX999"}, "No region has the code “XX999”."),
        ("targets", {"value": "nan"}, "Enter a number."),
        ("targets", {"year": "3000"}, "Enter a year between 1990 and 2100."),
        ("entry", {"period": "last year"}, "Enter a year such as 2025."),
        ("entry", {"region": "LT"}, "is level 0"),
        ("entry", {"value": "inf"}, "Enter a number."),
        ("entry", {"note": ""}, "This field is required."),
        ("entry", {"indicator": "population"}, "Select a valid choice."),  # not entered by hand
    ],
)
def test_targets_and_data_entry_refuse_bad_input(client, make_user, page, extra, message):
    client.force_login(make_user("secretariat"))
    response = client.post(f"/en/observatory/{page}/", form(page, **extra))
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not Target.objects.exists() and not hand_entries()


def test_only_the_secretariat_enters_data(client, make_user):
    response = client.get("/en/observatory/entry/")
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]
    client.force_login(make_user("company_rep"))
    assert client.post("/en/observatory/entry/", form("entry")).status_code == 403
    assert not Observation.objects.filter(indicator__code="robolabas_participants").exists()
    assert Region.objects.filter(code="LT025").exists()


def test_secretariat_edits_indicator_metadata_and_setup_keeps_it(client, make_user):
    from i4region.observatory.importing import load_catalogue

    url = "/en/observatory/indicators/median_age/edit/"
    assert client.get(url).status_code == 302
    client.force_login(make_user("board_member"))
    assert client.get(url).status_code == 403
    client.force_login(make_user("secretariat"))
    indicator = Indicator.objects.get(code="median_age")
    form = model_to_dict(indicator, fields=IndicatorForm.Meta.fields)  # as the page shows it
    bad = client.post(url, {**form, "levels": "0,9", "published": "on"})
    assert "Levels are 0–4 separated by commas; not 9." in bad.content.decode()
    response = client.post(
        url,
        {**form, "levels": "0, 2,3", "published": "on", "notes_en": "Checked by the secretariat."},
    )
    assert response.status_code == 302
    load_catalogue()
    indicator.refresh_from_db()
    assert indicator.notes_en == "Checked by the secretariat." and indicator.levels == "0,2,3"


def test_a_target_of_the_other_sign_says_why_it_has_no_status(client, make_user):
    """A growth rate cannot cross zero: the page says so in the reader's language, not the
    engine's English."""
    user = make_user("secretariat")
    # lower is better here, so a target below zero is not met by today's 62
    Indicator.objects.filter(code="gdp_pps_per_capita_eu27").update(polarity="lower")
    Target.objects.create(
        indicator=Indicator.objects.get(code="gdp_pps_per_capita_eu27"),
        region=Region.objects.get(code="LT025"),
        value=-5,
        year=2030,
        baseline_year=2015,
        created_by=user,
    )
    client.force_login(user)
    html = client.get("/lt/observatory/targets/").content.decode()
    assert "Būsenos nėra: tikslo ženklas kitas nei bazinių 2015 metų reikšmės" in html
    assert "cross zero" not in html and "baseline_value" not in html
    english = client.get("/en/observatory/targets/").content.decode()
    assert (
        "No status: the target has the other sign than the value in the baseline year 2015"
        in english
    )
