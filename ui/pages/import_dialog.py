"""导入 Excel 台账: pick a file and a campaign, see every row as it will be stored, then import.

The dialog only shows what :func:`models.ledger_import.preview_file` found; nothing is stored until
the user presses the import button, and then only the rows marked 将导入, in one transaction. Both
the reading and the storing run on the database worker behind a progress dialog with cancel.
"""
from __future__ import annotations

from typing import Any

from PySide6.QtCore import (QAbstractTableModel, QCoreApplication, QModelIndex,
                            QRegularExpression, QSortFilterProxyModel, Qt)
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (QAbstractItemView, QCheckBox, QComboBox, QFormLayout, QHBoxLayout,
                               QLabel, QMenu, QPushButton, QTableView, QVBoxLayout, QWidget)

from models import ledger_import, xlsx_forms
from models.i18n import QT_TRANSLATE_NOOP
from models.ledger_import import ImportPreview, ImportRow
from models.problems import STATUSES
from models.session import Session
from models.store import Changes

from ..i18n import translate
from ..worker import DbWorker
from .import_preview import DialogTexts, PreviewImportDialog, Task, note_text

DISPLAY_ROLE = Qt.ItemDataRole.DisplayRole
TOOLTIP_ROLE = Qt.ItemDataRole.ToolTipRole
BACKGROUND_ROLE = Qt.ItemDataRole.BackgroundRole
FOREGROUND_ROLE = Qt.ItemDataRole.ForegroundRole
ERROR_BG, DUPLICATE_FG, WARNING_FG = QColor("#fde7e9"), QColor("#888888"), QColor("#8a5a00")
LAST_FOLDER_KEY = "import/last_folder"
STATES = {"new": QT_TRANSLATE_NOOP("ImportDialog", "将导入"),
          "duplicate": QT_TRANSLATE_NOOP("ImportDialog", "已在台账（跳过）"),
          "error": QT_TRANSLATE_NOOP("ImportDialog", "有错误（不导入）")}


def _tr(text: str) -> str:
    return QCoreApplication.translate("ImportDialog", text)


class PreviewModel(QAbstractTableModel):
    """The rows of a preview, one table row each, with their state and messages."""

    COLUMNS = (QT_TRANSLATE_NOOP("ImportDialog", "行"), QT_TRANSLATE_NOOP("ImportDialog", "结果"),
               QT_TRANSLATE_NOOP("ImportDialog", "说明"),
               QT_TRANSLATE_NOOP("ImportDialog", "问题方面"),
               QT_TRANSLATE_NOOP("ImportDialog", "存在问题"),
               QT_TRANSLATE_NOOP("ImportDialog", "具体表现"),
               QT_TRANSLATE_NOOP("ImportDialog", "整改措施"),
               QT_TRANSLATE_NOOP("ImportDialog", "责任部门"),
               QT_TRANSLATE_NOOP("ImportDialog", "责任人"),
               QT_TRANSLATE_NOOP("ImportDialog", "整改时限"),
               QT_TRANSLATE_NOOP("ImportDialog", "状态"))
    NOTES_COLUMN = 2

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.rows: tuple[ImportRow, ...] = ()
        self._notes: list[str] = []

    def set_rows(self, rows: tuple[ImportRow, ...]) -> None:
        self.beginResetModel()
        self.rows = rows
        self._notes = ["\n".join(note_text(n) for n in r.notes) for r in rows]
        self.endResetModel()

    def rowCount(self, parent: QModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: QModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.COLUMNS)

    def headerData(self, section: int, orientation: Any, role: int = DISPLAY_ROLE) -> Any:
        if role == DISPLAY_ROLE and orientation == Qt.Orientation.Horizontal:
            return _tr(self.COLUMNS[section])
        return None

    def data(self, index: QModelIndex, role: int = DISPLAY_ROLE) -> Any:
        if not index.isValid():
            return None
        r = self.rows[index.row()]
        col = index.column()
        if role == DISPLAY_ROLE:
            return self._text(r, col, index.row())
        if role == TOOLTIP_ROLE:
            note = self._notes[index.row()]
            return note or None
        if role == BACKGROUND_ROLE and r.state == "error":
            return ERROR_BG
        if role == FOREGROUND_ROLE:
            if r.state == "duplicate":
                return DUPLICATE_FG
            if col in (1, 2) and r.notes and r.state == "new":
                return WARNING_FG
        return None

    def _text(self, r: ImportRow, col: int, i: int) -> str:
        v = r.values
        if col == 0:
            return f"{r.sheet}:{r.row_no}" if self._many_sheets() else str(r.row_no)
        if col == 1:
            return _tr(STATES[r.state])
        if col == 2:
            return self._notes[i].replace("\n", "；")
        if col == 10:
            return translate("problems", STATUSES[v["status"]])
        key = ("category", "issue", "manifestation", "measures", "responsible_dept", None,
               "deadline")[col - 3]
        if key is None:
            return r.person_name
        return str(v.get(key) or "")

    def _many_sheets(self) -> bool:
        return bool(self.rows) and self.rows[0].sheet != self.rows[-1].sheet


