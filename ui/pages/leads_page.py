"""其他台账 → 投诉举报线索: the unit's complaints and reports and what became of each.

A filter bar (text, status — with 超期未办结 —, channel, campaign, 受理日期 from / to) above the
table; every change reloads the rows on the worker through ``leads.list_leads`` with a
:class:`models.leads.LeadFilter` (the filtering is SQL), typing after a short pause. Overdue
leads (open more than ``leads.OVERDUE_DAYS`` days) are red; a line below counts what is shown.

Actions, each shown to the roles that may use it (the core checks again): 新建线索… / 修改…
(double-click or Enter: edit, or view when closed), 删除 (负责人: a lead recorded by mistake),
转为台账问题… (hangs a problem and opens it in 问题台账), 关联已有问题… (or 取消关联),
打开问题, 办结… and 重新办理… (负责人), 导出… (the 线索征询表 of what the filter shows).
"""
from __future__ import annotations

from typing import Any

from PySide6.QtCore import QTimer
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from models import campaigns, leads
from models.i18n import QT_TRANSLATE_NOOP
from models.leads import CHANNELS, OVERDUE_DAYS, STATUSES, LeadFilter
from models.problems import STATUSES as PROBLEM_STATUSES
from models.session import Session
from models.store import Changes

from ..i18n import translate
from .base import Page
from .lead_dialog import (
    CloseLeadDialog,
    LeadDialog,
    LeadProblemDialog,
    channel_text,
    status_text,
)
from .ledger_model import TOOLTIP_ROLE
from .rows_editor import DateEdit
from .rows_model import Row, RowsModel, rows_view

OVERDUE_COLOUR = QColor("#c62828")
CLOSED_COLOUR = QColor("#2e7d32")
MUTED_COLOUR = QColor("#666666")
#: Milliseconds of no typing before the search runs.
SEARCH_DELAY_MS = 250


def load(session: Session, flt: LeadFilter) -> dict[str, Any]:
    """What the page shows, read on the worker: the leads ``flt`` shows and their counts."""
    return {"leads": leads.list_leads(session, flt), "counts": leads.lead_counts(session, flt)}


def load_campaigns(session: Session) -> list[dict[str, Any]]:
    """The campaigns with their categories, newest first (for the filter and the dialogs)."""
    return campaigns.all_campaigns(session)


