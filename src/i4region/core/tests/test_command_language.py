"""The command line speaks the instance's language (LANGUAGE_CODE), the whole line of it."""

from io import StringIO

import pytest
from django.core.management import call_command
from django.utils import translation

pytestmark = pytest.mark.django_db


def _said(lang: str, *args, **options) -> str:
    out = StringIO()
    with translation.override(lang):
        call_command(*args, stdout=out, **options)
    return out.getvalue()


def _lithuanian_form(n: int, forms: tuple[str, str, str]) -> str:
    """Lithuanian's three plural forms: 1, 21 …; 2–9, 22–29 …; 0, 10–20, 30 …"""
    if n % 10 == 1 and n % 100 != 11:
        return forms[0]
    return forms[1] if n % 10 >= 2 and not 10 <= n % 100 < 20 else forms[2]


def test_export_reports_its_tables_in_lithuanian(tmp_path):
    said = _said("lt", "export", out=tmp_path)
    tables = len(list(tmp_path.glob("*.csv")))
    form = _lithuanian_form(tables, ("lentelė įrašyta", "lentelės įrašytos", "lentelių įrašyta"))
    assert f"{tables} {form} į {tmp_path}" in said
    assert "indicators.csv: " in said and " eilut" in said
    assert " rows" not in said and "Wrote" not in said


def test_export_reports_its_tables_in_english(tmp_path):
    said = _said("en", "export", out=tmp_path)
    assert " rows\n" in said and f"tables to {tmp_path}" in said
    assert "eilut" not in said


@pytest.mark.parametrize(
    ("lang", "expected", "other"),
    [
        ("lt", "vėluojančių veiksmų pažymėta; išsiųsta 0 santraukos el. laiškų", "sent"),
        ("en", "overdue actions flagged; 0 digest e-mails sent", "išsiųsta"),
    ],
)
def test_the_digest_reports_what_it_did_in_one_language(lang, expected, other):
    said = _said(lang, "board_digest")
    assert expected in said
    assert other not in said
