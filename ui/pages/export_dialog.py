"""导出报表: an official form filled from what a page shows, written as Excel or PDF.

The dialog asks which form (when the page offers several: the ledger offers its four, filled
with the ledger's current filter), the format, the 填报时间 and the people named on the form
(填报人, 联系人 with the 联系电话 of the chosen person). Those choices are remembered in the
settings. Then it asks where to save, suggesting the form's own file name in the last folder
used, and runs one task on the database worker (:func:`ui.worker.run_task`, progress and
cancel): the form is built there by the page's ``build`` and written by
:func:`models.xlsx_export.write_form` or :func:`models.pdf_export.write_form`. The writers leave
no file behind when cancelled or failing. A finished export says where the file is and its
content digest (the SHA-256 printed on the document) and offers to open the folder or the file.

The entry points (:func:`ledger_export`, :func:`selfcheck_export`, :func:`casereview_export`)
give each page its forms and builder; a form that cannot be made from what the page shows (the
回头看 台账 without a campaign) is listed, disabled, with the reason.
"""
from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any, Callable, Mapping

from PySide6.QtCore import QCoreApplication, QDate, Qt, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (QButtonGroup, QComboBox, QDateEdit, QDialog, QDialogButtonBox,
                               QFileDialog, QFormLayout, QGroupBox, QHBoxLayout, QLabel,
                               QLineEdit, QMessageBox, QRadioButton, QVBoxLayout, QWidget)

from models import directory
from models.errors import Cancelled
from models.form_data import FORMS, LEDGER_FORMS, FormOptions
from models.forms import ExportCancelled, ExportResult, Form
from models.session import Session

from ..errors import show_error
from ..i18n import translate
from ..worker import run_task

if TYPE_CHECKING:
    from PySide6.QtWidgets import QProgressDialog

    from .base import Page

#: build(session, form code, options) -> the Form; runs on the database worker.
Build = Callable[[Session, str, FormOptions], Form]

#: The settings keys of what the dialog remembers.
LAST_FOLDER_KEY = "export/last_folder"
FORMAT_KEY = "export/format"
FORM_KEY = "export/form"
FILLER_KEY = "export/filler"
CONTACT_KEY = "export/contact"
PHONE_KEY = "export/phone"

#: format -> file extension
EXTENSIONS = {"xlsx": ".xlsx", "pdf": ".pdf"}
HINT_STYLE = "color: #8a5a00;"
#: The codes (keys of models.form_data.FORMS) of the self-check and case-review forms.
SELFCHECK_FORM, CASEREVIEW_FORM = "selfcheck", "casereview"


def form_name(code: str) -> str:
    """The display name of form ``code`` in the current language."""
    return translate("forms", FORMS.get(code, code))


def file_stem(build: Build, session: Session, code: str, options: FormOptions) -> str:
    """The suggested file name (without extension) of the form ``build`` makes. Its rows are
    not read: a builder's rows are read only by a writer."""
    return build(session, code, options).file_stem


def export_form(build: Build, session: Session, code: str, options: FormOptions, fmt: str,
                path: str, progress: Callable[[int, int], None],
                cancelled: Callable[[], bool]) -> ExportResult:
    """Build form ``code`` and write it to ``path`` as ``fmt`` ("xlsx" or "pdf"). Worker only."""
    form = build(session, code, options)
    if fmt == "pdf":
        from models import pdf_export as writer
    else:
        from models import xlsx_export as writer   # type: ignore[no-redef]
    return writer.write_form(form, path, progress=progress, cancelled=cancelled)


def people_of_unit(session: Session) -> list[dict[str, Any]]:
    """The unit's active people (name, title, phone) for the 填报人 / 联系人 choices."""
    return [{"name": p["name"], "title": p["title"] or "", "phone": p["phone"] or ""}
            for p in directory.list_people(session, include_inactive=False)]


