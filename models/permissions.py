"""Roles, the operations each may perform, and the check every operation makes.

Permissions are enforced here, in the core: hiding a button in the GUI is a convenience, not the
rule. Each operation function is declared with :func:`operation`, which checks the acting
session's roles before the function runs and registers it in :data:`OPERATIONS` so that tests can
go through every operation with every role.
"""
from __future__ import annotations

import functools
from enum import StrEnum
from typing import TYPE_CHECKING, Any, Callable, NamedTuple, TypeVar

from .errors import PermissionDenied
from .i18n import QT_TRANSLATE_NOOP

if TYPE_CHECKING:
    from .session import Session


class Role(StrEnum):
    OFFICER = "officer"      # 执法队员
    REVIEWER = "reviewer"    # 法制审核
    CHIEF = "chief"          # 负责人
    ADMIN = "admin"          # 管理员


ROLE_LABELS: dict[Role, str] = {
    Role.OFFICER: QT_TRANSLATE_NOOP("roles", "执法队员"),
    Role.REVIEWER: QT_TRANSLATE_NOOP("roles", "法制审核"),
    Role.CHIEF: QT_TRANSLATE_NOOP("roles", "负责人"),
    Role.ADMIN: QT_TRANSLATE_NOOP("roles", "管理员"),
}

ALL_ROLES = frozenset(Role)
_MANAGERS = frozenset({Role.CHIEF, Role.ADMIN})
_CASEWORK = frozenset({Role.OFFICER, Role.REVIEWER, Role.CHIEF})


def parse_roles(text: str) -> frozenset[Role]:
    return frozenset(Role(part) for part in text.split(",") if part)


def format_roles(roles: frozenset[Role] | set[Role]) -> str:
    return ",".join(sorted(r.value for r in roles))


class Permission(NamedTuple):
    name: str
    label: str          # Chinese, shown in the "no permission" message
    roles: frozenset[Role]


def _p(name: str, label: str, roles: frozenset[Role]) -> Permission:
    return Permission(name, label, roles)


PERMISSIONS: dict[str, Permission] = {p.name: p for p in (
    _p("unit.edit_own", QT_TRANSLATE_NOOP("operations", "修改本单位信息"), _MANAGERS),
    _p("unit.manage", QT_TRANSLATE_NOOP("operations", "维护单位层级"), frozenset({Role.ADMIN})),
    _p("unit.read", QT_TRANSLATE_NOOP("operations", "查看单位"), ALL_ROLES),
    _p("person.manage", QT_TRANSLATE_NOOP("operations", "维护人员信息"), _MANAGERS),
    _p("person.read", QT_TRANSLATE_NOOP("operations", "查看人员"), ALL_ROLES),
    _p("account.manage", QT_TRANSLATE_NOOP("operations", "管理登录账号"), frozenset({Role.ADMIN})),
    _p("account.own_password", QT_TRANSLATE_NOOP("operations", "修改自己的密码"), ALL_ROLES),
    _p("campaign.manage", QT_TRANSLATE_NOOP("operations", "建立和修改专项行动"), _MANAGERS),
    _p("campaign.read", QT_TRANSLATE_NOOP("operations", "查看专项行动"), ALL_ROLES),
    _p("problem.read", QT_TRANSLATE_NOOP("operations", "查看问题台账"), ALL_ROLES),
    _p("problem.edit", QT_TRANSLATE_NOOP("operations", "登记和修改问题"), _CASEWORK),
    _p("problem.progress", QT_TRANSLATE_NOOP("operations", "推进整改"), _CASEWORK),
    _p("problem.verify", QT_TRANSLATE_NOOP("operations", "验收销号"),
       frozenset({Role.REVIEWER, Role.CHIEF})),
    _p("problem.bulk", QT_TRANSLATE_NOOP("operations", "批量调整责任人和时限"),
       frozenset({Role.CHIEF})),
    _p("template.read", QT_TRANSLATE_NOOP("operations", "查看自查清单和评查标准模板"), ALL_ROLES),
    _p("template.manage", QT_TRANSLATE_NOOP("operations", "导入和管理模板"), _MANAGERS),
    _p("selfcheck.read", QT_TRANSLATE_NOOP("operations", "查看自查记录"), ALL_ROLES),
    _p("selfcheck.fill", QT_TRANSLATE_NOOP("operations", "填写自查清单"), _CASEWORK),
    _p("casefile.read", QT_TRANSLATE_NOOP("operations", "查看案卷和评查结果"), ALL_ROLES),
    _p("casefile.manage", QT_TRANSLATE_NOOP("operations", "登记和导入案卷"), _CASEWORK),
    _p("casereview.review", QT_TRANSLATE_NOOP("operations", "评查案卷"),
       frozenset({Role.REVIEWER, Role.CHIEF})),
    _p("problem.sign_own", QT_TRANSLATE_NOOP("operations", "责任人签字确认本人问题"), _CASEWORK),
    _p("ledger.review", QT_TRANSLATE_NOOP("operations", "审核台账"), frozenset({Role.REVIEWER})),
    _p("ledger.seal", QT_TRANSLATE_NOOP("operations", "台账加盖单位签章"), frozenset({Role.CHIEF})),
    _p("key.read", QT_TRANSLATE_NOOP("operations", "查看签名密钥"), ALL_ROLES),
    _p("key.own", QT_TRANSLATE_NOOP("operations", "管理自己的签名密钥"), _CASEWORK),
    _p("key.seal", QT_TRANSLATE_NOOP("operations", "管理单位签章密钥"), frozenset({Role.CHIEF})),
    _p("key.decryption", QT_TRANSLATE_NOOP("operations", "管理和使用本单位的解密密钥"),
       frozenset({Role.CHIEF})),
    _p("audit.verify", QT_TRANSLATE_NOOP("operations", "校验审计链"),
       frozenset({Role.REVIEWER, Role.CHIEF, Role.ADMIN})),
    _p("backup.restore", QT_TRANSLATE_NOOP("operations", "从备份恢复整个台账"), _MANAGERS),
    _p("audit.read", QT_TRANSLATE_NOOP("operations", "查看审计记录"),
       frozenset({Role.REVIEWER, Role.CHIEF, Role.ADMIN})),
    _p("package.export", QT_TRANSLATE_NOOP("operations", "生成和报送报送包"), frozenset({Role.CHIEF})),
    _p("package.read", QT_TRANSLATE_NOOP("operations", "查看报送记录"), _MANAGERS),
    _p("package.recipients", QT_TRANSLATE_NOOP("operations", "设置上级机关的加密公钥"), _MANAGERS),
    _p("office.manage", QT_TRANSLATE_NOOP("operations", "登记下级单位和导入报送包"), _MANAGERS),
    _p("office.read", QT_TRANSLATE_NOOP("operations", "查看下级单位的报送"), ALL_ROLES),
    _p("office.receipt", QT_TRANSLATE_NOOP("operations", "为下级单位的报送包出具回执"),
       frozenset({Role.CHIEF})),
    _p("office.instruct", QT_TRANSLATE_NOOP("operations", "向下级单位下发指令和执法监督意见书"),
       frozenset({Role.CHIEF})),
    _p("package.instructions", QT_TRANSLATE_NOOP("operations", "导入上级来文"), _MANAGERS),
    _p("lead.read", QT_TRANSLATE_NOOP("operations", "查看投诉举报线索"), ALL_ROLES),
    _p("lead.edit", QT_TRANSLATE_NOOP("operations", "登记和办理投诉举报线索"), _CASEWORK),
    _p("lead.close", QT_TRANSLATE_NOOP("operations", "办结、重新办理和删除投诉举报线索"),
       frozenset({Role.CHIEF})),
    _p("training.read", QT_TRANSLATE_NOOP("operations", "查看培训台账"), ALL_ROLES),
    _p("training.edit", QT_TRANSLATE_NOOP("operations", "登记和修改培训记录"),
       frozenset({Role.REVIEWER, Role.CHIEF, Role.ADMIN})),
    _p("report.read", QT_TRANSLATE_NOOP("operations", "查看工作简报、调度表和案件统计"), ALL_ROLES),
    _p("brief.edit", QT_TRANSLATE_NOOP("operations", "编写工作简报"), _CASEWORK),
    _p("brief.finalise", QT_TRANSLATE_NOOP("operations", "审核定稿工作简报"),
       frozenset({Role.CHIEF})),
    _p("schedule.edit", QT_TRANSLATE_NOOP("operations", "填写工作调度表"), _CASEWORK),
    _p("case_stats.edit", QT_TRANSLATE_NOOP("operations", "填报案件统计"), _CASEWORK),
    _p("letter.answer", QT_TRANSLATE_NOOP("operations", "起草执法监督意见书的答复"), _MANAGERS),
    _p("letter.sign", QT_TRANSLATE_NOOP("operations", "签发执法监督意见书的答复"),
       frozenset({Role.CHIEF})),
)}


