"""The skeleton shared by the Excel import dialogs: choose a file, preview its rows, then import.

:class:`PreviewImportDialog` owns the file field with its 选择文件… button, the summary label, the
detail label under the preview table, the 导入 / 关闭 buttons, and the flow: reading the chosen
file on the database worker (:func:`ui.worker.run_task`), asking before an import that leaves
rows with errors behind, storing on the worker, and closing with :attr:`imported` set. A subclass
builds its own layout with the helpers below, its own preview table, and implements the hooks.

Every user-visible text comes from the subclass (:meth:`PreviewImportDialog.texts` and the
helpers' arguments), so each dialog keeps its own translation context.
"""
from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any, Callable, NamedTuple, Protocol

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (QBoxLayout, QDialog, QFileDialog, QHBoxLayout, QLabel, QLineEdit,
                               QMessageBox, QPushButton, QWidget)

from models.errors import Cancelled, FieldLedgerError
from models.i18n import QT_TRANSLATE_NOOP
from models.session import Session
from models.store import Changes

from ..errors import error_message, show_error
from ..worker import DbWorker, run_task

if TYPE_CHECKING:
    from models.ledger_import import Note

Task = Callable[[Any, Any], Any]


def note_text(note: Note) -> str:
    """A preview message in the current language, inserted labels included."""
    return error_message(FieldLedgerError(note.template, **note.params))


class Preview(Protocol):
    """What the dialog needs of a preview: its rows and how many are in a state."""

    rows: Any

    def count(self, state: str) -> int: ...


class DialogTexts(NamedTuple):
    """The texts of the shared flow, translated by the subclass in its own context.

    ``confirm`` takes ``{bad}`` and ``{new}``; ``done`` takes ``{n}``.
    """

    choose_title: str
    file_filter: str
    read_title: str
    read_label: str
    read_failed: str
    confirm_title: str
    confirm: str
    import_title: str
    import_label: str
    import_failed: str
    done_title: str
    done: str


