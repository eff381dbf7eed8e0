"""Small building blocks the dialogs and panels share."""
from __future__ import annotations

from typing import Any, Callable

from PySide6.QtWidgets import (QDialog, QDialogButtonBox, QHeaderView, QLabel, QTableWidget,
                               QWidget)

ERROR_STYLE = "color: #b00020;"


def ok_cancel(dialog: QDialog, on_ok: Callable[[], None] | None = None) -> QDialogButtonBox:
    """OK / Cancel buttons: OK calls ``on_ok`` (default: accept), Cancel rejects."""
    buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                               | QDialogButtonBox.StandardButton.Cancel)
    buttons.accepted.connect(on_ok or dialog.accept)
    buttons.rejected.connect(dialog.reject)
    return buttons


def error_label(object_name: str = "message") -> QLabel:
    """An empty label for an inline error message (red, wrapping)."""
    label = QLabel()
    label.setObjectName(object_name)
    label.setWordWrap(True)
    label.setStyleSheet(ERROR_STYLE)
    return label


def read_only_table(headers: list[str], object_name: str,
                    parent: QWidget | None = None) -> QTableWidget:
    """A table of whole-row, single selection that the user reads but does not edit in place."""
    table = QTableWidget(0, len(headers), parent)
    table.setObjectName(object_name)
    table.setHorizontalHeaderLabels(headers)
    table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    table.horizontalHeader().setStretchLastSection(True)
    table.setSelectionBehavior(QTableWidget.SelectionBehavior.SelectRows)
    table.setSelectionMode(QTableWidget.SelectionMode.SingleSelection)
    table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
    table.verticalHeader().setVisible(False)
    return table


def enter_moves_on(form: QWidget, event: Any, save: Callable[[], None]) -> bool:
    """The keys of a form dialog (from its ``keyPressEvent``): Enter moves to the next field or
    clicks the focused button, Ctrl+Enter calls ``save``. True when ``event`` was one of them."""
    from PySide6.QtCore import Qt  # the Qt namespace is slow to load: not at start-up
    from PySide6.QtWidgets import QPushButton
    if event.key() not in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
        return False
    event.accept()
    if event.modifiers() & Qt.KeyboardModifier.ControlModifier:
        save()
    elif isinstance(form.focusWidget(), QPushButton):
        form.focusWidget().click()
    else:
        form.focusNextChild()
    return True
