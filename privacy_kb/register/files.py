"""Files the register writes (CSV exports, backups, migrate destinations).

* :func:`check_target`: a target that exists, is a symbolic link (dangling or not),
  a FIFO, a socket, a device or anything but a regular file is refused unless the
  caller asks to overwrite (and even then only a regular file is replaced); the
  register's own files never are.
* Work in progress (an export's temporary file, a migrate destination's marker) is
  held with an exclusive ``flock`` by the process doing it. A process killed with
  SIGKILL releases its locks, so the next run recognises what it left behind
  (:func:`abandoned`) and removes it (:func:`remove_stale_temporaries`): files that
  may hold personal data do not linger.
"""

from __future__ import annotations

import logging
import os
import re
import stat
from pathlib import Path
from typing import Any, Iterable

from privacy_kb.register.validation import fail

__all__ = ["check_target", "hold", "abandoned", "remove_stale_temporaries"]

log = logging.getLogger("privacy_kb.register")


def hold(fd: int) -> None:
    """Take an exclusive lock on the open file ``fd`` (released when the process
    ends, however it ends). A no-op where ``fcntl`` does not exist."""
    try:
        import fcntl
    except ImportError:  # pragma: no cover - Windows
        return
    fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)


def abandoned(path: Path) -> bool:
    """True when ``path`` exists and no running process holds its lock (its writer
    was killed); False while a process is still working on it."""
    try:
        import fcntl
    except ImportError:  # pragma: no cover - Windows: no locks, so go by age
        import time

        try:
            return time.time() - path.stat().st_mtime > 24 * 3600
        except OSError:
            return False
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0))
    except OSError:
        return False
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:
        return False
    finally:
        os.close(fd)  # closing releases the lock taken just now
    return True


def remove_stale_temporaries(target: Path) -> list[Path]:
    """Remove the temporary files a killed writer of ``target`` left beside it
    (``.<name>.<random>.tmp``, regular, not held by a running writer). Returns what
    was removed; each is logged by path."""
    pattern = re.compile(r"\." + re.escape(target.name) + r"\.[A-Za-z0-9_]+\.tmp")
    removed = []
    try:
        candidates = list(target.parent.iterdir())
    except OSError:
        return removed
    for path in candidates:
        if not pattern.fullmatch(path.name):
            continue
        try:
            if not stat.S_ISREG(path.lstat().st_mode) or not abandoned(path):
                continue
            path.unlink()
        except OSError:
            continue
        log.warning("removed %s, left by an interrupted export", path)
        removed.append(path)
    return removed


def check_target(path: Any, protected: Iterable[Path] = (), *,
                 overwrite: bool = False) -> Path:
    """``path`` as a new file to write, or refused.

    Refused (``ValidationError`` on field ``path``): a folder (``is_directory``); one
    of the ``protected`` files, given resolved (``is_register_file``; hard and
    symbolic links recognised); a symbolic link, dangling or not, a FIFO, a socket or
    a device (``not_regular``); an existing file unless ``overwrite``
    (``exists``).
    """
    target = Path(path).expanduser()
    try:
        info = target.lstat()
    except FileNotFoundError:
        info = None
    except OSError as exc:
        raise fail("path", "not_writable", target=str(target), cause=exc.strerror) from None
    if info is not None and stat.S_ISDIR(info.st_mode):
        raise fail("path", "is_directory", target=str(target))
    resolved = target.resolve()
    for guarded in protected:
        same = resolved == guarded
        if not same and target.exists() and guarded.exists():
            try:
                same = os.path.samefile(target, guarded)
            except OSError:
                same = False
        if same:
            raise fail("path", "is_register_file", target=str(target))
    if info is None:
        return target
    if not stat.S_ISREG(info.st_mode):
        raise fail("path", "not_regular", target=str(target))
    if not overwrite:
        raise fail("path", "exists", target=str(target))
    return target
