"""The Excel writer of the official forms (models.xlsx_export): what it writes is read back with
openpyxl in normal mode and compared with the seed texts, character for character, with the
merged ranges, print settings, styles, the content digest, and the failure paths (cancel, a
folder that cannot be written, a full disk) leaving no file behind."""
from __future__ import annotations

import errno
import os
import stat
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from openpyxl import load_workbook
from openpyxl.cell.cell import MergedCell

from models import xlsx_export
from models.files import FileWriteFailed
from models.errors import DiskFull
from models.forms import Column, ExportCancelled, Form, SignatureLine, digest_of
from models.xlsx_forms import LAYOUTS

UNIT = "玛沁县大武超限检测站"

# 青交执办〔2024〕1号, 附件2, as the notice prints it.
CASES_TITLE = "青海省交通运输行政执法综合管理信息系统 3.1-3.31 案件办理情况统计表"
CASES_COLUMNS = (
    Column("单位", 22), Column("数据条数", 10, "right"),
    Column("实际案件数", 11, "right", "案件数"), Column("测试案件数", 11, "right", "案件数"),
    Column("执法人员", 10, "right"), Column("人均办案率", 11, "right"), Column("在线考试", 10, "right"))
CASES_ROWS = [("青海省", 324, 4, 288, "/", "17%", 45),
              ("省路政执法总队", 324, 4, 288, 1057, "28%", 45),
              ("果洛州交通运输系统", 0, 0, 0, 23, 0, 0)]
CASES_NOTES = ("备注：1.统计表 3.1-3.31 案件数指结案时间是 3.1-3.31 期间的案件；",
               "2.人均办案率为（实际案件数+测试案件数）/执法人员； 考试次数是从 2024.1-2024.4")

SIGNATURES = (
    SignatureLine("审核", "马文斌", "法制审核", "2024-06-30 11:05", "7F3A-19C2-BB04-6E5D", "valid",
                  "第 1 版台账"),
    SignatureLine("单位盖章", "才让东周", "负责人", "2024-06-30 16:40", "0C9E-55A1-2D7B-F318",
                  "stale"),
)


def seed_form(key: str, data: list[tuple[Any, ...]], **changes: Any) -> Form:
    """A form laid out as the seed prints it (title, unit and date lines, columns, footer, 注)."""
    layout = LAYOUTS[key]
    columns = tuple(Column(c.header, c.width, "center" if c.field == "seq" else "left")
                    for c in layout.columns)
    form = Form(key, layout.title, f"{layout.lines[0]}{UNIT}", layout.lines[1], columns,
                iter(data), len(data), footer=layout.footer,
                notes=(layout.note,) if layout.note else ())
    return form._replace(**changes)


CHECKLIST_ROWS = [
    (1, "逐利执法问题", "大武超限检测站存在下达或变相下达罚没指标的情况。", "清理罚没指标文件，取消考核挂钩。",
     "法制科（马文斌）", "2024 年 8 月 31 日", ""),
    (2, "运动式执法问题", "G227线集中整治期间“一刀切”扣车。", "落实首违不罚清单，推行说理式执法。\n建立长效机制。",
     "执法一中队", "长期坚持", None),
]
REVIEW_ROWS = [
    (1, "执法不规范", "随意拦车扣车", "已完成整改，建立长效机制。", "是", "否", "", "索南 2024-06-29 10:12"),
]


def write(tmp_path: Path, form: Form, name: str = "form.xlsx", **kwargs: Any):
    path = tmp_path / name
    result = xlsx_export.write_form(form, path, **kwargs)
    return result, load_workbook(path).active


def texts(ws, row: int) -> list[Any]:
    return [c.value for c in ws[row]]


def merged(ws) -> set[str]:
    return {str(r) for r in ws.merged_cells.ranges}


