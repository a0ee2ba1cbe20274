"""Dutch and English labels of the app: interface texts and the vocabularies.

The register stores request types, channels and statuses as fixed English strings
(DESIGN.md, "Vocabularies"); people see the labels below. Dutch is the default; every
lookup falls back to Dutch, then to the key itself, so a missing label shows up as a
readable word instead of an error.
"""

from __future__ import annotations

from privacy_kb.register.schema import (CHANNELS, EXTENSION_REASONS, IDENTITY_METHODS,
                                       OPEN_STATUSES, OUTCOMES, REQUEST_TYPES, STATUSES)
from privacy_kb.vocabulary import field_label as _field_label

LANGS = ("nl", "en")
__all__ = ["CHANNELS", "EXTENSION_REASONS", "IDENTITY_METHODS", "OPEN_STATUSES", "OUTCOMES",
           "REQUEST_TYPES", "STATUSES", "t", "type_label", "channel_label", "status_label",
           "reason_label", "decision_label", "method_label", "action_label", "field_label",
           "options", "norm_lang", "EXPORT_CHOICES"]

REQUEST_TYPE_LABELS = {
    "nl": {"access": "Inzage (art. 15)", "rectification": "Rectificatie (art. 16)",
           "erasure": "Verwijdering (art. 17)", "restriction": "Beperking (art. 18)",
           "portability": "Overdraagbaarheid (art. 20)", "objection": "Bezwaar (art. 21)",
           "complaint": "Klacht"},
    "en": {"access": "Access (Art. 15)", "rectification": "Rectification (Art. 16)",
           "erasure": "Erasure (Art. 17)", "restriction": "Restriction (Art. 18)",
           "portability": "Portability (Art. 20)", "objection": "Objection (Art. 21)",
           "complaint": "Complaint"},
}

CHANNEL_LABELS = {
    "nl": {"email": "E-mail", "web": "Website", "phone": "Telefoon", "post": "Post",
           "in_person": "Aan de balie", "other": "Anders"},
    "en": {"email": "E-mail", "web": "Website", "phone": "Phone", "post": "Post",
           "in_person": "In person", "other": "Other"},
}

STATUS_LABELS = {
    "nl": {"received": "Ontvangen", "identity_check": "Identiteitscontrole",
           "in_progress": "In behandeling", "answered": "Beantwoord", "closed": "Gesloten",
           "withdrawn": "Ingetrokken"},
    "en": {"received": "Received", "identity_check": "Identity check",
           "in_progress": "In progress", "answered": "Answered", "closed": "Closed",
           "withdrawn": "Withdrawn"},
}

EXTENSION_REASON_LABELS = {
    "nl": {"complexity": "Complexiteit", "number_of_requests": "Aantal verzoeken"},
    "en": {"complexity": "Complexity", "number_of_requests": "Number of requests"},
}

DECISION_LABELS = {
    "nl": {"granted": "Toegewezen", "partly": "Deels toegewezen", "refused": "Afgewezen"},
    "en": {"granted": "Granted", "partly": "Partly granted", "refused": "Refused"},
}

IDENTITY_METHOD_LABELS = {
    "nl": {"existing_channel": "Via bestaand contactkanaal",
           "email_confirmation": "Bevestiging per e-mail",
           "id_shown": "Identiteitsbewijs getoond (niet gekopieerd)", "other": "Anders"},
    "en": {"existing_channel": "Existing contact channel",
           "email_confirmation": "E-mail confirmation",
           "id_shown": "ID document shown (not copied)", "other": "Other"},
}

AUDIT_ACTION_LABELS = {
    "nl": {"received": "Ontvangen", "updated": "Gewijzigd", "status": "Status",
           "acknowledged": "Ontvangst bevestigd", "info_requested": "Informatie gevraagd",
           "info_received": "Informatie ontvangen", "identity": "Identiteit",
           "extended": "Verlengd", "decided": "Besluit", "anonymised": "Geanonimiseerd"},
    "en": {"received": "Received", "updated": "Edited", "status": "Status",
           "acknowledged": "Acknowledged", "info_requested": "Information requested",
           "info_received": "Information received", "identity": "Identity",
           "extended": "Extended", "decided": "Decision", "anonymised": "Anonymised"},
}

