"""Official forms as print-ready PDF: A4, an embedded Chinese font, the seed's layout.

:func:`write_form` writes a :class:`~models.forms.Form` the way the campaign notices print it:

* the title centred (16 pt, drawn bold), the header block on one line (unit left, date right);
* the table with a thin grid, cells wrapped the Chinese way (any character may end a line, but
  not before a closing mark), column widths scaled from ``Column.width`` to the page, numbers and
  short texts aligned per column; the header row(s) repeated at the top of every page, a grouped
  header as two rows (the group cell spans its columns, the other headers span both rows);
* the footer lines (填报人, 审核人 …) side by side when they fit, the notes below;
* a signature block: every signature (含义, 签署人, 角色, 时间, 密钥指纹, 状态) or “本表无数字签名”,
  and the content digest as a QR code carrying ``FieldLedger <code> sha256:<hex>`` with the hex
  printed beside it in groups of 8, so a printed page can be matched to its digital original;
* on every page “第 x 页 共 y 页” and the start of the digest.

The table is laid out a page at a time (:class:`_TableRows`): rows are read from the form's
iterable only as far as the current page needs, so memory does not grow with the number of rows
the way one platypus table of every row would (and time stays linear). The font is a subset of a
TrueType font found by :mod:`models.fonts`. The file is written to a temporary file in the
target folder and renamed at the end; cancel or any error leaves no file behind.
"""
from __future__ import annotations

import os
import secrets
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape

from reportlab.graphics.barcode.qr import QrCodeWidget
from reportlab.graphics.shapes import Drawing
from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_LEFT, TA_RIGHT
from reportlab.lib.pagesizes import A4
from reportlab.lib.pagesizes import landscape as landscape_of
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.textsplit import wordSplit
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (BaseDocTemplate, Flowable, Frame, KeepTogether, LongTable,
                                PageTemplate, Paragraph, Spacer, Table, TableStyle)

from . import fonts
from .files import remove_quietly as _remove, replace as _place, write_error as _write_error
from .forms import (Cancelled, ContentDigest, ExportCancelled, ExportResult, Form, Progress,
                    cell_text)

#: Rows between two progress reports (and cancel checks).
PROGRESS_EVERY = 200

TITLE_SIZE = 16
TEXT_SIZE = 10.5            # 五号: header block, footer
CELL_SIZE = 9               # 小五: table cells
CELL_LEADING = 12
NOTE_SIZE = 9
PAD_X = 3
PAD_Y = 2.5
GRID = 0.5
MARGIN_X = 15 * mm
MARGIN_TOP = 14 * mm
MARGIN_BOTTOM = 16 * mm

#: The status of a signature as printed (models.signing statuses).
STATUS_TEXT = {"valid": "有效", "stale": "已过期", "invalid": "无效", "unsigned": "未签署"}
SIGNATURE_HEADERS = ("含义", "签署人", "角色", "时间", "密钥指纹", "状态")
_SIGNATURE_WIDTHS = (3.2, 1.6, 1.8, 2.2, 3.0, 1.0)
QR_SIZE = 34 * mm

_ALIGN = {"left": TA_LEFT, "center": TA_CENTER, "right": TA_RIGHT}
_ALIGN_NAME = {"left": "LEFT", "center": "CENTER", "right": "RIGHT"}
_HUGE = 0x7FFFFFFF
_CONTROL = {i: " " for i in range(32) if i not in (10, 13)}     # tabs and controls: spaces


def qr_payload(code: str, sha256: str) -> str:
    """What the QR code of a form carries."""
    return f"FieldLedger {code} sha256:{sha256}"


def digest_groups(sha256: str) -> list[str]:
    """The digest in groups of 8 characters, as printed."""
    return [sha256[i:i + 8] for i in range(0, len(sha256), 8)]


# --- text pieces ---------------------------------------------------------------------------------

def _clean(text: str) -> str:
    """``text`` without control characters (tabs become spaces; line breaks stay)."""
    return text.translate(_CONTROL).replace("\r\n", "\n").replace("\r", "\n")


def _markup(text: str) -> str:
    """Plain text as Paragraph markup: escaped, line breaks kept."""
    return escape(text).replace("\n", "<br/>")


class _Cell(Paragraph):
    """A table cell's Paragraph that remembers its layout for one width: the table measures each
    row once to fill the page, and the same layout is then drawn without breaking lines again."""

    _wrapped_for = -1.0

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        if abs(availWidth - self._wrapped_for) < 1e-6:
            return self.width, self.height
        self._wrapped_for = availWidth
        return super().wrap(availWidth, availHeight)


