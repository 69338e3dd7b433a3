"""The disk space a package import writes, folder by folder, checked before it writes anything.

Why: an import unpacks the package beside the database, copies the database before merging
(the way back), keeps the package in received/, grows the database and puts the photo files
into the photo folder. A 2 GB package on a nearly full disk failed half-way with an OS error;
now it is refused up front (`free_space.require_space`) saying how much is needed and free.
Sizes come from the package's central directory, read with the receiver's own limits (what
will be unpacked); a package that cannot be read so is left to `open_package` to refuse.
"""

from __future__ import annotations

import zipfile
from pathlib import Path

from qcdesk.exchange.package_rules import DATA, PackageLimits, PackageRejected, check_entries
from qcdesk.exchange.photo_placing import PHOTO_PREFIX
from qcdesk.exchange.received_copy import RECEIVED_DIR
from qcdesk.models.free_space import Need, require_space
from qcdesk.models.photo_files import photo_target
from qcdesk.models.snapshots import default_folder
from qcdesk.models.store import Store

DB_GROWTH = 2  # the database grows by at most this many times data.xlsx unpacked (rows, indexes,
# search text, audit), its journal included


def _file_size(path: Path) -> int:
    try:
        return path.stat().st_size
    except OSError:
        return 0


def import_needs(store: Store, package: Path, home: Path | None, photos_dir: Path | None, *,
                 dry_run: bool) -> list[Need]:
    """What importing `package` writes where: none when its entries cannot be read."""
    try:
        with zipfile.ZipFile(package) as zf:
            infos = check_entries(zf.infolist(), PackageLimits())
    except (OSError, zipfile.BadZipFile, PackageRejected, ValueError):
        return []
    unpacked = sum(i.file_size for i in infos.values())
    needs = [Need(home, unpacked, ("解包", "unpacking"))] if home is not None else []
    if dry_run or not store.path:
        return needs
    db = Path(store.path)
    copy = _file_size(db) + _file_size(db.with_name(db.name + "-wal"))
    data = infos[DATA].file_size if DATA in infos else 0
    needs += [Need(default_folder(store) or db.parent, copy, ("导入前备份", "the copy before import")),
              Need(db.parent / RECEIVED_DIR, _file_size(package), ("留存数据包", "the kept package")),
              Need(db.parent, DB_GROWTH * data, ("数据库增长", "database growth"))]
    if photos_dir is not None:
        photos = sum(info.file_size for name, info in infos.items() if name.startswith(PHOTO_PREFIX)
                     and not photo_target(photos_dir, name[len(PHOTO_PREFIX):]).is_file())
        needs.append(Need(photos_dir, photos, ("照片文件", "photo files")))
    return needs


def check_import_space(store: Store, package: Path, home: Path | None, photos_dir: Path | None, *,
                       dry_run: bool) -> None:
    """Refuse (NoSpaceError) an import whose writes do not fit on a disk, before any is made."""
    require_space(import_needs(store, package, home, photos_dir, dry_run=dry_run),
                  (f"导入数据包 {Path(package).name}", f"import the package {Path(package).name}"))
