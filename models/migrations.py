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


#: The text columns of problems the search index covers (models.ledger_query.SEARCH_COLUMNS).
_SEARCH_COLUMNS = ("issue", "manifestation", "measures", "remarks", "completion",
                   "rebound_measures")
_COLS = ", ".join(_SEARCH_COLUMNS)


def _spaced(col: str) -> str:
    """SQL of ``p.<col>`` with a space between every two characters and around it ('' stays '')."""
    return (f"CASE WHEN p.{col} = '' THEN '' ELSE ' ' || (SELECT group_concat(substr(p.{col}, n, 1),"
            f" ' ') FROM (SELECT n FROM search_positions WHERE n <= length(p.{col}) ORDER BY n))"
            " || ' ' END")


def _m003_problems(conn: sqlite3.Connection) -> None:
    """The rectification ledger (问题台账): problems, their status history, progress notes,
    evidence files, and a trigram full-text index over the Chinese text fields (spaced out, so
    that it finds terms of one and two characters too)."""
    for stmt in (
        """CREATE TABLE problems (
            id INTEGER PRIMARY KEY,
            campaign_id INTEGER REFERENCES campaigns(id),
            unit_id INTEGER NOT NULL REFERENCES units(id),
            seq_no INTEGER NOT NULL,
            category TEXT NOT NULL,
            issue TEXT NOT NULL,
            manifestation TEXT NOT NULL DEFAULT '',
            measures TEXT NOT NULL DEFAULT '',
            responsible_dept TEXT NOT NULL DEFAULT '',
            responsible_person_id INTEGER REFERENCES people(id),
            deadline TEXT,
            remarks TEXT NOT NULL DEFAULT '',
            scope TEXT NOT NULL DEFAULT 'individual' CHECK (scope IN ('common', 'individual')),
            source TEXT NOT NULL DEFAULT 'self_check' CHECK (source IN ('self_check', 'complaint',
                'inspection', 'satisfaction', 'case_review', 'supervision_letter', 'other')),
            source_channel TEXT NOT NULL DEFAULT '',
            source_ref TEXT NOT NULL DEFAULT '',
            completion TEXT NOT NULL DEFAULT '',
            effective TEXT NOT NULL DEFAULT '' CHECK (effective IN ('', 'yes', 'no')),
            rebound INTEGER NOT NULL DEFAULT 0 CHECK (rebound IN (0, 1)),
            rebound_measures TEXT NOT NULL DEFAULT '',
            status TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'in_progress',
                'rectified', 'closed', 'rebound')),
            closed_at TEXT,
            created_at TEXT NOT NULL,
            updated_at TEXT NOT NULL,
            UNIQUE (campaign_id, unit_id, seq_no)
        )""",
        "CREATE INDEX problems_seq ON problems(seq_no)",   # the ledger's default order
        "CREATE INDEX problems_status ON problems(status, deadline)",
        "CREATE INDEX problems_deadline ON problems(deadline)",
        "CREATE INDEX problems_person ON problems(responsible_person_id, status)",
        "CREATE INDEX problems_campaign ON problems(campaign_id, category)",
        "CREATE INDEX problems_source ON problems(source)",
        "CREATE INDEX problems_updated ON problems(updated_at)",
        """CREATE TABLE problem_events (
            id INTEGER PRIMARY KEY,
            problem_id INTEGER NOT NULL REFERENCES problems(id),
            ts TEXT NOT NULL,
            account_id INTEGER REFERENCES accounts(id),
            from_status TEXT,
            to_status TEXT NOT NULL,
            note TEXT NOT NULL DEFAULT ''
        )""",
        "CREATE INDEX problem_events_problem ON problem_events(problem_id, id)",
        """CREATE TABLE progress_notes (
            id INTEGER PRIMARY KEY,
            problem_id INTEGER NOT NULL REFERENCES problems(id),
            note_date TEXT NOT NULL,
            text TEXT NOT NULL,
            account_id INTEGER REFERENCES accounts(id),
            created_at TEXT NOT NULL
        )""",
        "CREATE INDEX progress_notes_problem ON progress_notes(problem_id, note_date)",
        """CREATE TABLE evidence (
            id INTEGER PRIMARY KEY,
            problem_id INTEGER NOT NULL REFERENCES problems(id),
            note_id INTEGER REFERENCES progress_notes(id),
            sha256 TEXT NOT NULL,
            size INTEGER NOT NULL,
            media_type TEXT NOT NULL DEFAULT '',
            original_name TEXT NOT NULL,
            original_mtime TEXT,
            account_id INTEGER REFERENCES accounts(id),
            added_at TEXT NOT NULL
        )""",
        "CREATE INDEX evidence_problem ON evidence(problem_id)",
        "CREATE INDEX evidence_sha ON evidence(sha256)",
        # Search index (see models/ledger_query.py): ONE trigram FTS5 index over the text
        # columns with a space put between every two characters (and around the whole text), so
        # that a term of any length is one phrase of it: a single character c is the trigram
        # " c ", two characters "ab" the trigram "a b", longer terms the spaced-out phrase. The
        # view problems_spaced gives that spaced text; plain-SQL triggers keep the index in step,
        # so an edit made with the sqlite3 command-line shell (no app functions) is indexed too.
        # search_positions numbers the characters: the view spaces out the first 16,384
        # characters of a column, which is the longest text the search can find things in (the
        # app limits these fields to 4,000 characters). It is filled here, once, not by a trigger.
        "CREATE TABLE search_positions (n INTEGER PRIMARY KEY)",
        ("WITH RECURSIVE s(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM s WHERE n < 16384)"
         " INSERT INTO search_positions(n) SELECT n FROM s"),
        "CREATE VIEW problems_spaced AS SELECT p.id AS id, "
        + ", ".join(_spaced(col) + f" AS {col}" for col in _SEARCH_COLUMNS)
        + " FROM problems p",
        f"""CREATE VIRTUAL TABLE problems_spaced_fts USING fts5({_COLS},
            content='problems_spaced', content_rowid='id', tokenize='trigram', columnsize=0)""",
        # The 'delete' of an external-content FTS5 row must give the text it was indexed with:
        # read from the view BEFORE the row changes or goes.
        f"""CREATE TRIGGER problems_spaced_ai AFTER INSERT ON problems BEGIN
            INSERT INTO problems_spaced_fts(rowid, {_COLS})
            SELECT id, {_COLS} FROM problems_spaced WHERE id = new.id;
        END""",
        f"""CREATE TRIGGER problems_spaced_bd BEFORE DELETE ON problems BEGIN
            INSERT INTO problems_spaced_fts(problems_spaced_fts, rowid, {_COLS})
            SELECT 'delete', id, {_COLS} FROM problems_spaced WHERE id = old.id;
        END""",
        f"""CREATE TRIGGER problems_spaced_bu BEFORE UPDATE OF {_COLS} ON problems BEGIN
            INSERT INTO problems_spaced_fts(problems_spaced_fts, rowid, {_COLS})
            SELECT 'delete', id, {_COLS} FROM problems_spaced WHERE id = old.id;
        END""",
        f"""CREATE TRIGGER problems_spaced_au AFTER UPDATE OF {_COLS} ON problems BEGIN
            INSERT INTO problems_spaced_fts(rowid, {_COLS})
            SELECT id, {_COLS} FROM problems_spaced WHERE id = new.id;
        END""",
    ):
        conn.execute(stmt)


