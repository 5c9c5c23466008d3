import csv
import datetime as dt

import pytest
from django.contrib.admin.models import CHANGE, LogEntry
from django.contrib.contenttypes.models import ContentType
from django.core.management import call_command

from i4region.core.exports import write_csv
from i4region.stakeholders.exports import tables
from i4region.stakeholders.models import (
    Assessment,
    ErasureLog,
    FollowUp,
    Interaction,
    Organisation,
    Person,
)

pytestmark = pytest.mark.django_db

NAME, EMAIL, PHONE = "Ona Ištrintinaitė", "ona.erase@example.org", "+370 699 12345"


def _person(make_user):
    org = Organisation.objects.get(name="RoboLabas")
    p = Person.objects.create(
        name=NAME,
        organisation=org,
        email=EMAIL,
        phone=PHONE,
        consent=True,
        consent_date=dt.date(2025, 3, 1),
        consent_source="signed form",
    )
    i = Interaction.objects.create(
        organisation=org,
        date=dt.date(2025, 4, 1),
        type="meeting",
        purpose=f"Meet {NAME} about robotics",
        outcome="agreed",
    )
    i.participants.add(p)
    FollowUp.objects.create(
        interaction=i,
        description=f"Call {NAME} back",
        owner=make_user("secretariat"),
        due_date=dt.date(2025, 4, 15),
    )
    LogEntry.objects.log_actions(
        user_id=make_user("administrator").pk,
        queryset=[p],
        action_flag=CHANGE,
        change_message=f"Changed {NAME}",
    )
    return p


def _export(out, include_personal_data: bool) -> list[str]:
    """This app's tables as the shared export writes them."""
    out.mkdir(exist_ok=True)
    written = []
    for table in tables(public=False, include_personal_data=include_personal_data):
        write_csv(table, out / f"{table.name}.csv")
        written.append(table.name)
    return written


def _everything(tmp_path) -> str:
    dump = tmp_path / "dump.json"
    call_command("dumpdata", "stakeholders", "admin", output=str(dump), verbosity=0)
    out = tmp_path / "export"
    _export(out, include_personal_data=True)
    return dump.read_text(encoding="utf-8") + "".join(
        p.read_text(encoding="utf-8") for p in out.iterdir()
    )


def test_erasure_leaves_no_personal_data(client, make_user, tmp_path):
    p = _person(make_user)
    before = _everything(tmp_path)
    assert NAME in before and EMAIL in before
    erased_before = sum(e.count for e in ErasureLog.objects.all())
    client.force_login(make_user("secretariat"))
    r = client.post(f"/en/stakeholders/person/{p.pk}/erase/")
    assert r.status_code == 302
    after = _everything(tmp_path)
    for secret in (NAME, EMAIL, PHONE, "Ištrintinaitė"):
        assert secret not in after
    assert not Person.objects.filter(pk=p.pk).exists()
    assert sum(e.count for e in ErasureLog.objects.all()) == erased_before + 1
    assert Interaction.objects.filter(purpose="Meet [erased] about robotics").exists()
    ct = ContentType.objects.get_for_model(Person)
    assert not LogEntry.objects.filter(content_type=ct, object_id=str(p.pk)).exists()


def test_contacts_leave_exports_without_personal_data_flag(tmp_path, make_user):
    _person(make_user)
    names = set(_export(tmp_path, include_personal_data=False))
    assert {
        "organisations",
        "relations",
        "interactions",
        "assessments",
        "activities",
        "centrality",
    } <= names and "people" not in names
    text = "".join(p.read_text(encoding="utf-8") for p in tmp_path.iterdir())
    assert EMAIL not in text and PHONE not in text
    header = (tmp_path / "centrality.csv").read_text(encoding="utf-8").splitlines()[0]
    assert header == "organisation,degree,betweenness,eigenvector,community"


def test_erase_refused_to_board_member_and_anonymous(client, make_user):
    p = _person(make_user)
    r = client.post(f"/en/stakeholders/person/{p.pk}/erase/")
    assert r.status_code == 302 and "/login" in r["Location"]
    client.force_login(make_user("board_member"))
    assert client.post(f"/en/stakeholders/person/{p.pk}/erase/").status_code == 403
    assert Person.objects.filter(pk=p.pk).exists()


def _full_dump(tmp_path) -> str:
    """Every table of the database (auditlog's history and the admin log included) and every
    export the product writes, with and without personal data."""
    from i4region.core.exports import export

    dump = tmp_path / "all.json"
    call_command("dumpdata", output=str(dump), verbosity=0)
    text = dump.read_text(encoding="utf-8")
    for personal in (True, False):
        out = tmp_path / f"export-{personal}"
        export(out, include_personal_data=personal)
        text += "".join(p.read_text(encoding="utf-8") for p in sorted(out.iterdir()))
    return text


