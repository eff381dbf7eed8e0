"""登记案卷 / 修改案卷: every field of a case file, saved through the core.

The dialog saves itself (on the database worker) when 确定 is pressed and closes only once the
save succeeded; a refusal (a 案卷编号 already registered, a missing 案由 …) is shown inside the
dialog with everything typed kept. Enter moves to the next field, Ctrl+Enter saves.
"""
from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import (QCheckBox, QComboBox, QDialog, QDialogButtonBox, QFormLayout,
                               QLabel, QLineEdit, QPlainTextEdit, QPushButton, QVBoxLayout,
                               QWidget)

from models import casefiles
from models.casefiles import CASE_TYPES
from models.session import Session
from models.store import Changes

from ..errors import describe
from ..i18n import translate
from ..widgets import enter_moves_on, error_label
from ..worker import DbWorker
from .rows_editor import DateEdit

#: 执法门类 offered in the list (any other may be typed).
DOMAINS = ("公路路政", "道路运输", "水路运输", "港口", "航道", "地方海事", "交通工程质量监督",
           "城市客运", "综合")


class CaseFileDialog(QDialog):
    """Register a case file (``case`` None) or edit one (a row of ``list_case_files``);
    ``agencies`` are the unit names offered for 办案机构. After acceptance :attr:`saved_id` is
    the file's id."""

    def __init__(self, parent: QWidget | None, worker: DbWorker, session: Session,
                 agencies: list[str], case: dict[str, Any] | None = None) -> None:
        super().__init__(parent)
        self.worker = worker
        self.session = session
        self.case = case
        self.saved_id: int | None = case["id"] if case else None
        self.setObjectName("casefile_dialog")
        self.setWindowTitle(self.tr("修改案卷") if case else self.tr("登记案卷"))
        self.resize(560, 520)
        layout = QVBoxLayout(self)
        hint = QLabel(self.tr("带 * 的为必填项。Enter 键转到下一项，Ctrl+Enter 保存。"))
        hint.setStyleSheet("color: #666;")
        layout.addWidget(hint)
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)

        self.case_no = QLineEdit()
        self.case_no.setObjectName("case_no")
        self.case_no.setPlaceholderText(self.tr("如：玛交执罚〔2024〕12号"))
        self.case_type = QComboBox()
        self.case_type.setObjectName("case_type")
        for key, label in CASE_TYPES.items():
            self.case_type.addItem(translate("casefiles", label), key)
        self.domain = QComboBox()
        self.domain.setObjectName("domain")
        self.domain.setEditable(True)
        self.domain.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.domain.addItems(["", *DOMAINS])
        self.cause = QLineEdit()
        self.cause.setObjectName("cause")
        self.cause.setPlaceholderText(self.tr("如：车辆超限运输"))
        self.party = QLineEdit()
        self.party.setObjectName("party")
        self.officers = QLineEdit()
        self.officers.setObjectName("officers")
        self.officers.setPlaceholderText(self.tr("如：李海龙、索南扎西"))
        self.major = QCheckBox(self.tr("重大案件"))
        self.major.setObjectName("major")
        self.agency = QComboBox()
        self.agency.setObjectName("agency")
        self.agency.setEditable(True)
        self.agency.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.agency.addItems(agencies)
        self.agency.setToolTip(self.tr("选择登记过的单位时，案卷归属该单位；其他名称按原文保存，案卷归本单位"))
        self.closed_date = DateEdit()
        self.closed_date.setObjectName("closed_date")
        self.note = QPlainTextEdit()
        self.note.setObjectName("note")
        self.note.setTabChangesFocus(True)
        self.note.setFixedHeight(self.fontMetrics().lineSpacing() * 3 + 14)
        for label, widget in ((self.tr("案卷编号 *"), self.case_no),
                              (self.tr("案件类型 *"), self.case_type),
                              (self.tr("执法门类"), self.domain),
                              (self.tr("案由 *"), self.cause),
                              (self.tr("当事人"), self.party),
                              (self.tr("执法人员"), self.officers),
                              (self.tr("是否重大案件"), self.major),
                              (self.tr("办案机构"), self.agency),
                              (self.tr("结案时间"), self.closed_date),
                              (self.tr("备注"), self.note)):
            form.addRow(label, widget)
        layout.addLayout(form)
        self.message = error_label()
        self.message.hide()
        layout.addWidget(self.message)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                   | QDialogButtonBox.StandardButton.Cancel)
        self.ok_button = buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setObjectName("save_casefile")
        self.ok_button.setToolTip(self.tr("保存（Ctrl+Enter）"))
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        for button in self.findChildren(QPushButton):
            button.setAutoDefault(False)   # Enter on a field must not press 确定
        self._fill(case)
        self.case_no.setFocus()

    def _fill(self, case: dict[str, Any] | None) -> None:
        if case is None:
            self.agency.setCurrentIndex(0)
            return
        self.case_no.setText(case["case_no"])
        self.case_type.setCurrentIndex(max(self.case_type.findData(case["case_type"]), 0))
        self.domain.setCurrentText(case["domain"])
        self.cause.setText(case["cause"])
        self.party.setText(case["party"])
        self.officers.setText(case["officers"])
        self.major.setChecked(bool(case["major"]))
        self.agency.setCurrentText(case["agency"])
        self.closed_date.set_iso(case["closed_date"])
        self.note.setPlainText(case["note"])

    def values(self) -> dict[str, Any]:
        """The fields in the shape the core takes."""
        return {"case_no": self.case_no.text(), "case_type": self.case_type.currentData(),
                "domain": self.domain.currentText(), "cause": self.cause.text(),
                "party": self.party.text(), "officers": self.officers.text(),
                "major": self.major.isChecked(), "agency": self.agency.currentText(),
                "closed_date": self.closed_date.iso(), "note": self.note.toPlainText()}

    def save(self) -> None:
        """Save through the core; close on success, show the refusal otherwise."""
        if not self.ok_button.isEnabled():
            return
        self.ok_button.setEnabled(False)
        self.message.hide()
        if self.case is None:
            self.worker.call(casefiles.add_case_file, self.session, **self.values(),
                             on_done=self._saved, on_error=self._failed)
        else:
            self.worker.call(casefiles.update_case_file, self.session, self.case["id"],
                             **self.values(), on_done=self._saved, on_error=self._failed)

    def _saved(self, changes: Changes) -> None:
        self.ok_button.setEnabled(True)
        if self.saved_id is None and changes and "case_files" in changes.rows:
            self.saved_id = int(next(iter(changes.rows["case_files"])))
        self.accept()

    def _failed(self, exc: BaseException) -> None:
        self.ok_button.setEnabled(True)
        self.message.setText(describe(exc))
        self.message.show()

    def keyPressEvent(self, event: Any) -> None:  # noqa: N802 - Qt override
        """Enter: the next field; Ctrl+Enter: save."""
        if not enter_moves_on(self, event, self.save):
            super().keyPressEvent(event)
