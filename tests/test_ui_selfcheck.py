"""GUI: 自查自纠 and 设置 → 检查模板.

An officer starts a self-check of the demo station in the real widgets and answers it from the
keyboard (1/2/3, a note typed with the input method, Esc, Up/Down, Page Up/Page Down), leaves
the area and comes back, resumes after a restart; the database then holds the answers, one
ledger problem per 不符合 (source 自查自纠, the section's category), none left behind when an
answer is taken back, and a marked one when the problem had been worked on. The template panel
exports a template, refuses a broken copy naming sheet, row and column, and imports a JSON
version. Message boxes are recorded by the ``gui`` fixture; file dialogs are patched.
"""
from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

import pytest
from openpyxl import load_workbook
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QDesktopServices, QImage
from PySide6.QtWidgets import QFileDialog, QLabel, QMessageBox

from models import problems
from models.demo import QINGHAI_2023
from test_ui_ledger import db, ime_commit
from ui.pages.templates_panel import TemplatesPanel
from ui_helpers import WAIT, reopened

Key = Qt.Key


# --- helpers -------------------------------------------------------------------------------------

def open_selfcheck_area(gui: Any, window: Any) -> Any:
    window.show_area("selfcheck")
    page = window.area("selfcheck")
    assert window.stack.currentWidget() is page
    gui.idle(page.controller)
    return page


def qinghai_id(gui: Any, controller: Any) -> int:
    return db(gui, controller, "SELECT id FROM campaigns WHERE doc_no = ?",
              (QINGHAI_2023["doc_no"],))[0]["id"]


def start_qinghai(gui: Any, page: Any) -> Any:
    """新建自查… for the Qinghai 2023 campaign with the 五个方面 list; return the entry view."""
    controller = page.controller
    cid = qinghai_id(gui, controller)
    page.new_button.click()
    gui.qtbot.waitUntil(lambda: page.dialog is not None and page.dialog.isVisible(), timeout=WAIT)
    dialog = page.dialog
    dialog.campaign.setCurrentIndex(dialog.campaign.findData(cid))
    assert "五个方面" in dialog.template.currentText()      # the list that fits comes first
    assert "共 17 项" in dialog.fit.text()
    dialog.buttons.button(dialog.buttons.StandardButton.Ok).click()
    gui.qtbot.waitUntil(lambda: page.stack.currentWidget() is page.entry
                        and page.entry.data is not None, timeout=WAIT)
    settle(gui, page.entry)
    return page.entry


def settle(gui: Any, entry: Any) -> None:
    """Wait until every answer is saved and the form has reloaded from the database."""
    gui.qtbot.waitUntil(lambda: entry.pending == 0, timeout=WAIT)
    gui.idle(entry.page.controller)


def code(entry: Any) -> str:
    return entry.current()["code"]


def press(gui: Any, entry: Any, *keys: Key) -> None:
    """Keys as the officer presses them, with the focus in the item list."""
    for key in keys:
        if entry.window().focusWidget() is not entry.tree:
            entry.tree.setFocus()
        gui.qtbot.keyClick(entry.tree, key)


def answers(gui: Any, controller: Any, sc: int) -> dict[str, dict[str, Any]]:
    rows = db(gui, controller, "SELECT i.code, a.* FROM selfcheck_answers a JOIN template_items i"
              " ON i.id = a.item_id WHERE a.selfcheck_id = ?", (sc,))
    return {r["code"]: r for r in rows}


def self_check_problems(gui: Any, controller: Any) -> list[dict[str, Any]]:
    return db(gui, controller,
              "SELECT * FROM problems WHERE source_ref LIKE 'selfcheck:%' ORDER BY id")


def photo(tmp_path: Path) -> Path:
    path = tmp_path / "罚没票据.png"
    image = QImage(64, 48, QImage.Format.Format_RGB32)
    image.fill(QColor("#4a7bb7"))
    assert image.save(str(path), "PNG")
    return path


def file_names(entry: Any) -> list[str]:
    """The names in the list of the current answer's files."""
    return [entry.file_list.item(n).text() for n in range(entry.file_list.count())]


# --- self-check entry ----------------------------------------------------------------------------

