"""Opening a database in the GUI when the file is busy, read-only, a folder, a spreadsheet or
empty: the app never crashes, says in Chinese what the file is and what to do, and leaves
nothing beside a file it refuses. Real files, a real second connection, chattr for read-only."""

from __future__ import annotations

import argparse
import sqlite3
import sys
import zipfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from PySide6.QtWidgets import QMessageBox

from qcdesk.models.risk import risk_is_current
from qcdesk.models.store import StoreError
from qcdesk.paths import AppPaths

sys.path.insert(0, str(Path(__file__).parent))
from test_instance_lock_path import immutable, new_db  # noqa: E402


@contextmanager
def writer(path: Path) -> Iterator[sqlite3.Connection]:
    """Another program in the middle of a long write (a `qcdesk import`)."""
    conn = sqlite3.connect(str(path), isolation_level=None)
    conn.execute("BEGIN IMMEDIATE")
    conn.execute("INSERT INTO settings(key, value) VALUES ('import.running', '1')")
    try:
        yield conn
    finally:
        if conn.in_transaction:
            conn.execute("ROLLBACK")
        conn.close()


class Boxes(list):
    """Every message box the shell shows; each is answered with the button whose text is
    `answer`, else its default button."""

    answer = ""


@pytest.fixture
def boxes(monkeypatch) -> Boxes:
    shown = Boxes()

    def exec_(box: QMessageBox) -> int:
        shown.append(box)
        named = [b for b in box.buttons() if shown.answer and b.text() == shown.answer]
        button = named[0] if named else box.defaultButton()
        if button is not None:
            button.click()
        return 0

    monkeypatch.setattr(QMessageBox, "exec", exec_)
    return shown


@pytest.fixture
def start(qtbot, paths: AppPaths):
    from qcdesk.ui import app as app_module

    shells = []

    def run(db: Path):
        shell = app_module.start_shell(argparse.Namespace(demo=False, db=db, lang="zh_CN"), paths, False)
        qtbot.addWidget(shell.window)
        shells.append(shell)
        return shell

    yield run
    for shell in shells:
        shell.window.close()
        shell.shutdown()


def beside(path: Path) -> list[str]:
    return sorted(p.name for p in path.parent.iterdir() if p.name.startswith(path.name) and p != path)


def test_app_opens_while_another_program_writes_and_lists_c_d_afterwards(start, boxes, qtbot,
                                                                          tmp_path: Path) -> None:
    db = new_db(tmp_path / "busy.db")
    with writer(db):
        shell = start(db)
        assert shell.store is not None and not boxes  # no crash, no dialog: the lists read under WAL
        page = shell.window.pages["warnings"]
        qtbot.waitUntil(lambda: not page.computing, timeout=20000)  # counted in a worker
        assert page.held_back.isVisibleTo(page)
        assert "其他程序正在写入" in page.held_back.text()
        assert page.retry.isActive()
        assert not risk_is_current(shell.store)
    page.retry.setInterval(10)
    page.retry.start()  # the import has finished: the next try refreshes the risk classes
    qtbot.waitUntil(lambda: not page.held_back.isVisibleTo(page), timeout=5000)
    assert risk_is_current(shell.store)


def old_journal_db(path: Path) -> Path:
    """A file in rollback-journal mode: opening switches it to WAL, which waits for the writer."""
    new_db(path)
    conn = sqlite3.connect(str(path), isolation_level=None)
    conn.execute("PRAGMA journal_mode = DELETE")
    conn.close()
    return path


def test_busy_at_open_offers_retry_then_opens(start, boxes, qtbot, tmp_path: Path) -> None:
    db = old_journal_db(tmp_path / "journal.db")
    with writer(db):
        shell = start(db)  # answered Retry (the default); the retry runs once the import is done
        assert shell.store is None and len(boxes) == 1
    box = boxes[0]
    assert box.objectName() == "busyDatabaseBox"
    assert "数据库正被其他程序写入（例如导入），请稍候再试" in box.text()
    assert "退出" in [b.text() for b in box.buttons()]
    assert box.clickedButton() is box.button(QMessageBox.StandardButton.Retry)
    qtbot.waitUntil(lambda: shell.store is not None, timeout=15_000)
    assert shell.store.path == db and len(boxes) == 1


