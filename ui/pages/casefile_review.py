"""评查: one case file, its reviews (初评 and 复核), starting a review, and the review form.

The header says what the file is; the banner says where its review stands: not reviewed, in
review, 须复核 (with the reasons and every first reviewer's score and grade, so a disagreement
is plain to see), or its final result. The reviews table lists every review; choosing one
shows it in the form below (:class:`ReviewForm`: editable for one's own draft). The start bar
offers a first review with the standard to use, or the 复核 to a reviewer who may do it.
"""
from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (QComboBox, QHBoxLayout, QLabel, QMessageBox, QPushButton,
                               QSizePolicy, QTableWidgetItem, QVBoxLayout, QWidget)

from models import casereview_view, casereviews
from models.casefiles import CASE_TYPES
from models.casereviews import ROUNDS
from models.errors import NotFound
from models.scoring import GRADES, RECHECK_REASONS
from models.store import Changes

from ..errors import show_error
from ..i18n import translate
from ..style import heading
from ..widgets import read_only_table
from .base import Page
from .casefile_form import ReviewForm
from .casefile_marks import local_minute, points_text

BANNER_STYLES = {kind: f"background: {bg}; border: 1px solid {line}; border-radius: 4px;"
                        " padding: 6px 10px;"
                 for kind, bg, line in (("warn", "#fff3cd", "#e0b252"),
                                        ("done", "#e8f5e9", "#9ccc9c"),
                                        ("info", "#eef2f7", "#c5d0de"))}


def score_text(score: float | None) -> str:
    return "—" if score is None else points_text(score)


