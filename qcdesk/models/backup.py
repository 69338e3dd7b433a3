"""Backups of a database file and restoring one (snapshots of the open database, their checks
and rotation: `qcdesk.models.snapshots`, whose names are re-exported here).

Restoring checks the file is a QCDesk database whose integrity check passes (and not one from a
newer QCDesk), copies the current database aside under the restore's own write lock, and writes
the backup into the open database in one SQLite transaction, so an interrupted restore leaves
either the old or the new database, never a mixture, and a command that had the file open sees
the restored data instead of writing into a file that was swapped away. Only a damaged current
database (SQLite cannot read it) is kept as raw bytes and replaced by a rename.

A restore of a 1 GB county database takes a minute (the integrity check alone ~20 s, then the
backup staged, the safety copy, the swap): the GUI runs it in a worker, hears how far it got and
may stop it until the swap begins (`qcdesk.models.restore_progress`). A backup checked already
(`check_database_file` returns a `CheckedFile`) is not checked again if unchanged since.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import sqlite3
import time
from collections.abc import Callable
from pathlib import Path

from qcdesk.models.instance_lock import InstanceLock
from qcdesk.models.os_errors import error_reason, write_error_reasons
from qcdesk.models.restore_progress import STEP_PAGES, CheckedFile, Report, Reporter, watch_statement
from qcdesk.models.snapshots import (
    DEFAULT_KEEP,
    KEEP_SETTING,
    KEPT_REASONS,
    REASONS,
    ROUTINE_REASONS,
    BackupInfo,
    Snapshot,
    backup_name,
    clock_behind,
    daily_snapshot,
    damaged_name,
    default_folder,
    keep_count,
    last_good,
    list_backups,
    list_damaged,
    prune,
    prune_damaged,
    release,
    snapshot,
    snapshot_before_import,
    stored_keep_count,
    take_daily_snapshot,
    take_snapshot,
)
from qcdesk.models.store import StoreError, remove_database_files, writer_active

# snapshots' names, as before
__all__ = ["DEFAULT_KEEP", "KEEP_SETTING", "KEPT_REASONS", "REASONS", "ROUTINE_REASONS", "BackupInfo",
           "CheckedFile", "Snapshot", "backup_name", "daily_snapshot", "default_folder", "keep_count",
           "list_backups", "list_damaged", "prune", "prune_damaged", "release", "snapshot",
           "snapshot_before_import", "stored_keep_count", "take_daily_snapshot", "take_snapshot"]

BUSY_SECONDS = 5.0  # how long a restore waits for another program's write to finish


class DamagedDatabase(StoreError):
    """The file is an SQLite database that SQLite finds damaged (not merely some other file):
    no restore point, but still worth a raw copy before anyone tries to repair it."""

    def __init__(self, message_zh: str, message_en: str, problem: str):
        super().__init__(message_zh, message_en)
        self.problem = problem  # what SQLite found, for a caller that words it its own way


def open_read_only(path: Path) -> sqlite3.Connection:
    """A read-only connection, also to a WAL file in a folder this user cannot write.

    Why: `mode=ro` must create the WAL file's `-shm` beside it, so a backup of a database on
    a read-only folder failed with "unable to open database file". There the file is read
    `immutable` instead, unless its `-wal` still holds pages, which that would leave out:
    then StoreError names the real cause."""
    path = Path(path)
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
        return conn
    except sqlite3.OperationalError as exc:
        conn.close()
        if "unable to open" not in str(exc) or os.access(path.parent, os.W_OK):
            raise
        wal = Path(f"{path}-wal")
        if wal.exists() and wal.stat().st_size > 0:
            raise StoreError(
                f"{path} 所在的文件夹只读，而其日志文件 {wal.name} 中还有未写回数据库的内容，无法完整读取。"
                f"请把 {path.name} 连同 {wal.name} 复制到可写的文件夹后再操作，"
                "或在可写的位置用 QCDesk 打开它一次。",
                f"{path} is in a read-only folder and its log {wal.name} still holds changes not yet "
                f"written into it, so it cannot be read whole. Copy {path.name} together with {wal.name} "
                "to a writable folder first, or open it once with QCDesk where it can be written.") from exc
    return sqlite3.connect(f"file:{path}?mode=ro&immutable=1", uri=True)


def check_database_file(path: Path, report: Report | None = None, *, newer_ok: bool = False
                        ) -> CheckedFile:
    """Refuse anything that is not an intact QCDesk database (StoreError says why), nor, unless
    `newer_ok` (a copy of the file as it is), one made by a newer QCDesk: a restore refuses it
    before the user is asked to confirm, in the window as on the command line.

    `report("check", 0, 0)` is called while SQLite checks and may raise to stop it."""
    path = Path(path)
    if not path.is_file():
        raise StoreError(f"找不到文件 {path}", f"File not found: {path}")
    try:
        checked = CheckedFile(path, CheckedFile.stamp_of(path))
        with open(path, "rb") as handle:
            header = handle.read(16)
    except OSError as exc:
        raise StoreError(f"无法读取 {path}：{error_reason(exc)}",
                         f"Cannot read {path}: {error_reason(exc, 'en')}") from exc
    if header != b"SQLite format 3\x00":
        raise StoreError(f"{path} 不是 QCDesk 数据库文件。", f"{path} is not a QCDesk database file.")
    reporter = Reporter(report)
    reporter("check")
    stop: list[BaseException] = []  # what `report` raised to stop the check
    try:
        conn = open_read_only(path)
        stop = watch_statement(conn, reporter, "check")
        try:
            result = [r[0] for r in conn.execute("PRAGMA integrity_check")]
            core = 0
            if conn.execute("SELECT 1 FROM sqlite_master WHERE name = '_sqlite_migrations'").fetchone():
                core = conn.execute("SELECT count(*) FROM _sqlite_migrations "
                                    "WHERE migration_set = 'qcdesk.core'").fetchone()[0]
                if core and result == ["ok"] and not newer_ok:
                    _refuse_newer(conn, path)
        finally:
            conn.close()
    except sqlite3.Error as exc:
        if stop:
            raise stop[0] from None
        if any(word in str(exc) for word in ("malformed", "corrupt", "not a database")):
            raise DamagedDatabase(f"{path} 已损坏（其中有 SQLite 无法读取的内容），不能用于恢复，"
                                  "请选择另一份备份。", f"{path} is damaged ({exc}); it cannot be "
                                  "restored. Choose another backup.", str(exc)) from exc
        raise StoreError(f"{path} 无法作为 QCDesk 数据库读取：{error_reason(exc)}",
                         f"{path} is not a valid QCDesk database: {exc}") from exc
    if result != ["ok"]:
        raise DamagedDatabase(f"{path} 已损坏（完整性检查未通过），不能用于恢复，请选择另一份备份。",
                              f"{path} is damaged (integrity check failed); it cannot be restored. "
                              "Choose another backup.", "integrity check failed")
    if not core:
        raise StoreError(f"{path} 不是 QCDesk 数据库文件。", f"{path} is not a QCDesk database file.")
    return checked


def _copy_with_backup_api(source: Path, target: Path, reporter: Reporter | None = None,
                          stage: str = "stage") -> None:
    src = open_read_only(source)
    try:
        dest = sqlite3.connect(str(target))
        try:
            if reporter is None:
                src.backup(dest)
            else:
                src.backup(dest, pages=STEP_PAGES,
                           progress=lambda _s, left, total: reporter(stage, total - left, total))
            dest.execute("PRAGMA journal_mode = DELETE")
        finally:
            dest.close()
    finally:
        src.close()
    with open(target, "rb+") as handle:
        os.fsync(handle.fileno())


def backup_file(db_path: Path, out: Path) -> Path:
    """`copy_database` for a caller that needs only the path (it names a damaged copy so)."""
    return copy_database(db_path, out).path


def copy_database(db_path: Path, out: Path) -> Snapshot:
    """Copy a database file (even while QCDesk has it open) to `out`, atomically.

    A damaged database is copied too, byte for byte with its `-wal` (what anyone about to try
    a repair wants first), under a `.damaged` name (`damaged_name`) so that it is never taken
    for a restore point; the result says so (`Snapshot.damaged`, `damage_text`)."""
    db_path, out = Path(db_path), Path(out)
    try:
        check_database_file(db_path, newer_ok=True)
    except DamagedDatabase as exc:
        release(out)  # the name `backup_name` claimed: this copy goes under another
        copy = damaged_name(out)
        _write_copy(copy, lambda part: _raw_copy(db_path, part))
        folder = db_path.parent / "backups"
        return Snapshot(copy, db_path, exc.problem or "integrity check failed",
                        last_good(folder, db_path), clock_behind(out.parent, db_path))
    except StoreError:
        release(out)
        raise
    ahead = clock_behind(out.parent, db_path)
    _write_copy(out, lambda part: _copy_with_backup_api(db_path, part))
    return Snapshot(out, db_path, clock_behind=ahead)


def _write_copy(out: Path, write: Callable[[Path], None]) -> None:
    """`write` fills `<out>.part`, renamed to `out` once complete; nothing is left on failure."""
    tmp = out.with_name(out.name + ".part")
    try:
        out.parent.mkdir(parents=True, exist_ok=True)
        write(tmp)
        if Path(f"{tmp}-wal").exists():  # a raw copy's log: in place before the file it belongs to
            os.replace(f"{tmp}-wal", f"{out}-wal")
        os.replace(tmp, out)
    except (OSError, sqlite3.Error) as exc:
        remove_database_files(tmp)  # with the journal a failed write leaves beside it
        zh, en = write_error_reasons(exc)
        raise StoreError(f"无法写入备份 {out}：{zh}", f"Cannot write the backup {out}: {en}") from exc


def _raw_copy(db_path: Path, part: Path) -> None:
    """The bytes of a database SQLite cannot be trusted to read, and of its `-wal`."""
    shutil.copyfile(db_path, part)
    wal = Path(f"{db_path}-wal")
    if wal.exists() and wal.stat().st_size > 0:
        shutil.copyfile(wal, f"{part}-wal")
    with open(part, "rb+") as handle:
        os.fsync(handle.fileno())


def restore(source: Path, db_path: Path, backups_dir: Path, lock: InstanceLock | None = None, *,
            report: Report | None = None, checked: CheckedFile | None = None) -> Path | None:
    """Replace `db_path` by the backup `source`; returns the copy taken of the current database.

    The caller must have closed its own Store on `db_path`. `lock` is the caller's instance
    lock if it holds one (the GUI); otherwise the lock is taken here, so a restore never
    replaces a file another QCDesk window has open.

    An intact current database is overwritten *through SQLite* (the backup API into the live
    file, one transaction) rather than by swapping files: a command that opened the file
    earlier (an import still verifying its package) then waits for the restore and writes on
    top of it, instead of writing into a replaced file whose WAL was deleted (its work lost
    while it reported success). The copy of the current state is taken while the restore
    holds the write lock, so no write can fall between that copy and the restore.

    `report` and `checked`: see the module's docstring.
    """
    source, db_path = Path(source), Path(db_path)
    reporter = Reporter(report)
    if checked is None or not checked.unchanged(source):
        check_database_file(source, report)
    refuse_same_file(source, db_path)
    refuse_newer_file(source)
    own_lock = None
    if lock is None or not lock.held:
        own_lock = InstanceLock(db_path).acquire()
    try:
        if not db_path.exists():
            _replace_file(source, db_path, reporter)
            return None
        safety = Path(backups_dir) / backup_name(db_path, "before-restore", Path(backups_dir))
        try:
            try:
                Path(backups_dir).mkdir(parents=True, exist_ok=True)
            except OSError as exc:
                raise _no_safety_copy(exc) from exc
            live = _open_live(db_path, reporter)
            if live is None:  # damaged: keep its raw bytes, then swap the file
                reporter("safety")
                _keep_raw_copy(db_path, safety)
                _replace_file(source, db_path, reporter)
            else:
                _restore_into_live(source, live, db_path, safety, reporter)
        except BaseException as exc:  # refused, stopped or failed: the database is as it was
            release(safety)  # the name claimed for the safety copy, if none was written
            if not getattr(exc, "database_touched", False):  # a copy of it is no use, and on a
                _discard(safety)                             # full disk it is in the way
            raise
        return safety
    finally:
        if own_lock is not None:
            own_lock.release()


def refuse_same_file(source: Path, db_path: Path) -> None:
    """Restoring the database onto itself would change nothing but still take a copy of it."""
    try:
        same = Path(source).exists() and Path(db_path).exists() and Path(source).samefile(db_path)
    except OSError:
        same = False
    if same:
        raise StoreError(f"所选文件就是当前数据库本身，无需恢复：{db_path}",
                         f"The file chosen is the current database itself; nothing to restore: {db_path}")


def refuse_newer_file(path: Path) -> None:
    """A backup made by a newer QCDesk could be restored but never opened again here."""
    conn = open_read_only(path)
    try:
        _refuse_newer(conn, path)
    finally:
        conn.close()


def _refuse_newer(conn: sqlite3.Connection, path: Path) -> None:
    from sqlite_utils import Database

    from qcdesk.models.store import refuse_newer_schema

    refuse_newer_schema(Database(conn, execute_plugins=False), path)


def _open_live(db_path: Path, reporter: Reporter) -> sqlite3.Connection | None:
    """A connection to the current database, or None if SQLite cannot read it (damaged)."""
    reporter("check")
    try:
        conn = sqlite3.connect(str(db_path), timeout=BUSY_SECONDS, isolation_level=None)
    except sqlite3.Error:
        return None
    stop = watch_statement(conn, reporter, "check")
    try:
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
        if conn.execute("PRAGMA quick_check").fetchone()[0] != "ok":
            conn.close()
            return None
        conn.set_progress_handler(None, 0)
    except sqlite3.OperationalError as exc:
        conn.close()
        if stop:  # stopped by the caller, not damaged
            raise stop[0] from None
        if "locked" in str(exc).lower() or "busy" in str(exc).lower():
            raise _in_use(db_path) from exc
        return None
    except sqlite3.DatabaseError:
        conn.close()
        return None
    return conn


def refuse_in_use(db_path: Path) -> None:
    """StoreError if another program keeps writing to the database for BUSY_SECONDS (what a
    restore would say): for a caller that refuses for another reason only if this one is not."""
    if writer_active(db_path, BUSY_SECONDS):
        raise _in_use(db_path)


def _discard(path: Path) -> None:
    """Remove a side file on the way out; failing to must not hide why the restore stopped."""
    with contextlib.suppress(OSError):
        remove_database_files(path)


def _no_safety_copy(exc: OSError | sqlite3.Error) -> StoreError:
    zh, en = write_error_reasons(exc)
    return StoreError(f"无法备份当前数据库，已取消恢复，数据库未作改动：{zh}。",
                      f"Cannot back up the current database; restore cancelled, nothing changed: {en}.")


def _restore_failed(exc: OSError | sqlite3.Error) -> StoreError:
    zh, en = write_error_reasons(exc)
    return StoreError(f"恢复失败，原数据库未改动：{zh}。",
                      f"Restore failed; the current database is unchanged: {en}.")


def _in_use(db_path: Path) -> StoreError:
    return StoreError(
        f"数据库 {db_path} 正被其他程序占用，未恢复。请关闭其他 QCDesk 窗口或数据库工具后重试。",
        f"Database {db_path} is in use by another program; nothing restored.")


def _restore_into_live(source: Path, live: sqlite3.Connection, db_path: Path, safety: Path,
                       reporter: Reporter) -> None:
    """Copy the backup into the open database in one transaction; the safety copy is taken
    after the first page, while this connection holds the write lock (a progress callback
    that raises aborts the backup and rolls the database back). Stopped before the swap goes
    on, the safety copy is removed again: nothing was restored."""
    staged = db_path.with_name(f".{db_path.name}.restoring")
    try:
        try:
            remove_database_files(staged)
            _copy_with_backup_api(source, staged, reporter, "stage")
            _match_page_size(staged, live)
            src = sqlite3.connect(str(staged))
            if src.execute("PRAGMA page_count").fetchone()[0] < 2:  # one step would finish it
                src.close()                                          # before the copy is taken
                raise sqlite3.DatabaseError("the backup is empty")
        except (OSError, sqlite3.Error) as exc:
            raise _restore_failed(exc) from exc
        taken: list[Path] = []
        deadline = time.monotonic() + BUSY_SECONDS

        def take_safety_copy(status: int, remaining: int, total: int) -> None:
            if status in (sqlite3.SQLITE_BUSY, sqlite3.SQLITE_LOCKED):  # Python would retry for ever
                if time.monotonic() > deadline:
                    raise _in_use(db_path)
            elif not taken:  # a step succeeded: this connection now holds the write lock
                taken.append(_safety_copy(db_path, safety, reporter))
                try:
                    reporter("swap", total - remaining, total)  # the last chance to stop
                except BaseException:
                    _discard(safety)
                    raise
            else:
                reporter("swap", total - remaining, total)

        try:
            src.backup(live, pages=1, progress=take_safety_copy)
        except sqlite3.OperationalError as exc:
            if "locked" in str(exc).lower() or "busy" in str(exc).lower():
                raise _in_use(db_path) from exc
            raise _restore_failed(exc) from exc
        except sqlite3.Error as exc:
            raise _restore_failed(exc) from exc
        finally:
            src.close()
        with contextlib.suppress(sqlite3.Error):
            live.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    finally:
        live.close()
        _discard(staged)


def _match_page_size(staged: Path, live: sqlite3.Connection) -> None:
    """SQLite's backup into a WAL database needs equal page sizes; rebuild the staged copy."""
    size = live.execute("PRAGMA page_size").fetchone()[0]
    conn = sqlite3.connect(str(staged), isolation_level=None)
    try:
        if conn.execute("PRAGMA page_size").fetchone()[0] != size:
            conn.execute(f"PRAGMA page_size = {int(size)}")
            conn.execute("VACUUM")
    finally:
        conn.close()


