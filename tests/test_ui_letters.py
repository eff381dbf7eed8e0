"""GUI: 执法监督意见书 answered at the unit and read at the office, with the real widgets.

The station (报送 → 上级来文): the letters table shows each answer's state and the overdue
letter in red; a double-click opens the letter with its answer; the chief edits the text, adds a
file, signs (the passphrase dialog shows what is signed; a wrong passphrase is refused inside),
hangs a problem of the letter on the ledger and opens the export. An officer reads it only.
The office (接收下级报送 → 执法监督意见书): each issued letter with its unit, the answer
verified (✓) or missing and overdue in red; a double-click shows the letter, the answer and its
files, and offers 导出…."""
from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path
from typing import Any

from conftest import login_as
from core_helpers import (
    OFFICE_PASSWORD,
    deliver,
    director,
    make_office,
    seal_enrollment,
)
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog, QLineEdit
from ui_helpers import WAIT, make_demo, press_ok

from models import (
    instructions,
    keys,
    letters,
    office_instructions,
    office_units,
    receipts,
)
from models.demo import DEMO_LETTERS, DEMO_PASSWORD, _demo_letters, _png
from models.session import login
from models.store import Store, open_store
from ui.pages.export_dialog import ExportDialog
from ui.pages.instructions_panel import InstructionsPanel
from ui.pages.letter_answer import AnswerDialog
from ui.pages.letter_problems import ProblemsDialog
from ui.pages.office_letters import OfficeLetters, OfficeLetterView
from ui.pages.office_panel import OfficePanel
from ui.pages.passphrase_dialog import PassphraseDialog

SIGNED, OVERDUE = DEMO_LETTERS[0][0], DEMO_LETTERS[1][0]
RED = "#b00020"


def station_with_letters(gui: Any) -> None:
    """The demo (no signatures) with the chief's own key and the demo's two received letters."""
    make_demo(gui.data_dir)
    store = open_store(gui.data_dir)
    try:
        keys.create_own_key(login(store, "chief", DEMO_PASSWORD), DEMO_PASSWORD)
        _demo_letters(store)
    finally:
        store.close()


def letters_tab(gui: Any, username: str) -> tuple[Any, InstructionsPanel]:
    controller = gui.start()
    window = gui.login(controller, username)
    window.show_area("submission")
    area = window.area("submission")
    tab = area.findChild(InstructionsPanel)
    area.tabs.setCurrentWidget(tab)
    gui.qtbot.waitUntil(lambda: tab.letters_table.rowCount() == 2, timeout=WAIT)
    return controller, tab


def row_of(tab: InstructionsPanel, number: str) -> int:
    table = tab.letters_table
    return next(r for r in range(table.rowCount()) if table.item(r, 0).text() == number)


