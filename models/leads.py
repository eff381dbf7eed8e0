"""投诉举报线索 (leads): complaints and reports a unit receives, and what it did with each.

A lead comes by one of :data:`CHANNELS` (the 12328 交通运输服务监督电话, the 12345 政务服务热线,
the 投诉举报信箱, a letter, a visit, another call, the internet, other) on its 受理日期. It holds
反映内容 (``content``), 被反映单位/人 (``party``: who or what it is about), 反映人及联系方式
(``contact``: who reported it and how to reach them; never printed on the 线索征询表), 办理情况
(``handling``) and 办理结果 (``result``), and may belong to a campaign.

Its life: 待办理 (``open``) → 办理中 (``handling``) → 已办结 (``closed``, with ``closed_date``).
An open lead becomes 办理中 as soon as its handling is recorded or a ledger problem is hung on
it or linked to it; it is closed with its 办理结果, which is then required. A closed lead is
frozen: reopening it (back to 办理中, the reason appended to 办理情况) comes first.

Who may do what (:mod:`models.permissions`):

* ``lead.read`` (everyone): the list, one lead, the 线索征询表;
* ``lead.edit`` (执法队员, 法制审核, 负责人: the people who record complaints and look into
  them): record a lead, change it, record its handling, hang a ledger problem on it or link it to
  one (which is registering a problem, so those roles are the ones of ``problem.edit``);
* ``lead.close`` (负责人 only): 办结 — the unit's answer to a complainant is given in the unit's
  name, "件件有回应" (seed 002) — reopening, and deleting a lead recorded by mistake (never one
  closed or linked to a problem; the deletion stays in the audit trail).

Overdue: a lead not closed :data:`OVERDUE_DAYS` (15) calendar days after its 受理日期 is overdue
(its due date is 受理日期 + 15 days; from the day after, it stands out). Fifteen days is the
time the hotlines commonly give a unit to answer a transferred complaint; calendar days, not
working days, so the rule needs no holiday calendar and errs on the early side.

The ledger: :func:`problem_from_lead` hangs a problem (source 投诉举报, ``source_channel`` the
lead's channel, ``source_ref`` ``lead:<id>``) in the lead's campaign and unit and links it
(``leads.problem_id``); :func:`link_problem` links a lead to a problem already on the ledger, or
lets go of it as :mod:`models.problem_links` describes. A lead holds at most one problem: asking
again for one that has it is refused, and a problem hung from a lead earlier, unlinked since and
still open, is taken up again instead of hanging a second one.

Filtering is SQL (:class:`LeadFilter`): status, channel, 受理日期 range, campaign, overdue, and
a text search whose white-space separated terms must all occur (LIKE, case-insensitive for
ASCII) in 反映内容, 被反映单位/人, 反映人及联系方式, 办理情况 or 办理结果. A unit receives some
hundreds of leads a year: a full-text index would not pay for itself.
"""
from __future__ import annotations

from collections.abc import Iterable
from datetime import date, timedelta
from typing import Any, NamedTuple

from . import problem_links, problems, validate
from .errors import NotFound, ValidationError
from .i18n import QT_TRANSLATE_NOOP
from .permissions import check, operation
from .session import Session, now_text, own_unit_id
from .store import Changes, Writer

STATUSES: dict[str, str] = {
    "open": QT_TRANSLATE_NOOP("leads", "待办理"),
    "handling": QT_TRANSLATE_NOOP("leads", "办理中"),
    "closed": QT_TRANSLATE_NOOP("leads", "已办结"),
}

#: The channels of a lead: those of a complaint on the ledger (models.problems.CHANNELS), so a
#: problem hung from a lead keeps its channel.
CHANNELS: tuple[str, ...] = problems.CHANNELS

