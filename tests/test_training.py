"""The quiz generator and the walk-through: every answer comes from the statement."""

from __future__ import annotations

import re

import pytest

from privacy_kb.faq import load_faq
from privacy_kb.statement import load_statement, parse_statement, squash
from privacy_kb.training import (QuizSession, build_walkthrough, duration_days,
                                 duration_en, durations_in, generate_facts,
                                 generate_questions, make_quiz)

STATEMENT = load_statement()
FAQ = load_faq()


@pytest.fixture(scope="module")
def facts():
    return generate_facts(STATEMENT, FAQ)


def _in_section(text: str, section_id: str) -> bool:
    section = STATEMENT[section_id]
    return squash(text).lower() in squash(section.title + "\n" + section.text).lower()


def test_every_answer_is_found_in_its_cited_section(facts):
    assert len(facts) > 20
    for fact in facts:
        assert fact.section_id in STATEMENT, fact.id
        assert _in_section(fact.quote, fact.section_id), fact.id
        assert _in_section(fact.answer, fact.section_id), fact.id
        # the Dutch correct choice is the fact itself (vocabulary answers lower-cased)
        assert fact.choices["nl"][0].lower() == fact.answer.lower(), fact.id
        # and unless it is a name or title, the answer is what the quote says
        if not fact.id.startswith(("cookie-by-retention", "faq-section")):
            assert squash(fact.answer).lower() in squash(fact.quote).lower(), fact.id


def test_english_choices_are_derived_from_the_dutch(facts):
    for fact in facts:
        nl, en = fact.choices["nl"], fact.choices["en"]
        assert len(nl) == len(en) >= 3, fact.id
        assert len(set(nl)) == len(nl) and len(set(en)) == len(en), fact.id
        if fact.id.startswith(("cookie-retention", "application-")):
            assert list(en) == [duration_en(c) for c in nl]


def test_the_questions_the_issue_names():
    by_id = {q.id: q for q in generate_questions(STATEMENT, FAQ, "nl")}
    q = by_id["cookie-by-retention:cookie-hjid"]
    assert q.prompt == "Bij welke cookie is de bewaartermijn 365 dagen?"
    assert q.correct_choice == "_hjid"
    assert set(q.choices) == {"_hjid", "_ga", "_li_id.xxxx", "_li_ses.xxxx"}
    q = by_id["application-without-consent"]
    assert q.correct_choice == "4 weken"
    assert "één jaar" in q.choices
    assert q.section_id == "solliciteren-via-de-website"
    assert by_id["application-with-consent"].correct_choice == "één jaar"
    q = by_id["complaint-authority"]
    assert q.correct_choice == "Autoriteit Persoonsgegevens"
    assert q.section_id == "klachten"
    assert by_id["cookie-retention:cookie-ga"].correct_choice == "2 jaar"
    assert by_id["basis-contact-form"].correct_choice == "uitvoering van de overeenkomst"
    assert by_id["newsletter-frequency"].correct_choice == "maandelijks"


def test_distractors_never_equal_the_answer(facts):
    for fact in facts:
        if fact.id.startswith(("cookie-retention", "application-")):
            days = [duration_days(c) for c in fact.choices["nl"]]
            assert len(set(days)) == len(days), fact.id   # "365 dagen" ≠ "één jaar" choice


def test_english_questions():
    by_id = {q.id: q for q in generate_questions(STATEMENT, FAQ, "en")}
    q = by_id["cookie-by-retention:cookie-hjid"]
    assert q.prompt == "Which cookie has a retention period of 365 days?"
    assert by_id["application-without-consent"].correct_choice == "4 weeks"
    assert by_id["application-with-consent"].correct_choice == "one year"
    assert by_id["basis-visits"].correct_choice == "legitimate interest"
    # explanation in English, from the FAQ
    assert by_id["cookie-retention:cookie-hjid"].explanation == \
        FAQ.get("cookie-hjid-retention").answer["en"]


def test_feedback_cites_the_section():
    q = {q.id: q for q in generate_questions(STATEMENT, FAQ, "nl")}["complaint-authority"]
    right = q.check(q.answer)
    assert right.correct and right.text.startswith("Goed!")
    wrong = q.check((q.answer + 1) % len(q.choices))
    assert not wrong.correct
    assert "Het juiste antwoord is: Autoriteit Persoonsgegevens." in wrong.text
    assert "Bron: Klachten —" in wrong.text
    assert wrong.quote in wrong.text and _in_section(wrong.quote, "klachten")


def test_the_source_line_names_the_section_by_its_title_not_its_id():
    q = {q.id: q for q in generate_questions(STATEMENT, FAQ, "nl")}[
        "cookie-retention:cookie-hjid"]
    feedback = q.check(q.answer)
    assert feedback.source_title == STATEMENT["cookie-hjid"].title == "Cookie _hjid"
    assert "Bron: Cookie _hjid —" in feedback.text
    assert "cookie-hjid" not in feedback.text


