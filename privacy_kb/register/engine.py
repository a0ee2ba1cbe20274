"""Where the register lives: store names, URLs, engines, and what their errors mean.

* :func:`default_location` and :func:`store_url` turn what a user gives (nothing, a
  path, a URL) into a SQLAlchemy URL; only SQLite and PostgreSQL are accepted.
* :func:`make_engine` builds the engine the rules ask for: SQLite in WAL mode with
  ``synchronous=FULL``, a busy timeout, foreign keys and ``secure_delete``, every write
  transaction started with ``BEGIN IMMEDIATE`` (see ``docs/register-store.md``), a new
  file created with mode 0600.
* :func:`mask_url` hides a password in a URL or in any text that holds one; every
  message of this package that shows a URL goes through it.
* :func:`store_error` turns a database driver's error into a
  :class:`~privacy_kb.errors.StoreError` naming the store and the cause (not a
  register, corrupt, read-only, disk full, unreachable, missing driver).
"""

from __future__ import annotations

import logging
import os
import stat
import time
from pathlib import Path
from typing import Any

import sqlalchemy as sa

from privacy_kb.url_mask import mask_url_text
from sqlalchemy import event

from privacy_kb.errors import StoreError

__all__ = ["ENV_VAR", "BUSY_TIMEOUT_S", "SUPPORTED_BACKENDS", "default_location",
           "store_url", "make_engine", "mask_url", "describe", "database_files",
           "store_error", "check_file_modes", "inspect_sqlite_file"]

log = logging.getLogger("privacy_kb.register")

#: Environment variable naming the default store (a path or a SQLAlchemy URL).
ENV_VAR = "PRIVACY_DESK_DB"
BUSY_TIMEOUT_S = 30
#: The database kinds the register runs on.
SUPPORTED_BACKENDS = ("sqlite", "postgresql")


def mask_url(value: Any) -> str:
    """``value`` (a URL, a path or any text) as text with every password masked.

    >>> mask_url("postgresql+psycopg://desk:s3cret@db.example.nl/pd")
    'postgresql+psycopg://desk:***@db.example.nl/pd'
    >>> mask_url("could not connect to postgresql://u:p@h/db?password=p2")
    'could not connect to postgresql://u:***@h/db?password=***'
    """
    if isinstance(value, sa.URL):
        value = value.render_as_string(hide_password=True)
    return mask_url_text(os.fspath(value) if isinstance(value, os.PathLike) else str(value))


def default_location() -> str:
    """The store used when none is named: ``$PRIVACY_DESK_DB``, else
    ``register.sqlite3`` in the user's data directory (platformdirs)."""
    env = os.environ.get(ENV_VAR, "").strip()
    if env:
        return env
    import platformdirs

    return str(Path(platformdirs.user_data_dir("privacy-desk", appauthor=False))
               / "register.sqlite3")


def store_url(url_or_path: str | os.PathLike | None) -> sa.URL:
    """The SQLAlchemy URL of a store named as ``open_register`` accepts it (a plain
    path means a SQLite file; ``None`` means :func:`default_location`).

    Raises
    ------
    StoreError
        ``unknown_driver``: a URL that cannot be read, or of a database kind other
        than SQLite and PostgreSQL (e.g. ``mysql://``).
    """
    target = default_location() if url_or_path is None else os.fspath(url_or_path)
    if "://" not in target:
        return sa.URL.create("sqlite", database=target)
    try:
        url = sa.make_url(target)
    except Exception:  # noqa: BLE001 - ArgumentError and friends: say so plainly
        raise StoreError(f"{mask_url(target)} is geen geldige database-URL.",
                         f"{mask_url(target)} is not a valid database URL.",
                         "unknown_driver") from None
    if url.get_backend_name() not in SUPPORTED_BACKENDS:
        raise StoreError(
            f"{mask_url(url)}: het register werkt met SQLite (een bestandspad) of "
            f"PostgreSQL (postgresql+psycopg://…), niet met {url.get_backend_name()}.",
            f"{mask_url(url)}: the register runs on SQLite (a file path) or PostgreSQL "
            f"(postgresql+psycopg://…), not on {url.get_backend_name()}.",
            "unknown_driver")
    return url


def describe(url: sa.URL) -> str:
    """How messages name a store: the file path for SQLite, else the masked URL."""
    if url.get_backend_name() == "sqlite" and url.database:
        return url.database
    return mask_url(url)


def _sqlite_path(url: sa.URL) -> Path | None:
    database = url.database or ""
    if database in ("", ":memory:") or database.startswith("file:"):
        return None
    return Path(database).expanduser()


def database_files(url: sa.URL) -> list[Path]:
    """The files that hold a SQLite store, resolved: the file and its ``-wal``,
    ``-shm`` and ``-journal`` companions (whether they exist or not). Empty for an
    in-memory store and for other engines."""
    if url.get_backend_name() != "sqlite":
        return []
    path = _sqlite_path(url)
    if path is None:
        return []
    main = path.resolve()
    return [main] + [main.with_name(main.name + suffix)
                     for suffix in ("-wal", "-shm", "-journal")]


