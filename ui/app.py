"""GUI start-up: application object, language, fonts, then open -> first run -> login -> main window.

:class:`AppController` walks that sequence. It never touches the database itself: the store is
opened, queried and written on the :class:`~ui.worker.DbWorker` thread.
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any, Callable

from PySide6.QtCore import QLockFile, QObject, QSettings, QTimer, Signal
from PySide6.QtWidgets import QApplication, QWidget

from models import drives
from models import session as core_session
from models.drives import DataFolderRemovable, check_data_folder
from models.logs import log, setup_logging
from models.paths import DataDir
from models.store import Store, open_store

from .errors import describe, install_excepthook, set_log_file_hint
from .i18n import DEFAULT_LANGUAGE, Translations
from .style import apply_large_text, use_chinese_ui_font
from .worker import DbWorker

if TYPE_CHECKING:
    from models.restore import RestoreOutcome

ORGANIZATION = "FieldLedger"
APPLICATION = "FieldLedger"
#: The first daily-backup check waits this long after the main window is shown, so start-up and
#: the first page loads never wait for it; later checks follow every :data:`DAILY_CHECK_MS`.
FIRST_DAILY_CHECK_MS = 60_000
DAILY_CHECK_MS = 3_600_000
#: The data folder answers later starts (brings its window forward) this long after start-up, so
#: the local-socket code (QtNetwork, about 8 ms to load) stays off the path to the first window.
#: A second start before then is told the folder is in use.
LISTEN_DELAY_MS = 500


class AppController(QObject):
    """Owns the worker, the store handle (used on the worker only) and the top-level windows."""

    main_window_shown = Signal(object)
    large_text_changed = Signal(bool)
    language_changed = Signal(str)

    def __init__(self, data_dir: DataDir, settings: QSettings, translations: Translations,
                 *, auto_session: Callable[[Store], core_session.Session] | None = None) -> None:
        super().__init__()
        self.data_dir = data_dir
        self.settings = settings
        self.translations = translations
        self.worker = DbWorker(self)
        self.store: Store | None = None
        self.session: core_session.Session | None = None
        self.window: QWidget | None = None
        self.dialog: QWidget | None = None
        self._lock: QLockFile | None = None
        self._instance: Any = None    # ui.single_instance.InstanceServer, once listening
        #: True when start() found the folder in use and the running instance came forward.
        self.forwarded = False
        self._auto_session = auto_session
        self._set_up = False          # the store holds an installation: worth backing up
        self._daily_timer: QTimer | None = None
        self._busy: QWidget | None = None     # shown while a restore closes and reopens the data
        self._restoring = False

    # --- sequence ------------------------------------------------------------------------------

    def start(self) -> bool:
        """Lock the data folder and open the store on the worker; False if another window has it
        (that window is asked to come forward; :attr:`forwarded` says whether it did).

        A data folder on removable media is refused before anything is written there; the user
        can pick another folder or quit (:meth:`_open_failed`).
        """
        try:
            check_data_folder(self.data_dir.root)
        except DataFolderRemovable as exc:
            log.warning("data folder on removable media refused: %s", self.data_dir.root)
            QTimer.singleShot(0, self, lambda refused=exc: self._open_failed(refused))
            return True
        if not self._take_lock():
            return False
        self.worker.call(open_store, self.data_dir, on_done=self._opened,
                         on_error=self._open_failed)
        return True

    def _take_lock(self) -> bool:
        try:
            self.data_dir.root.mkdir(parents=True, exist_ok=True)
        except OSError:
            return True  # open_store reports the folder problem in words
        self._lock = QLockFile(str(self.data_dir.lock_file))
        self._lock.setStaleLockTime(0)
        if self._lock.tryLock(200):
            QTimer.singleShot(LISTEN_DELAY_MS, self, self._listen)
            return True
        self._lock = None
        from .single_instance import ask_to_raise
        if ask_to_raise(self.data_dir.root):
            log.info("data folder %s in use: the running window came forward", self.data_dir.root)
            self.forwarded = True
            return False
        from PySide6.QtWidgets import QMessageBox
        QMessageBox.warning(None, self.tr("执法台账已在运行"), self.tr(
            "这个数据文件夹已被另一个执法台账窗口打开：\n{path}\n请切换到那个窗口；"
            "同一份台账不能同时在两个窗口中修改。").format(path=self.data_dir.root))
        return False

    def _open_failed(self, exc: BaseException) -> None:
        from PySide6.QtWidgets import QFileDialog, QMessageBox
        box = QMessageBox(QMessageBox.Icon.Critical, self.tr("无法打开台账数据库"), describe(exc))
        retry = box.addButton(self.tr("重试"), QMessageBox.ButtonRole.AcceptRole)
        other = box.addButton(self.tr("选择其他数据文件夹…"), QMessageBox.ButtonRole.ActionRole)
        box.addButton(self.tr("退出"), QMessageBox.ButtonRole.RejectRole)
        self.dialog = box
        box.show()          # before a restore's progress window goes (see _end_busy)
        self._end_busy()
        box.exec()
        self.dialog = None
        if box.clickedButton() is retry:
            if not self.start():
                QApplication.instance().quit()
        elif box.clickedButton() is other:
            folder = QFileDialog.getExistingDirectory(None, self.tr("选择数据文件夹"),
                                                      str(self.data_dir.root))
            if folder:
                self._release_lock()
                self.data_dir = DataDir.resolve(folder)
                start_logging(self.data_dir)
                self.settings.setValue("data_dir", str(self.data_dir.root))
            if not self.start():
                QApplication.instance().quit()
        else:
            QApplication.instance().quit()

    def _end_busy(self) -> None:
        """Close the restore's progress dialog, now that another window is shown."""
        busy, self._busy = self._busy, None
        if busy is not None:
            busy.finish()
            busy.deleteLater()

    def _listen(self) -> None:
        """Answer later starts on this data folder (see :mod:`ui.single_instance`)."""
        if self._lock is None or self._instance is not None:
            return
        from .single_instance import InstanceServer
        self._instance = InstanceServer(self.data_dir.root, self)
        self._instance.raise_requested.connect(self.bring_forward)
        self._instance.listen()

    def bring_forward(self) -> None:
        """Show the window in front (the main window, else the login or first-run dialog)."""
        from PySide6.QtCore import Qt
        target = self.window if self.window is not None else self.dialog
        if target is None:
            return
        if target.windowState() & Qt.WindowState.WindowMinimized:
            target.setWindowState(target.windowState() & ~Qt.WindowState.WindowMinimized)
        target.show()
        target.raise_()
        target.activateWindow()

    def _opened(self, store: Store) -> None:
        self.store = store
        self.worker.call(core_session.is_set_up, store, on_done=self._after_setup_check)

    def _after_setup_check(self, set_up: bool) -> None:
        self._set_up = set_up
        if self._auto_session is not None and set_up:
            self.worker.call(self._auto_session, self.store, on_done=self.show_main)
        elif set_up:
            self.show_login()
        else:
            self.show_wizard()

    def show_wizard(self) -> None:
        from .wizard import FirstRunWizard
        wizard = FirstRunWizard(self.worker, self.store)
        wizard.finished_setup.connect(self._setup_done)
        wizard.rejected.connect(QApplication.instance().quit)
        self.dialog = wizard
        wizard.show()
        self._end_busy()

    def _setup_done(self, username: str) -> None:
        self._set_up = True
        self.settings.setValue("last_username", username)
        self.show_login()

    def show_login(self) -> None:
        from .login import LoginDialog
        dialog = LoginDialog(self.worker, self.store,
                             str(self.settings.value("last_username", "") or ""))
        dialog.logged_in.connect(self.show_main)
        dialog.rejected.connect(self._login_cancelled)
        self.dialog = dialog
        dialog.show()
        self._end_busy()

    def _login_cancelled(self) -> None:
        if self.window is None:
            QApplication.instance().quit()

    def show_main(self, session: core_session.Session) -> None:
        from .mainwindow import MainWindow
        self.session = session
        self.settings.setValue("last_username", session.username)
        self.dialog = None
        window = MainWindow(self)
        window.logout_requested.connect(self.logout)
        self.window = window
        window.restore_state()
        window.show()
        self._end_busy()
        self.main_window_shown.emit(window)
        self._start_daily_backups()

    def logout(self) -> None:
        if self.window is not None:
            self.window.close()
            self.window.deleteLater()
            self.window = None
        self.session = None
        self.show_login()

    # --- restoring a backup ------------------------------------------------------------------

    def restore_from_backup(self, path: Path,
                            on_finished: Callable[[RestoreOutcome | None, BaseException | None],
                                                  None] | None = None) -> None:
        """Close the main window and the store, restore the backup ``path`` on the worker, reopen
        the store and ask for a login again (the restored accounts and passwords apply).

        The backup is checked again before anything is replaced; on any failure the current data
        stays as it was and is reopened. ``on_finished(outcome, error)`` runs on the GUI thread
        once the store is open again (exactly one of the two is None).
        """
        actor = self.session.username if self.session is not None else "restore"
        busy = _BusyDialog(self.tr("从备份恢复"), self.tr("正在从备份恢复，请稍候…"))
        busy.show()
        # Stays up (it cannot be closed) until the login dialog or another window replaces it:
        # with no window visible Qt would quit the application.
        self._busy = busy
        self._restoring = True
        self.dialog = busy
        if self.window is not None:
            self.window.close()
            self.window.deleteLater()
            self.window = None
        self.session = None
        store, self.store = self.store, None

        def done(result: tuple[Store, RestoreOutcome | None, BaseException | None]) -> None:
            self._restoring = False
            new_store, outcome, error = result
            self.store = new_store
            if on_finished is not None:
                on_finished(outcome, error)
            self._opened(new_store)

        def reopen_failed(exc: BaseException) -> None:
            self._restoring = False
            self._open_failed(exc)
        self.worker.call(_restore_on_worker, store, self.data_dir, Path(path), actor,
                         on_done=done, on_error=reopen_failed)

    # --- choices remembered --------------------------------------------------------------------

    def set_language(self, language: str) -> None:
        self.translations.set_language(language)
        self.settings.setValue("language", self.translations.language)
        self.language_changed.emit(self.translations.language)

    def set_large_text(self, enabled: bool) -> None:
        """Apply and remember large-text mode; every control showing it follows the signal."""
        if enabled == self.large_text and self.settings.contains("large_text"):
            return
        apply_large_text(enabled)
        self.settings.setValue("large_text", enabled)
        self.large_text_changed.emit(enabled)

    @property
    def large_text(self) -> bool:
        return _as_bool(self.settings.value("large_text", False))

    # --- automatic backups -----------------------------------------------------------------------

    def _start_daily_backups(self) -> None:
        """Check for a due daily backup a while after the first main window, then every hour.

        The check and the backup run on the worker; nothing is done on the GUI thread.
        """
        if self._daily_timer is not None:
            return
        timer = QTimer(self)
        timer.setInterval(DAILY_CHECK_MS)
        timer.timeout.connect(self.check_daily_backup)
        self._daily_timer = timer
        QTimer.singleShot(FIRST_DAILY_CHECK_MS, self, self._first_daily_check)

    def _first_daily_check(self) -> None:
        if self._daily_timer is not None:
            self.check_daily_backup()
            self._daily_timer.start()

    def check_daily_backup(self) -> None:
        """Take the daily automatic backup on the worker when one is due; failures are logged."""
        store = self.store
        if store is None or not self._set_up:
            return
        self.worker.call(_daily_backup, store, on_error=_backup_failed)

    # --- shutdown ------------------------------------------------------------------------------

    def shutdown(self) -> None:
        """Take the exit backup (when there is an installation), close the store, end the worker.

        Both run on the worker; a failed backup is logged and never keeps the app from closing.
        """
        if self._daily_timer is not None:
            self._daily_timer.stop()
            self._daily_timer = None
        store = self.store
        self.store = None
        cleanup = None
        if store is not None:
            set_up = self._set_up

            def cleanup() -> None:
                try:
                    if set_up:
                        _exit_backup(store)
                finally:
                    store.close()
        if cleanup is None and self._restoring:
            def cleanup() -> None:
                """Nothing to close: the restore running on the worker is waited for."""
        self.worker.stop(cleanup, timeout=_exit_timeout(self.data_dir))
        self._release_lock()

    def _release_lock(self) -> None:
        if self._instance is not None:
            self._instance.close()
            self._instance = None
        if self._lock is not None:
            self._lock.unlock()
            self._lock = None


