"""Rights requests and complaints are recognised; questions about them are not requests."""

import pytest

from privacy_kb.intents import detect_request, is_request, message_request, topic_of


@pytest.mark.parametrize("text, kind", [
    ("Verwijder al mijn gegevens", "erasure"),
    ("ik wil dat jullie mijn gegevens wissen", "erasure"),
    ("Please delete my account and all my data", "erasure"),
    ("I want a copy of my data", "access"),
    ("Welke gegevens hebben jullie van mij?", "access"),
    ("what information do you hold about me", "access"),
    ("Mijn adres klopt niet, kunnen jullie dat aanpassen?", "rectification"),
    ("please correct my phone number", "rectification"),
    ("Ik wil mijn gegevens laten overdragen naar een andere partij", "portability"),
    ("I'd like to restrict the processing of my data", "restriction"),
    ("Ik maak bezwaar tegen het gebruik van mijn gegevens", "objection"),
    ("stop sending me newsletters", "objection"),
    ("Ik wil geen nieuwsbrief meer ontvangen", "objection"),
    ("Ik heb een klacht over hoe jullie met mijn gegevens omgaan", "complaint"),
    ("Stuur mijn gegevens naar een andere aanbieder", "portability"),
    ("I want to export my data to another provider", "portability"),
    ("I don't want any more newsletters", "objection"),
    ("ik wil niet meer gemaild worden", "objection"),
    ("Send me everything you have on me", "access"),
    ("I want to complain about how you handled my data", "complaint"),
])
def test_requests_are_recognised_in_both_languages(text, kind):
    assert detect_request(text) == kind


@pytest.mark.parametrize("text", [
    "Wat is het recht op inzage?",
    "What is the right to erasure?",
    "Hoe lang bewaren jullie mijn cv?",
    "Ik wil weten welke cookies jullie gebruiken",
    "Which cookies do you use?",
    "Hoe meld ik me af voor de nieuwsbrief?",
    "Wat doet Leadinfo?",
    "",
    # Saying what one does not want is not a request.
    "I do NOT want you to delete my data",
    "Ik wil mijn gegevens niet laten verwijderen",
    "Ik wil niet dat jullie mijn gegevens verwijderen",
    "Ik wil geen klacht indienen",
    "I never asked you to delete anything",
    "Het hoeft niet verwijderd te worden",
    # 'fix' alone is no rectification.
    "Can you fix my printer?",
])
def test_questions_and_ordinary_wishes_are_not_requests(text):
    assert detect_request(text) is None


def test_topic_without_request_is_still_a_topic():
    assert topic_of("Wat is het recht op inzage?") == "access"
    assert not is_request("Wat is het recht op inzage?")
    assert topic_of("Which cookies do you use?") is None


@pytest.mark.parametrize("text, kind", [
    ("Mag ik jullie vragen om mijn gegevens over te dragen?", "portability"),
    ("Could I ask you to delete my CV?", "erasure"),
    ("ik trek mijn sollicitatie in, gooi mijn cv weg", "erasure"),
    ("I moved, here is my new address: Kastanjelaan 14, Utrecht.", "rectification"),
    ("Please stop using my data until the dispute is settled, but don't delete it.",
     "restriction"),
    ("Hierbij dien ik een formele klacht in.", "complaint"),
])
def test_requests_put_indirectly_or_politely_are_recognised(text, kind):
    assert detect_request(text) == kind


@pytest.mark.parametrize("text", [
    "Waar kan ik een klacht indienen bij de AP?",
    "Kost een inzageverzoek geld?",
    "Stel dat ik wil dat jullie mijn gegevens verwijderen, hoe lang duurt dat dan?",
])
def test_questions_about_a_request_are_not_the_request(text):
    assert detect_request(text) is None


def test_asking_what_is_kept_for_a_named_purpose_is_no_access_request():
    assert detect_request("Welke gegevens van mij bewaren jullie daarvoor?") is None
    assert detect_request("Welke gegevens bewaren jullie van mij als ik solliciteer?") is None
    assert detect_request("Welke gegevens hebben jullie van mij?") == "access"


