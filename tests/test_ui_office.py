"""GUI: 报送 → 接收下级报送 with real widgets: registering a unit from its enrollment file (the
fingerprint shown to compare in person), the dry-run report of a package and its import,
importing it again (no change), a tampered copy quarantined with its reason, and what a role
without ``office.manage`` sees."""
from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path
from typing import Any, NamedTuple

import pytest
from conftest import login_as
from core_helpers import copy_installation
from form_helpers import QINGHAI_DOC_NO
from PySide6.QtWidgets import QFileDialog, QMessageBox, QTableWidget
from ui_helpers import WAIT

from models import enrollment, keys, package_out
from models.demo import DEMO_PASSWORD
from models.paths import DataDir
from models.store import open_store
from ui.pages.office_import_dialog import ImportDialog
from ui.pages.office_panel import OfficePanel

FAST = ("ledger", "signatures", "audit")


class StationFiles(NamedTuple):
    enrollment: Path
    package: Path
    fingerprint: str


@pytest.fixture
def station_files(signed_template: DataDir, tmp_path: Path) -> StationFiles:
    """The station's seal-key enrollment file and its first package, on a 'stick'."""
    stick = tmp_path / "U盘"
    stick.mkdir()
    store = open_store(copy_installation(signed_template, DataDir(tmp_path / "station")))
    try:
        chief = login_as(store, "chief")
        key_id = keys._active_key(store, "seal", unit_id=chief.unit_id)
        text = enrollment.enrollment_file(chief, key_id, DEMO_PASSWORD)
        path = stick / "大武超限检测站-单位签章密钥登记文件.json"
        path.write_text(text, encoding="utf-8")
        campaign = store.conn.execute("SELECT id FROM campaigns WHERE doc_no = ?",
                                      (QINGHAI_DOC_NO,)).fetchone()[0]
        exported = package_out.export_package(
            chief, stick, DEMO_PASSWORD, campaign_id=campaign, materials=FAST,
            period=(date(2024, 6, 1), date(2024, 6, 30)))
        fingerprint = store.conn.execute("SELECT fingerprint FROM signing_keys WHERE key_id = ?",
                                         (key_id,)).fetchone()[0]
    finally:
        store.close()
    return StationFiles(path, exported.path, fingerprint)


def open_panel(gui: Any, user: str) -> tuple[Any, Any, OfficePanel]:
    controller, window = gui.demo_window(user)
    window.show_area("submission")
    area = window.area("submission")
    panel = area.findChild(OfficePanel)
    assert panel is not None
    area.tabs.setCurrentWidget(panel)
    gui.idle(controller)
    return controller, window, panel


def column(table: QTableWidget, col: int) -> list[str]:
    return [table.item(r, col).text() if table.item(r, col) else ""
            for r in range(table.rowCount())]


