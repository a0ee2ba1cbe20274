"""The assistant answers with a citation, in the asker's language, or falls back honestly."""

import json

import pytest
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


# -- whole messages (issue 10) -------------------------------------------------------------

EMAIL = """Beste mensen,

Ik heb vorige maand gesolliciteerd maar ben afgewezen. Hoe lang bewaren jullie mijn cv nog?
Verder vroeg ik me af welke cookies jullie website gebruikt.

Met vriendelijke groet,
Ruben Jansen
06-12345678
"""


def test_a_pasted_email_answers_each_question_with_its_section(assistant):
    reply = assistant.ask(EMAIL)
    assert reply.answered and reply.lang == "nl" and len(reply.parts) == 2
    first, second = reply.parts
    assert first.source["id"] == "solliciteren-via-de-website" and "4 weken" in first.text
    assert second.source["id"] == "op-dit-moment-gebruiken-we-de-volgende-cookies"
    assert "_li_ses" in second.text
    assert first.text in reply.text and second.text in reply.text
    assert reply.request_type is None
    json.dumps(reply.to_dict())


def test_a_one_line_email_with_greeting_and_signature_is_answered(assistant):
    reply = assistant.ask("Goedemiddag, vorig jaar volgde ik een cursus bij jullie en ik vroeg "
                          "me af hoe lang jullie mijn gegevens daarvan bewaren. Met "
                          "vriendelijke groet, Els Visser, 06 12345678")
    assert reply.answered and reply.parts == []
    assert reply.source["id"] == "verwerking-voor-opgave-training-workshop"


def test_the_draft_reply_greets_by_name_answers_cites_and_gives_contact_details(assistant):
    draft = assistant.draft_reply(EMAIL)
    assert draft.startswith("Beste Ruben Jansen,")
    assert "4 weken" in draft and "Solliciteren via de website" in draft
    assert "info@softwareborg.nl" in draft and "050 535 0143" in draft
    assert draft.rstrip().endswith("Software Borg")


def test_the_draft_reply_is_in_the_askers_language_and_notes_a_request(assistant):
    draft = assistant.draft_reply("Dear Sir or Madam,\n\nPlease delete all my personal "
                                  "data.\n\nKind regards,\nSarah Jones")
    assert draft.startswith("Dear Sarah Jones,") and "erasure" in draft
    assert "Kind regards," in draft and "info@softwareborg.nl" in draft


def test_a_draft_without_a_signed_name_greets_politely(assistant):
    assert assistant.draft_reply("Welke cookies gebruiken jullie?").startswith(
        "Beste heer/mevrouw,")


def test_the_request_is_detected_over_the_whole_message(assistant):
    reply = assistant.ask("Hallo,\n\nIk heb me vorig jaar ingeschreven voor een workshop. "
                          "Ik wil niet dat jullie mijn gegevens nog langer bewaren, kunnen "
                          "jullie alles wissen?\n\nGroet,\nMila")
    assert reply.request_type == "erasure"


# -- follow-ups (issue 16) -----------------------------------------------------------------

@pytest.mark.parametrize("first, follow_up, lang", [
    ("Wat doet de _hjid cookie?", "en hoe lang?", "nl"),
    ("What does the _hjid cookie do?", "and for how long?", "en"),
])
def test_a_short_follow_up_keeps_the_last_topic(assistant, first, follow_up, lang):
    previous = assistant.ask(first)
    reply = assistant.ask(follow_up, previous=previous)
    assert reply.answered and reply.lang == lang
    assert reply.source["id"] == "cookie-hjid" and "365" in reply.text
    assert not assistant.ask(follow_up).answered   # without the context: no topic


def test_a_new_question_after_an_answer_is_not_bent_to_the_old_topic(assistant):
    previous = assistant.ask("Wat doet de _hjid cookie?")
    reply = assistant.ask("Hoe lang bewaren jullie mijn cv?", previous=previous)
    assert reply.faq_id == "application-retention"


# -- complaints (issue 16) -----------------------------------------------------------------

