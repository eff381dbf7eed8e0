"""Signing from the ledger, with the real widgets: 责任人签字 of one's rows, 审核 and 单位盖章 of a
campaign's ledger through the signing dialog (what is shown is what is signed; a wrong passphrase
keeps the dialog open and signs nothing), the 责任人签字 column and the row and ledger panels
showing valid, stale and unsigned."""
from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QDialogButtonBox, QLabel, QLineEdit, QTableWidget
from test_ui_ledger import db, open_ledger, wait_rows_loaded
from ui_helpers import WAIT

from models import keys, ledger_signing, problems
from models.demo import DEMO_PASSWORD
from models.session import login

QINGHAI_DOC_NO = "青交执法监法〔2023〕30号"


def _login(store: Any, user: str) -> Any:
    return login(store, user, DEMO_PASSWORD)


def _as(gui: Any, controller: Any, user: str, fn: Any, *args: Any, **kwargs: Any) -> Any:
    """Run core ``fn`` as ``user`` on the controller's worker."""
    def run(store: Any) -> Any:
        return fn(_login(store, user), *args, **kwargs)
    return gui.call(controller, run, controller.store)


def _choose_campaign(gui: Any, page: Any) -> int:
    index = next(i for i in range(page.campaign.count())
                 if "突出问题" in page.campaign.itemText(i))
    with gui.qtbot.waitSignal(page.model.reloaded, timeout=WAIT):
        page.campaign.setCurrentIndex(index)
    gui.qtbot.waitUntil(lambda: page.signature_bar.state is not None, timeout=WAIT)
    gui.idle(page.controller)
    return int(page.campaign.currentData())


def _sign(gui: Any, dialog: Any, passphrase: str) -> None:
    dialog.findChild(QLineEdit, "passphrase").setText(passphrase)
    dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Ok).click()


def _texts(dialog: Any) -> str:
    return "\n".join(label.text() for label in dialog.findChildren(QLabel))


def _signature_texts(gui: Any, page: Any) -> dict[int, str]:
    wait_rows_loaded(gui, page, range(page.model.rowCount()))
    column = page.model.columnCount() - 1
    return {page.model.row_values(r)["seq_no"]: page.model.index(r, column).data()
            for r in range(page.model.rowCount())}


def test_officer_signs_his_rows_and_a_change_makes_one_stale(gui):
    controller, window = gui.demo_window("officer")
    gui.call(controller, keys.create_own_key, controller.session, DEMO_PASSWORD)
    page = open_ledger(gui, window)
    campaign = _choose_campaign(gui, page)
    bar = page.signature_bar
    assert bar.isVisible() and bar.sign_mine.isVisible()
    assert not bar.review.isVisible() and not bar.seal.isVisible()
    assert "尚未审核" in bar.summary.text()
    mine = db(gui, controller, "SELECT id, seq_no FROM problems WHERE campaign_id = ? AND"
              " responsible_person_id = ? ORDER BY seq_no",
              (campaign, controller.session.person_id))
    assert len(mine) == 2
    assert set(_signature_texts(gui, page).values()) == {"未签字"}

    bar.sign_mine.click()
    gui.qtbot.waitUntil(lambda: bar.dialog is not None and bar.dialog.isVisible(), timeout=WAIT)
    dialog = bar.dialog
    table = dialog.findChild(QTableWidget, "sign_rows")
    assert [table.item(r, 0).text() for r in range(table.rowCount())] == [
        str(m["seq_no"]) for m in mine]
    # a wrong passphrase: the dialog stays, says so in Chinese, nothing is signed
    _sign(gui, dialog, "wrong-password")
    gui.qtbot.waitUntil(lambda: "不正确" in _texts(dialog), timeout=WAIT)
    assert dialog.isVisible()
    assert db(gui, controller, "SELECT count(*) AS n FROM signatures")[0]["n"] == 0
    with gui.qtbot.waitSignal(page.model.reloaded, timeout=WAIT):
        _sign(gui, dialog, DEMO_PASSWORD)
    gui.qtbot.waitUntil(lambda: not dialog.isVisible(), timeout=WAIT)
    texts = _signature_texts(gui, page)
    assert [texts[m["seq_no"]] for m in mine] == ["✓ 有效", "✓ 有效"]
    assert sum(t == "未签字" for t in texts.values()) == 2

    # a change through the app: that row reads stale, and its panel says what changed
    with gui.qtbot.waitSignal(page.model.reloaded, timeout=WAIT):
        gui.call(controller, problems.update_problem, controller.session, mine[0]["id"],
                 completion="已废止罚没排名通报")
    texts = _signature_texts(gui, page)
    assert texts[mine[0]["seq_no"]] == "⚠ 已过期"
    tip = page.model.index(page.model.row_of(mine[0]["id"]), page.model.columnCount() - 1).data(3)
    assert "改动 1 次" in tip and "整改完成情况" in tip
    page.table.selectRow(page.model.row_of(mine[0]["id"]))
    panel = page.row_signature
    gui.qtbot.waitUntil(lambda: panel.problem_id == mine[0]["id"], timeout=WAIT)
    assert "整改完成情况" in panel.detail.text() and panel.changes.isVisible()
    assert panel.sign.isVisible() and panel.sign.isEnabled()
    panel.changes.click()
    tree = panel.dialog.tree
    assert tree.topLevelItemCount() == 1 and tree.topLevelItem(0).text(2) == "已废止罚没排名通报"
    panel.dialog.reject()


