"""privacy-desk check: a FAQ is validated against the statement, naming entry and line."""

import textwrap

import pytest

from privacy_kb.faq import FaqError, check_faq, default_faq_path, load_faq, parse_faq
from privacy_kb.statement import load_statement, parse_statement

from pathlib import Path

FIXTURES = Path(__file__).parent / "fixtures"

ENTRY = """\
  - id: {id}
    section: {section}
    quote: "{quote}"
    request_type: {rtype}
    questions:
      nl: ["{nl}"]
      en: ["{en}"]
    answer:
      nl: "Antwoord."
      en: "Answer."
"""
HEAD = """\
version: 1
contact: {section: onze-contactgegevens, quote: "info@softwareborg.nl en 050 535 0143"}
fallback: {nl: "Weet ik niet.", en: "I don't know."}
entries:
"""


def faq_text(*entries):
    return HEAD + "".join(ENTRY.format(**{"rtype": "null", **e}) for e in entries)


GOOD = dict(id="klacht", section="klachten", quote="Autoriteit Persoonsgegevens",
            nl="Waar kan ik klagen?", en="Where can I complain?")


def kinds(problems):
    return sorted(p.kind for p in problems)


def test_the_shipped_faq_passes_every_check():
    problems = check_faq(default_faq_path().read_text(encoding="utf-8"), load_statement())
    errors = [p for p in problems if p.severity == "error"]
    assert errors == [], "\n".join(map(str, errors))


def test_a_quote_missing_from_its_section_is_reported_as_stale_with_its_line():
    statement = parse_statement("Titel\n\nKLACHTEN\n\nU kunt klagen bij ons.\n\n"
                                "ONZE CONTACTGEGEVENS\n\nMail info@softwareborg.nl en 050 535 0143.")
    problems = check_faq(faq_text(GOOD), statement)
    stale = [p for p in problems if p.kind == "stale-quote"]
    assert len(stale) == 1 and stale[0].entry == "klacht" and stale[0].line == 5
    assert "line 5" in str(stale[0]) and "'klacht'" in str(stale[0])


def test_unknown_section_duplicate_id_and_uncovered_sections_are_reported():
    text = faq_text(GOOD, {**GOOD, "nl": "Klacht indienen", "en": "File a complaint"},
                    {**GOOD, "id": "elders", "section": "bestaat-niet", "nl": "x y z",
                     "en": "q r s"})
    problems = check_faq(text, load_statement())
    assert "duplicate" in kinds(problems) and "unknown-section" in kinds(problems)
    uncovered = [p for p in problems if p.kind == "uncovered"]
    assert any("'beveiliging'" in p.message for p in uncovered)
    assert not any("'klachten'" in p.message for p in uncovered)


def test_schema_errors_name_the_field():
    text = HEAD + textwrap.dedent("""\
      - id: Not Kebab
        section: klachten
        quote: "Autoriteit Persoonsgegevens"
        request_type: refund
        questions: {nl: [], en: ["ok"]}
        answer: {nl: "", en: "ok"}
    """).replace("\n", "\n  ").rstrip(" ").join(["  ", ""])
    faq, problems = parse_faq(text)
    messages = " ".join(p.message for p in problems)
    for field in ("'id'", "'request_type'", "'questions.nl'", "'answer.nl'"):
        assert field in messages


def test_the_same_question_in_two_entries_is_a_warning():
    text = faq_text(GOOD, {**GOOD, "id": "klacht-2"})
    ambiguous = [p for p in check_faq(text, load_statement()) if p.kind == "ambiguous-variant"]
    assert len(ambiguous) == 2 and {p.severity for p in ambiguous} == {"warning"}


def test_broken_yaml_is_reported_not_raised():
    problems = check_faq("entries: [unclosed", load_statement())
    assert kinds(problems) == ["yaml"]


def test_load_faq_refuses_a_broken_file(tmp_path):
    path = tmp_path / "faq.yaml"
    path.write_text(HEAD + "  - id: x\n", encoding="utf-8")
    with pytest.raises(FaqError) as err:
        load_faq(path)
    assert "'section'" in str(err.value)


def test_fixture_faq_loads():
    faq = load_faq(FIXTURES / "mini_faq.yaml")
    assert [e.id for e in faq.entries] == ["application-retention", "cookie-ga", "right-erasure"]
    assert faq.get("right-erasure").request_type == "erasure"
