"""A read-only table model over rows held as lists (no widget per cell), with a text filter and
sorting done in the model, and the read-only view the office's browser shows it in.

Each :class:`Row` carries its display texts, and optionally a key (what the row stands for),
tooltips, colours, sort keys and extra text the filter searches. :meth:`RowsModel.set_filter`
keeps the rows whose text holds every word typed (case folded); sorting orders the rows shown
by a column's sort keys (the texts when none are given) and is kept across new rows.
"""
from __future__ import annotations

from collections.abc import Callable
from typing import Any, NamedTuple

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView, QWidget

from .ledger_model import DISPLAY_ROLE, FOREGROUND_ROLE, HORIZONTAL, TOOLTIP_ROLE

_Index = QModelIndex | QPersistentModelIndex


class Row(NamedTuple):
    """One row: ``texts`` per column; ``key`` what it stands for; ``tips`` and ``colours`` per
    column (None: none; ``tips`` may be a function of the column, called when a tooltip is
    asked for); ``sort`` per column (None: the texts); ``search``: more text the filter finds
    the row by."""

    texts: tuple[str, ...]
    key: Any = None
    tips: tuple[str | None, ...] | Callable[[int], str | None] | None = None
    colours: tuple[QColor | None, ...] | None = None
    sort: tuple[Any, ...] | None = None
    search: str = ""


class RowsModel(QAbstractTableModel):
    """Rows shown in a table, filtered and sorted here. GUI thread only."""

    def __init__(self, headers: list[str], parent: Any = None) -> None:
        super().__init__(parent)
        self.headers = headers
        self.rows: list[Row] = []
        self._haystacks: list[str] = []
        self.shown: list[int] = []        # indexes into rows, in the order shown
        self.filter_text = ""
        self._sorted: tuple[int, bool] = (-1, False)   # column, descending

    # --- contents --------------------------------------------------------------------------------

    def set_rows(self, rows: list[Row]) -> None:
        """Show ``rows`` (the filter and the sort stay as they were)."""
        self.beginResetModel()
        self.rows = list(rows)
        self._haystacks = [(" ".join(r.texts) + " " + r.search).casefold() for r in self.rows]
        self.shown = self._filtered()
        self._order()
        self.endResetModel()

    def set_filter(self, text: str) -> None:
        """Show only the rows holding every word of ``text`` (all rows when it is blank)."""
        self.beginResetModel()
        self.filter_text = text
        self.shown = self._filtered()
        self._order()
        self.endResetModel()

    def _filtered(self) -> list[int]:
        words = self.filter_text.casefold().split()
        if not words:
            return list(range(len(self.rows)))
        return [i for i, hay in enumerate(self._haystacks) if all(w in hay for w in words)]

    def row_at(self, row: int) -> Row | None:
        """The row shown at position ``row`` (None outside the table)."""
        return self.rows[self.shown[row]] if 0 <= row < len(self.shown) else None

    def position_of(self, key: Any) -> int:
        """The position at which the row of ``key`` is shown, -1 when it is not."""
        return next((n for n, i in enumerate(self.shown) if self.rows[i].key == key), -1)

    # --- sorting ---------------------------------------------------------------------------------

    def sort(self, column: int, order: Any = None) -> None:
        descending = order is not None and getattr(order, "value", order) == 1
        self.layoutAboutToBeChanged.emit()
        self._sorted = (column, descending)
        self._order()
        self.layoutChanged.emit()

    def _order(self) -> None:
        column, descending = self._sorted
        if column < 0 or column >= len(self.headers):
            self.shown.sort()
            return

        def key(i: int) -> tuple[bool, Any]:
            row = self.rows[i]
            value = row.sort[column] if row.sort is not None else row.texts[column]
            return (value is None or value == "", value if value is not None else "")
        self.shown.sort(key=key, reverse=descending)

    # --- Qt --------------------------------------------------------------------------------------

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(self.shown)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.headers)

    def data(self, index: _Index, role: int = DISPLAY_ROLE) -> Any:
        row = self.row_at(index.row())
        if row is None:
            return None
        col = index.column()
        if role == DISPLAY_ROLE:
            return row.texts[col]
        if role == TOOLTIP_ROLE:
            if row.tips is None:
                return None
            return row.tips(col) if callable(row.tips) else row.tips[col]
        if role == FOREGROUND_ROLE:
            return row.colours[col] if row.colours is not None else None
        return None

    def headerData(self, section: int, orientation: Any, role: int = DISPLAY_ROLE) -> Any:
        if role == DISPLAY_ROLE and getattr(orientation, "value", orientation) == HORIZONTAL \
                and section < len(self.headers):
            return self.headers[section]
        return None


def rows_view(model: RowsModel, object_name: str, parent: QWidget | None = None, *,
              sortable: bool = True) -> QTableView:
    """A read-only view of whole rows (single selection) over ``model``."""
    view = QTableView(parent)
    view.setObjectName(object_name)
    view.setModel(model)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.setWordWrap(False)
    view.verticalHeader().setVisible(False)
    view.verticalHeader().setDefaultSectionSize(view.fontMetrics().height() + 10)
    header = view.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
    header.setStretchLastSection(True)
    if sortable:
        header.setSortIndicator(-1, header.sortIndicatorOrder())
        view.setSortingEnabled(True)
    return view


def fit_columns(view: QTableView, widest: int = 320) -> None:
    """Size every column but the last to its contents, at most ``widest`` pixels (for the small
    tables: it measures every row)."""
    view.resizeColumnsToContents()
    for col in range(view.model().columnCount() - 1):
        if view.columnWidth(col) > widest:
            view.setColumnWidth(col, widest)
