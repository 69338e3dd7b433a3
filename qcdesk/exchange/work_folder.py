"""An export's hidden work folder in its output folder, and the left-overs of killed exports.

Why a lock: an export killed (kill -9, power cut, USB stick pulled) leaves its work folder
`.qcdesk-export-*` with a half-written spreadsheet of megabytes in the output folder, often the
user's USB stick. Its age alone cannot tell it from the folder of an export still running into
the same folder (a second inspector's window, a script), so each export holds an OS file lock
on `export.lock` inside its folder while it runs; the OS releases it when the process dies.
The next export into that folder removes every work folder whose lock it can take. A folder
without that file or with it still empty (an older QCDesk's, or one being set up this moment:
the lock writes its holder's process id once taken) goes by age, as before.
"""

from __future__ import annotations

import contextlib
import shutil
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

from qcdesk.models.instance_lock import InstanceLock, lock_path
from qcdesk.models.store import StoreError

WORK_PREFIX = ".qcdesk-export-"
# an import's or verify's unpacked package (contacts, photos), beside the database: see `unpacking`
UNPACK_PREFIX = ".qcdesk-unpack-"
STALE_SECONDS = 3600  # a work folder without a lock file this old is no export running
_LOCK_BASE = "export"  # the lock is `<work folder>/export.lock`


def hold(base: Path) -> InstanceLock | None:
    """The OS lock on `<base>.lock`, held until released or the process dies; None when it is
    held elsewhere or cannot be made (that folder then goes by what its caller decides)."""
    try:
        return InstanceLock(base).acquire()
    except StoreError:
        return None


@contextlib.contextmanager
def work_folder(out_dir: Path, prefix: str = WORK_PREFIX) -> Iterator[Path]:
    """A fresh hidden folder in `out_dir`, locked while the export uses it, removed after."""
    folder = Path(tempfile.mkdtemp(dir=out_dir, prefix=prefix))
    lock = hold(folder / _LOCK_BASE)
    try:
        yield folder
    finally:
        if lock is not None:
            lock.release()  # first: a file held open cannot be removed on Windows
        shutil.rmtree(folder, ignore_errors=True)


def remove_left_over(out_dir: Path, now: float | None = None,
                     prefix: str = WORK_PREFIX) -> list[Path]:
    """Remove the work folders in `out_dir` of exports no longer running (returned): those
    whose lock this process can take, and those without a lock file older than an hour.
    A folder another running export holds is never touched."""
    removed: list[Path] = []
    try:
        entries = [e for e in Path(out_dir).iterdir() if e.name.startswith(prefix)]
    except OSError:
        return removed
    now = time.time() if now is None else now
    for entry in entries:
        try:
            if not entry.is_dir() or entry.is_symlink():
                continue
            base = entry / _LOCK_BASE
            if lock_path(base).is_file() and lock_path(base).stat().st_size:
                lock = hold(base)
                if lock is None:  # an export running now
                    continue
                lock.release()  # its owner is gone: nothing else takes this lock again
            elif now - entry.stat().st_mtime <= STALE_SECONDS:
                continue
            shutil.rmtree(entry, ignore_errors=True)
            if not entry.exists():
                removed.append(entry)
        except OSError:
            continue
    return removed


@contextlib.contextmanager
def unpacking(home: Path | None) -> Iterator[Path]:
    """Where an import or a verify unpacks a package: a locked `.qcdesk-unpack-*` folder in
    `home` (beside the database, or the data folder), the ones of killed runs removed first.
    Why not the system temp folder: a killed import left the whole package there in clear
    text (contacts' phone numbers, photos), under a `tmp…` name nothing ever cleaned, and
    Windows never empties %TEMP%. `home` None (a database in memory): the temp folder."""
    if home is None:
        with tempfile.TemporaryDirectory() as tmp:
            yield Path(tmp)
        return
    Path(home).mkdir(parents=True, exist_ok=True)
    remove_left_over(home, prefix=UNPACK_PREFIX)
    with work_folder(home, prefix=UNPACK_PREFIX) as folder:
        yield folder
