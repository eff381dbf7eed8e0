"""The office reads what its units sent, read-only (permission ``office.read``): each unit's
问题台账 with every row's 责任人签字 judged here, the frozen ledger revisions with their 审核 /
单位盖章, the self-checks with their answers and the case files with their reviews.

The rows are the unit's imported records (:class:`models.office_records.UnitRecords`) and the
signatures are judged with the station's rules over them, a key counting only when it is the
unit's own (see :mod:`models.office_records`). Nothing here writes. Every operation raises
NotFound for a unit code the office has not registered.
"""
from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from .errors import NotFound
from .ledger_signing import diff
from .office_records import (
    UnitRecords,
    as_int,
    revision_signature_state,
    row_signature_state,
    row_signatures,
)
from .permissions import operation
from .session import Session
from .signing import (
    CONTENT_FIELDS,
    canonical_bytes,
    changed_fields,
    content_text,
    sha256_hex,
)

#: Problem fields a reader of the ledger sees, besides the names worked out here.
PROBLEM_FIELDS = ("id", "campaign_id", "unit_id", "seq_no", "category", "issue", "manifestation",
                  "measures", "responsible_dept", "responsible_person_id", "deadline", "remarks",
                  "scope", "source", "source_channel", "source_ref", "completion", "effective",
                  "rebound", "rebound_measures", "status", "closed_at", "created_at",
                  "updated_at")


def _problem(row: dict[str, Any], names: dict[Any, str],
             campaigns: dict[Any, dict[str, Any]]) -> dict[str, Any]:
    out = {field: row.get(field) for field in PROBLEM_FIELDS}
    out["responsible"] = names.get(row.get("responsible_person_id"), "")
    out["campaign"] = (campaigns.get(row.get("campaign_id")) or {}).get("title", "")
    return out


def _order(row: dict[str, Any]) -> tuple[Any, ...]:
    """Campaigns in id order (problems of none last), then 序号."""
    return (row.get("campaign_id") is None, as_int(row.get("campaign_id")),
            as_int(row.get("seq_no")), as_int(row.get("id")))


# --- the parts, over one unit's records --------------------------------------------------------

def _source(unit: UnitRecords) -> dict[str, Any]:
    packages = unit.store.query(
        "SELECT seq, received_at, campaign, period, audit_head_seq FROM office_packages"
        " WHERE unit_id = ? AND status = 'imported' ORDER BY seq DESC", (unit.id,))
    counts = dict(unit.conn.execute(
        "SELECT tbl, count(*) FROM office_records WHERE unit_id = ? GROUP BY tbl",
        (unit.id,)).fetchall())
    return {"unit": {"code": unit.row["code"], "name": unit.row["name"]},
            "packages": len(packages), "last": packages[0] if packages else None,
            "audit_head_seq": max((p["audit_head_seq"] or 0 for p in packages), default=0),
            "counts": counts}


def _ledger(unit: UnitRecords) -> list[dict[str, Any]]:
    evidence = unit.evidence()
    campaigns = unit.campaigns()
    signatures = row_signatures(unit)
    out = []
    for pid, row in sorted(evidence.problems.items(), key=lambda kv: _order(kv[1])):
        item = _problem(row, evidence.names, campaigns)
        sigs = signatures.get(pid)
        item["signature"] = row_signature_state(evidence, pid, sigs[-1] if sigs else None)
        out.append(item)
    return out


def _live_rows(unit: UnitRecords, campaign_id: Any, unit_id: Any) -> list[dict[str, Any]]:
    """The ledger rows of a campaign as the unit's imported problems give them now (what
    models.ledger_signing freezes into a revision)."""
    evidence = unit.evidence()
    rows = [row for row in evidence.problems.values()
            if row.get("campaign_id") == campaign_id and row.get("unit_id") == unit_id]
    rows.sort(key=lambda r: (as_int(r.get("seq_no")), as_int(r.get("id"))))
    return [dict({"problem_id": r.get("id")},
                 **{col: r.get(col) for col in CONTENT_FIELDS.values()},
                 responsible_person_name=evidence.names.get(r.get("responsible_person_id")))
            for r in rows]


