"""The tamper-evident audit trail: edits, insertions and deletions made behind the app's back with
the real ``sqlite3`` tool are found, and the first broken entry is named ("序号 N")."""
from __future__ import annotations

import hashlib
import json
import sqlite3
import subprocess
from pathlib import Path

import pytest

from conftest import login_as
from core_helpers import newest_seq_for, run_cli, sqlite_cli
from models import audit, audit_ops, passwords
from models.paths import DataDir
from models.store import open_store


def query(dd: DataDir, sql: str, params: tuple = ()) -> list[tuple]:
    conn = sqlite3.connect(dd.database)
    try:
        return conn.execute(sql, params).fetchall()
    finally:
        conn.close()


def newest_seq(dd: DataDir, table: str, key: object) -> int:
    conn = sqlite3.connect(dd.database)
    try:
        return newest_seq_for(conn, table, key)
    finally:
        conn.close()


def verify(dd: DataDir) -> audit.VerifyReport:
    store = open_store(dd)
    try:
        return store.verify_audit()
    finally:
        store.close()


def cli_verify(dd: DataDir):
    return run_cli("audit", "verify", "--data-dir", str(dd.root))


def assert_cli_names(dd: DataDir, seq: int) -> str:
    """``audit verify`` fails (status 1) and names ``序号 seq`` as the first broken place."""
    result = cli_verify(dd)
    assert result.returncode == 1, (result.stdout, result.stderr)
    assert "Traceback" not in result.stderr
    assert "审计链被破坏" in result.stdout
    assert f"第一处在序号 {seq}：" in result.stdout, result.stdout
    assert f"第一处断点：序号 {seq}" in result.stderr, result.stderr
    return result.stdout


# --- an intact chain --------------------------------------------------------------------------

def test_chain_verifies_after_demo(demo_dir: DataDir) -> None:
    report = verify(demo_dir)
    assert report.ok, report.summary()
    n = query(demo_dir, "SELECT count(*) FROM audit_log")[0][0]
    assert report.entries == report.head_seq == n > 40
    # every row of every audited table was compared against the log
    rows = sum(query(demo_dir, f'SELECT count(*) FROM "{t}"')[0][0] for t in audit.AUDITED_TABLES)
    assert report.rows_checked == rows

    result = cli_verify(demo_dir)
    assert result.returncode == 0, result.stderr
    assert f"审计链完整：共 {n} 条记录，最新序号 {n}" in result.stdout


def test_audit_log_is_append_only(demo_dir: DataDir) -> None:
    for sql in ("UPDATE audit_log SET actor = 'x' WHERE seq = 1", "DELETE FROM audit_log WHERE seq = 1"):
        result = subprocess_sqlite(demo_dir.database, sql)
        assert result.returncode != 0 and "append-only" in result.stderr
    assert verify(demo_dir).ok


