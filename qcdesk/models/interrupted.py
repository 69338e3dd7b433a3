"""What a killed restore, upgrade or list import left behind, settled by the next one.

Why: the database survives a kill (kill -9, a dead battery) at any moment, but the side files
did not go away. A killed restore left its half safety copy in backups/ and the whole backup
staged as a hidden `.<db>.restoring` beside the database (as big as the database) until the
next restore; a resumed upgrade took a second "pre-migration" copy, of the half-upgraded file,
which the backups list showed as the newer copy to go back to; each killed enterprise list
import left another copy in the "import" rotation, pushing out copies taken before package
imports. What a running program is still writing is never touched: a restore holds the file's
instance lock, an upgrade or list import its own note's lock.
"""

from __future__ import annotations

import contextlib
import json
import os
import secrets
import sqlite3
from pathlib import Path

from qcdesk.models.instance_lock import InstanceLock
from qcdesk.models.store import Store, StoreError, remove_database_files

_UPGRADE_NOTE = ".{name}.upgrading.json"  # beside the pre-migration copy, until the upgrade is done
_LIST_NOTE = ".list-import-"  # `backups/.list-import-<pid>-<random>.json` (+ `.lock`)


# --- a killed restore ---------------------------------------------------------------------

def staged_path(db_path: Path) -> Path:
    """Where a restore stages the backup before writing it into the database."""
    return Path(db_path).with_name(f".{Path(db_path).name}.restoring")


def clear_interrupted_restore(db_path: Path, lock: InstanceLock | None = None) -> bool:
    """Remove what a killed restore of `db_path` left: the staged backup and the half copy
    `backups/<stem>.before-restore-….db.part`. Only while holding the file's instance lock
    (`lock`, or taken here), so no restore can be running; skipped when another program holds it.

    True when that restore changed nothing (the database is as it was before it), for the
    start-up to say once; False when there was none, or it may have finished."""
    db_path = Path(db_path)
    staged = staged_path(db_path)
    folder = db_path.parent / "backups"
    parts = sorted(folder.glob(f"{db_path.stem}.before-restore-*.db.part")) if folder.is_dir() else []
    if not staged.exists() and not parts:
        return False
    own = None
    if lock is None or not lock.held:
        try:
            own = InstanceLock(db_path).acquire()
        except StoreError:  # another window has the file: perhaps restoring it now
            return False
    try:
        # the safety copy is complete before the database is written: a half one means the
        # restore stopped before; without one, the database tells whether it holds the backup
        undone = bool(parts) or _not_restored(staged, db_path)
        for path in [staged, *parts]:
            with contextlib.suppress(OSError):
                remove_database_files(path)
    finally:
        if own is not None:
            own.release()
    return undone and db_path.exists()


def _not_restored(staged: Path, db_path: Path) -> bool:
    """True when the database does not hold the staged backup (the restore's one transaction
    was cut short); False when it does, or when that cannot be read (then nothing is said)."""
    if Path(f"{staged}-journal").exists():  # staging itself was cut short
        return True
    try:
        staged_tail = audit_tail(staged)
    except (sqlite3.Error, StoreError):
        return True  # a half-staged backup: the swap never began
    try:
        return audit_tail(db_path) != staged_tail
    except (sqlite3.Error, StoreError):
        return False


def audit_tail(path: Path) -> tuple | None:
    """The newest audit entry of a database file (what it last recorded), None when it has none."""
    from qcdesk.models.database_file import open_read_only

    conn = open_read_only(path)
    try:
        return _tail(conn)
    finally:
        conn.close()


def _tail(conn: sqlite3.Connection) -> tuple | None:
    """Its number and what it is about, not its seal (sealing later does not make it another)."""
    row = conn.execute("SELECT seq, table_name, row_uuid, op, at FROM audit_log "
                       "ORDER BY seq DESC LIMIT 1").fetchone()
    return tuple(row) if row else None


# --- a killed upgrade ---------------------------------------------------------------------

def pending_names(store: Store) -> list[str]:
    from qcdesk.models.schema_sets import migration_sets

    return [f"{m.name}/{p.name}" for m in migration_sets() for p in m.pending(store.db)]


def migration_copy(store: Store, backup_dir: Path | None) -> Path:
    """The copy taken before the pending migrations (`<stem>.pre-migration-<stamp>.db`), or the
    one an upgrade killed half-way took for them: its note names it, and every migration still
    pending was among those it was taken for. A copy of the half-upgraded file would be no
    state anyone worked in, and the newest "before upgrade" copy in the list."""
    from qcdesk.models.snapshots import backup_name, remove_stale_parts

    path = Path(store.path)
    folder = backup_dir or path.parent
    pending = pending_names(store)
    note = folder / _UPGRADE_NOTE.format(name=path.name)
    earlier = _noted_copy(note, path, pending)
    if earlier is not None:
        return earlier
    target = folder / backup_name(path, "pre-migration", folder)
    remove_stale_parts(folder, path)  # a copy cut short by a kill (full size, and its -journal)
    copy = store.backup_to(target)
    _write_json(note, {"db": str(path.resolve()), "copy": copy.name, "pending": pending})
    return copy


