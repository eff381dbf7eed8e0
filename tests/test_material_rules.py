"""The rules of a campaign's required materials (campaign_material_rules): set in the campaign
editor's core (models.campaigns), carried down in instruction files (the optional ``kind``,
``monthly_day`` and ``month_offset`` of a material; older files without them stay valid) and used
by the office's 资料报送统计表 for the monthly due date of its period."""
from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from conftest import login_as
from core_helpers import OFFICE_PASSWORD, director, seal_enrollment

from models import (
    campaigns,
    instructions,
    material_kinds,
    office_instructions,
    office_stats,
    office_units,
    receipts,
)
from models.demo import DEMO_PASSWORD
from models.errors import ValidationError
from models.session import Session
from models.store import Store

UNIT = "QH-632621-DW"
DOC_NO = "宁交执法监〔2024〕30号"
#: Seed 002: the brief by the 25th of each month, the case data by the 5th of the next.
MATERIALS = [{"name": "三年行动工作简报", "due_date": None, "note": "每月25日前",
              "kind": "briefs", "monthly_day": 25, "month_offset": 0},
             {"name": "行政执法案件数据", "due_date": None, "note": "每月5日前报上月数据",
              "kind": "case_stats", "monthly_day": 5, "month_offset": 1},
             {"name": "“三年行动”实施方案", "due_date": "2024-04-15", "note": ""}]


def three_year_action(session: Session, materials: list[dict[str, Any]] = MATERIALS) -> int:
    campaigns.create_campaign(session, title="提升交通运输行政执法质量三年行动", doc_no=DOC_NO,
                              issuer="西宁市交通运输综合行政执法监督局", kind="multi_year",
                              start_date="2024-03-27", end_date="2025-12-31",
                              materials=materials)
    return session.store.conn.execute("SELECT id FROM campaigns WHERE doc_no = ?",
                                      (DOC_NO,)).fetchone()[0]


def rules(store: Store, cid: int) -> list[tuple[str, Any, Any, Any]]:
    return [tuple(r) for r in store.conn.execute(
        "SELECT m.name, r.kind, r.monthly_day, r.month_offset FROM campaign_materials m"
        " LEFT JOIN campaign_material_rules r ON r.material_id = m.id"
        " WHERE m.campaign_id = ? ORDER BY m.position", (cid,))]


def test_rules_in_the_campaign(demo: Store) -> None:
    chief = login_as(demo, "chief")
    cid = three_year_action(chief)
    assert rules(demo, cid) == [("三年行动工作简报", "briefs", 25, 0),
                                ("行政执法案件数据", "case_stats", 5, 1),
                                ("“三年行动”实施方案", None, None, None)]
    got = campaigns.get_campaign(chief, cid)["materials"]
    assert [(m["kind"], m["monthly_day"], m["month_offset"]) for m in got] == [
        ("briefs", 25, 0), ("case_stats", 5, 1), ("", None, 0)]
    by_name = {m["name"]: m for m in material_kinds.material_rules(demo.conn, cid)}
    assert material_kinds.due_date(by_name["行政执法案件数据"], date(2024, 12, 31)) \
        == date(2025, 1, 5)
    # an item without rule keys keeps its rule; one with them sets it; a removed one takes it
    items = [{"id": m["id"], "name": m["name"], "due_date": m["due_date"], "note": m["note"]}
             for m in got]
    items[1].update(kind="", monthly_day=10, month_offset="1")
    items[2].update(kind="schedule")
    campaigns.update_campaign_details(chief, cid, materials=items)
    assert rules(demo, cid) == [("三年行动工作简报", "briefs", 25, 0),
                                ("行政执法案件数据", "", 10, 1),
                                ("“三年行动”实施方案", "schedule", None, 0)]
    items[1].update(monthly_day=None)                  # no kind, no day: no rule
    campaigns.update_campaign_details(chief, cid, materials=[items[1], items[2]])
    assert rules(demo, cid) == [("行政执法案件数据", None, None, None),
                                ("“三年行动”实施方案", "schedule", None, 0)]
    assert demo.conn.execute("SELECT count(*) FROM campaign_material_rules").fetchone()[0] == 1
    assert demo.verify_audit().ok     # the deleted material's rule went through the audit log


@pytest.mark.parametrize("bad", [{"kind": "photos"}, {"monthly_day": 32}, {"monthly_day": "x"},
                                 {"monthly_day": 5, "month_offset": 2},
                                 {"monthly_day": True}])
def test_bad_rules_are_refused(demo: Store, bad: dict[str, Any]) -> None:
    chief = login_as(demo, "chief")
    with pytest.raises(ValidationError):
        three_year_action(chief, [{"name": "工作简报", **bad}])
    assert demo.conn.execute("SELECT count(*) FROM campaigns WHERE doc_no = ?",
                             (DOC_NO,)).fetchone()[0] == 0


# --- instruction files -------------------------------------------------------------------------

