"""Self-checks: filling a self-check list item by item for a campaign, resuming, and what each
不符合 does to the ledger — a problem hung or linked, and no orphan when the answer changes."""
from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from conftest import login_as
from models import (audit, evidence, problems, selfcheck, selfcheck_evidence, selfcheck_view,
                    templates)
from models.errors import NotFound, PermissionDenied, ValidationError
from models.filetypes import EvidenceRefused
from models.session import Session
from models.store import Store

QINGHAI = "青交执法监法〔2023〕30号"
XIANGYUAN = "襄交〔2024〕127号"


def one(store: Store, sql: str, *params: Any) -> Any:
    return store.conn.execute(sql, params).fetchone()[0]


def campaign(store: Store, doc_no: str) -> int:
    return one(store, "SELECT id FROM campaigns WHERE doc_no = ?", doc_no)


def template(store: Store, code_part: str) -> int:
    return one(store, "SELECT id FROM templates WHERE code LIKE ?", f"%{code_part}%")


@pytest.fixture
def officer(demo: Store) -> Session:
    return login_as(demo, "officer")


@pytest.fixture
def sc(demo: Store, officer: Session) -> int:
    """A Qinghai 2023 self-check of the demo station, just started."""
    changes = selfcheck.start_selfcheck(officer, campaign(demo, QINGHAI), template(demo, "青海"))
    (key,) = changes.rows["selfchecks"]
    return int(key)


def answer(store: Store, sc_id: int, code: str) -> dict[str, Any]:
    return store.query("SELECT a.* FROM selfcheck_answers a JOIN template_items i ON i.id ="
                       " a.item_id WHERE a.selfcheck_id = ? AND i.code = ?", (sc_id, code))[0]


def problem(store: Store, pid: int) -> dict[str, Any] | None:
    rows = store.query("SELECT * FROM problems WHERE id = ?", (pid,))
    return rows[0] if rows else None


def test_start_progress_and_resume(demo: Store, officer: Session, sc: int) -> None:
    got = selfcheck.get_selfcheck(officer, sc)
    assert got["title"] == "交通运输执法领域突出问题自查清单（五个方面）（2023示例版）"
    assert (got["answered"], got["total"], got["status"]) == (0, 17, "in_progress")
    assert [s["name"] for s in got["sections"]] == ["逐利执法", "执法不规范", "执法方式简单僵化",
                                                    "执法粗暴", "执法“寻租”"]
    assert got["next_code"] == "1.1"
    for code in ("1.1", "1.2", "2.1"):
        selfcheck.answer_item(officer, sc, code, "conform", evidence="年度考核办法")
    got = selfcheck.get_selfcheck(officer, sc)
    assert (got["answered"], got["total"], got["next_code"]) == (3, 17, "1.3")
    item = got["sections"][0]["items"][0]
    assert (item["answer"], item["evidence"], item["evidence_hint"]) == (
        "conform", "年度考核办法", "年度考核办法、会议纪要、绩效考核表")
    listed = selfcheck.list_selfchecks(officer, campaign(demo, QINGHAI))
    assert [(r["id"], r["answered"], r["total"]) for r in listed] == [(sc, 3, 17)]
    with pytest.raises(ValidationError, match="已有一份未完成的自查"):
        selfcheck.start_selfcheck(officer, campaign(demo, QINGHAI), template(demo, "青海"))


def test_sections_must_name_campaign_categories(demo: Store, officer: Session) -> None:
    with pytest.raises(ValidationError) as info:
        selfcheck.start_selfcheck(officer, campaign(demo, XIANGYUAN), template(demo, "青海"))
    assert "分组“执法不规范”对应不到本专项行动的问题类别" in str(info.value)
    selfcheck.start_selfcheck(officer, campaign(demo, XIANGYUAN), template(demo, "襄垣"))
    with pytest.raises(NotFound):   # a review standard is no self-check list
        selfcheck.start_selfcheck(officer, campaign(demo, QINGHAI), template(demo, "评查标准"))


