"""The files attached to the answer of the current self-check item, in the entry view.

Files (photos, scans, PDFs) attach to the answer of any answered item, 符合, 不符合 or 不适用
(:mod:`models.selfcheck_evidence`); they are listed under it, a double-click opens one and the
person who added it (or a chief) can remove it. A file attached to a 不符合 answer goes onto its
ledger problem too (for the rectification); other files of that problem are named as well.
Its texts are translated in the context of the entry view (``SelfCheckEntry``) it belongs to.
"""
from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication, QObject, Qt, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (QBoxLayout, QHBoxLayout, QLabel, QListWidget, QListWidgetItem,
                               QPushButton)

from models import evidence as problem_evidence
from models import selfcheck_evidence
from models.permissions import Role

from ..errors import show_error

if TYPE_CHECKING:
    from .selfcheck_entry import SelfCheckEntry

FILE_ROLE = Qt.ItemDataRole.UserRole      # in the file list: the file's row


class AnswerFiles(QObject):
    """The attach button, the label, the remove button and the file list of ``entry``'s current
    answer, added to ``layout``; it acts on ``entry.current()``."""

    def __init__(self, entry: "SelfCheckEntry", layout: QBoxLayout) -> None:
        super().__init__(entry)
        self.entry = entry
        files = QHBoxLayout()
        self.attach_button = QPushButton(
            QCoreApplication.translate("SelfCheckEntry", "添加印证资料…"))
        self.attach_button.setObjectName("attach_evidence")
        self.attach_button.clicked.connect(self.choose_files)
        files.addWidget(self.attach_button)
        self.label = QLabel()
        self.label.setObjectName("evidence_files")
        self.label.setWordWrap(True)
        self.label.setStyleSheet("color: #555;")
        files.addWidget(self.label, 1)
        self.remove_button = QPushButton(
            QCoreApplication.translate("SelfCheckEntry", "删除所选资料"))
        self.remove_button.setObjectName("remove_evidence")
        self.remove_button.clicked.connect(self.remove_selected)
        files.addWidget(self.remove_button)
        layout.addLayout(files)
        self.list = QListWidget()
        self.list.setObjectName("answer_files")
        self.list.setMaximumHeight(84)
        self.list.setToolTip(QCoreApplication.translate("SelfCheckEntry", "双击打开文件"))
        self.list.itemDoubleClicked.connect(self.open_file)
        self.list.currentItemChanged.connect(lambda *_a: self._enable_remove())
        layout.addWidget(self.list)

    def show_files(self, item: dict[str, Any]) -> None:
        """The answer's files in the list; the label says where they go (and names the files of
        the ledger problem of a 不符合 answer)."""
        own = item.get("files") or []
        names = {row["original_name"] for row in own}
        on_problem = [n for n in item.get("evidence_files") or [] if n not in names]
        if not item["answer"]:
            text = QCoreApplication.translate("SelfCheckEntry", "作答后可附照片、扫描件和文件。")
        elif own:
            text = QCoreApplication.translate(
                "SelfCheckEntry", "本项已附 {n} 个文件（双击打开）：").format(n=len(own))
        else:
            text = QCoreApplication.translate(
                "SelfCheckEntry", "照片、扫描件和文件附在这一项的作答上。")
        if item["answer"] == "nonconform" and item.get("problem_id"):
            text += " " + QCoreApplication.translate(
                "SelfCheckEntry", "新添加的文件同时附在台账问题上。")
        if on_problem:
            text += " " + QCoreApplication.translate(
                "SelfCheckEntry", "台账问题上另附 {n} 个：{names}").format(
                n=len(on_problem), names="、".join(on_problem))
        self.label.setText(text)
        self.list.clear()
        for row in own:
            entry = QListWidgetItem(row["original_name"])
            entry.setData(FILE_ROLE, row)
            entry.setToolTip(str(row["path"]))
            self.list.addItem(entry)
        self.list.setVisible(bool(own))
        self.attach_button.setEnabled(bool(item.get("answer_id")) and self.entry.can_fill)
        self._enable_remove()

    def _enable_remove(self) -> None:
        current = self.list.currentItem()
        row = current.data(FILE_ROLE) if current is not None else None
        session = self.entry.session
        self.remove_button.setVisible(self.list.count() > 0)
        self.remove_button.setEnabled(
            bool(row) and self.entry.can_fill
            and (row["account_id"] == session.account_id or Role.CHIEF in session.roles))

    def choose_files(self) -> None:
        from PySide6.QtWidgets import QFileDialog
        paths, _f = QFileDialog.getOpenFileNames(
            self.entry, QCoreApplication.translate("SelfCheckEntry", "选择印证资料"), "",
            QCoreApplication.translate(
                "SelfCheckEntry",
                "照片、扫描件和文档 (*.jpg *.jpeg *.png *.heic *.tif *.tiff *.pdf *.doc *.docx"
                " *.xls *.xlsx *.wps *.et *.ofd *.txt);;所有文件 (*)"))
        if paths:
            self.attach_files(paths)

    def attach_files(self, paths: list[str]) -> None:
        """Attach ``paths`` to the answer of the current item (on the worker), and for a 不符合
        also to its ledger problem; the form reloads when they are stored."""
        entry = self.entry
        item = entry.current()
        if item is None or not item.get("answer_id") or not entry.can_fill:
            return
        entry.leave()
        problem_id = item.get("problem_id") if item["answer"] == "nonconform" else None
        if problem_id and not entry.page.allowed("problem.progress"):
            problem_id = None
        for path in paths:
            entry.worker.call(selfcheck_evidence.attach_file, entry.session,
                              int(item["answer_id"]), path,
                              on_error=lambda exc: show_error(entry, exc))
            if problem_id:    # as before: the ledger problem of a 不符合 gets the file too
                entry.worker.call(problem_evidence.attach, entry.session, int(problem_id), path,
                                  on_error=lambda exc: show_error(entry, exc))

    def open_file(self, entry: QListWidgetItem) -> None:
        """Open a file of the answer with the program the system has for it."""
        row = entry.data(FILE_ROLE)
        if row:
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(row["path"])))

    def remove_selected(self) -> None:
        """Remove the selected file of the answer, once confirmed (on the worker)."""
        current = self.list.currentItem()
        row = current.data(FILE_ROLE) if current is not None else None
        entry = self.entry
        if not row or not entry.can_fill:
            return
        from PySide6.QtWidgets import QMessageBox
        answer = QMessageBox.question(
            entry, QCoreApplication.translate("SelfCheckEntry", "删除印证资料"),
            QCoreApplication.translate("SelfCheckEntry", "从这一项的作答中删除“{name}”？").format(
                name=row["original_name"]))
        if answer != QMessageBox.StandardButton.Yes:
            return
        entry.worker.call(selfcheck_evidence.remove_file, entry.session, int(row["id"]),
                          on_error=lambda exc: show_error(entry, exc))
