"""The SQLite store: one file, WAL, foreign keys, migrations with a copy taken beforehand.

Every worker thread opens its own `Store` on the same path; SQLite connections are not
shared between threads.
"""

from __future__ import annotations

import os
import shutil
import sqlite3
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path

from sqlite_utils import Database
from sqlite_utils.migrations import Migrations

from qcdesk.models.file_replace import replace_into_place
from qcdesk.models.name_order import register_collation
from qcdesk.models.schema_sets import migration_sets
from qcdesk.models.store_errors import DamagedStoreError, StoreError, busy_error, explain_error

_explain = explain_error  # the CLI's name for it
WAL_LIMIT = 64 * 1024 * 1024  # bytes the -wal is cut back to at each checkpoint (journal_size_limit)
__all__ = ["DamagedStoreError", "Store", "StoreError", "busy_error", "write_transaction"]


def now_utc() -> str:
    """UTC timestamp with microseconds and a Z, sortable as text."""
    return datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def new_uuid() -> str:
    return str(uuid.uuid4())


def pending_migration_count(db: Database) -> int:
    return sum(len(m.pending(db)) for m in migration_sets())


@contextmanager
def write_transaction(db: Database) -> Iterator[Database]:
    """THE way to open a write transaction (the store's, the import's, each migration's):
    BEGIN IMMEDIATE, i.e. the write lock before the first read; nested, a savepoint.

    Why: a deferred BEGIN (sqlite-utils' `atomic()`) reads first, and SQLite refuses to upgrade
    that read to a write at once, without the busy timeout, while another program writes or has
    just written (SQLITE_BUSY / BUSY_SNAPSHOT in WAL mode): saves, `qcdesk import` and conflict
    resolutions were refused after 0.00 s. IMMEDIATE waits up to busy_timeout for its turn.
    Nothing else changes: no PRAGMA (temp_store stays; TEMP tables and set-aside triggers of the
    import are untouched), commit at the end, rollback on any error.
    """
    if db.conn.in_transaction:
        with db.atomic():
            yield db
        return
    db.execute("BEGIN IMMEDIATE")
    try:
        yield db
        watch = getattr(db, "commit_watch", None)  # database_changes.track_own_commits
        if watch is None:
            db.execute("COMMIT")
        else:  # the window's watch: this commit is the app's own, not another program's
            watch.before()  # no one else can commit meanwhile: IMMEDIATE holds the write lock
            try:
                db.execute("COMMIT")
            finally:
                watch.after()
    except BaseException:
        if db.conn.in_transaction:  # an error (RAISE(ROLLBACK), a full disk) may have ended it
            db.execute("ROLLBACK")
        raise


def apply_one_by_one(db: Database, migrations: Migrations) -> None:
    """Apply a set's pending migrations, each in its own write transaction (as sqlite-utils
    would) but one that waits for another writer: sqlite-utils opens a deferred BEGIN, and a
    migration that reads first was refused at once while another program wrote. What is pending
    is read under the write lock, so a second process upgrading at the same moment waits and
    then finds the work done instead of applying it twice. A pass that applies nothing ends the
    loop (never spins): `apply` knows fewer migrations than `pending` lists, as a test's stand-in
    for an older build does."""
    before: list[str] = []
    while True:
        with write_transaction(db):
            pending = [m.name for m in migrations.pending(db)]
            if not pending or pending == before:
                return
            before = pending
            migrations.apply(db, stop_before=pending[1] if len(pending) > 1 else None)


