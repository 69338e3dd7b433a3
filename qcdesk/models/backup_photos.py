"""The photo files of a copy carried away (`qcdesk backup --out`, 另存副本), and bringing them back
on a restore.

Why: a photo is a file in the data folder's photo folder (`AppPaths.photos_dir`), named by its
SHA-256, not a row; a copy of the database alone held none, and an inspector's own photos were
lost with the laptop. A copy made to carry away therefore writes the photo files its database
names (live and soft-deleted rows: the audit trail still points at them) into one shared folder
`QCDesk照片` beside the copy, laid out as the photo folder (`<sha[:2]>/<sha256>.<ext>`). One
shared folder rather than one per copy: names are content hashes, so a second copy to the same
stick adds only the new photos (a file there with the same name and size is kept) instead of
another 2 GB, and any copy in that folder finds them. Each file is written whole or not at all
(`photo_files.place_photo`) and read back to check its hash. The automatic copies in
`backups/` stay database-only: photos are never deleted from the photo folder.

The database goes first (`copy_with_photos`): the records matter most, so a stick with room for
the database but not for all its photos still carries a restorable copy, and the refusal says
it is written, how many of how many photos are there, and that the copy is incomplete. Saving
again over that copy (--force) copies the missing photos first, so they get the room, then
replaces the database copy; when the new one does not fit, the old one stays as it was.

A restore brings back from the `QCDesk照片` folder beside the backup every photo the restored
database names that is not in this PC's photo folder (checked against its name: a damaged file
on the stick is not taken), and counts those still missing, so the summary can say so.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from qcdesk.models.database_file import open_read_only
from qcdesk.models.free_space import size_text
from qcdesk.models.os_errors import write_error_reasons
from qcdesk.models.photo_files import intact, photo_target, place_photo
from qcdesk.models.store import StoreError

if TYPE_CHECKING:
    from qcdesk.models.backup import Snapshot

PHOTO_FOLDER = "QCDesk照片"
_CHUNK = 1024 * 1024
# every photo row, live or soft-deleted: the audit trail of a deleted one still names its file
_REFERENCED = "SELECT DISTINCT sha256 FROM photo WHERE sha256 != '' ORDER BY sha256"

Report = Callable[[int, int], object]  # (files done, files in all); may raise to stop


@dataclass
class PhotoCopy:
    """What copying (or bringing back) the photo files of one database did."""

    folder: Path  # the QCDesk照片 folder
    copied: int = 0  # files written
    copied_bytes: int = 0
    present: int = 0  # already there (same name and size), left as they were
    missing: list[str] = field(default_factory=list)  # sha256: not in the source folder
    damaged: list[str] = field(default_factory=list)  # sha256: there, but not what the name says
    folder_found: bool = True  # restore: a QCDesk照片 folder sat beside the backup

    def backup_text(self, lang: str = "zh") -> str:
        """The line after a copy: files and bytes copied, already there, missing on this PC."""
        size = size_text(self.copied_bytes)
        if lang.startswith("en"):
            text = (f"photo files: {self.copied} copied ({size}), {self.present} already there, "
                    f"into {self.folder}")
            if self.missing or self.damaged:
                text += (f"; {len(self.missing) + len(self.damaged)} not on this PC or damaged here "
                         "(not copied; `qcdesk audit verify` lists them)")
            return text
        text = f"照片文件：已复制 {self.copied} 个（{size}），{self.present} 个已在，保存在 {self.folder}"
        if self.missing or self.damaged:
            text += (f"；{len(self.missing) + len(self.damaged)} 个照片文件本机缺失或已损坏，未能复制"
                     "（qcdesk audit verify 可列出）")
        return text

    def restore_text(self, lang: str = "zh") -> str:
        """The restore's summary of the photos: brought back, damaged on the stick, still missing
        (and where they may be); empty when nothing was missing."""
        absent = len(self.missing) + len(self.damaged)
        en = lang.startswith("en")
        parts = []
        if self.copied:
            parts.append(f"{self.copied} photo file(s) brought back from {self.folder}" if en
                         else f"已从 {self.folder} 取回 {self.copied} 个照片文件")
        if self.damaged:
            parts.append(f"{len(self.damaged)} photo file(s) there are damaged and were not taken" if en
                         else f"其中 {len(self.damaged)} 个照片文件已损坏，未取回")
        if absent:
            parts.append(
                f"{absent} photo file(s) the database names are not on this PC: they may be in the "
                f"{PHOTO_FOLDER} folder saved with a copy (put it beside the backup and restore again), "
                "or on the computer the database came from; photos received in a package come back "
                "when that package is imported again" if en else
                f"数据库中有 {absent} 张照片的文件不在本机：可能在随副本保存的“{PHOTO_FOLDER}”文件夹中"
                "（把它放在备份文件旁边后再恢复一次），或在原来那台电脑上；随数据包收到的照片，"
                "再次导入该数据包即可补齐")
        return ("; " if en else "；").join(parts)


def photos_folder(copy: Path) -> Path:
    """The shared photo folder beside a copy (or a backup about to be restored)."""
    return Path(copy).parent / PHOTO_FOLDER


def referenced_photos(db_path: Path) -> list[str]:
    """The SHA-256 of every photo the database names (deleted rows too), read only."""
    conn = open_read_only(Path(db_path))
    try:
        return [r[0] for r in conn.execute(_REFERENCED)]
    except sqlite3.OperationalError as exc:  # no photo table: not a QCDesk database of ours
        if "no such table" in str(exc):
            return []
        raise
    finally:
        conn.close()


def find_photo(folder: Path, sha256: str) -> Path | None:
    """The file `<sha[:2]>/<sha256>.<ext>` in a photo folder (side files start with a dot)."""
    try:
        found = sorted((Path(folder) / sha256[:2]).glob(f"{sha256}.*"))
    except OSError:
        return None
    return next((p for p in found if p.is_file()), None)


class PhotosIncomplete(StoreError):
    """The photo files of a copy could not all be written (a full stick): the message says
    whether the database copy is written, how many of how many photos are there, and that the
    copy is incomplete."""


Again = tuple[str, str]  # how to finish (zh, en): the CLI says "the same command with --force"
SAVE_AGAIN: Again = ("再保存一次", "save the copy again")


def copy_with_photos(db: Path, out: Path, photos_dir: Path, report: Report | None = None,
                     again: Again = SAVE_AGAIN, *, replacing: Callable[[], object] | None = None,
                     ) -> tuple[Snapshot, PhotoCopy | None]:
    """A copy to carry away. A new one: the database to `out` first (`backup.copy_database`,
    a .part renamed), then the photo files it names into `photos_folder(out)`. Over an older
    copy: the photos `db` names first (the missing ones get the room), then the database, then
    those added meanwhile; a new database copy that does not fit leaves the old one as it was.
    PhotosIncomplete when the photos do not all fit; `report` may raise to stop, and so may
    `replacing`, called right before the database copy takes `out`'s name (a Cancel there
    leaves `out` as it was: an older copy, or nothing). No PhotoCopy for a damaged database
    whose photos were not copied: its photo list cannot be trusted."""
    from qcdesk.models.backup import copy_database

    out = Path(out)
    folder = photos_folder(out)
    if not out.exists():
        snapshot = copy_database(db, out, replacing)
        if snapshot.damaged:
            return snapshot, None
        shas = referenced_photos(snapshot.path)
        return snapshot, _copy(shas, folder, photos_dir, report, out, "written", again)
    try:
        first: list[str] | None = referenced_photos(db)
    except (sqlite3.DatabaseError, StoreError):  # unreadable: copy_database says why
        first = None
    before = None if first is None else _copy(first, folder, photos_dir, report, out, "old", again)
    try:
        snapshot = copy_database(db, out, replacing)
    except StoreError as exc:
        if before is None:
            raise
        raise _old_kept(out, before, exc, again) from exc
    if snapshot.damaged:
        return snapshot, before
    after = copy_photos(snapshot.path, photos_dir, again=again)  # few or none left
    if before is not None:  # what this run wrote, not "already there" for the second pass
        after.copied += before.copied
        after.copied_bytes += before.copied_bytes
        after.present -= before.copied
    return snapshot, after


def copy_photos(db_copy: Path, photos_dir: Path, report: Report | None = None,
                again: Again = SAVE_AGAIN) -> PhotoCopy:
    """Copy the photo files `db_copy` names from `photos_dir` into `photos_folder(db_copy)`:
    a file there with the same name and size is kept; each one written is read back and checked
    against its name. PhotosIncomplete (nothing half written left) when one cannot be written."""
    return _copy(referenced_photos(db_copy), photos_folder(db_copy), photos_dir, report, db_copy,
                 "written", again)


def _copy(shas: list[str], folder: Path, photos_dir: Path, report: Report | None, copy: Path,
          state: str, again: Again) -> PhotoCopy:
    """The photo files `shas` into `folder`; `copy` is the database copy they go with, "written"
    now or the "old" one not yet replaced (for the refusal's words)."""
    result = PhotoCopy(folder)
    for done, sha in enumerate(shas):
        if report is not None:
            report(done, len(shas))
        source = find_photo(photos_dir, sha)
        if source is None:
            result.missing.append(sha)
            continue
        target = photo_target(result.folder, source.name)
        size = source.stat().st_size
        try:
            if target.is_file() and target.stat().st_size == size:
                result.present += 1
                continue
            if not _place(target, sha, source):
                result.damaged.append(sha)  # this PC's file is not what its name says
                continue
            if not intact(target, sha):  # read back from the stick: what it holds, not what was sent
                target.unlink(missing_ok=True)
                raise OSError(f"{target} differs from what was written")
        except OSError as exc:
            raise _incomplete(result, len(shas), copy, exc, state, again) from exc
        result.copied += 1
        result.copied_bytes += size
    if report is not None:
        report(len(shas), len(shas))
    return result


def restore_photos(backup: Path, db_path: Path, photos_dir: Path,
                   report: Report | None = None) -> PhotoCopy:
    """Bring back into `photos_dir`, from the QCDesk照片 folder beside `backup`, each photo the
    (restored) database `db_path` names that is not there; one whose content is not what its
    name says is not taken. `missing` lists those still not on this PC."""
    result = PhotoCopy(photos_folder(backup))
    result.folder_found = result.folder.is_dir()
    absent = [sha for sha in referenced_photos(db_path) if find_photo(photos_dir, sha) is None]
    for done, sha in enumerate(absent):
        if report is not None:
            report(done, len(absent))
        source = find_photo(result.folder, sha) if result.folder_found else None
        if source is None:
            result.missing.append(sha)
            continue
        try:
            if not _place(photo_target(photos_dir, source.name), sha, source):
                result.damaged.append(sha)
                continue
        except OSError as exc:
            raise _cannot_write(Path(photos_dir), exc) from exc
        result.copied += 1
        result.copied_bytes += source.stat().st_size
    if report is not None:
        report(len(absent), len(absent))
    return result


def _place(target: Path, sha: str, source: Path) -> bool:
    """Write `source` to `target` whole; False when its content is not what `sha` says."""
    try:
        place_photo(target, sha, _chunks(source))
    except ValueError:
        return False
    return True


def _chunks(path: Path) -> Iterator[bytes]:
    with open(path, "rb") as fh:
        while chunk := fh.read(_CHUNK):
            yield chunk


def _cannot_write(folder: Path, exc: OSError) -> StoreError:
    zh, en = write_error_reasons(exc)
    return StoreError(f"无法复制照片文件到 {folder}：{zh}。已复制的照片完好，"
                      "请腾出空间或换一个位置后再试一次",
                      f"Cannot copy the photo files to {folder}: {en}. The photos copied so far are "
                      "whole; free some space or choose another place and try again")


def _incomplete(result: PhotoCopy, total: int, copy: Path, exc: OSError, state: str,
                again: Again) -> PhotosIncomplete:
    """A photo file could not be written (a full stick): whether the database copy is there,
    N of M photo files there, the copy incomplete, and what to do."""
    zh, en = write_error_reasons(exc)
    there = result.copied + result.present
    left = total - there - len(result.missing) - len(result.damaged)
    if state == "written":
        db_zh, db_en = f"数据库副本 {copy} 已写入", f"the database copy {copy} is written"
    else:
        db_zh = f"数据库副本 {copy} 仍是上次保存的，未更新"
        db_en = f"the database copy {copy} is still the one saved before, not updated"
    return PhotosIncomplete(
        f"无法复制照片文件到 {result.folder}：{zh}。{db_zh}；照片 {total} 个中已复制 {there} 个，"
        f"还有 {left} 个未复制，这份副本不完整；腾出空间或换更大的位置后{again[0]}"
        "（已复制的照片不再重复复制）",
        f"Cannot copy the photo files to {result.folder}: {en}. {db_en}; {there} of {total} "
        f"photo files are there, {left} not copied: this copy is incomplete. Free some space or "
        f"choose a bigger place and {again[1]} (the photos already there are not copied again)")


def _old_kept(copy: Path, photos: PhotoCopy, exc: StoreError, again: Again) -> PhotosIncomplete:
    """The photos are there but the new database copy does not fit: the old copy is untouched."""
    return PhotosIncomplete(
        f"{exc.message_zh}。原有的数据库副本 {copy} 未改动（仍是上次保存的，完好）；"
        f"{photos.backup_text()}；腾出空间或换更大的位置后{again[0]}",
        f"{exc.message_en}. The old database copy {copy} is untouched (the one saved before, "
        f"whole); {photos.backup_text('en')}; free some space or choose a bigger place and "
        f"{again[1]}")
