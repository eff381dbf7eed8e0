"""The case-file register (案卷登记) and its Excel import.

A case file is a closed case to be reviewed (models.casereviews): 案卷编号 (unique), 案件类型
(行政处罚 / 行政强制 / 行政检查 / 行政许可), 执法门类, 案由, 当事人, 执法人员, 是否重大案件, 办案机构,
结案时间 and a note. It belongs to a unit: the registered unit its 办案机构 names, else the own unit
(办案机构 keeps the text as written). Review results (state, final score and grade) are kept on the
file by the review operations.

The Excel list (docs/templates.md) is one sheet with one header row holding the column names of
:data:`COLUMNS` (aliases allowed, any order, title lines above allowed); import is two steps like
the ledger import: :func:`preview_case_files` reads every row into what it would store, with a state
(将导入 / 已登记 / 有错误) and Chinese messages; :func:`import_case_files` stores the new rows in one
transaction.
"""
from __future__ import annotations

from pathlib import Path
from typing import Any, NamedTuple

from . import validate
from .cell_values import parse_deadline
from .errors import FieldLedgerError, NotFound, ValidationError
from .i18n import QT_TRANSLATE_NOOP
from .ledger_import import MissingColumns, Note
from .permissions import operation
from .session import Session, now_text, own_unit_id
from .store import Changes
from .xlsx_forms import normalize
from .xlsx_read import cell_text, open_workbook

CASE_TYPES: dict[str, str] = {"penalty": QT_TRANSLATE_NOOP("casefiles", "行政处罚"),
                              "coercion": QT_TRANSLATE_NOOP("casefiles", "行政强制"),
                              "inspection": QT_TRANSLATE_NOOP("casefiles", "行政检查"),
                              "license": QT_TRANSLATE_NOOP("casefiles", "行政许可")}


class Column(NamedTuple):
    header: str
    field: str
    width: float
    aliases: tuple[str, ...] = ()


#: The columns of the case-file list, in the order a blank list is written.
COLUMNS = (
    Column("案卷编号", "case_no", 26, ("案号", "卷宗编号", "案件编号", "案卷号")),
    Column("案件类型", "case_type", 12, ("案卷类型", "类型", "执法类型")),
    Column("执法门类", "domain", 12, ("门类", "执法领域", "业务门类")),
    Column("案由", "cause", 30, ("案件名称", "违法行为")),
    Column("当事人", "party", 20, ("当事人名称", "行政相对人", "相对人")),
    Column("执法人员", "officers", 18, ("承办人", "承办人员", "办案人员", "办案人")),
    Column("是否重大案件", "major", 10, ("重大案件", "是否重大")),
    Column("办案机构", "agency", 24, ("办案单位", "承办机构", "承办单位")),
    Column("结案时间", "closed_date", 14, ("结案日期", "办结日期", "办结时间")),
    Column("备注", "note", 20, ("说明",)),
)
REQUIRED_COLUMNS = ("case_no", "case_type", "cause")
_HEADERS = {normalize(name): c.field for c in COLUMNS for name in (c.header, *c.aliases)}
_LABELS = {c.field: c.header for c in COLUMNS}


def _major(value: Any) -> int:
    if isinstance(value, bool):
        return int(value)
    text = normalize(cell_text(value)).lower()
    if text in ("", "否", "0", "no", "n", "×", "一般", "一般案件", "false"):
        return 0
    if text in ("是", "1", "yes", "y", "√", "重大", "重大案件", "true"):
        return 1
    raise ValidationError(QT_TRANSLATE_NOOP("errors", "“{field}”应填“是”或“否”，而不是：{value}。"),
                          field="是否重大案件", value=cell_text(value))


def _case_type(value: Any) -> str:
    text = normalize(cell_text(value))
    for key, label in CASE_TYPES.items():
        if text in (key, label, label[2:]):     # 行政处罚, or 处罚
            return key
    raise ValidationError(QT_TRANSLATE_NOOP(
        "errors", "“案件类型”应为 行政处罚、行政强制、行政检查、行政许可 之一，而不是：{value}。"),
        value=cell_text(value))


