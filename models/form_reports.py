"""The 工作调度表 and the unit's monthly 案件统计 as export forms, and the forms a package carries
for the ``schedule`` and ``case_stats`` materials (``PACKAGE_FORM_BUILDERS``).

* :func:`schedule_form`: one month's 工作调度表 of a campaign: 序号 | 工作任务 | 责任人/部门 |
  进展情况 | 完成状态 | 备注, titled “<campaign>工作调度表（<year>年<month>月）”, the unit and the
  date in the header block, a count by 完成状态 under the table;
* :func:`case_stats_form`: the unit's months laid out as the 案件办理情况统计表 of seed 004 附件2
  (models.form_stats.cases_form: 案件数 over 实际案件数 and 测试案件数, 人均办案率 worked out),
  one row per month (月份 in place of 单位), oldest first, then 合计: the sums, 执法人员 of the
  latest month.
"""
from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

from . import form_stats
from .errors import NotFound
from .form_data import (
    DEFAULT_OPTIONS,
    FORMS,
    FormOptions,
    _options,
    _unit_name,
    date_line,
    file_stem,
)
from .form_stats import CasesRow
from .forms import Column, Form
from .months import bounds, check_month, label
from .permissions import operation
from .schedule import STATUSES
from .session import Session

SCHEDULE_COLUMNS = (Column("序号", 6, "center"), Column("工作任务", 34),
                    Column("责任人/部门", 14, "center"), Column("进展情况", 40),
                    Column("完成状态", 10, "center"), Column("备注", 16))
#: The 合计 row of the monthly 案件统计.
TOTAL_ROW = "合计"


def _footer(options: FormOptions) -> tuple[str, ...]:
    return tuple(f"{name}{value}" for name, value in (
        ("填报人：", options.filler), ("联系人：", options.contact), ("联系电话：", options.phone))
        if value)


def _campaign_title(session: Session, campaign_id: int | None) -> str:
    if campaign_id is None:
        return ""
    row = session.store.conn.execute("SELECT title FROM campaigns WHERE id = ?",
                                     (campaign_id,)).fetchone()
    if row is None:
        raise NotFound(what="专项行动", key=campaign_id)
    return row[0]


@operation("report.read")
def schedule_form(session: Session, campaign_id: int | None, period: Any,
                  options: FormOptions = DEFAULT_OPTIONS) -> Form:
    """The unit's 工作调度表 of ``campaign_id`` (None: of no campaign) for ``period`` (see the
    module doc)."""
    month = check_month(period, "调度月份")
    options = _options(options)
    unit = _unit_name(session, session.unit_id)
    campaign = _campaign_title(session, campaign_id)
    items = session.store.query(
        "SELECT * FROM schedule_items WHERE unit_id = ? AND campaign_id IS ? AND period = ?"
        " ORDER BY position, id", (session.unit_id, campaign_id, month))
    rows = [[n, r["task"], r["owner"], r["progress"], STATUSES.get(r["status"], r["status"]),
             r["note"]] for n, r in enumerate(items, 1)]
    counts = {key: sum(1 for r in items if r["status"] == key) for key in STATUSES}
    note = (f"共 {len(items)} 项：" + "，".join(f"{STATUSES[k]} {n} 项" for k, n in counts.items())
            + "。")
    return Form("schedule", f"{campaign}{FORMS['schedule']}（{label(month)}）",
                f"填报单位（盖章）：{unit}", f"填报时间：{date_line(options.fill_date)}",
                SCHEDULE_COLUMNS, rows, len(rows), footer=_footer(options), notes=(note,),
                file_stem=file_stem(unit, FORMS["schedule"], month))


def _month_rows(session: Session, first: str | None, last: str | None) -> list[dict[str, Any]]:
    return session.store.query(
        "SELECT * FROM case_stats WHERE unit_id = ? AND (? IS NULL OR month >= ?)"
        " AND (? IS NULL OR month <= ?) ORDER BY month",
        (session.unit_id, first, first, last, last))


