"""Helpers shared by the GUI test modules (tests/test_ui_*.py). Not a test module itself.

Every GUI test drives the real widgets offscreen against a real SQLite file in a temporary data
folder, with a temporary QSettings file, so nothing touches the user's configuration. The
:func:`gui` fixture hands out a :class:`Gui` that starts controllers and tears everything down
(windows closed, worker thread stopped, store closed, language back to Chinese, large text off).
"""
from __future__ import annotations

import subprocess
import sys
import time
from contextlib import contextmanager
from pathlib import Path
from typing import Any, Callable, Iterator

import pytest
from PySide6.QtCore import QCoreApplication, QEvent, QSettings, QTimer
from PySide6.QtWidgets import (QApplication, QDialog, QDialogButtonBox, QLineEdit, QMessageBox,
                               QWidget)

from models.demo import DEMO_PASSWORD, create_demo
from models.paths import DataDir
from models.store import Store, open_store

ROOT = Path(__file__).resolve().parent.parent
TS_FILE = ROOT / "resources" / "i18n" / "fieldledger_en.ts"
QM_FILE = TS_FILE.with_suffix(".qm")
WAIT = 10_000  # ms: the longest any single GUI step may take before a test fails

NAV_ZH = ["工作台", "问题台账", "自查自纠", "案卷评查", "其他台账", "报送", "设置"]


# --- settings, data ------------------------------------------------------------------------------

def make_settings(tmp_path: Path) -> QSettings:
    """A QSettings in an INI file below ``tmp_path`` (never the user's real configuration)."""
    return QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)


def make_demo(data_dir: DataDir) -> None:
    """Fill ``data_dir`` with the demo installation (closed again afterwards)."""
    store = open_store(data_dir)
    try:
        create_demo(store)
    finally:
        store.close()


@contextmanager
def reopened(data_dir: DataDir) -> Iterator[Store]:
    """The installation opened again directly, for checks after the GUI has shut down."""
    store = open_store(data_dir, create=False)
    try:
        yield store
    finally:
        store.close()


def build_english_catalogue() -> Path:
    """Compile the English .ts into the .qm the app loads, when missing or older than the .ts."""
    if not QM_FILE.exists() or QM_FILE.stat().st_mtime < TS_FILE.stat().st_mtime:
        subprocess.run([sys.executable, str(ROOT / "packaging" / "i18n.py"), "release"],
                       cwd=ROOT, check=True, timeout=120)
    assert QM_FILE.exists(), f"{QM_FILE} was not built"
    return QM_FILE


# --- message boxes -------------------------------------------------------------------------------

class Boxes:
    """Records QMessageBox.information / warning / critical calls instead of showing them.

    A ``question`` a test did not expect is recorded too and answered Cancel (never left open to
    block the test); tests that expect one patch ``QMessageBox.question`` themselves.
    """

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.shown: list[tuple[str, str, str]] = []   # (kind, title, text)
        for kind in ("information", "warning", "critical"):
            monkeypatch.setattr(QMessageBox, kind, self._recorder(kind))
        monkeypatch.setattr(QMessageBox, "question", self._recorder(
            "question", QMessageBox.StandardButton.Cancel))

    def _recorder(self, kind: str, answer: QMessageBox.StandardButton
                  = QMessageBox.StandardButton.Ok) -> Callable[..., QMessageBox.StandardButton]:
        def record(_parent: Any, title: str, text: str, *_a: Any, **_k: Any
                   ) -> QMessageBox.StandardButton:
            self.shown.append((kind, title, text))
            return answer
        return staticmethod(record)  # type: ignore[return-value]

    def of(self, kind: str) -> list[tuple[str, str]]:
        return [(title, text) for k, title, text in self.shown if k == kind]


# --- modal dialogs -------------------------------------------------------------------------------

