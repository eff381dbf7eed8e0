"""GUI: importing an Excel ledger from the 问题台账 page (preview, errors, import, re-import).

The real app with the demo data, offscreen; the workbook is a real xlsx written to the 问题清单 layout
of seed 001. Message boxes are recorded by the ``gui`` fixture; the yes/no question is patched.
"""
from __future__ import annotations

import datetime
import os
from pathlib import Path
from typing import Any

from openpyxl import Workbook
from PySide6.QtWidgets import QFileDialog, QMessageBox

from models.demo import XIANGYUAN_2024
from test_ui_ledger import db, open_ledger
from ui_helpers import WAIT


def checklist_file(path: Path) -> Path:
    """A 问题清单 as a station fills it in: two good rows, one unknown category, one bad date."""
    wb = Workbook()
    ws = wb.active
    ws.append(["交通运输领域突出问题专项整治问题清单"])
    ws.merge_cells("A1:G1")
    ws.append(["单 位 (公 章) : 玛沁县大武超限检测站"])
    ws.append(["2024 年 6 月 28 日"])
    ws.append(["序号", "存在问题", "具体表现", "整改措施", "责任部门(人)", "整改时限", "备注"])
    ws.append([1, "运动式执法问题", "夜间集中查车、白天放松检查", "建立日常巡查制度", "一班 李海龙",
               datetime.datetime(2024, 8, 31), ""])
    ws.append([2, "“一刀切”执法问题", "对轻微超限一律顶格处罚", "严格执行裁量基准", "法制组/马文斌",
               "2024年8月底", "首违不罚清单已印发"])
    ws.append([3, "收费不规范", "停车场收费无公示", "公示收费标准", "综合办", "2024-07-31", ""])
    ws.append([4, "机械执法问题", "不区分情节一律扣车", "制定分类处置指引", "二班", "尽快", ""])
    ws.append([])
    ws.append(["填 报 人: 王丽"])
    wb.save(path)
    return path


def open_import(gui: Any, page: Any, path: Path) -> Any:
    dialog = page.open_import()
    gui.qtbot.waitUntil(dialog.isVisible, timeout=WAIT)
    dialog.load_file(str(path))
    gui.qtbot.waitUntil(lambda: dialog.preview is not None, timeout=WAIT)
    gui.idle(page.controller)
    return dialog


