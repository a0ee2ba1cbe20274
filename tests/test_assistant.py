"""The assistant answers with a citation, in the asker's language, or falls back honestly."""

import json

from hypothesis import example, given
from hypothesis import strategies as st

from privacy_kb import load_assistant
from privacy_kb.assistant import MAX_QUESTION_CHARS, clean_question

CONTRACT_KEYS = {"answered", "text", "lang", "source", "score", "faq_id", "suggestions",
                 "request_type"}


def test_a_confident_answer_cites_its_section_with_a_verbatim_quote(mini_assistant):
    reply = mini_assistant.ask("Hoe lang bewaren jullie mijn sollicitatie?")
    assert reply.answered and reply.faq_id == "application-retention"
    assert reply.lang == "nl" and "4 weken" in reply.text
    assert reply.source["id"] == "solliciteren-via-de-website"
    assert reply.source["title"] == "Solliciteren via de website"
    assert reply.source["quote"] == "tot 4 weken daarna"
    assert "tot 4 weken daarna" in reply.source["passage"]
    assert reply.score == 100.0 and reply.request_type is None


def test_the_answer_follows_the_askers_language(mini_assistant):
    assert mini_assistant.ask("how long do you keep my CV").lang == "en"
    assert "4 weeks" in mini_assistant.ask("how long do you keep my CV").text
    assert mini_assistant.ask("hoelang bewaren julie mijn cv").lang == "nl"


def test_typos_and_compounds_still_find_the_entry(mini_assistant):
    reply = mini_assistant.ask("hoelang bewaren julie mijn sollicitatiegegevens")
    assert reply.answered and reply.faq_id == "application-retention"


def test_out_of_scope_questions_get_the_fallback_with_contact_details(mini_assistant):
    for question in ("What's the weather tomorrow?", "Wat kost een escrow-overeenkomst?",
                     "Vertel een mop"):
        reply = mini_assistant.ask(question)
        assert not reply.answered and reply.faq_id is None, question
        assert "info@softwareborg.nl" in reply.text and "050 535 0143" in reply.text
        assert reply.source["id"] == "onze-contactgegevens"


def test_a_rights_request_sets_its_type_and_finds_the_rights_entry(mini_assistant):
    reply = mini_assistant.ask("Verwijder al mijn gegevens alstublieft")
    assert reply.request_type == "erasure" and reply.faq_id == "right-erasure"
    english = mini_assistant.ask("I want you to delete my data")
    assert english.request_type == "erasure" and english.lang == "en"


def test_a_request_gets_its_rights_entry_even_when_other_wording_matches_better(assistant):
    reply = assistant.ask("Geef mij al mijn gegevens")
    assert reply.request_type == "access" and reply.faq_id == "right-of-access"
    assert reply.answered


def test_a_bare_broad_keyword_asks_which_question_is_meant(assistant):
    for word in ("gegevens", "nieuwsbrief", "cookies"):
        reply = assistant.ask(word)
        assert not reply.answered, word
        assert len(reply.suggestions) >= 2, word


def test_a_keyword_with_a_question_word_or_a_specific_word_is_answered(assistant):
    assert assistant.ask("what is a cookie?").faq_id == "what-is-a-cookie"
    assert assistant.ask("hotjar").answered
    assert assistant.ask("welke cookies gebruiken jullie").faq_id == "cookies-in-use"


def test_a_broad_question_offers_its_neighbours(assistant):
    reply = assistant.ask("_ga")
    assert reply.answered and len(reply.suggestions) >= 2


def test_ordinary_questions_carry_no_request_type(mini_assistant):
    assert mini_assistant.ask("wat doet de _ga cookie").request_type is None
    assert mini_assistant.ask("hoe lang bewaren jullie mijn cv").request_type is None


def test_to_dict_is_json_ready_with_the_contract_keys(mini_assistant):
    data = mini_assistant.ask("What does the _ga cookie do?").to_dict()
    assert CONTRACT_KEYS <= set(data)
    assert json.loads(json.dumps(data)) == data


def test_empty_input_is_a_fallback_without_suggestions(mini_assistant):
    reply = mini_assistant.ask("")
    assert not reply.answered and reply.suggestions == [] and reply.lang == "nl"


def test_questions_are_cleaned_of_control_characters_and_capped():
    assert clean_question("a\x00b\x1b[31m\nc\udcff") == "a b [31m c"
    assert len(clean_question("x " * 100_000)) <= MAX_QUESTION_CHARS
    assert clean_question(b"caf\xc3\xa9") == "café"
    assert clean_question(None) == ""


@given(st.one_of(st.text(max_size=300), st.binary(max_size=300),
                 st.text(alphabet=st.characters(blacklist_categories=()), max_size=50)))
@example("x" * 100_000)
@example("\x00" * 10_000)
@example("verwijder " * 5000)
@example("_" * 300)
def test_ask_never_raises_and_always_returns_a_well_formed_reply(question):
    bot = _shipped()
    reply = bot.ask(question)
    assert reply.lang in ("nl", "en")
    assert 0 <= reply.score <= 100
    assert isinstance(reply.text, str) and reply.text
    assert reply.answered == (reply.faq_id is not None)
    json.dumps(reply.to_dict(), ensure_ascii=False).encode("utf-8")


_BOT = []


def _shipped():
    if not _BOT:
        _BOT.append(load_assistant())
    return _BOT[0]


def test_answers_do_not_depend_on_the_interpreters_hash_seed(tmp_path):
    """Set iteration order changes with PYTHONHASHSEED; ties must not."""
    import os
    import subprocess
    import sys

    questions = tmp_path / "q.txt"
    questions.write_text("hoe lang bewaren jullie mn cv\nnewletter frequncy\nchnage cookie\n"
                         "klagt indienen\nwat doet _hjid\nunsubscrbe\n", encoding="utf-8")
    outputs = set()
    for seed in ("1", "2", "3"):
        env = {**os.environ, "PYTHONHASHSEED": seed}
        with questions.open("rb") as stdin:
            result = subprocess.run([sys.executable, "-m", "privacy_kb", "ask", "--json"],
                                    stdin=stdin, capture_output=True, env=env, timeout=60)
        assert result.returncode == 0, result.stderr
        outputs.add(result.stdout)
    assert len(outputs) == 1


def test_a_near_exact_match_offers_no_doubt(assistant):
    reply = assistant.ask("Welke cookies gebruiken jullie?")
    assert reply.answered and reply.faq_id == "cookies-in-use" and reply.suggestions == []
