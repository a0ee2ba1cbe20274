"""Letters to the requester (issue 11): what each letter must say, in both languages,
for every request type and outcome; which kinds fit a request; templates in a sandbox;
the e-mail message. Pure: no register needed."""

from __future__ import annotations

import datetime as dt
import email
import email.policy
import itertools
import re
from email.message import EmailMessage
from pathlib import Path

import pytest

from privacy_kb.errors import ValidationError
from privacy_kb.letters import (KINDS, LANGS, Letter, check_kind, default_template,
                                draft_letter, fitting_kinds, validate_template)
from privacy_kb.letters.wording import complaint_route, format_day, sender
from privacy_kb.vocabulary import OUTCOMES, REQUEST_TYPES

STATEMENT = (Path(__file__).resolve().parent.parent / "privacy_kb" / "data"
             / "privacyverklaring.txt").read_text(encoding="utf-8")
AP_URL = ("https://autoriteitpersoonsgegevens.nl/nl/zelf-doen/gebruik-uw-privacyrechten/"
          "klacht-melden-bij-de-ap")

# Received Saturday 31 January 2026: one month -> Saturday 28 February -> legally Monday
# 2 March; extended: receipt + 3 months -> Thursday 30 April 2026 (REGISTER_RULES.md).
RECEIVED = dt.date(2026, 1, 31)
DUE = dt.date(2026, 3, 2)
EXTENDED_DUE = dt.date(2026, 4, 30)
DATES = {"nl": ("31 januari 2026", "2 maart 2026", "30 april 2026"),
         "en": ("31 January 2026", "2 March 2026", "30 April 2026")}
GROUND = "Art. 12(5) AVG: kennelijk ongegrond"
REASONS = "U vroeg binnen een week vijf keer hetzelfde.\nZie onze eerdere brief."
JUSTIFICATION = "Uw gegevens staan in zes systemen die wij apart moeten doorzoeken."
DETAILS = "Wilt u antwoorden vanaf het e-mailadres waarmee u bij ons bent ingeschreven?"


def request(request_type="access", *, dm=False, outcome=None, extended=False,
            status="in_progress", **extra):
    fields = {
        "id": "VZ-2026-0007", "request_type": request_type, "direct_marketing": dm,
        "name": "Jan Jansen", "email": "jan@example.nl", "phone": "+31 6 12345678",
        "organisation": None, "on_behalf_of": None, "description": "Graag inzage.",
        "status": status, "received": RECEIVED, "due": EXTENDED_DUE if extended else DUE,
        "extended": extended,
        "extension_reason": "complexity" if extended else None,
        "extension_justification": JUSTIFICATION if extended else None,
        "decision": outcome,
        "decision_ground": GROUND if outcome in ("partly", "refused") else None,
        "decision_reasons": REASONS if outcome in ("partly", "refused") else None,
        "decided_on": DUE if outcome else None, "anonymised": False, "lang": "nl",
    }
    fields.update(extra)
    return fields


def types_and_dm():
    for rtype in REQUEST_TYPES:
        yield rtype, False
    yield "objection", True


# --- the table: kind x language x outcome x request type --------------------------------

CASES = (
    [("acknowledgement", lang, None, rtype, dm)
     for lang in LANGS for rtype, dm in types_and_dm()]
    + [("info_request", lang, None, rtype, dm)
       for lang in LANGS for rtype, dm in types_and_dm()]
    + [("extension_notice", lang, None, rtype, dm)
       for lang in LANGS for rtype, dm in types_and_dm()]
    + [("decision", lang, outcome, rtype, dm)
       for lang, outcome, (rtype, dm) in itertools.product(LANGS, OUTCOMES, types_and_dm())
       if not (dm and outcome != "granted")]            # direct marketing: only granted
)


@pytest.mark.parametrize("kind, lang, outcome, rtype, dm", CASES,
                         ids=[f"{k}-{lg}-{o}-{t}{'-dm' if d else ''}"
                              for k, lg, o, t, d in CASES])
