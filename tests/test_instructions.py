"""Downward instructions (models.instructions): the office issues 执法监督意见书 and writes signed
instruction files with campaign definitions and templates; the station checks and imports them.
Round trip, idempotence, campaign upsert, tampering, files of another unit or office key,
replay and equivocation, template dedupe, overdue letters, roles and the command line."""
from __future__ import annotations

import base64
import json
import sqlite3
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from conftest import login_as
from core_helpers import (
    OFFICE_PASSWORD,
    director,
    is_chinese,
    make_office,
    run_cli,
    seal_enrollment,
)
from form_helpers import QINGHAI_DOC_NO

from models import (
    audit,
    campaigns,
    instructions,
    instructions_check,
    keys,
    office_instructions,
    office_units,
    receipts,
    templates,
)
from models.demo import DEMO_PASSWORD, QINGHAI_2023
from models.errors import PermissionDenied, ValidationError
from models.paths import DataDir
from models.session import Session
from models.store import Store

UNIT = "QH-632621-DW"
NEW_DOC_NO = "果交执法〔2024〕12号"


@pytest.fixture
def boss(station: Store, office: Store) -> Session:
    """The office registered the station; the station registered the office."""
    session = director(office)
    office_units.register_unit(session, seal_enrollment(login_as(station, "chief"),
                                                        DEMO_PASSWORD))
    receipts.set_office(login_as(station, "chief"), seal_enrollment(session, OFFICE_PASSWORD))
    return session


def office_campaigns(boss: Session) -> tuple[int, int]:
    """The office's own campaign and its (changed) definition of the Qinghai 2023 one."""
    campaigns.create_campaign(
        boss, title="道路运输执法专项监督检查", doc_no=NEW_DOC_NO, issuer="果洛州交通运输综合行政执法支队",
        start_date="2024-03-01", end_date="2024-12-31", categories=["逐利执法", "执法不规范"],
        phases=[{"name": "自查自纠", "deadline": "2024-04-30"}],
        materials=[{"name": "工作简报", "due_date": "2024-05-25", "note": "每月25日前"},
                   {"name": "实施方案", "due_date": "2024-03-15"}])
    campaigns.create_campaign(
        boss, **{**QINGHAI_2023, "categories": QINGHAI_2023["categories"] + ["其他问题"],
                 "materials": QINGHAI_2023["materials"][:2],
                 "note": "果洛州支队转发，请各站所按期报送。"})
    ids = dict(boss.store.conn.execute("SELECT doc_no, id FROM campaigns").fetchall())
    return ids[NEW_DOC_NO], ids[QINGHAI_DOC_NO]


def office_template(boss: Session, code_suffix: str = "") -> int:
    """A built-in template installed at the office (the station has the same content)."""
    templates.install_builtin_templates(boss)
    return boss.store.conn.execute(
        "SELECT id FROM templates WHERE kind = 'selfcheck' ORDER BY id LIMIT 1").fetchone()[0]


def letter(boss: Session, number: str = "果交执法监〔2024〕3号", deadline: Any = "2024-07-31",
           **extra: Any) -> int:
    changes = office_instructions.issue_letter(
        boss, unit_code=UNIT, number=number,
        problems=["超限检测站罚没款按月下达指标", "", "  暂扣车辆未出具决定书  "],
        requirements="收到后30日内书面报告整改情况。", deadline=deadline,
        campaign=QINGHAI_DOC_NO, **extra)
    return int(next(iter(changes.rows["supervision_letters"])))


OFFICE_CODE = "QH-6326"     # make_office's


