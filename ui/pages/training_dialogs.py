"""The dialogs of the 培训台账 tab: 登记培训 (one session, several officers at once) / 修改培训记录,
and 证件信息 (an officer's 执法证号, status and validity).

Each dialog saves itself on the database worker when 确定 is pressed and closes only once the save
succeeded; a refusal (a duplicate record, hours out of range, a 执法证号 already registered …) is
shown inside the dialog with everything typed kept.
"""
from __future__ import annotations

from typing import Any

from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from models import directory, training
from models.session import Session
from models.store import Changes

from ..errors import describe
from ..i18n import translate
from ..widgets import error_label
from ..worker import DbWorker
from .rows_editor import DateEdit

#: What the 考核情况 list offers (anything else may be typed).
ASSESSMENTS = ("合格", "优秀", "良好", "不合格", "未考核")
HINT_STYLE = "color: #555;"


def _buttons(dialog: QDialog, save: Any, name: str) -> tuple[QDialogButtonBox, QPushButton]:
    buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                               | QDialogButtonBox.StandardButton.Cancel)
    ok = buttons.button(QDialogButtonBox.StandardButton.Ok)
    ok.setObjectName(name)
    buttons.accepted.connect(save)
    buttons.rejected.connect(dialog.reject)
    return buttons, ok


