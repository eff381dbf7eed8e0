"""Import of the ledgers units keep in Excel: real .xlsx files built to the two forms of the
campaign notice (附件1 “回头看”清查评估台账, 附件2 专项整治问题清单), broken ones included, read
into a preview that stores nothing, then stored in one transaction without duplicates."""
from __future__ import annotations

import hashlib
import zipfile
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest
from openpyxl import load_workbook

from conftest import login_as
from core_helpers import is_chinese
from models import audit, ledger_import, ledger_query, problems, xlsx_forms, xlsx_read
from models.errors import Cancelled, ValidationError
from models.ledger_import import ImportPreview, ImportRow
from models.ledger_query import LedgerFilter
from models.session import Session
from models.store import Store
from xlsx_builders import CHECKLIST, REVIEW, Raw, add_form, new_workbook, write_form

XIANGYUAN = "襄交〔2024〕127号"        # 8 categories, 2024-06-01 .. 2024-10-20
QINGHAI = "青交执法监法〔2023〕30号"    # 5 categories, 2023


# --- helpers ------------------------------------------------------------------------------------

def one(store: Store, sql: str, *params: Any) -> Any:
    return store.conn.execute(sql, params).fetchone()[0]


def campaign(store: Store, doc_no: str) -> int:
    return one(store, "SELECT id FROM campaigns WHERE doc_no = ?", doc_no)


def person(store: Store, name: str) -> int:
    return one(store, "SELECT id FROM people WHERE name = ?", name)


def count(store: Store, table: str) -> int:
    return one(store, f"SELECT count(*) FROM {table}")


def texts(row: ImportRow, level: str | None = None) -> list[str]:
    """The row's notes as the user reads them (of one level when given)."""
    return [n.text() for n in row.notes if level is None or n.level == level]


def snapshot(store: Store) -> tuple[int, int, int, tuple[int, str]]:
    return (count(store, "problems"), count(store, "problem_events"),
            count(store, "problem_imports"), audit.head(store.conn))


def stored(store: Store, row: ImportRow) -> dict[str, Any]:
    """The problem stored from ``row`` (found by the file row it came from)."""
    pid = one(store, "SELECT problem_id FROM problem_imports WHERE sheet = ? AND row_no = ?",
              row.sheet, row.row_no)
    return store.query("SELECT * FROM problems WHERE id = ?", (pid,))[0]


@pytest.fixture
def chief(demo: Store) -> Session:
    return login_as(demo, "chief")


@pytest.fixture
def xy(demo: Store) -> int:
    return campaign(demo, XIANGYUAN)


@pytest.fixture
def qh(demo: Store) -> int:
    return campaign(demo, QINGHAI)


#: 存在问题, 具体表现, 整改措施, 责任部门(人), 整改时限, 备注 — a 问题清单 as a unit fills it in.
CHECKLIST_ROWS: list[list[Any]] = [
    ["运动式执法问题", "夜间集中查车，白天放任不管", "建立日常巡查制度，按班次轮流上路",
     "一班 李海龙", datetime(2024, 8, 31), ""],
    ["“一刀切”执法问题", "对轻微超限车辆一律顶格处罚", "严格执行自由裁量基准", "法制组", "2024/9/15",
     "已纳入法制审核"],
    ["（三）“一刀切”执法问题", "不区分情节一律扣车", "制定扣车情形清单", "二班、索南扎西", "2024.7.31", ""],
    ["运动式执法问题：夜间集中查车", "检查后即放松管理", "常态化开展路面巡查", "张三", "2024年10月20日前", ""],
    ["机械执法问题", "对首次轻微违法车辆未教育引导", "落实首违不罚清单", "二班", "9月30日前", ""],
    ["逐利执法问题", "按月统计罚款数额并排名", "取消罚没排名", "综合办公室", "2024年8月底", ""],
    ["简单粗暴执法问题", "拦车时语言生硬", "开展文明执法培训", "一班", 45535, ""],
    ["治超联合执法机制落实不到位的问题", "路警联勤时有脱岗", "完善联勤值班表", "一班 李海龙", "长期坚持", ""],
]


# --- 1. the 问题清单 --------------------------------------------------------------------------------

def test_checklist_rows_as_they_will_be_stored(demo: Store, chief: Session, xy: int,
                                               tmp_path: Path) -> None:
    path = write_form(tmp_path / "问题清单.xlsx", "checklist", CHECKLIST_ROWS)
    p = ledger_import.preview_file(chief, path, xy)
    assert p.layouts == ("checklist",) and p.sheets == ("checklist",)
    assert p.unit_text == "玛沁县大武超限检测站" and p.notes == ()
    assert p.file_name == "问题清单.xlsx" and p.campaign_id == xy
    assert p.file_sha256 == hashlib.sha256(path.read_bytes()).hexdigest()
    assert [r.row_no for r in p.rows] == list(range(5, 13))
    assert [r.state for r in p.rows] == ["new"] * 8, [texts(r) for r in p.rows]
    li, sonam = person(demo, "李海龙"), person(demo, "索南扎西")
    r = p.rows
    assert r[0].values == {
        "issue": "运动式执法问题", "manifestation": "夜间集中查车，白天放任不管",
        "measures": "建立日常巡查制度，按班次轮流上路", "category": "运动式执法",
        "responsible_person_id": li, "responsible_dept": "一班", "deadline": "2024-08-31",
        "status": "open", "rebound": 0}
    assert r[0].person_name == "李海龙" and r[0].notes == ()
    # the category named by 存在问题, however it is written
    assert [row.values["category"] for row in r] == [
        "运动式执法", "“一刀切”执法", "“一刀切”执法", "运动式执法", "机械执法", "逐利执法",
        "简单粗暴执法", "治超联合执法机制落实不到位"]
    assert r[2].values["issue"] == "（三）“一刀切”执法问题"      # kept as written
    assert r[3].values["issue"] == "运动式执法问题：夜间集中查车"
    # 责任部门(人)
    assert r[1].values["responsible_dept"] == "法制组" and "responsible_person_id" not in r[1].values
    assert r[1].notes == () and r[1].values["remarks"] == "已纳入法制审核"
    assert (r[2].values["responsible_dept"], r[2].values["responsible_person_id"]) == ("二班", sonam)
    assert "responsible_person_id" not in r[3].values
    assert texts(r[3]) == ["“张三”不在本单位人员名单中，未关联责任人（可在人员管理中添加后再指定）。"]
    assert [n.level for n in r[3].notes] == ["warning"]
    # 整改时限 of every kind
    assert [row.values.get("deadline") for row in r] == [
        "2024-08-31", "2024-09-15", "2024-07-31", "2024-10-20", "2024-09-30", "2024-08-31",
        "2024-08-31", None]
    assert r[7].values["remarks"] == "整改时限：长期坚持"
    assert texts(r[7], "warning") == ["整改时限为“长期坚持”：不设日期，原文记入备注。"]


