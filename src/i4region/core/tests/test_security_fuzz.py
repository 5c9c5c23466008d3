"""Query-parameter and path fuzzing of every page and API endpoint: no 500, whatever is sent.

A probe got 124 server errors from 1,920 fuzzed requests (`?run=abc`, a NUL byte in `q`,
`peers`, `region`, `municipality` or a path on PostgreSQL). The pages are the permission
matrix's, requested as the secretariat (who reaches the most code) and anonymously.
Example counts stay small and derandomised so the suite stays fast and a failure repeats.
"""

from __future__ import annotations

import re
from urllib.parse import quote, urlencode

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from i4region.accounts.models import Role

from .permission_matrix import VIEWS
from .test_security_permissions import parameter_values, samples, url_for  # noqa: F401

pytestmark = pytest.mark.django_db

# Parameter names the views read, plus whatever else a client may send.
NAMES = [
    "q", "peers", "region", "municipality", "run", "year", "page", "proposal", "challenge",
    "indicator", "type", "theme", "stance", "download", "format", "funder", "source", "status",
    "sort", "from", "to", "lang", "next",
]  # fmt: skip
VALUES = st.one_of(
    st.text(max_size=12),
    st.text(alphabet=st.characters(codec="utf-8"), max_size=6).map(lambda s: s + "\x00"),
    st.integers(min_value=-(2**70), max_value=2**70).map(str),
    st.floats(allow_nan=True, allow_infinity=True).map(str),
    st.sampled_from(["", "abc", "LT025", "LT025,DE", "1e309", "-1", "0", "ＬＴ０２５", "%", "'--"]),
)
QUERIES = st.lists(st.tuples(st.sampled_from(NAMES) | st.text(max_size=5), VALUES), max_size=3)
FUZZ = settings(
    max_examples=4,
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
PAGES = sorted(name for name, (statuses, _spec) in VIEWS.items() if statuses[2] != 405)


def no_server_error(response, url: str) -> None:
    assert response.status_code < 500, f"{response.status_code} from {url!r}"


@pytest.mark.parametrize("name", PAGES)
def test_query_parameters_never_cause_a_server_error(client, samples, make_user, name):  # noqa: F811
    url = url_for(name, VIEWS[name][1], samples)
    secretariat = make_user(Role.SECRETARIAT)

    @FUZZ
    @given(pairs=QUERIES, signed_in=st.booleans())
    def check(pairs, signed_in):
        client.logout()
        if signed_in:
            client.force_login(secretariat)
        query = urlencode(pairs)
        no_server_error(client.get(f"{url}?{query}"), f"{url}?{query}")

    check()


# Path parameters: every segment that a view takes from the URL, replaced by hostile values.
SEGMENTS = st.one_of(
    st.integers(min_value=0, max_value=2**80).map(str),
    st.text(min_size=1, max_size=10).map(lambda s: quote(s, safe="")),
    st.sampled_from(["%00", "a%00b", "%C0%AF", "..%2F..", "%E2%80%AE", "-1", "0x10", "１２"]),
)


@pytest.mark.parametrize("name", [name for name in PAGES if VIEWS[name][1]])
def test_path_parameters_never_cause_a_server_error(client, samples, make_user, name):  # noqa: F811
    spec = VIEWS[name][1]
    url = url_for(name, spec, samples)
    filled = {param: str(value) for param, value in parameter_values(spec, samples).items()}
    client.force_login(make_user(Role.SECRETARIAT))

    @FUZZ
    @given(param=st.sampled_from(sorted(filled)), value=SEGMENTS)
    def check(param, value):
        target = filled[param]
        fuzzed = re.sub(rf"(?<=/){re.escape(target)}(?=[/.]|$)", value, url, count=1)
        no_server_error(client.get(fuzzed), fuzzed)

    check()
