"""The signature panel of a ledger: its signed revisions and whether each 审核 / 单位盖章 still
holds, the draft since the newest revision, and the buttons that sign."""
from __future__ import annotations

import html
from typing import Any

from PySide6.QtCore import QCoreApplication, QTimer
from PySide6.QtWidgets import (QDialog, QDialogButtonBox, QFrame, QHBoxLayout, QLabel,
                               QPushButton, QTreeWidget, QTreeWidgetItem, QVBoxLayout, QWidget)

from models import ledger_signing
from models.session import Session
from models.signing import CONTENT_LABELS

from ..i18n import translate
from .signing_dialog import load_rows, sign_ledger_dialog, sign_rows_dialog

STATUS_COLOURS = {"valid": "#1b7f3b", "stale": "#8a5300", "invalid": "#b00020"}


def _mark(status: str) -> str:
    texts = {"valid": QCoreApplication.translate("LedgerSignatures", "✓ 有效"),
             "stale": QCoreApplication.translate("LedgerSignatures", "⚠ 已过期"),
             "invalid": QCoreApplication.translate("LedgerSignatures", "✗ 无效")}
    return texts.get(status, status)


def signature_line(sig: dict[str, Any]) -> str:
    """审核 马文斌 ✓ 有效 (one signature of a revision, as rich text)."""
    colour = STATUS_COLOURS.get(sig["status"], "#333333")
    meaning = translate("signing", ledger_signing.MEANING_LABELS.get(sig["meaning"],
                                                                     sig["meaning"]))
    return (f"{html.escape(meaning)} {html.escape(sig['name'])} "
            f"<span style='color:{colour}'>{_mark(sig['status'])}</span>")


def signature_explained(sig: dict[str, Any], changes: dict[str, Any] | None) -> str:
    """A sentence on a revision signature's status."""
    if sig["status"] == "valid":
        text = QCoreApplication.translate("LedgerSignatures", "签署后台账未改动。")
    elif sig["status"] == "stale":
        text = QCoreApplication.translate("LedgerSignatures",
                                          "签署后台账已改动，需要对新版本重新签署。")
        if changes:
            text += QCoreApplication.translate(
                "LedgerSignatures", "自最新签署版本以来改动 {n} 行。").format(n=changes["count"])
    elif sig.get("reason") == "revoked":
        text = QCoreApplication.translate("LedgerSignatures",
                                          "签署无效：签署时所用密钥已被吊销。")
    else:
        text = QCoreApplication.translate(
            "LedgerSignatures", "签署无效：签名与冻结的台账内容不符，数据可能被篡改。")
    if sig.get("note") == "revoked_later":
        text += QCoreApplication.translate("LedgerSignatures", "（所用密钥已于签署后吊销。）")
    return text


def summary_html(state: dict[str, Any]) -> str:
    """One line: the newest revision and its signatures, then the draft since it."""
    if not state["revisions"]:
        return QCoreApplication.translate("LedgerSignatures",
                                          "本台账尚未审核、盖章（当前为第 1 版草稿）。")
    latest = state["revisions"][-1]
    sigs = QCoreApplication.translate("LedgerSignatures", "；").join(
        signature_line(s) for s in latest["signatures"])
    text = QCoreApplication.translate("LedgerSignatures", "第 {n} 版：").format(
        n=latest["rev_no"]) + sigs
    if not state["current"]:
        changes = state.get("changes") or {"count": 0}
        text += "　" + QCoreApplication.translate(
            "LedgerSignatures", "<b>当前为第 {draft} 版草稿</b>：自第 {n} 版签署后改动 {count} 行。"
        ).format(draft=state["draft"], n=latest["rev_no"], count=changes["count"])
    return text


