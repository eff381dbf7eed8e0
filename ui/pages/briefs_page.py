"""其他台账 → 工作简报: the unit's monthly briefs, one editor beside the list.

The list (newest month first) can be narrowed to one campaign. 新建简报 writes a draft for this
month (the campaign chosen above, or the one in progress) and opens it. The editor holds the
month, the title, the text and the photos (thumbnails decoded off the GUI thread, each with its
caption: double-click or 修改说明… to change it). 保存 saves the text; moving to another brief
saves unsaved typing first. The chief's 定稿 (after his review, seed 002) makes the brief final:
it then counts as the month's brief and nothing of it changes until 退回草稿. 导出… writes the
brief as Excel or as the document-style PDF (models.form_brief).
"""
from __future__ import annotations

from datetime import date
from typing import Any

from PySide6.QtCore import QSize, Qt, QUrl
from PySide6.QtGui import QBrush, QColor, QDesktopServices, QIcon, QImage, QPixmap
from PySide6.QtWidgets import (
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLabel,
    QLineEdit,
    QListView,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from models import briefs, campaigns, form_brief
from models.form_data import FormOptions
from models.forms import Form
from models.i18n import QT_TRANSLATE_NOOP
from models.months import label
from models.session import Session
from models.store import Changes

from ..errors import show_error
from ..i18n import translate
from ..widgets import read_only_table
from .base import Page
from .problem_form import THUMB, _tile, thumbnails
from .report_widgets import (
    ALL,
    campaign_combo,
    cell,
    chosen_campaign,
    fill_campaigns,
    month_edit,
    month_text,
    set_month,
)

ID_ROLE = Qt.ItemDataRole.UserRole
#: The file types offered when adding photos.
PHOTO_FILTER = "*.jpg *.jpeg *.png *.gif *.bmp *.tif *.tiff *.webp *.heic *.heif"
FINAL_COLOUR = "#1b6b34"


def load(session: Session, campaign: Any) -> dict[str, Any]:
    """The campaigns and the briefs the list shows (``campaign``: an id, None, or ALL)."""
    rows = briefs.list_briefs(session, None if campaign == ALL else campaign,
                              all_campaigns=campaign == ALL)
    return {"campaigns": campaigns.list_campaigns(session), "briefs": rows}


class BriefsPage(Page):
    """The list of briefs and the editor of the one selected."""

    TITLE = QT_TRANSLATE_NOOP("ledgers", "工作简报")
    tables = frozenset({"briefs", "brief_photos", "campaigns"})

    def __init__(self, controller: Any, parent: QWidget | None = None) -> None:
        super().__init__(controller, parent)
        self.campaign_items: list[dict[str, Any]] = []
        self.rows: list[dict[str, Any]] = []
        self.brief: dict[str, Any] | None = None      # the brief in the editor
        self._shown: tuple[str, str, str] | None = None
        self._select: int | None = None               # the brief to select after a load
        self._thumbs: dict[int, QListWidgetItem] = {}
        self._icons: dict[str, QIcon] = {}
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        split = QSplitter()
        split.addWidget(self._build_list())
        split.addWidget(self._build_editor())
        split.setStretchFactor(0, 2)
        split.setStretchFactor(1, 3)
        layout.addWidget(split)
        thumbnails().ready.connect(self._thumbnail_ready)
        self._show_brief(None)
        self.refresh()

    # --- building -------------------------------------------------------------------------------

    def _build_list(self) -> QWidget:
        box = QWidget()
        layout = QVBoxLayout(box)
        layout.setContentsMargins(0, 0, 4, 0)
        top = QHBoxLayout()
        top.addWidget(QLabel(self.tr("专项行动")))
        self.campaign = campaign_combo("briefs_campaign")
        self.campaign.currentIndexChanged.connect(lambda _i: self.refresh())
        top.addWidget(self.campaign, 1)
        self.new_button = QPushButton(self.tr("新建简报"))
        self.new_button.setObjectName("new_brief")
        self.new_button.setToolTip(self.tr("新建本月的工作简报（草稿）"))
        self.new_button.clicked.connect(lambda _c=False: self.new_brief())
        self.new_button.setEnabled(self.allowed("brief.edit"))
        top.addWidget(self.new_button)
        layout.addLayout(top)
        self.table = read_only_table([self.tr("月份"), self.tr("期数"), self.tr("标题"),
                                      self.tr("状态"), self.tr("照片")], "briefs_table")
        self.table.horizontalHeader().setStretchLastSection(False)
        self.table.horizontalHeader().setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.table.itemSelectionChanged.connect(self._selected)
        layout.addWidget(self.table, 1)
        self.empty = QLabel(self.tr("还没有工作简报。点“新建简报”开始编写本月的简报。"))
        self.empty.setWordWrap(True)
        self.empty.setStyleSheet("color: #555;")
        layout.addWidget(self.empty)
        return box

    def _build_editor(self) -> QWidget:
        box = QGroupBox()
        self.editor_box = box
        layout = QVBoxLayout(box)
        self.heading = QLabel()
        self.heading.setObjectName("brief_heading")
        layout.addWidget(self.heading)
        form = QFormLayout()
        self.month = month_edit("brief_month")
        form.addRow(self.tr("报送月份"), self.month)
        self.title_edit = QLineEdit()
        self.title_edit.setObjectName("brief_title")
        self.title_edit.setPlaceholderText(self.tr("如：大武超限检测站扎实推进执法质量提升"))
        form.addRow(self.tr("标题"), self.title_edit)
        layout.addLayout(form)
        self.body = QPlainTextEdit()
        self.body.setObjectName("brief_body")
        self.body.setPlaceholderText(self.tr("本月开展的工作、取得的成效、典型做法和案例。每段一行。"))
        layout.addWidget(self.body, 3)

        photos = QHBoxLayout()
        photos.addWidget(QLabel(self.tr("照片")))
        photos.addStretch(1)
        self.add_photo_button = QPushButton(self.tr("添加照片…"))
        self.add_photo_button.setObjectName("add_brief_photo")
        self.add_photo_button.clicked.connect(lambda _c=False: self.choose_photos())
        self.caption_button = QPushButton(self.tr("修改说明…"))
        self.caption_button.setObjectName("brief_caption")
        self.caption_button.clicked.connect(lambda _c=False: self.edit_caption())
        self.remove_photo_button = QPushButton(self.tr("删除照片"))
        self.remove_photo_button.setObjectName("remove_brief_photo")
        self.remove_photo_button.clicked.connect(lambda _c=False: self.remove_photo())
        for button in (self.add_photo_button, self.caption_button, self.remove_photo_button):
            photos.addWidget(button)
        layout.addLayout(photos)
        self.photos = QListWidget()
        self.photos.setObjectName("brief_photos")
        self.photos.setViewMode(QListView.ViewMode.IconMode)
        self.photos.setIconSize(QSize(THUMB, THUMB))
        self.photos.setGridSize(QSize(THUMB + 70, THUMB + 44))
        self.photos.setWordWrap(True)
        self.photos.setResizeMode(QListView.ResizeMode.Adjust)
        self.photos.setMovement(QListView.Movement.Static)
        self.photos.setMaximumHeight(THUMB + 60)
        self.photos.setToolTip(self.tr("双击修改照片说明（已定稿时打开照片）"))
        self.photos.itemDoubleClicked.connect(self._photo_activated)
        self.photos.currentItemChanged.connect(lambda *_a: self._enable())
        layout.addWidget(self.photos, 1)

        buttons = QHBoxLayout()
        self.save_button = QPushButton(self.tr("保存"))
        self.save_button.setObjectName("save_brief")
        self.save_button.clicked.connect(lambda _c=False: self.save())
        self.final_button = QPushButton(self.tr("审核定稿"))
        self.final_button.setObjectName("finalise_brief")
        self.final_button.setToolTip(self.tr("负责人审核后定稿：定稿的简报计为本月已报送的简报，不能再修改"))
        self.final_button.clicked.connect(lambda _c=False: self.finalise())
        self.reopen_button = QPushButton(self.tr("退回草稿"))
        self.reopen_button.setObjectName("reopen_brief")
        self.reopen_button.clicked.connect(lambda _c=False: self.reopen())
        self.delete_button = QPushButton(self.tr("删除简报"))
        self.delete_button.setObjectName("delete_brief")
        self.delete_button.clicked.connect(lambda _c=False: self.delete())
        self.export_button = QPushButton(self.tr("导出…"))
        self.export_button.setObjectName("export_brief")
        self.export_button.clicked.connect(lambda _c=False: self.export())
        for button in (self.save_button, self.final_button, self.reopen_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        buttons.addWidget(self.delete_button)
        buttons.addWidget(self.export_button)
        layout.addLayout(buttons)
        self.message = QLabel()
        self.message.setObjectName("brief_message")
        self.message.setWordWrap(True)
        self.message.setStyleSheet("color: #555;")
        layout.addWidget(self.message)
        return box

    # --- loading --------------------------------------------------------------------------------

    def refresh(self) -> None:
        campaign = self.campaign.currentData() if self.campaign.count() else ALL
        campaign = ALL if campaign == ALL else chosen_campaign(self.campaign)
        self.worker.call(load, self.session, campaign, on_done=self._loaded,
                         on_error=lambda exc: show_error(self, exc))

    def _loaded(self, data: dict[str, Any]) -> None:
        self.campaign_items = data["campaigns"]
        keep = self.campaign.currentData() if self.campaign.count() else ALL
        fill_campaigns(self.campaign, data["campaigns"], with_all=True,
                       keep=None if keep == 0 else keep)
        self.rows = data["briefs"]
        wanted = self._select if self._select is not None else (
            self.brief["id"] if self.brief else None)
        self._select = None
        self.table.blockSignals(True)
        self.table.setRowCount(0)
        chosen = -1
        for r in self.rows:
            n = self.table.rowCount()
            self.table.insertRow(n)
            status = translate("briefs", briefs.STATUSES[r["status"]])
            title = cell(r["title"], tip="\n".join(x for x in (r["title"], r["campaign"]) if x))
            title.setData(ID_ROLE, r["id"])
            state = cell(status, center=True)
            if r["status"] == "final":
                state.setForeground(QBrush(QColor(FINAL_COLOUR)))
            for col, item in enumerate((cell(r["period"], center=True),
                                        cell(self.tr("第 {n} 期").format(n=r["issue_no"]),
                                             center=True),
                                        title, state, cell(r["photos"] or "", center=True))):
                item.setData(ID_ROLE, r["id"])
                self.table.setItem(n, col, item)
            if r["id"] == wanted:
                chosen = n
        self.table.blockSignals(False)
        self.empty.setVisible(not self.rows)
        if chosen >= 0:
            self.table.selectRow(chosen)
            self._load_brief(int(self.rows[chosen]["id"]))
        elif self.brief is not None and not any(r["id"] == self.brief["id"] for r in self.rows):
            self._show_brief(None)
        elif self.brief is None and self.rows:
            self.table.selectRow(0)

    def _selected(self) -> None:
        items = self.table.selectedItems()
        if not items:
            return
        brief_id = int(items[0].data(ID_ROLE))
        if self.brief is not None and self.brief["id"] == brief_id:
            return
        if self.is_modified():
            self.save()
        self._load_brief(brief_id)

    def _load_brief(self, brief_id: int) -> None:
        self.worker.call(briefs.get_brief, self.session, brief_id, on_done=self._show_brief,
                         on_error=lambda _exc: self._show_brief(None))

    # --- the editor -----------------------------------------------------------------------------

    def values(self) -> tuple[str, str, str]:
        """(month, title, text) as the editor holds them."""
        return month_text(self.month), self.title_edit.text(), self.body.toPlainText()

    def is_modified(self) -> bool:
        return self.brief is not None and self._shown is not None and self.values() != self._shown

    def _show_brief(self, brief: dict[str, Any] | None) -> None:
        same = brief is not None and self.brief is not None and brief["id"] == self.brief["id"]
        keep_typing = same and self.is_modified()
        self.brief = brief
        if brief is None:
            self.editor_box.setTitle(self.tr("简报内容"))
            self.heading.setText(self.tr("在左侧选择一期简报，或新建简报。"))
            self.title_edit.clear()
            self.body.clear()
            self.photos.clear()
            self._shown = None
            self._enable()
            return
        status = translate("briefs", briefs.STATUSES[brief["status"]])
        campaign = brief["campaign"] or translate("reports", "不属于专项行动")
        self.editor_box.setTitle(self.tr("第 {n} 期（{month}）").format(
            n=brief["issue_no"], month=label(brief["period"])))
        self.heading.setText(self.tr("{campaign} · {status} · 编写人 {author}").format(
            campaign=campaign, status=status, author=self._author(brief)))
        if not keep_typing:
            set_month(self.month, brief["period"])
            self.title_edit.setText(brief["title"])
            self.body.setPlainText(brief["body"])
            self._shown = self.values()
        self._show_photos(brief["photo_rows"])
        self._enable()

    def _author(self, brief: dict[str, Any]) -> str:
        for r in self.rows:
            if r["id"] == brief["id"]:
                return r["author"] or ""
        return ""

    def _show_photos(self, rows: list[dict[str, Any]]) -> None:
        thumbnails().forget(self._thumbs)
        self._thumbs.clear()
        self.photos.clear()
        for n, p in enumerate(rows, 1):
            text = self.tr("图{n} {caption}").format(n=n, caption=p["caption"]).strip()
            item = QListWidgetItem(text)
            item.setData(ID_ROLE, p["id"])
            item.setData(ID_ROLE + 1, str(p["path"]))
            item.setToolTip(f"{p['caption']}\n{p['original_name']}".strip())
            cached = self._icons.get(str(p["path"]))
            if cached is not None:
                item.setIcon(cached)
            else:
                item.setIcon(_tile("…", "#eeeeee"))
                self._thumbs[thumbnails().request(str(p["path"]))] = item
            self.photos.addItem(item)

    def _thumbnail_ready(self, token: int, image: QImage) -> None:
        item = self._thumbs.pop(token, None)
        if item is None:
            return
        thumbnails().forget((token,))
        icon = _tile("?", "#f5f5f5") if image.isNull() else QIcon(QPixmap.fromImage(image))
        self._icons[str(item.data(ID_ROLE + 1))] = icon
        item.setIcon(icon)

    def _enable(self) -> None:
        brief = self.brief
        draft = brief is not None and brief["status"] == "draft"
        edit = draft and self.allowed("brief.edit")
        for widget in (self.month, self.save_button, self.add_photo_button, self.delete_button):
            widget.setEnabled(edit)
        self.title_edit.setReadOnly(not edit)       # read-only, not greyed: still legible
        self.body.setReadOnly(not edit)
        photo = self.photos.currentItem() is not None
        self.caption_button.setEnabled(edit and photo)
        self.remove_photo_button.setEnabled(edit and photo)
        chief = self.allowed("brief.finalise")
        self.final_button.setVisible(chief)
        self.reopen_button.setVisible(chief)
        self.final_button.setEnabled(draft and chief)
        self.reopen_button.setEnabled(brief is not None and brief["status"] == "final" and chief)
        self.export_button.setEnabled(brief is not None)
        if brief is None:
            self.message.setText("")
        elif not draft:
            self.message.setText(self.tr("本期简报已定稿，计为该月已报送的简报；如需修改，请负责人退回草稿。"))
        elif not chief:
            self.message.setText(self.tr("简报写好后，请负责人审核定稿。"))
        else:
            self.message.setText(self.tr("定稿前请通读全文、核对照片说明。"))

    # --- actions --------------------------------------------------------------------------------

    def new_brief(self) -> None:
        """A draft for this month, of the campaign chosen above (else the one in progress)."""
        campaign = self.campaign.currentData()
        if campaign == ALL:
            today = date.today().isoformat()
            campaign = next((int(c["id"]) for c in self.campaign_items
                             if (c["start_date"] or "") <= today
                             and (not c["end_date"] or today <= c["end_date"])), None)
        else:
            campaign = chosen_campaign(self.campaign)
        month = date.today().strftime("%Y-%m")
        title = self.tr("工作简报（{month}）").format(month=label(month))
        self.call(briefs.create_brief, period=month, title=title, campaign_id=campaign,
                  on_done=self._created)

    def _created(self, changes: Changes) -> None:
        ids = changes.rows.get("briefs")
        if ids:
            self._select = int(next(iter(ids)))
            self._show_brief(None)

    def save(self) -> None:
        if self.brief is None or not self.is_modified():
            return
        month, title, body = self.values()
        brief_id = self.brief["id"]
        self._shown = self.values()          # typing after this is a new change
        self.call(briefs.update_brief, brief_id, period=month, title=title, body=body,
                  on_done=lambda _c: self.message.setText(self.tr("已保存。")))

    def finalise(self) -> None:
        if self.brief is None:
            return
        brief_id = self.brief["id"]
        if self.is_modified():
            self.save()
        self.call(briefs.finalise_brief, brief_id)

    def reopen(self) -> None:
        if self.brief is not None:
            self.call(briefs.reopen_brief, self.brief["id"])

    def delete(self) -> None:
        if self.brief is None:
            return
        answer = QMessageBox.question(self, self.tr("删除简报"), self.tr(
            "删除草稿“{title}”及其照片？").format(title=self.brief["title"]))
        if answer == QMessageBox.StandardButton.Yes:
            self._shown = self.values()
            self.call(briefs.delete_brief, self.brief["id"])

    def choose_photos(self) -> None:
        if self.brief is None:
            return
        paths, _filter = QFileDialog.getOpenFileNames(
            self, self.tr("添加照片"), "", self.tr("照片 ({types})").format(types=PHOTO_FILTER))
        self.add_photos(paths)

    def add_photos(self, paths: list[str]) -> None:
        """Add the photos at ``paths`` to the brief shown, one after another."""
        if self.brief is None:
            return
        for path in paths:
            self.call(briefs.add_photo, self.brief["id"], path)

    def _photo_activated(self, item: QListWidgetItem) -> None:
        if self.caption_button.isEnabled():
            self.edit_caption()
        else:
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(item.data(ID_ROLE + 1))))

    def edit_caption(self) -> None:
        item = self.photos.currentItem()
        if item is None or self.brief is None:
            return
        photo = next((p for p in self.brief["photo_rows"] if p["id"] == item.data(ID_ROLE)), None)
        text, ok = QInputDialog.getText(self, self.tr("照片说明"), self.tr("照片说明："),
                                        text=photo["caption"] if photo else "")
        if ok:
            self.call(briefs.set_caption, int(item.data(ID_ROLE)), text)

    def remove_photo(self) -> None:
        item = self.photos.currentItem()
        if item is not None:
            self.call(briefs.remove_photo, int(item.data(ID_ROLE)))

    def export(self) -> None:
        if self.brief is None:
            return
        from .export_dialog import form_name, open_export
        brief_id = self.brief["id"]

        def build(session: Session, _code: str, options: FormOptions) -> Form:
            return form_brief.brief_form(session, brief_id, options)

        scope = self.tr("导出第 {n} 期工作简报“{title}”。").format(n=self.brief["issue_no"],
                                                             title=self.brief["title"])
        open_export(self, forms=[("brief", form_name("brief"))], build=build, scope=scope)

