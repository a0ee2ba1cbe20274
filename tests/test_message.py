"""A pasted e-mail is read like a person reads it: greeting, signature and quoted mail
set aside, every question found, with or without a question mark."""

import pytest

from privacy_kb.message import is_question, read_message, split_clauses, split_sentences

EMAIL = """Geachte heer/mevrouw,

Vorig jaar heb ik gesolliciteerd. Hebben jullie mijn cv nog? Graag hoor ik ook hoe lang
jullie mijn gegevens bewaren.

Met vriendelijke groet,

Els Visser
Tel: 06-12345678
els.visser@example.nl

Op 3 februari 2026 schreef Software Borg <info@softwareborg.nl>:
> Wat kunnen wij voor u doen?
"""


def test_greeting_signature_contact_lines_and_quoted_mail_are_set_aside():
    message = read_message(EMAIL)
    assert message.greeting == "Geachte heer/mevrouw" and message.name == "Els Visser"
    assert "06-12345678" not in message.body and "example.nl" not in message.body
    assert "Wat kunnen wij" not in message.body
    assert message.is_letter


def test_every_question_is_found_with_the_statements_before_it_as_context():
    questions = read_message(EMAIL).questions
    assert [q.text for q in questions] == [
        "Hebben jullie mijn cv nog?",
        "Graag hoor ik ook hoe lang jullie mijn gegevens bewaren."]
    assert questions[0].context == "Vorig jaar heb ik gesolliciteerd."


def test_a_sign_off_on_one_line_with_the_name_is_recognised():
    message = read_message("Goedemiddag, vorig jaar volgde ik een cursus bij jullie en ik "
                           "vroeg me af of mijn gegevens daarvan nog ergens staan. Met "
                           "vriendelijke groet, Els Visser, 06 12345678")
    assert message.name == "Els Visser" and message.greeting == "Goedemiddag"
    assert len(message.questions) == 1 and "06" not in message.questions[0].text


@pytest.mark.parametrize("sentence", [
    "Hoe lang bewaren jullie mijn cv",
    "graag hoor ik hoe lang jullie mijn gegevens bewaren",
    "I'd like to know how long you keep my application.",
    "We would also like to know which security measures you have in place.",
    "I was wondering whether you sell my data",
    "Blijft mijn mailadres daarna bij jullie staan",
    "Could you tell me what Hotjar does",
    "ik vraag me af of jullie mijn gegevens delen",
])
def test_questions_are_found_with_or_without_a_question_mark(sentence):
    assert is_question(sentence)


@pytest.mark.parametrize("sentence", [
    "Vorig jaar heb ik gesolliciteerd.",
    "I signed up for your newsletter a while ago.",
    "Thanks for your quick reply.",
    "Morgen ben ik er niet.",
])
def test_statements_are_not_questions(sentence):
    assert not is_question(sentence)


def test_sentences_split_on_punctuation_but_not_in_abbreviations_or_addresses():
    assert split_sentences("Zie bijv. de site www.softwareborg.nl. Klopt dat? Ja!") == \
        ["Zie bijv. de site www.softwareborg.nl.", "Klopt dat?", "Ja!"]


def test_a_sentence_asking_two_things_is_cut_in_two():
    assert split_clauses("Welke cookies plaatsen jullie allemaal, en hoe lang wordt de "
                         "Hotjar-cookie bewaard?") == [
        "Welke cookies plaatsen jullie allemaal", "hoe lang wordt de Hotjar-cookie bewaard?"]
    assert split_clauses("What do you collect when I visit and on what legal basis?") == [
        "What do you collect when I visit", "on what legal basis?"]
    # an "and" inside one question is not a second question
    assert split_clauses("Do you share my name and address?") == \
        ["Do you share my name and address?"]


def test_a_plain_chat_question_stays_one_question():
    message = read_message("hoe lang bewaren jullie mijn cv")
    assert [q.text for q in message.questions] == ["hoe lang bewaren jullie mijn cv"]
    assert not message.is_letter and message.name == ""


def test_english_signature_after_thanks_and_a_forwarded_header():
    message = read_message("Hello,\n\nHow long is the Hotjar cookie kept?\n\nBest,\n"
                           "Priya Raman\n\n-----Original Message-----\nFrom: x\n"
                           "Which cookies do you use?")
    assert message.name == "Priya Raman"
    assert [q.text for q in message.questions] == ["How long is the Hotjar cookie kept?"]


def test_an_inverted_need_is_a_question():
    assert is_question("Voor onze administratie heb ik de KvK-nummers nodig van de Stichting.")


def test_an_english_auxiliary_asks_only_with_a_subject():
    assert is_question("Does yours mention a right to object")
    assert is_question("Would be good to understand on what legal basis you process data")
    assert not is_question("Would be good to know before we sign.")


@pytest.mark.parametrize("sentence", [
    "Daarnaast wil ik weten met welke partijen u mijn gegevens deelt.",
    "Verder zou ik graag willen weten hoe lang de gegevens blijven staan.",
    "Ook willen wij graag vernemen waar de servers staan.",
])
def test_a_dutch_wish_to_know_with_the_verb_before_its_subject_is_a_question(sentence):
    assert is_question(sentence)


@pytest.mark.parametrize("sentence, second", [
    ("Nog een vraagje: welke gegevens bewaren jullie van de cursus, en hoe lang blijft "
     "dat staan?", "hoe lang blijft dat staan?"),
    ("Your statement mentions two foundations - which ones are they, and what are their "
     "registration numbers?", "what are their registration numbers?"),
])
def test_a_question_after_a_lead_in_is_cut_in_two_too(sentence, second):
    assert split_clauses(sentence)[1:] == [second]


def test_the_quoted_mail_a_reply_answers_is_kept_apart_from_its_body():
    message = read_message(
        "Hoi,\n\nBedankt! Hoe lang blijft dat dan bewaard?\n\nGroet,\nIne\n\n"
        "Op 2 mei 2026 schreef HR <hr@example.nl>:\n"
        "> Wij bewaren uw sollicitatie graag in onze portefeuille.\n")
    assert "sollicitatie" not in message.body
    assert message.quoted == "Wij bewaren uw sollicitatie graag in onze portefeuille."