def check_file_modes(url: sa.URL, *, fix: bool = True) -> list[Path]:
    """The register's files (SQLite) that others than the owner may read or write.

    With ``fix`` they are set to mode 0600 (the owner's only). Each one found is
    logged as a warning (the path only). Returns the files found open to others.
    """
    found = []
    for path in database_files(url):
        try:
            mode = path.stat().st_mode
        except OSError:
            continue
        if stat.S_ISREG(mode) and mode & 0o077:
            found.append(path)
            log.warning("register file %s was readable by others (mode %o)%s", path,
                        mode & 0o777, "; set to 0600" if fix else "")
            if fix:
                try:
                    os.chmod(path, 0o600)
                except OSError:
                    log.warning("could not set %s to mode 0600", path)
    return found


def inspect_sqlite_file(path: Path, *, create: bool) -> str:
    """What an existing SQLite file holds, read without changing it (a read-only
    connection: no WAL switch, no schema): ``"register"`` or ``"empty"``.

    Raises
    ------
    StoreError
        ``corrupt`` (not a database), ``not_a_register`` (another application's
        tables), ``no_register`` (empty, and ``create`` is false).
    """
    import sqlite3

    if path.stat().st_size == 0:
        found: list[str] = []
    else:
        try:
            conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True,
                                   timeout=BUSY_TIMEOUT_S)
            try:
                found = [name for (name,) in conn.execute(
                    "SELECT name FROM sqlite_master WHERE type = 'table'")]
            finally:
                conn.close()
        except sqlite3.DatabaseError as exc:
            error = store_error(exc, sa.URL.create("sqlite", database=str(path)))
            if error is None:
                raise StoreError(f"Het register {path} kan niet worden gelezen ({exc}).",
                                 f"The register {path} cannot be read ({exc}).",
                                 "unavailable") from None
            raise error from None
    if "schema_version" in found:
        return "register"
    others = sorted(t for t in found if not t.startswith("sqlite_"))
    if others:
        raise StoreError(
            f"{path} is geen register (het bestand bevat tabellen van iets anders: "
            f"{', '.join(others[:5])}); het wordt niet gewijzigd.",
            f"{path} is not a register (the file holds another application's "
            f"tables: {', '.join(others[:5])}); it is left unchanged.", "not_a_register")
    if not create:
        raise StoreError(f"Er is geen register op {path} (het bestand is leeg).",
                         f"There is no register at {path} (the file is empty).",
                         "no_register")
    return "empty"


def make_engine(url_or_path: str | os.PathLike | sa.URL | None, *, create: bool = True,
                echo: bool = False) -> sa.Engine:
    """The engine the register uses, without touching the schema: SQLite tuned as the
    rules say (a missing file created with mode 0600 when ``create``), PostgreSQL
    with a pre-ping.

    Raises
    ------
    StoreError
        ``no_register`` (missing SQLite file and not ``create``), ``unknown_driver``,
        ``missing_driver`` (e.g. psycopg not installed), ``corrupt`` (the path is a
        folder), ``read_only`` (the folder cannot be written).
    """
    url = url_or_path if isinstance(url_or_path, sa.URL) else store_url(url_or_path)
    if url.get_backend_name() == "sqlite":
        return _sqlite_engine(url, create=create, echo=echo)
    try:
        return sa.create_engine(url, echo=echo, pool_pre_ping=True)
    except (ImportError, sa.exc.NoSuchModuleError) as exc:
        raise StoreError(
            f"{mask_url(url)}: het databasestuurprogramma ontbreekt ({exc}); installeer "
            "het (pip install 'psycopg[binary]') en gebruik postgresql+psycopg://….",
            f"{mask_url(url)}: the database driver is missing ({exc}); install it "
            "(pip install 'psycopg[binary]') and use postgresql+psycopg://….",
            "missing_driver") from None


