"""自查自纠: the unit's self-checks, starting one, and filling one item by item.

The area shows the list of self-checks (campaign, self-check list and version, who started it,
progress, state); 新建自查… starts one for a campaign against a self-check list that fits it
(its sections name the campaign's categories), 继续 (or Enter, or a double click) opens one in
the entry view (:mod:`ui.pages.selfcheck_entry`), at its first unanswered item. Leaving the area
keeps the entry view as it was, and what was typed is saved.
"""
from __future__ import annotations

from typing import Any

from PySide6.QtCore import QEvent, QObject, Qt, QTimer
from PySide6.QtGui import QColor, QKeyEvent
from PySide6.QtWidgets import (QComboBox, QDialog, QFormLayout, QHBoxLayout, QHeaderView, QLabel,
                               QLineEdit, QPushButton, QStackedWidget, QTableWidgetItem,
                               QVBoxLayout, QWidget)

from models import selfcheck, selfcheck_view
from models.selfcheck import STATUSES
from models.store import Changes

from ..errors import describe
from ..i18n import translate
from ..style import heading
from ..widgets import error_label, ok_cancel, read_only_table
from .base import Page
from .selfcheck_entry import ANSWER_COLORS, SelfCheckEntry

DONE_COLOR = "#1b7f3b"


class NewSelfCheckDialog(QDialog):
    """新建自查: campaign, self-check list (those that fit the campaign first), optional name.

    ``choices`` is :func:`models.selfcheck_view.new_selfcheck_choices`. The page starts the
    self-check when the dialog is accepted; a refusal is shown in the dialog (:meth:`refused`).
    """

    def __init__(self, parent: QWidget, choices: dict[str, Any],
                 campaign_id: int | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("新建自查"))
        self.setMinimumWidth(560)
        self.choices = choices
        form = QFormLayout(self)
        self.campaign = QComboBox()
        self.campaign.setObjectName("campaign")
        for c in choices["campaigns"]:
            self.campaign.addItem(c["title"], c["id"])
            self.campaign.setItemData(self.campaign.count() - 1, c["title"],
                                      Qt.ItemDataRole.ToolTipRole)
        self.template = QComboBox()
        self.template.setObjectName("template")
        self.title_edit = QLineEdit()
        self.title_edit.setObjectName("title")
        self.title_edit.setPlaceholderText(self.tr("可不填：默认为自查清单名称和版本"))
        self.fit = QLabel()
        self.fit.setObjectName("fit")
        self.fit.setWordWrap(True)
        self.message = error_label()
        form.addRow(self.tr("专项行动"), self.campaign)
        form.addRow(self.tr("自查清单"), self.template)
        form.addRow("", self.fit)
        form.addRow(self.tr("自查名称"), self.title_edit)
        form.addRow(self.message)
        self.buttons = ok_cancel(self)
        form.addRow(self.buttons)
        self.campaign.currentIndexChanged.connect(self._campaign_changed)
        self.template.currentIndexChanged.connect(lambda _i: self._show_fit())
        if campaign_id is not None and self.campaign.findData(campaign_id) >= 0:
            self.campaign.setCurrentIndex(self.campaign.findData(campaign_id))
        else:
            self._prefer_fitting_campaign()
        self._campaign_changed()

    def _prefer_fitting_campaign(self) -> None:
        fits = {cid for cid, _tid in self.choices["fits"]}
        for i in range(self.campaign.count()):
            if self.campaign.itemData(i) in fits:
                self.campaign.setCurrentIndex(i)
                return

    def _campaign_changed(self, _index: int = 0) -> None:
        cid = self.campaign.currentData()
        fits = self.choices["fits"]
        self.template.blockSignals(True)
        self.template.clear()
        ordered = sorted(self.choices["templates"], key=lambda t: (cid, t["id"]) not in fits)
        for t in ordered:
            text = f"{t['name']}（{t['version']}）"
            if t["example"]:
                text += self.tr(" [示例]")
            self.template.addItem(text, t["id"])
        self.template.blockSignals(False)
        self._show_fit()

    def _show_fit(self) -> None:
        cid, tid = self.campaign.currentData(), self.template.currentData()
        self.message.clear()
        ok = self.buttons.button(self.buttons.StandardButton.Ok)
        if tid is None:
            self.fit.setText(self.tr("没有在用的自查清单：请负责人在 设置 → 检查模板 中导入。"))
            self.fit.setStyleSheet("color: #b00020;")
            ok.setEnabled(False)
            return
        t = next(t for t in self.choices["templates"] if t["id"] == tid)
        if (cid, tid) in self.choices["fits"]:
            self.fit.setText(self.tr("共 {n} 项，分 {groups} 组：{names}").format(
                n=t["n_items"], groups=len(t["categories"]), names="、".join(t["categories"])))
            self.fit.setStyleSheet("color: #555;")
        else:
            self.fit.setText(self.tr("这份清单的分组（{names}）与本专项行动的问题类别对不上，"
                                     "请选用相符的清单。").format(names="、".join(t["categories"])))
            self.fit.setStyleSheet("color: #b00020;")
        ok.setEnabled(cid is not None)

    def values(self) -> tuple[int, int, str]:
        return self.campaign.currentData(), self.template.currentData(), self.title_edit.text()

    def refused(self, text: str) -> None:
        self.message.setText(text)
        self.buttons.setEnabled(True)


