"""The table of an official form in the PDF, laid out a page at a time.

:class:`_TableRows` stands for the rest of the table: on each page it becomes the header row(s)
plus the rows that fit, and a continuation of itself for the next page. Rows are read from the
form's iterable only as far as the current page needs (:class:`_Rows`), so memory does not grow
with the number of rows the way one platypus table of every row would (and time stays linear);
each row is measured once, fed to the content digest in order, and every
:data:`PROGRESS_EVERY` rows progress is reported and cancel checked
(:class:`~models.forms.ExportCancelled`).

The grid is thin; cells are wrapped the Chinese way (any character may end a line, but not
before a closing mark), and a cell that fits on one line is a plain string (cheaper than a
Paragraph); columns are aligned per ``Column.align``. The header row(s) are repeated at the top
of every page, a grouped header as two rows (the group cell spans its columns, the other headers
span both rows). A row taller than a whole page is broken across pages.
"""
from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import Any

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_LEFT, TA_RIGHT
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Flowable, LongTable, Paragraph, TableStyle

from .forms import Cancelled, ContentDigest, ExportCancelled, Form, Progress, cell_text
from .pdf_pieces import (
    _HUGE,
    CELL_LEADING,
    CELL_SIZE,
    GRID,
    PAD_X,
    PAD_Y,
    _BoldText,
    _clean,
    _markup,
)

#: Rows between two progress reports (and cancel checks).
PROGRESS_EVERY = 200

_ALIGN = {"left": TA_LEFT, "center": TA_CENTER, "right": TA_RIGHT}
_ALIGN_NAME = {"left": "LEFT", "center": "CENTER", "right": "RIGHT"}


class _Cell(Paragraph):
    """A table cell's Paragraph that remembers its layout for one width: the table measures each
    row once to fill the page, and the same layout is then drawn without breaking lines again."""

    _wrapped_for = -1.0

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        if abs(availWidth - self._wrapped_for) < 1e-6:
            return self.width, self.height
        self._wrapped_for = availWidth
        return super().wrap(availWidth, availHeight)


