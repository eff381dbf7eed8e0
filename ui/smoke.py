"""The smoke test of a built or installed program: ``FieldLedger smoke-test`` (``main.py smoke-test``).

It proves that a bundle carries everything the program needs at run time, on the machine it runs
on, without touching the user's data or settings. In a fresh temporary folder it

1. builds the demo installation through the core (the same as ``main.py demo``);
2. reads the built-in templates and finds the Chinese font to embed in PDFs;
3. exports the 专项整治问题清单 as PDF and as Excel;
4. starts the real GUI on that folder (login skipped, settings kept in the temporary folder): the
   main window is shown; Qt's ``qtbase_zh_CN`` makes standard buttons Chinese; the interface
   font draws Chinese; the window has its icon; the dashboard fills from the database worker and
   draws its charts (Qt Charts); a second start on the same folder is answered (the local
   socket of :mod:`ui.single_instance`);
   switching to English and back goes through ``fieldledger_en.qm``; a backup taken to a folder
   is restored as 设置 does (the main window and the store close, the data is replaced, the
   main window comes back, login skipped, and the program does not end meanwhile); then it
   quits (the exit
   backup is taken, the log holds no warning or error);
5. verifies the audit chain of the installation.

One line per check goes to standard output (``ok`` or ``FAIL``, the check's name, what was
found). The exit status is 0 when every check passed, 1 at the first failure (the checks after
it are not run). Without a display (Linux without ``DISPLAY`` or ``WAYLAND_DISPLAY``) Qt's
offscreen platform is used; ``--offscreen`` asks for it anyway. ``--screenshot FILE`` saves the
main window as an image; ``--report FILE`` writes the same lines to a file (the windowed
Windows executable has no console); ``--keep`` leaves the temporary folder in place.
"""
from __future__ import annotations

import argparse
import os
import shutil
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any, TextIO

#: Seconds the main window and the dashboard's data may take before the check fails.
WINDOW_TIMEOUT_S = 120
DASHBOARD_TIMEOUT_S = 60


class CheckFailed(Exception):
    """A check found something wrong; the message says what."""


class Report:
    """The report lines, printed as the checks run (and copied to a file when asked)."""

    def __init__(self, copy_to: str | None = None) -> None:
        self.passed = 0
        self.failed = ""
        self._file: TextIO | None = None
        if copy_to:
            self._file = open(copy_to, "w", encoding="utf-8")  # noqa: SIM115 - closed by close()
        self._started = time.monotonic()

    def line(self, text: str) -> None:
        if sys.stdout is not None:
            print(text, flush=True)
        if self._file is not None:
            self._file.write(text + "\n")
            self._file.flush()

    def check(self, name: str, run: Callable[[], str]) -> bool:
        """Run one check: ``run`` returns what it found or raises; False once any check failed."""
        if self.failed:
            return False
        try:
            found = run()
        except Exception as exc:  # noqa: BLE001 - every failure is reported as the check's
            detail = str(exc) if isinstance(exc, CheckFailed) else f"{type(exc).__name__}: {exc}"
            self.line(f"FAIL {name:<14} {detail}")
            self.failed = name
            return False
        self.passed += 1
        self.line(f"ok   {name:<14} {found}")
        return True

    def close(self) -> int:
        """Print the summary line; return the exit status."""
        seconds = time.monotonic() - self._started
        if self.failed:
            self.line(f"smoke test FAILED at {self.failed} ({self.passed} checks passed before it)")
        else:
            self.line(f"smoke test passed: {self.passed} checks in {seconds:.1f} s")
        if self._file is not None:
            self._file.close()
        return 1 if self.failed else 0


def run_smoke_test(args: argparse.Namespace) -> int:
    """Run the smoke test (see the module doc); return the exit status."""
    if sys.stdout is not None and hasattr(sys.stdout, "reconfigure"):
        sys.stdout.reconfigure(errors="replace")  # a console that cannot show Chinese
    _choose_platform(bool(getattr(args, "offscreen", False)))
    folder = Path(tempfile.mkdtemp(prefix="fieldledger-smoke-"))
    report = Report(getattr(args, "report", None))
    report.line(f"FieldLedger smoke test in {folder}")
    try:
        _run(report, folder, getattr(args, "screenshot", None))
    finally:
        if getattr(args, "keep", False):
            report.line(f"kept: {folder}")
        else:
            shutil.rmtree(folder, ignore_errors=True)
    return report.close()


