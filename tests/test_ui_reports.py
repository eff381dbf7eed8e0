"""GUI: 其他台账 → 工作简报, 工作调度表 and 案件统计, and the 报送提醒 on the 工作台, with real widgets
offscreen on the demo. What the widgets show is compared with the database read on a second
connection (WAL allows it)."""
from __future__ import annotations

import calendar
from datetime import date
from pathlib import Path
from typing import Any

from PySide6.QtWidgets import QInputDialog, QListWidget
from report_helpers import photo
from ui_helpers import WAIT

from models import campaigns
from models.months import label, month_of
from models.store import open_store
from ui.pages.report_widgets import set_month


def _db(gui: Any) -> Any:
    return open_store(gui.data_dir)


def _tab(gui: Any, username: str, key: str) -> tuple[Any, Any, Any]:
    controller, window = gui.demo_window(username)
    window.resize(1280, 800)
    window.show_area("ledgers")
    page = window.area("ledgers").tab(key)
    gui.idle(controller)
    return controller, window, page


def test_briefs_tab(gui: Any, tmp_path: Path, monkeypatch: Any) -> None:
    controller, _window, page = _tab(gui, "chief", "briefs")
    qtbot = gui.qtbot
    qtbot.waitUntil(lambda: page.table.rowCount() == 3 and page.brief is not None, timeout=WAIT)
    assert [page.table.item(r, 0).text() for r in range(3)] == ["2023-07", "2023-06", "2023-05"]
    assert page.brief["title"] == "第一批突出问题整治取得阶段成效"      # the newest, a draft
    assert page.final_button.isVisible() and page.final_button.isEnabled()
    assert not page.reopen_button.isEnabled()

    page.new_button.click()
    this_month = month_of(date.today())
    qtbot.waitUntil(lambda: page.table.rowCount() == 4 and page.brief is not None
                    and page.brief["period"] == this_month, timeout=WAIT)
    assert page.title_edit.text() == f"工作简报（{label(this_month)}）"
    brief_id = page.brief["id"]
    page.title_edit.setText("大武超限检测站本月工作")
    page.body.setPlainText("组织集中学习一次。\n开展路面巡查12次。")
    assert page.is_modified()
    page.save_button.click()
    gui.idle(controller)
    store = _db(gui)
    try:
        assert store.conn.execute("SELECT title, body FROM briefs WHERE id = ?",
                                  (brief_id,)).fetchone() == ("大武超限检测站本月工作",
                                                              "组织集中学习一次。\n开展路面巡查12次。")
    finally:
        store.close()

    page.add_photos([str(photo(tmp_path, "巡查.png"))])
    qtbot.waitUntil(lambda: page.photos.count() == 1, timeout=WAIT)
    page.photos.setCurrentRow(0)
    monkeypatch.setattr(QInputDialog, "getText", staticmethod(
        lambda *_a, **_k: ("路面巡查", True)))
    page.caption_button.click()
    qtbot.waitUntil(lambda: page.photos.count() == 1
                    and page.photos.item(0).text() == "图1 路面巡查", timeout=WAIT)
    qtbot.waitUntil(lambda: not page._thumbs, timeout=WAIT)            # the thumbnail decoded

    page.final_button.click()
    qtbot.waitUntil(lambda: page.brief is not None and page.brief["status"] == "final",
                    timeout=WAIT)
    assert page.title_edit.isReadOnly() and page.body.isReadOnly()
    assert not page.add_photo_button.isEnabled() and page.reopen_button.isEnabled()
    row = next(r for r in range(page.table.rowCount())
               if page.table.item(r, 2).text() == "大武超限检测站本月工作")
    assert page.table.item(row, 3).text() == "已定稿"
    page.grab().save(str(tmp_path / "briefs.png"))
    assert gui.boxes.shown == []


def test_an_officer_writes_but_does_not_finalise(gui: Any) -> None:
    controller, _window, page = _tab(gui, "officer", "briefs")
    gui.qtbot.waitUntil(lambda: page.brief is not None, timeout=WAIT)
    assert page.final_button.isHidden() and page.reopen_button.isHidden()
    assert page.save_button.isEnabled()                  # the newest brief is a draft
    assert "负责人审核定稿" in page.message.text()
    # moving to another brief saves what was typed
    page.body.setPlainText("改写后的正文。")
    draft = page.brief["id"]
    page.table.selectRow(1)
    gui.qtbot.waitUntil(lambda: page.brief is not None and page.brief["id"] != draft,
                        timeout=WAIT)
    gui.idle(controller)
    store = _db(gui)
    try:
        assert store.conn.execute("SELECT body FROM briefs WHERE id = ?",
                                  (draft,)).fetchone()[0] == "改写后的正文。"
    finally:
        store.close()
    assert not page.save_button.isEnabled()              # June's brief is final


