"""The one CSV writer of the register: profiles, column sets, formula neutralisation.

A spreadsheet runs a cell starting with ``=``, ``+``, ``-`` or ``@`` (also after
leading blanks, and via tab/CR/LF/NUL tricks) as a formula: a requester who types
``=HYPERLINK(…)`` as their name would otherwise get code run on staff machines. Every
text cell whose first character, or first character after leading whitespace, is one
of those gets a leading ``'`` (never a tab). pandas' ``to_csv`` does none of this, so
this module writes with the :mod:`csv` module and does not import pandas.

Profiles
    ``excel-nl`` (default): ``;`` separator, UTF-8 with BOM, ISO dates, moments as
    ``2026-01-31 14:05:00`` local (Europe/Amsterdam) time, yes/no as ``ja``/``nee``.
    ``plain``: ``,`` separator, UTF-8 without BOM, ISO dates, moments ISO 8601 with
    offset, yes/no as ``true``/``false``.

Column sets
    ``standard`` (default): what staff need to track requests — no e-mail, phone or
    free text. ``full``: every field. ``pseudonymised``: for reporting — no name,
    e-mail, phone, organisation, on-behalf-of, handler or free text, no request id
    (it is quoted in letters) and no times: a random ``pseudonym`` per request, new
    in every export, and calendar dates only (``answered_on``, ``closed_on``).

Headers are the field names (as in ``Register.frame()``) and coded values the stored
codes, in every profile; with ``labels="nl"`` (or ``"en"``) they are what people read:
the fields' plain names, the codes' labels and yes/no (``ja``/``nee``, ``yes``/``no``),
all in that language (the app's "Excel (NL)" export).

Cells are formatted column by column (one time-zone conversion per hour of moments,
not per value): an export of 100,000 requests takes no longer than pandas' own
``to_csv`` of the same rows (``python bench/bench_register.py``).
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import os
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable, Iterable

import sqlalchemy as sa

from privacy_kb.clock import AMSTERDAM
from privacy_kb.register import schema
from privacy_kb.register.files import check_target, hold, remove_stale_temporaries
from privacy_kb.register.validation import Checker, fail
from privacy_kb.texts import VOCABULARIES, label
from privacy_kb.texts import text as catalog_text
from privacy_kb.vocabulary import field_label

_UTC = dt.timezone.utc

#: Characters that make a spreadsheet treat a cell as a formula (incl. full-width forms).
FORMULA_TRIGGERS = frozenset("=+-@\t\r\n\x00\uff1d\uff0b\uff0d\uff20")


def neutralise(text: str) -> str:
    """``text``, with a leading ``'`` when a spreadsheet would run it as a formula.

    >>> neutralise("=1+1"), neutralise("  @SUM(A1)"), neutralise("Jan")
    ("'=1+1", "'  @SUM(A1)", 'Jan')
    """
    if text and (text[0] in FORMULA_TRIGGERS or text.lstrip()[:1] in FORMULA_TRIGGERS
                 or "\x00" in text):  # NUL anywhere: SQLite's text functions stop there
        return "'" + text
    return text


@dataclass(frozen=True)
class Profile:
    """How a CSV file is written."""

    delimiter: str
    encoding: str
    yes: str
    no: str
    moment_format: str | None  # strftime of local time; None = ISO 8601 with offset


PROFILES = {
    "excel-nl": Profile(";", "utf-8-sig", "ja", "nee", "%Y-%m-%d %H:%M:%S"),
    "plain": Profile(",", "utf-8", "true", "false", None),
}

#: Languages of a labelled export (headers and codes as people read them).
LABEL_LANGUAGES = ("nl", "en")

_ALL = tuple(c.name for c in schema.requests.columns)
#: Moments that the pseudonymised export gives as calendar dates, under these names.
_DATE_OF = {"answered_at": "answered_on", "closed_at": "closed_on"}
COLUMN_SETS: dict[str, tuple[str, ...]] = {
    "standard": ("id", "request_type", "status", "channel", "received", "due_nominal",
                 "due", "extended", "decision", "decided_on", "answered_at", "closed_at",
                 "name", "organisation", "handler"),
    "full": _ALL,
    # no id (it is quoted in letters), no times, no personal data or free text:
    # a random pseudonym per request and export, and calendar dates only
    "pseudonymised": ("pseudonym",) + tuple(
        _DATE_OF.get(c, c) for c in _ALL
        if c not in schema.PERSONAL_COLUMNS
        and c not in ("id", "handler", "version", "received_at", "created_at",
                      "updated_at")),
}


#: Stored vocabularies whose codes become labels in a labelled export.
_VOCABULARY_COLUMNS = ("request_type", "channel", "status", "extension_reason",
                       "decision", "identity_method")
def _offset_at(moment: dt.datetime) -> int:
    """Amsterdam's UTC offset at ``moment`` (aware), in seconds."""
    offset = moment.astimezone(AMSTERDAM).utcoffset()
    return int(offset.total_seconds()) if offset is not None else 0


