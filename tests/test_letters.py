"""执法监督意见书 answers (models.letters, models.office_letters, models.letter_forms): the
answer and its files, the chief's signature and what an edit after signing does to it, tampering,
problems of a letter hung on the ledger once, overdue letters at the unit and at the office, the
office's judgement of a signature it cannot check, the form and the command line."""
from __future__ import annotations

import base64
import json
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest
from conftest import login_as
from core_helpers import (
    OFFICE_PASSWORD,
    deliver,
    director,
    is_chinese,
    run_cli,
    seal_enrollment,
    sqlite_cli,
)

from models import (
    audit,
    evidence,
    instructions,
    keys,
    letter_forms,
    letter_problems,
    letters,
    office_instructions,
    office_letters,
    office_units,
    problems,
    receipts,
)
from models.demo import DEMO_LETTERS, DEMO_PASSWORD, _png
from models.errors import PermissionDenied, ValidationError
from models.session import Session
from models.store import Store

UNIT = "QH-632621-DW"
SIGNED, OVERDUE = DEMO_LETTERS[0][0], DEMO_LETTERS[1][0]


def letter_id(store: Store, number: str) -> int:
    return store.conn.execute("SELECT id FROM supervision_letters WHERE number = ?",
                              (number,)).fetchone()[0]


def photo(folder: Path, name: str = "整改照片.png", width: int = 40) -> Path:
    path = folder / name
    path.write_bytes(_png(width, 20))
    return path


def sign(chief: Session, lid: int) -> None:
    letters.sign_answer(chief, lid, DEMO_PASSWORD, letters.answer_to_sign(chief, lid)["sha256"])


@pytest.fixture
def chief(station: Store) -> Session:
    return login_as(station, "chief")


# --- the demo's letters ---------------------------------------------------------------------------

def test_demo_letters(station: Store, chief: Session) -> None:
    signed = letters.get_letter(chief, letter_id(station, SIGNED))
    assert signed["state"] == "signed" and signed["signature"]["status"] == "valid"
    assert signed["signature"]["signer"] == "才让东智" and signed["signature"]["fingerprint"]
    assert [f["original_name"] for f in signed["answer"]["files"]] == ["罚没排名通报废止文件.png"]
    assert signed["answer"]["files"][0]["path"].is_file()
    draft = letters.get_letter(chief, letter_id(station, OVERDUE))
    assert (draft["state"], draft["overdue"], draft["signature"]["status"]) == \
        ("draft", True, "unsigned")
    listed = {r["number"]: (r["answer_status"], r["overdue"])
              for r in instructions.received_letters(chief)}
    assert listed == {SIGNED: ("signed", False), OVERDUE: ("draft", True)}
    assert station.verify_audit().ok


# --- answering and signing ------------------------------------------------------------------------

