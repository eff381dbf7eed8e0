"""Editing a campaign's categories, phases and materials: renames reach the problems, used
categories stay, order and row ids are kept, every change is audited."""
from __future__ import annotations

from typing import Any

import pytest

from conftest import login_as
from core_helpers import is_chinese
from models import audit, campaigns, problems
from models.errors import NotFound, PermissionDenied, ValidationError
from models.session import Session
from models.store import Store

NEW = {
    "title": "道路运输执法领域突出问题专项整治",
    "doc_no": "果交执法〔2024〕12号",
    "issuer": "果洛州交通运输综合行政执法监督局",
    "kind": "special",
    "start_date": "2024-05-01",
    "end_date": "2024-11-30",
    "note": "全州各站所参加。",
    "categories": ["逐利执法", "执法不规范", "执法粗暴"],
    "phases": [{"name": "动员部署", "deadline": "2024-05-15"},
               {"name": "自查自纠", "start_date": "2024-05-16", "deadline": "2024-06-30",
                "note": "对照清单"}],
    "materials": [{"name": "自查报告", "due_date": "2024-06-25"},
                  {"name": "整改台账", "due_date": "2024-11-05", "note": "附件2"}],
}


@pytest.fixture
def chief(demo: Store) -> Session:
    return login_as(demo, "chief")


def new_campaign(session: Session) -> int:
    changes = campaigns.create_campaign(session, **NEW)
    return int(next(iter(changes.rows["campaigns"])))


def add_problem(session: Session, cid: int, category: str, issue: str) -> int:
    changes = problems.create_problem(session, campaign_id=cid, category=category, issue=issue)
    return int(next(iter(changes.rows["problems"])))


def edited(c: dict[str, Any]) -> dict[str, list[dict[str, Any]]]:
    """The campaign's children as the edit dialog sends them back unchanged."""
    return {"categories": [{"id": x["id"], "name": x["name"]} for x in c["categories"]],
            "phases": [{k: x[k] for k in ("id", "name", "start_date", "deadline", "note")}
                       for x in c["phases"]],
            "materials": [{k: x[k] for k in ("id", "name", "due_date", "note")}
                          for x in c["materials"]]}


def entries_since(store: Store, seq: int) -> list[tuple[str, str, str]]:
    return [(r["action"], r["tbl"], r["row_key"]) for r in store.query(
        "SELECT action, tbl, row_key FROM audit_log WHERE seq > ? ORDER BY seq", (seq,))]


def refused(session: Session, exc: type[Exception], *args: Any, match: str,
            **kwargs: Any) -> Exception:
    """update_campaign_details raises ``exc`` with a Chinese message and writes nothing."""
    head = audit.head(session.store.conn)
    with pytest.raises(exc, match=match) as info:
        campaigns.update_campaign_details(session, *args, **kwargs)
    assert is_chinese(str(info.value))
    assert audit.head(session.store.conn) == head
    return info.value


def test_create_then_read_back(chief: Session) -> None:
    cid = new_campaign(chief)
    c = campaigns.get_campaign(chief, cid)
    assert (c["title"], c["doc_no"], c["issuer"], c["kind"], c["start_date"], c["end_date"],
            c["note"]) == (NEW["title"], NEW["doc_no"], NEW["issuer"], "special", "2024-05-01",
                           "2024-11-30", "全州各站所参加。")
    assert [x["name"] for x in c["categories"]] == NEW["categories"]
    assert [(x["name"], x["start_date"], x["deadline"]) for x in c["phases"]] == [
        ("动员部署", None, "2024-05-15"), ("自查自纠", "2024-05-16", "2024-06-30")]
    assert [(x["name"], x["note"]) for x in c["materials"]] == [("自查报告", ""), ("整改台账", "附件2")]
    assert campaigns.category_usage(chief, cid) == {}
    # saving it back unchanged changes nothing and writes nothing
    head = audit.head(chief.store.conn)
    assert not campaigns.update_campaign_details(chief, cid, **edited(c))
    assert audit.head(chief.store.conn) == head


