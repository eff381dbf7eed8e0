"""The Chinese TrueType font embedded in exported PDFs, found in a documented order.

A PDF must carry its Chinese font: the standard CID fonts (STSong-Light) are not embedded, so a
reader without Chinese fonts, or ``pdftoppm`` without ``poppler-data``, shows blank cells. The
exports embed a subset of a TrueType font instead. reportlab embeds TrueType outlines only (the
``glyf`` table); OpenType fonts with CFF outlines (Noto Sans/Serif CJK, Source Han, most ``.otf``)
cannot be embedded and are skipped.

Where the font comes from, first match wins (:func:`candidates`):

1. the environment variable ``FIELDLEDGER_PDF_FONT=path[,subfont index]`` (a ``.ttc`` holds several
   fonts; the index picks one, default 0). An unusable file named there is an error
   (:class:`FontUnusable`), never silently replaced by another font;
2. fonts shipped with the program in ``resources/fonts/`` (``.ttf``/``.ttc``, by file name; the
   source tree has none; the Linux build bundles 文泉驿微米黑 there, see docs/building.md; in the
   program built with PyInstaller the folder is inside the bundle, ``sys._MEIPASS``);
3. fonts installed on the system (:data:`SYSTEM_FONTS`): 文泉驿微米黑 and 正黑, AR PL UMing/UKai and
   Droid Sans Fallback on Debian/Ubuntu/Fedora; 宋体, 黑体, 微软雅黑 on Windows; 华文黑体, 宋体-简 and
   Arial Unicode on macOS.

Without any, :func:`find_font` raises :class:`FontNotFound`, whose message names the package to
install (``fonts-wqy-microhei``): a PDF with boxes instead of characters is never written.
:func:`cjk_font_name` registers the chosen font with reportlab once per process and returns the
name to draw with. No Qt here.
"""
from __future__ import annotations

import os
import struct
import threading
from collections.abc import Iterator
from typing import NamedTuple

from .errors import FieldLedgerError
from .i18n import QT_TRANSLATE_NOOP
from .paths import RESOURCES_DIR

#: The environment variable that names the font to embed: ``path`` or ``path,index``.
ENV_VAR = "FIELDLEDGER_PDF_FONT"

#: Fonts shipped with the program (searched before the system's).
BUNDLED_DIR = RESOURCES_DIR / "fonts"

_FONT_SUFFIXES = (".ttf", ".ttc", ".otf")


def _windows_fonts() -> str:
    return os.path.join(os.environ.get("WINDIR", r"C:\Windows"), "Fonts")


#: Installed fonts tried in this order: (path, subfont index). Paths that do not exist are skipped.
SYSTEM_FONTS: tuple[tuple[str, int], ...] = (
    # Debian / Ubuntu (fonts-wqy-microhei, fonts-wqy-zenhei, fonts-arphic-*, fonts-droid-fallback)
    ("/usr/share/fonts/truetype/wqy/wqy-microhei.ttc", 0),
    ("/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc", 0),
    ("/usr/share/fonts/truetype/arphic/uming.ttc", 0),
    ("/usr/share/fonts/truetype/arphic/ukai.ttc", 0),
    ("/usr/share/fonts/truetype/droid/DroidSansFallbackFull.ttf", 0),
    # Fedora / openEuler / Kylin (wqy-microhei-fonts, wqy-zenhei-fonts)
    ("/usr/share/fonts/wqy-microhei/wqy-microhei.ttc", 0),
    ("/usr/share/fonts/wqy-zenhei/wqy-zenhei.ttc", 0),
    # Windows: 宋体, 黑体, 微软雅黑 (TrueType outlines)
    (os.path.join(_windows_fonts(), "simsun.ttc"), 0),
    (os.path.join(_windows_fonts(), "simhei.ttf"), 0),
    (os.path.join(_windows_fonts(), "msyh.ttc"), 0),
    # macOS: 华文黑体, 宋体-简, Arial Unicode
    ("/System/Library/Fonts/STHeiti Light.ttc", 0),
    ("/System/Library/Fonts/STHeiti Medium.ttc", 0),
    ("/Library/Fonts/Songti.ttc", 0),
    ("/System/Library/Fonts/Supplemental/Songti.ttc", 0),
    ("/Library/Fonts/Arial Unicode.ttf", 0),
    ("/System/Library/Fonts/Supplemental/Arial Unicode.ttf", 0),
)

