"""Putting a finished side file (`<name>.part`) in place: the last step of every atomic save.

On Windows a virus scanner (Defender, 360, 火绒) opens a freshly written file for a moment, and
renaming it then fails with 拒绝访问 (winerror 5) or 文件正在使用 (32); that is waited out here,
briefly. A failure names the file the user chose, never the hidden side file: an `os.replace`
error carries the side file as its `filename` and the target only as `filename2`.
"""

from __future__ import annotations

import os
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

T = TypeVar("T")

# ERROR_ACCESS_DENIED, ERROR_SHARING_VIOLATION: what a scanner holding the new file causes
_SCANNER_WINERRORS = (5, 32)
# about one second in all; a file really open in WPS/Excel fails after it, as it should
RETRY_DELAYS = (0.05, 0.1, 0.15, 0.2, 0.25, 0.25)
_sleep = time.sleep


def replace_into_place(side: Path | str, target: Path | str) -> None:
    """`os.replace(side, target)`; on Windows retried for about a second on winerror 5/32.
    On failure the OSError names `target` (see `name_target`). The folder is synced after
    the rename (`sync_folder`), so a power cut cannot take the new name back."""
    for delay in (*RETRY_DELAYS, None):
        try:
            os.replace(side, target)
            sync_folder(Path(target).parent)
            return
        except OSError as exc:
            if delay is None or not _scanner_may_hold(exc):
                name_target(exc, side, target)
                raise
        _sleep(delay)


def sync_folder(folder: Path | str) -> None:
    """Make a rename in `folder` durable: after a power cut or system crash the file is under
    its new name, not its old one (nor gone). POSIX only: Windows cannot open a folder for
    this (NTFS journals its renames); a file system that refuses it (some USB sticks) is
    left as it is, the rename itself has happened."""
    if os.name != "posix":
        return
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def _scanner_may_hold(exc: OSError) -> bool:
    return sys.platform == "win32" and getattr(exc, "winerror", None) in _SCANNER_WINERRORS


def name_target(exc: BaseException, side: Path | str, target: Path | str) -> BaseException:
    """Make an OSError about the side file (or about no file) name `target` instead, in place,
    so that every message shows the file the user chose; other errors are left as they are
    (a photo that could not be read is named as itself). Returns `exc`."""
    if isinstance(exc, OSError) and (exc.filename is None or str(exc.filename) == str(side)):
        exc.filename, exc.filename2 = os.fspath(target), None
    return exc


def side_file(target: Path, open_it: Callable[[Path], T]) -> tuple[Path, T]:
    """A new hidden side file `.<name>.<random>.part` beside `target`, opened by `open_it`.
    If it cannot be made or opened (a scanner may refuse it) nothing stays, and the error names
    `target`."""
    side: Path | None = None
    try:
        fd, name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".part", dir=target.parent)
        os.close(fd)
        side = Path(name)
        return side, open_it(side)
    except BaseException as exc:
        if side is not None:
            side.unlink(missing_ok=True)
        if isinstance(exc, OSError):  # the random name is nobody's business
            exc.filename, exc.filename2 = os.fspath(target), None
        raise
