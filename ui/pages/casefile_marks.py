"""The items of a review standard as a tree: veto items, then the stages with their scored items,
each row with the mark of the review on screen.

Keys on an item row (when the review may be edited): Space ticks or clears it (a scored item
goes to one occurrence or back to none), + and - change the number of occurrences (a veto item
is hit or not), a digit sets it, Delete clears it, Tab goes to the note of the row. A click on
a row's check box does what Space does. The tree only reports what the user asked for
(:attr:`MarksTree.count_requested`); the review view decides and calls :meth:`MarksTree.show_mark`.
"""
from __future__ import annotations

from datetime import datetime
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QBrush, QColor, QFont
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTreeWidget, QTreeWidgetItem, QWidget

CODE_ROLE = Qt.ItemDataRole.UserRole
COL_ITEM, COL_POINTS, COL_STEP, COL_COUNT, COL_LOST, COL_NOTE, COL_PROBLEM = range(7)
MARKED_BG = QColor("#fff4e0")
VETO_BG = QColor("#fde7e9")
MISSING_FG = QColor("#b00020")
STAGE_BG = QColor("#eef2f7")
MAX_COUNT = 99


def points_text(value: float | None) -> str:
    """Points as a unit writes them: 3, 0.5, 2.25."""
    if value is None:
        return ""
    return f"{value:g}"


def local_minute(stamp: str | None) -> str:
    """A stored UTC time stamp as local time to the minute ('' for none)."""
    if not stamp:
        return ""
    try:
        return datetime.fromisoformat(stamp).astimezone().strftime("%Y-%m-%d %H:%M")
    except ValueError:
        return stamp


