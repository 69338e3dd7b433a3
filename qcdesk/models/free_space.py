"""Enough free disk space before a large write, or a refusal up front naming how much and where.

Why: a county importing a 2 GB package with photos onto a nearly full laptop disk failed
half-way: SQLite rolled back, but the unpacked package, the pre-import copy and photo files
had filled the disk meanwhile, and the user read an OS error. Now an import (and a package
export) adds up what it will write in each folder, and refuses before writing anything when
a disk has less free than that plus a margin (SQLite's journal, the rest of the system).
Folders on one disk are added together; a folder not made yet is judged by its parent's disk.
"""

from __future__ import annotations

import os
import shutil
from dataclasses import dataclass
from pathlib import Path

from qcdesk.models.store import StoreError

MARGIN = 64 * 1024 * 1024  # kept free besides the estimate: the journal, the OS, other programs


class NoSpaceError(StoreError):
    """A disk has less free space than a write needs; nothing was written."""

    def __init__(self, message_zh: str, message_en: str, folder: Path, needed: int, free: int):
        super().__init__(message_zh, message_en)
        self.folder, self.needed, self.free = folder, needed, free


@dataclass(frozen=True)
class Need:
    """`size` bytes to be written into `folder` for `what` (zh, en: 解包, unpacking…)."""

    folder: Path
    size: int
    what: tuple[str, str]


def size_text(n: int) -> str:
    """Bytes as a clerk reads them: 1.3 GB, 250.0 MB, 12.5 KB, 300 B.

    The one formatter for sizes a user reads (backup list, photo copies, disk warnings, package
    limits): before, each window had its own and one size read 1536.0 MB in one, 1.5 GB in another.
    """
    for unit, scale in (("GB", 1024**3), ("MB", 1024**2), ("KB", 1024)):
        if n >= scale:
            return f"{n / scale:.1f} {unit}"
    return f"{n} B"


def existing(folder: Path) -> Path:
    """`folder`, or its nearest parent that exists (where a folder yet to be made will be)."""
    folder = Path(folder)
    while not folder.exists() and folder.parent != folder:
        folder = folder.parent
    return folder


def free_bytes(folder: Path) -> int:
    """Free bytes on the disk that holds (or will hold) `folder`."""
    return shutil.disk_usage(existing(folder)).free


def require_space(needs: list[Need], action: tuple[str, str]) -> None:
    """Raise NoSpaceError when a disk has less free space than the `needs` on it plus MARGIN.
    `action` (zh, en) is what is refused and what comes after it, e.g. ("导入数据包 x", "import")."""
    disks: dict[int, list[Need]] = {}
    for need in needs:
        if need.size > 0:
            disks.setdefault(os.stat(existing(need.folder)).st_dev, []).append(need)
    for group in disks.values():
        needed = sum(n.size for n in group) + MARGIN
        free = free_bytes(group[0].folder)
        if free < needed:
            raise _refusal(group, needed, free, action)


def _refusal(group: list[Need], needed: int, free: int, action: tuple[str, str]) -> NoSpaceError:
    folder = existing(group[0].folder).absolute()
    what_zh = "、".join(dict.fromkeys(n.what[0] for n in group))
    what_en = ", ".join(dict.fromkeys(n.what[1] for n in group))
    zh = (f"磁盘空间不足，未能{action[0]}：需要约 {size_text(needed)} 可用空间（{what_zh}，另留余量），"
          f"但 {folder} 所在的磁盘只剩 {size_text(free)}。数据库和文件都未改动。请先清理该磁盘"
          f"（删除不用的文件、清空回收站），腾出至少 {size_text(needed - free)}，然后再试。")
    en = (f"Not enough disk space to {action[1]}: about {size_text(needed)} free is needed ({what_en}, "
          f"plus a margin), but the disk holding {folder} has only {size_text(free)} free. Nothing was "
          f"changed. Free at least {size_text(needed - free)} on that disk (delete files you no "
          "longer need, empty the recycle bin), then try again.")
    return NoSpaceError(zh, en, folder, needed, free)
