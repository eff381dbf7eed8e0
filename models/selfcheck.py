"""Self-checks (自查自纠): a unit answers a self-check list item by item for a campaign.

A self-check is filled against one stored template version and keeps it. Each item is answered
符合, 不符合 or 不适用 with a note (具体表现) and the evidence looked at (印证资料); answers can be
given in any order, changed later, and the form resumes at the first unanswered item. Files
(photos, scans, PDFs) are attached to any answer: :mod:`models.selfcheck_evidence`.

Every 不符合 hangs a problem on the ledger (source 自查自纠, category from the item's section,
``source_ref`` leading back to the answer), or links to a problem already there (same campaign
and unit). Changing the answer to 符合 or 不适用 lets go of it as :mod:`models.problem_links`
describes: a problem nobody has touched is withdrawn, one with history stays and is marked.
"""
from __future__ import annotations

from typing import Any

from . import problem_links, selfcheck_evidence, validate
from .errors import NotFound, ValidationError
from .i18n import QT_TRANSLATE_NOOP
from .cell_values import match_category
from .permissions import operation
from .session import Session, now_text, own_unit_id
from .store import Changes

ANSWERS: dict[str, str] = {"conform": QT_TRANSLATE_NOOP("selfcheck", "符合"),
                           "nonconform": QT_TRANSLATE_NOOP("selfcheck", "不符合"),
                           "na": QT_TRANSLATE_NOOP("selfcheck", "不适用")}
STATUSES: dict[str, str] = {"in_progress": QT_TRANSLATE_NOOP("selfcheck", "填写中"),
                            "completed": QT_TRANSLATE_NOOP("selfcheck", "已完成")}


def _selfcheck(session: Session, selfcheck_id: int) -> dict[str, Any]:
    rows = session.store.query("SELECT * FROM selfchecks WHERE id = ?", (selfcheck_id,))
    if not rows:
        raise NotFound(what="自查记录", key=selfcheck_id)
    return rows[0]


def _category_for(session: Session, campaign_id: int, category: str) -> str:
    """The campaign category a section's 对应问题类别 names (folded like the Excel import)."""
    known = [r[0] for r in session.store.conn.execute(
        "SELECT name FROM campaign_categories WHERE campaign_id = ? ORDER BY position",
        (campaign_id,))]
    if not known:
        return category
    found = match_category(category, known)
    if found is None:
        raise ValidationError(QT_TRANSLATE_NOOP(
            "errors", "自查清单的分组“{name}”对应不到本专项行动的问题类别（{choices}）。"
            "请改用与本专项行动相符的自查清单，或在专项行动中补上这个类别。"),
            name=category, choices="、".join(known))
    return found


@operation("selfcheck.fill")
def start_selfcheck(session: Session, campaign_id: int, template_id: int, *, title: str = "",
                    note: str = "") -> Changes:
    """Begin a self-check of the own unit for a campaign against a self-check list version.

    Refused when the version is not a self-check list or no longer offered, when one of its
    sections names no category of the campaign, or when the unit has an unfinished self-check
    of the same version in this campaign (that one is to be resumed).
    """
    conn = session.store.conn
    if not conn.execute("SELECT 1 FROM campaigns WHERE id = ?", (campaign_id,)).fetchone():
        raise NotFound(what="专项行动", key=campaign_id)
    tpl = conn.execute("SELECT kind, active, name, version FROM templates WHERE id = ?",
                       (template_id,)).fetchone()
    if tpl is None or tpl[0] != "selfcheck":
        raise NotFound(what="自查清单", key=template_id)
    if not tpl[1]:
        raise ValidationError(QT_TRANSLATE_NOOP(
            "errors", "自查清单《{name}》{version} 已停用，请选择在用的版本。"), name=tpl[2], version=tpl[3])
    for (category,) in conn.execute("SELECT category FROM template_sections WHERE template_id = ?"
                                    " ORDER BY position", (template_id,)).fetchall():
        _category_for(session, campaign_id, category)
    unit = own_unit_id(session.store)
    if unit is None:
        raise NotFound(what="单位", key="")
    title = validate.text(title, "自查名称", required=False, limit=200) or f"{tpl[2]}（{tpl[3]}）"
    note = validate.text(note, "说明", required=False, limit=2000)
    stamp = now_text()
    with session.store.write(session.actor) as w:
        open_one = conn.execute(
            "SELECT title FROM selfchecks WHERE campaign_id = ? AND unit_id = ? AND template_id = ?"
            " AND status = 'in_progress'", (campaign_id, unit, template_id)).fetchone()
        if open_one:
            raise ValidationError(QT_TRANSLATE_NOOP(
                "errors", "本单位在这个专项行动中已有一份未完成的自查“{title}”，请继续填写它。"),
                title=open_one[0])
        w.insert("selfchecks", {"campaign_id": campaign_id, "unit_id": unit,
                                "template_id": template_id, "title": title, "note": note,
                                "status": "in_progress", "account_id": session.account_id,
                                "created_at": stamp, "updated_at": stamp})
    return w.changes


