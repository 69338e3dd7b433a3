"""Reading the database this process has open through SQLite keeps the process's locks on it.

On Linux and macOS closing any descriptor of a file drops every POSIX lock the process holds on
it. 文件 ▸ 打开 of the database the window already showed read and closed the file with Python
(`open_checks.check_openable`): from then on the window held no SHARED lock, so the next `qcdesk`
command to close took itself for the last connection, checkpointed and deleted the -wal and
-shm under the window, and what the window saved afterwards was lost. The same held for 备份与恢复
▸ 保存副本 (`backup.copy_database` read the live file's header with `open`) and for every other
place that reads a database file's bytes (`held_files`)."""

from __future__ import annotations

import contextlib
import os
import sqlite3
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot
from small_screen import started_shell

from qcdesk.exchange import minisign, package
from qcdesk.exchange.minisign import MinisignError
from qcdesk.exchange.package_rules import PackageRejected
from qcdesk.exchange.trust import StoreTrust
from qcdesk.models import (
    backup,
    held_files,
    inspections,
    interrupted,
    open_checks,
    roster,
    roster_files,
    store_errors,
)
from qcdesk.models.roster import RosterFileError
from qcdesk.models.setup_queries import ORG_NAME_SETTING
from qcdesk.models.store import Store, StoreError
from qcdesk.paths import AppPaths

REPO = Path(__file__).resolve().parents[1]

pytestmark = pytest.mark.skipif(not Path("/proc/locks").exists(),
                                reason="POSIX locks seen through Linux's /proc/locks")


def locks_held(db: Path) -> list[str]:
    """This process's POSIX locks on the database file, as the kernel lists them."""
    inode, pid = os.stat(db).st_ino, os.getpid()
    lines = Path("/proc/locks").read_text().splitlines()
    return [line for line in lines if f" {pid} " in line and f":{inode} " in line and "POSIX" in line]


def qcdesk(*args: object) -> subprocess.CompletedProcess[str]:
    """A command another process runs on the same file while the window is open."""
    return subprocess.run([sys.executable, "-c", "import sys; from qcdesk.cli import main; "
                           "sys.exit(main(sys.argv[1:]))", *map(str, args)],
                          cwd=REPO, capture_output=True, text=True, timeout=120)


def stored(db: Path, key: str) -> str | None:
    conn = sqlite3.connect(db)
    try:
        row = conn.execute("SELECT value FROM settings WHERE key = ?", [key]).fetchone()
        return row[0] if row else None
    finally:
        conn.close()


@pytest.fixture
def shell(qtbot: QtBot, paths: AppPaths, tmp_path: Path, monkeypatch: pytest.MonkeyPatch):  # noqa: ANN201
    db = tmp_path / "qcdesk.db"
    Store.open(db, author="test").close()
    yield from started_shell(qtbot, paths, db, "zh_CN", monkeypatch)


def test_opening_the_shown_database_again_loses_no_command_line_write(qtbot: QtBot, shell) -> None:  # noqa: ANN001
    db = Path(shell.store.path)
    qtbot.wait(300)  # the start's jobs (daily copy, pages) done
    assert locks_held(db), "the window holds a SHARED lock on its database"

    assert shell.open_database(db, remember=False, snapshot=False, ask=False)  # 文件 ▸ 打开, same file
    qtbot.wait(300)  # the old store closed when idle
    assert locks_held(db), "opening the same file again dropped the window's lock on it"

    done = qcdesk("settings", "--db", db, "--org-name", "咸宁市市场监督管理局")
    assert done.returncode == 0, done.stderr
    assert Path(f"{db}-wal").exists() and Path(f"{db}-shm").exists(), \
        "a command closing took itself for the last connection and deleted the window's -wal/-shm"

    shell.store.set_setting("e15.window", "saved in the window")
    done = qcdesk("settings", "--db", db, "--org-name", "通城县市场监督管理局")
    assert done.returncode == 0, done.stderr
    assert shell.store.setting(ORG_NAME_SETTING) == "通城县市场监督管理局"

    shell.window.close()
    shell.shutdown()
    assert stored(db, ORG_NAME_SETTING) == "通城县市场监督管理局"
    assert stored(db, "e15.window") == "saved in the window"


