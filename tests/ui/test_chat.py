"""ChatView and the chat -> intake hand-over, driven in Python (no kernel, no browser).

Most tests use ``ContractBot`` (tests/ui/chat_fakes.py), which keeps DESIGN.md's
"Asking" contract: ``reply.parts``, ``bot.draft_reply`` and ``ask(text, previous=)``.
One test drives the real packaged assistant with a single question.
"""

from __future__ import annotations

import json

from chat_fakes import ContractBot, answer
from ui_helpers import XSS

from privacy_kb import load_assistant
from privacy_kb.ui.browser import CopyButton
from privacy_kb.ui.chat import MEMORY_KEY, ChatView

COOKIE_Q = "Wat doet de _ga cookie?"
COOKIE = answer(COOKIE_Q, "De _ga cookie telt bezoekers.")
HOW_LONG = answer("en hoe lang?", "De _ga cookie wordt 2 jaar bewaard.")

EMAIL = ("Goedemiddag,\n\nWelke cookies gebruiken jullie? En hoe lang bewaren jullie mijn "
         "sollicitatie?\n\nMet vriendelijke groet,\nEls Visser\n06 12345678")
PART_1 = answer("Welke cookies gebruiken jullie?",
                "Wij gebruiken _ga en _gid; zie https://softwareborg.nl/cookies.")
PART_2 = answer("En hoe lang bewaren jullie mijn sollicitatie?",
                "Tot 4 weken na de procedure.",
                source={"id": "sollicitatie", "title": "Solliciteren", "quote": "4 weken",
                        "passage": "tot 4 weken daarna"})
EMAIL_REPLY = answer(EMAIL, PART_1.text + "\n\n" + PART_2.text)
EMAIL_REPLY.parts = [PART_1, PART_2]
DRAFT = ("Beste Els Visser,\n\nWij gebruiken _ga en _gid.\n\nTot 4 weken.\n\n"
         "Met vriendelijke groet,\nSoftware Borg — info@softwareborg.nl")


def _bot(**more):
    return ContractBot({COOKIE_Q: COOKIE, "en hoe lang?": HOW_LONG, EMAIL: EMAIL_REPLY,
                        **more}, drafts={EMAIL: DRAFT})


def test_enter_sends_and_clears_the_box():
    chat = ChatView(_bot())
    chat.input.value = COOKIE_Q                                  # what Enter syncs
    assert chat.input.value == ""
    assert len(chat.turns) == 1
    html = chat.turns[0].html.value
    assert "De _ga cookie telt bezoekers." in html and "Bron: <b>Cookies</b>" in html
    assert "<details>" in html                                        # passage collapsible
    assert chat.conversation.children == (chat.turns[0],)


def test_button_sends_and_empty_input_does_nothing():
    bot = _bot()
    chat = ChatView(bot)
    chat.send_button.click()
    chat.input.value = "   "
    chat.send_button.click()
    assert chat.turns == [] and bot.calls == []
    chat.input.value = COOKIE_Q
    assert len(chat.turns) == 1


def test_a_follow_up_is_asked_with_the_previous_reply_until_cleared():
    bot = _bot()
    chat = ChatView(bot)
    chat.ask(COOKIE_Q)
    chat.ask("en hoe lang?")
    assert bot.calls == [(COOKIE_Q, None), ("en hoe lang?", COOKIE)]
    assert "2 jaar" in chat.turns[0].html.value
    chat.clear_log()
    chat.ask("en hoe lang?")
    assert bot.calls[-1] == ("en hoe lang?", None)      # a cleared chat has no topic


def test_newest_turn_on_top():
    chat = ChatView(_bot())
    chat.ask(COOKIE_Q)
    chat.ask("en hoe lang?")
    assert "2 jaar" in chat.turns[0].html.value
    assert len(chat.conversation.children) == 2


def test_suggestion_buttons_ask_that_question_with_context():
    vague = answer("cookies?", "Misschien dit.", suggestions=[COOKIE_Q, "Welke cookies?"])
    bot = _bot(**{"cookies?": vague})
    chat = ChatView(bot)
    chat.ask("cookies?")
    buttons = chat.turns[0].suggestion_buttons
    assert [b.description for b in buttons] == [f"Bedoelde u: {COOKIE_Q}",
                                                "Bedoelde u: Welke cookies?"]
    buttons[0].click()
    assert bot.calls[-1] == (COOKIE_Q, vague)
    assert "telt bezoekers" in chat.turns[0].html.value


