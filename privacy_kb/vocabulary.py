"""The contract's vocabularies, shared by the answering engine and the register.

Stored and returned as these strings (DESIGN.md); labels in the UI are Dutch/English.
Plain constants, no imports: the answering engine uses them without loading the
register's database layer.
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

#: GDPR article per request type (complaints are not a data-subject right of their own).
ARTICLES = {"access": "15", "rectification": "16", "erasure": "17", "restriction": "18",
            "portability": "20", "objection": "21", "complaint": None}

#: Position of each status on the lifecycle; moves go to a higher rank only.
STATUS_RANK = {"received": 0, "identity_check": 1, "in_progress": 2, "answered": 3,
               "closed": 4, "withdrawn": 4}
