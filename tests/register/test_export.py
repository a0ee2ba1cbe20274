"""CSV export: profiles, column sets, and no cell a spreadsheet would run as a formula.
Every test parses the file back."""

import csv
import datetime as dt
import io
import os
import re

import pytest
import sqlalchemy as sa
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from privacy_kb import ValidationError
from privacy_kb.clock import AMSTERDAM
from privacy_kb.register.demo import AWKWARD_NAMES, fill_demo
from privacy_kb.register import export, schema
from privacy_kb.register.export import COLUMN_SETS, neutralise
from privacy_kb.register.validation import is_blank, looks_like_bsn

from .conftest import new_request

TRIGGERS = frozenset("=+-@\t\r\n\x00")


def runs_as_formula(cell: str) -> bool:
    """What a spreadsheet would do: not when prefixed with an apostrophe."""
    if cell.startswith("'"):
        return False
    first = cell[:1]
    first_visible = cell.lstrip()[:1]
    return first in TRIGGERS or first_visible in TRIGGERS


def read_back(path, profile="excel-nl"):
    if profile == "excel-nl":
        raw = open(path, "rb").read()
        assert raw.startswith(b"\xef\xbb\xbf")
        with open(path, encoding="utf-8-sig", newline="") as handle:
            return list(csv.reader(handle, delimiter=";"))
    raw = open(path, "rb").read()
    assert not raw.startswith(b"\xef\xbb\xbf")
    with open(path, encoding="utf-8", newline="") as handle:
        return list(csv.reader(handle, delimiter=","))


def as_dicts(rows):
    header, *body = rows
    return [dict(zip(header, r)) for r in body]


DANGEROUS = ["=HYPERLINK(\"http://evil\",\"klik\")", "+31 6 12345678", "-2+3",
             "@SUM(A1:A9)", "\t=1+1", "\r=1", "\n=1", "   =cmd|' /C calc'!A0",
             "\u3000=1", "＝1+1", "'=already quoted", "=\"=\""]


@pytest.fixture
def dangerous_register(register):
    for i, text in enumerate(DANGEROUS):
        name = text if not any(c in text for c in "\t\r\n") else f"Naam {i}"
        new_request(register, name=name, organisation=name, handler=name,
                    description=text, on_behalf_of=name)
    return register


@pytest.mark.parametrize("profile", ["excel-nl", "plain"])
@pytest.mark.parametrize("columns", ["standard", "full", "pseudonymised"])
def test_no_cell_runs_as_a_formula(dangerous_register, tmp_path, profile, columns):
    path = tmp_path / "out.csv"
    n = dangerous_register.export_csv(path, profile=profile, columns=columns)
    rows = read_back(path, profile)
    assert n == len(DANGEROUS) == len(rows) - 1
    assert rows[0] == list(COLUMN_SETS[columns])
    for row in rows:
        for cell in row:
            assert not runs_as_formula(cell), cell


def test_neutralised_text_keeps_its_content(dangerous_register, tmp_path):
    path = tmp_path / "out.csv"
    dangerous_register.export_csv(path, columns="full")
    got = [r["description"] for r in as_dicts(read_back(path))]
    for original, cell in zip(DANGEROUS, got):
        assert cell in (original, "'" + original)
        assert cell != original or not runs_as_formula(original)


def test_excel_profile(register, tmp_path):
    req = new_request(register, received="2026-01-31 09:15", phone="0612345678")
    register.decide(req.id, outcome="granted", on="2026-02-10")
    path = tmp_path / "verzoeken.csv"
    register.export_csv(path, columns="full")
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbfid;request_type;")
    assert b"\r\n" in raw
    (row,) = as_dicts(read_back(path))
    assert row["id"] == req.id
    assert (row["received"], row["due_nominal"], row["due"]) == ("2026-01-31",
                                                                "2026-02-28", "2026-03-02")
    assert row["received_at"] == "2026-01-31 09:15:00"  # local time, no offset: Excel
    assert row["decided_on"] == "2026-02-10"
    assert (row["extended"], row["direct_marketing"]) == ("nee", "nee")
    assert row["identity_verified"] == ""
    assert row["phone"] == "'+31612345678"
    assert row["version"] == "2"


