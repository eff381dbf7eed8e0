"""下发指令 (the office) and 执法监督意见书, shown at both ends.

* :func:`open_instructions` (接收下级报送 → 下发指令…, permission ``office.instruct``) opens
  :class:`InstructionsDialog`: the unit, the campaigns and template versions to send (ticked),
  that unit's letters (not yet sent ones ticked; 新建意见书… opens :class:`LetterDialog`, which
  stores one with ``office_instructions.issue_letter``), and the drive or folder to write to.
  Then the seal-key passphrase (:class:`PassphraseDialog`) runs
  ``office_instructions.write_instructions`` on the worker (the dialog stays busy meanwhile) and a
  message says where the file is.
* :class:`LetterView` shows one letter read-only (the station's 上级来文 tab opens it on a
  double-click).
"""
from __future__ import annotations

import html
from pathlib import Path
from typing import Any, NamedTuple

from PySide6.QtCore import QDate, Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QTableWidgetItem,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from models import campaigns, office_instructions, templates
from models.errors import FieldLedgerError
from models.session import Session

from ..errors import error_message, show_error
from ..i18n import translate
from ..widgets import error_label, ok_cancel, read_only_table
from .audit_panel import local_time
from .passphrase_dialog import PassphraseDialog

LAST_FOLDER_KEY = "instructions/last_folder"
OVERDUE_COLOR = "#b00020"


class Choices(NamedTuple):
    """What the office can send, loaded on the worker."""

    campaigns: list[dict[str, Any]]
    templates: list[dict[str, Any]]


def _load_choices(session: Session) -> Choices:
    return Choices(campaigns.list_campaigns(session),
                   templates.list_templates(session, active_only=True))


def campaign_label(row: dict[str, Any]) -> str:
    """A campaign as the lists show it: title and 文号."""
    return row["title"] + (f"（{row['doc_no']}）" if row.get("doc_no") else "")


def problems_text(problems: list[str]) -> str:
    """Problems numbered, on one line: 1. … 2. …"""
    return "　".join(f"{n}. {p}" for n, p in enumerate(problems, 1))


# --- a new letter ---------------------------------------------------------------------------------

class LetterDialog(QDialog):
    """Write a new 执法监督意见书 to ``unit`` and store it (on the worker); errors inside."""

    def __init__(self, page: Any, unit: dict[str, Any], campaign_rows: list[dict[str, Any]],
                 parent: QWidget | None = None) -> None:
        super().__init__(parent if parent is not None else page)
        self.page = page
        self.unit = unit
        self.changes: Any = None
        self.setWindowTitle(self.tr("新建执法监督意见书"))
        self.setMinimumWidth(560)
        layout = QVBoxLayout(self)
        intro = QLabel(self.tr("发往：{name}（{code}）。意见书保存后，随下一次下发的指令送达该单位。")
                       .format(name=unit["name"], code=unit["code"]))
        intro.setWordWrap(True)
        layout.addWidget(intro)
        form = QFormLayout()
        self.number = QLineEdit()
        self.number.setObjectName("number")
        self.number.setPlaceholderText(self.tr("如 果交执法监〔2024〕3号"))
        form.addRow(self.tr("意见书编号"), self.number)
        self.campaign = QComboBox()
        self.campaign.setObjectName("campaign")
        self.campaign.setEditable(True)
        self.campaign.addItem("")
        for row in campaign_rows:
            self.campaign.addItem(campaign_label(row))
        form.addRow(self.tr("所属专项行动"), self.campaign)
        self.problems = QPlainTextEdit()
        self.problems.setObjectName("problems")
        self.problems.setPlaceholderText(self.tr("每行一个问题"))
        self.problems.setTabChangesFocus(True)
        form.addRow(self.tr("存在的问题"), self.problems)
        self.requirements = QPlainTextEdit()
        self.requirements.setObjectName("requirements")
        self.requirements.setTabChangesFocus(True)
        self.requirements.setMaximumHeight(90)
        form.addRow(self.tr("整改要求"), self.requirements)
        row = QHBoxLayout()
        self.has_deadline = QCheckBox(self.tr("限期"))
        self.has_deadline.setObjectName("has_deadline")
        self.has_deadline.setChecked(True)
        self.deadline = QDateEdit()
        self.deadline.setObjectName("deadline")
        self.deadline.setCalendarPopup(True)
        self.deadline.setDisplayFormat("yyyy-MM-dd")
        self.deadline.setDate(QDate.currentDate().addDays(30))
        self.has_deadline.toggled.connect(self.deadline.setEnabled)
        row.addWidget(self.has_deadline)
        row.addWidget(self.deadline)
        row.addStretch(1)
        form.addRow(self.tr("整改期限"), row)
        layout.addLayout(form)
        self.message = error_label("message")
        self.message.setVisible(False)
        layout.addWidget(self.message)
        self.buttons = ok_cancel(self, self._save)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("保存"))
        layout.addWidget(self.buttons)

    def values(self) -> dict[str, Any]:
        """The letter as typed, in the arguments of ``office_instructions.issue_letter``."""
        return {"unit_code": self.unit["code"], "number": self.number.text(),
                "problems": self.problems.toPlainText().splitlines(),
                "requirements": self.requirements.toPlainText(),
                "deadline": self.deadline.date().toPython() if self.has_deadline.isChecked()
                else None,
                "campaign": self.campaign.currentText().strip()}

    def _save(self) -> None:
        self.buttons.setEnabled(False)
        self.message.setVisible(False)
        values = self.values()
        self.page.worker.call(office_instructions.issue_letter, self.page.session, **values,
                              on_done=self._saved, on_error=self._failed)

    def _saved(self, changes: Any) -> None:
        self.buttons.setEnabled(True)
        self.changes = changes
        self.accept()

    def _failed(self, exc: BaseException) -> None:
        self.buttons.setEnabled(True)
        if isinstance(exc, FieldLedgerError):
            self.message.setText(error_message(exc))
            self.message.setVisible(True)
        else:
            show_error(self, exc)


