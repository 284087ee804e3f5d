"""Every UI string is translated into every language, and the compiled catalogues match."""

import shutil
import subprocess
import sys
from pathlib import Path

import polib
import pytest
from django.conf import settings

from library_portal.languages import LANGS

ROOT = Path(__file__).resolve().parents[2]


def test_the_portal_speaks_lithuanian_first_then_english_bulgarian_and_finnish():
    # Every test that walks the languages imports LANGS; this pins what they walk.
    assert LANGS == ("lt", "en", "bg", "fi")


@pytest.mark.parametrize("lang", LANGS)
def test_catalogue_has_no_untranslated_or_fuzzy_entries(lang):
    catalogue = polib.pofile(str(ROOT / "locale" / lang / "LC_MESSAGES" / "django.po"))
    assert [e.msgid for e in catalogue.untranslated_entries()] == []
    assert [e.msgid for e in catalogue.fuzzy_entries()] == []
    assert len(catalogue.translated_entries()) > 100


@pytest.mark.parametrize("lang", LANGS)
def test_compiled_catalogue_matches_the_po_file(lang):
    folder = ROOT / "locale" / lang / "LC_MESSAGES"
    source = {(e.msgctxt, e.msgid): (e.msgstr, e.msgstr_plural) for e in polib.pofile(str(folder / "django.po"))}
    compiled = {(e.msgctxt, e.msgid): (e.msgstr, e.msgstr_plural) for e in polib.mofile(str(folder / "django.mo"))}
    assert compiled == source, "run `make messages` to compile the catalogues"


def test_every_string_in_the_code_and_templates_is_in_the_catalogues(tmp_path):
    """Run makemessages on a copy of the tree: it must find no string the catalogues lack."""
    if shutil.which("xgettext") is None:
        pytest.fail("GNU gettext is needed for this check: apt-get install gettext (bash .ci/run does).")
    for name in ("manage.py", "pyproject.toml"):
        shutil.copy(ROOT / name, tmp_path / name)
    for folder in (
        "library_portal",
        "services",
        "pricing",
        "ill",
        "feedback",
        "rooms",
        "news",
        "search",
        "templates",
        "locale",
    ):
        shutil.copytree(ROOT / folder, tmp_path / folder, ignore=shutil.ignore_patterns("__pycache__"))
    subprocess.run(
        [sys.executable, "manage.py", "makemessages", "-l", "lt", "--no-obsolete"],
        cwd=tmp_path,
        check=True,
        capture_output=True,
        env={"DEBUG": "1", "PATH": "/usr/bin:/bin", "DATABASE_URL": settings.DATABASE_URL},
    )
    fresh = polib.pofile(str(tmp_path / "locale" / "lt" / "LC_MESSAGES" / "django.po"))
    missing = [e.msgid for e in fresh if not e.translated() and not e.obsolete]
    assert missing == [], "new UI strings: run `make messages` and translate them"
