"""Official forms written as Excel workbooks, streamed, ready to print.

:func:`write_form` writes a :class:`~models.forms.Form` as one sheet laid out like the form the
campaign notice prints:

* the title, merged across the table, 宋体 16 bold, centred;
* the header block on one row: ``header_left`` merged over the left half of the table,
  ``header_right`` over the right half and right-aligned (one of them alone spans the table;
  both empty: no row);
* the column headers, 黑体 bold, centred, wrapped, bordered; when a column has a ``group`` two
  rows: the group merged over its columns, every other header merged over both rows;
* the rows: bordered, wrapped, aligned to the top and as the column says; numbers stay numbers,
  text stays text (a text starting with ``=`` is never a formula);
* after an empty row, each footer line, note and signature (meaning, subject, who, role, time,
  key fingerprint, status) merged across the table, and ``内容摘要（SHA-256）：<hex>``.

Print settings: A4, landscape unless the form says otherwise, fit to the page width (as many
pages long as needed), the column header rows repeated on every page, frozen below them,
centred horizontally, page footer ``第 &P 页 共 &N 页``.

Rows are never counted in advance nor held: each is written to openpyxl's temporary sheet file
as it is read (write-only mode, strings inline, so no shared-string table grows), its height
estimated from its longest wrapped text (no program fits rows to wrapped text on opening a file
reliably, so a printed row would clip) and written with it; the styles are made once, and one
cell per column is refilled from row to row. Memory stays the same for 10,000 rows or 100,000,
and the time is that of bare openpyxl writing the same values (``bench/export.py``).

The file is written under a temporary name in the target folder, flushed to disk and renamed:
the target name never holds half a workbook. A cancelled export and a failed one leave nothing
behind.
"""
from __future__ import annotations

import functools
import math
import os
import re
import secrets
from collections.abc import Sequence
from pathlib import Path
from typing import Any, NamedTuple

from .files import remove_quietly as _remove, write_error as _write_error
from .forms import (
    Cancelled,
    ContentDigest,
    ExportCancelled,
    ExportResult,
    Form,
    Progress,
    SignatureLine,
)
from .logs import log

#: Rows written between two calls of ``progress`` and ``cancelled``.
PROGRESS_EVERY = 500
#: Excel's limits: characters in a cell, in a sheet name.
MAX_CELL_CHARS = 32_767
MAX_SHEET_TITLE = 31
MAX_ROW_HEIGHT = 409.0      # points

TITLE_FONT = ("宋体", 16)
BLOCK_FONT = ("宋体", 12)
HEAD_FONT = ("黑体", 11)
BODY_FONT = ("宋体", 11)
FOOTER_FONT = ("宋体", 12)
SMALL_FONT = ("宋体", 10)

DIGEST_LABEL = "内容摘要（SHA-256）："
PAGE_FOOTER = "第 &P 页 共 &N 页"
STATUS_TEXT = {"valid": "签名有效", "stale": "已过期（签署后内容有改动）", "invalid": "签名无效"}

_ILLEGAL = re.compile(r"[\000-\010\013\014\016-\037]")
_SHEET_FORBIDDEN = re.compile(r"[\\/?*\[\]:：？／＊［］]")


class Rows(NamedTuple):
    """Where the parts of a form's sheet are (1-based row numbers)."""

    block: int | None           # the header block row, None when the form has none
    head_top: int               # first column header row
    head_bottom: int            # last column header row (head_top + 1 with groups)
    first_body: int             # first data row


def layout(form: Form) -> Rows:
    """The row numbers of ``form``'s title, header block and column headers."""
    block = 2 if (form.header_left or form.header_right) else None
    head_top = 3 if block else 2
    head_bottom = head_top + (1 if any(c.group for c in form.columns) else 0)
    return Rows(block, head_top, head_bottom, head_bottom + 1)


def sheet_title(title: str) -> str:
    """``title`` as an Excel sheet name: without the characters Excel forbids, at most 31
    characters, never empty."""
    text = _SHEET_FORBIDDEN.sub("", _ILLEGAL.sub("", title)).strip().strip("'")
    return text[:MAX_SHEET_TITLE].strip().strip("'") or "Sheet1"


