"""Which of the unit's own ledgers supplies a material a campaign requires, and when it is due.

A campaign lists the materials its units must submit (``campaign_materials``: 实施方案, 工作简报,
工作调度表, …). Some are documents the unit attaches as files; others are kept in FieldLedger as
ledgers and travel in the package's records. A material's *kind* names that ledger:

=============  ======================  =====================================================
kind           ledger                  rows that count (table, date column)
=============  ======================  =====================================================
``letters``    执法监督意见书的答复     ``letter_answers`` signed (``signed_at``)
``leads``      投诉举报线索             ``leads`` (``received_date``)
``training``   培训台账                 ``trainings`` (``date``)
``briefs``     工作简报                 ``briefs`` final (``period``, YYYY-MM)
``schedule``   工作调度表               ``schedule_items`` (``period``, YYYY-MM)
``case_stats`` 案件统计                 ``case_stats`` (``month``, YYYY-MM)
=============  ======================  =====================================================

The kind is the campaign's rule for the material (``campaign_material_rules.kind``) or, when
there is none, read from its name (:data:`NAME_HINTS`, e.g. "三年行动工作简报" → ``briefs``).
Each kind is also a package material code (models.package_contents.MATERIALS): a package
carries the material when that code is chosen and the package holds at least one counting row
dated within its period (any date when the package has no period) among the rows it sends.

A material is due on its ``due_date``; a rule's ``monthly_day`` makes it due every month instead:
for a period ending in month M, on day ``monthly_day`` of month M + ``month_offset`` (the brief
by the 25th of the same month is (25, 0); the case data by the 5th of the next month is (5, 1)),
the day capped at the month's last day.
"""
from __future__ import annotations

import calendar
import unicodedata
from datetime import date
from typing import Any, NamedTuple

from .i18n import QT_TRANSLATE_NOOP
from .session import Session


class Kind(NamedTuple):
    """One ledger kind: its table, the date column that places a row in a period (``None``:
    always in), the text form of that column (``day`` YYYY-MM-DD or ``month`` YYYY-MM), and an
    extra SQL condition a counting row meets."""

    table: str
    date_column: str | None
    date_form: str
    condition: str


KINDS: dict[str, Kind] = {
    "letters": Kind("letter_answers", "signed_at", "day", "status = 'signed'"),
    "leads": Kind("leads", "received_date", "day", "1"),
    "training": Kind("trainings", "date", "day", "1"),
    "briefs": Kind("briefs", "period", "month", "status = 'final'"),
    "schedule": Kind("schedule_items", "period", "month", "1"),
    "case_stats": Kind("case_stats", "month", "month", "1"),
}

#: Kind -> the name shown to users (context "materials").
KIND_LABELS: dict[str, str] = {
    "letters": QT_TRANSLATE_NOOP("materials", "执法监督意见书的答复"),
    "leads": QT_TRANSLATE_NOOP("materials", "投诉举报线索"),
    "training": QT_TRANSLATE_NOOP("materials", "培训台账"),
    "briefs": QT_TRANSLATE_NOOP("materials", "工作简报"),
    "schedule": QT_TRANSLATE_NOOP("materials", "工作调度表"),
    "case_stats": QT_TRANSLATE_NOOP("materials", "案件统计"),
}

#: (words, kind): a material whose name contains one of the words is of that kind, first match.
NAME_HINTS: tuple[tuple[tuple[str, ...], str], ...] = (
    (("意见书",), "letters"),
    (("线索", "投诉举报"), "leads"),
    (("培训",), "training"),
    (("简报",), "briefs"),
    (("调度表", "调度"), "schedule"),
    (("案件办理", "案件数据", "案件统计", "办案"), "case_stats"),
)


def _nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text).strip()


def kind_of_name(name: str) -> str:
    """The kind :data:`NAME_HINTS` reads from a material's name, '' when none."""
    plain = _nfc(name)
    for words, kind in NAME_HINTS:
        if any(w in plain for w in words):
            return kind
    return ""


def material_rules(conn: Any, campaign_id: int | None) -> list[dict[str, Any]]:
    """The campaign's materials (id, position, name, due_date, note) with their rule:
    ``kind`` (the rule's, else read from the name; '' = files or forms), ``monthly_day``,
    ``month_offset``; by position. [] without a campaign."""
    if campaign_id is None:
        return []
    cur = conn.execute(
        "SELECT m.id, m.position, m.name, m.due_date, m.note, r.kind, r.monthly_day,"
        " r.month_offset FROM campaign_materials m"
        " LEFT JOIN campaign_material_rules r ON r.material_id = m.id"
        " WHERE m.campaign_id = ? ORDER BY m.position, m.id", (campaign_id,))
    names = [d[0] for d in cur.description]
    out = []
    for values in cur:
        row = dict(zip(names, values))
        row["kind"] = row["kind"] if row["kind"] in KINDS else kind_of_name(row["name"])
        row["month_offset"] = int(row["month_offset"] or 0)
        out.append(row)
    return out


def due_date(material: dict[str, Any], period_end: date | None) -> date | None:
    """When ``material`` (a :func:`material_rules` row) is due for a period ending on
    ``period_end``: the monthly day when it has one (and a period is given), else its
    ``due_date``; None when neither."""
    day = material.get("monthly_day")
    if day and period_end is not None:
        month = period_end.month + int(material.get("month_offset") or 0)
        year = period_end.year + (month - 1) // 12
        month = (month - 1) % 12 + 1
        return date(year, month, min(int(day), calendar.monthrange(year, month)[1]))
    try:
        return date.fromisoformat(material["due_date"]) if material.get("due_date") else None
    except ValueError:
        return None


def _in_period(kind: Kind, period: tuple[date, date] | None) -> tuple[str, dict[str, Any]]:
    if period is None or kind.date_column is None:
        return "1", {}
    column = f'"{kind.date_column}"'
    if kind.date_form == "month":
        return (f"{column} BETWEEN :from_month AND :to_month",
                {"from_month": period[0].isoformat()[:7], "to_month": period[1].isoformat()[:7]})
    return (f"substr({column}, 1, 10) BETWEEN :from_day AND :to_day",
            {"from_day": period[0].isoformat(), "to_day": period[1].isoformat()})


def counting_rows(session: Session, kind: str, where: str, params: dict[str, Any],
                  period: tuple[date, date] | None, since_seq: int, until_seq: int) -> int:
    """How many rows of ``kind`` a package sends that count for its period: rows meeting the
    package's ``where`` (models.package_contents.RecordTable.where, with ``params``), the kind's
    condition and the period, changed after ``since_seq`` up to ``until_seq`` (every row when
    ``since_seq`` is 0)."""
    spec = KINDS[kind]
    dated, extra = _in_period(spec, period)
    sql = (f'SELECT count(*) FROM "{spec.table}" WHERE ({where}) AND ({spec.condition})'
           f" AND ({dated})")
    values: dict[str, Any] = {**params, **extra}
    if since_seq > 0:
        sql += (' AND CAST(id AS TEXT) IN (SELECT row_key FROM audit_log WHERE tbl = :tbl'
                " AND seq > :since AND seq <= :until)")
        values.update(tbl=spec.table, since=since_seq, until=until_seq)
    return int(session.store.conn.execute(sql, values).fetchone()[0])