class _BusyDialog(QWidget):
    """A small window that says what is going on and cannot be closed by the user (no close
    button, Escape and Alt+F4 ignored) until :meth:`finish`."""

    def __init__(self, title: str, text: str) -> None:
        from PySide6.QtCore import Qt
        from PySide6.QtWidgets import QLabel, QProgressBar, QVBoxLayout
        super().__init__(None, Qt.WindowType.Dialog | Qt.WindowType.CustomizeWindowHint
                         | Qt.WindowType.WindowTitleHint)
        self.setWindowTitle(title)
        self.setWindowModality(Qt.WindowModality.ApplicationModal)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(text))
        bar = QProgressBar()
        bar.setRange(0, 0)
        layout.addWidget(bar)
        self._finished = False

    def finish(self) -> None:
        self._finished = True
        self.close()

    def closeEvent(self, event: Any) -> None:  # noqa: N802 - Qt override
        if self._finished:
            event.accept()
        else:
            event.ignore()


def _exit_timeout(data_dir: DataDir) -> float:
    """Seconds to wait for the exit backup and the store to close: 30 s plus 1 s per 20 MB of
    database (an old disk copies and checks at least that fast), so a large installation's exit
    backup is never cut off half-way."""
    try:
        size = data_dir.database.stat().st_size
    except OSError:
        size = 0
    return 30.0 + size / 20e6


