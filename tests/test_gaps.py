"""The log of unanswered questions: masking, what is recorded, grouping, the CLI."""

from __future__ import annotations

import datetime as dt
import json
import os
import stat
import subprocess
import sys
import textwrap
import unicodedata
from pathlib import Path

import pytest
import yaml
from hypothesis import assume, example, given
from hypothesis import strategies as st

from privacy_kb.assistant import Reply
from privacy_kb.cli import main
from privacy_kb.gaps import (ADDRESS_MASK, BSN_MASK, CARD_MASK, DATE_MASK, EMAIL_MASK,
                             IBAN_MASK, NAME_MASK, NUMBER_MASK, PHONE_MASK, PLACE_MASK,
                             POSTCODE_MASK, GapLog, MaskingUnavailable, default_gaps_path,
                             gaps_enabled, group_gaps, mask, open_gap_log, should_record)
from privacy_kb.masking import NameDetector, name_detector


def reply(question, *, answered=False, score=30.0, lang="nl", faq_id=None):
    return Reply(answered=answered, text="…", lang=lang, source=None, score=score,
                 faq_id=faq_id, question=question)


# --- masking ----------------------------------------------------------------------------

CORPUS = yaml.safe_load((Path(__file__).parent / "fixtures" / "personal_data_corpus.yaml")
                        .read_text(encoding="utf-8"))


@pytest.fixture(scope="module", autouse=True)
def name_tables():
    """Every test here masks with deduce's name tables (built once per machine)."""
    assert name_detector().wait(300), name_detector().failed


def _leaks(secrets, masked):
    """The secrets still readable in ``masked`` (also with separators taken out)."""
    low = masked.lower()
    digits = "".join(ch for ch in unicodedata.normalize("NFKC", masked) if ch.isdigit())
    out = []
    for secret in secrets:
        secret_digits = "".join(ch for ch in unicodedata.normalize("NFKC", secret)
                                if ch.isdigit())
        if secret.lower() in low or (len(secret_digits) >= 4 and secret_digits in digits):
            out.append(secret)
    return out


def test_the_corpus_is_big_and_varied():
    assert len(CORPUS) >= 50
    text = " ".join(item["text"] for item in CORPUS)
    for kind in ("BSN", "iban", "@", "ä", "‐", "–", "geboren", "born", "Street", "straat",
                 "groet", "regards", "card", "creditcard", "SW1A", "9751 AB"):
        assert kind in text, kind


@pytest.mark.parametrize("item", CORPUS, ids=[item["text"][:40] for item in CORPUS])
def test_nothing_identifying_survives_masking(item):
    masked = mask(item["text"])
    assert _leaks(item["secrets"], masked) == [], masked


def test_nothing_identifying_reaches_the_log(tmp_path):
    log = GapLog(tmp_path / "g.jsonl")
    for item in CORPUS:
        assert log.record(reply(item["text"]))
    stored = (tmp_path / "g.jsonl").read_text(encoding="utf-8") if log.flush(60) else ""
    entries = log.entries()
    assert len(entries) == len(CORPUS)
    for item, entry in zip(CORPUS, entries):
        assert _leaks(item["secrets"], entry["question"]) == [], entry["question"]
    assert _leaks([s for item in CORPUS for s in item["secrets"]], stored) == []


