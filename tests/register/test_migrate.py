"""``migrate``: a whole register copied into an empty store, verified, all or nothing.

SQLite → SQLite always; SQLite → PostgreSQL and PostgreSQL → SQLite when
``PRIVACY_DESK_TEST_PG`` names a server (each test gets its own, newly created
database there, dropped afterwards).
"""

import os
import uuid

import pandas as pd
import pytest
import sqlalchemy as sa

from privacy_kb import open_register
from privacy_kb.errors import StoreError
from privacy_kb.register import migrate as migrate_module
from privacy_kb.register.cli import main
from privacy_kb.register.demo import fill_demo
from privacy_kb.letters import KINDS, LANGS, default_template
from privacy_kb.register.migrate import MigrationError, migrate

from .conftest import NOW, PG_ENV, Clock, new_request


@pytest.fixture
def new_pg_database():
    """Factory: the URL of a new, empty PostgreSQL database (dropped at the end)."""
    server = os.environ.get(PG_ENV)
    if not server:
        pytest.skip(f"{PG_ENV} is not set")
    admin = sa.create_engine(server, isolation_level="AUTOCOMMIT")
    made = []

    def make():
        name = f"pd_migrate_{uuid.uuid4().hex[:12]}"
        with admin.connect() as conn:
            conn.exec_driver_sql(f'CREATE DATABASE "{name}"')
        made.append(name)
        return sa.make_url(server).set(database=name).render_as_string(
            hide_password=False)

    yield make
    with admin.connect() as conn:
        for name in made:
            conn.exec_driver_sql(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    admin.dispose()


@pytest.fixture
def store(tmp_path, request):
    """Factory: an empty store of the kind asked for ("sqlite" or "postgresql")."""
    counter = iter(range(100))

    def make(kind):
        if kind == "sqlite":
            return str(tmp_path / f"store-{next(counter)}.sqlite3")
        return request.getfixturevalue("new_pg_database")()

    return make


def fill_awkward(url, clock):
    """A register with everything a migration must carry: awkward names, every stage
    of the lifecycle, an extension, refusals, a withdrawal, a granted objection to
    direct marketing (suppression list), anonymised and deleted requests (purge log)
    and requests in two years (two id counters)."""
    reg = open_register(url, clock=clock, by="Anna")
    fill_demo(reg, 120, seed=7, today=NOW.date(), awkward=True)
    extended = new_request(reg, name="=HYPERLINK(\"http://x\")", received="2026-11-20",
                           phone="0612345678", organisation="O'Brien & \"Zn\" <b>")
    reg.extend(extended.id, reason="complexity", justification="Veel systemen;\nzie memo.",
               today="2026-11-24")
    # letters (issue 11): a sent-mark, a requester in English, templates with history
    reg.mark_sent(extended.id, "extension_notice", on="2026-11-24")
    new_request(reg, lang="en", name="Émily \"O'Neill\"")
    ack = default_template("acknowledgement", "en")
    reg.save_template("acknowledgement", "en", ack.subject + " — {{ name }}", ack.body,
                      by="Bram")
    refusal = default_template("decision", "nl")
    reg.save_template("decision", "nl", refusal.subject,
                      refusal.body.replace("Met vriendelijke groet,", "Hoogachtend,"))
    reg.restore_template("decision", "nl", by="Anna")
    refused = new_request(reg, request_type="erasure", name="名前 テスト",
                          description="regel 1\nregel 2\ttab")
    reg.decide(refused.id, outcome="refused", ground="Art. 17(3)(b) AVG",
               reasons="Wettelijke bewaarplicht.", told_about_complaint=True)
    reg.set_status(refused.id, "answered", note="brief verstuurd")
    withdrawn = new_request(reg, name="Ædel Øster")
    reg.set_status(withdrawn.id, "withdrawn", note="ingetrokken per mail")
    objection = new_request(reg, request_type="objection", direct_marketing=True,
                            email="Bezwaar@Example.NL", phone="0687654321")
    reg.decide(objection.id, outcome="granted")
    reg.set_retention(365, "Een jaar, voor klachten bij de AP.", mode="anonymise",
                      by="Functionaris")
    assert reg.purge(today=NOW.date()).count > 0
    reg.set_retention(300, "Korter, en dan weg.", mode="delete", by="Functionaris")
    assert reg.purge(today=NOW.date()).count > 0
    reg.close()


def snapshot(reg):
    """Everything observable about a register, for comparison."""
    return {"frame": reg.frame(),
            "history": {rid: reg.history(rid) for rid in reg.ids()},
            "suppression": reg.suppression_list(), "retention": reg.retention,
            "purges": reg.purge_log(), "len": len(reg),
            "templates": {(k, lang): reg.template(k, lang) for k in KINDS for lang in LANGS},
            "template_history": reg.template_history()}


def assert_same(a, b):
    pd.testing.assert_frame_equal(a["frame"], b["frame"])
    assert a["history"].keys() == b["history"].keys()
    for rid, hist in a["history"].items():
        pd.testing.assert_frame_equal(hist, b["history"][rid], obj=rid)
    for key in ("suppression", "retention", "purges", "len", "templates",
                "template_history"):
        assert a[key] == b[key], key


PAIRS = [("sqlite", "sqlite"),
         pytest.param("sqlite", "postgresql", marks=pytest.mark.postgres),
         pytest.param("postgresql", "sqlite", marks=pytest.mark.postgres)]


@pytest.mark.parametrize("src_kind, dst_kind", PAIRS)
def test_round_trip_is_exact(store, src_kind, dst_kind):
    clock = Clock()
    src, dst = store(src_kind), store(dst_kind)
    fill_awkward(src, clock)
    with open_register(src, clock=clock) as reg:
        before = snapshot(reg)
        with reg.engine.connect() as conn:
            counters = conn.execute(sa.text(
                "SELECT year, last FROM request_counter ORDER BY year")).all()
    assert before["len"] > 60 and before["suppression"] and len(before["purges"]) == 2
    assert any(before["frame"]["anonymised"]) and any(before["frame"]["extended"])
    assert len(counters) >= 2
    assert len(before["template_history"]) == 3
    assert before["templates"][("acknowledgement", "en")][1] is False
    assert (before["frame"]["lang"] == "en").sum() == 1
    assert before["frame"]["extension_told_on"].notna().sum() >= 1

    report = migrate(src, dst)

    assert report.requests == before["len"]
    assert report.source_counts == report.destination_counts
    assert report.audit_rows == sum(len(h) for h in before["history"].values())
    assert report.suppression == len(before["suppression"])
    assert report.requests_compared == before["len"]
    with open_register(dst, clock=clock, by="Bram") as reg:
        assert_same(before, snapshot(reg))
        # numbering goes on where the source stopped: ids and audit sequence
        last_seq = max(int(h["seq"].max()) for h in before["history"].values())
        for year, last in counters:
            req = new_request(reg, received=f"{year}-11-02" if year == 2026
                              else f"{year}-12-01")
            assert req.id == f"VZ-{year}-{last + 1:04d}"
            assert reg.audit_rows(req.id)[0]["seq"] > last_seq
        edited = reg.update(before["frame"]["id"].iloc[-1], description="na migratie")
        assert reg.history(edited.id)["seq"].iloc[-1] > last_seq
        assert reg.suppressed("bezwaar@example.nl")
    with open_register(src, clock=clock) as reg:  # the source is untouched
        assert_same(before, snapshot(reg))


def test_report_lines_show_the_figures(tmp_path):
    src, dst = tmp_path / "a.sqlite3", tmp_path / "b.sqlite3"
    with open_register(src, clock=Clock(), by="Anna") as reg:
        fill_demo(reg, 30, seed=2, today=NOW.date())
    text = "\n".join(migrate(src, dst).lines())
    assert "requests" in text and "30" in text and "audit rows" in text
    assert "30 requests and their histories identical" in text
    assert oct(os.stat(dst).st_mode & 0o777) == "0o600"


@pytest.mark.parametrize("dst_kind", ["sqlite", pytest.param("postgresql",
                                                              marks=pytest.mark.postgres)])
def test_non_empty_destination_is_refused(store, dst_kind):
    clock = Clock()
    src, dst = store("sqlite"), store(dst_kind)
    with open_register(src, clock=clock) as reg:
        fill_demo(reg, 10, seed=1, today=NOW.date())
    with open_register(dst, clock=clock) as reg:
        kept = new_request(reg, name="Al aanwezig")
    with pytest.raises(MigrationError) as info:
        migrate(src, dst)
    assert "not empty" in str(info.value) and "1 requests" in str(info.value)
    with open_register(dst, clock=clock) as reg:
        assert reg.ids() == [kept.id] and reg.get(kept.id) == kept


def test_settings_alone_make_a_destination_non_empty(tmp_path):
    src, dst = tmp_path / "a.sqlite3", tmp_path / "b.sqlite3"
    open_register(src).close()
    with open_register(dst) as reg:
        reg.set_retention(30, "kort", by="x")
    with pytest.raises(MigrationError, match="not empty"):
        migrate(src, dst)


def empty_destination_state(kind, url):
    """What an untouched destination looks like: no SQLite file, or no tables."""
    if kind == "sqlite":
        return os.path.exists(url)
    engine = sa.create_engine(url)
    try:
        return sorted(sa.inspect(engine).get_table_names())
    finally:
        engine.dispose()


@pytest.mark.parametrize("dst_kind", ["sqlite", pytest.param("postgresql",
                                                              marks=pytest.mark.postgres)])
def test_failure_mid_way_leaves_destination_unchanged(store, dst_kind, monkeypatch):
    clock = Clock()
    src, dst = store("sqlite"), store(dst_kind)
    with open_register(src, clock=clock) as reg:
        fill_demo(reg, 60, seed=3, today=NOW.date())
    before = empty_destination_state(dst_kind, dst)
    real_rows = migrate_module._rows
    seen = []

    def failing_rows(conn, table, batch):
        for part in real_rows(conn, table, batch):
            if table.name == "audit":
                seen.append(len(part))
                if len(seen) == 3:  # requests and two batches of history are in
                    raise RuntimeError("disk full (simulated)")
            yield part

    monkeypatch.setattr(migrate_module, "_rows", failing_rows)
    with pytest.raises(RuntimeError, match="simulated"):
        migrate(src, dst, batch=50)
    assert len(seen) == 3
    assert empty_destination_state(dst_kind, dst) == before
    monkeypatch.undo()
    report = migrate(src, dst)  # and a second attempt then succeeds
    assert report.requests == 60


def test_failure_into_an_empty_register_keeps_it_empty(tmp_path, monkeypatch):
    src, dst = tmp_path / "a.sqlite3", tmp_path / "b.sqlite3"
    with open_register(src, clock=Clock()) as reg:
        fill_demo(reg, 20, seed=3, today=NOW.date())
    open_register(dst).close()

    def broken(conn):
        raise sa.exc.OperationalError("SELECT setval", {}, Exception("connection lost"))

    monkeypatch.setattr(migrate_module, "_reset_sequences", broken)
    with pytest.raises(MigrationError, match="destination is unchanged: connection lost"):
        migrate(src, dst)
    with open_register(dst) as reg:
        assert len(reg) == 0 and reg.suppression_list() == [] and reg.purge_log() == []


@pytest.mark.parametrize("dst_kind", ["sqlite", pytest.param("postgresql",
                                                              marks=pytest.mark.postgres)])
def test_a_difference_found_by_verification_rolls_back(store, dst_kind, monkeypatch):
    src, dst = store("sqlite"), store(dst_kind)
    with open_register(src, clock=Clock()) as reg:
        ids = fill_demo(reg, 20, seed=4, today=NOW.date())
    before = empty_destination_state(dst_kind, dst)
    real = migrate_module._digests

    def tampered(conn, batch):
        found = real(conn, batch)
        found["requests"][ids[5]] = "0" * 64  # as if a field came back different
        return found

    monkeypatch.setattr(migrate_module, "_digests", tampered)
    with pytest.raises(MigrationError, match="1 requests differ") as info:
        migrate(src, dst)
    assert ids[5] in str(info.value)
    assert empty_destination_state(dst_kind, dst) == before


def test_same_store_and_missing_source_are_refused(tmp_path):
    path = tmp_path / "a.sqlite3"
    open_register(path).close()
    with pytest.raises(MigrationError, match="same register"):
        migrate(path, f"sqlite:///{path}")
    with pytest.raises(StoreError, match="no register at"):
        migrate(tmp_path / "missing.sqlite3", tmp_path / "b.sqlite3")
    assert not (tmp_path / "missing.sqlite3").exists()
    assert not (tmp_path / "b.sqlite3").exists()


def test_cli_migrate(tmp_path, capsys):
    src, dst = tmp_path / "a.sqlite3", tmp_path / "b.sqlite3"
    with open_register(src, clock=Clock(), by="Anna") as reg:
        fill_demo(reg, 25, seed=5, today=NOW.date())
    assert main(["migrate", "--from", str(src), "--to", str(dst)]) == 0
    out = capsys.readouterr().out
    assert "Copied" in out and "verified: 25 requests" in out
    line = next(ln for ln in out.splitlines() if ln.strip().startswith("requests"))
    assert line.split()[1:] == ["25", "25"]

    assert main(["migrate", "--from", str(src), "--to", str(dst)]) == 1
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and err[0].startswith("Error: ") and "not empty" in err[0]

    assert main(["migrate", "--from", str(tmp_path / "nope.sqlite3"),
                 "--to", str(tmp_path / "c.sqlite3")]) == 1
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and "no register at" in err[0]


@pytest.mark.postgres
def test_cli_migrate_to_an_unreachable_server_is_one_line(tmp_path, capsys):
    if not os.environ.get(PG_ENV):
        pytest.skip(f"{PG_ENV} is not set")
    src = tmp_path / "a.sqlite3"
    open_register(src).close()
    url = sa.make_url(os.environ[PG_ENV]).set(database="pd_does_not_exist")
    assert main(["migrate", "--from", str(src),
                 "--to", url.render_as_string(hide_password=False)]) == 1
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and err[0].startswith("Error: ") and "Traceback" not in err[0]
