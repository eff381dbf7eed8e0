"""Opening the database and writing to it with an audit entry for every change.

:func:`open_store` opens (or creates) the installation's SQLite file with WAL,
``synchronous=FULL``, foreign keys and a busy timeout, refuses files it must not touch (newer
version, corrupt, read-only, missing after an installation existed, a folder on a USB stick: see
:mod:`models.drives`) with a clear error, and runs
the migrations. :meth:`Store.write` is the only way business data changes: one ``BEGIN IMMEDIATE``
transaction whose :class:`Writer` records each insert, update and delete in the audit log, and
which returns what changed.
"""
from __future__ import annotations

import os
import sqlite3
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any, Iterator, Mapping
from urllib.parse import quote

if TYPE_CHECKING:
    import sqlite_utils

from . import audit
from .errors import (DatabaseCorrupt, DatabaseLocked, DatabaseMissing, DatabaseReadOnly,
                     DatabaseTooNew, DataFolderError, DiskFull, NotFound, StorageError)
from .drives import check_data_folder
from .logs import log
from .migrations import LATEST_VERSION, migrate, user_version
from .paths import DataDir

BUSY_TIMEOUT_MS = 5000


def translate_sqlite_error(exc: sqlite3.Error, path: Path) -> StorageError | None:
    """The user-facing error for an SQLite failure a user can cause, or None for a bug."""
    name = getattr(exc, "sqlite_errorname", "") or ""
    text = str(exc).lower()
    if name.startswith(("SQLITE_BUSY", "SQLITE_LOCKED")) or "locked" in text:
        return DatabaseLocked(path=str(path))
    if name.startswith("SQLITE_FULL") or "disk is full" in text:
        return DiskFull(path=str(path))
    if name.startswith("SQLITE_READONLY") or "readonly" in text:
        return DatabaseReadOnly(path=str(path))
    if name.startswith(("SQLITE_CORRUPT", "SQLITE_NOTADB")) or "not a database" in text \
            or "malformed" in text:
        return DatabaseCorrupt(path=str(path))
    if name.startswith("SQLITE_CANTOPEN") or "unable to open" in text:
        return DatabaseReadOnly(path=str(path))
    if name.startswith("SQLITE_IOERR") or "disk i/o error" in text:
        return DiskFull(path=str(path)) if _disk_nearly_full(path) else DatabaseCorrupt(path=str(path))
    return None


def _disk_nearly_full(path: Path) -> bool:
    try:
        st = os.statvfs(path.parent)
        return st.f_bavail * st.f_frsize < 1_000_000
    except OSError:
        return False


@contextmanager
def sqlite_errors(path: Path) -> Iterator[None]:
    """Re-raise SQLite failures a user can cause as :class:`StorageError`."""
    try:
        yield
    except sqlite3.Error as exc:
        mapped = translate_sqlite_error(exc, path)
        if mapped is None:
            raise
        log.warning("storage error on %s: %r", path, exc)
        raise mapped from exc


class Changes:
    """What one operation changed: table -> keys, plus the audit head after it."""

    def __init__(self) -> None:
        self.rows: dict[str, set[str]] = {}
        self.head_seq = 0

    def __repr__(self) -> str:
        return f"Changes({self.rows!r}, head_seq={self.head_seq})"

    def add(self, table: str, key: Any) -> None:
        self.rows.setdefault(table, set()).add(str(key))

    @property
    def tables(self) -> frozenset[str]:
        return frozenset(self.rows)

    def __bool__(self) -> bool:
        return bool(self.rows)