def _m004_problem_imports(conn: sqlite3.Connection) -> None:
    """Where imported problems came from: one row per spreadsheet row stored, so that importing
    the same file (or an edited copy of it) again skips the rows already in the ledger."""
    for stmt in (
        """CREATE TABLE problem_imports (
            id INTEGER PRIMARY KEY,
            problem_id INTEGER NOT NULL REFERENCES problems(id),
            campaign_id INTEGER REFERENCES campaigns(id),
            unit_id INTEGER NOT NULL REFERENCES units(id),
            layout TEXT NOT NULL,
            row_key TEXT NOT NULL,
            file_name TEXT NOT NULL,
            file_sha256 TEXT NOT NULL,
            sheet TEXT NOT NULL DEFAULT '',
            row_no INTEGER NOT NULL,
            account_id INTEGER REFERENCES accounts(id),
            imported_at TEXT NOT NULL
        )""",
        "CREATE INDEX problem_imports_key ON problem_imports(campaign_id, unit_id, row_key)",
        "CREATE INDEX problem_imports_problem ON problem_imports(problem_id)",
    ):
        conn.execute(stmt)


def _m005_templates_reviews(conn: sqlite3.Connection) -> None:
    """Self-check lists and case-review standards as versioned templates (never changed once
    stored), self-checks and their answers, the case-file register, reviews and their marks."""
    for stmt in (
        """CREATE TABLE templates (
            id INTEGER PRIMARY KEY,
            kind TEXT NOT NULL CHECK (kind IN ('selfcheck', 'case_review')),
            code TEXT NOT NULL,
            revision INTEGER NOT NULL,
            name TEXT NOT NULL,
            version TEXT NOT NULL,
            issuer TEXT NOT NULL DEFAULT '',
            issued_date TEXT,
            note TEXT NOT NULL DEFAULT '',
            example INTEGER NOT NULL DEFAULT 0 CHECK (example IN (0, 1)),
            excellent REAL,
            passing REAL,
            recheck_below_pass INTEGER NOT NULL DEFAULT 0 CHECK (recheck_below_pass IN (0, 1)),
            recheck_on_disagreement INTEGER NOT NULL DEFAULT 0
                CHECK (recheck_on_disagreement IN (0, 1)),
            content_sha256 TEXT NOT NULL,
            source TEXT NOT NULL DEFAULT '',
            active INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
            account_id INTEGER REFERENCES accounts(id),
            created_at TEXT NOT NULL,
            updated_at TEXT NOT NULL,
            UNIQUE (code, revision),
            UNIQUE (code, version)
        )""",
        "CREATE INDEX templates_content ON templates(code, content_sha256)",
        """CREATE TABLE template_sections (
            id INTEGER PRIMARY KEY,
            template_id INTEGER NOT NULL REFERENCES templates(id),
            position INTEGER NOT NULL,
            name TEXT NOT NULL,
            category TEXT NOT NULL DEFAULT '',
            points REAL,
            UNIQUE (template_id, name)
        )""",
        """CREATE TABLE template_items (
            id INTEGER PRIMARY KEY,
            template_id INTEGER NOT NULL REFERENCES templates(id),
            section_id INTEGER NOT NULL REFERENCES template_sections(id),
            position INTEGER NOT NULL,
            code TEXT NOT NULL,
            text TEXT NOT NULL,
            guidance TEXT NOT NULL DEFAULT '',
            evidence TEXT NOT NULL DEFAULT '',
            veto INTEGER NOT NULL DEFAULT 0 CHECK (veto IN (0, 1)),
            points REAL,
            step REAL,
            UNIQUE (template_id, code)
        )""",
        "CREATE INDEX template_items_section ON template_items(section_id, position)",
        """CREATE TABLE selfchecks (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            campaign_id INTEGER NOT NULL REFERENCES campaigns(id),
            unit_id INTEGER NOT NULL REFERENCES units(id),
            template_id INTEGER NOT NULL REFERENCES templates(id),
            title TEXT NOT NULL DEFAULT '',
            status TEXT NOT NULL DEFAULT 'in_progress'
                CHECK (status IN ('in_progress', 'completed')),
            note TEXT NOT NULL DEFAULT '',
            account_id INTEGER REFERENCES accounts(id),
            completed_by INTEGER REFERENCES accounts(id),
            completed_at TEXT,
            created_at TEXT NOT NULL,
            updated_at TEXT NOT NULL
        )""",
        "CREATE INDEX selfchecks_campaign ON selfchecks(campaign_id, unit_id)",
        """CREATE TABLE selfcheck_answers (
            id INTEGER PRIMARY KEY,
            selfcheck_id INTEGER NOT NULL REFERENCES selfchecks(id),
            item_id INTEGER NOT NULL REFERENCES template_items(id),
            answer TEXT NOT NULL CHECK (answer IN ('conform', 'nonconform', 'na')),
            note TEXT NOT NULL DEFAULT '',
            evidence TEXT NOT NULL DEFAULT '',
            problem_id INTEGER REFERENCES problems(id),
            account_id INTEGER REFERENCES accounts(id),
            answered_at TEXT NOT NULL,
            UNIQUE (selfcheck_id, item_id)
        )""",
        "CREATE INDEX selfcheck_answers_problem ON selfcheck_answers(problem_id)",
        """CREATE TABLE case_files (
            id INTEGER PRIMARY KEY,
            unit_id INTEGER NOT NULL REFERENCES units(id),
            case_no TEXT NOT NULL UNIQUE,
            case_type TEXT NOT NULL
                CHECK (case_type IN ('penalty', 'coercion', 'inspection', 'license')),
            domain TEXT NOT NULL DEFAULT '',
            cause TEXT NOT NULL,
            party TEXT NOT NULL DEFAULT '',
            officers TEXT NOT NULL DEFAULT '',
            major INTEGER NOT NULL DEFAULT 0 CHECK (major IN (0, 1)),
            agency TEXT NOT NULL DEFAULT '',
            closed_date TEXT,
            note TEXT NOT NULL DEFAULT '',
            review_state TEXT NOT NULL DEFAULT 'unreviewed' CHECK (review_state IN
                ('unreviewed', 'in_review', 'recheck_required', 'reviewed', 'rechecked')),
            final_score REAL,
            final_grade TEXT CHECK (final_grade IN ('excellent', 'pass', 'fail')),
            reviewed_at TEXT,
            source TEXT NOT NULL DEFAULT '',
            account_id INTEGER REFERENCES accounts(id),
            created_at TEXT NOT NULL,
            updated_at TEXT NOT NULL
        )""",
        "CREATE INDEX case_files_unit ON case_files(unit_id, closed_date)",
        """CREATE TABLE case_reviews (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            case_file_id INTEGER NOT NULL REFERENCES case_files(id),
            template_id INTEGER NOT NULL REFERENCES templates(id),
            round INTEGER NOT NULL CHECK (round IN (1, 2)),
            reviewer_id INTEGER NOT NULL REFERENCES accounts(id),
            status TEXT NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'submitted')),
            score REAL,
            grade TEXT CHECK (grade IN ('excellent', 'pass', 'fail')),
            vetoed INTEGER NOT NULL DEFAULT 0 CHECK (vetoed IN (0, 1)),
            note TEXT NOT NULL DEFAULT '',
            submitted_at TEXT,
            created_at TEXT NOT NULL,
            updated_at TEXT NOT NULL
        )""",
        "CREATE INDEX case_reviews_file ON case_reviews(case_file_id, round)",
        """CREATE TABLE case_review_marks (
            id INTEGER PRIMARY KEY,
            review_id INTEGER NOT NULL REFERENCES case_reviews(id),
            item_id INTEGER NOT NULL REFERENCES template_items(id),
            count INTEGER NOT NULL CHECK (count > 0),
            points REAL NOT NULL,
            note TEXT NOT NULL DEFAULT '',
            problem_id INTEGER REFERENCES problems(id),
            updated_at TEXT NOT NULL,
            UNIQUE (review_id, item_id)
        )""",
        "CREATE INDEX case_review_marks_item ON case_review_marks(item_id)",
    ):
        conn.execute(stmt)


