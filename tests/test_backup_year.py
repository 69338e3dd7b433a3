"""A year of backups: daily copies thinned to reach back a year, way-back copies not kept for
ever, and the -wal cut back after a big import's checkpoint (review RC: B1, B4, B5, C1)."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from pathlib import Path

from qcdesk.models import backup
from qcdesk.models import store as store_module
from qcdesk.models.backup_schedule import DAILY_RECENT, MONTHS, WEEKS
from qcdesk.models.database_changes import checkpoint_passive
from qcdesk.models.store import Store, write_transaction


def _copy(store: Store, folder: Path, reason: str, when: datetime) -> Path:
    """A real copy of the database under the name the app gives a copy made at `when`."""
    stamp = when.astimezone().strftime("%Y%m%d-%H%M%S%z")
    return backup.backup_file(store.path, folder / f"{store.path.stem}.{reason}-{stamp}.db")


def test_a_year_of_daily_copies_reaches_back_a_year_in_few_copies(store: Store) -> None:
    """An inspector starts QCDesk every working day for a year: a copy from half a year ago,
    and one from each of the last 4 weeks, are still there to restore, and the folder holds
    about 20 copies, not 14 copies of the last three weeks."""
    folder = store.path.parent / "backups"
    now = datetime.now(UTC).replace(microsecond=0)
    made = []
    for back in range(365, 0, -1):
        when = now - timedelta(days=back)
        if when.astimezone().weekday() < 5:  # working days
            made.append(_copy(store, folder, "daily", when))
            backup.prune(folder, backup.DEFAULT_KEEP, store.path, spare=made[-1])
    today = backup.take_daily_snapshot(store, folder, today=date.today())
    assert today is not None and not today.damaged
    kept = [b for b in backup.list_backups(folder, store.path) if b.reason == "daily"]
    ages = [(now - b.taken_at).days for b in kept]
    assert kept[0].path == today.path and all(p.exists() for p in made[-(DAILY_RECENT - 1):])
    assert len(kept) <= DAILY_RECENT + WEEKS + MONTHS and len(kept) < 23
    assert any(150 <= age <= 200 for age in ages)  # about six months back
    assert max(ages) >= 300  # 11 months back: the end of each of the 11 months before this one
    for week in range(1, 4):  # a copy in each of the last weeks: a mistake found at month's end
        assert any(7 * week - 6 <= age <= 7 * week + 3 for age in ages), (week, ages)


def test_imports_and_manual_copies_still_keep_the_newest_n(store: Store) -> None:
    folder = store.path.parent / "backups"
    now = datetime.now(UTC).replace(microsecond=0)
    for reason in ("import", "manual"):
        for back in range(40, 0, -1):
            _copy(store, folder, reason, now - timedelta(days=back))
    backup.snapshot(store, folder, "manual")
    kept = backup.list_backups(folder, store.path)
    assert [b.reason for b in kept].count("manual") == backup.DEFAULT_KEEP
    assert [b.reason for b in kept].count("import") == backup.DEFAULT_KEEP


def test_copies_before_upgrades_and_restores_keep_the_newest_three(store: Store) -> None:
    """One copy per upgrade for ever grew backups/ by the database at each update: the newest 3
    of each such kind stay, and any of the last 30 days, the rest go at the next backup."""
    folder = store.path.parent / "backups"
    now = datetime.now(UTC).replace(microsecond=0)
    upgrades = [_copy(store, folder, "pre-migration", now - timedelta(days=d))
                for d in (400, 300, 200, 100, 60)]
    recent = [_copy(store, folder, "pre-migration", now - timedelta(days=d)) for d in (20, 10, 2)]
    restores = [_copy(store, folder, "before-restore", now - timedelta(days=d)) for d in (90, 80)]
    demo = _copy(store, folder, "before-demo", now - timedelta(days=500))
    backup.take_daily_snapshot(store, folder, today=date.today())
    kept = {b.path for b in backup.list_backups(folder, store.path)}
    assert set(recent) <= kept  # the newest 3, all under 30 days old
    assert not any(p.exists() for p in upgrades)
    assert set(restores) <= kept and demo in kept  # fewer than 3 of their kind: none goes
    for d in (45, 40, 35, 5):  # an office upgrading often: the last 30 days' are all kept
        _copy(store, folder, "pre-migration", now - timedelta(days=d))
    backup.snapshot(store, folder, "manual")
    ages = sorted((now - b.taken_at).days for b in backup.list_backups(folder, store.path)
                  if b.reason == "pre-migration")
    assert ages == [2, 5, 10, 20]


def test_the_wal_shrinks_after_a_big_import_is_checkpointed(tmp_path: Path, monkeypatch) -> None:
    """After an import of many MB in one transaction, the -wal kept that size until the window
    closed; now the checkpoint cuts it back to the limit (64 MB; 1 MB here to keep the test short)."""
    db = tmp_path / "qcdesk.db"
    opened = Store.open(db, author="tester")
    assert opened.db.execute("PRAGMA journal_size_limit").fetchone()[0] == 64 * 1024 * 1024
    opened.close()
    monkeypatch.setattr(store_module, "WAL_LIMIT", 1024 * 1024)
    store = Store.open(db, author="tester")
    reader = Store.open(db, author="tester")  # the window's other connection: the file stays open
    try:
        with write_transaction(store.db):  # one transaction, as an import writes
            store.db.execute("CREATE TABLE big (b BLOB)")
            for _ in range(40):
                store.db.execute("INSERT INTO big VALUES (randomblob(200000))")
        wal = Path(f"{db}-wal")
        assert wal.stat().st_size > 6 * 1024 * 1024
        assert checkpoint_passive(store) is not None
        store.db.execute("INSERT INTO big VALUES (x'00')")  # the next save starts the log again
        checkpoint_passive(store)
        assert wal.exists() and wal.stat().st_size <= 1024 * 1024
    finally:
        reader.close()
        store.close()


def test_the_backup_window_shows_what_the_folders_take_and_the_free_space(qtbot, tmp_path: Path,
                                                                          monkeypatch) -> None:
    """备份与恢复 says how big backups/, received/ and photos/ are and what is left on the disk:
    before, only each copy's size showed and a full disk was first seen as a refused save."""
    from collections import namedtuple

    from PySide6.QtWidgets import QLabel

    from qcdesk.models import free_space
    from qcdesk.ui.backup_dialog import BackupDialog

    usage = namedtuple("usage", "total used free")
    monkeypatch.setattr(free_space.shutil, "disk_usage",
                        lambda _p: usage(100 * 1024**3, 90 * 1024**3, int(7.5 * 1024**3)))
    db = tmp_path / "data" / "qcdesk.db"
    store = Store.open(db, author="tester")
    folder = db.parent / "backups"
    (db.parent / "received").mkdir()
    (db.parent / "received" / "包.qcpkg").write_bytes(b"\0" * (3 * 1024 * 1024))
    photos = db.parent / "photos"
    (photos / "ab").mkdir(parents=True)
    (photos / "ab" / "p.jpg").write_bytes(b"\0" * (2 * 1024 * 1024))
    for _ in range(2):
        backup.snapshot(store, folder, "manual")
    total = sum(p.stat().st_size for p in folder.iterdir())
    dialog = BackupDialog(store, folder, photos_dir=photos)
    qtbot.addWidget(dialog)
    dialog.show()
    text = dialog.findChild(QLabel, "diskUse").text()
    assert f"Backups folder: {free_space.size_text(total)}" in text
    assert "packages received: 3.0 MB" in text and "photos: 2.0 MB" in text
    assert "free on this disk: 7.5 GB" in text
    dialog.backup_button.click()  # a new copy: the total follows
    total = sum(p.stat().st_size for p in folder.iterdir())
    assert f"Backups folder: {free_space.size_text(total)}" in dialog.findChild(QLabel, "diskUse").text()
    dialog.grab().save(str(tmp_path / "backups_dialog.png"))
    store.close()