def from_office(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The letters received from the test's office (the demo station received two of its own
    from 果洛州, models.demo.DEMO_LETTERS)."""
    return [r for r in rows if r["issuer_code"] == OFFICE_CODE]


def dump(store: Store) -> list:
    """Every row of every table, to compare the database before and after."""
    out = []
    for (name,) in store.conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'"
                                      " ORDER BY name"):
        out.append((name, store.conn.execute(f'SELECT * FROM "{name}"').fetchall()))
    return out


def write(boss: Session, target: Path, **chosen: Any) -> office_instructions.InstructionsWritten:
    return office_instructions.write_instructions(boss, UNIT, OFFICE_PASSWORD, target, **chosen)


def refused(station: Store, path: Path, *words: str) -> str:
    chief = login_as(station, "chief")
    before = dump(station)
    for call in (instructions.read_instructions, instructions.import_instructions):
        with pytest.raises(ValidationError) as info:
            call(chief, path)
        message = str(info.value)
        assert is_chinese(message), message
        for word in words:
            assert word in message, message
    assert dump(station) == before
    return message


def resigned(boss: Session, document: dict[str, Any], target: Path, name: str) -> Path:
    """``document`` signed again by the office key (a file the office really signed)."""
    key_id = keys.held_seal_key(boss)
    document = {**document, "key_id": key_id}
    document.pop("signature", None)
    with keys.unlock(boss, key_id, OFFICE_PASSWORD) as sign:
        document["signature"] = base64.b64encode(
            sign(receipts.signed_bytes(document))).decode()
    path = target / name
    path.write_text(json.dumps(document, ensure_ascii=False), encoding="utf-8")
    return path


# --- the round trip -------------------------------------------------------------------------------

def test_round_trip(station: Store, office: Store, boss: Session, stick: Path) -> None:
    new_id, qinghai_id = office_campaigns(boss)
    tid = office_template(boss)
    lid = letter(boss)
    assert office_instructions.list_letters(boss, "issued")[0]["problems"] == [
        "超限检测站罚没款按月下达指标", "暂扣车辆未出具决定书"]
    written = write(boss, stick, campaign_ids=[new_id, qinghai_id], template_ids=[tid],
                    letter_ids=[lid])
    assert written.path == stick / f"{UNIT}-指令-1.json" and written.seq == 1
    assert (written.campaigns, written.templates, written.letters) == (2, 1, 1)
    document = json.loads(written.path.read_text(encoding="utf-8"))
    assert document["format"] == instructions_check.FORMAT
    assert document["office"] == {"code": "QH-6326", "name": "果洛州交通运输综合行政执法支队"}
    assert document["unit"] == {"code": UNIT} and document["seq"] == 1
    assert document["campaigns"][0]["materials"][0] == {
        "name": "工作简报", "due_date": "2024-05-25", "note": "每月25日前"}
    assert document["templates"][0]["format"] == templates.FORMAT
    sent = office.conn.execute("SELECT sent_at, instruction_sha256 FROM supervision_letters"
                               " WHERE id = ?", (lid,)).fetchone()
    assert sent[0] and sent[1] == written.sha256
    out = office_instructions.sent_instructions(boss, UNIT)
    assert [(r["seq"], r["sha256"], r["file_name"]) for r in out] == [
        (1, written.sha256, written.path.name)]

    chief = login_as(station, "chief")
    templates_before = station.conn.execute("SELECT count(*) FROM templates").fetchone()[0]
    preview = instructions.read_instructions(chief, written.path)
    assert not preview.already and preview.seq == 1 and preview.office_code == "QH-6326"
    assert [c[2] for c in preview.campaigns] == ["new", "changed"]
    assert preview.templates == [(document["templates"][0]["name"],
                                  document["templates"][0]["version"], "same")]
    assert preview.letters == [("果交执法监〔2024〕3号", "2024-07-31", "new")]
    assert any("核验通过" in line for line in preview.lines())

    result = instructions.import_instructions(chief, written.path, sha256=preview.sha256)
    assert result and not result.already
    assert (result.campaigns_added, result.campaigns_updated, result.templates_added,
            result.letters_added) == (1, 1, 0, 1)
    assert {"campaigns", "campaign_origins", "supervision_letters",
            "instructions_in"} <= result.tables
    # the new campaign, as the office defined it, with its origin
    cid = station.conn.execute("SELECT id FROM campaigns WHERE doc_no = ?",
                               (NEW_DOC_NO,)).fetchone()[0]
    assert instructions.campaign_definition(station.conn, cid) == \
        instructions.campaign_definition(office.conn, new_id)
    origin = station.conn.execute("SELECT office_code, office_name, instruction_sha256"
                                  " FROM campaign_origins WHERE campaign_id = ?",
                                  (cid,)).fetchone()
    assert origin == ("QH-6326", "果洛州交通运输综合行政执法支队", written.sha256)
    # the Qinghai campaign brought up to date in place (same id, categories kept by id)
    qid = station.conn.execute("SELECT id FROM campaigns WHERE doc_no = ?",
                               (QINGHAI_DOC_NO,)).fetchone()[0]
    got = campaigns.get_campaign(chief, qid)
    assert [c["name"] for c in got["categories"]] == QINGHAI_2023["categories"] + ["其他问题"]
    assert [m["name"] for m in got["materials"]] == [m["name"] for m in
                                                     QINGHAI_2023["materials"][:2]]
    assert got["note"] == "果洛州支队转发，请各站所按期报送。"
    # the template was there already: not duplicated
    assert station.conn.execute("SELECT count(*) FROM templates").fetchone()[0] == \
        templates_before
    # the letter, received
    letters = from_office(instructions.received_letters(chief, today=date(2024, 7, 1)))
    assert len(letters) == 1
    got_letter = letters[0]
    assert got_letter["number"] == "果交执法监〔2024〕3号" and not got_letter["overdue"]
    assert got_letter["problems"] == ["超限检测站罚没款按月下达指标", "暂扣车辆未出具决定书"]
    assert got_letter["issuer_name"] == "果洛州交通运输综合行政执法支队"
    assert got_letter["unit_code"] == UNIT and got_letter["received_at"]
    uid = office.conn.execute("SELECT uid FROM supervision_letters WHERE id = ?",
                              (lid,)).fetchone()[0]
    assert got_letter["uid"] == uid
    imported = instructions.imported_instructions(login_as(station, "officer"))
    assert [(r["seq"], r["office_name"], r["sha256"]) for r in imported] == [
        (1, "果洛州交通运输综合行政执法支队", written.sha256)]
    assert [c["doc_no"] for c in imported[0]["contents"]["campaigns"]] == [NEW_DOC_NO,
                                                                          QINGHAI_DOC_NO]
    assert station.verify_audit().ok and office.verify_audit().ok

    # the same file again: nothing at all changes
    before = dump(station)
    head = audit.head(station.conn)
    again = instructions.import_instructions(chief, written.path)
    assert not again and again.already and again.seq == 1
    assert instructions.read_instructions(chief, written.path).already
    assert dump(station) == before and audit.head(station.conn) == head


def test_second_file_with_unchanged_campaigns(station: Store, office: Store, boss: Session,
                                              stick: Path, tmp_path: Path) -> None:
    new_id, qinghai_id = office_campaigns(boss)
    first = write(boss, stick, campaign_ids=[new_id, qinghai_id])
    chief = login_as(station, "chief")
    instructions.import_instructions(chief, first.path)
    second_dir = tmp_path / "second"
    second_dir.mkdir()
    second = write(boss, second_dir, campaign_ids=[new_id, qinghai_id])
    assert second.seq == 2 and second.path.name == f"{UNIT}-指令-2.json"
    preview = instructions.read_instructions(chief, second.path)
    assert [c[2] for c in preview.campaigns] == ["same", "same"]
    campaigns_before = dump_tables(station, "campaigns", "campaign_categories",
                                   "campaign_phases", "campaign_materials", "campaign_origins")
    result = instructions.import_instructions(chief, second.path)
    assert result.tables == {"instructions_in"}
    assert (result.campaigns_added, result.campaigns_updated) == (0, 0)
    assert dump_tables(station, "campaigns", "campaign_categories", "campaign_phases",
                       "campaign_materials", "campaign_origins") == campaigns_before
    # the office changes its campaign: the third file updates it in place
    campaigns.update_campaign(boss, new_id, end_date="2025-03-31")
    third = write(boss, stick, campaign_ids=[new_id])
    result = instructions.import_instructions(chief, third.path)
    assert result.campaigns_updated == 1
    cid = station.conn.execute("SELECT id FROM campaigns WHERE doc_no = ?",
                               (NEW_DOC_NO,)).fetchone()[0]
    assert campaigns.get_campaign(chief, cid)["end_date"] == "2025-03-31"
    sha = station.conn.execute("SELECT instruction_sha256 FROM campaign_origins"
                               " WHERE campaign_id = ?", (cid,)).fetchone()[0]
    assert sha == third.sha256
    assert station.verify_audit().ok


def dump_tables(store: Store, *names: str) -> list:
    return [store.conn.execute(f'SELECT * FROM "{n}" ORDER BY 1').fetchall() for n in names]


def test_campaign_category_in_use_is_kept(station: Store, office: Store, boss: Session,
                                          stick: Path) -> None:
    """A category the office's definition drops stays while problems here use it."""
    from models import problems
    chief = login_as(station, "chief")
    qid = station.conn.execute("SELECT id FROM campaigns WHERE doc_no = ?",
                               (QINGHAI_DOC_NO,)).fetchone()[0]
    problems.create_problem(chief, campaign_id=qid, category="执法粗暴", issue="不听当事人辩解")
    campaigns.create_campaign(boss, **{**QINGHAI_2023, "categories": ["逐利执法", "执法不规范"]})
    cid = boss.store.conn.execute("SELECT id FROM campaigns").fetchone()[0]
    instructions.import_instructions(chief, write(boss, stick, campaign_ids=[cid]).path)
    names = [c["name"] for c in campaigns.get_campaign(chief, qid)["categories"]]
    used = {c for (c,) in station.conn.execute(
        "SELECT DISTINCT category FROM problems WHERE campaign_id = ?", (qid,))}
    assert "执法粗暴" in used
    assert names[:2] == ["逐利执法", "执法不规范"]
    assert set(names[2:]) == used - {"逐利执法", "执法不规范"}
    assert station.verify_audit().ok


