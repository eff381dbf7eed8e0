"""The case-file register, its Excel import, reviews against a standard version with 复核, review
findings hung on the ledger, and the summaries per unit and period."""
from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from conftest import login_as
from core_helpers import is_chinese
from models import accounts, audit, casefiles, casereviews, problems
from models.errors import NotFound, ValidationError
from models.ledger_import import MissingColumns
from models.session import Session
from models.store import Store

BRIGADE = "玛沁县交通运输综合行政执法大队"
QINGHAI = "青交执法监法〔2023〕30号"


def one(store: Store, sql: str, *params: Any) -> Any:
    return store.conn.execute(sql, params).fetchone()[0]


def standard(store: Store) -> int:
    return one(store, "SELECT id FROM templates WHERE kind = 'case_review'")


def case_file(store: Store, case_no: str) -> dict[str, Any]:
    return store.query("SELECT * FROM case_files WHERE case_no = ?", (case_no,))[0]


@pytest.fixture
def chief(demo: Store) -> Session:
    return login_as(demo, "chief")


@pytest.fixture
def reviewer(demo: Store) -> Session:
    return login_as(demo, "reviewer")


def register(session: Session, n: int, **fields: Any) -> int:
    values = {"case_no": f"玛交执罚〔2024〕{n}号", "case_type": "行政处罚", "domain": "公路路政",
              "cause": "车辆超限运输", "party": f"青海某运输有限公司{n}", "officers": "李海龙、索南扎西",
              "closed_date": "2024-05-20", **fields}
    casefiles.add_case_file(session, **values)
    return one(session.store, "SELECT id FROM case_files WHERE case_no = ?", values["case_no"])


def review(session: Session, case_id: int, marks: dict[str, int], *, recheck: bool = False,
           submit: bool = True) -> int:
    casereviews.start_review(session, case_id, None if recheck else standard(session.store),
                             recheck=recheck)
    rid = one(session.store, "SELECT max(id) FROM case_reviews WHERE reviewer_id = ?",
              session.account_id)
    for code, count in marks.items():
        casereviews.mark_item(session, rid, code, count, f"第{count}处问题见卷内第3页")
    if submit:
        casereviews.submit_review(session, rid, "")
    return rid


# --- register and import --------------------------------------------------------------------------

def test_register_a_case_file(demo: Store, chief: Session) -> None:
    cid = register(chief, 1, major="是", agency=BRIGADE)
    row = demo.query("SELECT * FROM case_files WHERE id = ?", (cid,))[0]
    assert (row["case_type"], row["major"], row["review_state"]) == ("penalty", 1, "unreviewed")
    assert row["unit_id"] == one(demo, "SELECT id FROM units WHERE name = ?", BRIGADE)
    own = register(chief, 2, agency="某某不存在的机构")
    assert demo.query("SELECT unit_id, agency FROM case_files WHERE id = ?", (own,))[0] == {
        "unit_id": int(demo.setting("own_unit_id")), "agency": "某某不存在的机构"}
    with pytest.raises(ValidationError, match="案卷编号“玛交执罚〔2024〕1号”已登记"):
        register(chief, 1)
    with pytest.raises(ValidationError, match="案件类型"):
        register(chief, 3, case_type="行政裁决")
    with pytest.raises(ValidationError, match="结案时间"):
        register(chief, 3, closed_date="五月底")
    casefiles.update_case_file(chief, own, party="青海某物流公司", major=False)
    assert case_file(demo, "玛交执罚〔2024〕2号")["party"] == "青海某物流公司"
    # A corrected 办案机构 moves the file to the unit it names, as registering would.
    casefiles.update_case_file(chief, own, agency=BRIGADE)
    assert case_file(demo, "玛交执罚〔2024〕2号")["unit_id"] == row["unit_id"]
    casefiles.update_case_file(chief, own, agency="某某不存在的机构")
    assert case_file(demo, "玛交执罚〔2024〕2号")["unit_id"] == int(demo.setting("own_unit_id"))
    casefiles.delete_case_file(chief, own)
    assert [r["id"] for r in casefiles.list_case_files(chief)] == [cid]


