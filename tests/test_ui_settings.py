"""GUI: the settings area by role (accounts, people) and audit verification from the GUI."""
from __future__ import annotations

import subprocess

import pytest
from PySide6.QtWidgets import QCheckBox, QComboBox, QTableWidget

from models import accounts
from models.errors import PermissionDenied
from ui.pages.accounts_panel import AccountDialog, AccountsPanel
from ui.pages.audit_panel import AuditPanel, verify_with_progress
from ui.pages.people_panel import PeoplePanel, PersonDialog
from ui_helpers import fill, press_ok, reopened


def _panel(window, kind):
    settings = window.area("settings")
    window.show_area("settings")
    panel = settings.findChild(kind)
    assert panel is not None, f"no {kind.__name__} in the settings area"
    settings.tabs.setCurrentWidget(panel)
    return panel


def _column(table: QTableWidget, col: int) -> list[str]:
    return [table.item(r, col).text() if table.item(r, col) else ""
            for r in range(table.rowCount())]


def _tab_titles(window) -> list[str]:
    tabs = window.area("settings").tabs
    return [tabs.tabText(i) for i in range(tabs.count())]


def test_officer_sees_no_account_management_and_the_core_refuses_anyway(gui):
    controller, window = gui.demo_window("officer")
    panel = _panel(window, AccountsPanel)
    gui.idle(controller)
    assert panel.table.isHidden() and panel.table.rowCount() == 0
    assert set(panel.buttons) == {"new", "roles", "toggle", "password", "unlock"}
    assert all(not b.isEnabled() for b in panel.buttons.values())
    assert not panel.note.isHidden() and panel.note.text() == "只有管理员可以管理账号。"

    people = _panel(window, PeoplePanel)
    gui.qtbot.waitUntil(lambda: people.table.rowCount() == 6, timeout=10_000)  # reading is allowed
    assert not people.add_button.isEnabled() and not people.edit_button.isEnabled()
    assert "李海龙" in _column(people.table, 0)
    assert "审计记录" not in _tab_titles(window)

    # Even if a button were enabled: the core itself refuses, reported on the GUI thread.
    with pytest.raises(PermissionDenied) as caught:
        gui.call(controller, accounts.create_account, controller.session, username="sneaky",
                 password="Sneaky#2024", roles=["admin"])
    assert "您没有权限执行“管理登录账号”" in str(caught.value)
    gui.close()
    with reopened(gui.data_dir) as store:
        assert not store.query("SELECT 1 FROM accounts WHERE username = 'sneaky'")


def test_admin_creates_an_account_through_the_dialog(gui):
    controller, window = gui.demo_window("admin")
    panel = _panel(window, AccountsPanel)
    gui.qtbot.waitUntil(lambda: panel.table.rowCount() == 5, timeout=10_000)
    assert not panel.table.isHidden() and panel.note.isHidden()
    assert all(b.isEnabled() for b in panel.buttons.values())
    assert "officer" in _column(panel.table, 0)

    def create(dialog: AccountDialog) -> None:
        fill(dialog, username="zhangqiang", password="Zhang#2024")
        combo = dialog.findChild(QComboBox)
        choices = [combo.itemText(i) for i in range(combo.count())]
        index = next(i for i, text in enumerate(choices) if text.startswith("张强"))
        assert not any(text.startswith("李海龙") for text in choices)  # already has an account
        combo.setCurrentIndex(index)
        dialog.findChild(QCheckBox, "role_officer").setChecked(True)
        press_ok(dialog)

    gui.modal.on_next(AccountDialog, create)
    panel.buttons["new"].click()          # returns once the dialog has been handled
    gui.modal.check()
    gui.qtbot.waitUntil(lambda: "zhangqiang" in _column(panel.table, 0), timeout=10_000)
    row = _column(panel.table, 0).index("zhangqiang")
    assert panel.table.item(row, 1).text() == "张强"
    assert panel.table.item(row, 2).text() == "执法队员"
    admin_actor = controller.session.actor
    assert gui.boxes.shown == []
    gui.close()

    with reopened(gui.data_dir) as store:
        account = store.query("SELECT a.*, p.name FROM accounts a JOIN people p"
                              " ON p.id = a.person_id WHERE username = 'zhangqiang'")
        assert [(a["roles"], a["name"], a["active"]) for a in account] == [("officer", "张强", 1)]
        entries = store.query("SELECT actor, action FROM audit_log WHERE tbl = 'accounts'"
                              " AND row_key = ?", (str(account[0]["id"]),))
        assert entries == [{"actor": admin_actor, "action": "insert"}]
        assert store.verify_audit().ok
    from models.session import login
    with reopened(gui.data_dir) as store:
        assert login(store, "zhangqiang", "Zhang#2024").person_name == "张强"


