"""The contract's vocabularies, shared by the answering engine and the register.

Stored and returned as these strings (the public contract, README); labels in the UI are
Dutch/English.
Plain constants and small pure functions (the status-transition rule, field labels),
no imports: the answering engine and the UI use them without loading the register's
database layer.
"""

REQUEST_TYPES = ("access", "rectification", "erasure", "restriction", "portability",
                 "objection", "complaint")
CHANNELS = ("email", "web", "phone", "post", "in_person", "other")
STATUSES = ("received", "identity_check", "in_progress", "answered", "closed",
            "withdrawn")
OPEN_STATUSES = ("received", "identity_check", "in_progress")
FINAL_STATUSES = ("closed", "withdrawn")
OUTCOMES = ("granted", "partly", "refused")
EXTENSION_REASONS = ("complexity", "number_of_requests")
IDENTITY_METHODS = ("existing_channel", "email_confirmation", "id_shown", "other")
AUDIT_ACTIONS = ("received", "updated", "status", "acknowledged", "info_requested",
                 "info_received", "identity", "extended", "decided", "anonymised")
PURGE_MODES = ("delete", "anonymise")
#: Languages a requester is answered in (letters, issue 11).
LANGS = ("nl", "en")

#: GDPR article per request type (complaints are not a data-subject right of their own).
ARTICLES = {"access": "15", "rectification": "16", "erasure": "17", "restriction": "18",
            "portability": "20", "objection": "21", "complaint": None}

#: Position of each status on the lifecycle; moves go to a higher rank only.
STATUS_RANK = {"received": 0, "identity_check": 1, "in_progress": 2, "answered": 3,
               "closed": 4, "withdrawn": 4}


def allowed_next(status: str | None) -> tuple[str, ...]:
    """The statuses a request in ``status`` may move to, in lifecycle order: forward
    only (steps may be skipped); ``withdrawn`` only from an open status; nothing from
    a final status (or an unknown one).

    The one definition of the transition rule: ``Register.set_status`` refuses any
    other move and the register tab offers exactly these.

    >>> allowed_next("in_progress")
    ('answered', 'closed', 'withdrawn')
    >>> allowed_next("answered")
    ('closed',)
    """
    if status not in STATUS_RANK or status in FINAL_STATUSES:
        return ()
    rank = STATUS_RANK[status]
    return tuple(s for s in STATUSES if STATUS_RANK[s] > rank
                 and (s != "withdrawn" or status in OPEN_STATUSES))