# --- refusals -------------------------------------------------------------------------------------

def test_tampered_byte_refused(station: Store, boss: Session, stick: Path, tmp_path: Path
                               ) -> None:
    path = write(boss, stick, letter_ids=[letter(boss)]).path
    data = path.read_bytes()
    bad = tmp_path / "tampered.json"
    bad.write_bytes(data.replace("检测站".encode(), "检查站".encode(), 1))
    refused(station, bad, "签名")
    index = data.index("检测站".encode())
    byte = tmp_path / "byte.json"
    byte.write_bytes(data[:index] + bytes([data[index] ^ 1]) + data[index + 1:])
    refused(station, byte)
    flipped = tmp_path / "flipped.json"
    flipped.write_bytes(data.replace(b'"seq": 1', b'"seq": 2'))
    refused(station, flipped, "签名")
    broken = tmp_path / "broken.json"
    broken.write_bytes(data[:-40])
    refused(station, broken, "上级来文")
    other = tmp_path / "other.json"
    other.write_text(json.dumps({"format": "fieldledger-receipt/1"}), encoding="utf-8")
    refused(station, other, "fieldledger-receipt/1")
    huge = tmp_path / "huge.json"
    huge.write_bytes(b" " * (instructions_check.MAX_INSTRUCTIONS_BYTES + 1))
    refused(station, huge, "过大")
    duplicate = tmp_path / "duplicate.json"
    duplicate.write_bytes(data.replace(b'"seq": 1,', b'"seq": 1, "seq": 1,'))
    refused(station, duplicate, "上级来文")