@operation("selfcheck.fill")
def answer_item(session: Session, selfcheck_id: int, code: str, answer: str, *,
                note: str = "", evidence: str = "", problem_id: int | None = None) -> Changes:
    """Answer (or re-answer) one item, in one transaction with what it does to the ledger.

    不符合 hangs a problem (issue: the item's text; 具体表现: the note) unless ``problem_id`` names
    an existing problem of the same campaign and unit to link to, or the answer already has one.
    符合 / 不适用 let go of a linked problem (see :mod:`models.problem_links`).
    """
    sc = _selfcheck(session, selfcheck_id)
    answer = validate.choice(answer, "自查结论", set(ANSWERS))
    note = validate.text(note, "情况说明", required=False, limit=2000)
    evidence = validate.text(evidence, "印证资料", required=False, limit=1000)
    conn = session.store.conn
    item = conn.execute(
        "SELECT i.id, i.code, i.text, s.category FROM template_items i JOIN template_sections s"
        " ON s.id = i.section_id WHERE i.template_id = ? AND i.code = ?",
        (sc["template_id"], str(code))).fetchone()
    if item is None:
        raise NotFound(what="自查条目", key=code)
    item_id, code, text, category = item
    if problem_id is not None:
        found = conn.execute("SELECT campaign_id, unit_id FROM problems WHERE id = ?",
                             (problem_id,)).fetchone()
        if found is None:
            raise NotFound(what="问题", key=problem_id)
        if tuple(found) != (sc["campaign_id"], sc["unit_id"]) or answer != "nonconform":
            raise ValidationError(QT_TRANSLATE_NOOP(
                "errors", "只有“不符合”的条目可以关联问题，且问题须属于同一专项行动和单位。"))
    ref = problem_links.ref_for("selfcheck", selfcheck_id, code)
    stamp = now_text()
    with session.store.write(session.actor) as w:
        row = conn.execute("SELECT id, problem_id FROM selfcheck_answers WHERE selfcheck_id = ?"
                           " AND item_id = ?", (selfcheck_id, item_id)).fetchone()
        values = {"answer": answer, "note": note, "evidence": evidence,
                  "account_id": session.account_id, "answered_at": stamp}
        if row is None:
            aid = int(w.insert("selfcheck_answers", {"selfcheck_id": selfcheck_id,
                                                     "item_id": item_id, **values}))
            linked = None
        else:
            aid, linked = int(row[0]), row[1]
            w.update("selfcheck_answers", aid, values)
        if linked is not None and (answer != "nonconform" or
                                   (problem_id is not None and problem_id != linked)):
            reason = f"自查结论已改为“{ANSWERS[answer]}”" if answer != "nonconform" \
                else "自查条目改为关联其他问题"
            problem_links.release(w, session, linked, ref, reason, lambda: w.update(
                "selfcheck_answers", aid, {"problem_id": None}))
            linked = None
        if answer == "nonconform" and linked is None:
            target = problem_id or problem_links.reusable(conn, ref)
            if target is None:
                target = problem_links.hang(
                    w, session, campaign_id=sc["campaign_id"], unit_id=sc["unit_id"],
                    fields={"category": _category_for(session, sc["campaign_id"], category),
                            "issue": text, "manifestation": note, "source": "self_check",
                            "source_ref": ref},
                    event_note=f"自查“{sc['title']}”第 {code} 项不符合")
            w.update("selfcheck_answers", aid, {"problem_id": target})
        w.update("selfchecks", selfcheck_id, {"updated_at": stamp})
    return w.changes


@operation("selfcheck.fill")
def complete_selfcheck(session: Session, selfcheck_id: int) -> Changes:
    """Mark a self-check finished once every item is answered (answers can still be changed)."""
    sc = _selfcheck(session, selfcheck_id)
    missing = session.store.conn.execute(
        "SELECT count(*), min(i.position) FROM template_items i LEFT JOIN selfcheck_answers a"
        " ON a.item_id = i.id AND a.selfcheck_id = ? WHERE i.template_id = ? AND a.id IS NULL",
        (selfcheck_id, sc["template_id"])).fetchone()
    if missing[0]:
        first = session.store.conn.execute(
            "SELECT code, text FROM template_items WHERE template_id = ? AND position = ?",
            (sc["template_id"], missing[1])).fetchone()
        raise ValidationError(QT_TRANSLATE_NOOP(
            "errors", "还有 {count} 项未填写，第一项是 {code}“{text}”。"),
            count=missing[0], code=first[0], text=first[1][:40])
    stamp = now_text()
    with session.store.write(session.actor) as w:
        w.update("selfchecks", selfcheck_id, {"status": "completed", "completed_at": stamp,
                                              "completed_by": session.account_id,
                                              "updated_at": stamp})
    return w.changes


