"""问题台账: the filterable, searchable ledger table with the detail editor beside it."""
from __future__ import annotations

from typing import Any

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import (QAbstractItemView, QCheckBox, QComboBox, QFileDialog, QHBoxLayout,
                               QHeaderView, QInputDialog, QLabel, QLineEdit, QPushButton,
                               QSplitter, QTableView, QVBoxLayout, QWidget)

from models import campaigns, directory, evidence, problems
from models.errors import ValidationError
from models.i18n import QT_TRANSLATE_NOOP
from models.ledger_query import LedgerFilter
from models.problems import SOURCES, STATUSES
from models.session import Session
from models.store import Changes

from ..errors import show_error
from ..i18n import translate
from .base import Page
from .ledger_model import COLUMNS, SIGNATURE_COLUMN, LedgerModel
from .ledger_signatures import LedgerSignatureBar
from .problem_form import ProblemForm
from .row_signature import RowSignaturePanel, load_row_signature
from .signing_dialog import load_rows, sign_rows_dialog

SEARCH_DELAY_MS = 250


def load_choices(session: Session) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """Campaigns (with categories) and people for the filter bar and the form."""
    return campaigns.all_campaigns(session), directory.list_people(session)


def load_problem(session: Session, problem_id: int) -> tuple[dict[str, Any], dict[int, str]]:
    """One problem for the form, and where its evidence files are (for thumbnails)."""
    p = problems.get_problem(session, problem_id)
    paths = {e["id"]: str(evidence.path_of(session, e)) for e in p["evidence"]}
    return p, paths