class ModalDriver:
    """Acts on the next modal dialog of a given type once it is shown (its ``exec()`` blocks).

    The action runs from a timer inside the dialog's own event loop. If the action fails, the
    dialog is rejected so the test never hangs, and the error is re-raised by :meth:`check`.
    """

    def __init__(self) -> None:
        self.errors: list[BaseException] = []
        self.handled: list[QWidget] = []
        self._timers: list[QTimer] = []

    def on_next(self, kind: type, action: Callable[[Any], None], timeout_ms: int = WAIT) -> None:
        deadline = time.monotonic() + timeout_ms / 1000
        timer = QTimer()
        timer.setInterval(20)

        def poll() -> None:
            widget = QApplication.activeModalWidget()
            if isinstance(widget, kind) and widget.isVisible():
                timer.stop()
                try:
                    action(widget)
                except BaseException as exc:  # noqa: BLE001 - re-raised in check()
                    self.errors.append(exc)
                    if isinstance(widget, QDialog) and widget.isVisible():
                        widget.reject()
                else:
                    self.handled.append(widget)
            elif time.monotonic() > deadline:
                timer.stop()
                self.errors.append(AssertionError(f"no modal {kind.__name__} appeared"))
        timer.timeout.connect(poll)
        timer.start()
        self._timers.append(timer)

    def check(self) -> None:
        for timer in self._timers:
            timer.stop()
        if self.errors:
            raise self.errors[0]


def fill(dialog: QWidget, **texts: str) -> None:
    """Type ``texts`` into the dialog's line edits, found by object name."""
    for name, text in texts.items():
        edit = dialog.findChild(QLineEdit, name)
        assert edit is not None, f"no QLineEdit named {name!r} in {type(dialog).__name__}"
        edit.setText(text)


def press_ok(dialog: QWidget) -> None:
    """Click the OK button of the dialog's button box, like a user would."""
    box = dialog.findChild(QDialogButtonBox)
    assert box is not None, f"{type(dialog).__name__} has no button box"
    box.button(QDialogButtonBox.StandardButton.Ok).click()


def point_app_at_catalogue(folder: Path, messages: list[tuple[str, str, str]],
                           monkeypatch: pytest.MonkeyPatch) -> Path:
    """Compile ``messages`` ((context, Chinese, English) ...) into ``folder``/fieldledger_en.qm
    and make the app load its translations from ``folder``; return ``folder``."""
    import shutil
    from xml.sax.saxutils import escape

    from ui import i18n
    folder.mkdir(parents=True, exist_ok=True)
    contexts: dict[str, str] = {}
    for context, zh, en in messages:
        contexts[context] = contexts.get(context, "") + (
            f"<message><source>{escape(zh)}</source>"
            f"<translation>{escape(en)}</translation></message>")
    ts = folder / "fieldledger_en.ts"
    ts.write_text('<?xml version="1.0" encoding="utf-8"?>\n<!DOCTYPE TS>\n'
                  '<TS version="2.1" language="en" sourcelanguage="zh_CN">'
                  + "".join(f"<context><name>{name}</name>{body}</context>"
                            for name, body in contexts.items())
                  + "</TS>\n", encoding="utf-8")
    lrelease = Path(sys.executable).parent / "pyside6-lrelease"
    tool = str(lrelease) if lrelease.exists() else shutil.which("pyside6-lrelease")
    assert tool, "pyside6-lrelease not found"
    subprocess.run([tool, "-silent", str(ts), "-qm", str(folder / "fieldledger_en.qm")],
                   check=True, timeout=60)
    monkeypatch.setattr(i18n, "I18N_DIR", folder)
    return folder


# --- the application -----------------------------------------------------------------------------

