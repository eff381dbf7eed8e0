"""设置: unit, people, accounts, campaigns, templates, signing keys, appearance (language, large
text), audit, data."""
from __future__ import annotations

from typing import Any

from PySide6.QtCore import QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (QCheckBox, QComboBox, QFormLayout, QLabel, QPushButton,
                               QTabWidget, QVBoxLayout, QWidget)

from models.migrations import LATEST_VERSION

from ..i18n import LANGUAGES
from .accounts_panel import AccountsPanel
from .audit_panel import AuditPanel
from .base import Page
from .campaigns_panel import CampaignsPanel
from .keys_panel import KeysPanel
from .people_panel import PeoplePanel
from .templates_panel import TemplatesPanel
from .unit_panel import UnitPanel


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
    """Where the data lives, the log file, the data version."""

    def __init__(self, controller: Any, parent: QWidget | None = None) -> None:
        super().__init__(controller, parent)
        form = QFormLayout(self)
        d = controller.data_dir
        for label, value in ((self.tr("数据文件夹"), str(d.root)),
                             (self.tr("数据库文件"), str(d.database)),
                             (self.tr("日志文件"), str(d.log_file)),
                             (self.tr("数据版本"), str(LATEST_VERSION))):
            text = QLabel(value)
            text.setTextInteractionFlags(text.textInteractionFlags()
                                         | text.textInteractionFlags().TextSelectableByMouse)
            form.addRow(label, text)
        button = QPushButton(self.tr("打开数据文件夹"))
        button.clicked.connect(lambda: QDesktopServices.openUrl(QUrl.fromLocalFile(str(d.root))))
        form.addRow(button)


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
