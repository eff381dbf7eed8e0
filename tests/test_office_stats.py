"""The office's statistics (models.office_stats): the 资料报送统计表 of a campaign from packages
the station really exported and the office really imported (every cell state, the due date
against the signed creation time, period overlap, the 截至 cut-off, quarantined packages, units
that sent nothing or are not registered), the 案件办理情况统计表 from the imported case files and
people (the 合计 row, 人均办案率), the export forms and the ``office stats`` command line."""
from __future__ import annotations

import os
from datetime import date, timedelta
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
    campaigns,
    form_stats,
    office_import,
    office_stats,
    office_units,
    package_out,
    pdf_export,
    xlsx_export,
)
from models.demo import DEMO_PASSWORD
from models.errors import NotFound, ValidationError
from models.form_data import FormOptions
from models.form_stats import CasesRow
from models.store import Store

FAST = ("ledger", "signatures", "audit")
JUNE = (date(2024, 6, 1), date(2024, 6, 30))
TODAY = date.today()
#: The office's own copy of the Qinghai 2023 campaign: the station's three materials (names as
#: the station has them) with due dates chosen per test, and one the station cannot send.
CLUES = "执法领域突出问题线索征询表（附件3）"
COMMON = "整改工作台账（共性）（附件1）"
INDIVIDUAL = "整改工作台账（个性）（附件2）"
BRIEF = "工作简报"


def office_campaign(office: Store, dues: dict[str, date | None], *, doc_no: str = QINGHAI_DOC_NO
                    ) -> int:
    """The office's campaign with ``doc_no`` and the materials of ``dues`` (in that order)."""
    boss = director(office)
    changes = campaigns.create_campaign(
        boss, title="交通运输执法领域突出问题专项整治行动", doc_no=doc_no,
        materials=[{"name": name, "due_date": due.isoformat() if due else None}
                   for name, due in dues.items()])
    return int(next(iter(changes.rows["campaigns"])))


def station_campaign(station: Store) -> int:
    return station.conn.execute("SELECT id FROM campaigns WHERE doc_no = ?",
                                (QINGHAI_DOC_NO,)).fetchone()[0]


def attachment(tmp_path: Path, name: str) -> Path:
    path = tmp_path / name
    path.write_bytes(f"{name} 的内容".encode())
    return path


def export(station: Store, stick: Path, *, campaign: bool = True,
           period: tuple[date, date] | None = JUNE, materials: tuple[str, ...] = FAST,
           files: dict[str, list[Path]] | None = None) -> package_out.ExportedPackage:
    """The station's next package, written with the real export."""
    return package_out.export_package(
        login_as(station, "chief"), stick, DEMO_PASSWORD,
        campaign_id=station_campaign(station) if campaign else None, period=period,
        materials=materials, campaign_files=files)


def register(office: Store, unit: Any, passphrase: str = DEMO_PASSWORD,
             user: str = "chief") -> None:
    """Register the unit of store ``unit`` at the office from its seal-key enrollment file."""
    from models.session import login
    who = login(unit, user, passphrase)
    office_units.register_unit(director(office), seal_enrollment(who, passphrase))


def import_(office: Store, path: Path) -> office_import.ImportResult:
    return office_import.import_package(director(office), path)


