"""The ledger table: all matching ids loaded once, row values fetched lazily into a bounded cache.

:class:`LedgerModel` asks the worker for the ids of everything the filter shows (one query), and
for the display values of a block of rows only when the view paints one of them. Rows not yet
fetched show an ellipsis for a moment. The cache keeps at most :data:`CACHE_ROWS` rows, dropping
the least recently painted, so memory stays flat at 100,000 problems.
"""
from __future__ import annotations

from collections import OrderedDict
from typing import Any, NamedTuple

from PySide6.QtCore import (QAbstractTableModel, QCoreApplication, QModelIndex,
                            QPersistentModelIndex, Signal)
from PySide6.QtGui import QColor

from models import ledger_query
from models.i18n import QT_TRANSLATE_NOOP
from models.ledger_query import LedgerFilter
from models.problems import SOURCES, STATUSES
from models.session import Session

from ..i18n import translate
from ..worker import DbWorker

BLOCK = 100
CACHE_ROWS = 3000
# Qt.ItemDataRole values: naming them loads PySide's whole Qt namespace (see the dashboard).
DISPLAY_ROLE, TOOLTIP_ROLE, FOREGROUND_ROLE, BACKGROUND_ROLE = 0, 3, 9, 8
#: The roles the model answers. The view asks for seven roles of every painted cell, 100,000s of
#: calls while scrolling: the others are refused by one dict lookup (the role is an IntEnum,
#: which hashes as its int).
_ANSWERED = dict.fromkeys((DISPLAY_ROLE, TOOLTIP_ROLE, FOREGROUND_ROLE, BACKGROUND_ROLE), True)
HORIZONTAL = 1

OVERDUE_FG = QColor("#b00020")
OVERDUE_BG = QColor("#fdecee")
SOON_FG = QColor("#8a5300")
SOON_BG = QColor("#fff4e0")

#: (sort key of models.ledger_query, header text)
COLUMNS: list[tuple[str, str]] = [
    ("seq_no", QT_TRANSLATE_NOOP("LedgerModel", "序号")),
    ("category", QT_TRANSLATE_NOOP("LedgerModel", "问题方面")),
    ("issue", QT_TRANSLATE_NOOP("LedgerModel", "存在问题")),
    ("responsible_person", QT_TRANSLATE_NOOP("LedgerModel", "责任人")),
    ("deadline", QT_TRANSLATE_NOOP("LedgerModel", "整改时限")),
    ("status", QT_TRANSLATE_NOOP("LedgerModel", "状态")),
    ("source", QT_TRANSLATE_NOOP("LedgerModel", "来源")),
    ("updated_at", QT_TRANSLATE_NOOP("LedgerModel", "最近更新")),
    ("signature", QT_TRANSLATE_NOOP("LedgerModel", "责任人签字")),
]
#: Columns the ledger cannot be sorted by (worked out per row, not stored).
UNSORTABLE = frozenset({"signature"})
SIGNATURE_COLUMN = len(COLUMNS) - 1

SIGNATURE_TEXTS = {"valid": QT_TRANSLATE_NOOP("LedgerModel", "✓ 有效"),
                   "stale": QT_TRANSLATE_NOOP("LedgerModel", "⚠ 已过期"),
                   "invalid": QT_TRANSLATE_NOOP("LedgerModel", "✗ 无效"),
                   "unsigned": QT_TRANSLATE_NOOP("LedgerModel", "未签字")}
SIGNATURE_COLOURS = {"valid": QColor("#1b7f3b"), "stale": QColor("#8a5300"),
                     "invalid": QColor("#b00020"), "unsigned": QColor("#777777")}


def fetch_rows(session: Session, ids: list[int]) -> dict[int, dict[str, Any]]:
    """Display values of ``ids`` (models.ledger_query.rows) plus ``signature``: the status of
    each row's newest 责任人签字 (models.signing.signature_status). Runs on the worker."""
    from models import signing
    values = ledger_query.rows(session, ids)
    states = signing.statuses(session.store.conn, list(values))
    for pid, row in values.items():
        row["signature"] = states[pid]
    return values


