"""The window warns while the database's disk runs low, before a save fails (review RC B1).

Before: nothing looked at the free space; the first sign of a full disk was a refused save or
import. Now the status bar shows 磁盘空间不足 (with what to do) while the free space is below
the larger of 1 GB and 3 x the database, and 备份与恢复 says it under the folder totals. The
free space is faked through shutil.disk_usage, as the free-space tests do.
"""

from __future__ import annotations

from collections import namedtuple
from pathlib import Path

import pytest
from PySide6.QtWidgets import QLabel, QMessageBox, QToolButton
from pytestqt.qtbot import QtBot
from small_screen import started_shell

from qcdesk.models import free_space
from qcdesk.models.disk_low import FLOOR, database_size, low_disk
from qcdesk.models.store import Store
from qcdesk.paths import AppPaths

_Usage = namedtuple("_Usage", "total used free")
MB = 1024 * 1024


@pytest.fixture
def free(monkeypatch: pytest.MonkeyPatch) -> dict[str, int]:
    """The free bytes every disk reports; change ["bytes"] to fill or empty the disk."""
    state = {"bytes": 50 * 1024**3}
    monkeypatch.setattr(free_space.shutil, "disk_usage",
                        lambda _p: _Usage(100 * 1024**3, 0, state["bytes"]))
    return state


def test_the_threshold_is_a_gigabyte_or_three_databases(tmp_path: Path, free: dict[str, int]) -> None:
    db = tmp_path / "qcdesk.db"
    Store.open(db, author="t").close()
    free["bytes"] = FLOOR + MB
    assert low_disk(db) is None
    free["bytes"] = FLOOR - MB
    found = low_disk(db)
    assert found is not None and "只剩 1023.0 MB" in found.text()
    assert "删除该磁盘上不需要的文件" in found.text() and "qcdesk received archive" in found.text()
    assert "“收到的数据包…”▸“归档较早的数据包…”" in found.text()  # the clerk's way, in the window
    with db.open("ab") as f:  # a 500 MB database: 1.5 GB is needed
        f.truncate(500 * MB)
    free["bytes"] = 1400 * MB
    found = low_disk(db)
    assert found is not None and found.threshold == 3 * database_size(db) >= 1500 * MB
    free["bytes"] = 1600 * MB
    assert low_disk(db) is None


def test_the_status_bar_warns_while_the_disk_is_low(qtbot: QtBot, paths: AppPaths, free: dict[str, int],
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    db = paths.data_dir / "qcdesk.db"
    db.parent.mkdir(parents=True)
    Store.open(db, author="t").close()
    free["bytes"] = 300 * MB
    shell = next(started := started_shell(qtbot, paths, db, "zh_CN", monkeypatch))
    try:
        notice = shell.window.findChild(QToolButton, "diskNotice")
        assert notice is not None and notice.isVisible()
        assert notice.text() == "磁盘空间不足：剩余 300.0 MB"
        tip = notice.toolTip()
        assert str(db.parent) in tip and "只剩 300.0 MB" in tip and "请尽快腾出空间" in tip
        notice.click()
        box = shell.window.findChild(QMessageBox, "diskNoticeBox")
        assert box is not None and box.isVisible() and "可能因磁盘已满而失败" in box.text()
        assert box.windowTitle() == "磁盘空间不足"
        box.close()
        free["bytes"] = 20 * 1024**3  # files deleted: the next look hides it
        notice.timer.timeout.emit()
        assert not notice.isVisible()
        free["bytes"] = 200 * MB  # the disk fills while the window is open
        notice.timer.timeout.emit()
        assert notice.isVisible() and notice.text() == "磁盘空间不足：剩余 200.0 MB"
    finally:
        next(started, None)


def test_the_backup_window_says_the_disk_is_low(qtbot: QtBot, tmp_path: Path, free: dict[str, int]) -> None:
    from qcdesk.ui.backup_dialog import BackupDialog

    db = tmp_path / "data" / "qcdesk.db"
    store = Store.open(db, author="t")
    try:
        free["bytes"] = 512 * MB
        dialog = BackupDialog(store, db.parent / "backups")
        qtbot.addWidget(dialog)
        text = dialog.findChild(QLabel, "diskUse").text()
        assert "free on this disk: 512.0 MB" in text and "只剩 512.0 MB" in text and "请尽快腾出空间" in text
        free["bytes"] = 8 * 1024**3
        dialog.refresh()
        assert "只剩" not in dialog.findChild(QLabel, "diskUse").text()
    finally:
        store.close()