def test_file_for_another_unit(station: Store, boss: Session, stick: Path) -> None:
    document = json.loads(write(boss, stick, letter_ids=[letter(boss)]).path.read_text(
        encoding="utf-8"))
    path = resigned(boss, {**document, "unit": {"code": "QH-632622"}}, stick, "x.json")
    refused(station, path, "QH-632622", UNIT)


def test_signed_by_another_key(station: Store, boss: Session, stick: Path,
                               tmp_path: Path) -> None:
    other = make_office(tmp_path / "other-office", code="QH-6300")
    try:
        other_boss = director(other)
        office_units.register_unit(other_boss, seal_enrollment(login_as(station, "chief"),
                                                               DEMO_PASSWORD))
        office_instructions.issue_letter(other_boss, unit_code=UNIT, number="冒充〔2024〕1号",
                                         problems=["请立即缴纳罚款"])
        lid = other.conn.execute("SELECT id FROM supervision_letters").fetchone()[0]
        path = office_instructions.write_instructions(other_boss, UNIT, OFFICE_PASSWORD,
                                                      tmp_path, letter_ids=[lid]).path
        message = refused(station, path, "QH-6300", "登记上级单位")
        assert "重新" in message
        # claiming the registered office's key id, signed by the other key
        document = json.loads(path.read_text(encoding="utf-8"))
        document["key_id"] = receipts.registered_office(station)["key_id"]
        forged = tmp_path / "forged.json"
        forged.write_text(json.dumps(document, ensure_ascii=False), encoding="utf-8")
        refused(station, forged, "签名")
    finally:
        other.close()