@pytest.mark.parametrize("question", [
    "Waar kan ik een klacht indienen bij de AP?",
    "How do I complain to the Dutch Data Protection Authority?",
    "Kan ik een klacht indienen als ik het niet eens ben met jullie?",
])
def test_a_question_about_complaining_is_not_a_complaint(assistant, question):
    reply = assistant.ask(question)
    assert reply.answered and reply.source["id"] == "klachten"
    assert reply.request_type is None


@pytest.mark.parametrize("message", [
    "Ik ben woedend! Ik heb me drie keer afgemeld en krijg nog steeds jullie mails. "
    "Dit is echt schandalig.",
    "This is a formal complaint about how you handled my data.",
    "Your site tracked me with Leadinfo even though I declined cookies. Unacceptable.",
])
def test_an_angry_plain_complaint_is_a_complaint(assistant, message):
    assert assistant.ask(message).request_type == "complaint"


# -- a complete FAQ (issue 10) -------------------------------------------------------------

@pytest.mark.parametrize("question, section, fact", [
    ("_li_ses", "cookie-li-ses", "2 jaar"),
    ("_li_id", "cookie-li-id", "sessie"),
    ("_hjid", "cookie-hjid", "365"),
    ("_ga", "cookie-ga", "2 jaar"),
    ("die van Google", "op-dit-moment-gebruiken-we-de-volgende-cookies", "_ga"),
    ("the Hotjar one", "op-dit-moment-gebruiken-we-de-volgende-cookies", "365 days"),
    ("de cookies van Leadinfo", "bezoekgegevens-en-klikgedrag", "_li_ses"),
])
def test_every_cookie_is_reachable_by_name_and_by_provider(assistant, question, section, fact):
    reply = assistant.ask(question)
    assert reply.answered and reply.source["id"] == section and fact in reply.text


@pytest.mark.parametrize("question", ["which cookies does the site set?",
                                      "Welke cookies plaatst de website?"])
def test_a_list_question_gets_the_whole_list(assistant, question):
    text = assistant.ask(question).text
    assert all(name in text for name in ("_ga", "_hjid", "_li_id", "_li_ses"))


@pytest.mark.parametrize("question, facts", [
    ("What is the _hjid cookie for and how long is it kept?", ("Hotjar user ID", "365")),
    ("Wat doet de _ga cookie en hoe lang blijft hij bewaard?", ("unieke code", "2 jaar")),
    ("What do you collect when I visit the site and on what legal basis?",
     ("IP address", "legitimate interest")),
])
def test_a_question_asking_two_facts_gets_both(assistant, question, facts):
    reply = assistant.ask(question)
    assert reply.answered and all(f in reply.text for f in facts), reply.text


@pytest.mark.parametrize("question", ["Do you transfer my data outside the EU?",
                                      "Hebben jullie een functionaris gegevensbescherming?"])
def test_the_statement_saying_nothing_is_a_fallback_that_says_so(assistant, question):
    reply = assistant.ask(question)
    assert not reply.answered and reply.faq_id is None
    assert "info@softwareborg.nl" in reply.text
    assert any(w in reply.text for w in ("says nothing", "zegt niets", "does not name",
                                         "noemt geen"))


@pytest.mark.parametrize("question", [
    "Which cloud platform do you run on?",
    "Gebruikt Software Borg kunstmatige intelligentie om mij te beoordelen?",
    "Are phone conversations with your staff recorded?",
    "Wat gebeurt er met mijn gegevens als Software Borg failliet gaat?",
    "Are you ISO 27001 certified?",
])
def test_a_topic_the_statement_is_silent_on_is_declined_not_answered_from_a_near_entry(
        assistant, question):
    # hosting, AI, recordings, a takeover, certification: the statement never says;
    # the reply says so instead of answering from security or sharing passages
    reply = assistant.ask(question)
    assert not reply.answered and reply.faq_id is None, reply.text
    assert "info@softwareborg.nl" in reply.text
    assert any(w in reply.text for w in ("says nothing", "does not say", "names no",
                                         "zegt niets", "zegt niet")), reply.text


@pytest.mark.parametrize("question, entry", [
    ("Gebruiken jullie firewalls?", "security-measures"),
    ("Hoe lang bewaren jullie mijn sollicitatie?", "application-retention"),
    ("Wat doet Software Borg met de gegevens van een sollicitant?", "application-data-use"),
])
def test_questions_next_to_the_silent_topics_are_still_answered(assistant, question, entry):
    reply = assistant.ask(question)
    assert reply.answered and reply.faq_id == entry, reply.text


