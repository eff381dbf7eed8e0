"""Numbered schema migrations on ``PRAGMA user_version``.

Migration ``n`` takes a database from version ``n - 1`` to ``n``. Each runs in one ``BEGIN
IMMEDIATE`` transaction together with the new ``user_version`` and an audit entry, so a crash
leaves the database at the old version or the new one, never in between. Never edit a released
migration: add the next one. Tests run every migration from every earlier version.
"""
from __future__ import annotations

import sqlite3
from typing import Callable

from . import audit


def _m001_foundation(conn: sqlite3.Connection) -> None:
    """Installation settings, units, people, accounts, login throttling and the audit log."""
    for stmt in audit.AUDIT_STATEMENTS:
        conn.execute(stmt)
    for stmt in (
        """CREATE TABLE settings (
            key TEXT PRIMARY KEY,
            value TEXT NOT NULL
        )""",
        """CREATE TABLE units (
            id INTEGER PRIMARY KEY,
            name TEXT NOT NULL,
            code TEXT NOT NULL UNIQUE,
            level TEXT NOT NULL CHECK (level IN ('province', 'city', 'county', 'station')),
            parent_id INTEGER REFERENCES units(id),
            created_at TEXT NOT NULL,
            updated_at TEXT NOT NULL
        )""",
        "CREATE INDEX units_parent ON units(parent_id)",
        """CREATE TABLE people (
            id INTEGER PRIMARY KEY,
            unit_id INTEGER NOT NULL REFERENCES units(id),
            name TEXT NOT NULL,
            title TEXT NOT NULL DEFAULT '',
            cert_no TEXT NOT NULL DEFAULT '',
            phone TEXT NOT NULL DEFAULT '',
            active INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
            created_at TEXT NOT NULL,
            updated_at TEXT NOT NULL
        )""",
        "CREATE INDEX people_unit ON people(unit_id, active)",
        """CREATE TABLE accounts (
            id INTEGER PRIMARY KEY,
            username TEXT NOT NULL UNIQUE COLLATE NOCASE,
            person_id INTEGER REFERENCES people(id),
            password_hash TEXT NOT NULL,
            roles TEXT NOT NULL,
            active INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
            created_at TEXT NOT NULL,
            updated_at TEXT NOT NULL
        )""",
        """CREATE TABLE login_attempts (
            username TEXT PRIMARY KEY COLLATE NOCASE,
            failures INTEGER NOT NULL DEFAULT 0,
            last_failure REAL,
            retry_after REAL,
            locked_until REAL
        )""",
    ):
        conn.execute(stmt)


def _m002_campaigns(conn: sqlite3.Connection) -> None:
    """Campaigns (专项整治行动, 三年行动) with ordered categories, phases and required materials."""
    for stmt in (
        """CREATE TABLE campaigns (
            id INTEGER PRIMARY KEY,
            title TEXT NOT NULL,
            doc_no TEXT NOT NULL DEFAULT '',
            issuer TEXT NOT NULL DEFAULT '',
            kind TEXT NOT NULL DEFAULT 'special' CHECK (kind IN ('special', 'multi_year')),
            start_date TEXT,
            end_date TEXT,
            note TEXT NOT NULL DEFAULT '',
            created_at TEXT NOT NULL,
            updated_at TEXT NOT NULL
        )""",
        """CREATE TABLE campaign_categories (
            id INTEGER PRIMARY KEY,
            campaign_id INTEGER NOT NULL REFERENCES campaigns(id) ON DELETE CASCADE,
            position INTEGER NOT NULL,
            name TEXT NOT NULL,
            UNIQUE (campaign_id, name)
        )""",
        """CREATE TABLE campaign_phases (
            id INTEGER PRIMARY KEY,
            campaign_id INTEGER NOT NULL REFERENCES campaigns(id) ON DELETE CASCADE,
            position INTEGER NOT NULL,
            name TEXT NOT NULL,
            start_date TEXT,
            deadline TEXT,
            note TEXT NOT NULL DEFAULT ''
        )""",
        """CREATE TABLE campaign_materials (
            id INTEGER PRIMARY KEY,
            campaign_id INTEGER NOT NULL REFERENCES campaigns(id) ON DELETE CASCADE,
            position INTEGER NOT NULL,
            name TEXT NOT NULL,
            due_date TEXT,
            note TEXT NOT NULL DEFAULT ''
        )""",
        "CREATE INDEX campaign_categories_c ON campaign_categories(campaign_id, position)",
        "CREATE INDEX campaign_phases_deadline ON campaign_phases(deadline)",
        "CREATE INDEX campaign_materials_due ON campaign_materials(due_date)",
    ):
        conn.execute(stmt)


#: MIGRATIONS[n - 1] takes the schema from version n - 1 to n.
MIGRATIONS: list[Callable[[sqlite3.Connection], None]] = [_m001_foundation, _m002_campaigns]
LATEST_VERSION = len(MIGRATIONS)


def user_version(conn: sqlite3.Connection) -> int:
    return int(conn.execute("PRAGMA user_version").fetchone()[0])


def migrate(conn: sqlite3.Connection, target: int = LATEST_VERSION) -> list[int]:
    """Bring the database up to ``target``; return the versions applied.

    ``conn`` must be in autocommit mode (``isolation_level=None``). The caller has already refused
    a database newer than :data:`LATEST_VERSION`.
    """
    applied: list[int] = []
    for version in range(user_version(conn) + 1, target + 1):
        conn.execute("BEGIN IMMEDIATE")
        try:
            if user_version(conn) >= version:  # another process got there first
                conn.execute("ROLLBACK")
                continue
            MIGRATIONS[version - 1](conn)
            audit.append(conn, "system", "migrate", "schema", version, None,
                         audit.canonical({"user_version": version,
                                          "migration": MIGRATIONS[version - 1].__name__}))
            conn.execute(f"PRAGMA user_version = {version}")
            conn.execute("COMMIT")
        except BaseException:
            conn.execute("ROLLBACK")
            raise
        applied.append(version)
    return applied
