"""The rectification ledger (问题台账) and its 挂单销号 lifecycle.

A problem is hung on the list (待整改), worked on (整改中), reported done (已整改，待验收), and struck
off (已销号) only after a chief or reviewer who is not its responsible person has verified it. A
verifier may send it back (退回) with a reason; a struck-off problem found to recur is reopened as
反弹 with the rebound recorded, and its earlier history stays. Every step is a row of
``problem_events`` (who, when, from, to, note) and, like every change, an audit entry.
"""
from __future__ import annotations

from datetime import date, timedelta
from typing import Any, Iterable

from . import validate
from .errors import NotFound, ValidationError
from .i18n import QT_TRANSLATE_NOOP
from .permissions import check, operation
from .session import Session, now_text, own_unit_id
from .store import Changes, Writer

STATUSES: dict[str, str] = {
    "open": QT_TRANSLATE_NOOP("problems", "待整改"),
    "in_progress": QT_TRANSLATE_NOOP("problems", "整改中"),
    "rectified": QT_TRANSLATE_NOOP("problems", "已整改（待验收）"),
    "closed": QT_TRANSLATE_NOOP("problems", "已销号"),
    "rebound": QT_TRANSLATE_NOOP("problems", "反弹"),
}

SOURCES: dict[str, str] = {
    "self_check": QT_TRANSLATE_NOOP("problems", "自查自纠"),
    "complaint": QT_TRANSLATE_NOOP("problems", "投诉举报"),
    "inspection": QT_TRANSLATE_NOOP("problems", "上级督查"),
    "satisfaction": QT_TRANSLATE_NOOP("problems", "满意度测评"),
    "case_review": QT_TRANSLATE_NOOP("problems", "案卷评查"),
    "supervision_letter": QT_TRANSLATE_NOOP("problems", "执法监督意见书"),
    "other": QT_TRANSLATE_NOOP("problems", "其他"),
}

#: Channels of a complaint (投诉举报): the 12328 交通运输服务监督电话 and 12345 政务服务热线, the
#: 投诉举报信箱, letters, visits, other calls, the internet (网站、公众号、网络舆情), other. A
#: 投诉举报线索 (models.leads) has one of them, and so has the problem hung from it.
CHANNELS = ("12328", "12345", "信箱", "来信", "来访", "来电", "网络", "其他")

SCOPES = {"common": QT_TRANSLATE_NOOP("problems", "共性"),
          "individual": QT_TRANSLATE_NOOP("problems", "个性")}

#: (from, to) -> (permission, note required, verifier must not be the responsible person)
TRANSITIONS: dict[tuple[str, str], tuple[str, bool, bool]] = {
    ("open", "in_progress"): ("problem.progress", False, False),
    ("open", "rectified"): ("problem.progress", False, False),
    ("in_progress", "rectified"): ("problem.progress", False, False),
    ("rectified", "closed"): ("problem.verify", False, True),
    ("rectified", "in_progress"): ("problem.verify", True, True),
    ("closed", "rebound"): ("problem.verify", True, False),
    ("rebound", "in_progress"): ("problem.progress", False, False),
    ("rebound", "rectified"): ("problem.progress", False, False),
}

DUE_SOON_DAYS = 7

_TEXT_FIELDS = {  # column -> (label, required, limit)
    "issue": ("存在问题", True, 500),
    "manifestation": ("具体表现", False, 4000),
    "measures": ("整改措施", False, 4000),
    "responsible_dept": ("责任部门", False, 100),
    "remarks": ("备注", False, 2000),
    "completion": ("整改完成情况", False, 4000),
    "rebound_measures": ("反弹问题整改措施和完成情况", False, 4000),
}


#: Every field create_problem and update_problem take (besides campaign_id and unit_id).
FIELDS = frozenset(_TEXT_FIELDS) | {"category", "deadline", "responsible_person_id", "scope",
                                    "source", "source_channel", "source_ref", "effective"}


def _values(session: Session, data: dict[str, Any], *, campaign_id: int | None,
            partial: bool) -> dict[str, Any]:
    """Checked column values from ``data`` (only the keys given when ``partial``)."""
    unknown = sorted(set(data) - FIELDS)
    if unknown:  # a caller's mistake, not the user's: never drop a change silently
        raise TypeError(f"unknown problem fields: {', '.join(unknown)}")
    out: dict[str, Any] = {}
    for col, (label, required, limit) in _TEXT_FIELDS.items():
        if col in data or (not partial and required):
            out[col] = validate.text(data.get(col), label, required=required, limit=limit)
    if "category" in data or not partial:
        out["category"] = _category(session, campaign_id, data.get("category"))
    if "deadline" in data:
        out["deadline"] = validate.iso_date(data["deadline"], "整改时限")
    if "responsible_person_id" in data:
        out["responsible_person_id"] = _person(session, data["responsible_person_id"])
    if "scope" in data:
        out["scope"] = validate.choice(data["scope"], "共性/个性", set(SCOPES))
    if "source" in data:
        out["source"] = validate.choice(data["source"], "问题来源", set(SOURCES))
    if "source_channel" in data:
        channel = validate.text(data["source_channel"], "举报渠道", required=False, limit=20)
        if channel and channel not in CHANNELS:
            raise ValidationError(QT_TRANSLATE_NOOP("errors", "举报渠道只能是 {choices}。"),
                                  choices="、".join(CHANNELS))
        out["source_channel"] = channel
    if "source_ref" in data:
        out["source_ref"] = validate.text(data["source_ref"], "来源记录", required=False, limit=100)
    if "effective" in data:
        out["effective"] = validate.choice(data["effective"] or "", "是否取得预期成效",
                                           {"", "yes", "no"})
    return out