class LedgerPage(Page):
    tables = frozenset({"problems", "problem_events", "progress_notes", "evidence", "people",
                        "campaigns", "signatures", "ledger_revisions", "signing_keys",
                        "key_statements", "units"})

    def __init__(self, controller: Any, parent: QWidget | None = None) -> None:
        super().__init__(controller, parent)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 8, 12, 8)

        bar = QHBoxLayout()
        self.campaign = QComboBox()
        self.campaign.setObjectName("filter_campaign")
        self.category = QComboBox()
        self.category.setObjectName("filter_category")
        self.status = QComboBox()
        self.status.setObjectName("filter_status")
        self.status.addItem(self.tr("全部状态"), None)
        for key, text in STATUSES.items():
            self.status.addItem(translate("problems", text), key)
        self.status.addItem(self.tr("未销号"), ("open", "in_progress", "rectified", "rebound"))
        self.person = QComboBox()
        self.person.setObjectName("filter_person")
        self.source = QComboBox()
        self.source.setObjectName("filter_source")
        self.source.addItem(self.tr("全部来源"), None)
        for key, text in SOURCES.items():
            self.source.addItem(translate("problems", text), key)
        self.overdue = QCheckBox(self.tr("已逾期"))
        self.overdue.setObjectName("filter_overdue")
        self.due_soon = QCheckBox(self.tr("7 天内到期"))
        self.due_soon.setObjectName("filter_due_soon")
        self.search = QLineEdit()
        self.search.setObjectName("search")
        self.search.setPlaceholderText(self.tr("搜索问题、表现、措施、备注…"))
        self.search.setClearButtonEnabled(True)
        top = QHBoxLayout()
        top.addWidget(self.search, 1)
        self.new_button = QPushButton(self.tr("新建问题"))
        self.new_button.setObjectName("new_problem")
        self.new_button.setToolTip("Ctrl+N")
        self.new_button.setEnabled(self.allowed("problem.edit"))
        top.addWidget(self.new_button)
        self.import_button = QPushButton(self.tr("导入 Excel…"))
        self.import_button.setObjectName("import_excel")
        self.import_button.setToolTip(self.tr("导入专项整治问题清单或“回头看”清查评估台账"))
        self.import_button.setEnabled(self.allowed("problem.edit"))
        top.addWidget(self.import_button)
        self.export_button = QPushButton(self.tr("导出…"))
        self.export_button.setObjectName("export_forms")
        self.export_button.setToolTip(self.tr("把当前筛选的问题导出为通知附件格式的 Excel 或 PDF 报表"))
        top.addWidget(self.export_button)
        layout.addLayout(top)
        for widget in (self.campaign, self.category, self.status, self.person, self.source):
            widget.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
            widget.setMaximumWidth(280)
            bar.addWidget(widget)
        bar.addWidget(self.overdue)
        bar.addWidget(self.due_soon)
        bar.addStretch(1)
        layout.addLayout(bar)
        self.signature_bar = LedgerSignatureBar(self)
        layout.addWidget(self.signature_bar)

        splitter = QSplitter()
        self.model = LedgerModel(self.worker, self.session)
        self.table = QTableView()
        self.table.setObjectName("ledger_table")
        self.table.setModel(self.model)
        # The header's own default indicator is (0, descending): enabling sorting would apply it
        # and open the ledger in reverse 序号 order. Start from the model's order instead.
        from PySide6.QtCore import Qt  # as ProblemForm below: the Qt namespace is loaded anyway
        self.table.horizontalHeader().setSortIndicator(0, Qt.SortOrder.AscendingOrder)
        self.table.setSortingEnabled(True)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().setVisible(False)
        self.table.verticalHeader().setDefaultSectionSize(26)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        for col, width in ((0, 44), (1, 96), (3, 60), (4, 84), (5, 104), (6, 84), (7, 84)):
            self.table.setColumnWidth(col, width)
        self.table.setColumnHidden(7, True)   # 最近更新: sortable through the header menu later
        self.table.setColumnWidth(SIGNATURE_COLUMN, 90)
        header.sortIndicatorChanged.connect(self._sort_indicator_changed)
        splitter.addWidget(self.table)
        self.form = ProblemForm()
        self.form.setEnabled(False)
        side = QWidget()
        side_layout = QVBoxLayout(side)
        side_layout.setContentsMargins(0, 0, 0, 0)
        side_layout.addWidget(self.form, 1)
        self.row_signature = RowSignaturePanel(self.allowed("problem.sign_own"))
        side_layout.addWidget(self.row_signature)
        splitter.addWidget(side)
        splitter.setStretchFactor(0, 2)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([700, 330])
        layout.addWidget(splitter, 1)

        bottom = QHBoxLayout()
        self.counts = QLabel()
        self.counts.setObjectName("counts")
        bottom.addWidget(self.counts, 1)
        self.bulk_button = QPushButton(self.tr("批量调整…"))
        self.bulk_button.setObjectName("bulk")
        self.bulk_button.setVisible(self.allowed("problem.bulk"))
        bottom.addWidget(self.bulk_button)
        layout.addLayout(bottom)

        self._search_timer = QTimer(self)
        self._search_timer.setSingleShot(True)
        self._search_timer.setInterval(SEARCH_DELAY_MS)
        self._search_timer.timeout.connect(self.apply_filter)
        self.search.textChanged.connect(lambda _t: self._search_timer.start())
        for combo in (self.category, self.status, self.person, self.source):
            combo.currentIndexChanged.connect(lambda _i: self.apply_filter())
        self.campaign.currentIndexChanged.connect(self._campaign_changed)
        self.overdue.toggled.connect(lambda _on: self.apply_filter())
        self.due_soon.toggled.connect(lambda _on: self.apply_filter())
        self.model.counts_changed.connect(self._show_counts)
        self.model.reloaded.connect(self._reselect)
        self.table.selectionModel().currentRowChanged.connect(self._current_changed)
        self.new_button.clicked.connect(self.new_problem)
        self.import_button.clicked.connect(self.open_import)
        self.export_button.clicked.connect(self.open_export)
        self.form.save_requested.connect(self._save)
        self.form.step_requested.connect(self._step)
        self.form.note_requested.connect(self._note)
        self.form.attach_requested.connect(self._attach)
        self.bulk_button.clicked.connect(self._bulk)
        self.row_signature.sign_requested.connect(self.sign_row)
        self._add_shortcuts()
        self._selected_id: int | None = None
        self._choices: tuple[list[dict[str, Any]], list[dict[str, Any]]] = ([], [])
        self.worker.call(load_choices, self.session, on_done=self._show_choices)

    def _add_shortcuts(self) -> None:
        from PySide6.QtGui import QKeySequence, QShortcut
        QShortcut(QKeySequence.StandardKey.New, self, self.new_problem)
        QShortcut(QKeySequence.StandardKey.Save, self,
                  lambda: self.form.isEnabled() and self.form._save())
        QShortcut(QKeySequence.StandardKey.Find, self, self.search.setFocus)

    # --- choices and filter ---------------------------------------------------------------------

    def _show_choices(self, choices: tuple[list[dict[str, Any]], list[dict[str, Any]]]) -> None:
        self._choices = choices
        items, people = choices
        for combo in (self.campaign, self.person):
            combo.blockSignals(True)
            combo.clear()
        self.campaign.addItem(self.tr("全部专项行动"), None)
        for c in items:
            self.campaign.addItem(c["title"], c["id"])
        self.campaign.setCurrentIndex(0)
        self.person.addItem(self.tr("全部责任人"), None)
        for p in people:
            self.person.addItem(p["name"], p["id"])
        for combo in (self.campaign, self.person):
            combo.blockSignals(False)
        self.form.set_choices(items, people)
        self._campaign_changed()

    def _campaign_changed(self, _index: int = 0) -> None:
        cid = self.campaign.currentData()
        self.category.blockSignals(True)
        self.category.clear()
        self.category.addItem(self.tr("全部问题方面"), None)
        for c in self._choices[0]:
            if c["id"] == cid:
                for cat in c["categories"]:
                    self.category.addItem(cat["name"], cat["name"])
        self.category.blockSignals(False)
        self.signature_bar.show_campaign(cid)
        self.apply_filter()

    def current_filter(self) -> LedgerFilter:
        return LedgerFilter(campaign_id=self.campaign.currentData(),
                            category=self.category.currentData(),
                            status=self.status.currentData(),
                            responsible_person_id=self.person.currentData(),
                            source=self.source.currentData(),
                            overdue=self.overdue.isChecked(), due_soon=self.due_soon.isChecked(),
                            text=self.search.text())

    def apply_filter(self) -> None:
        self._search_timer.stop()
        self.model.reload(self.current_filter())

    def _show_counts(self, counts: dict[str, Any]) -> None:
        parts = [f"{translate('problems', STATUSES[k])} {n}"
                 for k, n in counts["by_status"].items() if n]
        text = self.tr("共 {total} 条").format(total=counts["total"])
        if parts:
            text += "：" + "，".join(parts)
        if counts["overdue"]:
            text += self.tr("；已逾期 {n} 条").format(n=counts["overdue"])
        if counts["due_soon"]:
            text += self.tr("；7 天内到期 {n} 条").format(n=counts["due_soon"])
        self.counts.setText(text)

    # --- selection and form -----------------------------------------------------------------

    def _current_changed(self, current: Any, _previous: Any) -> None:
        if not current.isValid():
            return
        pid = self.model.problem_id(current.row())
        if pid == self._selected_id:   # the problem the form holds, or one just created
            if self.form.problem is None:
                self._select(pid)
            return
        self._leave_form(lambda: self._select(pid), self._restore_selection)

    def _select(self, pid: int) -> None:
        self._selected_id = pid
        self.worker.call(load_problem, self.session, pid, on_done=self._show_problem)

    def _restore_selection(self) -> None:
        """Put the table's current row back on the problem the form still shows."""
        row = self.model.row_of(self._selected_id) if self._selected_id is not None else None
        selection = self.table.selectionModel()
        selection.blockSignals(True)
        if row is None:
            self.table.clearSelection()
        else:
            self.table.selectRow(row)
        selection.blockSignals(False)

    def _leave_form(self, proceed: Any, stay: Any = None) -> None:
        """Run ``proceed`` (show something else in the form) unless that would drop typing: then
        ask 保存 / 不保存 / 取消. 保存 runs ``proceed`` only once the save succeeded."""
        if not self.form.would_lose_typing():
            proceed()
            return
        from PySide6.QtWidgets import QMessageBox
        buttons = QMessageBox.StandardButton
        answer = QMessageBox.question(
            self, self.tr("未保存的修改"),
            self.tr("当前问题有尚未保存的修改。要先保存吗？"),
            buttons.Save | buttons.Discard | buttons.Cancel, buttons.Save)
        if answer == buttons.Save:
            values = self.form.values() if self.form.problem is None else self.form.edits()
            self._save(values, then=proceed, failed=stay)
        elif answer == buttons.Discard:
            proceed()
        elif stay is not None:
            stay()

    def _show_problem(self, loaded: tuple[dict[str, Any], dict[int, str]]) -> None:
        problem, paths = loaded
        if problem["id"] != self._selected_id:
            return
        self.form.setEnabled(True)
        self.form.show_problem(problem, paths)
        pid = problem["id"]
        self.worker.call(load_row_signature, self.session, pid,
                         on_done=lambda info: self._show_row_signature(pid, info))

    def _show_row_signature(self, pid: int, info: dict[str, Any]) -> None:
        if pid == self._selected_id:
            self.row_signature.show_info(pid, info)

    def sign_row(self, pid: int) -> None:
        """Open the 责任人签字 dialog for problem ``pid`` (one at a time)."""
        self.row_signature.sign.setEnabled(False)

        def failed(exc: BaseException) -> None:
            self.row_signature.sign.setEnabled(True)
            show_error(self, exc)
        self.worker.call(load_rows, self.session, [pid], on_done=self._open_sign_row,
                         on_error=failed)

    def _open_sign_row(self, rows: list[dict[str, Any]]) -> None:
        if rows:
            self.sign_dialog = sign_rows_dialog(self, rows)
            self.sign_dialog.finished.connect(lambda _r: self.row_signature.sign.setEnabled(True))
            self.sign_dialog.open()
        else:
            self.row_signature.sign.setEnabled(True)

    def _sort_indicator_changed(self, column: int, _order: Any) -> None:
        """A column the ledger cannot be sorted by keeps the indicator on the real sort."""
        if column != SIGNATURE_COLUMN:
            return
        from PySide6.QtCore import Qt
        keys = [key for key, _header in COLUMNS]
        header = self.table.horizontalHeader()
        header.blockSignals(True)
        header.setSortIndicator(keys.index(self.model.sort_key),
                                Qt.SortOrder.DescendingOrder if self.model.descending
                                else Qt.SortOrder.AscendingOrder)
        header.blockSignals(False)

    def _reselect(self) -> None:
        if self._selected_id is None:
            return
        row = self.model.row_of(self._selected_id)
        if row is not None:
            self.table.selectRow(row)
            self.worker.call(load_problem, self.session, self._selected_id,
                             on_done=self._show_problem)

    def new_problem(self) -> None:
        if not self.allowed("problem.edit"):
            return
        self._leave_form(self._new_problem)

    def _new_problem(self) -> None:
        self._selected_id = None
        self.table.clearSelection()
        self.form.setEnabled(True)
        self.form.new(self.campaign.currentData())
        self.row_signature.clear()

    def refresh(self) -> None:
        self.model.reload()

    def _changed(self, changes: Changes) -> None:
        if changes.tables & {"campaigns", "campaign_categories", "people"}:
            self.worker.call(load_choices, self.session, on_done=self._show_choices)
        elif changes.tables & self.tables:
            self.model.reload()
            self.signature_bar.refresh()

    # --- actions ------------------------------------------------------------------------------

    def _run(self, fn: Any, *args: Any, then: Any = None, failed: Any = None,
             **kwargs: Any) -> None:
        def done(changes: Changes) -> None:
            self._done(changes)
            if then is not None:
                then()

        def error(exc: BaseException) -> None:
            show_error(self, exc)
            if failed is not None:
                failed()

        self.worker.call(fn, self.session, *args, on_done=done, on_error=error, **kwargs)

    def _done(self, changes: Changes) -> None:
        new = changes.rows.get("problems", set())
        if self._selected_id is None and len(new) == 1:
            self._selected_id = int(next(iter(new)))   # select what was just created

    def _save(self, values: dict[str, Any], then: Any = None, failed: Any = None) -> None:
        if self.form.problem is None:
            self._run(problems.create_problem, campaign_id=self.form.campaign.currentData(),
                      then=then, failed=failed, **values)
        else:
            self._run(problems.update_problem, self.form.problem["id"], then=then,
                      failed=failed, **values)

    def _step(self, to_status: str) -> None:
        p = self.form.problem
        if p is None:
            return
        note = ""
        _perm, note_required, _owner = problems.TRANSITIONS[(p["status"], to_status)]
        if note_required or to_status == "closed":
            label = self.tr("说明（必填）：") if note_required else self.tr("验收意见（可不填）：")
            note, ok = QInputDialog.getMultiLineText(self, self.tr("整改流程"), label)
            if not ok:
                return
        extra = {"rebound_measures": self.form.rebound_measures.toPlainText()} \
            if to_status == "rebound" else {}
        self._run(problems.transition, p["id"], to_status, note, **extra)

    def _note(self) -> None:
        p = self.form.problem
        if p is None:
            return
        text, ok = QInputDialog.getMultiLineText(self, self.tr("整改进展"),
                                                 self.tr("今天做了什么："))
        if ok:
            self._run(problems.add_progress_note, p["id"], text)

    def _attach(self) -> None:
        p = self.form.problem
        if p is None:
            return
        paths, _filter = QFileDialog.getOpenFileNames(
            self, self.tr("选择印证资料"), "",
            self.tr("照片、扫描件和文档 (*.jpg *.jpeg *.png *.heic *.tif *.tiff *.pdf *.doc *.docx"
                    " *.xls *.xlsx *.wps *.et *.ofd *.txt);;所有文件 (*)"))
        for path in paths:
            self._run(evidence.attach, p["id"], path)

    def open_import(self) -> Any:
        """Open the Excel import dialog for the campaign the ledger shows; return the dialog."""
        if not self.allowed("problem.edit"):
            return None
        from .import_dialog import ImportDialog
        dialog = ImportDialog(self.worker, self.session, self.controller.settings,
                              self._choices[0], self.campaign.currentData(), self)
        dialog.finished.connect(lambda _r: self._after_import(dialog))
        dialog.open()
        return dialog

    def open_export(self) -> Any:
        """Open the export dialog for what the ledger shows; return the dialog. A search still
        waiting for its typing pause is applied first, so the export is what is on screen."""
        from .export_dialog import ledger_export
        if self._search_timer.isActive():
            self.apply_filter()
        return ledger_export(self)

    def _after_import(self, dialog: Any) -> None:
        if dialog.imported and dialog.preview is not None:
            index = self.campaign.findData(dialog.preview.campaign_id)
            if index >= 0 and self.campaign.currentIndex() not in (0, index):
                self.campaign.setCurrentIndex(index)
        dialog.deleteLater()

    def _bulk(self) -> None:
        ids = sorted({self.model.problem_id(i.row())
                      for i in self.table.selectionModel().selectedRows()})
        if not ids:
            show_error(self, ValidationError(
                QT_TRANSLATE_NOOP("errors", "请先在表格中选择要批量调整的问题。")))
            return
        people = [p for p in self._choices[1] if p["active"]]
        names = [self.tr("（责任人不变）")] + [p["name"] for p in people]
        name, ok = QInputDialog.getItem(self, self.tr("批量调整"),
                                        self.tr("{n} 个问题的责任人：").format(n=len(ids)),
                                        names, 0, False)
        if not ok:
            return
        person = next((p["id"] for p in people if p["name"] == name), None)
        deadline, ok = QInputDialog.getText(self, self.tr("批量调整"),
                                            self.tr("新的整改时限（如 2024-08-31，留空则不变）："))
        if not ok:
            return
        self._run(problems.bulk_update, ids, responsible_person_id=person,
                  deadline=deadline.strip() or None)