def offset_periods(first: dt.datetime, last: dt.datetime
                   ) -> list[tuple[dt.datetime, int]]:
    """Amsterdam's UTC offsets from ``first`` to ``last`` (aware) as (start, offset in
    seconds), oldest first; the first period starts at ``first``. Changes are found
    day by day and then to the second."""
    step = dt.timedelta(days=1)
    periods = [(first, _offset_at(first))]
    moment = first
    while moment <= last:
        later = moment + step
        if _offset_at(later) != periods[-1][1]:
            low, high = moment, later  # the change is after low, at or before high
            while high - low > dt.timedelta(seconds=1):
                middle = low + (high - low) / 2
                if _offset_at(middle) == periods[-1][1]:
                    low = middle
                else:
                    high = middle
            high = high.replace(microsecond=0)
            periods.append((high, _offset_at(high)))
            later = high
        moment = later
    return periods


#: SQL formats of a local moment per profile pattern: SQLite strftime, PostgreSQL to_char.
_MOMENT_SQL = {"%Y-%m-%d %H:%M:%S": ("%Y-%m-%d %H:%M:%S", "YYYY-MM-DD HH24:MI:SS"),
               None: ("%Y-%m-%dT%H:%M:%S", 'YYYY-MM-DD"T"HH24:MI:SS')}


def _offset_text(seconds: int) -> str:
    """``+01:00`` for 3600, as ``datetime.isoformat`` writes offsets."""
    zone = dt.timezone(dt.timedelta(seconds=seconds))
    return dt.datetime(2000, 1, 1, tzinfo=zone).isoformat()[19:]


def _sql_moment(col: Any, periods: list[tuple[dt.datetime, int]], pattern: str | None,
                dialect: str) -> Any:
    """SQL giving the stored UTC moment in ``col`` as Amsterdam local time in
    ``pattern`` (None: ISO 8601 with offset), truncated to the second as Python's
    ``strftime`` and ``isoformat`` do: the period it falls in (newest first: recent
    moments are found at once) gives the offset, the database adds it and formats."""
    sqlite_format, pg_format = _MOMENT_SQL[pattern]

    def local(offset: int) -> Any:
        if dialect == "postgresql":
            shifted = sa.func.timezone("UTC", col) + sa.literal_column(
                f"interval '{int(offset)} seconds'")
            text = sa.func.to_char(shifted, pg_format)
        else:
            # whole seconds first: SQLite computes in milliseconds and would round
            # 59.9999 s up to the next minute, where Python truncates
            text = sa.func.strftime(sqlite_format, sa.func.substr(col, 1, 19),
                                    f"{int(offset):+d} seconds")
        return text + _offset_text(offset) if pattern is None else text

    newest_first = periods[::-1]
    whens = [(col >= start, local(offset)) for start, offset in newest_first[:-1]]
    otherwise = local(newest_first[-1][1])
    return sa.case(*whens, else_=otherwise) if whens else otherwise


def _moment_formats(conn: Any, names: list[str], pattern: str | None,
                    dialect: str) -> dict[str, Callable[[Any], Any]]:
    """SQL formats of the moment columns among ``names``, for the offsets between the
    register's oldest and newest moment (looked up in the export's own snapshot:
    ``Register.rows`` reads these bounds and the rows in one repeatable transaction)."""
    moments = [n for n in names if n in schema.MOMENT_COLUMNS]
    if not moments:
        return {}
    table = schema.requests
    bounds = conn.execute(sa.select(*(f(table.c[n]) for n in moments
                                      for f in (sa.func.min, sa.func.max)))).one()
    found = [b for b in bounds if b is not None]  # aware UTC: min/max keep the type
    if not found:
        return {n: (lambda col: sa.null()) for n in moments}
    periods = offset_periods(min(found), max(found))
    return {n: (lambda col: _sql_moment(col, periods, pattern, dialect)) for n in moments}


#: Every character that ``str.isspace`` accepts (what :func:`neutralise`'s ``lstrip``
#: strips); ``tests/register/test_export.py`` checks this against Python.
WHITESPACE = ("\t\n\x0b\x0c\r\x1c\x1d\x1e\x1f \x85\xa0\u1680\u2000\u2001\u2002\u2003"
              "\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000")


#: Code points from "A" up to U+0084 are neither formula triggers nor blanks.
_FIRST_SAFE, _LAST_SAFE = ord("A"), 0x85


