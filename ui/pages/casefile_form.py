"""The review form: the standard's items with the marks of one review, and the running score.

The running score and grade come from the scoring engine over the marks on screen
(``casereview_view.live_result``) and change at every tick. A mark is stored
(``casereviews.mark_item``, on the worker) as soon as it is complete: its count changed and it
has a note, or it was cleared; a tick whose note is still missing is shown as such and stored
once the note is typed (typing a note on an unticked item ticks it). Submitting refuses while a
note is missing. A reload of the same review keeps the marks not stored yet.

Keys: in the tree Space / + / - / digits / Delete change the current item (see
:mod:`casefile_marks`), Tab goes to its note, Enter in the note goes back to the tree;
Ctrl+Enter submits.
"""
from __future__ import annotations

from typing import Any, NamedTuple

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (QCheckBox, QFrame, QGridLayout, QGroupBox, QHBoxLayout, QLabel,
                               QLineEdit, QMessageBox, QPlainTextEdit, QPushButton, QSpinBox,
                               QSplitter, QVBoxLayout, QWidget)

from models import casereview_view, casereviews
from models.casereviews import ROUNDS
from models.errors import ValidationError
from models.i18n import QT_TRANSLATE_NOOP
from models.scoring import GRADES
from models.store import Changes

from ..errors import show_error
from ..i18n import translate
from ..style import heading
from .base import Page
from .casefile_marks import MAX_COUNT, MarksTree, local_minute, points_text

GRADE_COLOURS = {"excellent": "#2e7d32", "pass": "#1565c0", "fail": "#c62828"}


class Mark(NamedTuple):
    count: int
    note: str


NO_MARK = Mark(0, "")


