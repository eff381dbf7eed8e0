"""The tamper-evident audit trail (全过程留痕, 可回溯).

Every change of business data is appended to ``audit_log`` in the same transaction as the change:
sequence number, time, acting account, action, table, row key, the row before and after (canonical
JSON), the previous entry's hash and this entry's hash. The hash covers all of these, so editing,
inserting or deleting any entry breaks the chain from there on.

:func:`verify` checks three things and names the first broken place:

1. the chain: sequence numbers without gaps, each ``prev_hash`` equal to the hash before it, each
   hash equal to the recomputed one;
2. the anchor: the head (sequence number and hash) written to ``audit-anchor.json`` after each
   commit, and later exported in signed packages, must still be in the chain; so deleting the newest
   entries is found too;
3. the data: every row of an audited table must equal the "after" image of its newest entry, so an
   edit made behind the app's back (for example with the ``sqlite3`` tool) is found.

Secrets (password hashes) are never copied into the log: their image holds a SHA-256 of the value,
which still lets step 3 notice a changed password hash.
"""
from __future__ import annotations

import json
import os
import sqlite3
import threading
from pathlib import Path
from typing import Any, Callable, Iterable, NamedTuple

GENESIS_HASH = "0" * 64

#: Audited tables and their key column. Tables not listed hold no business data (login throttling).
AUDITED_TABLES: dict[str, str] = {
    "settings": "key",
    "units": "id",
    "people": "id",
    "accounts": "id",
    "campaigns": "id",
    "campaign_categories": "id",
    "campaign_phases": "id",
    "campaign_materials": "id",
    "problems": "id",
    "problem_events": "id",
    "progress_notes": "id",
    "evidence": "id",
    "problem_imports": "id",
    "templates": "id",
    "template_sections": "id",
    "template_items": "id",
    "selfchecks": "id",
    "selfcheck_answers": "id",
    "selfcheck_evidence": "id",
    "case_files": "id",
    "case_reviews": "id",
    "case_review_marks": "id",
    "signing_keys": "id",
    "key_holders": "id",
    "key_statements": "id",
    "signatures": "id",
    "ledger_revisions": "id",
    "package_outbox": "id",
    "office_units": "id",
    "office_unit_keys": "id",
    "office_packages": "id",
    "office_alarms": "id",
    "office_records": "id",
    "office_package_claims": "package_id",
    "campaign_origins": "campaign_id",
    "decryption_keys": "id",
    "decryption_key_holders": "id",
    "supervision_letters": "id",
    "instructions_out": "id",
    "instructions_in": "id",
    "letter_answers": "id",
    "letter_answer_files": "id",
    "leads": "id",
    "trainings": "id",
    "person_certificates": "person_id",
    "briefs": "id",
    "brief_photos": "id",
    "schedule_items": "id",
    "case_stats": "id",
    "campaign_material_rules": "material_id",
}

#: Columns whose value is replaced by its SHA-256 in audit images.
REDACTED_COLUMNS: dict[str, frozenset[str]] = {"accounts": frozenset({"password_hash"}),
                                               "key_holders": frozenset({"sealed_key"}),
                                               "decryption_key_holders": frozenset({"sealed_key"})}

#: Triggers that keep ``audit_log`` append-only; :func:`verify` reports a missing one.
PROTECTIVE_TRIGGERS = ("audit_log_no_update", "audit_log_no_delete")

#: The audit table as created by migration 1 (frozen: later changes go in new migrations).
AUDIT_STATEMENTS = (
    """CREATE TABLE audit_log (
        seq INTEGER PRIMARY KEY,
        ts TEXT NOT NULL,
        actor TEXT NOT NULL,
        action TEXT NOT NULL,
        tbl TEXT NOT NULL,
        row_key TEXT,
        before TEXT,
        after TEXT,
        prev_hash TEXT NOT NULL,
        hash TEXT NOT NULL
    )""",
    "CREATE INDEX audit_log_row ON audit_log(tbl, row_key, seq)",
    """CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
    BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END""",
    """CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
    BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END""",
)


def canonical(value: Any) -> str:
    """The one JSON spelling of ``value`` that hashes and comparisons use."""
    return json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":"))


def now_iso() -> str:
    """Current UTC time with microseconds, as stored in ``ts`` columns."""
    from datetime import datetime, timezone  # first write, not start-up, pays these imports
    return datetime.now(timezone.utc).isoformat(timespec="microseconds")


def entry_hash(seq: int, ts: str, actor: str, action: str, tbl: str, row_key: str | None,
               before: str | None, after: str | None, prev_hash: str) -> str:
    """SHA-256 (hex) of one entry's fields, chained to ``prev_hash``."""
    payload = canonical([seq, ts, actor, action, tbl, row_key, before, after, prev_hash])
    import hashlib
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()


