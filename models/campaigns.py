"""Campaigns (专项整治行动, 三年行动): categories, phases with deadlines, required materials.

A campaign is data a unit enters or imports, never code: the two seed campaigns come in through
:func:`create_campaign` like any other. :func:`update_campaign_details` saves an edited campaign
with its ordered children in one transaction; problems name their category by text, so renaming a
category renames it in the campaign's problems, and a category in use cannot be removed.

A required material may carry a rule (``campaign_material_rules``, models.material_kinds): the
ledger that supplies it (``kind``) and a monthly due day (``monthly_day`` of the period's month
+ ``month_offset``: the brief by the 25th of the month is (25, 0), case data by the 5th of the
next month (5, 1)). A material item given to :func:`create_campaign` or
:func:`update_campaign_details` sets its rule with the keys :data:`RULE_KEYS`; an item without
any of them leaves the rule as it is. A rule without a kind and a day is no rule (no row).
"""
from __future__ import annotations

from datetime import date, timedelta
from typing import Any, Iterable, NamedTuple

from . import material_kinds, validate
from .errors import NotFound, ValidationError
from .i18n import QT_TRANSLATE_NOOP
from .permissions import operation
from .session import Session, now_text
from .store import Changes, Writer

#: kind -> Chinese label (translated in the ``campaigns`` context by the GUI)
KINDS = {"special": QT_TRANSLATE_NOOP("campaigns", "专项整治行动"),
         "multi_year": QT_TRANSLATE_NOOP("campaigns", "三年行动")}


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


def _category_names(categories: Iterable[Any]) -> list[str]:
    """Checked names of ``categories`` (names, or mappings with a ``name``), in order."""
    seen: set[str] = set()
    out: list[str] = []
    for item in categories:
        raw = item.get("name") if isinstance(item, dict) else item
        name = validate.text(raw, "问题类别", limit=100)
        if name in seen:
            raise ValidationError(QT_TRANSLATE_NOOP("errors", "问题类别“{name}”重复。"), name=name)
        seen.add(name)
        out.append(name)
    return out


def _phase_values(ph: dict[str, Any]) -> dict[str, Any]:
    start = validate.iso_date(ph.get("start_date"), "阶段开始日期")
    deadline = validate.iso_date(ph.get("deadline"), "阶段截止日期")
    name = validate.text(ph.get("name"), "阶段名称", limit=100)
    if start and deadline and deadline < start:
        raise ValidationError(QT_TRANSLATE_NOOP("errors", "阶段“{name}”的截止日期早于开始日期。"),
                              name=name)
    return {"name": name, "start_date": start, "deadline": deadline,
            "note": validate.text(ph.get("note"), "阶段说明", required=False, limit=1000)}


def _material_values(m: dict[str, Any]) -> dict[str, Any]:
    return {"name": validate.text(m.get("name"), "报送材料名称", limit=100),
            "due_date": validate.iso_date(m.get("due_date"), "报送截止日期"),
            "note": validate.text(m.get("note"), "材料说明", required=False, limit=1000)}


#: The keys of a material item that set its rule (see the module doc).
RULE_KEYS = ("kind", "monthly_day", "month_offset")
_BAD_DAY = QT_TRANSLATE_NOOP("errors", "材料“{name}”的每月截止日应为 1 到 31 之间的日子。")
_BAD_OFFSET = QT_TRANSLATE_NOOP("errors", "材料“{name}”的截止月份应为本月或次月。")


