"""GUI: 其他台账 → 培训台账 with real widgets on the demo: each officer's 学时 against 60 with the
progress bar and colours, the certificate flags and the rule on enforcing alone; 登记培训 for
several officers at once, a refusal shown in the dialog, 修改 and 删除; 证件信息; the year
selector; what an officer may not do; the dashboard's reminders; the export; and the office's
read-only 培训台账 of a unit that reported."""
from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox
from test_ui_casereview import gone
from test_ui_export import SaveDialog, wait_done
from test_ui_ledger import click, db, ime_commit
from ui_helpers import WAIT, office_browser

from models import training
from models.store import Store
from ui.pages.training_page import BAR_COLOURS, STANDING_COLOURS, TrainingPage

YEAR = date.today().year


def open_tab(gui: Any, window: Any) -> TrainingPage:
    """Show 其他台账 → 培训台账 and wait for its first load."""
    window.show_area("ledgers")
    page = window.area("ledgers").tab("training")
    gui.qtbot.waitUntil(lambda: page.data is not None and page.totals.rowCount() > 0,
                        timeout=WAIT)
    gui.idle(page.controller)
    return page


def row_of(page: TrainingPage, name: str) -> int:
    return next(i for i in range(page.totals.rowCount())
                if page.totals.item(i, 0).text().startswith(name))


def cell(page: TrainingPage, name: str, col: int) -> str:
    return page.totals.item(row_of(page, name), col).text()


def select(gui: Any, page: TrainingPage, name: str) -> None:
    page.totals.selectRow(row_of(page, name))
    gui.qtbot.waitUntil(lambda: page.selected_person() is not None
                        and page.selected_person()["name"] == name, timeout=WAIT)
    gui.idle(page.controller)


def test_totals_progress_and_certificates(gui: Any) -> None:
    _controller, window = gui.demo_window("chief")
    page = open_tab(gui, window)
    names = [page.totals.item(i, 0).text() for i in range(page.totals.rowCount())]
    assert names == ["才让东智", "马文斌", "李海龙", "索南扎西", "王丽", "张强"]
    assert page.year_combo.currentData() == YEAR
    headers = [page.totals.horizontalHeaderItem(c).text() for c in range(11)]
    assert headers[2:7] == ["集中学习", "线上自学", "法治讲堂", "实践培训", "合计"]
    # the demo's totals: 60.5 reached, 55.5 on track, 25 far behind (in November)
    assert cell(page, "才让东智", 6) == "60.5" and cell(page, "才让东智", 8) == "已达标"
    bar = page.totals.cellWidget(row_of(page, "才让东智"), 7)
    assert bar.text() == "60.5 / 60" and bar.value() == bar.maximum()
    assert BAR_COLOURS["done"] in bar.styleSheet()
    rows = {r["name"]: r for r in page.data["totals"]}
    for name, r in rows.items():
        item = page.totals.item(row_of(page, name), 8)
        assert item.foreground().color().name() == STANDING_COLOURS[r["standing"]], name
    assert cell(page, "张强", 8) == "不适用（执法辅助人员）"
    # certificates: expired and missing in red, expiring in orange
    assert cell(page, "索南扎西", 10) == "执法证已过期"
    assert cell(page, "王丽", 10) == "无执法证号" and cell(page, "王丽", 9) == ""
    assert cell(page, "马文斌", 10) == "执法证 90 天内到期"
    assert cell(page, "才让东智", 10).startswith("有效（至 ")
    red = page.totals.item(row_of(page, "索南扎西"), 10).foreground().color().name()
    orange = page.totals.item(row_of(page, "马文斌"), 10).foreground().color().name()
    assert (red, orange) == ("#b00020", "#b26a00")
    assert "不得独立执法" in page.totals.item(row_of(page, "索南扎西"), 10).toolTip()
    assert "可以独立执法" in page.totals.item(row_of(page, "才让东智"), 10).toolTip()
    rule = page.findChild(type(page.summary), "enforce_rule").text()
    assert "只有持有效执法证的人员可以独立从事行政执法工作" in rule
    assert "执法人员 5 人：已达标 1 人" in page.summary.text()
    # the records of everyone, then of the officer selected
    assert page.records_title.text().startswith("全部人员的培训记录")
    select(gui, page, "李海龙")
    gui.qtbot.waitUntil(lambda: page.records_title.text().startswith("李海龙的培训记录"),
                        timeout=WAIT)
    assert {page.records.item(i, 1).text() for i in range(page.records.rowCount())} == {"李海龙"}
    assert page.records.rowCount() == 9
    page.only_selected.setChecked(False)
    gui.qtbot.waitUntil(lambda: page.records.rowCount() > 9, timeout=WAIT)
    # last year
    page.year_combo.setCurrentIndex(page.year_combo.findData(YEAR - 1))
    gui.qtbot.waitUntil(lambda: page.data["year"] == YEAR - 1, timeout=WAIT)
    assert cell(page, "李海龙", 6) == "62" and cell(page, "马文斌", 8) == "未达标"


