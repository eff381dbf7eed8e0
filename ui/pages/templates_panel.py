"""检查模板 (in 设置): the installed self-check lists and case-review standards, every version.

Import (Excel or JSON), export (Excel or JSON) and 停用/启用 run on the database worker; import
and export behind a progress dialog. A template file with mistakes is refused as a whole and
every mistake is listed with its sheet, row and column (or group and item of a JSON file), so
the clerk can correct the file in one pass. Importing and 停用/启用 need ``template.manage``
(负责人, 管理员); everyone can export.
"""
from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (QDialog, QDialogButtonBox, QFileDialog, QHBoxLayout, QHeaderView,
                               QLabel, QMessageBox, QPushButton, QTableWidgetItem, QVBoxLayout,
                               QWidget)

from models import templates
from models.errors import Cancelled, FieldLedgerError
from models.store import Changes

from ..errors import error_message, label_text, show_error
from ..i18n import translate
from ..widgets import read_only_table
from ..worker import run_task
from .base import Page

if TYPE_CHECKING:
    from models.template_check import Issue

LAST_FOLDER_KEY = "templates/last_folder"
INACTIVE_COLOR = "#8a8a8a"


def issue_message(issue: Issue) -> str:
    """What is wrong at one place of an imported template, in the current language."""
    return error_message(FieldLedgerError(issue.template, **issue.params))


def issue_place(issue: Issue) -> str:
    """Where the mistake is, in the current language (sheet, row, column, field)."""
    return issue.loc.text(lambda t: QCoreApplication.translate("errors", t))


class TemplateErrorsDialog(QDialog):
    """Every mistake of a refused template file: 工作表 | 行 | 列 | 栏目 | 问题 (Excel), or
    位置 | 问题 (JSON)."""

    def __init__(self, parent: QWidget, name: str, issues: list[Issue]) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("模板有错误，未能导入"))
        self.resize(820, 420)
        layout = QVBoxLayout(self)
        intro = QLabel(self.tr("“{name}”有 {n} 处错误，没有导入任何内容。请在 Excel 或 WPS 中逐一改正后"
                               "再导入：").format(name=name, n=len(issues)))
        intro.setObjectName("intro")
        intro.setWordWrap(True)
        layout.addWidget(intro)
        order = {name: n for n, name in enumerate(dict.fromkeys(i.loc.sheet for i in issues))}
        issues = sorted(issues, key=lambda i: (order[i.loc.sheet], i.loc.row or 0))
        sheets = any(i.loc.sheet for i in issues)
        if sheets:
            headers = [self.tr("工作表"), self.tr("行"), self.tr("列"), self.tr("栏目"),
                       self.tr("问题")]
        else:
            headers = [self.tr("位置"), self.tr("问题")]
        self.table = read_only_table(headers, "issues_table")
        self.table.setWordWrap(True)
        self.table.setRowCount(len(issues))
        for r, issue in enumerate(issues):
            loc = issue.loc
            if sheets:
                values = [loc.sheet, str(loc.row or ""), loc.column, label_text(loc.field),
                          issue_message(issue)]
            else:
                values = [issue_place(issue), issue_message(issue)]
            for c, value in enumerate(values):
                cell = QTableWidgetItem(value)
                cell.setToolTip(value)
                self.table.setItem(r, c, cell)
        self.table.resizeRowsToContents()
        layout.addWidget(self.table, 1)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        buttons.accepted.connect(self.accept)
        layout.addWidget(buttons)

    def rows(self) -> list[list[str]]:
        """The table's texts, row by row."""
        return [[self.table.item(r, c).text() for c in range(self.table.columnCount())]
                for r in range(self.table.rowCount())]


