"""Background work that keeps the window responsive.

A job runs in Qt's thread pool and opens its OWN `Store` on the database path (SQLite
connections are not shared between threads). It reports progress and polls a cancel flag
through a `Progress` object; whatever goes wrong comes back as one message the user can act
on. The progress dialog only appears when the work turns out to be slow.
"""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication, QObject, QRunnable, Qt, QThreadPool, Signal
from PySide6.QtWidgets import QProgressDialog, QWidget

from qcdesk.models.messages import ValidationFailed

if TYPE_CHECKING:
    from qcdesk.models.database_changes import CommitProbe
    from qcdesk.models.store import Store


class Cancelled(Exception):
    """Raised by `Progress.check()` when the user pressed Cancel."""


def ui_lang() -> str:
    """'zh' or 'en': the language core messages should be shown in."""
    app = QCoreApplication.instance()
    value = app.property("lang") if app is not None else None
    return "en" if str(value).startswith("en") else "zh"


def ui_author() -> str:
    """The inspector the window works for (set by the shell): a job's writes carry that name."""
    app = QCoreApplication.instance()
    value = app.property("author") if app is not None else None
    return str(value) if value else ""


def describe_error(exc: BaseException, lang: str | None = None) -> str:
    """One sentence for the user: what is wrong and what to do."""
    from qcdesk.models.os_errors import error_words
    from qcdesk.models.store import DamagedStoreError, StoreError, busy_error

    lang = lang or ui_lang()
    if isinstance(exc, DamagedStoreError):  # the GUI restores through its menu, not a command
        return exc.gui_text(lang)
    if isinstance(exc, (StoreError, ValidationFailed)):
        return exc.text(lang)
    # A full disk, a read-only folder…: the cause in the user's language, as the CLI says it
    # (SQLite and the system say these in English; their advice to close other programs was wrong).
    words = error_words(exc, lang, writing=True)
    if isinstance(exc, sqlite3.Error):
        if words:
            return (f"The database could not be written: {words}." if lang == "en"
                    else f"数据库无法写入：{words}。")
        if "locked" in str(exc).lower() or "busy" in str(exc).lower():
            return busy_error(None).text(lang)  # not another QCDesk window: the instance lock
        if lang == "en":
            return f"Database error: {exc}. Please report it to the maintainer."
        return f"数据库出错，请将此信息报告给维护人员（系统提示：{exc}）。"
    if isinstance(exc, OSError):
        target = exc.filename2 or exc.filename  # a rename's target, not its hidden side file
        name = f" {target}" if target else ""
        if words:
            return (f"File{name} could not be read or written: {words}." if lang == "en"
                    else f"无法读写文件{name}：{words}。")
        if lang == "en":
            return f"File error: {exc}. Check the folder exists and is writable."
        return f"文件读写出错，请检查文件夹是否存在且可写入（系统提示：{exc}）。"
    if lang == "en":
        return f"Unexpected error ({type(exc).__name__}: {exc}). Please report it to the maintainer."
    return f"意外错误（{type(exc).__name__}：{exc}）。请将此信息报告给维护人员。"


class Progress:
    """Handed to the job function: report how far it got, learn whether to stop."""

    def __init__(self, job: Job):
        self._job = job

    @property
    def cancelled(self) -> bool:
        return self._job.is_cancelled()

    def __call__(self, done: int, total: int = 0, text: str = "") -> bool:
        """Report progress; returns True while the job should go on (handy as a callback)."""
        try:
            self._job.progressed.emit(int(done), int(total), text)
        except RuntimeError:  # the job's owner was deleted: nobody will see the outcome, stop
            self._job._cancel.set()
        return not self.cancelled

    def check(self) -> None:
        if self.cancelled:
            raise Cancelled()

    def no_return(self) -> None:
        """The job passes the point where stopping would leave work half done (a restore's
        swap): a Cancel pressed before this raises Cancelled here; from now on Cancel is ignored,
        the job reports its real outcome and the progress dialog loses its Cancel button."""
        self._job._no_return()