def test_no_office_registered(station: Store, boss: Session, stick: Path) -> None:
    path = write(boss, stick, letter_ids=[letter(boss)]).path
    chief = login_as(station, "chief")
    with station.write(chief.actor) as w:
        w.delete("settings", receipts.OFFICE_SETTING)
    refused(station, path, "登记上级单位")


def test_replay_and_equivocation(station: Store, boss: Session, stick: Path,
                                 tmp_path: Path) -> None:
    first = write(boss, stick, letter_ids=[letter(boss)])
    later = tmp_path / "later"
    later.mkdir()
    second = write(boss, later, letter_ids=[letter(boss, "果交执法监〔2024〕4号")])
    chief = login_as(station, "chief")
    instructions.import_instructions(chief, second.path)
    refused(station, first.path, "第 1 号", "第 2 号")          # an older file copied again
    document = json.loads(second.path.read_text(encoding="utf-8"))
    document["letters"][0]["requirements"] = "改过的要求"
    forked = resigned(boss, document, tmp_path, "forked.json")
    refused(station, forked, "第 2 号", "不同")                    # two files, one number
    # the imported file itself still imports as "already"
    assert instructions.import_instructions(chief, second.path).already


def test_strict_fields(station: Store, boss: Session, stick: Path, tmp_path: Path) -> None:
    document = json.loads(write(boss, stick, letter_ids=[letter(boss)]).path.read_text(
        encoding="utf-8"))
    cases = [({**document, "extra": 1}, "extra"),
             ({**document, "seq": "1"}, "seq"),
             ({**document, "seq": True}, "seq"),
             ({**document, "letters": [{**document["letters"][0], "uid": "../../etc"}]},
              "letters[1].uid"),
             ({**document, "letters": [{**document["letters"][0], "problems": []}]},
              "letters[1].problems"),
             ({**document, "letters": [{**document["letters"][0], "deadline": "2024-13-01"}]},
              "letters[1].deadline"),
             ({**document, "campaigns": [{"title": "缺字段"}]}, "campaigns[1]."),
             ({**document, "templates": [{"format": "x"}]}, "templates[1].format"),
             ({**document, "office": {"code": "QH-6399", "name": "别的单位"}}, "QH-6399"),
             ({**document, "letters": []}, "campaigns")]
    for n, (doc, word) in enumerate(cases):
        refused(station, resigned(boss, doc, tmp_path, f"case{n}.json"), word)
    bad_campaign = {"title": "", "doc_no": "", "issuer": "", "kind": "special",
                    "start_date": None, "end_date": None, "note": "", "categories": [],
                    "phases": [], "materials": []}
    refused(station, resigned(boss, {**document, "campaigns": [bad_campaign]}, tmp_path,
                              "campaign.json"), "第 1 个专项行动", "行动名称")


# --- templates and letters ------------------------------------------------------------------------