def signature_tip(state: dict[str, Any]) -> str:
    """What a row's 责任人签字 status means, in a sentence (tooltip and detail panel)."""
    from models.signing import CONTENT_LABELS
    status = state.get("status")
    if status == "valid":
        text = QCoreApplication.translate("LedgerModel", "责任人签字有效：签字后内容未改动。")
    elif status == "stale":
        fields = QCoreApplication.translate("LedgerModel", "、").join(
            translate("signing", CONTENT_LABELS.get(f, f)) for f in state.get("fields", []))
        text = QCoreApplication.translate(
            "LedgerModel", "签字后经本软件改动 {n} 次（{fields}），需责任人重新签字。"
        ).format(n=state.get("changes", 0), fields=fields)
    elif status == "invalid":
        reason = state.get("reason")
        if reason == "tampered":
            text = QCoreApplication.translate(
                "LedgerModel", "签字无效：内容在本软件之外被改动过，请核实后由责任人重新签字。")
        elif reason == "revoked":
            text = QCoreApplication.translate("LedgerModel", "签字无效：签字时所用密钥已被吊销。")
        else:
            text = QCoreApplication.translate(
                "LedgerModel", "签字无效：签名与内容不符，签字数据可能被篡改。")
    else:
        text = QCoreApplication.translate("LedgerModel", "责任人尚未签字确认。")
    if state.get("note") == "revoked_later":
        text += QCoreApplication.translate("LedgerModel", "（签字所用密钥已于签字后吊销。）")
    return text


class _Shown(NamedTuple):
    """A fetched row as the view paints it, worked out once when it arrives."""

    values: dict[str, Any]           # as models.ledger_query.rows gives it
    texts: tuple[str, ...]           # display text of each column
    tips: tuple[str | None, ...]     # tooltip of each column
    foreground: QColor | None
    background: QColor | None
    signature: QColor | None         # foreground of the 责任人签字 column


