"""The ledger problem of the current self-check item, in the entry view.

A 不符合 answer hangs a problem on the ledger (来源：自查自纠); the row names it and opens it in the
ledger, or links the item to a problem of the campaign already on the ledger instead.
Its texts are translated in the context of the entry view (``SelfCheckEntry``) it belongs to.
"""
from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication, QObject
from PySide6.QtWidgets import QBoxLayout, QHBoxLayout, QLabel, QPushButton

from models import selfcheck_view
from models.problems import STATUSES as PROBLEM_STATUSES

from ..errors import show_error
from ..i18n import translate

if TYPE_CHECKING:
    from .selfcheck_entry import SelfCheckEntry


class ProblemLink(QObject):
    """The label and the buttons 在问题台账中查看 / 关联已有问题… of ``entry``'s current item,
    added to ``layout``."""

    def __init__(self, entry: "SelfCheckEntry", layout: QBoxLayout) -> None:
        super().__init__(entry)
        self.entry = entry
        problem = QHBoxLayout()
        self.label = QLabel()
        self.label.setObjectName("problem_label")
        self.label.setWordWrap(True)
        problem.addWidget(self.label, 1)
        self.open_button = QPushButton(
            QCoreApplication.translate("SelfCheckEntry", "在问题台账中查看"))
        self.open_button.setObjectName("open_problem")
        self.open_button.clicked.connect(self.open_problem)
        problem.addWidget(self.open_button)
        self.link_button = QPushButton(
            QCoreApplication.translate("SelfCheckEntry", "关联已有问题…"))
        self.link_button.setObjectName("link_problem")
        self.link_button.setToolTip(QCoreApplication.translate(
            "SelfCheckEntry", "这一项的问题已在台账中登记时，关联它而不再新挂一条"))
        self.link_button.clicked.connect(self.choose_link)
        problem.addWidget(self.link_button)
        layout.addLayout(problem)

    def show_problem(self, item: dict[str, Any]) -> None:
        """Name the problem ``item`` hung (or say what a 不符合 would do)."""
        pid, key = item.get("problem_id"), item["answer"]
        if pid:
            status = translate("problems", PROBLEM_STATUSES.get(item["problem_status"] or "", ""))
            self.label.setText(QCoreApplication.translate(
                "SelfCheckEntry", "已挂问题台账：序号 {seq}（{status}）").format(
                seq=item["problem_seq_no"], status=status))
        elif key == "nonconform":
            self.label.setText(QCoreApplication.translate("SelfCheckEntry", "正在挂到问题台账…"))
        else:
            self.label.setText(QCoreApplication.translate(
                "SelfCheckEntry", "答“不符合”时自动挂到问题台账（来源：自查自纠）。"))
        self.open_button.setEnabled(bool(pid))
        self.link_button.setEnabled(self.entry.can_fill)

    def open_problem(self) -> None:
        entry = self.entry
        item = entry.current()
        if item is not None and item.get("problem_id"):
            entry.leave()
            from .ledger_link import open_in_ledger
            open_in_ledger(entry, int(item["problem_id"]))

    def choose_link(self) -> None:
        """Pick an open problem of the campaign to link the current item to (answer 不符合)."""
        entry = self.entry
        if entry.selfcheck_id is None or entry.current() is None:
            return
        code = entry.current()["code"]
        entry.worker.call(selfcheck_view.link_candidates, entry.session, entry.selfcheck_id,
                          on_done=lambda rows: self._pick_link(code, rows),
                          on_error=lambda exc: show_error(entry, exc))

    def _pick_link(self, code: str, rows: list[dict[str, Any]]) -> None:
        entry = self.entry
        item = entry.current()
        if item is None or item["code"] != code:
            return
        own = f"selfcheck:{entry.selfcheck_id}:{code}"
        rows = [r for r in rows if r["source_ref"] != own]
        if not rows:
            from PySide6.QtWidgets import QMessageBox
            QMessageBox.information(
                entry, QCoreApplication.translate("SelfCheckEntry", "关联已有问题"),
                QCoreApplication.translate(
                    "SelfCheckEntry", "这个专项行动中本单位没有未销号的问题可以关联。"))
            return
        from PySide6.QtWidgets import QInputDialog
        labels = [QCoreApplication.translate(
            "SelfCheckEntry", "序号 {seq}　[{category}] {issue}（{status}）").format(
            seq=r["seq_no"], category=r["category"], issue=r["issue"],
            status=translate("problems", PROBLEM_STATUSES[r["status"]])) for r in rows]
        chosen, ok = QInputDialog.getItem(
            entry, QCoreApplication.translate("SelfCheckEntry", "关联已有问题"),
            QCoreApplication.translate("SelfCheckEntry", "第 {code} 项“不符合”，关联到：").format(
                code=code), labels, 0, False)
        if ok and chosen in labels:
            entry.link_to(int(rows[labels.index(chosen)]["id"]))