def _closed_date(value: Any) -> str | None:
    if value in (None, ""):
        return None
    try:
        day, words = parse_deadline(value, None)
    except ValidationError:
        day, words = None, "?"
    if words or day is None:
        raise ValidationError(QT_TRANSLATE_NOOP(
            "errors", "“结案时间”不是日期：{value}（应为 2024-05-12、2024/5/12 或 2024年5月12日）。"),
            value=cell_text(value))
    return day


def _values(data: dict[str, Any], *, partial: bool) -> dict[str, Any]:
    """Checked columns from ``data`` (only the keys given when ``partial``)."""
    unknown = sorted(set(data) - set(_LABELS) - {"unit_id"})
    if unknown:
        raise TypeError(f"unknown case-file fields: {', '.join(unknown)}")
    out: dict[str, Any] = {}
    for field, label, required, limit in (
            ("case_no", "案卷编号", True, 60), ("domain", "执法门类", False, 40),
            ("cause", "案由", True, 200), ("party", "当事人", False, 200),
            ("officers", "执法人员", False, 200), ("agency", "办案机构", False, 100),
            ("note", "备注", False, 2000)):
        if field in data or (required and not partial):
            out[field] = validate.text(cell_text(data.get(field)), label, required=required,
                                       limit=limit)
    if "case_type" in data or not partial:
        out["case_type"] = _case_type(data.get("case_type"))
    if "major" in data:
        out["major"] = _major(data["major"])
    if "closed_date" in data:
        out["closed_date"] = _closed_date(data["closed_date"])
    return out


def _unit_for(session: Session, agency: str, unit_id: Any = None) -> int:
    """The unit a case file belongs to: ``unit_id`` when given, else the registered unit its
    办案机构 names, else the own unit."""
    conn = session.store.conn
    if unit_id not in (None, ""):
        if not conn.execute("SELECT 1 FROM units WHERE id = ?", (unit_id,)).fetchone():
            raise NotFound(what="单位", key=unit_id)
        return int(unit_id)
    if agency:
        wanted = normalize(agency)
        for uid, name in conn.execute("SELECT id, name FROM units ORDER BY id"):
            if normalize(name) == wanted:
                return int(uid)
    unit = own_unit_id(session.store)
    if unit is None:
        raise NotFound(what="单位", key="")
    return unit


def _check_free(session: Session, case_no: str, case_id: int | None) -> None:
    row = session.store.conn.execute("SELECT id FROM case_files WHERE case_no = ?",
                                     (case_no,)).fetchone()
    if row and row[0] != case_id:
        raise ValidationError(QT_TRANSLATE_NOOP("errors", "案卷编号“{case_no}”已登记。"),
                              case_no=case_no)


@operation("casefile.manage")
def add_case_file(session: Session, **fields: Any) -> Changes:
    """Register a closed case file (see the module doc for the fields)."""
    values = _values(fields, partial=False)
    unit = _unit_for(session, values.get("agency", ""), fields.get("unit_id"))
    _check_free(session, values["case_no"], None)
    stamp = now_text()
    with session.store.write(session.actor) as w:
        w.insert("case_files", {**values, "unit_id": unit, "account_id": session.account_id,
                                "created_at": stamp, "updated_at": stamp})
    return w.changes


@operation("casefile.manage")
def update_case_file(session: Session, case_file_id: int, **fields: Any) -> Changes:
    """Change a registered file's fields (its review results are the reviews' business)."""
    get = session.store.query("SELECT * FROM case_files WHERE id = ?", (case_file_id,))
    if not get:
        raise NotFound(what="案卷", key=case_file_id)
    values = _values(fields, partial=True)
    if "case_no" in values:
        _check_free(session, values["case_no"], case_file_id)
    if "unit_id" in fields:
        values["unit_id"] = _unit_for(session, "", fields["unit_id"])
    elif "agency" in values and values["agency"] != get[0]["agency"]:
        values["unit_id"] = _unit_for(session, values["agency"])   # as when registered
    with session.store.write(session.actor) as w:
        if w.update("case_files", case_file_id, values):
            w.update("case_files", case_file_id, {"updated_at": now_text()})
    return w.changes


