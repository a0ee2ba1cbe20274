"""The training notebook: walk through the statement, take the quiz, try the desk.

Thin widgets over :mod:`privacy_kb.training` (walk-through steps, quiz questions,
feedback, score) and the chat view; every text comes from :mod:`privacy_kb.texts`.
All text reaching an ``HTML`` widget goes through :func:`privacy_kb.ui.render.esc`.

For a room with a projector, "Presentatiemodus" switches the whole app to large type
and full contrast (:data:`PRESENT_CSS`).

>>> from privacy_kb.ui.training_view import build_training    # doctest: +SKIP
>>> build_training()                                           # doctest: +SKIP
"""

from __future__ import annotations

import logging

import ipywidgets as widgets

from privacy_kb.texts import norm_lang, text
from privacy_kb.training import QuizSession, build_walkthrough, make_quiz
from privacy_kb.ui.chat import ChatView
from privacy_kb.ui.render import CSS, esc, render_errors

log = logging.getLogger(__name__)

TRAINING_CSS = """<style>
.pd-train-text { white-space: pre-wrap; border-left: 3px solid #c0c0c0;
                 padding-left: 0.7em; margin: 0.4em 0; }
.pd-train-summary li, .pd-train-questions li { margin: 0.15em 0; }
.pd-quiz-prompt { font-size: 1.1em; font-weight: 600; margin: 0.4em 0; }
.pd-quiz-right { color: #1c6b2a; background: #e8f5e9; border-left: 4px solid #2e7d32;
                 padding: 0.4em 0.7em; }
.pd-quiz-wrong { color: #8b1a1a; background: #fdecea; border-left: 4px solid #c62828;
                 padding: 0.4em 0.7em; }
.pd-quiz-source { color: #444; font-size: 0.92em; margin-top: 0.3em; }
.pd-quiz-score { font-weight: 600; margin: 0.3em 0; }
</style>"""

#: Presentation mode (the class ``pd-present`` on the app): large type, full contrast,
#: nothing faded, no white text on red or green — for a projector. ipywidgets sizes
#: its controls with CSS variables, so setting them here scales every widget inside.
PRESENT_CSS = """<style>
.pd-present { --jp-widgets-font-size: 22px; --jp-ui-font-size1: 22px;
              --jp-widgets-inline-height: 48px; --jp-widgets-disabled-opacity: 1;
              font-size: 22px; color: #000000; background: #ffffff; }
.pd-present .widget-html-content, .pd-present .widget-label {
              font-size: 22px; line-height: 1.45; color: #000000; }
.pd-present .pd-quiz-prompt .widget-html-content { font-size: 30px; }
.pd-present .pd-note, .pd-present .pd-quiz-source { font-size: 22px; color: #000000; }
.pd-present .jupyter-button { font-size: 22px; height: auto; min-height: 48px;
              line-height: 1.3; padding: 0.3em 0.8em; white-space: normal; width: auto;
              opacity: 1 !important; }
.pd-present .lm-TabBar-tab { font-size: 22px; flex: 0 0 auto !important;
              max-width: none !important; min-height: 40px; line-height: 40px; }
.pd-present .pd-ok { color: #000000; background: #c8f0d0; border-left: 8px solid #0b5d1e; }
.pd-present .jupyter-button.mod-primary { color: #000000 !important;
              background: #cfe3ff !important; border: 3px solid #0b3d91; }
.pd-present .jupyter-button.pd-quiz-choice { color: #000000 !important;
              background: #ffffff !important; border: 3px solid #000000; }
.pd-present .jupyter-button.pd-choice-right { color: #000000 !important;
              background: #c8f0d0 !important; border: 5px solid #0b5d1e; font-weight: 700; }
.pd-present .jupyter-button.pd-choice-wrong { color: #000000 !important;
              background: #ffd6d1 !important; border: 5px dashed #8b0000; }
.pd-present .pd-quiz-right { color: #000000; background: #c8f0d0;
              border-left: 8px solid #0b5d1e; }
.pd-present .pd-quiz-wrong { color: #000000; background: #ffd6d1;
              border-left: 8px solid #8b0000; }
.pd-present .pd-quiz-score { font-size: 26px; }
</style>"""

#: Marks on answered choices, so right and wrong never rest on colour alone.
RIGHT_MARK, WRONG_MARK = "✓ ", "✗ "


def render_step(step, lang: str = "nl") -> str:
    """One walk-through step as HTML (every text escaped)."""
    summary = "".join(f"<li>{esc(s)}</li>" for s in step.summary)
    questions = "".join(f"<li>{esc(q)}</li>" for q in step.questions)
    return (f"<h3>{esc(step.title)}</h3>"
            f"<div class='pd-note'>{esc(text('train.text', lang))}</div>"
            f"<div class='pd-train-text'>{esc(step.text)}</div>"
            f"<h4>{esc(text('train.summary', lang))}</h4>"
            + (f"<ul class='pd-train-summary'>{summary}</ul>" if summary
               else f"<div class='pd-note'>{esc(text('train.none', lang))}</div>")
            + (f"<h4>{esc(text('train.questions', lang))}</h4>"
               f"<ul class='pd-train-questions'>{questions}</ul>" if questions else ""))


