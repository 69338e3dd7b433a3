"""A photo placed by an import is flushed once and its folder once: each flush is a disk wait
(10-30 ms on an office PC's hard disk), and a quarter's package carries thousands of photos."""

from __future__ import annotations

import hashlib
import os
import stat
from pathlib import Path

import pytest

from qcdesk.models.photo_files import photo_target, place_photo


def test_a_placed_photo_costs_one_file_flush_and_one_folder_flush(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    data = b"\xff\xd8\xff\xe0" + os.urandom(4096)
    sha = hashlib.sha256(data).hexdigest()
    target = photo_target(tmp_path / "photos", f"{sha}.jpg")
    flushed: list[str] = []
    real = os.fsync

    def fsync(fd: int) -> None:
        flushed.append("folder" if stat.S_ISDIR(os.fstat(fd).st_mode) else "file")
        real(fd)

    monkeypatch.setattr(os, "fsync", fsync)
    assert place_photo(target, sha, data)
    assert target.read_bytes() == data
    expected = ["file", "folder"] if os.name == "posix" else ["file"]
    assert flushed == expected
