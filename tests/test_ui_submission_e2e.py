"""The whole submission loop through the real widgets of two installations: the station exports a
package through its 报送 tab to a folder standing in for the USB stick, the office registers the
station and imports the package through its tab, writes the signed receipt (回执) onto the stick,
the station registers its office and imports the receipt, and the outbox row shows 已送达."""
from __future__ import annotations

from pathlib import Path
from typing import Any

from conftest import login_as
from PySide6.QtWidgets import QFileDialog, QMessageBox
from test_ui_office import column, run_import
from test_ui_station import fill_export, ok, open_panel, outbox_rows, passphrase
from ui_helpers import WAIT, make_settings

from models import campaigns, enrollment, keys, package_out
from models.demo import DEMO_PASSWORD
from models.paths import DataDir
from models.session import login, setup_installation
from models.store import open_store
from ui.pages.office_panel import OfficePanel
from ui.pages.passphrase_dialog import PassphraseDialog

OFFICE_PASSWORD = "office-pass-1"


def make_office(root: Path) -> DataDir:
    """An office installation with its unit seal key held by its director."""
    data_dir = DataDir(root)
    store = open_store(data_dir)
    try:
        setup_installation(store, unit={"name": "果洛州交通运输综合行政执法支队",
                                        "code": "QH-6326", "level": "city"},
                           chief={"name": "才让"}, username="director", password=OFFICE_PASSWORD)
        keys.create_seal_key(login(store, "director", OFFICE_PASSWORD), OFFICE_PASSWORD)
    finally:
        store.close()
    return data_dir


def answer_yes(monkeypatch: Any) -> list[str]:
    asked: list[str] = []

    def question(_parent: Any, _title: str, text: str, *_a: Any, **_k: Any) -> Any:
        asked.append(text)
        return QMessageBox.StandardButton.Yes
    monkeypatch.setattr(QMessageBox, "question", staticmethod(question))
    return asked


def pick_file(monkeypatch: Any, path: Path) -> None:
    monkeypatch.setattr(QFileDialog, "getOpenFileName",
                        staticmethod(lambda *a, **k: (str(path), "")))


def pick_files(monkeypatch: Any, paths: list[Path]) -> None:
    monkeypatch.setattr(QFileDialog, "getOpenFileNames",
                        staticmethod(lambda *a, **k: ([str(p) for p in paths], "")))


