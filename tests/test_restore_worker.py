"""A restore from the backup dialog copies in a worker: the window keeps working while a county
database of a gigabyte is copied, Cancel works until the current database is copied aside (and
is ignored from then on), and a restore that fails leaves the database as it was, open again."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QPushButton, QWidget

from qcdesk.models import backup
from qcdesk.models.inspections import save_inspector
from qcdesk.models.records import Inspector
from qcdesk.models.store import Store
from qcdesk.ui.backup_dialog import BackupDialog
from qcdesk.ui.workers import Cancelled, attach_progress, start_job

MAIN_THREAD = threading.main_thread()


def names(store: Store) -> list[str]:
    return [r[0] for r in store.db.execute("SELECT name FROM inspector ORDER BY name")]


def add(store: Store, name: str) -> None:
    save_inspector(store, Inspector(name=name, jurisdiction_code="421281"))


class Shell:
    """The shell's two hooks, and what a worker saw of them."""

    def __init__(self, db: Path):
        self.store = Store.open(db, author="tester")
        self.closed = False
        self.reopened = 0

    def close(self) -> None:
        self.store.close()
        self.closed = True

    def reopen(self, path: Path) -> Store:
        self.store = Store.open(path, author="tester")
        self.closed = False
        self.reopened += 1
        return self.store


@pytest.fixture
def shell(tmp_path: Path):  # noqa: ANN201 - yields the Shell
    shell = Shell(tmp_path / "qcdesk.db")
    add(shell.store, "王磊")
    yield shell
    shell.store.close()


def backed_up_dialog(qtbot, shell: Shell, folder: Path) -> BackupDialog:  # noqa: ANN001
    """A manual backup holding 王磊, then 李娜 added: restoring takes 李娜 away."""
    dialog = BackupDialog(shell.store, folder, close_store=shell.close, reopen_store=shell.reopen)
    qtbot.addWidget(dialog)
    dialog.backup_button.click()
    add(shell.store, "李娜")
    dialog.confirm = lambda source: True
    dialog.table.selectRow(0)
    return dialog


def leftovers(*folders: Path) -> list[str]:
    return sorted(p.name for folder in folders if folder.is_dir() for p in folder.iterdir()
                  if p.name.endswith((".part", ".restoring")) or ".restoring-" in p.name)


def test_the_window_keeps_working_while_the_worker_copies(qtbot, shell: Shell,
                                                          tmp_path: Path, monkeypatch) -> None:
    """A timer of the window fires while the current database is being copied aside (the copy
    waits for it), the copy runs off the GUI thread with the shell's store closed, and the
    restored database is open again afterwards."""
    folder = tmp_path / "backups"
    dialog = backed_up_dialog(qtbot, shell, folder)
    ticked = threading.Event()
    seen: dict[str, object] = {}
    real_copy = backup._safety_copy

    def slow_copy(*args, **kwargs):  # noqa: ANN002, ANN003, ANN202
        seen["thread"] = threading.current_thread()
        seen["store closed"] = shell.closed
        ticked.clear()  # a tick while the copy runs, not one from before (the comparison)
        seen["ticked"] = ticked.wait(3)  # on the GUI thread the timer could never fire
        return real_copy(*args, **kwargs)

    monkeypatch.setattr(backup, "_safety_copy", slow_copy)
    timer = QTimer()
    timer.timeout.connect(ticked.set)
    timer.start(20)
    try:
        assert dialog.restore_selected()
    finally:
        timer.stop()
    assert seen["ticked"] is True and seen["thread"] is not MAIN_THREAD
    assert seen["store closed"] is True and shell.reopened == 1
    assert names(shell.store) == ["王磊"] and dialog.store is shell.store
    assert "Restored" in dialog.message.text() and "previous database" in dialog.message.text()
    assert [i.reason for i in backup.list_backups(folder)] == ["before-restore", "manual"]
    assert dialog.restore_button.isEnabled() and dialog.keep.isEnabled()
    assert leftovers(folder, tmp_path) == []


def test_cancel_while_the_current_database_is_copied_aside(qtbot, shell: Shell, tmp_path: Path,
                                                         monkeypatch) -> None:
    """Cancel pressed before the swap: nothing restored, no before-restore copy kept, the
    database open again as it was."""
    folder = tmp_path / "backups"
    dialog = backed_up_dialog(qtbot, shell, folder)
    real_copy = backup._safety_copy

    def cancelled_copy(*args, **kwargs):  # noqa: ANN002, ANN003, ANN202
        dialog.job.cancel()  # as the progress dialog's Cancel does
        return real_copy(*args, **kwargs)

    monkeypatch.setattr(backup, "_safety_copy", cancelled_copy)
    assert dialog.restore_selected() is False
    assert dialog.message.text() == "Cancelled; nothing was restored."
    assert shell.reopened == 1 and names(shell.store) == ["李娜", "王磊"]
    assert [i.reason for i in backup.list_backups(folder)] == ["manual"]
    assert leftovers(folder, tmp_path) == []


