"""A Ctrl-C landing just after a restore's swap committed must not delete the before-restore copy
(review RB 1): the database then holds the backup, so the copy is the only way back."""
from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from qcdesk.models import backup
from qcdesk.models.inspections import save_inspector
from qcdesk.models.records import Inspector
from qcdesk.models.store import Store


def _db(path: Path, names: list[str]) -> None:
    store = Store.open(path, author="tester")
    for name in names:
        save_inspector(store, Inspector(name=name, jurisdiction_code="421281"))
    store.close()


def _count(path: Path) -> int:
    conn = sqlite3.connect(str(path))
    try:
        return conn.execute("SELECT count(*) FROM inspector").fetchone()[0]
    finally:
        conn.close()


def test_ctrl_c_after_the_swap_keeps_the_safety_copy(tmp_path: Path) -> None:
    db, old = tmp_path / "qcdesk.db", tmp_path / "old.db"
    _db(db, ["王磊"])
    _db(old, ["李娜", "张伟", "刘洋"])

    def report(stage: str, done: int, total: int) -> None:
        if stage == "swap" and total and done == total:  # Ctrl-C right after the last page
            raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        backup.restore(old, db, tmp_path / "backups", report=report)
    kept = sorted((tmp_path / "backups").glob("*before-restore*"))
    assert _count(db) == 3  # the swap had committed
    assert kept, "the before-restore copy was deleted though the database was replaced"
    assert _count(kept[0]) == 1  # what the database held before is still there


def test_ctrl_c_before_the_swap_leaves_database_and_no_copy(tmp_path: Path) -> None:
    db, old = tmp_path / "qcdesk.db", tmp_path / "old.db"
    _db(db, ["王磊"])
    _db(old, ["李娜", "张伟", "刘洋"])

    def report(stage: str, done: int, total: int) -> None:
        if stage == "swap" and total and done < total:
            raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        backup.restore(old, db, tmp_path / "backups", report=report)
    assert _count(db) == 1
    assert not list((tmp_path / "backups").glob("*before-restore*"))