def _redact(table: str, row: dict[str, Any]) -> dict[str, Any]:
    secret = REDACTED_COLUMNS.get(table)
    if not secret:
        return row
    import hashlib
    out = dict(row)
    for col in secret:
        if out.get(col) is not None:
            out[col] = "sha256:" + hashlib.sha256(str(out[col]).encode("utf-8")).hexdigest()
    return out


def row_image(conn: sqlite3.Connection, table: str, key: Any) -> str | None:
    """Canonical JSON of the current row ``key`` of ``table`` (secrets redacted), or None."""
    key_col = AUDITED_TABLES[table]
    cur = conn.execute(f'SELECT * FROM "{table}" WHERE "{key_col}" = ?', (key,))
    values = cur.fetchone()
    if values is None:
        return None
    names = [d[0] for d in cur.description]
    return canonical(_redact(table, dict(zip(names, values))))


def head(conn: sqlite3.Connection) -> tuple[int, str]:
    """(sequence number, hash) of the newest entry; (0, GENESIS_HASH) for an empty log."""
    row = conn.execute("SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1").fetchone()
    return (row[0], row[1]) if row else (0, GENESIS_HASH)


def append(conn: sqlite3.Connection, actor: str, action: str, table: str, row_key: Any,
           before: str | None, after: str | None) -> tuple[int, str]:
    """Append one entry; the caller holds the write transaction. Returns the new head."""
    seq, prev = head(conn)
    seq += 1
    ts = now_iso()
    key = None if row_key is None else str(row_key)
    digest = entry_hash(seq, ts, actor, action, table, key, before, after, prev)
    conn.execute(
        "INSERT INTO audit_log (seq, ts, actor, action, tbl, row_key, before, after, prev_hash, hash)"
        " VALUES (?,?,?,?,?,?,?,?,?,?)",
        (seq, ts, actor, action, table, key, before, after, prev, digest))
    return seq, digest


# --- anchor --------------------------------------------------------------------------------------

_anchor_lock = threading.Lock()


class Anchor(NamedTuple):
    """A head of the chain recorded outside the database."""

    seq: int
    hash: str
    installation_id: str = ""


