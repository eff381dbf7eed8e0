"""报送: the station's side (write signed packages to a USB stick, the outbox) and the office's
side (registered units, importing packages, alarms), one tab each; 上级来文 between them (what
the office sent down: campaigns, templates, 执法监督意见书)."""
from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QTabWidget, QVBoxLayout, QWidget


class SubmissionPage(QWidget):
    def __init__(self, controller: Any, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        from .office_panel import OfficePanel
        from .station_panel import StationPanel
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 12, 16, 12)
        self.tabs = QTabWidget()
        self.tabs.setObjectName("submission_tabs")
        self.station = StationPanel(controller)
        self.office = OfficePanel(controller)
        self.tabs.addTab(self.station, self.tr("报送上级（本单位）"))
        from .instructions_panel import InstructionsPanel
        self.instructions = InstructionsPanel(controller)
        self.tabs.addTab(self.instructions, self.tr("上级来文"))
        self.tabs.addTab(self.office, self.tr("接收下级报送"))
        layout.addWidget(self.tabs)
