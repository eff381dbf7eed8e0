"""Import of the ledgers units already keep in Excel (专项整治问题清单, “回头看”清查评估台账).

Two steps, so that nothing is stored until the user has seen it:

1. :func:`preview_file` reads the workbook and returns an :class:`ImportPreview`: every data row as
   it will be stored, with its state — ``new``, ``duplicate`` (already in the ledger, skipped) or
   ``error`` (with Chinese messages naming the column and the fix) — and warnings that do not stop
   the row (an unknown responsible person, a merged cell, “长期坚持” as a deadline).
2. :func:`import_rows` stores the ``new`` rows of a preview in ONE transaction (all or nothing),
   each with a 登记 event and a ``problem_imports`` row recording file, sheet and row.

A row is a duplicate when a row with the same content (its fingerprint: layout and every read
cell except 序号) was imported into the same campaign and unit before, or when the campaign and
unit already hold a problem with the same 问题方面, 存在问题 and 具体表现, or when an earlier row of
the same file has the same fingerprint. So importing a file twice, or an edited copy with a few
rows added, stores each problem once.

How the forms' columns become ledger fields (see models.xlsx_forms for the layouts):

* 问题清单: 存在问题 → 存在问题, and its 问题方面 is the campaign category it names (the notice says
  存在问题 is one of the eight aspects; “运动式执法问题：……” names 运动式执法); a 问题方面 column is
  read when a unit added one. 具体表现, 整改措施, 备注 as they are; 责任部门(人) → a person of the
  unit named in it becomes the 责任人, the rest is the 责任部门; 整改时限 → a date. Rows are 待整改.
* 回头看: 问题方面 → category, 问题表现 → 存在问题, 整改完成情况, 是否取得预期成效 (是/否),
  是否出现反弹 (是/否), 反弹问题整改措施和完成情况, 责任人签字 → 责任人. The row's state follows the
  evaluation: a rebound is 反弹; effective and no rebound is 已销号 when the importer may verify
  (验收销号), else 已整改（待验收） for a chief to verify; not effective is 整改中.
"""
from __future__ import annotations

import hashlib
import logging
import re
from pathlib import Path
from typing import Any, Callable, NamedTuple

from . import problems, xlsx_forms
from .cell_values import (OPEN_ENDED, looks_like_name, match_category,  # noqa: F401 - re-exported
                          parse_deadline, parse_yes_no)
from .errors import Cancelled, FieldLedgerError, NotFound, ValidationError
from .i18n import QT_TRANSLATE_NOOP
from .permissions import PERMISSIONS, operation
from .session import Session, now_text, own_unit_id
from .store import Changes
from .xlsx_forms import Layout, normalize
from .xlsx_read import (MAX_FILE_BYTES, FileReadError, FileTooLarge, ImportFileError,  # noqa: F401 - re-exported
                        NotAWorkbook, OldFormat, cell_text, merged_fill, open_workbook, read_bytes)

log = logging.getLogger(__name__)

#: How far down a sheet the header row is looked for.
HEADER_SEARCH_ROWS = 30
#: Rows whose first text starts with one of these are the form's footer, not problems.
FOOTER_LABELS = ("填报人", "审核人", "联系人", "联系电话", "注:", "说明:", "制表人", "单位负责人",
                 "负责人签字", "填表人")
_SEPARATORS = " ,，、/;；:：()（）-—\t\n"


class Note(NamedTuple):
    """A message about a row or the file: ``error`` stops the row, ``warning`` does not."""
    level: str
    template: str
    params: dict[str, Any]

    def text(self, translate: Callable[[str], str] | None = None) -> str:
        return FieldLedgerError(self.template, **self.params).message(translate)


class ImportRow(NamedTuple):
    sheet: str
    row_no: int                 # as Excel numbers it (1-based)
    layout: str
    key: str                    # the row's fingerprint (see module docstring)
    values: dict[str, Any]      # problems columns as they will be stored, incl. status
    person_name: str            # the 责任人 found, for display ('' if none)
    state: str                  # 'new' | 'duplicate' | 'error'
    notes: tuple[Note, ...]


