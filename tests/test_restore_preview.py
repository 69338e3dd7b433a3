"""Before a restore replaces the database, the user is told what it changes: restoring the
snapshot taken before an import takes that import's records away (a copy is kept)."""

from __future__ import annotations

from pathlib import Path

import pytest
from exchange_fixtures import populate

from qcdesk.cli import main
from qcdesk.models import backup
from qcdesk.models.restore_preview import describe, restore_changes
from qcdesk.models.store import Store


@pytest.fixture
def before_and_after(tmp_path: Path) -> tuple[Path, Path]:
    db = tmp_path / "county.db"
    store = Store.open(db, author="县局")
    populate(store, 1, 1)
    snapshot = backup.backup_file(db, tmp_path / "backups" / "county.before-import.db")
    populate(store, 2, 3, uscc_offset=1)  # "the import": 2 enterprises, 6 visits more
    store.close()
    return db, snapshot


def test_the_changes_per_kind(before_and_after: tuple[Path, Path]) -> None:
    db, snapshot = before_and_after
    changes = restore_changes(snapshot, db)
    assert describe(changes) == ("企业 3 → 1 条；检查记录 7 → 1 条；抽样 7 → 1 条；"
                                 "发现问题 7 → 1 条；整改 7 → 1 条")
    assert describe(changes, "en").startswith("enterprises 3 → 1; visits 7 → 1")
    assert restore_changes(db, db) == []


def test_the_command_line_says_what_the_restore_changed(
        before_and_after: tuple[Path, Path], capsys: pytest.CaptureFixture[str]) -> None:
    db, snapshot = before_and_after
    assert main(["restore", str(snapshot), "--db", str(db)]) == 0
    out = capsys.readouterr().out
    assert "恢复前 → 恢复后：企业 3 → 1 条；检查记录 7 → 1 条" in out and "如需找回" in out


def test_the_backup_dialog_asks_with_the_changes(before_and_after: tuple[Path, Path],
                                                 qtbot) -> None:
    from qcdesk.ui.backup_dialog import BackupDialog

    db, snapshot = before_and_after
    store = Store.open(db, author="县局")
    dialog = BackupDialog(store, snapshot.parent, close_store=lambda: None,
                          reopen_store=lambda p: store)
    qtbot.addWidget(dialog)
    text = dialog.confirm_text(snapshot)  # untranslated Qt text; core words in Chinese
    assert snapshot.name in text and "Now → after the restore: 企业 3 → 1 条；检查记录 7 → 1 条" in text
    store.close()


def test_restoring_where_there_is_no_database_yet_counts_from_zero(
        before_and_after: tuple[Path, Path], tmp_path: Path) -> None:
    _db, snapshot = before_and_after
    assert describe(restore_changes(snapshot, tmp_path / "new.db")).startswith("企业 0 → 1 条")
