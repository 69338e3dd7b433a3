"""A page or window deleted while one of its background jobs runs (a count, a checkpoint): the job
ends quietly. Its signals' source is gone, and emitting its outcome raised "Signal source has been
deleted" inside Qt's pool ("Error calling Python override of QRunnable::run()")."""

from __future__ import annotations

import sys
import threading
from types import TracebackType

import pytest
import shiboken6
from PySide6.QtCore import QObject, QThreadPool
from pytestqt.qtbot import QtBot

from qcdesk.ui.workers import Progress, start_job


def test_a_job_whose_owner_was_deleted_ends_without_an_error(qtbot: QtBot,
                                                             monkeypatch: pytest.MonkeyPatch) -> None:
    escaped: list[str] = []
    seen = sys.excepthook  # pytest-qt's capture; kept, and what reaches it is recorded here too

    def hook(kind: type[BaseException], exc: BaseException, tb: TracebackType | None) -> None:
        escaped.append(f"{kind.__name__}: {exc}")
        seen(kind, exc, tb)

    monkeypatch.setattr(sys, "excepthook", hook)
    monkeypatch.setattr(threading, "excepthook", lambda args: escaped.append(str(args.exc_value)))
    running, go_on = threading.Event(), threading.Event()
    reported: list[bool] = []

    def count(_store: object, progress: Progress) -> int:
        running.set()
        go_on.wait(10)
        reported.append(progress(1, 2, "…"))  # the job's owner is gone by now
        return 42

    pool = QThreadPool()
    owner = QObject()
    job = start_job(count, db_path=None, parent=owner, pool=pool)
    assert running.wait(10)
    shiboken6.delete(owner)  # the page closed: its job went with it
    assert not shiboken6.isValid(job)
    go_on.set()
    assert pool.waitForDone(10_000)
    qtbot.wait(50)
    assert escaped == [], "an error escaped the job into Qt's pool"
    assert reported == [False], "a job nobody waits for any more is told to stop"
