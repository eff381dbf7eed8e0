"""Editing an ordered list of rows in a table (add, remove, move up and down, edit in place), and
a date field that may be left empty.

Rows are dicts: the column values plus ``id`` (the database row, None for a row added here), so
the core can update kept rows in place. Dates are ISO text or None.
"""
from __future__ import annotations

from typing import Any, Callable, NamedTuple

from PySide6.QtCore import QDate, QModelIndex, Qt
from PySide6.QtGui import QAction, QKeySequence, QShortcut
from PySide6.QtWidgets import (QAbstractItemView, QDateEdit, QDateTimeEdit, QHBoxLayout,
                               QHeaderView, QPushButton, QStyledItemDelegate, QStyleOptionViewItem,
                               QTableWidget, QTableWidgetItem, QVBoxLayout, QWidget)

ID_ROLE = Qt.ItemDataRole.UserRole


class DateEdit(QDateEdit):
    """A date that may be empty ("未设定").

    Typing a digit, the arrow keys or the calendar start from ``fallback()`` (today unless given);
    Delete clears the date; the context menu offers 今天 and 清除日期.
    """

    EMPTY = QDate(2000, 1, 1)   # the minimum, shown as the special text: no date

    def __init__(self, parent: QWidget | None = None,
                 fallback: Callable[[], QDate] | None = None) -> None:
        super().__init__(parent)
        self.fallback = fallback or QDate.currentDate
        self.setCalendarPopup(True)
        self.setDisplayFormat("yyyy-MM-dd")
        self.setMinimumDate(self.EMPTY)
        self.setSpecialValueText(self.tr("未设定"))
        self.setDate(self.EMPTY)
        self.setToolTip(self.tr("输入或选择日期；按 Delete 键清除（未设定）"))
        self.setContextMenuPolicy(Qt.ContextMenuPolicy.ActionsContextMenu)
        today = QAction(self.tr("今天"), self)
        today.triggered.connect(lambda: self.setDate(QDate.currentDate()))
        clear = QAction(self.tr("清除日期"), self)
        clear.triggered.connect(self.clear_date)
        self.addActions([today, clear])

    def is_empty(self) -> bool:
        return self.date() <= self.EMPTY

    def iso(self) -> str | None:
        """The date as ``YYYY-MM-DD``, or None when empty."""
        return None if self.is_empty() else self.date().toString(Qt.DateFormat.ISODate)

    def set_iso(self, value: str | None) -> None:
        date = QDate.fromString(value, Qt.DateFormat.ISODate) if value else QDate()
        self.setDate(date if date.isValid() else self.EMPTY)

    def clear_date(self) -> None:
        self.setDate(self.EMPTY)

    def _start(self) -> None:
        """Leave the empty state at the fallback date, ready to type the year."""
        self.setDate(self.fallback())
        self.setSelectedSection(QDateTimeEdit.Section.YearSection)

    def keyPressEvent(self, event: Any) -> None:
        key = event.key()
        steps = (Qt.Key.Key_Up, Qt.Key.Key_Down, Qt.Key.Key_PageUp, Qt.Key.Key_PageDown)
        if key == Qt.Key.Key_Delete or (key == Qt.Key.Key_Backspace and self.is_empty()):
            self.clear_date()
            event.accept()
            return
        if self.is_empty() and key in steps:
            self._start()
            event.accept()
            return
        if self.is_empty() and event.text().isdigit():
            self._start()
        super().keyPressEvent(event)
        self._show_fallback_month()

    def mousePressEvent(self, event: Any) -> None:
        super().mousePressEvent(event)
        self._show_fallback_month()

    def wheelEvent(self, event: Any) -> None:
        if self.is_empty():
            self._start()
            event.accept()
            return
        super().wheelEvent(event)

    def _show_fallback_month(self) -> None:
        """An empty date's calendar opens on the fallback's month, not on the year 2000."""
        calendar = self.calendarWidget()
        if self.is_empty() and calendar is not None and calendar.isVisible():
            day = self.fallback()
            calendar.setCurrentPage(day.year(), day.month())


