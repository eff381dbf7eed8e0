"""其他台账 → 案件统计: the unit's monthly case figures (seed 004 附件2), a month a row.

The table lists the stored months of the chosen year, newest first, with 人均办案率 worked out
as the seed defines it ((实际案件数 + 测试案件数) / 执法人员). The editor beside it takes one
month: choosing a month shows what is stored for it; 计算… fills in the figures worked out from
the unit's own data (models.case_stats.compute: case files closed in the month, active people
with a 执法证号), to be corrected where the province's system says otherwise; 保存 stores the
month, 删除此月 removes it. 数据条数 left empty takes 实际案件数; 执法人员 and 在线考试 left
empty are printed “/”. 导出… writes the year's months as the 案件办理情况统计表.
"""
from __future__ import annotations

from datetime import date
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QIntValidator
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from models import case_stats, form_reports
from models.form_data import FormOptions
from models.form_stats import per_capita_rate
from models.forms import Form
from models.i18n import QT_TRANSLATE_NOOP
from models.months import label
from models.session import Session

from ..errors import show_error
from ..widgets import read_only_table
from .base import Page
from .report_widgets import cell, month_edit, month_text, set_month

MONTH_ROLE = Qt.ItemDataRole.UserRole
#: The figures of a month, in the table's and the editor's order: (key, may be empty).
FIGURES = (("records", True), ("actual", False), ("test", False), ("officers", True),
           ("exams", True))
ALL_YEARS = 0


def load(session: Session, year: int | None) -> dict[str, Any]:
    """The months of ``year`` (None: all) and every year that has one."""
    every = case_stats.list_months(session)
    years = sorted({int(r["month"][:4]) for r in every} | {date.today().year}, reverse=True)
    rows = every if year is None else [r for r in every if r["month"].startswith(f"{year:04d}-")]
    return {"rows": rows, "years": years}


