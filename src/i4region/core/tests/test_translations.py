"""Everything a user sees exists in Lithuanian: every catalogue complete, none out of date."""

import os
import shutil
import subprocess
import sys
from pathlib import Path

import polib
import pytest

import i4region

PACKAGE = Path(i4region.__file__).parent


def po_files(root: Path) -> list[Path]:
    return sorted(root.glob("**/locale/lt/LC_MESSAGES/django.po"))


def test_every_lithuanian_catalogue_is_complete():
    files = po_files(PACKAGE)
    assert files, "no Lithuanian catalogue found"
    for path in files:
        po = polib.pofile(str(path))
        untranslated = [e.msgid for e in po.untranslated_entries()]
        fuzzy = [e.msgid for e in po.fuzzy_entries()]
        assert not untranslated, f"{path}: untranslated {untranslated[:10]}"
        assert not fuzzy, f"{path}: fuzzy {fuzzy[:10]}"


def test_catalogues_hold_every_string_the_code_marks(tmp_path):
    """Re-extract the strings from a copy of the package and compare with the committed catalogues
    (compute/'s, the parsers' reasons marked with gettext_noop, go to compute/locale)."""
    if shutil.which("xgettext") is None:
        message = "needs GNU gettext's xgettext (make test installs it when run as root)"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    copy = tmp_path / "i4region"
    shutil.copytree(PACKAGE, copy, ignore=shutil.ignore_patterns("__pycache__", "data", "*.mo"))
    env_cmd = [
        sys.executable,
        "-c",
        "import os,sys; sys.path.insert(0, sys.argv[1]); "
        "os.environ.setdefault('DJANGO_SETTINGS_MODULE','i4region.settings_test'); "
        "from django.core.management import execute_from_command_line as e; "
        "e(['x','makemessages','-l','lt','--no-location','--no-obsolete',"
        "'-i','charts/*'])",
        str(tmp_path),
    ]
    result = subprocess.run(env_cmd, cwd=copy, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    for fresh in po_files(copy):
        committed = PACKAGE / fresh.relative_to(copy)
        have = {e.msgid for e in polib.pofile(str(committed))} if committed.exists() else set()
        wanted = {e.msgid for e in polib.pofile(str(fresh))}
        assert not wanted - have, f"{committed}: not in the catalogue: {sorted(wanted - have)[:10]}"


def test_django_messages_its_own_catalogue_leaves_in_english_read_in_lithuanian():
    """Django 5.2's Lithuanian catalogue lacks some messages a form or a package can show; ours
    holds them (core/django_strings.py lists them)."""
    from django import forms
    from django.utils import translation

    from i4region.core.django_strings import MESSAGES, PLURALS

    with translation.override("en"):
        plurals = {p: [p % n for n in (1, 2, 10)] for p in PLURALS}
    with translation.override("lt"):
        english = [m for m in MESSAGES if translation.gettext(m) == m]
        english += [e[0] for p, e in plurals.items() if any(p % n in e for n in (1, 2, 10))]
        with pytest.raises(forms.ValidationError) as refused:
            forms.SlugField().clean("robotics centre")
    assert not english
    assert refused.value.messages == [
        "Įveskite tinkamą trumpąjį pavadinimą: tik lotyniškos raidės, skaitmenys, pabraukimo "
        "brūkšniai arba brūkšneliai."
    ]
