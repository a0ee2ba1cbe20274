"""RegisterView: table, filters, search, sort, paging, details, status changes,
extensions, export — driven through the widgets and the model, without a kernel."""

from __future__ import annotations

import base64
import csv
import io

import pytest
from ui_helpers import XSS, add_request, column_labels, table_column

from privacy_kb.register import lifecycle
from privacy_kb.vocabulary import REQUEST_TYPES
from privacy_kb.ui.register_view import (
    RegisterView,
    count_csv_rows,
    days_text,
)


@pytest.fixture
def filled(register):
    """Three requests on 10 March 2026: one overdue, one due soon, one fine."""
    add_request(register, received="2026-01-31", name="Olga Overdue")        # due 2 March
    add_request(register, received="2026-02-12", request_type="erasure",
                name=XSS, email="x@example.nl")                               # due 12 March
    add_request(register, received="2026-03-09", request_type="complaint",
                name="Carla", email=None, phone="0505350143")                  # due 9 April
    return register


def column(view, key):
    """The texts of one column of the table as the browser gets them (by its key)."""
    return table_column(view.table, key)


def _decode(link_html):
    return base64.b64decode(link_html.split("base64,", 1)[1].split('"', 1)[0])


def test_table_lists_requests_most_urgent_first_with_days_left(filled):
    view = RegisterView(filled)
    assert "pd-register-table" in view.table._dom_classes
    # urgency: open requests by legal due date, the overdue one first
    assert view.ids == ["VZ-2026-0001", "VZ-2026-0002", "VZ-2026-0003"]
    assert view.table.ids == view.ids
    assert column(view, "days_left") == ["8 dagen te laat", "2 dagen", "30 dagen"]
    assert [row["tone"] for row in view.table.rows] == ["late", "late", "ok"]
    assert column(view, "name")[1] == XSS          # plain text: the browser sets textContent
    assert column_labels(view.table) == {
        "id": "Nummer", "request_type": "Soort", "status": "Status",
        "received": "Ontvangen", "due": "Termijn", "days_left": "Dagen over",
        "name": "Naam", "letters": "Brieven"}
    assert column(view, "id") == view.ids
    assert column(view, "request_type") == ["Inzage (art. 15)", "Verwijdering (art. 17)",
                                            "Klacht"]
    assert column(view, "due") == ["2026-03-02", "2026-03-12", "2026-04-09"]
    assert column(view, "received") == ["2026-01-31", "2026-02-12", "2026-03-09"]
    # every column sorts but the letters column (computed per row)
    assert [c["key"] for c in view.table.columns if not c["sortable"]] == ["letters"]
    assert "3 verzoeken" in view.count.value
    assert "urgentie" in view.table.caption


def test_days_left_is_the_second_column_so_a_phone_shows_it(filled):
    # on a 390 px screen only the first two or three columns fit: the number (the
    # row's button) first, the urgency right beside it (issue 16)
    view = RegisterView(filled)
    keys = [c["key"] for c in view.table.columns]
    assert keys[:2] == ["id", "days_left"]
    assert [row["cells"][1] for row in view.table.rows] == column(view, "days_left")
    assert [row["cells"][0] for row in view.table.rows] == view.ids


@pytest.mark.parametrize("days,text", [(12, "12 dagen"), (1, "1 dag"), (0, "vandaag"),
                                       (-1, "1 dag te laat"), (-3, "3 dagen te laat"),
                                       (None, "—")])
def test_days_left_are_words_not_only_colour(days, text):
    assert days_text(days, "nl") == text


def test_days_left_tones_follow_the_request_tools(register):
    # received so that on 10 March 2026 the legal due date is 4, 9 and 10+ days away
    add_request(register, received="2026-02-14")     # due Mon 16 March: 6 days
    add_request(register, received="2026-02-19")     # due Thu 19 March: 9 days
    add_request(register, received="2026-02-20")     # due Fri 20 March: 10 days
    add_request(register, received="2026-02-11")     # due Wed 11 March: 1 day
    view = RegisterView(register)
    tones = dict(zip(column(view, "days_left"), [row["tone"] for row in view.table.rows]))
    assert tones == {"1 dag": "late", "6 dagen": "warn", "9 dagen": "warn",
                     "10 dagen": "ok"}


@pytest.mark.parametrize("widget,value,expected", [
    ("deadline_filter", "overdue", ["VZ-2026-0001"]),
    ("deadline_filter", "due_soon", ["VZ-2026-0002"]),
    ("type_filter", "complaint", ["VZ-2026-0003"]),
    ("status_filter", "in_progress", []),
    ("status_filter", "open", ["VZ-2026-0001", "VZ-2026-0002", "VZ-2026-0003"]),
])
def test_filters(filled, widget, value, expected):
    view = RegisterView(filled)
    getattr(view, widget).value = value
    assert view.ids == expected
    assert view.table.ids == expected
    assert view.model.total == len(expected)


