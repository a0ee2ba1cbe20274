"""Letters on the register (issue 11), on both engines: the requester's language,
drafting from a stored request, sent is a fact someone records (audited), the
extension no longer assumes a notice, flags for late letters, templates with their
history and "restore default", and the upgrade of a register made before letters."""

from __future__ import annotations

import datetime as dt

import pytest
import sqlalchemy as sa

from privacy_kb import open_register
from privacy_kb.errors import ConflictError, ValidationError
from privacy_kb.letters import default_template
from privacy_kb.register import schema

from .conftest import new_request
from .old_schema import version_1_metadata

D = dt.date


def codes(fn, *args, **kwargs):
    with pytest.raises(ValidationError) as err:
        fn(*args, **kwargs)
    return err.value.codes()


def test_the_requesters_language_is_recorded_and_used(register, add):
    nl = add(register)
    en = add(register, lang="en", name="Emily Clarke", email="emily@example.co.uk")
    assert (nl.lang, en.lang) == ("nl", "en")
    assert register.get(en.id).lang == "en"
    assert register.frame().set_index("id").loc[en.id, "lang"] == "en"
    assert codes(add, register, lang="de") == {"lang": ["unknown_value"]}
    letter = register.letter(en.id, "acknowledgement")
    assert letter.lang == "en" and letter.to == "emily@example.co.uk"
    assert "2 December 2026" in letter.body                   # received 2 Nov -> due 2 Dec
    assert register.letter(en.id, "acknowledgement", lang="nl").body.startswith(
        "Beste Emily Clarke,")
    changed = register.update(nl.id, lang="en")
    assert changed.lang == "en"


def test_a_letter_must_fit_the_requests_state(register, add):
    req = add(register)
    assert codes(register.letter, req.id, "extension_notice") == {"kind": ["not_extended"]}
    assert codes(register.letter, req.id, "decision") == {"kind": ["no_decision"]}
    register.decide(req.id, outcome="refused", ground="Art. 12(5) AVG",
                    reasons="Kennelijk ongegrond.", told_about_complaint=True)
    refusal = register.letter(req.id, "decision")
    assert "Autoriteit Persoonsgegevens" in refusal.body and "rechter" in refusal.body
    info = register.letter(req.id, "info_request", purpose="clarification",
                           details="Welk account bedoelt u?")
    assert "Welk account bedoelt u?" in info.body


def test_extend_no_longer_assumes_the_requester_was_told(register, add):
    req = add(register, received="2026-11-02")              # one month: 2 Dec 2026
    done = register.extend(req.id, reason="complexity", justification="Vijf systemen.",
                           today="2026-11-20")
    assert done.extended and done.extension_told_on is None
    history = register.audit_rows(req.id)
    assert "extension_told_on" not in history[-1]["changes"]
    assert [f.code for f in register.letter_flags(req.id, today="2026-11-24")] == [
        "acknowledgement_late", "extension_notice_not_sent"]
    notice = register.letter(req.id, "extension_notice")
    assert "2 februari 2027" in notice.body and "Vijf systemen." in notice.body
    sent = register.mark_sent(req.id, "extension_notice", on="2026-11-24", by="Bram",
                              version=done.version)
    assert sent.extension_told_on == D(2026, 11, 24) and sent.version == done.version + 1
    row = register.audit_rows(req.id)[-1]
    assert row["by"] == "Bram" and row["changes"] == {"extension_told_on": [None,
                                                                            "2026-11-24"]}
    assert "Verlengingsbericht verstuurd" in row["note"]
    assert [f.code for f in register.letter_flags(req.id, today="2026-11-24")] == [
        "acknowledgement_late"]
    # told_on still records a notice that went out before the extension was entered
    other = add(register, received="2026-11-02")
    told = register.extend(other.id, reason="complexity", justification="x",
                           today="2026-11-20", told_on="2026-11-19")
    assert told.extension_told_on == D(2026, 11, 19)


def test_mark_sent_records_facts_and_refuses_what_does_not_fit(register, add):
    req = add(register, received="2026-11-17")              # Tue; ack by Fri 20 Nov
    assert [f.code for f in register.letter_flags(req.id, today="2026-11-20")] == []
    assert [f.code for f in register.letter_flags(req.id, today="2026-11-23")] == [
        "acknowledgement_late"]
    done = register.mark_sent(req.id, "acknowledgement", on="2026-11-19")
    assert done.acknowledged_on == D(2026, 11, 19)
    assert register.letter_flags(req.id, today="2026-11-24") == []
    assert register.letters_sent(req.id) == {"acknowledgement": D(2026, 11, 19),
                                             "info_request": None,
                                             "extension_notice": None, "decision": None}
    assert codes(register.mark_sent, req.id, "extension_notice") == {
        "kind": ["not_extended"]}
    assert codes(register.mark_sent, req.id, "decision") == {"kind": ["no_decision"]}
    assert codes(register.mark_sent, req.id, "postcard") == {"kind": ["unknown_value"]}
    assert codes(register.mark_sent, req.id, "acknowledgement", on="2026-11-25") == {
        "on": ["in_future"]}
    assert codes(register.mark_sent, req.id, "acknowledgement", on="2026-11-16") == {
        "on": ["before_received"]}
    with pytest.raises(ConflictError):
        register.mark_sent(req.id, "info_request", version=done.version - 1)
    assert register.get(req.id).info_requested_on is None     # nothing written
    register.decide(req.id, outcome="granted")
    decided = register.mark_sent(req.id, "decision")
    assert decided.decision_sent_on == D(2026, 11, 24)
    assert register.audit_rows(req.id)[-1]["changes"] == {"decision_sent_on": [
        None, "2026-11-24"]}


