"""GUI: exporting official forms (导出…) from the ledger, a self-check and a case-file review.

The real app with the demo data, offscreen; the forms are built by ``models.form_data`` and
written by the real xlsx and PDF writers into the test's temporary folder. The save-file dialog
and ``QDesktopServices.openUrl`` are patched to answer at once and record what they were given;
message boxes are recorded by the ``gui`` fixture.
"""
from __future__ import annotations

import os
import threading
from pathlib import Path
from typing import Any

from openpyxl import load_workbook
from PySide6.QtCore import QDate
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QFileDialog, QGroupBox, QPushButton

from models import selfcheck, selfcheck_view
from models.demo import QINGHAI_2023
from test_ui_ledger import db, open_ledger
from ui.pages import export_dialog
from ui_helpers import WAIT

DIGEST_LINE = "内容摘要（SHA-256）："


# --- helpers -------------------------------------------------------------------------------------

class SaveDialog:
    """Stands in for QFileDialog.getSaveFileName: records the suggestion, answers ``answer``."""

    def __init__(self, monkeypatch: Any) -> None:
        self.asked: list[tuple[str, str]] = []     # (suggested path, filter)
        self.answer = ""
        self.then: Any = None                      # called after answering (a test's hook)
        monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(self))

    def __call__(self, _parent: Any, _title: str, suggested: str = "", file_filter: str = "",
                 *_a: Any, **_k: Any) -> tuple[str, str]:
        self.asked.append((suggested, file_filter))
        if self.then is not None:
            self.then()
        return self.answer, file_filter


class Urls:
    """Records QDesktopServices.openUrl calls instead of starting another program."""

    def __init__(self, monkeypatch: Any) -> None:
        self.opened: list[str] = []
        monkeypatch.setattr(QDesktopServices, "openUrl",
                            staticmethod(lambda url: self.opened.append(url.toLocalFile())
                                         or True))


def qinghai_id(gui: Any, controller: Any) -> int:
    return db(gui, controller, "SELECT id FROM campaigns WHERE doc_no = ?",
              (QINGHAI_2023["doc_no"],))[0]["id"]


def wait_done(gui: Any, dialog: Any) -> Any:
    """Wait for the export to finish; return its result."""
    gui.qtbot.waitUntil(lambda: dialog.exported is not None, timeout=WAIT)
    gui.qtbot.waitUntil(lambda: dialog.done_box is not None and dialog.done_box.isVisible(),
                        timeout=WAIT)
    return dialog.exported


def open_dialog(gui: Any, opener: Any) -> Any:
    dialog = opener()
    gui.qtbot.waitUntil(dialog.isVisible, timeout=WAIT)
    gui.qtbot.waitUntil(lambda: dialog.filler.count() > 0, timeout=WAIT)   # people loaded
    return dialog


def leftover_files(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir())


# --- the ledger ----------------------------------------------------------------------------------

