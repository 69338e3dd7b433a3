"""Backups and restore: daily/import snapshots, rotation, and a restore that checks before it replaces."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest

from qcdesk.cli import main
from qcdesk.models import audit, backup
from qcdesk.models.inspections import save_inspector
from qcdesk.models.instance_lock import InstanceLock
from qcdesk.models.records import Inspector
from qcdesk.models.store import Store, StoreError


def dump(path: Path) -> list[str]:
    conn = sqlite3.connect(path)
    try:
        return list(conn.iterdump())
    finally:
        conn.close()


def names(path: Path) -> list[str]:
    conn = sqlite3.connect(path)
    try:
        return [r[0] for r in conn.execute("SELECT name FROM inspector ORDER BY name")]
    finally:
        conn.close()


def add(store: Store, name: str) -> None:
    save_inspector(store, Inspector(name=name, jurisdiction_code="421281"))


def test_snapshots_rotate_to_the_setting(store: Store, tmp_path: Path) -> None:
    folder = tmp_path / "backups"
    store.set_setting(backup.KEEP_SETTING, "3")
    reasons = ("manual", "import", "daily", "import", "manual", "manual", "import", "manual")
    taken = [backup.snapshot(store, folder, reason) for reason in reasons]
    kept = backup.list_backups(folder, store.path)
    assert [b.path for b in kept] == [p for p in taken[::-1] if p != taken[0]]  # 3 of each kind
    assert [b.reason for b in kept] == ["manual", "import", "manual", "manual", "import", "daily", "import"]
    assert not taken[0].exists()
    assert backup.keep_count(store) == 3
    store.set_setting(backup.KEEP_SETTING, "many")
    assert backup.keep_count(store) == backup.DEFAULT_KEEP


def test_daily_snapshot_once_per_day_and_it_is_consistent(store: Store, tmp_path: Path) -> None:
    folder = tmp_path / "backups"
    add(store, "王磊")
    first = backup.daily_snapshot(store, folder)
    assert first is not None and backup.daily_snapshot(store, folder) is None
    assert backup.daily_snapshot(store, folder, today=date(2999, 1, 1)) is not None
    assert names(first) == ["王磊"]  # taken while the WAL still held the row
    backup.check_database_file(first)


def test_cli_backup_and_restore_round_trip(tmp_path: Path, capsys) -> None:
    db = tmp_path / "data" / "qcdesk.db"
    store = Store.open(db, author="tester")
    add(store, "王磊")
    store.close()
    out = tmp_path / "usb" / "qcdesk-2026-11-29.db"
    assert main(["backup", "--db", str(db), "--out", str(out)]) == 0
    store = Store.open(db, author="tester")
    add(store, "李娜")  # a change made after the backup
    store.close()
    assert main(["restore", str(out), "--db", str(db), "--yes"]) == 0
    printed = capsys.readouterr().out
    assert "恢复数据库" in printed and "previous database kept" in printed
    assert names(db) == ["王磊"]
    safety = backup.list_backups(db.parent / "backups", db)
    assert [b.reason for b in safety] == ["before-restore"] and names(safety[0].path) == ["李娜", "王磊"]
    assert not Path(str(db) + "-wal").exists() or Path(str(db) + "-wal").stat().st_size == 0
    store = Store.open(db)
    assert audit.verify(store).ok
    store.close()


def test_restore_refuses_anything_but_an_intact_qcdesk_database(tmp_path: Path, capsys) -> None:
    db = tmp_path / "qcdesk.db"
    store = Store.open(db, author="tester")
    add(store, "王磊")
    store.close()
    before = dump(db)
    junk = tmp_path / "junk.db"
    junk.write_bytes(b"PK\x03\x04 not a database at all" * 100)
    other = tmp_path / "other.db"
    conn = sqlite3.connect(other)
    conn.execute("CREATE TABLE t(x)")
    conn.close()
    damaged = tmp_path / "damaged.db"
    backup.backup_file(db, damaged)
    data = bytearray(damaged.read_bytes())
    page = 4096
    data[page * 3: page * 3 + 100] = b"\xff" * 100  # smash a b-tree page header
    damaged.write_bytes(bytes(data))
    for bad, expected in ((junk, "不是 QCDesk 数据库"), (other, "不是 QCDesk 数据库"), (damaged, "损坏"),
                          (tmp_path / "missing.db", "找不到")):
        assert main(["restore", str(bad), "--db", str(db)]) == 2
        err = capsys.readouterr().err
        assert expected in err and "Traceback" not in err, err
        assert dump(db) == before
    assert not (tmp_path / "backups").exists()  # nothing was even copied aside


def test_restoring_the_database_onto_itself_is_refused_without_a_copy(tmp_path: Path) -> None:
    """The file itself, or a link to it: nothing to restore, and no before-restore copy taken."""
    db = tmp_path / "qcdesk.db"
    store = Store.open(db, author="tester")
    add(store, "王磊")
    store.close()
    link = tmp_path / "link.db"
    link.symlink_to(db)
    for source in (db, link):
        with pytest.raises(StoreError) as refused:
            backup.restore(source, db, tmp_path / "backups")
        assert "就是当前数据库本身" in refused.value.text("zh")
    assert not (tmp_path / "backups").exists() and names(db) == ["王磊"]


def test_restore_refused_while_another_instance_has_the_database(tmp_path: Path, capsys) -> None:
    db = tmp_path / "qcdesk.db"
    Store.open(db).close()
    copy = backup.backup_file(db, tmp_path / "copy.db")
    store = Store.open(db)
    add(store, "王磊")
    store.close()
    with InstanceLock(db):
        assert main(["restore", str(copy), "--db", str(db)]) == 2
    assert "另一个 QCDesk 窗口" in capsys.readouterr().err
    assert main(["restore", str(copy), "--db", str(db), "--yes"]) == 0


def test_backup_while_the_app_is_writing_in_another_process(tmp_path: Path) -> None:
    db = tmp_path / "qcdesk.db"
    Store.open(db).close()
    writer = subprocess.Popen([sys.executable, "-c", (
        "import sqlite3, sys\n"
        f"c = sqlite3.connect({str(db)!r}, isolation_level=None)\n"
        "c.execute('BEGIN IMMEDIATE')\n"
        "c.execute(\"UPDATE settings SET value = 'x' WHERE 0\")\n"
        "print('holding', flush=True)\n"
        "sys.stdin.read()\n")], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    try:
        assert writer.stdout.readline().strip() == "holding"
        out = backup.backup_file(db, tmp_path / "during.db")  # readers are not blocked by a writer
        backup.check_database_file(out)
    finally:
        writer.stdin.close()
        writer.wait(timeout=10)


def test_import_and_daily_helpers_use_the_folder_next_to_the_database(store: Store) -> None:
    taken = backup.snapshot_before_import(store)
    assert taken is not None and taken.parent == store.path.parent / "backups"
    assert backup.daily_snapshot(store) is not None and backup.daily_snapshot(store) is None
    kept = backup.list_backups(store.path.parent / "backups", store.path)
    assert [b.reason for b in kept] == ["daily", "import"]
    assert backup.snapshot_before_import(Store.memory()) is None


def test_cli_backup_into_the_rotation_keeps_the_newest_n(tmp_path: Path, capsys) -> None:
    db = tmp_path / "qcdesk.db"
    store = Store.open(db)
    store.set_setting(backup.KEEP_SETTING, "2")
    store.close()
    for _ in range(4):
        assert main(["backup", "--db", str(db)]) == 0
    assert len(backup.list_backups(tmp_path / "backups", db)) == 2
    assert "backup written" in capsys.readouterr().out


# --- progress and stopping (the GUI's worker) ---------------------------------------------------

class Stop(Exception):
    pass


def restore_setup(tmp_path: Path) -> tuple[Path, Path, Path, list[str]]:
    db = tmp_path / "qcdesk.db"
    store = Store.open(db)
    add(store, "王磊")
    old = backup.backup_file(db, tmp_path / "old.db")
    add(store, "李娜")
    store.close()
    return db, old, tmp_path / "backups", dump(db)


def test_a_restore_reports_its_stages_in_order(tmp_path: Path) -> None:
    db, old, folder, _before = restore_setup(tmp_path)
    stages: list[str] = []
    safety = backup.restore(old, db, folder, report=lambda stage, done, total: stages.append(stage))
    assert [s for i, s in enumerate(stages) if i == 0 or stages[i - 1] != s] == \
        ["check", "stage", "safety", "swap"]
    assert names(db) == ["王磊"] and safety is not None and names(safety) == ["李娜", "王磊"]


@pytest.mark.parametrize("stage", ["check", "stage", "safety", "swap"])
def test_stopped_before_the_swap_nothing_changes_and_no_copy_is_kept(tmp_path: Path,
                                                                     stage: str) -> None:
    """`report` raising in a stage, up to the first "swap" report (the last chance): the
    database as it was, no before-restore copy listed, no side file left."""
    db, old, folder, before = restore_setup(tmp_path)

    def report(at: str, _done: int, _total: int) -> None:
        if at == stage:
            raise Stop()

    with pytest.raises(Stop):
        backup.restore(old, db, folder, report=report)
    assert dump(db) == before
    assert backup.list_backups(folder) == []
    assert [p.name for p in tmp_path.rglob("*") if p.name.endswith((".part", ".restoring"))] == []


def test_a_checked_backup_is_not_checked_again_unless_it_changed(tmp_path: Path,
                                                                 monkeypatch) -> None:
    """The integrity check reads the whole file (~20 s a GB): the dialog checks the backup
    before asking, and the restore does not check it a second time, unless it was written since."""
    db, old, folder, _before = restore_setup(tmp_path)
    checked = backup.check_database_file(old)
    calls: list[Path] = []
    real_check = backup.check_database_file
    monkeypatch.setattr(backup, "check_database_file",
                        lambda path, report=None: calls.append(path) or real_check(path, report))
    backup.restore(old, db, folder, checked=checked)
    assert calls == [] and names(db) == ["王磊"]
    conn = sqlite3.connect(old)
    conn.execute("UPDATE inspector SET name = '王磊磊'")
    conn.commit()
    conn.close()
    backup.restore(old, db, folder, checked=checked)
    assert calls == [old] and names(db) == ["王磊磊"]


# --- copies kept until deleted by hand, and --out that would replace a file (review rr3) ---------

def test_the_copy_taken_before_a_restore_or_an_upgrade_is_never_pruned(tmp_path: Path, capsys) -> None:
    db = tmp_path / "qcdesk.db"
    store = Store.open(db)
    store.set_setting(backup.KEEP_SETTING, "2")
    add(store, "王磊")
    store.close()
    old = backup.backup_file(db, tmp_path / "old.db")
    store = Store.open(db)
    add(store, "李娜")
    store.close()
    folder = tmp_path / "backups"
    upgrade = folder / backup.backup_name(db, "pre-migration")
    backup.backup_file(db, upgrade)
    assert main(["restore", str(old), "--db", str(db), "--yes"]) == 0
    safety = [b.path for b in backup.list_backups(folder, db) if b.reason == "before-restore"]
    assert len(safety) == 1 and str(safety[0]) in capsys.readouterr().out
    for _ in range(3):  # routine copies (and each import takes one) rotate past it
        assert main(["backup", "--db", str(db)]) == 0
    store = Store.open(db)
    backup.snapshot_before_import(store)
    backup.daily_snapshot(store, folder)
    store.close()
    kept = backup.list_backups(folder, db)
    assert safety[0].exists() and names(safety[0]) == ["李娜", "王磊"]
    assert upgrade.exists()
    assert [b.reason for b in kept if b.reason in backup.ROUTINE_REASONS].count("manual") == 2  # N per kind
    assert len([b for b in kept if b.reason in backup.ROUTINE_REASONS]) == 4  # 2 manual, 1 import, 1 daily
    assert sorted(b.reason for b in kept if b.reason in backup.KEPT_REASONS) == ["before-restore",
                                                                                 "pre-migration"]


def test_backup_out_refuses_an_existing_file_unless_forced(tmp_path: Path, capsys) -> None:
    db = tmp_path / "qcdesk.db"
    store = Store.open(db)
    add(store, "王磊")
    store.close()
    out = tmp_path / "usb.db"
    out.write_bytes(b"an older backup, perhaps the only one")
    assert main(["backup", "--db", str(db), "--out", str(out)]) == 2
    err = capsys.readouterr().err
    assert "文件已存在，请换一个文件名或先删除它" in err and len(err.strip().splitlines()) == 1
    assert out.read_bytes() == b"an older backup, perhaps the only one"
    assert main(["backup", "--db", str(db), "--out", str(out), "--force"]) == 0
    assert names(out) == ["王磊"]


def test_backup_out_onto_a_full_disk_says_why_in_chinese(tmp_path: Path, capsys,
                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    db = tmp_path / "qcdesk.db"
    Store.open(db).close()

    def full(*_args: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(backup, "_copy_with_backup_api", full)
    assert main(["backup", "--db", str(db), "--out", str(tmp_path / "usb.db")]) == 2
    err = capsys.readouterr().err
    assert "磁盘已满" in err and "No space" not in err
    with pytest.raises(StoreError) as info:
        backup.backup_file(db, tmp_path / "x.db")
    assert "磁盘已满" in info.value.message_zh and "disk is full" in info.value.message_en


def test_copies_of_one_second_list_in_the_order_they_were_made(store: Store, tmp_path: Path,
                                                               monkeypatch: pytest.MonkeyPatch) -> None:
    """The repeat number (-2, -3) counts copies of one kind in one second, so it says nothing of
    the order between kinds: a loaded machine once listed the third manual copy of a second above
    the import made after it (a fresh-clone run of the rotation test above)."""
    from qcdesk.models import snapshots

    stamps = iter(["20261130-144756"] * 4 + ["20261130-144757"] * 4)
    monkeypatch.setattr(snapshots, "_stamp", lambda: next(stamps))
    folder = tmp_path / "backups"
    store.set_setting(backup.KEEP_SETTING, "9")
    reasons = ("manual", "import", "daily", "import", "manual", "manual", "import", "manual")
    taken = [backup.snapshot(store, folder, reason) for reason in reasons]
    assert [p.name.split(".", 1)[1] for p in taken[4:]] == [
        "manual-20261130-144757.db", "manual-20261130-144757-2.db", "import-20261130-144757.db",
        "manual-20261130-144757-3.db"]
    assert [b.path for b in backup.list_backups(folder, store.path)] == taken[::-1]