@pytest.mark.parametrize("text, expected", [
    ("Ik ben Piet de Vries, Dorpsstraat 12 Haren, geboren 3 maart 1980",
     f"Ik ben {NAME_MASK}, {ADDRESS_MASK} {PLACE_MASK}, geboren {DATE_MASK}"),
    ("Mail jan.jansen@example.nl graag", f"Mail {EMAIL_MASK} graag"),
    ("Mail jan@exämple.nl graag", f"Mail {EMAIL_MASK} graag"),
    ("jan (at) example.nl", EMAIL_MASK),
    ("bel 06-12345678", f"bel {PHONE_MASK}"),
    ("bel 06‐12345678", f"bel {PHONE_MASK}"),             # U+2010 hyphen
    ("bel 06–1234 5678", f"bel {PHONE_MASK}"),            # en dash
    ("bel +31\u20116\u201112345678", f"bel {PHONE_MASK}"),   # non-breaking hyphens
    ("bel 06\u00a012\u200b34\u00a056\u00a078", f"bel {PHONE_MASK}"),
    ("bel ０６１２３４５６７８", f"bel {PHONE_MASK}"),            # full-width digits
    ("bel 06 12 34 56 78 na vijven", f"bel {PHONE_MASK} na vijven"),
    ("050 535 0143", PHONE_MASK),
    ("(050) 535 0143", PHONE_MASK),
    ("+31 6 1234 5678", PHONE_MASK),
    ("0031 50 535 0143", PHONE_MASK),
    ("+44 20 7946 0958", PHONE_MASK),
    ("+1 (555) 123-4567", PHONE_MASK),
    ("IBAN NL91 ABNA 0417 1643 00 graag", f"IBAN {IBAN_MASK} graag"),
    ("rekening nl91abna0417164300", f"rekening {IBAN_MASK}"),
    ("DE89 3704 0044 0532 0130 00", IBAN_MASK),
    ("bsn 123456782", f"bsn {BSN_MASK}"),
    ("bsn 111-222-333", f"bsn {BSN_MASK}"),
    ("bsn 12345672", f"bsn {BSN_MASK}"),                  # eight digits, eleven-test
    ("klantnummer 12345678", f"klantnummer {NUMBER_MASK}"),   # fails the eleven-test
    ("kaart 4111 1111 1111 1111", f"kaart {CARD_MASK}"),
    ("kaart 5500-0000-0000-0004", f"kaart {CARD_MASK}"),
    ("Ik woon op 9753 TB 10 in Haren", f"Ik woon op {ADDRESS_MASK}"),
    ("9753TB", POSTCODE_MASK),
    ("postcode 9753 tb", f"postcode {POSTCODE_MASK}"),
    ("1234 AB 12a", POSTCODE_MASK),
    ("Dorpsstraat 12, 1234AB Amsterdam", f"{ADDRESS_MASK}, {POSTCODE_MASK}"),
    ("born in Leeds, raised in York", f"born in {PLACE_MASK}, raised in York"),
    ("I live at 10 Downing Street, London SW1A 2AA.", f"I live at {ADDRESS_MASK}."),
    ("born on April 3rd, 1980", f"born on {DATE_MASK}"),
    ("geboren 12-04-1975", f"geboren {DATE_MASK}"),
    ("KvK-nummer 02050636", f"KvK-nummer {NUMBER_MASK}"),
    ("Kind regards, Emily Clarke", f"Kind regards, {NAME_MASK}"),
    ("Signed: Jack O'Connor", f"Signed: {NAME_MASK}"),
    ("my son, born 2010-05-04", f"my son, born {DATE_MASK}"),
])
def test_mask_examples(text, expected):
    assert mask(text) == expected


@pytest.mark.parametrize("text", [
    "Hoe lang bewaren jullie mijn sollicitatie?",
    "De _hjid cookie wordt 365 dagen bewaard",
    "in 2026 en 2027",
    "Art. 15 AVG",
    "My e-mail address is wrong, can you change it?",
    "mijn adres is veranderd, kunnen jullie het aanpassen",
    "Wat is het verschil tussen Software Borg Instituut en de stichting?",
    "Mag ik een klacht indienen bij de Autoriteit Persoonsgegevens?",
])
def test_mask_leaves_ordinary_questions_alone(text):
    assert mask(text) == text


def test_the_faqs_own_questions_stay_readable():
    """Masking errs on the side of hiding, but not so far that the log is useless:
    of the FAQ's own question variants (no personal data) at most 1% change."""
    from privacy_kb.faq import load_faq

    questions = [q for e in load_faq().entries for lang in ("nl", "en")
                 for q in e.questions.get(lang, ())]
    changed = [q for q in questions if mask(q) != q]
    assert len(questions) > 500
    assert len(changed) <= len(questions) // 100, changed


@given(st.emails())
@example("a@b.co")
@example("Jan.de.Vries+privacy@sub.example.co.uk")
@example("jürgen@straße.de")
def test_any_email_is_masked(email):
    masked = mask(f"mijn adres is {email} dank u")
    assert "@" not in masked
    assert EMAIL_MASK in masked


@given(st.sampled_from(["06", "+316", "00316", "+31 6", "050", "+44 20", "+1 555"]),
       st.lists(st.integers(0, 9), min_size=8, max_size=8),
       st.sampled_from(["", " ", "-", ".", "\u2010", "\u2011", "\u2013", "\u2014",
                        "\u2212", "\u00a0", "\u202f"]))
def test_any_phone_number_is_masked(prefix, digits, sep):
    body = "".join(map(str, digits))
    number = prefix + sep + sep.join([body[:2], body[2:5], body[5:]])
    masked = mask(f"bel mij op {number} morgen")
    assert body[-3:] not in masked
    assert body[:2] + sep + body[2:5] not in masked


