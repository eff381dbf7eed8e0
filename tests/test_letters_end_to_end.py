"""执法监督意见书 from one end to the other: the office issues a letter and sends it down with
its campaign, the station imports it, answers with a photo, its chief signs the answer, the
station sends a package with the "letters" material, and the office sees the answer with a
verified signature, the photo in its store, and its 资料报送统计表 counts the campaign material
“执法监督意见书整改情况” as received from that unit."""
from __future__ import annotations

import zipfile
from datetime import date
from pathlib import Path

from conftest import login_as
from core_helpers import (
    OFFICE_PASSWORD,
    deliver,
    director,
    seal_enrollment,
)

from models import (
    campaigns,
    instructions,
    letter_problems,
    letters,
    office_instructions,
    office_letters,
    office_stats,
    office_units,
    receipts,
)
from models.demo import DEMO_PASSWORD
from models.store import Store

UNIT = "QH-632621-DW"
DOC_NO = "果交执法〔2024〕21号"
MATERIAL = "执法监督意见书整改情况"
NUMBER = "果交执法监〔2024〕11号"
PROBLEMS = ["超限检测站按月下达罚没款任务，变相设置罚没指标", "暂扣车辆 2 辆未出具行政强制措施决定书"]


def _png(path: Path) -> Path:
    import struct
    import zlib

    def chunk(kind: bytes, data: bytes) -> bytes:
        return (struct.pack(">I", len(data)) + kind + data
                + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF))
    rows = b"".join(b"\x00" + b"\x4a\x7b\xb7" * 8 for _ in range(8))
    path.write_bytes(b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", 8, 8, 8, 2, 0,
                                                                      0, 0))
                     + chunk(b"IDAT", zlib.compress(rows)) + chunk(b"IEND", b""))
    return path


def test_letter_issued_answered_signed_and_seen_at_the_office(station: Store, office: Store,
                                                              tmp_path: Path) -> None:
    boss = director(office)
    chief = login_as(station, "chief")
    office_units.register_unit(boss, seal_enrollment(chief, DEMO_PASSWORD))
    receipts.set_office(chief, seal_enrollment(boss, OFFICE_PASSWORD))

    # the office: its campaign requires the answer as a material; one letter to the station
    campaigns.create_campaign(
        boss, title="道路运输执法领域突出问题专项监督检查", doc_no=DOC_NO,
        issuer="果洛州交通运输综合行政执法支队", start_date="2024-03-01", end_date="2024-12-31",
        categories=["逐利执法", "执法不规范", "其他问题"],
        materials=[{"name": "实施方案", "due_date": "2024-03-15"},
                   {"name": MATERIAL, "due_date": "2099-12-31"}])
    office_campaign = office.conn.execute("SELECT id FROM campaigns WHERE doc_no = ?",
                                          (DOC_NO,)).fetchone()[0]
    changes = office_instructions.issue_letter(boss, unit_code=UNIT, number=NUMBER,
                                               problems=PROBLEMS,
                                               requirements="收到后 30 日内书面报告整改情况。",
                                               deadline="2099-06-30", campaign=DOC_NO)
    (issued_id,) = changes.rows["supervision_letters"]
    stick = tmp_path / "U盘"
    stick.mkdir()
    written = office_instructions.write_instructions(boss, UNIT, OFFICE_PASSWORD, stick,
                                                     campaign_ids=[office_campaign],
                                                     letter_ids=[int(issued_id)])

    # before any answer: the office sees the letter unanswered
    (before,) = office_letters.letter_answers_at_office(boss)
    assert (before["state"], before["answer"], before["overdue"]) == ("none", None, False)
    assert office_letters.letter_answers_at_office(boss, today=date(2099, 7, 1))[0]["overdue"]

    # the station imports, answers with a photo, hangs a problem, and its chief signs
    imported = instructions.import_instructions(chief, written.path)
    assert imported.letters_added == 1 and imported.campaigns_added == 1
    (letter,) = [r for r in instructions.received_letters(chief) if r["number"] == NUMBER]
    assert letter["answer_status"] is None and letter["number"] == NUMBER
    letters.save_answer(chief, letter["id"], "已废止罚没款任务，补发行政强制措施决定书 2 份。")
    answer_id = letters.get_letter(chief, letter["id"])["answer"]["id"]
    photo = _png(tmp_path / "决定书补发.png")
    letters.add_answer_file(chief, answer_id, photo)
    hung = letter_problems.problems_from_letter(chief, letter["id"], [1])
    assert [n for n, _pid, _seq in hung.created] == [1]
    shown = letters.answer_to_sign(chief, letter["id"])
    letters.sign_answer(chief, letter["id"], DEMO_PASSWORD, shown["sha256"])
    state = letters.get_letter(chief, letter["id"])
    assert state["state"] == "signed" and state["signature"]["status"] == "valid"
    station_campaign = station.conn.execute("SELECT id FROM campaigns WHERE doc_no = ?",
                                            (DOC_NO,)).fetchone()[0]

    # the package: the answer's material, its signature and audit entries
    result = deliver(station, office, tmp_path / "out", campaign_id=station_campaign,
                     materials=("letters", "signatures", "audit", "forms"))
    report = result.report
    assert MATERIAL in report.campaign_materials and "实施方案" not in report.campaign_materials
    # every answer of the station (the demo's two to letters from 果洛州 as well) and its files
    answers, files = station.conn.execute(
        "SELECT (SELECT count(*) FROM letter_answers), (SELECT count(*) FROM letter_answer_files)"
    ).fetchone()
    assert (report.counts["letter_answers"], report.counts["letter_answer_files"]) == \
        (answers, files) and answers >= 1
    assert report.evidence_files == files
    with zipfile.ZipFile(report.path) as bag:
        forms = [n.rsplit("/", 1)[-1] for n in bag.namelist() if "/data/forms/" in n]
    assert {f"执法监督意见书答复-{NUMBER}.xlsx", f"执法监督意见书答复-{NUMBER}.pdf"} <= set(forms)

    # the office: the answer with a verified signature and the photo in its store
    (seen,) = office_letters.letter_answers_at_office(boss, UNIT)
    assert seen["number"] == NUMBER and seen["state"] == "signed"
    assert seen["verified"] == "valid" and seen["answered"] and not seen["overdue"]
    answer = seen["answer"]
    assert answer["measures"].startswith("已废止罚没款任务")
    assert answer["signature"]["signer"] == "才让东智"
    assert [(f["original_name"], f["present"]) for f in answer["files"]] == [
        ("决定书补发.png", True)]
    assert Path(answer["files"][0]["path"]).read_bytes() == photo.read_bytes()
    assert office_letters.office_letter(boss, int(issued_id))["verified"] == "valid"

    # ... and counts the campaign material as received from the unit
    table = office_stats.materials_table(boss, office_campaign, as_of=date.today())
    (row,) = [r for r in table.rows if r.code == UNIT]
    column = table.columns.index(MATERIAL)
    assert row.cells[column].state == "received"
    assert row.cells[table.columns.index("实施方案")].state == "missing"
