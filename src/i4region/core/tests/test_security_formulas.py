"""Spreadsheet formula injection: no text a user wrote starts a cell as a formula in any file.

A probe found live formulas in every CSV download, in `i4region export` and in the Kumu XLSX.
Every free-text field of every record kind gets one of the payloads below (through the ORM, as
an import or a form could store it); then every table `i4region export` writes, every CSV the
pages offer and the Kumu workbook must carry them only neutralised (a leading apostrophe).
"""

from __future__ import annotations

import csv
import io
from itertools import cycle

import pytest
from django.apps import apps
from django.db import models

from i4region.accounts.models import Role
from i4region.core.exports import export

from .permission_matrix import VIEWS
from .test_security_permissions import samples, url_for  # noqa: F401 (a fixture)

pytestmark = pytest.mark.django_db

PAYLOADS = ("=1+1", "+1", "-1", "@SUM(A1)")
MARK = "fx-probe"
# Fields that hold structured values the product parses, not free text.
STRUCTURED = {"observatory.Indicator.formula"}


def poison_every_text_field() -> int:
    """Write a payload into each free-text field of the first record of every model."""
    written = 0
    payloads = cycle(PAYLOADS)
    for model in apps.get_models():
        if not model.__module__.startswith("i4region."):
            continue
        first = model._default_manager.order_by("pk").first()
        if first is None:
            continue
        values = {}
        for field in model._meta.concrete_fields:
            text = isinstance(field, models.CharField | models.TextField)
            plain = not (field.choices or field.unique or field.primary_key)
            structured = f"{model._meta.label}.{field.name}" in STRUCTURED
            value = f"{next(payloads)} {MARK}"
            # a field too short for the payload cannot carry it (PostgreSQL enforces the length)
            fits = getattr(field, "max_length", None) is None or len(value) <= field.max_length
            if (
                text
                and plain
                and fits
                and not structured
                and not isinstance(field, models.SlugField)
            ):
                values[field.name] = value
        if values:
            written += model._default_manager.filter(pk=first.pk).update(**values)
    return written


def live_formulas(cells) -> list[str]:
    return [c for c in cells if isinstance(c, str) and MARK in c and c.startswith(PAYLOADS)]


def csv_cells(text: str) -> list[str]:
    return [cell for row in csv.reader(io.StringIO(text)) for cell in row]


def test_the_export_command_neutralises_every_payload(tmp_path):
    assert poison_every_text_field() > 10
    export(tmp_path, public=False, include_personal_data=True)
    seen, found = 0, []
    for path in sorted(tmp_path.rglob("*.csv")):
        cells = csv_cells(path.read_text(encoding="utf-8"))
        seen += sum(MARK in c for c in cells)
        found += [f"{path.name}: {c}" for c in live_formulas(cells)]
    assert seen > 10, "the payloads did not reach the export"
    assert not found, found[:10]


DOWNLOADS = sorted(
    name
    for name, (statuses, _params) in VIEWS.items()
    if statuses[2] == 200 and any(k in name for k in ("csv", "export", "download"))
)


def test_every_page_download_neutralises_every_payload(client, samples, make_user):  # noqa: F811
    from openpyxl import load_workbook

    assert poison_every_text_field() > 10
    client.force_login(make_user(Role.SECRETARIAT))
    found, seen = [], 0
    for name in DOWNLOADS:
        url = url_for(name, VIEWS[name][1], samples)
        response = client.get(url)
        assert response.status_code == 200, url
        if response["Content-Type"].startswith("application/vnd.openxmlformats"):
            book = load_workbook(io.BytesIO(response.content))
            cells = [c for sheet in book for row in sheet.iter_rows() for c in row]
            found += [f"{url}: formula cell {c.value}" for c in cells if c.data_type == "f"]
            texts = [c.value for c in cells]
        else:
            texts = csv_cells(response.content.decode("utf-8"))
        seen += sum(isinstance(t, str) and MARK in t for t in texts)
        found += [f"{url}: {t}" for t in live_formulas(texts)]
    assert seen > 3, "the payloads did not reach the downloads"
    assert not found, found[:10]
