"""Command-line commands of the register: ``export``, ``backup``, ``purge``,
``retention``, ``verify``, ``migrate``, ``letter`` and ``mark-sent``.

The main CLI (``privacy_kb/cli.py``) calls :func:`add_commands` at start-up, so this
module imports only the standard library at the top; the register (SQLAlchemy,
pandas-free) is imported when a command runs. Each handler returns an exit code;
errors become one line ``Error: …`` on stderr and exit code 1.

Run on its own (tests, or without the main CLI)::

    python -m privacy_kb.register.cli export --db register.sqlite3 --out requests.csv
"""

from __future__ import annotations

import argparse
import sys
from typing import Any, Callable, Sequence

_EPILOG_EXPORT = """example:
  privacy-desk export --db ~/register.sqlite3 --out verzoeken.csv
  privacy-desk export --out report.csv --columns pseudonymised --profile plain
  privacy-desk export --out overzicht.csv --labels nl   # Dutch headers and labels"""
_EPILOG_BACKUP = """example:
  privacy-desk backup --db ~/register.sqlite3 --out ~/backups/register-2026-11-24.sqlite3"""
_EPILOG_PURGE = """example:
  privacy-desk purge --dry-run
  privacy-desk purge --db ~/register.sqlite3 --today 2026-11-24 --by Anna"""
_EPILOG_RETENTION = """example:
  privacy-desk retention
  privacy-desk retention --days 365 --justification "Een jaar, voor klachten bij de AP." --by Anna
  privacy-desk retention --days 730 --justification "..." --mode anonymise --by Anna"""

_EPILOG_MIGRATE = """example:
  privacy-desk migrate --from ~/register.sqlite3 \\
      --to postgresql+psycopg://desk@db.example.nl/privacydesk
  privacy-desk migrate --from "$PRIVACY_DESK_DB" --to ~/register-copy.sqlite3"""

_EPILOG_LETTER = """example:
  privacy-desk letter VZ-2026-0001 acknowledgement
  privacy-desk letter VZ-2026-0001 decision --lang en --eml besluit.eml
  privacy-desk letter VZ-2026-0001 info_request --purpose clarification \\
      --details 'Welk account bedoelt u?'"""
_EPILOG_MARK_SENT = """example:
  privacy-desk mark-sent VZ-2026-0001 extension_notice --on 2026-11-24 --by Anna"""
_KINDS = ("acknowledgement", "info_request", "extension_notice", "decision")

_BY_HELP = ("who is making the change, for the audit trail (default: the JupyterHub "
            "login in $JUPYTERHUB_USER; required otherwise)")
_EPILOG_VERIFY = """example:
  privacy-desk verify
  privacy-desk verify --db postgresql+psycopg://desk@db.example.nl/privacydesk

exit status: 0 when every request and its history are as the register wrote them,
1 when something was changed outside the register (each request named) or the
register cannot be read."""

_DB_HELP = ("the register: a SQLite file path or a SQLAlchemy URL "
            "(default: $PRIVACY_DESK_DB, else the user's data directory)")