class DateDelegate(QStyledItemDelegate):
    """Edits a table cell holding ISO date text ("" for none) with a :class:`DateEdit`."""

    def __init__(self, parent: QWidget, fallback: Callable[[], QDate] | None = None) -> None:
        super().__init__(parent)
        self.fallback = fallback

    def createEditor(self, parent: QWidget, option: QStyleOptionViewItem,
                     index: QModelIndex) -> QWidget:
        editor = DateEdit(parent, self.fallback)
        editor.setFrame(False)
        return editor

    def setEditorData(self, editor: QWidget, index: QModelIndex) -> None:
        editor.set_iso(index.data() or None)  # type: ignore[attr-defined]

    def setModelData(self, editor: QWidget, model: Any, index: QModelIndex) -> None:
        model.setData(index, editor.iso() or "")  # type: ignore[attr-defined]


class Column(NamedTuple):
    """A column of a :class:`RowsEditor`: the row key, its header and how it is edited."""

    key: str
    label: str
    kind: str = "text"     # "text", "date" or "info" (shown, not edited)
    width: int = 0         # 0: takes the remaining width


class RowsEditor(QWidget):
    """An ordered, editable table of rows with 添加, 删除, 上移, 下移.

    Keys: Insert adds a row, Ctrl+Delete removes the current one, Ctrl+Up / Ctrl+Down move it;
    typing or F2 edits a cell; Tab while editing goes on to the next cell. ``removable(row)``
    may return a reason why a row cannot be removed (the 删除 button is then disabled and shows
    it as its tooltip).
    """

    def __init__(self, columns: list[Column], object_name: str,
                 fallback_date: Callable[[], QDate] | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName(object_name)
        self.columns = columns
        self.removable: Callable[[int], str | None] = lambda _row: None
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.table = QTableWidget(0, len(columns))
        self.table.setObjectName(f"{object_name}_table")
        self.table.setHorizontalHeaderLabels([c.label for c in columns])
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.DoubleClicked
                                   | QAbstractItemView.EditTrigger.EditKeyPressed
                                   | QAbstractItemView.EditTrigger.AnyKeyPressed
                                   | QAbstractItemView.EditTrigger.SelectedClicked)
        self.table.setTabKeyNavigation(False)   # Tab leaves the table unless a cell is edited
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        rows = self.table.verticalHeader()
        rows.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        rows.setDefaultSectionSize(self.fontMetrics().height() + 12)
        header = self.table.horizontalHeader()
        header.setHighlightSections(False)
        for i, column in enumerate(columns):
            if column.width:
                header.setSectionResizeMode(i, QHeaderView.ResizeMode.Interactive)
                self.table.setColumnWidth(i, column.width)
            else:
                header.setSectionResizeMode(i, QHeaderView.ResizeMode.Stretch)
            if column.kind == "date":
                self.table.setItemDelegateForColumn(i, DateDelegate(self.table, fallback_date))
        layout.addWidget(self.table, 1)

        buttons = QHBoxLayout()
        self.add_button = self._button(self.tr("添加"), "add", self.tr("添加一行（Insert）"))
        self.remove_button = self._button(self.tr("删除"), "remove",
                                          self.tr("删除选中的行（Ctrl+Delete）"))
        self.up_button = self._button(self.tr("上移"), "up", self.tr("上移（Ctrl+↑）"))
        self.down_button = self._button(self.tr("下移"), "down", self.tr("下移（Ctrl+↓）"))
        for button in (self.add_button, self.remove_button):
            buttons.addWidget(button)
        buttons.addSpacing(12)
        for button in (self.up_button, self.down_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        layout.addLayout(buttons)
        self.add_button.clicked.connect(self.add_row)
        self.remove_button.clicked.connect(self.remove_row)
        self.up_button.clicked.connect(lambda: self.move_row(-1))
        self.down_button.clicked.connect(lambda: self.move_row(1))
        for keys, slot in (("Insert", self.add_row), ("Ctrl+Delete", self.remove_row),
                           ("Ctrl+Up", lambda: self.move_row(-1)),
                           ("Ctrl+Down", lambda: self.move_row(1))):
            shortcut = QShortcut(QKeySequence(keys), self.table)
            shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            shortcut.activated.connect(slot)
        self.table.currentCellChanged.connect(lambda *_a: self.update_buttons())
        self.update_buttons()

    def _button(self, text: str, name: str, tip: str) -> QPushButton:
        button = QPushButton(text)
        button.setObjectName(f"{self.objectName()}_{name}")
        button.setToolTip(tip)
        button.setAutoDefault(False)
        return button

    # --- rows -------------------------------------------------------------------------------

    def set_rows(self, rows: list[dict[str, Any]]) -> None:
        self.table.setRowCount(0)
        for row in rows:
            self._append(row)
        self.update_buttons()

    def rows(self) -> list[dict[str, Any]]:
        """The rows in their current order: ``id`` plus every column's value (dates ISO or None)."""
        out = []
        for r in range(self.table.rowCount()):
            row: dict[str, Any] = {"id": self.table.item(r, 0).data(ID_ROLE)}
            for c, column in enumerate(self.columns):
                if column.kind == "info":
                    continue
                text = self.table.item(r, c).text()
                row[column.key] = (text or None) if column.kind == "date" else text
            out.append(row)
        return out

    def _append(self, row: dict[str, Any]) -> int:
        r = self.table.rowCount()
        self.table.insertRow(r)
        for c, column in enumerate(self.columns):
            value = row.get(column.key)
            item = QTableWidgetItem("" if value is None else str(value))
            if column.kind == "info":
                item.setFlags(item.flags() & ~Qt.ItemFlag.ItemIsEditable)
                item.setTextAlignment(Qt.AlignmentFlag.AlignCenter)
            if c == 0:
                item.setData(ID_ROLE, row.get("id"))
            self.table.setItem(r, c, item)
        return r

    def add_row(self) -> None:
        """Append an empty row and start editing its first cell."""
        r = self._append({})
        self.table.setCurrentCell(r, 0)
        self.table.setFocus()
        self.table.editItem(self.table.item(r, 0))
        self.update_buttons()

    def remove_row(self) -> None:
        r = self.table.currentRow()
        if r < 0 or self.removable(r):
            return
        self.table.removeRow(r)
        if self.table.rowCount():
            self.table.setCurrentCell(min(r, self.table.rowCount() - 1), 0)
        self.update_buttons()

    def move_row(self, step: int) -> None:
        r = self.table.currentRow()
        target = r + step
        if r < 0 or not 0 <= target < self.table.rowCount():
            return
        column = max(self.table.currentColumn(), 0)
        for c in range(self.table.columnCount()):
            a, b = self.table.takeItem(r, c), self.table.takeItem(target, c)
            self.table.setItem(r, c, b)
            self.table.setItem(target, c, a)
        self.table.setCurrentCell(target, column)
        self.update_buttons()

    def update_buttons(self) -> None:
        r = self.table.currentRow()
        reason = self.removable(r) if r >= 0 else None
        self.remove_button.setEnabled(r >= 0 and not reason)
        self.remove_button.setToolTip(reason or self.tr("删除选中的行（Ctrl+Delete）"))
        self.up_button.setEnabled(r > 0)
        self.down_button.setEnabled(0 <= r < self.table.rowCount() - 1)

    def commit_edit(self) -> None:
        """Finish a cell being edited, so its text is in the table (e.g. before saving)."""
        if self.table.state() == QAbstractItemView.State.EditingState:
            self.table.setFocus()