@pytest.mark.parametrize("key", ["checklist", "review"])
def test_seed_forms_read_back_character_for_character(tmp_path: Path, key: str) -> None:
    layout = LAYOUTS[key]
    rows = CHECKLIST_ROWS if key == "checklist" else REVIEW_ROWS
    result, ws = write(tmp_path, seed_form(key, rows))
    n = len(layout.columns)
    last = "G" if n == 7 else "H"
    split = (n + 1) // 2
    assert ws["A1"].value == layout.title
    assert ws["A2"].value == f"{layout.lines[0]}{UNIT}"
    assert ws.cell(2, split + 1).value == layout.lines[1]
    assert texts(ws, 3) == [c.header for c in layout.columns]
    assert result.rows == len(rows)
    footer_row = 3 + len(rows) + 2      # an empty row between the table and the footer
    assert texts(ws, footer_row - 1) == [None] * n
    for i, line in enumerate(layout.footer):
        assert ws.cell(footer_row + i, 1).value == line
    after = footer_row + len(layout.footer)
    if layout.note:
        assert ws.cell(after, 1).value == layout.note
        after += 1
    assert ws.cell(after, 1).value == f"内容摘要（SHA-256）：{result.sha256}"
    assert ws.max_row == after
    expected = {f"A1:{last}1", f"A2:{chr(64 + split)}2", f"{chr(65 + split)}2:{last}2"}
    expected |= {f"A{r}:{last}{r}" for r in range(footer_row, after + 1)}
    assert merged(ws) == expected
    assert ws.title == layout.title


def test_print_settings_freeze_and_page_numbers(tmp_path: Path) -> None:
    _, ws = write(tmp_path, seed_form("checklist", CHECKLIST_ROWS))
    assert ws.freeze_panes == "A4"
    assert ws.print_title_rows == "$3:$3"
    assert ws.page_setup.paperSize == 9
    assert ws.page_setup.orientation == "landscape"
    assert ws.sheet_properties.pageSetUpPr.fitToPage is True
    assert ws.page_setup.fitToWidth == 1
    assert ws.page_setup.fitToHeight == 0
    assert ws.print_options.horizontalCentered is True
    assert ws.oddFooter.center.text == "第 &P 页 共 &N 页"
    assert 0.3 <= ws.page_margins.left <= 1 and 0.3 <= ws.page_margins.top <= 1
    _, portrait = write(tmp_path, seed_form("checklist", [], landscape=False), "p.xlsx")
    assert portrait.page_setup.orientation == "portrait"


def test_widths_styles_and_values(tmp_path: Path) -> None:
    _, ws = write(tmp_path, seed_form("checklist", CHECKLIST_ROWS))
    for j, col in enumerate(LAYOUTS["checklist"].columns, 1):
        assert ws.column_dimensions[chr(64 + j)].width == col.width
    title = ws["A1"]
    assert (title.font.sz, title.font.b, title.alignment.horizontal) == (16, True, "center")
    assert ws["E2"].alignment.horizontal == "right"
    for cell in ws[3]:
        assert cell.font.b and cell.alignment.wrap_text and cell.alignment.horizontal == "center"
        assert cell.border.left.style == cell.border.bottom.style == "thin"
    for cell in ws[4]:
        assert cell.alignment.wrap_text and cell.alignment.vertical == "top"
        assert cell.border.top.style == cell.border.right.style == "thin"
    assert ws["A4"].alignment.horizontal == "center" and ws["B4"].alignment.horizontal == "left"
    assert ws["A4"].value == 1 and ws["A4"].data_type == "n"
    assert ws["F5"].value == "长期坚持"
    assert ws["D5"].value == "落实首违不罚清单，推行说理式执法。\n建立长效机制。"
    assert ws["G4"].value is None and ws["G5"].value is None      # "" and None: empty cells
    assert ws["G5"].border.left.style == "thin"                     # that still show their box
    assert ws.row_dimensions[4].height is None or ws.row_dimensions[4].height > 15
    assert ws.row_dimensions[5].height > 30                         # two lines of 整改措施


def test_numbers_stay_numbers_and_text_stays_text(tmp_path: Path) -> None:
    columns = (Column("序号", 6, "center"), Column("数", 10, "right"), Column("文字", 20))
    rows = [(1, 2.5, "=SUM(A1:A9)"), (2, -3, "bell\x07 and\x00 nul"), (3, float("nan"), "", 9),
            (4,)]
    form = Form("t", "数值", "", "", columns, iter(rows), None)
    result, ws = write(tmp_path, form)
    assert texts(ws, 2) == ["序号", "数", "文字"]     # no header block: the headers are row 2
    assert (ws["A3"].value, ws["B3"].value, ws["C3"].value) == (1, 2.5, "=SUM(A1:A9)")
    assert ws["C3"].data_type == "s"               # never a formula
    assert ws["B4"].value == -3 and isinstance(ws["B4"].value, int)
    assert ws["C4"].value == "bell and nul"        # characters XML cannot hold are left out
    assert ws.max_column == 3                      # values beyond the columns are not written
    assert ws["B5"].value == "nan"
    assert texts(ws, 6) == [4, None, None]
    assert result.rows == 4
    assert ws.print_title_rows == "$2:$2" and ws.freeze_panes == "A3"


