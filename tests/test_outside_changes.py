"""The window and another program on the same database (review two-at-once 9 and 10).

9: after `qcdesk roster import` added 3 firms, 企业档案 still said 共 200 条 until 刷新 was
pressed. The window now asks SQLite's `data_version` when it is activated and every few seconds
while active, and refreshes the page shown (keeping the selected row) or a page when shown next.
10: after 30 saves, a copy of qcdesk.db alone (what a clerk copies in Explorer) held none of them,
all in qcdesk.db-wal. A PASSIVE checkpoint now runs once the database has been quiet a few seconds.
"""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, QThreadPool
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

import qcdesk.ui.database_watch as database_watch
from qcdesk.models.enterprises import save_enterprise
from qcdesk.models.listing import ENTERPRISES
from qcdesk.models.persistence import fetch_record
from qcdesk.models.records import Enterprise
from qcdesk.models.store import Store
from qcdesk.paths import AppPaths

pytestmark = pytest.mark.usefixtures("chinese")
FIRMS = {"91421281MA4KL5FE07": "赤壁市通凯砖茶有限公司", "91421222MA4PJ5BUX4": "通城县华宇磨具有限公司"}
NEW = ("91421221MA4E3XHX15", "嘉鱼县新建管材有限公司")


@pytest.fixture(autouse=True)
def quick(monkeypatch: pytest.MonkeyPatch) -> None:
    """The same checks, sooner: the test need not sit through 5 s polls."""
    monkeypatch.setattr(database_watch, "POLL_MS", 300)
    monkeypatch.setattr(database_watch, "QUIET_MS", 300)


def firms(store: Store) -> dict[str, int]:
    return {name: save_enterprise(store, Enterprise(uscc=code, name=name, jurisdiction_code="421281")).id
            for code, name in FIRMS.items()}


def window_on(qtbot: QtBot, store: Store, paths: AppPaths, settings: QSettings, page: str = ENTERPRISES):  # noqa: ANN201
    from qcdesk.ui.main_window import MainWindow

    window = MainWindow(paths, settings=settings)
    qtbot.addWidget(window)
    window.set_store(store)
    window.show_page(page)
    window.show()
    window.activateWindow()
    qtbot.waitExposed(window)
    qtbot.waitUntil(window.isActiveWindow)
    return window


def add_elsewhere(path: Path) -> None:
    """Another program (a second connection, as `qcdesk roster import` is) adds a firm."""
    other = Store.open(path, author="command line", migrate=False)
    try:
        save_enterprise(other, Enterprise(uscc=NEW[0], name=NEW[1], jurisdiction_code="421221"))
    finally:
        other.close()


def listed(page) -> set[str]:  # noqa: ANN001 - a ListPage
    column = page.model.column_of("name")
    return {page.model.index(row, column).data() for row in range(page.model.rowCount())}


def settle(qtbot: QtBot) -> None:
    QThreadPool.globalInstance().waitForDone(10_000)
    qtbot.wait(50)


def test_a_firm_added_by_another_program_is_listed_without_refresh(
        qtbot: QtBot, store: Store, paths: AppPaths, settings: QSettings) -> None:
    ids = firms(store)
    window = window_on(qtbot, store, paths, settings)
    page = window.pages[ENTERPRISES]
    page.wait_for_count()
    assert NEW[1] not in listed(page) and page.count_label.text() == "共 2 条"
    assert page.select_id(ids["通城县华宇磨具有限公司"])
    add_elsewhere(store.path)
    qtbot.waitUntil(lambda: NEW[1] in listed(page), timeout=10_000)  # nobody pressed 刷新
    page.wait_for_count()
    assert page.count_label.text() == "共 3 条"
    assert page.selected_id() == ids["通城县华宇磨具有限公司"]  # the reader's place kept


