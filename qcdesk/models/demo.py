"""Realistic, reproducible demo data for Xianning: enterprises, inspectors, visits, rectifications.

Rows are produced as tuples in batches (`DemoGenerator.batches`) and loaded with
`executemany` into a brand-new file; the same seed and `today` give the same content. The
database is built in a temporary file next to the target and renamed only when complete, so a
cancelled or failed build leaves nothing half-made.
"""

from __future__ import annotations

import os
import sqlite3
import time
from collections.abc import Callable, Iterator
from datetime import date
from pathlib import Path

from sqlite_utils import Database

from qcdesk.models import local_day
from qcdesk.models.demo_rows import DemoGenerator, TableRows, insert_sql
from qcdesk.models.file_replace import sync_folder
from qcdesk.models.name_order import make_name_keys
from qcdesk.models.store import Store

__all__ = ["DemoCancelled", "DemoGenerator", "build_demo", "insert_sql"]


class DemoCancelled(Exception):
    """The caller's cancel() returned True; the target file was not touched."""


def _bulk_suspended(conn: sqlite3.Connection) -> list[tuple[str, str, str]]:
    """What the bulk load drops and recreates afterwards, exactly as migrated: (type, name, DDL).

    Explicit indexes (rebuilding them once is cheaper than updating them row by row; automatic
    UNIQUE/PK indexes stay) and the per-row audit triggers: a journal_mode=OFF build is
    adopted by the audit's deferred baseline instead (see qcdesk.models.audit). Other
    triggers (the exchange change counter) keep firing, so their tables stay right.
    """
    return conn.execute(
        "SELECT type, name, sql FROM sqlite_master WHERE sql IS NOT NULL AND "
        "(type = 'index' OR (type = 'trigger' AND name LIKE 'audit\\_%' ESCAPE '\\')) ORDER BY rowid"
    ).fetchall()


def load_batch(conn: sqlite3.Connection, batch: TableRows, tables: set[str] | None = None) -> int:
    """executemany per table inside the caller's transaction; returns the number of rows.

    Rows for tables the schema lacks (`tables` = those it has) are left out: another area's
    table, such as demonstration zones, is filled only where that area's migrations exist.
    """
    count = 0
    for table, (columns, rows) in batch.items():
        if rows and (tables is None or table in tables):
            conn.executemany(insert_sql(table, columns), rows)
            count += len(rows)
    return count


def open_bulk_connection(path: Path) -> sqlite3.Connection:
    """A connection tuned for filling a new file: no journal, no fsync, big cache, no FK checks.

    Safe only because the file is private until it is renamed into place at the end.
    """
    conn = sqlite3.connect(str(path), isolation_level=None)
    conn.execute("PRAGMA journal_mode = OFF")
    conn.execute("PRAGMA synchronous = OFF")
    conn.execute("PRAGMA cache_size = -262144")
    conn.execute("PRAGMA temp_store = MEMORY")
    conn.execute("PRAGMA foreign_keys = OFF")  # ids are assigned up front; tests run foreign_key_check
    return conn


def build_demo(
    path: Path,
    *,
    seed: int = 1,
    enterprises: int = 600,
    visits: int = 5000,
    progress: Callable[[int, int], None] | None = None,
    cancel: Callable[[], bool] | None = None,
    today: date | None = None,
) -> Path:
    """Build a demo database at `path` (replacing it) and return the path.

    Raises DemoCancelled if `cancel()` turns True; the target is then left as it was.
    """
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    _remove_stale_builds(path)
    tmp = path.with_name(f".{path.name}.{os.getpid()}.building")
    _remove_db_files(tmp)
    generator = DemoGenerator(seed=seed, enterprises=enterprises, visits=visits,
                              today=today or local_day.today())
    conn = open_bulk_connection(tmp)
    try:
        store = Store(Database(conn, execute_plugins=False), tmp, author="demo")
        store.migrate()
        _fill(conn, generator.batches(), progress, cancel, visits)
        conn.execute("BEGIN")
        make_name_keys(conn)  # the lists open in pinyin order without computing anything
        conn.execute("COMMIT")
        conn.execute("PRAGMA journal_mode = WAL")
        conn.close()
    except BaseException:
        conn.close()
        _remove_db_files(tmp)
        raise
    try:
        _sync(tmp)  # built with synchronous=OFF: on disk before it takes the database's name
    except OSError:
        _remove_db_files(tmp)
        raise
    _empty_wal(path)
    for suffix in ("-wal", "-shm", "-journal"):  # never pair the new file with the old log
        Path(str(path) + suffix).unlink(missing_ok=True)
    tmp.replace(path)  # atomic: at every moment there is the old database or the new one
    sync_folder(path.parent)  # and the rename itself, so a power cut cannot undo it
    return path


def _sync(path: Path) -> None:
    with open(path, "rb+") as handle:
        os.fsync(handle.fileno())


def _empty_wal(path: Path) -> None:
    """Write what the old database's log still holds into it before the log goes away."""
    if not path.exists():
        return
    try:
        conn = sqlite3.connect(path)
        try:
            conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        finally:
            conn.close()
    except sqlite3.Error:
        pass  # not a database, or damaged: the caller kept a copy of it


def _remove_stale_builds(path: Path) -> None:
    """Side files of builds that were killed (``.<name>.<pid>.building``): each is a whole
    database nobody will finish. A build still running elsewhere is left alone (POSIX: its
    process exists; elsewhere: younger than a day)."""
    for side in path.parent.glob(f".{path.name}.*.building"):
        pid = side.name[len(path.name) + 2:-len(".building")]
        if not pid.isdigit() or int(pid) == os.getpid():
            continue
        if _running(int(pid)) if os.name == "posix" else time.time() - side.stat().st_mtime < 86400:
            continue
        _remove_db_files(side)


def _fill(conn: sqlite3.Connection, batches: Iterator[TableRows], progress, cancel, total: int) -> None:
    """Drop explicit indexes, load every batch, then recreate the indexes exactly as migrated."""
    suspended = _bulk_suspended(conn)
    tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    conn.execute("BEGIN")
    for kind, name, _sql in suspended:
        conn.execute(f'DROP {kind.upper()} "{name}"')
    for batch in batches:
        if cancel is not None and cancel():
            conn.execute("ROLLBACK")
            raise DemoCancelled()
        load_batch(conn, batch, tables)
        conn.execute("COMMIT")
        conn.execute("BEGIN")
        if progress is not None:
            progress(min(batch.done_visits, total), total)
    for _kind, _name, sql in suspended:
        conn.execute(sql)
    conn.execute("COMMIT")
    if cancel is not None and cancel():
        raise DemoCancelled()


def _running(pid: int) -> bool:
    try:
        os.kill(pid, 0)  # POSIX only: signal 0 asks whether the process exists
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def _remove_db_files(path: Path) -> None:
    for suffix in ("", "-wal", "-shm", "-journal"):
        Path(str(path) + suffix).unlink(missing_ok=True)
