"""Load the curated FAQ (``faq.yaml``) and check it against the statement.

Schema::

    version: 1
    contact: {section: <id>, quote: <verbatim>}       # cited by the fallback answer
    fallback: {nl: <text>, en: <text>}
    entries:
      - id: kebab-case-id
        section: <statement section id>
        quote: <text that appears verbatim in that section>
        request_type: null | access | rectification | erasure | restriction |
                      portability | objection | complaint
        title: {nl: <question>, en: <question>}   # as shown in "bedoelde u…" suggestions
        questions: {nl: [<variant>, ...], en: [<variant>, ...]}
        answer: {nl: <text>, en: <text>}
        covered: true        # optional; false: the statement does not discuss this topic
                             # at all, the answer says so: the reply is a fallback

``title`` is the question written out properly, as offered to people; the variants are
written as askers type (short, informal, misspelt) and are only matched against.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from privacy_kb.lazyre import lazy
from privacy_kb.statement import Statement, squash
from privacy_kb.vocabulary import REQUEST_TYPES

LANGS = ("nl", "en")
_ID = lazy(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")   # compiled when a FAQ is checked
_MAX_ANSWER = 1200

def _yaml():
    """PyYAML and its fastest safe loader, imported when a FAQ is parsed (a cached
    index needs neither)."""
    import yaml

    # the C loader is several times faster; PyYAML without libyaml still works
    return yaml, getattr(yaml, "CSafeLoader", yaml.SafeLoader)


@dataclass(frozen=True)
class FaqEntry:
    """One curated question with its answers and citation."""

    id: str
    section: str
    quote: str
    questions: dict[str, tuple[str, ...]]
    answer: dict[str, str]
    request_type: str | None = None
    line: int = 0
    titles: dict[str, str] | None = None
    covered: bool = True

    def title(self, lang: str) -> str:
        """The question as shown to people in ``lang``."""
        if self.titles and self.titles.get(lang):
            return self.titles[lang]
        variant = (self.questions.get(lang) or self.questions.get("nl") or ("",))[0]
        variant = variant[:1].upper() + variant[1:]
        return variant if variant.endswith("?") else variant + "?"


@dataclass(frozen=True)
class Faq:
    entries: tuple[FaqEntry, ...]
    contact: dict[str, str]
    fallback: dict[str, str]
    path: str = ""

    def __post_init__(self):
        object.__setattr__(self, "_by_id", {e.id: e for e in self.entries})

    def get(self, entry_id: str) -> FaqEntry | None:
        return self._by_id.get(entry_id)  # type: ignore[attr-defined]


@dataclass(frozen=True)
class FaqProblem:
    """Something wrong with the FAQ; ``entry`` and ``line`` say where."""

    kind: str          # schema | duplicate | unknown-section | stale-quote | uncovered | ...
    message: str
    entry: str | None = None
    line: int = 0
    severity: str = "error"   # "warning": worth a look, does not fail the check

    def __str__(self) -> str:
        where = f"line {self.line}: " if self.line else ""
        who = f"entry {self.entry!r}: " if self.entry else ""
        return f"{where}{self.severity}: {who}{self.message} [{self.kind}]"


class FaqError(ValueError):
    """The FAQ file cannot be used; ``problems`` lists why."""

    def __init__(self, problems: list[FaqProblem]):
        self.problems = problems
        super().__init__("; ".join(str(p) for p in problems))


def default_faq_path() -> Path:
    """The FAQ shipped with the package (the project's top-level ``faq.yaml``)."""
    # The package ships as plain files (a wheel unpacks): no importlib.resources,
    # whose import costs a cold start more than the lookup is worth.
    return Path(__file__).resolve().parent / "data" / "faq.yaml"


def _entry_lines(text: str) -> list[int]:
    """1-based line of each item under ``entries`` (0 when it cannot be told)."""
    yaml, loader = _yaml()
    try:
        root = yaml.compose(text, Loader=loader)
    except yaml.YAMLError:
        return []
    if not isinstance(root, yaml.MappingNode):
        return []
    for key, value in root.value:
        if key.value == "entries" and isinstance(value, yaml.SequenceNode):
            return [item.start_mark.line + 1 for item in value.value]
    return []


def _str_list(value) -> tuple[str, ...] | None:
    if isinstance(value, str):
        return (value,)
    if isinstance(value, list) and value and all(isinstance(v, str) and v.strip()
                                                  for v in value):
        return tuple(v.strip() for v in value)
    return None


def _parse_entry(raw, line: int) -> tuple[FaqEntry | None, list[FaqProblem]]:
    problems: list[FaqProblem] = []
    if not isinstance(raw, dict):
        return None, [FaqProblem("schema", "an entry must be a mapping", None, line)]
    entry_id = raw.get("id")

    def bad(message: str, kind: str = "schema"):
        problems.append(FaqProblem(kind, message, str(entry_id) if entry_id else None, line))

    if not isinstance(entry_id, str) or not _ID.match(entry_id):
        bad("'id' must be a kebab-case string")
    for key in ("section", "quote"):
        if not isinstance(raw.get(key), str) or not raw[key].strip():
            bad(f"'{key}' must be a non-empty string")
    request_type = raw.get("request_type")
    if request_type is not None and request_type not in REQUEST_TYPES:
        bad(f"'request_type' must be empty or one of {', '.join(REQUEST_TYPES)}")
    questions_raw = raw.get("questions")
    answer_raw = raw.get("answer")
    questions: dict[str, tuple[str, ...]] = {}
    answer: dict[str, str] = {}
    for lang in LANGS:
        variants = _str_list(questions_raw.get(lang)) if isinstance(questions_raw, dict) else None
        if not variants:
            bad(f"'questions.{lang}' must be a non-empty list of strings")
        else:
            questions[lang] = variants
        text = answer_raw.get(lang) if isinstance(answer_raw, dict) else None
        if not isinstance(text, str) or not text.strip():
            bad(f"'answer.{lang}' must be a non-empty string")
        elif len(text) > _MAX_ANSWER:
            bad(f"'answer.{lang}' is longer than {_MAX_ANSWER} characters")
        else:
            answer[lang] = " ".join(text.split())
    titles_raw = raw.get("title")
    titles: dict[str, str] | None = None
    if titles_raw is not None:
        if not (isinstance(titles_raw, dict) and all(
                isinstance(titles_raw.get(lang), str) and titles_raw[lang].strip()
                for lang in LANGS)):
            bad("'title' must have non-empty 'nl' and 'en' questions")
        else:
            titles = {lang: titles_raw[lang].strip() for lang in LANGS}
    covered = raw.get("covered", True)
    if not isinstance(covered, bool):
        bad("'covered' must be true or false")
    unknown = set(raw) - {"id", "section", "quote", "request_type", "title", "questions",
                          "answer", "covered"}
    if unknown:
        bad(f"unknown key(s): {', '.join(sorted(map(str, unknown)))}")
    if problems:
        return None, problems
    return FaqEntry(id=entry_id, section=raw["section"].strip(), quote=raw["quote"].strip(),
                    questions=questions, answer=answer, request_type=request_type,
                    line=line, titles=titles, covered=covered is not False), []


def parse_faq(text: str, path: str = "") -> tuple[Faq | None, list[FaqProblem]]:
    """Parse FAQ ``text``; returns the FAQ (None if unusable) and schema problems."""
    yaml, loader = _yaml()
    try:
        data = yaml.load(text, Loader=loader)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        return None, [FaqProblem("yaml", f"not valid YAML: {getattr(exc, 'problem', exc)}",
                                 None, mark.line + 1 if mark else 0)]
    if not isinstance(data, dict) or not isinstance(data.get("entries"), list):
        return None, [FaqProblem("schema", "the file must be a mapping with a list 'entries'")]
    lines = _entry_lines(text) if text else []
    problems: list[FaqProblem] = []
    entries: list[FaqEntry] = []
    seen: dict[str, int] = {}
    for index, raw in enumerate(data["entries"]):
        line = lines[index] if index < len(lines) else 0
        entry, entry_problems = _parse_entry(raw, line)
        problems.extend(entry_problems)
        if entry is None:
            continue
        if entry.id in seen:
            problems.append(FaqProblem(
                "duplicate", f"duplicate id (first at line {seen[entry.id]})", entry.id, line))
            continue
        seen[entry.id] = line
        entries.append(entry)
    contact = data.get("contact")
    if not (isinstance(contact, dict) and isinstance(contact.get("section"), str)
            and isinstance(contact.get("quote"), str)):
        problems.append(FaqProblem("schema", "'contact' needs 'section' and 'quote'"))
        contact = {}
    fallback = data.get("fallback")
    if not (isinstance(fallback, dict) and all(isinstance(fallback.get(lang), str)
                                               and fallback[lang].strip() for lang in LANGS)):
        problems.append(FaqProblem("schema", "'fallback' needs non-empty 'nl' and 'en' texts"))
        fallback = {}
    faq = Faq(entries=tuple(entries), contact=dict(contact),
              fallback={k: " ".join(v.split()) for k, v in dict(fallback).items()}, path=path)
    return faq, problems


def load_faq(path: str | Path | None = None) -> Faq:
    """Load and schema-check a FAQ file.

    Raises
    ------
    FaqError
        When the file has schema problems (it is then not used at all).
    """
    path = Path(path) if path else default_faq_path()
    text = path.read_text(encoding="utf-8")
    faq, problems = parse_faq(text, str(path))
    if problems or faq is None:
        raise FaqError(problems)
    return faq


def check_faq(faq_text: str, statement: Statement, path: str = "",
              reviewed: Statement | None = None) -> list[FaqProblem]:
    """Every problem of a FAQ against a statement; an empty list means all is well.

    Reports schema errors, duplicate ids, sections that do not exist, quotes that no
    longer appear in their section (the statement changed: the answer may be stale)
    and statement sections no entry cites; and, as warnings, question variants that
    read the same as another entry's once normalised.

    ``reviewed`` is the statement the FAQ was last checked against (for the shipped
    FAQ: the shipped statement). Every entry citing a section whose text differs from
    it is reported too, even when its quote is still there: a sentence added beside
    the quote may change the answer.
    """
    from privacy_kb.language import normalise

    faq, problems = parse_faq(faq_text, path)
    if faq is None:
        return problems
    for entry in faq.entries:
        section = statement.get(entry.section)
        if section is None:
            problems.append(FaqProblem("unknown-section",
                                       f"section {entry.section!r} is not in the statement",
                                       entry.id, entry.line))
        elif not section.contains(entry.quote):
            problems.append(FaqProblem(
                "stale-quote",
                f"quote {entry.quote[:60]!r} no longer appears in section {entry.section!r}; "
                "the statement changed, check the answer",
                entry.id, entry.line))
    if reviewed is not None:
        for entry in faq.entries:
            new, old = statement.get(entry.section), reviewed.get(entry.section)
            if new is not None and old is not None and squash(new.text) != squash(old.text):
                problems.append(FaqProblem(
                    "changed-section",
                    f"section {entry.section!r} (line {new.line}) changed since the FAQ "
                    "was reviewed; check that the answer still holds",
                    entry.id, entry.line))
    if faq.contact:
        section = statement.get(faq.contact["section"])
        if section is None or not section.contains(faq.contact["quote"]):
            problems.append(FaqProblem("stale-quote",
                                       "the contact quote no longer appears in its section"))
    for entry in faq.entries:
        if entry.titles is None:
            problems.append(FaqProblem("no-title", "no 'title': suggestions will show the "
                                       "first question variant", entry.id, entry.line,
                                       severity="warning"))
    owner: dict[str, str] = {}
    for entry in faq.entries:
        for lang in LANGS:
            for variant in entry.questions.get(lang, ()):
                key = normalise(variant)
                if key and owner.setdefault(key, entry.id) != entry.id:
                    problems.append(FaqProblem(
                        "ambiguous-variant",
                        f"question {variant!r} reads the same as one of entry "
                        f"{owner[key]!r} once normalised ({key!r})",
                        entry.id, entry.line, severity="warning"))
    cited = {e.section for e in faq.entries}
    for section in statement.substantive():
        if section.id not in cited:
            problems.append(FaqProblem(
                "uncovered", f"section {section.id!r} ({section.title}, line {section.line}) "
                "is cited by no entry", None, 0))
    return problems