# --- one letter, read-only ------------------------------------------------------------------------

def letter_html(row: dict[str, Any]) -> str:
    """The whole letter as rich text (everything escaped)."""
    e = html.escape
    label = {"title": translate("letter_dialog", "执法监督意见书"),
             "issuer": translate("letter_dialog", "下发单位"),
             "unit": translate("letter_dialog", "受文单位"),
             "issued": translate("letter_dialog", "签发时间"),
             "deadline": translate("letter_dialog", "整改期限"),
             "none": translate("letter_dialog", "未设定"),
             "overdue": translate("letter_dialog", "已逾期"),
             "campaign": translate("letter_dialog", "所属专项行动"),
             "received": translate("letter_dialog", "收到时间"),
             "problems": translate("letter_dialog", "存在的问题"),
             "requirements": translate("letter_dialog", "整改要求")}
    fields = [("issuer", f"{row['issuer_name']}（{row['issuer_code']}）"),
              ("unit", f"{row['unit_name']}（{row['unit_code']}）"),
              ("issued", local_time(row["issued_at"]) if row.get("issued_at") else "—"),
              ("deadline", row.get("deadline") or label["none"])]
    if row.get("campaign"):
        fields.append(("campaign", row["campaign"]))
    if row.get("received_at"):
        fields.append(("received", local_time(row["received_at"])))
    lines = [f"<h3>{e(label['title'])}　{e(row['number'])}</h3><p>",
             "<br>".join(f"<b>{e(label[key])}：</b>{e(value)}" for key, value in fields)]
    if row.get("overdue"):
        lines.append(f"<br><span style='color:{OVERDUE_COLOR}'><b>{e(label['overdue'])}</b>"
                     "</span>")
    lines.append(f"</p><p><b>{e(label['problems'])}：</b></p><ol>")
    lines += [f"<li>{e(p)}</li>" for p in row["problems"]]
    lines.append("</ol>")
    if row.get("requirements"):
        text = e(row["requirements"]).replace("\n", "<br>")
        lines.append(f"<p><b>{e(label['requirements'])}：</b><br>{text}</p>")
    return "".join(lines)