class CaseStatsPage(Page):
    """The months table and the editor of one month."""

    TITLE = QT_TRANSLATE_NOOP("ledgers", "案件统计")
    tables = frozenset({"case_stats"})

    def __init__(self, controller: Any, parent: QWidget | None = None) -> None:
        super().__init__(controller, parent)
        self.rows: list[dict[str, Any]] = []
        self._first = True          # the first load shows the newest month stored
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        top = QHBoxLayout()
        top.addWidget(QLabel(self.tr("年份")))
        self.year = QComboBox()
        self.year.setObjectName("case_stats_year")
        self.year.currentIndexChanged.connect(lambda _i: self.refresh())
        top.addWidget(self.year)
        top.addStretch(1)
        self.export_button = QPushButton(self.tr("导出…"))
        self.export_button.setObjectName("case_stats_export")
        self.export_button.clicked.connect(lambda _c=False: self.export())
        top.addWidget(self.export_button)
        layout.addLayout(top)

        split = QSplitter()
        self.table = read_only_table([self.tr("月份"), self.tr("数据条数"), self.tr("实际案件数"),
                                      self.tr("测试案件数"), self.tr("执法人员"), self.tr("人均办案率"),
                                      self.tr("在线考试"), self.tr("备注")], "case_stats_table")
        self.table.itemSelectionChanged.connect(self._selected)
        split.addWidget(self.table)
        split.addWidget(self._build_editor())
        split.setStretchFactor(0, 3)
        split.setStretchFactor(1, 2)
        layout.addWidget(split, 1)
        note = QLabel(self.tr("人均办案率 =（实际案件数 + 测试案件数）÷ 执法人员，按整数百分比四舍五入；"
                              "执法人员不详时记为“/”。"))
        note.setWordWrap(True)
        note.setStyleSheet("color: #555;")
        layout.addWidget(note)
        self.refresh()

    def _build_editor(self) -> QWidget:
        box = QGroupBox(self.tr("填报一个月"))
        layout = QVBoxLayout(box)
        form = QFormLayout()
        self.month = month_edit("case_stats_month")
        self.month.dateChanged.connect(lambda _d: self._month_changed())
        form.addRow(self.tr("月份"), self.month)
        self.fields: dict[str, QLineEdit] = {}
        labels = {"records": self.tr("数据条数"), "actual": self.tr("实际案件数"),
                  "test": self.tr("测试案件数"), "officers": self.tr("执法人员"),
                  "exams": self.tr("在线考试")}
        hints = {"records": self.tr("不填则同实际案件数"), "officers": self.tr("不填记为“/”"),
                 "exams": self.tr("不填记为“/”")}
        for key, _empty in FIGURES:
            edit = QLineEdit()
            edit.setObjectName(f"case_stats_{key}")
            edit.setValidator(QIntValidator(0, 10_000_000, edit))
            edit.setPlaceholderText(hints.get(key, "0"))
            edit.textChanged.connect(lambda _t: self._show_rate())
            self.fields[key] = edit
            form.addRow(labels[key], edit)
        self.note = QLineEdit()
        self.note.setObjectName("case_stats_note")
        form.addRow(self.tr("备注"), self.note)
        self.rate = QLabel()
        self.rate.setObjectName("case_stats_rate")
        form.addRow(self.tr("人均办案率"), self.rate)
        layout.addLayout(form)
        buttons = QHBoxLayout()
        self.compute_button = QPushButton(self.tr("计算…"))
        self.compute_button.setObjectName("case_stats_compute")
        self.compute_button.setToolTip(self.tr("按本单位的案卷（结案日期在本月）和在岗持证人员计算"))
        self.compute_button.clicked.connect(lambda _c=False: self.compute())
        self.save_button = QPushButton(self.tr("保存"))
        self.save_button.setObjectName("case_stats_save")
        self.save_button.clicked.connect(lambda _c=False: self.save())
        self.delete_button = QPushButton(self.tr("删除此月"))
        self.delete_button.setObjectName("case_stats_delete")
        self.delete_button.clicked.connect(lambda _c=False: self.delete())
        for button in (self.compute_button, self.save_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        buttons.addWidget(self.delete_button)
        layout.addLayout(buttons)
        self.message = QLabel()
        self.message.setObjectName("case_stats_message")
        self.message.setWordWrap(True)
        self.message.setStyleSheet("color: #555;")
        layout.addWidget(self.message)
        layout.addStretch(1)
        editable = self.allowed("case_stats.edit")
        for widget in (self.compute_button, self.save_button, self.delete_button):
            widget.setEnabled(editable)
        return box

    # --- loading ----------------------------------------------------------------------------------

    def refresh(self) -> None:
        year = self.year.currentData()
        self.worker.call(load, self.session, None if year in (None, ALL_YEARS) else int(year),
                         on_done=self._loaded, on_error=lambda exc: show_error(self, exc))

    def _loaded(self, data: dict[str, Any]) -> None:
        keep = self.year.currentData()
        self.year.blockSignals(True)
        self.year.clear()
        self.year.addItem(self.tr("全部年份"), ALL_YEARS)
        for y in data["years"]:
            self.year.addItem(self.tr("{year} 年").format(year=y), y)
        index = self.year.findData(keep if keep is not None else ALL_YEARS)   # first: all
        self.year.setCurrentIndex(max(index, 0))
        self.year.blockSignals(False)
        self.rows = data["rows"]
        if self._first and self.rows:
            self.month.blockSignals(True)
            set_month(self.month, self.rows[0]["month"])
            self.month.blockSignals(False)
        self._first = False
        shown = month_text(self.month)
        self.table.blockSignals(True)
        self.table.setRowCount(0)
        for r in self.rows:
            n = self.table.rowCount()
            self.table.insertRow(n)
            values = [label(r["month"]), r["records"], r["actual"], r["test"],
                      "/" if r["officers"] is None else r["officers"], r["rate"],
                      "/" if r["exams"] is None else r["exams"], r["note"]]
            for col, value in enumerate(values):
                item = cell(value, center=0 < col < 7)
                item.setData(MONTH_ROLE, r["month"])
                self.table.setItem(n, col, item)
            if r["month"] == shown:
                self.table.selectRow(n)
        self.table.blockSignals(False)
        self.export_button.setEnabled(bool(self.rows))
        self._month_changed()

    def _stored(self, month: str) -> dict[str, Any] | None:
        return next((r for r in self.rows if r["month"] == month), None)

    def _selected(self) -> None:
        items = self.table.selectedItems()
        if items:
            set_month(self.month, str(items[0].data(MONTH_ROLE)))

    def _month_changed(self) -> None:
        """Show what is stored for the month chosen (empty fields when nothing is)."""
        row = self._stored(month_text(self.month))
        for key, _empty in FIGURES:
            value = None if row is None else row[key]
            self.fields[key].setText("" if value is None else str(value))
        self.note.setText("" if row is None else row["note"])
        self.delete_button.setEnabled(row is not None and self.allowed("case_stats.edit"))
        self.message.setText("" if row is not None else self.tr(
            "{month} 尚未填报：可按信息系统的数字填写，或点“计算…”按本单位数据计算。").format(
            month=label(month_text(self.month))))
        self._show_rate()

    def _number(self, key: str) -> int | None:
        text = self.fields[key].text().strip()
        return int(text) if text else None

    def _show_rate(self) -> None:
        self.rate.setText(per_capita_rate(self._number("actual") or 0, self._number("test") or 0,
                                          self._number("officers")))

    # --- actions ----------------------------------------------------------------------------------

    def compute(self) -> None:
        self.call(case_stats.compute, month_text(self.month), on_done=self._computed)

    def _computed(self, figures: case_stats.Computed) -> None:
        for key in ("records", "actual", "test", "officers"):
            self.fields[key].setText(str(getattr(figures, key)))
        self.message.setText(self.tr(
            "已按本单位 {cases} 件结案案卷和 {people} 名在岗持证人员计算；请对照信息系统核对数据条数、"
            "测试案件数和在线考试后保存。").format(cases=figures.actual, people=figures.officers))

    def save(self) -> None:
        month = month_text(self.month)
        values = {key: self._number(key) for key, _empty in FIGURES}
        values["actual"] = values["actual"] or 0
        values["test"] = values["test"] or 0
        self.call(case_stats.save_month, month, note=self.note.text(), **values,
                  on_done=lambda _c: self.message.setText(self.tr("已保存。")))

    def delete(self) -> None:
        month = month_text(self.month)
        answer = QMessageBox.question(self, self.tr("删除此月"), self.tr(
            "删除 {month} 的案件统计？").format(month=label(month)))
        if answer == QMessageBox.StandardButton.Yes:
            self.call(case_stats.delete_month, month)

    def export(self) -> None:
        from .export_dialog import form_name, open_export
        year = self.year.currentData()
        first, last = (None, None) if year in (None, ALL_YEARS) else (f"{year:04d}-01",
                                                                      f"{year:04d}-12")

        def build(session: Session, _code: str, options: FormOptions) -> Form:
            return form_reports.case_stats_form(session, first, last, options)

        scope = self.tr("导出{what}的按月案件统计（{n} 个月）。").format(
            what=self.year.currentText(), n=len(self.rows))
        open_export(self, forms=[("case_stats", form_name("case_stats"))], build=build,
                    scope=scope)