def write_list(path: Path, rows: list[list[Any]]) -> Path:
    casefiles.write_blank(path, rows)
    return path


def test_import_a_case_file_list_with_a_bad_row(demo: Store, chief: Session,
                                                tmp_path: Path) -> None:
    register(chief, 7)
    path = write_list(tmp_path / "案卷清单.xlsx", [
        ["玛交执罚〔2024〕21号", "行政处罚", "公路路政", "车辆超限运输", "张某", "李海龙、索南扎西", "否",
         BRIGADE, "2024-03-02", ""],
        ["玛交执强〔2024〕3号", "行政强制", "道路运输", "暂扣未取得许可的营运车辆", "王某", "李海龙", "是",
         "", "2024年4月8日", ""],
        ["玛交执罚〔2024〕22号", "行政裁决", "公路路政", "", "赵某", "李海龙", "大概",
         "", "四月份", ""],
        ["玛交执罚〔2024〕7号", "行政处罚", "公路路政", "车辆超限运输", "某公司", "李海龙", "否",
         "", "2024-05-20", ""],
        ["玛交执罚〔2024〕21号", "行政处罚", "公路路政", "车辆超限运输", "张某", "李海龙", "否",
         "", "2024-03-02", ""],
        [None] * 10,
        ["玛交执检〔2024〕1号", "检查", "水路运输", "船舶安全检查", "", "", "", "", None, ""],
    ])
    preview = casefiles.preview_case_files(chief, path)
    states = [(r.row_no, r.state) for r in preview.rows]
    assert states == [(2, "new"), (3, "new"), (4, "error"), (5, "duplicate"), (6, "duplicate"),
                      (8, "new")]
    bad = preview.rows[2]
    texts = [n.text() for n in bad.notes]
    assert all(is_chinese(t) for t in texts)
    assert any("“案件类型”应为 行政处罚、行政强制、行政检查、行政许可 之一，而不是：行政裁决" in t for t in texts)
    assert "缺少“案由”。" in texts
    assert any("“是否重大案件”应填“是”或“否”，而不是：大概" in t for t in texts)
    assert any("“结案时间”不是日期：四月份" in t for t in texts)
    assert "已登记，跳过" in preview.rows[3].notes[0].text()
    assert "与本文件第 2 行的案卷编号相同" in preview.rows[4].notes[0].text()
    assert preview.rows[1].values["closed_date"] == "2024-04-08"
    assert preview.rows[5].values["case_type"] == "inspection"
    head = audit.head(demo.conn)
    assert audit.head(demo.conn) == head          # a preview stores nothing

    casefiles.import_case_files(chief, preview)
    stored = {r["case_no"]: r for r in casefiles.list_case_files(chief)}
    assert set(stored) == {"玛交执罚〔2024〕7号", "玛交执罚〔2024〕21号", "玛交执强〔2024〕3号",
                           "玛交执检〔2024〕1号"}
    assert stored["玛交执罚〔2024〕21号"]["unit_name"] == BRIGADE
    assert stored["玛交执强〔2024〕3号"]["major"] == 1
    assert stored["玛交执检〔2024〕1号"]["source"] == "案卷清单.xlsx"
    again = casefiles.preview_case_files(chief, path)
    assert again.count("new") == 0 and again.count("error") == 1
    assert demo.verify_audit().ok