def test_every_letter_says_what_the_law_requires(kind, lang, outcome, rtype, dm):
    extended = kind == "extension_notice"
    req = request(rtype, dm=dm, outcome=outcome, extended=extended)
    letter = draft_letter(req, kind, lang, purpose="identity", details=DETAILS)
    body, subject = letter.body, letter.subject
    received, due, extended_due = DATES[lang]
    en = lang == "en"
    assert "VZ-2026-0007" in subject and "VZ-2026-0007" in body
    assert body.startswith("Dear Jan Jansen," if en else "Beste Jan Jansen,")
    assert "{{" not in body and "{%" not in body and "\n\n\n" not in body
    assert not re.search(r"[a-z]\.[A-Z]", body)         # no sentences run together
    if kind == "acknowledgement":
        assert received in body and due in body
    elif kind == "info_request":
        assert DETAILS in body and due in body
        assert ("keeps running" if en else "termijn loopt door") in body
        assert "identiteitsbewijs" not in body.replace("geen kopie van een identiteitsbewijs",
                                                       "")
    elif kind == "extension_notice":
        assert extended_due in body and JUSTIFICATION in body
        assert ("the complexity of your request" if en
                else "de complexiteit van uw verzoek") in body
    else:
        if outcome in ("partly", "refused"):
            assert GROUND in body and REASONS in body
            assert "Autoriteit Persoonsgegevens" in body and AP_URL in body
            assert ("go to court" if en else "naar de rechter") in body
            if not en:      # the statement's own wording (section "Klachten")
                assert "Voor meer informatie, zie " + AP_URL in body
                assert "Voor meer informatie, zie " + AP_URL in " ".join(STATEMENT.split())
        else:
            assert GROUND not in body and "Autoriteit Persoonsgegevens" not in body
        if outcome in ("granted", "partly"):
            if rtype in ("access", "portability"):
                assert ("Enclosed" if en else "In de bijlage") in body
            if rtype in ("rectification", "erasure", "restriction"):
                assert ("Article 19" if en else "artikel 19") in body
                assert ("recipients" if en else "ontvangers") in body
            if rtype == "objection" and dm:
                assert ("blocklist" if en else "blokkeerlijst") in body
                assert ("e-mail address and phone number" if en
                        else "e-mailadres en telefoonnummer") in body
        word = {"granted": ("granted", "toegewezen"), "partly": ("partly", "gedeeltelijk"),
                "refused": ("refused", "afgewezen")}[outcome][0 if en else 1]
        assert word in subject


def test_the_table_covers_every_kind_language_outcome_and_type():
    assert {c[0] for c in CASES} == set(KINDS)
    assert {c[1] for c in CASES} == {"nl", "en"}
    assert {c[2] for c in CASES if c[0] == "decision"} == set(OUTCOMES)
    assert {c[3] for c in CASES} == set(REQUEST_TYPES)
    assert len(CASES) == 2 * 8 * 3 + 2 * (7 * 3 + 1)


def test_dates_are_written_in_the_readers_language():
    assert format_day(dt.date(2026, 3, 2), "nl") == "2 maart 2026"
    assert format_day(dt.date(2026, 3, 2), "en") == "2 March 2026"


def test_the_letter_follows_the_requesters_language_unless_told():
    assert draft_letter(request(lang="en"), "acknowledgement").lang == "en"
    assert "Dear" in draft_letter(request(lang="en"), "acknowledgement").body
    assert draft_letter(request(lang="en"), "acknowledgement", "nl").lang == "nl"
    assert draft_letter(request(), "acknowledgement").lang == "nl"
    with pytest.raises(ValidationError) as err:
        draft_letter(request(), "acknowledgement", "de")
    assert err.value.codes() == {"lang": ["unknown_lang"]}


def test_sender_and_complaint_route_come_from_the_statement():
    org = sender()
    assert org["email"] in STATEMENT and org["phone"] in STATEMENT
    route = complaint_route()
    assert route["url"] == AP_URL and route["url"] in STATEMENT
    assert "Autoriteit Persoonsgegevens" in route["statement"]


# --- which kinds fit the request --------------------------------------------------------

def codes(exc_info):
    return exc_info.value.codes()


def test_an_extension_notice_needs_an_extended_request():
    with pytest.raises(ValidationError) as err:
        draft_letter(request(), "extension_notice")
    assert codes(err) == {"kind": ["not_extended"]}
    assert "niet verlengd" in err.value.message("nl")
    assert "not extended" in err.value.message("en")


