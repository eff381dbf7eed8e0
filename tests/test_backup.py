"""Backups: online copies while the ledger is being written, refusing damaged files, rotation,
restoring into a closed installation, and the ``backup`` commands."""
from __future__ import annotations

import hashlib
import shutil
import sqlite3
import threading
from datetime import datetime, timedelta
from pathlib import Path

import pytest

from conftest import login_as
from core_helpers import audit_head, is_chinese, run_cli, sha256_file
from models import audit, backup, problems, restore
from models.errors import ValidationError
from models.migrations import LATEST_VERSION
from models.paths import DataDir
from models.store import Store, open_store


def _problem_count(db: Path) -> int:
    conn = sqlite3.connect(db)
    try:
        return conn.execute("SELECT count(*) FROM problems").fetchone()[0]
    finally:
        conn.close()


def _add_problem(store: Store, issue: str, session=None) -> None:
    session = session or login_as(store, "chief")
    campaign = store.conn.execute("SELECT min(id) FROM campaigns").fetchone()[0]
    problems.create_problem(session, campaign_id=campaign, category="逐利执法", issue=issue)


def _state(data_dir: DataDir) -> dict[str, str]:
    """SHA-256 of every file of the data folder's top level (database, -wal, anchor)."""
    return {p.name: sha256_file(p) for p in sorted(data_dir.root.iterdir()) if p.is_file()}


@pytest.fixture
def taken(demo: Store, tmp_path: Path) -> backup.BackupInfo:
    """A checked backup of the demo (the demo store stays open)."""
    _add_problem(demo, "备份前登记的问题")
    return backup.backup_database(demo, tmp_path / "out" / "fieldledger-20261122-101500.sqlite")


# --- taking a backup ------------------------------------------------------------------------------

def test_backup_is_checked_and_described(demo: Store, taken: backup.BackupInfo) -> None:
    assert taken.path.is_file() and taken.size == taken.path.stat().st_size
    assert (taken.audit_seq, taken.audit_hash) == audit_head(demo.path)
    assert taken.user_version == LATEST_VERSION and taken.created.endswith("+00:00")
    assert backup.sidecar_of(taken.path).is_file()
    assert not [p for p in taken.path.parent.iterdir() if p.name.endswith((".tmp", "-wal"))]
    again = backup.check_backup(taken.path)
    assert again._replace(path=taken.path) == taken


