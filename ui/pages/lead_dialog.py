"""The dialogs of 投诉举报线索: record or edit a lead, close it, hang it on the ledger.

* :class:`LeadDialog` — 新建线索 / 修改线索 (or 查看线索, read-only, for a closed lead or a role
  that may not edit): every field of a lead, saved through ``leads.create_lead`` /
  ``leads.update_lead`` on the worker. The dialog closes only once the save succeeded; a
  refusal is shown inside it with everything typed kept. Enter moves to the next field,
  Ctrl+Enter saves.
* :class:`CloseLeadDialog` — 办结: the 办理结果 and the 办结日期 (``leads.close_lead``).
* :class:`LeadProblemDialog` — 转为台账问题: 问题方面 (the campaign's categories), 存在问题
  (the start of the 反映内容), 整改措施 and 责任部门 (``leads.problem_from_lead``).
"""
from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from models import leads
from models.leads import CHANNEL_LABELS, CHANNELS, OVERDUE_DAYS, STATUSES
from models.session import Session
from models.store import Changes

from ..errors import describe
from ..i18n import translate
from ..widgets import enter_moves_on, error_label
from ..worker import DbWorker


def channel_text(channel: str) -> str:
    """A channel as the GUI offers it (``12328 交通运输服务监督电话``)."""
    return translate("leads", CHANNEL_LABELS[channel]) if channel in CHANNEL_LABELS else channel


def status_text(status: str) -> str:
    return translate("leads", STATUSES[status]) if status in STATUSES else status


def _text_box(name: str, lines: int, parent: QWidget) -> QPlainTextEdit:
    box = QPlainTextEdit(parent)
    box.setObjectName(name)
    box.setTabChangesFocus(True)
    box.setFixedHeight(parent.fontMetrics().lineSpacing() * lines + 14)
    return box


def _iso(edit: QDateEdit) -> str:
    return edit.date().toString(Qt.DateFormat.ISODate)


class _SavingDialog(QDialog):
    """A dialog that saves itself on the worker: :meth:`run` calls the core, success accepts,
    a refusal is shown in :attr:`message`. Enter moves on, Ctrl+Enter saves."""

    def __init__(self, parent: QWidget | None, worker: DbWorker, session: Session) -> None:
        super().__init__(parent)
        self.worker = worker
        self.session = session
        self.changes: Changes | None = None
        self.message = error_label()
        self.message.hide()
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                        | QDialogButtonBox.StandardButton.Cancel)
        self.ok_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setToolTip(self.tr("保存（Ctrl+Enter）"))
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)

    def _finish(self, layout: QVBoxLayout) -> None:
        layout.addWidget(self.message)
        layout.addWidget(self.buttons)
        for button in self.findChildren(QPushButton):
            button.setAutoDefault(False)   # Enter on a field must not press 确定

    def save(self) -> None:
        """Overridden: check and call :meth:`run`."""

    def run(self, fn: Callable[..., Changes], *args: Any, **kwargs: Any) -> None:
        if not self.ok_button.isEnabled():
            return
        self.ok_button.setEnabled(False)
        self.message.hide()
        self.worker.call(fn, self.session, *args, on_done=self._saved, on_error=self._failed,
                         **kwargs)

    def _saved(self, changes: Changes) -> None:
        self.ok_button.setEnabled(True)
        self.changes = changes
        self.accept()

    def _failed(self, exc: BaseException) -> None:
        self.ok_button.setEnabled(True)
        self.message.setText(describe(exc))
        self.message.show()

    def keyPressEvent(self, event: Any) -> None:  # noqa: N802 - Qt override
        """Enter: the next field; Ctrl+Enter: save."""
        if not enter_moves_on(self, event, self.save):
            super().keyPressEvent(event)