def test_checklist_import_stores_rows_events_and_audit(demo: Store, chief: Session, xy: int,
                                                       tmp_path: Path) -> None:
    problems.create_problem(chief, campaign_id=xy, category="逐利执法", issue="罚没款与绩效挂钩")
    path = write_form(tmp_path / "问题清单.xlsx", "checklist", CHECKLIST_ROWS)
    p = ledger_import.preview_file(chief, path, xy)
    head = audit.head(demo.conn)
    changes = ledger_import.import_rows(chief, p)
    assert len(changes.rows["problems"]) == 8
    assert len(changes.rows["problem_events"]) == 8 and len(changes.rows["problem_imports"]) == 8

    got = demo.query("SELECT p.*, i.row_no, i.sheet, i.layout, i.file_name, i.file_sha256,"
                     " i.row_key, i.account_id AS importer FROM problems p"
                     " JOIN problem_imports i ON i.problem_id = p.id ORDER BY p.seq_no")
    assert [g["seq_no"] for g in got] == list(range(2, 10))   # after the one entered by hand
    assert [g["row_no"] for g in got] == list(range(5, 13))
    unit = one(demo, "SELECT value FROM settings WHERE key = 'own_unit_id'")
    for g, row in zip(got, p.rows):
        assert {k: g[k] for k in row.values} == row.values
        assert g["status"] == "open" and g["closed_at"] is None
        assert g["campaign_id"] == xy and str(g["unit_id"]) == str(unit)
        assert (g["sheet"], g["layout"], g["file_name"]) == ("checklist", "checklist", "问题清单.xlsx")
        assert g["file_sha256"] == p.file_sha256 and g["row_key"] == row.key
        assert g["importer"] == chief.account_id
        events = demo.query("SELECT * FROM problem_events WHERE problem_id = ?", (g["id"],))
        assert len(events) == 1
        assert (events[0]["from_status"], events[0]["to_status"]) == (None, "open")
        assert events[0]["account_id"] == chief.account_id
        assert events[0]["note"] == f"从 Excel 导入：问题清单.xlsx（checklist 第 {g['row_no']} 行）"
        entries = demo.query("SELECT actor, action FROM audit_log WHERE tbl = 'problems'"
                             " AND row_key = ? AND seq > ?", (str(g["id"]), head[0]))
        assert entries == [{"actor": chief.actor, "action": "insert"}]
    for table in ("problem_events", "problem_imports"):
        assert one(demo, "SELECT count(*) FROM audit_log WHERE tbl = ? AND seq > ?",
                   table, head[0]) == 8
    assert demo.verify_audit().ok

    # the ledger finds what was imported
    found = ledger_query.problem_ids(chief, LedgerFilter(campaign_id=xy, text="白天放任"))
    assert found == [got[0]["id"]]
    assert ledger_query.problem_ids(chief, LedgerFilter(text="长期坚持")) == [got[7]["id"]]


# --- 2. the “回头看” 台账 ---------------------------------------------------------------------------

#: 问题方面, 问题表现, 整改完成情况, 是否取得预期成效, 是否出现反弹, 反弹问题整改措施和完成情况, 责任人签字
REVIEW_ROWS: list[list[Any]] = [
    ["逐利执法", "下达或变相下达罚没指标", "已废止罚没排名通报", "是", "否", "", "李海龙"],
    ["执法不规范问题", "随意拦车扣车", "已制定拦车检查规范", "是", "是", "重新组织培训，已完成整改", "索南扎西"],
    ["执法粗暴", "不听当事人陈述申辩", "正在修订复磅登记制度", "否", "否", "", "王五"],
    ["执法“寻租”", "对执法辅助人员监管不力", "建立带班制度", "是", "", "", ""],
    ["执法方式简单僵化", "以罚代管、一罚了之", "落实首违不罚清单", "基本取得", "否", "", "李海龙"],
]