def test_backup_while_another_connection_keeps_writing(demo_dir: DataDir, tmp_path: Path,
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(backup, "PAGES_PER_STEP", 4)  # many steps: the writer gets in between
    stop, written, errors = threading.Event(), [], []

    def writer() -> None:
        other = open_store(demo_dir)
        try:
            session = login_as(other, "chief")
            while not stop.is_set():
                _add_problem(other, f"并发登记的问题 {len(written) + 1}", session)
                written.append(1)
        except BaseException as exc:  # reported below
            errors.append(exc)
        finally:
            other.close()

    store = open_store(demo_dir)
    thread = threading.Thread(target=writer)
    thread.start()
    try:
        while len(written) < 3 and thread.is_alive():
            threading.Event().wait(0.01)
        steps: list[tuple[int, int]] = []
        started = len(written)
        info = backup.backup_database(store, tmp_path / "b" / "fieldledger-20261122-120000.sqlite",
                                      progress=lambda done, total: steps.append((done, total)))
        before_stop = len(written)
        during = before_stop - started
    finally:
        stop.set()
        thread.join(60)
        store.close()
    assert not errors
    assert len(steps) > 1 and before_stop >= 3
    assert during > 0, "the writer was blocked for the whole backup"

    fresh = DataDir(tmp_path / "restored")
    assert restore.restore_backup(fresh, info.path) is None
    restored = open_store(fresh, create=False)
    try:
        report = restored.verify_audit()
        assert report.ok, report.summary()
        assert audit.head(restored.conn) == (info.audit_seq, info.audit_hash)
        count = restored.conn.execute("SELECT count(*) FROM problems").fetchone()[0]
    finally:
        restored.close()
    assert 3 <= count <= _problem_count(demo_dir.database)


# --- refusing damaged or foreign files -----------------------------------------------------------

def _flip_middle(path: Path) -> None:
    data = bytearray(path.read_bytes())
    mid = len(data) // 2
    data[mid:mid + 4096] = bytes(b ^ 0x5A for b in data[mid:mid + 4096])
    path.write_bytes(bytes(data))


def _damage(kind: str, path: Path) -> None:
    if kind.startswith("flipped"):
        _flip_middle(path)
        if kind == "flipped-no-sidecar":
            backup.sidecar_of(path).unlink()
    elif kind == "truncated":
        path.write_bytes(path.read_bytes()[: path.stat().st_size // 2])
    elif kind == "not-sqlite":
        path.write_bytes(b"PK\x03\x04 this is a zip file, not a database" * 100)
    elif kind == "empty":
        path.write_bytes(b"")


@pytest.mark.parametrize("kind", ["flipped", "flipped-no-sidecar", "truncated", "not-sqlite",
                                  "empty"])
def test_damaged_backup_is_refused_and_nothing_replaced(demo: Store, demo_dir: DataDir,
                                                        taken: backup.BackupInfo, kind: str) -> None:
    _damage(kind, taken.path)
    with pytest.raises(ValidationError) as caught:
        backup.check_backup(taken.path)
    assert is_chinese(str(caught.value)) and str(taken.path) in str(caught.value)
    demo.close()
    before = _state(demo_dir)
    with pytest.raises(ValidationError):
        restore.restore_backup(demo_dir, taken.path)
    assert _state(demo_dir) == before
    assert not (demo_dir.root / backup.REPLACED_DIR).exists()


def test_foreign_and_newer_files_are_refused(tmp_path: Path, taken: backup.BackupInfo) -> None:
    foreign = tmp_path / "other.sqlite"
    conn = sqlite3.connect(foreign)
    conn.execute("CREATE TABLE notes (x)")
    conn.commit()
    conn.close()
    with pytest.raises(ValidationError, match="不是执法台账的数据库"):
        backup.check_backup(foreign)

    newer = tmp_path / "newer.sqlite"
    shutil.copyfile(taken.path, newer)
    conn = sqlite3.connect(newer)
    conn.execute(f"PRAGMA user_version = {LATEST_VERSION + 1}")
    conn.close()
    with pytest.raises(ValidationError, match="更新版本"):
        backup.check_backup(newer)
    with pytest.raises(ValidationError, match="找不到备份文件"):
        backup.check_backup(tmp_path / "missing.sqlite")


def test_changed_backup_is_found_by_its_recorded_digest(taken: backup.BackupInfo) -> None:
    conn = sqlite3.connect(taken.path)
    conn.execute("UPDATE settings SET value = value WHERE key = 'installation_id'")
    conn.execute("PRAGMA user_version = 1")  # an older version alone would be fine ...
    conn.commit()
    conn.close()
    with pytest.raises(ValidationError, match="被改动过"):  # ... but the file no longer matches
        backup.check_backup(taken.path)
    backup.sidecar_of(taken.path).unlink()
    assert backup.check_backup(taken.path).user_version == 1


def test_broken_audit_chain_is_refused(taken: backup.BackupInfo) -> None:
    backup.sidecar_of(taken.path).unlink()
    conn = sqlite3.connect(taken.path)
    conn.execute("UPDATE problems SET issue = '改过的' WHERE id = (SELECT max(id) FROM problems)")
    conn.commit()
    conn.close()
    with pytest.raises(ValidationError, match="审计链"):
        backup.check_backup(taken.path)


# --- restoring -----------------------------------------------------------------------------------

def test_restore_moves_the_old_database_aside(demo: Store, demo_dir: DataDir,
                                              taken: backup.BackupInfo) -> None:
    _add_problem(demo, "备份之后登记的问题")
    head_before = audit.head(demo.conn)
    count_before = demo.conn.execute("SELECT count(*) FROM problems").fetchone()[0]
    demo.close()
    moved = restore.restore_backup(demo_dir, taken.path, now=datetime(2026, 11, 22, 18, 30))
    assert moved == demo_dir.root / "replaced" / "fieldledger-replaced-20261122-183000.sqlite"
    assert audit_head(moved) == head_before and _problem_count(moved) == count_before
    assert not moved.with_name(moved.name + "-wal").exists()
    assert not demo_dir.database.with_name(demo_dir.database.name + "-wal").exists()

    restored = open_store(demo_dir, create=False)
    try:
        report = restored.verify_audit()
        assert report.ok, report.summary()
        assert audit.head(restored.conn) == (taken.audit_seq, taken.audit_hash)
        assert restored.conn.execute(
            "SELECT count(*) FROM problems WHERE issue = '备份之后登记的问题'").fetchone()[0] == 0
        _add_problem(restored, "恢复之后登记的问题")
        assert restored.verify_audit().ok
    finally:
        restored.close()


def test_restore_refuses_while_the_database_is_open(demo: Store, demo_dir: DataDir,
                                                    taken: backup.BackupInfo) -> None:
    with pytest.raises(ValidationError, match="关闭"):  # an idle open store is enough
        restore.restore_backup(demo_dir, taken.path)
    demo.conn.execute("BEGIN")
    demo.conn.execute("SELECT count(*) FROM problems").fetchone()  # a reader holds it
    try:
        with pytest.raises(ValidationError, match="关闭"):
            restore.restore_backup(demo_dir, taken.path)
    finally:
        demo.conn.execute("COMMIT")
    assert not (demo_dir.root / backup.REPLACED_DIR).exists()
    assert audit_head(demo_dir.database) == audit.head(demo.conn)


# --- rotation ------------------------------------------------------------------------------------

SUNDAY = datetime(2026, 11, 22, 20, 0)  # ISO week 47 (Monday 16 November)


def test_rotation_plan_keeps_seven_daily_and_four_weekly() -> None:
    names = []
    for day in range(60):
        for hour in (9, 13, 18):
            when = (SUNDAY - timedelta(days=day)).replace(hour=hour, minute=5)
            names.append((backup.backup_name(when), when))
    future = SUNDAY + timedelta(days=3)
    names.append((backup.backup_name(future), future))
    doomed = backup.plan_rotation(names, SUNDAY)
    kept = {n for n, _ in names} - doomed
    daily = {f"fieldledger-202611{d:02d}-180500.sqlite" for d in range(16, 23)}
    weekly = {"fieldledger-20261115-180500.sqlite", "fieldledger-20261108-180500.sqlite",
              "fieldledger-20261101-180500.sqlite", "fieldledger-20261025-180500.sqlite"}
    assert kept == daily | weekly | {backup.backup_name(future)}
    assert len(daily) == 7 and len(weekly) == 4
    assert backup.plan_rotation([], SUNDAY) == set()


def test_rotation_in_the_middle_of_a_week() -> None:
    wednesday = datetime(2026, 11, 18, 12, 0)
    names = [(backup.backup_name(wednesday - timedelta(days=d)), wednesday - timedelta(days=d))
             for d in range(40)]
    kept = {n for n, _ in names} - backup.plan_rotation(names, wednesday)
    # 12..18 November daily; weeks 46 (its Sunday 15th is a daily one too), 45, 44, 43
    assert kept == {backup.backup_name(datetime(2026, 11, d, 12)) for d in range(12, 19)} | {
        backup.backup_name(datetime(2026, m, d, 12)) for m, d in ((11, 8), (11, 1), (10, 25))}


def test_automatic_backup_rotates_and_says_when_the_next_is_due(demo: Store) -> None:
    folder = backup.backup_folder(demo.data_dir)
    assert backup.due_daily(demo, SUNDAY)
    for day in range(20, 0, -1):
        backup.automatic_backup(demo, now=SUNDAY - timedelta(days=day), reason="daily")
    info = backup.automatic_backup(demo, now=SUNDAY, reason="exit")
    assert info.path == folder / "fieldledger-20261122-200000.sqlite"
    names = sorted(p.name for p in folder.glob("*.sqlite"))
    assert len(names) == 7 + 2  # the 7 days, and weeks 46 (15th), 45 (8th); older ones removed
    assert sorted(p.name for p in folder.glob("*.json")) == [n[:-7] + ".json" for n in names]
    assert not backup.due_daily(demo, SUNDAY + timedelta(hours=23))
    assert backup.due_daily(demo, SUNDAY + timedelta(days=1))
    again = backup.automatic_backup(demo, now=SUNDAY)  # same second: a second name
    assert again.path.name == "fieldledger-20261122-200000-1.sqlite"


# --- evidence -------------------------------------------------------------------------------------

def _store_evidence(root: Path, content: bytes, ext: str = "pdf") -> Path:
    sha = hashlib.sha256(content).hexdigest()
    path = root / sha[:2] / f"{sha}.{ext}"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(content)
    return path


def test_evidence_is_copied_incrementally(demo: Store, tmp_path: Path) -> None:
    root = demo.data_dir.evidence
    first = _store_evidence(root, b"%PDF-1.4 first")
    _store_evidence(root, b"\x89PNG second", "png")
    damaged = _store_evidence(root, b"original third")
    damaged.write_bytes(b"changed behind the app's back")
    target = tmp_path / "usb" / "evidence"
    result = backup.backup_evidence(demo, target)
    assert (result.copied, result.present, result.skipped) == (2, 0, [damaged])
    assert (target / first.parent.name / first.name).read_bytes() == first.read_bytes()
    _store_evidence(root, b"fourth")
    assert backup.backup_evidence(demo, target)[:2] == (1, 2)


# --- the command line ----------------------------------------------------------------------------

def test_cli_backup_create_check_restore(demo_dir: DataDir, tmp_path: Path) -> None:
    result = run_cli("backup", "create", "--data-dir", str(demo_dir.root))
    assert result.returncode == 0, result.stderr
    (made,) = backup.backup_folder(demo_dir).glob("*.sqlite")
    assert str(made) in result.stdout

    usb = tmp_path / "usb"
    result = run_cli("backup", "create", "--to", str(usb), "--data-dir", str(demo_dir.root))
    assert result.returncode == 0, result.stderr
    assert len(list(usb.glob("fieldledger-*.sqlite"))) == 1 and "印证资料" in result.stdout

    result = run_cli("backup", "check", str(made), "--data-dir", str(demo_dir.root))
    assert result.returncode == 0, result.stderr
    assert "备份可用" in result.stdout

    garbage = tmp_path / "garbage.sqlite"
    garbage.write_bytes(b"not a database at all" * 50)
    result = run_cli("backup", "check", str(garbage), "--data-dir", str(demo_dir.root))
    assert result.returncode == 1 and "不是 SQLite 数据库文件" in result.stderr
    before = _state(demo_dir)
    result = run_cli("backup", "restore", str(garbage), "--data-dir", str(demo_dir.root))
    assert result.returncode == 2 and "不是 SQLite 数据库文件" in result.stderr
    assert _state(demo_dir) == before

    result = run_cli("backup", "restore", str(made), "--data-dir", str(demo_dir.root))
    assert result.returncode == 0, result.stderr
    assert "原数据库已移到" in result.stdout
    assert len(list((demo_dir.root / "replaced").glob("*.sqlite"))) == 1
    result = run_cli("audit", "verify", "--data-dir", str(demo_dir.root))
    assert result.returncode == 0, result.stdout + result.stderr


def test_backup_that_keeps_restarting_is_copied_in_one_step(demo: Store, tmp_path: Path,
                                                            monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(backup, "MAX_RESTARTS", -1)  # as if every step had restarted
    info = backup.backup_database(demo, tmp_path / "one-step.sqlite")
    assert backup.check_backup(info.path).audit_seq == audit.head(demo.conn)[0]
