"""The training widgets without a kernel: walk-through, quiz, and the chat's gap log."""

from __future__ import annotations

import datetime as dt
import json
import re

from ui_helpers import XSS, StubAssistant, make_reply

from privacy_kb.gaps import GapLog
from privacy_kb.ui.chat import ChatView
from privacy_kb.ui.render import esc
from privacy_kb.ui.training_view import (PRESENT_CSS, QuizView, TrainingApp,
                                         WalkthroughView, build_training)


def test_walkthrough_next_previous_and_progress():
    view = WalkthroughView()
    total = len(view.steps)
    assert view.position.value == f"Onderdeel 1 van {total}"
    assert view.prev_button.disabled and not view.next_button.disabled
    view.next_button.click()
    view.next_button.click()
    assert view.index == 2 and view.progress.value == 3
    assert view.position.value == f"Onderdeel 3 van {total}"
    assert view.steps[2].title in view.body.value
    view.prev_button.click()
    assert view.index == 1
    view.go(10_000)
    assert view.index == total - 1 and view.next_button.disabled
    view.set_lang("en")
    assert view.position.value == f"Part {total} of {total}"
    assert view.next_button.description == "Next"


def test_quiz_feedback_and_score():
    quiz = QuizView(seed=5, n=3)
    assert quiz.position.value == "Vraag 1 van 3"
    first = quiz.session.questions[0]
    assert [b.description for b in quiz.choice_buttons] == list(first.choices)
    wrong = (first.answer + 1) % len(first.choices)
    quiz.choice_buttons[wrong].click()
    assert "Helaas" in quiz.feedback.value
    assert "Bron" in quiz.feedback.value and esc(first.section_title) in quiz.feedback.value
    assert "Score tot nu toe: 0 van de 1 goed" in quiz.score.value     # a running score
    assert all(b.disabled for b in quiz.choice_buttons)
    assert quiz.choice_buttons[first.answer].button_style == "success"
    assert quiz.next_button.layout.display is None
    quiz.next_button.click()
    for _ in range(2):
        q = quiz.session.questions[quiz.index]
        quiz.choice_buttons[q.answer].click()
        assert "Goed!" in quiz.feedback.value
        quiz.next_button.click()
    assert "Uw score: 2 van de 3 goed" in quiz.score.value
    assert quiz.choices_box.children == ()


def test_quiz_seed_repeats_and_language_switch_keeps_the_quiz():
    a, b = QuizView(seed=9), QuizView(seed=9)
    assert [q.id for q in a.session.questions] == [q.id for q in b.session.questions]
    ids = [q.id for q in a.session.questions]
    a.set_lang("en")
    assert [q.id for q in a.session.questions] == ids
    assert a.new_button.description == "New quiz"
    a.seed.value = 10
    a.new_button.click()
    assert a.index == 0 and a.feedback.value == ""


def test_switching_language_mid_quiz_keeps_the_place_and_the_score():
    quiz = QuizView(seed=4, n=5)
    for _ in range(2):                                     # one right, one wrong
        q = quiz.session.questions[quiz.index]
        quiz.choose(q.answer if quiz.index == 0 else (q.answer + 1) % len(q.choices))
        quiz.next_button.click()
    q = quiz.session.questions[2]
    quiz.choose(q.answer)                                  # third answered, not moved on
    ids = [q.id for q in quiz.session.questions]
    quiz.seed.value = 77                                   # typed, not started: no effect
    quiz.set_lang("en")
    assert [q.id for q in quiz.session.questions] == ids
    assert quiz.index == 2 and quiz.position.value == "Question 3 of 5"
    english = quiz.session.questions[2]
    assert english.lang == "en" and quiz.prompt.value == esc(english.prompt)
    assert (quiz.session.correct, quiz.session.answered) == (2, 3)
    assert "Score so far: 2 out of 3 correct" in quiz.score.value
    assert "Correct!" in quiz.feedback.value                # the answer stays shown
    assert all(b.disabled for b in quiz.choice_buttons)
    assert quiz.choice_buttons[english.answer].description.startswith("✓ ")
    quiz.next_button.click()
    assert quiz.position.value == "Question 4 of 5" and quiz.feedback.value == ""
    quiz.set_lang("nl")
    assert quiz.position.value == "Vraag 4 van 5"
    assert "Score tot nu toe: 2 van de 3 goed" in quiz.score.value


def test_quiz_number_is_named_in_plain_words():
    quiz = QuizView(seed=2, n=2)
    assert quiz.seed.description == "Quiznummer"
    assert "seed" not in quiz.seed.description.lower()
    assert "dezelfde vragen" in quiz.seed_hint.value
    quiz.set_lang("en")
    assert quiz.seed.description == "Quiz number"


def test_an_answered_choice_is_marked_by_sign_not_colour_alone():
    quiz = QuizView(seed=5, n=2)
    q = quiz.session.questions[0]
    wrong = (q.answer + 1) % len(q.choices)
    quiz.choose(wrong)
    right_button, wrong_button = quiz.choice_buttons[q.answer], quiz.choice_buttons[wrong]
    assert right_button.description == "✓ " + q.choices[q.answer]
    assert wrong_button.description == "✗ " + q.choices[wrong]
    assert "pd-choice-right" in right_button._dom_classes
    assert "pd-choice-wrong" in wrong_button._dom_classes