def test_nonconform_hangs_a_problem_and_a_slip_is_withdrawn(demo: Store, officer: Session,
                                                             sc: int) -> None:
    selfcheck.answer_item(officer, sc, "3.1", "nonconform", note="对首次轻微超限一律罚款",
                          evidence="处罚决定书3份")
    pid = answer(demo, sc, "3.1")["problem_id"]
    p = problem(demo, pid)
    assert p is not None
    assert (p["category"], p["issue"], p["manifestation"], p["source"], p["status"]) == (
        "执法方式简单僵化", "“一刀切”执法", "对首次轻微超限一律罚款", "self_check", "open")
    assert p["source_ref"] == f"selfcheck:{sc}:3.1"
    assert p["campaign_id"] == campaign(demo, QINGHAI) and p["seq_no"] == 1
    event = demo.query("SELECT * FROM problem_events WHERE problem_id = ?", (pid,))
    assert [e["to_status"] for e in event] == ["open"] and "第 3.1 项不符合" in event[0]["note"]

    selfcheck.answer_item(officer, sc, "3.1", "conform")      # a slip of the hand, corrected
    assert problem(demo, pid) is None
    assert answer(demo, sc, "3.1")["problem_id"] is None
    deleted = demo.conn.execute("SELECT tbl FROM audit_log WHERE action = 'delete' AND row_key = ?"
                                " ORDER BY seq", (str(pid),)).fetchall()
    assert [r[0] for r in deleted] == ["problem_events", "problems"]
    assert demo.verify_audit().ok

    # The withdrawn problem's 序号 is not given again: the next problem of the campaign gets 2.
    selfcheck.answer_item(officer, sc, "3.1", "nonconform", note="再次发现")
    again = problem(demo, answer(demo, sc, "3.1")["problem_id"])
    assert again is not None and again["seq_no"] == 2


def test_a_problem_with_history_is_kept_and_marked_then_taken_up_again(
        demo: Store, officer: Session, sc: int) -> None:
    selfcheck.answer_item(officer, sc, "2.2", "nonconform", note="夜间拦车检查时间过长")
    pid = answer(demo, sc, "2.2")["problem_id"]
    problems.add_progress_note(officer, pid, "已制定拦车检查规范。")
    selfcheck.answer_item(officer, sc, "2.2", "na", note="本站不拦车，由交警负责")
    p = problem(demo, pid)
    assert p is not None and p["status"] == "open"                       # never deleted
    assert "自查结论已改为“不适用”" in p["remarks"] and "李海龙" in p["remarks"]
    assert answer(demo, sc, "2.2")["problem_id"] is None                  # let go of
    assert p["source_ref"] == f"selfcheck:{sc}:2.2"                       # still leads back

    selfcheck.answer_item(officer, sc, "2.2", "nonconform", note="复查：仍有拦车超时")
    assert answer(demo, sc, "2.2")["problem_id"] == pid                   # the same problem
    assert one(demo, "SELECT count(*) FROM problems WHERE source_ref = ?",
               f"selfcheck:{sc}:2.2") == 1
    assert demo.verify_audit().ok


def test_a_closed_problem_is_kept_and_a_new_one_hung(demo: Store, officer: Session,
                                                     sc: int) -> None:
    reviewer = login_as(demo, "reviewer")
    selfcheck.answer_item(officer, sc, "4.1", "nonconform")
    pid = answer(demo, sc, "4.1")["problem_id"]
    problems.transition(officer, pid, "rectified")
    problems.transition(reviewer, pid, "closed")
    selfcheck.answer_item(officer, sc, "4.1", "conform")
    assert problem(demo, pid)["status"] == "closed"
    selfcheck.answer_item(officer, sc, "4.1", "nonconform", note="复查发现再次出现")
    new = answer(demo, sc, "4.1")["problem_id"]
    assert new != pid and problem(demo, new)["status"] == "open"


def test_linking_an_existing_problem(demo: Store, officer: Session, sc: int) -> None:
    qh = campaign(demo, QINGHAI)
    problems.create_problem(officer, campaign_id=qh, category="执法粗暴", issue="不听当事人陈述申辩",
                            source="complaint", source_channel="12328")
    existing = one(demo, "SELECT max(id) FROM problems")
    before = problem(demo, existing)
    selfcheck.answer_item(officer, sc, "4.2", "nonconform", problem_id=existing)
    assert answer(demo, sc, "4.2")["problem_id"] == existing
    assert one(demo, "SELECT count(*) FROM problems") == 1
    selfcheck.answer_item(officer, sc, "4.2", "conform")
    assert answer(demo, sc, "4.2")["problem_id"] is None
    assert problem(demo, existing) == before                 # not the answer's to change

    other = problems.create_problem(officer, campaign_id=None, category="执法粗暴",
                                    issue="态度生硬").rows["problems"]
    with pytest.raises(ValidationError, match="同一专项行动和单位"):
        selfcheck.answer_item(officer, sc, "4.3", "nonconform", problem_id=int(next(iter(other))))
    with pytest.raises(ValidationError, match="只有“不符合”的条目可以关联问题"):
        selfcheck.answer_item(officer, sc, "4.3", "conform", problem_id=existing)


