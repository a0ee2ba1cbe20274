"""privacy-desk ask / check: the command line over the library."""

import io
import json
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from privacy_kb.cli import main

FIXTURES = Path(__file__).parent / "fixtures"
MINI = str(FIXTURES / "mini_faq.yaml")


def run(argv, capsys, stdin=None, monkeypatch=None):
    if stdin is not None:
        fake = io.TextIOWrapper(io.BytesIO(stdin.encode("utf-8")), encoding="utf-8")
        monkeypatch.setattr(sys, "stdin", fake)
    code = main(argv)
    out, err = capsys.readouterr()
    return code, out, err


def test_ask_prints_the_answer_and_its_source(capsys):
    code, out, _ = run(["ask", "--faq", MINI, "Hoe lang bewaren jullie mijn sollicitatie?"],
                       capsys)
    assert code == 0
    assert "4 weken" in out and "Solliciteren via de website" in out
    assert "tot 4 weken daarna" in out


def test_ask_json_prints_one_object_with_the_contract_keys(capsys):
    code, out, _ = run(["ask", "--json", "--faq", MINI, "What does the _ga cookie do?"],
                       capsys)
    data = json.loads(out)
    assert code == 0 and data["faq_id"] == "cookie-ga" and data["lang"] == "en"
    assert data["source"]["id"] == "cookie-ga"


def test_ask_json_reads_json_lines_from_stdin(capsys, monkeypatch):
    questions = "\ufeffWat doet de _ga cookie?\n\nI want you to delete my data\r\nweerbericht\n"
    code, out, _ = run(["ask", "--json", "--faq", MINI], capsys, questions, monkeypatch)
    rows = [json.loads(line) for line in out.splitlines()]
    # One object per input line, the blank one included, so outputs pair with inputs.
    assert code == 0 and len(rows) == 4
    assert [r["faq_id"] for r in rows] == ["cookie-ga", None, "right-erasure", None]
    assert rows[2]["request_type"] == "erasure"
    assert rows[0]["question"] == "Wat doet de _ga cookie?"
    assert rows[1]["answered"] is False and rows[1]["question"] == ""


def test_ask_survives_undecodable_bytes_on_stdin(capsys, monkeypatch):
    fake = io.TextIOWrapper(io.BytesIO(b"\xff\xfe caf\xe9\n_ga?\n"), encoding="utf-8")
    monkeypatch.setattr(sys, "stdin", fake)
    code = main(["ask", "--json", "--faq", MINI])
    rows = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert code == 0 and len(rows) == 2


def test_check_exits_1_naming_each_broken_entry(tmp_path, capsys):
    broken = tmp_path / "faq.yaml"
    broken.write_text(Path(MINI).read_text(encoding="utf-8").replace(
        'quote: "tot 4 weken daarna"', 'quote: "tot 6 weken daarna"'), encoding="utf-8")
    code, _, err = run(["check", "--faq", str(broken)], capsys)
    assert code == 1
    assert "'application-retention'" in err and "stale-quote" in err
    assert "line 11" in err
    assert "'beveiliging'" in err and "uncovered" in err


def test_check_passes_on_the_shipped_faq(capsys):
    code, out, err = run(["check"], capsys)
    assert code == 0, err
    assert out.startswith("OK:")


def test_check_reads_another_statement(tmp_path, capsys):
    statement = tmp_path / "statement.txt"
    statement.write_text("Titel\n\nKLACHTEN\n\nAnders.\n", encoding="utf-8")
    code, _, err = run(["check", "--faq", MINI, "--statement", str(statement)], capsys)
    assert code == 1 and "unknown-section" in err


def test_a_missing_file_is_one_error_line(capsys):
    code, _, err = run(["check", "--faq", "/nonexistent/faq.yaml"], capsys)
    assert code == 1 and err.startswith("Error:") and len(err.strip().splitlines()) == 1


@pytest.mark.parametrize("entry", [["-m", "privacy_kb"]])
def test_cold_ask_imports_neither_pandas_nor_ipywidgets_nor_sqlalchemy(entry):
    probe = ("import runpy, sys; sys.argv = ['privacy-desk', 'ask', '--json', 'Welke cookies?'];"
             "\ntry:\n    runpy.run_module('privacy_kb', run_name='__main__')\n"
             "except SystemExit:\n    pass\n"
             "heavy = sorted(m for m in ('pandas', 'ipywidgets', 'sqlalchemy', 'numpy') "
             "if m in sys.modules)\nprint('HEAVY', heavy)")
    result = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True,
                            timeout=60)
    assert result.returncode == 0, result.stderr
    assert "HEAVY []" in result.stdout
    assert json.loads(result.stdout.splitlines()[0])["lang"] == "nl"


