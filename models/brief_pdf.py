"""The 工作简报 as a print-ready A4 document (portrait), laid out as a brief is printed:

* the masthead: the campaign's title (when the brief has one) and 工作简报 in red, 第 n 期 below,
  the unit on the left and the date on the right over a red double rule;
* the title, centred and bold, the month under it;
* the text, a paragraph per line, indented two characters;
* each photo scaled to the page (at most 150 mm by 95 mm; a large photo is re-encoded at
  print resolution so the file stays small), its caption (图 n) centred under it; a photo that
  cannot be read (a missing file, a HEIC picture) is named in its place;
* the footer lines, the note, and the block every form ends with: the content digest (the same
  SHA-256 as the Excel file of the brief: models.forms.ContentDigest over the form's rows) as
  text and QR code; 第 x 页 共 y 页 on every page.

Reuses the pieces of :mod:`models.pdf_pieces` (sizes, numbered pages, digest block) that the
official forms print with.
"""
from __future__ import annotations

import io
from typing import TYPE_CHECKING, Any

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_LEFT, TA_RIGHT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import (
    BaseDocTemplate,
    Flowable,
    Frame,
    HRFlowable,
    Image,
    KeepTogether,
    PageTemplate,
    Paragraph,
    Spacer,
    Table,
    TableStyle,
)

from .forms import ContentDigest, ExportCancelled
from .months import label
from .pdf_pieces import (
    MARGIN_BOTTOM,
    MARGIN_TOP,
    MARGIN_X,
    TEXT_SIZE,
    _BoldText,
    _clean,
    _markup,
    _NumberedCanvas,
    _PageFooter,
    _signature_flowables,
    qr_payload,
)

if TYPE_CHECKING:
    from .form_brief import BriefForm, BriefPhoto

RED = colors.HexColor("#c00000")
BODY_SIZE = 12
BODY_LEADING = 21
PHOTO_MAX_W = 150 * mm
PHOTO_MAX_H = 95 * mm
#: Longest side, in pixels, a photo is printed at (about 250 dpi at 150 mm).
PHOTO_PIXELS = 1500


def _photo(photo: BriefPhoto, font: str, number: int) -> list[Flowable]:
    """The photo scaled to fit, or a line naming it when it cannot be read; then its caption."""
    caption = ParagraphStyle("cap", fontName=font, fontSize=TEXT_SIZE, leading=TEXT_SIZE * 1.5,
                             alignment=TA_CENTER, wordWrap="CJK")
    text = f"图{number}　{photo.caption}" if photo.caption else f"图{number}"
    try:
        from PIL import Image as PILImage
        from PIL import ImageOps
        with PILImage.open(photo.path) as raw:
            picture = ImageOps.exif_transpose(raw).convert("RGB")
        picture.thumbnail((PHOTO_PIXELS, PHOTO_PIXELS))
        data = io.BytesIO()
        picture.save(data, "JPEG", quality=85)
        data.seek(0)
        w, h = picture.size
        scale = min(PHOTO_MAX_W / w, PHOTO_MAX_H / h)
        shown: Flowable = Image(data, width=w * scale, height=h * scale)
    except Exception:  # noqa: BLE001 - any unreadable file is named, never fatal
        shown = Paragraph(_markup(f"［照片无法显示：{photo.name}］"), caption)
    return [KeepTogether([Spacer(1, 3 * mm), shown, Spacer(1, 1.5 * mm),
                          Paragraph(_markup(_clean(text)), caption)])]


def _masthead(form: BriefForm, font: str, width: float) -> list[Flowable]:
    out: list[Flowable] = []
    if form.masthead:                                  # type: ignore[attr-defined]
        out.append(_BoldText(form.masthead, font, 13, align="center",   # type: ignore[attr-defined]
                             stroke=0.2))
        out.append(Spacer(1, 2 * mm))
    head = _BoldText("工 作 简 报", font, 30, leading=40, align="center", stroke=0.9)
    out.append(_Coloured(head, RED))
    issue = form.issue_no                              # type: ignore[attr-defined]
    centre = ParagraphStyle("issue", fontName=font, fontSize=TEXT_SIZE + 1,
                            leading=(TEXT_SIZE + 1) * 1.6, alignment=TA_CENTER)
    out.append(Paragraph(_markup(f"第 {issue} 期"), centre))
    left = ParagraphStyle("l", fontName=font, fontSize=TEXT_SIZE, leading=TEXT_SIZE * 1.5,
                          alignment=TA_LEFT, wordWrap="CJK")
    right = ParagraphStyle("r", parent=left, alignment=TA_RIGHT)
    out.append(Table([[Paragraph(_markup(_clean(form.unit)), left),   # type: ignore[attr-defined]
                       Paragraph(_markup(_clean(form.header_right)), right)]],
                     colWidths=[width * 0.6, width * 0.4], style=TableStyle([
                         ("LEFTPADDING", (0, 0), (-1, -1), 0),
                         ("RIGHTPADDING", (0, 0), (-1, -1), 0),
                         ("BOTTOMPADDING", (0, 0), (-1, -1), 1 * mm)])))
    out.append(HRFlowable(width="100%", thickness=1.6, color=RED, spaceBefore=0, spaceAfter=0.8))
    out.append(HRFlowable(width="100%", thickness=0.5, color=RED, spaceBefore=0,
                          spaceAfter=5 * mm))
    return out