class PreviewImportDialog(QDialog):
    """Preview-then-import of one file; :attr:`imported` holds the Changes once stored.

    Subclasses set :attr:`LAST_FOLDER_KEY` (the settings key of the last folder used) and
    :attr:`IMPORTED_TABLE` (the table whose inserted rows are counted in the final message), build
    the widgets with :meth:`_file_widgets`, :meth:`_add_summary`, :meth:`_add_detail` and
    :meth:`_add_buttons`, and implement :meth:`texts`, :meth:`_preview_task`,
    :meth:`_show_preview`, :meth:`_clear_preview` and :meth:`_import_task`.
    """

    LAST_FOLDER_KEY = ""
    IMPORTED_TABLE = ""

    def __init__(self, worker: DbWorker, session: Session, settings: Any,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.worker = worker
        self.session = session
        self.settings = settings
        self.preview: Any = None
        self.imported: Changes | None = None

    # --- building -------------------------------------------------------------------------------

    def _file_widgets(self, placeholder: str, choose_text: str) -> None:
        """Create :attr:`file_edit` and :attr:`choose_button`; the caller lays them out."""
        self.file_edit = QLineEdit()
        self.file_edit.setObjectName("import_file")
        self.file_edit.setReadOnly(True)
        self.file_edit.setPlaceholderText(placeholder)
        self.choose_button = QPushButton(choose_text)
        self.choose_button.clicked.connect(self.choose_file)

    def _add_summary(self, layout: QBoxLayout, text: str = "") -> None:
        """Add :attr:`summary`, the counts of the preview above the table."""
        self.summary = QLabel(text)
        self.summary.setObjectName("import_summary")
        self.summary.setWordWrap(True)
        layout.addWidget(self.summary)

    def _add_detail(self, layout: QBoxLayout) -> None:
        """Add :attr:`detail`, the selected row's messages in full under the table."""
        self.detail = QLabel()
        self.detail.setObjectName("import_detail")
        self.detail.setWordWrap(True)
        self.detail.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(self.detail)

    def _add_buttons(self, layout: QBoxLayout, import_text: str, close_text: str) -> None:
        """Add :attr:`import_button` (off until rows can be imported) and :attr:`close_button`."""
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        self.import_button = QPushButton(import_text)
        self.import_button.setObjectName("do_import")
        self.import_button.setEnabled(False)
        self.close_button = QPushButton(close_text)
        buttons.addWidget(self.import_button)
        buttons.addWidget(self.close_button)
        layout.addLayout(buttons)
        self.import_button.clicked.connect(self.confirm_import)
        self.close_button.clicked.connect(self.reject)

    # --- hooks ----------------------------------------------------------------------------------

    def texts(self) -> DialogTexts:
        """The texts of the shared flow in the current language."""
        raise NotImplementedError

    def _preview_task(self, path: str) -> Task:
        """``task(progress, cancelled)`` reading ``path`` into a preview, run on the worker."""
        raise NotImplementedError

    def _show_preview(self, preview: Any) -> None:
        """Store ``preview`` in :attr:`preview` and show it: table, summary, import button."""
        raise NotImplementedError

    def _clear_preview(self) -> None:
        """Show that there is nothing to import (:attr:`preview` is already None)."""
        raise NotImplementedError

    def _import_task(self, preview: Any) -> Task:
        """``task(progress, cancelled)`` storing ``preview``'s new rows; returns the Changes."""
        raise NotImplementedError

    # --- reading --------------------------------------------------------------------------------

    def choose_file(self) -> None:
        """Ask for a file, starting in the last folder used, and read it."""
        t = self.texts()
        folder = str(self.settings.value(self.LAST_FOLDER_KEY, "") or "")
        path, _f = QFileDialog.getOpenFileName(self, t.choose_title, folder, t.file_filter)
        if path:
            self.settings.setValue(self.LAST_FOLDER_KEY, str(Path(path).parent))
            self.load_file(path)

    def load_file(self, path: str) -> None:
        """Show ``path`` in the file field and read it into the preview."""
        self.file_edit.setText(path)
        self.reload()

    def reload(self) -> None:
        """Read the chosen file again (on the worker); nothing when no file is chosen."""
        path = self.file_edit.text()
        if not path:
            return
        task = self._preview_task(path)
        self.import_button.setEnabled(False)
        t = self.texts()
        run_task(self.worker, self, t.read_title, t.read_label, task,
                 on_done=self._show_preview, on_error=self._preview_failed)

    def _preview_failed(self, exc: BaseException) -> None:
        self.preview = None
        self._clear_preview()
        if not isinstance(exc, Cancelled):
            show_error(self, exc, self.texts().read_failed)

    # --- importing ------------------------------------------------------------------------------

    def confirm_import(self) -> None:
        """Import the new rows, asking first when some rows have errors and will be left out."""
        p: Preview | None = self.preview
        if p is None or not p.count("new"):
            return
        if p.count("error"):
            t = self.texts()
            answer = QMessageBox.question(
                self, t.confirm_title, t.confirm.format(bad=p.count("error"), new=p.count("new")))
            if answer != QMessageBox.StandardButton.Yes:
                return
        self.start_import()

    def start_import(self) -> None:
        """Store the preview's new rows (on the worker, with progress and cancel)."""
        preview = self.preview
        assert preview is not None
        task = self._import_task(preview)
        self.import_button.setEnabled(False)
        t = self.texts()
        run_task(self.worker, self, t.import_title, t.import_label, task,
                 on_done=self._imported, on_error=self._import_failed)

    def _import_failed(self, exc: BaseException) -> None:
        if not isinstance(exc, Cancelled):
            show_error(self, exc, self.texts().import_failed)
        self.reload()

    def _imported(self, changes: Changes) -> None:
        self.imported = changes
        n = len(changes.rows.get(self.IMPORTED_TABLE, ()))
        t = self.texts()
        QMessageBox.information(self, t.done_title, t.done.format(n=n))
        self.accept()

    # --- blank forms ----------------------------------------------------------------------------

    def _save_blank_xlsx(self, title: str, file_name: str, file_filter: str,
                         write: Callable[[Path], None]) -> None:
        """Ask where to save an empty form (``file_name`` in the last folder) and ``write`` it."""
        folder = str(self.settings.value(self.LAST_FOLDER_KEY, "") or "")
        path, _f = QFileDialog.getSaveFileName(self, title, str(Path(folder) / file_name),
                                               file_filter)
        if not path:
            return
        if not path.lower().endswith(".xlsx"):
            path += ".xlsx"
        try:
            write(Path(path))
        except OSError as exc:
            show_error(self, FieldLedgerError(QT_TRANSLATE_NOOP(
                "errors", "无法保存文件：{path}\n原因：{reason}\n请换一个文件夹，或检查 U 盘是否写保护。"),
                path=path, reason=exc.strerror or str(exc)))