def test_flags_for_the_whole_register_in_one_go(register, add):
    late = add(register, received="2026-11-02")
    fine = add(register, received="2026-11-23")
    extended = add(register, received="2026-11-02")
    register.mark_sent(extended.id, "acknowledgement", on="2026-11-03")
    register.extend(extended.id, reason="number_of_requests", justification="Piek.",
                    today="2026-11-20")
    flags = register.letter_flags_all(today="2026-11-24")
    assert {rid: [f.code for f in fl] for rid, fl in flags.items()} == {
        late.id: ["acknowledgement_late"],
        extended.id: ["extension_notice_not_sent"]}
    assert fine.id not in flags
    assert flags[late.id] == register.letter_flags(late.id, today="2026-11-24")


ACK_EDITED = ("Ontvangen: {{ id }}",
              "Beste {{ name }},\n\nUw verzoek {{ id }} is op {{ received }} binnengekomen. "
              "U hoort uiterlijk {{ due }} van ons.\n\nHet privacyteam\n")


def test_templates_are_stored_with_history_and_restored(register, add, clock):
    req = add(register)
    assert register.template("acknowledgement", "nl") == (
        default_template("acknowledgement", "nl"), True)
    broken = default_template("acknowledgement", "nl").body.replace("{{ due }}", "snel")
    assert codes(register.save_template, "acknowledgement", "nl", "Onderwerp {{ id }}",
                 broken) == {"template": ["missing_due"]}
    assert register.template_history() == []                    # nothing written
    assert register.save_template("acknowledgement", "nl", *ACK_EDITED, by="Bram")
    assert not register.save_template("acknowledgement", "nl", *ACK_EDITED, by="Bram")
    letter = register.letter(req.id, "acknowledgement")
    assert letter.subject == f"Ontvangen: {req.id}"
    assert "U hoort uiterlijk 2 december 2026 van ons." in letter.body
    assert register.letter(req.id, "acknowledgement", lang="en").body.startswith("Dear")
    clock.advance(hours=1)
    assert register.restore_template("acknowledgement", "nl", by="Anna")
    assert not register.restore_template("acknowledgement", "nl", by="Anna")
    assert register.template("acknowledgement", "nl")[1] is True
    history = register.template_history("acknowledgement", "nl")
    assert [(h["by"], h["action"]) for h in history] == [("Bram", "edit"),
                                                         ("Anna", "restore")]
    assert history[0]["old_body"] is None and history[0]["new_body"] == ACK_EDITED[1]
    assert history[1]["old_subject"] == ACK_EDITED[0] and history[1]["new_body"] is None
    assert history[1]["at"] - history[0]["at"] == dt.timedelta(hours=1)
    assert codes(register.template, "invoice", "nl") == {"kind": ["unknown_kind"]}


def test_a_register_from_before_letters_is_upgraded(backend_url, clock):
    with open_register(backend_url, clock=clock, by="Anna") as reg:
        made = new_request(reg)
        url = reg.engine.url
        with reg.engine.connect() as conn:
            row = conn.execute(sa.select(schema.requests)).mappings().one()
    engine = sa.create_engine(url)
    with engine.begin() as conn:                      # rebuild it as version 1 had it
        schema.metadata.drop_all(conn)
        old = version_1_metadata()
        old.create_all(conn)
        conn.execute(old.tables["schema_version"].insert(),
                     {"version": 1, "applied_at": clock.now})
        conn.execute(old.tables["requests"].insert(),
                     {k: v for k, v in row.items() if k not in ("lang", "decision_sent_on")})
    engine.dispose()
    with open_register(backend_url, clock=clock, by="Anna") as reg:
        assert reg.schema_version() == schema.SCHEMA_VERSION
        upgraded = reg.get(made.id)
        assert upgraded.lang == "nl" and upgraded.decision_sent_on is None
        assert reg.save_template("acknowledgement", "en", *ACK_EDITED)
        assert reg.letter(made.id, "acknowledgement", lang="en").subject == \
            f"Ontvangen: {made.id}"
        assert codes(new_request, reg, lang="fr") == {"lang": ["unknown_value"]}


def test_the_command_line_drafts_saves_and_marks_sent(tmp_path, capsys, clock):
    import email
    import email.policy

    from privacy_kb.register.cli import main

    db = tmp_path / "cli.sqlite3"
    with open_register(db, by="Anna") as reg:
        req = new_request(reg, lang="en", received=dt.date.today() - dt.timedelta(days=1))
    assert main(["letter", req.id, "acknowledgement", "--db", str(db)]) == 0
    out = capsys.readouterr().out
    assert out.startswith("To: jan@example.nl\nSubject: Acknowledgement") and "Dear" in out
    eml = tmp_path / "ack.eml"
    assert main(["letter", req.id, "acknowledgement", "--db", str(db), "--lang", "nl",
                 "--eml", str(eml)]) == 0
    parsed = email.message_from_bytes(eml.read_bytes(), policy=email.policy.default)
    assert parsed["To"].addresses[0].addr_spec == "jan@example.nl"
    assert parsed.get_content().startswith("Beste Jan Jansen,")
    assert main(["letter", req.id, "acknowledgement", "--db", str(db), "--eml",
                 str(eml)]) == 1
    assert "exists already" in capsys.readouterr().err
    assert main(["letter", req.id, "decision", "--db", str(db)]) == 1
    assert "besluit" in capsys.readouterr().err.lower()
    assert main(["mark-sent", req.id, "acknowledgement", "--db", str(db),
                 "--by", "Bram"]) == 0
    assert "marked sent" in capsys.readouterr().out
    with open_register(db) as reg:
        assert reg.get(req.id).acknowledged_on == dt.date.today()
        assert reg.audit_rows(req.id)[-1]["by"] == "Bram"
