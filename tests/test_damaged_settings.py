"""A damaged qcdesk.ini never blocks work: the window starts and the database opens.

Once a settings file cut in the middle of ``geometry=@ByteArray(…`` (a full disk, a sync tool)
or holding ``[ui] geometry=abc`` / ``state=abc`` stopped the GUI at start (TypeError in
restoreGeometry), and ``[lists] visit\\header=12345`` made every database refuse to open
(意外错误 TypeError restoreState). A value of the wrong type is now ignored: defaults apply.
The file is the real qcdesk.ini in the config folder the app reads.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QMessageBox

from qcdesk.models.store import Store
from qcdesk.paths import AppPaths

ROOT = Path(__file__).resolve().parents[1]


def write_ini(paths: AppPaths, text: str) -> None:
    paths.config_dir.mkdir(parents=True, exist_ok=True)
    paths.settings_file.write_text(text, encoding="utf-8")


@pytest.fixture
def boxes(monkeypatch) -> list[str]:
    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "exec", lambda box: shown.append(box.text()) or 0)
    return shown


@pytest.fixture
def start(qtbot, paths: AppPaths):
    from qcdesk.ui import app as app_module

    shells = []

    def run(db: Path | None):
        shell = app_module.start_shell(argparse.Namespace(demo=False, db=db, lang=None), paths, False)
        qtbot.addWidget(shell.window)
        shells.append(shell)
        return shell

    yield run
    for shell in shells:
        shell.window.close()
        shell.shutdown()


def a_database(tmp_path: Path) -> Path:
    db = tmp_path / "county" / "county.db"
    db.parent.mkdir()
    Store.open(db).close()
    return db


CASES = {
    # the file cut in the middle of the window's geometry (the reviewer's truncated qcdesk.ini)
    "cut-geometry": '[ui]\ngeometry="@ByteArray(\\x1\\xd9\\xd0\\xcb\\0\\x3\\0\\0\\0\\0',
    "geometry-text": "[ui]\ngeometry=abc\nstate=abc\n",
    "header-number": "[lists]\nvisit\\header=12345\nenterprise\\header=abc\nrectification\\header=1, 2\n",
    "page-list": "[ui]\npage=visits, enterprises\nlanguage=1, 2\n",
}


@pytest.mark.parametrize("text", CASES.values(), ids=CASES.keys())
def test_the_app_starts_and_the_database_opens(start, boxes, paths: AppPaths, tmp_path: Path,
                                               qtbot, text: str) -> None:
    db = a_database(tmp_path)
    write_ini(paths, f"[db]\nlast={db}\n\n" + text)  # a cut file ends with the cut
    shell = start(None)  # the remembered database, as a plain start does
    qtbot.waitUntil(lambda: shell.store is not None or bool(boxes), timeout=10_000)
    assert boxes == []
    assert shell.store is not None and Path(shell.store.path) == db
    assert shell.window.isVisible() and shell.window.width() > 200
    visits = shell.window.pages.get("visit")
    assert visits is not None and not visits.view.horizontalHeader().isSectionHidden(0)


def test_a_damaged_editor_geometry_gives_the_default_size(qtbot, paths: AppPaths, tmp_path: Path) -> None:
    from qcdesk.ui.enterprise_editor import EnterpriseEditor

    write_ini(paths, "[editors]\nEnterpriseEditor\\geometry=abc\n")
    settings = QSettings(str(paths.settings_file), QSettings.Format.IniFormat)
    store = Store.open(tmp_path / "c.db")
    try:
        editor = EnterpriseEditor(store, paths, settings=settings)
        qtbot.addWidget(editor)
        assert editor.width() > 200
        editor.close()
    finally:
        store.close()


CHILD = r"""
import argparse, os, sys
from PySide6.QtWidgets import QMessageBox
QMessageBox.exec = lambda box: print("BOX", box.text(), flush=True) or 0
from qcdesk.paths import AppPaths
from qcdesk.ui import app as app_module
paths = AppPaths.for_user()
shell = app_module.start_shell(argparse.Namespace(demo=False, db=None, lang=None), paths, False)
for _ in range(40):
    shell.app.processEvents()
print("STORE", shell.store.path if shell.store else None, flush=True)
print("VISIBLE", shell.window.isVisible(), flush=True)
shell.window.close()
shell.shutdown()
os._exit(0)
"""


def test_a_real_start_with_the_truncated_ini_in_the_config_folder(tmp_path: Path) -> None:
    """As a user starts it: XDG folders, the ini where platformdirs puts it, a child process."""
    config = tmp_path / "xdg-config"
    db = a_database(tmp_path)
    ini = config / "QCDesk" / "qcdesk.ini"
    ini.parent.mkdir(parents=True)
    ini.write_bytes(f"[db]\nlast={db}\n\n[lists]\nvisit\\header=12345\n\n[ui]\nstate=abc\n"
                    "geometry=\"@ByteArray(\\x1\\xd9\\xd0\\xcb\\0\\x3\\0\\0\\0\\0\\x3".encode())
    env = {**os.environ, "XDG_CONFIG_HOME": str(config), "XDG_DATA_HOME": str(tmp_path / "xdg-data"),
           "QT_QPA_PLATFORM": "offscreen", "PYTHONPATH": str(ROOT)}
    done = subprocess.run([sys.executable, "-c", CHILD], capture_output=True, text=True, env=env,
                          cwd=ROOT, timeout=180)
    assert done.returncode == 0, done.stderr[-3000:]
    assert "TypeError" not in done.stderr and "BOX" not in done.stdout, done.stdout + done.stderr[-2000:]
    assert f"STORE {db}" in done.stdout and "VISIBLE True" in done.stdout, done.stdout
