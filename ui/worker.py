"""The database worker: one thread owns the store; the GUI sends it jobs and gets results back.

Every database call of the GUI goes through :class:`DbWorker`. A job is a callable run on the
worker thread; its result (or exception) comes back to the GUI thread through a queued signal and
is handed to the job's callbacks there, so no widget is ever touched from the worker. A job whose
result is a :class:`models.store.Changes` also makes the worker emit :attr:`DbWorker.changed`,
which the views that care listen to. :func:`run_task` runs a long job with a progress dialog and a
cancel button.
"""
from __future__ import annotations

import itertools
import threading
from typing import TYPE_CHECKING, Any, Callable, NamedTuple

import shiboken6
from PySide6.QtCore import QCoreApplication, QObject, QThread, Signal, Slot

from models.logs import log
from models.errors import Cancelled
from models.store import Changes

if TYPE_CHECKING:
    from PySide6.QtWidgets import QProgressDialog, QWidget

Done = Callable[[Any], None]
Failed = Callable[[BaseException], None]


class _Executor(QObject):
    """Lives on the worker thread and runs the jobs in order."""

    finished = Signal(int, object, object)   # job id, result, exception
    progressed = Signal(int, int, int)       # job id, done, total

    @Slot(int, object)
    def run(self, job_id: int, fn: Callable[..., Any]) -> None:
        try:
            result = fn()
        except BaseException as exc:  # noqa: BLE001 - handed to the GUI thread as a value
            self.finished.emit(job_id, None, exc)
        else:
            self.finished.emit(job_id, result, None)


class _Job(NamedTuple):
    on_done: Done | None
    on_error: Failed | None


class DbWorker(QObject):
    """Owns the worker thread. Create and use it from the GUI thread only."""

    _submit = Signal(int, object)
    changed = Signal(object)            # Changes, after any job that changed data
    busy_changed = Signal(bool)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._thread = QThread()
        self._thread.setObjectName("fieldledger-db")
        self._executor = _Executor()
        self._executor.moveToThread(self._thread)
        # Sender and receiver live on different threads: Qt queues these calls by itself.
        self._submit.connect(self._executor.run)
        self._executor.finished.connect(self._finished)
        self._executor.progressed.connect(self._progressed)
        self._ids = itertools.count(1)
        self._jobs: dict[int, _Job] = {}
        self._progress: dict[int, Callable[[int, int], None]] = {}
        self._thread.start()

    @property
    def pending(self) -> int:
        return len(self._jobs)

    def call(self, fn: Callable[..., Any], *args: Any, on_done: Done | None = None,
             on_error: Failed | None = None, job_id: int | None = None, **kwargs: Any) -> int:
        """Run ``fn(*args, **kwargs)`` on the worker; call back on the GUI thread.

        ``job_id`` is one from :meth:`reserve_id`, when progress was wired to it beforehand.
        """
        job_id = job_id if job_id is not None else next(self._ids)
        self._jobs[job_id] = _Job(on_done, on_error)
        if len(self._jobs) == 1:
            self.busy_changed.emit(True)
        self._submit.emit(job_id, lambda: fn(*args, **kwargs))
        return job_id

    def report_progress(self, job_id: int) -> Callable[[int, int], None]:
        """A ``progress(done, total)`` callable for job ``job_id``, safe to call on the worker."""
        return lambda done, total: self._executor.progressed.emit(job_id, done, total)

    def reserve_id(self) -> int:
        """A job id to wire progress to before submitting the job with ``call(job_id=...)``."""
        return next(self._ids)

    def on_progress(self, job_id: int, callback: Callable[[int, int], None]) -> None:
        self._progress[job_id] = callback

    @Slot(int, int, int)
    def _progressed(self, job_id: int, done: int, total: int) -> None:
        callback = self._progress.get(job_id)
        if callback and _alive(callback):
            callback(done, total)

    @Slot(int, object, object)
    def _finished(self, job_id: int, result: Any, exc: BaseException | None) -> None:
        job = self._jobs.pop(job_id, None)
        self._progress.pop(job_id, None)
        if not self._jobs:
            self.busy_changed.emit(False)
        if job is None:
            return
        if exc is not None:
            if job.on_error is not None and _alive(job.on_error):
                job.on_error(exc)
            else:
                from .errors import show_error
                show_error(None, exc)
            return
        if isinstance(result, Changes) and result:
            self.changed.emit(result)
        if job.on_done is not None:
            if _alive(job.on_done):
                job.on_done(result)
            else:
                log.debug("result of job %d dropped: its view was closed meanwhile", job_id)

    def stop(self, cleanup: Callable[[], Any] | None = None, *, timeout: float = 10.0) -> None:
        """Run ``cleanup`` (e.g. the exit backup and closing the store) on the worker after the
        jobs already queued, waiting up to ``timeout`` seconds for it, then end the thread."""
        if self._thread.isRunning():
            if cleanup is not None:
                done = threading.Event()

                def last() -> None:
                    try:
                        cleanup()
                    finally:
                        done.set()
                self._submit.emit(0, last)
                if not done.wait(timeout):
                    log.warning("the worker's last job did not end within %.0f s", timeout)
            self._thread.quit()
            self._thread.wait(10_000)


