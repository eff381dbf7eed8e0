"""工作台: who is logged in, the campaigns with their phases and deadlines, what is due soon."""
from __future__ import annotations

from datetime import date
from typing import Any

from PySide6.QtCore import QDate, QLocale
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (QGroupBox, QHBoxLayout, QHeaderView, QLabel, QPushButton,
                               QTreeWidget, QTreeWidgetItem, QVBoxLayout, QWidget)

from models import audit_ops, campaigns, directory
from models.permissions import ROLE_LABELS, Role
from models.problems import STATUSES
from models.session import Session

from ..i18n import translate
from ..style import heading
from .base import Page

# Qt.ItemDataRole.ForegroundRole by value: building a QBrush, or naming the role, loads PySide's
# whole Qt namespace (about 25 ms), which start-up leaves until after the dashboard shows.
FOREGROUND_ROLE = 9
OVERDUE = QColor("#b00020")
SOON = QColor("#b26a00")
DONE = QColor("#777777")
MY_ITEMS = 8


def load(session: Session, today: date) -> dict[str, Any]:
    """Everything the dashboard shows, read in one worker job."""
    data: dict[str, Any] = {
        "unit": directory.get_own_unit(session),
        "campaigns": campaigns.all_campaigns(session),
        "deadlines": campaigns.upcoming_deadlines(session, today=today),
        "head": None,
    }
    if session.roles & audit_ops.head.permission.roles:  # type: ignore[attr-defined]
        data["head"] = audit_ops.head(session)
    data["ledger"], data["mine"] = ledger_summary(session, today)
    return data


def ledger_summary(session: Session, today: date) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    """Counts of the whole ledger, and the logged-in person's open problems by deadline."""
    from models import ledger_query  # on the worker, after the window is up
    from models.ledger_query import LedgerFilter
    counts = ledger_query.counts(session, LedgerFilter(today=today))
    mine: list[dict[str, Any]] = []
    if session.person_id is not None:
        ids = ledger_query.problem_ids(session, LedgerFilter(
            responsible_person_id=session.person_id, today=today,
            status=("open", "in_progress", "rectified", "rebound")), sort="deadline")
        values = ledger_query.rows(session, ids[:MY_ITEMS], today=today)
        mine = [values[i] for i in ids[:MY_ITEMS] if i in values]
    return counts, mine


