"""签名密钥 (in 设置): one's own signing key, the unit seal key, every key of the unit, and for
chiefs the unit's decryption key for encrypted packages (``ui.pages.decryption_keys``).

Everything that uses a private key (create, rotate, revoke, export the enrollment file, sign a
file, give the seal key to another chief) asks the passphrase in a :class:`PassphraseDialog`
and runs on the database worker; file choices go through ``QFileDialog``. The core checks the
permissions again: ``key.own`` for one's own key, ``key.seal`` for the unit seal key,
``key.read`` (everyone) for the lists and public keys.
"""
from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any, Callable

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (QFileDialog, QFormLayout, QGridLayout, QGroupBox, QHBoxLayout,
                               QLabel, QLineEdit, QMessageBox, QPushButton, QScrollArea,
                               QTableWidgetItem, QVBoxLayout, QWidget)

from models import directory, keys
from models.i18n import QT_TRANSLATE_NOOP
from models.session import Session

from ..i18n import translate
from ..style import heading
from ..widgets import read_only_table
from .audit_panel import local_time
from .base import Page
from .passphrase_dialog import PassphraseDialog

LAST_FOLDER_KEY = "keys/last_folder"
CONTEXT = "keys_panel"
STATES = {"active": QT_TRANSLATE_NOOP("keys_panel", "有效"),
          "retired": QT_TRANSLATE_NOOP("keys_panel", "已更换（停用）"),
          "revoked": QT_TRANSLATE_NOOP("keys_panel", "已吊销")}
KINDS = {"person": QT_TRANSLATE_NOOP("keys_panel", "个人签名密钥"),
         "seal": QT_TRANSLATE_NOOP("keys_panel", "单位签章密钥")}
STATEMENTS = {"rotation": QT_TRANSLATE_NOOP("keys_panel", "更换"),
              "revocation": QT_TRANSLATE_NOOP("keys_panel", "吊销")}
NO_KEY = QT_TRANSLATE_NOOP("keys_panel", "尚未生成")
FINGERPRINT_STYLE = "font-family: Consolas, 'DejaVu Sans Mono', 'Noto Sans Mono', monospace;"
INVALID_COLOR = "#b00020"
_UNSAFE = re.compile(r'[\\/:*?"<>|\x00-\x1f]')


def _load(session: Session) -> tuple[list[dict[str, Any]], list[dict[str, Any]], str]:
    """Every key, every statement, and the own unit's name."""
    unit = directory.get_own_unit(session)
    return keys.list_keys(session), keys.list_statements(session), unit["name"] if unit else ""


def _save_public_key(session: Session, key_id: str, path: str) -> Path:
    from models import enrollment, files
    return files.write_file(path, enrollment.public_key_file(session, key_id))


def _save_enrollment(session: Session, key_id: str, passphrase: str, path: str) -> Path:
    from models import enrollment, files
    return files.write_file(path, enrollment.enrollment_file(session, key_id, passphrase))


def _sign_file(session: Session, path: str, passphrase: str, seal: bool) -> Path:
    from models import enrollment
    return enrollment.sign_file(session, path, passphrase, seal=seal)


def safe_name(text: str) -> str:
    """``text`` usable as a file name on Windows and Linux."""
    return _UNSAFE.sub("-", text).strip(" .") or "key"


class FieldsBody(QWidget):
    """Line edits shown in a passphrase dialog. What is typed is copied to :attr:`values` at
    once, so the action on the worker reads plain strings, never a widget."""

    def __init__(self, fields: list[tuple[str, str, bool]], parent: QWidget | None = None
                 ) -> None:
        super().__init__(parent)
        form = QFormLayout(self)
        form.setContentsMargins(0, 0, 0, 0)
        self.edits: dict[str, QLineEdit] = {}
        self.values: dict[str, str] = {}
        self.secrets: list[str] = []
        for name, label, secret in fields:
            edit = QLineEdit()
            edit.setObjectName(name)
            if secret:
                edit.setEchoMode(QLineEdit.EchoMode.Password)
                self.secrets.append(name)
            edit.textChanged.connect(lambda text, key=name: self.values.__setitem__(key, text))
            self.values[name] = ""
            self.edits[name] = edit
            form.addRow(label, edit)

    def clear(self) -> None:
        for edit in self.edits.values():
            edit.clear()

    def clear_secrets(self) -> None:
        """Forget what was typed into the password fields (after every attempt)."""
        for name in self.secrets:
            self.edits[name].clear()


