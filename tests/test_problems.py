"""The rectification ledger (问题台账) and its 挂单销号 lifecycle, in the core on real SQLite.

Every test works on a fresh copy of the demo installation (accounts chief, reviewer, officer,
officer2, admin) and ends with an intact audit chain.
"""
from __future__ import annotations

import json
import shutil
import subprocess
from datetime import date
from typing import Any, Iterator

import pytest

from conftest import login_as
from core_helpers import is_chinese
from models import audit, problems
from models.errors import NotFound, PermissionDenied, ValidationError
from models.permissions import PERMISSIONS, Role
from models.problems import STATUSES, TRANSITIONS, deadline_state
from models.session import Session
from models.store import Store

QINGHAI = "青交执法监法〔2023〕30号"
XIANGYUAN = "襄交〔2024〕127号"
QINGHAI_CATEGORIES = ["逐利执法", "执法不规范", "执法方式简单僵化", "执法粗暴", "执法“寻租”"]
ROLE_USERS = {Role.OFFICER: "officer", Role.REVIEWER: "reviewer", Role.CHIEF: "chief"}
PERSON_OF = {"chief": "才让东智", "reviewer": "马文斌", "officer": "李海龙",
             "officer2": "索南扎西", "admin": "王丽"}

#: Allowed steps (as the chief, who is never made responsible here) from 待整改 to each status.
PATH_TO = {
    "open": [],
    "in_progress": ["in_progress"],
    "rectified": ["rectified"],
    "closed": ["rectified", "closed"],
    "rebound": ["rectified", "closed", "rebound"],
}


# --- helpers ------------------------------------------------------------------------------------

def one(store: Store, sql: str, *params: Any) -> Any:
    row = store.conn.execute(sql, params).fetchone()
    return row[0] if row else None


def campaign_id(store: Store, doc_no: str = QINGHAI) -> int:
    return one(store, "SELECT id FROM campaigns WHERE doc_no = ?", doc_no)


def person_id(store: Store, name: str) -> int:
    return one(store, "SELECT id FROM people WHERE name = ?", name)


def head(store: Store) -> tuple[int, str]:
    return audit.head(store.conn)


def entries_since(store: Store, seq: int) -> list[dict[str, Any]]:
    return store.query("SELECT seq, actor, action, tbl, row_key, before, after FROM audit_log"
                       " WHERE seq > ? ORDER BY seq", (seq,))


def problem_row(store: Store, pid: int) -> dict[str, Any]:
    return store.query("SELECT * FROM problems WHERE id = ?", (pid,))[0]


def events(store: Store, pid: int) -> list[tuple[Any, ...]]:
    return store.conn.execute("SELECT from_status, to_status, account_id, note FROM problem_events"
                              " WHERE problem_id = ? ORDER BY id", (pid,)).fetchall()


def counts(store: Store) -> tuple[int, int, int]:
    return tuple(one(store, f"SELECT count(*) FROM {t}")  # type: ignore[return-value]
                 for t in ("problems", "problem_events", "progress_notes"))


def new_problem(session: Session, **fields: Any) -> int:
    """Create a problem in the Qinghai 2023 campaign (unless told otherwise); return its id."""
    data: dict[str, Any] = {"campaign_id": campaign_id(session.store), "category": "逐利执法",
                            "issue": "超限检测站对货车司机重复罚款"}
    data.update(fields)
    changes = problems.create_problem(session, **data)
    (key,) = changes.rows["problems"]
    return int(key)


def drive(session: Session, pid: int, steps: list[str]) -> None:
    for to in steps:
        problems.transition(session, pid, to, "按程序推进。")


def fts_ids(store: Store, term: str) -> list[int]:
    """The problems whose text holds ``term``, by the search index (the app's phrase format)."""
    from models.ledger_query import fts_phrase
    return [r[0] for r in store.conn.execute(
        "SELECT rowid FROM problems_spaced_fts WHERE problems_spaced_fts MATCH ? ORDER BY rowid",
        (fts_phrase(term),))]


@pytest.fixture
def sessions(demo: Store) -> Iterator[dict[str, Session]]:
    """Logged-in sessions of every demo account (logins come before any head is taken)."""
    out = {u: login_as(demo, u) for u in ("chief", "reviewer", "officer", "officer2", "admin")}
    yield out
    report = demo.verify_audit()
    assert report.ok, report.summary()


# --- transitions --------------------------------------------------------------------------------

ALLOWED_CASES = [
    pytest.param(pair, role, id=f"{pair[0]}->{pair[1]}-{role}")
    for pair, (perm, _note, _owner) in TRANSITIONS.items()
    for role in ROLE_USERS if role in PERMISSIONS[perm].roles
]


def test_transition_table_is_what_the_lifecycle_says() -> None:
    assert set(STATUSES) == {"open", "in_progress", "rectified", "closed", "rebound"}
    assert len(TRANSITIONS) == 8
    verify_steps = {pair for pair, rule in TRANSITIONS.items() if rule[0] == "problem.verify"}
    assert verify_steps == {("rectified", "closed"), ("rectified", "in_progress"),
                            ("closed", "rebound")}
    assert {pair for pair, rule in TRANSITIONS.items() if rule[1]} == {
        ("rectified", "in_progress"), ("closed", "rebound")}   # 退回 and 反弹 need a note
    assert {pair for pair, rule in TRANSITIONS.items() if rule[2]} == {
        ("rectified", "closed"), ("rectified", "in_progress")}  # the verifier is not the owner
    assert len(ALLOWED_CASES) == 5 * 3 + 3 * 2


