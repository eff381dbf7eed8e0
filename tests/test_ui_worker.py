"""GUI: the database worker thread: long tasks with progress and cancel, errors, closed views."""
from __future__ import annotations

import gc
import sys
import threading
import time
from pathlib import Path

import pytest
from PySide6.QtCore import QThread
from PySide6.QtWidgets import QApplication, QLabel, QPushButton, QWidget

from models.errors import NotFound
from models.logs import setup_logging
from ui import errors as ui_errors
from models.errors import Cancelled
from ui.worker import DbWorker, run_task


def on_gui_thread() -> bool:
    return QThread.currentThread() is QApplication.instance().thread()


@pytest.fixture
def worker(gui):
    w = DbWorker()
    yield w
    w.stop()
    assert not w._thread.isRunning()


@pytest.fixture
def log_file(tmp_path: Path):
    path = tmp_path / "logs" / "x.log"
    assert setup_logging(path) == path
    ui_errors.set_log_file_hint(str(path))
    yield path
    setup_logging(None)
    ui_errors.set_log_file_hint("")


def test_long_task_reports_progress_and_stops_when_cancelled(gui, worker, qtbot):
    parent = QWidget()
    qtbot.addWidget(parent)
    parent.show()
    total = 2000
    seen: dict[str, object] = {"steps": 0, "ended": False}
    progress_threads: list[bool] = []

    def job(progress, cancelled):
        seen["job_on_gui_thread"] = on_gui_thread()
        seen["job_thread"] = threading.get_ident()
        try:
            for step in range(1, total + 1):
                if cancelled():
                    raise Cancelled()
                progress(step, total)          # the only thing the job does towards the GUI
                seen["steps"] = step
                time.sleep(0.005)
            return "finished"
        finally:
            seen["ended"] = True

    real_on_progress = worker.on_progress

    def on_progress(job_id, callback):
        def recorded(done, total_):
            progress_threads.append(on_gui_thread())
            callback(done, total_)
        real_on_progress(job_id, recorded)
    worker.on_progress = on_progress

    done: list[object] = []
    failed: list[BaseException] = []
    dialog = run_task(worker, parent, "测试任务", "正在逐条处理…", job,
                      on_done=done.append, on_error=failed.append)
    assert dialog.labelText() == "正在逐条处理…" and dialog.windowTitle() == "测试任务"
    qtbot.waitUntil(lambda: dialog.value() >= 20, timeout=10_000)
    assert dialog.maximum() == total
    qtbot.waitUntil(dialog.isVisible, timeout=10_000)   # shown after its minimum duration
    advanced = dialog.value()
    assert 20 <= advanced < total

    # The user presses 取消. (QProgressDialog.cancel() alone, the slot, does not emit canceled:
    # the button, Escape and closing the dialog do.)
    button = next(b for b in dialog.findChildren(QPushButton) if b.text() == "取消")
    button.click()
    qtbot.waitUntil(lambda: bool(done or failed), timeout=10_000)
    assert done == [] and len(failed) == 1 and isinstance(failed[0], Cancelled)
    assert seen["ended"] is True and seen["steps"] < total
    assert seen["job_on_gui_thread"] is False and seen["job_thread"] != threading.get_ident()
    assert progress_threads and all(progress_threads)  # the dialog was only touched on the GUI
    assert not dialog.isVisible()
    assert worker.pending == 0
    assert gui.boxes.shown == []          # a cancel is not an error to show


def test_finished_long_task_closes_its_dialog_and_hands_over_the_result(gui, worker, qtbot):
    def job(progress, cancelled):
        for step in range(1, 11):
            progress(step, 10)
        return {"rows": 10}

    done: list[object] = []
    dialog = run_task(worker, None, "测试任务", "正在处理…", job, on_done=done.append)
    qtbot.waitUntil(lambda: bool(done), timeout=10_000)
    assert done == [{"rows": 10}]
    assert not dialog.isVisible()
    assert gui.boxes.shown == []


