"""models.restore: a backup described before confirmation, restored with the evidence kept beside
it, and the restore appended to the restored audit chain."""
from __future__ import annotations

import shutil
from datetime import datetime
from pathlib import Path

import pytest

from conftest import login_as
from core_helpers import run_cli
from models import backup, problems, restore
from models.errors import ValidationError
from models.paths import DataDir
from models.store import Store, open_store


def _add_problem(store: Store, issue: str) -> None:
    campaign = store.conn.execute("SELECT min(id) FROM campaigns").fetchone()[0]
    problems.create_problem(login_as(store, "chief"), campaign_id=campaign, category="逐利执法",
                            issue=issue)


def _evidence_file(root: Path, content: bytes) -> Path:
    import hashlib
    sha = hashlib.sha256(content).hexdigest()
    path = root / sha[:2] / f"{sha}.pdf"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(content)
    return path


@pytest.fixture
def usb_backup(demo: Store, tmp_path: Path) -> Path:
    """A backup taken to a folder with its evidence beside it, as 立即备份到U盘 does."""
    _evidence_file(demo.data_dir.evidence, b"%PDF-1.4 scanned notice")
    usb = tmp_path / "usb"
    info = backup.backup_database(demo, usb / backup.backup_name(datetime(2026, 11, 22, 9, 0)))
    backup.backup_evidence(demo, usb / "evidence")
    return info.path


def test_describe_names_the_unit_and_flags_another_installation(demo: Store,
                                                                usb_backup: Path) -> None:
    summary = restore.describe_backup(usb_backup, demo.installation_id)
    unit = demo.conn.execute("SELECT name, code FROM units WHERE id = ?",
                             (int(demo.setting("own_unit_id")),)).fetchone()
    assert (summary.unit_name, summary.unit_code) == tuple(unit)
    assert summary.problems == demo.conn.execute("SELECT count(*) FROM problems").fetchone()[0]
    assert summary.same_installation is True and summary.info.audit_seq > 0
    assert summary.last_change and summary.evidence_dir == usb_backup.parent / "evidence"
    assert restore.describe_backup(usb_backup, "another-installation").same_installation is False
    assert restore.describe_backup(usb_backup).same_installation is None


def test_restore_brings_back_lost_evidence_and_is_recorded(demo: Store, demo_dir: DataDir,
                                                           usb_backup: Path) -> None:
    _add_problem(demo, "备份之后登记的问题")
    replaced_seq = demo.conn.execute("SELECT max(seq) FROM audit_log").fetchone()[0]
    demo.close()
    shutil.rmtree(demo_dir.evidence)          # the disk lost its evidence files too
    outcome = restore.restore_installation(demo_dir, usb_backup,
                                           now=datetime(2026, 11, 22, 18, 0))
    assert outcome.replaced is not None and outcome.replaced.exists()
    assert outcome.replaced_seq == replaced_seq
    assert outcome.evidence is not None and outcome.evidence.copied == 1
    assert len(list(demo_dir.evidence.rglob("*.pdf"))) == 1

    store = open_store(demo_dir, create=False)
    try:
        restore.record_restore(store, "chief", outcome)
        row = store.query("SELECT actor, action, row_key, after FROM audit_log "
                          "ORDER BY seq DESC LIMIT 1")[0]
        assert (row["actor"], row["action"], row["row_key"]) == (
            "chief", "restored_from_backup", f"backup:{usb_backup.name}")
        assert outcome.replaced.name in row["after"]
        assert f'"replaced_audit_seq":{replaced_seq}' in row["after"]
        report = store.verify_audit()
        assert report.ok, report.summary()
    finally:
        store.close()


def test_a_damaged_backup_changes_nothing_and_copies_no_evidence(demo: Store, demo_dir: DataDir,
                                                                 usb_backup: Path) -> None:
    demo.close()
    raw = bytearray(usb_backup.read_bytes())
    raw[4096 + 100] ^= 0x55
    usb_backup.write_bytes(bytes(raw))
    shutil.rmtree(demo_dir.evidence)
    before = demo_dir.database.read_bytes()
    with pytest.raises(ValidationError, match="当前的数据没有被改动"):
        restore.restore_installation(demo_dir, usb_backup)
    assert demo_dir.database.read_bytes() == before
    assert not demo_dir.evidence.exists()
    assert not (demo_dir.root / backup.REPLACED_DIR).exists()


