"""下级台账 → 投诉举报线索: the office reads a unit's complaints and reports from its imported
records, read-only (``leads.unit_leads``, read on the worker when the browser loads a unit):
受理日期, channel, 反映内容, 被反映单位/人, 办理情况, 办理结果, the 序号 of the ledger problem
each produced, the status, and the due date; a lead not closed within ``leads.OVERDUE_DAYS`` days
(judged here on today's date) is red."""
from __future__ import annotations

from typing import Any

from PySide6.QtGui import QColor
from PySide6.QtWidgets import QHeaderView, QLabel, QVBoxLayout

from models import leads
from models.leads import OVERDUE_DAYS, STATUSES

from .lead_dialog import channel_text, status_text
from .leads_page import CLOSED_COLOUR, OVERDUE_COLOUR, first_line
from .rows_model import Row, RowsModel, rows_view
from .unit_tab import UnitRecordsTab


class OfficeLeadsTab(UnitRecordsTab):
    """The sub-tab; ``browser`` is the :class:`ui.pages.office_browse.OfficeBrowse` page (its
    worker, session and error display). :attr:`model` joins the browser's text filter."""

    FETCH = staticmethod(leads.unit_leads)

    def __init__(self, browser: Any) -> None:
        super().__init__(browser)
        self.rows: list[dict[str, Any]] = []
        box = QVBoxLayout(self)
        note = QLabel(self.tr("该单位报送的投诉举报线索，只读。受理后 {n} 日未办结即为超期（按本机今天的日期判断），"
                              "以红色显示；反映人的联系方式见提示。").format(n=OVERDUE_DAYS))
        note.setWordWrap(True)
        note.setStyleSheet("color: #444444;")
        box.addWidget(note)
        self.model = RowsModel([
            self.tr("受理日期"), self.tr("来源渠道"), self.tr("反映内容"), self.tr("被反映单位/人"),
            self.tr("办理情况"), self.tr("办理结果"), self.tr("问题序号"), self.tr("状态"),
            self.tr("办理期限")], self)
        self.view = rows_view(self.model, "browse_leads")
        header = self.view.horizontalHeader()
        header.setStretchLastSection(False)
        for col, width in enumerate((84, 60, 0, 120, 130, 120, 64, 130, 84)):
            if width:
                self.view.setColumnWidth(col, width)
            else:
                header.setSectionResizeMode(col, QHeaderView.ResizeMode.Stretch)
        box.addWidget(self.view, 1)
        self.counts = QLabel()
        self.counts.setObjectName("browse_leads_counts")
        box.addWidget(self.counts)

    def show_data(self, rows: list[dict[str, Any]]) -> None:
        self.rows = rows
        self.model.set_rows([self._row(r) for r in rows])
        if not rows:
            self.counts.setText(self.tr("该单位尚未报送投诉举报线索。"))
            return
        by = {key: sum(1 for r in rows if r.get("status") == key) for key in STATUSES}
        self.counts.setText(self.tr(
            "共 {n} 条：待办理 {open}，办理中 {handling}，已办结 {closed}；超期未办结 {overdue} 条。"
        ).format(n=len(rows), open=by["open"], handling=by["handling"], closed=by["closed"],
                 overdue=sum(1 for r in rows if r["overdue"])))

    def _row(self, r: dict[str, Any]) -> Row:
        status = str(r.get("status") or "")
        text = status_text(status)
        if status == "closed" and r.get("closed_date"):
            text = self.tr("{status} {day}").format(status=text, day=r["closed_date"])
        elif r["overdue"]:
            text = self.tr("{status}（超期）").format(status=text)
        seq = r.get("problem_seq_no")
        due = "" if status == "closed" else r["due_date"]
        texts = (str(r.get("received_date") or ""), str(r.get("channel") or ""),
                 first_line(str(r.get("content") or "")), str(r.get("party") or ""),
                 first_line(str(r.get("handling") or "")), first_line(str(r.get("result") or "")),
                 "" if seq is None else str(seq), text, due)
        if r["overdue"]:
            colours: tuple[QColor | None, ...] | None = (OVERDUE_COLOUR,) * len(texts)
        elif status == "closed":
            colours = (None,) * 7 + (CLOSED_COLOUR, None)
        else:
            colours = None
        contact = str(r.get("contact") or "")
        tips = (r.get("campaign_title") or None, channel_text(str(r.get("channel") or "")),
                str(r.get("content") or "") or None,
                self.tr("反映人：{who}").format(who=contact) if contact else None,
                str(r.get("handling") or "") or None, str(r.get("result") or "") or None,
                None, None, None)
        return Row(texts=texts, key=r.get("id"), tips=tips, colours=colours,
                   sort=(texts[0], texts[1], texts[2], texts[3], texts[4], texts[5],
                         -1 if seq is None else seq, status, due), search=contact)

    def clear(self) -> None:
        self.loading = None
        self.rows = []
        self.model.set_rows([])
        self.counts.clear()