def _cells(page: Any, column: int) -> list[str]:
    table = page.editor.table
    return [table.item(r, column).text() for r in range(table.rowCount())]


def test_schedule_tab(gui: Any) -> None:
    controller, _window, page = _tab(gui, "officer", "schedule")
    qtbot = gui.qtbot
    # the demo's latest table: the Qinghai 2023 campaign, July 2023
    qtbot.waitUntil(lambda: page.scope is not None and page.editor.table.rowCount() == 6,
                    timeout=WAIT)
    assert page.scope.month == "2023-07" and not page.copy_button.isEnabled()
    months = page.findChild(QListWidget, "schedule_months")
    assert [months.item(i).text().split("　")[0] for i in range(months.count())] == [
        "2023-07", "2023-06"]
    set_month(page.month, "2023-08")
    qtbot.waitUntil(lambda: page.scope.month == "2023-08", timeout=WAIT)
    assert page.editor.table.rowCount() == 0 and page.copy_button.isEnabled()
    page.copy_button.click()
    qtbot.waitUntil(lambda: page.editor.table.rowCount() == 6, timeout=WAIT)
    assert _cells(page, 2)[:3] == ["已完成", "已完成", "已完成"]
    # edit in place: a status, a new task; switching months saves first
    page.editor.table.item(4, 2).setText("滞后")
    page.editor.add_row()
    page.editor.commit_edit()
    row = page.editor.table.rowCount() - 1
    page.editor.table.item(row, 0).setText("开展执法案卷评查")
    qtbot.waitUntil(lambda: page.editor.table.item(row, 2).text() == "未开始", timeout=WAIT)
    assert page.is_modified()
    set_month(page.month, "2023-09")
    qtbot.waitUntil(lambda: page.scope.month == "2023-09", timeout=WAIT)
    gui.idle(controller)
    store = _db(gui)
    try:
        august = store.conn.execute(
            "SELECT task, status FROM schedule_items WHERE period = '2023-08'"
            " ORDER BY position").fetchall()
    finally:
        store.close()
    assert len(august) == 7 and august[4][1] == "delayed"
    assert august[6] == ("开展执法案卷评查", "not_started")
    # a refused save keeps the table and its edits
    page.editor.add_row()
    page.editor.commit_edit()
    set_month(page.month, "2023-10")
    qtbot.waitUntil(lambda: bool(gui.boxes.shown), timeout=WAIT)
    assert "工作任务" in gui.boxes.shown[-1][2]
    assert page.scope.month == "2023-09" and page.editor.table.rowCount() == 1
    assert page.month.date().toString("yyyy-MM") == "2023-09"


def test_case_stats_tab(gui: Any) -> None:
    _controller, _window, page = _tab(gui, "chief", "case_stats")
    qtbot = gui.qtbot
    qtbot.waitUntil(lambda: page.table.rowCount() >= 1, timeout=WAIT)
    # the newest stored month is shown in the editor
    assert page.fields["actual"].text() == page.table.item(0, 2).text()
    set_month(page.month, "2024-05")
    assert page.fields["actual"].text() == "" and "尚未填报" in page.message.text()
    page.compute_button.click()
    qtbot.waitUntil(lambda: page.fields["actual"].text() != "", timeout=WAIT)
    store = _db(gui)
    try:
        unit = store.conn.execute("SELECT value FROM settings WHERE key = 'own_unit_id'"
                                  ).fetchone()[0]
        closed = store.conn.execute("SELECT count(*) FROM case_files WHERE unit_id = ? AND"
                                    " closed_date BETWEEN '2024-05-01' AND '2024-05-31'",
                                    (unit,)).fetchone()[0]
        certified = store.conn.execute("SELECT count(*) FROM people WHERE unit_id = ? AND"
                                       " active = 1 AND cert_no <> ''", (unit,)).fetchone()[0]
    finally:
        store.close()
    assert (page.fields["actual"].text(), page.fields["officers"].text()) == (
        str(closed), str(certified))
    page.fields["exams"].setText("3")
    page.fields["officers"].setText("")
    assert page.rate.text() == "/"
    page.fields["officers"].setText("4")
    assert page.rate.text() == f"{round(100 * closed / 4)}%"
    page.year.setCurrentIndex(page.year.findData(0))                   # 全部年份
    page.save_button.click()
    qtbot.waitUntil(lambda: any(page.table.item(r, 0).text() == "2024年5月"
                                for r in range(page.table.rowCount())), timeout=WAIT)
    row = next(r for r in range(page.table.rowCount())
               if page.table.item(r, 0).text() == "2024年5月")
    assert [page.table.item(row, c).text() for c in range(1, 7)] == [
        str(closed), str(closed), "0", "4", f"{round(100 * closed / 4)}%", "3"]
    assert page.year.findData(2024) >= 0


