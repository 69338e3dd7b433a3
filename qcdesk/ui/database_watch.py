"""The main window notices what other programs wrote, and keeps qcdesk.db itself current.

Why: after `qcdesk roster import` added 3 firms, 企业档案 still said 共 200 条 until someone
pressed 刷新 (a clerk who just heard "I imported the list" may import it again or type the firms
in). When the window is activated, and every 5 s while it stays active, one cheap query
(`data_version`) asks whether another connection committed; if so the page shown is refreshed as
刷新 does (a list keeps its selected row and scroll position) and every other page when it is
next shown. The app's own workers are other connections too, but their commits are not taken
for another program's (their outcome re-reads what they changed): the watch's `CommitProbe`,
read by each job around each of its commits, says whether anyone but those jobs committed (the
window's own saves too), and the window connection's `data_version` whether anyone but the
window did; a change both see is another program's. Before, the risk pass at every start had
the dashboard and warnings counted once more, about 8 s of work at a million visits; and then
"a job wrote since the last look" took another program's commit for the app's own (the firm
`qcdesk roster import` added was not listed until 刷新).

The window's saves run on the GUI thread and wait for another program's write lock: up to 5 s
froze the window (Windows shows 未响应 at about 5 s) while a command-line export held the lock
for minutes, and the save was refused anyway. The window's own store waits WINDOW_BUSY_S: longer
than the brief writes it meets daily (the risk pass holds the lock 0.1 s at 80,000 visits, up to
0.9 s at a million; `qcdesk settings` a few ms), short enough not to look hung. Workers keep 5 s.

Saves stay in qcdesk.db-wal until SQLite checkpoints (about every 1000 pages): a copy of
qcdesk.db alone held none of 30 saves. Once the database has been quiet for a few seconds after
a write (the window's own, seen by the connection's change counter, or another program's), a
PASSIVE checkpoint runs in a worker: it never waits for or blocks anyone.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, Qt, QTimer

from qcdesk.models.database_changes import (
    CommitProbe,
    checkpoint_passive,
    data_version,
    own_changes,
    track_own_commits,
)
from qcdesk.ui.workers import Job, Progress, describe_error, own_jobs, start_job, stop_jobs

if TYPE_CHECKING:
    from qcdesk.models.store import Store
    from qcdesk.ui.main_window import MainWindow

POLL_MS = 5_000  # while the window is active: one cheap query, no table read
QUIET_MS = 3_000  # a checkpoint once no write was seen for one whole interval
WINDOW_BUSY_S = 1.5  # the window's own writes wait this long for another program's (see above)


def _checkpoint(store: Store | None, _progress: Progress) -> object:
    return checkpoint_passive(store) if store is not None else None


class DatabaseWatch(QObject):
    """Refreshes the window's pages after another connection's commit; checkpoints when quiet."""

    def __init__(self, window: MainWindow, store: Store):
        super().__init__(window)
        self.window = window
        self.store = store
        self.version = data_version(store)  # the pages are read as of this one
        self.outside = 0  # other programs' commits seen since: one more each time one is seen
        self.seen: dict[str, int] = {}  # page key → `outside` when it was last refreshed
        self.file = Path(store.path).resolve() if store.path is not None else None
        self.jobs = own_jobs()
        self.probe = CommitProbe(self.file) if self.file is not None else None
        self.untrack: Callable[[], None] | None = None
        if self.file is not None and self.probe is not None:
            self.jobs.set_probe(self.file, self.probe)
            self.untrack = track_own_commits(store, self.probe)  # the window's own saves too
        self.pending = False  # a change seen while a job of the app was committing: whose?
        self.changes = own_changes(store)  # this connection's own writes (no query)
        self.dirty = False  # written since the last checkpoint
        self.job: Job | None = None
        self.poll = QTimer(self)
        self.poll.setInterval(POLL_MS)
        self.poll.timeout.connect(self.check)
        self.quiet = QTimer(self)
        self.quiet.setTimerType(Qt.TimerType.CoarseTimer)
        self.quiet.setInterval(QUIET_MS)
        self.quiet.timeout.connect(self._quiet_tick)
        self.quiet.start()
        window.installEventFilter(self)
        window.nav.currentRowChanged.connect(self._page_shown)
        self.jobs.ended.connect(self._job_ended)
        if window.isActiveWindow():
            self.poll.start()

    def stop(self) -> None:
        """The store is being replaced or closed: no more queries on it, no job started."""
        self.poll.stop()
        self.quiet.stop()
        self.window.removeEventFilter(self)
        self.window.nav.currentRowChanged.disconnect(self._page_shown)
        self.jobs.ended.disconnect(self._job_ended)
        stop_jobs(self)
        if self.untrack is not None:
            self.untrack()
        if self.file is not None and self.probe is not None:
            self.jobs.set_probe(self.file, None)
            self.probe.close()  # jobs still running keep it until they end: reads then fail, harmless

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.window and event.type() == QEvent.Type.ActivationChange:
            if self.window.isActiveWindow():
                self.check()
                self.poll.start()
            else:
                self.poll.stop()
        return False

    def _read(self) -> bool:
        """True when another program committed since the last look (not the window, not one of
        the app's jobs): both the window's connection and the probe saw a change."""
        first = data_version(self.store)
        other = self.probe.look() if self.probe is not None else True
        then = data_version(self.store)
        if other is None:  # a job's commit under way: asked again when it has ended
            self.pending = first != self.version or self.pending
            return False
        self.pending = False
        if then is None or then == self.version:
            return False
        moved, self.version = first != self.version, then
        self.dirty = True  # those commits sit in the -wal as well
        if not ((moved and other) or then != first):  # only the app's jobs (a race: refreshed)
            return False
        self.outside += 1
        return True

    def _job_ended(self, path: object) -> None:
        """A change put off while the app's jobs ran is told now they have ended."""
        if path == self.file and self.pending:
            self.check()

    def check(self) -> bool:
        """Refresh the page shown if another program wrote since the last look."""
        if not self._read():
            return False
        self._refresh(self.window.current_key())
        return True

    def _page_shown(self, _row: int) -> None:
        key = self.window.current_key()
        self._read()
        if key and self.seen.get(key, 0) != self.outside:
            self._refresh(key)

    def _refresh(self, key: str) -> None:
        self.seen[key] = self.outside
        page = self.window.pages.get(key)
        if page is None or not hasattr(page, "refresh"):
            return
        # a list keeps its selected row and scroll position (as at a new day); others re-read
        refresh = getattr(page, "refresh_for_new_day", None) or page.refresh
        try:
            refresh()
        except Exception as exc:  # a refresh nobody asked for must not take the window down
            self.window.statusBar().showMessage(describe_error(exc), 10_000)

    def _quiet_tick(self) -> None:
        changes = own_changes(self.store)
        if changes is None:  # closed under us: nothing more to copy from here
            self.quiet.stop()
            return
        if changes != self.changes:  # written within this interval: wait for a quiet one
            self.changes = changes
            self.dirty = True
            return
        if not self.dirty or (self.job is not None and not self.job.done):
            return
        self.dirty = False
        self.job = start_job(_checkpoint, db_path=self.store.path, parent=self)
        self.job.succeeded.connect(self._checkpointed)

    def _checkpointed(self, result: object) -> None:
        """A reader still on older pages left some in the -wal: copied at the next quiet tick
        (a read-only file, None, is not tried again until the next write)."""
        if isinstance(result, tuple) and result[2] < result[1]:
            self.dirty = True


def watch(window: MainWindow, store: Store | None) -> DatabaseWatch | None:
    """The watch of the store the window now shows (none for no store or an in-memory one);
    the previous store's is stopped."""
    old: DatabaseWatch | None = getattr(window, "database_watch", None)
    if old is not None:
        old.stop()
        old.deleteLater()
    new = DatabaseWatch(window, store) if store is not None and store.path is not None else None
    if new is not None:
        store.set_busy_timeout(WINDOW_BUSY_S)  # the window's saves: not 5 s frozen (see above)
    window.database_watch = new
    return new
