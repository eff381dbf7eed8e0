"""GUI: 设置 → 签名密钥 with real widgets: creating a key (a wrong passphrase keeps the dialog
open with the message), rotation, exporting the public key and the enrollment file, signing a
file (checked with the real minisign), giving the seal key to a second chief, revocations, and
what each role sees."""
from __future__ import annotations

import re
from pathlib import Path
from typing import Any, Callable

from PySide6.QtWidgets import QFileDialog, QLabel, QMessageBox, QTableWidget

from models import accounts, enrollment, keys, minisign
from models.demo import DEMO_PASSWORD
from models.session import login
from test_minisign import run_minisign
from ui.pages.keys_panel import KeysPanel
from ui.pages.passphrase_dialog import PassphraseDialog
from ui_helpers import WAIT, fill, make_demo, press_ok, reopened

FINGERPRINT = re.compile(r"[A-Z2-7]{4}(-[A-Z2-7]{4}){3}")


def open_panel(gui: Any, controller: Any, window: Any) -> KeysPanel:
    settings = window.area("settings")
    window.show_area("settings")
    panel = settings.findChild(KeysPanel)
    assert panel is not None
    settings.tabs.setCurrentWidget(panel)
    assert settings.tabs.tabText(settings.tabs.currentIndex()) == "签名密钥"
    titles = [settings.tabs.tabText(i) for i in range(settings.tabs.count())]
    assert titles.index("签名密钥") == titles.index("检查模板") + 1
    gui.idle(controller)
    return panel


def column(table: QTableWidget, col: int) -> list[str]:
    return [table.item(r, col).text() if table.item(r, col) else ""
            for r in range(table.rowCount())]


def shown(panel: KeysPanel) -> set[str]:
    return {name for name, button in panel.buttons.items() if not button.isHidden()}


def with_passphrase(passphrase: str = DEMO_PASSWORD, **fields: str) -> Callable[[Any], None]:
    """A modal action: type ``fields`` and the passphrase, press the OK button."""
    def act(dialog: PassphraseDialog) -> None:
        fill(dialog, **fields, passphrase=passphrase)
        press_ok(dialog)
    return act


def run_dialog(gui: Any, button: Any, action: Callable[[Any], None]) -> None:
    gui.modal.on_next(PassphraseDialog, action)
    button.click()              # returns once the dialog has closed
    gui.modal.check()


def test_create_key_wrong_passphrase_stays_open(gui: Any) -> None:
    controller, window = gui.demo_window("officer")
    panel = open_panel(gui, controller, window)
    assert shown(panel) & {"create_own", "create_seal", "give_seal"} == {"create_own"}
    assert panel.own_box.fingerprint.text() == "尚未生成"
    assert "export_seal_pub" not in shown(panel)      # no seal key yet
    seen: dict[str, Any] = {}

    def wrong_then_right(dialog: PassphraseDialog) -> None:
        assert dialog.windowTitle() == "生成签名密钥" and dialog.ok_button.text() == "生成"
        assert "李海龙" in dialog.intro.text()
        assert "签名口令（登录密码）" in [w.text() for w in dialog.findChildren(QLabel)]
        fill(dialog, passphrase="not-my-password")
        press_ok(dialog)
        seen["busy"] = not dialog.buttons.isEnabled() and not dialog.passphrase.isEnabled()
        gui.qtbot.waitUntil(lambda: dialog.message.isVisible(), timeout=WAIT)
        seen["message"] = dialog.message.text()
        seen["open"] = dialog.isVisible() and dialog.buttons.isEnabled()
        seen["cleared"] = dialog.passphrase.text() == ""
        fill(dialog, passphrase=DEMO_PASSWORD)
        press_ok(dialog)

    run_dialog(gui, panel.buttons["create_own"], wrong_then_right)
    assert seen == {"busy": True, "open": True, "cleared": True,
                    "message": "签名密钥的口令（即您的登录密码）不正确，未签署任何内容。"}
    gui.qtbot.waitUntil(lambda: FINGERPRINT.fullmatch(panel.own_box.fingerprint.text())
                        is not None, timeout=WAIT)
    assert "状态：有效" in panel.own_box.state.text()
    assert {"rotate_own", "revoke_own", "export_own_pub", "export_own_enrollment",
            "sign_own"} <= shown(panel) and "create_own" not in shown(panel)
    assert column(panel.keys_table, 1) == ["李海龙"]
    assert column(panel.keys_table, 2) == [panel.own_box.fingerprint.text()]


