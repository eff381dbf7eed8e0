"""Unusable database files give a clear Chinese error that says what to do, and are not changed:
corrupt, locked, read-only, missing, full disk, too new (see test_migrations), bad folder."""
from __future__ import annotations

import os
import random
import shutil
import sqlite3
import subprocess
import time
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

import pytest

from conftest import login_as
from core_helpers import is_chinese, run_cli, sha256_file
from models import audit, campaigns, directory, store as store_module
from models.errors import (DatabaseCorrupt, DatabaseLocked, DatabaseMissing, DatabaseReadOnly,
                           DatabaseTooNew, DataFolderError, DiskFull, FieldLedgerError,
                           StorageError)
from models.migrations import LATEST_VERSION
from models.paths import DataDir
from models.store import open_store, translate_sqlite_error


@pytest.fixture
def fast_busy(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(store_module, "BUSY_TIMEOUT_MS", 200)


def side_files(dd: DataDir) -> set[str]:
    return {p.name for p in dd.root.iterdir() if p.name.startswith(dd.database.name + "-")}


def assert_user_message(error: FieldLedgerError, path: Path | None = None) -> None:
    """Chinese, says what to do, names the file."""
    text = str(error)
    assert isinstance(error, StorageError)
    assert is_chinese(text), text
    assert "请" in text, f"the message should say what to do: {text}"
    if path is not None:
        assert str(path) in text


def table_counts(dd: DataDir) -> dict[str, int]:
    conn = sqlite3.connect(dd.database)
    try:
        return {t: conn.execute(f'SELECT count(*) FROM "{t}"').fetchone()[0]
                for t in [*audit.AUDITED_TABLES, "audit_log"]}
    finally:
        conn.close()


# --- corrupt --------------------------------------------------------------------------------------

def test_random_bytes_are_reported_corrupt(data_dir: DataDir) -> None:
    data_dir.root.mkdir(parents=True)
    data_dir.database.write_bytes(random.Random(1234).randbytes(64 * 1024))
    digest = sha256_file(data_dir.database)
    with pytest.raises(DatabaseCorrupt) as info:
        open_store(data_dir)
    assert_user_message(info.value, data_dir.database)
    assert "从备份恢复" in str(info.value)
    assert sha256_file(data_dir.database) == digest
    assert side_files(data_dir) == set()


@pytest.mark.parametrize("where", ["header", "schema page", "data page"])
def test_damaged_database_is_reported_corrupt(demo_dir: DataDir, where: str) -> None:
    data = bytearray(demo_dir.database.read_bytes())
    noise = random.Random(where).randbytes(4096)
    start = {"header": 0, "schema page": 100, "data page": 2 * 4096}[where]
    data[start:start + 4096 - (start % 4096)] = noise[:4096 - (start % 4096)]
    demo_dir.database.write_bytes(bytes(data))
    digest = sha256_file(demo_dir.database)
    with pytest.raises(DatabaseCorrupt) as info:
        store = open_store(demo_dir)
        try:  # a damaged data page may only show when it is read
            store.verify_audit()
            with store.write("tester") as w:
                w.insert("settings", {"key": "after-damage", "value": "x"})
        finally:
            store.close()
    assert_user_message(info.value, demo_dir.database)
    assert sha256_file(demo_dir.database) == digest


def test_cli_on_corrupt_database_exits_2_without_traceback(data_dir: DataDir) -> None:
    data_dir.root.mkdir(parents=True)
    data_dir.database.write_bytes(random.Random(99).randbytes(16 * 1024))
    digest = sha256_file(data_dir.database)
    for args in (("audit", "verify"), ("db", "check"), ("audit", "head")):
        result = run_cli(*args, "--data-dir", str(data_dir.root))
        assert result.returncode == 2, (args, result.stdout, result.stderr)
        assert result.stderr.startswith("错误：数据库文件已损坏"), result.stderr
        assert "Traceback" not in result.stderr + result.stdout
    assert sha256_file(data_dir.database) == digest
    logged = data_dir.log_file.read_text(encoding="utf-8")  # the traceback went to the log
    assert "Traceback (most recent call last)" in logged and "DatabaseCorrupt" in logged


# --- locked ---------------------------------------------------------------------------------------

@pytest.fixture
def holder() -> Iterator[list[sqlite3.Connection]]:
    """Connections of "another program"; rolled back and closed after the test."""
    conns: list[sqlite3.Connection] = []
    yield conns
    for c in conns:
        if c.in_transaction:
            c.execute("ROLLBACK")
        c.close()


def test_locked_at_open(demo_dir: DataDir, fast_busy: None, holder: list) -> None:
    """Another program holding the file exclusively (e.g. a backup tool or another copy)."""
    other = sqlite3.connect(demo_dir.database, isolation_level=None)
    holder.append(other)
    other.execute("PRAGMA locking_mode = EXCLUSIVE")
    other.execute("BEGIN EXCLUSIVE")
    digest = sha256_file(demo_dir.database)
    started = time.monotonic()
    with pytest.raises(DatabaseLocked) as info:
        open_store(demo_dir)
    assert time.monotonic() - started < 3  # the busy timeout applies, no hang
    assert_user_message(info.value, demo_dir.database)
    assert "关闭其他窗口" in str(info.value)
    other.execute("ROLLBACK")
    other.close()
    holder.clear()
    assert sha256_file(demo_dir.database) == digest
    store = open_store(demo_dir)  # usable again once the other program lets go
    try:
        assert store.verify_audit().ok
    finally:
        store.close()


def test_locked_during_migration_at_open(tmp_path: Path, fast_busy: None, holder: list) -> None:
    dd = DataDir(tmp_path / "data")
    open_store(dd, migrate_to=1).close()
    other = sqlite3.connect(dd.database, isolation_level=None)
    holder.append(other)
    other.execute("BEGIN EXCLUSIVE")
    with pytest.raises(DatabaseLocked) as info:
        open_store(dd)
    assert_user_message(info.value, dd.database)
    other.execute("ROLLBACK")
    assert other.execute("PRAGMA user_version").fetchone()[0] == 1  # nothing migrated
    store = open_store(dd)
    try:
        assert store.conn.execute("PRAGMA user_version").fetchone()[0] == LATEST_VERSION
        assert store.verify_audit().ok
    finally:
        store.close()


def test_locked_write_on_open_store(demo_dir: DataDir, fast_busy: None, holder: list) -> None:
    store = open_store(demo_dir)
    try:
        chief = login_as(store, "chief")
        head = audit.head(store.conn)
        other = sqlite3.connect(demo_dir.database, isolation_level=None)
        holder.append(other)
        other.execute("BEGIN EXCLUSIVE")
        with pytest.raises(DatabaseLocked) as info:
            directory.add_person(chief, name="被锁住的人")
        assert_user_message(info.value, demo_dir.database)
        with pytest.raises(DatabaseLocked):
            with store.write("tester") as w:
                w.insert("settings", {"key": "locked", "value": "1"})
        assert not store.conn.in_transaction
        other.execute("ROLLBACK")

        assert audit.head(store.conn) == head  # nothing was written
        directory.add_person(chief, name="解锁后的人")
        assert store.query("SELECT count(*) AS n FROM people WHERE name = '被锁住的人'")[0]["n"] == 0
        assert store.query("SELECT count(*) AS n FROM people WHERE name = '解锁后的人'")[0]["n"] == 1
        assert store.verify_audit().ok
    finally:
        store.close()


# --- read-only ------------------------------------------------------------------------------------

@contextmanager
def read_only(path: Path) -> Iterator[None]:
    """chmod 0o444, or as root (where permissions do not bind) the immutable attribute."""
    if os.geteuid() != 0:
        mode = path.stat().st_mode
        path.chmod(0o444)
        try:
            yield
        finally:
            path.chmod(mode)
        return
    if shutil.which("chattr") is None:
        pytest.skip("running as root without chattr: a file cannot be made read-only for root")
    done = subprocess.run(["chattr", "+i", str(path)], capture_output=True, text=True)
    if done.returncode != 0:
        pytest.skip(f"running as root and this filesystem has no immutable attribute: {done.stderr}")
    try:
        yield
    finally:
        subprocess.run(["chattr", "-i", str(path)], check=True)


def test_read_only_file_is_refused_untouched(demo_dir: DataDir) -> None:
    digest = sha256_file(demo_dir.database)
    with read_only(demo_dir.database):
        assert not os.access(demo_dir.database, os.W_OK)
        with pytest.raises(DatabaseReadOnly) as info:
            open_store(demo_dir)
        assert_user_message(info.value, demo_dir.database)
        assert "--data-dir" in str(info.value)
    assert sha256_file(demo_dir.database) == digest
    assert side_files(demo_dir) == set()


def real_error(conn: sqlite3.Connection, sql: str, params: tuple = ()) -> sqlite3.Error:
    try:
        conn.execute(sql, params)
    except sqlite3.Error as exc:
        return exc
    raise AssertionError(f"{sql} did not fail")


def test_translate_sqlite_error_maps_real_errors(demo_dir: DataDir, tmp_path: Path,
                                                 holder: list) -> None:
    db = demo_dir.database
    ro = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    holder.append(ro)
    readonly = real_error(ro, "INSERT INTO settings VALUES ('x', 'y')")
    assert readonly.sqlite_errorname == "SQLITE_READONLY"
    mapped = translate_sqlite_error(readonly, db)
    assert isinstance(mapped, DatabaseReadOnly)
    assert_user_message(mapped, db)

    rw = sqlite3.connect(db, isolation_level=None, timeout=0.05)
    holder.append(rw)
    other = sqlite3.connect(db, isolation_level=None, timeout=0.05)
    holder.append(other)
    other.execute("BEGIN EXCLUSIVE")
    busy = real_error(rw, "BEGIN IMMEDIATE")
    assert isinstance(translate_sqlite_error(busy, db), DatabaseLocked)
    other.execute("ROLLBACK")

    pages = rw.execute("PRAGMA page_count").fetchone()[0]
    rw.execute(f"PRAGMA max_page_count = {pages}")
    full = real_error(rw, "CREATE TABLE filler AS SELECT randomblob(100000) AS b")
    assert isinstance(translate_sqlite_error(full, db), DiskFull)

    junk = tmp_path / "junk.sqlite3"
    junk.write_bytes(b"\x00not sqlite\x00" * 500)
    notadb = real_error(sqlite3.connect(junk), "SELECT * FROM sqlite_master")
    assert isinstance(translate_sqlite_error(notadb, junk), DatabaseCorrupt)

    # mistakes in the program are not the user's: they are not translated
    assert translate_sqlite_error(real_error(rw, "SELEC 1"), db) is None
    assert translate_sqlite_error(real_error(rw, "SELECT * FROM no_such_table"), db) is None


# --- missing --------------------------------------------------------------------------------------

def test_missing_database_of_an_existing_installation(demo_dir: DataDir) -> None:
    assert demo_dir.anchor.exists()
    demo_dir.database.unlink()
    with pytest.raises(DatabaseMissing) as info:
        open_store(demo_dir)
    assert_user_message(info.value, demo_dir.database)
    assert "没有新建空数据库" in str(info.value)
    assert not demo_dir.database.exists() and side_files(demo_dir) == set()

    result = run_cli("audit", "verify", "--data-dir", str(demo_dir.root))
    assert result.returncode == 2 and result.stderr.startswith("错误：找不到数据库文件")
    assert "Traceback" not in result.stderr
    assert not demo_dir.database.exists()


def test_missing_database_without_create(data_dir: DataDir) -> None:
    with pytest.raises(DatabaseMissing):
        open_store(data_dir, create=False)
    assert not data_dir.database.exists()
    open_store(data_dir).close()  # a new installation may be created where none was
    assert data_dir.database.exists() and data_dir.anchor.exists()


def test_unusable_data_folder(tmp_path: Path) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    with pytest.raises(DataFolderError) as info:
        open_store(DataDir(blocker / "data"))
    assert is_chinese(str(info.value)) and "--data-dir" in str(info.value)
    assert blocker.read_text() == "not a folder"


# --- disk full ------------------------------------------------------------------------------------

def test_disk_full_rolls_back_and_keeps_data(demo_dir: DataDir) -> None:
    store = open_store(demo_dir)
    try:
        chief = login_as(store, "chief")
        before = table_counts(demo_dir)
        head = audit.head(store.conn)
        pages = store.conn.execute("PRAGMA page_count").fetchone()[0]
        assert store.conn.execute(f"PRAGMA max_page_count = {pages}").fetchone()[0] == pages

        big = {"title": "大量阶段的专项行动", "categories": ["类别"],
               "phases": [{"name": f"阶段{i}", "note": "说明" * 450} for i in range(60)]}
        with pytest.raises(DiskFull) as info:
            campaigns.create_campaign(chief, **big)
        assert_user_message(info.value, demo_dir.database)
        assert "已撤回" in str(info.value)
        assert not store.conn.in_transaction

        assert audit.head(store.conn) == head
        assert table_counts(demo_dir) == before
        assert store.verify_audit().ok
        assert store.conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"

        store.conn.execute("PRAGMA max_page_count = 1073741823")  # space again
        campaigns.create_campaign(chief, **big)
        assert table_counts(demo_dir)["campaign_phases"] == before["campaign_phases"] + 60
        assert store.verify_audit().ok
    finally:
        store.close()


# --- odd folder names -------------------------------------------------------------------------------

@pytest.mark.parametrize("folder", ["数据#1", "data?x=1", "备份%20盘", "空格 文件夹"])
def test_folder_names_that_look_like_uri_syntax(tmp_path: Path, folder: str) -> None:
    """The read-only peek must read the right file whatever the folder is called."""
    dd = DataDir(tmp_path / folder / "data")
    open_store(dd).close()
    conn = sqlite3.connect(dd.database)
    conn.execute("PRAGMA journal_mode = DELETE")
    conn.execute(f"PRAGMA user_version = {LATEST_VERSION + 5}")
    conn.close()
    digest = sha256_file(dd.database)
    with pytest.raises(DatabaseTooNew):
        open_store(dd)
    assert sha256_file(dd.database) == digest
    assert side_files(dd) == set()

    dd.database.write_bytes(random.Random(7).randbytes(8192))
    with pytest.raises(DatabaseCorrupt):
        open_store(dd)