def test_quiz_is_repeatable_with_a_seed_and_parallel_in_both_languages():
    a = make_quiz(STATEMENT, FAQ, seed=42, n=8)
    b = make_quiz(STATEMENT, FAQ, seed=42, n=8)
    assert [(q.id, q.choices, q.answer) for q in a] == [(q.id, q.choices, q.answer) for q in b]
    en = make_quiz(STATEMENT, FAQ, seed=42, n=8, lang="en")
    assert [q.id for q in en] == [q.id for q in a]
    assert [q.answer for q in en] == [q.answer for q in a]
    assert all(q.lang == "en" for q in en)
    others = [make_quiz(STATEMENT, FAQ, seed=s, n=8) for s in range(5)]
    assert len({tuple((q.id, q.answer) for q in quiz) for quiz in others}) > 1
    assert len({q.id for q in a}) == 8
    # shuffled: the correct answer is not always first
    answers = [q.answer for quiz in others for q in quiz]
    assert len(set(answers)) > 1
    assert sum(q.id.startswith("faq-section:") for q in a) == 2


def test_session_scores_first_answers():
    quiz = make_quiz(STATEMENT, FAQ, seed=3, n=4)
    session = QuizSession(quiz)
    session.answer(0, quiz[0].answer)
    session.answer(1, (quiz[1].answer + 1) % len(quiz[1].choices))
    session.answer(1, quiz[1].answer)                 # a second try does not count
    assert session.correct == 1 and not session.finished
    session.answer(2, quiz[2].answer)
    session.answer(3, quiz[3].answer)
    assert session.finished
    assert session.score_text("nl") == "Uw score: 3 van de 4 goed"
    assert session.score_text("en") == "Your score: 3 out of 4 correct"
    with pytest.raises(ValueError):
        session.answer(0, 99)


def test_running_score_counts_the_answers_given_so_far():
    quiz = make_quiz(STATEMENT, FAQ, seed=3, n=4)
    session = QuizSession(quiz)
    session.answer(0, quiz[0].answer)
    session.answer(1, (quiz[1].answer + 1) % len(quiz[1].choices))
    assert session.answered == 2
    assert session.running_text("nl") == "Score tot nu toe: 1 van de 2 goed"
    assert session.running_text("en") == "Score so far: 1 out of 2 correct"


def test_a_session_relabelled_in_english_keeps_its_answers():
    nl = make_quiz(STATEMENT, FAQ, seed=11, n=5)
    session = QuizSession(nl)
    session.answer(0, nl[0].answer)
    session.answer(1, (nl[1].answer + 1) % len(nl[1].choices))
    en = session.relabel(make_quiz(STATEMENT, FAQ, seed=11, n=5, lang="en"))
    assert [q.lang for q in en.questions] == ["en"] * 5
    assert en.answers == {0: nl[0].answer, 1: session.answers[1]}
    assert (en.correct, en.answered) == (1, 2)
    with pytest.raises(ValueError):                 # another quiz is not a translation
        session.relabel(make_quiz(STATEMENT, FAQ, seed=12, n=5, lang="en"))


def test_a_changed_statement_changes_the_quiz():
    text = STATEMENT_TEXT().replace("tot 4 weken daarna", "tot 6 weken daarna")
    changed = parse_statement(text)
    q = {q.id: q for q in generate_questions(changed, FAQ)}["application-without-consent"]
    assert q.correct_choice == "6 weken"
    # a fact that can no longer be found is not asked
    gone = parse_statement(STATEMENT_TEXT().replace("Autoriteit Persoonsgegevens",
                                                    "toezichthouder"))
    assert "complaint-authority" not in {q.id for q in generate_questions(gone, FAQ)}


def STATEMENT_TEXT() -> str:  # noqa: N802
    from privacy_kb.statement import default_statement_path

    return default_statement_path().read_text(encoding="utf-8")


@pytest.mark.parametrize("text, days, en", [
    ("4 weken", 28, "4 weeks"), ("één jaar", 365, "one year"), ("2 jaar", 730, "2 years"),
    ("365 dagen", 365, "365 days"), ("1 dag", 1, "1 day"),
    ("alleen de huidige sessie", 0, "only the current session"),
])
def test_durations(text, days, en):
    assert duration_days(text) == days
    assert duration_en(text) == en


def test_durations_in_statement():
    found = durations_in(" ".join(s.text for s in STATEMENT))
    assert {"4 weken", "één jaar", "2 jaar", "365 dagen", "alleen de huidige sessie"} <= \
        set(found)
    assert durations_in("een periode van een jaar") == []     # "een" is the article
    with pytest.raises(ValueError):
        duration_days("lang")


def test_walkthrough():
    steps = build_walkthrough(STATEMENT, FAQ, "nl")
    assert [s.section_id for s in steps] == [s.id for s in STATEMENT.substantive()]
    assert all(s.total == len(steps) for s in steps)
    assert [s.position for s in steps] == list(range(1, len(steps) + 1))
    by_id = {s.section_id: s for s in steps}
    klachten = by_id["klachten"]
    cited = [e for e in FAQ.entries if e.section == "klachten"]
    assert klachten.summary[0] == cited[0].answer["nl"]
    assert klachten.questions[0] == cited[0].title("nl")
    en = {s.section_id: s for s in build_walkthrough(STATEMENT, FAQ, "en")}
    assert en["klachten"].summary[0] == cited[0].answer["en"]
    assert en["klachten"].text == klachten.text               # the statement is Dutch
    assert all(len(s.summary) <= 3 for s in steps)
    assert not re.search(r"\s{3,}", klachten.summary[0])