class Job(QObject):
    """Signals of one background job; lives in the GUI thread.

    The outcome travels from the worker through `_outcome`, connected (queued) before the job
    starts, and `succeeded`/`failed`/`cancelled`/`finished` are emitted in the GUI thread on a
    later turn of the event loop: a job that finishes at once still reaches the slots its caller
    connects right after `start_job` returns."""

    progressed = Signal(int, int, str)
    uncancellable = Signal()  # the job passed its point of no return (`Progress.no_return`)
    succeeded = Signal(object)
    failed = Signal(str)
    cancelled = Signal()
    finished = Signal()
    _outcome = Signal(str, object)

    def __init__(self, parent: QObject | None = None):
        super().__init__(parent)
        self._cancel = threading.Event()
        self._guard = threading.Lock()
        self._past_return = False
        self.done = False
        self._outcome.connect(self._deliver, Qt.ConnectionType.QueuedConnection)

    def _deliver(self, kind: str, value: object) -> None:
        # `done` turns true only here, in the GUI thread, after every slot has run: whoever
        # waits on it (a dialog refusing to close, a test) then sees the outcome's effects too.
        try:
            if kind == "succeeded":
                self.succeeded.emit(value)
            elif kind == "failed":
                self.failed.emit(str(value))
            else:
                self.cancelled.emit()
            self.finished.emit()
        finally:
            self.done = True

    def cancel(self) -> None:
        with self._guard:
            if not self._past_return:
                self._cancel.set()

    def _no_return(self) -> None:
        with self._guard:
            if self._past_return:
                return
            if self._cancel.is_set():
                raise Cancelled()
            self._past_return = True
        self.uncancellable.emit()

    def is_cancelled(self) -> bool:
        return self._cancel.is_set()


class OwnJobs(QObject):
    """The app's jobs at work on each database file, and how many of them wrote; and the window
    watch's `CommitProbe` on the file, which each job has read around each of its commits, so the
    watch tells their commits from other programs' exactly (`data_version` shows both). Without
    it the risk pass at every start had the dashboard and warnings counted once more (about 8 s
    of work at a million visits); counting "a job wrote since the last look" instead took
    another program's commit made meanwhile for the app's own. Counted in the worker, around
    the job: a job whose page was deleted meanwhile still ends. `ended(path)` is emitted from
    the worker: connected slots run queued, in the GUI thread."""

    ended = Signal(object)

    def __init__(self, parent: QObject | None = None):
        super().__init__(parent)
        self._guard = threading.Lock()
        self._running: dict[Path, int] = {}
        self._wrote: dict[Path, int] = {}
        self._probes: dict[Path, CommitProbe] = {}

    def set_probe(self, path: Path, probe: CommitProbe | None) -> None:
        """The window's watch on `path` tells its jobs' commits apart with `probe` (None: no more)."""
        with self._guard:
            if probe is None:
                self._probes.pop(path, None)
            else:
                self._probes[path] = probe

    def probe(self, path: Path) -> CommitProbe | None:
        with self._guard:
            return self._probes.get(path)

    def counts(self, path: Path) -> tuple[int, int]:
        """(jobs running on `path` now, jobs that wrote to it and ended, ever); `path` resolved."""
        with self._guard:
            return self._running.get(path, 0), self._wrote.get(path, 0)

    def _begin(self, path: Path) -> None:
        with self._guard:
            self._running[path] = self._running.get(path, 0) + 1

    def _end(self, path: Path, wrote: bool) -> None:
        with self._guard:
            self._running[path] -= 1
            if wrote:
                self._wrote[path] = self._wrote.get(path, 0) + 1
        self.ended.emit(path)


_own_jobs: OwnJobs | None = None


def own_job_busy(exc: BaseException, path: Path | str | None) -> str | None:
    """What to say when a save waited in vain for the write lock while one of the app's own jobs
    works on the file (a slow risk pass, an import from the window): the store's words blamed
    "another program / the command line", and the user went looking for one. None otherwise."""
    from qcdesk.models.open_checks import is_busy

    if path is None or not is_busy(exc) or not own_jobs().counts(Path(path).resolve())[0]:
        return None
    return QCoreApplication.translate(
        "Workers", "QCDesk is finishing a background task on this database (such as updating the "
        "risk classes or an import). Wait a moment and save again. If this keeps happening, "
        "another program may be writing to the database: close it.")


