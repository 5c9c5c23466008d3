import csv
import json

import pytest
from django.core.management import call_command

pytestmark = pytest.mark.django_db


def test_export_writes_every_apps_tables_described_in_datapackage(tmp_path):
    call_command("export", "--out", str(tmp_path), verbosity=0)
    package = json.loads((tmp_path / "datapackage.json").read_text(encoding="utf-8"))
    names = {r["name"] for r in package["resources"]}
    assert {"organisations", "actions", "initiatives", "index_results"} <= names
    for resource in package["resources"]:
        with open(tmp_path / resource["path"], encoding="utf-8", newline="") as fh:
            header = next(csv.reader(fh))
        assert header == [f["name"] for f in resource["schema"]["fields"]], resource["name"]
        assert all(f["description"] for f in resource["schema"]["fields"]), resource["name"]


def test_bare_404_page_renders(client):
    response = client.get("/en/planned/observatory/")  # a built capability has no 'planned' page
    assert response.status_code == 404
    assert "We could not find that page" in response.content.decode()