def test_review_evaluation_sets_the_state(demo: Store, chief: Session, qh: int,
                                          tmp_path: Path) -> None:
    path = write_form(tmp_path / "回头看.xlsx", "review", REVIEW_ROWS)
    p = ledger_import.preview_file(chief, path, qh)
    assert p.layouts == ("review",) and p.unit_text == "玛沁县大武超限检测站"
    r = p.rows
    assert [row.state for row in r] == ["new", "new", "new", "new", "error"]
    li, sonam = person(demo, "李海龙"), person(demo, "索南扎西")
    assert r[0].values == {
        "issue": "下达或变相下达罚没指标", "completion": "已废止罚没排名通报", "category": "逐利执法",
        "responsible_person_id": li, "effective": "yes", "status": "closed", "rebound": 0}
    assert r[0].notes == () and r[0].person_name == "李海龙"
    # a rebound
    assert (r[1].values["status"], r[1].values["rebound"]) == ("rebound", 1)
    assert r[1].values["rebound_measures"] == "重新组织培训，已完成整改"
    assert r[1].values["category"] == "执法不规范" and r[1].values["responsible_person_id"] == sonam
    # not effective: still being worked on; an unknown signature goes to 备注
    assert r[2].values["status"] == "in_progress" and r[2].values["effective"] == "no"
    assert "responsible_person_id" not in r[2].values
    assert r[2].values["remarks"] == "责任人签字：王五"
    assert texts(r[2]) == ["“王五”不在本单位人员名单中，未关联责任人（可在人员管理中添加后再指定）。"]
    assert r[3].values["status"] == "closed" and r[3].values["category"] == "执法“寻租”"
    # 是/否 that is neither
    assert texts(r[4], "error") == ["“是否取得预期成效”应填“是”或“否”，而不是：基本取得。"]

    ledger_import.import_rows(chief, p)
    assert count(demo, "problems") == 4
    closed = stored(demo, r[0])
    assert closed["status"] == "closed" and closed["closed_at"] and closed["effective"] == "yes"
    rebound = stored(demo, r[1])
    assert (rebound["status"], rebound["rebound"], rebound["closed_at"]) == ("rebound", 1, None)
    assert stored(demo, r[2])["status"] == "in_progress"
    events = demo.query("SELECT to_status FROM problem_events ORDER BY id")
    assert [e["to_status"] for e in events] == ["closed", "rebound", "in_progress", "closed"]
    assert not demo.conn.execute("SELECT 1 FROM problem_imports WHERE row_no = 9").fetchone()


@pytest.mark.parametrize("user,expected", [("chief", "closed"), ("reviewer", "closed"),
                                           ("officer", "rectified")])
def test_effective_rows_are_struck_off_only_by_a_verifier(demo: Store, qh: int, tmp_path: Path,
                                                         user: str, expected: str) -> None:
    path = write_form(tmp_path / "回头看.xlsx", "review", REVIEW_ROWS[:1])
    session = login_as(demo, user)
    p = ledger_import.preview_file(session, path, qh)
    assert p.rows[0].values["status"] == expected
    ledger_import.import_rows(session, p)
    row = demo.query("SELECT status, closed_at FROM problems")[0]
    assert row["status"] == expected and bool(row["closed_at"]) == (expected == "closed")


def test_an_officer_importing_a_chiefs_preview_does_not_strike_off(demo: Store, chief: Session,
                                                                   qh: int, tmp_path: Path) -> None:
    path = write_form(tmp_path / "回头看.xlsx", "review", REVIEW_ROWS[:1])
    p = ledger_import.preview_file(chief, path, qh)
    assert p.rows[0].values["status"] == "closed"
    ledger_import.import_rows(login_as(demo, "officer"), p)
    assert demo.query("SELECT status, closed_at FROM problems")[0] == {
        "status": "rectified", "closed_at": None}
    assert one(demo, "SELECT to_status FROM problem_events") == "rectified"


# --- 3. row errors ------------------------------------------------------------------------------

def test_row_errors_are_chinese_and_stop_only_their_row(demo: Store, chief: Session, xy: int,
                                                        tmp_path: Path) -> None:
    rows = [
        ["运动式执法问题", "节假日集中突击查车", "纳入日常巡查", "一班", "2024-08-31", ""],
        ["乱收费问题", "收取停车费", "立即停止", "一班", "2024-08-31", ""],
        ["机械执法问题", "不看情节一律处罚", "执行裁量基准", "一班", "尽快整改", ""],
        ["", "只写了表现，没有写存在问题", "补填", "一班", "", ""],
        ["野蛮执法问题", "长" * 4001, "约谈", "一班", "", ""],
        ["简单粗暴执法问题", "拦车时语言生硬", "培训", "部" * 101, "", ""],
        ["逐利执法问题", "罚款与绩效挂钩", "取消挂钩", "综合办公室", datetime(2024, 7, 31), ""],
    ]
    path = write_form(tmp_path / "问题清单.xlsx", "checklist", rows)
    p = ledger_import.preview_file(chief, path, xy)
    assert [r.state for r in p.rows] == ["new", "error", "error", "error", "error", "error", "new"]
    unknown, bad_date, missing, too_long, long_dept = p.rows[1:6]
    assert texts(unknown, "error") == [(
        "问题类别无法识别：“乱收费问题”。本专项行动的问题类别为：治超联合执法机制落实不到位、运动式执法、"
        "“一刀切”执法、简单粗暴执法、野蛮执法、机械执法、逐利执法、其他问题。")]
    assert texts(bad_date, "error") == [
        "“整改时限”不是日期：尽快整改（应为 2024-08-31、2024/8/31 或 2024年8月31日）。"]
    assert texts(missing, "error") == ["缺少“存在问题”。"]
    assert texts(too_long, "error") == ["“具体表现”太长（最多 4000 个字）。"]
    assert texts(long_dept, "error") == ["“责任部门”太长（最多 100 个字）。"]
    for row in p.rows[1:6]:
        assert all(is_chinese(t) for t in texts(row))

    ledger_import.import_rows(chief, p)
    assert sorted(r["row_no"] for r in demo.query("SELECT row_no FROM problem_imports")) == [5, 11]
    assert sorted(r["issue"] for r in demo.query("SELECT issue FROM problems")) == [
        "运动式执法问题", "逐利执法问题"]


