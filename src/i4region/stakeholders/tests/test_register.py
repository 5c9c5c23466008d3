"""The register on the record core: what refers to an organisation, the initiative key, participant
organisations, one edit view with history and messages, validated follow-ups."""

import importlib

import pytest
from django.apps import apps

from i4region.core import history
from i4region.initiatives.models import Initiative
from i4region.stakeholders import references
from i4region.stakeholders.models import (
    Activity,
    Assessment,
    FollowUp,
    Interaction,
    Organisation,
    Person,
    Relation,
)

pytestmark = pytest.mark.django_db


def test_referring_records_are_found_from_the_reverse_relations(make_user, company, make_activity):
    org = company
    act = Activity.objects.filter(organisation=org).first() or make_activity(
        org, "Pavyzdinė veikla X"
    )
    groups = references.referring(org, make_user("secretariat"), skip=set())
    items = {i.label: i.url for g in groups for i in g.items}
    assert items[act.name].endswith(f"/stakeholders/organisation/{org.pk}/#activity-{act.pk}")
    # a model without a publication rule is shown to the secretariat only
    titles = {g.title for g in references.referring(org, make_user("board_member"), skip=set())}
    assert not any(t.startswith("Activities") for t in titles)


def test_referring_follows_the_other_models_publication_rule(make_user):
    """Organisation's own rule: a company representative sees divisions only if published."""
    parent, child = Organisation.objects.filter(is_sample=True, type="company")[:2]
    child.parent = parent
    child.published = False
    child.save()
    rep = make_user("company_rep")
    seen = {i.label for g in references.referring(parent, rep, skip=set()) for i in g.items}
    assert child.name not in seen
    seen = {
        i.label
        for g in references.referring(parent, make_user("board_member"), skip=set())
        for i in g.items
    }
    assert child.name in seen


def test_activity_initiative_names_are_matched_and_unmatched_text_kept(company, make_activity):
    migration = importlib.import_module("i4region.stakeholders.migrations.0003_register_links")
    initiative = Initiative.objects.order_by("pk").first()
    org = company
    matched = make_activity(org, "Matched", initiative_note=f"  {initiative.name_lt.upper()} ")
    unmatched = make_activity(org, "Unmatched", initiative_note="Nežinoma iniciatyva 2019")
    migration._match(apps, None)
    matched.refresh_from_db()
    unmatched.refresh_from_db()
    assert (matched.initiative, matched.initiative_note) == (initiative, "")
    assert (unmatched.initiative, unmatched.initiative_note) == (None, "Nežinoma iniciatyva 2019")


def test_interaction_with_participant_organisations_shows_on_both_pages(secretariat, make_user):
    org, other = Organisation.objects.filter(is_sample=True, type="company")[:2]
    person = Person.objects.exclude(organisation=org).first()
    r = secretariat.post(
        f"/en/stakeholders/organisation/{org.pk}/interaction/",
        {
            "date": "2026-03-02",
            "type": "meeting",
            "purpose": "Joint training plan",
            "participants": [person.pk],
            "participant_organisations": [other.pk],
        },
        follow=True,
    )
    assert "Created: " in r.content.decode()
    i = Interaction.objects.get(purpose="Joint training plan")
    assert list(i.participant_organisations.all()) == [other]
    assert list(i.participants.all()) == [person]
    page = secretariat.get(f"/en/stakeholders/organisation/{org.pk}/").content.decode()
    assert f'href="/en/stakeholders/organisation/{other.pk}/">{other.name}' in page
    assert person.name in page
    other_page = secretariat.get(f"/en/stakeholders/organisation/{other.pk}/").content.decode()
    assert "Took part in interactions with other organisations" in other_page
    assert f"#interaction-{i.pk}" in other_page


