"""下级台账: the office reads a registered unit's imported records, read-only.

A unit chooser and a text filter above four sub-tabs: 问题台账 (every problem with its 责任人签字
as judged here: ✓ 有效 / ⚠ 已过期 / ✗ 无效 / 未签字, the reason in the tooltip; double-click opens
:class:`~ui.pages.office_problem.ProblemDialog`), 自查自纠 (self-checks and the answers of the one
selected), 案卷评查 (case files and the reviews of the one selected) and 签署记录 (the frozen
ledger revisions with their 审核 / 单位盖章), then 培训台账 (:mod:`.office_training`, read in a
job of its own). A line above says which package the data comes from
and that it is read-only. Everything of a unit is read in one job on the worker
(``office_browse.unit_browse``) when the tab is first shown or the unit changes, and again when a
package is imported; the tables are :class:`~ui.pages.rows_model.RowsModel` views.
"""
from __future__ import annotations

from functools import partial
from typing import Any

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QSplitter,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from models import office_browse, office_units
from models.casefiles import CASE_TYPES
from models.casereviews import ROUNDS, STATES
from models.i18n import QT_TRANSLATE_NOOP
from models.ledger_signing import MEANING_LABELS
from models.problems import SOURCES, STATUSES
from models.scoring import GRADES
from models.selfcheck import ANSWERS
from models.selfcheck import STATUSES as SELFCHECK_STATUSES

from ..i18n import translate
from .audit_panel import local_time
from .base import Page
from .ledger_model import COLUMNS, SIGNATURE_COLOURS, SIGNATURE_TEXTS, signature_tip
from .ledger_signatures import signature_explained
from .rows_model import Row, RowsModel, fit_columns, rows_view

#: The station ledger's header texts (context LedgerModel), reused for the same columns.
_LEDGER_HEADERS = dict(COLUMNS)


#: Why a 责任人签字 is invalid at the office (models.office_records.OFFICE_REASONS).
ROW_REASONS = {
    "other_unit": QT_TRANSLATE_NOOP("OfficeBrowse",
                                    "签字无效：签字所用密钥属于其他单位，不是本单位的密钥。"),
    "unknown_key": QT_TRANSLATE_NOOP("OfficeBrowse",
                                     "签字无效：签字所用密钥不在本单位报送的签名密钥中。"),
    "unregistered_seal": QT_TRANSLATE_NOOP(
        "OfficeBrowse", "签字无效：所用单位签章密钥不是本机为该单位登记的签章密钥。"),
    "no_audit": QT_TRANSLATE_NOOP("OfficeBrowse", "签字无效：没有收到签字时的审计记录，无法核验。"),
}
#: The same for a 审核 / 单位盖章 signature.
REVISION_REASONS = {
    "other_unit": QT_TRANSLATE_NOOP("OfficeBrowse",
                                    "签署无效：所用密钥属于其他单位，不是本单位的密钥。"),
    "unknown_key": QT_TRANSLATE_NOOP("OfficeBrowse",
                                     "签署无效：所用密钥不在本单位报送的签名密钥中。"),
    "unregistered_seal": QT_TRANSLATE_NOOP(
        "OfficeBrowse", "签署无效：所用单位签章密钥不是本机为该单位登记的签章密钥。"),
    "no_audit": QT_TRANSLATE_NOOP("OfficeBrowse", "签署无效：没有收到签署时的审计记录，无法核验。"),
}


def office_signature_tip(state: dict[str, Any]) -> str:
    """What a 责任人签字 status means (the station's words), with the office's own reasons."""
    reason = state.get("reason") if state.get("status") == "invalid" else None
    if reason in ROW_REASONS:
        return translate("OfficeBrowse", ROW_REASONS[reason])
    return signature_tip(state)


def signer_line(state: dict[str, Any]) -> str:
    """Who signed, when and with which key ("" for an unsigned row)."""
    if state.get("status") == "unsigned" or not state.get("signed_at"):
        return ""
    return QCoreApplication.translate(
        "OfficeBrowse", "{name} 于 {time} 签字，密钥指纹 {fingerprint}。").format(
        name=state.get("signer") or "", time=local_time(state["signed_at"])[:16],
        fingerprint=state.get("fingerprint") or "—")


