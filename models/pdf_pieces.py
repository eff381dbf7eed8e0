"""The pieces every printed FieldLedger document shares: the official forms
(:mod:`models.pdf_export`) and the 工作简报 (:mod:`models.brief_pdf`).

* the type sizes, paddings and page margins of the seed's layout;
* plain text made safe for reportlab: control characters out (:func:`_clean`), escaped as
  Paragraph markup with its line breaks kept (:func:`_markup`);
* text drawn bold-looking, wrapped the Chinese way (:class:`_BoldText`: the Chinese fonts that
  may be embedded have no bold face);
* the signature block: every signature (含义, 签署人, 角色, 时间, 密钥指纹, 状态) or
  “本表无数字签名”, and the content digest as a QR code carrying
  ``FieldLedger <code> sha256:<hex>`` (:func:`qr_payload`) with the hex printed beside it in
  groups of 8 (:func:`digest_groups`), so a printed page can be matched to its digital original
  (:func:`_signature_flowables`);
* a canvas that keeps its pages until the end so each says “第 x 页 共 y 页”, with the title and
  the start of the digest at its foot (:class:`_NumberedCanvas`, fed by :class:`_PageFooter`).
"""
from __future__ import annotations

from typing import Any
from xml.sax.saxutils import escape

from reportlab.graphics.barcode.qr import QrCodeWidget
from reportlab.graphics.shapes import Drawing
from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.textsplit import wordSplit
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable, Paragraph, Spacer, Table, TableStyle

from .forms import Form

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


# --- signature block -----------------------------------------------------------------------------

def _qr_drawing(payload: str, size: float) -> Drawing:
    """A QR code (error correction M) of ``payload``, ``size`` points square."""
    widget = QrCodeWidget(payload, barLevel="M")
    x0, y0, x1, y1 = widget.getBounds()
    w, h = x1 - x0, y1 - y0
    drawing = Drawing(size, size, transform=[size / w, 0, 0, size / h, 0, 0])
    drawing.add(widget)
    return drawing


def _signature_flowables(form: Form, font: str, sha256: str, width: float) -> list[Flowable]:
    """The signature block of ``form`` for ``width`` points: its heading, the signatures' table
    (or “本表无数字签名”) and the QR code of ``sha256`` beside the digest's groups."""
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