def test_group_headers_of_the_cases_form(tmp_path: Path) -> None:
    form = Form("cases", CASES_TITLE, "", "", CASES_COLUMNS, iter(CASES_ROWS), len(CASES_ROWS),
                notes=CASES_NOTES, landscape=False)
    result, ws = write(tmp_path, form)
    assert ws["A1"].value == CASES_TITLE
    assert texts(ws, 2) == ["单位", "数据条数", "案件数", None, "执法人员", "人均办案率", "在线考试"]
    assert texts(ws, 3) == [None, None, "实际案件数", "测试案件数", None, None, None]
    assert texts(ws, 4) == list(CASES_ROWS[0])
    assert ws["C5"].value == 4 and ws["D5"].value == 288
    assert {"C2:D2", "A2:A3", "B2:B3", "E2:E3", "F2:F3", "G2:G3", "A1:G1"} <= merged(ws)
    assert ws.print_title_rows == "$2:$3"
    assert ws.freeze_panes == "A4"
    for row in (2, 3):
        for cell in ws[row]:
            if not isinstance(cell, MergedCell):    # openpyxl reads those as the range's edge
                assert cell.border.left.style == "thin" and cell.font.b
    assert ws["D2"].border.right.style == ws["D2"].border.top.style == "thin"
    assert ws["A8"].value == CASES_NOTES[0] and ws["A9"].value == CASES_NOTES[1]
    assert ws["A10"].value == f"内容摘要（SHA-256）：{result.sha256}"
    assert ws.page_setup.orientation == "portrait"


def test_signatures_are_listed_one_a_line(tmp_path: Path) -> None:
    form = seed_form("review", REVIEW_ROWS, signatures=SIGNATURES)
    _, ws = write(tmp_path, form)
    lines = [ws.cell(r, 1).value for r in range(1, ws.max_row + 1)]
    assert ("审核（第 1 版台账）：马文斌（法制审核）  签署时间 2024-06-30 11:05  "
            "密钥指纹 7F3A-19C2-BB04-6E5D  签名有效") in lines
    assert ("单位盖章：才让东周（负责人）  签署时间 2024-06-30 16:40  "
            "密钥指纹 0C9E-55A1-2D7B-F318  已过期（签署后内容有改动）") in lines
    assert lines[-1].startswith("内容摘要（SHA-256）：")


def test_digest_is_that_of_the_form(tmp_path: Path) -> None:
    form = seed_form("review", REVIEW_ROWS, signatures=SIGNATURES)
    result, _ = write(tmp_path, form)
    assert result.sha256 == digest_of(seed_form("review", REVIEW_ROWS, signatures=SIGNATURES))
    assert len(result.sha256) == 64
    # the signature block is covered too: another status prints another digest
    assert result.sha256 != digest_of(seed_form("review", REVIEW_ROWS))
    other = seed_form("review", [REVIEW_ROWS[0][:-1] + ("改过",)])
    assert xlsx_export.write_form(other, tmp_path / "b.xlsx").sha256 != result.sha256


def test_zero_rows(tmp_path: Path) -> None:
    result, ws = write(tmp_path, seed_form("checklist", []))
    assert result.rows == 0
    assert texts(ws, 3) == [c.header for c in LAYOUTS["checklist"].columns]
    assert ws["A5"].value == LAYOUTS["checklist"].footer[0]
    assert result.sha256 == digest_of(seed_form("checklist", []))


def test_sheet_title_is_a_valid_sheet_name() -> None:
    assert xlsx_export.sheet_title("a/b\\c?d*e[f]g:h：") == "abcdefgh"
    assert len(xlsx_export.sheet_title("长" * 40)) == 31
    assert xlsx_export.sheet_title("'/'") == "Sheet1"