def _contrast(fg: str, bg: str) -> float:
    """WCAG 2 contrast ratio of two #rrggbb colours."""
    def luminance(colour: str) -> float:
        channels = [int(colour[i:i + 2], 16) / 255 for i in (1, 3, 5)]
        linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4
                  for c in channels]
        return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]
    high, low = sorted((luminance(fg), luminance(bg)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def test_presentation_mode_is_large_and_full_contrast(tmp_path):
    app = TrainingApp(StubAssistant(), gaps=None)
    assert "pd-present" not in app._dom_classes
    assert app.present.description == "Presentatiemodus"
    app.present.value = True
    assert "pd-present" in app._dom_classes
    app.present.value = False
    assert "pd-present" not in app._dom_classes
    app.set_presentation(True)
    assert app.present.value and "pd-present" in app._dom_classes
    assert build_training(StubAssistant(), gaps=None, present=True).present.value
    assert PRESENT_CSS in app.children[0].value
    # every rule of the mode: large type, nothing faded, dark text on light colours
    rules = re.findall(r"([^{}]+)\{([^}]*)\}", PRESENT_CSS.replace("<style>", ""))
    assert rules and all(sel.strip().startswith(".pd-present") for sel, _ in rules)
    sizes = [int(px) for px in re.findall(r"font-size:\s*(\d+)px", PRESENT_CSS)]
    assert sizes and min(sizes) >= 22
    assert re.findall(r"opacity:\s*([\d.]+)", PRESENT_CSS) == ["1", "1"]
    pairs = 0
    for selector, body in rules:
        colour = re.search(r"(?<![-\w])color:\s*(#[0-9a-f]{6})", body)
        background = re.search(r"background:\s*(#[0-9a-f]{6})", body)
        if colour:
            assert colour.group(1) == "#000000", selector          # never white text
        if colour and background:
            pairs += 1
            assert _contrast(colour.group(1), background.group(1)) >= 7, selector
    assert pairs >= 5
    for cls in ("pd-quiz-choice", "pd-choice-right", "pd-choice-wrong"):
        assert f".pd-present .jupyter-button.{cls}" in PRESENT_CSS


def test_training_app_tabs_and_language(tmp_path):
    app = build_training(assistant=StubAssistant(), gaps=GapLog(tmp_path / "g.jsonl"))
    assert app.tabs.titles == ("Doorlopen", "Quiz", "Probeer de desk")
    app.lang_switch.value = "en"
    assert app.tabs.titles == ("Walk through", "Quiz", "Try the desk")
    assert app.quiz.lang == "en" and app.chat.lang == "en"
    assert app.chat.gaps_switch.description == "Keep unanswered questions (anonymous)"


def test_try_the_desk_records_unanswered_questions(tmp_path):
    log = GapLog(tmp_path / "g.jsonl", clock=lambda: dt.date(2026, 3, 10))
    chat = ChatView(StubAssistant(), gaps=log)
    assert chat.gaps_switch.value and not chat.gaps_switch.disabled
    assert chat.gaps_switch.description == "Onbeantwoorde vragen bewaren (anoniem)"
    chat.ask(f"Mag mijn hond mee? Mail {XSS} of jan@example.nl")
    entries = log.entries()
    assert len(entries) == 1
    assert entries[0]["question"] == f"Mag mijn hond mee? Mail {XSS} of [e-mail]"
    assert set(entries[0]) == {"date", "question", "lang", "score", "answered", "faq_id"}
    chat.gaps_switch.value = False                       # the switch turns it off
    chat.ask("Nog een vraag zonder antwoord")
    assert len(log.entries()) == 1


def test_confident_answers_are_not_recorded(tmp_path):
    log = GapLog(tmp_path / "g.jsonl")
    good = make_reply("Welke cookies?")                  # answered, score 80
    chat = ChatView(StubAssistant({"Welke cookies?": good}), gaps=log)
    chat.ask("Welke cookies?")
    assert log.entries() == []


def test_no_log_means_a_disabled_switch(tmp_path):
    chat = ChatView(StubAssistant())
    assert chat.gaps_switch.disabled and not chat.gaps_switch.value
    chat.ask("Iets zonder antwoord")                     # nothing breaks


def test_a_failing_log_does_not_break_the_chat(tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("x")
    chat = ChatView(StubAssistant(), gaps=GapLog(blocker / "g.jsonl"))
    assert chat.ask("Iets zonder antwoord") is not None
    assert len(chat.turns) == 1


def test_the_app_chat_logs_where_the_environment_says(tmp_path, monkeypatch,
                                                      mini_assistant, register):
    from privacy_kb.ui import build_app

    path = tmp_path / "gaps.jsonl"
    monkeypatch.setenv("PRIVACY_DESK_GAPS", str(path))
    app = build_app(db=register, assistant=StubAssistant())
    app.chat.ask("Mag mijn hond mee?")
    assert json.loads(path.read_text().splitlines()[0])["question"] == "Mag mijn hond mee?"
    monkeypatch.setenv("PRIVACY_DESK_GAPS", "off")
    app = build_app(db=register, assistant=StubAssistant())
    assert app.chat.gaps is None and app.chat.gaps_switch.disabled