@operation("casefile.manage")
def delete_case_file(session: Session, case_file_id: int) -> Changes:
    """Remove a file registered by mistake; one that has been reviewed stays."""
    conn = session.store.conn
    row = conn.execute("SELECT case_no FROM case_files WHERE id = ?", (case_file_id,)).fetchone()
    if row is None:
        raise NotFound(what="案卷", key=case_file_id)
    with session.store.write(session.actor) as w:
        if conn.execute("SELECT 1 FROM case_reviews WHERE case_file_id = ?",
                        (case_file_id,)).fetchone():
            raise ValidationError(QT_TRANSLATE_NOOP(
                "errors", "案卷“{case_no}”已有评查记录，不能删除。"), case_no=row[0])
        w.delete("case_files", case_file_id)
    return w.changes


@operation("casefile.read")
def list_case_files(session: Session, *, unit_id: int | None = None, state: str | None = None,
                    date_from: str | None = None, date_to: str | None = None
                    ) -> list[dict[str, Any]]:
    """Registered files, latest 结案时间 first, with their unit's name; filters by unit, review
    state and 结案时间 range (ISO dates, inclusive)."""
    return session.store.query(
        "SELECT c.*, u.name AS unit_name FROM case_files c JOIN units u ON u.id = c.unit_id"
        " WHERE (:u IS NULL OR c.unit_id = :u) AND (:s IS NULL OR c.review_state = :s)"
        " AND (:f IS NULL OR c.closed_date >= :f) AND (:t IS NULL OR c.closed_date <= :t)"
        " ORDER BY coalesce(c.closed_date, '') DESC, c.id DESC",
        {"u": unit_id, "s": state, "f": date_from, "t": date_to})


# --- the Excel list -------------------------------------------------------------------------------

class CaseImportRow(NamedTuple):
    sheet: str
    row_no: int
    values: dict[str, Any]      # case_files columns as they will be stored (unit_id included)
    state: str                  # 'new' | 'duplicate' | 'error'
    notes: tuple[Note, ...]


class CaseImportPreview(NamedTuple):
    path: str
    file_name: str
    sheet: str
    rows: tuple[CaseImportRow, ...]

    def count(self, state: str) -> int:
        return sum(1 for r in self.rows if r.state == state)


class NoCaseHeader(FieldLedgerError):
    template = QT_TRANSLATE_NOOP(
        "errors", "在“{name}”中没有找到案卷清单的表头。\n表头一行应包含：{columns}\n"
        "（案卷编号、案件类型、案由三列必须有）。可以先导出空白清单，把内容复制进去再导入。")


def _header(wb: Any, name: str) -> tuple[Any, int, dict[str, int]]:
    """(sheet, header row, field -> 1-based column) of the first sheet holding the list."""
    near: tuple[str, int, list[str]] | None = None
    for ws in wb.worksheets:
        for r, row in enumerate(ws.iter_rows(min_row=1, max_row=15, values_only=True), 1):
            columns: dict[str, int] = {}
            for c, value in enumerate(row, 1):
                field = _HEADERS.get(normalize(cell_text(value)))
                if field and field not in columns:
                    columns[field] = c
            missing = [_LABELS[f] for f in REQUIRED_COLUMNS if f not in columns]
            if not missing:
                return ws, r, columns
            if len(columns) >= 2 and (near is None or len(missing) < len(near[2])):
                near = (ws.title, r, missing)
    if near is not None:
        raise MissingColumns(sheet=near[0], row=near[1], missing="、".join(near[2]))
    raise NoCaseHeader(name=name, columns=" ".join(c.header for c in COLUMNS))


