"""转为问题台账: hang chosen review findings on the ledger, in one call of the core.

The dialog asks for the campaign the problems belong to (or none) and their category: by
default each finding takes its section's 对应问题类别 (else its stage's name), which the core
matches against the campaign's categories; a category chosen here applies to all of them.
"""
from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (QComboBox, QDialog, QDialogButtonBox, QFormLayout, QLabel,
                               QListWidget, QVBoxLayout, QWidget)

from models import casereviews
from models.session import Session
from models.store import Changes

from ..errors import describe
from ..widgets import error_label
from ..worker import DbWorker


class ReviewProblemsDialog(QDialog):
    """Choose campaign and category for ``findings`` ((code, text) pairs) of review
    ``review_id`` and create the problems; :attr:`created` holds the Changes afterwards."""

    def __init__(self, worker: DbWorker, session: Session, review_id: int,
                 findings: list[tuple[str, str]], campaigns: list[dict[str, Any]],
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.worker = worker
        self.session = session
        self.review_id = review_id
        self.codes = [code for code, _text in findings]
        self.campaigns = campaigns
        self.created: Changes | None = None
        self.setObjectName("review_problems_dialog")
        self.setWindowTitle(self.tr("转为问题台账"))
        self.resize(560, 420)
        layout = QVBoxLayout(self)
        intro = QLabel(self.tr("以下 {n} 项评查发现将登记为问题台账中的问题（来源：案卷评查），"
                               "责任单位为案卷所属单位。已转入的项不会重复登记。").format(n=len(findings)))
        intro.setWordWrap(True)
        layout.addWidget(intro)
        listing = QListWidget()
        listing.setObjectName("findings")
        for code, text in findings:
            listing.addItem(f"{code}  {text}")
        listing.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        layout.addWidget(listing, 1)
        form = QFormLayout()
        self.campaign = QComboBox()
        self.campaign.setObjectName("problem_campaign")
        for c in campaigns:
            self.campaign.addItem(c["title"], c["id"])
        self.campaign.addItem(self.tr("（不属于专项行动）"), None)
        form.addRow(self.tr("专项行动"), self.campaign)
        self.category = QComboBox()
        self.category.setObjectName("problem_category")
        form.addRow(self.tr("问题类别"), self.category)
        layout.addLayout(form)
        self.message = error_label()
        self.message.hide()
        layout.addWidget(self.message)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                   | QDialogButtonBox.StandardButton.Cancel)
        self.ok_button = buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setText(self.tr("登记 {n} 个问题").format(n=len(findings)))
        buttons.accepted.connect(self.create)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.campaign.currentIndexChanged.connect(self._fill_categories)
        self._fill_categories()
        self.campaign.setFocus()

    def _fill_categories(self, _index: int = 0) -> None:
        self.category.clear()
        self.category.addItem(self.tr("按评查标准的对应问题类别"), None)
        cid = self.campaign.currentData()
        for c in self.campaigns:
            if c["id"] == cid:
                for cat in c["categories"]:
                    self.category.addItem(cat["name"], cat["name"])

    def create(self) -> None:
        """Create the problems through the core; close on success, show a refusal here."""
        self.ok_button.setEnabled(False)
        self.message.hide()
        self.worker.call(casereviews.review_problems, self.session, self.review_id, self.codes,
                         campaign_id=self.campaign.currentData(),
                         category=self.category.currentData(),
                         on_done=self._created, on_error=self._failed)

    def _created(self, changes: Changes) -> None:
        self.created = changes
        self.accept()

    def _failed(self, exc: BaseException) -> None:
        self.ok_button.setEnabled(True)
        self.message.setText(describe(exc))
        self.message.show()
