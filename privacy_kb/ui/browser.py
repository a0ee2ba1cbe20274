"""Two small widgets that need the browser itself (anywidget, JavaScript inline).

* :class:`CopyButton` — "Kopieer antwoord": copies its ``text`` to the clipboard on
  click (the Clipboard API; ``document.execCommand("copy")`` where that API is missing,
  e.g. a plain-http address that is not localhost) and says "Gekopieerd" next to the
  button. If both fail, the text is shown selected with a hint to press Ctrl+C.
* :class:`PageLanguage` — sets the page's ``<html lang>`` to the app's language from
  the first moment (Voila's page says nothing, so a screen reader guesses).
* :class:`DateFormatHints` — writes, next to every date field of the page, the order in
  which this browser shows and takes a date ("notatie: dd-mm-jjjj"). A page cannot set
  that order: Chromium takes it from its own interface language (chosen at start from
  the system's language, and only if that language is installed: Debian's
  ``chromium-l10n``), not from the page's ``lang`` nor from Accept-Language. So a
  Dutch page in an English browser shows mm/dd/yyyy; the hint says so, in words.
* :class:`SessionMemory` — keeps a small JSON value in the browser tab's
  ``sessionStorage``, so the conversation survives a reload of the page.

Why ``sessionStorage`` (and not the server): questions are often pasted e-mails with
names, addresses and phone numbers. Kept in the staff member's own browser tab they
never land in a file on the server, are not shared with other tabs or users, and are
gone when the tab is closed or "Wis gesprek" is clicked. The kernel holds the
conversation only while the page is open (as before).

Nothing here loads anything from another host: the JavaScript is inline.
"""

from __future__ import annotations

import anywidget
import traitlets

_COPY_ESM = r"""
function legacyCopy(text) {
  const area = document.createElement("textarea");
  area.value = text;
  area.setAttribute("readonly", "");
  area.style.position = "fixed";
  area.style.top = "-1000px";
  document.body.appendChild(area);
  area.select();
  let ok = false;
  try { ok = document.execCommand("copy"); } catch (e) { ok = false; }
  area.remove();
  return ok;
}

function render({ model, el }) {
  el.classList.add("pd-copy-widget");
  const button = document.createElement("button");
  button.type = "button";
  button.className = "jupyter-button widget-button pd-copy-button";
  const status = document.createElement("span");
  status.className = "pd-copy-status";
  status.setAttribute("role", "status");
  status.setAttribute("aria-live", "polite");
  const manual = document.createElement("div");
  manual.className = "pd-copy-manual";
  manual.hidden = true;
  const hint = document.createElement("div");
  hint.className = "pd-note";
  const area = document.createElement("textarea");
  area.readOnly = true;
  area.rows = 6;
  area.className = "pd-copy-area";
  manual.append(hint, area);
  const label = () => {
    button.textContent = model.get("label");
    area.setAttribute("aria-label", model.get("label"));
  };
  label();
  model.on("change:label", label);
  let timer = null;
  button.addEventListener("click", async () => {
    const text = model.get("text");
    let ok = false;
    try {
      if (navigator.clipboard && window.isSecureContext) {
        await navigator.clipboard.writeText(text);
        ok = true;
      }
    } catch (e) { ok = false; }
    if (!ok) { ok = legacyCopy(text); }
    if (ok) {
      manual.hidden = true;
      status.textContent = "\u2713 " + model.get("done_label");
      model.set("copies", model.get("copies") + 1);
      model.save_changes();
      if (timer) { clearTimeout(timer); }
      timer = setTimeout(() => { status.textContent = ""; }, 6000);
    } else {
      hint.textContent = model.get("manual_hint");
      area.value = text;
      manual.hidden = false;
      area.focus();
      area.select();
    }
  });
  el.append(button, status, manual);
}
export default { render };
"""

_MEMORY_ESM = r"""
// one entry per page of the site: the desk and the training page never share it
function storageKey(model) { return model.get("key") + "@" + window.location.pathname; }

function initialize({ model }) {
  model.on("change:saved", () => {
    const value = model.get("saved");
    try {
      if (value) { window.sessionStorage.setItem(storageKey(model), value); }
      else { window.sessionStorage.removeItem(storageKey(model)); }
    } catch (e) { /* storage full or disabled: the app works without it */ }
  });
}

// Restored when the widget is shown, not when its model is made: by then the models
// of the whole app exist, so what the kernel sets in answer (the staff name, the
// conversation) reaches widgets the page already knows.
function render({ model, el }) {
  el.classList.add("pd-session-memory");
  let stored = null;
  try { stored = window.sessionStorage.getItem(storageKey(model)); } catch (e) { stored = null; }
  if (stored && !model.get("restored")) {
    model.set("restored", stored);
    model.save_changes();
  }
}
export default { initialize, render };
"""


