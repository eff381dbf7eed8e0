"""专项行动 (in 设置): the campaigns with their period and counts; create and edit them."""
from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import (QHBoxLayout, QHeaderView, QLabel, QPushButton, QTableWidgetItem,
                               QVBoxLayout, QWidget)

from models import campaigns
from models.session import Session

from ..widgets import read_only_table
from .base import Page


def period_text(start: str | None, end: str | None, to: str = "至") -> str:
    """``2024-06-01 至 2024-10-20``; an open end shows only the date that is known."""
    if start and end:
        return f"{start} {to} {end}"
    if start:
        return f"{start} {to} "
    if end:
        return f"{to} {end}"
    return ""


class CampaignsPanel(Page):
    """The campaigns, newest first; 新建…, 编辑… and double-click need ``campaign.manage``."""

    tables = frozenset({"campaigns", "campaign_categories", "campaign_phases",
                        "campaign_materials"})

    def __init__(self, controller: Any, parent: QWidget | None = None) -> None:
        super().__init__(controller, parent)
        layout = QVBoxLayout(self)
        row = QHBoxLayout()
        self.new_button = QPushButton(self.tr("新建…"))
        self.new_button.setObjectName("new_campaign")
        self.edit_button = QPushButton(self.tr("编辑…"))
        self.edit_button.setObjectName("edit_campaign")
        self.new_button.clicked.connect(self.create)
        self.edit_button.clicked.connect(self.edit)
        self.can_manage = self.allowed("campaign.manage")
        row.addWidget(self.new_button)
        row.addWidget(self.edit_button)
        row.addStretch(1)
        layout.addLayout(row)
        self.note = QLabel(self.tr("只有负责人或管理员可以新建和修改专项行动。"))
        self.note.setObjectName("note")
        self.note.setVisible(not self.can_manage)
        layout.addWidget(self.note)
        self.table = read_only_table([self.tr("行动名称"), self.tr("文号"), self.tr("起止日期"),
                                      self.tr("问题类别"), self.tr("阶段"), self.tr("报送材料")],
                                     "campaigns_table")
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setStretchLastSection(False)
        self.table.setWordWrap(False)
        self.table.doubleClicked.connect(lambda _i: self.edit())
        self.table.currentCellChanged.connect(lambda *_a: self._update_buttons())
        layout.addWidget(self.table, 1)
        self.campaigns: list[dict[str, Any]] = []
        self._select_id: int | None = None
        self._update_buttons()
        self.refresh()

    def refresh(self) -> None:
        self.worker.call(campaigns.list_campaigns, self.session, on_done=self._show)

    def _show(self, rows: list[dict[str, Any]]) -> None:
        current = self.current_id() if self._select_id is None else self._select_id
        self._select_id = None
        self.campaigns = rows
        self.table.setRowCount(len(rows))
        for i, c in enumerate(rows):
            values = [c["title"], c["doc_no"], period_text(c["start_date"], c["end_date"],
                                                           self.tr("至")),
                      str(c["n_categories"]), str(c["n_phases"]), str(c["n_materials"])]
            for j, value in enumerate(values):
                item = QTableWidgetItem(value)
                if j >= 3:
                    item.setTextAlignment(Qt.AlignmentFlag.AlignCenter)
                if j == 0:
                    item.setToolTip(value)
                self.table.setItem(i, j, item)
        ids = [c["id"] for c in rows]
        if current in ids:
            self.table.setCurrentCell(ids.index(current), 0)
        elif rows and self.table.currentRow() < 0:
            self.table.setCurrentCell(0, 0)
        self._update_buttons()

    def current_id(self) -> int | None:
        row = self.table.currentRow()
        return self.campaigns[row]["id"] if 0 <= row < len(self.campaigns) else None

    def _update_buttons(self) -> None:
        self.new_button.setEnabled(self.can_manage)
        self.edit_button.setEnabled(self.can_manage and self.current_id() is not None)

    # --- dialogs ------------------------------------------------------------------------------

    def create(self) -> None:
        if self.can_manage:
            self._open(None, {})

    def edit(self) -> None:
        """Load the current campaign with its children and open it in the dialog."""
        cid = self.current_id()
        if not self.can_manage or cid is None:
            return

        def load(session: Session) -> tuple[dict[str, Any], dict[str, int]]:
            return campaigns.get_campaign(session, cid), campaigns.category_usage(session, cid)
        # The dialog opens from the event loop, not inside the worker's result callback.
        self.call(load, on_done=lambda data: QTimer.singleShot(0, lambda: self._open(*data)))

    def _open(self, campaign: dict[str, Any] | None, usage: dict[str, int]) -> None:
        from .campaign_dialog import CampaignDialog
        dialog = CampaignDialog(self, self.worker, self.session, campaign, usage)
        if dialog.exec():
            self._select_id = dialog.saved_id   # selected when the saved change is shown
        dialog.deleteLater()
