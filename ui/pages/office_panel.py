"""接收下级报送 (the office's tab of 报送): registered units, received packages, alarms.

Those allowed ``office.manage`` register a reporting unit from its seal key's enrollment file
(the fingerprint is shown first, to compare with the unit in person or by telephone; a seal key
unrelated to the registered one is only taken after a second, explicit confirmation) and import
packages: :class:`~ui.pages.office_import_dialog.ImportDialog` (in its own module, which also
holds ``run_identities``) checks every chosen package with ``office_import.verify_and_preview``
(nothing changes) and shows the reports, alarms in red; "导入" then runs
``office_import.import_package`` on each (a refused package is quarantined by the core, with its
reason). Long work runs through :func:`ui.worker.run_task`. Everyone with ``office.read`` sees
the three tables; open alarms show as a red count above them. :data:`ALARM_COLOR`,
:data:`OK_COLOR`, :func:`alarm_label` and :func:`read_text_file` are shared with the dialog.
"""
from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from models import office_import, office_import_check, office_units
from models.errors import ValidationError
from models.i18n import QT_TRANSLATE_NOOP
from models.package_contents import MATERIAL_LABELS
from models.session import Session

from ..errors import error_message, show_error
from ..i18n import translate
from ..widgets import read_only_table
from .audit_panel import local_time
from .base import Page
from .unit_panel import level_text

if TYPE_CHECKING:
    from .office_import_dialog import ImportDialog

LAST_FOLDER_KEY = "office/last_folder"
CONTEXT = "office_panel"
ALARM_COLOR = "#b00020"
OK_COLOR = "#1b7f3b"
PACKAGE_STATES = {"imported": QT_TRANSLATE_NOOP("office_panel", "已导入"),
                  "quarantined": QT_TRANSLATE_NOOP("office_panel", "已隔离")}
_UNREADABLE = QT_TRANSLATE_NOOP("errors", "无法读取文件“{path}”：{reason}")


def _load(session: Session) -> tuple[list[dict[str, Any]], list[dict[str, Any]],
                                     list[dict[str, Any]]]:
    """Registered units, received packages and alarms, as the tables show them."""
    return (office_units.list_units(session), office_import.list_packages(session),
            office_import.list_alarms(session))


def read_text_file(path: str) -> str:
    """The UTF-8 text of ``path``; ValidationError (Chinese) when it cannot be read."""
    try:
        return Path(path).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise ValidationError(_UNREADABLE, path=Path(path).name,
                              reason=getattr(exc, "strerror", None) or str(exc)) from None


def _read_enrollment(path: str) -> tuple[str, dict[str, Any]]:
    """The enrollment file's text and its checked document (EnrollmentInvalid when untrusted)."""
    from models.enrollment import read_enrollment
    text = read_text_file(path)
    return text, read_enrollment(text)


def alarm_label(kind: str) -> str:
    """The Chinese (or translated) name of an alarm kind."""
    return translate("alarms", office_import_check.ALARM_LABELS.get(kind, kind))


def materials_text(codes: str | None) -> str:
    """Material codes joined by commas, as their names."""
    return "、".join(translate("materials", MATERIAL_LABELS.get(c, c))
                    for c in (codes or "").split(",") if c)


def fill_table(table: QTableWidget, rows: list[list[str]],
               colors: Sequence[str | None] = ()) -> None:
    """Put ``rows`` into ``table``; a row with a colour in ``colors`` is drawn in it."""
    table.setRowCount(len(rows))
    for r, values in enumerate(rows):
        color = colors[r] if r < len(colors) else None
        for c, value in enumerate(values):
            item = QTableWidgetItem(value)
            if color:
                item.setForeground(QColor(color))
            table.setItem(r, c, item)


