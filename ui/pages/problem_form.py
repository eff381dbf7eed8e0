"""The detail editor beside the ledger: one problem's fields, its lifecycle buttons, progress notes,
evidence thumbnails and history."""
from __future__ import annotations

from typing import Any

from PySide6.QtCore import QSize, Signal
from PySide6.QtGui import QIcon, QImageReader, QPixmap
from PySide6.QtWidgets import (QComboBox, QDateEdit, QFormLayout, QGroupBox, QHBoxLayout, QLabel,
                               QLineEdit, QListWidget, QListWidgetItem, QPlainTextEdit,
                               QPushButton, QScrollArea, QVBoxLayout, QWidget)

from models.i18n import QT_TRANSLATE_NOOP
from models.problems import CHANNELS, SCOPES, SOURCES, STATUSES, TRANSITIONS

from ..i18n import translate

THUMB = 72

#: (from, to) -> button text of the lifecycle step
STEP_TEXT = {
    ("open", "in_progress"): QT_TRANSLATE_NOOP("ProblemForm", "开始整改"),
    ("open", "rectified"): QT_TRANSLATE_NOOP("ProblemForm", "报告已整改"),
    ("in_progress", "rectified"): QT_TRANSLATE_NOOP("ProblemForm", "报告已整改"),
    ("rectified", "closed"): QT_TRANSLATE_NOOP("ProblemForm", "验收销号"),
    ("rectified", "in_progress"): QT_TRANSLATE_NOOP("ProblemForm", "退回重新整改…"),
    ("closed", "rebound"): QT_TRANSLATE_NOOP("ProblemForm", "出现反弹…"),
    ("rebound", "in_progress"): QT_TRANSLATE_NOOP("ProblemForm", "开始整改"),
    ("rebound", "rectified"): QT_TRANSLATE_NOOP("ProblemForm", "报告已整改"),
}


def _combo(items: dict[str, str], context: str, blank: str | None = None) -> QComboBox:
    combo = QComboBox()
    if blank is not None:
        combo.addItem(blank, "")
    for key, text in items.items():
        combo.addItem(translate(context, text), key)
    return combo


def _select(combo: QComboBox, data: Any) -> None:
    index = combo.findData(data)
    combo.setCurrentIndex(index if index >= 0 else 0)


def thumbnail(path: str) -> QIcon | None:
    """A small icon of an image file, read at thumbnail size (never the whole photo)."""
    reader = QImageReader(path)
    if not reader.canRead():
        return None
    size = reader.size()
    if size.isValid() and size.width() > 0 and size.height() > 0:
        scale = THUMB / max(size.width(), size.height())
        reader.setScaledSize(QSize(max(1, int(size.width() * scale)),
                                   max(1, int(size.height() * scale))))
    image = reader.read()
    return None if image.isNull() else QIcon(QPixmap.fromImage(image))


