"""工作台: who is logged in and, for the chosen campaign, the ledger in figures and charts, the
overdue problems and the coming deadlines; the logged-in person's open problems; the campaigns.

The campaign shown (当前专项行动) is remembered in the settings. Without a remembered choice it is
the campaign in progress today with the latest start, else the latest with problems not yet
struck off, else the latest campaign.

Start-up: this is the first area shown. Its figures and lists are plain widgets, filled when the
worker's data arrives; the charts (Qt Charts, slow to import) are built after that, once the
window has been painted (:mod:`.dashboard_charts`).
"""
from __future__ import annotations

from datetime import date
from typing import Any

from PySide6.QtCore import QDate, QLocale, QTimer
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (QComboBox, QFrame, QGroupBox, QHBoxLayout, QHeaderView, QLabel,
                               QPushButton, QScrollArea, QSizePolicy, QTreeWidget, QTreeWidgetItem,
                               QVBoxLayout, QWidget)

from models import audit_ops, campaigns, directory
from models.permissions import ROLE_LABELS, Role
from models.problems import STATUSES
from models.session import Session

from ..i18n import translate
from ..style import heading
from .base import Page
from .dashboard_notes import OVERDUE, SOON, DashboardNotes

# Qt.ItemDataRole.ForegroundRole / UserRole by value: building a QBrush, or naming the role,
# loads PySide's whole Qt namespace (about 25 ms), which start-up leaves until after the
# dashboard shows.
FOREGROUND_ROLE = 9
USER_ROLE = 256
DONE = QColor("#777777")
MY_ITEMS = 8
OVERDUE_ITEMS = 8
#: The settings key of the campaign shown: a campaign id, or :data:`ALL`.
SETTING = "dashboard/campaign"
ALL = "all"
OPEN_STATUSES = ("open", "in_progress", "rectified", "rebound")
LIST_HEIGHT = 140
CHART_HEIGHT = 200


def default_campaign(items: list[dict[str, Any]], today: date,
                     open_counts: dict[int, int] | None = None) -> int | None:
    """The campaign in progress on ``today`` (start <= today <= end; a missing date does not
    bound) with the latest start; else the latest campaign that still has problems not struck
    off (``open_counts``: campaign id -> how many; rectification goes on after a campaign's end
    date); else the latest campaign; None when there is none.

    ``items`` are newest first, as :func:`models.campaigns.all_campaigns` gives them.
    """
    iso = today.isoformat()
    for c in items:
        if (c["start_date"] or "") <= iso and (not c["end_date"] or iso <= c["end_date"]):
            return int(c["id"])
    for c in items:
        if (open_counts or {}).get(int(c["id"]), 0):
            return int(c["id"])
    return int(items[0]["id"]) if items else None


def chosen_campaign(items: list[dict[str, Any]], choice: Any, today: date,
                    open_counts: dict[int, int] | None = None) -> int | None:
    """The campaign to show for the remembered ``choice`` (an id, :data:`ALL`, or nothing):
    that campaign if it still exists, None (the whole ledger) for ALL, else the default."""
    if choice == ALL:
        return None
    try:
        wanted = int(choice)
    except (TypeError, ValueError):
        wanted = None
    if wanted is not None and any(c["id"] == wanted for c in items):
        return wanted
    return default_campaign(items, today, open_counts)


def open_problem_counts(session: Session) -> dict[int, int]:
    """Campaign id -> number of its problems not struck off (one GROUP BY)."""
    return {int(cid): n for cid, n in session.store.conn.execute(
        "SELECT campaign_id, count(*) FROM problems WHERE status != 'closed'"
        " AND campaign_id IS NOT NULL GROUP BY campaign_id")}