def add_commands(subparsers: Any) -> None:
    """Register the ``export``, ``backup``, ``purge``, ``retention``, ``verify`` and
    ``migrate`` sub-commands.

    Parameters
    ----------
    subparsers
        What ``ArgumentParser.add_subparsers()`` returned. Each sub-parser sets
        ``func`` (``handler(args) -> int``) through ``set_defaults``.
    """
    fmt = argparse.RawDescriptionHelpFormatter
    p = subparsers.add_parser(
        "export", help="write the request register to a CSV file",
        description="Write the request register to CSV, safe to open in Excel "
                    "(formulas neutralised).", epilog=_EPILOG_EXPORT, formatter_class=fmt)
    p.add_argument("--db", metavar="URL", help=_DB_HELP)
    p.add_argument("--out", required=True, metavar="FILE",
                   help="the CSV file to write (must not exist unless --force); "
                        "'-' writes to standard output")
    p.add_argument("--force", action="store_true",
                   help="replace an existing regular file")
    p.add_argument("--profile", choices=("excel-nl", "plain"), default="excel-nl",
                   help="excel-nl: ';', UTF-8 with BOM (default); plain: ',', UTF-8")
    p.add_argument("--columns", choices=("standard", "full", "pseudonymised"),
                   default="standard",
                   help="standard: what staff need, no contact details (default); "
                        "full: every field; pseudonymised: for reporting")
    p.add_argument("--labels", choices=("nl", "en"),
                   help="headers and coded values (type, status, channel, decision) as "
                        "people read them, in Dutch or English; default: field names "
                        "and codes, for tools")
    p.set_defaults(func=export_command)

    p = subparsers.add_parser(
        "backup", help="copy the register with SQLite's online backup API",
        description="Copy a SQLite register safely while others may be writing.",
        epilog=_EPILOG_BACKUP, formatter_class=fmt)
    p.add_argument("--db", metavar="URL", help=_DB_HELP)
    p.add_argument("--out", required=True, metavar="FILE",
                   help="the backup file to create (must not exist unless --force)")
    p.add_argument("--force", action="store_true",
                   help="replace an existing regular file")
    p.set_defaults(func=backup_command)

    p = subparsers.add_parser(
        "purge", help="remove closed requests past their retention period",
        description="Delete or anonymise closed and withdrawn requests whose retention "
                    "period (set with Register.set_retention) has run out. Logs counts "
                    "only.", epilog=_EPILOG_PURGE, formatter_class=fmt)
    p.add_argument("--db", metavar="URL", help=_DB_HELP)
    p.add_argument("--today", metavar="DATE",
                   help="the date to count from (YYYY-MM-DD; default today)")
    p.add_argument("--dry-run", action="store_true",
                   help="only say how many requests would be purged")
    p.add_argument("--by", metavar="NAME", help=_BY_HELP)
    p.set_defaults(func=purge_command)

    p = subparsers.add_parser(
        "retention", help="show or set how long closed requests are kept",
        description="Show the retention period of closed requests, or set it with a "
                    "written justification (both required to set).",
        epilog=_EPILOG_RETENTION, formatter_class=fmt)
    p.add_argument("--db", metavar="URL", help=_DB_HELP)
    p.add_argument("--days", type=int, metavar="N",
                   help="days after closure before purge removes a request")
    p.add_argument("--justification", metavar="TEXT", help="why this period")
    p.add_argument("--mode", choices=("delete", "anonymise"), default="delete",
                   help="what purge does with expired requests (default: delete)")
    p.add_argument("--by", metavar="NAME", help=_BY_HELP)
    p.set_defaults(func=retention_command)

    p = subparsers.add_parser(
        "verify", help="check that no request or audit row was changed outside the register",
        description="Check every request and its audit trail against their seals "
                    "(hash chain and state digests): reports each request changed "
                    "outside the register (a direct SQL UPDATE, an audit row edited or "
                    "deleted, a request inserted or deleted). Tamper-evident, not "
                    "tamper-proof: see docs/register-audit.md.",
        epilog=_EPILOG_VERIFY, formatter_class=fmt)
    p.add_argument("--db", metavar="URL", help=_DB_HELP)
    p.set_defaults(func=verify_command)

    p = subparsers.add_parser(
        "migrate", help="copy a whole register into another, empty store",
        description="Copy every request with its full history, the id counters, the "
                    "suppression list, the retention settings, the purge log and the "
                    "letter templates with their history from "
                    "one register into an empty one (e.g. a SQLite file into a shared "
                    "PostgreSQL database), in one transaction, then verify counts and "
                    "every request field by field before committing. On any failure "
                    "the destination is left unchanged.",
        epilog=_EPILOG_MIGRATE, formatter_class=fmt)
    p.add_argument("--from", dest="source", required=True, metavar="URL",
                   help="the register to copy: a SQLite file path or a SQLAlchemy URL")
    p.add_argument("--to", dest="destination", required=True, metavar="URL",
                   help="the empty store to copy into: a SQLite file path (created if "
                        "missing) or a SQLAlchemy URL, e.g. "
                        "postgresql+psycopg://user@host/dbname")
    p.set_defaults(func=migrate_command)

    p = subparsers.add_parser(
        "letter", help="draft a letter to a requester (printed or saved as .eml)",
        description="Draft the letter the GDPR requires for a request, in the "
                    "requester's language, from the register's template. Nothing is "
                    "sent; mark it sent with 'privacy-desk mark-sent' once it went out.",
        epilog=_EPILOG_LETTER, formatter_class=fmt)
    p.add_argument("id", help="the request's id, e.g. VZ-2026-0001")
    p.add_argument("kind", choices=_KINDS, help="which letter")
    p.add_argument("--db", metavar="URL", help=_DB_HELP)
    p.add_argument("--lang", choices=("nl", "en"),
                   help="the letter's language (default: the requester's)")
    p.add_argument("--purpose", choices=("identity", "clarification"),
                   help="for info_request: what the information is for (default identity)")
    p.add_argument("--details", metavar="TEXT",
                   help="for info_request: what you need (never an ID copy or a BSN)")
    p.add_argument("--eml", metavar="FILE",
                   help="save as an e-mail file (must not exist unless --force)")
    p.add_argument("--force", action="store_true", help="replace an existing regular file")
    p.set_defaults(func=letter_command)

    p = subparsers.add_parser(
        "mark-sent", help="record that a letter went to the requester (audited)",
        description="Record the day a letter was sent to the requester; the register "
                    "never sends anything itself.", epilog=_EPILOG_MARK_SENT,
        formatter_class=fmt)
    p.add_argument("id", help="the request's id")
    p.add_argument("kind", choices=_KINDS, help="which letter")
    p.add_argument("--db", metavar="URL", help=_DB_HELP)
    p.add_argument("--on", metavar="DATE", help="the day it was sent (default today)")
    p.add_argument("--by", metavar="NAME", help=_BY_HELP)
    p.set_defaults(func=mark_sent_command)


