"""The 执法领域突出问题线索征询表 (seed 000, 附件3) filled from the unit's 投诉举报线索.

The seed names the form without giving its layout; it follows the 问题清单's columns with the
lead's source and status (docs/exports.md): 序号 | 受理日期 | 来源渠道 | 反映内容 | 被反映单位/人 |
办理情况 | 办理结果 | 对应问题序号 | 状态. 对应问题序号 is the 序号 of the ledger problem the lead
produced or was linked to (with the problem's campaign when it is not the lead's); 状态 is
待办理 / 办理中, “（超期）” after a lead not closed within ``models.leads.OVERDUE_DAYS`` days, or
已办结 with the 办结日期 on a second line. The title names
who asks for the clues (the campaign's issuing office, else the unit above), as the seed's
《青海省交通运输综合行政执法监督局执法领域突出问题线索征询表》 does. The complainant's contact
details are never printed. A 说明 line counts the leads by status and the overdue ones.

Form code ``clues`` (models.form_data.FORMS). :func:`package_forms` adds it to a package's
``forms/`` when the ``leads`` material is chosen (models.package_contents.PACKAGE_FORM_BUILDERS).
"""
from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

from .form_data import (
    CLUES_TITLE,
    DEFAULT_OPTIONS,
    FORMS,
    FormOptions,
    _campaign,
    _issuer,
    _options,
    _unit_id,
    _unit_name,
    date_line,
    file_stem,
)
from .forms import Column, Form
from .leads import OVERDUE_DAYS, STATUSES, LeadFilter, list_leads
from .permissions import operation
from .session import Session

CODE = "clues"

#: (header, width, align) of the form's columns.
COLUMNS: tuple[tuple[str, float, str], ...] = (
    ("序号", 6, "center"), ("受理日期", 12, "center"), ("来源渠道", 10, "center"),
    ("反映内容", 38, "left"), ("被反映单位/人", 18, "left"), ("办理情况", 28, "left"),
    ("办理结果", 24, "left"), ("对应问题序号", 10, "center"), ("状态", 15, "center"))


def _problem_cell(lead: dict[str, Any]) -> Any:
    """对应问题序号: the problem's 序号 (numbered per campaign), with its campaign's title when
    that is not the lead's own campaign."""
    seq = lead.get("problem_seq_no")
    if seq is None:
        return None
    other = lead.get("problem_campaign_id")
    if other is not None and other != lead.get("campaign_id") \
            and lead.get("problem_campaign_title"):
        return f"{seq}（{lead['problem_campaign_title']}）"
    return seq


def _status_cell(lead: dict[str, Any]) -> str:
    text = STATUSES.get(lead["status"], lead["status"])
    if lead["status"] == "closed" and lead.get("closed_date"):
        return f"{text}\n{lead['closed_date']}"
    return f"{text}（超期）" if lead.get("overdue") else text


def _summary(rows: list[dict[str, Any]], flt: LeadFilter) -> str:
    """The 说明 line: the period, the count by status and the overdue ones."""
    counts = {key: sum(1 for r in rows if r["status"] == key) for key in STATUSES}
    overdue = sum(1 for r in rows if r["overdue"])
    linked = sum(1 for r in rows if r["problem_id"] is not None)
    span = ""
    if flt.date_from or flt.date_to:
        span = f"受理日期 {flt.date_from or '…'} 至 {flt.date_to or '…'}，"
    return (f"说明：{span}共 {len(rows)} 条线索，"
            + "，".join(f"{STATUSES[k]} {n} 条" for k, n in counts.items())
            + f"；纳入问题台账 {linked} 条；受理后超过 {OVERDUE_DAYS} 日未办结 {overdue} 条。")


@operation("lead.read")
def clues_form(session: Session, flt: LeadFilter | None = None,
               options: FormOptions = DEFAULT_OPTIONS) -> Form:
    """The 线索征询表 over the leads ``flt`` shows (oldest 受理日期 first, numbered from 1).
    The unit in the header is the session's; the campaign (``flt.campaign_id``) gives the
    title's issuing office. The rows are read here (a unit has hundreds of leads, not
    hundreds of thousands)."""
    flt = flt or LeadFilter()
    options = _options(options)
    campaign = _campaign(session, flt.campaign_id)
    unit_id = _unit_id(session)
    unit = _unit_name(session, unit_id)
    leads = list_leads(session, flt, descending=False)
    rows = [[n, r["received_date"], r["channel"], r["content"], r["party"], r["handling"],
             r["result"], _problem_cell(r), _status_cell(r)]
            for n, r in enumerate(leads, 1)]
    footer = (f"填报人：{options.filler}", f"联系人：{options.contact}",
              f"联系电话：{options.phone}")
    notes = [_summary(leads, flt)]
    if campaign is not None:
        notes.insert(0, f"专项行动：{campaign['title']}"
                        + (f"（{campaign['doc_no']}）" if campaign.get("doc_no") else ""))
    return Form(CODE, f"{_issuer(session, campaign, unit_id)}{CLUES_TITLE}",
                f"填报单位（盖章）：{unit}", f"填报时间：{date_line(options.fill_date)}",
                tuple(Column(h, w, a) for h, w, a in COLUMNS), rows, len(rows),
                footer=footer, notes=tuple(notes),
                file_stem=file_stem(unit, FORMS[CODE], options.fill_date.isoformat()))


def package_forms(session: Session, campaign_id: int | None,
                  period: tuple[date, date] | None) -> list[tuple[str, Callable[[], Form]]]:
    """The forms the ``leads`` material adds to a package: the 线索征询表 of the leads the
    package sends (the campaign's and those of no campaign, received within the period)."""
    from .package_contents import form_file_name
    flt = LeadFilter(campaign_id=campaign_id, include_unassigned=True,
                     unit_id=session.unit_id,
                     date_from=period[0] if period else None,
                     date_to=period[1] if period else None)
    return [(form_file_name(CODE), lambda: clues_form(session, flt))]