def change_lines(changes: dict[str, Any] | None) -> list[tuple[str, str]]:
    """(序号, what changed) for each row added, removed or changed since the newest revision."""
    if not changes:
        return []
    lines: list[tuple[int, str]] = []
    for seq in changes["added"]:
        lines.append((seq, QCoreApplication.translate("LedgerSignatures", "新增")))
    for seq in changes["removed"]:
        lines.append((seq, QCoreApplication.translate("LedgerSignatures", "删除")))
    separator = QCoreApplication.translate("LedgerSignatures", "、")
    for row in changes["changed"]:
        fields = separator.join(translate("signing", CONTENT_LABELS.get(f, f))
                                for f in row["fields"])
        lines.append((row["seq_no"], QCoreApplication.translate(
            "LedgerSignatures", "修改：{fields}").format(fields=fields)))
    return [(str(seq), text) for seq, text in sorted(lines)]


class LedgerSignaturesDialog(QDialog):
    """Every signed revision of the ledger with its signatures, and what changed since."""

    def __init__(self, state: dict[str, Any], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("台账签署记录"))
        self.resize(760, 480)
        layout = QVBoxLayout(self)
        campaign = state["campaign"]
        head = QLabel(f"{campaign['title']}　{state['unit']['name']}")
        head.setWordWrap(True)
        layout.addWidget(head)
        self.tree = QTreeWidget()
        self.tree.setObjectName("revisions")
        self.tree.setHeaderLabels([self.tr("版本 / 签署"), self.tr("签署人"), self.tr("时间"),
                                   self.tr("密钥指纹"), self.tr("状态")])
        for revision in reversed(state["revisions"]):
            top = QTreeWidgetItem([
                self.tr("第 {n} 版（{rows} 条）").format(n=revision["rev_no"],
                                                      rows=revision["row_count"]),
                "", revision["created_at"][:16].replace("T", " "),
                revision["sha256"][:16], ""])
            top.setToolTip(3, revision["sha256"])
            for sig in revision["signatures"]:
                meaning = translate("signing", ledger_signing.MEANING_LABELS.get(
                    sig["meaning"], sig["meaning"]))
                child = QTreeWidgetItem([meaning, sig["name"],
                                         sig["signed_at"][:16].replace("T", " "),
                                         sig["fingerprint"] or "", _mark(sig["status"])])
                child.setToolTip(4, signature_explained(sig, state.get("changes")))
                top.addChild(child)
            self.tree.addTopLevelItem(top)
            top.setExpanded(True)
        for col in range(5):
            self.tree.resizeColumnToContents(col)
        layout.addWidget(self.tree, 1)
        lines = change_lines(state.get("changes"))
        if state["revisions"] and not state["current"]:
            layout.addWidget(QLabel(self.tr("第 {draft} 版草稿：自第 {n} 版签署后的改动").format(
                draft=state["draft"], n=state["latest"])))
            self.changes = QTreeWidget()
            self.changes.setObjectName("changes")
            self.changes.setRootIsDecorated(False)
            self.changes.setHeaderLabels([self.tr("序号"), self.tr("改动")])
            for seq, text in lines:
                self.changes.addTopLevelItem(QTreeWidgetItem([seq, text]))
            self.changes.resizeColumnToContents(0)
            layout.addWidget(self.changes, 1)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)


def my_rows(session: Session, campaign_id: int) -> list[dict[str, Any]]:
    """The acting person's rows of the campaign's ledger that need his signature (no valid one)."""
    ids = [pid for (pid,) in session.store.conn.execute(
        "SELECT id FROM problems WHERE campaign_id = ? AND unit_id = ? AND"
        " responsible_person_id = ?", (campaign_id, session.unit_id, session.person_id))]
    return [r for r in load_rows(session, ids) if r["signature"]["status"] != "valid"]