class Writer:
    """Audited writes inside one transaction; obtained from :meth:`Store.write`."""

    def __init__(self, conn: sqlite3.Connection, actor: str) -> None:
        self.conn = conn
        self.actor = actor
        self.changes = Changes()

    def insert(self, table: str, values: Mapping[str, Any]) -> int | str:
        """Insert a row of an audited table; return its key."""
        key_col = audit.AUDITED_TABLES[table]
        cols = list(values)
        cur = self.conn.execute(
            f'INSERT INTO "{table}" ({", ".join(f"[{c}]" for c in cols)})'
            f' VALUES ({", ".join("?" for _ in cols)})', [values[c] for c in cols])
        key = values[key_col] if key_col in values else cur.lastrowid
        after = audit.row_image(self.conn, table, key)
        audit.append(self.conn, self.actor, "insert", table, key, None, after)
        self.changes.add(table, key)
        return key

    def update(self, table: str, key: Any, values: Mapping[str, Any]) -> bool:
        """Update columns of one row; return False (and log nothing) when nothing changed."""
        before = audit.row_image(self.conn, table, key)
        if before is None:
            raise NotFound(what=table, key=key)
        if not values:
            return False
        key_col = audit.AUDITED_TABLES[table]
        sets = ", ".join(f"[{c}] = ?" for c in values)
        self.conn.execute(f'UPDATE "{table}" SET {sets} WHERE "{key_col}" = ?',
                          [*values.values(), key])
        after = audit.row_image(self.conn, table, key)
        if after == before:
            return False
        audit.append(self.conn, self.actor, "update", table, key, before, after)
        self.changes.add(table, key)
        return True

    def delete(self, table: str, key: Any) -> None:
        before = audit.row_image(self.conn, table, key)
        if before is None:
            raise NotFound(what=table, key=key)
        key_col = audit.AUDITED_TABLES[table]
        self.conn.execute(f'DELETE FROM "{table}" WHERE "{key_col}" = ?', (key,))
        audit.append(self.conn, self.actor, "delete", table, key, before, None)
        self.changes.add(table, key)

    def event(self, action: str, subject: str, detail: Mapping[str, Any] | None = None) -> None:
        """Record something that happened without changing business data (e.g. a login)."""
        audit.append(self.conn, self.actor, action, "event", subject, None,
                     audit.canonical(dict(detail or {})))


class Store:
    """An open installation database. Use from one thread at a time (the database worker).

    ``data_dir`` is the installation's folder, for the files kept beside the database (evidence);
    it defaults to the database file's folder, which is where :func:`open_store` finds it.
    """

    def __init__(self, conn: sqlite3.Connection, path: Path, anchor_path: Path | None,
                 data_dir: DataDir | None = None) -> None:
        self.conn = conn
        self.path = path
        self.anchor_path = anchor_path
        self.data_dir = data_dir if data_dir is not None else DataDir(path.parent)
        self._db: "sqlite_utils.Database | None" = None

    @property
    def db(self) -> "sqlite_utils.Database":
        """sqlite-utils over the same connection (bulk inserts, FTS set-up, table transforms).

        Imported on first use: it costs a third of the app's start-up time and start-up needs
        none of it.
        """
        if self._db is None:
            import sqlite_utils
            self._db = sqlite_utils.Database(self.conn)
        return self._db

    def close(self) -> None:
        self.conn.close()

    def setting(self, key: str, default: str | None = None) -> str | None:
        row = self.conn.execute("SELECT value FROM settings WHERE key = ?", (key,)).fetchone()
        return row[0] if row else default

    @property
    def installation_id(self) -> str:
        return self.setting("installation_id", "") or ""

    def query(self, sql: str, params: Any = ()) -> list[dict[str, Any]]:
        """Rows of a read query as dicts, with storage errors translated."""
        with sqlite_errors(self.path):
            cur = self.conn.execute(sql, params)
            names = [d[0] for d in cur.description]
            return [dict(zip(names, row)) for row in cur]

    @contextmanager
    def write(self, actor: str) -> Iterator[Writer]:
        """One audited write transaction. Commits on normal exit, rolls back on any exception."""
        with sqlite_errors(self.path):
            self.conn.execute("BEGIN IMMEDIATE")
            writer = Writer(self.conn, actor)
            try:
                yield writer
                writer.changes.head_seq = audit.head(self.conn)[0]
                self.conn.execute("COMMIT")
            except BaseException:
                if self.conn.in_transaction:
                    self.conn.execute("ROLLBACK")
                raise
        self.update_anchor()

    def update_anchor(self) -> None:
        """Record the current audit head outside the database (best effort, never raises).

        An anchor that no longer matches the chain (its entry was deleted or rewritten) is left
        as it is: moving it on would hide the tampering from :meth:`verify_audit`.
        """
        if self.anchor_path is None:
            return
        try:
            seq, digest = audit.head(self.conn)
            current = audit.read_anchor(self.anchor_path)
            if current is not None and (current.seq, current.hash) == (seq, digest):
                return
            if current is not None and current.seq > 0 \
                    and current.installation_id in ("", self.installation_id):
                row = self.conn.execute("SELECT hash FROM audit_log WHERE seq = ?",
                                        (current.seq,)).fetchone()
                if row is None or row[0] != current.hash:
                    log.warning("audit anchor %s (seq %d) does not match the chain; kept",
                                self.anchor_path, current.seq)
                    return
            audit.write_anchor(self.anchor_path, audit.Anchor(seq, digest, self.installation_id))
        except (OSError, sqlite3.Error) as exc:
            log.warning("could not write the audit anchor %s: %r", self.anchor_path, exc)

    def verify_audit(self, **kwargs: Any) -> audit.VerifyReport:
        anchor = audit.read_anchor(self.anchor_path) if self.anchor_path else None
        if anchor is not None and anchor.installation_id not in ("", self.installation_id):
            anchor = None
        with sqlite_errors(self.path):
            return audit.verify(self.conn, anchor, **kwargs)


