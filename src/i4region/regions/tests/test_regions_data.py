import pytest

from i4region.regions.models import Region

pytestmark = pytest.mark.django_db


def test_every_nuts_region_and_lithuanian_municipality_is_loaded():
    assert Region.objects.filter(kind="nuts").count() == 2010
    assert Region.objects.filter(kind="municipality").count() == 60
    assert Region.objects.get(code="LT025").parent.code == "LT02"
    assert Region.objects.filter(parent__code="LT025", kind="municipality").count() == 6
    assert Region.objects.get(code="DE300").parent.parent.parent.code == "DE"
