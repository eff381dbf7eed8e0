"""投诉举报线索 (models.leads) and the 线索征询表 made from them (models.form_leads): the life of a
lead and who may move it, the problem a lead hangs or links (never two), the SQL filters, the
15-day overdue rule, the form as xlsx and PDF, the package's form and the office's read-only
list."""
from __future__ import annotations

import json
import re
import shutil
import subprocess
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest
from conftest import login_as
from core_helpers import deliver, director, make_office
from form_helpers import CLUES_TITLE, QINGHAI_DOC_NO, UNIT

from models import (
    audit,
    form_leads,
    leads,
    package_contents,
    problem_links,
    problems,
    selfcheck,
)
from models.errors import NotFound, PermissionDenied, ValidationError
from models.form_data import FormOptions
from models.leads import LeadFilter
from models.session import Session
from models.store import Store

TODAY = date.today()
OPTIONS = FormOptions(date(2024, 6, 30), filler="李海龙", contact="王丽", phone="0975-8381200")


def ago(days: int) -> str:
    return (TODAY - timedelta(days=days)).isoformat()


def campaign(store: Store, doc_no: str = QINGHAI_DOC_NO) -> int:
    return store.conn.execute("SELECT id FROM campaigns WHERE doc_no = ?", (doc_no,)).fetchone()[0]


def new_lead(session: Session, **fields: Any) -> int:
    values = {"received_date": ago(2), "channel": "12328",
              "content": "反映夜间拦车检查时间过长，未说明理由", **fields}
    (lid,) = leads.create_lead(session, **values).rows["leads"]
    return int(lid)


def lead_row(store: Store, lead_id: int) -> dict[str, Any]:
    return store.query("SELECT * FROM leads WHERE id = ?", (lead_id,))[0]


def count(store: Store, table: str) -> int:
    return store.conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0]


@pytest.fixture
def officer(demo: Store) -> Session:
    return login_as(demo, "officer")


@pytest.fixture
def chief(demo: Store) -> Session:
    return login_as(demo, "chief")


# --- recording and the life of a lead --------------------------------------------------------------

def test_a_lead_is_recorded_open_and_handling_makes_it_handling(demo: Store, officer: Session
                                                                ) -> None:
    lid = new_lead(officer, party=" 大武超限检测站一班 ", contact="货车司机马某 13900000000",
                   campaign_id=campaign(demo))
    row = lead_row(demo, lid)
    assert (row["status"], row["party"], row["unit_id"], row["account_id"]) == (
        "open", "大武超限检测站一班", officer.unit_id, officer.account_id)
    assert row["closed_date"] is None and row["problem_id"] is None
    leads.update_lead(officer, lid, content="反映夜间拦车检查近一小时")
    assert lead_row(demo, lid)["status"] == "open", "changing the content is not handling it"
    leads.update_lead(officer, lid, handling="转一班核查，调取执法记录仪")
    assert lead_row(demo, lid)["status"] == "handling"
    other = new_lead(officer, handling="当场答复")
    assert lead_row(demo, other)["status"] == "handling"
    assert demo.verify_audit().ok
    entries = demo.conn.execute("SELECT action FROM audit_log WHERE tbl = 'leads'"
                                " AND row_key = ? ORDER BY seq", (str(lid),)).fetchall()
    assert [e[0] for e in entries] == ["insert", "update", "update"]


@pytest.mark.parametrize("fields,message", [
    ({"content": "  "}, "反映内容"),
    ({"channel": "微信"}, "来源渠道只能是 12328、12345、信箱、来信、来访、来电、网络、其他"),
    ({"received_date": "2024-13-01"}, "受理日期"),
    ({"received_date": (TODAY + timedelta(days=1)).isoformat()}, "不能晚于今天"),
    ({"party": "某" * 201}, "被反映单位/人"),
])
def test_bad_input_is_refused_and_nothing_written(demo: Store, officer: Session,
                                                  fields: dict[str, Any], message: str) -> None:
    head = audit.head(demo.conn)
    with pytest.raises(ValidationError) as info:
        new_lead(officer, **fields)
    assert message in str(info.value)
    assert audit.head(demo.conn) == head and count(demo, "leads") == 0


def test_unknown_campaign_and_fields(officer: Session) -> None:
    with pytest.raises(NotFound):
        new_lead(officer, campaign_id=99999)
    with pytest.raises(TypeError):
        new_lead(officer, category="逐利执法")
    lid = new_lead(officer)
    with pytest.raises(TypeError):
        leads.update_lead(officer, lid, status="closed")


