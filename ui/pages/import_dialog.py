"""导入 Excel 台账: pick a file and a campaign, see every row as it will be stored, then import.

The dialog only shows what :func:`models.ledger_import.preview_file` found; nothing is stored until
the user presses the import button, and then only the rows marked 将导入, in one transaction. Both
the reading and the storing run on the database worker behind a progress dialog with cancel.
"""
from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import (QAbstractTableModel, QCoreApplication, QModelIndex,
                            QRegularExpression, QSortFilterProxyModel, Qt)
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (QAbstractItemView, QCheckBox, QComboBox, QDialog, QFileDialog,
                               QFormLayout, QHBoxLayout, QLabel, QLineEdit, QMenu,
                               QMessageBox, QPushButton, QTableView, QVBoxLayout, QWidget)

from models import ledger_import, xlsx_forms
from models.i18n import QT_TRANSLATE_NOOP
from models.errors import FieldLedgerError
from models.ledger_import import ImportPreview, ImportRow, Note
from models.problems import STATUSES
from models.session import Session
from models.store import Changes

from ..errors import error_message, show_error
from ..i18n import translate
from ..worker import DbWorker, run_task

DISPLAY_ROLE = Qt.ItemDataRole.DisplayRole
TOOLTIP_ROLE = Qt.ItemDataRole.ToolTipRole
BACKGROUND_ROLE = Qt.ItemDataRole.BackgroundRole
FOREGROUND_ROLE = Qt.ItemDataRole.ForegroundRole
ERROR_BG, DUPLICATE_FG, WARNING_FG = QColor("#fde7e9"), QColor("#888888"), QColor("#8a5a00")
LAST_FOLDER_KEY = "import/last_folder"
STATES = {"new": QT_TRANSLATE_NOOP("ImportDialog", "将导入"),
          "duplicate": QT_TRANSLATE_NOOP("ImportDialog", "已在台账（跳过）"),
          "error": QT_TRANSLATE_NOOP("ImportDialog", "有错误（不导入）")}


def note_text(note: Note) -> str:
    """A preview message in the current language, inserted labels included."""
    return error_message(FieldLedgerError(note.template, **note.params))


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