def render_feedback(feedback, lang: str = "nl") -> str:
    """Quiz feedback: right/wrong, the explanation and the cited passage under the
    section's title (escaped)."""
    cls = "pd-quiz-right" if feedback.correct else "pd-quiz-wrong"
    return (f"<div class='{cls}'><b>{esc(feedback.verdict)}</b> {esc(feedback.explanation)}"
            f"<div class='pd-quiz-source'>{esc(text('quiz.source', lang))}: "
            f"<b>{esc(feedback.source_title)}</b>"
            f"<blockquote>{esc(feedback.quote)}</blockquote></div></div>")


class WalkthroughView(widgets.VBox):
    """Section by section with "Vorige"/"Volgende" and a progress bar.

    Attributes: ``steps``, ``index``, ``prev_button``, ``next_button``, ``progress``,
    ``position`` (the "Onderdeel 3 van 21" text), ``body``.
    """

    def __init__(self, statement=None, faq=None, lang: str = "nl"):
        super().__init__()
        self.statement, self.faq = statement, faq
        self.lang = norm_lang(lang)
        self.steps = build_walkthrough(statement, faq, self.lang)
        self.index = 0
        self.prev_button = widgets.Button(icon="arrow-left")
        self.prev_button.add_class("pd-train-prev")
        self.next_button = widgets.Button(icon="arrow-right", button_style="primary")
        self.next_button.add_class("pd-train-next")
        self.progress = widgets.IntProgress(min=0, max=max(1, len(self.steps)), value=1,
                                            layout=widgets.Layout(width="40%"))
        self.position = widgets.HTML()
        self.position.add_class("pd-train-position")
        self.body = widgets.HTML()
        self.body.add_class("pd-train-step")
        self.prev_button.on_click(lambda _b: self.go(self.index - 1))
        self.next_button.on_click(lambda _b: self.go(self.index + 1))
        self.children = [widgets.HBox([self.prev_button, self.next_button, self.progress,
                                       self.position],
                                      layout=widgets.Layout(align_items="center",
                                                            grid_gap="0.6em")),
                         self.body]
        self.set_lang(self.lang)

    def set_lang(self, lang: str) -> None:
        """Relabel in ``lang``, staying on the same step."""
        self.lang = norm_lang(lang)
        self.steps = build_walkthrough(self.statement, self.faq, self.lang)
        self.prev_button.description = text("train.prev", self.lang)
        self.next_button.description = text("train.next", self.lang)
        self.go(self.index)

    def go(self, index: int) -> None:
        """Show step ``index`` (clamped to the first and last)."""
        if not self.steps:
            self.body.value = ""
            return
        self.index = max(0, min(index, len(self.steps) - 1))
        step = self.steps[self.index]
        self.progress.value = step.position
        self.position.value = esc(text("train.step", self.lang, pos=step.position,
                                       total=step.total))
        self.prev_button.disabled = self.index == 0
        self.next_button.disabled = self.index == len(self.steps) - 1
        self.body.value = render_step(step, self.lang)