def load(session: Session, today: date, choice: Any = None) -> dict[str, Any]:
    """Everything the dashboard shows, read in one worker job; ``choice`` is the remembered
    campaign (see :func:`chosen_campaign`), and the result's ``campaign_id`` the one shown."""
    items = campaigns.all_campaigns(session)
    cid = chosen_campaign(items, choice, today, open_problem_counts(session))
    # The campaign's deadlines from a month ago on; for all campaigns, those about now.
    deadlines = campaigns.upcoming_deadlines(session, today=today,
                                             days=60 if cid is None else 366)
    if cid is not None:
        deadlines = [r for r in deadlines if r["campaign_id"] == cid]
    data: dict[str, Any] = {
        "unit": directory.get_own_unit(session),
        "campaigns": items,
        "campaign_id": cid,
        "deadlines": deadlines,
        "head": None,
    }
    if session.roles & audit_ops.head.permission.roles:  # type: ignore[attr-defined]
        data["head"] = audit_ops.head(session)
    data.update(ledger_summary(session, today, cid))
    from models import training     # on the worker
    data["training"] = training.reminders(session, today)
    from models import reminders     # on the worker
    data["reminders"] = reminders.due_items(session, today)
    data["late"] = reminders.late_work(session, today)
    return data


def ledger_summary(session: Session, today: date, campaign_id: int | None = None
                   ) -> dict[str, Any]:
    """The ledger of one campaign (None: all of it), counted in SQL: ``ledger`` (counts by
    status, overdue, due soon), ``categories`` (closed / total by category), ``overdue`` (the
    first :data:`OVERDUE_ITEMS` overdue problems, earliest deadline first) and ``n_overdue``;
    and ``mine``: the logged-in person's open problems of every campaign, by deadline."""
    from models import ledger_query  # on the worker, after the window is up
    from models.ledger_query import LedgerFilter
    scope = LedgerFilter(campaign_id=campaign_id, today=today)
    out: dict[str, Any] = {
        "ledger": ledger_query.counts(session, scope),
        "categories": ledger_query.category_counts(session, scope),
    }
    late = ledger_query.first_ids(session, scope._replace(overdue=True), OVERDUE_ITEMS,
                                  sort="deadline")
    values = ledger_query.rows(session, late, today=today)
    out["overdue"] = [values[i] for i in late if i in values]
    out["n_overdue"] = out["ledger"]["overdue"]
    mine: list[dict[str, Any]] = []
    if session.person_id is not None:
        ids = ledger_query.first_ids(session, LedgerFilter(
            responsible_person_id=session.person_id, today=today, status=OPEN_STATUSES),
            MY_ITEMS, sort="deadline")
        values = ledger_query.rows(session, ids, today=today)
        mine = [values[i] for i in ids if i in values]
    out["mine"] = mine
    return out


def _tree(name: str, headers: list[str], stretch: int) -> QTreeWidget:
    """A flat list with ``headers``; column ``stretch`` takes the free width."""
    tree = QTreeWidget()
    tree.setObjectName(name)
    tree.setRootIsDecorated(False)
    tree.setHeaderLabels(headers)
    tree.setMaximumHeight(LIST_HEIGHT)
    header = tree.header()
    header.setStretchLastSection(False)
    for col in range(len(headers)):
        header.setSectionResizeMode(col, QHeaderView.ResizeMode.Stretch if col == stretch
                                    else QHeaderView.ResizeMode.ResizeToContents)
    return tree


def _fit_rows(tree: QTreeWidget) -> None:
    """Make a flat list no taller than its rows (at most :data:`LIST_HEIGHT`)."""
    count = tree.topLevelItemCount()
    if not count:
        return
    rows = tree.sizeHintForRow(0) * count
    height = tree.header().sizeHint().height() + rows + 2 * tree.frameWidth() + 2
    tree.setMaximumHeight(min(LIST_HEIGHT, height))


def _hint(text: str) -> QLabel:
    label = QLabel(text)
    label.setWordWrap(True)
    label.setStyleSheet("color: #555;")
    return label