def subprocess_sqlite(db: Path, sql: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(["sqlite3", str(db), sql], capture_output=True, text=True, timeout=30)


# --- data changed behind the app's back -----------------------------------------------------

@pytest.mark.parametrize("table, where, change", [
    ("units", "id = (SELECT value FROM settings WHERE key = 'own_unit_id')", "name = '伪造的单位'"),
    ("people", "name = '李海龙'", "cert_no = '00000000000'"),
    ("campaign_phases", "name = '集中整治阶段'", "deadline = '2099-12-31'"),
    ("settings", "key = 'demo'", "value = '0'"),
    ("accounts", "username = 'officer'", "roles = 'admin,officer'"),
])
def test_edited_data_row_is_found(demo_dir: DataDir, table: str, where: str, change: str) -> None:
    key_col = audit.AUDITED_TABLES[table]
    [(key,)] = query(demo_dir, f'SELECT "{key_col}" FROM "{table}" WHERE {where}')
    seq = newest_seq(demo_dir, table, key)
    head_seq = query(demo_dir, "SELECT max(seq) FROM audit_log")[0][0]

    sqlite_cli(demo_dir.database, f'UPDATE "{table}" SET {change} WHERE {where}')

    report = verify(demo_dir)
    assert not report.ok
    assert report.first_broken_seq == seq
    [problem] = report.problems
    assert (problem.kind, problem.table, problem.row_key) == ("data", table, str(key))
    stdout = assert_cli_names(demo_dir, seq)
    assert "在程序之外被修改" in stdout
    if table == "units":  # the own unit was updated after its insert: the newest entry is named
        first = query(demo_dir, "SELECT min(seq) FROM audit_log WHERE tbl = 'units'"
                                " AND row_key = ?", (str(key),))[0][0]
        assert first < seq < head_seq


def test_inserted_data_row_is_found(demo_dir: DataDir) -> None:
    sqlite_cli(demo_dir.database,
               "INSERT INTO people (unit_id, name, created_at, updated_at)"
               " SELECT value, '影子队员', '2024-01-01', '2024-01-01' FROM settings"
               " WHERE key = 'own_unit_id'")
    [(pid,)] = query(demo_dir, "SELECT id FROM people WHERE name = '影子队员'")
    report = verify(demo_dir)
    assert not report.ok
    [problem] = report.problems
    assert (problem.kind, problem.seq, problem.table, problem.row_key) == \
        ("data", None, "people", str(pid))
    result = cli_verify(demo_dir)
    assert result.returncode == 1
    assert "在程序之外被插入" in result.stdout and "第一处在数据表" in result.stdout


def test_deleted_data_row_is_found(demo_dir: DataDir) -> None:
    [(pid,)] = query(demo_dir, "SELECT id FROM people WHERE name = '张强'")
    seq = newest_seq(demo_dir, "people", pid)
    sqlite_cli(demo_dir.database, f"DELETE FROM people WHERE id = {pid}")
    report = verify(demo_dir)
    [problem] = report.problems
    assert (problem.kind, problem.seq, problem.row_key) == ("data", seq, str(pid))
    assert "在程序之外被删除" in assert_cli_names(demo_dir, seq)


# --- the log itself changed -----------------------------------------------------------------

def test_edited_audit_entry_is_found_with_missing_trigger(demo_dir: DataDir) -> None:
    # the own unit's insert: later updates exist, so only the chain (not the data) can tell
    [(unit_id,)] = query(demo_dir, "SELECT value FROM settings WHERE key = 'own_unit_id'")
    [(seq, after)] = query(demo_dir, "SELECT seq, after FROM audit_log WHERE tbl = 'units'"
                                     " AND row_key = ? AND action = 'insert'", (unit_id,))
    assert seq < newest_seq(demo_dir, "units", unit_id)
    forged = after.replace("玛沁县大武超限检测站", "伪造的检测站")
    assert forged != after

    sqlite_cli(demo_dir.database, "DROP TRIGGER audit_log_no_update")
    report = verify(demo_dir)
    assert [p.kind for p in report.problems] == ["trigger"]  # dropping alone is already reported
    assert "audit_log_no_update" in report.problems[0].detail

    sqlite_cli(demo_dir.database,
               f"UPDATE audit_log SET after = '{forged}' WHERE seq = {seq}")
    report = verify(demo_dir)
    assert report.first_broken_seq == seq
    kinds = {(p.kind, p.seq) for p in report.problems}
    assert ("hash", seq) in kinds and ("trigger", None) in kinds
    stdout = assert_cli_names(demo_dir, seq)
    assert "记录内容与哈希不符" in stdout
    assert "audit_log_no_update" in stdout  # the missing trigger is reported too


def test_deleted_newest_entries_are_found_through_anchor(demo_dir: DataDir) -> None:
    store = open_store(demo_dir)
    try:
        for _ in range(3):  # the newest entries: logins, no business data to give them away
            login_as(store, "officer")
    finally:
        store.close()
    anchor = audit.read_anchor(demo_dir.anchor)
    head_seq, head_hash = query(demo_dir, "SELECT seq, hash FROM audit_log ORDER BY seq DESC"
                                          " LIMIT 1")[0]
    assert anchor is not None and (anchor.seq, anchor.hash) == (head_seq, head_hash)

    sqlite_cli(demo_dir.database, "DROP TRIGGER audit_log_no_delete")
    sqlite_cli(demo_dir.database, f"DELETE FROM audit_log WHERE seq > {head_seq - 3}")
    first_missing = head_seq - 2

    report = verify(demo_dir)
    assert report.head_seq == head_seq - 3
    assert report.first_broken_seq == first_missing
    kinds = {p.kind for p in report.problems}
    assert {"anchor", "trigger"} <= kinds
    stdout = assert_cli_names(demo_dir, first_missing)
    assert "最新的审计记录被删除" in stdout and "audit_log_no_delete" in stdout
    # opening the database did not move the anchor back to the shortened chain
    assert audit.read_anchor(demo_dir.anchor) == anchor


def test_deleted_middle_entry_is_found(demo_dir: DataDir) -> None:
    sqlite_cli(demo_dir.database, "DROP TRIGGER audit_log_no_delete;"
                                  " DELETE FROM audit_log WHERE seq = 10;")
    report = verify(demo_dir)
    assert report.first_broken_seq == 10
    assert any(p.kind == "gap" and p.seq == 10 for p in report.problems)
    assert_cli_names(demo_dir, 10)


# --- secrets ----------------------------------------------------------------------------------

def test_password_hashes_never_reach_the_log_but_changes_are_found(demo_dir: DataDir) -> None:
    hashes = dict(query(demo_dir, "SELECT username, password_hash FROM accounts"))
    assert len(hashes) == 5 and all(h.startswith("scrypt$") for h in hashes.values())
    log_text = "\n".join("\t".join(str(v) for v in row)
                         for row in query(demo_dir, "SELECT * FROM audit_log"))
    for username, stored in hashes.items():
        salt, digest = stored.split("$")[4:]
        for secret in (stored, salt, digest):
            assert secret not in log_text, f"password hash of {username} leaked into audit_log"
        redacted = "sha256:" + hashlib.sha256(stored.encode()).hexdigest()
        assert redacted in log_text  # the log keeps a fingerprint instead

    # Give the officer the admin's password hash (a known password) behind the app's back.
    [(officer_id,)] = query(demo_dir, "SELECT id FROM accounts WHERE username = 'officer'")
    seq = newest_seq(demo_dir, "accounts", officer_id)
    sqlite_cli(demo_dir.database, "UPDATE accounts SET password_hash = (SELECT password_hash"
                                  " FROM accounts WHERE username = 'admin') WHERE username = 'officer'")
    report = verify(demo_dir)
    [problem] = report.problems
    assert (problem.kind, problem.seq, problem.table, problem.row_key) == \
        ("data", seq, "accounts", str(officer_id))
    assert_cli_names(demo_dir, seq)


def test_password_change_is_logged_redacted(demo_dir: DataDir) -> None:
    store = open_store(demo_dir)
    try:
        session = login_as(store, "officer")
        from models import accounts
        accounts.change_own_password(session, "demo1234", "新的密码abc123")
        [(stored,)] = store.conn.execute(
            "SELECT password_hash FROM accounts WHERE username = 'officer'").fetchall()
        assert passwords.check_password("新的密码abc123", stored)
        [(before, after)] = store.conn.execute(
            "SELECT before, after FROM audit_log WHERE tbl = 'accounts' AND action = 'update'"
            " ORDER BY seq DESC LIMIT 1").fetchall()
        assert stored not in before + after
        assert json.loads(after)["password_hash"] == \
            "sha256:" + hashlib.sha256(stored.encode()).hexdigest()
        assert store.verify_audit().ok
    finally:
        store.close()


# --- head, progress and cancel ------------------------------------------------------------------

def test_audit_head_cli_matches_last_row(demo_dir: DataDir) -> None:
    result = run_cli("audit", "head", "--data-dir", str(demo_dir.root))
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    seq, digest = query(demo_dir, "SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1")[0]
    [(installation_id,)] = query(demo_dir, "SELECT value FROM settings WHERE key = 'installation_id'")
    assert data == {"seq": seq, "hash": digest, "installation_id": installation_id}
    # and it is the head the chain walk arrives at
    report = verify(demo_dir)
    assert (report.head_seq, report.head_hash) == (seq, digest)


def test_verify_reports_progress_and_can_be_cancelled(demo_dir: DataDir) -> None:
    store = open_store(demo_dir)
    try:
        with store.write("tester") as w:  # a longer log, so progress comes in steps
            for i in range(450):
                w.insert("settings", {"key": f"k{i}", "value": str(i)})
        total = store.conn.execute("SELECT count(*) FROM audit_log").fetchone()[0]

        calls: list[tuple[int, int]] = []
        report = store.verify_audit(progress=lambda done, n: calls.append((done, n)))
        assert report.ok
        assert calls[-1] == (total, total)
        assert all(n == total for _d, n in calls)
        done = [d for d, _n in calls]
        assert done == sorted(done) and len(calls) > 10 and done[0] < total

        asked = []

        def cancel_after_five() -> bool:
            asked.append(1)
            return len(asked) >= 5

        report = store.verify_audit(cancelled=cancel_after_five)
        assert report.cancelled and not report.ok
        assert 0 < report.entries < total
        assert report.summary() == "校验已取消。"

        # the operation passes both callbacks through
        reviewer = login_as(store, "reviewer")
        seen: list[int] = []
        report = audit_ops.verify(reviewer, progress=lambda d, n: seen.append(d),
                                  cancelled=lambda: True)
        assert report.cancelled and seen and seen[0] < total
    finally:
        store.close()


def test_deleted_newest_entries_stay_found_after_new_writes(demo_dir: DataDir) -> None:
    store = open_store(demo_dir)
    try:
        for _ in range(3):
            login_as(store, "officer")  # three 'login' events, no business data
    finally:
        store.close()
    head_seq = query(demo_dir, "SELECT max(seq) FROM audit_log")[0][0]
    sqlite_cli(demo_dir.database, "DROP TRIGGER audit_log_no_delete;"
                                  f" DELETE FROM audit_log WHERE seq > {head_seq - 3};"
                                  " CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log"
                                  " BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;")
    assert verify(demo_dir).first_broken_seq == head_seq - 2  # found now ...

    store = open_store(demo_dir)
    try:
        for i in range(3):  # ... and after ordinary work goes on
            with store.write("tester") as w:
                w.insert("settings", {"key": f"later{i}", "value": "x"})
    finally:
        store.close()
    assert not verify(demo_dir).ok
