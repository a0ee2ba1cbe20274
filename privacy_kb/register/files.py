"""Files the register writes (CSV exports, backups): one check of the target.

A target that exists, is a symbolic link (dangling or not), a FIFO, a socket, a device
or anything but a regular file is refused unless the caller asks to overwrite (and
even then only a regular file is replaced); the register's own files never are.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path
from typing import Any, Iterable

from privacy_kb.register.validation import fail

__all__ = ["check_target"]


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
