"""评查汇总: review results per unit for a period, and the most frequent findings.

Counts by grade, files waiting for a 复核 or not yet reviewed, the average final score, per unit
and in total; the deductions and veto items found most often in final reviews (a 复核 when there
is one, else the first reviews), by the number of files. The period is a year, or a quarter or
half of it, by 结案时间 or by the date the review became final.
"""
from __future__ import annotations

from datetime import date
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (QComboBox, QGroupBox, QHBoxLayout, QHeaderView, QLabel,
                               QTableWidget, QTableWidgetItem, QVBoxLayout, QWidget)

from models import casereview_view, directory
from models.i18n import QT_TRANSLATE_NOOP

from ..i18n import translate
from ..widgets import read_only_table
from .base import Page
from .casefile_marks import points_text

#: (label, first month, last month) of the parts of a year.
PARTS = ((QT_TRANSLATE_NOOP("ReviewSummaryPanel", "全年"), 1, 12),
         (QT_TRANSLATE_NOOP("ReviewSummaryPanel", "第一季度"), 1, 3),
         (QT_TRANSLATE_NOOP("ReviewSummaryPanel", "第二季度"), 4, 6),
         (QT_TRANSLATE_NOOP("ReviewSummaryPanel", "第三季度"), 7, 9),
         (QT_TRANSLATE_NOOP("ReviewSummaryPanel", "第四季度"), 10, 12),
         (QT_TRANSLATE_NOOP("ReviewSummaryPanel", "上半年"), 1, 6),
         (QT_TRANSLATE_NOOP("ReviewSummaryPanel", "下半年"), 7, 12))
YEARS_BACK = 5


def period(year: int | None, part: int) -> tuple[str | None, str | None]:
    """ISO (from, to) of part ``part`` (index in :data:`PARTS`) of ``year``; None: all time."""
    if year is None:
        return None, None
    _label, first, last = PARTS[part]
    end = date(year + (last == 12), last % 12 + 1, 1).toordinal() - 1
    return date(year, first, 1).isoformat(), date.fromordinal(end).isoformat()


class ReviewSummaryPanel(Page):
    """The summary tab of 案卷评查."""

    tables = frozenset({"case_files", "case_reviews", "case_review_marks", "units"})

    def __init__(self, controller: Any, parent: QWidget | None = None) -> None:
        super().__init__(controller, parent)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(10, 8, 10, 8)
        bar = QHBoxLayout()
        self.year = QComboBox()
        self.year.setObjectName("summary_year")
        self.year.addItem(self.tr("全部年度"), None)
        this_year = date.today().year
        for y in range(this_year, this_year - YEARS_BACK - 1, -1):
            self.year.addItem(self.tr("{year} 年").format(year=y), y)
        self.part = QComboBox()
        self.part.setObjectName("summary_part")
        for label, _f, _l in PARTS:
            self.part.addItem(translate("ReviewSummaryPanel", label))
        self.basis = QComboBox()
        self.basis.setObjectName("summary_basis")
        self.basis.addItem(self.tr("按结案时间"), "closed")
        self.basis.addItem(self.tr("按评查完成时间"), "reviewed")
        self.unit = QComboBox()
        self.unit.setObjectName("summary_unit")
        self.unit.addItem(self.tr("全部单位"), None)
        for w in (self.year, self.part, self.basis, self.unit):
            w.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
            bar.addWidget(w)
        bar.addStretch(1)
        layout.addLayout(bar)

        self.units_table = read_only_table(
            [self.tr("单位"), self.tr("案卷"), self.tr("优秀"), self.tr("合格"), self.tr("不合格"),
             self.tr("待复核"), self.tr("未评查"), self.tr("平均分")], "summary_units")
        self._stretch_first(self.units_table)
        layout.addWidget(self.units_table, 1)

        lower = QHBoxLayout()
        box = QGroupBox(self.tr("最常见的扣分项"))
        inner = QVBoxLayout(box)
        self.deductions = read_only_table(
            [self.tr("编号"), self.tr("扣分项"), self.tr("阶段"), self.tr("案卷数"), self.tr("处数"),
             self.tr("共扣分")], "summary_deductions")
        self._stretch(self.deductions, 1)
        inner.addWidget(self.deductions)
        lower.addWidget(box, 3)
        box = QGroupBox(self.tr("否决项"))
        inner = QVBoxLayout(box)
        self.vetoes = read_only_table([self.tr("编号"), self.tr("否决项"), self.tr("案卷数")],
                                      "summary_vetoes")
        self._stretch(self.vetoes, 1)
        inner.addWidget(self.vetoes)
        lower.addWidget(box, 2)
        layout.addLayout(lower, 2)
        self.note = QLabel(self.tr("扣分项和否决项按最终评查结果统计（有复核的以复核为准），待复核的案卷不计入。"))
        self.note.setStyleSheet("color: #666;")
        layout.addWidget(self.note)

        for combo in (self.year, self.part, self.basis, self.unit):
            combo.currentIndexChanged.connect(lambda _i: self.refresh())
        self.worker.call(directory.list_units, self.session, on_done=self._show_units)
        self.refresh()

    @staticmethod
    def _stretch(table: QTableWidget, column: int) -> None:
        header = table.horizontalHeader()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(column, QHeaderView.ResizeMode.Stretch)

    def _stretch_first(self, table: QTableWidget) -> None:
        self._stretch(table, 0)

    def _show_units(self, units: list[dict[str, Any]]) -> None:
        self.unit.blockSignals(True)
        for u in units:
            self.unit.addItem("　" * u["depth"] + u["name"], u["id"])
        self.unit.blockSignals(False)

    def filters(self) -> dict[str, Any]:
        date_from, date_to = period(self.year.currentData(), self.part.currentIndex())
        return {"unit_id": self.unit.currentData(), "date_from": date_from, "date_to": date_to,
                "period": self.basis.currentData()}

    def refresh(self) -> None:
        self.part.setEnabled(self.year.currentData() is not None)
        self.worker.call(casereview_view.summary, self.session, **self.filters(),
                         on_done=self._show)

    def _show(self, data: dict[str, Any]) -> None:
        rows = [*data["units"], data["total"]] if len(data["units"]) > 1 else data["units"]
        counts = ("files", "excellent", "pass", "fail", "recheck_required", "unreviewed")
        self._fill(self.units_table, [
            [u["unit_name"] or self.tr("合计"), *(u[k] or 0 for k in counts),
             "—" if u["average"] is None else points_text(u["average"])] for u in rows],
                   centred=range(1, 8))
        if len(rows) > 1:
            bold = QFont(self.font())
            bold.setBold(True)
            last = self.units_table.rowCount() - 1
            for col in range(self.units_table.columnCount()):
                self.units_table.item(last, col).setFont(bold)
        self._fill(self.deductions, [[d["code"], d["text"], d["section"], d["files"],
                                      d["occurrences"], points_text(d["points"])]
                                     for d in data["deductions"]], centred=(3, 4, 5))
        self._fill(self.vetoes, [[v["code"], v["text"], v["files"]] for v in data["vetoes"]],
                   centred=(2,))

    @staticmethod
    def _fill(table: QTableWidget, rows: list[list[Any]], centred: Any = ()) -> None:
        table.setRowCount(len(rows))
        for i, values in enumerate(rows):
            for col, value in enumerate(values):
                cell = QTableWidgetItem("" if value is None else str(value))
                if col in centred:
                    cell.setTextAlignment(Qt.AlignmentFlag.AlignCenter)
                table.setItem(i, col, cell)
