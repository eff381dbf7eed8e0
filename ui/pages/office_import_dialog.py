"""The dialog of 接收下级报送 that checks and imports submission packages (:class:`ImportDialog`).

:class:`~ui.pages.office_panel.OfficePanel` opens it for the package files chosen. "核验" runs
``office_import.verify_and_preview`` on each package (nothing changes) and shows the reports,
alarms in red; "导入" then runs ``office_import.import_package`` on each package checked and not
imported before (a refused package is quarantined by the core, with its reason) and emits the
changes so the panel's tables refresh. Both run on the worker behind a progress dialog
(:func:`ui.worker.run_task`) and can be cancelled. Encrypted packages open with a chosen age key
file or the account's own decryption keys (:func:`run_identities`); the login password typed
for those is used for one run only.
"""
from __future__ import annotations

import html
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from PySide6.QtWidgets import (
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QPushButton,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from models import office_import, office_import_check, office_keys
from models.errors import Cancelled, FieldLedgerError, ValidationError
from models.i18n import QT_TRANSLATE_NOOP
from models.session import Session
from models.store import Changes

from ..errors import error_message, show_error
from ..widgets import error_label
from ..worker import run_task
from .office_panel import ALARM_COLOR, OK_COLOR, OfficePanel, alarm_label, read_text_file

_NEED_PASSPHRASE = QT_TRANSLATE_NOOP(
    "errors", "报送包已加密：请输入登录密码以解开本机的解密密钥，或选择解密密钥文件。")


def _encrypted(path: Path) -> bool:
    """Whether the file at ``path`` starts like an age-encrypted package."""
    from models.package_format import AGE_MAGIC
    try:
        with open(path, "rb") as fh:
            return fh.read(len(AGE_MAGIC)) == AGE_MAGIC
    except OSError:
        return False


def run_identities(session: Session, paths: Sequence[Path], identity_path: str, stored: bool,
                   passphrase: str) -> list[str]:
    """The age identities for one verification or import run (on the worker): the chosen key
    file's, or, with ``stored``, the account's own decryption keys unlocked with ``passphrase``
    (only when one of ``paths`` is encrypted). The caller drops them when the run ends."""
    if identity_path:
        return [read_text_file(identity_path)]
    if not stored or not any(_encrypted(p) for p in paths):
        return []
    if not passphrase:
        raise ValidationError(_NEED_PASSPHRASE)
    return office_keys.unlock_identities(session, passphrase)


class ImportDialog(QDialog):
    """Check the chosen packages (the dry-run report), then import them.

    ``reports`` holds, per package, the ImportReport or the message of the error that stopped
    its check; ``results`` holds, per package imported, (path, status text, colour).
    Encrypted packages open with a chosen key file or, when the account holds decryption keys
    of this installation (``stored_key``), with those, unlocked by the login password typed in
    the dialog for each run; the password field is cleared after the import, after a wrong
    password and when the dialog closes.
    """

    def __init__(self, page: OfficePanel, paths: list[Path]) -> None:
        super().__init__(page)
        self.page = page
        self.paths = list(paths)
        self.identity_path = ""
        self.stored_key = False
        self.reports: list[tuple[Path, office_import_check.ImportReport | str]] = []
        self.results: list[tuple[Path, str, str | None]] = []
        self.setWindowTitle(self.tr("导入报送包"))
        self.resize(820, 620)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(self.tr("待导入的报送包（{n} 个）：").format(n=len(self.paths))))
        self.list = QListWidget()
        self.list.setObjectName("package_list")
        self.list.addItems([p.name for p in self.paths])
        self.list.setMaximumHeight(90)
        layout.addWidget(self.list)
        row = QHBoxLayout()
        row.addWidget(QLabel(self.tr("解密密钥（报送包加密时需要）：")))
        self.identity = QLineEdit()
        self.identity.setObjectName("identity")
        self.identity.setReadOnly(True)
        self.identity.setPlaceholderText(self.tr("未选择（报送包未加密）"))
        row.addWidget(self.identity, 1)
        choose = QPushButton(self.tr("选择密钥文件…"))
        choose.setObjectName("choose_identity")
        choose.clicked.connect(lambda _checked=False: self.choose_identity())
        row.addWidget(choose)
        self.use_stored_button = QPushButton(self.tr("改用本机解密密钥"))
        self.use_stored_button.setObjectName("use_stored")
        self.use_stored_button.clicked.connect(lambda _checked=False: self.use_stored())
        self.use_stored_button.setVisible(False)
        row.addWidget(self.use_stored_button)
        layout.addLayout(row)
        self.passphrase_row = QWidget()
        prow = QHBoxLayout(self.passphrase_row)
        prow.setContentsMargins(0, 0, 0, 0)
        prow.addWidget(QLabel(self.tr("登录密码（解开本机解密密钥）：")))
        self.passphrase = QLineEdit()
        self.passphrase.setObjectName("passphrase")
        self.passphrase.setEchoMode(QLineEdit.EchoMode.Password)
        self.passphrase.setPlaceholderText(self.tr("报送包加密时需要"))
        prow.addWidget(self.passphrase, 1)
        self.passphrase_row.setVisible(False)
        layout.addWidget(self.passphrase_row)
        self.message = error_label("identity_message")
        self.message.setVisible(False)
        layout.addWidget(self.message)
        self.report = QTextBrowser()
        self.report.setObjectName("report")
        self.report.setPlaceholderText(self.tr("按“核验”检查报送包：只检查，不改动任何数据。"))
        layout.addWidget(self.report, 1)
        note = QLabel(self.tr("导入时，未通过核验的报送包会移入隔离文件夹并记录原因，其中的数据不会导入。"))
        note.setWordWrap(True)
        layout.addWidget(note)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        self.verify_button = QPushButton(self.tr("核验"))
        self.verify_button.setObjectName("verify")
        self.verify_button.clicked.connect(lambda _checked=False: self.verify())
        self.import_button = QPushButton(self.tr("导入"))
        self.import_button.setObjectName("import")
        self.import_button.setEnabled(False)
        self.import_button.clicked.connect(lambda _checked=False: self.run_import())
        close = QPushButton(self.tr("关闭"))
        close.setObjectName("close")
        close.clicked.connect(lambda _checked=False: self.reject())
        for button in (self.verify_button, self.import_button, close):
            buttons.addWidget(button)
        layout.addLayout(buttons)
        page.worker.call(office_keys.list_decryption_keys, page.session,
                         on_done=self._keys_loaded, on_error=lambda exc: show_error(self, exc))

    # --- the decryption key ----------------------------------------------------------------------

    def _keys_loaded(self, rows: list[dict[str, Any]]) -> None:
        mine = str(self.page.session.account_id)
        self.stored_key = any(mine in (r["holder_accounts"] or "").split(",") for r in rows)
        self._show_identity()

    def _show_identity(self) -> None:
        stored = self.stored_key and not self.identity_path
        if self.identity_path:
            self.identity.setText(self.identity_path)
        elif stored:
            self.identity.setText(self.tr("使用本机解密密钥（需输入登录密码）"))
        else:
            self.identity.clear()
        self.passphrase_row.setVisible(stored)
        self.use_stored_button.setVisible(self.stored_key and bool(self.identity_path))

    def choose_identity(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self, self.tr("选择本级的解密密钥文件"), self.page._folder(),
            self.tr("解密密钥文件 (*.txt *.key);;所有文件 (*)"))
        if path:
            self.identity_path = path
            self._show_identity()

    def use_stored(self) -> None:
        """Go back from a chosen key file to the account's own decryption keys."""
        self.identity_path = ""
        self._show_identity()

    def _run_inputs(self) -> tuple[str, bool, str]:
        """(key file, use the stored keys, passphrase) for the next run; hides the message."""
        self.message.setVisible(False)
        stored = self.stored_key and not self.identity_path
        return self.identity_path, stored, self.passphrase.text() if stored else ""

    def _unlock_failed(self, exc: BaseException) -> bool:
        """Show a user-caused error of a run (a wrong password, a throttle) in the dialog and
        clear the password; True when shown here."""
        if not isinstance(exc, FieldLedgerError) or isinstance(exc, Cancelled):
            return False
        self.passphrase.clear()
        self.message.setText(error_message(exc))
        self.message.setVisible(True)
        if self.passphrase_row.isVisible():
            self.passphrase.setFocus()
        return True

    def done(self, result: int) -> None:
        """Close, forgetting the password typed."""
        self.passphrase.clear()
        super().done(result)

    # --- the dry run -----------------------------------------------------------------------------

    def verify(self) -> None:
        """Check every package on the worker behind a progress dialog; show the reports."""
        session, paths = self.page.session, list(self.paths)
        identity, stored, passphrase = self._run_inputs()
        self.import_button.setEnabled(False)

        def job(progress: Any, cancelled: Any) -> list[tuple[Path, Any]]:
            identities = run_identities(session, paths, identity, stored, passphrase)
            out: list[tuple[Path, Any]] = []
            for n, path in enumerate(paths):
                if cancelled():
                    raise Cancelled()
                step = _step(progress, n, len(paths))
                try:
                    out.append((path, office_import.verify_and_preview(
                        session, path, identities, progress=step, cancelled=cancelled)))
                except Cancelled:
                    raise
                except FieldLedgerError as exc:
                    out.append((path, exc))
            progress(len(paths), len(paths))
            return out

        def failed(exc: BaseException) -> None:
            if not self._unlock_failed(exc) and not isinstance(exc, Cancelled):
                show_error(self, exc)

        run_task(self.page.worker, self, self.tr("核验报送包"), self.tr("正在核验报送包…"), job,
                 on_done=self._verified, on_error=failed)

    def _verified(self, reports: list[tuple[Path, Any]]) -> None:
        self.reports = [(p, error_message(r) if isinstance(r, FieldLedgerError) else r)
                        for p, r in reports]
        self.results = []
        self._render()
        self.import_button.setEnabled(any(
            not isinstance(r, str) and not r.already_imported for _p, r in self.reports))

    def _render(self) -> None:
        good = sum(1 for _p, r in self.reports if not isinstance(r, str) and r.importable)
        done = sum(1 for _p, r in self.reports if not isinstance(r, str) and r.already_imported)
        bad = len(self.reports) - good - done
        summary = self.tr("核验 {n} 个报送包：可导入 {good} 个，已导入过 {done} 个，不合格 {bad} 个。")
        parts = [_para(summary.format(n=len(self.reports), good=good, done=done, bad=bad),
                       strong=True)]
        for path, report in self.reports:
            parts.append(f"<h3>{html.escape(path.name)}</h3>")
            if isinstance(report, str):
                parts.append(_para(report, ALARM_COLOR, strong=True))
                continue
            alarms = [a.detail for a in report.alarms]
            problems = list(report.problems)
            lines = report.lines()
            for line in lines:
                if any(d and d in line for d in alarms):
                    parts.append(_para(line, ALARM_COLOR, strong=True, box=True))
                elif any(p and p in line for p in problems):
                    parts.append(_para(line, ALARM_COLOR, strong=True))
                elif line == lines[-1] and report.importable:
                    parts.append(_para(line, OK_COLOR, strong=True))
                else:
                    parts.append(_para(line))
        if self.results:
            parts.append(f"<h3>{html.escape(self.tr('导入结果'))}</h3>")
            for path, text, color in self.results:
                parts.append(_para(f"{path.name}：{text}", color, strong=True))
        self.report.setHtml("".join(parts))

    # --- the import ------------------------------------------------------------------------------

    def run_import(self) -> None:
        """Import every checked package not imported before, on the worker; show the results."""
        session = self.page.session
        identity, stored, passphrase = self._run_inputs()
        paths = [p for p, r in self.reports if not isinstance(r, str) and not r.already_imported]
        already = [p for p, r in self.reports if not isinstance(r, str) and r.already_imported]
        self.import_button.setEnabled(False)
        self.verify_button.setEnabled(False)

        def job(progress: Any, cancelled: Any) -> tuple[list[tuple[Path, Any]], bool]:
            identities = run_identities(session, paths, identity, stored, passphrase)
            out: list[tuple[Path, Any]] = []
            for n, path in enumerate(paths):
                if cancelled():
                    return out, True
                try:
                    out.append((path, office_import.import_package(
                        session, path, identities, progress=_step(progress, n, len(paths)),
                        cancelled=cancelled)))
                except Cancelled:
                    return out, True
                except FieldLedgerError as exc:
                    out.append((path, exc))
            progress(len(paths), len(paths))
            return out, False

        def done(outcome: tuple[list[tuple[Path, Any]], bool]) -> None:
            self.passphrase.clear()
            self._imported(outcome, already)

        def failed(exc: BaseException) -> None:
            self.verify_button.setEnabled(True)
            if self._unlock_failed(exc):
                self.import_button.setEnabled(bool(paths))
                return
            show_error(self, exc)

        run_task(self.page.worker, self, self.tr("导入报送包"), self.tr("正在导入报送包…"), job,
                 on_done=done, on_error=failed)

    def _imported(self, outcome: tuple[list[tuple[Path, Any]], bool],
                  already: list[Path]) -> None:
        results, was_cancelled = outcome
        changes = Changes()
        self.results = [(p, self.tr("已导入过（无变化）"), None) for p in already]
        for path, result in results:
            if isinstance(result, FieldLedgerError):
                self.results.append((path, self.tr("未完成（{reason}）").format(
                    reason=error_message(result)), ALARM_COLOR))
                continue
            for table, keys in result.changes.rows.items():
                changes.rows.setdefault(table, set()).update(keys)
            changes.head_seq = max(changes.head_seq, result.changes.head_seq)
            if result.status == "imported":
                text = self.tr("已导入")
                if result.report.alarms:
                    text += self.tr("（告警：{kinds}）").format(
                        kinds="、".join(alarm_label(a.kind) for a in result.report.alarms))
                self.results.append((path, text, OK_COLOR))
            elif result.status == "already_imported":
                self.results.append((path, self.tr("已导入过（无变化）"), None))
            else:
                reason = "；".join(result.report.problems) or result.report.reason
                self.results.append((path, self.tr("已隔离（{reason}）").format(reason=reason),
                                     ALARM_COLOR))
        if was_cancelled:
            done = {p for p, _r in results}
            self.results += [(p, self.tr("已取消，未导入"), None) for p, r in self.reports
                             if p not in done and p not in already and not isinstance(r, str)]
        self._render()
        self.verify_button.setEnabled(True)
        if changes:
            self.page.worker.changed.emit(changes)


def _step(progress: Any, n: int, count: int) -> Any:
    """A ``progress(done, total)`` for the ``n``-th of ``count`` packages, as overall progress."""
    def step(done: int, total: int) -> None:
        fraction = done / total if total else 0
        progress(int((n + fraction) * 1000), count * 1000)
    return step


def _para(text: str, color: str | None = None, *, strong: bool = False,
          box: bool = False) -> str:
    """One line of the report as HTML."""
    style = f"color: {color};" if color else ""
    if box:
        style += " background: #fde8ea;"
    body = html.escape(text).replace("\n", "<br>")
    if strong:
        body = f"<b>{body}</b>"
    return f'<p style="margin: 2px 0; {style}">{body}</p>'