class Store:
    """An open database plus the identity of whoever writes through it."""

    def __init__(self, db: Database, path: Path | None, author: str = ""):
        self.db = db
        self.path = path
        self.author = author
        register_collation(db.conn)  # ORDER BY … COLLATE pinyin (models/name_order.py)

    @classmethod
    def open(
        cls,
        path: Path | str,
        *,
        author: str = "",
        backup_dir: Path | None = None,
        migrate: bool = True,
    ) -> Store:
        """Open (creating if needed) and migrate; copy the file first if a migration is pending."""
        path = Path(path)
        existing = _has_content(path)
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            conn = sqlite3.connect(str(path), isolation_level=None, timeout=5.0)
        except (OSError, sqlite3.Error) as exc:
            from qcdesk.models.os_errors import error_words

            zh = error_words(exc, "zh", writing=True) or "请检查文件夹是否存在且有写入权限"
            raise StoreError(
                f"无法打开数据库文件 {path}：{zh}。",
                f"Cannot open database {path}: {exc}. Check the folder exists and is writable.",
            ) from exc
        try:
            conn.execute("PRAGMA foreign_keys = ON")
            conn.execute("PRAGMA busy_timeout = 5000")
            if existing:  # before anything writes: WAL mode alone rewrites the file's header
                refuse_foreign(conn, path)
            conn.execute("PRAGMA journal_mode = WAL").fetchone()
            # the -wal shrinks back to this after a checkpoint: without it a big import's -wal
            # kept its size (hundreds of MB on a city database) until the window closed
            conn.execute(f"PRAGMA journal_size_limit = {WAL_LIMIT}").fetchone()
            # FULL in WAL mode too: NORMAL may roll back the last commits after a power cut or
            # system crash, saves the user saw as 已保存 and exports whose package was handed
            # over (its number then signed again). One sync per commit: ~5 ms for a save, no
            # measurable share of a 100,000-visit import (one transaction)
            conn.execute("PRAGMA synchronous = FULL")
            db = Database(conn, execute_plugins=False)
            store = cls(db, path, author)
            if migrate:
                store.migrate(backup_dir=backup_dir)  # attaches the audit hook itself
            else:
                refuse_newer_schema(db, path)
                store.attach_audit()
        except sqlite3.DatabaseError as exc:
            conn.close()
            explained = explain_error(exc, path)
            if isinstance(explained, DamagedStoreError):
                explained.opening = True
            raise explained from exc
        except BaseException:
            conn.close()
            raise
        return store

    @classmethod
    def memory(cls, author: str = "") -> Store:
        """An in-memory store for tests and previews."""
        conn = sqlite3.connect(":memory:", isolation_level=None)
        conn.execute("PRAGMA foreign_keys = ON")
        store = cls(Database(conn, execute_plugins=False), None, author)
        store.migrate()
        return store

    def migrate(self, backup_dir: Path | None = None) -> Path | None:
        """Apply pending migrations; return the path of the copy taken before them, if any.

        Either way the connection ends up attached to the audit trail (`attach_audit`).
        """
        sets = migration_sets()
        refuse_newer_schema(self.db, self.path or Path(":memory:"))
        if not any(m.pending(self.db) for m in sets):
            self.attach_audit()
            return None
        copy = None
        copied = self.path is not None and self._has_user_tables()
        if copied:
            from qcdesk.models import interrupted  # it imports this module

            # one copy per upgrade: an upgrade killed half-way resumes with the copy it took
            copy = interrupted.migration_copy(self, backup_dir)
        self.attach_audit()  # so that rows migrations write count as QCDesk's own
        for migrations in sets:
            apply_one_by_one(self.db, migrations)
        self.attach_audit()
        if copied:
            interrupted.migration_done(self, backup_dir)
        return copy

    def set_busy_timeout(self, seconds: float) -> None:
        """How long this connection's writes wait for another program's write lock before they
        are refused as busy (`open` sets 5 s; the window's own store waits less, its saves run on
        the GUI thread: see qcdesk.ui.database_watch)."""
        self.db.execute(f"PRAGMA busy_timeout = {max(0, int(seconds * 1000))}")

    def attach_audit(self) -> None:
        """Audit hook (qcdesk.models.audit): mark this connection's writes, refresh triggers, seal."""
        from qcdesk.models import audit

        audit.attach(self)

    def _has_user_tables(self) -> bool:
        row = self.db.execute(
            "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
        ).fetchone()
        return bool(row[0])

    def backup_to(self, target: Path) -> Path:
        """A consistent copy through SQLite's backup API (safe while the app is running)."""
        target.parent.mkdir(parents=True, exist_ok=True)
        tmp = target.with_name(target.name + ".part")
        try:
            dest = sqlite3.connect(str(tmp))
            try:
                self.db.conn.backup(dest)
                # A file on its own, not one of a WAL pair: whoever opens it to read (the check
                # of the copy, a restore preview) then leaves no -wal/-shm beside it.
                dest.execute("PRAGMA journal_mode = DELETE")
            finally:
                dest.close()
            with open(tmp, "rb+") as handle:  # on disk before it carries a backup's name
                os.fsync(handle.fileno())
            replace_into_place(tmp, target)
        except BaseException:
            # A full disk or a kill must not leave a half copy behind to fill the disk further.
            remove_database_files(tmp)
            raise
        return target

    @contextmanager
    def transaction(self) -> Iterator[Database]:
        """One transaction for a change that touches several rows; rolled back on any error.

        The outermost transaction also seals its audit entries (qcdesk.models.audit), and a
        locked, read-only or full database becomes a StoreError the user can act on.
        """
        if self.db.conn.in_transaction:  # nested: a savepoint, rolled back alone on error
            with self.explained_errors(), write_transaction(self.db) as db:
                yield db
            return
        changes = self.db.conn.total_changes
        with self.explained_errors(), write_transaction(self.db) as db:
            yield db
            if self.db.conn.total_changes != changes:  # sealed before the commit
                from qcdesk.models import audit

                audit.seal(self)

    @contextmanager
    def explained_errors(self) -> Iterator[None]:
        """A locked, read-only, full, unreachable or damaged database as a StoreError the user can
        act on, for writes that manage their own transaction (audit sealing, BEGIN IMMEDIATE)."""
        try:
            yield
        except sqlite3.DatabaseError as exc:
            # "malformed" from a stick pulled mid-save is a bare DatabaseError; constraint and
            # programming errors (its other subclasses) are the caller's to handle
            if type(exc) not in (sqlite3.OperationalError, sqlite3.DatabaseError):
                raise
            explained = explain_error(exc, self.path or Path(":memory:"))
            if explained.message_en.startswith("Database error"):
                raise
            raise explained from exc

    def stamp(self) -> dict[str, object]:
        """Columns a new record gets."""
        ts = now_utc()
        return {"uuid": new_uuid(), "created_at": ts, "updated_at": ts,
                "author": self.author, "revision": 1, "origin": "local"}

    def close(self) -> None:
        try:
            from qcdesk.models import audit

            audit.seal(self)
        except sqlite3.Error:
            pass  # sealed on the next open instead
        self.db.conn.close()

    def setting(self, key: str, default: str = "") -> str:
        row = self.db.execute("SELECT value FROM settings WHERE key = ?", [key]).fetchone()
        return row[0] if row else default

    def set_setting(self, key: str, value: str) -> None:
        with self.explained_errors(), write_transaction(self.db):  # outside one: its own commit
            self._set_setting(key, value)

    def _set_setting(self, key: str, value: str) -> None:
        self.db.execute(
            "INSERT INTO settings(key, value) VALUES (?, ?) "
            "ON CONFLICT(key) DO UPDATE SET value = excluded.value",
            [key, value],
        )