def test_register_a_session_for_several_officers(gui: Any, monkeypatch: Any) -> None:
    controller, window = gui.demo_window("chief")
    page = open_tab(gui, window)
    select(gui, page, "索南扎西")
    before = float(cell(page, "索南扎西", 6))
    dialog = page.add_training()
    gui.qtbot.waitUntil(dialog.isVisible, timeout=WAIT)
    people = dialog.people_list
    ticked = [people.item(i).text() for i in range(people.count())
              if people.item(i).checkState() == Qt.CheckState.Checked]
    assert ticked == ["索南扎西（执法队员）"]
    for i in range(people.count()):
        if people.item(i).text().startswith(("张强", "王丽")):
            people.item(i).setCheckState(Qt.CheckState.Checked)
    ime_commit(dialog.topic, "法治讲堂：《行政强制法》要点")
    dialog.form_combo.setCurrentIndex(dialog.form_combo.findData("lecture"))
    dialog.hours.setValue(3.5)
    dialog.assessment.setCurrentText("合格")
    click(gui, dialog.ok_button)
    gui.qtbot.waitUntil(lambda: gone(dialog), timeout=WAIT)
    gui.qtbot.waitUntil(lambda: float(cell(page, "索南扎西", 6)) == before + 3.5, timeout=WAIT)
    rows = db(gui, controller, "SELECT p.name, t.hours, t.form, t.created_at FROM trainings t"
              " JOIN people p ON p.id = t.person_id WHERE t.topic = ?",
              ("法治讲堂：《行政强制法》要点",))
    assert sorted(r["name"] for r in rows) == ["张强", "王丽", "索南扎西"]
    assert {(r["hours"], r["form"]) for r in rows} == {(3.5, "lecture")}
    assert len({r["created_at"] for r in rows}) == 1            # one transaction

    # the same session again: refused inside the dialog, nothing typed lost
    dialog = page.add_training()
    gui.qtbot.waitUntil(dialog.isVisible, timeout=WAIT)
    ime_commit(dialog.topic, "法治讲堂：《行政强制法》要点")
    click(gui, dialog.ok_button)
    gui.qtbot.waitUntil(lambda: dialog.message.isVisible(), timeout=WAIT)
    assert "已经登记过" in dialog.message.text() and dialog.isVisible()
    assert dialog.topic.text() == "法治讲堂：《行政强制法》要点"
    dialog.reject()

    # 修改 the record, then 删除 it
    select(gui, page, "索南扎西")
    gui.qtbot.waitUntil(lambda: page.records_title.text().startswith("索南扎西"), timeout=WAIT)
    index = next(i for i, r in enumerate(page.data["records"])
                 if r["topic"] == "法治讲堂：《行政强制法》要点")
    page.records.selectRow(index)
    dialog = page.edit_training()
    gui.qtbot.waitUntil(dialog.isVisible, timeout=WAIT)
    assert dialog.person.currentText() == "索南扎西" and dialog.hours.value() == 3.5
    dialog.hours.setValue(4)
    click(gui, dialog.ok_button)
    gui.qtbot.waitUntil(lambda: gone(dialog), timeout=WAIT)
    gui.qtbot.waitUntil(lambda: float(cell(page, "索南扎西", 6)) == before + 4, timeout=WAIT)
    index = next(i for i, r in enumerate(page.data["records"])
                 if r["topic"] == "法治讲堂：《行政强制法》要点")
    page.records.selectRow(index)
    asked: list[str] = []
    monkeypatch.setattr(QMessageBox, "question", staticmethod(
        lambda _p, _t, text, *_a: asked.append(text) or QMessageBox.StandardButton.Yes))
    click(gui, page.delete_button)
    gui.qtbot.waitUntil(lambda: float(cell(page, "索南扎西", 6)) == before, timeout=WAIT)
    assert "索南扎西" in asked[0] and "4 学时" in asked[0]


