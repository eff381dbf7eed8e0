"""What the 自查自纠 screens read, in one call each: the self-checks with who started them, a
self-check with its summary and the evidence files of its problems, and the choices for a new
self-check (which self-check list fits which campaign).

Each function first calls the operations of :mod:`models.selfcheck`, :mod:`models.campaigns`
and :mod:`models.templates`, so the session's permission to read is checked there; the extra
columns it adds (names of people, evidence file names, whether a list fits a campaign) are read
from the same database and need no further permission.
"""
from __future__ import annotations

from typing import Any

from . import campaigns, selfcheck, templates
from .session import Session

#: Statuses of a problem that an answer may still be linked to (not 已销号).
OPEN_STATUSES = ("open", "in_progress", "rectified", "rebound")


def _names_of_accounts(session: Session, ids: set[int]) -> dict[int, str]:
    """Account id -> the person's name (the user name when no person is linked)."""
    if not ids:
        return {}
    marks = ", ".join("?" for _ in ids)
    return {int(r[0]): r[1] for r in session.store.conn.execute(
        "SELECT a.id, coalesce(nullif(p.name, ''), a.username) FROM accounts a"
        f" LEFT JOIN people p ON p.id = a.person_id WHERE a.id IN ({marks})", sorted(ids))}


def selfcheck_rows(session: Session, campaign_id: int | None = None) -> list[dict[str, Any]]:
    """:func:`models.selfcheck.list_selfchecks` with ``started_by`` (the person's name) added."""
    rows = selfcheck.list_selfchecks(session, campaign_id)
    names = _names_of_accounts(session, {r["account_id"] for r in rows if r["account_id"]})
    for r in rows:
        r["started_by"] = names.get(r["account_id"], "")
    return rows


def load_selfcheck(session: Session, selfcheck_id: int) -> dict[str, Any]:
    """The entry screen's data: :func:`models.selfcheck.get_selfcheck` with ``summary``
    (:func:`models.selfcheck.selfcheck_summary`), ``started_by``, and in every item
    ``evidence_files``: the original names of the files attached to its linked problem (the
    answer's own files are in ``files``, see :func:`models.selfcheck.get_selfcheck`)."""
    out = selfcheck.get_selfcheck(session, selfcheck_id)
    out["summary"] = selfcheck.selfcheck_summary(session, selfcheck_id)
    out["started_by"] = _names_of_accounts(session, {out["account_id"]} - {None}).get(
        out["account_id"], "")
    linked = {i["problem_id"] for s in out["sections"] for i in s["items"] if i["problem_id"]}
    files: dict[int, list[str]] = {}
    if linked:
        marks = ", ".join("?" for _ in linked)
        for pid, name in session.store.conn.execute(
                f"SELECT problem_id, original_name FROM evidence WHERE problem_id IN ({marks})"
                " ORDER BY id", sorted(linked)):
            files.setdefault(int(pid), []).append(name)
    for s in out["sections"]:
        for i in s["items"]:
            i["evidence_files"] = files.get(i["problem_id"], []) if i["problem_id"] else []
    return out


def new_selfcheck_choices(session: Session) -> dict[str, Any]:
    """For starting a self-check: ``campaigns`` (newest first, with categories), the offered
    self-check lists ``templates`` (list rows plus ``categories``: what their sections name), and
    ``fits``: the set of (campaign id, template id) where every section names a category of the
    campaign, which :func:`models.selfcheck.start_selfcheck` requires."""
    from .ledger_import import match_category   # on the worker: keeps the GUI thread light
    found = campaigns.all_campaigns(session)
    offered = templates.list_templates(session, "selfcheck", active_only=True)
    for t in offered:
        t["categories"] = [r[0] or r[1] for r in session.store.conn.execute(
            "SELECT category, name FROM template_sections WHERE template_id = ?"
            " ORDER BY position", (t["id"],))]
    fits: set[tuple[int, int]] = set()
    for c in found:
        known = [x["name"] for x in c["categories"]]
        for t in offered:
            if not known or all(match_category(cat, known) for cat in t["categories"]):
                fits.add((c["id"], t["id"]))
    return {"campaigns": found, "templates": offered, "fits": fits}


def link_candidates(session: Session, selfcheck_id: int) -> list[dict[str, Any]]:
    """Problems an answer of this self-check may be linked to: those of its campaign and unit
    not yet 已销号, in 序号 order (at most 500), each with id, seq_no, category, issue, status."""
    from .ledger_query import LedgerFilter, first_ids, rows
    sc = selfcheck.get_selfcheck(session, selfcheck_id)
    ids = first_ids(session, LedgerFilter(campaign_id=sc["campaign_id"], status=OPEN_STATUSES),
                    limit=500)
    return [{k: r[k] for k in ("id", "seq_no", "category", "issue", "status", "source_ref")}
            for r in rows(session, ids).values() if r["unit_id"] == sc["unit_id"]]
