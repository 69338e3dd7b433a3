"""The kept copy of every imported package (received/ next to the database): the evidence of
the first content of the rows an import adds, which the audit's one baseline entry names."""

from __future__ import annotations

import contextlib
import json
import os
import secrets
import shutil
import sqlite3
from pathlib import Path

from qcdesk.exchange.work_folder import hold
from qcdesk.models.instance_lock import InstanceLock
from qcdesk.models.store import Store, remove_database_files

RECEIVED_DIR = "received"  # next to the database: every imported package, as received


def _received_path(store: Store, package: Path, sha256: str) -> Path | None:
    """Where `keep_received` keeps the package (None for a database in memory)."""
    if not store.path:
        return None
    name = f"{sha256[:16]}_{package.name}"
    if len(name.encode("utf-8")) > 200:  # file systems allow 255 bytes; keep room for ".partial"
        name = f"{sha256[:16]}.qcpkg.zip"
    return Path(store.path).parent / RECEIVED_DIR / name


def already_received(store: Store, package: Path, sha256: str) -> bool:
    """The package is in received/ already (imported before): a failed import keeps it there."""
    from qcdesk.exchange.package_build import file_sha256

    target = _received_path(store, package, sha256)
    return target is not None and target.is_file() and file_sha256(target) == sha256


def keep_received(store: Store, package: Path, sha256: str) -> Path | None:
    """Keep the signed package an import's new rows came from: it is the evidence of their
    first content (the audit adopts them with one entry that names this file). Written
    before the merge, so an import that cannot keep it (disk full) changes nothing; removed
    again if the merge then fails or is killed (`ImportAttempt`), so received/ holds imported
    packages only."""
    from qcdesk.exchange.package_build import file_sha256

    target = _received_path(store, package, sha256)
    if target is None:
        return None
    target.parent.mkdir(parents=True, exist_ok=True)
    if target.exists() and file_sha256(target) == sha256:
        return target
    partial = target.with_name(target.name + ".partial")
    try:
        try:
            shutil.copyfile(package, partial)
        except OSError as exc:  # name the copy (a full disk here), not the package read from
            raise OSError(exc.errno, exc.strerror, str(partial)) from exc
        if file_sha256(partial) != sha256:  # the file changed since it was verified
            raise OSError(f"{package} changed while it was being imported; import it again")
        os.replace(partial, target)
    finally:
        partial.unlink(missing_ok=True)
    return target


# --- an import under way: what it made before its merge, until the merge commits ---------

_ATTEMPT = ".import-"  # received/.import-<token>.json (what it made) and .lock (held meanwhile)


class ImportAttempt:
    """The copies one import makes before its merge: the database's pre-import copy in
    backups/ and, when it was not there yet, the package's copy in received/.

    Why: an import killed (kill -9, power cut) before its transaction committed left the
    database as it was, but also the package in received/ as though imported, and another
    pre-import copy in backups/ each time (pushing real ones out of the rotation). A hidden
    note in received/ names those copies while the import runs, with an OS lock held beside
    it (released by the OS when the process dies). `settle` keeps them if the package is
    recorded as imported and removes them if not; the next import settles the notes of
    attempts no longer running (`remove_left_over`), never those of one running now.
    The note also names the photo folder: an attempt killed after its commit, while placing
    the package's photos, has them completed from the kept copy (`photo_placing`)."""

    def __init__(self, store: Store, package: Path, sha256: str, photos_dir: Path | None = None):
        self.store, self.package, self.sha256 = store, Path(package), sha256
        self.photos_dir = photos_dir
        self.snapshot: Path | None = None
        self.fresh: Path | None = None  # received/<name> when this attempt makes that copy
        self.note: Path | None = None
        self.lock: InstanceLock | None = None

    @classmethod
    def start(cls, store: Store, package: Path, sha256: str,
              photos_dir: Path | None = None) -> ImportAttempt:
        """Settle what killed attempts left, then hold this attempt's lock and note."""
        attempt = cls(store, package, sha256, photos_dir)
        if not store.path:
            return attempt
        folder = Path(store.path).parent / RECEIVED_DIR
        folder.mkdir(parents=True, exist_ok=True)
        remove_left_over(store)
        base = folder / f"{_ATTEMPT}{os.getpid()}-{secrets.token_hex(4)}"
        attempt.lock = hold(base)
        attempt.note = base.with_name(base.name + ".json") if attempt.lock else None
        attempt._write()
        return attempt

    def taken(self, snapshot: Path | None) -> None:
        """The pre-import copy is made; the package's copy is about to be (if not there)."""
        self.snapshot = snapshot
        if not already_received(self.store, self.package, self.sha256):
            self.fresh = _received_path(self.store, self.package, self.sha256)
        self._write()

    def settle(self) -> None:
        """After the merge (committed, failed or refused): keep or remove, then let go."""
        _settle(self.store, self.sha256, self.snapshot, self.fresh)
        if self.note is not None:
            with contextlib.suppress(OSError):
                self.note.unlink(missing_ok=True)
        _let_go(self.lock)

    def _write(self) -> None:
        if self.note is None:  # no lock (a folder without locks): nothing left to judge later
            return
        text = json.dumps({"db": str(Path(self.store.path).resolve()), "sha256": self.sha256,
                           "snapshot": str(self.snapshot or ""), "fresh": str(self.fresh or ""),
                           "photos": str(self.photos_dir or ""),
                           "kept": str(_received_path(self.store, self.package, self.sha256))})
        part = self.note.with_name(self.note.name + ".part")
        part.write_text(text, encoding="utf-8")
        os.replace(part, self.note)  # never read half written


