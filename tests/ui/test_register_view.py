"""RegisterView: table, filters, details, status changes, extensions, export."""

from __future__ import annotations

import base64
import csv
import io

import pytest
from ui_helpers import XSS, add_request

from privacy_kb.ui.register_view import RegisterView, count_csv_rows, next_statuses


@pytest.fixture
def filled(register):
    """Three requests on 10 March 2026: one overdue, one due soon, one fine."""
    add_request(register, received="2026-01-31", name="Olga Overdue")        # due 2 March
    add_request(register, received="2026-02-12", request_type="erasure",
                name=XSS, email="x@example.nl")                               # due 12 March
    add_request(register, received="2026-03-09", request_type="complaint",
                name="Carla", email=None, phone="0505350143")                  # due 9 April
    return register


def _decode(link_html):
    return base64.b64decode(link_html.split("base64,", 1)[1].split('"', 1)[0])


def test_table_lists_requests_with_markers(filled):
    view = RegisterView(filled)
    assert "pd-register-table" in view.table._dom_classes
    assert view.ids == ["VZ-2026-0003", "VZ-2026-0002", "VZ-2026-0001"]
    df = view.table.df
    assert df["Let op"].tolist() == ["", "binnenkort", "⚠ te laat"]
    assert df["Naam"].tolist()[1] == XSS          # raw in the frame...
    # ...and escaped in what the table sends to the browser
    assert "&lt;img src=x onerror=alert(1)&gt;" in view.table._dt_args["data_json"]
    assert "<img" not in view.table._dt_args["data_json"]
    assert "3 verzoeken" in view.count.value


@pytest.mark.parametrize("widget,value,expected", [
    ("deadline_filter", "overdue", ["VZ-2026-0001"]),
    ("deadline_filter", "due_soon", ["VZ-2026-0002"]),
    ("type_filter", "complaint", ["VZ-2026-0003"]),
    ("status_filter", "in_progress", []),
    ("status_filter", "open", ["VZ-2026-0003", "VZ-2026-0002", "VZ-2026-0001"]),
])
def test_filters(filled, widget, value, expected):
    view = RegisterView(filled)
    getattr(view, widget).value = value
    assert view.ids == expected
    assert len(view.table.df) == len(expected)


def test_select_from_table_shows_details_and_history(filled):
    view = RegisterView(filled)
    view.table.selected_rows = [1]          # what a click in the browser sends back
    assert view.selected.id == "VZ-2026-0002"
    assert view.selector.value == "VZ-2026-0002"
    assert "&lt;img src=x onerror=alert(1)&gt;" in view.detail.value
    assert "<img" not in view.detail.value
    assert "Ontvangen" in view.history.value and "tester" in view.history.value
    view.selector.value = "VZ-2026-0001"
    assert view.table.selected_rows == [2]
    assert "te laat" in view.detail.value


def test_change_status(filled):
    view = RegisterView(filled, staff=lambda: "Anna")
    view.selector.value = "VZ-2026-0001"
    assert [v for _l, v in view.new_status.options] == next_statuses("received")
    view.new_status.value = "in_progress"
    view.status_note.value = "identiteit bekend"
    view.status_apply.click()
    assert filled.get("VZ-2026-0001").status == "in_progress"
    assert "Status gewijzigd" in view.message.value
    assert view.table.df["Status"].tolist()[2] == "In behandeling"
    assert "identiteit bekend" in view.history.value and "Anna" in view.history.value
    assert view.status_note.value == ""


def test_refused_transition_is_a_message(filled):
    view = RegisterView(filled)
    view.selector.value = "VZ-2026-0001"
    view.new_status.options = [("Beantwoord", "answered")]   # as if the browser sent it
    view.new_status.value = "answered"
    assert view.do_set_status() is None
    assert filled.get("VZ-2026-0001").status == "received"
    assert "pd-err" in view.message.value and "Traceback" not in view.message.value


