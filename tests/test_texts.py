"""The one catalog of texts: both languages for every key, every key used, every key
the code asks for present, the vocabularies complete, Dutch and English formats."""

from __future__ import annotations

import datetime as dt
import json
import re
import string
import subprocess
import sys
from pathlib import Path

import pytest

from privacy_kb import texts, vocabulary
from privacy_kb.texts import (CATALOG, VOCABULARIES, Text, format_date, format_month,
                              format_number, format_percent, label, text, type_name)

ROOT = Path(__file__).resolve().parent.parent
CATALOG_FILE = ROOT / "privacy_kb" / "texts.py"


def _code() -> dict[Path, str]:
    """Every source file that may use a text: the package (but the catalog itself)
    and the notebooks' code cells."""
    files = {p: p.read_text(encoding="utf-8") for p in (ROOT / "privacy_kb").rglob("*.py")
             if p != CATALOG_FILE}
    for nb in (ROOT / "notebooks").glob("*.ipynb"):
        cells = json.loads(nb.read_text(encoding="utf-8"))["cells"]
        files[nb] = "\n".join("".join(c["source"]) for c in cells if c["cell_type"] == "code")
    return files


def _fields(template: str) -> set[str]:
    return {name for _lit, name, _spec, _conv in string.Formatter().parse(template) if name}


def test_every_text_exists_in_both_languages_with_the_same_placeholders():
    assert len(CATALOG) > 150
    for key, entry in CATALOG.items():
        assert isinstance(entry, Text), key
        assert re.fullmatch(r"[a-z0-9_]+(\.[a-z0-9_]+)*", key), key
        assert entry.nl.strip() and entry.en.strip(), key
        assert entry.nl == entry.nl.strip() and entry.en == entry.en.strip(), key
        assert _fields(entry.nl) == _fields(entry.en), key


def test_a_text_cannot_be_written_with_one_language_only():
    with pytest.raises(TypeError):
        Text("Alleen Nederlands")  # type: ignore[call-arg]


#: Keys a view builds from a prefix and a name (ui/register_view.py: ``'reg.' + key``
#: over the section names): used when the file still builds them and names the part.
BUILT = {"reg.details", "reg.actions", "reg.history", "reg.exports"}


def _quoted(word: str, source: str) -> bool:
    return f'"{word}"' in source or f"'{word}'" in source


def test_every_key_is_used_in_the_code():
    files = _code()
    code = "\n".join(files.values())
    unused = [key for key in CATALOG if key not in BUILT and not _quoted(key, code)]
    assert unused == []
    for key in BUILT:
        prefix, name = key.split(".", 1)
        assert any(re.search(rf"""["']{prefix}\.["']\s*\+""", source)
                   and _quoted(name, source) for source in files.values()), key


#: A lookup with a literal key: t("…"), text("…"), texts.text("…"), CATALOG["…"]
#: (not a method such as the register's ``c.text("name", …)``).
LOOKUP = re.compile(r"""(?:(?<![\w.])(?:t|text)\(\s*|texts\.text\(\s*|CATALOG\[)"""
                    r"""["']([a-z0-9_.]+)["'](?=\s*[,)\]])""")


def test_every_key_the_code_asks_for_is_in_the_catalog():
    asked = {(path.name, m.group(1)) for path, source in _code().items()
             for m in LOOKUP.finditer(source)}
    assert len(asked) > 80                        # the scan finds the call sites
    missing = sorted((name, key) for name, key in asked if key not in CATALOG)
    assert missing == []


def test_every_literal_shaped_like_a_key_is_in_the_catalog():
    """Keys kept in tables before they are looked up (EXPORTS, FIELDS, ACTION_TABS)
    are not call arguments; any quoted "namespace.name" of a catalog namespace must
    still be a key (file names such as "export.csv" excepted)."""
    namespaces = sorted({key.split(".")[0] for key in CATALOG if "." in key})
    shaped = re.compile(r"""["']((?:%s)\.[a-z0-9_.]*[a-z0-9_])["']""" % "|".join(namespaces))
    found = {(path.name, m.group(1)) for path, source in _code().items()
             for m in shaped.finditer(source)}
    assert len(found) > 150
    missing = sorted((name, key) for name, key in found if key not in CATALOG
                     and not re.search(r"\.(csv|json|py|png|txt|yaml)$", key))
    assert missing == []