def test_plain_profile(register, tmp_path):
    new_request(register, received="2026-07-01 09:15")
    path = tmp_path / "requests.csv"
    register.export_csv(path, profile="plain", columns="full")
    (row,) = as_dicts(read_back(path, "plain"))
    assert row["received_at"] == "2026-07-01T09:15:00+02:00"
    assert row["extended"] == "false"


def test_column_sets(register, tmp_path):
    new_request(register, phone="0612345678", organisation="Org", handler="Bram")
    standard = set(COLUMN_SETS["standard"])
    assert {"id", "request_type", "status", "received", "due", "name", "organisation",
            "handler"} <= standard
    assert not standard & {"email", "phone", "description", "identity_note",
                           "decision_reasons"}
    pseudo = set(COLUMN_SETS["pseudonymised"])
    assert not pseudo & {"name", "email", "phone", "organisation", "on_behalf_of",
                         "handler", "description", "identity_note", "decision_reasons",
                         "decision_ground", "extension_justification"}
    assert {"pseudonym", "request_type", "status", "received", "due", "decision"} <= pseudo
    assert not pseudo & {"id", "received_at", "created_at", "updated_at", "answered_at",
                         "closed_at", "version"}
    assert set(COLUMN_SETS["full"]) == set(register.frame().columns)
    assert set(COLUMN_SETS["standard"]) <= set(register.frame().columns)
    for columns in COLUMN_SETS:
        path = tmp_path / f"{columns}.csv"
        register.export_csv(path, columns=columns)
        text = path.read_text(encoding="utf-8-sig")
        assert ("jan@example.nl" in text) == (columns == "full")
        assert ("Jan Jansen" in text) == (columns != "pseudonymised")


def test_filters_and_empty_register(register, tmp_path):
    path = tmp_path / "empty.csv"
    assert register.export_csv(path) == 0
    assert read_back(path) == [list(COLUMN_SETS["standard"])]
    a = new_request(register, request_type="erasure")
    new_request(register, request_type="access")
    assert register.export_csv(path, request_type="erasure", overwrite=True) == 1
    assert as_dicts(read_back(path))[0]["id"] == a.id


def test_bad_options(register, tmp_path):
    with pytest.raises(ValidationError) as info:
        register.export_csv(tmp_path / "x.csv", profile="excel-us", columns="all")
    assert info.value.codes() == {"profile": ["unknown_value"],
                                  "columns": ["unknown_value"]}
    assert not (tmp_path / "x.csv").exists()


def test_file_is_private_and_written_atomically(register, tmp_path):
    new_request(register)
    path = tmp_path / "out.csv"
    path.write_text("old content")
    with pytest.raises(ValidationError) as info:
        register.export_csv(path)                      # never over a file unasked
    assert info.value.codes() == {"path": ["exists"]}
    assert path.read_text() == "old content"
    register.export_csv(path, overwrite=True)
    assert oct(os.stat(path).st_mode & 0o777) == "0o600"
    assert "old content" not in path.read_text(encoding="utf-8-sig")
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith(".out")) == []


def test_binary_file_object(register):
    new_request(register, name="Zoë Ĳsselmeer")
    buffer = io.BytesIO()
    assert register.export_csv(buffer) == 1
    data = buffer.getvalue()
    assert data.startswith(b"\xef\xbb\xbf")
    assert "Zoë Ĳsselmeer" in data.decode("utf-8-sig")


def test_awkward_demo_register_exports_safely(sqlite_register, tmp_path):
    fill_demo(sqlite_register, 400, seed=3, today="2026-11-24", awkward=True)
    path = tmp_path / "demo.csv"
    assert sqlite_register.export_csv(path, columns="full") == 400
    rows = read_back(path)
    names = {r["name"] for r in as_dicts(rows)}
    assert names & {neutralise(n) for n in AWKWARD_NAMES}
    for row in rows:
        for cell in row:
            assert not runs_as_formula(cell), cell


# --- properties -------------------------------------------------------------------------

@settings(max_examples=300, deadline=None)
@given(st.text(max_size=40))
@example("=1+1")
@example(" \t @x")
@example("\x00")
@example("\x0c")
@example("")
def test_neutralise_property(text):
    out = neutralise(text)
    assert not runs_as_formula(out)
    assert out == text or out == "'" + text
    assert not out.startswith("\t")