def test_rotate_export_and_sign(gui: Any, tmp_path: Path, monkeypatch: Any) -> None:
    controller, window = gui.demo_window("officer")
    gui.call(controller, keys.create_own_key, controller.session, DEMO_PASSWORD)
    panel = open_panel(gui, controller, window)
    gui.qtbot.waitUntil(lambda: panel.own is not None, timeout=WAIT)
    first = panel.own_box.fingerprint.text()

    # rotation asks a reason; the statement appears with its signature checked
    run_dialog(gui, panel.buttons["rotate_own"], with_passphrase(reason="定期更换"))
    gui.qtbot.waitUntil(lambda: panel.own_box.fingerprint.text() != first, timeout=WAIT)
    second = panel.own_box.fingerprint.text()
    gui.qtbot.waitUntil(lambda: panel.statements_table.rowCount() == 1, timeout=WAIT)
    assert [panel.statements_table.item(0, c).text() for c in (1, 2, 3, 4)] == [
        "更换", f"{first} → {second}", "签名有效", "定期更换"]
    assert sorted(column(panel.keys_table, 3)) == ["已更换（停用）", "有效"]
    assert any("密钥已更换" in text for _t, text in gui.boxes.of("information"))

    # the public key, as a .pub file (the suffix is added)
    out = tmp_path / "导出"
    out.mkdir()
    monkeypatch.setattr(QFileDialog, "getSaveFileName",
                        staticmethod(lambda *a, **k: (str(out / "李海龙"), "")))
    panel.buttons["export_own_pub"].click()
    pub = out / "李海龙.pub"
    gui.qtbot.waitUntil(pub.exists, timeout=WAIT)
    assert second in pub.read_text(encoding="utf-8")
    gui.qtbot.waitUntil(lambda: any("已导出公钥" in t for _ti, t in gui.boxes.of("information")),
                        timeout=WAIT)

    # the enrollment file, signed with the passphrase
    target = out / "登记文件.json"
    monkeypatch.setattr(QFileDialog, "getSaveFileName",
                        staticmethod(lambda *a, **k: (str(target), "")))
    run_dialog(gui, panel.buttons["export_own_enrollment"], with_passphrase())
    doc = enrollment.read_enrollment(target.read_bytes())
    assert doc["key"]["fingerprint"] == second
    assert [k["fingerprint"] for k in doc["predecessors"]] == [first]
    assert any(second in t and "登记文件" in t for _ti, t in gui.boxes.of("information"))

    # signing a file; the message tells how to check it, and minisign agrees
    data = out / "第一阶段整改报告.docx"
    data.write_bytes(b"PK\x03\x04" + "整改情况".encode("utf-8") * 1000)
    monkeypatch.setattr(QFileDialog, "getOpenFileName",
                        staticmethod(lambda *a, **k: (str(data), "")))

    def sign(dialog: PassphraseDialog) -> None:
        assert str(data) + ".minisig" in dialog.findChild(QLabel, "sign_target").text()
        with_passphrase()(dialog)

    run_dialog(gui, panel.buttons["sign_own"], sign)
    signature = Path(f"{data}.minisig")
    assert signature.exists()
    text = gui.boxes.of("information")[-1][1]
    assert str(signature) in text and 'minisign -Vm "第一阶段整改报告.docx" -p' in text
    result = run_minisign("-Vm", data, "-p", pub)
    assert result.returncode == 0, result.stderr
    assert "file:第一阶段整改报告.docx" in result.stdout