def test_user_error_in_a_job_reaches_on_error_on_the_gui_thread(gui, worker, qtbot):
    def job():
        raise NotFound(what="人员", key=42)

    got: list[tuple[BaseException, bool]] = []
    done: list[object] = []
    worker.call(job, on_done=done.append, on_error=lambda exc: got.append((exc, on_gui_thread())))
    qtbot.waitUntil(lambda: bool(got), timeout=10_000)
    exc, gui_thread = got[0]
    assert isinstance(exc, NotFound) and gui_thread is True
    assert done == []
    assert ui_errors.describe(exc) == "找不到人员（编号 42），可能已被删除。"

    # Without on_error, the worker shows it in a message box itself.
    worker.call(job)
    qtbot.waitUntil(lambda: bool(gui.boxes.shown), timeout=10_000)
    assert gui.boxes.shown == [("warning", "无法完成操作", "找不到人员（编号 42），可能已被删除。")]


def test_unexpected_error_is_logged_and_shown_in_words(gui, worker, qtbot, log_file):
    def job():
        return 1 / 0

    got: list[bool] = []

    def on_error(exc: BaseException) -> None:
        got.append(on_gui_thread())
        ui_errors.show_error(None, exc)

    worker.call(job, on_error=on_error)
    qtbot.waitUntil(lambda: bool(got), timeout=10_000)
    assert got == [True]
    assert len(gui.boxes.shown) == 1
    kind, title, text = gui.boxes.shown[0]
    assert kind == "warning" and title == "无法完成操作"
    assert text.startswith("程序内部出错，刚才的操作没有完成，已保存的数据不受影响。")
    assert str(log_file) in text and "ZeroDivisionError" not in text
    logged = log_file.read_text(encoding="utf-8")
    assert "ZeroDivisionError" in logged and "Traceback" in logged and "1 / 0" in logged


def test_result_for_a_view_closed_meanwhile_is_dropped(gui, worker, qtbot):
    release = threading.Event()
    label = QLabel()

    def slow():
        release.wait(10)
        return "late"

    worker.call(slow, on_done=label.setText)
    worker.call(slow, on_done=lambda text: label.setText(text))
    label.deleteLater()
    qtbot.wait(20)                        # the label is gone before the results arrive
    release.set()
    qtbot.waitUntil(lambda: worker.pending == 0, timeout=10_000)
    qtbot.wait(20)
    assert gui.boxes.shown == []          # no "internal error" for the user


def test_many_jobs_do_not_use_up_references(gui, worker, qtbot):
    """Each job's signals must leave the interpreter's True/False reference counts alone.

    PySide6 6.12.0 returns emit()'s bool without a new reference: on Python 3.11 every emit from
    Python took one reference from True, and after some thousand database jobs the interpreter
    aborted ("Fatal Python error: bool_dealloc").
    """
    def refs() -> int:
        return sys.getrefcount(True) + sys.getrefcount(False)

    def job(progress, cancelled):
        for step in range(1, 51):
            progress(step, 50)
        return step

    results: list[int] = []
    worker.call(lambda: 0, on_done=results.append)          # warm up
    qtbot.waitUntil(lambda: len(results) == 1, timeout=10_000)
    gc.collect()                          # objects of earlier tests going away move the counts
    before = refs()
    for _ in range(300):
        worker.call(lambda: 1, on_done=results.append)
    qtbot.waitUntil(lambda: len(results) == 301, timeout=10_000)
    run_task(worker, None, "测试任务", "正在处理…", job, on_done=results.append)
    qtbot.waitUntil(lambda: len(results) == 302 and worker.pending == 0, timeout=10_000)
    assert results[-1] == 50
    lost = before - refs()
    # 300 jobs and 50 progress reports: over 650 emits, each of which lost one. Allow some noise.
    assert lost < 100, f"True/False lost {lost} references"


def test_a_cancelled_task_without_error_handler_shows_no_box(gui, worker, qtbot):
    """Pressing cancel is the user's choice: no error message follows it."""
    ended: list[bool] = []

    def job(progress, cancelled):
        ended.append(True)
        raise Cancelled()

    run_task(worker, None, "测试任务", "正在处理…", job)
    qtbot.waitUntil(lambda: bool(ended) and worker.pending == 0, timeout=10_000)
    qtbot.wait(20)
    assert gui.boxes.shown == []
