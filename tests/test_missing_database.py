"""A remembered database that is not there is never replaced by a new, empty one.

Once: the folder of the database the app remembered (db/last) was moved, renamed, or on a USB
stick not plugged in, and the next start silently made the folder again with a new empty
database in it (InstanceLock.acquire's mkdir(parents=True); check_openable lets a missing path
through as "new"). The day's work then went into that file, split from the real one. Now the
user is told in Chinese which file is missing and why that may be, and can try again or look
for it; a new database is made only when the user asks for one (or on the very first start).
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtWidgets import QMessageBox

from qcdesk.models.instance_lock import InstanceLock
from qcdesk.models.store import Store, StoreError
from qcdesk.paths import AppPaths

ROOT = Path(__file__).resolve().parents[1]


class Boxes(list):
    """Message boxes shown; each answered with the button named `answer` (objectName)."""

    answer = ""


@pytest.fixture
def boxes(monkeypatch) -> Boxes:
    shown = Boxes()

    def exec_(box: QMessageBox) -> int:
        shown.append((box.objectName(), box.text(), box.informativeText()))
        named = [b for b in box.buttons() if shown.answer and b.objectName() == shown.answer]
        if named:
            named[0].click()
        return 0

    monkeypatch.setattr(QMessageBox, "exec", exec_)
    return shown


@pytest.fixture
def start(qtbot, paths: AppPaths):
    from qcdesk.ui import app as app_module

    shells = []

    def run(db: Path | None = None):
        shell = app_module.start_shell(argparse.Namespace(demo=False, db=db, lang="zh_CN"), paths, False)
        qtbot.addWidget(shell.window)
        shells.append(shell)
        return shell

    yield run
    for shell in shells:
        shell.window.close()
        shell.shutdown()


def remembered(paths: AppPaths, db: Path) -> None:
    paths.config_dir.mkdir(parents=True, exist_ok=True)
    paths.settings_file.write_text(f"[db]\nlast={db}\n", encoding="utf-8")


def county_db(folder: Path) -> Path:
    folder.mkdir(parents=True)
    db = folder / "c.db"
    store = Store.open(db, author="county")
    store.db.execute("INSERT INTO settings(key, value) VALUES ('mark', 'the real file')")
    store.close()
    return db


def test_a_moved_folder_is_not_made_again_with_an_empty_database(start, boxes, paths: AppPaths, qtbot,
                                                                 tmp_path: Path) -> None:
    db = county_db(tmp_path / "数据 文件夹")
    remembered(paths, db)
    (tmp_path / "数据 文件夹").rename(tmp_path / "移走了")
    shell = start()
    qtbot.waitUntil(lambda: bool(boxes), timeout=10_000)
    assert not (tmp_path / "数据 文件夹").exists()  # no folder, no lock file, no new database
    assert shell.store is None
    name, text, advice = boxes[0]
    assert name == "missingDatabaseBox"
    assert "数据库文件不存在" in text and str(db) in text and "U盘" in text and "没有" in text
    assert "打开其他数据库" in advice and "重试" in advice
    assert shell.window.placeholder.isVisible()


def test_try_again_opens_the_real_file_once_it_is_back(start, boxes, paths: AppPaths, qtbot,
                                                       tmp_path: Path) -> None:
    db = county_db(tmp_path / "usb")
    remembered(paths, db)
    (tmp_path / "usb").rename(tmp_path / "unplugged")
    boxes.answer = "retryButton"
    original = QMessageBox.exec

    def plug_in_then_answer(box: QMessageBox) -> int:
        (tmp_path / "unplugged").rename(tmp_path / "usb")  # the stick is plugged in again
        QMessageBox.exec = original
        return original(box)

    QMessageBox.exec = plug_in_then_answer
    shell = start()
    qtbot.waitUntil(lambda: shell.store is not None, timeout=10_000)
    assert Path(shell.store.path) == db
    assert shell.store.db.execute("SELECT value FROM settings WHERE key = 'mark'").fetchone()[0] == \
        "the real file"


def test_open_another_offers_the_file_dialog(start, boxes, paths: AppPaths, qtbot, tmp_path: Path,
                                             monkeypatch) -> None:
    from qcdesk.ui.main_window import MainWindow

    asked: list[bool] = []
    monkeypatch.setattr(MainWindow, "choose_database", lambda self: asked.append(True))
    remembered(paths, tmp_path / "gone" / "c.db")
    boxes.answer = "openAnotherButton"
    start()
    qtbot.waitUntil(lambda: bool(asked), timeout=10_000)
    assert not (tmp_path / "gone").exists()


def test_the_first_start_and_a_new_file_asked_for_still_make_a_database(start, boxes, paths: AppPaths,
                                                                        qtbot, tmp_path: Path) -> None:
    shell = start()  # nothing remembered, no data folder yet: the first start
    qtbot.waitUntil(lambda: shell.store is not None, timeout=10_000)
    assert paths.database.exists() and boxes == []
    assert shell.open_database(tmp_path / "new.db")  # File ▸ Switch database…, a new name
    assert (tmp_path / "new.db").exists()


def test_the_lock_never_makes_a_missing_folder(tmp_path: Path) -> None:
    gone = tmp_path / "gone"
    with pytest.raises(StoreError) as caught:
        InstanceLock(gone / "c.db").acquire()
    assert not gone.exists()
    assert str(gone) in caught.value.text("zh")


CHILD = r"""
import argparse, os
from PySide6.QtWidgets import QMessageBox
QMessageBox.exec = lambda box: print("BOX", box.objectName(), box.text().replace("\n", " "), flush=True) or 0
from qcdesk.paths import AppPaths
from qcdesk.ui import app as app_module
shell = app_module.start_shell(argparse.Namespace(demo=False, db=None, lang=None), AppPaths.for_user(), False)
for _ in range(40):
    shell.app.processEvents()
print("STORE", shell.store.path if shell.store else None, flush=True)
shell.window.close()
shell.shutdown()
os._exit(0)
"""


def test_a_real_start_with_the_remembered_folder_renamed(tmp_path: Path) -> None:
    """As a user starts it: XDG folders, qcdesk.ini remembering the file, a child process."""
    db = county_db(tmp_path / "t" / "vanish" / "数据 文件夹")
    config = tmp_path / "xdg-config"
    (config / "QCDesk").mkdir(parents=True)
    (config / "QCDesk" / "qcdesk.ini").write_text(f"[db]\nlast={db}\n", encoding="utf-8")
    (tmp_path / "t" / "vanish").rename(tmp_path / "t" / "renamed")
    env = {**os.environ, "XDG_CONFIG_HOME": str(config), "XDG_DATA_HOME": str(tmp_path / "xdg-data"),
           "QT_QPA_PLATFORM": "offscreen", "PYTHONPATH": str(ROOT)}
    done = subprocess.run([sys.executable, "-c", CHILD], capture_output=True, text=True, env=env,
                          cwd=ROOT, timeout=180)
    assert done.returncode == 0, done.stderr[-3000:]
    assert "STORE None" in done.stdout, done.stdout
    assert "BOX missingDatabaseBox" in done.stdout and "数据库文件不存在" in done.stdout, done.stdout
    assert not (tmp_path / "t" / "vanish").exists()
