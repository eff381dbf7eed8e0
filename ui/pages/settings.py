"""设置: unit, people, accounts, campaigns, templates, signing keys, appearance (language, large
text), audit, data (where it lives, the latest backup, a backup to a USB drive or folder)."""
from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import Any, Callable, NamedTuple

from PySide6.QtCore import QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (QCheckBox, QComboBox, QFormLayout, QLabel, QPushButton,
                               QTabWidget, QVBoxLayout, QWidget)

from models.backup import (BackupInfo, EvidenceCopy, backup_database, backup_evidence,
                           backup_folder, backup_name, check_backup, latest_backup, sidecar_of)
from models.errors import Cancelled
from models.files import remove_quietly
from models.logs import log
from models.migrations import LATEST_VERSION
from models.paths import EVIDENCE_DIR
from models.restore import BackupSummary, RestoreOutcome, describe_backup
from models.store import Store

from ..errors import describe, show_error
from ..i18n import LANGUAGES, translate
from ..worker import run_task
from .accounts_panel import AccountsPanel
from .audit_panel import AuditPanel
from .base import Page
from .campaigns_panel import CampaignsPanel
from .keys_panel import KeysPanel
from .people_panel import PeoplePanel
from .templates_panel import TemplatesPanel
from .unit_panel import UnitPanel

#: The folder last chosen for a backup (remembered in the settings).
LAST_FOLDER_KEY = "backup/last_folder"


class AppearancePanel(Page):
    """Language and large-text mode, applied at once and remembered."""

    def __init__(self, controller: Any, parent: QWidget | None = None) -> None:
        super().__init__(controller, parent)
        form = QFormLayout(self)
        self.language = QComboBox()
        self.language.setObjectName("language")
        for code, name in LANGUAGES.items():
            self.language.addItem(name, code)
        self.language.setCurrentIndex(self.language.findData(controller.translations.language))
        self.language.currentIndexChanged.connect(
            lambda _i: controller.set_language(self.language.currentData()))
        self.large = QCheckBox(self.tr("长者模式（放大全部文字）"))
        self.large.setObjectName("large_text")
        self.large.setChecked(controller.large_text)
        self.large.toggled.connect(controller.set_large_text)
        controller.large_text_changed.connect(self._follow_large_text)
        form.addRow(self.tr("界面语言"), self.language)
        form.addRow(self.large)

    def _follow_large_text(self, enabled: bool) -> None:
        self.large.blockSignals(True)
        self.large.setChecked(enabled)
        self.large.blockSignals(False)


