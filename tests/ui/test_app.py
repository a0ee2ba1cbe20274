"""The whole app: tabs, language switch, the chat -> intake -> register flow."""

from __future__ import annotations

import datetime as dt

from privacy_kb.ui import build_app
from privacy_kb.ui.app import INTAKE, REGISTER


def test_tabs_and_location(app, register):
    assert app.tabs.titles == ("Vragen", "Verzoek registreren", "Register")
    assert app.location.endswith("register.sqlite3")
    assert app.location in app.where.value and "opgeslagen in" in app.where.value


def test_english_switch_relabels_everything(app):
    app.lang_switch.value = "en"
    assert app.tabs.titles == ("Questions", "Register a request", "Register")
    assert app.intake.submit_button.description == "Register"
    assert app.chat.send_button.description == "Ask"
    assert "stored in" in app.where.value
    app.set_lang("nl")
    assert app.lang_switch.value == "nl" and app.tabs.titles[0] == "Vragen"


def test_request_question_to_registered_request(app, register):
    app.staff.value = "Anna"
    app.chat.input.value = "Ik wil mijn gegevens laten verwijderen"
    app.chat.turns[0].register_button.click()
    assert app.tabs.selected_index == INTAKE
    assert app.intake.request_type.value == "erasure"
    assert app.intake.description.value == "Ik wil mijn gegevens laten verwijderen"
    app.intake.name.value = "Jan Jansen"
    app.intake.email.value = "jan@example.nl"
    app.intake.received.value = dt.date(2026, 3, 2)
    app.intake.submit_button.click()
    assert "VZ-2026-0001" in app.intake.message.value
    assert "do 2 april 2026" in app.intake.message.value
    req = register.get("VZ-2026-0001")
    assert req.description == "Ik wil mijn gegevens laten verwijderen"
    assert app.register_view.ids == ["VZ-2026-0001"]          # the table refreshed
    assert register.history(req.id)["by"].tolist() == ["Anna"]
    app.tabs.selected_index = REGISTER
    assert app.register_view.ids == ["VZ-2026-0001"]


def test_env_var_chooses_the_register(tmp_path, monkeypatch, mini_assistant):
    target = tmp_path / "elsewhere" / "r.sqlite3"
    monkeypatch.setenv("PRIVACY_DESK_DB", str(target))
    app = build_app(assistant=mini_assistant)
    assert app.register is not None and target.exists()
    assert str(target) in app.where.value
    app.register.close()


def test_unopenable_register_is_a_message_not_a_crash(tmp_path, mini_assistant):
    app = build_app(db="nosuchdialect://x/y", assistant=mini_assistant)
    assert app.register is None
    assert "kan niet worden geopend" in app.where.value
    assert "niet beschikbaar" in app.intake.message.value
    app.chat.ask("Wat doet de _ga cookie?")              # the chat still works
    assert "_ga" in app.chat.turns[0].html.value


def test_markup_in_the_path_is_escaped(tmp_path, mini_assistant):
    path = tmp_path / "<b>x" / "r.sqlite3"
    app = build_app(db=path, assistant=mini_assistant)
    assert "<b>x" not in app.where.value and "&lt;b&gt;x" in app.where.value
    app.register.close()
