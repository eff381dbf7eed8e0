"""工作简报, 工作调度表 and 案件统计 in a submission package, end to end: the station writes them,
exports a package of June with the ``briefs``, ``schedule``, ``case_stats`` and ``forms``
materials (their records, the photos, the forms as Excel and PDF) and the audit entries (which
name the campaigns), the office imports it: the 资料报送统计表 counts the three materials (due by
the monthly rule), the 案件办理情况统计表 counts the unit from its June statistics, and 下级台账
shows what the unit sent."""
from __future__ import annotations

import zipfile
from datetime import date
from pathlib import Path

from conftest import login_as
from core_helpers import director, make_office, seal_enrollment
from report_helpers import QINGHAI_DOC_NO, campaign_id, photo

from models import (
    briefs,
    campaigns,
    case_stats,
    office_import,
    office_reports,
    office_stats,
    office_units,
    package_out,
    schedule,
)
from models.demo import DEMO_PASSWORD
from models.form_stats import CasesRow
from models.store import Store

JUNE = (date(2024, 6, 1), date(2024, 6, 30))
RULED = [{"name": "工作简报", "due_date": None, "note": "", "kind": "briefs", "monthly_day": 25},
         {"name": "工作调度表", "due_date": None, "note": "", "kind": "schedule",
          "monthly_day": 25},
         {"name": "案件数据", "due_date": None, "note": "", "kind": "case_stats",
          "monthly_day": 5, "month_offset": 1}]


def test_reports_travel_up(station: Store, tmp_path: Path) -> None:
    chief, officer = login_as(station, "chief"), login_as(station, "officer")
    cid = campaign_id(station)
    current = campaigns.get_campaign(chief, cid)["materials"]
    campaigns.update_campaign_details(chief, cid, materials=[
        {k: m[k] for k in ("id", "name", "due_date", "note")} for m in current] + RULED)
    changes = briefs.create_brief(officer, period="2024-06", title="六月工作简报",
                                  body="开展路面巡查18次。", campaign_id=cid)
    brief = int(next(iter(changes.rows["briefs"])))     # 第 4 期: the demo wrote three
    briefs.add_photo(officer, brief, photo(tmp_path / "card", "巡查.jpg"), "路面巡查")
    briefs.finalise_brief(chief, brief)
    schedule.save_items(officer, cid, "2024-06", [{"task": "废止罚没排名通报", "status": "done"}])
    case_stats.save_month(officer, "2024-06", records=5, actual=4, test=1, officers=4, exams=2)

    office = make_office(tmp_path / "office")
    try:
        boss = director(office)
        office_units.register_unit(boss, seal_enrollment(chief, DEMO_PASSWORD))
        campaigns.create_campaign(boss, title="交通运输执法领域突出问题专项整治行动",
                                  doc_no=QINGHAI_DOC_NO, materials=RULED)
        office_cid = office.conn.execute("SELECT id FROM campaigns WHERE doc_no = ?",
                                         (QINGHAI_DOC_NO,)).fetchone()[0]
        stick = tmp_path / "stick"
        stick.mkdir()
        exported = package_out.export_package(
            chief, stick, DEMO_PASSWORD, campaign_id=cid, period=JUNE, recipients=[],
            materials=["briefs", "schedule", "case_stats", "forms", "audit"])
        with zipfile.ZipFile(exported.path) as z:
            names = set(z.namelist())
        for name in ("records/briefs.jsonl", "records/brief_photos.jsonl",
                     "records/schedule_items.jsonl", "records/case_stats.jsonl",
                     "forms/工作简报-2024-06-第4期.pdf", "forms/工作简报-2024-06-第4期.xlsx",
                     "forms/工作调度表-2024-06.pdf", "forms/工作调度表-2024-06.xlsx",
                     "forms/案件统计表-2024-06.pdf", "forms/案件统计表-2024-06.xlsx"):
            assert any(n.endswith(name) for n in names), name
        sha = station.conn.execute("SELECT sha256 FROM brief_photos").fetchone()[0]
        assert any(sha in n for n in names), "the photo travels with the brief"

        result = office_import.import_package(boss, exported.path)
        assert result.status == "imported", result.report.lines()
        table = office_stats.materials_table(boss, office_cid, period=JUNE,
                                             as_of=date.today(), with_records=False)
        [row] = table.rows
        assert table.columns == ("工作简报", "工作调度表", "案件数据")
        assert table.dues == (date(2024, 6, 25), date(2024, 6, 25), date(2024, 7, 5))
        # written today, long after June's due dates: received, late
        assert [c.state for c in row.cells] == ["late", "late", "late"]
        cases = office_stats.cases_table(boss, JUNE)
        assert cases[1] == CasesRow("玛沁县大武超限检测站", 5, 4, 1, 4, 2)
        # 下级台账 → 简报和统计: what the unit sent, read-only
        sent = office_reports.unit_reports(boss, "QH-632621-DW")
        june = next(b for b in sent["briefs"] if b["period"] == "2024-06")
        assert (june["title"], june["status"], june["photos"], june["campaign_title"]) == (
            "六月工作简报", "final", 1, "交通运输执法领域突出问题专项整治行动")
        assert sent["schedule"][0]["task"] == "废止罚没排名通报"
        assert sent["case_stats"][0]["month"] > "2024-06"      # the demo's recent months first
        assert next(m for m in sent["case_stats"] if m["month"] == "2024-06")["rate"] == "125%"
    finally:
        office.close()