class DataPanel(Page):
    """Where the data lives, the log file, the data version, the latest backup, and a backup to a
    folder of the user's choice (a USB drive)."""

    def __init__(self, controller: Any, parent: QWidget | None = None) -> None:
        super().__init__(controller, parent)
        form = QFormLayout(self)
        d = controller.data_dir
        for label, value in ((self.tr("数据文件夹"), str(d.root)),
                             (self.tr("数据库文件"), str(d.database)),
                             (self.tr("日志文件"), str(d.log_file)),
                             (self.tr("数据版本"), str(LATEST_VERSION))):
            form.addRow(label, _selectable(QLabel(value)))
        button = QPushButton(self.tr("打开数据文件夹"))
        button.clicked.connect(lambda: QDesktopServices.openUrl(QUrl.fromLocalFile(str(d.root))))
        form.addRow(button)
        self.last_backup = _selectable(QLabel(self.tr("正在查找…")))
        self.last_backup.setObjectName("last_backup")
        self.last_backup.setWordWrap(True)
        form.addRow(self.tr("最近一次备份"), self.last_backup)
        self.backup_button = QPushButton(self.tr("立即备份到U盘或文件夹…"))
        self.backup_button.setObjectName("backup_now")
        self.backup_button.clicked.connect(self.backup_now)
        form.addRow(self.backup_button)
        self.restore_button = QPushButton(self.tr("从备份恢复…"))
        self.restore_button.setObjectName("restore_backup")
        self.restore_button.clicked.connect(self.restore)
        from models.permissions import PERMISSIONS
        if not controller.session.roles & PERMISSIONS["backup.restore"].roles:
            self.restore_button.setEnabled(False)
            self.restore_button.setToolTip(self.tr("只有负责人或管理员可以从备份恢复。"))
        form.addRow(self.restore_button)
        self.refresh()

    def refresh(self) -> None:
        folders = [backup_folder(self.controller.data_dir)]
        chosen = str(self.controller.settings.value(LAST_FOLDER_KEY, "") or "")
        if chosen:
            folders.append(Path(chosen))
        self.worker.call(latest_backup, folders, on_done=self._show_latest,
                         on_error=lambda exc: log.warning("backups not listed: %r", exc))

    def _show_latest(self, latest: tuple[Path, datetime] | None) -> None:
        if latest is None:
            self.last_backup.setText(self.tr("还没有备份"))
        else:
            path, when = latest
            self.last_backup.setText(self.tr("{time}　{path}").format(
                time=f"{when:%Y-%m-%d %H:%M}", path=str(path)))

    def backup_now(self) -> None:
        """Ask for a folder, back up the database and the evidence files there (on the worker,
        behind a progress dialog), and say where the checked backup is."""
        from PySide6.QtWidgets import QFileDialog
        start = str(self.controller.settings.value(LAST_FOLDER_KEY, "") or "") or str(Path.home())
        folder = QFileDialog.getExistingDirectory(self, self.tr("选择备份位置（U盘或文件夹）"), start)
        if not folder:
            return
        self.controller.settings.setValue(LAST_FOLDER_KEY, folder)
        store = self.store
        run_task(self.worker, self, self.tr("备份"), self.tr("正在备份数据库和印证资料…"),
                 lambda progress, cancelled: backup_to_folder(store, Path(folder), progress,
                                                              cancelled),
                 on_done=self._backed_up, on_error=self._backup_failed)

    def _backed_up(self, result: ManualBackup) -> None:
        from PySide6.QtWidgets import QMessageBox
        text = self.tr("数据库已备份到：\n{path}\n\n印证资料已复制到：\n{evidence}\n"
                       "（新复制 {copied} 个文件，原有 {present} 个）\n\n"
                       "备份已校验：数据库完整性检查和审计链校验均通过。").format(
            path=str(result.info.path), evidence=str(result.evidence_dir),
            copied=result.evidence.copied, present=result.evidence.present)
        if result.evidence.skipped:
            text += "\n\n" + self.tr(
                "有 {count} 个印证资料文件无法读取或内容与记录不符，没有复制，详见日志文件。").format(
                count=len(result.evidence.skipped))
        QMessageBox.information(self, self.tr("备份完成"), text)
        self.refresh()

    def _backup_failed(self, exc: BaseException) -> None:
        if isinstance(exc, Cancelled):
            return
        show_error(self, exc, self.tr("备份失败"))


    def restore(self) -> None:
        """Ask for a backup file, check it on the worker, show what it holds and, once the user
        confirms, hand over to the controller (which closes this window, restores and asks for
        a login again)."""
        from PySide6.QtWidgets import QFileDialog
        start = str(self.controller.settings.value(LAST_FOLDER_KEY, "") or "") \
            or str(backup_folder(self.controller.data_dir))
        path, _filter = QFileDialog.getOpenFileName(
            self, self.tr("选择要恢复的备份"), start,
            self.tr("执法台账备份 (*.sqlite);;所有文件 (*)"))
        if not path:
            return
        store = self.store
        run_task(self.worker, self, self.tr("检查备份"),
                 self.tr("正在检查备份（完整性检查和审计链校验）…"),
                 lambda _progress, _cancelled: describe_backup(Path(path),
                                                               store.installation_id),
                 on_done=self._confirm_restore,
                 on_error=lambda exc: show_error(self, exc, self.tr("备份不能用来恢复")))

    def _confirm_restore(self, summary: BackupSummary) -> None:
        from PySide6.QtWidgets import QMessageBox
        info = summary.info
        text = self.tr("备份已通过检查（数据库完整性检查和审计链校验）：\n{path}\n\n"
                       "单位：{unit}\n备份时间：{created}\n最后一次修改：{last}\n"
                       "问题台账：{problems} 条　审计记录：{seq} 条").format(
            path=str(info.path), unit=summary.unit_name or self.tr("（未设置）"),
            created=_local_time(info.created), last=_local_time(summary.last_change),
            problems=summary.problems, seq=info.audit_seq)
        if summary.same_installation is False:
            text += "\n\n" + self.tr("注意：这个备份来自另一个台账安装（另一台电脑或另一个单位）。"
                                     "恢复后本机将使用那份台账的单位、人员和账号。")
        text += "\n\n" + self.tr(
            "恢复后，当前的数据库将完整地移到数据文件夹的 replaced 文件夹中保存，不会删除；"
            "备份时间之后的修改不在恢复后的台账中。恢复完成后需要重新登录。\n\n确定要恢复吗？")
        box = QMessageBox(QMessageBox.Icon.Warning, self.tr("从备份恢复"), text, parent=self)
        go = box.addButton(self.tr("恢复"), QMessageBox.ButtonRole.DestructiveRole)
        box.addButton(self.tr("取消"), QMessageBox.ButtonRole.RejectRole)
        box.setDefaultButton(box.buttons()[-1])
        box.exec()
        if box.clickedButton() is not go:
            return
        self.controller.restore_from_backup(info.path, on_finished=restore_finished)


