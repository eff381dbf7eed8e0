"""案件统计: the unit's monthly case figures of seed 004 附件2 (案件办理情况统计表), one row per month.

Columns as the seed prints them: 数据条数 (``records``), 实际案件数 (``actual``), 测试案件数
(``test``), 执法人员 (``officers``, None when not known: printed “/”), 在线考试 (``exams``, None:
“/”); 人均办案率 is never stored: :func:`models.form_stats.per_capita_rate` works it out, as the
seed defines it, (实际案件数 + 测试案件数) / 执法人员 in whole percent.

The figures are entered (from the province's 执法综合管理信息系统) or worked out from the unit's
own data by :func:`compute`:

* 实际案件数: the unit's case files (``case_files``) whose 结案日期 lies in the month;
* 数据条数: the same count (FieldLedger holds one record per real case) unless entered: the
  province's system counts its own records (seed 004: 324 records for 4 + 288 cases);
* 测试案件数: 0 (FieldLedger holds no test cases);
* 执法人员: the unit's active people with a 执法证号 (``people.active`` and a non-empty
  ``cert_no``), as they are now;
* 在线考试: not known (None): FieldLedger holds no online exams.

:func:`save_month` stores a month (one row per unit and month, replaced when saved again); a
month's row counts as the month's case data (models.material_kinds ``case_stats``).
"""
from __future__ import annotations

from typing import Any, NamedTuple

from . import validate
from .errors import NotFound, ValidationError
from .form_stats import per_capita_rate
from .i18n import QT_TRANSLATE_NOOP
from .months import bounds, check_month
from .permissions import operation
from .session import Session, now_text
from .store import Changes

#: The largest figure accepted in one cell.
MAX_FIGURE = 10_000_000

_BAD_NUMBER = QT_TRANSLATE_NOOP("errors", "{field}应为 0 或正整数（实际为“{value}”）。")


class Computed(NamedTuple):
    """The figures :func:`compute` works out for a month (see the module doc)."""

    month: str
    records: int
    actual: int
    test: int
    officers: int
    exams: int | None


def _unit(session: Session) -> int:
    if session.unit_id is None:
        raise NotFound(what="单位", key="")
    return int(session.unit_id)


def _count(value: Any, field: str, *, nullable: bool = False) -> int | None:
    """A whole number 0 … MAX_FIGURE ('' or None: None when ``nullable``, else 0)."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return None if nullable else 0
    if isinstance(value, bool):
        raise ValidationError(_BAD_NUMBER, field=field, value=str(value))
    try:
        number = int(str(value).strip()) if not isinstance(value, int) else value
    except ValueError:
        raise ValidationError(_BAD_NUMBER, field=field, value=str(value)[:20]) from None
    if not 0 <= number <= MAX_FIGURE:
        raise ValidationError(_BAD_NUMBER, field=field, value=str(value)[:20])
    return number


def rate(row: dict[str, Any]) -> str:
    """人均办案率 of a stored or computed month (“/” without 执法人员)."""
    return per_capita_rate(row["actual"], row["test"], row["officers"])


@operation("report.read")
def compute(session: Session, month: Any) -> Computed:
    """The month's figures worked out from the unit's data (see the module doc); nothing is
    stored."""
    unit = _unit(session)
    month = check_month(month, "统计月份")
    first, last = bounds(month)
    conn = session.store.conn
    closed = conn.execute("SELECT count(*) FROM case_files WHERE unit_id = ?"
                          " AND substr(closed_date, 1, 10) BETWEEN ? AND ?",
                          (unit, first.isoformat(), last.isoformat())).fetchone()[0]
    officers = conn.execute("SELECT count(*) FROM people WHERE unit_id = ? AND active = 1"
                            " AND trim(cert_no) <> ''", (unit,)).fetchone()[0]
    return Computed(month, int(closed), int(closed), 0, int(officers), None)


@operation("report.read")
def list_months(session: Session, year: int | None = None) -> list[dict[str, Any]]:
    """The unit's stored months, newest first (of ``year`` only when given): the rows plus
    ``rate`` (人均办案率 as printed)."""
    where, params = "unit_id = ?", [_unit(session)]
    if year is not None:
        where += " AND month LIKE ?"
        params.append(f"{int(year):04d}-%")
    rows = session.store.query(f"SELECT * FROM case_stats WHERE {where} ORDER BY month DESC",
                               params)
    for row in rows:
        row["rate"] = rate(row)
    return rows


@operation("case_stats.edit")
def save_month(session: Session, month: Any, *, actual: Any, test: Any = 0,
               records: Any = None, officers: Any = None, exams: Any = None,
               note: Any = "") -> Changes:
    """Store the unit's figures of ``month`` (replacing what was stored for it). ``records``
    None (or '') takes 实际案件数, as :func:`compute` does; ``officers`` and ``exams`` None
    mean not known (“/”)."""
    unit = _unit(session)
    month = check_month(month, "统计月份")
    values: dict[str, Any] = {
        "actual": _count(actual, "实际案件数"),
        "test": _count(test, "测试案件数"),
        "officers": _count(officers, "执法人员", nullable=True),
        "exams": _count(exams, "在线考试", nullable=True),
        "note": validate.text(note, "备注", required=False, limit=500),
    }
    entered = _count(records, "数据条数", nullable=True)
    values["records"] = values["actual"] if entered is None else entered
    stamp = now_text()
    with session.store.write(session.actor) as w:
        row = w.conn.execute("SELECT * FROM case_stats WHERE unit_id = ? AND month = ?",
                             (unit, month)).fetchone()
        if row is None:
            w.insert("case_stats", {"unit_id": unit, "month": month, **values,
                                    "account_id": session.account_id, "created_at": stamp,
                                    "updated_at": stamp})
        else:
            names = [d[0] for d in w.conn.execute("SELECT * FROM case_stats LIMIT 0").description]
            old = dict(zip(names, row))
            changed = {k: v for k, v in values.items() if old[k] != v}
            if changed:
                w.update("case_stats", old["id"], {**changed, "account_id": session.account_id,
                                                   "updated_at": stamp})
    return w.changes


@operation("case_stats.edit")
def delete_month(session: Session, month: Any) -> Changes:
    """Remove the unit's stored figures of ``month`` (audited)."""
    unit = _unit(session)
    month = check_month(month, "统计月份")
    row = session.store.conn.execute("SELECT id FROM case_stats WHERE unit_id = ? AND month = ?",
                                     (unit, month)).fetchone()
    if row is None:
        raise NotFound(what="案件统计", key=month)
    with session.store.write(session.actor) as w:
        w.delete("case_stats", row[0])
    return w.changes