@pytest.mark.parametrize("pair,role", ALLOWED_CASES)
def test_allowed_transition(pair: tuple[str, str], role: Role, demo: Store,
                            sessions: dict[str, Session]) -> None:
    start, to = pair
    chief = sessions["chief"]
    pid = new_problem(chief)
    drive(chief, pid, PATH_TO[start])
    assert problem_row(demo, pid)["status"] == start
    actor = sessions[ROLE_USERS[role]]
    before = head(demo)
    n_events = len(events(demo, pid))

    changes = problems.transition(actor, pid, to, f"{role}办理：{start}→{to}")

    row = problem_row(demo, pid)
    assert row["status"] == to
    evs = events(demo, pid)
    assert len(evs) == n_events + 1
    assert evs[-1] == (start, to, actor.account_id, f"{role}办理：{start}→{to}")
    event_id = one(demo, "SELECT max(id) FROM problem_events WHERE problem_id = ?", pid)
    assert changes.rows == {"problems": {str(pid)}, "problem_events": {str(event_id)}}

    log = entries_since(demo, before[0])
    assert [(e["action"], e["tbl"], e["row_key"]) for e in log] == [
        ("update", "problems", str(pid)), ("insert", "problem_events", str(event_id))]
    assert {e["actor"] for e in log} == {f"{ROLE_USERS[role]}#{actor.account_id}"}
    old, new = json.loads(log[0]["before"]), json.loads(log[0]["after"])
    assert (old["status"], new["status"]) == (start, to)
    assert json.loads(log[1]["after"])["to_status"] == to
    assert changes.head_seq == head(demo)[0] == log[-1]["seq"]
    if to == "closed":
        assert row["closed_at"] and row["closed_at"] == row["updated_at"]
    if to == "rebound":
        assert row["rebound"] == 1 and row["closed_at"] is None


FORBIDDEN = [(a, b) for a in STATUSES for b in STATUSES
             if a != b and (a, b) not in TRANSITIONS]


def test_forbidden_pairs_are_the_rest() -> None:
    assert len(FORBIDDEN) == 5 * 4 - len(TRANSITIONS) == 12
    assert ("open", "closed") in FORBIDDEN and ("in_progress", "closed") in FORBIDDEN
    assert ("closed", "in_progress") in FORBIDDEN and ("rebound", "closed") in FORBIDDEN


@pytest.mark.parametrize("pair", FORBIDDEN, ids=lambda p: f"{p[0]}->{p[1]}")
def test_forbidden_transition(pair: tuple[str, str], demo: Store,
                              sessions: dict[str, Session]) -> None:
    start, to = pair
    chief = sessions["chief"]
    pid = new_problem(chief)
    drive(chief, pid, PATH_TO[start])
    before, row_before, n = head(demo), problem_row(demo, pid), counts(demo)
    for who in ("chief", "reviewer", "officer"):
        with pytest.raises(ValidationError) as info:
            problems.transition(sessions[who], pid, to, "说明文字", rebound_measures="措施")
        message = str(info.value)
        assert is_chinese(message)
        assert f"“{STATUSES[start]}”" in message and f"“{STATUSES[to]}”" in message
    assert head(demo) == before
    assert problem_row(demo, pid) == row_before
    assert counts(demo) == n


@pytest.mark.parametrize("to", ["open", "bogus", ""])
def test_same_or_unknown_status_is_refused(to: str, demo: Store,
                                           sessions: dict[str, Session]) -> None:
    pid = new_problem(sessions["chief"])
    before = head(demo)
    with pytest.raises(ValidationError) as info:
        problems.transition(sessions["chief"], pid, to, "说明")
    assert "不能把问题从“待整改”直接改为" in str(info.value)
    assert head(demo) == before and problem_row(demo, pid)["status"] == "open"


def test_transition_of_a_missing_problem(demo: Store, sessions: dict[str, Session]) -> None:
    before = head(demo)
    with pytest.raises(NotFound) as info:
        problems.transition(sessions["chief"], 987654, "in_progress")
    assert "问题" in str(info.value) and "987654" in str(info.value)
    assert head(demo) == before


# --- verification (验收, 退回, 反弹) --------------------------------------------------------------

def test_officer_cannot_verify_or_send_back(demo: Store, sessions: dict[str, Session]) -> None:
    pid = new_problem(sessions["chief"])
    drive(sessions["chief"], pid, ["rectified"])
    before = head(demo)
    for to, note in (("closed", ""), ("closed", "已核实"), ("in_progress", "整改不彻底")):
        with pytest.raises(PermissionDenied) as info:
            problems.transition(sessions["officer"], pid, to, note)
        assert "“验收销号”" in str(info.value)
        assert "法制审核" in str(info.value) and "负责人" in str(info.value)
    # nor may an officer declare a struck-off problem rebounded
    problems.transition(sessions["chief"], pid, "closed")
    before = head(demo)
    with pytest.raises(PermissionDenied):
        problems.transition(sessions["officer"], pid, "rebound", "群众再次投诉")
    assert head(demo) == before
    assert problem_row(demo, pid)["status"] == "closed"