def test_reviewer_reviews_and_chief_seals_what_they_were_shown(gui):
    controller, window = gui.demo_window("reviewer")
    gui.call(controller, keys.create_own_key, controller.session, DEMO_PASSWORD)
    _as(gui, controller, "chief", keys.create_seal_key, DEMO_PASSWORD)
    page = open_ledger(gui, window)
    campaign = _choose_campaign(gui, page)
    bar = page.signature_bar
    assert bar.review.isVisible() and not bar.seal.isVisible()
    bar.review.click()
    gui.qtbot.waitUntil(lambda: bar.dialog is not None and bar.dialog.isVisible(), timeout=WAIT)
    dialog = bar.dialog
    state = gui.call(controller, ledger_signing.ledger_state, controller.session, campaign)
    shown = dialog.findChild(QLabel, "content_hash").text().replace(" ", "").replace("\n", "")
    assert shown == state["sha256"]
    assert dialog.findChild(QTableWidget, "sign_ledger_rows").rowCount() == len(state["rows"])
    assert "第 1 版" in dialog.findChild(QLabel, "sign_revision").text()
    assert "未签字 4" in dialog.findChild(QLabel, "sign_confirmations").text()
    _sign(gui, dialog, DEMO_PASSWORD)
    gui.qtbot.waitUntil(lambda: not dialog.isVisible(), timeout=WAIT)
    gui.qtbot.waitUntil(lambda: "✓ 有效" in bar.summary.text(), timeout=WAIT)
    assert bar.summary.text().startswith("第 1 版：审核 马文斌")

    # the chief seals the same revision (through the core here); then an edit starts draft 2
    def seal(store: Any) -> Any:
        chief = _login(store, "chief")
        sha = ledger_signing.ledger_state(chief, campaign, with_rows=False)["sha256"]
        return ledger_signing.seal_ledger(chief, campaign, DEMO_PASSWORD, sha)
    gui.call(controller, seal, controller.store)
    row = db(gui, controller, "SELECT id FROM problems WHERE campaign_id = ? ORDER BY seq_no"
             " LIMIT 1", (campaign,))[0]["id"]
    with gui.qtbot.waitSignal(page.model.reloaded, timeout=WAIT):
        _as(gui, controller, "chief", problems.update_problem, row, measures="新的整改措施")
    gui.qtbot.waitUntil(lambda: "第 2 版草稿" in bar.summary.text(), timeout=WAIT)
    assert "⚠ 已过期" in bar.summary.text() and "改动 1 行" in bar.summary.text()
    bar.details.click()
    details = bar.dialog
    assert details.tree.topLevelItemCount() == 1
    assert details.tree.topLevelItem(0).childCount() == 2
    assert details.changes.topLevelItem(0).text(1) == "修改：整改措施"
    details.reject()


def test_a_chief_without_the_seal_key_is_told_what_to_do(gui):
    controller, window = gui.demo_window("chief")
    page = open_ledger(gui, window)
    _choose_campaign(gui, page)
    bar = page.signature_bar
    assert bar.seal.isVisible() and not bar.review.isVisible()
    bar.seal.click()
    gui.qtbot.waitUntil(lambda: bar.dialog is not None and bar.dialog.isVisible(), timeout=WAIT)
    dialog = bar.dialog
    assert "尚未经审核" in dialog.findChild(QLabel, "sign_warning").text()
    _sign(gui, dialog, DEMO_PASSWORD)
    gui.qtbot.waitUntil(lambda: "签章密钥" in _texts(dialog), timeout=WAIT)
    assert dialog.isVisible()
    dialog.reject()