def test_ledger_export_to_excel_and_pdf(gui: Any, tmp_path: Path, monkeypatch: Any) -> None:
    controller, window = gui.demo_window("chief")
    page = open_ledger(gui, window)
    page.campaign.setCurrentIndex(page.campaign.findData(qinghai_id(gui, controller)))
    gui.idle(controller)
    save, urls = SaveDialog(monkeypatch), Urls(monkeypatch)
    out = tmp_path / "exports"
    out.mkdir()

    dialog = open_dialog(gui, page.open_export)
    # The four ledger forms (the 线索征询表 is exported from the leads), the filter said, every
    # form possible with a campaign chosen.
    assert list(dialog.form_buttons) == ["problem_list", "lookback", "common", "individual"]
    assert all(b.isEnabled() for b in dialog.form_buttons.values())
    assert "交通运输执法领域突出问题专项整治行动" in dialog.scope.text()
    assert "4 条问题" in dialog.scope.text()
    # 填报人 defaults to the person logged in; choosing a 联系人 of the unit brings the phone.
    assert dialog.filler.currentText() == "才让东智"
    assert dialog.contact.findText("王丽") >= 0
    dialog.contact.setCurrentText("王丽")
    assert dialog.phone.text() == "0975-8381200"
    dialog.fill_date.setDate(QDate(2023, 9, 28))
    dialog.form_buttons["problem_list"].setChecked(True)
    dialog.xlsx_button.setChecked(True)
    save.answer = str(out / "问题清单")               # no extension typed: .xlsx is added
    dialog.export_button.click()
    result = wait_done(gui, dialog)

    suggested, file_filter = save.asked[-1]
    assert suggested.endswith(".xlsx") and "xlsx" in file_filter
    path = out / "问题清单.xlsx"
    assert result.path == str(path) and path.exists()
    assert result.rows == 4
    assert leftover_files(out) == ["问题清单.xlsx"]
    ws = load_workbook(path).active
    texts = [str(c.value) for row in ws.iter_rows() for c in row if c.value is not None]
    assert any("专项整治问题清单" in t for t in texts)
    assert any(t.startswith(DIGEST_LINE) and result.sha256 in t for t in texts)
    assert any(t.replace(" ", "").startswith("填报人") and "才让东智" in t for t in texts)
    assert any("2023 年 9 月 28 日" in t for t in texts)          # the date chosen
    box = dialog.done_box
    assert str(path) in box.text() and result.sha256 in box.text()
    box.findChild(type(dialog.export_button), "open_folder").click()
    assert urls.opened == [str(out)]
    assert not box.isVisible()

    # The choices are remembered: a new dialog opens with them; PDF this time, 回头看 台账.
    dialog = open_dialog(gui, page.open_export)
    assert dialog.filler.currentText() == "才让东智"
    assert dialog.contact.currentText() == "王丽" and dialog.phone.text() == "0975-8381200"
    assert dialog.form_code() == "problem_list" and dialog.format() == "xlsx"
    assert dialog.fill_date.date() == QDate.currentDate()
    dialog.form_buttons["lookback"].setChecked(True)
    dialog.pdf_button.setChecked(True)
    save.answer = str(out / "回头看台账.pdf")
    dialog.export_button.click()
    result = wait_done(gui, dialog)
    assert save.asked[-1][0].startswith(str(out)) and save.asked[-1][0].endswith(".pdf")
    pdf = out / "回头看台账.pdf"
    assert pdf.read_bytes().startswith(b"%PDF")
    assert result.rows == 4
    dialog.done_box.findChild(type(dialog.export_button), "open_file").click()
    assert urls.opened[-1] == str(pdf)
    assert gui.boxes.of("warning") == []
    assert gui.settings.value(export_dialog.FORMAT_KEY) == "pdf"


def test_the_lookback_form_needs_a_campaign(gui: Any, monkeypatch: Any) -> None:
    controller, window = gui.demo_window("officer")
    page = open_ledger(gui, window)
    assert page.campaign.currentData() is None          # 全部专项行动
    dialog = open_dialog(gui, page.open_export)
    lookback = dialog.form_buttons["lookback"]
    assert not lookback.isEnabled()
    hint = dialog.form_hints["lookback"]
    assert not hint.isHidden() and "专项行动" in hint.text()
    assert dialog.form_code() != "lookback" and dialog.export_button.isEnabled()
    assert "全部问题" in dialog.scope.text()
    dialog.reject()

    page.campaign.setCurrentIndex(page.campaign.findData(qinghai_id(gui, controller)))
    gui.idle(controller)
    dialog = open_dialog(gui, page.open_export)
    assert dialog.form_buttons["lookback"].isEnabled()
    assert "lookback" not in dialog.form_hints
    dialog.reject()