#: Channel -> how the GUI offers it (context "leads"); the stored value is the key.
CHANNEL_LABELS: dict[str, str] = {
    "12328": QT_TRANSLATE_NOOP("leads", "12328 交通运输服务监督电话"),
    "12345": QT_TRANSLATE_NOOP("leads", "12345 政务服务热线"),
    "信箱": QT_TRANSLATE_NOOP("leads", "投诉举报信箱"),
    "来信": QT_TRANSLATE_NOOP("leads", "来信"),
    "来访": QT_TRANSLATE_NOOP("leads", "来访"),
    "来电": QT_TRANSLATE_NOOP("leads", "来电（其他电话）"),
    "网络": QT_TRANSLATE_NOOP("leads", "网络（网站、公众号、舆情）"),
    "其他": QT_TRANSLATE_NOOP("leads", "其他"),
}

#: Calendar days from 受理日期 within which a lead is to be closed (see the module doc).
OVERDUE_DAYS = 15

#: column -> (label, required, limit) of the texts of a lead.
_TEXT_FIELDS: dict[str, tuple[str, bool, int]] = {
    "content": ("反映内容", True, 4000),
    "party": ("被反映单位/人", False, 200),
    "contact": ("反映人及联系方式", False, 200),
    "handling": ("办理情况", False, 4000),
    "result": ("办理结果", False, 4000),
}

#: Every field create_lead and update_lead take.
FIELDS = frozenset(_TEXT_FIELDS) | {"received_date", "channel", "campaign_id"}

_CLOSED = QT_TRANSLATE_NOOP("errors", "这条线索已办结，不能再修改。如需继续办理，请负责人先“重新办理”。")
_FUTURE = QT_TRANSLATE_NOOP("errors", "“{field}”不能晚于今天（{today}）。")


def ref_for(lead_id: int) -> str:
    """``source_ref`` of the problem hung from lead ``lead_id``."""
    return f"lead:{int(lead_id)}"


def due_date(received_date: str) -> str:
    """The day by which a lead received on ``received_date`` (ISO) is to be closed."""
    return (date.fromisoformat(received_date) + timedelta(days=OVERDUE_DAYS)).isoformat()


def is_overdue(received_date: str | None, status: str, today: date | None = None) -> bool:
    """True for a lead not closed whose due date (:func:`due_date`) is before ``today``."""
    if not received_date or status == "closed":
        return False
    try:
        return due_date(received_date[:10]) < (today or date.today()).isoformat()
    except ValueError:
        return False


def _overdue_before(today: date | None) -> str:
    """Leads received before this day and not closed are overdue."""
    return ((today or date.today()) - timedelta(days=OVERDUE_DAYS)).isoformat()


# --- checking --------------------------------------------------------------------------------------

def _day(value: Any, field: str, *, required: bool) -> str | None:
    """An ISO date not after today."""
    day = validate.iso_date(value, field, required=required)
    today = date.today().isoformat()
    if day is not None and day > today:
        raise ValidationError(_FUTURE, field=field, today=today)
    return day


def _channel(value: Any) -> str:
    channel = validate.text(value, "来源渠道", limit=20)
    if channel not in CHANNELS:
        raise ValidationError(QT_TRANSLATE_NOOP("errors", "来源渠道只能是 {choices}。"),
                              choices="、".join(CHANNELS))
    return channel


def _campaign(session: Session, value: Any) -> int | None:
    if value in (None, ""):
        return None
    row = session.store.conn.execute("SELECT id FROM campaigns WHERE id = ?",
                                     (value,)).fetchone()
    if row is None:
        raise NotFound(what="专项行动", key=value)
    return int(row[0])