def test_chief_adds_a_person_through_the_dialog(gui):
    controller, window = gui.demo_window("chief")
    panel = _panel(window, PeoplePanel)
    gui.qtbot.waitUntil(lambda: panel.table.rowCount() == 6, timeout=10_000)
    assert panel.add_button.isEnabled()

    def add(dialog: PersonDialog) -> None:
        assert dialog.windowTitle() == "添加人员"
        fill(dialog, name="卓玛", title="执法队员", cert_no="63260021020", phone="13897561234")
        press_ok(dialog)

    gui.modal.on_next(PersonDialog, add)
    panel.add_button.click()
    gui.modal.check()
    gui.qtbot.waitUntil(lambda: "卓玛" in _column(panel.table, 0), timeout=10_000)
    row = _column(panel.table, 0).index("卓玛")
    assert [panel.table.item(row, c).text() for c in range(6)] == [
        "卓玛", "执法队员", "63260021020", "13897561234", "", "在岗"]
    account_id = controller.session.account_id
    assert gui.boxes.shown == []
    gui.close()

    with reopened(gui.data_dir) as store:
        person = store.query("SELECT * FROM people WHERE name = '卓玛'")
        assert len(person) == 1 and person[0]["cert_no"] == "63260021020"
        entries = store.query("SELECT actor, action FROM audit_log WHERE tbl = 'people'"
                              " AND row_key = ?", (str(person[0]["id"]),))
        assert entries == [{"actor": f"chief#{account_id}", "action": "insert"}]
        assert store.verify_audit().ok


def test_audit_verify_from_the_gui_finds_tampering(gui):
    boxes = gui.boxes
    controller, window = gui.demo_window("chief")
    audit = _panel(window, AuditPanel)
    gui.qtbot.waitUntil(lambda: audit.table.rowCount() > 0, timeout=10_000)
    assert audit.head.text().startswith("共 ")

    audit.verify_button.click()           # the real button: verify_with_progress on the worker
    gui.qtbot.waitUntil(lambda: bool(boxes.shown), timeout=10_000)
    assert [kind for kind, _t, _x in boxes.shown] == ["information"]
    title, text = boxes.of("information")[0]
    assert title == "审计链校验" and text.startswith("审计链完整")

    # Someone edits a person behind the app's back with the sqlite3 tool.
    result = subprocess.run(["sqlite3", str(gui.data_dir.database),
                             "UPDATE people SET phone = '13000000000' WHERE name = '李海龙';"],
                            capture_output=True, text=True, timeout=30)
    assert result.returncode == 0, result.stderr
    boxes.shown.clear()
    verify_with_progress(window, controller.worker, controller.session)
    gui.qtbot.waitUntil(lambda: bool(boxes.shown), timeout=10_000)
    assert [kind for kind, _t, _x in boxes.shown] == ["critical"]
    title, text = boxes.of("critical")[0]
    assert title == "审计链校验"
    assert text.startswith("审计链被破坏") and "序号" in text
    assert "表 people 的第" in text and "在程序之外被修改" in text
    assert "请立即报告负责人" in text
