"""GUI: login, the main window's areas, what it remembers, and the start-up refusals."""
from __future__ import annotations

import contextlib
import hashlib

from PySide6.QtCore import QByteArray
from PySide6.QtWidgets import QLabel, QMessageBox

from models.demo import QINGHAI_2023, XIANGYUAN_2024
from ui.login import LoginDialog
from ui.mainwindow import AREAS
from ui.pages.settings import SettingsPage
from ui_helpers import NAV_ZH, make_demo, make_settings


def test_wrong_password_keeps_the_dialog_then_login_opens_the_main_window(gui):
    make_demo(gui.data_dir)
    controller = gui.start()
    dialog = gui.wait_dialog(controller, LoginDialog)
    dialog.username.setText("chief")
    dialog.password.setText("wrong-password")
    dialog.buttons.accepted.emit()       # what the 登录 button does
    gui.qtbot.waitUntil(lambda: dialog.message.text() == "用户名或密码不正确。", timeout=10_000)
    gui.idle(controller)
    assert dialog.isVisible() and controller.dialog is dialog
    assert controller.window is None
    assert dialog.buttons.isEnabled()    # the user can try again
    assert dialog.password.selectedText() == "wrong-password"   # ready to be typed over

    window = gui.login(controller, "chief")
    assert not dialog.isVisible()
    assert controller.session.username == "chief"
    nav = window.findChild(type(window.nav), "navigation")
    assert nav is window.nav
    assert [nav.item(i).text() for i in range(nav.count())] == NAV_ZH
    assert nav.currentRow() == 0

    dashboard = window.area("dashboard")
    assert window.stack.currentWidget() is dashboard
    gui.qtbot.waitUntil(lambda: "才让东智" in dashboard.greeting.text(), timeout=10_000)
    assert "负责人" in dashboard.greeting.text()
    assert "玛沁县大武超限检测站" in dashboard.greeting.text()
    tree = dashboard.campaigns
    gui.qtbot.waitUntil(lambda: tree.topLevelItemCount() == 2, timeout=10_000)
    doc_nos = {tree.topLevelItem(i).text(1) for i in range(2)}
    assert doc_nos == {"青交执法监法〔2023〕30号", "襄交〔2024〕127号"}
    titles = {tree.topLevelItem(i).text(0) for i in range(2)}
    assert titles == {QINGHAI_2023["title"], XIANGYUAN_2024["title"]}
    # Each campaign lists its categories, phases and materials below it.
    qinghai = next(tree.topLevelItem(i) for i in range(2)
                   if tree.topLevelItem(i).text(1) == QINGHAI_2023["doc_no"])
    assert qinghai.childCount() == 1 + len(QINGHAI_2023["phases"]) + len(QINGHAI_2023["materials"])
    assert qinghai.child(0).text(0).startswith("问题类别：逐利执法")
    assert window.findChild(QLabel, "who").text() == "当前用户：才让东智\n角色：负责人"


def test_closing_on_settings_is_remembered_for_the_next_start(gui):
    make_demo(gui.data_dir)
    controller = gui.start()
    window = gui.login(controller, "chief")
    window.show_area("settings")
    assert window.stack.currentWidget() is window.area("settings")
    # Not the default 1200 x 780; small enough for the 800 x 800 offscreen screen, which
    # restoreGeometry() would otherwise shrink the window to.
    window.resize(900, 640)
    gui.qtbot.wait(50)
    saved_size = window.size()
    assert (saved_size.width(), saved_size.height()) == (900, 640)
    window.close()
    gui.idle(controller)
    controller.shutdown()
    gui.settings.sync()
    assert gui.settings.value("main/area") == "settings"
    assert isinstance(gui.settings.value("main/geometry"), QByteArray)

    # A new start with the settings read back from the file.
    settings = make_settings(gui.tmp_path)
    assert settings.value("last_username") == "chief"
    second = gui.start(settings=settings)
    dialog = gui.wait_dialog(second, LoginDialog)
    assert dialog.username.text() == "chief"     # the last user name is offered
    window2 = gui.login(second, "chief")
    assert window2 is not window
    assert window2.nav.currentRow() == AREAS.index("settings")
    # The area itself is built just after the window shows.
    gui.qtbot.waitUntil(lambda: isinstance(window2.stack.currentWidget(), SettingsPage),
                        timeout=10_000)
    assert window2.stack.currentWidget() is window2.area("settings")
    assert window2.size() == saved_size


def test_second_window_on_the_same_data_folder_is_refused(gui):
    make_demo(gui.data_dir)
    boxes = gui.boxes
    first = gui.start()
    gui.wait_dialog(first, LoginDialog)

    second = gui.controller()
    assert second.start() is False
    warnings = boxes.of("warning")
    assert len(warnings) == 1
    title, text = warnings[0]
    assert title == "执法台账已在运行"
    assert "已被另一个执法台账窗口打开" in text and str(gui.data_dir.root) in text
    assert second.store is None and second.dialog is None and second.worker.pending == 0
    second.shutdown()

    # Once the first one has shut down, the folder can be opened again.
    gui.close()
    third = gui.start()
    gui.wait_dialog(third, LoginDialog)


