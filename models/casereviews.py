"""Case-file reviews (案卷评查): scoring a registered file against a review-standard version.

A reviewer starts a review of a file with a standard version (the first review of a file fixes
the version for all its later reviews), ticks veto items and deductions (occurrences × step,
capped at the item's maximum, a note each), and submits it. Scores and grades come from the pure
engine :mod:`models.scoring`; the draft's score is kept current as marks change.

Several reviewers may review one file (双人评查). When the standard's 复核 rule asks for it (a score
below the pass mark, or grades that differ), the file waits for a second review (复核) by a
reviewer who did not review it first; the 复核 is final. The file's state, final score and grade
are kept on the file (models.casefiles) after every submission, so that summaries are plain SQL.

Each deduction or veto can be hung on the ledger as a problem (source 案卷评查) in one call;
clearing a mark lets go of its problem as :mod:`models.problem_links` describes.
"""
from __future__ import annotations

from datetime import datetime
from typing import Any, Iterable

from . import problem_links, scoring, validate
from .errors import NotFound, ValidationError
from .i18n import QT_TRANSLATE_NOOP
from .cell_values import match_category
from .permissions import operation
from .session import Session, now_text
from .store import Changes, Writer
from .templates import Template, load_template

STATES: dict[str, str] = {"unreviewed": QT_TRANSLATE_NOOP("reviews", "未评查"),
                          "in_review": QT_TRANSLATE_NOOP("reviews", "评查中"),
                          "recheck_required": QT_TRANSLATE_NOOP("reviews", "待复核"),
                          "reviewed": QT_TRANSLATE_NOOP("reviews", "已评查"),
                          "rechecked": QT_TRANSLATE_NOOP("reviews", "已复核")}
ROUNDS: dict[int, str] = {1: QT_TRANSLATE_NOOP("reviews", "初评"),
                          2: QT_TRANSLATE_NOOP("reviews", "复核")}


def _case(session: Session, case_file_id: int) -> dict[str, Any]:
    rows = session.store.query("SELECT * FROM case_files WHERE id = ?", (case_file_id,))
    if not rows:
        raise NotFound(what="案卷", key=case_file_id)
    return rows[0]


def _review(session: Session, review_id: int) -> dict[str, Any]:
    rows = session.store.query("SELECT * FROM case_reviews WHERE id = ?", (review_id,))
    if not rows:
        raise NotFound(what="评查记录", key=review_id)
    return rows[0]


def _own_draft(session: Session, review_id: int) -> dict[str, Any]:
    review = _review(session, review_id)
    if review["reviewer_id"] != session.account_id:
        raise ValidationError(QT_TRANSLATE_NOOP(
            "errors", "这份评查由其他评查人员填写，只能由本人修改。"))
    if review["status"] != "draft":
        raise ValidationError(QT_TRANSLATE_NOOP(
            "errors", "这份评查已经提交，不能再修改；如有异议，请按规定复核。"))
    return review


def _result(conn: Any, review_id: int, tpl: Template) -> scoring.Result:
    """A review's result from its marks, by the scoring engine."""
    counts: dict[str, int] = {}
    vetoes: list[str] = []
    for code, veto, count in conn.execute(
            "SELECT i.code, i.veto, m.count FROM case_review_marks m JOIN template_items i"
            " ON i.id = m.item_id WHERE m.review_id = ?", (review_id,)):
        if veto:
            vetoes.append(code)
        else:
            counts[code] = count
    return scoring.score(tpl.standard(), counts, vetoes)


def _store_result(w: Writer, review_id: int, result: scoring.Result, stamp: str) -> None:
    w.update("case_reviews", review_id, {"score": result.score, "grade": result.grade,
                                         "vetoed": int(result.vetoed), "updated_at": stamp})


def _local_day(stamp: str) -> str:
    """The local calendar day of a stored UTC time stamp (what the reviewer calls today)."""
    return datetime.fromisoformat(stamp).astimezone().date().isoformat()