def signature_text(state: dict[str, Any]) -> str:
    """✓ 有效 / ⚠ 已过期 / ✗ 无效 / 未签字 (the station's words)."""
    return translate("LedgerModel", SIGNATURE_TEXTS.get(state.get("status", "unsigned"),
                                                        SIGNATURE_TEXTS["unsigned"]))


def revision_signature_tip(sig: dict[str, Any], changes: dict[str, Any] | None) -> str:
    """A sentence on a 审核 / 单位盖章 signature's status (the station's words, with the
    office's own reasons)."""
    if sig["status"] == "invalid" and sig.get("reason") in REVISION_REASONS:
        return translate("OfficeBrowse", REVISION_REASONS[sig["reason"]])
    return signature_explained(sig, changes)


def _ledger_tip(problem: dict[str, Any], column: int) -> str | None:
    """The tooltip of a ledger cell (asked for when the pointer rests on it)."""
    if column == 1:
        return problem["campaign"] or None
    if column == 3:
        return (problem["issue"] or "") + (f"\n{problem['manifestation']}"
                                           if problem["manifestation"] else "")
    if column == 4:
        return problem["responsible_dept"] or None
    if column == 7:
        return problem["source_channel"] or None
    if column == 8:
        signer = signer_line(problem["signature"])
        return office_signature_tip(problem["signature"]) + ("\n" + signer if signer else "")
    return None


def _label(context: str, labels: dict[Any, str], value: Any) -> str:
    if value is None or value == "":
        return ""
    return translate(context, labels[value]) if value in labels else str(value)


def _score(value: Any) -> str:
    if value is None:
        return ""
    return f"{float(value):g}"