def test_switching_the_linked_problem_releases_the_made_one(demo: Store, officer: Session,
                                                            sc: int) -> None:
    qh = campaign(demo, QINGHAI)
    selfcheck.answer_item(officer, sc, "1.3", "nonconform", note="收取停车费")
    made = answer(demo, sc, "1.3")["problem_id"]
    problems.create_problem(officer, campaign_id=qh, category="逐利执法", issue="乱收停车费",
                            source="complaint", source_channel="12345")
    existing = one(demo, "SELECT max(id) FROM problems")
    selfcheck.answer_item(officer, sc, "1.3", "nonconform", note="收取停车费", problem_id=existing)
    assert answer(demo, sc, "1.3")["problem_id"] == existing
    assert problem(demo, made) is None                        # untouched, so withdrawn


def test_complete_needs_every_answer_and_summary_counts(demo: Store, officer: Session,
                                                        sc: int) -> None:
    with pytest.raises(ValidationError, match="还有 17 项未填写，第一项是 1.1“下达或变相下达罚没指标”"):
        selfcheck.complete_selfcheck(officer, sc)
    got = selfcheck.get_selfcheck(officer, sc)
    codes = [i["code"] for s in got["sections"] for i in s["items"]]
    plan = {"1.1": "nonconform", "2.3": "nonconform", "2.4": "na", "5.2": "nonconform"}
    for code in codes:
        selfcheck.answer_item(officer, sc, code, plan.get(code, "conform"))
    selfcheck.complete_selfcheck(officer, sc)
    done = selfcheck.get_selfcheck(officer, sc)
    assert (done["status"], done["completed_by"], done["next_code"]) == (
        "completed", officer.account_id, None)
    summary = selfcheck.selfcheck_summary(officer, sc)
    assert summary["by_answer"] == {"conform": 13, "nonconform": 3, "na": 1, "unanswered": 0}
    assert summary["total"] == 17
    by_cat = {r["category"]: (r["total"], r["nonconform"], r["na"]) for r in summary["by_category"]}
    assert by_cat == {"逐利执法": (4, 1, 0), "执法不规范": (4, 1, 1), "执法方式简单僵化": (3, 0, 0),
                      "执法粗暴": (3, 0, 0), "执法“寻租”": (3, 1, 0)}
    assert one(demo, "SELECT count(*) FROM problems WHERE source = 'self_check'") == 3
    selfcheck.answer_item(officer, sc, "2.4", "conform")       # still changeable afterwards
    assert selfcheck.selfcheck_summary(officer, sc)["by_answer"]["na"] == 0


def test_record_keeps_the_version_it_was_filled_against(demo: Store, officer: Session,
                                                        sc: int) -> None:
    chief = login_as(demo, "chief")
    tid = template(demo, "青海")
    old = templates.load_template(demo.conn, tid)
    first = old.sections[0]
    changed = old._replace(sections=(first._replace(items=first.items[1:]),) + old.sections[1:])
    templates.install_template(chief, changed)
    assert one(demo, "SELECT count(*) FROM templates WHERE code = ?", old.code) == 2
    got = selfcheck.get_selfcheck(officer, sc)
    assert (got["template_id"], got["total"]) == (tid, 17)
    assert got["template_version"] == old.version
    selfcheck.answer_item(officer, sc, "1.1", "conform")       # an item the new version dropped


def test_bad_answers(demo: Store, officer: Session, sc: int) -> None:
    head = audit.head(demo.conn)
    with pytest.raises(ValidationError, match="自查结论"):
        selfcheck.answer_item(officer, sc, "1.1", "基本符合")
    with pytest.raises(NotFound, match="自查条目"):
        selfcheck.answer_item(officer, sc, "9.9", "conform")
    with pytest.raises(NotFound, match="自查记录"):
        selfcheck.answer_item(officer, 999, "1.1", "conform")
    assert audit.head(demo.conn) == head


# --- evidence files of answers -------------------------------------------------------------------

PNG_1X1 = bytes.fromhex(
    "89504e470d0a1a0a0000000d4948445200000001000000010802000000907753de0000000c4944415408d763"
    "f8cfc000000301010018dd8db00000000049454e44ae426082")


def _file(tmp_path: Path, name: str, data: bytes = PNG_1X1) -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


