"""Another program's SQLite file given as the database is refused before anything is written:
no QCDesk tables, no WAL header, no backups folder, no -wal/-shm beside it; a new or 0-byte
file still becomes a QCDesk database, and an older QCDesk database still migrates."""

from __future__ import annotations

import argparse
import hashlib
import sqlite3
from pathlib import Path

import pytest
from PySide6.QtWidgets import QMessageBox

from qcdesk.cli import main
from qcdesk.exchange.minisign import generate_secret_key
from qcdesk.exchange.package import build_package
from qcdesk.models.store import Store, StoreError
from qcdesk.paths import AppPaths

REFUSED = "不是 QCDesk 数据库（其中已有其他程序的数据表："


def foreign_file(path: Path, journal: str = "delete") -> Path:
    """What another program left: a table with a row, in rollback-journal or WAL mode."""
    conn = sqlite3.connect(path)
    conn.execute(f"PRAGMA journal_mode = {journal}")
    conn.execute("CREATE TABLE customers (id INTEGER PRIMARY KEY, name TEXT)")
    conn.execute("INSERT INTO customers(name) VALUES ('张三')")
    conn.commit()
    conn.close()
    return path


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def assert_untouched(path: Path, before: str) -> None:
    assert digest(path) == before
    header = path.read_bytes()[:100]
    assert header[18:20] in (b"\x01\x01", b"\x02\x02")  # the journal mode it had, see callers
    assert not (path.parent / "backups").exists()
    assert not list(path.parent.glob("*pre-migration*"))
    for suffix in ("-wal", "-shm", "-journal", ".lock"):
        assert not Path(str(path) + suffix).exists(), suffix
    with sqlite3.connect(path) as conn:
        names = [r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")]
    assert names == ["customers"]


@pytest.mark.parametrize("journal", ["delete", "wal"])
def test_store_refuses_another_programs_file_and_writes_nothing(tmp_path: Path, journal: str) -> None:
    path = foreign_file(tmp_path / "other.db", journal)
    before = digest(path)
    for migrate in (True, False):
        with pytest.raises(StoreError) as info:
            Store.open(path, backup_dir=tmp_path / "backups", migrate=migrate)
        assert REFUSED in info.value.message_zh
        assert "customers" in info.value.message_zh
        assert "not a QCDesk database" in info.value.message_en
    assert_untouched(path, before)
    expected = b"\x01\x01" if journal == "delete" else b"\x02\x02"
    assert path.read_bytes()[18:20] == expected


def test_another_programs_sqlite_utils_migrations_are_not_qcdesks(tmp_path: Path) -> None:
    path = tmp_path / "other.db"
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE _sqlite_migrations (id INTEGER PRIMARY KEY, migration_set TEXT, "
                 "name TEXT, applied_at TEXT)")
    conn.execute("INSERT INTO _sqlite_migrations(migration_set, name) VALUES ('shop', 'm001')")
    conn.commit()
    conn.close()
    before = digest(path)
    with pytest.raises(StoreError, match="不是 QCDesk 数据库"):
        Store.open(path)
    assert digest(path) == before


def test_zero_byte_or_tableless_files_and_cut_short_first_migration_become_qcdesk(tmp_path: Path) -> None:
    empty = tmp_path / "empty.db"
    empty.touch()
    tableless = tmp_path / "tableless.db"
    with sqlite3.connect(tableless) as conn:
        conn.execute("PRAGMA user_version = 7")  # a header, no tables
    assert tableless.stat().st_size > 0
    cut_short = tmp_path / "cut.db"  # sqlite-utils made its table, then the first migration died
    with sqlite3.connect(cut_short) as conn:
        conn.execute("CREATE TABLE _sqlite_migrations (id INTEGER PRIMARY KEY, migration_set TEXT, "
                     "name TEXT, applied_at TEXT)")
        conn.execute("CREATE UNIQUE INDEX idx ON _sqlite_migrations(migration_set, name)")
    for path in (empty, tableless, cut_short):
        store = Store.open(path)
        assert "enterprise" in store.db.table_names()
        store.close()
        Store.open(path).close()  # and it opens again as QCDesk's


def test_older_qcdesk_database_still_migrates_with_a_copy(tmp_path: Path) -> None:
    path = tmp_path / "old.db"
    Store.open(path).close()
    with sqlite3.connect(path) as conn:  # as the previous version left it
        conn.execute("DELETE FROM _sqlite_migrations WHERE migration_set = 'qcdesk.listing'")
    store = Store.open(path, backup_dir=tmp_path / "backups")
    store.close()
    assert list((tmp_path / "backups").glob("old.pre-migration-*"))


@pytest.fixture
def package(tmp_path: Path) -> Path:
    data = tmp_path / "data.xlsx"
    data.write_bytes(b"workbook bytes")
    out = tmp_path / "out"
    out.mkdir()
    return build_package(out, {"data.xlsx": data},
                         {"period_from": "2026-10-01", "period_to": "2026-10-31"},
                         generate_secret_key(), signer_name="张三", jurisdiction="421221",
                         role="inspector", sequence=1, previous_package_sha256=None)


@pytest.mark.parametrize("journal", ["delete", "wal"])
@pytest.mark.parametrize("command", [["verify", "PKG"], ["import", "PKG"], ["import", "PKG", "--dry-run"],
                                     ["trust", "list"], ["audit", "verify"]])
def test_cli_refuses_another_programs_file_in_one_line(tmp_path: Path, package: Path, capsys,
                                                      command: list[str], journal: str) -> None:
    folder = tmp_path / "elsewhere"
    folder.mkdir()
    path = foreign_file(folder / "o.db", journal)
    before = digest(path)
    argv = [str(package) if part == "PKG" else part for part in command]
    capsys.readouterr()
    assert main([*argv, "--db", str(path)]) == 2
    captured = capsys.readouterr()
    lines = [line for line in captured.err.splitlines() if line.strip()]
    assert len(lines) == 1 and REFUSED in lines[0], captured.err
    assert "信任列表为空" not in captured.out
    assert_untouched(path, before)


def test_verify_leaves_a_current_qcdesk_database_byte_identical(tmp_path: Path, package: Path) -> None:
    path = tmp_path / "q.db"
    Store.open(path).close()
    before = digest(path)
    assert main(["verify", str(package), "--db", str(path)]) == 2  # key not trusted
    assert main(["trust", "list", "--db", str(path)]) == 0
    assert digest(path) == before
    assert not (tmp_path / "backups").exists()


def test_verify_creates_no_database(tmp_path: Path, package: Path, capsys) -> None:
    path = tmp_path / "none.db"
    assert main(["verify", str(package), "--db", str(path)]) == 2
    assert "数据库文件不存在" in capsys.readouterr().err
    assert not path.exists()


def test_gui_refuses_another_programs_file_with_the_chinese_message(
        qtbot, paths: AppPaths, tmp_path: Path, monkeypatch) -> None:
    from qcdesk.ui import app as app_module

    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "exec", lambda self: shown.append(self.text()) or 0)
    folder = tmp_path / "elsewhere"
    folder.mkdir()
    path = foreign_file(folder / "o.db")
    before = digest(path)
    shell = app_module.start_shell(argparse.Namespace(demo=False, db=path, lang="zh_CN"), paths, False)
    qtbot.addWidget(shell.window)
    qtbot.waitUntil(lambda: bool(shown), timeout=5000)
    assert REFUSED in shown[0] and "请选择 QCDesk 的数据库文件" in shown[0]
    assert shell.store is None and shell.migration_job is None
    assert shell.open_database(path) is False  # File ▸ Switch database… the same way
    assert len(shown) == 2 and REFUSED in shown[1]
    shell.window.close()
    shell.shutdown()
    assert_untouched(path, before)