def test_busy_at_open_quit_closes_the_window(start, boxes, qtbot, tmp_path: Path) -> None:
    db = old_journal_db(tmp_path / "journal.db")
    boxes.answer = "退出"
    with writer(db):
        shell = start(db)
        assert len(boxes) == 1 and shell.store is None
        qtbot.waitUntil(lambda: not shell.window.isVisible(), timeout=5000)


def test_read_only_file_is_refused_in_chinese_with_nothing_beside_it(start, boxes, tmp_path: Path) -> None:
    db = new_db(tmp_path / "ro.db")
    before = db.read_bytes()
    with immutable(db):
        shell = start(db)
    assert shell.store is None and len(boxes) == 1
    text = boxes[0].text()
    assert "不能写入" in text and "复制到可写入的文件夹" in text
    assert "readonly" not in text and "Errno" not in text
    assert beside(db) == [] and db.read_bytes() == before  # no .lock, no -wal, no -shm


def test_read_only_folder_says_why_in_chinese(start, boxes, tmp_path: Path) -> None:
    folder = tmp_path / "ro"
    folder.mkdir()
    db = new_db(folder / "ro.db")
    with immutable(folder):
        shell = start(db)
    assert shell.store is None and len(boxes) == 1
    text = boxes[0].text()
    assert "锁文件" in text and "没有权限" in text and "复制到可写入的文件夹" in text
    assert "Errno" not in text and "not permitted" not in text


@pytest.mark.parametrize(("name", "expected"), [
    ("folder.db", "是文件夹，不是数据库文件"),
    ("book.xlsx", "是电子表格（.xlsx），不是 QCDesk 数据库"),
    ("book-renamed.db", "是电子表格"),
    ("empty.db", "是空的（0 字节），不是 QCDesk 数据库"),
])
def test_not_a_database_is_refused_before_anything_is_made_beside_it(start, boxes, tmp_path: Path,
                                                                     name: str, expected: str) -> None:
    path = tmp_path / name
    if name == "folder.db":
        path.mkdir()
    elif name == "empty.db":
        path.touch()
    else:  # a real workbook, under its own name or renamed
        with zipfile.ZipFile(path, "w") as book:
            book.writestr("[Content_Types].xml", "<Types/>")
            book.writestr("xl/workbook.xml", "<workbook/>")
    before = b"" if path.is_dir() else path.read_bytes()
    shell = start(path)
    assert shell.store is None and len(boxes) == 1
    assert expected in boxes[0].text()
    assert "请从备份恢复" not in boxes[0].text() or name == "empty.db"
    assert beside(path) == []  # no book.xlsx.lock, no folder.db.lock
    assert (b"" if path.is_dir() else path.read_bytes()) == before  # an empty file stays empty


def test_pages_failing_to_build_give_a_dialog_not_a_traceback(start, boxes, tmp_path: Path,
                                                              monkeypatch) -> None:
    from qcdesk.ui import warnings_page

    def full_disk(*_args: object, **_kw: object) -> list:
        raise StoreError("磁盘空间不足，无法写入。请清理磁盘后重试。", "The disk is full.")

    # The list itself is found in a worker now, where a failure is said on the page (see
    # test_pages_count_in_background); the page still fails while it is built if its labels do.
    monkeypatch.setattr(warnings_page, "kind_labels", full_disk)
    db = new_db(tmp_path / "full.db")
    shell = start(db)
    assert shell.store is None and len(boxes) == 1
    assert "磁盘空间不足" in boxes[0].text()
    assert shell.window.placeholder.isVisible()
