"""Units and people (hierarchy rules, unique codes and certificate numbers) and campaigns
(children, date rules, deadlines)."""
from __future__ import annotations

from datetime import date

import pytest

from conftest import login_as
from core_helpers import is_chinese
from models import audit, campaigns, directory
from models.errors import NotFound, ValidationError
from models.session import Session
from models.store import Store


@pytest.fixture
def admin(demo: Store) -> Session:
    return login_as(demo, "admin")


@pytest.fixture
def chief(demo: Store) -> Session:
    return login_as(demo, "chief")


def unit_id(store: Store, code: str) -> int:
    return store.conn.execute("SELECT id FROM units WHERE code = ?", (code,)).fetchone()[0]


def refused(session: Session, exc: type[Exception], func, *args, match: str | None = None,
            **kwargs) -> Exception:
    """``func`` raises ``exc`` (Chinese message) and writes nothing."""
    head = audit.head(session.store.conn)
    with pytest.raises(exc, match=match) as info:
        func(session, *args, **kwargs)
    assert is_chinese(str(info.value))
    assert audit.head(session.store.conn) == head
    return info.value


# --- units ----------------------------------------------------------------------------------------

def test_units_are_listed_as_a_tree(admin: Session) -> None:
    units = directory.list_units(admin)
    by_code = {u["code"]: u for u in units}
    assert by_code["QH-630000"]["depth"] == 0
    assert by_code["QH-632600"]["depth"] == 1 and by_code["QH-632621"]["depth"] == 2
    assert by_code["QH-632621-DW"]["depth"] == 3
    position = {u["id"]: i for i, u in enumerate(units)}
    for u in units:  # every parent comes before its children
        if u["parent_id"] is not None:
            assert position[u["parent_id"]] < position[u["id"]]
    own = directory.get_own_unit(admin)
    assert own["code"] == "QH-632621-DW" and own["parent_id"] == by_code["QH-632621"]["id"]


def test_parent_level_must_be_higher(admin: Session) -> None:
    county = unit_id(admin.store, "QH-632621")
    station = unit_id(admin.store, "QH-632621-DW")
    for parent, level in ((county, "county"), (station, "county"), (station, "station")):
        refused(admin, ValidationError, directory.add_unit, name="新单位", code="NEW-1",
                level=level, parent_id=parent, match="上级单位的层级必须高于")
    changes = directory.add_unit(admin, name="新检测站", code="NEW-1", level="station",
                                 parent_id=county)
    new_id = int(next(iter(changes.rows["units"])))
    assert admin.store.query("SELECT parent_id FROM units WHERE id = ?", (new_id,))[0] == \
        {"parent_id": county}
    refused(admin, NotFound, directory.add_unit, name="孤儿", code="NEW-2", level="station",
            parent_id=999999)
    refused(admin, ValidationError, directory.add_unit, name="坏层级", code="NEW-3",
            level="galaxy", match="单位层级")


def test_no_cycles(admin: Session) -> None:
    province = unit_id(admin.store, "QH-630000")
    golog = unit_id(admin.store, "QH-632600")
    maqen = unit_id(admin.store, "QH-632621")
    refused(admin, ValidationError, directory.update_unit, golog, parent_id=golog)
    refused(admin, ValidationError, directory.update_unit, golog, parent_id=maqen)
    refused(admin, ValidationError, directory.update_unit, province, parent_id=maqen)
    # moving a unit under another branch of the same level is fine
    xining = unit_id(admin.store, "QH-630100")
    assert directory.update_unit(admin, maqen, parent_id=xining)
    assert admin.store.verify_audit().ok


def test_level_change_keeps_subordinates_below(admin: Session) -> None:
    """Lowering a unit to (or below) the level of a unit under it would break the hierarchy."""
    golog = unit_id(admin.store, "QH-632600")       # city, with a county below
    xining = unit_id(admin.store, "QH-630100")
    refused(admin, ValidationError, directory.update_unit, golog, level="county",
            match="下级单位的层级必须低于")
    refused(admin, ValidationError, directory.update_unit, golog, level="station")
    refused(admin, ValidationError, directory.update_unit, xining, level="county")
    # a unit without subordinates may change level within its parent's rule
    huangzhong = unit_id(admin.store, "QH-630106")
    assert directory.update_unit(admin, huangzhong, level="station")
    for u in directory.list_units(admin):
        if u["parent_id"] is not None:
            parent = admin.store.query("SELECT level FROM units WHERE id = ?", (u["parent_id"],))
            order = ["province", "city", "county", "station"]
            assert order.index(parent[0]["level"]) < order.index(u["level"])


