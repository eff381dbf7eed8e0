"""GUI: the 案卷评查 area: registering a case file, reviewing it with the keyboard, findings to the
ledger, the 复核 by a second reviewer, the Excel import with a bad row, the summary.

The real app with the demo data, offscreen, on a real SQLite file; every database read of a
check runs on the controller's worker (``db``). Message boxes are recorded by the ``gui`` fixture;
tests that confirm a question patch ``QMessageBox.question``.
"""
from __future__ import annotations

from pathlib import Path
from typing import Any

import shiboken6
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QApplication, QMessageBox

from models import accounts, casefiles, casereviews
from models.demo import DEMO_PASSWORD
from models.session import login
from test_ui_ledger import db, ime_commit
from ui_helpers import WAIT


def open_area(gui: Any, window: Any) -> Any:
    """Show 案卷评查 and wait for the register's first load."""
    window.show_area("review")
    page = window.area("review")
    gui.qtbot.waitUntil(lambda: page.register.counts.text() != "", timeout=WAIT)
    gui.idle(page.controller)
    return page


def gone(widget: Any) -> bool:
    """True once a dialog is closed (or already deleted)."""
    return not shiboken6.isValid(widget) or not widget.isVisible()


def activate(gui: Any, window: Any) -> None:
    """Make the main window the active one again (after a dialog), so that focus moves."""
    window.activateWindow()
    gui.qtbot.waitUntil(lambda: QApplication.activeWindow() is window, timeout=WAIT)


def test_smoke(gui: Any) -> None:
    controller, window = gui.demo_window("reviewer")
    page = open_area(gui, window)
    assert page.register.counts.text().startswith("共")


CASE_NO = "玛交执罚〔2024〕12号"


def register_through_dialog(gui: Any, page: Any) -> int:
    """登记案卷 with the keyboard: type every field, Ctrl+Enter saves; return the file's id."""
    qtbot = gui.qtbot
    register = page.register
    dialog = register.add_file()
    qtbot.waitUntil(dialog.isVisible, timeout=WAIT)
    ime_commit(dialog.case_no, CASE_NO)
    dialog.case_type.setCurrentIndex(dialog.case_type.findText("行政处罚"))
    dialog.domain.setCurrentText("公路路政")
    ime_commit(dialog.cause, "车辆超限运输")
    ime_commit(dialog.party, "青海某运输有限公司")
    ime_commit(dialog.officers, "李海龙、索南扎西")
    dialog.major.setChecked(True)
    dialog.agency.setCurrentText("玛沁县交通运输综合行政执法大队")
    dialog.closed_date.set_iso("2024-05-20")
    ime_commit(dialog.note, "2024年第二季度评查")
    qtbot.keyClick(dialog.cause, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: gone(dialog), timeout=WAIT)
    gui.idle(page.controller)
    qtbot.waitUntil(lambda: register.current_file() is not None
                    and register.current_file()["case_no"] == CASE_NO, timeout=WAIT)
    return register.current_id()