def _choose_platform(offscreen: bool) -> None:
    """Qt's offscreen platform when asked or when there is no display to show a window on."""
    no_display = (sys.platform.startswith("linux")
                  and not os.environ.get("DISPLAY") and not os.environ.get("WAYLAND_DISPLAY"))
    if offscreen or (no_display and not os.environ.get("QT_QPA_PLATFORM")):
        os.environ["QT_QPA_PLATFORM"] = "offscreen"


def _run(report: Report, folder: Path, screenshot: str | None) -> None:
    from models.paths import DataDir

    data_dir = DataDir(folder / "data")
    report.check("version", _version)
    core = _Core(data_dir, folder)
    try:
        for name, run in (("demo", core.demo), ("templates", core.templates),
                          ("pdf-font", core.pdf_font), ("pdf-export", core.pdf_export),
                          ("xlsx-export", core.xlsx_export)):
            if not report.check(name, run):
                return
    finally:
        core.close()
    gui = _Gui(report, data_dir, folder, screenshot)
    status = gui.run()
    if report.failed:
        return
    report.check("gui-exit", lambda: _exit_status(status))
    report.check("exit-backup", lambda: _exit_backup(data_dir))
    report.check("log", lambda: _log_clean(data_dir))
    report.check("audit-chain", lambda: _audit_chain(data_dir))


def _version() -> str:
    from models.version import PRODUCT_NAME, __version__
    if getattr(sys, "frozen", False):
        where = f"built program in {Path(sys.executable).parent}"
    else:
        where = f"from source in {Path(__file__).resolve().parent.parent}"
    return f"{PRODUCT_NAME} {__version__}, Python {sys.version.split()[0]}, {where}"


class _Core:
    """The headless checks on the demo installation (the core only, no Qt)."""

    def __init__(self, data_dir: Any, folder: Path) -> None:
        self.data_dir = data_dir
        self.folder = folder
        self.store: Any = None
        self.session: Any = None

    def demo(self) -> str:
        from models.demo import DEMO_PASSWORD, create_demo
        from models.session import login
        from models.store import open_store

        self.store = open_store(self.data_dir)
        create_demo(self.store, with_signatures=True)
        self.session = login(self.store, "chief", DEMO_PASSWORD)
        count = {table: self.store.conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
                 for table in ("units", "campaigns", "problems", "audit_log")}
        if not count["problems"]:
            raise CheckFailed("the demo installation has no problems")
        return (f"demo installation: {count['units']} units, {count['campaigns']} campaigns, "
                f"{count['problems']} problems, {count['audit_log']} audit entries")

    def templates(self) -> str:
        from models.templates import BUILTIN_DIR, builtin_templates, list_templates

        shipped = builtin_templates()
        if not shipped:
            raise CheckFailed(f"no built-in template in {BUILTIN_DIR}")
        installed = list_templates(self.session)
        if len(installed) < len(shipped):
            raise CheckFailed(f"{len(shipped)} built-in templates, {len(installed)} installed")
        return f"{len(shipped)} built-in templates in {BUILTIN_DIR}: " + "、".join(
            t.name for t in shipped)

    def pdf_font(self) -> str:
        from models.fonts import find_font

        font = find_font()
        return f"{font.path} (subfont {font.subfont}, {font.origin})"

    def _export(self, writer: Any, suffix: str) -> tuple[Path, Any]:
        from models.form_data import ledger_form
        from models.ledger_query import LedgerFilter

        form = ledger_form(self.session, "problem_list", LedgerFilter())
        path = self.folder / f"问题清单.{suffix}"
        return path, writer.write_form(form, path)

    def pdf_export(self) -> str:
        from models import pdf_export

        path, result = self._export(pdf_export, "pdf")
        data = path.read_bytes()
        if not data.startswith(b"%PDF") or b"/FontFile2" not in data:
            raise CheckFailed(f"{path} is not a PDF with an embedded TrueType font")
        return f"专项整治问题清单: {result.rows} rows, {len(data)} bytes, Chinese font embedded"

    def xlsx_export(self) -> str:
        from models import xlsx_export

        path, result = self._export(xlsx_export, "xlsx")
        if not path.read_bytes().startswith(b"PK"):
            raise CheckFailed(f"{path} is not an Excel workbook")
        return f"专项整治问题清单: {result.rows} rows, {path.stat().st_size} bytes"

    def close(self) -> None:
        if self.store is not None:
            self.store.close()
            self.store = None