@pytest.mark.parametrize("verifier", ["reviewer", "chief"])
@pytest.mark.parametrize("to", ["closed", "in_progress"])
def test_responsible_person_cannot_verify_own_problem(verifier: str, to: str, demo: Store,
                                                      sessions: dict[str, Session]) -> None:
    chief = sessions["chief"]
    pid = new_problem(chief, responsible_person_id=person_id(demo, PERSON_OF[verifier]))
    drive(sessions["officer"], pid, ["in_progress", "rectified"])
    assert sessions[verifier].person_id == problem_row(demo, pid)["responsible_person_id"]
    before = head(demo)
    with pytest.raises(ValidationError) as info:
        problems.transition(sessions[verifier], pid, to, "整改材料不全，退回补充。")
    assert "您是这个问题的整改责任人" in str(info.value)
    assert head(demo) == before and problem_row(demo, pid)["status"] == "rectified"

    # the other verifier, not responsible for it, may
    other = sessions["chief" if verifier == "reviewer" else "reviewer"]
    problems.transition(other, pid, to, "整改材料不全，退回补充。")
    assert problem_row(demo, pid)["status"] == to
    assert events(demo, pid)[-1][2] == other.account_id


def test_chief_not_responsible_closes(demo: Store, sessions: dict[str, Session]) -> None:
    pid = new_problem(sessions["chief"], responsible_person_id=person_id(demo, "马文斌"))
    drive(sessions["officer"], pid, ["rectified"])
    problems.transition(sessions["chief"], pid, "closed")
    row = problem_row(demo, pid)
    assert row["status"] == "closed" and row["closed_at"]
    assert events(demo, pid)[-1] == ("rectified", "closed", sessions["chief"].account_id, "")


def test_responsible_officer_may_progress_own_problem(demo: Store,
                                                      sessions: dict[str, Session]) -> None:
    officer = sessions["officer"]
    pid = new_problem(sessions["chief"], responsible_person_id=officer.person_id)
    drive(officer, pid, ["in_progress", "rectified"])
    assert problem_row(demo, pid)["status"] == "rectified"


@pytest.mark.parametrize("note", ["", "   ", None])
def test_send_back_and_rebound_need_a_note(note: Any, demo: Store,
                                           sessions: dict[str, Session]) -> None:
    chief, reviewer = sessions["chief"], sessions["reviewer"]
    pid = new_problem(chief)
    drive(chief, pid, ["rectified"])
    before = head(demo)
    with pytest.raises(ValidationError) as info:
        problems.transition(reviewer, pid, "in_progress", note)
    assert "“说明”不能为空" in str(info.value)
    assert head(demo) == before
    problems.transition(reviewer, pid, "closed", note)   # closing needs no note
    before = head(demo)
    with pytest.raises(ValidationError) as info:
        problems.transition(chief, pid, "rebound", note, rebound_measures="重新约谈")
    assert "“说明”不能为空" in str(info.value)
    assert head(demo) == before
    row = problem_row(demo, pid)
    assert row["status"] == "closed" and row["rebound"] == 0 and row["rebound_measures"] == ""


def test_rebound_history(demo: Store, sessions: dict[str, Session]) -> None:
    officer, reviewer, chief = sessions["officer"], sessions["reviewer"], sessions["chief"]
    pid = new_problem(chief, responsible_person_id=officer.person_id,
                      manifestation="对同一辆车在不同站点重复处罚。")
    problems.transition(officer, pid, "in_progress", "开始整改")
    problems.transition(officer, pid, "rectified", "已建立信息共享机制")
    problems.transition(reviewer, pid, "closed", "核查属实，予以销号")
    first = problem_row(demo, pid)
    assert first["status"] == "closed" and first["closed_at"] and first["rebound"] == 0

    problems.transition(chief, pid, "rebound", "群众通过12328再次投诉",
                        rebound_measures="重新约谈责任人，每周抽查")
    reb = problem_row(demo, pid)
    assert reb["status"] == "rebound" and reb["rebound"] == 1 and reb["closed_at"] is None
    assert reb["rebound_measures"] == "重新约谈责任人，每周抽查"

    problems.transition(officer, pid, "in_progress", "再次整改")
    problems.transition(officer, pid, "rectified", "抽查四周未再发现")
    problems.transition(reviewer, pid, "closed", "复查合格")
    last = problem_row(demo, pid)
    assert last["status"] == "closed" and last["rebound"] == 1
    assert last["closed_at"] and last["closed_at"] > first["closed_at"]
    assert last["rebound_measures"] == "重新约谈责任人，每周抽查"

    full = problems.get_problem(officer, pid)
    steps = [(e["from_status"], e["to_status"], e["username"], e["note"])
             for e in full["events"]]
    assert steps == [
        (None, "open", "chief", ""),  # the creation
        ("open", "in_progress", "officer", "开始整改"),
        ("in_progress", "rectified", "officer", "已建立信息共享机制"),
        ("rectified", "closed", "reviewer", "核查属实，予以销号"),
        ("closed", "rebound", "chief", "群众通过12328再次投诉"),
        ("rebound", "in_progress", "officer", "再次整改"),
        ("in_progress", "rectified", "officer", "抽查四周未再发现"),
        ("rectified", "closed", "reviewer", "复查合格"),
    ]
    assert [e["id"] for e in full["events"]] == sorted(e["id"] for e in full["events"])
    assert [e["ts"] for e in full["events"]] == sorted(e["ts"] for e in full["events"])
    assert full["status"] == "closed" and full["notes"] == [] and full["evidence"] == []