#: Interface texts, by key.
TEXTS = {
    "nl": {
        # app
        "app.title": "Privacy Desk",
        "app.tab.chat": "Vragen",
        "app.tab.intake": "Verzoek registreren",
        "app.tab.register": "Register",
        "app.staff": "Medewerker",
        "app.staff.placeholder": "uw naam (voor het logboek)",
        "app.lang": "Taal",
        "app.db": "Het register wordt opgeslagen in",
        "app.db.error": "Het register kan niet worden geopend",
        "app.db.unavailable": "Het register is niet beschikbaar; zie de melding bovenaan.",
        # chat
        "chat.placeholder": "Stel een vraag over de privacyverklaring en druk op Enter",
        "chat.send": "Vraag",
        "chat.empty": "Nog geen vragen. Typ een vraag hierboven.",
        "chat.you": "Vraag",
        "chat.answer": "Antwoord",
        "chat.source": "Bron",
        "chat.passage": "Toon de passage uit de privacyverklaring",
        "chat.unsure": "Ik weet niet zeker of dit uw vraag beantwoordt.",
        "chat.didyoumean": "Bedoelde u",
        "chat.fallback": "Geen antwoord gevonden",
        "chat.copy": "Kopieer antwoord",
        "chat.copy.hide": "Verberg kopieertekst",
        "chat.copy.hint": "Selecteer de tekst en kopieer met Ctrl+C (Cmd+C op een Mac).",
        "chat.register": "Registreer dit verzoek",
        "chat.request_detected": "Dit lijkt een verzoek of klacht",
        "chat.error": "Het antwoord kon niet worden gemaakt. Probeer het opnieuw.",
        "chat.clear": "Wis gesprek",
        "chat.no_faq": "De vragenlijst (FAQ) kan niet worden geladen; vragen beantwoorden "
                       "lukt nu niet. Registreren en het register werken wel.",
        # intake
        "intake.intro": "Velden met * zijn verplicht; vul een e-mailadres of telefoonnummer in.",
        "intake.type": "Soort *",
        "intake.name": "Naam *",
        "intake.email": "E-mail",
        "intake.phone": "Telefoon",
        "intake.organisation": "Organisatie",
        "intake.on_behalf_of": "Namens",
        "intake.channel": "Kanaal *",
        "intake.received": "Ontvangen op *",
        "intake.description": "Omschrijving",
        "intake.authority_checked": "Machtiging gecontroleerd",
        "intake.direct_marketing": "Bezwaar tegen direct marketing",
        "intake.handler": "Behandelaar",
        "intake.submit": "Registreer",
        "intake.clear": "Leeg formulier",
        "intake.ok": "Verzoek geregistreerd",
        "intake.id": "Nummer",
        "intake.due": "Wettelijke termijn",
        "intake.due_nominal": "nominaal",
        "intake.fix": "Het verzoek is niet opgeslagen. Verbeter:",
        "intake.prefilled": "Ingevuld vanuit de vraag; vul de gegevens van de aanvrager aan.",
        "intake.missing_date": "Vul de datum van ontvangst in.",
        "intake.busy": "Bezig…",
        # register
        "reg.filter.status": "Status",
        "reg.filter.type": "Soort",
        "reg.filter.deadline": "Termijn",
        "reg.all": "Alle",
        "reg.open": "Open (alle)",
        "reg.overdue": "Te laat",
        "reg.due_soon": "Binnenkort (7 dagen)",
        "reg.refresh": "Vernieuw",
        "reg.count": "verzoeken",
        "reg.empty": "Geen verzoeken die aan de filters voldoen.",
        "reg.select": "Verzoek",
        "reg.select.none": "— kies een verzoek —",
        "reg.nothing_selected": "Kies eerst een verzoek.",
        "reg.col.id": "Nummer",
        "reg.col.type": "Soort",
        "reg.col.status": "Status",
        "reg.col.received": "Ontvangen",
        "reg.col.due": "Termijn",
        "reg.col.name": "Naam",
        "reg.col.flag": "Let op",
        "reg.flag.overdue": "⚠ te laat",
        "reg.flag.due_soon": "binnenkort",
        "reg.details": "Gegevens",
        "reg.history": "Geschiedenis",
        "reg.history.at": "Tijdstip",
        "reg.history.actor": "Door",
        "reg.history.action": "Actie",
        "reg.history.changes": "Wijzigingen",
        "reg.history.note": "Notitie",
        "reg.history.empty": "Geen geschiedenis.",
        "reg.status.new": "Nieuwe status",
        "reg.status.note": "Notitie",
        "reg.status.apply": "Wijzig status",
        "reg.status.ok": "Status gewijzigd",
        "reg.extend.reason": "Reden",
        "reg.extend.justification": "Onderbouwing *",
        "reg.extend.apply": "Verleng termijn",
        "reg.extend.ok": "Termijn verlengd tot",
        "reg.export.profile": "Export",
        "reg.export.apply": "Exporteer CSV",
        "reg.export.ok": "Download",
        "reg.export.rows": "regels",
        "reg.change": "Status wijzigen",
        "reg.extend": "Termijn verlengen (eenmalig, binnen de eerste maand)",
        "reg.exports": "Exporteren",
        "reg.actions": "Acties",
        "reg.fix": "niet opgeslagen. Verbeter:",
        "reg.act.ack": "Ontvangst",
        "reg.act.identity": "Identiteit",
        "reg.act.extend": "Verlengen",
        "reg.act.decide": "Besluit",
        "reg.act.status": "Status",
        "reg.act.edit": "Gegevens wijzigen",
        "reg.not_open": "Dit verzoek is niet meer open; deze actie kan niet meer.",
        "reg.ack.intro": "Leg vast dat de verzoeker een ontvangstbevestiging heeft gekregen.",
        "reg.ack.on": "Bevestigd op",
        "reg.ack.apply": "Leg ontvangstbevestiging vast",
        "reg.ack.ok": "Ontvangstbevestiging vastgelegd",
        "reg.info.intro": "Extra informatie vragen (bijvoorbeeld om de identiteit vast te "
                          "stellen) houdt de termijn niet aan.",
        "reg.info.on": "Datum",
        "reg.info.note": "Notitie",
        "reg.info.request": "Informatie gevraagd",
        "reg.info.receive": "Informatie ontvangen",
        "reg.info.requested_ok": "Verzoek om informatie vastgelegd",
        "reg.info.received_ok": "Ontvangst van informatie vastgelegd",
        "reg.identity.intro": "Noteer nooit een BSN of documentnummer en bewaar geen kopie "
                              "van een identiteitsbewijs: alleen dat en hoe de identiteit "
                              "is vastgesteld.",
        "reg.identity.verified": "Identiteit vastgesteld *",
        "reg.identity.yes": "Ja, vastgesteld",
        "reg.identity.no": "Nee, niet vastgesteld",
        "reg.identity.method": "Methode *",
        "reg.identity.note": "Notitie",
        "reg.identity.on": "Gecontroleerd op",
        "reg.identity.apply": "Leg identiteitscontrole vast",
        "reg.identity.ok": "Identiteitscontrole vastgelegd",
        "reg.decide.intro": "Bij deels toewijzen of afwijzen zijn de wettelijke grond, de "
                            "motivering en het wijzen op het klachtrecht verplicht.",
        "reg.decide.dm": "Bezwaar tegen direct marketing: dit kan alleen worden toegewezen.",
        "reg.decide.outcome": "Besluit *",
        "reg.decide.ground": "Wettelijke grond",
        "reg.decide.ground.placeholder": "bijv. art. 12 lid 5 AVG: kennelijk ongegrond",
        "reg.decide.reasons": "Motivering",
        "reg.decide.told": "Klachtrecht",
        "reg.decide.told.text": "Verzoeker gewezen op het recht te klagen bij de Autoriteit "
                                "Persoonsgegevens en naar de rechter te gaan",
        "reg.decide.on": "Besloten op",
        "reg.decide.apply": "Leg besluit vast",
        "reg.decide.ok": "Besluit vastgelegd",
        "reg.edit.apply": "Sla wijzigingen op",
        "reg.edit.ok": "Gegevens gewijzigd",
        "reg.edit.none": "Er is niets gewijzigd.",
        "yes": "ja", "no": "nee",
        # errors
        "error.unexpected": "Er ging iets onverwachts mis; de actie is niet uitgevoerd. "
                            "Probeer het opnieuw of meld het aan de beheerder.",
        "error.not_found": "Dit verzoek bestaat niet (meer). Vernieuw de lijst.",
        # register tab (table on a model, issue 14/16)
        "reg.search": "Zoeken",
        "reg.search.placeholder": "nummer, naam, e-mail of telefoon",
        "reg.select.placeholder": "bijv. VZ-2026-0001, Enter",
        "reg.col.days": "Dagen over",
        "reg.days.left": "{n} dagen",
        "reg.days.one": "1 dag",
        "reg.days.today": "vandaag",
        "reg.days.late": "{n} dagen te laat",
        "reg.days.late_one": "1 dag te laat",
        "reg.page.prev": "Vorige",
        "reg.page.next": "Volgende",
        "reg.page.size": "Per pagina",
        "reg.page.info": "{first}–{last} van {total}",
        "reg.table.caption": "Verzoeken, gesorteerd op {sort} ({direction}). Klik op een "
                             "kolomtitel om te sorteren, op een nummer om het verzoek te "
                             "openen.",
        "reg.table.region": "Tabel met verzoeken; schuif opzij voor meer kolommen",
        "reg.sort.urgency": "urgentie",
        "reg.sort.asc": "oplopend",
        "reg.sort.desc": "aflopend",
        "reg.then": "Volgende stap, status:",
        "reg.conflict.reload": "Herladen",
        "reg.conflict.who": "Intussen gewijzigd:",
        "reg.conflict.reloaded": "de nieuwe versie is geladen",
        "reg.conflict.kept": "Wat u had ingevuld staat er nog: controleer het en klik "
                             "opnieuw op de knop.",
        "reg.export.filtered": "alleen de verzoeken die de filters tonen",
        "reg.export.everything": "alle verzoeken",
        "reg.export.filtered_name": "gefilterd",
        "reg.export.search_ignored": "De zoekterm is niet toegepast.",
    },
    "en": {
        "app.title": "Privacy Desk",
        "app.tab.chat": "Questions",
        "app.tab.intake": "Register a request",
        "app.tab.register": "Register",
        "app.staff": "Staff member",
        "app.staff.placeholder": "your name (for the audit trail)",
        "app.lang": "Language",
        "app.db": "The register is stored in",
        "app.db.error": "The register cannot be opened",
        "app.db.unavailable": "The register is not available; see the message at the top.",
        "chat.placeholder": "Ask a question about the privacy statement and press Enter",
        "chat.send": "Ask",
        "chat.empty": "No questions yet. Type a question above.",
        "chat.you": "Question",
        "chat.answer": "Answer",
        "chat.source": "Source",
        "chat.passage": "Show the passage from the privacy statement",
        "chat.unsure": "I am not sure this answers your question.",
        "chat.didyoumean": "Did you mean",
        "chat.fallback": "No answer found",
        "chat.copy": "Copy answer",
        "chat.copy.hide": "Hide copy text",
        "chat.copy.hint": "Select the text and copy it with Ctrl+C (Cmd+C on a Mac).",
        "chat.register": "Register this request",
        "chat.request_detected": "This looks like a request or complaint",
        "chat.error": "The answer could not be made. Please try again.",
        "chat.clear": "Clear conversation",
        "chat.no_faq": "The FAQ cannot be loaded, so questions cannot be answered now. "
                       "Registering requests and the register still work.",
        "intake.intro": "Fields with * are required; give an e-mail address or a phone number.",
        "intake.type": "Type *",
        "intake.name": "Name *",
        "intake.email": "E-mail",
        "intake.phone": "Phone",
        "intake.organisation": "Organisation",
        "intake.on_behalf_of": "On behalf of",
        "intake.channel": "Channel *",
        "intake.received": "Received on *",
        "intake.description": "Description",
        "intake.authority_checked": "Authority checked",
        "intake.direct_marketing": "Objection to direct marketing",
        "intake.handler": "Handler",
        "intake.submit": "Register",
        "intake.clear": "Clear form",
        "intake.ok": "Request registered",
        "intake.id": "Number",
        "intake.due": "Legal due date",
        "intake.due_nominal": "nominal",
        "intake.fix": "The request was not saved. Please fix:",
        "intake.prefilled": "Filled in from the question; add the requester's details.",
        "intake.missing_date": "Enter the date of receipt.",
        "intake.busy": "Working…",
        "reg.filter.status": "Status",
        "reg.filter.type": "Type",
        "reg.filter.deadline": "Deadline",
        "reg.all": "All",
        "reg.open": "Open (all)",
        "reg.overdue": "Overdue",
        "reg.due_soon": "Due soon (7 days)",
        "reg.refresh": "Refresh",
        "reg.count": "requests",
        "reg.empty": "No requests match the filters.",
        "reg.select": "Request",
        "reg.select.none": "— choose a request —",
        "reg.nothing_selected": "Choose a request first.",
        "reg.col.id": "Number",
        "reg.col.type": "Type",
        "reg.col.status": "Status",
        "reg.col.received": "Received",
        "reg.col.due": "Due",
        "reg.col.name": "Name",
        "reg.col.flag": "Attention",
        "reg.flag.overdue": "⚠ overdue",
        "reg.flag.due_soon": "due soon",
        "reg.details": "Details",
        "reg.history": "History",
        "reg.history.at": "When",
        "reg.history.actor": "By",
        "reg.history.action": "Action",
        "reg.history.changes": "Changes",
        "reg.history.note": "Note",
        "reg.history.empty": "No history.",
        "reg.status.new": "New status",
        "reg.status.note": "Note",
        "reg.status.apply": "Change status",
        "reg.status.ok": "Status changed",
        "reg.extend.reason": "Reason",
        "reg.extend.justification": "Justification *",
        "reg.extend.apply": "Extend deadline",
        "reg.extend.ok": "Deadline extended to",
        "reg.export.profile": "Export",
        "reg.export.apply": "Export CSV",
        "reg.export.ok": "Download",
        "reg.export.rows": "rows",
        "reg.change": "Change status",
        "reg.extend": "Extend the deadline (once, within the first month)",
        "reg.exports": "Export",
        "reg.actions": "Actions",
        "reg.fix": "not saved. Please fix:",
        "reg.act.ack": "Acknowledgement",
        "reg.act.identity": "Identity",
        "reg.act.extend": "Extend",
        "reg.act.decide": "Decision",
        "reg.act.status": "Status",
        "reg.act.edit": "Edit details",
        "reg.not_open": "This request is no longer open; this action is no longer possible.",
        "reg.ack.intro": "Record that the requester was sent an acknowledgement of receipt.",
        "reg.ack.on": "Acknowledged on",
        "reg.ack.apply": "Record acknowledgement",
        "reg.ack.ok": "Acknowledgement recorded",
        "reg.info.intro": "Asking for more information (for instance to confirm identity) "
                          "does not pause the deadline.",
        "reg.info.on": "Date",
        "reg.info.note": "Note",
        "reg.info.request": "Information requested",
        "reg.info.receive": "Information received",
        "reg.info.requested_ok": "Request for information recorded",
        "reg.info.received_ok": "Receipt of information recorded",
        "reg.identity.intro": "Never note a BSN or document number and keep no copy of an "
                              "ID document: only that and how identity was established.",
        "reg.identity.verified": "Identity verified *",
        "reg.identity.yes": "Yes, verified",
        "reg.identity.no": "No, not verified",
        "reg.identity.method": "Method *",
        "reg.identity.note": "Note",
        "reg.identity.on": "Checked on",
        "reg.identity.apply": "Record identity check",
        "reg.identity.ok": "Identity check recorded",
        "reg.decide.intro": "For a partial grant or a refusal, the legal ground, the reasons "
                            "and telling the requester about the right to complain are "
                            "required.",
        "reg.decide.dm": "Objection to direct marketing: it can only be granted.",
        "reg.decide.outcome": "Decision *",
        "reg.decide.ground": "Legal ground",
        "reg.decide.ground.placeholder": "e.g. Art. 12(5) GDPR: manifestly unfounded",
        "reg.decide.reasons": "Reasons",
        "reg.decide.told": "Right to complain",
        "reg.decide.told.text": "Requester told about the right to complain to the "
                                "Autoriteit Persoonsgegevens (Dutch DPA) and to go to court",
        "reg.decide.on": "Decided on",
        "reg.decide.apply": "Record decision",
        "reg.decide.ok": "Decision recorded",
        "reg.edit.apply": "Save changes",
        "reg.edit.ok": "Details changed",
        "reg.edit.none": "Nothing was changed.",
        "yes": "yes", "no": "no",
        "error.unexpected": "Something unexpected went wrong; the action was not carried "
                            "out. Try again or tell the administrator.",
        "error.not_found": "This request does not exist (any more). Refresh the list.",
        "reg.search": "Search",
        "reg.search.placeholder": "number, name, e-mail or phone",
        "reg.select.placeholder": "e.g. VZ-2026-0001, Enter",
        "reg.col.days": "Days left",
        "reg.days.left": "{n} days",
        "reg.days.one": "1 day",
        "reg.days.today": "today",
        "reg.days.late": "{n} days overdue",
        "reg.days.late_one": "1 day overdue",
        "reg.page.prev": "Previous",
        "reg.page.next": "Next",
        "reg.page.size": "Per page",
        "reg.page.info": "{first}–{last} of {total}",
        "reg.table.caption": "Requests, sorted by {sort} ({direction}). Click a column "
                             "title to sort, a number to open the request.",
        "reg.table.region": "Table of requests; scroll sideways for more columns",
        "reg.sort.urgency": "urgency",
        "reg.sort.asc": "ascending",
        "reg.sort.desc": "descending",
        "reg.then": "Next step, status:",
        "reg.conflict.reload": "Reload",
        "reg.conflict.who": "Changed meanwhile:",
        "reg.conflict.reloaded": "the new version is loaded",
        "reg.conflict.kept": "What you typed is still there: check it and click the button "
                             "again.",
        "reg.export.filtered": "only the requests the filters show",
        "reg.export.everything": "all requests",
        "reg.export.filtered_name": "filtered",
        "reg.export.search_ignored": "The search text was not applied.",
    },
}

