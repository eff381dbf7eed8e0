"""新建/编辑专项行动: a campaign's own fields, its ordered problem categories, phases and materials.

Each required material may name the ledger that supplies it (由台账提供: 工作简报, 工作调度表,
案件统计 …; 按名称判断 reads it from the name) and a monthly due day (每月截止, in the 本月 or
次月 of the month reported: the brief by the 25th, the case data by the 5th of the next month);
see models.campaigns.rule_values.

The dialog saves through the core itself (on the database worker) when 确定 is pressed and closes
only once the save succeeded; a refusal (a date in the wrong order, a used category removed …)
is shown inside the dialog and everything typed stays. Enter never saves by accident: in a field
it moves on to the next one, on a button it presses that button, in a table it edits the cell;
Ctrl+Enter saves.
"""
from __future__ import annotations

from typing import Any

from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import (QAbstractButton, QAbstractItemView, QComboBox,
                               QDialog, QDialogButtonBox, QGridLayout, QGroupBox, QHBoxLayout,
                               QLabel, QLineEdit, QMessageBox, QPlainTextEdit, QPushButton,
                               QVBoxLayout, QWidget)

from models import campaigns, material_kinds
from models.session import Session
from models.store import Changes

from ..errors import describe
from ..i18n import translate
from ..style import heading
from ..widgets import error_label
from ..worker import DbWorker
from .report_widgets import ChoiceDelegate
from .rows_editor import Column, DateEdit, RowsEditor


