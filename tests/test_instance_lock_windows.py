"""The instance lock's Windows byte range, run here against a stand-in for `msvcrt`.

Review "windows" 11: Windows locks are mandatory, and the lock sat on byte 0 of `<db>.lock`, the
first digit of the holder's pid. The second instance could not read it and said
"已在另一个 QCDesk 窗口中打开（进程 ?）", never which process to switch to.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

from qcdesk.models import instance_lock
from qcdesk.models.instance_lock import InstanceLock
from qcdesk.models.store import StoreError


class FakeMsvcrt:
    """`msvcrt.locking` as Windows does it: from the file's current position, per open handle,
    and mandatory — another handle can neither lock nor read a locked byte."""

    LK_UNLCK, LK_NBLCK = 0, 2

    def __init__(self) -> None:
        self.held: dict[tuple[int, int], int] = {}  # (file, byte) -> fd holding it

    def locking(self, fd: int, mode: int, nbytes: int) -> None:
        file, start = os.fstat(fd).st_ino, os.lseek(fd, 0, os.SEEK_CUR)
        for byte in range(start, start + nbytes):
            if mode == self.LK_UNLCK:
                assert self.held.pop((file, byte)) == fd, "unlocked a byte this handle did not lock"
            elif self.held.get((file, byte), fd) != fd:
                raise PermissionError(13, "Permission denied")
            else:
                self.held[(file, byte)] = fd

    def read_text(self, path: Path, *args: object, **kwargs: object) -> str:
        file, size = path.stat().st_ino, path.stat().st_size
        if any(f == file and byte < size for f, byte in self.held):
            raise PermissionError(33, "The process cannot access the file because another process "
                                      "has locked a portion of the file")
        return REAL_READ_TEXT(path, *args, **kwargs)


REAL_READ_TEXT = Path.read_text


@pytest.fixture
def msvcrt(monkeypatch: pytest.MonkeyPatch) -> FakeMsvcrt:
    fake = FakeMsvcrt()
    monkeypatch.setitem(sys.modules, "msvcrt", fake)
    monkeypatch.setattr(instance_lock, "_lock", instance_lock._lock_windows)
    monkeypatch.setattr(instance_lock, "_unlock", instance_lock._unlock_windows)
    monkeypatch.setattr(Path, "read_text", lambda path, *a, **k: fake.read_text(path, *a, **k))
    return fake


def test_the_second_window_names_the_process_holding_the_database(msvcrt, tmp_path):
    db = tmp_path / "质检.db"
    with InstanceLock(db), pytest.raises(StoreError) as caught:
        InstanceLock(db).acquire()
    assert f"（进程 {os.getpid()}）" in caught.value.message_zh
    assert f"(process {os.getpid()})" in caught.value.message_en


def test_the_locked_byte_lies_past_the_pid_text_and_is_given_back(msvcrt, tmp_path):
    db = tmp_path / "质检.db"
    first = InstanceLock(db).acquire()
    pid_text = first.path.read_text(encoding="utf-8")
    assert pid_text == str(os.getpid())
    (locked,) = [byte for _file, byte in msvcrt.held]
    assert locked == instance_lock.WINDOWS_LOCK_OFFSET >= len(str(2**64))  # past any pid
    assert first.path.stat().st_size == len(pid_text)  # the lock does not make the file longer
    first.release()
    assert msvcrt.held == {}
    InstanceLock(db).acquire().release()  # free again for the next window