def remove_database_files(path: Path) -> None:
    """Remove a (partial) database file and the journal files SQLite may have left beside it."""
    for suffix in ("", "-journal", "-wal", "-shm"):
        Path(str(path) + suffix).unlink(missing_ok=True)


def _has_content(path: Path) -> bool:
    """A file with bytes in it: SQLite takes a missing or 0-byte file for a new database."""
    try:
        return path.is_file() and path.stat().st_size > 0
    except OSError:
        return False  # connecting says what is wrong with it


def foreign_tables(conn: sqlite3.Connection) -> list[str]:
    """Names of what another program keeps in an SQLite file QCDesk never migrated; [] when
    QCDesk did (a `qcdesk.*` set in sqlite-utils' `_sqlite_migrations`) or the file is empty.

    The bare migrations table (and its index) of a first migration cut short is not foreign;
    migrations recorded only under other sets are.
    """
    names = [row[0] for row in conn.execute(
        "SELECT name FROM sqlite_master WHERE substr(name, 1, 7) <> 'sqlite_' "
        "AND tbl_name <> '_sqlite_migrations' ORDER BY type = 'table' DESC, rowid")]
    if conn.execute("SELECT 1 FROM sqlite_master WHERE type = 'table' "
                    "AND name = '_sqlite_migrations'").fetchone() is None:
        return names
    try:
        sets = [str(row[0]) for row in
                conn.execute("SELECT DISTINCT migration_set FROM _sqlite_migrations")]
    except sqlite3.OperationalError:  # a table of that name, but not sqlite-utils' own
        return ["_sqlite_migrations", *names]
    if any(name.startswith("qcdesk.") for name in sets):
        return []
    return ["_sqlite_migrations", *names] if sets else names