def _refresh_case(w: Writer, case_file_id: int, stamp: str) -> None:
    """Work out the file's state, final score and grade from its reviews and store them."""
    conn = w.conn
    reviews = conn.execute("SELECT id, round, status, template_id, submitted_at FROM case_reviews"
                           " WHERE case_file_id = ? ORDER BY id", (case_file_id,)).fetchall()
    values: dict[str, Any] = {"review_state": "unreviewed", "final_score": None,
                              "final_grade": None, "reviewed_at": None}
    if reviews:
        tpl = load_template(conn, reviews[0][3])
        done = [r for r in reviews if r[2] == "submitted"]
        first = [_result(conn, r[0], tpl) for r in done if r[1] == 1]
        rechecks = [_result(conn, r[0], tpl) for r in done if r[1] == 2]
        out = scoring.outcome(tpl.standard().rules, first, rechecks)
        state = "in_review" if out.state == "unreviewed" else out.state
        values = {"review_state": state, "final_score": out.score, "final_grade": out.grade,
                  "reviewed_at": _local_day(max(r[4] for r in done))
                  if state in ("reviewed", "rechecked") else None}
    if w.update("case_files", case_file_id, values):
        w.update("case_files", case_file_id, {"updated_at": stamp})


@operation("casereview.review")
def start_review(session: Session, case_file_id: int, template_id: int | None = None, *,
                 recheck: bool = False) -> Changes:
    """Begin a review (draft) of a file. A first review takes ``template_id`` (a review
    standard in use; later reviews of the file must use the same version, which is the
    default); a 复核 (``recheck``) needs the file to be 待复核 and a reviewer who has not
    reviewed it; a file has at most one 复核, and none after it."""
    case = _case(session, case_file_id)
    conn = session.store.conn
    reviews = session.store.query("SELECT * FROM case_reviews WHERE case_file_id = ? ORDER BY id",
                                  (case_file_id,))
    fixed = reviews[0]["template_id"] if reviews else None
    if recheck:
        if case["review_state"] != "recheck_required":
            raise ValidationError(QT_TRANSLATE_NOOP(
                "errors", "案卷“{case_no}”目前不需要复核（{state}）。"),
                case_no=case["case_no"], state=STATES[case["review_state"]])
        if any(r["reviewer_id"] == session.account_id for r in reviews):
            raise ValidationError(QT_TRANSLATE_NOOP(
                "errors", "复核须由初评以外的评查人员进行：您已评查过这个案卷。"))
    elif any(r["round"] == 1 and r["reviewer_id"] == session.account_id for r in reviews):
        raise ValidationError(QT_TRANSLATE_NOOP(
            "errors", "您已评查过这个案卷；尚未提交的评查可以继续填写。"))
    if any(r["round"] == 2 for r in reviews):
        raise ValidationError(QT_TRANSLATE_NOOP(
            "errors", "案卷“{case_no}”已有复核，不能再开始新的评查。"), case_no=case["case_no"])
    template_id = template_id if template_id is not None else fixed
    if template_id is None:
        raise ValidationError(QT_TRANSLATE_NOOP("errors", "请选择评查标准。"))
    row = conn.execute("SELECT kind, active, name, version FROM templates WHERE id = ?",
                       (template_id,)).fetchone()
    if row is None or row[0] != "case_review":
        raise NotFound(what="评查标准", key=template_id)
    if fixed is not None and template_id != fixed:
        name, version = conn.execute("SELECT name, version FROM templates WHERE id = ?",
                                     (fixed,)).fetchone()
        raise ValidationError(QT_TRANSLATE_NOOP(
            "errors", "这个案卷已按《{name}》{version} 评查，后续评查和复核须用同一版本。"),
            name=name, version=version)
    if fixed is None and not row[1]:
        raise ValidationError(QT_TRANSLATE_NOOP(
            "errors", "评查标准《{name}》{version} 已停用，请选择在用的版本。"),
            name=row[2], version=row[3])
    result = scoring.score(load_template(conn, template_id).standard(), {})
    stamp = now_text()
    with session.store.write(session.actor) as w:
        w.insert("case_reviews", {
            "case_file_id": case_file_id, "template_id": template_id, "round": 2 if recheck else 1,
            "reviewer_id": session.account_id, "status": "draft", "score": result.score,
            "grade": result.grade, "vetoed": 0, "created_at": stamp, "updated_at": stamp})
        _refresh_case(w, case_file_id, stamp)
    return w.changes