def _total(rows: list[CasesRow]) -> CasesRow:
    exams = [r.exams for r in rows if r.exams is not None]
    return CasesRow(TOTAL_ROW, sum(r.records for r in rows), sum(r.actual for r in rows),
                    sum(r.test for r in rows), rows[-1].officers if rows else None,
                    sum(exams) if exams else None)


@operation("report.read")
def case_stats_form(session: Session, first_month: Any = None, last_month: Any = None,
                    options: FormOptions = DEFAULT_OPTIONS) -> Form:
    """The unit's stored months from ``first_month`` to ``last_month`` (YYYY-MM, both ends
    included; None: unbounded) as the 案件办理情况统计表 of seed 004 (see the module doc)."""
    first = None if first_month in (None, "") else check_month(first_month, "统计月份")
    last = None if last_month in (None, "") else check_month(last_month, "统计月份")
    options = _options(options)
    unit = _unit_name(session, session.unit_id)
    stored = _month_rows(session, first, last)
    rows = [CasesRow(label(r["month"]), r["records"], r["actual"], r["test"], r["officers"],
                     r["exams"]) for r in stored]
    months = [r["month"] for r in stored] or [m for m in (first, last) if m]
    span = (bounds(months[0])[0], bounds(months[-1])[1]) if months else None
    text = _span_text(span)
    form = form_stats.cases_form([*rows, _total(rows)], period=text,
                                 title=f"{unit} {text} {form_stats.CASES_TITLE}（按月）".replace(
                                     "  ", " "))
    columns = (Column("月份", 14), *form.columns[1:])
    notes = (*form.notes, "3.各月数字为本单位填报（或由本单位案卷计算）；合计行的执法人员取最近一个月，"
             "人均办案率按合计数计算。")
    return form._replace(code="case_stats", columns=columns, notes=notes,
                         header_left=f"填报单位：{unit}",
                         header_right=f"填报时间：{date_line(options.fill_date)}",
                         footer=_footer(options),
                         file_stem=file_stem(unit, FORMS["case_stats"], text))


def _span_text(span: tuple[date, date] | None) -> str:
    if span is None:
        return ""
    from .office_stats import period_text
    return period_text(span)


def _months_of(period: tuple[date, date] | None) -> tuple[str | None, str | None]:
    if period is None:
        return None, None
    return period[0].isoformat()[:7], period[1].isoformat()[:7]


def schedule_package_forms(session: Session, campaign_id: int | None,
                           period: tuple[date, date] | None
                           ) -> list[tuple[str, Callable[[], Form]]]:
    """A package's 工作调度表: one form per month in ``period`` (every month when None) that
    has rows for the campaign (or of no campaign; every campaign when ``campaign_id`` is None),
    named 工作调度表-<month>."""
    first, last = _months_of(period)
    found = session.store.conn.execute(
        "SELECT DISTINCT campaign_id, period FROM schedule_items WHERE unit_id = ?"
        " AND (? IS NULL OR campaign_id IS NULL OR campaign_id = ?)"
        " AND (? IS NULL OR period >= ?) AND (? IS NULL OR period <= ?)"
        " ORDER BY period, campaign_id IS NOT NULL, campaign_id",
        (session.unit_id, campaign_id, campaign_id, first, first, last, last)).fetchall()
    out: list[tuple[str, Callable[[], Form]]] = []
    used: set[str] = set()
    for cid, month in found:
        name = base = f"{FORMS['schedule']}-{month}"
        k = 2
        while name in used:
            name, k = f"{base}（{k}）", k + 1
        used.add(name)
        out.append((name, lambda c=cid, m=month: schedule_form(session, c, m)))
    return out


def case_stats_package_forms(session: Session, campaign_id: int | None,
                             period: tuple[date, date] | None
                             ) -> list[tuple[str, Callable[[], Form]]]:
    """A package's 案件统计: one form of the unit's months in ``period`` (every month when
    None), when there is at least one; the campaign does not matter (the figures are the
    unit's)."""
    first, last = _months_of(period)
    if not _month_rows(session, first, last):
        return []
    months = "至".join(dict.fromkeys(m for m in (first, last) if m)) or "全部月份"
    return [(f"{FORMS['case_stats']}-{months}".replace("（按月）", ""),
             lambda: case_stats_form(session, first, last))]
