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

The table is laid out a page at a time by :mod:`models.pdf_table`: rows are read from the
form's iterable only as far as the current page needs, so memory does not grow with the number
of rows the way one platypus table of every row would (and time stays linear). The title, the
signature block and the numbered pages are pieces shared with the 工作简报
(:mod:`models.pdf_pieces`); this module puts the page together. The font is a subset of a
TrueType font found by :mod:`models.fonts`. The file is written to a temporary file in the
target folder and renamed at the end; cancel or any error leaves no file behind.
"""
from __future__ import annotations

import os
import secrets
from pathlib import Path
from typing import Any

from reportlab.lib.enums import TA_RIGHT
from reportlab.lib.pagesizes import A4
from reportlab.lib.pagesizes import landscape as landscape_of
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import (
    BaseDocTemplate,
    Flowable,
    Frame,
    KeepTogether,
    PageTemplate,
    Paragraph,
    Spacer,
    Table,
    TableStyle,
)

from . import fonts
from .files import remove_quietly as _remove
from .files import replace as _place
from .files import write_error as _write_error
from .forms import (
    Cancelled,
    ContentDigest,
    ExportCancelled,
    ExportResult,
    Form,
    Progress,
)
from .pdf_pieces import (
    _HUGE,
    CELL_SIZE,
    MARGIN_BOTTOM,
    MARGIN_TOP,
    MARGIN_X,
    NOTE_SIZE,
    TEXT_SIZE,
    TITLE_SIZE,
    _BoldText,
    _clean,
    _markup,
    _NumberedCanvas,
    _PageFooter,
    _signature_flowables,
    qr_payload,
)
from .pdf_table import _Rows, _TableRows

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


# --- pages ---------------------------------------------------------------------------------------

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

    ``progress(done, total or 0)`` is called every :data:`models.pdf_table.PROGRESS_EVERY` rows
    and once at the end; when ``cancelled()`` returns True the partial file is removed and
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
