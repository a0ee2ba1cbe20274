"""Input the audit of issue 12 found slipping through: invisible-only text, BSNs in
other spellings and fields, phone extensions, local times that do not exist, and the
do-not-mail list missing the same address in another form."""

import pytest

from privacy_kb.errors import ValidationError
from privacy_kb.register.validation import is_blank, looks_like_bsn

from .conftest import new_request

INVISIBLE = ["\u200b", "\u200b\u200c\u200d", "\u200e\u200f", "\u202e", "\u2066\u2069",
             "\U000e0041\U000e0042\U000e007f", "\ufeff", "\u00ad", "\u3164", " \u2060 "]


@pytest.mark.parametrize("text", INVISIBLE, ids=lambda t: ascii(t))
def test_invisible_only_text_is_blank_in_required_fields(register, text):
    assert is_blank(text)
    with pytest.raises(ValidationError) as info:
        new_request(register, name=text)
    assert info.value.codes() == {"name": ["required"]}
    req = new_request(register)
    with pytest.raises(ValidationError) as info:
        register.extend(req.id, reason="complexity", justification=text)
    assert info.value.codes() == {"justification": ["required"]}


def test_visible_text_with_invisible_characters_is_not_blank():
    assert not is_blank("\u200bJan")
    assert not is_blank("名")


BSN_SPELLINGS = ["bsn 111-222-333", "BSN 111222333", "111 222 333", "1112.22.333",
                 "111\u2013222\u2013333", "\uff11\uff11\uff11\uff12\uff12\uff12\uff13\uff13"
                 "\uff13", "burgerservicenummer: 111.222.333"]


@pytest.mark.parametrize("spelling", BSN_SPELLINGS)
def test_every_bsn_spelling_is_recognised(spelling):
    assert looks_like_bsn(f"Mijn gegevens: {spelling}, graag verwijderen.")


def test_numbers_that_are_not_a_bsn_pass():
    for text in ("klantnummer 123456789", "bel 06-1234 5678", "bel +31 6 12345678",
                 "factuur 2026-000123", "datum 20261124", "IBAN NL91ABNA0417164300"):
        assert not looks_like_bsn(text), text


def test_a_bsn_is_refused_in_every_free_text_field(register):
    bsn = "bsn 111-222-333"
    with pytest.raises(ValidationError) as info:
        new_request(register, name=f"Jan {bsn}", description=f"Zie {bsn}",
                    organisation=bsn, on_behalf_of=bsn, handler=bsn)
    assert set(info.value.fields) == {"name", "description", "organisation",
                                      "on_behalf_of", "handler"}
    assert all(codes == ["bsn_not_allowed"] for codes in info.value.codes().values())
    req = new_request(register)
    refused = [
        lambda: register.update(req.id, description=bsn),
        lambda: register.set_status(req.id, "in_progress", note=bsn),
        lambda: register.request_info(req.id, note=bsn),
        lambda: register.receive_info(req.id, note=bsn),
        lambda: register.record_identity(req.id, verified=True, method="id_shown",
                                         note=bsn),
        lambda: register.extend(req.id, reason="complexity", justification=bsn),
        lambda: register.decide(req.id, outcome="refused", ground=bsn, reasons=bsn,
                                told_about_complaint=True),
    ]
    for call in refused:
        with pytest.raises(ValidationError) as info:
            call()
        assert {c for codes in info.value.codes().values() for c in codes} == \
            {"bsn_not_allowed"}
    assert len(register.audit_rows(req.id)) == 1   # nothing was written


def test_a_phone_extension_is_kept(register):
    req = new_request(register, email=None, phone="+31 50 535 0143 ext. 12")
    assert req.phone == "+31505350143;ext=12"
    assert register.get(req.id).phone == "+31505350143;ext=12"
    other = new_request(register, email=None, phone="050 535 0143")
    assert other.phone == "+31505350143"


def test_an_unreadable_extension_is_refused_not_dropped(register):
    with pytest.raises(ValidationError) as info:
        new_request(register, email=None, phone="050 535 0143 toestel 12")
    assert info.value.codes() == {"phone": ["invalid_phone"]}


def test_a_local_time_that_does_not_exist_is_refused(register):
    with pytest.raises(ValidationError) as info:
        new_request(register, received="2026-03-29T02:30")   # clocks went 02:00 -> 03:00
    assert info.value.codes() == {"received": ["nonexistent_time"]}
    assert "bestaat niet" in info.value.message("nl")
    assert new_request(register, received="2026-03-29T03:30").received_at.hour == 3
    fall = new_request(register, received="2026-10-25T02:30")  # exists twice: the first
    assert fall.received_at.utcoffset().total_seconds() == 7200


@pytest.mark.parametrize("stored, asked", [
    ("jan@bücher.example", "JAN@xn--bcher-kva.example"),
    ("jan@xn--bcher-kva.example", "jan@BÜCHER.example"),
    ("ｊａｎ@example.nl", "jan@example.nl"),
    ("jan@example.nl", "ｊａｎ＠ｅｘａｍｐｌｅ．ｎｌ"),
    ("jose\u0301@example.nl", "jos\u00e9@example.nl"),
    ("jos\u00e9@example.nl", "JOSE\u0301@EXAMPLE.NL"),
    ("+31 50 535 0143 ext. 12", "050-5350143 ext 12"),
])
def test_do_not_mail_lookup_normalises_as_add_does(register, stored, asked):
    contact = {"phone": stored, "email": None} if "@" not in stored else {"email": stored}
    req = new_request(register, request_type="objection", direct_marketing=True, **contact)
    register.decide(req.id, outcome="granted")
    assert register.suppressed(asked)
    assert not register.suppressed("piet@example.nl")