class CampaignDialog(QDialog):
    """Create (``campaign`` None) or edit a campaign as returned by ``campaigns.get_campaign``.

    ``usage`` maps category names to how many of the campaign's problems use them: a used
    category shows its count and cannot be removed here (the core refuses it too). After
    :meth:`exec` returns accepted, :attr:`saved_id` is the campaign's id.
    """

    def __init__(self, parent: QWidget | None, worker: DbWorker, session: Session,
                 campaign: dict[str, Any] | None = None,
                 usage: dict[str, int] | None = None) -> None:
        super().__init__(parent)
        self.worker = worker
        self.session = session
        self.campaign = campaign
        self.usage = usage or {}
        self.saved_id: int | None = campaign["id"] if campaign else None
        self._saving = False
        self.setObjectName("campaign_dialog")
        self.setWindowTitle(self.tr("编辑专项行动") if campaign else self.tr("新建专项行动"))
        self.setSizeGripEnabled(True)
        self.resize(1040, 720)

        outer = QVBoxLayout(self)
        outer.setContentsMargins(18, 14, 18, 14)
        outer.setSpacing(10)
        title = QLabel(self.windowTitle())
        outer.addWidget(heading(title, 1.35))
        hint = QLabel(self.tr("带 * 的为必填项。日期可不填；在日期框中按 Delete 键清除。"
                              "Enter 键转到下一项，Ctrl+Enter 保存。"))
        hint.setObjectName("hint")
        hint.setStyleSheet("color: palette(mid);")
        outer.addWidget(hint)
        outer.addWidget(self._basic_box())

        lower = QHBoxLayout()
        lower.setSpacing(12)
        lower.addWidget(self._categories_box(), 2)
        right = QVBoxLayout()
        right.setSpacing(10)
        right.addWidget(self._phases_box(), 1)
        right.addWidget(self._materials_box(), 1)
        lower.addLayout(right, 5)
        outer.addLayout(lower, 1)

        self.message = error_label()
        self.message.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.message.hide()
        outer.addWidget(self.message)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                        | QDialogButtonBox.StandardButton.Cancel)
        self.ok_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setObjectName("save_campaign")
        self.ok_button.setToolTip(self.tr("保存（Ctrl+Enter）"))
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.cancel)
        outer.addWidget(self.buttons)
        for button in self.findChildren(QPushButton):
            button.setAutoDefault(False)   # Enter on a field must not press 确定

        self._fill(campaign or {})
        self._initial = self.values()
        self.title_edit.setFocus()

    # --- building -----------------------------------------------------------------------------

    def _basic_box(self) -> QGroupBox:
        box = QGroupBox(self.tr("基本信息"))
        grid = QGridLayout(box)
        grid.setHorizontalSpacing(10)
        grid.setVerticalSpacing(8)
        self.title_edit = QLineEdit()
        self.title_edit.setObjectName("title")
        self.title_edit.setPlaceholderText(self.tr("如：交通运输执法领域突出问题专项整治行动"))
        self.doc_no = QLineEdit()
        self.doc_no.setObjectName("doc_no")
        self.doc_no.setPlaceholderText(self.tr("如：青交执法监法〔2023〕30号"))
        self.issuer = QLineEdit()
        self.issuer.setObjectName("issuer")
        self.issuer.setPlaceholderText(self.tr("如：青海省交通运输综合行政执法监督局"))
        self.kind = QComboBox()
        self.kind.setObjectName("kind")
        for key, label in campaigns.KINDS.items():
            self.kind.addItem(translate("campaigns", label), key)
        self.start_date = DateEdit()
        self.start_date.setObjectName("start_date")
        self.end_date = DateEdit(fallback=self._period_start)
        self.end_date.setObjectName("end_date")
        self.note = QPlainTextEdit()
        self.note.setObjectName("note")
        self.note.setTabChangesFocus(True)
        self.note.setPlaceholderText(self.tr("问题来源、工作要求等"))
        self.note.setFixedHeight(self.fontMetrics().lineSpacing() * 3 + 14)

        def label(text: str, buddy: QWidget) -> QLabel:
            widget = QLabel(text)
            widget.setBuddy(buddy)
            widget.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            return widget

        period = QHBoxLayout()
        period.setSpacing(6)
        period.addWidget(self.start_date, 1)
        period.addWidget(QLabel(self.tr("至")))
        period.addWidget(self.end_date, 1)
        grid.addWidget(label(self.tr("行动名称 *"), self.title_edit), 0, 0)
        grid.addWidget(self.title_edit, 0, 1, 1, 3)
        grid.addWidget(label(self.tr("文号"), self.doc_no), 1, 0)
        grid.addWidget(self.doc_no, 1, 1)
        grid.addWidget(label(self.tr("发文单位"), self.issuer), 1, 2)
        grid.addWidget(self.issuer, 1, 3)
        grid.addWidget(label(self.tr("行动类型"), self.kind), 2, 0)
        grid.addWidget(self.kind, 2, 1)
        grid.addWidget(label(self.tr("起止日期"), self.start_date), 2, 2)
        grid.addLayout(period, 2, 3)
        note_label = label(self.tr("备注"), self.note)
        note_label.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop)
        grid.addWidget(note_label, 3, 0)
        grid.addWidget(self.note, 3, 1, 1, 3)
        grid.setColumnStretch(1, 2)
        grid.setColumnStretch(3, 3)
        return box

    def _categories_box(self) -> QGroupBox:
        box = QGroupBox(self.tr("问题类别"))
        layout = QVBoxLayout(box)
        self.categories = RowsEditor([Column("name", self.tr("类别名称")),
                                      Column("used", self.tr("已登记问题"), "info", 84)],
                                     "categories")
        self.categories.removable = self._category_in_use
        self.categories.table.setColumnHidden(1, self.campaign is None)  # no problems yet
        layout.addWidget(self.categories)
        note = QLabel(self.tr("问题台账按此顺序列出类别。改名后，已登记问题的类别随之改名。"))
        note.setWordWrap(True)
        note.setStyleSheet("color: palette(mid);")
        layout.addWidget(note)
        return box

    def _phases_box(self) -> QGroupBox:
        box = QGroupBox(self.tr("工作阶段"))
        layout = QVBoxLayout(box)
        self.phases = RowsEditor([Column("name", self.tr("阶段名称")),
                                  Column("start_date", self.tr("开始日期"), "date", 112),
                                  Column("deadline", self.tr("截止日期"), "date", 112),
                                  Column("note", self.tr("说明"))],
                                 "phases", fallback_date=self._period_start)
        layout.addWidget(self.phases)
        return box

    def _materials_box(self) -> QGroupBox:
        box = QGroupBox(self.tr("报送材料"))
        layout = QVBoxLayout(box)
        self.materials = RowsEditor([Column("name", self.tr("材料名称")),
                                     Column("due_date", self.tr("截止日期"), "date", 112),
                                     Column("kind", self.tr("由台账提供"), "text", 120),
                                     Column("monthly_day", self.tr("每月截止"), "text", 74),
                                     Column("month_offset", self.tr("月份"), "text", 56),
                                     Column("note", self.tr("说明"))],
                                    "materials", fallback_date=self._period_start)
        # the rule of each material (models.campaigns.rule_values), shown as texts
        self.kind_labels = {"": self.tr("按名称判断")} | {
            key: translate("materials", text) for key, text in material_kinds.KIND_LABELS.items()}
        self.day_labels = {None: ""} | {d: self.tr("{day} 日").format(day=d) for d in range(1, 32)}
        self.offset_labels = {0: self.tr("本月"), 1: self.tr("次月")}
        table = self.materials.table
        for column, labels in ((2, self.kind_labels), (3, self.day_labels),
                               (4, self.offset_labels)):
            table.setItemDelegateForColumn(column, ChoiceDelegate(table, list(labels.values())))
        header = table.horizontalHeaderItem(2)
        header.setToolTip(self.tr("提供该材料的本软件台账（工作简报、工作调度表、案件统计等）；"
                                  "“按名称判断”时按材料名称识别，识别不出即为附件文件"))
        table.horizontalHeaderItem(3).setToolTip(self.tr(
            "每月报送的材料的截止日，如工作简报每月 25 日；不填则按截止日期"))
        table.horizontalHeaderItem(4).setToolTip(self.tr(
            "截止日在报送月份的本月还是次月，如案件数据次月 5 日前报送"))
        layout.addWidget(self.materials)
        return box

    def _material_rows(self, rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
        """Materials as the table shows them: the rule as texts."""
        return [{**m, "kind": self.kind_labels.get(m.get("kind") or "", ""),
                 "monthly_day": self.day_labels.get(m.get("monthly_day"), ""),
                 "month_offset": self.offset_labels[1 if m.get("month_offset") else 0]}
                for m in rows]

    def _material_values(self) -> list[dict[str, Any]]:
        """The table's materials as the core takes them: the rule's texts back to values."""
        kinds = {text: key for key, text in self.kind_labels.items()}
        out = []
        for row in self.materials.rows():
            day = "".join(c for c in row.get("monthly_day") or "" if c.isdigit())
            out.append({**row, "kind": kinds.get(row.get("kind") or "", ""),
                        "monthly_day": int(day) if day else None,
                        "month_offset": 1 if row.get("month_offset") == self.offset_labels[1]
                        else 0})
        return out

    def _period_start(self) -> QDate:
        """Where an empty date starts: the campaign's start date, else today."""
        return self.start_date.date() if not self.start_date.is_empty() else QDate.currentDate()

    def _fill(self, c: dict[str, Any]) -> None:
        self.title_edit.setText(c.get("title", ""))
        self.doc_no.setText(c.get("doc_no", ""))
        self.issuer.setText(c.get("issuer", ""))
        self.kind.setCurrentIndex(max(self.kind.findData(c.get("kind", "special")), 0))
        self.start_date.set_iso(c.get("start_date"))
        self.end_date.set_iso(c.get("end_date"))
        self.note.setPlainText(c.get("note", ""))
        self.categories.set_rows([
            {"id": x["id"], "name": x["name"], "used": self.usage.get(x["name"], 0) or ""}
            for x in c.get("categories", [])])
        self.phases.set_rows(c.get("phases", []))
        self.materials.set_rows(self._material_rows(c.get("materials", [])))

    def _category_in_use(self, row: int) -> str | None:
        """Why category ``row`` cannot be removed, or None."""
        if not self.campaign:
            return None
        item = self.categories.table.item(row, 0)
        rid = item.data(Qt.ItemDataRole.UserRole) if item else None
        original = {x["id"]: x["name"] for x in self.campaign.get("categories", [])}.get(rid)
        count = self.usage.get(original, 0) if original else 0
        if not count:
            return None
        return self.tr("已有 {count} 个问题使用该类别，不能删除；可以改名。").format(count=count)

    # --- values and saving --------------------------------------------------------------------

    def values(self) -> dict[str, Any]:
        """What the form holds, in the shape the core takes."""
        for editor in (self.categories, self.phases, self.materials):
            editor.commit_edit()
        categories: list[Any] = []
        for row in self.categories.rows():
            categories.append({"id": row["id"], "name": row["name"]} if row["id"] is not None
                              else row["name"])
        return {
            "title": self.title_edit.text(), "doc_no": self.doc_no.text(),
            "issuer": self.issuer.text(), "kind": self.kind.currentData(),
            "start_date": self.start_date.iso(), "end_date": self.end_date.iso(),
            "note": self.note.toPlainText(), "categories": categories,
            "phases": self.phases.rows(), "materials": self._material_values(),
        }

    def is_modified(self) -> bool:
        return self.values() != self._initial

    def save(self) -> None:
        """Save through the core; close on success, show the refusal otherwise."""
        if self._saving:
            return
        values = self.values()
        self._saving = True
        self.ok_button.setEnabled(False)
        self.message.clear()
        self.message.hide()
        if self.campaign:
            self.worker.call(campaigns.update_campaign_details, self.session, self.campaign["id"],
                             on_done=self._saved, on_error=self._failed, **values)
        else:
            self.worker.call(campaigns.create_campaign, self.session,
                             on_done=self._saved, on_error=self._failed, **values)

    def _saved(self, changes: Changes) -> None:
        self._saving = False
        self.ok_button.setEnabled(True)
        if self.saved_id is None and changes and "campaigns" in changes.rows:
            self.saved_id = int(next(iter(changes.rows["campaigns"])))
        self.accept()

    def _failed(self, exc: BaseException) -> None:
        self._saving = False
        self.ok_button.setEnabled(True)
        self.message.setText(describe(exc))
        self.message.show()

    def cancel(self) -> None:
        """Close without saving; asks first when something was changed."""
        if not self.is_modified() or self._confirm_discard():
            self.reject()

    # --- keys ---------------------------------------------------------------------------------

    def keyPressEvent(self, event: Any) -> None:
        key = event.key()
        if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            event.accept()
            if event.modifiers() & Qt.KeyboardModifier.ControlModifier:
                self.save()
                return
            focus = self.focusWidget()
            view = _item_view(focus)
            if isinstance(focus, QAbstractButton):
                focus.click()
            elif view is not None:
                if view.state() != QAbstractItemView.State.EditingState \
                        and view.currentIndex().isValid():
                    view.edit(view.currentIndex())
            else:
                self.focusNextChild()
            return
        if key == Qt.Key.Key_Escape:
            event.accept()
            self.cancel()
            return
        super().keyPressEvent(event)

    def closeEvent(self, event: Any) -> None:
        if self.result() != QDialog.DialogCode.Accepted and self.isVisible() \
                and self.is_modified() and not self._confirm_discard():
            event.ignore()
            return
        super().closeEvent(event)

    def _confirm_discard(self) -> bool:
        answer = QMessageBox.question(
            self, self.windowTitle(), self.tr("放弃尚未保存的修改？"),
            QMessageBox.StandardButton.Discard | QMessageBox.StandardButton.Cancel,
            QMessageBox.StandardButton.Cancel)
        return answer == QMessageBox.StandardButton.Discard

    def showEvent(self, event: Any) -> None:
        super().showEvent(event)
        self.ok_button.setDefault(False)


def _item_view(widget: QWidget | None) -> QAbstractItemView | None:
    """The table ``widget`` is (or is an editor inside), if any."""
    while widget is not None:
        if isinstance(widget, QAbstractItemView):
            return widget
        widget = widget.parentWidget()
    return None
