"""转为台账问题…: problems of a received 执法监督意见书 hung on the problem ledger.

:class:`ProblemsDialog` lists the letter's problems to tick (those already on the ledger are
shown with their 序号 and cannot be ticked again), the campaign (the one the letter names when it
is here), the category (按问题内容判断 reads it from each problem's text, else one chosen) and an
optional 责任人; 确定 runs ``letter_problems.problems_from_letter`` on the worker. A refusal is shown in
the dialog; success closes it with a message of the 序号 given.
"""
from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QVBoxLayout,
    QWidget,
)

from models import campaigns, directory, letter_problems
from models.errors import FieldLedgerError
from models.session import Session

from ..errors import error_message, show_error
from ..widgets import error_label, ok_cancel
from .letter_dialog import campaign_label


def _choices(session: Session) -> tuple[list[dict[str, Any]], list[dict[str, Any]],
                                        dict[int, list[str]]]:
    """Campaigns, the unit's active people, and each campaign's categories (worker)."""
    rows = campaigns.list_campaigns(session)
    categories = {int(r["id"]): [c["name"] for c in
                                 campaigns.get_campaign(session, int(r["id"]))["categories"]]
                  for r in rows}
    return rows, directory.list_people(session, include_inactive=False), categories


class ProblemsDialog(QDialog):
    """Tick problems of the letter ``data`` (models.letters.get_letter) to hang on the ledger."""

    def __init__(self, page: Any, data: dict[str, Any], parent: QWidget | None = None) -> None:
        super().__init__(parent if parent is not None else page)
        self.page = page
        self.data = data
        self.result_value: Any = None
        self.categories: dict[int, list[str]] = {}
        self.setWindowTitle(self.tr("转为台账问题"))
        self.setMinimumWidth(620)
        layout = QVBoxLayout(self)
        intro = QLabel(self.tr(
            "勾选意见书 {number} 中要挂上问题台账的问题。每个问题登记为一条待整改问题，来源为"
            "“执法监督意见书”，整改时限为意见书的整改期限；已转过的问题不会重复登记。").format(
            number=data["number"]))
        intro.setWordWrap(True)
        layout.addWidget(intro)
        self.problems = QListWidget()
        self.problems.setObjectName("letter_problems")
        hung = data.get("hung") or {}
        for n, text in enumerate(data["problems"], 1):
            item = QListWidgetItem(f"{n}. {text}")
            item.setData(Qt.ItemDataRole.UserRole, n)
            if n in hung:
                item.setText(item.text() + self.tr("（已在台账，序号 {seq}）").format(
                    seq=hung[n]["seq_no"]))
                item.setFlags(Qt.ItemFlag.ItemIsSelectable)
            else:
                item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
                item.setCheckState(Qt.CheckState.Checked)
            self.problems.addItem(item)
        layout.addWidget(self.problems, 1)
        form = QFormLayout()
        self.campaign = QComboBox()
        self.campaign.setObjectName("campaign")
        self.campaign.currentIndexChanged.connect(lambda _i: self._fill_categories())
        form.addRow(self.tr("专项行动"), self.campaign)
        self.category = QComboBox()
        self.category.setObjectName("category")
        form.addRow(self.tr("问题类别"), self.category)
        self.person = QComboBox()
        self.person.setObjectName("person")
        form.addRow(self.tr("责任人"), self.person)
        layout.addLayout(form)
        self.message = error_label("message")
        self.message.setVisible(False)
        layout.addWidget(self.message)
        self.buttons = ok_cancel(self, self._run)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("登记到台账"))
        layout.addWidget(self.buttons)
        page.worker.call(_choices, page.session, on_done=self._show_choices,
                         on_error=lambda exc: show_error(self, exc))

    def _show_choices(self, choices: tuple[list[dict[str, Any]], list[dict[str, Any]],
                                           dict[int, list[str]]]) -> None:
        rows, people, self.categories = choices
        self.campaign.blockSignals(True)
        self.campaign.clear()
        self.campaign.addItem(self.tr("不属于专项行动"), None)
        for row in rows:
            self.campaign.addItem(campaign_label(row), int(row["id"]))
        wanted = self.data.get("campaign_id")
        self.campaign.setCurrentIndex(max(0, self.campaign.findData(wanted))
                                      if wanted is not None else 0)
        self.campaign.blockSignals(False)
        self._fill_categories()
        self.person.clear()
        self.person.addItem(self.tr("暂不指定"), None)
        for p in people:
            self.person.addItem(p["name"] + (f"（{p['title']}）" if p.get("title") else ""),
                                int(p["id"]))

    def _fill_categories(self) -> None:
        cid = self.campaign.currentData()
        names = self.categories.get(int(cid), []) if cid is not None else []
        self.category.clear()
        guesses = {letter_problems.guess_category(names, text) for text in self.data["problems"]}
        if None not in guesses:
            self.category.addItem(self.tr("按问题内容判断（{names}）").format(
                names="、".join(sorted(str(g) for g in guesses))), None)
        for name in names:
            self.category.addItem(name, name)
        if not names:
            self.category.addItem("其他问题", "其他问题")

    def ticked(self) -> list[int]:
        out = []
        for i in range(self.problems.count()):
            item = self.problems.item(i)
            if item.flags() & Qt.ItemFlag.ItemIsUserCheckable \
                    and item.checkState() == Qt.CheckState.Checked:
                out.append(int(item.data(Qt.ItemDataRole.UserRole)))
        return out

    def _run(self) -> None:
        self.message.setVisible(False)
        self.buttons.setEnabled(False)
        self.page.worker.call(
            letter_problems.problems_from_letter, self.page.session, int(self.data["id"]), self.ticked(),
            campaign_id=self.campaign.currentData(), category=self.category.currentData(),
            responsible_person_id=self.person.currentData(), on_done=self._done,
            on_error=self._failed)

    def _done(self, hung: letter_problems.Hung) -> None:
        self.buttons.setEnabled(True)
        self.result_value = hung
        self.accept()
        seqs = "、".join(str(seq) for _n, _pid, seq in hung.created)
        text = self.tr("已登记 {n} 个台账问题（序号 {seqs}）。").format(
            n=len(hung.created), seqs=seqs) if hung.created else self.tr("没有登记新的问题。")
        if hung.skipped:
            text += self.tr("第 {items} 项此前已在台账中，未重复登记。").format(
                items="、".join(str(n) for n in hung.skipped))
        QMessageBox.information(self.parentWidget() or self, self.tr("转为台账问题"), text)

    def _failed(self, exc: BaseException) -> None:
        self.buttons.setEnabled(True)
        if isinstance(exc, FieldLedgerError):
            self.message.setText(error_message(exc))
            self.message.setVisible(True)
        else:
            show_error(self, exc)
