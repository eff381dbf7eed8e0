"""models.reminders.late_work and the 工作台 note built from it: 执法监督意见书 not answered by
their deadline, 投诉举报线索 not closed in 15 days, and letters an office waits on."""
from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path
from typing import Any

from conftest import login_as
from core_helpers import director
from test_letters import OVERDUE, issue_and_receive, letter_id

from models import leads, letters, reminders
from models.store import Store


def test_late_and_soon_letters_and_leads_at_the_unit(station: Store) -> None:
    chief = login_as(station, "chief")
    late = reminders.late_work(chief)
    assert [n for n, _d in late.letters_late] == [OVERDUE]     # the signed one is answered
    assert late.letters_soon == [] and late.issued_late == []
    assert (late.leads_late, late.leads_soon) == (1, 0)        # the demo's lead of 20 days ago

    deadline = date.fromisoformat(letters.received_letter(
        station.conn, letter_id(station, OVERDUE))["deadline"])
    before = reminders.late_work(chief, deadline - timedelta(days=3))
    assert [n for n, _d in before.letters_soon] == [OVERDUE] and before.letters_late == []

    officer = login_as(station, "officer")
    leads.create_lead(officer, received_date=(date.today() - timedelta(days=13)).isoformat(),
                      channel="12328", content="反映检测站复磅等候时间过长")
    assert reminders.late_work(chief).leads_soon == 1
    # Closed leads are no longer late.
    (lid,) = [r["id"] for r in leads.list_leads(chief, leads.LeadFilter(overdue=True))]
    leads.close_lead(chief, lid, result="已答复来电人。")
    assert reminders.late_work(chief).leads_late == 0


def test_letters_the_office_waits_on(station: Store, office: Store, tmp_path: Path) -> None:
    issue_and_receive(station, office, tmp_path / "stick", "2024-06-30")
    boss = director(office)
    late = reminders.late_work(boss)
    assert late.issued_late == [("果交执法监〔2024〕9号", "玛沁县大武超限检测站")]
    assert reminders.late_work(boss, date(2024, 6, 30)).issued_late == []


def test_dashboard_note_links_to_the_letters_and_leads(gui: Any) -> None:
    controller, window = gui.demo_window("chief")
    board = window.area("dashboard")
    gui.qtbot.waitUntil(lambda: board.notes.late.isVisible(), timeout=10_000)
    text = board.notes.late.text()      # this demo has no letters; its leads are late
    assert "1 条投诉举报线索超过 15 天未办结" in text and "href='leads'" in text
    board.notes.late.linkActivated.emit("letters")
    page = window.area("submission")
    assert window.stack.currentWidget() is page and page.tabs.currentWidget() is page.instructions
    board.notes.late.linkActivated.emit("leads")
    assert window.stack.currentWidget() is window.area("ledgers")
    window.grab().save(str(gui.tmp_path / "dashboard.png"))
