"""A received 执法监督意见书 and its answer (报送 → 上级来文, a double-click on a letter).

:class:`AnswerDialog` is the letter view (:class:`ui.pages.letter_dialog.LetterView`) with the
answer under the letter: its state (未答复 / 草稿 / 已签发, with the signature as judged here), the
measures taken (整改情况), the evidence files (添加文件… / 删除所选文件, a double-click opens
one), and the buttons 存为草稿, 签发… (chiefs: :class:`~ui.pages.passphrase_dialog.
PassphraseDialog` showing the letter's number, the text, every file's SHA-256 and the content's
SHA-256 that is signed), 转为台账问题… (:mod:`ui.pages.letter_problems`) and 导出… (the form,
xlsx or PDF). Whoever may not answer (``letter.answer``) sees the answer read-only. Everything
runs on the database worker (models.letters); the dialog reloads when an operation changes the
answer, keeping text typed and not saved yet.
"""
from __future__ import annotations

import html
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QFileDialog,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from models import letters
from models.evidence import format_size
from models.i18n import QT_TRANSLATE_NOOP
from models.session import Session
from models.store import Changes

from ..errors import show_error
from ..i18n import translate
from .audit_panel import local_time
from .letter_dialog import OVERDUE_COLOR, LetterView
from .passphrase_dialog import PassphraseDialog

CONTEXT = "letter_answer"
OK_COLOR = "#1b7f3b"
STALE_COLOR = "#8a5a00"
LAST_FOLDER_KEY = "letters/last_folder"
#: Why a signature is invalid, in words (the unit's reasons and the office's).
REASONS = {
    "signature": QT_TRANSLATE_NOOP("letter_answer", "签名或签名数据核验不通过"),
    "revoked": QT_TRANSLATE_NOOP("letter_answer", "签名时所用密钥已被吊销"),
    "tampered": QT_TRANSLATE_NOOP("letter_answer", "答复在软件之外被改动"),
    "other_unit": QT_TRANSLATE_NOOP("letter_answer", "签名密钥属于其他单位"),
    "unknown_key": QT_TRANSLATE_NOOP("letter_answer", "报送包中没有该签名密钥"),
    "unregistered_seal": QT_TRANSLATE_NOOP("letter_answer", "签章密钥未登记"),
    "no_audit": QT_TRANSLATE_NOOP("letter_answer",
                                  "缺少存储该签名的审计记录（请下级单位报送审计记录）"),
}


def reason_text(reason: str | None) -> str:
    """Why a signature is invalid, translated."""
    return translate(CONTEXT, REASONS.get(reason or "", reason or ""))


def signature_text(signature: dict[str, Any]) -> tuple[str, str | None]:
    """The judged signature of an answer in words, and the colour to show it in."""
    when = local_time(signature["signed_at"])[:16] if signature.get("signed_at") else ""
    status = signature.get("status")
    if status == "valid":
        return translate("letter_answer", "✓ 签名有效：{name}，{time}，密钥指纹 {fp}").format(
            name=signature.get("signer", ""), time=when, fp=signature.get("fingerprint", "")), \
            OK_COLOR
    if status == "stale":
        return translate("letter_answer", "⚠ 签发后答复又有改动（{name} {time} 的签名已不再对应当前内容），"
                         "须重新签发").format(name=signature.get("signer", ""), time=when), \
            STALE_COLOR
    if status == "invalid":
        return translate("letter_answer", "✗ 签名无效：{reason}").format(
            reason=reason_text(signature.get("reason"))), OVERDUE_COLOR
    return translate("letter_answer", "未签名"), None


def state_text(state: str) -> str:
    """未答复 / 草稿 / 已签发."""
    return translate("letters", letters.ANSWER_STATES.get(state, state))


def _file_label(row: dict[str, Any]) -> str:
    return f"{row['original_name']}（{format_size(int(row['size'] or 0))}）"