def test_template_dedupe_and_new_version(station: Store, office: Store, boss: Session,
                                         stick: Path, tmp_path: Path) -> None:
    tid = office_template(boss)
    tpl = templates.load_template(office.conn, tid)
    changed = tpl._replace(version="2024版", sections=(
        tpl.sections[0]._replace(items=(tpl.sections[0].items[0]._replace(
            text="是否下达或变相下达罚没指标（2024年修订）"),) + tpl.sections[0].items[1:]),)
        + tpl.sections[1:])
    new_tid = int(next(iter(templates.install_template(boss, changed).rows["templates"])))
    chief = login_as(station, "chief")
    count = station.conn.execute("SELECT count(*) FROM templates WHERE code = ?",
                                 (tpl.code,)).fetchone()[0]
    written = write(boss, stick, template_ids=[tid, new_tid])
    preview = instructions.read_instructions(chief, written.path)
    assert [t[2] for t in preview.templates] == ["same", "version"]
    result = instructions.import_instructions(chief, written.path)
    assert result.templates_added == 1
    rows = station.conn.execute("SELECT revision, version, source FROM templates WHERE code = ?"
                                " ORDER BY revision", (tpl.code,)).fetchall()
    assert len(rows) == count + 1 and rows[-1][1] == "2024版"
    assert "果洛州" in rows[-1][2] and "第 1 号来文" in rows[-1][2]
    # sent again in a later file: nothing new
    again = write(boss, tmp_path, template_ids=[new_tid])
    assert instructions.import_instructions(chief, again.path).templates_added == 0
    assert station.conn.execute("SELECT count(*) FROM templates WHERE code = ?",
                                (tpl.code,)).fetchone()[0] == count + 1


def test_letters_overdue_and_sent_again(station: Store, boss: Session, stick: Path,
                                        tmp_path: Path) -> None:
    early = letter(boss, "果交执法监〔2024〕1号", deadline=date(2024, 5, 31))
    late = letter(boss, "果交执法监〔2024〕2号", deadline="2024-09-30")
    none = letter(boss, "果交执法监〔2024〕5号", deadline=None)
    chief = login_as(station, "chief")
    instructions.import_instructions(chief, write(boss, stick, letter_ids=[early, late,
                                                                           none]).path)
    got = {r["number"]: r["overdue"] for r in
           from_office(instructions.received_letters(chief, today=date(2024, 6, 15)))}
    assert got == {"果交执法监〔2024〕1号": True, "果交执法监〔2024〕2号": False,
                   "果交执法监〔2024〕5号": False}
    got = {r["number"]: r["overdue"] for r in
           from_office(instructions.received_letters(login_as(station, "officer"),
                                                     today=date(2024, 10, 1)))}
    assert got == {"果交执法监〔2024〕1号": True, "果交执法监〔2024〕2号": True,
                   "果交执法监〔2024〕5号": False}
    # a letter sent again with a later file is not received twice
    result = instructions.import_instructions(chief, write(boss, tmp_path,
                                                           letter_ids=[early]).path)
    assert result.letters_added == 0 and "supervision_letters" not in result.tables
    assert station.conn.execute("SELECT count(*) FROM supervision_letters"
                                " WHERE issuer_code = ?", (OFFICE_CODE,)).fetchone()[0] == 3


def test_issue_letter_checks(office: Store, boss: Session, station: Store, stick: Path) -> None:
    cases = [{"unit_code": "NOPE", "number": "1号", "problems": ["x"]},
             {"unit_code": UNIT, "number": "  ", "problems": ["x"]},
             {"unit_code": UNIT, "number": "1号", "problems": ["", "  "]},
             {"unit_code": UNIT, "number": "1号", "problems": ["x" * 1001]},
             {"unit_code": UNIT, "number": "1号", "problems": ["x"], "deadline": "明天"},
             {"unit_code": UNIT, "number": "1号", "problems": ["x"], "requirements": "x" * 4001}]
    for kwargs in cases:
        with pytest.raises(ValidationError) as info:
            office_instructions.issue_letter(boss, **kwargs)
        assert is_chinese(str(info.value))
    letter(boss)
    with pytest.raises(ValidationError) as info:
        letter(boss)
    assert "已用于" in str(info.value)
    with pytest.raises(ValidationError) as info:
        write(boss, stick)
    assert "至少选择" in str(info.value)
    with pytest.raises(keys.KeyPassphraseWrong):
        office_instructions.write_instructions(boss, UNIT, "wrong", stick,
                                               letter_ids=[letter(boss, "2号")])
    assert not list(stick.iterdir())
    assert not office.conn.execute("SELECT count(*) FROM instructions_out").fetchone()[0]


