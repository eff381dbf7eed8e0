"""培训台账 (a tab of 其他台账): each officer's 学时 of the chosen year against the 60 学时 target,
his 执法证, and the training records.

Above: the year, the target and a line of figures; the buttons 登记培训… (one session for several
officers), 证件信息… (the selected officer's 执法证) and 导出… (培训台账 and 学时统计, xlsx or PDF).
The officers' table shows the hours by form, a progress bar (green: reached, blue: on track by
date, orange: behind, red: far behind or a past year not reached) and the certificate flags (red:
may not enforce alone, orange: expiring). Below, the records of the selected officer (or of
everyone) with 修改… and 删除. Everything is read in one worker job (``load``); the tab reloads
when trainings, certificates or people change.
"""
from __future__ import annotations

from datetime import date
from typing import Any

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QProgressBar,
    QPushButton,
    QSplitter,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from models import training
from models.i18n import QT_TRANSLATE_NOOP
from models.session import Session

from ..i18n import translate
from ..widgets import read_only_table
from .base import Page

#: standing -> colour of its text and progress bar.
STANDING_COLOURS = {"done": "#2e7d32", "on_track": "#1565c0", "behind": "#b26a00",
                    "far_behind": "#b00020", "missed": "#b00020", "na": "#777777"}
#: standing -> colour of its progress bar (lighter, so the figures on it stay readable).
BAR_COLOURS = {"done": "#81c784", "on_track": "#90caf9", "behind": "#ffcc80",
               "far_behind": "#ef9a9a", "missed": "#ef9a9a", "na": "#cfcfcf"}
BLOCKING_COLOUR = "#b00020"
EXPIRING_COLOUR = "#b26a00"
FORM_CODES = tuple(training.TRAINING_FORMS)


def load(session: Session, year: int | None, person_id: int | None,
         today: date) -> dict[str, Any]:
    """What the tab shows, read on the worker: ``years``, ``year`` (the one shown: ``year``, or
    the current one), ``totals`` (``training.year_totals``) and ``records`` (of ``person_id``,
    or everyone's when None)."""
    years = training.training_years(session, today=today)
    shown = year if year is not None else today.year
    return {"years": years, "year": shown, "person_id": person_id,
            "totals": training.year_totals(session, shown, today=today),
            "records": training.list_trainings(session, shown, person_id)}


def hours_text(value: Any) -> str:
    """Hours as shown: 3, 1.5."""
    return f"{float(value or 0):g}"


def certificate_text(row: dict[str, Any]) -> str:
    """What the 执法证 column says of a totals row."""
    if row["auxiliary"]:
        return QCoreApplication.translate("TrainingPage", "执法辅助人员（不得独立执法）")
    if row["flags"]:
        return "；".join(translate("training", training.FLAGS[f]) for f in row["flags"])
    if row["valid_until"]:
        return QCoreApplication.translate("TrainingPage", "有效（至 {date}）").format(
            date=row["valid_until"])
    return QCoreApplication.translate("TrainingPage", "有效期未登记")


