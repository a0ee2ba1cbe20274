"""Backups of a SQLite register with SQLite's online backup API (safe while others
write). The target is checked as every file the register writes
(:func:`privacy_kb.register.files.check_target`): never the register's own files,
never over an existing file, a link, a FIFO or a device unless asked. PostgreSQL
registers are backed up with ``pg_dump``.
"""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path
from typing import Any

from privacy_kb.errors import StoreError, ValidationError
from privacy_kb.register.files import check_target

__all__ = ["backup"]


def backup(reg: Any, path: Any, *, overwrite: bool = False) -> Path:
    """``Register.backup``: copy a SQLite register with the online backup API into a
    new file (mode 0600). See :func:`check_target` for what is refused."""
    if not reg.is_sqlite:
        raise StoreError("Maak een back-up van PostgreSQL met pg_dump.",
                         "Back up PostgreSQL with pg_dump.", "not_supported")
    try:
        target = check_target(path, reg.database_files(), overwrite=overwrite)
    except ValidationError as err:  # for a backup: a store-level refusal
        first = err.problems[0]
        if first.code == "is_register_file":
            raise StoreError(f"{path} is het register zelf; kies een ander bestand.",
                             f"{path} is the register itself; choose another file.",
                             "target_exists") from None
        raise StoreError(first.nl, first.en, "target_exists") from None
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        flags = os.O_CREAT | os.O_WRONLY | getattr(os, "O_NOFOLLOW", 0)
        flags |= os.O_TRUNC if overwrite else os.O_EXCL
        os.close(os.open(target, flags, 0o600))
        os.chmod(target, 0o600)
    except OSError as exc:
        raise StoreError(f"De back-up {target} kan niet worden geschreven: {exc.strerror}.",
                         f"The backup {target} cannot be written: {exc.strerror}.",
                         "read_only") from None
    dest = sqlite3.connect(target)
    raw = reg.engine.raw_connection()
    try:
        raw.driver_connection.backup(dest)
        dest.execute("PRAGMA journal_mode = DELETE")
    finally:
        raw.close()
        dest.close()
    return target
