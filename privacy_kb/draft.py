"""A reply e-mail drafted from the assistant's answers (``bot.draft_reply``).

The draft greets the asker by the name they signed with, answers each question found
with the statement's cited section, notes a rights request, and ends with the contact
details; in the asker's language. It only says what the answers say. Nothing is sent.
"""

from __future__ import annotations

_LABELS = {
    "nl": {
        "hello_name": "Beste {name},", "hello": "Beste heer/mevrouw,",
        "thanks": "Dank u voor uw bericht.",
        "one": "Hieronder vindt u het antwoord op uw vraag.",
        "many": "Hieronder vindt u de antwoorden op uw vragen.",
        "asked": "U vroeg: \u201c{q}\u201d",
        "source": "(Bron: onze privacy- en cookieverklaring, \u2018{title}\u2019: \u201c{quote}\u201d)",
        "unknown": "Hierover zegt onze privacy- en cookieverklaring niets; wij komen hier "
                   "persoonlijk bij u op terug.",
        "request": "Uw verzoek ({kind}) hebben wij ontvangen; wij nemen het in behandeling "
                   "en laten u weten wat wij ermee doen.",
        "contact": "Heeft u nog vragen? U bereikt ons via {contact}.",
        "bye": "Met vriendelijke groet,",
        "kinds": {"access": "inzage", "rectification": "rectificatie",
                  "erasure": "verwijdering van gegevens", "restriction": "beperking van de "
                  "verwerking", "portability": "dataportabiliteit", "objection": "bezwaar",
                  "complaint": "klacht"},
        "and": "en",
    },
    "en": {
        "hello_name": "Dear {name},", "hello": "Dear Sir or Madam,",
        "thanks": "Thank you for your message.",
        "one": "Please find the answer to your question below.",
        "many": "Please find the answers to your questions below.",
        "asked": "You asked: \u201c{q}\u201d",
        "source": "(Source: our privacy and cookie statement, \u2018{title}\u2019: \u201c{quote}\u201d)",
        "unknown": "Our privacy and cookie statement does not cover this; we will get back "
                   "to you about it personally.",
        "request": "We have received your request ({kind}); we will handle it and let you "
                   "know what we do with it.",
        "contact": "If you have any further questions, you can reach us at {contact}.",
        "bye": "Kind regards,",
        "kinds": {"access": "access", "rectification": "rectification",
                  "erasure": "erasure", "restriction": "restriction of processing",
                  "portability": "data portability", "objection": "objection",
                  "complaint": "complaint"},
        "and": "and",
    },
}


def compose_draft(reply, name: str, contact: str, organisation: str = "Software Borg") -> str:
    """The draft e-mail text for ``reply`` (a message's :class:`Reply`)."""
    lang = reply.lang if reply.lang in _LABELS else "nl"
    words = _LABELS[lang]
    parts = reply.parts or [reply]
    lines = [words["hello_name"].format(name=name) if name else words["hello"], "",
             words["thanks"] + " " + (words["many"] if len(parts) > 1 else words["one"]), ""]
    for part in parts:
        if len(parts) > 1 and part.question:
            lines.append(words["asked"].format(q=part.question))
        if part.answered:
            lines.append(part.text)
            if part.source:
                lines.append(words["source"].format(title=part.source["title"],
                                                    quote=part.source["quote"]))
        else:
            lines.append(words["unknown"])
        lines.append("")
    if reply.request_type:
        lines += [words["request"].format(kind=words["kinds"].get(reply.request_type,
                                                                 reply.request_type)), ""]
    if contact:
        contact = contact.replace(" en ", f" {words['and']} ")
        lines += [words["contact"].format(contact=contact), ""]
    lines += [words["bye"], organisation]
    return "\n".join(lines)