def test_a_previous_that_is_no_reply_is_ignored(assistant):
    reply = assistant.ask("Hoe lang bewaren jullie mijn cv?", previous={"faq_id": "x"})
    assert reply.faq_id == "application-retention"


def test_a_letter_asking_what_is_kept_for_a_course_is_no_access_request(assistant):
    reply = assistant.ask("Beste Software Borg,\n\nIk heb me vorige week aangemeld voor jullie "
                          "workshop. Welke gegevens van mij bewaren jullie daarvoor?\n\n"
                          "Met vriendelijke groet,\nPetra van Dijk")
    assert reply.request_type is None


def test_an_angry_message_is_a_complaint_without_an_unanswered_part_for_the_anger(assistant):
    reply = assistant.ask("I'm really fed up. I unsubscribed three times and you still keep "
                          "emailing me. This is ridiculous.")
    assert reply.request_type == "complaint" and reply.answered
    assert all(part.answered for part in reply.parts)


def test_remove_me_from_the_mailing_list_is_an_objection(assistant):
    assert assistant.ask("Please remove me from your mailing list.").request_type == "objection"


def test_a_request_named_only_across_sentences_is_answered_with_that_right(assistant):
    reply = assistant.ask("Your records list me as 'Mr' but I'm a woman, Dr. Alexandra Vos. "
                          "Could you fix that for future correspondence")
    assert reply.request_type == "rectification"
    assert reply.answered and reply.faq_id == "right-to-rectification"


def test_is_it_correct_that_asks_whether_it_is_true():
    from privacy_kb.intents import topic_of

    assert topic_of("Is it correct that you can recognise our company from our IP?") is None


@pytest.mark.parametrize("question, section", [
    ("die van google op jullie site, hoe lang blijft die op mijn pc staan?",
     ("op-dit-moment-gebruiken-we-de-volgende-cookies", "cookie-ga")),
    ("the hotjar one, what is it actually for and how long does it stay on my machine",
     ("op-dit-moment-gebruiken-we-de-volgende-cookies", "cookie-hjid")),
])
def test_a_question_about_a_cookie_providers_cookie_is_answered(assistant, question, section):
    reply = assistant.ask(question)
    cited = {p.source["id"] for p in (reply.parts or [reply]) if p.answered}
    assert reply.answered and cited & set(section)


def test_another_companys_privacy_policy_is_not_ours(assistant):
    assert not assistant.ask("Does Facebook sell my data?").answered


def test_a_later_question_in_a_message_asks_something_new(assistant):
    """Its best entry already answered an earlier question: a close runner-up of the
    same section answers it instead; a far one does not."""
    from privacy_kb.assistant import _Match
    from privacy_kb.matching import Candidate

    index = {e.id: i for i, e in enumerate(assistant.faq.entries)}
    first, second = index["kvk-numbers"], index["postal-address"]

    def match(runner_up_score):
        return _Match("", "nl", [Candidate(first, 60.0, 0, "nl"),
                                 Candidate(second, runner_up_score, 1, "nl")],
                      None, None, False, 0.0, 2, 0.9)

    close = assistant._something_new(match(55.0), {"kvk-numbers"})
    assert assistant.faq.entries[close.candidates[0].entry].id == "postal-address"
    far = assistant._something_new(match(40.0), {"kvk-numbers"})
    assert assistant.faq.entries[far.candidates[0].entry].id == "kvk-numbers"
    fresh = assistant._something_new(match(55.0), set())
    assert assistant.faq.entries[fresh.candidates[0].entry].id == "kvk-numbers"