def test_dashboard_reminders(gui: Any) -> None:
    controller, window = gui.demo_window("chief")
    board = window.area("dashboard")
    today = date.today()
    last = calendar.monthrange(today.year, today.month)[1]
    session = controller.session
    gui.call(controller, campaigns.create_campaign, session, title="提升执法质量三年行动",
             doc_no="宁交执法监〔2026〕9号", start_date=f"{today.year - 1}-01-01",
             materials=[{"name": "三年行动工作简报", "kind": "briefs", "monthly_day": last}])
    gui.qtbot.waitUntil(lambda: board.reminders.isVisible(), timeout=WAIT)
    text = board.reminders.text()
    due = f"三年行动工作简报（{month_of(today)}）"
    expected = "今天到期" if today.day == last else f"将于 {today.month} 月 {last} 日到期"
    assert due + expected in text
    assert "已于" in text and "逾期" in text       # last month's brief is overdue
    # the demo's campaigns ended long ago: they ask nothing now
    assert "整改工作台账" not in text and "问题清单" not in text


def test_campaign_dialog_sets_the_rules(gui: Any) -> None:
    """设置 → 专项行动 → 编辑: a material's 由台账提供, 每月截止 and 本月/次月 columns."""
    from ui_helpers import press_ok

    from ui.pages.campaign_dialog import CampaignDialog
    from ui.pages.campaigns_panel import CampaignsPanel
    controller, window = gui.demo_window("chief")
    settings = window.area("settings")
    window.show_area("settings")
    panel = settings.findChild(CampaignsPanel)
    settings.tabs.setCurrentWidget(panel)
    gui.qtbot.waitUntil(lambda: panel.table.rowCount() == 2, timeout=WAIT)
    row = next(r for r in range(2) if "突出问题专项整治行动" in panel.table.item(r, 0).text())
    panel.table.selectRow(row)
    cid = panel.current_id()

    def edit(dialog: CampaignDialog) -> None:
        table = dialog.materials.table
        headers = [table.horizontalHeaderItem(c).text() for c in range(table.columnCount())]
        assert headers == ["材料名称", "截止日期", "由台账提供", "每月截止", "月份", "说明"]
        assert [table.item(r, 2).text() for r in range(table.rowCount())] == ["按名称判断"] * 3
        dialog.materials.add_row()
        dialog.materials.commit_edit()
        new = table.rowCount() - 1
        table.item(new, 0).setText("三年行动工作简报")
        table.item(new, 2).setText("工作简报")
        table.item(new, 3).setText("25 日")
        table.item(new, 4).setText("本月")
        table.item(0, 2).setText("投诉举报线索")            # the 线索征询表: a ledger, no day
        press_ok(dialog)

    gui.modal.on_next(CampaignDialog, edit)
    panel.edit_button.click()              # loads the campaign, then opens the dialog
    _closed(gui, 1)
    got = gui.call(controller, campaigns.get_campaign, controller.session, cid)["materials"]
    assert [(m["name"], m["kind"], m["monthly_day"], m["month_offset"]) for m in got] == [
        ("执法领域突出问题线索征询表（附件3）", "leads", None, 0),
        ("整改工作台账（共性）（附件1）", "", None, 0),
        ("整改工作台账（个性）（附件2）", "", None, 0),
        ("三年行动工作简报", "briefs", 25, 0)]

    def reopen(dialog: CampaignDialog) -> None:     # shown as saved, and saved again unchanged
        table = dialog.materials.table
        assert [table.item(3, c).text() for c in (2, 3, 4)] == ["工作简报", "25 日", "本月"]
        assert not dialog.is_modified()
        dialog.reject()

    gui.modal.on_next(CampaignDialog, reopen)
    panel.edit_button.click()
    _closed(gui, 2)


def _closed(gui: Any, n: int) -> None:
    """Wait until the ``n``-th modal dialog was handled and has closed."""
    import shiboken6
    gui.qtbot.waitUntil(lambda: len(gui.modal.handled) == n, timeout=WAIT)
    gui.qtbot.waitUntil(lambda: not shiboken6.isValid(gui.modal.handled[n - 1])
                        or gui.modal.handled[n - 1].isHidden(), timeout=WAIT)
    gui.modal.check()
