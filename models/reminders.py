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
