"""报送统计 (a tab of 接收下级报送): the office's 资料报送统计表 and 案件办理情况统计表.

Two sub-tabs over :mod:`models.office_stats`:

* 资料报送统计表: the office's campaign (its own campaigns, ``campaigns.list_campaigns``), the
  period (only when 按期间 is ticked), the 截至 date (today by default) and whether the data
  materials (问题台账, 自查自纠, 案卷评查) are listed after the campaign's; one row per
  registered unit, one coloured cell per material (√ green, √逾期 orange, 未通过验证 red,
  × grey) with the package it was judged on in the tooltip; a summary line; 导出… opens the
  export dialog (:func:`ui.pages.export_dialog.open_export`) for xlsx or PDF.
* 案件办理情况统计表: the period (the previous month by default), the 合计 row first, 导出….

Everything is read on the database worker; a control changed in quick succession loads once
(a short timer), and a result that a newer request overtook is dropped. The tab loads when it
is first shown and again whenever the tables it reads change (an import, a new campaign).
"""
from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from PySide6.QtCore import QDate, Qt, QTimer
from PySide6.QtGui import QColor, QFont
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from models import campaigns, office_stats
from models.form_data import FormOptions
from models.forms import Form
from models.i18n import QT_TRANSLATE_NOOP
from models.session import Session

from ..i18n import translate
from ..widgets import read_only_table
from .audit_panel import local_time
from .base import Page

CONTEXT = "office_stats"
#: Cell text of each state (the form's own texts; context "office_stats").
STATE_TEXT = {"received": QT_TRANSLATE_NOOP("office_stats", "√"),
              "late": QT_TRANSLATE_NOOP("office_stats", "√逾期"),
              "failed": QT_TRANSLATE_NOOP("office_stats", "未通过验证"),
              "missing": QT_TRANSLATE_NOOP("office_stats", "×")}
#: state -> (text colour, background)
STATE_COLORS = {"received": ("#1b6b34", "#dcf1e2"), "late": ("#8f4a00", "#fde3c3"),
                "failed": ("#a0001c", "#f9d3d9"), "missing": ("#5f5f5f", "#e9e9e9")}
#: How long a changed control waits for the next change before the table loads (ms).
DELAY_MS = 150


def _qdate(day: date) -> QDate:
    return QDate(day.year, day.month, day.day)


def _date_edit(name: str, day: date) -> QDateEdit:
    edit = QDateEdit(_qdate(day))
    edit.setObjectName(name)
    edit.setCalendarPopup(True)
    edit.setDisplayFormat("yyyy-MM-dd")
    return edit


def previous_month(today: date | None = None) -> tuple[date, date]:
    """The first and last day of the month before ``today``'s (seed 004 reports 3.1-3.31 in
    April)."""
    last = (today or date.today()).replace(day=1) - timedelta(days=1)
    return last.replace(day=1), last


def _item(text: str, *, center: bool = False, tip: str = "") -> QTableWidgetItem:
    item = QTableWidgetItem(text)
    if center:
        item.setTextAlignment(Qt.AlignmentFlag.AlignCenter)
    if tip:
        item.setToolTip(tip)
    return item


class _Loader:
    """Coalesces requests (a short timer) and drops results a newer request overtook."""

    def __init__(self, owner: QWidget, load: Any) -> None:
        self.token = 0
        self.timer = QTimer(owner)
        self.timer.setSingleShot(True)
        self.timer.setInterval(DELAY_MS)
        self.timer.timeout.connect(load)

    def next(self) -> int:
        self.token += 1
        return self.token