def test_fallback_says_plainly_and_gives_contact_as_links():
    chat = ChatView(_bot())
    chat.ask("Wat is de hoofdstad van Peru?")
    html = chat.turns[0].html.value
    assert "Geen antwoord gevonden" in html and "050 535 0143" in html
    assert ('<a href="mailto:info@softwareborg.nl" rel="noopener noreferrer" '
            'target="_blank">info@softwareborg.nl</a>') in html


def test_question_text_is_escaped():
    chat = ChatView(ContractBot())
    chat.ask(XSS)
    html = chat.turns[0].html.value
    assert "<img" not in html and "&lt;img src=x onerror=alert(1)&gt;" in html


def test_copy_answer_is_a_clipboard_button_with_the_answer_and_its_source():
    chat = ChatView(_bot(**{"Which cookies?": answer("Which cookies?", "These.",
                                                     lang="en")}))
    chat.ask(COOKIE_Q)
    button = chat.turns[0].copy_button
    assert isinstance(button, CopyButton) and "pd-copy" in button._dom_classes
    assert (button.label, button.done_label) == ("Kopieer antwoord", "Gekopieerd")
    assert button.text == ("De _ga cookie telt bezoekers.\n\n"
                           "(Bron: Cookies, privacyverklaring Software Borg)")
    chat.ask("Which cookies?")
    english = chat.turns[0].copy_button
    assert (english.label, english.done_label) == ("Copy answer", "Copied")
    assert "Ctrl+C" in english.manual_hint


def test_register_button_only_when_the_engine_detected_a_request():
    ap = "Waar kan ik een klacht indienen bij de AP?"
    complaint = "Ik ben boos en dien hierbij een klacht in over jullie nieuwsbrief"
    bot = _bot(**{ap: answer(ap, "Bij de Autoriteit Persoonsgegevens: "
                                 "https://autoriteitpersoonsgegevens.nl"),
                  complaint: answer(complaint, "U kunt een klacht indienen.",
                                    request_type="complaint")})
    seen = []
    chat = ChatView(bot, on_register=seen.append)
    chat.ask(ap)
    assert chat.turns[0].register_button is None
    assert 'href="https://autoriteitpersoonsgegevens.nl"' in chat.turns[0].html.value
    chat.ask(complaint)
    button = chat.turns[0].register_button
    assert button is not None and "pd-register-this" in button._dom_classes
    assert button.description == "Registreer dit verzoek"
    button.click()
    assert seen == [{"request_type": "complaint", "description": complaint, "lang": "nl"}]


def test_an_unsure_answer_to_a_plain_complaint_still_offers_registration():
    angry = "Dit is echt schandalig, ik kreeg weer jullie reclame"
    bot = _bot(**{angry: answer(angry, "Ik weet niet zeker wat u bedoelt.", answered=False,
                                source=None, request_type="complaint")})
    chat = ChatView(bot, on_register=lambda prefill: None)
    chat.ask(angry)
    assert "Geen antwoord gevonden" in chat.turns[0].html.value
    assert chat.turns[0].register_button is not None


def test_pasted_email_shows_each_question_with_answer_source_and_a_draft():
    bot = _bot()
    chat = ChatView(bot)
    chat.paste_toggle.value = True
    assert chat.paste_box.layout.display is None
    chat.paste.value = EMAIL
    chat.paste_button.click()
    assert chat.paste.value == "" and bot.calls == [(EMAIL, None)]
    turn = chat.turns[0]
    html = turn.html.value
    assert "Gevonden vragen: 2" in html
    first, second = html.index("1. Welke cookies"), html.index("2. En hoe lang")
    assert first < html.index("_ga en _gid") < html.index("Bron: <b>Cookies</b>") < second
    assert html.index("Tot 4 weken") > second and "Bron: <b>Solliciteren</b>" in html
    assert "Els Visser\n06 12345678" in html                  # the message as pasted
    assert bot.drafted == [EMAIL]
    assert "Concept-antwoord" in turn.draft_html.value
    assert "Beste Els Visser" in turn.draft_html.value
    assert turn.draft_copy_button.text == DRAFT
    assert turn.draft_copy_button.label == "Kopieer concept-antwoord"
    copied = turn.copy_button.text                            # every answer, with sources
    assert copied.startswith("1. Welke cookies gebruiken jullie?\nWij gebruiken")
    assert "(Bron: Solliciteren, privacyverklaring Software Borg)" in copied


def test_several_questions_typed_in_the_box_get_a_draft_too_single_ones_do_not():
    bot = _bot()
    chat = ChatView(bot)
    chat.ask(EMAIL)
    assert chat.turns[0].draft_copy_button.text == DRAFT
    chat.ask(COOKIE_Q)
    assert chat.turns[0].draft_html is None and bot.drafted == [EMAIL]


