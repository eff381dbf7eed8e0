"""GUI: the 工作台 per campaign: the campaign chooser and its memory, the figures and charts against
the database, the overdue list and opening a problem from it; and the core's count by category.

Real widgets offscreen on a real SQLite file (the demo: two campaigns, seven problems). Expected
values are read with SQL of their own on a second connection (WAL allows it), never through the
query layer under test.
"""
from __future__ import annotations

import contextlib
from datetime import date, timedelta
from typing import Any, Iterator

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QTreeWidget

from models import ledger_query, problems
from models.demo import QINGHAI_2023, XIANGYUAN_2024, create_demo
from models.ledger_query import LedgerFilter
from models.store import Store, open_store
from ui.pages.dashboard import (ALL, OVERDUE_ITEMS, SETTING, USER_ROLE, chosen_campaign,
                                default_campaign)
from ui_helpers import WAIT, make_settings

TODAY = date.today().isoformat()


# --- helpers -------------------------------------------------------------------------------------

@contextlib.contextmanager
def second_connection(gui: Any) -> Iterator[Store]:
    store = open_store(gui.data_dir)
    try:
        yield store
    finally:
        store.close()


def campaign_id(store: Store, doc_no: str) -> int:
    return store.conn.execute("SELECT id FROM campaigns WHERE doc_no = ?", (doc_no,)).fetchone()[0]


def where(cid: int | None) -> tuple[str, list[Any]]:
    return ("WHERE campaign_id = ?", [cid]) if cid is not None else ("", [])


def expected_status(store: Store, cid: int | None) -> dict[str, int]:
    sql, params = where(cid)
    found = dict(store.conn.execute(
        f"SELECT status, count(*) FROM problems {sql} GROUP BY status", params).fetchall())
    return {key: found.get(key, 0) for key in problems.STATUSES}


def expected_categories(store: Store, cid: int | None) -> dict[str, tuple[int, int]]:
    """category -> (closed, not closed) of the problems; a campaign's categories count 0 too."""
    sql, params = where(cid)
    out = {name: (0, 0) for (name,) in store.conn.execute(
        "SELECT name FROM campaign_categories WHERE campaign_id = ?", [cid])} if cid else {}
    for name, closed, total in store.conn.execute(
            f"SELECT category, sum(status = 'closed'), count(*) FROM problems {sql}"
            " GROUP BY category", params):
        out[name] = (closed, total - closed)
    return out


def expected_overdue(store: Store, cid: int | None) -> list[tuple[int, str]]:
    sql, params = where(cid)
    sql = (sql + " AND" if sql else "WHERE") + " deadline < ? AND deadline <> '' AND status <> 'closed'"
    return [(r[0], r[1]) for r in store.conn.execute(
        f"SELECT id, issue FROM problems {sql} ORDER BY deadline, id", [*params, TODAY])]


def board_of(gui: Any, window: Any) -> Any:
    """The dashboard once its data and its charts are shown."""
    board = window.area("dashboard")
    gui.qtbot.waitUntil(lambda: board.category_chart is not None
                        and board.campaign.count() == 3, timeout=WAIT)
    gui.idle(board.controller)
    gui.qtbot.waitUntil(lambda: board._data is not None, timeout=WAIT)
    return board


def choose(gui: Any, board: Any, cid: int | None) -> None:
    """Pick ``cid`` (None: 全部专项行动) in the chooser, as a user does, and wait for the charts."""
    index = 0 if cid is None else board.campaign.findData(cid)
    assert index >= 0
    board.campaign.setCurrentIndex(index)
    gui.idle(board.controller)
    gui.qtbot.waitUntil(lambda: board._data["campaign_id"] == cid, timeout=WAIT)
    gui.qtbot.wait(20)   # the charts follow right after the lists


def assert_shows(board: Any, store: Store, cid: int | None) -> None:
    """Figures, both charts and the overdue list equal the database's counts for ``cid``."""
    status = expected_status(store, cid)
    assert board.status_chart.values() == status
    total, closed = sum(status.values()), status["closed"]
    assert board.findChild(QLabel, "kpi_total").text() == str(total)
    assert board.findChild(QLabel, "kpi_closed").text() == str(closed)
    assert board.findChild(QLabel, "kpi_rate").text() == (f"{closed / total:.0%}" if total else "—")
    bars = board.category_chart.values()
    assert {name: (c, o) for name, c, o in bars} == expected_categories(store, cid)
    if cid is not None:   # the campaign's own order first
        listed = [r[0] for r in store.conn.execute(
            "SELECT name FROM campaign_categories WHERE campaign_id = ? ORDER BY position", [cid])]
        assert [name for name, _c, _o in bars][:len(listed)] == listed
    late = expected_overdue(store, cid)
    tree = board.findChild(QTreeWidget, "overdue")
    shown = [(tree.topLevelItem(i).data(0, USER_ROLE), tree.topLevelItem(i).text(1))
             for i in range(tree.topLevelItemCount())]
    assert shown == late[:OVERDUE_ITEMS]
    assert board.findChild(QLabel, "kpi_overdue").text() == str(len(late))