def _restore_on_worker(store: Store | None, data_dir: DataDir, path: Path, actor: str
                       ) -> tuple[Store, RestoreOutcome | None, BaseException | None]:
    """On the worker: close ``store``, restore, reopen. A failed restore is returned (the data
    is unchanged and reopened); only a failure to reopen is raised."""
    from models.errors import FieldLedgerError
    from models.restore import record_restore, restore_installation
    if store is not None:
        store.close()
    outcome: RestoreOutcome | None = None
    error: BaseException | None = None
    try:
        outcome = restore_installation(data_dir, path)
    except Exception as exc:  # noqa: BLE001 - reported to the user once the data is reopened
        if not isinstance(exc, FieldLedgerError):
            log.error("restore from %s failed", path, exc_info=exc)
        error = exc
    reopened = open_store(data_dir, create=False)
    if outcome is not None:
        try:
            record_restore(reopened, actor, outcome)
        except Exception as exc:  # noqa: BLE001 - the restore itself is done; say so in the log
            log.error("restore not recorded in the audit trail", exc_info=exc)
    return reopened, outcome, error


def _daily_backup(store: Store) -> None:
    """On the worker: the daily automatic backup, when due."""
    from models.backup import automatic_backup, due_daily
    if due_daily(store):
        automatic_backup(store, reason="daily")