def test_rename_category_propagates_to_the_problems(chief: Session) -> None:
    cid = new_campaign(chief)
    p1 = add_problem(chief, cid, "逐利执法", "按月下达罚款任务")
    p2 = add_problem(chief, cid, "逐利执法", "罚没款与绩效挂钩")
    p3 = add_problem(chief, cid, "执法粗暴", "不听陈述申辩")
    # a problem of another campaign with the same category name is not touched
    other = chief.store.conn.execute("SELECT id FROM campaigns WHERE doc_no = ?",
                                     ("青交执法监法〔2023〕30号",)).fetchone()[0]
    p4 = add_problem(chief, other, "逐利执法", "另一专项行动的问题")
    c = campaigns.get_campaign(chief, cid)
    ids = [x["id"] for x in c["categories"]]
    data = edited(c)
    data["categories"][0]["name"] = "逐利执法问题"
    head = audit.head(chief.store.conn)[0]

    changes = campaigns.update_campaign_details(chief, cid, **data)

    assert changes.rows["problems"] == {str(p1), str(p2)}
    assert changes.rows["campaign_categories"] == {str(ids[0])}
    after = campaigns.get_campaign(chief, cid)
    assert [(x["id"], x["name"]) for x in after["categories"]] == [
        (ids[0], "逐利执法问题"), (ids[1], "执法不规范"), (ids[2], "执法粗暴")]
    category = {pid: problems.get_problem(chief, pid)["category"] for pid in (p1, p2, p3, p4)}
    assert category == {p1: "逐利执法问题", p2: "逐利执法问题", p3: "执法粗暴", p4: "逐利执法"}
    assert campaigns.category_usage(chief, cid) == {"逐利执法问题": 2, "执法粗暴": 1}
    # the audit trail: the category row, each problem, the campaign's updated_at
    assert entries_since(chief.store, head) == [
        ("update", "campaign_categories", str(ids[0])), ("update", "problems", str(p1)),
        ("update", "problems", str(p2)), ("update", "campaigns", str(cid))]
    image = chief.store.query("SELECT before, after FROM audit_log WHERE tbl = 'problems'"
                              " AND row_key = ? ORDER BY seq DESC LIMIT 1", (str(p1),))[0]
    assert '"category":"逐利执法"' in image["before"].replace(" ", "")
    assert '"category":"逐利执法问题"' in image["after"].replace(" ", "")
    assert chief.store.verify_audit().ok
    # new problems now use the new name; the old one is no longer a category of the campaign
    with pytest.raises(ValidationError, match="不是本专项行动的问题类别"):
        problems.create_problem(chief, campaign_id=cid, category="逐利执法", issue="旧类别")


def test_swapping_two_names_and_reordering(chief: Session) -> None:
    cid = new_campaign(chief)
    pa = add_problem(chief, cid, "逐利执法", "甲")
    pb = add_problem(chief, cid, "执法不规范", "乙")
    c = campaigns.get_campaign(chief, cid)
    a, b, d = c["categories"]
    campaigns.update_campaign_details(chief, cid, categories=[
        {"id": d["id"], "name": "执法粗暴"},
        {"id": b["id"], "name": "逐利执法"},
        {"id": a["id"], "name": "执法不规范"}])
    after = campaigns.get_campaign(chief, cid)
    assert [(x["id"], x["name"], x["position"]) for x in after["categories"]] == [
        (d["id"], "执法粗暴", 1), (b["id"], "逐利执法", 2), (a["id"], "执法不规范", 3)]
    assert problems.get_problem(chief, pa)["category"] == "执法不规范"
    assert problems.get_problem(chief, pb)["category"] == "逐利执法"
    assert chief.store.verify_audit().ok


def test_reorder_keeps_row_ids_and_adds_new_ones(chief: Session) -> None:
    cid = new_campaign(chief)
    c = campaigns.get_campaign(chief, cid)
    ids = [x["id"] for x in c["categories"]]
    head = audit.head(chief.store.conn)[0]
    campaigns.update_campaign_details(chief, cid, categories=[
        {"id": ids[2], "name": "执法粗暴"}, "执法“寻租”", {"id": ids[0], "name": "逐利执法"},
        {"id": ids[1], "name": "执法不规范"}])
    after = campaigns.get_campaign(chief, cid)["categories"]
    assert [x["name"] for x in after] == ["执法粗暴", "执法“寻租”", "逐利执法", "执法不规范"]
    assert [x["id"] for x in after][0] == ids[2] and after[2]["id"] == ids[0]
    assert [x["position"] for x in after] == [1, 2, 3, 4]
    actions = entries_since(chief.store, head)
    assert ("insert", "campaign_categories", str(after[1]["id"])) in actions
    assert not any(a == "delete" for a, _t, _k in actions)


def test_removing_a_used_category_is_refused(chief: Session) -> None:
    cid = new_campaign(chief)
    add_problem(chief, cid, "执法不规范", "随意拦车扣车")
    add_problem(chief, cid, "执法不规范", "选择性执法")
    c = campaigns.get_campaign(chief, cid)
    data = edited(c)
    del data["categories"][1]
    data["phases"].append({"name": "巩固提升", "deadline": "2024-11-20"})  # not saved either
    error = refused(chief, ValidationError, cid, match="执法不规范", **data)
    assert "2 个问题在用" in str(error) and "不能删除" in str(error)
    assert len(campaigns.get_campaign(chief, cid)["phases"]) == 2

    # an unused category may go; its row is deleted (audited)
    data = edited(c)
    removed = data["categories"].pop(2)
    head = audit.head(chief.store.conn)[0]
    campaigns.update_campaign_details(chief, cid, **data)
    assert [x["name"] for x in campaigns.get_campaign(chief, cid)["categories"]] == [
        "逐利执法", "执法不规范"]
    assert ("delete", "campaign_categories", str(removed["id"])) in entries_since(chief.store,
                                                                                    head)


@pytest.mark.parametrize("categories, match", [
    (["逐利执法", "逐利执法"], "问题类别“逐利执法”重复"),
    (["逐利执法", "  "], "“问题类别”不能为空"),
    ([{"id": 999999, "name": "不存在"}], "找不到问题类别"),
])
def test_category_names_are_checked(chief: Session, categories: list, match: str) -> None:
    cid = new_campaign(chief)
    refused(chief, ValidationError if "找不到" not in match else NotFound, cid,
            categories=categories, match=match)


