"""The whole app: tabs built on first use, who is working, language switch, and the
chat -> intake -> register flow."""

from __future__ import annotations

import datetime as dt
import json
import subprocess
import sys

from chat_fakes import ContractBot, answer

from privacy_kb.ui import build_app
from privacy_kb.ui.app import CHAT, INTAKE, REGISTER, mask_password

ERASE = "Ik wil mijn gegevens laten verwijderen"


def _bot():
    return ContractBot({ERASE: answer(ERASE, "U kunt verwijdering vragen.",
                                      request_type="erasure"),
                        "cookies": answer("cookies", "Wij gebruiken _ga.")})


def test_tabs_and_location(app, register):
    assert app.tabs.titles == ("Vragen", "Verzoek registreren", "Register")
    assert app.location.endswith("register.sqlite3")
    assert app.location in app.where.value and "opgeslagen in" in app.where.value


def test_only_the_question_tab_is_built_until_another_tab_is_opened(tmp_path, monkeypatch):
    monkeypatch.delenv("JUPYTERHUB_USER", raising=False)
    app = build_app(db=tmp_path / "r.sqlite3", assistant=_bot(), gaps=None)
    assert app.tabs.selected_index == CHAT
    assert app._register is None and app._intake is None and app._register_view is None
    assert not (tmp_path / "r.sqlite3").exists()            # not even opened yet
    assert str(tmp_path / "r.sqlite3") in app.where.value   # but where it will be is said
    assert "Bezig met laden" in app.intake_slot.children[0].value
    app.tabs.selected_index = INTAKE
    assert app.intake_slot.children == (app.intake,) and app._register is not None
    assert str(tmp_path / "r.sqlite3") in app.where.value
    app.tabs.selected_index = REGISTER
    assert app.register_slot.children == (app.register_view,)
    app.register.close()


def test_first_widget_needs_no_sqlalchemy_pandas_itables_or_matplotlib(tmp_path):
    code = (
        "import sys, json\n"
        "import privacy_kb.ui.labels, privacy_kb.ui.render\n"
        "light = [m for m in ('ipywidgets', 'sqlalchemy', 'pandas') if m in sys.modules]\n"
        "from privacy_kb.ui import build_app\n"
        f"app = build_app(db={str(tmp_path / 'r.sqlite3')!r}, gaps=None)\n"
        "heavy = [m for m in ('sqlalchemy', 'pandas', 'itables', 'matplotlib')\n"
        "         if m in sys.modules]\n"
        "print(json.dumps({'light': light, 'heavy': heavy}))\n")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True, timeout=120)
    assert json.loads(out.stdout.strip().splitlines()[-1]) == {"light": [], "heavy": []}


def test_english_switch_relabels_everything(app):
    app.tabs.selected_index = INTAKE
    app.lang_switch.value = "en"
    assert app.tabs.titles == ("Questions", "Register a request", "Register")
    assert app.page_lang.lang == "en"                       # <html lang> follows
    assert app.intake.submit_button.description == "Register"
    assert app.chat.send_button.description == "Ask"
    assert app.staff.description == "Your name"
    assert "stored in" in app.where.value
    app.set_lang("nl")
    assert app.lang_switch.value == "nl" and app.tabs.titles[0] == "Vragen"
    assert app.page_lang.lang == "nl" and app.page_lang in app.children
    assert app.intake.submit_button.description == "Registreer"


def test_date_fields_get_the_browsers_format_in_words_in_both_languages(app):
    # the browser fills in the order (dd-mm / mm/dd): only it knows how it shows dates
    hints = app.date_hints
    assert hints in app.children
    assert hints.label == "notatie: {format}"
    assert hints.names == {"day": "dd", "month": "mm", "year": "jjjj"}
    app.lang_switch.value = "en"
    assert hints.label == "format: {format}"
    assert hints.names == {"day": "dd", "month": "mm", "year": "yyyy"}


def test_request_question_to_registered_request(register, monkeypatch):
    monkeypatch.delenv("JUPYTERHUB_USER", raising=False)
    app = build_app(db=register, assistant=_bot(), gaps=None)
    app.staff.value = "  Anna  de Vries "
    app.chat.input.value = ERASE
    app.chat.turns[0].register_button.click()
    assert app.tabs.selected_index == INTAKE
    assert app.intake.request_type.value == "erasure"
    assert app.intake.description.value == ERASE
    app.intake.name.value = "Jan Jansen"
    app.intake.email.value = "jan@example.nl"
    app.intake.received.value = dt.date(2026, 3, 2)
    app.intake.submit_button.click()
    assert "VZ-2026-0001" in app.intake.message.value
    assert "do 2 april 2026" in app.intake.message.value
    req = register.get("VZ-2026-0001")
    assert req.description == ERASE
    assert register.history(req.id)["by"].tolist() == ["Anna de Vries"]
    app.tabs.selected_index = REGISTER
    assert app.register_view.ids == ["VZ-2026-0001"]
    app.intake.name.value = "Piet"
    app.intake.email.value = "piet@example.nl"
    app.intake.submit_button.click()
    assert "VZ-2026-0002" in app.register_view.ids              # the table refreshed


