"""The reads and rules of the case-review screens (models.casereview_view): the running score of
marks on screen, which review a file opens on, who may start a first review or the 复核, and the
summary's totals."""
from __future__ import annotations

from typing import Any

from conftest import login_as
from models import casefiles, casereview_view, casereviews
from models.session import Session
from models.store import Store


def one(store: Store, sql: str, *params: Any) -> Any:
    return store.conn.execute(sql, params).fetchone()[0]


def register(session: Session, n: int, **fields: Any) -> int:
    casefiles.add_case_file(session, case_no=f"玛交执罚〔2024〕{n}号", case_type="行政处罚",
                            cause="车辆超限运输", closed_date="2024-05-20", **fields)
    return one(session.store, "SELECT id FROM case_files WHERE case_no = ?",
               f"玛交执罚〔2024〕{n}号")


def review(session: Session, cid: int, marks: dict[str, int], *, recheck: bool = False,
           submit: bool = True) -> int:
    tid = None if recheck else one(session.store,
                                   "SELECT id FROM templates WHERE kind = 'case_review'")
    (rid,) = casereviews.start_review(session, cid, tid, recheck=recheck).rows["case_reviews"]
    for code, count in marks.items():
        casereviews.mark_item(session, int(rid), code, count, "卷内第2页")
    if submit:
        casereviews.submit_review(session, int(rid))
    return int(rid)


def test_live_result_counts_marks_without_notes_and_vetoes(demo: Store) -> None:
    chief = login_as(demo, "chief")
    rid = review(chief, register(chief, 1), {}, submit=False)
    form = casereview_view.review_form(chief, rid)
    assert form["template"]["excellent"] == 90 and form["template"]["passing"] == 70
    standard = form["standard"]
    result = casereview_view.live_result(standard, {"J4": 4, "M1": 1, "D1": 0})
    assert (result.score, result.grade) == (90.5, "excellent")     # J4 capped at 9
    vetoed = casereview_view.live_result(standard, {"J4": 1, "F3": 1})
    assert (vetoed.score, vetoed.grade, vetoed.veto_hits) == (0, "fail", ("F3",))


def test_which_review_opens_and_who_may_start(demo: Store) -> None:
    chief, reviewer = login_as(demo, "chief"), login_as(demo, "reviewer")
    officer = login_as(demo, "officer")
    cid = register(chief, 1)
    case = lambda: casereview_view.case_overview(chief, cid)       # noqa: E731
    ov = case()
    assert ov["reviews"] == [] and [t["kind"] for t in ov["standards"]] == ["case_review"]
    assert casereview_view.actions(ov["case"], [], reviewer) == (True, False, "")
    assert casereview_view.actions(ov["case"], [], officer) == (False, False, "")
    draft = review(reviewer, cid, {"F3": 1}, submit=False)
    ov = case()
    assert casereview_view.default_review(ov["reviews"], reviewer.account_id) == draft
    assert casereview_view.default_review(ov["reviews"], chief.account_id) is None
    assert casereview_view.actions(ov["case"], ov["reviews"], reviewer).start is False
    assert casereview_view.actions(ov["case"], ov["reviews"], chief).start is True
    casereviews.submit_review(reviewer, draft)
    ov = case()
    assert ov["case"]["review_state"] == "recheck_required"
    assert ov["recheck_reasons"] == ["below_pass"]
    assert casereview_view.actions(ov["case"], ov["reviews"], chief) == (False, True, "")
    mine = casereview_view.actions(ov["case"], ov["reviews"], reviewer)
    assert (mine.start, mine.recheck) == (False, False) and "复核须由初评以外" in mine.reason
    recheck = review(chief, cid, {"J4": 1}, recheck=True)
    ov = case()
    assert casereview_view.default_review(ov["reviews"], reviewer.account_id) == recheck
    assert casereview_view.actions(ov["case"], ov["reviews"], chief) == (False, False, "")
    assert [t["id"] for t in ov["standards"]] == [ov["reviews"][0]["template_id"]]


def test_summary_totals_over_units(demo: Store) -> None:
    chief, reviewer = login_as(demo, "chief"), login_as(demo, "reviewer")
    brigade = "玛沁县交通运输综合行政执法大队"
    review(reviewer, register(chief, 1), {"J4": 1})                     # 97
    review(reviewer, register(chief, 2, agency=brigade), {"J4": 3, "D2": 3})   # 85
    register(chief, 3)                                                  # not reviewed
    out = casereview_view.summary(chief, date_from="2024-01-01", date_to="2024-12-31")
    assert len(out["units"]) == 2
    total = out["total"]
    assert {k: total[k] for k in ("files", "excellent", "pass", "fail", "unreviewed",
                                  "average")} == {
        "files": 3, "excellent": 1, "pass": 1, "fail": 0, "unreviewed": 1, "average": 91}
    assert casereview_view.summary(chief, date_to="2023-12-31")["total"]["average"] is None
