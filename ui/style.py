"""Look: the application icon, the Chinese interface font, the large-text mode (长者模式) and
headings that scale with it."""
from __future__ import annotations

from typing import TypeVar

from PySide6.QtWidgets import QApplication, QWidget

from models.paths import RESOURCES_DIR

#: The application icon (a ``.png`` and a Windows ``.ico`` are drawn from it when building): next
#: to the program's modules, or inside the bundle (``sys._MEIPASS``) in the built program.
APP_ICON = RESOURCES_DIR / "icons" / "fieldledger.svg"

LARGE_TEXT_FACTOR = 1.35
_HEADING_PROPERTY = "fieldledgerFontScale"
_base_point_size: float | None = None


#: Chinese UI fonts, by platform, tried in this order before the system's default font.
CHINESE_UI_FONTS = ["Microsoft YaHei", "PingFang SC", "WenQuanYi Micro Hei", "Noto Sans CJK SC",
                    "Source Han Sans SC"]


_bundled_families: list[str] = []


def use_chinese_ui_font() -> None:
    """Put a Chinese UI font first in the application font's families.

    Qt would otherwise look for a fallback font for every Chinese glyph the default (Latin) font
    lacks: slower on first paint, and a different font from widget to widget. When the system has
    none of :data:`CHINESE_UI_FONTS` and the program ships fonts (the Linux build carries
    文泉驿微米黑 in ``resources/fonts/``), those are registered with Qt and used instead.
    """
    app = QApplication.instance()
    font = app.font()
    font.setFamilies([*CHINESE_UI_FONTS, *_bundled_fallback(), *font.families()])
    app.setFont(font)


def bundled_font_families() -> list[str]:
    """The families :func:`use_chinese_ui_font` registered from the program's own fonts (empty
    when the system had a Chinese UI font or the program ships none)."""
    return list(_bundled_families)


def _bundled_fallback() -> list[str]:
    """Register the shipped fonts when no Chinese UI font is installed; their families.

    Run from source there is no shipped font and Qt's font database is not consulted here."""
    if _bundled_families:
        return list(_bundled_families)
    try:
        files = sorted(p for p in (RESOURCES_DIR / "fonts").iterdir()
                       if p.suffix.lower() in (".ttf", ".ttc", ".otf"))
    except OSError:
        return []
    from PySide6.QtGui import QFontDatabase  # only when fonts are shipped: off the source start
    if not files or any(QFontDatabase.hasFamily(name) for name in CHINESE_UI_FONTS):
        return []
    for path in files:
        font_id = QFontDatabase.addApplicationFont(str(path))
        for family in QFontDatabase.applicationFontFamilies(font_id) if font_id >= 0 else []:
            if family not in _bundled_families:
                _bundled_families.append(family)
    return list(_bundled_families)


def apply_large_text(enabled: bool) -> None:
    """Scale the application font (and so every widget's) for the large-text mode."""
    global _base_point_size
    app = QApplication.instance()
    font = app.font()
    if _base_point_size is None:
        _base_point_size = font.pointSizeF() if font.pointSizeF() > 0 else 10.0
    font.setPointSizeF(_base_point_size * (LARGE_TEXT_FACTOR if enabled else 1.0))
    app.setFont(font)
    for widget in app.allWidgets():
        rescale_headings(widget)
        if widget.styleSheet():
            # A widget with its own style sheet keeps its old font until the sheet is applied
            # again (Qt resolves its font through the style sheet engine).
            widget.setStyleSheet(widget.styleSheet())


W = TypeVar("W", bound=QWidget)


def heading(label: W, scale: float = 1.5, bold: bool = True) -> W:
    """Make ``label`` (any widget) ``scale`` times the application font, following large text."""
    label.setProperty(_HEADING_PROPERTY, scale)
    label.setProperty(_HEADING_PROPERTY + "Bold", bold)
    _apply(label)
    return label


def rescale_headings(root: QWidget) -> None:
    if root.property(_HEADING_PROPERTY):
        _apply(root)


def _apply(widget: QWidget) -> None:
    font = QApplication.instance().font()  # a copy: changing it leaves the application's alone
    font.setPointSizeF(font.pointSizeF() * float(widget.property(_HEADING_PROPERTY)))
    font.setBold(bool(widget.property(_HEADING_PROPERTY + "Bold")))
    widget.setFont(font)
