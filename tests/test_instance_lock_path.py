"""The instance lock: one lock per file however the path reaches it (the GUI, restore and amend
must meet), and a folder where it cannot be written said in words, not the system's English."""

from __future__ import annotations

import shutil
import subprocess
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from qcdesk.models.instance_lock import InstanceLock
from qcdesk.models.store import Store, StoreError


def new_db(path: Path) -> Path:
    Store.open(path, author="test").close()
    return path


@contextmanager
def immutable(path: Path) -> Iterator[None]:
    """chattr +i: refused even to root (the tests run as root, where chmod refuses nothing)."""
    if shutil.which("chattr") is None:
        pytest.skip("chattr is not installed")
    if subprocess.run(["chattr", "+i", str(path)], capture_output=True).returncode != 0:
        pytest.skip("chattr +i is not permitted here")
    try:
        yield
    finally:
        subprocess.run(["chattr", "-i", str(path)], check=True)


def test_lock_folder_message_words_the_cause(tmp_path: Path) -> None:
    folder = tmp_path / "ro"
    folder.mkdir()
    with immutable(folder), pytest.raises(StoreError) as caught:
        InstanceLock(folder / "new.db").acquire()
    assert "Errno" not in caught.value.text("zh") and "没有权限" in caught.value.text("zh")
    assert "permission denied" in caught.value.text("en") and "writable folder" in caught.value.text("en")


def test_one_lock_for_a_file_and_a_symlink_to_it(tmp_path: Path) -> None:
    db = new_db(tmp_path / "real.db")
    link = tmp_path / "link.db"
    link.symlink_to(db)
    with InstanceLock(link), pytest.raises(StoreError, match="已在另一个 QCDesk 窗口中打开"):
        InstanceLock(db).acquire()  # restore/amend given the real path while the GUI has the link
    with InstanceLock(db), pytest.raises(StoreError):
        InstanceLock(link).acquire()


def test_held_elsewhere_says_it_may_be_another_user_or_computer(tmp_path: Path) -> None:
    """Another Windows user of this PC, or a computer on the share, holds the same lock file: the
    reader cannot switch to that window, so the message says who else it may be."""
    db = new_db(tmp_path / "qcdesk.db")
    with InstanceLock(db), pytest.raises(StoreError) as caught:
        InstanceLock(db).acquire()
    zh, en = caught.value.text("zh"), caught.value.text("en")
    assert "已在另一个 QCDesk 窗口中打开" in zh and "本机的其他用户" in zh and "另一台电脑" in zh
    assert "请打开它的人关闭后重试" in zh
    assert "another user of this PC" in en and "another computer" in en and "ask whoever" in en