@operation("casereview.review")
def mark_item(session: Session, review_id: int, code: str, count: int = 1,
              note: str = "") -> Changes:
    """Set how often a scored item was found (0 clears it) or whether a veto item applies
    (1 / 0), with the note that says where (required for a mark). The draft's score follows."""
    review = _own_draft(session, review_id)
    conn = session.store.conn
    item = conn.execute("SELECT id, code, veto FROM template_items WHERE template_id = ?"
                        " AND code = ?", (review["template_id"], str(code))).fetchone()
    if item is None:
        raise NotFound(what="评查条目", key=code)
    item_id, code, veto = item
    if isinstance(count, bool) or not isinstance(count, int) or count < 0 or (veto and count > 1):
        raise ValidationError(QT_TRANSLATE_NOOP(
            "errors", "“{field}”应为 0 或正整数（否决项为 0 或 1）：{value}。"),
            field="扣分次数", value=count)
    note = validate.text(note, "扣分说明", required=count > 0, limit=1000)
    tpl = load_template(conn, review["template_id"])
    points = 0.0
    if not veto and count:
        scored = {i.code: i for st in tpl.standard().stages for i in st.items}
        points = scoring.item_deduction(scored[code], count)
    stamp = now_text()
    with session.store.write(session.actor) as w:
        mark = conn.execute("SELECT id, problem_id FROM case_review_marks WHERE review_id = ?"
                            " AND item_id = ?", (review_id, item_id)).fetchone()
        if count == 0 and mark is not None:
            if mark[1] is not None:
                problem_links.release(
                    w, session, mark[1], problem_links.ref_for("casereview", review_id, code),
                    "评查扣分已取消", lambda: w.update("case_review_marks", mark[0],
                                                 {"problem_id": None}))
            w.delete("case_review_marks", mark[0])
        elif count and mark is None:
            w.insert("case_review_marks", {"review_id": review_id, "item_id": item_id,
                                           "count": count, "points": points, "note": note,
                                           "updated_at": stamp})
        elif count:
            w.update("case_review_marks", mark[0], {"count": count, "points": points,
                                                    "note": note, "updated_at": stamp})
        _store_result(w, review_id, _result(conn, review_id, tpl), stamp)
    return w.changes


@operation("casereview.review")
def submit_review(session: Session, review_id: int, note: str = "") -> Changes:
    """Submit one's own draft: its score and grade are final, and the file's result (or its
    need of a 复核) follows."""
    review = _own_draft(session, review_id)
    note = validate.text(note, "评查意见", required=False, limit=2000)
    tpl = load_template(session.store.conn, review["template_id"])
    stamp = now_text()
    with session.store.write(session.actor) as w:
        _store_result(w, review_id, _result(w.conn, review_id, tpl), stamp)
        w.update("case_reviews", review_id, {"status": "submitted", "submitted_at": stamp,
                                             "note": note})
        _refresh_case(w, review["case_file_id"], stamp)
    return w.changes


@operation("casereview.review")
def discard_review(session: Session, review_id: int) -> Changes:
    """Throw away one's own unsubmitted review (its problems are let go of like cleared marks)."""
    review = _own_draft(session, review_id)
    conn = session.store.conn
    stamp = now_text()
    with session.store.write(session.actor) as w:
        for mid, pid, code in conn.execute(
                "SELECT m.id, m.problem_id, i.code FROM case_review_marks m JOIN template_items i"
                " ON i.id = m.item_id WHERE m.review_id = ?", (review_id,)).fetchall():
            if pid is not None:
                problem_links.release(
                    w, session, pid, problem_links.ref_for("casereview", review_id, code),
                    "评查记录已作废", lambda mid=mid: w.update("case_review_marks", mid,
                                                          {"problem_id": None}))
            w.delete("case_review_marks", mid)
        w.delete("case_reviews", review_id)
        _refresh_case(w, review["case_file_id"], stamp)
    return w.changes