class ImportPreview(NamedTuple):
    path: str
    file_name: str
    file_sha256: str
    campaign_id: int | None
    unit_id: int
    layouts: tuple[str, ...]    # keys of the layouts found, in sheet order
    sheets: tuple[str, ...]
    unit_text: str              # what the form's 填报单位 line says ('' if nothing)
    rows: tuple[ImportRow, ...]
    notes: tuple[Note, ...]     # about the file as a whole

    def count(self, state: str) -> int:
        return sum(1 for r in self.rows if r.state == state)


# --- errors about the file as a whole ------------------------------------------------------------

class NoHeader(ImportFileError):
    template = QT_TRANSLATE_NOOP(
        "errors", "在“{name}”中没有找到台账的表头。\n请使用通知附件的格式，表头一行为：\n"
        "问题清单：{checklist}\n回头看台账：{review}\n可以先导出空白表格，把内容复制进去再导入。")


class MissingColumns(ImportFileError):
    template = QT_TRANSLATE_NOOP(
        "errors", "工作表“{sheet}”第 {row} 行的表头缺少必需的栏目：{missing}。\n"
        "请按通知附件的格式补上这一列后再导入。")


class StaleRows(ImportFileError):
    template = QT_TRANSLATE_NOOP(
        "errors", "导入前发现其中 {n} 行已在台账中（可能刚被导入过）。请重新预览后再导入；本次未保存任何内容。")


# --- reading the workbook ------------------------------------------------------------------------

class _Header(NamedTuple):
    row: int
    layout: Layout
    columns: dict[str, int]     # field -> 1-based column
    unknown: list[str]          # non-empty header cells the layout does not know


_HEADER_NAMES: dict[str, tuple[dict[str, str], set[str]]] = {}


def _layout_headers(layout: Layout) -> tuple[dict[str, str], set[str]]:
    """(normalized header or alias -> field, the normalized main headers) of ``layout``, made once:
    every data row is compared with the headers (a header repeated on each printed page)."""
    found = _HEADER_NAMES.get(layout.key)
    if found is None:
        found = _HEADER_NAMES[layout.key] = (xlsx_forms.header_names(layout),
                                             {normalize(c.header) for c in layout.columns})
    return found


def _match_header(cells: list[str]) -> tuple[int, _Header | None, list[str]]:
    """Best layout for one row's texts: (score, header if every required column is there,
    missing required headers of the best partial match)."""
    best: tuple[int, _Header | None, list[str]] = (0, None, [])
    for layout in xlsx_forms.LAYOUTS.values():
        names, mains = _layout_headers(layout)
        columns: dict[str, int] = {}
        unknown: list[str] = []
        score = 0
        for col, text in enumerate(cells, 1):
            norm = normalize(text)
            if not norm:
                continue
            field = names.get(norm)
            if field is None or field in columns:
                unknown.append(text)
                continue
            columns[field] = col
            score += 2 if norm in mains else 1
        missing = [c.header for c in layout.columns
                   if c.field in layout.required and c.field not in columns]
        if score > best[0]:
            header = _Header(0, layout, columns, unknown) if not missing else None
            best = (score, header, missing)
    return best


def _find_headers(wb: Any, name: str) -> list[tuple[Any, _Header]]:
    found: list[tuple[Any, _Header]] = []
    near: tuple[int, str, int, list[str]] | None = None
    for ws in wb.worksheets:
        for r, row in enumerate(ws.iter_rows(min_row=1, max_row=HEADER_SEARCH_ROWS,
                                             values_only=True), 1):
            cells = [cell_text(v) for v in row]
            score, header, missing = _match_header(cells)
            if header is not None and score >= 5:
                found.append((ws, header._replace(row=r)))
                break
            if missing and score >= 4 and (near is None or score > near[0]):
                near = (score, ws.title, r, missing)
    if found:
        return found
    if near is not None:
        raise MissingColumns(sheet=near[1], row=near[2], missing="、".join(near[3]))
    raise NoHeader(name=name,
                   checklist=" ".join(c.header for c in xlsx_forms.CHECKLIST.columns),
                   review=" ".join(c.header for c in xlsx_forms.REVIEW.columns))