def _sqlite_engine(url: sa.URL, *, create: bool, echo: bool) -> sa.Engine:
    path = _sqlite_path(url)
    memory = path is None
    options: dict[str, Any] = {"echo": echo,
                               "connect_args": {"timeout": BUSY_TIMEOUT_S}}
    if memory:
        options["poolclass"] = sa.pool.StaticPool
        options["connect_args"]["check_same_thread"] = False
    else:
        if path.is_dir():
            raise StoreError(f"{path} is een map, geen register.",
                             f"{path} is a folder, not a register.", "corrupt")
        if not path.exists():
            if not create:
                raise StoreError(f"Er is geen register op {path}.",
                                 f"There is no register at {path}.", "no_register")
            try:
                path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
                # Owner-only from the first byte; SQLite gives -wal and -shm the same mode.
                os.close(os.open(path, os.O_CREAT | os.O_RDWR, 0o600))
            except OSError as exc:
                raise StoreError(
                    f"Het register {path} kan niet worden gemaakt: {exc.strerror}.",
                    f"The register {path} cannot be created: {exc.strerror}.",
                    "read_only") from None
        else:
            inspect_sqlite_file(path, create=create)
        url = url.set(database=str(path))
    engine = sa.create_engine(url, **options)

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_conn, _record):  # noqa: ANN001
        # SQLAlchemy emits BEGIN itself (see _on_begin): turn off pysqlite's own.
        dbapi_conn.isolation_level = None
        cur = dbapi_conn.cursor()
        try:
            cur.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_S * 1000}")
            # Deleted content is overwritten, not left in free pages (a purge must
            # leave nothing readable); set always, whatever the build's default.
            cur.execute("PRAGMA secure_delete = ON")
            if not memory:
                _enable_wal(cur, path)
            cur.execute("PRAGMA synchronous = FULL")
            cur.execute("PRAGMA foreign_keys = ON")
        finally:
            cur.close()

    @event.listens_for(engine, "begin")
    def _on_begin(conn):  # noqa: ANN001
        conn.exec_driver_sql(conn.get_execution_options().get("sqlite_begin", "BEGIN"))

    return engine


def _enable_wal(cur, path: Path | None) -> None:  # noqa: ANN001
    """Switch to WAL; retried, since a fresh file may be busy being set up by a peer."""
    import sqlite3

    deadline = time.monotonic() + BUSY_TIMEOUT_S
    while True:
        try:
            mode = cur.execute("PRAGMA journal_mode = WAL").fetchone()[0]
            if mode.lower() == "wal":
                return
        except sqlite3.OperationalError as exc:
            if "locked" not in str(exc) and "busy" not in str(exc):
                raise
        if time.monotonic() > deadline:
            raise StoreError(f"Het register {path} kon niet in WAL-modus worden gezet.",
                             f"The register {path} could not be switched to WAL mode.",
                             "unavailable")
        time.sleep(0.01)


# --- what a driver's error means --------------------------------------------------------

_SQLITE_CODES = {
    "SQLITE_CORRUPT": "corrupt", "SQLITE_NOTADB": "corrupt",
    "SQLITE_READONLY": "read_only", "SQLITE_PERM": "read_only",
    "SQLITE_CANTOPEN": "read_only", "SQLITE_FULL": "disk_full",
}
_PG_STATES = {
    "28P01": "unreachable", "28000": "unreachable", "3D000": "unreachable",
    "08001": "unreachable", "08006": "unreachable", "08004": "unreachable",
    "53100": "disk_full", "25006": "read_only", "42501": "read_only",
}
_WHAT = {
    "corrupt": ("is beschadigd of geen database", "is damaged or not a database"),
    "read_only": ("kan niet worden beschreven", "cannot be written"),
    "disk_full": ("kan niet worden beschreven: de schijf is vol",
                  "cannot be written: the disk is full"),
    "unreachable": ("is niet bereikbaar of weigert de aanmelding",
                    "cannot be reached or refused the login"),
    "unavailable": ("gaf een fout", "failed"),
}


def _classify(exc: BaseException) -> str | None:
    orig = getattr(exc, "orig", None) or exc
    name = getattr(orig, "sqlite_errorname", None)
    if name:
        for key, code in _SQLITE_CODES.items():
            if name == key or name.startswith(key + "_"):
                return code
        if name.startswith("SQLITE_IOERR"):
            return "disk_full" if "full" in str(orig).lower() else "corrupt"
    state = getattr(orig, "sqlstate", None) or getattr(orig, "pgcode", None)
    if state in _PG_STATES:
        return _PG_STATES[state]
    text = str(orig).lower()
    if "file is not a database" in text or "malformed" in text:
        return "corrupt"
    if "readonly" in text or "read-only" in text or "read only" in text:
        return "read_only"
    if "disk is full" in text or "no space left" in text:
        return "disk_full"
    if isinstance(exc, sa.exc.OperationalError) and (
            "connection" in text or "could not" in text or "timeout" in text
            or "password" in text or "refused" in text):
        return "unreachable"
    return None


def store_error(exc: BaseException, url: sa.URL) -> StoreError | None:
    """A :class:`StoreError` naming the store and the cause of a driver's ``exc``, or
    None when ``exc`` is not one of the store-level failures (corrupt, read-only,
    disk full, unreachable), e.g. a constraint violation or a lock wait."""
    code = _classify(exc)
    if code is None:
        return None
    orig = getattr(exc, "orig", None) or exc
    cause = mask_url(" ".join(str(orig).split()))[:300]
    nl, en = _WHAT[code]
    where = describe(url)
    return StoreError(f"Het register {where} {nl} ({cause}).",
                      f"The register {where} {en} ({cause}).", code)
