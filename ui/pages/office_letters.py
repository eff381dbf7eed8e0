"""执法监督意见书 (a tab of 接收下级报送): every letter this office issued and the answer its unit
sent up.

A unit chooser (全部单位 or one) above a table: 单位, 编号, 整改期限, 下发 (when the
letter went down in an instructions file), 答复 (未答复 / 草稿（未签发）/ ✓ 已答复 with the
signature verified here / ✗ with the reason), 签发人, 签发时间, 印证资料 (how many, how many not
received) and 逾期 (已逾期 in red, 逾期答复 when answered after the deadline). A double-click
opens :class:`OfficeLetterView`: the letter and the answer with its files (a double-click opens
a file the office holds) and 导出… (the form, xlsx or PDF). The data is
``office_letters.letter_answers_at_office``, read on the worker, again when letters are issued
or packages imported.
"""
from __future__ import annotations

import html
from typing import Any

from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QColor, QDesktopServices
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QTableWidgetItem,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from models import office_letters, office_units
from models.evidence import format_size
from models.session import Session

from ..i18n import translate
from ..widgets import read_only_table
from .audit_panel import local_time
from .base import Page
from .letter_answer import OK_COLOR, STALE_COLOR, reason_text, signature_text
from .letter_dialog import OVERDUE_COLOR, letter_html, problems_text


def _load(session: Session, unit_code: str | None) -> tuple[list[dict[str, Any]],
                                                            list[dict[str, Any]]]:
    return (office_units.list_units(session),
            office_letters.letter_answers_at_office(session, unit_code))


def answer_state(row: dict[str, Any]) -> tuple[str, str | None]:
    """The 答复 cell of a letter: text and colour."""
    if row["state"] == "none":
        return translate("OfficeLetters", "未答复"), None
    if row["state"] == "draft":
        if row["verified"] == "stale":
            return translate("OfficeLetters", "签发后又修改，未重新签发"), STALE_COLOR
        return translate("OfficeLetters", "草稿（未签发）"), None
    if row["verified"] == "valid":
        return translate("OfficeLetters", "✓ 已答复，签名有效"), OK_COLOR
    if row["verified"] == "stale":
        return translate("OfficeLetters", "⚠ 已答复，签名与内容不符"), STALE_COLOR
    return translate("OfficeLetters", "✗ 已答复，签名无效：{reason}").format(
        reason=reason_text((row["answer"] or {}).get("signature", {}).get("reason"))), \
        OVERDUE_COLOR