def test_only_the_chief_closes_with_a_result(demo: Store, officer: Session, chief: Session
                                             ) -> None:
    lid = new_lead(officer, received_date=ago(5))
    with pytest.raises(PermissionDenied):
        leads.close_lead(officer, lid, result="已答复")
    with pytest.raises(ValidationError, match="办理结果"):
        leads.close_lead(chief, lid)
    with pytest.raises(ValidationError, match="不能早于受理日期"):
        leads.close_lead(chief, lid, result="已答复", closed_date=ago(6))
    leads.update_lead(officer, lid, result="已电话答复来电人")     # drafted before closing
    leads.close_lead(chief, lid)
    row = lead_row(demo, lid)
    assert (row["status"], row["closed_date"], row["result"]) == (
        "closed", TODAY.isoformat(), "已电话答复来电人")


def test_a_closed_lead_is_frozen_until_reopened(demo: Store, officer: Session, chief: Session
                                                ) -> None:
    lid = new_lead(officer, handling="转一班核查")
    leads.close_lead(chief, lid, result="已答复", closed_date=TODAY)
    for attempt in (lambda: leads.update_lead(officer, lid, handling="补充"),
                    lambda: leads.close_lead(chief, lid, result="再次"),
                    lambda: leads.problem_from_lead(officer, lid, category="执法不规范"),
                    lambda: leads.delete_lead(chief, lid)):
        with pytest.raises(ValidationError):
            attempt()
    with pytest.raises(PermissionDenied):
        leads.reopen_lead(officer, lid, "来电人再次反映")
    with pytest.raises(ValidationError, match="说明"):
        leads.reopen_lead(chief, lid, " ")
    leads.reopen_lead(chief, lid, "来电人再次反映")
    row = lead_row(demo, lid)
    assert (row["status"], row["closed_date"], row["result"]) == ("handling", None, "已答复")
    assert row["handling"].startswith("转一班核查\n【") and "重新办理：来电人再次反映】" in row["handling"]
    assert "才让东智" in row["handling"]
    with pytest.raises(ValidationError, match="只有已办结"):
        leads.reopen_lead(chief, lid, "再次")


def test_delete_only_a_mistake(demo: Store, officer: Session, chief: Session) -> None:
    lid = new_lead(officer)
    with pytest.raises(PermissionDenied):
        leads.delete_lead(officer, lid)
    leads.delete_lead(chief, lid)
    assert count(demo, "leads") == 0
    deleted = demo.conn.execute("SELECT action FROM audit_log WHERE tbl = 'leads'"
                                " ORDER BY seq DESC LIMIT 1").fetchone()[0]
    assert deleted == "delete"
    linked = new_lead(officer)
    leads.link_problem(officer, linked, problem(chief))
    with pytest.raises(ValidationError, match="取消关联"):
        leads.delete_lead(chief, linked)
    with pytest.raises(NotFound):
        leads.delete_lead(chief, 99999)


# --- the ledger -------------------------------------------------------------------------------------

def problem(session: Session, issue: str = "随意拦车扣车") -> int:
    (pid,) = problems.create_problem(session, campaign_id=campaign(session.store),
                                     category="执法不规范", issue=issue).rows["problems"]
    return int(pid)


def test_problem_from_lead_hangs_one_problem_and_links_it(demo: Store, officer: Session) -> None:
    lid = new_lead(officer, channel="12345", received_date="2023-05-10", party="一班",
                   campaign_id=campaign(demo),
                   content="反映夜间拦车检查时间过长\n当晚约 23 时，车辆未超限")
    leads.problem_from_lead(officer, lid, category="执法不规范")
    row = lead_row(demo, lid)
    p = demo.query("SELECT * FROM problems WHERE id = ?", (row["problem_id"],))[0]
    assert row["status"] == "handling"
    assert (p["campaign_id"], p["unit_id"], p["category"], p["status"], p["seq_no"]) == (
        campaign(demo), row["unit_id"], "执法不规范", "open", 1)
    assert (p["source"], p["source_channel"], p["source_ref"]) == ("complaint", "12345",
                                                                    f"lead:{lid}")
    assert p["issue"] == "反映夜间拦车检查时间过长", "the first line of the content"
    assert p["manifestation"].startswith("12345（2023-05-10 受理）：反映夜间")
    assert p["manifestation"].endswith("（被反映：一班）")
    event = demo.query("SELECT * FROM problem_events WHERE problem_id = ?", (p["id"],))
    assert [e["note"] for e in event] == ["投诉举报线索：2023-05-10 12345"]

    head = audit.head(demo.conn)
    with pytest.raises(ValidationError, match="已对应问题台账序号 1"):
        leads.problem_from_lead(officer, lid, category="执法不规范")
    assert audit.head(demo.conn) == head and count(demo, "problems") == 1
    shown = leads.get_lead(officer, lid)
    assert (shown["problem_seq_no"], shown["problem_status"]) == (1, "open")


