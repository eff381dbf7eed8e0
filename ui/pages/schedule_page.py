"""其他台账 → 工作调度表: one campaign's progress table of one month, edited in place.

Above: the campaign and the month, 复制上月任务 (starts an empty month from the latest earlier
month's tasks), 保存 and 导出…. On the left the months that have a table (with how many tasks,
done and delayed); on the right the table: 工作任务, 责任人/部门, 完成状态 (a choice), 进展情况,
备注, with 添加 / 删除 / 上移 / 下移 (ui.pages.rows_editor). Switching to another month or campaign
saves unsaved edits first; when that is refused (a task left empty) the table stays where it was,
with the edits.
"""
from __future__ import annotations

from typing import Any, NamedTuple

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from models import campaigns, form_reports, schedule
from models.form_data import FormOptions
from models.forms import Form
from models.i18n import QT_TRANSLATE_NOOP
from models.months import label
from models.session import Session
from models.store import Changes

from ..errors import show_error
from ..i18n import translate
from .base import Page
from .report_widgets import (
    ChoiceDelegate,
    campaign_combo,
    chosen_campaign,
    fill_campaigns,
    month_edit,
    month_text,
    set_month,
)
from .rows_editor import Column, RowsEditor

MONTH_ROLE = Qt.ItemDataRole.UserRole
STATUS_COLUMN = 2
#: 完成状态 -> its text colour in the table
STATUS_COLOURS = {"done": "#1b6b34", "delayed": "#b00020"}
#: The columns of the table (keys of models.schedule's rows).
KEYS = ("task", "owner", "status", "progress", "note")


class Scope(NamedTuple):
    """Which table is shown: the campaign (None: none) and the month."""

    campaign_id: int | None
    month: str


def load(session: Session, scope: Scope | None) -> dict[str, Any]:
    """The campaigns, and for ``scope`` its rows and the months that have a table; for ``scope``
    None (the first load) the unit's latest table instead (``latest``: (campaign id, month) or
    None)."""
    out: dict[str, Any] = {"campaigns": campaigns.list_campaigns(session)}
    if scope is None:
        row = session.store.conn.execute(
            "SELECT campaign_id, period FROM schedule_items WHERE unit_id = ?"
            " ORDER BY period DESC, updated_at DESC LIMIT 1", (session.unit_id,)).fetchone()
        out["latest"] = tuple(row) if row else None
    else:
        out["items"] = schedule.list_items(session, scope.campaign_id, scope.month)
        out["periods"] = schedule.periods(session, scope.campaign_id)
    return out


def _running(items: list[dict[str, Any]]) -> bool:
    """Whether a campaign is in progress today."""
    from datetime import date
    today = date.today().isoformat()
    return any((c["start_date"] or "") <= today and (not c["end_date"] or today <= c["end_date"])
               for c in items)