def test_rebound_without_measures_keeps_them(demo: Store, sessions: dict[str, Session]) -> None:
    chief = sessions["chief"]
    pid = new_problem(chief)
    drive(chief, pid, ["rectified", "closed"])
    problems.transition(chief, pid, "rebound", "复查发现反弹")
    row = problem_row(demo, pid)
    assert row["rebound"] == 1 and row["rebound_measures"] == ""
    problems.transition(chief, pid, "rectified")  # rebound -> rectified directly
    assert problem_row(demo, pid)["status"] == "rectified"


# --- creating and editing ----------------------------------------------------------------------

def test_create_problem_starts_open(demo: Store, sessions: dict[str, Session]) -> None:
    officer = sessions["officer"]
    before = head(demo)
    pid = new_problem(officer, manifestation="  下达罚没指标  ", deadline=date(2023, 7, 20),
                      scope="common", source="complaint", source_channel="12328",
                      source_ref="2023-0412号工单", responsible_dept="综合执法科",
                      responsible_person_id=person_id(demo, "索南扎西"))
    row = problem_row(demo, pid)
    assert row["status"] == "open" and row["seq_no"] == 1 and row["rebound"] == 0
    assert row["campaign_id"] == campaign_id(demo)
    assert row["unit_id"] == int(demo.setting("own_unit_id"))
    assert row["manifestation"] == "下达罚没指标"   # stripped
    assert row["deadline"] == "2023-07-20" and row["scope"] == "common"
    assert (row["source"], row["source_channel"], row["source_ref"]) == (
        "complaint", "12328", "2023-0412号工单")
    assert row["responsible_person_id"] == person_id(demo, "索南扎西")
    assert row["closed_at"] is None and row["created_at"] == row["updated_at"]
    assert events(demo, pid) == [(None, "open", officer.account_id, "")]
    log = entries_since(demo, before[0])
    assert [(e["action"], e["tbl"]) for e in log] == [("insert", "problems"),
                                                      ("insert", "problem_events")]
    assert all(e["actor"] == f"officer#{officer.account_id}" for e in log)
    assert json.loads(log[0]["after"])["issue"] == "超限检测站对货车司机重复罚款"


def test_seq_no_per_campaign_and_unit(demo: Store, sessions: dict[str, Session]) -> None:
    chief = sessions["chief"]
    xiangyuan = campaign_id(demo, XIANGYUAN)
    maqen = one(demo, "SELECT id FROM units WHERE code = 'QH-632621'")
    a = [new_problem(chief, issue=f"问题{i}") for i in range(3)]
    b = new_problem(chief, campaign_id=xiangyuan, category="运动式执法")
    c = [new_problem(chief, unit_id=maqen) for _ in range(2)]
    d = [new_problem(chief, campaign_id=None, category="日常监督发现") for _ in range(2)]
    a.append(new_problem(chief, issue="问题3"))

    def seq(pid: int) -> int:
        return problem_row(demo, pid)["seq_no"]

    assert [seq(p) for p in a] == [1, 2, 3, 4]
    assert seq(b) == 1
    assert [seq(p) for p in c] == [1, 2]
    assert [seq(p) for p in d] == [1, 2]   # no campaign: numbered among themselves

    # editing keeps the number, and later problems continue after the highest
    problems.update_problem(chief, a[1], issue="问题1（已修改）", category="执法粗暴")
    problems.bulk_update(chief, a, deadline="2023-09-28")
    drive(chief, a[0], ["rectified", "closed"])
    assert [seq(p) for p in a] == [1, 2, 3, 4]
    assert seq(new_problem(chief)) == 5


def test_seq_no_cannot_be_set(demo: Store, sessions: dict[str, Session]) -> None:
    """序号 is assigned, never given: passing it (or any unknown field) is refused, not ignored."""
    chief = sessions["chief"]
    pid = new_problem(chief)
    before, n = head(demo), counts(demo)
    with pytest.raises(TypeError, match="seq_no"):
        problems.update_problem(chief, pid, seq_no=7, remarks="改序号")
    with pytest.raises(TypeError, match="seq_no"):
        new_problem(chief, seq_no=42)
    with pytest.raises(TypeError, match="responsible_person"):
        problems.update_problem(chief, pid, responsible_person=person_id(demo, "张强"))
    assert head(demo) == before and counts(demo) == n
    assert problem_row(demo, pid)["seq_no"] == 1 and problem_row(demo, pid)["remarks"] == ""


def test_unknown_unit_is_not_found(demo: Store, sessions: dict[str, Session]) -> None:
    before = head(demo)
    with pytest.raises(NotFound) as info:
        new_problem(sessions["chief"], unit_id=919191)
    assert "单位" in str(info.value) and "919191" in str(info.value)
    assert head(demo) == before and counts(demo)[0] == 0


def test_problems_cannot_be_deleted() -> None:
    assert not [name for name in dir(problems) if "delete" in name or "remove" in name]