def test_station_answers_signs_and_hangs_a_problem(gui: Any, monkeypatch: Any,
                                                   tmp_path: Path) -> None:
    station_with_letters(gui)
    controller, tab = letters_tab(gui, "chief")
    table = tab.letters_table
    signed, overdue = row_of(tab, SIGNED), row_of(tab, OVERDUE)
    assert table.item(signed, 5).text().startswith("已签发")
    assert table.item(overdue, 5).text() == "草稿" and table.item(overdue, 4).text() == "已逾期"
    assert table.item(overdue, 0).foreground().color().name() == RED
    assert table.item(signed, 0).foreground().color().name() != RED

    view = tab.show_letter(overdue)
    assert isinstance(view, AnswerDialog) and view.isVisible()
    gui.qtbot.waitUntil(lambda: view.data is not None, timeout=WAIT)
    assert "执法记录仪" in view.text.toPlainText()
    assert view.measures.toPlainText() == DEMO_LETTERS[1][4]
    assert "草稿" in view.state.text() and "已超过整改期限" in view.state.text()
    view.measures.setPlainText("已组织全站执法人员学习，音像记录制度已修订印发。")
    photo = tmp_path / "培训签到表.png"
    photo.write_bytes(_png(30, 30))
    monkeypatch.setattr(QFileDialog, "getOpenFileNames",
                        staticmethod(lambda *_a, **_k: ([str(photo)], "")))
    view.add_button.click()
    gui.qtbot.waitUntil(lambda: view.files.count() == 1, timeout=WAIT)
    assert view.files.item(0).text().startswith("培训签到表.png")
    assert view.measures.toPlainText().startswith("已组织全站执法人员学习")   # typed text kept

    view.sign_button.click()
    gui.qtbot.waitUntil(lambda: isinstance(view.dialog, PassphraseDialog), timeout=WAIT)
    sign = view.dialog
    shown = sign.body.toPlainText()
    assert OVERDUE in shown and "音像记录制度已修订印发" in shown and "培训签到表.png" in shown
    sha = gui.call(controller, letters.answer_to_sign, controller.session,
                   view.letter_id)["sha256"]
    assert sha in shown
    sign.grab().save(str(tmp_path / "sign.png"))
    sign.findChild(QLineEdit, "passphrase").setText("wrong")
    press_ok(sign)
    gui.qtbot.waitUntil(lambda: sign.message.isVisible(), timeout=WAIT)
    sign.findChild(QLineEdit, "passphrase").setText(DEMO_PASSWORD)
    press_ok(sign)
    gui.qtbot.waitUntil(lambda: "签名有效" in view.state.text(), timeout=WAIT)
    assert "已签发" in view.state.text() and "才让东智" in view.state.text()
    gui.qtbot.waitUntil(lambda: table.item(row_of(tab, OVERDUE), 5).text().startswith("已签发"),
                        timeout=WAIT)
    assert table.item(row_of(tab, OVERDUE), 0).foreground().color().name() != RED

    # 转为台账问题…: the letter's one problem, no campaign named: category 其他问题
    view.problems_button.click()
    dialog = view.dialog
    assert isinstance(dialog, ProblemsDialog)
    gui.qtbot.waitUntil(lambda: dialog.person.count() > 1, timeout=WAIT)
    assert dialog.ticked() == [1] and dialog.campaign.currentData() is None
    dialog.person.setCurrentIndex(dialog.person.findText("李海龙", Qt.MatchFlag.MatchStartsWith))
    assert dialog.person.currentIndex() > 0
    press_ok(dialog)
    gui.qtbot.waitUntil(lambda: any("已登记 1 个台账问题" in t
                                    for _title, t in gui.boxes.of("information")), timeout=WAIT)
    gui.qtbot.waitUntil(lambda: "已转为台账问题" in view.text.toPlainText(), timeout=WAIT)
    row = gui.call(controller, lambda: controller.store.conn.execute(
        "SELECT p.category, p.source, pe.name FROM problems p JOIN people pe"
        " ON pe.id = p.responsible_person_id WHERE p.source_ref LIKE 'letter:%'").fetchone())
    assert tuple(row) == ("其他问题", "supervision_letter", "李海龙")

    # 导出…: the form of this letter
    export = view.export()
    assert isinstance(export, ExportDialog) and export.isVisible()
    export.reject()
    view.grab().save(str(tmp_path / "answer.png"))
    view.close()


def test_officer_reads_the_answer_only(gui: Any) -> None:
    station_with_letters(gui)
    _controller, tab = letters_tab(gui, "officer")
    view = tab.show_letter(row_of(tab, SIGNED))
    gui.qtbot.waitUntil(lambda: view.data is not None, timeout=WAIT)
    assert view.measures.isReadOnly()
    assert not view.save_button.isVisible() and not view.sign_button.isVisible()
    assert not view.add_button.isVisible()
    assert "签名有效" in view.state.text() and view.files.count() == 1
    view.close()


