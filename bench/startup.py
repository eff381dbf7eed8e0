"""Start-up benchmark: process start to main window shown, against a bare PySide6 QMainWindow.

    python bench/startup.py [--runs 7] [--audit-rows 100000]

Builds (once per run, in a temp folder) a demo installation whose audit trail holds
``--audit-rows`` entries, then starts, alternately, a bare ``QMainWindow`` process and the real
app (login skipped) and records, from the moment the parent starts each child, when the window
has been shown and its first events processed. For the app it also records when the dashboard
holds its data. Prints medians and the ratio app / bare (target: at most 1.5), also as the ratio
of the fastest runs, which a noisy shared machine disturbs least.
"""
from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

BARE = r"""
import sys, time
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMainWindow
app = QApplication(sys.argv[:1])
w = QMainWindow()
w.resize(1200, 780)
w.show()
def done():
    print("shown", time.time(), flush=True)
    app.quit()
QTimer.singleShot(0, done)
app.exec()
"""

APP = r"""
import sys, time
sys.path.insert(0, {root!r})
from PySide6.QtCore import QTimer
from models.cli import parse_args
from models.session import session_without_password
from ui.app import run_gui

def shown(window):
    def first_events():
        print("shown", time.time(), flush=True)
        board = window.area("dashboard")
        def filled():
            if board.campaigns.topLevelItemCount():
                print("filled", time.time(), flush=True)
                window.close()
                from PySide6.QtWidgets import QApplication
                QApplication.quit()
            else:
                QTimer.singleShot(1, filled)
        filled()
    QTimer.singleShot(0, first_events)

sys.exit(run_gui(parse_args(["gui", "--data-dir", {data!r}]),
                 auto_session=lambda store: session_without_password(store, "chief"),
                 on_shown=shown))
"""


def build_installation(folder: Path, audit_rows: int) -> None:
    sys.path.insert(0, str(ROOT))
    from models.demo import create_demo
    from models.paths import DataDir
    from models.store import open_store

    store = open_store(DataDir(folder))
    create_demo(store)
    have = store.conn.execute("SELECT count(*) FROM audit_log").fetchone()[0]
    unit = store.conn.execute("SELECT value FROM settings WHERE key = 'own_unit_id'").fetchone()[0]
    stamp = "2026-01-01T00:00:00+00:00"
    with store.write("bench") as w:
        i = 0
        while have < audit_rows:
            key = w.insert("people", {"unit_id": int(unit), "name": f"协勤{i}", "title": "执法辅助人员",
                                      "cert_no": "", "phone": "", "active": 1,
                                      "created_at": stamp, "updated_at": stamp})
            have += 1
            if have < audit_rows:
                w.update("people", key, {"active": 0})
                have += 1
            i += 1
    store.close()


def timed(code: str, env: dict[str, str]) -> dict[str, float]:
    start = time.time()
    out = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True,
                         timeout=120, check=False)
    marks = {}
    for line in out.stdout.splitlines():
        name, _, value = line.partition(" ")
        if name in ("shown", "filled"):
            marks[name] = float(value) - start
    if "shown" not in marks:
        raise SystemExit(f"child failed:\n{out.stdout}\n{out.stderr}")
    return marks


def main() -> int:
    # Byte-code as an installation has it (PYTHONDONTWRITEBYTECODE may be set here).
    subprocess.run([sys.executable, "-m", "compileall", "-q", "main.py", "models", "ui"],
                   cwd=ROOT, check=True)
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=21)
    parser.add_argument("--audit-rows", type=int, default=100_000)
    args = parser.parse_args()
    env = dict(os.environ)
    env.setdefault("QT_QPA_PLATFORM", "offscreen")
    with tempfile.TemporaryDirectory() as tmp:
        env["XDG_CONFIG_HOME"] = str(Path(tmp) / "config")  # fresh QSettings, no remembered state
        data, small = Path(tmp) / "data", Path(tmp) / "small"
        t = time.perf_counter()
        build_installation(data, args.audit_rows)
        build_installation(small, 0)
        size = (data / "fieldledger.sqlite3").stat().st_size / 1e6
        print(f"installation: {args.audit_rows} audit rows, {size:.1f} MB, built in "
              f"{time.perf_counter() - t:.1f} s; small one: the demo alone")
        app_code = APP.format(root=str(ROOT), data=str(data))
        small_code = APP.format(root=str(ROOT), data=str(small))
        timed(BARE, env), timed(app_code, env), timed(small_code, env)  # warm the file cache
        bare, app, filled, small_app = [], [], [], []
        for _ in range(args.runs):
            bare.append(timed(BARE, env)["shown"])
            marks = timed(app_code, env)
            app.append(marks["shown"])
            filled.append(marks.get("filled", float("nan")))
            small_app.append(timed(small_code, env)["shown"])
    b, a, f, s = (statistics.median(x) for x in (bare, app, filled, small_app))

    def runs(values: list[float]) -> str:
        return ", ".join(f"{x * 1000:.0f}" for x in values)

    print(f"bare QMainWindow shown:           median {b * 1000:7.1f} ms  ({runs(bare)})")
    print(f"FieldLedger main window shown:    median {a * 1000:7.1f} ms  ({runs(app)})")
    print(f"FieldLedger dashboard filled:     median {f * 1000:7.1f} ms")
    print(f"FieldLedger, demo-sized database: median {s * 1000:7.1f} ms  ({runs(small_app)})")
    print(f"ratio app/bare (window shown):    {a / b:.2f}x of medians, {min(app) / min(bare):.2f}x of"
          f" fastest runs   (target <= 1.5x)")
    print(f"ratio app/bare (data shown):      {f / b:.2f}x of medians, {min(filled) / min(bare):.2f}x of"
          f" fastest runs")
    print(f"ratio {args.audit_rows} audit rows / demo-sized: {a / s:.2f}x   (start-up does not read the trail)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
