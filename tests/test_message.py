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


def test_mail_headers_pasted_above_the_message_are_set_aside_not_taken_for_a_quote():
    message = read_message("Van: Els Visser <els@example.nl>\nVerzonden: dinsdag 3 maart 2026\n"
                           "Aan: info@softwareborg.nl\nOnderwerp: Vraag over mijn cv\n\n"
                           "Beste,\n\nHoe lang bewaren jullie mijn cv?\n\nGroet,\nEls")
    assert [q.text for q in message.questions] == ["Hoe lang bewaren jullie mijn cv?"]
    assert message.subject == "Vraag over mijn cv" and "els@example.nl" not in message.body


@pytest.mark.parametrize("attribution", [
    "On Tue, 3 Mar 2026 at 10:12, Software Borg <\ninfo@softwareborg.nl> wrote:",
    "Op di 3 mrt 2026 om 10:12 schreef Software Borg\n<info@softwareborg.nl>:",
    "-----Original Message-----\nFrom: Software Borg",
    "________________________________\nVan: Software Borg <info@softwareborg.nl>",
])
def test_quoted_mail_is_set_aside_also_when_its_attribution_is_wrapped(attribution):
    message = read_message(f"Hi,\n\nHow long do you keep my CV?\n\nThanks,\nTom\n\n"
                           f"{attribution}\n\nWe have received your message about cookies.")
    assert [q.text for q in message.questions] == ["How long do you keep my CV?"]
    assert "cookies" in message.quoted and "cookies" not in message.body


@pytest.mark.parametrize("disclaimer", [
    "Sent from my iPhone",
    "Dit e-mailbericht is uitsluitend bestemd voor de geadresseerde. Als dit bericht niet "
    "voor u bestemd is, wordt u verzocht de afzender hiervan op de hoogte te stellen en "
    "het bericht te verwijderen.",
    "This e-mail and any attachments are confidential and intended solely for the "
    "addressee. If you received it in error, please notify the sender and delete it.",
])
def test_disclaimers_under_a_message_are_no_part_of_it(disclaimer):
    message = read_message(f"Hello,\n\nDo you sell my data?\n\nRegards,\nAnn Lee\n\n{disclaimer}")
    assert [q.text for q in message.questions] == ["Do you sell my data?"]
    assert message.name == "Ann Lee"


def test_a_greeting_line_with_a_comma_inside_is_set_aside_whole():
    message = read_message("Geachte heer, mevrouw,\n\nBewaren jullie mijn IP-adres?")
    assert message.greeting == "Geachte heer, mevrouw" and message.sentences == [
        "Bewaren jullie mijn IP-adres?"]


@pytest.mark.parametrize("text, expected", [
    # a line typed without a question mark ends its sentence
    ("hoe lang bewaren jullie mijn cv\nen kan ik het laten verwijderen",
     ["hoe lang bewaren jullie mijn cv en kan ik het laten verwijderen"]),
    ("How long do you keep my CV\nhow often is the newsletter sent",
     ["How long do you keep my CV", "how often is the newsletter sent"]),
    # a question word written with a capital after a word without a stop
    ("I read your privacy statement What rights do I have",
     ["I read your privacy statement", "What rights do I have"]),
    # a paragraph wrapped at the margin runs on
    ("I have a question about your privacy statement. How do you keep my\n"
     "personal data safe?", ["I have a question about your privacy statement.",
                             "How do you keep my personal data safe?"]),
])
def test_sentences_end_where_the_writer_ended_them_without_a_stop(text, expected):
    assert split_sentences(text) == expected


@pytest.mark.parametrize("sentence", [
    "Mijn vraag is: hoe lang bewaren jullie mijn cv",
    "Quick question: do you share my data with Google",
    "Als ik me afmeld, blijft mijn adres dan bewaard",
    "If I unsubscribe, do you keep my address",
])
def test_a_question_after_a_lead_in_or_a_clause_is_found(sentence):
    assert is_question(sentence)


def test_politeness_is_neither_a_question_nor_its_context():
    message = read_message("Hi,\n\nI applied last year. Can you help me? Do you still have "
                           "my CV? Thanks in advance for your reply.\n\nBest,\nTom")
    assert [(q.text, q.context) for q in message.questions] == [
        ("Do you still have my CV?", "I applied last year.")]