def test_unit_codes_are_unique(admin: Session) -> None:
    refused(admin, ValidationError, directory.add_unit, name="重复", code="QH-632600",
            level="county", match="QH-632600")
    golog = unit_id(admin.store, "QH-632600")
    refused(admin, ValidationError, directory.update_unit, golog, code="QH-630100",
            match="已被其他单位使用")
    # keeping its own code is not a clash
    assert directory.update_unit(admin, golog, code="QH-632600", name="果洛州执法监督局")


def test_own_unit_update_and_empty_update(chief: Session) -> None:
    changes = directory.update_own_unit(chief, name="大武超限检测站")
    own = directory.get_own_unit(chief)
    assert own["name"] == "大武超限检测站" and str(own["id"]) in changes.rows["units"]
    head = audit.head(chief.store.conn)
    assert not directory.update_own_unit(chief, name="大武超限检测站")  # unchanged: nothing logged
    assert not directory.update_own_unit(chief)  # no fields at all: nothing to do, no error
    assert audit.head(chief.store.conn) == head


# --- people ---------------------------------------------------------------------------------------

def test_cert_numbers_are_unique(chief: Session) -> None:
    err = refused(chief, ValidationError, directory.add_person, name="重名证号", cert_no="63260021012")
    assert "李海龙" in str(err)  # says to whom the number belongs
    changes = directory.add_person(chief, name="新队员", cert_no="63260021099")
    new_id = int(next(iter(changes.rows["people"])))
    refused(chief, ValidationError, directory.update_person, new_id, cert_no="63260021015",
            match="索南扎西")
    assert not directory.update_person(chief, new_id, cert_no="63260021099")  # its own number
    # no number is not a clash: many auxiliary staff have none
    directory.add_person(chief, name="辅助人员甲")
    directory.add_person(chief, name="辅助人员乙", cert_no="")
    assert chief.store.verify_audit().ok


def test_people_fields_and_leaving(chief: Session) -> None:
    refused(chief, ValidationError, directory.add_person, name="  ", match="姓名")
    refused(chief, ValidationError, directory.add_person, name="甲", phone="call me",
            match="联系电话")
    pid = chief.store.conn.execute("SELECT id FROM people WHERE name = '张强'").fetchone()[0]
    assert directory.update_person(chief, pid, active=False)
    active = {p["name"] for p in directory.list_people(chief, include_inactive=False)}
    everyone = {p["name"] for p in directory.list_people(chief)}
    assert "张强" not in active and "张强" in everyone and "李海龙" in active
    head = audit.head(chief.store.conn)
    assert not directory.update_person(chief, pid)  # no fields: no change, no error
    assert audit.head(chief.store.conn) == head
    refused(chief, NotFound, directory.update_person, 999999, title="无此人")


# --- campaigns ------------------------------------------------------------------------------------

CAMPAIGN = {
    "title": "道路运输执法领域突出问题专项整治",
    "doc_no": "果交执法〔2024〕12号",
    "issuer": "果洛州交通运输综合行政执法监督局",
    "kind": "special",
    "start_date": "2024-05-01",
    "end_date": date(2024, 11, 30),
    "categories": ["逐利执法", "执法不规范", "执法方式简单僵化"],
    "phases": [
        {"name": "动员部署", "deadline": "2024-05-15"},
        {"name": "自查自纠", "start_date": "2024-05-16", "deadline": "2024-06-30", "note": "对照清单"},
        {"name": "整改提升", "start_date": "2024-07-01", "deadline": "2024-10-31"},
    ],
    "materials": [{"name": "自查报告", "due_date": "2024-06-25"},
                  {"name": "整改台账", "due_date": "2024-11-05", "note": "附件2"}],
}


def test_create_campaign_with_children(chief: Session) -> None:
    changes = campaigns.create_campaign(chief, **CAMPAIGN)
    cid = int(next(iter(changes.rows["campaigns"])))
    assert len(changes.rows["campaign_categories"]) == 3
    assert len(changes.rows["campaign_phases"]) == 3
    assert len(changes.rows["campaign_materials"]) == 2
    c = campaigns.get_campaign(chief, cid)
    assert c["end_date"] == "2024-11-30" and c["doc_no"] == "果交执法〔2024〕12号"
    assert [x["name"] for x in c["categories"]] == CAMPAIGN["categories"]
    assert [x["position"] for x in c["phases"]] == [1, 2, 3]
    assert [x["deadline"] for x in c["phases"]] == ["2024-05-15", "2024-06-30", "2024-10-31"]
    assert c["materials"][1]["note"] == "附件2"
    listed = {x["id"]: x for x in campaigns.list_campaigns(chief)}
    assert (listed[cid]["n_categories"], listed[cid]["n_phases"], listed[cid]["n_materials"]) \
        == (3, 3, 2)
    assert len(listed) == 3  # and the demo's two
    assert chief.store.verify_audit().ok


