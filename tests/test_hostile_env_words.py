"""A hostile environment said in words a clerk can act on (s7/r4): a full disk, a damaged or
newer file, an empty list, a damaged key description. Each case was seen by a reviewer on a
2 MB tmpfs or with hand-made files; here the full disk is a monkeypatched ENOSPC / SQLITE_FULL
at the call that met it, so no mount (no root) is needed.
"""

from __future__ import annotations

import errno
import os
import sqlite3
from pathlib import Path

import pytest
from test_backup import dump
from test_data_safety_review import _from_the_future, make_db

from qcdesk.cli import main
from qcdesk.models import backup
from qcdesk.models.store import Store, StoreError

FULL_SQLITE = "database or disk is full"
ENGLISH = ("database or disk", "No space left", "Errno", "malformed")


def _no_english(text: str) -> None:
    assert not any(word in text for word in ENGLISH), text


# --- 4. a full disk: every path in the os_errors words ---------------------------------------

@pytest.mark.parametrize("failure", [sqlite3.OperationalError(FULL_SQLITE),
                                     OSError(errno.ENOSPC, "No space left on device")])
def test_a_worker_failure_on_a_full_disk_is_said_as_such(failure: Exception) -> None:
    """GUI import showed 数据库错误：database or disk is full。请关闭占用该文件的其他程序后重试。"""
    from qcdesk.ui.workers import describe_error

    text = describe_error(failure, "zh")
    assert "磁盘空间不足" in text and "关闭占用" not in text
    _no_english(text)
    assert "disk is full" in describe_error(failure, "en")


def test_a_full_disk_when_a_backup_is_taken_before_an_import(tmp_path: Path, monkeypatch) -> None:
    """roster import said 无法创建备份（…/backups）：database or disk is full."""
    store = Store.open(make_db(tmp_path / "qcdesk.db", "王磊"))

    def full(_target: Path) -> Path:
        raise sqlite3.OperationalError(FULL_SQLITE)

    monkeypatch.setattr(store, "backup_to", full)
    with pytest.raises(StoreError) as info:
        backup.snapshot_before_import(store)
    store.close()
    assert "磁盘空间不足" in info.value.message_zh and "无法创建备份" in info.value.message_zh
    _no_english(info.value.message_zh)


def _fsync_full_from(call: int, monkeypatch: pytest.MonkeyPatch) -> None:
    """os.fsync fails with ENOSPC from its `call`-th use on (1: the backup staged, 2: the copy
    of the current database taken before the restore)."""
    real, calls = os.fsync, [0]

    def fsync(fd: int) -> None:
        calls[0] += 1
        if calls[0] >= call:
            raise OSError(errno.ENOSPC, "No space left on device")
        real(fd)

    monkeypatch.setattr(backup.os, "fsync", fsync)


@pytest.mark.parametrize(("call", "said"), [(1, "恢复失败，原数据库未改动"), (2, "无法备份当前数据库")])
def test_cli_restore_on_a_full_disk(tmp_path: Path, capsys, monkeypatch, call: int, said: str) -> None:
    """CLI restore said 无法备份当前数据库，已取消恢复：database or disk is full."""
    old = make_db(tmp_path / "old.db", "王磊")
    db = make_db(tmp_path / "qcdesk.db", "王磊", "李娜")
    before = dump(db)
    capsys.readouterr()
    _fsync_full_from(call, monkeypatch)
    assert main(["restore", str(old), "--db", str(db), "--yes"]) != 0
    err = capsys.readouterr().err.strip()
    assert len(err.splitlines()) == 1 and said in err and "磁盘空间不足" in err
    _no_english(err)
    assert dump(db) == before
    assert backup.list_backups(tmp_path / "backups", db) == []
    assert not [p for p in (tmp_path / "backups").rglob("*") if "before-restore" in p.name]