def test_a_backup_removed_after_the_question_leaves_the_database_open_as_it_was(
        qtbot, shell: Shell, tmp_path: Path, chinese) -> None:
    folder = tmp_path / "backups"
    dialog = backed_up_dialog(qtbot, shell, folder)
    chosen = dialog.backups[0].path

    def confirm_then_remove(source: Path) -> bool:
        source.unlink()  # e.g. the USB stick it was on pulled out
        return True

    dialog.confirm = confirm_then_remove
    assert dialog.restore(chosen) is False
    text = dialog.message.text()
    assert f"找不到文件 {chosen}" in text and "未恢复任何内容，当前数据库已重新打开。" in text
    assert shell.reopened == 1 and names(shell.store) == ["李娜", "王磊"]
    assert backup.list_backups(folder) == [] and leftovers(folder, tmp_path) == []


@pytest.mark.parametrize("blocked", ["backups folder", "database folder"])
def test_an_unwritable_target_leaves_the_database_open_as_it_was(
        qtbot, shell: Shell, tmp_path: Path, chinese, blocked: str) -> None:
    """The backups folder cannot be made (a file has its name), or the copy beside the
    database cannot be written (something else has its name): refused in Chinese, unchanged."""
    source = backup.backup_file(Path(shell.store.path), tmp_path / "elsewhere" / "old.db")
    add(shell.store, "李娜")
    folder = tmp_path / "backups"
    if blocked == "backups folder":
        folder.write_text("not a folder")
    else:
        (tmp_path / ".qcdesk.db.restoring").mkdir()
        (tmp_path / ".qcdesk.db.restoring" / "somebody's file").write_text("x")
    dialog = BackupDialog(shell.store, folder, close_store=shell.close, reopen_store=shell.reopen)
    qtbot.addWidget(dialog)
    dialog.confirm = lambda source: True
    assert dialog.restore(source) is False
    text = dialog.message.text()
    expected = "无法备份当前数据库，已取消恢复" if blocked == "backups folder" else "恢复失败，原数据库未改动"
    assert expected in text and "当前数据库已重新打开" in text
    assert shell.reopened == 1 and names(shell.store) == ["李娜", "王磊"]
    assert folder.is_file() or backup.list_backups(folder) == []


def test_close_waits_for_the_restore(qtbot, shell: Shell, tmp_path: Path, monkeypatch) -> None:
    """Closing the dialog while the worker copies would leave the window without its database:
    the dialog stays until the restore has finished and the database is open again."""
    dialog = backed_up_dialog(qtbot, shell, tmp_path / "backups")
    dialog.show()
    real_copy = backup._safety_copy
    states: list[bool] = []

    def close_meanwhile(*args, **kwargs):  # noqa: ANN002, ANN003, ANN202
        done = threading.Event()
        QTimer.singleShot(0, dialog, lambda: (dialog.reject(), states.append(dialog.isVisible()),
                                              done.set()))
        done.wait(3)
        return real_copy(*args, **kwargs)

    monkeypatch.setattr(backup, "_safety_copy", close_meanwhile)
    assert dialog.restore_selected()
    assert states == [True] and dialog.isVisible() and names(shell.store) == ["王磊"]


# --- the worker's point of no return ---------------------------------------------------------

def test_cancel_after_the_point_of_no_return_is_ignored(qtbot) -> None:
    """The job passes no_return, then Cancel is pressed: it still succeeds, and says so."""
    connected, pressed = threading.Event(), threading.Event()

    def work(_store, progress):  # noqa: ANN001, ANN202
        assert connected.wait(3)
        progress.no_return()
        assert pressed.wait(3)
        return "restored" if not progress.cancelled else "cancelled?"

    parent = QWidget()
    qtbot.addWidget(parent)
    job = start_job(work, db_path=None)
    dialog = attach_progress(job, parent, "Restore", "Copying…", minimum_ms=0)
    buttons: list[int] = []
    job.uncancellable.connect(lambda: (buttons.append(len(dialog.findChildren(QPushButton))),
                                       job.cancel(), pressed.set()))
    connected.set()
    outcome: list[object] = []
    job.succeeded.connect(outcome.append)
    job.cancelled.connect(lambda: outcome.append("cancelled"))
    qtbot.waitUntil(lambda: job.done, timeout=5000)
    assert outcome == ["restored"] and buttons == [0]  # the progress dialog lost its Cancel


def test_cancel_before_the_point_of_no_return_stops_there(qtbot) -> None:
    reached: list[str] = []
    pressed = threading.Event()

    def work(_store, progress):  # noqa: ANN001, ANN202
        assert pressed.wait(3)
        try:
            progress.no_return()
        except Cancelled:
            reached.append("stopped")
            raise
        reached.append("went on")

    job = start_job(work, db_path=None)
    job.cancel()
    pressed.set()
    cancelled: list[int] = []
    job.cancelled.connect(lambda: cancelled.append(1))
    qtbot.waitUntil(lambda: job.done, timeout=5000)
    assert reached == ["stopped"] and cancelled == [1]