cell_text = st.text(st.characters(blacklist_categories=("Cs", "Cc", "Zl", "Zp"),
                                  blacklist_characters="\u202a\u202b\u202c\u202d\u202e"
                                                       "\u2066\u2067\u2068\u2069"),
                    min_size=1, max_size=60).filter(
                        lambda t: not is_blank(t) and not looks_like_bsn(t))
prefix = st.sampled_from(["", "=", "+", "-", "@", " =", "  @", "\u00a0+", "'"])


@settings(max_examples=30, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.tuples(prefix, cell_text), min_size=1, max_size=5))
def test_arbitrary_names_export_and_parse_back(sqlite_register, tmp_path, names):
    start = len(sqlite_register)
    for p, text in names:
        new_request(sqlite_register, name=p + text)
    path = tmp_path / "prop.csv"
    sqlite_register.export_csv(path, overwrite=True)
    rows = as_dicts(read_back(path))[start:]
    for (p, text), row in zip(names, rows):
        original = p + text
        assert row["name"] in (original, "'" + original)
        assert not runs_as_formula(row["name"])


# --- the target -------------------------------------------------------------------------

@pytest.mark.parametrize("suffix", ["", "-wal", "-shm", "-journal"])
def test_refuses_to_overwrite_the_register_itself(sqlite_register, tmp_path, suffix):
    new_request(sqlite_register)
    db = tmp_path / "register.sqlite3"
    target = tmp_path / ("register.sqlite3" + suffix)
    before = target.read_bytes() if target.exists() else None
    with pytest.raises(ValidationError) as info:
        sqlite_register.export_csv(target)
    assert info.value.codes() == {"path": ["is_register_file"]}
    assert "databasebestand" in info.value.message("nl")
    assert "database file" in info.value.message("en")
    assert (target.read_bytes() if target.exists() else None) == before
    assert len(sqlite_register) == 1
    assert sqlite_register.integrity_check() == "ok"
    assert db.read_bytes()[:16] == b"SQLite format 3\x00"


def test_refuses_the_register_by_another_name(sqlite_register, tmp_path, monkeypatch):
    new_request(sqlite_register)
    (tmp_path / "sub").mkdir()
    link = tmp_path / "sub" / "link.csv"
    link.symlink_to(tmp_path / "register.sqlite3")
    hard = tmp_path / "hard.csv"
    os.link(tmp_path / "register.sqlite3", hard)
    monkeypatch.chdir(tmp_path / "sub")
    for target in (link, hard, "../register.sqlite3", "../sub/../register.sqlite3-wal"):
        with pytest.raises(ValidationError) as info:
            sqlite_register.export_csv(target)
        assert info.value.fields == ["path"], target
    assert len(sqlite_register) == 1
    assert sqlite_register.integrity_check() == "ok"
    # a neighbour with a similar name is fine
    assert sqlite_register.export_csv(tmp_path / "register.sqlite3.csv") == 1


def test_refuses_a_directory(register, tmp_path):
    new_request(register)
    with pytest.raises(ValidationError) as info:
        register.export_csv(tmp_path)
    assert info.value.codes() == {"path": ["is_directory"]}
    assert "map" in info.value.message("nl") and "folder" in info.value.message("en")
    assert sorted(p.name for p in tmp_path.iterdir() if p.suffix == ".tmp") == []


def test_pseudonymised_export_cannot_be_relinked(register, tmp_path, clock):
    """No id quoted in letters, no times to the second; a fresh random pseudonym per
    export (issue 12)."""
    a = new_request(register, received="2026-11-02T09:15:42")
    register.acknowledge(a.id, on="2026-11-03")
    register.decide(a.id, outcome="granted", on="2026-11-20")
    register.set_status(a.id, "answered")
    register.set_status(a.id, "closed")
    new_request(register, received="2026-11-02T16:01:07")
    first, second = tmp_path / "p1.csv", tmp_path / "p2.csv"
    register.export_csv(first, columns="pseudonymised", profile="plain")
    register.export_csv(second, columns="pseudonymised", profile="plain")
    rows1, rows2 = as_dicts(read_back(first, "plain")), as_dicts(read_back(second, "plain"))
    text = first.read_text()
    assert "VZ-2026" not in text and a.id not in text
    assert not re.search(r"\d{2}:\d{2}", text)            # no times anywhere
    assert rows1[0]["answered_on"] in ("", "2026-11-24") and \
        {r["closed_on"] for r in rows1} == {"", "2026-11-24"}
    assert all(re.fullmatch(r"P-[0-9a-f]{10}", r["pseudonym"]) for r in rows1 + rows2)
    assert len({r["pseudonym"] for r in rows1}) == 2
    assert not {r["pseudonym"] for r in rows1} & {r["pseudonym"] for r in rows2}


