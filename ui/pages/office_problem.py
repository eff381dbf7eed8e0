"""The read-only detail of one problem a unit sent to the office: its fields, its 责任人签字 as
judged here (with what changed since signing), its status history, progress notes and evidence
files (name, SHA-256, size, and whether the file is in the office's store). Read on the worker
(``office_browse.problem_detail``); nothing can be changed here."""
from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from models import office_browse
from models.evidence import format_size
from models.problems import SCOPES, SOURCES, STATUSES
from models.signing import CONTENT_LABELS

from ..errors import show_error
from ..i18n import translate
from .audit_panel import local_time
from .ledger_model import SIGNATURE_COLOURS
from .office_browse import office_signature_tip, signature_text, signer_line
from .rows_model import Row, RowsModel, rows_view

#: (problem field, label context, label) in the order of the official forms.
FIELDS: list[tuple[str, str, str]] = [
    ("category", "signing", CONTENT_LABELS["category"]),
    ("issue", "signing", CONTENT_LABELS["issue"]),
    ("manifestation", "signing", CONTENT_LABELS["manifestation"]),
    ("measures", "signing", CONTENT_LABELS["measures"]),
    ("responsible_dept", "signing", CONTENT_LABELS["responsible_dept"]),
    ("responsible", "signing", CONTENT_LABELS["responsible_person_id"]),
    ("deadline", "signing", CONTENT_LABELS["deadline"]),
    ("status", "signing", CONTENT_LABELS["status"]),
    ("completion", "signing", CONTENT_LABELS["completion"]),
    ("effective", "signing", CONTENT_LABELS["effective"]),
    ("rebound", "signing", CONTENT_LABELS["rebound"]),
    ("rebound_measures", "signing", CONTENT_LABELS["rebound_measures"]),
]