def _unit_line(ws: Any, header_row: int) -> str:
    """The unit named on the form's 填报单位 / 单位（公章） line above the header, if any."""
    for row in ws.iter_rows(min_row=1, max_row=header_row - 1, values_only=True):
        for value in row:
            text = normalize(cell_text(value))
            for label in ("填报单位(盖章)", "填报单位", "单位(公章)", "单位"):
                if text.startswith(label):
                    rest = text[len(label):].lstrip(":")
                    if rest:
                        return rest
                    break   # the label of a blank form: “单位(公章)” is not a unit “(公章)”
    return ""


# --- reading one row -----------------------------------------------------------------------------

class _Context(NamedTuple):
    session: Session
    campaign_id: int | None
    categories: list[str]
    people: list[tuple[str, int]]       # (name, id), longest name first
    default_category: str | None
    default_year: int | None
    can_verify: bool


def _find_person(ctx: _Context, text: str) -> tuple[int | None, str]:
    for name, pid in ctx.people:
        if name and name in text:
            return pid, name
    return None, ""


def _row_values(ctx: _Context, layout: Layout, cells: dict[str, Any]
                ) -> tuple[dict[str, Any], str, list[Note]]:
    """Ledger values of one row, the 责任人's name, and the notes (errors and warnings)."""
    notes: list[Note] = []
    text = {k: cell_text(v) for k, v in cells.items()}
    values: dict[str, Any] = {}
    person_name = ""

    def err(exc: FieldLedgerError) -> None:
        notes.append(Note("error", exc.template, exc.params))

    issue = text.get("issue", "")
    manifestation = text.get("manifestation", "")
    if len(issue) > 500:
        manifestation = f"{issue}\n{manifestation}" if manifestation else issue
        issue = issue[:499] + "…"
        notes.append(Note("warning", QT_TRANSLATE_NOOP(
            "errors", "“存在问题”超过 500 字：已截短，完整内容放入“具体表现”。"), {}))
    values["issue"] = issue
    if manifestation:
        values["manifestation"] = manifestation
    for field in ("measures", "remarks", "completion", "rebound_measures"):
        if text.get(field):
            values[field] = text[field]

    # 问题方面
    raw_cat = text.get("category", "")
    source_text = raw_cat or (issue if layout.key == "checklist" else "")
    category = match_category(source_text, ctx.categories) if ctx.categories else raw_cat or None
    if category is None and ctx.categories:
        if ctx.default_category:
            category = ctx.default_category
            if source_text:
                notes.append(Note("warning", QT_TRANSLATE_NOOP(
                    "errors", "“{value}”不是本专项行动的问题类别，已归入“{category}”。"),
                    {"value": source_text[:40], "category": category}))
        elif source_text:
            notes.append(Note("error", QT_TRANSLATE_NOOP(
                "errors", "问题类别无法识别：“{value}”。本专项行动的问题类别为：{choices}。"),
                {"value": source_text[:40], "choices": "、".join(ctx.categories)}))
        elif layout.key == "review" or "category" in cells:  # else: 缺少“存在问题” below
            notes.append(Note("error", QT_TRANSLATE_NOOP("errors", "缺少“问题方面”。"), {}))
    if category is None and not ctx.categories and not raw_cat:
        category = ctx.default_category or ("其他" if layout.key == "checklist" else None)
        if category is None:
            notes.append(Note("error", QT_TRANSLATE_NOOP("errors", "缺少“问题方面”。"), {}))
    if category is not None:
        values["category"] = category

    # 责任部门(人) / 责任人签字
    resp = text.get("responsible", "")
    if resp:
        pid, person_name = _find_person(ctx, resp)
        if pid is not None:
            values["responsible_person_id"] = pid
        if layout.key == "checklist":
            dept = resp.replace(person_name, " ") if person_name else resp
            dept = dept.strip(_SEPARATORS)
            dept = re.sub(r"[、,，/;；\s]+$", "", dept)
            if dept:
                values["responsible_dept"] = dept
        if pid is None and (layout.key == "review" or looks_like_name(resp)):
            notes.append(Note("warning", QT_TRANSLATE_NOOP(
                "errors", "“{name}”不在本单位人员名单中，未关联责任人（可在人员管理中添加后再指定）。"),
                {"name": resp[:20]}))
            if layout.key == "review":
                values["remarks"] = _join(values.get("remarks", ""), f"责任人签字：{resp}")

    # 整改时限
    if "deadline" in cells:
        try:
            deadline, words = parse_deadline(cells["deadline"], ctx.default_year)
            if deadline:
                values["deadline"] = deadline
            if words:
                values["remarks"] = _join(values.get("remarks", ""), f"整改时限：{words}")
                notes.append(Note("warning", QT_TRANSLATE_NOOP(
                    "errors", "整改时限为“{value}”：不设日期，原文记入备注。"), {"value": words}))
        except ValidationError as exc:
            err(exc)

    # 回头看: evaluation -> state
    status = "open"
    rebound = 0
    if layout.key == "review":
        effective = rebound_flag = ""
        try:
            effective = parse_yes_no(cells.get("effective"), "是否取得预期成效")
        except ValidationError as exc:
            err(exc)
        try:
            rebound_flag = parse_yes_no(cells.get("rebound"), "是否出现反弹")
        except ValidationError as exc:
            err(exc)
        values["effective"] = effective
        if rebound_flag == "yes":
            status, rebound = "rebound", 1
        elif effective == "yes":
            status = "closed" if ctx.can_verify else "rectified"
        elif effective == "no":
            status = "in_progress"
        elif values.get("completion"):
            status = "rectified"

    # the core's own checks, field by field so that every problem of the row is reported
    checked: dict[str, Any] = {}
    for field, value in values.items():
        if field == "issue" and not issue:
            continue    # reported once below, under the form's own name of the column
        try:
            checked.update(problems._values(ctx.session, {field: value},
                                            campaign_id=ctx.campaign_id, partial=True))
        except (ValidationError, NotFound) as exc:
            if field != "category" or not any(n.level == "error" for n in notes):
                err(exc)
    if not issue:
        notes.append(Note("error", QT_TRANSLATE_NOOP("errors", "缺少“{field}”。"),
                          {"field": "问题表现" if layout.key == "review" else "存在问题"}))
    checked["status"] = status
    checked["rebound"] = rebound
    return checked, person_name, notes