class QuizView(widgets.VBox):
    """One question at a time: a button per choice, feedback citing the section, the
    score so far after every answer and the final score at the end. The quiz number
    (``seed``) makes a session repeatable; switching language keeps the place, the
    answers and the score.

    Attributes: ``session`` (:class:`~privacy_kb.training.QuizSession`), ``index``,
    ``choice_buttons``, ``feedback``, ``next_button``, ``score``, ``seed``.
    """

    def __init__(self, statement=None, faq=None, lang: str = "nl", seed: int = 1,
                 n: int = 8):
        super().__init__()
        self.statement, self.faq, self.lang, self.n = statement, faq, norm_lang(lang), n
        self.seed = widgets.BoundedIntText(value=seed, min=0, max=10**6,
                                           layout=widgets.Layout(width="14em"))
        self.seed.add_class("pd-quiz-seed")
        self.seed_hint = widgets.HTML()
        self.seed_hint.add_class("pd-quiz-seed-hint")
        self.new_button = widgets.Button(icon="refresh")
        self.new_button.add_class("pd-quiz-new")
        self.position = widgets.HTML()
        self.position.add_class("pd-quiz-position")
        self.prompt = widgets.HTML()
        self.prompt.add_class("pd-quiz-prompt")
        self.choices_box = widgets.VBox()
        self.choices_box.add_class("pd-quiz-choices")
        self.feedback = widgets.HTML()
        self.feedback.add_class("pd-quiz-feedback")
        self.next_button = widgets.Button(button_style="primary", icon="arrow-right",
                                          layout=widgets.Layout(display="none"))
        self.next_button.add_class("pd-quiz-next")
        self.score = widgets.HTML()
        self.score.add_class("pd-quiz-score")
        self.choice_buttons: list[widgets.Button] = []
        self.new_button.on_click(lambda _b: self.restart())
        self.next_button.on_click(lambda _b: self.show(self.index + 1))
        self.children = [widgets.HBox([self.seed, self.new_button, self.seed_hint],
                                      layout=widgets.Layout(grid_gap="0.6em",
                                                            align_items="center")),
                         self.position, self.prompt, self.choices_box, self.feedback,
                         self.next_button, self.score]
        self.session = QuizSession([])
        self.quiz_seed: int | None = None        # the number the current quiz was made with
        self.index = 0
        self._relabel()
        self.restart()

    def _relabel(self) -> None:
        self.seed.description = text("quiz.number", self.lang)
        self.seed.style = {"description_width": "initial"}
        self.seed_hint.value = (f"<span class='pd-note'>"
                                f"{esc(text('quiz.number.hint', self.lang))}</span>")
        self.new_button.description = text("quiz.new", self.lang)
        self.next_button.description = text("quiz.next", self.lang)

    def set_lang(self, lang: str) -> None:
        """Relabel and show the same quiz in ``lang``: the same question, the answers
        given so far and the score stay; a quiz that cannot be rebuilt starts anew."""
        self.lang = norm_lang(lang)
        self._relabel()
        if self.quiz_seed is None or not self.session.questions:
            self.restart()
            return
        try:
            questions = make_quiz(self.statement, self.faq, lang=self.lang,
                                  seed=self.quiz_seed, n=self.n)
            self.session = self.session.relabel(questions)
        except Exception:  # noqa: BLE001 - a fresh quiz rather than a traceback
            log.exception("training: cannot show the quiz in %s", self.lang)
            self.restart()
            return
        self.show(self.index)

    def restart(self) -> None:
        """A fresh quiz for the quiz number in the box and the current language."""
        seed = int(self.seed.value)
        try:
            questions = make_quiz(self.statement, self.faq, lang=self.lang, seed=seed,
                                  n=self.n)
        except Exception:  # noqa: BLE001 - show a message, never a traceback
            log.exception("training: cannot make the quiz")
            self.session, self.quiz_seed = QuizSession([]), None
            self.prompt.value = render_errors(text("quiz.error", self.lang), [])
            return
        self.session, self.quiz_seed = QuizSession(questions), seed
        self.show(0)

    def _score_html(self) -> str:
        if not self.session.answers:
            return ""
        words = (self.session.score_text(self.lang) if self.session.finished
                 else self.session.running_text(self.lang))
        return f"<div class='pd-ok'><b>{esc(words)}</b></div>"

    def show(self, index: int) -> None:
        """Show question ``index`` (answered already: with its feedback); past the last
        one, the score."""
        self.index = index
        self.feedback.value = ""
        self.next_button.layout.display = "none"
        self.score.value = self._score_html()
        total = len(self.session)
        if index >= total:
            self.position.value = f"<b>{esc(text('quiz.done', self.lang))}</b>"
            self.prompt.value = ""
            self.choices_box.children = []
            self.choice_buttons = []
            return
        question = self.session.questions[index]
        self.position.value = esc(text("quiz.question", self.lang, pos=index + 1,
                                       total=total))
        self.prompt.value = esc(question.prompt)
        buttons = []
        for i, choice in enumerate(question.choices):
            button = widgets.Button(description=choice, tooltip=choice,
                                    layout=widgets.Layout(width="auto", min_width="16em"))
            button.add_class("pd-quiz-choice")
            button.on_click(lambda _b, i=i: self.choose(i))
            buttons.append(button)
        self.choice_buttons = buttons
        self.choices_box.children = buttons
        if index in self.session.answers:
            self._reveal(self.session.answers[index])

    def _reveal(self, choice: int) -> None:
        """Mark the right choice (and a wrong pick) and show the feedback."""
        question = self.session.questions[self.index]
        for i, button in enumerate(self.choice_buttons):
            button.disabled = True
            if i == question.answer:
                button.button_style = "success"
                button.add_class("pd-choice-right")
                button.description = RIGHT_MARK + question.choices[i]
            elif i == choice:
                button.button_style = "danger"
                button.add_class("pd-choice-wrong")
                button.description = WRONG_MARK + question.choices[i]
        self.feedback.value = render_feedback(question.check(choice), self.lang)
        self.next_button.layout.display = None

    def choose(self, choice: int) -> None:
        """Answer the current question with ``choice``; shows the feedback and the
        score so far."""
        if self.index >= len(self.session):
            return
        try:
            self.session.answer(self.index, choice)
        except Exception:  # noqa: BLE001
            log.exception("training: answering failed")
            self.feedback.value = render_errors(text("quiz.error", self.lang), [])
            return
        self._reveal(choice)
        self.score.value = self._score_html()