class TemplatesPanel(Page):
    """Every installed template version, newest revision first within each template."""

    tables = frozenset({"templates", "selfchecks", "case_reviews"})

    def __init__(self, controller: Any, parent: QWidget | None = None) -> None:
        super().__init__(controller, parent)
        self.can_manage = self.allowed("template.manage")
        layout = QVBoxLayout(self)
        row = QHBoxLayout()
        self.import_button = QPushButton(self.tr("导入（Excel/JSON）…"))
        self.import_button.setObjectName("import_template")
        self.export_xlsx_button = QPushButton(self.tr("导出为 Excel…"))
        self.export_xlsx_button.setObjectName("export_xlsx")
        self.export_json_button = QPushButton(self.tr("导出为 JSON…"))
        self.export_json_button.setObjectName("export_json")
        self.toggle_button = QPushButton(self.tr("停用"))
        self.toggle_button.setObjectName("toggle_active")
        self.import_button.clicked.connect(self.choose_import)
        self.export_xlsx_button.clicked.connect(lambda: self.choose_export("xlsx"))
        self.export_json_button.clicked.connect(lambda: self.choose_export("json"))
        self.toggle_button.clicked.connect(self.toggle_active)
        for button in (self.import_button, self.export_xlsx_button, self.export_json_button,
                       self.toggle_button):
            row.addWidget(button)
        row.addStretch(1)
        layout.addLayout(row)
        self.note = QLabel(self.tr(
            "自查清单和案卷评查标准是模板：导出为 Excel 后可在 Excel 或 WPS 中修改，再导入即成为新版本；"
            "已填写的自查和评查仍按原版本保存。内置模板是示例，请按本单位实际修改后使用。"))
        self.note.setObjectName("note")
        self.note.setWordWrap(True)
        self.note.setStyleSheet("color: #555;")
        layout.addWidget(self.note)
        self.rights = QLabel(self.tr("只有负责人或管理员可以导入、停用和启用模板。"))
        self.rights.setObjectName("rights")
        self.rights.setVisible(not self.can_manage)
        layout.addWidget(self.rights)
        self.table = read_only_table(
            [self.tr("类型"), self.tr("模板名称"), self.tr("版本"), self.tr("发布单位"),
             self.tr("发布日期"), self.tr("条目"), self.tr("已使用"), self.tr("状态"),
             self.tr("来源")], "templates_table")
        header = self.table.horizontalHeader()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.table.setWordWrap(False)
        self.table.currentCellChanged.connect(lambda *_a: self._update_buttons())
        layout.addWidget(self.table, 1)
        self.rows: list[dict[str, Any]] = []
        self._select_id: int | None = None
        self.errors_dialog: TemplateErrorsDialog | None = None
        self._update_buttons()
        self.refresh()

    # --- the list --------------------------------------------------------------------------------

    def refresh(self) -> None:
        self.worker.call(templates.list_templates, self.session, on_done=self._show)

    def _show(self, rows: list[dict[str, Any]]) -> None:
        current = self._select_id or self.current_id()
        self._select_id = None
        self.rows = rows
        self.table.setRowCount(len(rows))
        for r, t in enumerate(rows):
            origin = self.tr("内置示例") if t["source"] == "内置示例" else t["source"]
            if t["example"] and t["source"] != "内置示例":
                origin = self.tr("{source}（示例模板）").format(source=origin)
            values = [translate("templates", templates.KINDS[t["kind"]]), t["name"],
                      t["version"], t["issuer"], t["issued_date"] or "", str(t["n_items"]),
                      str(t["n_uses"]), self.tr("在用") if t["active"] else self.tr("停用"), origin]
            for c, value in enumerate(values):
                item = QTableWidgetItem(value)
                if c in (1, 8):
                    item.setToolTip(value)
                if c in (5, 6, 7):
                    item.setTextAlignment(Qt.AlignmentFlag.AlignCenter)
                if not t["active"]:
                    item.setForeground(QColor(INACTIVE_COLOR))
                self.table.setItem(r, c, item)
        for col in (0, 2, 3, 4, 5, 6, 7, 8):
            self.table.resizeColumnToContents(col)
        ids = [t["id"] for t in rows]
        if current in ids:
            self.table.setCurrentCell(ids.index(current), 0)
        elif rows and self.table.currentRow() < 0:
            self.table.setCurrentCell(0, 0)
        self._update_buttons()

    def current(self) -> dict[str, Any] | None:
        row = self.table.currentRow()
        return self.rows[row] if 0 <= row < len(self.rows) else None

    def current_id(self) -> int | None:
        t = self.current()
        return t["id"] if t else None

    def _update_buttons(self) -> None:
        t = self.current()
        self.import_button.setEnabled(self.can_manage)
        self.export_xlsx_button.setEnabled(t is not None)
        self.export_json_button.setEnabled(t is not None)
        self.toggle_button.setEnabled(self.can_manage and t is not None)
        self.toggle_button.setText(self.tr("启用") if t and not t["active"] else self.tr("停用"))

    # --- import ----------------------------------------------------------------------------------

    def _folder(self) -> str:
        return str(self.controller.settings.value(LAST_FOLDER_KEY, "") or "")

    def _remember(self, path: str) -> None:
        self.controller.settings.setValue(LAST_FOLDER_KEY, str(Path(path).parent))

    def choose_import(self) -> None:
        if not self.can_manage:
            return
        path, _f = QFileDialog.getOpenFileName(
            self, self.tr("导入模板"), self._folder(),
            self.tr("模板文件 (*.xlsx *.json);;Excel 工作簿 (*.xlsx);;JSON (*.json);;所有文件 (*)"))
        if path:
            self._remember(path)
            self.import_file(path)

    def import_file(self, path: str) -> None:
        """Import the template file ``path`` (on the worker, with a progress dialog)."""
        session = self.session

        def task(_progress: Any, _cancelled: Any) -> Changes:
            from models import template_io   # reading files: loaded on the worker, when used
            return template_io.import_template(session, path)

        run_task(self.worker, self, self.tr("导入模板"), self.tr("正在读取并检查模板…"), task,
                 on_done=lambda changes: self._imported(path, changes),
                 on_error=lambda exc: self._import_failed(path, exc))

    def _imported(self, path: str, changes: Changes) -> None:
        new = changes.rows.get("templates", set())
        if not new:
            QMessageBox.information(self, self.tr("导入模板"), self.tr(
                "“{name}”的内容与已导入的某个版本相同，没有新增版本。").format(name=Path(path).name))
            return
        self._select_id = int(next(iter(new)))

        def done(t: dict[str, Any]) -> None:
            QMessageBox.information(self, self.tr("导入模板"), self.tr(
                "已导入《{name}》{version}（{kind}，{n} 项）。").format(
                name=t["name"], version=t["version"], n=sum(len(s["items"]) for s in t["sections"]),
                kind=translate("templates", templates.KINDS[t["kind"]])))
        self.call(templates.get_template, self._select_id, on_done=done)

    def _import_failed(self, path: str, exc: BaseException) -> None:
        if isinstance(exc, Cancelled):
            return
        from models.template_check import TemplateInvalid
        if isinstance(exc, TemplateInvalid):
            dialog = TemplateErrorsDialog(self, Path(path).name, exc.issues)
            dialog.finished.connect(lambda _r: self._errors_closed(dialog))
            self.errors_dialog = dialog
            dialog.open()
            return
        show_error(self, exc, self.tr("无法导入模板"))

    def _errors_closed(self, dialog: TemplateErrorsDialog) -> None:
        if self.errors_dialog is dialog:
            self.errors_dialog = None
        dialog.deleteLater()

    # --- export ----------------------------------------------------------------------------------

    def choose_export(self, fmt: str) -> None:
        t = self.current()
        if t is None:
            return
        name = f"{t['name']}（{t['version']}）".replace("/", "-").replace("\\", "-")
        suffix = ".json" if fmt == "json" else ".xlsx"
        pattern = self.tr("JSON (*.json)") if fmt == "json" else self.tr("Excel 工作簿 (*.xlsx)")
        path, _f = QFileDialog.getSaveFileName(self, self.tr("导出模板"),
                                               str(Path(self._folder()) / (name + suffix)),
                                               pattern)
        if not path:
            return
        if not path.lower().endswith(suffix):
            path += suffix
        self._remember(path)
        self.export_to(t["id"], path)

    def export_to(self, template_id: int, path: str) -> None:
        """Write version ``template_id`` to ``path`` (.json: JSON, else Excel), on the worker."""
        session = self.session

        def task(_progress: Any, _cancelled: Any) -> str:
            from models import template_io
            return template_io.export_template(session, template_id, path)

        run_task(self.worker, self, self.tr("导出模板"), self.tr("正在写出模板文件…"), task,
                 on_done=lambda written: QMessageBox.information(
                     self, self.tr("导出模板"), self.tr("已导出到：{path}").format(path=written)))

    # --- 停用 / 启用 -----------------------------------------------------------------------------

    def toggle_active(self) -> None:
        t = self.current()
        if t is None or not self.can_manage:
            return
        self._select_id = t["id"]
        self.call(templates.set_template_active, t["id"], not t["active"])