def _connect(path: Path, *, read_only: bool = False, immutable: bool = False) -> sqlite3.Connection:
    if read_only:
        # The path is quoted: a folder name with "#", "?" or "%" would otherwise name another file.
        uri = f"file:{quote(str(path))}?mode=ro{'&immutable=1' if immutable else ''}"
        conn = sqlite3.connect(uri, uri=True, timeout=BUSY_TIMEOUT_MS / 1000,
                               isolation_level=None, check_same_thread=False)
    else:
        conn = sqlite3.connect(path, timeout=BUSY_TIMEOUT_MS / 1000, isolation_level=None,
                               check_same_thread=False)
    conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
    return conn


def peek_version(path: Path) -> int:
    """``user_version`` of an existing file, read without changing anything.

    A WAL database without a ``-wal`` file is open nowhere and wholly in its main file: it is read
    as immutable, since a read-only connection would otherwise create ``-wal`` and ``-shm`` files.
    """
    with sqlite_errors(path):
        conn = _connect(path, read_only=True, immutable=_is_closed_wal_database(path))
        try:
            conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
            return user_version(conn)
        finally:
            conn.close()


def _is_closed_wal_database(path: Path) -> bool:
    try:
        with open(path, "rb") as fh:
            header = fh.read(20)
    except OSError:
        return False
    return len(header) == 20 and header[:16] == b"SQLite format 3\x00" and header[18] == 2 \
        and not path.with_name(path.name + "-wal").exists()


def table_names(conn: sqlite3.Connection) -> set[str]:
    """The names of the tables of the database behind ``conn``."""
    return {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}


def open_store(data_dir: DataDir, *, create: bool = True, migrate_to: int = LATEST_VERSION) -> Store:
    """Open the installation database in ``data_dir`` (see the module doc for what is refused).

    With ``create`` False a missing database is an error; with it True, a missing database is
    created unless the folder shows an installation existed (its audit anchor is there).
    """
    path = data_dir.database
    check_data_folder(data_dir.root)
    if not path.exists():
        if not create or data_dir.anchor.exists():
            raise DatabaseMissing(path=str(path))
        try:
            data_dir.root.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise DataFolderError(path=str(data_dir.root), reason=exc.strerror or str(exc)) from exc
        if not os.access(data_dir.root, os.W_OK):
            raise DatabaseReadOnly(path=str(path))
    else:
        if not os.access(path, os.R_OK):
            raise DatabaseReadOnly(path=str(path))
        found = peek_version(path)
        if found > LATEST_VERSION:
            raise DatabaseTooNew(path=str(path), found=found, supported=LATEST_VERSION)
        if not os.access(path, os.W_OK) or not os.access(data_dir.root, os.W_OK):
            raise DatabaseReadOnly(path=str(path))

    with sqlite_errors(path):
        conn = _connect(path)
        try:
            conn.execute("PRAGMA journal_mode = WAL").fetchone()
            conn.execute("PRAGMA synchronous = FULL")
            conn.execute("PRAGMA foreign_keys = ON")
            if user_version(conn) > LATEST_VERSION:  # raced with a newer app
                raise DatabaseTooNew(path=str(path), found=user_version(conn),
                                     supported=LATEST_VERSION)
            migrate(conn, migrate_to)
            if conn.execute("SELECT 1 FROM sqlite_master WHERE name = 'settings'").fetchone() \
                    and not conn.execute(
                        "SELECT 1 FROM settings WHERE key = 'installation_id'").fetchone():
                _init_settings(conn)
        except BaseException:
            conn.close()
            raise
    store = Store(conn, path, data_dir.anchor, data_dir)
    store.update_anchor()
    return store


def _init_settings(conn: sqlite3.Connection) -> None:
    """Give a new database its installation id (audited like any other data)."""
    import uuid

    conn.execute("BEGIN IMMEDIATE")
    try:
        if not conn.execute("SELECT 1 FROM settings WHERE key = 'installation_id'").fetchone():
            Writer(conn, "system").insert(
                "settings", {"key": "installation_id", "value": uuid.uuid4().hex})
        conn.execute("COMMIT")
    except BaseException:
        conn.execute("ROLLBACK")
        raise