# --- choosing the campaign ------------------------------------------------------------------------

def test_the_default_campaign_is_the_one_in_progress_with_the_latest_start() -> None:
    today = date(2024, 7, 1)
    items = [  # newest first, as all_campaigns gives them
        {"id": 3, "start_date": "2024-09-01", "end_date": "2024-12-31"},   # not started
        {"id": 2, "start_date": "2024-06-01", "end_date": "2024-10-20"},   # in progress
        {"id": 1, "start_date": "2023-01-01", "end_date": None},           # in progress, older
    ]
    assert default_campaign(items, today) == 2
    assert default_campaign(items, date(2024, 11, 1)) == 3      # 3 is in progress then
    assert default_campaign(items[:1], today) == 3              # none in progress: the latest
    # None in progress: the latest one whose problems are not all struck off.
    ended = [*items[:2], {"id": 1, "start_date": "2023-01-01", "end_date": "2023-12-31"}]
    assert default_campaign(ended, date(2026, 1, 1), {1: 4, 2: 0}) == 1
    assert default_campaign(ended, date(2026, 1, 1), {}) == 3
    assert default_campaign([], today) is None
    assert chosen_campaign(items, "1", today) == 1              # as QSettings gives it back
    assert chosen_campaign(items, 1, today) == 1
    assert chosen_campaign(items, ALL, today) is None
    assert chosen_campaign(items, "99", today) == 2             # deleted since: the default
    assert chosen_campaign(items, None, today) == 2


def test_charts_and_figures_follow_the_chosen_campaign_and_the_choice_is_remembered(gui):
    controller, window = gui.demo_window("chief")
    board = board_of(gui, window)
    with second_connection(gui) as store:
        qinghai = campaign_id(store, QINGHAI_2023["doc_no"])
        xiangyuan = campaign_id(store, XIANGYUAN_2024["doc_no"])
        items = [dict(zip(("id", "start_date", "end_date"), r)) for r in store.conn.execute(
            "SELECT id, start_date, end_date FROM campaigns ORDER BY start_date DESC, id DESC")]
        default = default_campaign(items, date.today(), {int(k): n for k, n in store.conn.execute(
            "SELECT campaign_id, count(*) FROM problems WHERE status != 'closed'"
            " GROUP BY campaign_id") if k is not None})
        assert default in (qinghai, xiangyuan)
        # Nothing remembered yet: the default campaign, nothing written to the settings.
        assert board.campaign.currentData() == default
        assert gui.settings.value(SETTING) is None
        assert_shows(board, store, default)
        assert [board.campaign.itemText(i) for i in range(3)] == [
            "全部专项行动", XIANGYUAN_2024["title"], QINGHAI_2023["title"]]

        choose(gui, board, xiangyuan)
        assert_shows(board, store, xiangyuan)
        assert board.deadlines.isColumnHidden(2)
        # A campaign without problems: every category of it, in its order, at zero.
        assert [name for name, _c, _o in board.category_chart.values()] == \
            XIANGYUAN_2024["categories"]
        assert not board.findChild(QTreeWidget, "overdue").isVisible()

        choose(gui, board, qinghai)
        assert_shows(board, store, qinghai)
        assert board.status_chart.values()["closed"] == 2
        assert sum(board.status_chart.values().values()) == 4
        assert int(gui.settings.value(SETTING)) == qinghai

        choose(gui, board, None)
        assert_shows(board, store, None)
        assert sum(board.status_chart.values().values()) == 7
        assert gui.settings.value(SETTING) == ALL
        # Without a campaign the deadline list names each item's campaign; with one it does not.
        assert not board.deadlines.isColumnHidden(2)

        choose(gui, board, qinghai)

    # A new start reads the choice back from the settings file.
    window.close()
    gui.idle(controller)
    controller.shutdown()
    gui.settings.sync()
    second = gui.start(settings=make_settings(gui.tmp_path))
    window = gui.login(second, "officer")
    board = board_of(gui, window)
    assert board.campaign.currentData() == qinghai
    with second_connection(gui) as store:
        assert_shows(board, store, qinghai)


def test_a_changed_problem_updates_the_charts(gui):
    """The dashboard listens to the problems table: a step elsewhere is counted at once."""
    controller, window = gui.demo_window("chief")
    board = board_of(gui, window)
    choose(gui, board, None)
    before = board.status_chart.values()
    with second_connection(gui) as store:
        (pid,) = store.conn.execute("SELECT id FROM problems WHERE status = 'rectified'"
                                    " ORDER BY id LIMIT 1").fetchone()
    gui.call(controller, problems.transition, controller.session, pid, "closed", "")
    gui.qtbot.waitUntil(lambda: board.status_chart.values()["closed"] == before["closed"] + 1,
                        timeout=WAIT)
    assert board.status_chart.values()["rectified"] == before["rectified"] - 1
    assert board.findChild(QLabel, "kpi_closed").text() == str(before["closed"] + 1)


