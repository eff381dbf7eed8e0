"""Ledger scroll benchmark: the 问题台账 table scrolled from top to bottom at 100,000 problems.

    python bench/ledger_scroll.py [--problems 100000] [--data-dir FOLDER] [--steps 200]
                                  [--pages 100] [--frame-ms 16] [--limit-ms 100]
                                  [--screenshot FILE.png]

Builds (once: the folder is kept and reused) an installation with ``--problems`` generated
problems (the generator of ``bench/ledger.py``), starts the real application offscreen with the
main window logged in as the demo chief, opens 问题台账 and, once the table holds every id,
scrolls it:

- End: the End key on the table (to the last row), then Home;
- jump: ``--steps`` positions of the vertical scroll bar spread evenly from top to bottom (what
  dragging the scroll bar does);
- page: ``--pages`` PageDown key presses from the top (what reading page by page does; the key
  moves the current row too, so every step also fills the detail form with that problem);
- End again.

A step is the action, ``QApplication.processEvents()`` and a synchronous repaint of the viewport;
its time is the GUI thread's time. Between steps the event loop runs for ``--frame-ms`` (a frame
of a fast scroll), each ``processEvents()`` of it timed too: rows fetched by the database worker
are shown there, and a slow slice there is a stall as much as a slow step. Printed: the median
and maximum step time and slowest slice, the total, how many rows were fetched from the core
(``models.ledger_query.rows``) in how many calls, how many steps still showed placeholder rows
after their frame and how long the rows took to be filled after the last step. The same steps
run in the same process on a plain ``QStandardItemModel`` of ``--baseline-rows`` rows in a
``QTableView`` of the same size (all values in memory: the floor of what painting a table costs).

Target: no step and no slice over ``--limit-ms`` (100 ms, a visible stall). The exit status is 1
when the target is missed.
"""
from __future__ import annotations

import argparse
import importlib.util
import os
import statistics
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import Any, Callable

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

DEFAULT_DATA = Path(tempfile.gettempdir()) / "fieldledger-bench" / "ledger-{n}"
WINDOW = (1200, 780)


def _ledger_bench() -> Any:
    """bench/ledger.py as a module (the bench folder is not a package)."""
    spec = importlib.util.spec_from_file_location("bench_ledger", ROOT / "bench" / "ledger.py")
    module = importlib.util.module_from_spec(spec)
    assert spec.loader is not None
    spec.loader.exec_module(module)
    return module


def ensure_data(folder: Path, count: int) -> None:
    """Build the installation in ``folder`` unless one with ``count`` problems is there."""
    from models.paths import DataDir
    db = DataDir(folder).database
    if db.exists():
        import sqlite3
        conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
        try:
            have = conn.execute("SELECT count(*) FROM problems").fetchone()[0]
        finally:
            conn.close()
        if have == count:
            print(f"reusing {folder} ({have} problems)")
            return
        raise SystemExit(f"{folder} holds {have} problems, not {count}: use another --data-dir")
    t = time.perf_counter()
    _ledger_bench().build(folder, count)
    print(f"built {count} problems in {folder} in {time.perf_counter() - t:.1f} s")


class RowCounter:
    """Counts what ``models.ledger_query.rows`` is asked for (it runs on the worker thread)."""

    def __init__(self) -> None:
        from models import ledger_query
        self.module = ledger_query
        self.original = ledger_query.rows
        self.calls = 0
        self.rows = 0
        self.lock = threading.Lock()

        def rows(session: Any, ids: list[int], *args: Any, **kwargs: Any) -> Any:
            with self.lock:
                self.calls += 1
                self.rows += len(ids)
            return self.original(session, ids, *args, **kwargs)

        ledger_query.rows = rows

    def restore(self) -> None:
        self.module.rows = self.original


class Run:
    """The step and slice times of one table."""

    def __init__(self, name: str) -> None:
        self.name = name
        self.steps: dict[str, list[float]] = {}
        self.slices: list[float] = []
        self.placeholder_steps = 0

    def all_steps(self) -> list[float]:
        return [t for times in self.steps.values() for t in times]


def wait_until(app: Any, condition: Callable[[], bool], timeout: float = 60.0) -> float:
    """Process events until ``condition()``; the seconds it took."""
    start = time.perf_counter()
    while not condition():
        if time.perf_counter() - start > timeout:
            raise SystemExit("timed out waiting for the ledger")
        app.processEvents()
        time.sleep(0.001)
    return time.perf_counter() - start


