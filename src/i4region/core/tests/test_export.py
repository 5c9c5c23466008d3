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


def test_api_docs_work_offline(client):
    html = client.get("/api/v1/docs").content.decode()
    assert "cdn" not in html.lower()
    assert '"validatorUrl": null' in html


def test_malformed_api_parameters_answer_400_naming_the_parameter(rf):
    from ninja.errors import ValidationError

    from i4region.api import malformed_parameters

    error = ValidationError([{"loc": ("query", "year"), "msg": "Input should be a valid integer"}])
    response = malformed_parameters(rf.get("/api/v1/series?year=x"), error)
    assert response.status_code == 400
    body = json.loads(response.content)
    assert body["errors"] == [{"where": "query.year", "message": "Input should be a valid integer"}]