def _fail(error: BaseException) -> int:
    """One line ``Error: …`` on stderr (passwords in URLs masked); exit code 1."""
    from privacy_kb.register.engine import mask_url

    if isinstance(error, OSError) and error.filename is not None:
        text = f"{error.filename}: {error.strerror or error}"
    else:
        text = str(error)
    message = mask_url(" ".join(text.split())) or type(error).__name__
    print(f"Error: {message}", file=sys.stderr)
    return 1


def _guarded(work: Callable[[], int]) -> int:
    """Run a command; every error the desk raises (``DeskError``), a file error and
    a database driver's error each end as one ``Error: …`` line and exit code 1,
    never a traceback."""
    from privacy_kb.errors import DeskError

    try:
        return work()
    except (DeskError, OSError) as error:
        return _fail(error)
    except BrokenPipeError:  # pragma: no cover - stdout closed early (| head)
        return 1
    except Exception as error:  # database errors and the like: still one line
        import sqlalchemy.exc

        if isinstance(error, sqlalchemy.exc.SQLAlchemyError):
            return _fail(error)
        raise


def _open(db: str | None):
    from privacy_kb.register.store import open_register

    return open_register(db, create=False)


def export_command(args: argparse.Namespace) -> int:
    """``privacy-desk export``: write the register to CSV."""
    def work() -> int:
        with _open(args.db) as reg:
            if args.out == "-":
                count = reg.export_csv(sys.stdout.buffer, profile=args.profile,
                                       columns=args.columns, labels=args.labels)
                sys.stdout.flush()
                print(f"{count} requests written to standard output", file=sys.stderr)
                return 0
            count = reg.export_csv(args.out, profile=args.profile, columns=args.columns,
                                   labels=args.labels, overwrite=args.force)
        print(f"{count} requests written to {args.out}")
        return 0
    return _guarded(work)


def backup_command(args: argparse.Namespace) -> int:
    """``privacy-desk backup``: online backup of a SQLite register."""
    def work() -> int:
        with _open(args.db) as reg:
            target = reg.backup(args.out, overwrite=args.force)
            count = len(reg)
        print(f"Backup of {count} requests written to {target}")
        return 0
    return _guarded(work)


def purge_command(args: argparse.Namespace) -> int:
    """``privacy-desk purge``: apply the retention period."""
    def work() -> int:
        with _open(args.db) as reg:
            result = reg.purge(today=args.today, dry_run=args.dry_run, by=args.by)
        verb = "would be" if result.dry_run else "were"
        action = "deleted" if result.mode == "delete" else "anonymised"
        print(f"{result.count} requests closed before {result.closed_before.isoformat()} "
              f"{verb} {action}")
        return 0
    return _guarded(work)


