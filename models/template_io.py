"""Templates in and out: one Excel layout a clerk can edit in Excel or WPS, and JSON.

The workbook (described for users in docs/templates.md) has three sheets the reader needs —

* 模板信息: one field a row, its name in column A and its value in column B (模板类型, 模板编号,
  模板名称, 版本, 发布单位, 发布日期, 说明, 示例模板; for a review standard also 优秀分数线, 合格分数线,
  低于合格分数线须复核, 评定等次不一致须复核);
* 分组: a header row 分组 | 对应问题类别 | 分值 (分值: review standards), then one group a row, in order;
* 条目: a header row 分组 | 编号 | 内容 | 要点说明 | 印证资料 | 否决项 | 分值 | 每处扣分 (the last three:
  review standards), then one item a row, in order —

and a 填写说明 sheet it ignores. Header names may come in any column order and with the aliases
below; an empty 分组 cell in 条目 (or a merged one) means the group of the row above. Everything a
reader finds wrong is reported with its sheet, row and column (models.template_check.build).
"""
from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from . import template_check, templates
from .errors import FieldLedgerError
from .i18n import QT_TRANSLATE_NOOP
from .xlsx_read import FileReadError, merged_fill, open_workbook
from .permissions import operation
from .session import Session
from .store import Changes
from .template_check import Cell, Issue, Loc, Raw, RawSection, TemplateInvalid, cell_text
from .templates import ITEM_LABELS, META_LABELS, SECTION_LABELS, Template
from .xlsx_forms import normalize

INFO_SHEET, SECTIONS_SHEET, ITEMS_SHEET, HELP_SHEET = "模板信息", "分组", "条目", "填写说明"
SHEET_ALIASES = {INFO_SHEET: ("模板信息", "基本信息", "信息"),
                 SECTIONS_SHEET: ("分组", "阶段", "评查阶段", "检查方面"),
                 ITEMS_SHEET: ("条目", "检查条目", "评查条目", "评查项目", "检查项目")}
META_ALIASES = {"kind": ("类型", "模板种类"), "code": ("编号",), "name": ("名称", "标准名称"),
                "version": ("版本号",), "issuer": ("发布机关", "制定单位", "印发单位"),
                "issued_date": ("印发日期", "发布时间"), "note": ("备注",),
                "example": ("示例",), "excellent": ("优秀线", "优秀"), "passing": ("合格线", "合格")}
SECTION_ALIASES = {"name": ("分组名称", "阶段", "评查阶段", "检查方面", "方面"),
                   "category": ("问题类别", "问题方面"), "points": ("阶段分值", "标准分", "分数")}
ITEM_ALIASES = {"section": ("分组名称", "阶段", "评查阶段", "检查方面", "方面"),
                "code": ("序号", "条目编号"), "text": ("检查内容", "评查内容", "条目内容"),
                "guidance": ("检查要点", "评查要点", "扣分说明"),
                "evidence": ("查验资料", "佐证材料"), "veto": ("是否否决项",),
                "points": ("最高扣分", "标准分"), "step": ("每次扣分", "扣分步长")}
REVIEW_ONLY = ("veto", "points", "step")
HELP = (
    "本工作簿是执法台账的模板文件，可在 Excel 或 WPS 中修改后导入；导入时内容有变化即成为新版本，已填写的记录仍按原版本保存。",
    "“模板信息”表：A 列是项目名称，B 列填内容。模板类型填“自查清单”或“案卷评查标准”；模板编号相同的模板视为同一模板的不同版本。",
    ("“分组”表：每行一个分组，按顺序排列。自查清单的分组对应专项行动的问题类别（对应问题类别为空时按分组名称对应）；"
     "评查标准的分组是评查阶段，须填写分值，只有否决项的分组不填分值。"),
    "“条目”表：每行一个条目，按顺序排列；分组须是“分组”表中的名称，留空表示与上一行同组；编号在模板内不能重复。",
    ("评查标准的条目：否决项填“是”（一经认定案卷即为不合格、得 0 分，不填分值）；其他条目填分值（该条目最多扣的分）"
     "和每处扣分（每发现一处扣的分，留空表示扣全分）。每个分组最多扣到 0 分为止（扣完为止）。"),
    "分数线：合格分数线须低于优秀分数线，且都不超过满分（各分组分值之和）。",
)


