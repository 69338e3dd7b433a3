"""Is the disk that holds the database running low? Said before a save, copy or import fails.

Why: after a year the data folder held gigabytes (backups, received packages, photos) and the
first sign of a full disk was a refused save or import. The window now warns while the free
space on the database's disk is below `threshold`: the larger of `FLOOR` and `DB_TIMES` x the
database (with its -wal).

Why these numbers: the next daily copy needs the database's size again, an import another copy
plus the unpacked package, the kept package and its photos, and SQLite's -wal up to 64 MB:
three database sizes is what one ordinary day of copies and imports can take. `FLOOR` (1 GB)
covers a small database receiving a week's package with phone photos (2-5 MB each, a few
hundred MB) and stays above the 200 MB where Windows starts its own warnings, so QCDesk speaks
first, while there is still room to archive packages and move files.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from qcdesk.models.free_space import free_bytes, size_text
from qcdesk.models.messages import own_message

FLOOR = 1024**3  # 1 GB: a week's package with photos, its copies, and room to act
DB_TIMES = 3  # the next daily copy, an import's copy and the import's own growth

_TEXT = (
    "数据所在的磁盘（{folder}）只剩 {free}，低于 {threshold}（数据库 {db_size} 的 3 倍，至少 1 GB）："
    "再做备份、导入数据包或保存时可能因磁盘已满而失败。请尽快腾出空间：删除该磁盘上不需要的文件，"
    "把较早收到的数据包归档到 U 盘（“信任的公钥”▸“收到的数据包…”▸“归档较早的数据包…”，"
    "或 qcdesk received archive --to <U 盘上的文件夹>），"
    "或把数据文件夹移到空间更大的磁盘（“文件 ▸ 备份与恢复”列出各文件夹占用的空间）。",
    "The disk holding the data ({folder}) has only {free} free, less than {threshold} (3 times "
    "the database's {db_size}, at least 1 GB): the next backup, package import or save may fail "
    "on a full disk. Make room soon: delete files not needed on that disk, archive older received "
    "packages to a USB stick (Trusted keys ▸ Received packages… ▸ Archive older packages…, or "
    "qcdesk received archive --to <folder on the stick>), or move the "
    "data folder to a larger disk (File ▸ Backup and restore shows what each folder takes).",
)


@dataclass(frozen=True)
class LowDisk:
    """The free space found below the threshold on the disk of `folder`."""

    folder: Path
    free: int
    threshold: int
    db_size: int

    def text(self, lang: str = "zh") -> str:
        return own_message(_TEXT, lang, {
            "folder": self.folder, "free": size_text(self.free),
            "threshold": size_text(self.threshold), "db_size": size_text(self.db_size)})


def database_size(db_path: Path) -> int:
    """Bytes of the database and its -wal (a copy takes both)."""
    total = 0
    for path in (Path(db_path), Path(f"{db_path}-wal")):
        try:
            total += os.stat(path).st_size
        except OSError:
            continue
    return total


def threshold(db_size: int) -> int:
    return max(FLOOR, DB_TIMES * db_size)


def low_disk(db_path: Path | str | None) -> LowDisk | None:
    """A LowDisk when the database's disk has less free than `threshold`; None when there is
    room, no file database, or the disk cannot be asked (nothing to say then)."""
    if db_path is None or str(db_path) == ":memory:":
        return None
    folder = Path(db_path).absolute().parent
    size = database_size(Path(db_path))
    try:
        free = free_bytes(folder)
    except OSError:
        return None
    limit = threshold(size)
    return LowDisk(folder, free, limit, size) if free < limit else None