def test_check_reports_entries_whose_section_changed_even_if_the_quote_remains(tmp_path,
                                                                               capsys):
    from privacy_kb.statement import default_statement_path

    text = default_statement_path().read_text(encoding="utf-8")
    changed = text.replace("Mocht u klachten hebben",
                           "Wij verkopen uw gegevens aan adverteerders. Mocht u klachten hebben")
    assert changed != text
    statement = tmp_path / "new.txt"
    statement.write_text(changed, encoding="utf-8")
    code, _, err = run(["check", "--statement", str(statement)], capsys)
    assert code == 1 and "changed-section" in err
    assert "'klachten'" in err and "complaint-to-software-borg" in err
    assert "stale-quote" not in err   # the quotes themselves are all still there


@pytest.mark.parametrize("argv", [["app", "--port", "99999"], ["retention", "--days", "abc"],
                                  ["gaps", "--top", "-1"], ["nosuch"]])
def test_a_bad_argument_is_one_error_line_and_exit_1(argv, capsys):
    from privacy_kb.cli import main

    with pytest.raises(SystemExit) as stop:
        main(argv)
    err = capsys.readouterr().err
    assert stop.value.code == 1
    assert err.startswith("Error: ") and err.count("\n") == 1 and "usage:" not in err


def test_an_unexpected_failure_is_one_error_line_too(monkeypatch, capsys):
    import privacy_kb.cli as cli

    def broken(args):
        raise TypeError("postgresql://u:s3cret@h/db broke")

    parser = cli.build_parser()
    monkeypatch.setattr(cli, "build_parser", lambda: parser)
    parser._subparsers._group_actions[0].choices["check"].set_defaults(func=broken)
    monkeypatch.delenv("PRIVACY_DESK_DEBUG", raising=False)
    assert cli.main(["check"]) == 1
    err = capsys.readouterr().err
    assert err.startswith("Error: unexpected TypeError") and "s3cret" not in err
    assert err.count("\n") == 1


@pytest.mark.parametrize("columns", [None, "60", "200", "junk"])
def test_help_is_laid_out_as_wide_as_argparse_lays_it_out(monkeypatch, columns):
    """The help formatter measures the terminal without shutil (a cold start's worth),
    to the same width argparse's own formatter finds."""
    import argparse
    import shutil

    import privacy_kb.cli as cli

    if columns is None:
        monkeypatch.delenv("COLUMNS", raising=False)
    else:
        monkeypatch.setenv("COLUMNS", columns)
    assert cli._terminal_columns() == shutil.get_terminal_size().columns
    ours = cli.build_parser()
    theirs = cli.build_parser()
    theirs.formatter_class = argparse.HelpFormatter
    assert ours.format_help() == theirs.format_help()


@pytest.mark.parametrize("argv", [["ask", "--help"], ["ask", "--bogus"], ["ask", "--json"],
                                  ["ask", "a", "question", "--faq"]])
def test_an_ask_command_line_is_read_as_by_the_whole_parser(argv, capsys):
    """`privacy-desk ask ...` builds the ask sub-command alone: same help, same errors,
    same arguments as with every sub-command built."""
    import privacy_kb.cli as cli

    outcomes = []
    for parser in (cli.build_parser(only="ask"), cli.build_parser()):
        try:
            args = vars(parser.parse_args(argv))
            outcome = ("args", {k: v for k, v in args.items() if k != "func"}, args["func"])
        except SystemExit as stop:
            outcome = ("exit", stop.code)
        outcomes.append((outcome, capsys.readouterr()))
    assert outcomes[0] == outcomes[1]


@given(st.lists(st.sampled_from(["ask", "check", "hoe", "lang?", "-", "--json", "-x", "",
                                 "--", "wat is een cookie", "-5", "--faq", "f.yaml", "é"]),
                max_size=5))
@example(["ask", "Welke", "cookies?"])
@example(["ask", ""])
def test_a_plain_ask_is_read_as_argparse_reads_it(argv):
    """`privacy-desk ask WORD...` (no option) is read without argparse, to the same
    arguments; every other command line goes to argparse."""
    import privacy_kb.cli as cli

    plain = cli._plain_ask(argv)
    if plain is None:
        assert argv[:1] != ["ask"] or len(argv) < 2 or any(w.startswith("-") for w in argv)
        return
    assert vars(plain) == vars(cli.build_parser().parse_args(argv))