def rule_values(m: dict[str, Any], *, whole: bool = False) -> dict[str, Any] | None:
    """The checked rule of material item ``m``: ``kind`` ('' or a models.material_kinds kind),
    ``monthly_day`` (None or 1-31), ``month_offset`` (0 this month, 1 the next; 0 without a
    day); None when ``m`` names none of :data:`RULE_KEYS` (unless ``whole``: then a missing key
    means no rule)."""
    if not isinstance(m, dict) or (not whole and not any(key in m for key in RULE_KEYS)):
        return None
    name = str(m.get("name") or "")
    kind = validate.choice(m.get("kind") or "", "提供材料的台账", {"", *material_kinds.KINDS})
    raw = m.get("monthly_day")
    day: int | None = None
    if raw not in (None, "", 0, "0"):
        try:
            day = int(raw)
        except (TypeError, ValueError):
            raise ValidationError(_BAD_DAY, name=name) from None
        if isinstance(raw, (bool, float)) or not 1 <= day <= 31:
            raise ValidationError(_BAD_DAY, name=name)
    offset = m.get("month_offset") or 0
    if isinstance(offset, bool) or offset not in (0, 1, "0", "1"):
        raise ValidationError(_BAD_OFFSET, name=name)
    return {"kind": kind, "monthly_day": day, "month_offset": int(offset) if day else 0}


def _no_rule(rule: dict[str, Any]) -> bool:
    return not rule["kind"] and rule["monthly_day"] is None


def _save_rule(w: Writer, material_id: int, rule: dict[str, Any] | None) -> None:
    """Make material ``material_id``'s rule ``rule`` (None: leave it as it is)."""
    if rule is None:
        return
    row = w.conn.execute("SELECT kind, monthly_day, month_offset FROM campaign_material_rules"
                         " WHERE material_id = ?", (material_id,)).fetchone()
    if _no_rule(rule):
        if row is not None:
            w.delete("campaign_material_rules", material_id)
    elif row is None:
        w.insert("campaign_material_rules", {"material_id": material_id, **rule})
    elif tuple(row) != (rule["kind"], rule["monthly_day"], rule["month_offset"]):
        w.update("campaign_material_rules", material_id, rule)


def _drop_rule(w: Writer, material_id: int) -> None:
    """Delete a material's rule (audited) before the material itself goes."""
    if w.conn.execute("SELECT 1 FROM campaign_material_rules WHERE material_id = ?",
                      (material_id,)).fetchone():
        w.delete("campaign_material_rules", material_id)


def _children(w: Writer, campaign_id: int, categories: Iterable[str],
              phases: Iterable[dict[str, Any]], materials: Iterable[dict[str, Any]]) -> None:
    names = _category_names(categories)
    phase_rows = [_phase_values(ph) for ph in phases]
    materials = list(materials)
    material_rows = [_material_values(m) for m in materials]
    rules = [rule_values(m) for m in materials]
    for pos, name in enumerate(names, 1):
        w.insert("campaign_categories", {"campaign_id": campaign_id, "position": pos, "name": name})
    for pos, values in enumerate(phase_rows, 1):
        w.insert("campaign_phases", {"campaign_id": campaign_id, "position": pos, **values})
    for pos, (values, rule) in enumerate(zip(material_rows, rules), 1):
        mid = w.insert("campaign_materials", {"campaign_id": campaign_id, "position": pos,
                                              **values})
        _save_rule(w, int(mid), rule)


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


def _row_id(item: Any) -> int | None:
    """The row id an edited child carries (None for a new row)."""
    if not isinstance(item, dict) or item.get("id") in (None, ""):
        return None
    return int(item["id"])


def _existing(session: Session, table: str, campaign_id: int) -> dict[int, dict[str, Any]]:
    return {r["id"]: r for r in session.store.query(
        f"SELECT * FROM {table} WHERE campaign_id = ? ORDER BY position", (campaign_id,))}


def _ids_of(items: list[Any], existing: dict[int, dict[str, Any]], what: str) -> list[int | None]:
    """Row ids of ``items``; each must be a row of this campaign, given once."""
    ids = [_row_id(item) for item in items]
    seen: set[int] = set()
    for rid in ids:
        if rid is None:
            continue
        if rid not in existing or rid in seen:
            raise NotFound(what=what, key=rid)
        seen.add(rid)
    return ids


