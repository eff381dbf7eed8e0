"""人员: the own unit's people (name, title, 执法证号, phone, active) and the dialog to edit one."""
from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import (QCheckBox, QDialog, QFormLayout, QHBoxLayout,
                               QLineEdit, QPushButton, QTableWidgetItem, QVBoxLayout, QWidget)

from models import directory
from models.permissions import ROLE_LABELS, parse_roles

from ..i18n import translate
from ..widgets import ok_cancel, read_only_table
from .base import Page


class PersonDialog(QDialog):
    """Add or edit one person; returns the changed fields through :meth:`values`."""

    def __init__(self, parent: QWidget, person: dict[str, Any] | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("编辑人员") if person else self.tr("添加人员"))
        form = QFormLayout(self)
        person = person or {}
        self.name = QLineEdit(person.get("name", ""))
        self.name.setObjectName("name")
        self.title_edit = QLineEdit(person.get("title", ""))
        self.title_edit.setObjectName("title")
        self.cert = QLineEdit(person.get("cert_no", ""))
        self.cert.setObjectName("cert_no")
        self.phone = QLineEdit(person.get("phone", ""))
        self.phone.setObjectName("phone")
        self.active = QCheckBox(self.tr("在岗（取消表示已调离，历史记录保留）"))
        self.active.setChecked(bool(person.get("active", 1)))
        form.addRow(self.tr("姓名"), self.name)
        form.addRow(self.tr("职务"), self.title_edit)
        form.addRow(self.tr("执法证号"), self.cert)
        form.addRow(self.tr("联系电话"), self.phone)
        form.addRow(self.active)
        form.addRow(ok_cancel(self))

    def values(self) -> dict[str, Any]:
        return {"name": self.name.text(), "title": self.title_edit.text(),
                "cert_no": self.cert.text(), "phone": self.phone.text(),
                "active": self.active.isChecked()}


class PeoplePanel(Page):
    tables = frozenset({"people", "accounts"})

    def __init__(self, controller: Any, parent: QWidget | None = None) -> None:
        super().__init__(controller, parent)
        layout = QVBoxLayout(self)
        row = QHBoxLayout()
        self.add_button = QPushButton(self.tr("添加人员…"))
        self.add_button.setObjectName("add_person")
        self.edit_button = QPushButton(self.tr("编辑…"))
        self.add_button.clicked.connect(self._add)
        self.edit_button.clicked.connect(self._edit)
        can_edit = self.allowed("person.manage")
        self.add_button.setEnabled(can_edit)
        self.edit_button.setEnabled(can_edit)
        row.addWidget(self.add_button)
        row.addWidget(self.edit_button)
        row.addStretch(1)
        layout.addLayout(row)
        self.table = read_only_table([self.tr("姓名"), self.tr("职务"), self.tr("执法证号"),
                                      self.tr("联系电话"), self.tr("账号与角色"), self.tr("状态")],
                                     "people_table")
        if can_edit:
            self.table.doubleClicked.connect(lambda _i: self._edit())
        layout.addWidget(self.table)
        self.people: list[dict[str, Any]] = []
        self.refresh()

    def refresh(self) -> None:
        self.worker.call(directory.list_people, self.session, on_done=self._show)

    def _show(self, people: list[dict[str, Any]]) -> None:
        self.people = people
        self.table.setRowCount(len(people))
        for i, p in enumerate(people):
            roles = ""
            if p["username"]:
                labels = [translate("roles", ROLE_LABELS[r]) for r in parse_roles(p["roles"])]
                roles = f"{p['username']}（{'、'.join(labels)}）"
            state = self.tr("在岗") if p["active"] else self.tr("已调离")
            for j, value in enumerate([p["name"], p["title"], p["cert_no"], p["phone"], roles,
                                       state]):
                self.table.setItem(i, j, QTableWidgetItem(value))

    def _add(self) -> None:
        dialog = PersonDialog(self)
        if dialog.exec():
            self.call(directory.add_person, **dialog.values())

    def _edit(self) -> None:
        row = self.table.currentRow()
        if row < 0 or row >= len(self.people):
            return
        person = self.people[row]
        dialog = PersonDialog(self, person)
        if dialog.exec():
            self.call(directory.update_person, person["id"], **dialog.values())