class LeadDialog(_SavingDialog):
    """Record a lead (``lead`` None) or edit one (a row of ``leads.list_leads``); with
    ``read_only`` it only shows it. ``campaigns`` are (id, title) offered for 专项行动;
    ``campaign_id`` the one preset for a new lead. After acceptance :attr:`saved_id` is the
    lead's id."""

    def __init__(self, parent: QWidget | None, worker: DbWorker, session: Session,
                 campaigns: list[tuple[int, str]], lead: dict[str, Any] | None = None, *,
                 campaign_id: int | None = None, read_only: bool = False) -> None:
        super().__init__(parent, worker, session)
        self.lead = lead
        self.read_only = read_only
        self.saved_id: int | None = lead["id"] if lead else None
        self.setObjectName("lead_dialog")
        self.setWindowTitle(self.tr("查看线索") if read_only else
                            self.tr("修改线索") if lead else self.tr("新建线索"))
        layout = QVBoxLayout(self)
        hint = QLabel(self.tr("带 * 的为必填项。Enter 键转到下一项，Ctrl+Enter 保存。"
                              "登记办理情况后，线索即为“办理中”；办结由负责人确认。"))
        hint.setWordWrap(True)
        hint.setStyleSheet("color: #666;")
        hint.setVisible(not read_only)
        layout.addWidget(hint)
        if lead is not None:
            state = QLabel(self._state_line(lead))
            state.setObjectName("lead_state")
            state.setWordWrap(True)
            if lead.get("overdue"):
                state.setStyleSheet("color: #c62828;")
            layout.addWidget(state)
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.received = QDateEdit(QDate.currentDate())
        self.received.setObjectName("received_date")
        self.received.setCalendarPopup(True)
        self.received.setDisplayFormat("yyyy-MM-dd")
        self.received.setMaximumDate(QDate.currentDate())
        self.channel = QComboBox()
        self.channel.setObjectName("channel")
        for key in CHANNELS:
            self.channel.addItem(channel_text(key), key)
        self.campaign = QComboBox()
        self.campaign.setObjectName("lead_campaign")
        self.campaign.addItem(self.tr("（不归入专项行动）"), None)
        for cid, title in campaigns:
            self.campaign.addItem(title, cid)
        self.content = _text_box("content", 4, self)
        self.content.setPlaceholderText(self.tr("来电、来信或来访人反映的问题"))
        self.party = QLineEdit()
        self.party.setObjectName("party")
        self.party.setPlaceholderText(self.tr("如：大武超限检测站一班、某执法人员"))
        self.contact = QLineEdit()
        self.contact.setObjectName("contact")
        self.contact.setPlaceholderText(self.tr("如：货车司机马某 13900000000（不印在征询表上）"))
        self.handling = _text_box("handling", 3, self)
        self.handling.setPlaceholderText(self.tr("核查、转办、约谈等办理过程"))
        self.result = _text_box("result", 2, self)
        self.result.setPlaceholderText(self.tr("核查结论和答复反映人的情况（办结时必填）"))
        for label, widget in ((self.tr("受理日期 *"), self.received),
                              (self.tr("来源渠道 *"), self.channel),
                              (self.tr("专项行动"), self.campaign),
                              (self.tr("反映内容 *"), self.content),
                              (self.tr("被反映单位/人"), self.party),
                              (self.tr("反映人及联系方式"), self.contact),
                              (self.tr("办理情况"), self.handling),
                              (self.tr("办理结果"), self.result)):
            form.addRow(label, widget)
        layout.addLayout(form)
        self.ok_button.setObjectName("save_lead")
        if read_only:
            self.buttons.setStandardButtons(QDialogButtonBox.StandardButton.Close)
            for widget in (self.received, self.channel, self.campaign):
                widget.setEnabled(False)
            for widget in (self.content, self.handling, self.result):
                widget.setReadOnly(True)
            for widget in (self.party, self.contact):
                widget.setReadOnly(True)
        self._finish(layout)
        self._fill(lead, campaign_id)
        self.resize(620, self.sizeHint().height())
        self.content.setFocus()

    def _state_line(self, lead: dict[str, Any]) -> str:
        parts = [self.tr("状态：{status}").format(status=status_text(lead["status"]))]
        if lead["status"] == "closed":
            parts.append(self.tr("办结日期 {day}").format(day=lead["closed_date"] or ""))
        else:
            parts.append(self.tr("办理期限 {day}（受理后 {n} 日）").format(day=lead["due_date"],
                                                                  n=OVERDUE_DAYS))
            if lead["overdue"]:
                parts.append(self.tr("已超期"))
        if lead.get("problem_seq_no") is not None:
            parts.append(self.tr("对应问题台账序号 {seq}").format(seq=lead["problem_seq_no"]))
        if lead.get("recorded_by"):
            parts.append(self.tr("登记人 {name}").format(name=lead["recorded_by"]))
        return self.tr("，").join(parts)

    def _fill(self, lead: dict[str, Any] | None, campaign_id: int | None) -> None:
        if lead is None:
            index = self.campaign.findData(campaign_id) if campaign_id is not None else 0
            self.campaign.setCurrentIndex(max(index, 0))
            return
        self.received.setDate(QDate.fromString(lead["received_date"], Qt.DateFormat.ISODate))
        self.channel.setCurrentIndex(max(self.channel.findData(lead["channel"]), 0))
        self.campaign.setCurrentIndex(max(self.campaign.findData(lead["campaign_id"]), 0))
        self.content.setPlainText(lead["content"])
        self.party.setText(lead["party"])
        self.contact.setText(lead["contact"])
        self.handling.setPlainText(lead["handling"])
        self.result.setPlainText(lead["result"])

    def values(self) -> dict[str, Any]:
        """The fields in the shape the core takes."""
        return {"received_date": _iso(self.received), "channel": self.channel.currentData(),
                "campaign_id": self.campaign.currentData(),
                "content": self.content.toPlainText(), "party": self.party.text(),
                "contact": self.contact.text(), "handling": self.handling.toPlainText(),
                "result": self.result.toPlainText()}

    def save(self) -> None:
        if self.read_only:
            self.reject()
        elif self.lead is None:
            self.run(leads.create_lead, **self.values())
        else:
            self.run(leads.update_lead, self.lead["id"], **self.values())

    def _saved(self, changes: Changes) -> None:
        if self.saved_id is None and changes and "leads" in changes.rows:
            self.saved_id = int(next(iter(changes.rows["leads"])))
        super()._saved(changes)