class _Coloured(Flowable):
    """Draws another flowable in ``colour`` (fill and stroke)."""

    def __init__(self, inner: Flowable, colour: Any) -> None:
        super().__init__()
        self.inner, self.colour = inner, colour

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        self.width, self.height = self.inner.wrap(availWidth, availHeight)
        return self.width, self.height

    def draw(self) -> None:
        self.canv.saveState()
        self.canv.setFillColor(self.colour)
        self.canv.setStrokeColor(self.colour)
        self.inner.drawOn(self.canv, 0, 0)
        self.canv.restoreState()


def build(form: BriefForm, out: Any, font: str, progress: Any, cancelled: Any
          ) -> tuple[int, str]:
    """Lay the brief out into the open binary file ``out``; (rows, content digest)."""
    digest = ContentDigest()
    digest.start(form)
    rows = list(form.rows)
    for row in rows:
        digest.add(row)
    sha = digest.finish(form)
    footer = _PageFooter(font, form.title)
    footer.sha256 = sha
    footer.subject = qr_payload(form.code, sha)
    doc = BaseDocTemplate(out, pagesize=A4, leftMargin=MARGIN_X + 8 * mm,
                          rightMargin=MARGIN_X + 8 * mm, topMargin=MARGIN_TOP,
                          bottomMargin=MARGIN_BOTTOM, title=form.title, author="FieldLedger",
                          creator="FieldLedger", subject=form.code, initialFontName=font)
    doc.addPageTemplates([PageTemplate("brief", [Frame(
        doc.leftMargin, doc.bottomMargin, doc.width, doc.height, id="body",
        leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0)])])
    width = doc.width
    body = ParagraphStyle("body", fontName=font, fontSize=BODY_SIZE, leading=BODY_LEADING,
                          firstLineIndent=2 * BODY_SIZE, wordWrap="CJK", spaceAfter=1 * mm)
    small = ParagraphStyle("month", fontName=font, fontSize=TEXT_SIZE, leading=TEXT_SIZE * 1.6,
                           alignment=TA_CENTER, textColor=colors.HexColor("#444444"))
    lines = ParagraphStyle("ftr", fontName=font, fontSize=TEXT_SIZE, leading=TEXT_SIZE * 1.6,
                           wordWrap="CJK")
    story: list[Flowable] = _masthead(form, font, width)
    story += [_BoldText(form.title, font, 16, leading=24),
              Paragraph(_markup(label(form.period)), small),   # type: ignore[attr-defined]
              Spacer(1, 4 * mm)]
    story += [Paragraph(_markup(_clean(text)), body)
              for text in form.paragraphs]                       # type: ignore[attr-defined]
    photos = form.photos                                         # type: ignore[attr-defined]
    total = len(photos) + 1
    if progress is not None:
        progress(0, total)
    for n, photo in enumerate(photos, 1):
        if cancelled is not None and cancelled():
            raise ExportCancelled()
        story += _photo(photo, font, n)
        if progress is not None:
            progress(n, total)
    if form.footer or form.notes:
        story.append(Spacer(1, 5 * mm))
    story += [Paragraph(_markup(_clean(line)), lines) for line in (*form.footer, *form.notes)]
    story += _signature_flowables(form, font, sha, width)

    def canvas_maker(*args: Any, **kwargs: Any) -> _NumberedCanvas:
        return _NumberedCanvas(*args, page_footer=footer, **kwargs)

    doc.build(story, canvasmaker=canvas_maker)
    if progress is not None:
        progress(total, total)
    return len(rows), sha