def signature_text(sig: SignatureLine) -> str:
    """One line of the signature list, as printed below the table."""
    meaning = f"{sig.meaning}（{sig.subject}）" if sig.subject else sig.meaning
    who = f"{sig.name}（{sig.role}）" if sig.role else sig.name
    status = STATUS_TEXT.get(sig.status, sig.status)
    return f"{meaning}：{who}  签署时间 {sig.signed_at}  密钥指纹 {sig.fingerprint}  {status}"


def text_units(text: str) -> float:
    """Roughly how wide ``text`` prints, in Excel character units at 11 points: about 2.1 for a
    Chinese character, 1.05 for a letter or digit (rather more than less, so that rows never
    clip). Counted from the UTF-8 length, which costs next to nothing per cell."""
    n = len(text)
    wide = (len(text.encode("utf-8")) - n) / 2     # a 3-byte character adds 2 bytes
    return 1.05 * (n + wide)


def text_lines(text: str, width: float, size: int = 11) -> int:
    """How many lines ``text`` wraps to in a cell ``width`` units wide, in ``size``-point type."""
    per_line = max(width - 0.8, 1.0) * 11 / size
    if "\n" not in text:
        return max(1, math.ceil(text_units(text) / per_line))
    return sum(max(1, math.ceil(text_units(part) / per_line)) for part in text.split("\n"))


def row_height(lines: int, size: int = 11) -> float:
    """The height in points of a row showing ``lines`` lines of ``size``-point type, at most
    Excel's limit (a longer text is cut off on paper, and whole in the cell)."""
    return min(round(lines * size * 1.3 + 4, 1), MAX_ROW_HEIGHT)


def _line_height(text: str, size: int, width: float) -> float | None:
    """A row height (points) that shows ``text`` wrapped within ``width`` units; None when one
    line at the default height will do."""
    lines = text_lines(text, width, size)
    return row_height(lines, size) if lines > 1 or size > 11 else None


def _text(value: str) -> str:
    if _ILLEGAL.search(value):
        value = _ILLEGAL.sub("", value)
    return value[:MAX_CELL_CHARS]


class _Styles:
    """The style arrays of the sheet's kinds of cell, made once per workbook."""

    def __init__(self, ws: Any, aligns: Sequence[str]) -> None:
        from openpyxl.cell import WriteOnlyCell
        from openpyxl.styles import Alignment, Border, Font, Side

        thin = Side(style="thin")
        box = Border(left=thin, right=thin, top=thin, bottom=thin)

        def make(font: tuple[str, int], bold: bool = False, border: bool = False,
                 **align: Any) -> Any:
            cell = WriteOnlyCell(ws)
            cell.font = Font(name=font[0], size=font[1], bold=bold)
            cell.alignment = Alignment(**align)
            if border:
                cell.border = box
            return cell._style

        self.title = make(TITLE_FONT, True, horizontal="center", vertical="center",
                          wrap_text=True)
        self.block_left = make(BLOCK_FONT, horizontal="left", vertical="center", wrap_text=True)
        self.block_right = make(BLOCK_FONT, horizontal="right", vertical="center",
                                wrap_text=True)
        self.head = make(HEAD_FONT, True, True, horizontal="center", vertical="center",
                         wrap_text=True)
        self.body = [make(BODY_FONT, False, True, horizontal=a if a in ("left", "center", "right")
                          else "left", vertical="top", wrap_text=True) for a in aligns]
        self.footer = make(FOOTER_FONT, horizontal="left", vertical="center", wrap_text=True)
        self.small = make(SMALL_FONT, horizontal="left", vertical="center", wrap_text=True)


@functools.cache
def _body_cell_class() -> type:
    """openpyxl's cell with its style id as a plain attribute, set once."""
    from openpyxl.cell.cell import Cell

    class BodyCell(Cell):
        __slots__ = ("style_id",)

    return BodyCell