def test_register_review_with_the_keyboard_and_hang_findings_on_the_ledger(
        gui: Any, monkeypatch: Any) -> None:
    controller, window = gui.demo_window("reviewer")
    qtbot = gui.qtbot
    page = open_area(gui, window)
    assert page.register.counts.text() == "共 5 卷：未评查 2，待复核 1，已评查 2"   # the demo's
    cid = register_through_dialog(gui, page)
    again = page.register.add_file()                   # the same 案卷编号: refused in the dialog
    qtbot.waitUntil(again.isVisible, timeout=WAIT)
    ime_commit(again.case_no, CASE_NO)
    ime_commit(again.cause, "车辆超限运输")
    qtbot.keyClick(again.cause, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: again.message.isVisible(), timeout=WAIT)
    assert again.message.text() == f"案卷编号“{CASE_NO}”已登记。" and again.isVisible()
    again.reject()
    row = db(gui, controller, "SELECT c.*, u.name AS unit FROM case_files c JOIN units u"
             " ON u.id = c.unit_id WHERE c.id = ?", (cid,))[0]
    assert (row["case_type"], row["domain"], row["party"], row["officers"], row["major"],
            row["closed_date"], row["note"], row["unit"], row["review_state"]) == (
        "penalty", "公路路政", "青海某运输有限公司", "李海龙、索南扎西", 1, "2024-05-20",
        "2024年第二季度评查", "玛沁县交通运输综合行政执法大队", "unreviewed")

    # Enter on the register opens the file in the 评查 tab.
    activate(gui, window)
    qtbot.keyClick(page.register.table, Qt.Key.Key_Return)
    view = page.review
    assert page.tabs.currentWidget() is view
    qtbot.waitUntil(lambda: view.title.text().startswith(CASE_NO), timeout=WAIT)
    assert "尚未评查" in view.banner.text()
    assert view.start_button.isVisible() and "案卷评查标准" in view.standard.currentText()
    qtbot.mouseClick(view.start_button, Qt.MouseButton.LeftButton)
    form = view.form
    qtbot.waitUntil(lambda: form.editable and bool(form.tree.codes()), timeout=WAIT)
    tree = form.tree
    assert form.score_label.text() == "100" and form.grade_label.text() == "优秀"

    def review_row() -> dict[str, Any]:
        gui.idle(controller)
        return db(gui, controller, "SELECT * FROM case_reviews WHERE case_file_id = ?", (cid,))[0]

    def marks() -> dict[str, tuple[int, str]]:
        gui.idle(controller)
        return {r["code"]: (r["count"], r["note"]) for r in db(
            gui, controller, "SELECT i.code, m.count, m.note FROM case_review_marks m"
            " JOIN template_items i ON i.id = m.item_id JOIN case_reviews r ON r.id = m.review_id"
            " WHERE r.case_file_id = ?", (cid,))}

    def deduct(code: str, presses: list[Any], note: str | None) -> None:
        tree.setFocus()
        tree.select_code(code)
        for key in presses:
            qtbot.keyClick(tree, key)
        if note is not None:
            qtbot.keyClick(tree, Qt.Key.Key_Tab)
            assert QApplication.focusWidget() is form.note_edit
            ime_commit(form.note_edit, note)
            qtbot.keyClick(form.note_edit, Qt.Key.Key_Return)
            assert QApplication.focusWidget() is tree

    # D2 现场检查笔录要素缺失: Space ticks it, + makes it two occurrences (2 × 2 points).
    deduct("D2", [Qt.Key.Key_Space, Qt.Key.Key_Plus], "第3页现场检查笔录缺少检查时间和地点")
    assert (form.score_label.text(), form.grade_label.text()) == ("96", "优秀")
    assert marks() == {"D2": (2, "第3页现场检查笔录缺少检查时间和地点")}
    # J4 处罚决定书要素缺失: three occurrences, then one less.
    deduct("J4", [Qt.Key.Key_Space, Qt.Key.Key_Plus, Qt.Key.Key_Plus, Qt.Key.Key_Minus],
           "决定书未写明履行方式和救济途径")
    assert (form.score_label.text(), form.grade_label.text()) == ("90", "优秀")
    # S1 未在7日内送达: ticked, its note not written yet: counted, shown as missing, not stored.
    deduct("S1", [Qt.Key.Key_Space], None)
    assert (form.score_label.text(), form.grade_label.text()) == ("86", "合格")
    assert tree.row_of("S1").text(5) == "（请填写扣分说明）"
    assert "1 项尚未填写扣分说明" in form.warn_label.text()
    assert "S1" not in marks()
    other = db(gui, controller, "SELECT id FROM case_files WHERE case_no = ?",
               ("玛交执罚〔2024〕8号",))[0]["id"]
    page.open_case(other)            # leaving asks first (the recorded box answers 取消): stays
    assert "S1" in gui.boxes.of("question")[-1][1] and view.case_id == cid
    # A veto item makes it 0 / 不合格 at once; Space again takes it back.
    deduct("F3", [Qt.Key.Key_Space], None)
    assert (form.score_label.text(), form.grade_label.text()) == ("0", "不合格")
    assert "否决项成立：执法人员少于2人" in form.warn_label.text()
    qtbot.keyClick(tree, Qt.Key.Key_Space)
    assert (form.score_label.text(), form.grade_label.text()) == ("86", "合格")

    # Submitting refuses while a note is missing, and puts the cursor there.
    gui.boxes.shown.clear()
    qtbot.keyClick(tree, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert gui.boxes.of("warning") and "S1" in gui.boxes.of("warning")[0][1]
    assert "还没有填写扣分说明" in gui.boxes.of("warning")[0][1]
    assert tree.current_code() == "S1" and QApplication.focusWidget() is form.note_edit
    ime_commit(form.note_edit, "送达回证显示结案后第9日送达")
    qtbot.keyClick(form.note_edit, Qt.Key.Key_Return)
    assert marks() == {"D2": (2, "第3页现场检查笔录缺少检查时间和地点"),
                       "J4": (2, "决定书未写明履行方式和救济途径"),
                       "S1": (1, "送达回证显示结案后第9日送达")}
    draft = review_row()
    assert (draft["status"], draft["score"], draft["grade"], draft["vetoed"]) == (
        "draft", 86, "pass", 0)
    stage_lost = {tree.topLevelItem(i).text(0): tree.topLevelItem(i).text(4)
                  for i in range(tree.topLevelItemCount())}
    assert stage_lost["调查取证（35 分）"] == "-4" and stage_lost["审查决定（35 分）"] == "-6"

    # Ctrl+Enter submits after the confirmation.
    questions: list[str] = []

    def yes(_parent: Any, _title: str, text: str, *_a: Any, **_k: Any) -> Any:
        questions.append(text)
        return QMessageBox.StandardButton.Yes

    monkeypatch.setattr(QMessageBox, "question", staticmethod(yes))
    ime_commit(form.opinion, "文书制作需加强")
    qtbot.keyClick(tree, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert questions and "得分 86 分，等次：合格" in questions[0]
    qtbot.waitUntil(lambda: not form.editable, timeout=WAIT)
    done = review_row()
    assert (done["status"], done["score"], done["grade"], done["note"]) == (
        "submitted", 86, "pass", "文书制作需加强")
    gui.idle(controller)
    f = db(gui, controller, "SELECT * FROM case_files WHERE id = ?", (cid,))[0]
    assert (f["review_state"], f["final_score"], f["final_grade"]) == ("reviewed", 86, "pass")
    qtbot.waitUntil(lambda: "已评查：最终得分 86 分，合格" in view.banner.text(), timeout=WAIT)
    assert not form.submit_button.isVisible()
    qtbot.keyClick(tree, Qt.Key.Key_Space)                      # a submitted review stays
    assert form.score_label.text() == "86"

    # Two deductions become ledger problems in one action.
    rid = done["id"]
    tree.clearSelection()
    tree.select_code("D2")
    qtbot.keyClick(tree, Qt.Key.Key_Down, Qt.KeyboardModifier.ShiftModifier)   # D3 (unmarked)
    tree.row_of("J4").setSelected(True)
    assert form.findings() == ["D2", "J4"]
    qtbot.mouseClick(form.problems_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: form.problems_dialog is not None
                    and form.problems_dialog.isVisible(), timeout=WAIT)
    dialog = form.problems_dialog
    assert dialog.findChild(type(dialog.campaign), "problem_campaign") is dialog.campaign
    dialog.campaign.setCurrentIndex(dialog.campaign.findText("交通运输执法领域突出问题专项整治行动"))
    assert dialog.ok_button.text() == "登记 2 个问题"
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: gone(dialog), timeout=WAIT)
    assert any("已在问题台账中登记 2 个问题" in text for _t, text in gui.boxes.of("information"))
    gui.idle(controller)
    problems = db(gui, controller, "SELECT p.*, c.doc_no FROM problems p LEFT JOIN campaigns c"
                  " ON c.id = p.campaign_id WHERE p.source = 'case_review'"
                  " AND p.source_ref LIKE 'casereview:%' ORDER BY p.source_ref")
    assert [(p["source_ref"], p["issue"], p["category"], p["status"], p["doc_no"])
            for p in problems] == [
        (f"casereview:{rid}:D2", "现场检查（勘验）笔录要素缺失", "执法不规范", "open",
         "青交执法监法〔2023〕30号"),
        (f"casereview:{rid}:J4", "处罚决定书要素缺失", "执法不规范", "open",
         "青交执法监法〔2023〕30号")]
    assert all(p["unit_id"] == f["unit_id"] for p in problems)
    assert problems[0]["manifestation"] == (
        f"案卷 {CASE_NO}（车辆超限运输）：第3页现场检查笔录缺少检查时间和地点；扣 4 分（2 处）")
    links = {r["code"]: r["problem_id"] for r in db(
        gui, controller, "SELECT i.code, m.problem_id FROM case_review_marks m"
        " JOIN template_items i ON i.id = m.item_id WHERE m.review_id = ?", (rid,))}
    assert links["D2"] == problems[0]["id"] and links["J4"] == problems[1]["id"]
    assert links["S1"] is None
    qtbot.waitUntil(lambda: tree.row_of("D2").text(6) == "已转入", timeout=WAIT)
    assert tree.row_of("J4").text(6) == "已转入" and tree.row_of("S1").text(6) == ""

    # A double-click on 已转入 shows the problem in 问题台账.
    row = tree.row_of("J4")
    tree.scrollToItem(row)
    spot = QPoint(tree.header().sectionViewportPosition(6) + 8,
                  tree.visualItemRect(row).center().y())
    qtbot.mouseClick(tree.viewport(), Qt.MouseButton.LeftButton, pos=spot)   # press, release,
    qtbot.mouseDClick(tree.viewport(), Qt.MouseButton.LeftButton, pos=spot)  # then the double
    ledger = window.area("ledger")
    qtbot.waitUntil(lambda: window.stack.currentWidget() is ledger
                    and ledger.table.currentIndex().isValid()
                    and ledger.model.problem_id(ledger.table.currentIndex().row())
                    == problems[1]["id"], timeout=WAIT)


# --- 复核 ----------------------------------------------------------------------------------------

def core_review(gui: Any, controller: Any, session: Any, cid: int, marks: dict[str, int]) -> None:
    """A submitted first review of file ``cid`` by ``session``, through the core."""
    tid = db(gui, controller, "SELECT id FROM templates WHERE kind = 'case_review'")[0]["id"]
    gui.call(controller, casereviews.start_review, session, cid, tid)
    rid = db(gui, controller, "SELECT max(id) AS id FROM case_reviews WHERE reviewer_id = ?",
             (session.account_id,))[0]["id"]
    for code, count in marks.items():
        gui.call(controller, casereviews.mark_item, session, rid, code, count, "卷内第5页")
    gui.call(controller, casereviews.submit_review, session, rid)


def test_reviewers_who_disagree_and_the_recheck_by_a_second_reviewer(
        gui: Any, monkeypatch: Any) -> None:
    controller, window = gui.demo_window("reviewer")
    qtbot = gui.qtbot
    reviewer = controller.session
    chief = gui.call(controller, login, controller.store, "chief", DEMO_PASSWORD)
    admin = gui.call(controller, login, controller.store, "admin", DEMO_PASSWORD)
    gui.call(controller, accounts.create_account, admin, username="reviewer2",
             password="review-pass-2", roles=["reviewer"])
    gui.call(controller, casefiles.add_case_file, chief, case_no=CASE_NO, case_type="行政处罚",
             cause="车辆超限运输", party="青海某运输有限公司", closed_date="2023-11-20")
    cid = db(gui, controller, "SELECT id FROM case_files WHERE case_no = ?", (CASE_NO,))[0]["id"]
    core_review(gui, controller, reviewer, cid, {"J4": 1})                # 97 优秀
    core_review(gui, controller, chief, cid, {"J4": 3, "D2": 1})          # 89 合格

    # The first reviewer sees the disagreement, both grades, and may not do the 复核.
    page = open_area(gui, window)
    page.open_case(cid)
    view = page.review
    qtbot.waitUntil(lambda: "须复核" in view.banner.text(), timeout=WAIT)
    banner = view.banner.text()
    assert "评查人员评定的等次不一致" in banner
    assert "初评结果不一致：马文斌 97 分（优秀）；才让东智 89 分（合格）" in banner
    assert not view.recheck_button.isVisible() and not view.start_button.isVisible()
    assert "复核须由初评以外的评查人员进行" in view.start_hint.text()
    assert view.reviews.rowCount() == 2
    assert [view.reviews.item(r, 5).text() for r in range(2)] == ["优秀", "合格"]
    qtbot.waitUntil(lambda: view.form.score_label.text() == "97", timeout=WAIT)
    assert not view.form.editable                  # one's own submitted review, read-only

    # Another reviewer opens it and does the 复核 with the keyboard.
    window.logout_requested.emit()
    window = gui.login(controller, "reviewer2", "review-pass-2")
    page = open_area(gui, window)
    register = page.register
    register.state.setCurrentIndex(register.state.findText("待复核"))
    assert register.counts.text() == "共 2 卷：待复核 2"     # with the demo's 19号
    register.select_id(cid)
    activate(gui, window)
    qtbot.mouseClick(register.open_button, Qt.MouseButton.LeftButton)
    view = page.review
    qtbot.waitUntil(lambda: view.recheck_button.isVisible(), timeout=WAIT)
    assert "初评结果不一致" in view.banner.text()
    assert not view.start_button.isVisible()
    qtbot.mouseClick(view.recheck_button, Qt.MouseButton.LeftButton)
    form = view.form
    qtbot.waitUntil(lambda: form.editable, timeout=WAIT)
    assert form.state_label.text().startswith("复核草稿")
    tree = form.tree
    tree.setFocus()
    tree.select_code("J4")
    for key in (Qt.Key.Key_Space, Qt.Key.Key_Plus):
        qtbot.keyClick(tree, key)
    qtbot.keyClick(tree, Qt.Key.Key_Tab)
    ime_commit(form.note_edit, "决定书缺少履行期限和救济途径")
    qtbot.keyClick(form.note_edit, Qt.Key.Key_Return)
    assert (form.score_label.text(), form.grade_label.text()) == ("94", "优秀")
    monkeypatch.setattr(QMessageBox, "question", staticmethod(
        lambda *_a, **_k: QMessageBox.StandardButton.Yes))
    qtbot.keyClick(tree, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: "已复核：最终得分 94 分，优秀（以复核结果为准）" in view.banner.text(),
                    timeout=WAIT)
    gui.idle(controller)
    f = db(gui, controller, "SELECT * FROM case_files WHERE id = ?", (cid,))[0]
    assert (f["review_state"], f["final_score"], f["final_grade"]) == ("rechecked", 94,
                                                                       "excellent")
    second = db(gui, controller, "SELECT r.round, r.status, a.username FROM case_reviews r"
                " JOIN accounts a ON a.id = r.reviewer_id WHERE r.case_file_id = ?"
                " ORDER BY r.id", (cid,))
    assert [(r["round"], r["status"], r["username"]) for r in second] == [
        (1, "submitted", "reviewer"), (1, "submitted", "chief"), (2, "submitted", "reviewer2")]
    assert view.reviews.rowCount() == 3 and view.reviews.item(2, 0).text() == "复核"

    # The summary counts the file once, with the 复核's result, and its most frequent deduction.
    page.tabs.setCurrentIndex(2)
    summary = page.summary
    qtbot.waitUntil(lambda: summary.units_table.rowCount() > 0, timeout=WAIT)
    summary.year.setCurrentIndex(summary.year.findData(2023))
    gui.idle(controller)
    qtbot.waitUntil(lambda: summary.units_table.rowCount() == 1, timeout=WAIT)
    cells = [summary.units_table.item(0, c).text() for c in range(8)]
    assert cells == ["玛沁县大武超限检测站", "1", "1", "0", "0", "0", "0", "94"]
    assert [summary.deductions.item(0, c).text() for c in (0, 1, 3, 4, 5)] == [
        "J4", "处罚决定书要素缺失", "1", "2", "6"]
    assert summary.vetoes.rowCount() == 0


# --- Excel import ---------------------------------------------------------------------------------

def test_import_a_case_file_list_with_a_bad_row(gui: Any, tmp_path: Path,
                                               monkeypatch: Any) -> None:
    controller, window = gui.demo_window("officer")       # officers register files too
    qtbot = gui.qtbot
    page = open_area(gui, window)
    register = page.register
    before = len(register.files)
    path = tmp_path / "2024年案卷清单.xlsx"
    casefiles.write_blank(path, [
        ["玛交执罚〔2024〕21号", "行政处罚", "公路路政", "车辆超限运输", "张某", "李海龙、索南扎西", "否",
         "玛沁县交通运输综合行政执法大队", "2024-03-02", ""],
        ["玛交执罚〔2024〕22号", "行政裁决", "公路路政", "", "赵某", "李海龙", "大概", "", "四月份", ""],
        ["玛交执强〔2024〕3号", "行政强制", "道路运输", "暂扣未取得许可的营运车辆", "王某", "李海龙", "是",
         "", "2024年4月8日", "重大案件"],
        ["玛交执罚〔2024〕21号", "行政处罚", "公路路政", "车辆超限运输", "张某", "李海龙", "否", "",
         "2024-03-02", ""],
    ])
    assert register.import_button.isEnabled()
    dialog = register.open_import()
    qtbot.waitUntil(dialog.isVisible, timeout=WAIT)
    dialog.load_file(str(path))
    qtbot.waitUntil(lambda: dialog.preview is not None, timeout=WAIT)
    table = dialog.table
    assert [table.item(r, 1).text() for r in range(table.rowCount())] == [
        "将导入", "有错误（不导入）", "将导入", "已登记（跳过）"]
    bad = table.item(1, 2).text()
    assert "“案件类型”应为 行政处罚、行政强制、行政检查、行政许可 之一，而不是：行政裁决" in bad
    assert "缺少“案由”" in bad and "“是否重大案件”应填“是”或“否”，而不是：大概" in bad
    assert "“结案时间”不是日期：四月份" in bad
    assert "与本文件第 2 行的案卷编号相同" in table.item(3, 2).text()
    assert table.item(2, 4).text() == "行政强制" and table.item(2, 9).text() == "是"
    assert table.item(2, 11).text() == "2024-04-08"
    assert "将导入 2 行" in dialog.summary.text() and "有错误 1 行" in dialog.summary.text()
    table.selectRow(1)
    assert dialog.detail.text().startswith("第 3 行：")
    assert dialog.import_button.text() == "导入 2 个案卷"
    assert gui.call(controller, lambda: len(casefiles.list_case_files(controller.session))) \
        == before                                         # the preview stores nothing

    monkeypatch.setattr(QMessageBox, "question", staticmethod(
        lambda *_a, **_k: QMessageBox.StandardButton.Yes))
    qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: gone(dialog), timeout=WAIT)
    assert ("导入完成", "已登记 2 个案卷。") in gui.boxes.of("information")
    gui.idle(controller)
    rows = {r["case_no"]: r for r in db(gui, controller, "SELECT c.*, u.name AS unit FROM"
                                        " case_files c JOIN units u ON u.id = c.unit_id")}
    assert rows["玛交执罚〔2024〕21号"]["unit"] == "玛沁县交通运输综合行政执法大队"
    assert rows["玛交执强〔2024〕3号"]["major"] == 1
    assert rows["玛交执强〔2024〕3号"]["source"] == "2024年案卷清单.xlsx"
    assert "玛交执罚〔2024〕22号" not in rows
    qtbot.waitUntil(lambda: len(register.files) == before + 2, timeout=WAIT)
    # 修改 opens the dialog filled in; Ctrl+Enter saves the change.
    register.select_id(rows["玛交执罚〔2024〕21号"]["id"])
    dialog = register.edit_file()
    qtbot.waitUntil(dialog.isVisible, timeout=WAIT)
    assert (dialog.case_no.text(), dialog.party.text(), dialog.closed_date.iso()) == (
        "玛交执罚〔2024〕21号", "张某", "2024-03-02")
    dialog.party.clear()
    ime_commit(dialog.party, "张某某")
    qtbot.keyClick(dialog.party, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: gone(dialog), timeout=WAIT)
    gui.idle(controller)
    assert db(gui, controller, "SELECT party FROM case_files WHERE case_no = ?",
              ("玛交执罚〔2024〕21号",))[0]["party"] == "张某某"
    register.search.setText("暂扣 未取得许可")
    assert register.counts.text() == "共 1 卷：未评查 1"
    # Officers register but do not review: the review tab offers no start.
    register.select_id(rows["玛交执强〔2024〕3号"]["id"])
    page.open_case(rows["玛交执强〔2024〕3号"]["id"])
    qtbot.waitUntil(lambda: page.review.title.text().startswith("玛交执强"), timeout=WAIT)
    assert not page.review.start_bar.isVisible()