def test_problem_from_lead_checks_the_category_and_the_role(demo: Store, officer: Session
                                                           ) -> None:
    lid = new_lead(officer, campaign_id=campaign(demo))
    with pytest.raises(ValidationError, match="不是本专项行动的问题类别"):
        leads.problem_from_lead(officer, lid, category="乱收费")
    assert count(demo, "problems") == 0 and lead_row(demo, lid)["problem_id"] is None
    with pytest.raises(PermissionDenied):
        leads.problem_from_lead(login_as(demo, "admin"), lid, category="执法不规范")
    free = new_lead(officer)     # no campaign: any category, the issue as given
    leads.problem_from_lead(officer, free, category="服务态度", issue="执法人员态度生硬",
                            measures="开展文明执法教育", responsible_dept="一班")
    p = demo.query("SELECT * FROM problems WHERE source_ref = ?", (f"lead:{free}",))[0]
    assert (p["campaign_id"], p["issue"], p["measures"], p["responsible_dept"]) == (
        None, "执法人员态度生硬", "开展文明执法教育", "一班")


def test_unlinking_withdraws_an_untouched_problem_and_keeps_one_with_history(
        demo: Store, officer: Session, chief: Session) -> None:
    lid = new_lead(officer, campaign_id=campaign(demo))
    leads.problem_from_lead(officer, lid, category="执法不规范")
    first = lead_row(demo, lid)["problem_id"]
    leads.link_problem(officer, lid, None)
    assert lead_row(demo, lid)["problem_id"] is None
    assert count(demo, "problems") == 0, "nobody touched it: withdrawn"
    assert demo.verify_audit().ok

    leads.problem_from_lead(officer, lid, category="执法不规范")
    second = lead_row(demo, lid)["problem_id"]
    assert demo.query("SELECT seq_no FROM problems WHERE id = ?", (second,))[0]["seq_no"] == 2
    problems.add_progress_note(officer, second, "已调取执法记录仪视频")
    leads.link_problem(officer, lid, None)
    kept = demo.query("SELECT * FROM problems WHERE id = ?", (second,))[0]
    assert "投诉举报线索已取消关联" in kept["remarks"]
    # hung again: the problem hung from this lead before, still open, is taken up again
    leads.problem_from_lead(officer, lid, category="执法不规范")
    assert lead_row(demo, lid)["problem_id"] == second and count(demo, "problems") == 1
    assert first is not None


def test_link_to_an_existing_problem(demo: Store, officer: Session, chief: Session) -> None:
    pid, other = problem(chief), problem(chief, "不听当事人陈述申辩")
    lid = new_lead(officer)
    leads.link_problem(officer, lid, pid)
    assert lead_row(demo, lid)["problem_id"] == pid
    assert lead_row(demo, lid)["status"] == "handling"
    head = audit.head(demo.conn)
    leads.link_problem(officer, lid, pid)
    assert audit.head(demo.conn) == head, "linking again changes nothing"
    with pytest.raises(ValidationError, match="已对应问题台账序号"):
        leads.problem_from_lead(officer, lid, category="执法不规范")
    leads.link_problem(officer, lid, other)         # moved: the first is let go, unchanged
    assert lead_row(demo, lid)["problem_id"] == other
    assert count(demo, "problems") == 2
    assert demo.query("SELECT remarks FROM problems WHERE id = ?", (pid,))[0]["remarks"] == ""
    with pytest.raises(NotFound):
        leads.link_problem(officer, lid, 99999)
    candidates = leads.link_candidates(officer, lid)
    assert {c["id"] for c in candidates} == {pid, other}