def test_the_sentence_making_the_request_is_answered_with_that_right(assistant):
    """A request sentence matched to a look-alike entry (sharing with third parties)
    gets the entry of the right it makes; a part already answering with that right
    is left alone."""
    from dataclasses import replace

    from privacy_kb.message import Question

    question = Question("Kunt u al onze gegevens aanleveren in een gangbaar formaat?",
                        context="Wij stappen over naar een andere partij.")
    shared = replace(assistant.ask("Met wie delen jullie mijn gegevens?"),
                     question=question.text)
    assert shared.answered and shared.faq_id != "right-to-data-portability"
    fixed = assistant._request_part([question], [shared], "portability", "nl")
    assert fixed[0].faq_id == "right-to-data-portability" and fixed[0].answered
    assert fixed[0].source["id"] == "uw-rechten"
    kept = assistant._request_part([question], fixed, "portability", "nl")
    assert kept == fixed


def test_a_reply_is_read_with_the_mail_it_answers(assistant):
    """'How long would you keep my details?' after a quoted rejection of an
    application is about the application, not about website visits."""
    reply = assistant.ask(
        "Hi,\n\nThanks for letting me know. How long would you keep my details in that "
        "case?\n\nBest,\nKim\n\nOn Mon, 4 May 2026 at 10:00, HR <hr@example.com> wrote:\n"
        "> Unfortunately we will not proceed with your job application.\n"
        "> We would like to keep your application on file for future vacancies.\n")
    assert reply.answered and reply.source["id"] == "solliciteren-via-de-website"


@pytest.mark.parametrize("question", [
    "Wat kost een training bij het Instituut?",
    "How much does one of your workshops cost?",
])
def test_a_price_the_statement_does_not_give_is_declined(assistant, question):
    assert not assistant.ask(question).answered


def test_a_question_about_cost_still_finds_the_entry_that_speaks_of_cost(assistant):
    reply = assistant.ask("Moet ik betalen voor een inzageverzoek?")
    assert reply.text == assistant.faq.get("rights-request-cost").answer["nl"]


def test_the_sentence_before_a_question_settles_between_entries_it_could_mean(assistant):
    from privacy_kb.assistant import _Match
    from privacy_kb.matching import Candidate

    def match(entries, probability):
        return _Match("", "en", [Candidate(e, 60.0 - i, i, "en") for i, e in enumerate(entries)],
                      None, None, False, 0.0, 2, probability)

    own = match([3, 7, 9], 0.7)
    assert assistant._context_settles(own, match([7, 3], 0.6))       # one it could mean
    assert not assistant._context_settles(own, match([8, 3], 0.6))   # one it could not
    assert not assistant._context_settles(own, match([7, 3], 0.3))   # not confidently
    assert not assistant._context_settles(own, match([3, 7], 0.9))   # the same entry


@pytest.mark.parametrize("question", [
    "Does Hotjar record my screen and keystrokes?",
    "Do you transfer data to the United States under the Data Privacy Framework?",
])
def test_a_provider_or_a_right_named_beside_what_the_statement_lacks_is_declined(
        assistant, question):
    assert not assistant.ask(question).answered


def test_a_cookie_provider_named_with_ordinary_words_still_finds_its_cookie(assistant):
    reply = assistant.ask("die van google op jullie site, hoe lang blijft die op mijn pc staan?")
    assert reply.answered and "2 jaar" in reply.text


def test_a_question_two_entries_of_one_passage_answer_gets_both_facts(assistant):
    """How to block cookies and what blocking costs: both halves of one passage."""
    reply = assistant.ask("Wat gebeurt er als ik alle cookies blokkeer in mijn browser?")
    assert reply.answered and reply.source["id"] == "uitschakelen-van-cookies"
    assert "browser" in reply.text and "functionaliteiten" in reply.text


def test_one_word_asked_after_an_answered_question_is_answered_not_queried(assistant):
    reply = assistant.ask("Hoi,\n\nWat is het KvK-nummer van het instituut? Moet het op onze "
                          "inkoopregistratie zetten. En het postadres graag.\n\nDank!\nJeroen")
    assert [p.answered for p in reply.parts] == [True, True]
    assert "Felland Noord 10" in reply.parts[1].text


@pytest.mark.parametrize("question", [
    "Do you use Mailchimp for the newsletter, and where does Mailchimp store the list?",
    "Maken jullie gebruik van Microsoft 365 of Google Workspace voor e-mail?",
])
def test_a_name_the_faq_never_heard_of_is_declined(assistant, question):
    reply = assistant.ask(question)
    assert not reply.answered and not any(p.answered for p in reply.parts)


