"""What the 下级台账 sub-tabs showing one unit's imported records have in common (培训台账,
投诉举报线索, 工作简报 and the other reports): the browser chooses a unit, the tab reads that unit's
records on the database worker, and shows them unless another unit was chosen meanwhile."""
from __future__ import annotations

from typing import Any, Callable

from PySide6.QtWidgets import QWidget


class UnitRecordsTab(QWidget):
    """A sub-tab of :class:`ui.pages.office_browse.OfficeBrowse` (``browser``: its worker,
    session and error display). Subclasses set :attr:`FETCH` (a core function ``(session,
    unit_code)`` run on the worker) and implement :meth:`show_data` with its result."""

    FETCH: Callable[[Any, str], Any]

    def __init__(self, browser: Any) -> None:
        super().__init__()
        self.browser = browser
        self.loading: str | None = None

    def load(self, code: str) -> None:
        """Read unit ``code``'s records on the worker and show them."""
        self.loading = code
        self.browser.worker.call(
            type(self).FETCH, self.browser.session, code,
            on_done=lambda data, c=code: self._arrived(c, data),
            on_error=lambda exc: self.browser._failed(code, exc))

    def _arrived(self, code: str, data: Any) -> None:
        if code == self.loading:  # else another unit was chosen meanwhile
            self.show_data(data)

    def show_data(self, data: Any) -> None:
        raise NotImplementedError
