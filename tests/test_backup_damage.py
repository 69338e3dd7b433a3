"""Attack review rr2: a damaged database, a clock set back, a read-only folder, debris of kills.

Each test works on real files: an SQLite file with a page overwritten or text bytes flipped, a
backups folder with names dated in the future, a folder made immutable with chattr.
"""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
import time
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date
from pathlib import Path

import pytest
from test_backup import add, names

from qcdesk.cli import main
from qcdesk.models import backup, snapshots
from qcdesk.models.store import Store, StoreError


def make_db(path: Path, *people: str) -> Path:
    """A QCDesk database with these inspectors and a table of filler pages to damage."""
    store = Store.open(path, author="tester")
    for name in people:
        add(store, name)
    store.close()
    conn = sqlite3.connect(path)
    with conn:
        conn.execute("CREATE TABLE filler(id INTEGER PRIMARY KEY, data BLOB)")
        conn.executemany("INSERT INTO filler(data) VALUES (?)", [(os.urandom(2000),) for _ in range(300)])
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.close()
    return path


def damage(path: Path) -> None:
    """Overwrite the head of a few pages of the filler table with garbage (as flipped bits
    would): QCDesk's own tables still read, SQLite's check finds the damage."""
    conn = sqlite3.connect(path)
    size = conn.execute("PRAGMA page_size").fetchone()[0]
    pages = [r[0] for r in conn.execute("SELECT pageno FROM dbstat WHERE name = 'filler' "
                                        "AND pagetype = 'leaf' ORDER BY pageno LIMIT 3 OFFSET 20")]
    conn.close()
    with open(path, "r+b") as handle:
        for page in pages:
            handle.seek((page - 1) * size)
            handle.write(bytes(x ^ 0xA5 for x in handle.read(64)))
            handle.seek((page - 1) * size)
            handle.write(b"\xff")


def check(path: Path) -> str:
    conn = sqlite3.connect(path)
    try:
        return conn.execute("PRAGMA quick_check").fetchone()[0]
    except sqlite3.DatabaseError as exc:
        return str(exc)
    finally:
        conn.close()


# --- 1. the snapshot of a damaged database ---------------------------------------------------

def test_damaged_copies_are_set_apart_and_never_push_good_backups_out(tmp_path: Path) -> None:
    """Found: the daily copy of a damaged database counted toward the N kept; within N days
    every good backup was pruned and restore refused all that was left."""
    db = make_db(tmp_path / "qcdesk.db", "王磊")
    folder = tmp_path / "backups"
    store = Store.open(db)
    store.set_setting(backup.KEEP_SETTING, "3")
    good = [backup.snapshot(store, folder, "daily") for _ in range(3)]
    store.close()
    damage(db)
    assert check(db) != "ok"
    store = Store.open(db)  # it opens without complaint: only the copy's check tells
    try:
        taken = [backup.take_snapshot(store, folder, "daily") for _ in range(5)]
    finally:
        store.close()
    assert [b.path for b in backup.list_backups(folder, db)] == good[::-1]  # all good ones kept
    assert all(t.damaged and ".damaged-daily-" in t.path.name and t.path.exists() for t in taken[-3:])
    assert len(backup.list_damaged(folder, db)) == 3  # damaged copies rotate among themselves
    last = taken[-1]
    assert last.last_good is not None and last.last_good.path == good[-1]
    text = last.damage_text("zh")
    assert "可能已损坏" in text and "请从备份恢复，最近一次完好的备份是" in text and str(good[-1]) in text
    assert "newest intact one is" in last.damage_text("en")
    with pytest.raises(StoreError):  # a damaged copy is no restore point
        backup.check_database_file(last.path)


def test_a_damaged_copy_made_before_checks_is_set_apart_when_the_last_good_one_is_sought(
        tmp_path: Path) -> None:
    db = make_db(tmp_path / "qcdesk.db", "王磊")
    folder = tmp_path / "backups"
    store = Store.open(db)
    good = backup.snapshot(store, folder, "daily")
    store.close()
    damage(db)
    old_damaged = folder / backup.backup_name(db, "import")  # as the old rotation kept them
    shutil.copyfile(db, old_damaged)
    store = Store.open(db)
    try:
        taken = backup.take_daily_snapshot(store, folder, today=date(2999, 1, 1))
    finally:
        store.close()
    assert taken is not None and taken.last_good is not None and taken.last_good.path == good
    assert [b.path for b in backup.list_backups(folder, db)] == [good]
    assert not old_damaged.exists() and len(backup.list_damaged(folder, db)) == 2


def test_daily_snapshot_of_a_damaged_database_is_once_a_day(tmp_path: Path) -> None:
    db = make_db(tmp_path / "qcdesk.db", "王磊")
    damage(db)
    store = Store.open(db)
    try:
        first = backup.take_daily_snapshot(store)
        assert first is not None and first.damaged and first.last_good is None
        assert "没有找到完好的备份" in first.damage_text()
        assert backup.take_daily_snapshot(store) is None
    finally:
        store.close()


