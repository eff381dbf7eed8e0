"""The items of a self-check listed by section, with their answers, in the entry view.

A section's heading carries its progress (done/total) and the ledger category its 不符合 go to;
an item's row its code, text and answer. Its texts are translated in the context of the entry
view (``SelfCheckEntry``) it belongs to.
"""
from __future__ import annotations

from typing import Any

from PySide6.QtCore import QCoreApplication, QSize, Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTreeWidget, QTreeWidgetItem, QWidget

from .selfcheck_answers import ANSWER_COLORS, UNANSWERED_COLOR, answer_text

INDEX_ROLE = Qt.ItemDataRole.UserRole   # an item's index, or -1 - n for the heading of section n
ROW_HEIGHT = 21


class ItemTree(QTreeWidget):
    """The sections and items; ``rows`` holds the row of every item, in order. The sections and
    items (each with its ``section`` number) are given to :meth:`fill` and the other methods."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.rows: list[QTreeWidgetItem] = []
        self.setObjectName("items")
        self.setHeaderLabels([QCoreApplication.translate("SelfCheckEntry", "编号"),
                              QCoreApplication.translate("SelfCheckEntry", "检查内容"),
                              QCoreApplication.translate("SelfCheckEntry", "结论")])
        self.setRootIsDecorated(False)
        self.setIndentation(8)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        header = self.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.setColumnWidth(0, 52)
        self.setColumnWidth(2, 64)

    def reset_rows(self) -> None:
        """No sections, no items."""
        self.clear()
        self.rows = []

    def fill(self, sections: list[dict[str, Any]], items: list[dict[str, Any]]) -> None:
        """List ``sections`` and their ``items`` with the answers (no signals meanwhile)."""
        self.blockSignals(True)
        self.reset_rows()
        bold = self.font()
        bold.setBold(True)
        for n, section in enumerate(sections):
            top = QTreeWidgetItem([self.section_text(sections, items, n)])
            top.setData(0, INDEX_ROLE, -1 - n)
            top.setFont(0, bold)
            top.setBackground(0, QColor("#eef3fa"))
            top.setSizeHint(0, QSize(0, ROW_HEIGHT))
            self.addTopLevelItem(top)
            top.setFirstColumnSpanned(True)
            for item in section["items"]:
                row = QTreeWidgetItem([item["code"], item["text"], ""])
                row.setData(0, INDEX_ROLE, len(self.rows))
                row.setToolTip(1, item["text"])
                row.setSizeHint(0, QSize(0, ROW_HEIGHT))
                top.addChild(row)
                self.rows.append(row)
            top.setExpanded(True)
        for n in range(len(items)):
            self.show_answer(sections, items, n)
        self.blockSignals(False)

    @staticmethod
    def section_text(sections: list[dict[str, Any]], items: list[dict[str, Any]], n: int) -> str:
        """Section ``n``'s heading: its name, progress and ledger category."""
        section = sections[n]
        mine = [i for i in items if i["section"] == n]
        done = sum(1 for i in mine if i["answer"])
        text = f"{section['name']}（{done}/{len(mine)}）"
        if section["category"] and section["category"] != section["name"]:
            text += QCoreApplication.translate("SelfCheckEntry", " → {category}").format(
                category=section["category"])
        return text

    def show_answer(self, sections: list[dict[str, Any]], items: list[dict[str, Any]],
                    n: int) -> None:
        """Show the answer of item ``n`` in its row, and its section's progress."""
        item, row = items[n], self.rows[n]
        key = item["answer"]
        row.setText(2, answer_text(key) if key
                    else QCoreApplication.translate("SelfCheckEntry", "未填"))
        row.setForeground(2, QColor(ANSWER_COLORS[key] if key else UNANSWERED_COLOR))
        if key == "nonconform" and item.get("problem_seq_no"):
            row.setToolTip(2, QCoreApplication.translate(
                "SelfCheckEntry", "台账问题 序号 {seq}").format(seq=item["problem_seq_no"]))
        else:
            row.setToolTip(2, "")
        top = row.parent()
        if top is not None:
            top.setText(0, self.section_text(sections, items, item["section"]))

    def select(self, index: int) -> None:
        """Make item ``index``'s row current (no signal) and scroll to it."""
        row = self.rows[index]
        self.blockSignals(True)
        self.setCurrentItem(row)
        self.blockSignals(False)
        self.scrollToItem(row)
