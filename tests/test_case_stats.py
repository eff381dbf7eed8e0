"""案件统计 (models.case_stats): the monthly figures of seed 004 附件2, entered or worked out from
the unit's case files and people; 人均办案率 as the seed defines it; the unit's months as the
案件办理情况统计表; and the office's 案件办理情况统计表 counting a unit from the months it sent."""
from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from conftest import login_as
from core_helpers import director, make_office
from form_helpers import cases_rows

from models import case_stats, casefiles, directory, form_reports, form_stats, office_stats
from models.errors import NotFound, PermissionDenied, ValidationError
from models.form_stats import CasesRow
from models.store import Store


def test_the_seeds_row_of_the_road_administration() -> None:
    """Seed 004 附件2, 省路政执法总队: 实际案件数 4, 测试案件数 288, 执法人员 1057; the seed
    prints 28%, and (4 + 288) / 1057 = 27.6% is 28% in whole percent."""
    row = next(r for r in cases_rows() if r.unit == "省路政执法总队")
    assert (row.records, row.actual, row.test, row.officers, row.exams) == (324, 4, 288, 1057, 45)
    assert form_stats.per_capita_rate(row.actual, row.test, row.officers) == "28%"


def test_the_seeds_province_row_does_not_follow_its_formula() -> None:
    """Seed 004 附件2, 青海省 (the province's own first row): 实际案件数 4, 测试案件数 288,
    执法人员 “/”, and yet 人均办案率 17%. The seed defines 人均办案率 as (实际案件数 + 测试案件数)
    / 执法人员: with 执法人员 unknown there is nothing to divide by, so FieldLedger prints “/”.
    No officer count the table offers gives 17% either: the province's officers (the sum of the
    other rows, 1858) give 16%, the 总队's 1057 give 28%; 292 / 17% would be about 1718 officers,
    a figure the table does not hold. The seed's 17% is kept out of FieldLedger's arithmetic."""
    assert form_stats.per_capita_rate(4, 288, None) == "/"
    officers = sum(r.officers for r in cases_rows() if r.officers)
    assert officers == 1858
    assert form_stats.per_capita_rate(4, 288, officers) == "16%"
    assert all(form_stats.per_capita_rate(4, 288, n) != "17%" for n in (1057, 1858, 1858 - 1057))


def test_entered_figures(demo: Store) -> None:
    officer = login_as(demo, "officer")
    case_stats.save_month(officer, "2024-03", records=324, actual=4, test=288, officers=1057,
                          exams=45)
    [row] = case_stats.list_months(officer)
    assert (row["month"], row["records"], row["rate"]) == ("2024-03", 324, "28%")
    # saved again: the same row, changed in place; 数据条数 left empty takes 实际案件数
    case_stats.save_month(officer, "2024-03", actual=5, test="", records="", officers="",
                          exams=None, note="信息系统截至4月10日")
    [row] = case_stats.list_months(officer)
    assert (row["records"], row["actual"], row["test"], row["officers"], row["exams"],
            row["rate"]) == (5, 5, 0, None, None, "/")
    case_stats.save_month(officer, "2023-12", actual=0)
    assert [r["month"] for r in case_stats.list_months(officer)] == ["2024-03", "2023-12"]
    assert [r["month"] for r in case_stats.list_months(officer, 2023)] == ["2023-12"]
    case_stats.delete_month(officer, "2023-12")
    with pytest.raises(NotFound):
        case_stats.delete_month(officer, "2023-12")
    for bad in ({"actual": -1}, {"actual": "三"}, {"actual": 1, "officers": 1.5},
                {"actual": True}):
        with pytest.raises(ValidationError):
            case_stats.save_month(officer, "2024-04", **bad)
    with pytest.raises(ValidationError, match="统计月份"):
        case_stats.save_month(officer, "2024-4", actual=1)
    with pytest.raises(PermissionDenied):
        case_stats.save_month(login_as(demo, "admin"), "2024-04", actual=1)
    assert demo.verify_audit().ok