def test_import_preview_then_import_then_reimport(gui: Any, tmp_path: Path,
                                                   monkeypatch: Any) -> None:
    controller, window = gui.demo_window("chief")
    page = open_ledger(gui, window)
    cid = db(gui, controller, "SELECT id FROM campaigns WHERE doc_no = ?",
             (XIANGYUAN_2024["doc_no"],))[0]["id"]
    index = page.campaign.findData(cid)
    page.campaign.setCurrentIndex(index)
    gui.idle(controller)
    before = db(gui, controller, "SELECT count(*) AS n FROM problems")[0]["n"]
    path = checklist_file(tmp_path / "问题清单.xlsx")

    dialog = open_import(gui, page, path)
    assert dialog.campaign.currentData() == cid          # the campaign the ledger shows
    model = dialog.model
    assert model.rowCount() == 4
    states = [model.index(r, 1).data() for r in range(4)]
    assert states == ["将导入", "将导入", "有错误（不导入）", "有错误（不导入）"]
    assert model.index(0, 3).data() == "运动式执法"
    assert model.index(0, 8).data() == "李海龙"
    assert model.index(1, 9).data() == "2024-08-31"
    assert "问题类别无法识别" in model.index(2, 2).data()
    assert "不是日期" in model.index(3, 2).data()
    assert "将导入 2 行" in dialog.summary.text() and "有错误 2 行" in dialog.summary.text()
    assert dialog.import_button.isEnabled() and dialog.import_button.text() == "导入 2 个问题"
    # Nothing is stored by the preview.
    assert db(gui, controller, "SELECT count(*) AS n FROM problems")[0]["n"] == before

    # The selected row's messages in full under the table.
    dialog.table.selectRow(3)
    assert dialog.detail.text().startswith("第 8 行：") and "不是日期：尽快" in dialog.detail.text()

    # Only the rows with something to say.
    dialog.only_issues.setChecked(True)
    assert dialog.proxy.rowCount() == 2
    dialog.only_issues.setChecked(False)

    # Unrecognised categories can be put under one the user picks: row 3 becomes importable.
    dialog.fallback.setCurrentIndex(dialog.fallback.findData("其他问题"))
    gui.qtbot.waitUntil(lambda: dialog.preview is not None
                        and dialog.preview.count("new") == 3, timeout=WAIT)
    gui.idle(controller)
    if os.environ.get("FIELDLEDGER_SCREENSHOTS"):
        dialog.grab().save(os.environ["FIELDLEDGER_SCREENSHOTS"])

    monkeypatch.setattr(QMessageBox, "question",
                        staticmethod(lambda *a, **k: QMessageBox.StandardButton.Yes))
    with gui.qtbot.waitSignal(dialog.finished, timeout=WAIT):
        dialog.import_button.click()
    assert any("已导入 3 个问题" in text for _t, text in gui.boxes.of("information"))
    gui.idle(controller)
    rows = db(gui, controller, "SELECT p.*, (SELECT count(*) FROM problem_imports i"
              " WHERE i.problem_id = p.id) AS imports FROM problems p WHERE campaign_id = ?"
              " ORDER BY seq_no", (cid,))
    assert [r["issue"] for r in rows] == ["运动式执法问题", "“一刀切”执法问题", "收费不规范"]
    assert [r["category"] for r in rows] == ["运动式执法", "“一刀切”执法", "其他问题"]
    assert all(r["imports"] == 1 and r["status"] == "open" for r in rows)
    assert rows[1]["remarks"] == "首违不罚清单已印发" and rows[1]["responsible_dept"] == "法制组"
    # The ledger shows them (it reloads on the change).
    gui.qtbot.waitUntil(lambda: page.model.rowCount() == 3, timeout=WAIT)

    # The same file again: nothing new to import (row 3 went in under 其他问题 last time).
    dialog2 = open_import(gui, page, path)
    states = [dialog2.model.index(r, 1).data() for r in range(4)]
    assert states == ["已在台账（跳过）"] * 3 + ["有错误（不导入）"]
    assert not dialog2.import_button.isEnabled()
    dialog2.reject()


def test_broken_file_is_explained_and_nothing_changes(gui: Any, tmp_path: Path) -> None:
    controller, window = gui.demo_window("officer")
    page = open_ledger(gui, window)
    before = db(gui, controller, "SELECT count(*) AS n, max(seq) AS s FROM audit_log")[0]
    bad = tmp_path / "台账.xlsx"
    bad.write_text("这不是 Excel 文件", encoding="utf-8")
    dialog = page.open_import()
    dialog.load_file(str(bad))
    gui.qtbot.waitUntil(lambda: bool(gui.boxes.of("warning")), timeout=WAIT)
    title, text = gui.boxes.of("warning")[-1]
    assert title == "无法导入这个文件" and "不是有效的 Excel 工作簿" in text
    assert dialog.preview is None and not dialog.import_button.isEnabled()
    assert db(gui, controller, "SELECT count(*) AS n, max(seq) AS s FROM audit_log")[0] == before
    dialog.reject()


def test_blank_form_can_be_saved_and_read_back(gui: Any, tmp_path: Path,
                                               monkeypatch: Any) -> None:
    controller, window = gui.demo_window("officer")
    page = open_ledger(gui, window)
    target = tmp_path / "空白问题清单.xlsx"
    monkeypatch.setattr(QFileDialog, "getSaveFileName",
                        staticmethod(lambda *a, **k: (str(target), "")))
    dialog = page.open_import()
    actions = dialog.blank_button.menu().actions()
    assert [a.text() for a in actions] == ["专项整治问题清单…", "“回头看”清查评估台账…"]
    actions[0].trigger()
    assert target.exists()
    dialog.load_file(str(target))
    gui.qtbot.waitUntil(lambda: dialog.preview is not None, timeout=WAIT)
    assert dialog.preview.layouts == ("checklist",) and dialog.preview.rows == ()
    assert "共 0 行" in dialog.summary.text()
    dialog.reject()


def test_import_button_needs_permission(gui: Any) -> None:
    """Every demo role but admin may enter problems; the admin account sees the button disabled."""
    controller, window = gui.demo_window("admin")
    window.show_area("ledger")
    page = window.area("ledger")
    assert not page.import_button.isEnabled()
    assert page.open_import() is None