@pytest.mark.parametrize("text, expected", [
    ("How can I opt out of Leadinfo tracking me where do I complain to the DPA?",
     ["How can I opt out of Leadinfo tracking me", "where do I complain to the DPA?"]),
    ("ik kan het knopje niet vinden hoe kan ik me afmelden",
     ["ik kan het knopje niet vinden", "hoe kan ik me afmelden"]),
    # an embedded question keeps its subject first, or follows a verb of asking
    ("I wonder where I can complain about this", ["I wonder where I can complain about this"]),
    ("Can you tell me where do I send my request?",
     ["Can you tell me where do I send my request?"]),
])
def test_a_direct_question_run_on_after_a_clause_starts_a_sentence(text, expected):
    assert split_sentences(text) == expected


def test_a_slip_in_the_question_word_still_asks():
    assert is_question("wht data do u collect when i visit ur site")
    assert not is_question("That data is collected when I visit the site")


def test_a_quoted_acknowledgement_is_no_context_for_a_question_that_says_what_it_asks(
        assistant):
    alone = assistant.ask("Hoe lang bewaren jullie gegevens van klanten?")
    reply = assistant.ask("Hallo,\n\nHoe lang bewaren jullie gegevens van klanten?\n\nGroet,\n"
                          "Kees\n\nOp di 3 mrt 2026 om 10:12 schreef Software Borg "
                          "<info@softwareborg.nl>:\n> Dank voor uw bericht. Wij komen er zo "
                          "snel mogelijk op terug.\n")
    assert reply.answered and reply.faq_id == alone.faq_id


def test_items_listed_under_an_asking_lead_in_are_each_a_question():
    message = read_message(
        "Geachte heer/mevrouw,\n\nTen behoeve van een beoordeling verzoek ik u mij te laten "
        "weten:\n1. welke persoonsgegevens u verwerkt van klanten;\n2. met welke derden u "
        "deze deelt;\n3. of u uw privacyverklaring wijzigt.\n\nMet vriendelijke groet,\nP. Rijn")
    assert [q.text for q in message.questions] == [
        "welke persoonsgegevens u verwerkt van klanten;", "met welke derden u deze deelt;",
        "of u uw privacyverklaring wijzigt."]
    assert message.questions[0].context.endswith("laten weten:")


def test_lettered_items_are_split_too():
    assert split_sentences("Please answer the following:\n(a) Do you share data?\n"
                           "(b) Who do we contact?") == [
        "Please answer the following:", "Do you share data?", "Who do we contact?"]


@pytest.mark.parametrize("sentence", [
    "vraagt waar Leadinfo zit",
    "wil verder weten welke gegevens wij bij een websitebezoek vastleggen",
    "Asked what the Hotjar cookie on our site does and how long it is stored.",
    "Caller wants to know whether we share his data.",
    "En het postadres graag.",
    "Verder zou ik graag een overzicht ontvangen van mijn rechten.",
    "Ben benieuwd hoe lang jullie dat bewaren.",
])
def test_reported_questions_and_short_wishes_ask(sentence):
    assert is_question(sentence)


@pytest.mark.parametrize("sentence", [
    "Moet het op onze inkoopregistratie zetten.",
    "Heb vorige week gesolliciteerd.",
])
def test_a_verb_first_statement_with_its_subject_left_out_does_not_ask(sentence):
    assert not is_question(sentence)


def test_a_request_tells_a_later_question_what_it_points_back_at():
    message = read_message(
        "Beste,\n\nIk wil een klacht indienen: jullie tabel zegt dat _li_id alleen de sessie "
        "blijft, maar hij staat er na een week nog. Klopt jullie verklaring wel? Hoe lang "
        "hoort hij te blijven?\n\nGroet,\nJasper",
        is_request=lambda s: s.startswith("Ik wil een klacht"))
    last = message.questions[-1]
    assert last.text == "Hoe lang hoort hij te blijven?" and "_li_id" in last.context


def test_a_lead_in_before_a_colon_is_context_and_the_question_follows_it():
    message = read_message("Hoi,\n\nIk ben eigenlijk gewoon benieuwd: wat doen jullie allemaal "
                           "met mijn gegevens als ik op de site kom?\n\nGrtz\nRobin")
    assert [(q.text, q.context) for q in message.questions] == [
        ("wat doen jullie allemaal met mijn gegevens als ik op de site kom?",
         "Ik ben eigenlijk gewoon benieuwd")]


def test_a_clause_of_time_with_a_full_stop_tells_what_happened():
    assert not is_question("When I registered for your newsletter you asked for my organisation.")
    assert is_question("When I unsubscribe, do you keep my address.")