def test_an_import_into_a_damaged_database_is_refused(tmp_path: Path) -> None:
    db = make_db(tmp_path / "qcdesk.db", "王磊")
    damage(db)
    store = Store.open(db)
    try:
        with pytest.raises(StoreError) as info:
            backup.snapshot_before_import(store)
    finally:
        store.close()
    assert "未导入" in info.value.message_zh and "qcdesk restore" in info.value.message_zh


def test_the_gui_warns_when_the_daily_copy_finds_the_database_damaged(qtbot, tmp_path: Path) -> None:
    """The daily copy is made and checked in a worker; a damaged database gets a warning that
    names the newest good backup."""
    import argparse

    from PySide6.QtWidgets import QMessageBox

    from qcdesk.paths import AppPaths
    from qcdesk.ui import app as app_module

    db = make_db(tmp_path / "work" / "shell.db", "王磊")
    store = Store.open(db)
    good = backup.snapshot(store, backup.default_folder(store), "manual")
    store.close()
    damage(db)
    paths = AppPaths(tmp_path / "data", tmp_path / "config")
    shell = app_module.start_shell(argparse.Namespace(demo=False, db=db, lang="zh_CN"), paths,
                                   ask_inspector=False)
    qtbot.addWidget(shell.window)
    try:
        qtbot.waitUntil(lambda: shell.window.findChild(QMessageBox, "damagedDatabaseBox") is not None,
                        timeout=20_000)
        box = shell.window.findChild(QMessageBox, "damagedDatabaseBox")
        assert "可能已损坏" in box.text() and str(good) in box.text()
        box.close()
    finally:
        shell.window.close()
        shell.shutdown()


# --- 2. the clock set back ------------------------------------------------------------------

def _future_copies(db: Path, folder: Path, count: int) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    made = []
    for hour in range(count):
        path = folder / f"{db.stem}.import-2099120{1 + hour // 24}T{hour % 24:02d}0000000000.db"
        shutil.copyfile(db, path)
        made.append(path)
    return made


def test_the_copy_just_made_survives_a_clock_set_back(tmp_path: Path) -> None:
    """Found: with the clock behind the newest backup, the new copy's name was the oldest and
    the rotation deleted it at once (the copy before an import vanished)."""
    db = make_db(tmp_path / "qcdesk.db", "王磊")
    folder = tmp_path / "backups"
    future = _future_copies(db, folder, backup.DEFAULT_KEEP)
    store = Store.open(db)
    try:
        taken = backup.take_snapshot(store, folder, "manual")
        assert taken.path.exists() and taken.path in [b.path for b in backup.list_backups(folder, db)]
        assert backup.snapshot_before_import(store).exists()
    finally:
        store.close()
    assert taken.clock_behind is not None and taken.clock_behind.path == future[-1]
    assert "电脑时钟" in taken.clock_text() and "请检查系统的日期和时间" in taken.clock_text()
    # copies named later than now count toward no kind's N and are never deleted automatically
    # (review R1 B2): the N future-named ones, the import copy and the manual one just made
    kept = [b.reason for b in backup.list_backups(folder, db)]
    assert kept.count("import") == backup.DEFAULT_KEEP + 1 and kept.count("manual") == 1
    assert len(kept) == backup.DEFAULT_KEEP + 2 and all(p.exists() for p in future)


def test_cli_backup_with_the_clock_set_back_prints_a_path_that_exists(tmp_path: Path, capsys) -> None:
    db = make_db(tmp_path / "qcdesk.db", "王磊")
    _future_copies(db, tmp_path / "backups", backup.DEFAULT_KEEP)
    assert main(["backup", "--db", str(db)]) == 0
    out, err = capsys.readouterr()
    written = Path(out.split("已备份到 ", 1)[1].split(" (backup written)")[0])
    assert written.exists() and names(written) == ["王磊"]
    assert "电脑时钟" in err


# --- 3. a damaged database in any command ---------------------------------------------------

def test_a_command_on_a_database_with_undecodable_text_says_it_is_damaged(tmp_path: Path, capsys) -> None:
    """Found: `qcdesk audit verify` said 内部错误 … OperationalError: Could not decode to UTF-8."""
    db = make_db(tmp_path / "qcdesk.db", "王磊MARKERMARKER")
    raw = db.read_bytes()
    assert b"MARKERMARKER" in raw
    db.write_bytes(raw.replace(b"MARKERMARKER", b"\xff\xfe" * 6))
    assert main(["audit", "verify", "--db", str(db)]) == 2
    err = capsys.readouterr().err.strip()
    assert "内部错误" not in err and "已损坏" in err and "qcdesk restore" in err
    assert len(err.splitlines()) == 1