def test_officer_answers_by_keyboard_and_the_ledger_follows(gui: Any, tmp_path: Path) -> None:
    controller, window = gui.demo_window("officer")
    page = open_selfcheck_area(gui, window)
    assert page.table.rowCount() == 0 and not page.empty.isHidden()
    entry = start_qinghai(gui, page)
    sc = entry.selfcheck_id
    assert entry.title.text() == "交通运输执法领域突出问题自查清单（五个方面）（2023示例版）"
    assert "李海龙" in entry.subtitle.text() and "填写中" in entry.subtitle.text()
    assert entry.progress.text() == "0 / 17" and code(entry) == "1.1"
    assert entry.window().focusWidget() is entry.tree
    assert entry.item_label.text() == "1.1　下达或变相下达罚没指标"
    assert "年度考核办法" in entry.guidance.text()
    assert not entry.complete_button.isEnabled()

    # 1, 1: two 符合, each moving on to the next item.
    press(gui, entry, Key.Key_1, Key.Key_1)
    assert code(entry) == "1.3" and entry.progress.text() == "2 / 17"

    # The note is typed first: digits typed there are text, not answers.
    ime_commit(entry.note, "收取停车费，每车")
    gui.qtbot.keyClicks(entry.note, "10")
    ime_commit(entry.note, "元，无收费依据")
    assert entry.note.toPlainText() == "收取停车费，每车10元，无收费依据"
    assert entry.current()["answer"] is None and code(entry) == "1.3"
    gui.qtbot.keyClick(entry.note, Key.Key_Escape)            # back to the list ...
    assert entry.window().focusWidget() is entry.tree
    gui.qtbot.keyClick(entry.tree, Key.Key_2)                 # ... where 2 answers 不符合
    assert code(entry) == "1.4" and entry.note.toPlainText() == ""
    entry.evidence.setText("缴库凭证 2023 年 1-6 月")
    press(gui, entry, Key.Key_3)                              # 不适用, with what was looked at
    assert code(entry) == "2.1" and entry.progress.text() == "4 / 17"

    # Up / Down go item by item, Page Up / Page Down section by section.
    press(gui, entry, Key.Key_Up, Key.Key_Up)
    assert code(entry) == "1.3"
    assert entry.note.toPlainText() == "收取停车费，每车10元，无收费依据"
    assert entry.answer_buttons["nonconform"].styleSheet().count("bold") == 1
    press(gui, entry, Key.Key_Down, Key.Key_PageDown)
    assert code(entry) == "2.1"
    press(gui, entry, Key.Key_PageDown, Key.Key_PageDown)
    assert code(entry) == "4.1"
    press(gui, entry, Key.Key_PageUp)
    assert code(entry) == "3.1"
    press(gui, entry, Key.Key_Home)
    assert code(entry) == "1.1"

    settle(gui, entry)
    stored = answers(gui, controller, sc)
    assert {c: a["answer"] for c, a in stored.items()} == {
        "1.1": "conform", "1.2": "conform", "1.3": "nonconform", "1.4": "na"}
    assert stored["1.4"]["evidence"] == "缴库凭证 2023 年 1-6 月"
    (made,) = self_check_problems(gui, controller)
    assert stored["1.3"]["problem_id"] == made["id"]
    assert (made["category"], made["issue"], made["manifestation"], made["status"]) == (
        "逐利执法", "乱罚款、滥收费", "收取停车费，每车10元，无收费依据", "open")
    assert made["source_ref"] == f"selfcheck:{sc}:1.3"
    assert made["campaign_id"] == qinghai_id(gui, controller)

    # What the form shows after the reload: the problem, the counts.
    press(gui, entry, Key.Key_Down, Key.Key_Down)
    assert code(entry) == "1.3"
    assert entry.problem_label.text() == f"已挂问题台账：序号 {made['seq_no']}（待整改）"
    assert entry.open_problem_button.isEnabled() and entry.attach_button.isEnabled()
    row = entry._tree_items[2]
    assert row.text(2) == "不符合" and row.parent().text(0).startswith("逐利执法（4/4）")
    assert "符合</b> 2" in entry.summary_line.text() and "未填</b> 13" in entry.summary_line.text()
    assert entry.summary_table.rowCount() == 5
    assert [entry.summary_table.item(0, c).text() for c in range(6)] == [
        "逐利执法", "4", "2", "1", "1", "0"]

    # A slip corrected: 1.3 becomes 符合 and its untouched problem is withdrawn, not orphaned.
    press(gui, entry, Key.Key_1)
    settle(gui, entry)
    assert not self_check_problems(gui, controller)
    assert answers(gui, controller, sc)["1.3"]["problem_id"] is None

    # A 不符合 with evidence attached (to the answer and to its ledger problem), then taken
    # back: the problem has a history now, so it stays on the ledger, marked.
    press(gui, entry, Key.Key_Home, Key.Key_PageDown, Key.Key_Down)
    assert code(entry) == "2.2"
    ime_commit(entry.note, "夜间拦车检查时间过长")
    press(gui, entry, Key.Key_2)
    settle(gui, entry)
    press(gui, entry, Key.Key_Up)
    assert code(entry) == "2.2" and entry.attach_button.isEnabled()
    entry.attach_files([str(photo(tmp_path))])
    gui.qtbot.waitUntil(lambda: file_names(entry) == ["罚没票据.png"], timeout=WAIT)
    (kept,) = self_check_problems(gui, controller)
    press(gui, entry, Key.Key_3)
    settle(gui, entry)
    (still,) = self_check_problems(gui, controller)
    assert still["id"] == kept["id"] and still["status"] == "open"
    assert "自查结论已改为“不适用”" in still["remarks"] and "李海龙" in still["remarks"]
    assert answers(gui, controller, sc)["2.2"]["problem_id"] is None
    # 不符合 again takes up the same problem instead of hanging a second one.
    press(gui, entry, Key.Key_Up)
    assert code(entry) == "2.2"
    press(gui, entry, Key.Key_2)
    settle(gui, entry)
    assert [p["id"] for p in self_check_problems(gui, controller)] == [kept["id"]]
    assert answers(gui, controller, sc)["2.2"]["problem_id"] == kept["id"]
    assert entry.progress.text() == "5 / 17"


