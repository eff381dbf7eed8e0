"""Showing errors: a clear message for what a user can cause, the log file for everything else."""
from __future__ import annotations

import sys
import traceback
from types import TracebackType

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QApplication, QWidget

from models.errors import FieldLedgerError
from models.logs import log

from .i18n import error_text

_log_file_hint = ""


def set_log_file_hint(path: str) -> None:
    global _log_file_hint
    _log_file_hint = path


def describe(exc: BaseException) -> str:
    """What the user is told about ``exc``; an unexpected error is logged with its traceback."""
    if isinstance(exc, FieldLedgerError):
        log.info("shown to the user: %r", exc, exc_info=exc)
        return error_text(exc)
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