def test_review_row_missing_its_aspect_or_its_issue(chief: Session, qh: int,
                                                    tmp_path: Path) -> None:
    rows = [["", "执法记录仪未全程记录", "已整改", "是", "否", "", ""],
            ["执法不规范", "", "已整改", "是", "否", "", ""]]
    p = ledger_import.preview_file(chief, write_form(tmp_path / "回头看.xlsx", "review", rows), qh)
    assert [r.state for r in p.rows] == ["error", "error"]
    assert texts(p.rows[0], "error") == ["缺少“问题方面”。"]
    assert texts(p.rows[1], "error") == ["缺少“问题表现”。"]


def test_default_category_turns_an_unknown_one_into_a_warning(demo: Store, chief: Session,
                                                              xy: int, tmp_path: Path) -> None:
    rows = [["乱收费问题", "收取停车费", "立即停止", "一班", "2024-08-31", ""]]
    path = write_form(tmp_path / "问题清单.xlsx", "checklist", rows)
    p = ledger_import.preview_file(chief, path, xy, default_category="其他问题")
    (row,) = p.rows
    assert row.state == "new" and row.values["category"] == "其他问题"
    assert texts(row) == ["“乱收费问题”不是本专项行动的问题类别，已归入“其他问题”。"]
    ledger_import.import_rows(chief, p)
    assert one(demo, "SELECT category FROM problems WHERE issue = '乱收费问题'") == "其他问题"
    # a default that is not a category of the campaign is refused at once
    with pytest.raises(ValidationError) as info:
        ledger_import.preview_file(chief, path, xy, default_category="乱收费")
    assert "“乱收费”不是本专项行动的问题类别" in str(info.value)


def test_an_issue_longer_than_the_limit_is_kept_whole(demo: Store, chief: Session, xy: int,
                                                      tmp_path: Path) -> None:
    long_issue = "运动式执法问题：" + "节假日前后集中上路查车，平时疏于管理，" * 40
    rows = [[long_issue, "", "纳入日常巡查", "一班", "", ""],
            [long_issue + "另一处", "群众反映强烈", "纳入日常巡查", "一班", "", ""]]
    p = ledger_import.preview_file(chief, write_form(tmp_path / "长.xlsx", "checklist", rows), xy)
    assert [r.state for r in p.rows] == ["new", "new"]
    for row in p.rows:
        assert len(row.values["issue"]) == 500 and row.values["issue"].endswith("…")
        assert texts(row) == ["“存在问题”超过 500 字：已截短，完整内容放入“具体表现”。"]
        assert row.values["category"] == "运动式执法"
    assert p.rows[0].values["manifestation"] == long_issue
    # the full text is not lost when 具体表现 is filled in too
    assert long_issue + "另一处" in p.rows[1].values["manifestation"]
    assert "群众反映强烈" in p.rows[1].values["manifestation"]
    ledger_import.import_rows(chief, p)
    assert count(demo, "problems") == 2


# --- 4. a preview stores nothing ---------------------------------------------------------------

def test_preview_stores_nothing(demo: Store, chief: Session, xy: int, qh: int,
                                tmp_path: Path) -> None:
    checklist = write_form(tmp_path / "问题清单.xlsx", "checklist", CHECKLIST_ROWS)
    review = write_form(tmp_path / "回头看.xlsx", "review", REVIEW_ROWS)
    before = snapshot(demo)
    audit_rows = count(demo, "audit_log")
    for _ in range(2):
        assert ledger_import.preview_file(chief, checklist, xy).count("new") == 8
        assert ledger_import.preview_file(chief, review, qh).count("new") == 4
    assert snapshot(demo) == before and count(demo, "audit_log") == audit_rows


# --- 5. no duplicates ---------------------------------------------------------------------------

def test_importing_the_same_file_again_stores_nothing(demo: Store, chief: Session, xy: int,
                                                      tmp_path: Path) -> None:
    path = write_form(tmp_path / "问题清单.xlsx", "checklist", CHECKLIST_ROWS)
    ledger_import.import_rows(chief, ledger_import.preview_file(chief, path, xy))
    before = snapshot(demo)
    again = ledger_import.preview_file(chief, path, xy)
    assert [r.state for r in again.rows] == ["duplicate"] * 8
    assert texts(again.rows[0]) == ["台账中已有这个问题（以前导入或登记过），跳过。"]
    changes = ledger_import.import_rows(chief, again)
    assert not changes
    assert snapshot(demo)[:3] == before[:3]
    # the same file under another name, by another user: still the same rows
    copy = tmp_path / "问题清单（副本）.xlsx"
    copy.write_bytes(path.read_bytes())
    officer = login_as(demo, "officer")
    assert ledger_import.preview_file(officer, copy, xy).count("duplicate") == 8


