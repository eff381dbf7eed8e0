"""GUI: switching the language at runtime (no restart) and the large-text mode (长者模式)."""
from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication

from ui import style
from ui.pages.settings import AppearancePanel
from ui_helpers import NAV_ZH, ROOT, TS_FILE, build_english_catalogue, point_app_at_catalogue

#: A stand-in English catalogue for the runtime mechanism (independent of translation progress).
TEST_NAV_EN = ["Workbench (test)", "Issue ledger (test)", "Self-inspection (test)",
               "Case file review (test)", "Other ledgers (test)", "Submission (test)",
               "Settings (test)"]


def _i18n_tool():
    """packaging/i18n.py as a module (the folder is not a package; its name clashes with pip's)."""
    spec = importlib.util.spec_from_file_location("fieldledger_i18n_tool",
                                                  ROOT / "packaging" / "i18n.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _nav_texts(window) -> list[str]:
    nav = window.nav      # rebuilt on a language change: always read it from the window
    return [nav.item(i).text() for i in range(nav.count())]


@pytest.fixture(scope="module")
def english_qm() -> Path:
    return build_english_catalogue()


@pytest.fixture
def test_catalogue(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """fieldledger_en.qm with the navigation labels only, in a folder the app is pointed at."""
    return point_app_at_catalogue(tmp_path / "i18n", [("MainWindow", zh, en) for zh, en
                                                      in zip(NAV_ZH, TEST_NAV_EN)], monkeypatch)


def test_language_switches_at_runtime_through_the_settings_panel(gui, test_catalogue):
    controller, window = gui.demo_window("chief")
    assert _nav_texts(window) == NAV_ZH
    window.show_area("settings")
    panel = window.area("settings").findChild(AppearancePanel)
    assert panel.language.currentData() == "zh_CN"

    panel.language.setCurrentIndex(panel.language.findData("en"))   # as the user picks it
    gui.qtbot.waitUntil(lambda: _nav_texts(window) == TEST_NAV_EN, timeout=10_000)
    assert controller.window is window and window.isVisible()        # no restart
    assert window.nav.currentRow() == 6                                # the area is kept
    assert controller.translations.language == "en"
    assert controller.settings.value("language") == "en"
    gui.idle(controller)

    controller.set_language("zh_CN")
    gui.qtbot.waitUntil(lambda: _nav_texts(window) == NAV_ZH, timeout=10_000)
    assert controller.settings.value("language") == "zh_CN"
    window.show_area("dashboard")
    greeting = window.area("dashboard").greeting
    gui.qtbot.waitUntil(lambda: "才让东智" in greeting.text(), timeout=10_000)
    gui.idle(controller)
    assert gui.boxes.shown == []


def test_english_catalogue_translates_the_navigation(gui, english_qm):
    """The shipped English catalogue: the product's translation of 工作台 must be finished."""
    tool = _i18n_tool()
    text, kind = tool.messages(TS_FILE).get(("MainWindow", "工作台"), ("", "missing"))
    if not text or kind in ("unfinished", "vanished", "obsolete", "missing"):
        pytest.fail(f"{TS_FILE.name} has no finished English translation of the navigation label "
                    f"'工作台' (context MainWindow; translation {text!r}, type {kind!r}): "
                    "translate it (python packaging/i18n.py check lists what is missing)")
    controller, window = gui.demo_window("chief")
    assert _nav_texts(window)[0] == "工作台"

    controller.set_language("en")
    gui.qtbot.waitUntil(lambda: _nav_texts(window)[0] == text, timeout=10_000)
    assert controller.window is window
    assert controller.settings.value("language") == "en"

    controller.set_language("zh_CN")
    gui.qtbot.waitUntil(lambda: _nav_texts(window)[0] == "工作台", timeout=10_000)
    assert _nav_texts(window) == NAV_ZH
    assert controller.settings.value("language") == "zh_CN"
    gui.idle(controller)


def test_large_text_mode_scales_the_fonts_and_is_remembered(gui):
    controller, window = gui.demo_window("chief")
    app = QApplication.instance()
    base = app.font().pointSizeF()
    assert base > 0
    title = window.area("dashboard").title
    title_base = title.font().pointSizeF()
    nav_base = window.nav.font().pointSizeF()
    action = window.large_action
    assert action.objectName() == "large_text_action" and not action.isChecked()

    action.trigger()                      # 视图 → 长者模式（大字）
    assert app.font().pointSizeF() == pytest.approx(base * style.LARGE_TEXT_FACTOR)
    assert title.font().pointSizeF() == pytest.approx(title_base * style.LARGE_TEXT_FACTOR)
    large = base * style.LARGE_TEXT_FACTOR
    # Ordinary widgets follow the application font through posted ApplicationFontChange events.
    assert window.nav.font().pointSizeF() == pytest.approx(nav_base * style.LARGE_TEXT_FACTOR)
    assert window.who.font().pointSizeF() == pytest.approx(large)   # has its own style sheet
    greeting = window.area("dashboard").greeting
    gui.qtbot.waitUntil(lambda: greeting.font().pointSizeF() == pytest.approx(large),
                        timeout=10_000)
    controller.settings.sync()
    assert controller.large_text is True
    assert str(controller.settings.value("large_text")).lower() == "true"

    action.trigger()
    assert app.font().pointSizeF() == pytest.approx(base)
    assert title.font().pointSizeF() == pytest.approx(title_base)
    assert window.nav.font().pointSizeF() == pytest.approx(nav_base)
    gui.qtbot.waitUntil(lambda: window.who.font().pointSizeF() == pytest.approx(base),
                        timeout=10_000)
    assert controller.large_text is False
    assert str(controller.settings.value("large_text")).lower() == "false"


def test_large_text_checkbox_and_menu_action_stay_in_step(gui):
    """Settings → 界面 → 长者模式 and 视图 → 长者模式 show one state, whichever is used."""
    from PySide6.QtWidgets import QCheckBox

    controller, window = gui.demo_window("chief")
    window.show_area("settings")
    box = window.area("settings").findChild(QCheckBox, "large_text")
    action = window.large_action
    assert not box.isChecked() and not action.isChecked()

    box.click()                           # the checkbox turns it on ...
    assert controller.large_text is True
    assert action.isChecked()             # ... and the menu shows it on
    action.trigger()                      # the menu turns it off ...
    assert controller.large_text is False
    assert not box.isChecked()            # ... and the checkbox shows it off


def test_qt_standard_dialogs_follow_the_language(gui):
    """Qt's own catalogue (qt_zh_CN → qtbase_zh_CN) makes standard buttons Chinese by default."""
    from PySide6.QtWidgets import QDialogButtonBox

    def texts() -> list[str]:
        box = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                               | QDialogButtonBox.StandardButton.Cancel)
        return sorted(b.text() for b in box.buttons())

    controller, _window = gui.demo_window("chief")
    assert texts() == sorted(["确定", "取消"])
    controller.set_language("en")
    assert texts() == sorted(["OK", "Cancel"])
    controller.set_language("zh_CN")
    assert texts() == sorted(["确定", "取消"])
