"""Backup and restore from the GUI: back up now, keep N, restore with the shell's help."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QLabel

from qcdesk.models import backup
from qcdesk.models.inspections import save_inspector
from qcdesk.models.records import Inspector
from qcdesk.models.store import Store
from qcdesk.ui.backup_dialog import BackupDialog


def names(store: Store) -> list[str]:
    return [r[0] for r in store.db.execute("SELECT name FROM inspector ORDER BY name")]


def test_back_up_now_keep_count_and_restore(qtbot, tmp_path: Path) -> None:
    db = tmp_path / "qcdesk.db"
    folder = tmp_path / "backups"
    holder = {"store": Store.open(db, author="tester")}
    save_inspector(holder["store"], Inspector(name="王磊", jurisdiction_code="421281"))

    def close() -> None:
        holder["store"].close()

    def reopen(path: Path) -> Store:
        holder["store"] = Store.open(path)
        return holder["store"]

    dialog = BackupDialog(holder["store"], folder, close_store=close, reopen_store=reopen)
    qtbot.addWidget(dialog)
    assert dialog.table.rowCount() == 0
    dialog.backup_button.click()
    assert dialog.table.rowCount() == 1 and "Backup written" in dialog.message.text()
    dialog.keep.setValue(2)
    assert holder["store"].setting(backup.KEEP_SETTING) == "2"
    save_inspector(holder["store"], Inspector(name="李娜", jurisdiction_code="421281"))
    dialog.confirm = lambda source: True
    dialog.table.selectRow(0)
    dialog.restore_button.click()
    assert names(holder["store"]) == ["王磊"]
    assert "Restored" in dialog.message.text() and "previous database" in dialog.message.text()
    kinds = [dialog.table.item(r, 1).text() for r in range(dialog.table.rowCount())]
    assert kinds == ["Before restore (the newest 3 kept)", "Manual"]
    holder["store"].set_setting(backup.KEEP_SETTING, "2")  # the restored file had the default
    for _ in range(3):  # routine copies rotate; the one taken before the restore stays
        dialog.backup_button.click()
    kinds = [dialog.table.item(r, 1).text() for r in range(dialog.table.rowCount())]
    assert kinds == ["Manual", "Manual", "Before restore (the newest 3 kept)"]
    assert "the newest 3 of each, and all of the last 30 days" in dialog.findChild(QLabel, "keptNote").text()
    holder["store"].close()


def test_restore_refuses_a_bad_file_without_closing_the_store(qtbot, tmp_path: Path, store: Store) -> None:
    closed = []
    dialog = BackupDialog(store, tmp_path / "backups", close_store=lambda: closed.append(1),
                          reopen_store=lambda path: None)
    qtbot.addWidget(dialog)
    junk = tmp_path / "junk.db"
    junk.write_text("not a database")
    assert dialog.restore(junk) is False
    assert closed == [] and "QCDesk" in dialog.message.text()
    dialog_without_shell = BackupDialog(store, tmp_path / "backups")
    qtbot.addWidget(dialog_without_shell)
    assert not dialog_without_shell.restore_button.isEnabled()


def test_chinese_translation_is_complete_and_loads(qtbot, store: Store, tmp_path: Path) -> None:
    from PySide6.QtCore import QCoreApplication, QTranslator

    folder = Path(__file__).resolve().parents[1] / "resources" / "translations"
    ts = (folder / "safety_zh_CN.ts").read_text(encoding="utf-8")
    assert 'type="unfinished"' not in ts
    translator = QTranslator()
    assert translator.load("safety_zh_CN", str(folder))
    QCoreApplication.installTranslator(translator)
    try:
        dialog = BackupDialog(store, tmp_path / "backups")
        qtbot.addWidget(dialog)
        assert dialog.windowTitle() == "备份与恢复" and dialog.backup_button.text() == "立即备份(&B)"
    finally:
        QCoreApplication.removeTranslator(translator)


def reported_orders(store: Store) -> list[str]:
    return [r[0] for r in store.db.execute(
        "SELECT notice_no FROM rectification WHERE status = 'report_submitted' ORDER BY id")]


def test_the_question_names_the_edits_the_restore_undoes(qtbot, tmp_path: Path, chinese) -> None:
    """立即备份, then 3 orders marked 已提交整改报告, then 恢复所选: the question says those 3
    orders go back to how they were, by enterprise and notice number, before anything happens."""
    from exchange_fixtures import populate
    from restore_fixtures import mark_reported, number_orders

    db, folder = tmp_path / "qcdesk.db", tmp_path / "backups"
    holder = {"store": Store.open(db, author="tester")}
    populate(holder["store"], 2, 3)
    orders = number_orders(holder["store"])

    def reopen(path: Path) -> Store:
        holder["store"] = Store.open(path)
        return holder["store"]

    dialog = BackupDialog(holder["store"], folder, close_store=lambda: holder["store"].close(),
                          reopen_store=reopen)
    qtbot.addWidget(dialog)
    dialog.backup_button.click()
    notices = mark_reported(holder["store"], orders[-3:])
    asked: list[str] = []

    def decline(source: Path) -> bool:
        asked.append(dialog.confirm_text(source))
        return False

    dialog.confirm = decline
    dialog.table.selectRow(0)
    dialog.restore_button.click()
    (text,) = asked
    assert text.startswith("用备份 qcdesk.manual-")
    assert "恢复将撤销备份之后的这些改动：\n• 整改：备份之后修改的 3 条将退回备份时的内容：" in text
    assert all(f"咸宁企业1标签不规范 {notice}" in text for notice in notices)
    assert "当前 → 恢复后" not in text  # the counts are the same: only the edits differ
    assert reported_orders(holder["store"]) == notices  # declined: nothing happened
    assert [info.reason for info in backup.list_backups(folder, db)] == ["manual"]

    dialog.confirm = lambda source: True
    assert dialog.restore_selected()
    assert reported_orders(holder["store"]) == []
    assert [info.reason for info in backup.list_backups(folder, db)] == ["before-restore", "manual"]
    assert "原数据库已保存为" in dialog.message.text()
    holder["store"].close()


def test_restoring_what_the_database_already_holds_is_refused(qtbot, tmp_path: Path,
                                                              store: Store, chinese) -> None:
    """The database itself, or a backup with the same content: nothing is restored, the store is
    not closed and no before-restore copy is made."""
    save_inspector(store, Inspector(name="王磊", jurisdiction_code="421281"))
    folder = tmp_path / "backups"
    closed: list[int] = []
    dialog = BackupDialog(store, folder, close_store=lambda: closed.append(1),
                          reopen_store=lambda path: store)
    qtbot.addWidget(dialog)

    def must_not_ask(source: Path) -> bool:
        raise AssertionError("asked")

    dialog.confirm = must_not_ask
    assert dialog.restore(Path(store.path)) is False
    assert "所选文件就是当前数据库本身，无需恢复" in dialog.message.text()
    dialog.backup_button.click()
    assert dialog.restore_selected() is False
    assert "与当前数据库的内容完全相同，无需恢复" in dialog.message.text()
    assert closed == [] and [i.reason for i in backup.list_backups(folder)] == ["manual"]
    assert dialog.restore_button.isEnabled()