def test_cancel_leaves_no_file(gui: Any, tmp_path: Path, monkeypatch: Any) -> None:
    controller, window = gui.demo_window("chief")
    page = open_ledger(gui, window)
    save = SaveDialog(monkeypatch)
    out = tmp_path / "exports"
    out.mkdir()
    release = threading.Event()
    # Hold the worker while the file is being chosen, so the export starts only after the
    # cancel button has been pressed: the writer sees cancelled() true at once.
    save.then = lambda: controller.worker.call(release.wait, 10)
    for fmt in ("xlsx", "pdf"):
        release.clear()
        dialog = open_dialog(gui, page.open_export)
        (dialog.pdf_button if fmt == "pdf" else dialog.xlsx_button).setChecked(True)
        save.answer = str(out / f"台账.{fmt}")
        dialog.export_button.click()
        gui.qtbot.waitUntil(lambda: dialog.task is not None, timeout=WAIT)
        # The user presses 取消 (the button: QProgressDialog.cancel() alone emits nothing).
        next(b for b in dialog.task.findChildren(QPushButton) if b.text() == "取消").click()
        release.set()
        gui.qtbot.waitUntil(lambda: dialog.message.isVisible(), timeout=WAIT)
        assert "已取消" in dialog.message.text()
        assert dialog.exported is None and dialog.isVisible()
        assert dialog.export_button.isEnabled()          # the user may try again
        gui.idle(controller)
        assert leftover_files(out) == []
        dialog.reject()
    assert gui.boxes.of("warning") == []


def test_an_unwritable_folder_is_reported(gui: Any, tmp_path: Path, monkeypatch: Any) -> None:
    controller, window = gui.demo_window("chief")
    page = open_ledger(gui, window)
    save = SaveDialog(monkeypatch)
    save.answer = str(tmp_path / "no such folder" / "台账.xlsx")
    dialog = open_dialog(gui, page.open_export)
    dialog.export_button.click()
    gui.qtbot.waitUntil(lambda: bool(gui.boxes.of("warning")), timeout=WAIT)
    title, text = gui.boxes.of("warning")[-1]
    assert title == "导出没有完成"
    assert "no such folder" in text
    assert dialog.isVisible() and dialog.exported is None and dialog.export_button.isEnabled()


def test_no_chinese_font_for_the_pdf_is_reported(gui: Any, tmp_path: Path,
                                                 monkeypatch: Any) -> None:
    from models import fonts
    monkeypatch.setenv(fonts.ENV_VAR, str(tmp_path / "missing.ttf"))
    controller, window = gui.demo_window("chief")
    page = open_ledger(gui, window)
    save = SaveDialog(monkeypatch)
    out = tmp_path / "exports"
    out.mkdir()
    save.answer = str(out / "台账.pdf")
    dialog = open_dialog(gui, page.open_export)
    dialog.pdf_button.setChecked(True)
    dialog.export_button.click()
    gui.qtbot.waitUntil(lambda: bool(gui.boxes.of("warning")), timeout=WAIT)
    title, text = gui.boxes.of("warning")[-1]
    assert title == "导出没有完成" and fonts.ENV_VAR in text and "missing.ttf" in text
    assert leftover_files(out) == []
    assert dialog.isVisible() and dialog.exported is None


def test_closing_the_file_dialog_exports_nothing(gui: Any, monkeypatch: Any) -> None:
    controller, window = gui.demo_window("chief")
    page = open_ledger(gui, window)
    save = SaveDialog(monkeypatch)      # answers "": the user closed the file dialog
    dialog = open_dialog(gui, page.open_export)
    dialog.export_button.click()
    gui.qtbot.waitUntil(lambda: bool(save.asked), timeout=WAIT)
    gui.idle(controller)
    assert dialog.isVisible() and dialog.task is None and dialog.export_button.isEnabled()


# --- self-check and case review ------------------------------------------------------------------

def _start_selfcheck(session: Any, campaign_id: int) -> int:
    """A self-check of the Qinghai campaign with the list that fits it, three items answered."""
    choices = selfcheck_view.new_selfcheck_choices(session)
    template = min(t for c, t in choices["fits"] if c == campaign_id)
    (sid,) = selfcheck.start_selfcheck(session, campaign_id, template).rows["selfchecks"]
    items = [i for s in selfcheck.get_selfcheck(session, int(sid))["sections"]
             for i in s["items"]][:3]
    for item, answer in zip(items, ("conform", "na", "conform")):
        selfcheck.answer_item(session, int(sid), item["code"], answer, note="查阅了本站罚没台账")
    return int(sid)