class TemplateFileError(FieldLedgerError):
    template = QT_TRANSLATE_NOOP(
        "errors", "“{name}”不是模板文件：只能导入 Excel 工作簿（.xlsx）或 JSON（.json）格式的模板。")


# --- JSON -----------------------------------------------------------------------------------------

def to_json(tpl: Template) -> str:
    return json.dumps(tpl.to_dict(), ensure_ascii=False, indent=2) + "\n"


def read_json(path: Path) -> Template:
    try:
        text = path.read_text(encoding="utf-8-sig")
    except OSError as exc:
        raise FileReadError(name=path.name, reason=exc.strerror or str(exc)) from None
    except UnicodeDecodeError:
        raise TemplateFileError(name=path.name) from None
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise TemplateInvalid([Issue(Loc("JSON"), QT_TRANSLATE_NOOP(
            "errors", "不是有效的 JSON：第 {line} 行第 {column} 列附近有错。"),
            {"line": exc.lineno, "column": exc.colno})]) from None
    return template_check.from_dict(data)


# --- xlsx: reading --------------------------------------------------------------------------------

def _find_sheet(wb: Any, name: str) -> Any:
    wanted = {normalize(a) for a in SHEET_ALIASES[name]}
    return next((ws for ws in wb.worksheets if normalize(ws.title) in wanted), None)


def _names(labels: dict[str, str], aliases: dict[str, tuple[str, ...]]) -> dict[str, str]:
    out: dict[str, str] = {}
    for key, label in labels.items():
        for name in (label, *aliases.get(key, ())):
            out.setdefault(normalize(name).strip("*"), key)
    return out


def _letter(col: int) -> str:
    from openpyxl.utils import get_column_letter
    return get_column_letter(col)


def _read_info(ws: Any) -> dict[str, Cell]:
    names = _names(META_LABELS, META_ALIASES)
    found: dict[str, Cell] = {}
    for r, row in enumerate(ws.iter_rows(min_row=1, max_row=60, max_col=2, values_only=True), 1):
        key = names.get(normalize(cell_text(row[0] if row else None)).strip("*"))
        if key and key not in found:
            found[key] = Cell(row[1] if len(row) > 1 else None,
                              Loc(META_LABELS[key], ws.title, r, "B"))
    return {key: found.get(key, Cell(None, Loc(label, ws.title)))
            for key, label in META_LABELS.items()}


def _read_table(ws: Any, labels: dict[str, str], aliases: dict[str, tuple[str, ...]],
                required: tuple[str, ...], issues: list[Issue]
                ) -> tuple[dict[str, int], list[tuple[int, dict[str, Cell]]]]:
    """(key -> column, [(row, {key: Cell})]) of a sheet with one header row (in its first 10
    rows); missing required columns are issues (and no rows are read)."""
    names = _names(labels, aliases)
    best: tuple[int, int, dict[str, int]] = (0, 1, {})
    for r, row in enumerate(ws.iter_rows(min_row=1, max_row=10, values_only=True), 1):
        columns: dict[str, int] = {}
        for c, value in enumerate(row, 1):
            key = names.get(normalize(cell_text(value)).strip("*"))
            if key and key not in columns:
                columns[key] = c
        if len(columns) > best[0]:
            best = (len(columns), r, columns)
    _n, header_row, columns = best
    missing = [labels[k] for k in required if k not in columns]
    if missing:
        issues.append(Issue(Loc("", ws.title, header_row), QT_TRANSLATE_NOOP(
            "errors", "表头缺少栏目：{missing}。"), {"missing": "、".join(missing)}))
        return columns, []
    merged = merged_fill(ws)
    rows: list[tuple[int, dict[str, Cell]]] = []
    for r, row in enumerate(ws.iter_rows(min_row=header_row + 1, values_only=True), header_row + 1):
        cells: dict[str, Cell] = {}
        for key, label in labels.items():
            col = columns.get(key)
            value = None
            if col is not None:
                value = merged[(r, col)][0] if (r, col) in merged else \
                    (row[col - 1] if col <= len(row) else None)
            cells[key] = Cell(value, Loc(label, ws.title, r, _letter(col) if col else ""))
        if any(cell_text(c.value) for c in cells.values()):
            rows.append((r, cells))
    return columns, rows


