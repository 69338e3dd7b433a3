"""The restore preview names a draw by the local time it was made, as every clerk-facing time
is shown: a draw made at 07:30 on New Year's morning in Xianning (stored 2026-12-31T23:30:00Z)
read “抽查摇号：备份之后新增的 1 条将消失：2026-12-31T23:30:00Z” before `qcdesk restore` and in
the backup dialog's question."""

from __future__ import annotations

from pathlib import Path

import pytest
from exchange_fixtures import populate

from qcdesk.cli import main
from qcdesk.models import backup
from qcdesk.models.draw import DrawRecord
from qcdesk.models.persistence import fetch_record, insert_record, soft_delete
from qcdesk.models.store import Store

NEW_YEAR_MORNING = "2026-12-31T23:30:00Z"  # 2027-01-01 07:30 in Xianning


def _draw(store: Store, drawn_at: str) -> DrawRecord:
    return insert_record(store, DrawRecord(drawn_at=drawn_at, as_of=drawn_at[:10], seed="s" * 16,
                                           pool_hash="0" * 64))


@pytest.fixture
def draws_since(tmp_path: Path, shanghai) -> tuple[Path, Path]:  # noqa: ANN001
    """A backup holding one draw, then: that draw deleted, a New Year's morning draw made."""
    db = tmp_path / "county.db"
    store = Store.open(db, author="县局")
    populate(store, 1, 1)
    with store.transaction():
        old = _draw(store, "2026-12-30T16:05:00Z")  # 2026-12-31 00:05 in Xianning
    snapshot = backup.backup_file(db, tmp_path / "backups" / "county.manual.db")
    with store.transaction():
        soft_delete(store, fetch_record(store, DrawRecord, old.id))
        _draw(store, NEW_YEAR_MORNING)
    store.close()
    return db, snapshot


def test_the_command_line_names_draws_by_local_time(draws_since: tuple[Path, Path],
                                                    capsys: pytest.CaptureFixture[str]) -> None:
    db, snapshot = draws_since
    assert main(["restore", str(snapshot), "--db", str(db), "--yes"]) == 0
    out = capsys.readouterr().out
    assert "抽查摇号：备份之后新增的 1 条将消失：2027-01-01 07:30" in out
    back = "抽查摇号：备份中有、现在已删除或没有的 1 条将重新出现：2026-12-31 00:05"
    assert back in out  # read from the backup
    assert NEW_YEAR_MORNING not in out and "2026-12-30T16:05:00Z" not in out


def test_the_backup_dialog_names_draws_by_local_time(draws_since: tuple[Path, Path],
                                                     qtbot) -> None:  # noqa: ANN001
    from qcdesk.ui.backup_dialog import BackupDialog

    db, snapshot = draws_since
    store = Store.open(db, author="县局")
    dialog = BackupDialog(store, snapshot.parent, close_store=lambda: None,
                          reopen_store=lambda p: store)
    qtbot.addWidget(dialog)
    text = dialog.confirm_text(snapshot)
    assert "抽查摇号：备份之后新增的 1 条将消失：2027-01-01 07:30" in text
    assert NEW_YEAR_MORNING not in text
    store.close()
