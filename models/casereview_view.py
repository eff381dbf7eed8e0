"""What the case-review screens (案卷评查) read, in one call each, and the rules they show by.

Every function here composes the operations of :mod:`models.casefiles`, :mod:`models.casereviews`
and :mod:`models.templates` (which check the session's permissions); nothing writes. The pure
helpers (:func:`live_result`, :func:`default_review`, :func:`actions`) hold the decisions the
review screen makes, so that the screen only shows them:

* the running score of a draft comes from the scoring engine over the marks on screen,
  including those whose note is still missing (they are stored once their note is there);
* which review a file opens on, and whether the user may start a first review or the 复核.
"""
from __future__ import annotations

from typing import Any, Iterable, Mapping, NamedTuple

from . import campaigns, casefiles, casereviews, directory, scoring, templates
from .i18n import QT_TRANSLATE_NOOP
from .permissions import PERMISSIONS
from .session import Session


def register(session: Session) -> dict[str, Any]:
    """The case-file register: every file (latest 结案时间 first, with its unit's name) and the
    units (for 办案机构 and the summary's unit choice)."""
    return {"files": casefiles.list_case_files(session),
            "units": directory.list_units(session)}


def case_overview(session: Session, case_file_id: int) -> dict[str, Any]:
    """One file for the review screen: its row, its reviews (oldest first), the 复核 reasons of
    its submitted first reviews, the review standards a first review may use (the version of
    its first review once there is one, else the active ones) and the first reviews' results."""
    files = [f for f in casefiles.list_case_files(session) if f["id"] == case_file_id]
    if not files:
        from .errors import NotFound
        raise NotFound(what="案卷", key=case_file_id)
    reviews = casereviews.list_reviews(session, case_file_id)
    submitted_first = [r for r in reviews if r["round"] == 1 and r["status"] == "submitted"]
    reasons: list[str] = []
    if submitted_first:
        reasons = casereviews.get_review(session, submitted_first[0]["id"])["recheck_reasons"]
    if reviews:
        fixed = reviews[0]["template_id"]
        standards = [t for t in templates.list_templates(session, "case_review")
                     if t["id"] == fixed]
    else:
        standards = templates.list_templates(session, "case_review", active_only=True)
    return {"case": files[0], "reviews": reviews, "recheck_reasons": reasons,
            "standards": standards}


def review_form(session: Session, review_id: int) -> dict[str, Any]:
    """A review as :func:`models.casereviews.get_review` gives it, plus ``standard`` (the
    scoring engine's view of its standard version) and ``template`` (name, version, grade
    thresholds and 复核 rule)."""
    review = casereviews.get_review(session, review_id)
    tpl = templates.load_template(session.store.conn, review["template_id"])
    review["standard"] = tpl.standard()
    review["template"] = {"name": tpl.name, "version": tpl.version,
                          "excellent": tpl.excellent, "passing": tpl.passing,
                          "recheck_below_pass": tpl.recheck_below_pass,
                          "recheck_on_disagreement": tpl.recheck_on_disagreement}
    return review


def problem_choices(session: Session) -> list[dict[str, Any]]:
    """Campaigns with their categories, for hanging review findings on the ledger."""
    return campaigns.all_campaigns(session)


def summary(session: Session, **filters: Any) -> dict[str, Any]:
    """:func:`models.casereviews.review_summary` with the totals over all units added
    (``total``: the same keys as a unit row; the average is over every file with a final
    score)."""
    out = casereviews.review_summary(session, **filters)
    units = out["units"]
    total: dict[str, Any] = {"unit_id": None, "unit_name": ""}
    for key in ("files", "excellent", "pass", "fail", "recheck_required", "unreviewed"):
        total[key] = sum(u[key] or 0 for u in units)
    scored = sum((u["files"] - (u["recheck_required"] or 0) - (u["unreviewed"] or 0))
                 for u in units)
    weighted = sum((u["average"] or 0) * (u["files"] - (u["recheck_required"] or 0)
                                          - (u["unreviewed"] or 0)) for u in units)
    total["average"] = round(weighted / scored, 2) if scored else None
    out["total"] = total
    return out


# --- pure helpers ---------------------------------------------------------------------------------

def live_result(standard: scoring.Standard, marks: Mapping[str, int]) -> scoring.Result:
    """The running result of marks on screen: ``marks`` maps item codes to occurrences (veto
    items: 1 for a hit); zero counts are ignored."""
    vetoes = set(standard.vetoes)
    counts = {c: n for c, n in marks.items() if n and c not in vetoes}
    hits = [c for c, n in marks.items() if n and c in vetoes]
    return scoring.score(standard, counts, hits)


def default_review(reviews: Iterable[Mapping[str, Any]], account_id: int) -> int | None:
    """The review a file opens on: one's own draft, else the 复核, else one's own submitted
    review, else the latest submitted one."""
    reviews = list(reviews)
    for wanted in (lambda r: r["reviewer_id"] == account_id and r["status"] == "draft",
                   lambda r: r["round"] == 2 and r["status"] == "submitted",
                   lambda r: r["reviewer_id"] == account_id,
                   lambda r: r["status"] == "submitted"):
        found = [r for r in reviews if wanted(r)]
        if found:
            return int(found[-1]["id"])
    return None


class Actions(NamedTuple):
    """What the user may start on a file."""

    start: bool         # a first review (初评)
    recheck: bool       # the 复核
    reason: str         # why neither (Chinese, context "reviews"), or ''



def actions(case: Mapping[str, Any], reviews: Iterable[Mapping[str, Any]], session: Session
            ) -> Actions:
    """Whether ``session`` may start a first review or the 复核 of ``case`` (the core checks
    again). While a 复核 is required, only the 复核 is offered."""
    reviews = list(reviews)
    if not session.roles & PERMISSIONS["casereview.review"].roles:
        return Actions(False, False, "")
    mine = [r for r in reviews if r["reviewer_id"] == session.account_id]
    if any(r["round"] == 2 for r in reviews):
        return Actions(False, False, "")
    if case["review_state"] == "recheck_required":
        if mine:
            return Actions(False, False, QT_TRANSLATE_NOOP(
                "reviews", "您已参加初评，复核须由初评以外的评查人员进行。"))
        return Actions(False, True, "")
    if any(r["round"] == 1 for r in mine):
        return Actions(False, False, "")
    return Actions(True, False, "")