@pytest.mark.parametrize("text,expected", [
    ("olga", ["VZ-2026-0001"]),                      # name, any case
    ("X@EXAMPLE", ["VZ-2026-0002"]),                 # e-mail
    ("050 535 0143", ["VZ-2026-0003"]),              # phone as typed, stored +31505350143
    ("+31505350143", ["VZ-2026-0003"]),
    ("2026-0002", ["VZ-2026-0002"]),                 # number
    ("%", []),                                       # a wildcard is a plain character
])
def test_search_by_name_email_phone_or_number_at_any_size(filled, text, expected):
    view = RegisterView(filled)                      # three rows: far below ten
    view.search.value = text
    assert view.ids == expected


def test_a_filter_change_keeps_the_search(filled):
    view = RegisterView(filled)
    view.search.value = "example.nl"
    assert view.ids == ["VZ-2026-0001", "VZ-2026-0002"]
    view.type_filter.value = "erasure"
    assert view.search.value == "example.nl" and view.ids == ["VZ-2026-0002"]
    view.type_filter.value = "all"
    assert view.ids == ["VZ-2026-0001", "VZ-2026-0002"]


def test_clicking_a_column_title_sorts_and_a_second_click_reverses(filled):
    view = RegisterView(filled)
    view.table.click_title("name")
    assert (view.model.sort, view.model.descending) == ("name", False)
    assert column(view, "name") == [XSS, "Carla", "Olga Overdue"]   # "<" before letters
    assert view.table.sort == "name" and not view.table.descending
    view.table.click_title("name")
    assert column(view, "name") == ["Olga Overdue", "Carla", XSS]
    assert view.table.descending
    view.table.click_title("days_left")              # sorts by the legal due date
    assert view.model.sort == "due" and view.table.sort == "days_left"
    assert view.ids == ["VZ-2026-0001", "VZ-2026-0002", "VZ-2026-0003"]
    view.table.click_title("request_type")           # by the label people read
    assert column(view, "request_type") == ["Inzage (art. 15)", "Klacht",
                                            "Verwijdering (art. 17)"]


def test_paging_in_sql(register):
    for day in range(1, 28):
        add_request(register, received=f"2026-02-{day:02d}")
    view = RegisterView(register)
    view.page_size.value = 10
    assert len(view.ids) == 10 and view.model.total == 27
    first = view.ids
    assert "1–10 van 27" in view.page_info.value and view.prev_button.disabled
    view.next_button.click()
    view.next_button.click()
    assert view.model.page == 2 and len(view.ids) == 7 and view.next_button.disabled
    assert "21–27 van 27" in view.page_info.value
    view.status_filter.value = "open"                # a filter goes back to page 1
    assert view.model.page == 0 and view.ids == first


def test_select_from_table_shows_details_and_history_newest_first(filled):
    view = RegisterView(filled)
    view.table.selected = "VZ-2026-0002"             # what a click in the browser sends
    assert view.selected.id == "VZ-2026-0002" and view.model.selected == "VZ-2026-0002"
    assert view.selector.value == "VZ-2026-0002"
    assert "&lt;img src=x onerror=alert(1)&gt;" in view.detail.value
    assert "<img" not in view.detail.value
    assert "Ontvangen" in view.history.value and "tester" in view.history.value
    view.selector.value = "VZ-2026-0001"             # typed number, Enter
    assert view.table.selected == "VZ-2026-0001"
    assert "te laat" in view.detail.value
    filled.acknowledge("VZ-2026-0001", by="Bram")
    view.refresh_button.click()
    history = view.history.value
    assert history.index("Ontvangst bevestigd") < history.index("Ontvangen<")


def test_an_unknown_number_is_a_message(filled):
    view = RegisterView(filled)
    view.selector.value = "VZ-2026-9999"
    assert view.selected is None and "bestaat niet" in view.message.value


def test_change_status(filled):
    view = RegisterView(filled, staff=lambda: "Anna")
    view.selector.value = "VZ-2026-0001"
    assert [v for _l, v in view.new_status.options] == \
        list(lifecycle.next_statuses(filled.get("VZ-2026-0001")))
    view.new_status.value = "in_progress"
    view.status_note.value = "identiteit bekend"
    view.status_apply.click()
    assert filled.get("VZ-2026-0001").status == "in_progress"
    assert "Status gewijzigd" in view.message.value
    assert view.scroller.nonce >= 1                  # the message is scrolled into view
    assert column(view, "status")[0] == "In behandeling"
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