def test_a_decision_letter_needs_a_decision():
    with pytest.raises(ValidationError) as err:
        draft_letter(request(), "decision")
    assert codes(err) == {"kind": ["no_decision"]}
    incomplete = request(outcome="refused", decision_reasons=" ")
    with pytest.raises(ValidationError) as err:
        check_kind(incomplete, "decision")
    assert codes(err) == {"kind": ["decision_incomplete"]}


def test_an_information_request_only_while_open_and_never_for_an_id_copy():
    with pytest.raises(ValidationError) as err:
        draft_letter(request(status="closed"), "info_request", details=DETAILS)
    assert codes(err) == {"kind": ["not_open"]}
    for asked in ("Stuur een kopie van uw paspoort", "Wat is uw BSN?",
                  "graag uw burgerservicenummer", "a copy of your ID please",
                  "Please send your driving licence", "een scan van uw ID-kaart"):
        with pytest.raises(ValidationError) as err:
            draft_letter(request(), "info_request", details=asked)
        assert codes(err) == {"details": ["asks_for_id_document"]}, asked
    with pytest.raises(ValidationError) as err:
        draft_letter(request(), "info_request", details="  ")
    assert codes(err) == {"details": ["required"]}
    with pytest.raises(ValidationError) as err:
        draft_letter(request(), "info_request", purpose="money", details=DETAILS)
    assert codes(err) == {"purpose": ["unknown_purpose"]}
    clar = draft_letter(request(), "info_request", purpose="clarification",
                        details="Welk account bedoelt u?")
    assert clar.subject.startswith("Verduidelijking") and "Welk account" in clar.body


def test_no_letter_for_an_anonymised_request_and_no_unknown_kind():
    with pytest.raises(ValidationError) as err:
        draft_letter(request(anonymised=True), "acknowledgement")
    assert codes(err) == {"kind": ["anonymised"]}
    with pytest.raises(ValidationError) as err:
        draft_letter(request(), "invoice")
    assert codes(err) == {"kind": ["unknown_kind"]}


def test_fitting_kinds_follow_the_state():
    assert fitting_kinds(request()) == ["acknowledgement", "info_request"]
    assert fitting_kinds(request(extended=True)) == ["acknowledgement", "info_request",
                                                     "extension_notice"]
    assert fitting_kinds(request(outcome="granted", status="answered")) == [
        "acknowledgement", "decision"]


def test_a_register_request_object_works_too():
    from dataclasses import dataclass

    @dataclass
    class Req:
        id: str
        request_type: str
        name: str
        email: str
        received: dt.date
        due: dt.date
        status: str

    letter = draft_letter(Req("VZ-1", "access", "Ann", "a@example.nl", RECEIVED, DUE,
                              "received"), "acknowledgement", "en")
    assert "2 March 2026" in letter.body


# --- requester text is data, never template code -------------------------------------

HOSTILE = ["{{ 7*7 }}", "{% for x in range(10**9) %}x{% endfor %}",
           "{{ ''.__class__.__mro__[1].__subclasses__() }}", "{# comment", "{{",
           "<script>alert(1)</script>", "Robert'); DROP TABLE requests;--"]


@pytest.mark.parametrize("hostile", HOSTILE)
def test_a_hostile_name_or_text_prints_as_typed(hostile):
    req = request(outcome="refused", name=hostile, description=hostile,
                  decision_ground=hostile, decision_reasons=hostile)
    for kind in ("acknowledgement", "decision"):
        letter = draft_letter(req, kind, "en")
        assert f"Dear {hostile}," in letter.body
    assert f"Ground: {hostile}" in draft_letter(req, "decision", "en").body
    if "7*7" in hostile:
        assert "49" not in draft_letter(req, "decision", "en").body
    # a template that prints the description gets it verbatim as well
    own = validate_template("acknowledgement", "en", "Re: {{ id }}",
                            default_template("acknowledgement", "en").body
                            + "\nYou wrote: {{ description }}\n")
    assert f"You wrote: {hostile}" in draft_letter(req, "acknowledgement", "en",
                                                    template=own).body


