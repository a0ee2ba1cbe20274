"""The ``privacy-desk`` command line: a thin shell over the library.

Heavy modules (pandas, SQLAlchemy) are imported inside the sub-commands that need
them, so ``privacy-desk ask`` starts in a fraction of a second.
"""

from __future__ import annotations

import os
import sys
from functools import lru_cache

EXAMPLES = {
    "ask": 'Example: privacy-desk ask "Hoe lang bewaren jullie mijn sollicitatie?"',
    "check": "Example: privacy-desk check --statement new-privacyverklaring.txt",
}


def _print_reply(reply, out) -> None:
    if reply.parts:
        for part in reply.parts:
            print(f"> {part.question}", file=out)
            _print_reply(part, out)
        if reply.request_type:
            label = "Verzoek" if reply.lang == "nl" else "Request"
            print(f"{label}: {reply.request_type}", file=out)
        return
    marker = "" if reply.answered else "(geen zeker antwoord / no confident answer) "
    print(f"{marker}{reply.text}", file=out)
    if reply.source:
        print(f"  Bron / source: {reply.source['title']} [{reply.source['id']}]", file=out)
        print(f"  \u201c{reply.source['quote']}\u201d", file=out)
    if reply.suggestions:
        label = "Bedoelde u" if reply.lang == "nl" else "Did you mean"
        for suggestion in reply.suggestions:
            print(f"  {label}: {suggestion}", file=out)
    if reply.request_type:
        label = "Verzoek" if reply.lang == "nl" else "Request"
        print(f"  {label}: {reply.request_type}", file=out)


def cmd_ask(args) -> int:
    from privacy_kb.assistant import load_assistant

    bot = load_assistant(args.faq, statement=args.statement)
    out = sys.stdout
    if args.message or args.draft:
        # One whole message (a pasted e-mail): the argument, else all of stdin.
        if args.question:
            text = " ".join(args.question)
        elif sys.stdin is None or sys.stdin.isatty():
            print("Error: give the message, or pipe it on standard input", file=sys.stderr)
            return 2
        else:
            raw = sys.stdin.buffer.read() if hasattr(sys.stdin, "buffer") else sys.stdin.read()
            text = raw.decode("utf-8", errors="replace") if isinstance(raw, bytes) else raw
        if args.draft:
            print(bot.draft_reply(text), file=out)
        elif args.json:
            print(bot.ask(text).to_json(), file=out)
        else:
            _print_reply(bot.ask(text), out)
        return 0
    if args.question:
        reply = bot.ask(" ".join(args.question))
        if args.json:
            print(reply.to_json(), file=out)
        else:
            _print_reply(reply, out)
        return 0
    if sys.stdin is None or sys.stdin.isatty():
        print("Error: give a question, or pipe questions on standard input", file=sys.stderr)
        return 2
    stdin = sys.stdin.buffer if hasattr(sys.stdin, "buffer") else None
    lines = (raw.decode("utf-8", errors="replace") for raw in stdin) if stdin else sys.stdin
    for line in lines:
        question = line.rstrip("\r\n").lstrip("\ufeff")
        if args.json:   # one object per input line, blank lines too: outputs pair up
            print(bot.ask(question).to_json(), file=out)
            continue
        if not question.strip():
            continue
        print(f"> {question}", file=out)
        _print_reply(bot.ask(question), out)
        print(file=out)
    return 0


def cmd_check(args) -> int:
    from pathlib import Path

    from privacy_kb.faq import check_faq, default_faq_path
    from privacy_kb.statement import default_statement_path, load_statement

    faq_path = Path(args.faq) if args.faq else default_faq_path()
    statement = load_statement(args.statement)
    # The shipped FAQ was reviewed against the shipped statement; another FAQ names
    # its own reference with --reviewed.
    reviewed = args.reviewed or (None if args.faq else default_statement_path())
    problems = check_faq(faq_path.read_text(encoding="utf-8"), statement, str(faq_path),
                         reviewed=load_statement(reviewed) if reviewed else None)
    for problem in problems:
        print(f"{faq_path}:{problem}", file=sys.stderr)
    errors = [p for p in problems if p.severity == "error"]
    if errors:
        print(f"{len(errors)} error(s), {len(problems) - len(errors)} warning(s)",
              file=sys.stderr)
        return 1
    from privacy_kb.faq import load_faq

    faq = load_faq(faq_path)
    covered = len({e.section for e in faq.entries})
    print(f"OK: {len(faq.entries)} entries cite {covered} sections; every section with "
          f"text is covered and every quote is found")
    return 0


# --- gaps (issue 5) -------------------------------------------------------------------

