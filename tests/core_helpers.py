"""Helpers shared by the core test modules (test_core_*, test_audit, test_migrations, ...).

Not a test module itself. Everything works on real SQLite files in temporary folders.
"""
from __future__ import annotations

import hashlib
import os
import re
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path
from typing import Any

from models import passwords
from models.paths import DataDir
from models.store import open_store

ROOT = Path(__file__).resolve().parent.parent
MAIN = ROOT / "main.py"

_CJK = re.compile(r"[\u4e00-\u9fff]")


def is_chinese(text: str) -> bool:
    """True when ``text`` contains Chinese characters."""
    return bool(_CJK.search(text))


def sha256_file(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def run_cli(*args: str, timeout: float = 60) -> subprocess.CompletedProcess[str]:
    """``python main.py ARGS`` from the repository root, as a user would run it."""
    env = {**os.environ, "PYTHONIOENCODING": "utf-8"}
    return subprocess.run([sys.executable, str(MAIN), *args], cwd=ROOT, capture_output=True,
                           text=True, encoding="utf-8", timeout=timeout, env=env)


def sqlite_cli(db: Path, sql: str) -> subprocess.CompletedProcess[str]:
    """Run ``sql`` with the real ``sqlite3`` command-line tool (what someone tampering would use)."""
    result = subprocess.run(["sqlite3", str(db), sql], capture_output=True, text=True, timeout=30)
    assert result.returncode == 0, f"sqlite3 failed: {result.stderr}"
    return result


def build_demo(data_dir: DataDir) -> None:
    """A closed demo installation in ``data_dir`` (cheap password hashing)."""
    from models.demo import create_demo
    saved = passwords.SCRYPT_N, passwords._DUMMY
    passwords.SCRYPT_N, passwords._DUMMY = 2 ** 10, None
    try:
        store = open_store(data_dir)
        try:
            create_demo(store, with_problems=False)
        finally:
            store.close()
    finally:
        passwords.SCRYPT_N, passwords._DUMMY = saved


def copy_installation(template: DataDir, target: DataDir) -> DataDir:
    """Copy a closed installation (database and anchor) to ``target``."""
    shutil.copytree(template.root, target.root)
    return target


def audit_head(db: Path) -> tuple[int, str]:
    """(seq, hash) of the newest audit entry, read with a separate connection."""
    conn = sqlite3.connect(db)
    try:
        row = conn.execute("SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1").fetchone()
        return (row[0], row[1]) if row else (0, "0" * 64)
    finally:
        conn.close()


def newest_seq_for(conn: sqlite3.Connection, table: str, key: Any) -> int:
    return conn.execute("SELECT max(seq) FROM audit_log WHERE tbl = ? AND row_key = ?",
                        (table, str(key))).fetchone()[0]


class Clock:
    """A settable clock for throttling tests (passed where the code takes ``clock=``)."""

    def __init__(self, start: float = 1_700_000_000.0) -> None:
        self.now = start

    def __call__(self) -> float:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += seconds


# --- an upper office (报送 receiving side) ----------------------------------------------------------

OFFICE_PASSWORD = "office-pass-1"


def make_office(root: Path, code: str = "QH-6326") -> Any:
    """An open office installation in ``root`` (果洛州支队, ``code``) whose director holds its
    unit seal key (password :data:`OFFICE_PASSWORD`). The caller closes the store."""
    from models import keys
    from models.session import setup_installation
    store = open_store(DataDir(root))
    setup_installation(store, unit={"name": "果洛州交通运输综合行政执法支队", "code": code,
                                    "level": "city"},
                       chief={"name": "才让"}, username="director", password=OFFICE_PASSWORD)
    keys.create_seal_key(director(store), OFFICE_PASSWORD)
    return store


def director(office: Any) -> Any:
    """The office director's session."""
    from models.session import login
    return login(office, "director", OFFICE_PASSWORD)


def seal_enrollment(session: Any, passphrase: str) -> str:
    """The enrollment file (text) of the unit seal key of ``session``'s unit."""
    from models import enrollment, keys
    key_id = keys._active_key(session.store, "seal", unit_id=session.unit_id)
    return enrollment.enrollment_file(session, key_id, passphrase)


def deliver(station: Any, office: Any, folder: Path, **export: Any) -> Any:
    """The station's chief exports the next package into ``folder`` (every material unless
    ``export`` says otherwise, not encrypted) and the office's director registers the station
    (again: nothing changes when it is registered) and imports it; returns the import result."""
    from models import office_import, office_units, package_out
    from models.demo import DEMO_PASSWORD
    from models.session import login
    chief = login(station, "chief", DEMO_PASSWORD)
    boss = director(office)
    office_units.register_unit(boss, seal_enrollment(chief, DEMO_PASSWORD))
    folder.mkdir(parents=True, exist_ok=True)
    exported = package_out.export_package(chief, folder, DEMO_PASSWORD,
                                          **{"recipients": [], **export})
    result = office_import.import_package(boss, exported.path)
    assert result.status == "imported", result.report.lines()
    return result
