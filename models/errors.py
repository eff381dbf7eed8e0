"""Errors a user can cause, each with a Chinese message that says what to do.

A ``FieldLedgerError`` carries a message template (Chinese source text, marked for translation in
the ``errors`` context) and the values to fill in. ``str(error)`` is the Chinese message; the GUI
passes its translator to :meth:`FieldLedgerError.message` to show it in the chosen language.
Anything that is not a ``FieldLedgerError`` is a bug: it goes to the log file, never to the user.
"""
from __future__ import annotations

from typing import Any, Callable

from .i18n import QT_TRANSLATE_NOOP


class FieldLedgerError(Exception):
    """Base of all errors meant to be shown to the user."""

    template: str = QT_TRANSLATE_NOOP("errors", "操作未能完成。")

    def __init__(self, template: str | None = None, **params: Any) -> None:
        if template is not None:
            self.template = template
        self.params = params
        super().__init__(self.message())

    def message(self, translate: Callable[[str], str] | None = None) -> str:
        """The message, translated by ``translate`` (template -> template) when given."""
        text = translate(self.template) if translate else self.template
        try:
            return text.format(**self.params)
        except (KeyError, IndexError, ValueError):
            return self.template.format(**self.params)


# --- storage -------------------------------------------------------------------------------------

class StorageError(FieldLedgerError):
    """The database file cannot be used as it is; nothing was changed."""


class DatabaseMissing(StorageError):
    template = QT_TRANSLATE_NOOP(
        "errors",
        "找不到数据库文件：{path}\n此数据文件夹曾经建立过台账，但数据库文件不见了。"
        "请检查 U 盘或移动硬盘是否已插好，或从备份恢复该文件；程序没有新建空数据库，以免覆盖您的数据。")


class DatabaseCorrupt(StorageError):
    template = QT_TRANSLATE_NOOP(
        "errors",
        "数据库文件已损坏，无法读取：{path}\n程序没有修改这个文件。请从备份恢复，"
        "或把该文件连同日志文件夹交给技术人员检查。")


class DatabaseLocked(StorageError):
    template = QT_TRANSLATE_NOOP(
        "errors",
        "数据库正被另一个程序占用：{path}\n可能已经打开了另一个执法台账窗口，或有备份程序正在读取。"
        "请关闭其他窗口后重试。")


class DatabaseReadOnly(StorageError):
    template = QT_TRANSLATE_NOOP(
        "errors",
        "无法写入数据库（文件或文件夹是只读的）：{path}\n请检查文件属性、U 盘写保护开关或文件夹权限，"
        "或用 --data-dir 选择一个可写的文件夹。数据未被修改。")


class DiskFull(StorageError):
    template = QT_TRANSLATE_NOOP(
        "errors",
        "磁盘空间已满，刚才的操作没有保存（已撤回，原有数据完好）：{path}\n请清理磁盘空间后再试一次。")


class DatabaseTooNew(StorageError):
    template = QT_TRANSLATE_NOOP(
        "errors",
        "这个数据库由更新版本的执法台账建立（数据版本 {found}，本程序最高支持 {supported}）：{path}\n"
        "程序没有修改它。请安装最新版本的执法台账后再打开。")


class DataFolderError(StorageError):
    template = QT_TRANSLATE_NOOP(
        "errors",
        "无法使用数据文件夹：{path}\n原因：{reason}\n请选择一个可写的文件夹（--data-dir）。")


# --- accounts and permissions --------------------------------------------------------------------

class NotSetUp(FieldLedgerError):
    template = QT_TRANSLATE_NOOP("errors", "尚未完成首次设置：请先登记本单位和第一个负责人账号。")


class AlreadySetUp(FieldLedgerError):
    template = QT_TRANSLATE_NOOP("errors", "本机已经完成首次设置，不能再次初始化。")


class AuthenticationFailed(FieldLedgerError):
    template = QT_TRANSLATE_NOOP("errors", "用户名或密码不正确。")


class LoginThrottled(FieldLedgerError):
    template = QT_TRANSLATE_NOOP(
        "errors", "密码错误次数过多，请 {seconds} 秒后再试。如忘记密码，请联系本单位管理员重置。")


class AccountLocked(FieldLedgerError):
    template = QT_TRANSLATE_NOOP(
        "errors", "密码连续错误 {failures} 次，账号已临时锁定，{minutes} 分钟后自动解锁，"
        "也可请管理员立即解锁。")


class AccountDisabled(FieldLedgerError):
    template = QT_TRANSLATE_NOOP("errors", "该账号已停用，请联系本单位管理员。")


class PermissionDenied(FieldLedgerError):
    template = QT_TRANSLATE_NOOP(
        "errors", "您没有权限执行“{operation}”。此操作需要以下角色之一：{roles}。")


class ValidationError(FieldLedgerError):
    """Input that breaks a rule; the message names the field and the rule."""


class NotFound(FieldLedgerError):
    template = QT_TRANSLATE_NOOP("errors", "找不到{what}（编号 {key}），可能已被删除。")


class Cancelled(FieldLedgerError):
    template = QT_TRANSLATE_NOOP("errors", "操作已取消，未做任何修改。")