class TrainingPage(Page):
    """The 培训台账 tab."""

    TITLE = QT_TRANSLATE_NOOP("ledgers", "培训台账")
    tables = frozenset({"trainings", "person_certificates", "people"})

    def __init__(self, controller: Any, parent: QWidget | None = None) -> None:
        super().__init__(controller, parent)
        self.data: dict[str, Any] | None = None
        self.year: int | None = None
        self.dialog: Any = None
        self._request = 0
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 6, 0, 0)

        top = QHBoxLayout()
        top.addWidget(QLabel(self.tr("年度：")))
        self.year_combo = QComboBox()
        self.year_combo.setObjectName("training_year")
        self.year_combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.year_combo.currentIndexChanged.connect(self._year_chosen)
        top.addWidget(self.year_combo)
        target = QLabel(self.tr("目标：每名执法人员每年不少于 {n} 学时（{doc}）").format(
            n=training.TARGET_HOURS, doc=training.TARGET_SOURCE))
        target.setStyleSheet("color: #555;")
        top.addWidget(target)
        top.addStretch(1)
        self.add_button = QPushButton(self.tr("登记培训…"))
        self.add_button.setObjectName("add_training")
        self.add_button.setToolTip(self.tr("登记一次培训，可同时选择多名参加人员"))
        self.add_button.clicked.connect(self.add_training)
        self.cert_button = QPushButton(self.tr("证件信息…"))
        self.cert_button.setObjectName("edit_certificate")
        self.cert_button.clicked.connect(self.edit_certificate)
        self.export_button = QPushButton(self.tr("导出…"))
        self.export_button.setObjectName("export_training")
        self.export_button.clicked.connect(self.export)
        for button in (self.add_button, self.cert_button, self.export_button):
            top.addWidget(button)
        layout.addLayout(top)
        self.summary = QLabel()
        self.summary.setObjectName("training_summary")
        self.summary.setWordWrap(True)
        layout.addWidget(self.summary)

        split = QSplitter(Qt.Orientation.Vertical)
        self.totals = read_only_table(
            [self.tr("姓名"), self.tr("职务"),
             *(translate("training", training.TRAINING_FORMS[c]) for c in FORM_CODES),
             self.tr("合计"), self.tr("学时进度"), self.tr("状态"), self.tr("执法证号"),
             self.tr("执法证")], "training_totals")
        self.totals.itemSelectionChanged.connect(self._person_chosen)
        self.totals.doubleClicked.connect(lambda _i: self.edit_certificate())
        split.addWidget(self.totals)

        lower = QWidget()
        box = QVBoxLayout(lower)
        box.setContentsMargins(0, 0, 0, 0)
        row = QHBoxLayout()
        self.records_title = QLabel()
        self.records_title.setObjectName("records_title")
        row.addWidget(self.records_title)
        row.addStretch(1)
        self.only_selected = QCheckBox(self.tr("只看所选人员"))
        self.only_selected.setObjectName("only_selected")
        self.only_selected.setChecked(True)
        self.only_selected.toggled.connect(lambda _on: self.refresh())
        row.addWidget(self.only_selected)
        self.edit_button = QPushButton(self.tr("修改…"))
        self.edit_button.setObjectName("edit_training")
        self.edit_button.clicked.connect(self.edit_training)
        self.delete_button = QPushButton(self.tr("删除"))
        self.delete_button.setObjectName("delete_training")
        self.delete_button.clicked.connect(self.delete_training)
        row.addWidget(self.edit_button)
        row.addWidget(self.delete_button)
        box.addLayout(row)
        self.records = read_only_table(
            [self.tr("日期"), self.tr("姓名"), self.tr("培训内容"), self.tr("培训形式"),
             self.tr("学时"), self.tr("考核情况"), self.tr("备注")], "training_records")
        self.records.itemSelectionChanged.connect(self._update_buttons)
        self.records.doubleClicked.connect(lambda _i: self.edit_training())
        box.addWidget(self.records)
        split.addWidget(lower)
        split.setStretchFactor(0, 3)
        split.setStretchFactor(1, 2)
        layout.addWidget(split, 1)

        rule = QLabel(self.tr(
            "只有持有效执法证的人员可以独立从事行政执法工作；没有执法证号、执法证过期、暂扣或已收回注销的人员"
            "不得独立执法（{doc}）。").format(doc=training.TARGET_SOURCE))
        rule.setObjectName("enforce_rule")
        rule.setWordWrap(True)
        rule.setStyleSheet(f"color: {BLOCKING_COLOUR};")
        layout.addWidget(rule)
        self._update_buttons()
        self.refresh()

    # --- data ------------------------------------------------------------------------------------

    def selected_person(self) -> dict[str, Any] | None:
        """The totals row of the officer selected (None when none)."""
        row = self.totals.currentRow()
        rows = (self.data or {}).get("totals") or []
        if not self.totals.selectedItems() or not 0 <= row < len(rows):
            return None
        return rows[row]

    def selected_record(self) -> dict[str, Any] | None:
        row = self.records.currentRow()
        rows = (self.data or {}).get("records") or []
        if not self.records.selectedItems() or not 0 <= row < len(rows):
            return None
        return rows[row]

    def refresh(self) -> None:
        person = self.selected_person() if self.only_selected.isChecked() else None
        self._request += 1
        request = self._request
        self.worker.call(load, self.session, self.year, person["person_id"] if person else None,
                         date.today(), on_done=lambda data: self._show(request, data))

    def _year_chosen(self, _index: int) -> None:
        year = self.year_combo.currentData()
        if year is not None and year != self.year:
            self.year = int(year)
            self.refresh()

    def _person_chosen(self) -> None:
        self._update_buttons()
        if self.only_selected.isChecked():
            self.refresh()

    def _show(self, request: int, data: dict[str, Any]) -> None:
        if request != self._request:
            return                      # a newer request is on its way
        chosen = self.selected_person()
        chosen_id = chosen["person_id"] if chosen else data["person_id"]
        self.data = data
        self.year = data["year"]
        self.year_combo.blockSignals(True)
        self.year_combo.clear()
        for year in data["years"]:
            self.year_combo.addItem(self.tr("{year} 年度").format(year=year), year)
        self.year_combo.setCurrentIndex(max(0, self.year_combo.findData(data["year"])))
        self.year_combo.blockSignals(False)
        self._show_summary(data["totals"])
        self._show_totals(data["totals"], chosen_id)
        self._show_records(data["records"])
        self._update_buttons()

    def _show_summary(self, rows: list[dict[str, Any]]) -> None:
        officers = [r for r in rows if r["active"] and not r["auxiliary"]]
        count = {s: sum(1 for r in officers if r["standing"] == s) for s in training.STANDINGS}
        blocked = sum(1 for r in officers if not r["certified"])
        expiring = sum(1 for r in officers if "expiring" in r["flags"])
        self.summary.setText(self.tr(
            "执法人员 {n} 人：已达标 {done} 人，进度正常 {on_track} 人，进度落后 {behind} 人"
            "（其中严重落后或未达标 {far} 人）；执法证缺失、过期、暂扣或注销 {blocked} 人，"
            "90 天内到期 {expiring} 人。").format(
            n=len(officers), done=count["done"], on_track=count["on_track"],
            behind=count["behind"] + count["far_behind"] + count["missed"],
            far=count["far_behind"] + count["missed"], blocked=blocked, expiring=expiring))

    def _show_totals(self, rows: list[dict[str, Any]], chosen_id: int | None) -> None:
        table = self.totals
        table.blockSignals(True)
        table.clearSelection()
        table.setRowCount(len(rows))
        for i, r in enumerate(rows):
            name = r["name"] if r["active"] else self.tr("{name}（已调离）").format(name=r["name"])
            cells = [name, r["title"] or "", *(hours_text(r[c]) for c in FORM_CODES),
                     hours_text(r["total"]), "",
                     translate("training", training.STANDINGS[r["standing"]]),
                     r["cert_no"] or "", certificate_text(r)]
            for j, text in enumerate(cells):
                item = QTableWidgetItem(text)
                if 2 <= j <= 6:
                    item.setTextAlignment(Qt.AlignmentFlag.AlignCenter)
                table.setItem(i, j, item)
            colour = QColor(STANDING_COLOURS[r["standing"]])
            table.item(i, 8).setForeground(colour)
            table.item(i, 6).setForeground(colour)
            if r["standing"] != "na":
                table.item(i, 8).setToolTip(self.tr(
                    "按日期进度，截至今天应完成 {expected} 学时；全年目标 {target} 学时。").format(
                    expected=hours_text(r["expected"]), target=training.TARGET_HOURS))
            table.setCellWidget(i, 7, self._progress(r))
            cert = table.item(i, 10)
            blocking = set(r["flags"]) & training.BLOCKING_FLAGS
            if blocking or r["auxiliary"]:
                cert.setForeground(QColor(BLOCKING_COLOUR if blocking else "#777777"))
            elif r["flags"]:
                cert.setForeground(QColor(EXPIRING_COLOUR))
            cert.setToolTip(self._certificate_tip(r))
            if r["person_id"] == chosen_id:
                table.selectRow(i)
        table.blockSignals(False)
        table.resizeColumnsToContents()
        table.setColumnWidth(7, max(table.columnWidth(7), 150))

    def _progress(self, row: dict[str, Any]) -> QWidget:
        bar = QProgressBar()
        bar.setObjectName("hours_bar")
        bar.setRange(0, training.TARGET_HOURS * 10)
        bar.setValue(min(int(float(row["total"]) * 10), training.TARGET_HOURS * 10))
        bar.setFormat(f"{hours_text(row['total'])} / {training.TARGET_HOURS}"
                      if not row["auxiliary"] else hours_text(row["total"]))
        bar.setAlignment(Qt.AlignmentFlag.AlignCenter)
        bar.setStyleSheet("QProgressBar { border: 1px solid #c8c8c8; border-radius: 3px;"
                          " background: #f4f4f4; max-height: 16px; }"
                          f" QProgressBar::chunk {{ background: "
                          f"{BAR_COLOURS[row['standing']]}; }}")
        return bar

    def _certificate_tip(self, row: dict[str, Any]) -> str:
        if row["auxiliary"]:
            return self.tr("执法辅助人员不发执法证，不得独立从事行政执法工作。")
        lines = []
        if row["cert_status"]:
            lines.append(self.tr("状态：{status}").format(
                status=translate("training", training.CERT_STATUSES[row["cert_status"]])))
        if row["issued_date"]:
            lines.append(self.tr("发证日期：{date}").format(date=row["issued_date"]))
        if row["valid_until"]:
            lines.append(self.tr("有效期至：{date}").format(date=row["valid_until"]))
        if row["cert_note"]:
            lines.append(row["cert_note"])
        lines.append(self.tr("可以独立执法。") if row["certified"] else self.tr("不得独立执法。"))
        return "\n".join(lines)

    def _show_records(self, rows: list[dict[str, Any]]) -> None:
        person = self.selected_person() if self.only_selected.isChecked() else None
        year = (self.data or {}).get("year")
        if person is not None:
            self.records_title.setText(self.tr("{name}的培训记录（{year} 年度，{n} 条）").format(
                name=person["name"], year=year, n=len(rows)))
        else:
            self.records_title.setText(self.tr("全部人员的培训记录（{year} 年度，{n} 条）").format(
                year=year, n=len(rows)))
        table = self.records
        table.blockSignals(True)
        table.setRowCount(len(rows))
        for i, r in enumerate(rows):
            cells = [r["date"], r["name"], r["topic"],
                     translate("training", training.TRAINING_FORMS.get(r["form"], r["form"])),
                     hours_text(r["hours"]), r["assessment"], r["note"]]
            for j, text in enumerate(cells):
                item = QTableWidgetItem(text)
                if j == 4:
                    item.setTextAlignment(Qt.AlignmentFlag.AlignCenter)
                table.setItem(i, j, item)
            table.item(i, 2).setToolTip(r["topic"])
        table.blockSignals(False)
        table.resizeColumnsToContents()
        table.setColumnWidth(2, min(table.columnWidth(2), 420))

    def _update_buttons(self) -> None:
        can_edit = self.allowed("training.edit")
        self.add_button.setEnabled(can_edit)
        has_record = self.selected_record() is not None
        self.edit_button.setEnabled(can_edit and has_record)
        self.delete_button.setEnabled(can_edit and has_record)
        self.cert_button.setEnabled(self.allowed("person.manage")
                                    and self.selected_person() is not None)
        for button, perm in ((self.add_button, "training.edit"),
                             (self.cert_button, "person.manage")):
            button.setToolTip("" if self.allowed(perm) else self.tr("您的角色不能进行此操作。"))

    # --- actions ---------------------------------------------------------------------------------

    def add_training(self) -> Any:
        """登记培训…: the dialog, with the selected officer ticked."""
        from .training_dialogs import TrainingDialog
        person = self.selected_person()
        self.dialog = TrainingDialog(self, self.worker, self.session,
                                     (self.data or {}).get("totals") or [],
                                     chosen=(person["person_id"],) if person else ())
        self.dialog.open()
        return self.dialog

    def edit_training(self) -> Any:
        record = self.selected_record()
        if record is None or not self.allowed("training.edit"):
            return None
        from .training_dialogs import TrainingDialog
        self.dialog = TrainingDialog(self, self.worker, self.session,
                                     (self.data or {}).get("totals") or [], record=record)
        self.dialog.open()
        return self.dialog

    def delete_training(self) -> None:
        record = self.selected_record()
        if record is None or not self.allowed("training.edit"):
            return
        answer = QMessageBox.question(
            self, self.tr("删除培训记录"),
            self.tr("删除 {name} 在 {date} 的培训记录“{topic}”（{hours} 学时）？").format(
                name=record["name"], date=record["date"], topic=record["topic"],
                hours=hours_text(record["hours"])))
        if answer == QMessageBox.StandardButton.Yes:
            self.call(training.delete_training, record["id"])

    def edit_certificate(self) -> Any:
        person = self.selected_person()
        if person is None or not self.allowed("person.manage"):
            return None
        from .training_dialogs import CertificateDialog
        self.dialog = CertificateDialog(self, self.worker, self.session, person)
        self.dialog.open()
        return self.dialog

    def export(self) -> Any:
        """导出…: 培训台账 or 学时统计 of the year shown."""
        from models import form_training
        from models.form_data import FormOptions
        from models.forms import Form

        from .export_dialog import form_name, open_export
        year = self.year or date.today().year

        def build(session: Session, code: str, options: FormOptions) -> Form:
            if code == "training_hours":
                return form_training.hours_form(session, year, options)
            return form_training.ledger_form(session, year, options)

        scope = self.tr("导出 {year} 年度本单位全部人员的培训记录或学时统计。").format(year=year)
        return open_export(self, forms=[("training", form_name("training")),
                                        ("training_hours", form_name("training_hours"))],
                           build=build, scope=scope)
