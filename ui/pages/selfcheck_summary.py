"""The counts of a self-check under its item list: by answer in one line, by section in a table.

Its texts are translated in the context of the entry view (``SelfCheckEntry``) it belongs to.
"""
from __future__ import annotations

from typing import Any

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (QAbstractItemView, QGroupBox, QHeaderView, QLabel, QTableWidget,
                               QTableWidgetItem, QVBoxLayout, QWidget)

from .selfcheck_answers import ANSWER_COLORS, UNANSWERED_COLOR, answer_text


class SelfCheckSummary(QGroupBox):
    """统计: the answers counted (``line``) and a row per section (``table``)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(QCoreApplication.translate("SelfCheckEntry", "统计"), parent)
        self.setObjectName("summary")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 4, 6, 6)
        self.line = QLabel()
        self.line.setObjectName("summary_line")
        self.line.setTextFormat(Qt.TextFormat.RichText)
        layout.addWidget(self.line)
        self.table = QTableWidget(0, 6)
        self.table.setObjectName("summary_table")
        self.table.setHorizontalHeaderLabels(
            [QCoreApplication.translate("SelfCheckEntry", "分组（问题类别）"),
             QCoreApplication.translate("SelfCheckEntry", "条目"), answer_text("conform"),
             answer_text("nonconform"), answer_text("na"),
             QCoreApplication.translate("SelfCheckEntry", "未填")])
        self.table.verticalHeader().setVisible(False)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.table.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.table.verticalHeader().setDefaultSectionSize(22)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for col in range(1, 6):
            header.setSectionResizeMode(col, QHeaderView.ResizeMode.ResizeToContents)
        layout.addWidget(self.table)

    def show_summary(self, summary: dict[str, Any]) -> None:
        """Show ``summary`` as :func:`models.selfcheck_view.load_selfcheck` gives it."""
        by = summary["by_answer"]
        parts = [f"<span style='color:{ANSWER_COLORS[k]}'><b>{answer_text(k)}</b> {by[k]}</span>"
                 for k in ("conform", "nonconform", "na")]
        unanswered = QCoreApplication.translate("SelfCheckEntry", "未填")
        parts.append(f"<span style='color:{UNANSWERED_COLOR}'><b>{unanswered}</b>"
                     f" {by['unanswered']}</span>")
        self.line.setText("　".join(parts) + QCoreApplication.translate(
            "SelfCheckEntry", "　（共 {n} 项）").format(n=summary["total"]))
        rows = summary["by_section"]
        self.table.setRowCount(len(rows))
        for r, row in enumerate(rows):
            name = row["section"]
            if row["category"] and row["category"] != name:
                name = f"{name}（{row['category']}）"
            values = [name, row["total"], row["conform"], row["nonconform"], row["na"],
                      row["unanswered"]]
            for c, value in enumerate(values):
                cell = QTableWidgetItem(str(value))
                if c:
                    cell.setTextAlignment(Qt.AlignmentFlag.AlignCenter)
                if c == 3 and value:
                    cell.setForeground(QColor(ANSWER_COLORS["nonconform"]))
                self.table.setItem(r, c, cell)
        table = self.table
        height = (table.horizontalHeader().sizeHint().height()
                  + table.verticalHeader().length() + 2 * table.frameWidth())
        table.setFixedHeight(min(height, 240))
