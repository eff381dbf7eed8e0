"""Calendar months as the monthly ledgers store them: ``YYYY-MM`` text (工作简报 and 工作调度表
periods, 案件统计 months), checked, shifted and turned into their first and last day."""
from __future__ import annotations

import calendar
import re
from datetime import date

from .errors import ValidationError
from .i18n import QT_TRANSLATE_NOOP

_MONTH = re.compile(r"(\d{4})-(\d{2})")
_BAD_MONTH = QT_TRANSLATE_NOOP("errors", "{field}应为“年-月”，如 2024-05（实际为“{value}”）。")


def check_month(value: object, field: str) -> str:
    """``value`` as ``YYYY-MM`` (a :class:`date` gives its month); ValidationError naming
    ``field`` otherwise (months 01-12, years 2000-2099)."""
    if isinstance(value, date):
        return f"{value.year:04d}-{value.month:02d}"
    text = "" if value is None else str(value).strip()
    found = _MONTH.fullmatch(text)
    if not found or not 1 <= int(found.group(2)) <= 12 or not 2000 <= int(found.group(1)) <= 2099:
        raise ValidationError(_BAD_MONTH, field=field, value=text[:20])
    return text


def month_of(day: date) -> str:
    """The ``YYYY-MM`` of ``day``."""
    return f"{day.year:04d}-{day.month:02d}"


def bounds(month: str) -> tuple[date, date]:
    """(first day, last day) of ``month`` (``YYYY-MM``, assumed checked)."""
    year, number = int(month[:4]), int(month[5:7])
    return date(year, number, 1), date(year, number, calendar.monthrange(year, number)[1])


def shift(month: str, months: int) -> str:
    """``month`` moved by ``months`` (negative: earlier)."""
    index = int(month[:4]) * 12 + int(month[5:7]) - 1 + months
    return f"{index // 12:04d}-{index % 12 + 1:02d}"


def label(month: str) -> str:
    """A month as the forms write it: ``2024年5月``."""
    return f"{int(month[:4])}年{int(month[5:7])}月"
