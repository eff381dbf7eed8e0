"""Campaigns (专项整治行动, 三年行动): categories, phases with deadlines, required materials.

A campaign is data a unit enters or imports, never code: the two seed campaigns come in through
:func:`create_campaign` like any other.
"""
from __future__ import annotations

from datetime import date, timedelta
from typing import Any, Iterable

from . import validate
from .errors import NotFound, ValidationError
from .i18n import QT_TRANSLATE_NOOP
from .permissions import operation
from .session import Session, now_text
from .store import Changes, Writer

KINDS = {"special": "专项整治行动", "multi_year": "三年行动"}


def _campaign_values(data: dict[str, Any]) -> dict[str, Any]:
    values = {
        "title": validate.text(data.get("title"), "行动名称"),
        "doc_no": validate.text(data.get("doc_no"), "文号", required=False, limit=60),
        "issuer": validate.text(data.get("issuer"), "发文单位", required=False),
        "kind": validate.choice(data.get("kind", "special"), "行动类型", set(KINDS)),
        "start_date": validate.iso_date(data.get("start_date"), "开始日期"),
        "end_date": validate.iso_date(data.get("end_date"), "结束日期"),
        "note": validate.text(data.get("note"), "备注", required=False, limit=2000),
    }
    if values["start_date"] and values["end_date"] and values["end_date"] < values["start_date"]:
        raise ValidationError(QT_TRANSLATE_NOOP("errors", "结束日期不能早于开始日期。"))
    return values


def _children(w: Writer, campaign_id: int, categories: Iterable[str],
              phases: Iterable[dict[str, Any]], materials: Iterable[dict[str, Any]]) -> None:
    seen: set[str] = set()
    for pos, name in enumerate(categories, 1):
        name = validate.text(name, "问题类别", limit=100)
        if name in seen:
            raise ValidationError(QT_TRANSLATE_NOOP("errors", "问题类别“{name}”重复。"), name=name)
        seen.add(name)
        w.insert("campaign_categories", {"campaign_id": campaign_id, "position": pos, "name": name})
    for pos, ph in enumerate(phases, 1):
        start = validate.iso_date(ph.get("start_date"), "阶段开始日期")
        deadline = validate.iso_date(ph.get("deadline"), "阶段截止日期")
        if start and deadline and deadline < start:
            raise ValidationError(QT_TRANSLATE_NOOP("errors", "阶段“{name}”的截止日期早于开始日期。"),
                                  name=ph.get("name"))
        w.insert("campaign_phases", {
            "campaign_id": campaign_id, "position": pos,
            "name": validate.text(ph.get("name"), "阶段名称", limit=100),
            "start_date": start, "deadline": deadline,
            "note": validate.text(ph.get("note"), "阶段说明", required=False, limit=1000)})
    for pos, m in enumerate(materials, 1):
        w.insert("campaign_materials", {
            "campaign_id": campaign_id, "position": pos,
            "name": validate.text(m.get("name"), "报送材料名称", limit=100),
            "due_date": validate.iso_date(m.get("due_date"), "报送截止日期"),
            "note": validate.text(m.get("note"), "材料说明", required=False, limit=1000)})


@operation("campaign.manage")
def create_campaign(session: Session, *, categories: Iterable[str] = (),
                    phases: Iterable[dict[str, Any]] = (),
                    materials: Iterable[dict[str, Any]] = (), **fields: Any) -> Changes:
    """Create a campaign with its ordered categories, phases and materials in one transaction."""
    values = _campaign_values(fields)
    stamp = now_text()
    with session.store.write(session.actor) as w:
        cid = w.insert("campaigns", {**values, "created_at": stamp, "updated_at": stamp})
        _children(w, int(cid), list(categories), list(phases), list(materials))
    return w.changes


@operation("campaign.manage")
def update_campaign(session: Session, campaign_id: int, **fields: Any) -> Changes:
    """Change a campaign's own fields (title, 文号, dates …); children keep their rows."""
    current = session.store.query("SELECT * FROM campaigns WHERE id = ?", (campaign_id,))
    if not current:
        raise NotFound(what="专项行动", key=campaign_id)
    values = _campaign_values({**current[0], **fields})
    with session.store.write(session.actor) as w:
        if w.update("campaigns", campaign_id, values):
            w.update("campaigns", campaign_id, {"updated_at": now_text()})
    return w.changes


@operation("campaign.read")
def list_campaigns(session: Session) -> list[dict[str, Any]]:
    """Campaigns, newest first, with counts of their categories, phases and materials."""
    return session.store.query(
        "SELECT c.*, (SELECT count(*) FROM campaign_categories WHERE campaign_id = c.id) AS n_categories,"
        " (SELECT count(*) FROM campaign_phases WHERE campaign_id = c.id) AS n_phases,"
        " (SELECT count(*) FROM campaign_materials WHERE campaign_id = c.id) AS n_materials"
        " FROM campaigns c ORDER BY coalesce(c.start_date, '') DESC, c.id DESC")


@operation("campaign.read")
def get_campaign(session: Session, campaign_id: int) -> dict[str, Any]:
    rows = session.store.query("SELECT * FROM campaigns WHERE id = ?", (campaign_id,))
    if not rows:
        raise NotFound(what="专项行动", key=campaign_id)
    out = rows[0]
    for key, table in (("categories", "campaign_categories"), ("phases", "campaign_phases"),
                       ("materials", "campaign_materials")):
        out[key] = session.store.query(
            f"SELECT * FROM {table} WHERE campaign_id = ? ORDER BY position", (campaign_id,))
    return out


def all_campaigns(session: Session) -> list[dict[str, Any]]:
    """Every campaign, newest first, each with its categories, phases and materials."""
    return [get_campaign(session, c["id"]) for c in list_campaigns(session)]


@operation("campaign.read")
def upcoming_deadlines(session: Session, *, today: date | None = None, days: int = 60,
                       overdue_days: int = 30) -> list[dict[str, Any]]:
    """Phase deadlines and material due dates from ``overdue_days`` ago to ``days`` ahead."""
    today = today or date.today()
    lo = (today - timedelta(days=overdue_days)).isoformat()
    hi = (today + timedelta(days=days)).isoformat()
    rows = session.store.query(
        "SELECT 'phase' AS kind, p.name, p.deadline AS due, c.title AS campaign, c.id AS campaign_id"
        " FROM campaign_phases p JOIN campaigns c ON c.id = p.campaign_id"
        " WHERE p.deadline BETWEEN :lo AND :hi"
        " UNION ALL SELECT 'material', m.name, m.due_date, c.title, c.id"
        " FROM campaign_materials m JOIN campaigns c ON c.id = m.campaign_id"
        " WHERE m.due_date BETWEEN :lo AND :hi ORDER BY due", {"lo": lo, "hi": hi})
    for r in rows:
        r["days_left"] = (date.fromisoformat(r["due"]) - today).days
    return rows