def test_category_must_belong_to_the_campaign(demo: Store, sessions: dict[str, Session]) -> None:
    chief = sessions["chief"]
    before, n = head(demo), counts(demo)
    with pytest.raises(ValidationError) as info:
        new_problem(chief, category="运动式执法")   # a Xiangyuan category, not Qinghai's
    message = str(info.value)
    assert "“运动式执法”不是本专项行动的问题类别" in message
    assert "可选：" + "、".join(QINGHAI_CATEGORIES) in message
    with pytest.raises(ValidationError, match="“问题方面”不能为空"):
        new_problem(chief, category="  ")
    with pytest.raises(ValidationError, match="“问题方面”不能为空"):
        problems.create_problem(chief, campaign_id=campaign_id(demo), issue="缺少问题方面")
    assert head(demo) == before and counts(demo) == n
    # every category of the campaign is accepted, and so are edits to another of them
    pids = [new_problem(chief, category=c) for c in QINGHAI_CATEGORIES]
    assert [problem_row(demo, p)["category"] for p in pids] == QINGHAI_CATEGORIES
    with pytest.raises(ValidationError, match="不是本专项行动的问题类别"):
        problems.update_problem(chief, pids[0], category="野蛮执法")
    problems.update_problem(chief, pids[0], category="执法粗暴")
    assert problem_row(demo, pids[0])["category"] == "执法粗暴"


def test_unknown_campaign_is_not_found(demo: Store, sessions: dict[str, Session]) -> None:
    before = head(demo)
    with pytest.raises(NotFound) as info:
        new_problem(sessions["chief"], campaign_id=424242)
    assert "专项行动" in str(info.value) and "424242" in str(info.value)
    assert head(demo) == before and counts(demo)[0] == 0


def test_required_and_too_long_text(demo: Store, sessions: dict[str, Session]) -> None:
    chief = sessions["chief"]
    before = head(demo)
    with pytest.raises(ValidationError, match="“存在问题”不能为空"):
        new_problem(chief, issue="")
    with pytest.raises(ValidationError, match="“存在问题”太长（最多 500 个字）"):
        new_problem(chief, issue="超" * 501)
    with pytest.raises(ValidationError, match="“整改时限”不是有效日期"):
        new_problem(chief, deadline="2023-02-30")
    with pytest.raises(ValidationError, match="问题来源"):
        new_problem(chief, source="wechat")
    with pytest.raises(ValidationError, match="共性/个性"):
        new_problem(chief, scope="both")
    assert head(demo) == before


@pytest.mark.parametrize("channel,stored", [("12328", "12328"), ("12345", "12345"),
                                            ("信箱", "信箱"), ("来访", "来访"), ("网络", "网络"),
                                            ("其他", "其他"), ("", ""),
                                            (" 信箱 ", "信箱"), (None, "")])
def test_complaint_channel_accepted(channel: str | None, stored: str, demo: Store,
                                    sessions: dict[str, Session]) -> None:
    pid = new_problem(sessions["chief"], source="complaint", source_channel=channel)
    assert problem_row(demo, pid)["source_channel"] == stored


@pytest.mark.parametrize("channel", ["微信", "12306", "110", "信箱12328"])
def test_complaint_channel_refused(channel: str, demo: Store,
                                   sessions: dict[str, Session]) -> None:
    chief = sessions["chief"]
    pid = new_problem(chief, source="complaint", source_channel="12328")
    before, n = head(demo), counts(demo)
    for attempt in (lambda: new_problem(chief, source="complaint", source_channel=channel),
                    lambda: problems.update_problem(chief, pid, source_channel=channel)):
        with pytest.raises(ValidationError) as info:
            attempt()
        assert "举报渠道只能是 12328、12345、信箱、来信、来访、来电、网络、其他" in str(info.value)
    assert head(demo) == before and counts(demo) == n
    assert problem_row(demo, pid)["source_channel"] == "12328"


def test_responsible_person_must_exist(demo: Store, sessions: dict[str, Session]) -> None:
    chief = sessions["chief"]
    before = head(demo)
    with pytest.raises(NotFound) as info:
        new_problem(chief, responsible_person_id=555555)
    assert "责任人" in str(info.value) and "555555" in str(info.value)
    assert head(demo) == before
    pid = new_problem(chief, responsible_person_id=person_id(demo, "张强"))
    with pytest.raises(NotFound):
        problems.update_problem(chief, pid, responsible_person_id=555555)
    assert problem_row(demo, pid)["responsible_person_id"] == person_id(demo, "张强")
    problems.update_problem(chief, pid, responsible_person_id=None)
    assert problem_row(demo, pid)["responsible_person_id"] is None


def test_update_refuses_status(demo: Store, sessions: dict[str, Session]) -> None:
    chief = sessions["chief"]
    pid = new_problem(chief)
    before = head(demo)
    for status in ("closed", "open"):
        with pytest.raises(ValidationError) as info:
            problems.update_problem(chief, pid, status=status, remarks="顺便改备注")
        assert str(info.value) == "问题状态只能通过整改流程变更。"
    assert head(demo) == before
    row = problem_row(demo, pid)
    assert row["status"] == "open" and row["remarks"] == ""


