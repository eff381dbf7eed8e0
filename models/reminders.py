"""What the unit has to send up soon or is late with (报送提醒 on the dashboard).

For every campaign, every required material (models.material_kinds.material_rules) is looked at
for the current month and the month before (``today``'s month and the previous one):

* a material with a monthly rule (``monthly_day``) is due for each of those months that the
  campaign runs in (its start and end dates, when set, touch the month), on
  :func:`models.material_kinds.due_date` of the month's last day (the brief of November by
  November 25th; the case data of October by November 5th);
* a material with a fixed ``due_date`` in one of those two months is due on that date.

A material is *supplied* for a month when the unit's ledger that supplies it (its kind) holds a
counting row of that month for the campaign, exactly as a package would claim it
(models.material_kinds.counting_rows over models.package_contents.RECORD_TABLES: a final brief
of the month, 调度表 rows of the month, the month's case statistics …); for a fixed date, any
counting row of the campaign. A material supplied as files (no kind) cannot be looked into: it
counts as supplied once a package of the campaign whose period touches the month was written
(any package of the campaign, for a fixed date). What is not supplied is a :class:`Reminder`:
``due`` until its due date (that day included), ``overdue`` after it.
"""
from __future__ import annotations

from datetime import date
from typing import Any, NamedTuple

from . import audit, material_kinds
from .months import bounds, month_of, shift
from .permissions import operation
from .session import Session


class Reminder(NamedTuple):
    """One material not yet supplied (see the module doc)."""

    campaign_id: int
    campaign: str               # the campaign's title
    material: str               # the material's name
    kind: str                   # the ledger that supplies it ('' files)
    period: str                 # the month (YYYY-MM) of a monthly material, '' for a fixed date
    due: date
    state: str                  # "due" or "overdue"
    days_left: int              # days until the due date, negative when overdue


def _runs_in(campaign: dict[str, Any], first: date, last: date) -> bool:
    start, end = campaign["start_date"], campaign["end_date"]
    return (not start or start <= last.isoformat()) and (not end or end >= first.isoformat())


class _Supply:
    """Answers "is this material supplied for this span?" for one unit, caching per kind."""

    def __init__(self, session: Session) -> None:
        from .package_contents import RECORD_TABLES
        self.session = session
        self.where = {t.name: t.where for t in RECORD_TABLES}
        self.head = audit.head(session.store.conn)[0]
        self.cache: dict[tuple[Any, ...], bool] = {}

    def supplied(self, campaign_id: int, kind: str, span: tuple[date, date] | None) -> bool:
        key = (campaign_id, kind, span)
        if key not in self.cache:
            self.cache[key] = self._supplied(campaign_id, kind, span)
        return self.cache[key]

    def _supplied(self, campaign_id: int, kind: str, span: tuple[date, date] | None) -> bool:
        conn = self.session.store.conn
        if not kind:
            sql = "SELECT 1 FROM package_outbox WHERE campaign_id = ?"
            params: list[Any] = [campaign_id]
            if span is not None:
                sql += (" AND (period_from IS NULL OR period_from <= ?)"
                        " AND (period_to IS NULL OR period_to >= ?)")
                params += [span[1].isoformat(), span[0].isoformat()]
            return conn.execute(sql + " LIMIT 1", params).fetchone() is not None
        spec = material_kinds.KINDS[kind]
        params_ = {"unit": self.session.unit_id, "campaign": campaign_id}
        return material_kinds.counting_rows(self.session, kind, self.where[spec.table], params_,
                                            span, 0, self.head) > 0