def test_export_import_receipt_delivered(gui: Any, monkeypatch: Any, tmp_path: Path) -> None:
    stick = tmp_path / "U盘"
    stick.mkdir()
    monkeypatch.setattr(QFileDialog, "getExistingDirectory",
                        staticmethod(lambda *_a, **_k: str(stick)))
    asked = answer_yes(monkeypatch)

    # --- the station exports package 1 onto the stick -----------------------------------------
    station, panel = open_panel(gui)
    ok(fill_export(gui, panel))
    passphrase(gui, panel, DEMO_PASSWORD)
    gui.qtbot.waitUntil(lambda: panel.last_result is not None, timeout=WAIT * 3)
    exported: package_out.ExportedPackage = panel.last_result
    gui.qtbot.waitUntil(lambda: panel.table.rowCount() == 1, timeout=WAIT)
    assert panel.table.item(0, 7).text() == "已写出"

    def station_enrollment(store: Any) -> Path:
        chief = login_as(store, "chief")
        key_id = keys._active_key(store, "seal", unit_id=chief.unit_id)
        path = stick / "大武超限检测站-单位签章密钥登记文件.json"
        path.write_text(enrollment.enrollment_file(chief, key_id, DEMO_PASSWORD),
                        encoding="utf-8")
        return path
    station_file = gui.call(station, station_enrollment, station.store)

    # --- the office registers the station, imports the package, writes the receipt -----------
    office = gui.start(make_office(tmp_path / "office"), make_settings(tmp_path / "office-ui"))
    window = gui.login(office, "director", OFFICE_PASSWORD)
    window.show_area("submission")
    area = window.area("submission")
    office_panel = area.findChild(OfficePanel)
    area.tabs.setCurrentWidget(office_panel)
    gui.idle(office)
    pick_file(monkeypatch, station_file)
    office_panel.buttons["register"].click()
    gui.qtbot.waitUntil(lambda: office_panel.units_table.rowCount() == 1, timeout=WAIT)
    pick_files(monkeypatch, [exported.path])
    office_panel.buttons["import_files"].click()
    dialog = office_panel.import_dialog
    dialog.verify_button.click()
    gui.qtbot.waitUntil(lambda: len(dialog.reports) == 1, timeout=WAIT * 3)
    assert run_import(gui, office, dialog) == ["已导入"]
    dialog.close()
    gui.qtbot.waitUntil(lambda: office_panel.packages_table.rowCount() == 1, timeout=WAIT)
    assert column(office_panel.packages_table, 6) == ["已导入"]

    assert office_panel.buttons["write_receipt"].isVisible()
    office_panel.units_table.selectRow(0)
    office_panel.buttons["write_receipt"].click()
    receipt_dialog = office_panel.dialog
    assert isinstance(receipt_dialog, PassphraseDialog) and receipt_dialog.isVisible()
    assert "QH-632621-DW" in receipt_dialog.intro.text()
    passphrase(gui, office_panel, OFFICE_PASSWORD)
    gui.qtbot.waitUntil(lambda: isinstance(office_panel.last_result, Path), timeout=WAIT)
    receipt = office_panel.last_result
    assert receipt == stick / "QH-632621-DW-回执-1.json" and receipt.is_file()
    office_panel.grab().save(str(tmp_path / "office.png"))

    # --- the office's 资料报送统计表: the station's unit has reported ---------------------------
    stats = office_panel.stats
    office_panel.tabs.setCurrentWidget(stats)
    gui.qtbot.waitUntil(lambda: stats.materials.campaigns_loaded, timeout=WAIT)
    assert "还没有专项行动" in stats.materials.summary.text()

    def add_campaign(store: Any) -> Any:
        """The office's own campaign with the 文号 the station reported under."""
        doc_no = store.conn.execute("SELECT campaign FROM office_packages").fetchone()[0]
        return campaigns.create_campaign(login(store, "director", OFFICE_PASSWORD),
                                         title="专项整治", doc_no=doc_no,
                                         materials=[{"name": "工作简报"}])
    gui.call(office, add_campaign, office.store)
    gui.qtbot.waitUntil(lambda: stats.materials.table.rowCount() == 1, timeout=WAIT)
    table = stats.materials.table
    cells = [table.item(0, c).text() for c in range(table.columnCount())]
    assert cells[:3] == ["玛沁县大武超限检测站", "×", "√"], "工作简报 not sent, 问题台账 received"
    assert stats.materials.summary.text().startswith("1 个单位：")
    office_panel.tabs.setCurrentWidget(office_panel.units_table)

    def office_enrollment(store: Any) -> Path:
        boss = login(store, "director", OFFICE_PASSWORD)
        key_id = keys._active_key(store, "seal", unit_id=boss.unit_id)
        path = stick / "果洛州支队-单位签章密钥登记文件.json"
        path.write_text(enrollment.enrollment_file(boss, key_id, OFFICE_PASSWORD),
                        encoding="utf-8")
        return path
    office_file = gui.call(office, office_enrollment, office.store)

    # --- the station registers its office and imports the receipt: 已送达 ---------------------
    pick_file(monkeypatch, office_file)
    panel.office_button.click()
    gui.qtbot.waitUntil(lambda: any("已登记上级单位" in text
                                    for _t, text in gui.boxes.of("information")), timeout=WAIT)
    assert any("QH-6326" in text and "核对指纹" in text for text in asked)
    pick_file(monkeypatch, receipt)
    panel.last_result = None
    panel.receipt_button.click()
    gui.qtbot.waitUntil(lambda: panel.last_result is not None, timeout=WAIT)
    gui.qtbot.waitUntil(lambda: panel.table.item(0, 7).text() == "已送达", timeout=WAIT)
    assert panel.table.item(0, 8).text() != "—"
    assert outbox_rows(gui, station) == [(1, "delivered")]
    assert "已送达" in gui.boxes.of("information")[-1][1]
    panel.grab().save(str(tmp_path / "station.png"))
