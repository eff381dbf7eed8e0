"""GUI: the decryption key section of 设置 → 签名密钥 (生成解密密钥…, the recipient with its copy
button, 导出接收公钥…, 交给另一位负责人…, a second key retiring the first, what a role without
``key.decryption`` sees) and the import dialog opening an encrypted package with the stored key
(the password typed in the dialog: missing, wrong, right; the key file as the alternative)."""
from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from conftest import login_as
from core_helpers import (
    OFFICE_PASSWORD,
    copy_installation,
    director,
    make_office,
    seal_enrollment,
)
from PySide6.QtWidgets import QApplication, QFileDialog, QMessageBox
from test_ui_keys import open_panel, run_dialog, shown, with_passphrase
from ui_helpers import WAIT, fill, make_demo, press_ok, reopened

from models import (
    accounts,
    enrollment,
    keys,
    office_keys,
    office_units,
    package_out,
    receipts,
)
from models.demo import DEMO_PASSWORD
from models.paths import DataDir
from models.session import login
from models.store import open_store
from ui.pages.office_import_dialog import ImportDialog
from ui.pages.office_panel import OfficePanel
from ui.pages.passphrase_dialog import PassphraseDialog

DECRYPTION_BUTTONS = {"create_decryption", "export_recipient", "give_decryption"}


