"""上级来文 (a tab of 报送): what the upper office sent down — campaigns, templates and
执法监督意见书 in signed instruction files — imported and read here.

"导入上级来文…" (permission ``package.instructions``) picks a ``…-指令-….json`` file; the worker
checks it completely (``instructions.read_instructions``: the registered office's signature,
this unit, the number, every field) and :class:`PreviewDialog` shows what it holds and what
importing changes; "导入" then runs ``instructions.import_instructions`` for that very file (its
SHA-256). Everyone sees the received letters with the state of their answers (未答复 / 草稿 /
已签发; a letter past its deadline without a signed answer in red) and the files imported; a
double-click (or 查看和答复…) opens the letter with its answer (:class:`ui.pages.letter_answer.
AnswerDialog`: the answer, its files, 签发…, 转为台账问题…, 导出…). The campaigns and templates imported appear in
设置 → 专项行动 and the template pages, which refresh on the worker's ``changed`` signal.
"""
from __future__ import annotations

import html
from pathlib import Path
from typing import Any, NamedTuple

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QSplitter,
    QTableWidgetItem,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from models import instructions
from models.receipts import registered_office
from models.session import Session

from ..errors import show_error
from ..widgets import read_only_table
from .audit_panel import local_time
from .base import Page
from .letter_answer import AnswerDialog, state_text
from .letter_dialog import OVERDUE_COLOR, problems_text

LAST_FOLDER_KEY = "instructions/import_folder"


class PanelData(NamedTuple):
    """What the tab shows, loaded on the worker."""

    office: dict[str, Any] | None
    letters: list[dict[str, Any]]
    files: list[dict[str, Any]]


def _load(session: Session) -> PanelData:
    return PanelData(registered_office(session.store), instructions.received_letters(session),
                     instructions.imported_instructions(session))


class PreviewDialog(QDialog):
    """The checked file's contents and what importing it changes; "导入" when there is
    something to import."""

    def __init__(self, preview: instructions.InstructionsPreview,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.preview = preview
        self.setWindowTitle(self.tr("导入上级来文"))
        self.resize(640, 520)
        layout = QVBoxLayout(self)
        self.report = QTextBrowser()
        self.report.setObjectName("report")
        self.report.setHtml(self.report_html())
        layout.addWidget(self.report, 1)
        self.buttons = QDialogButtonBox()
        self.import_button = self.buttons.addButton(self.tr("导入"),
                                                    QDialogButtonBox.ButtonRole.AcceptRole)
        self.import_button.setObjectName("import")
        self.import_button.setEnabled(not preview.already)
        close = self.buttons.addButton(self.tr("关闭"), QDialogButtonBox.ButtonRole.RejectRole)
        close.setObjectName("close")
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)

    def report_html(self) -> str:
        p = self.preview
        e = html.escape
        states = {"new": self.tr("新增"), "changed": self.tr("更新"), "same": self.tr("无变化"),
                  "version": self.tr("新版本")}
        out = [f"<p style='color:#1b7f3b'><b>{e(self.tr('签名核验通过'))}</b>　",
               e(self.tr("来文单位：{name}（{code}），第 {seq} 号，签发时间 {time}").format(
                   name=p.office_name, code=p.office_code, seq=p.seq,
                   time=local_time(p.issued_at))), "</p>",
               f"<p style='color:#555'>{e(p.path.name)}　SHA-256 {e(p.sha256)}</p>"]
        sections = [
            (self.tr("专项行动（{n} 个）"), [
                (title + (f"（{doc_no}）" if doc_no else ""), states[state])
                for title, doc_no, state in p.campaigns]),
            (self.tr("模板（{n} 个）"), [(f"{name} {version}", states[state])
                                        for name, version, state in p.templates]),
            (self.tr("执法监督意见书（{n} 份）"), [
                (self.tr("{number}，整改期限 {deadline}").format(
                    number=number, deadline=deadline or self.tr("未设定")),
                 states["new"] if state == "new" else self.tr("已收到"))
                for number, deadline, state in p.letters])]
        for title, items in sections:
            if not items:
                continue
            out.append(f"<p><b>{e(title.format(n=len(items)))}</b></p><ul>")
            out += [f"<li>{e(text)} —— {e(state)}</li>" for text, state in items]
            out.append("</ul>")
        if p.already:
            out.append(f"<p><b>{e(self.tr('这份来文此前已导入，无需再次导入。'))}</b></p>")
        else:
            note = self.tr("专项行动按文号（没有文号的按名称）更新或新增；模板内容已有的不重复导入。")
            out.append(f"<p>{e(note)}</p>")
        return "".join(out)


