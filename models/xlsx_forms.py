"""The official spreadsheet forms of the ledger, as the campaign notices print them.

Seed 001 (襄交〔2024〕127号) gives two attachments that units keep in Excel and report upward:

* 附件1 《2023年自查整改工作“回头看”清查评估台账》 — a title, “填报单位（盖章）：”, “填报时间：
  年 月 日”, one header row 序号 问题方面 问题表现 整改完成情况 是否取得预期成效 是否出现反弹
  反弹问题整改措施和完成情况 责任人签字, and 审核人 / 联系人 / 联系电话 below;
* 附件2 《交通运输领域突出问题专项整治问题清单》 — a title, “单 位 (公 章) :”, a date line, one
  header row 序号 存在问题 具体表现 整改措施 责任部门(人) 整改时限 备注, 填报人 and a 注 below.

:data:`LAYOUTS` describes both once, for reading (models.ledger_import) and for writing a blank
form a unit can fill in (:func:`write_blank`). Header cells are compared after :func:`normalize`,
so 全角/半角 brackets, spaces inside a header and line breaks do not matter.
"""
from __future__ import annotations

import re
import unicodedata
from pathlib import Path
from typing import NamedTuple

from .i18n import QT_TRANSLATE_NOOP


class Column(NamedTuple):
    header: str             # as printed on the form
    field: str              # what it is read into (see models.ledger_import)
    width: float            # column width when a blank form is written
    aliases: tuple[str, ...] = ()   # other headers units use for the same column


class Layout(NamedTuple):
    key: str
    name: str               # shown to the user (translatable, context "xlsx")
    title: str              # the form's title row
    lines: tuple[str, ...]  # the lines between title and header (unit, date)
    columns: tuple[Column, ...]
    required: tuple[str, ...]   # fields whose column must be present
    footer: tuple[str, ...]     # the lines below the table
    note: str = ""


CHECKLIST = Layout(
    key="checklist",
    name=QT_TRANSLATE_NOOP("xlsx", "专项整治问题清单"),
    title="交通运输领域突出问题专项整治问题清单",
    lines=("单 位 (公 章) :", "年    月    日"),
    columns=(
        Column("序号", "seq", 6, ("编号",)),
        Column("存在问题", "issue", 22, ("问题", "存在的问题")),
        Column("具体表现", "manifestation", 36, ("问题表现", "表现")),
        Column("整改措施", "measures", 36, ("整改举措",)),
        Column("责任部门(人)", "responsible", 16, ("责任部门", "责任人", "责任单位", "责任部门（人）",
                                               "责任单位(人)", "责任部门及责任人")),
        Column("整改时限", "deadline", 14, ("完成时限", "整改期限", "时限")),
        Column("备注", "remarks", 14),
    ),
    required=("issue",),
    footer=("填 报 人:",),
    note="注: 存在问题包括治超联合执法机制落实不到位、运动式执法问题、“一刀切”执法问题、简单粗暴执法问题、"
         "野蛮执法问题、机械执法问题、逐利执法问题以及其他问题。",
)

REVIEW = Layout(
    key="review",
    name=QT_TRANSLATE_NOOP("xlsx", "“回头看”清查评估台账"),
    title="2023 年自查整改工作“回头看”清查评估台账",
    lines=("填报单位（盖章）：", "填报时间：    年    月    日"),
    columns=(
        Column("序号", "seq", 6, ("编号",)),
        Column("问题方面", "category", 16, ("问题类别", "问题类型")),
        Column("问题表现", "issue", 34, ("具体表现", "存在问题")),
        Column("整改完成情况", "completion", 30, ("整改情况",)),
        Column("是否取得预期成效", "effective", 10, ("是否取得成效",)),
        Column("是否出现反弹", "rebound", 10, ("是否反弹",)),
        Column("反弹问题整改措施和完成情况", "rebound_measures", 30, ("反弹问题整改措施及完成情况",)),
        Column("责任人签字", "responsible", 12, ("责任人", "责任人签名")),
    ),
    required=("category", "issue"),
    footer=("审核人：", "联系人：", "联系电话："),
)

#: Both forms; a sheet is read with the one whose header it matches best.
LAYOUTS: dict[str, Layout] = {CHECKLIST.key: CHECKLIST, REVIEW.key: REVIEW}

#: Problems-table headers that some units add to the 问题清单 (read when present).
EXTRA_COLUMNS = (Column("问题方面", "category", 16, ("问题类别", "问题类型")),)

_SPACE = re.compile(r"\s+")


def normalize(text: object) -> str:
    """Header text folded for comparison: NFKC (全角 → 半角), no whitespace, no colon at the end."""
    out = unicodedata.normalize("NFKC", "" if text is None else str(text))
    return _SPACE.sub("", out).rstrip(":").replace("（", "(").replace("）", ")")


def header_names(layout: Layout) -> dict[str, str]:
    """Normalized header (and alias) -> field, for one layout."""
    out: dict[str, str] = {}
    for col in layout.columns + (EXTRA_COLUMNS if layout is CHECKLIST else ()):
        for name in (col.header, *col.aliases):
            out.setdefault(normalize(name), col.field)
    return out


def write_blank(path: Path, layout: Layout, *, unit_name: str = "", rows: int = 20) -> None:
    """Write the empty form to ``path`` (xlsx) as the notice prints it, ready to fill in and print:
    merged title, unit and date lines, a bordered header, ``rows`` numbered rows, the footer."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Border, Font, Side
    from openpyxl.utils import get_column_letter

    wb = Workbook()
    ws = wb.active
    ws.title = layout.title[:31].replace("“", "").replace("”", "")[:31]
    n = len(layout.columns)
    last = get_column_letter(n)
    ws.append([layout.title])
    ws.merge_cells(f"A1:{last}1")
    ws["A1"].font = Font(name="宋体", size=16, bold=True)
    ws["A1"].alignment = Alignment(horizontal="center", vertical="center")
    ws.row_dimensions[1].height = 32
    for i, line in enumerate(layout.lines, 2):
        if i == 2 and unit_name:
            line = f"{line}{unit_name}"
        ws.append([line])
        ws.merge_cells(f"A{i}:{last}{i}")
    thin = Side(style="thin")
    border = Border(left=thin, right=thin, top=thin, bottom=thin)
    header_row = len(layout.lines) + 2
    ws.append([c.header for c in layout.columns])
    for j, col in enumerate(layout.columns, 1):
        cell = ws.cell(header_row, j)
        cell.font = Font(name="黑体", bold=True)
        cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
        cell.border = border
        ws.column_dimensions[get_column_letter(j)].width = col.width
    for k in range(1, rows + 1):
        ws.append([k] + [None] * (n - 1))
        for j in range(1, n + 1):
            cell = ws.cell(header_row + k, j)
            cell.border = border
            cell.alignment = Alignment(vertical="center", wrap_text=True)
    ws.append([])
    for line in layout.footer:
        ws.append([line])
    if layout.note:
        ws.append([layout.note])
        r = ws.max_row
        ws.merge_cells(f"A{r}:{last}{r}")
        ws.cell(r, 1).alignment = Alignment(wrap_text=True)
        ws.row_dimensions[r].height = 45
    ws.print_title_rows = f"{header_row}:{header_row}"
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.freeze_panes = ws.cell(header_row + 1, 1)
    wb.save(path)