class LedgerSignatureBar(QFrame):
    """The panel above the ledger table when one campaign is shown."""

    def __init__(self, page: Any, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.page = page
        self.setObjectName("ledger_signatures")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(8, 4, 8, 4)
        self.summary = QLabel()
        self.summary.setObjectName("signature_summary")
        self.summary.setWordWrap(True)
        layout.addWidget(self.summary, 1)
        self.sign_mine = QPushButton(self.tr("签字确认我的问题…"))
        self.sign_mine.setObjectName("sign_mine")
        self.sign_mine.setVisible(page.allowed("problem.sign_own"))
        self.review = QPushButton(self.tr("审核签署…"))
        self.review.setObjectName("sign_review")
        self.review.setVisible(page.allowed("ledger.review"))
        self.seal = QPushButton(self.tr("单位盖章…"))
        self.seal.setObjectName("sign_seal")
        self.seal.setVisible(page.allowed("ledger.seal"))
        self.details = QPushButton(self.tr("签署记录…"))
        self.details.setObjectName("signature_details")
        for button in (self.sign_mine, self.review, self.seal, self.details):
            layout.addWidget(button)
        self.sign_mine.clicked.connect(self.open_sign_mine)
        self.review.clicked.connect(lambda: self.open_sign(ledger_signing.REVIEW))
        self.seal.clicked.connect(lambda: self.open_sign(ledger_signing.SEAL))
        self.details.clicked.connect(self.open_details)
        self.campaign_id: int | None = None
        self.state: dict[str, Any] | None = None
        self._generation = 0
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(150)   # a burst of changes reloads once
        self._timer.timeout.connect(self._load)
        self.dialog: QDialog | None = None
        self.busy = False
        self.setVisible(False)

    def show_campaign(self, campaign_id: int | None) -> None:
        """Follow the ledger's campaign filter: the panel shows for one campaign only."""
        self.campaign_id = campaign_id
        self.state = None
        self.setVisible(campaign_id is not None)
        if campaign_id is not None:
            self.summary.setText(self.tr("正在读取签署情况…"))
            self._load()

    def refresh(self) -> None:
        if self.campaign_id is not None:
            self._timer.start()

    def _load(self) -> None:
        self._generation += 1
        generation, campaign_id = self._generation, self.campaign_id
        if campaign_id is None:
            return
        self.page.call(ledger_signing.ledger_state, campaign_id, with_rows=False,
                       on_done=lambda state: self._show(generation, state))

    def _show(self, generation: int, state: dict[str, Any]) -> None:
        if generation != self._generation:
            return
        self.state = state
        self.summary.setText(summary_html(state))
        if not self.busy:
            self._busy(False)

    def open_details(self) -> None:
        if self.state is None:
            return
        self.dialog = LedgerSignaturesDialog(self.state, self)
        self.dialog.open()

    def _busy(self, busy: bool) -> None:
        """While a signing dialog loads or is open, its buttons cannot open a second one."""
        self.busy = busy
        for button in (self.sign_mine, self.review, self.seal):
            button.setEnabled(not busy)
        if not busy and self.state is not None:
            empty = self.state["totals"]["rows"] == 0
            self.review.setEnabled(not empty)
            self.seal.setEnabled(not empty)

    def _failed(self, exc: BaseException) -> None:
        from ..errors import show_error
        self._busy(False)
        show_error(self, exc)

    def _opened(self, dialog: QDialog) -> None:
        self.dialog = dialog
        dialog.finished.connect(lambda _result: self._busy(False))
        dialog.open()

    def open_sign(self, meaning: str) -> None:
        if self.campaign_id is None:
            return
        self._busy(True)
        self.page.worker.call(ledger_signing.ledger_state, self.page.session, self.campaign_id,
                              on_done=lambda state: self._open_sign(state, meaning),
                              on_error=self._failed)

    def _open_sign(self, state: dict[str, Any], meaning: str) -> None:
        self._opened(sign_ledger_dialog(self.page, state, meaning,
                                        on_signed=lambda _changes: self.refresh()))

    def open_sign_mine(self) -> None:
        if self.campaign_id is None:
            return
        self._busy(True)
        self.page.worker.call(my_rows, self.page.session, self.campaign_id,
                              on_done=self._open_sign_mine, on_error=self._failed)

    def _open_sign_mine(self, rows: list[dict[str, Any]]) -> None:
        from PySide6.QtWidgets import QMessageBox
        if not rows:
            self._busy(False)
            QMessageBox.information(self, self.tr("责任人签字确认"),
                                    self.tr("本专项行动中您负责的问题都已有有效的签字。"))
            return
        self._opened(sign_rows_dialog(self.page, rows))