#: Characters the font must have to count as a Chinese font (the forms' own words).
_PROBE = "执法台账问题清单整改序号"


class FontNotFound(FieldLedgerError):
    """No Chinese TrueType font that a PDF can embed was found."""

    template = QT_TRANSLATE_NOOP(
        "errors",
        "找不到可以嵌入 PDF 的中文字体，没有生成 PDF（否则文字会显示成方框）。\n"
        "请安装文泉驿微米黑字体：Debian/Ubuntu 执行 sudo apt install fonts-wqy-microhei；"
        "或把一个 TrueType 中文字体（.ttf 或 .ttc，例如 Windows 的 simsun.ttc）复制到 {folder}，"
        "或用环境变量 FIELDLEDGER_PDF_FONT 指定字体文件。Excel 导出不受影响。")


class FontUnusable(FieldLedgerError):
    """The font named by FIELDLEDGER_PDF_FONT cannot be embedded; the template says why."""

    template = QT_TRANSLATE_NOOP(
        "errors",
        "环境变量 FIELDLEDGER_PDF_FONT 指定的字体不能用于 PDF：{path}\n文件不存在或无法读取。"
        "请改为 TrueType 轮廓的中文字体（.ttf 或 .ttc，例如 wqy-microhei.ttc），或删除该环境变量。")


_WHY_MISSING = FontUnusable.template
_WHY_CFF = QT_TRANSLATE_NOOP(
    "errors",
    "环境变量 FIELDLEDGER_PDF_FONT 指定的字体不能用于 PDF：{path}\n这是 CFF 轮廓的 OpenType 字体"
    "（如思源黑体、Noto CJK），PDF 只能嵌入 TrueType 轮廓的字体。"
    "请改为 TrueType 轮廓的中文字体（.ttf 或 .ttc，例如 wqy-microhei.ttc），或删除该环境变量。")
_WHY_NOT_FONT = QT_TRANSLATE_NOOP(
    "errors",
    "环境变量 FIELDLEDGER_PDF_FONT 指定的字体不能用于 PDF：{path}\n它不是 TrueType 字体文件，"
    "或字体集合中没有所指定序号的字体。"
    "请改为 TrueType 轮廓的中文字体（.ttf 或 .ttc，例如 wqy-microhei.ttc），或删除该环境变量。")
_WHY_NO_CJK = QT_TRANSLATE_NOOP(
    "errors",
    "环境变量 FIELDLEDGER_PDF_FONT 指定的字体不能用于 PDF：{path}\n这个字体中没有汉字。"
    "请改为 TrueType 轮廓的中文字体（.ttf 或 .ttc，例如 wqy-microhei.ttc），或删除该环境变量。")
_WHY_BAD_INDEX = QT_TRANSLATE_NOOP(
    "errors",
    "环境变量 FIELDLEDGER_PDF_FONT 的值不正确：{path}\n应为“字体文件路径”或“字体文件路径,序号”，"
    "序号是数字（.ttc 字体集合中的第几个字体，从 0 起）。")


class FontFile(NamedTuple):
    """A font file to embed: its path, the font's index in a collection (.ttc), and where it was
    found ("override", "bundled" or "system")."""

    path: str
    subfont: int
    origin: str


def outline_kind(path: str | os.PathLike[str], subfont: int = 0) -> str:
    """What outlines font ``subfont`` of the file has, from its table directory: "truetype" (a
    ``glyf`` table: embeddable), "cff" (PostScript outlines: not embeddable) or "" (missing,
    unreadable, not a font, or no such subfont)."""
    try:
        with open(path, "rb") as fh:
            head = fh.read(12)
            if head[:4] == b"ttcf":
                count = struct.unpack(">I", head[8:12])[0]
                if not 0 <= subfont < count:
                    return ""
                fh.seek(12 + 4 * subfont)
                offset = struct.unpack(">I", fh.read(4))[0]
                fh.seek(offset)
                head = fh.read(12)
            elif subfont != 0:
                return ""
            if len(head) < 12:
                return ""
            version = head[:4]
            tables = struct.unpack(">H", head[4:6])[0]
            directory = fh.read(16 * tables)
    except (OSError, struct.error):
        return ""
    tags = {directory[i:i + 4] for i in range(0, len(directory), 16)}
    if version == b"OTTO" or b"CFF " in tags or b"CFF2" in tags:
        return "cff"
    if version in (b"\x00\x01\x00\x00", b"true") and b"glyf" in tags:
        return "truetype"
    return ""