class ExportDialog(QDialog):
    """Choose a form, format, date and people; then the file; then export on the worker.

    ``forms`` lists (code, display name) in the order shown; ``build`` makes the Form of a code
    on the worker; ``scope`` says what the data is (e.g. the ledger's filter);
    ``unavailable`` maps codes that cannot be exported now to the reason, shown under them.
    After a successful export :attr:`exported` holds the :class:`ExportResult` and
    :attr:`done_box` the message box that offers to open the folder or the file.
    """

    def __init__(self, page: "Page", *, forms: list[tuple[str, str]], build: Build,
                 scope: str = "", unavailable: Mapping[str, str] | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent if parent is not None else page)
        self.page = page
        self.worker, self.session = page.worker, page.session
        self.settings = page.controller.settings
        self.forms = list(forms)
        self.build = build
        self.unavailable = dict(unavailable or {})
        self.exported: ExportResult | None = None
        self.done_box: QMessageBox | None = None
        self.task: QProgressDialog | None = None
        self.people: list[dict[str, Any]] = []
        self.setWindowTitle(self.tr("导出报表"))
        self.setMinimumWidth(520)
        layout = QVBoxLayout(self)

        self.scope = QLabel(scope)
        self.scope.setObjectName("export_scope")
        self.scope.setWordWrap(True)
        self.scope.setStyleSheet("color: #555;")
        self.scope.setVisible(bool(scope))
        layout.addWidget(self.scope)

        layout.addWidget(self._build_forms())
        layout.addWidget(self._build_format())
        layout.addLayout(self._build_fields())

        self.message = QLabel()
        self.message.setObjectName("export_message")
        self.message.setWordWrap(True)
        self.message.setStyleSheet(HINT_STYLE)
        self.message.hide()
        layout.addWidget(self.message)

        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                        | QDialogButtonBox.StandardButton.Cancel)
        self.export_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.export_button.setText(self.tr("导出…"))
        self.export_button.setObjectName("do_export")
        self.buttons.accepted.connect(self.export)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        self._restore()
        self.worker.call(people_of_unit, self.session, on_done=self._show_people,
                         on_error=lambda _exc: None)   # no people: the fields stay free text

    # --- building --------------------------------------------------------------------------------

    def _build_forms(self) -> QWidget:
        box = QGroupBox(self.tr("报表"))
        box.setObjectName("export_forms")
        layout = QVBoxLayout(box)
        self.form_group = QButtonGroup(self)
        self.form_buttons: dict[str, QRadioButton] = {}
        self.form_hints: dict[str, QLabel] = {}
        for n, (code, name) in enumerate(self.forms):
            button = QRadioButton(name)
            button.setObjectName(f"form_{code}")
            self.form_group.addButton(button, n)
            self.form_buttons[code] = button
            layout.addWidget(button)
            reason = self.unavailable.get(code)
            if reason:
                button.setEnabled(False)
                button.setToolTip(reason)
                hint = QLabel(reason)
                hint.setObjectName(f"hint_{code}")
                hint.setWordWrap(True)
                hint.setStyleSheet(HINT_STYLE + " margin-left: 22px;")
                self.form_hints[code] = hint
                layout.addWidget(hint)
        box.setVisible(len(self.forms) > 1)
        if len(self.forms) == 1:
            self.setWindowTitle(self.tr("导出{name}").format(name=self.forms[0][1]))
        self.form_group.idToggled.connect(lambda _id, _on: self._update_button())
        return box

    def _build_format(self) -> QWidget:
        box = QGroupBox(self.tr("格式"))
        box.setObjectName("export_format")
        layout = QHBoxLayout(box)
        self.xlsx_button = QRadioButton(self.tr("Excel 工作簿（.xlsx）"))
        self.xlsx_button.setObjectName("format_xlsx")
        self.pdf_button = QRadioButton(self.tr("PDF（可打印，带签名和校验二维码）"))
        self.pdf_button.setObjectName("format_pdf")
        self.format_group = QButtonGroup(self)
        self.format_group.addButton(self.xlsx_button)
        self.format_group.addButton(self.pdf_button)
        layout.addWidget(self.xlsx_button)
        layout.addWidget(self.pdf_button)
        layout.addStretch(1)
        return box

    def _build_fields(self) -> QFormLayout:
        form = QFormLayout()
        self.fill_date = QDateEdit(QDate.currentDate())
        self.fill_date.setObjectName("fill_date")
        self.fill_date.setCalendarPopup(True)
        self.fill_date.setDisplayFormat("yyyy-MM-dd")
        self.filler = self._person_combo("filler")
        self.contact = self._person_combo("contact")
        self.phone = QLineEdit()
        self.phone.setObjectName("phone")
        self.phone.setMaxLength(40)
        form.addRow(self.tr("填报时间"), self.fill_date)
        form.addRow(self.tr("填报人"), self.filler)
        form.addRow(self.tr("联系人"), self.contact)
        form.addRow(self.tr("联系电话"), self.phone)
        self.contact.currentTextChanged.connect(self._contact_changed)
        return form

    @staticmethod
    def _person_combo(name: str) -> QComboBox:
        combo = QComboBox()
        combo.setObjectName(name)
        combo.setEditable(True)
        combo.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        combo.setMinimumWidth(220)
        return combo

    # --- remembered choices --------------------------------------------------------------------

    def _value(self, key: str) -> str:
        return str(self.settings.value(key, "") or "")

    def _restore(self) -> None:
        fmt = self._value(FORMAT_KEY)
        (self.pdf_button if fmt == "pdf" else self.xlsx_button).setChecked(True)
        wanted = self._value(FORM_KEY)
        codes = [code for code, _name in self.forms if code not in self.unavailable]
        code = wanted if wanted in codes else (codes[0] if codes else None)
        if code is not None:
            self.form_buttons[code].setChecked(True)
        self.filler.setCurrentText(self._value(FILLER_KEY) or self.session.person_name)
        self.contact.setCurrentText(self._value(CONTACT_KEY))
        self.phone.setText(self._value(PHONE_KEY))
        self._update_button()

    def _remember(self) -> None:
        code = self.form_code()
        if code is not None and len(self.forms) > 1:
            self.settings.setValue(FORM_KEY, code)
        self.settings.setValue(FORMAT_KEY, self.format())
        self.settings.setValue(FILLER_KEY, self.filler.currentText().strip())
        self.settings.setValue(CONTACT_KEY, self.contact.currentText().strip())
        self.settings.setValue(PHONE_KEY, self.phone.text().strip())

    def _show_people(self, people: list[dict[str, Any]]) -> None:
        self.people = people
        for combo in (self.filler, self.contact):
            text = combo.currentText()
            combo.blockSignals(True)
            combo.clear()
            for p in people:
                combo.addItem(p["name"])
                if p["title"]:
                    combo.setItemData(combo.count() - 1, p["title"],
                                      Qt.ItemDataRole.ToolTipRole)
            combo.setCurrentText(text)
            combo.blockSignals(False)

    def _contact_changed(self, name: str) -> None:
        """A person of the unit chosen as 联系人 brings their phone number."""
        person = next((p for p in self.people if p["name"] == name.strip()), None)
        if person is not None and person["phone"]:
            self.phone.setText(person["phone"])

    # --- what was chosen -------------------------------------------------------------------------

    def form_code(self) -> str | None:
        n = self.form_group.checkedId()
        return self.forms[n][0] if 0 <= n < len(self.forms) else None

    def format(self) -> str:
        return "pdf" if self.pdf_button.isChecked() else "xlsx"

    def options(self) -> FormOptions:
        d = self.fill_date.date()
        return FormOptions(fill_date=date(d.year(), d.month(), d.day()),
                           filler=self.filler.currentText().strip(),
                           contact=self.contact.currentText().strip(),
                           phone=self.phone.text().strip())

    def _update_button(self) -> None:
        self.export_button.setEnabled(self.form_code() is not None)

    # --- exporting -------------------------------------------------------------------------------

    def export(self) -> None:
        """Remember the choices, ask the file name (the form's own suggested), then export."""
        code = self.form_code()
        if code is None:
            return
        fmt, options = self.format(), self.options()
        self._remember()
        self.export_button.setEnabled(False)
        self.message.hide()
        self.worker.call(file_stem, self.build, self.session, code, options,
                         on_done=lambda stem: self._choose_file(code, fmt, options, stem),
                         on_error=self._failed)

    def _choose_file(self, code: str, fmt: str, options: FormOptions, stem: str) -> None:
        ext = EXTENSIONS[fmt]
        name = _safe_name(stem or form_name(code)) + ext
        folder = self._value(LAST_FOLDER_KEY)
        suggested = str(Path(folder) / name) if folder else name
        file_filter = (self.tr("Excel 工作簿 (*.xlsx)") if fmt == "xlsx"
                       else self.tr("PDF 文件 (*.pdf)"))
        path, _f = QFileDialog.getSaveFileName(self, self.tr("导出到"), suggested, file_filter)
        if not path:
            self._update_button()
            return
        if not path.lower().endswith(ext):
            path += ext
            # the file dialog asked about overwriting the name as typed, not this one
            if Path(path).exists():
                buttons = QMessageBox.StandardButton
                answer = QMessageBox.question(
                    self, self.tr("导出到"),
                    self.tr("“{name}”已存在。要替换它吗？").format(name=Path(path).name),
                    buttons.Yes | buttons.No, buttons.No)
                if answer != buttons.Yes:
                    self._update_button()
                    return
        self.settings.setValue(LAST_FOLDER_KEY, str(Path(path).parent))
        build, session = self.build, self.session

        def task(progress: Callable[[int, int], None], cancelled: Callable[[], bool]
                 ) -> ExportResult:
            return export_form(build, session, code, options, fmt, path, progress, cancelled)

        self.task = run_task(self.worker, self, self.tr("导出报表"),
                             self.tr("正在导出《{name}》…").format(name=form_name(code)), task,
                             on_done=lambda result: self._exported(code, result),
                             on_error=self._failed)

    def _failed(self, exc: BaseException) -> None:
        self._update_button()
        if isinstance(exc, (ExportCancelled, Cancelled)):
            self.message.setText(self.tr("已取消导出，没有留下文件。"))
            self.message.show()
            return
        show_error(self, exc, self.tr("导出没有完成"))

    def _exported(self, code: str, result: ExportResult) -> None:
        self.exported = result
        self.accept()
        box = QMessageBox(QMessageBox.Icon.Information, self.tr("导出完成"), self.tr(
            "《{name}》已导出，共 {rows} 行：\n{path}\n\n内容摘要（SHA-256，已印在报表上）：\n{digest}\n"
            "打印件上的摘要与此相同，即说明打印件与电子文件内容一致。").format(
                name=form_name(code), rows=result.rows, path=result.path, digest=result.sha256),
            QMessageBox.StandardButton.NoButton, self.parentWidget())
        box.setObjectName("export_done")
        folder_button = box.addButton(self.tr("打开文件夹"), QMessageBox.ButtonRole.ActionRole)
        folder_button.setObjectName("open_folder")
        file_button = box.addButton(self.tr("打开文件"), QMessageBox.ButtonRole.ActionRole)
        file_button.setObjectName("open_file")
        close_button = box.addButton(self.tr("关闭"), QMessageBox.ButtonRole.RejectRole)
        close_button.setObjectName("close")
        box.setDefaultButton(close_button)
        path = result.path

        def clicked(button: Any) -> None:
            if button is folder_button:
                QDesktopServices.openUrl(QUrl.fromLocalFile(str(Path(path).parent)))
            elif button is file_button:
                QDesktopServices.openUrl(QUrl.fromLocalFile(path))

        box.buttonClicked.connect(clicked)
        self.done_box = box
        box.open()