def test_files_attached_to_a_conform_answer(gui: Any, tmp_path: Path,
                                            monkeypatch: pytest.MonkeyPatch) -> None:
    """添加印证资料… on a 符合 item: the photo is stored with the answer (no ledger problem),
    listed, opened by a double-click and removed again."""
    controller, window = gui.demo_window("officer")
    page = open_selfcheck_area(gui, window)
    entry = start_qinghai(gui, page)
    sc = entry.selfcheck_id
    assert code(entry) == "1.1" and not entry.attach_button.isEnabled()   # not answered yet
    press(gui, entry, Key.Key_1)
    settle(gui, entry)
    press(gui, entry, Key.Key_Up)
    assert code(entry) == "1.1" and entry.attach_button.isEnabled()
    assert not entry.file_list.isVisibleTo(entry)

    picture = photo(tmp_path)
    asked: list[str] = []

    def open_files(_parent: Any, title: str, *_a: Any) -> tuple[list[str], str]:
        asked.append(title)
        return [str(picture)], ""

    monkeypatch.setattr(QFileDialog, "getOpenFileNames", staticmethod(open_files))
    entry.attach_button.click()
    assert asked == ["选择印证资料"]
    gui.qtbot.waitUntil(lambda: file_names(entry) == ["罚没票据.png"], timeout=WAIT)
    assert "本项已附 1 个文件" in entry.files_label.text()
    aid = answers(gui, controller, sc)["1.1"]["id"]
    (row,) = db(gui, controller, "SELECT * FROM selfcheck_evidence WHERE answer_id = ?", (aid,))
    assert (row["original_name"], row["media_type"], row["size"]) == (
        "罚没票据.png", "image/png", picture.stat().st_size)
    assert not self_check_problems(gui, controller)          # a 符合 hangs nothing
    assert not db(gui, controller, "SELECT id FROM evidence")

    opened: list[str] = []
    monkeypatch.setattr(QDesktopServices, "openUrl",
                        staticmethod(lambda url: opened.append(url.toLocalFile()) or True))
    entry.file_list.setCurrentRow(0)
    entry.open_file(entry.file_list.item(0))
    assert len(opened) == 1 and Path(opened[0]).read_bytes() == picture.read_bytes()

    assert entry.remove_file_button.isEnabled()
    monkeypatch.setattr(QMessageBox, "question",
                        staticmethod(lambda *_a, **_k: QMessageBox.StandardButton.Yes))
    entry.remove_file_button.click()
    gui.qtbot.waitUntil(lambda: file_names(entry) == [], timeout=WAIT)
    assert not db(gui, controller, "SELECT id FROM selfcheck_evidence")
    assert not Path(opened[0]).exists()
    assert not gui.boxes.shown