class LetterView(QDialog):
    """One 执法监督意见书, read-only."""

    def __init__(self, row: dict[str, Any], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("执法监督意见书 {number}").format(number=row["number"]))
        self.resize(620, 520)
        layout = QVBoxLayout(self)
        self.text = QTextBrowser()
        self.text.setObjectName("letter")
        self.text.setHtml(letter_html(row))
        layout.addWidget(self.text, 1)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)


# --- what to send ---------------------------------------------------------------------------------

class InstructionsChoice(NamedTuple):
    """What :class:`InstructionsDialog` chose."""

    unit: dict[str, Any]
    campaign_ids: list[int]
    template_ids: list[int]
    letter_ids: list[int]
    target: Path
    summary: str


def _checkable(text: str, key: int, checked: bool = False) -> QListWidgetItem:
    item = QListWidgetItem(text)
    item.setData(Qt.ItemDataRole.UserRole, key)
    item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
    item.setCheckState(Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked)
    return item


def _ticked(widget: QListWidget) -> list[tuple[int, str]]:
    out = []
    for i in range(widget.count()):
        item = widget.item(i)
        if item.checkState() == Qt.CheckState.Checked:
            out.append((int(item.data(Qt.ItemDataRole.UserRole)), item.text()))
    return out


class InstructionsDialog(QDialog):
    """Choose the unit, what to send and where; :meth:`choice` once accepted."""

    def __init__(self, page: Any, units: list[dict[str, Any]], unit_code: str | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent if parent is not None else page)
        from .station_panel import TargetPicker
        self.page = page
        self.units = units
        self.choices = Choices([], [])
        self.letters: list[dict[str, Any]] = []
        self.letter_dialog: LetterDialog | None = None
        self.setWindowTitle(self.tr("下发指令"))
        self.resize(820, 760)
        layout = QVBoxLayout(self)
        intro = QLabel(self.tr(
            "选择要下发给下级单位的专项行动、模板和执法监督意见书。指令文件用本单位签章密钥签名，"
            "写入 U 盘后交给该单位，由其在“报送 → 上级来文”中导入；该单位只接受已登记的上级单位签名的文件。"))
        intro.setWordWrap(True)
        layout.addWidget(intro)
        form = QFormLayout()
        self.unit = QComboBox()
        self.unit.setObjectName("unit")
        for u in units:
            self.unit.addItem(f"{u['name']}（{u['code']}）", u["code"])
        if unit_code:
            self.unit.setCurrentIndex(max(0, self.unit.findData(unit_code)))
        self.unit.currentIndexChanged.connect(lambda _i: self.load_letters())
        form.addRow(self.tr("下级单位"), self.unit)
        layout.addLayout(form)
        lists = QHBoxLayout()
        self.campaigns = self._list_box(lists, self.tr("专项行动（完整定义：类别、阶段、报送材料）"),
                                        "campaigns")
        self.templates = self._list_box(lists, self.tr("自查清单和评查标准模板"), "templates")
        layout.addLayout(lists, 1)
        box = QGroupBox(self.tr("执法监督意见书"))
        box_layout = QVBoxLayout(box)
        self.letter_table = read_only_table(
            [self.tr("下发"), self.tr("编号"), self.tr("整改期限"), self.tr("状态"),
             self.tr("存在的问题")], "letters")
        self.letter_table.horizontalHeader().setSectionResizeMode(
            4, QHeaderView.ResizeMode.Stretch)      # the whole text in the tooltip
        self.letter_table.setMinimumHeight(140)
        self.letter_table.cellDoubleClicked.connect(self._toggle_letter)
        box_layout.addWidget(self.letter_table, 1)
        row = QHBoxLayout()
        self.new_letter_button = QPushButton(self.tr("新建意见书…"))
        self.new_letter_button.setObjectName("new_letter")
        self.new_letter_button.clicked.connect(lambda _checked=False: self.new_letter())
        row.addWidget(self.new_letter_button)
        row.addStretch(1)
        box_layout.addLayout(row)
        layout.addWidget(box, 1)
        target_box = QGroupBox(self.tr("写入到（U 盘或文件夹）"))
        target_layout = QVBoxLayout(target_box)
        self.targets = TargetPicker(str(page.controller.settings.value(LAST_FOLDER_KEY, "") or ""))
        self.targets.list.setMaximumHeight(110)
        target_layout.addWidget(self.targets)
        layout.addWidget(target_box)
        self.message = error_label("message")
        self.message.setVisible(False)
        layout.addWidget(self.message)
        buttons = ok_cancel(self, self._check)
        ok = buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setText(self.tr("下一步：签章…"))
        ok.setObjectName("ok")
        layout.addWidget(buttons)
        for widget in (self.campaigns, self.templates, self.letter_table):
            widget.itemChanged.connect(lambda _item: self.message.setVisible(False))
        page.worker.call(_load_choices, page.session, on_done=self._show_choices,
                         on_error=lambda exc: show_error(self, exc))
        self.load_letters()

    def _list_box(self, row: QHBoxLayout, title: str, name: str) -> QListWidget:
        box = QGroupBox(title)
        inner = QVBoxLayout(box)
        widget = QListWidget()
        widget.setObjectName(name)
        inner.addWidget(widget)
        row.addWidget(box, 1)
        return widget

    # --- loading ---------------------------------------------------------------------------------

    def unit_row(self) -> dict[str, Any]:
        code = self.unit.currentData()
        return next(u for u in self.units if u["code"] == code)

    def _show_choices(self, choices: Choices) -> None:
        self.choices = choices
        self.campaigns.clear()
        for row in choices.campaigns:
            self.campaigns.addItem(_checkable(campaign_label(row), row["id"]))
        self.templates.clear()
        kinds = {k: translate("templates", v) for k, v in templates.KINDS.items()}
        for row in choices.templates:
            self.templates.addItem(_checkable(
                f"{row['name']} {row['version']}（{kinds.get(row['kind'], row['kind'])}，"
                f"{row['code']}）", row["id"]))

    def load_letters(self, tick: int | None = None) -> None:
        """Reload the chosen unit's letters; ``tick`` (a letter id) is ticked as well as the
        ones not sent yet."""
        if self.unit.count() == 0:
            return
        code = self.unit.currentData()
        self.page.worker.call(office_instructions.list_letters, self.page.session, "issued",
                              unit_code=code,
                              on_done=lambda rows: self._show_letters(rows, tick),
                              on_error=lambda exc: show_error(self, exc))

    def _show_letters(self, rows: list[dict[str, Any]], tick: int | None) -> None:
        self.letters = rows
        table = self.letter_table
        table.setRowCount(len(rows))
        for r, row in enumerate(rows):
            check = QTableWidgetItem()
            check.setFlags(Qt.ItemFlag.ItemIsUserCheckable | Qt.ItemFlag.ItemIsEnabled
                           | Qt.ItemFlag.ItemIsSelectable)
            check.setCheckState(Qt.CheckState.Checked if not row["sent_at"] or row["id"] == tick
                                else Qt.CheckState.Unchecked)
            check.setData(Qt.ItemDataRole.UserRole, row["id"])
            table.setItem(r, 0, check)
            state = self.tr("已下发 {time}").format(time=local_time(row["sent_at"])) \
                if row["sent_at"] else self.tr("未下发")
            for c, value in enumerate([row["number"], row["deadline"] or self.tr("未设定"), state,
                                       problems_text(row["problems"])], 1):
                item = QTableWidgetItem(value)
                if c == 4:
                    item.setToolTip("\n".join(row["problems"]))
                if not row["sent_at"]:
                    item.setForeground(QColor("#1b5e9a"))
                table.setItem(r, c, item)

    def _toggle_letter(self, row: int, _column: int) -> None:
        item = self.letter_table.item(row, 0)
        item.setCheckState(Qt.CheckState.Unchecked if item.checkState() == Qt.CheckState.Checked
                           else Qt.CheckState.Checked)

    def ticked_letters(self) -> list[tuple[int, str]]:
        out = []
        for r in range(self.letter_table.rowCount()):
            item = self.letter_table.item(r, 0)
            if item.checkState() == Qt.CheckState.Checked:
                out.append((int(item.data(Qt.ItemDataRole.UserRole)),
                            self.letter_table.item(r, 1).text()))
        return out

    # --- a new letter ----------------------------------------------------------------------------

    def new_letter(self) -> LetterDialog:
        dialog = LetterDialog(self.page, self.unit_row(), self.choices.campaigns, self)

        def saved() -> None:
            ids = (dialog.changes.rows.get("supervision_letters") if dialog.changes else None)
            self.load_letters(int(next(iter(ids))) if ids else None)
        dialog.accepted.connect(saved)
        self.letter_dialog = dialog
        dialog.open()
        return dialog

    # --- done ------------------------------------------------------------------------------------

    def _check(self) -> None:
        self.message.setVisible(False)
        if not (_ticked(self.campaigns) or _ticked(self.templates) or self.ticked_letters()):
            self._fail(self.tr("请至少选择一项要下发的内容（专项行动、模板或执法监督意见书）。"))
        elif self.targets.target() is None:
            self._fail(self.tr("请选择要写入的 U 盘或文件夹。"))
        else:
            self.accept()

    def _fail(self, text: str) -> None:
        self.message.setText(text)
        self.message.setVisible(True)

    def choice(self) -> InstructionsChoice:
        target = self.targets.target()
        assert target is not None
        unit = self.unit_row()
        chosen = [(self.tr("专项行动"), _ticked(self.campaigns)),
                  (self.tr("模板"), _ticked(self.templates)),
                  (self.tr("执法监督意见书"), self.ticked_letters())]
        summary = [self.tr("下级单位：{name}（{code}）").format(name=unit["name"], code=unit["code"])]
        for label, items in chosen:
            if items:
                summary.append(f"{label}：" + "；".join(text for _i, text in items))
        summary.append(self.tr("写入到：{target}").format(target=str(target)))
        return InstructionsChoice(unit, [i for i, _t in chosen[0][1]],
                                  [i for i, _t in chosen[1][1]], [i for i, _t in chosen[2][1]],
                                  target, "\n".join(summary))