def test_stale_copy_is_a_conflict_message(filled):
    view = RegisterView(filled)
    view.selector.value = "VZ-2026-0003"
    filled.set_status("VZ-2026-0003", "identity_check", by="Other")   # someone else
    view.new_status.value = "in_progress"
    view.status_apply.click()
    assert "Iemand anders heeft dit verzoek gewijzigd" in view.message.value
    assert filled.get("VZ-2026-0003").status == "identity_check"


def test_actions_recheck_that_something_is_selected(filled):
    view = RegisterView(filled)
    assert view.status_apply.disabled and view.extend_apply.disabled
    # a disabled button can still be clicked from the browser console
    view.status_apply.disabled = view.extend_apply.disabled = False
    view.status_apply.click()
    assert "Kies eerst een verzoek" in view.message.value
    view.extend_apply.click()
    assert "Kies eerst een verzoek" in view.message.value


def test_extend_needs_justification_then_works_once(filled):
    view = RegisterView(filled)
    view.selector.value = "VZ-2026-0003"
    view.extend_apply.click()
    assert "Onderbouwing" in view.message.value
    assert not filled.get("VZ-2026-0003").extended
    view.extend_reason.value = "complexity"
    view.extend_justification.value = "Gegevens uit drie systemen"
    view.extend_apply.click()
    req = filled.get("VZ-2026-0003")
    assert req.extended and str(req.due) == "2026-06-09"
    assert "Termijn verlengd tot di 9 juni 2026" in view.message.value
    assert view.extend_apply.disabled
    view.extend_justification.value = "nog eens"
    view.extend_apply.click()
    assert "al verlengd" in view.message.value


def test_late_extension_is_refused(filled):
    view = RegisterView(filled)
    view.selector.value = "VZ-2026-0001"           # one-month deadline 2 March passed
    view.extend_justification.value = "te laat"
    view.extend_apply.click()
    assert "verstreken" in view.message.value
    assert not filled.get("VZ-2026-0001").extended


def test_export_standard_is_a_downloadable_dutch_excel_csv(filled):
    view = RegisterView(filled)
    view.export_button.click()
    link = view.export_link.value
    assert 'download="verzoeken-2026-03-10.csv"' in link
    data = _decode(link)
    assert data == view.last_export and data.startswith(b"\xef\xbb\xbf")   # UTF-8 BOM
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig")), delimiter=";"))
    assert len(rows) == 4 and "(3 regels)" in link
    text = data.decode("utf-8-sig")
    assert "VZ-2026-0002" in text and "x@example.nl" not in text            # no e-mail


def test_export_pseudonymised_has_no_names(filled):
    view = RegisterView(filled)
    view.export_profile.value = "pseudonymised"
    data = view.do_export()
    text = data.decode("utf-8-sig")
    assert "VZ-2026-0001" not in text and text.startswith("pseudonym;")   # issue 12
    assert "Olga" not in text and "img" not in text and "Carla" not in text
    assert "gepseudonimiseerd" in view.export_link.value


def test_count_csv_rows_counts_quoted_line_breaks_once():
    assert count_csv_rows(b'a;b\r\n1;"x\r\ny"\r\n2;z\r\n') == 2
    assert count_csv_rows(b"a,b\n1,2\n", "plain") == 1


def test_next_statuses():
    assert next_statuses("received") == ["identity_check", "in_progress", "answered",
                                         "closed", "withdrawn"]
    assert next_statuses("answered") == ["closed"]
    assert next_statuses("closed") == [] and next_statuses(None) == []
    from privacy_kb.vocabulary import STATUSES, allowed_next
    for status in (*STATUSES, None, "bogus"):
        assert next_statuses(status) == list(allowed_next(status))


def test_english(filled):
    view = RegisterView(filled, lang="en")
    assert list(view.table.df.columns)[0] == "Number"
    assert view.export_button.description == "Export CSV"
    view.selector.value = "VZ-2026-0001"
    view.set_lang("nl")
    assert view.selector.value == "VZ-2026-0001" and "Nummer" in view.detail.value


def test_no_register():
    view = RegisterView(None)
    assert "niet beschikbaar" in view.message.value
    assert view.do_export() is None
