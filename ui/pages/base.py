"""What every area of the main window shares: the controller, and refresh on relevant changes."""
from __future__ import annotations

from typing import TYPE_CHECKING, Any, Callable

from PySide6.QtWidgets import QWidget

from models.permissions import PERMISSIONS
from models.store import Changes

if TYPE_CHECKING:
    from ..app import AppController


class Page(QWidget):
    """An area of the main window. Subclasses list the tables they show in ``tables``."""

    tables: frozenset[str] = frozenset()

    def __init__(self, controller: "AppController", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.controller = controller
        self.worker = controller.worker
        self.session = controller.session
        self.store = controller.store
        self.worker.changed.connect(self._changed)

    def allowed(self, permission: str) -> bool:
        """Whether the logged-in roles grant ``permission`` (the core checks again)."""
        return bool(self.session.roles & PERMISSIONS[permission].roles)

    def call(self, fn: Callable[..., Any], *args: Any, on_done: Callable[[Any], None] | None = None,
             **kwargs: Any) -> None:
        """Run a core operation as the logged-in user on the worker; errors in a message box."""
        from ..errors import show_error
        self.worker.call(fn, self.session, *args, on_done=on_done,
                         on_error=lambda exc: show_error(self, exc), **kwargs)

    def _changed(self, changes: Changes) -> None:
        if changes.tables & self.tables:
            self.refresh()

    def refresh(self) -> None:
        """Reload what the page shows (asynchronously, through the worker)."""