def _values(session: Session, data: dict[str, Any], *, partial: bool) -> dict[str, Any]:
    """Checked column values from ``data`` (only the keys given when ``partial``)."""
    unknown = sorted(set(data) - FIELDS)
    if unknown:  # a caller's mistake, not the user's: never drop a change silently
        raise TypeError(f"unknown lead fields: {', '.join(unknown)}")
    out: dict[str, Any] = {}
    for col, (label, required, limit) in _TEXT_FIELDS.items():
        if col in data or (not partial and required):
            out[col] = validate.text(data.get(col), label, required=required, limit=limit)
    if "received_date" in data or not partial:
        out["received_date"] = _day(data.get("received_date"), "受理日期", required=True)
    if "channel" in data or not partial:
        out["channel"] = _channel(data.get("channel"))
    if "campaign_id" in data:
        out["campaign_id"] = _campaign(session, data["campaign_id"])
    return out


def _lead(conn: Any, lead_id: Any) -> dict[str, Any]:
    cur = conn.execute("SELECT * FROM leads WHERE id = ?", (lead_id,))
    row = cur.fetchone()
    if row is None:
        raise NotFound(what="投诉举报线索", key=lead_id)
    return dict(zip([d[0] for d in cur.description], row))


def _open_lead(conn: Any, lead_id: Any) -> dict[str, Any]:
    """The lead, refused when it is closed."""
    lead = _lead(conn, lead_id)
    if lead["status"] == "closed":
        raise ValidationError(_CLOSED)
    return lead


def _set(w: Writer, lead: dict[str, Any], values: dict[str, Any], stamp: str) -> bool:
    """Update the lead's columns (and ``updated_at``) in one audited step; an open lead with
    handling recorded, or a problem, becomes 办理中. False when nothing would change."""
    merged = {**lead, **values}
    if merged["status"] == "open" and (merged["handling"] or merged["problem_id"]):
        values = {**values, "status": "handling"}
    if all(lead[k] == v for k, v in values.items()):
        return False
    return w.update("leads", lead["id"], {**values, "updated_at": stamp})


# --- recording --------------------------------------------------------------------------------------

@operation("lead.edit")
def create_lead(session: Session, *, unit_id: int | None = None, **fields: Any) -> Changes:
    """Record a lead of the own unit (``unit_id`` another registered unit): ``received_date``,
    ``channel`` and ``content`` required; ``party``, ``contact``, ``handling``, ``result``,
    ``campaign_id`` optional. It is 待办理, or 办理中 when its handling is given."""
    values = _values(session, fields, partial=False)
    unit = unit_id if unit_id is not None else (session.unit_id or own_unit_id(session.store))
    if unit is None or not session.store.conn.execute("SELECT 1 FROM units WHERE id = ?",
                                                      (unit,)).fetchone():
        raise NotFound(what="单位", key=unit if unit is not None else "")
    stamp = now_text()
    with session.store.write(session.actor) as w:
        w.insert("leads", {**values, "unit_id": unit,
                           "status": "handling" if values.get("handling") else "open",
                           "account_id": session.account_id, "created_at": stamp,
                           "updated_at": stamp})
    return w.changes


@operation("lead.edit")
def update_lead(session: Session, lead_id: int, **fields: Any) -> Changes:
    """Change a lead's fields (any of create_lead's); refused once it is closed. Recording its
    handling makes an open lead 办理中."""
    if "status" in fields or "problem_id" in fields:
        raise TypeError("status and problem_id change through close_lead, reopen_lead, "
                        "problem_from_lead and link_problem")
    values = _values(session, fields, partial=True)
    with session.store.write(session.actor) as w:
        lead = _open_lead(w.conn, lead_id)
        _set(w, lead, values, now_text())
    return w.changes


@operation("lead.close")
def close_lead(session: Session, lead_id: int, result: str | None = None,
               closed_date: str | date | None = None) -> Changes:
    """办结: the lead is closed on ``closed_date`` (today when not given; not before its 受理日期,
    not after today) with its 办理结果 (``result``, or the one recorded before: one is
    required)."""
    with session.store.write(session.actor) as w:
        lead = _open_lead(w.conn, lead_id)
        text = validate.text(lead["result"] if result is None else result, "办理结果",
                             limit=4000)
        day = _day(closed_date, "办结日期", required=False) or date.today().isoformat()
        if day < lead["received_date"]:
            raise ValidationError(QT_TRANSLATE_NOOP(
                "errors", "办结日期（{closed}）不能早于受理日期（{received}）。"),
                closed=day, received=lead["received_date"])
        w.update("leads", lead_id, {"status": "closed", "closed_date": day, "result": text,
                                    "updated_at": now_text()})
    return w.changes


