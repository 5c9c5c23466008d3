import datetime as dt

import pytest
from django.contrib.admin.models import CHANGE, LogEntry
from django.contrib.contenttypes.models import ContentType
from django.core.management import call_command

from i4region.core.exports import write_csv
from i4region.stakeholders.exports import tables
from i4region.stakeholders.models import ErasureLog, FollowUp, Interaction, Organisation, Person

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