def refuse_foreign(conn: sqlite3.Connection, path: Path) -> None:
    """Raise StoreError, having written nothing, for another program's SQLite file: opening it
    would add QCDesk's tables to it, switch it to WAL and copy it into a backups folder."""
    names = foreign_tables(conn)
    if not names:
        return
    shown = "、".join(names[:3]) + ("…" if len(names) > 3 else "")
    raise StoreError(
        f"文件 {path} 不是 QCDesk 数据库（其中已有其他程序的数据表：{shown}），为免改动，未打开；"
        "请选择 QCDesk 的数据库文件，或指定一个新文件名。",
        f"{path} is not a QCDesk database (it holds another program's tables: {shown}); it was "
        "left unchanged and not opened. Choose a QCDesk database file, or give a new file name.",
    )


def check_not_foreign(path: Path | str) -> None:
    """`refuse_foreign` on a file before anything else touches it (the GUI checks before it
    puts its lock file beside it). A missing, empty or unreadable file passes: opening it
    creates it or says what is wrong."""
    path = Path(path)
    if not _has_content(path):
        return
    try:  # not mode=ro: a read-only connection leaves a WAL file's -wal and -shm behind
        conn = sqlite3.connect(str(path), isolation_level=None, timeout=5.0)
    except sqlite3.Error:
        return
    try:
        refuse_foreign(conn, path)
    except sqlite3.Error:
        pass
    finally:
        conn.close()


def newer_migrations(db: Database) -> list[str]:
    """Migrations recorded in the file that this version of QCDesk does not know.

    sqlite-utils only looks for *pending* names, so a file migrated by a newer QCDesk would
    otherwise open as if it were current, and old code would write into a schema it does not
    understand (columns it never fills, rules it does not keep).
    """
    if not db.execute("SELECT 1 FROM sqlite_master WHERE type = 'table' "
                      "AND name = '_sqlite_migrations'").fetchone():
        return []
    known = {m.name: {step.name for step in m._migrations} for m in migration_sets()}
    unknown = []
    for set_name, name in db.execute("SELECT migration_set, name FROM _sqlite_migrations ORDER BY rowid"):
        if set_name in known:
            if name not in known[set_name]:
                unknown.append(f"{set_name}/{name}")
        elif str(set_name).startswith("qcdesk."):
            unknown.append(f"{set_name}/{name}")
    return unknown


def refuse_newer_schema(db: Database, path: Path) -> None:
    """Raise StoreError if the file comes from a newer QCDesk (see `newer_migrations`)."""
    unknown = newer_migrations(db)
    if unknown:
        shown = "、".join(unknown[:3]) + ("…" if len(unknown) > 3 else "")
        raise StoreError(
            f"数据库 {path} 由更新版本的 QCDesk 创建（{shown}），本版本无法安全使用，未作任何改动。"
            "请升级 QCDesk 后再打开。",
            f"Database {path} was made by a newer QCDesk ({shown}); this version cannot use it "
            "safely and changed nothing. Update QCDesk, then open it.",
        )


def copy_file(src: Path, dst: Path) -> None:
    shutil.copy2(src, dst)


def writer_active(db_path: Path | str, timeout: float) -> bool:
    """True if another program holds a write transaction on the file for `timeout` seconds
    (BEGIN IMMEDIATE cannot start). A file that cannot be opened or is no database is not being
    written: its callers refuse it for its own reason, if at all."""
    try:
        conn = sqlite3.connect(str(db_path), timeout=timeout, isolation_level=None)
    except sqlite3.Error:
        return False
    try:
        conn.execute("BEGIN IMMEDIATE")
        conn.execute("ROLLBACK")
        return False
    except sqlite3.OperationalError as exc:
        return "locked" in str(exc).lower() or "busy" in str(exc).lower()
    except sqlite3.Error:
        return False
    finally:
        conn.close()