class DashboardPage(Page):
    tables = frozenset({"campaigns", "campaign_categories", "campaign_phases",
                        "campaign_materials", "units", "people", "problems", "trainings",
                        "person_certificates", "campaign_material_rules", "briefs",
                        "schedule_items", "case_stats", "package_outbox"})

    def __init__(self, controller: Any, parent: QWidget | None = None) -> None:
        super().__init__(controller, parent)
        self.status_chart: Any = None     # dashboard_charts.StatusChart, once built
        self.category_chart: Any = None   # dashboard_charts.CategoryChart, once built
        self._data: dict[str, Any] | None = None
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        outer.addWidget(scroll)
        content = QWidget()
        scroll.setWidget(content)
        layout = QVBoxLayout(content)
        layout.setContentsMargins(24, 12, 24, 12)

        top = QHBoxLayout()
        self.title = heading(QLabel(self.tr("工作台")), 1.6)
        top.addWidget(self.title)
        top.addStretch(1)
        top.addWidget(QLabel(self.tr("当前专项行动：")))
        self.campaign = QComboBox()
        self.campaign.setObjectName("dashboard_campaign")
        self.campaign.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        # About 24 Chinese characters wide, measured in "x" (a Chinese measure here would load
        # the Chinese font before the first paint needs it).
        self.campaign.setMinimumContentsLength(44)
        self.campaign.currentIndexChanged.connect(self._campaign_chosen)
        top.addWidget(self.campaign)
        layout.addLayout(top)
        self.greeting = QLabel()
        self.greeting.setObjectName("greeting")
        self.greeting.setWordWrap(True)
        layout.addWidget(self.greeting)
        # 报送提醒, late letters and leads, training (models.reminders, models.training)
        self.notes = DashboardNotes()
        self.notes.open_requested.connect(self.open_place)
        self.reminders = self.notes.reminders
        self.training_note = self.notes.training
        layout.addWidget(self.notes)

        strip = QWidget()
        # One style sheet for the five tiles: parsed once.
        strip.setStyleSheet("QFrame#tile { background: #ffffff; border: 1px solid #d9d9d9;"
                            " border-radius: 6px; } QLabel#tile_caption { color: #666; }")
        tiles = QHBoxLayout(strip)
        tiles.setContentsMargins(0, 0, 0, 0)
        self.kpi: dict[str, QLabel] = {}
        for key, caption in (("total", self.tr("问题总数")), ("closed", self.tr("已销号")),
                             ("rate", self.tr("销号率")), ("overdue", self.tr("已逾期")),
                             ("due_soon", self.tr("7 天内到期"))):
            tiles.addWidget(self._tile(key, caption))
        layout.addWidget(strip)

        charts = QHBoxLayout()
        self.status_box = QGroupBox(self.tr("按状态"))
        QVBoxLayout(self.status_box).addWidget(self._chart_placeholder())
        charts.addWidget(self.status_box, 1)
        self.category_box = QGroupBox(self.tr("按问题类别"))
        category_layout = QVBoxLayout(self.category_box)
        category_layout.addWidget(self._chart_placeholder())
        self.no_categories = _hint(self.tr("还没有登记问题。"))
        self.no_categories.setVisible(False)
        category_layout.addWidget(self.no_categories)
        charts.addWidget(self.category_box, 1)
        layout.addLayout(charts)

        lists = QHBoxLayout()
        late_box = QGroupBox(self.tr("已逾期问题"))
        late_layout = QVBoxLayout(late_box)
        self.overdue = _tree("overdue", [self.tr("整改时限"), self.tr("存在问题"),
                                         self.tr("责任人"), self.tr("逾期")], 1)
        self.overdue.setToolTip(self.tr("双击在问题台账中打开"))
        self.overdue.itemActivated.connect(self._open_item)
        self.no_overdue = _hint(self.tr("没有逾期未销号的问题。"))
        self.more_overdue = _hint("")
        self.more_overdue.setObjectName("more_overdue")
        late_layout.addWidget(self.overdue)
        late_layout.addWidget(self.no_overdue)
        late_layout.addWidget(self.more_overdue)
        late_layout.addStretch(1)
        lists.addWidget(late_box, 1)

        self.due_box = QGroupBox()
        due_layout = QVBoxLayout(self.due_box)
        self.deadlines = _tree("deadlines", [self.tr("截止日期"), self.tr("事项"),
                                             self.tr("专项行动"), self.tr("剩余")], 1)
        self.no_deadlines = _hint("")
        due_layout.addWidget(self.deadlines)
        due_layout.addWidget(self.no_deadlines)
        due_layout.addStretch(1)
        lists.addWidget(self.due_box, 1)

        mine_box = QGroupBox(self.tr("我负责的问题（未销号）"))
        mine_layout = QVBoxLayout(mine_box)
        self.mine = _tree("my_items", [self.tr("整改时限"), self.tr("存在问题"), self.tr("状态")], 1)
        self.mine.setToolTip(self.tr("双击在问题台账中打开"))
        self.mine.itemActivated.connect(self._open_item)
        self.no_mine = _hint(self.tr("没有由您负责、尚未销号的问题。"))
        mine_layout.addWidget(self.mine)
        mine_layout.addWidget(self.no_mine)
        mine_layout.addStretch(1)
        lists.addWidget(mine_box, 1)
        layout.addLayout(lists)

        bottom = QHBoxLayout()
        camp_box = QGroupBox(self.tr("专项行动"))
        camp_layout = QVBoxLayout(camp_box)
        self.campaigns = QTreeWidget()
        self.campaigns.setObjectName("campaigns")
        self.campaigns.setHeaderLabels([self.tr("行动 / 阶段 / 报送材料"), self.tr("文号"),
                                        self.tr("日期"), self.tr("状态")])
        self.campaigns.header().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.campaigns.header().setStretchLastSection(False)
        # Takes what height is left (at least 100 px) instead of asking for its own: the page
        # then fits a 1200 x 780 window without scrolling.
        self.campaigns.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Ignored)
        self.campaigns.setMinimumHeight(100)
        camp_layout.addWidget(self.campaigns)
        bottom.addWidget(camp_box, 3)

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
        bottom.addWidget(audit_box, 1)
        layout.addLayout(bottom, 1)
        self.refresh()

    def _tile(self, key: str, caption: str) -> QFrame:
        """A figure with its caption above it; the figure's label is ``self.kpi[key]``."""
        frame = QFrame()
        frame.setObjectName("tile")
        box = QVBoxLayout(frame)
        box.setContentsMargins(14, 6, 14, 8)
        box.setSpacing(0)
        label = QLabel(caption)
        label.setObjectName("tile_caption")
        box.addWidget(label)
        value = heading(QLabel("—"), 1.8)
        value.setObjectName(f"kpi_{key}")
        box.addWidget(value)
        self.kpi[key] = value
        return frame

    def _chart_placeholder(self) -> QWidget:
        """Holds a chart's place (and height) until the chart is built."""
        placeholder = QWidget()
        placeholder.setMinimumHeight(CHART_HEIGHT)
        return placeholder

    # --- data ----------------------------------------------------------------------------------

    def choice(self) -> Any:
        """The remembered campaign choice (an id, :data:`ALL`, or None)."""
        return self.controller.settings.value(SETTING)

    def refresh(self) -> None:
        self.worker.call(load, self.session, date.today(), self.choice(), on_done=self._show)

    def _campaign_chosen(self, _index: int) -> None:
        cid = self.campaign.currentData()
        self.controller.settings.setValue(SETTING, ALL if cid is None else int(cid))
        self.refresh()

    def _show(self, data: dict[str, Any]) -> None:
        today = date.today()
        self._data = data
        roles = "、".join(translate("roles", ROLE_LABELS[r]) for r in Role if r in self.session.roles)
        unit = data["unit"]["name"] if data["unit"] else ""
        self.greeting.setText(self.tr("{name}（{roles}），{unit}。今天是 {today}。").format(
            name=self.session.person_name, roles=roles, unit=unit,
            today=self.locale().toString(QDate(today.year, today.month, today.day),
                                        QLocale.FormatType.LongFormat)))
        self._show_choices(data["campaigns"], data["campaign_id"])
        self._show_figures(data["ledger"])
        self._show_overdue(data["overdue"], data["n_overdue"], today)
        self._show_deadlines(data["deadlines"], data["campaign_id"] is not None)
        self._show_mine(data["mine"])
        self._show_campaigns(data["campaigns"], today, data["campaign_id"])
        self.notes.show_data(data)
        head = data["head"]
        self.verify_button.setVisible(head is not None)
        if head is None:
            self.audit_label.setText(self.tr("每一次新增、修改和删除都记入防篡改的审计链。"))
        else:
            self.audit_label.setText(self.tr(
                "每一次新增、修改和删除都记入防篡改的审计链。\n当前共 {seq} 条记录，末条哈希 {hash}…").format(
                seq=head["seq"], hash=head["hash"][:16]))
        # After this paint: building the charts loads Qt Charts.
        QTimer.singleShot(0, self, self._show_charts)

    def _show_choices(self, items: list[dict[str, Any]], cid: int | None) -> None:
        self.campaign.blockSignals(True)
        self.campaign.clear()
        self.campaign.addItem(self.tr("全部专项行动"), None)
        for c in items:
            self.campaign.addItem(c["title"], c["id"])
            self.campaign.setItemData(self.campaign.count() - 1,
                                      "\n".join(x for x in (c["title"], c["doc_no"]) if x),
                                      3)  # Qt.ItemDataRole.ToolTipRole
        self.campaign.setCurrentIndex(max(0, self.campaign.findData(cid)) if cid else 0)
        self.campaign.setToolTip(self.campaign.currentText())
        self.campaign.blockSignals(False)

    def _show_figures(self, counts: dict[str, Any]) -> None:
        total = counts["total"]
        closed = counts["by_status"].get("closed", 0)
        self.kpi["total"].setText(str(total))
        self.kpi["closed"].setText(str(closed))
        self.kpi["rate"].setText(f"{closed / total:.0%}" if total else "—")
        for key, colour in (("overdue", OVERDUE), ("due_soon", SOON)):
            n = counts[key]
            self.kpi[key].setText(str(n))
            self.kpi[key].setStyleSheet(f"color: {colour.name()};" if n else "")
        parts = [f"{translate('problems', STATUSES[k])} {n}"
                 for k, n in counts["by_status"].items() if n]
        self.kpi["total"].setToolTip("，".join(parts))

    def _show_charts(self) -> None:
        """Build the charts on first use (importing Qt Charts), then show the current data."""
        data = self._data
        if data is None:
            return
        if self.status_chart is None:
            from . import dashboard_charts
            self.status_chart = dashboard_charts.StatusChart()
            self.category_chart = dashboard_charts.CategoryChart()
            for box, chart in ((self.status_box, self.status_chart),
                               (self.category_box, self.category_chart)):
                layout = box.layout()
                placeholder = layout.itemAt(0).widget()
                chart.view.setMinimumHeight(CHART_HEIGHT)
                layout.replaceWidget(placeholder, chart.view)
                placeholder.deleteLater()
            self.controller.large_text_changed.connect(self._follow_font)
        self.status_chart.set_counts(data["ledger"]["by_status"])
        self.category_chart.set_counts(data["categories"])
        self._fit_categories()
        empty = not data["categories"]
        self.category_chart.view.setVisible(not empty)
        self.no_categories.setVisible(empty)

    def _follow_font(self, _enabled: bool) -> None:
        from PySide6.QtWidgets import QApplication
        for chart in (self.status_chart, self.category_chart):
            chart.set_font(QApplication.font())
        self._fit_categories()

    def _fit_categories(self) -> None:
        """Make the category chart tall enough for one line per category."""
        self.category_chart.view.setMinimumHeight(
            max(CHART_HEIGHT, self.category_chart.needed_height()))

    def _show_overdue(self, rows: list[dict[str, Any]], count: int, today: date) -> None:
        self.overdue.clear()
        for r in rows:
            days = (today - date.fromisoformat(r["deadline"])).days
            item = QTreeWidgetItem([r["deadline"], r["issue"], r["responsible_person"] or "",
                                    self.tr("{n} 天").format(n=days)])
            item.setData(0, USER_ROLE, r["id"])
            item.setToolTip(1, f"{r['category']}：{r['issue']}")
            item.setData(3, FOREGROUND_ROLE, OVERDUE)
            self.overdue.addTopLevelItem(item)
        _fit_rows(self.overdue)
        self.overdue.setVisible(bool(rows))
        self.no_overdue.setVisible(not rows)
        rest = count - len(rows)
        self.more_overdue.setText(self.tr("另有 {n} 个已逾期问题，请在问题台账中查看。").format(n=rest))
        self.more_overdue.setVisible(rest > 0)

    def _show_mine(self, mine: list[dict[str, Any]]) -> None:
        self.mine.clear()
        for r in mine:
            item = QTreeWidgetItem([r["deadline"] or "", r["issue"],
                                    translate("problems", STATUSES[r["status"]])])
            item.setData(0, USER_ROLE, r["id"])
            color = OVERDUE if r["deadline_state"] == "overdue" else \
                SOON if r["deadline_state"] == "due_soon" else None
            if color is not None:
                for col in range(3):
                    item.setData(col, FOREGROUND_ROLE, color)
            self.mine.addTopLevelItem(item)
        _fit_rows(self.mine)
        self.mine.setVisible(bool(mine))
        self.no_mine.setVisible(not mine)

    def _show_deadlines(self, rows: list[dict[str, Any]], one_campaign: bool) -> None:
        if one_campaign:
            self.due_box.setTitle(self.tr("本行动的截止日期"))
            self.no_deadlines.setText(self.tr("本行动没有未到或近 30 天内的阶段截止和材料报送期限。"))
        else:
            self.due_box.setTitle(self.tr("近期截止（前后 30 / 60 天）"))
            self.no_deadlines.setText(self.tr("近期没有阶段截止或材料报送期限。"))
        self.deadlines.setColumnHidden(2, one_campaign)
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
            item.setToolTip(1, r["name"])
            if color is not None:
                for col in range(4):
                    item.setData(col, FOREGROUND_ROLE, color)
            self.deadlines.addTopLevelItem(item)
        _fit_rows(self.deadlines)
        self.deadlines.setVisible(bool(rows))
        self.no_deadlines.setVisible(not rows)

    def _show_campaigns(self, items: list[dict[str, Any]], today: date,
                        chosen: int | None) -> None:
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
                due = m["due_date"] or ""
                if m.get("monthly_day"):       # a monthly rule (models.campaigns.rule_values)
                    due = (self.tr("次月 {day} 日前") if m.get("month_offset") else
                           self.tr("每月 {day} 日前")).format(day=m["monthly_day"])
                top.addChild(QTreeWidgetItem([self.tr("报送：") + m["name"], "", due, ""]))
            self.campaigns.addTopLevelItem(top)
            top.setExpanded(c["id"] == chosen or state == self.tr("进行中") or len(items) <= 2)
        for col in (1, 2, 3):
            self.campaigns.resizeColumnToContents(col)

    # --- actions -------------------------------------------------------------------------------

    def open_training(self) -> None:
        """Show 其他台账 → 培训台账."""
        self.open_place("training")

    def open_place(self, key: str) -> None:
        """Show where a dashboard note points: ``training`` or ``leads`` (其他台账),
        ``letters`` (报送 → 上级来文) or ``office_letters`` (接收下级报送 → 执法监督意见书)."""
        window = self.window()
        if not hasattr(window, "show_area"):
            return
        if key in ("training", "leads"):
            window.show_area("ledgers")
            window.area("ledgers").tab(key)
        elif key in ("letters", "office_letters"):
            window.show_area("submission")
            page = window.area("submission")
            if key == "letters":
                page.tabs.setCurrentWidget(page.instructions)
            else:
                page.tabs.setCurrentWidget(page.office)
                page.office.tabs.setCurrentWidget(page.office.letters)

    def _open_item(self, item: QTreeWidgetItem, _column: int = 0) -> None:
        pid = item.data(0, USER_ROLE)
        if pid is not None:
            self.open_in_ledger(int(pid))

    def open_in_ledger(self, problem_id: int) -> None:
        """Show the 问题台账 area with ``problem_id`` selected and its form open."""
        from .ledger_link import open_in_ledger
        open_in_ledger(self, problem_id)

    def _verify(self) -> None:
        from .audit_panel import verify_with_progress
        verify_with_progress(self, self.worker, self.session)