@operation("lead.close")
def reopen_lead(session: Session, lead_id: int, note: str) -> Changes:
    """重新办理: a closed lead goes back to 办理中; ``note`` (why) is required and is appended to
    its 办理情况 with the day and who reopened it. 办理结果 stays until it is closed again."""
    reason = validate.text(note, "说明", limit=500)
    with session.store.write(session.actor) as w:
        lead = _lead(w.conn, lead_id)
        if lead["status"] != "closed":
            raise ValidationError(QT_TRANSLATE_NOOP("errors", "只有已办结的线索可以重新办理。"))
        who = session.person_name or session.username
        line = f"【{date.today().isoformat()} {who} 重新办理：{reason}】"
        handling = f"{lead['handling']}\n{line}" if lead["handling"] else line
        w.update("leads", lead_id, {"status": "handling", "closed_date": None,
                                    "handling": handling[-4000:], "updated_at": now_text()})
    return w.changes


@operation("lead.close")
def delete_lead(session: Session, lead_id: int) -> Changes:
    """Remove a lead recorded by mistake: refused when it is closed or linked to a problem."""
    with session.store.write(session.actor) as w:
        lead = _lead(w.conn, lead_id)
        if lead["status"] == "closed":
            raise ValidationError(QT_TRANSLATE_NOOP(
                "errors", "已办结的线索不能删除：它是本单位对反映人的答复记录。"))
        if lead["problem_id"] is not None:
            raise ValidationError(QT_TRANSLATE_NOOP(
                "errors", "这条线索已对应问题台账中的问题，不能删除。请先取消关联。"))
        w.delete("leads", lead_id)
    return w.changes


# --- the ledger ---------------------------------------------------------------------------------

def issue_of(content: str) -> str:
    """存在问题 of a problem hung from a lead: the first line of its 反映内容, at most 100
    characters."""
    first = content.strip().splitlines()[0].strip() if content.strip() else ""
    return first if len(first) <= 100 else first[:99] + "…"


def _problem_seq(conn: Any, problem_id: int) -> Any:
    row = conn.execute("SELECT seq_no FROM problems WHERE id = ?", (problem_id,)).fetchone()
    return row[0] if row else problem_id


@operation("lead.edit")
def problem_from_lead(session: Session, lead_id: int, *, category: str,
                      issue: str | None = None, **fields: Any) -> Changes:
    """Hang the lead on the ledger: a 待整改 problem of the lead's campaign and unit, 问题方面
    ``category`` (one of the campaign's), 存在问题 ``issue`` (default: the start of 反映内容),
    具体表现 the channel, day and 反映内容, source 投诉举报 with the lead's channel and
    ``source_ref`` ``lead:<id>``; other problem fields (``measures``, ``deadline``,
    ``responsible_person_id``, ``responsible_dept``, ``scope``) may be given. The lead is linked
    to it and becomes 办理中. Refused when the lead already has a problem, or is closed."""
    check(session, "problem.edit")
    allowed = {"measures", "deadline", "responsible_person_id", "responsible_dept", "scope",
               "remarks"}
    unknown = sorted(set(fields) - allowed)
    if unknown:
        raise TypeError(f"unknown problem fields: {', '.join(unknown)}")
    conn = session.store.conn
    with session.store.write(session.actor) as w:
        lead = _open_lead(conn, lead_id)
        if lead["problem_id"] is not None:
            raise ValidationError(QT_TRANSLATE_NOOP(
                "errors", "这条线索已对应问题台账序号 {seq}，不能再登记一个问题。"),
                seq=_problem_seq(conn, lead["problem_id"]))
        ref = ref_for(lead_id)
        target = problem_links.reusable(conn, ref)
        if target is None:
            where = f"{lead['channel']}（{lead['received_date']} 受理）"
            text = f"{where}：{lead['content']}"
            if lead["party"]:
                text += f"（被反映：{lead['party']}）"
            target = problem_links.hang(
                w, session, campaign_id=lead["campaign_id"], unit_id=lead["unit_id"],
                fields={**fields, "category": category,
                        "issue": issue_of(lead["content"]) if issue is None else issue,
                        "manifestation": text[:4000], "source": "complaint",
                        "source_channel": lead["channel"], "source_ref": ref},
                event_note=f"投诉举报线索：{lead['received_date']} {lead['channel']}")
        _set(w, lead, {"problem_id": target}, now_text())
    return w.changes