class ProblemDialog(QDialog):
    """One problem of a unit, read-only. ``detail`` is what the worker returned (None until
    then)."""

    def __init__(self, page: Any, unit_code: str, problem_id: int) -> None:
        super().__init__(page)
        self.page = page
        self.detail: dict[str, Any] | None = None
        self.changes_dialog: QDialog | None = None
        self.setWindowTitle(self.tr("问题详情（只读）"))
        self.resize(820, 680)
        layout = QVBoxLayout(self)
        self.heading = QLabel(self.tr("正在读取…"))
        self.heading.setObjectName("problem_heading")
        self.heading.setWordWrap(True)
        self.heading.setStyleSheet("font-weight: bold;")
        layout.addWidget(self.heading)
        note = QLabel(self.tr("这是下级单位报送的记录，只读。"))
        note.setStyleSheet("color: #666666;")
        layout.addWidget(note)
        self.tabs = QTabWidget()
        self.tabs.setObjectName("problem_tabs")
        layout.addWidget(self.tabs, 1)
        # the fields and the signature
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        inner = QWidget()
        self.form = QFormLayout(inner)
        self.form.setLabelAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop)
        self.values: dict[str, QLabel] = {}
        for field, context, label in FIELDS:
            value = QLabel()
            value.setObjectName(f"field_{field}")
            value.setWordWrap(True)
            value.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            self.values[field] = value
            self.form.addRow(translate(context, label) + self.tr("："), value)
        self.signature = QLabel()
        self.signature.setObjectName("problem_signature")
        self.signature.setWordWrap(True)
        self.signature.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        sig_row = QHBoxLayout()
        sig_row.addWidget(self.signature, 1)
        self.changes_button = QPushButton(self.tr("查看改动…"))
        self.changes_button.setObjectName("problem_changes")
        self.changes_button.setVisible(False)
        self.changes_button.clicked.connect(self.open_changes)
        sig_row.addWidget(self.changes_button, 0, Qt.AlignmentFlag.AlignTop)
        self.form.addRow(self.tr("责任人签字："), sig_row)
        scroll.setWidget(inner)
        self.tabs.addTab(scroll, self.tr("问题"))
        # history, progress notes, evidence
        self.events = RowsModel([self.tr("时间"), self.tr("原状态"), self.tr("新状态"),
                                 self.tr("说明"), self.tr("操作人")], self)
        self.notes = RowsModel([self.tr("日期"), self.tr("整改进展"), self.tr("填写人")], self)
        self.files = RowsModel([self.tr("文件名"), self.tr("SHA-256"), self.tr("大小"),
                                self.tr("本机存有"), self.tr("添加时间")], self)
        self.events_view = rows_view(self.events, "problem_events", sortable=False)
        self.notes_view = rows_view(self.notes, "problem_notes", sortable=False)
        self.files_view = rows_view(self.files, "problem_files", sortable=False)
        self.tabs.addTab(self.events_view, self.tr("状态记录"))
        self.tabs.addTab(self.notes_view, self.tr("整改进展"))
        self.tabs.addTab(self.files_view, self.tr("印证资料"))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        page.worker.call(office_browse.problem_detail, page.session, unit_code, problem_id,
                         on_done=self._show, on_error=lambda exc: show_error(self, exc))

    def _show(self, detail: dict[str, Any]) -> None:
        self.detail = detail
        p = detail["problem"]
        unit = self.page.unit_combo.currentText() if hasattr(self.page, "unit_combo") else ""
        self.heading.setText(self.tr("{unit}　{campaign}　序号 {seq}").format(
            unit=unit, campaign=p["campaign"] or self.tr("（未归入专项行动）"), seq=p["seq_no"]))
        yes, no = self.tr("是"), self.tr("否")
        shown = dict(p)
        shown["status"] = translate("problems", STATUSES.get(p["status"], p["status"] or ""))
        shown["effective"] = {"yes": yes, "no": no}.get(p["effective"] or "", "")
        shown["rebound"] = yes if p["rebound"] else no
        shown["deadline"] = p["deadline"] or self.tr("无期限")
        for field, label in self.values.items():
            label.setText(str(shown.get(field) or "—"))
        extra = [(self.tr("来源"), translate("problems", SOURCES.get(p["source"], p["source"]
                                                                   or ""))),
                 (self.tr("共性/个性"), translate("problems", SCOPES.get(p["scope"], p["scope"]
                                                                      or ""))),
                 (self.tr("备注"), p["remarks"] or "—")]
        self.values["status"].setToolTip(self.tr("登记于 {time}，最近更新 {updated}").format(
            time=local_time(p["created_at"] or ""), updated=local_time(p["updated_at"] or "")))
        self._extra(extra)
        state = p["signature"]
        colour = SIGNATURE_COLOURS.get(state["status"])
        text = f"<b style='color:{colour.name() if colour else '#333'}'>" \
               f"{signature_text(state)}</b>　{office_signature_tip(state)}"
        signer = signer_line(state)
        if signer:
            text += f"<br>{signer}"
        self.signature.setText(text)
        self.changes_button.setVisible(bool(detail["changed"]) and detail["signed"] is not None)
        self.events.set_rows([Row(texts=(
            local_time(e["ts"] or "")[:16], translate("problems", STATUSES.get(
                e["from_status"], e["from_status"] or "")) if e["from_status"] else "",
            translate("problems", STATUSES.get(e["to_status"], e["to_status"] or "")),
            e["note"], e["by"])) for e in detail["events"]])
        self.notes.set_rows([Row(texts=(n["note_date"] or "", n["text"], n["by"]),
                                 tips=(None, n["text"], None)) for n in detail["notes"]])
        missing = SIGNATURE_COLOURS["invalid"]
        self.files.set_rows([Row(
            texts=(f["original_name"], f["sha256"] or "", format_size(int(f["size"] or 0)),
                   self.tr("是") if f["present"] else self.tr("否（未收到文件）"),
                   local_time(f["added_at"] or "")[:16]),
            tips=(f["path"], f["sha256"], None, None, None),
            colours=(None, None, None, None if f["present"] else missing, None))
            for f in detail["evidence"]])
        self.files_view.resizeColumnsToContents()
        for index, model in ((1, self.events), (2, self.notes), (3, self.files)):
            base = self.tabs.tabText(index).split("（")[0]
            self.tabs.setTabText(index, f"{base}（{model.rowCount()}）")

    def _extra(self, rows: list[tuple[str, str]]) -> None:
        for label, value in rows:
            text = QLabel(value)
            text.setWordWrap(True)
            text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            self.form.insertRow(self.form.rowCount() - 1, label + self.tr("："), text)

    def open_changes(self) -> None:
        """Field by field, the content as signed and as it is now (the station's dialog)."""
        if self.detail is None:
            return
        from .row_signature import ChangesDialog
        self.changes_dialog = ChangesDialog({"state": self.detail["problem"]["signature"],
                                             "signed": self.detail["signed"],
                                             "current": self.detail["current"]}, self)
        self.changes_dialog.open()