def test_an_edited_copy_adds_only_its_new_rows(demo: Store, chief: Session, xy: int,
                                               tmp_path: Path) -> None:
    first = write_form(tmp_path / "问题清单6月.xlsx", "checklist", CHECKLIST_ROWS)
    ledger_import.import_rows(chief, ledger_import.preview_file(chief, first, xy))
    edited = [list(r) for r in CHECKLIST_ROWS]
    edited.insert(2, ["野蛮执法问题", "暴力拦截货车", "开展警示教育", "二班", "2024-09-30", ""])  # added
    edited[5][1] = "对首次轻微违法车辆未教育引导，直接罚款"                                  # changed
    edited[6][2] = "取消罚没排名，改为执法质量考核"   # only its 整改措施: the ledger has the problem
    assert edited[5][0] == "机械执法问题" and edited[6][0] == "逐利执法问题"
    second = write_form(tmp_path / "问题清单7月.xlsx", "checklist", edited)
    p = ledger_import.preview_file(chief, second, xy)
    new = [r for r in p.rows if r.state == "new"]
    assert [(r.row_no, r.values["issue"]) for r in new] == [(7, "野蛮执法问题"), (10, "机械执法问题")]
    assert p.count("duplicate") == 7
    ledger_import.import_rows(chief, p)
    assert count(demo, "problems") == 10
    assert one(demo, "SELECT max(seq_no) FROM problems") == 10


def test_a_problem_entered_by_hand_is_a_duplicate(demo: Store, chief: Session, xy: int,
                                                  tmp_path: Path) -> None:
    problems.create_problem(chief, campaign_id=xy, category="运动式执法", issue="运动式执法问题",
                            manifestation="夜间集中查车，白天放任不管")
    path = write_form(tmp_path / "问题清单.xlsx", "checklist", CHECKLIST_ROWS[:2])
    p = ledger_import.preview_file(chief, path, xy)
    assert [r.state for r in p.rows] == ["duplicate", "new"]
    # the same text in another campaign is not the same problem
    other = ledger_import.preview_file(chief, path, campaign(demo, QINGHAI),
                                       default_category="逐利执法")
    assert other.rows[0].state == "new"


def test_the_same_row_twice_in_one_file(demo: Store, chief: Session, xy: int,
                                        tmp_path: Path) -> None:
    rows = [CHECKLIST_ROWS[0], CHECKLIST_ROWS[1], CHECKLIST_ROWS[0]]
    p = ledger_import.preview_file(chief, write_form(tmp_path / "重复.xlsx", "checklist", rows), xy)
    assert [r.state for r in p.rows] == ["new", "new", "duplicate"]
    assert texts(p.rows[2]) == ["与本文件第 5 行相同，跳过。"]
    ledger_import.import_rows(chief, p)
    assert count(demo, "problems") == 2


# --- 6. broken files ----------------------------------------------------------------------------

def raises_chinese(exc_type: type[Exception], chief: Session, path: Path, cid: int) -> str:
    with pytest.raises(exc_type) as info:
        ledger_import.preview_file(chief, path, cid)
    message = str(info.value)
    assert is_chinese(message), message
    return message


def test_no_header(chief: Session, xy: int, tmp_path: Path) -> None:
    header = ("编号", "内容", "情况", "时间")
    path = write_form(tmp_path / "随便.xlsx", "checklist", [["a", "b", "c"]], header=header)
    message = raises_chinese(ledger_import.NoHeader, chief, path, xy)
    assert "随便.xlsx" in message
    assert "序号 存在问题 具体表现 整改措施 责任部门(人) 整改时限 备注" in message
    assert "序号 问题方面 问题表现 整改完成情况 是否取得预期成效 是否出现反弹 反弹问题整改措施和完成情况 责任人签字" \
        in message


def test_header_missing_a_required_column(chief: Session, xy: int, tmp_path: Path) -> None:
    header = ("序号", "具体表现", "整改措施", "责任部门(人)", "整改时限", "备注")
    path = write_form(tmp_path / "缺列.xlsx", "checklist", [["b", "c", "一班", "2024-08-31", ""]],
                      header=header)
    message = raises_chinese(ledger_import.MissingColumns, chief, path, xy)
    assert "存在问题" in message and "第 4 行" in message and "“checklist”" in message
    header = ("序号", "问题表现", "整改完成情况", "是否取得预期成效", "是否出现反弹",
              "反弹问题整改措施和完成情况", "责任人签字")
    path = write_form(tmp_path / "缺列2.xlsx", "review", [["a", "b", "是", "否", "", ""]],
                      header=header)
    assert "问题方面" in raises_chinese(ledger_import.MissingColumns, chief, path, xy)


def test_header_written_differently_is_recognised(chief: Session, xy: int, tmp_path: Path) -> None:
    """全角 brackets, spaces and line breaks in header cells, a trailing colon."""
    header = ("序 号", "存在\n问题", "具体表现：", "整改措施", "责任部门（人）", "整改\n时限", "备  注")
    path = write_form(tmp_path / "表头.xlsx", "checklist", CHECKLIST_ROWS[:1], header=header)
    p = ledger_import.preview_file(chief, path, xy)
    assert [r.state for r in p.rows] == ["new"] and p.notes == ()
    assert p.rows[0].values["responsible_dept"] == "一班"
    assert p.rows[0].values["deadline"] == "2024-08-31"


