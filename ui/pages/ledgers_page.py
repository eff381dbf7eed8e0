"""其他台账: the ledgers the seeds require besides the problem ledger, one tab each
(投诉举报线索, 培训台账, 工作简报, 工作调度表, 案件统计).

Each tab is a page module named in :data:`TABS` as (key, module, class name); the module is
imported and the tab built on its first visit, so an unvisited tab costs nothing at start-up.
A tab class takes ``(controller, parent=None)`` like every area page and has ``TITLE`` (a
``QT_TRANSLATE_NOOP("ledgers", ...)`` text)."""
from __future__ import annotations

import importlib
from typing import Any

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QTabWidget, QVBoxLayout, QWidget

from models.i18n import QT_TRANSLATE_NOOP

#: (key, module under ui.pages, class, title) in tab order.
TABS: tuple[tuple[str, str, str, str], ...] = (
    ("leads", "leads_page", "LeadsPage", QT_TRANSLATE_NOOP("ledgers", "投诉举报线索")),
    ("training", "training_page", "TrainingPage", QT_TRANSLATE_NOOP("ledgers", "培训台账")),
    ("briefs", "briefs_page", "BriefsPage", QT_TRANSLATE_NOOP("ledgers", "工作简报")),
    ("schedule", "schedule_page", "SchedulePage", QT_TRANSLATE_NOOP("ledgers", "工作调度表")),
    ("case_stats", "case_stats_page", "CaseStatsPage", QT_TRANSLATE_NOOP("ledgers", "案件统计")),
)


class LedgersPage(QWidget):
    """The tabs of :data:`TABS`, each built on first visit."""

    def __init__(self, controller: Any, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.controller = controller
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 12, 16, 12)
        self.tabs = QTabWidget()
        self.tabs.setObjectName("ledger_tabs")
        self.built: dict[str, QWidget] = {}
        for key, _module, _cls, title in TABS:
            holder = QWidget()
            holder.setObjectName(f"tab_{key}")
            QVBoxLayout(holder).setContentsMargins(0, 0, 0, 0)
            self.tabs.addTab(holder, QCoreApplication.translate("ledgers", title))
        self.tabs.currentChanged.connect(self._build_tab)
        layout.addWidget(self.tabs)
        self._build_tab(0)

    def _build_tab(self, index: int) -> None:
        if not 0 <= index < len(TABS):
            return
        key, module, cls, _title = TABS[index]
        if key in self.built:
            return
        page_class = getattr(importlib.import_module(f"ui.pages.{module}"), cls)
        page = page_class(self.controller)
        self.tabs.widget(index).layout().addWidget(page)
        self.built[key] = page

    def tab(self, key: str) -> QWidget:
        """The page of tab ``key``, built (and shown) if it was not yet."""
        index = next(i for i, t in enumerate(TABS) if t[0] == key)
        self.tabs.setCurrentIndex(index)
        self._build_tab(index)
        return self.built[key]