def _same_rows(frozen: Any, live: list[dict[str, Any]]) -> bool:
    """The frozen rows of a revision are the live rows (each compared as it is, and when that
    differs, as canonical content: the frozen text is NFC, the live rows may not be)."""
    if not isinstance(frozen, list) or len(frozen) != len(live):
        return False
    return all(a == b or (isinstance(a, dict) and canonical_bytes(a) == canonical_bytes(b))
               for a, b in zip(frozen, live))


def _revisions(unit: UnitRecords) -> list[dict[str, Any]]:
    evidence = unit.evidence()
    campaigns = unit.campaigns()
    by_subject: dict[str, list[dict[str, Any]]] = {}
    for sig in sorted(unit.rows("signatures").values(), key=lambda s: as_int(s.get("id"))):
        by_subject.setdefault(str(sig.get("subject") or ""), []).append(sig)
    revisions = sorted(unit.rows("ledger_revisions").values(),
                       key=lambda r: (as_int(r.get("campaign_id")), as_int(r.get("rev_no"))))
    newest = {r.get("campaign_id"): r.get("id") for r in revisions}
    out = []
    for rev in revisions:
        text = str(rev.get("content") or "")
        intact = sha256_hex(text.encode("utf-8")) == rev.get("content_sha256")
        try:
            frozen = json.loads(text)
            frozen_rows = frozen["rows"]
        except (ValueError, KeyError, TypeError):
            frozen, frozen_rows = {}, None
        live = _live_rows(unit, rev.get("campaign_id"), rev.get("unit_id"))
        current = intact and _same_rows(frozen_rows, live)
        changes = None
        if not current and isinstance(frozen_rows, list) \
                and newest.get(rev.get("campaign_id")) == rev.get("id"):
            changes = diff(frozen, {"rows": live})
        campaign = campaigns.get(rev.get("campaign_id")) or frozen.get("campaign") or {}
        out.append({
            "id": rev.get("id"), "campaign_id": rev.get("campaign_id"),
            "campaign": campaign.get("title") or "", "doc_no": campaign.get("doc_no") or "",
            "rev_no": rev.get("rev_no"), "created_at": rev.get("created_at"),
            "row_count": rev.get("row_count"), "sha256": rev.get("content_sha256"),
            "intact": intact, "current": current, "changes": changes,
            "signatures": [revision_signature_state(evidence, sig, rev, intact=intact,
                                                    current=current)
                           for sig in by_subject.get(f"ledger_revision:{rev.get('id')}", [])]})
    return out


def _template_items(unit: UnitRecords) -> dict[Any, list[dict[str, Any]]]:
    """template id -> its items (with ``section``, ``section_position``, ``category``) in the
    template's order, as the unit's audit entries give them."""
    sections = unit.audited("template_sections")
    out: dict[Any, list[dict[str, Any]]] = {}
    for item in unit.audited("template_items").values():
        section = sections.get(item.get("section_id")) or {}
        out.setdefault(item.get("template_id"), []).append(dict(
            item, section=section.get("name") or "", category=section.get("category") or "",
            section_position=as_int(section.get("position"))))
    for items in out.values():
        items.sort(key=lambda i: (i["section_position"], as_int(i.get("position")),
                                  as_int(i.get("id"))))
    return out


def _template_name(unit: UnitRecords, template_id: Any) -> str:
    tpl = unit.audited("templates").get(template_id) or {}
    name = str(tpl.get("name") or "")
    if name and tpl.get("version"):
        name += f"（{tpl['version']}）"
    return name