class _Rows:
    """The form's rows as the table consumes them: read from the form's iterable on demand,
    measured once, fed to the digest in order, with progress and cancel."""

    def __init__(self, form: Form, font: str, col_widths: list[float], digest: ContentDigest,
                 progress: Progress | None, cancelled: Cancelled | None) -> None:
        self.columns = form.columns
        self.font = font
        self.col_widths = col_widths
        self.inner = [w - 2 * PAD_X for w in col_widths]
        self.digest = digest
        self.progress = progress
        self.cancelled = cancelled
        self.total = form.row_count or 0
        self.done = 0
        self.reported = 0
        self._source: Iterator[Sequence[Any]] | None = iter(form.rows)
        self.pending: list[tuple[list[Any], float]] = []
        self.styles = {align: ParagraphStyle(
            f"cell-{align}", fontName=font, fontSize=CELL_SIZE, leading=CELL_LEADING,
            alignment=_ALIGN.get(align, TA_LEFT), wordWrap="CJK")
            for align in ("left", "center", "right")}
        self.one_line = CELL_LEADING + 2 * PAD_Y
        self.header, self.header_heights, header_style = self._header()
        self.style = TableStyle(header_style + self._body_style(len(self.header_heights)))
        self.body_style = TableStyle(self._body_style(0))

    # header ------------------------------------------------------------------------------------
    def _header(self) -> tuple[list[list[Any]], list[float], list[tuple[Any, ...]]]:
        """The header row(s), their heights and their SPAN commands."""
        cols = self.columns
        n = len(cols)

        def bold(text: str) -> _BoldText:
            return _BoldText(text, self.font, CELL_SIZE, leading=CELL_LEADING, stroke=0.25)

        def height(cell: _BoldText, first: int, last: int) -> float:
            width = sum(self.col_widths[first:last + 1]) - 2 * PAD_X
            return cell.wrap(width, _HUGE)[1] + 2 * PAD_Y

        if not any(c.group for c in cols):
            row = [bold(c.header) for c in cols]
            return [row], [max(height(cell, i, i) for i, cell in enumerate(row))], []
        top: list[Any] = [""] * n
        bottom: list[Any] = [""] * n
        spans: list[tuple[Any, ...]] = []
        tall: list[float] = []          # heights of the cells spanning both rows
        h_top = h_bottom = 0.0
        i = 0
        while i < n:
            group = cols[i].group
            if not group:
                top[i] = bold(cols[i].header)
                spans.append(("SPAN", (i, 0), (i, 1)))
                tall.append(height(top[i], i, i))
                i += 1
                continue
            j = i
            while j + 1 < n and cols[j + 1].group == group:
                j += 1
            top[i] = bold(group)
            if j > i:
                spans.append(("SPAN", (i, 0), (j, 0)))
            h_top = max(h_top, height(top[i], i, j))
            for k in range(i, j + 1):
                bottom[k] = bold(cols[k].header)
                h_bottom = max(h_bottom, height(bottom[k], k, k))
            i = j + 1
        h_top = max(h_top, self.one_line)
        h_bottom = max(h_bottom, self.one_line)
        for need in tall:
            if need > h_top + h_bottom:
                h_top = need - h_bottom
        return [top, bottom], [h_top, h_bottom], spans

    def _body_style(self, first: int) -> list[tuple[Any, ...]]:
        """The table's style commands, the rows starting at row ``first``."""
        out: list[tuple[Any, ...]] = [
            ("FONTNAME", (0, 0), (-1, -1), self.font),
            ("FONTSIZE", (0, 0), (-1, -1), CELL_SIZE),
            ("LEADING", (0, 0), (-1, -1), CELL_LEADING),
            ("GRID", (0, 0), (-1, -1), GRID, colors.black),
            ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
            ("LEFTPADDING", (0, 0), (-1, -1), PAD_X),
            ("RIGHTPADDING", (0, 0), (-1, -1), PAD_X),
            ("TOPPADDING", (0, 0), (-1, -1), PAD_Y),
            ("BOTTOMPADDING", (0, 0), (-1, -1), PAD_Y),
        ]
        if first:
            out.append(("ALIGN", (0, 0), (-1, first - 1), "CENTER"))
        for i, col in enumerate(self.columns):
            out.append(("ALIGN", (i, first), (i, -1), _ALIGN_NAME.get(col.align, "LEFT")))
        return out

    @property
    def header_height(self) -> float:
        return sum(self.header_heights)

    # rows --------------------------------------------------------------------------------------
    def _prepare(self, row: Sequence[Any]) -> tuple[list[Any], float]:
        """A row's cells (a plain string when it fits on one line, else a wrapped Paragraph) and
        the row's height."""
        cells: list[Any] = []
        tallest = float(CELL_LEADING)
        font, inner, styles = self.font, self.inner, self.styles
        for i, col in enumerate(self.columns):
            text = _clean(cell_text(row[i] if i < len(row) else None))
            if not text:
                cells.append("")
            elif "\n" not in text and stringWidth(text, font, CELL_SIZE) <= inner[i]:
                cells.append(text)
            else:
                para = _Cell(_markup(text), styles.get(col.align, styles["left"]))
                tallest = max(tallest, para.wrap(inner[i], _HUGE)[1])
                cells.append(para)
        return cells, tallest + 2 * PAD_Y

    def _pull(self) -> bool:
        """Read one more row into :attr:`pending`; False when the rows are exhausted."""
        if self._source is None:
            return False
        if self.done % PROGRESS_EVERY == 0 and self.done:
            self.report()
            if self.cancelled is not None and self.cancelled():
                raise ExportCancelled()
        try:
            row = next(self._source)
        except StopIteration:
            self._source = None
            return False
        self.digest.add(row)
        self.done += 1
        self.pending.append(self._prepare(row))
        return True

    def report(self) -> None:
        """Tell the progress callback how many rows are read (once per count)."""
        if self.progress is not None and self.done != self.reported:
            self.reported = self.done
            self.progress(self.done, self.total)

    def fitting(self, room: float) -> int:
        """How many of the next rows fit in ``room`` points (reading rows as needed)."""
        used = 0.0
        count = 0
        while True:
            if count == len(self.pending) and not self._pull():
                return count
            height = self.pending[count][1]
            if used + height > room + 1e-6:
                return count
            used += height
            count += 1

    def more(self) -> bool:
        """Whether rows remain (reading one ahead when needed)."""
        return bool(self.pending) or self._pull()

    def table(self, count: int, *, header: bool = True, split_in_row: bool = False) -> LongTable:
        """The next ``count`` rows (taken off :attr:`pending`) as one table, below the header
        unless ``header`` is False. ``split_in_row``: a row taller than a page, which the table
        may break inside (its cells then start at the top)."""
        taken = self.pending[:count]
        del self.pending[:count]
        head, head_heights = (self.header, self.header_heights) if header else ([], [])
        data = [*head, *(cells for cells, _h in taken)]
        heights: list[float | None] = [*head_heights, *(h for _c, h in taken)]
        style = self.style if header else self.body_style
        if split_in_row:
            heights = [*head_heights, *([None] * count)]
            style = TableStyle(list(style.getCommands())
                               + [("VALIGN", (0, len(head_heights)), (-1, -1), "TOP")])
        return LongTable(data, colWidths=self.col_widths, rowHeights=heights,
                         repeatRows=len(head_heights), style=style,
                         splitInRow=1 if split_in_row else 0)


class _TableRows(Flowable):
    """The rest of the table: on each page it becomes the header plus the rows that fit, and a
    continuation of itself for the next page.

    A row taller than a whole page is broken across pages (the header repeated on each); the rows
    after it continue on its last page without a second header (``headless``)."""

    def __init__(self, rows: _Rows, *, first: bool = False, headless: bool = False) -> None:
        super().__init__()
        self.rows = rows
        self.first = first
        self.headless = headless

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        return availWidth, _HUGE       # always laid out through split()

    def split(self, availWidth: float, availHeight: float) -> list[Flowable]:
        rows = self.rows
        fresh_page = bool(getattr(self, "_postponed", False))
        header = not self.headless or fresh_page
        count = rows.fitting(availHeight - (rows.header_height if header else 0))
        if count:
            part: list[Flowable] = [rows.table(count, header=header)]
            return part + ([_TableRows(rows)] if rows.more() else [])
        if not rows.more():
            # No rows at all: the header alone, as on a blank form.
            return [rows.table(0)] if self.first else []
        if not fresh_page:
            return []                  # the next row starts on a new page
        # A row taller than a whole page: the table breaks inside it.
        tall = rows.table(1, split_in_row=True)
        tall.canv = getattr(self, "canv", None)
        pieces: list[Flowable] = list(tall.split(availWidth, availHeight))
        if not pieces:
            return []
        return pieces + ([_TableRows(rows, headless=True)] if rows.more() else [])

    def draw(self) -> None:  # pragma: no cover - never drawn itself
        pass
