"""Which photo files go into a package: as many whole files as the receiver accepts.

A package made with photo files carries every file its signer never sent
(`exchange_store.unsent_photo_hashes`), so an office that upgraded carries its whole photo
archive in its first such package. Past the package format's limits (`PackageLimits`: 2 GiB
per package, 8 GiB unpacked, 100,000 files) the receiver refuses the package whole, and
every later package with photo files would carry the same archive and be refused again.
So the files are taken in order (the package's own 照片 rows first, then the oldest) while
they fit, with room kept for everything else in the package; a file left out is not
recorded as sent, and the next package with photo files takes it. `check_built` then reads
the finished package with the receiver's own checks: an export never writes one it refuses.
"""

from __future__ import annotations

import json
import zipfile
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from qcdesk.exchange.package_rules import (
    MANIFEST,
    MANIFEST_SIG,
    PHOTO_EXTENSIONS,
    PackageLimits,
    check_central_directory,
    check_entries,
    reject,
)
from qcdesk.models import exchange_store as xs
from qcdesk.models.free_space import Need, require_space, size_text
from qcdesk.models.photo_check import photo_described
from qcdesk.models.photo_formats import JPEG, PNG, other_image_format, taken_media_type
from qcdesk.models.store import Store, StoreError

# Upper bounds of what a package holds besides the photo files (package.build_package):
_FIXED_MEMBERS = 4  # data.xlsx, its signature, manifest.json, its signature
_SIGNATURE_BYTES = 2048  # a minisign signature with its trusted comment (about 500 bytes)
_MANIFEST_KEYS_BYTES = 4096  # the manifest's own keys: names, hashes, dates, data.xlsx's entry
_ZIP_ENTRY_BYTES = 30 + 46 + 28 + 20  # local + central header, zip64 extras (names apart)
_ZIP_END_BYTES = 22 + 56 + 20  # end of central directory, zip64 record and locator
_PHOTO_MANIFEST_BYTES = 160  # one member's JSON in the manifest, its name apart


@dataclass
class PhotoPick:
    """The photo files a package carries, and how many it left for the next one."""

    members: dict[str, Path] = field(default_factory=dict)  # member name -> file
    sent: list[str] = field(default_factory=list)  # SHA-256 of the files carried
    left: int = 0  # files never sent that this database has, left out to stay within limits


def send_order(store: Store, signer: str, *, picked: bool) -> list[tuple[str, bool]]:
    """The files a package with photo files carries, as (sha256, sent before), in the order
    they go when not all fit: those of its own 照片 rows (`package_photo_hashes`) first, then
    every file never sent (`unsent_photo_hashes`), each group the oldest first."""
    own = set(xs.package_photo_hashes(store, picked=picked))
    ages = xs.photo_ages(store, signer)
    wanted = own.union(sha for sha, (_, sent) in ages.items() if not sent)  # = unsent_photo_hashes
    ranked = sorted(wanted, key=lambda sha: (sha not in own, ages.get(sha, (len(ages),))[0], sha))
    return [(sha, sha in ages and ages[sha][1]) for sha in ranked]


class PhotoNotCarried(ValueError):
    """A stored photo file whose content is no picture type a package may carry; `sha` and
    `kind` (the picture format found, "" for none) let the export name the photo to the user."""

    def __init__(self, path: Path, kind: str):
        super().__init__(f"not a photo type a package may carry: {path.name}")
        self.sha, self.kind = path.name.split(".", 1)[0], kind


# picture formats `photo_formats` tells by their bytes -> the member's extension
_CONTENT_EXTENSIONS = {JPEG: "jpg", PNG: "png", "WebP": "webp", "HEIC": "heic", "HEIF": "heif",
                       "GIF": "gif", "BMP": "bmp", "TIFF": "tif"}


def photo_member_extension(path: Path) -> str:
    """The extension of a photo's member: its own when a package may carry it, else that of the
    picture type its bytes hold. Why: builds before be7f801 stored a JPEG added from a .jfif (or
    .jpe) file as ``<sha256>.jfif``, and every export with photo files failed. The stored file
    keeps its name (every reader finds it by its SHA-256: `inspections.photo_path`,
    `export.photo_finder`); only its member is ``.jpg``, which the receiver places as such.
    Raises PhotoNotCarried when the content is no such picture either."""
    ext = path.suffix.lower().lstrip(".")
    if ext in PHOTO_EXTENSIONS:
        return ext
    with open(path, "rb") as fh:
        head = fh.read(4096)
    kind = taken_media_type(head) or other_image_format(head) or ""
    if kind not in _CONTENT_EXTENSIONS:
        raise PhotoNotCarried(path, kind)
    return _CONTENT_EXTENSIONS[kind]


