"""The privacy statement as data: sections with stable ids, titles and text.

The statement is plain text as published: blocks separated by blank lines. A block of
one short line without a closing full stop is a heading: ALL CAPS is level 1, a line
ending in ``:`` level 3, any other level 2. The cookie table (rows starting with a
cookie name such as ``_ga``) becomes one section per cookie, below the heading the
table stands under. Section ids are slugs of the titles, so they stay stable as long
as the headings do; a renamed heading makes ``privacy-desk check`` report the entries
that cite the old id.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from privacy_kb.lazyre import lazy

INTRO_ID = "inleiding"
_MAX_HEADING = 90
# Compiled on first use: only parsing the statement needs them, and a cached index
# means an ask parses nothing.
_COOKIE_ROW = lazy(r"^(_[a-z][a-z_]*(?:\.x+)?)(?=[A-Z\s]|$)")
_COOKIE_RETENTION = lazy(
    r"(\d+\s+(?:jaar|jaren|dagen|dag|maanden|maand|weken|week|uur|minuten)"
    r"|alleen de huidige sessie|sessie)\s*$",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class Section:
    """One addressable part of the statement.

    ``text`` is the section's own body (not its subsections'); ``line`` is the
    1-based line of its heading in the source text.
    """

    id: str
    title: str
    level: int
    text: str
    line: int
    parent: str | None = None
    # For cookie rows: name, purpose and retention as printed.
    cookie: dict[str, str] | None = field(default=None, compare=False)

    @property
    def paragraphs(self) -> list[str]:
        return [p for p in self.text.split("\n\n") if p.strip()]

    def passage(self, quote: str) -> str:
        """The paragraph of this section that holds ``quote`` (whole text if none)."""
        return _passage(self.text, quote)

    def contains(self, quote: str) -> bool:
        """True when ``quote`` appears verbatim (up to white space) in the section."""
        return bool(quote.strip()) and squash(quote) in squash(self.title + "\n" + self.text)


@dataclass(frozen=True)
class Statement:
    """The parsed statement: ``sections`` in document order, ``title``."""

    title: str
    sections: tuple[Section, ...]

    def __post_init__(self):
        object.__setattr__(self, "_by_id", {s.id: s for s in self.sections})

    def __getitem__(self, section_id: str) -> Section:
        return self._by_id[section_id]  # type: ignore[attr-defined]

    def __contains__(self, section_id: object) -> bool:
        return section_id in self._by_id  # type: ignore[attr-defined]

    def __iter__(self):
        return iter(self.sections)

    def get(self, section_id: str) -> Section | None:
        return self._by_id.get(section_id)  # type: ignore[attr-defined]

    @property
    def ids(self) -> list[str]:
        return [s.id for s in self.sections]

    def substantive(self) -> list[Section]:
        """Sections with text of their own: the ones a FAQ must cover."""
        return [s for s in self.sections if s.text.strip()]

    def children(self, section_id: str) -> list[Section]:
        return [s for s in self.sections if s.parent == section_id]


@lru_cache(maxsize=1024)
def _passage(text: str, quote: str) -> str:
    # Section.passage, remembered: every reply cites one (the same few, over and over).
    needle = squash(quote)
    for para in text.split("\n\n"):
        if para.strip() and needle in squash(para):
            return para
    return text


def squash(text: str) -> str:
    """Fold white space runs to one space and normalise Unicode (NFC)."""
    return " ".join(unicodedata.normalize("NFC", text).split())


def slugify(text: str) -> str:
    """ASCII slug: ``'Verwerking via de nieuwsbrief'`` -> ``'verwerking-via-de-nieuwsbrief'``."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-") or "sectie"


def _is_heading(block: str) -> bool:
    line = block.strip()
    if "\n" in line or not line or len(line) > _MAX_HEADING:
        return False
    if line.endswith((".", "!", "?", ";", ",")):
        return False
    return not _COOKIE_ROW.match(line)


def _heading_level(title: str) -> int:
    letters = [c for c in title if c.isalpha()]
    if letters and all(c.isupper() for c in letters):
        return 1
    if title.endswith(":"):
        return 3
    return 2


def _display_title(title: str) -> str:
    title = title.strip().rstrip(":").strip()
    letters = [c for c in title if c.isalpha()]
    if letters and all(c.isupper() for c in letters):
        return title[0] + title[1:].lower()
    return title