@operation("lead.edit")
def link_problem(session: Session, lead_id: int, problem_id: int | None) -> Changes:
    """Link the lead to a problem of its unit already on the ledger (it becomes 办理中), or
    with ``problem_id`` None let go of its problem: a problem hung from this lead that nobody
    touched since is withdrawn, one with history stays with a remark (models.problem_links)."""
    conn = session.store.conn
    with session.store.write(session.actor) as w:
        lead = _open_lead(conn, lead_id)
        stamp = now_text()
        if problem_id is not None:
            found = conn.execute("SELECT unit_id FROM problems WHERE id = ?",
                                 (problem_id,)).fetchone()
            if found is None:
                raise NotFound(what="问题", key=problem_id)
            if found[0] != lead["unit_id"]:
                raise ValidationError(QT_TRANSLATE_NOOP(
                    "errors", "只能关联本单位问题台账中的问题。"))
            if lead["problem_id"] == int(problem_id):
                return w.changes
        if lead["problem_id"] is not None:
            problem_links.release(w, session, lead["problem_id"], ref_for(lead_id),
                                  "投诉举报线索已取消关联",
                                  lambda: w.update("leads", lead_id, {"problem_id": None,
                                                                      "updated_at": stamp}))
            lead = _lead(conn, lead_id)
        if problem_id is not None:
            _set(w, lead, {"problem_id": int(problem_id)}, stamp)
    return w.changes


# --- reading ----------------------------------------------------------------------------------------

class LeadFilter(NamedTuple):
    """Which leads to show; every field left at its default does not filter.

    ``campaign_id``: that campaign's leads (with ``include_unassigned`` also those of no
    campaign, as a package sends them). ``status``: one or several of :data:`STATUSES`.
    ``date_from`` / ``date_to``: 受理日期 within (inclusive). ``text``: every term occurs (see
    the module doc). ``overdue``: only overdue leads. ``today`` is for tests."""

    campaign_id: int | None = None
    include_unassigned: bool = False
    status: str | tuple[str, ...] | list[str] | frozenset[str] | None = None
    channel: str | None = None
    date_from: str | date | None = None
    date_to: str | date | None = None
    text: str = ""
    overdue: bool = False
    unit_id: int | None = None
    today: date | None = None


#: Characters LIKE treats specially, escaped with a backslash.
_LIKE_SPECIAL = str.maketrans({"\\": "\\\\", "%": "\\%", "_": "\\_"})

#: The text a search looks in.
_HAYSTACK = ("(l.content || ' ' || l.party || ' ' || l.contact || ' ' || l.handling || ' '"
             " || l.result)")


def _statuses(value: Any) -> list[str]:
    items = [value] if isinstance(value, str) else list(value)
    return [validate.choice(s, "线索状态", set(STATUSES)) for s in items]


