"""schemathesis against the served OpenAPI schema: no 500 and every answer as the schema says.

Runs in-process through the WSGI application on the test database; few examples per
operation so the suite stays fast.
"""

import pytest
import schemathesis
from django.core.wsgi import get_wsgi_application
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import content_type_conformance, response_schema_conformance

schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", get_wsgi_application())


@pytest.fixture(autouse=True)
def keep_the_test_connection():
    """As Django's test client does: a request must not close the test's database connection
    (SQLite's in-memory test database never closes; PostgreSQL's does, and every later query fails)."""
    from django.core.signals import request_finished, request_started
    from django.db import close_old_connections

    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    try:
        yield
    finally:
        request_started.connect(close_old_connections)
        request_finished.connect(close_old_connections)


@pytest.mark.django_db
@schema.parametrize()
@settings(
    max_examples=8,
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=list(HealthCheck),
)
def test_api_answers_as_its_schema_says(case):
    # the in-process transport does not decompress: ask for the plain body (a client that sends
    # Accept-Encoding: gzip gets the same JSON compressed)
    case.call_and_validate(
        headers={"Accept-Encoding": "identity"},
        checks=[not_a_server_error, response_schema_conformance, content_type_conformance],
    )


def test_schema_documents_404_for_every_path_parameter_and_400_everywhere():
    from i4region.api import api

    for path, operations in api.get_openapi_schema()["paths"].items():
        for method, operation in operations.items():
            assert 400 in operation["responses"], f"{method} {path}"
            if "{" in path:
                assert 404 in operation["responses"], f"{method} {path}"