def read_xlsx(path: Path) -> Template:
    """Read a template workbook (see the module doc); raise TemplateInvalid listing every
    problem with sheet, row and column."""
    wb = open_workbook(path)
    try:
        issues: list[Issue] = []
        sheets = {name: _find_sheet(wb, name) for name in SHEET_ALIASES}
        for name, ws in sheets.items():
            if ws is None:
                issues.append(Issue(Loc("", name), QT_TRANSLATE_NOOP(
                    "errors", "工作簿中没有这个工作表（模板须有“模板信息”“分组”“条目”三个工作表）。"), {}))
        if issues:
            raise TemplateInvalid(issues)
        meta = _read_info(sheets[INFO_SHEET])
        review = template_check._kind(meta["kind"], []) == "case_review"
        _cols, section_rows = _read_table(sheets[SECTIONS_SHEET], SECTION_LABELS,
                                          SECTION_ALIASES,
                                          ("name", "points") if review else ("name",), issues)
        sections: list[RawSection] = []
        by_name: dict[str, RawSection] = {}
        for _r, cells in section_rows:
            rs = RawSection(cells, [])
            sections.append(rs)
            by_name.setdefault(cell_text(cells["name"].value), rs)
        required = ("section", "code", "text") + (("points",) if review else ())
        _cols, item_rows = _read_table(sheets[ITEMS_SHEET], ITEM_LABELS, ITEM_ALIASES, required,
                                       issues)
        if issues:      # a header lacks columns: what follows would only repeat it
            raise TemplateInvalid(issues)
        current: RawSection | None = None
        for _r, cells in item_rows:
            name = cell_text(cells["section"].value)
            if name and name in by_name and not any(
                    cell_text(c.value) for k, c in cells.items() if k != "section"):
                current = by_name[name]     # a row naming only the group: a heading
                continue
            if name:
                current = by_name.get(name)
                if current is None:
                    issues.append(Issue(cells["section"].loc, QT_TRANSLATE_NOOP(
                        "errors", "分组“{name}”不在“分组”工作表中：请先在“分组”表添加这一行。"),
                        {"name": name}))
                    continue
            elif current is None:
                issues.append(Issue(cells["section"].loc, QT_TRANSLATE_NOOP(
                    "errors", "不能为空。"), {}))
                continue
            current.items.append({k: c for k, c in cells.items() if k != "section"})
        return template_check.build(Raw(meta, sections, issues))
    finally:
        wb.close()


def read_file(path: str | Path) -> Template:
    """A template from an .xlsx or .json file (chosen by its first bytes)."""
    path = Path(path)
    try:
        with path.open("rb") as fh:
            head = fh.read(4)
    except OSError as exc:
        raise FileReadError(name=path.name, reason=exc.strerror or str(exc)) from None
    if head.startswith((b"PK", b"\xd0\xcf\x11\xe0")):
        return read_xlsx(path)
    if path.suffix.lower() == ".json" or head.lstrip(b"\xef\xbb\xbf \r\n\t").startswith(b"{"):
        return read_json(path)
    raise TemplateFileError(name=path.name)


# --- xlsx: writing --------------------------------------------------------------------------------

def _flag(value: bool) -> str:
    return "是" if value else "否"


