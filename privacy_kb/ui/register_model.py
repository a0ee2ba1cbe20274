"""The Register tab's state as traits: what the table shows and what is selected.

:class:`RegisterModel` holds the filters (status, type, deadline, search text), the
sort (column and direction), the page, the selection and the language. Widgets are
linked to these traits (``traitlets.link``/``dlink``). Whatever changes, the model
folds the traits into one :attr:`RegisterModel.request` (a
:class:`~privacy_kb.register.query.PageQuery`), set once per change; the view observes
that one trait, runs one SQL query (:func:`privacy_kb.register.query.fetch_page`) and
puts the result in :attr:`RegisterModel.page_rows` and :attr:`RegisterModel.total`.
No widget here; tests set traits and read traits.

A filter or search change goes back to the first page, keeps everything else (a new
filter keeps the search text, and the selection stays on the request being worked on).
"""

from __future__ import annotations

import traitlets

from privacy_kb.register.query import DEADLINES, SORTS, STATUS_FILTERS, PageQuery
from privacy_kb.vocabulary import REQUEST_TYPES

__all__ = ["FILTER_TRAITS", "PAGE_SIZES", "RegisterModel"]

#: Traits whose change narrows or widens the set: they send the table to page 1.
FILTER_TRAITS = ("status", "request_type", "deadline", "search")
#: Rows per page the table offers.
PAGE_SIZES = (10, 25, 50, 100)


class RegisterModel(traitlets.HasTraits):
    """State of the Register tab (no widgets, no database).

    Attributes
    ----------
    status : str
        ``"all"``, ``"open"`` or one status.
    request_type : str
        ``"all"`` or one request type.
    deadline : str
        ``"all"``, ``"overdue"`` or ``"due_soon"`` (the register's rules).
    search : str
        Part of a number, name, e-mail address or phone number.
    sort : str
        ``"urgency"`` (default: open requests by legal due date, soonest first) or a
        column of the table.
    descending : bool
    page : int
        0-based page number.
    page_size : int
    selected : str or None
        The request shown in the detail panel.
    lang : {"nl", "en"}
    page_rows : list of PageRow
        The rows of the current page (set by the view after each query).
    total : int
        How many requests match the filters in all.
    """

    status = traitlets.Enum(STATUS_FILTERS, default_value="all")
    request_type = traitlets.Enum(("all", *REQUEST_TYPES), default_value="all")
    deadline = traitlets.Enum(DEADLINES, default_value="all")
    search = traitlets.Unicode("")
    sort = traitlets.Enum(SORTS, default_value="urgency")
    descending = traitlets.Bool(False)
    page = traitlets.Int(0, min=0)
    page_size = traitlets.Enum(PAGE_SIZES, default_value=25)
    selected = traitlets.Unicode(None, allow_none=True)
    lang = traitlets.Enum(("nl", "en"), default_value="nl")
    page_rows = traitlets.List()
    total = traitlets.Int(0)
    request = traitlets.Instance(PageQuery, args=())

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.request = self.query()

    @traitlets.observe(*FILTER_TRAITS, "page_size", "sort", "descending", "page", "lang")
    def _fold(self, change) -> None:
        """One :attr:`request` per change; a new filter or page size first goes back
        to page 1 (which comes back here once)."""
        if change["name"] in (*FILTER_TRAITS, "page_size") and self.page != 0:
            self.page = 0
            return
        self.request = self.query()

    @traitlets.validate("search")
    def _strip_search(self, proposal) -> str:
        return (proposal["value"] or "").strip()

    @traitlets.validate("selected")
    def _empty_is_none(self, proposal):
        value = (proposal["value"] or "").strip()
        return value or None

    @property
    def pages(self) -> int:
        """How many pages the matching requests fill (at least 1)."""
        return max(1, -(-self.total // self.page_size))

    def query(self) -> PageQuery:
        """The query for the table as the traits stand (types sort by their label in
        the model's language)."""
        from privacy_kb.ui.labels import type_label

        order = tuple(sorted(REQUEST_TYPES, key=lambda v: type_label(v, self.lang).casefold()))
        return PageQuery(status=self.status, request_type=self.request_type,
                         deadline=self.deadline, search=self.search, sort=self.sort,
                         descending=self.descending, page=self.page,
                         page_size=self.page_size, type_order=order)

    def sort_by(self, column: str) -> None:
        """What clicking a column title does: sort by it, or reverse the order when
        it already sorts."""
        if column == self.sort:
            self.descending = not self.descending
        else:
            with self.hold_trait_notifications():
                self.sort = column
                self.descending = False
