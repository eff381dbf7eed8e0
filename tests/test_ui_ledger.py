"""GUI: the ledger area (问题台账): table, filters, search, the detail form's life cycle, laziness.

Real widgets offscreen on a real SQLite file; every database read of a check runs on the
controller's worker (``gui.call``) or after shutdown (``reopened``). The file dialog and the text
dialogs of the page are monkeypatched to answer at once, as a user would.
"""
from __future__ import annotations

import hashlib
from datetime import date, timedelta
from typing import Any

from PySide6.QtCore import QDate, QPoint, Qt
from PySide6.QtGui import QColor, QImage, QInputMethodEvent
from PySide6.QtWidgets import QApplication, QFileDialog, QInputDialog, QPushButton, QWidget

from models import problems
from models.demo import QINGHAI_2023, create_demo
from models.ledger_query import SEARCH_COLUMNS
from models.session import own_unit_id
from models.store import open_store
from ui.pages import ledger_model
from ui.pages.ledger_model import BLOCK, CACHE_ROWS, OVERDUE_BG, OVERDUE_FG, SOON_BG, SOON_FG
from ui.pages.problem_form import THUMB_STATE_ROLE
from ui_helpers import WAIT, reopened

DEADLINE_COL, STATUS_COL, ISSUE_COL = 4, 5, 2
FG, BG, TOOLTIP = 9, 8, 3


# --- helpers -------------------------------------------------------------------------------------

def _query(store: Any, sql: str, params: Any = ()) -> list[dict[str, Any]]:
    return store.query(sql, params)


def db(gui: Any, controller: Any, sql: str, params: Any = ()) -> list[dict[str, Any]]:
    """A read on the controller's worker thread (the thread that owns the store)."""
    return gui.call(controller, _query, controller.store, sql, params)


def open_ledger(gui: Any, window: Any) -> Any:
    """Show the ledger area and wait for its choices and its first load."""
    window.show_area("ledger")
    page = window.area("ledger")
    assert window.stack.currentWidget() is page
    gui.qtbot.waitUntil(lambda: page.form.campaign.count() > 1 and page.counts.text() != "",
                        timeout=WAIT)
    gui.idle(page.controller)
    return page


def reloaded(gui: Any, page: Any) -> Any:
    """Context: the action inside it must end in one reload of the table."""
    gui.idle(page.controller)
    return gui.qtbot.waitSignal(page.model.reloaded, timeout=WAIT)


def wait_rows_loaded(gui: Any, page: Any, rows: range | list[int]) -> None:
    """Wait until the model holds the values of ``rows`` (asking for them, as painting does)."""
    model = page.model
    gui.qtbot.waitUntil(lambda: all(model.data(model.index(r, 0)) != "…" for r in rows),
                        timeout=WAIT)


def wait_painted(gui: Any, page: Any, rows: range) -> None:
    """Wait until the view itself had ``rows`` fetched (the test asks the model for nothing)."""
    model = page.model
    gui.qtbot.waitUntil(lambda: all(model.problem_id(r) in model._cache for r in rows),
                        timeout=WAIT)


def visible_rows(table: Any) -> range:
    first = table.rowAt(0)
    last = table.rowAt(table.viewport().height() - 1)
    if last < 0:
        last = table.model().rowCount() - 1
    assert first >= 0
    return range(first, last + 1)


def column(page: Any, col: int) -> list[str]:
    model = page.model
    return [model.data(model.index(r, col)) for r in range(model.rowCount())]


def step_button(gui: Any, form: Any, status: str) -> QPushButton:
    """The current lifecycle button to ``status`` once it is on screen (a new button is shown by
    its layout from the event loop; the old ones wait for deleteLater)."""
    def current() -> list[QPushButton]:
        return [b for b in form._step_buttons
                if b.objectName() == f"step_{status}" and b.isVisible()]
    gui.qtbot.waitUntil(lambda: bool(current()), timeout=WAIT)
    return current()[0]