@given(st.lists(st.integers(0, 9), min_size=8, max_size=8),
       st.sampled_from(["", " ", "-", "."]))
def test_any_valid_bsn_is_masked(first, sep):
    from stdnum.nl import bsn

    check = sum((9 - i) * d for i, d in enumerate(first)) % 11     # the eleven-test
    assume(check < 10 and any(first))
    digits = "".join(map(str, first)) + str(check)
    assert bsn.is_valid(digits)
    spelled = sep.join([digits[:-6], digits[-6:-3], digits[-3:]])
    masked = mask(f"mijn bsn is {spelled}, graag wissen")
    assert BSN_MASK in masked and digits[-3:] not in masked


@given(st.lists(st.integers(0, 9), min_size=15, max_size=15),
       st.sampled_from(["", " ", "-"]))
def test_any_card_number_is_masked(digits, sep):
    from stdnum import luhn

    body = "4" + "".join(map(str, digits))
    body = body[:-1] + luhn.calc_check_digit(body[:-1])
    spelled = sep.join(body[i:i + 4] for i in range(0, 16, 4))
    masked = mask(f"mijn kaart {spelled} is gebruikt")
    assert masked == f"mijn kaart {CARD_MASK} is gebruikt"


@given(st.integers(1000, 9999), st.sampled_from(["AB", "TB", "xy", "Gh"]),
       st.integers(1, 999), st.sampled_from(["", " "]))
def test_any_postcode_with_house_number_is_masked(digits, letters, house, sep):
    masked = mask(f"adres: {digits}{sep}{letters} {house}")
    assert str(digits) not in masked and f"{letters} {house}" not in masked


# --- the name tables ---------------------------------------------------------------------

def test_masking_needs_no_network_and_leaves_logging_alone(tmp_path):
    """deduce loads from the local cache only (a connect attempt fails the run), and
    importing it does not configure the root logger (deduce calls basicConfig)."""
    code = textwrap.dedent("""
        import logging, socket
        def refuse(*a, **k):
            raise SystemExit("network used")
        socket.socket.connect = refuse
        socket.create_connection = refuse
        from privacy_kb.gaps import mask
        assert mask("Ik ben Piet de Vries") == "Ik ben [naam]"
        root = logging.getLogger()
        assert root.handlers == [] and root.level == logging.WARNING, root
        print("ok")
    """)
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            timeout=300)
    assert result.returncode == 0, result.stderr
    assert result.stdout == "ok\n"


@pytest.mark.slow
def test_name_tables_are_built_in_the_background(tmp_path):
    """A fresh machine: start() returns at once, the tables are built (in another
    process) into the cache folder, then loaded; a second detector only loads them."""
    folder = tmp_path / "deduce-x"
    detector = NameDetector(folder)
    detector.start()
    assert not detector.ready()                          # returned before the build
    assert detector.wait(300), detector.failed
    assert (folder / "cache" / "lookup_structs.pickle").exists()
    assert stat.S_IMODE(os.stat(folder).st_mode) == 0o700
    assert [label for *_, label in detector.spans("Ik ben Piet de Vries")] == [NAME_MASK]
    again = NameDetector(folder)
    assert again.wait(60)


# --- until the name tables are ready ------------------------------------------------------

class GatedDetector:
    """The real detector behind a gate the test opens (or breaks)."""

    def __init__(self):
        self._real = name_detector()
        self._open = False
        self.failed = None
        self._callbacks = []

    def start(self):
        return self

    def ready(self):
        return self._open

    def wait(self, timeout=None):
        return self._open

    def when_ready(self, callback):
        self._callbacks.append(callback)

    def spans(self, text):
        assert self._open
        return self._real.spans(text)

    def open(self):
        self._open = True
        for callback in self._callbacks:
            callback()

    def fail(self):
        self.failed = "RuntimeError: broken tables"
        for callback in self._callbacks:
            callback()


def test_nothing_is_written_until_names_can_be_masked(tmp_path):
    path = tmp_path / "g.jsonl"
    gate = GatedDetector()
    log = GapLog(path, detector=gate, clock=lambda: dt.date(2026, 3, 10))
    text = "Ik ben Piet de Vries, mag mijn hond mee?"
    assert log.record(reply(text)) is True               # kept, without waiting
    assert not path.exists() and log.pending() == 1
    assert log.flush(timeout=0) is False
    gate.open()                                          # the tables are loaded
    assert log.pending() == 0
    assert [e["question"] for e in log.entries()] == [f"Ik ben {NAME_MASK}, mag mijn hond mee?"]
    assert "Piet" not in path.read_text(encoding="utf-8")