def test_answer_sign_and_edit_after_signing(station: Store, chief: Session,
                                            tmp_path: Path) -> None:
    lid = letter_id(station, OVERDUE)
    assert letters.save_answer(chief, lid, "已组织学习。")
    assert not letters.save_answer(chief, lid, "  已组织学习。 ")      # same text: nothing written
    aid = letters.get_letter(chief, lid)["answer"]["id"]
    letters.add_answer_file(chief, aid, photo(tmp_path))
    shown = letters.answer_to_sign(chief, lid)
    assert shown["content"] == {
        "format": "fieldledger-letter-answer/1",
        "letter": {"uid": letters.received_letter(station.conn, lid)["uid"], "number": OVERDUE},
        "measures": "已组织学习。",
        "files": [{"name": "整改照片.png", "sha256": shown["files"][0]["sha256"],
                   "size": shown["files"][0]["size"]}]}
    letters.sign_answer(chief, lid, DEMO_PASSWORD, shown["sha256"])
    state = letters.get_letter(chief, lid)
    assert (state["state"], state["overdue"], state["signature"]["status"]) == \
        ("signed", False, "valid")
    sig = state["signatures"][-1]
    env = json.loads(sig["envelope"])
    assert env["meaning"] == "单位负责人签发" and env["subject"] == f"letter_answer:{aid}"
    assert env["letter_uid"] == shown["content"]["letter"]["uid"] and env["role"] == "chief"
    assert sig["content_sha256"] == shown["sha256"] == env["content_sha256"]
    assert sig["key_id"] == keys._active_key(station, "person", person_id=chief.person_id)
    with pytest.raises(ValidationError, match="无需重复签发"):
        sign(chief, lid)

    # an edit after signing: a draft again, the signature stays on record as stale
    letters.save_answer(chief, lid, "已组织学习，制度已修订。")
    state = letters.get_letter(chief, lid)
    assert state["state"] == "draft" and state["answer"]["signed_at"] is None
    assert state["signature"]["status"] == "stale" and state["overdue"]
    sign(chief, lid)
    state = letters.get_letter(chief, lid)
    assert [s["status"] for s in state["signatures"]] == ["stale", "valid"]
    # a file added or removed makes it a draft again too
    letters.add_answer_file(chief, aid, photo(tmp_path, "制度.png", 50))
    assert letters.get_letter(chief, lid)["state"] == "draft"
    sign(chief, lid)
    file_id = letters.get_letter(chief, lid)["answer"]["files"][-1]["id"]
    letters.remove_answer_file(chief, file_id)
    state = letters.get_letter(chief, lid)
    assert state["state"] == "draft" and len(state["answer"]["files"]) == 1
    # each signature is judged by content: the second covered what the answer holds again
    assert [s["status"] for s in state["signatures"]] == ["stale", "valid", "stale"]
    assert state["signature"]["status"] == "stale"
    assert station.verify_audit().ok


def test_sign_refusals(station: Store, chief: Session) -> None:
    lid = letter_id(station, OVERDUE)
    before = audit.head(station.conn)
    with pytest.raises(ValidationError, match="核对之后又有改动"):
        letters.sign_answer(chief, lid, DEMO_PASSWORD, "0" * 64)
    sha = letters.answer_to_sign(chief, lid)["sha256"]
    with pytest.raises(keys.KeyPassphraseWrong):
        letters.sign_answer(chief, lid, "wrong", sha)
    assert not station.conn.execute("SELECT count(*) FROM signatures WHERE subject ="
                                    " 'letter_answer:' || (SELECT id FROM letter_answers"
                                    " WHERE letter_id = ?)", (lid,)).fetchone()[0]
    assert audit.head(station.conn)[0] == before[0] + 1          # the failed unlock only
    letters.save_answer(chief, lid, "")
    with pytest.raises(ValidationError, match="请先填写整改情况"):
        letters.answer_to_sign(chief, lid)
    with pytest.raises(ValidationError, match="请先填写整改情况"):
        letters.sign_answer(chief, lid, DEMO_PASSWORD, sha)
    with pytest.raises(ValidationError, match="太长"):
        letters.save_answer(chief, lid, "字" * (letters.MAX_MEASURES_CHARS + 1))
    with pytest.raises(ValidationError) as info:
        letters.save_answer(chief, 999999, "x")
    assert is_chinese(str(info.value))
    for user in ("officer", "reviewer"):
        with pytest.raises(PermissionDenied):
            letters.save_answer(login_as(station, user), lid, "x")
    admin = login_as(station, "admin")
    letters.save_answer(admin, lid, "内勤起草的答复")
    with pytest.raises(PermissionDenied):
        letters.sign_answer(admin, lid, DEMO_PASSWORD, letters.answer_to_sign(admin, lid)["sha256"])