class Gui:
    """Starts :class:`ui.app.AppController` instances for one test and tears them down."""

    def __init__(self, qtbot: Any, tmp_path: Path, translations: Any,
                 monkeypatch: pytest.MonkeyPatch) -> None:
        self.qtbot = qtbot
        self.tmp_path = tmp_path
        self.translations = translations
        self.data_dir = DataDir(tmp_path / "data")
        self.settings = make_settings(tmp_path)
        self.controllers: list[Any] = []
        self.quit_calls: list[Any] = []
        self.modal = ModalDriver()
        # A message box would block the test: record them all; tests assert on gui.boxes.
        self.boxes = Boxes(monkeypatch)
        # The controller quits the application on "退出" or a cancelled first dialog: record it.
        monkeypatch.setattr(QApplication, "quit", lambda *a: self.quit_calls.append(a))

    def controller(self, data_dir: DataDir | None = None, settings: QSettings | None = None) -> Any:
        from ui.app import AppController
        controller = AppController(data_dir or self.data_dir, settings or self.settings,
                                   self.translations)
        self.controllers.append(controller)
        return controller

    def start(self, data_dir: DataDir | None = None, settings: QSettings | None = None) -> Any:
        controller = self.controller(data_dir, settings)
        assert controller.start() is True
        return controller

    def wait_dialog(self, controller: Any, kind: type) -> Any:
        self.qtbot.waitUntil(lambda: isinstance(controller.dialog, kind)
                             and controller.dialog.isVisible(), timeout=WAIT)
        return controller.dialog

    def login(self, controller: Any, username: str, password: str = DEMO_PASSWORD) -> Any:
        """Log in through the real login dialog; return the main window."""
        from ui.login import LoginDialog
        dialog = self.wait_dialog(controller, LoginDialog)
        dialog.username.setText(username)
        dialog.password.setText(password)
        press_ok(dialog)
        self.qtbot.waitUntil(lambda: controller.window is not None, timeout=WAIT)
        window = controller.window
        self.qtbot.waitUntil(window.isVisible, timeout=WAIT)
        return window

    def demo_window(self, username: str) -> tuple[Any, Any]:
        """Demo data, a controller, logged in as ``username``: (controller, main window)."""
        make_demo(self.data_dir)
        controller = self.start()
        return controller, self.login(controller, username)

    def call(self, controller: Any, fn: Callable[..., Any], *args: Any, **kwargs: Any) -> Any:
        """Run ``fn`` on the controller's worker and wait for its result (or raise its error)."""
        out: dict[str, Any] = {}
        controller.worker.call(fn, *args, on_done=lambda r: out.setdefault("result", r),
                               on_error=lambda e: out.setdefault("error", e), **kwargs)
        self.qtbot.waitUntil(lambda: bool(out), timeout=WAIT)
        if "error" in out:
            raise out["error"]
        return out["result"]

    def idle(self, controller: Any) -> None:
        """Wait until the worker has no job left (pending page loads have been shown)."""
        self.qtbot.waitUntil(lambda: controller.worker.pending == 0, timeout=WAIT)

    def close(self) -> None:
        self.modal.check()
        app = QApplication.instance()
        widgets: list[QWidget] = []
        controllers, self.controllers = self.controllers, []
        for controller in controllers:
            for widget in (controller.dialog, controller.window):
                if widget is not None:
                    widgets.append(widget)
                    widget.close()
            controller.shutdown()
        # Results queued by the (now stopped) worker land while the widgets still exist ...
        for _ in range(3):
            app.processEvents()
        # ... then the widgets go, before the next test runs.
        for widget in widgets:
            widget.deleteLater()
        QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
        app.processEvents()


@pytest.fixture(scope="session")
def translations(qapp: QApplication) -> Any:
    """The one Translations object of the test application (as in the real app)."""
    from ui.app import make_application
    from ui.i18n import Translations
    make_application()
    t = Translations()
    t.set_language("zh_CN")
    return t


@pytest.fixture
def gui(qtbot: Any, tmp_path: Path, translations: Any, monkeypatch: pytest.MonkeyPatch
        ) -> Iterator[Gui]:
    from ui.style import apply_large_text
    translations.set_language("zh_CN")
    g = Gui(qtbot, tmp_path, translations, monkeypatch)
    try:
        yield g
    finally:
        try:
            g.close()
        finally:
            translations.set_language("zh_CN")
            apply_large_text(False)
            QApplication.processEvents()


def data_panel(window: Any) -> Any:
    """设置 → 数据与日志 of the main window ``window``, shown."""
    from ui.pages.settings import DataPanel
    settings = window.area("settings")
    window.show_area("settings")
    panel = settings.findChild(DataPanel)
    assert panel is not None
    settings.tabs.setCurrentWidget(panel)
    return panel


def office_browser(gui: Gui, station: Store, stick: Path) -> tuple[Any, Any]:
    """An office installation in ``gui.data_dir`` that has imported one package of ``station``
    (written to ``stick``), its director logged in and 接收下级报送 → 下级台账 shown:
    (main window, the browser page)."""
    from core_helpers import OFFICE_PASSWORD, deliver, make_office

    office = make_office(gui.data_dir.root)
    try:
        deliver(station, office, stick)
    finally:
        office.close()
    controller = gui.start()
    window = gui.login(controller, "director", OFFICE_PASSWORD)
    return window, show_office_browser(window)


def show_office_browser(window: Any) -> Any:
    """Show 报送 → 接收下级报送 → 下级台账 in ``window``; return the browser page."""
    from ui.pages.office_panel import OfficePanel

    window.show_area("submission")
    area = window.area("submission")
    panel = area.findChild(OfficePanel)
    area.tabs.setCurrentWidget(panel)
    panel.tabs.setCurrentWidget(panel.browse)
    return panel.browse