def test_a_reminder_makes_the_request_of_the_earlier_mail_quoted_below(assistant):
    reply = assistant.ask(
        "Hallo,\n\nIk heb nog niets gehoord op onderstaande mail. Delen jullie mijn gegevens "
        "met andere bedrijven?\n\nEllen\n\n-----Oorspronkelijk bericht-----\nVan: Ellen\n"
        "Verzonden: dinsdag 12 mei 2026 09:14\nAan: info@softwareborg.nl\n\n"
        "Ik wil graag weten welke gegevens u van mij heeft.\n")
    assert reply.request_type == "access"
    assert reply.answered and reply.source["id"] == "delen-met-derden"


def test_where_a_named_party_is_based_is_not_where_software_borg_is(assistant):
    reply = assistant.ask("where is Leadinfo based?")
    assert reply.answered and "Rotterdam" in reply.text


def test_the_subject_of_pasted_headers_tells_what_a_vague_question_is_about(assistant):
    reply = assistant.ask("Van: Els Visser <els@example.nl>\nVerzonden: dinsdag 3 maart 2026\n"
                          "Aan: info@softwareborg.nl\nOnderwerp: mijn sollicitatie\n\nBeste,\n\n"
                          "Hoe lang bewaren jullie die nog?\n\nGroet,\nEls")
    assert reply.answered and reply.source["id"] == "solliciteren-via-de-website"


def test_a_question_naming_a_cookie_party_is_not_pulled_to_the_question_before(assistant):
    reply = assistant.ask("Hi,\n\nIf I unsubscribe from the newsletter, is my e-mail address "
                          "deleted completely? And the hotjar one, what is it actually for?"
                          "\n\nThanks,\nAnn")
    assert [p.source["id"] for p in reply.parts][1] != "verwerking-via-de-nieuwsbrief"
    assert "Hotjar" in reply.parts[1].text


FULL_MAIL = """Van: Els Visser <els.visser@example.nl>
Verzonden: dinsdag 3 maart 2026 10:12
Aan: info@softwareborg.nl
Onderwerp: Vraag

Geachte heer, mevrouw,

Vorig jaar heb ik bij jullie gesolliciteerd. Graag hoor ik hoe lang jullie mijn cv bewaren
Kunt u mij ook laten weten hoe vaak de nieuwsbrief verschijnt
Alvast bedankt voor uw reactie.

Met vriendelijke groet,
Els Visser
T 06-12345678

Dit e-mailbericht is uitsluitend bestemd voor de geadresseerde. Als dit bericht niet voor u
bestemd is, wordt u verzocht de afzender hiervan op de hoogte te stellen en het bericht te
verwijderen.

Op ma 2 mrt 2026 om 09:00 schreef Software Borg <
info@softwareborg.nl>:
> Dank voor uw bericht. Wij komen er zo snel mogelijk op terug.
"""


def test_a_mail_pasted_whole_is_answered_question_by_question(assistant):
    reply = assistant.ask(FULL_MAIL)
    assert [p.source["id"] for p in reply.parts] == [
        "solliciteren-via-de-website", "verwerking-via-de-nieuwsbrief"]
    assert all(p.answered for p in reply.parts) and reply.request_type is None
    assert "4 weken" in reply.parts[0].text and "per maand" in reply.parts[1].text
    draft = assistant.draft_reply(FULL_MAIL)
    assert draft.startswith("Beste Els Visser,") and "06-12345678" not in draft


def test_a_question_naming_cookies_is_answered_by_an_entry_about_them(assistant):
    reply = assistant.ask("Wat is het verschil tussen _li_id en _li_ses?")
    assert reply.answered and reply.source["id"].startswith("cookie-li")


def test_and_if_so_asks_about_what_was_asked_before(assistant):
    reply = assistant.ask("Dag,\n\nvraagje: gebruiken jullie google analytics? en zo ja op welke "
                          "grondslag, want ik heb geen toestemming gegeven\n\nmvg\nKees")
    assert reply.parts[1].faq_id == "ga-legal-basis"


@pytest.mark.parametrize("question", ["How do I delete my Facebook account?",
                                      "Hoe verander ik het wachtwoord van mijn Google-account?"])