def test_update_is_audited_with_before_and_after(demo: Store,
                                                  sessions: dict[str, Session]) -> None:
    officer = sessions["officer"]
    pid = new_problem(sessions["chief"], measures="开展自查")
    old = problem_row(demo, pid)
    before = head(demo)
    changes = problems.update_problem(officer, pid, measures="取消罚没指标，纳入绩效考核",
                                      deadline="2023-07-20")
    assert changes.rows == {"problems": {str(pid)}}
    new = problem_row(demo, pid)
    assert new["measures"] == "取消罚没指标，纳入绩效考核" and new["deadline"] == "2023-07-20"
    assert new["updated_at"] > old["updated_at"] and new["seq_no"] == old["seq_no"]
    (entry,) = entries_since(demo, before[0])     # one entry, updated_at included
    assert (entry["action"], entry["tbl"], entry["row_key"]) == ("update", "problems", str(pid))
    assert entry["actor"] == f"officer#{officer.account_id}"
    assert json.loads(entry["before"]) == old      # the image before the edit ...
    assert json.loads(entry["after"]) == new       # ... and the row as it now is
    assert json.loads(entry["before"])["measures"] == "开展自查"

    # an edit that changes nothing writes nothing
    before = head(demo)
    assert not problems.update_problem(officer, pid, measures=" 取消罚没指标，纳入绩效考核 ")
    assert head(demo) == before and problem_row(demo, pid) == new


def test_update_missing_problem(demo: Store, sessions: dict[str, Session]) -> None:
    before = head(demo)
    with pytest.raises(NotFound):
        problems.update_problem(sessions["chief"], 31337, remarks="无")
    assert head(demo) == before


# --- progress notes -----------------------------------------------------------------------------

def test_progress_notes(demo: Store, sessions: dict[str, Session]) -> None:
    officer, officer2 = sessions["officer"], sessions["officer2"]
    pid = new_problem(sessions["chief"])
    before = head(demo)
    changes = problems.add_progress_note(officer, pid, "  召开专题会议，逐条对照整改。 ",
                                         "2023-06-15")
    problems.add_progress_note(officer2, pid, "完成全员培训", date(2023, 5, 30))
    problems.add_progress_note(officer, pid, "今天的进展")
    rows = demo.conn.execute("SELECT note_date, text, account_id FROM progress_notes"
                             " WHERE problem_id = ? ORDER BY id", (pid,)).fetchall()
    assert rows == [("2023-06-15", "召开专题会议，逐条对照整改。", officer.account_id),
                    ("2023-05-30", "完成全员培训", officer2.account_id),
                    (date.today().isoformat(), "今天的进展", officer.account_id)]
    (note_key,) = changes.rows["progress_notes"]
    assert changes.rows["problems"] == {str(pid)}
    first = entries_since(demo, before[0])[:2]
    assert [(e["action"], e["tbl"], e["row_key"]) for e in first] == [
        ("insert", "progress_notes", note_key), ("update", "problems", str(pid))]
    notes = problems.get_problem(officer, pid)["notes"]
    assert [(n["note_date"], n["username"]) for n in notes] == [
        ("2023-05-30", "officer2"), ("2023-06-15", "officer"),
        (date.today().isoformat(), "officer")]
    assert problem_row(demo, pid)["status"] == "open"   # a note is not a transition


@pytest.mark.parametrize("bad_date", ["2023-13-01", "15/06/2023", "明天", "2023-6-31"])
def test_progress_note_bad_date(bad_date: str, demo: Store,
                                sessions: dict[str, Session]) -> None:
    pid = new_problem(sessions["chief"])
    before, n = head(demo), counts(demo)
    with pytest.raises(ValidationError) as info:
        problems.add_progress_note(sessions["officer"], pid, "有内容", bad_date)
    assert "“日期”不是有效日期" in str(info.value) and bad_date in str(info.value)
    with pytest.raises(ValidationError, match="“整改进展”不能为空"):
        problems.add_progress_note(sessions["officer"], pid, "  ", "2023-06-15")
    with pytest.raises(NotFound):
        problems.add_progress_note(sessions["officer"], 99999, "有内容", "2023-06-15")
    assert head(demo) == before and counts(demo) == n


def test_admin_cannot_add_notes(demo: Store, sessions: dict[str, Session]) -> None:
    pid = new_problem(sessions["chief"])
    before = head(demo)
    with pytest.raises(PermissionDenied, match="推进整改"):
        problems.add_progress_note(sessions["admin"], pid, "管理员记录", "2023-06-15")
    assert head(demo) == before
    assert problems.get_problem(sessions["admin"], pid)["notes"] == []   # but may read


# --- bulk changes -------------------------------------------------------------------------------

def test_bulk_update(demo: Store, sessions: dict[str, Session]) -> None:
    chief = sessions["chief"]
    lhl, snzx = person_id(demo, "李海龙"), person_id(demo, "索南扎西")
    pids = [new_problem(chief, issue=f"批量{i}") for i in range(4)]
    problems.update_problem(chief, pids[0], responsible_person_id=snzx, deadline="2023-09-28")
    unchanged = problem_row(demo, pids[0])
    before = head(demo)

    changes = problems.bulk_update(chief, [pids[3], pids[0], pids[1], pids[2], pids[1]],
                                   responsible_person_id=snzx, deadline="2023-09-28")

    assert changes.rows == {"problems": {str(p) for p in pids[1:]}}
    log = entries_since(demo, before[0])
    assert [(e["action"], e["row_key"]) for e in log] == [
        ("update", str(p)) for p in pids[1:]], "one audit entry per changed row"
    assert all(e["actor"] == f"chief#{chief.account_id}" for e in log)
    for e in log:
        old, new = json.loads(e["before"]), json.loads(e["after"])
        assert (old["responsible_person_id"], old["deadline"]) == (None, None)
        assert (new["responsible_person_id"], new["deadline"]) == (snzx, "2023-09-28")
    assert problem_row(demo, pids[0]) == unchanged
    assert changes.head_seq == head(demo)[0]

    # only the deadline, then only the person
    problems.bulk_update(chief, pids, deadline="2023-12-31")
    problems.bulk_update(chief, pids[:2], responsible_person_id=lhl)
    rows = [problem_row(demo, p) for p in pids]
    assert [r["deadline"] for r in rows] == ["2023-12-31"] * 4
    assert [r["responsible_person_id"] for r in rows] == [lhl, lhl, snzx, snzx]