def _add_files(session: Session, letter_id: int, measures: str, paths: list[str]) -> Changes:
    """Save the answer as typed, then add each file (worker)."""
    out = Changes()
    steps = [letters.save_answer(session, letter_id, measures)]
    answer = letters.answer_of(session.store.conn, letter_id)
    assert answer is not None
    for path in paths:
        steps.append(letters.add_answer_file(session, int(answer["id"]), path))
    for step in steps:
        for table, keys in step.rows.items():
            for key in keys:
                out.add(table, key)
        out.head_seq = max(out.head_seq, step.head_seq)
    return out


def _save_and_read(session: Session, letter_id: int, measures: str) -> dict[str, Any]:
    """Save the answer as typed and read what signing it would sign (worker)."""
    letters.save_answer(session, letter_id, measures)
    return letters.answer_to_sign(session, letter_id)


class AnswerDialog(LetterView):
    """The letter and its answer (see the module doc); ``page`` is the 上级来文 panel."""

    tables = frozenset({"letter_answers", "letter_answer_files", "signatures", "problems",
                        "supervision_letters"})

    def __init__(self, row: dict[str, Any], page: Any, parent: QWidget | None = None) -> None:
        super().__init__(row, parent)
        self.page = page
        self.letter_id = int(row["id"])
        self.data: dict[str, Any] | None = None
        self.loaded_text = ""
        self.dialog: Any = None          # the passphrase or problems dialog open now (tests)
        self.can_answer = page.allowed("letter.answer")
        self.can_sign = page.allowed("letter.sign")
        self.resize(780, 820)
        box = QGroupBox(self.tr("整改情况答复"))
        box.setObjectName("answer_box")
        inner = QVBoxLayout(box)
        self.state = QLabel()
        self.state.setObjectName("answer_state")
        self.state.setWordWrap(True)
        inner.addWidget(self.state)
        self.measures = QPlainTextEdit()
        self.measures.setObjectName("measures")
        self.measures.setPlaceholderText(self.tr(
            "逐项写明针对意见书所列问题采取的整改措施和完成情况"))
        self.measures.setTabChangesFocus(True)
        self.measures.setReadOnly(not self.can_answer)
        inner.addWidget(self.measures, 2)
        files_row = QHBoxLayout()
        files_row.addWidget(QLabel(self.tr("印证资料（双击打开）")))
        files_row.addStretch(1)
        self.add_button = QPushButton(self.tr("添加文件…"))
        self.add_button.setObjectName("add_files")
        self.add_button.clicked.connect(lambda _c=False: self.choose_files())
        self.remove_button = QPushButton(self.tr("删除所选文件"))
        self.remove_button.setObjectName("remove_file")
        self.remove_button.clicked.connect(lambda _c=False: self.remove_selected())
        for button in (self.add_button, self.remove_button):
            button.setVisible(self.can_answer)
            files_row.addWidget(button)
        inner.addLayout(files_row)
        self.files = QListWidget()
        self.files.setObjectName("answer_files")
        self.files.setMaximumHeight(96)
        self.files.itemDoubleClicked.connect(self.open_file)
        inner.addWidget(self.files, 1)
        buttons = QHBoxLayout()
        self.problems_button = QPushButton(self.tr("转为台账问题…"))
        self.problems_button.setObjectName("to_ledger")
        self.problems_button.setVisible(page.allowed("problem.edit"))
        self.problems_button.clicked.connect(lambda _c=False: self.open_problems())
        self.export_button = QPushButton(self.tr("导出…"))
        self.export_button.setObjectName("export")
        self.export_button.clicked.connect(lambda _c=False: self.export())
        self.save_button = QPushButton(self.tr("存为草稿"))
        self.save_button.setObjectName("save_draft")
        self.save_button.setVisible(self.can_answer)
        self.save_button.clicked.connect(lambda _c=False: self.save())
        self.sign_button = QPushButton(self.tr("签发…"))
        self.sign_button.setObjectName("sign")
        self.sign_button.setVisible(self.can_sign)
        self.sign_button.clicked.connect(lambda _c=False: self.open_sign())
        for widget in (self.problems_button, self.export_button):
            buttons.addWidget(widget)
        buttons.addStretch(1)
        buttons.addWidget(self.save_button)
        buttons.addWidget(self.sign_button)
        inner.addLayout(buttons)
        self.layout().insertWidget(1, box, 3)
        if not self.can_answer:
            note = QLabel(self.tr("意见书的答复由本单位负责人或管理员填写，负责人签发。"))
            note.setStyleSheet("color: #555;")
            inner.addWidget(note)
        page.worker.changed.connect(self._changed)
        self.listening = True
        self.finished.connect(lambda _r: self._stop_listening())
        self.reload()

    # --- loading ---------------------------------------------------------------------------------

    def _stop_listening(self) -> None:
        """A closed dialog no longer reloads on every change."""
        if self.listening:
            self.listening = False
            self.page.worker.changed.disconnect(self._changed)

    def _changed(self, changes: Changes) -> None:
        if self.listening and changes.tables & self.tables:
            self.reload()

    def reload(self) -> None:
        self.page.worker.call(letters.get_letter, self.page.session, self.letter_id,
                              on_done=self._show, on_error=lambda exc: show_error(self, exc))

    def _show(self, data: dict[str, Any]) -> None:
        self.data = data
        self.text.setHtml(self.letter_text(data))
        answer = data["answer"]
        text = answer["measures"] if answer else ""
        if self.measures.toPlainText() == self.loaded_text:   # keep what was typed, unsaved
            self.measures.setPlainText(text)
        self.loaded_text = text
        self.files.clear()
        for row in (answer or {}).get("files", []):
            item = QListWidgetItem(_file_label(row))
            item.setData(Qt.ItemDataRole.UserRole, row)
            item.setToolTip(f"SHA-256 {row['sha256']}\n{local_time(row['added_at'])}"
                            f"  {row.get('username') or ''}")
            self.files.addItem(item)
        lines = [self.tr("答复状态：{state}").format(state=state_text(data["state"]))]
        color = None
        if data["signature"]["status"] != "unsigned":
            sig_text, color = signature_text(data["signature"])
            lines.append(sig_text)
        elif data["state"] == "draft":
            lines.append(self.tr("尚未签发：负责人签发后，答复随下一次报送（选择“执法监督意见书的答复”）报上级。"))
        if data["overdue"]:
            lines.append(self.tr("已超过整改期限，尚未签发答复。"))
            color = OVERDUE_COLOR
        self.state.setText("\n".join(lines))
        self.state.setStyleSheet(f"color: {color};" if color else "")
        self.remove_button.setEnabled(self.files.count() > 0)

    def letter_text(self, data: dict[str, Any]) -> str:
        """The letter's text, and which of its problems hang on the ledger."""
        from .letter_dialog import letter_html
        out = letter_html(data)
        if data.get("hung"):
            e = html.escape
            parts = [self.tr("第 {n} 项 → 序号 {seq}").format(n=n, seq=p["seq_no"])
                     for n, p in sorted(data["hung"].items())]
            out += (f"<p style='color:#555'><b>{e(self.tr('已转为台账问题：'))}</b>"
                    f"{e('；'.join(parts))}</p>")
        return out

    # --- the answer ------------------------------------------------------------------------------

    def typed(self) -> str:
        return self.measures.toPlainText()

    def save(self) -> None:
        self.page.worker.call(letters.save_answer, self.page.session, self.letter_id,
                              self.typed(), on_done=self._saved,
                              on_error=lambda exc: show_error(self, exc, self.tr("答复未保存")))

    def _saved(self, _changes: Any) -> None:
        self.loaded_text = self.typed()

    def choose_files(self) -> None:
        folder = str(self.page.controller.settings.value(LAST_FOLDER_KEY, "") or "")
        paths, _ = QFileDialog.getOpenFileNames(
            self, self.tr("选择印证资料"), folder,
            self.tr("照片、扫描件和文档 (*.jpg *.jpeg *.png *.pdf *.doc *.docx *.xls *.xlsx *.ofd"
                    " *.mp4);;所有文件 (*)"))
        if paths:
            self.page.controller.settings.setValue(LAST_FOLDER_KEY, str(Path(paths[0]).parent))
            self.add_files(paths)

    def add_files(self, paths: list[str]) -> None:
        """Save the text as typed and add ``paths`` to the answer (on the worker)."""
        text = self.typed()
        self.page.worker.call(_add_files, self.page.session, self.letter_id, text,
                              [str(p) for p in paths], on_done=lambda _r: self._added(text),
                              on_error=lambda exc: show_error(self, exc, self.tr("文件未添加")))

    def _added(self, text: str) -> None:
        self.loaded_text = text

    def remove_selected(self) -> None:
        item = self.files.currentItem()
        if item is None:
            return
        row = item.data(Qt.ItemDataRole.UserRole)
        self.page.worker.call(letters.remove_answer_file, self.page.session, int(row["id"]),
                              on_error=lambda exc: show_error(self, exc))

    def open_file(self, item: QListWidgetItem) -> None:
        row = item.data(Qt.ItemDataRole.UserRole)
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(row["path"])))

    # --- signing ---------------------------------------------------------------------------------

    def open_sign(self) -> None:
        """Save the text as typed, then show what is signed and ask for the passphrase."""
        text = self.typed()
        self.page.worker.call(_save_and_read, self.page.session, self.letter_id, text,
                              on_done=lambda shown: self._ask(shown, text),
                              on_error=lambda exc: show_error(self, exc, self.tr("不能签发")))

    def _ask(self, shown: dict[str, Any], text: str) -> PassphraseDialog:
        self.loaded_text = text
        e = html.escape
        content = shown["content"]
        files = "".join(f"<li>{e(f['name'])}（{e(format_size(f['size']))}）<br>"
                        f"<span style='color:#555'>SHA-256 {e(f['sha256'])}</span></li>"
                        for f in content["files"]) or f"<li>{e(self.tr('无'))}</li>"
        body = QTextBrowser()
        body.setObjectName("signed_content")
        body.setHtml(
            f"<p><b>{e(self.tr('执法监督意见书'))}</b> {e(content['letter']['number'])}"
            f"（{e(shown['letter']['issuer_name'])}）</p>"
            f"<p><b>{e(self.tr('整改情况'))}：</b><br>"
            f"{e(content['measures']).replace(chr(10), '<br>')}</p>"
            f"<p><b>{e(self.tr('印证资料'))}：</b></p><ul>{files}</ul>"
            f"<p style='color:#555'>{e(self.tr('签署内容的 SHA-256：'))}{e(shown['sha256'])}</p>")
        sha = shown["sha256"]
        lid = self.letter_id

        def action(session: Session, passphrase: str) -> Changes:
            return letters.sign_answer(session, lid, passphrase, sha)

        dialog = PassphraseDialog(
            self.page, title=self.tr("签发意见书答复"),
            intro=self.tr("您将以单位负责人的身份，用本人的签名密钥签发下面的答复（单位负责人签发）。"
                          "签发后如再修改答复，须重新签发。请核对后输入签名口令（登录密码）。"),
            button_text=self.tr("签发"), action=action, body=body, parent=self)
        dialog.resize(620, 560)
        dialog.accepted.connect(lambda: setattr(self, "dialog", None))
        self.dialog = dialog
        dialog.open()
        return dialog

    # --- the ledger, the form --------------------------------------------------------------------

    def open_problems(self) -> Any:
        from .letter_problems import ProblemsDialog
        if self.data is None:
            return None
        dialog = ProblemsDialog(self.page, self.data, self)
        self.dialog = dialog
        dialog.open()
        return dialog

    def export(self) -> Any:
        from models import letter_forms

        from .export_dialog import form_name, open_export
        lid = self.letter_id

        def build(session: Session, _code: str, options: Any) -> Any:
            return letter_forms.letter_form(session, lid, options)

        number = self.data["number"] if self.data else ""
        return open_export(self.page, forms=[("letter", form_name("letter"))], build=build,
                           parent=self, scope=self.tr("导出执法监督意见书 {number} 及其整改情况答复。").format(
                               number=number))
