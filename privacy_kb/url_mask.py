"""Passwords out of database URLs, wherever a URL is shown or logged.

Plain text in, plain text out, with nothing heavy imported, so that the app's header
can use it before SQLAlchemy is loaded. ``privacy_kb.register.engine.mask_url`` adds
SQLAlchemy URL objects on top of it.
"""

import re

# user:password@ in a URL; greedy up to the last "@" before the path, so that a
# password holding "@" is masked whole.
_PASSWORD_IN_URL = re.compile(r"(?P<head>[A-Za-z][A-Za-z0-9+.\-]*://[^\s:/@]*:)"
                              r"(?P<secret>[^\s/]*)(?P<tail>@)")
# password=… as a query parameter or a libpq keyword.
_PASSWORD_PARAM = re.compile(r"(?i)(?P<head>\bpassword=)(?P<secret>[^\s&;'\"]+)")


def mask_url_text(text: str) -> str:
    """``text`` with every password in a URL or ``password=`` parameter as ``***``.

    >>> mask_url_text("postgresql+psycopg://desk:s3cret@db.example.nl/pd")
    'postgresql+psycopg://desk:***@db.example.nl/pd'
    >>> mask_url_text("postgresql:///x?user=desk&password=S3cret&host=h")
    'postgresql:///x?user=desk&password=***&host=h'
    """
    text = _PASSWORD_IN_URL.sub(lambda m: m["head"] + "***" + m["tail"], text or "")
    return _PASSWORD_PARAM.sub(lambda m: m["head"] + "***", text)
