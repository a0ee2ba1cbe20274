"""Privacy Desk: answers questions about a privacy statement and keeps a register of
data-subject requests.

Public names are imported lazily so that ``privacy-desk ask`` stays fast: asking never
imports pandas, SQLAlchemy or ipywidgets (nor the error classes).
"""

__all__ = ["load_assistant", "open_register", "DeskError", "ValidationError",
           "ConflictError", "NotFoundError", "StoreError"]
__version__ = "0.1.0"


def load_assistant(path=None, **options):
    """Build the answering assistant; see :func:`privacy_kb.assistant.load_assistant`."""
    from privacy_kb.assistant import load_assistant as _load

    return _load(path, **options)


def open_register(url_or_path=None, **options):
    """Open (creating if needed) the request register; see
    :func:`privacy_kb.register.store.open_register`."""
    from privacy_kb.register.store import open_register as _open

    return _open(url_or_path, **options)


_ERRORS = frozenset({"DeskError", "ValidationError", "ConflictError", "NotFoundError",
                     "StoreError"})


def __getattr__(name):
    # The error classes on first use: `privacy-desk ask` raises none of them, and
    # importing them (a dataclass module) costs its cold start ~1 ms.
    if name in _ERRORS:
        from privacy_kb import errors

        return getattr(errors, name)
    raise AttributeError(f"module 'privacy_kb' has no attribute {name!r}")