class TrainingApp(widgets.VBox):
    """Title, presentation mode, language switch and three tabs: walk-through, quiz,
    try the desk.

    Attributes: ``lang_switch``, ``present`` (the presentation-mode toggle),
    ``walkthrough``, ``quiz``, ``chat``, ``tabs``.
    """

    def __init__(self, assistant=None, statement=None, faq=None, lang: str = "nl",
                 seed: int = 1, gaps=None, present: bool = False):
        super().__init__()
        self.add_class("pd-app")
        self.add_class("pd-training")
        self.lang = norm_lang(lang)
        self.title = widgets.HTML()
        self.lang_switch = widgets.ToggleButtons(options=[("NL", "nl"), ("EN", "en")],
                                                 value=self.lang,
                                                 style={"button_width": "3.5em"})
        self.lang_switch.add_class("pd-lang")
        self.present = widgets.ToggleButton(value=False, icon="desktop",
                                            layout=widgets.Layout(width="auto"))
        self.present.add_class("pd-present-toggle")
        self.walkthrough = WalkthroughView(statement, faq, self.lang)
        self.quiz = QuizView(statement, faq, self.lang, seed=seed)
        self.try_intro = widgets.HTML()
        self.chat = ChatView(assistant, lang=self.lang, gaps=gaps)
        self.chat.gaps_switch.value = False   # practice questions are logged only if asked
        self.tabs = widgets.Tab(children=[self.walkthrough, self.quiz,
                                          widgets.VBox([self.try_intro, self.chat])])
        self.tabs.add_class("pd-training-tabs")
        self.lang_switch.observe(lambda c: self.set_lang(c["new"]), names="value")
        self.present.observe(lambda c: self.set_presentation(c["new"]), names="value")
        self.children = [widgets.HTML(CSS + TRAINING_CSS + PRESENT_CSS),
                         widgets.HBox([self.title,
                                       widgets.HBox([self.present, self.lang_switch],
                                                    layout=widgets.Layout(
                                                        grid_gap="0.6em",
                                                        align_items="center"))],
                                      layout=widgets.Layout(
                                          align_items="center",
                                          justify_content="space-between")),
                         self.tabs]
        self.set_lang(self.lang)
        self.present.value = present

    def set_presentation(self, on: bool) -> None:
        """Large type and full contrast (for a projector), or the normal look."""
        if on:
            self.add_class("pd-present")
        else:
            self.remove_class("pd-present")
        if self.present.value != on:
            self.present.value = on

    def set_lang(self, lang: str) -> None:
        self.lang = norm_lang(lang)
        if self.lang_switch.value != self.lang:
            self.lang_switch.value = self.lang
            return
        self.title.value = (f"<h2 style='margin:0.2em 0'>"
                            f"{esc(text('train.title', self.lang))}</h2>")
        self.tabs.titles = (text("train.tab.walk", self.lang),
                            text("train.tab.quiz", self.lang),
                            text("train.tab.try", self.lang))
        self.present.description = text("train.present", self.lang)
        self.present.tooltip = text("train.present.tooltip", self.lang)
        self.try_intro.value = (f"<div class='pd-note'>"
                                f"{esc(text('train.try.intro', self.lang))}</div>")
        self.walkthrough.set_lang(self.lang)
        self.quiz.set_lang(self.lang)
        self.chat.set_lang(self.lang)


def build_training(assistant=None, lang: str = "nl", seed: int = 1,
                   gaps="default", present: bool = False) -> TrainingApp:
    """Build the training app.

    Parameters
    ----------
    assistant : Assistant, optional
        For "Probeer de desk"; default ``load_assistant()`` (``$PRIVACY_DESK_FAQ`` when
        set), the same engine as the app.
    lang : {"nl", "en"}
    seed : int
        The quiz number: the same number gives the same quiz.
    gaps : GapLog, None or "default"
        The log of unanswered questions for the chat (see :func:`build_app`).
    present : bool
        Start in presentation mode (large type, full contrast).
    """
    import os

    from privacy_kb import load_assistant
    from privacy_kb.ui.app import FAQ_ENV_VAR

    if assistant is None:
        try:
            assistant = load_assistant(os.environ.get(FAQ_ENV_VAR) or None)
        except Exception:  # noqa: BLE001 - the chat says so
            log.exception("training: cannot load the FAQ")
    if isinstance(gaps, str) and gaps == "default":
        from privacy_kb.gaps import open_gap_log

        gaps = open_gap_log()
    return TrainingApp(assistant, lang=lang, seed=seed, gaps=gaps, present=present)