class _BoldText(Flowable):
    """Text drawn bold-looking (filled and stroked: the Chinese fonts that may be embedded have no
    bold face), wrapped the Chinese way, aligned "left", "center" or "right"."""

    def __init__(self, text: str, font: str, size: float, *, leading: float | None = None,
                 align: str = "center", stroke: float | None = None) -> None:
        super().__init__()
        self.text = _clean(text)
        self.font = font
        self.size = size
        self.leading = leading or size * 1.3
        self.align = align
        self.stroke = size * 0.035 if stroke is None else stroke
        self.lines: list[str] = []
        self._for_width = -1.0

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        if abs(availWidth - self._for_width) > 1e-6:
            self._for_width = availWidth
            self.lines = []
            for part in self.text.split("\n"):
                if not part:
                    self.lines.append("")
                    continue
                if stringWidth(part, self.font, self.size) <= availWidth:
                    self.lines.append(part)
                else:
                    self.lines.extend(line for _extra, line in
                                      wordSplit(part, max(availWidth, self.size), self.font,
                                                self.size))
        self.width = availWidth
        self.height = self.leading * max(1, len(self.lines))
        return self.width, self.height

    def draw(self) -> None:
        canv = self.canv
        canv.saveState()
        canv.setLineWidth(self.stroke)
        text = canv.beginText()
        text.setTextRenderMode(2 if self.stroke else 0)
        text.setFont(self.font, self.size, self.leading)
        descent = (self.leading - self.size) / 2 + self.size * 0.12
        y = self.height - self.leading + descent
        for line in self.lines:
            w = stringWidth(line, self.font, self.size)
            x = {"left": 0.0, "right": self.width - w}.get(self.align, (self.width - w) / 2)
            text.setTextOrigin(x, y)
            text.textOut(line)
            y -= self.leading
        canv.drawText(text)
        canv.restoreState()


# --- the table, a page at a time -----------------------------------------------------------------

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


# --- signature block -----------------------------------------------------------------------------

class _SignatureBlock(Flowable):
    """The signatures and the content digest (QR code and hex). Built when the layout reaches
    it, after the last row: only then is the digest known."""

    def __init__(self, build: Any) -> None:
        super().__init__()
        self.build = build

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        return availWidth, _HUGE

    def split(self, availWidth: float, availHeight: float) -> list[Flowable]:
        block = KeepTogether(self.build(availWidth))
        block.canv = getattr(self, "canv", None)
        return block.split(availWidth, availHeight)

    def draw(self) -> None:  # pragma: no cover - never drawn itself
        pass


def _qr_drawing(payload: str, size: float) -> Drawing:
    widget = QrCodeWidget(payload, barLevel="M")
    x0, y0, x1, y1 = widget.getBounds()
    w, h = x1 - x0, y1 - y0
    drawing = Drawing(size, size, transform=[size / w, 0, 0, size / h, 0, 0])
    drawing.add(widget)
    return drawing


def _signature_flowables(form: Form, font: str, sha256: str, width: float) -> list[Flowable]:
    text = ParagraphStyle("sig", fontName=font, fontSize=CELL_SIZE, leading=CELL_LEADING,
                          wordWrap="CJK")
    center = ParagraphStyle("sig-c", parent=text, alignment=TA_CENTER)
    out: list[Flowable] = [Spacer(1, 4 * mm),
                           _BoldText("数字签名与内容摘要", font, TEXT_SIZE, align="left",
                                     stroke=0.3),
                           Spacer(1, 1.5 * mm)]
    if form.signatures:
        total = sum(_SIGNATURE_WIDTHS)
        widths = [width * w / total for w in _SIGNATURE_WIDTHS]
        data: list[list[Any]] = [[_BoldText(h, font, CELL_SIZE, leading=CELL_LEADING, stroke=0.25)
                                  for h in SIGNATURE_HEADERS]]
        for sig in form.signatures:
            meaning = f"{sig.meaning}（{sig.subject}）" if sig.subject else sig.meaning
            values = (meaning, sig.name, sig.role, sig.signed_at, sig.fingerprint,
                      STATUS_TEXT.get(sig.status, sig.status))
            data.append([Paragraph(_markup(_clean(v)), center if i >= 3 else text)
                         for i, v in enumerate(values)])
        out.append(Table(data, colWidths=widths, repeatRows=1, style=TableStyle([
            ("GRID", (0, 0), (-1, -1), GRID, colors.black),
            ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
            ("LEFTPADDING", (0, 0), (-1, -1), PAD_X),
            ("RIGHTPADDING", (0, 0), (-1, -1), PAD_X),
            ("TOPPADDING", (0, 0), (-1, -1), PAD_Y),
            ("BOTTOMPADDING", (0, 0), (-1, -1), PAD_Y)])))
    else:
        out.append(Paragraph("本表无数字签名", text))
    groups = digest_groups(sha256)
    half = len(groups) // 2
    lines = [
        "内容摘要（SHA-256）：",
        " ".join(groups[:half]),
        " ".join(groups[half:]),
        "",
        "二维码内容为表格代码和内容摘要。电子原件的内容摘要与此相同，即可确认打印件与电子原件一致。",
    ]
    digest_text = [Paragraph(_markup(line) or "&nbsp;", text) for line in lines]
    box = Table([[_qr_drawing(qr_payload(form.code, sha256), QR_SIZE), digest_text]],
                colWidths=[QR_SIZE + 4 * mm, min(width - QR_SIZE - 4 * mm, 130 * mm)],
                hAlign="LEFT", style=TableStyle([
                    ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                    ("LEFTPADDING", (0, 0), (-1, -1), 0),
                    ("TOPPADDING", (0, 0), (-1, -1), 0),
                    ("BOTTOMPADDING", (0, 0), (-1, -1), 0)]))
    out += [Spacer(1, 2 * mm), box]
    return out