def retention_command(args: argparse.Namespace) -> int:
    """``privacy-desk retention``: show or set the retention policy."""
    def work() -> int:
        with _open(args.db) as reg:
            if args.days is not None or args.justification is not None:
                reg.set_retention(args.days, args.justification, mode=args.mode,
                                  by=args.by)
            policy = reg.retention
        if policy is None:
            print("No retention period set (purge refuses to run until one is).")
        else:
            print(f"Closed requests are kept {policy.days} days, then {policy.mode}d "
                  f"by purge (set by {policy.set_by} on {policy.set_at:%Y-%m-%d}).\n"
                  f"Justification: {policy.justification}")
        return 0
    return _guarded(work)


def verify_command(args: argparse.Namespace) -> int:
    """``privacy-desk verify``: the audit seals checked; exit 1 naming each request
    changed outside the register."""
    def work() -> int:
        with _open(args.db) as reg:
            problems = reg.verify()
            count, head = len(reg), reg.audit_head()
        if not problems:
            print(f"OK: {count} requests and their audit trails are as the register "
                  f"wrote them (audit head sha256:{head[:16]})")
            return 0
        for problem in problems:
            print(f"{problem.request_id or 'register'}: {problem.en}")
        changed = sorted({p.request_id for p in problems if p.request_id})
        print(f"{len(changed)} request(s) changed outside the register"
              + (f": {', '.join(changed)}" if changed else ""), file=sys.stderr)
        return 1
    return _guarded(work)


def migrate_command(args: argparse.Namespace) -> int:
    """``privacy-desk migrate``: copy a register into an empty store, verified."""
    def work() -> int:
        from privacy_kb.register.migrate import migrate

        report = migrate(args.source, args.destination)
        print("\n".join(report.lines()))
        return 0
    return _guarded(work)


def letter_command(args: argparse.Namespace) -> int:
    """``privacy-desk letter``: draft a letter; print it or save it as ``.eml``."""
    def work() -> int:
        import os
        from pathlib import Path

        with _open(args.db) as reg:
            letter = reg.letter(args.id, args.kind, lang=args.lang, purpose=args.purpose,
                                details=args.details)
        if args.eml is None:
            print(f"To: {letter.to or '-'}\nSubject: {letter.subject}\n\n{letter.body}",
                  end="")
            return 0
        target = Path(args.eml)
        if target.is_symlink() or (target.exists() and not target.is_file()):
            raise OSError(0, "not a regular file; refused", str(target))
        data = bytes(letter.as_email())
        flags = os.O_WRONLY | os.O_CREAT | (os.O_TRUNC if args.force else os.O_EXCL)
        try:
            fd = os.open(target, flags | getattr(os, "O_NOFOLLOW", 0), 0o600)
        except FileExistsError:
            raise OSError(0, "exists already; use --force to replace it",
                          str(target)) from None
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        print(f"{letter.kind} ({letter.lang}) for {args.id} written to {target}")
        return 0
    return _guarded(work)


def mark_sent_command(args: argparse.Namespace) -> int:
    """``privacy-desk mark-sent``: record that a letter was sent."""
    def work() -> int:
        with _open(args.db) as reg:
            done = reg.mark_sent(args.id, args.kind, on=args.on, by=args.by)
            sent = reg.letters_sent(done.id)[args.kind]
        print(f"{args.kind} for {done.id} marked sent on {sent.isoformat()}")
        return 0
    return _guarded(work)


def main(argv: Sequence[str] | None = None) -> int:
    """Run one register command (``export``, ``backup``, ``purge``, ``retention``,
    ``verify``, ``migrate``, ``letter``, ``mark-sent``); the exit code."""
    parser = argparse.ArgumentParser(prog="privacy-desk",
                                     description="Privacy Desk register commands.")
    subparsers = parser.add_subparsers(dest="command", required=True)
    add_commands(subparsers)
    args = parser.parse_args(argv)
    return args.func(args)


if __name__ == "__main__":
    sys.exit(main())