class _RowStream:
    """The rows of a write-only sheet, written as they come.

    This is openpyxl's own write-only row loop (``WriteOnlyWorksheet._write_rows``, openpyxl
    3.1) fed with finished rows: cells already made, styled and placed, and the row's height.
    ``ws.append`` would bind every value again, make a new cell after each styled one and keep
    a row dimension object per row with a height; the form's rows need none of that. The sheet
    closes the stream when the workbook is saved, like its own.
    """

    def __init__(self, ws: Any) -> None:
        from openpyxl.cell._writer import write_cell

        self._write_cell = write_cell
        ws._get_writer()            # writes the sheet's start: views, column widths
        self._gen = self._run(ws)
        next(self._gen)
        ws._rows = self._gen

    def _run(self, ws: Any) -> Any:
        writer, write_cell = ws._writer, self._write_cell
        xf = writer.xf.send(True)
        with xf.element("sheetData"):
            try:
                while True:
                    index, cells, height = (yield)
                    attrs = {"r": str(index)}
                    if height:
                        attrs["ht"] = str(height)
                        attrs["customHeight"] = "1"
                    with xf.element("row", attrs):
                        for cell in cells:
                            cell.row = index
                            write_cell(xf, ws, cell, True)
            except GeneratorExit:
                pass
        writer.xf.send(None)

    def write(self, index: int, cells: Sequence[Any], height: float | None = None) -> None:
        self._gen.send((index, cells, height))