def test_vertically_merged_cells_fill_every_row(chief: Session, xy: int, qh: int,
                                                tmp_path: Path) -> None:
    wb = new_workbook()
    ws = add_form(wb, "checklist", [
        ["运动式执法问题", "节假日前集中查车", "纳入日常巡查", "一班", "2024-08-31", ""],
        [None, "考核前突击处罚", "取消突击考核", "二班", "2024-08-31", ""],
        [None, "专项检查后放松管理", "常态化巡查", "三班", "2024-08-31", ""],
        ["逐利执法问题", "罚款与绩效挂钩", "取消挂钩", "综合办公室", "2024-08-31", ""],
    ])
    ws.merge_cells("B5:B7")
    wb.save(tmp_path / "合并.xlsx")
    p = ledger_import.preview_file(chief, tmp_path / "合并.xlsx", xy)
    assert [r.state for r in p.rows] == ["new"] * 4
    assert [r.values["issue"] for r in p.rows] == ["运动式执法问题"] * 3 + ["逐利执法问题"]
    assert [r.values["category"] for r in p.rows] == ["运动式执法"] * 3 + ["逐利执法"]
    assert all(r.notes == () for r in p.rows)

    wb = new_workbook()
    ws = add_form(wb, "review", [
        ["执法不规范", "随意拦车扣车", "已制定规范", "是", "否", "", "李海龙"],
        [None, "处罚决定书送达超期", "建立送达台账", "是", "否", "", "李海龙"],
        [None, "执法记录仪未全程记录", "每班检查记录仪", "否", "否", "", "索南扎西"],
    ])
    ws.merge_cells("B5:B7")
    wb.save(tmp_path / "合并2.xlsx")
    p = ledger_import.preview_file(chief, tmp_path / "合并2.xlsx", qh)
    assert [r.values["category"] for r in p.rows] == ["执法不规范"] * 3
    assert [r.state for r in p.rows] == ["new"] * 3


def test_a_horizontal_merge_in_a_data_row_is_a_warning(chief: Session, xy: int,
                                                       tmp_path: Path) -> None:
    wb = new_workbook()
    ws = add_form(wb, "checklist", [
        ["运动式执法问题", "节假日前集中查车", "纳入日常巡查，由一班负责", None, "2024-08-31", ""],
        ["逐利执法问题", "罚款与绩效挂钩", "取消挂钩", "综合办公室", "2024-08-31", ""],
    ])
    ws.merge_cells("D5:E5")
    wb.save(tmp_path / "横向.xlsx")
    p = ledger_import.preview_file(chief, tmp_path / "横向.xlsx", xy)
    first = p.rows[0]
    assert first.state == "new"
    assert texts(first) == ["第 D、E 列是横向合并的单元格：内容只读入第一列。"]
    assert first.values["measures"] == "纳入日常巡查，由一班负责"
    assert "responsible_dept" not in first.values     # read into the first column only
    assert p.rows[1].notes == ()


def test_empty_rows_blank_numbered_rows_repeated_header_and_footer_are_skipped(
        chief: Session, xy: int, tmp_path: Path) -> None:
    rows: list[Any] = [
        CHECKLIST_ROWS[0],
        [],                                     # row 6: empty
        CHECKLIST_ROWS[1],
        Raw(CHECKLIST.header),                  # row 8: the header again (a second printed page)
        Raw((None, "  ", None, "", None)),      # row 9: only spaces
        CHECKLIST_ROWS[2],
        Raw((99,)),                             # row 11: a numbered row with nothing else
        Raw(("填 报 人: 王丽",)),                 # row 12: a footer line in the middle
        CHECKLIST_ROWS[3],
    ]
    path = write_form(tmp_path / "空行.xlsx", "checklist", rows, blank_rows=5)
    p = ledger_import.preview_file(chief, path, xy)
    assert [r.row_no for r in p.rows] == [5, 7, 10, 13]
    assert [r.state for r in p.rows] == ["new"] * 4
    # the review form's footer (审核人 / 联系人 / 联系电话) likewise
    path = write_form(tmp_path / "回头看.xlsx", "review", REVIEW_ROWS[:2], blank_rows=10)
    p = ledger_import.preview_file(chief, path, campaign(chief.store, QINGHAI))
    assert [r.row_no for r in p.rows] == [5, 6]


def test_not_a_workbook(chief: Session, xy: int, tmp_path: Path) -> None:
    text = tmp_path / "台账.xlsx"
    text.write_text("序号,存在问题,具体表现\n1,运动式执法问题,夜间查车\n", encoding="utf-8")
    assert "台账.xlsx" in raises_chinese(ledger_import.NotAWorkbook, chief, text, xy)
    empty = tmp_path / "空.xlsx"
    empty.write_bytes(b"")
    raises_chinese(ledger_import.NotAWorkbook, chief, empty, xy)
    # a zip that is not a workbook
    other = tmp_path / "压缩包.xlsx"
    with zipfile.ZipFile(other, "w") as z:
        z.writestr("说明.txt", "不是表格")
    raises_chinese(ledger_import.NotAWorkbook, chief, other, xy)


def test_an_old_xls_file(chief: Session, xy: int, tmp_path: Path) -> None:
    xls = tmp_path / "问题清单.xls"
    xls.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 4096)
    message = raises_chinese(ledger_import.OldFormat, chief, xls, xy)
    assert "问题清单.xls" in message and ".xlsx" in message


