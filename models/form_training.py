"""The forms of the training ledger (models.training), for the xlsx and PDF writers and packages.

* 培训台账 (form code ``training``): one year's records, officer by officer (in the unit's order
  of people), each by date: 序号, 姓名, 执法证号, 日期, 培训内容, 培训形式, 学时, 考核情况; the totals
  below.
* 学时统计 (``training_hours``): per officer of the year, the hours of each form, 合计 and 是否达标
  against the 60 学时 of seed 002 (是 / 否; 不适用 for 执法辅助人员), with each officer's
  执法证 flags in 备注.

The forms are printed in Chinese, like every official form. :func:`package_forms` is what a
submission package carrying the material ``training`` adds to ``forms/`` (registered in
models.package_contents.PACKAGE_FORM_BUILDERS).
"""
from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

from . import training
from .form_data import (
    DEFAULT_OPTIONS,
    FORMS,
    FormOptions,
    _options,
    _unit_name,
    date_line,
    file_stem,
)
from .forms import Column, Form
from .permissions import operation
from .session import Session

LEDGER_TITLE = "执法人员培训台账"            # after the year: 2024年度执法人员培训台账
HOURS_TITLE = "执法人员培训学时统计表"
_UNIT_LABEL = "填报单位（盖章）："
_DATE_LABEL = "填报时间："
TARGET_NOTE = (f"注：依据《提升交通运输行政执法质量三年行动实施方案（2023-2025年）》"
               f"（{training.TARGET_SOURCE}），行政执法人员每人每年接受不少于 "
               f"{training.TARGET_HOURS} 学时的公共法律知识、业务知识和行政执法技能培训。")
CERT_NOTE = "未取得行政执法证件（或证件过期、暂扣、收回、注销）的人员不得独立从事行政执法工作。"


def _number(value: Any) -> Any:
    """Hours as the form prints them: 3 rather than 3.0, 1.5 as it is."""
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return value


def _flags_text(row: dict[str, Any]) -> str:
    """The certificate flags of a :func:`models.training.year_totals` row, with the validity's
    end where it matters."""
    parts = []
    for flag in row["flags"]:
        text = training.FLAGS[flag]
        if flag in ("expired", "expiring") and row["valid_until"]:
            text += f"（有效期至 {row['valid_until']}）"
        parts.append(text)
    return "；".join(parts)


def _header(session: Session, options: FormOptions) -> tuple[str, str]:
    assert options.fill_date is not None
    return (_UNIT_LABEL + _unit_name(session, training._unit(session)),
            _DATE_LABEL + date_line(options.fill_date))


def _footer(options: FormOptions) -> tuple[str, ...]:
    lines = [f"填报人：{options.filler}", "审核人："]
    if options.contact or options.phone:
        lines += [f"联系人：{options.contact}", f"联系电话：{options.phone}"]
    return tuple(lines)


def _records(session: Session, year: int, until: date | None) -> list[dict[str, Any]]:
    """The year's records (up to ``until``) in the unit's order of people, each by date."""
    order = {r["person_id"]: n for n, r in enumerate(training.year_totals(session, year))}
    rows = [r for r in training.list_trainings(session, year)
            if until is None or r["date"] <= until.isoformat()]
    rows.sort(key=lambda r: (order.get(r["person_id"], len(order)), r["person_id"], r["date"],
                             r["id"]))
    return rows


@operation("training.read")
def ledger_form(session: Session, year: int, options: FormOptions = DEFAULT_OPTIONS, *,
                until: date | None = None) -> Form:
    """培训台账 of ``year`` (records dated up to ``until`` when given); see the module doc."""
    options = _options(options)
    rows = _records(session, year, until)
    columns = (Column("序号", 6, "center"), Column("姓名", 10, "center"),
               Column("执法证号", 14, "center"), Column("日期", 12, "center"),
               Column("培训内容", 36), Column("培训形式", 11, "center"),
               Column("学时", 7, "center"), Column("考核情况", 16))
    body = ([n, r["name"], r["cert_no"] or "", r["date"], r["topic"],
             training.TRAINING_FORMS.get(r["form"], r["form"]), _number(r["hours"]),
             r["assessment"] or ""] for n, r in enumerate(rows, 1))
    people = len({r["person_id"] for r in rows})
    hours = sum(r["hours"] for r in rows)
    total = f"合计：{people} 人，{len(rows)} 人次，{_number(float(hours)):g} 学时"
    left, right = _header(session, options)
    stem = file_stem(f"{year}年度", FORMS["training"])
    return Form("training", f"{year}年度{LEDGER_TITLE}", left, right, columns, body, len(rows),
                footer=(total, *_footer(options)), notes=(TARGET_NOTE,), file_stem=stem)


@operation("training.read")
def hours_form(session: Session, year: int, options: FormOptions = DEFAULT_OPTIONS, *,
               today: date | None = None, until: date | None = None) -> Form:
    """学时统计 of ``year``, the flags as on ``today`` (default: today), the records dated up to
    ``until`` (default: all of the year's); see the module doc."""
    options = _options(options)
    today = today or date.today()
    totals = training.year_totals(session, year, today=today, until=until)
    as_of = min(until or today, today, date(year, 12, 31))
    group = "培训形式及学时"
    columns = (Column("序号", 6, "center"), Column("姓名", 10, "center"),
               Column("执法证号", 14, "center"),
               *(Column(label, 9, "center", group) for label in training.TRAINING_FORMS.values()),
               Column("合计", 8, "center"), Column("是否达标", 9, "center"), Column("备注", 30))

    def reached(row: dict[str, Any]) -> str:
        if row["auxiliary"]:
            return "不适用"
        return "是" if row["total"] >= training.TARGET_HOURS else "否"

    def note(row: dict[str, Any]) -> str:
        parts = ["执法辅助人员"] if row["auxiliary"] else []
        if not row["active"]:
            parts.append("已调离")
        if row["flags"]:
            parts.append(_flags_text(row))
        return "；".join(parts)

    body = ([n, r["name"], r["cert_no"] or "",
             *(_number(float(r[code])) for code in training.TRAINING_FORMS),
             _number(float(r["total"])), reached(r), note(r)] for n, r in enumerate(totals, 1))
    officers = [r for r in totals if not r["auxiliary"]]
    done = sum(1 for r in officers if r["total"] >= training.TARGET_HOURS)
    summary = (f"执法人员 {len(officers)} 人，达到 {training.TARGET_HOURS} 学时 {done} 人，"
               f"未达到 {len(officers) - done} 人（统计截至 {as_of}）。")
    left, right = _header(session, options)
    stem = file_stem(f"{year}年度", FORMS["training_hours"])
    return Form("training_hours", f"{year}年度{HOURS_TITLE}", left, right, columns, body,
                len(totals), footer=(summary, *_footer(options)),
                notes=(TARGET_NOTE, "注：" + CERT_NOTE), file_stem=stem)


def package_forms(session: Session, campaign_id: int | None,
                  period: tuple[date, date] | None) -> list[tuple[str, Callable[[], Form]]]:
    """The training forms of a submission package: 培训台账 and 学时统计 of the year the period
    ends in (the current year without a period), records up to the period's end."""
    del campaign_id        # the training ledger is the unit's, whatever the campaign
    end = period[1] if period else date.today()
    year = end.year
    options = FormOptions(fill_date=min(end, date.today()))
    return [(f"{year}年度{FORMS['training']}",
             lambda: ledger_form(session, year, options, until=end)),
            (f"{year}年度{FORMS['training_hours']}",
             lambda: hours_form(session, year, options, today=end, until=end))]
