"""Filling one self-check, item by item, from the keyboard.

The items are listed by section on the left with their answers, and the counts below them; the
current item is on the right: its code, text, guidance and the evidence to look at, the answer
buttons 符合 (1) 不符合 (2) 不适用 (3), the note (情况说明) and the evidence looked at, and the
ledger problem its 不符合 hung. Keys, wherever the focus is not in a text field: 1, 2, 3 answer
and move on to the next unanswered item; Up / Down go to the previous / next item, Page Up /
Page Down to the previous / next section, Home / End to the first / last item; in a text field,
Esc comes back to the list (Alt+1/2/3 answer from anywhere).

Answers are shown at once and saved on the database worker in the order given; the form reloads
from the database once every answer has been saved. A note typed for an answered item is saved
when the item is left; one typed for an unanswered item waits as a draft until it is answered.
Files (photos, scans, PDFs) attach to the answer of any answered item, 符合, 不符合 or 不适用
(:mod:`models.selfcheck_evidence`); they are listed under it, a double-click opens one and the
person who added it (or a chief) can remove it. A file attached to a 不符合 answer goes onto its
ledger problem too (for the rectification); other files of that problem are named as well.
"""
from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QEvent, QObject, QSize, Qt, QUrl, Signal
from PySide6.QtGui import QColor, QDesktopServices, QKeyEvent
from PySide6.QtWidgets import (QAbstractItemView, QFrame, QGroupBox, QHBoxLayout, QHeaderView,
                               QLabel, QLineEdit, QListWidget, QListWidgetItem, QPlainTextEdit, QProgressBar, QPushButton,
                               QSplitter, QTableWidget, QTableWidgetItem, QTreeWidget,
                               QTreeWidgetItem, QVBoxLayout, QWidget)

from models import evidence as problem_evidence
from models import selfcheck, selfcheck_evidence, selfcheck_view
from models.permissions import Role
from models.problems import STATUSES as PROBLEM_STATUSES
from models.selfcheck import ANSWERS, STATUSES

from ..errors import show_error
from ..i18n import translate
from ..style import heading

if TYPE_CHECKING:
    from .selfcheck_page import SelfCheckPage

ANSWER_KEYS = {Qt.Key.Key_1: "conform", Qt.Key.Key_2: "nonconform", Qt.Key.Key_3: "na"}
ANSWER_COLORS = {"conform": "#1b7f3b", "nonconform": "#c62828", "na": "#5f6368"}
ANSWER_BACKGROUNDS = {"conform": "#e7f5ec", "nonconform": "#fdecea", "na": "#eef0f2"}
UNANSWERED_COLOR = "#9aa0a6"
INDEX_ROLE = Qt.ItemDataRole.UserRole
FILE_ROLE = Qt.ItemDataRole.UserRole      # in the file list: the file's row
ROW_HEIGHT = 21
BUTTON_STYLE = ("QPushButton {{ padding: 6px 16px; border: 1px solid {border};"
                " border-radius: 4px; background: {background}; color: {color};"
                " font-weight: {weight}; }}"
                " QPushButton:disabled {{ color: #a0a0a0; background: #f4f4f4;"
                " border-color: #d5d5d5; }}")


def answer_text(key: str | None) -> str:
    """符合 / 不符合 / 不适用 in the current language; empty for no answer."""
    return translate("selfcheck", ANSWERS[key]) if key else ""


