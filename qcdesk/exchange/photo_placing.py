"""The photo files of an imported package, put into the photo folder, and completed later when
an import was killed while putting them there.

Why: the photos are copied after the import's commit. An import killed then (battery, kill -9)
held every 照片 row but only some files, and running the package again was refused as already
imported, so the rest never arrived. Each file is now placed whole or not at all
(`models.photo_files.place_photo`), and importing the same package again completes the files
that are missing or damaged from the package itself: a photo's name is the SHA-256 of its
content, so a file is taken only when its content hashes to its name. A dry run of it counts
them (`count_refused`) and says that importing again puts them back.
"""

from __future__ import annotations

import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from qcdesk.exchange.package_rules import (
    PackageLimits,
    PackageRejected,
    check_entries,
    member_chunks,
)
from qcdesk.models.photo_files import clear_side_files, intact, photo_target, place_photo

_CHUNK = 1024 * 1024
PHOTO_PREFIX = "photos/"


def _file_chunks(path: Path) -> Iterator[bytes]:
    with open(path, "rb") as fh:
        while chunk := fh.read(_CHUNK):
            yield chunk


def place_members(verified: Any, photos_dir: Path) -> int:
    """Put a verified package's photo members into `photos_dir` (each checked against its
    name); a file already there stays only when intact. Returns how many were written.
    The side files of photo writes killed earlier go first (`clear_side_files`)."""
    clear_side_files(photos_dir)
    written = 0
    for name in verified.member_names:
        if name.startswith(PHOTO_PREFIX):
            leaf = name[len(PHOTO_PREFIX):]
            written += place_photo(photo_target(photos_dir, leaf), leaf.split(".", 1)[0],
                                   _file_chunks(verified.member_path(name)))
    return written


def _photo_members(zf: zipfile.ZipFile) -> Iterator[tuple[str, zipfile.ZipInfo]]:
    """(file name, entry) of each photo member, within the limits of an import (raises
    PackageRejected past them): one reading for what is missing and for completing it."""
    for name, info in sorted(check_entries(zf.infolist(), PackageLimits()).items()):
        leaf = name[len(PHOTO_PREFIX):]
        if name.startswith(PHOTO_PREFIX) and "/" not in leaf:
            yield leaf, info


def missing_here(package: Path, photos_dir: Path) -> int:
    """How many photos of a package imported before are missing or damaged in `photos_dir`:
    what importing it again would put back (`complete_from_package`). Why: the window's check
    must say so and offer the import, not "nothing to do". 0 when the package cannot be read."""
    try:
        with zipfile.ZipFile(package) as zf:
            return sum(1 for leaf, _ in _photo_members(zf)
                       if not intact(photo_target(photos_dir, leaf), leaf.split(".", 1)[0]))
    except (OSError, zipfile.BadZipFile, PackageRejected):
        return 0


def complete_from_package(package: Path, photos_dir: Path) -> int:
    """Photos of a package imported before that are missing or damaged in `photos_dir`, put
    there from the package (the same limits as an import; a member whose content does not
    match its name, or that cannot be read, is skipped). Returns how many were written.
    The side files the killed import left go first (`clear_side_files`)."""
    clear_side_files(photos_dir)
    written = 0
    try:
        with zipfile.ZipFile(package) as zf:
            for leaf, info in _photo_members(zf):
                try:
                    written += place_photo(photo_target(photos_dir, leaf), leaf.split(".", 1)[0],
                                           member_chunks(zf, info, _CHUNK))
                except ValueError:  # not the content its name promises: never placed
                    continue
    except (zipfile.BadZipFile, PackageRejected):  # changed since it was judged: take no more
        pass
    return written


def complete_refused(refusal: PackageRejected, package: Path, photos_dir: Path) -> int:
    """A package imported before: complete its photos (`complete_from_package`) and, when any
    were written, say what happened: its records are already in the database (not changed; the
    exit code stays) and N photo files missing here (an import killed while copying them, or a
    database restored on another PC) were put back. Why worded so: the line said 拒绝导入 and
    blamed an interrupted import when it had just restored the photos after a restore.
    Returns how many."""
    n = complete_from_package(package, photos_dir)
    if n:
        refusal.reason_zh = (refusal.reason_zh.replace("，无需再导入", "，其记录都已在数据库中")
                             + f"；本机照片文件夹缺少它的 {n} 张照片（导入曾被中断，或数据库是从备份"
                             "恢复的），照片现已补齐")
        refusal.reason_en = (refusal.reason_en.replace("; nothing to do",
                                                       "; its records are already in the database")
                             + f"; {n} of its photo file(s) were missing from this computer's photo "
                             "folder (an import was interrupted, or the database was restored from a "
                             "backup) and are now back in place")
        refusal.args = (refusal.reason_en,)
    refusal.photos_completed = n  # type: ignore[attr-defined]
    return n


def count_refused(refusal: PackageRejected, package: Path, photos_dir: Path) -> int:
    """A package imported before, on a dry run: count its photos missing here (`missing_here`)
    and, when any are, say so instead of "nothing to do": its records are in the database, and
    importing it again puts them back. Why: an office that checks first was told all was well
    and never ran the import that brings them back. Places and changes nothing. Returns N."""
    n = missing_here(package, photos_dir)
    if n:
        refusal.reason_zh = (refusal.reason_zh.replace("，无需再导入", "，其记录都已在数据库中")
                             + f"；本机照片文件夹缺少它的 {n} 张照片，再次导入该数据包即可补齐")
        refusal.reason_en = (refusal.reason_en.replace("; nothing to do",
                                                       "; its records are already in the database")
                             + f"; {n} of its photo file(s) are missing from this computer's photo "
                             "folder: importing the package again puts them back")
        refusal.args = (refusal.reason_en,)
    refusal.photos_missing_here = n  # type: ignore[attr-defined]
    return n


def refused_again(refusal: PackageRejected, package: Path, photos_dir: Path, *, dry_run: bool) -> int:
    """A package imported before: its missing photos counted (a dry run) or put back."""
    return (count_refused if dry_run else complete_refused)(refusal, package, photos_dir)
