"""The public contract of DESIGN.md, exercised exactly as written there.

Users' notebooks and scripts rely on these names and meanings; a failure here means a
change needs a migration note in the README.
"""

import datetime as dt
import json
import subprocess
import sys

import pytest

import privacy_kb
from privacy_kb import ConflictError, ValidationError, load_assistant, open_register


def test_public_names():
    assert {"load_assistant", "open_register", "ValidationError"} <= set(privacy_kb.__all__)
    assert issubclass(ValidationError, ValueError)
    assert not issubclass(ConflictError, ValidationError)


def test_asking_as_in_design():
    bot = load_assistant()
    reply = bot.ask("Hoe lang bewaren jullie mijn sollicitatie?")
    assert reply.answered is True and reply.lang == "nl"
    assert set(reply.source) >= {"id", "title", "quote"}
    assert 0 <= reply.score <= 100 and isinstance(reply.faq_id, str)
    assert isinstance(reply.suggestions, list) and reply.request_type is None
    assert set(reply.to_dict()) >= {"answered", "text", "lang", "source", "score", "faq_id",
                                    "suggestions", "request_type"}
    assert bot.ask("verwijder al mijn gegevens").request_type == "erasure"
    fallback = bot.ask("Wat is het weer morgen?")
    assert fallback.answered is False and "info@softwareborg.nl" in fallback.text


def test_command_line_ask_json_as_in_design():
    result = subprocess.run([sys.executable, "-m", "privacy_kb", "ask", "--json",
                             "Which cookies do you use?"], capture_output=True, text=True,
                            timeout=60)
    data = json.loads(result.stdout)
    assert result.returncode == 0 and data["lang"] == "en" and data["answered"] is True


def test_register_as_in_design(tmp_path):
    reg = open_register(tmp_path / "reg.db")
    req = reg.add(request_type="erasure", name="Jan Jansen", email="jan@example.nl",
                  received="2026-01-31", description="…", channel="email", by="Anna")
    assert isinstance(req.id, str) and req.id.startswith("VZ-2026-")
    assert req.due == dt.date(2026, 3, 2) and req.status == "received"
    assert reg.get(req.id).version == req.version
    updated = reg.update(req.id, by="Anna", version=req.version, phone="+31 50 535 0143",
                         description="Alles wissen")
    assert updated.version != req.version
    with pytest.raises(ConflictError):
        reg.update(req.id, by="Anna", version=req.version, description="stale")
    moved = reg.set_status(req.id, "in_progress", by="Anna", note="identity verified",
                           version=updated.version)
    assert moved.status == "in_progress"
    frame = reg.frame()
    assert list(frame["id"]) == [req.id]
    assert {"request_type", "name", "email", "received", "channel", "due", "status"} <= \
        set(frame.columns)
    history = reg.history(req.id)
    assert len(history) >= 3
    assert len(reg.overdue(today="2026-03-03")) == 1
    assert len(reg.due_soon(today="2026-02-26", days=7)) == 1
    out = tmp_path / "requests.csv"
    reg.export_csv(out)
    assert out.read_bytes().startswith(b"\xef\xbb\xbf")
    text = out.read_text(encoding="utf-8-sig")
    assert ";" in text.splitlines()[0] and "jan@example.nl" not in text


def test_bad_input_names_every_field_and_writes_nothing(tmp_path):
    reg = open_register(tmp_path / "reg.db")
    with pytest.raises(ValidationError) as err:
        reg.add(request_type="refund", name="Jan\x07", email="not-an-email",
                received="2999-01-01", channel="pigeon")
    assert {"request_type", "name", "email", "received", "channel"} <= set(err.value.fields)
    assert len(reg.frame()) == 0


def test_extension_as_in_design(tmp_path):
    reg = open_register(tmp_path / "reg.db")
    req = reg.add(request_type="access", name="A", email="a@example.nl",
                  received="2026-01-31", channel="email", by="Anna")
    extended = reg.extend(req.id, reason="complexity", justification="Veel systemen",
                          by="Anna", today="2026-02-10")
    assert extended.due == dt.date(2026, 4, 30)
    with pytest.raises(ValidationError):
        reg.extend(req.id, reason="complexity", justification="nog eens", by="Anna",
                   today="2026-02-11")