def _exit_backup(store: Store) -> None:
    """On the worker, while closing: the exit backup; any failure is logged, never raised."""
    try:
        from models.backup import automatic_backup
        automatic_backup(store, reason="exit")
    except Exception as exc:  # noqa: BLE001 - closing goes on whatever happened
        _backup_failed(exc)


def _backup_failed(exc: BaseException) -> None:
    """An automatic backup failed: into the log file only (the user is not interrupted)."""
    from models.errors import FieldLedgerError
    if isinstance(exc, FieldLedgerError):
        log.warning("automatic backup failed: %s", exc)
    else:
        log.error("automatic backup failed", exc_info=exc)


def _as_bool(value: Any) -> bool:
    if isinstance(value, str):
        return value.lower() in ("1", "true", "yes")
    return bool(value)


def start_logging(data_dir: DataDir) -> Path | None:
    """Log to the data folder's log file; not when the folder is on removable media (it is
    refused at start and nothing may be written there): then to standard error only."""
    if drives.is_removable(data_dir.root):
        return setup_logging(None)
    return setup_logging(data_dir.log_file)


def make_application(argv: list[str] | None = None) -> QApplication:
    """The application object: its names (which the settings are filed under) and its icon."""
    from PySide6.QtGui import QIcon

    from .style import APP_ICON
    app = QApplication.instance() or QApplication(argv if argv is not None else sys.argv[:1])
    app.setOrganizationName(ORGANIZATION)
    app.setApplicationName(APPLICATION)
    app.setApplicationDisplayName("执法台账")
    app.setWindowIcon(QIcon(str(APP_ICON)))
    return app  # type: ignore[return-value]


def run_gui(args: argparse.Namespace, *,
            auto_session: Callable[[Store], core_session.Session] | None = None,
            on_shown: Callable[[QWidget], None] | None = None) -> int:
    """Start the GUI and run its event loop; return the exit status.

    ``auto_session`` skips the login dialog (benchmarks and scripted screenshots only).
    """
    app = make_application()
    settings = QSettings()
    data_dir = DataDir.resolve(args.data_dir or settings.value("data_dir") or None)
    log_file = start_logging(data_dir)
    set_log_file_hint(str(log_file or data_dir.log_file))
    install_excepthook()
    translations = Translations()
    translations.set_language(getattr(args, "lang", None)
                              or str(settings.value("language", DEFAULT_LANGUAGE)))
    use_chinese_ui_font()
    apply_large_text(_as_bool(settings.value("large_text", False)))
    controller = AppController(data_dir, settings, translations, auto_session=auto_session)
    if on_shown is not None:
        controller.main_window_shown.connect(on_shown)
    app.aboutToQuit.connect(controller.shutdown)
    if not controller.start():
        controller.shutdown()
        return 0 if controller.forwarded else 1
    log.info("GUI started on %s", data_dir.root)
    return app.exec()
