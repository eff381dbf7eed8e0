"""Showing errors: a clear message for what a user can cause, the log file for everything else.

A message is shown in the current language, template and inserted labels alike: a value that is
a label of the core (a field's name, a status, a source, a role, an operation, a key's state:
:func:`label_text`)
is translated in its own context before it is put in; what the user typed stays as typed.
"""
from __future__ import annotations

import sys
import traceback
from types import TracebackType

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QApplication, QWidget

from models.errors import FIELD_LABELS, FieldLedgerError
from models.i18n import QT_TRANSLATE_NOOP
from models.logs import log

_log_file_hint = ""
#: How the core joins labels in one value (roles: 负责人、法制审核), translated like a label.
LIST_SEPARATOR = QT_TRANSLATE_NOOP("fields", "、")
_labels: dict[str, tuple[str, ...]] | None = None


def set_log_file_hint(path: str) -> None:
    global _log_file_hint
    _log_file_hint = path


def _label_contexts() -> dict[str, tuple[str, ...]]:
    """Every label the core may put into a message -> the translation contexts it is marked in."""
    global _labels
    if _labels is None:
        from models.key_unlock import STATE_LABELS
        from models.ledger_signing import MEANING_LABELS
        from models.permissions import PERMISSIONS, ROLE_LABELS
        from models.problems import SCOPES, SOURCES, STATUSES
        found: dict[str, list[str]] = {}
        for context, labels in (("fields", FIELD_LABELS),
                                ("problems", [*STATUSES.values(), *SOURCES.values(),
                                              *SCOPES.values()]),
                                ("roles", ROLE_LABELS.values()),
                                ("keys", STATE_LABELS.values()),
                                ("signing", MEANING_LABELS.values()),
                                ("operations", [p.label for p in PERMISSIONS.values()])):
            for label in labels:
                found.setdefault(label, []).append(context)
        _labels = {label: tuple(contexts) for label, contexts in found.items()}
    return _labels


def label_text(value: str) -> str:
    """``value`` in the current language when it is a label of the core (or labels joined by
    、); anything else unchanged. A label not translated yet stays Chinese."""
    known = _label_contexts()
    contexts = known.get(value)
    if contexts is not None:
        for context in contexts:
            text = QCoreApplication.translate(context, value)
            if text != value:
                return text
        return value
    parts = value.split(LIST_SEPARATOR)
    if len(parts) > 1 and all(part in known for part in parts):
        separator = QCoreApplication.translate("fields", LIST_SEPARATOR)
        return separator.join(label_text(part) for part in parts)
    return value


def error_message(exc: FieldLedgerError) -> str:
    """The message of ``exc`` in the current language, its inserted labels included."""
    return exc.message(lambda template: QCoreApplication.translate("errors", template),
                       label_text)


def describe(exc: BaseException) -> str:
    """What the user is told about ``exc``; an unexpected error is logged with its traceback."""
    if isinstance(exc, FieldLedgerError):
        log.info("shown to the user: %r", exc, exc_info=exc)
        return error_message(exc)
    log.error("unexpected error: %s", "".join(
        traceback.format_exception(type(exc), exc, exc.__traceback__)))
    return QCoreApplication.translate(
        "errors", "程序内部出错，刚才的操作没有完成，已保存的数据不受影响。详细信息已写入日志文件：{path}\n"
        "如问题反复出现，请把日志文件交给技术人员。").format(path=_log_file_hint or "-")


def show_error(parent: QWidget | None, exc: BaseException, title: str | None = None) -> None:
    """A modal message box with the description of ``exc``."""
    text = describe(exc)
    if QApplication.instance() is None:
        print(text, file=sys.stderr)
        return
    from PySide6.QtWidgets import QMessageBox  # dialogs' code loads when first needed
    QMessageBox.warning(parent, title or QCoreApplication.translate("errors", "无法完成操作"), text)


def install_excepthook() -> None:
    """Uncaught exceptions in slots go to the log and a message box, never to a console."""

    def hook(etype: type[BaseException], value: BaseException, tb: TracebackType | None) -> None:
        if issubclass(etype, KeyboardInterrupt):
            sys.__excepthook__(etype, value, tb)
            return
        value.__traceback__ = tb
        try:
            show_error(QApplication.activeWindow(), value)
        except Exception:  # noqa: BLE001 - last resort
            log.exception("error while showing an error")

    sys.excepthook = hook