def where_sql(flt: LeadFilter) -> tuple[str, list[Any]]:
    """The conditions of ``flt`` over ``leads l``: (" WHERE ..." or "", parameters)."""
    clauses: list[str] = []
    params: list[Any] = []
    if flt.campaign_id is not None:
        clauses.append("(l.campaign_id = ? OR l.campaign_id IS NULL)" if flt.include_unassigned
                       else "l.campaign_id = ?")
        params.append(flt.campaign_id)
    if flt.unit_id is not None:
        clauses.append("l.unit_id = ?")
        params.append(flt.unit_id)
    if flt.status is not None:
        statuses = _statuses(flt.status)
        clauses.append(f"l.status IN ({', '.join('?' for _ in statuses)})" if statuses else "0")
        params.extend(statuses)
    if flt.channel:
        clauses.append("l.channel = ?")
        params.append(_channel(flt.channel))
    if flt.date_from:
        clauses.append("l.received_date >= ?")
        params.append(validate.iso_date(flt.date_from, "受理日期"))
    if flt.date_to:
        clauses.append("l.received_date <= ?")
        params.append(validate.iso_date(flt.date_to, "受理日期"))
    if flt.overdue:
        clauses.append("l.status <> 'closed' AND l.received_date < ?")
        params.append(_overdue_before(flt.today))
    for term in (flt.text or "").split():
        clauses.append(f"{_HAYSTACK} LIKE ? ESCAPE '\\'")
        params.append(f"%{term.translate(_LIKE_SPECIAL)}%")
    return (" WHERE " + " AND ".join(clauses)) if clauses else "", params


def _rows_sql(where: str, descending: bool) -> str:
    order = "DESC" if descending else "ASC"
    return (
        "SELECT l.*, c.title AS campaign_title, p.seq_no AS problem_seq_no,"
        " p.status AS problem_status, p.campaign_id AS problem_campaign_id,"
        " pc.title AS problem_campaign_title,"
        " coalesce(nullif(pe.name, ''), a.username, '') AS recorded_by,"
        " CASE WHEN l.status <> 'closed' AND l.received_date < ? THEN 1 ELSE 0 END AS overdue"
        " FROM leads l LEFT JOIN campaigns c ON c.id = l.campaign_id"
        " LEFT JOIN problems p ON p.id = l.problem_id"
        " LEFT JOIN campaigns pc ON pc.id = p.campaign_id"
        " LEFT JOIN accounts a ON a.id = l.account_id"
        " LEFT JOIN people pe ON pe.id = a.person_id"
        f"{where} ORDER BY l.received_date {order}, l.id {order}")


def _with_due(rows: Iterable[dict[str, Any]]) -> list[dict[str, Any]]:
    out = []
    for row in rows:
        row["overdue"] = bool(row["overdue"])
        try:
            row["due_date"] = due_date(row["received_date"])
        except ValueError:
            row["due_date"] = ""
        out.append(row)
    return out


@operation("lead.read")
def list_leads(session: Session, flt: LeadFilter | None = None, *,
               descending: bool = True) -> list[dict[str, Any]]:
    """The leads ``flt`` shows, latest 受理日期 first (``descending`` False: oldest first):
    every column of ``leads`` plus ``campaign_title``, ``problem_seq_no``, ``problem_status``,
    ``problem_campaign_id``, ``problem_campaign_title`` (of the linked problem),
    ``recorded_by`` (who recorded it), ``due_date`` and ``overdue`` (bool)."""
    flt = flt or LeadFilter()
    where, params = where_sql(flt)
    return _with_due(session.store.query(_rows_sql(where, descending),
                                         [_overdue_before(flt.today), *params]))


@operation("lead.read")
def get_lead(session: Session, lead_id: int) -> dict[str, Any]:
    """One lead as :func:`list_leads` gives it."""
    rows = session.store.query(_rows_sql(" WHERE l.id = ?", True),
                               [_overdue_before(None), lead_id])
    if not rows:
        raise NotFound(what="投诉举报线索", key=lead_id)
    return _with_due(rows)[0]