def test_a_wish_pointing_back_at_the_sentence_before_makes_the_request():
    from privacy_kb.intents import message_request

    sentences = ["Ik ben getrouwd en heet nu Sophie de Boer.", "Kunnen jullie dat bijwerken?"]
    assert message_request(sentences) == "rectification"
    sentences = ["Your records list me as 'Mr' but I'm a woman.", "Could you fix that?"]
    assert message_request(sentences) == "rectification"


def test_until_it_is_checked_the_restriction_outranks_the_wrong_data():
    from privacy_kb.intents import message_request

    assert message_request(["The phone number you hold for me is incorrect.",
                            "Until this has been checked, please do not use my data."]) \
        == "restriction"


@pytest.mark.parametrize("text, kind", [
    ("Wilt u het gebruik van mijn gegevens tijdelijk stopzetten totdat mijn bezwaar is "
     "behandeld?", "restriction"),
    ("Until my complaint has been dealt with, please don't process my data any further.",
     "restriction"),
    ("Ik wil dat u mijn gegevens bewaart maar niet meer gebruikt.", "restriction"),
    ("Haal mij alsjeblieft uit jullie bestanden.", "erasure"),
    ("Please purge my details from your CRM.", "erasure"),
    ("Ik wil niet langer benaderd worden met aanbiedingen.", "objection"),
    ("Gebruik mijn gegevens niet meer voor reclame.", "objection"),
    ("My email address in your system is out of date; please change it to the new one.",
     "rectification"),
    ("De functietitel die u van mij heeft is niet meer juist; ik ben nu teamleider.",
     "rectification"),
    ("Ik ben zeer ontevreden over hoe u mijn verzoek heeft behandeld en wil dat vastleggen "
     "als klacht.", "complaint"),
])
def test_requests_for_a_pause_out_of_the_files_or_on_record_are_recognised(text, kind):
    assert detect_request(text) == kind


@pytest.mark.parametrize("text, kind", [
    ("Hi, my last name has been misspelt on every invoice. It's Dijkstra with a j. "
     "Can you sort that out?", "rectification"),
    ("Sinds kort heet ons bedrijf anders. Willen jullie dat overal doorvoeren?",
     "rectification"),
    ("Ik heb een training gevolgd maar wil nu dat al mijn gegevens bij jullie weg zijn.",
     "erasure"),
    ("I am disappointed with how you handled my data and would like to raise a complaint.",
     "complaint"),
    ("Can you give me my data in a format I can upload to another service?", "portability"),
])
def test_a_message_makes_its_request_across_sentences_and_in_new_words(text, kind):
    from privacy_kb.intents import message_request
    from privacy_kb.message import split_sentences

    assert message_request(split_sentences(text), text) == kind


def test_asking_how_to_request_is_no_request():
    assert detect_request("How do I request a copy of my data?") is None


def test_a_question_about_what_follows_a_case_is_no_request():
    assert detect_request("If I unsubscribe, will you delete my email address?") is None
    assert detect_request("Als ik me afmeld, verwijderen jullie dan mijn adres?") is None
    assert detect_request("Als ik me afmeld, verwijder dan ook mijn adres.") == "erasure"


@pytest.mark.parametrize("text, kind", [
    ("I've moved house, my address is now Kerkstraat 5 in Utrecht.", "rectification"),
    ("Mijn e-mailadres is veranderd, het is nu piet@example.nl.", "rectification"),
    ("My surname is spelled Jansen, not Janssen, in your newsletter.", "rectification"),
    ("I no longer want to be in your database.", "erasure"),
    ("Ik wil niet meer in jullie systemen voorkomen.", "erasure"),
    ("I don't want to receive any more offers from you.", "objection"),
    ("Ik wil geen aanbiedingen meer van jullie ontvangen.", "objection"),
    ("I am unhappy with how you handled my request and want to complain.", "complaint"),
])
def test_requests_in_other_words_are_recognised(text, kind):
    assert detect_request(text) == kind


@pytest.mark.parametrize("text", [
    "What happens to my data if I object?",
    "Wat gebeurt er met mijn gegevens als ik bezwaar maak?",
    "I moved to a new job, do you still keep my application?",
])
def test_a_right_named_in_a_case_asked_about_is_no_request(text):
    assert detect_request(text) is None


