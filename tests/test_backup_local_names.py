"""Backup names carry the inspector's local time: one made at 09:30 in Xianning reads 0930, not
the UTC 0130 (the wrong backup was picked); copies named in UTC by earlier versions still list
at their true time and restore."""

from __future__ import annotations

import time
from collections.abc import Iterator
from datetime import UTC, datetime, tzinfo
from pathlib import Path

import pytest

from qcdesk.cli import main
from qcdesk.models import backup, snapshots
from qcdesk.models.clock_text import local_time
from qcdesk.models.inspections import save_inspector
from qcdesk.models.records import Inspector
from qcdesk.models.store import Store

AT_0930_IN_XIANNING = datetime(2026, 11, 30, 1, 30, 0, tzinfo=UTC)


class _Clock(datetime):
    """`datetime` whose now() is 09:30 in Xianning (01:30 UTC)."""

    @classmethod
    def now(cls, tz: tzinfo | None = None) -> datetime:  # type: ignore[override]
        if tz is not None:
            return AT_0930_IN_XIANNING.astimezone(tz)
        return AT_0930_IN_XIANNING.astimezone().replace(tzinfo=None)


@pytest.fixture
def xianning(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """The computer's time zone is China's, and the clock reads 09:30 on 2026-11-30."""
    monkeypatch.setenv("TZ", "Asia/Shanghai")
    time.tzset()
    monkeypatch.setattr(snapshots, "datetime", _Clock)
    yield
    monkeypatch.undo()
    time.tzset()


def _database(tmp_path: Path, name: str) -> Path:
    db = tmp_path / "data" / "qcdesk.db"
    store = Store.open(db, author="tester")
    save_inspector(store, Inspector(name=name, jurisdiction_code="421281"))
    store.close()
    return db


def test_a_backup_made_at_0930_local_is_named_0930(tmp_path: Path, capsys, xianning) -> None:
    db = _database(tmp_path, "王磊")
    assert main(["backup", "--db", str(db)]) == 0
    printed = capsys.readouterr().out
    assert "qcdesk.manual-20261130-093000+0800.db" in printed, printed
    [info] = backup.list_backups(db.parent / "backups", db)
    assert info.path.name == "qcdesk.manual-20261130-093000+0800.db"
    assert info.taken_at == AT_0930_IN_XIANNING
    assert local_time(info.taken_at) == "2026-11-30 09:30"


def test_older_utc_names_list_at_their_true_time_and_restore(tmp_path: Path, capsys, xianning) -> None:
    db = _database(tmp_path, "王磊")
    folder = db.parent / "backups"
    # an earlier version's copy made at 08:30 local, named in UTC
    old = backup.backup_file(db, folder / "qcdesk.daily-20261130-003000.db")
    store = Store.open(db, author="tester")
    save_inspector(store, Inspector(name="李娜", jurisdiction_code="421281"))
    store.close()
    assert main(["backup", "--db", str(db)]) == 0
    listed = backup.list_backups(folder, db)
    assert [b.path.name for b in listed] == ["qcdesk.manual-20261130-093000+0800.db", old.name]
    assert local_time(listed[1].taken_at) == "2026-11-30 08:30"  # not 00:30
    capsys.readouterr()
    assert main(["restore", str(old), "--db", str(db), "--yes"]) == 0
    assert "restored" in capsys.readouterr().out
    names = [b.path.name for b in backup.list_backups(folder, db)]
    assert "qcdesk.before-restore-20261130-093000+0800.db" in names
