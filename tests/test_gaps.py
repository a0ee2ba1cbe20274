"""The log of unanswered questions: masking, what is recorded, grouping, the CLI."""

from __future__ import annotations

import datetime as dt
import json
import os
import stat

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from privacy_kb.assistant import Reply
from privacy_kb.cli import main
from privacy_kb.gaps import (EMAIL_MASK, IBAN_MASK, PHONE_MASK, POSTCODE_MASK, GapLog,
                             default_gaps_path, gaps_enabled, group_gaps, mask,
                             open_gap_log, should_record)


def reply(question, *, answered=False, score=30.0, lang="nl", faq_id=None):
    return Reply(answered=answered, text="…", lang=lang, source=None, score=score,
                 faq_id=faq_id, question=question)


# --- masking ----------------------------------------------------------------------------

@pytest.mark.parametrize("text, expected", [
    ("Mail jan.jansen@example.nl graag", f"Mail {EMAIL_MASK} graag"),
    ("jan (at) example.nl", EMAIL_MASK),
    ("bel 06-12345678", f"bel {PHONE_MASK}"),
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
    ("Ik woon op 9753 TB 10 in Haren", f"Ik woon op {POSTCODE_MASK} in Haren"),
    ("9753TB", POSTCODE_MASK),
    ("postcode 9753 tb", f"postcode {POSTCODE_MASK}"),
    ("1234 AB 12a", POSTCODE_MASK),
    ("Dorpsstraat 12, 1234AB Amsterdam", f"Dorpsstraat 12, {POSTCODE_MASK} Amsterdam"),
])
def test_mask_examples(text, expected):
    assert mask(text) == expected


@pytest.mark.parametrize("text", [
    "Hoe lang bewaren jullie mijn sollicitatie?",
    "De _hjid cookie wordt 365 dagen bewaard",
    "in 2026 en 2027 op 31-01-2026",
    "KvK-nummer 02050636",
    "Art. 15 AVG",
])
def test_mask_leaves_ordinary_questions_alone(text):
    assert mask(text) == text


@given(st.emails())
@example("a@b.co")
@example("Jan.de.Vries+privacy@sub.example.co.uk")
def test_any_email_is_masked(email):
    masked = mask(f"mijn adres is {email} dank u")
    assert "@" not in masked
    assert EMAIL_MASK in masked


@given(st.sampled_from(["06", "+316", "00316", "+31 6", "050", "+44 20", "+1 555"]),
       st.lists(st.integers(0, 9), min_size=8, max_size=8),
       st.sampled_from(["", " ", "-", "."]))
def test_any_phone_number_is_masked(prefix, digits, sep):
    body = "".join(map(str, digits))
    number = prefix + sep + sep.join([body[:2], body[2:5], body[5:]])
    masked = mask(f"bel mij op {number} morgen")
    assert PHONE_MASK in masked
    assert body[-3:] not in masked


@given(st.integers(1000, 9999), st.sampled_from(["AB", "TB", "xy", "Gh"]),
       st.integers(1, 999), st.sampled_from(["", " "]))
def test_any_postcode_with_house_number_is_masked(digits, letters, house, sep):
    masked = mask(f"adres: {digits}{sep}{letters} {house}")
    assert masked == f"adres: {POSTCODE_MASK}"


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
