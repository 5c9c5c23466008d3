"""Browser journey: the public reads the index and a scorecard; the secretariat recomputes a run."""

import re
import threading

import pytest

from i4region.conftest import log_in
from i4region.jobs.tests.worker import BATCH

pytestmark = pytest.mark.browser


def test_read_the_index_and_recompute_it(served, served_user, page):
    base, run = served
    page.goto(base + "/en/indices/")
    heading = page.get_by_role("heading", level=1)
    assert heading.inner_text() == "Regional Industry 4.0 readiness index 2018"
    assert page.locator("figure svg, .chart svg").count() >= 1
    page.get_by_label("Year").select_option("2013")
    page.get_by_role("button", name="Show").click()
    assert page.url.endswith("/en/indices/?year=2013") and heading.inner_text().endswith("2013")
    page.locator("a[href*='/indices/regions/LT02/']").first.click()
    assert page.url.endswith("/en/indices/regions/LT02/?year=2013")
    assert page.get_by_role("heading", name="Over the years").count() == 1
    assert page.get_by_role("heading", name="Pillars in 2013").count() == 1
    assert page.get_by_role("heading", name="Strengths").count() == 1
    assert page.get_by_role("heading", name="Weaknesses").count() == 1
    assert "Honti" in page.content()

    page.goto(base + "/lt/indices/method/")
    assert "Kaip sudaromas indeksas" in page.content()

    log_in(page, base, served_user("secretariat"))
    page.goto(base + "/en/indices/recompute/")
    page.get_by_label(re.compile("aggregation", re.I)).select_option("gmean")
    page.get_by_role("button", name="Recompute").click()
    # the request did not wait for the computation: the job waits for a worker
    assert re.search(r"/en/jobs/\d+/$", page.url) and page.locator("progress").count() == 1
    worker = threading.Thread(target=run, args=BATCH)
    worker.start()
    page.get_by_text(re.compile(r"New run \d+ stored\.")).wait_for(timeout=120_000)
    worker.join(timeout=120)
    page.get_by_role("link", name="See the result").click()
    assert re.search(r"/en/indices/\?run=\d+$", page.url)
    assert "not published" in page.content()