def test_files_attach_to_a_conform_answer_list_and_remove(demo: Store, officer: Session, sc: int,
                                                          tmp_path: Path) -> None:
    with pytest.raises(NotFound):            # the item must be answered first
        selfcheck_evidence.attach_file(officer, 999999, _file(tmp_path, "现场照片.png"))
    selfcheck.answer_item(officer, sc, "1.1", "conform", evidence="罚没款台账")
    aid = int(answer(demo, sc, "1.1")["id"])
    changes = selfcheck_evidence.attach_file(officer, aid, _file(tmp_path, "现场照片.png"))
    (fid,) = changes.rows["selfcheck_evidence"]
    selfcheck_evidence.attach_file(officer, aid, _file(tmp_path, "台账.pdf", b"%PDF-1.4\n%%EOF\n"))

    files = selfcheck_evidence.list_files(officer, aid)
    assert [f["original_name"] for f in files] == ["现场照片.png", "台账.pdf"]
    assert files[0]["path"].read_bytes() == PNG_1X1
    assert files[0]["media_type"] == "image/png" and files[0]["username"] == "officer"
    item = selfcheck.get_selfcheck(officer, sc)["sections"][0]["items"][0]
    assert item["answer_id"] == aid and item["answer"] == "conform"
    assert [f["original_name"] for f in item["files"]] == ["现场照片.png", "台账.pdf"]
    assert item["files"][0]["id"] == int(fid) and item["files"][0]["path"].exists()
    view = selfcheck_view.load_selfcheck(officer, sc)
    assert [f["id"] for f in view["sections"][0]["items"][0]["files"]] == [f["id"] for f in files]
    assert demo.conn.execute("SELECT count(*) FROM selfcheck_answers WHERE problem_id IS NOT NULL"
                             ).fetchone()[0] == 0

    # audited, under the name of who did it
    rows = demo.conn.execute("SELECT action, actor FROM audit_log WHERE tbl = 'selfcheck_evidence'"
                             " AND row_key = ? ORDER BY seq", (str(fid),)).fetchall()
    assert rows == [("insert", officer.actor)]

    # another officer may not remove it; a chief may; the stored file goes with its last row
    other = login_as(demo, "officer2")
    with pytest.raises(ValidationError) as info:
        selfcheck_evidence.remove_file(other, int(fid))
    assert "现场照片.png" in str(info.value) and "负责人" in str(info.value)
    chief = login_as(demo, "chief")
    stored = files[0]["path"]
    selfcheck_evidence.remove_file(chief, int(fid))
    assert not stored.exists()
    assert [f["original_name"] for f in selfcheck_evidence.list_files(officer, aid)] == ["台账.pdf"]
    # the adder removes their own
    selfcheck_evidence.remove_file(officer, int(files[1]["id"]))
    assert selfcheck_evidence.list_files(officer, aid) == []
    actions = [r[0] for r in demo.conn.execute(
        "SELECT action FROM audit_log WHERE tbl = 'selfcheck_evidence' ORDER BY seq")]
    assert actions == ["insert", "insert", "delete", "delete"]
    assert demo.verify_audit().ok
    with pytest.raises(NotFound):
        selfcheck_evidence.remove_file(officer, int(fid))


def test_shared_content_stays_while_a_problem_refers_to_it(demo: Store, officer: Session,
                                                           sc: int, tmp_path: Path) -> None:
    selfcheck.answer_item(officer, sc, "1.2", "nonconform", note="按月统计罚款")
    row = answer(demo, sc, "1.2")
    photo = _file(tmp_path, "同一张照片.png")
    evidence.attach(officer, int(row["problem_id"]), photo)
    selfcheck_evidence.attach_file(officer, int(row["id"]), photo)
    (file_row,) = selfcheck_evidence.list_files(officer, int(row["id"]))
    selfcheck_evidence.remove_file(officer, int(file_row["id"]))
    assert file_row["path"].exists()   # the problem's evidence still uses it


def test_permission_and_refusals(demo: Store, officer: Session, sc: int, tmp_path: Path,
                                 monkeypatch: pytest.MonkeyPatch) -> None:
    selfcheck.answer_item(officer, sc, "1.1", "na")
    aid = int(answer(demo, sc, "1.1")["id"])
    admin = login_as(demo, "admin")
    with pytest.raises(PermissionDenied):
        selfcheck_evidence.attach_file(admin, aid, _file(tmp_path, "照片.png"))
    head = audit.head(demo.conn)
    monkeypatch.setattr(evidence, "MAX_FILE_SIZE", 50)
    with pytest.raises(EvidenceRefused) as info:
        selfcheck_evidence.attach_file(officer, aid, _file(tmp_path, "大照片.png", PNG_1X1 * 2))
    message = str(info.value)
    assert "大照片.png" in message and "上限" in message and "50 B" in message
    with pytest.raises(EvidenceRefused):
        selfcheck_evidence.attach_file(officer, aid, _file(tmp_path, "空.png", b""))
    assert audit.head(demo.conn) == head
    assert not any(p.is_file() for p in demo.data_dir.evidence.rglob("*"))
