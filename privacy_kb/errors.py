"""The desk's one error family: :class:`DeskError` and what derives from it.

Every error the library raises on purpose is a ``DeskError``: it carries a stable
``code`` (what tests and programs look at) and a message in Dutch and in English (what
people read). ``str()`` is one line, Dutch first, then English. Each edge catches
``DeskError`` once: the command line prints ``Error: …`` and exits 1, a widget shows
``message(lang)`` beside its field, a report shows it instead of figures.

* :class:`ValidationError` (also a ``ValueError``) — bad input; holds every problem
  at once, field by field (each a :class:`Problem` with its own code); nothing was
  written.
* :class:`ConflictError` — an edit based on a stale copy; nothing was changed.
* :class:`NotFoundError` (also a ``KeyError``) — no request with that id.
* :class:`StoreError` (also a ``RuntimeError``) — the store cannot be used as asked;
  its ``code`` says why (see :data:`STORE_CODES`) and its message names the store
  (path or URL, password masked) and the cause.
"""

from __future__ import annotations

from dataclasses import dataclass

from privacy_kb.vocabulary import field_label

__all__ = ["DeskError", "Problem", "ValidationError", "ConflictError", "NotFoundError",
           "StoreError", "STORE_CODES", "CONFLICT_NL", "CONFLICT_EN"]


class DeskError(Exception):
    """Base of every error the desk raises on purpose: a ``code`` and a message per
    language (``nl``, ``en``).

    Examples
    --------
    >>> err = DeskError("example", "Er ging iets mis.", "Something went wrong.")
    >>> err.code, err.message("en")
    ('example', 'Something went wrong.')
    >>> str(err)
    'Er ging iets mis. / Something went wrong.'
    """

    code: str = "error"

    def __init__(self, code: str, nl: str, en: str):
        self.code = code
        self.nl = nl
        self.en = en
        super().__init__(f"{nl} / {en}")

    def message(self, lang: str = "nl") -> str:
        """The message in ``lang`` ("nl" or "en")."""
        return self.en if lang == "en" else self.nl

    def __str__(self) -> str:
        return f"{self.message('nl')} / {self.message('en')}"


@dataclass(frozen=True)
class Problem:
    """One thing wrong with one field."""

    field: str
    code: str
    nl: str
    en: str

    def text(self, lang: str = "nl") -> str:
        """The message in ``lang`` ("nl" or "en")."""
        return self.en if lang == "en" else self.nl


class ValidationError(DeskError, ValueError):
    """Bad input: names every bad field, all at once. Nothing was written.

    ``code`` is ``"invalid"``; each problem has its own code (:meth:`codes`).

    Parameters
    ----------
    problems : list of Problem
        At least one problem.

    Examples
    --------
    >>> err = ValidationError([Problem("email", "invalid_email", "Geen geldig e-mailadres.",
    ...                                "Not a valid e-mail address.")])
    >>> err.fields
    ['email']
    >>> err.codes()
    {'email': ['invalid_email']}
    """

    def __init__(self, problems: list[Problem]):
        if not problems:
            raise ValueError("ValidationError needs at least one problem")
        self.problems = list(problems)
        super().__init__("invalid", self.message("nl"), self.message("en"))

    @property
    def fields(self) -> list[str]:
        """The bad fields, in the order first reported."""
        return list(dict.fromkeys(p.field for p in self.problems))

    def codes(self) -> dict[str, list[str]]:
        """Field -> list of problem codes."""
        out: dict[str, list[str]] = {}
        for p in self.problems:
            out.setdefault(p.field, []).append(p.code)
        return out

    def messages(self, lang: str = "nl") -> dict[str, list[str]]:
        """Field -> list of messages in ``lang``."""
        out: dict[str, list[str]] = {}
        for p in self.problems:
            out.setdefault(p.field, []).append(p.text(lang))
        return out

    def message(self, lang: str = "nl") -> str:
        """All messages in ``lang`` as one line, each field by its plain name:
        ``Soort verzoek: message; E-mailadres: message``."""
        return "; ".join(f"{field_label(p.field, lang)}: {p.text(lang)}"
                         for p in self.problems)


CONFLICT_NL = "Iemand anders heeft dit verzoek gewijzigd; laad het opnieuw."
CONFLICT_EN = "Someone else changed this request; reload."


class ConflictError(DeskError):
    """An edit was based on a stale copy of a request; nothing was changed."""

    def __init__(self, request_id: str = ""):
        self.request_id = request_id
        super().__init__("conflict", CONFLICT_NL, CONFLICT_EN)

    def __str__(self) -> str:
        prefix = f"{self.request_id}: " if self.request_id else ""
        return f"{prefix}{CONFLICT_NL} / {CONFLICT_EN}"


class NotFoundError(DeskError, KeyError):
    """No request with that id."""

    def __init__(self, request_id: str):
        self.request_id = request_id
        super().__init__("not_found", f"Geen verzoek met id {request_id!r}.",
                         f"No request with id {request_id!r}.")

    def __str__(self) -> str:  # KeyError would quote its argument
        return f"{self.nl} / {self.en}"


#: Codes of :class:`StoreError` and what they mean.
STORE_CODES = {
    "no_register": "there is no register at that place (missing file)",
    "not_a_register": "the database exists but is not a Privacy Desk register",
    "corrupt": "the file is damaged or not a database",
    "read_only": "the store cannot be written (permissions, read-only medium)",
    "disk_full": "no space left to write",
    "unknown_driver": "the URL names a database kind the desk does not support",
    "missing_driver": "the database driver for that URL is not installed",
    "unreachable": "the database server cannot be reached or refused the login",
    "newer_schema": "the register was written by a newer release",
    "schema_upgrade": "no upgrade step to the current schema version",
    "not_supported": "the operation is not offered for this kind of store",
    "target_exists": "the file to write exists already",
    "same_store": "source and destination are the same register",
    "not_empty": "the destination of a copy already holds data",
    "copy_failed": "a copy failed or did not verify",
    "unavailable": "the store failed for another reason (named in the message)",
}


class StoreError(DeskError, RuntimeError):
    """The register's store cannot be used as asked; ``code`` says why
    (:data:`STORE_CODES`), the message names the store and the cause.

    Parameters
    ----------
    nl, en : str
        The message; one readable line each.
    code : str
        One of :data:`STORE_CODES`.
    """

    def __init__(self, nl: str, en: str, code: str = "unavailable"):
        super().__init__(code, nl, en)