def answer_yes(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Answer every QMessageBox.question Yes; return the texts asked."""
    asked: list[str] = []

    def question(_parent: Any, _title: str, text: str, *_a: Any, **_k: Any) -> Any:
        asked.append(text)
        return QMessageBox.StandardButton.Yes
    monkeypatch.setattr(QMessageBox, "question", staticmethod(question))
    return asked


def register(gui: Any, panel: OfficePanel, files: StationFiles,
             monkeypatch: pytest.MonkeyPatch) -> list[str]:
    monkeypatch.setattr(QFileDialog, "getOpenFileName",
                        staticmethod(lambda *a, **k: (str(files.enrollment), "")))
    asked = answer_yes(monkeypatch)
    panel.buttons["register"].click()
    gui.qtbot.waitUntil(lambda: panel.units_table.rowCount() == 1, timeout=WAIT)
    return asked


def import_paths(gui: Any, panel: OfficePanel, paths: list[Path],
                 monkeypatch: pytest.MonkeyPatch) -> ImportDialog:
    """Choose ``paths`` through the file dialog and run the dry run."""
    monkeypatch.setattr(QFileDialog, "getOpenFileNames",
                        staticmethod(lambda *a, **k: ([str(p) for p in paths], "")))
    panel.buttons["import_files"].click()
    dialog = panel.import_dialog
    assert dialog is not None and dialog.isVisible()
    assert dialog.list.count() == len(paths)
    dialog.verify_button.click()
    gui.qtbot.waitUntil(lambda: len(dialog.reports) == len(paths), timeout=WAIT * 3)
    return dialog


def run_import(gui: Any, controller: Any, dialog: ImportDialog) -> list[str]:
    assert dialog.import_button.isEnabled()
    dialog.import_button.click()
    gui.qtbot.waitUntil(lambda: bool(dialog.results), timeout=WAIT * 3)
    gui.idle(controller)
    return [text for _p, text, _c in dialog.results]


def test_register_import_again_and_tampered(gui: Any, station_files: StationFiles,
                                            monkeypatch: pytest.MonkeyPatch,
                                            tmp_path: Path) -> None:
    controller, _window, panel = open_panel(gui, "chief")
    assert panel.units_table.rowCount() == 0 and not panel.alarm_banner.isVisible()
    assert all(not b.isHidden() for b in panel.buttons.values())

    asked = register(gui, panel, station_files, monkeypatch)
    assert len(asked) == 1
    assert "请与对方当面或电话核对指纹" in asked[0] and station_files.fingerprint in asked[0]
    assert column(panel.units_table, 0) == ["QH-632621-DW"]
    assert column(panel.units_table, 3) == [station_files.fingerprint]
    assert column(panel.units_table, 4) == ["正常"]
    assert any("已登记" in text for _t, text in gui.boxes.of("information"))

    # the dry run: the report in Chinese, nothing imported yet
    dialog = import_paths(gui, panel, [station_files.package], monkeypatch)
    report = dialog.report.toPlainText()
    assert "检查通过，可以导入" in report and station_files.package.name in report
    assert "单位签章密钥 " + station_files.fingerprint in report
    assert panel.packages_table.rowCount() == 0
    assert run_import(gui, controller, dialog) == ["已导入"]
    assert "导入结果" in dialog.report.toPlainText()
    gui.qtbot.waitUntil(lambda: panel.packages_table.rowCount() == 1, timeout=WAIT)
    assert column(panel.packages_table, 1) == ["1"]
    assert column(panel.packages_table, 6) == ["已导入"]
    assert column(panel.packages_table, 2) == [QINGHAI_DOC_NO]
    assert "已收到第 1 号" in column(panel.units_table, 4)[0]
    dialog.close()

    # the same package again, with a tampered copy
    tampered = tmp_path / "tampered.flpkg"
    data = bytearray(station_files.package.read_bytes())
    data[len(data) // 2] ^= 0x01
    tampered.write_bytes(bytes(data))
    kept = tmp_path / "tampered-original.flpkg"
    shutil.copyfile(tampered, kept)
    dialog = import_paths(gui, panel, [station_files.package, tampered], monkeypatch)
    again, bad = dialog.reports
    assert not isinstance(again[1], str) and again[1].already_imported
    assert not isinstance(bad[1], str) and bad[1].problems
    text = dialog.report.toPlainText()
    assert "已导入过，无需再次导入" in text and "问题：" in text
    assert "可导入 0 个，已导入过 1 个，不合格 1 个" in text
    results = run_import(gui, controller, dialog)
    assert results[0] == "已导入过（无变化）"
    assert results[1].startswith("已隔离（") and bad[1].problems[0] in results[1]
    assert not tampered.exists()                      # moved into the quarantine folder
    gui.qtbot.waitUntil(lambda: panel.packages_table.rowCount() == 2, timeout=WAIT)
    assert sorted(column(panel.packages_table, 6)) == ["已导入", "已隔离"]
    row = column(panel.packages_table, 6).index("已隔离")
    assert panel.packages_table.item(row, 7).text() == bad[1].problems[0].replace("\n", "；")
    dialog.close()


def test_alarm_count_and_unrelated_seal_key(gui: Any, station_files: StationFiles,
                                            signed_template: DataDir,
                                            monkeypatch: pytest.MonkeyPatch,
                                            tmp_path: Path) -> None:
    controller, _window, panel = open_panel(gui, "chief")
    register(gui, panel, station_files, monkeypatch)
    # a second package skipping a number raises a gap alarm (imported, red count shown)
    store = open_store(DataDir(tmp_path / "station"), create=False)
    try:
        chief = login_as(store, "chief")
        stick = tmp_path / "U盘"
        second = package_out.export_package(chief, stick, DEMO_PASSWORD, materials=FAST)
        # the seal key replaced without a rotation: the office must confirm twice
        keys.revoke_key(chief, keys._active_key(store, "seal", unit_id=chief.unit_id),
                        DEMO_PASSWORD, "遗失")
        new_key = keys.create_seal_key(chief, DEMO_PASSWORD)
        new_key_id = new_key if isinstance(new_key, str) else \
            keys._active_key(store, "seal", unit_id=chief.unit_id)
        new_text = enrollment.enrollment_file(chief, new_key_id, DEMO_PASSWORD)
    finally:
        store.close()
    dialog = import_paths(gui, panel, [second.path], monkeypatch)
    assert "缺号" in dialog.report.toPlainText()
    assert run_import(gui, controller, dialog)[0].startswith("已导入（告警：缺号")
    gui.qtbot.waitUntil(lambda: panel.alarm_banner.isVisible(), timeout=WAIT)
    assert panel.alarm_banner.text() == "告警 1 条"
    assert panel.tabs.tabText(2) == "告警（1）"
    assert column(panel.alarms_table, 1) == ["缺号"]
    dialog.close()

    station_files.enrollment.write_text(new_text, encoding="utf-8")
    asked = answer_yes(monkeypatch)
    panel.buttons["register"].click()
    gui.qtbot.waitUntil(lambda: len(asked) == 2, timeout=WAIT)
    assert "替换" in asked[1] and "没有" in asked[1]
    gui.qtbot.waitUntil(lambda: column(panel.units_table, 3) != [station_files.fingerprint],
                        timeout=WAIT)
    gui.idle(controller)
    assert column(panel.units_table, 3)[0] in new_text


def test_officer_only_reads(gui: Any) -> None:
    _controller, _window, panel = open_panel(gui, "officer")
    assert all(b.isHidden() for b in panel.buttons.values())
    assert panel.units_table.rowCount() == 0
