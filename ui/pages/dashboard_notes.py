"""The notes at the top of the 工作台: 报送提醒 (materials due or late), late work outside the
problem ledger (执法监督意见书 to answer, 投诉举报线索 to close, letters the office waits on), and
the 培训台账 reminders. Each note is hidden when it has nothing to say; its links emit
:attr:`DashboardNotes.open_requested` with where to go (``training``, ``leads``, ``letters``,
``office_letters``), and the dashboard shows that place.
"""
from __future__ import annotations

from html import escape
from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

OVERDUE = QColor("#b00020")
SOON = QColor("#b26a00")
#: At most this many letter numbers are named in one line; the rest are counted.
NAMED = 3


def _label(name: str) -> QLabel:
    label = QLabel()
    label.setObjectName(name)
    label.setWordWrap(True)
    label.setVisible(False)
    return label


def _numbers(items: list[tuple[str, str]]) -> str:
    named = "、".join(escape(n) for n, _ in items[:NAMED])
    return named + ("…" if len(items) > NAMED else "")


class DashboardNotes(QWidget):
    """Three labels, filled by :meth:`show_data` from the dashboard's worker data."""

    open_requested = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.reminders = _label("reminders")
        self.late = _label("late_work")
        self.training = _label("training_reminder")
        for label in (self.late, self.training):
            label.linkActivated.connect(self.open_requested.emit)
        for label in (self.reminders, self.late, self.training):
            layout.addWidget(label)

    def show_data(self, data: dict[str, Any]) -> None:
        """``data["reminders"]`` (models.reminders.due_items), ``data["late"]``
        (models.reminders.late_work) and ``data["training"]`` (models.training.reminders)."""
        self._show_reminders(data["reminders"])
        self._show_late(data["late"])
        self._show_training(data["training"])

    def reminder_text(self, r: Any) -> str:
        """One reminder (models.reminders.Reminder) as the dashboard says it:
        “工作简报（2026-11）将于 11 月 25 日到期”."""
        what = f"{r.material}（{r.period}）" if r.period else r.material
        if r.state == "overdue":
            return self.tr("{what}已于 {month} 月 {day} 日到期，逾期 {n} 天").format(
                what=what, month=r.due.month, day=r.due.day, n=-r.days_left)
        if r.days_left == 0:
            return self.tr("{what}今天到期").format(what=what)
        return self.tr("{what}将于 {month} 月 {day} 日到期").format(
            what=what, month=r.due.month, day=r.due.day)

    def _show_reminders(self, items: list[Any]) -> None:
        """报送提醒: overdue in red, due within 7 days in orange, each with its campaign."""
        lines = []
        for r in items:
            colour = OVERDUE.name() if r.state == "overdue" else \
                SOON.name() if r.days_left <= 7 else "#333333"
            lines.append(f"<span style='color: {colour};'>{escape(self.reminder_text(r))}</span>"
                         f"<span style='color: #777777;'>　{escape(r.campaign)}</span>")
        self.reminders.setText(f"<b>{escape(self.tr('报送提醒'))}</b><br>" + "<br>".join(lines))
        self.reminders.setVisible(bool(lines))

    def _show_late(self, late: Any) -> None:
        """Letters and leads late (red) or due soon (orange), each line with a link to them."""
        lines: list[tuple[QColor, str, str, str]] = []
        if late.letters_late:
            lines.append((OVERDUE, self.tr("{n} 份执法监督意见书已过答复期限，尚未签发答复：{numbers}").format(
                n=len(late.letters_late), numbers=_numbers(late.letters_late)),
                "letters", self.tr("去答复")))
        if late.letters_soon:
            lines.append((SOON, self.tr("{n} 份执法监督意见书 7 天内到答复期限：{numbers}").format(
                n=len(late.letters_soon), numbers=_numbers(late.letters_soon)),
                "letters", self.tr("去答复")))
        if late.leads_late:
            lines.append((OVERDUE, self.tr("{n} 条投诉举报线索超过 15 天未办结").format(
                n=late.leads_late), "leads", self.tr("查看线索")))
        if late.leads_soon:
            lines.append((SOON, self.tr("{n} 条投诉举报线索 3 天内到办结期限").format(
                n=late.leads_soon), "leads", self.tr("查看线索")))
        if late.issued_late:
            units = "、".join(sorted({escape(u) for _n, u in late.issued_late}))
            lines.append((OVERDUE, self.tr("下发的 {n} 份执法监督意见书已过期限仍未收到答复：{units}").format(
                n=len(late.issued_late), units=units), "office_letters", self.tr("查看")))
        self.late.setText("<br>".join(
            f"<span style='color: {colour.name()};'>⚠ {text}</span> <a href='{key}'>{link}</a>"
            for colour, text, key, link in lines))
        self.late.setVisible(bool(lines))

    def _show_training(self, due: dict[str, Any]) -> None:
        """The 培训台账 reminders: officers under the hours due by today (the 60 学时 target pro
        rata) and officers whose 执法证 is missing, expired, suspended or revoked."""
        lines = []
        if due["behind"]:
            lines.append(self.tr("{n} 名执法人员本年度学时不足（目标 {target} 学时）：{names}").format(
                n=len(due["behind"]), target=due["target"], names=escape("、".join(due["behind"]))))
        if due["uncertified"]:
            lines.append(self.tr("{n} 名执法人员执法证缺失或过期，不得独立执法：{names}").format(
                n=len(due["uncertified"]), names=escape("、".join(due["uncertified"]))))
        if due["expiring"]:
            lines.append(self.tr("{n} 名执法人员的执法证 90 天内到期：{names}").format(
                n=len(due["expiring"]), names=escape("、".join(due["expiring"]))))
        if lines:
            link = self.tr("查看培训台账")
            self.training.setText("<br>".join(f"<span style='color: {SOON.name()};'>⚠ {line}"
                                              "</span>" for line in lines)
                                  + f" <a href='training'>{link}</a>")
        self.training.setVisible(bool(lines))
