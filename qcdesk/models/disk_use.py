"""How much disk the app's folders take and how much is left, for the 备份与恢复 window.

Why: after a year an inspector's backups/ held 700 MB (14 full copies of the database),
received/ kept every package and photos/ every photo, and nothing showed it: the first sign was
a save or import refused on a full disk. The window now says the totals and the free space.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from qcdesk.models.free_space import free_bytes


@dataclass(frozen=True)
class DiskUse:
    """Bytes in each folder (a missing one counts 0) and free on the disk of the first."""

    sizes: dict[str, int]
    free: int | None  # None when the disk cannot be asked


def folder_size(folder: Path) -> int:
    """Bytes of the files under `folder` (links not followed; unreadable entries skipped)."""
    total = 0
    for root, _dirs, files in os.walk(folder, onerror=lambda _e: None):
        for name in files:
            try:
                stat = os.lstat(os.path.join(root, name))
            except OSError:
                continue
            total += stat.st_size
    return total


def disk_use(folders: dict[str, Path]) -> DiskUse:
    """The size of each of `folders` (by key) and the free space where the first one is."""
    sizes = {key: folder_size(Path(path)) for key, path in folders.items()}
    first = next(iter(folders.values()), None)
    try:
        free = free_bytes(Path(first)) if first is not None else None
    except OSError:
        free = None
    return DiskUse(sizes, free)