def not_carried_error(store: Store, exc: PhotoNotCarried) -> StoreError:
    """The export's refusal for a photo no package can carry, naming the photo as the user
    knows it (enterprise, visit date, finding, the file name it was added from) and what to do,
    not a SHA-256."""
    zh, en = photo_described(store, exc.sha)
    what_zh = f"是 {exc.kind} 图片" if exc.kind else "不是能识别的图片"
    what_en = f"is a {exc.kind} picture" if exc.kind else "is no picture QCDesk recognises"
    return StoreError(
        f"无法导出：{zh} {what_zh}，数据包不能携带。请在该检查记录中删除这张照片，转成 JPEG 或 PNG "
        "后重新添加；或导出时不勾选“包含照片文件”（命令行去掉 --attachments）",
        f"Cannot export: {en} {what_en}, which a package cannot carry. Remove the photo from the "
        "finding and add it again as a JPEG or PNG, or export without “Include photo files” "
        "(without --attachments on the command line)")


def _deflated_bound(size: int) -> int:
    """zlib's compressBound: what deflating `size` bytes can grow to (data.xlsx, manifest)."""
    return size + (size >> 12) + (size >> 14) + (size >> 25) + 13


def pick_photos(candidates: Sequence[tuple[str, bool]], find: Callable[[str], Path | None], *,
                data_size: int, manifest_fields: dict[str, Any],
                limits: PackageLimits) -> PhotoPick:
    """Take `candidates` ((sha256, sent before) in the order they should go) while they fit
    with `data_size` bytes of data.xlsx and the manifest. A file that does not fit is skipped,
    not a stop: a smaller one after it may still fit; the next package takes the skipped ones
    first. Files this database does not have are not ours to send and not counted."""
    from qcdesk.exchange.package_build import photo_member_name

    manifest = (len(json.dumps(manifest_fields, ensure_ascii=False, indent=2).encode("utf-8"))
                + _MANIFEST_KEYS_BYTES)
    fixed = (_deflated_bound(data_size) + _deflated_bound(manifest) + 2 * _SIGNATURE_BYTES
             + _FIXED_MEMBERS * (_ZIP_ENTRY_BYTES + len(MANIFEST_SIG) * 2) + _ZIP_END_BYTES)
    room = {"package": limits.max_package_bytes - fixed,
            "unpacked": limits.max_uncompressed_bytes - fixed,
            "manifest": limits.max_manifest_bytes - manifest,
            "members": limits.max_members - _FIXED_MEMBERS}
    pick = PhotoPick()
    for sha, sent_before in candidates:
        src = find(sha)
        if src is None or not src.exists():
            continue
        name_len = len(f"photos/{sha}.{photo_member_extension(src)}".encode())
        entry = _PHOTO_MANIFEST_BYTES + name_len
        size = src.stat().st_size
        cost = {"package": size + _ZIP_ENTRY_BYTES + 2 * name_len + _deflated_bound(entry),
                "unpacked": size + entry, "manifest": entry, "members": 1}
        if any(cost[k] > room[k] for k in room):
            pick.left += not sent_before  # one sent before is at the receiver already
            continue
        for k in room:
            room[k] -= cost[k]
        pick.members[photo_member_name(src)] = src
        pick.sent.append(sha)
    return pick


def check_space(out_dir: Path, data: Path, pick: PhotoPick) -> None:
    """Refuse (NoSpaceError) a package whose data and photo files do not fit on the output
    folder's disk, before it is written: a USB stick filled half-way said only an OS error."""
    size = data.stat().st_size + sum(p.stat().st_size for p in pick.members.values())
    require_space([Need(out_dir, size, ("数据包", "the package"))],
                  ("导出数据包", f"export the package into {out_dir}"))


def check_built(path: Path, limits: PackageLimits) -> None:
    """Refuse a written package as its receiver would, before the export records it: every
    size and count check `open_package` makes before it reads a member. Raises PackageRejected."""
    size = path.stat().st_size
    if size > limits.max_package_bytes:
        raise reject("package_too_large", size=size, limit=limits.max_package_bytes)
    with open(path, "rb") as fh:
        check_central_directory(fh, size, limits)
        fh.seek(0)
        with zipfile.ZipFile(fh) as zf:
            infos = check_entries(zf.infolist(), limits)
    if infos[MANIFEST].file_size > limits.max_manifest_bytes:
        raise reject("member_too_large", name=MANIFEST)
    for name, info in infos.items():
        if name.endswith(".minisig") and info.file_size > limits.max_signature_bytes:
            raise reject("member_too_large", name=name)


def limit_text(limits: PackageLimits, lang: str = "zh") -> str:
    """The limits a package keeps to, as a clerk reads them: 2.0 GB、100000 个文件."""
    shown = size_text(limits.max_package_bytes)
    if lang.startswith("en"):
        return f"{shown}, {limits.max_members} files"
    return f"{shown}、{limits.max_members} 个文件"
