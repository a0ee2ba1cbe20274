"""ChatView and the chat -> intake hand-over, driven in Python (no kernel, no browser)."""

from __future__ import annotations

from ui_helpers import XSS, StubAssistant, make_reply

from privacy_kb.ui.chat import ChatView


def _texts(chat):
    return [turn.html.value for turn in chat.turns]


def test_enter_sends_and_clears_the_box(mini_assistant):
    chat = ChatView(mini_assistant)
    chat.input.value = "Hoe lang bewaren jullie mijn sollicitatie?"   # what Enter syncs
    assert chat.input.value == ""
    assert len(chat.turns) == 1
    html = chat.turns[0].html.value
    assert "tot 4 weken daarna" in html and "Bron: <b>Solliciteren via de website</b>" in html
    assert "<details>" in html                                        # passage collapsible
    assert chat.conversation.children == (chat.turns[0],)


def test_button_sends_and_empty_input_does_nothing(mini_assistant):
    chat = ChatView(mini_assistant)
    chat.send_button.click()
    assert chat.turns == []
    chat.input.value = "   "
    chat.send_button.click()
    assert chat.turns == []


def test_english_question_gets_english_answer(mini_assistant):
    chat = ChatView(mini_assistant)
    chat.input.value = "How long do you keep my application?"
    html = chat.turns[0].html.value
    assert "up to 4 weeks afterwards" in html and "Source:" in html


def test_newest_turn_on_top(mini_assistant):
    chat = ChatView(mini_assistant)
    chat.ask("Wat doet de _ga cookie?")
    chat.ask("Hoe lang bewaren jullie mijn sollicitatie?")
    assert "sollicitatie" in chat.turns[0].html.value
    assert len(chat.conversation.children) == 2


def test_suggestion_buttons_ask_that_question():
    bot = StubAssistant({
        "cookies?": make_reply("cookies?", suggestions=["Wat doet de _ga cookie?",
                                                        "Welke cookies gebruiken jullie?"]),
        "Wat doet de _ga cookie?": make_reply("Wat doet de _ga cookie?", text="_ga telt."),
    })
    chat = ChatView(bot)
    chat.ask("cookies?")
    buttons = chat.turns[0].suggestion_buttons
    assert [b.description for b in buttons] == ["Bedoelde u: Wat doet de _ga cookie?",
                                                "Bedoelde u: Welke cookies gebruiken jullie?"]
    buttons[0].click()
    assert bot.asked[-1] == "Wat doet de _ga cookie?"
    assert "_ga telt." in chat.turns[0].html.value


def test_fallback_says_plainly_and_gives_contact(mini_assistant):
    chat = ChatView(mini_assistant)
    chat.ask("Wat is de hoofdstad van Peru?")
    html = chat.turns[0].html.value
    assert "Geen antwoord gevonden" in html
    assert "info@softwareborg.nl" in html and "050 535 0143" in html


def test_question_text_is_escaped():
    chat = ChatView(StubAssistant())
    chat.ask(XSS)
    html = chat.turns[0].html.value
    assert "<img" not in html and "&lt;img src=x onerror=alert(1)&gt;" in html


def test_copy_answer_shows_plain_text_to_copy(mini_assistant):
    chat = ChatView(mini_assistant)
    chat.ask("Hoe lang bewaren jullie mijn sollicitatie?")
    turn = chat.turns[0]
    assert turn.copy_text.layout.display == "none"
    turn.copy_button.click()
    assert turn.copy_text.layout.display is None
    assert turn.copy_text.value.startswith("Tijdens de sollicitatieprocedure")
    assert "Bron: Solliciteren via de website" in turn.copy_text.value
    turn.copy_button.click()
    assert turn.copy_text.layout.display == "none"


def test_register_button_only_for_requests(mini_assistant):
    seen = []
    chat = ChatView(mini_assistant, on_register=seen.append)
    chat.ask("Hoe lang bewaren jullie mijn sollicitatie?")
    assert chat.turns[0].register_button is None
    chat.ask("Ik wil mijn gegevens laten verwijderen")
    button = chat.turns[0].register_button
    assert button is not None and "pd-register-this" in button._dom_classes
    assert button.description == "Registreer dit verzoek"
    button.click()
    assert seen == [{"request_type": "erasure",
                     "description": "Ik wil mijn gegevens laten verwijderen"}]


def test_assistant_failure_shows_a_message_not_a_traceback():
    class Broken:
        def ask(self, question):
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


def test_clear_conversation(mini_assistant):
    chat = ChatView(mini_assistant)
    chat.ask("Wat doet de _ga cookie?")
    chat.clear_button.click()
    assert chat.turns == [] and chat.conversation.children == (chat.empty,)


def test_relabel_to_english(mini_assistant):
    chat = ChatView(mini_assistant)
    chat.set_lang("en")
    assert chat.send_button.description == "Ask"
    assert "Ask a question" in chat.input.placeholder
