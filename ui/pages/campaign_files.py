"""The export dialog's box of the campaign's required materials (实施方案, 工作简报, 照片视频, …):
for each one, whether a rendered form or one of the unit's ledgers (models.material_kinds)
supplies it, or which files go with it (添加文件… / 清除).

The box only collects paths; ``models.package_contents.check_campaign_files`` checks them when
the package is written."""
from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication

from PySide6.QtWidgets import (QFileDialog, QGridLayout, QGroupBox, QLabel, QPushButton,
                               QVBoxLayout, QWidget)


class CampaignFilesBox(QGroupBox):
    """One row per required material: name and due date, state, 添加文件…, 清除."""

    def __init__(self, folder_hint: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTitle(self.tr("专项行动要求的材料"))
        self.setObjectName("campaign_files")
        self.folder_hint = folder_hint
        self.required: list[dict[str, Any]] = []
        self.chosen: dict[str, list[Path]] = {}
        self.chosen_codes: set[str] = {"forms"}
        self.states: dict[str, QLabel] = {}
        outer = QVBoxLayout(self)
        self.empty = QLabel(self.tr("所选专项行动没有规定报送材料。"))
        self.empty.setObjectName("no_required")
        outer.addWidget(self.empty)
        self.grid_host = QWidget()
        self.grid = QGridLayout(self.grid_host)
        self.grid.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(self.grid_host)

    def set_materials(self, required: list[dict[str, Any]]) -> None:
        """Show the materials of the chosen campaign (dicts with name, due_date, form); files
        chosen for another campaign are dropped."""
        self.required = list(required)
        self.chosen = {}
        self.states = {}
        while self.grid.count():
            item = self.grid.takeAt(0)
            if item.widget() is not None:
                item.widget().deleteLater()
        for r, material in enumerate(self.required):
            name = material["name"]
            due = material.get("due_date")
            label = QLabel(name + (self.tr("（{due} 前）").format(due=due) if due else ""))
            label.setWordWrap(True)
            state = QLabel()
            state.setObjectName(f"material_state_{r}")
            add = QPushButton(self.tr("添加文件…"))
            add.setObjectName(f"material_add_{r}")
            add.clicked.connect(lambda _checked=False, n=name: self.choose(n))
            clear = QPushButton(self.tr("清除"))
            clear.setObjectName(f"material_clear_{r}")
            clear.clicked.connect(lambda _checked=False, n=name: self.clear(n))
            self.grid.addWidget(label, r, 0)
            self.grid.addWidget(state, r, 1)
            self.grid.addWidget(add, r, 2)
            self.grid.addWidget(clear, r, 3)
            self.states[name] = state
        self.grid.setColumnStretch(0, 3)
        self.grid.setColumnStretch(1, 2)
        self.empty.setVisible(not self.required)
        self._update()

    def set_chosen(self, codes: set[str]) -> None:
        """The package material codes chosen (正式表格 and the unit's ledgers supply some
        materials)."""
        self.chosen_codes = set(codes)
        self._update()

    def _supplied_by(self, material: dict[str, Any]) -> str:
        """What supplies ``material`` in the package besides files: '' when nothing chosen does."""
        from models.material_kinds import KIND_LABELS
        kind = material.get("kind") or ""
        if kind and kind in self.chosen_codes:
            return self.tr("由本单位的“{ledger}”报送（需有本期记录）").format(
                ledger=QCoreApplication.translate("materials", KIND_LABELS[kind]))
        if material.get("form") and "forms" in self.chosen_codes:
            return self.tr("随正式表格附上")
        return ""

    def choose(self, name: str) -> None:
        paths, _ = QFileDialog.getOpenFileNames(
            self, self.tr("选择“{name}”的文件").format(name=name), self.folder_hint)
        if paths:
            self.add_files(name, [Path(p) for p in paths])

    def add_files(self, name: str, paths: list[Path]) -> None:
        """Attach ``paths`` to material ``name`` (a path already attached is not added twice)."""
        current = self.chosen.setdefault(name, [])
        current.extend(p for p in paths if p not in current)
        if paths:
            self.folder_hint = str(paths[-1].parent)
        self._update()

    def clear(self, name: str) -> None:
        self.chosen.pop(name, None)
        self._update()

    def files(self) -> dict[str, list[Path]]:
        """Material name -> the files attached to it (materials with none left out)."""
        return {name: list(paths) for name, paths in self.chosen.items() if paths}

    def carried(self) -> list[str]:
        """The names the package will carry: those with files and those a form supplies."""
        return [m["name"] for m in self.required
                if self.chosen.get(m["name"]) or self._supplied_by(m)]

    def _update(self) -> None:
        for material in self.required:
            name = material["name"]
            state = self.states.get(name)
            if state is None:
                continue
            paths = self.chosen.get(name) or []
            if paths:
                text = self.tr("已附 {n} 个文件").format(n=len(paths))
                state.setToolTip("\n".join(str(p) for p in paths))
                color = "#1b7f3b"
            elif self._supplied_by(material):
                text = self._supplied_by(material)
                state.setToolTip("")
                color = "#1b7f3b"
            else:
                text = self.tr("未附文件")
                state.setToolTip(self.tr("这项材料不会随本包报送，上级的资料报送统计表中记为未报送。"))
                color = "#a15c00"
            state.setText(text)
            state.setStyleSheet(f"color: {color};")