class TrainingDialog(QDialog):
    """登记培训 (``record`` None): one session for every officer ticked in the list; or 修改培训
    记录 (``record`` a row of ``training.list_trainings``): one record, its person chosen from a
    list. ``people`` are rows of ``training.year_totals`` (``person_id``, ``name``, ``title``,
    ``active``); ``chosen`` the ids ticked at first."""

    def __init__(self, parent: QWidget | None, worker: DbWorker, session: Session,
                 people: list[dict[str, Any]], record: dict[str, Any] | None = None,
                 chosen: tuple[int, ...] = ()) -> None:
        super().__init__(parent)
        self.worker, self.session, self.record = worker, session, record
        self.setObjectName("training_dialog")
        self.setWindowTitle(self.tr("修改培训记录") if record else self.tr("登记培训"))
        self.resize(560, 560 if record is None else 380)
        layout = QVBoxLayout(self)
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.people_list = QListWidget()
        self.people_list.setObjectName("training_people")
        self.person = QComboBox()
        self.person.setObjectName("training_person")
        if record is None:
            for p in people:
                if not p["active"]:
                    continue
                item = QListWidgetItem(f"{p['name']}（{p['title']}）" if p["title"] else p["name"])
                item.setData(Qt.ItemDataRole.UserRole, p["person_id"])
                item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
                item.setCheckState(Qt.CheckState.Checked if p["person_id"] in chosen
                                   else Qt.CheckState.Unchecked)
                self.people_list.addItem(item)
            box = QVBoxLayout()
            box.addWidget(self.people_list)
            row = QHBoxLayout()
            for text, state in ((self.tr("全选"), Qt.CheckState.Checked),
                                (self.tr("全不选"), Qt.CheckState.Unchecked)):
                button = QPushButton(text)
                button.clicked.connect(lambda _c=False, s=state: self._check_all(s))
                row.addWidget(button)
            row.addStretch(1)
            box.addLayout(row)
            form.addRow(self.tr("参加人员 *"), box)
        else:
            for p in people:
                self.person.addItem(p["name"], p["person_id"])
            if self.person.findData(record["person_id"]) < 0:
                self.person.addItem(record["name"], record["person_id"])
            self.person.setCurrentIndex(self.person.findData(record["person_id"]))
            form.addRow(self.tr("姓名 *"), self.person)
        self.day = QDateEdit()
        self.day.setObjectName("training_date")
        self.day.setCalendarPopup(True)
        self.day.setDisplayFormat("yyyy-MM-dd")
        self.day.setMaximumDate(QDate.currentDate())   # training that took place
        self.day.setDate(QDate.currentDate())
        self.topic = QLineEdit()
        self.topic.setObjectName("training_topic")
        self.topic.setPlaceholderText(self.tr("如：《交通运输行政执法程序规定》专题学习"))
        self.form_combo = QComboBox()
        self.form_combo.setObjectName("training_form")
        for code, label in training.TRAINING_FORMS.items():
            self.form_combo.addItem(translate("training", label), code)
        self.hours = QDoubleSpinBox()
        self.hours.setObjectName("training_hours")
        self.hours.setRange(0.5, 24)
        self.hours.setSingleStep(0.5)
        self.hours.setDecimals(1)
        self.hours.setValue(2)
        self.hours.setSuffix(self.tr(" 学时"))
        self.assessment = QComboBox()
        self.assessment.setObjectName("training_assessment")
        self.assessment.setEditable(True)
        self.assessment.addItems(["", *ASSESSMENTS])
        self.note = QLineEdit()
        self.note.setObjectName("training_note")
        for label, widget in ((self.tr("日期 *"), self.day), (self.tr("培训内容 *"), self.topic),
                              (self.tr("培训形式 *"), self.form_combo),
                              (self.tr("学时 *"), self.hours),
                              (self.tr("考核情况"), self.assessment), (self.tr("备注"), self.note)):
            form.addRow(label, widget)
        layout.addLayout(form)
        hint = QLabel(self.tr("学时以半学时为单位，每人每天合计不超过 24 学时。同一人同一天的同一培训内容只登记一次。"))
        hint.setWordWrap(True)
        hint.setStyleSheet(HINT_STYLE)
        layout.addWidget(hint)
        self.message = error_label()
        self.message.hide()
        layout.addWidget(self.message)
        buttons, self.ok_button = _buttons(self, self.save, "save_training")
        layout.addWidget(buttons)
        if record is not None:
            self.day.setDate(QDate.fromString(record["date"], Qt.DateFormat.ISODate))
            self.topic.setText(record["topic"])
            self.form_combo.setCurrentIndex(max(0, self.form_combo.findData(record["form"])))
            self.hours.setValue(float(record["hours"]))
            self.assessment.setCurrentText(record["assessment"])
            self.note.setText(record["note"])
        self.topic.setFocus()

    def _check_all(self, state: Qt.CheckState) -> None:
        for i in range(self.people_list.count()):
            self.people_list.item(i).setCheckState(state)

    def person_ids(self) -> list[int]:
        """The people ticked (登记) or chosen (修改)."""
        if self.record is not None:
            return [int(self.person.currentData())]
        return [int(self.people_list.item(i).data(Qt.ItemDataRole.UserRole))
                for i in range(self.people_list.count())
                if self.people_list.item(i).checkState() == Qt.CheckState.Checked]

    def values(self) -> dict[str, Any]:
        """The record's fields in the shape the core takes (without the people)."""
        return {"date": self.day.date().toString(Qt.DateFormat.ISODate),
                "topic": self.topic.text(), "form": self.form_combo.currentData(),
                "hours": self.hours.value(), "assessment": self.assessment.currentText(),
                "note": self.note.text()}

    def save(self) -> None:
        """Save through the core; close on success, show the refusal otherwise."""
        if not self.ok_button.isEnabled():
            return
        self.ok_button.setEnabled(False)
        self.message.hide()
        if self.record is None:
            self.worker.call(training.add_trainings, self.session, self.person_ids(),
                             **self.values(), on_done=self._saved, on_error=self._failed)
        else:
            self.worker.call(training.update_training, self.session, self.record["id"],
                             person_id=self.person_ids()[0], **self.values(),
                             on_done=self._saved, on_error=self._failed)

    def _saved(self, _changes: Changes) -> None:
        self.ok_button.setEnabled(True)
        self.accept()

    def _failed(self, exc: BaseException) -> None:
        self.ok_button.setEnabled(True)
        self.message.setText(describe(exc))
        self.message.show()


