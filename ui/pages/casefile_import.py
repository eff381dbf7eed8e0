"""导入案卷清单: pick an xlsx list of case files, see every row as it will be stored, then import.

Nothing is stored until the import button is pressed, and then only the rows marked 将导入, in
one transaction (:func:`models.casefiles.import_case_files`). Reading and storing run on the
database worker behind a progress dialog. 空白清单 saves an empty list with the columns the
import reads.
"""
from __future__ import annotations

from typing import Any

from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (QHBoxLayout, QHeaderView, QLabel, QPushButton, QTableWidgetItem,
                               QVBoxLayout, QWidget)

from models import casefiles
from models.casefiles import CASE_TYPES, CaseImportPreview, CaseImportRow
from models.i18n import QT_TRANSLATE_NOOP
from models.session import Session
from models.store import Changes

from ..i18n import translate
from ..widgets import read_only_table
from ..worker import DbWorker
from .import_preview import DialogTexts, PreviewImportDialog, Task, note_text

LAST_FOLDER_KEY = "casefiles/last_folder"
ERROR_BG, DUPLICATE_FG = QColor("#fde7e9"), QColor("#888888")
STATES = {"new": QT_TRANSLATE_NOOP("CaseImportDialog", "将导入"),
          "duplicate": QT_TRANSLATE_NOOP("CaseImportDialog", "已登记（跳过）"),
          "error": QT_TRANSLATE_NOOP("CaseImportDialog", "有错误（不导入）")}