def test_a_restore_failing_after_the_safety_copy_removes_that_copy(tmp_path: Path, monkeypatch) -> None:
    """The copy of the current database was taken, then writing the backup into it failed (the
    disk filled): the database is as it was, so its copy only takes the space still needed."""
    from qcdesk.models import restore_progress

    monkeypatch.setattr(restore_progress, "REPORT_SECONDS", 0)  # every step heard
    old = make_db(tmp_path / "old.db", "王磊", padding=200_000)
    db = make_db(tmp_path / "qcdesk.db", "王磊", "李娜", padding=200_000)
    before = dump(db)
    swaps = [0]

    def report(stage: str, _done: int, _total: int) -> None:
        if stage == "swap":
            swaps[0] += 1
            if swaps[0] == 3:  # a few pages in: the disk is full
                raise sqlite3.OperationalError(FULL_SQLITE)

    with pytest.raises(StoreError) as info:
        backup.restore(old, db, tmp_path / "backups", report=report)
    assert "恢复失败，原数据库未改动" in info.value.message_zh and "磁盘空间不足" in info.value.message_zh
    _no_english(info.value.message_zh)
    assert dump(db) == before
    assert sorted(p.name for p in (tmp_path / "backups").iterdir()) == []


# --- 6. a backup from a newer QCDesk is refused by the check (before any question) ------------

def test_the_backup_check_refuses_a_newer_version(tmp_path: Path) -> None:
    newer = make_db(tmp_path / "newer.db", "王磊")
    _from_the_future(newer)
    with pytest.raises(StoreError) as info:
        backup.check_database_file(newer)
    assert "更新版本" in info.value.message_zh
    backup.check_database_file(newer, newer_ok=True)  # a plain copy of it may still be made
    assert backup.copy_database(newer, tmp_path / "copy.db").path == tmp_path / "copy.db"


# --- 10. damaged files, an empty list ----------------------------------------------------------

def _truncated(path: Path) -> Path:
    make_db(path, "王磊", padding=100_000)
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 2])
    return path


def test_restoring_a_damaged_backup_says_so_in_chinese(tmp_path: Path) -> None:
    """Showed …/trunc.db 已损坏（database disk image is malformed），不能用于恢复。"""
    trunc = _truncated(tmp_path / "trunc.db")
    with pytest.raises(StoreError) as info:
        backup.check_database_file(trunc)
    assert "已损坏" in info.value.message_zh and "另一份备份" in info.value.message_zh
    _no_english(info.value.message_zh)


def test_a_damaged_database_in_the_window_names_the_menu_not_a_command(tmp_path: Path) -> None:
    from qcdesk.models.store import DamagedStoreError
    from qcdesk.ui.workers import describe_error

    found_later = DamagedStoreError(tmp_path / "qcdesk.db")  # open, then a damaged page read
    text = describe_error(found_later, "zh")
    assert "文件 ▸ 备份与恢复" in text and "qcdesk restore" not in text
    assert "qcdesk restore" in found_later.text("zh")  # the command line keeps its command


def test_a_damaged_database_that_cannot_be_opened_names_no_missing_folder(tmp_path: Path) -> None:
    """Said 备份在 …/backups 文件夹中 where no such folder was."""
    from qcdesk.ui.workers import describe_error

    db = _truncated(tmp_path / "db" / "qcdesk.db")
    with pytest.raises(StoreError) as info:
        Store.open(db, migrate=False)
    text = describe_error(info.value, "zh")
    assert "已损坏" in text and "无法打开" in text and "备份在" not in text
    assert str(tmp_path / "db" / "backups") not in info.value.message_zh
    (tmp_path / "db" / "backups").mkdir()
    with pytest.raises(StoreError) as info:
        Store.open(db, migrate=False)
    assert f"备份在 {tmp_path / 'db' / 'backups'} 文件夹中" in describe_error(info.value, "zh")


@pytest.mark.parametrize("kind", ["enterprises", "inspectors"])
def test_an_empty_csv_list_is_said_to_be_empty(tmp_path: Path, capsys, kind: str) -> None:
    """A 0-byte CSV said 找不到表头 (look for a header in a file holding nothing)."""
    db = make_db(tmp_path / "qcdesk.db", "王磊")
    before = dump(db)
    empty = tmp_path / "名录.csv"
    empty.write_bytes(b"")
    capsys.readouterr()
    assert main(["roster", "import", str(empty), "--kind", kind, "--db", str(db)]) != 0
    err = capsys.readouterr().err.strip()
    assert "空文件" in err and "表头" not in err and len(err.splitlines()) == 1
    assert dump(db) == before
