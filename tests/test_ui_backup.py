"""GUI: automatic backups when the app closes and once a day, and 立即备份到U盘或文件夹… in
设置 → 数据与日志."""
from __future__ import annotations

import json

from PySide6.QtWidgets import QFileDialog

from models.backup import backup_folder, check_backup, list_backups, sidecar_of
from ui import app as app_module
from ui_helpers import data_panel


def _reason(path) -> str:
    """The reason recorded in the sidecar of ``path`` ("" while it is not written yet)."""
    try:
        return json.loads(sidecar_of(path).read_text(encoding="utf-8")).get("reason", "")
    except (OSError, ValueError):
        return ""


def test_closing_the_app_writes_a_checked_backup(gui):
    controller, window = gui.demo_window("admin")
    folder = backup_folder(gui.data_dir)
    assert list_backups(folder) == []
    window.close()
    controller.shutdown()
    found = list_backups(folder)
    assert len(found) == 1
    path = folder / found[0][0]
    info = check_backup(path)
    assert info.audit_seq > 0 and _reason(path) == "exit"
    assert controller.store is None


def test_a_failed_exit_backup_is_logged_and_the_app_still_closes(gui, monkeypatch, caplog):
    from models import backup
    from models.errors import DiskFull

    def full(*_a, **_k):
        raise DiskFull(path="/nowhere")
    monkeypatch.setattr(backup, "automatic_backup", full)
    controller, window = gui.demo_window("admin")
    window.close()
    controller.shutdown()
    assert list_backups(backup_folder(gui.data_dir)) == []
    assert not controller.worker._thread.isRunning()
    assert gui.boxes.shown == []
    assert any("automatic backup failed" in r.getMessage() for r in caplog.records)


def test_daily_backup_after_the_window_is_shown(gui, monkeypatch):
    monkeypatch.setattr(app_module, "FIRST_DAILY_CHECK_MS", 0)
    controller, _window = gui.demo_window("admin")
    folder = backup_folder(gui.data_dir)
    gui.qtbot.waitUntil(lambda: [_reason(folder / n) for n, _t in list_backups(folder)]
                        == ["daily"], timeout=10_000)
    gui.idle(controller)
    check_backup(folder / list_backups(folder)[0][0])
    # Not due again the same day.
    controller.check_daily_backup()
    gui.idle(controller)
    assert len(list_backups(folder)) == 1


def test_backup_now_to_a_folder(gui, monkeypatch, tmp_path):
    controller, window = gui.demo_window("admin")
    panel = data_panel(window)
    gui.qtbot.waitUntil(lambda: panel.last_backup.text() == "还没有备份", timeout=10_000)
    usb = tmp_path / "usb"
    usb.mkdir()
    monkeypatch.setattr(QFileDialog, "getExistingDirectory",
                        staticmethod(lambda *_a, **_k: str(usb)))
    panel.backup_button.click()
    gui.qtbot.waitUntil(lambda: bool(gui.boxes.of("information")), timeout=10_000)
    found = list_backups(usb)
    assert len(found) == 1
    path = usb / found[0][0]
    info = check_backup(path)
    assert info.audit_seq > 0
    assert (usb / "evidence").is_dir()
    title, text = gui.boxes.of("information")[0]
    assert title == "备份完成"
    assert str(path) in text and "完整性检查和审计链校验均通过" in text
    assert gui.boxes.of("warning") == []
    gui.qtbot.waitUntil(lambda: str(path) in panel.last_backup.text(), timeout=10_000)
    window.grab().save(str(tmp_path / "data_panel.png"))


def test_backup_now_to_an_unwritable_folder_shows_a_chinese_error(gui, monkeypatch, tmp_path):
    controller, window = gui.demo_window("admin")
    panel = data_panel(window)
    blocker = tmp_path / "a-file"
    blocker.write_text("x")
    monkeypatch.setattr(QFileDialog, "getExistingDirectory",
                        staticmethod(lambda *_a, **_k: str(blocker / "sub")))
    panel.backup_button.click()
    gui.qtbot.waitUntil(lambda: bool(gui.boxes.of("warning")), timeout=10_000)
    title, text = gui.boxes.of("warning")[0]
    assert title == "备份失败" and "Traceback" not in text
    assert gui.boxes.of("information") == []