def test_office_sees_answers_verified_and_overdue(gui: Any, station: Store,
                                                  tmp_path: Path) -> None:
    office = make_office(gui.data_dir.root)
    try:
        boss = director(office)
        chief = login_as(station, "chief")
        office_units.register_unit(boss, seal_enrollment(chief, DEMO_PASSWORD))
        receipts.set_office(chief, seal_enrollment(boss, OFFICE_PASSWORD))
        ids = []
        for number, deadline in (("果交执法监〔2024〕21号", date.today() + timedelta(days=30)),
                                 ("果交执法监〔2024〕22号", date.today() - timedelta(days=3))):
            (lid,) = office_instructions.issue_letter(
                boss, unit_code="QH-632621-DW", number=number, deadline=deadline,
                problems=["罚没款按月下达指标", "暂扣车辆未出具决定书"]).rows["supervision_letters"]
            ids.append(int(lid))
        stick = tmp_path / "stick"
        stick.mkdir()
        written = office_instructions.write_instructions(boss, "QH-632621-DW", OFFICE_PASSWORD,
                                                         stick, letter_ids=ids)
        instructions.import_instructions(chief, written.path)
        answered = station.conn.execute("SELECT id FROM supervision_letters WHERE number = ?",
                                        ("果交执法监〔2024〕21号",)).fetchone()[0]
        letters.save_answer(chief, answered, "已废止罚没款任务，补发决定书 2 份。")
        aid = letters.answer_of(station.conn, answered)["id"]
        photo = tmp_path / "决定书.png"
        photo.write_bytes(_png(20, 20))
        letters.add_answer_file(chief, aid, photo)
        letters.sign_answer(chief, answered, DEMO_PASSWORD,
                            letters.answer_to_sign(chief, answered)["sha256"])
        deliver(station, office, tmp_path / "out",
                materials=("letters", "signatures", "audit"))
    finally:
        office.close()
    controller = gui.start()
    window = gui.login(controller, "director", OFFICE_PASSWORD)
    window.show_area("submission")
    area = window.area("submission")
    panel = area.findChild(OfficePanel)
    area.tabs.setCurrentWidget(panel)
    page = panel.letters
    assert isinstance(page, OfficeLetters)
    panel.tabs.setCurrentWidget(page)
    assert panel.tabs.tabText(panel.tabs.currentIndex()) == "执法监督意见书"
    table = page.table
    gui.qtbot.waitUntil(lambda: table.rowCount() == 2, timeout=WAIT)
    rows = {table.item(r, 1).text(): [table.item(r, c).text() for c in range(9)]
            for r in range(table.rowCount())}
    ok = rows["果交执法监〔2024〕21号"]
    assert ok[0] == "玛沁县大武超限检测站" and ok[4] == "✓ 已答复，签名有效"
    assert ok[5] == "才让东智" and ok[7] == "1 个" and ok[8] == ""
    late = rows["果交执法监〔2024〕22号"]
    assert late[4] == "未答复" and late[8] == "已逾期"
    overdue_row = next(r for r in range(table.rowCount())
                       if table.item(r, 1).text() == "果交执法监〔2024〕22号")
    assert table.item(overdue_row, 0).foreground().color().name() == RED
    assert "已逾期 1 份" in page.summary.text() and "已答复 1 份" in page.summary.text()
    area.grab().save(str(tmp_path / "office.png"))

    answered_row = next(r for r in range(table.rowCount())
                        if table.item(r, 1).text() == "果交执法监〔2024〕21号")
    view = page.show_letter(answered_row)
    assert isinstance(view, OfficeLetterView) and view.isVisible()
    text = view.text.toPlainText()
    assert "已废止罚没款任务" in text and "签名有效" in text and "罚没款按月下达指标" in text
    assert view.files.count() == 1 and view.files.item(0).text().startswith("决定书.png")
    export = view.export()
    assert isinstance(export, ExportDialog) and export.isVisible()
    export.reject()
    view.close()