class MarksTree(QTreeWidget):
    """One row per section (stage or veto group) with its items below it."""

    count_requested = Signal(str, int)   # item code, the number of occurrences asked for
    note_requested = Signal()            # Tab on an item row: go to its note
    problem_requested = Signal(int)      # double-click on a linked problem: open it

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("review_items")
        self.setColumnCount(7)
        self.setHeaderLabels([self.tr("评查条目"), self.tr("分值"), self.tr("每处扣分"),
                              self.tr("次数"), self.tr("扣分"), self.tr("扣分说明"),
                              self.tr("问题台账")])
        self.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setUniformRowHeights(True)
        self.setAlternatingRowColors(False)
        self.setRootIsDecorated(True)
        self.setExpandsOnDoubleClick(False)
        header = self.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(COL_ITEM, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(COL_NOTE, QHeaderView.ResizeMode.Interactive)
        for col, width in ((COL_POINTS, 40), (COL_STEP, 58), (COL_COUNT, 40), (COL_LOST, 46),
                           (COL_NOTE, 170), (COL_PROBLEM, 62)):
            self.setColumnWidth(col, width)
        for col in (COL_POINTS, COL_STEP, COL_COUNT, COL_LOST):
            self.headerItem().setTextAlignment(col, Qt.AlignmentFlag.AlignCenter)
        self.editable = False
        self._rows: dict[str, QTreeWidgetItem] = {}
        self._items: dict[str, dict[str, Any]] = {}
        self._sections: list[tuple[QTreeWidgetItem, dict[str, Any]]] = []
        self._filling = False
        self.itemChanged.connect(self._item_changed)
        self.itemDoubleClicked.connect(self._double_clicked)

    # --- content ------------------------------------------------------------------------------

    def set_sections(self, sections: list[dict[str, Any]]) -> None:
        """Show the standard's sections and items (as ``casereviews.get_review`` gives them),
        every item unmarked; :meth:`show_mark` fills in the marks."""
        self._filling = True
        self.clear()
        self._rows.clear()
        self._items.clear()
        self._sections = []
        bold = QFont(self.font())
        bold.setBold(True)
        for section in sections:
            head = QTreeWidgetItem(self)
            veto_group = section["points"] is None
            title = self.tr("{name}（任一项成立即不合格、得 0 分）").format(name=section["name"]) \
                if veto_group else self.tr("{name}（{points} 分）").format(
                    name=section["name"], points=points_text(section["points"]))
            head.setText(COL_ITEM, title)
            head.setFlags(Qt.ItemFlag.ItemIsEnabled)
            for col in range(self.columnCount()):
                head.setFont(col, bold)
                head.setBackground(col, QBrush(STAGE_BG))
            self._sections.append((head, section))
            for item in section["items"]:
                row = QTreeWidgetItem(head)
                row.setData(COL_ITEM, CODE_ROLE, item["code"])
                row.setText(COL_ITEM, f"{item['code']}  {item['text']}")
                tip = item["text"] + ("\n" + item["guidance"] if item.get("guidance") else "")
                row.setToolTip(COL_ITEM, tip)
                row.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
                             | Qt.ItemFlag.ItemIsUserCheckable)
                row.setCheckState(COL_ITEM, Qt.CheckState.Unchecked)
                if item["veto"]:
                    row.setText(COL_POINTS, self.tr("否决"))
                else:
                    row.setText(COL_POINTS, points_text(item["points"]))
                    row.setText(COL_STEP, points_text(item["step"] or item["points"]))
                for col in (COL_POINTS, COL_STEP, COL_COUNT, COL_LOST):
                    row.setTextAlignment(col, Qt.AlignmentFlag.AlignCenter)
                self._rows[item["code"]] = row
                self._items[item["code"]] = item
        self.expandAll()
        self._filling = False
        first = next(iter(self._rows.values()), None)
        if first is not None:
            self.setCurrentItem(first)

    def codes(self) -> list[str]:
        """Item codes in the standard's order."""
        return list(self._rows)

    def item(self, code: str) -> dict[str, Any]:
        return self._items[code]

    def row_of(self, code: str) -> QTreeWidgetItem:
        return self._rows[code]

    def current_code(self) -> str | None:
        row = self.currentItem()
        return row.data(COL_ITEM, CODE_ROLE) if row is not None else None

    def select_code(self, code: str) -> None:
        row = self._rows.get(code)
        if row is not None:
            self.setCurrentItem(row)
            self.scrollToItem(row)

    def selected_codes(self) -> list[str]:
        """Codes of the selected item rows, in the standard's order."""
        chosen = {id(r) for r in self.selectedItems()}
        return [code for code, row in self._rows.items() if id(row) in chosen]

    def show_mark(self, code: str, count: int, lost: float | None, note: str,
                  problem_id: int | None) -> None:
        """Show one row's mark: occurrences, points lost (None: a veto item), the note (a mark
        without one is shown as missing), the ledger problem linked to it."""
        row = self._rows[code]
        veto = bool(self._items[code]["veto"])
        self._filling = True
        row.setCheckState(COL_ITEM, Qt.CheckState.Checked if count else Qt.CheckState.Unchecked)
        row.setText(COL_COUNT, "" if not count or veto else str(count))
        if veto:
            row.setText(COL_LOST, self.tr("否决") if count else "")
        else:
            row.setText(COL_LOST, f"-{points_text(lost)}" if count and lost is not None else "")
        missing = bool(count) and not note.strip()
        row.setText(COL_NOTE, self.tr("（请填写扣分说明）") if missing else note)
        row.setToolTip(COL_NOTE, note)
        row.setForeground(COL_NOTE, QBrush(MISSING_FG) if missing else QBrush())
        row.setText(COL_PROBLEM, self.tr("已转入") if problem_id else "")
        row.setData(COL_PROBLEM, CODE_ROLE, problem_id)
        row.setToolTip(COL_PROBLEM, self.tr("已登记为问题台账中的问题，双击查看") if problem_id else "")
        background = (QBrush(VETO_BG) if veto else QBrush(MARKED_BG)) if count else QBrush()
        for col in range(self.columnCount()):
            row.setBackground(col, background)
        self._filling = False

    def show_stage_losses(self, losses: dict[str, float]) -> None:
        """Points each stage has lost (扣完为止 applied), on the stage rows."""
        self._filling = True
        for head, section in self._sections:
            if section["points"] is None:
                continue
            lost = losses.get(section["name"], 0.0)
            head.setText(COL_LOST, f"-{points_text(lost)}" if lost else "")
            head.setTextAlignment(COL_LOST, Qt.AlignmentFlag.AlignCenter)
        self._filling = False

    # --- the user -----------------------------------------------------------------------------

    def _item_changed(self, row: QTreeWidgetItem, column: int) -> None:
        if self._filling or column != COL_ITEM:
            return
        code = row.data(COL_ITEM, CODE_ROLE)
        if not code:
            return
        checked = row.checkState(COL_ITEM) == Qt.CheckState.Checked
        if not self.editable:
            self.show_mark_back(code)
            return
        if checked != bool(self.shown_count(code)):
            self.count_requested.emit(code, 1 if checked else 0)

    def shown_count(self, code: str) -> int:
        """The occurrences the row shows (a click on the check box leaves the count and the
        points columns as they were, so this is the count before the click)."""
        if self._items[code]["veto"]:
            return 1 if self._rows[code].text(COL_LOST) else 0
        text = self._rows[code].text(COL_COUNT)
        return int(text) if text.isdigit() else 0

    def show_mark_back(self, code: str) -> None:
        """Undo a check box click on a review that may not be edited."""
        self._filling = True
        row = self._rows[code]
        row.setCheckState(COL_ITEM, Qt.CheckState.Checked if self.shown_count(code)
                          else Qt.CheckState.Unchecked)
        self._filling = False

    def _double_clicked(self, row: QTreeWidgetItem, column: int) -> None:
        problem_id = row.data(COL_PROBLEM, CODE_ROLE)
        if column == COL_PROBLEM and problem_id:
            self.problem_requested.emit(int(problem_id))

    def keyPressEvent(self, event: Any) -> None:  # noqa: N802 - Qt override
        key = event.key()
        code = self.current_code()
        mods = event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
        if key == Qt.Key.Key_Tab and not mods:
            if code is not None:
                event.accept()
                self.note_requested.emit()
                return
        if code is None or not self.editable or mods & (Qt.KeyboardModifier.ControlModifier
                                                        | Qt.KeyboardModifier.AltModifier):
            super().keyPressEvent(event)
            return
        count = self.shown_count(code)
        text = event.text()
        wanted: int | None = None
        if key == Qt.Key.Key_Space:
            wanted = 0 if count else 1
        elif key in (Qt.Key.Key_Plus, Qt.Key.Key_Equal):
            wanted = min(count + 1, MAX_COUNT)
        elif key in (Qt.Key.Key_Minus, Qt.Key.Key_Underscore):
            wanted = max(count - 1, 0)
        elif key in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace):
            wanted = 0
        elif text.isdigit() and len(text) == 1:
            wanted = int(text)
        if wanted is None:
            super().keyPressEvent(event)
            return
        event.accept()
        if self._items[code]["veto"]:
            wanted = min(wanted, 1)
        if wanted != count:
            self.count_requested.emit(code, wanted)