class LedgerModel(QAbstractTableModel):
    """Rows of the ledger for the current filter and sort. GUI thread only."""

    counts_changed = Signal(object)   # the dict of models.ledger_query.counts
    reloaded = Signal()

    def __init__(self, worker: DbWorker, session: Session) -> None:
        super().__init__()
        self.worker = worker
        self.session = session
        self.filter = LedgerFilter()
        self.sort_key, self.descending = "seq_no", False
        self.ids: list[int] = []
        self._row_of: dict[int, int] = {}
        self._cache: OrderedDict[int, _Shown] = OrderedDict()
        self._asked: set[int] = set()
        self._generation = 0
        self._headers = [translate("LedgerModel", text) for _key, text in COLUMNS]

    # --- loading ------------------------------------------------------------------------------

    def reload(self, flt: LedgerFilter | None = None) -> None:
        """Fetch the ids (and counts) for ``flt`` (default: the current filter) and sort."""
        if flt is not None:
            self.filter = flt
        self._generation += 1
        generation = self._generation

        def load(session: Session) -> tuple[list[int], dict[str, Any]]:
            return (ledger_query.problem_ids(session, self.filter, self.sort_key,
                                             self.descending),
                    ledger_query.counts(session, self.filter))

        self.worker.call(load, self.session,
                         on_done=lambda result: self._loaded(generation, *result))

    def _loaded(self, generation: int, ids: list[int], counts: dict[str, Any]) -> None:
        if generation != self._generation:
            return  # a newer filter was asked for meanwhile
        self.beginResetModel()
        self.ids = ids
        self._row_of = {pid: row for row, pid in enumerate(ids)}
        self._cache.clear()
        self._asked.clear()
        self.endResetModel()
        self.counts_changed.emit(counts)
        self.reloaded.emit()

    def refresh_rows(self, problem_ids: set[int]) -> None:
        """Forget the cached values of ``problem_ids`` so they are fetched again."""
        for pid in problem_ids:
            self._cache.pop(pid, None)
            self._asked.discard(pid)
            row = self._row_of.get(pid)
            if row is not None:
                self.dataChanged.emit(self.index(row, 0), self.index(row, len(COLUMNS) - 1))

    def _fetch_block(self, row: int) -> None:
        if self.ids[row] in self._asked:
            return  # its block is on its way (the common case while a block is painted)
        start = row - row % BLOCK
        wanted = [pid for pid in self.ids[start:start + BLOCK]
                  if pid not in self._cache and pid not in self._asked]
        if not wanted:
            return
        self._asked.update(wanted)
        generation = self._generation
        self.worker.call(fetch_rows, self.session, wanted,
                         on_done=lambda values: self._fetched(generation, wanted, values))

    def _fetched(self, generation: int, wanted: list[int], values: dict[int, dict[str, Any]]
                 ) -> None:
        if generation != self._generation:
            return
        self._asked.difference_update(wanted)
        for pid, row_values in values.items():
            self._cache[pid] = self._shown(row_values)
        while len(self._cache) > CACHE_ROWS:
            self._cache.popitem(last=False)
        rows = [self._row_of[pid] for pid in values if pid in self._row_of]
        if rows:
            self.dataChanged.emit(self.index(min(rows), 0),
                                  self.index(max(rows), len(COLUMNS) - 1))

    def row_values(self, row: int) -> dict[str, Any] | None:
        """The cached values of ``row``, or None (and a fetch started) when not there yet."""
        pid = self.ids[row]
        shown = self._cache.get(pid)
        if shown is None:
            self._fetch_block(row)
            return None
        self._cache.move_to_end(pid)
        return shown.values

    def problem_id(self, row: int) -> int:
        return self.ids[row]

    def row_of(self, problem_id: int) -> int | None:
        return self._row_of.get(problem_id)

    # --- Qt model -------------------------------------------------------------------------------

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: N802,B008
        return 0 if parent.isValid() else len(self.ids)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: N802,B008
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(self, section: int, orientation: Any, role: int = DISPLAY_ROLE) -> Any:  # noqa: N802
        if role == DISPLAY_ROLE and orientation.value == HORIZONTAL:
            return self._headers[section]
        return None

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = DISPLAY_ROLE) -> Any:
        if role not in _ANSWERED:
            return None
        row = index.row()
        if not 0 <= row < len(self.ids):
            return None
        pid = self.ids[row]
        shown = self._cache.get(pid)
        if shown is None:
            self._fetch_block(row)
            return "…" if role == DISPLAY_ROLE and index.column() == 0 else None
        if role == DISPLAY_ROLE:
            self._cache.move_to_end(pid)   # least recently painted goes first
            return shown.texts[index.column()]
        if role == FOREGROUND_ROLE:
            if index.column() == SIGNATURE_COLUMN:
                return shown.signature
            return shown.foreground
        if role == BACKGROUND_ROLE:
            return shown.background
        return shown.tips[index.column()]

    def _shown(self, values: dict[str, Any]) -> _Shown:
        state = values.get("deadline_state", "")
        texts = tuple(self._text(key, values) for key, _header in COLUMNS)
        tips: list[str | None] = []
        sig = values.get("signature") or {"status": "unsigned"}
        sig_colour = SIGNATURE_COLOURS.get(sig["status"])
        for (key, _header), text in zip(COLUMNS, texts):
            if key == "signature":
                tips.append(signature_tip(sig))
            elif key == "deadline" and state:
                tips.append(QCoreApplication.translate("LedgerModel", "已逾期")
                            if state == "overdue"
                            else QCoreApplication.translate("LedgerModel", "7 天内到期"))
            else:
                tips.append(text if key in ("issue", "category") else None)
        if state == "overdue":
            return _Shown(values, texts, tuple(tips), OVERDUE_FG, OVERDUE_BG, sig_colour)
        if state == "due_soon":
            return _Shown(values, texts, tuple(tips), SOON_FG, SOON_BG, sig_colour)
        return _Shown(values, texts, tuple(tips), None, None, sig_colour)

    def _text(self, key: str, values: dict[str, Any]) -> str:
        value = values.get(key)
        if key == "status":
            return translate("problems", STATUSES.get(value, value or ""))
        if key == "source":
            text = translate("problems", SOURCES.get(value, value or ""))
            channel = values.get("source_channel")
            return f"{text}（{channel}）" if channel else text
        if key == "updated_at":
            return (value or "")[:10]
        if key == "signature":
            state = value or {"status": "unsigned"}
            # short, for a narrow column: the tooltip and the row's panel say how many changes
            return translate("LedgerModel", SIGNATURE_TEXTS[state["status"]])
        return "" if value is None else str(value)

    def sort(self, column: int, order: Any = None) -> None:
        """Sort in SQL by the column's key; the view calls this on a header click. A column in
        :data:`UNSORTABLE` leaves the order as it is."""
        if COLUMNS[column][0] in UNSORTABLE:
            return
        self.sort_key = COLUMNS[column][0]
        self.descending = bool(order is not None and getattr(order, "value", order) == 1)
        self.reload()
