"""本单位: the own unit's profile and the unit hierarchy it belongs to."""
from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import (QComboBox, QDialog, QFormLayout, QGroupBox,
                               QHBoxLayout, QLineEdit, QPushButton, QTreeWidget, QTreeWidgetItem,
                               QVBoxLayout, QWidget)

from models import directory
from models.i18n import QT_TRANSLATE_NOOP
from models.session import Session

from ..i18n import translate
from ..widgets import ok_cancel
from .base import Page

LEVEL_LABELS = {
    "province": QT_TRANSLATE_NOOP("units", "省级"),
    "city": QT_TRANSLATE_NOOP("units", "市州"),
    "county": QT_TRANSLATE_NOOP("units", "县区"),
    "station": QT_TRANSLATE_NOOP("units", "站所"),
}


def level_text(level: str) -> str:
    return translate("units", LEVEL_LABELS.get(level, level))


class UnitForm(QWidget):
    """Name, code, level, parent: used for the own unit and for new units."""

    def __init__(self, units: list[dict[str, Any]], unit: dict[str, Any] | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        form = QFormLayout(self)
        form.setContentsMargins(0, 0, 0, 0)
        unit = unit or {}
        self.name = QLineEdit(unit.get("name", ""))
        self.name.setObjectName("unit_name")
        self.code = QLineEdit(unit.get("code", ""))
        self.code.setObjectName("unit_code")
        self.level = QComboBox()
        for key in ("station", "county", "city", "province"):
            self.level.addItem(level_text(key), key)
        if unit.get("level"):
            self.level.setCurrentIndex(self.level.findData(unit["level"]))
        self.parent_unit = QComboBox()
        self.parent_unit.addItem(self.tr("（无上级）"), None)
        for u in units:
            if u["id"] != unit.get("id"):
                self.parent_unit.addItem(f"{u['name']}（{level_text(u['level'])}）", u["id"])
        if unit.get("parent_id"):
            self.parent_unit.setCurrentIndex(self.parent_unit.findData(unit["parent_id"]))
        form.addRow(self.tr("单位名称"), self.name)
        form.addRow(self.tr("单位代码"), self.code)
        form.addRow(self.tr("层级"), self.level)
        form.addRow(self.tr("上级单位"), self.parent_unit)

    def values(self) -> dict[str, Any]:
        return {"name": self.name.text(), "code": self.code.text(),
                "level": self.level.currentData(), "parent_id": self.parent_unit.currentData()}


class UnitDialog(QDialog):
    def __init__(self, parent: QWidget, units: list[dict[str, Any]]) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("添加单位"))
        layout = QVBoxLayout(self)
        self.form = UnitForm(units)
        layout.addWidget(self.form)
        layout.addWidget(ok_cancel(self))


class UnitPanel(Page):
    tables = frozenset({"units", "settings"})

    def __init__(self, controller: Any, parent: QWidget | None = None) -> None:
        super().__init__(controller, parent)
        self.layout_ = QVBoxLayout(self)
        self.own_box = QGroupBox(self.tr("本单位"))
        self.own_layout = QVBoxLayout(self.own_box)
        self.layout_.addWidget(self.own_box)
        self.form: UnitForm | None = None
        self.save_button = QPushButton(self.tr("保存本单位信息"))
        self.save_button.setObjectName("save_unit")
        self.save_button.clicked.connect(self._save)
        self.save_button.setEnabled(self.allowed("unit.edit_own"))
        tree_box = QGroupBox(self.tr("单位层级"))
        tree_layout = QVBoxLayout(tree_box)
        self.tree = QTreeWidget()
        self.tree.setObjectName("unit_tree")
        self.tree.setHeaderLabels([self.tr("单位"), self.tr("层级"), self.tr("代码")])
        tree_layout.addWidget(self.tree)
        row = QHBoxLayout()
        self.add_button = QPushButton(self.tr("添加单位…"))
        self.add_button.clicked.connect(self._add)
        self.add_button.setEnabled(self.allowed("unit.manage"))
        row.addWidget(self.add_button)
        row.addStretch(1)
        tree_layout.addLayout(row)
        self.layout_.addWidget(tree_box, 1)
        self.units: list[dict[str, Any]] = []
        self.refresh()

    def refresh(self) -> None:
        def load(session: Session) -> tuple[list[dict[str, Any]], dict[str, Any] | None]:
            return directory.list_units(session), directory.get_own_unit(session)
        self.worker.call(load, self.session, on_done=self._show)

    def _show(self, data: tuple[list[dict[str, Any]], dict[str, Any] | None]) -> None:
        self.units, own = data
        if self.form is not None:
            self.own_layout.removeWidget(self.form)
            self.form.deleteLater()
        self.form = UnitForm(self.units, own)
        self.own_layout.insertWidget(0, self.form)
        self.own_layout.addWidget(self.save_button)
        self.form.setEnabled(self.allowed("unit.edit_own"))
        self.tree.clear()
        items: dict[int, QTreeWidgetItem] = {}
        for u in self.units:
            item = QTreeWidgetItem([u["name"], level_text(u["level"]), u["code"]])
            if own and u["id"] == own["id"]:
                font = item.font(0)
                font.setBold(True)
                item.setFont(0, font)
            parent = items.get(u["parent_id"])
            if parent is not None:
                parent.addChild(item)
            else:
                self.tree.addTopLevelItem(item)
            items[u["id"]] = item
        self.tree.expandAll()
        self.tree.resizeColumnToContents(0)

    def _save(self) -> None:
        if self.form is not None:
            self.call(directory.update_own_unit, **self.form.values())

    def _add(self) -> None:
        dialog = UnitDialog(self, self.units)
        if dialog.exec():
            self.call(directory.add_unit, **dialog.form.values())
