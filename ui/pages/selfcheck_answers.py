"""The answers of a self-check item as the entry view shows them: keys, colours, texts.

Shared by the entry view (:mod:`ui.pages.selfcheck_entry`), its summary pane and the list of
self-checks.
"""
from __future__ import annotations

from PySide6.QtCore import Qt

from models.selfcheck import ANSWERS

from ..i18n import translate

ANSWER_KEYS = {Qt.Key.Key_1: "conform", Qt.Key.Key_2: "nonconform", Qt.Key.Key_3: "na"}
ANSWER_COLORS = {"conform": "#1b7f3b", "nonconform": "#c62828", "na": "#5f6368"}
ANSWER_BACKGROUNDS = {"conform": "#e7f5ec", "nonconform": "#fdecea", "na": "#eef0f2"}
UNANSWERED_COLOR = "#9aa0a6"
BUTTON_STYLE = ("QPushButton {{ padding: 6px 16px; border: 1px solid {border};"
                " border-radius: 4px; background: {background}; color: {color};"
                " font-weight: {weight}; }}"
                " QPushButton:disabled {{ color: #a0a0a0; background: #f4f4f4;"
                " border-color: #d5d5d5; }}")


def answer_text(key: str | None) -> str:
    """符合 / 不符合 / 不适用 in the current language; empty for no answer."""
    return translate("selfcheck", ANSWERS[key]) if key else ""