def test_follow_up_due_before_the_interaction_is_refused_on_its_field(
    secretariat, make_user, company
):
    org = company
    before = Interaction.objects.count()
    r = secretariat.post(
        f"/en/stakeholders/organisation/{org.pk}/interaction/",
        {
            "date": "2026-03-10",
            "type": "call",
            "purpose": "Agree on internships",
            "follow_up": "Send the agreement",
            "follow_up_owner": make_user("secretariat").pk,
            "follow_up_due": "2026-03-09",
        },
    )
    assert r.status_code == 200
    assert list(r.context["form"].errors) == ["follow_up_due"]
    assert "due before the interaction took place (2026-03-10)" in r.content.decode()
    assert Interaction.objects.count() == before and not FollowUp.objects.filter(
        description="Send the agreement"
    )


@pytest.mark.parametrize(
    ("path", "data", "model"),
    [
        (
            "contact/",
            {"name": "Petras Pavyzdys", "email": "p@example.org", "is_sample": "on"},
            Person,
        ),
        ("assess/", {"date": "2026-03-01", "influence": 4, "interest": 2, "stance": "neutral"}, Assessment),
        (
            "activity/",
            {"name": "Robotikos būrelis X", "theme": "robotics_education",
             "target_group": "pupils", "municipality": "MUNICIPALITY"},
            Activity,
        ),
        ("relation/", {"target": "OTHER", "type": "training", "strength": 2}, Relation),
    ],
)  # fmt: skip
def test_every_register_form_saves_with_a_message_and_history(
    secretariat, path, data, model, make_user
):
    org, other = Organisation.objects.filter(is_sample=True, type="company")[:2]
    municipality = Activity.objects.first().municipality
    data = {
        k: (municipality.pk if v == "MUNICIPALITY" else other.pk if v == "OTHER" else v)
        for k, v in data.items()
    }
    before = model.objects.count()
    r = secretariat.post(f"/en/stakeholders/organisation/{org.pk}/{path}", data, follow=True)
    page = r.content.decode()
    assert model.objects.count() == before + 1, page
    assert "Created: " in page
    entries = history.entries_for(org, limit=5)
    assert entries[0].who == "Sekretorė Vardaitė" and entries[0].verb == "created"
    assert str(model._meta.verbose_name) in entries[0].target


def test_board_member_cannot_use_the_register_forms(client, make_user, company):
    org = company
    client.force_login(make_user("board_member"))
    activity = Activity.objects.first()
    for url in (
        f"/en/stakeholders/organisation/{org.pk}/relation/",
        f"/en/stakeholders/organisation/{org.pk}/activity/",
        f"/en/stakeholders/activity/{activity.pk}/edit/",
        f"/en/stakeholders/activity/{activity.pk}/delete/",
        f"/en/stakeholders/organisation/{org.pk}/edit/",
    ):
        assert client.get(url).status_code == 403, url
    assert client.post(f"/en/stakeholders/activity/{activity.pk}/delete/").status_code == 403
    assert Activity.objects.filter(pk=activity.pk).exists()


def test_person_history_never_keeps_the_contact_details(secretariat):
    person = Person.objects.filter(is_sample=True).first()
    r = secretariat.post(
        f"/en/stakeholders/person/{person.pk}/edit/",
        {"name": person.name, "email": "new.address@example.org", "phone": "+370 611 22334"},
        follow=True,
    )
    assert "Saved: " in r.content.decode()
    shown = [(c.label, c.before, c.after) for e in history.entries_for(person) for c in e.changes]
    assert any(label == "E-mail" for label, _b, _a in shown)
    text = repr(shown)
    assert "new.address@example.org" not in text and "+370 611 22334" not in text


def test_organisation_page_shows_its_history_to_the_secretariat_only(
    secretariat, client, make_user
):
    org = Organisation.objects.get(name="RoboLabas")
    secretariat.post(
        f"/en/stakeholders/organisation/{org.pk}/activity/",
        {
            "name": "Vasaros stovykla",
            "theme": "robotics_education",
            "target_group": "pupils",
            "municipality": Activity.objects.first().municipality.pk,
        },
    )
    page = secretariat.get(f"/lt/stakeholders/organisation/{org.pk}/").content.decode()
    assert "Vasaros stovykla" in page and "sukurta" in page.lower()
    client.force_login(make_user("board_member"))
    page = client.get(f"/en/stakeholders/organisation/{org.pk}/").content.decode()
    assert "History of changes" not in page


