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

Headers are the field names (as in ``Register.frame()``), in every profile.
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

from privacy_kb.clock import AMSTERDAM
from privacy_kb.register import schema
from privacy_kb.register.files import check_target, hold, remove_stale_temporaries
from privacy_kb.register.validation import Checker, fail

_UTC = dt.timezone.utc

#: Characters that make a spreadsheet treat a cell as a formula (incl. full-width forms).
FORMULA_TRIGGERS = frozenset("=+-@\t\r\n\x00\uff1d\uff0b\uff0d\uff20")


def neutralise(text: str) -> str:
    """``text``, with a leading ``'`` when a spreadsheet would run it as a formula.

    >>> neutralise("=1+1"), neutralise("  @SUM(A1)"), neutralise("Jan")
    ("'=1+1", "'  @SUM(A1)", 'Jan')
    """
    if text and (text[0] in FORMULA_TRIGGERS or text.lstrip()[:1] in FORMULA_TRIGGERS):
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


def _formatter(column: str, profile: Profile) -> Callable[[Any], str]:
    """Value -> cell text for one column (raw SQLite strings or Python objects)."""
    if column in schema.DATE_COLUMNS:
        def fmt_date(v: Any) -> str:
            if v is None:
                return ""
            return v if isinstance(v, str) else v.isoformat()
        return fmt_date
    if column in schema.MOMENT_COLUMNS:
        pattern = profile.moment_format

        def fmt_moment(v: Any) -> str:
            if v is None:
                return ""
            if isinstance(v, str):  # SQLite, raw: UTC without offset
                v = dt.datetime.fromisoformat(v)
            if v.tzinfo is None:
                v = v.replace(tzinfo=_UTC)
            local = v.astimezone(AMSTERDAM)
            if pattern is None:
                return local.isoformat(timespec="seconds")
            return local.strftime(pattern)
        return fmt_moment
    if column in schema.BOOL_COLUMNS:
        yes, no = profile.yes, profile.no

        def fmt_bool(v: Any) -> str:
            return "" if v is None else (yes if v else no)
        return fmt_bool

    def fmt_other(v: Any) -> str:
        if v is None:
            return ""
        return neutralise(v) if isinstance(v, str) else str(v)
    return fmt_other


def check_options(profile: Any, columns: Any) -> tuple[Profile, tuple[str, ...]]:
    """The profile and column names; ValidationError naming unknown choices."""
    c = Checker()
    profile = c.choice("profile", profile, tuple(PROFILES))
    columns = c.choice("columns", columns, tuple(COLUMN_SETS))
    c.done()
    return PROFILES[profile], COLUMN_SETS[columns]


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
               columns: str = "standard", overwrite: bool = False,
               **filters: Any) -> int:
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
    prof, names = check_options(profile, columns)
    if not _is_file_object(path):
        check_target(path, reg.database_files(), overwrite=overwrite)
    if columns == "pseudonymised":
        header, cells = _pseudonymised(reg, names, prof, filters)
        return write_csv(path, header, cells, prof, overwrite=overwrite)
    header, rows = reg.rows(list(names), raw=True, **filters)
    formatters = [_formatter(name, prof) for name in header]
    cells = ([fmt(v) for fmt, v in zip(formatters, row)] for row in rows)
    return write_csv(path, header, cells, prof, overwrite=overwrite)


def _moment_date(value: Any) -> str:
    """A stored moment (raw SQLite text or a datetime) as its Amsterdam calendar date."""
    if value is None:
        return ""
    if isinstance(value, str):
        value = dt.datetime.fromisoformat(value)
    if value.tzinfo is None:
        value = value.replace(tzinfo=_UTC)
    return value.astimezone(AMSTERDAM).date().isoformat()


def _pseudonymised(reg: Any, names: tuple[str, ...], prof: Profile,
                   filters: dict[str, Any]) -> tuple[list[str], list[list[str]]]:
    """Header and cells of the pseudonymised export: a fresh random pseudonym per
    request (``P-`` and 10 hex digits from :mod:`secrets`, different in every export,
    so two exports cannot be joined on it), dates without times, rows in receipt-date
    order with a random order within a day."""
    import secrets

    sources = [{v: k for k, v in _DATE_OF.items()}.get(n, n) for n in names[1:]]
    _, rows = reg.rows(sources, raw=True, **filters)
    formatters = [_moment_date if src in _DATE_OF else _formatter(src, prof)
                  for src in sources]
    received = sources.index("received")
    used: set[str] = set()
    out = []
    for row in rows:
        pseudonym = f"P-{secrets.token_hex(5)}"
        while pseudonym in used:
            pseudonym = f"P-{secrets.token_hex(5)}"
        used.add(pseudonym)
        out.append((str(row[received]), secrets.randbits(32),
                    [pseudonym] + [fmt(v) for fmt, v in zip(formatters, row)]))
    out.sort(key=lambda item: item[:2])
    return list(names), [cells for _, _, cells in out]
