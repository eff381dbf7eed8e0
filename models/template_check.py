"""Checking a template a unit imports: every value a reader found (JSON or Excel, see
models.template_io) comes with where it was, and :func:`build` reports every problem with its
sheet, row and column (or group and item of a JSON template) in Chinese, all at once, so a clerk
can fix the file in one go.

The rules: a kind (自查清单 / 案卷评查标准), a name and a version; groups with unique names, each
with at least one item; item codes unique in the template; self-check lists have no points, veto
items or steps. A review standard: veto items have no points; other items have points (> 0, at
most two decimals) and a step no larger than their points (empty: the whole points); a group with
scored items has points, at least every item's and at most the sum of its items' (else part of it
could never be lost); 0 < 合格分数线 < 优秀分数线 ≤ the total.
"""
from __future__ import annotations

import math
import re
import unicodedata
from datetime import date, datetime
from typing import Any, Callable, NamedTuple

from .errors import FieldLedgerError, ValidationError
from .i18n import QT_TRANSLATE_NOOP
from .templates import (FORMAT, ITEM_LABELS, KINDS, META_LABELS, SECTION_LABELS, Item, Section,
                        Template, _num)


# --- where a problem is, and the problems ---------------------------------------------------------

class Loc(NamedTuple):
    """Where a value came from: a cell of a workbook, or a place in a JSON template."""

    field: str                  # Chinese label of the field
    sheet: str = ""
    row: int | None = None
    column: str = ""            # column letter
    section: int | None = None  # JSON: 0-based section index
    item: int | None = None     # JSON: 0-based item index within the section

    def text(self, translate: Callable[[str], str] | None = None) -> str:
        if self.sheet and self.row and self.column:
            t = QT_TRANSLATE_NOOP("errors", "工作表“{sheet}”第 {row} 行 {column} 列（{field}）")
        elif self.sheet and self.row and self.field:
            t = QT_TRANSLATE_NOOP("errors", "工作表“{sheet}”第 {row} 行（{field}）")
        elif self.sheet and self.row:
            t = QT_TRANSLATE_NOOP("errors", "工作表“{sheet}”第 {row} 行")
        elif self.sheet and self.field:
            t = QT_TRANSLATE_NOOP("errors", "工作表“{sheet}”（{field}）")
        elif self.sheet:
            t = QT_TRANSLATE_NOOP("errors", "工作表“{sheet}”")
        elif self.section is not None and self.item is not None:
            t = QT_TRANSLATE_NOOP("errors", "第 {section} 组第 {item} 条（{field}）")
        elif self.section is not None:
            t = QT_TRANSLATE_NOOP("errors", "第 {section} 组（{field}）")
        else:
            t = QT_TRANSLATE_NOOP("errors", "模板信息（{field}）")
        return FieldLedgerError(t, sheet=self.sheet, row=self.row, column=self.column,
                                field=self.field,
                                section=None if self.section is None else self.section + 1,
                                item=None if self.item is None else self.item + 1
                                ).message(translate)


class Cell(NamedTuple):
    value: Any
    loc: Loc


class Issue(NamedTuple):
    """One problem of an imported template, with where it is."""

    loc: Loc
    template: str
    params: dict[str, Any]

    def text(self, translate: Callable[[str], str] | None = None) -> str:
        message = FieldLedgerError(self.template, **self.params).message(translate)
        return f"{self.loc.text(translate)}：{message}"


class TemplateInvalid(ValidationError):
    """An imported template breaks the rules; ``issues`` lists every problem found (the message
    shows the first 30 in Chinese; a dialog can list ``issue.text(translate)`` itself)."""

    template = QT_TRANSLATE_NOOP("errors", "模板有 {count} 处错误，未能导入：\n{details}")

    def __init__(self, issues: list[Issue]) -> None:
        self.issues = list(issues)
        shown = [i.text() for i in self.issues[:30]]
        if len(self.issues) > 30:
            shown.append("……")
        super().__init__(count=len(self.issues), details="\n".join(shown))


# --- reading cells --------------------------------------------------------------------------------

