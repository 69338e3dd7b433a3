"""Schema set aside for one block of a transaction and put back at its end (a bulk import
drops indexes and triggers while it loads, then restores them as they were).

Why one place: the failure case is subtle. When the block fails, SQLite may already have
rolled the transaction back itself (a full disk): the schema is then as it was, and putting
things back in autocommit would commit half-done DDL. Either way the caller's rollback
restores what was dropped (SQLite DDL is transactional), and the first error is the one to
show, not a follow-on error of the restore.
"""

from __future__ import annotations

import contextlib
import sqlite3
from collections.abc import Callable, Iterator


@contextlib.contextmanager
def restored_at_end(conn: sqlite3.Connection, restore: Callable[[], None]) -> Iterator[None]:
    """Run `restore` when the block ends; after a failure only while the transaction is still
    open, and never letting its own error hide the block's."""
    try:
        yield
    except BaseException:
        if conn.in_transaction:
            with contextlib.suppress(Exception):
                restore()
        raise
    restore()


@contextlib.contextmanager
def set_aside(conn: sqlite3.Connection, kind: str, saved: list[tuple[str, str]]
              ) -> Iterator[None]:
    """Inside an open transaction: drop the schema objects of `kind` (INDEX, TRIGGER) named in
    `saved` (name, CREATE statement) for the block, and create them again at its end."""
    if not conn.in_transaction:
        raise RuntimeError(f"setting a {kind.lower()} aside needs an open transaction")
    for name, _sql in saved:
        conn.execute(f'DROP {kind} "{name}"')

    def restore() -> None:
        for name, sql in saved:
            conn.execute(f'DROP {kind} IF EXISTS "{name}"')
            conn.execute(sql)

    with restored_at_end(conn, restore):
        yield