def test_a_question_word_after_a_preposition_asks_its_half_of_the_sentence():
    assert split_clauses("met welke derden u deze gegevens deelt en op welke grondslag") == [
        "met welke derden u deze gegevens deelt", "op welke grondslag"]


def test_a_phone_note_is_read_line_by_line():
    message = read_message(
        "Call log - Wed 20 May, 11:05\nCaller: Ms J. Kowalski, Kowalski Legal, 020 555 8899\n"
        "Asked what the Hotjar cookie on our site does and how long it is stored. Also asked "
        "what happens to data she entered in the contact form last year.\n"
        "Promised an e-mail reply.")
    assert [q.text for q in message.questions] == [
        "Asked what the Hotjar cookie on our site does", "how long it is stored.",
        "Also asked what happens to data she entered in the contact form last year."]


def test_a_list_item_ends_at_its_line_end():
    assert split_sentences("- wil verder weten welke gegevens wij bij een websitebezoek "
                           "vastleggen\nTerugbellen, hij is vandaag tot 17u bereikbaar.") == [
        "wil verder weten welke gegevens wij bij een websitebezoek vastleggen",
        "Terugbellen, hij is vandaag tot 17u bereikbaar."]


def test_the_second_half_of_a_last_sentence_stays_joined_when_a_remark_follows():
    message = read_message("Dag,\n\nIk wil weten of jullie mijn IP-adres opslaan, en waarvoor "
                           "jullie die cookie gebruiken. Het is voor school.\n\nMet groet,\nTon")
    assert [q.joined for q in message.questions] == [False, True]
    assert message.name == "Ton" and "groet" not in message.body


@pytest.mark.parametrize("sentence", [
    "Op welke grondslag verwerken jullie de gegevens uit het downloadformulier",
    "For what purposes does Software Borg process personal data",
    "Met wie delen jullie mijn gegevens",
    "Just curious, what exactly is the right to data portability",
    "Uit nieuwsgierigheid, hoe lang hadden jullie het bewaard",
    "For a training slide I'm putting together: does your statement name a supervisory "
    "authority",
])
def test_a_question_word_after_a_preposition_or_a_short_lead_asks(sentence):
    assert is_question(sentence)


def test_a_typed_line_ends_before_a_verb_that_starts_the_next_question():
    assert split_sentences("Worden mijn bezoekgegevens geanonimiseerd\nben ik verplicht om "
                           "alle velden in te vullen?") == [
        "Worden mijn bezoekgegevens geanonimiseerd", "ben ik verplicht om alle velden in te vullen?"]


def test_a_preposition_with_a_capital_before_a_question_word_starts_a_question():
    assert split_sentences("hoe kan ik me afmelden voor Leadinfo Op welke grondslag verwerken "
                           "jullie de gegevens?") == [
        "hoe kan ik me afmelden voor Leadinfo", "Op welke grondslag verwerken jullie de gegevens?"]
    # a question word after a lower-case preposition stays in its sentence
    assert split_sentences("Ik wil weten bij welke partij kan ik klagen") == [
        "Ik wil weten bij welke partij kan ik klagen"]


def test_if_with_a_capital_mid_line_starts_a_question():
    assert split_sentences("how often is the newsletter sent If I apply for a job, will my CV "
                           "be shared?") == [
        "how often is the newsletter sent", "If I apply for a job, will my CV be shared?"]


def test_a_signature_block_without_a_sign_off_gives_the_name_on_its_first_line():
    message = read_message("Goedemiddag,\n\nHoe lang bewaren jullie de gegevens van klanten?\n\n"
                           "Jan de Vries\nInkoper\nGemeente Zwolle\nPostbus 10007, 8000 GA Zwolle\n")
    assert message.name == "Jan de Vries"
    assert message.sentences == ["Hoe lang bewaren jullie de gegevens van klanten?"]


def test_a_postscript_under_the_signature_is_part_of_the_message():
    message = read_message("Hi,\n\nDo you sell my data?\n\nThanks!\nAnn\n\n"
                           "PS: how long do you keep my CV?")
    assert [q.text for q in message.questions] == [
        "Do you sell my data?", "how long do you keep my CV?"]
    assert message.name == "Ann"


@pytest.mark.parametrize("sentence", [
    "Mijn kleinzoon zegt dat ik cookies kan weigeren, maar doet uw website het dan nog wel "
    "gewoon",
    "ik heb per ongeluk op alles accepteren geklikt, kan ik dat nog terugdraaien",
    "I clicked accept on everything by mistake, can I still undo that",
])
def test_a_last_clause_that_asks_makes_a_sentence_without_a_stop_a_question(sentence):
    assert is_question(sentence)


