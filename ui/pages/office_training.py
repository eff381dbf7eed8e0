"""下级台账 → 培训台账: the office reads a unit's training totals from its imported records,
read-only: one row per year and person (newest year first) with the hours of each form, 合计,
the standing against the 60 学时 target and the 执法证 flags, judged here on today's date
(``office_training.unit_training``, read on the worker when the browser loads a unit)."""
from __future__ import annotations

from typing import Any

from PySide6.QtGui import QColor
from PySide6.QtWidgets import QLabel, QVBoxLayout

from models import office_training, training

from ..i18n import translate
from .rows_model import Row, RowsModel, fit_columns, rows_view
from .training_page import (
    BLOCKING_COLOUR,
    EXPIRING_COLOUR,
    STANDING_COLOURS,
    hours_text,
)
from .unit_tab import UnitRecordsTab

FORM_CODES = tuple(training.TRAINING_FORMS)


def _certificate(row: dict[str, Any]) -> tuple[str, QColor | None]:
    """The 执法证 cell of a row and its colour."""
    if not row["known"]:
        return translate("OfficeTraining", "（未收到人员信息）"), None
    if row["auxiliary"]:
        return translate("OfficeTraining", "执法辅助人员"), QColor("#777777")
    if row["flags"]:
        blocking = set(row["flags"]) & training.BLOCKING_FLAGS
        return ("；".join(translate("training", training.FLAGS[f]) for f in row["flags"]),
                QColor(BLOCKING_COLOUR if blocking else EXPIRING_COLOUR))
    return translate("OfficeTraining", "有效"), None


class OfficeTrainingTab(UnitRecordsTab):
    """The sub-tab; ``browser`` is the :class:`ui.pages.office_browse.OfficeBrowse` page (its
    worker, session and error display). :attr:`model` joins the browser's text filter."""

    FETCH = staticmethod(office_training.unit_training)

    def __init__(self, browser: Any) -> None:
        super().__init__(browser)
        self.rows: list[dict[str, Any]] = []
        box = QVBoxLayout(self)
        self.note = QLabel(self.tr(
            "每名执法人员每年不少于 {n} 学时（{doc}）；只有持有效执法证的人员可以独立执法。"
            "进度和证件状态按本机今天的日期判断。").format(n=training.TARGET_HOURS,
                                           doc=training.TARGET_SOURCE))
        self.note.setWordWrap(True)
        self.note.setStyleSheet("color: #444444;")
        box.addWidget(self.note)
        self.model = RowsModel([
            self.tr("年度"), self.tr("姓名"), self.tr("职务"),
            *(translate("training", training.TRAINING_FORMS[c]) for c in FORM_CODES),
            self.tr("合计"), self.tr("状态"), self.tr("执法证号"), self.tr("执法证")], self)
        self.view = rows_view(self.model, "browse_training")
        box.addWidget(self.view, 1)
        self.counts = QLabel()
        self.counts.setObjectName("browse_training_counts")
        box.addWidget(self.counts)

    def show_data(self, rows: list[dict[str, Any]]) -> None:
        self.rows = rows
        out = []
        for r in rows:
            name = r["name"] if r["known"] else self.tr("人员 {id}").format(id=r["person_id"])
            if not r["active"]:
                name = self.tr("{name}（已调离）").format(name=name)
            cert, cert_colour = _certificate(r)
            standing = translate("training", training.STANDINGS[r["standing"]])
            out.append(Row(
                texts=(str(r["year"]), name, r["title"], *(hours_text(r[c]) for c in FORM_CODES),
                       hours_text(r["total"]), standing, r["cert_no"], cert),
                key=(r["year"], r["person_id"]),
                colours=(None,) * 8 + (QColor(STANDING_COLOURS[r["standing"]]), None,
                                       cert_colour),
                sort=(r["year"], name, r["title"], *(float(r[c]) for c in FORM_CODES),
                      float(r["total"]), r["standing"], r["cert_no"], cert)))
        self.model.set_rows(out)
        fit_columns(self.view, 200)
        years = sorted({r["year"] for r in rows}, reverse=True)
        if years:
            latest = [r for r in rows if r["year"] == years[0] and not r["auxiliary"]]
            self.counts.setText(self.tr(
                "{year} 年度：执法人员 {n} 人，已达标 {done} 人；执法证缺失、过期、暂扣或注销 {blocked} 人。"
            ).format(year=years[0], n=len(latest),
                     done=sum(1 for r in latest if r["standing"] == "done"),
                     blocked=sum(1 for r in latest if r["known"] and not r["certified"])))
        else:
            self.counts.setText(self.tr("该单位尚未报送培训台账。"))

    def clear(self) -> None:
        self.loading = None
        self.rows = []
        self.model.set_rows([])
        self.counts.clear()
