"""The audit trail as the user sees it: verify with progress and cancel, the newest entries."""
from __future__ import annotations

from datetime import datetime
from typing import Any

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import (QHBoxLayout, QLabel, QMessageBox, QPushButton,
                               QTableWidgetItem, QVBoxLayout, QWidget)

from models import audit_ops
from models.audit import VerifyReport
from models.i18n import QT_TRANSLATE_NOOP
from models.session import Session

from ..worker import DbWorker, run_task
from ..widgets import read_only_table
from .base import Page

ACTIONS = {
    "insert": QT_TRANSLATE_NOOP("audit", "新增"),
    "update": QT_TRANSLATE_NOOP("audit", "修改"),
    "delete": QT_TRANSLATE_NOOP("audit", "删除"),
    "login": QT_TRANSLATE_NOOP("audit", "登录"),
    "login_failed": QT_TRANSLATE_NOOP("audit", "密码错误"),
    "unlock": QT_TRANSLATE_NOOP("audit", "解锁账号"),
    "migrate": QT_TRANSLATE_NOOP("audit", "升级数据结构"),
    "key_unlock_failed": QT_TRANSLATE_NOOP("audit", "签名口令错误"),
    "file_signed": QT_TRANSLATE_NOOP("audit", "签署文件"),
    "key_enrollment_exported": QT_TRANSLATE_NOOP("audit", "导出密钥登记文件"),
}


def local_time(ts: str) -> str:
    """A stored UTC timestamp as local time to the second."""
    try:
        return datetime.fromisoformat(ts).astimezone().strftime("%Y-%m-%d %H:%M:%S")
    except ValueError:
        return ts


def verify_with_progress(parent: QWidget, worker: DbWorker, session: Session) -> None:
    """Verify on the worker behind a progress dialog; show the result in a message box."""

    def job(progress: Any, cancelled: Any) -> VerifyReport:
        return audit_ops.verify(session, progress=progress, cancelled=cancelled)

    def done(report: VerifyReport) -> None:
        title = QCoreApplication.translate("audit", "审计链校验")
        if report.ok:
            QMessageBox.information(parent, title, report.summary())
        elif report.cancelled:
            QMessageBox.information(parent, title, QCoreApplication.translate(
                "audit", "校验已取消，没有得出结论。"))
        else:
            details = "\n".join(f"· {p.detail}" for p in report.problems[:10])
            QMessageBox.critical(parent, title, report.summary() + "\n\n" + details + "\n\n" +
                                 QCoreApplication.translate(
                                     "audit", "请立即报告负责人，并保留本机和数据文件夹原样，以便核查。"))

    run_task(worker, parent, QCoreApplication.translate("audit", "审计链校验"),
             QCoreApplication.translate("audit", "正在逐条核对审计记录和业务数据…"), job, on_done=done)


class AuditPanel(Page):
    """Refreshes after every change: every change adds audit entries (see :meth:`_changed`)."""

    def __init__(self, controller: Any, parent: QWidget | None = None) -> None:
        super().__init__(controller, parent)
        layout = QVBoxLayout(self)
        intro = QLabel(self.tr(
            "每一次新增、修改、删除和登录都按顺序记入审计链，每条记录包含前一条的哈希。"
            "在程序之外改动数据或记录，校验时都会被发现并指出第一处断点。"))
        intro.setWordWrap(True)
        layout.addWidget(intro)
        row = QHBoxLayout()
        self.head = QLabel()
        self.head.setObjectName("audit_head")
        self.head.setTextInteractionFlags(self.head.textInteractionFlags()
                                          | self.head.textInteractionFlags().TextSelectableByMouse)
        row.addWidget(self.head, 1)
        self.verify_button = QPushButton(self.tr("校验审计链…"))
        self.verify_button.setObjectName("verify")
        self.verify_button.clicked.connect(
            lambda: verify_with_progress(self, self.worker, self.session))
        row.addWidget(self.verify_button)
        layout.addLayout(row)
        self.table = read_only_table([self.tr("序号"), self.tr("时间"), self.tr("操作人"),
                                      self.tr("动作"), self.tr("数据表"), self.tr("行")],
                                     "audit_table")
        layout.addWidget(self.table)
        self.refresh()

    def _changed(self, changes: Any) -> None:
        self.refresh()

    def refresh(self) -> None:
        def load(session: Session) -> tuple[dict[str, Any], list[dict[str, Any]]]:
            return audit_ops.head(session), audit_ops.recent_entries(session, 200)
        self.worker.call(load, self.session, on_done=self._show)

    def _show(self, data: tuple[dict[str, Any], list[dict[str, Any]]]) -> None:
        head, rows = data
        self.head.setText(self.tr("共 {seq} 条记录；末条哈希 {hash}").format(
            seq=head["seq"], hash=head["hash"]))
        self.table.setRowCount(len(rows))
        for i, r in enumerate(rows):
            action = QCoreApplication.translate("audit", ACTIONS.get(r["action"], r["action"]))
            values = [str(r["seq"]), local_time(r["ts"]), r["actor"], action,
                      r["tbl"], r["row_key"] or ""]
            for j, value in enumerate(values):
                self.table.setItem(i, j, QTableWidgetItem(value))
