import hashlib

import pytest
from django.core.management import call_command

from i4region.observatory.models import ImportBatch, Indicator, Observation
from i4region.regions.models import Region

pytestmark = pytest.mark.django_db


def snapshot() -> str:
    """A digest of everything setup writes, so 'changes nothing' is checked row by row."""
    digest = hashlib.sha256()
    for model, fields in (
        (Region, ("code", "name", "name_en", "parent_id", "level")),
        (Indicator, ("code", "name_en", "name_lt")),
        (
            Observation,
            ("indicator_id", "region_id", "period", "value", "flag", "vintage", "batch_id"),
        ),
        (ImportBatch, ("id", "sha256")),
    ):
        for row in model.objects.order_by("pk").values_list(*fields):
            digest.update(repr(row).encode())
    return digest.hexdigest()


def test_setup_twice_changes_nothing():
    # The session fixture already ran setup once.
    before = snapshot()
    assert Observation.objects.count() > 100_000
    call_command("setup", verbosity=0)
    assert snapshot() == before