def tampered(path: Path, target: Path) -> Path:
    data = bytearray(path.read_bytes())
    data[len(data) // 2] ^= 0x01
    target.write_bytes(bytes(data))
    return target


def table(office: Store, campaign_id: int, **kwargs: Any) -> office_stats.MaterialsTable:
    kwargs.setdefault("as_of", TODAY)
    return office_stats.materials_table(director(office), campaign_id, **kwargs)


def states(row: office_stats.UnitMaterials) -> list[str]:
    return [c.state for c in row.cells]


def set_created(office: Store, package_id: int, created: str | None) -> None:
    """Test helper: change the signed creation time the office recorded for a package (through
    the audited Writer), to put it before or after a due date without waiting for one."""
    with office.write("test") as w:
        w.update("office_package_claims", package_id, {"created": created})


# --- 资料报送统计表 ---------------------------------------------------------------------------------

def test_every_cell_state(station: Store, office: Store, stick: Path, tmp_path: Path) -> None:
    yesterday = TODAY - timedelta(days=1)
    cid = office_campaign(office, {CLUES: None, COMMON: yesterday, INDIVIDUAL: TODAY, BRIEF: None})
    other = make_office(tmp_path / "other", code="QH-6327")     # a second unit, sends nothing
    try:
        register(office, other, OFFICE_PASSWORD, "director")
    finally:
        other.close()
    register(office, station)
    files = {name: [attachment(tmp_path, f"{n}.pdf")]
             for n, name in enumerate((CLUES, COMMON, INDIVIDUAL))}
    pkg = export(station, stick, materials=FAST + ("casereviews",), files=files)
    result = import_(office, pkg.path)
    assert result.status == "imported", result.report.problems

    t = table(office, cid)
    assert t.columns == (CLUES, COMMON, INDIVIDUAL, BRIEF, "问题台账", "自查自纠", "案卷评查")
    assert t.dues == (None, yesterday, TODAY, None, None, None, None)
    assert t.as_of == TODAY and t.period is None and t.doc_no == QINGHAI_DOC_NO
    assert [r.code for r in t.rows] == ["QH-632621-DW", "QH-6327"], "by unit code"
    unit, silent = t.rows
    assert unit.unit == "玛沁县大武超限检测站"
    # on time, due yesterday (late), due today (on time), never sent; the data materials
    assert states(unit) == ["received", "late", "received", "missing",
                            "received", "missing", "received"]
    assert states(silent) == ["missing"] * 7 and silent.status == "none"
    assert unit.status == "partial" and unit.note == "" and unit.failed_seqs == ()
    claims = office.conn.execute("SELECT created FROM office_package_claims WHERE package_id = ?",
                                 (result.package_id,)).fetchone()[0]
    received = office.conn.execute("SELECT received_at FROM office_packages WHERE id = ?",
                                   (result.package_id,)).fetchone()[0]
    late = unit.cells[1]
    assert (late.seq, late.created, late.received, late.due) == (1, claims, received, yesterday)
    assert unit.cells[3] == office_stats.Cell("missing")
    assert t.counts() == {"complete": 0, "late": 0, "failed": 0, "partial": 1, "none": 1}

    # without the data materials: the campaign's columns alone
    bare = table(office, cid, with_records=False)
    assert bare.columns == (CLUES, COMMON, INDIVIDUAL, BRIEF) and bare.record_codes == ()
    assert states(bare.rows[0]) == ["received", "late", "received", "missing"]

    # a tampered package of the unit is quarantined: what no imported package has is 未通过验证
    refused = import_(office, tampered(pkg.path, tmp_path / "tampered.flpkg"))
    assert refused.status == "quarantined"
    unit = table(office, cid).rows[0]
    assert states(unit) == ["received", "late", "received", "failed",
                            "received", "failed", "received"]
    assert unit.status == "failed" and "未通过验证" in unit.note
    failed = unit.cells[3]
    assert failed.reason and is_chinese(failed.reason) and failed.received
    assert table(office, cid).counts()["failed"] == 1
    with pytest.raises(NotFound):
        table(office, 999)


def test_due_date_against_the_signed_creation_time(station: Store, office: Store, stick: Path,
                                                   tmp_path: Path) -> None:
    """Late or not is decided by when the package was made (its signed FieldLedger-Created),
    not when it reached the office; without one, by when it was received."""
    cid = office_campaign(office, {CLUES: date(2024, 6, 30)})
    register(office, station)
    pkg = export(station, stick, files={CLUES: [attachment(tmp_path, "线索.pdf")]})
    package_id = import_(office, pkg.path).package_id
    assert states(table(office, cid).rows[0])[0] == "late", "made today, due in 2024"
    set_created(office, package_id, "2024-06-29T15:00:00Z")
    cell = table(office, cid).rows[0].cells[0]
    assert cell.state == "received" and cell.created == "2024-06-29T15:00:00Z"
    set_created(office, package_id, None)       # no signed time: the time it was received
    cell = table(office, cid).rows[0].cells[0]
    assert cell.state == "late" and cell.created == cell.received


def test_period_overlap_campaign_and_cut_off(station: Store, office: Store, stick: Path,
                                             tmp_path: Path) -> None:
    cid = office_campaign(office, {CLUES: None})
    register(office, station)
    files = {CLUES: [attachment(tmp_path, "线索.pdf")]}
    assert import_(office, export(station, stick, files=files).path).status == "imported"
    july = (date(2024, 7, 1), date(2024, 7, 31))
    assert states(table(office, cid, period=(date(2024, 6, 15), date(2024, 7, 15))).rows[0]) \
        == ["received", "received", "missing", "missing"]
    assert states(table(office, cid, period=july).rows[0]) == ["missing"] * 4
    assert states(table(office, cid, as_of=TODAY - timedelta(days=1)).rows[0]) == ["missing"] * 4
    # a package of all campaigns counts for none; one without a period belongs to every period
    assert import_(office, export(station, stick, campaign=False).path).status == "imported"
    assert states(table(office, cid, period=july).rows[0]) == ["missing"] * 4
    assert import_(office, export(station, stick, period=None).path).status == "imported"
    july_table = table(office, cid, period=july)
    assert states(july_table.rows[0]) == ["missing", "received", "missing", "missing"]
    assert july_table.rows[0].cells[1].seq == 3 and july_table.period == july
    # the campaign is matched by its 文号 (spaces and Unicode forms aside), else by its title
    spaced = office_campaign(office, {CLUES: None}, doc_no=" 青交执法监法 〔2023〕30号 ")
    assert states(table(office, spaced).rows[0])[0] == "received"
    other = office_campaign(office, {CLUES: None}, doc_no="青交执法监法〔2023〕31号")
    assert states(table(office, other).rows[0]) == ["missing"] * 4
    with pytest.raises(ValidationError) as info:
        table(office, cid, period=(date(2024, 7, 1), date(2024, 6, 1)))
    assert is_chinese(str(info.value))


def test_quarantined_before_registration_and_unknown_units(station: Store, office: Store,
                                                            stick: Path) -> None:
    cid = office_campaign(office, {CLUES: None})
    pkg = export(station, stick)
    copy = stick / "copy.flpkg"
    copy.write_bytes(pkg.path.read_bytes())           # the quarantine takes the file away
    early = import_(office, pkg.path)                 # the unit is not registered yet
    assert early.status == "quarantined" and early.report.reason == "unknown_unit"
    assert table(office, cid).rows == (), "an unknown unit has no row"
    register(office, station)
    unit = table(office, cid).rows[0]
    assert states(unit) == ["failed"] * 4 and unit.failed_seqs == (1,)
    assert unit.note == "第 1 号报送包未通过验证"
    assert unit.cells[0].seq == 1 and "登记" in unit.cells[0].reason
    assert import_(office, copy).status == "imported"
    assert states(table(office, cid).rows[0]) == ["failed", "received", "failed", "failed"]


# --- 案件办理情况统计表 --------------------------------------------------------------------------------

def test_cases_table(station: Store, office: Store, stick: Path, tmp_path: Path) -> None:
    other = make_office(tmp_path / "other", code="QH-6327")
    try:
        register(office, other, OFFICE_PASSWORD, "director")
    finally:
        other.close()
    register(office, station)
    may = (date(2024, 5, 1), date(2024, 5, 31))
    boss = director(office)
    assert import_(office, export(station, stick).path).status == "imported"
    rows = office_stats.cases_table(boss, may)
    assert rows == [CasesRow("合计", 0, 0, 0, None, None),
                    CasesRow("玛沁县大武超限检测站", 0, 0, 0, None, None),
                    CasesRow("果洛州交通运输综合行政执法支队", 0, 0, 0, None, None)], \
        "no case files or people sent yet: 0 cases, officers unknown"

    assert import_(office, export(station, stick, materials=("casereviews", "audit")).path
                   ).status == "imported"
    unit_id = login_as(station, "chief").unit_id
    closed = [d for (d,) in station.conn.execute(
        "SELECT closed_date FROM case_files WHERE unit_id = ?", (unit_id,))]
    certified = station.conn.execute(
        "SELECT count(*) FROM people WHERE unit_id = ? AND active = 1 AND cert_no <> ''",
        (unit_id,)).fetchone()[0]
    in_may = sum(1 for d in closed if d and "2024-05-01" <= d <= "2024-05-31")
    assert in_may == 1 and certified == 4      # the demo's 19号 (05-30); four certified officers
    total, unit, silent = office_stats.cases_table(boss, may)
    assert unit == CasesRow("玛沁县大武超限检测站", in_may, in_may, 0, certified, None)
    assert silent == CasesRow("果洛州交通运输综合行政执法支队", 0, 0, 0, None, None)
    assert total == CasesRow("合计", in_may, in_may, 0, certified, None)
    assert form_stats.per_capita_rate(unit.actual, unit.test, unit.officers) == "25%"
    year = office_stats.cases_table(boss, (date(2024, 1, 1), date(2024, 12, 31)))
    assert year[1].records == len([d for d in closed if d and d.startswith("2024")]) == 4
    lines = office_stats.cases_lines(year)
    assert lines[1].split("\t") == ["合计", "4", "4", "0", "4", "100%", "/"]
    assert lines[3].split("\t") == ["果洛州交通运输综合行政执法支队", "0", "0", "0", "/", "/", "/"]
    with pytest.raises(ValidationError):
        office_stats.cases_table(boss, (date(2024, 6, 1), date(2024, 5, 1)))


# --- export forms -------------------------------------------------------------------------------

def test_export_forms(station: Store, office: Store, stick: Path, tmp_path: Path) -> None:
    cid = office_campaign(office, {CLUES: None, COMMON: date(2024, 1, 1)})
    register(office, station)
    files = {CLUES: [attachment(tmp_path, "线索.pdf")], COMMON: [attachment(tmp_path, "共性.xlsx")]}
    assert import_(office, export(station, stick, materials=FAST + ("casereviews",),
                                  files=files).path).status == "imported"
    boss = director(office)
    options = FormOptions(filler="才让", phone="0975-8381200")
    form = office_stats.materials_table_form(boss, cid, period=JUNE, as_of=date(2024, 7, 10),
                                             options=options)
    assert form.code == "materials"
    assert form.title == "交通运输执法领域突出问题专项整治行动相关资料报送统计表"
    assert [c.header for c in form.columns] == ["单位", CLUES, COMMON, "问题台账", "自查自纠",
                                                "案卷评查", "备注"]
    assert [c.group for c in form.columns] == ["", *["内容"] * 5, ""]
    assert (form.header_left, form.header_right) == (f"文号：{QINGHAI_DOC_NO}",
                                                     "报送期间：2024-06-01 至 2024-06-30")
    assert [list(r) for r in form.rows] == [["玛沁县大武超限检测站", *["×"] * 5, ""]], \
        "received today: nothing by 2024.7.10"
    assert form.notes[:2] == ("说明：1. 统计表截至报送日期为2024.7.10", "2. √表示已报送，×未报送")
    assert "√逾期" in form.notes[2] and "未通过验证" in form.notes[2]
    assert form.footer == ("填报人：才让", "联系电话：0975-8381200")
    form = office_stats.materials_table_form(boss, cid, as_of=TODAY)
    assert [list(r) for r in form.rows] == [
        ["玛沁县大武超限检测站", "√", "√逾期", "√", "×", "√", ""]]
    assert form.footer == () and form.file_stem.startswith("资料报送统计表-")

    xlsx = xlsx_export.write_form(office_stats.materials_table_form(boss, cid, as_of=TODAY),
                                  tmp_path / "资料报送统计表.xlsx")
    pdf = pdf_export.write_form(office_stats.materials_table_form(boss, cid, as_of=TODAY),
                                tmp_path / "资料报送统计表.pdf")
    assert xlsx.sha256 == pdf.sha256 and xlsx.rows == 1
    from openpyxl import load_workbook
    cells = [c.value for row in load_workbook(xlsx.path).active.iter_rows() for c in row]
    assert "√逾期" in cells and CLUES in cells

    cases = office_stats.cases_table_form(boss, (date(2024, 5, 1), date(2024, 5, 31)))
    assert cases.code == "cases"
    assert cases.title == "果洛州交通运输综合行政执法支队 2024.5.1-5.31 案件办理情况统计表"
    assert [list(r) for r in cases.rows][0] == ["合计", 1, 1, 0, 4, "25%", "/"]
    assert cases.notes[0] == "备注：1.统计表 2024.5.1-5.31 案件数指结案时间是 2024.5.1-5.31 期间的案件；"
    assert len(cases.notes) == 3 and cases.footer == ()
    assert office_stats.period_text((date(2023, 12, 1), date(2024, 1, 31))) == \
        "2023.12.1-2024.1.31"
    cases = office_stats.cases_table_form(boss, (date(2024, 5, 1), date(2024, 5, 31)))
    assert pdf_export.write_form(cases, tmp_path / "案件.pdf").rows == 2


# --- command line -------------------------------------------------------------------------------

def test_command_line(station: Store, office: Store, stick: Path, tmp_path: Path) -> None:
    cid = office_campaign(office, {CLUES: None})
    register(office, station)
    assert import_(office, export(station, stick, materials=FAST + ("casereviews",),
                                  files={CLUES: [attachment(tmp_path, "线索.pdf")]}).path
                   ).status == "imported"
    root = str(office.data_dir.root)
    office.close()
    login = ("--data-dir", root, "--user", "director", "--password-env", "FL_OFFICE_PW")
    os.environ["FL_OFFICE_PW"] = OFFICE_PASSWORD
    try:
        text = run_cli("office", "stats", "materials", "--campaign", QINGHAI_DOC_NO, *login)
        assert text.returncode == 0, text.stderr
        lines = text.stdout.splitlines()
        assert lines[1].split("\t") == ["单位", CLUES, "问题台账", "自查自纠", "案卷评查", "备注"]
        assert lines[2].split("\t") == ["玛沁县大武超限检测站", "√", "√", "×", "√", ""]
        assert f"统计表截至报送日期为{office_stats.day_text(TODAY)}" in text.stdout
        july = run_cli("office", "stats", "materials", "--campaign", str(cid), "--from",
                       "2024-07-01", "--to", "2024-07-31", "--as-of", TODAY.isoformat(), *login)
        assert july.returncode == 0, july.stderr
        assert july.stdout.splitlines()[2].split("\t")[1:5] == ["×"] * 4
        files = run_cli("office", "stats", "materials", "--campaign", str(cid),
                        "--xlsx", str(tmp_path / "m.xlsx"), "--pdf", str(tmp_path / "m.pdf"),
                        *login)
        assert files.returncode == 0, files.stderr
        assert (tmp_path / "m.xlsx").is_file() and (tmp_path / "m.pdf").is_file()
        assert "内容摘要" in files.stdout

        cases = run_cli("office", "stats", "cases", "--from", "2024-01-01", "--to",
                        "2024-12-31", *login)
        assert cases.returncode == 0, cases.stderr
        assert cases.stdout.splitlines()[1].split("\t") == ["合计", "4", "4", "0", "4", "100%",
                                                             "/"]
        pdf = run_cli("office", "stats", "cases", "--from", "2024-01-01", "--to", "2024-12-31",
                      "--pdf", str(tmp_path / "c.pdf"), *login)
        assert pdf.returncode == 0 and (tmp_path / "c.pdf").is_file(), pdf.stderr
        bad = run_cli("office", "stats", "cases", "--from", "2024-12-31", "--to", "2024-01-01",
                      *login)
        assert bad.returncode == 2 and is_chinese(bad.stderr)
        unknown = run_cli("office", "stats", "materials", "--campaign", "没有这个文号", *login)
        assert unknown.returncode == 2 and "专项行动" in unknown.stderr
    finally:
        os.environ.pop("FL_OFFICE_PW", None)