def _sql_neutralised(expr: Any, dialect: str) -> Any:
    """The SQL form of :func:`neutralise`: ``'`` before a text whose first character,
    or first after leading whitespace, is a formula trigger, or that holds a NUL
    (PostgreSQL text cannot hold one)."""
    triggers = sorted(FORMULA_TRIGGERS - {"\x00"})
    first = sa.func.substr(expr, 1, 1)
    runs = sa.or_(first.in_(triggers),
                  sa.and_(first.in_(sorted(WHITESPACE)),
                          sa.func.substr(sa.func.ltrim(expr, WHITESPACE), 1, 1)
                          .in_(triggers)))
    # cheap test first: every trigger and blank is below "A" or from U+0085 on
    code = (sa.func.ascii if dialect == "postgresql" else sa.func.unicode)(expr)
    suspect = sa.or_(code.is_(None), code < _FIRST_SAFE, code >= _LAST_SAFE)
    quote = sa.and_(suspect, runs)
    if dialect != "postgresql":  # SQLite's substr and ltrim stop at a NUL
        quote = sa.or_(quote, sa.func.instr(sa.cast(expr, sa.LargeBinary),
                                            sa.literal(b"\x00", sa.LargeBinary)) > 0)
    return sa.case((quote, sa.literal("'", sa.String) + expr), else_=expr)


def _sql_cells(names: list[str], profile: Profile, labels: str | None, dialect: str
               ) -> Callable[[Any], dict[str, Callable[[Any], Any]]]:
    """For :meth:`Register.rows`: given the connection, column name -> SQL expression
    giving its cell text, so that the database formats every cell: yes/no, labels,
    neutralised text, moments in local time. Calendar dates and numbers need nothing
    (the csv module writes ``str(value)``, ``""`` for None)."""
    out: dict[str, Callable[[Any], Any]] = {}
    # labelled: yes/no in the labels' language too, never "ja" under English headers
    yes, no = ((catalog_text("yes", labels), catalog_text("no", labels)) if labels is not None
               else (profile.yes, profile.no))
    for name in names:
        if name in schema.DATE_COLUMNS or name in schema.MOMENT_COLUMNS:
            continue
        if name in schema.BOOL_COLUMNS:
            out[name] = lambda col: sa.case((col, yes), (sa.not_(col), no))
        elif labels is not None and name in _VOCABULARY_COLUMNS:
            found = {code: label(name, code, labels) for code in VOCABULARIES[name]}
            out[name] = lambda col, found=found: _sql_neutralised(
                sa.case(found, value=col, else_=col), dialect)
        elif isinstance(schema.requests.c[name].type, sa.String):
            out[name] = lambda col: _sql_neutralised(col, dialect)

    def with_moments(conn: Any) -> dict[str, Callable[[Any], Any]]:
        return {**out, **_moment_formats(conn, names, profile.moment_format, dialect)}
    return with_moments


def _select_cells(reg: Any, names: list[str], profile: Profile, labels: str | None,
                  filters: dict[str, Any]) -> list[tuple]:
    """Rows of cells of the requests matching ``filters``, every cell formatted by the
    database: no per-value Python, which makes the export as fast as pandas'."""
    cells = _sql_cells(names, profile, labels, reg.engine.dialect.name)
    return reg.rows(names, raw=True, cells=cells, **filters)[1]


def _header(names: Iterable[str], labels: str | None) -> list[str]:
    """Field names, or with ``labels`` their plain names in that language."""
    return [field_label(n, labels) if labels else n for n in names]


def check_options(profile: Any, columns: Any, labels: Any = None
                  ) -> tuple[Profile, tuple[str, ...], str | None]:
    """The profile, column names and label language; ValidationError naming unknown
    choices."""
    c = Checker()
    profile = c.choice("profile", profile, tuple(PROFILES))
    columns = c.choice("columns", columns, tuple(COLUMN_SETS))
    if labels is not None:
        labels = c.choice("labels", labels, LABEL_LANGUAGES)
    c.done()
    return PROFILES[profile], COLUMN_SETS[columns], labels


def _is_file_object(target: Any) -> bool:
    return hasattr(target, "write") and not isinstance(target, (str, os.PathLike))