#: Dutch and English label of every field and parameter that can appear in a message
#: (``ValidationError``), a form or the audit trail: the one table of field labels,
#: used by the register's errors and by the UI (``privacy_kb.ui.labels.field_label``).
FIELD_LABELS = {
    # the request
    "id": ("Nummer", "Number"),
    "request_type": ("Soort verzoek", "Request type"),
    "direct_marketing": ("Bezwaar tegen direct marketing", "Objection to direct marketing"),
    "name": ("Naam", "Name"),
    "email": ("E-mailadres", "E-mail address"),
    "phone": ("Telefoonnummer", "Phone number"),
    "organisation": ("Organisatie", "Organisation"),
    "on_behalf_of": ("Namens", "On behalf of"),
    "authority_checked": ("Machtiging gecontroleerd", "Authority checked"),
    "channel": ("Kanaal", "Channel"),
    "lang": ("Taal", "Language"),
    "received": ("Ontvangen op", "Received on"),
    "received_at": ("Ontvangstmoment", "Received at"),
    "description": ("Omschrijving", "Description"),
    "status": ("Status", "Status"),
    "due": ("Wettelijke termijn", "Legal due date"),
    "due_nominal": ("Nominale termijn", "Nominal due date"),
    "acknowledged_on": ("Ontvangst bevestigd op", "Acknowledged on"),
    "extended": ("Verlengd", "Extended"),
    "extension_reason": ("Reden verlenging", "Extension reason"),
    "extension_justification": ("Onderbouwing verlenging", "Extension justification"),
    "extended_on": ("Verlengd op", "Extended on"),
    "extension_told_on": ("Verzoeker over verlenging ingelicht op",
                          "Requester told of extension on"),
    "identity_verified": ("Identiteit gecontroleerd", "Identity verified"),
    "identity_method": ("Controlemethode", "Verification method"),
    "identity_checked_on": ("Gecontroleerd op", "Checked on"),
    "identity_note": ("Notitie identiteit", "Identity note"),
    "info_requested_on": ("Informatie gevraagd op", "Information requested on"),
    "info_received_on": ("Informatie ontvangen op", "Information received on"),
    "decision": ("Besluit", "Decision"),
    "decision_ground": ("Grond", "Ground"),
    "decision_reasons": ("Motivering", "Reasons"),
    "told_about_complaint": ("Gewezen op klachtrecht", "Told about the right to complain"),
    "decided_on": ("Besloten op", "Decided on"),
    "decision_sent_on": ("Besluit verstuurd op", "Decision letter sent on"),
    "handler": ("Behandelaar", "Handler"),
    "answered_at": ("Beantwoord", "Answered"),
    "closed_at": ("Gesloten", "Closed"),
    "anonymised": ("Geanonimiseerd", "Anonymised"),
    "created_at": ("Geregistreerd", "Registered"),
    "updated_at": ("Laatst gewijzigd", "Last changed"),
    "version": ("Versie", "Version"),
    # columns of the pseudonymised export
    "pseudonym": ("Pseudoniem", "Pseudonym"),
    "answered_on": ("Beantwoord op", "Answered on"),
    "closed_on": ("Gesloten op", "Closed on"),
    # parameters of the register's actions
    "by": ("Medewerker", "Staff member"),
    "on": ("Datum", "Date"),
    "today": ("Datum", "Date"),
    "told_on": ("Ingelicht op", "Told on"),
    "note": ("Notitie", "Note"),
    "reason": ("Reden", "Reason"),
    "justification": ("Onderbouwing", "Justification"),
    "verified": ("Identiteit vastgesteld", "Identity verified"),
    "method": ("Controlemethode", "Verification method"),
    "outcome": ("Besluit", "Decision"),
    "ground": ("Wettelijke grond", "Legal ground"),
    "reasons": ("Motivering", "Reasons"),
    "since": ("Ontvangen vanaf", "Received from"),
    "until": ("Ontvangen tot en met", "Received up to"),
    "days": ("Aantal dagen", "Number of days"),
    "mode": ("Verwijderen of anonimiseren", "Delete or anonymise"),
    "retention": ("Bewaartermijn", "Retention period"),
    "path": ("Bestand", "File"),
    "profile": ("Exportprofiel", "Export profile"),
    "columns": ("Kolommen", "Columns"),
    # letters (issue 11)
    "kind": ("Soort brief", "Kind of letter"),
    "template": ("Sjabloon", "Template"),
    "purpose": ("Doel", "Purpose"),
    "details": ("Wat u nodig hebt", "What you need"),
}


def field_label(field: str, lang: str = "nl") -> str:
    """The plain Dutch (or, for ``lang="en"``, English) name of a field, e.g.
    ``"request_type"`` -> ``"Soort verzoek"``; a field of the n-th record of a batch
    (``"3.email"``, counted from 0) -> ``"E-mailadres (verzoek 4 in de lijst)"``; an
    unknown field -> the field itself."""
    english = lang == "en"
    head, dot, rest = field.partition(".")
    if dot and head.isdigit():
        where = (f"request {int(head) + 1} in the list" if english
                 else f"verzoek {int(head) + 1} in de lijst")
        return f"{field_label(rest, lang)} ({where})"
    pair = FIELD_LABELS.get(field)
    return pair[1 if english else 0] if pair else field
