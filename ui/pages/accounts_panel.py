"""账号 (admins only): create accounts, set roles, disable, reset passwords, unlock."""
from __future__ import annotations

import time
from typing import Any

from PySide6.QtWidgets import (QCheckBox, QComboBox, QDialog, QFormLayout,
                               QHBoxLayout, QInputDialog, QLabel, QLineEdit,
                               QPushButton, QTableWidgetItem, QVBoxLayout, QWidget)

from models import accounts, directory
from models.permissions import ROLE_LABELS, Role, parse_roles

from ..i18n import translate
from ..widgets import ok_cancel, read_only_table
from .base import Page


class AccountDialog(QDialog):
    """New account: user name, person, roles, first password."""

    def __init__(self, parent: QWidget, people: list[dict[str, Any]]) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("新建账号"))
        form = QFormLayout(self)
        self.username = QLineEdit()
        self.username.setObjectName("username")
        self.person = QComboBox()
        self.person.addItem(self.tr("（不关联人员）"), None)
        for p in people:
            if p["active"] and not p["username"]:
                self.person.addItem(f"{p['name']}  {p['title']}", p["id"])
        self.roles: dict[Role, QCheckBox] = {}
        roles_row = QHBoxLayout()
        for role in Role:
            box = QCheckBox(translate("roles", ROLE_LABELS[role]))
            box.setObjectName(f"role_{role.value}")
            self.roles[role] = box
            roles_row.addWidget(box)
        self.password = QLineEdit()
        self.password.setObjectName("password")
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        form.addRow(self.tr("用户名"), self.username)
        form.addRow(self.tr("人员"), self.person)
        form.addRow(self.tr("角色"), roles_row)
        form.addRow(self.tr("初始密码"), self.password)
        form.addRow(ok_cancel(self))

    def values(self) -> dict[str, Any]:
        return {"username": self.username.text(), "password": self.password.text(),
                "person_id": self.person.currentData(),
                "roles": [r.value for r, box in self.roles.items() if box.isChecked()]}


class RolesDialog(QDialog):
    def __init__(self, parent: QWidget, current: frozenset[Role]) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("设置角色"))
        layout = QVBoxLayout(self)
        self.boxes: dict[Role, QCheckBox] = {}
        for role in Role:
            box = QCheckBox(translate("roles", ROLE_LABELS[role]))
            box.setChecked(role in current)
            self.boxes[role] = box
            layout.addWidget(box)
        layout.addWidget(ok_cancel(self))

    def roles(self) -> list[str]:
        return [r.value for r, box in self.boxes.items() if box.isChecked()]


class AccountsPanel(Page):
    tables = frozenset({"accounts", "people"})

    def __init__(self, controller: Any, parent: QWidget | None = None) -> None:
        super().__init__(controller, parent)
        layout = QVBoxLayout(self)
        row = QHBoxLayout()
        self.buttons: dict[str, QPushButton] = {}
        for key, text, slot in (
                ("new", self.tr("新建账号…"), self._new),
                ("roles", self.tr("设置角色…"), self._roles),
                ("toggle", self.tr("停用 / 启用"), self._toggle),
                ("password", self.tr("重置密码…"), self._password),
                ("unlock", self.tr("解除锁定"), self._unlock)):
            button = QPushButton(text)
            button.setObjectName(f"account_{key}")
            button.clicked.connect(slot)
            self.buttons[key] = button
            row.addWidget(button)
        row.addStretch(1)
        layout.addLayout(row)
        self.table = read_only_table([self.tr("用户名"), self.tr("人员"), self.tr("角色"),
                                      self.tr("状态"), self.tr("密码错误")], "accounts_table")
        layout.addWidget(self.table)
        self.note = QLabel(self.tr("只有管理员可以管理账号。"))
        layout.addWidget(self.note)
        self.rows: list[dict[str, Any]] = []
        self.people: list[dict[str, Any]] = []
        self.refresh()

    def refresh(self) -> None:
        if not self.allowed("account.manage"):
            self.table.setVisible(False)
            for button in self.buttons.values():
                button.setEnabled(False)
            return
        self.note.setVisible(False)

        def load(session: Any) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
            return accounts.list_accounts(session), directory.list_people(session)
        self.worker.call(load, self.session, on_done=self._show)

    def _show(self, data: tuple[list[dict[str, Any]], list[dict[str, Any]]]) -> None:
        self.rows, self.people = data
        now = time.time()
        self.table.setRowCount(len(self.rows))
        for i, a in enumerate(self.rows):
            roles = "、".join(translate("roles", ROLE_LABELS[r]) for r in Role
                             if r in parse_roles(a["roles"]))
            state = self.tr("有效") if a["active"] else self.tr("已停用")
            if a["locked_until"] and a["locked_until"] > now:
                state += self.tr("，已锁定")
            for j, value in enumerate([a["username"], a["person_name"] or "", roles, state,
                                       str(a["failures"] or 0)]):
                self.table.setItem(i, j, QTableWidgetItem(value))

    def _selected(self) -> dict[str, Any] | None:
        row = self.table.currentRow()
        return self.rows[row] if 0 <= row < len(self.rows) else None

    def _new(self) -> None:
        dialog = AccountDialog(self, self.people)
        if dialog.exec():
            self.call(accounts.create_account, **dialog.values())

    def _roles(self) -> None:
        account = self._selected()
        if account:
            dialog = RolesDialog(self, parse_roles(account["roles"]))
            if dialog.exec():
                self.call(accounts.set_roles, account["id"], dialog.roles())

    def _toggle(self) -> None:
        account = self._selected()
        if account:
            self.call(accounts.set_active, account["id"], not account["active"])

    def _password(self) -> None:
        account = self._selected()
        if not account:
            return
        text, ok = QInputDialog.getText(
            self, self.tr("重置密码"), self.tr("为 {name} 设置新密码（至少 8 位）：").format(
                name=account["username"]), QLineEdit.EchoMode.Password)
        if ok:
            self.call(accounts.reset_password, account["id"], text)

    def _unlock(self) -> None:
        account = self._selected()
        if account:
            self.call(accounts.unlock, account["username"], on_done=lambda _c: self.refresh())
