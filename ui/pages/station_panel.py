"""The station's 报送 tab: write signed submission packages to a USB stick, and the outbox.

* The outbox table lists every package written (``package_out.list_outbox``), refreshed when
  ``package_outbox`` changes.
* "生成报送包…" (permission ``package.export``, the chief) opens :class:`ExportDialog` (campaign,
  period, materials, target drive or folder), then the seal-key passphrase
  (:class:`PassphraseDialog`, which checks it on the worker and stays open when it is wrong),
  then runs ``package_out.export_package`` behind a progress dialog with cancel. The closing
  message says the copy was read back from the stick only once the core has returned.
* "再次写出…" copies the selected kept package to another drive or folder (``write_again``).
* "上级接收密钥…" stores the office's age recipients (``set_office_recipients``).
"""
from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path
from typing import Any, Callable, NamedTuple

from PySide6.QtCore import QCoreApplication, QDate, QStorageInfo, Qt
from PySide6.QtWidgets import (QCheckBox, QComboBox, QDateEdit, QDialog, QDialogButtonBox,
                               QFileDialog, QFormLayout, QGridLayout, QGroupBox, QHBoxLayout,
                               QHeaderView,
                               QLabel, QListWidget, QListWidgetItem, QMessageBox,
                               QPlainTextEdit, QPushButton, QTableWidgetItem, QVBoxLayout,
                               QWidget)

from models import campaigns, keys, material_kinds, package_contents, package_out
from models.errors import Cancelled, FieldLedgerError
from models.forms import ExportCancelled
from models.session import Session

from ..errors import error_message, show_error
from ..widgets import error_label, ok_cancel, read_only_table
from ..worker import run_task
from . import receipt_actions
from .audit_panel import local_time
from .base import Page
from .campaign_files import CampaignFilesBox
from .passphrase_dialog import PassphraseDialog

LAST_FOLDER_KEY = "submission/last_folder"
#: File systems that are never a place to write a package to.
_PSEUDO_FS = {"tmpfs", "devtmpfs", "proc", "sysfs", "squashfs", "overlay", "ramfs", "efivarfs"}


class ExportChoice(NamedTuple):
    """What the export dialog chose."""

    campaign_id: int | None
    campaign: str
    period: tuple[date, date]
    materials: list[str]
    target: Path
    campaign_files: dict[str, list[Path]]


class StationData(NamedTuple):
    """What the panel shows, loaded on the worker."""

    outbox: list[dict[str, Any]]
    recipients: list[str]
    campaigns: list[dict[str, Any]]
    required: dict[int, list[dict[str, Any]]]   # campaign id -> its required materials


def _load(session: Session, can_read: bool) -> StationData:
    outbox = package_out.list_outbox(session) if can_read else []
    rows = campaigns.list_campaigns(session)
    required: dict[int, list[dict[str, Any]]] = {}
    for row in rows:
        forms = package_contents.material_forms(session, row["id"])
        required[row["id"]] = [
            {**m, "form": forms.get(m["name"].strip())}
            for m in material_kinds.material_rules(session.store.conn, row["id"])]
    return StationData(outbox, package_out.office_recipients(session.store), rows, required)


def check_seal_passphrase(session: Session, passphrase: str) -> str:
    """Unlock the unit seal key the acting chief holds, to check ``passphrase`` before the long
    export starts; return it. Raises SealKeyMissing, KeyPassphraseWrong or a throttle error."""
    key_id = keys.held_seal_key(session)
    with keys.unlock(session, key_id, passphrase):
        pass
    return passphrase


def size_text(size: int | None) -> str:
    """A byte count for people: 1.5 MB, 820 KB, 12 B."""
    if size is None:
        return "—"
    value = float(size)
    for unit in ("B", "KB", "MB", "GB"):
        if value < 1024 or unit == "GB":
            return f"{value:.0f} {unit}" if unit == "B" else f"{value:.1f} {unit}"
        value /= 1024
    return f"{value:.1f} TB"


def this_month(today: date | None = None) -> tuple[date, date]:
    """First and last day of the month of ``today``."""
    today = today or date.today()
    first = today.replace(day=1)
    last = (first.replace(day=28) + timedelta(days=4)).replace(day=1) - timedelta(days=1)
    return first, last


