"""The store opens real files with WAL and foreign keys, and copies the file before migrating."""

from __future__ import annotations

import re
import sqlite3
from pathlib import Path

import pytest
from sqlite_utils.migrations import Migrations

from qcdesk.models import schema_sets
from qcdesk.models.store import Store, StoreError


def test_empty_file_migrates_to_full_schema(tmp_path: Path) -> None:
    store = Store.open(tmp_path / "a.db")
    tables = set(store.db.table_names())
    assert {"enterprise", "visit", "sample", "finding", "rectification", "inspector"} <= tables
    assert store.db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert store.db.execute("PRAGMA foreign_keys").fetchone()[0] == 1
    codes = {r[0] for r in store.db.execute("SELECT code FROM jurisdiction")}
    assert {"421200", "421202", "421221", "421222", "421223", "421224", "421281"} <= codes
    zone = store.db.execute(
        "SELECT parent_code, official FROM jurisdiction WHERE name = '咸宁高新区'"
    ).fetchone()
    assert zone == ("421202", 0)
    store.close()


def test_reopen_runs_nothing_and_makes_no_copy(tmp_path: Path) -> None:
    Store.open(tmp_path / "a.db").close()
    store = Store.open(tmp_path / "a.db")
    assert store.migrate() is None
    assert not list(tmp_path.glob("*pre-migration*"))
    store.close()


def test_seeded_industries_are_identical_on_every_laptop(tmp_path: Path) -> None:
    a = Store.open(tmp_path / "a.db")
    b = Store.open(tmp_path / "b.db")
    q = "SELECT uuid, name FROM industry ORDER BY uuid"
    assert a.db.execute(q).fetchall() == b.db.execute(q).fetchall()


def test_pending_migration_copies_file_first(tmp_path: Path, monkeypatch) -> None:
    path = tmp_path / "a.db"
    store = Store.open(path)
    store.db.execute(
        "INSERT INTO settings(key, value) VALUES ('org_name', '嘉鱼县市场监督管理局')"
    )
    store.close()
    extra = Migrations("test.extra")

    @extra()
    def add_table(db) -> None:
        db.execute("CREATE TABLE extra_thing (x INTEGER)")

    original = schema_sets.migration_sets
    monkeypatch.setattr(
        "qcdesk.models.store.migration_sets", lambda: [*original(), extra]
    )
    store = Store.open(path)
    copies = list(tmp_path.glob("a.pre-migration-*.db"))
    assert len(copies) == 1
    # named as every other backup (YYYYMMDD-HHMMSS+ZZZZ, local time), and listed among them
    assert re.fullmatch(r"a\.pre-migration-\d{8}-\d{6}[+-]\d{4}\.db", copies[0].name), copies[0].name
    with sqlite3.connect(copies[0]) as old:
        assert old.execute("SELECT value FROM settings WHERE key='org_name'").fetchone() == (
            "嘉鱼县市场监督管理局",
        )
        names = {r[0] for r in old.execute("SELECT name FROM sqlite_master")}
        assert "extra_thing" not in names
    assert "extra_thing" in store.db.table_names()
    store.close()


def test_not_a_database_gives_clear_message(tmp_path: Path) -> None:
    bad = tmp_path / "bad.db"
    bad.write_bytes(b"this is not sqlite" * 100)
    with pytest.raises(StoreError) as info:
        Store.open(bad)
    assert "不是有效的" in info.value.message_zh
    assert bad.read_bytes() == b"this is not sqlite" * 100
