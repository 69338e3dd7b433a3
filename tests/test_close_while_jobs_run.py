"""Closing the window, switching database or closing for a restore while a page's computation is
queued starts no job on the database being closed. The shell waits for the running jobs and then
lets their outcomes land; a refresh queued behind a running one (coalesced) used to start then —
after the wait, past the instance lock, into a file a restore replaces — and failed with
"RuntimeError: Signal source has been deleted" once its page was gone."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QThreadPool
from pytestqt.qtbot import QtBot
from small_screen import started_shell

from qcdesk.models.store import Store
from qcdesk.paths import AppPaths
from qcdesk.ui import workers
from qcdesk.ui.main_window import DASHBOARD, WARNINGS, ZONES


@pytest.fixture
def shell(qtbot: QtBot, paths: AppPaths, tmp_path: Path, monkeypatch: pytest.MonkeyPatch):  # noqa: ANN201
    db = tmp_path / "county.db"
    Store.open(db, author="test").close()
    yield from started_shell(qtbot, paths, db, "zh_CN", monkeypatch)


def watch_runs(monkeypatch: pytest.MonkeyPatch) -> tuple[list[str], list[str], list[BaseException]]:
    """(mark, started, errors): every job started (handed to the pool), named with what `mark`
    held then and the file it opens, and what escaped a job (the deleted signal source)."""
    mark: list[str] = ["open"]
    started: list[str] = []
    errors: list[BaseException] = []
    made, ran = workers._Runner.__init__, workers._Runner.run

    def init(self: workers._Runner, job: workers.Job, fn: Callable[..., Any], db_path: Path | None,
             *args: Any) -> None:
        name = db_path.name if db_path else "-"
        started.append(f"{mark[0]}: {name}: {getattr(fn, '__qualname__', fn)}")
        made(self, job, fn, db_path, *args)

    def run(self: workers._Runner) -> None:
        try:
            ran(self)
        except BaseException as exc:  # noqa: BLE001 - recorded for the test, not printed by PySide
            errors.append(exc)

    monkeypatch.setattr(workers._Runner, "__init__", init)
    monkeypatch.setattr(workers._Runner, "run", run)
    return mark, started, errors


@pytest.mark.parametrize("how", ["close", "restore", "switch"])
def test_no_job_starts_on_the_database_being_closed(qtbot: QtBot, shell, tmp_path: Path,  # noqa: ANN001
                                                    monkeypatch: pytest.MonkeyPatch, how: str) -> None:
    window = shell.window
    QThreadPool.globalInstance().waitForDone(30_000)
    qtbot.wait(50)
    mark, started, errors = watch_runs(monkeypatch)
    for key in (WARNINGS, DASHBOARD, ZONES):  # a refresh while one runs: the second is queued
        page = window.pages[key]
        run = page.run if key != DASHBOARD else page.counting
        page.refresh()
        page.refresh()
        assert run.busy and run._next is not None, key
    mark[0] = "closing"
    if how == "close":
        window.close()
        shell.shutdown()
    elif how == "restore":
        shell.close_for_restore()
    else:
        other = tmp_path / "other.db"
        Store.open(other, author="test").close()
        assert shell.open_database(other, remember=False, snapshot=False, ask=False)
    mark[0] = "closed"
    qtbot.wait(300)
    QThreadPool.globalInstance().waitForDone(30_000)
    qtbot.wait(50)
    late = [r for r in started if not r.startswith("open") and ": county.db: " in r]
    assert late == [], late  # was: closing: county.db: WarningsPage.refresh.<locals>.work, …
    assert errors == [], errors  # was: RuntimeError: Signal source has been deleted
