"""Backups of a database in a folder whose name holds `#`, `?`, `%` or Chinese (`第#2组`, `合格率95%`).

Found: the read-only SQLite URIs were built as f"file:{path}?mode=ro", which SQLite cuts at `#`
and `?` and percent-decodes, so it opened (and created, empty) another file: backup and restore
were refused with "不是 QCDesk 数据库文件", a stray empty file appeared beside the folder, and
the check of each automatic backup passed a damaged copy (then older good ones were pruned).
"""

from __future__ import annotations

import os
from pathlib import Path, PureWindowsPath

import pytest
from test_backup import add, names
from test_backup_damage import check, damage, make_db

from qcdesk.cli import main
from qcdesk.models import backup, snapshots
from qcdesk.models.database_file import file_uri
from qcdesk.models.restore_preview import preview_restore
from qcdesk.models.store import Store

FOLDERS = ["第#2组", "合格率95%", "pct%41dir", "C#", "hash#dir"]
if os.name != "nt":  # Windows allows no `?` in a file name
    FOLDERS += ["q?dir", "质检?#%41"]


@pytest.mark.parametrize("folder", FOLDERS)
def test_cli_backup_and_restore_in_an_odd_folder(tmp_path: Path, capsys, folder: str) -> None:
    db = tmp_path / folder / "qcdesk.db"
    store = Store.open(db, author="tester")
    add(store, "王磊")
    store.close()
    assert main(["backup", "--db", str(db)]) == 0, capsys.readouterr().err
    (copy,) = backup.list_backups(db.parent / "backups", db)  # the backups inherit the folder
    assert names(copy.path) == ["王磊"]
    store = Store.open(db, author="tester")
    add(store, "李娜")  # a change made after the backup
    store.close()
    assert main(["restore", str(copy.path), "--db", str(db), "--yes"]) == 0, capsys.readouterr().err
    assert "不是 QCDesk 数据库" not in capsys.readouterr().err
    assert names(db) == ["王磊"]
    assert sorted(p.name for p in tmp_path.iterdir()) == [folder]  # no empty stray file beside it
    assert all(p.name == "backups" or p.name.startswith("qcdesk.db") for p in db.parent.iterdir())


@pytest.mark.parametrize("folder", FOLDERS)
def test_a_damaged_copy_in_an_odd_folder_fails_the_check(tmp_path: Path, folder: str) -> None:
    db = make_db(tmp_path / folder / "qcdesk.db", "王磊")
    assert snapshots.check_copy(db) == ""  # an intact file passes (`%41` had read `A`: no such file)
    damage(db)
    assert check(db) != "ok"
    assert snapshots.check_copy(db) != ""  # was '': SQLite had checked an empty stray file
    assert sorted(p.name for p in tmp_path.iterdir()) == [folder]


def test_a_damaged_automatic_copy_in_an_odd_folder_never_prunes_good_backups(tmp_path: Path) -> None:
    db = make_db(tmp_path / "第#2组" / "qcdesk.db", "王磊")
    folder = db.parent / "backups"
    store = Store.open(db)
    store.set_setting(backup.KEEP_SETTING, "2")
    good = [backup.snapshot(store, folder, "daily") for _ in range(2)]
    store.close()
    damage(db)
    store = Store.open(db)
    try:
        taken = [backup.take_snapshot(store, folder, "daily") for _ in range(3)]
    finally:
        store.close()
    assert all(t.damaged for t in taken)
    assert [b.path for b in backup.list_backups(folder, db)] == good[::-1]


def test_restore_preview_reads_both_files_in_odd_folders(tmp_path: Path) -> None:
    db = tmp_path / "合格率95%" / "q#1" / "qcdesk.db"
    store = Store.open(db, author="tester")
    add(store, "王磊")
    store.close()
    copy = backup.backup_file(db, tmp_path / "U盘#%41" / "old.db")
    assert preview_restore(copy, db).identical  # both files read, the same records
    add_later = Store.open(db, author="tester")
    add(add_later, "李娜")
    add_later.close()
    (change,) = preview_restore(copy, db).changes
    assert (change.table, change.current, change.backup, change.gone) == ("inspector", 2, 1, 1)


@pytest.mark.parametrize(("path", "uri"), [
    (PureWindowsPath(r"D:\质检#2\qc.db"), "file:///D:/%E8%B4%A8%E6%A3%80%232/qc.db"),
    (PureWindowsPath(r"E:\合格率95%\q.db"), "file:///E:/%E5%90%88%E6%A0%BC%E7%8E%8795%25/q.db"),
    (PureWindowsPath(r"\\server\share\第#2组\qc.db"),
     "file:////server/share/%E7%AC%AC%232%E7%BB%84/qc.db"),  # SQLite refuses file://server/
    (PureWindowsPath(r"\\?\C:\a#b\qc.db"), "file:///C:/a%23b/qc.db"),
    (PureWindowsPath(r"\\?\UNC\srv\sh\a#\qc.db"), "file:////srv/sh/a%23/qc.db"),
])
def test_windows_paths_make_uris_sqlite_reads(path: PureWindowsPath, uri: str) -> None:
    assert file_uri(path) == uri