def test_labelled_export_speaks_dutch_or_english(register, tmp_path):
    """The app's "Excel (NL)" file: Dutch headers and labels, not field names and
    codes beside "ja"/"nee" (issue 16); English when asked; tools keep the codes."""
    req = new_request(register, request_type="erasure", channel="phone",
                      received="2026-01-31 09:15")
    register.decide(req.id, outcome="granted", on="2026-02-10")
    nl, en, codes = tmp_path / "nl.csv", tmp_path / "en.csv", tmp_path / "codes.csv"
    register.export_csv(nl, columns="full", labels="nl")
    register.export_csv(en, columns="full", labels="en", profile="plain")
    register.export_csv(codes, columns="full")
    (row_nl,) = as_dicts(read_back(nl))
    (row_en,) = as_dicts(read_back(en, "plain"))
    (row_codes,) = as_dicts(read_back(codes))
    assert row_nl["Nummer"] == row_en["Number"] == row_codes["id"] == req.id
    assert row_nl["Soort verzoek"] == "Verwijdering (art. 17)"
    assert row_en["Request type"] == "Erasure (Art. 17)"
    assert (row_nl["Kanaal"], row_en["Channel"]) == ("Telefoon", "Phone")
    assert (row_nl["Besluit"], row_en["Decision"]) == ("Toegewezen", "Granted")
    assert row_nl["Verlengd"] == "nee"
    assert (row_codes["request_type"], row_codes["channel"]) == ("erasure", "phone")
    header = read_back(nl)[0]
    assert len(header) == len(COLUMN_SETS["full"]) == len(set(header))
    assert not set(header) & set(COLUMN_SETS["full"]) - {"Status"}
    pseudo = tmp_path / "pseudo.csv"
    register.export_csv(pseudo, columns="pseudonymised", labels="nl")
    assert read_back(pseudo)[0][:2] == ["Pseudoniem", "Soort verzoek"]
    with pytest.raises(ValidationError) as info:
        register.export_csv(tmp_path / "x.csv", labels="de")
    assert info.value.codes() == {"labels": ["unknown_value"]}


def convert_moment(value, pattern):
    """Python's reading of a stored moment (aware, or naive = UTC) as Amsterdam local
    time in ``pattern`` (None: ISO 8601 with offset): what the SQL must equal."""
    if value.tzinfo is None:
        value = value.replace(tzinfo=dt.timezone.utc)
    local = value.astimezone(AMSTERDAM)
    if pattern is None:
        return local.isoformat(timespec="seconds")
    return local.strftime(pattern)


MOMENTS = st.datetimes(min_value=dt.datetime(2015, 1, 1), max_value=dt.datetime(2035, 1, 1))


