"""Letter templates stored with their history (issue 11): the storage functions on a
plain SQLite database; the register runs the same functions on both engines."""

from __future__ import annotations

import datetime as dt

import sqlalchemy as sa

from privacy_kb.letters import default_template, validate_template
from privacy_kb.letters.storage import (define_tables, history_rows, load_template,
                                        restore_default, store_template)
from privacy_kb.register.schema import UTCDateTime

NOW = dt.datetime(2026, 3, 10, 9, 30, tzinfo=dt.timezone.utc)


def setup():
    meta = sa.MetaData()
    tables = define_tables(meta, UTCDateTime)
    engine = sa.create_engine("sqlite://")
    meta.create_all(engine)
    return engine, tables


def edited(text="Groet,\nHet privacyteam\n"):
    base = default_template("acknowledgement", "nl")
    return validate_template("acknowledgement", "nl", base.subject,
                             base.body.replace("Met vriendelijke groet,\n", text))


def test_edit_restore_and_history_old_to_new():
    engine, tables = setup()
    mine = edited()
    with engine.begin() as conn:
        assert load_template(conn, tables[0], "acknowledgement", "nl") == (
            default_template("acknowledgement", "nl"), True)
        assert store_template(conn, tables, mine, by="Anna", now=NOW)
        assert not store_template(conn, tables, mine, by="Anna", now=NOW)  # no change
        assert load_template(conn, tables[0], "acknowledgement", "nl") == (mine, False)
        second = edited("Hartelijke groet,\n")
        assert store_template(conn, tables, second, by="Bram",
                              now=NOW + dt.timedelta(hours=1))
        assert restore_default(conn, tables, "acknowledgement", "nl", by="Anna",
                               now=NOW + dt.timedelta(hours=2))
        assert not restore_default(conn, tables, "acknowledgement", "nl", by="Anna",
                                   now=NOW)
        assert load_template(conn, tables[0], "acknowledgement", "nl")[1] is True
        rows = history_rows(conn, tables[1], "acknowledgement", "nl")
    assert [(r["by"], r["action"]) for r in rows] == [("Anna", "edit"), ("Bram", "edit"),
                                                      ("Anna", "restore")]
    assert rows[0]["old_body"] is None and rows[0]["new_body"] == mine.body
    assert rows[1]["old_body"] == mine.body and rows[1]["new_body"] == second.body
    assert rows[2]["old_body"] == second.body and rows[2]["new_body"] is None
    assert rows[0]["at"] == NOW
    with engine.begin() as conn:
        assert history_rows(conn, tables[1], "decision") == []


def test_the_tables_refuse_an_unknown_kind_or_language():
    engine, (table, _) = setup()
    for kind, lang in (("invoice", "nl"), ("decision", "de")):
        try:
            with engine.begin() as conn:
                conn.execute(sa.insert(table).values(kind=kind, lang=lang, subject="s",
                                                     body="b", updated_by="x",
                                                     updated_at=NOW))
        except sa.exc.IntegrityError:
            continue
        raise AssertionError(f"{kind}/{lang} was stored")