class SelfCheckEntry(QWidget):
    """One self-check being filled. ``page`` gives the worker, the session and permissions."""

    back_requested = Signal()

    def __init__(self, page: "SelfCheckPage", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.page = page
        self.worker, self.session = page.worker, page.session
        self.can_fill = page.allowed("selfcheck.fill")
        self.selfcheck_id: int | None = None
        self.data: dict[str, Any] | None = None
        self.items: list[dict[str, Any]] = []       # every item in order, answers as shown
        self.sections: list[dict[str, Any]] = []
        self.index = -1
        self.pending = 0                 # answers sent to the worker and not yet saved
        self._drafts: dict[str, tuple[str, str]] = {}   # code -> typed note and evidence
        self._shown: tuple[str, str] = ("", "")          # stored note, evidence of the fields
        self._tree_items: list[QTreeWidgetItem] = []
        self._build()

    # --- construction --------------------------------------------------------------------------

    def _build(self) -> None:
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        top = QHBoxLayout()
        self.back_button = QPushButton(self.tr("‹ 自查列表"))
        self.back_button.setObjectName("back_to_list")
        self.back_button.setToolTip(self.tr("回到自查列表；已填写的内容都已保存，随时可以继续"))
        self.back_button.clicked.connect(self.go_back)
        top.addWidget(self.back_button)
        titles = QVBoxLayout()
        titles.setSpacing(0)
        self.title = heading(QLabel(), 1.25)
        self.title.setObjectName("selfcheck_title")
        self.subtitle = QLabel()
        self.subtitle.setObjectName("selfcheck_subtitle")
        self.subtitle.setStyleSheet("color: #555;")
        titles.addWidget(self.title)
        titles.addWidget(self.subtitle)
        top.addLayout(titles, 1)
        self.progress = QProgressBar()
        self.progress.setObjectName("progress")
        self.progress.setMinimumWidth(180)
        self.progress.setMaximumWidth(240)
        self.progress.setTextVisible(True)
        top.addWidget(self.progress)
        self.complete_button = QPushButton(self.tr("完成自查"))
        self.complete_button.setObjectName("complete_selfcheck")
        self.complete_button.clicked.connect(self.complete)
        top.addWidget(self.complete_button)
        outer.addLayout(top)

        splitter = QSplitter()
        splitter.setChildrenCollapsible(False)
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        self.tree = QTreeWidget()
        self.tree.setObjectName("items")
        self.tree.setHeaderLabels([self.tr("编号"), self.tr("检查内容"), self.tr("结论")])
        self.tree.setRootIsDecorated(False)
        self.tree.setIndentation(8)
        self.tree.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        header = self.tree.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.tree.setColumnWidth(0, 52)
        self.tree.setColumnWidth(2, 64)
        self.tree.currentItemChanged.connect(self._tree_current_changed)
        left_layout.addWidget(self.tree, 1)
        left_layout.addWidget(self._build_summary())
        splitter.addWidget(left)
        splitter.addWidget(self._build_item_panel())
        splitter.setStretchFactor(0, 4)
        splitter.setStretchFactor(1, 5)
        splitter.setSizes([430, 560])
        outer.addWidget(splitter, 1)
        for widget in [self.tree, self.back_button, self.complete_button, self.attach_button,
                       self.open_problem_button, self.link_button]:
            widget.installEventFilter(self)
        for widget in (self.note, self.evidence):
            widget.installEventFilter(self)

    def _build_summary(self) -> QGroupBox:
        box = QGroupBox(self.tr("统计"))
        box.setObjectName("summary")
        layout = QVBoxLayout(box)
        layout.setContentsMargins(6, 4, 6, 6)
        self.summary_line = QLabel()
        self.summary_line.setObjectName("summary_line")
        self.summary_line.setTextFormat(Qt.TextFormat.RichText)
        layout.addWidget(self.summary_line)
        self.summary_table = QTableWidget(0, 6)
        self.summary_table.setObjectName("summary_table")
        self.summary_table.setHorizontalHeaderLabels(
            [self.tr("分组（问题类别）"), self.tr("条目"), answer_text("conform"),
             answer_text("nonconform"), answer_text("na"), self.tr("未填")])
        self.summary_table.verticalHeader().setVisible(False)
        self.summary_table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.summary_table.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.summary_table.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.summary_table.verticalHeader().setDefaultSectionSize(22)
        header = self.summary_table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for col in range(1, 6):
            header.setSectionResizeMode(col, QHeaderView.ResizeMode.ResizeToContents)
        layout.addWidget(self.summary_table)
        return box

    def _build_item_panel(self) -> QWidget:
        panel = QFrame()
        panel.setObjectName("item_panel")
        layout = QVBoxLayout(panel)
        layout.setContentsMargins(12, 4, 4, 4)
        self.section_label = QLabel()
        self.section_label.setObjectName("section_label")
        self.section_label.setStyleSheet("color: #1a5fb4;")
        layout.addWidget(self.section_label)
        self.item_label = heading(QLabel(), 1.3)
        self.item_label.setObjectName("item_text")
        self.item_label.setWordWrap(True)
        layout.addWidget(self.item_label)
        self.guidance = QLabel()
        self.guidance.setObjectName("guidance")
        self.guidance.setWordWrap(True)
        self.guidance.setTextFormat(Qt.TextFormat.RichText)
        self.guidance.setStyleSheet("background: #f6f8fa; border: 1px solid #e1e4e8;"
                                    " border-radius: 4px; padding: 8px;")
        layout.addWidget(self.guidance)

        buttons = QHBoxLayout()
        self.answer_buttons: dict[str, QPushButton] = {}
        texts = {"conform": self.tr("符合 (&1)"), "nonconform": self.tr("不符合 (&2)"),
                 "na": self.tr("不适用 (&3)")}
        for key, text in texts.items():
            button = QPushButton(text)
            button.setObjectName(f"answer_{key}")
            button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
            button.setMinimumHeight(34)
            button.clicked.connect(lambda _c=False, key=key: self.answer(key))
            self.answer_buttons[key] = button
            buttons.addWidget(button)
        buttons.addStretch(1)
        layout.addSpacing(4)
        layout.addLayout(buttons)

        layout.addWidget(QLabel(self.tr("情况说明（“不符合”时即台账问题的具体表现，请先写再作答）")))
        self.note = QPlainTextEdit()
        self.note.setObjectName("note")
        self.note.setTabChangesFocus(True)
        self.note.setPlaceholderText(self.tr("如：对首次轻微超限车辆一律顶格罚款（按 Esc 回到条目列表）"))
        self.note.setMinimumHeight(64)
        self.note.setMaximumHeight(150)
        layout.addWidget(self.note)
        layout.addWidget(QLabel(self.tr("查阅的印证资料")))
        self.evidence = QLineEdit()
        self.evidence.setObjectName("evidence_text")
        self.evidence.returnPressed.connect(self.tree.setFocus)
        layout.addWidget(self.evidence)

        files = QHBoxLayout()
        self.attach_button = QPushButton(self.tr("添加印证资料…"))
        self.attach_button.setObjectName("attach_evidence")
        self.attach_button.clicked.connect(self.choose_files)
        files.addWidget(self.attach_button)
        self.files_label = QLabel()
        self.files_label.setObjectName("evidence_files")
        self.files_label.setWordWrap(True)
        self.files_label.setStyleSheet("color: #555;")
        files.addWidget(self.files_label, 1)
        self.remove_file_button = QPushButton(self.tr("删除所选资料"))
        self.remove_file_button.setObjectName("remove_evidence")
        self.remove_file_button.clicked.connect(self.remove_selected_file)
        files.addWidget(self.remove_file_button)
        layout.addLayout(files)
        self.file_list = QListWidget()
        self.file_list.setObjectName("answer_files")
        self.file_list.setMaximumHeight(84)
        self.file_list.setToolTip(self.tr("双击打开文件"))
        self.file_list.itemDoubleClicked.connect(self.open_file)
        self.file_list.currentItemChanged.connect(lambda *_a: self._enable_remove())
        layout.addWidget(self.file_list)

        problem = QHBoxLayout()
        self.problem_label = QLabel()
        self.problem_label.setObjectName("problem_label")
        self.problem_label.setWordWrap(True)
        problem.addWidget(self.problem_label, 1)
        self.open_problem_button = QPushButton(self.tr("在问题台账中查看"))
        self.open_problem_button.setObjectName("open_problem")
        self.open_problem_button.clicked.connect(self.open_problem)
        problem.addWidget(self.open_problem_button)
        self.link_button = QPushButton(self.tr("关联已有问题…"))
        self.link_button.setObjectName("link_problem")
        self.link_button.setToolTip(self.tr("这一项的问题已在台账中登记时，关联它而不再新挂一条"))
        self.link_button.clicked.connect(self.choose_link)
        problem.addWidget(self.link_button)
        layout.addLayout(problem)
        layout.addStretch(1)
        self.hint = QLabel(self.tr("1 符合　2 不符合　3 不适用　↑↓ 换条目　PgUp/PgDn 换分组　"
                                   "Enter 写说明　Esc 回到条目"))
        self.hint.setObjectName("keys_hint")
        self.hint.setWordWrap(True)
        self.hint.setStyleSheet("color: #777;")
        layout.addWidget(self.hint)
        return panel

    # --- loading -------------------------------------------------------------------------------

    def open(self, selfcheck_id: int) -> None:
        """Show ``selfcheck_id``, at its first unanswered item (or where it was left)."""
        if self.selfcheck_id != selfcheck_id:
            self._commit_fields()
            self.selfcheck_id = selfcheck_id
            self.data = None
            self.items, self.sections, self.index = [], [], -1
            self._drafts.clear()
            self.tree.clear()
            self._tree_items = []
        self.reload()

    def reload(self) -> None:
        """Read the self-check again (after the answers being saved, if any)."""
        if self.selfcheck_id is None:
            return
        if self.pending:
            return       # reloaded once the last of them is saved
        sid = self.selfcheck_id
        self.worker.call(selfcheck_view.load_selfcheck, self.session, sid,
                         on_done=lambda data: self._loaded(sid, data),
                         on_error=lambda exc: show_error(self, exc))

    def _loaded(self, selfcheck_id: int, data: dict[str, Any]) -> None:
        if selfcheck_id != self.selfcheck_id or self.pending:
            return   # another self-check meanwhile, or answers since: a newer load follows
        first = self.data is None
        current = self.items[self.index]["code"] if 0 <= self.index < len(self.items) else None
        self.data = data
        self.sections = data["sections"]
        self.items = []
        for n, section in enumerate(self.sections):
            for item in section["items"]:
                self.items.append({**item, "section": n})
        codes = [i["code"] for i in self.items]
        if first or current not in codes:
            current = data["next_code"] or (codes[0] if codes else None)
        self._fill_tree()
        self._show_header()
        self._show_summary(data["summary"])
        if current is not None:
            index = codes.index(current)
            if index == self.index and not first:
                item = self.items[index]
                stored = (item["note"] or "", item["evidence"] or "")
                typed = (self.note.toPlainText(), self.evidence.text())
                if typed == self._shown and item["code"] not in self._drafts:
                    if typed != stored:      # changed elsewhere, nothing typed here
                        self.note.setPlainText(stored[0])
                        self.evidence.setText(stored[1])
                    self._shown = stored
                self._refresh_current()
                self._select_in_tree(index)
            else:
                self.index = -1
                self._go(index, commit=False)
        if first:
            self.tree.setFocus()

    # --- showing -------------------------------------------------------------------------------

    def _fill_tree(self) -> None:
        self.tree.blockSignals(True)
        self.tree.clear()
        self._tree_items = []
        bold = self.tree.font()
        bold.setBold(True)
        for n, section in enumerate(self.sections):
            top = QTreeWidgetItem([self._section_text(n)])
            top.setData(0, INDEX_ROLE, -1 - n)
            top.setFont(0, bold)
            top.setBackground(0, QColor("#eef3fa"))
            top.setSizeHint(0, QSize(0, ROW_HEIGHT))
            self.tree.addTopLevelItem(top)
            top.setFirstColumnSpanned(True)
            for item in section["items"]:
                row = QTreeWidgetItem([item["code"], item["text"], ""])
                row.setData(0, INDEX_ROLE, len(self._tree_items))
                row.setToolTip(1, item["text"])
                row.setSizeHint(0, QSize(0, ROW_HEIGHT))
                top.addChild(row)
                self._tree_items.append(row)
            top.setExpanded(True)
        for n in range(len(self.items)):
            self._show_answer_in_tree(n)
        self.tree.blockSignals(False)

    def _section_text(self, n: int) -> str:
        section = self.sections[n]
        mine = [i for i in self.items if i["section"] == n]
        done = sum(1 for i in mine if i["answer"])
        text = f"{section['name']}（{done}/{len(mine)}）"
        if section["category"] and section["category"] != section["name"]:
            text += self.tr(" → {category}").format(category=section["category"])
        return text

    def _show_answer_in_tree(self, n: int) -> None:
        item, row = self.items[n], self._tree_items[n]
        key = item["answer"]
        row.setText(2, answer_text(key) if key else self.tr("未填"))
        row.setForeground(2, QColor(ANSWER_COLORS[key] if key else UNANSWERED_COLOR))
        if key == "nonconform" and item.get("problem_seq_no"):
            row.setToolTip(2, self.tr("台账问题 序号 {seq}").format(seq=item["problem_seq_no"]))
        else:
            row.setToolTip(2, "")
        top = row.parent()
        if top is not None:
            top.setText(0, self._section_text(item["section"]))

    def answered(self) -> int:
        return sum(1 for i in self.items if i["answer"])

    def _show_header(self) -> None:
        d = self.data
        if d is None:
            return
        self.title.setText(d["title"])
        status = translate("selfcheck", STATUSES[d["status"]])
        self.subtitle.setText(self.tr("{campaign}　·　发起人 {who}　·　{status}").format(
            campaign=d["campaign_title"], who=d["started_by"] or "-", status=status))
        self.subtitle.setToolTip(d["campaign_title"])
        self._show_progress()

    def _show_progress(self) -> None:
        total, done = len(self.items), self.answered()
        self.progress.setMaximum(max(total, 1))
        self.progress.setValue(done)
        self.progress.setFormat(f"{done} / {total}")
        completed = self.data is not None and self.data["status"] == "completed"
        self.complete_button.setText(self.tr("已完成") if completed else self.tr("完成自查"))
        self.complete_button.setEnabled(self.can_fill and not completed and total > 0
                                        and done == total)
        self.complete_button.setToolTip("" if done == total else self.tr(
            "还有 {n} 项未填写").format(n=total - done))

    def _show_summary(self, summary: dict[str, Any]) -> None:
        by = summary["by_answer"]
        parts = [f"<span style='color:{ANSWER_COLORS[k]}'><b>{answer_text(k)}</b> {by[k]}</span>"
                 for k in ("conform", "nonconform", "na")]
        parts.append(f"<span style='color:{UNANSWERED_COLOR}'><b>{self.tr('未填')}</b>"
                     f" {by['unanswered']}</span>")
        self.summary_line.setText("　".join(parts) + self.tr("　（共 {n} 项）").format(
            n=summary["total"]))
        rows = summary["by_section"]
        self.summary_table.setRowCount(len(rows))
        for r, row in enumerate(rows):
            name = row["section"]
            if row["category"] and row["category"] != name:
                name = f"{name}（{row['category']}）"
            values = [name, row["total"], row["conform"], row["nonconform"], row["na"],
                      row["unanswered"]]
            for c, value in enumerate(values):
                cell = QTableWidgetItem(str(value))
                if c:
                    cell.setTextAlignment(Qt.AlignmentFlag.AlignCenter)
                if c == 3 and value:
                    cell.setForeground(QColor(ANSWER_COLORS["nonconform"]))
                self.summary_table.setItem(r, c, cell)
        table = self.summary_table
        height = (table.horizontalHeader().sizeHint().height()
                  + table.verticalHeader().length() + 2 * table.frameWidth())
        table.setFixedHeight(min(height, 240))

    def current(self) -> dict[str, Any] | None:
        return self.items[self.index] if 0 <= self.index < len(self.items) else None

    def _go(self, index: int, *, commit: bool = True) -> None:
        """Make item ``index`` the current one (saving the note of the one left)."""
        if not self.items:
            return
        index = max(0, min(index, len(self.items) - 1))
        if commit:
            self._commit_fields()
        self.index = index
        item = self.items[index]
        note, evidence = self._drafts.get(item["code"], (item["note"] or "",
                                                          item["evidence"] or ""))
        self._shown = (item["note"] or "", item["evidence"] or "")
        self.note.setPlainText(note)
        self.evidence.setText(evidence)
        self._refresh_current()
        self._select_in_tree(index)

    def _select_in_tree(self, index: int) -> None:
        row = self._tree_items[index]
        self.tree.blockSignals(True)
        self.tree.setCurrentItem(row)
        self.tree.blockSignals(False)
        self.tree.scrollToItem(row)

    def _refresh_current(self) -> None:
        """The item panel for the current item, its typed fields left alone."""
        item = self.current()
        if item is None:
            return
        section = self.sections[item["section"]]
        self.section_label.setText(self.tr("第 {n} 组　{name}　（不符合的问题归入：{category}）").format(
            n=item["section"] + 1, name=section["name"],
            category=section["category"] or section["name"]))
        self.item_label.setText(f"{item['code']}　{item['text']}")
        parts = []
        if item["guidance"]:
            parts.append(self.tr("<b>要点：</b>{text}").format(text=_html(item["guidance"])))
        if item["evidence_hint"]:
            parts.append(self.tr("<b>应查阅：</b>{text}").format(text=_html(item["evidence_hint"])))
        self.guidance.setText("<br>".join(parts))
        self.guidance.setVisible(bool(parts))
        self.evidence.setPlaceholderText(item["evidence_hint"] or "")
        for key, button in self.answer_buttons.items():
            chosen = item["answer"] == key
            button.setStyleSheet(BUTTON_STYLE.format(
                border=ANSWER_COLORS[key] if chosen else "#b8bec7",
                background=ANSWER_BACKGROUNDS[key] if chosen else "#ffffff",
                color=ANSWER_COLORS[key], weight="bold" if chosen else "normal"))
            button.setEnabled(self.can_fill)
        self.note.setReadOnly(not self.can_fill)
        self.evidence.setReadOnly(not self.can_fill)
        self._show_problem(item)

    def _show_problem(self, item: dict[str, Any]) -> None:
        pid, key = item.get("problem_id"), item["answer"]
        if pid:
            status = translate("problems", PROBLEM_STATUSES.get(item["problem_status"] or "", ""))
            self.problem_label.setText(self.tr("已挂问题台账：序号 {seq}（{status}）").format(
                seq=item["problem_seq_no"], status=status))
        elif key == "nonconform":
            self.problem_label.setText(self.tr("正在挂到问题台账…"))
        else:
            self.problem_label.setText(self.tr("答“不符合”时自动挂到问题台账（来源：自查自纠）。"))
        self.open_problem_button.setEnabled(bool(pid))
        self.link_button.setEnabled(self.can_fill)
        self._show_files(item)

    def _show_files(self, item: dict[str, Any]) -> None:
        """The answer's files in the list; the label says where they go (and names the files of
        the ledger problem of a 不符合 answer)."""
        own = item.get("files") or []
        names = {row["original_name"] for row in own}
        on_problem = [n for n in item.get("evidence_files") or [] if n not in names]
        if not item["answer"]:
            text = self.tr("作答后可附照片、扫描件和文件。")
        elif own:
            text = self.tr("本项已附 {n} 个文件（双击打开）：").format(n=len(own))
        else:
            text = self.tr("照片、扫描件和文件附在这一项的作答上。")
        if item["answer"] == "nonconform" and item.get("problem_id"):
            text += " " + self.tr("新添加的文件同时附在台账问题上。")
        if on_problem:
            text += " " + self.tr("台账问题上另附 {n} 个：{names}").format(
                n=len(on_problem), names="、".join(on_problem))
        self.files_label.setText(text)
        self.file_list.clear()
        for row in own:
            entry = QListWidgetItem(row["original_name"])
            entry.setData(FILE_ROLE, row)
            entry.setToolTip(str(row["path"]))
            self.file_list.addItem(entry)
        self.file_list.setVisible(bool(own))
        self.attach_button.setEnabled(bool(item.get("answer_id")) and self.can_fill)
        self._enable_remove()

    def _enable_remove(self) -> None:
        current = self.file_list.currentItem()
        row = current.data(FILE_ROLE) if current is not None else None
        self.remove_file_button.setVisible(self.file_list.count() > 0)
        self.remove_file_button.setEnabled(
            bool(row) and self.can_fill
            and (row["account_id"] == self.session.account_id
                 or Role.CHIEF in self.session.roles))

    # --- moving ----------------------------------------------------------------------------------

    def _tree_current_changed(self, current: QTreeWidgetItem | None, _previous: Any) -> None:
        if current is None:
            return
        index = current.data(0, INDEX_ROLE)
        if index is None:
            return
        if index < 0:   # a section heading: its first item
            section = -1 - index
            index = next((n for n, i in enumerate(self.items) if i["section"] == section), 0)
        self._go(int(index))

    def go_to(self, code: str) -> None:
        """Make the item ``code`` the current one (nothing when there is no such item)."""
        codes = [i["code"] for i in self.items]
        if code in codes:
            self._go(codes.index(code))

    def move(self, step: int) -> None:
        """Previous (-1) or next (+1) item."""
        if self.items:
            self._go(self.index + step)

    def move_section(self, step: int) -> None:
        """First item of the previous (-1) or next (+1) section; Page Up in a section's later
        items goes to its first item."""
        item = self.current()
        if item is None:
            return
        starts = [n for n, i in enumerate(self.items)
                  if n == 0 or i["section"] != self.items[n - 1]["section"]]
        if step < 0:
            earlier = [s for s in starts if s < self.index]
            self._go(earlier[-1] if earlier else 0)
        else:
            later = [s for s in starts if s > self.index]
            self._go(later[0] if later else len(self.items) - 1)

    def next_unanswered(self) -> int | None:
        """The first unanswered item after the current one (wrapping round), or None."""
        n = len(self.items)
        for step in range(1, n + 1):
            index = (self.index + step) % n
            if not self.items[index]["answer"]:
                return index
        return None

    # --- answering -------------------------------------------------------------------------------

    def answer(self, key: str, problem_id: int | None = None) -> None:
        """Answer the current item ``key`` (with the typed note) and go to the next unanswered."""
        item = self.current()
        if item is None or not self.can_fill or self.selfcheck_id is None:
            return
        note, evidence = self.note.toPlainText(), self.evidence.text()
        unchanged = (item["answer"] == key and note == (item["note"] or "")
                     and evidence == (item["evidence"] or "") and problem_id is None)
        if not unchanged:
            if item["answer"] != key or problem_id is not None:
                item.update(problem_id=None, problem_seq_no=None, problem_status=None,
                            evidence_files=[])
            if not item["answer"]:
                item.update(answer_id=None, files=[])   # files can be added once it is saved
            item.update(answer=key, note=note, evidence=evidence)
            self._drafts.pop(item["code"], None)
            self._send(item["code"], key, note, evidence, problem_id)
            self._show_answer_in_tree(self.index)
            self._show_progress()
        self._shown = (note, evidence)
        following = self.next_unanswered()
        if following is not None:
            self._go(following, commit=False)
        else:
            self._refresh_current()
        self.tree.setFocus()

    def _send(self, code: str, key: str, note: str, evidence: str,
              problem_id: int | None = None) -> None:
        sid = self.selfcheck_id
        self.pending += 1
        self.worker.call(selfcheck.answer_item, self.session, sid, code, key, note=note,
                         evidence=evidence, problem_id=problem_id,
                         on_done=lambda _c: self._saved(), on_error=self._save_failed)

    def _saved(self) -> None:
        self.pending -= 1
        if not self.pending:
            self.reload()

    def _save_failed(self, exc: BaseException) -> None:
        self._saved()     # the reload shows what was stored
        show_error(self, exc)

    def _commit_fields(self) -> None:
        """Keep what was typed for the current item: saved with its answer, or as a draft."""
        item = self.current()
        if item is None or self.selfcheck_id is None:
            return
        note, evidence = self.note.toPlainText(), self.evidence.text()
        if (note, evidence) == self._shown and item["code"] not in self._drafts:
            return
        if item["answer"] and self.can_fill:
            if (note, evidence) != (item["note"] or "", item["evidence"] or ""):
                item.update(note=note, evidence=evidence)
                self._send(item["code"], item["answer"], note, evidence)
            self._drafts.pop(item["code"], None)
        elif note or evidence:
            self._drafts[item["code"]] = (note, evidence)
        else:
            self._drafts.pop(item["code"], None)
        self._shown = (note, evidence)

    def leave(self) -> None:
        """Save the typing of the current item (the page is left or another self-check opens)."""
        self._commit_fields()

    def go_back(self) -> None:
        self._commit_fields()
        self.back_requested.emit()

    def complete(self) -> None:
        if self.selfcheck_id is None or not self.can_fill:
            return
        self._commit_fields()
        self.worker.call(selfcheck.complete_selfcheck, self.session, self.selfcheck_id,
                         on_error=lambda exc: show_error(self, exc))

    # --- the ledger problem ----------------------------------------------------------------------

    def open_problem(self) -> None:
        item = self.current()
        if item is not None and item.get("problem_id"):
            self._commit_fields()
            from .ledger_link import open_in_ledger
            open_in_ledger(self, int(item["problem_id"]))

    def choose_files(self) -> None:
        from PySide6.QtWidgets import QFileDialog
        paths, _f = QFileDialog.getOpenFileNames(
            self, self.tr("选择印证资料"), "",
            self.tr("照片、扫描件和文档 (*.jpg *.jpeg *.png *.heic *.tif *.tiff *.pdf *.doc *.docx"
                    " *.xls *.xlsx *.wps *.et *.ofd *.txt);;所有文件 (*)"))
        if paths:
            self.attach_files(paths)

    def attach_files(self, paths: list[str]) -> None:
        """Attach ``paths`` to the answer of the current item (on the worker), and for a 不符合
        also to its ledger problem; the form reloads when they are stored."""
        item = self.current()
        if item is None or not item.get("answer_id") or not self.can_fill:
            return
        self._commit_fields()
        problem_id = item.get("problem_id") if item["answer"] == "nonconform" else None
        if problem_id and not self.page.allowed("problem.progress"):
            problem_id = None
        for path in paths:
            self.worker.call(selfcheck_evidence.attach_file, self.session, int(item["answer_id"]),
                             path, on_error=lambda exc: show_error(self, exc))
            if problem_id:    # as before: the ledger problem of a 不符合 gets the file too
                self.worker.call(problem_evidence.attach, self.session, int(problem_id), path,
                                 on_error=lambda exc: show_error(self, exc))

    def open_file(self, entry: QListWidgetItem) -> None:
        """Open a file of the answer with the program the system has for it."""
        row = entry.data(FILE_ROLE)
        if row:
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(row["path"])))

    def remove_selected_file(self) -> None:
        """Remove the selected file of the answer, once confirmed (on the worker)."""
        current = self.file_list.currentItem()
        row = current.data(FILE_ROLE) if current is not None else None
        if not row or not self.can_fill:
            return
        from PySide6.QtWidgets import QMessageBox
        answer = QMessageBox.question(
            self, self.tr("删除印证资料"),
            self.tr("从这一项的作答中删除“{name}”？").format(name=row["original_name"]))
        if answer != QMessageBox.StandardButton.Yes:
            return
        self.worker.call(selfcheck_evidence.remove_file, self.session, int(row["id"]),
                         on_error=lambda exc: show_error(self, exc))

    def choose_link(self) -> None:
        """Pick an open problem of the campaign to link the current item to (answer 不符合)."""
        if self.selfcheck_id is None or self.current() is None:
            return
        code = self.current()["code"]
        self.worker.call(selfcheck_view.link_candidates, self.session, self.selfcheck_id,
                         on_done=lambda rows: self._pick_link(code, rows),
                         on_error=lambda exc: show_error(self, exc))

    def _pick_link(self, code: str, rows: list[dict[str, Any]]) -> None:
        item = self.current()
        if item is None or item["code"] != code:
            return
        own = f"selfcheck:{self.selfcheck_id}:{code}"
        rows = [r for r in rows if r["source_ref"] != own]
        if not rows:
            from PySide6.QtWidgets import QMessageBox
            QMessageBox.information(self, self.tr("关联已有问题"),
                                    self.tr("这个专项行动中本单位没有未销号的问题可以关联。"))
            return
        from PySide6.QtWidgets import QInputDialog
        labels = [self.tr("序号 {seq}　[{category}] {issue}（{status}）").format(
            seq=r["seq_no"], category=r["category"], issue=r["issue"],
            status=translate("problems", PROBLEM_STATUSES[r["status"]])) for r in rows]
        chosen, ok = QInputDialog.getItem(self, self.tr("关联已有问题"),
                                          self.tr("第 {code} 项“不符合”，关联到：").format(code=code),
                                          labels, 0, False)
        if ok and chosen in labels:
            self.link_to(int(rows[labels.index(chosen)]["id"]))

    def link_to(self, problem_id: int) -> None:
        """Answer the current item 不符合, linked to the existing problem ``problem_id``."""
        self.answer("nonconform", problem_id=problem_id)

    # --- keys ------------------------------------------------------------------------------------

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt override
        if event.type() != QEvent.Type.KeyPress or not isinstance(event, QKeyEvent):
            return super().eventFilter(watched, event)
        key = Qt.Key(event.key())
        mods = event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
        if watched in (self.note, self.evidence):
            if key == Qt.Key.Key_Escape:
                self._commit_fields()
                self.tree.setFocus()
                return True
            return False
        if mods != Qt.KeyboardModifier.NoModifier:
            return False
        if key in ANSWER_KEYS:
            self.answer(ANSWER_KEYS[key])
            return True
        moves = {Qt.Key.Key_Up: lambda: self.move(-1), Qt.Key.Key_Down: lambda: self.move(1),
                 Qt.Key.Key_PageUp: lambda: self.move_section(-1),
                 Qt.Key.Key_PageDown: lambda: self.move_section(1),
                 Qt.Key.Key_Home: lambda: self._go(0),
                 Qt.Key.Key_End: lambda: self._go(len(self.items) - 1)}
        if key in moves and self.items:
            moves[key]()
            return True
        if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and watched is self.tree:
            self.note.setFocus()
            return True
        return False


def _html(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