def _m006_problem_seq_high(conn: sqlite3.Connection) -> None:
    """The highest 序号 ever given per campaign and unit, so that a 序号 is never given twice even
    when the problem that had it was deleted (an untouched problem withdrawn with the self-check
    answer or review mark that created it). Kept by a trigger; derived data, not audited."""
    for stmt in (
        """CREATE TABLE problem_seq_high (
            campaign_key INTEGER NOT NULL,
            unit_id INTEGER NOT NULL,
            last_seq INTEGER NOT NULL,
            PRIMARY KEY (campaign_key, unit_id)
        ) WITHOUT ROWID""",
        "INSERT INTO problem_seq_high SELECT coalesce(campaign_id, 0), unit_id, max(seq_no)"
        " FROM problems GROUP BY coalesce(campaign_id, 0), unit_id",
        """CREATE TRIGGER problems_seq_high AFTER INSERT ON problems BEGIN
            INSERT INTO problem_seq_high(campaign_key, unit_id, last_seq)
            VALUES (coalesce(new.campaign_id, 0), new.unit_id, new.seq_no)
            ON CONFLICT(campaign_key, unit_id) DO UPDATE SET last_seq = max(last_seq, excluded.last_seq);
        END""",
    ):
        conn.execute(stmt)


def _m007_selfcheck_evidence(conn: sqlite3.Connection) -> None:
    """Files attached to a self-check answer (any answer: 符合, 不符合 or 不适用), kept in the
    same content-hash store as the evidence of problems (see models.evidence)."""
    for stmt in (
        """CREATE TABLE selfcheck_evidence (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            answer_id INTEGER NOT NULL REFERENCES selfcheck_answers(id),
            sha256 TEXT NOT NULL CHECK (length(sha256) = 64),
            size INTEGER NOT NULL CHECK (size > 0),
            media_type TEXT NOT NULL,
            original_name TEXT NOT NULL,
            original_mtime TEXT,
            account_id INTEGER REFERENCES accounts(id),
            added_at TEXT NOT NULL
        )""",
        "CREATE INDEX selfcheck_evidence_answer ON selfcheck_evidence(answer_id)",
        "CREATE INDEX selfcheck_evidence_sha ON selfcheck_evidence(sha256)",
    ):
        conn.execute(stmt)