def save_certificate(session: Session, person_id: int, cert_no: str, status: str,
                     issued_date: str | None, valid_until: str | None, note: str) -> Changes:
    """The 证件信息 dialog's save (worker only): the certificate's fields are checked first, then
    the 执法证号 is changed through models.directory when it differs, then the status and
    validity through models.training. Returns what both changed."""
    training.certificate_values(status, issued_date, valid_until, note)
    changes = Changes()
    current = session.store.conn.execute("SELECT cert_no FROM people WHERE id = ?",
                                         (person_id,)).fetchone()
    if current is not None and current[0] != cert_no.strip():
        changes = directory.update_person(session, person_id, cert_no=cert_no)
    more = training.set_certificate(session, person_id, status, issued_date, valid_until, note)
    for table, keys in more.rows.items():
        for key in keys:
            changes.add(table, key)
    changes.head_seq = max(changes.head_seq, more.head_seq)
    return changes


class CertificateDialog(QDialog):
    """证件信息 of one officer (a row of ``training.year_totals``): 执法证号, 状态, 发证日期,
    有效期至 and 备注."""

    def __init__(self, parent: QWidget | None, worker: DbWorker, session: Session,
                 person: dict[str, Any]) -> None:
        super().__init__(parent)
        self.worker, self.session, self.person = worker, session, person
        self.setObjectName("certificate_dialog")
        self.setWindowTitle(self.tr("证件信息：{name}").format(name=person["name"]))
        self.resize(480, 340)
        layout = QVBoxLayout(self)
        form = QFormLayout()
        self.cert_no = QLineEdit(person["cert_no"] or "")
        self.cert_no.setObjectName("cert_no")
        self.cert_no.setPlaceholderText(self.tr("行政执法证件号码"))
        self.status = QComboBox()
        self.status.setObjectName("cert_status")
        for code, label in training.CERT_STATUSES.items():
            self.status.addItem(translate("training", label), code)
        self.status.setCurrentIndex(max(0, self.status.findData(person["cert_status"] or "valid")))
        self.issued = DateEdit()
        self.issued.setObjectName("cert_issued")
        self.issued.set_iso(person["issued_date"])
        self.valid_until = DateEdit()
        self.valid_until.setObjectName("cert_valid_until")
        self.valid_until.set_iso(person["valid_until"])
        self.note = QLineEdit(person["cert_note"] or "")
        self.note.setObjectName("cert_note")
        for label, widget in ((self.tr("执法证号"), self.cert_no), (self.tr("证件状态"), self.status),
                              (self.tr("发证日期"), self.issued),
                              (self.tr("有效期至"), self.valid_until), (self.tr("备注"), self.note)):
            form.addRow(label, widget)
        layout.addLayout(form)
        layout.addStretch(1)
        hint = QLabel(self.tr(
            "只有持有效执法证的人员可以独立从事行政执法工作；没有执法证号、执法证过期、暂扣或已收回注销的，"
            "不得独立执法。执法证 {days} 天内到期的会提前提醒。").format(days=training.EXPIRING_DAYS))
        hint.setWordWrap(True)
        hint.setStyleSheet(HINT_STYLE)
        layout.addWidget(hint)
        self.message = error_label()
        self.message.hide()
        layout.addWidget(self.message)
        buttons, self.ok_button = _buttons(self, self.save, "save_certificate")
        layout.addWidget(buttons)

    def save(self) -> None:
        if not self.ok_button.isEnabled():
            return
        self.ok_button.setEnabled(False)
        self.message.hide()
        self.worker.call(save_certificate, self.session, self.person["person_id"],
                         self.cert_no.text(), self.status.currentData(), self.issued.iso(),
                         self.valid_until.iso(), self.note.text(),
                         on_done=self._saved, on_error=self._failed)

    def _saved(self, _changes: Changes) -> None:
        self.ok_button.setEnabled(True)
        self.accept()

    def _failed(self, exc: BaseException) -> None:
        self.ok_button.setEnabled(True)
        self.message.setText(describe(exc))
        self.message.show()