def _selfchecks(unit: UnitRecords) -> list[dict[str, Any]]:
    campaigns = unit.campaigns()
    items = _template_items(unit)
    accounts = unit.account_names()
    problems = unit.rows("problems")
    answers: dict[Any, list[dict[str, Any]]] = {}
    for answer in unit.rows("selfcheck_answers").values():
        answers.setdefault(answer.get("selfcheck_id"), []).append(answer)
    files: dict[Any, list[str]] = {}
    for f in sorted(unit.rows("selfcheck_evidence").values(), key=lambda r: as_int(r.get("id"))):
        files.setdefault(f.get("answer_id"), []).append(str(f.get("original_name") or ""))
    out = []
    for sc in sorted(unit.rows("selfchecks").values(), key=lambda r: -as_int(r.get("id"))):
        given = {a.get("item_id"): a for a in answers.get(sc.get("id"), [])}
        known = items.get(sc.get("template_id"))
        order = known if known else [{"id": item_id} for item_id in sorted(given, key=as_int)]
        listed = []
        for item in order:
            a = given.get(item.get("id")) or {}
            problem = problems.get(a.get("problem_id")) or {}
            listed.append({
                "code": item.get("code") or "", "text": item.get("text") or "",
                "section": item.get("section") or "", "category": item.get("category") or "",
                "answer": a.get("answer"), "note": a.get("note") or "",
                "evidence": a.get("evidence") or "", "problem_seq_no": problem.get("seq_no"),
                "answered_at": a.get("answered_at"), "by": accounts.get(a.get("account_id"), ""),
                "files": files.get(a.get("id"), []) if a else []})
        given_answers = [a.get("answer") for a in given.values()]
        out.append({
            **{k: sc.get(k) for k in ("id", "campaign_id", "title", "status", "note",
                                      "completed_at", "created_at")},
            "campaign": (campaigns.get(sc.get("campaign_id")) or {}).get("title", ""),
            "template": _template_name(unit, sc.get("template_id")),
            "total": len(known) if known else None, "answered": len(given_answers),
            "conform": given_answers.count("conform"),
            "nonconform": given_answers.count("nonconform"), "na": given_answers.count("na"),
            "by": accounts.get(sc.get("account_id"), ""), "answers": listed})
    return out


def _reviews(unit: UnitRecords) -> list[dict[str, Any]]:
    accounts = unit.account_names()
    item_rows = {i.get("id"): i for group in _template_items(unit).values() for i in group}
    marks: dict[Any, list[tuple[tuple[int, int, int], dict[str, Any]]]] = {}
    for mark in unit.rows("case_review_marks").values():
        item = item_rows.get(mark.get("item_id")) or {}
        order = (as_int(item.get("section_position", 1 << 30)), as_int(item.get("position")),
                 as_int(mark.get("item_id")))
        marks.setdefault(mark.get("review_id"), []).append((order, {
            "code": item.get("code") or "", "text": item.get("text") or "",
            "section": item.get("section") or "", "veto": bool(item.get("veto")),
            "count": mark.get("count"), "points": mark.get("points"),
            "note": mark.get("note") or ""}))
    reviews: dict[Any, list[dict[str, Any]]] = {}
    for review in sorted(unit.rows("case_reviews").values(), key=lambda r: as_int(r.get("id"))):
        listed = [m for _o, m in sorted(marks.get(review.get("id"), []), key=lambda x: x[0])]
        reviews.setdefault(review.get("case_file_id"), []).append({
            **{k: review.get(k) for k in ("id", "round", "status", "score", "grade", "note",
                                          "submitted_at")},
            "vetoed": bool(review.get("vetoed")),
            "reviewer": accounts.get(review.get("reviewer_id"), ""),
            "template": _template_name(unit, review.get("template_id")), "marks": listed})
    out = [{**{k: case.get(k) for k in (
        "id", "case_no", "case_type", "domain", "cause", "party", "officers", "major", "agency",
        "closed_date", "review_state", "final_score", "final_grade", "reviewed_at")},
        "reviews": reviews.get(case.get("id"), [])} for case in unit.rows("case_files").values()]
    out.sort(key=lambda c: (str(c["closed_date"] or ""), as_int(c["id"])), reverse=True)
    return out


