"""The open read API: every endpoint, with good and bad input; never a 500."""

import csv
import io
import json

import openapi_spec_validator
import pytest

pytestmark = pytest.mark.django_db


def test_series_of_lt025_population(client):
    response = client.get("/api/v1/series", {"indicator": "population", "region": "LT025"})
    assert response.status_code == 200
    data = response.json()
    assert (data["indicator"], data["region"], data["unit"]) == ("population", "LT025", "persons")
    by_period = {o["period"]: o for o in data["observations"]}
    shown = ("period", "value", "flag", "vintage", "dataset", "source")
    assert {k: by_period["2025"][k] for k in shown} == {
        "period": "2025",
        "value": 207017,
        "flag": None,
        "vintage": "2026-04",
        "dataset": "demo_r_pjanaggr3",
        "source": "Source: Eurostat (demo_r_pjanaggr3)",
    }
    assert by_period["2020"]["value"] == 218237
    assert {k: by_period["2005"][k] for k in shown[:4]} == {
        "period": "2005",
        "value": 284918,
        "flag": None,
        "vintage": "2022-10",
    }
    assert '"value": 207017,' in response.content.decode()  # an integer, not 207017.0


def test_series_of_an_older_release_and_flags(client):
    data = client.get(
        "/api/v1/series", {"indicator": "population", "region": "LT025", "vintage": "2022-10"}
    ).json()
    assert {o["period"]: o["value"] for o in data["observations"]}["2020"] == 211189
    data = client.get(
        "/api/v1/series", {"indicator": "gdp_pps_per_capita_eu27", "region": "DE"}
    ).json()
    assert {"period": "2021", "value": 119, "flag": "p", "vintage": "2024-05"} in [
        {k: o[k] for k in ("period", "value", "flag", "vintage")} for o in data["observations"]
    ]


def test_series_csv(client):
    response = client.get(
        "/api/v1/series.csv", {"indicator": "gdp_pps_per_capita_eu27", "region": "LT025"}
    )
    assert response.status_code == 200 and response["Content-Type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(response.content.decode())))
    assert {"period": "2021", "value": "62", "vintage": "2024-05"}.items() <= next(
        r for r in rows if r["period"] == "2021"
    ).items()
    assert rows[0]["source"] == "Source: Eurostat (nama_10r_3gdp)"


@pytest.mark.parametrize("path", ["/api/v1/series", "/api/v1/series.csv"])
@pytest.mark.parametrize(
    "params, status, message",
    [
        ({}, 400, "parameter 'indicator' is required"),
        ({"indicator": "population"}, 400, "parameter 'region' is required"),
        ({"indicator": "population", "region": "LT025; DROP"}, 400, "is not a code"),
        ({"indicator": "x" * 300, "region": "LT025"}, 400, "is not a code"),
        ({"indicator": "population", "region": "LT025", "vintage": "new"}, 400, "is not YYYY-MM"),
        ({"indicator": "nope", "region": "LT025"}, 404, "no indicator has the code 'nope'"),
        ({"indicator": "population", "region": "XX999"}, 404, "no region has the code 'XX999'"),
    ],
)
def test_series_bad_input(client, path, params, status, message):
    response = client.get(path, params)
    assert response.status_code == status
    assert message in response.json()["detail"]


@pytest.mark.parametrize("path", ["/api/v1/series", "/api/v1/series.csv"])
def test_schema_marks_the_series_parameters_required_and_lists_404(client, path):
    operation = client.get("/api/v1/openapi.json").json()["paths"][path]["get"]
    params = {p["name"]: p for p in operation["parameters"]}
    assert params["indicator"]["required"] is True and params["region"]["required"] is True
    assert "default" not in params["indicator"]["schema"]
    assert "default" not in params["region"]["schema"]
    assert not params["vintage"].get("required", False)
    assert {"400", "404"} <= set(operation["responses"])
    assert "application/json" in operation["responses"]["404"]["content"]


def test_every_operation_that_can_answer_404_lists_it(client):
    paths = client.get("/api/v1/openapi.json").json()["paths"]
    assert "404" in paths["/api/v1/indices/published"]["get"]["responses"]
    answer = client.get("/api/v1/indices/published", {"year": 1901})
    assert answer.status_code == 404 and "no published index" in answer.json()["detail"]
    for path, operations in paths.items():
        for operation in operations.values():
            if "{" in path:
                assert "404" in operation["responses"], path


def test_a_missing_parameter_is_named_in_a_json_400(client):
    answer = client.get("/api/v1/series", {"region": "LT"})
    assert answer.status_code == 400 and answer["Content-Type"].startswith("application/json")
    assert answer.json()["detail"] == "parameter 'indicator' is required"


def test_region(client):
    data = client.get("/api/v1/regions/LT025").json()
    assert data["name_en"] == "Panevėžys County" and data["parent"] == "LT02"
    assert "LT-LAU-27" in data["children"] and data["level"] == 3
    assert client.get("/api/v1/regions/lt025").json()["code"] == "LT025"
    missing = client.get("/api/v1/regions/XX999")
    assert missing.status_code == 404 and "XX999" in missing.json()["detail"]
    assert client.get("/api/v1/regions/LT%20025").status_code == 400


def test_indicators(client):
    data = client.get("/api/v1/indicators").json()
    codes = {i["code"]: i for i in data}
    for code in (
        "population",
        "gdp_eur_per_capita",
        "gdp_pps_per_capita_eu27",
        "median_age",
        "active_enterprises",
        "unemployment_rate",
        "area_km2",
        "population_density",
    ):
        assert code in codes
    assert codes["population_density"]["formula"] == "population / area_km2"
    one = client.get("/api/v1/indicators/median_age").json()
    assert one["definition_en"].startswith("The age that divides")
    assert client.get("/api/v1/indicators/nope").status_code == 404
    assert client.get("/api/v1/indicators/a%20b").status_code == 400


def test_openapi_document_validates_and_docs_are_served_locally(client):
    spec = json.loads(client.get("/api/v1/openapi.json").content)
    openapi_spec_validator.validate(spec)
    for path in (
        "/api/v1/series",
        "/api/v1/series.csv",
        "/api/v1/regions/{code}",
        "/api/v1/indicators",
        "/api/v1/indicators/{code}",
    ):
        assert path in spec["paths"]
    html = client.get("/api/v1/docs").content.decode()
    assert "/static/ninja/swagger-ui-bundle.js" in html
    assert "https://" not in html and "http://" not in html