def test_computed_from_the_units_data(demo: Store) -> None:
    """实际案件数 = the unit's case files closed in the month; 执法人员 = its active people with
    a 执法证号 (read with SQL of its own here)."""
    chief = login_as(demo, "chief")
    for n, closed in enumerate(("2024-05-01", "2024-05-31", "2024-06-01", None), 1):
        casefiles.add_case_file(chief, case_no=f"玛交执罚〔2024〕{n}号", case_type="行政处罚",
                                cause="车辆超限运输", closed_date=closed)
    directory.add_person(chief, name="见习队员", title="执法队员")           # no 执法证号
    gone = directory.add_person(chief, name="调离队员", cert_no="63260021099")
    directory.update_person(chief, int(next(iter(gone.rows["people"]))), active=False)
    certified = demo.conn.execute("SELECT count(*) FROM people WHERE unit_id = ? AND active = 1"
                                  " AND cert_no <> ''", (chief.unit_id,)).fetchone()[0]
    may = case_stats.compute(chief, "2024-05")
    assert may == case_stats.Computed("2024-05", 2, 2, 0, certified, None)
    assert case_stats.compute(chief, "2024-06").actual == 1
    assert case_stats.compute(chief, "2024-07").actual == 0
    assert demo.conn.execute("SELECT count(*) FROM case_stats").fetchone()[0] == 0  # nothing stored


def test_the_units_months_as_a_form(demo: Store, tmp_path: Path) -> None:
    officer = login_as(demo, "officer")
    for month, figures in (("2024-01", (10, 8, 0, 5, 2)), ("2024-02", (6, 6, 1, 4, None)),
                           ("2024-03", (324, 4, 288, 1057, 45))):
        records, actual, test, officers, exams = figures
        case_stats.save_month(officer, month, records=records, actual=actual, test=test,
                              officers=officers, exams=exams)
    form = form_reports.case_stats_form(officer, "2024-02", "2024-03")
    assert form.title == "玛沁县大武超限检测站 2024.2.1-3.31 案件办理情况统计表（按月）"
    assert form.columns[0].header == "月份"
    assert [c.header for c in form.columns[1:]] == ["数据条数", "实际案件数", "测试案件数",
                                                    "执法人员", "人均办案率", "在线考试"]
    assert list(form.rows) == [["2024年2月", 6, 6, 1, 4, "175%", "/"],
                               ["2024年3月", 324, 4, 288, 1057, "28%", 45],
                               ["合计", 330, 10, 289, 1057, "28%", 45]]
    from models import pdf_export, xlsx_export
    xlsx = xlsx_export.write_form(form_reports.case_stats_form(officer), tmp_path / "c.xlsx")
    pdf = pdf_export.write_form(form_reports.case_stats_form(officer), tmp_path / "c.pdf")
    assert xlsx.sha256 == pdf.sha256
    assert [n for n, _b in form_reports.case_stats_package_forms(
        officer, None, (date(2024, 3, 1), date(2024, 3, 31)))] == ["案件统计表-2024-03"]
    assert form_reports.case_stats_package_forms(
        officer, None, (date(2024, 4, 1), date(2024, 4, 30))) == []


def test_the_office_counts_a_unit_from_the_months_it_sent(station: Store,
                                                          tmp_path: Path) -> None:
    """The office's 案件办理情况统计表: a unit that sent case statistics for months of the period
    is counted from them (sums; 执法人员 of the latest month), not from its case files."""
    from core_helpers import deliver
    office = make_office(tmp_path / "office")
    try:
        chief = login_as(station, "chief")
        case_stats.save_month(chief, "2024-03", records=324, actual=4, test=288, officers=1057,
                              exams=45)
        case_stats.save_month(chief, "2024-04", records=10, actual=3, test=0, officers=1060)
        deliver(station, office, tmp_path / "stick", materials=("casereviews", "case_stats"))
        boss = director(office)
        march = office_stats.cases_table(boss, (date(2024, 3, 1), date(2024, 3, 31)))
        assert march[1] == CasesRow("玛沁县大武超限检测站", 324, 4, 288, 1057, 45)
        both = office_stats.cases_table(boss, (date(2024, 3, 1), date(2024, 4, 30)))
        assert both[0] == CasesRow("合计", 334, 7, 288, 1060, 45)
        assert form_stats.per_capita_rate(both[1].actual, both[1].test, both[1].officers) == "28%"
        # a month it sent no statistics for: counted from its case files (the demo's 2024-05)
        may = office_stats.cases_table(boss, (date(2024, 5, 1), date(2024, 5, 31)))
        assert may[1] == CasesRow("玛沁县大武超限检测站", 1, 1, 0, 4, None)
        notes = office_stats.cases_table_form(boss, (date(2024, 3, 1), date(2024, 3, 31))).notes
        assert "按月案件统计" in notes[-1]
    finally:
        office.close()