@operation("campaign.read")
def due_items(session: Session, today: date | None = None) -> list[Reminder]:
    """The unit's materials not yet supplied for this month and the last (see the module doc),
    overdue ones first, each group by due date."""
    today = today or date.today()
    months = [shift(month_of(today), -1), month_of(today)]
    window = (bounds(months[0])[0], bounds(months[1])[1])
    conn = session.store.conn
    supply = _Supply(session)
    out: list[Reminder] = []
    campaigns = session.store.query("SELECT id, title, start_date, end_date FROM campaigns"
                                    " ORDER BY id")
    for campaign in campaigns:
        cid = int(campaign["id"])
        for material in material_kinds.material_rules(conn, cid):
            kind = material["kind"]
            wanted: list[tuple[str, date, tuple[date, date] | None]] = []
            if material.get("monthly_day"):
                for month in months:
                    first, last = bounds(month)
                    due = material_kinds.due_date(material, last)
                    if due is not None and _runs_in(campaign, first, last):
                        wanted.append((month, due, (first, last)))
            else:
                due = material_kinds.due_date(material, None)
                if due is not None and window[0] <= due <= window[1]:
                    wanted.append(("", due, None))
            for period, due, span in wanted:
                if supply.supplied(cid, kind, span):
                    continue
                left = (due - today).days
                out.append(Reminder(cid, campaign["title"], material["name"], kind, period, due,
                                    "overdue" if left < 0 else "due", left))
    out.sort(key=lambda r: (r.state != "overdue", r.due, r.campaign_id, r.material))
    return out


#: Days ahead in which a letter's deadline, or a lead's due date, counts as soon.
LETTER_SOON_DAYS = 7
LEAD_SOON_DAYS = 3


class LateWork(NamedTuple):
    """The letters and leads the dashboard points at (see :func:`late_work`)."""

    letters_late: list[tuple[str, str]]     # received, answer not signed: (number, deadline)
    letters_soon: list[tuple[str, str]]     # deadline within LETTER_SOON_DAYS days
    leads_late: int                         # own leads not closed 15 days after 受理
    leads_soon: int                         # due within LEAD_SOON_DAYS days
    issued_late: list[tuple[str, str]]      # letters this office issued, unanswered: (number, unit)


@operation("problem.read")
def late_work(session: Session, today: date | None = None) -> LateWork:
    """What is late or nearly so outside the problem ledger: 执法监督意见书 received and not
    answered with a signed answer by their deadline (models.letters.is_overdue), the unit's own
    投诉举报线索 not closed by their due date (models.leads), and, at an office, the letters it
    issued whose answer is overdue (models.office_letters, only when such a letter exists)."""
    from datetime import timedelta

    from .leads import OVERDUE_DAYS
    today = today or date.today()
    day = today.isoformat()
    soon = (today + timedelta(days=LETTER_SOON_DAYS)).isoformat()
    conn = session.store.conn
    rows = conn.execute(
        "SELECT l.number, l.deadline FROM supervision_letters l"
        " LEFT JOIN letter_answers a ON a.letter_id = l.id AND a.status = 'signed'"
        " WHERE l.side = 'received' AND l.deadline IS NOT NULL AND l.deadline <> ''"
        " AND a.id IS NULL AND l.deadline <= ? ORDER BY l.deadline, l.id", (soon,)).fetchall()
    late = [(str(n), str(d)) for n, d in rows if str(d)[:10] < day]
    near = [(str(n), str(d)) for n, d in rows if str(d)[:10] >= day]
    overdue_before = (today - timedelta(days=OVERDUE_DAYS)).isoformat()
    soon_before = (today - timedelta(days=OVERDUE_DAYS - LEAD_SOON_DAYS)).isoformat()
    leads_late, leads_soon = conn.execute(
        "SELECT coalesce(sum(received_date < ?), 0), coalesce(sum(received_date >= ?"
        " AND received_date <= ?), 0) FROM leads WHERE status <> 'closed' AND unit_id = ?",
        (overdue_before, overdue_before, soon_before, session.unit_id)).fetchone()
    issued: list[tuple[str, str]] = []
    if conn.execute("SELECT 1 FROM supervision_letters WHERE side = 'issued' AND deadline < ?"
                    " LIMIT 1", (day,)).fetchone():
        from .office_letters import letter_answers_at_office
        issued = [(str(r["number"]), str(r["unit_name"]))
                  for r in letter_answers_at_office(session, today=today) if r["overdue"]]
    return LateWork(late, near, int(leads_late), int(leads_soon), issued)