def read_anchor(path: Path) -> Anchor | None:
    """The anchor stored at ``path``; None when there is none or it cannot be read."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        return Anchor(int(data["seq"]), str(data["hash"]), str(data.get("installation_id", "")))
    except (OSError, ValueError, KeyError, TypeError):
        return None


def write_anchor(path: Path, anchor: Anchor) -> None:
    """Atomically replace the anchor file, unless it already holds a newer head.

    An anchor lagging behind the database is harmless (a crash between commit and this write leaves
    it so); one ahead of the database means entries were deleted.
    """
    with _anchor_lock:
        current = read_anchor(path)
        if current is not None and current.seq > anchor.seq \
                and current.installation_id == anchor.installation_id:
            return
        tmp = path.with_name(path.name + ".tmp")
        data = canonical({"seq": anchor.seq, "hash": anchor.hash,
                          "installation_id": anchor.installation_id, "written": now_iso()})
        with open(tmp, "w", encoding="utf-8") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)


# --- verification --------------------------------------------------------------------------------

class Problem(NamedTuple):
    """One finding of :func:`verify`. ``seq`` is the audit entry concerned, where there is one."""

    kind: str
    seq: int | None
    detail: str
    table: str | None = None
    row_key: str | None = None


class VerifyReport:
    """The outcome of :func:`verify`, filled in as the walk goes."""

    def __init__(self) -> None:
        self.entries = 0
        self.head_seq = 0
        self.head_hash = GENESIS_HASH
        self.rows_checked = 0
        self.problems: list[Problem] = []
        self.cancelled = False

    def __repr__(self) -> str:
        return (f"VerifyReport(entries={self.entries}, head_seq={self.head_seq}, "
                f"problems={len(self.problems)}, cancelled={self.cancelled})")

    @property
    def ok(self) -> bool:
        return not self.problems and not self.cancelled

    @property
    def first_broken_seq(self) -> int | None:
        seqs = [p.seq for p in self.problems if p.seq is not None]
        return min(seqs) if seqs else None

    def summary(self) -> str:
        """Chinese one-paragraph result, naming the first broken link."""
        if self.cancelled:
            return "校验已取消。"
        if self.ok:
            return (f"审计链完整：共 {self.entries} 条记录，最新序号 {self.head_seq}，"
                    f"末条哈希 {self.head_hash[:16]}…；{self.rows_checked} 行业务数据与记录一致。")
        first = self.problems[0]
        where = f"序号 {first.seq}" if first.seq is not None else "数据表"
        return f"审计链被破坏，共发现 {len(self.problems)} 处问题。第一处在{where}：{first.detail}"


Progress = Callable[[int, int], None]


def verify(conn: sqlite3.Connection, anchor: Anchor | None = None, *,
           progress: Progress | None = None, cancelled: Callable[[], bool] | None = None,
           max_problems: int = 100) -> VerifyReport:
    """Check the chain, the anchor and the data against the log (see the module doc).

    ``progress(done, total)`` is called now and then; when ``cancelled()`` turns true the walk
    stops and the report says so. Problems are listed in the order found, chain problems first.
    """
    report = VerifyReport()
    total = conn.execute("SELECT count(*) FROM audit_log").fetchone()[0]
    names = {r[0] for r in conn.execute(
        "SELECT name FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'audit_log'")}
    for trig in PROTECTIVE_TRIGGERS:
        if trig not in names:
            report.problems.append(Problem("trigger", None, f"保护审计表的触发器 {trig} 被删除"))

    expected_seq, prev = 1, GENESIS_HASH
    anchored_hash: str | None = None
    step = max(1, total // 200)
    cur = conn.execute("SELECT seq, ts, actor, action, tbl, row_key, before, after, prev_hash, hash"
                       " FROM audit_log ORDER BY seq")
    for n, (seq, ts, actor, action, tbl, key, before, after, prev_hash, digest) in enumerate(cur, 1):
        if seq != expected_seq:
            report.problems.append(Problem(
                "gap", expected_seq, f"序号 {expected_seq} 至 {seq - 1} 的审计记录被删除"))
        elif prev_hash != prev:
            report.problems.append(Problem(
                "link", seq, "前一条哈希不符：此条或前一条记录被改动", tbl, key))
        if entry_hash(seq, ts, actor, action, tbl, key, before, after, prev_hash) != digest:
            report.problems.append(Problem(
                "hash", seq, f"记录内容与哈希不符：此条审计记录（{tbl} {key}）被改动", tbl, key))
        if anchor is not None and seq == anchor.seq:
            anchored_hash = digest
        prev, expected_seq = digest, seq + 1
        report.entries = n
        report.head_seq, report.head_hash = seq, digest
        if len(report.problems) >= max_problems:
            break
        if n % step == 0:
            if progress:
                progress(n, total)
            if cancelled and cancelled():
                report.cancelled = True
                return report

    if anchor is not None and anchor.seq > 0:
        if anchor.seq > report.head_seq:
            report.problems.append(Problem(
                "anchor", report.head_seq + 1,
                f"最新的审计记录被删除：锚点记录的末条序号为 {anchor.seq}，数据库中只到 {report.head_seq}"))
        elif anchored_hash not in (None, anchor.hash):
            report.problems.append(Problem(
                "anchor", anchor.seq, f"序号 {anchor.seq} 的哈希与锚点不符：审计记录被改写"))

    report.rows_checked = _verify_data(conn, report, max_problems)
    report.problems.sort(key=lambda p: (p.seq is None, p.seq or 0))
    if progress:
        progress(total, total)
    return report



def _verify_data(conn: sqlite3.Connection, report: VerifyReport, max_problems: int) -> int:
    """Compare every audited table with the newest image of each row in the log."""
    checked = 0
    existing = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    for table, key_col in AUDITED_TABLES.items():
        if table not in existing:
            continue
        logged: dict[str, tuple[int, str | None]] = {}
        for seq, key, after in conn.execute(
                "SELECT a.seq, a.row_key, a.after FROM audit_log a"
                " JOIN (SELECT row_key, max(seq) AS m FROM audit_log WHERE tbl = ? GROUP BY row_key) b"
                " ON a.seq = b.m", (table,)):
            logged[key] = (seq, after)
        cur = conn.execute(f'SELECT * FROM "{table}"')
        cols = [d[0] for d in cur.description]
        key_index = cols.index(key_col)
        for values in cur:
            checked += 1
            key = str(values[key_index])
            image = canonical(_redact(table, dict(zip(cols, values))))
            seq, after = logged.pop(key, (None, None))
            if seq is None:
                report.problems.append(Problem(
                    "data", None, f"表 {table} 的第 {key} 行没有审计记录：在程序之外被插入", table, key))
            elif after != image:
                report.problems.append(Problem(
                    "data", seq, f"表 {table} 的第 {key} 行与序号 {seq} 记录的内容不符：在程序之外被修改",
                    table, key))
            if len(report.problems) >= max_problems:
                return checked
        for key, (seq, after) in logged.items():
            if after is not None:
                report.problems.append(Problem(
                    "data", seq, f"表 {table} 的第 {key} 行已不存在，但序号 {seq} 之后没有删除记录：在程序之外被删除",
                    table, key))
    return checked


def iter_entries(conn: sqlite3.Connection, since: int = 0) -> Iterable[dict[str, Any]]:
    """Entries after ``since`` in order, as dicts (for display and export)."""
    cur = conn.execute("SELECT * FROM audit_log WHERE seq > ? ORDER BY seq", (since,))
    cols = [d[0] for d in cur.description]
    for values in cur:
        yield dict(zip(cols, values))