class InstructionsPanel(Page):
    """Import the office's instruction files; the letters received and the files imported."""

    tables = frozenset({"supervision_letters", "instructions_in", "settings", "letter_answers"})

    def __init__(self, controller: Any, parent: QWidget | None = None) -> None:
        super().__init__(controller, parent)
        self.can_import = self.allowed("package.instructions")
        self.data = PanelData(None, [], [])
        self.dialog: QDialog | None = None      # the dialog open now (tests look at it)
        self.last_result: Any = None
        layout = QVBoxLayout(self)
        hint = QLabel(self.tr(
            "上级单位下发的专项行动、模板和执法监督意见书（“…-指令-….json”文件）在这里核验和导入。"
            "只接受由已登记的上级单位签章密钥签名、发给本单位的来文；导入后，专项行动和模板出现在"
            "“设置”的专项行动和模板中。"))
        hint.setWordWrap(True)
        layout.addWidget(hint)
        row = QHBoxLayout()
        self.import_button = QPushButton(self.tr("导入上级来文…"))
        self.import_button.setObjectName("import_instructions")
        self.import_button.setEnabled(self.can_import)
        self.import_button.clicked.connect(lambda _checked=False: self.choose_file())
        row.addWidget(self.import_button)
        self.office_state = QLabel()
        self.office_state.setObjectName("office_state")
        self.office_state.setWordWrap(True)
        row.addWidget(self.office_state, 1)
        layout.addLayout(row)
        if not self.can_import:
            note = QLabel(self.tr("上级来文由本单位负责人或管理员导入。"))
            note.setStyleSheet("color: #555;")
            layout.addWidget(note)
        split = QSplitter(Qt.Orientation.Vertical)
        letters_box = QWidget()
        letters_layout = QVBoxLayout(letters_box)
        letters_layout.setContentsMargins(0, 0, 0, 0)
        letters_head = QHBoxLayout()
        letters_head.addWidget(QLabel(self.tr("执法监督意见书（双击查看全文和答复）")), 1)
        self.answer_button = QPushButton(self.tr("查看和答复…"))
        self.answer_button.setObjectName("answer_letter")
        self.answer_button.setEnabled(False)
        self.answer_button.clicked.connect(lambda _checked=False: self.show_letter(
            self.letters_table.currentRow()))
        letters_head.addWidget(self.answer_button)
        letters_layout.addLayout(letters_head)
        self.letters_table = read_only_table(
            [self.tr("编号"), self.tr("下发单位"), self.tr("签发日期"), self.tr("整改期限"),
             self.tr("状态"), self.tr("答复"), self.tr("存在的问题")], "letters_table")
        self.letters_table.horizontalHeader().setSectionResizeMode(
            6, QHeaderView.ResizeMode.Stretch)      # the whole text in the tooltip
        self.letters_table.cellDoubleClicked.connect(lambda r, _c: self.show_letter(r))
        self.letters_table.itemSelectionChanged.connect(
            lambda: self.answer_button.setEnabled(self.letters_table.currentRow() >= 0))
        letters_layout.addWidget(self.letters_table, 1)
        split.addWidget(letters_box)
        files_box = QWidget()
        files_layout = QVBoxLayout(files_box)
        files_layout.setContentsMargins(0, 0, 0, 0)
        files_layout.addWidget(QLabel(self.tr("已导入的来文")))
        self.files_table = read_only_table(
            [self.tr("序号"), self.tr("来文单位"), self.tr("签发时间"), self.tr("导入时间"),
             self.tr("内容")], "files_table")
        files_layout.addWidget(self.files_table, 1)
        split.addWidget(files_box)
        split.setStretchFactor(0, 3)
        split.setStretchFactor(1, 2)
        layout.addWidget(split, 1)
        self.refresh()

    # --- loading ---------------------------------------------------------------------------------

    def refresh(self) -> None:
        self.call(_load, on_done=self._show)

    def _show(self, data: PanelData) -> None:
        self.data = data
        if data.office:
            self.office_state.setText(self.tr("已登记上级单位：{name}（{code}），签章密钥指纹 {fp}")
                                      .format(name=data.office["name"], code=data.office["code"],
                                              fp=data.office["fingerprint"]))
            self.office_state.setStyleSheet("color: #555;")
        else:
            self.office_state.setText(self.tr(
                "尚未登记上级单位：请先在“报送上级（本单位）”中用“登记上级单位…”登记，才能核验来文。"))
            self.office_state.setStyleSheet(f"color: {OVERDUE_COLOR};")
        table = self.letters_table
        table.setRowCount(len(data.letters))
        for r, row in enumerate(data.letters):
            if row["overdue"]:
                state = self.tr("已逾期")
            elif row["answer_status"] == "signed":
                state = self.tr("已答复")
            elif row["deadline"]:
                state = self.tr("未到期")
            else:
                state = self.tr("未设期限")
            answer = state_text(row["answer_status"] or "none")
            if row["answer_status"] == "signed" and row["answer_signed_at"]:
                answer += " " + local_time(row["answer_signed_at"])[:10]
            values = [row["number"], row["issuer_name"],
                      local_time(row["issued_at"])[:10] if row["issued_at"] else "—",
                      row["deadline"] or self.tr("未设定"), state, answer,
                      problems_text(row["problems"])]
            for c, value in enumerate(values):
                item = QTableWidgetItem(value)
                item.setData(Qt.ItemDataRole.UserRole, row["id"])
                if c == 6:
                    item.setToolTip("\n".join(row["problems"]))
                if row["overdue"]:
                    item.setForeground(QColor(OVERDUE_COLOR))
                table.setItem(r, c, item)
        table.resizeColumnsToContents()
        self.files_table.setRowCount(len(data.files))
        for r, row in enumerate(data.files):
            contents = row["contents"]
            parts = []
            if contents.get("campaigns"):
                parts.append(self.tr("专项行动 {n} 个").format(n=len(contents["campaigns"])))
            if contents.get("templates"):
                parts.append(self.tr("模板 {n} 个").format(n=len(contents["templates"])))
            if contents.get("letters"):
                parts.append(self.tr("意见书 {n} 份").format(n=len(contents["letters"])))
            detail = "；".join(
                [c["title"] for c in contents.get("campaigns", [])]
                + [f"{t['name']} {t['version']}" for t in contents.get("templates", [])]
                + [lt["number"] for lt in contents.get("letters", [])])
            values = [str(row["seq"]), f"{row['office_name']}（{row['office_code']}）",
                      local_time(row["created"]), local_time(row["imported_at"]),
                      "，".join(parts)]
            for c, value in enumerate(values):
                item = QTableWidgetItem(value)
                if c == 4:
                    item.setToolTip(detail)
                self.files_table.setItem(r, c, item)
        self.files_table.resizeColumnsToContents()

    # --- one letter ------------------------------------------------------------------------------

    def show_letter(self, row: int) -> AnswerDialog | None:
        """The whole letter of table row ``row`` with its answer (answered here by those
        allowed)."""
        item = self.letters_table.item(row, 0)
        if item is None:
            return None
        lid = item.data(Qt.ItemDataRole.UserRole)
        letter = next((r for r in self.data.letters if r["id"] == lid), None)
        if letter is None:
            return None
        if isinstance(self.dialog, AnswerDialog):
            self.dialog.deleteLater()
        view = AnswerDialog(letter, self)
        self.dialog = view
        view.open()
        return view

    # --- importing -------------------------------------------------------------------------------

    def _folder(self) -> str:
        return str(self.controller.settings.value(LAST_FOLDER_KEY, "") or "")

    def choose_file(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self, self.tr("选择上级来文"), self._folder(),
            self.tr("上级来文 (*.json);;所有文件 (*)"))
        if path:
            self.controller.settings.setValue(LAST_FOLDER_KEY, str(Path(path).parent))
            self.check_file(Path(path))

    def check_file(self, path: Path) -> None:
        """Check ``path`` on the worker and show the preview (or why it is refused)."""
        self.worker.call(instructions.read_instructions, self.session, path,
                         on_done=self._show_preview,
                         on_error=lambda exc: show_error(self, exc, self.tr("上级来文未通过核验")))

    def _show_preview(self, preview: instructions.InstructionsPreview) -> None:
        dialog = PreviewDialog(preview, self)
        dialog.accepted.connect(lambda: self._import(preview))
        self.dialog = dialog
        dialog.open()

    def _import(self, preview: instructions.InstructionsPreview) -> None:
        self.worker.call(instructions.import_instructions, self.session, preview.path,
                         sha256=preview.sha256, on_done=self._imported,
                         on_error=lambda exc: show_error(self, exc, self.tr("上级来文没有导入")))

    def _imported(self, result: instructions.InstructionsImported) -> None:
        self.last_result = result
        self.dialog = None
        if result.already:
            text = self.tr("这份来文此前已导入，没有变化。")
        else:
            text = self.tr(
                "已导入{office}第 {seq} 号来文：新增专项行动 {added} 个、更新 {updated} 个，"
                "新增模板 {templates} 个，收到执法监督意见书 {letters} 份。").format(
                office=result.office_name, seq=result.seq, added=result.campaigns_added,
                updated=result.campaigns_updated, templates=result.templates_added,
                letters=result.letters_added)
        QMessageBox.information(self, self.tr("导入上级来文"), text)
