"""The one catalog of the desk's texts: every screen, report and chart, Dutch and English.

Each text is a :class:`Text` — a pair ``(nl, en)`` under a dotted key — so a text
without its English (or Dutch) cannot be written down at all, and
``tests/test_texts.py`` checks that every key is used somewhere in the code and that
every key the code asks for is here. The vocabularies the register stores as fixed
English strings (DESIGN.md, "Vocabularies") get their labels from
:data:`VOCABULARIES`, one table per vocabulary.

A typed table rather than gettext ``.po`` catalogs: the desk has two languages and no
translators' tool chain, a text and its translation are written together by the same
person, and keys (not Dutch sentences) name texts so that rewording one does not break
its lookups. Babel is used where it is better than hand-kept tables: formatting
numbers, percentages, dates and month names for Dutch (``nl_NL``) and English
(``en_GB``).

No widgets, no pandas, no database: the CLI, the report and the training material use
this as well as the app.

>>> text("quiz.question", "en", pos=2, total=8)
'Question 2 of 8'
>>> label("request_type", "erasure")
'Verwijdering (art. 17)'
>>> format_percent(1 / 3, "nl"), format_number(1.5, "nl")
('33%', '1,5')
"""

from __future__ import annotations

import datetime as dt
from typing import Any, NamedTuple

from privacy_kb.vocabulary import ARTICLES

__all__ = ["LANGS", "Text", "CATALOG", "VOCABULARIES", "norm_lang", "text", "label",
           "type_name", "format_number", "format_percent", "format_date", "format_month"]

LANGS = ("nl", "en")
#: Babel locale per language: Dutch as in the Netherlands, English as in Britain
#: ("Mon 2 March 2026", the order people in the Netherlands expect).
LOCALES = {"nl": "nl_NL", "en": "en_GB"}


class Text(NamedTuple):
    """One text in both languages; ``{name}`` placeholders are filled by :func:`text`."""

    nl: str
    en: str

    def get(self, lang: str | None) -> str:
        return self.en if lang == "en" else self.nl


def norm_lang(lang: str | None) -> str:
    """``"en"`` for English, ``"nl"`` for anything else."""
    return "en" if lang == "en" else "nl"


