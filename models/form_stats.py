"""The two statistics tables of seed 004, as the xlsx and PDF writers print them.

:func:`materials_form` (资料报送统计表, 附件1) and :func:`cases_form` (案件办理情况统计表, 附件2) build a
:class:`models.forms.Form` from plain rows (:class:`MaterialsRow`, :class:`CasesRow`) with the
seed's title, header, columns and 说明 / 备注 lines; :func:`campaign_materials_form` lays out the
资料报送统计表 of a campaign with its own materials (a ``models.office_stats.MaterialsTable``).
``models.office_stats`` works out the figures from the packages the office received; nothing
here reads the database. The form codes and their names (``materials``, ``cases``) stay in
:data:`models.form_data.FORMS`, with the other official forms.
"""
from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from typing import TYPE_CHECKING, NamedTuple

from .form_data import DEFAULT_OPTIONS, FORMS, FormOptions, _options, file_stem
from .forms import Column, Form

if TYPE_CHECKING:
    from .office_stats import MaterialsTable

#: Seed 004, 附件1 and 附件2.
MATERIALS_TITLE = "全省提升交通运输行政执法质量三年行动相关资料报送统计表"
CASES_SYSTEM = "青海省交通运输行政执法综合管理信息系统"
CASES_TITLE = "案件办理情况统计表"              # after the system's name and the period


class MaterialsRow(NamedTuple):
    """One unit of the 资料报送统计表: True submitted (√), False not (×), None not asked."""

    unit: str
    plan: bool | None = None             # “三年行动”实施方案
    briefs: bool | None = None           # 工作简报
    media: bool | None = None            # 照片视频
    schedule: bool | None = None         # 工作调度表
    system_plan: bool | None = None      # “执法信息系统”推广应用方案
    note: str = ""                       # 备注


class CasesRow(NamedTuple):
    """One unit of the 案件办理情况统计表; ``officers`` None when not known (printed “/”)."""

    unit: str
    records: int = 0                     # 数据条数
    actual: int = 0                      # 实际案件数
    test: int = 0                        # 测试案件数
    officers: int | None = None          # 执法人员
    exams: int | None = None             # 在线考试


def per_capita_rate(actual: int, test: int, officers: int | None) -> str:
    """人均办案率 as seed 004 prints it: (实际案件数 + 测试案件数) / 执法人员 in whole percent,
    rounded half up (28% for 292 / 1057), “0” for no case, “/” when 执法人员 is unknown or 0."""
    if not officers:
        return "/"
    cases = int(actual or 0) + int(test or 0)
    if cases == 0:
        return "0"
    return f"{(200 * cases + officers) // (2 * officers)}%"


def _mark(value: bool | None) -> str:
    return "" if value is None else ("√" if value else "×")


#: The 资料报送统计表's cell text of each state of models.office_stats (seed 004 prints √ and ×).
MATERIAL_MARKS: dict[str, str] = {"received": "√", "late": "√逾期", "failed": "未通过验证",
                                  "missing": "×"}
#: The group header over the materials (the seed's 内容 cell).
MATERIALS_GROUP = "内容"
#: The 说明 lines of seed 004 after the date line, and the one a campaign's table adds.
MATERIALS_LEGEND = "2. √表示已报送，×未报送"
MATERIALS_LEGEND_MORE = ("3. √逾期表示材料在规定时限之后才报送；未通过验证表示收到的报送包未通过签名或完整性"
                         "验证（已隔离），其中的材料不予采信")


def _as_of_line(as_of: date) -> str:
    """The first 说明 line: the date the table runs to, written 2024.4.10."""
    return f"说明：1. 统计表截至报送日期为{as_of.year}.{as_of.month}.{as_of.day}"


def _material_width(name: str) -> float:
    """A material column's width: room for its name on two or three lines, and for 未通过验证."""
    return float(min(16, max(11, len(name) + 4)))


