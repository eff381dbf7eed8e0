"""工作调度表 (models.schedule): a month's table saved as edited in one transaction, last month's
tasks copied into a new month in one call, and the table as an export form."""
from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from conftest import login_as
from report_helpers import campaign_id

from models import form_reports, pdf_export, schedule, xlsx_export
from models.errors import NotFound, PermissionDenied, ValidationError
from models.store import Store

TASKS = [{"task": "召开专项整治动员部署会", "owner": "站长 才让东智", "status": "done",
          "progress": "5月8日召开", "note": ""},
         {"task": "对照五个方面开展自查", "owner": "法制组", "status": "in_progress",
          "progress": "查摆问题 7 条", "note": "月底完成"},
         {"task": "执法记录仪专项检查", "owner": "二班", "status": "delayed", "progress": "",
          "note": "记录仪待更换"}]


def _table(store: Store, cid: int | None, period: str) -> list[tuple[int, str, str]]:
    return [tuple(r) for r in store.conn.execute(
        "SELECT position, task, status FROM schedule_items WHERE campaign_id IS ? AND period = ?"
        " ORDER BY position", (cid, period))]


def test_a_month_is_saved_as_edited(demo: Store) -> None:
    officer = login_as(demo, "officer")
    cid = campaign_id(demo)
    schedule.save_items(officer, cid, "2024-05", TASKS)
    rows = schedule.list_items(officer, cid, "2024-05")
    assert [(r["task"], r["status"], r["position"]) for r in rows] == [
        (t["task"], t["status"], n) for n, t in enumerate(TASKS, 1)]
    # reorder, change one, drop one, add one: kept rows keep their ids
    first, second, third = rows
    edited = [{**third, "status": "in_progress", "progress": "已更换 1 台"},
              {**first}, {"task": "12328 投诉线索回访", "owner": "王丽"}]
    changes = schedule.save_items(officer, cid, "2024-05", edited)
    assert changes.rows["schedule_items"] >= {str(third["id"]), str(second["id"])}
    assert _table(demo, cid, "2024-05") == [(1, TASKS[2]["task"], "in_progress"),
                                            (2, TASKS[0]["task"], "done"),
                                            (3, "12328 投诉线索回访", "not_started")]
    ids = [r["id"] for r in schedule.list_items(officer, cid, "2024-05")]
    assert ids[:2] == [third["id"], first["id"]]
    # saving the same again writes nothing
    assert not schedule.save_items(officer, cid, "2024-05",
                                   schedule.list_items(officer, cid, "2024-05"))
    # the month of no campaign is another table
    assert schedule.list_items(officer, None, "2024-05") == []
    assert demo.verify_audit().ok


def test_rows_are_checked_before_anything_is_written(demo: Store) -> None:
    officer = login_as(demo, "officer")
    head = demo.conn.execute("SELECT max(seq) FROM audit_log").fetchone()[0]
    with pytest.raises(ValidationError, match="第 2 项工作任务.*工作任务"):
        schedule.save_items(officer, None, "2024-05", [TASKS[0], {"task": " "}])
    with pytest.raises(ValidationError, match="完成状态"):
        schedule.save_items(officer, None, "2024-05", [{"task": "甲", "status": "finished"}])
    with pytest.raises(ValidationError, match="调度月份"):
        schedule.save_items(officer, None, "2024/05", TASKS)
    with pytest.raises(NotFound):
        schedule.save_items(officer, None, "2024-05", [{"id": 99999, "task": "甲"}])
    with pytest.raises(NotFound):
        schedule.list_items(officer, 999, "2024-05")
    assert demo.conn.execute("SELECT max(seq) FROM audit_log").fetchone()[0] == head
    with pytest.raises(PermissionDenied):
        schedule.save_items(login_as(demo, "admin"), None, "2024-05", TASKS)


def test_copy_the_latest_earlier_month(demo: Store) -> None:
    officer = login_as(demo, "officer")
    cid = campaign_id(demo)
    with pytest.raises(ValidationError, match="之前没有调度表"):
        schedule.copy_previous(officer, cid, "2024-06")
    schedule.save_items(officer, cid, "2024-04", TASKS[:1])
    schedule.save_items(officer, cid, "2024-05", TASKS)
    schedule.copy_previous(officer, cid, "2024-07")         # June has none: May is copied
    copied = schedule.list_items(officer, cid, "2024-07")
    assert [(r["task"], r["owner"], r["status"], r["progress"], r["note"]) for r in copied] == [
        (t["task"], t["owner"], t["status"], t["progress"], t["note"]) for t in TASKS]
    with pytest.raises(ValidationError, match="已有 3 项"):
        schedule.copy_previous(officer, cid, "2024-07")
    assert [p["period"] for p in schedule.periods(officer, cid)] == ["2024-07", "2024-05",
                                                                     "2024-04"]
    may = schedule.periods(officer, cid)[1]
    assert (may["items"], may["done"], may["delayed"]) == (3, 1, 1)
    assert demo.verify_audit().ok


def test_schedule_form(demo: Store, tmp_path: Path) -> None:
    officer = login_as(demo, "officer")
    cid = campaign_id(demo)
    schedule.save_items(officer, cid, "2024-05", TASKS)
    form = form_reports.schedule_form(officer, cid, "2024-05",
                                      form_reports.FormOptions(date(2024, 6, 3), filler="李海龙"))
    assert form.title == "交通运输执法领域突出问题专项整治行动工作调度表（2024年5月）"
    assert [c.header for c in form.columns] == ["序号", "工作任务", "责任人/部门", "进展情况",
                                                "完成状态", "备注"]
    assert list(form.rows)[1] == [2, "对照五个方面开展自查", "法制组", "查摆问题 7 条", "推进中",
                                  "月底完成"]
    assert form.header_right == "填报时间：2024 年 6 月 3 日" and form.footer == ("填报人：李海龙",)
    assert form.notes == ("共 3 项：未开始 0 项，推进中 1 项，已完成 1 项，滞后 1 项。",)
    build = lambda: form_reports.schedule_form(officer, cid, "2024-05")
    assert (xlsx_export.write_form(build(), tmp_path / "s.xlsx").sha256
            == pdf_export.write_form(build(), tmp_path / "s.pdf").sha256)
    names = [n for n, _b in form_reports.schedule_package_forms(
        officer, cid, (date(2024, 5, 1), date(2024, 5, 31)))]
    assert names == ["工作调度表-2024-05"]
    assert form_reports.schedule_package_forms(officer, cid,
                                               (date(2024, 6, 1), date(2024, 6, 30))) == []