class LeadsPage(Page):
    """The 投诉举报线索 tab of 其他台账."""

    TITLE = QT_TRANSLATE_NOOP("ledgers", "投诉举报线索")
    tables = frozenset({"leads", "problems", "campaigns", "campaign_categories"})

    def __init__(self, controller: Any, parent: QWidget | None = None) -> None:
        super().__init__(controller, parent)
        self.rows: list[dict[str, Any]] = []
        self.campaigns: list[dict[str, Any]] = []
        self.filter_shown = LeadFilter()
        self._wanted: int | None = None
        self.dialog: Any = None
        layout = QVBoxLayout(self)
        layout.setContentsMargins(10, 8, 10, 8)
        layout.addLayout(self._build_filters())
        layout.addLayout(self._build_actions())
        self.model = RowsModel([
            self.tr("受理日期"), self.tr("来源渠道"), self.tr("反映内容"), self.tr("被反映单位/人"),
            self.tr("办理情况"), self.tr("办理结果"), self.tr("对应问题"), self.tr("状态"),
            self.tr("办理期限")], self)
        self.table = rows_view(self.model, "leads_table")
        header = self.table.horizontalHeader()
        header.setStretchLastSection(False)
        for col, width in enumerate((84, 60, 0, 120, 140, 120, 60, 100, 84)):
            if width:
                self.table.setColumnWidth(col, width)
            else:
                header.setSectionResizeMode(col, QHeaderView.ResizeMode.Stretch)
        self.table.doubleClicked.connect(lambda _index: self.open_current())
        self.table.activated.connect(lambda _index: self.open_current())
        self.table.selectionModel().selectionChanged.connect(lambda *_a: self._selection())
        self.model.modelReset.connect(self._selection)
        layout.addWidget(self.table, 1)
        line = QHBoxLayout()
        self.counts = QLabel()
        self.counts.setObjectName("leads_counts")
        self.overdue_line = QLabel()
        self.overdue_line.setObjectName("leads_overdue")
        self.overdue_line.setStyleSheet("color: #c62828;")
        line.addWidget(self.counts)
        line.addWidget(self.overdue_line)
        line.addStretch(1)
        layout.addLayout(line)
        self._search_timer = QTimer(self)
        self._search_timer.setSingleShot(True)
        self._search_timer.setInterval(SEARCH_DELAY_MS)
        self._search_timer.timeout.connect(self.reload)
        self._connect_filters()
        self._selection()
        self.worker.call(load_campaigns, self.session, on_done=self._show_campaigns,
                         on_error=lambda _exc: None)
        self.reload()

    # --- building ----------------------------------------------------------------------------

    def _build_filters(self) -> QHBoxLayout:
        top = QHBoxLayout()
        self.search = QLineEdit()
        self.search.setObjectName("leads_search")
        self.search.setClearButtonEnabled(True)
        self.search.setPlaceholderText(self.tr("搜索反映内容、被反映单位/人、办理情况…"))
        self.status = QComboBox()
        self.status.setObjectName("leads_status")
        self.status.addItem(self.tr("全部状态"), None)
        for key in STATUSES:
            self.status.addItem(status_text(key), key)
        self.status.addItem(self.tr("超期未办结"), "overdue")
        self.channel = QComboBox()
        self.channel.setObjectName("leads_channel")
        self.channel.addItem(self.tr("全部渠道"), None)
        for key in CHANNELS:
            self.channel.addItem(key, key)
            self.channel.setItemData(self.channel.count() - 1, channel_text(key),
                                     TOOLTIP_ROLE)
        self.campaign = QComboBox()
        self.campaign.setObjectName("leads_campaign")
        self.campaign.addItem(self.tr("全部专项行动"), None)
        self.campaign.setMinimumWidth(160)
        self.campaign.setMaximumWidth(260)
        self.date_from = DateEdit()
        self.date_from.setObjectName("leads_from")
        self.date_to = DateEdit()
        self.date_to.setObjectName("leads_to")
        top.addWidget(self.search, 1)
        top.addWidget(self.status)
        top.addWidget(self.channel)
        top.addWidget(self.campaign)
        top.addWidget(QLabel(self.tr("受理日期")))
        top.addWidget(self.date_from)
        top.addWidget(QLabel("–"))
        top.addWidget(self.date_to)
        return top

    def _button(self, text: str, name: str, slot: Any, tip: str = "") -> QPushButton:
        button = QPushButton(text)
        button.setObjectName(name)
        if tip:
            button.setToolTip(tip)
        button.clicked.connect(lambda _checked=False: slot())
        return button

    def _build_actions(self) -> QHBoxLayout:
        bar = QHBoxLayout()
        self.add_button = self._button(self.tr("新建线索…"), "add_lead", self.add_lead, "Ctrl+N")
        self.edit_button = self._button(self.tr("修改…"), "edit_lead", self.open_current,
                                        self.tr("修改所选线索（Enter 或双击）"))
        self.delete_button = self._button(self.tr("删除"), "delete_lead", self.delete_lead,
                                          self.tr("删除误登记的线索（负责人）"))
        self.problem_button = self._button(self.tr("转为台账问题…"), "lead_problem",
                                           self.make_problem,
                                           self.tr("在问题台账中登记问题（来源：投诉举报）"))
        self.link_button = self._button(self.tr("关联已有问题…"), "link_lead", self.choose_link,
                                        self.tr("线索反映的问题已在问题台账中：关联到该问题"))
        self.open_problem_button = self._button(self.tr("打开问题"), "open_lead_problem",
                                                self.open_problem,
                                                self.tr("在问题台账中打开对应的问题"))
        self.close_button = self._button(self.tr("办结…"), "close_lead", self.close_lead,
                                         self.tr("填写办理结果并办结（负责人）"))
        self.reopen_button = self._button(self.tr("重新办理…"), "reopen_lead", self.reopen_lead,
                                          self.tr("已办结的线索重新办理（负责人）"))
        self.export_button = self._button(self.tr("导出…"), "export_leads", self.export,
                                          self.tr("按当前筛选导出线索征询表（Excel 或 PDF）"))
        for button in (self.add_button, self.edit_button, self.delete_button):
            bar.addWidget(button)
        bar.addSpacing(12)
        for button in (self.problem_button, self.link_button, self.open_problem_button):
            bar.addWidget(button)
        bar.addSpacing(12)
        for button in (self.close_button, self.reopen_button):
            bar.addWidget(button)
        bar.addStretch(1)
        bar.addWidget(self.export_button)
        self.add_button.setEnabled(self.allowed("lead.edit"))
        from PySide6.QtGui import QKeySequence, QShortcut
        QShortcut(QKeySequence.StandardKey.New, self, self.add_lead)
        QShortcut(QKeySequence.StandardKey.Find, self, self.search.setFocus)
        return bar

    def _connect_filters(self) -> None:
        self.search.textChanged.connect(lambda _t: self._search_timer.start())
        for combo in (self.status, self.channel, self.campaign):
            combo.currentIndexChanged.connect(lambda _i: self.reload())
        for edit in (self.date_from, self.date_to):
            edit.dateChanged.connect(lambda _d: self.reload())

    # --- loading ------------------------------------------------------------------------------

    def current_filter(self) -> LeadFilter:
        """The filter the bar shows."""
        status = self.status.currentData()
        return LeadFilter(campaign_id=self.campaign.currentData(),
                          status=status if status in STATUSES else None,
                          overdue=status == "overdue", channel=self.channel.currentData(),
                          date_from=self.date_from.iso(), date_to=self.date_to.iso(),
                          text=self.search.text().strip())

    def _changed(self, changes: Changes) -> None:
        if changes.tables & {"campaigns", "campaign_categories"}:
            self.worker.call(load_campaigns, self.session, on_done=self._show_campaigns,
                             on_error=lambda _exc: None)
        super()._changed(changes)

    def refresh(self) -> None:
        self.reload()

    def reload(self) -> None:
        """Read the leads the filter shows (on the worker)."""
        flt = self.current_filter()
        self.call(load, flt, on_done=lambda data, f=flt: self._show(f, data))

    def _show_campaigns(self, items: list[dict[str, Any]]) -> None:
        self.campaigns = items
        chosen = self.campaign.currentData()
        self.campaign.blockSignals(True)
        self.campaign.clear()
        self.campaign.addItem(self.tr("全部专项行动"), None)
        for c in items:
            self.campaign.addItem(c["title"], c["id"])
            self.campaign.setItemData(self.campaign.count() - 1, c["title"], TOOLTIP_ROLE)
        index = self.campaign.findData(chosen) if chosen is not None else 0
        self.campaign.setCurrentIndex(max(index, 0))
        self.campaign.blockSignals(False)
        if chosen is not None and index < 0:
            self.reload()

    def _show(self, flt: LeadFilter, data: dict[str, Any]) -> None:
        if flt != self.current_filter():
            return          # the filter changed meanwhile: a newer load is on its way
        keep = self._wanted if self._wanted is not None else self.current_id()
        self._wanted = None
        self.filter_shown = flt
        self.rows = data["leads"]
        self.model.set_rows([self._row(r) for r in self.rows])
        self._show_counts(data["counts"])
        if keep is not None:
            self.select_id(keep)

    def _row(self, r: dict[str, Any]) -> Row:
        problem = ""
        if r["problem_seq_no"] is not None:
            problem = self.tr("序号 {seq}").format(seq=r["problem_seq_no"])
        status = status_text(r["status"])
        if r["status"] == "closed" and r["closed_date"]:
            status = self.tr("{status} {day}").format(status=status, day=r["closed_date"][5:])
        elif r["overdue"]:
            status = self.tr("{status}（超期）").format(status=status)
        due = "" if r["status"] == "closed" else r["due_date"]
        texts = (r["received_date"], r["channel"], first_line(r["content"]), r["party"],
                 first_line(r["handling"]), first_line(r["result"]), problem, status, due)
        if r["overdue"]:
            colours = (OVERDUE_COLOUR,) * len(texts)
        elif r["status"] == "closed":
            colours = (None,) * 7 + (CLOSED_COLOUR, None)
        else:
            colours = None
        problem_tip = None
        if r["problem_seq_no"] is not None:
            problem_tip = self.tr("问题台账序号 {seq}（{status}），{campaign}").format(
                seq=r["problem_seq_no"],
                status=translate("problems", PROBLEM_STATUSES.get(r["problem_status"], ""))
                if r["problem_status"] in PROBLEM_STATUSES else "",
                campaign=r["problem_campaign_title"] or self.tr("未归入专项行动"))
        tips = (r["campaign_title"] or None, channel_text(r["channel"]), r["content"],
                r["contact"] and self.tr("反映人：{who}").format(who=r["contact"]) or None,
                r["handling"] or None, r["result"] or None, problem_tip,
                self.tr("受理后 {n} 日未办结即为超期").format(n=OVERDUE_DAYS), None)
        order = list(STATUSES).index(r["status"]) if r["status"] in STATUSES else 9
        return Row(texts=texts, key=r["id"], tips=tips, colours=colours,
                   sort=(r["received_date"], r["channel"], r["content"], r["party"],
                         r["handling"], r["result"], r["problem_seq_no"], order, due),
                   search=r["contact"])

    def _show_counts(self, counts: dict[str, Any]) -> None:
        by = counts["by_status"]
        self.counts.setText(self.tr("共 {n} 条：待办理 {open}，办理中 {handling}，已办结 {closed}；"
                                    "纳入问题台账 {linked} 条。").format(
            n=counts["total"], open=by["open"], handling=by["handling"], closed=by["closed"],
            linked=counts["with_problem"]))
        self.overdue_line.setText(self.tr("超期未办结 {n} 条（受理后超过 {days} 日），以红色显示。").format(
            n=counts["overdue"], days=OVERDUE_DAYS) if counts["overdue"] else "")

    # --- selection ------------------------------------------------------------------------------

    def current_id(self) -> int | None:
        found = self.model.row_at(self.table.currentIndex().row()) \
            if self.table.selectionModel().hasSelection() else None
        return int(found.key) if found is not None else None

    def current(self) -> dict[str, Any] | None:
        lid = self.current_id()
        return next((r for r in self.rows if r["id"] == lid), None)

    def select_id(self, lead_id: int) -> bool:
        """Select the lead ``lead_id`` when the table shows it."""
        row = self.model.position_of(lead_id)
        if row < 0:
            return False
        self.table.selectRow(row)
        self.table.scrollTo(self.model.index(row, 0))
        return True

    def _selection(self) -> None:
        lead = self.current()
        edit, close = self.allowed("lead.edit"), self.allowed("lead.close")
        is_open = lead is not None and lead["status"] != "closed"
        linked = lead is not None and lead["problem_id"] is not None
        self.edit_button.setEnabled(lead is not None)
        self.edit_button.setText(self.tr("修改…") if edit and (lead is None or is_open)
                                 else self.tr("查看…"))
        self.delete_button.setEnabled(close and is_open and not linked)
        self.problem_button.setEnabled(edit and self.allowed("problem.edit") and is_open
                                       and not linked)
        self.link_button.setEnabled(edit and is_open)
        self.open_problem_button.setEnabled(linked)
        self.close_button.setEnabled(close and is_open)
        self.reopen_button.setEnabled(close and lead is not None and not is_open)
        for button in (self.delete_button, self.close_button, self.reopen_button):
            button.setVisible(close)

    # --- actions --------------------------------------------------------------------------------

    def _campaign_choices(self) -> list[tuple[int, str]]:
        return [(c["id"], c["title"]) for c in self.campaigns]

    def _open(self, dialog: Any, on_accepted: Any = None) -> Any:
        self.dialog = dialog

        def finished(result: int) -> None:
            if result and on_accepted is not None:
                on_accepted(dialog)
            dialog.deleteLater()
            if self.dialog is dialog:
                self.dialog = None

        dialog.finished.connect(finished)
        dialog.open()
        return dialog

    def _saved(self, dialog: Any) -> None:
        lid = getattr(dialog, "saved_id", None) or getattr(dialog, "lead", {}).get("id")
        if lid is not None:
            self._wanted = int(lid)
            self.select_id(int(lid))

    def add_lead(self) -> Any:
        """Open 新建线索 (the campaign the filter shows preset); return the dialog."""
        if not self.allowed("lead.edit"):
            return None
        return self._open(LeadDialog(self, self.worker, self.session, self._campaign_choices(),
                                     campaign_id=self.campaign.currentData()), self._saved)

    def open_current(self) -> Any:
        """Edit the selected lead (view it when closed or not allowed); return the dialog."""
        lead = self.current()
        if lead is None:
            return None
        read_only = lead["status"] == "closed" or not self.allowed("lead.edit")
        return self._open(LeadDialog(self, self.worker, self.session, self._campaign_choices(),
                                     lead, read_only=read_only), self._saved)

    def delete_lead(self) -> None:
        lead = self.current()
        if lead is None:
            return
        buttons = QMessageBox.StandardButton
        answer = QMessageBox.question(
            self, self.tr("删除线索"),
            self.tr("删除 {day} 受理的这条线索？只有登记错误的线索才应删除，删除记录保留在审计日志中。")
            .format(day=lead["received_date"]), buttons.Yes | buttons.No, buttons.No)
        if answer == buttons.Yes:
            self.call(leads.delete_lead, lead["id"])

    def close_lead(self) -> Any:
        lead = self.current()
        if lead is None or lead["status"] == "closed":
            return None
        return self._open(CloseLeadDialog(self, self.worker, self.session, lead), self._saved)

    def reopen_lead(self) -> None:
        lead = self.current()
        if lead is None or lead["status"] != "closed":
            return
        reason, ok = QInputDialog.getText(self, self.tr("重新办理"),
                                          self.tr("重新办理的原因（记入办理情况）："))
        if ok and reason.strip():
            self.call(leads.reopen_lead, lead["id"], reason.strip())

    def make_problem(self) -> Any:
        """Open 转为台账问题 for the selected lead; once the problem is hung, open it in 问题台账."""
        lead = self.current()
        if lead is None or lead["problem_id"] is not None:
            return None
        campaign = next((c for c in self.campaigns if c["id"] == lead["campaign_id"]), None)
        if campaign is not None:
            categories = [c["name"] for c in campaign["categories"]]
        else:       # no campaign: any category; those of the campaigns are offered
            categories = list(dict.fromkeys(k["name"] for c in self.campaigns
                                            for k in c["categories"]))
        dialog = LeadProblemDialog(self, self.worker, self.session, lead, categories,
                                   free=campaign is None or not categories)
        return self._open(dialog, lambda _d: self._problem_made(lead["id"]))

    def _problem_made(self, lead_id: int) -> None:
        self.call(leads.get_lead, lead_id,
                  on_done=lambda lead: lead["problem_id"] and self.show_problem(
                      int(lead["problem_id"])))

    def show_problem(self, problem_id: int) -> None:
        """Show problem ``problem_id`` in 问题台账."""
        from .ledger_link import open_in_ledger
        open_in_ledger(self, problem_id)

    def open_problem(self) -> None:
        lead = self.current()
        if lead is not None and lead["problem_id"] is not None:
            self.show_problem(int(lead["problem_id"]))

    def choose_link(self) -> None:
        """Pick a problem of the unit (of the lead's campaign) to link the lead to."""
        lead = self.current()
        if lead is None:
            return
        self.call(leads.link_candidates, lead["id"],
                  on_done=lambda rows, lid=lead["id"]: self._pick_link(lid, rows))

    def _pick_link(self, lead_id: int, rows: list[dict[str, Any]]) -> None:
        lead = next((r for r in self.rows if r["id"] == lead_id), None)
        if lead is None:
            return
        choices: list[tuple[str, int | None]] = []
        if lead["problem_id"] is not None:
            choices.append((self.tr("（取消关联序号 {seq}）").format(seq=lead["problem_seq_no"]),
                            None))
        for r in rows:
            if r["id"] == lead["problem_id"]:
                continue
            status = translate("problems", PROBLEM_STATUSES[r["status"]]) \
                if r["status"] in PROBLEM_STATUSES else r["status"]
            choices.append((self.tr("序号 {seq}　[{category}] {issue}（{status}）").format(
                seq=r["seq_no"], category=r["category"], issue=r["issue"], status=status),
                int(r["id"])))
        if not choices:
            QMessageBox.information(self, self.tr("关联已有问题"), self.tr(
                "问题台账中没有可以关联的未销号问题。"))
            return
        labels = [label for label, _pid in choices]
        chosen, ok = QInputDialog.getItem(self, self.tr("关联已有问题"), self.tr(
            "{day} 受理的线索关联到：").format(day=lead["received_date"]), labels, 0, False)
        if ok and chosen in labels:
            self._wanted = lead_id
            self.call(leads.link_problem, lead_id, choices[labels.index(chosen)][1])

    def export(self) -> Any:
        """The 线索征询表 of what the filter shows (the export dialog)."""
        from models import form_leads
        from models.form_data import FormOptions
        from models.forms import Form

        from .export_dialog import form_name, open_export
        flt = self.filter_shown

        def build(session: Session, _code: str, options: FormOptions) -> Form:
            return form_leads.clues_form(session, flt, options)

        scope = self.tr("导出当前筛选的 {n} 条线索（按受理日期先后排列）。").format(
            n=len(self.rows))
        return open_export(self, forms=[("clues", form_name("clues"))], build=build, scope=scope)


def first_line(text: str) -> str:
    """The first line of a text, for a table cell (the whole text is in the tooltip)."""
    first, _sep, rest = (text or "").partition("\n")
    return first + ("…" if rest.strip() else "")