def test_a_page_not_shown_is_current_when_shown(
        qtbot: QtBot, store: Store, paths: AppPaths, settings: QSettings) -> None:
    firms(store)
    window = window_on(qtbot, store, paths, settings, page="dashboard")
    page = window.pages[ENTERPRISES]
    assert NEW[1] not in listed(page)
    add_elsewhere(store.path)
    window.show_page(ENTERPRISES)
    qtbot.waitUntil(lambda: NEW[1] in listed(page), timeout=5_000)


def test_a_refresh_does_not_set_off_another(
        qtbot: QtBot, store: Store, paths: AppPaths, settings: QSettings) -> None:
    """The app's workers are other connections too (counts, the risk pass): the refresh their
    commits cause reads, and writes nothing that would cause the next."""
    firms(store)
    window = window_on(qtbot, store, paths, settings)
    page = window.pages[ENTERPRISES]
    refreshes: list[int] = []
    page.model.modelReset.connect(lambda: refreshes.append(1))
    add_elsewhere(store.path)
    qtbot.waitUntil(lambda: NEW[1] in listed(page), timeout=10_000)
    for _ in range(3):  # counts, risk classes and checkpoints of that refresh all finish
        settle(qtbot)
        qtbot.wait(400)
    before = len(refreshes)
    qtbot.wait(1_500)  # five polls and quiet ticks
    settle(qtbot)
    assert len(refreshes) == before


def only_the_file(db: Path, folder: Path) -> Path:
    """qcdesk.db copied alone, as Explorer shows it (no -wal, no -shm)."""
    folder.mkdir(exist_ok=True)
    copy = folder / db.name
    for leftover in folder.glob(db.name + "*"):
        leftover.unlink()
    shutil.copyfile(db, copy)
    return copy


def copied_address(db: Path, folder: Path, firm: int) -> str:
    copy = only_the_file(db, folder)
    conn = sqlite3.connect(f"file:{copy}?mode=ro", uri=True)
    try:
        row = conn.execute("SELECT address FROM enterprise WHERE id = ?", [firm]).fetchone()
    except sqlite3.DatabaseError:  # the tables still only in the -wal, or a copy torn while the
        return ""  # checkpoint wrote the file (a poll mid-checkpoint): not yet, the wait goes on
    finally:
        conn.close()
    return row[0] if row else ""


def test_a_copy_of_the_db_file_alone_holds_a_save_once_quiet(
        qtbot: QtBot, store: Store, paths: AppPaths, settings: QSettings, tmp_path: Path) -> None:
    firm = firms(store)["赤壁市通凯砖茶有限公司"]
    window_on(qtbot, store, paths, settings)
    stick = tmp_path / "stick"
    for n in range(3):  # a burst of saves in the window
        e = fetch_record(store, Enterprise, firm)
        assert e is not None
        e.address = f"赤壁市赵李桥镇{n + 1}号"
        save_enterprise(store, e)
    assert Path(f"{store.path}-wal").stat().st_size > 0
    qtbot.waitUntil(lambda: copied_address(store.path, stick, firm) == "赤壁市赵李桥镇3号", timeout=10_000)


def test_coming_back_to_the_window_shows_what_was_written_meanwhile(
        qtbot: QtBot, store: Store, paths: AppPaths, settings: QSettings,
        monkeypatch: pytest.MonkeyPatch) -> None:
    """The clerk runs the import in another window, then clicks back: the list is current at
    once (the activation asks), not after the next poll."""
    monkeypatch.setattr(database_watch, "POLL_MS", 60_000)
    firms(store)
    window = window_on(qtbot, store, paths, settings)
    page = window.pages[ENTERPRISES]
    terminal = QWidget()
    qtbot.addWidget(terminal)
    terminal.show()
    terminal.activateWindow()
    qtbot.waitUntil(lambda: not window.isActiveWindow())
    add_elsewhere(store.path)
    qtbot.wait(300)
    assert NEW[1] not in listed(page)  # not looked at meanwhile
    window.activateWindow()
    qtbot.waitUntil(lambda: NEW[1] in listed(page), timeout=2_000)