def visible_rows(table: Any) -> range:
    first = table.rowAt(0)
    last = table.rowAt(table.viewport().height() - 1)
    if last < 0:
        last = table.model().rowCount() - 1
    return range(max(first, 0), last + 1)


def scroll(app: Any, table: Any, run: Run, args: argparse.Namespace,
           filled: Callable[[], bool]) -> None:
    """The steps of the module doc on ``table``, recorded in ``run``."""
    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest
    bar = table.verticalScrollBar()
    table.setFocus()
    frame = args.frame_ms / 1000

    def step(phase: str, action: Callable[[], None]) -> None:
        t = time.perf_counter()
        action()
        app.processEvents()
        table.viewport().repaint()
        run.steps.setdefault(phase, []).append((time.perf_counter() - t) * 1000)
        end = time.perf_counter() + frame
        while time.perf_counter() < end:
            s = time.perf_counter()
            app.processEvents()
            run.slices.append((time.perf_counter() - s) * 1000)
            time.sleep(0.001)
        if not filled():
            run.placeholder_steps += 1

    def key(k: Any) -> Callable[[], None]:
        return lambda: QTest.keyClick(table, k)

    step("End", key(Qt.Key.Key_End))
    step("Home", key(Qt.Key.Key_Home))
    top = bar.maximum()
    for i in range(1, args.steps + 1):
        step("jump", lambda i=i: bar.setValue(round(top * i / args.steps)))
    step("Home", key(Qt.Key.Key_Home))
    for _ in range(args.pages):
        step("page", key(Qt.Key.Key_PageDown))
    step("End", key(Qt.Key.Key_End))


def baseline(app: Any, args: argparse.Namespace) -> Run:
    """The same steps on a plain in-memory table of ``--baseline-rows`` rows."""
    from PySide6.QtGui import QStandardItem, QStandardItemModel
    from PySide6.QtWidgets import QAbstractItemView, QTableView
    bench = _ledger_bench()
    issues = [i for items in bench.ISSUES.values() for i in items]
    aspects = list(bench.ISSUES)
    model = QStandardItemModel(0, 8)
    model.setHorizontalHeaderLabels(["序号", "问题方面", "存在问题", "责任人", "整改时限", "状态",
                                     "来源", "最近更新"])
    for r in range(args.baseline_rows):
        model.appendRow([QStandardItem(str(r + 1)), QStandardItem(aspects[r % len(aspects)]),
                         QStandardItem(bench.PLACES[r % len(bench.PLACES)]
                                       + issues[r % len(issues)]),
                         QStandardItem("索南扎西"), QStandardItem("2024-08-31"),
                         QStandardItem("整改中"), QStandardItem("自查自纠"),
                         QStandardItem("2024-07-15")])
    table = QTableView()
    table.setModel(model)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.verticalHeader().setVisible(False)
    table.verticalHeader().setDefaultSectionSize(26)
    table.horizontalHeader().setStretchLastSection(True)
    table.resize(700, WINDOW[1] - 160)
    table.show()
    wait_until(app, table.isVisible)
    run = Run(f"QStandardItemModel, {args.baseline_rows} rows")
    scroll(app, table, run, args, lambda: True)
    table.close()
    table.deleteLater()
    return run


