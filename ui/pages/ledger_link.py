"""Opening one problem in the 问题台账 area from another area (a self-check answer, a review).

The ledger shows the problem selected, its form open. When the ledger's current filter hides
it, the filter is set back to everything first (campaign, category, status, person, source,
due dates and search), so the problem asked for is always found.
"""
from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QWidget


def _reset_filter(ledger: Any) -> None:
    """Every filter of the ledger back to 全部, then one reload."""
    widgets = [ledger.campaign, ledger.category, ledger.status, ledger.person, ledger.source,
               ledger.overdue, ledger.due_soon, ledger.search]
    for widget in widgets:
        widget.blockSignals(True)
    for combo in (ledger.campaign, ledger.category, ledger.status, ledger.person, ledger.source):
        combo.setCurrentIndex(0)
    ledger.overdue.setChecked(False)
    ledger.due_soon.setChecked(False)
    ledger.search.clear()
    for widget in widgets:
        widget.blockSignals(False)
    ledger.apply_filter()


def open_in_ledger(widget: QWidget, problem_id: int) -> bool:
    """Switch the main window of ``widget`` to 问题台账 and select ``problem_id`` there (now, or
    once the ledger has loaded). False when ``widget`` is not in a main window."""
    window = widget.window()
    if not hasattr(window, "show_area"):
        return False
    ledger = window.area("ledger")
    window.show_area("ledger")
    model, table = ledger.model, ledger.table

    def select() -> bool:
        row = model.row_of(problem_id)
        if row is None:
            return False
        table.selectRow(row)
        table.scrollTo(model.index(row, 0))
        table.setFocus()
        return True

    def after_reload(retry: bool) -> None:
        def once() -> None:
            model.reloaded.disconnect(once)
            if not select() and retry:
                after_reload(False)
                _reset_filter(ledger)
        model.reloaded.connect(once)

    if select():
        return True
    if model.ids or ledger.worker.pending == 0:
        # Loaded, and the filter hides it (or a reload for a change is still to come).
        after_reload(False)
        _reset_filter(ledger)
    else:
        after_reload(True)    # the first load is on its way
    return True