def test_corrupt_database_shows_the_error_box_and_leaves_the_file_alone(gui):
    gui.data_dir.root.mkdir(parents=True)
    garbage = b"This is not an SQLite database, it is a scanned letter.\n" * 300
    gui.data_dir.database.write_bytes(garbage)
    digest = hashlib.sha256(garbage).hexdigest()
    seen: dict[str, object] = {}

    def on_box(box: QMessageBox) -> None:
        seen["title"] = box.windowTitle()
        seen["text"] = box.text()
        seen["buttons"] = [b.text() for b in box.buttons()]
        seen["icon"] = box.icon()
        quit_button = next(b for b in box.buttons() if b.text() == "退出")
        quit_button.click()

    gui.modal.on_next(QMessageBox, on_box)
    controller = gui.start()
    gui.qtbot.waitUntil(lambda: bool(gui.modal.handled) or bool(gui.modal.errors), timeout=10_000)
    gui.modal.check()
    gui.qtbot.waitUntil(lambda: bool(gui.quit_calls), timeout=10_000)  # 退出 quits the app

    assert seen["title"] == "无法打开台账数据库"
    assert seen["icon"] == QMessageBox.Icon.Critical
    assert "数据库文件已损坏" in seen["text"] and str(gui.data_dir.database) in seen["text"]
    assert "程序没有修改这个文件" in seen["text"]
    assert sorted(seen["buttons"]) == sorted(["重试", "选择其他数据文件夹…", "退出"])
    assert controller.store is None and controller.window is None and controller.dialog is None
    assert hashlib.sha256(gui.data_dir.database.read_bytes()).hexdigest() == digest
    assert not gui.data_dir.database.with_name(gui.data_dir.database.name + "-wal").exists()


def test_keyboard_shortcuts_switch_areas(gui):
    """Ctrl+1 … Ctrl+6 switch areas once the window has settled (they are set just after show)."""
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QKeySequence

    controller, window = gui.demo_window("chief")
    gui.qtbot.waitUntil(
        lambda: any(a.shortcut() == QKeySequence("Ctrl+7") for a in window.actions()),
        timeout=5_000)
    window.activateWindow()
    gui.qtbot.keyClick(window, Qt.Key.Key_7, Qt.KeyboardModifier.ControlModifier)
    gui.qtbot.waitUntil(lambda: window.nav.currentRow() == 6, timeout=5_000)
    assert window.stack.currentWidget() is window.area("settings")
    gui.qtbot.keyClick(window, Qt.Key.Key_1, Qt.KeyboardModifier.ControlModifier)
    gui.qtbot.waitUntil(lambda: window.nav.currentRow() == 0, timeout=5_000)
    assert window.large_action.shortcut() == QKeySequence("Ctrl+Shift+L")


def test_dashboard_marks_passed_deadlines_in_grey(gui):
    """Phases past their deadline are shown in grey (colour set by the foreground role's value)."""
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QColor

    from ui.pages.dashboard import DONE, FOREGROUND_ROLE

    assert FOREGROUND_ROLE == Qt.ItemDataRole.ForegroundRole.value
    _controller, window = gui.demo_window("chief")
    tree = window.area("dashboard").campaigns
    gui.qtbot.waitUntil(lambda: tree.topLevelItemCount() == 2, timeout=10_000)
    phase = tree.topLevelItem(0).child(1)          # the first phase (2023/2024: long past)
    assert phase.text(3) == "已过截止日"
    assert QColor(phase.foreground(3).color()) == DONE


def test_dashboard_summarises_the_ledger_and_lists_my_items(gui):
    """工作台: counts of the whole ledger (全部专项行动), and the officer's own problems not yet
    struck off, soonest deadline first."""
    from PySide6.QtWidgets import QComboBox, QLabel, QTreeWidget

    _controller, window = gui.demo_window("officer")
    board = window.area("dashboard")
    chooser = board.findChild(QComboBox, "dashboard_campaign")
    gui.qtbot.waitUntil(lambda: chooser.count() == 3, timeout=10_000)
    chooser.setCurrentIndex(0)   # 全部专项行动
    figure = {key: board.findChild(QLabel, f"kpi_{key}") for key in ("total", "closed", "rate")}
    gui.qtbot.waitUntil(lambda: figure["total"].text() == "7", timeout=10_000)
    assert (figure["closed"].text(), figure["rate"].text()) == ("2", "29%")
    mine = board.findChild(QTreeWidget, "my_items")
    with _open(gui) as store:    # a second connection beside the app's (WAL allows it)
        expected = [r[0] for r in store.conn.execute(
            "SELECT p.issue FROM problems p JOIN accounts a ON a.person_id = p.responsible_person_id"
            " WHERE a.username = 'officer' AND p.status <> 'closed'"
            " ORDER BY p.deadline, p.id")]
    assert expected, "the demo gives the officer open problems"
    assert [mine.topLevelItem(i).text(1) for i in range(mine.topLevelItemCount())] == expected


@contextlib.contextmanager
def _open(gui):
    from models.store import open_store
    store = open_store(gui.data_dir)
    try:
        yield store
    finally:
        store.close()