@pytest.fixture
def boss(station: Store, office: Store) -> Session:
    session = director(office)
    office_units.register_unit(session, seal_enrollment(login_as(station, "chief"),
                                                        DEMO_PASSWORD))
    receipts.set_office(login_as(station, "chief"), seal_enrollment(session, OFFICE_PASSWORD))
    return session


def _resigned(boss: Session, document: dict[str, Any], path: Path) -> Path:
    import base64

    from models import keys
    key_id = keys.held_seal_key(boss)
    document = {**document, "key_id": key_id}
    document.pop("signature", None)
    with keys.unlock(boss, key_id, OFFICE_PASSWORD) as sign:
        document["signature"] = base64.b64encode(sign(receipts.signed_bytes(document))).decode()
    path.write_text(json.dumps(document, ensure_ascii=False), encoding="utf-8")
    return path


def _station_campaign(station: Store) -> int:
    return station.conn.execute("SELECT id FROM campaigns WHERE doc_no = ?",
                                (DOC_NO,)).fetchone()[0]


def test_rules_travel_down(station: Store, boss: Session, tmp_path: Path) -> None:
    cid = three_year_action(boss)
    stick = tmp_path / "U盘"
    stick.mkdir()
    written = office_instructions.write_instructions(boss, UNIT, OFFICE_PASSWORD, stick,
                                                     campaign_ids=[cid])
    document = json.loads(written.path.read_text(encoding="utf-8"))
    materials = document["campaigns"][0]["materials"]
    assert materials[0] == {"name": "三年行动工作简报", "due_date": None, "note": "每月25日前",
                            "kind": "briefs", "monthly_day": 25, "month_offset": 0}
    assert set(materials[2]) == {"name", "due_date", "note"}      # no rule: the old fields only
    chief = login_as(station, "chief")
    instructions.import_instructions(chief, written.path)
    here = _station_campaign(station)
    assert rules(station, here) == rules(boss.store, cid)
    # the same definition again changes nothing
    again = office_instructions.write_instructions(boss, UNIT, OFFICE_PASSWORD, stick,
                                                   campaign_ids=[cid])
    assert not instructions.import_instructions(chief, again.path).rows.get(
        "campaign_material_rules")
    # the office drops the case-data rule: the unit's goes too (the office's definition wins)
    items = campaigns.get_campaign(boss, cid)["materials"]
    items[1].update(kind="", monthly_day=None)
    campaigns.update_campaign_details(boss, cid, materials=items)
    third = office_instructions.write_instructions(boss, UNIT, OFFICE_PASSWORD, stick,
                                                   campaign_ids=[cid])
    instructions.import_instructions(chief, third.path)
    assert rules(station, here)[1] == ("行政执法案件数据", None, None, None)
    assert station.verify_audit().ok


def test_rule_fields_are_checked_and_optional(station: Store, boss: Session,
                                              tmp_path: Path) -> None:
    cid = three_year_action(boss)
    written = office_instructions.write_instructions(boss, UNIT, OFFICE_PASSWORD, tmp_path,
                                                     campaign_ids=[cid])
    document = json.loads(written.path.read_text(encoding="utf-8"))
    chief = login_as(station, "chief")

    def with_material(n: int, **fields: Any) -> dict[str, Any]:
        campaign = document["campaigns"][0]
        materials = [dict(m) for m in campaign["materials"]]
        materials[0].update(fields)
        return {**document, "seq": document["seq"] + n,
                "campaigns": [{**campaign, "materials": materials}]}

    for n, (fields, word) in enumerate([({"monthly_day": 0}, "monthly_day"),
                                        ({"monthly_day": "25"}, "monthly_day"),
                                        ({"month_offset": 2}, "month_offset"),
                                        ({"kind": 5}, "kind"),
                                        ({"kind": "photos"}, "第 1 个专项行动"),
                                        ({"due": "x"}, "due")], 1):
        path = _resigned(boss, with_material(n, **fields), tmp_path / f"bad{n}.json")
        with pytest.raises(ValidationError, match=word):
            instructions.read_instructions(chief, path)
    # an older file: materials without the rule fields are valid, and carry no rule
    old = with_material(10)
    old["campaigns"][0]["materials"] = [{k: m[k] for k in ("name", "due_date", "note")}
                                        for m in old["campaigns"][0]["materials"]]
    instructions.import_instructions(chief, _resigned(boss, old, tmp_path / "old.json"))
    here = _station_campaign(station)
    assert [r[1:] for r in rules(station, here)] == [(None, None, None)] * 3


# --- the office's 资料报送统计表 --------------------------------------------------------------------

def test_the_office_table_takes_the_monthly_due_date(office: Store) -> None:
    boss = director(office)
    cid = three_year_action(boss)
    may = office_stats.materials_table(boss, cid, period=(date(2024, 5, 1), date(2024, 5, 31)),
                                       as_of=date(2024, 6, 10))
    assert may.dues[:3] == (date(2024, 5, 25), date(2024, 6, 5), date(2024, 4, 15))
    whole = office_stats.materials_table(boss, cid, as_of=date(2024, 6, 10))
    assert whole.dues[:3] == (None, None, date(2024, 4, 15))       # no period: the fixed dates