# --- pages ---------------------------------------------------------------------------------------

class _PageFooter:
    """What every page's footer needs; the digest is filled in once the rows are written."""

    def __init__(self, font: str, title: str) -> None:
        self.font = font
        self.title = title
        self.sha256 = ""
        self.subject = ""


class _NumberedCanvas(Canvas):
    """A canvas that keeps its pages until the end, so each can say 第 x 页 共 y 页."""

    def __init__(self, *args: Any, page_footer: _PageFooter, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._footer = page_footer
        self._pages: list[dict[str, Any]] = []

    def showPage(self) -> None:
        state = dict(self.__dict__)
        state["_code"] = ["\n".join(self._code)]    # one string per page: a third of the memory
        self._pages.append(state)
        self._startPage()

    def save(self) -> None:
        total = len(self._pages)
        footer = self._footer
        if footer.subject:
            self.setSubject(footer.subject)
        for number, state in enumerate(self._pages, 1):
            self.__dict__.update(state)
            self._draw_footer(number, total)
            super().showPage()
        super().save()

    def _draw_footer(self, number: int, total: int) -> None:
        footer = self._footer
        width = self._pagesize[0]
        y = MARGIN_BOTTOM / 2
        self.saveState()
        self.setFont(footer.font, 9)
        self.drawCentredString(width / 2, y, f"第 {number} 页 共 {total} 页")
        self.setFont(footer.font, 7.5)
        self.setFillColor(colors.HexColor("#444444"))
        if footer.sha256:
            self.drawRightString(width - MARGIN_X, y, f"内容摘要 {footer.sha256[:16]}")
        title = footer.title
        limit = width / 2 - MARGIN_X - 60
        while title and stringWidth(title, footer.font, 7.5) > limit:
            title = title[:-2] + "…"
        self.drawString(MARGIN_X, y, title)
        self.restoreState()


def _header_block(form: Form, font: str, width: float) -> Table:
    left = ParagraphStyle("hdr-l", fontName=font, fontSize=TEXT_SIZE, leading=TEXT_SIZE * 1.45,
                          wordWrap="CJK")
    right = ParagraphStyle("hdr-r", parent=left, alignment=TA_RIGHT)
    return Table([[Paragraph(_markup(_clean(form.header_left)), left),
                   Paragraph(_markup(_clean(form.header_right)), right)]],
                 colWidths=[width * 0.6, width * 0.4], style=TableStyle([
                     ("VALIGN", (0, 0), (-1, -1), "BOTTOM"),
                     ("LEFTPADDING", (0, 0), (-1, -1), 0),
                     ("RIGHTPADDING", (0, 0), (-1, -1), 0),
                     ("TOPPADDING", (0, 0), (-1, -1), 0),
                     ("BOTTOMPADDING", (0, 0), (-1, -1), 2 * mm)]))


def _footer_flowables(form: Form, font: str, width: float) -> list[Flowable]:
    """The footer lines (side by side when each fits its share of the width) and the notes."""
    out: list[Flowable] = []
    style = ParagraphStyle("ftr", fontName=font, fontSize=TEXT_SIZE, leading=TEXT_SIZE * 1.45,
                           wordWrap="CJK")
    lines = [_clean(line) for line in form.footer]
    if lines:
        share = width / len(lines)
        if all("\n" not in line and stringWidth(line, font, TEXT_SIZE) <= share - 4
               for line in lines):
            out.append(Table([[Paragraph(_markup(line), style) for line in lines]],
                             colWidths=[share] * len(lines), style=TableStyle([
                                 ("LEFTPADDING", (0, 0), (-1, -1), 0),
                                 ("RIGHTPADDING", (0, 0), (-1, -1), 0),
                                 ("TOPPADDING", (0, 0), (-1, -1), 3 * mm),
                                 ("BOTTOMPADDING", (0, 0), (-1, -1), 0)])))
        else:
            out.append(Spacer(1, 2 * mm))
            out += [Paragraph(_markup(line), style) for line in lines]
    if form.notes:
        note = ParagraphStyle("note", fontName=font, fontSize=NOTE_SIZE, leading=NOTE_SIZE * 1.5,
                              wordWrap="CJK")
        out.append(Spacer(1, 2 * mm))
        out += [Paragraph(_markup(_clean(line)), note) for line in form.notes]
    return out


def _scaled_widths(form: Form, width: float) -> list[float]:
    weights = [max(float(c.width), 1.0) for c in form.columns]
    total = sum(weights)
    return [width * w / total for w in weights]


def _build(form: Form, out: Any, font: str, progress: Progress | None,
           cancelled: Cancelled | None) -> tuple[int, str]:
    """Lay ``form`` out into the open binary file ``out``; (rows written, content digest)."""
    pagesize = landscape_of(A4) if form.landscape else A4
    footer = _PageFooter(font, form.title)
    doc = BaseDocTemplate(out, pagesize=pagesize, leftMargin=MARGIN_X, rightMargin=MARGIN_X,
                          topMargin=MARGIN_TOP, bottomMargin=MARGIN_BOTTOM, title=form.title,
                          author="FieldLedger", creator="FieldLedger", subject=form.code,
                          initialFontName=font, initialFontSize=CELL_SIZE)
    doc.addPageTemplates([PageTemplate("form", [Frame(
        doc.leftMargin, doc.bottomMargin, doc.width, doc.height, id="body",
        leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0)])])
    width = doc.width
    digest = ContentDigest()
    digest.start(form)
    rows = _Rows(form, font, _scaled_widths(form, width), digest, progress, cancelled)
    result: dict[str, str] = {}

    def signature_block(avail: float) -> list[Flowable]:
        sha = result.get("sha256") or digest.finish(form)    # finished once
        result["sha256"] = footer.sha256 = sha
        footer.subject = qr_payload(form.code, sha)
        rows.report()
        return _signature_flowables(form, font, sha, avail)

    story: list[Flowable] = [
        _BoldText(form.title, font, TITLE_SIZE, leading=TITLE_SIZE * 1.5),
        Spacer(1, 3 * mm),
        *([_header_block(form, font, width)] if form.header_left or form.header_right else []),
        _TableRows(rows, first=True),
        *_footer_flowables(form, font, width),
        _SignatureBlock(signature_block),
    ]

    def canvas_maker(*args: Any, **kwargs: Any) -> _NumberedCanvas:
        return _NumberedCanvas(*args, page_footer=footer, **kwargs)

    doc.build(story, canvasmaker=canvas_maker)
    return rows.done, result["sha256"]


def write_form(form: Form, path: str | Path, *, progress: Progress | None = None,
               cancelled: Cancelled | None = None) -> ExportResult:
    """Write ``form`` as a print-ready A4 PDF to ``path`` (see the module doc).

    ``progress(done, total or 0)`` is called every :data:`PROGRESS_EVERY` rows and once at the
    end; when ``cancelled()`` returns True the partial file is removed and
    :class:`~models.forms.ExportCancelled` raised. The PDF is written to a temporary file in the
    same folder and renamed over ``path`` at the end, so ``path`` is never a half file. Raises
    :class:`~models.fonts.FontNotFound` / :class:`~models.fonts.FontUnusable` (no Chinese font to
    embed; nothing written), :class:`~models.errors.DiskFull` or
    :class:`~models.files.FileWriteFailed` (folder not writable, file in use …)."""
    if not form.columns:
        raise ValueError("a form needs at least one column")
    path = Path(path)
    font = fonts.cjk_font_name()
    if cancelled is not None and cancelled():
        raise ExportCancelled()
    if progress is not None:
        progress(0, form.row_count or 0)
    tmp = path.with_name(f".fieldledger-{secrets.token_hex(6)}.tmp")
    try:
        try:
            with open(tmp, "xb") as fh:
                # a document-style form (the 工作简报) lays itself out with the same digest
                layout = getattr(form, "pdf_layout", None)
                count, sha256 = (layout(fh, font, progress, cancelled) if layout is not None
                                 else _build(form, fh, font, progress, cancelled))
                fh.flush()
                os.fsync(fh.fileno())
        except OSError as exc:
            raise _write_error(exc, path) from exc
        if cancelled is not None and cancelled():
            raise ExportCancelled()
        _place(tmp, path)
    finally:
        _remove(tmp)
    return ExportResult(str(path), count, sha256)