def test_section_create_copy_export_give_and_renew(gui: Any, tmp_path: Path,
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    make_demo(gui.data_dir)
    with reopened(gui.data_dir) as store:
        accounts.set_roles(login(store, "admin", DEMO_PASSWORD),
                           login(store, "officer2", DEMO_PASSWORD).account_id, ["chief"])
    controller = gui.start()
    window = gui.login(controller, "chief")
    panel = open_panel(gui, controller, window)
    section = panel.decryption
    assert section.isVisible() and section.title() == "解密密钥（接收加密报送包）"
    assert "自动得到接收公钥" in section.findChild(type(section.note), "decryption_explain").text()
    gui.qtbot.waitUntil(lambda: section.note.isVisible(), timeout=WAIT)
    assert shown(panel) & DECRYPTION_BUTTONS == {"create_decryption"}
    assert section.recipient.text() == "" and not section.copy_button.isVisible()

    run_dialog(gui, panel.buttons["create_decryption"], with_passphrase())
    gui.qtbot.waitUntil(lambda: section.recipient.text().startswith("age1"), timeout=WAIT)
    first = section.recipient.text()
    assert office_keys.is_recipient(first)
    assert "状态：有效" in section.state.text() and "持有人：才让东智" in section.state.text()
    assert shown(panel) & DECRYPTION_BUTTONS == DECRYPTION_BUTTONS
    assert any("重新导出登记文件" in t for _ti, t in gui.boxes.of("information"))

    section.copy_button.click()
    assert QApplication.clipboard().text() == first
    assert section.copy_button.text() == "已复制"
    gui.qtbot.waitUntil(lambda: section.copy_button.text() == "复制", timeout=WAIT)

    out = tmp_path / "导出"
    out.mkdir()
    monkeypatch.setattr(QFileDialog, "getSaveFileName",
                        staticmethod(lambda *a, **k: (str(out / "大武站接收公钥"), "")))
    panel.buttons["export_recipient"].click()
    target = out / "大武站接收公钥.txt"
    gui.qtbot.waitUntil(target.exists, timeout=WAIT)
    assert package_out.parse_recipients(target.read_text(encoding="utf-8")) == [first]
    gui.qtbot.waitUntil(lambda: any("已导出接收公钥" in t for _ti, t in
                                    gui.boxes.of("information")), timeout=WAIT)

    def give(dialog: PassphraseDialog) -> None:
        assert dialog.windowTitle() == "交给另一位负责人"
        fill(dialog, other_username="officer2", other_password=DEMO_PASSWORD,
             passphrase=DEMO_PASSWORD)
        press_ok(dialog)

    run_dialog(gui, panel.buttons["give_decryption"], give)
    gui.qtbot.waitUntil(lambda: "索南扎西" in section.state.text(), timeout=WAIT)
    assert ("交给另一位负责人", "解密密钥已交给对方。") in gui.boxes.of("information")

    # a second key: asked first, then the old one is retired and counted
    asked: list[str] = []

    def yes(_parent: Any, _title: str, text: str, *_a: Any, **_k: Any) -> Any:
        asked.append(text)
        return QMessageBox.StandardButton.Yes
    monkeypatch.setattr(QMessageBox, "question", staticmethod(yes))
    run_dialog(gui, panel.buttons["create_decryption"], with_passphrase())
    gui.qtbot.waitUntil(lambda: section.recipient.text() not in ("", first), timeout=WAIT)
    assert asked and "现有密钥停用" in asked[0]
    assert "另有 1 个已停用的旧解密密钥" in section.state.text()
    panel.grab().save(str(tmp_path / "keys-panel.png"))
    gui.close()
    with reopened(gui.data_dir) as store:
        rows = store.query("SELECT status, (SELECT count(*) FROM decryption_key_holders h"
                           " WHERE h.decryption_key_id = k.id) AS n FROM decryption_keys k"
                           " ORDER BY id")
        assert [(r["status"], r["n"]) for r in rows] == [("retired", 2), ("active", 1)]
        assert store.verify_audit().ok


def test_others_do_not_see_the_section(gui: Any) -> None:
    make_demo(gui.data_dir)
    with reopened(gui.data_dir) as store:
        office_keys.create_decryption_key(login(store, "chief", DEMO_PASSWORD), DEMO_PASSWORD)
    controller = gui.start()
    window = gui.login(controller, "admin")
    panel = open_panel(gui, controller, window)
    assert not panel.decryption.isVisible()
    assert not shown(panel) & DECRYPTION_BUTTONS


def test_a_chief_without_a_copy(gui: Any) -> None:
    make_demo(gui.data_dir)
    with reopened(gui.data_dir) as store:
        accounts.set_roles(login(store, "admin", DEMO_PASSWORD),
                           login(store, "officer2", DEMO_PASSWORD).account_id, ["chief"])
        office_keys.create_decryption_key(login(store, "chief", DEMO_PASSWORD), DEMO_PASSWORD)
    controller = gui.start()
    window = gui.login(controller, "officer2")
    panel = open_panel(gui, controller, window)
    gui.qtbot.waitUntil(lambda: panel.decryption.recipient.text().startswith("age1"),
                        timeout=WAIT)
    assert shown(panel) & DECRYPTION_BUTTONS == {"export_recipient"}
    assert "您尚未持有解密密钥" in panel.decryption.note.text()


# --- the import dialog ---------------------------------------------------------------------------

@pytest.fixture
def encrypted_package(gui: Any, signed_template: DataDir, tmp_path: Path) -> Path:
    """The GUI's demo is the office: its chief holds the seal key and a decryption key and has
    registered the station; the station registered the office from its enrollment file and
    wrote an encrypted package."""
    make_demo(gui.data_dir)
    station = open_store(copy_installation(signed_template, DataDir(tmp_path / "station")))
    stick = tmp_path / "U盘"
    stick.mkdir()
    try:
        with reopened(gui.data_dir) as office:
            boss = login(office, "chief", DEMO_PASSWORD)
            keys.create_seal_key(boss, DEMO_PASSWORD)
            office_keys.create_decryption_key(boss, DEMO_PASSWORD)
            chief = login_as(station, "chief")
            office_units.register_unit(boss, enrollment.enrollment_file(
                chief, keys.held_seal_key(chief), DEMO_PASSWORD))
            receipts.set_office(chief, enrollment.enrollment_file(
                boss, keys.held_seal_key(boss), DEMO_PASSWORD))
        exported = package_out.export_package(login_as(station, "chief"), stick, DEMO_PASSWORD,
                                              materials=("ledger", "audit"))
        assert exported.encrypted
        return exported.path
    finally:
        station.close()


def open_office(gui: Any) -> tuple[Any, OfficePanel]:
    """The office's 接收下级报送 tab, as its chief (the demo already made)."""
    controller = gui.start()
    window = gui.login(controller, "chief")
    window.show_area("submission")
    area = window.area("submission")
    panel = area.findChild(OfficePanel)
    area.tabs.setCurrentWidget(panel)
    gui.idle(controller)
    return controller, panel


def open_dialog(gui: Any, panel: Any, paths: list[Path],
                monkeypatch: pytest.MonkeyPatch) -> ImportDialog:
    monkeypatch.setattr(QFileDialog, "getOpenFileNames",
                        staticmethod(lambda *a, **k: ([str(p) for p in paths], "")))
    panel.buttons["import_files"].click()
    dialog = panel.import_dialog
    assert dialog is not None and dialog.isVisible()
    gui.qtbot.waitUntil(lambda: dialog.stored_key, timeout=WAIT)
    return dialog


def verify_fails(gui: Any, dialog: ImportDialog) -> str:
    dialog.verify_button.click()
    gui.qtbot.waitUntil(lambda: dialog.message.isVisible(), timeout=WAIT)
    assert dialog.passphrase.text() == "" and not dialog.reports
    return dialog.message.text()


def test_import_dialog_uses_the_stored_key(gui: Any, encrypted_package: Path, tmp_path: Path,
                                           monkeypatch: pytest.MonkeyPatch) -> None:
    controller, panel = open_office(gui)
    dialog = open_dialog(gui, panel, [encrypted_package], monkeypatch)
    assert dialog.identity.text() == "使用本机解密密钥（需输入登录密码）"
    assert dialog.passphrase_row.isVisible() and not dialog.use_stored_button.isVisible()
    dialog.grab().save(str(tmp_path / "import-dialog.png"))

    assert "请输入登录密码" in verify_fails(gui, dialog)
    dialog.passphrase.setText("not-my-password")
    assert verify_fails(gui, dialog) == "解密密钥的口令（即您的登录密码）不正确，未解密任何内容。"

    # the key file as the alternative, and back
    key_file = tmp_path / "other-key.txt"
    key_file.write_text("AGE-SECRET-KEY-1QQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQ"
                        "\n", encoding="ascii")
    monkeypatch.setattr(QFileDialog, "getOpenFileName",
                        staticmethod(lambda *a, **k: (str(key_file), "")))
    dialog.findChild(type(dialog.verify_button), "choose_identity").click()
    assert dialog.identity.text() == str(key_file)
    assert not dialog.passphrase_row.isVisible() and dialog.use_stored_button.isVisible()
    dialog.use_stored_button.click()
    assert dialog.identity.text().startswith("使用本机解密密钥") and dialog.passphrase_row.isVisible()

    dialog.passphrase.setText(DEMO_PASSWORD)
    dialog.verify_button.click()
    gui.qtbot.waitUntil(lambda: len(dialog.reports) == 1, timeout=WAIT * 3)
    assert not dialog.message.isVisible()
    report = dialog.reports[0][1]
    assert not isinstance(report, str) and report.importable and report.encrypted
    assert "检查通过，可以导入" in dialog.report.toPlainText()
    assert dialog.passphrase.text() == DEMO_PASSWORD       # typed once for verify and import
    dialog.import_button.click()
    gui.qtbot.waitUntil(lambda: bool(dialog.results), timeout=WAIT * 3)
    gui.idle(controller)
    assert [text for _p, text, _c in dialog.results] == ["已导入"]
    assert dialog.passphrase.text() == ""                  # forgotten after the import
    gui.qtbot.waitUntil(lambda: panel.packages_table.rowCount() == 1, timeout=WAIT)
    dialog.close()


def test_without_a_stored_key_the_dialog_is_as_before(gui: Any,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    make_demo(gui.data_dir)
    controller, panel = open_office(gui)
    monkeypatch.setattr(QFileDialog, "getOpenFileNames",
                        staticmethod(lambda *a, **k: (["/nonexistent/x.flpkg"], "")))
    panel.buttons["import_files"].click()
    dialog = panel.import_dialog
    gui.idle(controller)
    assert not dialog.stored_key and dialog.identity.text() == ""
    assert not dialog.passphrase_row.isVisible() and not dialog.use_stored_button.isVisible()
    dialog.close()


# --- the station: registering the office is enough -------------------------------------------

def test_station_registering_the_office_gets_its_recipients(gui: Any, tmp_path: Path,
                                                            monkeypatch: pytest.MonkeyPatch
                                                            ) -> None:
    office = make_office(tmp_path / "office")
    try:
        boss = director(office)
        office_keys.create_decryption_key(boss, OFFICE_PASSWORD)
        recipients = office_keys.active_recipients(office)
        path = tmp_path / "果洛州支队-单位签章密钥登记文件.json"
        path.write_text(seal_enrollment(boss, OFFICE_PASSWORD), encoding="utf-8")
    finally:
        office.close()
    controller, window = gui.demo_window("chief")
    window.show_area("submission")
    panel = window.area("submission").station
    gui.idle(controller)
    assert "尚未设置上级接收密钥" in panel.recipients_state.text()
    monkeypatch.setattr(QFileDialog, "getOpenFileName",
                        staticmethod(lambda *a, **k: (str(path), "")))
    monkeypatch.setattr(QMessageBox, "question",
                        staticmethod(lambda *a, **k: QMessageBox.StandardButton.Yes))
    panel.office_button.click()
    gui.qtbot.waitUntil(lambda: "已设置 1 个上级接收密钥" in panel.recipients_state.text(),
                        timeout=WAIT)
    assert gui.call(controller, lambda s: package_out.office_recipients(s), controller.store) \
        == recipients
