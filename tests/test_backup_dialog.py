"""Backup and restore from the GUI: back up now, keep N, restore with the shell's help."""

from __future__ import annotations

from pathlib import Path

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
    assert kinds == ["Before restore", "Manual"]
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
        assert dialog.windowTitle() == "备份与恢复" and dialog.backup_button.text() == "立即备份"
    finally:
        QCoreApplication.removeTranslator(translator)
