"""GUI: 设置 → 数据与日志 → 从备份恢复…: the backup is checked and described before anything is
replaced, the main window and store close, the database is restored, the replaced one kept aside,
the restore recorded in the audit trail, and the user logs in again."""
from __future__ import annotations

import sqlite3
from datetime import datetime

from PySide6.QtWidgets import QApplication, QFileDialog, QMessageBox

from models import problems
from models.backup import backup_name
from models.store import open_store
from ui.login import LoginDialog
from ui.pages.settings import backup_to_folder
from ui_helpers import data_panel


def _backup(gui, controller, folder):
    return gui.call(controller, backup_to_folder, controller.store, folder,
                    lambda _d, _t: None, lambda: False).info.path


def _problem_count(gui, controller) -> int:
    return gui.call(controller, lambda s: s.conn.execute("SELECT count(*) FROM problems")
                    .fetchone()[0], controller.store)


def test_restore_from_settings_brings_back_the_backup_and_keeps_the_replaced_database(
        gui, monkeypatch, tmp_path):
    controller, window = gui.demo_window("chief")
    usb = tmp_path / "usb"
    usb.mkdir()
    backup = _backup(gui, controller, usb)
    before = _problem_count(gui, controller)
    cid = gui.call(controller, lambda s: s.conn.execute(
        "SELECT id FROM campaigns ORDER BY id LIMIT 1").fetchone()[0], controller.store)
    gui.call(controller, problems.create_problem, controller.session, campaign_id=cid,
             category="逐利执法", issue="备份之后登记的问题")
    assert _problem_count(gui, controller) == before + 1

    panel = data_panel(window)
    monkeypatch.setattr(QFileDialog, "getOpenFileName",
                        staticmethod(lambda *_a, **_k: (str(backup), "")))
    seen: dict[str, str] = {}

    def confirm(box: QMessageBox) -> None:
        seen["title"], seen["text"] = box.windowTitle(), box.text()
        box.grab().save(str(tmp_path / "confirm.png"))
        next(b for b in box.buttons() if b.text() == "恢复").click()
    gui.modal.on_next(QMessageBox, confirm)
    # With no window visible Qt quits the application: the progress window must stay up until
    # another window (here the login dialog) is shown, and the user cannot close it.
    from ui import app as app_module
    real_finish = app_module._BusyDialog.finish
    others_at_finish: list[list[str]] = []

    def finish(busy) -> None:
        others_at_finish.append([type(w).__name__ for w in QApplication.topLevelWidgets()
                                 if w.isVisible() and w is not busy])
        real_finish(busy)
    monkeypatch.setattr(app_module._BusyDialog, "finish", finish)
    panel.restore_button.click()
    login = gui.wait_dialog(controller, LoginDialog)
    gui.modal.check()
    assert others_at_finish == [["LoginDialog"]]
    assert seen["title"] == "从备份恢复"
    assert "审计链校验" in seen["text"] and "replaced" in seen["text"]
    assert f"问题台账：{before} 条" in seen["text"]
    assert controller.window is None and controller.session is None

    (title, text), = gui.boxes.of("information")
    assert title == "恢复完成" and str(backup) in text and "请重新登录" in text
    replaced = list((gui.data_dir.root / "replaced").glob("fieldledger-replaced-*.sqlite"))
    assert len(replaced) == 1 and str(replaced[0]) in text

    window = gui.login(controller, "chief")
    assert login is not None and window is not None
    assert _problem_count(gui, controller) == before
    report = gui.call(controller, lambda s: s.verify_audit(), controller.store)
    assert report.ok, report.summary()
    last = gui.call(controller, lambda s: s.query(
        "SELECT actor, action, row_key FROM audit_log WHERE action = 'restored_from_backup'"),
        controller.store)
    assert last == [{"actor": "chief", "action": "restored_from_backup",
                     "row_key": f"backup:{backup.name}"}]
    # The replaced database still holds the problem registered after the backup.
    conn = sqlite3.connect(replaced[0])
    try:
        assert conn.execute("SELECT count(*) FROM problems WHERE issue = '备份之后登记的问题'"
                            ).fetchone()[0] == 1
    finally:
        conn.close()


