"""A backups folder holds backups, not the -wal/-shm files a check of them could leave beside them."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from qcdesk.models.snapshots import check_copy, last_good, take_snapshot
from qcdesk.models.store import Store


def _files(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir())


def test_each_snapshot_is_one_file_and_checking_it_leaves_nothing_beside_it(tmp_path: Path) -> None:
    store = Store.open(tmp_path / "qcdesk.db")
    try:
        store.set_setting("office", "嘉鱼县市场监督管理局")
        folder = tmp_path / "backups"
        taken = [take_snapshot(store, folder, reason) for reason in ("manual", "import")]
        assert all(not t.damaged for t in taken)
        assert _files(folder) == sorted(t.path.name for t in taken)
        for t in taken:  # a backup is a file on its own, readable as one
            conn = sqlite3.connect(t.path)
            assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "delete"
            conn.close()
        assert last_good(folder, store.path) is not None
        assert _files(folder) == sorted(t.path.name for t in taken)
    finally:
        store.close()


def test_checking_an_older_wal_marked_copy_leaves_no_wal_or_shm(tmp_path: Path) -> None:
    """Copies made before today carry the WAL mark of the database they were copied from."""
    copy = tmp_path / "backups" / "qcdesk.manual-20260101T000000000000.db"
    copy.parent.mkdir()
    conn = sqlite3.connect(copy)
    conn.execute("PRAGMA journal_mode = WAL")
    conn.execute("CREATE TABLE t(x)")
    conn.execute("INSERT INTO t VALUES (1)")
    conn.close()  # the last connection folds the log back and removes it
    assert _files(copy.parent) == [copy.name]
    assert check_copy(copy) == ""
    assert _files(copy.parent) == [copy.name]