@pytest.mark.parametrize("text, kind", [
    ("Hierbij doe ik een inzageverzoek op grond van de AVG.", "access"),
    ("Wilt u mijn telefoonnummer aanpassen naar 06 41 22 90 37?", "rectification"),
    ("Geen commerciële e-mails meer naar dit adres aub.", "objection"),
    ("Klacht: mijn cv is doorgestuurd naar een extern bureau zonder dat ik dat wist.",
     "complaint"),
    ("Gebruik mijn sollicitatiegegevens voorlopig niet meer, maar gooi ze ook nog niet weg.",
     "restriction"),
    ("Zet de verwerking van mijn gegevens even op pauze totdat ik weet of ik klant blijf.",
     "restriction"),
    ("Zet mijn gegevens in een Excel-bestand, dan kan ik het overzetten naar ons nieuwe CRM.",
     "portability"),
])
def test_requests_by_compound_label_or_plain_instruction_are_recognised(text, kind):
    assert detect_request(text) == kind


def test_a_message_that_calls_itself_a_complaint_is_one():
    assert message_request(["Hierbij teken ik bezwaar aan tegen de behandeling van mijn "
                            "verzoek.", "Beschouw dit als klacht."]) == "complaint"


def test_saying_it_is_no_request_yet_is_heard():
    assert message_request(["Ik heb een inzageverzoek gedaan bij een ander bedrijf.",
                            "Hoe zit dat bij jullie?",
                            "Ik vraag het alleen, ik doe nog geen verzoek."]) is None


def test_out_of_the_files_in_subordinate_word_order_is_erasure():
    assert topic_of("kan ik jullie vragen om mij uit alle bestanden te halen?") == "erasure"


@pytest.mark.parametrize("text", [
    "Waar kan ik een klacht indienen bij de toezichthouder",
    "Mijn vraag: waar kan ik een klacht indienen bij de toezichthouder?",
    "Quick one: how do I object to the newsletter?",
])
def test_asking_where_or_how_without_a_mark_or_after_a_lead_in_is_no_request(text):
    assert detect_request(text) is None


@pytest.mark.parametrize("text, kind", [
    ("Per 1 juni woon ik op de Lindelaan 4, 9401 AB Assen. Wilt u dit doorvoeren?",
     "rectification"),
    ("Just letting you know my email changed to anna@newmail.com.", "rectification"),
    ("I'd rather not get your sales calls anymore. Please take my number off your call list.",
     "objection"),
])
def test_new_details_and_no_more_calls_in_passing_are_requests(text, kind):
    assert message_request([text]) == kind


@pytest.mark.parametrize("text", [
    "Hoe lang duurt het voordat u een verzoek om verwijdering afhandelt?",
    "I moved to Utrecht last year and was wondering if you have offices there.",
])
def test_a_request_named_as_a_thing_or_a_move_without_new_details_is_none(text):
    assert detect_request(text) is None


@pytest.mark.parametrize("text, kind", [
    ("I'd like to see the information you have on file about me.", "access"),
    ("Kunnen jullie mijn cv uit jullie systeem halen? Ik heb al een baan.", "erasure"),
    ("Ik wil niet dat jullie mijn gegevens nog gebruiken voor reclame.", "objection"),
    ("Kindly transfer the personal data you have about me to me in a common format.",
     "portability"),
    ("Please provide the personal data you hold about me, so I can take it with me.",
     "portability"),
])
def test_what_is_to_be_done_with_the_data_names_the_right(text, kind):
    assert message_request([text]) == kind


def test_a_question_about_a_right_is_not_the_request_a_sentence_after_it_points_back_at():
    assert message_request(["Naar welk adres stuur ik een inzageverzoek?",
                            "Worden de bezoekgegevens geanonimiseerd of kunnen jullie zien "
                            "dat ik het ben?"]) is None
    # a statement before the wish still says what the wish is about
    assert message_request(["Ik ben getrouwd en heet nu Sophie de Boer.",
                            "Kunnen jullie dat bijwerken?"]) == "rectification"
