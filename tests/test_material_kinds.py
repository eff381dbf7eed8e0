"""Which ledger supplies a campaign's required material, when a monthly material is due, and how
a package claims a ledger material only when it sends rows of its period."""
from __future__ import annotations

import json
from datetime import date
from pathlib import Path

from conftest import login_as
from models import campaigns, material_kinds, package_contents, package_format, package_out
from models.demo import DEMO_PASSWORD
from models.session import now_text
from models.store import Store

CAMPAIGN = 2


def test_kind_from_name() -> None:
    assert material_kinds.kind_of_name("三年行动工作简报") == "briefs"
    assert material_kinds.kind_of_name("工作调度表") == "schedule"
    assert material_kinds.kind_of_name("执法领域突出问题线索征询表（附件3）") == "leads"
    assert material_kinds.kind_of_name("执法人员培训台账") == "training"
    assert material_kinds.kind_of_name("每月案件办理情况") == "case_stats"
    assert material_kinds.kind_of_name("执法监督意见书整改报告") == "letters"
    assert material_kinds.kind_of_name("“三年行动”实施方案") == ""


def test_monthly_due_dates() -> None:
    brief = {"monthly_day": 25, "month_offset": 0, "due_date": "2024-06-30"}
    cases = {"monthly_day": 5, "month_offset": 1, "due_date": None}
    assert material_kinds.due_date(brief, date(2024, 5, 31)) == date(2024, 5, 25)
    assert material_kinds.due_date(cases, date(2024, 12, 31)) == date(2025, 1, 5)
    assert material_kinds.due_date({"monthly_day": 31, "month_offset": 1},
                                   date(2024, 1, 31)) == date(2024, 2, 29)
    assert material_kinds.due_date(brief, None) == date(2024, 6, 30)      # no period: its date
    assert material_kinds.due_date({"due_date": None}, date(2024, 5, 31)) is None


def _add_rules(station: Store) -> None:
    chief = login_as(station, "chief")
    current = package_contents.campaign_materials(chief, CAMPAIGN)
    items = [{"id": m["id"], "name": m["name"], "due_date": m["due_date"], "note": m["note"]}
             for m in current] + [{"name": "月度工作简报", "due_date": None, "note": ""},
                                  {"name": "报送材料甲", "due_date": None, "note": ""}]
    campaigns.update_campaign_details(chief, CAMPAIGN, materials=items)
    other = station.conn.execute("SELECT id FROM campaign_materials WHERE name = '报送材料甲'"
                                 ).fetchone()[0]
    with station.write("tester") as w:     # the rule: this material is the 工作调度表
        w.insert("campaign_material_rules", {"material_id": other, "kind": "schedule",
                                             "monthly_day": 5, "month_offset": 1})


def _brief(station: Store, unit_id: int, period: str, status: str = "final") -> None:
    stamp = now_text()
    with station.write("tester") as w:
        w.insert("briefs", {"unit_id": unit_id, "campaign_id": CAMPAIGN, "period": period,
                            "issue_no": 1, "title": f"工作简报（{period}）", "body": "本月工作",
                            "status": status, "account_id": None, "created_at": stamp,
                            "updated_at": stamp})


def test_rules_and_names(station: Store) -> None:
    _add_rules(station)
    rows = {r["name"]: r for r in material_kinds.material_rules(station.conn, CAMPAIGN)}
    assert rows["月度工作简报"]["kind"] == "briefs" and rows["月度工作简报"]["monthly_day"] is None
    assert rows["报送材料甲"]["kind"] == "schedule" and rows["报送材料甲"]["monthly_day"] == 5


def test_a_package_claims_a_ledger_material_of_its_period(station: Store, tmp_path: Path) -> None:
    _add_rules(station)
    chief = login_as(station, "chief")
    _brief(station, chief.unit_id, "2024-05")
    _brief(station, chief.unit_id, "2024-06", status="draft")
    stick = tmp_path / "stick"
    stick.mkdir()

    def claimed(period: tuple[date, date]) -> list[str]:
        out = package_out.export_package(chief, stick, DEMO_PASSWORD, campaign_id=CAMPAIGN,
                                         period=period, materials=["ledger", "briefs", "audit"],
                                         recipients=[])
        info = package_format.verify_package(out.path, key_for=lambda i: _public(station)).info
        return json.loads(info["FieldLedger-Campaign-Materials"])

    assert claimed((date(2024, 5, 1), date(2024, 5, 31))) == ["月度工作简报"]
    # June: only a draft brief, which does not count
    assert claimed((date(2024, 6, 1), date(2024, 6, 30))) == []
    # nothing acknowledged yet, so every row is sent again; without "briefs" nothing is claimed
    assert package_contents.claimed_materials(chief, CAMPAIGN, ["ledger"], [],
                                              period=(date(2024, 5, 1), date(2024, 5, 31))) == []


def _public(station: Store) -> bytes:
    from models import keys
    from test_office_import import seal_key
    return keys.stored_public_key(station.conn, seal_key(station))[0]
