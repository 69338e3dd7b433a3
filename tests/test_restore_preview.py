"""Before a restore replaces the database, the user is told what it changes: restoring the
snapshot taken before an import takes that import's records away, and restoring any older
snapshot undoes the edits made since (a copy is kept)."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from exchange_fixtures import populate
from restore_fixtures import mark_reported, number_orders

from qcdesk.cli import main
from qcdesk.models import backup
from qcdesk.models.persistence import fetch_record, insert_record, soft_delete
from qcdesk.models.records import Enterprise, Visit
from qcdesk.models.restore_preview import (
    PreviewCancelled,
    describe,
    describe_undone,
    preview_restore,
    restore_changes,
)
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


@pytest.fixture
def edited_since(tmp_path: Path) -> tuple[Path, Path, list[str]]:
    """A manual backup, then: 3 orders reported, a visit deleted, an enterprise added."""
    db = tmp_path / "county.db"
    store = Store.open(db, author="县局")
    populate(store, 2, 3)
    orders = number_orders(store)
    snapshot = backup.backup_file(db, tmp_path / "backups" / "county.manual-20260101T000000.db")
    notices = mark_reported(store, orders[:3])
    visit = fetch_record(store, Visit, store.db.execute("SELECT max(id) FROM visit").fetchone()[0])
    with store.transaction():
        soft_delete(store, visit)
        insert_record(store, Enterprise(uscc="91421281MA4KL5FE07", name="赤壁新开砖茶厂",
                                        jurisdiction_code="421281"))
    store.close()
    return db, snapshot, notices


def test_the_changes_per_kind(before_and_after: tuple[Path, Path]) -> None:
    db, snapshot = before_and_after
    changes = restore_changes(snapshot, db)
    assert describe(changes) == ("企业 3 → 1 条；检查记录 7 → 1 条；抽样 7 → 1 条；"
                                 "发现问题 7 → 1 条；整改 7 → 1 条；检查人员 2 → 1 条")
    assert describe(changes, "en").startswith("enterprises 3 → 1; visits 7 → 1")
    assert restore_changes(db, db) == []


def test_edits_deletions_and_additions_since_the_backup_are_named(
        edited_since: tuple[Path, Path, list[str]]) -> None:
    db, snapshot, notices = edited_since
    preview = preview_restore(snapshot, db)
    assert not preview.identical
    lines = describe_undone(preview.changes)
    assert lines[0] == "企业：备份之后新增的 1 条将消失：赤壁新开砖茶厂"
    assert lines[1].startswith("检查记录：备份中有、现在已删除或没有的 1 条将重新出现："
                               "咸宁企业1标签不规范 2024-03-15")
    rect = [line for line in lines if line.startswith("整改：备份之后修改的 3 条将退回备份时的内容：")]
    assert len(rect) == 1 and all(notice in rect[0] for notice in notices)
    # the most recent edit first, and the count says what the names leave out
    assert rect[0].index(notices[2]) < rect[0].index(notices[0])
    assert describe(preview.changes) == "企业 3 → 2 条；检查记录 5 → 6 条"
    english = describe_undone(preview.changes, "en")
    assert "rectification orders: 3 edited since the backup will go back to the backup's content" \
        in "\n".join(english)


def test_more_changes_than_names_say_how_many(tmp_path: Path) -> None:
    db = tmp_path / "county.db"
    store = Store.open(db, author="县局")
    populate(store, 2, 3)
    orders = number_orders(store)
    snapshot = backup.backup_file(db, tmp_path / "backups" / "county.manual.db")
    mark_reported(store, orders)
    store.close()
    assert restore_changes(snapshot, db) == []  # the numbers stay; what the command line lists
    (line,) = [x for x in describe_undone(preview_restore(snapshot, db).changes)
               if x.startswith("整改")]
    assert line.startswith("整改：备份之后修改的 6 条") and line.endswith(" 等")
    assert line.count("咸市监质改") == 3  # the newest three


def test_identity_is_the_uuid_not_the_local_id(edited_since: tuple[Path, Path, list[str]],
                                               tmp_path: Path) -> None:
    """A backup whose rows carry other local ids (made elsewhere, or renumbered) still pairs
    each record with itself; a record missing here altogether comes back."""
    db, snapshot, notices = edited_since
    renumbered = tmp_path / "renumbered.db"
    renumbered.write_bytes(snapshot.read_bytes())
    conn = sqlite3.connect(renumbered)
    conn.execute("UPDATE rectification SET id = id + 1000")
    conn.commit()
    conn.close()
    conn = sqlite3.connect(db)
    conn.execute("DELETE FROM finding WHERE id = 1")  # gone without a trace (another tool)
    conn.commit()
    conn.close()
    changes = {c.table: c for c in preview_restore(renumbered, db).changes}
    assert (changes["rectification"].edited, changes["rectification"].gone,
            changes["rectification"].back) == (3, 0, 0)
    assert set(changes["rectification"].examples["edited"]) == {  # the first enterprise's
        f"咸宁企业0标签不规范 {notice}" for notice in notices}
    assert (changes["finding"].back, changes["finding"].current, changes["finding"].backup) == (1, 5, 6)


def _undo_the_undo(tmp_path: Path, deleted_before_the_newer_backup: bool) -> tuple[Path, Path]:
    """Backup B1; firm X added (and firm Z added and deleted); backup B2; B1 restored; firm Y added.
    Previewing B2 is the only case where the backup holds records this database never had."""
    db = tmp_path / "county.db"
    store = Store.open(db, author="县局")
    insert_record(store, Enterprise(uscc="91421202MA4AEDKU8T", name="咸安区桂花食品有限公司",
                                    jurisdiction_code="421202"))
    older = backup.backup_file(db, tmp_path / "backups" / "county.manual-1.db")
    insert_record(store, Enterprise(uscc="91421281MA4KL5FE07", name="赤壁新开砖茶厂",
                                    jurisdiction_code="421281"))
    if deleted_before_the_newer_backup:
        soft_delete(store, insert_record(store, Enterprise(
            uscc="91421221MA4E3XHX15", name="嘉鱼县鑫源管业有限公司", jurisdiction_code="421221")))
    newer = backup.backup_file(db, tmp_path / "backups" / "county.manual-2.db")
    store.close()
    db.write_bytes(older.read_bytes())  # B1 restored
    store = Store.open(db, author="县局")
    insert_record(store, Enterprise(uscc="91421222MA4PJ5BUX4", name="通城县金桥磨具有限公司",
                                    jurisdiction_code="421222"))
    store.close()
    return db, newer


@pytest.mark.parametrize("deleted_before_the_newer_backup", [False, True])
def test_restoring_a_newer_backup_names_the_records_only_it_holds(
        tmp_path: Path, deleted_before_the_newer_backup: bool) -> None:
    """After restoring B1, previewing B2 must say X comes back (as many rows were added since as B2
    has extra, so counts alone say 2 → 2), and never a firm B2 itself holds as deleted."""
    db, newer = _undo_the_undo(tmp_path, deleted_before_the_newer_backup)
    preview = preview_restore(newer, db)
    firms = next(c for c in preview.changes if c.table == "enterprise")
    assert (firms.current, firms.backup, firms.gone, firms.back) == (2, 2, 1, 1)
    assert describe_undone(preview.changes) == [
        "企业：备份之后新增的 1 条将消失：通城县金桥磨具有限公司",
        "企业：备份中有、现在已删除或没有的 1 条将重新出现：赤壁新开砖茶厂"]


def test_an_unchanged_backup_is_identical(tmp_path: Path) -> None:
    db = tmp_path / "county.db"
    store = Store.open(db, author="县局")
    populate(store, 1, 2)
    snapshot = backup.snapshot(store, tmp_path / "backups", "manual")
    assert preview_restore(snapshot, db).identical
    assert preview_restore(db, db).identical
    store.set_setting(backup.KEEP_SETTING, "3")  # not a record, still something a restore undoes
    assert not preview_restore(snapshot, db).identical
    store.close()


def test_a_damaged_current_database_gives_the_backups_numbers_alone(
        before_and_after: tuple[Path, Path]) -> None:
    db, snapshot = before_and_after
    for suffix in ("-wal", "-shm"):
        Path(f"{db}{suffix}").unlink(missing_ok=True)
    db.write_bytes(b"SQLite format 3\x00" + b"\x00" * 100 + b"garbage" * 1000)
    preview = preview_restore(snapshot, db)
    assert not preview.identical and describe(preview.changes).startswith("企业 ? → 1 条")
    assert describe_undone(preview.changes) == []


def test_cancelling_stops_the_comparison(edited_since: tuple[Path, Path, list[str]]) -> None:
    db, snapshot, _notices = edited_since
    with pytest.raises(PreviewCancelled):
        preview_restore(snapshot, db, cancel=lambda: True)


def test_the_command_line_says_what_the_restore_changed(
        before_and_after: tuple[Path, Path], capsys: pytest.CaptureFixture[str]) -> None:
    db, snapshot = before_and_after
    assert main(["restore", str(snapshot), "--db", str(db), "--yes"]) == 0
    out = capsys.readouterr().out
    assert "恢复前 → 恢复后：企业 3 → 1 条；检查记录 7 → 1 条" in out and "如需找回" in out


def test_the_command_line_names_the_edits_the_restore_undid(
        edited_since: tuple[Path, Path, list[str]], capsys: pytest.CaptureFixture[str]) -> None:
    """Like the dialog's question: one line per kind and change, the newest records named."""
    db, snapshot, notices = edited_since
    assert main(["restore", str(snapshot), "--db", str(db), "--yes"]) == 0
    out = capsys.readouterr().out.splitlines()
    start = out.index("恢复将撤销备份之后的这些改动 (changes since the backup the restore will undo):")
    undone = [line.strip() for line in out[start + 1:] if line.startswith("  ")]
    assert len(undone) == 3 and undone[0] == "企业：备份之后新增的 1 条将消失：赤壁新开砖茶厂"
    assert undone[1].startswith("检查记录：备份中有、现在已删除或没有的 1 条将重新出现：")
    assert undone[2].startswith("整改：备份之后修改的 3 条将退回备份时的内容：")
    assert all(notice in undone[2] for notice in notices)
    assert "恢复前 → 恢复后：企业 3 → 2 条；检查记录 5 → 6 条" in out


def test_the_command_line_refuses_what_there_is_nothing_to_restore(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """The database itself or a backup with the same content: one line on stderr, exit 2, no
    copy taken."""
    db = tmp_path / "county.db"
    store = Store.open(db, author="县局")
    populate(store, 1, 1)
    store.close()
    same = backup.backup_file(db, tmp_path / "same.db")
    for source, words in ((db, "备份文件就是当前数据库"), (same, "与当前数据库的内容完全相同，无需恢复")):
        assert main(["restore", str(source), "--db", str(db)]) == 2
        captured = capsys.readouterr()
        assert captured.out == "" and len(captured.err.splitlines()) == 1 and words in captured.err
    assert not (tmp_path / "backups").exists()


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
    assert "企业：备份之后新增的 2 条将消失" in text
    store.close()


def test_restoring_where_there_is_no_database_yet_counts_from_zero(
        before_and_after: tuple[Path, Path], tmp_path: Path) -> None:
    _db, snapshot = before_and_after
    changes = restore_changes(snapshot, tmp_path / "new.db")
    assert describe(changes).startswith("企业 0 → 1 条") and describe_undone(changes) == []