class OfficePanel(Page):
    """The units that report to this office, the packages received from them, the alarms."""

    tables = frozenset({"office_units", "office_unit_keys", "office_packages", "office_alarms"})

    def __init__(self, controller: Any, parent: QWidget | None = None) -> None:
        super().__init__(controller, parent)
        self.can_manage = self.allowed("office.manage")
        self.units: list[dict[str, Any]] = []
        self.packages: list[dict[str, Any]] = []
        self.alarms: list[dict[str, Any]] = []
        self.import_dialog: ImportDialog | None = None
        self.dialog: QDialog | None = None      # the receipt's passphrase dialog (tests look at it)
        self.last_result: Any = None            # the receipt written last
        layout = QVBoxLayout(self)
        hint = QLabel(self.tr(
            "下级单位用 U 盘送来的报送包在这里核验和导入。先用下级单位负责人导出的单位签章密钥登记"
            "文件登记该单位，之后只接受由它当前签章密钥签名的报送包。"))
        hint.setWordWrap(True)
        layout.addWidget(hint)
        row = QHBoxLayout()
        self.buttons: dict[str, QPushButton] = {}
        for name, text, slot in (("register", self.tr("登记下级单位…"), self.register_unit),
                                 ("import_files", self.tr("导入报送包…"), self.import_files),
                                 ("import_folder", self.tr("导入文件夹中的报送包…"),
                                  self.import_folder),
                                 ("write_receipt", self.tr("写回执…"), self.open_receipt),
                                 ("instruct", self.tr("下发指令…"), self.open_instructions)):
            button = QPushButton(text)
            button.setObjectName(name)
            button.clicked.connect(lambda _checked=False, s=slot: s())
            button.setVisible(self.allowed("office.receipt") if name == "write_receipt"
                              else self.can_manage)
            self.buttons[name] = button
            row.addWidget(button)
        self.buttons["instruct"].setVisible(self.allowed("office.instruct"))
        row.addStretch(1)
        self.alarm_banner = QLabel()
        self.alarm_banner.setObjectName("alarm_banner")
        self.alarm_banner.setStyleSheet(
            f"color: white; background: {ALARM_COLOR}; padding: 3px 10px; font-weight: bold;")
        self.alarm_banner.setVisible(False)
        row.addWidget(self.alarm_banner)
        layout.addLayout(row)
        self.tabs = QTabWidget()
        self.tabs.setObjectName("office_tabs")
        self.units_table = read_only_table(
            [self.tr("单位代码"), self.tr("名称"), self.tr("级别"), self.tr("当前签章密钥指纹"),
             self.tr("状态"), self.tr("登记时间")], "units_table")
        self.packages_table = read_only_table(
            [self.tr("单位"), self.tr("序号"), self.tr("专项行动"), self.tr("期间"),
             self.tr("材料"), self.tr("收到时间"), self.tr("状态"), self.tr("原因")],
            "packages_table")
        self.alarms_table = read_only_table(
            [self.tr("单位"), self.tr("类型"), self.tr("时间"), self.tr("详情")], "alarms_table")
        self.tabs.addTab(self.units_table, self.tr("已登记单位"))
        self.tabs.addTab(self.packages_table, self.tr("报送记录"))
        self.tabs.addTab(self.alarms_table, self.tr("告警"))
        from .office_stats import OfficeStats
        self.stats = OfficeStats(controller)
        self.tabs.addTab(self.stats, self.tr("报送统计"))
        from .office_browse import OfficeBrowse
        self.browse = OfficeBrowse(controller)
        self.tabs.addTab(self.browse, self.tr("下级台账"))
        from .office_letters import OfficeLetters
        self.letters = OfficeLetters(controller)
        self.tabs.addTab(self.letters, self.tr("执法监督意见书"))
        layout.addWidget(self.tabs, 1)
        self.refresh()

    # --- loading ---------------------------------------------------------------------------------

    def refresh(self) -> None:
        self.call(_load, on_done=self._show)

    def _show(self, data: tuple[list[dict[str, Any]], list[dict[str, Any]],
                                list[dict[str, Any]]]) -> None:
        self.units, self.packages, self.alarms = data
        unit_rows, unit_colors = [], []
        for u in self.units:
            if not u["seal_fingerprint"]:
                state, color = self.tr("无有效签章密钥"), ALARM_COLOR
            elif u["open_alarms"]:
                state = self.tr("有 {n} 条告警").format(n=u["open_alarms"])
                color = ALARM_COLOR
            else:
                state, color = self.tr("正常"), None
            if u["last_seq"]:
                state += self.tr("，已收到第 {seq} 号").format(seq=u["last_seq"])
            unit_rows.append([u["code"], u["name"], level_text(u["level"]),
                              u["seal_fingerprint"] or "—", state,
                              local_time(u["registered_at"])])
            unit_colors.append(color)
        fill_table(self.units_table, unit_rows, unit_colors)
        names = {u["code"]: u["name"] for u in self.units}
        fill_table(self.packages_table, [
            [names.get(p["unit_code"], p["unit_code"] or ""),
             "" if p["seq"] is None else str(p["seq"]), p["campaign"] or "",
             (p["period"] or "").replace("/", " — "), materials_text(p["materials"]),
             local_time(p["received_at"]),
             translate(CONTEXT, PACKAGE_STATES.get(p["status"], p["status"])),
             (p["reason"] or "").replace("\n", "；")] for p in self.packages],
            [ALARM_COLOR if p["status"] == "quarantined" else None for p in self.packages])
        fill_table(self.alarms_table, [
            [a["unit_name"] or a["unit_code"] or "", alarm_label(a["kind"]),
             local_time(a["created_at"]), a["detail"]] for a in self.alarms],
            [ALARM_COLOR if not a["acknowledged"] else None for a in self.alarms])
        open_alarms = sum(1 for a in self.alarms if not a["acknowledged"])
        self.alarm_banner.setText(self.tr("告警 {n} 条").format(n=open_alarms))
        self.alarm_banner.setVisible(open_alarms > 0)
        index = self.tabs.indexOf(self.alarms_table)
        self.tabs.setTabText(index, self.tr("告警（{n}）").format(n=open_alarms)
                             if open_alarms else self.tr("告警"))
        self.tabs.tabBar().setTabTextColor(
            index, QColor(ALARM_COLOR) if open_alarms else self.palette().windowText().color())
        for table in (self.units_table, self.packages_table, self.alarms_table):
            table.resizeColumnsToContents()

    # --- registering a unit ----------------------------------------------------------------------

    def _folder(self) -> str:
        return str(self.controller.settings.value(LAST_FOLDER_KEY, "") or "")

    def _remember(self, folder: str | Path) -> None:
        self.controller.settings.setValue(LAST_FOLDER_KEY, str(folder))

    def register_unit(self) -> None:
        """Choose an enrollment file, show its fingerprint to compare, then register it."""
        path, _ = QFileDialog.getOpenFileName(
            self, self.tr("选择下级单位的密钥登记文件"), self._folder(),
            self.tr("密钥登记文件 (*.json);;所有文件 (*)"))
        if not path:
            return
        self._remember(Path(path).parent)
        self.worker.call(_read_enrollment, path, on_done=self._confirm_register,
                         on_error=lambda exc: show_error(self, exc))

    def _confirm_register(self, read: tuple[str, dict[str, Any]]) -> None:
        text, document = read
        unit, key = document["unit"], document["key"]
        answer = QMessageBox.question(
            self, self.tr("登记下级单位"),
            self.tr("单位：{name}（{code}，{level}）\n单位签章密钥指纹：\n\n{fingerprint}\n\n"
                    "请与对方当面或电话核对指纹，完全一致才能登记。指纹不一致时请勿登记，"
                    "并向该单位核实。\n\n指纹一致，登记该单位？").format(
                name=unit["name"], code=unit["code"] or "—", level=level_text(unit["level"]),
                fingerprint=key["fingerprint"]),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel,
            QMessageBox.StandardButton.Cancel)
        if answer == QMessageBox.StandardButton.Yes:
            self._register(text, document, replace_seal=False)

    def _register(self, text: str, document: dict[str, Any], *, replace_seal: bool) -> None:
        self.worker.call(office_units.register_unit, self.session, text,
                         replace_seal=replace_seal, on_done=self._registered,
                         on_error=lambda exc: self._register_failed(exc, text, document,
                                                                    replace_seal))

    def _register_failed(self, exc: BaseException, text: str, document: dict[str, Any],
                         replace_seal: bool) -> None:
        unrelated = isinstance(exc, ValidationError) \
            and exc.template == office_units.UNRELATED_SEAL
        if not unrelated or replace_seal:
            show_error(self, exc)
            return
        answer = QMessageBox.question(
            self, self.tr("替换单位签章密钥"),
            error_message(exc) + "\n\n" + self.tr(
                "警告：只有在已当面或电话向该单位负责人确认、对方确实新生成了单位签章密钥时，才能"
                "替换。如果无法确认，可能有人冒充该单位，请选择“取消”。替换后，由原签章密钥签名的"
                "报送包不再被接受。\n\n确认替换为指纹 {fingerprint} 的新签章密钥？").format(
                fingerprint=document["key"]["fingerprint"]),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel,
            QMessageBox.StandardButton.Cancel)
        if answer == QMessageBox.StandardButton.Yes:
            self._register(text, document, replace_seal=True)

    def _registered(self, result: office_units.Registration) -> None:
        if result:
            text = self.tr("已登记“{name}”（{code}）。\n单位签章密钥指纹：{fingerprint}").format(
                name=result.unit_name, code=result.unit_code, fingerprint=result.fingerprint)
        else:
            text = self.tr("“{name}”（{code}）已按这个登记文件登记过，没有变化。").format(
                name=result.unit_name, code=result.unit_code)
        QMessageBox.information(self, self.tr("登记下级单位"), text)

    # --- receipts --------------------------------------------------------------------------------

    def selected_unit(self) -> dict[str, Any] | None:
        """The registered unit of the selected row of 已登记单位, or None."""
        rows = self.units_table.selectionModel().selectedRows()
        if not rows:
            return None
        code = self.units_table.item(rows[0].row(), 0).text()
        return next((u for u in self.units if u["code"] == code), None)

    def open_instructions(self) -> None:
        """下发指令… for the selected unit (or the first): campaigns, templates and 执法监督意见书,
        signed onto the stick (ui.pages.letter_dialog)."""
        from .letter_dialog import open_instructions
        open_instructions(self, self.selected_unit())

    def open_receipt(self) -> None:
        """Write a signed receipt (回执) for the selected unit's packages."""
        from .receipt_actions import write_receipt
        unit = self.selected_unit()
        if unit is None:
            QMessageBox.information(self, self.tr("写回执"),
                                    self.tr("请先在“已登记单位”中选择要出具回执的单位。"))
            return
        write_receipt(self, unit)

    # --- importing packages ----------------------------------------------------------------------

    def import_files(self) -> None:
        """Choose package files and open the import dialog for them."""
        paths, _ = QFileDialog.getOpenFileNames(
            self, self.tr("选择报送包"), self._folder(), self.tr("报送包 (*.flpkg)"))
        if paths:
            self._remember(Path(paths[0]).parent)
            self.open_import([Path(p) for p in paths])

    def import_folder(self) -> None:
        """Choose a folder and open the import dialog for every package in it."""
        folder = QFileDialog.getExistingDirectory(self, self.tr("选择存放报送包的文件夹"),
                                                  self._folder())
        if not folder:
            return
        self._remember(folder)
        paths = sorted(p for p in Path(folder).iterdir()
                       if p.suffix.lower() == ".flpkg" and p.is_file())
        if not paths:
            QMessageBox.information(self, self.tr("导入报送包"),
                                    self.tr("文件夹“{folder}”中没有报送包（*.flpkg）。").format(
                                        folder=folder))
            return
        self.open_import(paths)

    def open_import(self, paths: list[Path]) -> ImportDialog:
        """Show the import dialog (window-modal) for ``paths``."""
        from .office_import_dialog import ImportDialog
        if self.import_dialog is not None:
            self.import_dialog.deleteLater()
        self.import_dialog = ImportDialog(self, paths)
        self.import_dialog.open()
        return self.import_dialog