class DashboardPage(Page):
    tables = frozenset({"campaigns", "campaign_phases", "campaign_materials", "units", "people",
                        "problems"})

    def __init__(self, controller: Any, parent: QWidget | None = None) -> None:
        super().__init__(controller, parent)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 16, 24, 16)
        self.title = heading(QLabel(self.tr("工作台")), 1.6)
        layout.addWidget(self.title)
        self.greeting = QLabel()
        self.greeting.setObjectName("greeting")
        self.greeting.setWordWrap(True)
        layout.addWidget(self.greeting)

        row = QHBoxLayout()
        due_box = QGroupBox(self.tr("近期截止（前后 30 / 60 天）"))
        due_layout = QVBoxLayout(due_box)
        self.deadlines = QTreeWidget()
        self.deadlines.setObjectName("deadlines")
        self.deadlines.setRootIsDecorated(False)
        self.deadlines.setHeaderLabels([self.tr("截止日期"), self.tr("事项"), self.tr("专项行动"),
                                        self.tr("剩余")])
        self.no_deadlines = QLabel(self.tr("近期没有阶段截止或材料报送期限。"))
        self.no_deadlines.setStyleSheet("color: #555;")
        self.deadlines.setMaximumHeight(180)
        due_layout.addWidget(self.deadlines)
        due_layout.addWidget(self.no_deadlines)
        row.addWidget(due_box, 3)

        audit_box = QGroupBox(self.tr("全过程留痕"))
        audit_layout = QVBoxLayout(audit_box)
        self.audit_label = QLabel()
        self.audit_label.setObjectName("audit_label")
        self.audit_label.setWordWrap(True)
        audit_layout.addWidget(self.audit_label)
        self.verify_button = QPushButton(self.tr("校验审计链…"))
        self.verify_button.clicked.connect(self._verify)
        audit_layout.addWidget(self.verify_button)
        audit_layout.addStretch(1)
        row.addWidget(audit_box, 2)
        layout.addLayout(row)

        ledger_row = QHBoxLayout()
        ledger_box = QGroupBox(self.tr("问题台账"))
        ledger_layout = QVBoxLayout(ledger_box)
        self.ledger_label = QLabel()
        self.ledger_label.setObjectName("ledger_summary")
        self.ledger_label.setWordWrap(True)
        ledger_layout.addWidget(self.ledger_label)
        ledger_layout.addStretch(1)
        ledger_row.addWidget(ledger_box, 2)
        mine_box = QGroupBox(self.tr("我负责的问题（未销号）"))
        mine_layout = QVBoxLayout(mine_box)
        self.mine = QTreeWidget()
        self.mine.setObjectName("my_items")
        self.mine.setRootIsDecorated(False)
        self.mine.setHeaderLabels([self.tr("整改时限"), self.tr("存在问题"), self.tr("状态")])
        self.mine.setMaximumHeight(180)
        self.no_mine = QLabel(self.tr("没有由您负责、尚未销号的问题。"))
        self.no_mine.setStyleSheet("color: #555;")
        mine_layout.addWidget(self.mine)
        mine_layout.addWidget(self.no_mine)
        ledger_row.addWidget(mine_box, 3)
        layout.addLayout(ledger_row)

        camp_box = QGroupBox(self.tr("专项行动"))
        camp_layout = QVBoxLayout(camp_box)
        self.campaigns = QTreeWidget()
        self.campaigns.setObjectName("campaigns")
        self.campaigns.setHeaderLabels([self.tr("行动 / 阶段 / 报送材料"), self.tr("文号"),
                                        self.tr("日期"), self.tr("状态")])
        self.campaigns.header().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.campaigns.header().setStretchLastSection(False)
        camp_layout.addWidget(self.campaigns)
        layout.addWidget(camp_box, 1)
        self.refresh()

    def refresh(self) -> None:
        self.worker.call(load, self.session, date.today(), on_done=self._show)

    def _show(self, data: dict[str, Any]) -> None:
        today = date.today()
        roles = "、".join(translate("roles", ROLE_LABELS[r]) for r in Role if r in self.session.roles)
        unit = data["unit"]["name"] if data["unit"] else ""
        self.greeting.setText(self.tr("{name}（{roles}），{unit}。今天是 {today}。").format(
            name=self.session.person_name, roles=roles, unit=unit,
            today=self.locale().toString(QDate(today.year, today.month, today.day),
                                        QLocale.FormatType.LongFormat)))
        self._show_deadlines(data["deadlines"])
        self._show_campaigns(data["campaigns"], today)
        self._show_ledger(data["ledger"], data["mine"])
        head = data["head"]
        self.verify_button.setVisible(head is not None)
        if head is None:
            self.audit_label.setText(self.tr("每一次新增、修改和删除都记入防篡改的审计链。"))
        else:
            self.audit_label.setText(self.tr(
                "每一次新增、修改和删除都记入防篡改的审计链。\n当前共 {seq} 条记录，末条哈希 {hash}…").format(
                seq=head["seq"], hash=head["hash"][:16]))

    def _show_ledger(self, counts: dict[str, Any], mine: list[dict[str, Any]]) -> None:
        total = counts["total"]
        closed = counts["by_status"].get("closed", 0)
        parts = [f"{translate('problems', STATUSES[k])} {n}"
                 for k, n in counts["by_status"].items() if n]
        text = self.tr("共 {total} 个问题，已销号 {closed} 个，销号率 {rate}。").format(
            total=total, closed=closed, rate=f"{closed / total:.0%}" if total else "—")
        if parts:
            text += "\n" + "，".join(parts)
        if counts["overdue"] or counts["due_soon"]:
            text += "\n" + self.tr("已逾期 {overdue} 个，7 天内到期 {soon} 个。").format(
                overdue=counts["overdue"], soon=counts["due_soon"])
        self.ledger_label.setText(text)
        self.mine.clear()
        for r in mine:
            item = QTreeWidgetItem([r["deadline"] or "", r["issue"],
                                    translate("problems", STATUSES[r["status"]])])
            color = OVERDUE if r["deadline_state"] == "overdue" else \
                SOON if r["deadline_state"] == "due_soon" else None
            if color is not None:
                for col in range(3):
                    item.setData(col, FOREGROUND_ROLE, color)
            self.mine.addTopLevelItem(item)
        self.mine.setVisible(bool(mine))
        self.no_mine.setVisible(not mine)

    def _show_deadlines(self, rows: list[dict[str, Any]]) -> None:
        self.deadlines.clear()
        for r in rows:
            left = r["days_left"]
            if left < 0:
                text, color = self.tr("已逾期 {n} 天").format(n=-left), OVERDUE
            elif left == 0:
                text, color = self.tr("今天截止"), OVERDUE
            else:
                text, color = self.tr("还有 {n} 天").format(n=left), SOON if left <= 7 else None
            kind = self.tr("阶段") if r["kind"] == "phase" else self.tr("报送")
            item = QTreeWidgetItem([r["due"], f"{kind}：{r['name']}", r["campaign"], text])
            if color is not None:
                for col in range(4):
                    item.setData(col, FOREGROUND_ROLE, color)
            self.deadlines.addTopLevelItem(item)
        self.deadlines.setVisible(bool(rows))
        self.no_deadlines.setVisible(not rows)

    def _show_campaigns(self, items: list[dict[str, Any]], today: date) -> None:
        self.campaigns.clear()
        iso = today.isoformat()
        for c in items:
            period = " ~ ".join(x for x in (c["start_date"], c["end_date"]) if x)
            if c["end_date"] and c["end_date"] < iso:
                state = self.tr("已结束")
            elif c["start_date"] and c["start_date"] > iso:
                state = self.tr("未开始")
            else:
                state = self.tr("进行中")
            top = QTreeWidgetItem([c["title"], c["doc_no"], period, state])
            top.setToolTip(0, f"{c['title']}\n{c['doc_no']}  {c['issuer']}")
            names = "、".join(x["name"] for x in c["categories"])
            cats = QTreeWidgetItem([self.tr("问题类别：") + names, "", "", ""])
            cats.setToolTip(0, names)
            top.addChild(cats)
            for ph in c["phases"]:
                span = " ~ ".join(x for x in (ph["start_date"], ph["deadline"]) if x)
                done = bool(ph["deadline"] and ph["deadline"] < iso)
                child = QTreeWidgetItem([self.tr("阶段：") + ph["name"], "", span,
                                         self.tr("已过截止日") if done else ""])
                if ph["note"]:
                    child.setToolTip(0, ph["note"])
                if done:
                    child.setData(3, FOREGROUND_ROLE, DONE)
                top.addChild(child)
            for m in c["materials"]:
                top.addChild(QTreeWidgetItem([self.tr("报送：") + m["name"], "",
                                              m["due_date"] or "", ""]))
            self.campaigns.addTopLevelItem(top)
            top.setExpanded(state == self.tr("进行中") or len(items) <= 2)
        for col in (1, 2, 3):
            self.campaigns.resizeColumnToContents(col)

    def _verify(self) -> None:
        from .audit_panel import verify_with_progress
        verify_with_progress(self, self.worker, self.session)