class ReviewView(Page):
    """The review screen of one case file (:meth:`show_case`)."""

    tables = frozenset({"case_files", "case_reviews", "case_review_marks", "templates"})

    def __init__(self, controller: Any, parent: QWidget | None = None) -> None:
        super().__init__(controller, parent)
        self.case_id: int | None = None
        self.review_id: int | None = None
        self.overview: dict[str, Any] | None = None

        outer = QVBoxLayout(self)
        outer.setContentsMargins(10, 8, 10, 8)
        outer.setSpacing(6)
        self.empty = QLabel(self.tr("在“案卷登记”中选择一个案卷，双击或按 Enter 打开评查。"))
        self.empty.setObjectName("review_empty")
        self.empty.setStyleSheet("color: #666;")
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        outer.addWidget(self.empty, 1)
        self.body = QWidget()
        self.body.hide()
        outer.addWidget(self.body, 1)
        body = QVBoxLayout(self.body)
        body.setContentsMargins(0, 0, 0, 0)
        body.setSpacing(6)

        self.title = heading(QLabel(), 1.3)
        self.title.setObjectName("case_title")
        self.title.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.facts = QLabel()
        self.facts.setObjectName("case_facts")
        self.facts.setStyleSheet("color: #555;")
        self.facts.setWordWrap(True)
        title_row = QHBoxLayout()
        title_row.addWidget(self.title, 1)
        self.export_button = QPushButton(self.tr("导出评分表…"))
        self.export_button.setObjectName("export_review")
        self.export_button.setToolTip(self.tr("导出所选评查的评分表（Excel 或 PDF）"))
        self.export_button.setEnabled(False)
        self.export_button.clicked.connect(self.export_review)
        title_row.addWidget(self.export_button)
        body.addLayout(title_row)
        body.addWidget(self.facts)

        self.banner = QLabel()
        self.banner.setObjectName("review_banner")
        self.banner.setWordWrap(True)
        self.banner.setTextFormat(Qt.TextFormat.PlainText)
        body.addWidget(self.banner)

        self.reviews = read_only_table(
            [self.tr("轮次"), self.tr("评查人"), self.tr("评查标准"), self.tr("状态"),
             self.tr("得分"), self.tr("等次"), self.tr("提交时间")], "review_list")
        self.reviews.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.reviews.verticalHeader().setDefaultSectionSize(24)
        self.reviews.itemSelectionChanged.connect(self._review_chosen)
        body.addWidget(self.reviews)

        start = QHBoxLayout()
        self.standard_label = QLabel(self.tr("评查标准"))
        self.standard = QComboBox()
        self.standard.setObjectName("review_standard")
        self.standard.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.standard_label.setBuddy(self.standard)
        self.start_button = QPushButton(self.tr("开始评查"))
        self.start_button.setObjectName("start_review")
        self.recheck_button = QPushButton(self.tr("开始复核"))
        self.recheck_button.setObjectName("start_recheck")
        self.recheck_button.setStyleSheet("font-weight: bold;")
        self.start_hint = QLabel()
        self.start_hint.setStyleSheet("color: #666;")
        for w in (self.standard_label, self.standard, self.start_button, self.recheck_button,
                  self.start_hint):
            start.addWidget(w)
        start.addStretch(1)
        self.start_bar = QWidget()
        self.start_bar.setLayout(start)
        start.setContentsMargins(0, 0, 0, 0)
        body.addWidget(self.start_bar)

        self.form = ReviewForm(controller)
        body.addWidget(self.form, 1)
        self.no_review = QLabel(self.tr(
            "评查时逐项对照评查标准：否决项任一项成立，案卷即为不合格、得 0 分；其余各项按“每处扣分”"
            "扣分，每个阶段扣完为止。得分和等次随每次勾选即时计算。"))
        self.no_review.setObjectName("no_review")
        self.no_review.setWordWrap(True)
        self.no_review.setStyleSheet("color: #666; padding: 12px 0;")
        self.no_review.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        body.addWidget(self.no_review, 1)

        self.start_button.clicked.connect(self.start_review)
        self.recheck_button.clicked.connect(self.start_recheck)

    # --- loading ------------------------------------------------------------------------------

    def show_case(self, case_file_id: int, review_id: int | None = None) -> bool:
        """Show case file ``case_file_id`` (on ``review_id`` when given, else the review it
        opens on). Leaving a draft with ticks whose note is missing asks first; False: the user
        stays on it."""
        if case_file_id != self.case_id:
            if not self._leave_draft():
                return False
            self.form.clear()
            self.review_id = review_id
        elif review_id is not None:
            self.review_id = review_id
        self.case_id = case_file_id
        self.refresh()
        return True

    def _leave_draft(self) -> bool:
        missing = self.form.unsaved()
        if not missing:
            return True
        answer = QMessageBox.question(
            self, self.tr("未保存的扣分"),
            self.tr("当前评查中有 {n} 项扣分（{codes}）尚未填写扣分说明，不会保存。仍要打开其他案卷吗？")
            .format(n=len(missing), codes="、".join(missing)),
            QMessageBox.StandardButton.Discard | QMessageBox.StandardButton.Cancel,
            QMessageBox.StandardButton.Cancel)
        return answer == QMessageBox.StandardButton.Discard

    def refresh(self) -> None:
        if self.case_id is not None:
            self.worker.call(casereview_view.case_overview, self.session, self.case_id,
                             on_done=self._show_overview, on_error=self._case_gone)

    def _case_gone(self, exc: BaseException) -> None:
        if isinstance(exc, NotFound):
            self.case_id = self.review_id = None
            self.form.clear()
            self.body.hide()
            self.empty.show()
        else:
            show_error(self, exc)

    def _show_overview(self, overview: dict[str, Any]) -> None:
        case = overview["case"]
        if case["id"] != self.case_id:
            return
        self.overview = overview
        self.empty.hide()
        self.body.show()
        reviews = overview["reviews"]
        ids = [r["id"] for r in reviews]
        if self.review_id not in ids:
            self.review_id = casereview_view.default_review(reviews, self.session.account_id)
        self._show_header(case)
        self._show_banner(case, reviews, overview["recheck_reasons"])
        self._show_reviews(reviews)
        self._show_start_bar(case, reviews, overview["standards"])
        self.no_review.setVisible(self.review_id is None)
        self.export_button.setEnabled(self.review_id is not None)
        if self.review_id is None:
            self.form.clear()
            self.form.hide()
        else:
            self.form.show()
            self.form.load(self.review_id, self._reviewer(self.review_id))

    def _show_header(self, case: dict[str, Any]) -> None:
        self.title.setText(f"{case['case_no']}　{case['cause']}")
        facts = [translate("casefiles", CASE_TYPES[case["case_type"]])]
        if case["domain"]:
            facts.append(case["domain"])
        if case["party"]:
            facts.append(self.tr("当事人：{v}").format(v=case["party"]))
        if case["officers"]:
            facts.append(self.tr("执法人员：{v}").format(v=case["officers"]))
        facts.append(self.tr("办案机构：{v}").format(v=case["agency"] or case["unit_name"]))
        if case["closed_date"]:
            facts.append(self.tr("结案 {v}").format(v=case["closed_date"]))
        if case["major"]:
            facts.append(self.tr("重大案件"))
        self.facts.setText(" · ".join(facts))

    def _result_text(self, r: dict[str, Any]) -> str:
        grade = translate("reviews", GRADES[r["grade"]]) if r["grade"] else "—"
        text = self.tr("{name} {score} 分（{grade}）").format(
            name=r["reviewer"], score=score_text(r["score"]), grade=grade)
        if r["vetoed"]:
            text += self.tr("，否决项成立")
        return text

    def _show_banner(self, case: dict[str, Any], reviews: list[dict[str, Any]],
                     reasons: list[str]) -> None:
        state = case["review_state"]
        first = [r for r in reviews if r["round"] == 1 and r["status"] == "submitted"]
        drafts = [r["reviewer"] for r in reviews if r["status"] == "draft"
                  and r["reviewer_id"] != self.session.account_id]
        grade = translate("reviews", GRADES[case["final_grade"]]) if case["final_grade"] else ""
        lines: list[str] = []
        style = "info"
        if state == "unreviewed":
            lines.append(self.tr("尚未评查。"))
        elif state == "in_review":
            lines.append(self.tr("评查中：{names} 的评查尚未提交。").format(
                names="、".join(r["reviewer"] for r in reviews if r["status"] == "draft")))
        elif state == "recheck_required":
            style = "warn"
            why = "；".join(translate("reviews", RECHECK_REASONS[k]) for k in reasons)
            lines.append(self.tr("须复核：{why}。复核须由初评以外的评查人员进行，复核结果为最终结果。")
                         .format(why=why))
        elif state == "reviewed":
            style = "done"
            lines.append(self.tr("已评查：最终得分 {score} 分，{grade}。").format(
                score=score_text(case["final_score"]), grade=grade))
        else:
            style = "done"
            lines.append(self.tr("已复核：最终得分 {score} 分，{grade}（以复核结果为准）。").format(
                score=score_text(case["final_score"]), grade=grade))
        if len(first) > 1 or (first and state in ("recheck_required", "rechecked")):
            differ = len({r["grade"] for r in first}) > 1
            label = self.tr("初评结果不一致：") if differ else self.tr("初评：")
            lines.append(label + "；".join(self._result_text(r) for r in first))
        if drafts and state != "in_review":
            lines.append(self.tr("未提交的评查：{names}。").format(names="、".join(drafts)))
        self.banner.setText("\n".join(lines))
        self.banner.setStyleSheet(BANNER_STYLES[style])

    def _show_reviews(self, reviews: list[dict[str, Any]]) -> None:
        table = self.reviews
        table.blockSignals(True)
        table.setRowCount(len(reviews))
        for i, r in enumerate(reviews):
            status = self.tr("已提交") if r["status"] == "submitted" else self.tr("草稿")
            done = r["status"] == "submitted"      # a draft's score is still changing
            grade = translate("reviews", GRADES[r["grade"]]) if done and r["grade"] else ""
            if done and r["vetoed"]:
                grade += self.tr("（否决）")
            cells = [translate("reviews", ROUNDS[r["round"]]), r["reviewer"],
                     f"{r['template_name']} {r['template_version']}", status,
                     score_text(r["score"]) if done else "", grade,
                     local_minute(r["submitted_at"])]
            for col, text in enumerate(cells):
                cell = QTableWidgetItem(text)
                cell.setData(Qt.ItemDataRole.UserRole, r["id"])
                table.setItem(i, col, cell)
            if r["id"] == self.review_id:
                table.selectRow(i)
        table.blockSignals(False)
        table.setVisible(bool(reviews))
        table.setFixedHeight(table.horizontalHeader().height() + 24 * len(reviews) + 4)

    def _show_start_bar(self, case: dict[str, Any], reviews: list[dict[str, Any]],
                        standards: list[dict[str, Any]]) -> None:
        can = casereview_view.actions(case, reviews, self.session)
        current = self.standard.currentData()
        self.standard.clear()
        for t in standards:
            self.standard.addItem(f"{t['name']} {t['version']}", t["id"])
        index = self.standard.findData(current)
        self.standard.setCurrentIndex(max(index, 0))
        self.standard.setEnabled(not reviews)
        for w in (self.standard_label, self.standard, self.start_button):
            w.setVisible(can.start)
        self.start_button.setEnabled(can.start and self.standard.count() > 0)
        self.recheck_button.setVisible(can.recheck)
        hint = translate("reviews", can.reason) if can.reason else ""
        if can.start and not standards:
            hint = self.tr("没有在用的评查标准：请在 设置 → 模板 中导入或启用。")
        self.start_hint.setText(hint)
        self.start_bar.setVisible(can.start or can.recheck or bool(hint))

    def _review_chosen(self) -> None:
        rows = self.reviews.selectionModel().selectedRows()
        if not rows:
            return
        rid = self.reviews.item(rows[0].row(), 0).data(Qt.ItemDataRole.UserRole)
        if rid != self.review_id:
            self.review_id = rid
            self.form.load(rid, self._reviewer(rid))

    def export_review(self) -> Any:
        """导出评分表… of the review shown; return the export dialog (None without a review)."""
        if self.review_id is None:
            return None
        from .export_dialog import casereview_export
        return casereview_export(self, self.review_id, self.title.text())

    def _reviewer(self, review_id: int) -> str:
        reviews = (self.overview or {}).get("reviews", [])
        return next((r["reviewer"] for r in reviews if r["id"] == review_id), "")

    # --- starting -----------------------------------------------------------------------------

    def start_review(self) -> None:
        """Start one's first review of the file with the chosen standard."""
        if self.case_id is None or self.standard.currentData() is None:
            return
        self.call(casereviews.start_review, self.case_id, self.standard.currentData(),
                  on_done=self._started)

    def start_recheck(self) -> None:
        """Start the 复核 of the file."""
        if self.case_id is not None:
            self.call(casereviews.start_review, self.case_id, None, recheck=True,
                      on_done=self._started)

    def _started(self, changes: Changes) -> None:
        new = changes.rows.get("case_reviews", set())
        if new:
            self.review_id = int(max(new, key=int))
            self.refresh()
        self.form.tree.setFocus()

