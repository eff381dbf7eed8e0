"""GUI: 设置 → 专项行动: a chief creates and edits a campaign through the dialog; an officer may
only look."""
from __future__ import annotations

from typing import Any

import shiboken6
from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication, QLineEdit, QMessageBox, QTableWidget

from models import campaigns, problems
from ui.pages.campaign_dialog import CampaignDialog
from ui.pages.campaigns_panel import CampaignsPanel
from ui.pages.rows_editor import DateEdit, RowsEditor
from ui_helpers import WAIT, fill, press_ok, reopened

TITLE = "道路运输执法领域突出问题专项整治"
DOC_NO = "果交执法〔2024〕12号"


def _panel(window: Any) -> CampaignsPanel:
    settings = window.area("settings")
    window.show_area("settings")
    panel = settings.findChild(CampaignsPanel)
    assert panel is not None, "no CampaignsPanel in the settings area"
    settings.tabs.setCurrentWidget(panel)
    assert settings.tabs.tabText(settings.tabs.currentIndex()) == "专项行动"
    return panel


def _column(table: QTableWidget, col: int) -> list[str]:
    return [table.item(r, col).text() if table.item(r, col) else ""
            for r in range(table.rowCount())]


def _type(widget: Any, text: str) -> None:
    """Type ``text`` (Chinese too: QTest's key clicks know ASCII only) into ``widget``."""
    for char in text:
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            QApplication.sendEvent(widget, QKeyEvent(kind, 0, Qt.KeyboardModifier.NoModifier,
                                                     char))


def _type_new_row(qtbot: Any, editor: RowsEditor, text: str) -> int:
    """Click 添加 and type ``text`` into the new row's first cell, ending with Enter."""
    editor.add_button.click()
    row = editor.table.rowCount() - 1
    cell = editor.window().focusWidget()
    assert isinstance(cell, QLineEdit) and editor.table.isAncestorOf(cell)
    _type(cell, text)
    qtbot.keyClick(cell, Qt.Key.Key_Return)      # commits the cell, must not close the dialog
    qtbot.waitUntil(lambda: editor.table.item(row, 0).text() == text, timeout=WAIT)
    return row


def _set_cells(editor: RowsEditor, row: int, **values: str) -> None:
    keys = [c.key for c in editor.columns]
    for key, value in values.items():
        editor.table.item(row, keys.index(key)).setText(value)