# --- overdue problems ----------------------------------------------------------------------------

def test_overdue_list_shows_the_first_ones_and_counts_the_rest(gui):
    make_extra = 10
    store = open_store(gui.data_dir)
    try:
        chief = create_demo(store)
        qinghai = campaign_id(store, QINGHAI_2023["doc_no"])
        person = store.conn.execute("SELECT person_id FROM accounts WHERE username = 'officer'"
                                    ).fetchone()[0]
        for i in range(make_extra):
            problems.create_problem(
                chief, campaign_id=qinghai, category="执法粗暴", issue=f"逾期问题{i}",
                responsible_person_id=person,
                deadline=(date.today() - timedelta(days=30 + i)).isoformat())
    finally:
        store.close()
    controller = gui.start()
    window = gui.login(controller, "chief")
    board = board_of(gui, window)
    choose(gui, board, qinghai)
    with second_connection(gui) as second:
        late = expected_overdue(second, qinghai)
        assert len(late) == 2 + make_extra
        assert_shows(board, second, qinghai)
    tree = board.findChild(QTreeWidget, "overdue")
    assert tree.topLevelItemCount() == OVERDUE_ITEMS
    more = board.findChild(QLabel, "more_overdue")
    assert more.isVisible() and f"另有 {len(late) - OVERDUE_ITEMS} 个" in more.text()
    # Overdue days in red, counted from the deadline.
    first = tree.topLevelItem(0)
    assert first.text(3) == f"{(date.today() - date.fromisoformat(first.text(0))).days} 天"
    # 执法粗暴 now has ten problems, none closed: the longest bar.
    bars = {name: (c, o) for name, c, o in board.category_chart.values()}
    assert bars["执法粗暴"] == (0, make_extra)


def test_double_clicking_an_overdue_problem_opens_it_in_the_ledger(gui):
    _controller, window = gui.demo_window("chief")
    board = board_of(gui, window)
    choose(gui, board, None)
    tree = board.findChild(QTreeWidget, "overdue")
    item = tree.topLevelItem(1)
    pid = item.data(0, USER_ROLE)
    rect = tree.visualItemRect(item)
    # A double click as a mouse gives it: press, release, then the second press as a double click.
    gui.qtbot.mouseClick(tree.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    gui.qtbot.mouseDClick(tree.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    ledger = window.area("ledger")
    gui.qtbot.waitUntil(lambda: window.stack.currentWidget() is ledger, timeout=WAIT)
    gui.qtbot.waitUntil(lambda: ledger.form.problem is not None
                        and ledger.form.problem["id"] == pid, timeout=WAIT)
    selected = [ledger.model.problem_id(i.row())
                for i in ledger.table.selectionModel().selectedRows()]
    assert selected == [pid]


# --- the core's count by category ------------------------------------------------------------------

def test_category_counts_in_the_campaigns_order_with_unlisted_categories_last(store):
    chief = create_demo(store, with_problems=True)
    demo = store
    qinghai = campaign_id(demo, QINGHAI_2023["doc_no"])
    pid = demo.conn.execute("SELECT id FROM problems WHERE campaign_id = ? AND category = ?",
                            (qinghai, "逐利执法")).fetchone()[0]
    with demo.write("test") as w:   # a category the campaign no longer lists (renamed since)
        w.update("problems", pid, {"category": "旧类别"})
    rows = ledger_query.category_counts(chief, LedgerFilter(campaign_id=qinghai))
    assert [r["category"] for r in rows] == [*QINGHAI_2023["categories"], "旧类别"]
    got = {r["category"]: (r["closed"], r["total"] - r["closed"]) for r in rows}
    assert got == expected_categories(demo, qinghai)
    assert got["逐利执法"] == (0, 0) and got["旧类别"] == (1, 0)

    everything = ledger_query.category_counts(chief)
    assert {r["category"]: (r["closed"], r["total"] - r["closed"]) for r in everything} == \
        expected_categories(demo, None)
    totals = [r["total"] for r in everything]
    assert totals == sorted(totals, reverse=True)
    # The other conditions of the filter apply too.
    closed_only = ledger_query.category_counts(chief, LedgerFilter(status="closed"))
    assert all(r["total"] == r["closed"] for r in closed_only)
    assert sum(r["total"] for r in closed_only) == 2


def test_first_ids_are_the_head_of_problem_ids(store):
    chief = create_demo(store, with_problems=True)
    today = date.today()
    for flt, sort, descending in ((LedgerFilter(), "seq_no", False),
                                  (LedgerFilter(overdue=True, today=today), "deadline", False),
                                  (LedgerFilter(status=("open", "in_progress")), "deadline", True),
                                  (LedgerFilter(campaign_id=1, text="执法"), "status", False)):
        every = ledger_query.problem_ids(chief, flt, sort, descending)
        for limit in (0, 1, 3, 50):
            assert ledger_query.first_ids(chief, flt, limit, sort, descending) == every[:limit]
