"""Reading the open database many times keeps at most one parked descriptor per file and access
mode, and a leaked handle closed by the garbage collector cannot hang the thread.

Each 备份与恢复 ▸ 保存副本, 文件 ▸ 打开 of the same file or the database picked by mistake as a photo
parked one more descriptor for the rest of the session (20 of each: 100; macOS gives GUI apps 256).
A parked descriptor can never be closed while SQLite has the file (closing ANY descriptor drops
the process's locks), so later reads go through the one already held instead of opening another.
`held_files` took a plain Lock again when a collection closed a leaked handle inside it."""

from __future__ import annotations

import contextlib
import os
import sqlite3
import threading
from pathlib import Path

import pytest

from qcdesk.models import backup, held_files, inspections, open_checks
from qcdesk.models.store import Store

pytestmark = pytest.mark.skipif(not Path("/proc/locks").exists(),
                                reason="POSIX locks seen through Linux's /proc/locks")


def locks_held(db: Path) -> list[str]:
    inode, pid = os.stat(db).st_ino, os.getpid()
    lines = Path("/proc/locks").read_text().splitlines()
    return [line for line in lines if f" {pid} " in line and f":{inode} " in line and "POSIX" in line]


def descriptors_of(path: Path) -> int:
    want = os.stat(path)
    count = 0
    for name in os.listdir("/dev/fd"):
        try:
            st = os.fstat(int(name))
        except OSError:
            continue
        count += (st.st_dev, st.st_ino) == (want.st_dev, want.st_ino)
    return count


def parked_for(path: Path) -> int:
    """How many descriptors `held_files` keeps parked for the file."""
    want = os.stat(path)
    return sum(os.fstat(fd)[1:3] == (want.st_ino, want.st_dev) for fd in held_files.parked())


def test_many_reads_of_the_open_database_park_one_descriptor(tmp_path: Path) -> None:
    db = tmp_path / "qcdesk.db"
    store = Store.open(db, author="test")
    try:
        store.set_setting("e21", "committed")
        photos = tmp_path / "photos"
        photos.mkdir()
        seen: list[int] = []
        for i in range(50):  # 保存副本, 文件 ▸ 打开's first look, the database picked as a photo
            copied = backup.copy_database(db, tmp_path / f"copy{i}.db")
            assert not copied.damaged
            open_checks.check_kind(db)
            assert held_files.read_head(db, 16) == b"SQLite format 3\x00"
            with contextlib.suppress(inspections.PhotoFileError):  # refused in words: fine
                inspections.import_photo_file(photos, db)
            seen.append(descriptors_of(db))
        assert parked_for(db) == 1, "one parked descriptor is enough for reading"
        assert seen[-1] == seen[0], f"descriptors of the database grew: {seen[0]} -> {seen[-1]}"
        seen.clear()
        for _ in range(50):  # 文件 ▸ 打开 of the same file also opens it for writing
            open_checks.check_openable(db)
            seen.append(descriptors_of(db))
        assert parked_for(db) == 2, "one more for writing, not one per open"
        assert seen[-1] == seen[0], f"descriptors of the database grew: {seen[0]} -> {seen[-1]}"
        assert locks_held(db), "the reads dropped this process's lock on the open database"
        conn = sqlite3.connect(db)  # not the last connection: no checkpoint, the -wal stays
        conn.execute("SELECT count(*) FROM settings").fetchone()
        conn.close()
        assert Path(f"{db}-wal").exists()
    finally:
        store.close()
    held_files.read_head(tmp_path / "copy0.db", 16)  # the next read closes the parked ones
    assert descriptors_of(db) == 0


def test_handles_on_one_held_descriptor_read_at_their_own_place(tmp_path: Path) -> None:
    db = tmp_path / "qcdesk.db"
    store = Store.open(db, author="test")
    try:
        store.set_setting("e21", "committed")
        held_files.read_head(db, 1)  # parks one: the handles below read through it
        held_files.copy_file(db, tmp_path / "seen.db")  # (Path.read_bytes would drop the locks)
        whole = (tmp_path / "seen.db").read_bytes()
        with held_files.opened(db) as first, held_files.opened(db) as second:
            assert first.read(16) == b"SQLite format 3\x00"
            second.seek(100)
            assert second.read(20) == whole[100:120]
            assert first.read(4) == whole[16:20]
            assert first.seek(0, os.SEEK_END) == len(whole)
        assert locks_held(db)
    finally:
        store.close()


def test_a_leaked_handle_collected_inside_held_files_does_not_hang(tmp_path: Path,
                                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    """A handle left unclosed is closed by its finaliser whenever the collector runs, which may be
    inside one of held_files' own sections on the same thread. The finaliser is called there
    directly (a full gc.collect() on a helper thread also finalises other tests' Qt objects,
    which hung the full suite for reasons of its own)."""
    leaked, other = tmp_path / "a", tmp_path / "b"
    leaked.write_bytes(b"x" * 100)
    other.write_bytes(b"y")
    handle = held_files.opened(leaked)  # never closed by its user
    real = held_files._identity
    finalised: list[bool] = []

    def identity_finalising_the_leak(fd: int) -> tuple[int, int] | None:  # inside held_files
        if not finalised:
            finalised.append(True)
            handle.close()  # what its __del__ does when collected here
        return real(fd)

    monkeypatch.setattr(held_files, "_identity", identity_finalising_the_leak)
    done: list[bytes] = []
    reader = threading.Thread(target=lambda: done.append(held_files.read_head(other, 1)),
                              daemon=True)
    reader.start()
    reader.join(5)
    assert not reader.is_alive(), "the thread waits on its own lock for ever"
    assert finalised and done == [b"y"]
    monkeypatch.undo()
    held_files.read_head(other, 1)
    assert descriptors_of(leaked) == 0, "the collected handle's descriptor is closed"