def test_tampered_answer_reads_invalid(station: Store, chief: Session) -> None:
    lid = letter_id(station, SIGNED)
    sqlite_cli(station.path, f"UPDATE letter_answers SET measures = measures || '（补充）'"
                             f" WHERE letter_id = {lid}")
    state = letters.get_letter(chief, lid)
    assert (state["signature"]["status"], state["signature"]["reason"]) == ("invalid", "tampered")
    # a signature row edited behind the app's back does not verify
    sqlite_cli(station.path, "UPDATE letter_answers SET measures = replace(measures, '（补充）', '')")
    assert letters.get_letter(chief, lid)["signature"]["status"] == "valid"
    sig_id = station.conn.execute("SELECT max(id) FROM signatures WHERE meaning = '单位负责人签发'"
                                  ).fetchone()[0]
    forged = base64.b64encode(b"\0" * 64).decode()
    sqlite_cli(station.path, f"UPDATE signatures SET signature = '{forged}' WHERE id = {sig_id}")
    assert letters.get_letter(chief, lid)["signature"]["status"] == "invalid"


def test_files_share_the_evidence_store(station: Store, chief: Session, tmp_path: Path) -> None:
    lid = letter_id(station, OVERDUE)
    aid = letters.get_letter(chief, lid)["answer"]["id"]
    pid = station.conn.execute("SELECT min(id) FROM problems").fetchone()[0]
    same = photo(tmp_path, "同一张照片.png", 33)
    evidence.attach(chief, pid, same)
    letters.add_answer_file(chief, aid, same)
    (row,) = letters.get_letter(chief, lid)["answer"]["files"]
    stored = row["path"]
    letters.remove_answer_file(chief, row["id"])
    assert stored.is_file()                      # the problem's evidence still refers to it
    letters.add_answer_file(chief, aid, photo(tmp_path, "另一张.png", 34))
    (row,) = letters.get_letter(chief, lid)["answer"]["files"]
    letters.remove_answer_file(chief, row["id"])
    assert not row["path"].exists()
    with pytest.raises(evidence.EvidenceRefused):
        bad = tmp_path / "程序.png"
        bad.write_bytes(b"MZ\x90\x00" + b"\0" * 100)
        letters.add_answer_file(chief, aid, bad)


# --- problems of a letter -------------------------------------------------------------------------

def test_problems_from_letter_not_duplicated(station: Store, chief: Session) -> None:
    lid = letter_id(station, SIGNED)
    letter = letters.received_letter(station.conn, lid)
    qinghai = station.conn.execute("SELECT id FROM campaigns WHERE doc_no = ?",
                                   ("青交执法监法〔2023〕30号",)).fetchone()[0]
    # the campaign has no category in the problem's words and no 其他问题: one must be chosen
    with pytest.raises(ValidationError, match="请为第 2 个问题选择问题类别"):
        letter_problems.problems_from_letter(chief, lid, [2], campaign_id=qinghai)
    hung = letter_problems.problems_from_letter(chief, lid, [1, 2], campaign_id=qinghai,
                                        category="逐利执法")
    assert [n for n, _p, _s in hung.created] == [1, 2] and hung.skipped == []
    row = problems.get_problem(chief, hung.created[0][1])
    assert (row["source"], row["source_ref"], row["deadline"], row["status"]) == \
        ("supervision_letter", f"letter:{letter['uid']}:1", letter["deadline"], "open")
    assert row["issue"] == letter["problems"][0] and SIGNED in row["remarks"]
    again = letter_problems.problems_from_letter(chief, lid, [2, 1])
    assert again.created == [] and again.skipped == [1, 2] and not again
    assert station.conn.execute("SELECT count(*) FROM problems WHERE source_ref LIKE ?",
                                (f"letter:{letter['uid']}:%",)).fetchone()[0] == 2
    assert sorted(letters.get_letter(chief, lid)["hung"]) == [1, 2]
    # without a campaign the category is 其他问题
    other = letter_problems.problems_from_letter(chief, letter_id(station, OVERDUE), [1],
                                         campaign_id=None)
    assert problems.get_problem(chief, other.created[0][1])["category"] == "其他问题"
    with pytest.raises(ValidationError, match="没有第 3 个问题"):
        letter_problems.problems_from_letter(chief, lid, [3])
    with pytest.raises(ValidationError):
        letter_problems.problems_from_letter(chief, lid, [])
    with pytest.raises(PermissionDenied):
        letter_problems.problems_from_letter(login_as(station, "admin"), lid, [1])


