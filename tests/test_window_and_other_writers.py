"""The window and the other writers on its database (review s10 "regress" A3, B3, B1).

A3: on 检查记录 with more visits than a refresh re-reads (5000), a reader at row 7000 with a visit
selected lost the selection and was thrown back to row 5000 by any other program's commit (the
watch refreshes the page shown). B3: the app's own risk pass was taken for another program, so
its commit had every page re-read once more (about 8 s of counting at a million visits at each
start). B1: a save in the window while a command-line export held the write lock froze the
window 5 s, then was refused anyway.
"""

from __future__ import annotations

import sqlite3
import threading
import time
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, Qt
from pytestqt.qtbot import QtBot
from test_list_model import fill_store
from test_outside_changes import add_elsewhere, firms, settle, window_on
from test_ui_editors import prompts, type_text  # noqa: F401 - the fixture

import qcdesk.ui.database_watch as database_watch
from qcdesk.models.listing import ENTERPRISES, VISITS
from qcdesk.models.store import Store
from qcdesk.paths import AppPaths
from qcdesk.ui.enterprise_editor import EnterpriseEditor
from qcdesk.ui.list_model import ID_ROLE, REFRESH_KEEP
from qcdesk.ui.workers import start_job

pytestmark = pytest.mark.usefixtures("chinese")


@pytest.fixture(autouse=True)
def quick(monkeypatch: pytest.MonkeyPatch) -> None:
    """The watch's checks, sooner: the test need not sit through 5 s polls."""
    monkeypatch.setattr(database_watch, "POLL_MS", 300)
    monkeypatch.setattr(database_watch, "QUIET_MS", 300)


def calm(qtbot: QtBot) -> None:
    """The start's risk pass, counts and checkpoints done, and a few polls after them."""
    for _ in range(3):
        settle(qtbot)
        qtbot.wait(400)


def commit_elsewhere(path: Path) -> None:
    """Another program commits (as `qcdesk settings` does)."""
    other = sqlite3.connect(path)
    try:
        with other:
            other.execute("INSERT OR REPLACE INTO settings(key, value) VALUES ('other.program', '1')")
    finally:
        other.close()


# --- A3: a long list keeps its place -------------------------------------------------------------

def test_a_reader_deep_in_a_long_list_keeps_his_place(qtbot: QtBot, store: Store, paths: AppPaths,
                                                      settings: QSettings, qtmodeltester) -> None:  # noqa: ANN001
    fill_store(store, 300, REFRESH_KEEP + 2_500)
    window = window_on(qtbot, store, paths, settings, page=VISITS)
    calm(qtbot)
    page = window.pages[VISITS]
    model = page.model
    row = REFRESH_KEEP + 2_000
    while model.rowCount() <= row + 100 and model.canFetchMore():  # scrolled down to it
        model.fetchMore()
    chosen = model.data(model.index(row, 0), ID_ROLE)
    assert page.select_id(chosen)
    bar = page.view.verticalScrollBar()
    at = bar.value()
    assert at > REFRESH_KEEP
    resets: list[int] = []
    model.modelReset.connect(lambda: resets.append(1))
    commit_elsewhere(store.path)
    qtbot.waitUntil(lambda: bool(resets), timeout=10_000)  # the watch re-read the list
    assert page.selected_id() == chosen  # was None: rows past 5000 were dropped
    assert bar.value() == at  # was 5000 rows up
    assert model.rowCount() > row and model.loaded_ids < REFRESH_KEEP + 2_500  # lazy still
    assert page.view.currentIndex().row() == row
    qtmodeltester.check(model)
    window.set_store(None)  # the tester's model goes before the store is closed
    qtbot.wait(50)


# --- B3: the app's own writes are no other program's ----------------------------------------------

def test_the_apps_own_writing_job_refreshes_nothing(qtbot: QtBot, store: Store, paths: AppPaths,
                                                   settings: QSettings) -> None:
    firms(store)
    window = window_on(qtbot, store, paths, settings)
    calm(qtbot)
    shown, other = window.pages[ENTERPRISES], window.pages[VISITS]
    resets: list[str] = []
    shown.model.modelReset.connect(lambda: resets.append("shown"))
    other.model.modelReset.connect(lambda: resets.append("other"))

    def write(worker_store: Store | None, _progress: object) -> None:
        assert worker_store is not None
        worker_store.set_setting("risk.test", "written")  # as the risk pass writes its classes

    job = start_job(write, db_path=store.path, parent=window)
    qtbot.waitUntil(lambda: job.done, timeout=10_000)
    assert store.setting("risk.test") == "written"
    calm(qtbot)
    window.show_page(VISITS)  # another page, shown after the job: not re-read either
    calm(qtbot)
    assert resets == []
    window.show_page(ENTERPRISES)
    add_elsewhere(store.path)  # another program's commit still refreshes the page shown
    qtbot.waitUntil(lambda: "shown" in resets, timeout=10_000)


# --- B1: a save in the window waits only briefly for another program -------------------------------

def hold_write_lock(path: Path, seconds: float) -> threading.Thread:
    """Another program holds the write lock for `seconds`; returns once it holds it."""
    holding = threading.Event()

    def run() -> None:
        other = sqlite3.connect(path, isolation_level=None, timeout=5)
        other.execute("BEGIN IMMEDIATE")
        holding.set()
        time.sleep(seconds)
        other.execute("ROLLBACK")
        other.close()

    thread = threading.Thread(target=run)
    thread.start()
    assert holding.wait(5)
    return thread


def test_a_save_in_the_window_waits_briefly_for_another_program(
        qtbot: QtBot, store: Store, paths: AppPaths, settings: QSettings, prompts) -> None:  # noqa: ANN001, F811
    ids = firms(store)
    window = window_on(qtbot, store, paths, settings)
    calm(qtbot)
    firm = ids["赤壁市通凯砖茶有限公司"]
    editor = EnterpriseEditor(window.store, paths, firm, settings=settings)
    qtbot.addWidget(editor)
    editor.show()
    editor.name_edit.clear()
    type_text(qtbot, editor.name_edit, "赤壁市通凯茶业有限公司")
    thread = hold_write_lock(store.path, 3.0)  # a command-line export, tens of seconds in life
    started = time.monotonic()
    try:
        qtbot.mouseClick(editor.save_button, Qt.MouseButton.LeftButton)
        waited = time.monotonic() - started
    finally:
        thread.join()
    assert waited < 2.5, f"the window froze {waited:.1f} s"  # 5.1 s before
    assert prompts["information"] and "占用" in prompts["information"][0]  # refused, and said
    assert editor.isVisible() and editor.is_dirty()  # the typing kept
    assert store.db.execute("SELECT name FROM enterprise WHERE id = ?", [firm]).fetchone()[0] \
        == "赤壁市通凯砖茶有限公司"
    thread = hold_write_lock(store.path, 0.3)  # a brief write (the risk pass): the save waits it out
    try:
        qtbot.mouseClick(editor.save_button, Qt.MouseButton.LeftButton)
    finally:
        thread.join()
    assert len(prompts["information"]) == 1
    assert store.db.execute("SELECT name FROM enterprise WHERE id = ?", [firm]).fetchone()[0] \
        == "赤壁市通凯茶业有限公司"
