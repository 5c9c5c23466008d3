"""Two gunicorn servers on one PostgreSQL database and one Redis, behind Debian's nginx, serve one
instance: a user signed in through one server is signed in on the other, an edit form fetched from
one is accepted by the other, requests through nginx reach both, and an import started through
one server is finished by a job worker on the shared database and reported by the other server.

Runs in the PostgreSQL run of the suite (DATABASE_URL=postgres://…): the servers get a database of
their own on that server, created and dropped here. Redis is REDIS_URL's (default: the local one).
Both servers run with production settings (DEBUG off) from one folder, which holds only the
collected static files; sessions, the cache, job files and jobs live in PostgreSQL and Redis.
"""

import os
import re
import time

import pytest

from i4region.testing import (
    CLI,
    Client,
    form_fields,
    gunicorn,
    nginx_binary,
    nginx_in_front,
    postgres_database,
    postgres_problem,
    production_env,
    redis_problem,
    run_cli,
    running,
    serving,
)

DATABASE_URL = os.environ.get("DATABASE_URL", "")
REDIS_URL = os.environ.get("REDIS_URL", "redis://127.0.0.1:6379/0")
PASSWORD = "Two-servers-passw0rd"

pytestmark = pytest.mark.skipif(
    not DATABASE_URL.startswith(("postgres://", "postgresql://")),
    reason="two servers share a PostgreSQL database: runs when DATABASE_URL names a PostgreSQL "
    "server (the PostgreSQL run of the suite)",
)


def _missing() -> str | None:
    if nginx_binary() is None:
        return "Debian's nginx is not installed (make test installs it when run as root)"
    return postgres_problem(DATABASE_URL) or redis_problem(REDIS_URL)


@pytest.fixture(scope="module")
def deployment(tmp_path_factory):
    """Yields (server_a, server_b, proxy, env): two gunicorn servers' and nginx's base URLs."""
    if problem := _missing():
        if os.environ.get("CI"):
            pytest.fail(problem)
        pytest.skip(problem)
    folder = tmp_path_factory.mktemp("two-servers")
    with postgres_database(DATABASE_URL, f"i4region_two_servers_{os.getpid()}") as url:
        env = production_env(
            folder / "home", DATABASE_URL=url, REDIS_URL=REDIS_URL, TRUSTED_PROXY_COUNT="1"
        )
        (folder / "home").mkdir()
        for command in (
            ("setup", "--no-data", "--verbosity", "0"),
            (
                "shell",
                "-c",
                "from i4region.regions import seed; seed.load(); "
                "from i4region.observatory.importing import load_catalogue; load_catalogue(); "
                "from i4region.accounts.models import User; "
                f"User.objects.create_user('secretary', password={PASSWORD!r}, role='secretariat')",
            ),
            ("collectstatic", "--noinput", "--verbosity", "0"),
        ):
            result = run_cli(env, *command, timeout=600)
            assert result.returncode == 0, result.stdout + result.stderr
        with (
            serving(gunicorn(2), env) as server_a,
            serving(gunicorn(2), env) as server_b,
            nginx_in_front([server_a, server_b], folder / "nginx", env) as proxy,
        ):
            yield server_a, server_b, proxy, env


def test_signed_in_through_one_server_the_user_edits_through_the_other(deployment):
    server_a, server_b, proxy, _ = deployment
    user = Client(server_a)
    assert user.log_in("secretary", PASSWORD) == 302
    edit = "/en/observatory/indicators/population/edit/"
    status, _, page = user.get(edit)  # from server A: its form and CSRF token
    assert status == 200
    fields = form_fields(page)
    assert fields["name_en"] == "Population on 1 January"
    fields["name_en"] = "Population on 1 January (edited through the other server)"

    forged = {**fields, "csrfmiddlewaretoken": "x" * 64}
    assert user.post(edit, forged, base=server_b)[0] == 403  # server B does check the token
    status, headers, _ = user.post(edit, fields, base=server_b)
    assert status == 302 and headers["Location"] == "/en/observatory/indicators/population/"
    for server in (server_a, server_b):
        _, _, page = user.get("/en/observatory/indicators/population/", base=server)
        assert "Population on 1 January (edited through the other server)" in page

    # through nginx, one session on whichever server answers: both answer, both know the user
    answered = set()
    for _ in range(6):
        status, headers, page = user.get("/en/jobs/", base=proxy)
        assert status == 200 and "<h1>Jobs</h1>" in page
        answered.add(headers["X-Upstream"])
    assert answered == {server_a.removeprefix("http://"), server_b.removeprefix("http://")}
    assert Client(proxy).get("/en/jobs/")[0] == 302  # and a visitor without it is sent to log in


def test_an_import_started_through_one_server_is_reported_by_the_other(deployment):
    server_a, server_b, _, env = deployment
    user = Client(server_a)
    assert user.log_in("secretary", PASSWORD) == 302
    upload = "/en/observatory/imports/upload/"
    fields = {**form_fields(user.get(upload)[2]), "vintage": "2025-01"}
    tidy = b"indicator,region,period,value\nrobolabas_participants,LT025,2024,41\n"
    status, headers, _ = user.post(upload, fields, {"file": ("robolabas.csv", tidy)})
    assert status == 302, "the upload returns at once with the job's page"
    job = headers["Location"]
    assert re.fullmatch(r"/en/jobs/\d+/", job)

    _, _, page = user.get(job, base=server_b)
    assert "Waiting for a worker" in page  # no worker yet: nothing ran in the request
    with running([*CLI, "db_worker", "--no-reload", "--no-startup-delay"], env):
        for _ in range(180):
            _, _, page = user.get(job, base=server_b)
            if "Waiting for a worker" not in page and "<progress" not in page:
                break
            time.sleep(0.5)
    assert "robolabas.csv: 1 rows read; 1 added" in page, page[-2000:]
    _, _, jobs = user.get("/en/jobs/", base=server_b)
    row = re.search(rf'<tr><td><a href="{job}">.*?</tr>', jobs, re.S).group(0)
    assert "Statistics file import" in row and "status-done" in row