def test_cli_restore_records_the_restore(demo: Store, demo_dir: DataDir,
                                         usb_backup: Path) -> None:
    demo.close()
    result = run_cli("backup", "restore", str(usb_backup), "--data-dir", str(demo_dir.root))
    assert result.returncode == 0, result.stderr
    assert "原数据库已移到" in result.stdout and "印证资料" in result.stdout
    store = open_store(demo_dir, create=False)
    try:
        assert store.query("SELECT actor FROM audit_log WHERE action = 'restored_from_backup'"
                           ) == [{"actor": "restore"}]
        assert store.verify_audit().ok
    finally:
        store.close()


def test_a_failure_after_the_current_database_moved_puts_it_back(
        demo: Store, demo_dir: DataDir, usb_backup: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """If the restored copy cannot be renamed into place (a file held by a virus scanner), the
    current database goes back where it was: the folder is never left without one."""
    _add_problem(demo, "备份之后登记的问题")
    head = demo.conn.execute("SELECT max(seq), count(*) FROM audit_log").fetchone()
    demo.close()
    anchor = demo_dir.anchor.read_bytes()
    real = restore.replace
    calls: list[Path] = []

    def flaky(tmp: Path, target: Path) -> None:
        calls.append(target)
        if target == demo_dir.database:
            raise backup.write_error(PermissionError(13, "文件被其他程序占用"), target)
        real(tmp, target)
    monkeypatch.setattr(restore, "replace", flaky)
    with pytest.raises(Exception, match="文件被其他程序占用"):
        restore.restore_installation(demo_dir, usb_backup)
    assert len(calls) == 2                      # moved aside, then the copy refused
    assert demo_dir.anchor.read_bytes() == anchor
    assert list((demo_dir.root / backup.REPLACED_DIR).iterdir()) == []
    assert not list(demo_dir.root.glob(".fieldledger-*.tmp"))
    store = open_store(demo_dir, create=False)
    try:
        assert store.verify_audit().ok
        assert store.conn.execute("SELECT max(seq), count(*) FROM audit_log").fetchone() == head
        assert store.conn.execute("SELECT count(*) FROM problems WHERE issue = '备份之后登记的问题'"
                                  ).fetchone()[0] == 1
    finally:
        store.close()


def test_an_evidence_copy_that_fails_still_restores_and_records(
        demo: Store, demo_dir: DataDir, usb_backup: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from models.errors import DiskFull

    def full(*_a: object, **_k: object) -> None:
        raise DiskFull(path=str(demo_dir.evidence))
    demo.close()
    monkeypatch.setattr(restore, "copy_evidence", full)
    outcome = restore.restore_installation(demo_dir, usb_backup)
    assert outcome.replaced is not None and outcome.evidence is None
    assert isinstance(outcome.evidence_error, DiskFull)
    store = open_store(demo_dir, create=False)
    try:
        restore.record_restore(store, "chief", outcome)
        after = store.query("SELECT after FROM audit_log ORDER BY seq DESC LIMIT 1")[0]["after"]
        assert '"evidence_incomplete":true' in after
        assert store.verify_audit().ok
    finally:
        store.close()


def test_a_stale_lock_with_a_reused_process_id_does_not_block_a_restore(
        demo: Store, demo_dir: DataDir, usb_backup: Path, tmp_path: Path) -> None:
    """The lock file of a GUI that crashed names a process id that another program now has: the
    restore goes ahead; a live FieldLedger process (or another host's lock) still refuses it."""
    import socket
    import subprocess
    import sys
    demo.close()
    other = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"])
    ours = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)", "main.py"])
    try:
        host = socket.gethostname()
        demo_dir.lock_file.write_text(f"{ours.pid}\nFieldLedger\n{host}\n", encoding="utf-8")
        with pytest.raises(ValidationError, match="关闭"):
            restore.restore_installation(demo_dir, usb_backup)
        demo_dir.lock_file.write_text(f"{other.pid}\nFieldLedger\nanother-pc\n", encoding="utf-8")
        with pytest.raises(ValidationError, match="关闭"):
            restore.restore_installation(demo_dir, usb_backup)
        demo_dir.lock_file.write_text(f"{other.pid}\nFieldLedger\n{host}\n", encoding="utf-8")
        outcome = restore.restore_installation(demo_dir, usb_backup)
        assert outcome.replaced is not None
    finally:
        other.kill()
        ours.kill()
        other.wait()
        ours.wait()
