"""Problems hung on the ledger by a self-check answer or a case-review mark, and what becomes of
them when that answer or mark is taken back.

A problem made this way carries ``source_ref`` ``selfcheck:<self-check id>:<item code>`` or
``casereview:<review id>:<item code>``, so it leads back to its record; the record holds the
problem's id. Taking the record back (the answer becomes 符合 or 不适用, the deduction is cleared)
never leaves a problem pointing at nothing:

* a problem the record made and nobody has touched since (its insert is its only audit entry,
  its only event the 登记, no progress note, no evidence) is withdrawn: deleted with its 登记
  event, both deletions in the audit trail. It was a slip of the hand, not a problem;
* a problem with any history beyond its creation is never deleted: it stays on the ledger, 备注
  says that and when the record changed and by whom, and its verifier decides (销号 after checking,
  or go on with the rectification); the record lets go of it;
* a problem the record only linked to (made elsewhere) is let go of, unchanged.

Setting the record back to 不符合 (or deducting again) takes up the same problem when it is still
on the ledger and not 已销号, instead of hanging a second one.
"""
from __future__ import annotations

from typing import Any, Callable

from . import problems
from .session import Session, now_text
from .store import Writer


def ref_for(kind: str, record_id: int, code: str) -> str:
    """``source_ref`` of the problem of one answer (kind 'selfcheck') or mark ('casereview')."""
    return f"{kind}:{record_id}:{code}"


def hang(w: Writer, session: Session, *, campaign_id: int | None, unit_id: int,
         fields: dict[str, Any], event_note: str) -> int:
    """Insert a new 待整改 problem (checked like :func:`problems.create_problem`) with its 登记
    event, inside the caller's transaction; return its id. 序号 is the next of its campaign and
    unit."""
    values = problems._values(session, fields, campaign_id=campaign_id, partial=False)
    stamp = now_text()
    seq_no = problems.next_seq_no(w.conn, campaign_id, unit_id)
    pid = int(w.insert("problems", {**values, "campaign_id": campaign_id, "unit_id": unit_id,
                                    "seq_no": seq_no, "status": "open", "created_at": stamp,
                                    "updated_at": stamp}))
    w.insert("problem_events", {"problem_id": pid, "ts": stamp, "account_id": session.account_id,
                                "from_status": None, "to_status": "open", "note": event_note})
    return pid


def reusable(conn: Any, ref: str) -> int | None:
    """The newest problem made for ``ref`` that is still on the ledger and not 已销号."""
    row = conn.execute("SELECT id FROM problems WHERE source_ref = ? AND status <> 'closed'"
                       " ORDER BY id DESC LIMIT 1", (ref,)).fetchone()
    return int(row[0]) if row else None


def untouched(conn: Any, problem_id: int) -> bool:
    """True when the problem has no history beyond its creation and no record links to it
    (audit entries are counted from its insert: a deleted problem's id may be given again)."""
    row = conn.execute(
        "SELECT p.status = 'open',"
        " (SELECT count(*) FROM audit_log WHERE tbl = 'problems' AND row_key = :k AND seq >="
        "  (SELECT max(seq) FROM audit_log WHERE tbl = 'problems' AND row_key = :k"
        "   AND action = 'insert')),"
        " (SELECT count(*) FROM problem_events WHERE problem_id = :id),"
        " (SELECT count(*) FROM progress_notes WHERE problem_id = :id),"
        " (SELECT count(*) FROM evidence WHERE problem_id = :id),"
        " (SELECT count(*) FROM problem_imports WHERE problem_id = :id),"
        " (SELECT count(*) FROM selfcheck_answers WHERE problem_id = :id)"
        " + (SELECT count(*) FROM case_review_marks WHERE problem_id = :id)"
        " + (SELECT count(*) FROM leads WHERE problem_id = :id)"
        " FROM problems p WHERE p.id = :id", {"id": problem_id, "k": str(problem_id)}).fetchone()
    return row is not None and tuple(row) == (1, 1, 1, 0, 0, 0, 0)


def release(w: Writer, session: Session, problem_id: int, ref: str, reason: str,
            unlink: Callable[[], None]) -> str:
    """Let go of the problem linked to record ``ref`` (see the module doc): ``unlink()`` clears
    the record's link first, in the same transaction. Returns 'withdrawn' (deleted), 'marked'
    (kept, 备注 says why) or 'unlinked' (not made by the record, left as it is)."""
    conn = w.conn
    unlink()
    row = conn.execute("SELECT source_ref, remarks FROM problems WHERE id = ?",
                       (problem_id,)).fetchone()
    if row is None or row[0] != ref:
        return "unlinked"
    if untouched(conn, problem_id):
        for (eid,) in conn.execute("SELECT id FROM problem_events WHERE problem_id = ?",
                                   (problem_id,)).fetchall():
            w.delete("problem_events", eid)
        w.delete("problems", problem_id)
        return "withdrawn"
    stamp = now_text()
    who = session.person_name or session.username
    line = f"【{reason}：{stamp[:10]} {who}，请核实后验收销号或继续整改】"
    remarks = f"{row[1]}；{line}" if row[1] else line
    problems._set(w, problem_id, {"remarks": remarks[-2000:]}, stamp)
    return "marked"
