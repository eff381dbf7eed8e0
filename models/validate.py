"""Checks of user input shared by the operations; each failure names the field in Chinese."""
from __future__ import annotations

import re
from datetime import date

from .errors import ValidationError
from .i18n import QT_TRANSLATE_NOOP

_REQUIRED = QT_TRANSLATE_NOOP("errors", "“{field}”不能为空。")
_TOO_LONG = QT_TRANSLATE_NOOP("errors", "“{field}”太长（最多 {limit} 个字）。")
_BAD_DATE = QT_TRANSLATE_NOOP("errors", "“{field}”不是有效日期：{value}（应为 年-月-日，如 2024-06-30）。")
_BAD_CHOICE = QT_TRANSLATE_NOOP("errors", "“{field}”的取值无效：{value}。")
_BAD_PHONE = QT_TRANSLATE_NOOP("errors", "“{field}”只能包含数字、空格和 - + ( )：{value}")


def text(value: object, field: str, *, required: bool = True, limit: int = 200) -> str:
    """Stripped text; empty allowed only when not ``required``."""
    out = "" if value is None else str(value).strip()
    if required and not out:
        raise ValidationError(_REQUIRED, field=field)
    if len(out) > limit:
        raise ValidationError(_TOO_LONG, field=field, limit=limit)
    return out


def iso_date(value: object, field: str, *, required: bool = False) -> str | None:
    """An ISO date string (YYYY-MM-DD) or None when empty and not required."""
    if value is None or (isinstance(value, str) and not value.strip()):
        if required:
            raise ValidationError(_REQUIRED, field=field)
        return None
    if isinstance(value, date):
        return value.isoformat()
    try:
        return date.fromisoformat(str(value).strip()).isoformat()
    except ValueError:
        raise ValidationError(_BAD_DATE, field=field, value=value) from None


def choice(value: object, field: str, allowed: set[str] | frozenset[str]) -> str:
    out = "" if value is None else str(value)
    if out not in allowed:
        raise ValidationError(_BAD_CHOICE, field=field, value=value)
    return out


def phone(value: object, field: str) -> str:
    out = text(value, field, required=False, limit=40)
    if out and not re.fullmatch(r"[0-9 +()\-]+", out):
        raise ValidationError(_BAD_PHONE, field=field, value=out)
    return out