@operation("lead.read")
def lead_counts(session: Session, flt: LeadFilter | None = None) -> dict[str, Any]:
    """What ``flt`` shows, counted: ``total``, ``by_status`` (every status, zeros included),
    ``overdue``, ``by_channel`` (channels in :data:`CHANNELS` order, those with leads) and
    ``with_problem`` (linked to a ledger problem)."""
    flt = flt or LeadFilter()
    where, params = where_sql(flt)
    by_status = dict.fromkeys(STATUSES, 0)
    by_channel: dict[str, int] = {}
    overdue = with_problem = 0
    for status, channel, n, n_overdue, n_problem in session.store.conn.execute(
            "SELECT l.status, l.channel, count(*),"
            " count(CASE WHEN l.status <> 'closed' AND l.received_date < ? THEN 1 END),"
            f" count(l.problem_id) FROM leads l{where} GROUP BY l.status, l.channel",
            [_overdue_before(flt.today), *params]):
        by_status[status] = by_status.get(status, 0) + n
        by_channel[channel] = by_channel.get(channel, 0) + n
        overdue += n_overdue
        with_problem += n_problem
    order = {c: i for i, c in enumerate(CHANNELS)}
    return {"total": sum(by_status.values()), "by_status": by_status, "overdue": overdue,
            "with_problem": with_problem,
            "by_channel": dict(sorted(by_channel.items(),
                                      key=lambda kv: (order.get(kv[0], len(order)), kv[0])))}


@operation("lead.read")
def link_candidates(session: Session, lead_id: int) -> list[dict[str, Any]]:
    """Problems the lead may be linked to: those of its unit not yet 已销号 (of its campaign
    when it has one), in 序号 order, at most 500, each with id, seq_no, category, issue,
    status, source, source_channel and campaign_title."""
    lead = _lead(session.store.conn, lead_id)
    sql = ("SELECT p.id, p.seq_no, p.category, p.issue, p.status, p.source, p.source_channel,"
           " c.title AS campaign_title FROM problems p LEFT JOIN campaigns c"
           " ON c.id = p.campaign_id WHERE p.unit_id = ? AND p.status <> 'closed'")
    params: list[Any] = [lead["unit_id"]]
    if lead["campaign_id"] is not None:
        sql += " AND p.campaign_id = ?"
        params.append(lead["campaign_id"])
    return session.store.query(sql + " ORDER BY p.campaign_id IS NULL, p.campaign_id,"
                               " p.seq_no LIMIT 500", params)


# --- at the office -------------------------------------------------------------------------------

@operation("office.read")
def unit_leads(session: Session, unit_code: str, *, today: date | None = None
               ) -> list[dict[str, Any]]:
    """The 投诉举报线索 a registered unit sent (read-only, latest 受理日期 first): the columns of
    ``leads`` as the unit sent them, plus ``campaign_title``, ``problem_seq_no`` (of the linked
    problem, when the unit sent its ledger), ``due_date`` and ``overdue`` (judged here, today).
    NotFound for a unit the office has not registered."""
    from .office_records import UnitRecords, as_int
    unit = UnitRecords(session, unit_code)
    campaigns = unit.campaigns()
    problems_sent = unit.rows("problems")
    out = []
    for row in unit.rows("leads").values():
        lead = dict(row)
        problem = problems_sent.get(lead.get("problem_id")) or {}
        lead["campaign_title"] = (campaigns.get(lead.get("campaign_id")) or {}).get("title", "")
        lead["problem_seq_no"] = problem.get("seq_no")
        received = str(lead.get("received_date") or "")
        lead["overdue"] = is_overdue(received, str(lead.get("status") or ""), today)
        try:
            lead["due_date"] = due_date(received[:10])
        except ValueError:
            lead["due_date"] = ""
        out.append(lead)
    out.sort(key=lambda r: (str(r.get("received_date") or ""), as_int(r.get("id"))),
             reverse=True)
    return out