def test_line_breaks_and_direction_marks_cannot_reshape_a_letter():
    req = request(name="Jan\r\nBcc: spy@example.com\u202e", email="jan@example.nl")
    letter = draft_letter(req, "acknowledgement", "nl")
    assert letter.body.startswith("Beste Jan Bcc: spy@example.com,\n")
    assert "\u202e" not in letter.body
    parsed = email.message_from_bytes(bytes(letter.as_email()), policy=email.policy.default)
    assert parsed["Bcc"] is None
    assert [str(a.addr_spec) for a in parsed["To"].addresses] == ["jan@example.nl"]
    # multi-line reasons keep their lines
    refused = draft_letter(request(outcome="refused"), "decision", "nl")
    assert "Motivering:\nU vroeg binnen een week vijf keer hetzelfde.\nZie onze eerdere brief." \
        in refused.body


# --- the e-mail message --------------------------------------------------------------------

def test_as_email_is_a_plain_text_message_that_round_trips():
    letter = draft_letter(request(outcome="refused"), "decision", "nl")
    assert isinstance(letter, Letter)
    msg = letter.as_email()
    assert isinstance(msg, EmailMessage)
    assert msg["Subject"] == letter.subject
    assert msg["To"].addresses[0].addr_spec == "jan@example.nl"
    assert msg["To"].addresses[0].display_name == "Jan Jansen"
    assert msg["From"].addresses[0].addr_spec == sender()["email"]
    parsed = email.message_from_bytes(bytes(msg), policy=email.policy.default)
    assert parsed.get_content_type() == "text/plain"
    assert parsed.get_content() == letter.body


def test_as_email_handles_international_addresses_and_no_address():
    letter = draft_letter(request(email="jan@exämple.nl"), "acknowledgement", "nl")
    assert letter.to == "jan@exämple.nl"
    raw = bytes(letter.as_email())
    assert b"jan@xn--exmple-cua.nl" in raw
    post = draft_letter(request(email=None), "acknowledgement", "nl")
    assert post.to is None and post.as_email()["To"] is None


# --- templates -------------------------------------------------------------------------------

@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize("lang", LANGS)
def test_the_default_templates_pass_their_own_checks(kind, lang):
    template = default_template(kind, lang)
    assert validate_template(kind, lang, template.subject, template.body) == template


def _without(kind, lang, *snippets):
    body = default_template(kind, lang).body
    for snippet in snippets:
        assert snippet in body, snippet
        body = body.replace(snippet, "")
    return body


def template_codes(kind, lang, body, subject="Onderwerp {{ id }}"):
    with pytest.raises(ValidationError) as err:
        validate_template(kind, lang, subject, body)
    return err.value


def test_a_refusal_without_the_complaint_route_is_refused():
    body = _without("decision", "nl", "{{ ap.statement }}")
    err = template_codes("decision", "nl", body)
    assert err.codes() == {"template": ["missing_complaint_route"]}
    assert "Autoriteit Persoonsgegevens" in err.message("nl")
    assert "gedeeltelijk toegewezen" in err.message("nl")        # the first case missing
    assert "Autoriteit Persoonsgegevens" in err.message("en")


def test_an_extension_notice_without_the_new_date_is_refused():
    body = _without("extension_notice", "en", "{{ new_due }}")
    err = template_codes("extension_notice", "en", body)
    assert err.codes() == {"template": ["missing_new_due"]}
    assert "new due date" in err.message("en") and "nieuwe uiterste datum" in err.message()


def test_an_acknowledgement_must_name_id_received_and_due():
    err = template_codes("acknowledgement", "nl", "Beste {{ name }}, dank u.\n")
    assert err.codes() == {"template": ["missing_id", "missing_received", "missing_due"]}


def test_every_case_is_checked_not_only_the_first():
    # the court is mentioned for a refusal but not for a partial refusal
    body = default_template("decision", "en").body.replace(
        "You may also go to court (Article 79 GDPR).",
        "{% if outcome == 'refused' %}You may also go to court.{% endif %}")
    err = template_codes("decision", "en", body)
    assert err.codes() == {"template": ["missing_court"]}
    assert "partly granted" in err.message("en")
    # and per request type: erasure without Art. 19
    body = default_template("decision", "nl").body.replace("ontvangers", "partijen")
    assert template_codes("decision", "nl", body).codes() == {"template": [
        "missing_recipients"]}