def test_leave_come_back_resume_and_complete(gui: Any) -> None:
    controller, window = gui.demo_window("officer")
    page = open_selfcheck_area(gui, window)
    entry = start_qinghai(gui, page)
    sc = entry.selfcheck_id
    press(gui, entry, Key.Key_1, Key.Key_2, Key.Key_1)
    assert code(entry) == "1.4"
    ime_commit(entry.note, "罚没款按月缴库")                # typed, not answered yet

    # To another area and back: the same item, the typing kept.
    window.show_area("dashboard")
    window.show_area("selfcheck")
    assert page.stack.currentWidget() is entry and code(entry) == "1.4"
    assert entry.note.toPlainText() == "罚没款按月缴库"

    # Back to the list: progress shown; 继续 opens at the first unanswered item.
    entry.back_button.click()
    settle(gui, entry)
    gui.qtbot.waitUntil(lambda: page.table.rowCount() == 1
                        and page.table.item(0, 3).text() == "3 / 17", timeout=WAIT)
    assert [page.table.item(0, c).text() for c in (2, 4, 5)] == ["李海龙", "1", "填写中"]
    assert page.table.item(0, 1).text() == "交通运输执法领域突出问题自查清单（五个方面）（2023示例版）"
    page.table.setFocus()
    gui.qtbot.keyClick(page.table, Key.Key_Return)
    assert page.stack.currentWidget() is entry and code(entry) == "1.4"
    assert entry.note.toPlainText() == "罚没款按月缴库"    # the draft waits for its answer

    # The ledger problem of 1.2 opens in 问题台账.
    press(gui, entry, Key.Key_Up, Key.Key_Up)
    assert code(entry) == "1.2"
    settle(gui, entry)
    pid = answers(gui, controller, sc)["1.2"]["problem_id"]
    entry.open_problem_button.click()
    ledger = window.area("ledger")
    assert window.stack.currentWidget() is ledger
    gui.qtbot.waitUntil(lambda: ledger.form.problem is not None
                        and ledger.form.problem["id"] == pid, timeout=WAIT)
    assert ledger.form.problem["source"] == "self_check"

    # A restart: the self-check is resumed where it was left.
    gui.close()
    controller = gui.start()
    window = gui.login(controller, "officer")
    page = open_selfcheck_area(gui, window)
    gui.qtbot.waitUntil(lambda: page.table.rowCount() == 1, timeout=WAIT)
    page.continue_button.click()
    entry = page.entry
    gui.qtbot.waitUntil(lambda: entry.data is not None, timeout=WAIT)
    assert code(entry) == "1.4" and entry.progress.text() == "3 / 17"

    # Every other item 符合 from the keyboard; then 完成自查.
    for _ in range(14):
        press(gui, entry, Key.Key_1)
    assert entry.progress.text() == "17 / 17"
    settle(gui, entry)
    assert entry.complete_button.isEnabled()
    entry.complete_button.click()
    settle(gui, entry)
    gui.qtbot.waitUntil(lambda: entry.complete_button.text() == "已完成", timeout=WAIT)
    assert "已完成" in entry.subtitle.text() and not entry.complete_button.isEnabled()
    row = db(gui, controller, "SELECT status, completed_by FROM selfchecks WHERE id = ?", (sc,))[0]
    assert row["status"] == "completed"
    stored = answers(gui, controller, sc)
    assert len(stored) == 17 and stored["1.4"]["note"] == ""
    assert sum(a["answer"] == "nonconform" for a in stored.values()) == 1
    (made,) = self_check_problems(gui, controller)
    assert (made["category"], made["issue"]) == ("逐利执法", "违规设置电子监控、以罚代管")
    entry.back_button.click()
    gui.qtbot.waitUntil(lambda: page.table.item(0, 5) is not None
                        and page.table.item(0, 5).text() == "已完成", timeout=WAIT)
    assert page.continue_button.text() == "查看"
    gui.close()
    with reopened(gui.data_dir) as store:
        assert store.verify_audit().ok