def cmd_gaps(args) -> int:
    """Print the most frequent unanswered questions, grouped by similarity."""
    from privacy_kb.gaps import GapLog, default_gaps_path, gaps_enabled

    if args.log is None and not gaps_enabled():
        print("Recording unanswered questions is off (PRIVACY_DESK_GAPS=off); "
              "give --log PATH to read a log.", file=sys.stderr)
        return 1
    log = GapLog(args.log if args.log else default_gaps_path())
    groups = log.groups(top=args.top)
    if args.json:
        import json

        print(json.dumps([g.to_dict() for g in groups], ensure_ascii=False, indent=2))
        return 0
    if not groups:
        print(f"No unanswered questions recorded in {log.path}")
        return 0
    total = sum(g.count for g in groups)
    print(f"Unanswered or low-confidence questions ({log.path}), top {len(groups)}:")
    for rank, group in enumerate(groups, start=1):
        langs = "/".join(group.langs) or "?"
        print(f"{rank:>3}. {group.count:>4}x  {group.representative}  [{langs}]")
        for other in group.questions[1:4]:
            print(f"              also: {other}")
    print(f"({total} questions in these groups)")
    return 0


def _port(text: str) -> int:
    import argparse

    value = _positive_int(text)
    if value > 65535:
        raise argparse.ArgumentTypeError(f"not a port number (1-65535): {text!r}")
    return value


def _positive_int(text: str) -> int:
    import argparse

    value = _non_negative_int(text)
    if value == 0:
        raise argparse.ArgumentTypeError("must be more than 0")
    return value


def _non_negative_int(text: str) -> int:
    import argparse

    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a whole number: {text!r}") from None
    if value < 0:
        raise argparse.ArgumentTypeError("must not be negative")
    return value


def cmd_app(args) -> int:
    """Start the app as a token-protected Voila page on localhost (or in JupyterLab)."""
    import os

    from privacy_kb import serve

    if args.token is not None:
        print("Error: --token is not taken any more: a command line is visible to every "
              f"user of the machine (ps). Set {serve.TOKEN_ENV} instead, or leave it unset "
              "for a new random token.", file=sys.stderr)
        return 2
    if args.lab and hasattr(os, "geteuid") and os.geteuid() == 0:
        print("Error: --lab does not run as root: whoever holds its address could run any "
              "code and open a terminal as root. Run it as an ordinary user.", file=sys.stderr)
        return 2
    notebook = serve.notebook_path(args.notebook)
    if args.db:
        os.environ["PRIVACY_DESK_DB"] = args.db
    # The token comes from the environment, never the command line (ps shows it to all).
    token = serve.take_token()
    where = "lab/tree/" + notebook.name if args.lab else ""
    print(f"Privacy Desk: open http://127.0.0.1:{args.port}/{where}?token={token}", flush=True)
    if args.lab:
        print("JupyterLab: whoever holds this address can run any code and open a terminal "
              "as you, and change the register directly.", flush=True)
    print("Stop with Ctrl+C.", flush=True)
    if args.lab:
        return serve.run_lab(notebook, args.port, token)
    return serve.run_voila(notebook, args.port, token, idle_timeout=args.idle_timeout,
                           preheat=args.preheat)


def _terminal_columns() -> int:
    """``shutil.get_terminal_size().columns``, without importing shutil (it loads the
    compression modules: ~2 ms of a cold ``privacy-desk ask``)."""
    try:
        columns = int(os.environ["COLUMNS"])
    except (KeyError, ValueError):
        columns = 0
    try:
        lines = int(os.environ["LINES"])
    except (KeyError, ValueError):
        lines = 0
    if columns <= 0 or lines <= 0:
        try:
            size = os.get_terminal_size(sys.__stdout__.fileno())
        except (AttributeError, ValueError, OSError):
            size = os.terminal_size((80, 24))
        if columns <= 0:
            columns = size.columns or 80
    return columns


@lru_cache(maxsize=None)
def _parser_class():
    """The command line's ArgumentParser class (argparse is imported here: a plain
    ``privacy-desk ask QUESTION`` is read without it, see :func:`_plain_ask`)."""
    import argparse

    class _Formatter(argparse.HelpFormatter):
        """argparse's help layout, as wide as the terminal (as argparse measures it)."""

        def __init__(self, prog, indent_increment=2, max_help_position=24, width=None):
            super().__init__(prog, indent_increment, max_help_position,
                             _terminal_columns() - 2 if width is None else width)

    class _Parser(argparse.ArgumentParser):
        """argparse with the command line's one error shape: ``Error: …`` on stderr,
        exit 1 (argparse's own is a usage block and exit 2). Sub-command parsers
        inherit it."""

        def __init__(self, *args, **kwargs):
            kwargs.setdefault("formatter_class", _Formatter)
            super().__init__(*args, **kwargs)

        def error(self, message: str):
            self.exit(1, f"Error: {message} (see {self.prog} --help)\n")

    return _Parser


