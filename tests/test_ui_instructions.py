"""GUI: downward instructions through the real widgets of two installations. The office issues a
执法监督意见书 and writes the signed instruction file (接收下级报送 → 下发指令…) onto a folder
standing in for the stick; the station imports it (报送 → 上级来文 → 导入上级来文…), the letter
shows in the table (overdue in red) and in full on a double-click, and the campaign sent appears
in 设置 → 专项行动."""
from __future__ import annotations

from pathlib import Path
from typing import Any

from core_helpers import OFFICE_PASSWORD, director, make_office, seal_enrollment
from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import QFileDialog, QLineEdit
from test_ui_campaigns import _column, _panel
from ui_helpers import WAIT, make_demo, make_settings, press_ok

from models import campaigns, keys, office_units, receipts
from models.demo import DEMO_PASSWORD
from models.paths import DataDir
from models.session import login
from models.store import open_store
from ui.pages.instructions_panel import InstructionsPanel, PreviewDialog
from ui.pages.letter_dialog import InstructionsDialog, LetterDialog, LetterView
from ui.pages.office_panel import OfficePanel
from ui.pages.passphrase_dialog import PassphraseDialog

CAMPAIGN = "道路运输执法专项监督检查"
NUMBER = "果交执法监〔2024〕3号"


def prepare(tmp_path: Path, station_dir: DataDir) -> DataDir:
    """The demo station with its seal key, an office that registered it (with a campaign of
    its own), and the station registered that office. Both closed again; the office's folder."""
    make_demo(station_dir)
    station = open_store(station_dir)
    office = make_office(tmp_path / "office")
    try:
        chief = login(station, "chief", DEMO_PASSWORD)
        keys.create_seal_key(chief, DEMO_PASSWORD)
        boss = director(office)
        office_units.register_unit(boss, seal_enrollment(chief, DEMO_PASSWORD))
        campaigns.create_campaign(boss, title=CAMPAIGN, doc_no="果交执法〔2024〕12号",
                                  start_date="2024-03-01", end_date="2024-12-31",
                                  categories=["逐利执法", "执法不规范"],
                                  materials=[{"name": "工作简报", "due_date": "2024-05-25"}])
        receipts.set_office(chief, seal_enrollment(boss, OFFICE_PASSWORD))
    finally:
        office.close()
        station.close()
    return office.data_dir


def checked_items(widget: Any) -> list[str]:
    return [widget.item(i).text() for i in range(widget.count())
            if widget.item(i).checkState() == Qt.CheckState.Checked]