def removable_volumes() -> list[QStorageInfo]:
    """Mounted volumes one may write a package to: ready, valid, writable, not the system root
    (Qt cannot tell a USB stick from a disk, so every other volume is offered)."""
    root = QStorageInfo.root().rootPath()
    out = []
    for volume in QStorageInfo.mountedVolumes():
        fs = bytes(volume.fileSystemType()).decode(errors="replace")
        if (volume.isValid() and volume.isReady() and not volume.isReadOnly()
                and volume.rootPath() != root and fs not in _PSEUDO_FS):
            out.append(volume)
    return out


class TargetPicker(QWidget):
    """The drives to write to (name, root path, free space) and "选择文件夹…" for any folder."""

    def __init__(self, folder_hint: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.folder_hint = folder_hint
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.list = QListWidget()
        self.list.setObjectName("targets")
        self.list.setMinimumHeight(90)
        for volume in removable_volumes():
            name = volume.displayName() or volume.name() or volume.rootPath()
            self._add(self.tr("{name}（{root}）　可用 {free}").format(
                name=name, root=volume.rootPath(), free=size_text(volume.bytesAvailable())),
                volume.rootPath())
        layout.addWidget(self.list)
        row = QHBoxLayout()
        self.empty = QLabel(self.tr("没有找到可写入的 U 盘。请插入 U 盘，或选择一个文件夹。"))
        self.empty.setWordWrap(True)
        self.empty.setVisible(self.list.count() == 0)
        row.addWidget(self.empty, 1)
        row.addStretch(0)
        self.choose = QPushButton(self.tr("选择文件夹…"))
        self.choose.setObjectName("choose_folder")
        self.choose.clicked.connect(lambda _checked=False: self._choose())
        row.addWidget(self.choose)
        layout.addLayout(row)

    def _add(self, text: str, path: str) -> QListWidgetItem:
        item = QListWidgetItem(text)
        item.setData(Qt.ItemDataRole.UserRole, path)
        self.list.addItem(item)
        return item

    def _choose(self) -> None:
        path = QFileDialog.getExistingDirectory(self, self.tr("选择写入报送包的文件夹"),
                                                self.folder_hint)
        if not path:
            return
        self.folder_hint = path
        free = QStorageInfo(path).bytesAvailable()
        item = self._add(self.tr("文件夹 {path}　可用 {free}").format(
            path=path, free=size_text(free)), path)
        self.list.setCurrentItem(item)
        self.empty.setVisible(False)

    def target(self) -> Path | None:
        item = self.list.currentItem()
        return Path(item.data(Qt.ItemDataRole.UserRole)) if item is not None else None


class ExportDialog(QDialog):
    """Choose what to report and where to write it; :meth:`choice` once accepted."""

    def __init__(self, rows: list[dict[str, Any]], folder_hint: str, scope: str,
                 parent: QWidget | None = None,
                 required: dict[int, list[dict[str, Any]]] | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("生成报送包"))
        self.setMinimumWidth(560)
        layout = QVBoxLayout(self)
        scope_label = QLabel(scope)
        scope_label.setWordWrap(True)
        layout.addWidget(scope_label)
        form = QFormLayout()
        self.campaign = QComboBox()
        self.campaign.setObjectName("campaign")
        self.periods: list[tuple[date, date] | None] = []
        for row in rows:
            label = row["title"] + (f"（{row['doc_no']}）" if row.get("doc_no") else "")
            self.campaign.addItem(label, row["id"])
            self.periods.append(_campaign_period(row))
        self.campaign.addItem(self.tr("不限专项行动（本单位全部记录）"), None)
        self.periods.append(None)
        self.campaign.currentIndexChanged.connect(self._campaign_changed)
        form.addRow(self.tr("专项行动"), self.campaign)
        period = QHBoxLayout()
        self.start = self._date_edit("period_start")
        self.end = self._date_edit("period_end")
        period.addWidget(self.start)
        period.addWidget(QLabel(self.tr("至")))
        period.addWidget(self.end)
        period.addStretch(1)
        form.addRow(self.tr("报送期间"), period)
        layout.addLayout(form)
        box = QGroupBox(self.tr("报送材料"))
        box_layout = QGridLayout(box)
        self.materials: dict[str, QCheckBox] = {}
        half = (len(package_contents.MATERIALS) + 1) // 2
        for n, code in enumerate(package_contents.MATERIALS):
            check = QCheckBox(QCoreApplication.translate(
                "materials", package_contents.MATERIAL_LABELS[code]))
            check.setObjectName(f"material_{code}")
            check.setChecked(True)
            box_layout.addWidget(check, n % half, n // half)
            self.materials[code] = check
        layout.addWidget(box)
        self.required = required or {}
        self.campaign_files = CampaignFilesBox(folder_hint)
        for check in self.materials.values():
            check.toggled.connect(lambda _on: self.campaign_files.set_chosen(self.chosen_codes()))
        layout.addWidget(self.campaign_files)
        target_box = QGroupBox(self.tr("写入到（U 盘或文件夹）"))
        target_layout = QVBoxLayout(target_box)
        self.targets = TargetPicker(folder_hint)
        target_layout.addWidget(self.targets)
        layout.addWidget(target_box, 1)
        self.message = error_label("message")
        self.message.setVisible(False)
        layout.addWidget(self.message)
        buttons = ok_cancel(self, self._check)
        ok = buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setText(self.tr("下一步：签章…"))
        ok.setObjectName("ok")
        layout.addWidget(buttons)
        self._campaign_changed(0)

    def chosen_codes(self) -> set[str]:
        return {code for code, check in self.materials.items() if check.isChecked()}

    def _date_edit(self, name: str) -> QDateEdit:
        edit = QDateEdit()
        edit.setObjectName(name)
        edit.setCalendarPopup(True)
        edit.setDisplayFormat("yyyy-MM-dd")
        return edit

    def _campaign_changed(self, index: int) -> None:
        period = self.periods[index] if 0 <= index < len(self.periods) else None
        start, end = period or this_month()
        if hasattr(self, "campaign_files"):
            self.campaign_files.set_materials(self.required.get(self.campaign.itemData(index), []))
        self.start.setDate(QDate(start.year, start.month, start.day))
        self.end.setDate(QDate(end.year, end.month, end.day))

    def _fail(self, text: str) -> None:
        self.message.setText(text)
        self.message.setVisible(True)

    def _check(self) -> None:
        if not any(check.isChecked() for check in self.materials.values()):
            self._fail(self.tr("请至少选择一种报送材料。"))
        elif self.start.date() > self.end.date():
            self._fail(self.tr("报送期间的开始日期晚于结束日期。"))
        elif self.targets.target() is None:
            self._fail(self.tr("请选择要写入的 U 盘或文件夹。"))
        else:
            self.accept()

    def choice(self) -> ExportChoice:
        target = self.targets.target()
        assert target is not None
        return ExportChoice(self.campaign.currentData(), self.campaign.currentText(),
                            (self.start.date().toPython(), self.end.date().toPython()),
                            [code for code, check in self.materials.items() if check.isChecked()],
                            target, self.campaign_files.files())


def _campaign_period(row: dict[str, Any]) -> tuple[date, date] | None:
    try:
        start, end = date.fromisoformat(row["start_date"]), date.fromisoformat(row["end_date"])
    except (TypeError, ValueError):
        return None
    return (start, end) if start <= end else None


class TargetDialog(QDialog):
    """Where to write a kept package again."""

    def __init__(self, title: str, intro: str, folder_hint: str,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.setMinimumWidth(500)
        layout = QVBoxLayout(self)
        label = QLabel(intro)
        label.setWordWrap(True)
        layout.addWidget(label)
        self.targets = TargetPicker(folder_hint)
        layout.addWidget(self.targets, 1)
        self.message = error_label("message")
        self.message.setVisible(False)
        layout.addWidget(self.message)
        buttons = ok_cancel(self, self._check)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("写出"))
        layout.addWidget(buttons)

    def _check(self) -> None:
        if self.targets.target() is None:
            self.message.setText(self.tr("请选择要写入的 U 盘或文件夹。"))
            self.message.setVisible(True)
        else:
            self.accept()


class RecipientsDialog(QDialog):
    """Edit the office's age recipients; saved on the worker, errors shown inside."""

    def __init__(self, page: Page, recipients: list[str], parent: QWidget | None = None) -> None:
        super().__init__(parent if parent is not None else page)
        self.page = page
        self.setWindowTitle(self.tr("上级接收密钥"))
        self.setMinimumWidth(560)
        layout = QVBoxLayout(self)
        intro = QLabel(self.tr(
            "上级机关公布的接收公钥以“age1”开头，每行一个。设置后，报送包会加密给这些公钥："
            "只有上级机关能打开，U 盘丢失也不会泄露内容。清空后报送包不加密（仍有单位签章，"
            "改动可被发现）。"))
        intro.setWordWrap(True)
        layout.addWidget(intro)
        self.edit = QPlainTextEdit("\n".join(recipients))
        self.edit.setObjectName("recipients")
        self.edit.setPlaceholderText("age1…")
        layout.addWidget(self.edit, 1)
        self.message = error_label("message")
        self.message.setVisible(False)
        layout.addWidget(self.message)
        self.buttons = ok_cancel(self, self._save)
        layout.addWidget(self.buttons)

    def _save(self) -> None:
        self.buttons.setEnabled(False)
        self.message.setVisible(False)
        self.page.worker.call(package_out.set_office_recipients, self.page.session,
                              self.edit.toPlainText(), on_done=lambda _c: self.accept(),
                              on_error=self._failed)

    def _failed(self, exc: BaseException) -> None:
        self.buttons.setEnabled(True)
        if isinstance(exc, FieldLedgerError):
            self.message.setText(error_message(exc))
            self.message.setVisible(True)
        else:
            show_error(self, exc)


class StationPanel(Page):
    """The outbox and the buttons to write, write again and set the office's keys."""

    tables = frozenset({"package_outbox", "settings", "campaigns"})

    def __init__(self, controller: Any, parent: QWidget | None = None) -> None:
        super().__init__(controller, parent)
        self.can_export = self.allowed("package.export")
        self.can_read = self.allowed("package.read")
        self.can_recipients = self.allowed("package.recipients")
        self.data = StationData([], [], [], {})
        self.dialog: QDialog | None = None      # the dialog open now (tests look at it)
        self.task: Any = None                   # the progress dialog of the running task
        self.last_result: Any = None
        layout = QVBoxLayout(self)
        scope = QLabel(self._scope_text())
        scope.setObjectName("scope")
        scope.setWordWrap(True)
        layout.addWidget(scope)
        self.recipients_state = QLabel()
        self.recipients_state.setObjectName("recipients_state")
        self.recipients_state.setWordWrap(True)
        layout.addWidget(self.recipients_state)
        row = QHBoxLayout()
        self.export_button = self._button(row, "export", self.tr("生成报送包…"), self.open_export)
        self.again_button = self._button(row, "write_again", self.tr("再次写出…"),
                                         self.open_write_again)
        self.recipients_button = self._button(row, "recipients", self.tr("上级接收密钥…"),
                                              self.open_recipients)
        self.office_button = self._button(row, "register_office", self.tr("登记上级单位…"),
                                          lambda: receipt_actions.register_office(self))
        self.receipt_button = self._button(row, "import_receipt", self.tr("导入回执…"),
                                           lambda: receipt_actions.import_receipt(self))
        self.office_button.setEnabled(self.can_recipients)
        self.receipt_button.setEnabled(self.can_export)
        row.addStretch(1)
        layout.addLayout(row)
        self.export_button.setEnabled(self.can_export)
        self.recipients_button.setEnabled(self.can_recipients)
        self.note = QLabel()
        self.note.setObjectName("note")
        self.note.setWordWrap(True)
        self.note.setStyleSheet("color: #555;")
        if not self.can_export:
            self.note.setText(self.tr("只有负责人可以生成和再次写出报送包（要用单位签章密钥签章）。")
                              if self.can_read else
                              self.tr("报送包由本单位负责人生成，报送记录只有负责人和管理员可以查看。"))
        self.note.setVisible(not self.can_export)
        layout.addWidget(self.note)
        self.table = read_only_table(
            [self.tr("序号"), self.tr("专项行动"), self.tr("期间"), self.tr("材料"),
             self.tr("生成时间"), self.tr("大小"), self.tr("是否加密"), self.tr("状态"),
             self.tr("回执时间")], "outbox")
        header = self.table.horizontalHeader()
        for col in (1, 3):      # long titles and lists: full text in the tooltip
            header.setSectionResizeMode(col, QHeaderView.ResizeMode.Interactive)
            header.resizeSection(col, 240)
        self.table.itemSelectionChanged.connect(self._update_buttons)
        layout.addWidget(self.table, 1)
        self._update_buttons()
        self.refresh()

    def _scope_text(self) -> str:
        return self.tr(
            "报送包默认包含“上次已确认送达的报送包”之后的全部变动：上级机关收到报送包并出具回执、"
            "本单位据此标记为“已送达”后，下一个报送包从那里接着报；尚未送达的报送包的内容会在下一个"
            "报送包中再次报送，不会遗漏。")

    def _button(self, row: QHBoxLayout, name: str, text: str,
                slot: Callable[[], None]) -> QPushButton:
        button = QPushButton(text)
        button.setObjectName(name)
        button.clicked.connect(lambda _checked=False: slot())
        row.addWidget(button)
        return button

    # --- loading ---------------------------------------------------------------------------------

    def refresh(self) -> None:
        self.call(_load, self.can_read, on_done=self._show)

    def _show(self, data: StationData) -> None:
        self.data = data
        if data.recipients:
            self.recipients_state.setText(self.tr(
                "已设置 {n} 个上级接收密钥：报送包将加密，只有上级机关能打开。").format(
                    n=len(data.recipients)))
        else:
            self.recipients_state.setText(self.tr(
                "尚未设置上级接收密钥：报送包不加密（有单位签章，改动可被发现）。"))
        titles = {c["id"]: c["title"] for c in data.campaigns}
        self.table.setRowCount(len(data.outbox))
        for r, row in enumerate(data.outbox):
            period = "—"
            if row["period_from"]:
                period = f"{row['period_from']} — {row['period_to']}"
            materials = "、".join(QCoreApplication.translate(
                "materials", package_contents.MATERIAL_LABELS.get(m, m)) for m in row["materials"])
            values = [str(row["seq"]),
                      titles.get(row["campaign_id"], self.tr("不限专项行动"))
                      if row["campaign_id"] is not None else self.tr("不限专项行动"),
                      period, materials, local_time(row["created_at"]), size_text(row["size"]),
                      self.tr("已加密") if row["encrypted"] else self.tr("未加密"),
                      self.tr("已送达") if row["status"] == "delivered" else self.tr("已写出"),
                      local_time(row["delivered_at"]) if row["delivered_at"] else "—"]
            for c, value in enumerate(values):
                item = QTableWidgetItem(value)
                item.setData(Qt.ItemDataRole.UserRole, row["id"])
                if c in (1, 3):
                    item.setToolTip(value)
                if c == 0 and not row["kept_present"]:
                    item.setToolTip(self.tr("本机保存的报送包文件已不在，无法再次写出。"))
                self.table.setItem(r, c, item)
        self._update_buttons()

    def selected(self) -> dict[str, Any] | None:
        rows = self.table.selectionModel().selectedRows()
        if not rows:
            return None
        oid = self.table.item(rows[0].row(), 0).data(Qt.ItemDataRole.UserRole)
        return next((r for r in self.data.outbox if r["id"] == oid), None)

    def _update_buttons(self) -> None:
        row = self.selected()
        self.again_button.setEnabled(self.can_export and row is not None
                                     and bool(row["kept_present"]))

    def _folder(self) -> str:
        return str(self.controller.settings.value(LAST_FOLDER_KEY, "") or "")

    def _remember(self, path: Path) -> None:
        self.controller.settings.setValue(LAST_FOLDER_KEY, str(path))

    # --- export ----------------------------------------------------------------------------------

    def open_export(self) -> None:
        dialog = ExportDialog(self.data.campaigns, self._folder(), self._scope_text(), self,
                              required=self.data.required)
        dialog.accepted.connect(lambda: self._ask_passphrase(dialog.choice()))
        self.dialog = dialog
        dialog.open()

    def _ask_passphrase(self, choice: ExportChoice) -> None:
        self._remember(choice.target)
        start, end = choice.period
        summary = QLabel(self.tr(
            "专项行动：{campaign}\n报送期间：{start} 至 {end}\n材料：{materials}\n写入到：{target}"
        ).format(campaign=choice.campaign, start=start.isoformat(), end=end.isoformat(),
                 materials="、".join([QCoreApplication.translate(
                     "materials", package_contents.MATERIAL_LABELS[m]) for m in choice.materials]
                                    + [self.tr("{name}（{n} 个文件）").format(name=k, n=len(v))
                                       for k, v in choice.campaign_files.items()]),
                 target=str(choice.target)))
        summary.setObjectName("summary")
        summary.setWordWrap(True)
        dialog = PassphraseDialog(
            self, title=self.tr("用单位签章密钥签章"),
            intro=self.tr("报送包将用本单位签章密钥签章。请输入您的签名口令（登录密码）。"),
            button_text=self.tr("签章并写出"), action=check_seal_passphrase, body=summary)
        dialog.accepted.connect(lambda: self._export(choice, dialog))
        self.dialog = dialog
        dialog.open()

    def _export(self, choice: ExportChoice, dialog: PassphraseDialog) -> None:
        passphrase, dialog.result_value = dialog.result_value, None
        self.dialog = None
        session = self.session

        def task(progress: Callable[[int, int], None], cancelled: Callable[[], bool]) -> Any:
            return package_out.export_package(
                session, choice.target, passphrase, campaign_id=choice.campaign_id,
                period=choice.period, materials=choice.materials, progress=progress,
                cancelled=cancelled, campaign_files=choice.campaign_files)

        self.task = run_task(self.worker, self, self.tr("生成报送包"),
                             self.tr("正在收集、签章并写入报送包，请不要拔出 U 盘…"), task,
                             on_done=self._exported, on_error=self._failed)

    def _exported(self, result: package_out.ExportedPackage) -> None:
        self.task = None
        self.last_result = result
        if result.changes:
            self.worker.changed.emit(result.changes)
        QMessageBox.information(self, self.tr("报送包已写出"), self.tr(
            "第 {seq} 号报送包已写出：\n{path}\n\n大小：{size}\nSHA-256（前 16 位）：{sha}\n"
            "{encrypted}\n\n已从 U 盘读回核验，可以安全拔出。").format(
                seq=result.seq, path=str(result.path), size=size_text(result.size),
                sha=result.sha256[:16],
                encrypted=self.tr("已加密给上级机关。") if result.encrypted
                else self.tr("未加密（未设置上级接收密钥）。")))

    def _failed(self, exc: BaseException) -> None:
        self.task = None
        if isinstance(exc, (ExportCancelled, Cancelled)):
            QMessageBox.information(self, self.tr("已取消"), self.tr(
                "已取消，U 盘和本机都没有留下报送包，也没有记录。"))
            return
        show_error(self, exc, self.tr("报送包没有写出"))

    # --- write again -----------------------------------------------------------------------------

    def open_write_again(self) -> None:
        row = self.selected()
        if row is None:
            return
        dialog = TargetDialog(self.tr("再次写出报送包"), self.tr(
            "把本机保存的第 {seq} 号报送包再写到一个 U 盘或文件夹（例如原来的 U 盘丢失或损坏）。"
            "内容与原来的完全相同，写入后会读回核验。").format(seq=row["seq"]), self._folder(), self)
        dialog.accepted.connect(lambda: self._write_again(row, dialog.targets.target()))
        self.dialog = dialog
        dialog.open()

    def _write_again(self, row: dict[str, Any], target: Path | None) -> None:
        self.dialog = None
        if target is None:
            return
        self._remember(target)
        session, oid = self.session, row["id"]

        def task(progress: Callable[[int, int], None], cancelled: Callable[[], bool]) -> Path:
            return package_out.write_again(session, oid, target, progress=progress,
                                           cancelled=cancelled)

        def done(path: Path) -> None:
            self.task = None
            self.last_result = path
            QMessageBox.information(self, self.tr("报送包已再次写出"), self.tr(
                "第 {seq} 号报送包已再次写出：\n{path}\n\n已从 U 盘读回核验，可以安全拔出。").format(
                    seq=row["seq"], path=str(path)))

        self.task = run_task(self.worker, self, self.tr("再次写出报送包"),
                             self.tr("正在写入并核验，请不要拔出 U 盘…"), task,
                             on_done=done, on_error=self._failed)

    # --- the office's recipients -----------------------------------------------------------------

    def open_recipients(self) -> None:
        dialog = RecipientsDialog(self, self.data.recipients)
        self.dialog = dialog
        dialog.open()