def _category(session: Session, campaign_id: int | None, value: Any) -> str:
    name = validate.text(value, "问题方面", limit=100)
    if campaign_id is not None:
        known = [r[0] for r in session.store.conn.execute(
            "SELECT name FROM campaign_categories WHERE campaign_id = ? ORDER BY position",
            (campaign_id,))]
        if known and name not in known:
            raise ValidationError(QT_TRANSLATE_NOOP(
                "errors", "“{name}”不是本专项行动的问题类别。可选：{choices}。"),
                name=name, choices="、".join(known))
    return name


def _person(session: Session, person_id: Any) -> int | None:
    if person_id in (None, ""):
        return None
    row = session.store.conn.execute("SELECT id FROM people WHERE id = ?",
                                     (person_id,)).fetchone()
    if row is None:
        raise NotFound(what="责任人", key=person_id)
    return int(row[0])


def _problem(session: Session, problem_id: int) -> dict[str, Any]:
    rows = session.store.query("SELECT * FROM problems WHERE id = ?", (problem_id,))
    if not rows:
        raise NotFound(what="问题", key=problem_id)
    return rows[0]


def _set(w: Writer, problem_id: int, values: dict[str, Any], stamp: str) -> bool:
    """Update a problem's columns and ``updated_at`` in one audited step; False when nothing
    would change (then nothing is written, not even ``updated_at``)."""
    cols = list(values)
    row = w.conn.execute(f"SELECT id{''.join(f', [{c}]' for c in cols)} FROM problems"
                         " WHERE id = ?", (problem_id,)).fetchone()
    if row is None:
        raise NotFound(what="问题", key=problem_id)
    if list(row[1:]) == [values[c] for c in cols]:
        return False
    return w.update("problems", problem_id, {**values, "updated_at": stamp})


def next_seq_no(conn: Any, campaign_id: int | None, unit_id: int) -> int:
    """The next 序号 of a campaign and unit: one past the highest ever given (a 序号 stays with
    its problem and is never given again, even after that problem was deleted)."""
    row = conn.execute(
        "SELECT max(coalesce((SELECT max(seq_no) FROM problems WHERE campaign_id IS ?"
        " AND unit_id = ?), 0), coalesce((SELECT last_seq FROM problem_seq_high"
        " WHERE campaign_key = coalesce(?, 0) AND unit_id = ?), 0)) + 1",
        (campaign_id, unit_id, campaign_id, unit_id)).fetchone()
    return int(row[0])


def _event(w: Writer, session: Session, problem_id: Any, from_status: str | None,
           to_status: str, note: str) -> None:
    w.insert("problem_events", {"problem_id": problem_id, "ts": now_text(),
                                "account_id": session.account_id, "from_status": from_status,
                                "to_status": to_status, "note": note})


@operation("problem.edit")
def create_problem(session: Session, *, campaign_id: int | None = None,
                   unit_id: int | None = None, **fields: Any) -> Changes:
    """Hang a new problem on the list (待整改); 序号 is the next free one of its campaign and unit."""
    if campaign_id is not None and not session.store.conn.execute(
            "SELECT 1 FROM campaigns WHERE id = ?", (campaign_id,)).fetchone():
        raise NotFound(what="专项行动", key=campaign_id)
    unit = unit_id if unit_id is not None else own_unit_id(session.store)
    if not session.store.conn.execute("SELECT 1 FROM units WHERE id = ?", (unit,)).fetchone():
        raise NotFound(what="单位", key=unit)
    values = _values(session, fields, campaign_id=campaign_id, partial=False)
    stamp = now_text()
    with session.store.write(session.actor) as w:
        seq_no = next_seq_no(w.conn, campaign_id, unit)
        pid = w.insert("problems", {**values, "campaign_id": campaign_id, "unit_id": unit,
                                    "seq_no": seq_no, "status": "open",
                                    "created_at": stamp, "updated_at": stamp})
        _event(w, session, pid, None, "open", "")
    return w.changes


