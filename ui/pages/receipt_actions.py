"""回执 (signed receipts) in the two 报送 tabs, kept out of the panels themselves.

Station tab (:class:`~ui.pages.station_panel.StationPanel`): :func:`register_office` picks the
office's seal-key enrollment file, shows its fingerprint to compare and stores the office
(``receipts.set_office``); :func:`import_receipt` picks a receipt file and has
``receipts.import_receipt`` check it and mark the listed packages 已送达 (the outbox refreshes
through the worker's ``changed`` signal).

Office tab (:class:`~ui.pages.office_panel.OfficePanel`): :func:`write_receipt` asks for a
folder (the stick) and the signing passphrase (:class:`PassphraseDialog`) and writes the receipt
of the selected unit's packages not yet receipted (``receipts.write_receipt``).
"""
from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtWidgets import QFileDialog, QMessageBox

from models import receipts
from models.session import Session
from models.store import Changes

from ..errors import show_error
from ..i18n import translate
from .passphrase_dialog import PassphraseDialog

LAST_FOLDER_KEY = "receipts/last_folder"


def _folder(page: Any) -> str:
    return str(page.controller.settings.value(LAST_FOLDER_KEY, "") or "")


def _remember(page: Any, folder: str | Path) -> None:
    page.controller.settings.setValue(LAST_FOLDER_KEY, str(folder))


# --- station ---------------------------------------------------------------------------------

def register_office(page: Any) -> None:
    """Choose the office's enrollment file, confirm its fingerprint, register the office."""
    from .office_panel import _read_enrollment
    path, _ = QFileDialog.getOpenFileName(
        page, translate("receipt_actions", "选择上级单位的签章密钥登记文件"), _folder(page),
        translate("receipt_actions", "密钥登记文件 (*.json);;所有文件 (*)"))
    if not path:
        return
    _remember(page, Path(path).parent)
    page.worker.call(_read_enrollment, path,
                     on_done=lambda read: _confirm_office(page, read),
                     on_error=lambda exc: show_error(page, exc))


def _confirm_office(page: Any, read: tuple[str, dict[str, Any]]) -> None:
    text, document = read
    unit, key = document["unit"], document["key"]
    answer = QMessageBox.question(
        page, translate("receipt_actions", "登记上级单位"),
        translate("receipt_actions", "上级单位：{name}（{code}）\n单位签章密钥指纹：\n\n{fingerprint}\n\n"
            "请与上级单位当面或电话核对指纹，完全一致才能登记。登记后，只接受由这个密钥签名的回执。"
            "\n\n指纹一致，登记为上级单位？").format(
            name=unit["name"], code=unit["code"] or "—", fingerprint=key["fingerprint"]),
        QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel,
        QMessageBox.StandardButton.Cancel)
    if answer != QMessageBox.StandardButton.Yes:
        return

    def done(result: receipts.OfficeRegistration) -> None:
        text = translate("receipt_actions",
                         "已登记上级单位“{name}”（{code}）。\n单位签章密钥指纹：{fingerprint}").format(
            name=result.name, code=result.code, fingerprint=result.fingerprint)
        if result.recipients:
            text += "\n\n" + translate(
                "receipt_actions", "同时登记了上级单位的 {n} 个接收公钥：今后的报送包将加密给上级单位。"
            ).format(n=len(result.recipients))
        QMessageBox.information(page, translate("receipt_actions", "登记上级单位"), text)

    page.worker.call(receipts.set_office, page.session, text, on_done=done,
                     on_error=lambda exc: show_error(
                         page, exc, translate("receipt_actions", "没有登记上级单位")))


def import_receipt(page: Any) -> None:
    """Choose a receipt file; check it and mark the packages it lists delivered."""
    path, _ = QFileDialog.getOpenFileName(
        page, translate("receipt_actions", "选择上级单位出具的回执"), _folder(page),
        translate("receipt_actions", "回执文件 (*.json);;所有文件 (*)"))
    if not path:
        return
    _remember(page, Path(path).parent)

    def done(changes: Changes) -> None:
        page.last_result = changes
        text = translate("receipt_actions", "回执核验通过，所列报送包已标记为“已送达”。下一个报送包将从最新送达的报送包之后接着报。") \
            if changes else translate("receipt_actions", "回执核验通过。所列报送包此前已标记为“已送达”，没有变化。")
        QMessageBox.information(page, translate("receipt_actions", "导入回执"), text)

    page.worker.call(receipts.import_receipt, page.session, Path(path), on_done=done,
                     on_error=lambda exc: show_error(
                         page, exc, translate("receipt_actions", "回执没有导入")))


# --- office ----------------------------------------------------------------------------------

def write_receipt(page: Any, unit: dict[str, Any]) -> PassphraseDialog | None:
    """Choose the folder, ask for the passphrase and write the receipt of ``unit``'s packages
    not yet receipted. Returns the passphrase dialog (None when no folder was chosen)."""
    folder = QFileDialog.getExistingDirectory(page, translate("receipt_actions", "选择写入回执的文件夹（U 盘）"),
                                              _folder(page))
    if not folder:
        return None
    _remember(page, folder)
    code = unit["code"]

    def action(session: Session, passphrase: str) -> Path:
        return receipts.write_receipt(session, code, passphrase, Path(folder))

    dialog = PassphraseDialog(
        page, title=translate("receipt_actions", "出具回执"),
        intro=translate("receipt_actions", "为“{name}”（{code}）已导入、尚未出具回执的报送包出具回执，用本单位签章密钥签名，"
                  "写入：{folder}\n请输入您的签名口令（登录密码）。").format(
            name=unit["name"], code=code, folder=folder),
        button_text=translate("receipt_actions", "签名并写出"), action=action)

    def accepted() -> None:
        path, dialog.result_value = dialog.result_value, None
        page.last_result = path
        QMessageBox.information(page, translate("receipt_actions", "出具回执"), translate(
            "receipt_actions",
            "回执已写出：\n{path}\n\n请把它交给报送单位导入。").format(path=str(path)))

    dialog.accepted.connect(accepted)
    page.dialog = dialog
    dialog.open()
    return dialog