class _CategoryPlan(NamedTuple):
    """What saving a campaign's category list does, worked out before anything is written."""

    removed: list[int]                       # row ids to delete
    rows: list[tuple[int | None, str]]       # (row id or None for a new row, name), in order
    renamed: dict[str, str]                  # old name -> new name, for the campaign's problems


def _plan_categories(session: Session, campaign_id: int, items: list[Any]) -> _CategoryPlan:
    existing = _existing(session, "campaign_categories", campaign_id)
    names = _category_names(items)
    ids = _ids_of(items, existing, "问题类别")
    kept = {rid for rid in ids if rid is not None}
    removed = [rid for rid in existing if rid not in kept]
    renamed = {existing[rid]["name"]: name for rid, name in zip(ids, names)
               if rid is not None and existing[rid]["name"] != name}
    final = set(names)
    for rid in removed:
        old = existing[rid]["name"]
        if old in final:       # the name stays (re-added): its problems keep a valid category
            continue
        used = session.store.conn.execute(
            "SELECT count(*) FROM problems WHERE campaign_id = ? AND category = ?",
            (campaign_id, old)).fetchone()[0]
        if used:
            raise ValidationError(QT_TRANSLATE_NOOP(
                "errors", "问题类别“{name}”已有 {count} 个问题在用，不能删除。"
                "可以改名（问题随之改名），或先把这些问题改到其他类别。"), name=old, count=used)
    return _CategoryPlan(removed, list(zip(ids, names)), renamed)


def _save_categories(w: Writer, campaign_id: int, plan: _CategoryPlan, stamp: str) -> None:
    """Delete, rename, reorder and add categories; rename them in the campaign's problems.

    Names are unique within a campaign at every step: a rename waits until no other row holds
    its new name; rows that swap names (a cycle) pass through a temporary name.
    """
    conn = w.conn
    affected: dict[int, str] = {}
    if plan.renamed:
        marks = ", ".join("?" for _ in plan.renamed)
        affected = {pid: cat for pid, cat in conn.execute(
            f"SELECT id, category FROM problems WHERE campaign_id = ? AND category IN ({marks})"
            " ORDER BY id", (campaign_id, *plan.renamed))}
    for rid in plan.removed:
        w.delete("campaign_categories", rid)
    current = {rid: name for rid, name in conn.execute(
        "SELECT id, name FROM campaign_categories WHERE campaign_id = ?", (campaign_id,))}
    position = {rid: pos for pos, (rid, _name) in enumerate(plan.rows, 1) if rid is not None}
    pending = {rid: name for rid, name in plan.rows if rid is not None and current[rid] != name}
    while pending:
        held = set(current.values())
        ready = [rid for rid, name in pending.items() if name not in held]
        if not ready:           # every rename waits for another: free one name for a moment
            rid = next(iter(pending))
            temp = f"{current[rid]}#{rid}"
            while temp in held:
                temp += "#"
            w.update("campaign_categories", rid, {"name": temp})
            current[rid] = temp
            continue
        for rid in ready:
            w.update("campaign_categories", rid, {"name": pending.pop(rid),
                                                  "position": position[rid]})
            current[rid] = plan.rows[position[rid] - 1][1]
    for pos, (rid, name) in enumerate(plan.rows, 1):
        if rid is None:
            w.insert("campaign_categories",
                     {"campaign_id": campaign_id, "position": pos, "name": name})
        else:
            w.update("campaign_categories", rid, {"position": pos})
    for pid, old in affected.items():
        w.update("problems", pid, {"category": plan.renamed[old], "updated_at": stamp})