def test_chief_gives_the_seal_key_and_revokes(gui: Any, monkeypatch: Any) -> None:
    make_demo(gui.data_dir)
    with reopened(gui.data_dir) as store:
        admin = login(store, "admin", DEMO_PASSWORD)
        accounts.set_roles(admin, login(store, "officer2", DEMO_PASSWORD).account_id, ["chief"])
        keys.create_own_key(login(store, "officer", DEMO_PASSWORD), DEMO_PASSWORD)
    controller = gui.start()
    window = gui.login(controller, "chief")
    panel = open_panel(gui, controller, window)
    gui.qtbot.waitUntil(lambda: panel.keys_table.rowCount() == 1, timeout=WAIT)
    assert {"create_own", "create_seal"} <= shown(panel)
    assert panel.buttons["revoke_person"].isVisible()

    run_dialog(gui, panel.buttons["create_seal"], with_passphrase())
    gui.qtbot.waitUntil(lambda: panel.seal is not None, timeout=WAIT)
    assert {"rotate_seal", "revoke_seal", "export_seal_pub", "export_seal_enrollment",
            "sign_seal", "give_seal"} <= shown(panel)
    assert "持有人：才让东智" in panel.seal_box.state.text()
    seen: dict[str, str] = {}

    def give(dialog: PassphraseDialog) -> None:
        fill(dialog, other_username="officer2", other_password="wrong-password",
             passphrase=DEMO_PASSWORD)
        press_ok(dialog)
        gui.qtbot.waitUntil(lambda: dialog.message.isVisible(), timeout=WAIT)
        seen["message"] = dialog.message.text()
        fill(dialog, other_password=DEMO_PASSWORD, passphrase=DEMO_PASSWORD)
        press_ok(dialog)

    run_dialog(gui, panel.buttons["give_seal"], give)
    assert seen["message"] == "用户名或密码不正确。"
    gui.qtbot.waitUntil(lambda: "索南扎西" in panel.seal_box.state.text(), timeout=WAIT)
    assert ("交给另一位负责人", "单位签章密钥已交给对方。") in gui.boxes.of("information")

    # revoke the officer's key with the seal key
    row = column(panel.keys_table, 1).index("李海龙")
    panel.keys_table.setCurrentCell(row, 0)
    assert panel.buttons["revoke_person"].isEnabled()
    monkeypatch.setattr(QMessageBox, "question",
                        staticmethod(lambda *a, **k: QMessageBox.StandardButton.Yes))
    run_dialog(gui, panel.buttons["revoke_person"], with_passphrase(reason="调离本单位"))
    gui.qtbot.waitUntil(lambda: "已吊销" in column(panel.keys_table, 3), timeout=WAIT)
    assert panel.statements_table.item(0, 1).text() == "吊销"
    assert panel.statements_table.item(0, 3).text() == "签名有效"
    assert panel.statements_table.item(0, 4).text() == "调离本单位（以单位签章密钥签署）"

    # the chief's own key: created, then revoked by itself
    run_dialog(gui, panel.buttons["create_own"], with_passphrase())
    gui.qtbot.waitUntil(lambda: panel.own is not None, timeout=WAIT)
    revoked = panel.own_box.fingerprint.text()
    run_dialog(gui, panel.buttons["revoke_own"], with_passphrase(reason="密钥可能泄露"))
    gui.qtbot.waitUntil(lambda: panel.own is None, timeout=WAIT)
    assert panel.own_box.fingerprint.text() == "尚未生成"
    assert f"上一个密钥 {revoked} 已吊销" in panel.own_box.state.text()
    assert "create_own" in shown(panel)
    gui.close()
    with reopened(gui.data_dir) as store:
        holders = store.query("SELECT a.username FROM key_holders h JOIN accounts a"
                              " ON a.id = h.account_id JOIN signing_keys k"
                              " ON k.id = h.signing_key_id WHERE k.kind = 'seal'")
        assert sorted(h["username"] for h in holders) == ["chief", "officer2"]
        assert store.verify_audit().ok


def test_cancelled_revocation_changes_nothing(gui: Any) -> None:
    controller, window = gui.demo_window("officer")
    gui.call(controller, keys.create_own_key, controller.session, DEMO_PASSWORD)
    panel = open_panel(gui, controller, window)
    gui.qtbot.waitUntil(lambda: panel.own is not None, timeout=WAIT)
    panel.buttons["revoke_own"].click()     # the question is answered 取消 (ui_helpers.Boxes)
    assert gui.boxes.of("question") and panel.own is not None
    assert gui.call(controller, keys.list_statements, controller.session) == []


