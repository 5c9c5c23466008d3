"""The network analysis runs in a job after each change of the register, never in a page: one
job waits however many changes arrive, the pages read the stored result, say when it is stale
and show the worker's new result once it has run."""

import pytest
from django.contrib.auth import get_user_model
from django.utils import translation

from i4region.compute import network as analysis
from i4region.core import history
from i4region.jobs.models import Job
from i4region.jobs.tests.worker import run_jobs
from i4region.stakeholders import kumu_read, network, network_store
from i4region.stakeholders.models import Organisation, Relation

pytestmark = pytest.mark.django_db

NETWORK = "/{lang}/stakeholders/network/"


@pytest.fixture
def lead(client, make_user):
    client.force_login(make_user("secretariat"))
    return client


def waiting() -> list[Job]:
    return list(Job.objects.filter(kind="network", state="queued"))


def schools():
    return Organisation.objects.filter(is_sample=True, type="school").order_by("pk")[:2]


def test_setup_leaves_the_network_analysed(lead):
    page = lead.get(NETWORK.format(lang="en")).content.decode()
    assert 'id="network-state"' not in page and "<svg" in page
    assert network_store.up_to_date() and waiting() == []


def test_a_change_asks_for_one_job_and_a_second_change_for_none(
    lead, django_capture_on_commit_callbacks
):
    a, b = schools()
    owner = get_user_model().objects.get(pk=lead.session["_auth_user_id"])
    # the change is the signed-in user's, as a request would record it
    with history.acting_as(owner), django_capture_on_commit_callbacks(execute=True) as callbacks:
        r = Relation.objects.create(source=a, target=b, type="collaboration", strength=2)
        r.strength = 4
        r.save()
    assert len(callbacks) == 1  # two saves in one transaction: one request
    assert [j.owner_id for j in waiting()] == [owner.pk]
    with django_capture_on_commit_callbacks(execute=True):
        r.delete()
    with django_capture_on_commit_callbacks(execute=True):
        Organisation.objects.filter(pk=a.pk).first().save()
    assert len(waiting()) == 1


def test_a_bulk_import_asks_once(lead, django_capture_on_commit_callbacks):
    elements = "Label,Type\n" + "".join(f"Bulk org {i},Company\n" for i in range(40))
    connections = "From,To,Type,Direction,Strength\n" + "".join(
        f"Bulk org {i},Bulk org {(i + 1) % 40},supply,directed,3\n" for i in range(40)
    )
    sheets = kumu_read.read_sheets(elements.encode(), connections.encode())
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        kumu_read.store(*kumu_read.parse(*sheets))
    assert Organisation.objects.filter(name__startswith="Bulk org").count() == 40
    assert len(callbacks) == 1 and len(waiting()) == 1


def test_pages_compute_nothing_and_ask_few_queries(
    lead, monkeypatch, django_assert_max_num_queries
):
    def computing(*args, **kwargs):
        raise AssertionError("a page computed the network")

    for module, name in (
        (analysis, "analyse_network"),
        (analysis, "key_actors"),
        (network, "layout"),
    ):
        monkeypatch.setattr(module, name, computing)
    lead.get(NETWORK.format(lang="en"))  # the stored result is read once per process
    for query in ("", "?colour=community&size=betweenness", "?type=school&relation=training"):
        with django_assert_max_num_queries(16):
            page = lead.get(NETWORK.format(lang="en") + query).content.decode()
        assert "</title></circle>" in page and 'id="network-list"' in page
    assert lead.get("/en/stakeholders/key-actors/").status_code == 200
    assert lead.get("/en/stakeholders/network.svg").status_code == 200


@pytest.mark.parametrize(
    ("lang", "stale", "waiting_text"),
    [
        ("en", "have changed since this analysis", "waiting for a worker"),
        ("lt", "pasikeitė po šios analizės", "laukia vykdytojo"),
    ],
)
def test_a_stale_result_says_so_with_its_job(
    lead, django_capture_on_commit_callbacks, lang, stale, waiting_text
):
    a, b = schools()
    with django_capture_on_commit_callbacks(execute=True):
        Relation.objects.create(source=a, target=b, type="collaboration", strength=2)
    page = lead.get(NETWORK.format(lang=lang)).content.decode()
    state = page.split('id="network-state"')[1].split("</div>")[0]
    assert stale in state and waiting_text in state, state
    assert "<svg" in page  # the picture as it was stays on the page meanwhile
    key_actors = lead.get(f"/{lang}/stakeholders/key-actors/").content.decode()
    assert stale in key_actors


def test_the_workers_result_appears_on_the_page(lead, django_capture_on_commit_callbacks):
    a, _ = schools()
    with translation.override("en"), django_capture_on_commit_callbacks(execute=True):
        newcomer = Organisation.objects.create(
            name="Naujokų mokykla", type="school", is_sample=True
        )
        Relation.objects.create(source=newcomer, target=a, type="training", strength=3)
    before = lead.get(NETWORK.format(lang="en")).content.decode()
    assert "Naujokų mokykla" not in before.split('id="network-list"')[1]
    run_jobs()
    job = Job.objects.get(kind="network")
    orgs = Organisation.objects.count()
    assert job.state == "done" and f"{orgs} organisations" in job.summary
    after = lead.get(NETWORK.format(lang="en")).content.decode()
    assert 'id="network-state"' not in after
    assert "Naujokų mokykla" in after.split("<svg")[1].split("</svg>")[0]
    assert "Naujokų mokykla" in after.split('id="network-list"')[1]


def test_before_any_analysis_the_page_lists_the_organisations(lead, make_user):
    network_store.NetworkResult.objects.all().delete()
    network_store.request_analysis(make_user("secretariat"))
    page = lead.get(NETWORK.format(lang="en")).content.decode()
    assert "has not been analysed yet" in page and "<svg" not in page
    assert 'http-equiv="refresh"' in page  # it refreshes itself until the analysis is there
    assert page.count("/en/stakeholders/organisation/") >= Organisation.objects.count()
    run_jobs()
    assert "<svg" in lead.get(NETWORK.format(lang="en")).content.decode()
