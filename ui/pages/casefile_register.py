"""案卷登记: the register of closed case files, filtered by type, review state and text.

A unit registers a few hundred files a year, so the register loads them all (on the worker)
and filters on screen. Double-click or Enter on a file opens its review (:attr:`open_requested`).
"""
from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (QComboBox, QHBoxLayout, QHeaderView, QLabel, QLineEdit,
                               QMessageBox, QPushButton, QTableWidgetItem, QVBoxLayout, QWidget)

from models import casefiles, casereview_view
from models.casefiles import CASE_TYPES
from models.casereviews import STATES
from models.scoring import GRADES

from ..i18n import translate
from ..widgets import read_only_table
from .base import Page
from .casefile_marks import points_text

ID_ROLE = Qt.ItemDataRole.UserRole
STATE_COLOURS = {"recheck_required": "#a15c00", "in_review": "#1565c0"}
GRADE_COLOURS = {"excellent": "#2e7d32", "pass": "#1565c0", "fail": "#c62828"}


class SortItem(QTableWidgetItem):
    """A cell that sorts by a key of its own (numbers, dates, blanks last)."""

    def __init__(self, text: str, key: Any) -> None:
        super().__init__(text)
        self.key = key

    def __lt__(self, other: Any) -> bool:
        return (self.key, self.text()) < (getattr(other, "key", self.key), other.text())


