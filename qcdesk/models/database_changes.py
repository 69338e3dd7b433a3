"""Changes another program made to the open database, and the main file kept current.

The window reads its lists once and showed them unchanged after a command-line import until
someone pressed 刷新: `data_version` tells, with one cheap query (no table is read), whether any
OTHER connection committed since the last call on this one (the window's own saves never change
it, the app's workers and `qcdesk` commands do).

Saves land in qcdesk.db-wal; SQLite copies them into qcdesk.db only about every 1000 pages, so a
clerk copying qcdesk.db alone in Explorer carried none of a morning's saves. `checkpoint_passive`
copies what it can now, without waiting for or blocking any reader or writer.
"""

from __future__ import annotations

import contextlib
import sqlite3
import threading
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from qcdesk.models.store import Store


def data_version(store: Store) -> int | None:
    """A number that changes when another connection has committed since this one last asked
    (None: the connection cannot read now, e.g. closed or the file gone; the next call tells)."""
    try:
        return int(store.db.execute("PRAGMA data_version").fetchone()[0])
    except sqlite3.Error:
        return None


def _version(conn: sqlite3.Connection) -> int | None:
    try:
        return int(conn.execute("PRAGMA data_version").fetchone()[0])
    except sqlite3.Error:
        return None


class CommitProbe:
    """Tells other programs' commits from the app's own background jobs', exactly.

    Why: the window's watch took another program's commit (`qcdesk roster import` run while the
    window was inactive) for the app's own when one of the app's jobs had written since its last
    look, and the new firm was not listed until 刷新. The probe has a connection of its own; each
    of the app's jobs, just before and just after each of its commits (`track_own_commits`),
    has it read `data_version`: a change seen before a job's commit (it holds the write lock
    then) is another's; one between before and after is the job's own. The window's own saves
    are tracked the same way; the watch also asks the window connection's `data_version`, which
    they never move. Thread-safe: jobs run in the pool."""

    def __init__(self, path: Path):
        self._conn = sqlite3.connect(str(path), check_same_thread=False, isolation_level=None)
        self._lock = threading.Lock()
        self._base = _version(self._conn)
        self._other = False  # a commit not the jobs' own seen since the last look
        self._own = 0  # jobs' commits under way: between before and after

    def before_own_commit(self) -> None:
        with self._lock:
            version = _version(self._conn)
            self._other = self._other or version != self._base
            self._base = version
            self._own += 1

    def after_own_commit(self) -> None:
        """The commit held the write lock since `before_own_commit`: any change is its own."""
        with self._lock:
            self._base = _version(self._conn)
            self._own = max(self._own - 1, 0)

    def look(self) -> bool | None:
        """True when another connection than the jobs' (the window or another program) committed
        since the last look; None while a job's commit is under way (ask again)."""
        with self._lock:
            if self._own:
                return None
            version = _version(self._conn)
            other = self._other or version != self._base
            self._base, self._other = version, False
            return other

    def close(self) -> None:
        with self._lock:
            self._conn.close()


class _CommitWatch:
    """What `store.write_transaction` calls around a COMMIT of a watched connection."""

    def __init__(self, probe: CommitProbe):
        self.probe = probe

    def before(self) -> None:
        self.probe.before_own_commit()

    def after(self) -> None:
        self.probe.after_own_commit()


def track_own_commits(store: Store, probe: CommitProbe) -> Callable[[], None]:
    """Has `probe` read `data_version` just before and just after each commit `store`'s
    connection (a job's, the window's) makes through `store.write_transaction` — every write of
    the app goes through it (tests/test_writers_wait_their_turn.py) and `set_setting` too. Why
    not a trace callback on every statement: it doubled the cost of a bulk insert (an import
    from the window). A commit made some other way counts as another program's: at worst one
    refresh too many. Returns the function that stops it (the job's end)."""
    db = store.db
    db.commit_watch = _CommitWatch(probe)  # type: ignore[attr-defined]

    def finish() -> None:
        with contextlib.suppress(AttributeError):
            del db.commit_watch  # type: ignore[attr-defined]

    return finish


def own_changes(store: Store) -> int | None:
    """Rows this connection has written since it was opened (SQLite's counter, no query): the
    window's own saves, which `data_version` never shows. None once the connection is closed."""
    try:
        return store.db.conn.total_changes
    except sqlite3.ProgrammingError:
        return None


def checkpoint_passive(store: Store) -> tuple[int, int, int] | None:
    """Copy committed pages from the -wal into the database file as far as readers allow
    (PASSIVE: never waits, never blocks, never truncates). Returns SQLite's (busy, pages in the
    log, pages copied), or None when it could not run (a read-only file, a transaction open
    here): the saves are safe in the -wal either way, so nothing is reported to the user."""
    if store.path is None or store.db.conn.in_transaction:
        return None
    try:
        row = store.db.execute("PRAGMA wal_checkpoint(PASSIVE)").fetchone()
    except sqlite3.Error:
        return None
    return (int(row[0]), int(row[1]), int(row[2])) if row else None