def _join(a: str, b: str) -> str:
    return f"{a}；{b}" if a else b


def _fingerprint(layout: Layout, cells: dict[str, Any]) -> str:
    parts = [layout.key] + [f"{k}={cell_text(cells[k])}" for k in sorted(cells) if k != "seq"]
    return hashlib.sha256("\x1f".join(parts).encode("utf-8")).hexdigest()


def _context(session: Session, campaign_id: int | None,
             default_category: str | None) -> tuple[_Context, int]:
    store = session.store
    default_year = None
    if campaign_id is not None:
        row = store.conn.execute("SELECT start_date, end_date FROM campaigns WHERE id = ?",
                                 (campaign_id,)).fetchone()
        if row is None:
            raise NotFound(what="专项行动", key=campaign_id)
        when = row[1] or row[0]
        default_year = int(when[:4]) if when else None
    categories = [r[0] for r in store.conn.execute(
        "SELECT name FROM campaign_categories WHERE campaign_id IS ? ORDER BY position",
        (campaign_id,))]
    unit = own_unit_id(store)
    if unit is None:
        raise NotFound(what="单位", key="")
    people = sorted(((r[0], r[1]) for r in store.conn.execute(
        "SELECT name, id FROM people WHERE unit_id = ? ORDER BY active DESC, id", (unit,))),
        key=lambda p: -len(p[0]))
    if default_category is not None and categories and default_category not in categories:
        raise ValidationError(QT_TRANSLATE_NOOP(
            "errors", "“{name}”不是本专项行动的问题类别。可选：{choices}。"),
            name=default_category, choices="、".join(categories))
    can_verify = bool(session.roles & PERMISSIONS["problem.verify"].roles)
    return _Context(session, campaign_id, categories, people, default_category, default_year,
                    can_verify), unit


