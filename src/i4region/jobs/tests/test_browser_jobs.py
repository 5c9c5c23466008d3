"""Browser journey: an upload returns at once to its job's page, which shows a progress bar while
the job waits, refreshes itself while a worker runs it, and then shows the import's report."""

import re
import threading

import pytest

from i4region.conftest import log_in

from .worker import BATCH

pytestmark = pytest.mark.browser

ELEMENTS = "Label,Type\n" + "".join(f"Browser job firm {i},Company\n" for i in range(300))


def test_an_import_shows_its_progress_then_its_report(served, served_user, page, tmp_path):
    base, run = served
    (tmp_path / "elements.csv").write_text(ELEMENTS, encoding="utf-8")
    log_in(page, base, served_user("secretariat"))
    page.goto(base + "/en/stakeholders/kumu/")
    page.locator("input[name=elements]").set_input_files(tmp_path / "elements.csv")
    page.get_by_role("button", name="Import").click()
    # no worker runs yet: the request did not wait for the import
    assert re.search(r"/en/jobs/\d+/$", page.url)
    assert page.locator("progress").count() == 1
    assert "Waiting for a worker" in page.content()
    worker = threading.Thread(target=run, args=BATCH)
    worker.start()
    page.get_by_text("Imported 300 elements and 0 connections.").wait_for(timeout=120_000)
    worker.join(timeout=120)
    assert page.locator("progress").count() == 0
    page.get_by_role("link", name="See the result").click()
    assert page.url.split("?")[0].endswith("/en/stakeholders/network/")
    page.goto(base + "/en/jobs/")
    assert "Kumu import: elements.csv" in page.locator("main table").inner_text()