def _m008_signing_keys(conn: sqlite3.Connection) -> None:
    """Ed25519 signing keys (see models.keys): public halves and state, the encrypted private
    copies per holder account, signed rotation and revocation statements, and the throttle of
    wrong key passphrases (not audited, like login_attempts)."""
    for stmt in (
        """CREATE TABLE signing_keys (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            key_id TEXT NOT NULL UNIQUE,
            kind TEXT NOT NULL CHECK (kind IN ('person', 'seal')),
            person_id INTEGER REFERENCES people(id),
            unit_id INTEGER REFERENCES units(id),
            public_key TEXT NOT NULL,
            fingerprint TEXT NOT NULL,
            status TEXT NOT NULL CHECK (status IN ('active', 'retired', 'revoked')),
            account_id INTEGER REFERENCES accounts(id),
            created_at TEXT NOT NULL,
            retired_at TEXT,
            replaced_by TEXT,
            revoked_at TEXT,
            CHECK (kind = 'seal' OR person_id IS NOT NULL)
        )""",
        "CREATE INDEX signing_keys_person ON signing_keys(person_id, status)",
        "CREATE INDEX signing_keys_unit ON signing_keys(unit_id, kind, status)",
        """CREATE TABLE key_holders (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            signing_key_id INTEGER NOT NULL REFERENCES signing_keys(id),
            account_id INTEGER NOT NULL REFERENCES accounts(id),
            sealed_key TEXT NOT NULL,
            created_at TEXT NOT NULL,
            updated_at TEXT NOT NULL,
            UNIQUE (signing_key_id, account_id)
        )""",
        "CREATE INDEX key_holders_account ON key_holders(account_id)",
        """CREATE TABLE key_statements (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            kind TEXT NOT NULL CHECK (kind IN ('rotation', 'revocation')),
            key_id TEXT NOT NULL,
            statement TEXT NOT NULL,
            signatures TEXT NOT NULL,
            account_id INTEGER REFERENCES accounts(id),
            created_at TEXT NOT NULL
        )""",
        "CREATE INDEX key_statements_key ON key_statements(key_id)",
        """CREATE TABLE key_unlock_attempts (
            holder_id INTEGER PRIMARY KEY,
            failures INTEGER NOT NULL,
            last_failure REAL,
            retry_after REAL,
            locked_until REAL
        )""",
    ):
        conn.execute(stmt)


