"""Staff's letter templates in the register's database, with their history.

Two tables, defined on the register's metadata by :func:`define_tables` (portable
SQLAlchemy Core, SQLite and PostgreSQL):

* ``letter_templates``: the template in force per kind and language when staff changed
  the default (no row: the default applies);
* ``letter_template_history``: every change, who and when, old -> new (NULL on either
  side means "the default").

The functions take a connection inside the caller's write transaction (the register's
``atomic()``), so a change and its history row are written together or not at all.
Templates are validated (:func:`privacy_kb.letters.templates.validate_template`) before
the transaction opens.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import sqlalchemy as sa

from privacy_kb.letters.templates import KINDS, LANGS, Template, default_template

__all__ = ["define_tables", "load_template", "store_template", "restore_default",
           "history_rows"]


def _in(column: str, values) -> str:
    return f"{column} IN ({', '.join(repr(v) for v in values)})"


def define_tables(metadata: sa.MetaData, datetime_type: Any) -> tuple[sa.Table, sa.Table]:
    """The two tables on ``metadata``; ``datetime_type`` is the register's aware
    UTC type for moments."""
    templates = sa.Table(
        "letter_templates", metadata,
        sa.Column("kind", sa.String(20), primary_key=True),
        sa.Column("lang", sa.String(2), primary_key=True),
        sa.Column("subject", sa.Text, nullable=False),
        sa.Column("body", sa.Text, nullable=False),
        sa.Column("updated_by", sa.String(100), nullable=False),
        sa.Column("updated_at", datetime_type, nullable=False),
        sa.CheckConstraint(_in("kind", KINDS), name="ck_letter_templates_kind"),
        sa.CheckConstraint(_in("lang", LANGS), name="ck_letter_templates_lang"),
    )
    history = sa.Table(
        "letter_template_history", metadata,
        sa.Column("seq", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("kind", sa.String(20), nullable=False),
        sa.Column("lang", sa.String(2), nullable=False),
        sa.Column("at", datetime_type, nullable=False),
        sa.Column("actor", sa.String(100), nullable=False),
        sa.Column("action", sa.String(10), nullable=False),
        sa.Column("old_subject", sa.Text),
        sa.Column("old_body", sa.Text),
        sa.Column("new_subject", sa.Text),
        sa.Column("new_body", sa.Text),
        sa.CheckConstraint("action IN ('edit', 'restore')",
                           name="ck_letter_template_history_action"),
        sa.Index("ix_letter_template_history", "kind", "lang", "seq"),
    )
    return templates, history


def load_template(conn: sa.Connection, table: sa.Table, kind: str, lang: str
                  ) -> tuple[Template, bool]:
    """(template in force, whether it is the default)."""
    row = conn.execute(sa.select(table.c.subject, table.c.body)
                       .where(table.c.kind == kind, table.c.lang == lang)).first()
    if row is None:
        return default_template(kind, lang), True
    return Template(kind, lang, row.subject, row.body), False


def store_template(conn: sa.Connection, tables: tuple[sa.Table, sa.Table],
                   template: Template, *, by: str, now: dt.datetime) -> bool:
    """Put a validated ``template`` in force; one history row. False (nothing
    written) when it is what is in force already."""
    table, history = tables
    current, is_default = load_template(conn, table, template.kind, template.lang)
    if (current.subject, current.body) == (template.subject, template.body):
        return False
    values = {"subject": template.subject, "body": template.body, "updated_by": by,
              "updated_at": now}
    if is_default:
        conn.execute(sa.insert(table).values(kind=template.kind, lang=template.lang,
                                             **values))
    else:
        conn.execute(sa.update(table).where(table.c.kind == template.kind,
                                            table.c.lang == template.lang).values(**values))
    conn.execute(sa.insert(history).values(
        kind=template.kind, lang=template.lang, at=now, actor=by, action="edit",
        old_subject=None if is_default else current.subject,
        old_body=None if is_default else current.body,
        new_subject=template.subject, new_body=template.body))
    return True


def restore_default(conn: sa.Connection, tables: tuple[sa.Table, sa.Table], kind: str,
                    lang: str, *, by: str, now: dt.datetime) -> bool:
    """Put the default back in force; one history row. False when it already is."""
    table, history = tables
    current, is_default = load_template(conn, table, kind, lang)
    if is_default:
        return False
    conn.execute(sa.delete(table).where(table.c.kind == kind, table.c.lang == lang))
    conn.execute(sa.insert(history).values(
        kind=kind, lang=lang, at=now, actor=by, action="restore",
        old_subject=current.subject, old_body=current.body,
        new_subject=None, new_body=None))
    return True


def history_rows(conn: sa.Connection, history: sa.Table, kind: str | None = None,
                 lang: str | None = None) -> list[dict[str, Any]]:
    """The history, oldest first: ``kind, lang, at, by, action, old_subject, old_body,
    new_subject, new_body`` (None = the default)."""
    stmt = sa.select(history).order_by(history.c.seq)
    if kind is not None:
        stmt = stmt.where(history.c.kind == kind)
    if lang is not None:
        stmt = stmt.where(history.c.lang == lang)
    out = []
    for row in conn.execute(stmt).mappings():
        item = dict(row)
        item.pop("seq", None)
        item["by"] = item.pop("actor")
        out.append(item)
    return out
