"""The detail editor beside the ledger: one problem's fields, its lifecycle buttons, progress notes,
evidence thumbnails and history.

Unsaved edits survive a reload: when the ledger shows the same problem again (after any change,
from this page or another), the fields the user has changed keep what the user typed and only
the others take the new values; a save sends just the changed fields. Evidence thumbnails are
decoded at thumbnail size on a thread of Qt's global thread pool, never on the GUI thread; a
placeholder shows until each one is ready.
"""
from __future__ import annotations

import itertools
from collections import OrderedDict
from typing import Any

from PySide6.QtCore import QDate, QObject, QRunnable, QSize, QThreadPool, Signal
from PySide6.QtGui import QColor, QIcon, QImage, QImageReader, QPainter, QPixmap
from PySide6.QtWidgets import (QCheckBox, QComboBox, QDateEdit, QFormLayout, QGroupBox,
                               QHBoxLayout, QLabel, QLineEdit, QListWidget, QListWidgetItem,
                               QPlainTextEdit, QPushButton, QScrollArea, QVBoxLayout, QWidget)

from models.i18n import QT_TRANSLATE_NOOP
from models.problems import CHANNELS, SCOPES, SOURCES, STATUSES, TRANSITIONS

from ..i18n import translate

THUMB = 72
#: Thumbnails kept by file path (a stored file's name is its content hash: it never changes).
THUMB_CACHE = 200
#: The earliest date the deadline field takes; showing it means "no deadline".
NO_DATE = QDate(2000, 1, 1)
#: item data roles of an evidence item: its evidence id, and 'loading', 'image' or 'file'
EVIDENCE_ID_ROLE, THUMB_STATE_ROLE = 256, 257

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


def read_thumbnail(path: str) -> QImage:
    """The image file at ``path`` decoded at thumbnail size (never the whole photo); a null
    image when it is not an image Qt can read. Safe on any thread (QImage, not QPixmap)."""
    reader = QImageReader(path)
    if not reader.canRead():
        return QImage()
    size = reader.size()
    if size.isValid() and size.width() > 0 and size.height() > 0:
        scale = THUMB / max(size.width(), size.height())
        reader.setScaledSize(QSize(max(1, int(size.width() * scale)),
                                   max(1, int(size.height() * scale))))
    return reader.read()


class _Thumbnails(QObject):
    """Hands decoded thumbnails from the pool threads to the GUI thread (queued signal).

    One object for the application's lifetime, so a result never outlives its sender; each form
    keeps the tokens it asked for and ignores every other result. A request forgotten before a
    pool thread gets to it is not decoded at all.
    """

    ready = Signal(int, QImage)   # token, image (null when the file is not a readable image)

    def __init__(self) -> None:
        super().__init__()
        self._tokens = itertools.count(1)
        self._wanted: set[int] = set()   # changed on the GUI thread; read (atomically) by the pool

    def request(self, path: str) -> int:
        """Decode ``path`` on the global thread pool; the token its result will carry."""
        token = next(self._tokens)
        self._wanted.add(token)
        QThreadPool.globalInstance().start(_ReadThumbnail(self, token, path))
        return token

    def forget(self, tokens: Any) -> None:
        """The results of ``tokens`` are no longer wanted (GUI thread)."""
        self._wanted.difference_update(tokens)

    def wanted(self, token: int) -> bool:
        return token in self._wanted


class _ReadThumbnail(QRunnable):
    def __init__(self, sender: _Thumbnails, token: int, path: str) -> None:
        super().__init__()
        self.sender, self.token, self.path = sender, token, path

    def run(self) -> None:
        if not self.sender.wanted(self.token):
            return  # its form moved on to another problem meanwhile
        try:
            image = read_thumbnail(self.path)
        except Exception:  # noqa: BLE001 - a broken file is shown as a document, never raised
            image = QImage()
        self.sender.ready.emit(self.token, image)


_thumbnails: _Thumbnails | None = None


def thumbnails() -> _Thumbnails:
    """The application's thumbnail reader (made on first use, on the GUI thread)."""
    global _thumbnails
    if _thumbnails is None:
        _thumbnails = _Thumbnails()
    return _thumbnails


