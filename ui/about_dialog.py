"""帮助 → 关于执法台账: versions, where the data is, sizes, the last backup, the unit, the key
fingerprints, 复制到剪贴板 (for a phone call with support) and 导出诊断信息… (a zip without
personal data, ``models.diagnostics``).

Everything is read on the database worker (``diagnostics.about_info``); the export runs there
too, behind a progress dialog with cancel (``run_task``). Anyone logged in may open it and export.
"""
from __future__ import annotations

import platform
from datetime import datetime
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt, QTimer, QUrl, qVersion
from PySide6.QtGui import QDesktopServices, QFont, QGuiApplication
from PySide6.QtWidgets import (QApplication, QDialog, QDialogButtonBox, QFormLayout,
                               QHBoxLayout, QLabel, QPushButton, QTableWidgetItem, QVBoxLayout,
                               QWidget)

from models import diagnostics, diagnostics_export
from models.errors import Cancelled
from models.logs import log
from models.version import PRODUCT_NAME, __version__

from .errors import show_error
from .i18n import translate
from .style import heading
from .widgets import read_only_table
from .worker import run_task

#: The folder last chosen for a backup to a USB drive (the key of ui.pages.settings), searched
#: for the newest backup too.
BACKUP_FOLDER_KEY = "backup/last_folder"
#: The folder the diagnostics file was last saved to.
LAST_FOLDER_KEY = "diagnostics/last_folder"
CONTEXT = "diagnostics"
FINGERPRINT_FAMILIES = ["Consolas", "DejaVu Sans Mono", "Noto Sans Mono", "Liberation Mono",
                        "monospace"]


def fingerprint_font(scale: float = 1.3) -> QFont:
    """A monospace font somewhat larger than the application's, for fingerprints read aloud."""
    font = QFont(QApplication.instance().font())
    font.setFamilies(FINGERPRINT_FAMILIES)
    font.setStyleHint(QFont.StyleHint.Monospace)
    font.setPointSizeF(font.pointSizeF() * scale)
    return font


def default_file_name(now: datetime | None = None) -> str:
    """``fieldledger-diagnostics-YYYYMMDD-HHMM.zip``."""
    return f"fieldledger-diagnostics-{(now or datetime.now()):%Y%m%d-%H%M}.zip"