class _Gui:
    """The real GUI on the demo installation, inspected once the main window is shown."""

    def __init__(self, report: Report, data_dir: Any, folder: Path,
                 screenshot: str | None) -> None:
        self.report = report
        self.data_dir = data_dir
        self.folder = folder
        self.screenshot = screenshot
        self.window: Any = None
        self.controller: Any = None
        self.finished = False
        self.restore_started = False
        self.restore_reported = False

    def run(self) -> int:
        from PySide6.QtCore import QSettings, QTimer

        from models.session import session_without_password

        from .app import make_application, run_gui

        app = make_application()
        _quiet_offscreen_raise()
        # The user's own settings (language, last account, data folder) are never read or written.
        QSettings.setDefaultFormat(QSettings.Format.IniFormat)
        QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope,
                          str(self.folder / "settings"))
        QTimer.singleShot(WINDOW_TIMEOUT_S * 1000, app, self._window_timeout)
        args = argparse.Namespace(command="gui", data_dir=str(self.data_dir.root), lang="zh_CN")
        status = run_gui(args, auto_session=lambda store: session_without_password(store, "chief"),
                         on_shown=self._shown)
        if self.controller is not None:
            # Written now, not when the objects go at exit (after the folder is removed).
            self.controller.settings.sync()
        if self.restore_started and not self.restore_reported:
            self.report.check("restore", _fail("the program ended while it restored a backup"))
        return status

    def _window_timeout(self) -> None:
        if self.window is None:
            self.report.check("main-window", _fail(
                f"the main window was not shown within {WINDOW_TIMEOUT_S} s"))
            self._quit()

    def _shown(self, window: Any) -> None:
        from PySide6.QtCore import QTimer

        self.window = window
        self.controller = window.controller
        if not self.restore_started:   # shown again after the restore: waited for below
            QTimer.singleShot(0, window, self._inspect)  # after the first paint's events

    def _inspect(self) -> None:
        report, window = self.report, self.window
        for name, run in (("main-window", self._main_window), ("qt-translation", _qt_translation),
                          ("ui-font", _ui_font), ("icon", _icon)):
            if not report.check(name, run):
                self._quit()
                return
        self._deadline = time.monotonic() + DASHBOARD_TIMEOUT_S
        self._wait_for_dashboard(window.area("dashboard"))

    def _wait_for_dashboard(self, board: Any) -> None:
        from PySide6.QtCore import QTimer

        rows = board.campaigns.topLevelItemCount()
        if rows and board.status_chart is not None:
            ok = self.report.check("dashboard", lambda: f"{rows} campaigns loaded by the database"
                                                        " worker, charts drawn with Qt Charts")
            if ok and self.screenshot:
                ok = self.report.check("screenshot", self._save_screenshot)
            if ok:
                self._second_start()
            else:
                self._quit()
        elif time.monotonic() > self._deadline:
            self.report.check("dashboard", _fail(
                f"no campaign or no chart on the dashboard after {DASHBOARD_TIMEOUT_S} s"))
            self._quit()
        else:
            QTimer.singleShot(20, self.window, lambda: self._wait_for_dashboard(board))

    def _second_start(self) -> None:
        """Once the program answers later starts, ask it as a second start does (the same
        request on the same local socket, without blocking this event loop, which answers)."""
        from PySide6.QtCore import QTimer
        from PySide6.QtNetwork import QLocalSocket

        from .app import LISTEN_DELAY_MS
        from .single_instance import REPLY, REQUEST, server_name

        sock = QLocalSocket(self.window)
        answer: list[bytes] = []

        def read() -> None:
            if sock.canReadLine():
                answer.append(bytes(sock.readLine().data()))
                finish()

        def finish() -> None:
            if self.finished:
                return
            self.finished = True
            sock.abort()
            ok = self.report.check("second-start", lambda: _answered(answer, REPLY))
            if ok and self.report.check("english", self._english):
                self._restore()
            else:
                self._quit()

        sock.connected.connect(lambda: sock.write(REQUEST))
        sock.readyRead.connect(read)
        QTimer.singleShot(LISTEN_DELAY_MS + 200, self.window,
                          lambda: sock.connectToServer(server_name(self.data_dir.root)))
        QTimer.singleShot(LISTEN_DELAY_MS + 10_000, self.window, finish)

    def _restore(self) -> None:
        """Back up to a folder, then restore that backup as 设置 → 从备份恢复 does: the main window
        and the store close, the data is replaced, and the login dialog comes up, all under the
        real event loop, which must not end when the main window closes."""
        from datetime import datetime

        from models.backup import backup_database, backup_name

        controller = self.controller
        target = self.folder / "usb" / backup_name(datetime.now())
        self.restore_started = True

        def taken(info: Any) -> None:
            controller.restore_from_backup(info.path, on_finished=self._restored)

        def failed(exc: BaseException) -> None:
            self.restore_reported = True
            self.report.check("restore", _fail(f"the backup to restore failed: {exc}"))
            self._quit()
        target.parent.mkdir(parents=True, exist_ok=True)
        controller.worker.call(backup_database, controller.store, target, on_done=taken,
                               on_error=failed)

    def _restored(self, outcome: Any, error: BaseException | None) -> None:
        from PySide6.QtCore import QTimer

        from .login import LoginDialog

        controller = self.controller
        deadline = time.monotonic() + DASHBOARD_TIMEOUT_S

        def found() -> str:
            if error is not None:
                raise CheckFailed(f"the restore failed: {error}")
            return (f"{outcome.backup.name} restored (audit head {outcome.restored_seq}), the "
                    f"replaced database kept as replaced/{outcome.replaced.name}, the main "
                    "window open again")

        def wait() -> None:
            # The login dialog comes next (here the login is skipped: the main window).
            window, dialog = controller.window, controller.dialog
            back = (window is not None and window.isVisible()) or (
                isinstance(dialog, LoginDialog) and dialog.isVisible())
            if back or error is not None:
                self.restore_reported = True
                self.report.check("restore", found)
                self._quit()
            elif time.monotonic() > deadline:
                self.restore_reported = True
                self.report.check("restore", _fail("no window after the restore"))
                self._quit()
            else:
                QTimer.singleShot(20, controller, wait)
        QTimer.singleShot(0, controller, wait)

    def _main_window(self) -> str:
        from PySide6.QtGui import QGuiApplication

        window = self.window
        title = window.windowTitle()
        labels = [window.nav.item(i).text() for i in range(window.nav.count())]
        if title != "执法台账" or not labels or not window.isVisible():
            raise CheckFailed(f"title {title!r}, {len(labels)} navigation entries")
        return (f"“{title}” shown ({QGuiApplication.platformName()}), {len(labels)} areas: "
                + "、".join(labels[:4]) + " …")

    def _english(self) -> str:
        """Switch to English (the program's .qm) and back to Chinese, as the settings page does."""
        window, controller = self.window, self.window.controller
        controller.set_language("en")
        title, first = window.windowTitle(), window.nav.item(0).text()
        controller.set_language("zh_CN")
        if title == "执法台账" or controller.translations.language != "zh_CN":
            raise CheckFailed("fieldledger_en.qm was not found or not applied")
        if window.windowTitle() != "执法台账":
            raise CheckFailed(f"back in Chinese the title is {window.windowTitle()!r}")
        from . import i18n
        return f"{i18n.I18N_DIR / 'fieldledger_en.qm'}: “{title}”, “{first}” …, and back"

    def _save_screenshot(self) -> str:
        path = str(Path(self.screenshot).resolve())
        if not self.window.grab().save(path):
            raise CheckFailed(f"cannot write {path}")
        return path

    def _quit(self) -> None:
        from PySide6.QtWidgets import QApplication

        QApplication.instance().quit()


