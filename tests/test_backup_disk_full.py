"""A database on a disk filled to the last byte (review, data safety): `qcdesk backup --out` to a
USB stick, the first thing an inspector should do, was refused as "t.db 无法作为 QCDesk 数据库
读取", which reads as a damaged database and points to restoring an old backup. SQLite cannot
even read a WAL database there (it writes a small -shm file beside it). The refusal now says the
disk is full, that the database is not damaged, and what to do. A real tmpfs when run as root,
else the same failure injected."""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path

import pytest
from exchange_fixtures import sql_dump
from small_disk import mounted_tmpfs

from qcdesk.cli import main
from qcdesk.models import database_file
from qcdesk.models.store import Store


def _refused(capsys: pytest.CaptureFixture[str], db: Path, out: Path) -> None:
    assert main(["backup", "--db", str(db), "--out", str(out), "--no-photos"]) == 2
    err = capsys.readouterr().err.strip()
    assert err.count("\n") == 0, err
    assert "所在的磁盘已满" in err and "数据库本身没有损坏" in err and "腾出至少 1 MB" in err, err
    assert "无法作为 QCDesk 数据库读取" not in err
    assert not out.exists()


def test_full_disk_is_said_to_be_full_not_a_bad_database(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    db = tmp_path / "t.db"
    Store.open(db).close()

    def no_room(_path: Path) -> sqlite3.Connection:
        raise sqlite3.OperationalError("disk I/O error")

    monkeypatch.setattr(database_file, "open_read_only", no_room)
    monkeypatch.setattr("qcdesk.models.free_space.free_bytes", lambda _folder: 0)
    _refused(capsys, db, tmp_path / "stick" / "copy.db")


@pytest.mark.skipif(os.geteuid() != 0, reason="mounting a tmpfs needs root")
def test_a_real_full_disk(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    with mounted_tmpfs(tmp_path / "disk", "8m") as disk:
        db = disk / "t.db"
        Store.open(db).close()
        before = sql_dump(db)
        for name in [f for f in os.listdir(disk) if f != "t.db"]:  # no -shm left to reuse
            (disk / name).unlink()
        fd = os.open(disk / "filler", os.O_WRONLY | os.O_CREAT)  # the disk to its last byte
        try:
            for size in (65536, 512, 1):
                try:
                    while os.write(fd, b"\0" * size):
                        pass
                except OSError:
                    pass
        finally:
            os.close(fd)
        _refused(capsys, db, tmp_path / "stick" / "copy.db")
        (disk / "filler").unlink()
        assert sql_dump(db) == before
