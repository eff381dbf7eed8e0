"""The signing dialogs: what exactly is being signed (rows, totals, the content hash), then the
passphrase. 责任人签字 of one's own rows; 审核 and 单位盖章 of a campaign's ledger.

Each dialog passes the content hashes it showed back to the core, which refuses to sign when the
content changed meanwhile: what is signed is always what was on screen.
"""
from __future__ import annotations

from typing import Any, Callable

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (QAbstractItemView, QFormLayout, QHeaderView, QLabel,
                               QTableWidget, QTableWidgetItem, QVBoxLayout, QWidget)

from models import ledger_signing, signing
from models.problems import STATUSES
from models.session import Session

from ..i18n import translate
from .ledger_model import SIGNATURE_TEXTS, signature_tip
from .passphrase_dialog import PassphraseDialog


def grouped_hash(digest: str) -> str:
    """A SHA-256 hex digest in groups of 8, two lines, for reading aloud and comparing."""
    groups = [digest[i:i + 8] for i in range(0, len(digest), 8)]
    return " ".join(groups[:4]) + "\n" + " ".join(groups[4:])


def _hash_label(digest: str) -> QLabel:
    label = QLabel(grouped_hash(digest))
    label.setObjectName("content_hash")
    font = QFont("monospace")
    font.setStyleHint(QFont.StyleHint.Monospace)
    label.setFont(font)
    label.setTextInteractionFlags(label.textInteractionFlags()
                                  | label.textInteractionFlags().TextSelectableByMouse)
    return label


def totals_text(totals: dict[str, Any]) -> str:
    """共 N 条：整改中 a、已销号 b… (statuses with no row left out)."""
    parts = [f"{translate('problems', STATUSES[key])} {count}"
             for key, count in totals.get("by_status", {}).items() if count and key in STATUSES]
    text = QCoreApplication.translate("SigningDialog", "共 {n} 条").format(n=totals.get("rows", 0))
    if parts:
        text += QCoreApplication.translate("SigningDialog", "：") + \
            QCoreApplication.translate("SigningDialog", "、").join(parts)
    return text


def _table(headers: list[str], rows: list[list[str]], name: str, stretch: int
           ) -> QTableWidget:
    table = QTableWidget(len(rows), len(headers))
    table.setObjectName(name)
    table.setHorizontalHeaderLabels(headers)
    table.verticalHeader().setVisible(False)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
    for r, values in enumerate(rows):
        for c, value in enumerate(values):
            item = QTableWidgetItem(value)
            item.setToolTip(value)
            table.setItem(r, c, item)
    header = table.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    header.setSectionResizeMode(stretch, QHeaderView.ResizeMode.Stretch)
    table.setMinimumHeight(160)
    return table


def load_rows(session: Session, problem_ids: list[int]) -> list[dict[str, Any]]:
    """The rows to be signed as 责任人签字 shows them: content, its hash, current status."""
    conn = session.store.conn
    states = signing.statuses(conn, problem_ids)
    out = []
    for pid in problem_ids:
        content = signing.row_content(conn, pid)
        if content is None:
            continue
        text = signing.content_text(content)
        out.append(dict(content, problem_id=pid,
                        sha256=signing.sha256_hex(text.encode("utf-8")),
                        signature=states[pid]))
    return sorted(out, key=lambda r: r["seq_no"])


