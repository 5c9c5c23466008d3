"""Another European region in one command: its own profile and comparators, nothing of Panevėžys."""

import json
import subprocess
import sys

import pytest

from i4region.testing import instance_env, run_cli

SECRET = "new-region-test-secret-key-0123456789-abcdefghijklmnopqrstuvwxyz"

# Pages a visitor of the new instance opens; none may name the practice's region.
CRAWL = """
import json, os, sys, django
django.setup()
from django.test import Client
from i4region.observatory.models import Observation
from django.conf import settings
code = settings.I4REGION_HOME_REGION
client = Client()
pages = {}
for path in ["/en/", f"/en/regions/{code}/", "/en/board/", "/en/initiatives/",
             "/en/stakeholders/", "/en/strategy/", "/en/transfer/", "/lt/", f"/lt/regions/{code}/"]:
    response = client.get(path, follow=True)
    pages[path] = [response.status_code, response.content.decode()]
population = (Observation.objects.filter(indicator__code="population", region__code=code,
              period="2025").order_by("-vintage").values_list("value", flat=True)
              .first())
from django.utils import translation
from i4region.regions.models import Region
with translation.override("en"):
    country = Region.objects.get(code=code[:2]).display_name
print(json.dumps({"pages": pages, "population": population, "country": country}))
"""


@pytest.fixture(scope="module")
def new_instance(tmp_path_factory):
    home = tmp_path_factory.mktemp("de111")
    env = instance_env(home, SECRET_KEY=SECRET, DEBUG="true")
    env.pop("I4REGION_HOME_REGION", None)
    done = run_cli(env, "setup", "--home-region", "DE111", "--verbosity", "0")
    assert done.returncode == 0, done.stderr[-2000:]

    def crawl(code: str | None = None) -> dict:
        run_env = {**env, "ALLOWED_HOSTS": "testserver"}
        if code:
            run_env["I4REGION_HOME_REGION"] = code
        result = subprocess.run(
            [sys.executable, "-c", CRAWL],
            env=run_env,
            cwd=home,
            capture_output=True,
            text=True,
            timeout=600,
        )
        assert result.returncode == 0, result.stderr[-2000:]
        return json.loads(result.stdout.strip().splitlines()[-1])

    return home, crawl


def test_setup_remembers_the_region_it_serves(new_instance):
    home, _ = new_instance
    assert json.loads((home / "var" / "instance.json").read_text())["home_region"] == "DE111"


@pytest.mark.parametrize("code", [None, "PL91"])
def test_the_new_region_has_its_profile_and_no_trace_of_panevezys(new_instance, code):
    _, crawl = new_instance
    result = crawl(code)
    code = code or "DE111"
    for path, (status, text) in result["pages"].items():
        assert status == 200, path
        assert "Panevė" not in text and "Panevez" not in text, path
    profile = result["pages"][f"/en/regions/{code}/"][1]
    assert result["population"] is not None
    assert f"{round(result['population']):,}" in profile  # the bundled 2025 population
    assert result["country"] in profile and "EU" in profile  # its own country, and the EU


def test_an_unknown_region_is_refused_in_one_line(tmp_path):
    env = instance_env(tmp_path, SECRET_KEY=SECRET, DEBUG="true")
    env.pop("I4REGION_HOME_REGION", None)
    done = run_cli(env, "setup", "--home-region", "XX999", "--verbosity", "0", timeout=600)
    assert done.returncode == 2
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1 and "XX999" in lines[0] and "NUTS 2021" in lines[0]
    assert not (tmp_path / "var" / "instance.json").exists()