def test_guess_category() -> None:
    assert letter_problems.guess_category(["逐利执法", "执法不规范"], "存在逐利执法问题") == "逐利执法"
    assert letter_problems.guess_category(["逐利执法", "其他问题"], "记录仪中断") == "其他问题"
    assert letter_problems.guess_category(["逐利执法"], "记录仪中断") is None
    assert letter_problems.guess_category([], "记录仪中断") == "其他问题"


# --- overdue at the unit --------------------------------------------------------------------------

def test_overdue_at_the_unit(station: Store, chief: Session) -> None:
    deadline = date.fromisoformat(letters.received_letter(station.conn,
                                                          letter_id(station, SIGNED))["deadline"])
    later = deadline + timedelta(days=1)
    got = {r["number"]: r["overdue"] for r in instructions.received_letters(chief, today=later)}
    assert got == {SIGNED: False, OVERDUE: True}     # the signed one is answered
    letters.save_answer(chief, letter_id(station, SIGNED), "修改后的答复")   # a draft again
    got = {r["number"]: r["overdue"] for r in instructions.received_letters(chief, today=later)}
    assert got == {SIGNED: True, OVERDUE: True}
    got = {r["number"]: r["overdue"] for r in
           instructions.received_letters(chief, today=deadline - timedelta(days=1))}
    assert got[SIGNED] is False
    assert letters.is_overdue(None, False) is False


# --- the office -----------------------------------------------------------------------------------

def issue_and_receive(station: Store, office: Store, folder: Path, deadline: str) -> int:
    """The office issues one letter to the station, which imports it; its id at the station."""
    boss = director(office)
    chief = login_as(station, "chief")
    office_units.register_unit(boss, seal_enrollment(chief, DEMO_PASSWORD))
    receipts.set_office(chief, seal_enrollment(boss, OFFICE_PASSWORD))
    (issued,) = office_instructions.issue_letter(
        boss, unit_code=UNIT, number="果交执法监〔2024〕9号", problems=["罚没款按月下达指标"],
        deadline=deadline).rows["supervision_letters"]
    folder.mkdir(exist_ok=True)
    written = office_instructions.write_instructions(boss, UNIT, OFFICE_PASSWORD, folder,
                                                     letter_ids=[int(issued)])
    instructions.import_instructions(chief, written.path)
    return letter_id(station, "果交执法监〔2024〕9号")


def test_overdue_and_late_at_the_office(station: Store, office: Store, chief: Session,
                                        tmp_path: Path) -> None:
    lid = issue_and_receive(station, office, tmp_path / "stick", "2024-06-30")
    boss = director(office)

    def seen(**kwargs: Any) -> dict[str, Any]:
        (row,) = office_letters.letter_answers_at_office(boss, **kwargs)
        return row
    assert seen(today=date(2024, 6, 30))["overdue"] is False
    assert seen()["overdue"] and seen()["state"] == "none"
    letters.save_answer(chief, lid, "已整改")
    deliver(station, office, tmp_path / "p1", materials=("letters", "signatures", "audit"))
    row = seen()
    assert (row["state"], row["verified"], row["overdue"]) == ("draft", "unsigned", True)
    sign(chief, lid)
    deliver(station, office, tmp_path / "p2", materials=("letters", "signatures", "audit"))
    row = seen()
    assert (row["state"], row["verified"], row["answered"], row["overdue"], row["late"]) == \
        ("signed", "valid", True, False, True)
    # edited and sent again without signing: no longer answered, overdue again
    letters.save_answer(chief, lid, "已整改，补充材料")
    deliver(station, office, tmp_path / "p3", materials=("letters", "signatures", "audit"))
    row = seen()
    assert (row["state"], row["verified"], row["overdue"]) == ("draft", "stale", True)
    with pytest.raises(ValidationError):
        office_letters.office_letter(boss, 999999)


