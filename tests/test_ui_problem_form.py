"""GUI: the ledger's detail form: no deadline (无期限), unsaved edits kept across a reload of the
ledger, and evidence thumbnails decoded off the GUI thread.

Real widgets offscreen on a real SQLite file (the demo installation); database reads of a check
run on the controller's worker (``gui.call``) or after shutdown (``reopened``).
"""
from __future__ import annotations

import threading
from typing import Any

from PySide6.QtCore import QDate, QSize, QThreadPool
from PySide6.QtGui import QColor, QImage, QTextCursor

from models import problems
from ui.pages import problem_form
from ui.pages.problem_form import NO_DATE, THUMB, THUMB_STATE_ROLE, ProblemForm
from ui_helpers import WAIT, reopened

from test_ui_ledger import DEADLINE_COL, click, click_row, db, ime_commit, open_ledger


def select_problem(gui: Any, page: Any, issue: str) -> dict[str, Any]:
    """Click the row of the problem ``issue`` and wait until the form shows it."""
    (row,) = db(gui, page.controller, "SELECT * FROM problems WHERE issue = ?", (issue,))
    model = page.model
    gui.qtbot.waitUntil(lambda: model.row_of(row["id"]) is not None, timeout=WAIT)
    click_row(gui, page.table, model.row_of(row["id"]))
    gui.qtbot.waitUntil(lambda: page.form.problem is not None
                        and page.form.problem["id"] == row["id"], timeout=WAIT)
    gui.idle(page.controller)
    return row


def saved(gui: Any, page: Any) -> list[dict[str, Any]]:
    """Record what the form asks to save."""
    asked: list[dict[str, Any]] = []
    page.form.save_requested.connect(lambda values: asked.append(dict(values)))
    return asked


# --- 整改时限: none, and clearing one -------------------------------------------------------------

def test_a_deadline_can_be_cleared_and_set_again_and_a_new_problem_can_have_none(gui):
    controller, window = gui.demo_window("chief")
    page = open_ledger(gui, window)
    form = page.form
    asked = saved(gui, page)
    row = select_problem(gui, page, "随意拦车扣车")
    pid, due = row["id"], row["deadline"]
    assert due
    assert not form.no_deadline.isChecked() and form.deadline.isEnabled()
    assert form.deadline.date().toString("yyyy-MM-dd") == due
    assert form.values()["deadline"] == due and not form.has_unsaved_edits()

    # 无期限: the date edit shows （无期限） and is disabled; the save sends None.
    form.no_deadline.click()
    assert form.no_deadline.isChecked() and not form.deadline.isEnabled()
    assert form.deadline.date() == NO_DATE and form.deadline.text() == "（无期限）"
    assert form.has_unsaved_edits() and form.edits() == {"deadline": None}
    click(gui, form.save_button)
    gui.qtbot.waitUntil(lambda: form.problem["deadline"] is None, timeout=WAIT)
    gui.idle(controller)
    assert asked == [{"deadline": None}]
    assert db(gui, controller, "SELECT deadline FROM problems WHERE id = ?",
              (pid,))[0]["deadline"] is None
    assert form.no_deadline.isChecked() and not form.has_unsaved_edits()
    row_index = page.model.row_of(pid)
    gui.qtbot.waitUntil(lambda: page.model.data(page.model.index(row_index, DEADLINE_COL)) == "",
                        timeout=WAIT)

    # Unticked again, the date the field had before is offered; stepping below the first date
    # the field takes is 无期限 too.
    form.no_deadline.click()
    assert form.deadline.isEnabled() and form.values()["deadline"] == due
    form.deadline.setDate(QDate.fromString("2031-03-31", "yyyy-MM-dd"))
    click(gui, form.save_button)
    gui.qtbot.waitUntil(lambda: form.problem["deadline"] == "2031-03-31", timeout=WAIT)
    assert asked[-1] == {"deadline": "2031-03-31"}
    form.deadline.setFocus()
    form.deadline.setDate(NO_DATE)
    assert form.no_deadline.isChecked() and form.values()["deadline"] is None
    form.no_deadline.click()
    assert form.values()["deadline"] == "2031-03-31"
    assert not form.has_unsaved_edits()

    # A new problem without a deadline.
    click(gui, page.new_button)
    assert form.problem is None and not form.no_deadline.isChecked()
    assert form.values()["deadline"] == QDate.currentDate().addDays(30).toString("yyyy-MM-dd")
    ime_commit(form.issue, "执法车辆未按规定停放")
    form.no_deadline.click()
    click(gui, form.save_button)
    gui.qtbot.waitUntil(lambda: form.problem is not None, timeout=WAIT)
    assert asked[-1]["deadline"] is None and asked[-1]["issue"] == "执法车辆未按规定停放"
    new_id = form.problem["id"]
    assert form.no_deadline.isChecked()
    gui.idle(controller)
    assert not gui.boxes.shown

    gui.close()
    with reopened(gui.data_dir) as store:
        rows = {r["id"]: r for r in store.query("SELECT id, deadline FROM problems"
                                                " WHERE id IN (?, ?)", (pid, new_id))}
        assert rows[pid]["deadline"] == "2031-03-31" and rows[new_id]["deadline"] is None
        assert store.verify_audit().ok


