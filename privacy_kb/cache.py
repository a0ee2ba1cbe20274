"""A small on-disk cache for derived data (the match index, the word lists).

Entries live in the user cache directory (``platformdirs``), or in
``$PRIVACY_DESK_CACHE`` when set (``off`` disables the cache). Each entry's file name
holds a hash of everything it was built from (the FAQ's and the statement's text, the
code version), so a changed input never reads a stale entry: it builds a new one.
Writes go to a temporary file first and are renamed into place, so a reader never sees
half a file. A cache that cannot be read or written (read-only, missing, corrupt)
falls back to building: the cache only ever makes things faster.
"""

from __future__ import annotations

import os
import sys

try:   # the blake2 module alone: hashlib would load OpenSSL, a cold start's worth of time
    from _blake2 import blake2b
except ImportError:  # pragma: no cover - a Python built without it
    from hashlib import blake2b
from pathlib import Path

APP_NAME = "privacy-desk"
# Bump when the layout of anything cached changes.
CACHE_VERSION = "3"


def cache_dir() -> Path | None:
    """The cache directory, or None when caching is off."""
    override = os.environ.get("PRIVACY_DESK_CACHE")
    if override is not None:
        if override.strip().lower() in ("", "off", "0", "no", "false"):
            return None
        return Path(override)
    if sys.platform == "linux":
        # platformdirs' rule on Linux (the XDG base directory spec), without importing
        # platformdirs: it and what it loads cost a cold `privacy-desk ask` ~3 ms.
        base = os.environ.get("XDG_CACHE_HOME", "")
        if not os.path.isabs(base):
            base = os.path.expanduser("~/.cache")
        return Path(base) / APP_NAME
    try:
        from platformdirs import user_cache_dir
    except ImportError:  # pragma: no cover - platformdirs is a dependency
        return None
    return Path(user_cache_dir(APP_NAME, appauthor=False))


def content_key(*parts: bytes | str) -> str:
    """A short hex digest of ``parts`` and the cache version."""
    digest = blake2b(CACHE_VERSION.encode(), digest_size=16)
    for part in parts:
        data = part.encode("utf-8") if isinstance(part, str) else part
        digest.update(len(data).to_bytes(8, "little"))
        digest.update(data)
    return digest.hexdigest()


def cached(name: str, key: str, build):
    """The object cached as ``name`` for ``key``; built with ``build()`` (and stored) when
    absent or unreadable."""
    directory = cache_dir()
    path = directory / f"{name}-{key}.pickle" if directory else None
    if path is not None:
        try:
            with open(path, "rb") as fh:
                # the C unpickler: importing the pickle module costs more than a read
                from _pickle import load

                return load(fh)
        except FileNotFoundError:
            pass
        except Exception:  # noqa: BLE001 - a corrupt or foreign file: rebuild
            pass
    value = build()
    if path is not None:
        _store(path, name, value)
    return value


def _store(path: Path, name: str, value) -> None:
    import pickle
    import tempfile   # only when writing: a cache hit needs none of it

    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{name}-", dir=path.parent)
        try:
            with os.fdopen(fd, "wb") as fh:
                pickle.dump(value, fh, protocol=pickle.HIGHEST_PROTOCOL)
            os.replace(tmp, path)
        except BaseException:
            try:
                os.unlink(tmp)
            except OSError:
                pass
            raise
        # Older entries of the same name were built from other inputs: remove them.
        for old in path.parent.glob(f"{name}-*.pickle"):
            if old != path:
                try:
                    old.unlink()
                except OSError:
                    pass
    except Exception:  # noqa: BLE001 - read-only or full disk: work without a cache
        pass