class ReviewForm(Page):
    """One review (:meth:`load`): editable when it is the user's own draft, else read-only."""

    def __init__(self, controller: Any, parent: QWidget | None = None) -> None:
        super().__init__(controller, parent)
        self.review_id: int | None = None
        self.reviewer = ""
        self.problems_dialog: Any = None
        self.form: dict[str, Any] | None = None
        self.editable = False
        self.local: dict[str, Mark] = {}
        self.saved: dict[str, Mark] = {}
        self.links: dict[str, int | None] = {}
        self._inflight: dict[str, Mark] = {}
        self._panel_code: str | None = None
        self._built_for: int | None = None
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.splitter = QSplitter()
        self.tree = MarksTree()
        self.splitter.addWidget(self.tree)
        self.splitter.addWidget(self._side_panel())
        self.splitter.setStretchFactor(0, 1)
        self.splitter.setStretchFactor(1, 0)
        self.splitter.setSizes([690, 300])
        layout.addWidget(self.splitter)
        self.tree.count_requested.connect(self.set_count)
        self.tree.note_requested.connect(self.focus_note)
        self.tree.problem_requested.connect(self.open_problem)
        self.tree.currentItemChanged.connect(lambda _c, _p: self._bind_panel())
        self.setTabOrder(self.tree, self.note_edit)
        self.setTabOrder(self.note_edit, self.count_spin)
        self.setTabOrder(self.count_spin, self.opinion)
        self.setTabOrder(self.opinion, self.submit_button)
        self._add_shortcuts()

    def _side_panel(self) -> QWidget:
        side = QWidget()
        side.setMinimumWidth(270)
        side.setMaximumWidth(340)
        column = QVBoxLayout(side)
        column.setContentsMargins(6, 0, 0, 0)
        column.setSpacing(8)

        box = QFrame()
        box.setObjectName("score_box")
        box.setStyleSheet("#score_box { background: white; border: 1px solid #d5dbe3;"
                          " border-radius: 6px; }")
        grid = QGridLayout(box)
        grid.setContentsMargins(14, 10, 14, 10)
        grid.setVerticalSpacing(2)
        caption = QLabel(self.tr("当前得分"))
        caption.setStyleSheet("color: #666;")
        self.score_label = heading(QLabel("—"), 3.2)
        self.score_label.setObjectName("review_score")
        self.score_unit = QLabel()
        self.score_unit.setStyleSheet("color: #666;")
        self.grade_label = heading(QLabel(), 1.5)
        self.grade_label.setObjectName("review_grade")
        self.grade_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.grade_label.setMinimumWidth(84)
        self.rules_label = QLabel()
        self.rules_label.setStyleSheet("color: #666;")
        self.rules_label.setWordWrap(True)
        self.state_label = QLabel()
        self.state_label.setObjectName("review_state")
        self.state_label.setWordWrap(True)
        self.warn_label = QLabel()
        self.warn_label.setObjectName("review_warning")
        self.warn_label.setWordWrap(True)
        self.warn_label.setStyleSheet("color: #b00020;")
        grid.addWidget(caption, 0, 0, 1, 2)
        grid.addWidget(self.score_label, 1, 0, Qt.AlignmentFlag.AlignLeft
                       | Qt.AlignmentFlag.AlignBottom)
        grid.addWidget(self.grade_label, 1, 1, Qt.AlignmentFlag.AlignRight
                       | Qt.AlignmentFlag.AlignVCenter)
        grid.addWidget(self.score_unit, 2, 0, 1, 2)
        grid.addWidget(self.rules_label, 3, 0, 1, 2)
        grid.addWidget(self.state_label, 4, 0, 1, 2)
        grid.addWidget(self.warn_label, 5, 0, 1, 2)
        column.addWidget(box)

        self.item_box = QGroupBox(self.tr("当前条目"))
        item = QVBoxLayout(self.item_box)
        item.setSpacing(4)
        self.item_title = QLabel()
        self.item_title.setObjectName("item_title")
        self.item_title.setWordWrap(True)
        self.item_title.setStyleSheet("font-weight: bold;")
        self.item_guidance = QLabel()
        self.item_guidance.setWordWrap(True)
        self.item_guidance.setStyleSheet("color: #555;")
        item.addWidget(self.item_title)
        item.addWidget(self.item_guidance)
        row = QHBoxLayout()
        self.count_label = QLabel(self.tr("次数"))
        self.count_spin = QSpinBox()
        self.count_spin.setObjectName("item_count")
        self.count_spin.setRange(0, MAX_COUNT)
        self.count_label.setBuddy(self.count_spin)
        self.veto_check = QCheckBox(self.tr("认定此否决项"))
        self.veto_check.setObjectName("item_veto")
        self.item_lost = QLabel()
        self.item_lost.setObjectName("item_lost")
        row.addWidget(self.count_label)
        row.addWidget(self.count_spin)
        row.addWidget(self.veto_check)
        row.addWidget(self.item_lost, 1)
        item.addLayout(row)
        note_label = QLabel(self.tr("扣分说明（Tab 键到此，Enter 返回）"))
        self.note_edit = QLineEdit()
        self.note_edit.setObjectName("item_note")
        note_label.setBuddy(self.note_edit)
        item.addWidget(note_label)
        item.addWidget(self.note_edit)
        column.addWidget(self.item_box)

        column.addWidget(QLabel(self.tr("评查意见")))
        self.opinion = QPlainTextEdit()
        self.opinion.setObjectName("review_opinion")
        self.opinion.setTabChangesFocus(True)
        self.opinion.setMaximumHeight(self.fontMetrics().lineSpacing() * 4 + 12)
        column.addWidget(self.opinion)
        buttons = QGridLayout()
        self.submit_button = QPushButton(self.tr("提交评查"))
        self.submit_button.setObjectName("submit_review")
        self.submit_button.setToolTip(self.tr("Ctrl+Enter"))
        self.submit_button.setStyleSheet("font-weight: bold;")
        self.problems_button = QPushButton(self.tr("转为问题台账…"))
        self.problems_button.setObjectName("review_to_ledger")
        self.problems_button.setToolTip(self.tr(
            "把选中的扣分项、否决项登记为问题台账中的问题（可按住 Ctrl 或 Shift 多选）"))
        self.discard_button = QPushButton(self.tr("作废草稿"))
        self.discard_button.setObjectName("discard_review")
        buttons.addWidget(self.submit_button, 0, 0, 1, 2)
        buttons.addWidget(self.problems_button, 1, 0)
        buttons.addWidget(self.discard_button, 1, 1)
        column.addLayout(buttons)
        column.addStretch(1)

        self.count_spin.valueChanged.connect(self._spin_changed)
        self.veto_check.toggled.connect(self._veto_toggled)
        self.note_edit.textEdited.connect(self._note_typed)
        self.note_edit.editingFinished.connect(lambda: self._commit(self._panel_code))
        self.note_edit.returnPressed.connect(self.tree.setFocus)
        self.submit_button.clicked.connect(self.submit)
        self.problems_button.clicked.connect(self.to_ledger)
        self.discard_button.clicked.connect(self.discard)
        return side

    def _add_shortcuts(self) -> None:
        from PySide6.QtGui import QKeySequence, QShortcut
        for keys in ("Ctrl+Return", "Ctrl+Enter"):
            QShortcut(QKeySequence(keys), self, self.submit)

    # --- loading ------------------------------------------------------------------------------

    def load(self, review_id: int, reviewer: str = "") -> None:
        """Show review ``review_id`` (by ``reviewer``); the same review again keeps what is
        typed but not stored yet."""
        if review_id != self.review_id:
            self._commit_all()
            self._built_for = None
        self.review_id = review_id
        self.reviewer = reviewer
        self.worker.call(casereview_view.review_form, self.session, review_id,
                         on_done=self._show_form)

    def clear(self) -> None:
        """Show no review."""
        self._commit_all()
        self.review_id = self.form = self._built_for = None
        self.local, self.saved, self._inflight = {}, {}, {}
        self.tree.set_sections([])

    def _show_form(self, form: dict[str, Any]) -> None:
        if form["id"] != self.review_id:
            return
        self.form = form
        self.editable = (form["status"] == "draft"
                         and form["reviewer_id"] == self.session.account_id)
        self.tree.editable = self.editable
        loaded: dict[str, Mark] = {}
        links: dict[str, int | None] = {}
        for section in form["sections"]:
            for item in section["items"]:
                loaded[item["code"]] = Mark(item["count"] or 0, item["note"] or "")
                links[item["code"]] = item["problem_id"]
        if self._built_for != form["id"]:
            self._built_for = form["id"]
            self._panel_code = None
            self._inflight = {}
            self.tree.set_sections(form["sections"])
            self.local = dict(loaded)
            self.opinion.setPlainText(form["note"] or "")
        else:
            for code, mark in loaded.items():   # keep what is typed but not stored yet
                if code not in self._inflight \
                        and self.local.get(code, NO_MARK) == self.saved.get(code, NO_MARK):
                    self.local[code] = mark
        self.saved = loaded
        self.links = links
        self.opinion.setReadOnly(not self.editable)
        self.note_edit.setReadOnly(not self.editable)
        self.opinion.setPlaceholderText(self.tr("总体评价和改进建议（可不填）") if self.editable
                                        else self.tr("（未填写评查意见）"))
        self.note_edit.setPlaceholderText(self.tr("在卷内何处发现，如：第 12 页未写明救济途径")
                                          if self.editable else "")
        self.count_spin.setEnabled(self.editable)
        self.veto_check.setEnabled(self.editable)
        self.submit_button.setVisible(self.editable)
        self.discard_button.setVisible(self.editable)
        self.problems_button.setEnabled(self.allowed("casereview.review"))
        tpl = form["template"]
        self.rules_label.setText(self.tr("《{name}》{version}\n优秀 ≥ {excellent} 分，合格 ≥ {passing} 分")
                                 .format(name=tpl["name"], version=tpl["version"],
                                         excellent=points_text(tpl["excellent"]),
                                         passing=points_text(tpl["passing"])))
        reviewer = self.reviewer
        round_text = translate("reviews", ROUNDS[form["round"]])
        if self.editable:
            state = self.tr("{round}草稿：每项修改自动保存，提交后不能再改。").format(round=round_text)
        elif form["status"] == "draft":
            state = self.tr("{round}草稿（{name} 填写中，只能查看）。").format(
                round=round_text, name=reviewer)
        else:
            state = self.tr("{name}的{round}，已于 {time} 提交。").format(
                name=reviewer, round=round_text,
                time=local_minute(form["submitted_at"]))
        self.state_label.setText(state)
        self._show_all()

    def _show_all(self) -> None:
        result = self._result()
        for code in self.tree.codes():
            self._show_row(code, result)
        self._show_score()
        self._bind_panel()

    def _counts(self) -> dict[str, int]:
        return {code: m.count for code, m in self.local.items() if m.count}

    def _result(self) -> Any:
        assert self.form is not None
        return casereview_view.live_result(self.form["standard"], self._counts())

    def _show_row(self, code: str, result: Any = None) -> None:
        result = result or self._result()
        mark = self.local.get(code, NO_MARK)
        self.tree.show_mark(code, mark.count, result.deductions.get(code), mark.note,
                            self.links.get(code))

    def _show_score(self) -> None:
        if self.form is None:
            return
        result = self._result()
        stages = self.form["standard"].stages
        self.tree.show_stage_losses({s.name: lost for s, lost
                                     in zip(stages, result.stage_deductions)})
        for code in self.tree.codes():
            if not self.tree.item(code)["veto"]:
                self._show_row(code, result)
        self.score_label.setText(points_text(result.score))
        self.score_unit.setText(self.tr("分（满分 {max}）").format(max=points_text(result.max_score)))
        colour = GRADE_COLOURS[result.grade]
        self.grade_label.setText(translate("reviews", GRADES[result.grade]))
        self.grade_label.setStyleSheet(f"color: white; background: {colour}; border-radius: 4px;"
                                       " padding: 2px 10px;")
        self.score_label.setStyleSheet(f"color: {colour};")
        warnings = []
        if result.vetoed:
            names = "、".join(self.tree.item(c)["text"] for c in result.veto_hits)
            warnings.append(self.tr("否决项成立：{names}。案卷不合格，得 0 分。").format(names=names))
        missing = self._missing()
        if missing:
            warnings.append(self.tr("{n} 项尚未填写扣分说明（填写后才保存）。").format(n=len(missing)))
        self.warn_label.setText("\n".join(warnings))
        self.warn_label.setVisible(bool(warnings))

    def unsaved(self) -> list[str]:
        """Codes ticked on the user's draft whose note is missing (not stored yet)."""
        return self._missing() if self.editable else []

    def _missing(self) -> list[str]:
        return [c for c in self.tree.codes()
                if self.local.get(c, NO_MARK).count and not self.local[c].note.strip()]

    def _bind_panel(self) -> None:
        """Show the current item in the side panel."""
        old = self._panel_code
        code = self.tree.current_code()
        if old is not None and old != code:
            self._commit(old)
        self._panel_code = code
        enabled = code is not None and self.form is not None
        self.item_box.setEnabled(enabled)
        if not enabled:
            self.item_title.setText(self.tr("在左侧选择一个评查条目"))
            self.item_guidance.clear()
            self.item_lost.clear()
            return
        item = self.tree.item(code)
        mark = self.local.get(code, NO_MARK)
        self.item_title.setText(f"{code}  {item['text']}")
        self.item_guidance.setText(item.get("guidance") or "")
        veto = bool(item["veto"])
        self.count_label.setVisible(not veto)
        self.count_spin.setVisible(not veto)
        self.veto_check.setVisible(veto)
        for widget, value in ((self.count_spin, mark.count), (self.veto_check, bool(mark.count))):
            widget.blockSignals(True)
            if isinstance(widget, QSpinBox):
                widget.setValue(value)
            else:
                widget.setChecked(value)
            widget.blockSignals(False)
        if self.note_edit.text() != mark.note:
            self.note_edit.setText(mark.note)
        if veto:
            self.item_lost.setText(self.tr("任一项成立即不合格") if not mark.count
                                   else self.tr("已认定：得 0 分"))
        else:
            lost = self._result().deductions.get(code)
            rule = self.tr("每处扣 {step} 分，最多扣 {points} 分").format(
                step=points_text(item["step"] or item["points"]), points=points_text(item["points"]))
            self.item_lost.setText(self.tr("扣 {lost} 分；").format(lost=points_text(lost)) + rule
                                   if lost else rule)

    # --- editing ------------------------------------------------------------------------------

    def set_count(self, code: str, count: int) -> None:
        """The user asks ``count`` occurrences of item ``code`` (veto items: 0 or 1)."""
        if self.form is None or code not in self.tree.codes():
            return
        if not self.editable or self._built_for != self.review_id:
            self._show_row(code)        # a check box clicked on a review that is not one's draft
            return
        mark = self.local.get(code, NO_MARK)
        self.local[code] = Mark(count, mark.note if count else "")
        self._show_row(code)
        self._show_score()
        if code == self._panel_code:
            self._bind_panel()
        self._commit(code)

    def _spin_changed(self, value: int) -> None:
        if self._panel_code is not None:
            self.set_count(self._panel_code, value)

    def _veto_toggled(self, on: bool) -> None:
        if self._panel_code is not None:
            self.set_count(self._panel_code, int(on))

    def _note_typed(self, text: str) -> None:
        code = self._panel_code
        if code is None or not self.editable or self._built_for != self.review_id:
            return
        mark = self.local.get(code, NO_MARK)
        count = mark.count or (1 if text.strip() else 0)    # a note means a finding
        self.local[code] = Mark(count, text)
        self._show_row(code)
        self._show_score()
        if count != mark.count:
            self._bind_panel()

    def focus_note(self) -> None:
        if self._panel_code is not None:
            self.note_edit.setFocus()
            self.note_edit.selectAll()

    def _commit(self, code: str | None) -> None:
        """Store the mark of ``code`` when it changed and is complete."""
        if code is None or not self.editable or self.review_id is None \
                or self._built_for != self.review_id:       # another review is being loaded
            return
        mark = self.local.get(code, NO_MARK)
        if mark.count and not mark.note.strip():
            return
        sent = Mark(mark.count, mark.note.strip() if mark.count else "")
        if sent == self._inflight.get(code, self.saved.get(code, NO_MARK)):
            return
        self.local[code] = sent
        self._inflight[code] = sent
        rid = self.review_id

        def stored(_changes: Changes) -> None:
            if rid == self.review_id:
                self.saved[code] = sent
            if self._inflight.get(code) == sent:
                del self._inflight[code]

        def failed(exc: BaseException) -> None:
            show_error(self, exc)
            self.local, self.saved, self._inflight = {}, {}, {}
            self._built_for = None
            if self.review_id is not None:
                self.load(self.review_id, self.reviewer)

        self.worker.call(casereviews.mark_item, self.session, rid, code, sent.count, sent.note,
                         on_done=stored, on_error=failed)

    def _commit_all(self) -> None:
        for code in list(self.local):
            self._commit(code)

    # --- actions ---------------------------------------------------------------------------

    def submit(self) -> None:
        """Submit the draft on screen after a confirmation; refuses while a note is missing."""
        if not self.editable or self.form is None:
            return
        self._commit_all()
        missing = self._missing()
        if missing:
            code = missing[0]
            self.tree.select_code(code)
            show_error(self, ValidationError(QT_TRANSLATE_NOOP(
                "errors", "第 {code} 项“{text}”还没有填写扣分说明，不能提交。"),
                code=code, text=self.tree.item(code)["text"]))
            self.focus_note()
            return
        result = self._result()
        grade = translate("reviews", GRADES[result.grade])
        answer = QMessageBox.question(
            self, self.tr("提交评查"),
            self.tr("提交后这份评查不能再修改。\n得分 {score} 分，等次：{grade}。\n确定提交吗？").format(
                score=points_text(result.score), grade=grade),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No)
        if answer != QMessageBox.StandardButton.Yes:
            return
        self.call(casereviews.submit_review, self.form["id"], self.opinion.toPlainText())

    def discard(self) -> None:
        if not self.editable or self.form is None:
            return
        answer = QMessageBox.question(
            self, self.tr("作废草稿"),
            self.tr("作废这份尚未提交的评查？已填写的扣分和说明将删除。"),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No)
        if answer != QMessageBox.StandardButton.Yes:
            return
        rid = self.form["id"]
        self.local, self.saved, self._inflight = {}, {}, {}
        self.review_id = None
        self._built_for = None
        self.call(casereviews.discard_review, rid)

    def findings(self) -> list[str]:
        """Codes of the selected rows that carry a mark (what 转为问题台账 takes)."""
        return [c for c in self.tree.selected_codes() if self.local.get(c, NO_MARK).count]

    def to_ledger(self) -> bool:
        """Open the 转为问题台账 dialog for the selected findings (once the campaigns are
        loaded: :attr:`problems_dialog`); False when refused."""
        if self.form is None or not self.allowed("casereview.review"):
            return False
        self._commit_all()
        codes = self.findings()
        if not codes:
            show_error(self, ValidationError(QT_TRANSLATE_NOOP(
                "errors", "请先在评查条目中选择已扣分或已认定的否决项（按住 Ctrl 或 Shift 可多选）。")))
            return False
        missing = [c for c in codes if c in self._missing()]
        if missing:
            show_error(self, ValidationError(QT_TRANSLATE_NOOP(
                "errors", "第 {code} 项“{text}”还没有填写扣分说明。"),
                code=missing[0], text=self.tree.item(missing[0])["text"]))
            return False
        rid = self.form["id"]
        findings = [(c, self.tree.item(c)["text"]) for c in codes]
        self.worker.call(casereview_view.problem_choices, self.session,
                         on_done=lambda campaigns: self._open_problems(rid, findings, campaigns))
        return True

    def _open_problems(self, rid: int, findings: list[tuple[str, str]],
                       campaigns: list[dict[str, Any]]) -> None:
        from .casefile_problems import ReviewProblemsDialog
        dialog = ReviewProblemsDialog(self.worker, self.session, rid, findings, campaigns, self)
        self.problems_dialog = dialog
        dialog.finished.connect(lambda _r: self._problems_done(dialog))
        dialog.open()

    def open_problem(self, problem_id: int) -> None:
        """Show a problem made from this review in 问题台账."""
        from .ledger_link import open_in_ledger
        open_in_ledger(self, problem_id)

    def _problems_done(self, dialog: Any) -> None:
        if dialog.created is not None:
            n = len(dialog.created.rows.get("problems", ()))
            QMessageBox.information(self, self.tr("转为问题台账"), self.tr(
                "已在问题台账中登记 {n} 个问题（来源：案卷评查），可在“问题台账”中按来源筛选查看。").format(n=n))
        dialog.deleteLater()
