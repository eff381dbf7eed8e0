"""解密密钥（接收加密报送包）: the section of 设置 → 签名密钥 for the office's own age key.

Shown to those with ``key.decryption`` (负责人). It shows the active recipient (``age1…``) with a
copy button, its state and holders, and offers 生成解密密钥… (a new key retires the old one, which
keeps opening older packages), 导出接收公钥… (a .txt with the recipient) and 交给另一位负责人….
Units need nothing else: the recipient travels in the unit seal key's enrollment file. Every
step that uses the private key asks the login password through the keys panel's
:class:`~ui.pages.passphrase_dialog.PassphraseDialog`; the work runs on the database worker.
"""
from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import (
    QApplication,
    QFileDialog,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from models import office_keys
from models.session import Session

from .audit_panel import local_time

if TYPE_CHECKING:
    from .keys_panel import KeysPanel

#: How long the copy button says 已复制 (ms).
COPIED_MS = 1500


def _save_recipients(session: Session, path: str) -> Path:
    from models import files
    return files.write_file(path, office_keys.recipients_file(session))


class DecryptionSection(QGroupBox):
    """The office's decryption key inside the keys panel ``panel`` (whose helpers it uses:
    the passphrase dialog, the fields body, the last folder, the button registry)."""

    def __init__(self, panel: KeysPanel, parent: QWidget | None = None) -> None:
        super().__init__(self.tr("解密密钥（接收加密报送包）"), parent)
        self.setObjectName("decryption_box")
        self.panel = panel
        self.rows: list[dict[str, Any]] = []
        self.active: dict[str, Any] | None = None
        layout = QVBoxLayout(self)
        explain = QLabel(self.tr(
            "下级单位登记本单位的单位签章密钥登记文件时自动得到接收公钥，此后它们的报送包只有本单位能解开。"))
        explain.setObjectName("decryption_explain")
        explain.setWordWrap(True)
        layout.addWidget(explain)
        row = QHBoxLayout()
        row.addWidget(QLabel(self.tr("接收公钥：")))
        self.recipient = QLineEdit()
        self.recipient.setObjectName("recipient")
        self.recipient.setReadOnly(True)
        from .keys_panel import FINGERPRINT_STYLE
        self.recipient.setStyleSheet(FINGERPRINT_STYLE)
        self.recipient.setPlaceholderText(self.tr("尚未生成"))
        row.addWidget(self.recipient, 1)
        self.copy_button = QPushButton(self.tr("复制"))
        self.copy_button.setObjectName("copy_recipient")
        self.copy_button.clicked.connect(lambda _checked=False: self.copy())
        row.addWidget(self.copy_button)
        layout.addLayout(row)
        self.state = QLabel()
        self.state.setObjectName("decryption_state")
        self.state.setWordWrap(True)
        layout.addWidget(self.state)
        self.note = QLabel()
        self.note.setObjectName("decryption_note")
        self.note.setWordWrap(True)
        self.note.setStyleSheet("color: #555;")
        layout.addWidget(self.note)
        grid = QGridLayout()
        self.buttons: dict[str, QPushButton] = {}
        for n, (name, text, slot) in enumerate((
                ("create_decryption", self.tr("生成解密密钥…"), self.create),
                ("export_recipient", self.tr("导出接收公钥…"), self.export),
                ("give_decryption", self.tr("交给另一位负责人…"), self.give))):
            button = QPushButton(text)
            button.setObjectName(name)
            button.clicked.connect(lambda _checked=False, s=slot: s())
            grid.addWidget(button, 0, n)
            grid.setColumnStretch(n, 1)
            self.buttons[name] = button
        layout.addLayout(grid)

    # --- loading ---------------------------------------------------------------------------------

    def refresh(self) -> None:
        self.panel.call(office_keys.list_decryption_keys, on_done=self.show_keys)

    def _holds(self, row: dict[str, Any] | None) -> bool:
        mine = str(self.panel.session.account_id)
        return bool(row) and mine in (row["holder_accounts"] or "").split(",")

    def show_keys(self, rows: list[dict[str, Any]]) -> None:
        self.rows = rows
        self.active = next((r for r in rows if r["status"] == "active"), None)
        active = self.active
        self.recipient.setText(active["recipient"] if active else "")
        self.recipient.setCursorPosition(0)
        retired = sum(1 for r in rows if r["status"] == "retired")
        state = ""
        if active:
            state = self.tr("状态：有效　生成时间：{created}　持有人：{names}").format(
                created=local_time(active["created_at"]), names=active["holders"] or "—")
        if retired:
            state += ("\n" if state else "") + self.tr(
                "另有 {n} 个已停用的旧解密密钥，仍用于打开以前加密给它们的报送包。").format(n=retired)
        self.state.setText(state)
        self.state.setVisible(bool(state))
        if active is None:
            note = self.tr("生成后，请重新导出单位签章密钥的登记文件交给下级单位。")
            visible = {"create_decryption"}
        elif self._holds(active):
            note = ""
            visible = {"create_decryption", "export_recipient", "give_decryption"}
        else:
            note = self.tr("您尚未持有解密密钥，不能用它导入加密的报送包。"
                           "请持有它的负责人用“交给另一位负责人…”交给您。")
            visible = {"export_recipient"}
        self.note.setText(note)
        self.note.setVisible(bool(note))
        for name, button in self.buttons.items():
            button.setVisible(name in visible)
        self.copy_button.setVisible(active is not None)

    # --- actions ---------------------------------------------------------------------------------

    def copy(self) -> None:
        """Put the recipient on the clipboard; the button says so for a moment."""
        if self.active is None:
            return
        QApplication.clipboard().setText(self.active["recipient"])
        self.copy_button.setText(self.tr("已复制"))
        QTimer.singleShot(COPIED_MS, lambda: self.copy_button.setText(self.tr("复制")))

    def create(self) -> None:
        if self.active is not None and not self.panel._confirm(
                self.tr("生成解密密钥"), self.tr(
                    "生成新的解密密钥后，现有密钥停用（仍保留，用于打开以前的报送包）。"
                    "下级单位重新登记本单位的签章密钥登记文件后，才会改用新密钥加密。确定生成？")):
            return
        accepted, _r = self.panel._ask(
            title=self.tr("生成解密密钥"), button=self.tr("生成"),
            intro=self.tr("将为本单位生成解密密钥，用于打开下级单位加密的报送包，由您持有；"
                          "私钥以您的登录密码加密后保存在本机。请输入登录密码确认。"),
            action=office_keys.create_decryption_key)
        if accepted:
            QMessageBox.information(self, self.tr("生成解密密钥"), self.tr(
                "已生成解密密钥。请在“单位签章密钥”中重新导出登记文件交给下级单位："
                "它们登记后，报送包就加密给本单位。"))

    def export(self) -> None:
        if self.active is None:
            return
        from .keys_panel import safe_name
        default = safe_name(self.tr("{unit}-接收公钥.txt").format(unit=self.panel.unit_name))
        path, _f = QFileDialog.getSaveFileName(
            self, self.tr("导出接收公钥"), str(Path(self.panel._folder()) / default),
            self.tr("文本文件 (*.txt)"))
        if not path:
            return
        if not path.lower().endswith(".txt"):
            path += ".txt"
        self.panel._remember(path)
        self.panel.call(_save_recipients, path, on_done=lambda written: QMessageBox.information(
            self, self.tr("导出接收公钥"), self.tr(
                "已导出接收公钥：{path}\n\n下级单位登记本单位的签章密钥登记文件时会自动得到它；"
                "这个文件供对方手工设置“上级接收密钥…”或用 age 加密时使用。").format(path=written)))

    def give(self) -> None:
        from .keys_panel import FieldsBody
        body = FieldsBody([("other_username", self.tr("对方的用户名"), False),
                           ("other_password", self.tr("对方的登录密码"), True)])
        accepted, _r = self.panel._ask(
            title=self.tr("交给另一位负责人"), button=self.tr("交给对方"), body=body,
            intro=self.tr("把解密密钥（连同已停用的旧密钥）交给另一位负责人：先由您输入自己的登录密码解开，"
                          "再请对方在本机输入他自己的用户名和登录密码。对方的副本以他自己的密码加密。"),
            action=lambda s, p: office_keys.give_decryption_key(
                s, p, body.values["other_username"], body.values["other_password"]))
        if accepted:
            QMessageBox.information(self, self.tr("交给另一位负责人"),
                                    self.tr("解密密钥已交给对方。"))

