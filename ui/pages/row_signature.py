"""The 责任人签字 panel of one ledger row: whether its signature holds, who signed and when,
what changed since, the signed revision it belongs to, and the button that signs."""
from __future__ import annotations

import json
from typing import Any

from PySide6.QtCore import QCoreApplication, Signal
from PySide6.QtWidgets import (QDialog, QDialogButtonBox, QGroupBox, QHBoxLayout, QLabel,
                               QPushButton, QTreeWidget, QTreeWidgetItem, QVBoxLayout, QWidget)

from models import signing
from models.problems import STATUSES
from models.session import Session

from ..i18n import translate
from .ledger_model import SIGNATURE_COLOURS, SIGNATURE_TEXTS, signature_tip


def load_row_signature(session: Session, problem_id: int) -> dict[str, Any]:
    """What the panel shows for problem ``problem_id`` (runs on the worker): ``signatures``
    (each with its status), ``state`` (newest one's status), ``signed`` and ``current`` contents,
    ``mine`` (the acting person is the row's 责任人) and ``revision`` (the newest signed revision
    of the row's ledger: ``rev_no`` and ``same`` = the row is unchanged in it), or None."""
    conn = session.store.conn
    sigs = signing.list_row_signatures(session, problem_id)
    current = signing.row_content(conn, problem_id) or {}
    newest = sigs[-1] if sigs else None
    state = signing.row_signature_status(session, problem_id)
    revision = None
    if current.get("campaign_id") is not None:
        # the row as frozen in the newest revision, picked out by SQLite's JSON functions
        # (not by parsing a revision of thousands of rows in Python on every selection)
        row = conn.execute(
            "SELECT r.rev_no, j.value FROM (SELECT id, rev_no, content FROM ledger_revisions"
            " WHERE campaign_id = ? AND unit_id = ? ORDER BY rev_no DESC LIMIT 1) r,"
            " json_each(r.content, '$.rows') j"
            " WHERE json_extract(j.value, '$.problem_id') = ?",
            (current["campaign_id"], current["unit_id"], problem_id)).fetchone()
        if row is not None:
            frozen = json.loads(row[1])
            same = not signing.changed_fields(
                {k: v for k, v in frozen.items() if k != "problem_id"},
                {k: v for k, v in current.items() if k != "format"})
            revision = {"rev_no": row[0], "same": same}
    return {"signatures": sigs, "state": state, "current": current,
            "signed": json.loads(newest["content"]) if newest else None,
            "mine": session.person_id is not None
            and current.get("responsible_person_id") == session.person_id,
            "revision": revision}


def _value_text(key: str, value: Any) -> str:
    if value is None or value == "":
        return "—"
    if key == "status":
        return translate("problems", STATUSES.get(value, value))
    yes = QCoreApplication.translate("RowSignature", "是")
    no = QCoreApplication.translate("RowSignature", "否")
    if key == "effective":
        return {"yes": yes, "no": no}.get(value, value)
    if key == "rebound":
        return yes if value else no
    return str(value)


class ChangesDialog(QDialog):
    """Field by field: the content as signed, and as it is now."""

    def __init__(self, info: dict[str, Any], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("签字后的改动"))
        self.resize(720, 360)
        layout = QVBoxLayout(self)
        state = info["state"]
        intro = QLabel(signature_tip(state))
        intro.setWordWrap(True)
        layout.addWidget(intro)
        self.tree = QTreeWidget()
        self.tree.setObjectName("changed_fields")
        self.tree.setRootIsDecorated(False)
        self.tree.setHeaderLabels([self.tr("字段"), self.tr("签字时"), self.tr("现在")])
        signed, current = info["signed"] or {}, info["current"]
        for key in signing.changed_fields(signed, current):
            if key in ("format", "responsible_person_id"):
                continue
            label = translate("signing", signing.CONTENT_LABELS.get(key, key))
            item = QTreeWidgetItem([label, _value_text(key, signed.get(key)),
                                    _value_text(key, current.get(key))])
            for col in (1, 2):
                item.setToolTip(col, item.text(col))
            self.tree.addTopLevelItem(item)
        self.tree.resizeColumnToContents(0)
        self.tree.setColumnWidth(1, 280)
        layout.addWidget(self.tree, 1)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)


