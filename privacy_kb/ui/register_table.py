"""The register's table in the browser: one page of rows, sortable by clicking a
column title, a row selected by clicking it (or its number, with the keyboard).

A small anywidget (anywidget already comes with itables): the rows arrive as plain
strings and are put in the page with ``textContent``, never as HTML, so a requester's
name is always text. A click on a column title is a message to Python (``on_sort``
callbacks: the model turns it into one new sort); the sort shown and the selection are
traits linked to the model; paging, filtering and
sorting happen in SQL (:mod:`privacy_kb.register.query`), so the browser only ever
holds one page.

Accessibility: a real ``<table>`` with a caption, ``<th scope="col">`` titles that are
buttons (the whole title sorts, not a small arrow) with ``aria-sort`` on the header
cell, a button per row carrying the request number (``aria-pressed`` when selected),
the days-left cell coloured *and* worded ("3 dagen te laat"), and a scroll container
that keeps wide tables reachable on a phone.
"""

from __future__ import annotations

import anywidget
import traitlets

__all__ = ["RegisterTable", "Scroller"]

_ESM = r"""
function render({ model, el }) {
  const hint = document.createElement("p");
  hint.className = "pd-table-hint";
  hint.setAttribute("aria-hidden", "true");     // the caption says the same to readers
  el.appendChild(hint);
  const wrap = document.createElement("div");
  wrap.className = "pd-table-wrap";
  wrap.setAttribute("role", "region");
  wrap.tabIndex = 0;
  const table = document.createElement("table");
  table.className = "pd-rtable";
  wrap.appendChild(table);
  el.appendChild(wrap);

  function choose(id) {
    model.set("selected", id);
    model.save_changes();
  }

  function draw() {
    const cols = model.get("columns") || [];
    const rows = model.get("rows") || [];
    const sort = model.get("sort");
    const desc = model.get("descending");
    const sel = model.get("selected");
    const texts = model.get("texts") || {};
    wrap.setAttribute("aria-label", texts.region || "");
    table.replaceChildren();
    const caption = document.createElement("caption");
    caption.className = "pd-sr-only";
    caption.textContent = model.get("caption") || "";
    hint.textContent = model.get("caption") || "";
    table.appendChild(caption);
    const thead = table.createTHead();
    const hr = thead.insertRow();
    cols.forEach((col) => {
      const th = document.createElement("th");
      th.scope = "col";
      th.dataset.key = col.key;
      if (col.sortable) {
        const active = sort === col.key;
        th.setAttribute("aria-sort", active ? (desc ? "descending" : "ascending") : "none");
        const b = document.createElement("button");
        b.type = "button";
        b.className = "pd-sort";
        b.textContent = col.label;
        const mark = document.createElement("span");
        mark.className = "pd-sort-mark";
        mark.setAttribute("aria-hidden", "true");
        mark.textContent = active ? (desc ? " ▼" : " ▲") : " ↕";
        b.appendChild(mark);
        b.addEventListener("click", () => model.send({ event: "sort", key: col.key }));
        th.appendChild(b);
      } else {
        th.textContent = col.label;
      }
      hr.appendChild(th);
    });
    const tbody = table.createTBody();
    if (!rows.length) {
      const tr = tbody.insertRow();
      const td = tr.insertCell();
      td.colSpan = Math.max(1, cols.length);
      td.className = "pd-empty";
      td.textContent = texts.empty || "";
    }
    rows.forEach((row) => {
      const tr = tbody.insertRow();
      tr.dataset.id = row.id;
      if (row.id === sel) tr.classList.add("pd-selected");
      if (row.tone) tr.classList.add("pd-row-" + row.tone);
      tr.addEventListener("click", (event) => {
        if (event.target.closest("button")) return;
        choose(row.id);
      });
      (row.cells || []).forEach((text, i) => {
        const cell = i === 0 ? document.createElement("th") : tr.insertCell();
        if (i === 0) {
          cell.scope = "row";
          tr.appendChild(cell);
          const b = document.createElement("button");
          b.type = "button";
          b.className = "pd-row-select";
          b.textContent = text;
          b.setAttribute("aria-pressed", row.id === sel ? "true" : "false");
          b.addEventListener("click", () => choose(row.id));
          cell.appendChild(b);
        } else {
          cell.textContent = text;
        }
        const key = cols[i] && cols[i].key;
        if (key) cell.classList.add("pd-col-" + key);
        if (key === "days_left" && row.tone) cell.classList.add("pd-days-" + row.tone);
      });
    });
  }
  const events = ["rows", "columns", "sort", "descending", "selected", "texts", "caption"];
  events.forEach((name) => model.on("change:" + name, draw));
  draw();
  return () => events.forEach((name) => model.off("change:" + name, draw));
}
export default { render };
"""

