"""The station's 报送 tab with the real widgets: export a package to a folder standing in for the
USB stick (the outbox shows it, the message says it was read back), a wrong passphrase keeps the
dialog open, a cancelled export leaves no file and no row, writing a kept package again, the
office's recipients, and what a role without the permission sees."""
from __future__ import annotations

import threading
from pathlib import Path
from typing import Any

from PySide6.QtWidgets import QDialogButtonBox, QFileDialog, QLabel, QLineEdit, QPushButton
from ui_helpers import WAIT

from models import keys
from models.demo import DEMO_PASSWORD
from models.session import login
from ui.pages import station_panel
from ui.pages.passphrase_dialog import PassphraseDialog
from ui.pages.station_panel import ExportDialog, RecipientsDialog, StationPanel, TargetDialog

SLOW = ("forms",)      # rendering PDFs is slow: the tests leave the forms out
RECIPIENT = "age1ql3z7hjy54pw3hyww5ayyfg7zqgvc7w3j2elw8zmrj2kg5sfn9aqmcac8p"


def open_panel(gui: Any, user: str = "chief", seal: bool = True) -> tuple[Any, StationPanel]:
    controller, window = gui.demo_window(user)
    if seal:
        def create(store: Any) -> Any:
            return keys.create_seal_key(login(store, "chief", DEMO_PASSWORD), DEMO_PASSWORD)
        gui.call(controller, create, controller.store)
    window.show_area("submission")
    panel = window.area("submission").station
    gui.idle(controller)
    return controller, panel


def stick(gui: Any, monkeypatch: Any, name: str = "U盘") -> Path:
    """A folder standing in for the stick, which "选择文件夹…" returns."""
    path = gui.tmp_path / name
    path.mkdir(exist_ok=True)
    monkeypatch.setattr(QFileDialog, "getExistingDirectory",
                        staticmethod(lambda *_a, **_k: str(path)))
    return path


def fill_export(gui: Any, panel: StationPanel) -> ExportDialog:
    panel.export_button.click()
    dialog = panel.dialog
    assert isinstance(dialog, ExportDialog) and dialog.isVisible()
    for code in SLOW:
        dialog.materials[code].setChecked(False)
    dialog.targets.choose.click()
    assert dialog.targets.target() is not None
    return dialog


def ok(dialog: Any) -> None:
    dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Ok).click()


def passphrase(gui: Any, panel: StationPanel, text: str) -> PassphraseDialog:
    dialog = panel.dialog
    assert isinstance(dialog, PassphraseDialog) and dialog.isVisible()
    dialog.findChild(QLineEdit, "passphrase").setText(text)
    ok(dialog)
    return dialog


def outbox_rows(gui: Any, controller: Any) -> list[tuple]:
    return gui.call(controller, lambda store: store.conn.execute(
        "SELECT seq, status FROM package_outbox ORDER BY seq").fetchall(), controller.store)


def cell(panel: StationPanel, row: int, col: int) -> str:
    return panel.table.item(row, col).text()


def test_export_to_a_folder_and_write_again(gui: Any, monkeypatch: Any) -> None:
    controller, panel = open_panel(gui)
    target = stick(gui, monkeypatch)
    assert "上次已确认送达" in panel.findChild(QLabel, "scope").text()
    assert "尚未设置" in panel.recipients_state.text()
    assert panel.export_button.isEnabled() and not panel.again_button.isEnabled()
    dialog = fill_export(gui, panel)
    assert dialog.start.date() <= dialog.end.date()
    ok(dialog)
    # a wrong passphrase: the dialog stays open, says so, nothing is written
    pp = passphrase(gui, panel, "wrong-password")
    gui.qtbot.waitUntil(lambda: pp.message.isVisible(), timeout=WAIT)
    assert "不正确" in pp.message.text() and pp.isVisible()
    assert list(target.iterdir()) == [] and outbox_rows(gui, controller) == []
    passphrase(gui, panel, DEMO_PASSWORD)
    gui.qtbot.waitUntil(lambda: panel.last_result is not None, timeout=WAIT * 3)
    result = panel.last_result
    assert [p.name for p in target.iterdir()] == [result.path.name]
    gui.qtbot.waitUntil(lambda: panel.table.rowCount() == 1, timeout=WAIT)
    assert cell(panel, 0, 0) == "1" and cell(panel, 0, 6) == "未加密" and cell(panel, 0, 7) == "已写出"
    assert "问题台账" in cell(panel, 0, 3) and "正式表格" not in cell(panel, 0, 3)
    (_title, text), = gui.boxes.of("information")
    assert str(result.path) in text and result.sha256[:16] in text and "第 1 号" in text
    assert "已从 U 盘读回核验，可以安全拔出" in text
    assert outbox_rows(gui, controller) == [(1, "written")]

    # write again to a second stick
    second = stick(gui, monkeypatch, "另一个U盘")
    panel.table.selectRow(0)
    assert panel.again_button.isEnabled()
    panel.again_button.click()
    again = panel.dialog
    assert isinstance(again, TargetDialog)
    again.targets.choose.click()
    ok(again)
    gui.qtbot.waitUntil(lambda: isinstance(panel.last_result, Path), timeout=WAIT)
    copy = second / result.path.name
    assert copy.read_bytes() == result.path.read_bytes()
    assert "已再次写出" in gui.boxes.of("information")[-1][0]
    assert outbox_rows(gui, controller) == [(1, "written")]


