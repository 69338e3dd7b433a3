"""Reading a file this process may have open through SQLite without dropping SQLite's locks.

Why: on Linux and macOS, closing ANY descriptor of a file drops every POSIX (fcntl) lock the
process holds on it (sqlite.org/howtocorrupt.html, section 2.2), whether that descriptor was
opened on its own or `os.dup`ed. A plain `open()`/`close()` of the database the window had open
(文件 ▸ 打开 of the same file, a copy saved from 备份与恢复) left the window with no SHARED lock:
the next `qcdesk` command to close took itself for the last connection, checkpointed and deleted
the -wal and -shm under the window, and committed writes were lost. Here a descriptor of a file
that another descriptor of this process still has open is parked instead of closed, and closed
later, once nothing else here has that file open (as SQLite does with its own). A parked
descriptor can never be closed early, so no second one is opened for the same file: later reads
use the one held (os.pread at their own offset), so a long session keeps at most one per file and
access mode. Windows locks belong to a handle: there each is closed at once.
"""

from __future__ import annotations

import io
import os
import shutil
import stat
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

_FD_DIR = "/dev/fd"  # Linux (-> /proc/self/fd) and macOS both list this process's descriptors
_SHARED = hasattr(os, "pread")  # one descriptor read by several handles, each at its own offset


@dataclass
class _Held:
    """A descriptor opened here, and how many handles read through it (0: parked)."""

    fd: int
    identity: tuple[int, int] | None
    writable: bool
    users: int = 1


# An RLock, and a flag: a handle leaked in a reference cycle is closed by the garbage collector
# from `__del__`, which may run inside any of the sections below on the thread that holds the
# lock. Such a close only queues its descriptor (`_returned`); the section under way takes it.
_guard = threading.RLock()
_busy = False
_held: dict[int, _Held] = {}  # every descriptor opened here and not yet closed
_returned: list[int] = []  # descriptors whose handle was closed, not yet counted


@contextmanager
def _section() -> Iterator[bool]:
    """Hold `_guard`; yields False when this thread is already inside a section (a collection
    closing a leaked handle): then `_held` must not be touched."""
    global _busy
    with _guard:
        if _busy:
            yield False
            return
        _busy = True
        try:
            yield True
        finally:
            _busy = False


def _identity(fd: int) -> tuple[int, int] | None:
    try:
        st = os.fstat(fd)
    except OSError:
        return None
    return st.st_dev, st.st_ino


def _open_elsewhere(fd: int) -> bool:
    """True when a descriptor of this process not opened here refers to `fd`'s file: closing
    `fd` would drop that one's locks. Unknowable (no /dev/fd): True, to be safe."""
    if sys.platform == "win32":
        return False
    own = _identity(fd)
    if own is None:
        return False
    try:
        names = os.listdir(_FD_DIR)
    except OSError:
        return True
    for name in names:
        other = int(name) if name.isdigit() else -1
        if other < 0 or other == fd or other in _held:
            continue
        if _identity(other) == own:
            return True
    return False


def _take(path: Path | str, writing: bool) -> int:
    """A descriptor of `path`: the one already held for that file when there is one (a parked
    descriptor must stay open anyway), else a new one. OSError as `open`."""
    if _SHARED:
        try:
            st = os.stat(path)
        except OSError:
            st = None
        if st is not None and stat.S_ISREG(st.st_mode):
            with _section() as mine:
                for held in list(_held.values()) if mine else ():
                    if held.identity == (st.st_dev, st.st_ino) and (held.writable or not writing):
                        held.users += 1
                        return held.fd
    fd = os.open(path, (os.O_RDWR if writing else os.O_RDONLY) | getattr(os, "O_BINARY", 0))
    identity = _identity(fd)
    with _guard:  # a number just opened is in no section's hands
        _held[fd] = _Held(fd, identity, writing)
    return fd