_CSS = r"""
.pd-table-wrap { overflow-x: auto; max-width: 100%; -webkit-overflow-scrolling: touch; }
.pd-table-wrap:focus-visible { outline: 2px solid #1a5fb4; }
.pd-rtable { border-collapse: collapse; font-size: 13px; min-width: 100%; }
.pd-table-hint { margin: 0.2em 0; font-size: 0.92em; color: #444; }
.pd-rtable caption.pd-sr-only { position: absolute; width: 1px; height: 1px; padding: 0;
  margin: -1px; overflow: hidden; clip: rect(0, 0, 0, 0); white-space: nowrap; border: 0; }
.pd-rtable th, .pd-rtable td { border-bottom: 1px solid #ddd; padding: 0.25em 0.6em;
  text-align: left; white-space: nowrap; }
.pd-rtable thead th { border-bottom: 2px solid #888; padding: 0; }
.pd-rtable button.pd-sort { all: unset; box-sizing: border-box; display: block;
  width: 100%; padding: 0.35em 0.6em; font-weight: 600; cursor: pointer; }
.pd-rtable button.pd-sort:hover { background: #eef3fb; }
.pd-rtable button.pd-sort:focus-visible, .pd-rtable button.pd-row-select:focus-visible {
  outline: 2px solid #1a5fb4; outline-offset: -2px; }
.pd-rtable th[aria-sort="ascending"], .pd-rtable th[aria-sort="descending"] {
  background: #eef3fb; }
.pd-rtable tbody tr { cursor: pointer; }
.pd-rtable tbody tr:hover { background: #f5f7fa; }
.pd-rtable tbody tr.pd-selected { background: #dbe7f8; }
.pd-rtable tbody th { font-weight: normal; }
.pd-rtable button.pd-row-select { all: unset; cursor: pointer; color: #14467e;
  text-decoration: underline; font-family: monospace; font-size: 1.05em; }
.pd-rtable tr.pd-selected button.pd-row-select { font-weight: 700; }
.pd-rtable td.pd-days-ok { color: #1b5e20; background: #e6f4ea; }
.pd-rtable td.pd-days-warn { color: #6b4500; background: #fff1cc; font-weight: 600; }
.pd-rtable td.pd-days-late { color: #8b1a1a; background: #fde7e7; font-weight: 700; }
.pd-rtable td.pd-empty { color: #555; font-style: italic; }
/* the letters column wraps (its warnings are words), so it fits a phone's width */
.pd-rtable td.pd-col-letters { white-space: normal; min-width: 12em; max-width: 20em; }
"""


class RegisterTable(anywidget.AnyWidget):
    """One page of the register as a table.

    Traits (synced with the browser)
    --------------------------------
    columns : list of {"key", "label", "sortable"}
    rows : list of {"id", "cells" (list of str, the first is the number), "tone"}
        ``tone`` is "ok", "warn" or "late" (the days-left colour), or "".
    sort, descending : the sort shown (linked to the model)
    selected : str or None — the request number chosen (linked to the model)
    caption : str — what the table holds, read first by screen readers
    texts : {"empty", "region"} — the empty-table sentence and the scroll region's name
    """

    _esm = _ESM
    _css = _CSS
    columns = traitlets.List(traitlets.Dict()).tag(sync=True)
    rows = traitlets.List(traitlets.Dict()).tag(sync=True)
    sort = traitlets.Unicode("urgency").tag(sync=True)
    descending = traitlets.Bool(False).tag(sync=True)
    selected = traitlets.Unicode(None, allow_none=True).tag(sync=True)
    caption = traitlets.Unicode("").tag(sync=True)
    texts = traitlets.Dict().tag(sync=True)

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self._sort_callbacks: list = []
        self.on_msg(self._on_msg)

    @property
    def ids(self) -> list[str]:
        """The request numbers shown, in order."""
        return [row["id"] for row in self.rows]

    def on_sort(self, callback) -> None:
        """Call ``callback(column_key)`` when a column title is clicked."""
        self._sort_callbacks.append(callback)

    def click_title(self, key: str) -> None:
        """What a click on a column title does (tests press it without a browser)."""
        self._on_msg(self, {"event": "sort", "key": key}, [])

    def _on_msg(self, _widget, content, _buffers) -> None:
        if not isinstance(content, dict) or content.get("event") != "sort":
            return
        key = content.get("key")
        if key in {c.get("key") for c in self.columns if c.get("sortable")}:
            for callback in self._sort_callbacks:
                callback(key)


_SCROLL_ESM = r"""
function render({ model, el }) {
  const find = () => document.querySelector("." + model.get("target"));
  const live = (node) => {
    if (node && !node.hasAttribute("role")) {
      node.setAttribute("role", "status");         // read out when its text changes
      node.setAttribute("aria-live", "polite");
    }
    return node;
  };
  const mark = () => {
    (model.get("live") || []).forEach((cls) => live(document.querySelector("." + cls)));
    return live(find());
  };
  setTimeout(mark, 0);
  const scroll = () => {
    const target = mark();
    if (target) requestAnimationFrame(() =>
      target.scrollIntoView({ block: "nearest", behavior: "smooth" }));
  };
  // the page's language follows the app's, so screen readers pronounce Dutch as Dutch
  const lang = () => { if (model.get("lang")) document.documentElement.lang = model.get("lang"); };
  lang();
  model.on("change:nonce", scroll);
  model.on("change:lang", lang);
  return () => { model.off("change:nonce", scroll); model.off("change:lang", lang); };
}
export default { render };
"""


class Scroller(anywidget.AnyWidget):
    """Brings the element with CSS class ``target`` into view each time ``nonce``
    changes, and makes it a polite live region (screen readers read its new text).
    Used so that a confirmation shows where the eye is, not below the fold. It also
    sets the page's ``<html lang>`` to ``lang`` (Voila's page has none), so that a
    screen reader reads the Dutch interface in Dutch."""

    _esm = _SCROLL_ESM
    target = traitlets.Unicode("").tag(sync=True)
    nonce = traitlets.Int(0).tag(sync=True)
    #: more CSS classes whose elements become polite live regions (no scrolling)
    live = traitlets.List(traitlets.Unicode()).tag(sync=True)
    lang = traitlets.Unicode("").tag(sync=True)
