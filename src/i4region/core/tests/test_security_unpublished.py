"""Unpublished items are not detectable: for whoever may not see an item, every view of it
answers exactly as it answers for an item that does not exist (SECURITY.md's rule).

A probe told unpublished items from missing ones by 302 against 404 and 403 against 404.
"""

import pytest
from django.db.models import Max

from .permission_matrix import VIEWS
from .test_security_permissions import parameter_values, samples  # noqa: F401 (a fixture)

pytestmark = pytest.mark.django_db

# The records with a publication flag whose views the matrix holds, and what names them.
RECORDS = {"initiative": "slug", "organisation": "pk", "board": "slug"}


def views_of(record: str) -> list[str]:
    return sorted(
        name
        for name, (_statuses, spec) in VIEWS.items()
        if f"{record}.{RECORDS[record]}" in spec.values()
    )


def missing_value(record: str, found: dict):
    model = type(found[record])
    if RECORDS[record] == "pk":
        return (model._default_manager.aggregate(top=Max("pk"))["top"] or 0) + 1000
    return "no-such-record-x7q"


def _cases():
    for record in sorted(RECORDS):
        for name in views_of(record):
            for actor in ("anonymous", "company_rep_other"):
                yield pytest.param(record, name, actor, id=f"{name}-{actor}")


@pytest.mark.parametrize(("record", "name", "actor"), list(_cases()))
def test_unpublished_answers_like_missing(client, samples, record, name, actor):  # noqa: F811
    from django.urls import reverse

    item = samples[record]
    type(item)._default_manager.filter(pk=item.pk).update(published=False)
    user = samples["actors"][actor]
    if user is not None:
        client.force_login(user)
    spec = VIEWS[name][1]
    real = parameter_values(spec, samples)
    param = next(k for k, v in spec.items() if v == f"{record}.{RECORDS[record]}")
    fake = {**real, param: missing_value(record, samples)}
    unpublished = client.get(reverse(name, kwargs=real)).status_code
    missing = client.get(reverse(name, kwargs=fake)).status_code
    assert unpublished == missing, f"unpublished {unpublished}, missing {missing}"
