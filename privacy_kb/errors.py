"""Exceptions of the public contract: ``ValidationError`` and ``ConflictError``.

A ``ValidationError`` holds every problem with the input at once, field by field.
Each problem has a stable ``code`` (what tests assert on) and a Dutch and an English
message (what people read). ``str()`` joins all messages, Dutch first, each after the
field's plain name ("Soort verzoek: …" / "Request type: …"); ``fields`` and
``codes()`` keep the identifiers (``request_type``).
"""

from __future__ import annotations

from dataclasses import dataclass

from privacy_kb.vocabulary import field_label


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


class ValidationError(ValueError):
    """Bad input: names every bad field, all at once. Nothing was written.

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
        super().__init__(self.message("nl") + " / " + self.message("en"))

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


class ConflictError(Exception):
    """An edit was based on a stale copy of a request; nothing was changed."""

    nl = CONFLICT_NL
    en = CONFLICT_EN

    def __init__(self, request_id: str = ""):
        self.request_id = request_id
        prefix = f"{request_id}: " if request_id else ""
        super().__init__(f"{prefix}{CONFLICT_NL} / {CONFLICT_EN}")

    def message(self, lang: str = "nl") -> str:
        """The message in ``lang``."""
        return self.en if lang == "en" else self.nl


class NotFoundError(KeyError):
    """No request with that id."""

    def __init__(self, request_id: str):
        self.request_id = request_id
        super().__init__(
            f"Geen verzoek met id {request_id!r} / No request with id {request_id!r}"
        )

    def __str__(self) -> str:  # KeyError quotes its argument; keep the sentence readable
        return self.args[0]


class StoreError(RuntimeError):
    """The register's store cannot be used as asked: a database written by a newer
    release, a missing register file, an operation the backend does not offer.

    The message is one readable line, Dutch first, then English.
    """

    def __init__(self, nl: str, en: str):
        self.nl = nl
        self.en = en
        super().__init__(f"{nl} / {en}")

    def message(self, lang: str = "nl") -> str:
        """The message in ``lang``."""
        return self.en if lang == "en" else self.nl
