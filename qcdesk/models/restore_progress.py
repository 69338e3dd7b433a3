"""How far a restore got, and the caller's say in stopping it (`qcdesk.models.backup.restore`).

A restore reports `report(stage, done, total)`: "check" (SQLite checks a file; no counts),
"stage" (the backup copied beside the database, in pages), "safety" (the current database
copied to the backups folder), "swap" (the backup written into the database). `report` may
raise to stop the restore while nothing has changed; the first "swap" report is the last such
chance. Reports are thinned out here so that a GUI hears of a million pages a few times a second.
"""

from __future__ import annotations

import sqlite3
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

REPORT_SECONDS = 0.1  # progress is passed on at most this often (and at each new stage)
STEP_PAGES = 256  # pages a copy writes between two looks at `report`
Report = Callable[[str, int, int], None]


@dataclass(frozen=True)
class CheckedFile:
    """A file `check_database_file` passed, as it was before the check: the same file (device,
    inode) with the same size and change times has not been written since."""
    path: Path
    stamp: tuple[int, ...]

    @staticmethod
    def stamp_of(path: Path) -> tuple[int, ...]:
        st = Path(path).stat()
        return (st.st_dev, st.st_ino, st.st_size, st.st_mtime_ns, st.st_ctime_ns)

    def unchanged(self, path: Path) -> bool:
        try:
            return Path(path) == self.path and self.stamp_of(path) == self.stamp
        except OSError:
            return False


class Reporter:
    """Passes progress on to `report` at most every REPORT_SECONDS and whenever the stage
    changes (the GUI hears of a million pages a few times a second)."""

    def __init__(self, report: Report | None):
        self.report, self.stage, self.last = report, "", 0.0

    def __call__(self, stage: str, done: int = 0, total: int = 0) -> None:
        if self.report is None:
            return
        now = time.monotonic()
        if stage != self.stage or now - self.last >= REPORT_SECONDS or (total and done >= total):
            self.stage, self.last = stage, now
            self.report(stage, done, total)


def watch_statement(conn: sqlite3.Connection, reporter: Reporter, stage: str) -> list[BaseException]:
    """Let `report` stop a long statement on `conn`: what it raised is kept in the list (SQLite
    only hears "interrupt") for the caller to raise instead of the OperationalError."""
    raised: list[BaseException] = []

    def handler() -> int:
        try:
            reporter(stage)
        except BaseException as exc:  # noqa: BLE001 - handed back to the caller, not swallowed
            raised.append(exc)
            return 1
        return 0

    if reporter.report is not None:
        conn.set_progress_handler(handler, 100_000)
    return raised