def test_cancel_leaves_no_file_and_no_row(gui: Any, monkeypatch: Any) -> None:
    controller, panel = open_panel(gui)
    target = stick(gui, monkeypatch)
    gate = threading.Event()
    real = station_panel.run_task

    def run_then_cancel(worker: Any, *args: Any, **kwargs: Any) -> Any:
        worker.call(lambda: gate.wait(WAIT / 1000))   # the export waits behind this job
        progress = real(worker, *args, **kwargs)
        progress.findChild(QPushButton).click()       # the user clicks 取消
        gate.set()
        return progress
    monkeypatch.setattr(station_panel, "run_task", run_then_cancel)
    ok(fill_export(gui, panel))
    passphrase(gui, panel, DEMO_PASSWORD)
    gui.qtbot.waitUntil(lambda: bool(gui.boxes.of("information")), timeout=WAIT)
    assert "已取消" in gui.boxes.of("information")[0][0]
    gui.idle(controller)
    assert list(target.iterdir()) == []
    assert outbox_rows(gui, controller) == []
    assert list(controller.store.data_dir.outbox.glob("*.flpkg")) == []
    assert panel.table.rowCount() == 0 and panel.last_result is None


def test_recipients_are_set_and_packages_encrypted(gui: Any, monkeypatch: Any) -> None:
    _controller, panel = open_panel(gui)
    panel.recipients_button.click()
    dialog = panel.dialog
    assert isinstance(dialog, RecipientsDialog)
    dialog.edit.setPlainText("not-a-key")
    ok(dialog)
    gui.qtbot.waitUntil(lambda: dialog.message.isVisible(), timeout=WAIT)
    assert "第 1 行" in dialog.message.text() and dialog.isVisible()
    dialog.edit.setPlainText(RECIPIENT + "\n")
    ok(dialog)
    gui.qtbot.waitUntil(lambda: not dialog.isVisible(), timeout=WAIT)
    gui.qtbot.waitUntil(lambda: "已设置 1 个" in panel.recipients_state.text(), timeout=WAIT)
    assert panel.data.recipients == [RECIPIENT]

    stick(gui, monkeypatch)
    ok(fill_export(gui, panel))
    passphrase(gui, panel, DEMO_PASSWORD)
    gui.qtbot.waitUntil(lambda: panel.last_result is not None, timeout=WAIT * 3)
    assert panel.last_result.encrypted
    assert panel.last_result.path.read_bytes().startswith(b"age-encryption.org/v1")
    gui.qtbot.waitUntil(lambda: panel.table.rowCount() == 1, timeout=WAIT)
    assert cell(panel, 0, 6) == "已加密"
    assert "已加密给上级机关" in gui.boxes.of("information")[-1][1]


def test_without_the_seal_key_the_dialog_says_so(gui: Any, monkeypatch: Any) -> None:
    controller, panel = open_panel(gui, seal=False)
    stick(gui, monkeypatch)
    ok(fill_export(gui, panel))
    pp = passphrase(gui, panel, DEMO_PASSWORD)
    gui.qtbot.waitUntil(lambda: pp.message.isVisible(), timeout=WAIT)
    assert "签章密钥" in pp.message.text()
    pp.reject()
    assert outbox_rows(gui, controller) == []


def test_others_see_why_not(gui: Any) -> None:
    _controller, panel = open_panel(gui, "officer", seal=False)
    assert not panel.export_button.isEnabled() and not panel.again_button.isEnabled()
    assert not panel.recipients_button.isEnabled()
    assert panel.note.isVisible() and "负责人" in panel.note.text()


def test_campaign_materials_are_attached_in_the_export_dialog(gui: Any, monkeypatch: Any) -> None:
    """Choosing the campaign lists its required materials; forms supply two of them while 正式表格
    is chosen; files attached to another travel in the package and the outbox names them."""
    import json
    import zipfile
    controller, panel = open_panel(gui)
    target = stick(gui, monkeypatch)
    dialog = fill_export(gui, panel)
    index = next(i for i in range(dialog.campaign.count()) if "襄交" in dialog.campaign.itemText(i))
    dialog.campaign.setCurrentIndex(index)
    box = dialog.campaign_files
    names = [m["name"] for m in box.required]
    assert len(names) == 2 and "回头看" in names[0]
    assert box.carried() == []                  # 正式表格 is unticked by fill_export
    assert box.states[names[0]].text() == "未附文件"
    dialog.materials["forms"].setChecked(True)
    assert box.carried() == names and box.states[names[1]].text() == "随正式表格附上"
    dialog.materials["forms"].setChecked(False)
    scan = gui.tmp_path / "回头看评估台账.pdf"
    scan.write_bytes(b"%PDF-1.4 scanned, signed on paper")
    monkeypatch.setattr(QFileDialog, "getOpenFileNames",
                        staticmethod(lambda *_a, **_k: ([str(scan)], "")))
    dialog.findChild(QPushButton, "material_add_0").click()
    assert box.states[names[0]].text() == "已附 1 个文件" and box.carried() == [names[0]]
    box.grab().save(str(gui.tmp_path / "campaign_files.png"))
    ok(dialog)
    pp = passphrase(gui, panel, DEMO_PASSWORD)
    assert "1 个文件" in pp.findChild(QLabel, "summary").text()
    gui.qtbot.waitUntil(lambda: panel.last_result is not None, timeout=WAIT * 3)
    result = panel.last_result
    with zipfile.ZipFile(target / result.path.name) as z:
        members = z.namelist()
        info = z.read(next(n for n in members if n.endswith("/bag-info.txt"))).decode()
    assert any(n.endswith("data/materials/01-2023年自查整改工作“回头看”清查评估台账（附件1）/回头看评估台账.pdf")
               for n in members)
    line = next(x for x in info.splitlines() if x.startswith("FieldLedger-Campaign-Materials:"))
    assert json.loads(line.split(":", 1)[1]) == [names[0]]
    gui.qtbot.waitUntil(lambda: panel.table.rowCount() == 1, timeout=WAIT)
    assert names[0] in cell(panel, 0, 3)
