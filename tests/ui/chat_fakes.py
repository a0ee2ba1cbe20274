"""A small stand-in for the answering engine that keeps DESIGN.md's "Asking" contract
exactly: ``ask(text, previous=None)`` returns a reply with ``parts`` (one Reply per
question found, ``[]`` for a single question), ``draft_reply(text)`` returns a str.

The chat is written against that contract; these fakes let its tests pin what the
chat does with each part of it, whatever the real engine answers today.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field

SOURCE = {"id": "cookies", "title": "Cookies", "quote": "_ga",
          "passage": "Wij gebruiken analytische cookies van Google (_ga)."}


@dataclass
class ContractReply:
    """The reply of DESIGN.md "Asking", field for field."""

    answered: bool
    text: str
    lang: str = "nl"
    source: dict | None = None
    score: float = 80.0
    faq_id: str | None = None
    suggestions: list[str] = field(default_factory=list)
    request_type: str | None = None
    question: str = ""
    parts: list["ContractReply"] = field(default_factory=list)

    def to_dict(self) -> dict:
        return asdict(self)


def answer(question: str, text: str, *, lang: str = "nl", source: dict | None = SOURCE,
           request_type: str | None = None, suggestions=(), answered: bool = True
           ) -> ContractReply:
    return ContractReply(answered=answered, text=text, lang=lang, source=source,
                         faq_id="x" if answered else None, suggestions=list(suggestions),
                         request_type=request_type, question=question)


class ContractBot:
    """Answers from a dict text -> reply; anything else gets a fallback. Records every
    ``ask`` with the ``previous`` it was given and every ``draft_reply``."""

    FALLBACK = "Daar heb ik geen antwoord op. Mail info@softwareborg.nl of bel 050 535 0143."

    def __init__(self, replies: dict | None = None, drafts: dict | None = None):
        self.replies = dict(replies or {})
        self.drafts = dict(drafts or {})
        self.calls: list[tuple[str, object]] = []
        self.drafted: list[str] = []

    def ask(self, text, previous=None):
        self.calls.append((text, previous))
        if text in self.replies:
            return self.replies[text]
        return answer(text, self.FALLBACK, source=None, answered=False)

    def draft_reply(self, text) -> str:
        self.drafted.append(text)
        return self.drafts.get(text, "Beste heer/mevrouw,\n\nDank voor uw bericht.")