class SelfCheckPage(Page):
    tables = frozenset({"selfchecks", "selfcheck_answers", "problems", "evidence", "templates",
                        "campaigns", "campaign_categories", "people"})

    def __init__(self, controller: Any, parent: QWidget | None = None) -> None:
        super().__init__(controller, parent)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 8, 12, 8)
        self.stack = QStackedWidget()
        self.stack.setObjectName("selfcheck_views")
        self.stack.addWidget(self._build_list())
        self.entry = SelfCheckEntry(self)
        self.entry.back_requested.connect(self.show_list)
        self.entry.export_requested.connect(self.export_selfcheck)
        self.stack.addWidget(self.entry)
        layout.addWidget(self.stack)
        self.rows: list[dict[str, Any]] = []
        self._select_id: int | None = None
        self.dialog: NewSelfCheckDialog | None = None
        self.refresh()

    def _build_list(self) -> QWidget:
        view = QWidget()
        layout = QVBoxLayout(view)
        layout.setContentsMargins(0, 0, 0, 0)
        top = QHBoxLayout()
        top.addWidget(heading(QLabel(self.tr("自查自纠")), 1.4))
        top.addStretch(1)
        self.new_button = QPushButton(self.tr("新建自查…"))
        self.new_button.setObjectName("new_selfcheck")
        self.new_button.setEnabled(self.allowed("selfcheck.fill"))
        self.new_button.clicked.connect(self.new_selfcheck)
        top.addWidget(self.new_button)
        self.continue_button = QPushButton(self.tr("继续"))
        self.continue_button.setObjectName("continue_selfcheck")
        self.continue_button.clicked.connect(self.continue_selected)
        top.addWidget(self.continue_button)
        self.export_button = QPushButton(self.tr("导出结果…"))
        self.export_button.setObjectName("export_selfcheck")
        self.export_button.setToolTip(self.tr("导出所选自查的逐项结果（Excel 或 PDF）"))
        self.export_button.clicked.connect(self.export_selected)
        top.addWidget(self.export_button)
        layout.addLayout(top)
        intro = QLabel(self.tr(
            "对照专项行动的自查清单逐项检查本单位：每项答“符合”“不符合”或“不适用”，"
            "“不符合”的条目自动挂到问题台账（来源：自查自纠），整改按挂单销号跟踪。"
            "可以随时离开，下次从第一个未填的条目继续。"))
        intro.setWordWrap(True)
        intro.setStyleSheet("color: #555;")
        layout.addWidget(intro)
        self.table = read_only_table(
            [self.tr("专项行动"), self.tr("自查清单（版本）"), self.tr("发起人"), self.tr("进度"),
             self.tr("不符合"), self.tr("状态"), self.tr("开始时间")], "selfchecks_table")
        header = self.table.horizontalHeader()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.table.setWordWrap(False)
        self.table.doubleClicked.connect(lambda _i: self.continue_selected())
        self.table.currentCellChanged.connect(lambda *_a: self._update_buttons())
        self.table.installEventFilter(self)
        layout.addWidget(self.table, 1)
        self.empty = QLabel(self.tr("还没有自查。点击“新建自查…”，选择专项行动和自查清单后开始逐项填写。"))
        self.empty.setObjectName("empty")
        self.empty.setStyleSheet("color: #777; padding: 12px;")
        layout.addWidget(self.empty)
        return view

    # --- the list --------------------------------------------------------------------------------

    def refresh(self) -> None:
        self.worker.call(selfcheck_view.selfcheck_rows, self.session, on_done=self._show_rows)
        if self.stack.currentWidget() is self.entry:
            self.entry.reload()

    def _changed(self, changes: Changes) -> None:
        if changes.tables & self.tables:
            self.refresh()

    def _show_rows(self, rows: list[dict[str, Any]]) -> None:
        current = self._select_id or self.current_id()
        self._select_id = None
        self.rows = rows
        self.table.setRowCount(len(rows))
        for r, row in enumerate(rows):
            done = row["status"] == "completed"
            template = f"{row['template_name']}（{row['template_version']}）"
            values = [row["campaign_title"], template, row["started_by"],
                      f"{row['answered']} / {row['total']}", str(row["nonconform"]),
                      translate("selfcheck", STATUSES[row["status"]]),
                      (row["created_at"] or "")[:16].replace("T", " ")]
            for c, value in enumerate(values):
                item = QTableWidgetItem(value)
                if c in (0, 1):
                    item.setToolTip(value)
                if c in (3, 4, 5):
                    item.setTextAlignment(Qt.AlignmentFlag.AlignCenter)
                if c == 4 and row["nonconform"]:
                    item.setForeground(QColor(ANSWER_COLORS["nonconform"]))
                if c == 5 and done:
                    item.setForeground(QColor(DONE_COLOR))
                self.table.setItem(r, c, item)
        self.table.resizeColumnToContents(2)
        for col in (3, 4, 5, 6):
            self.table.resizeColumnToContents(col)
        ids = [row["id"] for row in rows]
        if current in ids:
            self.table.setCurrentCell(ids.index(current), 0)
        elif rows and self.table.currentRow() < 0:
            self.table.setCurrentCell(0, 0)
        self.empty.setVisible(not rows)
        self._update_buttons()

    def current_id(self) -> int | None:
        row = self.table.currentRow()
        return self.rows[row]["id"] if 0 <= row < len(self.rows) else None

    def _update_buttons(self) -> None:
        self.continue_button.setEnabled(self.current_id() is not None)
        self.export_button.setEnabled(self.current_id() is not None)
        sc = next((r for r in self.rows if r["id"] == self.current_id()), None)
        self.continue_button.setText(self.tr("查看") if sc and sc["status"] == "completed"
                                     else self.tr("继续"))

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt override
        if (watched is self.table and event.type() == QEvent.Type.KeyPress
                and isinstance(event, QKeyEvent)
                and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)):
            self.continue_selected()
            return True
        return super().eventFilter(watched, event)

    # --- actions ---------------------------------------------------------------------------------

    def continue_selected(self) -> None:
        sid = self.current_id()
        if sid is not None:
            self.open_selfcheck(sid)

    def export_selected(self) -> Any:
        """导出结果… of the self-check selected in the list; return the dialog (or None)."""
        sid = self.current_id()
        return self.export_selfcheck(sid) if sid is not None else None

    def export_selfcheck(self, selfcheck_id: int) -> Any:
        """Open the export dialog of ``selfcheck_id``'s result; return the dialog."""
        from .export_dialog import selfcheck_export
        row = next((r for r in self.rows if r["id"] == selfcheck_id), None)
        title = (row["title"] or row["template_name"]) if row else ""
        if title == "" and self.entry.data is not None and self.entry.selfcheck_id == selfcheck_id:
            title = self.entry.data["title"]
        return selfcheck_export(self, selfcheck_id, title)

    def open_selfcheck(self, selfcheck_id: int) -> None:
        """Show the entry view of ``selfcheck_id``."""
        self.entry.open(selfcheck_id)
        self.stack.setCurrentWidget(self.entry)
        self.entry.tree.setFocus()

    def show_list(self) -> None:
        self._select_id = self.entry.selfcheck_id
        self.stack.setCurrentIndex(0)
        self.refresh()
        self.table.setFocus()

    def new_selfcheck(self) -> None:
        """Load the choices, then open the 新建自查 dialog (see :attr:`dialog`)."""
        if not self.allowed("selfcheck.fill"):
            return
        self.worker.call(selfcheck_view.new_selfcheck_choices, self.session,
                         on_done=lambda choices: QTimer.singleShot(
                             0, lambda: self._open_dialog(choices)))

    def _open_dialog(self, choices: dict[str, Any]) -> None:
        sc = next((r for r in self.rows if r["id"] == self.current_id()), None)
        dialog = NewSelfCheckDialog(self, choices, sc["campaign_id"] if sc else None)
        dialog.buttons.accepted.disconnect()
        dialog.buttons.accepted.connect(lambda: self._start(dialog))
        dialog.finished.connect(lambda _r: self._dialog_closed(dialog))
        self.dialog = dialog
        dialog.open()

    def _dialog_closed(self, dialog: NewSelfCheckDialog) -> None:
        if self.dialog is dialog:
            self.dialog = None
        dialog.deleteLater()

    def _start(self, dialog: NewSelfCheckDialog) -> None:
        campaign_id, template_id, title = dialog.values()
        if campaign_id is None or template_id is None:
            return
        dialog.buttons.setEnabled(False)

        def started(changes: Changes) -> None:
            (key,) = changes.rows["selfchecks"]
            dialog.accept()
            self.open_selfcheck(int(key))

        self.worker.call(selfcheck.start_selfcheck, self.session, campaign_id, template_id,
                         title=title, on_done=started,
                         on_error=lambda exc: dialog.refused(describe(exc)))

    def hideEvent(self, event: Any) -> None:  # noqa: N802 - Qt override
        self.entry.leave()      # leaving the area: what was typed is kept
        super().hideEvent(event)