def own_jobs() -> OwnJobs:
    """The application's one `OwnJobs` (made in the GUI thread: by `start_job` or the watch)."""
    global _own_jobs
    if _own_jobs is None:
        _own_jobs = OwnJobs(QCoreApplication.instance())
    return _own_jobs


class _Runner(QRunnable):
    def __init__(self, job: Job, fn: Callable[..., Any], db_path: Path | None, lang: str,
                 author: str):
        super().__init__()
        self.job, self.fn, self.db_path, self.lang = job, fn, db_path, lang
        self.author = author
        self.jobs = own_jobs()  # made here, in the GUI thread
        self.file = db_path.resolve() if db_path is not None else None

    def run(self) -> None:
        from qcdesk.models.database_changes import own_changes, track_own_commits
        from qcdesk.models.store import Store

        job, store, wrote = self.job, None, False
        untrack: Callable[[], None] | None = None
        outcome: tuple[str, object] = ("cancelled", None)
        if self.file is not None:
            self.jobs._begin(self.file)
        try:
            if self.db_path is not None:
                # as the window's own store: no inspector chosen is no author, never a made-up one
                store = Store.open(self.db_path, author=self.author, migrate=False)
                probe = self.jobs.probe(self.file) if self.file is not None else None
                if probe is not None:  # its commits are told apart from other programs'
                    untrack = track_own_commits(store, probe)
            result = self.fn(store, Progress(job))
            if not job.is_cancelled():
                outcome = ("succeeded", result)
        except Cancelled:
            pass
        except Exception as exc:  # every failure becomes one message, never a traceback
            if not job.is_cancelled():  # a query stopped by Cancel (`interruptible`) is no failure
                outcome = ("failed", describe_error(exc, self.lang))
        finally:
            try:
                if untrack is not None:
                    untrack()
                if store is not None:
                    wrote = bool(own_changes(store))  # rows written (a failure: maybe rolled back)
                    store.close()
            finally:
                if self.file is not None:
                    self.jobs._end(self.file, wrote)
            # its owner (a page, a window) deleted meanwhile: "Signal source has been deleted"
            with suppress(RuntimeError):
                job._outcome.emit(*outcome)


STOPPED = "qcdeskJobsStopped"  # dynamic property of an owner whose store is being closed


def stop_jobs(owner: QObject) -> None:
    """`owner` (a page, the day's risk pass) goes with the store being closed: no job starts
    under it any more and its queued page runs are dropped. The shell waits for the running jobs
    and then lets their outcomes land; a run started then worked on the closing file after that
    wait (past its instance lock, or into a file a restore replaces)."""
    owner.setProperty(STOPPED, True)
    for run in owner.findChildren(LatestRun):
        run.stop()


def jobs_stopped(obj: QObject | None) -> bool:
    """`obj` or an owner of it was stopped (`stop_jobs`)."""
    while obj is not None:
        if obj.property(STOPPED):
            return True
        obj = obj.parent()
    return False


def start_job(fn: Callable[[Store | None, Progress], Any], *, db_path: Path | None,
              parent: QObject | None = None, pool: QThreadPool | None = None) -> Job:
    """Run `fn(store, progress)` in the pool with its own store on `db_path` (None: no store).
    Under a stopped owner (`stop_jobs`) nothing runs: the job is delivered as cancelled."""
    job = Job(parent)
    if jobs_stopped(parent):
        job._cancel.set()
        job._outcome.emit("cancelled", None)
        return job
    runner = _Runner(job, fn, Path(db_path) if db_path is not None else None, ui_lang(),
                     ui_author())
    job._runner = runner  # keep the Python wrapper alive while Qt runs it
    (pool or QThreadPool.globalInstance()).start(runner)
    return job