def test_a_corrupted_backup_is_refused_before_anything_changes(gui, monkeypatch, tmp_path):
    controller, window = gui.demo_window("admin")
    usb = tmp_path / "usb"
    usb.mkdir()
    backup = _backup(gui, controller, usb)
    raw = bytearray(backup.read_bytes())
    raw[len(raw) // 2] ^= 0xFF
    backup.write_bytes(bytes(raw))
    database = gui.data_dir.database
    panel = data_panel(window)
    monkeypatch.setattr(QFileDialog, "getOpenFileName",
                        staticmethod(lambda *_a, **_k: (str(backup), "")))
    panel.restore_button.click()
    gui.qtbot.waitUntil(lambda: bool(gui.boxes.of("warning")), timeout=10_000)
    (title, text), = gui.boxes.of("warning")
    assert title == "备份不能用来恢复" and "当前的数据没有被改动" in text
    assert "Traceback" not in text
    assert controller.window is window and controller.store is not None
    assert not (gui.data_dir.root / "replaced").exists()
    assert database.exists()


def test_cancelling_the_confirmation_changes_nothing(gui, monkeypatch, tmp_path):
    controller, window = gui.demo_window("chief")
    backup = _backup(gui, controller, tmp_path)
    panel = data_panel(window)
    monkeypatch.setattr(QFileDialog, "getOpenFileName",
                        staticmethod(lambda *_a, **_k: (str(backup), "")))
    gui.modal.on_next(QMessageBox, lambda box: next(
        b for b in box.buttons() if b.text() == "取消").click())
    panel.restore_button.click()
    gui.qtbot.waitUntil(lambda: bool(gui.modal.handled), timeout=10_000)
    gui.modal.check()
    gui.idle(controller)
    assert controller.window is window and controller.session is not None
    assert not (gui.data_dir.root / "replaced").exists()


def test_only_chiefs_and_administrators_may_restore(gui):
    _controller, window = gui.demo_window("officer")
    panel = data_panel(window)
    assert not panel.restore_button.isEnabled()
    assert "负责人或管理员" in panel.restore_button.toolTip()


def test_a_backup_of_another_installation_is_flagged(gui, monkeypatch, tmp_path):
    from models.paths import DataDir
    from ui_helpers import make_demo
    other = DataDir(tmp_path / "other")
    make_demo(other)
    store = open_store(other)
    try:
        from models.backup import backup_database
        foreign = backup_database(store, tmp_path / backup_name(datetime.now())).path
    finally:
        store.close()
    controller, window = gui.demo_window("chief")
    panel = data_panel(window)
    monkeypatch.setattr(QFileDialog, "getOpenFileName",
                        staticmethod(lambda *_a, **_k: (str(foreign), "")))
    seen: dict[str, str] = {}

    def cancel(box: QMessageBox) -> None:
        seen["text"] = box.text()
        next(b for b in box.buttons() if b.text() == "取消").click()
    gui.modal.on_next(QMessageBox, cancel)
    panel.restore_button.click()
    gui.qtbot.waitUntil(lambda: bool(gui.modal.handled), timeout=10_000)
    gui.modal.check()
    assert "另一个台账安装" in seen["text"]


def test_the_restore_progress_window_cannot_be_closed_by_the_user(qtbot):
    from ui.app import _BusyDialog
    busy = _BusyDialog("从备份恢复", "正在从备份恢复，请稍候…")
    qtbot.addWidget(busy)
    busy.show()
    busy.close()                                # the title bar's X, Alt+F4: ignored
    assert busy.isVisible()
    busy.finish()
    assert not busy.isVisible()