class KeyBox(QGroupBox):
    """One key: its fingerprint large and selectable, its state, a note, its buttons."""

    def __init__(self, title: str, prefix: str, parent: QWidget | None = None) -> None:
        super().__init__(title, parent)
        self.setObjectName(f"{prefix}_box")
        layout = QVBoxLayout(self)
        self.fingerprint = heading(QLabel("—"), 1.6)
        self.fingerprint.setObjectName(f"{prefix}_fingerprint")
        self.fingerprint.setStyleSheet(FINGERPRINT_STYLE)
        self.fingerprint.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(self.fingerprint)
        self.state = QLabel()
        self.state.setObjectName(f"{prefix}_state")
        self.state.setWordWrap(True)
        layout.addWidget(self.state)
        self.note = QLabel()
        self.note.setObjectName(f"{prefix}_note")
        self.note.setWordWrap(True)
        self.note.setStyleSheet("color: #555;")
        layout.addWidget(self.note)
        self.grid = QGridLayout()
        for col in range(3):
            self.grid.setColumnStretch(col, 1)
        layout.addLayout(self.grid)
        layout.addStretch(1)
        self.buttons: list[QPushButton] = []

    def add_button(self, button: QPushButton) -> None:
        self.buttons.append(button)
        self._place([b.objectName() for b in self.buttons])

    def _place(self, names: list[str]) -> None:
        """Lay out the buttons named in ``names``, three to a row, and hide the others."""
        for button in self.buttons:
            self.grid.removeWidget(button)
        n = 0
        for button in self.buttons:
            shown = button.objectName() in names
            button.setVisible(shown)
            if shown:
                self.grid.addWidget(button, n // 3, n % 3)
                n += 1

    def show_key(self, row: dict[str, Any] | None, state: str, note: str,
                 visible: set[str]) -> None:
        self.fingerprint.setText(row["fingerprint"] if row else translate(CONTEXT, NO_KEY))
        self.state.setText(state)
        self.state.setVisible(bool(state))
        self.note.setText(note)
        self.note.setVisible(bool(note))
        self._place([b.objectName() for b in self.buttons if b.objectName() in visible])


class KeysPanel(Page):
    """The acting account's key, the unit seal key, all keys and statements of the unit."""

    tables = frozenset({"signing_keys", "key_holders", "key_statements", "decryption_keys",
                        "decryption_key_holders"})

    def __init__(self, controller: Any, parent: QWidget | None = None) -> None:
        super().__init__(controller, parent)
        self.can_own = self.allowed("key.own")
        self.can_seal = self.allowed("key.seal")
        self.can_decrypt = self.allowed("key.decryption")
        self.rows: list[dict[str, Any]] = []
        self.statements: list[dict[str, Any]] = []
        self.unit_name = ""
        self.own: dict[str, Any] | None = None
        self.seal: dict[str, Any] | None = None
        self.buttons: dict[str, QPushButton] = {}
        self.table_rows: list[dict[str, Any]] = []
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        content = QWidget()
        scroll.setWidget(content)
        outer.addWidget(scroll)
        layout = QVBoxLayout(content)
        hint = QLabel(self.tr(
            "签名口令就是您的登录密码：生成、更换、吊销密钥，导出登记文件和签署文件时都要输入它；"
            "修改登录密码后口令随之改变。私钥只以加密形式保存在本机，任何人（包括管理员）都读不到。"))
        hint.setObjectName("hint")
        hint.setWordWrap(True)
        layout.addWidget(hint)
        boxes = QHBoxLayout()
        self.own_box = KeyBox(self.tr("我的签名密钥"), "own")
        self.seal_box = KeyBox(self.tr("单位签章密钥"), "seal")
        self._add(self.own_box, "create_own", self.tr("生成签名密钥…"), self._create_own)
        self._add(self.own_box, "rotate_own", self.tr("更换密钥…"), lambda: self._rotate(self.own))
        self._add(self.own_box, "revoke_own", self.tr("吊销…"), lambda: self._revoke(self.own))
        self._add(self.own_box, "export_own_pub", self.tr("导出公钥…"),
                  lambda: self._export_public_key(self.own))
        self._add(self.own_box, "export_own_enrollment", self.tr("导出登记文件…"),
                  lambda: self._export_enrollment(self.own))
        self._add(self.own_box, "sign_own", self.tr("签署文件…"), lambda: self._sign(False))
        self._add(self.seal_box, "create_seal", self.tr("生成单位签章密钥…"), self._create_seal)
        self._add(self.seal_box, "rotate_seal", self.tr("更换密钥…"),
                  lambda: self._rotate(self.seal))
        self._add(self.seal_box, "revoke_seal", self.tr("吊销…"), lambda: self._revoke(self.seal))
        self._add(self.seal_box, "export_seal_pub", self.tr("导出公钥…"),
                  lambda: self._export_public_key(self.seal))
        self._add(self.seal_box, "export_seal_enrollment", self.tr("导出登记文件…"),
                  lambda: self._export_enrollment(self.seal))
        self._add(self.seal_box, "sign_seal", self.tr("签署文件…"), lambda: self._sign(True))
        self._add(self.seal_box, "give_seal", self.tr("交给另一位负责人…"), self._give_seal)
        boxes.addWidget(self.own_box, 1)
        boxes.addWidget(self.seal_box, 1)
        layout.addLayout(boxes)
        from .decryption_keys import DecryptionSection
        self.decryption = DecryptionSection(self)
        self.decryption.setVisible(self.can_decrypt)
        for button in self.decryption.buttons.values():
            button.setVisible(self.can_decrypt)
        self.buttons.update(self.decryption.buttons)
        layout.addWidget(self.decryption)
        layout.addWidget(self._all_keys_box(), 1)
        self._update_table_buttons()
        self.refresh()

    def _add(self, box: KeyBox, name: str, text: str, slot: Callable[[], None]) -> None:
        button = QPushButton(text)
        button.setObjectName(name)
        button.clicked.connect(lambda _checked=False: slot())
        box.add_button(button)
        self.buttons[name] = button

    def _all_keys_box(self) -> QGroupBox:
        box = QGroupBox(self.tr("本单位全部密钥"))
        layout = QVBoxLayout(box)
        self.keys_table = read_only_table(
            [self.tr("类型"), self.tr("人员/持有人"), self.tr("指纹"), self.tr("状态"),
             self.tr("生成时间"), self.tr("停用/吊销时间")], "keys_table")
        self.keys_table.setMinimumHeight(150)
        self.keys_table.currentCellChanged.connect(lambda *_a: self._update_table_buttons())
        layout.addWidget(self.keys_table, 2)
        row = QHBoxLayout()
        for name, text, slot in (
                ("export_selected_pub", self.tr("导出所选密钥的公钥…"),
                 lambda: self._export_public_key(self.selected())),
                ("revoke_person", self.tr("吊销人员密钥…"), self._revoke_person)):
            button = QPushButton(text)
            button.setObjectName(name)
            button.clicked.connect(lambda _checked=False, s=slot: s())
            self.buttons[name] = button
            row.addWidget(button)
        row.addStretch(1)
        layout.addLayout(row)
        self.buttons["revoke_person"].setVisible(self.can_seal)
        layout.addWidget(QLabel(self.tr("更换和吊销记录（每条记录由相关密钥签名）")))
        self.statements_table = read_only_table(
            [self.tr("时间"), self.tr("类型"), self.tr("密钥"), self.tr("签名"), self.tr("原因")],
            "statements_table")
        self.statements_table.setMinimumHeight(110)
        layout.addWidget(self.statements_table, 1)
        return box

    # --- loading ---------------------------------------------------------------------------------

    def refresh(self) -> None:
        self.call(_load, on_done=self._show)
        if self.can_decrypt:
            self.decryption.refresh()

    def _holds(self, row: dict[str, Any] | None) -> bool:
        return bool(row) and str(self.session.account_id) in (row["holder_accounts"] or "").split(",")

    def _show(self, data: tuple[list[dict[str, Any]], list[dict[str, Any]], str]) -> None:
        self.rows, self.statements, self.unit_name = data
        person = self.session.person_id
        mine = [r for r in self.rows if r["kind"] == "person" and person is not None
                and r["person_id"] == person]
        self.own = next((r for r in reversed(mine) if r["status"] == "active"
                         and self._holds(r)), None)
        seals = [r for r in self.rows
                 if r["kind"] == "seal" and r["unit_id"] == self.session.unit_id]
        self.seal = next((r for r in reversed(seals) if r["status"] == "active"), None)
        self._show_own(mine[-1] if mine else None)
        self._show_seal()
        self._show_tables()

    def _state_line(self, row: dict[str, Any], holders: bool = False) -> str:
        text = self.tr("状态：{state}　生成时间：{created}").format(
            state=translate(CONTEXT, STATES[row["status"]]), created=local_time(row["created_at"]))
        if holders:
            text += self.tr("　持有人：{names}").format(
                names=row["holders"] or "—")
        return text

    def _show_own(self, latest: dict[str, Any] | None) -> None:
        box, own = self.own_box, self.own
        if not self.can_own:
            box.show_key(None, "", self.tr("个人签名密钥供执法队员、法制审核人员和负责人签字使用，"
                                           "您的角色不需要。"), set())
        elif self.session.person_id is None:
            box.show_key(None, "", self.tr("该账号未关联人员，不能生成个人签名密钥。"
                                           "请管理员在“账号”中为它关联人员。"), set())
        elif own is None:
            state = ""
            if latest is not None:
                state = self.tr("上一个密钥 {fingerprint} {state}。").format(
                    fingerprint=latest["fingerprint"],
                    state=translate(CONTEXT, STATES[latest["status"]]))
            box.show_key(None, state, self.tr("生成后即可签字确认本人负责的问题，并签署报送的文件。"),
                         {"create_own"})
        else:
            box.show_key(own, self._state_line(own), "",
                         {"rotate_own", "revoke_own", "export_own_pub", "export_own_enrollment",
                          "sign_own"})

    def _show_seal(self) -> None:
        box, seal = self.seal_box, self.seal
        if seal is None:
            note = self.tr("单位签章密钥代表本单位（相当于公章），由负责人生成和保管。")
            box.show_key(None, "", note, {"create_seal"} if self.can_seal else set())
        elif self.can_seal and self._holds(seal):
            box.show_key(seal, self._state_line(seal, holders=True), "",
                         {"rotate_seal", "revoke_seal", "export_seal_pub",
                          "export_seal_enrollment", "sign_seal", "give_seal"})
        elif self.can_seal:
            box.show_key(seal, self._state_line(seal, holders=True), self.tr(
                "您尚未持有单位签章密钥。请持有它的负责人用“交给另一位负责人…”交给您。"),
                {"export_seal_pub"})
        else:
            box.show_key(seal, self._state_line(seal, holders=True), self.tr(
                "单位签章密钥由负责人保管。您可以导出它的公钥，供他人校验本单位签署的文件。"),
                {"export_seal_pub"})

    def _fingerprint_of(self, key_id: str) -> str:
        return next((r["fingerprint"] for r in self.rows if r["key_id"] == key_id), key_id[:16])

    def _show_tables(self) -> None:
        current = self.selected()
        rows = list(reversed(self.rows))
        self.table_rows = rows
        self.keys_table.setRowCount(len(rows))
        for r, row in enumerate(rows):
            if row["kind"] == "person":
                who = row["person_name"] or ""
            else:
                who = self.tr("持有人：{names}").format(
                    names=row["holders"] or "—")
            ended = row["revoked_at"] or row["retired_at"]
            values = [translate(CONTEXT, KINDS[row["kind"]]), who, row["fingerprint"],
                      translate(CONTEXT, STATES[row["status"]]), local_time(row["created_at"]),
                      local_time(ended) if ended else ""]
            for c, value in enumerate(values):
                item = QTableWidgetItem(value)
                if row["status"] != "active":
                    item.setForeground(QColor("#8a8a8a"))
                self.keys_table.setItem(r, c, item)
        ids = [row["key_id"] for row in rows]
        if current is not None and current["key_id"] in ids:
            self.keys_table.setCurrentCell(ids.index(current["key_id"]), 0)
        self.statements_table.setRowCount(len(self.statements))
        for r, st in enumerate(reversed(self.statements)):
            body = _statement_body(st)
            if st["kind"] == "rotation":
                key = f"{self._fingerprint_of(body.get('old_key_id', ''))} → " \
                      f"{self._fingerprint_of(body.get('new_key_id', ''))}"
            else:
                key = self._fingerprint_of(st["key_id"])
            reason = str(body.get("reason", ""))
            if st["kind"] == "revocation" and body.get("signed_by") != st["key_id"]:
                reason += self.tr("（以单位签章密钥签署）")
            values = [local_time(st["created_at"]), translate(CONTEXT, STATEMENTS[st["kind"]]),
                      key, self.tr("签名有效") if st["valid"] else self.tr("签名无效"), reason]
            for c, value in enumerate(values):
                item = QTableWidgetItem(value)
                if c == 3 and not st["valid"]:
                    item.setForeground(QColor(INVALID_COLOR))
                self.statements_table.setItem(r, c, item)
        self._update_table_buttons()

    def selected(self) -> dict[str, Any] | None:
        row = self.keys_table.currentRow()
        return self.table_rows[row] if 0 <= row < len(self.table_rows) else None

    def _update_table_buttons(self) -> None:
        row = self.selected()
        self.buttons["export_selected_pub"].setEnabled(row is not None)
        self.buttons["revoke_person"].setEnabled(
            row is not None and row["kind"] == "person" and row["status"] != "revoked"
            and self._holds(self.seal))

    # --- helpers ---------------------------------------------------------------------------------

    def _folder(self) -> str:
        return str(self.controller.settings.value(LAST_FOLDER_KEY, "") or "")

    def _remember(self, path: str) -> None:
        self.controller.settings.setValue(LAST_FOLDER_KEY, str(Path(path).parent))

    def _ask(self, *, title: str, intro: str, button: str,
             action: Callable[[Session, str], Any], body: QWidget | None = None
             ) -> tuple[bool, Any]:
        """Run ``action`` behind the passphrase dialog: (accepted, its result)."""
        dialog = PassphraseDialog(self, title=title, intro=intro, button_text=button,
                                  action=action, body=body)
        accepted = bool(dialog.exec())
        result = dialog.result_value
        if isinstance(body, FieldsBody):
            body.clear()
        dialog.deleteLater()
        return accepted, result

    def _reason_body(self, label: str) -> FieldsBody:
        return FieldsBody([("reason", label, False)])

    def _key_label(self, row: dict[str, Any]) -> str:
        if row["kind"] == "seal":
            return self.tr("单位签章密钥 {fingerprint}").format(fingerprint=row["fingerprint"])
        return self.tr("{name}的签名密钥 {fingerprint}").format(
            name=row["person_name"] or "", fingerprint=row["fingerprint"])

    def _pub_name(self, row: dict[str, Any]) -> str:
        if row["kind"] == "seal":
            name = self.tr("{unit}-单位签章公钥-{fingerprint}.pub").format(
                unit=self.unit_name, fingerprint=row["fingerprint"])
        else:
            name = self.tr("{name}-签名公钥-{fingerprint}.pub").format(
                name=row["person_name"] or "", fingerprint=row["fingerprint"])
        return safe_name(name)

    # --- creating --------------------------------------------------------------------------------

    def _create_own(self) -> None:
        self._ask(title=self.tr("生成签名密钥"), button=self.tr("生成"),
                  intro=self.tr("将为{name}生成个人签名密钥。私钥以您的登录密码加密后保存在本机。"
                                "请输入登录密码确认。").format(name=self.session.person_name),
                  action=keys.create_own_key)

    def _create_seal(self) -> None:
        self._ask(title=self.tr("生成单位签章密钥"), button=self.tr("生成"),
                  intro=self.tr("将为本单位生成单位签章密钥（相当于公章），由您持有；"
                                "之后可交给其他负责人各持一份。请输入登录密码确认。"),
                  action=keys.create_seal_key)

    # --- rotating, revoking ----------------------------------------------------------------------

    def _rotate(self, row: dict[str, Any] | None) -> None:
        if row is None:
            return
        key_id = row["key_id"]
        body = self._reason_body(self.tr("更换原因"))
        intro = self.tr("更换{key}：生成新密钥，旧密钥停用；新旧两个密钥共同签署一份更换记录，"
                        "已登记旧密钥的上级单位可据此信任新密钥。").format(key=self._key_label(row))
        if row["kind"] == "seal":
            intro += self.tr("新的单位签章密钥只由您持有，请再交给其他负责人。")
        accepted, _r = self._ask(
            title=self.tr("更换密钥"), intro=intro, button=self.tr("更换"), body=body,
            action=lambda s, p: keys.rotate_key(s, key_id, p, body.values["reason"]))
        if accepted:
            QMessageBox.information(self, self.tr("更换密钥"), self.tr(
                "密钥已更换。请重新导出公钥和登记文件，交给上级单位和需要校验签名的人。"))

    def _confirm(self, title: str, text: str) -> bool:
        answer = QMessageBox.question(self, title, text, QMessageBox.StandardButton.Yes
                                      | QMessageBox.StandardButton.Cancel,
                                      QMessageBox.StandardButton.Cancel)
        return answer == QMessageBox.StandardButton.Yes

    def _revoke(self, row: dict[str, Any] | None) -> None:
        if row is None:
            return
        key_id = row["key_id"]
        if not self._confirm(self.tr("吊销密钥"), self.tr(
                "确定吊销{key}吗？吊销后它不能再签名，也不能恢复；已签署的内容仍可用其公钥校验，"
                "但会显示该密钥已吊销。").format(key=self._key_label(row))):
            return
        body = self._reason_body(self.tr("吊销原因"))
        self._ask(title=self.tr("吊销密钥"), button=self.tr("吊销"), body=body,
                  intro=self.tr("吊销{key}。吊销记录由该密钥本身签名。").format(
                      key=self._key_label(row)),
                  action=lambda s, p: keys.revoke_key(s, key_id, p, body.values["reason"]))

    def _revoke_person(self) -> None:
        row = self.selected()
        if row is None or row["kind"] != "person":
            return
        key_id = row["key_id"]
        if not self._confirm(self.tr("吊销人员密钥"), self.tr(
                "确定用单位签章密钥吊销{key}吗？适用于本人遗忘口令、离职或密钥可能泄露的情形。"
                "吊销后不能恢复。").format(key=self._key_label(row))):
            return
        body = self._reason_body(self.tr("吊销原因"))
        self._ask(title=self.tr("吊销人员密钥"), button=self.tr("吊销"), body=body,
                  intro=self.tr("吊销{key}。吊销记录由单位签章密钥签名：请输入您的登录密码，"
                                "以解开您持有的单位签章密钥。").format(key=self._key_label(row)),
                  action=lambda s, p: keys.revoke_key_by_seal(s, key_id, p,
                                                              body.values["reason"]))

    def _give_seal(self) -> None:
        body = FieldsBody([("other_username", self.tr("对方的用户名"), False),
                           ("other_password", self.tr("对方的登录密码"), True)])
        accepted, _r = self._ask(
            title=self.tr("交给另一位负责人"), button=self.tr("交给对方"), body=body,
            intro=self.tr("把单位签章密钥交给另一位负责人：先由您输入自己的登录密码解开单位签章密钥，"
                          "再请对方在本机输入他自己的用户名和登录密码。对方的副本以他自己的密码加密，"
                          "双方互不知道对方的密码。"),
            action=lambda s, p: keys.give_seal_key(s, p, body.values["other_username"],
                                                   body.values["other_password"]))
        if accepted:
            QMessageBox.information(self, self.tr("交给另一位负责人"),
                                    self.tr("单位签章密钥已交给对方。"))

    # --- exporting, signing ----------------------------------------------------------------------

    def _export_public_key(self, row: dict[str, Any] | None) -> None:
        if row is None:
            return
        path, _f = QFileDialog.getSaveFileName(
            self, self.tr("导出公钥"), str(Path(self._folder()) / self._pub_name(row)),
            self.tr("minisign 公钥 (*.pub)"))
        if not path:
            return
        if not path.lower().endswith(".pub"):
            path += ".pub"
        self._remember(path)
        self.call(_save_public_key, row["key_id"], path, on_done=lambda written: (
            QMessageBox.information(self, self.tr("导出公钥"), self.tr(
                "已导出公钥：{path}\n\n把它交给需要校验签名的人（最好当面或经可信渠道，不要与被签署的文件"
                "放在同一封邮件里）。对方用以下命令校验您签署的文件：\n"
                "minisign -Vm <文件> -p \"{name}\"").format(path=written, name=Path(written).name))))

    def _export_enrollment(self, row: dict[str, Any] | None) -> None:
        if row is None:
            return
        default = safe_name(self.tr("{label}-登记文件.json").format(
            label=self._pub_name(row).removesuffix(".pub")))
        path, _f = QFileDialog.getSaveFileName(
            self, self.tr("导出登记文件"), str(Path(self._folder()) / default),
            self.tr("登记文件 (*.json)"))
        if not path:
            return
        if not path.lower().endswith(".json"):
            path += ".json"
        self._remember(path)
        key_id = row["key_id"]
        accepted, written = self._ask(
            title=self.tr("导出登记文件"), button=self.tr("签署并导出"),
            intro=self.tr("登记文件写明本单位、{key}的公钥和指纹以及历次更换记录，并由该密钥签名，"
                          "证明确实由持有人导出。把它交给上级单位，上级导入后即可核验本单位报送的签名。"
                          "\n将保存到：{path}").format(key=self._key_label(row), path=path),
            action=lambda s, p: _save_enrollment(s, key_id, p, path))
        if accepted:
            QMessageBox.information(self, self.tr("导出登记文件"), self.tr(
                "已导出登记文件：{path}\n请同时把指纹 {fingerprint} 告诉上级单位（例如电话中读一遍），"
                "以便对方核对。").format(path=written, fingerprint=row["fingerprint"]))

    def _sign(self, seal: bool) -> None:
        row = self.seal if seal else self.own
        if row is None:
            return
        path, _f = QFileDialog.getOpenFileName(self, self.tr("选择要签署的文件"), self._folder(),
                                               self.tr("所有文件 (*)"))
        if not path:
            return
        self._remember(path)
        name = Path(path).name
        body = QLabel(self.tr("文件：{path}\n签名将写入：{signature}").format(
            path=path, signature=path + ".minisig"))
        body.setObjectName("sign_target")
        body.setWordWrap(True)
        body.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        accepted, signature = self._ask(
            title=self.tr("签署文件"), button=self.tr("签署"), body=body,
            intro=self.tr("用{key}签署“{name}”。签名采用通用的 minisign 格式，任何人都可用公钥校验。").format(
                key=self._key_label(row), name=name),
            action=lambda s, p: _sign_file(s, path, p, seal))
        if accepted:
            QMessageBox.information(self, self.tr("签署文件"), self.tr(
                "已签署“{name}”。\n签名文件：{signature}\n\n"
                "校验方法：把文件、签名文件和公钥文件（用“导出公钥…”导出）一起交给对方；"
                "对方安装 minisign 后，在文件所在的文件夹运行：\n"
                "minisign -Vm \"{name}\" -p \"{pub}\"\n"
                "显示 “Signature and comment signature verified” 即文件未被改动、确由本密钥签署。").format(
                name=name, signature=signature, pub=self._pub_name(row)))


def _statement_body(statement: dict[str, Any]) -> dict[str, Any]:
    """The statement's JSON as a dict (empty when it cannot be read)."""
    try:
        body = json.loads(statement["statement"])
    except (TypeError, ValueError):
        return {}
    return body if isinstance(body, dict) else {}