def _quiet_offscreen_raise() -> None:
    """Qt's offscreen platform says it cannot raise a window when the second start asks the
    program to come forward, nor propagate size hints when a dialog opens: expected there, so
    not printed. Other Qt messages go to stderr."""
    from PySide6.QtCore import qInstallMessageHandler

    def handler(_kind: Any, _context: Any, message: str) -> None:
        if sys.stderr is not None and not any(
                known in message for known in ("does not support raise()",
                                               "does not support propagateSizeHints()")):
            print(message, file=sys.stderr)

    qInstallMessageHandler(handler)


def _fail(message: str) -> Callable[[], str]:
    def run() -> str:
        raise CheckFailed(message)
    return run


def _qt_translation() -> str:
    from PySide6.QtCore import QLibraryInfo
    from PySide6.QtWidgets import QDialogButtonBox

    buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                               | QDialogButtonBox.StandardButton.Cancel)
    texts = sorted(b.text() for b in buttons.buttons())
    if texts != sorted(["确定", "取消"]):
        raise CheckFailed(f"standard buttons read {texts}: qtbase_zh_CN.qm not loaded")
    folder = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    return f"{Path(folder) / 'qtbase_zh_CN.qm'}: standard buttons 确定、取消"


def _ui_font() -> str:
    from PySide6.QtGui import QFontDatabase, QFontInfo, QFontMetrics
    from PySide6.QtWidgets import QApplication

    font = QApplication.instance().font()
    family = QFontInfo(font).family()
    metrics = QFontMetrics(font)
    missing = [ch for ch in "执法台账问题清单" if not metrics.inFontUcs4(ord(ch))]
    chinese = QFontDatabase.families(QFontDatabase.WritingSystem.SimplifiedChinese)
    if missing or not chinese:
        raise CheckFailed(f"the interface font {family!r} cannot draw {''.join(missing)}")
    from . import style
    origin = "bundled" if family in style.bundled_font_families() else "system"
    return f"{family} ({origin}) draws Chinese; {len(chinese)} Chinese font families"