class CopyButton(anywidget.AnyWidget):
    """A button that copies ``text`` to the clipboard and says so.

    Traits: ``text`` (what is copied), ``label`` (the button's text), ``done_label``
    (shown after copying), ``manual_hint`` (shown when the browser allows no copying),
    ``copies`` (counted up by the browser after each successful copy).
    """

    _esm = _COPY_ESM
    text = traitlets.Unicode("").tag(sync=True)
    label = traitlets.Unicode("Kopieer").tag(sync=True)
    done_label = traitlets.Unicode("Gekopieerd").tag(sync=True)
    manual_hint = traitlets.Unicode("").tag(sync=True)
    copies = traitlets.Int(0).tag(sync=True)


class SessionMemory(anywidget.AnyWidget):
    """A value kept in the browser tab's ``sessionStorage`` under ``key`` (plus the
    page's path, so two notebooks served from one site keep theirs apart).

    Set ``saved`` (a string; ``""`` removes the entry) to store it; after a reload the
    browser sends what it kept as ``restored`` (once, when the page opens).
    """

    _esm = _MEMORY_ESM
    key = traitlets.Unicode("privacy-desk").tag(sync=True)
    saved = traitlets.Unicode("").tag(sync=True)
    restored = traitlets.Unicode("").tag(sync=True)


_LANG_ESM = r"""
function render({ model, el }) {
  el.classList.add("pd-page-lang");
  const apply = () => { if (model.get("lang")) document.documentElement.lang = model.get("lang"); };
  apply();
  model.on("change:lang", apply);
  return () => model.off("change:lang", apply);
}
export default { render };
"""


class PageLanguage(anywidget.AnyWidget):
    """Keeps the page's ``<html lang>`` equal to ``lang`` ("nl" or "en")."""

    _esm = _LANG_ESM
    lang = traitlets.Unicode("nl").tag(sync=True)


_DATE_HINTS_ESM = r"""
// The order of day, month and year as this browser writes a date, read from Intl: in a
// browser as people run it, Intl's default locale is the interface language, which is
// what Chromium's date fields follow. (Playwright's `locale` option moves Intl but not
// the fields; the tests set the browser's language to match, voila_helpers.py.)
function browserFormat(names) {
  const parts = new Intl.DateTimeFormat(undefined,
    { day: "2-digit", month: "2-digit", year: "numeric" }).formatToParts(new Date(2026, 2, 10));
  return parts.map((p) => (p.type === "literal" ? p.value : (names[p.type] || p.value))).join("");
}
let counter = 0;
function render({ model, el }) {
  el.classList.add("pd-date-hints");
  let queued = false;
  const mark = () => {
    queued = false;
    const text = (model.get("label") || "").replace("{format}",
                                                    browserFormat(model.get("names") || {}));
    document.querySelectorAll('input[type="date"]').forEach((input) => {
      let hint = input.nextElementSibling;
      if (!hint || !hint.classList.contains("pd-date-format")) {
        hint = document.createElement("span");
        hint.className = "pd-date-format";
        // unique on the page, even where two of these widgets (two module copies) mark
        do { hint.id = "pd-date-format-" + (++counter); } while (document.getElementById(hint.id));
        input.after(hint);
      }
      if (hint.textContent !== text) hint.textContent = text;
      if (input.getAttribute("aria-describedby") !== hint.id)
        input.setAttribute("aria-describedby", hint.id);
    });
  };
  const queue = () => { if (!queued) { queued = true; requestAnimationFrame(mark); } };
  // date fields appear later (tabs and forms are built when first opened)
  const observer = new MutationObserver(queue);
  observer.observe(document.body, { childList: true, subtree: true });
  model.on("change:label", queue);
  model.on("change:names", queue);
  mark();
  return () => { observer.disconnect(); model.off("change:label", queue);
                 model.off("change:names", queue); };
}
export default { render };
"""

_DATE_HINTS_CSS = r"""
.pd-date-format { margin-left: 0.5em; font-size: 0.9em; color: #444; white-space: nowrap;
  align-self: center; }
/* on a narrow screen the hint goes under the field instead of past the edge */
.widget-datepicker:has(> .pd-date-format) { flex-wrap: wrap; }
"""


class DateFormatHints(anywidget.AnyWidget):
    """One per page: beside every ``<input type="date">`` (ipywidgets' DatePicker), the
    order in which this browser writes a date, e.g. "notatie: dd-mm-jjjj", tied to the
    field with ``aria-describedby`` (a screen reader reads it with the field).

    ``label`` holds ``{format}``; ``names`` the letters for day, month and year in the
    interface's language (``{"day": "dd", "month": "mm", "year": "jjjj"}``).
    """

    _esm = _DATE_HINTS_ESM
    _css = _DATE_HINTS_CSS
    label = traitlets.Unicode("").tag(sync=True)
    names = traitlets.Dict().tag(sync=True)

