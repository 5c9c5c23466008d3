"""Targets with Open SDG progress status, and the data entry form with its history."""

import pytest

from i4region.observatory.models import Indicator, Observation, Target
from i4region.observatory.services import hand_entries
from i4region.regions.models import Region

pytestmark = pytest.mark.django_db


def target_form(**extra) -> dict:
    return {
        "indicator": Indicator.objects.get(code="gdp_pps_per_capita_eu27").pk,
        "region": "lt025",
        "value": "75",
        "year": "2030",
        "baseline_year": "2015",
        "note": "Regional strategy",
        **extra,
    }


def test_secretariat_sets_a_target_and_sees_distance_and_status(client, make_user):
    client.force_login(make_user("secretariat"))
    response = client.post("/en/observatory/targets/", target_form())
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


@pytest.mark.parametrize(
    "extra, message",
    [
        ({"baseline_year": "2031"}, "The baseline year must be before the target year."),
        ({"region": "XX999"}, "No region has the code “XX999”."),
        ({"value": "nan"}, "Enter a number."),
        ({"year": "3000"}, "Enter a year between 1990 and 2100."),
    ],
)
def test_target_form_refuses_bad_input(client, make_user, extra, message):
    client.force_login(make_user("secretariat"))
    response = client.post("/en/observatory/targets/", target_form(**extra))
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not Target.objects.exists()


def test_only_the_secretariat_sets_targets(client, make_user):
    response = client.post("/en/observatory/targets/", target_form())
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]
    client.force_login(make_user("board_member"))
    assert client.post("/en/observatory/targets/", target_form()).status_code == 403
    assert "Set a target" not in client.get("/en/observatory/targets/").content.decode()
    assert not Target.objects.exists()


def entry_form(**extra) -> dict:
    return {
        "indicator": Indicator.objects.get(code="robolabas_participants").pk,
        "region": "LT025",
        "period": "2024",
        "value": "310",
        "flag": "",
        "note": "RoboLabas annual report",
        **extra,
    }


def test_data_entry_keeps_history_of_who_changed_what(client, make_user):
    user = make_user("secretariat", username="ruta")
    client.force_login(user)
    assert client.post("/en/observatory/entry/", entry_form()).status_code == 302
    assert (
        client.post("/en/observatory/entry/", entry_form(value="320", flag="p")).status_code == 302
    )
    obs = Observation.objects.get(indicator__code="robolabas_participants")
    assert (obs.value, obs.flag, obs.vintage) == (320, "p", "manual")
    entries = hand_entries()
    assert [(e.verb, e.who) for e in entries] == [("changed", "ruta"), ("created", "ruta")]
    assert [(c.label, c.before, c.after) for c in entries[0].changes] == [
        ("Value", "310", "320"),
        ("Flag", "–", "p"),
    ]
    client.post("/en/observatory/entry/", entry_form(value="320", flag="p"))
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
    "extra, message",
    [
        ({"period": "last year"}, "Enter a year such as 2025."),
        ({"region": "LT"}, "is level 0"),
        ({"value": "inf"}, "Enter a number."),
        ({"note": ""}, "This field is required."),
        ({"indicator": "1"}, "Select a valid choice."),
    ],
)
def test_data_entry_refuses_bad_input(client, make_user, extra, message):
    client.force_login(make_user("secretariat"))
    if extra.get("indicator") == "1":
        extra["indicator"] = Indicator.objects.get(code="population").pk  # not a manual one
    response = client.post("/en/observatory/entry/", entry_form(**extra))
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not hand_entries()


def test_only_the_secretariat_enters_data(client, make_user):
    response = client.get("/en/observatory/entry/")
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]
    client.force_login(make_user("company_rep"))
    assert client.post("/en/observatory/entry/", entry_form()).status_code == 403
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
    form = {
        f: getattr(indicator, f)
        for f in (
            "name_en",
            "name_lt",
            "definition_en",
            "definition_lt",
            "unit_en",
            "unit_lt",
            "decimals",
            "theme",
            "polarity",
            "publisher",
            "licence",
            "attribution",
            "frequency",
            "notes_en",
            "notes_lt",
        )
    }
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
