"""GUI: 报送 → 接收下级报送 → 报送统计 with real widgets: the 资料报送统计表 of the office's campaign
after a real station package (and a tampered one) was imported, with coloured cells, tooltips,
the summary line, the period and 截至 choices and the export to PDF; the 案件办理情况统计表 with
its 合计 row."""
from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any, NamedTuple

import pytest
from conftest import login_as
from core_helpers import copy_installation
from form_helpers import QINGHAI_DOC_NO
from PySide6.QtCore import QDate
from test_ui_export import SaveDialog, wait_done
from test_ui_office import (
    StationFiles,
    column,
    import_paths,
    open_panel,
    register,
    run_import,
)
from ui_helpers import WAIT

from models import enrollment, keys, package_out
from models.demo import DEMO_PASSWORD
from models.paths import DataDir
from models.store import open_store
from ui.pages.office_stats import STATE_COLORS, OfficeStats

CLUES = "执法领域突出问题线索征询表（附件3）"


class Packages(NamedTuple):
    files: StationFiles
    tampered: Path


@pytest.fixture
def packages(signed_template: DataDir, tmp_path: Path) -> Packages:
    """The station's enrollment file, its first package (campaign Qinghai 2023, June 2024, the
    ledger and the case data, a file for the 线索征询表) and a tampered copy of it."""
    stick = tmp_path / "U盘"
    stick.mkdir()
    store = open_store(copy_installation(signed_template, DataDir(tmp_path / "station")))
    try:
        chief = login_as(store, "chief")
        key_id = keys._active_key(store, "seal", unit_id=chief.unit_id)
        enrolled = stick / "大武超限检测站-单位签章密钥登记文件.json"
        enrolled.write_text(enrollment.enrollment_file(chief, key_id, DEMO_PASSWORD),
                            encoding="utf-8")
        campaign = store.conn.execute("SELECT id FROM campaigns WHERE doc_no = ?",
                                      (QINGHAI_DOC_NO,)).fetchone()[0]
        clues = tmp_path / "线索征询表.pdf"
        clues.write_bytes(b"%PDF-1.4 clues")
        exported = package_out.export_package(
            chief, stick, DEMO_PASSWORD, campaign_id=campaign,
            materials=("ledger", "casereviews", "audit"),
            period=(date(2024, 6, 1), date(2024, 6, 30)), campaign_files={CLUES: [clues]})
        fingerprint = store.conn.execute("SELECT fingerprint FROM signing_keys WHERE key_id = ?",
                                         (key_id,)).fetchone()[0]
    finally:
        store.close()
    data = bytearray(exported.path.read_bytes())
    data[len(data) // 2] ^= 0x01
    bad = tmp_path / "tampered.flpkg"
    bad.write_bytes(bytes(data))
    return Packages(StationFiles(enrolled, exported.path, fingerprint), bad)


def open_stats(gui: Any, panel: Any) -> OfficeStats:
    stats = panel.stats
    panel.tabs.setCurrentWidget(stats)
    gui.qtbot.waitUntil(lambda: stats.materials.campaigns_loaded, timeout=WAIT)
    return stats


def choose_campaign(gui: Any, controller: Any, stats: OfficeStats) -> None:
    view = stats.materials
    index = next(i for i in range(view.campaign.count())
                 if QINGHAI_DOC_NO in view.campaign.itemText(i))
    view.campaign.setCurrentIndex(index)
    settle(gui, controller, view)


def settle(gui: Any, controller: Any, view: Any) -> None:
    """Wait for the view's delayed load to run and its result to be shown."""
    gui.qtbot.waitUntil(lambda: not view.loader.timer.isActive(), timeout=WAIT)
    gui.idle(controller)


def cells(view: Any, row: int = 0) -> list[str]:
    table = view.table
    return [table.item(row, c).text() for c in range(table.columnCount())]


def test_materials_and_cases_tables(gui: Any, packages: Packages, monkeypatch: Any,
                                    tmp_path: Path) -> None:
    controller, _window, panel = open_panel(gui, "chief")
    stats = open_stats(gui, panel)
    assert panel.tabs.tabText(panel.tabs.indexOf(stats)) == "报送统计"
    choose_campaign(gui, controller, stats)
    view = stats.materials
    assert view.table.rowCount() == 0 and "还没有登记下级单位" in view.summary.text()

    register(gui, panel, packages.files, monkeypatch)
    dialog = import_paths(gui, panel, [packages.files.package, packages.tampered], monkeypatch)
    results = run_import(gui, controller, dialog)
    assert results[0] == "已导入" and results[1].startswith("已隔离")
    dialog.close()
    settle(gui, controller, view)
    headers = [view.table.horizontalHeaderItem(c).text() for c in range(view.table.columnCount())]
    assert headers == ["单位", CLUES, "整改工作台账（共性）（附件1）", "整改工作台账（个性）（附件2）",
                       "问题台账", "自查自纠", "案卷评查", "备注"]
    assert "规定时限：2023-04-28" in view.table.horizontalHeaderItem(1).toolTip()
    # the 线索征询表 came after its 2023 due date; the others only in the quarantined copy
    assert cells(view) == ["玛沁县大武超限检测站", "√逾期", "未通过验证", "未通过验证", "√",
                           "未通过验证", "√", "第 1 号包未通过验证"]
    late = view.table.item(0, 1)
    assert late.background().color().name() == STATE_COLORS["late"][1]
    assert "第 1 号报送包" in late.toolTip() and "逾期" in late.toolTip()
    assert view.table.item(0, 4).background().color().name() == STATE_COLORS["received"][1]
    failed = view.table.item(0, 2)
    assert failed.foreground().color().name() == STATE_COLORS["failed"][0]
    assert "已隔离" in failed.toolTip() and "原因：" in failed.toolTip()
    assert view.summary.text().startswith("1 个单位：0 个全部报送，0 个有逾期，1 个未通过验证")

    # 截至 yesterday: nothing had arrived; a July period: the June package does not count
    view.as_of.setDate(QDate.currentDate().addDays(-1))
    settle(gui, controller, view)
    assert cells(view)[1:7] == ["×"] * 6
    assert view.table.item(0, 1).background().color().name() == STATE_COLORS["missing"][1]
    assert "1 个未报送" in view.summary.text()
    view.as_of.setDate(QDate.currentDate())
    view.by_period.setChecked(True)
    view.start.setDate(QDate(2024, 7, 1))
    view.end.setDate(QDate(2024, 7, 31))
    settle(gui, controller, view)
    assert cells(view)[4] == "×"
    view.start.setDate(QDate(2024, 6, 15))
    settle(gui, controller, view)
    assert cells(view)[4] == "√"

    # 导出… → the export dialog → PDF
    save = SaveDialog(monkeypatch)
    save.answer = str(tmp_path / "资料报送统计表.pdf")
    export = view.export_button
    assert export.isEnabled()
    export.click()
    dialog = stats.export_dialog
    assert dialog.isVisible() and "资料报送统计表" in dialog.windowTitle()
    assert "2024-06-15 至 2024-07-31" in dialog.scope.text()
    dialog.pdf_button.setChecked(True)
    dialog.export_button.click()
    result = wait_done(gui, dialog)
    assert Path(result.path).is_file() and result.rows == 1
    assert "资料报送统计表" in save.asked[0][0]
    dialog.done_box.close()

    # 案件办理情况统计表: the 合计 row first, the station's four 2024 cases and officers
    stats.tabs.setCurrentWidget(stats.cases)
    cases = stats.cases
    cases.start.setDate(QDate(2024, 1, 1))
    cases.end.setDate(QDate(2024, 12, 31))
    settle(gui, controller, cases)
    assert column(cases.table, 0) == ["合计", "玛沁县大武超限检测站"]
    assert cells(cases, 0) == ["合计", "4", "4", "0", "4", "100%", "/"]
    assert cases.table.item(0, 0).font().bold()
    cases.start.setDate(QDate(2024, 5, 1))
    cases.end.setDate(QDate(2024, 5, 31))
    settle(gui, controller, cases)
    assert cells(cases, 1) == ["玛沁县大武超限检测站", "1", "1", "0", "4", "25%", "/"]
    stats.grab().save(str(tmp_path / "cases.png"))
    save.answer = str(tmp_path / "案件.xlsx")
    cases.export_button.click()
    dialog = stats.export_dialog
    dialog.xlsx_button.setChecked(True)
    dialog.export_button.click()
    result = wait_done(gui, dialog)
    assert Path(result.path).is_file() and result.rows == 2
    dialog.done_box.close()
    stats.tabs.setCurrentWidget(stats.materials)
    stats.grab().save(str(tmp_path / "stats.png"))


def test_reading_role_sees_the_statistics(gui: Any) -> None:
    """An officer (office.read) sees the statistics of the office's campaigns; with no unit
    registered yet the summary says what to do first."""
    controller, _window, panel = open_panel(gui, "officer")
    stats = open_stats(gui, panel)
    choose_campaign(gui, controller, stats)
    view = stats.materials
    assert view.campaign.count() >= 2 and view.table.rowCount() == 0
    assert "还没有登记下级单位" in view.summary.text()
    assert view.export_button.isEnabled()