def test_office_sends_a_letter_and_the_station_reads_it(gui: Any, monkeypatch: Any,
                                                        tmp_path: Path) -> None:
    office_dir = prepare(tmp_path, gui.data_dir)
    stick = tmp_path / "U盘"
    stick.mkdir()
    monkeypatch.setattr(QFileDialog, "getExistingDirectory",
                        staticmethod(lambda *_a, **_k: str(stick)))

    # --- the office: 下发指令… with a new letter and the campaign --------------------------------
    office = gui.start(office_dir, make_settings(tmp_path / "office-ui"))
    window = gui.login(office, "director", OFFICE_PASSWORD)
    window.show_area("submission")
    area = window.area("submission")
    panel = area.findChild(OfficePanel)
    area.tabs.setCurrentWidget(panel)
    gui.idle(office)
    button = panel.buttons["instruct"]
    assert button.isVisible() and button.text() == "下发指令…"
    button.click()
    dialog = panel.dialog
    assert isinstance(dialog, InstructionsDialog) and dialog.isVisible()
    assert dialog.unit.currentData() == "QH-632621-DW"
    gui.qtbot.waitUntil(lambda: dialog.campaigns.count() == 1, timeout=WAIT)
    press_ok(dialog)                              # nothing chosen yet: refused inside
    assert dialog.isVisible() and "至少选择" in dialog.message.text()

    letter = dialog.new_letter()
    assert isinstance(letter, LetterDialog) and letter.isVisible()
    press_ok(letter)                              # no number: the core's refusal, inside
    gui.qtbot.waitUntil(lambda: letter.message.isVisible(), timeout=WAIT)
    assert "编号" in letter.message.text() and letter.isVisible()
    letter.findChild(QLineEdit, "number").setText(NUMBER)
    letter.problems.setPlainText("超限检测站罚没款按月下达指标\n\n暂扣车辆未出具行政强制措施决定书")
    letter.requirements.setPlainText("收到后30日内书面报告整改情况。")
    letter.deadline.setDate(QDate(2024, 5, 31))
    letter.campaign.setCurrentIndex(1)
    press_ok(letter)
    gui.qtbot.waitUntil(lambda: dialog.letter_table.rowCount() == 1, timeout=WAIT)
    assert dialog.letter_table.item(0, 1).text() == NUMBER
    assert dialog.ticked_letters() == [(dialog.letters[0]["id"], NUMBER)]
    dialog.campaigns.item(0).setCheckState(Qt.CheckState.Checked)
    assert checked_items(dialog.campaigns) == [f"{CAMPAIGN}（果交执法〔2024〕12号）"]
    dialog.targets.choose.click()
    assert dialog.targets.target() == stick
    dialog.grab().save(str(tmp_path / "instructions-dialog.png"))
    press_ok(dialog)

    sign = panel.dialog
    assert isinstance(sign, PassphraseDialog) and sign.isVisible()
    assert NUMBER in sign.body.text() and CAMPAIGN in sign.body.text()
    sign.findChild(QLineEdit, "passphrase").setText("wrong")
    press_ok(sign)
    gui.qtbot.waitUntil(lambda: sign.message.isVisible(), timeout=WAIT)
    assert not list(stick.iterdir())
    sign.findChild(QLineEdit, "passphrase").setText(OFFICE_PASSWORD)
    press_ok(sign)
    gui.qtbot.waitUntil(lambda: panel.last_result is not None, timeout=WAIT)
    written = panel.last_result
    assert written.path == stick / "QH-632621-DW-指令-1.json" and written.path.is_file()
    assert (written.campaigns, written.letters) == (1, 1)
    assert any("第 1 号指令已写出" in text for _t, text in gui.boxes.of("information"))

    # --- the station: 上级来文 → 导入上级来文… -------------------------------------------------
    station = gui.start()
    station_window = gui.login(station, "chief")
    station_window.show_area("submission")
    sub = station_window.area("submission")
    tab = sub.findChild(InstructionsPanel)
    sub.tabs.setCurrentWidget(tab)
    assert sub.tabs.tabText(sub.tabs.currentIndex()) == "上级来文"
    gui.idle(station)
    assert "果洛州" in tab.office_state.text() and tab.letters_table.rowCount() == 0
    monkeypatch.setattr(QFileDialog, "getOpenFileName",
                        staticmethod(lambda *_a, **_k: (str(written.path), "")))
    tab.import_button.click()
    gui.qtbot.waitUntil(lambda: isinstance(tab.dialog, PreviewDialog), timeout=WAIT)
    preview = tab.dialog
    report = preview.report.toPlainText()
    assert "签名核验通过" in report and NUMBER in report and CAMPAIGN in report
    assert preview.import_button.isEnabled()
    preview.grab().save(str(tmp_path / "preview.png"))
    preview.import_button.click()
    gui.qtbot.waitUntil(lambda: tab.last_result is not None, timeout=WAIT)
    assert tab.last_result.letters_added == 1 and tab.last_result.campaigns_added == 1
    gui.qtbot.waitUntil(lambda: tab.letters_table.rowCount() == 1, timeout=WAIT)
    gui.qtbot.waitUntil(lambda: tab.files_table.rowCount() == 1, timeout=WAIT)
    cells = [tab.letters_table.item(0, c).text() for c in range(7)]
    assert cells[0] == NUMBER and cells[1] == "果洛州交通运输综合行政执法支队"
    assert cells[3] == "2024-05-31" and cells[4] == "已逾期" and cells[5] == "未答复"
    assert "暂扣车辆" in cells[6]
    assert tab.letters_table.item(0, 0).foreground().color().name() == "#b00020"
    assert "收到执法监督意见书 1 份" in gui.boxes.of("information")[-1][1]
    view = tab.show_letter(0)
    assert isinstance(view, LetterView) and view.isVisible()
    text = view.text.toPlainText()
    assert "超限检测站罚没款按月下达指标" in text and "收到后30日内书面报告整改情况。" in text
    assert "已逾期" in text and CAMPAIGN in text
    view.close()
    sub.grab().save(str(tmp_path / "station.png"))

    # the same file again: the preview says so and offers no import
    tab.import_button.click()
    gui.qtbot.waitUntil(lambda: isinstance(tab.dialog, PreviewDialog)
                        and tab.dialog is not preview, timeout=WAIT)
    assert not tab.dialog.import_button.isEnabled()
    assert "此前已导入" in tab.dialog.report.toPlainText()
    tab.dialog.reject()

    # the campaign sent appears in 设置 → 专项行动
    campaigns_panel = _panel(station_window)
    gui.qtbot.waitUntil(lambda: CAMPAIGN in _column(campaigns_panel.table, 0), timeout=WAIT)


def test_officer_reads_but_does_not_import(gui: Any) -> None:
    _controller, window = gui.demo_window("officer")
    window.show_area("submission")
    tab = window.area("submission").findChild(InstructionsPanel)
    gui.idle(_controller)
    assert not tab.import_button.isEnabled()
    assert "尚未登记上级单位" in tab.office_state.text()
    assert tab.letters_table.rowCount() == 0