class ProblemForm(QWidget):
    """Shows one problem (or a new one) and emits what the user asks for; the page does the work."""

    save_requested = Signal(dict)
    step_requested = Signal(str)           # the status to move to
    note_requested = Signal()
    attach_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.problem: dict[str, Any] | None = None
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        self.title = QLabel()
        self.title.setObjectName("form_title")
        self.title.setWordWrap(True)
        outer.addWidget(self.title)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        from PySide6.QtCore import Qt
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        body = QWidget()
        scroll.setWidget(body)
        outer.addWidget(scroll, 1)
        layout = QVBoxLayout(body)

        form = QFormLayout()
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        self.campaign = QComboBox()
        self.campaign.setObjectName("campaign")
        self.category = QComboBox()
        self.category.setObjectName("category")
        self.category.setEditable(True)
        self.issue = QLineEdit()
        self.issue.setObjectName("issue")
        self.manifestation = QPlainTextEdit()
        self.manifestation.setObjectName("manifestation")
        self.measures = QPlainTextEdit()
        self.measures.setObjectName("measures")
        self.dept = QLineEdit()
        self.dept.setObjectName("responsible_dept")
        self.person = QComboBox()
        self.person.setObjectName("responsible_person")
        self.deadline = QDateEdit()
        self.deadline.setObjectName("deadline")
        self.deadline.setCalendarPopup(True)
        self.deadline.setDisplayFormat("yyyy-MM-dd")
        self.scope = _combo(SCOPES, "problems")
        self.scope.setObjectName("scope")
        self.source = _combo(SOURCES, "problems")
        self.source.setObjectName("source")
        self.channel = QComboBox()
        self.channel.setObjectName("source_channel")
        self.channel.addItem("", "")
        for c in CHANNELS:
            self.channel.addItem(c, c)
        self.remarks = QLineEdit()
        self.remarks.setObjectName("remarks")
        self.completion = QPlainTextEdit()
        self.completion.setObjectName("completion")
        self.effective = QComboBox()
        self.effective.setObjectName("effective")
        for key, text in (("", ""), ("yes", self.tr("是")), ("no", self.tr("否"))):
            self.effective.addItem(text, key)
        self.rebound_measures = QPlainTextEdit()
        self.rebound_measures.setObjectName("rebound_measures")
        for edit in (self.manifestation, self.measures, self.completion, self.rebound_measures):
            edit.setTabChangesFocus(True)
            edit.setFixedHeight(64)
        source_row = QHBoxLayout()
        source_row.addWidget(self.source, 1)
        source_row.addWidget(QLabel(self.tr("渠道")))
        source_row.addWidget(self.channel)
        form.addRow(self.tr("专项行动"), self.campaign)
        form.addRow(self.tr("问题方面"), self.category)
        form.addRow(self.tr("存在问题"), self.issue)
        form.addRow(self.tr("具体表现"), self.manifestation)
        form.addRow(self.tr("整改措施"), self.measures)
        form.addRow(self.tr("责任部门"), self.dept)
        form.addRow(self.tr("责任人"), self.person)
        form.addRow(self.tr("整改时限"), self.deadline)
        form.addRow(self.tr("共性/个性"), self.scope)
        form.addRow(self.tr("问题来源"), source_row)
        form.addRow(self.tr("备注"), self.remarks)
        form.addRow(self.tr("整改完成情况"), self.completion)
        form.addRow(self.tr("是否取得预期成效"), self.effective)
        form.addRow(self.tr("反弹整改措施及完成情况"), self.rebound_measures)
        layout.addLayout(form)

        buttons = QHBoxLayout()
        self.save_button = QPushButton(self.tr("保存"))
        self.save_button.setObjectName("save_problem")
        self.save_button.setDefault(True)
        self.save_button.clicked.connect(self._save)
        buttons.addWidget(self.save_button)
        self.steps = QHBoxLayout()
        buttons.addLayout(self.steps)
        buttons.addStretch(1)
        layout.addLayout(buttons)
        for edit in (self.issue, self.dept, self.remarks):
            edit.returnPressed.connect(self._save)   # Enter saves

        notes_box = QGroupBox(self.tr("整改进展"))
        notes_layout = QVBoxLayout(notes_box)
        self.notes = QListWidget()
        self.notes.setObjectName("notes")
        notes_layout.addWidget(self.notes)
        self.note_button = QPushButton(self.tr("添加进展…"))
        self.note_button.clicked.connect(self.note_requested)
        notes_layout.addWidget(self.note_button)
        layout.addWidget(notes_box)

        evidence_box = QGroupBox(self.tr("印证资料"))
        evidence_layout = QVBoxLayout(evidence_box)
        self.evidence = QListWidget()
        self.evidence.setObjectName("evidence")
        self.evidence.setViewMode(QListWidget.ViewMode.IconMode)
        self.evidence.setIconSize(QSize(THUMB, THUMB))
        self.evidence.setMinimumHeight(THUMB + 40)
        evidence_layout.addWidget(self.evidence)
        self.attach_button = QPushButton(self.tr("添加照片或文件…"))
        self.attach_button.setObjectName("attach")
        self.attach_button.clicked.connect(self.attach_requested)
        evidence_layout.addWidget(self.attach_button)
        layout.addWidget(evidence_box)

        history_box = QGroupBox(self.tr("流转记录"))
        history_layout = QVBoxLayout(history_box)
        self.history = QListWidget()
        self.history.setObjectName("history")
        history_layout.addWidget(self.history)
        layout.addWidget(history_box)
        self._step_buttons: list[QPushButton] = []
        self._categories: dict[Any, list[str]] = {}
        self.campaign.currentIndexChanged.connect(self._campaign_changed)

    # --- filling ------------------------------------------------------------------------------

    def set_choices(self, campaigns: list[dict[str, Any]], people: list[dict[str, Any]]) -> None:
        # Refilled whenever campaigns or people change (e.g. the responsible person was just
        # added in 设置): keep what the form shows, or a new problem would lose its campaign.
        campaign, person = self.campaign.currentData(), self.person.currentData()
        self.campaign.clear()
        self.campaign.addItem(self.tr("（不属于专项行动）"), None)
        for c in campaigns:
            self.campaign.addItem(f"{c['title']}（{c['doc_no']}）" if c["doc_no"] else c["title"],
                                  c["id"])
        self._categories = {c["id"]: [x["name"] for x in c.get("categories", [])]
                            for c in campaigns}
        self.person.clear()
        self.person.addItem("", None)
        for p in people:
            if p["active"]:
                self.person.addItem(f"{p['name']}（{p['title']}）" if p["title"] else p["name"],
                                    p["id"])
        _select(self.campaign, campaign)
        _select(self.person, person)

    def _campaign_changed(self, _index: int) -> None:
        current = self.category.currentText()
        self.category.clear()
        self.category.addItems(self._categories.get(self.campaign.currentData(), []))
        self.category.setCurrentText(current if current else self.category.itemText(0))

    def new(self, campaign_id: int | None) -> None:
        """An empty form for a new problem in ``campaign_id``."""
        self.problem = None
        self.title.setText(self.tr("新问题（保存后挂单，状态为“待整改”）"))
        _select(self.campaign, campaign_id)
        self.campaign.setEnabled(True)
        self._campaign_changed(0)
        for edit in (self.issue, self.dept, self.remarks):
            edit.clear()
        for edit in (self.manifestation, self.measures, self.completion, self.rebound_measures):
            edit.clear()
        from PySide6.QtCore import QDate
        self.deadline.setDate(QDate.currentDate().addDays(30))
        for combo in (self.person, self.scope, self.source, self.channel, self.effective):
            combo.setCurrentIndex(0)
        self._show_steps(None)
        for widget in (self.notes, self.evidence, self.history):
            widget.clear()
        for widget in (self.note_button, self.attach_button):
            widget.setEnabled(False)
        self.issue.setFocus()

    def show_problem(self, p: dict[str, Any], evidence_paths: dict[int, str]) -> None:
        """Fill the form from ``models.problems.get_problem``'s dict."""
        self.problem = p
        status = translate("problems", STATUSES[p["status"]])
        self.title.setText(self.tr("序号 {seq}　{status}").format(seq=p["seq_no"], status=status))
        _select(self.campaign, p["campaign_id"])
        self.campaign.setEnabled(False)
        self._campaign_changed(0)
        self.category.setCurrentText(p["category"])
        self.issue.setText(p["issue"])
        self.manifestation.setPlainText(p["manifestation"])
        self.measures.setPlainText(p["measures"])
        self.dept.setText(p["responsible_dept"])
        _select(self.person, p["responsible_person_id"])
        from PySide6.QtCore import QDate
        if p["deadline"]:
            self.deadline.setDate(QDate.fromString(p["deadline"], "yyyy-MM-dd"))
        _select(self.scope, p["scope"])
        _select(self.source, p["source"])
        _select(self.channel, p["source_channel"])
        self.remarks.setText(p["remarks"])
        self.completion.setPlainText(p["completion"])
        _select(self.effective, p["effective"])
        self.rebound_measures.setPlainText(p["rebound_measures"])
        self.notes.clear()
        for n in p["notes"]:
            self.notes.addItem(f"{n['note_date']}　{n['text']}（{n['username'] or ''}）")
        self.evidence.clear()
        for e in p["evidence"]:
            item = QListWidgetItem(e["original_name"])
            item.setToolTip(f"{e['original_name']}\n{e['added_at'][:19]}")
            icon = thumbnail(evidence_paths.get(e["id"], ""))
            if icon is not None:
                item.setIcon(icon)
            self.evidence.addItem(item)
        self.history.clear()
        for ev in p["events"]:
            old = translate("problems", STATUSES.get(ev["from_status"], "")) \
                if ev["from_status"] else self.tr("挂单")
            new = translate("problems", STATUSES[ev["to_status"]])
            note = f"：{ev['note']}" if ev["note"] else ""
            self.history.addItem(f"{ev['ts'][:16].replace('T', ' ')}　{ev['username'] or ''}"
                                 f"　{old} → {new}{note}")
        for widget in (self.note_button, self.attach_button):
            widget.setEnabled(True)
        self._show_steps(p["status"])

    def _show_steps(self, status: str | None) -> None:
        for button in self._step_buttons:
            self.steps.removeWidget(button)
            button.deleteLater()
        self._step_buttons = []
        if status is None:
            return
        for (old, new), _rule in TRANSITIONS.items():
            if old != status:
                continue
            button = QPushButton(translate("ProblemForm", STEP_TEXT[(old, new)]))
            button.setObjectName(f"step_{new}")
            button.clicked.connect(lambda _c=False, new=new: self.step_requested.emit(new))
            self.steps.addWidget(button)
            self._step_buttons.append(button)

    def values(self) -> dict[str, Any]:
        """The form's fields as ``models.problems`` takes them."""
        return {
            "category": self.category.currentText(), "issue": self.issue.text(),
            "manifestation": self.manifestation.toPlainText(),
            "measures": self.measures.toPlainText(), "responsible_dept": self.dept.text(),
            "responsible_person_id": self.person.currentData(),
            "deadline": self.deadline.date().toString("yyyy-MM-dd"),
            "scope": self.scope.currentData(), "source": self.source.currentData(),
            "source_channel": self.channel.currentData(), "remarks": self.remarks.text(),
            "completion": self.completion.toPlainText(), "effective": self.effective.currentData(),
            "rebound_measures": self.rebound_measures.toPlainText(),
        }

    def _save(self) -> None:
        self.save_requested.emit(self.values())