#: Every interface text, by key (prefix: where it is shown).
CATALOG: dict[str, Text] = {
    # --- app ---
    "app.title": Text("Privacy Desk", "Privacy Desk"),
    "app.tab.chat": Text("Vragen", "Questions"),
    "app.tab.intake": Text("Verzoek registreren", "Register a request"),
    "app.tab.register": Text("Register", "Register"),
    "app.staff.placeholder": Text(
        "uw naam (voor het logboek)",
        "your name (for the audit trail)"),
    "app.db": Text("Het register wordt opgeslagen in", "The register is stored in"),
    "app.db.error": Text(
        "Het register kan niet worden geopend",
        "The register cannot be opened"),
    "app.db.unavailable": Text(
        "Het register is niet beschikbaar; zie de melding bovenaan.",
        "The register is not available; see the message at the top."),
    # --- chat ---
    "chat.placeholder": Text(
        "Stel een vraag over de privacyverklaring en druk op Enter",
        "Ask a question about the privacy statement and press Enter"),
    "chat.send": Text("Vraag", "Ask"),
    "chat.empty": Text(
        "Nog geen vragen. Typ een vraag hierboven.",
        "No questions yet. Type a question above."),
    "chat.you": Text("Vraag", "Question"),
    "chat.source": Text("Bron", "Source"),
    "chat.passage": Text(
        "Toon de passage uit de privacyverklaring",
        "Show the passage from the privacy statement"),
    "chat.unsure": Text(
        "Ik weet niet zeker of dit uw vraag beantwoordt.",
        "I am not sure this answers your question."),
    "chat.didyoumean": Text("Bedoelde u", "Did you mean"),
    "chat.fallback": Text("Geen antwoord gevonden", "No answer found"),
    "chat.copy": Text("Kopieer antwoord", "Copy answer"),
    "chat.gaps.label": Text("Onbeantwoorde vragen bewaren (anoniem)",
                            "Keep unanswered questions (anonymous)"),
    "chat.gaps.tooltip": Text(
        "Vragen zonder (zeker) antwoord worden lokaal bewaard om de FAQ te verbeteren, "
        "zonder uw identiteit: namen, adressen, geboortedata, BSN's, IBAN's, "
        "kaartnummers, e-mailadressen en telefoonnummers worden eerst gemaskeerd.",
        "Questions without a (confident) answer are kept locally to improve the FAQ, "
        "without your identity: names, addresses, dates of birth, BSNs, IBANs, card "
        "numbers, e-mail addresses and phone numbers are masked first."),
    "chat.register": Text("Registreer dit verzoek", "Register this request"),
    "chat.error": Text(
        "Het antwoord kon niet worden gemaakt. Probeer het opnieuw.",
        "The answer could not be made. Please try again."),
    "chat.clear": Text("Wis gesprek", "Clear conversation"),
    "chat.no_faq": Text(
        "De vragenlijst (FAQ) kan niet worden geladen; vragen beantwoorden lukt nu niet. "
        "Registreren en het register werken wel.",
        "The FAQ cannot be loaded, so questions cannot be answered now. Registering "
        "requests and the register still work."),
    # --- intake ---
    "intake.intro": Text(
        "Velden met * zijn verplicht; vul een e-mailadres of telefoonnummer in.",
        "Fields with * are required; give an e-mail address or a phone number."),
    "intake.type": Text("Soort *", "Type *"),
    "intake.name": Text("Naam *", "Name *"),
    "intake.email": Text("E-mail", "E-mail"),
    "intake.phone": Text("Telefoon", "Phone"),
    "intake.organisation": Text("Organisatie", "Organisation"),
    "intake.on_behalf_of": Text("Namens", "On behalf of"),
    "intake.channel": Text("Kanaal *", "Channel *"),
    "intake.received": Text("Ontvangen op *", "Received on *"),
    "intake.description": Text("Omschrijving", "Description"),
    "intake.authority_checked": Text("Machtiging gecontroleerd", "Authority checked"),
    "intake.direct_marketing": Text(
        "Bezwaar tegen direct marketing",
        "Objection to direct marketing"),
    "intake.handler": Text("Behandelaar", "Handler"),
    "intake.submit": Text("Registreer", "Register"),
    "intake.clear": Text("Leeg formulier", "Clear form"),
    "intake.ok": Text("Verzoek geregistreerd", "Request registered"),
    "intake.id": Text("Nummer", "Number"),
    "intake.due": Text("Wettelijke termijn", "Legal due date"),
    "intake.due_nominal": Text("nominaal", "nominal"),
    "intake.fix": Text(
        "Het verzoek is niet opgeslagen. Verbeter:",
        "The request was not saved. Please fix:"),
    "intake.prefilled": Text(
        "Ingevuld vanuit de vraag; vul de gegevens van de aanvrager aan.",
        "Filled in from the question; add the requester's details."),
    # --- reg ---
    "reg.filter.status": Text("Status", "Status"),
    "reg.filter.type": Text("Soort", "Type"),
    "reg.filter.deadline": Text("Termijn", "Deadline"),
    "reg.all": Text("Alle", "All"),
    "reg.open": Text("Open (alle)", "Open (all)"),
    "reg.overdue": Text("Te laat", "Overdue"),
    "reg.due_soon": Text("Binnenkort (7 dagen)", "Due soon (7 days)"),
    "reg.refresh": Text("Vernieuw", "Refresh"),
    "reg.count": Text("verzoeken", "requests"),
    "reg.select": Text("Verzoek", "Request"),
    "reg.nothing_selected": Text("Kies eerst een verzoek.", "Choose a request first."),
    "reg.col.id": Text("Nummer", "Number"),
    "reg.col.type": Text("Soort", "Type"),
    "reg.col.status": Text("Status", "Status"),
    "reg.col.received": Text("Ontvangen", "Received"),
    "reg.col.due": Text("Termijn", "Due"),
    "reg.col.name": Text("Naam", "Name"),
    "reg.flag.overdue": Text("⚠ te laat", "⚠ overdue"),
    "reg.history.at": Text("Tijdstip", "When"),
    "reg.history.actor": Text("Door", "By"),
    "reg.history.action": Text("Actie", "Action"),
    "reg.history.changes": Text("Wijzigingen", "Changes"),
    "reg.history.note": Text("Notitie", "Note"),
    "reg.history.empty": Text("Geen geschiedenis.", "No history."),
    "reg.status.new": Text("Nieuwe status", "New status"),
    "reg.status.note": Text("Notitie", "Note"),
    "reg.status.apply": Text("Wijzig status", "Change status"),
    "reg.status.ok": Text("Status gewijzigd", "Status changed"),
    "reg.extend.reason": Text("Reden", "Reason"),
    "reg.extend.justification": Text("Onderbouwing *", "Justification *"),
    "reg.extend.apply": Text("Verleng termijn", "Extend deadline"),
    "reg.extend.ok": Text("Termijn verlengd tot", "Deadline extended to"),
    "reg.export.profile": Text("Export", "Export"),
    "reg.export.apply": Text("Exporteer CSV", "Export CSV"),
    "reg.export.ok": Text("Download", "Download"),
    "reg.export.rows": Text("regels", "rows"),
    # section titles of the register view (built there as "reg." + name)
    "reg.details": Text("Gegevens", "Details"),
    "reg.actions": Text("Acties", "Actions"),
    "reg.history": Text("Geschiedenis", "History"),
    "reg.exports": Text("Exporteren", "Export"),
    "reg.extend": Text(
        "Termijn verlengen (eenmalig, binnen de eerste maand)",
        "Extend the deadline (once, within the first month)"),
    "reg.fix": Text("niet opgeslagen. Verbeter:", "not saved. Please fix:"),
    "reg.act.ack": Text("Ontvangst", "Acknowledgement"),
    "reg.act.identity": Text("Identiteit", "Identity"),
    "reg.act.extend": Text("Verlengen", "Extend"),
    "reg.act.decide": Text("Besluit", "Decision"),
    "reg.act.status": Text("Status", "Status"),
    "reg.act.edit": Text("Gegevens wijzigen", "Edit details"),
    "reg.not_open": Text(
        "Dit verzoek is niet meer open; deze actie kan niet meer.",
        "This request is no longer open; this action is no longer possible."),
    "reg.ack.intro": Text(
        "Leg vast dat de verzoeker een ontvangstbevestiging heeft gekregen.",
        "Record that the requester was sent an acknowledgement of receipt."),
    "reg.ack.on": Text("Bevestigd op", "Acknowledged on"),
    "reg.ack.apply": Text("Leg ontvangstbevestiging vast", "Record acknowledgement"),
    "reg.ack.ok": Text("Ontvangstbevestiging vastgelegd", "Acknowledgement recorded"),
    "reg.info.intro": Text(
        "Extra informatie vragen (bijvoorbeeld om de identiteit vast te stellen) houdt de "
        "termijn niet aan.",
        "Asking for more information (for instance to confirm identity) does not pause the"
        " deadline."),
    "reg.info.on": Text("Datum", "Date"),
    "reg.info.note": Text("Notitie", "Note"),
    "reg.info.request": Text("Informatie gevraagd", "Information requested"),
    "reg.info.receive": Text("Informatie ontvangen", "Information received"),
    "reg.info.requested_ok": Text(
        "Verzoek om informatie vastgelegd",
        "Request for information recorded"),
    "reg.info.received_ok": Text(
        "Ontvangst van informatie vastgelegd",
        "Receipt of information recorded"),
    "reg.identity.intro": Text(
        "Noteer nooit een BSN of documentnummer en bewaar geen kopie van een "
        "identiteitsbewijs: alleen dat en hoe de identiteit is vastgesteld.",
        "Never note a BSN or document number and keep no copy of an ID document: only that"
        " and how identity was established."),
    "reg.identity.verified": Text("Identiteit vastgesteld *", "Identity verified *"),
    "reg.identity.yes": Text("Ja, vastgesteld", "Yes, verified"),
    "reg.identity.no": Text("Nee, niet vastgesteld", "No, not verified"),
    "reg.identity.method": Text("Methode *", "Method *"),
    "reg.identity.note": Text("Notitie", "Note"),
    "reg.identity.on": Text("Gecontroleerd op", "Checked on"),
    "reg.identity.apply": Text("Leg identiteitscontrole vast", "Record identity check"),
    "reg.identity.ok": Text("Identiteitscontrole vastgelegd", "Identity check recorded"),
    "reg.decide.intro": Text(
        "Bij deels toewijzen of afwijzen zijn de wettelijke grond, de motivering en het "
        "wijzen op het klachtrecht verplicht.",
        "For a partial grant or a refusal, the legal ground, the reasons and telling the "
        "requester about the right to complain are required."),
    "reg.decide.dm": Text(
        "Bezwaar tegen direct marketing: dit kan alleen worden toegewezen.",
        "Objection to direct marketing: it can only be granted."),
    "reg.decide.outcome": Text("Besluit *", "Decision *"),
    "reg.decide.ground": Text("Wettelijke grond", "Legal ground"),
    "reg.decide.ground.placeholder": Text(
        "bijv. art. 12 lid 5 AVG: kennelijk ongegrond",
        "e.g. Art. 12(5) GDPR: manifestly unfounded"),
    "reg.decide.reasons": Text("Motivering", "Reasons"),
    "reg.decide.told": Text("Klachtrecht", "Right to complain"),
    "reg.decide.told.text": Text(
        "Verzoeker gewezen op het recht te klagen bij de Autoriteit Persoonsgegevens en "
        "naar de rechter te gaan",
        "Requester told about the right to complain to the Autoriteit Persoonsgegevens "
        "(Dutch DPA) and to go to court"),
    "reg.decide.on": Text("Besloten op", "Decided on"),
    "reg.decide.apply": Text("Leg besluit vast", "Record decision"),
    "reg.decide.ok": Text("Besluit vastgelegd", "Decision recorded"),
    "reg.edit.apply": Text("Sla wijzigingen op", "Save changes"),
    "reg.edit.ok": Text("Gegevens gewijzigd", "Details changed"),
    "reg.edit.none": Text("Er is niets gewijzigd.", "Nothing was changed."),
    # --- yes ---
    "yes": Text("ja", "yes"),
    # --- no ---
    "no": Text("nee", "no"),
    # --- error ---
    "error.unexpected": Text(
        "Er ging iets onverwachts mis; de actie is niet uitgevoerd. Probeer het opnieuw of"
        " meld het aan de beheerder.",
        "Something unexpected went wrong; the action was not carried out. Try again or "
        "tell the administrator."),
    "error.not_found": Text(
        "Dit verzoek bestaat niet (meer). Vernieuw de lijst.",
        "This request does not exist (any more). Refresh the list."),
    # --- register exports (the choices offered; labels.EXPORT_CHOICES) ---
    "export.standard": Text("Excel (NL) — standaardkolommen",
                            "Excel (NL) — standard columns"),
    "export.pseudonymised": Text("Excel (NL) — gepseudonimiseerd",
                                 "Excel (NL) — pseudonymised"),
    "export.plain": Text("CSV voor tools (komma, UTF-8)", "CSV for tools (comma, UTF-8)"),
    # --- training notebook ---
    "train.title": Text("Training: de privacy- en cookieverklaring",
                        "Training: the privacy and cookie statement"),
    "train.tab.walk": Text("Doorlopen", "Walk through"),
    "train.tab.quiz": Text("Quiz", "Quiz"),
    "train.tab.try": Text("Probeer de desk", "Try the desk"),
    "train.prev": Text("Vorige", "Previous"),
    "train.next": Text("Volgende", "Next"),
    "train.step": Text("Onderdeel {pos} van {total}", "Part {pos} of {total}"),
    "train.summary": Text("In gewone taal", "In plain words"),
    "train.questions": Text("Vragen die mensen hierover stellen",
                            "Questions people ask about this"),
    "train.text": Text("De tekst van de verklaring", "The text of the statement (Dutch)"),
    "train.none": Text("Nog geen uitleg in de FAQ.", "No explanation in the FAQ yet."),
    "train.try.intro": Text(
        "Stel zelf een vraag, zoals een klant dat zou doen. Het antwoord komt van dezelfde "
        "desk als in de app.",
        "Ask a question of your own, as a customer would. The answer comes from the same "
        "desk as in the app."),
    "train.present": Text("Presentatiemodus", "Presentation mode"),
    "train.present.tooltip": Text(
        "Grote letters en volle kleuren, voor een beamer of groot scherm",
        "Large type and full contrast, for a projector or a big screen"),
    # --- quiz (training) ---
    "quiz.question": Text("Vraag {pos} van {total}", "Question {pos} of {total}"),
    "quiz.next": Text("Volgende vraag", "Next question"),
    "quiz.new": Text("Nieuwe quiz", "New quiz"),
    "quiz.number": Text("Quiznummer", "Quiz number"),
    "quiz.number.hint": Text("Hetzelfde nummer geeft dezelfde vragen in dezelfde volgorde.",
                             "The same number gives the same questions in the same order."),
    "quiz.done": Text("Klaar!", "Done!"),
    "quiz.error": Text("De quiz kon niet worden gemaakt.", "The quiz could not be made."),
    "quiz.right": Text("Goed!", "Correct!"),
    "quiz.wrong": Text("Helaas, dat is niet juist.", "Sorry, that is not right."),
    "quiz.answer_is": Text("Het juiste antwoord is", "The right answer is"),
    "quiz.source": Text("Bron", "Source"),
    "quiz.running": Text("Score tot nu toe: {correct} van de {answered} goed",
                         "Score so far: {correct} out of {answered} correct"),
    "quiz.score": Text("Uw score: {correct} van de {total} goed",
                       "Your score: {correct} out of {total} correct"),
    "quiz.section_of": Text(
        "In welk deel van de privacyverklaring staat het antwoord op: ‘{title}’?",
        "Which part of the privacy statement answers: ‘{title}’?"),
    # --- register report ---
    "report.title": Text("Rapportage verzoekenregister", "Request register report"),
    "report.refresh": Text("Vernieuwen", "Refresh"),
    "report.demo": Text(
        "DEMO-GEGEVENS — er staan nog geen verzoeken in het register; dit rapport toont "
        "verzonnen verzoeken uit een tijdelijk register.",
        "DEMO DATA — the register holds no requests yet; this report shows made-up "
        "requests from a temporary register."),
    "report.as_of": Text("Peildatum: {date}", "Reference date: {date}"),
    "report.h.overview": Text("Overzicht", "Overview"),
    "report.h.per_type": Text("Verzoeken per type per maand", "Requests per type per month"),
    "report.h.handling": Text("Behandelduur", "Handling time"),
    "report.h.extensions": Text("Verlengingen", "Extensions"),
    "report.h.refusals": Text("Afwijzingen en gedeeltelijke toewijzingen",
                              "Refusals and partial grants"),
    "report.h.export": Text("Exporteren", "Export"),
    "report.h.gaps": Text("Vragen zonder (zeker) antwoord",
                          "Questions without a (confident) answer"),
    "report.col.figure": Text("Kengetal", "Figure"),
    "report.col.value": Text("Waarde", "Value"),
    "report.col.basis": Text("Geteld over", "Counted over"),
    "report.total": Text("Verzoeken in totaal", "Requests in total"),
    "report.open": Text("Open", "Open"),
    "report.overdue": Text("Te laat (open, na de wettelijke termijn)",
                           "Overdue (open, past the legal deadline)"),
    "report.due_soon": Text("Binnenkort te beantwoorden (binnen {days} dagen)",
                            "Due soon (within {days} days)"),
    "report.withdrawn": Text("Ingetrokken", "Withdrawn"),
    "report.within1": Text("Beantwoord binnen één maand", "Answered within one month"),
    "report.within3": Text("Beantwoord binnen drie maanden", "Answered within three months"),
    "report.within1.of": Text(
        "{numerator} van de {denominator} verzoeken die zijn afgehandeld of waarvan de "
        "maand al om is",
        "{numerator} of the {denominator} requests that are completed or whose month has "
        "passed"),
    "report.within3.of": Text(
        "{numerator} van de {denominator} verzoeken die zijn afgehandeld of waarvan de "
        "drie maanden al om zijn",
        "{numerator} of the {denominator} requests that are completed or whose three "
        "months have passed"),
    "report.within.note": Text(
        "De percentages tellen over verschillende aantallen: een verzoek telt pas mee als "
        "het is afgehandeld of als de termijn voorbij is, dus een open verzoek van zes "
        "weken oud telt wel bij één maand (als te laat) en nog niet bij drie maanden. "
        "Ingetrokken verzoeken tellen nergens mee.",
        "The percentages count over different numbers of requests: a request counts once "
        "it is completed or once the period has passed, so an open request six weeks old "
        "counts for one month (as late) but not yet for three months. Withdrawn requests "
        "never count."),
    "report.median": Text("Mediane behandelduur", "Median handling time"),
    "report.days": Text("{n} dagen", "{n} days"),
    "report.day": Text("{n} dag", "{n} day"),
    "report.table": Text("Tabel (laatste 12 maanden)", "Table (last 12 months)"),
    "report.col.month": Text("Maand", "Month"),
    "report.col.id": Text("Nummer", "Number"),
    "report.col.type": Text("Type", "Type"),
    "report.col.received": Text("Ontvangen", "Received"),
    "report.col.reason": Text("Reden", "Reason"),
    "report.col.justification": Text("Motivering", "Justification"),
    "report.col.ground": Text("Grond", "Ground"),
    "report.col.count": Text("Aantal", "Count"),
    "report.col.question": Text("Vraag", "Question"),
    "report.col.also": Text("Ook gesteld als", "Also asked as"),
    "report.col.lang": Text("Taal", "Language"),
    "report.extensions.none": Text("Geen verlengingen.", "No extensions."),
    "report.extensions.count": Text("{n} verlengd — {summary}", "{n} extended — {summary}"),
    "report.refusals.none": Text("Geen afwijzingen of gedeeltelijke toewijzingen.",
                                 "No refusals or partial grants."),
    "report.gaps.none": Text("Nog geen onbeantwoorde vragen vastgelegd.",
                             "No unanswered questions recorded yet."),
    "report.gaps.off": Text(
        "Het bewaren van onbeantwoorde vragen staat uit (PRIVACY_DESK_GAPS=off).",
        "Keeping unanswered questions is switched off (PRIVACY_DESK_GAPS=off)."),
    "report.gaps.error": Text("De onbeantwoorde vragen konden niet worden gelezen.",
                              "The unanswered questions could not be read."),
    "report.error": Text("Het rapport kon niet worden gemaakt.", "The report could not be made."),
    "report.unreadable": Text(
        "Het register kan niet worden gelezen, dus dit rapport toont geen cijfers (ook "
        "geen demo).",
        "The register cannot be read, so this report shows no figures (no demo either)."),
    "report.export.standard": Text("CSV voor Excel (standaard)", "CSV for Excel (standard)"),
    "report.export.pseudonymised": Text("CSV voor Excel (gepseudonimiseerd)",
                                        "CSV for Excel (pseudonymised)"),
    "report.export.plain": Text("CSV (komma, UTF-8)", "CSV (comma, UTF-8)"),
    "report.export.rows": Text("{n} verzoeken", "{n} requests"),
    "report.export.failed": Text("Exporteren is mislukt.", "The export failed."),
    # --- charts of the report (privacy_kb.report) ---
    "chart.per_type.title": Text("Verzoeken per type per maand",
                                 "Requests per type per month"),
    "chart.per_type.x": Text("Maand van ontvangst", "Month of receipt"),
    "chart.per_type.legend": Text("Type verzoek", "Type of request"),
    "chart.count": Text("Aantal verzoeken", "Number of requests"),
    "chart.handling.title": Text("Behandelduur", "Handling time"),
    "chart.handling.x": Text("Dagen van ontvangst tot afhandeling",
                             "Days from receipt to completion"),
    "chart.month1": Text("1 maand", "1 month"),
    "chart.month3": Text("3 maanden", "3 months"),
    "chart.demo": Text("DEMO-GEGEVENS", "DEMO DATA"),
    "chart.per_type.alt": Text(
        "Gestapelde staafgrafiek van het aantal ontvangen verzoeken per maand, van "
        "{first} tot en met {last}, per type: {types}. In totaal {total} verzoeken.",
        "Stacked bar chart of the number of requests received per month, from {first} "
        "to {last}, by type: {types}. {total} requests in total."),
    "chart.per_type.alt.empty": Text("Grafiek zonder verzoeken: het register is leeg.",
                                     "Chart without requests: the register is empty."),
    "chart.handling.alt": Text(
        "Histogram van de behandelduur van {n} afgehandelde verzoeken, in dagen van "
        "ontvangst tot afhandeling: mediaan {median} dagen, kortste {min}, langste {max}; "
        "{within} binnen 31 dagen. Stippellijnen bij 1 en 3 maanden.",
        "Histogram of the handling time of {n} completed requests, in days from receipt "
        "to completion: median {median} days, shortest {min}, longest {max}; {within} "
        "within 31 days. Dashed lines at 1 and 3 months."),
    "chart.handling.alt.empty": Text(
        "Histogram van de behandelduur: nog geen afgehandelde verzoeken.",
        "Histogram of the handling time: no completed requests yet."),
    "chart.demo.alt": Text("DEMO-GEGEVENS, verzonnen verzoeken.",
                           "DEMO DATA, made-up requests."),
    "chat.input.label": Text("Vraag", "Question"),
    "chat.paste.toggle": Text("E-mail plakken", "Paste an e-mail"),
    "chat.paste.label": Text("E-mail", "E-mail"),
    "chat.paste.placeholder": Text("Plak hier een e-mail of brief: elke vraag erin wordt beantwoord en u krijgt een concept-antwoord.", "Paste an e-mail or letter here: every question in it is answered and you get a draft reply."),
    "chat.paste.send": Text("Beantwoord e-mail", "Answer e-mail"),
    "chat.copied": Text("Gekopieerd", "Copied"),
    "chat.copy.manual": Text("Automatisch kopiëren lukte niet: de tekst is geselecteerd, druk op Ctrl+C (Cmd+C op een Mac).", "Copying automatically did not work: the text is selected, press Ctrl+C (Cmd+C on a Mac)."),
    "chat.copy.draft": Text("Kopieer concept-antwoord", "Copy draft reply"),
    "chat.draft": Text("Concept-antwoord (wordt niet verstuurd)", "Draft reply (not sent)"),
    "chat.draft.error": Text("Het concept-antwoord kon niet worden gemaakt.", "The draft reply could not be made."),
    "chat.parts": Text("Gevonden vragen", "Questions found"),
    "chat.clear.note": Text("Het gesprek blijft alleen in dit browsertabblad bewaard (ook na herladen) en verdwijnt met ‘Wis gesprek’ of als u het tabblad sluit.", "The conversation is kept only in this browser tab (also after a reload) and is gone after ‘Clear conversation’ or when you close the tab."),
    "app.staff.label": Text("Uw naam", "Your name"),
    "app.staff.loggedin": Text("Ingelogd als", "Logged in as"),
    "app.staff.required": Text("Vul eerst bovenaan uw naam in: elke wijziging in het register wordt op naam vastgelegd.", "First enter your name at the top: every change to the register is recorded under a name."),
    "app.loading": Text("Bezig met laden…", "Loading…"),
    "intake.overdue": Text("Let op: dit verzoek is al te laat. De wettelijke termijn verliep op {due}, {days} geleden. Behandel het met voorrang.", "Note: this request is already late. The legal deadline passed on {due}, {days} ago. Handle it first."),
    "intake.day": Text("{n} dag", "{n} day"),
    "intake.days": Text("{n} dagen", "{n} days"),
    "intake.duplicate": Text("Mogelijk dubbel: er staat al een verzoek van deze persoon, van dezelfde soort en met dezelfde ontvangstdatum in het register", "Likely duplicate: a request from this person, of the same type and received on the same date, is already in the register"),
    "intake.duplicate.go_on": Text("Nog niet opgeslagen. Controleer het bestaande verzoek; is dit toch een nieuw verzoek, klik dan op ‘Toch registreren’.", "Not saved yet. Check the existing request; if this is a new request after all, click ‘Register anyway’."),
    "intake.duplicate.saved": Text("Geregistreerd, hoewel het lijkt op", "Registered, although it looks like"),
    "intake.submit.anyway": Text("Toch registreren", "Register anyway"),
    "reg.empty": Text("Geen verzoeken die aan de filters voldoen.", "No requests match the filters."),
    "reg.search": Text("Zoeken", "Search"),
    "reg.search.placeholder": Text("nummer, naam, e-mail of telefoon", "number, name, e-mail or phone"),
    "reg.select.placeholder": Text("bijv. VZ-2026-0001, Enter", "e.g. VZ-2026-0001, Enter"),
    "reg.col.days": Text("Dagen over", "Days left"),
    "reg.days.left": Text("{n} dagen", "{n} days"),
    "reg.days.one": Text("1 dag", "1 day"),
    "reg.days.today": Text("vandaag", "today"),
    "reg.days.late": Text("{n} dagen te laat", "{n} days overdue"),
    "reg.days.late_one": Text("1 dag te laat", "1 day overdue"),
    "reg.page.prev": Text("Vorige", "Previous"),
    "reg.page.next": Text("Volgende", "Next"),
    "reg.page.size": Text("Per pagina", "Per page"),
    "reg.page.info": Text("{first}–{last} van {total}", "{first}–{last} of {total}"),
    "reg.table.caption": Text("Verzoeken, gesorteerd op {sort} ({direction}). Klik op een kolomtitel om te sorteren, op een nummer om het verzoek te openen.", "Requests, sorted by {sort} ({direction}). Click a column title to sort, a number to open the request."),
    "reg.table.region": Text("Tabel met verzoeken; schuif opzij voor meer kolommen", "Table of requests; scroll sideways for more columns"),
    "reg.sort.urgency": Text("urgentie", "urgency"),
    "reg.sort.asc": Text("oplopend", "ascending"),
    "reg.sort.desc": Text("aflopend", "descending"),
    "reg.then": Text("Volgende stap, status:", "Next step, status:"),
    "reg.conflict.reload": Text("Herladen", "Reload"),
    "reg.conflict.who": Text("Intussen gewijzigd:", "Changed meanwhile:"),
    "reg.conflict.reloaded": Text("de nieuwe versie is geladen", "the new version is loaded"),
    "reg.conflict.kept": Text("Wat u had ingevuld staat er nog: controleer het en klik opnieuw op de knop.", "What you typed is still there: check it and click the button again."),
    "reg.export.filtered": Text("alleen de verzoeken die de filters tonen", "only the requests the filters show"),
    "reg.export.everything": Text("alle verzoeken", "all requests"),
    "reg.export.filtered_name": Text("gefilterd", "filtered"),
    "reg.export.search_ignored": Text("De zoekterm is niet toegepast.", "The search text was not applied."),
    # letters to the requester (Register tab, issue 11)
    "letters.title": Text("Brieven", "Letters"),
    "letters.intro": Text("Kies een brief, controleer hem, kopieer hem of download hem als e-mail (.eml) en verstuur hem zelf. Leg daarna vast dat hij verstuurd is.", "Choose a letter, check it, copy it or download it as an e-mail (.eml) and send it yourself. Then record that it was sent."),
    "letters.kind": Text("Brief", "Letter"),
    "letters.lang": Text("Taal van de brief", "Language of the letter"),
    "letters.kind.acknowledgement": Text("Ontvangstbevestiging", "Acknowledgement"),
    "letters.kind.info_request": Text("Informatieverzoek", "Information request"),
    "letters.kind.extension_notice": Text("Verlengingsbericht", "Extension notice"),
    "letters.kind.decision": Text("Besluitbrief", "Decision letter"),
    "letters.short.acknowledgement": Text("Ontvangst", "Ack"),
    "letters.short.info_request": Text("Info", "Info"),
    "letters.short.extension_notice": Text("Verlenging", "Extension"),
    "letters.short.decision": Text("Besluit", "Decision"),
    "letters.flag.acknowledgement_late": Text("ontvangst niet op tijd bevestigd", "acknowledgement late"),
    "letters.flag.extension_notice_not_sent": Text("verlengingsbericht nog versturen", "extension notice still to send"),
    "letters.flag.extension_notice_late": Text("verlengingsbericht te laat", "extension notice late"),
    "letters.purpose": Text("Waarvoor", "Purpose"),
    "letters.purpose.identity": Text("Identiteit bevestigen", "Confirm identity"),
    "letters.purpose.clarification": Text("Verduidelijking", "Clarification"),
    "letters.details": Text("Wat u nodig hebt", "What you need"),
    "letters.show": Text("Toon brief", "Show letter"),
    "letters.subject": Text("Onderwerp", "Subject"),
    "letters.to": Text("Aan", "To"),
    "letters.no_email": Text("geen e-mailadres bekend: verstuur de brief per post of kopieer de tekst", "no e-mail address known: send the letter by post or copy the text"),
    "letters.copy": Text("Kopieer brief", "Copy letter"),
    "letters.download": Text("Download e-mail (.eml)", "Download e-mail (.eml)"),
    "letters.sent_on": Text("Verstuurd op", "Sent on"),
    "letters.mark_sent": Text("Markeer als verstuurd", "Mark as sent"),
    "letters.marked": Text("als verstuurd vastgelegd", "recorded as sent"),
    "letters.none": Text("Voor dit verzoek past nu geen brief.", "No letter fits this request now."),
    "letters.sent": Text("Verstuurd", "Sent"),
    "letters.sent.no": Text("nog niet verstuurd", "not sent yet"),
    "letters.attention": Text("Let op", "Attention"),
    "reg.col.letters": Text("Brieven", "Letters"),
    "lang.nl": Text("Nederlands", "Dutch"),
    "lang.en": Text("Engels", "English"),
    "tpl.title": Text("Briefsjablonen", "Letter templates"),
    "tpl.body": Text("Tekst", "Body"),
    "tpl.save": Text("Sjabloon opslaan", "Save template"),
    "tpl.restore": Text("Standaard herstellen", "Restore default"),
    "tpl.variables": Text("Wat een sjabloon kan gebruiken", "What a template can use"),
    "tpl.default": Text("Dit is het standaardsjabloon.", "This is the default template."),
    "tpl.custom": Text("Dit sjabloon is aangepast.", "This template was edited."),
    "tpl.sample": Text("Voorbeeldverzoek", "Sample request"),
    "date.format": Text("notatie: {format}", "format: {format}"),
    "date.day": Text("dd", "dd"),
    "date.month": Text("mm", "mm"),
    "date.year": Text("jjjj", "yyyy"),
    "tpl.preview.on": Text("Voorbeeld bij: {case}", "Preview for: {case}"),
    "tpl.sample.wrong": Text("Bij dit voorbeeld ({case}) klopt het sjabloon niet:",
                             "For this sample ({case}) the template is not right:"),
    "tpl.sample.elsewhere": Text(
        "Opslaan wordt geweigerd: bij andere voorbeeldverzoeken ontbreekt iets",
        "Saving would be refused: something is missing for other sample requests"),
    "tpl.sample.cannot": Text("Bij dit voorbeeld kan het sjabloon niet worden ingevuld.",
                              "The template cannot be filled in for this sample."),
    "tpl.refused": Text("Sjabloon niet opgeslagen: dit ontbreekt of klopt niet", "Template not saved: this is missing or wrong"),
    "tpl.saved": Text("Sjabloon opgeslagen", "Template saved"),
    "tpl.restored": Text("Standaardsjabloon hersteld", "Default template restored"),
    "tpl.unchanged": Text("Er is niets veranderd", "Nothing changed"),
    "tpl.history": Text("Wijzigingen van dit sjabloon", "Changes to this template"),
    "tpl.history.none": Text("Dit sjabloon is nooit gewijzigd.", "This template was never changed."),
    "tpl.history.at": Text("Tijdstip", "When"),
    "tpl.history.by": Text("Door", "By"),
    "tpl.history.action": Text("Wat", "What"),
    "tpl.history.edit": Text("Aangepast", "Edited"),
    "tpl.history.restore": Text("Standaard hersteld", "Default restored"),
    "intake.lang": Text("Taal verzoeker", "Requester's language"),
}