def _icon() -> str:
    from PySide6.QtWidgets import QApplication

    icon = QApplication.instance().windowIcon()
    if icon.isNull() or icon.pixmap(32, 32).isNull():
        raise CheckFailed("the application has no window icon (Qt's SVG icon engine missing?)")
    return "window icon drawn from resources/icons/fieldledger.svg"


def _answered(answer: list[bytes], reply: bytes) -> str:
    if answer != [reply]:
        raise CheckFailed(f"a second start on the same data folder got no answer ({answer})")
    return "a second start on the data folder was answered (local socket, QtNetwork)"


def _log_clean(data_dir: Any) -> str:
    """No warning or error in the installation's log file."""
    lines = data_dir.log_file.read_text(encoding="utf-8", errors="replace").splitlines()
    bad = [line for line in lines if any(f" {level} " in line
                                         for level in ("WARNING", "ERROR", "CRITICAL"))]
    if bad:
        raise CheckFailed(f"{len(bad)} warnings or errors in {data_dir.log_file}: {bad[0]}")
    return f"{len(lines)} lines in {data_dir.log_file.name}, no warning or error"


def _exit_status(status: int) -> str:
    if status != 0:
        raise CheckFailed(f"the GUI ended with status {status}")
    return "the GUI closed normally"


def _exit_backup(data_dir: Any) -> str:
    from models.backup import BACKUP_DIR, check_backup

    found = sorted((data_dir.root / BACKUP_DIR).glob("*.sqlite"))
    if not found:
        raise CheckFailed(f"no backup in {data_dir.root / BACKUP_DIR} after closing")
    info = check_backup(found[-1])
    return f"{found[-1].name}: checked, audit head {info.audit_seq}"


def _audit_chain(data_dir: Any) -> str:
    from models.store import open_store

    store = open_store(data_dir, create=False)
    try:
        result = store.verify_audit()
    finally:
        store.close()
    if not result.ok:
        raise CheckFailed(result.summary())
    return result.summary()
