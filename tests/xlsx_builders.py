"""Workbooks filled in the way units fill in the two forms of the campaign notice (襄交〔2024〕127号,
附件1 “回头看”清查评估台账 and 附件2 专项整治问题清单), written with openpyxl as real .xlsx files.

Not a test module itself. A form is laid out as the notice prints it: the title merged across the
columns, the unit line, the date line, the header row, the data rows, the numbered blank rows a
unit leaves at the end, an empty row, the footer lines and (问题清单) the 注 line merged across.
"""
from __future__ import annotations

from pathlib import Path
from typing import Any, NamedTuple, Sequence

from openpyxl import Workbook
from openpyxl.utils import get_column_letter

UNIT = "玛沁县大武超限检测站"


class Form(NamedTuple):
    title: str
    lines: tuple[str, ...]
    header: tuple[str, ...]
    footer: tuple[str, ...]
    note: str


CHECKLIST = Form(
    title="交通运输领域突出问题专项整治问题清单",
    lines=(f"单 位 (公 章) : {UNIT}", "2024 年 6 月 28 日"),
    header=("序号", "存在问题", "具体表现", "整改措施", "责任部门(人)", "整改时限", "备注"),
    footer=("填 报 人: 王丽",),
    note="注: 存在问题包括治超联合执法机制落实不到位、运动式执法问题、“一刀切”执法问题、简单粗暴执法问题、"
         "野蛮执法问题、机械执法问题、逐利执法问题以及其他问题。",
)

REVIEW = Form(
    title="2023 年自查整改工作“回头看”清查评估台账",
    lines=(f"填报单位（盖章）：{UNIT}", "填报时间： 2024 年 6 月 28 日"),
    header=("序号", "问题方面", "问题表现", "整改完成情况", "是否取得预期成效", "是否出现反弹",
            "反弹问题整改措施和完成情况", "责任人签字"),
    footer=("审核人：马文斌", "联系人：王丽", "联系电话：0975-8381200"),
    note="",
)

FORMS = {"checklist": CHECKLIST, "review": REVIEW}

#: A row that is written exactly as given (no 序号 added): a repeated header, a footer line...
class Raw(NamedTuple):
    cells: tuple[Any, ...]


def new_workbook(*, write_only: bool = False) -> Workbook:
    """An empty workbook (without its default sheet)."""
    wb = Workbook(write_only=write_only)
    if not write_only:
        wb.remove(wb.active)
    return wb


def _merge(ws: Any, ref: str) -> None:
    if hasattr(ws, "merge_cells"):
        ws.merge_cells(ref)
    else:  # a write-only sheet: the range is written with the sheet
        ws.merged_cells.add(ref)


def add_form(wb: Workbook, layout: str, rows: Sequence[Sequence[Any] | Raw], *,
             sheet: str | None = None, header: Sequence[str] | None = None,
             lines: Sequence[str] | None = None, blank_rows: int = 3,
             footer: bool = True) -> Any:
    """Add a sheet holding the form ``layout`` ("checklist" or "review") with ``rows``.

    Each row gives the cells after 序号 and is numbered 1, 2, ... in order; an empty row is
    written empty (no 序号); a :class:`Raw` row is written as it is. ``blank_rows`` numbered
    rows with nothing else follow the data. ``header`` and ``lines`` replace the form's own.
    Returns the sheet; the header is on row ``len(lines) + 2``.
    """
    form = FORMS[layout]
    ws = wb.create_sheet(sheet or layout)
    head = tuple(form.header if header is None else header)
    last = get_column_letter(len(head))
    ws.append([form.title])
    _merge(ws, f"A1:{last}1")
    for line in form.lines if lines is None else lines:
        ws.append([line])
    ws.append(list(head))
    seq = 0
    for row in rows:
        if isinstance(row, Raw):
            ws.append(list(row.cells))
        elif not row:
            ws.append([])
        else:
            seq += 1
            ws.append([seq, *row])
    for _ in range(blank_rows):
        seq += 1
        ws.append([seq])
    if footer:
        ws.append([])
        for line in form.footer:
            ws.append([line])
        if form.note:
            ws.append([form.note])
            note_row = len(form.lines if lines is None else lines) + 3 + len(rows) + blank_rows \
                + 1 + len(form.footer)
            _merge(ws, f"A{note_row}:{last}{note_row}")
    return ws


def write_form(path: Path, layout: str, rows: Sequence[Sequence[Any] | Raw], **kwargs: Any
               ) -> Path:
    """A workbook with one sheet holding the form (see :func:`add_form`), saved to ``path``."""
    wb = new_workbook()
    add_form(wb, layout, rows, **kwargs)
    wb.save(path)
    return path
