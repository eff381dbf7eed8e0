"""Fonts: the large-text mode (长者模式) and headings that scale with it."""
from __future__ import annotations

from typing import TypeVar

from PySide6.QtWidgets import QApplication, QWidget

LARGE_TEXT_FACTOR = 1.35
_HEADING_PROPERTY = "fieldledgerFontScale"
_base_point_size: float | None = None


#: Chinese UI fonts, by platform, tried in this order before the system's default font.
CHINESE_UI_FONTS = ["Microsoft YaHei", "PingFang SC", "WenQuanYi Micro Hei", "Noto Sans CJK SC",
                    "Source Han Sans SC"]


def use_chinese_ui_font() -> None:
    """Put a Chinese UI font first in the application font's families.

    Qt would otherwise look for a fallback font for every Chinese glyph the default (Latin) font
    lacks: slower on first paint, and a different font from widget to widget.
    """
    app = QApplication.instance()
    font = app.font()
    font.setFamilies([*CHINESE_UI_FONTS, *font.families()])
    app.setFont(font)


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