def test_office_cannot_judge_without_audit(station: Store, office: Store, chief: Session,
                                           tmp_path: Path) -> None:
    lid = issue_and_receive(station, office, tmp_path / "stick", "2099-06-30")
    letters.save_answer(chief, lid, "已整改")
    sign(chief, lid)
    deliver(station, office, tmp_path / "p1", materials=("letters", "signatures"))
    (row,) = office_letters.letter_answers_at_office(director(office))
    assert (row["state"], row["verified"], row["answered"]) == ("signed", "invalid", False)
    assert row["answer"]["signature"]["reason"] == "no_audit"


# --- the form -------------------------------------------------------------------------------------

def test_form_at_the_unit_and_the_office(station: Store, office: Store, chief: Session,
                                         tmp_path: Path) -> None:
    from models import pdf_export, xlsx_export
    form = letter_forms.letter_form(chief, letter_id(station, SIGNED))
    rows = {r[0]: r[1] for r in form.rows}
    assert form.code == "letter" and form.title == "执法监督意见书及整改情况答复"
    assert form.header_right == f"编号：{SIGNED}" and not form.landscape
    assert "已废止按月统计罚没款排名通报" in rows["整改情况"]
    assert "罚没排名通报废止文件.png" in rows["印证资料"] and "签名有效" in rows["答复状态"]
    assert [s.status for s in form.signatures] == ["valid"]
    assert form.footer[0] == "单位负责人（签发）：才让东智"
    overdue = {r[0]: r[1] for r in letter_forms.letter_form(
        chief, letter_id(station, OVERDUE)).rows}
    assert "已逾期" in overdue["答复状态"] and "已起草" in overdue["答复状态"]
    xlsx = xlsx_export.write_form(letter_forms.letter_form(chief, letter_id(station, SIGNED)),
                                  tmp_path / "a.xlsx")
    pdf = pdf_export.write_form(letter_forms.letter_form(chief, letter_id(station, SIGNED)),
                                tmp_path / "a.pdf")
    assert xlsx.sha256 == pdf.sha256
    from pypdf import PdfReader
    text = "".join(p.extract_text() for p in PdfReader(str(tmp_path / "a.pdf")).pages)
    squeezed = "".join(text.split())
    assert "执法监督意见书及整改情况答复" in squeezed and xlsx.sha256 in squeezed

    lid = issue_and_receive(station, office, tmp_path / "stick", "2099-06-30")
    letters.save_answer(chief, lid, "已整改")
    sign(chief, lid)
    deliver(station, office, tmp_path / "p1", materials=("letters", "signatures", "audit"))
    boss = director(office)
    issued = office.conn.execute("SELECT id FROM supervision_letters").fetchone()[0]
    at_office = letter_forms.office_letter_form(boss, issued)
    assert {r[0]: r[1] for r in at_office.rows}["整改情况"] == "已整改"
    assert [s.status for s in at_office.signatures] == ["valid"]
    # the package forms: one per signed answer, named by the letter's number
    names = [name for name, _build in letter_forms.package_forms(chief, None, None)]
    assert names == [f"执法监督意见书答复-{SIGNED}", "执法监督意见书答复-果交执法监〔2024〕9号"]
    assert letter_forms.package_forms(chief, None, (date(2000, 1, 1), date(2000, 1, 31))) == []


# --- the command line -----------------------------------------------------------------------------

def test_letters_list_command(station: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("FL_STATION_PW", DEMO_PASSWORD)
    done = run_cli("letters", "list", "--data-dir", str(station.data_dir.root),
                   "--username", "officer", "--password-env", "FL_STATION_PW")
    assert done.returncode == 0, done.stderr
    assert SIGNED in done.stdout and OVERDUE in done.stdout
    assert "已签发" in done.stdout and "已逾期" in done.stdout
