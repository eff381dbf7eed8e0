"""The 工作台's charts: problems by status (a ring) and by category (closed / not yet closed).

Imported by the dashboard only once its data is on screen: Qt Charts costs start-up time that
the first paint should not wait for. The charts draw with the application font (its Chinese
families first, and the large-text size) and follow it when it changes.
"""
from __future__ import annotations

import math
from typing import Any

from PySide6.QtCharts import (QBarCategoryAxis, QBarSet, QChart, QChartView,
                              QHorizontalStackedBarSeries, QPieSeries, QPieSlice, QValueAxis)
from PySide6.QtCore import QCoreApplication, QMargins, QPointF, Qt
from PySide6.QtGui import QColor, QCursor, QFont, QFontMetrics, QPainter, QPen
from PySide6.QtWidgets import QApplication, QGraphicsSimpleTextItem, QToolTip, QWidget

from models.problems import STATUSES

from ..i18n import translate

#: The colour of each status in the charts, in the order of :data:`models.problems.STATUSES`.
STATUS_COLOURS: dict[str, str] = {
    "open": "#e67e22",         # 待整改: not started
    "in_progress": "#3b82c4",  # 整改中
    "rectified": "#17a2b8",    # 已整改（待验收）: waiting for verification
    "closed": "#2e9d57",       # 已销号
    "rebound": "#c0392b",      # 反弹
}
CLOSED_COLOUR = STATUS_COLOURS["closed"]
NOT_CLOSED_COLOUR = "#e0a040"


def _base_chart() -> QChart:
    """A chart without frame, title or animation, on the widget's own background."""
    chart = QChart()
    chart.setBackgroundVisible(False)
    chart.setMargins(QMargins(0, 0, 0, 0))
    chart.layout().setContentsMargins(0, 0, 0, 0)
    chart.setAnimationOptions(QChart.AnimationOption.NoAnimation)
    return chart


def _view(chart: QChart, parent: QWidget | None) -> QChartView:
    view = QChartView(chart, parent)
    view.setRenderHint(QPainter.RenderHint.Antialiasing)
    view.setStyleSheet("background: transparent;")
    return view


class StatusChart:
    """A ring of the problems by status, its legend beside it (label and count), the total in
    the middle. ``slices`` maps each status code to its slice; a slice's value is the count."""

    def __init__(self, parent: QWidget | None = None) -> None:
        self.chart = _base_chart()
        self.series = QPieSeries()
        self.series.setHoleSize(0.58)
        self.series.setPieSize(0.9)
        self.slices: dict[str, QPieSlice] = {}
        for key in STATUSES:
            piece = self.series.append("", 0)
            piece.setColor(QColor(STATUS_COLOURS[key]))
            piece.hovered.connect(lambda on, key=key: self._hovered(key, on))
            self.slices[key] = piece
        # A grey ring while there is nothing to count, left out of the legend.
        self.empty = self.series.append("", 1)
        self.empty.setColor(QColor("#e6e6e6"))
        self.empty.setPen(QPen(Qt.PenStyle.NoPen))
        self.chart.addSeries(self.series)
        legend = self.chart.legend()
        legend.markers(self.series)[-1].setVisible(False)
        legend.setAlignment(Qt.AlignmentFlag.AlignRight)
        legend.setShowToolTips(True)
        self.total_item = QGraphicsSimpleTextItem(self.chart)
        self.caption_item = QGraphicsSimpleTextItem(self.chart)
        self.caption_item.setBrush(QColor("#666666"))
        self.caption_item.setText(QCoreApplication.translate("DashboardCharts", "个问题"))
        self.chart.plotAreaChanged.connect(lambda _rect: self._place_centre())
        self.view = _view(self.chart, parent)
        self.view.setObjectName("status_chart")
        self.set_font(QApplication.font())

    def set_counts(self, by_status: dict[str, int]) -> None:
        """Show ``by_status`` (status code -> count; missing codes count 0)."""
        total = sum(by_status.values())
        for key, piece in self.slices.items():
            n = int(by_status.get(key, 0))
            piece.setValue(n)
            piece.setLabel(f"{translate('problems', STATUSES[key])}  {n}")
            # White gaps between the statuses; an empty status draws nothing, not a hair-line.
            piece.setPen(QPen(QColor("#ffffff"), 1) if n else QPen(Qt.PenStyle.NoPen))
        self.empty.setValue(0 if total else 1)
        self.total_item.setText(str(total))
        self._place_centre()

    def values(self) -> dict[str, int]:
        """The count each slice shows, by status code."""
        return {key: int(piece.value()) for key, piece in self.slices.items()}

    def set_font(self, font: QFont) -> None:
        """Draw the legend and the centre in ``font`` (the application font)."""
        self.chart.legend().setFont(font)
        big = QFont(font)
        big.setPointSizeF(font.pointSizeF() * 2.0)
        big.setBold(True)
        self.total_item.setFont(big)
        self.caption_item.setFont(font)
        self._place_centre()

    def _place_centre(self) -> None:
        centre = self.chart.plotArea().center()
        total = self.total_item.boundingRect()
        caption = self.caption_item.boundingRect()
        height = total.height() + caption.height()
        top = centre.y() - height / 2
        self.total_item.setPos(QPointF(centre.x() - total.width() / 2, top))
        self.caption_item.setPos(QPointF(centre.x() - caption.width() / 2, top + total.height()))

    def _hovered(self, key: str, on: bool) -> None:
        piece = self.slices[key]
        piece.setExploded(on and piece.value() > 0)
        if on and piece.value() > 0:
            text = QCoreApplication.translate("DashboardCharts", "{status}：{n} 个（{pct}）").format(
                status=translate("problems", STATUSES[key]), n=int(piece.value()),
                pct=f"{piece.percentage():.0%}")
            QToolTip.showText(QCursor.pos(), text)
        else:
            QToolTip.hideText()