def test_roles(station: Store, office: Store, boss: Session, stick: Path) -> None:
    path = write(boss, stick, letter_ids=[letter(boss)]).path
    for user in ("officer", "reviewer"):
        session = login_as(station, user)
        with pytest.raises(PermissionDenied):
            instructions.import_instructions(session, path)
        with pytest.raises(PermissionDenied):
            instructions.read_instructions(session, path)
        assert from_office(instructions.received_letters(session)) == []
    # the station's admin may import (a manager)
    assert instructions.import_instructions(login_as(station, "admin"), path)


# --- the command line -----------------------------------------------------------------------------

def test_command_line(station: Store, office: Store, boss: Session, stick: Path,
                      tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    new_id, _qinghai_id = office_campaigns(boss)
    monkeypatch.setenv("FL_OFFICE_PW", OFFICE_PASSWORD)
    monkeypatch.setenv("FL_STATION_PW", DEMO_PASSWORD)
    office_dir, station_dir = str(office.data_dir.root), str(station.data_dir.root)
    as_office = ("--data-dir", office_dir, "--username", "director",
                 "--password-env", "FL_OFFICE_PW")
    made = run_cli("package", "letter", "--unit", UNIT, "--number", "果交执法监〔2024〕9号",
                   "--problem", "罚没款按月下达指标", "--problem", "暂扣车辆未出具决定书",
                   "--requirements", "30日内报告", "--deadline", "2024-08-31", *as_office)
    assert made.returncode == 0, made.stderr
    assert "果交执法监〔2024〕9号" in made.stdout
    lid = office.conn.execute("SELECT id FROM supervision_letters").fetchone()[0]
    assert f"编号 {lid}" in made.stdout
    bad = run_cli("package", "letter", "--unit", UNIT, "--number", "x",
                  "--problem", "p", "--deadline", "2024-02-30", *as_office)
    assert bad.returncode == 2 and "整改时限" in bad.stderr
    wrote = run_cli("package", "instruct", "--unit", UNIT, "--campaign", str(new_id),
                    "--letter", str(lid), "--out", str(stick), *as_office)
    assert wrote.returncode == 0, wrote.stderr
    path = stick / f"{UNIT}-指令-1.json"
    assert path.is_file() and str(path) in wrote.stdout

    as_station = ("--data-dir", station_dir, "--username", "chief",
                  "--password-env", "FL_STATION_PW")
    done = run_cli("package", "instructions-import", str(path), *as_station)
    assert done.returncode == 0, done.stderr
    assert "核验通过" in done.stdout and "已导入" in done.stdout
    again = run_cli("package", "instructions-import", str(path), *as_station)
    assert again.returncode == 0 and "没有变化" in again.stdout
    tampered = tmp_path / "tampered.json"
    tampered.write_bytes(path.read_bytes().replace("暂扣".encode(), "扣押".encode()))
    refused_run = run_cli("package", "instructions-import", str(tampered), *as_station)
    assert refused_run.returncode == 2 and "签名核验不通过" in refused_run.stderr
    conn = sqlite3.connect(DataDir(Path(station_dir)).database)
    try:
        assert conn.execute("SELECT number, deadline FROM supervision_letters"
                            " WHERE issuer_code = 'QH-6326'").fetchall() == [
            ("果交执法监〔2024〕9号", "2024-08-31")]
    finally:
        conn.close()