def test_a_list_without_the_needed_columns(chief: Session, tmp_path: Path) -> None:
    from openpyxl import Workbook
    wb = Workbook()
    wb.active.append(["统计表"])
    wb.active.append(["序号", "案卷编号", "当事人", "结案时间"])
    wb.save(tmp_path / "缺列.xlsx")
    with pytest.raises(MissingColumns) as info:
        casefiles.preview_case_files(chief, tmp_path / "缺列.xlsx")
    assert "第 2 行" in str(info.value) and "案件类型、案由" in str(info.value)
    wb = Workbook()
    wb.active.append(["完全无关的表格"])
    wb.save(tmp_path / "无关.xlsx")
    with pytest.raises(casefiles.NoCaseHeader, match="没有找到案卷清单的表头"):
        casefiles.preview_case_files(chief, tmp_path / "无关.xlsx")


# --- reviews --------------------------------------------------------------------------------------

def test_review_scores_with_the_engine_and_grades(demo: Store, chief: Session,
                                                  reviewer: Session) -> None:
    cid = register(chief, 1)
    rid = review(reviewer, cid, {"J4": 2, "M1": 3}, submit=False)
    draft = casereviews.get_review(reviewer, rid)
    assert (draft["score"], draft["grade"], draft["status"]) == (92.5, "excellent", "draft")
    assert case_file(demo, "玛交执罚〔2024〕1号")["review_state"] == "in_review"
    stage = {s["name"]: s["deducted"] for s in draft["sections"]}
    assert stage["审查决定"] == 6 and stage["卷面"] == 1.5 and stage["否决项"] is None
    casereviews.mark_item(reviewer, rid, "J4", 5, "要素缺失五处")       # capped at 9
    casereviews.mark_item(reviewer, rid, "M1", 0)                       # cleared
    with pytest.raises(ValidationError, match="扣分说明"):
        casereviews.mark_item(reviewer, rid, "D1", 1, "")
    with pytest.raises(ValidationError, match="扣分次数"):
        casereviews.mark_item(reviewer, rid, "F1", 2, "两处")
    with pytest.raises(NotFound, match="评查条目"):
        casereviews.mark_item(reviewer, rid, "Z9", 1, "说明")
    with pytest.raises(ValidationError, match="只能由本人修改"):
        casereviews.mark_item(chief, rid, "D1", 1, "未出示证件")
    casereviews.submit_review(reviewer, rid, "文书制作需加强")
    f = case_file(demo, "玛交执罚〔2024〕1号")
    assert (f["review_state"], f["final_score"], f["final_grade"]) == ("reviewed", 91, "excellent")
    assert f["reviewed_at"]
    with pytest.raises(ValidationError, match="已经提交"):
        casereviews.mark_item(reviewer, rid, "D1", 1, "未出示证件")
    with pytest.raises(ValidationError, match="您已评查过这个案卷"):
        casereviews.start_review(reviewer, cid, standard(demo))
    with pytest.raises(ValidationError, match="目前不需要复核"):
        casereviews.start_review(chief, cid, recheck=True)


def test_veto_and_below_pass_need_a_recheck_by_another_reviewer(demo: Store, chief: Session,
                                                                reviewer: Session) -> None:
    cid = register(chief, 1)
    review(reviewer, cid, {"F3": 1, "J4": 1})
    f = case_file(demo, "玛交执罚〔2024〕1号")
    assert (f["review_state"], f["final_score"], f["final_grade"]) == ("recheck_required", None,
                                                                       None)
    first = casereviews.list_reviews(chief, cid)[0]
    assert (first["score"], first["grade"], first["vetoed"], first["reviewer"]) == (
        0, "fail", 1, "马文斌")
    with pytest.raises(ValidationError, match="复核须由初评以外的评查人员进行"):
        casereviews.start_review(reviewer, cid, recheck=True)
    rid = review(chief, cid, {"J4": 1}, recheck=True)          # 复核: two officers were there
    assert casereviews.get_review(chief, rid)["recheck_reasons"] == ["below_pass"]
    f = case_file(demo, "玛交执罚〔2024〕1号")
    assert (f["review_state"], f["final_score"], f["final_grade"]) == ("rechecked", 97,
                                                                       "excellent")
    with pytest.raises(ValidationError, match="已有复核"):
        casereviews.start_review(chief, cid, standard(demo))