def test_a_problem_a_lead_links_to_is_never_withdrawn_under_it(demo: Store, officer: Session
                                                               ) -> None:
    """A self-check answer taken back withdraws its untouched problem, unless a lead links to it
    (the lead would point at nothing)."""
    tid = demo.conn.execute("SELECT id FROM templates WHERE code LIKE '%青海%'").fetchone()[0]
    (sid,) = selfcheck.start_selfcheck(officer, campaign(demo), tid).rows["selfchecks"]
    selfcheck.answer_item(officer, int(sid), "1.1", "nonconform", note="按月统计罚款")
    pid = demo.conn.execute("SELECT problem_id FROM selfcheck_answers").fetchone()[0]
    lid = new_lead(officer)
    leads.link_problem(officer, lid, pid)
    with pytest.raises(LookupError), demo.write("test") as w:   # rolled back
        w.update("selfcheck_answers", demo.conn.execute(      # as the answer lets go first
            "SELECT id FROM selfcheck_answers").fetchone()[0], {"problem_id": None})
        assert not problem_links.untouched(w.conn, pid), "the lead still points at it"
        raise LookupError
    selfcheck.answer_item(officer, int(sid), "1.1", "conform")
    assert lead_row(demo, lid)["problem_id"] == pid
    kept = demo.query("SELECT status, remarks FROM problems WHERE id = ?", (pid,))[0]
    assert kept["status"] == "open" and kept["remarks"]
    assert demo.verify_audit().ok


# --- filters and overdue ----------------------------------------------------------------------------

@pytest.fixture
def many(demo: Store, officer: Session, chief: Session) -> dict[str, int]:
    qh = campaign(demo)
    ids = {
        "hotline": new_lead(officer, channel="12328", received_date=ago(40), campaign_id=qh,
                            content="反映卸载收费未公示", party="卸载场"),
        "mail": new_lead(officer, channel="信箱", received_date=ago(16),
                         content="来信反映 100% 超限车辆一律罚款", handling="转法制组"),
        "visit": new_lead(officer, channel="来访", received_date=ago(15),
                          content="来站反映复磅无人答复", party="值班人员_夜班"),
        "closed": new_lead(officer, channel="12345", received_date=ago(30), campaign_id=qh,
                           content="咨询超限认定标准", contact="才某 13800000000"),
    }
    leads.close_lead(chief, ids["closed"], result="已答复，来电人满意", closed_date=ago(20))
    return ids


def ids_of(session: Session, **flt: Any) -> list[int]:
    return [r["id"] for r in leads.list_leads(session, LeadFilter(**flt))]


def test_filters(demo: Store, officer: Session, many: dict[str, int]) -> None:
    qh = campaign(demo)
    assert ids_of(officer) == [many["visit"], many["mail"], many["closed"], many["hotline"]]
    assert [r["id"] for r in leads.list_leads(officer, descending=False)] == \
        [many["hotline"], many["closed"], many["mail"], many["visit"]]
    assert ids_of(officer, status="open") == [many["visit"], many["hotline"]]
    assert ids_of(officer, status=("handling", "closed")) == [many["mail"], many["closed"]]
    assert ids_of(officer, status=()) == []
    assert ids_of(officer, channel="信箱") == [many["mail"]]
    assert ids_of(officer, date_from=ago(30), date_to=ago(16)) == [many["mail"], many["closed"]]
    assert ids_of(officer, campaign_id=qh) == [many["closed"], many["hotline"]]
    assert len(ids_of(officer, campaign_id=qh, include_unassigned=True)) == 4
    assert ids_of(officer, text="超限") == [many["mail"], many["closed"]]
    assert ids_of(officer, text="超限 认定") == [many["closed"]], "every term must occur"
    assert ids_of(officer, text="13800000000") == [many["closed"]], "the contact is searched"
    assert ids_of(officer, text="满意") == [many["closed"]], "the result is searched"
    assert ids_of(officer, text="法制组") == [many["mail"]], "the handling is searched"
    assert ids_of(officer, text="100%") == [many["mail"]]
    assert ids_of(officer, text="%") == [many["mail"]], "% is a character, not a wildcard"
    assert ids_of(officer, text="_") == [many["visit"]], "_ is a character, not a wildcard"
    with pytest.raises(ValidationError):
        ids_of(officer, status="done")


