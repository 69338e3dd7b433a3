"""A record written by a background job (a list import run from the window) with no inspector
chosen carries no author, as one the window saves itself: it said "worker" in the history, the
audit seal and the packages sent to the city office — a name nobody has."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from qcdesk.models.inspections import save_inspector
from qcdesk.models.records import Inspector
from qcdesk.models.store import Store
from qcdesk.ui.workers import start_job


def authors(db: Path, name: str) -> tuple[str, set[str]]:
    """The record's author and who sealed its history entries."""
    store = Store.open(db, author="reader")
    try:
        uuid, author = store.db.execute("SELECT uuid, author FROM inspector WHERE name = ?",
                                        [name]).fetchone()
        sealed = {r[0] for r in store.db.execute(
            "SELECT sealed_by FROM audit_log WHERE table_name = 'inspector' AND row_uuid = ?", [uuid])}
        return author, sealed
    finally:
        store.close()


def test_a_job_with_no_inspector_chosen_writes_as_the_window_does(qtbot: QtBot, tmp_path: Path) -> None:
    db = tmp_path / "county.db"
    window_store = Store.open(db, author="")  # how the shell opens a file; no inspector chosen
    app = QApplication.instance()
    app.setProperty("author", "")
    try:
        save_inspector(window_store, Inspector(name="王磊", jurisdiction_code="421281"))  # GUI thread
        lina = Inspector(name="李娜", jurisdiction_code="421281")
        job = start_job(lambda store, _p: save_inspector(store, lina), db_path=db)  # a worker
        with qtbot.waitSignal(job.finished, timeout=10_000):
            pass
    finally:
        window_store.close()
    assert job.done
    by_window, by_job = authors(db, "王磊"), authors(db, "李娜")
    assert by_job == by_window, (by_job, by_window)  # was ('worker', {'worker'}) against ('', …)
    assert by_job[0] == "" and "worker" not in by_job[1]