class OfficeBrowse(Page):
    """下级台账: one registered unit's imported ledger, self-checks, reviews and signatures."""

    tables = frozenset({"office_records", "office_packages", "office_units", "office_unit_keys"})

    def __init__(self, controller: Any, parent: QWidget | None = None) -> None:
        super().__init__(controller, parent)
        self.units: list[dict[str, Any]] = []
        self.data: dict[str, Any] | None = None
        self.loaded_code: str | None = None      # the unit the tables show
        self.loading_code: str | None = None     # the unit being read on the worker
        self.dialog: QWidget | None = None       # the problem dialog shown last
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 6, 0, 0)
        top = QHBoxLayout()
        top.addWidget(QLabel(self.tr("下级单位：")))
        self.unit_combo = QComboBox()
        self.unit_combo.setObjectName("browse_unit")
        self.unit_combo.setMinimumWidth(280)
        self.unit_combo.currentIndexChanged.connect(lambda _i: self.load_unit())
        top.addWidget(self.unit_combo)
        top.addSpacing(16)
        self.filter = QLineEdit()
        self.filter.setObjectName("browse_filter")
        self.filter.setClearButtonEnabled(True)
        self.filter.setPlaceholderText(self.tr("筛选：输入文字（如问题、责任人、案卷编号）"))
        self.filter.textChanged.connect(self.apply_filter)
        top.addWidget(self.filter, 1)
        layout.addLayout(top)
        self.source = QLabel()
        self.source.setObjectName("browse_source")
        self.source.setWordWrap(True)
        self.source.setStyleSheet("color: #444444;")
        layout.addWidget(self.source)
        self.tabs = QTabWidget()
        self.tabs.setObjectName("browse_tabs")
        layout.addWidget(self.tabs, 1)
        self._build_ledger()
        self._build_selfchecks()
        self._build_reviews()
        self._build_signatures()
        from .office_training import OfficeTrainingTab
        self.training_page = OfficeTrainingTab(self)
        self.tabs.addTab(self.training_page, self.tr("培训台账"))
        from .office_leads import OfficeLeadsTab
        self.leads_page = OfficeLeadsTab(self)
        self.tabs.addTab(self.leads_page, self.tr("投诉举报线索"))
        from .office_reports import OfficeReportsTab
        self.reports_page = OfficeReportsTab(self)
        self.tabs.addTab(self.reports_page, self.tr("简报和统计"))
        self.models = [self.ledger_model, self.selfcheck_model, self.answer_model,
                       self.case_model, self.review_model, self.revision_model]
        self.models.append(self.training_page.model)
        self.models.append(self.leads_page.model)
        self.models.extend(self.reports_page.models)
        self.refresh()

    # --- building --------------------------------------------------------------------------------

    def _build_ledger(self) -> None:
        page = QWidget()
        box = QVBoxLayout(page)
        self.ledger_model = RowsModel([
            translate("LedgerModel", _LEDGER_HEADERS["seq_no"]), self.tr("专项行动"),
            translate("LedgerModel", _LEDGER_HEADERS["category"]),
            translate("LedgerModel", _LEDGER_HEADERS["issue"]),
            translate("LedgerModel", _LEDGER_HEADERS["responsible_person"]),
            translate("LedgerModel", _LEDGER_HEADERS["deadline"]),
            translate("LedgerModel", _LEDGER_HEADERS["status"]),
            translate("LedgerModel", _LEDGER_HEADERS["source"]),
            translate("LedgerModel", _LEDGER_HEADERS["signature"])], self)
        self.ledger_view = rows_view(self.ledger_model, "browse_ledger")
        header = self.ledger_view.horizontalHeader()
        header.setStretchLastSection(False)       # 存在问题 takes the room left over
        for col, width in enumerate((48, 130, 110, 0, 64, 88, 110, 76, 96)):
            if width:
                self.ledger_view.setColumnWidth(col, width)
            else:
                header.setSectionResizeMode(col, QHeaderView.ResizeMode.Stretch)
        self.ledger_view.doubleClicked.connect(lambda index: self.open_problem(index.row()))
        box.addWidget(self.ledger_view, 1)
        self.ledger_counts = QLabel()
        self.ledger_counts.setObjectName("browse_counts")
        box.addWidget(self.ledger_counts)
        self.tabs.addTab(page, self.tr("问题台账"))

    def _split(self, top: QTableView, bottom: QTableView, title: str) -> QWidget:
        page = QWidget()
        box = QVBoxLayout(page)
        split = QSplitter(Qt.Orientation.Vertical)
        split.addWidget(top)
        split.addWidget(bottom)
        split.setStretchFactor(0, 1)
        split.setStretchFactor(1, 2)
        box.addWidget(split)
        self.tabs.addTab(page, title)
        return page

    def _build_selfchecks(self) -> None:
        self.selfcheck_model = RowsModel([
            self.tr("自查名称"), self.tr("专项行动"), self.tr("检查清单"), self.tr("状态"),
            self.tr("已填 / 条目"), self.tr("不符合"), self.tr("填报人"), self.tr("完成时间")],
            self)
        self.selfcheck_view = rows_view(self.selfcheck_model, "browse_selfchecks")
        self.answer_model = RowsModel([
            self.tr("编号"), self.tr("检查内容"), self.tr("所属方面"), self.tr("结论"),
            self.tr("情况说明"), self.tr("印证资料"), self.tr("问题序号")], self)
        self.answer_view = rows_view(self.answer_model, "browse_answers", sortable=False)
        for col, width in enumerate((56, 320, 120, 70, 220, 160)):
            self.answer_view.setColumnWidth(col, width)
        self.selfcheck_view.selectionModel().currentRowChanged.connect(
            lambda current, _previous: self.show_answers(current.row()))
        self._split(self.selfcheck_view, self.answer_view, self.tr("自查自纠"))

    def _build_reviews(self) -> None:
        self.case_model = RowsModel([
            self.tr("案卷编号"), self.tr("案件类型"), self.tr("案由"), self.tr("当事人"),
            self.tr("结案时间"), self.tr("评查状态"), self.tr("评查得分"), self.tr("等级")], self)
        self.case_view = rows_view(self.case_model, "browse_cases")
        self.review_model = RowsModel([
            self.tr("评查"), self.tr("评查人"), self.tr("得分"), self.tr("等级"),
            self.tr("条目"), self.tr("扣分项目"), self.tr("环节"), self.tr("次数"),
            self.tr("扣分"), self.tr("说明")], self)
        self.review_view = rows_view(self.review_model, "browse_reviews", sortable=False)
        self.case_view.selectionModel().currentRowChanged.connect(
            lambda current, _previous: self.show_reviews(current.row()))
        self._split(self.case_view, self.review_view, self.tr("案卷评查"))

    def _build_signatures(self) -> None:
        page = QWidget()
        box = QVBoxLayout(page)
        self.revision_summary = QLabel()
        self.revision_summary.setObjectName("browse_revision_summary")
        self.revision_summary.setWordWrap(True)
        box.addWidget(self.revision_summary)
        self.revision_model = RowsModel([
            self.tr("专项行动"), self.tr("版本"), self.tr("冻结时间"), self.tr("行数"),
            self.tr("签署"), self.tr("签署人"), self.tr("签署时间"), self.tr("密钥指纹"),
            self.tr("状态")], self)
        self.revision_view = rows_view(self.revision_model, "browse_revisions")
        box.addWidget(self.revision_view, 1)
        self.tabs.addTab(page, self.tr("签署记录"))

    # --- loading ---------------------------------------------------------------------------------

    def refresh(self) -> None:
        """Reload the registered units, then the chosen unit's records (when shown)."""
        self.call(office_units.list_units, on_done=self._units)

    def _units(self, units: list[dict[str, Any]]) -> None:
        self.units = units
        chosen = self.current_code()
        self.unit_combo.blockSignals(True)
        self.unit_combo.clear()
        for unit in units:
            self.unit_combo.addItem(f"{unit['name']}（{unit['code']}）", unit["code"])
        index = self.unit_combo.findData(chosen) if chosen else -1
        self.unit_combo.setCurrentIndex(index if index >= 0 else (0 if units else -1))
        self.unit_combo.blockSignals(False)
        # the records may have changed: read them again (a read under way may be older)
        self.loaded_code = self.loading_code = None
        self.load_unit()

    def current_code(self) -> str | None:
        code = self.unit_combo.currentData()
        return str(code) if code else None

    def showEvent(self, event: Any) -> None:
        super().showEvent(event)
        self.load_unit()

    def load_unit(self) -> None:
        """Read the chosen unit's records on the worker, unless the tables show them already
        or the tab is not shown (it is read when it is)."""
        code = self.current_code()
        if code is None:
            self.data, self.loaded_code = None, None
            self._show_empty(self.tr("尚未登记下级单位。请先在“已登记单位”中登记下级单位并导入其报送包。"))
            return
        if not self.isVisible() or code in (self.loaded_code, self.loading_code):
            return
        self.loading_code = code
        self.source.setText(self.tr("正在读取“{unit}”报送的记录…").format(
            unit=self.unit_combo.currentText()))
        self.worker.call(office_browse.unit_browse, self.session, code,
                         on_done=lambda data, c=code: self._loaded(c, data),
                         on_error=lambda exc, c=code: self._failed(c, exc))

    def _failed(self, code: str, exc: BaseException) -> None:
        from ..errors import show_error
        if self.loading_code == code:
            self.loading_code = None
        show_error(self, exc)

    def _loaded(self, code: str, data: dict[str, Any]) -> None:
        if self.loading_code == code:
            self.loading_code = None
        if code != self.current_code():
            self.load_unit()            # another unit was chosen meanwhile
            return
        self.data, self.loaded_code = data, code
        self._show_source(data["source"])
        self._show_ledger(data["ledger"])
        self._show_selfchecks(data["selfchecks"])
        self._show_cases(data["reviews"])
        self._show_revisions(data["revisions"])
        self.training_page.load(code)
        self.leads_page.load(code)
        self.reports_page.load(code)
        self.apply_filter(self.filter.text())

    def _show_empty(self, text: str) -> None:
        self.source.setText(text)
        for model in self.models:
            model.set_rows([])
        self.ledger_counts.clear()
        self.revision_summary.clear()

    def _show_source(self, source: dict[str, Any]) -> None:
        last = source["last"]
        if last is None:
            text = self.tr("尚未收到“{unit}”的报送包。").format(unit=source["unit"]["name"])
        else:
            text = self.tr(
                "数据来源：“{unit}”第 {seq} 号报送包，{time} 收到（共导入 {n} 个报送包）。"
                "以下是该单位报送的记录，只读，不能在这里修改；签字均由本机重新核验。").format(
                unit=source["unit"]["name"], seq=last["seq"], time=local_time(last["received_at"]),
                n=source["packages"])
        self.source.setText(text)

    # --- filling the tables ----------------------------------------------------------------------

    def _show_ledger(self, rows: list[dict[str, Any]]) -> None:
        # labels translated once, tooltips worked out when asked for: 10,000 rows stay quick
        statuses = {k: translate("problems", v) for k, v in STATUSES.items()}
        sources = {k: translate("problems", v) for k, v in SOURCES.items()}
        marks = {k: signature_text({"status": k}) for k in SIGNATURE_TEXTS}
        no_campaign, no_deadline = self.tr("（未归入专项行动）"), self.tr("无期限")
        out = []
        for p in rows:
            state = p["signature"]
            out.append(Row(
                texts=(str(p["seq_no"]), p["campaign"] or no_campaign, p["category"] or "",
                       p["issue"] or "", p["responsible"] or "", p["deadline"] or no_deadline,
                       statuses.get(p["status"], p["status"] or ""),
                       sources.get(p["source"], p["source"] or ""),
                       marks.get(state["status"], state["status"])),
                key=p["id"], tips=partial(_ledger_tip, p),
                colours=(None,) * 8 + (SIGNATURE_COLOURS.get(state["status"]),),
                sort=(p["seq_no"], p["campaign"], p["category"], p["issue"], p["responsible"],
                      p["deadline"], p["status"], p["source"], state["status"]),
                search=" ".join(str(p[k] or "") for k in (
                    "manifestation", "measures", "responsible_dept", "completion",
                    "rebound_measures", "remarks"))))
        self.ledger_model.set_rows(out)

    def _update_counts(self) -> None:
        rows = (self.data or {}).get("ledger") or []
        counts = {k: 0 for k in SIGNATURE_TEXTS}
        for p in rows:
            counts[p["signature"]["status"]] = counts.get(p["signature"]["status"], 0) + 1
        text = self.tr("共 {n} 条问题，显示 {shown} 条。责任人签字：").format(
            n=len(rows), shown=self.ledger_model.rowCount())
        text += self.tr("，").join(f"{signature_text({'status': k})} {v}"
                                  for k, v in counts.items())
        self.ledger_counts.setText(text)

    def _show_selfchecks(self, selfchecks: list[dict[str, Any]]) -> None:
        self.selfcheck_model.set_rows([Row(
            texts=(sc["title"] or "", sc["campaign"] or "", sc["template"] or "",
                   _label("selfcheck", SELFCHECK_STATUSES, sc["status"]),
                   f"{sc['answered']} / {sc['total'] if sc['total'] is not None else '?'}",
                   str(sc["nonconform"]), sc["by"] or "",
                   local_time(sc["completed_at"])[:16] if sc["completed_at"] else ""),
            key=sc["id"], search=" ".join(
                f"{a['text']} {a['note']} {a['evidence']}" for a in sc["answers"]))
            for sc in selfchecks])
        fit_columns(self.selfcheck_view, 220)
        self.show_answers(self.selfcheck_view.currentIndex().row())

    def show_answers(self, row: int) -> None:
        """The answers of the self-check shown at ``row`` (none when no row)."""
        found = self.selfcheck_model.row_at(row)
        sc = next((s for s in (self.data or {}).get("selfchecks", [])
                   if found is not None and s["id"] == found.key), None)
        colours = {"nonconform": SIGNATURE_COLOURS["invalid"],
                   "conform": SIGNATURE_COLOURS["valid"]}
        self.answer_model.set_rows([Row(
            texts=(a["code"], a["text"], a["section"],
                   _label("selfcheck", ANSWERS, a["answer"]) or self.tr("未填"), a["note"],
                   self.tr("；").join([a["evidence"], *a["files"]] if a["evidence"]
                                     else a["files"]),
                   "" if a["problem_seq_no"] is None else str(a["problem_seq_no"])),
            tips=(None, a["text"], a["category"] or None, None, a["note"] or None, None, None),
            colours=(None, None, None, colours.get(a["answer"]), None, None, None))
            for a in (sc["answers"] if sc else [])])

    def _show_cases(self, cases: list[dict[str, Any]]) -> None:
        self.case_model.set_rows([Row(
            texts=(c["case_no"] or "", _label("casefiles", CASE_TYPES, c["case_type"]),
                   c["cause"] or "", c["party"] or "", c["closed_date"] or "",
                   _label("reviews", STATES, c["review_state"]), _score(c["final_score"]),
                   _label("reviews", GRADES, c["final_grade"])),
            key=c["id"], tips=(None, None, c["cause"] or None, None, None, None, None, None),
            sort=(c["case_no"], c["case_type"], c["cause"], c["party"], c["closed_date"],
                  c["review_state"], c["final_score"], c["final_grade"]),
            search=" ".join(str(c[k] or "") for k in ("officers", "agency", "domain")))
            for c in cases])
        fit_columns(self.case_view)
        self.show_reviews(self.case_view.currentIndex().row())

    def show_reviews(self, row: int) -> None:
        """The reviews (one row per deduction) of the case file shown at ``row``."""
        found = self.case_model.row_at(row)
        case = next((c for c in (self.data or {}).get("reviews", [])
                     if found is not None and c["id"] == found.key), None)
        out = []
        if case is not None and not case["reviews"]:
            out.append(Row(texts=(self.tr("尚未评查"),) + ("",) * 9))
        for review in (case["reviews"] if case else []):
            head = (_label("reviews", ROUNDS, review["round"]), review["reviewer"],
                    _score(review["score"]), _label("reviews", GRADES, review["grade"]))
            if review["status"] != "submitted":
                head = (head[0] + self.tr("（草稿）"),) + head[1:]
            for m in review["marks"] or [None]:
                if m is None:
                    out.append(Row(texts=head + ("", self.tr("无扣分"), "", "", "", "")))
                    continue
                item = m["text"] + (self.tr("（否决项）") if m["veto"] else "")
                out.append(Row(
                    texts=head + (m["code"], item, m["section"], str(m["count"]),
                                  _score(m["points"]), m["note"]),
                    tips=(None,) * 5 + (item, None, None, None, m["note"] or None),
                    colours=(None,) * 5 + (SIGNATURE_COLOURS["invalid"] if m["veto"] else None,)
                    + (None,) * 4))
        self.review_model.set_rows(out)
        fit_columns(self.review_view)

    def _show_revisions(self, revisions: list[dict[str, Any]]) -> None:
        out, summary = [], []
        for rev in revisions:
            head = (rev["campaign"] or "", self.tr("第 {n} 版").format(n=rev["rev_no"]),
                    local_time(rev["created_at"])[:16] if rev["created_at"] else "",
                    str(rev["row_count"]))
            if rev["changes"] is not None:
                summary.append(self.tr("“{campaign}”自第 {n} 版签署后改动 {count} 行。").format(
                    campaign=rev["campaign"], n=rev["rev_no"], count=rev["changes"]["count"]))
            elif rev["current"]:
                summary.append(self.tr("“{campaign}”的台账与第 {n} 版一致。").format(
                    campaign=rev["campaign"], n=rev["rev_no"]))
            for sig in rev["signatures"] or [None]:
                if sig is None:
                    out.append(Row(texts=head + ("", "", "", "", self.tr("未签署")),
                                   sort=(rev["campaign"], rev["rev_no"]) + head[2:]
                                   + ("", "", "", "", "")))
                    continue
                tip = revision_signature_tip(sig, rev["changes"])
                out.append(Row(
                    texts=head + (translate("signing", MEANING_LABELS.get(sig["meaning"],
                                                                          sig["meaning"] or "")),
                                  sig["name"], local_time(sig["signed_at"])[:16]
                                  if sig["signed_at"] else "", sig["fingerprint"] or "—",
                                  signature_text(sig)),
                    tips=(None,) * 8 + (tip,),
                    colours=(None,) * 8 + (SIGNATURE_COLOURS.get(sig["status"]),),
                    sort=(rev["campaign"], rev["rev_no"]) + head[2:] + (
                        sig["meaning"], sig["name"], sig["signed_at"], sig["fingerprint"],
                        sig["status"])))
        self.revision_model.set_rows(out)
        fit_columns(self.revision_view)
        self.revision_summary.setText(" ".join(summary) if summary
                                      else self.tr("该单位尚未报送已审核或盖章的台账版本。"))

    def apply_filter(self, text: str) -> None:
        """Show only the rows holding every word typed, in every table."""
        for model in self.models:
            model.set_filter(text)
        self._update_counts()

    # --- one problem -----------------------------------------------------------------------------

    def open_problem(self, row: int) -> None:
        """The read-only detail dialog of the problem shown at ``row``."""
        found = self.ledger_model.row_at(row)
        if found is None or self.loaded_code is None:
            return
        from .office_problem import ProblemDialog
        self.dialog = ProblemDialog(self, self.loaded_code, int(found.key))
        self.dialog.open()

