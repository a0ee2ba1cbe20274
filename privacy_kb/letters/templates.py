"""Letter templates: the defaults, the sandbox they render in, and what each must say.

A template is a subject line and a plain-text body, both Jinja2 templates rendered in
:class:`jinja2.sandbox.SandboxedEnvironment` (autoescape off: the output is plain text,
never HTML). Requester text (name, description, staff's reasons) reaches a template only
as *values*: it is never part of template source, so ``{{ 7*7 }}`` in a name prints as
typed, and the sandbox keeps staff-edited templates from reaching Python internals.

What the law requires in each letter (REGISTER_RULES.md, "Letters to the requester") is
checked on the *rendered* text, for every case the kind covers (outcome x request type),
with sample values that appear nowhere else: :func:`validate_template` refuses a
template that leaves anything out, naming what and in which case.

Pure: no database, no I/O beyond reading the default files in this package.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from privacy_kb.errors import Problem, ValidationError
from privacy_kb.vocabulary import LANGS, OUTCOMES, REQUEST_TYPES

__all__ = ["KINDS", "LANGS", "Template", "check_kind_lang", "default_template", "validate_template",
           "render", "sample_cases", "case_problems", "checked_source", "describe_case", "REQUIREMENTS"]

KINDS = ("acknowledgement", "info_request", "extension_notice", "decision")
INFO_PURPOSES = ("identity", "clarification")

#: Longest template a member of staff may store (subject + body), in characters.
MAX_TEMPLATE_CHARS = 20_000


@dataclass(frozen=True)
class Template:
    """A letter template: Jinja2 source for the subject line and the body."""

    kind: str
    lang: str
    subject: str
    body: str

    def source(self) -> str:
        """Subject, blank line, body: the form the default files use."""
        return f"{self.subject}\n\n{self.body}"


def _parse(kind: str, lang: str, text: str) -> Template:
    subject, _, body = text.partition("\n\n")
    return Template(kind, lang, subject.strip(), body.rstrip() + "\n")


@lru_cache(maxsize=None)
def default_template(kind: str, lang: str) -> Template:
    """The template this package ships for ``kind`` in ``lang`` ("Restore default")."""
    check_kind_lang(kind, lang)
    text = resources.files(__package__).joinpath("defaults", f"{kind}.{lang}.txt") \
        .read_text(encoding="utf-8")
    return _parse(kind, lang, text)


def check_kind_lang(kind, lang) -> None:
    problems = []
    if kind not in KINDS:
        problems.append(Problem("kind", "unknown_kind",
                                f"Onbekende soort brief {kind!r}; kies uit {', '.join(KINDS)}.",
                                f"Unknown kind of letter {kind!r}; choose from "
                                f"{', '.join(KINDS)}."))
    if lang not in LANGS:
        problems.append(Problem("lang", "unknown_lang",
                                f"Onbekende taal {lang!r}; kies nl of en.",
                                f"Unknown language {lang!r}; choose nl or en."))
    if problems:
        raise ValidationError(problems)


# --- the sandbox --------------------------------------------------------------------

@lru_cache(maxsize=1)
def _env():
    from jinja2 import StrictUndefined
    from jinja2.sandbox import ImmutableSandboxedEnvironment

    # Immutable: a template cannot even change the lists and dicts it is given.
    return ImmutableSandboxedEnvironment(autoescape=False, undefined=StrictUndefined,
                                         trim_blocks=True, lstrip_blocks=True,
                                         keep_trailing_newline=True)


@lru_cache(maxsize=256)
def _compile(source: str):
    return _env().from_string(source)


def _tidy(text: str) -> str:
    """No trailing spaces, at most one blank line in a row, one final newline."""
    lines = [line.rstrip() for line in text.replace("\r\n", "\n").split("\n")]
    out: list[str] = []
    for line in lines:
        if line == "" and (not out or out[-1] == ""):
            continue
        out.append(line)
    return "\n".join(out).strip("\n") + "\n"


def render(template: Template, context: dict) -> tuple[str, str]:
    """(subject, body) of ``template`` filled with ``context`` (plain values only).

    Raises the template's own error (jinja2 ``TemplateError``) when it cannot render;
    :func:`validate_template` turns those into a ValidationError before a template is
    ever stored.
    """
    subject = _compile(template.subject).render(context)
    body = _compile(template.body).render(context)
    return " ".join(subject.split()), _tidy(body)


# --- what each letter must say --------------------------------------------------------

# Sample values that occur nowhere in any template: finding one in the rendered text
# proves the template printed that field.
SAMPLE = {
    "id": "VZ-2099-0427",
    "received": dt.date(2099, 1, 5),
    "due": dt.date(2099, 2, 5),
    "new_due": dt.date(2099, 4, 6),
    "ground": "Art. 12(5) AVG, voorbeeldgrond 61",
    "reasons": "Voorbeeldmotivering 4471 over de weigering.",
    "justification": "Voorbeeldonderbouwing 9138 van de verlenging.",
    "details": "Voorbeeldvraag 5520: welk account bedoelt u?",
}


@dataclass(frozen=True)
class Requirement:
    """One thing a letter must say: a code, what to look for, and its name."""

    code: str
    nl: str
    en: str
    # any of these (case-insensitive) must be in the body; "{x}" is a context value
    any_of: tuple[str, ...]


def _req(code, nl, en, *any_of):
    return Requirement(code, nl, en, tuple(any_of))


ID = _req("missing_id", "het nummer van het verzoek", "the request's number", "{id}")
RECEIVED = _req("missing_received", "de datum van ontvangst", "the date received",
                "{received}")
DUE = _req("missing_due", "de wettelijke termijn (uiterste datum)", "the legal due date",
           "{due}")
NEW_DUE = _req("missing_new_due", "de nieuwe uiterste datum", "the new due date",
               "{new_due}")
EXT_REASON = _req("missing_extension_reason", "de reden van de verlenging",
                  "the reason for the extension", "{extension_reason}")
EXT_JUSTIFICATION = _req("missing_extension_justification",
                         "de onderbouwing van de verlenging",
                         "the justification of the extension", "{extension_justification}")
DETAILS = _req("missing_details", "wat u van de verzoeker nodig hebt",
               "what you need from the requester", "{details}")
GROUND = _req("missing_ground", "de grond van het besluit", "the ground of the decision",
              "{ground}")
REASONS = _req("missing_reasons", "de motivering", "the reasons", "{reasons}")
AP = _req("missing_complaint_route",
          "het recht op een klacht bij de Autoriteit Persoonsgegevens, met de route "
          "(de link naar het klachtformulier)",
          "the right to complain to the Autoriteit Persoonsgegevens, with the route "
          "(the link to its complaint form)", "{ap_url}")
COURT = _req("missing_court", "het recht om naar de rechter te gaan",
             "the right to go to court", "rechter", "court", "judicial remedy")
ENCLOSED = _req("missing_enclosure", "wat er is bijgevoegd (de gegevens in de bijlage)",
                "what is enclosed (the data attached)",
                "bijlage", "bijgevoegd", "enclosed", "attached")
RECIPIENTS = _req("missing_recipients",
                  "dat de ontvangers van de gegevens zijn ingelicht (artikel 19 AVG)",
                  "that the recipients of the data were informed (Article 19 GDPR)",
                  "ontvangers", "recipients")
BLOCKLIST = _req("missing_blocklist", "dat de verzoeker op de blokkeerlijst staat",
                 "that the requester is on the blocklist",
                 "blokkeerlijst", "blocklist", "do-not-mail", "suppression list")
DEADLINE_RUNS = _req("missing_deadline_runs",
                     "dat de termijn doorloopt vanaf de ontvangst",
                     "that the time limit keeps running from receipt",
                     "termijn loopt door", "keeps running", "blijft lopen",
                     "continues to run")


def requirements(kind: str, case: dict) -> list[Requirement]:
    """What a ``kind`` letter must say in ``case`` (outcome, request type, …)."""
    if kind == "acknowledgement":
        return [ID, RECEIVED, DUE]
    if kind == "info_request":
        return [ID, DUE, DETAILS, DEADLINE_RUNS]
    if kind == "extension_notice":
        return [ID, NEW_DUE, EXT_REASON, EXT_JUSTIFICATION]
    out = [ID]
    outcome, rtype = case["outcome"], case["request_type"]
    if outcome in ("partly", "refused"):
        out += [GROUND, REASONS, AP, COURT]
    if outcome in ("granted", "partly"):
        if rtype in ("access", "portability"):
            out.append(ENCLOSED)
        if rtype in ("rectification", "erasure", "restriction"):
            out.append(RECIPIENTS)
        if rtype == "objection" and case.get("direct_marketing") and outcome == "granted":
            out.append(BLOCKLIST)
    return out


REQUIREMENTS = requirements


def sample_cases(kind: str) -> list[dict]:
    """The cases a ``kind`` template must handle: one per request type, and for a
    decision one per outcome too (an objection to direct marketing only granted)."""
    cases = []
    for rtype in REQUEST_TYPES:
        for dm in ((False, True) if rtype == "objection" else (False,)):
            if kind != "decision":
                purposes = INFO_PURPOSES if kind == "info_request" else (None,)
                cases += [{"request_type": rtype, "direct_marketing": dm, "outcome": None,
                           "purpose": p} for p in purposes]
                continue
            for outcome in OUTCOMES:
                if dm and outcome != "granted":
                    continue
                cases.append({"request_type": rtype, "direct_marketing": dm,
                              "outcome": outcome, "purpose": None})
    return cases


def describe_case(kind: str, case: dict, lang: str) -> str:
    """Plain words for a case, e.g. 'besluit "afgewezen" op een verzoek om inzage'."""
    from privacy_kb.letters.wording import outcome_label, type_label

    what = type_label(case["request_type"], lang, case.get("direct_marketing"))
    if kind == "decision":
        verdict = outcome_label(case["outcome"], lang)
        return (f'decision "{verdict}" on a {what}' if lang == "en"
                else f'besluit "{verdict}" op een {what}')
    if kind == "info_request":
        purpose = case["purpose"]
        if lang == "en":
            return f"{'identity' if purpose == 'identity' else 'clarification'}, {what}"
        return f"{'identiteit' if purpose == 'identity' else 'verduidelijking'}, {what}"
    return what


def _present(req: Requirement, body: str, values: dict) -> bool:
    low = body.lower()
    return any(alt.format(**values).lower() in low for alt in req.any_of)


def case_problems(template: Template, case: dict) -> list[Problem]:
    """What ``template`` gets wrong on the sample request of one ``case`` (one of
    :func:`sample_cases`): it cannot be filled in (``template_error``), its subject
    comes out empty, or it leaves out something the law requires there (one
    ``missing_…`` problem each). Every message names the case in plain words. An
    empty list: the template is right for this case."""
    from jinja2 import TemplateError

    from privacy_kb.letters.drafting import context_for, sample_request

    kind, lang = template.kind, template.lang
    where_nl, where_en = describe_case(kind, case, "nl"), describe_case(kind, case, "en")
    context = context_for(sample_request(case), kind, lang, purpose=case["purpose"],
                          details=SAMPLE["details"])
    try:
        rendered_subject, rendered = render(template, context)
    except (TemplateError, ArithmeticError, TypeError, ValueError, KeyError,
            AttributeError, IndexError, RecursionError) as exc:
        return [Problem("template", "template_error",
                        f"Het sjabloon kan niet worden ingevuld ({where_nl}): {exc}",
                        f"The template cannot be filled in ({where_en}): {exc}")]
    out = []
    if not rendered_subject:
        out.append(Problem("template", "empty_subject", "De onderwerpregel blijft leeg.",
                           "The subject line comes out empty."))
    values = {k: v for k, v in context.items() if isinstance(v, str)}
    values["ap_url"] = context["ap"]["url"]
    for req in requirements(kind, case):
        if not _present(req, rendered, values):
            out.append(Problem("template", req.code,
                               f"Het sjabloon noemt {req.nl} niet (bij {where_nl}).",
                               f"The template leaves out {req.en} (for a {where_en})."))
    return out


def validate_template(kind: str, lang: str, subject: str, body: str) -> Template:
    """The template, checked: it compiles, renders in the sandbox for every case of its
    kind, and says everything the law requires in each.

    Raises
    ------
    ValidationError
        Field ``template``, codes ``template_syntax``, ``template_error``,
        ``template_too_long``, ``empty_subject``, or one ``missing_…`` code per missing
        item (``missing_complaint_route``, ``missing_new_due``, ``missing_id``, …),
        naming the item and the first case it is missing in.
    """
    template = checked_source(kind, lang, subject, body)
    missing: dict[str, Problem] = {}
    for case in sample_cases(kind):
        for problem in case_problems(template, case):
            if problem.code == "template_error":
                raise ValidationError([problem])
            missing.setdefault(problem.code, problem)
    if missing:
        raise ValidationError(list(missing.values()))
    return template


def checked_source(kind: str, lang: str, subject: str, body: str) -> Template:
    """The template, if its source can be used at all: a known kind and language, not
    too long, a subject line, both parts valid Jinja2. Whether it says what the law
    requires is :func:`case_problems`' question (per case).

    Raises
    ------
    ValidationError
        Codes ``unknown_kind``, ``unknown_lang``, ``template_too_long``,
        ``empty_subject``, ``template_syntax``.
    """
    from jinja2 import TemplateSyntaxError

    check_kind_lang(kind, lang)
    subject = "" if subject is None else str(subject)
    body = "" if body is None else str(body)
    if len(subject) + len(body) > MAX_TEMPLATE_CHARS:
        raise ValidationError([Problem(
            "template", "template_too_long",
            f"Het sjabloon is te lang (meer dan {MAX_TEMPLATE_CHARS} tekens).",
            f"The template is too long (over {MAX_TEMPLATE_CHARS} characters).")])
    if not subject.strip():
        raise ValidationError([Problem("template", "empty_subject",
                                       "Het sjabloon heeft geen onderwerpregel.",
                                       "The template has no subject line.")])
    template = Template(kind, lang, subject.strip(), body)
    for part, source in (("onderwerp/subject", subject), ("tekst/body", body)):
        try:
            _compile(source)
        except TemplateSyntaxError as exc:
            raise ValidationError([Problem(
                "template", "template_syntax",
                f"Fout in het sjabloon ({part.split('/')[0]}, regel {exc.lineno}): "
                f"{exc.message}",
                f"Error in the template ({part.split('/')[1]}, line {exc.lineno}): "
                f"{exc.message}")]) from None
    return template