class RowSignaturePanel(QGroupBox):
    """Shown under the problem form. ``sign_requested`` asks the page to open the signing
    dialog for the row."""

    sign_requested = Signal(int)

    def __init__(self, can_sign: bool, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTitle(self.tr("责任人签字"))
        self.setObjectName("row_signature")
        self.can_sign = can_sign
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 4, 8, 4)
        self.status = QLabel()
        self.status.setObjectName("row_signature_status")
        self.detail = QLabel()
        self.detail.setObjectName("row_signature_detail")
        self.detail.setWordWrap(True)
        self.revision = QLabel()
        self.revision.setObjectName("row_revision")
        self.revision.setWordWrap(True)
        layout.addWidget(self.status)
        layout.addWidget(self.detail)
        layout.addWidget(self.revision)
        buttons = QHBoxLayout()
        self.sign = QPushButton(self.tr("签字确认…"))
        self.sign.setObjectName("sign_row")
        self.changes = QPushButton(self.tr("查看改动…"))
        self.changes.setObjectName("row_changes")
        buttons.addWidget(self.sign)
        buttons.addWidget(self.changes)
        buttons.addStretch(1)
        layout.addLayout(buttons)
        self.sign.clicked.connect(lambda: self.problem_id is not None
                                  and self.sign_requested.emit(self.problem_id))
        self.changes.clicked.connect(self.open_changes)
        self.problem_id: int | None = None
        self.info: dict[str, Any] | None = None
        self.dialog: QDialog | None = None
        self.clear()

    def clear(self) -> None:
        self.problem_id, self.info = None, None
        self.status.setText(self.tr("未选择问题"))
        self.status.setStyleSheet("")
        for label in (self.detail, self.revision):
            label.clear()
            label.setVisible(False)
        self.sign.setVisible(False)
        self.changes.setVisible(False)

    def show_info(self, problem_id: int, info: dict[str, Any]) -> None:
        self.problem_id, self.info = problem_id, info
        state = info["state"]
        colour = SIGNATURE_COLOURS[state["status"]].name()
        text = translate("LedgerModel", SIGNATURE_TEXTS[state["status"]])
        if state["status"] == "stale":
            text += QCoreApplication.translate("LedgerModel", "（改动 {n} 次）").format(
                n=state.get("changes", 0))
        self.status.setText(text)
        self.status.setStyleSheet(f"color: {colour}; font-weight: bold;")
        detail = signature_tip(state)
        if info["signatures"]:
            newest = info["signatures"][-1]
            detail = self.tr("{name} 于 {time} 签字。").format(
                name=newest.get("person_name") or "", time=newest["signed_at"][:16].replace(
                    "T", " ")) + detail
        self.detail.setText(detail)
        self.detail.setVisible(True)
        revision = info.get("revision")
        if revision is not None:
            if revision["same"]:
                text = self.tr("本行已列入已签署的第 {n} 版台账，该版本已冻结；保存修改将形成第 {m} 版草稿。"
                               ).format(n=revision["rev_no"], m=revision["rev_no"] + 1)
            else:
                text = self.tr("本行自第 {n} 版台账签署后已改动，属于第 {m} 版草稿。").format(
                    n=revision["rev_no"], m=revision["rev_no"] + 1)
            self.revision.setText(text)
        self.revision.setVisible(revision is not None)
        self.sign.setVisible(self.can_sign and info["mine"])
        self.sign.setEnabled(state["status"] != "valid")
        self.changes.setVisible(state["status"] in ("stale", "invalid")
                                and info["signed"] is not None)

    def open_changes(self) -> None:
        if self.info is None:
            return
        self.dialog = ChangesDialog(self.info, self)
        self.dialog.open()