def test_bulk_update_is_one_transaction(demo: Store, sessions: dict[str, Session]) -> None:
    chief = sessions["chief"]
    pids = [new_problem(chief) for _ in range(3)]
    before = head(demo)
    with pytest.raises(NotFound):
        problems.bulk_update(chief, [*pids, 777777], deadline="2023-07-20")
    assert head(demo) == before
    assert [problem_row(demo, p)["deadline"] for p in pids] == [None, None, None]


def test_bulk_update_refusals(demo: Store, sessions: dict[str, Session]) -> None:
    chief = sessions["chief"]
    pids = [new_problem(chief) for _ in range(2)]
    before = head(demo)
    for who in ("officer", "reviewer", "admin"):
        with pytest.raises(PermissionDenied) as info:
            problems.bulk_update(sessions[who], pids, deadline="2023-07-20")
        assert "“批量调整责任人和时限”" in str(info.value) and "负责人" in str(info.value)
    with pytest.raises(ValidationError) as info:
        problems.bulk_update(chief, pids)
    assert str(info.value) == "请至少选择要批量修改的责任人或整改时限。"
    with pytest.raises(ValidationError, match="“整改时限”不是有效日期"):
        problems.bulk_update(chief, pids, deadline="2023-02-29")
    with pytest.raises(NotFound, match="责任人"):
        problems.bulk_update(chief, pids, responsible_person_id=606060)
    assert head(demo) == before
    assert [problem_row(demo, p)["deadline"] for p in pids] == [None, None]


# --- deadlines ----------------------------------------------------------------------------------

TODAY = date(2024, 6, 20)


@pytest.mark.parametrize("deadline,status,expected", [
    ("2024-06-19", "open", "overdue"),
    ("2023-07-20", "in_progress", "overdue"),
    ("2024-06-19", "rectified", "overdue"),
    ("2024-06-19", "rebound", "overdue"),
    ("2024-06-20", "open", "due_soon"),      # due today
    ("2024-06-21", "in_progress", "due_soon"),
    ("2024-06-27", "open", "due_soon"),      # 7 days ahead: still due soon
    ("2024-06-28", "open", ""),              # 8 days ahead
    ("2025-01-01", "open", ""),
    (None, "open", ""),
    ("", "in_progress", ""),
    ("2024-06-19", "closed", ""),            # struck off: never overdue
    ("2024-06-22", "closed", ""),
])
def test_deadline_state(deadline: str | None, status: str, expected: str) -> None:
    assert deadline_state(deadline, status, TODAY) == expected


def test_deadline_state_of_stored_problems(demo: Store, sessions: dict[str, Session]) -> None:
    chief = sessions["chief"]
    late = new_problem(chief, deadline="2024-06-01")
    soon = new_problem(chief, deadline="2024-06-25")
    done = new_problem(chief, deadline="2024-06-01")
    drive(chief, done, ["rectified", "closed"])
    states = {pid: deadline_state(r["deadline"], r["status"], TODAY)
              for pid, r in ((p, problem_row(demo, p)) for p in (late, soon, done))}
    assert states == {late: "overdue", soon: "due_soon", done: ""}


# --- full-text search ---------------------------------------------------------------------------

def test_fts_follows_the_problem_text(demo: Store, sessions: dict[str, Session]) -> None:
    chief = sessions["chief"]
    pid = new_problem(chief, issue="超限站下达罚没指标", manifestation="按月考核罚款数额")
    other = new_problem(chief, issue="执法人员着装不规范")
    assert fts_ids(demo, "罚没指标") == [pid]
    assert fts_ids(demo, "按月考核") == [pid]
    assert fts_ids(demo, "着装不规范") == [other]

    problems.update_problem(chief, pid, issue="超限站考核方式不当", remarks="已取消罚没指标")
    assert fts_ids(demo, "罚没指标") == [pid]           # still in the remarks
    problems.update_problem(chief, pid, remarks="已调整考核办法")
    assert fts_ids(demo, "罚没指标") == []              # the old phrase is gone
    assert fts_ids(demo, "考核方式不当") == [pid] and fts_ids(demo, "调整考核办法") == [pid]

    # text written by the lifecycle is indexed too; non-text changes leave the index alone
    drive(chief, pid, ["rectified", "closed"])
    problems.transition(chief, pid, "rebound", "再次发现", rebound_measures="设立罚没指标举报箱")
    problems.bulk_update(chief, [pid, other], deadline="2024-07-01")
    assert fts_ids(demo, "罚没指标") == [pid]
    assert fts_ids(demo, "着装不规范") == [other]
    assert pid in fts_ids(demo, "箱") and other in fts_ids(demo, "着装")  # 1-2 characters
    integrity_check(demo)