@pytest.mark.parametrize("change, match", [
    ({"end_date": "2024-04-30"}, "结束日期不能早于开始日期"),
    ({"start_date": "2024-13-01"}, "开始日期"),
    ({"end_date": "明年"}, "结束日期"),
    ({"categories": ["逐利执法", "执法粗暴", "逐利执法"]}, "问题类别“逐利执法”重复"),
    ({"categories": ["逐利执法", " "]}, "问题类别"),
    ({"phases": [{"name": "倒序", "start_date": "2024-06-01", "deadline": "2024-05-01"}]},
     "截止日期早于开始日期"),
    ({"phases": [{"deadline": "2024-06-01"}]}, "阶段名称"),
    ({"materials": [{"name": "材料", "due_date": "2024-02-30"}]}, "报送截止日期"),
    ({"kind": "forever"}, "行动类型"),
    ({"title": ""}, "行动名称"),
])
def test_campaign_validation_writes_nothing(chief: Session, change: dict, match: str) -> None:
    before = chief.store.conn.execute(
        "SELECT (SELECT count(*) FROM campaigns), (SELECT count(*) FROM campaign_categories),"
        " (SELECT count(*) FROM campaign_phases)").fetchone()
    refused(chief, ValidationError, campaigns.create_campaign, **{**CAMPAIGN, **change},
            match=match)
    after = chief.store.conn.execute(
        "SELECT (SELECT count(*) FROM campaigns), (SELECT count(*) FROM campaign_categories),"
        " (SELECT count(*) FROM campaign_phases)").fetchone()
    assert after == before


def test_update_campaign(chief: Session) -> None:
    cid = int(next(iter(campaigns.create_campaign(chief, **CAMPAIGN).rows["campaigns"])))
    refused(chief, ValidationError, campaigns.update_campaign, cid, end_date="2024-01-01",
            match="结束日期不能早于开始日期")
    assert campaigns.update_campaign(chief, cid, note="已召开动员会", end_date="2024-12-15")
    c = campaigns.get_campaign(chief, cid)
    assert (c["note"], c["end_date"], c["title"]) == ("已召开动员会", "2024-12-15", CAMPAIGN["title"])
    assert len(c["phases"]) == 3  # children keep their rows
    assert not campaigns.update_campaign(chief, cid, note="已召开动员会")
    refused(chief, NotFound, campaigns.update_campaign, 999999, note="x")
    with pytest.raises(NotFound):
        campaigns.get_campaign(chief, 999999)


def test_upcoming_deadlines_with_fixed_today(chief: Session) -> None:
    campaigns.create_campaign(chief, **CAMPAIGN)
    today = date(2024, 6, 20)
    rows = campaigns.upcoming_deadlines(chief, today=today, days=60, overdue_days=30)
    got = {(r["kind"], r["name"], r["due"], r["days_left"]) for r in rows}
    # window 2024-05-21 .. 2024-08-19, from the demo's Xiangyuan campaign and CAMPAIGN
    assert got == {
        ("phase", "部署动员阶段", "2024-06-15", -5),
        ("phase", "全面梳理阶段", "2024-06-30", 10),
        ("material", "2023年自查整改工作“回头看”清查评估台账（附件1）", "2024-06-30", 10),
        ("material", "交通运输执法领域突出问题专项整治问题清单（附件2）", "2024-06-30", 10),
        ("phase", "自查自纠", "2024-06-30", 10),
        ("material", "自查报告", "2024-06-25", 5),
    }
    dues = [r["due"] for r in rows]
    assert dues == sorted(dues)
    assert all(r["campaign"] and r["campaign_id"] for r in rows)

    narrow = campaigns.upcoming_deadlines(chief, today=today, days=5, overdue_days=0)
    assert {r["name"] for r in narrow} == {"自查报告"}
    assert campaigns.upcoming_deadlines(chief, today=date(2030, 1, 1)) == []