#: Labels of the register's vocabularies (stored values: privacy_kb.vocabulary). A
#: request type's label adds its GDPR article (vocabulary.ARTICLES) to its name.
VOCABULARIES: dict[str, dict[str, Text]] = {
    "request_type": {
        "access": Text("Inzage", "Access"),
        "rectification": Text("Rectificatie", "Rectification"),
        "erasure": Text("Verwijdering", "Erasure"),
        "restriction": Text("Beperking", "Restriction"),
        "portability": Text("Overdraagbaarheid", "Portability"),
        "objection": Text("Bezwaar", "Objection"),
        "complaint": Text("Klacht", "Complaint"),
    },
    "channel": {
        "email": Text("E-mail", "E-mail"),
        "web": Text("Website", "Website"),
        "phone": Text("Telefoon", "Phone"),
        "post": Text("Post", "Post"),
        "in_person": Text("Aan de balie", "In person"),
        "other": Text("Anders", "Other"),
    },
    "status": {
        "received": Text("Ontvangen", "Received"),
        "identity_check": Text("Identiteitscontrole", "Identity check"),
        "in_progress": Text("In behandeling", "In progress"),
        "answered": Text("Beantwoord", "Answered"),
        "closed": Text("Gesloten", "Closed"),
        "withdrawn": Text("Ingetrokken", "Withdrawn"),
    },
    "extension_reason": {
        "complexity": Text("Complexiteit", "Complexity"),
        "number_of_requests": Text("Aantal verzoeken", "Number of requests"),
    },
    "decision": {
        "granted": Text("Toegewezen", "Granted"),
        "partly": Text("Deels toegewezen", "Partly granted"),
        "refused": Text("Afgewezen", "Refused"),
    },
    "identity_method": {
        "existing_channel": Text("Via bestaand contactkanaal", "Existing contact channel"),
        "email_confirmation": Text("Bevestiging per e-mail", "E-mail confirmation"),
        "id_shown": Text("Identiteitsbewijs getoond (niet gekopieerd)",
                         "ID document shown (not copied)"),
        "other": Text("Anders", "Other"),
    },
    "audit_action": {
        "received": Text("Ontvangen", "Received"),
        "updated": Text("Gewijzigd", "Edited"),
        "status": Text("Status", "Status"),
        "acknowledged": Text("Ontvangst bevestigd", "Acknowledged"),
        "info_requested": Text("Informatie gevraagd", "Information requested"),
        "info_received": Text("Informatie ontvangen", "Information received"),
        "identity": Text("Identiteit", "Identity"),
        "extended": Text("Verlengd", "Extended"),
        "decided": Text("Besluit", "Decision"),
        "anonymised": Text("Geanonimiseerd", "Anonymised"),
    },
}
_ARTICLE = Text("art. {n}", "Art. {n}")