def test_overdue_after_fifteen_days(officer: Session, many: dict[str, int]) -> None:
    rows = {r["id"]: r for r in leads.list_leads(officer)}
    assert {k: rows[v]["overdue"] for k, v in many.items()} == {
        "hotline": True, "mail": True, "visit": False, "closed": False}
    assert rows[many["visit"]]["due_date"] == TODAY.isoformat(), "due today: not yet overdue"
    assert ids_of(officer, overdue=True) == [many["mail"], many["hotline"]]
    tomorrow = TODAY + timedelta(days=1)
    assert ids_of(officer, overdue=True, today=tomorrow) == [
        many["visit"], many["mail"], many["hotline"]]
    assert leads.is_overdue(ago(16), "open") and not leads.is_overdue(ago(15), "handling")
    assert not leads.is_overdue(ago(99), "closed") and leads.OVERDUE_DAYS == 15
    counts = leads.lead_counts(officer)
    assert counts == {"total": 4, "by_status": {"open": 2, "handling": 1, "closed": 1},
                      "overdue": 2, "with_problem": 0,
                      "by_channel": {"12328": 1, "12345": 1, "信箱": 1, "来访": 1}}
    assert leads.lead_counts(officer, LeadFilter(channel="信箱"))["total"] == 1


# --- the 线索征询表 -----------------------------------------------------------------------------------

def test_clues_form_from_leads(demo: Store, officer: Session, chief: Session,
                               many: dict[str, int]) -> None:
    pid = problem(chief)
    leads.link_problem(officer, many["hotline"], pid)
    form = form_leads.clues_form(officer, LeadFilter(campaign_id=campaign(demo),
                                                     include_unassigned=True), OPTIONS)
    assert form.code == "clues" and form.title == CLUES_TITLE
    assert [c.header for c in form.columns] == ["序号", "受理日期", "来源渠道", "反映内容",
                                                "被反映单位/人", "办理情况", "办理结果",
                                                "对应问题序号", "状态"]
    assert (form.header_left, form.header_right) == (f"填报单位（盖章）：{UNIT}",
                                                     "填报时间：2024 年 6 月 30 日")
    assert form.footer == ("填报人：李海龙", "联系人：王丽", "联系电话：0975-8381200")
    rows = list(form.rows)
    assert form.row_count == 4
    assert [r[0] for r in rows] == [1, 2, 3, 4]
    assert rows[0] == [1, ago(40), "12328", "反映卸载收费未公示", "卸载场", "", "", 1,
                       "办理中（超期）"]
    assert rows[1][8] == f"已办结\n{ago(20)}" and rows[1][6] == "已答复，来电人满意"
    assert rows[2][8] == "办理中（超期）" and rows[3][8] == "待办理"
    assert not any("13800000000" in str(cell) for r in rows for cell in r), "no contact printed"
    assert form.notes[0] == "专项行动：交通运输执法领域突出问题专项整治行动（青交执法监法〔2023〕30号）"
    assert form.notes[1] == ("说明：共 4 条线索，待办理 1 条，办理中 2 条，已办结 1 条；纳入问题台账 1 条；"
                             "受理后超过 15 日未办结 2 条。")
    assert form.file_stem == f"{UNIT}-突出问题线索征询表-2024-06-30"

    bare = form_leads.clues_form(officer, LeadFilter(date_from=ago(16), date_to=ago(15)))
    assert bare.title == "玛沁县交通运输综合行政执法大队执法领域突出问题线索征询表", "the unit above"
    assert bare.row_count == 2 and bare.notes[0].startswith(f"说明：受理日期 {ago(16)} 至 {ago(15)}")


def test_the_problem_of_another_campaign_is_named(demo: Store, officer: Session,
                                                  chief: Session) -> None:
    lid = new_lead(officer)
    leads.link_problem(officer, lid, problem(chief))
    (row,) = form_leads.clues_form(officer).rows
    assert row[7] == "1（交通运输执法领域突出问题专项整治行动）"


@pytest.mark.parametrize("fmt", ["xlsx", "pdf"])
def test_clues_form_is_written(demo: Store, officer: Session, many: dict[str, int],
                               tmp_path: Path, fmt: str) -> None:
    from models import pdf_export, xlsx_export
    writer = xlsx_export if fmt == "xlsx" else pdf_export
    form = form_leads.clues_form(officer, LeadFilter(), OPTIONS)
    result = writer.write_form(form, tmp_path / f"线索.{fmt}")
    assert result.rows == 4
    if fmt == "xlsx":
        from openpyxl import load_workbook
        ws = load_workbook(result.path).active
        values = [c for row in ws.iter_rows(values_only=True) for c in row if c is not None]
        assert ws["A1"].value == "玛沁县交通运输综合行政执法大队执法领域突出问题线索征询表"
        assert "来站反映复磅无人答复" in values and "对应问题序号" in values
        return
    from pypdf import PdfReader
    text = re.sub(r"\s+", "", "".join(p.extract_text() for p in PdfReader(result.path).pages))
    assert "执法领域突出问题线索征询表" in text and "被反映单位/人" in text
    assert "来站反映复磅无人答复" in text and result.sha256 in text
    if shutil.which("pdftoppm"):
        out = tmp_path / "page"
        subprocess.run(["pdftoppm", "-r", "30", "-png", "-f", "1", "-l", "1", result.path,
                        str(out)], check=True, timeout=60)
        assert list(tmp_path.glob("page*.png"))