def _safety_copy(db_path: Path, safety: Path, reporter: Reporter) -> Path:
    """A consistent copy of the current database under a side name, renamed when complete
    (no write can come between its steps: the restore's connection holds the write lock)."""
    part = safety.with_name(safety.name + ".part")
    try:
        reader = sqlite3.connect(str(db_path))
        try:
            dest = sqlite3.connect(str(part))
            try:
                reader.backup(dest, pages=STEP_PAGES,
                              progress=lambda _s, left, total: reporter("safety", total - left, total))
            finally:
                dest.close()
        finally:
            reader.close()
        with open(part, "rb+") as handle:
            os.fsync(handle.fileno())
        os.replace(part, safety)
    except (OSError, sqlite3.Error) as exc:
        _discard(part)
        raise _no_safety_copy(exc) from exc
    except BaseException:  # stopped by the caller
        _discard(part)
        raise
    return safety


def _keep_raw_copy(db_path: Path, safety: Path) -> None:
    """A damaged database cannot be read through SQLite: keep its raw bytes (and WAL) instead,
    under side names until both are complete."""
    wal = Path(str(db_path) + "-wal")
    parts = [(db_path, safety.with_name(safety.name + ".part"), safety)]
    if wal.exists():
        parts.append((wal, Path(str(safety) + "-wal.part"), Path(str(safety) + "-wal")))
    try:
        for src, part, _final in parts:
            shutil.copy2(src, part)
        for _src, part, final in reversed(parts):  # the WAL first: a lone .db is never half of a pair
            os.replace(part, final)
    except OSError as exc:
        for _src, part, _final in parts:
            part.unlink(missing_ok=True)
        raise _no_safety_copy(exc) from exc


def _replace_file(source: Path, db_path: Path, reporter: Reporter) -> None:
    """Put a copy of `source` at `db_path` with one rename (no database there, or a damaged one)."""
    tmp = db_path.with_name(f".{db_path.name}.restoring")
    touched = False
    try:
        remove_database_files(tmp)
        _copy_with_backup_api(source, tmp, reporter, "stage")
        reporter("swap", 0, 1)  # the last chance to stop
        touched = True  # from here the damaged file's side files go: its raw copy is kept
        for suffix in ("-wal", "-shm", "-journal"):
            Path(str(db_path) + suffix).unlink(missing_ok=True)
        os.replace(tmp, db_path)
    except (OSError, sqlite3.Error) as exc:
        _discard(tmp)
        failed = _restore_failed(exc)
        failed.database_touched = touched  # type: ignore[attr-defined]
        raise failed from exc
    except BaseException:  # stopped by the caller
        _discard(tmp)
        raise
