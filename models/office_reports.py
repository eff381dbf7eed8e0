"""At the office: a unit's 工作简报, 工作调度表 and 案件统计 as it sent them (下级台账, read-only).

:func:`unit_reports` decodes the unit's imported ``briefs`` (with how many ``brief_photos``
came with each), ``schedule_items`` and ``case_stats`` rows (models.office_records.UnitRecords),
with the campaign titles the unit's audit entries name; nothing is judged again here but
人均办案率 (models.form_stats.per_capita_rate).
"""
from __future__ import annotations

from typing import Any

from .form_stats import per_capita_rate
from .permissions import operation
from .session import Session


def _int(value: Any) -> int:
    return value if isinstance(value, int) and not isinstance(value, bool) else 0


@operation("office.read")
def unit_reports(session: Session, unit_code: str) -> dict[str, list[dict[str, Any]]]:
    """The unit's ``briefs`` (newest month first; each with ``campaign_title`` and ``photos``),
    ``schedule`` (newest month first, then by position; each with ``campaign_title``) and
    ``case_stats`` (newest month first; each with ``rate``) as imported. NotFound for a unit the
    office has not registered."""
    from .office_records import UnitRecords
    unit = UnitRecords(session, unit_code)
    campaigns = unit.campaigns()

    def title(row: dict[str, Any]) -> str:
        return (campaigns.get(row.get("campaign_id")) or {}).get("title", "")

    photos: dict[Any, int] = {}
    for photo in unit.rows("brief_photos").values():
        photos[photo.get("brief_id")] = photos.get(photo.get("brief_id"), 0) + 1
    briefs = [{**row, "campaign_title": title(row), "photos": photos.get(row.get("id"), 0)}
              for row in unit.rows("briefs").values()]
    briefs.sort(key=lambda r: (str(r.get("period") or ""), _int(r.get("issue_no"))),
                reverse=True)
    schedule = [{**row, "campaign_title": title(row)}
                for row in unit.rows("schedule_items").values()]
    schedule.sort(key=lambda r: (str(r.get("period") or ""), -_int(r.get("position"))),
                  reverse=True)
    stats = []
    for row in unit.rows("case_stats").values():
        officers = row.get("officers")
        stats.append({**row, "rate": per_capita_rate(_int(row.get("actual")),
                                                     _int(row.get("test")),
                                                     officers if isinstance(officers, int)
                                                     else None)})
    stats.sort(key=lambda r: str(r.get("month") or ""), reverse=True)
    return {"briefs": briefs, "schedule": schedule, "case_stats": stats}