class ImportDialog(PreviewImportDialog):
    """Preview and import of one Excel file into one campaign's ledger."""

    LAST_FOLDER_KEY = LAST_FOLDER_KEY
    IMPORTED_TABLE = "problems"

    def __init__(self, worker: DbWorker, session: Session, settings: Any,
                 campaigns: list[dict[str, Any]], campaign_id: int | None,
                 parent: QWidget | None = None) -> None:
        super().__init__(worker, session, settings, parent)
        self.campaigns = campaigns
        self.preview: ImportPreview | None = None
        self.setWindowTitle(self.tr("导入 Excel 台账"))
        self.resize(1180, 680)
        layout = QVBoxLayout(self)

        intro = QLabel(self.tr(
            "可导入通知附件格式的《专项整治问题清单》和《“回头看”清查评估台账》（.xlsx，标题、表头与附件一致）。"
            "先预览，确认无误后再导入；同一文件再次导入时，已在台账中的行会自动跳过。"))
        intro.setWordWrap(True)
        layout.addWidget(intro)

        form = QFormLayout()
        file_row = QHBoxLayout()
        self._file_widgets(self.tr("请选择要导入的 Excel 文件"), self.tr("选择文件…"))
        self.choose_button.setObjectName("choose_file")
        self.blank_button = QPushButton(self.tr("空白表格"))
        self.blank_button.setObjectName("blank_forms")
        self.blank_button.setToolTip(self.tr("保存通知附件格式的空白表格，填好后再导入"))
        menu = QMenu(self.blank_button)
        for layout_def in xlsx_forms.LAYOUTS.values():
            action = menu.addAction(translate("xlsx", layout_def.name) + "…")
            action.triggered.connect(lambda _c=False, ld=layout_def: self.save_blank(ld))
        self.blank_button.setMenu(menu)
        file_row.addWidget(self.file_edit, 1)
        file_row.addWidget(self.choose_button)
        file_row.addWidget(self.blank_button)
        form.addRow(self.tr("文件"), file_row)
        self.campaign = QComboBox()
        self.campaign.setObjectName("import_campaign")
        for c in campaigns:
            self.campaign.addItem(c["title"], c["id"])
        self.campaign.addItem(self.tr("（不属于专项行动）"), None)
        index = self.campaign.findData(campaign_id) if campaign_id is not None else 0
        self.campaign.setCurrentIndex(max(index, 0))
        form.addRow(self.tr("导入到专项行动"), self.campaign)
        self.fallback = QComboBox()
        self.fallback.setObjectName("import_fallback")
        form.addRow(self.tr("无法识别问题类别的行"), self.fallback)
        layout.addLayout(form)

        self._add_summary(layout)
        self.only_issues = QCheckBox(self.tr("只显示有错误或提示的行"))
        self.only_issues.setObjectName("only_issues")
        layout.addWidget(self.only_issues)

        self.model = PreviewModel(self)
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSourceModel(self.model)
        self.proxy.setFilterKeyColumn(PreviewModel.NOTES_COLUMN)
        self.table = QTableView()
        self.table.setObjectName("import_preview")
        self.table.setModel(self.proxy)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setWordWrap(False)
        self.table.verticalHeader().setVisible(False)
        self.table.verticalHeader().setDefaultSectionSize(24)
        for col, width in enumerate((52, 116, 260, 110, 160, 180, 150, 80, 64, 86, 100)):
            self.table.setColumnWidth(col, width)
        layout.addWidget(self.table, 1)
        self._add_detail(layout)
        self._add_buttons(layout, self.tr("导入"), self.tr("关闭"))

        self.only_issues.toggled.connect(self._filter_rows)
        self.table.selectionModel().currentRowChanged.connect(self._show_detail)
        self.campaign.currentIndexChanged.connect(self._campaign_changed)
        self.fallback.currentIndexChanged.connect(lambda _i: self.reload())
        self._fill_fallback()
        self._show_summary()

    def texts(self) -> DialogTexts:
        return DialogTexts(
            choose_title=self.tr("选择 Excel 台账"),
            file_filter=self.tr("Excel 工作簿 (*.xlsx *.xlsm);;所有文件 (*)"),
            read_title=self.tr("读取 Excel"), read_label=self.tr("正在读取并检查每一行…"),
            read_failed=self.tr("无法导入这个文件"),
            confirm_title=self.tr("导入"),
            confirm=self.tr("有 {bad} 行有错误，不会导入。先导入其余 {new} 行吗？"),
            import_title=self.tr("导入 Excel"), import_label=self.tr("正在保存到问题台账…"),
            import_failed=self.tr("导入没有完成"),
            done_title=self.tr("导入完成"), done=self.tr("已导入 {n} 个问题到问题台账。"))

    # --- choosing -------------------------------------------------------------------------------

    def _fill_fallback(self) -> None:
        self.fallback.blockSignals(True)
        self.fallback.clear()
        self.fallback.addItem(self.tr("标为错误，不导入"), None)
        cid = self.campaign.currentData()
        for c in self.campaigns:
            if c["id"] == cid:
                for cat in c["categories"]:
                    self.fallback.addItem(self.tr("归入“{name}”").format(name=cat["name"]),
                                          cat["name"])
        self.fallback.setEnabled(self.fallback.count() > 1)
        self.fallback.blockSignals(False)

    def _campaign_changed(self, _index: int) -> None:
        self._fill_fallback()
        self.reload()

    def _preview_task(self, path: str) -> Task:
        """Read ``path`` with the current campaign and fallback category."""
        cid = self.campaign.currentData()
        fallback = self.fallback.currentData()

        def task(progress: Any, cancelled: Any) -> ImportPreview:
            return ledger_import.preview_file(self.session, path, cid, default_category=fallback,
                                              progress=progress, cancelled=cancelled)
        return task

    def _clear_preview(self) -> None:
        self.model.set_rows(())
        self._show_summary()

    def _show_preview(self, preview: ImportPreview) -> None:
        self.preview = preview
        self.detail.clear()
        self.model.set_rows(preview.rows)
        self._filter_rows(self.only_issues.isChecked())
        self._show_summary()

    def _show_detail(self, current: QModelIndex, _previous: QModelIndex) -> None:
        """The selected row's messages in full, under the table."""
        if not current.isValid():
            self.detail.clear()
            return
        row = self.proxy.mapToSource(current).row()
        r = self.model.rows[row]
        notes = self.model.index(row, PreviewModel.NOTES_COLUMN).data(TOOLTIP_ROLE) or ""
        self.detail.setText(self.tr("第 {row} 行：").format(row=r.row_no)
                            + (notes or self.tr("没有问题。")))

    def _filter_rows(self, only: bool) -> None:
        self.proxy.setFilterRegularExpression(QRegularExpression(".+" if only else ""))

    def _show_summary(self) -> None:
        p = self.preview
        if p is None:
            self.summary.setText(self.tr("尚未选择文件。"))
            self.import_button.setText(self.tr("导入"))
            self.import_button.setEnabled(False)
            return
        names = "、".join(translate("xlsx", xlsx_forms.LAYOUTS[k].name) for k in p.layouts)
        lines = [self.tr("读到：{layouts}（工作表：{sheets}）。").format(
            layouts=names, sheets="、".join(p.sheets))]
        if p.unit_text:
            lines[0] += self.tr("填报单位：{unit}。").format(unit=p.unit_text)
        new, dup, bad = p.count("new"), p.count("duplicate"), p.count("error")
        lines.append(self.tr("共 {total} 行：将导入 {new} 行，已在台账中 {dup} 行（跳过），"
                             "有错误 {bad} 行（不导入）。").format(
            total=len(p.rows), new=new, dup=dup, bad=bad))
        if bad:
            lines.append(self.tr("有错误的行请在 Excel 中改正后再导入本文件，已导入的行不会重复。"))
        lines += [note_text(n) for n in p.notes]
        self.summary.setText("\n".join(lines))
        self.import_button.setText(self.tr("导入 {n} 个问题").format(n=new))
        self.import_button.setEnabled(new > 0)

    # --- importing ------------------------------------------------------------------------------

    def _import_task(self, preview: ImportPreview) -> Task:
        def task(progress: Any, cancelled: Any) -> Changes:
            return ledger_import.import_rows(self.session, preview, progress=progress,
                                             cancelled=cancelled)
        return task

    def save_blank(self, layout_def: xlsx_forms.Layout) -> None:
        """Save an empty form of ``layout_def`` where the user chooses."""
        name = translate("xlsx", layout_def.name).replace("“", "").replace("”", "")
        self._save_blank_xlsx(self.tr("保存空白表格"), f"{name}.xlsx",
                              self.tr("Excel 工作簿 (*.xlsx)"),
                              lambda path: xlsx_forms.write_blank(path, layout_def))