# --- packages and the office -----------------------------------------------------------------------

def test_package_carries_the_leads_and_their_form(station: Store, tmp_path: Path) -> None:
    chief = login_as(station, "chief")
    files = collect(chief, tmp_path / "work", ("leads", "forms"))
    assert "forms/突出问题线索征询表.xlsx" in files and "forms/突出问题线索征询表.pdf" in files
    records = [json.loads(line) for line in
               Path(files["records/leads.jsonl"]).read_text(encoding="utf-8").splitlines()]
    assert len(records) == station.conn.execute("SELECT count(*) FROM leads").fetchone()[0] > 0
    without = collect(chief, tmp_path / "work2", ("forms",))
    assert not any("线索" in p for p in without)


def collect(session: Session, work: Path, materials: tuple[str, ...]) -> dict[str, Any]:
    """path -> source of every file a package of ``materials`` (no campaign) collects."""
    return {item.path: item.source for item in package_contents.collect(
        session, campaign_id=None, period=None, materials=materials, since_seq=0,
        work_dir=work)}


def test_the_office_reads_the_leads_it_received(station: Store, tmp_path: Path) -> None:
    office = make_office(tmp_path / "office")
    try:
        deliver(station, office, tmp_path / "stick", materials=("ledger", "leads", "audit"))
        seen = leads.unit_leads(director(office), "QH-632621-DW")
        mine = leads.list_leads(login_as(station, "chief"))
        assert [r["id"] for r in seen] == [r["id"] for r in mine]
        for a, b in zip(seen, mine):
            assert (a["content"], a["status"], a["problem_seq_no"], a["overdue"],
                    a["due_date"], a["campaign_title"] or "") == (
                b["content"], b["status"], b["problem_seq_no"], b["overdue"], b["due_date"],
                b["campaign_title"] or "")
        assert any(r["overdue"] for r in seen) and any(r["problem_seq_no"] for r in seen)
        with pytest.raises(NotFound):
            leads.unit_leads(director(office), "QH-NOPE")
    finally:
        office.close()


def test_end_to_end_a_lead_reaches_the_office_and_counts(station: Store, tmp_path: Path) -> None:
    """The station records a 12328 call of the 2023 campaign and sends its leads of May-June
    2023 with the forms; the office imports the package and reads the lead, the package holds
    the 线索征询表, and the office's 资料报送统计表 counts the campaign's 线索征询表 as sent."""
    import zipfile

    from models import campaigns, office_stats
    qh = campaign(station)
    new_lead(login_as(station, "officer"), received_date="2023-06-12", channel="12328",
             content="来电反映检测站夜间称重结果不公示", campaign_id=qh)
    office = make_office(tmp_path / "office")
    try:
        boss = director(office)
        material = "执法领域突出问题线索征询表（附件3）"
        (cid,) = campaigns.create_campaign(
            boss, title="交通运输执法领域突出问题专项整治行动", doc_no=QINGHAI_DOC_NO,
            materials=[{"name": material, "due_date": None}]).rows["campaigns"]
        deliver(station, office, tmp_path / "stick", campaign_id=qh,
                period=(date(2023, 5, 1), date(2023, 6, 30)),
                materials=("leads", "forms", "audit"))
        seen = {r["content"]: r for r in leads.unit_leads(boss, "QH-632621-DW")}
        sent = seen["来电反映检测站夜间称重结果不公示"]
        assert (sent["status"], sent["campaign_title"]) == ("open", "交通运输执法领域突出问题专项整治行动")
        table = office_stats.materials_table(boss, int(cid), as_of=TODAY)
        assert table.columns[0] == material
        (row,) = table.rows
        assert row.cells[0].state == "received", row
        (package,) = (tmp_path / "stick").glob("*.flpkg")
        with zipfile.ZipFile(package) as bag:
            forms = [n.rsplit("/", 1)[-1] for n in bag.namelist() if "/data/forms/" in n]
        assert {"突出问题线索征询表.xlsx", "突出问题线索征询表.pdf"} <= set(forms)
    finally:
        office.close()