def remove_left_over(store: Store) -> int:
    """Settle the notes of this database's import attempts that no longer run (killed): their
    copies are kept if the package is recorded as imported, removed if not. Returns how many."""
    folder = Path(store.path).parent / RECEIVED_DIR if store.path else None
    if folder is None or not folder.is_dir():
        return 0
    me, settled = str(Path(store.path).resolve()), 0
    for lock_file in sorted(folder.glob(f"{_ATTEMPT}*.lock")):
        base = lock_file.with_suffix("")
        note = base.with_name(base.name + ".json")
        lock = hold(base)
        if lock is None:  # an import running now (or a lock this system cannot take)
            continue
        try:  # none: killed before it was written
            seen = json.loads(note.read_text(encoding="utf-8")) if note.exists() else {}
        except (OSError, ValueError):
            seen = {}
        seen = seen if isinstance(seen, dict) else {}
        if seen and seen.get("db") != me:  # another database's attempt: for it to judge
            lock.release()
            continue
        if seen:
            _settle(store, str(seen.get("sha256", "")),
                    Path(seen["snapshot"]) if seen.get("snapshot") else None,
                    Path(seen["fresh"]) if seen.get("fresh") else None)
            _complete_photos(store, seen)
        for path in (note, note.with_name(note.name + ".part")):
            with contextlib.suppress(OSError):
                path.unlink(missing_ok=True)
        _let_go(lock)
        settled += 1
    return settled


def _settle(store: Store, sha256: str, snapshot: Path | None, fresh: Path | None) -> None:
    """Keep both copies of an import that committed; remove those of one that did not (only
    files this note can name: its package's copy in received/, an import copy in backups/)."""
    from qcdesk.models.conflict_names import imported_package
    from qcdesk.models.snapshots import default_folder

    if (fresh is None and snapshot is None) or not store.path or not sha256:
        return
    try:
        if imported_package(store, sha256) is not None:  # committed (or imported here before)
            return
    except sqlite3.Error:  # cannot tell: keep them
        return
    received = (Path(store.path).parent / RECEIVED_DIR).resolve()
    if fresh is not None and fresh.parent.resolve() == received and fresh.name.startswith(sha256[:16]):
        for path in (fresh, fresh.with_name(fresh.name + ".partial")):
            with contextlib.suppress(OSError):
                path.unlink(missing_ok=True)
    backups = default_folder(store)
    if (snapshot is not None and backups is not None and snapshot.parent.resolve() == backups.resolve()
            and snapshot.name.startswith(f"{Path(store.path).stem}.import-")
            and snapshot.suffix == ".db"):
        with contextlib.suppress(OSError):
            remove_database_files(snapshot)


def _complete_photos(store: Store, seen: dict[str, str]) -> None:
    """A killed attempt that committed may have died placing its photos: the missing or
    damaged ones come from the package kept in received/ (each checked against its name)."""
    from qcdesk.exchange.photo_placing import complete_from_package
    from qcdesk.models.conflict_names import imported_package

    kept, photos, sha256 = seen.get("kept"), seen.get("photos"), str(seen.get("sha256", ""))
    if not (kept and photos and sha256 and store.path):
        return
    received = (Path(store.path).parent / RECEIVED_DIR).resolve()
    try:
        if Path(kept).resolve().parent != received or not Path(kept).is_file() \
                or imported_package(store, sha256) is None:
            return
        complete_from_package(Path(kept), Path(photos))
    except (OSError, sqlite3.Error):  # a full disk, a locked database: importing that package
        return  # again completes them (`photo_placing.complete_refused`)


def _let_go(lock: InstanceLock | None) -> None:
    """Release an attempt's lock and remove its file (released first: Windows keeps an open
    file)."""
    if lock is None:
        return
    with contextlib.suppress(OSError):
        lock.release()
        lock.path.unlink(missing_ok=True)
