"""The seeded framework and run: LT01 and LT02 ranked, reproducible, idempotent."""

import pytest

from i4region.indices import seed, services
from i4region.indices.models import IndexFramework, IndexRun

pytestmark = pytest.mark.django_db


def test_framework_and_run_are_seeded_with_lithuanian_regions():
    fw = services.current_framework()
    assert fw.version == 1 and fw.reference_year == 2018
    pillars = {r["iCode"] for r in fw.imeta if r["Type"] == "Aggregate" and r["Level"] == 2}
    assert pillars == {"HumanCapital", "Innovation", "Digital", "Economy", "Demography"}
    run = services.published_run()
    n = run.results["n_units"]
    assert n > 250
    for code in ("LT01", "LT02"):
        ranks = run.results["ranks"][code]
        assert 1 <= ranks["Index"] <= n
        for pillar in pillars:
            assert 1 <= ranks[pillar] <= n
        ua = run.results["uncertainty"][code]
        assert ua["Q5"] <= ua["Median"] <= ua["Q95"]
    # the capital region ranks above the rest of Lithuania
    assert run.results["ranks"]["LT01"]["Index"] < run.results["ranks"]["LT02"]["Index"]
    assert run.engine_version and len(run.inputs_sha256) == 64


def test_seed_is_idempotent():
    before = (IndexFramework.objects.count(), IndexRun.objects.count())
    seed.load()
    assert (IndexFramework.objects.count(), IndexRun.objects.count()) == before


def test_reproduce_matches_and_detects_tampering():
    run = services.published_run()
    assert services.reproduce(run).matches
    run.results["scores"]["LT01"]["Index"] += 1
    result = services.reproduce(run)
    assert not result.matches and "/scores/LT01/Index" in result.differences


def test_changed_framework_makes_a_new_version_and_keeps_the_old():
    fw = services.current_framework()
    fields = {f: getattr(fw, f) for f in services.FRAMEWORK_FIELDS}
    fields["pipeline_toml"] = fields["pipeline_toml"].replace(
        'method = "amean"', 'method = "gmean"'
    )
    new = services.save_framework(fw.code, **fields)
    assert new.version == fw.version + 1
    assert IndexFramework.objects.filter(code=fw.code, version=fw.version).exists()


def test_recompute_with_other_aggregation_stores_a_new_run(make_user):
    run = services.published_run()
    new, created = services.recompute(run, "gmean", make_user("secretariat"))
    assert created and not new.published
    assert new.parameters["changes"] == {"aggregate.method": "gmean"}
    assert new.results["scores"]["LT01"]["Index"] != run.results["scores"]["LT01"]["Index"]
    with pytest.raises(services.RunError, match="median"):
        services.recompute(run, "median", None)
