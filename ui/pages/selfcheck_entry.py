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
The item list (:mod:`.selfcheck_items`), the answer's files (:mod:`.selfcheck_files`), the ledger
problem (:mod:`.selfcheck_problem`) and the counts (:mod:`.selfcheck_summary`) are parts of their
own, their texts translated in this class's context.
"""
from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (QFrame, QHBoxLayout, QLabel, QLineEdit, QListWidgetItem,
                               QPlainTextEdit, QProgressBar, QPushButton, QSplitter,
                               QTreeWidgetItem, QVBoxLayout, QWidget)

from models import selfcheck, selfcheck_view
from models.selfcheck import STATUSES

from ..errors import show_error
from ..i18n import translate
from ..style import heading
from .selfcheck_answers import (ANSWER_BACKGROUNDS, ANSWER_COLORS, ANSWER_KEYS, BUTTON_STYLE,
                                UNANSWERED_COLOR, answer_text)
from .selfcheck_files import FILE_ROLE, AnswerFiles
from .selfcheck_items import INDEX_ROLE, ItemTree
from .selfcheck_problem import ProblemLink
from .selfcheck_summary import SelfCheckSummary

if TYPE_CHECKING:
    from .selfcheck_page import SelfCheckPage

__all__ = ["ANSWER_BACKGROUNDS", "ANSWER_COLORS", "ANSWER_KEYS", "BUTTON_STYLE", "FILE_ROLE",
           "INDEX_ROLE", "UNANSWERED_COLOR", "SelfCheckEntry", "answer_text"]


class SelfCheckEntry(QWidget):
    """One self-check being filled. ``page`` gives the worker, the session and permissions."""

    back_requested = Signal()
    export_requested = Signal(int)      # the self-check's id: 导出结果…

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
        self.export_button = QPushButton(self.tr("导出结果…"))
        self.export_button.setObjectName("export_result")
        self.export_button.setToolTip(self.tr("导出本次自查的逐项结果（Excel 或 PDF）"))
        self.export_button.clicked.connect(self._export_clicked)
        top.addWidget(self.export_button)
        outer.addLayout(top)

        splitter = QSplitter()
        splitter.setChildrenCollapsible(False)
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        self.tree = ItemTree()
        self.tree.currentItemChanged.connect(self._tree_current_changed)
        left_layout.addWidget(self.tree, 1)
        self.summary = SelfCheckSummary()
        self.summary_line, self.summary_table = self.summary.line, self.summary.table
        left_layout.addWidget(self.summary)
        splitter.addWidget(left)
        splitter.addWidget(self._build_item_panel())
        splitter.setStretchFactor(0, 4)
        splitter.setStretchFactor(1, 5)
        splitter.setSizes([430, 560])
        outer.addWidget(splitter, 1)
        for widget in [self.tree, self.back_button, self.complete_button, self.export_button,
                       self.attach_button, self.open_problem_button, self.link_button]:
            widget.installEventFilter(self)
        for widget in (self.note, self.evidence):
            widget.installEventFilter(self)

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

        self.files = AnswerFiles(self, layout)
        self.attach_button, self.files_label = self.files.attach_button, self.files.label
        self.remove_file_button, self.file_list = self.files.remove_button, self.files.list
        self.problem = ProblemLink(self, layout)
        self.problem_label = self.problem.label
        self.open_problem_button = self.problem.open_button
        self.link_button = self.problem.link_button
        layout.addStretch(1)
        self.hint = QLabel(self.tr("1 符合　2 不符合　3 不适用　↑↓ 换条目　PgUp/PgDn 换分组　"
                                   "Enter 写说明　Esc 回到条目"))
        self.hint.setObjectName("keys_hint")
        self.hint.setWordWrap(True)
        self.hint.setStyleSheet("color: #777;")
        layout.addWidget(self.hint)
        return panel

    def _export_clicked(self) -> None:
        if self.selfcheck_id is not None:
            self.export_requested.emit(self.selfcheck_id)

    # --- loading -------------------------------------------------------------------------------

    def open(self, selfcheck_id: int) -> None:
        """Show ``selfcheck_id``, at its first unanswered item (or where it was left)."""
        if self.selfcheck_id != selfcheck_id:
            self._commit_fields()
            self.selfcheck_id = selfcheck_id
            self.data = None
            self.items, self.sections, self.index = [], [], -1
            self._drafts.clear()
            self.tree.reset_rows()
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
        self.tree.fill(self.sections, self.items)
        self._show_header()
        self.summary.show_summary(data["summary"])
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

    @property
    def _tree_items(self) -> list[QTreeWidgetItem]:
        """The row of every item in the list, in order."""
        return self.tree.rows

    def _show_answer_in_tree(self, n: int) -> None:
        self.tree.show_answer(self.sections, self.items, n)

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
        self.tree.select(index)

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
        self.problem.show_problem(item)
        self.files.show_files(item)

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

    # --- the ledger problem and the answer's files -----------------------------------------------

    def open_problem(self) -> None:
        self.problem.open_problem()

    def choose_link(self) -> None:
        """Pick an open problem of the campaign to link the current item to (answer 不符合)."""
        self.problem.choose_link()

    def link_to(self, problem_id: int) -> None:
        """Answer the current item 不符合, linked to the existing problem ``problem_id``."""
        self.answer("nonconform", problem_id=problem_id)

    def choose_files(self) -> None:
        self.files.choose_files()

    def attach_files(self, paths: list[str]) -> None:
        """Attach ``paths`` to the answer of the current item (on the worker), and for a 不符合
        also to its ledger problem; the form reloads when they are stored."""
        self.files.attach_files(paths)

    def open_file(self, entry: QListWidgetItem) -> None:
        """Open a file of the answer with the program the system has for it."""
        self.files.open_file(entry)

    def remove_selected_file(self) -> None:
        """Remove the selected file of the answer, once confirmed (on the worker)."""
        self.files.remove_selected()

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