def build_parser(only: str | None = None):
    """The command line's parser (an ``argparse.ArgumentParser``); ``only="ask"``: with
    the ask sub-command alone (all a command line starting with ``ask`` needs; the
    others take a cold ask ~5 ms to build)."""
    import argparse

    parser = _parser_class()(
        prog="privacy-desk",
        description="Privacy Desk: answers about the privacy statement, and the request "
                    "register.")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    sub.required = True

    ask = sub.add_parser("ask", help="answer a question (or each line of standard input)",
                         epilog=EXAMPLES["ask"])
    ask.add_argument("question", nargs="*", help="the question; omit to read lines from stdin")
    ask.add_argument("--json", action="store_true",
                     help="print JSON (one object per question: JSON Lines for stdin)")
    ask.add_argument("--message", action="store_true",
                     help="read standard input as one message (a pasted e-mail), not as "
                          "one question per line")
    ask.add_argument("--draft", action="store_true",
                     help="print a draft reply e-mail to the message (implies --message)")
    ask.add_argument("--faq", help="FAQ file (default: the shipped faq.yaml)")
    ask.add_argument("--statement", help="statement text file (default: the shipped one)")
    ask.set_defaults(func=cmd_ask)
    if only == "ask":
        return parser

    check = sub.add_parser("check", help="validate a FAQ against the statement",
                           epilog=EXAMPLES["check"])
    check.add_argument("--faq", help="FAQ file (default: the shipped faq.yaml)")
    check.add_argument("--statement", help="statement text file (default: the shipped one)")
    check.add_argument("--reviewed", help="the statement the FAQ was last reviewed against; "
                       "entries citing a section that changed since are reported "
                       "(default for the shipped FAQ: the shipped statement)")
    check.set_defaults(func=cmd_check)

    app = sub.add_parser(
        "app", help="start the Privacy Desk app (Voila page on localhost)",
        description="Serve the app on 127.0.0.1 behind an access token. The token is "
                    "$PRIVACY_DESK_TOKEN when set (never give it on a command line: other "
                    "users see those), else a new random one; the address to open is printed.",
        epilog="Example: privacy-desk app --port 8866")
    app.add_argument("--port", type=_port, default=8866, help="port on 127.0.0.1 (default 8866)")
    app.add_argument("--db", help="register database (path or URL); default PRIVACY_DESK_DB "
                                  "or the user's data directory")
    app.add_argument("--token", help=argparse.SUPPRESS)  # refused: see cmd_app
    app.add_argument("--lab", action="store_true",
                     help="open the notebook in JupyterLab instead: full access (any code, "
                          "a terminal, the register's database directly)")
    app.add_argument("--notebook", default="privacy_desk",
                     choices=("privacy_desk", "training", "register_report"),
                     help="which page: the desk (default), the training walk-through, or "
                          "the register report")
    app.add_argument("--idle-timeout", type=_positive_int, default=600, metavar="SECONDS",
                     help="shut a kernel no page has been connected to for this long "
                          "(default 600)")
    app.add_argument("--preheat", type=_non_negative_int, default=1, metavar="N",
                     help="keep N kernels that have already run the page, so a page is "
                          "ready sooner (each holds ~170 MB; default 1, 0 for none)")
    app.set_defaults(func=cmd_app)

    gaps = sub.add_parser(  # issue 5
        "gaps", help="show the questions the desk could not answer, grouped",
        epilog="Example: privacy-desk gaps --top 20")
    gaps.add_argument("--log", help="the gap log (default: $PRIVACY_DESK_GAPS or the "
                                    "user's data directory)")
    gaps.add_argument("--top", type=_positive_int, default=20,
                      help="how many groups (default 20)")
    gaps.add_argument("--json", action="store_true", help="print a JSON list of groups")
    gaps.set_defaults(func=cmd_gaps)

    from privacy_kb.register.cli import add_commands

    add_commands(sub)
    return parser


def _plain_ask(argv: list[str]):
    """``privacy-desk ask WORD...`` with no option (the command run most, and timed
    cold): the arguments argparse would read from it, without importing argparse
    (~2 ms of a cold ask). None for any other command line: argparse reads it."""
    if len(argv) < 2 or argv[0] != "ask" or any(word.startswith("-") for word in argv[1:]):
        return None
    from types import SimpleNamespace

    return SimpleNamespace(command="ask", question=argv[1:], json=False, message=False,
                           draft=False, faq=None, statement=None, func=cmd_ask)


def main(argv: list[str] | None = None) -> int:
    """Run the command line; returns the exit status."""
    argv = sys.argv[1:] if argv is None else list(argv)
    args = _plain_ask(argv)
    if args is None:
        parser = build_parser(only="ask") if argv[:1] == ["ask"] else build_parser()
        args = parser.parse_args(argv)
    try:
        return args.func(args)
    except BrokenPipeError:
        return 0
    except (OSError, ValueError) as exc:
        print(f"Error: {exc}", file=sys.stderr)
        return 1
    except Exception as exc:  # noqa: BLE001 - the edge: one line, never a traceback
        if os.environ.get("PRIVACY_DESK_DEBUG"):
            raise
        from privacy_kb.url_mask import mask_url_text

        print(f"Error: unexpected {type(exc).__name__}: {mask_url_text(str(exc))} "
              "(set PRIVACY_DESK_DEBUG=1 for the traceback)", file=sys.stderr)
        return 1


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
