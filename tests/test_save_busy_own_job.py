"""A save refused while QCDesk's own background job holds the write lock says so (R7 #4).

With the window's 1.5 s busy timeout, a save during a slow risk pass (or an import from the
window) was refused with "正被其他程序占用（可能正在用命令行导入…）…请关闭正在使用该数据库的其他
工具": the user went looking for a program that does not exist.
"""

from __future__ import annotations

import threading
import time

import pytest
from PySide6.QtCore import QSettings, Qt
from pytestqt.qtbot import QtBot
from test_outside_changes import firms, window_on
from test_ui_editors import prompts, type_text  # noqa: F401 - the fixture
from test_window_and_other_writers import calm

import qcdesk.ui.database_watch as database_watch
from qcdesk.models.store import Store, write_transaction
from qcdesk.paths import AppPaths
from qcdesk.ui.enterprise_editor import EnterpriseEditor
from qcdesk.ui.workers import start_job

pytestmark = pytest.mark.usefixtures("chinese")


@pytest.fixture(autouse=True)
def quick(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(database_watch, "POLL_MS", 300)
    monkeypatch.setattr(database_watch, "QUIET_MS", 300)


def test_a_save_refused_by_the_apps_own_job_says_so(
        qtbot: QtBot, store: Store, paths: AppPaths, settings: QSettings, prompts) -> None:  # noqa: ANN001, F811
    firm = firms(store)["赤壁市通凯砖茶有限公司"]
    window = window_on(qtbot, store, paths, settings)
    calm(qtbot)
    editor = EnterpriseEditor(window.store, paths, firm, settings=settings)
    qtbot.addWidget(editor)
    editor.show()
    editor.name_edit.clear()
    type_text(qtbot, editor.name_edit, "赤壁市通凯茶业有限公司")
    holding = threading.Event()

    def slow_risk_pass(worker: Store | None, _progress: object) -> None:
        assert worker is not None
        with write_transaction(worker.db):  # the risk pass's write, on a slow laptop
            worker.db.execute("INSERT OR REPLACE INTO settings(key, value) VALUES ('risk.x', '1')")
            holding.set()
            time.sleep(2.5)

    job = start_job(slow_risk_pass, db_path=store.path, parent=window)
    assert holding.wait(10)
    qtbot.mouseClick(editor.save_button, Qt.MouseButton.LeftButton)
    said = prompts["information"]
    assert len(said) == 1
    assert "后台任务" in said[0] and "稍等片刻再保存" in said[0]  # the app's own work, save again
    assert "命令行" not in said[0]  # was: 正被其他程序占用（可能正在用命令行导入…）
    assert editor.isVisible() and editor.is_dirty()  # the typing kept
    qtbot.waitUntil(lambda: job.done, timeout=10_000)
    qtbot.mouseClick(editor.save_button, Qt.MouseButton.LeftButton)  # a moment later: saved
    assert len(prompts["information"]) == 1
    assert store.db.execute("SELECT name FROM enterprise WHERE id = ?", [firm]).fetchone()[0] \
        == "赤壁市通凯茶业有限公司"