class _Sheet:
    """The write-only sheet being filled, with the helpers that write its parts in order."""

    def __init__(self, form: Form) -> None:
        os.environ.setdefault("OPENPYXL_LXML", "False")  # lxml would write 汉字 as &#NNNNN;
        from openpyxl import Workbook
        from openpyxl.cell import WriteOnlyCell

        self.form = form
        self.n = len(form.columns)
        self.rows = layout(form)
        self.widths = [max(c.width, 1) for c in form.columns]
        self.total_width = sum(self.widths)
        self.wb = Workbook(write_only=True)
        self.ws = self.wb.create_sheet(title=sheet_title(form.title))
        self.styles = _Styles(self.ws, [c.align for c in form.columns])
        self.row = 0            # the last row written
        self._cell = WriteOnlyCell
        # One cell per column, refilled for every data row (each row is written at once), whose
        # style id is looked up once rather than for every cell written.
        body_cell = _body_cell_class()
        self.body_cells = []
        for j, style in enumerate(self.styles.body, 1):
            cell = body_cell(self.ws, row=1, column=j)
            cell._style = style
            cell.style_id = self.wb._cell_styles.add(style)
            self.body_cells.append(cell)
        # How many text units fit on one line of each column (see text_lines).
        self.per_line = [max(w - 0.8, 1.0) for w in self.widths]
        self._setup()
        self.stream = _RowStream(self.ws)

    def _setup(self) -> None:
        from openpyxl.utils import get_column_letter
        from openpyxl.worksheet.page import PageMargins

        ws, form, rows = self.ws, self.form, self.rows
        for j, width in enumerate(self.widths, 1):
            ws.column_dimensions[get_column_letter(j)].width = width
        ws.freeze_panes = f"A{rows.first_body}"
        ws.print_title_rows = f"{rows.head_top}:{rows.head_bottom}"
        ws.sheet_properties.pageSetUpPr.fitToPage = True
        setup = ws.page_setup
        setup.paperSize = 9  # A4
        setup.orientation = "landscape" if form.landscape else "portrait"
        setup.fitToWidth = 1
        setup.fitToHeight = 0
        ws.print_options.horizontalCentered = True
        ws.page_margins = PageMargins(left=0.5, right=0.5, top=0.6, bottom=0.7, header=0.3,
                                      footer=0.3)
        ws.oddFooter.center.text = PAGE_FOOTER
        ws.oddFooter.center.size = 10

    def cell(self, text: str | None, style: Any, column: int) -> Any:
        """A new styled text cell in ``column`` (None: an empty one that still shows its
        borders)."""
        cell = self._cell(self.ws)
        cell._style = style
        cell.column = column
        if text:
            cell._value = _text(text)
            cell.data_type = "s"
        return cell

    def append(self, cells: list[Any], height: float | None = None) -> int:
        """Write the next row; its number."""
        self.row += 1
        self.stream.write(self.row, cells, height)
        return self.row

    def merge(self, first_col: int, first_row: int, last_col: int, last_row: int) -> None:
        from openpyxl.worksheet.cell_range import CellRange
        if (first_col, first_row) != (last_col, last_row):
            # straight into the set: MultiCellRange.add first scans every range merged so far,
            # which made thousands of merged lines (one per signature) quadratic
            self.ws.merged_cells.ranges.add(CellRange(min_col=first_col, min_row=first_row,
                                                      max_col=last_col, max_row=last_row))

    def line(self, text: str, style: Any, size: int) -> None:
        """A line of text merged across the table (footer, note, signature, digest)."""
        row = self.append([self.cell(text, style, 1)],
                          _line_height(text, size, self.total_width))
        self.merge(1, row, self.n, row)

    # --- the parts above the rows ---------------------------------------------------------------

    def top(self) -> None:
        form, st, n = self.form, self.styles, self.n
        title_height = _line_height(form.title, TITLE_FONT[1], self.total_width) or 30
        self.append([self.cell(form.title, st.title, 1)], max(title_height, 30))
        self.merge(1, 1, n, 1)
        if self.rows.block:
            self._block()
        self._headers()

    def _block(self) -> None:
        form, st, n = self.form, self.styles, self.n
        left, right = form.header_left, form.header_right
        if left and right and n >= 2:
            split = (n + 1) // 2
            h = max(_line_height(left, BLOCK_FONT[1], sum(self.widths[:split])) or 0,
                    _line_height(right, BLOCK_FONT[1], sum(self.widths[split:])) or 0)
            row = self.append([self.cell(left, st.block_left, 1),
                               self.cell(right, st.block_right, split + 1)], max(h, 24))
            self.merge(1, row, split, row)
            self.merge(split + 1, row, n, row)
            return
        if left and right:      # a one-column form: both on one line
            text, style = f"{left}    {right}", st.block_left
        elif left:
            text, style = left, st.block_left
        else:
            text, style = right, st.block_right
        h = _line_height(text, BLOCK_FONT[1], self.total_width) or 0
        row = self.append([self.cell(text, style, 1)], max(h, 24))
        self.merge(1, row, n, row)

    def _headers(self) -> None:
        cols, head, size = self.form.columns, self.styles.head, HEAD_FONT[1]
        widths = self.widths
        if self.rows.head_top == self.rows.head_bottom:
            lines = max(text_lines(c.header, w, size) for c, w in zip(cols, widths))
            self.append([self.cell(c.header, head, j) for j, c in enumerate(cols, 1)],
                        row_height(lines, size))
            return
        top, bottom = self.rows.head_top, self.rows.head_bottom
        upper, lower = [], []
        upper_lines = lower_lines = both_lines = 1
        j = 0
        while j < len(cols):
            col = cols[j]
            if not col.group:
                upper.append(self.cell(col.header, head, j + 1))
                lower.append(self.cell(None, head, j + 1))
                self.merge(j + 1, top, j + 1, bottom)
                both_lines = max(both_lines, text_lines(col.header, widths[j], size))
                j += 1
                continue
            end = j
            while end + 1 < len(cols) and cols[end + 1].group == col.group:
                end += 1
            upper.append(self.cell(col.group, head, j + 1))
            upper.extend(self.cell(None, head, k + 1) for k in range(j + 1, end + 1))
            lower.extend(self.cell(cols[k].header, head, k + 1) for k in range(j, end + 1))
            upper_lines = max(upper_lines, text_lines(col.group, sum(widths[j:end + 1]), size))
            lower_lines = max([lower_lines] + [text_lines(cols[k].header, widths[k], size)
                                               for k in range(j, end + 1)])
            self.merge(j + 1, top, end + 1, top)
            j = end + 1
        upper_lines = max(upper_lines, both_lines - lower_lines)
        self.append(upper, row_height(upper_lines, size))
        self.append(lower, row_height(lower_lines, size))

    # --- the rows ---------------------------------------------------------------------------------

    def body(self, values: Sequence[Any]) -> None:
        """Write one data row: ``values`` one per column (missing ones are empty). Its height is
        set from the longest wrapped text, so that every program prints it whole (none of them
        reliably fits rows to wrapped text when it opens a file)."""
        lines = 1
        per_line = self.per_line
        count = len(values)
        for j, cell in enumerate(self.body_cells):
            value = values[j] if j < count else None
            if value is None or value == "":
                cell._value = None
                cell.data_type = "n"
                continue
            if isinstance(value, (int, float)) and not isinstance(value, bool) \
                    and math.isfinite(value):
                cell._value = value
                cell.data_type = "n"
                continue
            text = value if isinstance(value, str) else str(value)
            if _ILLEGAL.search(text):
                text = _ILLEGAL.sub("", text)
            if len(text) > MAX_CELL_CHARS:
                text = text[:MAX_CELL_CHARS]
            cell._value = text
            cell.data_type = "s"
            # text_lines(text, width), inlined: this runs for every cell
            if "\n" in text:
                n = text_lines(text, self.widths[j])
            else:
                chars = len(text)
                units = 1.05 * (chars + (len(text.encode("utf-8")) - chars) / 2)
                n = math.ceil(units / per_line[j]) if units > per_line[j] else 1
            if n > lines:
                lines = n
        self.row += 1
        self.stream.write(self.row, self.body_cells, row_height(lines) if lines > 1 else None)

    # --- the parts below the rows -----------------------------------------------------------------

    def bottom(self, sha256: str) -> None:
        form, st = self.form, self.styles
        self.append([])
        for text in form.footer:
            self.line(text, st.footer, FOOTER_FONT[1])
        for text in form.notes:
            self.line(text, st.small, SMALL_FONT[1])
        for sig in form.signatures:
            self.line(signature_text(sig), st.small, SMALL_FONT[1])
        self.line(f"{DIGEST_LABEL}{sha256}", st.small, SMALL_FONT[1])

    def discard(self) -> None:
        """Close the sheet's stream and remove openpyxl's temporary file (after a failure)."""
        writer = self.ws._writer
        try:
            self.ws._rows.close()
            writer.close()
        except Exception as exc:  # noqa: BLE001 - cleaning up after a failure already raised
            log.warning("closing an abandoned sheet: %r", exc)
        if not isinstance(writer.out, str) or not os.path.exists(writer.out):
            return      # saving got as far as putting the sheet into the workbook
        try:
            writer.cleanup()
        except (OSError, ValueError) as exc:
            log.warning("removing openpyxl's temporary file: %r", exc)