def attach_progress(job: Job, parent: QWidget, title: str, label: str,
                    cancellable: bool = True, minimum_ms: int = 500) -> QProgressDialog:
    """A modal progress dialog that shows only if the job is still running after `minimum_ms`."""
    dialog = QProgressDialog(label, QCoreApplication.translate("Workers", "Cancel") if cancellable else "",
                             0, 0, parent)
    dialog.setWindowTitle(title)
    dialog.setWindowModality(Qt.WindowModality.WindowModal)
    dialog.setAutoClose(False)
    dialog.setAutoReset(False)
    dialog.setMinimumDuration(minimum_ms)
    # The wait before showing starts at value 0: a job reporting no progress (the report) was
    # otherwise shown after QProgressDialog's own 4 s, or never when quicker.
    dialog.setValue(0)
    if not cancellable:
        dialog.setCancelButton(None)

    def on_progress(done: int, total: int, text: str) -> None:
        if total > 0:
            dialog.setMaximum(total)
            dialog.setValue(min(done, total))
        if text:
            dialog.setLabelText(text)

    job.progressed.connect(on_progress)
    for outcome in (job.succeeded, job.failed, job.cancelled):  # gone before the caller's message
        outcome.connect(lambda *_: dialog.close())  # ("已导出…" sat over a window reading 100% 取消)
    dialog.canceled.connect(job.cancel)
    job.uncancellable.connect(lambda: dialog.setCancelButton(None))
    job.finished.connect(dialog.close)
    job.finished.connect(dialog.deleteLater)
    return dialog


@contextmanager
def interruptible(store: Store, progress: Progress, every: int = 20_000) -> Iterator[None]:
    """Cancel stops a long query too: SQLite asks every `every` steps whether to go on (an
    interrupted statement raises, which `_Runner` reports as cancelled, not failed)."""
    conn = store.db.conn
    conn.set_progress_handler(lambda: 1 if progress.cancelled else 0, every)
    try:
        yield
    finally:
        conn.set_progress_handler(None, every)


class LatestRun(QObject):
    """A page's computation (warnings, dashboard figures) in the pool, only its newest outcome kept.

    `start(fn)` while a run is going cancels it and runs `fn` once it has stopped, however many
    starts came meanwhile (coalesced); a cancelled or superseded run's result is dropped, never
    shown over newer data. `landed(result)` / `failed(message)` are emitted for the newest run.
    A store without a file (in memory) has no second connection: `fn` runs at once on it."""

    landed = Signal(object)
    failed = Signal(str)

    def __init__(self, store: Store, parent: QObject | None = None):
        super().__init__(parent)
        self.store = store
        self.job: Job | None = None
        self._next: Callable[[Store | None, Progress], Any] | None = None

    @property
    def busy(self) -> bool:
        return self.job is not None

    def start(self, fn: Callable[[Store | None, Progress], Any]) -> None:
        if jobs_stopped(self):  # its store is being closed
            return
        if self.job is not None:
            self._next = fn
            self.job.cancel()
            return
        if self.store.path is None:
            self._now(fn)
            return
        job = self.job = start_job(fn, db_path=self.store.path, parent=self)
        job.succeeded.connect(lambda value, j=job: self._ended(j, value, None))
        job.failed.connect(lambda text, j=job: self._ended(j, None, text))
        job.cancelled.connect(lambda j=job: self._ended(j, None, None))

    def _now(self, fn: Callable[[Store | None, Progress], Any]) -> None:
        job = Job(self)
        try:
            value = fn(self.store, Progress(job))
        except Exception as exc:
            self.failed.emit(describe_error(exc))
            return
        self.landed.emit(value)

    def stop(self) -> None:
        """The store is being closed: the queued run is dropped, the running one cancelled and
        nothing lands (`stop_jobs`); it starts nothing from now on."""
        self.setProperty(STOPPED, True)
        self._next = None
        if self.job is not None:
            self.job.cancel()
        self.job = None

    def _ended(self, job: Job, value: object, error: str | None) -> None:
        if job is not self.job:  # stopped or superseded: nobody waits for it
            return
        self.job = None
        fn, self._next = self._next, None
        if fn is not None:  # superseded: its result is stale, run the newest request
            self.start(fn)
        elif error is not None:
            self.failed.emit(error)
        elif not job.is_cancelled():
            self.landed.emit(value)
