"""The passphrase dialog every signing step shares (keys, files, 审核, 盖章, 责任人签字).

It shows what is about to be signed (``intro`` and an optional ``body`` widget), asks for the
signing passphrase (the login password) and runs ``action(session, passphrase)`` on the database
worker. While the action runs the buttons are disabled. Success stores the action's result in
:attr:`PassphraseDialog.result_value` and accepts the dialog; a user-caused error (wrong
passphrase, throttled, locked, a refused input) is shown in red inside the dialog, which stays
open with the passphrase field cleared and focused; anything else goes to the error box. The
passphrase is never kept on the object: the field is cleared after every attempt.
"""
from __future__ import annotations

from typing import Any, Callable

from PySide6.QtWidgets import (QDialog, QDialogButtonBox, QFormLayout, QLabel, QLineEdit,
                               QVBoxLayout, QWidget)

from models.errors import FieldLedgerError
from models.session import Session

from ..errors import error_message, show_error
from ..widgets import error_label, ok_cancel
from .base import Page


class PassphraseDialog(QDialog):
    """Ask for the signing passphrase and run ``action(session, passphrase)`` on the worker.

    ``title`` is the window title, ``intro`` the word-wrapped text on top, ``button_text`` the
    OK button's text; ``body`` (optional) is shown between the intro and the passphrase field.
    ``result_value`` holds what ``action`` returned once the dialog is accepted.
    """

    def __init__(self, page: Page, *, title: str, intro: str, button_text: str,
                 action: Callable[[Session, str], Any], body: QWidget | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent if parent is not None else page)
        self.page = page
        self.action = action
        self.result_value: Any = None
        self.running = False
        self.setWindowTitle(title)
        self.setMinimumWidth(460)
        layout = QVBoxLayout(self)
        self.intro = QLabel(intro)
        self.intro.setObjectName("intro")
        self.intro.setWordWrap(True)
        layout.addWidget(self.intro)
        self.body = body
        if body is not None:
            layout.addWidget(body, 1)
        form = QFormLayout()
        self.passphrase = QLineEdit()
        self.passphrase.setObjectName("passphrase")
        self.passphrase.setEchoMode(QLineEdit.EchoMode.Password)
        form.addRow(self.tr("签名口令（登录密码）"), self.passphrase)
        layout.addLayout(form)
        self.message = error_label("message")
        self.message.setVisible(False)
        layout.addWidget(self.message)
        self.buttons = ok_cancel(self, self._run)
        self.ok_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setText(button_text)
        self.ok_button.setObjectName("ok")
        layout.addWidget(self.buttons)
        self.passphrase.setFocus()

    def _set_running(self, running: bool) -> None:
        self.running = running
        self.buttons.setEnabled(not running)
        self.passphrase.setEnabled(not running)
        if self.body is not None:
            self.body.setEnabled(not running)

    def _run(self) -> None:
        if self.running:
            return
        self.message.setVisible(False)
        self._set_running(True)
        self.page.worker.call(self.action, self.page.session, self.passphrase.text(),
                              on_done=self._done, on_error=self._failed)
        self.passphrase.clear()

    def _forget(self) -> None:
        """Clear the passphrase, and any password field of the body, after every attempt."""
        self.passphrase.clear()
        clear = getattr(self.body, "clear_secrets", None)
        if clear is not None:
            clear()

    def _done(self, result: Any) -> None:
        self._set_running(False)
        self._forget()
        self.result_value = result
        self.accept()

    def _failed(self, exc: BaseException) -> None:
        self._set_running(False)
        self._forget()
        if isinstance(exc, FieldLedgerError):
            self.message.setText(error_message(exc))
            self.message.setVisible(True)
            self.passphrase.setFocus()
            return
        show_error(self, exc)

    def reject(self) -> None:
        """Cancel, unless the action is running (it cannot be stopped half-way)."""
        if not self.running:
            super().reject()