def write_xlsx(tpl: Template, path: Path) -> None:
    """Write ``tpl`` in the layout :func:`read_xlsx` reads (with drop-downs and a 填写说明 sheet)."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.worksheet.datavalidation import DataValidation

    review = tpl.kind == "case_review"
    num = templates._num
    wb = Workbook()
    bold = Font(bold=True)
    fill = PatternFill("solid", fgColor="DDEBF7")
    wrap = Alignment(wrap_text=True, vertical="top")

    def sheet(ws: Any, header: list[str], rows: list[list[Any]], widths: list[float]) -> None:
        ws.append(header)
        for j, width in enumerate(widths, 1):
            ws.cell(1, j).font = bold
            ws.cell(1, j).fill = fill
            ws.column_dimensions[_letter(j)].width = width
        for values in rows:
            ws.append(values)
        for row in ws.iter_rows(min_row=2):
            for cell in row:
                cell.alignment = wrap
                if isinstance(cell.value, str):
                    cell.number_format = "@"
        ws.freeze_panes = "A2"

    info = wb.active
    info.title = INFO_SHEET
    meta: list[tuple[str, Any, str]] = [
        ("kind", templates.KINDS[tpl.kind], "自查清单 或 案卷评查标准"),
        ("code", tpl.code, "同一模板的各个版本用同一编号"),
        ("name", tpl.name, ""), ("version", tpl.version, "如 2024版"),
        ("issuer", tpl.issuer, ""), ("issued_date", tpl.issued_date or "", "如 2024-03-01"),
        ("note", tpl.note, ""), ("example", _flag(tpl.example), "是：内置示例，请按本单位实际修改")]
    if review:
        meta += [("excellent", num(tpl.excellent), "得分不低于此分为优秀"),
                 ("passing", num(tpl.passing), "得分不低于此分为合格，低于为不合格"),
                 ("recheck_below_pass", _flag(tpl.recheck_below_pass), "是 / 否"),
                 ("recheck_on_disagreement", _flag(tpl.recheck_on_disagreement), "是 / 否")]
    sheet(info, ["项目", "内容", "填写说明"],
          [[META_LABELS[k], v, hint] for k, v, hint in meta], [24, 60, 36])
    yes_no = DataValidation(type="list", formula1='"是,否"', allow_blank=True)
    kinds = DataValidation(type="list", formula1='"' + ",".join(templates.KINDS.values()) + '"')
    info.add_data_validation(kinds)
    info.add_data_validation(yes_no)
    kinds.add("B2")
    for r, (key, _v, _h) in enumerate(meta, 2):
        if key in ("example", "recheck_below_pass", "recheck_on_disagreement"):
            yes_no.add(f"B{r}")

    sec_header = [SECTION_LABELS["name"], SECTION_LABELS["category"]]
    sheet(wb.create_sheet(SECTIONS_SHEET),
          sec_header + ([SECTION_LABELS["points"]] if review else []),
          [[s.name, s.category] + ([num(s.points)] if review else []) for s in tpl.sections],
          [24, 24, 10])

    keys = ["section", "code", "text", "guidance", "evidence"]
    keys += list(REVIEW_ONLY) if review else []
    rows = []
    for s, i in tpl.items():
        row = [s.name, i.code, i.text, i.guidance, i.evidence]
        if review:
            row += ["是" if i.veto else "", num(i.points), num(i.step)]
        rows.append(row)
    items = wb.create_sheet(ITEMS_SHEET)
    sheet(items, [ITEM_LABELS[k] for k in keys], rows, [18, 8, 48, 40, 28, 8, 8, 10][:len(keys)])
    if review:
        veto = DataValidation(type="list", formula1='"是,否"', allow_blank=True)
        items.add_data_validation(veto)
        veto.add("F2:F1000")

    help_ws = wb.create_sheet(HELP_SHEET)
    help_ws.column_dimensions["A"].width = 110
    for line in HELP:
        help_ws.append([line])
        help_ws.cell(help_ws.max_row, 1).alignment = Alignment(wrap_text=True)
    wb.save(path)


# --- operations -----------------------------------------------------------------------------------

@operation("template.manage")
def import_template(session: Session, path: str | Path) -> Changes:
    """Read a template file (xlsx or JSON) and install it as a new version; empty Changes when
    that content is installed already. Nothing is stored when the file has any problem."""
    path = Path(path)
    tpl = read_file(path)
    with session.store.write(session.actor) as w:
        templates._install(w, session, tpl, path.name)
    return w.changes


@operation("template.read")
def export_template(session: Session, template_id: int, path: str | Path) -> str:
    """Write a stored version to ``path``: JSON when it ends in .json, else the Excel layout.
    Returns the path written."""
    path = Path(path)
    tpl = templates.load_template(session.store.conn, template_id)
    try:
        if path.suffix.lower() == ".json":
            path.write_text(to_json(tpl), encoding="utf-8")
        else:
            write_xlsx(tpl, path)
    except OSError as exc:
        raise FileReadError(name=path.name, reason=exc.strerror or str(exc)) from None
    return str(path)
