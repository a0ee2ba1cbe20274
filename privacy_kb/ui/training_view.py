"""The training notebook: walk through the statement, take the quiz, try the desk.

Thin widgets over :mod:`privacy_kb.training` (walk-through steps, quiz questions,
feedback, score) and the chat view. All text reaching an ``HTML`` widget goes through
:func:`privacy_kb.ui.render.esc`.

>>> from privacy_kb.ui.training_view import build_training    # doctest: +SKIP
>>> build_training()                                           # doctest: +SKIP
"""

from __future__ import annotations

import logging

import ipywidgets as widgets

from privacy_kb.training import QuizSession, build_walkthrough, make_quiz
from privacy_kb.ui.chat import ChatView
from privacy_kb.ui.render import CSS, esc, render_errors

log = logging.getLogger(__name__)

LABELS = {
    "nl": {"title": "Training: de privacy- en cookieverklaring",
           "tab.walk": "Doorlopen", "tab.quiz": "Quiz", "tab.try": "Probeer de desk",
           "prev": "Vorige", "next": "Volgende", "step": "Onderdeel {pos} van {total}",
           "summary": "In gewone taal", "questions": "Vragen die mensen hierover stellen",
           "text": "De tekst van de verklaring", "none": "Nog geen uitleg in de FAQ.",
           "quiz.question": "Vraag {pos} van {total}", "quiz.next": "Volgende vraag",
           "quiz.new": "Nieuwe quiz", "quiz.seed": "Volgnummer (seed)",
           "quiz.done": "Klaar!", "quiz.error": "De quiz kon niet worden gemaakt.",
           "try.intro": "Stel zelf een vraag, zoals een klant dat zou doen. Het antwoord "
                        "komt van dezelfde desk als in de app."},
    "en": {"title": "Training: the privacy and cookie statement",
           "tab.walk": "Walk through", "tab.quiz": "Quiz", "tab.try": "Try the desk",
           "prev": "Previous", "next": "Next", "step": "Part {pos} of {total}",
           "summary": "In plain words", "questions": "Questions people ask about this",
           "text": "The text of the statement (Dutch)",
           "none": "No explanation in the FAQ yet.",
           "quiz.question": "Question {pos} of {total}", "quiz.next": "Next question",
           "quiz.new": "New quiz", "quiz.seed": "Number (seed)",
           "quiz.done": "Done!", "quiz.error": "The quiz could not be made.",
           "try.intro": "Ask a question of your own, as a customer would. The answer "
                        "comes from the same desk as in the app."},
}

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
</style>"""


def _l(key: str, lang: str, **values) -> str:
    text = LABELS.get(lang, LABELS["nl"]).get(key) or LABELS["nl"][key]
    return text.format(**values) if values else text


def render_step(step, lang: str = "nl") -> str:
    """One walk-through step as HTML (every text escaped)."""
    summary = "".join(f"<li>{esc(s)}</li>" for s in step.summary)
    questions = "".join(f"<li>{esc(q)}</li>" for q in step.questions)
    return (f"<h3>{esc(step.title)}</h3>"
            f"<div class='pd-note'>{esc(_l('text', lang))}</div>"
            f"<div class='pd-train-text'>{esc(step.text)}</div>"
            f"<h4>{esc(_l('summary', lang))}</h4>"
            + (f"<ul class='pd-train-summary'>{summary}</ul>" if summary
               else f"<div class='pd-note'>{esc(_l('none', lang))}</div>")
            + (f"<h4>{esc(_l('questions', lang))}</h4>"
               f"<ul class='pd-train-questions'>{questions}</ul>" if questions else ""))


def render_feedback(feedback, lang: str = "nl") -> str:
    """Quiz feedback: right/wrong, the explanation and the cited passage (escaped)."""
    cls = "pd-quiz-right" if feedback.correct else "pd-quiz-wrong"
    source = "Bron" if lang == "nl" else "Source"
    return (f"<div class='{cls}'><b>{esc(feedback.verdict)}</b> {esc(feedback.explanation)}"
            f"<div class='pd-quiz-source'>{esc(source)}: <b>{esc(feedback.source_title)}</b>"
            f" ({esc(feedback.source_id)})<blockquote>{esc(feedback.quote)}</blockquote>"
            f"</div></div>")


class WalkthroughView(widgets.VBox):
    """Section by section with "Vorige"/"Volgende" and a progress bar.

    Attributes: ``steps``, ``index``, ``prev_button``, ``next_button``, ``progress``,
    ``position`` (the "Onderdeel 3 van 21" text), ``body``.
    """

    def __init__(self, statement=None, faq=None, lang: str = "nl"):
        super().__init__()
        self.statement, self.faq = statement, faq
        self.lang = lang
        self.steps = build_walkthrough(statement, faq, lang)
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
        self.set_lang(lang)

    def set_lang(self, lang: str) -> None:
        self.lang = lang
        self.steps = build_walkthrough(self.statement, self.faq, lang)
        self.prev_button.description = _l("prev", lang)
        self.next_button.description = _l("next", lang)
        self.go(self.index)

    def go(self, index: int) -> None:
        """Show step ``index`` (clamped to the first and last)."""
        if not self.steps:
            self.body.value = ""
            return
        self.index = max(0, min(index, len(self.steps) - 1))
        step = self.steps[self.index]
        self.progress.value = step.position
        self.position.value = esc(_l("step", self.lang, pos=step.position, total=step.total))
        self.prev_button.disabled = self.index == 0
        self.next_button.disabled = self.index == len(self.steps) - 1
        self.body.value = render_step(step, self.lang)


class QuizView(widgets.VBox):
    """One question at a time: a button per choice, feedback citing the section, the
    score at the end. The seed box makes a session repeatable.

    Attributes: ``session`` (:class:`~privacy_kb.training.QuizSession`), ``index``,
    ``choice_buttons``, ``feedback``, ``next_button``, ``score``, ``seed``.
    """

    def __init__(self, statement=None, faq=None, lang: str = "nl", seed: int = 1,
                 n: int = 8):
        super().__init__()
        self.statement, self.faq, self.lang, self.n = statement, faq, lang, n
        self.seed = widgets.BoundedIntText(value=seed, min=0, max=10**6,
                                           layout=widgets.Layout(width="12em"))
        self.seed.add_class("pd-quiz-seed")
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
        self.children = [widgets.HBox([self.seed, self.new_button],
                                      layout=widgets.Layout(grid_gap="0.6em")),
                         self.position, self.prompt, self.choices_box, self.feedback,
                         self.next_button, self.score]
        self.session = QuizSession([])
        self.index = 0
        self.set_lang(lang)

    def set_lang(self, lang: str) -> None:
        """Relabel and rebuild the quiz in ``lang`` (same seed: same questions)."""
        self.lang = lang
        self.seed.description = _l("quiz.seed", lang)
        self.seed.style = {"description_width": "initial"}
        self.new_button.description = _l("quiz.new", lang)
        self.next_button.description = _l("quiz.next", lang)
        self.restart()

    def restart(self) -> None:
        """A fresh quiz for the current seed and language."""
        try:
            questions = make_quiz(self.statement, self.faq, lang=self.lang,
                                  seed=int(self.seed.value), n=self.n)
        except Exception:  # noqa: BLE001 - show a message, never a traceback
            log.exception("training: cannot make the quiz")
            self.session = QuizSession([])
            self.prompt.value = render_errors(_l("quiz.error", self.lang), [])
            return
        self.session = QuizSession(questions)
        self.score.value = ""
        self.show(0)

    def show(self, index: int) -> None:
        """Show question ``index``; past the last one, the score."""
        self.index = index
        self.feedback.value = ""
        self.next_button.layout.display = "none"
        total = len(self.session)
        if index >= total:
            self.position.value = f"<b>{esc(_l('quiz.done', self.lang))}</b>"
            self.prompt.value = ""
            self.choices_box.children = []
            self.score.value = (f"<div class='pd-ok'><b>"
                                f"{esc(self.session.score_text(self.lang))}</b></div>")
            return
        question = self.session.questions[index]
        self.position.value = esc(_l("quiz.question", self.lang, pos=index + 1, total=total))
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

    def choose(self, choice: int) -> None:
        """Answer the current question with ``choice``; shows the feedback."""
        if self.index >= len(self.session):
            return
        try:
            feedback = self.session.answer(self.index, choice)
        except Exception:  # noqa: BLE001
            log.exception("training: answering failed")
            self.feedback.value = render_errors(_l("quiz.error", self.lang), [])
            return
        for i, button in enumerate(self.choice_buttons):
            button.disabled = True
            if i == self.session.questions[self.index].answer:
                button.button_style = "success"
            elif i == choice:
                button.button_style = "danger"
        self.feedback.value = render_feedback(feedback, self.lang)
        self.next_button.layout.display = None
        if self.index == len(self.session) - 1:
            self.score.value = (f"<div class='pd-ok'><b>"
                                f"{esc(self.session.score_text(self.lang))}</b></div>")


class TrainingApp(widgets.VBox):
    """Title, language switch and three tabs: walk-through, quiz, try the desk."""

    def __init__(self, assistant=None, statement=None, faq=None, lang: str = "nl",
                 seed: int = 1, gaps=None):
        super().__init__()
        self.add_class("pd-app")
        self.add_class("pd-training")
        self.lang = lang
        self.title = widgets.HTML()
        self.lang_switch = widgets.ToggleButtons(options=[("NL", "nl"), ("EN", "en")],
                                                 value=lang,
                                                 style={"button_width": "3.5em"})
        self.lang_switch.add_class("pd-lang")
        self.walkthrough = WalkthroughView(statement, faq, lang)
        self.quiz = QuizView(statement, faq, lang, seed=seed)
        self.try_intro = widgets.HTML()
        self.chat = ChatView(assistant, lang=lang, gaps=gaps)
        self.chat.gaps_switch.value = False   # practice questions are logged only if asked
        self.tabs = widgets.Tab(children=[self.walkthrough, self.quiz,
                                          widgets.VBox([self.try_intro, self.chat])])
        self.tabs.add_class("pd-training-tabs")
        self.lang_switch.observe(lambda c: self.set_lang(c["new"]), names="value")
        self.children = [widgets.HTML(CSS + TRAINING_CSS),
                         widgets.HBox([self.title, self.lang_switch],
                                      layout=widgets.Layout(
                                          align_items="center",
                                          justify_content="space-between")),
                         self.tabs]
        self.set_lang(lang)

    def set_lang(self, lang: str) -> None:
        self.lang = lang if lang in LABELS else "nl"
        if self.lang_switch.value != self.lang:
            self.lang_switch.value = self.lang
            return
        self.title.value = f"<h2 style='margin:0.2em 0'>{esc(_l('title', self.lang))}</h2>"
        self.tabs.titles = tuple(_l(k, self.lang) for k in ("tab.walk", "tab.quiz",
                                                             "tab.try"))
        self.try_intro.value = f"<div class='pd-note'>{esc(_l('try.intro', self.lang))}</div>"
        self.walkthrough.set_lang(self.lang)
        self.quiz.set_lang(self.lang)
        self.chat.set_lang(self.lang)


def build_training(assistant=None, lang: str = "nl", seed: int = 1,
                   gaps="default") -> TrainingApp:
    """Build the training app.

    Parameters
    ----------
    assistant : Assistant, optional
        For "Probeer de desk"; default ``load_assistant()`` (``$PRIVACY_DESK_FAQ`` when
        set), the same engine as the app.
    lang : {"nl", "en"}
    seed : int
        The quiz's seed: the same number gives the same quiz.
    gaps : GapLog, None or "default"
        The log of unanswered questions for the chat (see :func:`build_app`).
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
    return TrainingApp(assistant, lang=lang, seed=seed, gaps=gaps)