class CaseImportDialog(PreviewImportDialog):
    """Preview and import of one case-file list; :attr:`imported` holds the Changes after."""

    LAST_FOLDER_KEY = LAST_FOLDER_KEY
    IMPORTED_TABLE = "case_files"

    def __init__(self, worker: DbWorker, session: Session, settings: Any,
                 parent: QWidget | None = None) -> None:
        super().__init__(worker, session, settings, parent)
        self.preview: CaseImportPreview | None = None
        self.setObjectName("casefile_import")
        self.setWindowTitle(self.tr("导入案卷清单"))
        self.resize(1100, 620)
        layout = QVBoxLayout(self)
        intro = QLabel(self.tr(
            "案卷清单（.xlsx）的表头一行应有：案卷编号、案件类型、案由，其余列（执法门类、当事人、执法人员、"
            "是否重大案件、办案机构、结案时间、备注）可有可无，次序不限。先预览，确认后再导入；"
            "已登记的案卷编号会自动跳过。"))
        intro.setWordWrap(True)
        layout.addWidget(intro)
        row = QHBoxLayout()
        self._file_widgets(self.tr("请选择要导入的 Excel 文件"), self.tr("选择文件…"))
        self.blank_button = QPushButton(self.tr("空白清单…"))
        self.blank_button.setObjectName("blank_list")
        self.blank_button.setToolTip(self.tr("保存一份空白案卷清单，填好后再导入"))
        row.addWidget(QLabel(self.tr("文件")))
        row.addWidget(self.file_edit, 1)
        row.addWidget(self.choose_button)
        row.addWidget(self.blank_button)
        layout.addLayout(row)
        self._add_summary(layout, self.tr("尚未选择文件。"))
        self.table = read_only_table(
            [self.tr("行"), self.tr("结果"), self.tr("说明"), self.tr("案卷编号"),
             self.tr("案件类型"), self.tr("执法门类"), self.tr("案由"), self.tr("当事人"),
             self.tr("执法人员"), self.tr("重大"), self.tr("办案机构"), self.tr("结案时间")],
            "import_preview")
        self.table.setWordWrap(False)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.table.verticalHeader().setDefaultSectionSize(24)
        layout.addWidget(self.table, 1)
        self._add_detail(layout)
        self._add_buttons(layout, self.tr("导入"), self.tr("关闭"))
        self.blank_button.clicked.connect(self.save_blank)
        self.table.itemSelectionChanged.connect(self._show_detail)

    def texts(self) -> DialogTexts:
        return DialogTexts(
            choose_title=self.tr("选择案卷清单"),
            file_filter=self.tr("Excel 工作簿 (*.xlsx *.xlsm);;所有文件 (*)"),
            read_title=self.tr("读取 Excel"), read_label=self.tr("正在读取并检查每一行…"),
            read_failed=self.tr("无法导入这个文件"),
            confirm_title=self.tr("导入"),
            confirm=self.tr("有 {bad} 行有错误，不会导入。先导入其余 {new} 行吗？"),
            import_title=self.tr("导入案卷"), import_label=self.tr("正在保存到案卷登记…"),
            import_failed=self.tr("导入没有完成"),
            done_title=self.tr("导入完成"), done=self.tr("已登记 {n} 个案卷。"))

    # --- reading --------------------------------------------------------------------------------

    def _preview_task(self, path: str) -> Task:
        def task(_progress: Any, _cancelled: Any) -> CaseImportPreview:
            return casefiles.preview_case_files(self.session, path)
        return task

    def _clear_preview(self) -> None:
        self.table.setRowCount(0)
        self.summary.setText(self.tr("没有可导入的内容。"))

    def _show_preview(self, preview: CaseImportPreview) -> None:
        self.preview = preview
        self.detail.clear()
        self.table.setRowCount(len(preview.rows))
        for i, r in enumerate(preview.rows):
            for col, text in enumerate(self._cells(r)):
                cell = QTableWidgetItem(text)
                if r.state == "error":
                    cell.setBackground(QBrush(ERROR_BG))
                elif r.state == "duplicate":
                    cell.setForeground(QBrush(DUPLICATE_FG))
                if r.notes:
                    cell.setToolTip("\n".join(note_text(n) for n in r.notes))
                self.table.setItem(i, col, cell)
        self.table.resizeColumnsToContents()
        self.table.setColumnWidth(2, min(self.table.columnWidth(2), 360))
        new, dup, bad = (preview.count(s) for s in ("new", "duplicate", "error"))
        lines = [self.tr("工作表“{sheet}”共 {total} 行：将导入 {new} 行，已登记 {dup} 行（跳过），"
                         "有错误 {bad} 行（不导入）。").format(sheet=preview.sheet,
                                                         total=len(preview.rows), new=new,
                                                         dup=dup, bad=bad)]
        if bad:
            lines.append(self.tr("有错误的行请在 Excel 中改正后再导入本文件，已导入的行不会重复。"))
        self.summary.setText("\n".join(lines))
        self.import_button.setText(self.tr("导入 {n} 个案卷").format(n=new))
        self.import_button.setEnabled(new > 0)

    def _cells(self, r: CaseImportRow) -> list[str]:
        v = r.values
        kind = v.get("case_type")
        major = v.get("major")
        return [str(r.row_no), translate("CaseImportDialog", STATES[r.state]),
                "；".join(note_text(n) for n in r.notes), v.get("case_no", ""),
                translate("casefiles", CASE_TYPES[kind]) if kind else "", v.get("domain", ""),
                v.get("cause", ""), v.get("party", ""), v.get("officers", ""),
                "" if major is None else (self.tr("是") if major else self.tr("否")),
                v.get("agency", ""), v.get("closed_date") or ""]

    def _show_detail(self) -> None:
        rows = self.table.selectionModel().selectedRows()
        if not rows or self.preview is None:
            self.detail.clear()
            return
        r = self.preview.rows[rows[0].row()]
        notes = "\n".join(note_text(n) for n in r.notes)
        self.detail.setText(self.tr("第 {row} 行：").format(row=r.row_no)
                            + (notes or self.tr("没有问题。")))

    # --- importing ------------------------------------------------------------------------------

    def _import_task(self, preview: CaseImportPreview) -> Task:
        def task(_progress: Any, _cancelled: Any) -> Changes:
            return casefiles.import_case_files(self.session, preview)
        return task

    def save_blank(self) -> None:
        """Save an empty case-file list where the user chooses."""
        self._save_blank_xlsx(self.tr("保存空白案卷清单"), self.tr("案卷清单.xlsx"),
                              self.tr("Excel 工作簿 (*.xlsx)"), casefiles.write_blank)
