"""The index pages in both languages, with the data source named, and the recompute permission."""

import pytest
from django.urls import reverse
from django.utils import translation

from i4region.core.exports import write_csv
from i4region.indices import exports, services
from i4region.indices.models import IndexRun
from i4region.jobs.models import Job
from i4region.jobs.tests.worker import run_jobs

pytestmark = pytest.mark.django_db

PAGES = [
    ("indices:ranking", ()),
    ("indices:region", ("LT02",)),
    ("indices:uncertainty", ()),
    ("indices:sensitivity", ()),
    ("indices:correlations", ()),
    ("indices:method", ()),
]


def url(lang, name, args=()):
    with translation.override(lang):
        return reverse(name, args=args)


@pytest.mark.parametrize("lang", ["en", "lt"])
@pytest.mark.parametrize("name,args", PAGES)
def test_pages_render_in_both_languages_with_source(client, lang, name, args):
    response = client.get(url(lang, name, args))
    assert response.status_code == 200
    text = response.content.decode()
    assert "Honti, Czvetkó &amp; Abonyi (2020), Data in Brief 33:106464, CC BY 4.0" in text


def test_ranking_shows_lithuanian_regions_with_rank_interval(client):
    run = services.published_run()
    text = client.get(url("en", "indices:ranking")).content.decode()
    assert "<svg" in text and 'class="highlight"' in text
    ua = run.results["uncertainty"]["LT02"]
    assert f"{ua['Q5']:.0f}–{ua['Q95']:.0f}" in text


def test_region_scorecard_lists_strengths_and_weaknesses(client):
    lt = client.get(url("lt", "indices:region", ("LT01",))).content.decode()
    assert "Stiprybės" in lt and "Silpnybės" in lt and "Žmogiškasis kapitalas" in lt
    en = client.get(url("en", "indices:region", ("LT01",))).content.decode()
    assert "Strengths" in en and "Weaknesses" in en and "Human capital" in en
    assert client.get(url("en", "indices:region", ("XX99",))).status_code == 404


def test_method_page_names_the_source_in_plain_words(client):
    text = client.get(url("en", "indices:method")).content.decode()
    assert "Data in Brief 33:106464" in text and "2018" in text
    assert "divided by population" in text


def test_recompute_refuses_anonymous_and_board_members(client, make_user):
    target = url("en", "indices:recompute")
    response = client.post(target, {"aggregation": "gmean"})
    assert response.status_code == 302 and "login" in response["Location"]
    client.force_login(make_user("board_member"))
    assert client.post(target, {"aggregation": "gmean"}).status_code == 403
    assert not IndexRun.objects.filter(published=False).exists()


def test_secretariat_recomputes_with_geometric_mean(client, make_user):
    client.force_login(make_user("secretariat"))
    before = IndexRun.objects.count()
    response = client.post(url("en", "indices:recompute"), {"aggregation": "gmean"})
    assert response.status_code == 302 and "/en/jobs/" in response["Location"]
    run_jobs()
    assert IndexRun.objects.count() == before + 1
    page = client.get(Job.objects.get().link)
    assert page.status_code == 200 and "not published" in page.content.decode()
    bad = client.post(url("en", "indices:recompute"), {"aggregation": "median"})
    assert bad.status_code == 200 and IndexRun.objects.count() == before + 1


def test_unpublished_run_is_hidden_from_the_public(client, make_user):
    run, _ = services.recompute(services.published_run(), "hmean", make_user("secretariat"))
    assert client.get(url("en", "indices:ranking") + f"?run={run.pk}").status_code == 404


def test_export_has_one_row_per_year_region_and_code(tmp_path):
    (table,) = exports.tables(public=True, include_personal_data=False)
    path = tmp_path / "index_results.csv"
    count = write_csv(table, path)
    runs = services.published_runs()
    assert count == sum(r.results["n_units"] * len(r.results["order"]) for r in runs.values())
    lines = path.read_text().splitlines()
    assert lines[0] == "run,framework,year,region,level,code,score,rank"
    assert lines[1].startswith(f"{runs[2008].pk},i40-readiness v1,2008,")
    assert lines[-1].startswith(f"{runs[2018].pk},i40-readiness v1,2018,")