def text(key: str, lang: str | None = "nl", /, **values: Any) -> str:
    """The text ``key`` in ``lang`` (Dutch unless ``"en"``), its ``{placeholders}``
    filled from ``values``; an unknown key comes back as itself, so a missing text
    shows as a readable word rather than an error (the tests keep that from happening).
    """
    entry = CATALOG.get(key)
    if entry is None:
        return key
    out = entry.get(lang)
    return out.format(**values) if values else out



def type_name(value: str | None, lang: str | None = "nl") -> str:
    """A request type's plain name (``"erasure"`` -> ``"Verwijdering"``), for charts."""
    if value is None:
        return ""
    entry = VOCABULARIES["request_type"].get(value)
    return entry.get(lang) if entry else str(value)


def label(vocabulary: str, value: str | None, lang: str | None = "nl") -> str:
    """The label of a stored vocabulary value (``""`` for None, the value itself when
    unknown); request types with their article: ``"Verwijdering (art. 17)"``."""
    if value is None:
        return ""
    entry = VOCABULARIES[vocabulary].get(value)
    if entry is None:
        return str(value)
    if vocabulary == "request_type" and ARTICLES.get(value):
        return f"{entry.get(lang)} ({_ARTICLE.get(lang).format(n=ARTICLES[value])})"
    return entry.get(lang)