def test_what_others_see(gui: Any) -> None:
    make_demo(gui.data_dir)
    with reopened(gui.data_dir) as store:
        keys.create_seal_key(login(store, "chief", DEMO_PASSWORD), DEMO_PASSWORD)
    controller = gui.start()
    window = gui.login(controller, "admin")
    panel = open_panel(gui, controller, window)
    gui.qtbot.waitUntil(lambda: panel.seal is not None, timeout=WAIT)
    assert shown(panel) == {"export_seal_pub", "export_selected_pub"}
    assert "您的角色不需要" in panel.own_box.note.text()
    assert "由负责人保管" in panel.seal_box.note.text()
    assert FINGERPRINT.fullmatch(panel.seal_box.fingerprint.text())
    assert not panel.buttons["revoke_person"].isVisible()


def test_account_without_a_person(gui: Any) -> None:
    make_demo(gui.data_dir)
    with reopened(gui.data_dir) as store:
        accounts.create_account(login(store, "admin", DEMO_PASSWORD), username="duty",
                                password=DEMO_PASSWORD, roles=["officer"], person_id=None)
    controller = gui.start()
    window = gui.login(controller, "duty")
    panel = open_panel(gui, controller, window)
    gui.qtbot.waitUntil(lambda: panel.own_box.note.isVisible(), timeout=WAIT)
    assert "未关联人员" in panel.own_box.note.text()
    assert not shown(panel) & {"create_own", "sign_own", "export_own_pub"}


def test_dialog_contract(gui: Any) -> None:
    """The dialog other signing steps use: result kept, passphrase never kept, unexpected errors
    to the error box with the dialog still open."""
    controller, window = gui.demo_window("officer")
    panel = open_panel(gui, controller, window)
    calls: list[str] = []

    def action(session: Any, passphrase: str) -> str:
        calls.append(passphrase)
        if passphrase == "boom":
            raise RuntimeError("unexpected")
        return f"signed by {session.username}"

    body = QLabel("要签署的内容")
    dialog = PassphraseDialog(panel, title="审核", intro="核对后签署。", button_text="签署",
                              action=action, body=body)
    dialog.show()
    assert dialog.passphrase.echoMode() == dialog.passphrase.EchoMode.Password
    assert dialog.passphrase.objectName() == "passphrase" and body.parent() is dialog
    fill(dialog, passphrase="boom")
    press_ok(dialog)
    gui.qtbot.waitUntil(lambda: bool(gui.boxes.of("warning")), timeout=WAIT)
    assert dialog.isVisible() and not dialog.message.isVisible()
    fill(dialog, passphrase="secret-1")
    press_ok(dialog)
    gui.qtbot.waitUntil(lambda: not dialog.isVisible(), timeout=WAIT)
    assert dialog.result() == dialog.DialogCode.Accepted
    assert dialog.result_value == "signed by officer" and calls == ["boom", "secret-1"]
    assert dialog.passphrase.text() == ""
    assert "secret-1" not in [v for v in vars(dialog).values() if isinstance(v, str)]
    dialog.deleteLater()


def test_public_key_export_matches_the_core(gui: Any, tmp_path: Path, monkeypatch: Any) -> None:
    """Anyone exports a listed key's public key from the table."""
    make_demo(gui.data_dir)
    with reopened(gui.data_dir) as store:
        officer = login(store, "officer", DEMO_PASSWORD)
        keys.create_own_key(officer, DEMO_PASSWORD)
        key_id = keys._active_key(store, "person", person_id=officer.person_id)
        expected = enrollment.public_key_file(officer, key_id)
    controller = gui.start()
    window = gui.login(controller, "reviewer")
    panel = open_panel(gui, controller, window)
    gui.qtbot.waitUntil(lambda: panel.keys_table.rowCount() == 1, timeout=WAIT)
    assert not panel.buttons["export_selected_pub"].isEnabled()
    panel.keys_table.setCurrentCell(0, 0)
    target = tmp_path / "officer.pub"
    monkeypatch.setattr(QFileDialog, "getSaveFileName",
                        staticmethod(lambda *a, **k: (str(target), "")))
    panel.buttons["export_selected_pub"].click()
    gui.qtbot.waitUntil(target.exists, timeout=WAIT)
    assert target.read_text(encoding="utf-8") == expected
    assert minisign.parse_public_key(expected)
