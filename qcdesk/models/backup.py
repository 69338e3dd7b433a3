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
import sqlite3
import time
from collections.abc import Callable
from pathlib import Path

from qcdesk.models.database_file import (
    DamagedDatabase,
    check_database_file,
    open_read_only,
    refuse_newer_file,
    refuse_same_file,
)
from qcdesk.models.file_replace import replace_into_place
from qcdesk.models.held_files import copy_file
from qcdesk.models.instance_lock import InstanceLock
from qcdesk.models.interrupted import clear_interrupted_restore, staged_path
from qcdesk.models.os_errors import write_error_reasons
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
    remove_stale_parts,
    snapshot,
    snapshot_before_import,
    stored_keep_count,
    take_daily_snapshot,
    take_snapshot,
)
from qcdesk.models.store import StoreError, remove_database_files, writer_active

# snapshots' and database_file's names, as before
__all__ = ["DEFAULT_KEEP", "DamagedDatabase", "check_database_file", "open_read_only", "refuse_newer_file",
           "refuse_same_file", "KEEP_SETTING", "KEPT_REASONS", "REASONS", "ROUTINE_REASONS", "BackupInfo",
           "CheckedFile", "Snapshot", "backup_name", "daily_snapshot", "default_folder", "keep_count",
           "list_backups", "list_damaged", "prune", "prune_damaged", "release", "snapshot",
           "snapshot_before_import", "stored_keep_count", "take_daily_snapshot", "take_snapshot"]

BUSY_SECONDS = 5.0  # how long a restore waits for another program's write to finish


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


def copy_database(db_path: Path, out: Path, replacing: Callable[[], object] | None = None) -> Snapshot:
    """Copy a database file (even while QCDesk has it open) to `out`, atomically; `replacing`
    is called right before the complete copy takes `out`'s name and may raise to stop (the
    half copy is removed, `out` untouched): the last moment a Cancel can keep an older copy.

    A damaged database is copied too, byte for byte with its `-wal` (what anyone about to try
    a repair wants first), under a `.damaged` name (`damaged_name`) so that it is never taken
    for a restore point; the result says so (`Snapshot.damaged`, `damage_text`)."""
    db_path, out = Path(db_path), Path(out)
    remove_stale_parts(out.parent, db_path)  # half copies killed backups left, never removed else
    clear_interrupted_restore(db_path)  # unless a window has the file: it may be restoring it
    try:
        check_database_file(db_path, newer_ok=True)
    except DamagedDatabase as exc:
        release(out)  # the name `backup_name` claimed: this copy goes under another
        copy = damaged_name(out)
        _write_copy(copy, lambda part: _raw_copy(db_path, part), replacing)
        folder = db_path.parent / "backups"
        return Snapshot(copy, db_path, exc.problem or "integrity check failed",
                        last_good(folder, db_path), clock_behind(out.parent, db_path))
    except StoreError:
        release(out)
        raise
    ahead = clock_behind(out.parent, db_path)
    _write_copy(out, lambda part: _copy_with_backup_api(db_path, part), replacing)
    return Snapshot(out, db_path, clock_behind=ahead)


def _write_copy(out: Path, write: Callable[[Path], None],
                replacing: Callable[[], object] | None = None) -> None:
    """`write` fills `<out>.part`, renamed to `out` once complete (`replacing` called first);
    nothing is left on failure or interruption."""
    tmp = out.with_name(out.name + ".part")
    try:
        out.parent.mkdir(parents=True, exist_ok=True)
        write(tmp)
        if replacing is not None:
            replacing()
        if Path(f"{tmp}-wal").exists():  # a raw copy's log: in place before the file it belongs to
            os.replace(f"{tmp}-wal", f"{out}-wal")
        replace_into_place(tmp, out)  # synced: the backup keeps its name through a power cut
    except (OSError, sqlite3.Error) as exc:
        remove_database_files(tmp)  # with the journal a failed write leaves beside it
        zh, en = write_error_reasons(exc)
        raise StoreError(f"无法写入备份 {out}：{zh}", f"Cannot write the backup {out}: {en}") from exc
    except BaseException:  # a Cancel or Ctrl-C: no half copy left beside the old one
        remove_database_files(tmp)
        raise