def test_erasure_is_complete_across_the_database_and_every_export(client, make_user, tmp_path):
    p = _person(make_user)
    org = p.organisation
    secretariat = make_user("secretariat")
    client.force_login(secretariat)
    # the person's details typed into texts through the forms, so the history holds them too
    i = Interaction.objects.get(purpose__contains=NAME)
    r = client.post(
        f"/en/stakeholders/interaction/{i.pk}/edit/",
        {
            "date": "2025-04-01",
            "type": "meeting",
            "purpose": f"Meet {NAME.upper()} ({EMAIL}) about robotics",
            "outcome": "Call her on +370-699-12345 next week",
            "participants": [p.pk],
        },
    )
    assert r.status_code == 302
    r = client.post(
        f"/en/stakeholders/organisation/{org.pk}/assess/",
        {
            "date": "2025-05-01",
            "influence": 3,
            "interest": 4,
            "stance": "supporter",
            "note": f"{NAME} says the school board supports it",
        },
    )
    assert r.status_code == 302
    Assessment.objects.filter(organisation=org, date="2025-05-01").update(assessor_name=NAME)
    client.post(
        f"/en/stakeholders/person/{p.pk}/edit/",
        {"name": NAME, "email": EMAIL, "phone": PHONE, "role": "Mokytoja"},
        follow=True,  # shows (and so consumes) the "Saved: <name>" message
    )
    p.refresh_from_db()
    before = _full_dump(tmp_path)
    assert NAME in before and EMAIL in before and "+370-699-12345" in before

    assert client.post(f"/en/stakeholders/person/{p.pk}/erase/").status_code == 302
    after = _full_dump(tmp_path)
    for secret in (NAME, NAME.upper(), EMAIL, PHONE, "+370-699-12345", "Ištrintinaitė"):
        assert secret not in after, secret
    i.refresh_from_db()
    assert i.purpose == "Meet [erased] ([erased]) about robotics"
    assert i.outcome == "Call her on [erased] next week"
    a = Assessment.objects.get(organisation=org, date="2025-05-01")
    assert a.note == "[erased] says the school board supports it" and a.assessor_name == "[erased]"
    # the organisation's timeline still says that something happened, without the values
    client.force_login(secretariat)
    page = client.get(f"/en/stakeholders/organisation/{org.pk}/").content.decode()
    assert "Personal data erased" in page and NAME not in page


def test_default_export_removes_contacts_from_free_text_and_assessors(tmp_path, make_user):
    _person(make_user)
    i = Interaction.objects.get(purpose__contains=NAME)
    i.outcome = "Write to jonas.kitas@example.com or call (8 45) 512 345; budget 1 250 000 EUR"
    i.save()
    Assessment.objects.filter(pk=Assessment.objects.first().pk).update(
        assessor_name="Rūta Vertintoja", note="Agreed by phone 8 612 34567 on 2025-04-01"
    )
    _export(tmp_path, include_personal_data=False)
    interactions = (tmp_path / "interactions.csv").read_text(encoding="utf-8")
    assessments = (tmp_path / "assessments.csv").read_text(encoding="utf-8")
    assert "jonas.kitas@example.com" not in interactions and "512 345" not in interactions
    assert "[e-mail removed]" in interactions and "[phone removed]" in interactions
    assert "budget 1 250 000 EUR" in interactions
    assert "Rūta Vertintoja" not in assessments and "assessed_by" not in assessments
    assert "8 612 34567" not in assessments and "on 2025-04-01" in assessments
    personal = tmp_path / "personal"
    _export(personal, include_personal_data=True)
    assert "Rūta Vertintoja" in (personal / "assessments.csv").read_text(encoding="utf-8")


def test_exports_carry_the_register_keys(tmp_path):
    _export(tmp_path, include_personal_data=False)
    header = (tmp_path / "activities.csv").read_text(encoding="utf-8").splitlines()[0].split(",")
    assert "organisation_id" in header and "initiative_id" in header
    org_ids = {
        line.split(",")[0]
        for line in (tmp_path / "organisations.csv").read_text(encoding="utf-8").splitlines()[1:]
    }
    with open(tmp_path / "activities.csv", encoding="utf-8") as fh:
        assert {row["organisation_id"] for row in csv.DictReader(fh)} <= org_ids
    with open(tmp_path / "relations.csv", encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    assert rows and all(r["source_id"] in org_ids and r["target_id"] in org_ids for r in rows)