class ImportDialog(QDialog):
    """Preview and import of one Excel file into one campaign's ledger."""

    def __init__(self, worker: DbWorker, session: Session, settings: Any,
                 campaigns: list[dict[str, Any]], campaign_id: int | None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.worker = worker
        self.session = session
        self.settings = settings
        self.campaigns = campaigns
        self.preview: ImportPreview | None = None
        self.imported: Changes | None = None
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
        self.file_edit = QLineEdit()
        self.file_edit.setObjectName("import_file")
        self.file_edit.setReadOnly(True)
        self.file_edit.setPlaceholderText(self.tr("请选择要导入的 Excel 文件"))
        self.choose_button = QPushButton(self.tr("选择文件…"))
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

        self.summary = QLabel()
        self.summary.setObjectName("import_summary")
        self.summary.setWordWrap(True)
        layout.addWidget(self.summary)
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
        self.detail = QLabel()
        self.detail.setObjectName("import_detail")
        self.detail.setWordWrap(True)
        self.detail.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(self.detail)

        buttons = QHBoxLayout()
        buttons.addStretch(1)
        self.import_button = QPushButton(self.tr("导入"))
        self.import_button.setObjectName("do_import")
        self.import_button.setEnabled(False)
        self.close_button = QPushButton(self.tr("关闭"))
        buttons.addWidget(self.import_button)
        buttons.addWidget(self.close_button)
        layout.addLayout(buttons)

        self.choose_button.clicked.connect(self.choose_file)
        self.import_button.clicked.connect(self.confirm_import)
        self.close_button.clicked.connect(self.reject)
        self.only_issues.toggled.connect(self._filter_rows)
        self.table.selectionModel().currentRowChanged.connect(self._show_detail)
        self.campaign.currentIndexChanged.connect(self._campaign_changed)
        self.fallback.currentIndexChanged.connect(lambda _i: self.reload())
        self._fill_fallback()
        self._show_summary()

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

    def choose_file(self) -> None:
        folder = str(self.settings.value(LAST_FOLDER_KEY, "") or "")
        path, _f = QFileDialog.getOpenFileName(
            self, self.tr("选择 Excel 台账"), folder,
            self.tr("Excel 工作簿 (*.xlsx *.xlsm);;所有文件 (*)"))
        if path:
            self.settings.setValue(LAST_FOLDER_KEY, str(Path(path).parent))
            self.load_file(path)

    def load_file(self, path: str) -> None:
        """Show ``path`` in the file field and read it into the preview."""
        self.file_edit.setText(path)
        self.reload()

    def reload(self) -> None:
        """Read the chosen file again with the current campaign and fallback (on the worker)."""
        path = self.file_edit.text()
        if not path:
            return
        cid = self.campaign.currentData()
        fallback = self.fallback.currentData()

        def task(progress: Any, cancelled: Any) -> ImportPreview:
            return ledger_import.preview_file(self.session, path, cid, default_category=fallback,
                                              progress=progress, cancelled=cancelled)

        self.import_button.setEnabled(False)
        run_task(self.worker, self, self.tr("读取 Excel"), self.tr("正在读取并检查每一行…"), task,
                 on_done=self._show_preview, on_error=self._preview_failed)

    def _preview_failed(self, exc: BaseException) -> None:
        self.preview = None
        self.model.set_rows(())
        self._show_summary()
        from models.errors import Cancelled
        if not isinstance(exc, Cancelled):
            show_error(self, exc, self.tr("无法导入这个文件"))

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

    def confirm_import(self) -> None:
        p = self.preview
        if p is None or not p.count("new"):
            return
        if p.count("error"):
            answer = QMessageBox.question(
                self, self.tr("导入"),
                self.tr("有 {bad} 行有错误，不会导入。先导入其余 {new} 行吗？").format(
                    bad=p.count("error"), new=p.count("new")))
            if answer != QMessageBox.StandardButton.Yes:
                return
        self.start_import()

    def start_import(self) -> None:
        """Store the preview's new rows (on the worker, with progress and cancel)."""
        preview = self.preview
        assert preview is not None

        def task(progress: Any, cancelled: Any) -> Changes:
            return ledger_import.import_rows(self.session, preview, progress=progress,
                                             cancelled=cancelled)

        self.import_button.setEnabled(False)
        run_task(self.worker, self, self.tr("导入 Excel"), self.tr("正在保存到问题台账…"), task,
                 on_done=self._imported, on_error=self._import_failed)

    def _import_failed(self, exc: BaseException) -> None:
        from models.errors import Cancelled
        if not isinstance(exc, Cancelled):
            show_error(self, exc, self.tr("导入没有完成"))
        self.reload()

    def _imported(self, changes: Changes) -> None:
        self.imported = changes
        n = len(changes.rows.get("problems", ()))
        QMessageBox.information(self, self.tr("导入完成"),
                                self.tr("已导入 {n} 个问题到问题台账。").format(n=n))
        self.accept()

    def save_blank(self, layout_def: xlsx_forms.Layout) -> None:
        """Save an empty form of ``layout_def`` where the user chooses."""
        folder = str(self.settings.value(LAST_FOLDER_KEY, "") or "")
        name = translate("xlsx", layout_def.name).replace("“", "").replace("”", "")
        path, _f = QFileDialog.getSaveFileName(
            self, self.tr("保存空白表格"), str(Path(folder) / f"{name}.xlsx"),
            self.tr("Excel 工作簿 (*.xlsx)"))
        if not path:
            return
        if not path.lower().endswith(".xlsx"):
            path += ".xlsx"
        try:
            xlsx_forms.write_blank(Path(path), layout_def)
        except OSError as exc:
            show_error(self, FieldLedgerError(QT_TRANSLATE_NOOP(
                "errors", "无法保存文件：{path}\n原因：{reason}\n请换一个文件夹，或检查 U 盘是否写保护。"),
                path=path, reason=exc.strerror or str(exc)))