def _m009_signatures(conn: sqlite3.Connection) -> None:
    """责任人签字 on ledger rows (see models.signing): the canonical content signed, its envelope,
    the Ed25519 signature, and the audit head right after the signature was stored."""
    for stmt in (
        """CREATE TABLE signatures (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            meaning TEXT NOT NULL,
            subject TEXT NOT NULL,
            content TEXT NOT NULL,
            content_sha256 TEXT NOT NULL CHECK (length(content_sha256) = 64),
            envelope TEXT NOT NULL,
            signature TEXT NOT NULL,
            key_id TEXT NOT NULL,
            account_id INTEGER REFERENCES accounts(id),
            person_id INTEGER REFERENCES people(id),
            signed_at TEXT NOT NULL,
            audit_seq INTEGER NOT NULL
        )""",
        "CREATE INDEX signatures_subject ON signatures(subject, id)",
    ):
        conn.execute(stmt)


def _m010_ledger_revisions(conn: sqlite3.Connection) -> None:
    """Frozen ledger revisions (see models.ledger_signing): the canonical content of a campaign's
    ledger of one unit at the moment a reviewer (审核) or the chief (单位盖章) signed it. A revision
    never changes: triggers refuse any update or delete."""
    for stmt in (
        """CREATE TABLE ledger_revisions (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            campaign_id INTEGER NOT NULL REFERENCES campaigns(id),
            unit_id INTEGER NOT NULL REFERENCES units(id),
            rev_no INTEGER NOT NULL CHECK (rev_no >= 1),
            content TEXT NOT NULL,
            content_sha256 TEXT NOT NULL CHECK (length(content_sha256) = 64),
            row_count INTEGER NOT NULL,
            account_id INTEGER REFERENCES accounts(id),
            created_at TEXT NOT NULL,
            UNIQUE (campaign_id, unit_id, rev_no)
        )""",
        """CREATE TRIGGER ledger_revisions_frozen_update BEFORE UPDATE ON ledger_revisions
           BEGIN SELECT RAISE(ABORT, 'a signed ledger revision cannot change'); END""",
        """CREATE TRIGGER ledger_revisions_frozen_delete BEFORE DELETE ON ledger_revisions
           BEGIN SELECT RAISE(ABORT, 'a signed ledger revision cannot change'); END""",
    ):
        conn.execute(stmt)


def _m011_package_outbox(conn: sqlite3.Connection) -> None:
    """The station's outbox of submission packages (see models.package_out): one row per package
    written, numbered 1, 2, … per installation, kept until the office's receipt marks it
    delivered. The package file itself is kept in the data folder's ``outbox/``."""
    for stmt in (
        """CREATE TABLE package_outbox (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            seq INTEGER UNIQUE NOT NULL CHECK (seq >= 1),
            campaign_id INTEGER REFERENCES campaigns(id),
            period_from TEXT,
            period_to TEXT,
            materials TEXT NOT NULL,
            since_seq INTEGER NOT NULL,
            audit_head_seq INTEGER NOT NULL,
            audit_head_hash TEXT NOT NULL,
            file_name TEXT NOT NULL,
            sha256 TEXT NOT NULL CHECK (length(sha256) = 64),
            size INTEGER NOT NULL,
            prev_sha256 TEXT NOT NULL,
            encrypted INTEGER NOT NULL CHECK (encrypted IN (0, 1)),
            created_at TEXT NOT NULL,
            account_id INTEGER REFERENCES accounts(id),
            status TEXT NOT NULL DEFAULT 'written' CHECK (status IN ('written', 'delivered')),
            delivered_at TEXT,
            receipt TEXT
        )""",
    ):
        conn.execute(stmt)