def test_the_scans_catch_a_missing_and_an_unused_key():
    source = ('x = t("reg.col.id", lang) + text("no.such.key", lang) + c.text("name", v)'
              ' + t("reg." + key)')
    assert [m.group(1) for m in LOOKUP.finditer(source)] == ["reg.col.id", "no.such.key"]
    assert "no.such.key" not in CATALOG
    assert text("no.such.key", "en") == "no.such.key"     # readable, never a traceback


@pytest.mark.parametrize("name, values", [
    ("request_type", vocabulary.REQUEST_TYPES), ("channel", vocabulary.CHANNELS),
    ("status", vocabulary.STATUSES), ("extension_reason", vocabulary.EXTENSION_REASONS),
    ("decision", vocabulary.OUTCOMES), ("identity_method", vocabulary.IDENTITY_METHODS),
    ("audit_action", vocabulary.AUDIT_ACTIONS)])
def test_every_vocabulary_value_has_a_label_in_both_languages(name, values):
    assert list(VOCABULARIES[name]) == list(values)          # complete, in order, no extras
    for value in values:
        assert label(name, value, "nl") and label(name, value, "en")


def test_one_table_of_request_types_with_and_without_the_article():
    assert label("request_type", "erasure") == "Verwijdering (art. 17)"
    assert label("request_type", "erasure", "en") == "Erasure (Art. 17)"
    assert label("request_type", "complaint", "en") == "Complaint"
    assert type_name("erasure") == "Verwijdering" and type_name("erasure", "en") == "Erasure"
    assert label("status", None) == "" and label("status", "mystery") == "mystery"


def test_the_labels_module_is_a_view_of_the_catalog():
    from privacy_kb.ui import labels

    assert labels.t("reg.col.due", "en") == CATALOG["reg.col.due"].en
    assert labels.t("quiz.new") == "Nieuwe quiz"
    assert labels.type_label("access", "en") == "Access (Art. 15)"
    assert labels.type_label("objection") == "Bezwaar (art. 21)"
    assert labels.status_label("in_progress", "en") == "In progress"
    assert labels.options(["email", "in_person"], labels.channel_label, "nl") == [
        ("E-mail", "email"), ("Aan de balie", "in_person")]
    assert labels.EXPORT_CHOICES["plain"] == ({"profile": "plain", "columns": "standard"},
                                              *CATALOG["export.plain"])
    assert labels.t("missing.key") == "missing.key"


def test_placeholders_are_filled():
    assert text("quiz.question", "nl", pos=2, total=8) == "Vraag 2 van 8"
    assert text("quiz.question", "en", pos=2, total=8) == "Question 2 of 8"
    assert text("quiz.question", "de", pos=1, total=1) == "Vraag 1 van 1"   # Dutch default


def test_dutch_and_english_numbers_percentages_and_dates():
    assert format_percent(1 / 3, "nl") == "33%" and format_percent(None) == "—"
    assert format_number(1.5, "nl") == "1,5" and format_number(1.5, "en") == "1.5"
    assert format_number(12345, "nl") == "12.345"
    assert format_date(dt.date(2026, 3, 2), "nl") == "ma 2 maart 2026"
    assert format_date("2026-03-02", "en") == "Mon 2 March 2026"
    assert format_month("2026-03", "nl") == "mrt 26"
    assert format_month(dt.date(2026, 3, 9), "en", long=True) == "March 2026"


def test_the_catalog_imports_without_widgets_pandas_or_a_database():
    code = ("import sys, privacy_kb.texts, privacy_kb.training; "
            "print(sorted(m for m in ('ipywidgets', 'pandas', 'sqlalchemy') "
            "if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         cwd=ROOT, check=True)
    assert out.stdout.strip() == "[]"
    assert texts.__name__ == "privacy_kb.texts"