@operation("problem.edit")
def update_problem(session: Session, problem_id: int, **fields: Any) -> Changes:
    """Change a problem's fields (not its status: see :func:`transition`)."""
    if "status" in fields:
        raise ValidationError(QT_TRANSLATE_NOOP("errors", "问题状态只能通过整改流程变更。"))
    current = _problem(session, problem_id)
    values = _values(session, fields, campaign_id=current["campaign_id"], partial=True)
    with session.store.write(session.actor) as w:
        _set(w, problem_id, values, now_text())
    return w.changes


@operation("problem.progress")
def transition(session: Session, problem_id: int, to_status: str, note: str = "", *,
               rebound_measures: str | None = None) -> Changes:
    """Move a problem along the lifecycle (see :data:`TRANSITIONS` for who may do what)."""
    current = _problem(session, problem_id)
    from_status = current["status"]
    rule = TRANSITIONS.get((from_status, to_status))
    if rule is None:
        raise ValidationError(
            QT_TRANSLATE_NOOP("errors", "不能把问题从“{old}”直接改为“{new}”。"),
            old=STATUSES.get(from_status, from_status), new=STATUSES.get(to_status, to_status))
    permission, note_required, not_owner = rule
    check(session, permission)
    note = validate.text(note, "说明", required=note_required, limit=2000)
    if not_owner and session.person_id is not None \
            and session.person_id == current["responsible_person_id"]:
        raise ValidationError(QT_TRANSLATE_NOOP(
            "errors", "验收须由责任人以外的负责人或法制审核人员进行：您是这个问题的整改责任人。"))
    stamp = now_text()
    values: dict[str, Any] = {"status": to_status, "updated_at": stamp}
    if to_status == "closed":
        values["closed_at"] = stamp
    if to_status == "rebound":
        values.update(rebound=1, closed_at=None)
        if rebound_measures is not None:
            values["rebound_measures"] = validate.text(
                rebound_measures, "反弹问题整改措施和完成情况", required=False, limit=4000)
    with session.store.write(session.actor) as w:
        w.update("problems", problem_id, values)
        _event(w, session, problem_id, from_status, to_status, note)
    return w.changes


@operation("problem.progress")
def add_progress_note(session: Session, problem_id: int, text: str,
                      note_date: str | date | None = None) -> Changes:
    """A dated note of what was done (整改进展)."""
    _problem(session, problem_id)
    body = validate.text(text, "整改进展", limit=4000)
    day = validate.iso_date(note_date, "日期") or date.today().isoformat()
    with session.store.write(session.actor) as w:
        w.insert("progress_notes", {"problem_id": problem_id, "note_date": day, "text": body,
                                    "account_id": session.account_id, "created_at": now_text()})
        w.update("problems", problem_id, {"updated_at": now_text()})
    return w.changes


@operation("problem.bulk")
def bulk_update(session: Session, problem_ids: Iterable[int], *,
                responsible_person_id: int | None = None, deadline: str | None = None) -> Changes:
    """Give many problems one responsible person and/or one deadline, in one transaction."""
    values: dict[str, Any] = {}
    if responsible_person_id is not None:
        values["responsible_person_id"] = _person(session, responsible_person_id)
    if deadline is not None:
        values["deadline"] = validate.iso_date(deadline, "整改时限", required=True)
    if not values:
        raise ValidationError(QT_TRANSLATE_NOOP("errors", "请至少选择要批量修改的责任人或整改时限。"))
    ids = sorted({int(i) for i in problem_ids})
    stamp = now_text()
    with session.store.write(session.actor) as w:
        for pid in ids:
            _set(w, pid, values, stamp)
    return w.changes


@operation("problem.read")
def get_problem(session: Session, problem_id: int) -> dict[str, Any]:
    """One problem with its status history, progress notes and evidence, oldest first."""
    out = _problem(session, problem_id)
    q = session.store.query
    out["events"] = q("SELECT e.*, a.username FROM problem_events e LEFT JOIN accounts a"
                      " ON a.id = e.account_id WHERE problem_id = ? ORDER BY e.id", (problem_id,))
    out["notes"] = q("SELECT n.*, a.username FROM progress_notes n LEFT JOIN accounts a"
                     " ON a.id = n.account_id WHERE problem_id = ? ORDER BY note_date, n.id",
                     (problem_id,))
    out["evidence"] = q("SELECT * FROM evidence WHERE problem_id = ? ORDER BY id", (problem_id,))
    return out


def deadline_state(deadline: str | None, status: str, today: date | None = None) -> str:
    """'overdue', 'due_soon' (within 7 days) or '' for a problem's 整改时限."""
    if not deadline or status == "closed":
        return ""
    today = today or date.today()
    if deadline < today.isoformat():
        return "overdue"
    if deadline <= (today + timedelta(days=DUE_SOON_DAYS)).isoformat():
        return "due_soon"
    return ""