class MaterialsView(QWidget):
    """资料报送统计表: choose campaign, period and 截至; the coloured table; 导出…."""

    def __init__(self, page: OfficeStats) -> None:
        super().__init__()
        self.page = page
        self.campaigns: list[dict[str, Any]] = []
        self.campaigns_loaded = False
        self.table_data: office_stats.MaterialsTable | None = None
        self.loader = _Loader(self, self.load)
        layout = QVBoxLayout(self)
        row = QHBoxLayout()
        row.addWidget(QLabel(self.tr("专项行动")))
        self.campaign = QComboBox()
        self.campaign.setObjectName("stats_campaign")
        self.campaign.setMinimumWidth(320)
        self.campaign.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        row.addWidget(self.campaign)
        row.addStretch(1)
        self.export_button = QPushButton(self.tr("导出…"))
        self.export_button.setObjectName("stats_export")
        self.export_button.setEnabled(False)
        self.export_button.clicked.connect(lambda _checked=False: self.export())
        row.addWidget(self.export_button)
        layout.addLayout(row)
        row = QHBoxLayout()
        self.by_period = QCheckBox(self.tr("按期间"))
        self.by_period.setObjectName("stats_by_period")
        row.addWidget(self.by_period)
        self.start = _date_edit("stats_start", date.today().replace(day=1))
        self.end = _date_edit("stats_end", date.today())
        row.addWidget(self.start)
        row.addWidget(QLabel(self.tr("至")))
        row.addWidget(self.end)
        row.addSpacing(16)
        row.addWidget(QLabel(self.tr("截至")))
        self.as_of = _date_edit("stats_as_of", date.today())
        row.addWidget(self.as_of)
        row.addSpacing(16)
        self.with_records = QCheckBox(self.tr("含数据材料"))
        self.with_records.setObjectName("stats_with_records")
        self.with_records.setToolTip(self.tr("同时列出报送包中的问题台账、自查自纠和案卷评查记录"))
        self.with_records.setChecked(True)
        row.addWidget(self.with_records)
        row.addStretch(1)
        layout.addLayout(row)
        self.summary = QLabel()
        self.summary.setObjectName("stats_summary")
        self.summary.setWordWrap(True)
        layout.addWidget(self.summary)
        self.table = read_only_table([self.tr("单位")], "materials_stats")
        self.table.setWordWrap(True)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setDefaultAlignment(Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap)
        layout.addWidget(self.table, 1)
        self.legend = QLabel(self.tr(
            "√ 已报送　√逾期 在规定时限之后才报送（按报送包的签名生成时间）　未通过验证 收到的报送包未通过"
            "验证，已隔离　× 未报送。只统计截至日期之前收到的、属于所选专项行动（文号相同）和期间的"
            "报送包；鼠标停在格子上可看到依据的报送包。"))
        self.legend.setWordWrap(True)
        self.legend.setStyleSheet("color: #555;")
        layout.addWidget(self.legend)
        self._period_toggled(False)
        self.campaign.currentIndexChanged.connect(self._campaign_changed)
        self.by_period.toggled.connect(self._period_toggled)
        self.with_records.toggled.connect(lambda _on: self.loader.timer.start())
        for edit in (self.start, self.end, self.as_of):
            edit.dateChanged.connect(lambda _d: self.loader.timer.start())

    # --- choices ---------------------------------------------------------------------------------

    def campaign_id(self) -> int | None:
        data = self.campaign.currentData()
        return None if data is None else int(data)

    def period(self) -> tuple[date, date] | None:
        if not self.by_period.isChecked():
            return None
        return self.start.date().toPython(), self.end.date().toPython()

    def _period_toggled(self, on: bool) -> None:
        self.start.setEnabled(on)
        self.end.setEnabled(on)
        self.loader.timer.start()

    def _campaign_changed(self, _index: int) -> None:
        campaign = next((c for c in self.campaigns if c["id"] == self.campaign_id()), None)
        if campaign is not None:
            for edit, key in ((self.start, "start_date"), (self.end, "end_date")):
                try:
                    day = date.fromisoformat(campaign[key])
                except (TypeError, ValueError):
                    continue
                edit.blockSignals(True)
                edit.setDate(_qdate(day))
                edit.blockSignals(False)
        self.loader.timer.start()

    def show_campaigns(self, rows: list[dict[str, Any]]) -> None:
        """Fill the campaign choice, keeping the chosen campaign when it is still there."""
        current = self.campaign_id()
        self.campaigns = rows
        self.campaigns_loaded = True
        self.campaign.blockSignals(True)
        self.campaign.clear()
        for c in rows:
            self.campaign.addItem(c["title"] + (f"（{c['doc_no']}）" if c["doc_no"] else ""),
                                  c["id"])
        index = self.campaign.findData(current) if current is not None else -1
        self.campaign.setCurrentIndex(index if index >= 0 else (0 if rows else -1))
        self.campaign.blockSignals(False)
        if self.campaign_id() != current:
            self._campaign_changed(self.campaign.currentIndex())
        self.loader.timer.stop()
        self.load()

    # --- loading ---------------------------------------------------------------------------------

    def load(self) -> None:
        """Read the table on the worker (the chosen campaign, period and 截至)."""
        token = self.loader.next()
        cid = self.campaign_id()
        if not self.campaigns_loaded:
            return
        if cid is None:
            self._show_none()
            return
        as_of = self.as_of.date().toPython()
        period = self.period()
        if period is not None and period[0] > period[1]:
            self.summary.setText(self.tr("期间的开始日期晚于结束日期。"))
            self.export_button.setEnabled(False)
            return
        self.page.call(office_stats.materials_table, cid, period=period, as_of=as_of,
                       with_records=self.with_records.isChecked(),
                       on_done=lambda t: self._show(token, t))

    def _show_none(self) -> None:
        self.table_data = None
        self.table.setRowCount(0)
        self.table.setColumnCount(1)
        self.table.setHorizontalHeaderLabels([self.tr("单位")])
        self.export_button.setEnabled(False)
        self.summary.setText(self.tr(
            "本机还没有专项行动。请先在“设置 → 专项行动”中建立与下级单位相同文号的专项行动，"
            "并列出要求报送的材料。"))

    def _show(self, token: int, data: office_stats.MaterialsTable) -> None:
        if token != self.loader.token:
            return
        self.table_data = data
        table = self.table
        table.clear()
        table.setColumnCount(len(data.columns) + 2)
        table.setRowCount(len(data.rows))
        table.setHorizontalHeaderItem(0, QTableWidgetItem(self.tr("单位")))
        for n, (name, due) in enumerate(zip(data.columns, data.dues), 1):
            header = QTableWidgetItem(name)
            if due is not None:
                header.setToolTip(name + "\n" + self.tr("规定时限：{due}").format(
                    due=due.isoformat()))
            elif n > len(data.columns) - len(data.record_codes):
                header.setToolTip(name + "\n" + self.tr("报送包中的数据材料（无规定时限）"))
            else:
                header.setToolTip(name + "\n" + self.tr("无规定时限"))
            table.setHorizontalHeaderItem(n, header)
        table.setHorizontalHeaderItem(len(data.columns) + 1, QTableWidgetItem(self.tr("备注")))
        for r, row in enumerate(data.rows):
            table.setItem(r, 0, _item(row.unit, tip=row.code))
            for c, cell in enumerate(row.cells, 1):
                item = _item(translate(CONTEXT, STATE_TEXT[cell.state]), center=True,
                             tip=self._tip(cell, data.as_of))
                fg, bg = STATE_COLORS[cell.state]
                item.setForeground(QColor(fg))
                item.setBackground(QColor(bg))
                table.setItem(r, c, item)
            table.setItem(r, len(data.columns) + 1, _item(self._note(row), tip=row.note))
        table.resizeColumnsToContents()
        for c in range(1, len(data.columns) + 1):      # long material names wrap in the header
            table.setColumnWidth(c, min(max(table.columnWidth(c), 60), 96))
        note = len(data.columns) + 1
        table.setColumnWidth(note, max(table.columnWidth(note), 100))
        self._fit_header()
        table.resizeRowsToContents()
        self.summary.setText(self.summary_text(data))
        self.export_button.setEnabled(True)

    def _fit_header(self) -> None:
        """Make the header tall enough for the longest material name wrapped in its column."""
        table = self.table
        header = table.horizontalHeader()
        metrics = header.fontMetrics()
        lines = 1
        for c in range(table.columnCount()):
            item = table.horizontalHeaderItem(c)
            width = max(table.columnWidth(c) - 10, 20)
            if item is not None:
                rect = metrics.boundingRect(0, 0, width, 10_000, int(
                    Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap), item.text())
                lines = max(lines, min(3, -(-rect.height() // metrics.lineSpacing())))
        header.setFixedHeight(lines * metrics.lineSpacing() + 10)

    # --- texts -----------------------------------------------------------------------------------

    def summary_text(self, data: office_stats.MaterialsTable) -> str:
        """“9 个单位：3 个全部报送，2 个有逾期，…” (units without a registration: a hint)."""
        if not data.rows:
            return self.tr("还没有登记下级单位。在“已登记单位”中登记后，这里列出各单位的报送情况。")
        counts = data.counts()
        return self.tr("{n} 个单位：{complete} 个全部报送，{late} 个有逾期，{failed} 个未通过验证，"
                       "{partial} 个未报齐，{none} 个未报送。（截至 {as_of}）").format(
            n=len(data.rows), as_of=data.as_of.isoformat(), **counts)

    def _note(self, row: office_stats.UnitMaterials) -> str:
        if row.failed_seqs:
            return self.tr("第 {seqs} 号包未通过验证").format(
                seqs="、".join(str(s) for s in row.failed_seqs))
        if any(c.state == "failed" for c in row.cells):
            return self.tr("报送包未通过验证")
        return ""

    def _tip(self, cell: office_stats.Cell, as_of: date) -> str:
        lines: list[str] = []
        if cell.state in ("received", "late"):
            lines.append(self.tr("第 {seq} 号报送包").format(seq=cell.seq))
            lines.append(self.tr("生成时间：{time}").format(time=local_time(cell.created or "")))
            lines.append(self.tr("收到时间：{time}").format(time=local_time(cell.received or "")))
        elif cell.state == "failed":
            seq = "" if cell.seq is None else str(cell.seq)
            lines.append(self.tr("第 {seq} 号报送包未通过验证，已隔离，其中的材料不予采信").format(seq=seq))
            lines.append(self.tr("收到时间：{time}").format(time=local_time(cell.received or "")))
            if cell.reason:
                lines.append(self.tr("原因：{reason}").format(reason=cell.reason.split("\n")[0]))
        else:
            lines.append(self.tr("截至 {day} 没有收到含这项材料的报送包").format(day=as_of.isoformat()))
        if cell.due is not None:
            lines.append(self.tr("规定时限：{due}").format(due=cell.due.isoformat()))
            if cell.state == "late":
                lines.append(self.tr("报送包生成于规定时限之后（逾期）"))
        return "\n".join(lines)

    # --- export ----------------------------------------------------------------------------------

    def export(self) -> Any:
        """Open the export dialog for the table as chosen now (xlsx or PDF)."""
        from .export_dialog import form_name, open_export
        cid, period = self.campaign_id(), self.period()
        as_of = self.as_of.date().toPython()
        records = self.with_records.isChecked()
        if cid is None:
            return None

        def build(session: Session, _code: str, options: FormOptions) -> Form:
            return office_stats.materials_table_form(session, cid, period=period, as_of=as_of,
                                                     with_records=records, options=options)

        scope = self.tr("导出“{campaign}”的资料报送统计表（截至 {as_of}{period}）。").format(
            campaign=self.campaign.currentText(), as_of=as_of.isoformat(),
            period=self.tr("，报送期间 {start} 至 {end}").format(
                start=period[0].isoformat(), end=period[1].isoformat()) if period else "")
        return open_export(self.page, forms=[("materials", form_name("materials"))],
                           build=build, scope=scope)


class CasesView(QWidget):
    """案件办理情况统计表: the period, the table (合计 first), 导出…."""

    HEADERS = (QT_TRANSLATE_NOOP("office_stats", "单位"),
               QT_TRANSLATE_NOOP("office_stats", "数据条数"),
               QT_TRANSLATE_NOOP("office_stats", "实际案件数"),
               QT_TRANSLATE_NOOP("office_stats", "测试案件数"),
               QT_TRANSLATE_NOOP("office_stats", "执法人员"),
               QT_TRANSLATE_NOOP("office_stats", "人均办案率"),
               QT_TRANSLATE_NOOP("office_stats", "在线考试"))

    def __init__(self, page: OfficeStats) -> None:
        super().__init__()
        self.page = page
        self.rows: list[Any] = []
        self.loader = _Loader(self, self.load)
        layout = QVBoxLayout(self)
        row = QHBoxLayout()
        row.addWidget(QLabel(self.tr("结案日期")))
        start, end = previous_month()
        self.start = _date_edit("cases_start", start)
        self.end = _date_edit("cases_end", end)
        row.addWidget(self.start)
        row.addWidget(QLabel(self.tr("至")))
        row.addWidget(self.end)
        row.addStretch(1)
        self.export_button = QPushButton(self.tr("导出…"))
        self.export_button.setObjectName("cases_export")
        self.export_button.setEnabled(False)
        self.export_button.clicked.connect(lambda _checked=False: self.export())
        row.addWidget(self.export_button)
        layout.addLayout(row)
        self.table = read_only_table([translate(CONTEXT, h) for h in self.HEADERS],
                                     "cases_stats")
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.table.horizontalHeader().setStretchLastSection(False)
        layout.addWidget(self.table, 1)
        self.message = QLabel(self.tr(
            "案件数为各单位报送包（含“案卷评查记录”）中结案日期在统计期间内的案卷；执法人员为各单位报送的"
            "在岗、有执法证号的人员，“/”表示该单位尚未报送人员信息；人均办案率 =（实际案件数 + 测试案件数）"
            "/ 执法人员。"))
        self.message.setObjectName("cases_message")
        self.message.setWordWrap(True)
        self.message.setStyleSheet("color: #555;")
        layout.addWidget(self.message)
        for edit in (self.start, self.end):
            edit.dateChanged.connect(lambda _d: self.loader.timer.start())

    def period(self) -> tuple[date, date]:
        return self.start.date().toPython(), self.end.date().toPython()

    def load(self) -> None:
        token = self.loader.next()
        period = self.period()
        if period[0] > period[1]:
            self.export_button.setEnabled(False)
            return
        self.page.call(office_stats.cases_table, period, on_done=lambda r: self._show(token, r))

    def _show(self, token: int, rows: list[Any]) -> None:
        from models.form_stats import per_capita_rate
        if token != self.loader.token:
            return
        self.rows = rows
        self.table.setRowCount(len(rows))
        bold = QFont(self.table.font())
        bold.setBold(True)
        for r, row in enumerate(rows):
            unit = self.tr("合计") if r == 0 else row.unit
            values = [unit, str(row.records), str(row.actual), str(row.test),
                      "/" if row.officers is None else str(row.officers),
                      per_capita_rate(row.actual, row.test, row.officers),
                      "/" if row.exams is None else str(row.exams)]
            for c, text in enumerate(values):
                item = _item(text, center=c > 0)
                if r == 0:
                    item.setFont(bold)
                self.table.setItem(r, c, item)
        self.table.resizeColumnsToContents()
        for c in range(self.table.columnCount()):
            width = self.table.columnWidth(c)
            self.table.setColumnWidth(c, max(width, 220) if c == 0 else max(width + 24, 96))
        self.export_button.setEnabled(True)

    def export(self) -> Any:
        from .export_dialog import form_name, open_export
        period = self.period()

        def build(session: Session, _code: str, options: FormOptions) -> Form:
            return office_stats.cases_table_form(session, period, options)

        scope = self.tr("导出结案日期在 {start} 至 {end} 之间的案件办理情况统计表。").format(
            start=period[0].isoformat(), end=period[1].isoformat())
        return open_export(self.page, forms=[("cases", form_name("cases"))], build=build,
                           scope=scope)


class OfficeStats(Page):
    """The 报送统计 tab: :class:`MaterialsView` and :class:`CasesView` as two sub-tabs."""

    tables = frozenset({"office_units", "office_packages", "office_package_claims",
                        "office_records", "campaigns", "campaign_materials"})

    def __init__(self, controller: Any, parent: QWidget | None = None) -> None:
        super().__init__(controller, parent)
        self.stale = True
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 6, 0, 0)
        self.tabs = QTabWidget()
        self.tabs.setObjectName("stats_tabs")
        self.materials = MaterialsView(self)
        self.cases = CasesView(self)
        self.tabs.addTab(self.materials, self.tr("资料报送统计表"))
        self.tabs.addTab(self.cases, self.tr("案件办理情况统计表"))
        layout.addWidget(self.tabs)

    def showEvent(self, event: Any) -> None:
        super().showEvent(event)
        if self.stale:
            self.refresh()

    def refresh(self) -> None:
        """Reload the campaigns and both tables, now when shown, else when next shown."""
        if not self.isVisible():
            self.stale = True
            return
        self.stale = False
        self.call(campaigns.list_campaigns, on_done=self.materials.show_campaigns)
        self.cases.loader.timer.start()