def _temp_beside(path: Path) -> Path:
    """A new empty file beside ``path`` (so a folder that is not writable fails at once)."""
    tmp = path.with_name(f".fieldledger-{secrets.token_hex(6)}.tmp")
    try:
        with open(tmp, "xb"):
            pass
    except OSError as exc:
        raise _write_error(exc, path) from exc
    return tmp


def write_form(form: Form, path: str | Path, *, progress: Progress | None = None,
               cancelled: Cancelled | None = None) -> ExportResult:
    """Write ``form`` to ``path`` as an xlsx workbook (see the module doc); return the path, the
    number of rows written and the content digest printed on the sheet (``forms.digest_of`` of
    the same form).

    ``form.rows`` is read once, row by row. Every :data:`PROGRESS_EVERY` rows ``progress(done,
    form.row_count or 0)`` is called and ``cancelled()`` asked; when it answers True the partial
    file is removed and :class:`~models.forms.ExportCancelled` raised. A folder that cannot be
    written or a full disk raise ``FileWriteFailed`` or ``DiskFull`` with a Chinese message; an
    existing file at ``path`` is then left as it was, and no other file remains.
    """
    if not form.columns:
        raise ValueError("a form needs at least one column")
    path = Path(path)
    total = form.row_count or 0
    tmp = _temp_beside(path)
    sheet: _Sheet | None = None
    try:
        sheet = _Sheet(form)
        digest = ContentDigest()
        digest.start(form)
        sheet.top()
        if progress:
            progress(0, total)
        done = 0
        for values in form.rows:
            digest.add(values)
            sheet.body(values)
            done += 1
            if done % PROGRESS_EVERY == 0:
                if cancelled and cancelled():
                    raise ExportCancelled()
                if progress:
                    progress(done, total)
        if cancelled and cancelled():
            raise ExportCancelled()
        sha256 = digest.finish(form)
        sheet.bottom(sha256)
        with open(tmp, "wb") as fh:
            sheet.wb.save(fh)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except OSError as exc:
        if sheet is not None:
            sheet.discard()
        _remove(tmp)
        raise _write_error(exc, path) from exc
    except BaseException:
        if sheet is not None:
            sheet.discard()
        _remove(tmp)
        raise
    if progress:
        progress(done, total)
    return ExportResult(str(path), done, sha256)
