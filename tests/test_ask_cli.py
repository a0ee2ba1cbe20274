"""`privacy-desk ask --message` / `--draft`: a pasted e-mail from the command line."""

import json
import subprocess
import sys

EMAIL = ("Beste,\n\nHoe lang bewaren jullie mijn cv? En welke cookies gebruiken "
         "jullie?\n\nMet vriendelijke groet,\nJan de Vries\n06-12345678\n")


def _run(*args: str, stdin: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "privacy_kb", "ask", *args],
                          input=stdin.encode(), capture_output=True, timeout=60)


def test_ask_message_answers_each_question_of_a_pasted_email():
    result = _run("--message", "--json", stdin=EMAIL)
    data = json.loads(result.stdout)
    assert result.returncode == 0 and data["answered"] and len(data["parts"]) == 2
    assert data["parts"][0]["source"]["id"] == "solliciteren-via-de-website"


def test_ask_draft_prints_a_reply_to_the_signed_name_with_contact_details():
    result = _run("--draft", stdin=EMAIL)
    text = result.stdout.decode()
    assert result.returncode == 0 and text.startswith("Beste Jan de Vries,")
    assert "4 weken" in text and "info@softwareborg.nl" in text


def test_human_readable_output_shows_each_question_found():
    text = _run("--message", stdin=EMAIL).stdout.decode()
    assert "> Hoe lang bewaren jullie mijn cv?" in text and "Bron / source" in text