def _let_go(fd: int) -> None:
    """One handle of `fd` is done. Close every held descriptor no handle reads through and whose
    file nothing else here has open; keep (park) the others."""
    closing: list[int] = []
    with _section() as mine:
        _returned.append(fd)
        if not mine:
            return  # inside a section of this thread: it counts this one too
        while True:
            while _returned:
                held = _held.get(_returned.pop())
                if held is not None:
                    held.users -= 1
            idle = [held.fd for held in _held.values() if held.users <= 0]
            free = [number for number in idle if not _open_elsewhere(number)]  # all still in _held
            for number in free:
                del _held[number]
            closing += free
            if not _returned:
                break
    for number in closing:  # outside the lock: nothing here refers to these numbers any more
        os.close(number)


def parked() -> list[int]:
    """Descriptors kept open only so that this process's locks on their files stay."""
    with _guard:
        return [held.fd for held in _held.values() if held.users <= 0]


class _HeldRaw(io.RawIOBase):
    """One handle on a held descriptor, at its own offset; its close goes through `_let_go`."""

    def __init__(self, fd: int, writing: bool):
        super().__init__()
        self._fd, self._writing, self._pos = fd, writing, 0

    def readable(self) -> bool:
        return True

    def writable(self) -> bool:
        return self._writing

    def seekable(self) -> bool:
        return True

    def readinto(self, buffer: bytearray | memoryview) -> int:  # type: ignore[override]
        self._checkClosed()
        view = memoryview(buffer).cast("B")
        if _SHARED:
            data = os.pread(self._fd, len(view), self._pos)
        else:  # never shared (Windows): the descriptor's own offset is this handle's
            os.lseek(self._fd, self._pos, os.SEEK_SET)
            data = os.read(self._fd, len(view))
        view[:len(data)] = data
        self._pos += len(data)
        return len(data)

    def write(self, data: bytes | bytearray | memoryview) -> int:  # type: ignore[override]
        self._checkClosed()
        if not self._writing:
            raise io.UnsupportedOperation("not writable")
        if _SHARED:
            done = os.pwrite(self._fd, data, self._pos)
        else:
            os.lseek(self._fd, self._pos, os.SEEK_SET)
            done = os.write(self._fd, data)
        self._pos += done
        return done

    def seek(self, offset: int, whence: int = os.SEEK_SET) -> int:
        self._checkClosed()
        base = {os.SEEK_SET: 0, os.SEEK_CUR: self._pos}.get(whence)
        if base is None:
            if whence != os.SEEK_END:
                raise ValueError(f"invalid whence ({whence})")
            base = os.fstat(self._fd).st_size
        if base + offset < 0:
            raise OSError(22, "Invalid argument")
        self._pos = base + offset
        return self._pos

    def close(self) -> None:
        if self.closed:
            return
        try:
            super().close()
        finally:
            _let_go(self._fd)


def opened(path: Path | str, mode: str = "rb") -> BinaryIO:
    """`open(path, mode)` for "rb" or "r+b" (also `with opened(...) as fh:`) whose close never
    drops this process's locks on the file (see the module's docstring). OSError as `open`."""
    writing = "+" in mode
    fd = _take(path, writing)
    try:
        raw = _HeldRaw(fd, writing)
    except BaseException:
        _let_go(fd)
        raise
    return io.BufferedRandom(raw) if writing else io.BufferedReader(raw)  # type: ignore[return-value]


def read_head(path: Path | str, size: int) -> bytes:
    """The first `size` bytes of the file (OSError as `open`)."""
    with opened(path) as handle:
        return handle.read(size)


def copy_file(src: Path | str, dst: Path | str, *, keep_times: bool = False) -> None:
    """`shutil.copyfile` (`copy2` with `keep_times`) reading `src` through `opened`: the bytes
    of a database file this process may have open, kept as they are."""
    with opened(src) as source, open(dst, "wb") as target:
        shutil.copyfileobj(source, target, 1 << 20)
    if keep_times:
        shutil.copystat(src, dst)