def _override() -> FontFile | None:
    """The font named by :data:`ENV_VAR`, or None when the variable is not set."""
    value = os.environ.get(ENV_VAR, "").strip()
    if not value:
        return None
    path, index = value, "0"
    head, sep, tail = value.rpartition(",")
    if sep and not os.path.exists(value):
        path, index = head.strip(), tail.strip()
    if not index.isdigit():
        raise FontUnusable(_WHY_BAD_INDEX, path=value)
    return FontFile(path, int(index), "override")


def _bundled() -> Iterator[FontFile]:
    try:
        names = sorted(p for p in BUNDLED_DIR.iterdir() if p.suffix.lower() in _FONT_SUFFIXES)
    except OSError:
        return
    for p in names:
        yield FontFile(str(p), 0, "bundled")


def candidates() -> Iterator[FontFile]:
    """Every font to try, in order: the override, the bundled fonts, then :data:`SYSTEM_FONTS`
    that exist. Raises :class:`FontUnusable` when the override's subfont index is not a number."""
    override = _override()
    if override is not None:
        yield override
    yield from _bundled()
    for path, index in SYSTEM_FONTS:
        if os.path.isfile(path):
            yield FontFile(path, index, "system")


def _why_unusable(font: FontFile) -> str:
    """"" when ``font`` can be embedded, else the :class:`FontUnusable` template that says why.
    A usable font is registered with reportlab on the way (once per file and index)."""
    if not os.path.isfile(font.path):
        return _WHY_MISSING
    kind = outline_kind(font.path, font.subfont)
    if kind == "cff":
        return _WHY_CFF
    if kind != "truetype":
        return _WHY_NOT_FONT
    return _register(font)[1]


_lock = threading.Lock()
_registered: dict[tuple[str, int], str] = {}
_rejected: dict[tuple[str, int, float], str] = {}


def _register(font: FontFile) -> tuple[str, str]:
    """Register ``font`` with reportlab unless done before: (its reportlab name, "") or ("", the
    :class:`FontUnusable` template that says why it cannot be used)."""
    key = (os.path.realpath(font.path), font.subfont)
    with _lock:
        name = _registered.get(key)
        if name is not None:
            return name, ""
        try:
            seen = (key[0], key[1], os.path.getmtime(font.path))
        except OSError:
            return "", _WHY_MISSING
        if seen in _rejected:
            return "", _rejected[seen]
        from reportlab.pdfbase import pdfmetrics
        from reportlab.pdfbase.ttfonts import TTFError, TTFont

        name = f"FieldLedgerCJK{len(_registered) + 1}"
        try:
            ttf = TTFont(name, font.path, subfontIndex=font.subfont)
        except (TTFError, OSError, struct.error, ValueError, IndexError, KeyError):
            _rejected[seen] = _WHY_NOT_FONT
            return "", _WHY_NOT_FONT
        if any(ord(ch) not in ttf.face.charToGlyph for ch in _PROBE):
            _rejected[seen] = _WHY_NO_CJK
            return "", _WHY_NO_CJK
        pdfmetrics.registerFont(ttf)
        _registered[key] = name
        return name, ""


def find_font() -> FontFile:
    """The first usable font of :func:`candidates` (see the module doc): TrueType outlines, loads,
    has Chinese characters. It is registered with reportlab on the way.

    Raises :class:`FontUnusable` when the override names a font that cannot be embedded, and
    :class:`FontNotFound` when there is none at all."""
    for font in candidates():
        why = _why_unusable(font)
        if not why:
            return font
        if font.origin == "override":
            raise FontUnusable(why, path=font.path)
    raise FontNotFound(folder=str(BUNDLED_DIR))


def cjk_font_name() -> str:
    """The reportlab name of the Chinese font to draw with (:func:`find_font`, registered).
    Raises :class:`FontNotFound` or :class:`FontUnusable`."""
    font = find_font()
    return _register(font)[0]
