"""The dashboard's background refresh of today's risk classes, and what it says while it waits.

The refresh ends in a brief write. While another program holds the write lock (a long
`qcdesk import`) that write would wait 5 s and fail, and the risk tiles stayed at "…" for good:
so the job first asks whether a writer is active (writer_active, 0.5 s, in the worker, never
on the GUI thread), gives up without computing when one is, and is tried again every 10 s, as
the warnings page does (warnings_page.RETRY_MS); a note under the heading says why meanwhile.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QCoreApplication, QObject, QTimer, Signal
from PySide6.QtWidgets import QLabel, QWidget

from qcdesk.models.open_checks import is_busy
from qcdesk.models.risk import refresh_risk
from qcdesk.models.store import Store, writer_active
from qcdesk.ui.workers import Job, Progress, start_job

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
    on any other failure. `note` is the label the page shows while it waits for a writer."""

    done = Signal()
    failed = Signal(str)

    def __init__(self, store: Store, parent: QWidget):
        super().__init__(parent)
        self.store = store
        self.job: Job | None = None
        self.note = QLabel(parent)
        self.note.setObjectName("riskWaitingNote")
        self.note.setWordWrap(True)
        self.note.hide()
        self.retry = QTimer(self)
        self.retry.setSingleShot(True)
        self.retry.setInterval(RETRY_MS)
        self.retry.timeout.connect(self.start)
        self.retranslate()

    def retranslate(self) -> None:
        self.note.setText(QCoreApplication.translate(
            "DashboardPage", "Risk classes are waiting for another program to finish writing to "
            "the database (an import, for example); they are filled in when it has finished."))

    @property
    def waiting(self) -> bool:
        return self.retry.isActive()

    def start(self) -> None:
        """Start the refresh now unless one is running (a wait for the writer ends: the job
        asks again, in the worker)."""
        if self.job is not None and not self.job.done:
            return
        self.retry.stop()
        self.job = start_job(refresh_unless_busy, db_path=self.store.path, parent=self)
        self.job.succeeded.connect(self._succeeded)
        self.job.failed.connect(self._failed)

    def stop(self) -> None:
        """Nothing to wait for any more (the classes are current): no retry, no note."""
        self.retry.stop()
        self.note.hide()

    def _succeeded(self, result: object) -> None:
        self.job = None  # finished: a refresh that still finds risk stale may start anew
        if result == BUSY:
            self.note.show()
            self.retry.start()
            return
        self.note.hide()
        self.done.emit()

    def _failed(self, message: str) -> None:
        self.job = None
        self.note.hide()
        self.failed.emit(message)