@pytest.mark.parametrize("sentence", [
    "Ik heb vorig jaar een cursus gevolgd, waar ik erg tevreden over was",
    "Ik heb vorig jaar een cursus gevolgd, kreeg ik toen een bevestiging.",
    "I took a course last year, which I enjoyed a lot",
])
def test_a_last_clause_that_tells_or_ends_with_a_stop_asks_nothing(sentence):
    assert not is_question(sentence)


def test_two_questions_each_without_a_mark_on_their_own_line_are_both_found():
    message = read_message("Goedemiddag,\n\nIs die Google cookie wel privacyvriendelijk "
                           "ingesteld\nik heb per ongeluk op alles accepteren geklikt bij die "
                           "cookiemelding, kan ik dat nog terugdraaien\n\nGroet,\nJan")
    assert len(message.questions) == 2


@pytest.mark.parametrize("sentence", [
    "Graag verneem ik welke bewaartermijn u hanteert voor de cookie _ga.",
    "Ik ontvang graag informatie over hoe lang u mijn cv bewaart.",
    "Ik hoor graag hoe lang jullie mijn cv bewaren.",
    "Please advise how long you keep my CV.",
    "Kindly let us know which cookies you place.",
    "I would appreciate some information on how long you keep my CV.",
    "I am interested in how long you keep my CV.",
])
def test_a_formal_letters_indirect_question_is_a_question(sentence):
    assert is_question(sentence)


def test_a_formal_question_after_a_direct_one_is_a_part_of_its_own():
    message = read_message("Beste heer/mevrouw,\n\nWat is het adres van Software Borg? "
                           "Graag verneem ik welke bewaartermijn u hanteert voor de cookie "
                           "_ga.\n\nMet vriendelijke groet,\nAnna de Boer")
    assert [q.text for q in message.questions] == [
        "Wat is het adres van Software Borg?",
        "Graag verneem ik welke bewaartermijn u hanteert voor de cookie _ga."]


def test_a_line_end_where_the_next_word_would_have_fitted_ends_a_sentence():
    # the second line is longer than the first: the first was not wrapped by a mail
    # program, the writer ended it (and left out the question mark)
    message = read_message(
        "Hi there,\n\nWhy do you want my name and company when I sign up for the newsletter\n"
        "Under Article 15 GDPR I hereby request access to my personal data and information "
        "about how you process it.\n\nBest regards,\nPriya Raman")
    assert message.sentences[0] == ("Why do you want my name and company when I sign up "
                                    "for the newsletter")


def test_a_paragraph_wrapped_at_a_margin_still_runs_on_over_its_line_ends():
    text = ("Ik heb vorig jaar bij jullie een cursus gevolgd en toen mijn gegevens\n"
            "Software Borg gegeven, maar ik weet niet meer precies wat ik allemaal\n"
            "heb ingevuld.")
    assert len(split_sentences(text)) == 1


def test_a_request_verb_with_a_capital_mid_line_starts_a_sentence():
    assert split_sentences("telefoonnr geef ik liever niet Stop met het gebruiken van mijn "
                           "gegevens voor marketing.") == [
        "telefoonnr geef ik liever niet",
        "Stop met het gebruiken van mijn gegevens voor marketing."]


@pytest.mark.parametrize("sentence", [
    "As part of our vendor assessment I need to understand two things.",
    "Ik heb een paar vragen over jullie privacyverklaring.",
    "We have some questions about your statement.",
])
def test_a_sentence_counting_the_questions_to_come_asks_nothing_itself(sentence):
    assert not is_question(sentence)


def test_counting_words_inside_a_question_leave_it_a_question():
    assert is_question("Bedoelen jullie de stichting of het instituut, want dat zijn toch twee "
                       "verschillende dingen")
    assert is_question("Could you answer two questions?")


def test_a_lead_in_before_a_statement_announces_the_question_after_it():
    message = read_message("Hello,\n\nQuick question: my daughter applied for an internship "
                           "with you last month and didn't get it. I'd like to know how long "
                           "you hang on to her CV.\n\nThanks,\nKees")
    assert [q.text for q in message.questions] == [
        "I'd like to know how long you hang on to her CV."]
    assert "daughter applied" in message.questions[0].context


def test_a_lead_in_before_a_question_still_makes_it_one():
    message = read_message("Hoi,\n\nMijn vraag: hoe lang bewaren jullie mijn cv. En welke "
                           "cookies gebruiken jullie?\n\nGroet,\nSem")
    assert len(message.questions) == 2