@operation("casereview.review")
def review_problems(session: Session, review_id: int, codes: Iterable[str] | None = None, *,
                    campaign_id: int | None = None, category: str | None = None) -> Changes:
    """Hang the review's deductions and veto items (all, or those of ``codes``) on the ledger
    as problems of the file's unit (source 案卷评查), each linked to its mark; marks already
    linked are left as they are. The category is ``category``, else the item's section's
    对应问题类别, else the stage's name; with a campaign it must name one of its categories."""
    review = _review(session, review_id)
    case = _case(session, review["case_file_id"])
    conn = session.store.conn
    if campaign_id is not None and not conn.execute("SELECT 1 FROM campaigns WHERE id = ?",
                                                    (campaign_id,)).fetchone():
        raise NotFound(what="专项行动", key=campaign_id)
    known = [r[0] for r in conn.execute(
        "SELECT name FROM campaign_categories WHERE campaign_id = ? ORDER BY position",
        (campaign_id,))] if campaign_id is not None else []
    marks = conn.execute(
        "SELECT m.id, m.problem_id, m.count, m.points, m.note, i.code, i.text, i.veto,"
        " s.category, s.name FROM case_review_marks m JOIN template_items i ON i.id = m.item_id"
        " JOIN template_sections s ON s.id = i.section_id WHERE m.review_id = ?"
        " ORDER BY s.position, i.position", (review_id,)).fetchall()
    wanted = None if codes is None else {str(c) for c in codes}
    marks = [m for m in marks if wanted is None or m[5] in wanted]
    if not marks:
        raise ValidationError(QT_TRANSLATE_NOOP("errors", "这份评查没有可登记为问题的扣分或否决项。"))
    stamp = now_text()
    with session.store.write(session.actor) as w:
        for mid, pid, count, points, note, code, text, veto, sec_cat, stage in marks:
            if pid is not None:
                continue
            cat = category or sec_cat or stage
            if known:
                cat = match_category(cat, known) or ""
                if not cat:
                    raise ValidationError(QT_TRANSLATE_NOOP(
                        "errors", "“{name}”不是本专项行动的问题类别，请选择问题类别。可选：{choices}。"),
                        name=category or sec_cat or stage, choices="、".join(known))
            ref = problem_links.ref_for("casereview", review_id, code)
            what = "否决项" if veto else f"扣 {points:g} 分（{count} 处）"
            target = problem_links.reusable(conn, ref) or problem_links.hang(
                w, session, campaign_id=campaign_id, unit_id=case["unit_id"],
                fields={"category": cat, "issue": text, "source": "case_review",
                        "source_ref": ref,
                        "manifestation": f"案卷 {case['case_no']}（{case['cause']}）：{note}；{what}"},
                event_note=f"案卷评查：{case['case_no']} 第 {code} 项")
            w.update("case_review_marks", mid, {"problem_id": target, "updated_at": stamp})
    return w.changes


@operation("casefile.read")
def list_reviews(session: Session, case_file_id: int) -> list[dict[str, Any]]:
    """A file's reviews, oldest first, with the reviewer's name and the standard's version."""
    _case(session, case_file_id)
    return session.store.query(
        "SELECT r.*, coalesce(p.name, a.username) AS reviewer, t.name AS template_name,"
        " t.version AS template_version FROM case_reviews r JOIN accounts a ON a.id = r.reviewer_id"
        " LEFT JOIN people p ON p.id = a.person_id JOIN templates t ON t.id = r.template_id"
        " WHERE r.case_file_id = ? ORDER BY r.id", (case_file_id,))