_PROGRESS = ("(SELECT count(*) FROM template_items WHERE template_id = s.template_id) AS total,"
             " (SELECT count(*) FROM selfcheck_answers WHERE selfcheck_id = s.id) AS answered,"
             " (SELECT count(*) FROM selfcheck_answers WHERE selfcheck_id = s.id"
             " AND answer = 'nonconform') AS nonconform")


@operation("selfcheck.read")
def list_selfchecks(session: Session, campaign_id: int | None = None) -> list[dict[str, Any]]:
    """Self-checks, newest first, with their template version and progress (answered of total)."""
    return session.store.query(
        "SELECT s.*, t.name AS template_name, t.version AS template_version,"
        f" c.title AS campaign_title, {_PROGRESS} FROM selfchecks s"
        " JOIN templates t ON t.id = s.template_id JOIN campaigns c ON c.id = s.campaign_id"
        " WHERE (:c IS NULL OR s.campaign_id = :c) ORDER BY s.id DESC", {"c": campaign_id})


@operation("selfcheck.read")
def get_selfcheck(session: Session, selfcheck_id: int) -> dict[str, Any]:
    """A self-check as the form shows it: its row with progress, the template version, and the
    sections with their items and answers (and the linked problem's 序号 and status, the
    ``answer_id`` and the answer's evidence ``files``: rows of :mod:`models.selfcheck_evidence`
    with ``original_name``, ``id``, ``path``, ``account_id``, ``username``); ``next_code`` is the first unanswered item (None when all are answered)."""
    q = session.store.query
    sc = q("SELECT s.*, t.name AS template_name, t.version AS template_version,"
           " t.revision AS template_revision, t.issuer AS template_issuer,"
           f" c.title AS campaign_title, {_PROGRESS} FROM selfchecks s"
           " JOIN templates t ON t.id = s.template_id JOIN campaigns c ON c.id = s.campaign_id"
           " WHERE s.id = ?", (selfcheck_id,))
    if not sc:
        raise NotFound(what="自查记录", key=selfcheck_id)
    out = sc[0]
    rows = q("SELECT sec.id AS section_id, sec.name AS section, sec.category, i.id, i.code,"
             " i.text, i.guidance, i.evidence AS evidence_hint, a.id AS answer_id, a.answer, a.note,"
             " a.evidence,"
             " a.problem_id, a.answered_at, p.seq_no AS problem_seq_no,"
             " p.status AS problem_status FROM template_items i"
             " JOIN template_sections sec ON sec.id = i.section_id"
             " LEFT JOIN selfcheck_answers a ON a.item_id = i.id AND a.selfcheck_id = :s"
             " LEFT JOIN problems p ON p.id = a.problem_id"
             " WHERE i.template_id = :t ORDER BY sec.position, i.position",
             {"s": selfcheck_id, "t": out["template_id"]})
    files = selfcheck_evidence.files_of_selfcheck(session, selfcheck_id)
    sections: list[dict[str, Any]] = []
    for r in rows:
        r["files"] = files.get(r["answer_id"], []) if r["answer_id"] else []
        if not sections or sections[-1]["id"] != r["section_id"]:
            sections.append({"id": r["section_id"], "name": r["section"],
                             "category": r["category"], "items": []})
        sections[-1]["items"].append({k: v for k, v in r.items()
                                      if k not in ("section_id", "section", "category")})
    out["sections"] = sections
    out["next_code"] = next((r["code"] for r in rows if r["answer"] is None), None)
    return out


@operation("selfcheck.read")
def selfcheck_summary(session: Session, selfcheck_id: int) -> dict[str, Any]:
    """Counts of a self-check by answer (with 'unanswered'), and per section and per category:
    total, conform, nonconform, na, unanswered, in the template's order."""
    sc = _selfcheck(session, selfcheck_id)
    counts = ("count(i.id) AS total, coalesce(sum(a.answer = 'conform'), 0) AS conform,"
              " coalesce(sum(a.answer = 'nonconform'), 0) AS nonconform,"
              " coalesce(sum(a.answer = 'na'), 0) AS na, sum(a.id IS NULL) AS unanswered")
    base = (" FROM template_items i JOIN template_sections s ON s.id = i.section_id"
            " LEFT JOIN selfcheck_answers a ON a.item_id = i.id AND a.selfcheck_id = :sc"
            " WHERE i.template_id = :t")
    params = {"sc": selfcheck_id, "t": sc["template_id"]}
    q = session.store.query
    total = q(f"SELECT {counts}{base}", params)[0]
    return {
        "by_answer": {k: total[k] for k in ("conform", "nonconform", "na", "unanswered")},
        "total": total["total"],
        "by_section": q(f"SELECT s.name AS section, s.category, {counts}{base}"
                        " GROUP BY s.id ORDER BY s.position", params),
        "by_category": q(f"SELECT s.category, {counts}{base}"
                         " GROUP BY s.category ORDER BY min(s.position)", params),
    }