# --- a reload keeps what the user typed ---------------------------------------------------------

def test_a_reload_of_the_ledger_keeps_unsaved_edits_and_takes_the_other_changes(gui):
    controller, window = gui.demo_window("chief")
    page = open_ledger(gui, window)
    form = page.form
    asked = saved(gui, page)
    row = select_problem(gui, page, "以罚代管、一罚了之")
    pid = row["id"]

    # The user types at the end of 整改措施 and changes 存在问题 (not saved).
    form.measures.setFocus()
    cursor = form.measures.textCursor()
    cursor.movePosition(QTextCursor.MoveOperation.End)
    form.measures.setTextCursor(cursor)
    ime_commit(form.measures, "，每月抽查")
    gui.qtbot.keyClicks(form.measures, "2")
    ime_commit(form.measures, "份案卷")
    typed_measures = row["measures"] + "，每月抽查2份案卷"
    assert form.measures.toPlainText() == typed_measures
    form.issue.selectAll()
    ime_commit(form.issue, "以罚代管、一罚了之（复查）")
    form.measures.setFocus()
    assert form.has_unsaved_edits()
    assert set(form.edits()) == {"measures", "issue"}
    position = form.measures.textCursor().position()

    # Meanwhile the problem changes elsewhere (another page, a bulk change): the ledger reloads
    # and shows the problem again.
    (person,) = db(gui, controller, "SELECT id FROM people WHERE name = '马文斌'")
    with gui.qtbot.waitSignal(page.model.reloaded, timeout=WAIT):
        gui.call(controller, problems.update_problem, controller.session, pid,
                 remarks="省局督查组关注")
    with gui.qtbot.waitSignal(page.model.reloaded, timeout=WAIT):
        gui.call(controller, problems.bulk_update, controller.session, [pid],
                 responsible_person_id=person["id"], deadline="2030-01-31")
    gui.qtbot.waitUntil(lambda: form.problem["deadline"] == "2030-01-31", timeout=WAIT)
    gui.idle(controller)

    # What the user typed is still there, cursor and all; the other fields show the changes.
    assert form.measures.toPlainText() == typed_measures
    assert form.measures.textCursor().position() == position
    assert form.issue.text() == "以罚代管、一罚了之（复查）"
    assert form.remarks.text() == "省局督查组关注"
    assert form.person.currentData() == person["id"]
    assert form.deadline.date().toString("yyyy-MM-dd") == "2030-01-31"
    assert form.has_unsaved_edits() and set(form.edits()) == {"measures", "issue"}

    # Saving sends the edits only: the changes made meanwhile stay.
    click(gui, form.save_button)
    gui.qtbot.waitUntil(lambda: form.problem["measures"] == typed_measures, timeout=WAIT)
    gui.idle(controller)
    assert asked == [{"measures": typed_measures, "issue": "以罚代管、一罚了之（复查）"}]
    (after,) = db(gui, controller, "SELECT * FROM problems WHERE id = ?", (pid,))
    assert (after["measures"], after["issue"], after["remarks"], after["responsible_person_id"],
            after["deadline"]) == (typed_measures, "以罚代管、一罚了之（复查）", "省局督查组关注",
                                   person["id"], "2030-01-31")
    assert not form.has_unsaved_edits()

    # A form without edits simply follows the database.
    with gui.qtbot.waitSignal(page.model.reloaded, timeout=WAIT):
        gui.call(controller, problems.update_problem, controller.session, pid,
                 measures="改为按执法质量考核")
    gui.qtbot.waitUntil(lambda: form.measures.toPlainText() == "改为按执法质量考核",
                        timeout=WAIT)
    assert not form.has_unsaved_edits()
    assert not gui.boxes.shown