def _save_rows(w: Writer, table: str, campaign_id: int, ids: list[int | None],
               rows: list[dict[str, Any]], existing: dict[int, dict[str, Any]],
               rules: list[dict[str, Any] | None] | None = None) -> None:
    """Phases or materials: delete the rows left out, update kept ones in place, add new ones.
    A material's rule goes with it; ``rules`` (one per row, None: left as it is) sets them."""
    materials = table == "campaign_materials"
    kept = {rid for rid in ids if rid is not None}
    for rid in existing:
        if rid not in kept:
            if materials:
                _drop_rule(w, rid)
            w.delete(table, rid)
    for pos, (rid, values) in enumerate(zip(ids, rows), 1):
        if materials:
            values = {k: v for k, v in values.items() if k not in RULE_KEYS}
        if rid is None:
            rid = int(w.insert(table, {"campaign_id": campaign_id, "position": pos, **values}))
        else:
            w.update(table, rid, {**values, "position": pos})
        if materials and rules is not None:
            _save_rule(w, rid, rules[pos - 1])


@operation("campaign.manage")
def update_campaign_details(session: Session, campaign_id: int, *,
                            categories: Iterable[Any] | None = None,
                            phases: Iterable[dict[str, Any]] | None = None,
                            materials: Iterable[dict[str, Any]] | None = None,
                            **fields: Any) -> Changes:
    """Save a campaign as edited: its own fields and its ordered children, in one transaction.

    ``categories`` are names (new) or ``{"id": row id, "name": ...}`` (existing, maybe renamed);
    ``phases`` and ``materials`` are dicts of their columns, with ``id`` for an existing row; a
    material's rule keys (:data:`RULE_KEYS`) set its rule, their absence keeps it.
    The order given is the new order; existing rows left out are deleted, rows with an id are
    updated in place, rows without one are added. A list given as None is left as it is.

    A renamed category is renamed in the campaign's problems too (each an audited update); a
    category still used by problems cannot be removed (ValidationError naming it and the count)
    unless its name stays in the list (re-added, or given to another category: a merge).
    Everything is checked before anything is written; the whole save is one audited transaction.
    """
    current = session.store.query("SELECT * FROM campaigns WHERE id = ?", (campaign_id,))
    if not current:
        raise NotFound(what="专项行动", key=campaign_id)
    values = _campaign_values({**current[0], **fields})
    stamp = now_text()
    with session.store.write(session.actor) as w:
        # Planned inside the transaction: the problems counted are the ones renamed.
        plan = None if categories is None else \
            _plan_categories(session, campaign_id, list(categories))
        children = []
        for table, what, items, check in (
                ("campaign_phases", "阶段", phases, _phase_values),
                ("campaign_materials", "报送材料", materials, _material_values)):
            if items is not None:
                items = list(items)
                existing = _existing(session, table, campaign_id)
                rules = [rule_values(item) for item in items] \
                    if table == "campaign_materials" else None
                children.append((table, _ids_of(items, existing, what),
                                 [check(item) for item in items], existing, rules))
        if plan is not None:
            _save_categories(w, campaign_id, plan, stamp)
        for table, ids, rows, existing, rules in children:
            _save_rows(w, table, campaign_id, ids, rows, existing, rules)
        if w.changes or any(current[0][k] != v for k, v in values.items()):
            w.update("campaigns", campaign_id, {**values, "updated_at": stamp})
    return w.changes


@operation("campaign.read")
def category_usage(session: Session, campaign_id: int) -> dict[str, int]:
    """How many problems of the campaign use each category name (names in use only)."""
    return {name: n for name, n in session.store.conn.execute(
        "SELECT category, count(*) FROM problems WHERE campaign_id = ? GROUP BY category",
        (campaign_id,))}


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
    for key, table in (("categories", "campaign_categories"), ("phases", "campaign_phases")):
        out[key] = session.store.query(
            f"SELECT * FROM {table} WHERE campaign_id = ? ORDER BY position", (campaign_id,))
    # each material with its rule: kind ('' none), monthly_day (None none), month_offset
    out["materials"] = session.store.query(
        "SELECT m.*, coalesce(r.kind, '') AS kind, r.monthly_day,"
        " coalesce(r.month_offset, 0) AS month_offset FROM campaign_materials m"
        " LEFT JOIN campaign_material_rules r ON r.material_id = m.id"
        " WHERE m.campaign_id = ? ORDER BY m.position", (campaign_id,))
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
