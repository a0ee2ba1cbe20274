"""Normalisation folds both languages onto shared tokens; language detection."""

from hypothesis import example, given
from hypothesis import strategies as st

from privacy_kb.language import (canonical, detect_language, normalise, normalise_tokens, stem,
                                 tokenize)


@given(st.text(max_size=200))
@example("Bewaartermijnen   sollicitaties’s CV-gegevens")
@example("_li_id.xxxx _LI_SES.XXXX e-mail opt-out")
@example("ÉÉN koekjes ∑ \x00 \udcff")
def test_normalise_is_idempotent(text):
    once = normalise(text)
    assert normalise(once) == once


@given(st.text(alphabet="abcdefghijklmnopqrstuvwxyz", min_size=1, max_size=20))
def test_canonical_tokens_are_their_own_canonical_form(token):
    canon = canonical(token)
    if canon is not None:
        assert canonical(canon) == canon


def test_questions_in_both_languages_meet_on_the_same_tokens():
    assert normalise("Hoe lang bewaren jullie mijn cv?") == \
        normalise("How long do you keep my application?")
    assert normalise("verwijder mijn gegevens") == normalise("delete my data")
    assert normalise("Afmelden nieuwsbrief") == normalise("unsubscribe newsletter")


def test_tokens_keep_cookie_names_and_join_hyphenated_words():
    assert tokenize("Wat doet _li_ses.xxxx?") == ["wat", "doet", "_li_ses", "xxxx"]
    assert tokenize("e-mail en opt-out") == ["email", "en", "optout"]
    assert tokenize("Één café’s") == ["een", "cafes"]


def test_stemming_is_light():
    assert stem("cookies") == "cookie"
    assert stem("gegevens") == "gegevens"      # not "gegev": one suffix, and only then
    assert stem("bewaartermijnen") == "bewaartermijn"
    assert stem("_hjid") == "_hjid"
    assert stem("data") == "data"


def test_language_is_detected_from_function_words():
    assert detect_language("Hoe lang bewaren jullie mijn gegevens?") == "nl"
    assert detect_language("How long do you keep my data?") == "en"
    assert detect_language("wat is _ga") == "nl"
    assert detect_language("whats hotjar") == "en"
    assert detect_language("_ga") is None
    assert detect_language("") is None


def test_no_synonym_folds_a_topic_word_into_a_stop_word():
    from privacy_kb.language import STOP_EN, STOP_NL, SYNONYMS

    assert {c for c in SYNONYMS.values() if c in STOP_NL | STOP_EN} == set()
    assert normalise("365 dagen") == "365 dag"


def test_a_word_that_stems_to_a_stop_word_is_a_stop_word():
    assert normalise("QUESTIONS") == normalise("question") == ""


def test_mail_and_web_addresses_are_one_token_and_the_right_address_is_no_right():
    from privacy_kb.language import tokenize

    assert tokenize("mail info@softwareborg.nl of zie www.leadinfo.com/en/opt-out") == \
        ["mail", "emailadres", "of", "zie", "website"]
    assert "right" not in tokenize("is this the right address?")


def test_a_question_the_marker_words_leave_undecided_goes_by_the_language_lists():
    from privacy_kb.language import detect_language

    assert detect_language("_li_ses cookie betekenis") == "nl"
    assert detect_language("_li_ses cookie meaning") == "en"


def test_outside_the_organisation_is_a_third_party_not_abroad():
    assert normalise_tokens("shared with anyone outside Software Borg") == ["delen", "external"]
    assert "external" in normalise_tokens("gaat het naar iemand buiten jullie organisatie")


def test_every_phrase_is_searched_wherever_it_could_match():
    """Tokenizing searches a phrase pattern only in a text holding one of its words;
    every match of the pattern spells one of them out, so none is ever missed."""
    from regex_words import needs_a_word

    from privacy_kb.language import _PHRASES

    for words, pattern, _repl in _PHRASES:
        assert needs_a_word(pattern._pattern, words), pattern._pattern


@given(st.text(alphabet="abcdeghilmnorstuw @.-/:'\n", max_size=60))
@example("schrijf me nu uit, geen mail meer en no more newsletters")
@example("mail info@example.nl of zie www.example.nl; is it correct that I cannot transfer "
         "data outside the eu via the right contactformulier, unauthorized access?")
def test_skipping_phrases_changes_no_tokens(text):
    """The same tokens as substituting every phrase pattern everywhere."""
    from privacy_kb import language

    lowered = language._strip_accents(text.lower()).translate(language._APOSTROPHES)
    lowered = language._JOINERS.sub("", lowered)
    for _words, pattern, repl in language._PHRASES:
        lowered = pattern.sub(repl, lowered)
    assert tokenize(text) == language._TOKEN.findall(lowered)
