"""The sample: every fictional company answered the DMA in T0 and T1, marked as a sample."""

import pytest

from i4region.maturity import seed
from i4region.maturity.models import Response, Score
from i4region.stakeholders.models import Organisation

pytestmark = pytest.mark.django_db


def test_every_sample_company_has_both_waves_marked_as_samples():
    companies = Organisation.objects.filter(type="company", is_sample=True)
    responses = Response.objects.filter(organisation__in=companies, model="dma")
    assert responses.count() == 2 * companies.count() > 0
    assert set(responses.values_list("wave", flat=True)) == {"T0", "T1"}
    assert not responses.filter(is_sample=False).exists()
    assert not Response.objects.filter(organisation__is_sample=False, is_sample=True).exists()
    assert (
        Score.objects.filter(response__in=responses, dimension="overall").count()
        == responses.count()
    )


def test_running_the_seed_again_changes_nothing():
    before = sorted(Score.objects.values_list("response_id", "dimension", "value"))
    seed.load()
    assert sorted(Score.objects.values_list("response_id", "dimension", "value")) == before