def test_reviewers_who_disagree_need_a_recheck(demo: Store, chief: Session,
                                               reviewer: Session) -> None:
    admin = login_as(demo, "admin")
    accounts.create_account(admin, username="reviewer2", password="review-pass-2",
                            roles=["reviewer"])
    second = __import__("models.session", fromlist=["login"]).login(demo, "reviewer2",
                                                                      "review-pass-2")
    cid = register(chief, 1)
    review(reviewer, cid, {"J4": 1})                    # 97 优秀
    review(chief, cid, {"J4": 3, "D2": 1})              # 89 合格
    f = case_file(demo, "玛交执罚〔2024〕1号")
    assert f["review_state"] == "recheck_required"
    review(second, cid, {"J4": 2}, recheck=True)         # 94
    f = case_file(demo, "玛交执罚〔2024〕1号")
    assert (f["review_state"], f["final_score"], f["final_grade"]) == ("rechecked", 94,
                                                                       "excellent")
    cid2 = register(chief, 2)
    review(reviewer, cid2, {"J4": 1})                   # 97
    review(chief, cid2, {"M1": 2})                      # 99: same grade, no recheck
    f = case_file(demo, "玛交执罚〔2024〕2号")
    assert (f["review_state"], f["final_score"], f["final_grade"]) == ("reviewed", 98,
                                                                       "excellent")


def test_findings_become_problems_in_one_call(demo: Store, chief: Session,
                                              reviewer: Session) -> None:
    qh = one(demo, "SELECT id FROM campaigns WHERE doc_no = ?", QINGHAI)
    cid = register(chief, 1, agency=BRIGADE)
    rid = review(reviewer, cid, {"S1": 1, "J2": 1, "G2": 1}, submit=False)
    changes = casereviews.review_problems(reviewer, rid, ["S1", "J2"], campaign_id=qh)
    rows = demo.query("SELECT * FROM problems WHERE source = 'case_review' ORDER BY id")
    assert [(r["issue"], r["category"], r["source_ref"]) for r in rows] == [
        ("未告知拟作出的处罚及陈述、申辩权", "执法不规范", f"casereview:{rid}:J2"),
        ("未在7日内送达处罚决定书", "执法不规范", f"casereview:{rid}:S1")]
    assert rows[1]["manifestation"] == "案卷 玛交执罚〔2024〕1号（车辆超限运输）：第1处问题见卷内第3页；扣 4 分（1 处）"
    assert all(r["unit_id"] == one(demo, "SELECT id FROM units WHERE name = ?", BRIGADE)
               and r["campaign_id"] == qh for r in rows)
    assert set(changes.rows["case_review_marks"]) and len(changes.rows["problems"]) == 2
    assert not casereviews.review_problems(reviewer, rid, ["S1", "J2"], campaign_id=qh)
    casereviews.mark_item(reviewer, rid, "S1", 0)       # cleared: its untouched problem goes
    assert one(demo, "SELECT count(*) FROM problems WHERE source = 'case_review'") == 1
    casereviews.review_problems(reviewer, rid)           # the rest, without a campaign
    last = demo.query("SELECT * FROM problems ORDER BY id DESC LIMIT 1")[0]
    assert (last["issue"], last["category"], last["campaign_id"]) == ("卷内目录缺失", "执法不规范",
                                                                      None)
    xy = one(demo, "SELECT id FROM campaigns WHERE doc_no LIKE '襄交%'")
    casereviews.mark_item(reviewer, rid, "D1", 1, "未出示证件")
    with pytest.raises(ValidationError, match="不是本专项行动的问题类别"):
        casereviews.review_problems(reviewer, rid, ["D1"], campaign_id=xy)
    casereviews.review_problems(reviewer, rid, ["D1"], campaign_id=xy, category="其他问题")
    casereviews.discard_review(reviewer, rid)            # its untouched problems go with it
    assert one(demo, "SELECT count(*) FROM problems WHERE source = 'case_review'") == 0
    assert case_file(demo, "玛交执罚〔2024〕1号")["review_state"] == "unreviewed"
    assert demo.verify_audit().ok