def _tile(text: str, background: str) -> QIcon:
    """A THUMB-sized tile with ``text`` in the middle: the placeholder and the document icon."""
    pixmap = QPixmap(THUMB, THUMB)
    pixmap.fill(QColor(0, 0, 0, 0))
    painter = QPainter(pixmap)
    painter.setPen(QColor("#9e9e9e"))
    painter.setBrush(QColor(background))
    painter.drawRoundedRect(8, 2, THUMB - 17, THUMB - 5, 4, 4)
    painter.setPen(QColor("#616161"))
    painter.drawText(pixmap.rect(), 0x84, text)   # Qt.AlignCenter
    painter.end()
    return QIcon(pixmap)


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
        self.deadline.setMinimumDate(NO_DATE)
        self.deadline.setSpecialValueText(self.tr("（无期限）"))
        self.no_deadline = QCheckBox(self.tr("无期限"))
        self.no_deadline.setObjectName("no_deadline")
        self.no_deadline.setToolTip(self.tr("不设整改时限，或清除已有的整改时限"))
        self._last_deadline = QDate.currentDate().addDays(30)
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
        deadline_row = QHBoxLayout()
        deadline_row.addWidget(self.deadline, 1)
        deadline_row.addWidget(self.no_deadline)
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
        form.addRow(self.tr("整改时限"), deadline_row)
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
        self.no_deadline.toggled.connect(self._no_deadline_toggled)
        self.deadline.dateChanged.connect(self._deadline_changed)
        self.no_deadline.setChecked(True)   # the date edit starts at NO_DATE: keep them in step
        #: token of each thumbnail asked for -> (its evidence item, the file); the current list's
        self._thumb_items: dict[int, tuple[QListWidgetItem, str]] = {}
        self._thumb_cache: OrderedDict[str, tuple[QIcon, str]] = OrderedDict()  # icon, state
        self._placeholder: QIcon | None = None
        self._documents: dict[str, QIcon] = {}   # extension -> tile
        thumbnails().ready.connect(self._thumbnail_ready)
        #: what the fields showed when last filled (see has_unsaved_edits)
        self._shown = self.values()

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

    # --- 整改时限: a date, or none --------------------------------------------------------------

    def set_deadline(self, deadline: str | None) -> None:
        """Show ``deadline`` (YYYY-MM-DD), or no deadline when it is None or empty."""
        date = QDate.fromString(deadline, "yyyy-MM-dd") if deadline else QDate()
        if date.isValid() and date > NO_DATE:
            self.no_deadline.setChecked(False)
            self.deadline.setDate(date)
        else:
            self._last_deadline = QDate.currentDate().addDays(30)   # offered when unticked
            self.no_deadline.setChecked(True)

    def _no_deadline_toggled(self, on: bool) -> None:
        self.deadline.setEnabled(not on)
        if on:
            self.deadline.setDate(NO_DATE)        # shows the special text （无期限）
        elif self.deadline.date() <= NO_DATE:
            self.deadline.setDate(self._last_deadline)

    def _deadline_changed(self, date: QDate) -> None:
        if date > NO_DATE:
            self._last_deadline = date            # offered again when 无期限 is unticked
        elif not self.no_deadline.isChecked():
            self.no_deadline.setChecked(True)     # stepped down to （无期限）

    def deadline_value(self) -> str | None:
        """The deadline as the core takes it: YYYY-MM-DD, or None for no deadline."""
        if self.no_deadline.isChecked() or self.deadline.date() <= NO_DATE:
            return None
        return self.deadline.date().toString("yyyy-MM-dd")

    # --- unsaved edits ------------------------------------------------------------------------

    def edits(self) -> dict[str, Any]:
        """The fields the user changed since the form was last filled, with their values."""
        return {key: value for key, value in self.values().items()
                if value != self._shown.get(key)}

    def has_unsaved_edits(self) -> bool:
        """Whether an existing problem's fields hold changes that were not saved."""
        return self.problem is not None and bool(self.edits())

    def would_lose_typing(self) -> bool:
        """Whether showing something else now would drop what the user typed and did not save:
        changed fields of an existing problem, or any text in a new one."""
        if self.problem is not None:
            return self.has_unsaved_edits()
        values = self.values()
        return self.isEnabled() and any(
            str(values[k]).strip() for k in ("issue", "manifestation", "measures",
                                             "responsible_dept", "remarks", "completion",
                                             "rebound_measures"))

    def _incoming(self, p: dict[str, Any]) -> dict[str, Any]:
        """``p``'s fields as :meth:`values` gives them once filled in."""
        def combo(widget: QComboBox, data: Any) -> Any:
            index = widget.findData(data)
            return widget.itemData(index if index >= 0 else 0)
        out: dict[str, Any] = {
            "category": p["category"] or "", "responsible_person_id": combo(
                self.person, p["responsible_person_id"]),
            "deadline": p["deadline"] or None, "scope": combo(self.scope, p["scope"]),
            "source": combo(self.source, p["source"]),
            "source_channel": combo(self.channel, p["source_channel"]),
            "effective": combo(self.effective, p["effective"])}
        for key in ("issue", "manifestation", "measures", "responsible_dept", "remarks",
                    "completion", "rebound_measures"):
            out[key] = p[key] or ""
        return out

    def _put(self, key: str, value: Any) -> None:
        """Show ``value`` in the field of ``key`` (a key of :meth:`values`)."""
        lines = {"issue": self.issue, "responsible_dept": self.dept, "remarks": self.remarks}
        texts = {"manifestation": self.manifestation, "measures": self.measures,
                 "completion": self.completion, "rebound_measures": self.rebound_measures}
        combos = {"responsible_person_id": self.person, "scope": self.scope,
                  "source": self.source, "source_channel": self.channel,
                  "effective": self.effective}
        if key in lines:
            lines[key].setText(value)
        elif key in texts:
            texts[key].setPlainText(value)
        elif key in combos:
            _select(combos[key], value)
        elif key == "category":
            self.category.setCurrentText(value)
        elif key == "deadline":
            self.set_deadline(value)

    # --- a new problem, or one from the database ------------------------------------------------

    def new(self, campaign_id: int | None) -> None:
        """An empty form for a new problem in ``campaign_id``."""
        self.problem = None
        thumbnails().forget(self._thumb_items)
        self._thumb_items.clear()
        self.title.setText(self.tr("新问题（保存后挂单，状态为“待整改”）"))
        _select(self.campaign, campaign_id)
        self.campaign.setEnabled(True)
        self._campaign_changed(0)
        for edit in (self.issue, self.dept, self.remarks):
            edit.clear()
        for edit in (self.manifestation, self.measures, self.completion, self.rebound_measures):
            edit.clear()
        self.set_deadline(QDate.currentDate().addDays(30).toString("yyyy-MM-dd"))
        for combo in (self.person, self.scope, self.source, self.channel, self.effective):
            combo.setCurrentIndex(0)
        self._show_steps(None)
        for widget in (self.notes, self.evidence, self.history):
            widget.clear()
        for widget in (self.note_button, self.attach_button):
            widget.setEnabled(False)
        self._shown = self.values()
        self.issue.setFocus()

    def show_problem(self, p: dict[str, Any], evidence_paths: dict[int, str]) -> None:
        """Fill the form from ``models.problems.get_problem``'s dict.

        When ``p`` is the problem already shown (a reload), the fields the user has changed and
        not saved keep the user's text (and cursor); the other fields take ``p``'s values.
        """
        same = self.problem is not None and self.problem["id"] == p["id"]
        edits = self.edits() if same else {}
        self.problem = p
        status = translate("problems", STATUSES[p["status"]])
        self.title.setText(self.tr("序号 {seq}　{status}").format(seq=p["seq_no"], status=status))
        _select(self.campaign, p["campaign_id"])
        self.campaign.setEnabled(False)
        self._campaign_changed(0)
        incoming = self._incoming(p)
        current = self.values()
        for key, value in incoming.items():
            if key not in edits and current.get(key) != value:
                self._put(key, value)
        self._shown = {**self.values(), **{key: incoming[key] for key in edits}}
        self.notes.clear()
        for n in p["notes"]:
            self.notes.addItem(f"{n['note_date']}　{n['text']}（{n['username'] or ''}）")
        self._show_evidence(p["evidence"], evidence_paths)
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

    def _show_evidence(self, rows: list[dict[str, Any]], paths: dict[int, str]) -> None:
        """The evidence items, each with its thumbnail, or a placeholder until it is decoded."""
        thumbnails().forget(self._thumb_items)   # results still on their way: the old list's
        self._thumb_items.clear()
        self.evidence.clear()
        for e in rows:
            item = QListWidgetItem(e["original_name"])
            item.setToolTip(f"{e['original_name']}\n{e['added_at'][:19]}")
            item.setData(EVIDENCE_ID_ROLE, e["id"])
            path = paths.get(e["id"], "")
            cached = self._thumb_cache.get(path)
            if cached is not None:
                self._thumb_cache.move_to_end(path)
                item.setIcon(cached[0])
                item.setData(THUMB_STATE_ROLE, cached[1])
            else:
                item.setIcon(self._placeholder_icon())
                item.setData(THUMB_STATE_ROLE, "loading")
                self._thumb_items[thumbnails().request(path)] = (item, path)
            self.evidence.addItem(item)

    def _thumbnail_ready(self, token: int, image: QImage) -> None:
        asked = self._thumb_items.pop(token, None)
        if asked is None:
            return  # asked for a list this form no longer shows (or by another form)
        thumbnails().forget((token,))
        item, path = asked
        if image.isNull():
            icon, state = self._document_icon(item.text()), "file"
        else:
            icon, state = QIcon(QPixmap.fromImage(image)), "image"
        self._thumb_cache[path] = (icon, state)
        while len(self._thumb_cache) > THUMB_CACHE:
            self._thumb_cache.popitem(last=False)
        item.setIcon(icon)
        item.setData(THUMB_STATE_ROLE, state)

    def _placeholder_icon(self) -> QIcon:
        if self._placeholder is None:
            self._placeholder = _tile("…", "#eeeeee")
        return self._placeholder

    def _document_icon(self, name: str) -> QIcon:
        """A page with the file's extension (PDF, DOCX …): for what is not a photo."""
        ext = name.rsplit(".", 1)[1].upper()[:5] if "." in name else ""
        if ext not in self._documents:
            self._documents[ext] = _tile(ext or self.tr("文件"), "#ffffff")
        return self._documents[ext]

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
            "deadline": self.deadline_value(),
            "scope": self.scope.currentData(), "source": self.source.currentData(),
            "source_channel": self.channel.currentData(), "remarks": self.remarks.text(),
            "completion": self.completion.toPlainText(), "effective": self.effective.currentData(),
            "rebound_measures": self.rebound_measures.toPlainText(),
        }

    def _save(self) -> None:
        """Ask for a save: every field of a new problem, the changed fields of an existing one
        (so a change made meanwhile elsewhere to another field is not overwritten)."""
        self.save_requested.emit(self.values() if self.problem is None else self.edits())
