"""工作调度表: the monthly progress table of a campaign's tasks (seed 004 counts it among the
materials every unit sends up; "内容空泛不具体" is what the province criticises).

One table per unit, campaign (or none) and month (``period``, YYYY-MM): ordered rows of 工作任务
(``task``), 责任人/部门 (``owner``), 完成状态 (``status``: 未开始 / 推进中 / 已完成 / 滞后),
进展情况 (``progress``) and 备注 (``note``). :func:`save_items` saves a month's table as edited in
one transaction (kept rows updated in place, new ones added, rows left out deleted, the order
given the new order); :func:`copy_previous` starts a new month from the latest earlier month's
tasks in one call. A month with at least one row counts as the month's 调度表
(models.material_kinds ``schedule``).
"""
from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from . import validate
from .errors import NotFound, ValidationError
from .i18n import QT_TRANSLATE_NOOP
from .months import check_month
from .permissions import operation
from .session import Session, now_text
from .store import Changes

#: status -> the name shown (context "schedule"), in the order offered.
STATUSES: dict[str, str] = {
    "not_started": QT_TRANSLATE_NOOP("schedule", "未开始"),
    "in_progress": QT_TRANSLATE_NOOP("schedule", "推进中"),
    "done": QT_TRANSLATE_NOOP("schedule", "已完成"),
    "delayed": QT_TRANSLATE_NOOP("schedule", "滞后"),
}
#: Most rows of one month's table.
MAX_ITEMS = 200

_TOO_MANY = QT_TRANSLATE_NOOP("errors", "一个月的调度表最多 {limit} 项工作任务。")
_NOT_EMPTY = QT_TRANSLATE_NOOP(
    "errors", "{period} 的调度表已有 {count} 项工作任务，不能再复制上月的任务。")
_NOTHING_BEFORE = QT_TRANSLATE_NOOP("errors", "{period} 之前没有调度表，无可复制的工作任务。")
_ROW = QT_TRANSLATE_NOOP("errors", "第 {n} 项工作任务：{reason}")


def _unit(session: Session) -> int:
    if session.unit_id is None:
        raise NotFound(what="单位", key="")
    return int(session.unit_id)


def _campaign_id(session: Session, campaign_id: Any) -> int | None:
    if campaign_id in (None, ""):
        return None
    if not session.store.query("SELECT 1 FROM campaigns WHERE id = ?", (campaign_id,)):
        raise NotFound(what="专项行动", key=campaign_id)
    return int(campaign_id)


def _values(item: dict[str, Any]) -> dict[str, Any]:
    status = item.get("status") or "not_started"
    return {"task": validate.text(item.get("task"), "工作任务", limit=500),
            "owner": validate.text(item.get("owner"), "责任人/部门", required=False, limit=100),
            "status": validate.choice(status, "完成状态", set(STATUSES)),
            "progress": validate.text(item.get("progress"), "进展情况", required=False,
                                      limit=2000),
            "note": validate.text(item.get("note"), "备注", required=False, limit=500)}


def _rows(session: Session, unit: int, campaign_id: int | None, period: str
          ) -> list[dict[str, Any]]:
    return session.store.query(
        "SELECT * FROM schedule_items WHERE unit_id = ? AND campaign_id IS ? AND period = ?"
        " ORDER BY position, id", (unit, campaign_id, period))


@operation("report.read")
def list_items(session: Session, campaign_id: int | None, period: Any) -> list[dict[str, Any]]:
    """The unit's 调度表 of ``campaign_id`` (None: of no campaign) for ``period``, in order."""
    return _rows(session, _unit(session), _campaign_id(session, campaign_id),
                 check_month(period, "调度月份"))


