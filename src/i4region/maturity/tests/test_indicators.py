"""Regional aggregates in the observatory: real responses only, fewer than 5 never published,
and a second value withheld where the county total would reveal the first."""

import pytest

from i4region.maturity import definitions, services
from i4region.maturity.indicators import publish_indicators
from i4region.maturity.models import Response
from i4region.observatory.models import Indicator, Observation
from i4region.regions.models import Region
from i4region.stakeholders.models import Organisation

from .conftest import answers_for

pytestmark = pytest.mark.django_db

CITY, DISTRICT, BIRZAI = "LT-LAU-27", "LT-LAU-66", "LT-LAU-36"


def real_companies(municipality: str, count: int, level: int, section: str = "C25"):
    region = Region.objects.get(code="LT025")
    muni = Region.objects.get(code=municipality)
    spec = definitions.current("dma")
    for i in range(count):
        org = Organisation.objects.create(
            name=f"Tikra {municipality} {level} {i}",
            type="company",
            nace_code=section,
            size_class="small",
            municipality=muni,
            region=region,
        )
        response = services.start(org, "dma", "T0", None)
        response.answers = answers_for(spec, level)
        services.submit(response)


def values(code):
    return {
        o.region.code: o.value
        for o in Observation.objects.filter(indicator__code=code, vintage="maturity-T0-2026")
    }


def test_small_municipality_and_the_one_that_would_reveal_it_are_withheld():
    # everything ticked, scales at 1: (100 + 60 + 100 + 100 + 20 + 75) / 6 = 75.83, advanced
    real_companies(CITY, 8, 1)
    real_companies(DISTRICT, 6, 0)  # nothing: overall 0, basic
    real_companies(BIRZAI, 4, 0)  # 4 companies: never published
    summary = publish_indicators("T0", 2026)
    assert summary["companies"] == 18  # the seed's sample responses are not counted
    means = values("maturity_dma_mean_overall")
    assert BIRZAI not in means
    # county (18) − city (8) would give Biržai (4) if the district (6) were shown
    assert DISTRICT not in means
    assert means[CITY] == pytest.approx(455 / 6, abs=0.001)
    assert "LT025" in means
    assert values("maturity_dma_share_advanced")[CITY] == pytest.approx(100)
    indicator = Indicator.objects.get(code="maturity_dma_mean_overall")
    assert indicator.source_dataset == "i4region self-assessment, wave T0 2026"
    assert "Vidutinis DMA balas" in indicator.name_lt


def test_publishing_again_changes_nothing_and_withdraws_what_became_hidden():
    real_companies(CITY, 5, 1)
    real_companies(DISTRICT, 5, 0)
    publish_indicators("T0", 2026)
    first = sorted(
        Observation.objects.filter(vintage="maturity-T0-2026").values_list(
            "indicator__code", "region__code", "value"
        )
    )
    assert publish_indicators("T0", 2026)["withdrawn"] == 0
    again = sorted(
        Observation.objects.filter(vintage="maturity-T0-2026").values_list(
            "indicator__code", "region__code", "value"
        )
    )
    assert again == first
    Response.objects.filter(organisation__name__startswith=f"Tikra {DISTRICT}").first().delete()
    summary = publish_indicators("T0", 2026)
    assert summary["withdrawn"] > 0
    assert DISTRICT not in values("maturity_dma_mean_overall")


def test_no_real_responses_no_observations():
    assert publish_indicators("T0", 2026) == {"companies": 0, "observations": 0, "withdrawn": 0}