def test_export_standard_is_a_downloadable_dutch_excel_csv_of_everything(filled):
    view = RegisterView(filled)
    view.export_button.click()
    link = view.export_link.value
    assert 'download="verzoeken-2026-03-10.csv"' in link
    data = _decode(link)
    assert data == view.last_export and data.startswith(b"\xef\xbb\xbf")   # UTF-8 BOM
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig")), delimiter=";"))
    assert len(rows) == 4 and "(3 regels; alle verzoeken)" in link
    text = data.decode("utf-8-sig")
    assert "VZ-2026-0002" in text and "x@example.nl" not in text            # no e-mail
    # Dutch headers and labels, not field names and codes (issue 16)
    assert rows[0][:3] == ["Nummer", "Soort verzoek", "Status"]
    assert "request_type" not in text and "in_progress" not in text
    assert {r[2] for r in rows[1:]} <= {"Ontvangen", "Identiteitscontrole",
                                        "In behandeling", "Beantwoord", "Gesloten"}


def test_export_for_tools_keeps_field_names_and_codes(filled):
    view = RegisterView(filled)
    view.export_profile.value = "plain"
    rows = list(csv.reader(io.StringIO(view.do_export().decode("utf-8"))))
    assert rows[0][:3] == ["id", "request_type", "status"]
    assert {r[1] for r in rows[1:]} <= set(REQUEST_TYPES)


def test_export_follows_the_filters_shown_and_says_so(filled):
    view = RegisterView(filled)
    view.deadline_filter.value = "overdue"
    data = view.do_export()
    text = data.decode("utf-8-sig")
    assert "VZ-2026-0001" in text and "VZ-2026-0002" not in text
    assert "alleen de verzoeken die de filters tonen" in view.export_link.value
    assert 'download="verzoeken-gefilterd-2026-03-10.csv"' in view.export_link.value
    view.deadline_filter.value = "all"
    view.type_filter.value = "complaint"
    view.search.value = "carla"
    text = view.do_export().decode("utf-8-sig")
    assert "VZ-2026-0003" in text and "VZ-2026-0001" not in text
    assert "zoekterm is niet toegepast" in view.export_link.value


def test_export_profiles_have_distinct_file_names(filled):
    view = RegisterView(filled)
    names = set()
    for profile in ("standard", "pseudonymised", "plain"):
        view.export_profile.value = profile
        view.do_export()
        names.add(view.export_link.value.split('download="', 1)[1].split('"', 1)[0])
    assert len(names) == 3


def test_export_pseudonymised_has_no_names(filled):
    view = RegisterView(filled)
    view.export_profile.value = "pseudonymised"
    data = view.do_export()
    text = data.decode("utf-8-sig")
    assert "VZ-2026-0001" not in text and text.startswith("Pseudoniem;")  # issue 12
    assert "Olga" not in text and "img" not in text and "Carla" not in text
    assert "gepseudonimiseerd" in view.export_link.value


def test_count_csv_rows_counts_quoted_line_breaks_once():
    assert count_csv_rows(b'a;b\r\n1;"x\r\ny"\r\n2;z\r\n') == 2
    assert count_csv_rows(b"a,b\n1,2\n", "plain") == 1


def test_the_view_offers_what_the_lifecycle_allows(filled):
    # issue 14: one rule in one place; the view asks lifecycle.py, it does not re-derive
    view = RegisterView(filled, staff=lambda: "Anna")
    view.selector.value = "VZ-2026-0001"
    req = filled.get("VZ-2026-0001")
    allowed = set(lifecycle.allowed_actions(req, view.today()))
    assert (not view.extend_apply.disabled) == ("extend" in allowed)
    assert (not view.decide_apply.disabled) == ("decide" in allowed)
    assert [v for _l, v in view.new_status.options] == list(lifecycle.next_statuses(req))
    assert "answered" not in [v for _l, v in view.new_status.options]  # no decision yet


def test_english(filled):
    view = RegisterView(filled, lang="en")
    assert column_labels(view.table)["id"] == "Number"
    assert column(view, "days_left")[0] == "8 days overdue"
    assert view.export_button.description == "Export CSV"
    view.selector.value = "VZ-2026-0001"
    view.set_lang("nl")
    assert view.selector.value == "VZ-2026-0001" and "Nummer" in view.detail.value
    assert column(view, "days_left")[0] == "8 dagen te laat"


def test_every_input_is_labelled_by_its_own_description(filled):
    """ipywidgets 8 renders a description as a <label for> tied to the input."""
    view = RegisterView(filled)
    inputs = [view.status_filter, view.type_filter, view.deadline_filter, view.search,
              view.page_size, view.selector, view.export_profile, view.ack_on,
              view.info_on, view.info_note, view.identity_verified, view.identity_method,
              view.identity_note, view.identity_on, view.extend_reason,
              view.extend_justification, view.decide_outcome, view.decide_ground,
              view.decide_reasons, view.decide_told, view.decide_on, view.new_status,
              view.status_note, *view.edit.values()]
    for widget in inputs:
        assert widget.description.strip(), widget
    view.set_lang("en")
    assert view.search.description == "Search" and view.decide_told.description.startswith(
        "Requester told")


def test_no_register():
    view = RegisterView(None)
    assert "niet beschikbaar" in view.notice.value
    assert view.do_export() is None
    assert "niet beschikbaar" in view.export_link.value