# --- operations ----------------------------------------------------------------------------------

@operation("office.read")
def unit_source(session: Session, unit_code: str) -> dict[str, Any]:
    """Where the office's copy of a unit's records comes from: ``unit`` (code, name),
    ``packages`` (how many were imported), ``last`` (the newest imported package's ``seq``,
    ``received_at``, ``campaign``, ``period``, ``audit_head_seq``; None before any),
    ``audit_head_seq`` and ``counts`` (imported rows per table)."""
    return _source(UnitRecords(session, unit_code))


@operation("office.read")
def unit_ledger(session: Session, unit_code: str) -> list[dict[str, Any]]:
    """The unit's problems (问题台账) by campaign and 序号: the fields of :data:`PROBLEM_FIELDS`
    plus ``responsible`` (the 责任人's name), ``campaign`` (its title, "" when unknown) and
    ``signature``: the newest 责任人签字 judged here (see models.office_records) as
    :func:`models.signing.signature_status` gives it (``status``, ``reason``, ``note``,
    ``changes``, ``fields``), with ``signer``, ``signed_at`` and ``fingerprint`` when signed."""
    return _ledger(UnitRecords(session, unit_code))


@operation("office.read")
def unit_revisions(session: Session, unit_code: str) -> list[dict[str, Any]]:
    """The unit's frozen ledger revisions by campaign and number, each with ``id``,
    ``campaign_id``, ``campaign`` (title), ``doc_no``, ``rev_no``, ``created_at``,
    ``row_count``, ``sha256``, ``intact`` (the frozen content hashes to it), ``current`` (the
    unit's imported ledger of that campaign is this revision), ``changes``
    (:func:`models.ledger_signing.diff` from the newest revision of its campaign to the imported
    ledger, else None) and ``signatures``: each with ``meaning`` (审核 / 单位盖章), ``name``,
    ``role``, ``signed_at``, ``fingerprint``, ``status`` (valid / stale / invalid), ``reason``
    and ``note`` (see models.office_records)."""
    return _revisions(UnitRecords(session, unit_code))


@operation("office.read")
def unit_selfchecks(session: Session, unit_code: str) -> list[dict[str, Any]]:
    """The unit's self-checks (自查自纠), newest first: the row's fields (``id``, ``campaign_id``,
    ``title``, ``status``, ``note``, ``completed_at``, ``created_at``) with ``campaign``,
    ``template`` (name and version; "" when the audit entries do not name it), ``by``,
    ``total`` (items of the template, None when unknown), ``answered``, ``conform``,
    ``nonconform``, ``na`` and ``answers``: one per item of the template in its order (items not
    answered have ``answer`` None), or one per answer when the template is unknown, each with
    ``code``, ``text``, ``section``, ``category``, ``answer``, ``note``, ``evidence``,
    ``problem_seq_no``, ``answered_at``, ``by`` and ``files`` (original names)."""
    return _selfchecks(UnitRecords(session, unit_code))


@operation("office.read")
def unit_reviews(session: Session, unit_code: str) -> list[dict[str, Any]]:
    """The unit's case files and their reviews (案卷评查), by 结案时间, newest first: the file's
    fields (``id``, ``case_no``, ``case_type``, ``domain``, ``cause``, ``party``, ``officers``,
    ``major``, ``agency``, ``closed_date``, ``review_state``, ``final_score``, ``final_grade``,
    ``reviewed_at``) and ``reviews``, oldest first: ``id``, ``round``, ``reviewer``,
    ``status``, ``score``, ``grade``, ``vetoed``, ``note``, ``submitted_at``, ``template`` and
    ``marks`` (``code``, ``text``, ``section``, ``veto``, ``count``, ``points``, ``note``; in the
    standard's order when the audit entries name its items)."""
    return _reviews(UnitRecords(session, unit_code))