# --- numbers and dates (Babel, CLDR data) ---------------------------------------------

def format_number(value: float | int, lang: str | None = "nl") -> str:
    """``1.5`` -> ``"1,5"`` (nl) / ``"1.5"`` (en); thousands grouped."""
    from babel.numbers import format_decimal

    return format_decimal(value, locale=LOCALES[norm_lang(lang)])


def format_percent(share: float | None, lang: str | None = "nl") -> str:
    """A share (0–1) as a whole percentage, ``"33%"``; ``"—"`` for None (0 of 0)."""
    if share is None:
        return "—"
    from babel.numbers import format_percent as _percent

    return _percent(share, locale=LOCALES[norm_lang(lang)])


def _as_date(value: Any) -> dt.date:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if hasattr(value, "to_timestamp"):               # pandas Period
        return value.to_timestamp().date()
    return dt.date.fromisoformat(str(value)[:10] if len(str(value)) > 7
                                 else f"{value}-01")


def format_date(value: Any, lang: str | None = "nl") -> str:
    """``"ma 2 maart 2026"`` / ``"Mon 2 March 2026"``."""
    from babel.dates import format_date as _format

    return _format(_as_date(value), "EEE d MMMM y", locale=LOCALES[norm_lang(lang)])


def format_month(value: Any, lang: str | None = "nl", *, long: bool = False) -> str:
    """A month (date, ``"2026-03"`` or a pandas Period): ``"mrt 26"`` / ``"Mar 26"``
    for chart axes, or with ``long`` ``"maart 2026"`` / ``"March 2026"``."""
    from babel.dates import format_date as _format

    return _format(_as_date(value), "LLLL y" if long else "LLL yy",
                   locale=LOCALES[norm_lang(lang)])
