"""报送提醒 (models.reminders) on a fixed today, 2026-11-22: what a campaign's monthly and dated
materials ask of the unit for this month and the last, and what counts as supplied (a final brief
of the month, 调度表 rows of the month, the month's case statistics, a package for files)."""
from __future__ import annotations

from datetime import date
from pathlib import Path

from conftest import login_as

from models import briefs, campaigns, case_stats, package_out, reminders, schedule
from models.demo import DEMO_PASSWORD
from models.session import Session
from models.store import Store

TODAY = date(2026, 11, 22)
DOC_NO = "宁交执法监〔2026〕8号"
MATERIALS = [{"name": "工作简报", "kind": "briefs", "monthly_day": 25},
             {"name": "工作调度表", "kind": "schedule", "monthly_day": 25},
             {"name": "案件数据", "kind": "case_stats", "monthly_day": 5, "month_offset": 1},
             {"name": "月度工作照片", "monthly_day": 28},                   # files
             {"name": "半年工作总结", "due_date": "2026-10-31"},            # files, a fixed date
             {"name": "年度培训计划", "due_date": "2026-03-31"},            # long past: not asked
             {"name": "年终总结", "due_date": "2026-12-20"}]                 # next month: not yet


def _campaign(chief: Session, start: str = "2026-01-01", end: str | None = "2026-12-31",
              doc_no: str = DOC_NO) -> int:
    campaigns.create_campaign(chief, title="提升交通运输行政执法质量三年行动", doc_no=doc_no,
                              start_date=start, end_date=end, materials=MATERIALS)
    return chief.store.conn.execute("SELECT id FROM campaigns WHERE doc_no = ?",
                                    (doc_no,)).fetchone()[0]


def _due(session: Session) -> list[tuple[str, str, str, str, int]]:
    return [(r.material, r.period, r.due.isoformat(), r.state, r.days_left)
            for r in reminders.due_items(session, TODAY)]


def test_what_is_due_and_overdue(demo: Store) -> None:
    chief = login_as(demo, "chief")
    _campaign(chief)
    assert _due(chief) == [
        ("工作简报", "2026-10", "2026-10-25", "overdue", -28),
        ("工作调度表", "2026-10", "2026-10-25", "overdue", -28),
        ("月度工作照片", "2026-10", "2026-10-28", "overdue", -25),
        ("半年工作总结", "", "2026-10-31", "overdue", -22),
        ("案件数据", "2026-10", "2026-11-05", "overdue", -17),
        ("工作简报", "2026-11", "2026-11-25", "due", 3),
        ("工作调度表", "2026-11", "2026-11-25", "due", 3),
        ("月度工作照片", "2026-11", "2026-11-28", "due", 6),
        ("案件数据", "2026-11", "2026-12-05", "due", 13)]
    assert [r.campaign for r in reminders.due_items(chief, TODAY)] == \
        ["提升交通运输行政执法质量三年行动"] * 9


def test_what_is_supplied_drops_out(demo: Store) -> None:
    chief, officer = login_as(demo, "chief"), login_as(demo, "officer")
    cid = _campaign(chief)
    # October: a final brief, a 调度表, the case statistics; November: only a draft brief
    changes = briefs.create_brief(officer, period="2026-10", title="十月简报", body="工作。",
                                  campaign_id=cid)
    briefs.finalise_brief(chief, int(next(iter(changes.rows["briefs"]))))
    briefs.create_brief(officer, period="2026-11", title="十一月简报", body="草稿", campaign_id=cid)
    schedule.save_items(officer, cid, "2026-10", [{"task": "开展执法案卷评查"}])
    case_stats.save_month(officer, "2026-10", actual=3, officers=4)
    left = [(m, p) for m, p, *_rest in _due(chief)]
    assert ("工作简报", "2026-10") not in left and ("工作简报", "2026-11") in left
    assert ("工作调度表", "2026-10") not in left and ("案件数据", "2026-10") not in left
    assert ("月度工作照片", "2026-10") in left
    # a brief of no campaign counts for the campaign too (as a package sends it)
    changes = briefs.create_brief(officer, period="2026-11", title="综合简报", body="工作。")
    briefs.finalise_brief(chief, int(next(iter(changes.rows["briefs"]))))
    assert ("工作简报", "2026-11") not in [(m, p) for m, p, *_rest in _due(chief)]


def test_a_campaign_runs_only_in_its_months(demo: Store) -> None:
    chief = login_as(demo, "chief")
    _campaign(chief, start="2026-11-10", end=None)
    months = {p for _m, p, *_rest in _due(chief)}
    assert months == {"2026-11", ""}           # not October, before it started
    campaigns.update_campaign(chief, chief.store.conn.execute(
        "SELECT id FROM campaigns WHERE doc_no = ?", (DOC_NO,)).fetchone()[0],
        start_date="2025-01-01", end_date="2026-09-30")
    assert {p for _m, p, *_rest in _due(chief)} == {""}       # ended: only the fixed date


def test_files_count_once_a_package_of_the_month_was_written(station: Store,
                                                             tmp_path: Path) -> None:
    chief = login_as(station, "chief")
    cid = _campaign(chief)
    stick = tmp_path / "stick"
    stick.mkdir()
    package_out.export_package(chief, stick, DEMO_PASSWORD, campaign_id=cid,
                               period=(date(2026, 10, 1), date(2026, 10, 31)),
                               materials=["ledger"], recipients=[])
    left = [(m, p) for m, p, *_rest in _due(chief)]
    assert ("月度工作照片", "2026-10") not in left and ("半年工作总结", "") not in left
    assert ("月度工作照片", "2026-11") in left and ("工作简报", "2026-10") in left