# --- 4. backup of a damaged database, of one in a read-only folder ---------------------------

def test_cli_backup_of_a_damaged_database_keeps_a_raw_copy_marked_damaged(tmp_path: Path, capsys) -> None:
    """Found: refused as 'cannot be restored', when a raw copy is what one wants before a repair."""
    db = make_db(tmp_path / "qcdesk.db", "王磊")
    damage(db)
    assert main(["backup", "--db", str(db)]) == 1
    out, err = capsys.readouterr()
    [copy] = backup.list_damaged(tmp_path / "backups", db)
    assert copy.path.read_bytes() == db.read_bytes() and ".damaged-manual-" in copy.path.name
    assert backup.list_backups(tmp_path / "backups", db) == []
    assert str(copy.path) in out and "不能用于恢复" not in out + err and "可能已损坏" in err
    usb = tmp_path / "usb" / "copy.db"
    assert main(["backup", "--db", str(db), "--out", str(usb)]) == 1
    [kept] = list(usb.parent.iterdir())
    assert kept.name.startswith("copy.damaged-") and kept.read_bytes() == db.read_bytes()


@contextmanager
def immutable(folder: Path) -> Iterator[None]:
    """A folder nobody may write, root included (tests run as root, for whom chmod is no bar)."""
    if shutil.which("chattr") is None:
        pytest.skip("chattr is not installed")
    if subprocess.run(["chattr", "+i", str(folder)], capture_output=True).returncode != 0:
        pytest.skip("chattr +i is not permitted here (no CAP_LINUX_IMMUTABLE or filesystem)")
    try:
        yield
    finally:
        subprocess.run(["chattr", "-i", str(folder)], check=True)


def test_cli_backup_of_a_database_in_a_read_only_folder(tmp_path: Path, capsys) -> None:
    """Found: 不是有效的 QCDesk 数据库：unable to open database file (mode=ro needs a -shm)."""
    db = make_db(tmp_path / "ro" / "qcdesk.db", "王磊")
    out = tmp_path / "usb" / "copy.db"
    with immutable(db.parent):
        assert main(["backup", "--db", str(db), "--out", str(out)]) == 0
        assert sorted(p.name for p in db.parent.iterdir()) == ["qcdesk.db"]
    assert names(out) == ["王磊"] and check(out) == "ok"


def test_a_read_only_folder_with_unwritten_log_names_the_cause(tmp_path: Path, capsys) -> None:
    db = make_db(tmp_path / "qcdesk.db", "王磊")
    conn = sqlite3.connect(db)
    conn.execute("PRAGMA wal_autocheckpoint = 0")
    with conn:
        conn.execute("UPDATE inspector SET name = '李娜'")
    folder = tmp_path / "ro"
    folder.mkdir()
    shutil.copyfile(db, folder / "qcdesk.db")
    shutil.copyfile(f"{db}-wal", folder / "qcdesk.db-wal")  # the change lives only in the log
    conn.close()
    with immutable(folder):
        assert main(["backup", "--db", str(folder / "qcdesk.db"), "--out", str(tmp_path / "c.db")]) == 2
    err = capsys.readouterr().err
    assert "只读" in err and "qcdesk.db-wal" in err and "可写的文件夹" in err
    assert not (tmp_path / "c.db").exists()


# --- 5. debris of a kill --------------------------------------------------------------------

def test_a_half_copy_left_by_a_killed_snapshot_is_removed_by_the_next(tmp_path: Path) -> None:
    db = make_db(tmp_path / "qcdesk.db", "王磊")
    folder = tmp_path / "backups"
    folder.mkdir()
    stale = folder / f"{backup.backup_name(db, 'daily')}.part"
    stale.write_bytes(b"SQLite format 3\x00" + b"\x00" * 4000)
    before = snapshots._STARTED - 60
    os.utime(stale, (before, before))
    fresh = folder / f"{backup.backup_name(db, 'import')}.part"  # another program's, being written
    fresh.write_bytes(b"x")
    other = folder / f"{backup.backup_name(tmp_path / 'other.db', 'daily')}.part"
    other.write_bytes(b"x")
    os.utime(other, (before, before))
    store = Store.open(db)
    try:
        backup.snapshot(store, folder, "manual")
    finally:
        store.close()
    assert not stale.exists() and fresh.exists() and other.exists()


def test_a_killed_restores_staging_file_is_gone_after_the_next_restore(tmp_path: Path) -> None:
    db = make_db(tmp_path / "b.db", "王磊")
    source = make_db(tmp_path / "src.db", "李娜")
    staged = tmp_path / ".b.db.restoring"
    shutil.copyfile(source, staged)
    Path(f"{staged}-journal").write_bytes(b"x")
    time.sleep(0.01)
    backup.restore(source, db, tmp_path / "backups")
    assert names(db) == ["李娜"]
    assert not staged.exists() and not Path(f"{staged}-journal").exists()