def _safe_name(stem: str) -> str:
    """``stem`` without the characters file systems refuse (Windows' set, and line breaks)."""
    bad = '\\/:*?"<>|\r\n\t'
    return "".join("_" if c in bad else c for c in stem).strip(" .") or "export"


def open_export(page: "Page", **kwargs: Any) -> ExportDialog:
    """Open an :class:`ExportDialog` for ``page`` (kept as ``page.export_dialog``)."""
    old = getattr(page, "export_dialog", None)
    if old is not None:
        old.deleteLater()
    dialog = ExportDialog(page, **kwargs)
    page.export_dialog = dialog   # type: ignore[attr-defined]
    dialog.open()
    return dialog


# --- entry points --------------------------------------------------------------------------------

def ledger_export(page: Any) -> ExportDialog:
    """The ledger's four forms over the ledger's current filter and sort (问题台账 → 导出…)."""
    from models import form_data
    flt = page.model.filter   # what the table shows (the filter it last loaded)
    sort, descending = page.model.sort_key, page.model.descending

    def build(session: Session, code: str, options: FormOptions) -> Form:
        return form_data.ledger_form(session, code, flt, options, sort=sort,
                                     descending=descending)

    unavailable = {}
    if flt.campaign_id is None:
        unavailable["lookback"] = QCoreApplication.translate(
            "ExportDialog", "须先在台账上方选择一个专项行动：“回头看”台账按专项行动填报，"
            "标题中的年份取自专项行动。")
    parts = [combo.currentText() for combo in (page.campaign, page.category, page.status,
                                                page.person, page.source)
             if combo.currentData() is not None]
    for box in (page.overdue, page.due_soon):
        if box.isChecked():
            parts.append(box.text())
    text = page.search.text().strip()
    if text:
        parts.append(QCoreApplication.translate("ExportDialog", "搜索“{text}”").format(text=text))
    what = "、".join(parts) if parts else QCoreApplication.translate("ExportDialog", "全部问题")
    scope = QCoreApplication.translate(
        "ExportDialog", "导出台账当前筛选的 {n} 条问题（{what}），按表格当前的排序。").format(
        n=page.model.rowCount(), what=what)
    return open_export(page, forms=[(code, form_name(code)) for code in LEDGER_FORMS],
                       build=build, scope=scope, unavailable=unavailable)


def selfcheck_export(page: Any, selfcheck_id: int, title: str = "") -> ExportDialog:
    """The result of self-check ``selfcheck_id`` (自查自纠 → 导出结果…)."""
    from models import form_data

    def build(session: Session, _code: str, options: FormOptions) -> Form:
        return form_data.selfcheck_form(session, selfcheck_id, options)

    scope = QCoreApplication.translate("ExportDialog", "导出自查“{title}”的逐项结果。").format(
        title=title) if title else ""
    return open_export(page, forms=[(SELFCHECK_FORM, form_name(SELFCHECK_FORM))], build=build,
                       scope=scope)


def casereview_export(page: Any, review_id: int, title: str = "") -> ExportDialog:
    """The score sheet of review ``review_id`` (案卷评查 → 导出评分表…)."""
    from models import form_data

    def build(session: Session, _code: str, options: FormOptions) -> Form:
        return form_data.casereview_form(session, review_id, options)

    scope = QCoreApplication.translate("ExportDialog", "导出案卷“{title}”的评查评分表。").format(
        title=title) if title else ""
    return open_export(page, forms=[(CASEREVIEW_FORM, form_name(CASEREVIEW_FORM))],
                       build=build, scope=scope)
