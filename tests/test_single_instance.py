"""One FieldLedger per data folder: a second start brings the running window forward (or says the
folder is in use), and a data folder on a USB stick is refused before anything is written."""
from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox

from models import drives
from ui.login import LoginDialog
from ui.single_instance import ask_to_raise, server_name
from ui_helpers import make_demo

ROOT = Path(__file__).resolve().parent.parent


def test_a_second_start_brings_the_running_window_forward(gui, tmp_path):
    make_demo(gui.data_dir)
    first = gui.start()
    dialog = gui.wait_dialog(first, LoginDialog)
    gui.qtbot.waitUntil(lambda: first._instance is not None, timeout=10_000)  # listening
    raised: list[bool] = []
    first._instance.raise_requested.connect(lambda: raised.append(True))
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", HOME=str(tmp_path),
               XDG_CONFIG_HOME=str(tmp_path / "config"))
    second = subprocess.Popen([sys.executable, str(ROOT / "main.py"), "--data-dir",
                               str(gui.data_dir.root)], env=env, cwd=ROOT,
                              stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    try:
        gui.qtbot.waitUntil(lambda: second.poll() is not None, timeout=60_000)
    finally:
        if second.poll() is None:
            second.kill()
    output = second.stdout.read().decode("utf-8", "replace")
    assert second.returncode == 0, output
    assert raised == [True]
    assert dialog.isVisible() and first.dialog is dialog
    # The first instance still owns the folder and goes on normally.
    assert gui.data_dir.lock_file.exists()
    window = gui.login(first, "chief")
    assert window.isVisible()


def test_bring_forward_shows_a_minimised_main_window(gui):
    controller, window = gui.demo_window("chief")
    window.showMinimized()
    gui.qtbot.waitUntil(lambda: bool(window.windowState() & Qt.WindowState.WindowMinimized),
                        timeout=5_000)
    controller.bring_forward()
    assert not window.windowState() & Qt.WindowState.WindowMinimized
    assert window.isVisible()


def test_a_second_start_in_a_hung_instance_says_the_folder_is_in_use(gui):
    """When the running instance does not answer (here: it runs in the same, blocked thread),
    the second start says the folder is in use and opens nothing."""
    make_demo(gui.data_dir)
    first = gui.start()
    gui.wait_dialog(first, LoginDialog)
    started = time.monotonic()
    second = gui.controller()
    assert second.start() is False and not second.forwarded
    assert time.monotonic() - started < 10
    (title, text), = gui.boxes.of("warning")
    assert title == "执法台账已在运行" and str(gui.data_dir.root) in text
    second.shutdown()


def test_nobody_answers_when_no_instance_runs(tmp_path, qapp):
    assert ask_to_raise(tmp_path / "nobody", timeout_ms=300) is False
    assert server_name(tmp_path / "a") != server_name(tmp_path / "b")
    assert server_name(tmp_path / "a") == server_name(tmp_path / "a")


def test_a_data_folder_on_a_usb_stick_is_refused_at_start(gui, monkeypatch, tmp_path):
    monkeypatch.setattr(drives, "is_removable", lambda path, **_k: True)
    stick = tmp_path / "stick"
    stick.mkdir()
    from models.paths import DataDir
    seen: dict[str, object] = {}

    def on_box(box: QMessageBox) -> None:
        seen["title"], seen["text"] = box.windowTitle(), box.text()
        seen["buttons"] = sorted(b.text() for b in box.buttons())
        next(b for b in box.buttons() if b.text() == "退出").click()
    gui.modal.on_next(QMessageBox, on_box)
    controller = gui.controller(DataDir(stick / "FieldLedger"))
    assert controller.start() is True
    gui.qtbot.waitUntil(lambda: bool(gui.quit_calls), timeout=10_000)
    gui.modal.check()
    assert seen["title"] == "无法打开台账数据库"
    assert "U盘" in seen["text"] and "本机硬盘" in seen["text"]
    assert "选择其他数据文件夹…" in seen["buttons"]
    assert list(stick.iterdir()) == []       # not even a lock file was written there
    assert controller.store is None and controller.window is None


def test_nothing_is_logged_into_a_data_folder_on_a_usb_stick(monkeypatch, tmp_path):
    from models.logs import setup_logging
    from models.paths import DataDir
    from ui.app import start_logging
    monkeypatch.setattr(drives, "is_removable", lambda path, **_k: True)
    stick = DataDir(tmp_path / "stick")
    stick.root.mkdir()
    try:
        assert start_logging(stick) is None
        from models.logs import log
        log.warning("refused")
        assert list(stick.root.iterdir()) == []
        monkeypatch.setattr(drives, "is_removable", lambda path, **_k: False)
        disk = DataDir(tmp_path / "disk")
        assert start_logging(disk) == disk.log_file
    finally:
        setup_logging(None)
