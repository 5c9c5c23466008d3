"""The register's, the maturity assessment's, the search's and the login's pages in one language:
in Lithuanian none of the English the product used to show (sample suffixes, English sample
texts, raw measure names), in English none of the Lithuanian catalogue's sentences."""

import pytest

from i4region.core.tests.test_one_language import (
    ENGLISH_ON_LT,
    hits,
    lithuanian_sentences,
    seen_pages,
)
from i4region.maturity.models import Response
from i4region.stakeholders.models import Organisation

pytestmark = pytest.mark.django_db

# English the register's sample content and network picture used to carry.
ENGLISH_HERE = (*ENGLISH_ON_LT, "sample", "degree:", "Industry 4.0 needs", "joint training")


def pages(client, lang: str) -> dict[str, str]:
    org = Organisation.objects.get(name="Pavyzdinė gamykla 1")
    response = Response.objects.filter(organisation=org, is_sample=True).first()
    paths = [
        "stakeholders/",
        f"stakeholders/organisation/{org.pk}/",
        "stakeholders/network/",
        "stakeholders/network/?colour=community&size=betweenness",
        "stakeholders/key-actors/",
        "stakeholders/grid/",
        "stakeholders/activities/",
        "stakeholders/alerts/",
        "maturity/",
        f"maturity/responses/{response.pk}/",
        f"maturity/responses/{response.pk}/brief/",
        "search/?q=Pavyzdin",
        "accounts/login/",
        "accounts/password-reset/",
    ]
    return seen_pages(client, lang, paths)


def test_lithuanian_pages_carry_no_english_of_the_product(secretariat):
    seen = pages(secretariat, "lt")
    assert hits(seen, ENGLISH_HERE) == []
    assert "Pavyzdys" in seen["stakeholders/"]


def test_english_pages_carry_no_lithuanian_catalogue_text(secretariat):
    seen = pages(secretariat, "en")
    assert hits(seen, lithuanian_sentences()) == []
    assert "Sample" in seen["stakeholders/"]
