"""GUI: the first-run wizard on an empty data folder, its errors, and the demo choice."""
from __future__ import annotations

from PySide6.QtWidgets import QComboBox, QLabel, QLineEdit, QRadioButton, QWizard

from models import passwords
from models.errors import ValidationError
from models.session import is_set_up
from ui.login import LoginDialog
from ui.wizard import FirstRunWizard
from ui_helpers import NAV_ZH, reopened

UNIT = {"unit_name": "班玛县交通运输综合行政执法大队", "unit_code": "QH-632622"}
CHIEF = {"chief_name": "多杰才让", "username": "duojie"}
GOOD_PASSWORD = "Banma#2024"


def _to_chief_page(wizard: FirstRunWizard, level: str = "county") -> None:
    assert wizard.currentId() == FirstRunWizard.PAGE_WELCOME
    assert wizard.findChild(QRadioButton, "choice_real").isChecked()
    wizard.next()
    assert wizard.currentId() == FirstRunWizard.PAGE_UNIT
    for name, text in UNIT.items():
        wizard.findChild(QLineEdit, name).setText(text)
    combo = wizard.findChild(QComboBox, "unit_level")
    combo.setCurrentIndex(combo.findData(level))
    wizard.next()
    assert wizard.currentId() == FirstRunWizard.PAGE_CHIEF


def _fill_chief(wizard: FirstRunWizard, password: str, password2: str) -> None:
    for name, text in {**CHIEF, "password": password, "password2": password2}.items():
        wizard.findChild(QLineEdit, name).setText(text)


def _finish(wizard: FirstRunWizard) -> None:
    button = wizard.button(QWizard.WizardButton.FinishButton)
    assert button.isVisible() and button.isEnabled(), "the Finish button is not available"
    button.click()


def test_first_run_sets_up_unit_and_chief_then_logs_in(gui):
    controller = gui.start()
    wizard = gui.wait_dialog(controller, FirstRunWizard)
    assert wizard.windowTitle() == "首次设置 - 执法台账"
    _to_chief_page(wizard)
    _fill_chief(wizard, GOOD_PASSWORD, GOOD_PASSWORD)
    _finish(wizard)

    login = gui.wait_dialog(controller, LoginDialog)
    assert not wizard.isVisible()
    assert login.username.text() == "duojie"          # the new account is offered
    gui.qtbot.waitUntil(lambda: login.unit.text() == UNIT["unit_name"], timeout=10_000)
    assert login.hint.text() == ""                   # no demo hint on a real installation
    window = gui.login(controller, "duojie", GOOD_PASSWORD)
    assert [window.nav.item(i).text() for i in range(window.nav.count())] == NAV_ZH
    greeting = window.area("dashboard").greeting
    gui.qtbot.waitUntil(lambda: "多杰才让" in greeting.text(), timeout=10_000)
    assert UNIT["unit_name"] in greeting.text()
    assert controller.settings.value("last_username") == "duojie"
    gui.close()

    with reopened(gui.data_dir) as store:
        unit = store.query("SELECT * FROM units")
        assert [(u["name"], u["code"], u["level"]) for u in unit] == [
            (UNIT["unit_name"], UNIT["unit_code"], "county")]
        people = store.query("SELECT * FROM people")
        assert [(p["name"], p["unit_id"]) for p in people] == [("多杰才让", unit[0]["id"])]
        accounts = store.query("SELECT * FROM accounts")
        assert [(a["username"], a["roles"], a["person_id"]) for a in accounts] == [
            ("duojie", "admin,chief", people[0]["id"])]
        assert GOOD_PASSWORD not in accounts[0]["password_hash"]
        report = store.verify_audit()
        assert report.ok, report.summary()
        assert report.entries >= 5   # installation id, unit, person, account, settings, login


def test_password_mismatch_keeps_the_wizard_and_stores_nothing(gui):
    controller = gui.start()
    wizard = gui.wait_dialog(controller, FirstRunWizard)
    _to_chief_page(wizard)
    _fill_chief(wizard, GOOD_PASSWORD, GOOD_PASSWORD + "x")
    _finish(wizard)
    gui.idle(controller)
    gui.qtbot.wait(100)

    message = wizard.findChild(QLabel, "message")
    assert message.text() == "两次输入的密码不一致。"
    assert wizard.isVisible() and wizard.currentId() == FirstRunWizard.PAGE_CHIEF
    assert controller.dialog is wizard
    assert wizard.findChild(QLineEdit, "chief_name").text() == CHIEF["chief_name"]  # kept as typed
    assert gui.call(controller, is_set_up, controller.store) is False   # nothing was stored
    assert gui.call(controller, lambda s: s.query("SELECT count(*) AS n FROM units")[0]["n"],
                    controller.store) == 0

    # Corrected, the same wizard goes through.
    wizard.findChild(QLineEdit, "password2").setText(GOOD_PASSWORD)
    _finish(wizard)
    gui.wait_dialog(controller, LoginDialog)
    gui.close()
    with reopened(gui.data_dir) as store:
        assert [a["username"] for a in store.query("SELECT username FROM accounts")] == ["duojie"]


def test_too_short_password_shows_the_core_rule_and_stores_nothing(gui):
    try:
        passwords.check_rule("short1")
    except ValidationError as exc:
        expected = str(exc)
    assert expected == "密码至少需要 8 位。"

    controller = gui.start()
    wizard = gui.wait_dialog(controller, FirstRunWizard)
    _to_chief_page(wizard)
    _fill_chief(wizard, "short1", "short1")
    _finish(wizard)
    message = wizard.findChild(QLabel, "message")
    gui.qtbot.waitUntil(lambda: message.text() != "", timeout=10_000)
    assert message.text() == expected
    gui.idle(controller)
    assert wizard.isVisible() and wizard.currentId() == FirstRunWizard.PAGE_CHIEF
    assert controller.dialog is wizard
    assert wizard.findChild(QLineEdit, "unit_name").text() == UNIT["unit_name"]
    gui.close()

    with reopened(gui.data_dir) as store:
        for table in ("units", "people", "accounts"):
            assert store.query(f"SELECT count(*) AS n FROM {table}")[0]["n"] == 0, table
        assert store.setting("own_unit_id") is None
        assert store.verify_audit().ok


def test_demo_choice_creates_the_demo_and_leads_to_login_with_the_hint(gui):
    controller = gui.start()
    wizard = gui.wait_dialog(controller, FirstRunWizard)
    wizard.findChild(QRadioButton, "choice_demo").setChecked(True)
    _finish(wizard)          # the welcome page is the last page for the demo

    login = gui.wait_dialog(controller, LoginDialog)
    assert login.username.text() == "chief"
    gui.qtbot.waitUntil(lambda: login.hint.text() != "", timeout=10_000)
    assert "演示数据" in login.hint.text() and "demo1234" in login.hint.text()
    assert "chief" in login.hint.text() and "officer" in login.hint.text()
    assert login.unit.text() == "玛沁县大武超限检测站"
    window = gui.login(controller, "chief")
    greeting = window.area("dashboard").greeting
    gui.qtbot.waitUntil(lambda: "才让东智" in greeting.text(), timeout=10_000)
    gui.close()
    with reopened(gui.data_dir) as store:
        names = {a["username"] for a in store.query("SELECT username FROM accounts")}
        assert names == {"chief", "reviewer", "officer", "officer2", "admin"}
        assert store.setting("demo") == "1"
