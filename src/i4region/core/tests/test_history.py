"""The one history: what a person reads on a history page, in Lithuanian."""

import re

import pytest
from django.template.loader import render_to_string
from django.utils import translation

from i4region.core import history
from i4region.regions.models import Region
from i4region.stakeholders.models import Organisation

pytestmark = pytest.mark.django_db

RAW = re.compile(r"\b(True|False|None)\b|\d{4}-\d{2}-\d{2}T\d{2}:\d{2}|\b[a-z]+_[a-z_]+\b")
ENGLISH_VERBS = ("created", "changed", "deleted", "updated")


def _page(org, lang: str = "lt") -> str:
    with translation.override(lang):
        return render_to_string("core/_history.html", {"history": history.entries_for(org)})


def test_changes_read_as_people_write_them(make_user):
    user = make_user("secretariat", first_name="Rūta", last_name="Petraitienė")
    town = Region.objects.get(code="LT025")
    org = Organisation.objects.create(name="Test UAB", type="company", key_stakeholder=False)
    with history.acting_as(user), history.verb("changed"):
        org.type = "ngo"
        org.key_stakeholder = True
        org.region = town
        org.save()
    page = _page(org)
    assert "Rūta Petraitienė" in page
    assert "NVO" in page  # the choice label, not "ngo"
    assert "Panevėžio apskritis" in page  # the related record's name, not its id
    assert "taip" in page  # a boolean as a word
    text = re.sub(r"<[^>]+>", " ", page)
    assert not RAW.search(text), RAW.search(text)
    assert not any(re.search(rf"\b{v}\b", text) for v in ENGLISH_VERBS)


def test_a_text_changed_in_both_languages_is_shown_in_the_readers():
    org = Organisation.objects.create(name="Dvikalbė UAB", type="company")
    org.description_en = "Makes robot arms"
    org.description_lt = "Gamina robotų rankas"
    org.save()
    page = _page(org)
    assert "Gamina robotų rankas" in page
    assert "Makes robot arms" not in page
    english = _page(org, "en")
    assert "Makes robot arms" in english
    assert "Gamina robotų rankas" not in english


def test_a_related_record_is_named_in_the_readers_language():
    from i4region.stakeholders.models import Relation

    fund = Organisation.objects.create(name="Fondas VšĮ", type="funder")
    school = Organisation.objects.create(name="Mokykla", type="school")
    with translation.override("lt"):  # the change is made on a Lithuanian page
        Relation.objects.create(source=fund, target=school, type="funding")
    english = _page(fund, "en")
    assert "Fondas VšĮ — Mokykla (Funding)" in english
    assert "Finansavimas" not in english


def test_a_measured_value_shows_its_own_digits(make_user):
    from i4region.core.history import show
    from i4region.initiatives.models import KpiValue

    field = KpiValue._meta.get_field("value")
    with translation.override("lt"):
        assert show(field, "300.0000") == "300"
        assert show(field, "12.5000") == "12,5"


def test_resaving_an_unchanged_record_records_nothing():
    org = Organisation.objects.create(name="Unchanged UAB", type="company")
    before = history.has_changes(org)
    org.save()
    Organisation.objects.get(pk=org.pk).save()
    assert history.has_changes(org) == before == 1


def test_an_unknown_verb_is_refused():
    with pytest.raises(KeyError, match="core.history.VERBS"), history.verb("frobnicated"):
        pass


def test_erasure_keeps_that_a_change_happened_but_no_value():
    org = Organisation.objects.create(name="Jonas Jonaitis IĮ", type="company")
    history.forget(org)
    page = _page(org)
    assert "Jonas" not in page
    assert history.has_changes(org) == 1


def test_who_acted_is_forgotten_when_the_block_ends(make_user):
    """A change made after `acting_as` (by a command or a later job in the same worker) is not
    put down to the user of the block before, and a nested block gives the outer actor back."""
    outer = make_user("secretariat", first_name="Rūta", last_name="Petraitienė")
    inner = make_user("board_member", first_name="Jonas", last_name="Jonaitis")
    org = Organisation.objects.create(name="Aktorius UAB", type="company")
    with history.acting_as(outer):
        with history.acting_as(inner):
            assert history.current_actor() == inner
        assert history.current_actor() == outer
        org.name = "Aktorius 2 UAB"
        org.save()
    assert history.current_actor() is None
    org.name = "Aktorius 3 UAB"
    org.save()
    newest, before = history.entries_for(org)[:2]
    assert "Petraitienė" in before.who
    assert "Petraitienė" not in newest.who and "Jonaitis" not in newest.who
