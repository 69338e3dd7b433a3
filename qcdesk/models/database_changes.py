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

import sqlite3
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