def test_without_jupyterhub_staff_type_their_name_before_the_first_change(register,
                                                                          monkeypatch):
    monkeypatch.delenv("JUPYTERHUB_USER", raising=False)
    app = build_app(db=register, assistant=_bot(), gaps=None)
    assert app.staff.value == "" and app.staff.layout.display is None   # no server default
    assert app.staff.description == "Uw naam"
    assert app.staff_label.layout.display == "none"
    app.intake.name.value = "Jan Jansen"
    app.intake.email.value = "jan@example.nl"
    app.intake.submit_button.click()
    assert len(register.frame()) == 0
    assert "Vul eerst bovenaan uw naam in" in app.intake.message.value
    assert app.register_view.staff == app.staff_name         # the register tab asks too
    app.staff.value = "Anna"
    app.intake.submit_button.click()
    assert register.history("VZ-2026-0001")["by"].tolist() == ["Anna"]


def test_register_tab_changes_are_refused_until_staff_say_who_they_are(register,
                                                                        monkeypatch):
    monkeypatch.delenv("JUPYTERHUB_USER", raising=False)
    rid = register.add(request_type="access", name="Jan Jansen", email="jan@example.nl",
                       channel="email", received="2026-03-02", by="Bram").id
    app = build_app(db=register, assistant=_bot(), gaps=None)
    app.tabs.selected_index = REGISTER
    view = app.register_view
    view.selector.value = rid
    view.ack_on.value = dt.date(2026, 3, 3)
    assert view.do_acknowledge() is None
    assert register.get(rid).acknowledged_on is None            # nothing written
    assert "Vul eerst bovenaan uw naam in" in view.message.value
    app.staff.value = "Anna"
    assert view.do_acknowledge() is not None
    assert register.history(rid)["by"].tolist() == ["Bram", "Anna"]


def test_the_typed_name_is_kept_in_the_browser_tab_for_a_reload(register, monkeypatch):
    monkeypatch.delenv("JUPYTERHUB_USER", raising=False)
    app = build_app(db=register, assistant=_bot(), gaps=None)
    assert app.staff_memory in app.children
    app.staff.value = " Anna   de Vries "
    assert app.staff_memory.saved == "Anna de Vries"
    reloaded = build_app(db=register, assistant=_bot(), gaps=None)
    reloaded.staff_memory.restored = app.staff_memory.saved     # what the browser sends
    assert reloaded.staff_name() == "Anna de Vries"
    typed = build_app(db=register, assistant=_bot(), gaps=None)
    typed.staff.value = "Bram"
    typed.staff_memory.restored = "Anna de Vries"               # never over a typed name
    assert typed.staff_name() == "Bram"


def test_behind_jupyterhub_the_logged_in_user_is_used(register, monkeypatch):
    monkeypatch.setenv("JUPYTERHUB_USER", "anna<b>")
    app = build_app(db=register, assistant=_bot(), gaps=None)
    assert app.staff.layout.display == "none" and app.staff.disabled
    assert "Ingelogd als <b>anna&lt;b&gt;</b>" in app.staff_label.value
    assert app.staff_name() == "anna<b>"
    app.intake.name.value = "Jan Jansen"
    app.intake.email.value = "jan@example.nl"
    app.intake.submit_button.click()
    assert register.history("VZ-2026-0001")["by"].tolist() == ["anna<b>"]


def test_env_var_chooses_the_register(tmp_path, monkeypatch):
    target = tmp_path / "elsewhere" / "r.sqlite3"
    monkeypatch.setenv("PRIVACY_DESK_DB", str(target))
    app = build_app(assistant=_bot(), gaps=None)
    assert app.register is not None and target.exists()
    assert str(target) in app.where.value
    app.register.close()


def test_unopenable_register_is_a_message_not_a_crash():
    app = build_app(db="nosuchdialect://x/y", assistant=_bot(), gaps=None)
    app.tabs.selected_index = INTAKE
    assert app.register is None
    assert "kan niet worden geopend" in app.where.value
    assert "niet beschikbaar" in app.intake.message.value
    app.tabs.selected_index = CHAT
    app.chat.ask("cookies")                                  # the chat still works
    assert "_ga" in app.chat.turns[0].html.value


def test_a_password_in_the_url_is_never_shown():
    app = build_app(db="nosuchdialect://anna:geheim@db.example/x", assistant=_bot(),
                    gaps=None)
    app.tabs.selected_index = INTAKE
    assert "geheim" not in app.where.value and "anna:***@db.example" in app.where.value
    assert mask_password("postgresql://a:p@ss@h/d") == "postgresql://a:***@h/d"
    assert mask_password("/data/a:b@c.sqlite3") == "/data/a:b@c.sqlite3"


def test_markup_in_the_path_is_escaped(tmp_path):
    path = tmp_path / "<b>x" / "r.sqlite3"
    app = build_app(db=path, assistant=_bot(), gaps=None)
    assert app.register is not None
    assert "<b>x" not in app.where.value and "&lt;b&gt;x" in app.where.value
    app.register.close()


def test_a_password_given_as_a_url_parameter_never_reaches_the_header():
    # reviewer's finding: password=… in the query was shown to every staff browser
    url = "postgresql+psycopg:///x?user=desk&password=S3cretPW&host=127.0.0.1&port=1"
    assert "S3cretPW" not in mask_password(url)
    app = build_app(db=url, assistant=_bot(), gaps=None)
    assert "S3cretPW" not in app.location
    app.tabs.selected_index = INTAKE         # opening fails: the error is shown, masked
    assert "S3cretPW" not in app.where.value