class SchedulePage(Page):
    """The 工作调度表 of the chosen campaign and month."""

    TITLE = QT_TRANSLATE_NOOP("ledgers", "工作调度表")
    tables = frozenset({"schedule_items", "campaigns"})

    def __init__(self, controller: Any, parent: QWidget | None = None) -> None:
        super().__init__(controller, parent)
        self.scope: Scope | None = None
        self._loaded_rows: list[dict[str, Any]] = []
        self._saving = False
        self.labels = {key: translate("schedule", text) for key, text in schedule.STATUSES.items()}
        self.keys = {text: key for key, text in self.labels.items()}
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        top = QHBoxLayout()
        top.addWidget(QLabel(self.tr("专项行动")))
        self.campaign = campaign_combo("schedule_campaign")
        self.campaign.currentIndexChanged.connect(lambda _i: self._scope_changed())
        top.addWidget(self.campaign, 1)
        top.addWidget(QLabel(self.tr("月份")))
        self.month = month_edit("schedule_month")
        self.month.dateChanged.connect(lambda _d: self._scope_changed())
        top.addWidget(self.month)
        self.copy_button = QPushButton(self.tr("复制上月任务"))
        self.copy_button.setObjectName("schedule_copy")
        self.copy_button.setToolTip(self.tr("用最近一个月调度表的工作任务开始本月的调度表，再逐项更新进展"))
        self.copy_button.clicked.connect(lambda _c=False: self.copy_previous())
        top.addWidget(self.copy_button)
        self.save_button = QPushButton(self.tr("保存"))
        self.save_button.setObjectName("schedule_save")
        self.save_button.clicked.connect(lambda _c=False: self.save())
        top.addWidget(self.save_button)
        self.export_button = QPushButton(self.tr("导出…"))
        self.export_button.setObjectName("schedule_export")
        self.export_button.clicked.connect(lambda _c=False: self.export())
        top.addWidget(self.export_button)
        layout.addLayout(top)

        split = QSplitter()
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 4, 0)
        left_layout.addWidget(QLabel(self.tr("已有调度表的月份")))
        self.months = QListWidget()
        self.months.setObjectName("schedule_months")
        self.months.itemClicked.connect(self._month_clicked)
        left_layout.addWidget(self.months, 1)
        split.addWidget(left)
        right = QWidget()
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(4, 0, 0, 0)
        self.caption = QLabel()
        self.caption.setObjectName("schedule_caption")
        right_layout.addWidget(self.caption)
        self.editor = RowsEditor([Column("task", self.tr("工作任务")),
                                  Column("owner", self.tr("责任人/部门"), "text", 150),
                                  Column("status", self.tr("完成状态"), "text", 96),
                                  Column("progress", self.tr("进展情况")),
                                  Column("note", self.tr("备注"), "text", 130)], "schedule")
        self.editor.table.setItemDelegateForColumn(
            STATUS_COLUMN, ChoiceDelegate(self.editor.table, list(self.labels.values())))
        self.editor.table.model().rowsInserted.connect(
            lambda *_a: QTimer.singleShot(0, self._default_status))
        right_layout.addWidget(self.editor, 1)
        self.message = QLabel()
        self.message.setObjectName("schedule_message")
        self.message.setWordWrap(True)
        self.message.setStyleSheet("color: #555;")
        right_layout.addWidget(self.message)
        split.addWidget(right)
        split.setStretchFactor(0, 1)
        split.setStretchFactor(1, 5)
        split.setSizes([170, 900])
        layout.addWidget(split, 1)
        editable = self.allowed("schedule.edit")
        for widget in (self.copy_button, self.save_button, self.editor.add_button):
            widget.setEnabled(editable)
        if not editable:
            self.editor.table.setEditTriggers(self.editor.table.EditTrigger.NoEditTriggers)
        self.refresh()

    # --- loading ----------------------------------------------------------------------------------

    def current_scope(self) -> Scope | None:
        """The campaign and month the controls show (None before the campaigns are loaded)."""
        if not self.campaign.count():
            return None
        return Scope(chosen_campaign(self.campaign), month_text(self.month))

    def refresh(self) -> None:
        if self.is_modified():
            return      # a change elsewhere: the edits on screen stay until saved
        self._load(self.current_scope())

    def _load(self, scope: Scope | None) -> None:
        self.worker.call(load, self.session, scope, on_done=self._loaded,
                         on_error=lambda exc: show_error(self, exc))

    def _loaded(self, data: dict[str, Any]) -> None:
        shown = self.current_scope()
        if shown is None:          # the first load: the campaign in progress, else the latest table
            self.campaign.blockSignals(True)
            self.month.blockSignals(True)
            fill_campaigns(self.campaign, data["campaigns"], with_all=False)
            latest = data.get("latest")
            if latest and not _running(data["campaigns"]):
                fill_campaigns(self.campaign, data["campaigns"], with_all=False, keep=latest[0])
                set_month(self.month, latest[1])
            self.campaign.blockSignals(False)
            self.month.blockSignals(False)
            self._load(self.current_scope())
            return
        fill_campaigns(self.campaign, data["campaigns"], with_all=False, keep=shown.campaign_id)
        scope = self.current_scope()
        self.scope = scope
        self._loaded_rows = [{"id": r["id"], **{k: r[k] for k in KEYS}} for r in data["items"]]
        self.editor.set_rows([self._shown_row(r) for r in self._loaded_rows])
        for r, row in enumerate(self._loaded_rows):
            colour = STATUS_COLOURS.get(row["status"])
            if colour:
                self.editor.table.item(r, STATUS_COLUMN).setForeground(QBrush(QColor(colour)))
        self._show_months(data["periods"])
        count = len(self._loaded_rows)
        self.caption.setText(self.tr("{month} 的调度表：{n} 项工作任务").format(
            month=label(scope.month), n=count) if count else self.tr(
            "{month} 还没有调度表：点“添加”逐项填写，或“复制上月任务”。").format(month=label(scope.month)))
        self.copy_button.setEnabled(self.allowed("schedule.edit") and not count)
        self.export_button.setEnabled(bool(count))

    def _shown_row(self, row: dict[str, Any]) -> dict[str, Any]:
        return {**row, "status": self.labels.get(row["status"], row["status"])}

    def _show_months(self, periods: list[dict[str, Any]]) -> None:
        self.months.clear()
        for p in periods:
            item = QListWidgetItem(self.tr("{month}　{n} 项").format(month=p["period"],
                                                                    n=p["items"]))
            item.setToolTip(self.tr("{n} 项工作任务：已完成 {done} 项，滞后 {late} 项").format(
                n=p["items"], done=p["done"] or 0, late=p["delayed"] or 0))
            if p["delayed"]:
                item.setForeground(QBrush(QColor(STATUS_COLOURS["delayed"])))
            item.setData(MONTH_ROLE, p["period"])
            self.months.addItem(item)
            if self.scope and p["period"] == self.scope.month:
                self.months.setCurrentItem(item)

    def _default_status(self) -> None:
        """A row just added shows 未开始."""
        table = self.editor.table
        for r in range(table.rowCount()):
            item = table.item(r, STATUS_COLUMN)
            if item is not None and not item.text():
                item.setText(self.labels["not_started"])

    # --- editing ----------------------------------------------------------------------------------

    def rows(self) -> list[dict[str, Any]]:
        """The table as the core takes it: ``id`` and the columns, 完成状态 as its key."""
        out = []
        for row in self.editor.rows():
            row["status"] = self.keys.get(row["status"] or "", "not_started")
            out.append(row)
        return out

    def is_modified(self) -> bool:
        if self.scope is None:
            return False
        return [{k: r.get(k) for k in ("id", *KEYS)} for r in self.rows()] != self._loaded_rows

    def _scope_changed(self) -> None:
        old, new = self.scope, self.current_scope()
        if new is None or new == old:
            return
        if old is not None and self.is_modified():
            rows = self.rows()
            self._loaded_rows = [{k: r.get(k) for k in ("id", *KEYS)} for r in rows]
            self.worker.call(schedule.save_items, self.session, old.campaign_id, old.month, rows,
                             on_done=lambda _c: self._load(new),
                             on_error=lambda exc: self._save_failed(exc, old, rows))
            return
        self._load(new)

    def _save_failed(self, exc: BaseException, scope: Scope, rows: list[dict[str, Any]]) -> None:
        """Back to the table that could not be saved, with its edits."""
        for widget in (self.campaign, self.month):
            widget.blockSignals(True)
        index = self.campaign.findData(0 if scope.campaign_id is None else scope.campaign_id)
        self.campaign.setCurrentIndex(max(index, 0))
        set_month(self.month, scope.month)
        for widget in (self.campaign, self.month):
            widget.blockSignals(False)
        self.scope = scope
        self._loaded_rows = []
        self.editor.set_rows([self._shown_row(r) for r in rows])
        show_error(self, exc)

    def _month_clicked(self, item: QListWidgetItem) -> None:
        set_month(self.month, str(item.data(MONTH_ROLE)))

    def save(self) -> None:
        scope = self.scope
        if scope is None:
            return
        self.editor.commit_edit()
        self.call(schedule.save_items, scope.campaign_id, scope.month, self.rows(),
                  on_done=self._saved)

    def _saved(self, _changes: Changes) -> None:
        self.message.setText(self.tr("已保存。"))
        self._load(self.current_scope())

    def copy_previous(self) -> None:
        scope = self.scope
        if scope is not None:
            self.call(schedule.copy_previous, scope.campaign_id, scope.month,
                      on_done=lambda _c: self.message.setText(
                          self.tr("已复制上月的工作任务，请逐项更新进展情况和完成状态。")))

    def export(self) -> None:
        scope = self.scope
        if scope is None:
            return
        from .export_dialog import form_name, open_export

        def build(session: Session, _code: str, options: FormOptions) -> Form:
            return form_reports.schedule_form(session, scope.campaign_id, scope.month, options)

        text = self.tr("导出 {month} 的工作调度表（{campaign}）。").format(
            month=label(scope.month), campaign=self.campaign.currentText())
        open_export(self, forms=[("schedule", form_name("schedule"))], build=build, scope=text)
