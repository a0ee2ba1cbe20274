"""Dutch and English labels of the app, as the UI code looks them up.

A thin view of :mod:`privacy_kb.texts`, the one catalog of texts: the lookups below
keep their names and signatures, and every text lives in the catalog (add a text to
:data:`privacy_kb.texts.CATALOG`, never here). Dutch is the default; an unknown key or
value shows up as itself, a readable word instead of an error.
"""

from __future__ import annotations

from privacy_kb import texts as _texts
from privacy_kb.texts import norm_lang
from privacy_kb.vocabulary import (CHANNELS, EXTENSION_REASONS, IDENTITY_METHODS,
                                   OPEN_STATUSES, OUTCOMES, REQUEST_TYPES, STATUSES)
from privacy_kb.vocabulary import field_label as _field_label

__all__ = ["CHANNELS", "EXTENSION_REASONS", "IDENTITY_METHODS", "OPEN_STATUSES", "OUTCOMES",
           "REQUEST_TYPES", "STATUSES", "t", "type_label", "channel_label", "status_label",
           "reason_label", "decision_label", "method_label", "action_label", "field_label",
           "options", "norm_lang", "EXPORT_CHOICES"]


#: Export choices: key -> (export_csv keyword arguments, Dutch label, English label).
EXPORT_CHOICES = {
    "standard": ({"profile": "excel-nl", "columns": "standard"},
                 *_texts.CATALOG["export.standard"]),
    "pseudonymised": ({"profile": "excel-nl", "columns": "pseudonymised"},
                      *_texts.CATALOG["export.pseudonymised"]),
    "plain": ({"profile": "plain", "columns": "standard"}, *_texts.CATALOG["export.plain"]),
}


def t(key: str, lang: str = "nl") -> str:
    """The interface text ``key`` in ``lang``; the key itself when missing."""
    return _texts.text(key, lang)


def type_label(value: str | None, lang: str = "nl") -> str:
    """Label of a request type (``"erasure"`` -> ``"Verwijdering (art. 17)"``)."""
    return _texts.label("request_type", value, lang)


def channel_label(value: str | None, lang: str = "nl") -> str:
    """Label of a channel."""
    return _texts.label("channel", value, lang)


def status_label(value: str | None, lang: str = "nl") -> str:
    """Label of a status."""
    return _texts.label("status", value, lang)


def reason_label(value: str | None, lang: str = "nl") -> str:
    """Label of an extension reason."""
    return _texts.label("extension_reason", value, lang)


def decision_label(value: str | None, lang: str = "nl") -> str:
    """Label of a decision (granted, partly, refused)."""
    return _texts.label("decision", value, lang)


def method_label(value: str | None, lang: str = "nl") -> str:
    """Label of an identity-check method."""
    return _texts.label("identity_method", value, lang)


def action_label(value: str | None, lang: str = "nl") -> str:
    """Label of an audit action."""
    return _texts.label("audit_action", value, lang)


def field_label(field: str, lang: str = "nl") -> str:
    """Label of a register field, for messages such as ``E-mailadres: not valid``;
    the same table the register's own messages use
    (:data:`privacy_kb.vocabulary.FIELD_LABELS`)."""
    return _field_label(field, norm_lang(lang))


def options(values, labeller, lang: str = "nl") -> list[tuple[str, str]]:
    """``(label, value)`` pairs for a Dropdown, in vocabulary order."""
    return [(labeller(v, lang), v) for v in values]