def ime_commit(widget: QWidget, text: str) -> None:
    """Type ``text`` as a Chinese input method does: one commit of the composed characters."""
    widget.setFocus()
    event = QInputMethodEvent("", [])
    event.setCommitString(text)
    QApplication.sendEvent(widget, event)


def click(gui: Any, button: QPushButton) -> None:
    """Click ``button`` as a user can: once it is shown and enabled."""
    gui.qtbot.waitUntil(lambda: button.isVisible() and button.isEnabled(), timeout=WAIT)
    gui.qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def click_row(gui: Any, table: Any, row: int) -> None:
    index = table.model().index(row, ISSUE_COL)
    table.scrollTo(index)
    gui.qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton,
                         pos=table.visualRect(index).center())


def click_header(gui: Any, table: Any, col: int) -> None:
    header = table.horizontalHeader()
    x = header.sectionViewportPosition(col) + header.sectionSize(col) // 2
    gui.qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton,
                         pos=QPoint(x, header.height() // 2))


# --- 1. the table --------------------------------------------------------------------------------

def test_ledger_lists_the_demo_problems_with_counts_and_overdue_colours(gui):
    controller, window = gui.demo_window("chief")
    page = open_ledger(gui, window)
    model, table = page.model, page.table
    assert table.objectName() == "ledger_table" and table.model() is model

    all_rows = db(gui, controller, "SELECT id, status, deadline, issue FROM problems")
    assert len(all_rows) == 7
    assert model.rowCount() == len(all_rows) == 7
    assert sorted(model.ids) == sorted(r["id"] for r in all_rows)
    # It opens in 序号 order, ascending like the paper ledger, and the header says so.
    header = table.horizontalHeader()
    assert (header.sortIndicatorSection(), header.sortIndicatorOrder()) == \
        (0, Qt.SortOrder.AscendingOrder)
    assert (model.sort_key, model.descending) == ("seq_no", False)
    assert model.ids == [r["id"] for r in db(gui, controller,
                                               "SELECT id FROM problems ORDER BY seq_no, id")]
    by_status = {k: sum(r["status"] == k for r in all_rows) for k in problems.STATUSES}
    assert by_status == {"open": 1, "in_progress": 2, "rectified": 2, "closed": 2, "rebound": 0}
    states = {r["id"]: problems.deadline_state(r["deadline"], r["status"]) for r in all_rows}
    overdue = {pid for pid, s in states.items() if s == "overdue"}
    soon = {pid for pid, s in states.items() if s == "due_soon"}
    assert len(overdue) == 3 and len(soon) == 1

    assert page.counts.text() == ("共 7 条：待整改 1，整改中 2，已整改（待验收） 2，已销号 2"
                                  "；已逾期 3 条；7 天内到期 1 条")

    wait_rows_loaded(gui, page, range(7))
    issues = {r["id"]: r["issue"] for r in all_rows}
    for row in range(7):
        pid = model.problem_id(row)
        assert model.data(model.index(row, ISSUE_COL)) == issues[pid]
        fg = model.data(model.index(row, DEADLINE_COL), FG)
        bg = model.data(model.index(row, ISSUE_COL), BG)
        tip = model.data(model.index(row, DEADLINE_COL), TOOLTIP)
        # The view asks with the enum, not the int: both must give the colour.
        assert model.data(model.index(row, 0), Qt.ItemDataRole.ForegroundRole) == fg
        if pid in overdue:
            assert (fg, bg, tip) == (OVERDUE_FG, OVERDUE_BG, "已逾期"), issues[pid]
        elif pid in soon:
            assert (fg, bg, tip) == (SOON_FG, SOON_BG, "7 天内到期"), issues[pid]
        else:
            assert (fg, bg, tip) == (None, None, None), issues[pid]


# --- 2. filters, search, sort --------------------------------------------------------------------

def test_filters_search_and_header_sort_match_the_database(gui):
    controller, window = gui.demo_window("chief")
    page = open_ledger(gui, window)
    model, table = page.model, page.table
    rows = db(gui, controller, "SELECT * FROM problems")
    assert len(rows) == 7

    # 已销号
    closed = {r["id"] for r in rows if r["status"] == "closed"}
    assert len(closed) == 2
    index = page.status.findText("已销号")
    assert index > 0
    with reloaded(gui, page):
        page.status.setCurrentIndex(index)
    assert set(model.ids) == closed and model.rowCount() == 2
    assert page.counts.text() == "共 2 条：已销号 2"
    wait_rows_loaded(gui, page, range(2))
    assert set(column(page, STATUS_COL)) == {"已销号"}
    with reloaded(gui, page):
        page.status.setCurrentIndex(0)          # 全部状态
    assert model.rowCount() == 7

    # 已逾期 (the reference is models.problems.deadline_state, not the query layer)
    overdue = {r["id"] for r in rows
               if problems.deadline_state(r["deadline"], r["status"]) == "overdue"}
    assert len(overdue) == 3
    with reloaded(gui, page):
        page.overdue.click()
    assert page.overdue.isChecked() and set(model.ids) == overdue
    assert page.counts.text().startswith("共 3 条") and "已逾期 3 条" in page.counts.text()
    with reloaded(gui, page):
        page.overdue.click()
    assert model.rowCount() == 7

    # Search: a two-character term (instr) and a four-character one (trigram index), typed the
    # way an input method delivers them; the table follows only after the debounce.
    def containing(term: str) -> set[int]:
        return {r["id"] for r in rows if any(term in (r[c] or "") for c in SEARCH_COLUMNS)}

    for term, expected_count in (("拦车", 2), ("罚没指标", 1), ("罚没", 1), ("班长签字", 1)):
        expected = containing(term)
        assert len(expected) == expected_count, term
        with reloaded(gui, page):
            page.search.clear()
            ime_commit(page.search, term)
            assert page.search.text() == term
            assert page._search_timer.isActive() and model.filter.text != term  # not yet
        assert model.filter.text == term
        assert set(model.ids) == expected, term
        wait_rows_loaded(gui, page, range(model.rowCount()))
    with reloaded(gui, page):
        page.search.clear()
    assert model.rowCount() == 7 and model.filter.text == ""

    # Clicking the 整改时限 header sorts in SQL; a second click flips the direction.
    header = table.horizontalHeader()
    for _ in range(2):
        with reloaded(gui, page):
            click_header(gui, table, DEADLINE_COL)
        assert header.sortIndicatorSection() == DEADLINE_COL
        descending = header.sortIndicatorOrder() == Qt.SortOrder.DescendingOrder
        assert model.sort_key == "deadline" and model.descending == descending
        direction = "DESC" if descending else "ASC"
        expected = [r["id"] for r in db(
            gui, controller,
            f"SELECT id FROM problems ORDER BY deadline IS NULL, deadline {direction}, id")]
        assert model.ids == expected
        wait_rows_loaded(gui, page, range(7))
        shown = column(page, DEADLINE_COL)
        assert shown == sorted(shown, reverse=descending)


# --- 3. an officer's problem through its life cycle ----------------------------------------------

def test_officer_registers_edits_documents_and_reports_a_problem_the_reviewer_closes(
        gui, tmp_path, monkeypatch):
    texts: list[tuple[str, str]] = []        # (title, label) of every text dialog asked
    reply = {"text": ""}                      # what the user types into the next one

    def multiline(_parent: Any, title: str, label: str, *_a: Any, **_k: Any) -> tuple[str, bool]:
        texts.append((title, label))
        return reply["text"], True

    monkeypatch.setattr(QInputDialog, "getMultiLineText", staticmethod(multiline))

    controller, window = gui.demo_window("officer")
    page = open_ledger(gui, window)
    form, model, table = page.form, page.model, page.table
    session = controller.session
    (campaign,) = db(gui, controller, "SELECT id FROM campaigns WHERE doc_no = ?",
                     (QINGHAI_2023["doc_no"],))
    cid = campaign["id"]
    before = db(gui, controller, "SELECT coalesce(max(seq_no), 0) AS n FROM problems"
                                 " WHERE campaign_id = ?", (cid,))[0]["n"]
    assert before == 4
    assert page.new_button.isEnabled() and not page.bulk_button.isVisibleTo(window)
    assert not form.isEnabled()

    # Ctrl+N: an empty form for a new problem.
    window.activateWindow()
    gui.qtbot.waitUntil(lambda: QApplication.activeWindow() is window, timeout=WAIT)
    gui.qtbot.keyClick(table, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    assert form.isEnabled() and form.problem is None
    assert form.title.text().startswith("新问题")
    assert not form.note_button.isEnabled() and not form.attach_button.isEnabled()
    assert form._step_buttons == []

    index = form.campaign.findData(cid)
    assert index > 0 and QINGHAI_2023["doc_no"] in form.campaign.itemText(index)
    form.campaign.setCurrentIndex(index)
    categories = [form.category.itemText(i) for i in range(form.category.count())]
    assert categories == QINGHAI_2023["categories"]
    form.category.setCurrentIndex(categories.index("逐利执法"))
    ime_commit(form.issue, "对超限车辆按罚款数额考核班组")
    form.manifestation.setPlainText("站内将罚款数额纳入班组月度考核")
    form.measures.setPlainText("取消罚款数额考核")
    person = form.person.findData(session.person_id)
    assert person > 0 and form.person.itemText(person).startswith("李海龙")
    form.person.setCurrentIndex(person)
    due = QDate.currentDate().addDays(45)
    form.deadline.setDate(due)
    due_iso = due.toString("yyyy-MM-dd")
    click(gui, form.findChild(QPushButton, "save_problem"))

    gui.qtbot.waitUntil(lambda: form.problem is not None, timeout=WAIT)
    gui.idle(controller)
    pid = form.problem["id"]
    (row,) = db(gui, controller, "SELECT * FROM problems WHERE id = ?", (pid,))
    assert (row["campaign_id"], row["category"], row["issue"], row["manifestation"],
            row["measures"], row["responsible_person_id"], row["deadline"], row["status"],
            row["seq_no"]) == (cid, "逐利执法", "对超限车辆按罚款数额考核班组",
                               "站内将罚款数额纳入班组月度考核", "取消罚款数额考核",
                               session.person_id, due_iso, "open", before + 1)
    audit = db(gui, controller, "SELECT actor, action FROM audit_log WHERE tbl = 'problems'"
                                " AND row_key = ? ORDER BY seq", (str(pid),))
    assert audit == [{"actor": f"officer#{session.account_id}", "action": "insert"}]
    assert session.actor == f"officer#{session.account_id}"
    # The new problem is in the table, selected, and the form shows it.
    assert model.rowCount() == 8
    selected = [model.problem_id(i.row()) for i in table.selectionModel().selectedRows()]
    assert selected == [pid]
    assert form.title.text() == f"序号 {before + 1}　待整改"
    assert not form.campaign.isEnabled()
    assert [b.objectName() for b in form._step_buttons] == ["step_in_progress", "step_rectified"]

    # Edit 整改措施; Enter in 存在问题 saves.
    form.measures.setPlainText("取消罚款数额考核，改为按执法质量考核")
    form.issue.setFocus()
    gui.qtbot.keyClick(form.issue, Qt.Key.Key_Return)
    gui.idle(controller)
    (row,) = db(gui, controller, "SELECT measures, updated_at, created_at FROM problems"
                                 " WHERE id = ?", (pid,))
    assert row["measures"] == "取消罚款数额考核，改为按执法质量考核"
    assert row["updated_at"] >= row["created_at"]
    assert [a["action"] for a in db(
        gui, controller, "SELECT action FROM audit_log WHERE tbl = 'problems' AND row_key = ?"
                         " ORDER BY seq", (str(pid),))] == ["insert", "update"]

    # A photo from the file dialog: stored by content hash, shown as a thumbnail.
    photo = tmp_path / "现场照片.png"
    image = QImage(64, 48, QImage.Format.Format_RGB32)
    image.fill(QColor("#2e7d32"))
    assert image.save(str(photo), "PNG")
    asked: list[str] = []

    def open_files(_parent: Any, caption: str, *_a: Any, **_k: Any) -> tuple[list[str], str]:
        asked.append(caption)
        return [str(photo)], ""

    monkeypatch.setattr(QFileDialog, "getOpenFileNames", staticmethod(open_files))
    demo_photos = {p.name for p in gui.data_dir.evidence.rglob("*") if p.is_file()}
    gui.qtbot.waitUntil(form.attach_button.isEnabled, timeout=WAIT)
    click(gui, form.findChild(QPushButton, "attach"))
    assert asked == ["选择印证资料"]
    gui.qtbot.waitUntil(lambda: form.evidence.count() == 1, timeout=WAIT)
    (ev,) = db(gui, controller, "SELECT * FROM evidence WHERE problem_id = ?", (pid,))
    digest = hashlib.sha256(photo.read_bytes()).hexdigest()
    assert (ev["original_name"], ev["sha256"], ev["size"], ev["account_id"]) == \
        ("现场照片.png", digest, photo.stat().st_size, session.account_id)
    # the demo's 工作简报 photos are in the store already: only this file is new
    stored = [p for p in gui.data_dir.evidence.rglob("*") if p.is_file()
              and p.name not in demo_photos]
    assert [p.name for p in stored] == [f"{digest}.png"]
    assert stored[0].read_bytes() == photo.read_bytes()
    item = form.evidence.item(0)
    assert item.text() == "现场照片.png"
    assert not item.icon().isNull()                           # a placeholder, then the photo
    gui.qtbot.waitUntil(lambda: form.evidence.item(0).data(THUMB_STATE_ROLE) == "image",
                        timeout=WAIT)
    item = form.evidence.item(0)
    assert item.icon().availableSizes()[0].width() == 72      # read at thumbnail size

    # A progress note.
    reply["text"] = "召开班组会议，废止罚款排名通报。"
    click(gui, form.note_button)
    gui.qtbot.waitUntil(lambda: form.notes.count() == 1, timeout=WAIT)
    assert texts[-1] == ("整改进展", "今天做了什么：")
    assert "召开班组会议，废止罚款排名通报。" in form.notes.item(0).text()
    assert "（officer）" in form.notes.item(0).text()
    (note,) = db(gui, controller, "SELECT * FROM progress_notes WHERE problem_id = ?", (pid,))
    assert (note["account_id"], note["note_date"]) == (session.account_id,
                                                       date.today().isoformat())

    # 开始整改, then 报告已整改: neither asks for a text.
    asked_before = len(texts)
    for status in ("in_progress", "rectified"):
        click(gui, step_button(gui, form, status))
        gui.qtbot.waitUntil(lambda status=status: form.problem["status"] == status,
                            timeout=WAIT)
    assert len(texts) == asked_before
    gui.idle(controller)
    assert db(gui, controller, "SELECT status FROM problems WHERE id = ?",
              (pid,))[0]["status"] == "rectified"
    assert form.title.text() == f"序号 {before + 1}　已整改（待验收）"
    assert {b.objectName() for b in form._step_buttons} == {"step_closed", "step_in_progress"}

    # The officer may not strike it off: the core refuses, in Chinese, and nothing changes.
    audit_rows = db(gui, controller, "SELECT count(*) AS n FROM audit_log")[0]["n"]
    reply["text"] = "我自己验收"
    click(gui, step_button(gui, form, "closed"))
    gui.qtbot.waitUntil(lambda: bool(gui.boxes.of("warning")), timeout=WAIT)
    gui.idle(controller)
    assert texts[-1] == ("整改流程", "验收意见（可不填）：")
    ((title, text),) = gui.boxes.of("warning")
    assert title == "无法完成操作"
    assert text.startswith("您没有权限执行“验收销号”") and "负责人" in text and "法制审核" in text
    (row,) = db(gui, controller, "SELECT status, closed_at FROM problems WHERE id = ?", (pid,))
    assert (row["status"], row["closed_at"]) == ("rectified", None)
    assert db(gui, controller, "SELECT count(*) AS n FROM audit_log")[0]["n"] == audit_rows
    assert form.problem["status"] == "rectified"

    # The reviewer logs in on the same window's controller, picks the row, and closes it.
    controller.logout()
    window = gui.login(controller, "reviewer")
    reviewer = controller.session
    page = open_ledger(gui, window)
    form, model, table = page.form, page.model, page.table
    gui.qtbot.waitUntil(lambda: model.row_of(pid) is not None, timeout=WAIT)
    click_row(gui, table, model.row_of(pid))
    gui.qtbot.waitUntil(lambda: form.problem is not None and form.problem["id"] == pid,
                        timeout=WAIT)
    assert form.evidence.count() == 1 and form.notes.count() == 1
    reply["text"] = "现场复核：整改到位，同意销号。"
    click(gui, step_button(gui, form, "closed"))
    gui.qtbot.waitUntil(lambda: form.problem["status"] == "closed", timeout=WAIT)
    gui.idle(controller)
    assert texts[-1] == ("整改流程", "验收意见（可不填）：")
    history = [form.history.item(i).text() for i in range(form.history.count())]
    assert len(history) == 4, history
    for line, (who, step) in zip(history, [
            ("officer", "挂单 → 待整改"), ("officer", "待整改 → 整改中"),
            ("officer", "整改中 → 已整改（待验收）"),
            ("reviewer", "已整改（待验收） → 已销号：现场复核：整改到位，同意销号。")]):
        assert f"　{who}　{step}" in line, line
    assert [b.objectName() for b in form._step_buttons] == ["step_rebound"]
    assert len(gui.boxes.of("warning")) == 1

    gui.close()
    with reopened(gui.data_dir) as store:
        (row,) = store.query("SELECT * FROM problems WHERE id = ?", (pid,))
        assert row["status"] == "closed" and row["closed_at"]
        assert row["measures"] == "取消罚款数额考核，改为按执法质量考核"
        events = store.query("SELECT e.to_status, e.note, a.username FROM problem_events e"
                             " JOIN accounts a ON a.id = e.account_id WHERE problem_id = ?"
                             " ORDER BY e.id", (pid,))
        assert [(e["to_status"], e["username"]) for e in events] == [
            ("open", "officer"), ("in_progress", "officer"), ("rectified", "officer"),
            ("closed", "reviewer")]
        actors = {a["actor"] for a in store.query(
            "SELECT DISTINCT actor FROM audit_log WHERE tbl = 'problems' AND row_key = ?",
            (str(pid),))}
        assert actors == {f"officer#{session.account_id}", f"reviewer#{reviewer.account_id}"}
        assert store.verify_audit().ok


def test_a_new_problem_keeps_its_campaign_and_person_when_the_choices_reload(gui):
    """Adding the missing responsible person (设置 → 人员) while a new problem is half filled in
    reloads the form's choices; the campaign, category and person picked must stay."""
    from models import directory
    controller, window = gui.demo_window("chief")
    page = open_ledger(gui, window)
    form = page.form
    click(gui, page.new_button)
    (campaign,) = db(gui, controller, "SELECT id FROM campaigns WHERE doc_no = ?",
                     (QINGHAI_2023["doc_no"],))
    form.campaign.setCurrentIndex(form.campaign.findData(campaign["id"]))
    form.category.setCurrentIndex(form.category.findText("执法粗暴"))
    form.person.setCurrentIndex(form.person.findText("索南扎西（执法队员）"))
    person = form.person.currentData()
    ime_commit(form.issue, "夜间检查时对驾驶人态度生硬")
    people_before = form.person.count()

    gui.call(controller, directory.add_person, controller.session, name="多杰", title="执法队员")
    gui.qtbot.waitUntil(lambda: form.person.count() == people_before + 1, timeout=WAIT)
    gui.idle(controller)
    assert form.problem is None and form.isEnabled()
    assert form.campaign.currentData() == campaign["id"]
    assert form.category.currentText() == "执法粗暴"
    assert form.person.currentData() == person
    assert form.issue.text() == "夜间检查时对驾驶人态度生硬"

    click(gui, form.save_button)
    gui.qtbot.waitUntil(lambda: form.problem is not None, timeout=WAIT)
    (row,) = db(gui, controller, "SELECT * FROM problems WHERE id = ?", (form.problem["id"],))
    assert (row["campaign_id"], row["category"], row["responsible_person_id"], row["issue"]) == \
        (campaign["id"], "执法粗暴", person, "夜间检查时对驾驶人态度生硬")
    assert not gui.boxes.shown


def test_chief_bulk_assigns_a_person_and_deadline_to_the_selected_rows(gui, monkeypatch):
    controller, window = gui.demo_window("chief")
    page = open_ledger(gui, window)
    model, table = page.model, page.table
    asked: list[tuple[str, list[str]]] = []

    def get_item(_parent: Any, _title: str, label: str, items: list[str], *_a: Any, **_k: Any
                 ) -> tuple[str, bool]:
        asked.append((label, list(items)))
        return "索南扎西", True

    monkeypatch.setattr(QInputDialog, "getItem", staticmethod(get_item))
    monkeypatch.setattr(QInputDialog, "getText",
                        staticmethod(lambda *_a, **_k: (" 2030-06-30 ", True)))
    bulk = page.findChild(QPushButton, "bulk")
    assert bulk is page.bulk_button and bulk.isVisibleTo(window)

    click(gui, bulk)                               # nothing selected: told so, nothing asked
    ((_title, text),) = gui.boxes.of("warning")
    assert text == "请先在表格中选择要批量调整的问题。" and asked == []

    wait_rows_loaded(gui, page, range(7))
    click_row(gui, table, 1)
    index = model.index(3, ISSUE_COL)
    gui.qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton,
                         Qt.KeyboardModifier.ControlModifier, table.visualRect(index).center())
    chosen = {model.problem_id(1), model.problem_id(3)}
    assert {model.problem_id(i.row()) for i in table.selectionModel().selectedRows()} == chosen
    before = {r["id"]: r for r in db(gui, controller, "SELECT * FROM problems")}
    with reloaded(gui, page):
        click(gui, bulk)
    ((label, names),) = asked
    assert label == "2 个问题的责任人："
    assert names[0] == "（责任人不变）" and {"李海龙", "索南扎西", "马文斌"} <= set(names)
    (sonam,) = db(gui, controller, "SELECT id FROM people WHERE name = '索南扎西'")
    after = {r["id"]: r for r in db(gui, controller, "SELECT * FROM problems")}
    for pid, row in after.items():
        if pid in chosen:
            assert (row["responsible_person_id"], row["deadline"]) == (sonam["id"], "2030-06-30")
        else:
            assert row == before[pid]
    assert len(gui.boxes.shown) == 1


# --- 4. laziness ----------------------------------------------------------------------------------

def _add_problems(data_dir: Any, count: int) -> None:
    """A demo without problems plus ``count`` problems, written in one audited transaction."""
    store = open_store(data_dir)
    try:
        create_demo(store, with_problems=False)
        unit = own_unit_id(store)
        start = date.today() - timedelta(days=count // 2)
        stamp = "2024-06-01T08:00:00+08:00"
        with store.write("test") as w:
            for i in range(count):
                w.insert("problems", {
                    "campaign_id": None, "unit_id": unit, "seq_no": i + 1,
                    "category": "执法不规范", "issue": f"第{i + 1:04d}号问题",
                    "deadline": (start + timedelta(days=i % 60)).isoformat(),
                    "status": ("open", "in_progress", "rectified", "closed")[i % 4],
                    "created_at": stamp, "updated_at": stamp})
    finally:
        store.close()


def test_ledger_model_fetches_rows_lazily_into_a_bounded_cache(gui, monkeypatch):
    count = 3000
    _add_problems(gui.data_dir, count)
    controller = gui.start()
    window = gui.login(controller, "chief")
    page = open_ledger(gui, window)
    model, table = page.model, page.table
    assert model.rowCount() == count
    assert page.counts.text().startswith(f"共 {count} 条")
    issue_of = {r["id"]: r["issue"] for r in db(gui, controller, "SELECT id, issue FROM problems")}
    assert model.ids == sorted(issue_of, key=lambda pid: (issue_of[pid], pid))  # seq_no order

    # Only the block(s) of the painted rows were fetched.
    shown = visible_rows(table)
    assert 10 < len(shown) < BLOCK
    wait_painted(gui, page, shown)
    gui.idle(controller)
    blocks = {r // BLOCK for r in shown}
    assert blocks == {0}
    assert set(model._cache) == set(model.ids[:BLOCK])
    assert len(model._cache) <= CACHE_ROWS and len(model._cache) < count

    # Row 2999: a placeholder first, the real value once the worker has answered.
    last = model.index(count - 1, ISSUE_COL)
    assert model.data(model.index(count - 1, 0)) == "…"
    assert model.data(last) is None
    assert model.data(last, BG) is None
    gui.qtbot.waitUntil(lambda: model.data(last) is not None, timeout=WAIT)
    assert model.data(last) == issue_of[model.problem_id(count - 1)] == f"第{count:04d}号问题"
    assert set(model._cache) == set(model.ids[:BLOCK]) | set(model.ids[-BLOCK:])

    # Scrolling: the rows that come into view are fetched, as their blocks, and nothing else.
    table.scrollTo(model.index(1550, 0), table.ScrollHint.PositionAtTop)
    shown = visible_rows(table)
    assert shown.start == 1550 and model.problem_id(1550) not in model._cache
    wait_painted(gui, page, shown)
    gui.idle(controller)
    assert len(model._cache) == 3 * BLOCK
    assert set(model._cache) >= set(model.ids[1500:1600])
    table.scrollToBottom()
    shown = visible_rows(table)
    assert shown.stop == count
    wait_rows_loaded(gui, page, shown)
    for r in shown:
        assert model.data(model.index(r, ISSUE_COL)) == issue_of[model.problem_id(r)]
    gui.idle(controller)
    assert len(model._cache) == 3 * BLOCK

    # The cache bound: the least recently painted rows are dropped, the painted ones kept.
    monkeypatch.setattr(ledger_model, "CACHE_ROWS", 2 * BLOCK)
    table.scrollTo(model.index(700, 0), table.ScrollHint.PositionAtTop)
    shown = visible_rows(table)
    wait_painted(gui, page, shown)
    gui.idle(controller)
    assert len(model._cache) == 2 * BLOCK
    assert {model.problem_id(r) for r in shown} <= set(model._cache)
    assert not set(model.ids[:BLOCK]) & set(model._cache)      # the oldest went first
    for r in shown:
        assert model.data(model.index(r, ISSUE_COL)) == issue_of[model.problem_id(r)]