def _m012_office(conn: sqlite3.Connection) -> None:
    """The upper office's side of submission packages (see models.office_units and
    models.office_import): the units registered from their enrollment files and their keys, the
    packages received (imported or quarantined), the alarms raised about them and the records
    imported, kept per unit so that two units' row ids never collide."""
    for stmt in (
        """CREATE TABLE office_units (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            code TEXT UNIQUE NOT NULL,
            name TEXT NOT NULL,
            level TEXT NOT NULL,
            installation_id TEXT NOT NULL,
            registered_at TEXT NOT NULL,
            updated_at TEXT NOT NULL,
            account_id INTEGER REFERENCES accounts(id)
        )""",
        """CREATE TABLE office_unit_keys (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            key_id TEXT UNIQUE NOT NULL,
            unit_id INTEGER NOT NULL REFERENCES office_units(id),
            kind TEXT NOT NULL CHECK (kind IN ('person', 'seal')),
            public_key TEXT NOT NULL,
            fingerprint TEXT NOT NULL,
            person_name TEXT,
            status TEXT NOT NULL CHECK (status IN ('active', 'retired', 'revoked')),
            replaced_by TEXT,
            first_seen TEXT NOT NULL,
            status_at TEXT,
            enrollment_sha256 TEXT NOT NULL CHECK (length(enrollment_sha256) = 64)
        )""",
        "CREATE INDEX office_unit_keys_unit ON office_unit_keys(unit_id, kind, status)",
        """CREATE TABLE office_packages (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            unit_id INTEGER REFERENCES office_units(id),
            unit_code TEXT NOT NULL DEFAULT '',
            seq INTEGER,
            sha256 TEXT NOT NULL CHECK (length(sha256) = 64),
            size INTEGER NOT NULL,
            prev_sha256 TEXT,
            audit_head_seq INTEGER,
            audit_head_hash TEXT,
            campaign TEXT,
            period TEXT,
            materials TEXT,
            signing_key TEXT,
            file_name TEXT NOT NULL,
            stored_path TEXT,
            received_at TEXT NOT NULL,
            account_id INTEGER REFERENCES accounts(id),
            status TEXT NOT NULL CHECK (status IN ('imported', 'quarantined')),
            reason TEXT
        )""",
        "CREATE UNIQUE INDEX office_packages_imported ON office_packages(sha256)"
        " WHERE status = 'imported'",
        "CREATE UNIQUE INDEX office_packages_unit_seq ON office_packages(unit_id, seq)"
        " WHERE status = 'imported'",
        """CREATE TABLE office_alarms (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            unit_id INTEGER REFERENCES office_units(id),
            kind TEXT NOT NULL
                CHECK (kind IN ('equivocation', 'gap', 'chain', 'replay', 'fork')),
            detail TEXT NOT NULL,
            package_sha256 TEXT,
            created_at TEXT NOT NULL,
            acknowledged INTEGER NOT NULL DEFAULT 0 CHECK (acknowledged IN (0, 1)),
            acknowledged_at TEXT,
            acknowledged_by INTEGER REFERENCES accounts(id)
        )""",
        """CREATE TABLE office_records (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            unit_id INTEGER NOT NULL REFERENCES office_units(id),
            tbl TEXT NOT NULL,
            row_key TEXT NOT NULL,
            image TEXT NOT NULL,
            package_id INTEGER NOT NULL REFERENCES office_packages(id),
            UNIQUE (unit_id, tbl, row_key)
        )""",
    ):
        conn.execute(stmt)


def _m013_instructions(conn: sqlite3.Connection) -> None:
    """What travels with packages beyond the records (see docs/package-format.md):

    * ``office_package_claims``: beside each received package, the campaign materials it declares
      (``campaign_materials``, a JSON list of names) and its signed creation time (``created``),
      for the 资料报送统计表 (a side table: audited rows never gain columns, their images would
      no longer match the log);
    * ``campaign_origins``: the office a campaign definition came from (no row = made here);
    * ``decryption_keys`` / ``decryption_key_holders``: the office's age identities, each copy
      sealed under its holder's login password like the signing keys (models.office_keys);
    * ``supervision_letters``: 执法监督意见书, issued at the office (``side`` 'issued') or received
      at the unit (``side`` 'received'), one ``uid`` on both sides;
    * ``instructions_out`` / ``instructions_in``: the downward packages (instructions) the office
      wrote, and those the unit imported (models.instructions);
    * ``office_records_audit``: an index of the units' imported audit entries by the row they are
      about (models.office_browse)."""
    for stmt in (
        # the imported audit entries of a unit looked up by the row they are about (the
        # office reads its units' signatures and template names through them, models.office_browse)
        "CREATE INDEX office_records_audit ON office_records(unit_id,"
        " json_extract(image, '$.tbl'), json_extract(image, '$.row_key'))"
        " WHERE tbl = 'audit_log'",
        """CREATE TABLE office_package_claims (
            package_id INTEGER PRIMARY KEY REFERENCES office_packages(id),
            campaign_materials TEXT NOT NULL DEFAULT '[]',
            created TEXT
        )""",
        """CREATE TABLE campaign_origins (
            campaign_id INTEGER PRIMARY KEY REFERENCES campaigns(id) ON DELETE CASCADE,
            office_code TEXT NOT NULL,
            office_name TEXT NOT NULL,
            received_at TEXT NOT NULL,
            instruction_sha256 TEXT
        )""",
        """CREATE TABLE decryption_keys (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            recipient TEXT UNIQUE NOT NULL,
            status TEXT NOT NULL CHECK (status IN ('active', 'retired')),
            created_at TEXT NOT NULL,
            status_at TEXT,
            account_id INTEGER REFERENCES accounts(id)
        )""",
        """CREATE TABLE decryption_key_holders (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            decryption_key_id INTEGER NOT NULL REFERENCES decryption_keys(id),
            account_id INTEGER NOT NULL REFERENCES accounts(id),
            sealed_key TEXT NOT NULL,
            created_at TEXT NOT NULL,
            updated_at TEXT NOT NULL,
            UNIQUE (decryption_key_id, account_id)
        )""",
        "CREATE INDEX decryption_key_holders_account ON decryption_key_holders(account_id)",
        """CREATE TABLE supervision_letters (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            uid TEXT NOT NULL,
            side TEXT NOT NULL CHECK (side IN ('issued', 'received')),
            number TEXT NOT NULL,
            issuer_code TEXT NOT NULL,
            issuer_name TEXT NOT NULL,
            unit_code TEXT NOT NULL,
            unit_name TEXT NOT NULL,
            campaign TEXT NOT NULL DEFAULT '',
            problems TEXT NOT NULL,
            requirements TEXT NOT NULL DEFAULT '',
            deadline TEXT,
            issued_at TEXT,
            sent_at TEXT,
            received_at TEXT,
            instruction_sha256 TEXT,
            account_id INTEGER REFERENCES accounts(id),
            created_at TEXT NOT NULL,
            updated_at TEXT NOT NULL,
            UNIQUE (uid, side)
        )""",
        "CREATE INDEX supervision_letters_unit ON supervision_letters(side, unit_code, deadline)",
        """CREATE TABLE instructions_out (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            unit_code TEXT NOT NULL,
            seq INTEGER NOT NULL CHECK (seq >= 1),
            contents TEXT NOT NULL,
            file_name TEXT NOT NULL,
            sha256 TEXT NOT NULL CHECK (length(sha256) = 64),
            size INTEGER NOT NULL,
            created_at TEXT NOT NULL,
            account_id INTEGER REFERENCES accounts(id),
            UNIQUE (unit_code, seq)
        )""",
        """CREATE TABLE instructions_in (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            office_code TEXT NOT NULL,
            seq INTEGER NOT NULL CHECK (seq >= 1),
            contents TEXT NOT NULL,
            sha256 TEXT UNIQUE NOT NULL CHECK (length(sha256) = 64),
            signing_key TEXT NOT NULL,
            created TEXT NOT NULL,
            imported_at TEXT NOT NULL,
            account_id INTEGER REFERENCES accounts(id),
            UNIQUE (office_code, seq)
        )""",
    ):
        conn.execute(stmt)


