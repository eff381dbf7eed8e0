"""GUI: error messages in English mode put their inserted labels (a field's name, a status, a role,
an operation) into English too; what the user typed stays as typed.

Two catalogues: the shipped one (statuses, roles and operations are translated there already), and
a stand-in catalogue with a few ``fields`` labels, since the English of the new ``fields`` context
is filled in afterwards. The check of a field label against the shipped catalogue is written so
that it holds before and after that translation.
"""
from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QInputDialog

from models import problems, validate
from models.errors import FIELD_LABELS, NotFound, PermissionDenied, ValidationError
from ui.errors import describe, label_text
from ui_helpers import WAIT, build_english_catalogue, point_app_at_catalogue

from test_ui_ledger import click, db, open_ledger, step_button
from test_ui_problem_form import select_problem

_CJK = re.compile(r"[\u4e00-\u9fff]")

#: (context, Chinese, English) of the stand-in catalogue
STAND_IN = [
    ("errors", "“{field}”不能为空。", "“{field}” cannot be empty."),
    ("errors", "找不到{what}（编号 {key}），可能已被删除。", "Could not find {what} (ID {key})."),
    ("errors", "您没有权限执行“{operation}”。此操作需要以下角色之一：{roles}。",
     "You may not “{operation}”; it needs one of: {roles}."),
    ("errors", "无法完成操作", "Could not complete the operation"),
    ("fields", "存在问题", "Problem"),
    ("fields", "问题", "problem"),
    ("fields", "、", ", "),
    ("roles", "负责人", "Chief"),
    ("roles", "法制审核", "Legal reviewer"),
    ("operations", "验收销号", "Verify and strike off"),
]


@pytest.fixture
def stand_in_catalogue(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """fieldledger_en.qm with :data:`STAND_IN` only, in a folder the app is pointed at."""
    return point_app_at_catalogue(tmp_path / "i18n", STAND_IN, monkeypatch)


def _error(fn: Any, *args: Any, **kwargs: Any) -> BaseException:
    try:
        fn(*args, **kwargs)
    except Exception as exc:  # noqa: BLE001 - the error is what is tested
        return exc
    raise AssertionError("no error raised")


def validate_error() -> BaseException:
    """What an empty 存在问题 raises in the core."""
    return _error(validate.text, "", "存在问题")


def test_a_field_label_is_english_in_the_message_box(gui, stand_in_catalogue):
    """The officer empties 存在问题 and saves, in English: the box names the field in English."""
    controller, window = gui.demo_window("officer")
    controller.set_language("en")
    gui.qtbot.waitUntil(lambda: controller.window is not None
                        and controller.window.isVisible(), timeout=WAIT)
    page = open_ledger(gui, controller.window)
    form = page.form
    select_problem(gui, page, "执法记录仪未全程记录")
    form.issue.clear()
    click(gui, form.save_button)
    gui.qtbot.waitUntil(lambda: bool(gui.boxes.of("warning")), timeout=WAIT)
    gui.idle(controller)
    ((title, text),) = gui.boxes.of("warning")
    assert (title, text) == ("Could not complete the operation", "“Problem” cannot be empty.")

    # Labels joined by 、 (the roles a permission needs), an operation, a thing not found.
    denied = PermissionDenied(operation="验收销号", roles="负责人、法制审核")
    assert describe(denied) == ("You may not “Verify and strike off”; it needs one of: "
                                "Chief, Legal reviewer.")
    assert describe(NotFound(what="问题", key=7)) == "Could not find problem (ID 7)."
    # What the user typed is never taken for a label, even where a label fits in.
    assert label_text("存在问题（复查）") == "存在问题（复查）"
    assert label_text("负责人、站长") == "负责人、站长"

    controller.set_language("zh_CN")
    assert describe(denied) == ("您没有权限执行“验收销号”。"
                                "此操作需要以下角色之一：负责人、法制审核。")
    assert str(validate_error()) == "“存在问题”不能为空。"


def test_statuses_roles_and_operations_are_english_with_the_shipped_catalogue(
        gui, monkeypatch):
    """Labels the shipped catalogue translates already; a field label once it is translated."""
    build_english_catalogue()
    monkeypatch.setattr(QInputDialog, "getMultiLineText",
                        staticmethod(lambda *_a, **_k: ("", True)))
    controller, window = gui.demo_window("officer")
    page = open_ledger(gui, window)
    row = select_problem(gui, page, "处罚决定书送达超期")
    assert row["status"] == "rectified"
    controller.set_language("en")
    gui.qtbot.waitUntil(lambda: controller.window is not None
                        and controller.window.isVisible(), timeout=WAIT)
    page = open_ledger(gui, controller.window)
    select_problem(gui, page, "处罚决定书送达超期")

    # The officer may not strike it off: the box names the operation and the roles in English.
    click(gui, step_button(gui, page.form, "closed"))
    gui.qtbot.waitUntil(lambda: bool(gui.boxes.of("warning")), timeout=WAIT)
    gui.idle(controller)
    ((_title, text),) = gui.boxes.of("warning")
    tr = QCoreApplication.translate
    operation, chief, reviewer = (tr("operations", "验收销号"), tr("roles", "负责人"),
                                  tr("roles", "法制审核"))
    assert not _CJK.search(operation + chief + reviewer), "the shipped catalogue lost them"
    assert f"“{operation}”" in text and chief in text and reviewer in text
    assert "验收销号" not in text and "负责人" not in text and "法制审核" not in text

    # A step the lifecycle does not have: both statuses in English.
    (open_row,) = db(gui, controller, "SELECT id FROM problems WHERE status = 'open' LIMIT 1")
    exc = _error(gui.call, controller, problems.transition, controller.session,
                 open_row["id"], "closed")
    assert isinstance(exc, ValidationError)
    message = describe(exc)
    assert tr("problems", "待整改") in message and tr("problems", "已销号") in message
    assert not _CJK.search(message), message

    # A field label: English as soon as the fields context has its translation (until then the
    # label stays Chinese inside the English sentence, and this still holds).
    label = tr("fields", "存在问题")
    assert describe(validate_error()) == tr("errors", "“{field}”不能为空。").format(field=label)
    assert "存在问题" in FIELD_LABELS


def test_a_key_state_inside_a_message_is_translated(gui, translations) -> None:
    """The state put into “签名密钥 … 已{state}” follows the language like field labels do."""
    from models.key_unlock import KeyNotUsable
    build_english_catalogue()
    translations.set_language("en")     # the gui fixture puts Chinese back afterwards
    text = describe(KeyNotUsable(fingerprint="ABCD-EFGH-IJKL-MNOP", state="吊销"))
    assert text == "Signing key ABCD-EFGH-IJKL-MNOP is revoked and can no longer sign."
