"""One QCDesk instance per database file: an OS file lock on ``<db>.lock`` next to the database.

SQLite's own locking keeps the file consistent, but two windows editing the same records would
keep overwriting each other's work (and a restore must not replace a file that is open). The
OS releases the lock when the process dies, so a crash never leaves a stale lock behind.
The lock is named after the file itself (symlinks resolved): the GUI, restore and amend reach
the same file by different paths and must still meet at one lock.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import IO

from qcdesk.models.messages import message
from qcdesk.models.os_errors import os_error_reason
from qcdesk.models.store import StoreError


def lock_path(db_path: Path) -> Path:
    return Path(db_path).with_name(Path(db_path).name + ".lock")


class InstanceLock:
    """`with InstanceLock(db):` or `acquire()`/`release()`; raises StoreError when held elsewhere."""

    def __init__(self, db_path: Path | str):
        self.db_path = Path(db_path).resolve()  # a symlink and its target share one lock
        self.path = lock_path(self.db_path)
        self._file: IO[str] | None = None

    @property
    def held(self) -> bool:
        return self._file is not None

    def acquire(self) -> InstanceLock:
        if self._file is not None:
            return self
        try:
            # no mkdir: a folder that is gone (moved, renamed, its USB stick out) is refused,
            # never made again with a new empty database in it
            handle = open(self.path, "a+", encoding="utf-8")  # noqa: SIM115 - kept open while held
        except OSError as exc:  # the system's words are English whatever the user's language
            params = {"folder": self.path.parent, "name": self.db_path.name}
            raise StoreError(
                message("open.lock_folder", "zh", reason=os_error_reason(exc, "zh", writing=True), **params),
                message("open.lock_folder", "en", reason=os_error_reason(exc, "en", writing=True), **params),
            ) from exc
        try:
            _lock(handle)
        except OSError as exc:
            handle.close()
            raise StoreError(
                # the lock file is shared by every Windows user of this PC and every computer
                # reaching the file over a share: the window may be none the reader can switch to
                f"数据库 {self.db_path} 已在另一个 QCDesk 窗口中打开（进程 {self._holder()}），"
                "该窗口可能属于本机的其他用户，也可能在另一台电脑上。"
                "请切换到该窗口，或请打开它的人关闭后重试。",
                f"Database {self.db_path} is already open in another QCDesk window "
                f"(process {self._holder()}), which may belong to another user of this PC or run "
                "on another computer. Switch to it, or ask whoever has it open to close it, and "
                "try again.",
            ) from exc
        handle.seek(0)
        handle.truncate()
        handle.write(str(os.getpid()))
        handle.flush()
        self._file = handle
        return self

    def release(self) -> None:
        if self._file is None:
            return
        try:
            _unlock(self._file)
        finally:
            self._file.close()
            self._file = None

    def _holder(self) -> str:
        try:
            return self.path.read_text(encoding="utf-8").strip() or "?"
        except OSError:
            return "?"

    def __enter__(self) -> InstanceLock:
        return self.acquire()

    def __exit__(self, *exc: object) -> None:
        self.release()


# Windows locks are mandatory byte ranges: a locked byte cannot even be read by another process.
# The lock sits on one byte far past the pid text, so the second instance can still read whose it is
# (on byte 0 it read nothing and said 进程 ?). Locking past the end of a file is allowed there.
WINDOWS_LOCK_OFFSET = 1 << 20


def _lock_windows(handle: IO[str]) -> None:
    import msvcrt  # Windows only

    os.lseek(handle.fileno(), WINDOWS_LOCK_OFFSET, os.SEEK_SET)  # msvcrt locks from the position
    msvcrt.locking(handle.fileno(), msvcrt.LK_NBLCK, 1)


def _unlock_windows(handle: IO[str]) -> None:
    import msvcrt  # Windows only

    os.lseek(handle.fileno(), WINDOWS_LOCK_OFFSET, os.SEEK_SET)
    msvcrt.locking(handle.fileno(), msvcrt.LK_UNLCK, 1)


if sys.platform == "win32":  # pragma: no cover - exercised on Windows only
    _lock, _unlock = _lock_windows, _unlock_windows

else:
    import fcntl

    def _lock(handle: IO[str]) -> None:
        fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)

    def _unlock(handle: IO[str]) -> None:
        fcntl.flock(handle.fileno(), fcntl.LOCK_UN)