def _split_cookie_rows(block: str) -> list[tuple[int, str]] | None:
    """(line offset, row text) per cookie if ``block`` is the cookie table, else None."""
    lines = block.split("\n")
    rows: list[tuple[int, list[str]]] = []
    for offset, line in enumerate(lines):
        if _COOKIE_ROW.match(line.strip()):
            rows.append((offset, [line.strip()]))
        elif rows:
            rows[-1][1].append(line.strip())
    if not rows:
        return None
    return [(offset, " ".join(parts)) for offset, parts in rows]


def _parse_cookie(row: str) -> dict[str, str]:
    name = _COOKIE_ROW.match(row).group(1)  # type: ignore[union-attr]
    rest = row[len(name):].strip()
    m = _COOKIE_RETENTION.search(rest)
    retention = m.group(1).strip() if m else ""
    purpose = rest[: m.start()].strip() if m else rest
    return {"name": name, "purpose": purpose, "retention": retention}


def parse_statement(text: str) -> Statement:
    """Split statement ``text`` into sections.

    Parameters
    ----------
    text : str
        The statement as published (plain text, blocks separated by blank lines).

    Returns
    -------
    Statement
        Sections in document order. The text before the first heading is the
        section ``"inleiding"``, titled with the statement's first line.
    """
    text = unicodedata.normalize("NFC", text.replace("\r\n", "\n").replace("\r", "\n"))
    raw_lines = text.split("\n")
    # Blocks with the 1-based line number of their first line.
    blocks: list[tuple[int, str]] = []
    current: list[str] = []
    start = 1
    for number, line in enumerate(raw_lines, start=1):
        if line.strip():
            if not current:
                start = number
            current.append(line.rstrip())
        elif current:
            blocks.append((start, "\n".join(current)))
            current = []
    if current:
        blocks.append((start, "\n".join(current)))
    if not blocks:
        return Statement(title="", sections=())

    doc_title = blocks[0][1].strip()
    sections: list[dict] = [
        {"id": INTRO_ID, "title": doc_title, "level": 0, "line": blocks[0][0],
         "parent": None, "body": [], "cookie": None}
    ]
    parents: dict[int, str] = {0: INTRO_ID}
    used_ids = {INTRO_ID}

    def new_id(base: str) -> str:
        candidate, n = base, 2
        while candidate in used_ids:
            candidate, n = f"{base}-{n}", n + 1
        used_ids.add(candidate)
        return candidate

    for line_no, block in blocks[1:]:
        cookie_rows = _split_cookie_rows(block)
        if cookie_rows is not None:
            table_parent = sections[-1]
            header = block.split("\n")[: cookie_rows[0][0]]
            if header:
                table_parent["body"].append("\n".join(header))
            for offset, row in cookie_rows:
                cookie = _parse_cookie(row)
                sections.append({
                    "id": new_id("cookie-" + slugify(cookie["name"].split(".")[0])),
                    "title": f"Cookie {cookie['name']}",
                    "level": table_parent["level"] + 1,
                    "line": line_no + offset,
                    "parent": table_parent["id"],
                    "body": [row],
                    "cookie": cookie,
                })
            # Text after the table belongs to the heading above it again.
            sections.append({"continue": table_parent["id"]})
            continue
        if _is_heading(block):
            title = block.strip()
            level = _heading_level(title)
            parent = None
            for lvl in range(level - 1, 0, -1):
                if lvl in parents:
                    parent = parents[lvl]
                    break
            sid = new_id(slugify(_display_title(title)))
            parents = {k: v for k, v in parents.items() if k < level}
            parents[level] = sid
            sections.append({"id": sid, "title": _display_title(title), "level": level,
                             "line": line_no, "parent": parent, "body": [], "cookie": None})
            continue
        # A paragraph: goes to the last real section (or back to the table's heading).
        target = sections[-1]
        if "continue" in target:
            target = next(s for s in sections if s.get("id") == target["continue"])
        target["body"].append(block)

    result = tuple(
        Section(id=s["id"], title=s["title"], level=s["level"], text="\n\n".join(s["body"]),
                line=s["line"], parent=s["parent"], cookie=s["cookie"])
        for s in sections if "continue" not in s
    )
    return Statement(title=doc_title, sections=result)


def default_statement_path() -> Path:
    """Path of the statement shipped with the package."""
    # The package ships as plain files (a wheel unpacks): no importlib.resources,
    # whose import costs a cold start more than the lookup is worth.
    return Path(__file__).resolve().parent / "data" / "privacyverklaring.txt"


@lru_cache(maxsize=8)
def _load_cached(path: str) -> Statement:
    return parse_statement(Path(path).read_text(encoding="utf-8"))


def load_statement(path: str | Path | None = None) -> Statement:
    """Parse the statement at ``path`` (default: the one shipped with the package)."""
    return _load_cached(str(Path(path) if path else default_statement_path()))