class RowsBody(QWidget):
    """The rows a 责任人 is about to sign: totals, and per row its content hash."""

    def __init__(self, rows: list[dict[str, Any]], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        statuses: dict[str, int] = {}
        for row in rows:
            statuses[row["status"]] = statuses.get(row["status"], 0) + 1
        summary = QLabel(totals_text({"rows": len(rows), "by_status": statuses}))
        summary.setObjectName("sign_totals")
        layout.addWidget(summary)
        values = [[str(r["seq_no"]), r["issue"], r["measures"] or "—", r["deadline"] or "—",
                   translate("problems", STATUSES[r["status"]]), r["completion"] or "—",
                   self._yes_no(r["effective"]), self._yes_no(r["rebound"]),
                   translate("LedgerModel", SIGNATURE_TEXTS[r["signature"]["status"]]),
                   r["sha256"][:16]] for r in rows]
        headers = [self.tr("序号"), self.tr("存在问题"), self.tr("整改措施"), self.tr("整改时限"),
                   self.tr("状态"), self.tr("整改完成情况"), self.tr("是否取得预期成效"),
                   self.tr("是否出现反弹"), self.tr("现有签字"),
                   self.tr("内容摘要（SHA-256 前 16 位）")]
        self.table = _table(headers, values, "sign_rows", 1)
        for r, row in enumerate(rows):
            self.table.item(r, 8).setToolTip(signature_tip(row["signature"]))
        layout.addWidget(self.table)


    def _yes_no(self, value: Any) -> str:
        """是 / 否 of 是否取得预期成效 ('yes', 'no', '') and 是否出现反弹 (1, 0)."""
        if value in ("yes", 1):
            return self.tr("是")
        if value in ("no", 0):
            return self.tr("否")
        return "—"


def sign_rows_dialog(page: Any, rows: list[dict[str, Any]],
                     on_signed: Callable[[Any], None] | None = None) -> PassphraseDialog:
    """责任人签字 of ``rows`` (as :func:`load_rows` gives them); open, not yet shown."""
    expected = {r["problem_id"]: r["sha256"] for r in rows}
    ids = list(expected)

    def action(session: Session, passphrase: str) -> Any:
        return signing.sign_rows(session, ids, passphrase, expected)

    intro = QCoreApplication.translate(
        "SigningDialog", "本人确认以下 {n} 条问题的内容（含回头看评估和整改完成情况）属实。"
        "签字后如再修改，签字将显示为“已过期”，需重新签字。签名口令为您的登录密码。")
    dialog = PassphraseDialog(
        page, title=QCoreApplication.translate("SigningDialog", "责任人签字确认"),
        intro=intro.format(n=len(rows)),
        button_text=QCoreApplication.translate("SigningDialog", "签字"), action=action,
        body=RowsBody(rows))
    dialog.resize(760, 480)
    if on_signed is not None:
        dialog.accepted.connect(lambda: on_signed(dialog.result_value))
    return dialog


class LedgerBody(QWidget):
    """What 审核 / 单位盖章 signs: campaign, unit, revision, totals, confirmations, hash, rows."""

    def __init__(self, state: dict[str, Any], meaning: str, parent: QWidget | None = None
                 ) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        form = QFormLayout()
        campaign = state["campaign"]
        title = campaign["title"]
        if campaign.get("doc_no"):
            title += self.tr("（{doc_no}）").format(doc_no=campaign["doc_no"])
        form.addRow(self.tr("专项行动"), QLabel(title))
        form.addRow(self.tr("单位"), QLabel(state["unit"]["name"]))
        if state["current"]:
            revision = self.tr("第 {n} 版（已冻结）").format(n=state["latest"])
        else:
            revision = self.tr("第 {n} 版（签署后冻结）").format(n=state["draft"])
        version = QLabel(revision)
        version.setObjectName("sign_revision")
        form.addRow(self.tr("版本"), version)
        totals = QLabel(totals_text(state["totals"]))
        totals.setObjectName("sign_totals")
        form.addRow(self.tr("问题"), totals)
        counts = state["confirmations"] or {}
        confirmed = QLabel(self.tr("有效 {valid}，已过期 {stale}，无效 {invalid}，未签字 {unsigned}"
                                   ).format(**{k: counts.get(k, 0) for k in
                                               ("valid", "stale", "invalid", "unsigned")}))
        confirmed.setObjectName("sign_confirmations")
        form.addRow(self.tr("责任人签字"), confirmed)
        form.addRow(self.tr("内容摘要（SHA-256）"), _hash_label(state["sha256"]))
        layout.addLayout(form)
        warnings = []
        rows = state["totals"]["rows"]
        if counts.get("valid", 0) < rows:
            warnings.append(self.tr("有 {n} 条问题没有有效的责任人签字。").format(
                n=rows - counts.get("valid", 0)))
        if meaning == ledger_signing.SEAL:
            reviewed = state["current"] and any(
                s["meaning"] == ledger_signing.REVIEW and s["status"] == "valid"
                for s in state["revisions"][-1]["signatures"])
            if not reviewed:
                warnings.append(self.tr("本版台账尚未经审核人审核。"))
        if warnings:
            note = QLabel("⚠ " + " ".join(warnings))
            note.setObjectName("sign_warning")
            note.setWordWrap(True)
            note.setStyleSheet("color: #8a5300;")
            layout.addWidget(note)
        values = [[str(r["seq_no"]), r["category"], r["issue"],
                   r["responsible_person_name"] or "",
                   translate("problems", STATUSES[r["status"]]), r["completion"] or "—",
                   translate("LedgerModel", SIGNATURE_TEXTS[r["confirmation"]["status"]])]
                  for r in state["rows"]]
        headers = [self.tr("序号"), self.tr("问题方面"), self.tr("存在问题"), self.tr("责任人"),
                   self.tr("状态"), self.tr("整改完成情况"), self.tr("责任人签字")]
        self.table = _table(headers, values, "sign_ledger_rows", 2)
        for r, row in enumerate(state["rows"]):
            self.table.item(r, 6).setToolTip(signature_tip(row["confirmation"]))
        layout.addWidget(self.table)


def sign_ledger_dialog(page: Any, state: dict[str, Any], meaning: str,
                       on_signed: Callable[[Any], None] | None = None) -> PassphraseDialog:
    """审核 (``meaning`` REVIEW) or 单位盖章 (SEAL) of the ledger in ``state``
    (:func:`models.ledger_signing.ledger_state` with rows); open, not yet shown."""
    campaign_id, digest = state["campaign"]["id"], state["sha256"]
    if meaning == ledger_signing.SEAL:
        title = QCoreApplication.translate("SigningDialog", "单位盖章")
        button = QCoreApplication.translate("SigningDialog", "盖章")
        intro = QCoreApplication.translate(
            "SigningDialog", "以本单位签章确认下列台账内容。签署后该版本冻结；之后的修改将形成新的"
            "草稿版本，本签章显示为“已过期”。签名口令为您的登录密码。")

        def action(session: Session, passphrase: str) -> Any:
            return ledger_signing.seal_ledger(session, campaign_id, passphrase, digest)
    else:
        title = QCoreApplication.translate("SigningDialog", "审核签署")
        button = QCoreApplication.translate("SigningDialog", "审核签署")
        intro = QCoreApplication.translate(
            "SigningDialog", "本人已审核下列台账内容，确认其真实、完整。签署后该版本冻结；之后的"
            "修改将形成新的草稿版本，本签署显示为“已过期”。签名口令为您的登录密码。")

        def action(session: Session, passphrase: str) -> Any:
            return ledger_signing.review_ledger(session, campaign_id, passphrase, digest)
    dialog = PassphraseDialog(page, title=title, intro=intro, button_text=button, action=action,
                              body=LedgerBody(state, meaning))
    dialog.resize(820, 640)
    if on_signed is not None:
        dialog.accepted.connect(lambda: on_signed(dialog.result_value))
    return dialog
