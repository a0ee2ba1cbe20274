"""RegisterModel and its links: set a trait, read the widgets; set a widget, read the
traits; and each change of what the table shows is exactly one SQL query."""

from __future__ import annotations

import pytest
import sqlalchemy as sa
from traitlets import TraitError
from ui_helpers import add_request, column_labels, table_column

from privacy_kb.ui.register_model import RegisterModel
from privacy_kb.ui.register_view import RegisterView

# --- the model alone ---------------------------------------------------------------------

def test_each_change_gives_one_request_and_a_filter_goes_back_to_page_one():
    model = RegisterModel()
    requests = []
    model.observe(lambda c: requests.append(c["new"]), names="request")
    model.page = 3
    model.status = "open"
    assert model.page == 0 and len(requests) == 2
    assert (requests[-1].status, requests[-1].page) == ("open", 0)
    model.search = "jan"
    model.deadline = "overdue"
    assert requests[-1].search == "jan" and requests[-1].deadline == "overdue"
    assert len(requests) == 4


def test_sort_by_a_column_then_reverse():
    model = RegisterModel()
    requests = []
    model.observe(lambda c: requests.append(c["new"]), names="request")
    model.sort_by("name")
    assert (model.sort, model.descending, len(requests)) == ("name", False, 1)
    model.sort_by("name")
    assert model.descending and len(requests) == 2
    model.sort_by("received")                       # a new column starts ascending
    assert (model.sort, model.descending, len(requests)) == ("received", False, 3)


def test_the_model_refuses_what_the_table_does_not_know():
    model = RegisterModel()
    for trait, value in (("status", "bogus"), ("sort", "1; DROP TABLE requests"),
                         ("page_size", 7), ("page", -1), ("lang", "de")):
        with pytest.raises(TraitError):
            setattr(model, trait, value)
    model.selected = "  "
    assert model.selected is None


def test_types_sort_by_their_label_in_the_model_language():
    assert RegisterModel(lang="nl").query().type_order[0] == "restriction"   # Beperking
    assert RegisterModel(lang="en").query().type_order[0] == "access"        # Access


# --- the view on the model ---------------------------------------------------------------

@pytest.fixture
def view(register):
    add_request(register, received="2026-01-31", name="Olga")                  # overdue
    add_request(register, received="2026-02-12", request_type="erasure", name="Piet")
    add_request(register, received="2026-03-09", request_type="complaint", name="Carla",
                email=None, phone="0505350143")
    return RegisterView(register)


@pytest.fixture
def queries(view):
    """The SQL statements the register's engine runs (transaction starts left out)."""
    seen = []

    def record(_conn, _cursor, sql, *_rest):
        if not sql.startswith("BEGIN"):
            seen.append(sql)

    sa.event.listen(view.register.engine, "before_cursor_execute", record)
    yield seen
    sa.event.remove(view.register.engine, "before_cursor_execute", record)


@pytest.mark.parametrize("trait,widget,value,other", [
    ("status", "status_filter", "open", "closed"),
    ("request_type", "type_filter", "erasure", "complaint"),
    ("deadline", "deadline_filter", "overdue", "due_soon"),
    ("search", "search", "carla", "olga"),
    ("page_size", "page_size", 10, 50)])
def test_model_and_widgets_follow_each_other(view, trait, widget, value, other):
    setattr(view.model, trait, value)
    assert getattr(view, widget).value == value
    getattr(view, widget).value = other
    assert getattr(view.model, trait) == other
    assert view.model.request == view.model.query()


def test_selection_is_one_trait_for_table_box_and_details(view):
    view.model.selected = "VZ-2026-0002"
    assert view.table.selected == "VZ-2026-0002" == view.selector.value
    assert view.selected.id == "VZ-2026-0002"
    view.table.selected = "VZ-2026-0003"            # a click in the browser
    assert view.model.selected == "VZ-2026-0003" == view.selector.value
    view.selector.value = ""
    assert view.model.selected is None and view.table.selected is None
    assert view.selected is None and view.actions_panel.layout.display == "none"


def test_sort_shown_in_the_table_follows_the_model(view):
    view.model.sort_by("name")
    view.model.sort_by("name")
    assert (view.table.sort, view.table.descending) == ("name", True)
    view.model.sort = "due"                          # days left sorts like the due date
    assert view.table.sort == "days_left"


@pytest.mark.parametrize("change", [
    lambda v: setattr(v.status_filter, "value", "open"),
    lambda v: setattr(v.model, "deadline", "overdue"),
    lambda v: setattr(v.search, "value", "olga"),
    lambda v: v.table.click_title("name"),
    lambda v: v.table.click_title("days_left"),
    lambda v: setattr(v.page_size, "value", 10),
    lambda v: setattr(v.model, "lang", "en"),
])
def test_a_change_of_what_the_table_shows_is_one_query(view, queries, change):
    view.model.selected = "VZ-2026-0001"            # details shown: not reloaded
    queries.clear()
    change(view)
    assert len(queries) == 1, queries
    assert queries[0].lstrip().startswith("SELECT") and "LIMIT" in queries[0]


def test_a_filter_change_keeps_search_sort_and_selection(view):
    view.search.value = "example"
    view.table.click_title("name")
    view.model.selected = "VZ-2026-0002"
    view.status_filter.value = "open"
    assert (view.model.search, view.model.sort, view.model.selected) == (
        "example", "name", "VZ-2026-0002")
    assert view.ids == ["VZ-2026-0001", "VZ-2026-0002"]   # Olga, Piet (Carla: no e-mail)
    assert view.selected.id == "VZ-2026-0002"


def test_language_switch_relabels_and_keeps_state(view):
    view.type_filter.value = "erasure"
    view.model.selected = "VZ-2026-0002"
    view.model.lang = "en"
    assert view.type_filter.value == "erasure"
    assert view.type_filter.options[0] == ("All", "all")
    assert column_labels(view.table)["id"] == "Number"
    assert table_column(view.table, "request_type")[0] == "Erasure (Art. 17)"
    assert view.search.description == "Search" and view.selected.id == "VZ-2026-0002"
    assert view.scroller.lang == "en"           # the page's <html lang> follows