def migration_done(store: Store, backup_dir: Path | None) -> None:
    """Every migration applied: the next upgrade takes a copy of its own."""
    path = Path(store.path)
    note = (backup_dir or path.parent) / _UPGRADE_NOTE.format(name=path.name)
    with contextlib.suppress(OSError):
        note.unlink(missing_ok=True)


def _noted_copy(note: Path, path: Path, pending: list[str]) -> Path | None:
    try:
        seen = json.loads(note.read_text(encoding="utf-8"))
        copy = note.with_name(str(seen["copy"]))
        same = seen["db"] == str(path.resolve()) and set(pending) <= set(seen["pending"])
    except (OSError, ValueError, KeyError, TypeError):
        return None
    return copy if same and copy.name.startswith(f"{path.stem}.pre-migration-") and copy.is_file() else None


def _write_json(path: Path, data: dict) -> None:
    part = path.with_name(path.name + ".part")
    part.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    os.replace(part, path)  # never read half written


# --- a killed list import -----------------------------------------------------------------

class ListImport:
    """The copy an enterprise or inspector list import takes before writing, noted (with an OS
    lock beside the note, released when the process dies) until its transaction is over.

    As a package import's copies (docs/exchange-format.md §4): the copy of an import that
    wrote nothing goes, so the "import" rotation keeps one copy per import that ran."""

    def __init__(self, store: Store, snapshot: Path | None):
        self.store, self.snapshot = store, snapshot
        self.note: Path | None = None
        self.lock: InstanceLock | None = None

    @classmethod
    def start(cls, store: Store) -> ListImport:
        """Settle the copies of list imports killed earlier, then take and note this one's."""
        from qcdesk.models.snapshots import default_folder, snapshot_before_import

        settle_list_imports(store)
        tail = _tail(store.db.conn)
        attempt = cls(store, snapshot_before_import(store))
        folder = default_folder(store)
        if attempt.snapshot is None or folder is None:
            return attempt
        base = folder / f"{_LIST_NOTE}{os.getpid()}-{secrets.token_hex(4)}"
        try:
            attempt.lock = InstanceLock(base).acquire()
            attempt.note = base.with_name(base.name + ".json")
            _write_json(attempt.note, {"db": str(Path(store.path).resolve()),
                                       "snapshot": attempt.snapshot.name, "tail": tail})
        except (OSError, StoreError):  # no note: the copy simply stays, as before
            attempt.finish()
        return attempt

    def finish(self) -> None:
        """The transaction is over (committed, failed or stopped): keep the copy if anything
        was written since it was taken, else remove it; then the note goes."""
        if self.note is not None:
            _settle(self.store, self.note, self.lock)
        elif self.lock is not None:
            _let_go(self.lock)


def settle_list_imports(store: Store) -> int:
    """Settle the notes of this database's list imports no longer running; returns how many."""
    from qcdesk.models.snapshots import default_folder

    folder = default_folder(store)
    if folder is None or not folder.is_dir():
        return 0
    settled = 0
    for lock_file in sorted(folder.glob(f"{_LIST_NOTE}*.lock")):
        base = lock_file.with_suffix("")
        try:
            lock = InstanceLock(base).acquire()
        except StoreError:  # an import running now
            continue
        if _settle(store, base.with_name(base.name + ".json"), lock):
            settled += 1
    return settled


def _settle(store: Store, note: Path, lock: InstanceLock | None) -> bool:
    """Remove the noted copy when the database is as it was when the copy was taken (its
    newest audit entry unchanged); False, touching nothing, for another database's note."""
    from qcdesk.models.snapshots import default_folder

    try:
        seen = json.loads(note.read_text(encoding="utf-8")) if note.exists() else {}
    except (OSError, ValueError):
        seen = {}
    seen = seen if isinstance(seen, dict) else {}
    if seen and seen.get("db") != str(Path(store.path).resolve()):
        if lock is not None:
            lock.release()
        return False
    name = str(seen.get("snapshot", ""))
    copy = default_folder(store) / name if name else None
    tail = seen.get("tail")
    with contextlib.suppress(sqlite3.Error):
        now = _tail(store.db.conn)
        unchanged = (list(now) if now is not None else None) == tail
        if copy is not None and unchanged and name.startswith(f"{Path(store.path).stem}.import-"):
            with contextlib.suppress(OSError):
                remove_database_files(copy)
    for path in (note, note.with_name(note.name + ".part")):
        with contextlib.suppress(OSError):
            path.unlink(missing_ok=True)
    _let_go(lock)
    return True


def _let_go(lock: InstanceLock | None) -> None:
    """Release a note's lock and remove its file (released first: Windows keeps an open file)."""
    if lock is None:
        return
    with contextlib.suppress(OSError):
        lock.release()
        lock.path.unlink(missing_ok=True)