#: Export choices: key -> (export_csv keyword arguments, Dutch label, English label).
EXPORT_CHOICES = {
    "standard": ({"profile": "excel-nl", "columns": "standard"},
                 "Excel (NL) — standaardkolommen", "Excel (NL) — standard columns"),
    "pseudonymised": ({"profile": "excel-nl", "columns": "pseudonymised"},
                      "Excel (NL) — gepseudonimiseerd", "Excel (NL) — pseudonymised"),
    "plain": ({"profile": "plain", "columns": "standard"},
              "CSV voor tools (komma, UTF-8)", "CSV for tools (comma, UTF-8)"),
}


def norm_lang(lang: str | None) -> str:
    """``"en"`` for English, ``"nl"`` for anything else."""
    return "en" if lang == "en" else "nl"


def t(key: str, lang: str = "nl") -> str:
    """The interface text ``key`` in ``lang``; Dutch, then the key, when missing."""
    return TEXTS[norm_lang(lang)].get(key) or TEXTS["nl"].get(key) or key


def _vocab(table: dict, value: str | None, lang: str) -> str:
    if value is None:
        return ""
    return table[norm_lang(lang)].get(value) or table["nl"].get(value) or str(value)


def type_label(value: str | None, lang: str = "nl") -> str:
    """Label of a request type (``"erasure"`` -> ``"Verwijdering (art. 17)"``)."""
    return _vocab(REQUEST_TYPE_LABELS, value, lang)