@pytest.mark.parametrize("body, code", [
    ("{% if %}\n", "template_syntax"),
    ("{{ id }} {{ received }} {{ due }} {{ nonexistent }}\n", "template_error"),
    ("{{ id }} {{ received }} {{ due }} {{ ''.__class__.__mro__[1].__subclasses__() }}\n",
     "template_error"),
    ("{{ id }} {{ received }} {{ due }} {{ org.update({'name': 'x'}) }}\n", "template_error"),
    ("{{ id }} {{ received }} {{ due }}" + "x" * 30_000, "template_too_long"),
])
def test_broken_or_escaping_templates_are_refused_with_a_message(body, code):
    err = template_codes("acknowledgement", "nl", body)
    assert err.codes() == {"template": [code]}
    assert err.message("nl") and err.message("en")


def test_an_empty_subject_is_refused():
    body = default_template("acknowledgement", "nl").body
    assert template_codes("acknowledgement", "nl", body, subject=" ").codes() == {
        "template": ["empty_subject"]}
    assert template_codes("acknowledgement", "nl", body,
                          subject="{% if false %}x{% endif %}").codes() == {
        "template": ["empty_subject"]}


def test_an_edited_template_is_used_as_written():
    body = ("Hallo {{ name }},\n\nNummer {{ id }}, ontvangen {{ received }}, antwoord "
            "uiterlijk {{ due }}.\n\nGroet,\nTeam Privacy\n")
    template = validate_template("acknowledgement", "nl", "Ontvangen: {{ id }}", body)
    letter = draft_letter(request(), "acknowledgement", template=template)
    assert letter.subject == "Ontvangen: VZ-2026-0007"
    assert letter.body == ("Hallo Jan Jansen,\n\nNummer VZ-2026-0007, ontvangen "
                           "31 januari 2026, antwoord uiterlijk 2 maart 2026.\n\nGroet,\n"
                           "Team Privacy\n")


def test_the_editor_preview_drafts_on_a_sample_or_names_what_is_missing():
    from privacy_kb.letters import TEMPLATE_VARIABLES, preview_template
    from privacy_kb.letters.drafting import context_for

    t = default_template("decision", "en")
    letter = preview_template("decision", "en", t.subject, t.body)
    assert "refused" in letter.subject and "Ground:" in letter.body
    granted = preview_template("decision", "en", t.subject, t.body,
                               case={"request_type": "erasure", "outcome": "granted"})
    assert "Article 19" in granted.body
    with pytest.raises(ValidationError) as err:
        preview_template("decision", "en", t.subject, t.body.replace("{{ reasons }}", ""))
    assert err.value.codes() == {"template": ["missing_reasons"]}
    # every variable a template sees is documented for the editor
    documented = {name.strip() for key in TEMPLATE_VARIABLES for name in key.split(",")}
    seen = set(context_for(request(), "decision", "nl")) - {"kind", "lang"}
    assert {n for n in documented if "." not in n} == seen - {"org", "ap"}


def test_the_preview_fills_in_the_sample_chosen_and_names_where_a_template_fails():
    from privacy_kb.letters import preview_sample
    from privacy_kb.letters.templates import sample_cases

    t = default_template("decision", "en")
    cases = {(c["request_type"], c["outcome"]): c for c in sample_cases("decision")
             if not c["direct_marketing"]}
    refused = preview_sample("decision", "en", t.subject, t.body, cases["access", "refused"])
    granted = preview_sample("decision", "en", t.subject, t.body, cases["erasure", "granted"])
    assert refused.saveable and granted.saveable
    assert "refused" in refused.letter.subject and "Article 19" not in refused.letter.body
    assert "granted" in granted.letter.subject and "Article 19" in granted.letter.body
    # the recipients sentence dropped: wrong for rectification, erasure, restriction only
    sentence = t.body.split("We have informed the recipients", 1)[1].split("\n", 1)[0]
    body = t.body.replace("We have informed the recipients" + sentence,
                          "We have told everyone involved.")
    assert body != t.body
    fine_here = preview_sample("decision", "en", t.subject, body, cases["access", "refused"])
    assert fine_here.here == [] and fine_here.letter is not None
    assert [p.code for p in fine_here.elsewhere] == ["missing_recipients"]
    assert 'for a decision "granted" on a' in fine_here.elsewhere[0].en
    wrong_here = preview_sample("decision", "en", t.subject, body,
                                cases["restriction", "partly"])
    assert [p.code for p in wrong_here.here] == ["missing_recipients"]
    assert "restriction" in wrong_here.here[0].en and "partly" in wrong_here.here[0].en
    assert wrong_here.letter is not None and not wrong_here.saveable
