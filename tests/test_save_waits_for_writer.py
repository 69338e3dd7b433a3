"""A save made while another program writes (a command-line import, `settings`, the seal of
`audit verify`, the risk worker) waits its turn instead of being refused at once: the store's
transactions take the write lock before they read (BEGIN IMMEDIATE), so SQLite's busy timeout
applies. Before, a save was refused after 0.00 s with 正被其他程序占用."""

from __future__ import annotations

import sqlite3
import threading
import time
from pathlib import Path

import pytest

from qcdesk.models.enterprises import save_enterprise
from qcdesk.models.persistence import fetch_record
from qcdesk.models.records import Enterprise
from qcdesk.models.store import Store, StoreError


def _firm(store: Store) -> Enterprise:
    return save_enterprise(store, Enterprise(uscc="91421281MA4KL5FE07", name="赤壁市羊楼洞茶业有限公司",
                                             jurisdiction_code="421281"))


def _other_program(db: Store | Path, seconds: float) -> tuple[threading.Thread, threading.Event]:
    """Another connection that writes and holds the write lock for `seconds` (a store's file or
    a path); returns once it holds it."""
    path = db.path if isinstance(db, Store) else db
    holding = threading.Event()

    def run() -> None:
        other = sqlite3.connect(path, isolation_level=None, timeout=5)
        other.execute("BEGIN IMMEDIATE")
        other.execute("INSERT OR REPLACE INTO settings(key, value) VALUES ('other.program', '1')")
        holding.set()
        time.sleep(seconds)
        other.execute("COMMIT")
        other.close()

    thread = threading.Thread(target=run)
    thread.start()
    assert holding.wait(5)
    return thread, holding


def test_a_save_waits_for_another_programs_write_and_succeeds(store: Store) -> None:
    firm = _firm(store)
    edited = fetch_record(store, Enterprise, firm.id)
    edited.contact_name = "王五"
    thread, _ = _other_program(store, 1.0)
    started = time.monotonic()
    try:
        save_enterprise(store, edited)  # refused at once before BEGIN IMMEDIATE
    finally:
        thread.join()
    assert time.monotonic() - started > 0.5  # it waited for the other program's commit
    assert fetch_record(store, Enterprise, firm.id).contact_name == "王五"
    assert store.setting("other.program") == "1"  # the other program's write stays too


def test_a_save_that_waited_in_vain_names_the_likely_cause(store: Store) -> None:
    firm = _firm(store)
    edited = fetch_record(store, Enterprise, firm.id)
    edited.contact_name = "王五"
    store.db.execute("PRAGMA busy_timeout = 100")
    thread, _ = _other_program(store, 1.0)
    try:
        with pytest.raises(StoreError) as info:
            save_enterprise(store, edited)
    finally:
        thread.join()
    zh, en = info.value.text("zh"), info.value.text("en")
    assert "正被其他程序占用" in zh and "命令行" in zh and "稍等片刻再保存" in zh
    assert "QCDesk 窗口" not in zh  # the instance lock rules a second window out
    assert "command line" in en and "Wait a moment and save" in en
    assert fetch_record(store, Enterprise, firm.id).contact_name != "王五"


def test_a_background_job_refused_as_busy_says_the_same() -> None:
    """An import or count in the window that meets SQLite's bare "database is locked"."""
    from qcdesk.ui.workers import describe_error

    zh = describe_error(sqlite3.OperationalError("database is locked"), "zh")
    assert "正被其他程序占用" in zh and "命令行" in zh and "稍等片刻" in zh and "QCDesk 窗口" not in zh
    assert "command line" in describe_error(sqlite3.OperationalError("database is locked"), "en")