F = TypeVar("F", bound=Callable[..., Any])

#: Every operation: name -> (function, permission). Filled by :func:`operation` as the modules
#: below are imported; :func:`load_operations` imports them all.
OPERATIONS: dict[str, tuple[Callable[..., Any], Permission]] = {}
OPERATION_MODULES = ("directory", "accounts", "campaigns", "audit_ops", "problems", "ledger_query",
                     "evidence", "ledger_import", "templates", "template_io", "selfcheck",
                     "selfcheck_evidence", "casefiles", "casereviews", "keys", "signing",
                     "ledger_signing", "enrollment", "form_data",
                     "package_contents", "package_out", "office_units", "office_import",
                     "receipts", "office_keys", "office_stats",
                     "instructions", "office_instructions", "office_browse", "leads", "form_leads",
                     "training",
                     "form_training", "office_training", "briefs", "schedule", "case_stats",
                     "reminders", "form_brief",
                     "form_reports", "office_reports", "letters", "letter_problems",
                     "office_letters", "letter_forms")


def load_operations() -> dict[str, tuple[Callable[..., Any], Permission]]:
    """Import every module that declares operations; return the complete registry."""
    import importlib
    for name in OPERATION_MODULES:
        importlib.import_module(f"{__package__}.{name}")
    return OPERATIONS


def check(session: "Session", permission: str) -> None:
    """Raise :class:`PermissionDenied` unless one of the session's roles grants ``permission``."""
    perm = PERMISSIONS[permission]
    if not (session.roles & perm.roles):
        raise PermissionDenied(
            operation=perm.label,
            roles="、".join(ROLE_LABELS[r] for r in Role if r in perm.roles))


def operation(permission: str) -> Callable[[F], F]:
    """Declare a core operation taking the acting ``Session`` first; checks ``permission``."""
    if permission not in PERMISSIONS:
        raise KeyError(permission)

    def wrap(func: F) -> F:
        @functools.wraps(func)
        def checked(session: "Session", *args: Any, **kwargs: Any) -> Any:
            check(session, permission)
            return func(session, *args, **kwargs)

        OPERATIONS[f"{func.__module__.rsplit('.', 1)[-1]}.{func.__name__}"] = (
            checked, PERMISSIONS[permission])
        checked.permission = PERMISSIONS[permission]  # type: ignore[attr-defined]
        return checked  # type: ignore[return-value]

    return wrap