class AboutDialog(QDialog):
    """The About dialog; :meth:`load` fills it from the worker (called on construction). It is
    deleted when closed."""

    def __init__(self, controller: Any, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.controller = controller
        self.worker = controller.worker
        self.info: diagnostics.AboutInfo | None = None
        self.setObjectName("about_dialog")
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)   # opened with open(), once
        self.setWindowTitle(self.tr("关于执法台账"))
        self.resize(720, 620)
        layout = QVBoxLayout(self)

        title = heading(QLabel(PRODUCT_NAME), 1.6)
        title.setObjectName("product")
        layout.addWidget(title)
        self.version = heading(QLabel(self.tr("版本 {version}").format(version=__version__)),
                               1.15, bold=False)
        self.version.setObjectName("version")
        layout.addWidget(self.version)
        blurb = QLabel(self.tr(
            "离线的交通运输执法监督工具：自查自纠、案卷评查、问题整改台账（挂单销号）和签名报送。"
            "全部数据保存在本机，可经 U 盘报送上级。"))
        blurb.setWordWrap(True)
        layout.addWidget(blurb)

        form = QFormLayout()
        self.values: dict[str, QLabel] = {}
        loading = self.tr("正在读取…")
        for key, label in (("schema", self.tr("数据版本")),
                           ("qt", self.tr("Qt / PySide6")),
                           ("python", self.tr("Python")),
                           ("folder", self.tr("数据文件夹")),
                           ("database", self.tr("数据库")),
                           ("evidence", self.tr("印证资料")),
                           ("backup", self.tr("最近一次备份")),
                           ("unit", self.tr("本单位"))):
            value = _selectable(QLabel(loading))
            value.setObjectName(f"about_{key}")
            value.setWordWrap(True)
            self.values[key] = value
            if key == "folder":
                row = QHBoxLayout()
                row.addWidget(value, 1)
                self.open_folder = QPushButton(self.tr("打开数据文件夹"))
                self.open_folder.setObjectName("open_data_folder")
                self.open_folder.clicked.connect(self._open_folder)
                row.addWidget(self.open_folder)
                form.addRow(label, row)
            else:
                form.addRow(label, value)
        self.values["qt"].setText(f"Qt {qVersion()} / PySide6 {_pyside_version()}")
        self.values["python"].setText(platform.python_version())
        self.values["folder"].setText(str(controller.data_dir.root))
        layout.addLayout(form)

        keys_title = QLabel(self.tr("密钥指纹（与上级或技术支持核对时逐组念出）"))
        layout.addWidget(keys_title)
        self.keys = read_only_table([self.tr("持有人"), self.tr("用途"), self.tr("指纹"),
                                     self.tr("状态")], "key_fingerprints")
        header = self.keys.horizontalHeader()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(0, header.ResizeMode.Stretch)
        layout.addWidget(self.keys, 1)

        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.copy_button = buttons.addButton(self.tr("复制到剪贴板"),
                                             QDialogButtonBox.ButtonRole.ActionRole)
        self.copy_button.setObjectName("copy_about")
        self.copy_button.clicked.connect(self.copy)
        self.export_button = buttons.addButton(self.tr("导出诊断信息…"),
                                               QDialogButtonBox.ButtonRole.ActionRole)
        self.export_button.setObjectName("export_diagnostics")
        self.export_button.clicked.connect(self.export)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.copy_button.setEnabled(False)
        self.load()

    # --- reading ---------------------------------------------------------------------------------

    def extra(self) -> dict[str, str]:
        """What the GUI knows and the core does not: Qt, PySide6, the platform plugin, the
        screen's scale, the language and the large-text mode."""
        screen = QGuiApplication.primaryScreen()
        return {"Qt": qVersion(), "PySide6": _pyside_version(),
                self.tr("图形平台"): QGuiApplication.platformName(),
                self.tr("屏幕缩放"): f"{screen.devicePixelRatio():g}" if screen else "-",
                self.tr("界面语言"): str(getattr(self.controller.translations, "language", "")),
                self.tr("长者模式"): self.tr("开") if self.controller.large_text else self.tr("关")}

    def backup_folders(self) -> list[Path]:
        chosen = str(self.controller.settings.value(BACKUP_FOLDER_KEY, "") or "")
        return [Path(chosen)] if chosen else []

    def load(self) -> None:
        self.worker.call(diagnostics.about_info, self.controller.store, self.controller.data_dir,
                         self.backup_folders(), extra=self.extra(), on_done=self._show,
                         on_error=lambda exc: show_error(self, exc, self.tr("无法读取关于信息")))

    def _show(self, info: diagnostics.AboutInfo) -> None:
        self.info = info
        size = diagnostics.format_size
        self.values["schema"].setText(self.tr("{found}（本程序支持到 {latest}）").format(
            found=info.schema_version, latest=info.schema_latest))
        self.values["database"].setText(self.tr("{size}（WAL {wal}）").format(
            size=size(info.database_size), wal=size(info.wal_size)))
        self.values["evidence"].setText(self.tr("{count} 个文件，{size}").format(
            count=info.evidence_files, size=size(info.evidence_size)))
        if info.last_backup is None or info.last_backup_time is None:
            self.values["backup"].setText(self.tr("还没有备份"))
        else:
            self.values["backup"].setText(self.tr("{time}　{path}").format(
                time=f"{info.last_backup_time:%Y-%m-%d %H:%M}", path=str(info.last_backup)))
        self.values["unit"].setText(self.tr("{name}（代码 {code}）").format(
            name=info.unit_name or "-", code=info.unit_code or "-"))
        self._fill_keys(info.keys)
        self.copy_button.setEnabled(True)

    def _fill_keys(self, keys: list[diagnostics.KeyInfo]) -> None:
        table = self.keys
        table.setRowCount(0)
        mono = fingerprint_font()
        for key in keys:
            row = table.rowCount()
            table.insertRow(row)
            texts = [key.holders or "—",
                     translate(CONTEXT, diagnostics.KIND_LABELS.get(key.kind, key.kind)),
                     key.fingerprint,
                     translate(CONTEXT, diagnostics.STATUS_LABELS.get(key.status, key.status))]
            for col, text in enumerate(texts):
                item = QTableWidgetItem(text)
                if col == 2:
                    item.setFont(mono)
                table.setItem(row, col, item)
        if not keys:
            table.insertRow(0)
            table.setItem(0, 0, QTableWidgetItem(self.tr("（尚无密钥）")))
        table.resizeRowsToContents()

    # --- actions ---------------------------------------------------------------------------------

    def about_text(self) -> str:
        """The text 复制到剪贴板 copies: the About information without any person's name (the
        home folder in paths is ``~``, as in the diagnostics)."""
        if self.info is None:
            return ""
        from models.scrub import path_scrubber
        text = diagnostics.about_text(self.info, names=False,
                                      tr=lambda text: translate(CONTEXT, text))
        return path_scrubber().scrub(text)

    def copy(self) -> None:
        QApplication.clipboard().setText(self.about_text())
        self.copy_button.setText(self.tr("已复制"))
        QTimer.singleShot(1500, self, lambda: self.copy_button.setText(self.tr("复制到剪贴板")))

    def _open_folder(self) -> None:
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(self.controller.data_dir.root)))

    def export(self) -> None:
        """Ask where to save, then write the diagnostics zip on the worker with progress."""
        from PySide6.QtWidgets import QFileDialog
        settings = self.controller.settings
        folder = str(settings.value(LAST_FOLDER_KEY, "") or "") or str(Path.home())
        path, _filter = QFileDialog.getSaveFileName(
            self, self.tr("导出诊断信息"), str(Path(folder) / default_file_name()),
            self.tr("诊断信息 (*.zip)"))
        if not path:
            return
        if not path.lower().endswith(".zip"):
            path += ".zip"
        settings.setValue(LAST_FOLDER_KEY, str(Path(path).parent))
        store, data_dir = self.controller.store, self.controller.data_dir
        extra, folders, target = self.extra(), self.backup_folders(), Path(path)
        run_task(self.worker, self, self.tr("导出诊断信息"),
                 self.tr("正在检查数据库并整理日志（去除个人信息）…"),
                 lambda progress, cancelled: diagnostics_export.export_diagnostics(
                     store, data_dir, target, extra=extra, backup_folders=folders,
                     progress=progress, cancelled=cancelled),
                 on_done=self._exported, on_error=self._export_failed)

    def _exported(self, report: diagnostics_export.DiagnosticsReport) -> None:
        from PySide6.QtWidgets import QMessageBox
        log.info("diagnostics exported (%d files)", len(report.files))
        QMessageBox.information(self, self.tr("诊断信息已导出"), self.tr(
            "诊断信息已保存到：\n{path}\n（{size}）\n\n其中不含个人信息：人员姓名、账号、执法证号、"
            "电话、身份证号和车牌已替换（共 {count} 处），也不含台账数据、印证资料和密钥。"
            "可以把这个文件交给技术支持。").format(
            path=str(report.path), size=diagnostics.format_size(report.size),
            count=report.redactions))

    def _export_failed(self, exc: BaseException) -> None:
        if isinstance(exc, Cancelled):
            return
        show_error(self, exc, self.tr("导出诊断信息失败"))


def _pyside_version() -> str:
    import PySide6
    return str(PySide6.__version__)


def _selectable(label: QLabel) -> QLabel:
    label.setTextInteractionFlags(label.textInteractionFlags()
                                  | label.textInteractionFlags().TextSelectableByMouse)
    return label
