"""Putting a photo file into the photo folder under its content-addressed name `<sha256>.<ext>`.

Why one way for all: the name promises the content. An import killed while copying a photo
left it half written under that name, and every later writer trusted the name (`exists()`),
so the photo stayed grey for good. Here a photo is written to a hidden side file, flushed to
disk, checked against its name and only then renamed into place; a file already there is kept
only when its content matches its name, and replaced otherwise. A write killed half-way leaves
its side file; `clear_side_files` removes those once no process can still be writing them.
"""

from __future__ import annotations

import hashlib
import os
import re
import time
from collections.abc import Iterable
from pathlib import Path
from typing import BinaryIO

from qcdesk.models.file_replace import replace_into_place, side_file

_CHUNK = 1024 * 1024
# `file_replace.side_file` of `<sha256>.<ext>`: `.<sha256>.<ext>.<random>.part`
_SIDE_NAME = re.compile(r"\.([0-9a-f]{64})\.[^.]+\.[a-z0-9_]+\.part")
# a side file unwritten this long is no write going on: each chunk written touches it
SIDE_FILE_STALE_SECONDS = 3600


def photo_target(photos_dir: Path, name: str) -> Path:
    """`photos_dir/<sha[:2]>/<name>` for a file named `<sha256>.<ext>`."""
    return Path(photos_dir) / name[:2] / name


def file_digest(path: Path) -> str | None:
    """SHA-256 of a file, or None when it cannot be read."""
    h = hashlib.sha256()
    try:
        with open(path, "rb") as fh:
            while chunk := fh.read(_CHUNK):
                h.update(chunk)
    except OSError:
        return None
    return h.hexdigest()


def intact(path: Path, sha256: str) -> bool:
    """The file is there and its content is what its name says."""
    return path.is_file() and file_digest(path) == sha256


def photo_fault(path: Path, sha256: str) -> str | None:
    """None when the file is intact, else "missing" or "damaged" (not the content its name
    promises): one check for the findings tab and `audit verify` (each reads the file once)."""
    if intact(path, sha256):
        return None
    return "damaged" if path.is_file() else "missing"


def clear_side_files(photos_dir: Path, now: float | None = None,
                     shards: Iterable[str] | None = None) -> list[Path]:
    """Remove the side files photo writes killed half-way left in `photos_dir` (returned), in
    every `<sha[:2]>` folder or only in `shards`. Why by age, not by an instance lock: the photo
    folder is shared by every database of the data folder (the demo's, a `--db` elsewhere), so
    no one database's lock says that nobody writes into it; a live write touches its side file
    with every chunk, one left alone for an hour is no write going on. Nothing else is touched."""
    now = time.time() if now is None else now
    removed: list[Path] = []
    names = [f.name for f in _entries(Path(photos_dir))] if shards is None else list(shards)
    for shard in names:
        for entry in _entries(Path(photos_dir) / shard):
            found = _SIDE_NAME.fullmatch(entry.name)
            try:
                if (found is None or found.group(1)[:2] != shard
                        or not entry.is_file(follow_symlinks=False)
                        or now - entry.stat(follow_symlinks=False).st_mtime <= SIDE_FILE_STALE_SECONDS):
                    continue
                os.unlink(entry.path)
            except OSError:  # gone meanwhile, or not ours to remove: left as it is
                continue
            removed.append(Path(entry.path))
    return removed


def _entries(folder: Path) -> list[os.DirEntry[str]]:
    """The entries of `folder`, none when it is not there or cannot be read."""
    try:
        with os.scandir(folder) as it:
            return list(it)
    except OSError:
        return []


def place_photo(target: Path, sha256: str, chunks: Iterable[bytes] | bytes) -> bool:
    """Write `chunks` to `target` (whose name holds `sha256`) unless an intact copy is there.
    True when a file was written. Raises OSError (naming `target`) when it cannot be written,
    and ValueError when the content is not the one its name promises (nothing is left then)."""
    if intact(target, sha256):
        return False
    target.parent.mkdir(parents=True, exist_ok=True)
    side, fh = side_file(target, lambda p: open(p, "wb"))  # noqa: SIM115 (closed below)
    try:
        digest = _write(fh, [chunks] if isinstance(chunks, bytes) else chunks)
        if digest != sha256:
            raise ValueError(f"photo content does not match its name {target.name}")
        replace_into_place(side, target)
    except BaseException:
        fh.close()
        side.unlink(missing_ok=True)  # a half copy on a full disk only fills it further
        raise
    return True  # replace_into_place synced the folder: the name survives a power cut


def _write(fh: BinaryIO, chunks: Iterable[bytes]) -> str:
    """Write, flush to disk and close; the SHA-256 of what was written."""
    h = hashlib.sha256()
    with fh:
        for chunk in chunks:
            h.update(chunk)
            fh.write(chunk)
        fh.flush()
        os.fsync(fh.fileno())
    return h.hexdigest()