def _known(session: Session, campaign_id: int | None, unit: int
           ) -> tuple[set[str], set[tuple[str, str, str]]]:
    conn = session.store.conn
    keys = {r[0] for r in conn.execute(
        "SELECT row_key FROM problem_imports WHERE campaign_id IS ? AND unit_id = ?",
        (campaign_id, unit))}
    content: set[tuple[str, str, str]] = set()
    for category, issue, manifestation in conn.execute(
            "SELECT category, issue, manifestation FROM problems WHERE campaign_id IS ?"
            " AND unit_id = ?", (campaign_id, unit)):
        content.add((category, issue, manifestation))
        # as FieldLedger's own 问题清单 export prints 存在问题 (models.form_data): re-importing
        # an exported form finds the problems it came from
        content.add((category, f"{category}：{issue}", manifestation))
    return keys, content


def _is_footer(cells: list[str]) -> bool:
    first = next((c for c in cells if c), "")
    return normalize(first).startswith(_FOOTER_NORMALIZED)


_FOOTER_NORMALIZED = tuple(normalize(label) for label in FOOTER_LABELS)


@operation("problem.edit")
def preview_file(session: Session, path: str | Path, campaign_id: int | None, *,
                 default_category: str | None = None,
                 progress: Callable[[int, int], None] | None = None,
                 cancelled: Callable[[], bool] | None = None) -> ImportPreview:
    """Read ``path`` (xlsx, either form, any number of sheets) into a preview; store nothing.

    ``default_category`` is used for rows whose 问题方面 cannot be recognised (a warning instead
    of an error). Raises an :class:`ImportFileError` when the file is not a readable workbook or
    has no sheet with one of the forms' headers; :class:`Cancelled` when ``cancelled()`` turns true.
    """
    path = Path(path)
    ctx, unit = _context(session, campaign_id, default_category)
    data = read_bytes(path)
    sha = hashlib.sha256(data).hexdigest()
    wb = open_workbook(path)
    try:
        headers = _find_headers(wb, path.name)
        keys, content = _known(session, campaign_id, unit)
        total = sum(max(ws.max_row - h.row, 0) for ws, h in headers)
        done = 0
        rows: list[ImportRow] = []
        file_notes: list[Note] = []
        seen: dict[str, int] = {}
        unit_text = ""
        for ws, header in headers:
            unit_text = unit_text or _unit_line(ws, header.row)
            for name in header.unknown:
                file_notes.append(Note("warning", QT_TRANSLATE_NOOP(
                    "errors", "工作表“{sheet}”的栏目“{name}”不属于该表格式，其内容不导入。"),
                    {"sheet": ws.title, "name": name}))
            merged = merged_fill(ws)
            for r, row in enumerate(ws.iter_rows(min_row=header.row + 1, values_only=True),
                                    header.row + 1):
                done += 1
                if progress is not None and done % 200 == 0:
                    progress(done, total)
                if cancelled is not None and done % 200 == 0 and cancelled():
                    raise Cancelled()
                texts = [cell_text(v) for v in row]
                if not any(texts[c - 1] for c in header.columns.values() if c <= len(texts)) \
                        and not any((r, c) in merged for c in header.columns.values()):
                    continue
                if _is_footer(texts):
                    continue
                if _match_header(texts)[1] is not None:  # the header repeated (printed pages)
                    continue
                cells: dict[str, Any] = {}
                notes: list[Note] = []
                wide: list[str] = []
                for field, col in header.columns.items():
                    value = row[col - 1] if col <= len(row) else None
                    if (r, col) in merged:
                        value, width = merged[(r, col)]
                        if width > 1:
                            wide.append(_column_letter(col))
                    cells[field] = value
                if all(cell_text(v) == "" for k, v in cells.items() if k != "seq"):
                    continue    # only a 序号 (a blank numbered row of the form)
                if wide:
                    notes.append(Note("warning", QT_TRANSLATE_NOOP(
                        "errors", "第 {columns} 列是横向合并的单元格：内容只读入第一列。"),
                        {"columns": "、".join(wide)}))
                values, person, row_notes = _row_values(ctx, header.layout, cells)
                notes.extend(row_notes)
                key = _fingerprint(header.layout, cells)
                same = (values.get("category"), values.get("issue"),
                        values.get("manifestation", ""))
                if key in keys or same in content:
                    state = "duplicate"
                    notes.insert(0, Note("warning", QT_TRANSLATE_NOOP(
                        "errors", "台账中已有这个问题（以前导入或登记过），跳过。"), {}))
                elif key in seen:
                    state = "duplicate"
                    notes.insert(0, Note("warning", QT_TRANSLATE_NOOP(
                        "errors", "与本文件第 {row} 行相同，跳过。"), {"row": seen[key]}))
                elif any(n.level == "error" for n in notes):
                    state = "error"
                else:
                    state = "new"
                seen.setdefault(key, r)
                rows.append(ImportRow(ws.title, r, header.layout.key, key, values, person,
                                      state, tuple(notes)))
        if progress is not None:
            progress(total, total)
        own = session.store.conn.execute("SELECT name FROM units WHERE id = ?",
                                         (unit,)).fetchone()[0]
        if unit_text and normalize(own) not in unit_text and unit_text not in normalize(own):
            file_notes.append(Note("warning", QT_TRANSLATE_NOOP(
                "errors", "表中的填报单位“{found}”与本单位“{own}”不同：问题将记入本单位。"),
                {"found": unit_text, "own": own}))
        return ImportPreview(str(path), path.name, sha, campaign_id, unit,
                             tuple(h.layout.key for _ws, h in headers),
                             tuple(ws.title for ws, _h in headers), unit_text, tuple(rows),
                             tuple(file_notes))
    finally:
        wb.close()


