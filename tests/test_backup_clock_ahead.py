"""Backups after a period with the clock a year ahead (or behind): copies named later than now
never make a correct copy be deleted, the warning names them, and 备份与恢复 offers the newest
copy that is not named in the future (review R1 B2)."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, tzinfo
from pathlib import Path

import pytest

from qcdesk.models import backup, snapshots
from qcdesk.models.inspections import save_inspector
from qcdesk.models.records import Inspector
from qcdesk.models.store import Store

_NOW = [datetime(2026, 12, 1, 1, 0, tzinfo=UTC)]


class _Clock(datetime):
    """`datetime` whose now() is `_NOW[0]` (the computer's clock, moved by the test)."""

    @classmethod
    def now(cls, tz: tzinfo | None = None) -> datetime:  # type: ignore[override]
        if tz is not None:
            return _NOW[0].astimezone(tz)
        return _NOW[0].astimezone().replace(tzinfo=None)


@pytest.fixture
def clock(monkeypatch: pytest.MonkeyPatch, shanghai) -> Iterator[list[datetime]]:  # noqa: ANN001
    monkeypatch.setattr(snapshots, "datetime", _Clock)
    yield _NOW


def _store(tmp_path: Path) -> Store:
    store = Store.open(tmp_path / "qcdesk.db", author="tester")
    save_inspector(store, Inspector(name="王磊", jurisdiction_code="421281"))
    store.set_setting(backup.KEEP_SETTING, "5")
    return store


def _at(day: str) -> datetime:
    return datetime.fromisoformat(f"{day}T01:00:00+00:00")  # 09:00 in Xianning


def _days(folder: Path, db: Path) -> list[str]:
    return sorted(b.path.name.split("-")[1] for b in backup.list_backups(folder, db))


def test_correct_backups_after_a_year_ahead_are_kept_and_the_warning_names_the_future_ones(
        tmp_path: Path, clock: list[datetime]) -> None:
    store = _store(tmp_path)
    folder = tmp_path / "backups"
    try:
        for day in ("2027-12-03", "2027-12-04", "2027-12-05", "2027-12-06"):  # clock a year ahead
            clock[0] = _at(day)
            backup.take_snapshot(store, folder, "manual")
        for day in ("2026-12-02", "2026-12-03", "2026-12-04", "2026-12-05", "2026-12-06", "2026-12-07"):
            clock[0] = _at(day)  # corrected
            taken = backup.take_snapshot(store, folder, "manual")
    finally:
        store.close()
    # the newest 5 correct copies, and the 4 future-named ones (never deleted automatically)
    assert _days(folder, store.path) == ["20261203", "20261204", "20261205", "20261206", "20261207",
                                         "20271203", "20271204", "20271205", "20271206"]
    text = taken.clock_text()
    assert "有 4 份备份的名称时间晚于电脑时钟" in text, text
    assert "qcdesk.manual-20271206-090000+0800.db" in text and "不会被自动删除" in text
    assert "请检查系统的日期和时间" in text


def test_with_the_clock_behind_the_copies_of_that_time_rotate_among_themselves(
        tmp_path: Path, clock: list[datetime]) -> None:
    """The mirror case: while the clock is behind, each copy no longer deletes the one before."""
    store = _store(tmp_path)
    folder = tmp_path / "backups"
    try:
        for day in ("2026-11-26", "2026-11-27", "2026-11-28", "2026-11-29", "2026-11-30"):
            clock[0] = _at(day)
            backup.take_snapshot(store, folder, "daily")
        for day in ("2019-06-01", "2019-06-02", "2019-06-03"):  # the clock fell back
            clock[0] = _at(day)
            backup.take_snapshot(store, folder, "daily")
    finally:
        store.close()
    assert _days(folder, store.path) == ["20190601", "20190602", "20190603", "20261126", "20261127",
                                         "20261128", "20261129", "20261130"]


def test_the_backup_dialog_marks_future_copies_and_offers_the_newest_real_one(
        qtbot, chinese, tmp_path: Path, clock: list[datetime]) -> None:  # noqa: ANN001
    from qcdesk.ui.backup_dialog import BackupDialog

    store = _store(tmp_path)
    folder = tmp_path / "backups"
    clock[0] = _at("2027-12-06")
    backup.take_snapshot(store, folder, "manual")
    for day in ("2026-12-07", "2026-12-08"):
        clock[0] = _at(day)
        backup.take_snapshot(store, folder, "manual")
    dialog = BackupDialog(store, folder)
    qtbot.addWidget(dialog)
    try:
        shown = [dialog.table.item(row, 0).text() for row in range(dialog.table.rowCount())]
        assert shown == ["2027-12-06 09:00:00（时间晚于本机当前时间）", "2026-12-08 09:00:00",
                         "2026-12-07 09:00:00"], shown
        [selected] = {index.row() for index in dialog.table.selectionModel().selectedRows()}
        assert dialog.backups[selected].path.name == "qcdesk.manual-20261208-090000+0800.db"
    finally:
        dialog.close()
        store.close()