def test_certificate_dialog(gui: Any) -> None:
    controller, window = gui.demo_window("chief")
    page = open_tab(gui, window)
    select(gui, page, "王丽")
    dialog = page.edit_certificate()
    gui.qtbot.waitUntil(dialog.isVisible, timeout=WAIT)
    assert dialog.windowTitle() == "证件信息：王丽"
    ime_commit(dialog.cert_no, "63260021012")                  # 李海龙's number
    click(gui, dialog.ok_button)
    gui.qtbot.waitUntil(lambda: dialog.message.isVisible(), timeout=WAIT)
    assert "已登记给李海龙" in dialog.message.text()
    dialog.cert_no.setText("63260021040")
    dialog.valid_until.set_iso("2024-01-01")
    dialog.issued.set_iso("2025-01-01")
    click(gui, dialog.ok_button)
    gui.qtbot.waitUntil(lambda: "有效期至" in dialog.message.text(), timeout=WAIT)
    assert db(gui, controller, "SELECT cert_no FROM people WHERE name = '王丽'")[0]["cert_no"] \
        == "", "nothing is written when the dates are refused"
    dialog.valid_until.set_iso(f"{YEAR + 5}-01-01")
    click(gui, dialog.ok_button)
    gui.qtbot.waitUntil(lambda: gone(dialog), timeout=WAIT)
    gui.qtbot.waitUntil(lambda: cell(page, "王丽", 10).startswith("有效（至 "), timeout=WAIT)
    assert cell(page, "王丽", 9) == "63260021040"
    # suspending it makes him unable to enforce alone
    dialog = page.edit_certificate()
    gui.qtbot.waitUntil(dialog.isVisible, timeout=WAIT)
    dialog.status.setCurrentIndex(dialog.status.findData("suspended"))
    ime_commit(dialog.note, "涉嫌违规执法，暂扣执法证")
    click(gui, dialog.ok_button)
    gui.qtbot.waitUntil(lambda: cell(page, "王丽", 10) == "执法证已暂扣", timeout=WAIT)
    tip = page.totals.item(row_of(page, "王丽"), 10).toolTip()
    assert "暂扣" in tip and "不得独立执法" in tip


def test_an_officer_reads_only(gui: Any) -> None:
    _controller, window = gui.demo_window("officer")
    page = open_tab(gui, window)
    select(gui, page, "李海龙")
    page.records.selectRow(0)
    for button in (page.add_button, page.edit_button, page.delete_button, page.cert_button):
        assert not button.isEnabled()
    assert page.export_button.isEnabled()
    assert page.edit_training() is None and page.edit_certificate() is None


def test_dashboard_reminds(gui: Any) -> None:
    controller, window = gui.demo_window("chief")
    dashboard = window.area("dashboard")
    label = dashboard.training_note
    gui.qtbot.waitUntil(label.isVisible, timeout=WAIT)
    text = label.text()
    due = gui.call(controller, training.reminders, controller.session)
    assert f"{len(due['behind'])} 名执法人员本年度学时不足（目标 60 学时）" in text
    assert "2 名执法人员执法证缺失或过期，不得独立执法：索南扎西、王丽" in text
    assert "1 名执法人员的执法证 90 天内到期：马文斌" in text
    label.linkActivated.emit("training")
    assert window.stack.currentWidget() is window.area("ledgers")
    assert window.area("ledgers").tabs.currentWidget().objectName() == "tab_training"


def test_export_both_forms(gui: Any, monkeypatch: Any, tmp_path: Path) -> None:
    from openpyxl import load_workbook
    _controller, window = gui.demo_window("chief")
    page = open_tab(gui, window)
    saves = SaveDialog(monkeypatch)
    dialog = page.export()
    gui.qtbot.waitUntil(dialog.isVisible, timeout=WAIT)
    assert [name for _code, name in dialog.forms] == ["培训台账", "学时统计"]
    assert f"{YEAR} 年度" in dialog.scope.text()
    saves.answer = str(tmp_path / "学时统计.xlsx")
    dialog.form_buttons["training_hours"].setChecked(True)
    dialog.xlsx_button.setChecked(True)
    click(gui, dialog.export_button)
    result = wait_done(gui, dialog)
    assert Path(result.path).exists()
    sheet = load_workbook(result.path).active
    texts = [str(c.value) for row in sheet.iter_rows() for c in row if c.value is not None]
    assert f"{YEAR}年度执法人员培训学时统计表" in texts and "是否达标" in texts
    assert saves.asked[0][0].endswith(f"{YEAR}年度-学时统计.xlsx")
    dialog.done_box.close()


def test_the_office_sees_the_units_training(gui: Any, station: Store, tmp_path: Path) -> None:
    window, browse = office_browser(gui, station, tmp_path / "stick")
    tab = browse.training_page
    browse.tabs.setCurrentWidget(tab)
    gui.qtbot.waitUntil(lambda: tab.model.rowCount() > 0, timeout=WAIT)
    model = tab.model
    rows = [[model.index(r, c).data() for c in range(model.columnCount())]
            for r in range(model.rowCount())]
    this_year = {r[1]: r for r in rows if r[0] == str(YEAR)}
    assert this_year["才让东智"][7:9] == ["60.5", "已达标"]
    assert this_year["索南扎西"][10] == "执法证已过期"
    assert this_year["王丽"][10] == "无执法证号"
    assert "已达标 1 人" in tab.counts.text()
    browse.filter.setText("王丽")
    gui.qtbot.waitUntil(lambda: model.rowCount() == 2, timeout=WAIT)   # this year and last