def restore_finished(outcome: RestoreOutcome | None, error: BaseException | None) -> None:
    """After a restore from 设置 (the main window is gone by then): say what happened."""
    from PySide6.QtWidgets import QMessageBox
    if error is not None:
        show_error(None, error, translate("DataPanel", "恢复失败"))
        return
    assert outcome is not None
    text = translate("DataPanel", "已从备份恢复：\n{path}").format(path=str(outcome.backup))
    if outcome.replaced is not None:
        text += "\n\n" + translate("DataPanel", "原来的数据库已保存到：\n{path}").format(
            path=str(outcome.replaced))
    if outcome.evidence is not None:
        text += "\n\n" + translate(
            "DataPanel", "印证资料：从备份补回 {copied} 个文件，原有 {present} 个。").format(
            copied=outcome.evidence.copied, present=outcome.evidence.present)
    if outcome.evidence_error is not None:
        text += "\n\n" + translate(
            "DataPanel", "注意：印证资料没有全部从备份补回：\n{reason}").format(
            reason=describe(outcome.evidence_error))
    text += "\n\n" + translate("DataPanel", "请重新登录。")
    QMessageBox.information(None, translate("DataPanel", "恢复完成"), text)


def _local_time(iso: str) -> str:
    """An ISO time (UTC or with offset) as local ``YYYY-MM-DD HH:MM``; the text itself if not one."""
    try:
        when = datetime.fromisoformat(iso)
    except ValueError:
        return iso or "—"
    if when.tzinfo is not None:
        when = when.astimezone()
    return f"{when:%Y-%m-%d %H:%M}"


class ManualBackup(NamedTuple):
    """What :func:`backup_to_folder` wrote: the checked database backup and the evidence copy."""

    info: BackupInfo
    evidence_dir: Path
    evidence: EvidenceCopy


def backup_to_folder(store: Store, folder: Path, progress: Callable[[int, int], None],
                     cancelled: Callable[[], bool]) -> ManualBackup:
    """On the worker: back up the database to ``folder/fieldledger-<time>.sqlite``, check it
    (integrity, audit chain, recorded hash), and copy the evidence files missing in
    ``folder/evidence/``. Cancelling before the evidence copy removes the database copy and
    raises Cancelled."""
    target = folder / backup_name(datetime.now())
    n = 1
    while target.exists():
        target = folder / target.name.replace(".sqlite", f"-{n}.sqlite")
        n += 1

    def step(done: int, total: int) -> None:
        if cancelled():
            raise Cancelled()
        progress(done, total)

    backup_database(store, target, progress=step)
    if cancelled():
        remove_quietly(target)
        remove_quietly(sidecar_of(target))
        raise Cancelled()
    info = check_backup(target)
    evidence_dir = folder / EVIDENCE_DIR
    copied = backup_evidence(store, evidence_dir)
    log.info("manual backup to %s: evidence copied %d, present %d, skipped %d",
             target, copied.copied, copied.present, len(copied.skipped))
    return ManualBackup(info, evidence_dir, copied)


def _selectable(label: QLabel) -> QLabel:
    label.setTextInteractionFlags(label.textInteractionFlags()
                                  | label.textInteractionFlags().TextSelectableByMouse)
    return label


class SettingsPage(QWidget):
    def __init__(self, controller: Any, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 12, 16, 12)
        self.tabs = QTabWidget()
        self.tabs.setObjectName("settings_tabs")
        self.tabs.addTab(UnitPanel(controller), self.tr("本单位"))
        self.tabs.addTab(PeoplePanel(controller), self.tr("人员"))
        self.tabs.addTab(AccountsPanel(controller), self.tr("账号"))
        self.tabs.addTab(CampaignsPanel(controller), self.tr("专项行动"))
        self.tabs.addTab(TemplatesPanel(controller), self.tr("检查模板"))
        self.tabs.addTab(KeysPanel(controller), self.tr("签名密钥"))
        self.tabs.addTab(AppearancePanel(controller), self.tr("界面"))
        session = controller.session
        from models.permissions import PERMISSIONS
        if session.roles & PERMISSIONS["audit.read"].roles:
            self.tabs.addTab(AuditPanel(controller), self.tr("审计记录"))
        self.tabs.addTab(DataPanel(controller), self.tr("数据与日志"))
        layout.addWidget(self.tabs)