_REQUIRED = QT_TRANSLATE_NOOP("errors", "不能为空。")
_TOO_LONG = QT_TRANSLATE_NOOP("errors", "太长（最多 {limit} 个字）。")
_YES = {"是", "y", "yes", "true", "1", "√", "✓", "✔", "否决", "否决项"}
_NO = {"否", "n", "no", "false", "0", "×", "✗", "不是"}
_DATE = re.compile(r"(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?")


def _blank(value: Any) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def cell_text(value: Any) -> str:
    """A cell's value as text (2.0 → "2", a date → ISO)."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, datetime):
        return value.date().isoformat()
    if isinstance(value, date):
        return value.isoformat()
    return str(value).strip()


def _text(cell: Cell, issues: list[Issue], *, required: bool = False, limit: int = 200) -> str:
    out = cell_text(cell.value)
    if required and not out:
        issues.append(Issue(cell.loc, _REQUIRED, {}))
    elif len(out) > limit:
        issues.append(Issue(cell.loc, _TOO_LONG, {"limit": limit}))
    return out


def _number(cell: Cell, issues: list[Issue], *, required: bool = False) -> float | None:
    value = cell.value
    if _blank(value):
        if required:
            issues.append(Issue(cell.loc, _REQUIRED, {}))
        return None
    if isinstance(value, bool):
        number = math.nan
    elif isinstance(value, (int, float)):
        number = float(value)
    else:
        text = unicodedata.normalize("NFKC", str(value)).strip().removesuffix("分").strip()
        try:
            number = float(text)
        except ValueError:
            number = math.nan
    if not math.isfinite(number):
        issues.append(Issue(cell.loc, QT_TRANSLATE_NOOP("errors", "不是数字：{value}。"),
                            {"value": cell_text(value)}))
        return None
    if abs(number * 100 - round(number * 100)) > 1e-6:
        issues.append(Issue(cell.loc, QT_TRANSLATE_NOOP("errors", "最多两位小数：{value}。"),
                            {"value": cell_text(value)}))
        return None
    if number <= 0:
        issues.append(Issue(cell.loc, QT_TRANSLATE_NOOP("errors", "应大于 0：{value}。"),
                            {"value": cell_text(value)}))
        return None
    return round(number, 2)


def _flag(cell: Cell, issues: list[Issue], default: bool = False) -> bool:
    if _blank(cell.value):
        return default
    if isinstance(cell.value, bool):
        return cell.value
    text = unicodedata.normalize("NFKC", cell_text(cell.value)).lower()
    if text in _YES:
        return True
    if text in _NO:
        return False
    issues.append(Issue(cell.loc, QT_TRANSLATE_NOOP("errors", "应填“是”或“否”，而不是：{value}。"),
                        {"value": cell_text(cell.value)}))
    return default


def _date(cell: Cell, issues: list[Issue]) -> str | None:
    value = cell.value
    if _blank(value):
        return None
    if isinstance(value, (date, datetime)):
        return cell_text(value)
    text = unicodedata.normalize("NFKC", str(value)).strip()
    m = _DATE.fullmatch(text)
    try:
        if m:
            return date(int(m[1]), int(m[2]), int(m[3])).isoformat()
        return date.fromisoformat(text).isoformat()
    except ValueError:
        issues.append(Issue(cell.loc, QT_TRANSLATE_NOOP(
            "errors", "不是有效日期：{value}（应为 2024-06-30 或 2024年6月30日）。"), {"value": text}))
        return None


def _kind(cell: Cell, issues: list[Issue]) -> str:
    text = cell_text(cell.value)
    for key, label in KINDS.items():
        if text in (key, label) or (key == "case_review" and text in ("评查标准", "案卷评查")) \
                or (key == "selfcheck" and text in ("自查", "自查表", "对照检查清单")):
            return key
    issues.append(Issue(cell.loc, QT_TRANSLATE_NOOP(
        "errors", "应为“自查清单”或“案卷评查标准”，而不是：{value}。"), {"value": text}))
    return ""


# --- raw cells -> template ------------------------------------------------------------------------

RawItem = dict[str, Cell]


class RawSection(NamedTuple):
    fields: dict[str, Cell]             # name, category, points
    items: list[RawItem]                # code, text, guidance, evidence, veto, points, step


class Raw(NamedTuple):
    """What a reader found, every value with where it was."""

    meta: dict[str, Cell]
    sections: list[RawSection]
    issues: list[Issue]                 # problems the reader already found (missing columns …)


def build(raw: Raw) -> Template:
    """Check the raw cells and make the template; raise :class:`TemplateInvalid` listing every
    problem found (the reader's and the rules' below) with its sheet, row and column."""
    issues = list(raw.issues)
    m = raw.meta
    kind = _kind(m["kind"], issues)
    if not kind:    # nothing else can be checked without knowing what the template is
        raise TemplateInvalid(issues)
    review = kind == "case_review"
    name = _text(m["name"], issues, required=True, limit=100)
    code = _text(m["code"], issues, limit=100) or name
    values: dict[str, Any] = {
        "kind": kind, "code": code, "name": name,
        "version": _text(m["version"], issues, required=True, limit=40),
        "issuer": _text(m["issuer"], issues, limit=100),
        "issued_date": _date(m["issued_date"], issues),
        "note": _text(m["note"], issues, limit=2000), "example": _flag(m["example"], issues)}
    if review:
        values.update(excellent=_number(m["excellent"], issues, required=True),
                      passing=_number(m["passing"], issues, required=True),
                      recheck_below_pass=_flag(m["recheck_below_pass"], issues),
                      recheck_on_disagreement=_flag(m["recheck_on_disagreement"], issues))
    sections: list[Section] = []
    names: dict[str, Loc] = {}
    codes: dict[str, Loc] = {}
    for rs in raw.sections:
        sec_name = _text(rs.fields["name"], issues, required=True, limit=100)
        if sec_name in names:
            issues.append(Issue(rs.fields["name"].loc, QT_TRANSLATE_NOOP(
                "errors", "分组“{name}”重复（第一次出现在{first}）。"),
                {"name": sec_name, "first": names[sec_name].text()}))
        names.setdefault(sec_name, rs.fields["name"].loc)
        category = _text(rs.fields["category"], issues, limit=100)
        items = [_item(ri, review, codes, issues) for ri in rs.items]
        if not items and sec_name:
            issues.append(Issue(rs.fields["name"].loc, QT_TRANSLATE_NOOP(
                "errors", "分组“{name}”没有条目。"), {"name": sec_name}))
        points = _section_points(rs, sec_name, items, review, issues)
        sections.append(Section(sec_name, category or (sec_name if not review else ""), points,
                                tuple(items)))
    if not raw.sections:
        issues.append(Issue(m["name"].loc, QT_TRANSLATE_NOOP(
            "errors", "模板没有任何分组和条目。"), {}))
    tpl = Template(**values, sections=tuple(sections))
    if review:
        try:
            _check_thresholds(tpl, m, issues)
        except (TypeError, ValueError, ArithmeticError):
            if not issues:  # only unreadable items make the total unknowable: they are reported
                raise
    if issues:
        raise TemplateInvalid(issues)
    return tpl


def _item(ri: RawItem, review: bool, codes: dict[str, Loc], issues: list[Issue]) -> Item:
    code = _text(ri["code"], issues, required=True, limit=20)
    if code in codes:
        issues.append(Issue(ri["code"].loc, QT_TRANSLATE_NOOP(
            "errors", "编号“{code}”重复（第一次出现在{first}）。"),
            {"code": code, "first": codes[code].text()}))
    codes.setdefault(code, ri["code"].loc)
    item = Item(code, _text(ri["text"], issues, required=True, limit=500),
                _text(ri["guidance"], issues, limit=2000),
                _text(ri["evidence"], issues, limit=1000))
    if not review:
        for key in ("veto", "points", "step"):
            if not _blank(ri[key].value):
                issues.append(Issue(ri[key].loc, QT_TRANSLATE_NOOP(
                    "errors", "自查清单的条目不设分值、扣分和否决项：请清空这一格。"), {}))
        return item
    veto = _flag(ri["veto"], issues)
    if veto:
        for key in ("points", "step"):
            if not _blank(ri[key].value):
                issues.append(Issue(ri[key].loc, QT_TRANSLATE_NOOP(
                    "errors", "否决项不计分值：请清空这一格（否决项一经认定，案卷即为不合格、得 0 分）。"), {}))
        return item._replace(veto=True)
    points = _number(ri["points"], issues, required=True)
    step = _number(ri["step"], issues)
    if points is not None and step is not None and step > points:
        issues.append(Issue(ri["step"].loc, QT_TRANSLATE_NOOP(
            "errors", "每处扣分 {step} 超过该条目分值 {points}。"),
            {"step": _num(step), "points": _num(points)}))
    return item._replace(points=points, step=step if step is not None else points)


def _section_points(rs: RawSection, name: str, items: list[Item], review: bool,
                    issues: list[Issue]) -> float | None:
    cell = rs.fields["points"]
    if not review:
        if not _blank(cell.value):
            issues.append(Issue(cell.loc, QT_TRANSLATE_NOOP(
                "errors", "自查清单的分组不设分值：请清空这一格。"), {}))
        return None
    scored = [i for i in items if not i.veto]
    if not scored:
        if not _blank(cell.value):
            issues.append(Issue(cell.loc, QT_TRANSLATE_NOOP(
                "errors", "分组“{name}”只有否决项，不设分值：请清空这一格。"), {"name": name}))
        return None
    points = _number(cell, issues, required=True)
    if points is None:
        return None
    total = 0.0
    for item in scored:
        total += item.points or 0.0
        if item.points is not None and item.points > points:
            issues.append(Issue(cell.loc, QT_TRANSLATE_NOOP(
                "errors", "分组“{name}”的分值 {points} 小于其中条目“{code}”的分值 {item}。"),
                {"name": name, "points": _num(points), "code": item.code,
                 "item": _num(item.points)}))
    if all(i.points is not None for i in scored) and round(total, 2) < points:
        issues.append(Issue(cell.loc, QT_TRANSLATE_NOOP(
            "errors", "分组“{name}”各条目分值合计 {total}，少于分组分值 {points}：多出的分数永远扣不到。"),
            {"name": name, "total": _num(round(total, 2)), "points": _num(points)}))
    return points


def _check_thresholds(tpl: Template, m: dict[str, Cell], issues: list[Issue]) -> None:
    top = tpl.standard().max_score
    if top <= 0:
        issues.append(Issue(m["name"].loc, QT_TRANSLATE_NOOP(
            "errors", "评查标准至少要有一个计分条目。"), {}))
        return
    e, p = tpl.excellent or 0.0, tpl.passing or 0.0
    if not 0 < p < e <= top:
        issues.append(Issue(m["passing"].loc, QT_TRANSLATE_NOOP(
            "errors", "分数线顺序不对：应为 0 < 合格分数线（{passing}）< 优秀分数线（{excellent}）≤ 满分（{top}）。"),
            {"passing": _num(p), "excellent": _num(e), "top": _num(top)}))


def raw_from_dict(data: Any) -> Raw:
    """The raw cells of a template in its JSON form (:meth:`Template.to_dict`)."""
    issues: list[Issue] = []
    if not isinstance(data, dict) or data.get("format") not in (FORMAT, None):
        issues.append(Issue(Loc("格式"), QT_TRANSLATE_NOOP(
            "errors", "这不是执法台账的模板文件（缺少 \"format\": \"{format}\"）。"), {"format": FORMAT}))
        data = {}
    rules = data.get("rules") if isinstance(data.get("rules"), dict) else {}
    meta = {key: Cell(rules.get(key) if key in ("excellent", "passing", "recheck_below_pass",
                                                "recheck_on_disagreement") else data.get(key),
                      Loc(label)) for key, label in META_LABELS.items()}
    sections: list[RawSection] = []
    raw_sections = data.get("sections")
    for si, sec in enumerate(raw_sections if isinstance(raw_sections, list) else []):
        sec = sec if isinstance(sec, dict) else {}
        fields = {k: Cell(sec.get(k), Loc(label, section=si))
                  for k, label in SECTION_LABELS.items()}
        raw_items = sec.get("items") if isinstance(sec.get("items"), list) else []
        items = [{k: Cell((it if isinstance(it, dict) else {}).get(k),
                          Loc(label, section=si, item=ii))
                  for k, label in ITEM_LABELS.items() if k != "section"}
                 for ii, it in enumerate(raw_items)]
        sections.append(RawSection(fields, items))
    return Raw(meta, sections, issues)


def from_dict(data: Any) -> Template:
    return build(raw_from_dict(data))