def test_link_an_existing_problem_and_roles(gui: Any, monkeypatch: Any) -> None:
    from PySide6.QtWidgets import QInputDialog
    controller, window = gui.demo_window("officer")
    cid = qinghai_id(gui, controller)
    gui.call(controller, problems.create_problem, controller.session, campaign_id=cid,
             category="执法粗暴", issue="不听当事人陈述申辩", source="complaint",
             source_channel="12328")
    existing = db(gui, controller, "SELECT max(id) AS id FROM problems")[0]["id"]
    page = open_selfcheck_area(gui, window)
    entry = start_qinghai(gui, page)
    press(gui, entry, Key.Key_PageDown, Key.Key_PageDown, Key.Key_PageDown, Key.Key_Down)
    assert code(entry) == "4.2"
    offered: list[list[str]] = []

    def pick(_parent: Any, _title: str, _label: str, items: list[str], *_a: Any) -> Any:
        offered.append(items)
        return next(i for i in items if "不听当事人陈述申辩" in i), True
    monkeypatch.setattr(QInputDialog, "getItem", staticmethod(pick))
    entry.link_button.click()
    gui.qtbot.waitUntil(lambda: bool(offered), timeout=WAIT)
    seq = db(gui, controller, "SELECT seq_no FROM problems WHERE id = ?", (existing,))[0]["seq_no"]
    assert f"序号 {seq}　[执法粗暴] 不听当事人陈述申辩（待整改）" in offered[0]
    assert all("已销号" not in text for text in offered[0])
    settle(gui, entry)
    assert answers(gui, controller, entry.selfcheck_id)["4.2"]["problem_id"] == existing
    assert not self_check_problems(gui, controller)           # linked, no second problem
    assert code(entry) == "4.3"                               # on to the next unanswered

    # The admin may read self-checks but not fill them.
    gui.close()
    controller = gui.start()
    window = gui.login(controller, "admin")
    page = open_selfcheck_area(gui, window)
    gui.qtbot.waitUntil(lambda: page.table.rowCount() == 1, timeout=WAIT)
    assert not page.new_button.isEnabled()
    page.continue_selected()
    entry = page.entry
    gui.qtbot.waitUntil(lambda: entry.data is not None, timeout=WAIT)
    press(gui, entry, Key.Key_1)
    assert entry.progress.text() == "1 / 17"
    assert not entry.answer_buttons["conform"].isEnabled() and entry.note.isReadOnly()


def test_screenshot_of_the_entry_view(gui: Any, tmp_path: Path) -> None:
    """The entry view as an officer sees it half-way (saved when FIELDLEDGER_SCREENSHOTS names
    a file)."""
    controller, window = gui.demo_window("officer")
    window.resize(1200, 780)
    page = open_selfcheck_area(gui, window)
    entry = start_qinghai(gui, page)
    press(gui, entry, Key.Key_1, Key.Key_1)
    ime_commit(entry.note, "对辖区收费停车场收取过夜停车费，未见收费依据和公示")
    entry.evidence.setText("收费台账、现场照片")
    press(gui, entry, Key.Key_2, Key.Key_1, Key.Key_1)
    ime_commit(entry.note, "暂扣车辆登记不全，2 辆车未出具文书")
    press(gui, entry, Key.Key_2, Key.Key_3)
    settle(gui, entry)
    press(gui, entry, Key.Key_Home, Key.Key_Down, Key.Key_Down)
    settle(gui, entry)
    assert code(entry) == "1.3" and "已挂问题台账：序号" in entry.problem_label.text()
    entry.attach_files([str(photo(tmp_path))])
    gui.qtbot.waitUntil(lambda: file_names(entry) == ["罚没票据.png"], timeout=WAIT)
    if os.environ.get("FIELDLEDGER_SCREENSHOTS"):
        window.grab().save(os.environ["FIELDLEDGER_SCREENSHOTS"])


# --- templates panel -----------------------------------------------------------------------------

def templates_panel(gui: Any, window: Any) -> TemplatesPanel:
    settings = window.area("settings")
    window.show_area("settings")
    panel = settings.findChild(TemplatesPanel)
    assert panel is not None
    settings.tabs.setCurrentWidget(panel)
    gui.qtbot.waitUntil(lambda: panel.table.rowCount() >= 3, timeout=WAIT)
    return panel


def column(panel: TemplatesPanel, col: int) -> list[str]:
    return [panel.table.item(r, col).text() for r in range(panel.table.rowCount())]


def select(panel: TemplatesPanel, name_part: str) -> None:
    row = next(r for r, name in enumerate(column(panel, 1)) if name_part in name)
    panel.table.setCurrentCell(row, 0)


