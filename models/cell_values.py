"""What units write in the cells of their ledgers, read as the ledger's values: a campaign
category named in free text, a deadline written in any of the usual ways, 是/否, a person's name.
Shared by the Excel imports and by the self-check and case-review rules that map to categories.
"""
from __future__ import annotations

import re
import unicodedata
from datetime import date, datetime, timedelta
from typing import Any, Iterable

from .errors import ValidationError
from .i18n import QT_TRANSLATE_NOOP
from .xlsx_forms import normalize
from .xlsx_read import cell_text

#: Deadlines written as words: no date, the words kept in 备注.
OPEN_ENDED = ("长期坚持", "长期", "持续整改", "持续推进", "常态化", "立行立改", "已完成", "已整改",
              "已整改完成", "整改完成")
_YES = {"是", "有", "已", "√", "✓", "✔", "y", "yes", "true", "1", "取得", "已取得", "达到"}
_NO = {"否", "无", "没有", "未", "×", "✗", "✘", "x", "n", "no", "false", "0", "未取得", "未出现",
       "没有出现"}
_QUOTES = str.maketrans("", "", "“”\"'‘’「」『』《》")
_NUMBERING = re.compile(r"^(?:[(（]?[一二三四五六七八九十\d]+[)）]|[一二三四五六七八九十\d]+[、.．])")
_DATE = re.compile(r"(?:(\d{4})\s*[-/.年]\s*)?(\d{1,2})\s*[-/.月]\s*(?:(\d{1,2})\s*[日号]?|底)?")

def _fold(text: str) -> str:
    """A category name or 存在问题 text folded for matching: NFKC, no spaces or quotes, no leading
    numbering like （一） or 1、, no trailing 的问题 / 问题 / 方面."""
    out = normalize(text).translate(_QUOTES)
    out = _NUMBERING.sub("", out)
    for tail in ("的问题", "问题", "方面"):
        if out.endswith(tail) and len(out) > len(tail):
            out = out[: -len(tail)]
            break
    return out


def match_category(text: str, categories: Iterable[str]) -> str | None:
    """The campaign category ``text`` names: equal after folding, or ``text`` starting with it
    (“运动式执法问题：……”); the longest such category wins. None when none fits."""
    folded = normalize(text).translate(_QUOTES)
    folded = _NUMBERING.sub("", folded)
    whole = _fold(text)
    best: str | None = None
    for cat in categories:
        f = _fold(cat)
        if f and (whole == f or folded.startswith(f)):
            if best is None or len(f) > len(_fold(best)):
                best = cat
    return best


def parse_deadline(value: Any, default_year: int | None) -> tuple[str | None, str]:
    """A 整改时限 cell -> (ISO date or None, words kept for 备注). Raises ValidationError when the
    cell is neither a date nor one of :data:`OPEN_ENDED`."""
    if value is None or value == "":
        return None, ""
    if isinstance(value, datetime):
        return value.date().isoformat(), ""
    if isinstance(value, date):
        return value.isoformat(), ""
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        if 20000 < value < 80000:   # an Excel day number in a cell without a date format
            return (date(1899, 12, 30) + timedelta(days=int(value))).isoformat(), ""
        raise ValidationError(_BAD_DEADLINE, value=cell_text(value))
    text = unicodedata.normalize("NFKC", str(value)).strip()
    compact = re.sub(r"\s+", "", text)
    if compact.rstrip("。.") in OPEN_ENDED:
        return None, compact
    core = re.sub(r"^(?:于|在|截至|截止|至)", "", compact)
    core = re.sub(r"(?:前|之前|以前|止|为止|完成|底前)+[。.]?$", "", core)
    m = _DATE.fullmatch(core)
    if m:
        year = int(m.group(1)) if m.group(1) else default_year
        month = int(m.group(2))
        day_text = m.group(3)
        if year is not None and 1 <= month <= 12:
            try:
                if day_text:
                    return date(year, month, int(day_text)).isoformat(), ""
                if core.endswith("底") or "月" in core or m.group(1):  # 2024年8月 / 8月底
                    nxt = date(year + month // 12, month % 12 + 1, 1)
                    return (nxt - timedelta(days=1)).isoformat(), ""
            except ValueError:
                pass
    raise ValidationError(_BAD_DEADLINE, value=text)


_BAD_DEADLINE = QT_TRANSLATE_NOOP(
    "errors", "“整改时限”不是日期：{value}（应为 2024-08-31、2024/8/31 或 2024年8月31日）。")


def parse_yes_no(value: Any, field: str) -> str:
    """是/否 cells -> 'yes' / 'no' / '' (empty)."""
    text = normalize(cell_text(value)).rstrip("。.").lower()
    if not text:
        return ""
    if text in _YES or text.startswith("是"):
        return "yes"
    if text in _NO or text.startswith("否") or text.startswith("未"):
        return "no"
    raise ValidationError(QT_TRANSLATE_NOOP("errors", "“{field}”应填“是”或“否”，而不是：{value}。"),
                          field=field, value=cell_text(value))


_NAME = re.compile(r"[\u4e00-\u9fff·]{2,4}")
_DEPT_ENDINGS = ("办", "股", "室", "队", "组", "科", "站", "所", "局", "中心", "班", "部", "处", "委",
                 "岗", "窗口", "大厅")


def looks_like_name(text: str) -> bool:
    """True for text that reads as a person's name (2–4 Chinese characters, not a department)."""
    return bool(_NAME.fullmatch(text)) and not text.endswith(_DEPT_ENDINGS)
