"""下级台账 → 简报和统计: the office reads a unit's 工作简报, 工作调度表 and monthly 案件统计 as
the unit sent them, read-only (``office_reports.unit_reports``, read on the worker when the
browser loads a unit): three tables one above the other; a brief's text is in its tooltip."""
from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QLabel, QSplitter, QVBoxLayout, QWidget

from models import briefs, office_reports, schedule

from ..i18n import translate
from .rows_model import Row, RowsModel, rows_view
from .unit_tab import UnitRecordsTab

LATE_COLOUR = QColor("#b00020")
DONE_COLOUR = QColor("#1b6b34")


def _text(value: Any) -> str:
    return "" if value is None else str(value)


class OfficeReportsTab(UnitRecordsTab):
    """The sub-tab; ``browser`` is the :class:`ui.pages.office_browse.OfficeBrowse` page (its
    worker, session and error display). :attr:`models` join the browser's text filter."""

    FETCH = staticmethod(office_reports.unit_reports)

    def __init__(self, browser: Any) -> None:
        super().__init__(browser)
        box = QVBoxLayout(self)
        note = QLabel(self.tr("该单位报送的工作简报、工作调度表和按月案件统计，只读；简报正文见提示。"))
        note.setWordWrap(True)
        note.setStyleSheet("color: #444444;")
        box.addWidget(note)
        split = QSplitter(Qt.Orientation.Vertical)
        self.brief_model = RowsModel([self.tr("月份"), self.tr("期数"), self.tr("标题"),
                                      self.tr("专项行动"), self.tr("状态"), self.tr("照片")], self)
        self.schedule_model = RowsModel([self.tr("月份"), self.tr("序号"), self.tr("工作任务"),
                                         self.tr("责任人/部门"), self.tr("完成状态"),
                                         self.tr("进展情况"), self.tr("备注")], self)
        self.stats_model = RowsModel([self.tr("月份"), self.tr("数据条数"), self.tr("实际案件数"),
                                      self.tr("测试案件数"), self.tr("执法人员"),
                                      self.tr("人均办案率"), self.tr("在线考试")], self)
        self.models = [self.brief_model, self.schedule_model, self.stats_model]
        for model, name, caption in ((self.brief_model, "browse_briefs", self.tr("工作简报")),
                                     (self.schedule_model, "browse_schedule",
                                      self.tr("工作调度表")),
                                     (self.stats_model, "browse_case_stats",
                                      self.tr("案件统计"))):
            part = QWidget()
            layout = QVBoxLayout(part)
            layout.setContentsMargins(0, 0, 0, 0)
            layout.addWidget(QLabel(caption))
            layout.addWidget(rows_view(model, name), 1)
            split.addWidget(part)
        box.addWidget(split, 1)
        self.counts = QLabel()
        self.counts.setObjectName("browse_reports_counts")
        box.addWidget(self.counts)

    def show_data(self, data: dict[str, list[dict[str, Any]]]) -> None:
        self.brief_model.set_rows([self._brief(r) for r in data["briefs"]])
        self.schedule_model.set_rows([self._item(r) for r in data["schedule"]])
        self.stats_model.set_rows([self._month(r) for r in data["case_stats"]])
        final = sum(1 for r in data["briefs"] if r.get("status") == "final")
        months = len({r.get("period") for r in data["schedule"]})
        self.counts.setText(self.tr(
            "工作简报 {n} 期（定稿 {final} 期），调度表 {months} 个月，案件统计 {stats} 个月。").format(
            n=len(data["briefs"]), final=final, months=months, stats=len(data["case_stats"])))

    def _brief(self, r: dict[str, Any]) -> Row:
        status = str(r.get("status") or "")
        texts = (_text(r.get("period")), self.tr("第 {n} 期").format(n=_text(r.get("issue_no"))),
                 _text(r.get("title")), _text(r.get("campaign_title")),
                 translate("briefs", briefs.STATUSES.get(status, status)), _text(r.get("photos")))
        body = _text(r.get("body"))
        return Row(texts=texts, key=r.get("id"), tips=(None, None, body or None, None, None, None),
                   colours=(None,) * 4 + ((DONE_COLOUR if status == "final" else None), None),
                   search=body)

    def _item(self, r: dict[str, Any]) -> Row:
        status = str(r.get("status") or "")
        texts = (_text(r.get("period")), _text(r.get("position")), _text(r.get("task")),
                 _text(r.get("owner")),
                 translate("schedule", schedule.STATUSES.get(status, status)),
                 _text(r.get("progress")), _text(r.get("note")))
        colour = LATE_COLOUR if status == "delayed" else DONE_COLOUR if status == "done" else None
        return Row(texts=texts, key=r.get("id"), colours=(None,) * 4 + (colour, None, None),
                   tips=(_text(r.get("campaign_title")) or None, None, texts[2], None, None,
                         texts[5] or None, None))

    def _month(self, r: dict[str, Any]) -> Row:
        texts = (_text(r.get("month")), _text(r.get("records")), _text(r.get("actual")),
                 _text(r.get("test")), "/" if r.get("officers") is None else _text(r["officers"]),
                 _text(r.get("rate")), "/" if r.get("exams") is None else _text(r["exams"]))
        return Row(texts=texts, key=r.get("id"), tips=(_text(r.get("note")) or None,) + (None,) * 6)

    def clear(self) -> None:
        self.loading = None
        for model in self.models:
            model.set_rows([])
        self.counts.clear()