class CategoryChart:
    """Horizontal stacked bars, one per category from the top down: closed and not yet closed.

    ``categories`` are the names in the order given (top first); ``closed_set`` and
    ``open_set`` hold the counts in the axis order, which is bottom first (Qt's).
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        self.chart = _base_chart()
        self.closed_set = QBarSet(QCoreApplication.translate("DashboardCharts", "已销号"))
        self.closed_set.setColor(QColor(CLOSED_COLOUR))
        self.closed_set.setBorderColor(QColor(CLOSED_COLOUR))
        self.open_set = QBarSet(QCoreApplication.translate("DashboardCharts", "未销号"))
        self.open_set.setColor(QColor(NOT_CLOSED_COLOUR))
        self.open_set.setBorderColor(QColor(NOT_CLOSED_COLOUR))
        self.series = QHorizontalStackedBarSeries()
        self.series.setBarWidth(0.6)
        self.series.append(self.closed_set)
        self.series.append(self.open_set)
        self.series.hovered.connect(self._hovered)
        self.chart.addSeries(self.series)
        self.axis_y = QBarCategoryAxis()
        self.axis_y.setGridLineVisible(False)
        self.axis_y.setTruncateLabels(False)  # the view is made tall enough: see needed_height
        self.axis_x = QValueAxis()
        self.axis_x.setLabelFormat("%d")
        self.axis_x.setTickType(QValueAxis.TickType.TicksDynamic)
        self.axis_x.setTickAnchor(0)
        self.axis_x.setGridLinePen(QPen(QColor("#e4e4e4")))
        self.chart.addAxis(self.axis_y, Qt.AlignmentFlag.AlignLeft)
        self.chart.addAxis(self.axis_x, Qt.AlignmentFlag.AlignBottom)
        self.series.attachAxis(self.axis_y)
        self.series.attachAxis(self.axis_x)
        self.chart.legend().setAlignment(Qt.AlignmentFlag.AlignBottom)
        self.categories: list[str] = []
        self.view = _view(self.chart, parent)
        self.view.setObjectName("category_chart")
        self.set_font(QApplication.font())

    def set_counts(self, rows: list[dict[str, Any]]) -> None:
        """Show ``rows`` (``category``, ``total``, ``closed``, as
        :func:`models.ledger_query.category_counts` gives them), the first at the top."""
        self.categories = [r["category"] for r in rows]
        bottom_up = list(reversed(rows))
        self.closed_set.remove(0, self.closed_set.count())
        self.open_set.remove(0, self.open_set.count())
        self.closed_set.append([float(r["closed"]) for r in bottom_up])
        self.open_set.append([float(r["total"] - r["closed"]) for r in bottom_up])
        self.axis_y.clear()
        self.axis_y.append([r["category"] for r in bottom_up])
        top = max((r["total"] for r in rows), default=0)
        step = nice_step(top)
        self.axis_x.setTickInterval(step)
        self.axis_x.setRange(0, max(step, math.ceil(top / step) * step))

    def needed_height(self) -> int:
        """The height that gives every category a row of at least one line of its font."""
        line = QFontMetrics(self.axis_y.labelsFont()).height()
        legend = QFontMetrics(self.chart.legend().font()).height()
        return len(self.categories) * (line + 4) + line + 2 * legend + 40

    def values(self) -> list[tuple[str, int, int]]:
        """(category, closed, not closed) as the bars show them, top first."""
        count = self.closed_set.count()
        return [(self.axis_y.at(i), int(self.closed_set.at(i)), int(self.open_set.at(i)))
                for i in reversed(range(count))]

    def set_font(self, font: QFont) -> None:
        """Draw the axes and the legend in ``font`` (the application font)."""
        self.chart.legend().setFont(font)
        self.axis_y.setLabelsFont(font)
        self.axis_x.setLabelsFont(font)

    def _hovered(self, on: bool, index: int, barset: QBarSet) -> None:
        if not on:
            QToolTip.hideText()
            return
        closed, open_ = int(self.closed_set.at(index)), int(self.open_set.at(index))
        text = QCoreApplication.translate("DashboardCharts",
                                          "{category}\n已销号 {closed} 个，未销号 {open} 个")
        QToolTip.showText(QCursor.pos(), text.format(category=self.axis_y.at(index),
                                                     closed=closed, open=open_))


def nice_step(top: int) -> int:
    """A tick interval of 1, 2 or 5 times a power of ten that divides 0 … ``top`` into at most
    six steps (whole numbers only: these are counts)."""
    step = 1
    while top / step > 6:
        step = _next_step(step)
    return step


def _next_step(step: int) -> int:
    """The step after ``step`` in 1, 2, 5, 10, 20, 50, …"""
    digits = 10 ** (len(str(step)) - 1)
    lead = step // digits
    return {1: 2, 2: 5, 5: 10}[lead] * digits