def test_chief_creates_and_edits_a_campaign(gui):
    qtbot = gui.qtbot
    controller, window = gui.demo_window("chief")
    panel = _panel(window)
    qtbot.waitUntil(lambda: panel.table.rowCount() == 2, timeout=WAIT)
    assert panel.new_button.isEnabled() and panel.edit_button.isEnabled()
    assert panel.note.isHidden()

    def create(dialog: CampaignDialog) -> None:
        assert dialog.windowTitle() == "新建专项行动"
        dialog.title_edit.setFocus()
        _type(dialog.title_edit, TITLE)
        qtbot.keyClick(dialog.title_edit, Qt.Key.Key_Return)   # Enter moves on, never saves
        assert dialog.isVisible() and dialog.focusWidget() is dialog.doc_no
        fill(dialog, doc_no=DOC_NO, issuer="果洛州交通运输综合行政执法监督局")
        dialog.kind.setCurrentIndex(dialog.kind.findData("multi_year"))
        dialog.start_date.setFocus()
        qtbot.keyClicks(dialog.start_date, "20240501")
        dialog.end_date.set_iso("2024-04-30")                  # before the start: refused
        dialog.note.setPlainText("全州各站所参加。")
        _type_new_row(qtbot, dialog.categories, "逐利执法")
        _type_new_row(qtbot, dialog.categories, "执法不规范")
        row = _type_new_row(qtbot, dialog.phases, "自查自纠")
        _set_cells(dialog.phases, row, start_date="2024-05-16", deadline="2024-06-30",
                   note="对照清单逐项自查")
        row = _type_new_row(qtbot, dialog.materials, "自查报告")
        _set_cells(dialog.materials, row, due_date="2024-06-25", note="盖章扫描件")
        assert dialog.isVisible()

        press_ok(dialog)
        qtbot.waitUntil(lambda: dialog.message.isVisible(), timeout=WAIT)
        assert "结束日期不能早于开始日期" in dialog.message.text()
        assert dialog.isVisible() and dialog.result() == 0
        # nothing typed is lost
        assert dialog.title_edit.text() == TITLE and dialog.start_date.iso() == "2024-05-01"
        assert [r["name"] for r in dialog.categories.rows()] == ["逐利执法", "执法不规范"]
        assert dialog.phases.rows()[0]["deadline"] == "2024-06-30"

        dialog.end_date.set_iso("2024-11-30")
        press_ok(dialog)

    gui.modal.on_next(CampaignDialog, create)
    panel.new_button.click()               # returns when the dialog has closed
    gui.modal.check()
    qtbot.waitUntil(lambda: TITLE in _column(panel.table, 0), timeout=WAIT)
    row = _column(panel.table, 0).index(TITLE)
    assert panel.table.currentRow() == row           # the new campaign is selected
    assert [panel.table.item(row, c).text() for c in range(6)] == [
        TITLE, DOC_NO, "2024-05-01 至 2024-11-30", "2", "1", "1"]
    assert gui.boxes.shown == []

    cid = panel.current_id()
    c = gui.call(controller, campaigns.get_campaign, controller.session, cid)
    assert (c["doc_no"], c["issuer"], c["kind"], c["start_date"], c["end_date"], c["note"]) == (
        DOC_NO, "果洛州交通运输综合行政执法监督局", "multi_year", "2024-05-01", "2024-11-30",
        "全州各站所参加。")
    assert [x["name"] for x in c["categories"]] == ["逐利执法", "执法不规范"]
    assert [(x["name"], x["start_date"], x["deadline"], x["note"]) for x in c["phases"]] == [
        ("自查自纠", "2024-05-16", "2024-06-30", "对照清单逐项自查")]
    assert [(x["name"], x["due_date"], x["note"]) for x in c["materials"]] == [
        ("自查报告", "2024-06-25", "盖章扫描件")]

    # A problem is registered under 逐利执法; then the chief edits the campaign.
    changes = gui.call(controller, problems.create_problem, controller.session, campaign_id=cid,
                       category="逐利执法", issue="按月下达罚款任务")
    pid = int(next(iter(changes.rows["problems"])))
    phase_id = c["phases"][0]["id"]

    def edit(dialog: CampaignDialog) -> None:
        assert dialog.windowTitle() == "编辑专项行动"
        assert dialog.title_edit.text() == TITLE
        cats = dialog.categories
        assert _column(cats.table, 1) == ["1", ""]          # 已登记问题
        cats.table.setCurrentCell(0, 0)
        assert not cats.remove_button.isEnabled()           # used: cannot be removed
        assert "1 个问题" in cats.remove_button.toolTip()
        cats.table.item(0, 0).setText("逐利执法问题")         # rename in place
        cats.down_button.click()                            # and move it below 执法不规范
        assert _column(cats.table, 0) == ["执法不规范", "逐利执法问题"]
        row = _type_new_row(qtbot, dialog.phases, "整改提升")
        _set_cells(dialog.phases, row, start_date="2024-07-01", deadline="2024-10-31")
        press_ok(dialog)

    gui.modal.on_next(CampaignDialog, edit)
    panel.table.setCurrentCell(row, 0)
    panel.edit_button.click()              # loads the campaign, then opens the dialog
    qtbot.waitUntil(lambda: len(gui.modal.handled) == 2, timeout=WAIT)
    qtbot.waitUntil(lambda: not shiboken6.isValid(gui.modal.handled[1])
                    or gui.modal.handled[1].isHidden(), timeout=WAIT)
    gui.modal.check()
    qtbot.waitUntil(lambda: panel.table.item(_column(panel.table, 0).index(TITLE), 4).text()
                    == "2", timeout=WAIT)
    assert gui.boxes.shown == []
    actor = controller.session.actor
    gui.close()

    with reopened(gui.data_dir) as store:
        cats = store.query("SELECT id, name, position FROM campaign_categories"
                           " WHERE campaign_id = ? ORDER BY position", (cid,))
        assert [(x["name"], x["position"]) for x in cats] == [("执法不规范", 1), ("逐利执法问题", 2)]
        assert cats[1]["id"] == c["categories"][0]["id"]     # renamed in place
        assert store.query("SELECT category FROM problems WHERE id = ?", (pid,)) == [
            {"category": "逐利执法问题"}]
        phases = store.query("SELECT id, name, start_date, deadline FROM campaign_phases"
                             " WHERE campaign_id = ? ORDER BY position", (cid,))
        assert [(x["name"], x["start_date"], x["deadline"]) for x in phases] == [
            ("自查自纠", "2024-05-16", "2024-06-30"), ("整改提升", "2024-07-01", "2024-10-31")]
        assert phases[0]["id"] == phase_id                  # kept, not re-inserted
        renamed = store.query("SELECT actor, action FROM audit_log WHERE tbl = 'problems'"
                              " AND row_key = ? ORDER BY seq", (str(pid),))
        assert renamed[-1] == {"actor": actor, "action": "update"}
        assert store.verify_audit().ok


