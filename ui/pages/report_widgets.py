"""Small pieces the 工作简报, 工作调度表 and 案件统计 tabs share: a month field, a campaign chooser,
a combo-box delegate for a table column of fixed choices, and read-only table cells."""
from __future__ import annotations

from datetime import date
from typing import Any

from PySide6.QtCore import QDate, QModelIndex, Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableWidgetItem,
    QWidget,
)

from models.i18n import QT_TRANSLATE_NOOP

from ..i18n import translate

CONTEXT = "reports"
#: The chooser's entries besides the campaigns (context "reports").
NO_CAMPAIGN = QT_TRANSLATE_NOOP("reports", "不属于专项行动")
ALL_CAMPAIGNS = QT_TRANSLATE_NOOP("reports", "全部专项行动")
#: The data of the chooser's "全部" and "不属于专项行动" entries (campaign ids start at 1).
ALL, NONE = -1, 0


def month_edit(name: str, day: date | None = None) -> QDateEdit:
    """A field for a month (``yyyy-MM``), starting at ``day``'s month (today's by default)."""
    day = day or date.today()
    edit = QDateEdit(QDate(day.year, day.month, 1))
    edit.setObjectName(name)
    edit.setDisplayFormat("yyyy-MM")
    edit.setMinimumDate(QDate(2000, 1, 1))
    edit.setMaximumDate(QDate(2099, 12, 31))
    return edit


def month_text(edit: QDateEdit) -> str:
    """The month a :func:`month_edit` shows, as ``YYYY-MM``."""
    return edit.date().toString("yyyy-MM")


def set_month(edit: QDateEdit, month: str) -> None:
    """Show ``month`` (``YYYY-MM``) in a :func:`month_edit`."""
    edit.setDate(QDate(int(month[:4]), int(month[5:7]), 1))


def campaign_combo(name: str) -> QComboBox:
    combo = QComboBox()
    combo.setObjectName(name)
    combo.setMinimumContentsLength(24)
    combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
    return combo


#: "keep nothing" for :func:`fill_campaigns` (None is the "no campaign" entry).
UNSET = object()


def fill_campaigns(combo: QComboBox, items: list[dict[str, Any]], *, with_all: bool,
                   keep: Any = UNSET) -> None:
    """Fill ``combo`` with the campaigns (data: id) and "不属于专项行动" (data :data:`NONE`), with
    "全部专项行动" first (data :data:`ALL`) when ``with_all``; select ``keep`` when given and
    there, else "全部" (``with_all``), else the campaign in progress today, else the first.
    No signal is emitted."""
    combo.blockSignals(True)
    combo.clear()
    if with_all:
        combo.addItem(translate(CONTEXT, ALL_CAMPAIGNS), ALL)
    today = date.today().isoformat()
    running = None
    for c in items:
        combo.addItem(c["title"], int(c["id"]))
        combo.setItemData(combo.count() - 1, "\n".join(x for x in (c["title"], c["doc_no"]) if x),
                          Qt.ItemDataRole.ToolTipRole)
        if running is None and (c["start_date"] or "") <= today \
                and (not c["end_date"] or today <= c["end_date"]):
            running = int(c["id"])
    combo.addItem(translate(CONTEXT, NO_CAMPAIGN), NONE)
    index = -1
    if keep is not UNSET:
        index = combo.findData(NONE if keep is None else keep)
    if index < 0 and not with_all and running is not None:
        index = combo.findData(running)
    combo.setCurrentIndex(max(index, 0))
    combo.setToolTip(combo.currentText())
    combo.blockSignals(False)


def chosen_campaign(combo: QComboBox) -> Any:
    """The campaign chosen in a :func:`fill_campaigns` combo: its id, None for "不属于专项行动",
    :data:`ALL` for "全部"."""
    data = combo.currentData()
    if data is None or data == NONE:
        return None
    return int(data)


def cell(text: Any, *, center: bool = False, editable: bool = False,
         tip: str = "") -> QTableWidgetItem:
    item = QTableWidgetItem("" if text is None else str(text))
    if not editable:
        item.setFlags(item.flags() & ~Qt.ItemFlag.ItemIsEditable)
    if center:
        item.setTextAlignment(Qt.AlignmentFlag.AlignCenter)
    if tip:
        item.setToolTip(tip)
    return item


class ChoiceDelegate(QStyledItemDelegate):
    """Edits a cell holding one of ``labels`` (the shown texts) with a combo box."""

    def __init__(self, parent: QWidget, labels: list[str]) -> None:
        super().__init__(parent)
        self.labels = labels

    def createEditor(self, parent: QWidget, option: QStyleOptionViewItem,
                     index: QModelIndex) -> QWidget:
        combo = QComboBox(parent)
        combo.addItems(self.labels)
        combo.setFrame(False)
        return combo

    def setEditorData(self, editor: QWidget, index: QModelIndex) -> None:
        found = editor.findText(index.data() or "")  # type: ignore[attr-defined]
        editor.setCurrentIndex(max(found, 0))        # type: ignore[attr-defined]

    def setModelData(self, editor: QWidget, model: Any, index: QModelIndex) -> None:
        model.setData(index, editor.currentText())    # type: ignore[attr-defined]
