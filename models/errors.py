"""Errors a user can cause, each with a Chinese message that says what to do.

A ``FieldLedgerError`` carries a message template (Chinese source text, marked for translation in
the ``errors`` context) and the values to fill in. ``str(error)`` is the Chinese message; the GUI
passes its translator to :meth:`FieldLedgerError.message` to show it in the chosen language, and
a translator of the values: a value that is a label the core put in (a field's name from
:data:`FIELD_LABELS`, a status, a role, an operation) is shown in that language too, while what
the user typed (a file name, a category) stays as it is.
Anything that is not a ``FieldLedgerError`` is a bug: it goes to the log file, never to the user.
"""
from __future__ import annotations

from typing import Any, Callable

from .i18n import QT_TRANSLATE_NOOP

#: The labels operations insert into messages as ``{field}`` (the name of a form field) or
#: ``{what}`` (the thing not found), marked for translation in the ``fields`` context. A label
#: passed to ``models.validate`` or to :class:`NotFound` belongs here (a test checks the core).
FIELD_LABELS: frozenset[str] = frozenset({
    # 问题台账
    QT_TRANSLATE_NOOP("fields", "问题"),
    QT_TRANSLATE_NOOP("fields", "问题方面"),
    QT_TRANSLATE_NOOP("fields", "存在问题"),
    QT_TRANSLATE_NOOP("fields", "具体表现"),
    QT_TRANSLATE_NOOP("fields", "整改措施"),
    QT_TRANSLATE_NOOP("fields", "责任部门"),
    QT_TRANSLATE_NOOP("fields", "责任人"),
    QT_TRANSLATE_NOOP("fields", "整改时限"),
    QT_TRANSLATE_NOOP("fields", "备注"),
    QT_TRANSLATE_NOOP("fields", "整改完成情况"),
    QT_TRANSLATE_NOOP("fields", "是否取得预期成效"),
    QT_TRANSLATE_NOOP("fields", "是否出现反弹"),
    QT_TRANSLATE_NOOP("fields", "反弹问题整改措施和完成情况"),
    QT_TRANSLATE_NOOP("fields", "共性/个性"),
    QT_TRANSLATE_NOOP("fields", "问题来源"),
    QT_TRANSLATE_NOOP("fields", "举报渠道"),
    QT_TRANSLATE_NOOP("fields", "来源记录"),
    QT_TRANSLATE_NOOP("fields", "问题状态"),
    QT_TRANSLATE_NOOP("fields", "说明"),
    QT_TRANSLATE_NOOP("fields", "整改进展"),
    QT_TRANSLATE_NOOP("fields", "进展记录"),
    QT_TRANSLATE_NOOP("fields", "日期"),
    QT_TRANSLATE_NOOP("fields", "印证资料"),
    # 专项行动
    QT_TRANSLATE_NOOP("fields", "专项行动"),
    QT_TRANSLATE_NOOP("fields", "行动名称"),
    QT_TRANSLATE_NOOP("fields", "文号"),
    QT_TRANSLATE_NOOP("fields", "发文单位"),
    QT_TRANSLATE_NOOP("fields", "行动类型"),
    QT_TRANSLATE_NOOP("fields", "开始日期"),
    QT_TRANSLATE_NOOP("fields", "结束日期"),
    QT_TRANSLATE_NOOP("fields", "问题类别"),
    QT_TRANSLATE_NOOP("fields", "阶段"),
    QT_TRANSLATE_NOOP("fields", "阶段名称"),
    QT_TRANSLATE_NOOP("fields", "阶段开始日期"),
    QT_TRANSLATE_NOOP("fields", "阶段截止日期"),
    QT_TRANSLATE_NOOP("fields", "阶段说明"),
    QT_TRANSLATE_NOOP("fields", "报送材料"),
    QT_TRANSLATE_NOOP("fields", "报送材料名称"),
    QT_TRANSLATE_NOOP("fields", "报送截止日期"),
    QT_TRANSLATE_NOOP("fields", "材料说明"),
    # 模板、自查、案卷评查
    QT_TRANSLATE_NOOP("fields", "模板"),
    QT_TRANSLATE_NOOP("fields", "自查清单"),
    QT_TRANSLATE_NOOP("fields", "自查记录"),
    QT_TRANSLATE_NOOP("fields", "自查名称"),
    QT_TRANSLATE_NOOP("fields", "自查条目"),
    QT_TRANSLATE_NOOP("fields", "自查结论"),
    QT_TRANSLATE_NOOP("fields", "情况说明"),
    QT_TRANSLATE_NOOP("fields", "案卷"),
    QT_TRANSLATE_NOOP("fields", "案卷编号"),
    QT_TRANSLATE_NOOP("fields", "案件类型"),
    QT_TRANSLATE_NOOP("fields", "执法门类"),
    QT_TRANSLATE_NOOP("fields", "案由"),
    QT_TRANSLATE_NOOP("fields", "当事人"),
    QT_TRANSLATE_NOOP("fields", "执法人员"),
    QT_TRANSLATE_NOOP("fields", "是否重大案件"),
    QT_TRANSLATE_NOOP("fields", "办案机构"),
    QT_TRANSLATE_NOOP("fields", "结案时间"),
    QT_TRANSLATE_NOOP("fields", "评查标准"),
    QT_TRANSLATE_NOOP("fields", "评查记录"),
    QT_TRANSLATE_NOOP("fields", "评查条目"),
    QT_TRANSLATE_NOOP("fields", "扣分次数"),
    QT_TRANSLATE_NOOP("fields", "扣分说明"),
    QT_TRANSLATE_NOOP("fields", "评查意见"),
    QT_TRANSLATE_NOOP("fields", "模板类型"),
    QT_TRANSLATE_NOOP("fields", "模板编号"),
    QT_TRANSLATE_NOOP("fields", "模板名称"),
    QT_TRANSLATE_NOOP("fields", "版本"),
    QT_TRANSLATE_NOOP("fields", "发布单位"),
    QT_TRANSLATE_NOOP("fields", "发布日期"),
    QT_TRANSLATE_NOOP("fields", "示例模板"),
    QT_TRANSLATE_NOOP("fields", "优秀分数线"),
    QT_TRANSLATE_NOOP("fields", "合格分数线"),
    QT_TRANSLATE_NOOP("fields", "低于合格分数线须复核"),
    QT_TRANSLATE_NOOP("fields", "评定等次不一致须复核"),
    QT_TRANSLATE_NOOP("fields", "分组"),
    QT_TRANSLATE_NOOP("fields", "对应问题类别"),
    QT_TRANSLATE_NOOP("fields", "分值"),
    QT_TRANSLATE_NOOP("fields", "编号"),
    QT_TRANSLATE_NOOP("fields", "内容"),
    QT_TRANSLATE_NOOP("fields", "要点说明"),
    QT_TRANSLATE_NOOP("fields", "否决项"),
    QT_TRANSLATE_NOOP("fields", "每处扣分"),
    # units, people, accounts
    QT_TRANSLATE_NOOP("fields", "单位"),
    QT_TRANSLATE_NOOP("fields", "单位名称"),
    QT_TRANSLATE_NOOP("fields", "单位代码"),
    QT_TRANSLATE_NOOP("fields", "单位层级"),
    QT_TRANSLATE_NOOP("fields", "上级单位"),
    QT_TRANSLATE_NOOP("fields", "上级单位名称"),
    QT_TRANSLATE_NOOP("fields", "上级单位代码"),
    QT_TRANSLATE_NOOP("fields", "上级单位层级"),
    QT_TRANSLATE_NOOP("fields", "人员"),
    QT_TRANSLATE_NOOP("fields", "姓名"),
    QT_TRANSLATE_NOOP("fields", "职务"),
    QT_TRANSLATE_NOOP("fields", "执法证号"),
    QT_TRANSLATE_NOOP("fields", "联系电话"),
    QT_TRANSLATE_NOOP("fields", "账号"),
    QT_TRANSLATE_NOOP("fields", "用户名"),
    # 工作简报、工作调度表、案件统计、报送材料的规则
    QT_TRANSLATE_NOOP("fields", "工作简报"),
    QT_TRANSLATE_NOOP("fields", "简报标题"),
    QT_TRANSLATE_NOOP("fields", "简报正文"),
    QT_TRANSLATE_NOOP("fields", "报送月份"),
    QT_TRANSLATE_NOOP("fields", "照片"),
    QT_TRANSLATE_NOOP("fields", "照片说明"),
    QT_TRANSLATE_NOOP("fields", "调度月份"),
    QT_TRANSLATE_NOOP("fields", "工作任务"),
    QT_TRANSLATE_NOOP("fields", "责任人/部门"),
    QT_TRANSLATE_NOOP("fields", "完成状态"),
    QT_TRANSLATE_NOOP("fields", "进展情况"),
    QT_TRANSLATE_NOOP("fields", "案件统计"),
    QT_TRANSLATE_NOOP("fields", "统计月份"),
    QT_TRANSLATE_NOOP("fields", "数据条数"),
    QT_TRANSLATE_NOOP("fields", "实际案件数"),
    QT_TRANSLATE_NOOP("fields", "测试案件数"),
    QT_TRANSLATE_NOOP("fields", "在线考试"),
    QT_TRANSLATE_NOOP("fields", "提供材料的台账"),
    # 投诉举报线索
    QT_TRANSLATE_NOOP("fields", "投诉举报线索"),
    QT_TRANSLATE_NOOP("fields", "受理日期"),
    QT_TRANSLATE_NOOP("fields", "来源渠道"),
    QT_TRANSLATE_NOOP("fields", "反映内容"),
    QT_TRANSLATE_NOOP("fields", "被反映单位/人"),
    QT_TRANSLATE_NOOP("fields", "反映人及联系方式"),
    QT_TRANSLATE_NOOP("fields", "办理情况"),
    QT_TRANSLATE_NOOP("fields", "办理结果"),
    QT_TRANSLATE_NOOP("fields", "办结日期"),
    QT_TRANSLATE_NOOP("fields", "线索状态"),
    # 培训台账、执法证
    QT_TRANSLATE_NOOP("fields", "培训记录"),
    QT_TRANSLATE_NOOP("fields", "培训内容"),
    QT_TRANSLATE_NOOP("fields", "培训形式"),
    QT_TRANSLATE_NOOP("fields", "学时"),
    QT_TRANSLATE_NOOP("fields", "考核情况"),
    QT_TRANSLATE_NOOP("fields", "证件状态"),
    QT_TRANSLATE_NOOP("fields", "发证日期"),
    QT_TRANSLATE_NOOP("fields", "有效期至"),
})


class FieldLedgerError(Exception):
    """Base of all errors meant to be shown to the user."""

    template: str = QT_TRANSLATE_NOOP("errors", "操作未能完成。")

    def __init__(self, template: str | None = None, **params: Any) -> None:
        if template is not None:
            self.template = template
        self.params = params
        super().__init__(self.message())

    def message(self, translate: Callable[[str], str] | None = None,
                translate_value: Callable[[str], str] | None = None) -> str:
        """The message, translated by ``translate`` (template -> template) when given; each text
        value put into it goes through ``translate_value`` (value -> value) when given."""
        text = translate(self.template) if translate else self.template
        params = self.params if translate_value is None else {
            key: translate_value(value) if isinstance(value, str) else value
            for key, value in self.params.items()}
        try:
            return text.format(**params)
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
