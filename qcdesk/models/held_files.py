"""Reading a file this process may have open through SQLite without dropping SQLite's locks.

Why: on Linux and macOS, closing ANY descriptor of a file drops every POSIX (fcntl) lock the
process holds on it (sqlite.org/howtocorrupt.html, section 2.2). A plain `open()`/`close()` of the
database the window had open (文件 ▸ 打开 of the same file, a copy saved from 备份与恢复) left
the window with no SHARED lock: the next `qcdesk` command to close took itself for the last
connection, checkpointed and deleted the -wal and -shm under the window, and committed writes
were lost. Here a descriptor of a file that another descriptor of this process still has open
is parked instead of closed, and closed later, once nothing else here has that file open (as
SQLite does with its own). Windows locks belong to a handle: there it is closed at once.
"""

from __future__ import annotations

import io
import os
import shutil
import sys
import threading
from pathlib import Path
from typing import BinaryIO

_FD_DIR = "/dev/fd"  # Linux (-> /proc/self/fd) and macOS both list this process's descriptors
_guard = threading.Lock()
_parked: list[int] = []  # descriptors whose close would drop another descriptor's locks


def _identity(fd: int) -> tuple[int, int] | None:
    try:
        st = os.fstat(fd)
    except OSError:
        return None
    return st.st_dev, st.st_ino


def _open_elsewhere(fd: int) -> bool:
    """True when another descriptor of this process (not a parked one) refers to `fd`'s file:
    closing `fd` would drop that one's locks. Unknowable (no /dev/fd): True, to be safe."""
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
        if other < 0 or other == fd or other in _parked:
            continue
        if _identity(other) == own:
            return True
    return False


def _let_go(fd: int) -> None:
    """Close `fd`, or park it while another descriptor here has the file; close parked ones
    whose file nothing else here has open any more."""
    with _guard:
        if _open_elsewhere(fd):
            _parked.append(fd)
        else:
            os.close(fd)
        for parked in list(_parked):
            if not _open_elsewhere(parked):
                _parked.remove(parked)
                os.close(parked)


class _HeldRaw(io.FileIO):
    """A file whose close goes through `_let_go` (its descriptor is never closed by FileIO)."""

    def close(self) -> None:
        if self.closed:
            return
        fd = self.fileno()
        try:
            super().close()
        finally:
            _let_go(fd)


def opened(path: Path | str, mode: str = "rb") -> BinaryIO:
    """`open(path, mode)` for "rb" or "r+b" (also `with opened(...) as fh:`) whose close never
    drops this process's locks on the file (see the module's docstring). OSError as `open`."""
    writing = "+" in mode
    fd = os.open(path, (os.O_RDWR if writing else os.O_RDONLY) | getattr(os, "O_BINARY", 0))
    try:
        raw = _HeldRaw(fd, "r+" if writing else "r", closefd=False)
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