def many(count: int) -> Iterator[tuple[Any, ...]]:
    for i in range(1, count + 1):
        yield (i, "执法不规范", f"第 {i} 条问题的具体表现", "整改措施", "法制科", "2024-08-31", "")


def leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir())


def test_progress_every_500_rows(tmp_path: Path) -> None:
    calls: list[tuple[int, int]] = []
    form = seed_form("checklist", [], rows=many(1200), row_count=1200)
    result = xlsx_export.write_form(form, tmp_path / "p.xlsx",
                                    progress=lambda d, t: calls.append((d, t)))
    assert result.rows == 1200
    assert calls == [(0, 1200), (500, 1200), (1000, 1200), (1200, 1200)]
    unknown: list[tuple[int, int]] = []
    xlsx_export.write_form(seed_form("checklist", [], rows=many(600), row_count=None),
                           tmp_path / "q.xlsx", progress=lambda d, t: unknown.append((d, t)))
    assert unknown == [(0, 0), (500, 0), (600, 0)]


def test_cancel_removes_the_partial_file(tmp_path: Path) -> None:
    from openpyxl.worksheet import _writer
    target = tmp_path / "out.xlsx"
    target.write_bytes(b"the earlier export")
    temp_files = list(_writer.ALL_TEMP_FILES)
    asked = []

    def cancelled() -> bool:
        asked.append(1)
        return len(asked) >= 2

    form = seed_form("checklist", [], rows=many(5000), row_count=5000)
    with pytest.raises(ExportCancelled):
        xlsx_export.write_form(form, target, cancelled=cancelled)
    assert len(asked) == 2                                  # asked at 500 and 1000 rows
    assert leftovers(tmp_path) == ["out.xlsx"]
    assert target.read_bytes() == b"the earlier export"
    assert all(not os.path.exists(p) for p in _writer.ALL_TEMP_FILES if p not in temp_files)


def test_a_folder_that_cannot_be_written(tmp_path: Path) -> None:
    if os.geteuid() == 0:       # root writes anywhere: a "folder" that is a file does it
        (tmp_path / "U盘").write_bytes(b"")
        target = tmp_path / "U盘" / "台账.xlsx"
    else:
        folder = tmp_path / "U盘"
        folder.mkdir()
        folder.chmod(stat.S_IRUSR | stat.S_IXUSR)
        target = folder / "台账.xlsx"
    rows = many(10)
    with pytest.raises(FileWriteFailed) as info:
        xlsx_export.write_form(seed_form("checklist", [], rows=rows), target)
    assert f"无法写入文件“{target}”" in str(info.value)
    assert "没有写入任何内容" in str(info.value)
    assert next(rows)[0] == 1       # refused before reading a row
    assert not target.exists()
    if os.geteuid() != 0:
        assert leftovers(target.parent) == []


def test_a_full_disk(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    target = tmp_path / "out.xlsx"
    target.write_bytes(b"the earlier export")

    def full(_fd: int) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(xlsx_export.os, "fsync", full)
    with pytest.raises(DiskFull) as info:
        xlsx_export.write_form(seed_form("checklist", CHECKLIST_ROWS), target)
    assert "磁盘空间已满" in str(info.value)
    assert leftovers(tmp_path) == ["out.xlsx"]
    assert target.read_bytes() == b"the earlier export"


def test_a_failing_row_source_leaves_nothing(tmp_path: Path) -> None:
    def rows() -> Iterator[tuple[Any, ...]]:
        yield from many(3)
        raise RuntimeError("the database went away")

    with pytest.raises(RuntimeError):
        xlsx_export.write_form(seed_form("checklist", [], rows=rows()), tmp_path / "x.xlsx")
    assert leftovers(tmp_path) == []


def test_row_heights_follow_the_wrapped_text() -> None:
    assert xlsx_export.text_lines("一二三四五", 20) == 1
    assert xlsx_export.text_lines("一" * 40, 20) == 5
    assert xlsx_export.text_lines("a\nb\nc", 20) == 3
    assert xlsx_export.text_lines("x" * 100, 20) == 6
    assert xlsx_export.row_height(2) > xlsx_export.row_height(1) >= 15