def _raw_copy(db_path: Path, part: Path) -> None:
    """The bytes of a database SQLite cannot be trusted to read, and of its `-wal`."""
    copy_file(db_path, part)  # the database the window has open: a plain copy drops its locks
    wal = Path(f"{db_path}-wal")
    if wal.exists() and wal.stat().st_size > 0:
        copy_file(wal, f"{part}-wal")
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
        clear_interrupted_restore(db_path, own_lock or lock)  # what a killed restore left
        empty = empty_database_file(db_path)  # what its refusal says to restore a backup over
        if not db_path.exists() or (empty and not Path(f"{db_path}-wal").exists()):
            _replace_file(source, db_path, reporter)  # nothing to keep a copy of
            return None
        safety = Path(backups_dir) / backup_name(db_path, "before-restore", Path(backups_dir))
        try:
            try:
                Path(backups_dir).mkdir(parents=True, exist_ok=True)
            except OSError as exc:
                raise _no_safety_copy(exc) from exc
            live = None if empty else _open_live(db_path, reporter)
            if live is None:  # damaged (or an empty file beside an old -wal): raw bytes kept
                reporter("safety")
                _keep_raw_copy(db_path, safety)
                _replace_file(source, db_path, reporter)
            else:
                _restore_into_live(source, live, db_path, safety, reporter)
        except BaseException as exc:  # refused, stopped or failed: the database is as it was
            release(safety)  # the name claimed for the safety copy, if none was written
            if not getattr(exc, "database_touched", False):  # a copy of it is no use, and on a
                _discard(safety)                             # full disk it is in the way
            elif safety.exists():  # restored all the same (a Ctrl-C after the swap): the way back
                exc.safety_copy = safety  # type: ignore[attr-defined]
            raise
        return safety
    finally:
        if own_lock is not None:
            own_lock.release()


def empty_database_file(path: Path) -> bool:
    """A database file of 0 bytes: what an unfinished copy leaves, whose refusal says to restore
    a backup over it (open_checks.check_kind). An -wal beside it is another database's (SQLite
    writes page 1 into the file itself the moment a database takes WAL mode): kept raw."""
    try:
        return path.is_file() and path.stat().st_size == 0
    except OSError:
        return False


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
    staged = staged_path(db_path)
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
        finished: list[bool] = []
        deadline = time.monotonic() + BUSY_SECONDS

        def take_safety_copy(status: int, remaining: int, total: int) -> None:
            if remaining == 0:  # the last step committed: the database holds the backup now
                finished.append(True)
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
            _swap(src, live, take_safety_copy, db_path)
        except BaseException as exc:  # a Ctrl-C after the swap committed must keep the safety copy
            if finished:
                exc.database_touched = True  # type: ignore[attr-defined]
            raise
    finally:
        live.close()
        _discard(staged)


def _swap(src: sqlite3.Connection, live: sqlite3.Connection, progress: Callable[[int, int, int], None],
          db_path: Path) -> None:
    """The backup into the live database, then its checkpoint. `progress` alone marks the swap
    committed: SQLite calls it after the last step too (remaining 0), so a stop in that call or
    in the checkpoint is already known to come after the commit."""
    try:
        src.backup(live, pages=1, progress=progress)
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
        replace_into_place(part, safety)
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
            copy_file(src, part, keep_times=True)  # never drops this process's locks on it
        for _src, part, final in reversed(parts):  # the WAL first: a lone .db is never half of a pair
            os.replace(part, final)
    except OSError as exc:
        for _src, part, _final in parts:
            part.unlink(missing_ok=True)
        raise _no_safety_copy(exc) from exc


def _replace_file(source: Path, db_path: Path, reporter: Reporter) -> None:
    """Put a copy of `source` at `db_path` with one rename (no database there, or a damaged one)."""
    tmp = staged_path(db_path)
    touched = False
    try:
        remove_database_files(tmp)
        _copy_with_backup_api(source, tmp, reporter, "stage")
        reporter("swap", 0, 1)  # the last chance to stop
        touched = True  # from here the damaged file's side files go: its raw copy is kept
        for suffix in ("-wal", "-shm", "-journal"):
            Path(str(db_path) + suffix).unlink(missing_ok=True)
        replace_into_place(tmp, db_path)
    except (OSError, sqlite3.Error) as exc:
        _discard(tmp)
        failed = _restore_failed(exc)
        failed.database_touched = touched  # type: ignore[attr-defined]
        raise failed from exc
    except BaseException:  # stopped by the caller
        _discard(tmp)
        raise