@operation("casefile.read")
def get_review(session: Session, review_id: int) -> dict[str, Any]:
    """A review as the form shows it: its row, the file, the standard's sections and items with
    the marks, the points lost per stage, and the file's 复核 reasons if any."""
    review = _review(session, review_id)
    conn = session.store.conn
    tpl = load_template(conn, review["template_id"])
    result = _result(conn, review_id, tpl)
    review["case_file"] = _case(session, review["case_file_id"])
    review["max_score"] = result.max_score
    rows = session.store.query(
        "SELECT s.name AS section, s.points AS section_points, i.code, i.text, i.guidance,"
        " i.veto, i.points, i.step, m.count, m.points AS deducted, m.note, m.problem_id"
        " FROM template_items i JOIN template_sections s ON s.id = i.section_id"
        " LEFT JOIN case_review_marks m ON m.item_id = i.id AND m.review_id = ?"
        " WHERE i.template_id = ? ORDER BY s.position, i.position",
        (review_id, review["template_id"]))
    sections: list[dict[str, Any]] = []
    lost = dict(zip((st.name for st in tpl.standard().stages), result.stage_deductions))
    for r in rows:
        if not sections or sections[-1]["name"] != r["section"]:
            sections.append({"name": r["section"], "points": r["section_points"],
                             "deducted": lost.get(r["section"]), "items": []})
        sections[-1]["items"].append({k: v for k, v in r.items()
                                      if k not in ("section", "section_points")})
    review["sections"] = sections
    first = [_result(conn, rid, tpl) for (rid,) in conn.execute(
        "SELECT id FROM case_reviews WHERE case_file_id = ? AND round = 1"
        " AND status = 'submitted' ORDER BY id", (review["case_file_id"],))]
    review["recheck_reasons"] = list(scoring.recheck_reasons(tpl.standard().rules, first))
    return review


@operation("casefile.read")
def review_summary(session: Session, *, unit_id: int | None = None,
                   date_from: str | None = None, date_to: str | None = None,
                   period: str = "closed", top: int = 10) -> dict[str, Any]:
    """Review results per unit for files whose 结案时间 (``period`` 'closed') or final review date
    ('reviewed') lies in [date_from, date_to]: files, counts by grade, 待复核, not yet reviewed,
    average final score; and the most frequent deductions and veto items over the final reviews
    (a 复核 when there is one, else the first reviews), by number of files."""
    column = {"closed": "c.closed_date", "reviewed": "c.reviewed_at"}[period]
    where = (f" WHERE (:u IS NULL OR c.unit_id = :u) AND (:f IS NULL OR {column} >= :f)"
             f" AND (:t IS NULL OR {column} <= :t)")
    params = {"u": unit_id, "f": date_from, "t": date_to, "top": top}
    q = session.store.query
    units = q("SELECT c.unit_id, u.name AS unit_name, count(*) AS files,"
              " sum(c.final_grade = 'excellent') AS excellent, sum(c.final_grade = 'pass') AS pass,"
              " sum(c.final_grade = 'fail') AS fail,"
              " sum(c.review_state = 'recheck_required') AS recheck_required,"
              " sum(c.review_state IN ('unreviewed', 'in_review')) AS unreviewed,"
              " round(avg(c.final_score), 2) AS average FROM case_files c"
              f" JOIN units u ON u.id = c.unit_id{where} GROUP BY c.unit_id ORDER BY u.name",
              params)
    final = ("WITH final AS (SELECT r.id, r.case_file_id FROM case_reviews r JOIN case_files c"
             f" ON c.id = r.case_file_id{where} AND r.status = 'submitted'"
             " AND c.review_state IN ('reviewed', 'rechecked')"
             " AND r.round = CASE c.review_state WHEN 'rechecked' THEN 2 ELSE 1 END) ")
    marks = ("SELECT i.code, i.text, s.name AS section, count(DISTINCT f.case_file_id) AS files,"
             " sum(m.count) AS occurrences, round(sum(m.points), 2) AS points"
             " FROM case_review_marks m JOIN final f ON f.id = m.review_id"
             " JOIN template_items i ON i.id = m.item_id"
             " JOIN template_sections s ON s.id = i.section_id WHERE i.veto = :veto"
             " GROUP BY i.code, i.text ORDER BY files DESC, occurrences DESC, i.code LIMIT :top")
    return {"units": units, "deductions": q(final + marks, {**params, "veto": 0}),
            "vetoes": q(final + marks, {**params, "veto": 1})}