def _alive(callback: Callable[..., Any]) -> bool:
    """False when ``callback`` belongs to a widget deleted while its job ran.

    A view rebuilt meanwhile (a language change rebuilds the main window's areas) must not get
    the result of its old load: touching the deleted widget would raise in the GUI thread.
    """
    owners = [getattr(callback, "__self__", None)]
    owners += [cell.cell_contents for cell in getattr(callback, "__closure__", None) or ()
               if _filled(cell)]
    return all(shiboken6.isValid(o) for o in owners if isinstance(o, QObject))


def _filled(cell: Any) -> bool:
    try:
        cell.cell_contents
    except ValueError:  # a closure variable not bound yet
        return False
    return True


def run_task(worker: DbWorker, parent: QWidget | None, title: str, label: str,
             fn: Callable[[Callable[[int, int], None], Callable[[], bool]], Any], *,
             on_done: Done | None = None, on_error: Failed | None = None) -> QProgressDialog:
    """Run ``fn(progress, cancelled)`` on the worker behind a modal progress dialog with cancel.

    ``progress(done, total)`` may be called from the worker; ``cancelled()`` turns true once the
    user cancels, and ``fn`` should then roll back and raise :class:`models.errors.Cancelled` (or
    return what it has, as the audit verification does). The dialog closes when ``fn`` ends; a
    cancelled task shows no error box unless ``on_error`` is given.
    """
    from PySide6.QtWidgets import QProgressDialog
    dialog = QProgressDialog(label, QCoreApplication.translate("tasks", "取消"), 0, 0, parent)
    dialog.setWindowTitle(title)
    from PySide6.QtCore import Qt  # the Qt namespace costs ~25 ms to load: keep it off start-up
    dialog.setWindowModality(Qt.WindowModality.WindowModal)
    dialog.setMinimumDuration(300)
    dialog.setAutoClose(False)
    dialog.setAutoReset(False)
    cancel = threading.Event()
    # Not connect(cancel.set): for a bound method PySide tracks the Event with a weak reference and
    # disconnects when it dies, and its last reference (cancel.is_set, below) is dropped on the
    # worker thread; that disconnect deadlocked with the GUI thread emitting canceled on close().
    # The lambda is owned by the connection, so the Event lives as long as the dialog.
    dialog.canceled.connect(lambda: cancel.set())
    job_id = worker.reserve_id()

    def progress_ui(done: int, total: int) -> None:
        if dialog.maximum() != total:
            dialog.setMaximum(max(total, 0))
        dialog.setValue(min(done, total))

    worker.on_progress(job_id, progress_ui)
    report = worker.report_progress(job_id)

    def finish(result: Any) -> None:
        dialog.close()
        if on_done:
            on_done(result)

    def fail(exc: BaseException) -> None:
        dialog.close()
        log.info("task %r ended with %r", title, exc)
        if on_error:
            on_error(exc)
        elif not isinstance(exc, Cancelled):
            from .errors import show_error
            show_error(parent, exc)

    worker.call(fn, report, cancel.is_set, on_done=finish, on_error=fail, job_id=job_id)
    return dialog