def test_enter_and_escape_keep_what_was_typed(gui, monkeypatch):
    """Enter in a table opens the cell editor; Escape with changes asks before discarding."""
    qtbot = gui.qtbot
    controller, window = gui.demo_window("chief")
    panel = _panel(window)
    qtbot.waitUntil(lambda: panel.table.rowCount() == 2, timeout=WAIT)
    asked: list[str] = []

    def keep_editing(_parent: Any, _title: str, text: str, *_a: Any) -> Any:
        asked.append(text)
        return QMessageBox.StandardButton.Cancel
    monkeypatch.setattr(QMessageBox, "question", staticmethod(keep_editing))

    def act(dialog: CampaignDialog) -> None:
        dialog.title_edit.setFocus()
        _type(dialog.title_edit, "春运执法保障专项行动")
        qtbot.keyClick(dialog.title_edit, Qt.Key.Key_Escape)
        assert asked == ["放弃尚未保存的修改？"] and dialog.isVisible()
        assert dialog.title_edit.text() == "春运执法保障专项行动"
        dialog.materials.add_row()
        qtbot.keyClick(dialog.focusWidget(), Qt.Key.Key_Escape)    # leaves the cell only
        assert dialog.isVisible() and len(asked) == 1
        table = dialog.materials.table
        table.setFocus()
        table.setCurrentCell(0, 1)
        qtbot.keyClick(table, Qt.Key.Key_Return)                  # opens the date editor
        editor = dialog.focusWidget()
        assert isinstance(editor, DateEdit) and editor.iso() is None and dialog.isVisible()
        qtbot.keyClicks(editor, "20240630")
        qtbot.keyClick(editor, Qt.Key.Key_Return)
        qtbot.waitUntil(lambda: table.item(0, 1).text() == "2024-06-30", timeout=WAIT)
        assert dialog.isVisible()
        dialog.reject()

    gui.modal.on_next(CampaignDialog, act)
    panel.new_button.click()
    gui.modal.check()
    gui.close()
    with reopened(gui.data_dir) as store:
        assert store.query("SELECT count(*) AS n FROM campaigns") == [{"n": 2}]


def test_officer_sees_campaigns_but_cannot_change_them(gui):
    controller, window = gui.demo_window("officer")
    panel = _panel(window)
    gui.qtbot.waitUntil(lambda: panel.table.rowCount() == 2, timeout=WAIT)
    assert "青交执法监法〔2023〕30号" in _column(panel.table, 1)
    assert not panel.new_button.isEnabled() and not panel.edit_button.isEnabled()
    assert not panel.note.isHidden()
    panel.table.setCurrentCell(0, 0)
    panel.edit()                           # double-click does nothing either
    gui.idle(controller)
    assert panel.findChild(CampaignDialog) is None
    assert not panel.edit_button.isEnabled()