class CaseFileRegister(Page):
    """The case-file table with its filters and the register's actions."""

    tables = frozenset({"case_files", "units"})
    open_requested = Signal(int)        # case file id

    def __init__(self, controller: Any, parent: QWidget | None = None) -> None:
        super().__init__(controller, parent)
        self.files: list[dict[str, Any]] = []
        self.units: list[dict[str, Any]] = []
        self._wanted: int | None = None
        layout = QVBoxLayout(self)
        layout.setContentsMargins(10, 8, 10, 8)
        top = QHBoxLayout()
        self.search = QLineEdit()
        self.search.setObjectName("casefile_search")
        self.search.setPlaceholderText(self.tr("搜索案卷编号、案由、当事人、执法人员…"))
        self.search.setClearButtonEnabled(True)
        self.kind = QComboBox()
        self.kind.setObjectName("filter_case_type")
        self.kind.addItem(self.tr("全部案件类型"), None)
        for key, label in CASE_TYPES.items():
            self.kind.addItem(translate("casefiles", label), key)
        self.state = QComboBox()
        self.state.setObjectName("filter_review_state")
        self.state.addItem(self.tr("全部评查状态"), None)
        for key, label in STATES.items():
            self.state.addItem(translate("reviews", label), key)
        top.addWidget(self.search, 1)
        top.addWidget(self.kind)
        top.addWidget(self.state)
        layout.addLayout(top)

        bar = QHBoxLayout()
        self.add_button = QPushButton(self.tr("登记案卷…"))
        self.add_button.setObjectName("add_casefile")
        self.add_button.setToolTip("Ctrl+N")
        self.edit_button = QPushButton(self.tr("修改…"))
        self.edit_button.setObjectName("edit_casefile")
        self.delete_button = QPushButton(self.tr("删除"))
        self.delete_button.setObjectName("delete_casefile")
        self.import_button = QPushButton(self.tr("导入 Excel…"))
        self.import_button.setObjectName("import_casefiles")
        self.import_button.setToolTip(self.tr("从 Excel 案卷清单批量登记"))
        self.open_button = QPushButton(self.tr("评查 →"))
        self.open_button.setObjectName("open_review")
        self.open_button.setToolTip(self.tr("打开所选案卷的评查（Enter 或双击）"))
        self.open_button.setStyleSheet("font-weight: bold;")
        manage = self.allowed("casefile.manage")
        for button in (self.add_button, self.edit_button, self.delete_button, self.import_button):
            button.setEnabled(manage)
            bar.addWidget(button)
        bar.addStretch(1)
        bar.addWidget(self.open_button)
        layout.addLayout(bar)

        self.table = read_only_table(
            [self.tr("案卷编号"), self.tr("案件类型"), self.tr("执法门类"), self.tr("案由"),
             self.tr("当事人"), self.tr("办案机构"), self.tr("结案时间"), self.tr("重大"),
             self.tr("评查状态"), self.tr("评查结果")], "casefile_table")
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(False)
        header.setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        for col, width in enumerate((156, 66, 70, 0, 136, 136, 84, 40, 66, 76)):
            if width:
                self.table.setColumnWidth(col, width)
        self.table.verticalHeader().setDefaultSectionSize(26)
        self.table.setSortingEnabled(True)
        layout.addWidget(self.table, 1)
        self.counts = QLabel()
        self.counts.setObjectName("casefile_counts")
        layout.addWidget(self.counts)

        self.search.textChanged.connect(lambda _t: self.apply_filter())
        self.kind.currentIndexChanged.connect(lambda _i: self.apply_filter())
        self.state.currentIndexChanged.connect(lambda _i: self.apply_filter())
        self.add_button.clicked.connect(self.add_file)
        self.edit_button.clicked.connect(self.edit_file)
        self.delete_button.clicked.connect(self.delete_file)
        self.import_button.clicked.connect(self.open_import)
        self.open_button.clicked.connect(self._open_current)
        self.table.itemActivated.connect(lambda _item: self._open_current())
        self.table.itemSelectionChanged.connect(self._selection_changed)
        self._add_shortcuts()
        self._selection_changed()
        self.refresh()

    def _add_shortcuts(self) -> None:
        from PySide6.QtGui import QKeySequence, QShortcut
        QShortcut(QKeySequence.StandardKey.New, self, self.add_file)
        QShortcut(QKeySequence.StandardKey.Find, self, self.search.setFocus)

    # --- loading and filtering ------------------------------------------------------------------

    def refresh(self) -> None:
        self.worker.call(casereview_view.register, self.session, on_done=self._show)

    def _show(self, data: dict[str, Any]) -> None:
        keep = self._wanted if self._wanted is not None else self.current_id()
        self._wanted = None
        self.files, self.units = data["files"], data["units"]
        table = self.table
        table.setSortingEnabled(False)
        table.setRowCount(len(self.files))
        for i, f in enumerate(self.files):
            grade = f["final_grade"]
            state = translate("reviews", STATES[f["review_state"]])
            result = "" if f["final_score"] is None else " ".join(
                (points_text(f["final_score"]), translate("reviews", GRADES[grade]) if grade else ""))
            cells = [
                SortItem(f["case_no"], f["case_no"]),
                SortItem(translate("casefiles", CASE_TYPES[f["case_type"]]), f["case_type"]),
                SortItem(f["domain"], f["domain"]), SortItem(f["cause"], f["cause"]),
                SortItem(f["party"], f["party"]),
                SortItem(f["agency"] or f["unit_name"], f["agency"] or f["unit_name"]),
                SortItem(f["closed_date"] or "", f["closed_date"] or ""),
                SortItem(self.tr("是") if f["major"] else "", f["major"]),
                SortItem(state, list(STATES).index(f["review_state"])),
                SortItem(result, -1 if f["final_score"] is None else f["final_score"]),
            ]
            for col, cell in enumerate(cells):
                cell.setData(ID_ROLE, f["id"])
                table.setItem(i, col, cell)
            cells[0].setToolTip(self.tr("执法人员：{v}").format(v=f["officers"]) if f["officers"]
                                else "")
            cells[5].setToolTip(f["unit_name"])
            if f["review_state"] in STATE_COLOURS:
                cells[8].setForeground(QBrush(QColor(STATE_COLOURS[f["review_state"]])))
            if grade:
                cells[9].setForeground(QBrush(QColor(GRADE_COLOURS[grade])))
        table.setSortingEnabled(True)
        self.apply_filter()
        if keep is not None:
            self.select_id(keep)

    def apply_filter(self) -> None:
        """Hide the rows the filters leave out; count what is shown."""
        kind, state = self.kind.currentData(), self.state.currentData()
        words = self.search.text().split()
        by_id = {f["id"]: f for f in self.files}
        shown: list[dict[str, Any]] = []
        for row in range(self.table.rowCount()):
            f = by_id[self.table.item(row, 0).data(ID_ROLE)]
            text = " ".join(str(f[k]) for k in ("case_no", "cause", "party", "officers",
                                                 "agency", "domain", "note"))
            visible = ((kind is None or f["case_type"] == kind)
                       and (state is None or f["review_state"] == state)
                       and all(w in text for w in words))
            self.table.setRowHidden(row, not visible)
            if visible:
                shown.append(f)
        parts = []
        for key, label in STATES.items():
            n = sum(1 for f in shown if f["review_state"] == key)
            if n:
                parts.append(f"{translate('reviews', label)} {n}")
        text = self.tr("共 {n} 卷").format(n=len(shown))
        if parts:
            text += "：" + "，".join(parts)
        self.counts.setText(text)

    def current_id(self) -> int | None:
        rows = self.table.selectionModel().selectedRows()
        if not rows or self.table.isRowHidden(rows[0].row()):
            return None
        return self.table.item(rows[0].row(), 0).data(ID_ROLE)

    def current_file(self) -> dict[str, Any] | None:
        cid = self.current_id()
        return next((f for f in self.files if f["id"] == cid), None)

    def select_id(self, case_file_id: int) -> None:
        for row in range(self.table.rowCount()):
            if self.table.item(row, 0).data(ID_ROLE) == case_file_id:
                if not self.table.isRowHidden(row):
                    self.table.selectRow(row)
                    self.table.scrollToItem(self.table.item(row, 0))
                return

    def _selection_changed(self) -> None:
        f = self.current_file()
        manage = self.allowed("casefile.manage")
        self.edit_button.setEnabled(manage and f is not None)
        self.delete_button.setEnabled(manage and f is not None
                                      and f["review_state"] == "unreviewed")
        self.open_button.setEnabled(f is not None)

    def _open_current(self) -> None:
        cid = self.current_id()
        if cid is not None:
            self.open_requested.emit(cid)

    # --- actions --------------------------------------------------------------------------------

    def agencies(self) -> list[str]:
        """Unit names for 办案机构: the own unit first."""
        own = [u["name"] for u in self.units if u["id"] == self.session.unit_id]
        return own + [u["name"] for u in self.units if u["id"] != self.session.unit_id]

    def add_file(self) -> Any:
        """Open the 登记案卷 dialog; return it."""
        if not self.allowed("casefile.manage"):
            return None
        return self._open_dialog(None)

    def edit_file(self) -> Any:
        f = self.current_file()
        if f is None or not self.allowed("casefile.manage"):
            return None
        return self._open_dialog(f)

    def _open_dialog(self, case: dict[str, Any] | None) -> Any:
        from .casefile_dialog import CaseFileDialog
        dialog = CaseFileDialog(self, self.worker, self.session, self.agencies(), case)

        def finished(result: int) -> None:
            if result and dialog.saved_id is not None:
                self._wanted = dialog.saved_id
                self.select_id(dialog.saved_id)
            dialog.deleteLater()

        dialog.finished.connect(finished)
        dialog.open()
        return dialog

    def delete_file(self) -> None:
        f = self.current_file()
        if f is None:
            return
        answer = QMessageBox.question(
            self, self.tr("删除案卷"), self.tr("删除案卷“{case_no}”？只有登记错误、尚未评查的案卷可以删除。")
            .format(case_no=f["case_no"]),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No)
        if answer == QMessageBox.StandardButton.Yes:
            self.call(casefiles.delete_case_file, f["id"])

    def open_import(self) -> Any:
        """Open the 导入案卷清单 dialog; return it."""
        if not self.allowed("casefile.manage"):
            return None
        from .casefile_import import CaseImportDialog
        dialog = CaseImportDialog(self.worker, self.session, self.controller.settings, self)
        dialog.finished.connect(lambda _r: dialog.deleteLater())
        dialog.open()
        return dialog