def write_csv(target: Any, header: list[str], rows: Iterable[Iterable[Any]],
              profile: Profile, *, overwrite: bool = False) -> int:
    """Write ``header`` and ``rows`` (already cell texts) to ``target``.

    ``target`` is a path (written to a temporary file beside it, mode 0600: exports
    hold personal data, then moved into place; an existing file is replaced only with
    ``overwrite``) or a binary file object. Returns the number of data rows.
    """
    if _is_file_object(target):
        text = io.TextIOWrapper(target, encoding=profile.encoding, newline="",
                                write_through=True)
        try:
            return _write(text, header, rows, profile)
        finally:
            text.detach()
    path = Path(target).expanduser()
    remove_stale_temporaries(path)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp",
                               dir=path.parent or ".")  # mkstemp: mode 0600
    try:
        hold(fd)  # a killed export leaves an unlocked file: the next run removes it
        with open(os.dup(fd), "w", encoding=profile.encoding, newline="") as handle:
            count = _write(handle, header, rows, profile)
            handle.flush()
            os.fsync(handle.fileno())
        if overwrite:
            os.replace(tmp, path)
        else:  # never over a file that appeared meanwhile
            try:
                os.link(tmp, path)
            except FileExistsError:
                raise fail("path", "exists", target=str(path)) from None
            os.unlink(tmp)
    except BaseException:
        if os.path.exists(tmp):
            os.unlink(tmp)
        raise
    finally:
        os.close(fd)  # releases the lock, once the file is in place (or gone)
    return count


def _write(handle: Any, header: list[str], rows: Iterable[Iterable[Any]],
           profile: Profile) -> int:
    writer = csv.writer(handle, delimiter=profile.delimiter, quoting=csv.QUOTE_MINIMAL,
                        lineterminator="\r\n")
    writer.writerow(header)
    count = 0
    for row in rows:
        writer.writerow(row)
        count += 1
    return count


def export_csv(reg: Any, path: Any, *, profile: str = "excel-nl",
               columns: str = "standard", labels: str | None = None,
               overwrite: bool = False, **filters: Any) -> int:
    """Write the register's requests to a CSV file that is safe to open in Excel.

    Parameters
    ----------
    reg : Register
    path : str, path-like or binary file object
        Where to write; a path is created with mode 0600, complete or not at all.
    overwrite : bool
        Replace an existing regular file. Without it an existing file is refused;
        a symbolic link, FIFO or device always is.
    profile : {"excel-nl", "plain"}
        See the module docstring.
    columns : {"standard", "full", "pseudonymised"}
        Which fields; see the module docstring.
    labels : {None, "nl", "en"}
        None (default): headers are field names and coded values (request type,
        status, channel, decision, …) are the stored codes, for tools. ``"nl"`` or
        ``"en"``: headers are the fields' plain names and codes their labels in that
        language ("Soort verzoek", "Verwijdering (art. 17)", "ja"/"yes"), for
        people.
    **filters
        Those of ``Register.frame`` (``status``, ``request_type``, ``since``,
        ``until``, ``overdue``, ``today``).

    Returns
    -------
    int
        The number of requests written.

    Raises
    ------
    ValidationError
        Unknown profile, column set or filter value; field ``path`` when ``path`` is
        a folder (``is_directory``), the register's own SQLite database or one of
        its ``-wal``/``-shm``/``-journal`` files (``is_register_file``), an existing
        file without ``overwrite`` (``exists``) or not a regular file
        (``not_regular``). Nothing is written then.
    """
    prof, names, labels = check_options(profile, columns, labels)
    if not _is_file_object(path):
        check_target(path, reg.database_files(), overwrite=overwrite)
    if columns == "pseudonymised":
        header, cells = _pseudonymised(reg, names, prof, labels, filters)
    else:
        header = list(names)
        cells = _select_cells(reg, header, prof, labels, filters)
    return write_csv(path, _header(header, labels), cells, prof, overwrite=overwrite)


def _pseudonymised(reg: Any, names: tuple[str, ...], prof: Profile, labels: str | None,
                   filters: dict[str, Any]) -> tuple[list[str], list[tuple]]:
    """Header and cells of the pseudonymised export: a fresh random pseudonym per
    request (``P-`` and 10 hex digits from :mod:`secrets`, different in every export,
    so two exports cannot be joined on it), dates without times, rows in receipt-date
    order with a random order within a day."""
    import secrets

    sources = [{v: k for k, v in _DATE_OF.items()}.get(n, n) for n in names[1:]]
    # moments given as dates: the local date of the moment, i.e. its first ten characters
    cells = _select_cells(reg, sources, prof, labels, filters)
    dated = [i for i, s in enumerate(sources) if s in _DATE_OF]
    received = sources.index("received")
    used: set[str] = set()
    out = []
    for cell in cells:
        pseudonym = f"P-{secrets.token_hex(5)}"
        while pseudonym in used:
            pseudonym = f"P-{secrets.token_hex(5)}"
        used.add(pseudonym)
        values = list(cell)
        for i in dated:
            values[i] = values[i][:10] if values[i] else values[i]
        out.append((str(cell[received]), secrets.randbits(32), (pseudonym, *values)))
    out.sort(key=lambda item: item[:2])
    return list(names), [cells for _, _, cells in out]