def integrity_check(store: Store) -> None:
    store.conn.execute(
        "INSERT INTO problems_spaced_fts(problems_spaced_fts) VALUES ('integrity-check')")


def test_fts_follows_edits_made_outside_the_app(demo: Store) -> None:
    """The index is kept by plain-SQL triggers: a repair made outside the app (a DELETE; an
    UPDATE with the sqlite3 command-line shell, which has no app functions) is indexed too. (The
    audit chain reports such edits; that is not this test's business, so no ``sessions``.)"""
    chief = login_as(demo, "chief")
    pid = new_problem(chief, issue="超限站下达罚没指标")
    other = new_problem(chief, issue="执法人员着装不规范")
    gone = new_problem(chief, issue="临时录入的测试问题")
    assert fts_ids(demo, "临时录入") == [gone] and gone in fts_ids(demo, "临")
    for table in ("problem_events", "progress_notes", "evidence"):
        demo.conn.execute(f"DELETE FROM {table} WHERE problem_id = ?", (gone,))
    demo.conn.execute("DELETE FROM problems WHERE id = ?", (gone,))
    assert fts_ids(demo, "临时录入") == [] and gone not in fts_ids(demo, "临")
    integrity_check(demo)

    if shutil.which("sqlite3") is None:
        pytest.skip("no sqlite3 command-line shell")
    subprocess.run(["sqlite3", str(demo.path),
                    f"UPDATE problems SET issue = '夜间拦车检查扰民' WHERE id = {pid};"],
                   check=True, capture_output=True, timeout=60)
    assert fts_ids(demo, "夜间拦车检查扰民") == [pid] and pid in fts_ids(demo, "拦")
    assert fts_ids(demo, "下达罚没指标") == [] and pid not in fts_ids(demo, "罚")
    assert fts_ids(demo, "执法人员着装不规范") == [other]
    from models import ledger_query as lq
    assert pid in lq.problem_ids(chief, lq.LedgerFilter(text="拦车 扰"))
    assert pid not in lq.problem_ids(chief, lq.LedgerFilter(text="罚没"))
    integrity_check(demo)


# --- reading ------------------------------------------------------------------------------------

def test_get_problem(demo: Store, sessions: dict[str, Session]) -> None:
    pid = new_problem(sessions["officer"], remarks="首次登记")
    before = head(demo)
    for who in ("officer", "reviewer", "chief", "admin"):
        got = problems.get_problem(sessions[who], pid)
        assert got["id"] == pid and got["remarks"] == "首次登记"
        assert [(e["to_status"], e["username"]) for e in got["events"]] == [("open", "officer")]
    assert head(demo) == before   # reading writes nothing
    with pytest.raises(NotFound):
        problems.get_problem(sessions["chief"], 13579)


def test_whole_lifecycle_leaves_an_intact_chain(demo: Store,
                                                sessions: dict[str, Session]) -> None:
    """Everything at once on one installation, then the audit chain verifies."""
    chief, reviewer, officer = sessions["chief"], sessions["reviewer"], sessions["officer"]
    pids = [new_problem(officer, issue=f"综合{i}", category=c)
            for i, c in enumerate(QINGHAI_CATEGORIES)]
    problems.bulk_update(chief, pids, responsible_person_id=officer.person_id,
                         deadline="2023-07-20")
    for i, pid in enumerate(pids):
        problems.add_progress_note(officer, pid, f"进展{i}", f"2023-06-0{i + 1}")
        drive(officer, pid, ["in_progress", "rectified"])
        problems.transition(reviewer, pid, "closed")
    problems.transition(chief, pids[0], "rebound", "反弹", rebound_measures="加强巡查")
    problems.update_problem(officer, pids[0], completion="已完成整改", effective="yes")
    assert sorted(r["status"] for r in demo.query("SELECT status FROM problems")) == \
        ["closed"] * 4 + ["rebound"]
    assert counts(demo) == (5, 5 * 4 + 1, 5)
    report = demo.verify_audit()
    assert report.ok, report.summary()


def test_the_demo_ledger_is_a_living_one(tmp_path) -> None:
    """The demo's problems went through the real lifecycle: every status but 待整改 is reached by
    steps of the right people, overdue and due-soon items exist, and the chain verifies."""
    from datetime import date

    from models.demo import DEMO_PROBLEMS, create_demo
    from models.paths import DataDir
    from models.store import open_store

    store = open_store(DataDir(tmp_path / "data"))
    try:
        create_demo(store)
        statuses = sorted(r[0] for r in store.conn.execute("SELECT status FROM problems"))
        assert len(statuses) == len(DEMO_PROBLEMS)
        assert {"open", "in_progress", "rectified", "closed"} <= set(statuses)
        assert store.conn.execute("SELECT count(*) FROM problems WHERE rebound = 1").fetchone()[0] == 1
        today = date.today().isoformat()
        overdue = store.conn.execute("SELECT count(*) FROM problems WHERE deadline < ?"
                                     " AND status <> 'closed'", (today,)).fetchone()[0]
        assert overdue >= 1
        closers = {r[0] for r in store.conn.execute(
            "SELECT a.username FROM problem_events e JOIN accounts a ON a.id = e.account_id"
            " WHERE e.to_status = 'closed'")}
        assert closers <= {"reviewer", "chief"}
        assert store.verify_audit().ok
    finally:
        store.close()