def test_saving_a_copy_while_the_window_has_the_database_keeps_its_lock(qtbot: QtBot, shell,  # noqa: ANN001
                                                                       tmp_path: Path) -> None:
    db = Path(shell.store.path)
    qtbot.wait(300)
    assert locks_held(db)
    copied = backup.copy_database(db, tmp_path / "stick" / "qcdesk-backup.db")  # 备份与恢复 ▸ 保存副本
    assert not copied.damaged
    assert locks_held(db), "saving a copy dropped the window's lock on the database"
    done = qcdesk("settings", "--db", db, "--org-name", "咸宁市市场监督管理局")
    assert done.returncode == 0, done.stderr
    assert Path(f"{db}-wal").exists()


def _damaged_copy(store: Store, folder: Path) -> None:
    backup._write_copy(folder / "raw.db", lambda part: backup._raw_copy(store.path, part))


READERS: dict[str, Callable[[Store, Path], object]] = {
    "open_checks.check_kind": lambda s, _f: open_checks.check_kind(s.path),
    "open_checks.check_openable": lambda s, _f: open_checks.check_openable(s.path),
    "backup.check_database_file": lambda s, _f: backup.check_database_file(s.path, newer_ok=True),
    "store_errors.unreadable": lambda s, _f: store_errors.unreadable(s.path),
    "backup._raw_copy (a damaged database's bytes)": _damaged_copy,
    "backup._keep_raw_copy (restore's copy of a damaged one)":
        lambda s, f: backup._keep_raw_copy(s.path, f / "safety.db"),
    "interrupted.migration_copy (an upgrade's copy)": lambda s, f: interrupted.migration_copy(s, f),
    "backup.take_snapshot (daily and before-import copies)": lambda s, f: backup.take_snapshot(s, f),
    # the database chosen by mistake as an enterprise list, a photo or a key file
    "roster_files.load_sheets": lambda s, _f: roster_files.load_sheets(s.path),
    "roster_files.pick_sheets (list imports)": lambda s, _f: roster_files.pick_sheets(
        s.path, roster.COLUMNS, RosterFileError),
    "roster_files.pick_sheet (inspector list)": lambda s, _f: roster_files.pick_sheet(
        s.path, roster.COLUMNS, RosterFileError),
    "inspections.import_photo_file": lambda s, f: inspections.import_photo_file(f, s.path),
    "minisign.read_key_text": lambda s, _f: minisign.read_key_text(s.path, "私钥文件", "Secret key file"),
    "package.open_package (import's check)": lambda s, f: package.open_package(
        s.path, trusted_keys=StoreTrust(s), workdir=f),
}
REFUSALS = (StoreError, RosterFileError, MinisignError, PackageRejected)


@pytest.mark.parametrize("name", sorted(READERS))
def test_reading_the_open_database_keeps_this_process_s_locks(tmp_path: Path, name: str) -> None:
    db = tmp_path / "qcdesk.db"
    store = Store.open(db, author="test")
    try:
        store.set_setting("e15", "committed")
        assert locks_held(db)
        folder = tmp_path / "backups"
        folder.mkdir()
        with contextlib.suppress(*REFUSALS):  # refused in words is fine: the lock is what matters
            READERS[name](store, folder)
        assert locks_held(db), f"{name} dropped this process's lock on the open database"
        conn = sqlite3.connect(db)  # another connection closing: not the last one, so no checkpoint
        conn.execute("SELECT count(*) FROM settings").fetchone()
        conn.close()
        assert Path(f"{db}-wal").exists()
    finally:
        store.close()
    assert stored(db, "e15") == "committed"


def descriptors_of(path: Path) -> int:
    """How many of this process's descriptors refer to the file."""
    want = os.stat(path)
    count = 0
    for name in os.listdir("/dev/fd"):
        try:
            st = os.fstat(int(name))
        except OSError:
            continue
        count += (st.st_dev, st.st_ino) == (want.st_dev, want.st_ino)
    return count


def test_a_parked_descriptor_is_closed_once_nothing_else_has_the_file(tmp_path: Path) -> None:
    db = tmp_path / "qcdesk.db"
    store = Store.open(db, author="test")
    sqlite_own = descriptors_of(db)
    assert held_files.read_head(db, 16) == b"SQLite format 3\x00"
    assert descriptors_of(db) == sqlite_own + 1  # parked: closing it would drop SQLite's locks
    store.close()
    assert held_files.read_head(db, 16) == b"SQLite format 3\x00"
    assert descriptors_of(db) == 0  # the parked one closed with the read after, and the read's own