def test_company_rep_sees_no_unpublished_names_in_own_relations(client, make_user):
    own, hidden = Organisation.objects.filter(is_sample=True, type="company")[:2]
    hidden.published = False
    hidden.save()
    Relation.objects.get_or_create(source=own, target=hidden, type="supply")
    Relation.objects.get_or_create(source=hidden, target=own, type="training")
    rep = make_user("company_rep")
    own.representatives.add(rep)
    client.force_login(rep)
    page = client.get(f"/en/stakeholders/organisation/{own.pk}/").content.decode()
    assert "Ties with other organisations" in page and hidden.name not in page
    client.force_login(make_user("board_member"))
    assert hidden.name in client.get(f"/en/stakeholders/organisation/{own.pk}/").content.decode()


@pytest.mark.parametrize(
    "url",
    [
        "/en/stakeholders/?q=%00",
        "/en/stakeholders/?municipality=a%00b",
        "/en/stakeholders/?type=%00",
        "/en/stakeholders/?q=" + "x" * 5000,
        "/en/stakeholders/activities/?municipality=%00",
    ],
)
def test_malformed_query_parameters_are_bad_requests(client, make_user, url):
    client.force_login(make_user("secretariat"))
    assert client.get(url).status_code == 400


@pytest.mark.parametrize(
    ("url", "status"),
    [
        ("/en/stakeholders/network/?municipality=%00&type=%00", 400),
        ("/en/stakeholders/network/?municipality=xx&relation=x&size=zzz&colour=1e999", 200),
        ("/en/stakeholders/network.svg?size=zzz", 200),
        ("/en/stakeholders/kumu/export/%00/", 400),
        ("/en/stakeholders/kumu/export/pdf/", 404),
        ("/en/stakeholders/organisation/99999999/", 404),
        ("/en/stakeholders/organisation/99999999999999999999999/", 404),
        ("/en/stakeholders/person/99999999/edit/", 404),
    ],
)
def test_other_malformed_requests_never_fail(client, make_user, url, status):
    client.force_login(make_user("secretariat"))
    assert client.get(url).status_code == status


def test_follow_up_done_says_so(secretariat):
    f = FollowUp.objects.filter(done=False).first()
    r = secretariat.post(f"/en/stakeholders/follow-up/{f.pk}/done/", follow=True)
    assert f"Follow-up done: {f.description}" in r.content.decode()
    f.refresh_from_db()
    assert f.done


def test_relation_ending_before_it_began_is_refused(secretariat):
    org, other = Organisation.objects.filter(is_sample=True, type="company")[:2]
    r = secretariat.post(
        f"/en/stakeholders/organisation/{org.pk}/relation/",
        {
            "target": other.pk,
            "type": "research_partnership",
            "strength": 3,
            "since": "2025-05-01",
            "until": "2024-01-01",
        },
    )
    assert r.status_code == 200 and list(r.context["form"].errors) == ["until"]
    assert not Relation.objects.filter(source=org, target=other, type="research_partnership")


def test_page_shows_every_other_apps_reference_with_its_link(secretariat):
    """Whatever another app keys to the register appears on the page, without code here."""
    org = Organisation.objects.get(name="Panevėžio miesto savivaldybė")
    page = secretariat.get(f"/en/stakeholders/organisation/{org.pk}/").content.decode()
    found = 0
    for rel in Organisation._meta.related_objects:
        model = rel.related_model
        if model._meta.app_label == "stakeholders" or model._meta.auto_created:
            continue
        rows = model._default_manager.filter(**{rel.field.name: org}).distinct()[:50]
        for row in rows:
            found += 1
            assert str(row) in page or str(row).replace('"', "&quot;") in page, row
            if hasattr(row, "get_absolute_url"):
                assert f'href="{row.get_absolute_url()}"' in page, row
    assert found, "the seed keys nothing to the city municipality"