def test_when_names_cannot_be_masked_nothing_is_logged(tmp_path, caplog):
    path = tmp_path / "g.jsonl"
    gate = GatedDetector()
    log = GapLog(path, detector=gate)
    assert log.record(reply("Ik ben Piet de Vries, mag mijn hond mee?"))
    with caplog.at_level("WARNING"):
        gate.fail()
    assert not path.exists() and log.pending() == 0 and log.dropped == 1
    assert log.record(reply("Ik ben Kees Smit")) is False
    assert not path.exists() and log.dropped == 2
    assert "Piet" not in caplog.text and "Kees" not in caplog.text
    with pytest.raises(MaskingUnavailable):
        log.append(question="Ik ben Kees", lang="nl", score=1, answered=False, faq_id=None)
    assert not path.exists()


def test_masking_twice_changes_nothing():
    for item in CORPUS:
        once = mask(item["text"])
        assert mask(once) == once


def test_an_old_log_written_before_names_were_masked_shows_none(tmp_path):
    path = tmp_path / "g.jsonl"
    old = {"date": "2026-03-01", "question": CORPUS[0]["text"], "lang": "nl",
           "score": 10.0, "answered": False, "faq_id": None}
    path.write_text(json.dumps(old, ensure_ascii=False) + "\n", encoding="utf-8")
    (entry,) = GapLog(path).entries()
    assert _leaks(CORPUS[0]["secrets"], entry["question"]) == []
    assert entry == {**old, "question": mask(CORPUS[0]["text"])}
    gate = GatedDetector()
    gate.fail()
    with pytest.raises(MaskingUnavailable):
        GapLog(path, detector=gate).entries(timeout=0)


def test_a_huge_question_is_cut_after_masking_not_before(tmp_path):
    log = GapLog(tmp_path / "g.jsonl")
    text = "Mijn e-mail is jan@example.nl " + "bla " * 5000 + "en bel 0612345678"
    assert log.record(reply(text))
    (entry,) = log.entries()
    assert entry["question"].startswith(f"Mijn e-mail is {EMAIL_MASK} bla")
    assert len(entry["question"]) == 500 and "@" not in entry["question"]


def test_the_training_chat_logs_nothing_unless_asked(tmp_path):
    from privacy_kb.ui.training_view import build_training

    class Unsure:                                        # never a confident answer
        def ask(self, question, **_context):
            return reply(question)

    log = GapLog(tmp_path / "g.jsonl")
    app = build_training(assistant=Unsure(), gaps=log)
    assert app.chat.gaps_switch.value is False and not app.chat.gaps_switch.disabled
    app.chat.ask("Mag mijn hond mee naar de training?")
    assert log.entries() == []
    app.chat.gaps_switch.value = True                     # asked for
    app.chat.ask("Mag mijn kat mee naar de training?")
    assert [e["question"] for e in log.entries()] == ["Mag mijn kat mee naar de training?"]


# --- recording --------------------------------------------------------------------------

def test_should_record():
    assert should_record(reply("Mag mijn hond mee?"))
    assert should_record(reply("Iets", answered=True, score=65.0))      # low confidence
    assert not should_record(reply("Welke cookies?", answered=True, score=92.0))
    assert not should_record(reply("   "))


def test_record_keeps_only_masked_anonymous_fields(tmp_path):
    path = tmp_path / "sub" / "gaps.jsonl"
    log = GapLog(path, clock=lambda: dt.date(2026, 3, 10))
    assert log.record(reply("Ik ben jan@example.nl, bel 0612345678 over mijn hond",
                            lang="nl", score=31.26))
    assert not log.record(reply("Welke cookies?", answered=True, score=95.0))
    lines = path.read_text(encoding="utf-8").splitlines()
    assert len(lines) == 1
    entry = json.loads(lines[0])
    assert entry == {"date": "2026-03-10",
                     "question": f"Ik ben {EMAIL_MASK}, bel {PHONE_MASK} over mijn hond",
                     "lang": "nl", "score": 31.3, "answered": False, "faq_id": None}
    assert stat.S_IMODE(os.stat(path).st_mode) == 0o600
    assert log.entries() == [entry]