def _evidence_table(name: str, parent_col: str, parent: str) -> str:
    """A file table shaped like selfcheck_evidence (content-addressed files of models.evidence)."""
    return f"""CREATE TABLE {name} (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            {parent_col} INTEGER NOT NULL REFERENCES {parent}(id),
            sha256 TEXT NOT NULL CHECK (length(sha256) = 64),
            size INTEGER NOT NULL CHECK (size > 0),
            media_type TEXT NOT NULL,
            original_name TEXT NOT NULL,
            original_mtime TEXT,
            caption TEXT NOT NULL DEFAULT '',
            account_id INTEGER REFERENCES accounts(id),
            added_at TEXT NOT NULL
        )"""


def _m014_other_ledgers(conn: sqlite3.Connection) -> None:
    """The other ledgers the seeds require (models.letters, models.leads, models.training,
    models.briefs, models.case_stats):

    * ``letter_answers`` (+ ``letter_answer_files``): the unit's answer to a received
      执法监督意见书 (measures taken, evidence), signed by the chief, sent up in packages;
    * ``leads``: 投诉举报线索 (12328/12345 hotlines, mailboxes, visits) and the ledger item each
      produced;
    * ``trainings``: 培训台账 rows per officer; ``person_certificates``: the validity of an
      officer's 执法证 (people.cert_no holds the number);
    * ``briefs`` (+ ``brief_photos``): the monthly 工作简报; ``schedule_items``: the 工作调度表;
    * ``case_stats``: the monthly case statistics of seed 004 附件2, per unit and month;
    * ``campaign_material_rules``: for a campaign's required material, the ledger that supplies
      it (``kind``, '' = files or forms by name) and a monthly due day (``monthly_day`` of the
      period's month + ``month_offset``: the brief by the 25th of the month is (25, 0), case data
      by the 5th of the next month (5, 1))."""
    for stmt in (
        """CREATE TABLE letter_answers (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            letter_id INTEGER NOT NULL UNIQUE REFERENCES supervision_letters(id),
            letter_uid TEXT NOT NULL,
            measures TEXT NOT NULL DEFAULT '',
            status TEXT NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'signed')),
            signed_at TEXT,
            account_id INTEGER REFERENCES accounts(id),
            created_at TEXT NOT NULL,
            updated_at TEXT NOT NULL
        )""",
        _evidence_table("letter_answer_files", "answer_id", "letter_answers"),
        "CREATE INDEX letter_answer_files_answer ON letter_answer_files(answer_id)",
        """CREATE TABLE leads (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            unit_id INTEGER NOT NULL REFERENCES units(id),
            campaign_id INTEGER REFERENCES campaigns(id),
            received_date TEXT NOT NULL,
            channel TEXT NOT NULL,
            content TEXT NOT NULL,
            party TEXT NOT NULL DEFAULT '',
            contact TEXT NOT NULL DEFAULT '',
            handling TEXT NOT NULL DEFAULT '',
            result TEXT NOT NULL DEFAULT '',
            status TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'handling', 'closed')),
            closed_date TEXT,
            problem_id INTEGER REFERENCES problems(id),
            account_id INTEGER REFERENCES accounts(id),
            created_at TEXT NOT NULL,
            updated_at TEXT NOT NULL
        )""",
        "CREATE INDEX leads_unit ON leads(unit_id, received_date)",
        """CREATE TABLE trainings (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            unit_id INTEGER NOT NULL REFERENCES units(id),
            person_id INTEGER NOT NULL REFERENCES people(id),
            date TEXT NOT NULL,
            topic TEXT NOT NULL,
            form TEXT NOT NULL,
            hours REAL NOT NULL CHECK (hours > 0 AND hours <= 24),
            assessment TEXT NOT NULL DEFAULT '',
            note TEXT NOT NULL DEFAULT '',
            account_id INTEGER REFERENCES accounts(id),
            created_at TEXT NOT NULL,
            updated_at TEXT NOT NULL
        )""",
        "CREATE INDEX trainings_person ON trainings(person_id, date)",
        "CREATE INDEX trainings_unit ON trainings(unit_id, date)",
        """CREATE TABLE person_certificates (
            person_id INTEGER PRIMARY KEY REFERENCES people(id),
            status TEXT NOT NULL CHECK (status IN ('valid', 'suspended', 'revoked')),
            issued_date TEXT,
            valid_until TEXT,
            note TEXT NOT NULL DEFAULT '',
            updated_at TEXT NOT NULL
        )""",
        """CREATE TABLE briefs (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            unit_id INTEGER NOT NULL REFERENCES units(id),
            campaign_id INTEGER REFERENCES campaigns(id),
            period TEXT NOT NULL,
            issue_no INTEGER,
            title TEXT NOT NULL,
            body TEXT NOT NULL DEFAULT '',
            status TEXT NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'final')),
            account_id INTEGER REFERENCES accounts(id),
            created_at TEXT NOT NULL,
            updated_at TEXT NOT NULL
        )""",
        "CREATE INDEX briefs_unit ON briefs(unit_id, period)",
        _evidence_table("brief_photos", "brief_id", "briefs"),
        "CREATE INDEX brief_photos_brief ON brief_photos(brief_id)",
        """CREATE TABLE schedule_items (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            unit_id INTEGER NOT NULL REFERENCES units(id),
            campaign_id INTEGER REFERENCES campaigns(id),
            period TEXT NOT NULL,
            position INTEGER NOT NULL DEFAULT 0,
            task TEXT NOT NULL,
            owner TEXT NOT NULL DEFAULT '',
            status TEXT NOT NULL DEFAULT 'not_started'
                CHECK (status IN ('not_started', 'in_progress', 'done', 'delayed')),
            progress TEXT NOT NULL DEFAULT '',
            note TEXT NOT NULL DEFAULT '',
            account_id INTEGER REFERENCES accounts(id),
            created_at TEXT NOT NULL,
            updated_at TEXT NOT NULL
        )""",
        "CREATE INDEX schedule_items_unit ON schedule_items(unit_id, period, position)",
        """CREATE TABLE case_stats (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            unit_id INTEGER NOT NULL REFERENCES units(id),
            month TEXT NOT NULL,
            records INTEGER NOT NULL DEFAULT 0 CHECK (records >= 0),
            actual INTEGER NOT NULL DEFAULT 0 CHECK (actual >= 0),
            test INTEGER NOT NULL DEFAULT 0 CHECK (test >= 0),
            officers INTEGER CHECK (officers IS NULL OR officers >= 0),
            exams INTEGER CHECK (exams IS NULL OR exams >= 0),
            note TEXT NOT NULL DEFAULT '',
            account_id INTEGER REFERENCES accounts(id),
            created_at TEXT NOT NULL,
            updated_at TEXT NOT NULL,
            UNIQUE (unit_id, month)
        )""",
        """CREATE TABLE campaign_material_rules (
            material_id INTEGER PRIMARY KEY REFERENCES campaign_materials(id) ON DELETE CASCADE,
            kind TEXT NOT NULL DEFAULT '',
            monthly_day INTEGER CHECK (monthly_day IS NULL OR monthly_day BETWEEN 1 AND 31),
            month_offset INTEGER NOT NULL DEFAULT 0 CHECK (month_offset IN (0, 1))
        )""",
    ):
        conn.execute(stmt)


#: MIGRATIONS[n - 1] takes the schema from version n - 1 to n.
MIGRATIONS: list[Callable[[sqlite3.Connection], None]] = [_m001_foundation, _m002_campaigns,
                                                          _m003_problems, _m004_problem_imports,
                                                          _m005_templates_reviews,
                                                          _m006_problem_seq_high,
                                                          _m007_selfcheck_evidence,
                                                          _m008_signing_keys,
                                                          _m009_signatures,
                                                          _m010_ledger_revisions,
                                                          _m011_package_outbox,
                                                          _m012_office,
                                                          _m013_instructions,
                                                          _m014_other_ledgers]
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
