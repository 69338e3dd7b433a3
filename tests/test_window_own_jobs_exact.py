"""Another program's commit made after one of the app's own jobs wrote is still listed (R7 #3).

2a32f30 took a change for the app's own when one of its jobs had written since the watch's last
look: start QCDesk (the risk pass writes), switch to a terminal, `qcdesk roster import`, come
back - the new firm was not listed until 刷新, nor after switching pages. The watch now has each
job's commits read exactly (`CommitProbe`); another program's commit always refreshes.
"""

from __future__ import annotations

import threading
import time

import pytest
from PySide6.QtCore import QSettings
from pytestqt.qtbot import QtBot
from test_outside_changes import NEW, add_elsewhere, firms, listed, settle, window_on
from test_window_and_other_writers import calm

import qcdesk.ui.database_watch as database_watch
from qcdesk.models.listing import ENTERPRISES, VISITS
from qcdesk.models.store import Store
from qcdesk.paths import AppPaths
from qcdesk.ui.workers import start_job

pytestmark = pytest.mark.usefixtures("chinese")


@pytest.fixture(autouse=True)
def quick(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(database_watch, "POLL_MS", 300)
    monkeypatch.setattr(database_watch, "QUIET_MS", 300)


def test_a_firm_added_while_away_after_an_own_job_wrote_is_listed(
        qtbot: QtBot, store: Store, paths: AppPaths, settings: QSettings) -> None:
    firms(store)
    window = window_on(qtbot, store, paths, settings, page=ENTERPRISES)
    calm(qtbot)
    watch, page = window.database_watch, window.pages[ENTERPRISES]
    job = start_job(lambda s, _p: s.set_setting("risk.x", "1"), db_path=store.path, parent=window)
    qtbot.waitUntil(lambda: job.done, timeout=10_000)  # the app's job wrote and landed
    watch.poll.stop()  # the user switched to a terminal before the next poll (deactivation)
    add_elsewhere(store.path)  # and ran `qcdesk roster import`
    watch.check()  # back to the window (activation)
    settle(qtbot)
    qtbot.waitUntil(lambda: NEW[1] in listed(page), timeout=5_000)  # was never, until 刷新


def test_a_firm_added_while_an_own_job_writes_is_listed(
        qtbot: QtBot, store: Store, paths: AppPaths, settings: QSettings) -> None:
    firms(store)
    window = window_on(qtbot, store, paths, settings, page=ENTERPRISES)
    calm(qtbot)
    page = window.pages[ENTERPRISES]
    wrote = threading.Event()

    def long_write(worker: Store | None, _progress: object) -> None:
        assert worker is not None
        worker.set_setting("risk.x", "1")
        wrote.set()
        time.sleep(1.0)  # still at work when the other program commits

    job = start_job(long_write, db_path=store.path, parent=window)
    assert wrote.wait(10)
    add_elsewhere(store.path)
    qtbot.waitUntil(lambda: job.done, timeout=10_000)
    calm(qtbot)
    window.show_page(VISITS)
    calm(qtbot)
    window.show_page(ENTERPRISES)
    qtbot.waitUntil(lambda: NEW[1] in listed(page), timeout=5_000)  # was not, until 刷新