def materials_form(rows: Iterable[MaterialsRow], *, as_of: date,
                   title: str = MATERIALS_TITLE) -> Form:
    """资料报送统计表 (seed 004, 附件1): one row per unit, √ submitted / × not; the header as the
    seed prints it (单位, then 内容 over the five materials, then 备注); the 说明 lines with the
    date the table runs to (``as_of``, written 2024.4.10)."""
    group = MATERIALS_GROUP
    columns = (Column("单位", 24),
               Column("“三年行动”实施方案", 14, "center", group),
               Column("工作简报", 10, "center", group),
               Column("照片视频", 10, "center", group),
               Column("工作调度表", 12, "center", group),
               Column("“执法信息系统”推广应用方案", 16, "center", group),
               Column("备注", 14))
    items = list(rows)
    body = ([r.unit, _mark(r.plan), _mark(r.briefs), _mark(r.media), _mark(r.schedule),
             _mark(r.system_plan), r.note] for r in items)
    return Form("materials", title, "", "", columns, body, len(items),
                notes=(_as_of_line(as_of), MATERIALS_LEGEND),
                file_stem=file_stem(FORMS["materials"], as_of.isoformat()))


def contact_footer(options: FormOptions) -> tuple[str, ...]:
    """填报人 / 联系人 / 联系电话 lines of ``options``, only those given (the statistics tables of
    seed 004 print none)."""
    options = _options(options)
    return tuple(f"{label}{value}" for label, value in (
        ("填报人：", options.filler), ("联系人：", options.contact), ("联系电话：", options.phone))
        if value)


def campaign_materials_form(table: MaterialsTable,
                            options: FormOptions = DEFAULT_OPTIONS) -> Form:
    """资料报送统计表 of a campaign (``models.office_stats.materials_table``): laid out as seed
    004 prints it (单位, 内容 over the campaign's materials and the data materials, 备注), one row
    per unit with the cell texts of :data:`MATERIAL_MARKS`; titled “<campaign>相关资料报送统计表”;
    the 文号 and the period (when the table has one) in the header block; the seed's 说明 lines
    with the 截至 date and a third explaining √逾期 and 未通过验证; 填报人 / 联系人 / 联系电话 of
    ``options`` below when given."""
    columns = (Column("单位", 24),
               *(Column(name, _material_width(name), "center", MATERIALS_GROUP)
                 for name in table.columns),
               Column("备注", 18))
    body = ([row.unit, *(MATERIAL_MARKS[c.state] for c in row.cells), row.note]
            for row in table.rows)
    left = f"文号：{table.doc_no}" if table.doc_no else ""
    right = (f"报送期间：{table.period[0].isoformat()} 至 {table.period[1].isoformat()}"
             if table.period else "")
    return Form("materials", f"{table.campaign}相关资料报送统计表", left, right, columns, body,
                len(table.rows), footer=contact_footer(options),
                notes=(_as_of_line(table.as_of), MATERIALS_LEGEND, MATERIALS_LEGEND_MORE),
                file_stem=file_stem(FORMS["materials"], table.doc_no or table.campaign,
                                    table.as_of.isoformat()))


def cases_title(system: str, period: str) -> str:
    """The 案件办理情况统计表's title: “<system> <period> 案件办理情况统计表”."""
    return f"{system} {period} {CASES_TITLE}".strip()


def cases_form(rows: Iterable[CasesRow], *, period: str, title: str | None = None,
               system: str = CASES_SYSTEM, exam_period: str = "") -> Form:
    """案件办理情况统计表 (seed 004, 附件2) for ``period`` (e.g. "3.1-3.31"): 案件数 over 实际案件数
    and 测试案件数, 人均办案率 by :func:`per_capita_rate`; the 备注 lines as the seed's, with
    ``exam_period`` (e.g. "2024.1-2024.4") the span the 在线考试 counts cover. ``title`` defaults
    to "<system> <period> 案件办理情况统计表"."""
    group = "案件数"
    columns = (Column("单位", 24), Column("数据条数", 10, "center"),
               Column("实际案件数", 11, "center", group), Column("测试案件数", 11, "center", group),
               Column("执法人员", 10, "center"), Column("人均办案率", 11, "center"),
               Column("在线考试", 10, "center"))
    items = list(rows)
    body = ([r.unit, r.records, r.actual, r.test, "/" if r.officers is None else r.officers,
             per_capita_rate(r.actual, r.test, r.officers), "/" if r.exams is None else r.exams]
            for r in items)
    second = "2.人均办案率为（实际案件数+测试案件数）/执法人员；"
    if exam_period:
        second += f" 考试次数是从 {exam_period}"
    notes = (f"备注：1.统计表 {period} 案件数指结案时间是 {period} 期间的案件；", second)
    return Form("cases", title or cases_title(system, period), "", "", columns, body,
                len(items), notes=notes, file_stem=file_stem(FORMS["cases"], period))