def _column_letter(col: int) -> str:
    from openpyxl.utils import get_column_letter
    return get_column_letter(col)


@operation("problem.edit")
def import_rows(session: Session, preview: ImportPreview, *,
                progress: Callable[[int, int], None] | None = None,
                cancelled: Callable[[], bool] | None = None) -> Changes:
    """Store the ``new`` rows of ``preview`` in one transaction; 序号 continue the campaign's.

    Rows found in the ledger meanwhile make the whole import stop (:class:`StaleRows`) rather than
    store a duplicate. A row to be 已销号 needs 验收销号 (else it is stored 已整改（待验收）).
    Cancelling rolls everything back.
    """
    rows = [r for r in preview.rows if r.state == "new"]
    can_verify = bool(session.roles & PERMISSIONS["problem.verify"].roles)
    if preview.campaign_id is not None and not session.store.conn.execute(
            "SELECT 1 FROM campaigns WHERE id = ?", (preview.campaign_id,)).fetchone():
        raise NotFound(what="专项行动", key=preview.campaign_id)
    stamp = now_text()
    note = f"从 Excel 导入：{preview.file_name}"
    with session.store.write(session.actor) as w:
        keys, content = _known(session, preview.campaign_id, preview.unit_id)
        stale = sum(1 for r in rows if r.key in keys or (
            r.values.get("category"), r.values.get("issue"),
            r.values.get("manifestation", "")) in content)
        if stale:
            raise StaleRows(n=stale)
        seq = problems.next_seq_no(w.conn, preview.campaign_id, preview.unit_id) - 1
        for i, r in enumerate(rows, 1):
            if cancelled is not None and i % 100 == 0 and cancelled():
                raise Cancelled()
            values = dict(r.values)
            if values["status"] == "closed" and not can_verify:
                values["status"] = "rectified"
            seq += 1
            pid = w.insert("problems", {
                **values, "campaign_id": preview.campaign_id, "unit_id": preview.unit_id,
                "seq_no": seq, "closed_at": stamp if values["status"] == "closed" else None,
                "created_at": stamp, "updated_at": stamp})
            w.insert("problem_events", {
                "problem_id": pid, "ts": stamp, "account_id": session.account_id,
                "from_status": None, "to_status": values["status"],
                "note": f"{note}（{r.sheet} 第 {r.row_no} 行）"})
            w.insert("problem_imports", {
                "problem_id": pid, "campaign_id": preview.campaign_id,
                "unit_id": preview.unit_id, "layout": r.layout, "row_key": r.key,
                "file_name": preview.file_name, "file_sha256": preview.file_sha256,
                "sheet": r.sheet, "row_no": r.row_no, "account_id": session.account_id,
                "imported_at": stamp})
            if progress is not None and i % 100 == 0:
                progress(i, len(rows))
        if progress is not None:
            progress(len(rows), len(rows))
    return w.changes