class OfficeLetters(Page):
    """The issued letters and their answers (see the module doc)."""

    tables = frozenset({"supervision_letters", "office_records", "office_packages",
                        "office_units"})

    def __init__(self, controller: Any, parent: QWidget | None = None) -> None:
        super().__init__(controller, parent)
        self.rows: list[dict[str, Any]] = []
        self.units: list[dict[str, Any]] = []
        self.dialog: QDialog | None = None
        layout = QVBoxLayout(self)
        head = QHBoxLayout()
        head.addWidget(QLabel(self.tr("下级单位")))
        self.unit_combo = QComboBox()
        self.unit_combo.setObjectName("letters_unit")
        self.unit_combo.addItem(self.tr("全部单位"), None)
        self.unit_combo.currentIndexChanged.connect(lambda _i: self.refresh())
        head.addWidget(self.unit_combo)
        self.summary = QLabel()
        self.summary.setObjectName("letters_summary")
        head.addWidget(self.summary, 1)
        self.open_button = QPushButton(self.tr("查看…"))
        self.open_button.setObjectName("open_letter")
        self.open_button.clicked.connect(lambda _c=False: self.show_letter(
            self.table.currentRow()))
        head.addWidget(self.open_button)
        layout.addLayout(head)
        self.table = read_only_table(
            [self.tr("单位"), self.tr("编号"), self.tr("整改期限"), self.tr("下发"), self.tr("答复"), self.tr("签发人"), self.tr("签发时间"),
             self.tr("印证资料"), self.tr("逾期")], "issued_letters")
        self.table.cellDoubleClicked.connect(lambda r, _c: self.show_letter(r))
        layout.addWidget(self.table, 1)
        note = QLabel(self.tr(
            "答复随下级单位的报送包（含“执法监督意见书的答复”“签名和签名密钥”“审计记录”）送达；签名由本机"
            "用该单位报送的签名密钥核验。已逾期：超过整改期限仍未收到签名有效的答复。"))
        note.setWordWrap(True)
        note.setStyleSheet("color: #555;")
        layout.addWidget(note)
        self.refresh()

    # --- loading ---------------------------------------------------------------------------------

    def refresh(self) -> None:
        self.call(_load, self.unit_combo.currentData(), on_done=self._show)

    def _show(self, data: tuple[list[dict[str, Any]], list[dict[str, Any]]]) -> None:
        self.units, self.rows = data
        current = self.unit_combo.currentData()
        self.unit_combo.blockSignals(True)
        self.unit_combo.clear()
        self.unit_combo.addItem(self.tr("全部单位"), None)
        for u in self.units:
            self.unit_combo.addItem(f"{u['name']}（{u['code']}）", u["code"])
        self.unit_combo.setCurrentIndex(max(0, self.unit_combo.findData(current)))
        self.unit_combo.blockSignals(False)
        names = {u["code"]: u["name"] for u in self.units}
        table = self.table
        table.setRowCount(len(self.rows))
        for r, row in enumerate(self.rows):
            answer = row["answer"] or {}
            sig = answer.get("signature") or {}
            files = answer.get("files") or []
            missing = sum(1 for f in files if not f["present"])
            state, color = answer_state(row)
            if row["overdue"]:
                late = self.tr("已逾期")
            elif row["late"]:
                late = self.tr("逾期答复")
            else:
                late = ""
            file_text = self.tr("{n} 个").format(n=len(files)) if files else "—"
            if missing:
                file_text += self.tr("（{n} 个未收到）").format(n=missing)
            signed = sig.get("status") not in (None, "unsigned")
            values = [names.get(row["unit_code"], row["unit_name"]), row["number"],
                      row["deadline"] or self.tr("未设定"),
                      local_time(row["sent_at"])[:10] if row["sent_at"] else self.tr("未下发"),
                      state, sig.get("signer", "") if signed else "",
                      local_time(sig["signed_at"])[:16] if signed and sig.get("signed_at") else "",
                      file_text, late]
            for c, value in enumerate(values):
                item = QTableWidgetItem(value)
                item.setData(Qt.ItemDataRole.UserRole, row["id"])
                if c == 1:
                    item.setToolTip(problems_text(row["problems"]))
                if row["overdue"]:
                    item.setForeground(QColor(OVERDUE_COLOR))
                elif c == 4 and color:
                    item.setForeground(QColor(color))
                table.setItem(r, c, item)
        answered = sum(1 for row in self.rows if row["answered"])
        overdue = sum(1 for row in self.rows if row["overdue"])
        self.summary.setText(self.tr("共 {n} 份，已答复 {answered} 份，已逾期 {overdue} 份").format(
            n=len(self.rows), answered=answered, overdue=overdue))
        self.summary.setStyleSheet(f"color: {OVERDUE_COLOR};" if overdue else "color: #555;")
        self.open_button.setEnabled(bool(self.rows))

    # --- one letter ------------------------------------------------------------------------------

    def show_letter(self, row: int) -> OfficeLetterView | None:
        item = self.table.item(row, 0)
        if item is None:
            return None
        lid = item.data(Qt.ItemDataRole.UserRole)
        letter = next((r for r in self.rows if r["id"] == lid), None)
        if letter is None:
            return None
        if self.dialog is not None:
            self.dialog.deleteLater()
        view = OfficeLetterView(self, letter)
        self.dialog = view
        view.open()
        return view