@operation("office.read")
def unit_browse(session: Session, unit_code: str) -> dict[str, Any]:
    """Everything the office's browser shows of a unit, read once: ``source``
    (:func:`unit_source`), ``ledger``, ``revisions``, ``selfchecks`` and ``reviews`` (as the
    operations of those names give them)."""
    unit = UnitRecords(session, unit_code)
    return {"source": _source(unit), "ledger": _ledger(unit), "revisions": _revisions(unit),
            "selfchecks": _selfchecks(unit), "reviews": _reviews(unit)}


@operation("office.read")
def problem_detail(session: Session, unit_code: str, problem_id: int) -> dict[str, Any]:
    """One problem of the unit as the detail dialog shows it: ``problem`` (as a row of
    :func:`unit_ledger`), ``events`` (status steps: ``ts``, ``from_status``, ``to_status``,
    ``note``, ``by``), ``notes`` (progress notes: ``note_date``, ``text``, ``by``), ``evidence``
    (``original_name``, ``sha256``, ``size``, ``media_type``, ``added_at``, ``present``: the file
    is in the office's store, ``path``), ``signatures`` (every 责任人签字 of the row, oldest first,
    each judged), ``signed`` (the newest signature's content, or None), ``current`` (the row's
    content now) and ``changed`` (content keys that differ between the two). Raises NotFound for
    a problem the unit did not send."""
    unit = UnitRecords(session, unit_code)
    evidence = unit.evidence()
    pid = int(problem_id)
    row = evidence.problems.get(pid)
    if row is None:
        raise NotFound(what="问题", key=pid)
    accounts = unit.account_names()
    events = [{"ts": e.get("ts"), "from_status": e.get("from_status"),
               "to_status": e.get("to_status"), "note": e.get("note") or "",
               "by": accounts.get(e.get("account_id"), "")}
              for e in unit.rows_where("problem_events", "problem_id", pid)]
    notes = sorted(({"note_date": n.get("note_date"), "text": n.get("text") or "",
                     "by": accounts.get(n.get("account_id"), ""),
                     "created_at": n.get("created_at")}
                    for n in unit.rows_where("progress_notes", "problem_id", pid)),
                   key=lambda n: (str(n["note_date"]), str(n["created_at"])))
    root = session.store.data_dir.root / "office" / "evidence"
    files = []
    for e in unit.rows_where("evidence", "problem_id", pid):
        found = _office_file(root, str(e.get("sha256") or ""))
        files.append({"original_name": e.get("original_name") or "", "sha256": e.get("sha256"),
                      "size": e.get("size"), "media_type": e.get("media_type") or "",
                      "added_at": e.get("added_at"), "present": found is not None,
                      "path": str(found) if found else None})
    sigs = row_signatures(unit).get(pid, [])
    states = [row_signature_state(evidence, pid, sig) for sig in sigs]
    current = evidence.content(pid) or {}
    signed = None
    if sigs:
        try:
            signed = json.loads(sigs[-1]["content"])
        except (ValueError, TypeError, KeyError):
            signed = None
    newest = states[-1] if states else row_signature_state(evidence, pid, None)
    return {"problem": dict(_problem(row, evidence.names, unit.campaigns()), signature=newest),
            "events": events, "notes": notes, "evidence": files, "signatures": states,
            "signed": signed, "current": current,
            "changed": changed_fields(signed, json.loads(content_text(current)))
            if isinstance(signed, dict) and current else []}


def _office_file(root: Path, sha: str) -> Path | None:
    """The office's stored file of content ``sha`` (any extension), or None."""
    if len(sha) != 64 or any(c not in "0123456789abcdef" for c in sha):
        return None
    try:
        return next((p for p in sorted((root / sha[:2]).iterdir())
                     if p.name.split(".", 1)[0] == sha and p.is_file()), None)
    except OSError:
        return None
