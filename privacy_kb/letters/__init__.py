"""Letters to the requester (GDPR Art. 12): drafted from a request's fields, never sent.

Kinds: ``acknowledgement`` (id, date received, legal due date), ``info_request``
(identity or clarification; never an ID copy or BSN; the deadline keeps running),
``extension_notice`` (reasons and the new due date; only for an extended request),
``decision`` (granted / partly / refused, worded per request type; a partial or full
refusal states the ground, the reasons, the Autoriteit Persoonsgegevens complaint route
and the right to go to court). Dutch and English; dates written out by Babel.

>>> from privacy_kb.letters import draft_letter
>>> letter = draft_letter(request, "acknowledgement", "en")       # doctest: +SKIP
>>> letter.subject, letter.body, letter.as_email()                 # doctest: +SKIP

Templates (:mod:`privacy_kb.letters.templates`) are Jinja2 text rendered in a sandbox;
:func:`validate_template` refuses one that leaves out what the law requires.
Pure: no database and nothing sent; the register stores templates and sent-marks.
See ``docs/letters.md``.
"""

from privacy_kb.letters.drafting import (TEMPLATE_VARIABLES, Letter, check_details,
                                         check_kind, context_for, draft_letter,
                                         fitting_kinds, preview_sample, preview_template,
                                         request_fields, sample_label)
from privacy_kb.letters.flags import (Flag, acknowledgement_due, extension_notice_due,
                                      letter_flags)
from privacy_kb.letters.templates import (KINDS, LANGS, Template, default_template,
                                          validate_template)

__all__ = ["Letter", "draft_letter", "preview_template", "preview_sample", "sample_label", "TEMPLATE_VARIABLES", "check_kind", "fitting_kinds", "check_details",
           "context_for", "request_fields", "KINDS", "LANGS", "Template",
           "default_template", "validate_template", "Flag", "letter_flags",
           "acknowledgement_due", "extension_notice_due"]