def ledger(app: Any, args: argparse.Namespace, folder: Path, counter: RowCounter
           ) -> tuple[Run, dict[str, float]]:
    """The steps on the real ledger page of the logged-in main window."""
    from PySide6.QtCore import QSettings
    from models.paths import DataDir
    from models.session import session_without_password
    from ui.app import AppController
    from ui.i18n import Translations
    from ui.style import use_chinese_ui_font

    use_chinese_ui_font()
    translations = Translations()
    translations.set_language("zh_CN")
    settings_dir = tempfile.TemporaryDirectory()
    settings = QSettings(str(Path(settings_dir.name) / "settings.ini"),
                         QSettings.Format.IniFormat)
    controller = AppController(DataDir(folder), settings, translations,
                               auto_session=lambda store: session_without_password(store, "chief"))
    extra: dict[str, float] = {}
    try:
        if not controller.start():
            raise SystemExit(f"{folder} is in use by another window")
        wait_until(app, lambda: controller.window is not None and controller.window.isVisible())
        window = controller.window
        window.resize(*WINDOW)
        t = time.perf_counter()
        window.show_area("ledger")
        page = window.area("ledger")
        model, table = page.model, page.table
        wait_until(app, lambda: model.rowCount() == args.problems)
        extra["open"] = (time.perf_counter() - t) * 1000

        def filled() -> bool:
            return all(model.problem_id(r) in model._cache for r in visible_rows(table))

        extra["first rows"] = (time.perf_counter() - t) * 1000 + wait_until(app, filled) * 1000
        counter.calls = counter.rows = 0
        run = Run(f"LedgerModel, {model.rowCount()} rows")
        scroll(app, table, run, args, filled)
        extra["fill after last step"] = wait_until(app, filled) * 1000
        wait_until(app, lambda: controller.worker.pending == 0)
        extra["cache"] = len(model._cache)
        if args.screenshot:
            window.grab().save(args.screenshot)
        window.close()
    finally:
        controller.shutdown()
        settings_dir.cleanup()
    return run, extra


def report(run: Run, limit: float) -> float:
    """Print ``run``'s figures; return its worst time (step or slice)."""
    steps = run.all_steps()
    worst_slice = max(run.slices, default=0.0)
    print(f"\n{run.name}: {len(steps)} steps, total {sum(steps):.0f} ms")
    print(f"  {'phase':<6}{'steps':>6}{'median ms':>11}{'max ms':>9}")
    for phase, times in run.steps.items():
        print(f"  {phase:<6}{len(times):>6}{statistics.median(times):>11.1f}{max(times):>9.1f}")
    print(f"  {'all':<6}{len(steps):>6}{statistics.median(steps):>11.1f}{max(steps):>9.1f}")
    print(f"  slowest event-loop slice between steps: {worst_slice:.1f} ms"
          f" ({len(run.slices)} slices)")
    worst = max(max(steps), worst_slice)
    print(f"  worst {worst:.1f} ms: {'ok' if worst <= limit else 'STALL'} (limit {limit:.0f} ms)")
    return worst


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--problems", type=int, default=100_000)
    parser.add_argument("--data-dir", help="build in (or reuse) this folder"
                        f" (default {DEFAULT_DATA})")
    parser.add_argument("--steps", type=int, default=200)
    parser.add_argument("--pages", type=int, default=100)
    parser.add_argument("--frame-ms", type=float, default=16.0)
    parser.add_argument("--baseline-rows", type=int, default=1000)
    parser.add_argument("--limit-ms", type=float, default=100.0)
    parser.add_argument("--screenshot", help="save the main window after the last step (PNG)")
    args = parser.parse_args()

    folder = Path(args.data_dir) if args.data_dir else Path(
        str(DEFAULT_DATA).format(n=args.problems))
    ensure_data(folder, args.problems)

    from ui.app import make_application
    app = make_application()
    counter = RowCounter()
    try:
        base = baseline(app, args)
        run, extra = ledger(app, args, folder, counter)
    finally:
        counter.restore()
    print(f"\n{os.cpu_count()} CPUs; window {WINDOW[0]}x{WINDOW[1]}, offscreen;"
          f" {args.frame_ms:.0f} ms frame between steps")
    report(base, args.limit_ms)
    worst = report(run, args.limit_ms)
    total = sum(run.all_steps())
    base_total = sum(base.all_steps())
    print(f"  ledger opened (all {args.problems} ids) in {extra['open']:.0f} ms,"
          f" first rows shown after {extra['first rows']:.0f} ms")
    print(f"  rows fetched from the core while scrolling: {counter.rows} in {counter.calls}"
          f" calls; cache {extra['cache']:.0f} rows at the end")
    print(f"  steps still showing placeholder rows after their frame: {run.placeholder_steps}"
          f" of {len(run.all_steps())}; rows filled {extra['fill after last step']:.0f} ms"
          " after the last step")
    ratio = statistics.median(run.all_steps()) / statistics.median(base.all_steps())
    print(f"\nledger / plain table: median step {ratio:.2f}x, total"
          f" {total / base_total:.2f}x")
    ok = worst <= args.limit_ms
    print(f"slowest ledger step or slice: {worst:.1f} ms (target <= {args.limit_ms:.0f} ms):"
          f" {'met' if ok else 'MISSED'}")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
