"""The portfolio's, the strategy's and the reports' pages in one language, as an anonymous visitor
and as the secretariat: in Lithuanian none of the English the product used to show, in English
none of the Lithuanian catalogue's sentences."""

import pytest

from i4region.core.tests.test_one_language import (
    ENGLISH_ON_LT,
    hits,
    lithuanian_sentences,
    seen_pages,
)
from i4region.strategy.models import Measure, Priority

pytestmark = pytest.mark.django_db

SLUG = "panevezys-industry-4-0"  # the sample strategy, a draft the public does not see
ENGLISH_HERE = (*ENGLISH_ON_LT, "EUR, all years", "Evidence of success", "Not assessed")


def paths(secretariat: bool) -> list[str]:
    measure = Measure.objects.filter(priority__strategy__slug=SLUG).order_by("pk").first()
    priority = Priority.objects.filter(strategy__slug=SLUG).order_by("pk").first()
    public = [
        "initiatives/",
        "initiatives/robolabas/",
        "initiatives/robolabas/evidence/",
        "initiatives/scenario/",
        "strategy/",
        "strategy/talent-path/",
    ]
    internal = [
        f"strategy/{SLUG}/",
        f"strategy/{SLUG}/coordination/",
        f"strategy/priorities/{priority.pk}/",
        f"strategy/measures/{measure.pk}/",
        "reports/",
    ]
    return public + internal if secretariat else public


@pytest.fixture(params=["anonymous", "secretariat"])
def visitor(request, client, make_user):
    if request.param == "secretariat":
        client.force_login(make_user("secretariat"))
    return client, request.param == "secretariat"


def pages(visitor, lang: str) -> dict[str, str]:
    client, secretariat = visitor
    return seen_pages(client, lang, paths(secretariat))


def test_lithuanian_pages_carry_no_english_of_the_product(visitor):
    seen = pages(visitor, "lt")
    assert "Talentų kelias" in seen["strategy/talent-path/"]
    assert hits(seen, ENGLISH_HERE) == []


def test_english_pages_carry_no_lithuanian_catalogue_text(visitor):
    assert hits(pages(visitor, "en"), lithuanian_sentences()) == []
