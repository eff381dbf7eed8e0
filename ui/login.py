"""The login dialog shown on every start, and the change-password dialog."""
from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (QDialog, QDialogButtonBox, QFormLayout, QLabel, QLineEdit,
                               QVBoxLayout, QWidget)

from models import accounts, session as core_session
from models.store import Store

from .errors import describe
from .style import heading
from .widgets import error_label, ok_cancel
from .worker import DbWorker



class LoginDialog(QDialog):
    """User name and password; the check (scrypt, throttle) runs on the worker."""

    logged_in = Signal(object)   # models.session.Session

    def __init__(self, worker: DbWorker, store: Store, username: str = "",
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.worker = worker
        self.store = store
        self.setWindowTitle(self.tr("登录 - 执法台账"))
        self.setMinimumWidth(420)
        layout = QVBoxLayout(self)
        self.title = heading(QLabel(self.tr("执法台账")), 1.8)
        self.unit = QLabel()
        self.unit.setWordWrap(True)
        layout.addWidget(self.title)
        layout.addWidget(self.unit)
        form = QFormLayout()
        self.username = QLineEdit(username)
        self.username.setObjectName("username")
        self.password = QLineEdit()
        self.password.setObjectName("password")
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        form.addRow(self.tr("用户名"), self.username)
        form.addRow(self.tr("密码"), self.password)
        layout.addLayout(form)
        self.message = error_label()
        layout.addWidget(self.message)
        self.hint = QLabel()
        self.hint.setWordWrap(True)
        self.hint.setStyleSheet("color: #555;")
        layout.addWidget(self.hint)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                        | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("登录"))
        self.buttons.accepted.connect(self.try_login)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        (self.password if username else self.username).setFocus()
        worker.call(core_session.login_banner, store, on_done=self._show_info)

    def _show_info(self, info: dict[str, object]) -> None:
        self.unit.setText(str(info["unit"]))
        if info["demo"]:
            from models.demo import DEMO_PASSWORD
            self.hint.setText(self.tr("演示数据：账号 chief（站长）、reviewer（法制审核）、officer（执法队员）、"
                                 "admin（管理员），密码均为 {password}").format(password=DEMO_PASSWORD))

    def try_login(self) -> None:
        self.buttons.setEnabled(False)
        self.message.setText(self.tr("正在验证…"))
        self.worker.call(core_session.login, self.store, self.username.text(),
                         self.password.text(), on_done=self._ok, on_error=self._failed)

    def _ok(self, session: core_session.Session) -> None:
        self.message.clear()
        self.accept()
        self.logged_in.emit(session)

    def _failed(self, exc: BaseException) -> None:
        self.buttons.setEnabled(True)
        self.message.setText(describe(exc))
        self.password.selectAll()
        self.password.setFocus()


class ChangePasswordDialog(QDialog):
    """The logged-in user changes their own password."""

    def __init__(self, worker: DbWorker, session: core_session.Session,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.worker = worker
        self.session = session
        self.setWindowTitle(self.tr("修改密码"))
        form = QFormLayout(self)
        self.old = QLineEdit()
        self.new = QLineEdit()
        self.again = QLineEdit()
        for edit in (self.old, self.new, self.again):
            edit.setEchoMode(QLineEdit.EchoMode.Password)
        form.addRow(self.tr("原密码"), self.old)
        form.addRow(self.tr("新密码"), self.new)
        form.addRow(self.tr("再输入一次"), self.again)
        self.message = error_label()
        form.addRow(self.message)
        form.addRow(ok_cancel(self, self._save))

    def _save(self) -> None:
        if self.new.text() != self.again.text():
            self.message.setText(self.tr("两次输入的新密码不一致。"))
            return
        self.worker.call(accounts.change_own_password, self.session, self.old.text(),
                         self.new.text(), on_done=lambda _c: self.accept(),
                         on_error=lambda exc: self.message.setText(describe(exc)))