def test_a_pasted_single_question_gets_a_draft():
    bot = _bot()
    chat = ChatView(bot)
    chat.paste.value = "Beste,\n" + COOKIE_Q
    bot.replies[chat.paste.value] = answer(chat.paste.value, "Telt bezoekers.")
    chat.paste_button.click()
    assert bot.drafted == ["Beste,\n" + COOKIE_Q]
    assert chat.turns[0].draft_html is not None


def test_a_failing_draft_keeps_the_answers_and_says_so():
    class NoDraft(ContractBot):
        def draft_reply(self, text):
            raise RuntimeError("boom")

    chat = ChatView(NoDraft({EMAIL: EMAIL_REPLY}))
    chat.ask(EMAIL, message=True)
    turn = chat.turns[0]
    assert "Gevonden vragen: 2" in turn.html.value and turn.draft_html is None
    assert any("concept-antwoord kon niet" in getattr(c, "value", "") for c in turn.children)


def test_assistant_failure_shows_a_message_not_a_traceback():
    class Broken(ContractBot):
        def ask(self, text, previous=None):
            raise RuntimeError("boom")

    chat = ChatView(Broken())
    chat.input.value = "iets"
    assert chat.turns == []
    assert "kon niet worden gemaakt" in chat.status.value
    assert "boom" not in chat.status.value


def test_no_faq_loaded_is_said_plainly():
    chat = ChatView(None)
    assert "kan niet worden geladen" in chat.status.value
    assert chat.ask("iets") is None


def test_the_conversation_is_kept_in_the_browser_tab_and_cleared_there():
    chat = ChatView(_bot())
    assert chat.memory.key == MEMORY_KEY and chat.memory in chat.children
    chat.ask(COOKIE_Q)
    chat.ask(EMAIL, message=True)
    assert json.loads(chat.memory.saved) == [{"q": COOKIE_Q, "m": False},
                                             {"q": EMAIL, "m": True}]
    chat.clear_button.click()
    assert chat.turns == [] and chat.conversation.children == (chat.empty,)
    assert chat.memory.saved == ""                       # the browser drops its copy


def test_a_turn_is_kept_in_the_browser_tab_before_it_is_shown():
    """The page handles the kernel's messages in order: saving first means that an
    answer on screen survives a reload made right away (a browser test once lost it)."""
    chat = ChatView(_bot())
    events = []
    chat.memory.observe(lambda _c: events.append("saved"), names="saved")
    chat.conversation.observe(lambda _c: events.append("shown"), names="children")
    chat.ask(COOKIE_Q)
    assert events == ["saved", "shown"]


def test_after_a_reload_the_questions_are_asked_again_in_order_and_not_logged_twice():
    class Log:
        def __init__(self):
            self.recorded = []

        def record(self, reply):
            self.recorded.append(reply.question)

    before = ChatView(_bot(), gaps=Log())
    before.ask(COOKIE_Q)
    before.ask("en hoe lang?")
    before.ask(EMAIL, message=True)
    gaps, bot = Log(), _bot()
    after = ChatView(bot, gaps=gaps)
    after.memory.restored = before.memory.saved          # what the browser sends back
    assert [t.asked for t in after.turns] == [EMAIL, "en hoe lang?", COOKIE_Q]
    assert bot.calls == [(COOKIE_Q, None), ("en hoe lang?", COOKIE),
                         (EMAIL, HOW_LONG)]              # the follow-up keeps its topic
    assert after.turns[0].draft_copy_button.text == DRAFT
    assert gaps.recorded == []
    assert after.memory.saved == before.memory.saved
    assert after.restore(before.memory.saved) == 0       # never twice


def test_malformed_saved_conversations_are_ignored():
    chat = ChatView(_bot())
    for saved in ("{not json", '{"q": "x"}', "[1, null, {\"q\": 5}]", '[{"q": "   "}]'):
        assert chat.restore(saved) == 0
    assert chat.turns == []


def test_inputs_carry_their_labels_and_relabel_to_english():
    chat = ChatView(_bot())
    assert chat.input.description == "Vraag" and chat.paste.description == "E-mail"
    assert not chat.input.description_allow_html
    chat.set_lang("en")
    assert chat.send_button.description == "Ask" and chat.input.description == "Question"
    assert "Ask a question" in chat.input.placeholder
    assert chat.paste_button.description == "Answer e-mail"


def test_the_real_assistant_answers_a_single_question_in_the_chat():
    chat = ChatView(load_assistant())
    chat.input.value = "Hoe lang bewaren jullie mijn sollicitatie?"
    turn = chat.turns[0]
    assert turn.reply.answered and turn.reply.parts == []
    assert "Bron: <b>" in turn.html.value and turn.draft_html is None
    assert turn.copy_button.text.startswith(turn.reply.text)