@operation("report.read")
def periods(session: Session, campaign_id: int | None) -> list[dict[str, Any]]:
    """The months the unit has a 调度表 for ``campaign_id`` (None: of no campaign), newest
    first: ``period``, ``items`` (how many rows), ``done`` and ``delayed`` (rows in those
    states)."""
    return session.store.query(
        "SELECT period, count(*) AS items, sum(status = 'done') AS done,"
        " sum(status = 'delayed') AS delayed FROM schedule_items"
        " WHERE unit_id = ? AND campaign_id IS ? GROUP BY period ORDER BY period DESC",
        (_unit(session), _campaign_id(session, campaign_id)))


@operation("schedule.edit")
def save_items(session: Session, campaign_id: int | None, period: Any,
               items: Iterable[dict[str, Any]]) -> Changes:
    """Save the month's table as edited: ``items`` in their new order, each a dict of the
    columns with ``id`` for a row kept. Rows of the month left out are deleted. Everything is
    checked (a message naming the row) before anything is written; one audited transaction."""
    unit = _unit(session)
    cid = _campaign_id(session, campaign_id)
    month = check_month(period, "调度月份")
    items = list(items)
    if len(items) > MAX_ITEMS:
        raise ValidationError(_TOO_MANY, limit=MAX_ITEMS)
    planned: list[tuple[int | None, dict[str, Any]]] = []
    for n, item in enumerate(items, 1):
        try:
            values = _values(item)
        except ValidationError as exc:
            raise ValidationError(_ROW, n=n, reason=str(exc)) from None
        rid = item.get("id")
        planned.append((None if rid in (None, "") else int(rid), values))
    stamp = now_text()
    with session.store.write(session.actor) as w:
        existing = {r["id"]: r for r in _rows(session, unit, cid, month)}
        for rid, _v in planned:
            if rid is not None and rid not in existing:
                raise NotFound(what="工作任务", key=rid)
        kept = {rid for rid, _v in planned if rid is not None}
        for rid in existing:
            if rid not in kept:
                w.delete("schedule_items", rid)
        for position, (rid, values) in enumerate(planned, 1):
            if rid is None:
                w.insert("schedule_items", {
                    "unit_id": unit, "campaign_id": cid, "period": month, "position": position,
                    **values, "account_id": session.account_id, "created_at": stamp,
                    "updated_at": stamp})
                continue
            old = existing[rid]
            changed = {k: v for k, v in {**values, "position": position}.items() if old[k] != v}
            if changed:
                w.update("schedule_items", rid, {**changed, "updated_at": stamp})
    return w.changes


@operation("schedule.edit")
def copy_previous(session: Session, campaign_id: int | None, period: Any) -> Changes:
    """Start ``period``'s table with the tasks of the latest earlier month that has one (task,
    责任人/部门, 完成状态, 进展情况 and 备注 as they stood, in their order), to be brought up to
    date. Refused when ``period`` already has rows or no earlier month has any."""
    unit = _unit(session)
    cid = _campaign_id(session, campaign_id)
    month = check_month(period, "调度月份")
    stamp = now_text()
    with session.store.write(session.actor) as w:
        count = w.conn.execute("SELECT count(*) FROM schedule_items WHERE unit_id = ? AND"
                               " campaign_id IS ? AND period = ?", (unit, cid, month)).fetchone()[0]
        if count:
            raise ValidationError(_NOT_EMPTY, period=month, count=count)
        row = w.conn.execute("SELECT max(period) FROM schedule_items WHERE unit_id = ? AND"
                             " campaign_id IS ? AND period < ?", (unit, cid, month)).fetchone()
        if row[0] is None:
            raise ValidationError(_NOTHING_BEFORE, period=month)
        for item in _rows(session, unit, cid, row[0]):
            w.insert("schedule_items", {
                "unit_id": unit, "campaign_id": cid, "period": month,
                "position": item["position"], "task": item["task"], "owner": item["owner"],
                "status": item["status"], "progress": item["progress"], "note": item["note"],
                "account_id": session.account_id, "created_at": stamp, "updated_at": stamp})
    return w.changes
