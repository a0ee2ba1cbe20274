"""The register's schema as older releases wrote it, for upgrade tests."""

import sqlalchemy as sa

from privacy_kb.register import schema

#: Columns that schema version 1 did not have: the audit seal (version 2) and the
#: requester's language and decision-letter date (version 3).
NEWER_COLUMNS = {"audit": ("state", "chain"), "requests": ("lang", "decision_sent_on")}
NEWER_CHECKS = ("ck_requests_lang",)


def version_1_metadata() -> sa.MetaData:
    """The register's tables as schema version 1 had them."""
    old = sa.MetaData()
    for table in schema.metadata.sorted_tables:
        if table.name.startswith("letter_"):
            continue
        skip = NEWER_COLUMNS.get(table.name, ())
        columns = [c._copy() for c in table.columns if c.name not in skip]
        checks = [sa.CheckConstraint(str(k.sqltext), name=k.name)
                  for k in table.constraints
                  if isinstance(k, sa.CheckConstraint) and k.name not in NEWER_CHECKS]
        sa.Table(table.name, old, *columns, *checks)
    return old


def rewrite_as_version_1(url, applied_at) -> None:
    """Rebuild the register at ``url`` as schema version 1 would have stored the same
    requests and audit rows (newer columns dropped, version row 1)."""
    engine = sa.create_engine(url)
    try:
        with engine.begin() as conn:
            kept = {name: [dict(r) for r in conn.execute(sa.select(schema.metadata.tables[name]))
                           .mappings()]
                    for name in ("requests", "audit")}
            schema.metadata.drop_all(conn)
            old = version_1_metadata()
            old.create_all(conn)
            conn.execute(old.tables["schema_version"].insert(),
                         {"version": 1, "applied_at": applied_at})
            for name, rows in kept.items():
                skip = NEWER_COLUMNS[name]
                if rows:
                    conn.execute(old.tables[name].insert(),
                                 [{k: v for k, v in r.items() if k not in skip} for r in rows])
    finally:
        engine.dispose()
