"""The main window: navigation between the areas, menus, who is logged in, remembered geometry.

On a language change (the controller's ``language_changed``) the window rebuilds its contents,
keeping the current area, so every text follows the new language at once without a restart.
"""
from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QByteArray, QSize, QTimer, Signal
from PySide6.QtGui import QAction, QActionGroup
from PySide6.QtWidgets import (QLabel, QListWidget, QMainWindow, QSplitter, QStackedWidget,
                               QVBoxLayout, QWidget)

from models.permissions import ROLE_LABELS, Role

from .i18n import LANGUAGES, translate
from .style import heading

if TYPE_CHECKING:
    from PySide6.QtGui import QCloseEvent

    from .app import AppController

SHORTCUT_DELAY_MS = 250
AREAS = ("dashboard", "ledger", "selfcheck", "review", "ledgers", "submission", "settings")


class MainWindow(QMainWindow):
    logout_requested = Signal()

    def __init__(self, controller: "AppController") -> None:
        super().__init__()
        self.controller = controller
        self.setObjectName("MainWindow")
        self.setMinimumSize(QSize(900, 600))
        self._current = 0
        self._build_menus()
        self._build()
        controller.large_text_changed.connect(self._follow_large_text)
        controller.language_changed.connect(self._build)
        # Invisible set-up waits until the window and its first area have been painted.
        QTimer.singleShot(SHORTCUT_DELAY_MS, self, self._add_shortcuts)

    # --- construction --------------------------------------------------------------------------

    def _build(self) -> None:
        self.setWindowTitle(self.tr("执法台账"))
        self._retranslate_menus()
        self.nav = QListWidget()
        self.nav.setObjectName("navigation")
        self.nav.setMinimumWidth(150)
        self.nav.setSpacing(6)  # roomy rows; no style sheet, so fonts follow large-text mode
        heading(self.nav, 1.2, bold=False)
        self.stack = QStackedWidget()
        self.stack.setObjectName("areas")
        self._built: dict[int, QWidget] = {}
        for title in self._titles():
            self.nav.addItem(title)
            self.stack.addWidget(QWidget())  # replaced by the real area on first visit
        self.nav.currentRowChanged.connect(self._switch)
        side = QWidget()
        column = QVBoxLayout(side)
        column.setContentsMargins(0, 0, 0, 6)
        column.addWidget(self.nav, 1)
        self.who = QLabel(self._who_text())
        self.who.setObjectName("who")
        self.who.setWordWrap(True)
        self.who.setToolTip(self.tr("数据文件夹：{path}").format(path=self.controller.data_dir.root))
        self.who.setStyleSheet("color: #444; padding: 0 8px;")
        column.addWidget(self.who)
        splitter = QSplitter()
        splitter.addWidget(side)
        splitter.addWidget(self.stack)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([180, 900])
        old = self.centralWidget()
        self.setCentralWidget(splitter)
        if old is not None:
            old.deleteLater()
        self._select_row(self._current)
        # The area itself is built right after the window is up: the frame shows at once.
        QTimer.singleShot(0, self, lambda: self._switch(self._current))

    def _who_text(self) -> str:
        s = self.controller.session
        roles = "、".join(translate("roles", ROLE_LABELS[r]) for r in Role if r in s.roles)
        return self.tr("当前用户：{name}\n角色：{roles}").format(name=s.person_name, roles=roles)

    def _titles(self) -> list[str]:
        return [self.tr("工作台"), self.tr("问题台账"), self.tr("自查自纠"), self.tr("案卷评查"),
                self.tr("其他台账"), self.tr("报送"), self.tr("设置")]

    def _make_area(self, key: str) -> QWidget:
        """Build one area; areas are built on first visit so that start-up stays quick."""
        if key == "dashboard":
            from .pages.dashboard import DashboardPage
            return DashboardPage(self.controller)
        if key == "settings":
            from .pages.settings import SettingsPage
            return SettingsPage(self.controller)
        if key == "ledger":
            from .pages.ledger import LedgerPage
            return LedgerPage(self.controller)
        if key == "selfcheck":
            from .pages.selfcheck_page import SelfCheckPage
            return SelfCheckPage(self.controller)
        if key == "review":
            from .pages.casereview_page import CaseReviewPage
            return CaseReviewPage(self.controller)
        if key == "ledgers":
            from .pages.ledgers_page import LedgersPage
            return LedgersPage(self.controller)
        from .pages.submission_page import SubmissionPage
        return SubmissionPage(self.controller)

    def _build_menus(self) -> None:
        """Menus and their actions, once; texts come from :meth:`_retranslate_menus`."""
        bar = self.menuBar()
        self.file_menu = bar.addMenu("")
        self.switch_action = self.file_menu.addAction("")
        self.switch_action.triggered.connect(self._logout)
        self.password_action = self.file_menu.addAction("")
        self.password_action.triggered.connect(self._change_password)
        self.file_menu.addSeparator()
        self.quit_action = self.file_menu.addAction("")
        self.quit_action.triggered.connect(self.close)

        self.view_menu = bar.addMenu("")
        group = QActionGroup(self)
        for code, name in LANGUAGES.items():
            act = self.view_menu.addAction(name)
            act.setCheckable(True)
            act.setChecked(code == self.controller.translations.language)
            act.triggered.connect(lambda _c=False, code=code: self.controller.set_language(code))
            group.addAction(act)
        self.view_menu.addSeparator()
        self.large_action = self.view_menu.addAction("")
        self.large_action.setObjectName("large_text_action")
        self.large_action.setCheckable(True)
        self.large_action.setChecked(self.controller.large_text)
        self.large_action.toggled.connect(self.controller.set_large_text)

        self.help_menu = bar.addMenu("")
        self.about_action = self.help_menu.addAction("")
        self.about_action.triggered.connect(self._about)

    def _retranslate_menus(self) -> None:
        self.file_menu.setTitle(self.tr("文件(&F)"))
        self.switch_action.setText(self.tr("切换用户…"))
        self.password_action.setText(self.tr("修改密码…"))
        self.quit_action.setText(self.tr("退出"))
        self.view_menu.setTitle(self.tr("视图(&V)"))
        self.large_action.setText(self.tr("长者模式（大字）"))
        self.help_menu.setTitle(self.tr("帮助(&H)"))
        self.about_action.setText(self.tr("关于执法台账"))

    def _add_shortcuts(self) -> None:
        """Keyboard shortcuts, set once, shortly after the window is up.

        The first shortcut loads PySide's ``Qt`` namespace (about 25 ms): done after the first
        paint it costs nothing anyone sees.
        """
        from PySide6.QtGui import QKeySequence
        self.quit_action.setShortcut(QKeySequence.StandardKey.Quit)
        self.large_action.setShortcut(QKeySequence("Ctrl+Shift+L"))
        for i in range(len(AREAS)):
            act = QAction(self)
            act.setShortcut(QKeySequence(f"Ctrl+{i + 1}"))
            act.triggered.connect(lambda _c=False, i=i: self.nav.setCurrentRow(i))
            self.addAction(act)

    # --- behaviour -----------------------------------------------------------------------------

    def _switch(self, row: int) -> None:
        if row < 0 or not hasattr(self, "stack"):
            return
        self._current = row
        if row not in self._built:
            placeholder = self.stack.widget(row)
            page = self._make_area(AREAS[row])
            self.stack.insertWidget(row, page)
            self.stack.removeWidget(placeholder)
            placeholder.deleteLater()
            self._built[row] = page
        self.stack.setCurrentIndex(row)

    def area(self, key: str) -> QWidget:
        """The widget of area ``key``, built now if it was not visited yet."""
        row = AREAS.index(key)
        if row not in self._built:
            current = self._current
            self._switch(row)
            self._switch(current)
        return self._built[row]

    def show_area(self, key: str) -> None:
        self.nav.setCurrentRow(AREAS.index(key))

    def _follow_large_text(self, enabled: bool) -> None:
        self.large_action.blockSignals(True)
        self.large_action.setChecked(enabled)
        self.large_action.blockSignals(False)

    def _logout(self) -> None:
        self.logout_requested.emit()

    def _change_password(self) -> None:
        from .login import ChangePasswordDialog
        dialog = ChangePasswordDialog(self.controller.worker, self.controller.session, self)
        if dialog.exec():
            from PySide6.QtWidgets import QMessageBox
            QMessageBox.information(self, self.tr("修改密码"), self.tr("密码已修改，下次登录请使用新密码。"))

    def _about(self) -> None:
        """帮助 → 关于执法台账: versions, data folder, key fingerprints, 导出诊断信息…"""
        from .about_dialog import AboutDialog
        AboutDialog(self.controller, self).open()

    # --- geometry ------------------------------------------------------------------------------

    def restore_state(self) -> None:
        settings = self.controller.settings
        geometry = settings.value("main/geometry")
        if isinstance(geometry, QByteArray) and not geometry.isEmpty():
            self.restoreGeometry(geometry)
        else:
            self.resize(1200, 780)
        area = settings.value("main/area")
        if area in AREAS:
            self._current = AREAS.index(str(area))
            self._select_row(self._current)

    def _select_row(self, row: int) -> None:
        """Mark ``row`` in the navigation without building its area yet."""
        self.nav.blockSignals(True)
        self.nav.setCurrentRow(row)
        self.nav.blockSignals(False)

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 - Qt override
        settings = self.controller.settings
        settings.setValue("main/geometry", self.saveGeometry())
        settings.setValue("main/area", AREAS[self._current])
        super().closeEvent(event)