# --- thumbnails off the GUI thread ----------------------------------------------------------------

def _photo(path: Any, colour: str, size: tuple[int, int] = (1600, 1200)) -> str:
    image = QImage(*size, QImage.Format.Format_RGB32)
    image.fill(QColor(colour))
    assert image.save(str(path), "JPG")
    return str(path)


def _problem(pid: int, evidence: list[tuple[int, str]]) -> dict[str, Any]:
    return {"id": pid, "seq_no": pid, "status": "open", "campaign_id": None,
            "category": "执法不规范", "issue": f"问题{pid}", "manifestation": "", "measures": "",
            "responsible_dept": "", "responsible_person_id": None, "deadline": None,
            "scope": "common", "source": "self_check", "source_channel": "", "remarks": "",
            "completion": "", "effective": "", "rebound_measures": "", "notes": [],
            "events": [], "evidence": [{"id": eid, "original_name": name,
                                        "added_at": "2024-07-01T08:00:00+08:00"}
                                       for eid, name in evidence]}


def _states(form: ProblemForm) -> list[str]:
    return [form.evidence.item(i).data(THUMB_STATE_ROLE) for i in range(form.evidence.count())]


def _shows(form: ProblemForm, row: int, colour: str) -> bool:
    """Whether the thumbnail of evidence ``row`` is of the photo filled with ``colour`` (JPEG:
    within a few steps of it)."""
    icon = form.evidence.item(row).icon()
    seen = icon.pixmap(THUMB, THUMB).toImage().pixelColor(THUMB // 2, THUMB // 2)
    want = QColor(colour)
    return all(abs(a - b) <= 6 for a, b in ((seen.red(), want.red()),
                                            (seen.green(), want.green()),
                                            (seen.blue(), want.blue())))


def test_thumbnails_are_decoded_off_the_gui_thread_at_thumbnail_size(qtbot, tmp_path,
                                                                      monkeypatch):
    gate = threading.Event()
    decoded: list[tuple[str, bool, int, int]] = []   # path, on the GUI thread, width, height
    read = problem_form.read_thumbnail

    def slow_read(path: str) -> QImage:
        gate.wait(10)
        image = read(path)
        decoded.append((path, threading.current_thread() is threading.main_thread(),
                        image.width(), image.height()))
        return image

    monkeypatch.setattr(problem_form, "read_thumbnail", slow_read)
    red = _photo(tmp_path / "red.jpg", "#c62828")
    blue = _photo(tmp_path / "blue.jpg", "#1565c0", (1200, 1600))
    pdf = tmp_path / "report.pdf"
    pdf.write_bytes(b"%PDF-1.4\n%%EOF\n")
    form = ProblemForm()
    qtbot.addWidget(form)
    form.show()
    try:
        # Problem 1: the photo is still being decoded (the decoder is held) and the form is
        # already filled, with a placeholder: the GUI thread did not wait for it.
        form.show_problem(_problem(1, [(11, "red.jpg")]), {11: red})
        assert _states(form) == ["loading"] and decoded == []
        assert not form.evidence.item(0).icon().isNull()                 # the placeholder
        # The user moves on to problem 2 before problem 1's photo is ready.
        form.show_problem(_problem(2, [(21, "blue.jpg"), (22, "report.pdf")]),
                          {21: blue, 22: str(pdf)})
        assert _states(form) == ["loading", "loading"]
    finally:
        gate.set()
    qtbot.waitUntil(lambda: _states(form) == ["image", "file"], timeout=WAIT)
    qtbot.waitUntil(lambda: QThreadPool.globalInstance().activeThreadCount() == 0,
                    timeout=WAIT)
    qtbot.wait(50)   # a late result of problem 1 would be delivered by now

    assert [form.evidence.item(i).text() for i in range(2)] == ["blue.jpg", "report.pdf"]
    assert _shows(form, 0, "#1565c0")                                  # never problem 1's photo
    assert all(not on_gui for _path, on_gui, _w, _h in decoded)
    sizes = {path: (w, h) for path, _on_gui, w, h in decoded}
    assert sizes[blue] == (54, 72)                                       # read scaled down
    assert sizes[str(pdf)] == (0, 0)                                     # not an image
    assert red not in sizes or sizes[red] == (72, 54)

    # Shown again (a reload): the decoded thumbnails come from the cache, at once.
    count = len(decoded)
    form.show_problem(_problem(2, [(21, "blue.jpg"), (22, "report.pdf")]),
                      {21: blue, 22: str(pdf)})
    assert _states(form) == ["image", "file"] and len(decoded) == count
    assert _shows(form, 0, "#1565c0")


def test_the_evidence_list_after_attaching_shows_the_photo(gui, tmp_path, monkeypatch):
    """Through the page: an attached photo turns from placeholder into its thumbnail."""
    from PySide6.QtWidgets import QFileDialog
    controller, window = gui.demo_window("officer")
    page = open_ledger(gui, window)
    form = page.form
    select_problem(gui, page, "执法记录仪未全程记录")
    photo = _photo(tmp_path / "现场.jpg", "#2e7d32", (3000, 2000))
    monkeypatch.setattr(QFileDialog, "getOpenFileNames",
                        staticmethod(lambda *_a, **_k: ([photo], "")))
    before = form.evidence.count()
    click(gui, form.attach_button)
    gui.qtbot.waitUntil(lambda: form.evidence.count() == before + 1, timeout=WAIT)
    gui.qtbot.waitUntil(lambda: _states(form)[-1] == "image", timeout=WAIT)
    icon = form.evidence.item(before).icon()
    assert icon.availableSizes() == [QSize(72, 48)]                  # read scaled down
    assert _shows(form, before, "#2e7d32")
    assert not gui.boxes.shown


# --- leaving a form with unsaved typing ----------------------------------------------------------

def _answer(monkeypatch: Any, button: Any) -> list[str]:
    """Make the 未保存的修改 question answer ``button``; return the texts it was asked with."""
    from PySide6.QtWidgets import QMessageBox
    asked: list[str] = []

    def question(_parent: Any, _title: str, text: str, *_a: Any, **_k: Any) -> Any:
        asked.append(text)
        return button
    monkeypatch.setattr(QMessageBox, "question", staticmethod(question))
    return asked


def test_moving_to_another_row_with_unsaved_typing_asks_first(gui, monkeypatch):
    from PySide6.QtWidgets import QMessageBox
    buttons = QMessageBox.StandardButton
    controller, window = gui.demo_window("chief")
    page = open_ledger(gui, window)
    form = page.form
    first = select_problem(gui, page, "随意拦车扣车")
    other = db(gui, controller, "SELECT * FROM problems WHERE issue = ?", ("以罚代管、一罚了之",))[0]

    # 取消: the form keeps the typing and the table goes back to its row.
    form.remarks.setText("夜班记录待补")
    asked = _answer(monkeypatch, buttons.Cancel)
    click_row(gui, page.table, page.model.row_of(other["id"]))
    gui.idle(controller)
    assert asked and "尚未保存" in asked[0]
    assert form.problem["id"] == first["id"] and form.remarks.text() == "夜班记录待补"
    assert page.table.currentIndex().row() == page.model.row_of(first["id"])

    # 保存: saved, then the other problem is shown.
    _answer(monkeypatch, buttons.Save)
    click_row(gui, page.table, page.model.row_of(other["id"]))
    gui.qtbot.waitUntil(lambda: form.problem is not None and form.problem["id"] == other["id"],
                        timeout=WAIT)
    gui.idle(controller)
    assert db(gui, controller, "SELECT remarks FROM problems WHERE id = ?",
              (first["id"],))[0]["remarks"] == "夜班记录待补"

    # 不保存: the typing is dropped and the form moves on.
    form.remarks.setText("不要的草稿")
    _answer(monkeypatch, buttons.Discard)
    click_row(gui, page.table, page.model.row_of(first["id"]))
    gui.qtbot.waitUntil(lambda: form.problem["id"] == first["id"], timeout=WAIT)
    gui.idle(controller)
    assert db(gui, controller, "SELECT remarks FROM problems WHERE id = ?",
              (other["id"],))[0]["remarks"] == other["remarks"]

    # A new problem being typed counts too (Ctrl+N / 新建问题 asks before clearing it).
    page.new_problem()
    form.issue.setText("新发现的问题")
    asked = _answer(monkeypatch, buttons.Cancel)
    page.new_problem()
    assert asked and form.issue.text() == "新发现的问题"
    # Nothing typed: no question.
    form.issue.clear()
    asked = _answer(monkeypatch, buttons.Cancel)
    page.new_problem()
    assert asked == []