def test_duplicate_name_given_to_an_existing_row_is_refused(chief: Session) -> None:
    cid = new_campaign(chief)
    data = edited(campaigns.get_campaign(chief, cid))
    data["categories"][0]["name"] = "执法粗暴"
    refused(chief, ValidationError, cid, match="问题类别“执法粗暴”重复", **data)


def test_phase_and_material_edits_update_in_place(chief: Session) -> None:
    cid = new_campaign(chief)
    c = campaigns.get_campaign(chief, cid)
    ph1, ph2 = c["phases"]
    m1, m2 = c["materials"]
    head = audit.head(chief.store.conn)[0]
    changes = campaigns.update_campaign_details(
        chief, cid,
        phases=[{**{k: ph2[k] for k in ("id", "name", "note")}, "start_date": "2024-05-20",
                 "deadline": "2024-07-05"},
                {"name": "整改提升", "start_date": "2024-07-06", "deadline": None, "note": ""},
                {"id": ph1["id"], "name": "动员部署", "start_date": "", "deadline": "2024-05-15"}],
        materials=[{"id": m2["id"], "name": "整改台账（附件2）", "due_date": "", "note": "附件2"}],
        note="已召开动员会。")
    after = campaigns.get_campaign(chief, cid)
    assert [(x["id"], x["name"], x["start_date"], x["deadline"], x["position"])
            for x in after["phases"]] == [
        (ph2["id"], "自查自纠", "2024-05-20", "2024-07-05", 1),
        (after["phases"][1]["id"], "整改提升", "2024-07-06", None, 2),
        (ph1["id"], "动员部署", None, "2024-05-15", 3)]
    assert after["phases"][1]["id"] not in (ph1["id"], ph2["id"])
    assert [(x["id"], x["name"], x["due_date"], x["note"]) for x in after["materials"]] == [
        (m2["id"], "整改台账（附件2）", None, "附件2")]
    assert after["note"] == "已召开动员会。" and after["updated_at"] >= c["updated_at"]
    assert [x["name"] for x in after["categories"]] == NEW["categories"]  # None: left alone
    actions = entries_since(chief.store, head)
    assert ("delete", "campaign_materials", str(m1["id"])) in actions
    assert ("update", "campaign_materials", str(m2["id"])) in actions
    assert ("update", "campaign_phases", str(ph1["id"])) in actions
    assert [a for a in actions if a[1] == "campaigns"] == [("update", "campaigns", str(cid))]
    assert changes.rows["campaign_phases"] == {str(ph1["id"]), str(ph2["id"]),
                                               str(after["phases"][1]["id"])}
    assert chief.store.verify_audit().ok


@pytest.mark.parametrize("change, match", [
    ({"phases": [{"name": "倒序", "start_date": "2024-06-01", "deadline": "2024-05-01"}]},
     "阶段“倒序”的截止日期早于开始日期"),
    ({"phases": [{"name": "", "deadline": "2024-06-01"}]}, "阶段名称"),
    ({"phases": [{"name": "日期", "deadline": "6月底"}]}, "阶段截止日期"),
    ({"materials": [{"name": "材料", "due_date": "2024-02-30"}]}, "报送截止日期"),
    ({"materials": [{"id": 999999, "name": "他人的材料"}]}, "找不到报送材料"),
    ({"end_date": "2024-04-01"}, "结束日期不能早于开始日期"),
    ({"title": " "}, "行动名称"),
])
def test_invalid_details_write_nothing(chief: Session, change: dict, match: str) -> None:
    cid = new_campaign(chief)
    exc = NotFound if "找不到" in match else ValidationError
    refused(chief, exc, cid, match=match, **change)


def test_rows_of_another_campaign_cannot_be_taken_over(chief: Session) -> None:
    cid = new_campaign(chief)
    other = campaigns.get_campaign(chief, chief.store.conn.execute(
        "SELECT min(id) FROM campaigns").fetchone()[0])
    refused(chief, NotFound, cid, match="找不到阶段",
            phases=[{"id": other["phases"][0]["id"], "name": "借用"}])
    refused(chief, NotFound, cid, match="找不到问题类别",
            categories=[{"id": other["categories"][0]["id"], "name": "借用"}])
    refused(chief, NotFound, 999999, match="找不到专项行动", note="x")


def test_officer_may_not_edit_campaigns(demo: Store) -> None:
    chief = login_as(demo, "chief")
    cid = new_campaign(chief)
    officer = login_as(demo, "officer")
    head = audit.head(demo.conn)
    with pytest.raises(PermissionDenied, match="建立和修改专项行动"):
        campaigns.update_campaign_details(officer, cid, categories=["任意"])
    with pytest.raises(PermissionDenied):
        campaigns.create_campaign(officer, title="队员自建的行动")
    assert audit.head(demo.conn) == head
    assert campaigns.category_usage(officer, cid) == {}   # reading is allowed