@operation("casefile.manage")
def preview_case_files(session: Session, path: str | Path) -> CaseImportPreview:
    """Read a case-file list (xlsx) into a preview; store nothing. Row problems are notes of
    the row (error: not imported); a 案卷编号 already registered, or repeated in the file, is
    skipped."""
    path = Path(path)
    wb = open_workbook(path)
    try:
        ws, header_row, columns = _header(wb, path.name)
        known = {r[0] for r in session.store.conn.execute("SELECT case_no FROM case_files")}
        seen: dict[str, int] = {}
        rows: list[CaseImportRow] = []
        for r, row in enumerate(ws.iter_rows(min_row=header_row + 1, values_only=True),
                                header_row + 1):
            cells = {f: (row[c - 1] if c <= len(row) else None) for f, c in columns.items()}
            if not any(cell_text(v) for v in cells.values()):
                continue
            notes: list[Note] = []
            values: dict[str, Any] = {}
            for field, value in cells.items():
                if not cell_text(value):
                    if field in REQUIRED_COLUMNS:
                        notes.append(Note("error", QT_TRANSLATE_NOOP("errors", "缺少“{field}”。"),
                                          {"field": _LABELS[field]}))
                    continue
                try:
                    values.update(_values({field: value}, partial=True))
                except ValidationError as exc:
                    notes.append(Note("error", exc.template, exc.params))
            values["unit_id"] = _unit_for(session, values.get("agency", ""))
            case_no = values.get("case_no", "")
            if case_no in known:
                state = "duplicate"
                notes.insert(0, Note("warning", QT_TRANSLATE_NOOP(
                    "errors", "案卷编号“{case_no}”已登记，跳过。"), {"case_no": case_no}))
            elif case_no and case_no in seen:
                state = "duplicate"
                notes.insert(0, Note("warning", QT_TRANSLATE_NOOP(
                    "errors", "与本文件第 {row} 行的案卷编号相同，跳过。"), {"row": seen[case_no]}))
            else:
                state = "error" if any(n.level == "error" for n in notes) else "new"
            if case_no:
                seen.setdefault(case_no, r)
            rows.append(CaseImportRow(ws.title, r, values, state, tuple(notes)))
        return CaseImportPreview(str(path), path.name, ws.title, tuple(rows))
    finally:
        wb.close()


@operation("casefile.manage")
def import_case_files(session: Session, preview: CaseImportPreview) -> Changes:
    """Store the new rows of a preview in one transaction (all or none)."""
    rows = [r for r in preview.rows if r.state == "new"]
    stamp = now_text()
    with session.store.write(session.actor) as w:
        for r in rows:
            _check_free(session, r.values["case_no"], None)
            w.insert("case_files", {**r.values, "source": preview.file_name[:200],
                                    "account_id": session.account_id, "created_at": stamp,
                                    "updated_at": stamp})
    return w.changes


def write_blank(path: Path, rows: list[list[Any]] | None = None) -> None:
    """An empty case-file list (header row, column widths, a 是/否 and a 案件类型 drop-down),
    with ``rows`` filled in when given."""
    from openpyxl import Workbook
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.datavalidation import DataValidation

    wb = Workbook()
    ws = wb.active
    ws.title = "案卷清单"
    ws.append([c.header for c in COLUMNS])
    for j, col in enumerate(COLUMNS, 1):
        ws.cell(1, j).font = Font(bold=True)
        ws.column_dimensions[get_column_letter(j)].width = col.width
    for values in rows or []:
        ws.append(values)
    types = DataValidation(type="list", formula1='"' + ",".join(CASE_TYPES.values()) + '"',
                           allow_blank=True)
    yes_no = DataValidation(type="list", formula1='"是,否"', allow_blank=True)
    ws.add_data_validation(types)
    ws.add_data_validation(yes_no)
    types.add("B2:B2000")
    yes_no.add("G2:G2000")
    ws.freeze_panes = "A2"
    wb.save(path)
