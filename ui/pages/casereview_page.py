"""案卷评查: the case-file register, the review of one file, and the summary, as three tabs.

Opening a file from the register (double-click, Enter or 评查 →) shows it in the 评查 tab. Each
tab is a page of its own that reloads when the tables it shows change.
"""
from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QTabWidget, QVBoxLayout, QWidget

from .base import Page
from .casefile_register import CaseFileRegister
from .casefile_review import ReviewView


class CaseReviewPage(Page):
    """The 案卷评查 area of the main window."""

    def __init__(self, controller: Any, parent: QWidget | None = None) -> None:
        super().__init__(controller, parent)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        self.tabs = QTabWidget()
        self.tabs.setObjectName("casereview_tabs")
        self.tabs.setDocumentMode(True)
        self.register = CaseFileRegister(controller)
        self.review = ReviewView(controller)
        self.tabs.addTab(self.register, self.tr("案卷登记"))
        self.tabs.addTab(self.review, self.tr("评查"))
        self._summary: Any = None
        self.tabs.addTab(QWidget(), self.tr("评查汇总"))   # built on first visit
        layout.addWidget(self.tabs)
        self.register.open_requested.connect(self.open_case)
        self.tabs.currentChanged.connect(self._tab_changed)

    @property
    def summary(self) -> Any:
        """The summary tab (built now if it was not visited yet)."""
        if self._summary is None:
            from .casefile_summary import ReviewSummaryPanel
            self._summary = ReviewSummaryPanel(self.controller)
            current = self.tabs.currentIndex()
            self.tabs.blockSignals(True)
            old = self.tabs.widget(2)
            self.tabs.removeTab(2)
            old.deleteLater()
            self.tabs.insertTab(2, self._summary, self.tr("评查汇总"))
            self.tabs.setCurrentIndex(current)
            self.tabs.blockSignals(False)
        return self._summary

    def _tab_changed(self, index: int) -> None:
        if index == 2:
            self.tabs.setCurrentWidget(self.summary)

    def open_case(self, case_file_id: int, review_id: int | None = None) -> None:
        """Show case file ``case_file_id`` in the 评查 tab (unless the user chooses to stay on
        a draft with notes missing: then that draft is shown)."""
        self.review.show_case(case_file_id, review_id)
        self.tabs.setCurrentWidget(self.review)
        self.review.form.tree.setFocus()