# --- summaries ------------------------------------------------------------------------------------

def test_summary_per_unit_and_period(demo: Store, chief: Session, reviewer: Session) -> None:
    station = int(demo.setting("own_unit_id"))
    brigade = one(demo, "SELECT id FROM units WHERE name = ?", BRIGADE)
    plan = [  # (n, agency, closed, marks)
        (1, "", "2024-02-10", {"J4": 1, "M1": 1}),              # 96.5 优秀
        (2, "", "2024-03-11", {"J4": 2, "D2": 3, "D4": 3, "D5": 2, "S1": 1}),   # 72 合格
        (3, BRIGADE, "2024-04-12", {"J4": 1, "D2": 1}),         # 95 优秀
        (4, BRIGADE, "2024-05-13", {"F5": 1}),                  # veto: waits for 复核
        (5, BRIGADE, "2023-11-30", {"J4": 3}),                  # another period
        (6, "", "2024-06-01", None),                           # not reviewed
    ]
    for n, agency, closed, marks in plan:
        cid = register(chief, n, agency=agency, closed_date=closed)
        if marks is not None:
            review(reviewer, cid, marks)
    out = casereviews.review_summary(chief, date_from="2024-01-01", date_to="2024-12-31")
    units = {u["unit_id"]: u for u in out["units"]}
    assert {k: units[station][k] for k in ("files", "excellent", "pass", "fail",
                                           "recheck_required", "unreviewed", "average")} == {
        "files": 3, "excellent": 1, "pass": 1, "fail": 0, "recheck_required": 0,
        "unreviewed": 1, "average": 84.25}
    assert {k: units[brigade][k] for k in ("files", "excellent", "recheck_required",
                                           "average")} == {
        "files": 2, "excellent": 1, "recheck_required": 1, "average": 95}
    assert [(d["code"], d["files"], d["occurrences"]) for d in out["deductions"][:2]] == [
        ("J4", 3, 4), ("D2", 2, 4)]
    assert out["vetoes"] == []                    # the veto is not final until its 复核
    review(chief, one(demo, "SELECT id FROM case_files WHERE case_no LIKE '%〔2024〕4号'"),
           {"F5": 1}, recheck=True)
    out = casereviews.review_summary(chief, unit_id=brigade, date_from="2024-01-01")
    assert [(u["unit_id"], u["fail"], u["average"]) for u in out["units"]] == [(brigade, 1, 47.5)]
    assert [(v["code"], v["text"], v["files"]) for v in out["vetoes"]] == [("F5", "主要证据不足", 1)]
    assert casereviews.review_summary(chief, date_to="2023-12-31")["units"][0]["files"] == 1


def test_a_discarded_review_number_is_not_given_again(demo: Store, chief: Session,
                                                      reviewer: Session) -> None:
    """A problem hung from a discarded review keeps pointing at that review only: the next
    review, of another file, gets a new number (and so a new 来源记录)."""
    first, second = register(chief, 11), register(chief, 12)
    rid = review(reviewer, first, {"D2": 1}, submit=False)
    (pid,) = [int(k) for k in casereviews.review_problems(reviewer, rid).rows["problems"]]
    problems.add_progress_note(chief, pid, "已约谈办案人员。")       # worked on: kept
    casereviews.discard_review(reviewer, rid)
    again = review(reviewer, second, {"D2": 1}, submit=False)
    assert again > rid
    (new,) = [int(k) for k in casereviews.review_problems(reviewer, again).rows["problems"]]
    assert new != pid
    assert demo.query("SELECT source_ref FROM problems WHERE id = ?", (new,))[0]["source_ref"] \
        == f"casereview:{again}:D2"