class CloseLeadDialog(_SavingDialog):
    """办结 a lead: its 办理结果 (the one recorded, to complete) and the 办结日期 (today)."""

    def __init__(self, parent: QWidget | None, worker: DbWorker, session: Session,
                 lead: dict[str, Any]) -> None:
        super().__init__(parent, worker, session)
        self.lead = lead
        self.setObjectName("close_lead_dialog")
        self.setWindowTitle(self.tr("办结线索"))
        self.resize(520, 320)
        layout = QVBoxLayout(self)
        about = QLabel(self.tr("{day} {channel}：{content}").format(
            day=lead["received_date"], channel=lead["channel"], content=lead["content"]))
        about.setWordWrap(True)
        about.setStyleSheet("color: #444;")
        layout.addWidget(about)
        form = QFormLayout()
        self.result = _text_box("close_result", 4, self)
        self.result.setPlainText(lead["result"])
        self.result.setPlaceholderText(self.tr("核查结论和答复反映人的情况"))
        self.closed = QDateEdit(QDate.currentDate())
        self.closed.setObjectName("closed_date")
        self.closed.setCalendarPopup(True)
        self.closed.setDisplayFormat("yyyy-MM-dd")
        self.closed.setMaximumDate(QDate.currentDate())
        form.addRow(self.tr("办理结果 *"), self.result)
        form.addRow(self.tr("办结日期"), self.closed)
        layout.addLayout(form)
        self.ok_button.setText(self.tr("办结"))
        self.ok_button.setObjectName("do_close_lead")
        self._finish(layout)
        self.result.setFocus()

    def save(self) -> None:
        self.run(leads.close_lead, self.lead["id"], self.result.toPlainText(),
                 _iso(self.closed))


class LeadProblemDialog(_SavingDialog):
    """转为台账问题: the problem the lead hangs on the ledger. ``categories`` are those of the
    lead's campaign, one of which must be chosen; with ``free`` (a lead of no campaign) they
    are suggestions and any text may be typed."""

    def __init__(self, parent: QWidget | None, worker: DbWorker, session: Session,
                 lead: dict[str, Any], categories: list[str], *, free: bool = False) -> None:
        super().__init__(parent, worker, session)
        self.lead = lead
        self.setObjectName("lead_problem_dialog")
        self.setWindowTitle(self.tr("转为台账问题"))
        layout = QVBoxLayout(self)
        where = lead.get("campaign_title") or self.tr("（未归入专项行动）")
        intro = QLabel(self.tr(
            "在问题台账中登记一个“待整改”问题（来源：投诉举报，渠道 {channel}），专项行动：{campaign}。"
            "线索将对应这个问题。").format(channel=lead["channel"], campaign=where))
        intro.setWordWrap(True)
        layout.addWidget(intro)
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.category = QComboBox()
        self.category.setObjectName("problem_category")
        self.category.setEditable(free)
        self.category.addItems(categories)
        if free:
            self.category.setEditText("")
            self.category.lineEdit().setPlaceholderText(self.tr("选择或输入问题方面"))
        self.issue = QLineEdit(leads.issue_of(lead["content"]))
        self.issue.setObjectName("problem_issue")
        self.measures = _text_box("problem_measures", 2, self)
        self.dept = QLineEdit()
        self.dept.setObjectName("problem_dept")
        form.addRow(self.tr("问题方面 *"), self.category)
        form.addRow(self.tr("存在问题 *"), self.issue)
        form.addRow(self.tr("整改措施"), self.measures)
        form.addRow(self.tr("责任部门"), self.dept)
        layout.addLayout(form)
        note = QLabel(self.tr("具体表现取线索的来源渠道、受理日期和反映内容。"))
        note.setStyleSheet("color: #666;")
        layout.addWidget(note)
        self.ok_button.setText(self.tr("登记问题"))
        self.ok_button.setObjectName("do_lead_problem")
        self._finish(layout)
        self.resize(560, self.sizeHint().height())

    def save(self) -> None:
        self.run(leads.problem_from_lead, self.lead["id"],
                 category=self.category.currentText(), issue=self.issue.text(),
                 measures=self.measures.toPlainText(), responsible_dept=self.dept.text())
