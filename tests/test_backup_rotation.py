"""Backup rotation per kind, readable names, and the copy `demo --replace` keeps in the list."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from pathlib import Path

from qcdesk.cli import main
from qcdesk.models import backup, snapshots
from qcdesk.models.inspections import save_inspector
from qcdesk.models.records import Inspector
from qcdesk.models.store import Store


def add(store: Store, name: str) -> None:
    save_inspector(store, Inspector(name=name, jurisdiction_code="421281"))


def test_twenty_imports_in_a_day_leave_the_daily_copies_of_the_days_before(store: Store) -> None:
    """A county office imports 20 packages today: last week's daily copies are still there to
    undo a mistake noticed now (one rotation of 14 for all kinds left nothing older than today)."""
    folder = store.path.parent / "backups"
    now = datetime.now(UTC)
    days = []
    for back in range(6, 0, -1):  # a daily copy from each of the last 6 days (7 with today's: all kept)
        stamp = (now - timedelta(days=back)).strftime("%Y%m%d-%H%M%S")
        days.append(backup.backup_file(store.path, folder / f"{store.path.stem}.daily-{stamp}.db"))
    for n in range(20):
        add(store, f"导入{n:02d}")
        backup.snapshot_before_import(store)
    today = backup.daily_snapshot(store, today=date.today())
    kept = backup.list_backups(folder, store.path)
    dailies = [b.path for b in kept if b.reason == "daily"]
    assert dailies == [today, *days[::-1]]  # none pushed out by the imports
    assert all(p.exists() for p in days)
    imports = [b for b in kept if b.reason == "import"]
    assert len(imports) == backup.DEFAULT_KEEP  # the newest 14 imports, the older ones rotated


def test_each_kind_keeps_its_own_newest_n(store: Store, tmp_path: Path) -> None:
    folder = tmp_path / "backups"
    store.set_setting(backup.KEEP_SETTING, "2")
    taken = {reason: [backup.snapshot(store, folder, reason) for _ in range(3)]
             for reason in ("daily", "import", "manual")}
    kept = backup.list_backups(folder, store.path)
    for reason, paths in taken.items():
        assert [b.path for b in kept if b.reason == reason] == paths[::-1][:2]
        assert not paths[0].exists()


def test_names_read_as_date_and_time_and_repeat_within_a_second(store: Store, tmp_path: Path,
                                                                monkeypatch) -> None:
    folder = tmp_path / "backups"
    first = backup.snapshot(store, folder, "manual")
    assert snapshots._NAME.fullmatch(first.name) is not None
    stem, rest = first.name.split(".", 1)
    assert stem == "qcdesk" and len(rest) == len("manual-20261130-111859+0800.db")
    monkeypatch.setattr(snapshots, "_stamp", lambda: "20261130-111859")
    folder = tmp_path / "other"
    same_second = [backup.snapshot(store, folder, "manual") for _ in range(3)]
    assert [p.name for p in same_second] == ["qcdesk.manual-20261130-111859.db",
                                             "qcdesk.manual-20261130-111859-2.db",
                                             "qcdesk.manual-20261130-111859-3.db"]
    listed = [b for b in backup.list_backups(folder, store.path)
              if b.taken_at == datetime(2026, 11, 30, 11, 18, 59, tzinfo=UTC)]
    assert [b.path for b in listed] == same_second[::-1]  # the last one made first
    store.set_setting(backup.KEEP_SETTING, "2")
    backup.prune(folder, 2, store.path)
    assert [p.exists() for p in same_second] == [False, True, True]  # the oldest of the second goes


def test_a_name_is_not_reused_while_its_damaged_copy_or_part_exists(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setattr(snapshots, "_stamp", lambda: "20261130-111859")
    folder = tmp_path / "backups"
    folder.mkdir()
    (folder / "qcdesk.damaged-import-20261130-111859.db").write_bytes(b"kept apart")
    (folder / "qcdesk.import-20261130-111859-2.db.part").write_bytes(b"being written")
    assert backup.backup_name(tmp_path / "qcdesk.db", "import", folder) == \
        "qcdesk.import-20261130-111859-3.db"


def test_backups_named_by_earlier_versions_are_still_listed(store: Store, tmp_path: Path) -> None:
    folder = tmp_path / "backups"
    old = backup.backup_file(store.path, folder / "qcdesk.manual-20261130T111859923475.db")
    new = backup.backup_file(store.path, folder / "qcdesk.manual-20261130-111900.db")
    older = backup.backup_file(store.path, folder / "qcdesk.daily-20261129T080000000000.db")
    kept = backup.list_backups(folder, store.path)
    assert [b.path for b in kept] == [new, old, older]
    assert kept[1].taken_at == datetime(2026, 11, 30, 11, 18, 59, 923475, tzinfo=UTC)
    assert kept[2].reason == "daily"
    assert backup.damaged_name(old).name == "qcdesk.damaged-manual-20261130T111859923475.db"


def test_the_copy_demo_replace_keeps_is_in_the_backup_list_and_never_rotated(tmp_path: Path,
                                                                             capsys) -> None:
    db = tmp_path / "qcdesk.db"
    store = Store.open(db, author="tester")
    add(store, "王磊")
    store.set_setting(backup.KEEP_SETTING, "1")
    store.close()
    assert main(["demo", "--db", str(db), "--replace", "--enterprises", "5", "--visits", "5"]) == 0
    capsys.readouterr()
    folder = tmp_path / "backups"
    kept = [b for b in backup.list_backups(folder, db) if b.reason == "before-demo"]
    assert len(kept) == 1
    store = Store.open(db)
    store.set_setting(backup.KEEP_SETTING, "1")
    for _ in range(3):
        backup.snapshot(store, folder, "manual")
    store.close()
    assert main(["backup", "--db", str(db)]) == 0
    assert kept[0].path.exists() and kept[0] in backup.list_backups(folder, db)


def test_the_backup_dialog_lists_the_copy_before_demo_data(qtbot, tmp_path: Path) -> None:
    from qcdesk.ui.backup_dialog import BackupDialog

    db = tmp_path / "qcdesk.db"
    store = Store.open(db, author="tester")
    add(store, "王磊")
    backup.backup_file(db, tmp_path / "backups" / backup.backup_name(db, "before-demo"))
    dialog = BackupDialog(store, tmp_path / "backups")
    qtbot.addWidget(dialog)
    kinds = [dialog.table.item(r, 1).text() for r in range(dialog.table.rowCount())]
    assert kinds == ["Before demo data (the newest 3 kept)"]
    store.close()
