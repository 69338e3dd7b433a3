"""What the user saw as saved survives a power cut (reviewer "crash" #3).

SQLite in WAL mode with synchronous=NORMAL may roll back the last commits after a power loss
or system crash; an export's record could vanish while its package, already handed over,
survived, and the next export signed the same number again. Every connection QCDesk opens on
its database now commits with synchronous=FULL, the export's record is on disk before its
package gets its name, and the folder is synced after each rename into place."""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path
from typing import Any

import pytest
from exchange_fixtures import populate
from pytestqt.qtbot import QtBot

from qcdesk.models.store import Store

FULL = 2  # PRAGMA synchronous: 0 OFF, 1 NORMAL, 2 FULL, 3 EXTRA


class _Watched(sqlite3.Connection):
    """Remembers, as it closes, how each connection to the database was set to commit."""

    seen: list[tuple[str, str, int]] = []

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.target = str(args[0] if args else kwargs.get("database", ""))

    def close(self) -> None:
        try:
            mode = self.execute("PRAGMA journal_mode").fetchone()[0]
            sync = self.execute("PRAGMA synchronous").fetchone()[0]
            _Watched.seen.append((self.target, mode, sync))
        except sqlite3.Error:
            pass
        super().close()


@pytest.fixture
def watched(monkeypatch: pytest.MonkeyPatch) -> list[tuple[str, str, int]]:
    real = sqlite3.connect
    _Watched.seen = []

    def connect(*args: Any, **kwargs: Any) -> sqlite3.Connection:
        kwargs.setdefault("factory", _Watched)
        return real(*args, **kwargs)

    monkeypatch.setattr(sqlite3, "connect", connect)
    return _Watched.seen


def _on(seen: list[tuple[str, str, int]], db: Path) -> list[tuple[str, int]]:
    return [(mode, sync) for target, mode, sync in seen if Path(target).name == db.name]


def test_the_cli_commits_with_full_sync(tmp_path: Path, watched: list, capsys: Any) -> None:
    from qcdesk.cli import main

    db = tmp_path / "qcdesk.db"
    store = Store.open(db, author="zhang")
    populate(store, 1, 1)
    store.close()
    assert main(["keygen", "--name", "张三", "--jurisdiction", "421221", "--out",
                 str(tmp_path / "keys"), "--light", "--passphrase-file", str(_pw(tmp_path))]) == 0
    out = tmp_path / "usb"
    out.mkdir()
    assert main(["export", "--db", str(db), "--key", str(tmp_path / "keys" / "421221_张三.key"),
                 "--out", str(out), "--passphrase-file", str(_pw(tmp_path))]) == 0
    opened = _on(watched, db)
    assert opened and all(mode == "wal" for mode, _ in opened)
    assert {sync for _, sync in opened} == {FULL}, opened


def test_the_window_and_its_workers_commit_with_full_sync(tmp_path: Path, watched: list,
                                                           qtbot: QtBot) -> None:
    from qcdesk.ui.workers import start_job

    db = tmp_path / "qcdesk.db"
    Store.open(db).close()
    job = start_job(lambda store, _progress: store.db.execute("PRAGMA synchronous").fetchone()[0],
                    db_path=db)
    with qtbot.waitSignal(job.succeeded, timeout=10000) as got:
        pass
    assert got.args == [FULL]
    assert {sync for _, sync in _on(watched, db)} == {FULL}


def test_the_export_is_on_disk_before_its_package_is_named_and_the_name_is_synced(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """At the rename the record is committed by a FULL-sync connection (another connection
    sees it); after it, the folder is synced (os.fsync on the folder)."""
    from qcdesk.exchange import export as ex
    from qcdesk.exchange.minisign import generate_secret_key

    db, out = tmp_path / "qcdesk.db", tmp_path / "usb"
    out.mkdir()
    store = Store.open(db, author="zhang")
    populate(store, 1, 1)
    events: list[tuple[str, Any]] = []
    real_replace, real_fsync = os.replace, os.fsync

    def replace(src: Any, dst: Any) -> None:
        if str(dst).endswith(".qcpkg.zip"):
            other = sqlite3.connect(db)
            try:
                recorded = other.execute("SELECT count(*) FROM exchange_export").fetchone()[0]
            finally:
                other.close()
            sync = store.db.execute("PRAGMA synchronous").fetchone()[0]
            events.append(("rename", (recorded, sync)))
        real_replace(src, dst)

    def fsync(fd: int) -> None:
        events.append(("fsync", Path(os.readlink(f"/proc/self/fd/{fd}"))))
        real_fsync(fd)

    monkeypatch.setattr(os, "replace", replace)
    monkeypatch.setattr(os, "fsync", fsync)
    try:
        ex.export_package(store, out, generate_secret_key(), signer_name="张三",
                          jurisdiction="421221", role="inspector")
    finally:
        store.close()
    renames = [i for i, (what, _) in enumerate(events) if what == "rename"]
    assert [events[i][1] for i in renames] == [(1, FULL)]
    assert ("fsync", out.resolve()) in events[renames[0]:]


def test_every_rename_into_place_syncs_its_folder(tmp_path: Path,
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    """Backups taken through the store (the copy before a migration) and every atomic save."""
    if os.name != "posix":
        pytest.skip("Windows cannot sync a folder")
    from qcdesk.models import file_replace

    synced: list[Path] = []
    real_fsync = os.fsync

    def fsync(fd: int) -> None:
        synced.append(Path(os.readlink(f"/proc/self/fd/{fd}")))
        real_fsync(fd)

    monkeypatch.setattr(os, "fsync", fsync)
    side, target = tmp_path / ".a.part", tmp_path / "sub" / "a.xlsx"
    target.parent.mkdir()
    side.write_bytes(b"x")
    file_replace.replace_into_place(side, target)
    assert synced == [target.parent.resolve()]
    store = Store.open(tmp_path / "qcdesk.db")
    synced.clear()
    store.backup_to(tmp_path / "backups" / "copy.db")
    store.close()
    assert (tmp_path / "backups").resolve() in synced


def _pw(tmp_path: Path) -> Path:
    pw = tmp_path / "pw.txt"
    pw.write_text("长口令 long passphrase\n", encoding="utf-8")
    return pw


def test_a_backup_and_a_restore_keep_their_names_through_a_power_cut(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """`qcdesk backup` and the restore's copy of the database as it was renamed with a bare
    os.replace: the copy was written, but after a power cut its name could go back to the side
    file (which the next clean-up removes: the user had no backup after all)."""
    if os.name != "posix":
        pytest.skip("Windows cannot sync a folder")
    from qcdesk.models import backup

    store = Store.open(tmp_path / "data" / "qcdesk.db")
    store.close()
    synced: list[Path] = []
    real_fsync = os.fsync

    def fsync(fd: int) -> None:
        synced.append(Path(os.readlink(f"/proc/self/fd/{fd}")))
        real_fsync(fd)

    monkeypatch.setattr(os, "fsync", fsync)
    out = tmp_path / "usb" / "copy.db"
    backup.copy_database(tmp_path / "data" / "qcdesk.db", out)
    assert out.is_file() and out.parent.resolve() in synced
    synced.clear()
    backup.restore(out, tmp_path / "data" / "qcdesk.db", tmp_path / "data" / "backups")
    assert (tmp_path / "data" / "backups").resolve() in synced  # its copy of what was there before
