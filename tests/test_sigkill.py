"""A writer killed with SIGKILL at random points loses nothing it reported as committed, leaves a
sound database and an intact audit chain, and its anchor never runs ahead of the database.

The worker writes through the core (``directory.add_person`` / ``update_person``). Operation ``i``
is: even ``i``, add the person ``队员{i}``; odd ``i``, set the title of ``队员{i-1}`` to ``改{i}``.
Each round the worker works out from the database where the previous one stopped, so the effect
of every operation is checkable. Set FIELDLEDGER_SIGKILL_SEED to replay a failing run.
"""
from __future__ import annotations

import os
import random
import signal
import sqlite3
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from core_helpers import ROOT
from models import audit
from models.paths import DataDir
from models.session import setup_installation
from models.store import open_store

TOTAL_OPS = 1000
KILLED_ROUNDS = 9
PASSWORD = "sigkill-pass-1"

WORKER = r'''
import sys
sys.path.insert(0, sys.argv[1])
from pathlib import Path
from models import passwords
passwords.SCRYPT_N = 2 ** 10
from models import directory
from models.paths import DataDir
from models.session import login
from models.store import open_store

data_dir, total, password = DataDir(Path(sys.argv[2])), int(sys.argv[3]), sys.argv[4]
store = open_store(data_dir)
session = login(store, "chief", password)
people = store.conn.execute(
    "SELECT id, name, title FROM people WHERE name LIKE '队员%' ORDER BY id").fetchall()
if not people:
    start = 0
else:
    _pid, name, title = people[-1]
    last = int(name[2:])
    start = last + 2 if title == f"改{last + 1}" else last + 1
print(f"start {start}", flush=True)
last_id = people[-1][0] if people else None
for i in range(start, total):
    if i % 2 == 0:
        changes = directory.add_person(session, name=f"队员{i}", title="执法队员",
                                       cert_no=f"SK{i:05d}", phone="0975-0000000")
        last_id = int(next(iter(changes.rows["people"])))
    else:
        directory.update_person(session, last_id, title=f"改{i}")
    print(f"committed {i}", flush=True)
store.close()
print("done", flush=True)
'''


def run_round(worker: Path, dd: DataDir, rng: random.Random, *, kill: bool) -> tuple[list[int], str]:
    """One worker run; returns the operations it reported committed and how it ended."""
    proc = subprocess.Popen([sys.executable, str(worker), str(ROOT), str(dd.root), str(TOTAL_OPS),
                             PASSWORD], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            text=True, encoding="utf-8", cwd=ROOT)
    committed: list[int] = []
    killed = threading.Event()

    def kill_now() -> None:
        if proc.poll() is None:
            killed.set()
            proc.send_signal(signal.SIGKILL)

    timer = None
    kill_after_lines = None
    if kill:
        # after some commits, at a random moment of the next write (at most 90, so that every
        # killed round is killed before the work is done) ...
        kill_after_lines = rng.randint(1, 90)
        if rng.random() < 0.3:  # ... or earlier, by time: maybe while opening or logging in
            timer = threading.Timer(rng.uniform(0.02, 0.4), kill_now)
            timer.start()
    watchdog = threading.Timer(60, kill_now)
    watchdog.start()
    try:
        assert proc.stdout is not None
        for line in proc.stdout:
            if line.startswith("committed "):
                committed.append(int(line.split()[1]))
                if kill_after_lines is not None and len(committed) >= kill_after_lines:
                    time.sleep(rng.uniform(0, 0.004))
                    kill_now()
                    kill_after_lines = None
        proc.wait(timeout=60)
    finally:
        watchdog.cancel()
        if timer:
            timer.cancel()
        if proc.poll() is None:
            proc.kill()
            proc.wait()
    stderr = proc.stderr.read() if proc.stderr else ""
    if killed.is_set():
        assert proc.returncode == -signal.SIGKILL
        return committed, "killed"
    assert proc.returncode == 0, stderr
    return committed, "finished"


def check_database(dd: DataDir, committed: set[int], context: str) -> int:
    """Everything reported is there, the file is sound, the chain whole; returns ops present."""
    anchor = audit.read_anchor(dd.anchor)  # read before anything opens the store again
    conn = sqlite3.connect(dd.database)
    try:
        assert conn.execute("PRAGMA integrity_check").fetchall() == [("ok",)], context
        assert conn.execute("PRAGMA foreign_key_check").fetchall() == [], context
        head_seq, head_hash = conn.execute(
            "SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1").fetchone()
        if anchor is not None:
            assert anchor.seq <= head_seq, f"anchor ahead of the database; {context}"
            [(anchored,)] = conn.execute("SELECT hash FROM audit_log WHERE seq = ?",
                                         (anchor.seq,)).fetchall()
            assert anchored == anchor.hash, context
        people = conn.execute("SELECT name, title FROM people WHERE name LIKE '队员%'"
                              " ORDER BY id").fetchall()
    finally:
        conn.close()

    # operations are atomic and in order: the people are 队员0, 队员2, ... with no gap, each but
    # possibly the last already renamed
    names = [n for n, _t in people]
    assert names == [f"队员{2 * k}" for k in range(len(people))], context
    present: set[int] = set()
    for k, (_name, title) in enumerate(people):
        present.add(2 * k)
        if title == f"改{2 * k + 1}":
            present.add(2 * k + 1)
        else:
            assert k == len(people) - 1 and title == "执法队员", context
    missing = sorted(committed - present)
    assert not missing, f"reported committed but lost: {missing[:10]}; {context}"

    store = open_store(dd)
    try:
        report = store.verify_audit()
        assert report.ok, f"{report.summary()}; {context}"
        assert report.head_seq == head_seq
    finally:
        store.close()
    return len(present)


@pytest.mark.slow
def test_sigkill_during_writes_loses_nothing_committed(tmp_path: Path) -> None:
    seed = int(os.environ.get("FIELDLEDGER_SIGKILL_SEED", random.randrange(2 ** 32)))
    print(f"FIELDLEDGER_SIGKILL_SEED={seed}")
    rng = random.Random(seed)

    dd = DataDir(tmp_path / "data")
    store = open_store(dd)
    try:
        setup_installation(store, unit={"name": "测试检测站", "code": "SK-1", "level": "station"},
                           chief={"name": "测试站长"}, username="chief", password=PASSWORD)
    finally:
        store.close()
    worker = tmp_path / "worker.py"
    worker.write_text(WORKER, encoding="utf-8")

    committed: set[int] = set()
    kills = 0
    rounds = 0
    done = 0
    while done < TOTAL_OPS:
        rounds += 1
        context = f"seed {seed}, round {rounds}"
        assert rounds <= KILLED_ROUNDS + 3, context
        reported, how = run_round(worker, dd, rng, kill=kills < KILLED_ROUNDS)
        kills += how == "killed"
        assert reported == sorted(reported), context
        assert not committed & set(reported), f"an operation was redone; {context}"
        committed.update(reported)
        done = check_database(dd, committed, context)
        print(f"round {rounds}: {how} after {len(reported)} reported; {done} operations present")
    assert kills == KILLED_ROUNDS, f"seed {seed}"
    assert done == TOTAL_OPS and committed <= set(range(TOTAL_OPS)), f"seed {seed}"