def test_template_panel_export_broken_import_and_json_version(gui: Any, tmp_path: Path,
                                                               monkeypatch: Any) -> None:
    controller, window = gui.demo_window("chief")
    panel = templates_panel(gui, window)
    assert "检查模板" in [window.area("settings").tabs.tabText(i)
                          for i in range(window.area("settings").tabs.count())]
    assert column(panel, 0).count("自查清单") == 2 and column(panel, 0).count("案卷评查标准") == 1
    assert set(column(panel, 7)) == {"在用"} and set(column(panel, 8)) == {"内置示例"}
    assert panel.import_button.isEnabled() and panel.toggle_button.isEnabled()

    # 导出为 Excel… of the Qinghai list.
    select(panel, "五个方面")
    xlsx = tmp_path / "导出" / "五个方面.xlsx"
    xlsx.parent.mkdir()
    monkeypatch.setattr(QFileDialog, "getSaveFileName",
                        staticmethod(lambda *a, **k: (str(xlsx.with_suffix("")), "")))
    panel.export_xlsx_button.click()
    gui.qtbot.waitUntil(lambda: any("已导出到" in t for _ti, t in gui.boxes.of("information")),
                        timeout=WAIT)
    assert xlsx.exists()        # the suffix was added

    # A broken copy: an item without its text, a group that is not in 分组.
    wb = load_workbook(xlsx)
    ws = wb["条目"]
    headers = [c.value for c in ws[1]]
    text_col = headers.index("内容") + 1
    ws.cell(3, text_col).value = None
    ws.cell(5, headers.index("分组") + 1).value = "不存在的分组"
    broken = tmp_path / "改坏的模板.xlsx"
    wb.save(broken)
    monkeypatch.setattr(QFileDialog, "getOpenFileName",
                        staticmethod(lambda *a, **k: (str(broken), "")))
    panel.import_button.click()
    gui.qtbot.waitUntil(lambda: panel.errors_dialog is not None
                        and panel.errors_dialog.isVisible(), timeout=WAIT)
    dialog = panel.errors_dialog
    rows = dialog.rows()
    assert ["条目", "3", "C", "内容", "不能为空。"] in rows
    assert any(r[:4] == ["条目", "5", "A", "分组"] and "不存在的分组" in r[4] for r in rows)
    intro = dialog.findChild(QLabel, "intro").text()
    assert "“改坏的模板.xlsx”有 2 处错误" in intro and "没有导入任何内容" in intro
    if os.environ.get("FIELDLEDGER_SCREENSHOTS_ERRORS"):
        dialog.grab().save(os.environ["FIELDLEDGER_SCREENSHOTS_ERRORS"])
    dialog.reject()
    gui.idle(controller)
    assert len(column(panel, 1)) == 3            # nothing stored

    # A JSON version with one more item: listed as a new version and selected.
    json_path = tmp_path / "五个方面.json"
    panel.export_to(panel.current_id(), str(json_path))
    gui.qtbot.waitUntil(json_path.exists, timeout=WAIT)
    gui.idle(controller)
    data = json.loads(json_path.read_text(encoding="utf-8"))
    data["version"] = "2024修订版"
    data["example"] = False
    data["sections"][0]["items"].append({"code": "1.5", "text": "以罚代纠、只罚不纠",
                                         "guidance": "", "evidence": ""})
    json_path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    monkeypatch.setattr(QFileDialog, "getOpenFileName",
                        staticmethod(lambda *a, **k: (str(json_path), "")))
    panel.import_button.click()
    gui.qtbot.waitUntil(lambda: panel.table.rowCount() == 4, timeout=WAIT)
    gui.qtbot.waitUntil(lambda: any("已导入《" in t for _ti, t in gui.boxes.of("information")),
                        timeout=WAIT)
    assert "2024修订版" in column(panel, 2)
    current = panel.current()
    assert current is not None and current["version"] == "2024修订版"
    assert panel.table.item(panel.table.currentRow(), 5).text() == "18"
    assert panel.table.item(panel.table.currentRow(), 8).text() == "五个方面.json"

    # 停用 the new version: shown as such, and offered no more for new self-checks.
    panel.toggle_button.click()
    gui.qtbot.waitUntil(lambda: panel.current() is not None and not panel.current()["active"],
                        timeout=WAIT)
    assert panel.toggle_button.text() == "启用"
    assert panel.table.item(panel.table.currentRow(), 7).text() == "停用"


def test_template_panel_for_an_officer(gui: Any) -> None:
    controller, window = gui.demo_window("officer")
    panel = templates_panel(gui, window)
    assert not panel.import_button.isEnabled() and not panel.toggle_button.isEnabled()
    assert panel.export_xlsx_button.isEnabled() and panel.export_json_button.isEnabled()
    assert not panel.rights.isHidden()