def test_a_truncated_workbook(chief: Session, xy: int, tmp_path: Path) -> None:
    good = write_form(tmp_path / "完整.xlsx", "checklist", CHECKLIST_ROWS)
    cut = tmp_path / "截断.xlsx"
    data = good.read_bytes()
    cut.write_bytes(data[: len(data) // 2])
    assert "截断.xlsx" in raises_chinese(ledger_import.NotAWorkbook, chief, cut, xy)


def test_a_file_too_large(chief: Session, xy: int, tmp_path: Path,
                          monkeypatch: pytest.MonkeyPatch) -> None:
    path = write_form(tmp_path / "大.xlsx", "checklist", CHECKLIST_ROWS)
    monkeypatch.setattr(xlsx_read, "MAX_FILE_BYTES", 1024)
    message = raises_chinese(ledger_import.FileTooLarge, chief, path, xy)
    assert "大.xlsx" in message and "MB" in message


def test_a_missing_file(chief: Session, xy: int, tmp_path: Path) -> None:
    message = raises_chinese(ledger_import.FileReadError, chief, tmp_path / "不存在.xlsx", xy)
    assert "不存在.xlsx" in message


# --- 7. several sheets --------------------------------------------------------------------------

def test_both_forms_in_one_workbook(demo: Store, chief: Session, xy: int, tmp_path: Path) -> None:
    wb = new_workbook()
    notes = wb.create_sheet("填表说明")
    notes.append(["请按通知附件格式填写，不要改动表头。"])
    add_form(wb, "checklist", CHECKLIST_ROWS[:3], sheet="问题清单")
    add_form(wb, "review", [["运动式执法", "节假日集中查车", "已纳入日常巡查", "是", "否", "", "李海龙"],
                            ["逐利执法", "罚没排名通报", "已废止", "否", "否", "", "索南扎西"]],
             sheet="回头看台账")
    wb.save(tmp_path / "两张表.xlsx")
    p = ledger_import.preview_file(chief, tmp_path / "两张表.xlsx", xy)
    assert p.layouts == ("checklist", "review")
    assert p.sheets == ("问题清单", "回头看台账")
    assert [(r.sheet, r.layout, r.row_no) for r in p.rows] == [
        ("问题清单", "checklist", 5), ("问题清单", "checklist", 6), ("问题清单", "checklist", 7),
        ("回头看台账", "review", 5), ("回头看台账", "review", 6)]
    assert p.count("new") == 5
    ledger_import.import_rows(chief, p)
    assert sorted((r["sheet"], r["row_no"]) for r in demo.query(
        "SELECT sheet, row_no FROM problem_imports")) == [
        ("回头看台账", 5), ("回头看台账", 6), ("问题清单", 5), ("问题清单", 6), ("问题清单", 7)]
    assert one(demo, "SELECT note FROM problem_events WHERE note LIKE '%回头看台账 第 6 行%'")


def test_the_unit_on_the_form_differs(chief: Session, xy: int, tmp_path: Path) -> None:
    path = write_form(tmp_path / "别的单位.xlsx", "checklist", CHECKLIST_ROWS[:1],
                      lines=("单 位 (公 章) : 襄垣县交通运输综合行政执法队", "2024 年 6 月 28 日"))
    p = ledger_import.preview_file(chief, path, xy)
    assert p.unit_text == "襄垣县交通运输综合行政执法队"
    assert [n.text() for n in p.notes] == [
        "表中的填报单位“襄垣县交通运输综合行政执法队”与本单位“玛沁县大武超限检测站”不同：问题将记入本单位。"]
    assert p.count("new") == 1


# --- 8. the blank forms -------------------------------------------------------------------------

@pytest.mark.parametrize("key", sorted(xlsx_forms.LAYOUTS))
def test_blank_form_reads_back_empty(chief: Session, xy: int, tmp_path: Path, key: str) -> None:
    layout = xlsx_forms.LAYOUTS[key]
    path = tmp_path / f"{key}.xlsx"
    xlsx_forms.write_blank(path, layout, rows=15)
    p = ledger_import.preview_file(chief, path, xy)
    assert p.layouts == (key,) and p.rows == () and p.notes == () and p.unit_text == ""

    form = {"checklist": CHECKLIST, "review": REVIEW}[key]
    ws = load_workbook(path).active
    n = len(layout.columns)
    header_row = len(layout.lines) + 2
    assert ws["A1"].value == layout.title == form.title
    assert any(str(r) == f"A1:{chr(64 + n)}1" for r in ws.merged_cells.ranges)
    assert [ws.cell(header_row, j).value for j in range(1, n + 1)] == list(form.header)
    assert [ws.cell(header_row + k, 1).value for k in range(1, 16)] == list(range(1, 16))
    below = [ws.cell(r, 1).value for r in range(header_row + 16, ws.max_row + 1)]
    assert [v for v in below if v] == list(layout.footer) + ([layout.note] if layout.note else [])


def test_blank_form_with_the_unit_filled_in(chief: Session, xy: int, tmp_path: Path) -> None:
    path = tmp_path / "清单.xlsx"
    xlsx_forms.write_blank(path, xlsx_forms.CHECKLIST, unit_name="玛沁县大武超限检测站")
    assert load_workbook(path).active["A2"].value == "单 位 (公 章) :玛沁县大武超限检测站"
    p = ledger_import.preview_file(chief, path, xy)
    assert p.unit_text == "玛沁县大武超限检测站" and p.notes == () and p.rows == ()
    # filled in, the blank form imports
    wb = load_workbook(path)
    ws = wb.active
    for j, value in enumerate(CHECKLIST_ROWS[0], 2):
        ws.cell(5, j).value = value
    wb.save(path)
    p = ledger_import.preview_file(chief, path, xy)
    assert [(r.row_no, r.state) for r in p.rows] == [(5, "new")]


# --- 9. a big ledger ----------------------------------------------------------------------------

def test_ten_thousand_rows(demo: Store, chief: Session, xy: int, tmp_path: Path) -> None:
    issues = ["治超联合执法机制落实不到位的问题", "运动式执法问题", "“一刀切”执法问题", "简单粗暴执法问题",
              "野蛮执法问题", "机械执法问题", "逐利执法问题", "其他问题"]
    places = ["大武检测站", "花石峡路段", "玛沁收费站", "拉加镇路口", "东倾沟卡点"]
    depts = ["一班 李海龙", "二班 索南扎西", "法制组", "综合办公室 马文斌"]
    rows = [[issues[i % 8], f"{places[i % 5]}第{i}次检查中发现执法时紧时松，夜间集中查车",
             f"建立日常巡查制度，第{i}项措施按周落实并公示", depts[i % 4],
             datetime(2024, 7 + i % 3, 1 + i % 28), "" if i % 7 else "已约谈相关人员"]
            for i in range(1, 10001)]
    wb = new_workbook(write_only=True)
    add_form(wb, "checklist", rows, blank_rows=5)
    path = tmp_path / "万行.xlsx"
    wb.save(path)

    p = ledger_import.preview_file(chief, path, xy)
    assert len(p.rows) == 10000 and p.count("new") == 10000
    assert p.rows[-1].row_no == 10004
    last = p.rows[-1].values
    assert last["category"] == "治超联合执法机制落实不到位" and last["responsible_dept"] == "一班"
    assert last["responsible_person_id"] == person(demo, "李海龙")
    assert last["deadline"] == "2024-08-05"

    ledger_import.import_rows(chief, p)
    assert demo.conn.execute("SELECT count(*), min(seq_no), max(seq_no), count(DISTINCT seq_no)"
                             " FROM problems WHERE campaign_id = ?", (xy,)).fetchone() \
        == (10000, 1, 10000, 10000)
    assert count(demo, "problem_imports") == 10000 and count(demo, "problem_events") == 10000
    assert one(demo, "SELECT seq_no FROM problems p JOIN problem_imports i ON i.problem_id = p.id"
                     " WHERE i.row_no = 10004") == 10000


# --- 10. all or nothing -------------------------------------------------------------------------

def many_rows(n: int) -> list[list[Any]]:
    return [["运动式执法问题", f"第{i}号卡点夜间集中查车", "纳入日常巡查", "一班 李海龙", "2024-08-31", ""]
            for i in range(1, n + 1)]


def test_cancelling_an_import_stores_nothing(demo: Store, chief: Session, xy: int,
                                             tmp_path: Path) -> None:
    path = write_form(tmp_path / "问题清单.xlsx", "checklist", many_rows(250))
    p = ledger_import.preview_file(chief, path, xy)
    before = snapshot(demo)
    asked: list[int] = []

    def cancelled() -> bool:
        asked.append(count(demo, "problems"))   # rows are being inserted meanwhile
        return len(asked) >= 2

    with pytest.raises(Cancelled) as info:
        ledger_import.import_rows(chief, p, cancelled=cancelled)
    assert is_chinese(str(info.value))
    assert asked[-1] > 0                          # it was cancelled half-way ...
    assert snapshot(demo) == before               # ... and nothing was kept
    assert demo.verify_audit().ok
    # the same preview can still be imported, whole
    progress: list[tuple[int, int]] = []
    ledger_import.import_rows(chief, p, progress=lambda done, total: progress.append((done, total)))
    assert count(demo, "problems") == 250
    assert progress[-1] == (250, 250) and progress[0] == (100, 250)


def test_cancelling_a_preview(chief: Session, xy: int, tmp_path: Path) -> None:
    path = write_form(tmp_path / "问题清单.xlsx", "checklist", many_rows(450))
    with pytest.raises(Cancelled):
        ledger_import.preview_file(chief, path, xy, cancelled=lambda: True)
    seen: list[tuple[int, int]] = []
    p = ledger_import.preview_file(chief, path, xy, progress=lambda d, t: seen.append((d, t)),
                                   cancelled=lambda: False)
    assert p.count("new") == 450 and seen[-1][0] == seen[-1][1]


def test_importing_a_preview_twice(demo: Store, chief: Session, xy: int, tmp_path: Path) -> None:
    path = write_form(tmp_path / "问题清单.xlsx", "checklist", CHECKLIST_ROWS)
    p = ledger_import.preview_file(chief, path, xy)
    ledger_import.import_rows(chief, p)
    before = snapshot(demo)
    with pytest.raises(ledger_import.StaleRows) as info:
        ledger_import.import_rows(chief, p)
    assert "8 行" in str(info.value) and is_chinese(str(info.value))
    assert snapshot(demo) == before


def test_a_problem_entered_meanwhile_stops_the_import(demo: Store, chief: Session, xy: int,
                                                      tmp_path: Path) -> None:
    path = write_form(tmp_path / "问题清单.xlsx", "checklist", CHECKLIST_ROWS)
    p = ledger_import.preview_file(chief, path, xy)
    officer = login_as(demo, "officer")
    problems.create_problem(officer, campaign_id=xy, category="机械执法", issue="机械执法问题",
                            manifestation="对首次轻微违法车辆未教育引导")
    before = snapshot(demo)
    with pytest.raises(ledger_import.StaleRows) as info:
        ledger_import.import_rows(chief, p)
    assert "1 行" in str(info.value)
    assert snapshot(demo) == before
    again = ledger_import.preview_file(chief, path, xy)
    assert again.count("new") == 7 and again.rows[4].state == "duplicate"


def test_preview_is_a_plain_value(chief: Session, xy: int, tmp_path: Path) -> None:
    """What the GUI holds between preview and confirmation: no open workbook, no connection."""
    path = write_form(tmp_path / "问题清单.xlsx", "checklist", CHECKLIST_ROWS[:2])
    p = ledger_import.preview_file(chief, path, xy)
    assert isinstance(p, ImportPreview) and isinstance(p.rows, tuple)
    path.unlink()     # the file may go away (a USB stick pulled out) before the user confirms
    assert ledger_import.import_rows(chief, p)
