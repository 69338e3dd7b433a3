"""Today's risk classes, written in the background, and what a page says while they wait.

The refresh ends in a brief write. While another program holds the write lock (a long
`qcdesk import`) that write would wait 5 s and fail, and the risk tiles stayed at "…" for good:
so the job first asks whether a writer is active (writer_active, 0.5 s, in the worker, never
on the GUI thread), gives up without computing when one is, and is tried again every 10 s, as
the warnings page does (warnings_page.RETRY_MS); each page's `WaitingNote` says why meanwhile.

The main window runs ONE pass for all its pages (`TodaysRisk`): at start-up on an earlier day's
cache and at each new day. The dashboard, the warnings and the enterprise list are handed it and
re-read when it is `done`; none runs its own (three full passes of the whole register at
midnight on a 2-core laptop, and a list that kept yesterday's classes every morning). A page
built on its own (tests, previews) keeps a `RiskRefresh` of its own.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QCoreApplication, QEvent, QObject, QTimer, Signal
from PySide6.QtWidgets import QLabel, QWidget

from qcdesk.models.open_checks import is_busy
from qcdesk.models.risk import refresh_risk, risk_is_current
from qcdesk.models.store import Store, writer_active
from qcdesk.ui.day_watch import DayWatch
from qcdesk.ui.workers import Job, Progress, start_job, stop_jobs

RETRY_MS = 10_000
BUSY = "busy"  # what the job returns when another program is writing


def refresh_unless_busy(store: Store | None, _progress: Progress) -> Any:
    """Refresh the risk classes; BUSY, without computing or waiting, while another program
    writes (a lock taken during the computation is caught too: the write then fails busy)."""
    if store is None:
        return 0
    if store.path is not None and writer_active(store.path, 0.5):
        return BUSY
    try:
        return refresh_risk(store)
    except Exception as exc:
        if is_busy(exc):
            return BUSY
        raise


class RiskRefresh(QObject):
    """Runs the refresh in the pool; `done` when the classes are written, `failed(message)`
    on any other failure, `waiting_changed(bool)` when it starts or stops waiting for a writer."""

    done = Signal()
    failed = Signal(str)
    waiting_changed = Signal(bool)

    def __init__(self, store: Store, parent: QObject):
        super().__init__(parent)
        self.store = store
        self.job: Job | None = None
        self._waiting = False
        self.retry = QTimer(self)
        self.retry.setSingleShot(True)
        self.retry.setInterval(RETRY_MS)
        self.retry.timeout.connect(self.start)

    @property
    def waiting(self) -> bool:
        """Another program held the write lock at the last try (the notes say so)."""
        return self._waiting

    def _set_waiting(self, waiting: bool) -> None:
        if waiting != self._waiting:
            self._waiting = waiting
            self.waiting_changed.emit(waiting)

    def start(self) -> None:
        """Start the refresh now unless one is running (a wait for the writer ends: the job
        asks again, in the worker)."""
        if self.job is not None and not self.job.done:
            return
        self.retry.stop()
        self.job = start_job(refresh_unless_busy, db_path=self.store.path, parent=self)
        self.job.succeeded.connect(self._succeeded)
        self.job.failed.connect(self._failed)

    def start_if_stale(self) -> bool:
        """Start a pass unless today's classes are written (two setting reads); True if one runs.
        A store without a file has no worker connection: its pages count it themselves."""
        if self.store.path is None or risk_is_current(self.store):
            return False
        self.start()
        return True

    def stop(self) -> None:
        """Nothing to wait for any more (the classes are current): no retry, no note."""
        self.retry.stop()
        self._set_waiting(False)

    def _succeeded(self, result: object) -> None:
        self.job = None  # finished: a refresh that still finds risk stale may start anew
        if result == BUSY:
            self._set_waiting(True)
            self.retry.start()
            return
        self._set_waiting(False)
        self.done.emit()

    def _failed(self, message: str) -> None:
        self.job = None
        self._set_waiting(False)
        self.failed.emit(message)


class TodaysRisk(RiskRefresh):
    """The main window's one pass: started at once when the cache is of an earlier day, and
    again at each new day; every page is handed this one and re-reads when it is `done`."""

    def __init__(self, store: Store, parent: QObject):
        super().__init__(store, parent)
        self.day = DayWatch(self)
        self.day.changed.connect(self.start_if_stale)
        self.start_if_stale()  # the pages built next subscribe before its outcome is delivered

    @classmethod
    def renew(cls, old: RiskRefresh | None, store: Store | None, parent: QObject) -> TodaysRisk | None:
        """The pass of a newly opened store (None for none); the previous store's is dropped."""
        if old is not None:
            old.stop()
            stop_jobs(old)  # the dropped store's pass starts no job (a new day, a retry)
            old.deleteLater()
        return cls(store, parent) if store is not None else None


class WaitingNote(QLabel):
    """A page's note while the pass it follows waits for another program's write, or why the
    pass failed (`show_failure`); hidden otherwise."""

    def __init__(self, risk: RiskRefresh, parent: QWidget):
        super().__init__(parent)
        self.setObjectName("riskWaitingNote")
        self.setWordWrap(True)
        self.hide()
        self.failure = ""  # why the last pass wrote nothing, shown until the next
        self.risk: RiskRefresh | None = None
        self.follow(risk)

    def follow(self, risk: RiskRefresh) -> None:
        """Follow `risk` instead (a page handed the window's pass drops its own)."""
        if self.risk is not None:
            self.risk.waiting_changed.disconnect(self.clear)
            self.risk.done.disconnect(self.clear)
        self.risk = risk
        risk.waiting_changed.connect(self.clear)
        risk.done.connect(self.clear)
        self.clear()

    def clear(self) -> None:
        """Shown while the pass waits, hidden once it has written (an earlier failure dropped)."""
        self.failure = ""
        self.retranslate()
        self.setVisible(self.risk is not None and self.risk.waiting)

    def show_failure(self, message: str) -> None:
        self.failure = message
        self.setText(message)
        self.show()

    def retranslate(self) -> None:
        if not self.failure:
            self.setText(QCoreApplication.translate(
                "DashboardPage", "Risk classes are waiting for another program to finish writing to "
                "the database (an import, for example); they are filled in when it has finished."))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)