def answer_html(row: dict[str, Any]) -> str:
    """The answer part of the letter view, as rich text (everything escaped)."""
    e = html.escape
    answer = row["answer"]
    title = translate("OfficeLetters", "整改情况答复")
    out = [f"<h3>{e(title)}</h3>"]
    if answer is None:
        none = translate("OfficeLetters", "尚未收到该单位的答复。")
        out.append(f"<p>{e(none)}</p>")
    else:
        state, color = answer_state(row)
        style = f" style='color:{color}'" if color else ""
        out.append(f"<p{style}><b>{e(state)}</b></p>")
        sig = answer["signature"]
        if sig["status"] != "unsigned":
            text, color = signature_text(sig)
            style = f" style='color:{color}'" if color else ""
            out.append(f"<p{style}>{e(text)}</p>")
        label = translate("OfficeLetters", "整改情况")
        measures = e(answer["measures"] or translate("OfficeLetters", "（未填写）"))
        out.append(f"<p><b>{e(label)}：</b><br>{measures.replace(chr(10), '<br>')}</p>")
    if row["overdue"]:
        text = translate("OfficeLetters", "已超过整改期限，尚未收到签名有效的答复。")
        out.append(f"<p style='color:{OVERDUE_COLOR}'><b>{e(text)}</b></p>")
    elif row["late"]:
        text = translate("OfficeLetters", "答复签发时已超过整改期限。")
        out.append(f"<p style='color:{STALE_COLOR}'>{e(text)}</p>")
    return "".join(out)


class OfficeLetterView(QDialog):
    """One issued letter with the answer received, read-only; 导出… writes its form."""

    def __init__(self, page: OfficeLetters, row: dict[str, Any]) -> None:
        super().__init__(page)
        self.page = page
        self.row = row
        self.setWindowTitle(self.tr("执法监督意见书 {number}").format(number=row["number"]))
        self.resize(720, 760)
        layout = QVBoxLayout(self)
        self.text = QTextBrowser()
        self.text.setObjectName("letter")
        self.text.setHtml(letter_html(row) + answer_html(row))
        layout.addWidget(self.text, 3)
        layout.addWidget(QLabel(self.tr("印证资料（双击打开本机收到的文件）")))
        self.files = QListWidget()
        self.files.setObjectName("answer_files")
        self.files.setMaximumHeight(110)
        for f in (row["answer"] or {}).get("files", []):
            text = f"{f['original_name']}（{format_size(int(f['size'] or 0))}）"
            if not f["present"]:
                text += self.tr("——文件未收到")
            item = QListWidgetItem(text)
            item.setData(Qt.ItemDataRole.UserRole, f)
            item.setToolTip(f"SHA-256 {f['sha256']}")
            if not f["present"]:
                item.setForeground(QColor(OVERDUE_COLOR))
            self.files.addItem(item)
        self.files.itemDoubleClicked.connect(self.open_file)
        layout.addWidget(self.files, 1)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.export_button = buttons.addButton(self.tr("导出…"),
                                               QDialogButtonBox.ButtonRole.ActionRole)
        self.export_button.setObjectName("export")
        self.export_button.clicked.connect(lambda _c=False: self.export())
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

    def open_file(self, item: QListWidgetItem) -> None:
        f = item.data(Qt.ItemDataRole.UserRole)
        if f.get("path"):
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(f["path"])))

    def export(self) -> Any:
        from models import letter_forms

        from .export_dialog import form_name, open_export
        lid = int(self.row["id"])

        def build(session: Session, _code: str, options: Any) -> Any:
            return letter_forms.office_letter_form(session, lid, options)

        return open_export(self.page, forms=[("letter", form_name("letter"))], build=build,
                           parent=self, scope=self.tr(
                               "导出执法监督意见书 {number} 及{unit}的整改情况答复。").format(
                               number=self.row["number"], unit=self.row["unit_name"]))