def test_a_named_partys_own_account_is_out_of_scope(assistant, question):
    assert not assistant.ask(question).answered


def _with_subject(subject, body):
    return (f"Van: Els <els@example.nl>\nVerzonden: dinsdag 3 maart 2026\nAan: "
            f"info@softwareborg.nl\nOnderwerp: {subject}\n\nBeste,\n\n{body}\n\nGroet,\nEls")


def test_a_subject_naming_a_request_makes_it(assistant):
    reply = assistant.ask(_with_subject("Inzageverzoek", "Graag ontvang ik een overzicht."))
    assert reply.request_type == "access" and reply.answered
    question = assistant.ask(_with_subject("Vraag over een inzageverzoek",
                                           "Kost dat iets?"))
    assert question.request_type is None



@pytest.mark.parametrize("mail", [
    "Hello,\n\nI signed up for your newsletter a while ago but to be honest I get way too "
    "many emails lately. How often do you actually send it?\n\nThanks,\nPeter Jansen",
    "Hi,\n\nI signed up for your newsletter but I get way too many emails. How often do "
    "you send it?\n\nPeter",
])
def test_a_question_in_a_mail_is_answered_from_its_own_words_the_context_only_confirms(
        assistant, mail):
    # the context speaks of signing up; the question asks how often: its own clear
    # favourite stays the answer where the context ranks it close to its own best
    assert assistant.ask(mail).faq_id == "newsletter-frequency"


def test_a_request_with_please_confirm_gets_one_answer_and_no_open_question(assistant):
    mail = ("Dear Software Borg,\n\nI took one of your trainings last year but have since "
            "changed jobs, so please delete all my details from your systems. Can you "
            "confirm once this has been done?\n\nKind regards,\nMaria Lopez")
    reply = assistant.ask(mail)
    assert reply.request_type == "erasure"
    assert reply.parts == [] and reply.faq_id == "right-to-erasure"
    draft = assistant.draft_reply(mail)
    assert draft.count("right to erasure") == 1 and "does not cover" not in draft


def test_please_confirm_under_a_request_is_no_question_left_unanswered(assistant):
    reply = assistant.ask("Beste Software Borg,\n\nWilt u de verwerking van mijn gegevens "
                          "beperken zolang u nagaat of mijn adres klopt? Graag bevestiging."
                          "\n\nMet vriendelijke groet,\nKarin Bos")
    assert reply.request_type == "restriction" and reply.answered
    assert all(p.answered for p in reply.parts)


def test_two_questions_about_different_things_keep_their_own_parts(assistant):
    reply = assistant.ask("Hoi,\n\nHoe lang bewaren jullie mijn cv? En welke cookies "
                          "gebruiken jullie?\n\nGroet,\nSem")
    assert len(reply.parts) == 2


def test_a_question_about_complaining_after_a_lead_in_makes_no_complaint(assistant):
    reply = assistant.ask("Geachte heer, mevrouw,\n\nEen collega wees mij op uw "
                          "privacyverklaring Kort gezegd: waar kan ik een klacht indienen bij "
                          "de toezichthouder?\n\nMet vriendelijke groet,\nPriya Raman")
    assert reply.request_type is None and reply.answered


def test_a_request_before_a_colon_is_still_made(assistant):
    reply = assistant.ask("Hallo,\n\nIk wil een klacht indienen: waarom staat mijn "
                          "telefoonnummer in een bevestiging aan een ander?\n\nGroet,\nJan")
    assert reply.request_type == "complaint"


def test_the_context_tells_the_topic_when_the_question_points_back_at_it(assistant):
    # 'hiervoor' is Leadinfo's recognising the employer: its section answers, not the
    # newsletter's unsubscribe link the question's own words prefer
    reply = assistant.ask("Goedendag,\n\nIk las in uw privacyverklaring over Leadinfo. Ik vind "
                          "het niet prettig dat mijn werkgever zo herkend wordt als ik uw "
                          "website bezoek. Waar kan ik me hiervoor afmelden?\n\nGroet,\n"
                          "Koen Dijkstra")
    assert reply.source["id"] == "bezoekgegevens-en-klikgedrag"
