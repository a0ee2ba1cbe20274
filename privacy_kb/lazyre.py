"""Regular expressions compiled when first used.

The answering modules hold many long patterns; compiling them all at import would cost
a cold ``privacy-desk ask`` more than answering does. A :class:`LazyPattern` behaves as
the compiled pattern (``search``, ``match``, ``sub``, ...) and compiles on first use.
"""

from __future__ import annotations

import re


class LazyPattern:
    """``re.compile(pattern, flags)``, deferred until an attribute is asked for."""

    __slots__ = ("_pattern", "_flags", "_compiled")

    def __init__(self, pattern: str, flags: int = 0):
        self._pattern = pattern
        self._flags = flags
        self._compiled: re.Pattern | None = None

    def __getattr__(self, name: str):
        compiled = self._compiled
        if compiled is None:
            compiled = self._compiled = re.compile(self._pattern, self._flags)
        return getattr(compiled, name)


def lazy(pattern: str, flags: int = 0) -> LazyPattern:
    return LazyPattern(pattern, flags)