def test_selfcheck_result_export(gui: Any, tmp_path: Path, monkeypatch: Any) -> None:
    controller, window = gui.demo_window("chief")
    sid = gui.call(controller, _start_selfcheck, controller.session,
                   qinghai_id(gui, controller))
    window.show_area("selfcheck")
    page = window.area("selfcheck")
    gui.qtbot.waitUntil(lambda: page.current_id() == sid, timeout=WAIT)
    assert page.export_button.isEnabled()
    save = SaveDialog(monkeypatch)
    save.answer = str(tmp_path / "自查结果.pdf")
    dialog = open_dialog(gui, page.export_selected)
    assert dialog.form_buttons.keys() == {export_dialog.SELFCHECK_FORM}
    assert dialog.findChild(QGroupBox, "export_forms").isHidden()     # nothing to choose
    assert "自查自纠结果" in dialog.windowTitle()
    dialog.pdf_button.setChecked(True)
    dialog.export_button.click()
    result = wait_done(gui, dialog)
    assert Path(result.path).read_bytes().startswith(b"%PDF")
    assert result.rows > 0

    # The entry view offers the same export for the self-check it shows.
    page.open_selfcheck(sid)
    gui.qtbot.waitUntil(lambda: page.entry.data is not None, timeout=WAIT)
    gui.idle(controller)
    save.answer = str(tmp_path / "自查结果.xlsx")
    page.entry.export_button.click()
    dialog = page.export_dialog
    gui.qtbot.waitUntil(dialog.isVisible, timeout=WAIT)
    dialog.xlsx_button.setChecked(True)
    dialog.export_button.click()
    result = wait_done(gui, dialog)
    assert Path(result.path).exists() and result.path.endswith(".xlsx")


def test_casereview_score_sheet_export(gui: Any, tmp_path: Path, monkeypatch: Any) -> None:
    controller, window = gui.demo_window("reviewer")
    case = db(gui, controller, "SELECT c.id FROM case_files c JOIN case_reviews r"
              " ON r.case_file_id = c.id WHERE r.status = 'submitted' ORDER BY c.id")[0]["id"]
    window.show_area("review")
    page = window.area("review")
    gui.idle(controller)
    view = page.review
    page.open_case(case)
    gui.qtbot.waitUntil(lambda: view.review_id is not None, timeout=WAIT)
    assert view.export_button.isEnabled()
    save = SaveDialog(monkeypatch)
    save.answer = str(tmp_path / "评分表.xlsx")
    view.export_button.click()
    dialog = view.export_dialog
    gui.qtbot.waitUntil(dialog.isVisible, timeout=WAIT)
    assert "玛交执罚" in dialog.scope.text()
    dialog.xlsx_button.setChecked(True)
    dialog.export_button.click()
    result = wait_done(gui, dialog)
    ws = load_workbook(result.path).active
    texts = [str(c.value) for row in ws.iter_rows() for c in row if c.value is not None]
    assert any("玛交执罚" in t for t in texts)
    assert any(t.startswith(DIGEST_LINE) for t in texts)
    dialog.done_box.findChild(type(view.export_button), "close").click()
    assert not dialog.done_box.isVisible()


def test_screenshot_of_the_export_dialog(gui: Any, tmp_path: Path, monkeypatch: Any) -> None:
    """The ledger's export dialog with 全部专项行动 chosen, and the message after the export
    (saved when FIELDLEDGER_SCREENSHOTS names a file: the message beside it, ``-done`` added)."""
    controller, window = gui.demo_window("chief")
    page = open_ledger(gui, window)
    dialog = open_dialog(gui, page.open_export)
    dialog.contact.setCurrentText("王丽")
    assert dialog.phone.text() == "0975-8381200"
    shot = os.environ.get("FIELDLEDGER_SCREENSHOTS")
    if shot:
        dialog.grab().save(shot)
    save = SaveDialog(monkeypatch)
    save.answer = str(tmp_path / "问题清单.xlsx")
    dialog.export_button.click()
    result = wait_done(gui, dialog)
    assert f"共 {result.rows} 行" in dialog.done_box.text()
    if shot:
        dialog.done_box.grab().save(str(Path(shot).with_stem(Path(shot).stem + "-done")))