def open_instructions(page: Any, unit: dict[str, Any] | None) -> InstructionsDialog | None:
    """下发指令…: the dialog for ``unit`` (or the first registered unit); None (and a message)
    when no unit is registered."""
    if not page.units:
        QMessageBox.information(page, translate("letter_dialog", "下发指令"), translate(
            "letter_dialog", "还没有登记下级单位。请先用“登记下级单位…”登记要下发指令的单位。"))
        return None
    dialog = InstructionsDialog(page, page.units, unit["code"] if unit else None)
    dialog.accepted.connect(lambda: _ask_passphrase(page, dialog.choice()))
    page.dialog = dialog
    dialog.open()
    return dialog


def _ask_passphrase(page: Any, choice: InstructionsChoice) -> PassphraseDialog:
    page.controller.settings.setValue(LAST_FOLDER_KEY, str(choice.target))
    summary = QLabel(choice.summary)
    summary.setObjectName("summary")
    summary.setWordWrap(True)
    code = choice.unit["code"]

    def action(session: Session, passphrase: str) -> office_instructions.InstructionsWritten:
        return office_instructions.write_instructions(
            session, code, passphrase, choice.target, campaign_ids=choice.campaign_ids,
            template_ids=choice.template_ids, letter_ids=choice.letter_ids)

    dialog = PassphraseDialog(
        page, title=translate("letter_dialog", "用单位签章密钥签名下发"),
        intro=translate("letter_dialog",
                        "指令文件将用本单位签章密钥签名。请输入您的签名口令（登录密码）。"),
        button_text=translate("letter_dialog", "签名并写出"), action=action, body=summary)

    def accepted() -> None:
        written, dialog.result_value = dialog.result_value, None
        page.last_result = written
        page.dialog = None
        QMessageBox.information(page, translate("letter_dialog", "下发指令"), translate(
            "letter_dialog", "第 {seq} 号指令已写出：\n{path}\n\n专项行动 {campaigns} 个，模板 {templates} 个，"
            "执法监督意见书 {letters} 份。请把 U 盘交给“{unit}”，由其在“报送 → 上级来文”中导入。"
        ).format(seq=written.seq, path=str(written.path), campaigns=written.campaigns,
                 templates=written.templates, letters=written.letters,
                 unit=choice.unit["name"]))

    dialog.accepted.connect(accepted)
    page.dialog = dialog
    dialog.open()
    return dialog

