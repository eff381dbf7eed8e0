"""GUI: 帮助 → 关于执法台账 (ui/about_dialog.py): versions, the key fingerprints, 复制到剪贴板 and
导出诊断信息… with a zip that holds no personal data."""
from __future__ import annotations

import zipfile
from pathlib import Path

from PySide6.QtWidgets import QApplication, QFileDialog

from models import keys
from models.demo import DEMO_PASSWORD
from models.session import login
from models.store import open_store
from models.version import __version__
from ui.about_dialog import AboutDialog, default_file_name
from ui_helpers import WAIT, make_demo


def _demo_with_keys(gui) -> dict[str, str]:
    """The demo with the chief's key and the unit seal key; fingerprint -> holder's name."""
    make_demo(gui.data_dir)
    store = open_store(gui.data_dir)
    try:
        chief = login(store, "chief", DEMO_PASSWORD)
        keys.create_own_key(chief, DEMO_PASSWORD)
        keys.create_seal_key(chief, DEMO_PASSWORD)
        return {fp: chief.person_name for (fp,) in store.conn.execute(
            "SELECT fingerprint FROM signing_keys")}
    finally:
        store.close()


def _open_about(gui, window) -> AboutDialog:
    window.about_action.trigger()
    gui.qtbot.waitUntil(lambda: window.findChild(AboutDialog) is not None, timeout=WAIT)
    dialog = window.findChild(AboutDialog)
    gui.qtbot.waitUntil(dialog.copy_button.isEnabled, timeout=WAIT)
    return dialog


def test_about_shows_version_and_fingerprints(gui, tmp_path, monkeypatch):
    fingerprints = _demo_with_keys(gui)
    controller = gui.start()
    window = gui.login(controller, "officer")
    dialog = _open_about(gui, window)
    assert dialog.isVisible() and dialog.windowTitle() == "关于执法台账"
    assert __version__ in dialog.version.text()
    assert dialog.values["folder"].text() == str(gui.data_dir.root)
    assert "还没有备份" in dialog.values["backup"].text()
    shown = {dialog.keys.item(r, 2).text(): dialog.keys.item(r, 0).text()
             for r in range(dialog.keys.rowCount())}
    assert shown == fingerprints
    assert {dialog.keys.item(r, 3).text() for r in range(dialog.keys.rowCount())} == {"有效"}
    dialog.grab().save(str(tmp_path / "about_dialog.png"))

    dialog.copy_button.click()
    copied = QApplication.clipboard().text()
    assert __version__ in copied and all(fp in copied for fp in fingerprints)
    assert not any(name in copied for name in fingerprints.values())
    # Paths below the user's home folder (C:\\Users\\<name>\\...) are copied with ~ for it.
    monkeypatch.setenv("HOME", str(gui.data_dir.root.parent))
    dialog.copy_button.click()
    copied = QApplication.clipboard().text()
    assert "~/data" in copied and str(gui.data_dir.root) not in copied
    dialog.close()
    gui.qtbot.waitUntil(lambda: window.findChild(AboutDialog) is None, timeout=WAIT)


def test_export_diagnostics_from_about(gui, tmp_path, monkeypatch):
    fingerprints = _demo_with_keys(gui)
    controller = gui.start()
    window = gui.login(controller, "officer")
    dialog = _open_about(gui, window)
    name = next(iter(fingerprints.values()))
    gui.data_dir.log_file.parent.mkdir(parents=True, exist_ok=True)
    with open(gui.data_dir.log_file, "a", encoding="utf-8") as fh:
        fh.write(f"2024-05-01 10:00:00,000 INFO fieldledger: {name} 13912345678 chief#1\n")
    asked: list[str] = []
    target = tmp_path / "support" / "diag.zip"
    target.parent.mkdir()

    def save_name(_parent, _title, suggested, _filter, *_a, **_k):
        asked.append(suggested)
        return str(target.with_suffix("")), _filter
    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(save_name))
    dialog.export_button.click()
    gui.qtbot.waitUntil(lambda: bool(gui.boxes.of("information")), timeout=WAIT)
    assert Path(asked[0]).name.startswith("fieldledger-diagnostics-")
    assert len(Path(asked[0]).name) == len(default_file_name())
    title, text = gui.boxes.of("information")[0]
    assert title == "诊断信息已导出" and str(target) in text and "不含个人信息" in text
    assert gui.boxes.of("warning") == []
    with zipfile.ZipFile(target) as zf:
        whole = "\n".join(zf.read(n).decode("utf-8") for n in zf.namelist())
        assert "logs/fieldledger.log" in zf.namelist()
    assert name not in whole and "13912345678" not in whole and "chief#" not in whole
    assert "<人员> <电话> <账号>#1" in whole
    assert "Qt：" in whole and "PySide6：" in whole
    assert controller.settings.value("diagnostics/last_folder") == str(target.parent)