@settings(max_examples=60, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(moments=st.lists(MOMENTS, min_size=1, max_size=8))
@example(moments=[dt.datetime(2026, 3, 29, 0, 59, 59, 999999), dt.datetime(2026, 3, 29, 1),
                  dt.datetime(2026, 10, 25, 0, 30), dt.datetime(2026, 10, 25, 1, 0, 1),
                  dt.datetime(2026, 12, 31, 23, 30, 5), dt.datetime(2026, 6, 30, 22)])
def test_the_database_gives_local_time_as_python_does(register, moments):
    """Exports turn stored UTC moments into Amsterdam time in SQL (the offset of the
    period each falls in); every cell must equal Python's own conversion, around
    daylight-saving changes and midnights too, on both engines."""
    dialect = register.engine.dialect.name
    aware = [m.replace(tzinfo=dt.timezone.utc) for m in moments]
    periods = export.offset_periods(min(aware), max(aware))
    with register.engine.connect() as conn:
        for profile in ("excel-nl", "plain"):
            pattern = export.PROFILES[profile].moment_format
            exprs = [export._sql_moment(sa.literal(m, schema.UTCDateTime()), periods,
                                        pattern, dialect) for m in aware]
            got = list(conn.execute(sa.select(*exprs)).one())
            assert got == [convert_moment(m, pattern) for m in aware]


def test_offset_periods_find_each_change_to_the_second():
    start = dt.datetime(2025, 1, 1, tzinfo=dt.timezone.utc)
    periods = export.offset_periods(start, dt.datetime(2026, 12, 31, tzinfo=dt.timezone.utc))
    assert [(p.isoformat(), off) for p, off in periods] == [
        ("2025-01-01T00:00:00+00:00", 3600), ("2025-03-30T01:00:00+00:00", 7200),
        ("2025-10-26T01:00:00+00:00", 3600), ("2026-03-29T01:00:00+00:00", 7200),
        ("2026-10-25T01:00:00+00:00", 3600)]


def test_whitespace_list_is_what_python_strips():
    assert set(export.WHITESPACE) == {chr(c) for c in range(0x110000) if chr(c).isspace()}
    # the database's quick test skips first characters in this range
    assert not any(export._FIRST_SAFE <= ord(c) < export._LAST_SAFE
                   for c in export.FORMULA_TRIGGERS | set(export.WHITESPACE))


@settings(max_examples=200, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=st.text(st.characters(exclude_categories=["Cs"]), max_size=12)
       | st.sampled_from(DANGEROUS))
@example(text="\u2003\u3000=x")
@example(text="\x85+1")
@example(text="\x00")
@example(text="")
def test_the_database_neutralises_as_python_does(register, text):
    """The export neutralises formulas in SQL; it must agree with ``neutralise``
    character for character, whatever the text (both engines)."""
    dialect = register.engine.dialect.name
    if dialect == "postgresql":
        text = text.replace("\x00", "")  # PostgreSQL text cannot hold NUL
    expr = export._sql_neutralised(sa.literal(text, sa.String), dialect)
    with register.engine.connect() as conn:
        assert conn.execute(sa.select(expr)).scalar_one() == neutralise(text)


@pytest.mark.parametrize("profile", ["excel-nl", "plain"])
def test_labelled_yes_and_no_speak_the_labels_language(register, tmp_path, profile):
    """A labelled export is read by people in one language: an English file (the
    register tab's Excel export in the English interface) must not say "ja"/"nee" under
    English headers, nor a Dutch one "true"/"false" — the mix issue 16 reported."""
    req = new_request(register)
    register.extend(req.id, reason="complexity", justification="Veel systemen.")
    for labels, yes, no in (("nl", "ja", "nee"), ("en", "yes", "no")):
        path = tmp_path / f"{labels}.csv"
        register.export_csv(path, profile=profile, columns="full", labels=labels)
        (row,) = as_dicts(read_back(path, profile))
        extended, authority = (("Verlengd", "Machtiging gecontroleerd") if labels == "nl"
                               else ("Extended", "Authority checked"))
        assert (row[extended], row[authority]) == (yes, no), row


def test_moments_and_their_time_zone_periods_come_from_one_snapshot(register, tmp_path,
                                                                     monkeypatch):
    """The export first looks up the register's oldest and newest moment (which
    daylight-saving periods its SQL must know), then selects the rows. A change
    committed in between must not reach the rows: a moment beyond the periods looked up
    would get the wrong offset. PostgreSQL's default isolation gives every statement a
    new snapshot; the export must read both from one."""
    req = new_request(register)  # moments around NOW: November 2026, winter time
    other = sa.create_engine(register.engine.url.render_as_string(hide_password=False))
    summer = dt.datetime(2027, 6, 1, 12, 0, tzinfo=dt.timezone.utc)  # 14:00 in Amsterdam
    looked_up = export._moment_formats

    def then_someone_writes(conn, *args):
        formats = looked_up(conn, *args)
        with other.begin() as writer:
            writer.execute(sa.update(schema.requests).where(schema.requests.c.id == req.id)
                           .values(answered_at=summer))
        return formats

    monkeypatch.setattr(export, "_moment_formats", then_someone_writes)
    try:
        path = tmp_path / "out.csv"
        register.export_csv(path, columns="full")
    finally:
        other.dispose()
    (row,) = as_dicts(read_back(path))
    # the row as it was when the periods were looked up, or else at its right offset
    assert row["answered_at"] in ("", "2027-06-01 14:00:00")


# --- the whole path against a plain Python reading ------------------------------------

#: Characters that make cells hard: every trigger, every blank Python strips, full-width
#: and look-alike signs, quotes and separators, and ordinary letters.
HARD = ("=+-@\t\r\n\x0b\x0c\x1c\x85\xa0\u1680\u2000\u2028\u202f\u3000"
        "\uff1d\uff0b\uff0d\uff20\ufe66\u2212'\";,Aaé名 ")
_TEXTS = ("name", "organisation", "handler", "on_behalf_of", "description",
          "decision_reasons", "identity_note")


def _reference_cell(name, value, profile, labels):
    """A cell as the Python formatting the SQL replaced wrote it."""
    from privacy_kb.texts import label, text

    if value is None:
        return ""
    if name in schema.DATE_COLUMNS:
        return value.isoformat()
    if name in schema.MOMENT_COLUMNS:
        return convert_moment(value, profile.moment_format)
    if name in schema.BOOL_COLUMNS:
        if labels:
            return text("yes" if value else "no", labels)
        return profile.yes if value else profile.no
    if labels and name in export._VOCABULARY_COLUMNS:
        return neutralise(label(name, value, labels))
    return neutralise(value) if isinstance(value, str) else str(value)


@settings(max_examples=40, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(rows=st.lists(st.tuples(
           st.fixed_dictionaries({n: st.one_of(st.none(), st.text(HARD + "\x00", max_size=12))
                                  for n in _TEXTS}),
           st.one_of(st.none(), MOMENTS), st.one_of(st.none(), MOMENTS),
           st.booleans(), st.sampled_from([None, "granted", "refused"])),
           min_size=1, max_size=6),
       profile=st.sampled_from(sorted(export.PROFILES)),
       labels=st.sampled_from([None, "nl", "en"]))
def test_every_cell_is_what_python_would_write(register, rows, profile, labels):
    """Rows written straight into the table (past validation: NUL, lone blanks and
    control characters included, as a hand-written INSERT could store them), exported
    with every column: each cell equals the per-value Python formatting (neutralise,
    local time, labels, yes/no), none runs as a formula — on both engines."""
    table = schema.requests
    dialect = register.engine.dialect.name
    if not len(register):
        new_request(register)  # the row the others copy their required values from
    with register.engine.begin() as conn:
        conn.execute(sa.delete(table).where(table.c.id.like("T-%")))
        template = dict(conn.execute(sa.select(table).where(~table.c.id.like("T-%"))).mappings()
                        .first())
        for i, (texts, answered, closed, extended, decision) in enumerate(rows):
            values = {**template, "id": f"T-{i}", "answered_at": None, "closed_at": None}
            for name, value in texts.items():
                if value is not None and dialect == "postgresql":
                    value = value.replace("\x00", "")  # PostgreSQL text cannot hold NUL
                values[name] = value
            values["name"] = values["name"] or "x"        # NOT NULL columns
            values["description"] = values["description"] or ""
            for name, moment in (("answered_at", answered), ("closed_at", closed)):
                if moment is not None:
                    values[name] = moment.replace(tzinfo=dt.timezone.utc)
            values["identity_verified"] = extended
            values["decision"] = decision
            values["decision_ground"] = "Art. 15(4)" if decision == "refused" else None
            values["decision_reasons"] = ((values["decision_reasons"] or "r")
                                          if decision == "refused" else values["decision_reasons"])
            values["told_about_complaint"] = True if decision == "refused" else None
            conn.execute(sa.insert(table), values)
    names = list(COLUMN_SETS["full"])
    _, typed = register.rows(names)
    expected = {row[0]: [_reference_cell(n, v, export.PROFILES[profile], labels)
                         for n, v in zip(names, row)] for row in typed}
    out = io.BytesIO()
    register.export_csv(out, profile=profile, columns="full", labels=labels)
    prof = export.PROFILES[profile]
    with io.TextIOWrapper(io.BytesIO(out.getvalue()), encoding=prof.encoding,
                          newline="") as handle:
        header, *got = list(csv.reader(handle, delimiter=prof.delimiter))
    assert len(got) == len(expected)
    for row in got:
        for cell in row:
            assert not runs_as_formula(cell), (cell, row)
        assert row == expected[row[0]]