def test_env_switch_and_default_path(tmp_path):
    assert gaps_enabled({}) and gaps_enabled({"PRIVACY_DESK_GAPS": str(tmp_path)})
    assert not gaps_enabled({"PRIVACY_DESK_GAPS": "off"})
    assert not gaps_enabled({"PRIVACY_DESK_GAPS": "OFF "})
    assert open_gap_log(env={"PRIVACY_DESK_GAPS": "off"}) is None
    target = tmp_path / "g.jsonl"
    assert open_gap_log(env={"PRIVACY_DESK_GAPS": str(target)}).path == target
    assert default_gaps_path({}).name == "gaps.jsonl"
    assert open_gap_log(target, env={"PRIVACY_DESK_GAPS": "off"}).path == target


def test_unreadable_lines_are_skipped(tmp_path):
    path = tmp_path / "g.jsonl"
    path.write_text('{"question": "a"}\nnot json\n[1]\n{"question": "b"}\n',
                    encoding="utf-8")
    assert [e["question"] for e in GapLog(path).entries()] == ["a", "b"]


# --- grouping ---------------------------------------------------------------------------

QUESTIONS = [
    ("Mag mijn hond mee naar kantoor?", "nl"),
    ("mag mijn hond mee naar het kantoor", "nl"),
    ("Mag ik mijn hond meenemen naar kantoor?", "nl"),
    ("Mag mijn hond mee naar kantoor?", "nl"),
    ("Is there free parking at the office?", "en"),
    ("Is there free parking at your office", "en"),
    ("Wat is het wifi-wachtwoord?", "nl"),
]


def test_grouping_known_input():
    groups = group_gaps([{"question": q, "lang": lang, "date": "2026-03-10"}
                         for q, lang in QUESTIONS])
    assert [(g.representative, g.count) for g in groups] == [
        ("Mag mijn hond mee naar kantoor?", 4),
        ("Is there free parking at the office?", 2),
        ("Wat is het wifi-wachtwoord?", 1),
    ]
    assert groups[0].questions[0] == "Mag mijn hond mee naar kantoor?"
    assert set(groups[0].questions) == {q for q, _ in QUESTIONS[:4]}
    assert groups[1].langs == ["en"]
    assert groups[0].last_date == "2026-03-10"


def test_grouping_top_and_threshold():
    texts = [q for q, _ in QUESTIONS]
    assert len(group_gaps(texts, top=1)) == 1
    # at 100 only wordings that normalise alike stay together
    strict = group_gaps(texts, threshold=100)
    assert sum(g.count for g in strict) == len(texts)
    assert len(strict) > 3
    assert group_gaps([]) == [] and group_gaps(["", "   "]) == []


def test_grouping_ignores_input_order():
    texts = [q for q, _ in QUESTIONS]
    forward = [(g.representative, g.count) for g in group_gaps(texts)]
    backward = [(g.representative, g.count) for g in group_gaps(list(reversed(texts)))]
    assert forward == backward


# --- the command ------------------------------------------------------------------------

def _fill(path):
    log = GapLog(path, clock=lambda: dt.date(2026, 3, 10))
    for question, lang in QUESTIONS:
        log.append(question=question, lang=lang, score=20.0, answered=False, faq_id=None)


def test_cli_prints_groups(tmp_path, capsys):
    path = tmp_path / "g.jsonl"
    _fill(path)
    assert main(["gaps", "--log", str(path), "--top", "2"]) == 0
    out = capsys.readouterr().out
    assert "4x  Mag mijn hond mee naar kantoor?" in out
    assert "Is there free parking at the office?" in out
    assert "wifi" not in out                                    # beyond --top 2


def test_cli_json(tmp_path, capsys):
    path = tmp_path / "g.jsonl"
    _fill(path)
    assert main(["gaps", "--log", str(path), "--json"]) == 0
    groups = json.loads(capsys.readouterr().out)
    assert [g["count"] for g in groups] == [4, 2, 1]
    assert groups[0]["representative"] == "Mag mijn hond mee naar kantoor?"


def test_cli_default_log_and_off(tmp_path, monkeypatch, capsys):
    path = tmp_path / "g.jsonl"
    monkeypatch.setenv("PRIVACY_DESK_GAPS", str(path))
    assert main(["gaps"]) == 0
    assert "No unanswered questions" in capsys.readouterr().out
    _fill(path)
    assert main(["gaps", "--top", "1"]) == 0
    assert "Mag mijn hond" in capsys.readouterr().out
    monkeypatch.setenv("PRIVACY_DESK_GAPS", "off")
    assert main(["gaps"]) == 1
    assert "off" in capsys.readouterr().err