def channel_label(value: str | None, lang: str = "nl") -> str:
    """Label of a channel."""
    return _vocab(CHANNEL_LABELS, value, lang)


def status_label(value: str | None, lang: str = "nl") -> str:
    """Label of a status."""
    return _vocab(STATUS_LABELS, value, lang)


def reason_label(value: str | None, lang: str = "nl") -> str:
    """Label of an extension reason."""
    return _vocab(EXTENSION_REASON_LABELS, value, lang)


def decision_label(value: str | None, lang: str = "nl") -> str:
    """Label of a decision (granted, partly, refused)."""
    return _vocab(DECISION_LABELS, value, lang)


def method_label(value: str | None, lang: str = "nl") -> str:
    """Label of an identity-check method."""
    return _vocab(IDENTITY_METHOD_LABELS, value, lang)


def action_label(value: str | None, lang: str = "nl") -> str:
    """Label of an audit action."""
    return _vocab(AUDIT_ACTION_LABELS, value, lang)


def field_label(field: str, lang: str = "nl") -> str:
    """Label of a register field, for messages such as ``E-mailadres: not valid``;
    the same table the register's own messages use
    (:data:`privacy_kb.vocabulary.FIELD_LABELS`)."""
    return _field_label(field, norm_lang(lang))


def options(values, labeller, lang: str = "nl") -> list[tuple[str, str]]:
    """``(label, value)`` pairs for a Dropdown, in vocabulary order."""
    return [(labeller(v, lang), v) for v in values]
