"""Finished pieces reached from the shell: instance lock, daily backup, and the menu entries."""

from __future__ import annotations

import argparse
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, QEvent, Qt
from PySide6.QtWidgets import QMessageBox

from qcdesk.models.instance_lock import InstanceLock
from qcdesk.models.listing import ENTERPRISES, VISITS
from qcdesk.models.store import Store
from qcdesk.paths import AppPaths
from qcdesk.ui.app import none_refcount_guard
from qcdesk.ui.shell_tools import TOOLS

# PySide6 6.12.0 on Python 3.11 loses a reference to None on every void Qt call: the whole session
# (every test module) would abort once None's count runs out (see `app.none_refcount_guard`).
none_refcount_guard()


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    from test_list_model import fill_store

    path = tmp_path / "work" / "shell.db"
    path.parent.mkdir()
    s = Store.open(path, author="test")
    fill_store(s, 30, 200)
    s.close()
    return path


@pytest.fixture
def boxes(monkeypatch) -> list[str]:
    shown: list[str] = []

    def fake_exec(box: QMessageBox) -> int:
        shown.append(box.text())
        return QMessageBox.StandardButton.Ok

    monkeypatch.setattr(QMessageBox, "exec", fake_exec)
    return shown


def _start(paths: AppPaths, db: Path):
    from qcdesk.ui import app as app_module

    args = argparse.Namespace(demo=False, db=db, lang="zh_CN")
    return app_module.start_shell(args, paths, ask_inspector=False)


@pytest.fixture
def shell(qtbot, paths: AppPaths, db_path: Path, boxes):
    shell = _start(paths, db_path)
    qtbot.addWidget(shell.window)
    yield shell
    shell.window.close()
    shell.shutdown()


def test_open_holds_the_lock_and_takes_the_daily_snapshot(qtbot, shell, db_path: Path) -> None:
    from qcdesk.models import backup

    assert shell.store is not None
    with pytest.raises(Exception, match="已在另一个"):
        InstanceLock(db_path).acquire()  # as a second app instance would
    folder = backup.default_folder(shell.store)
    qtbot.waitUntil(lambda: shell.daily_job.done)  # made and checked in a worker
    assert [b.reason for b in backup.list_backups(folder, db_path)] == ["daily"]


def test_second_instance_is_refused_in_chinese(qtbot, paths: AppPaths, db_path: Path, boxes) -> None:
    with InstanceLock(db_path):
        shell = _start(paths, db_path)
        qtbot.addWidget(shell.window)
        qtbot.waitUntil(lambda: bool(boxes))
        assert shell.store is None and "已在另一个 QCDesk 窗口中打开" in boxes[0]
        shell.window.close()
        shell.shutdown()
    InstanceLock(db_path).acquire().release()  # nothing left held


def test_switching_releases_the_old_lock(shell, qtbot, tmp_path: Path) -> None:
    old = Path(shell.store.path)
    assert shell.open_database(tmp_path / "other.db")
    qtbot.waitUntil(lambda: old.resolve() not in shell.locks, timeout=5000)
    InstanceLock(old).acquire().release()


@pytest.mark.parametrize("key", [t.key for t in TOOLS])
def test_menu_entry_opens_its_dialog(shell, qtbot, monkeypatch, key: str) -> None:
    tools = shell.window.tools
    action = tools.actions[key]
    assert action.text() and action in shell.window.actions()
    cls = tools.find(key)
    if cls is None:  # written by another engineer: shown disabled with a reason meanwhile
        assert not action.isEnabled() and action.toolTip()
        pytest.skip(f"{key}: module not there yet")
    if key == "history":
        shell.window.show_page(VISITS)
        assert not action.isEnabled() or shell.window.current_list().selected_id() is None
        page = shell.window.current_list()
        page.view.selectRow(0)
        assert action in page.view.actions()  # also in the list's context menu
    shell.window._update_actions()
    assert action.isEnabled()
    opened: list[object] = []
    monkeypatch.setattr(cls, "exec", lambda self: opened.append(self) or 0)
    action.trigger()
    assert len(opened) == 1 and isinstance(opened[0], cls)
    if key != "amend":  # a record window, closed as any editor is
        # Once closed, the dialog goes: each opening kept one for the window's life
        QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
        assert not shell.window.findChildren(cls)


def test_a_closed_tool_keeps_what_it_still_shows_or_runs(shell, qtbot, monkeypatch) -> None:
    """A tool closed while its PDF preview is open, or while its job runs, stays until they
    end: deleting it closed the preview and stopped the job (session 20's attempt, reverted)."""
    import threading

    from PySide6.QtWidgets import QDialog

    from qcdesk.ui.shell_tools import let_go
    from qcdesk.ui.workers import start_job

    release = threading.Event()
    for busy in ("preview", "job"):
        tool = QDialog(shell.window)
        if busy == "preview":
            preview = QDialog(tool)
            preview.show()
        else:
            tool.job = start_job(lambda _store, _progress: release.wait(10), db_path=None,
                                 parent=tool)
        let_go(tool)
        qtbot.wait(50)
        QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
        assert tool in shell.window.findChildren(QDialog), busy
        if busy == "preview":
            assert preview.isVisible()
            preview.close()
        else:
            release.set()
        # once the preview is closed or the job is done, the tool goes by itself
        qtbot.waitUntil(lambda tool=tool: (QCoreApplication.sendPostedEvents(
            None, QEvent.Type.DeferredDelete), tool not in shell.window.findChildren(QDialog))[1],
            timeout=5000)


def test_entries_are_disabled_without_a_store(shell) -> None:
    shell.window.set_store(None)
    assert not any(a.isEnabled() for a in shell.window.tools.actions.values())


def test_restore_hooks_close_and_reopen_the_same_file(shell, db_path: Path) -> None:
    tools = shell.window.tools
    lock = tools.lock()
    assert lock is not None and lock.held
    shell.store.author = "inspector-x"
    tools.close_store()
    assert shell.store is None and lock.held
    reopened = tools.reopen_store(db_path)
    assert isinstance(reopened, Store) and reopened.author == "inspector-x"
    assert ENTERPRISES in shell.window.pages and tools.lock() is lock


def test_restore_runs_beside_the_window_then_reopens_and_refreshes_the_lists(
        shell, qtbot, monkeypatch) -> None:
    """备份与恢复 ▸ 恢复所选 in the running app: the window's timers keep firing while the worker
    copies (the shell's store closed meanwhile, its lock kept), then the restored file is open
    again and the enterprise list shows what the backup holds."""
    import threading

    from PySide6.QtCore import QTimer

    from qcdesk.models import backup
    from qcdesk.models.persistence import insert_record
    from qcdesk.models.records import Enterprise

    tools, old_store, lock = shell.window.tools, shell.store, shell.window.tools.lock()
    dialog = tools._make("backup", tools.find("backup"), shell.store)
    qtbot.addWidget(dialog)
    dialog.backup_button.click()
    with shell.store.transaction():
        insert_record(shell.store, Enterprise(uscc="91421281MA4KL5FE07", name="赤壁新开砖茶厂",
                                              jurisdiction_code="421281"))
    ticked, seen = threading.Event(), {}
    real_copy = backup._safety_copy

    def slow_copy(*args, **kwargs):  # noqa: ANN002, ANN003, ANN202
        ticked.clear()  # a tick while the copy runs, not one from before
        seen["store"], seen["ticked"] = shell.store, ticked.wait(3)
        return real_copy(*args, **kwargs)

    monkeypatch.setattr(backup, "_safety_copy", slow_copy)
    timer = QTimer()
    timer.timeout.connect(ticked.set)
    timer.start(20)
    dialog.confirm = lambda source: True
    dialog.table.selectRow(0)
    try:
        assert dialog.restore_selected()
    finally:
        timer.stop()
    assert seen == {"store": None, "ticked": True}
    assert shell.store is not None and shell.store is not old_store and dialog.store is shell.store
    assert tools.lock() is lock and lock.held
    assert shell.store.db.execute("SELECT count(*) FROM enterprise WHERE name = '赤壁新开砖茶厂'"
                                  ).fetchone()[0] == 0
    page = shell.window.pages[ENTERPRISES]
    assert page.store is shell.store
    qtbot.waitUntil(lambda: page.model.rowCount() == 30, timeout=5000)


def test_dashboard_reaches_warnings_and_zones(shell) -> None:
    w = shell.window
    for key in ("warnings", "zones"):
        if key not in w.pages:
            pytest.skip(f"{key} page not available")
        w.show_list(key, {})
        assert w.current_key() == key


def test_missing_module_leaves_a_disabled_entry_with_a_reason(shell, monkeypatch) -> None:
    from qcdesk.ui import main_window

    real = main_window.find_ui
    monkeypatch.setattr(main_window, "find_ui",
                        lambda module, name: None if module == "keys_dialog" else real(module, name))
    shell.window._update_actions()
    action = shell.window.tools.actions["keys"]
    assert not action.isEnabled() and "不可用" in action.toolTip()
    assert shell.window.tools.actions["backup"].isEnabled()


def test_enterprise_list_shows_the_risk_class(shell) -> None:
    page = shell.window.pages[ENTERPRISES]
    titles = [page.model.headerData(i, Qt.Orientation.Horizontal) for i in range(page.model.columnCount())]
    assert "风险分类" in titles
    assert page.risk is not None and page.risk.count() == 5  # any + A–D


def test_job_that_returns_at_once_still_reports(qtbot) -> None:
    from PySide6.QtCore import QThreadPool

    from qcdesk.ui.workers import start_job

    for value in range(20):
        job = start_job(lambda _store, _progress, v=value: v, db_path=None)
        QThreadPool.globalInstance().waitForDone()  # done before anyone connected
        # the worker ended, but `done` waits until the outcome reached the GUI thread's slots:
        # whoever polls `done` must see what the slots did (this race once failed CI)
        assert not job.done
        got: list[object] = []
        ended: list[bool] = []
        job.succeeded.connect(got.append)
        job.finished.connect(lambda e=ended: e.append(True))
        qtbot.waitUntil(lambda g=got, e=ended: bool(g and e), timeout=2000)
        assert got == [value] and job.done
    failing = start_job(lambda _s, _p: 1 / 0, db_path=None)
    QThreadPool.globalInstance().waitForDone()
    with qtbot.waitSignal(failing.failed, timeout=2000) as blocker:
        pass
    assert "ZeroDivisionError" in blocker.args[0]


def test_settings_show_which_font_serves_each_pdf_role(shell) -> None:
    from qcdesk.export.pdf.fonts import ROLES, font_roles
    from qcdesk.ui.settings_page import SettingsPage

    page = SettingsPage(shell.store, shell.settings, "zh_CN")
    expected = font_roles()
    assert set(page.font_labels) == set(ROLES)
    for role in ROLES:
        assert page.font_labels[role].text().startswith(expected[role].family)
    page.deleteLater()


def test_licence_figures_open_the_enterprises_holding_them(shell, qtbot) -> None:
    from qcdesk.models.persistence import insert_record
    from qcdesk.models.records import Licence

    store = shell.store
    firms = [r[0] for r in store.db.execute(
        "SELECT id FROM enterprise WHERE deleted_at IS NULL ORDER BY id LIMIT 3")]
    with store.transaction():
        for firm, number in zip(firms[:2], ("SC11442128100017", "SC12442120200076"), strict=True):
            insert_record(store, Licence(enterprise_id=firm, kind="SC", number=number,
                                         expires_on="2001-01-01"))
    expired_holders = {r[0] for r in store.db.execute(
        "SELECT DISTINCT l.enterprise_id FROM licence l JOIN enterprise e ON e.id = l.enterprise_id"
        " WHERE l.deleted_at IS NULL AND e.deleted_at IS NULL AND l.expires_on < date('now')")}
    assert set(firms[:2]) <= expired_holders
    w = shell.window
    w.show_list("licences", {"state": "expired"})
    assert w.current_key() == ENTERPRISES
    model = w.pages[ENTERPRISES].model
    qtbot.waitUntil(lambda: model.rowCount() == len(expired_holders), timeout=5000)


def test_a_background_job_writes_as_the_chosen_inspector(qtbot, tmp_path) -> None:
    from PySide6.QtWidgets import QApplication

    from qcdesk.models.store import Store
    from qcdesk.ui.workers import start_job

    Store.open(tmp_path / "a.db").close()
    app = QApplication.instance()
    app.setProperty("author", "inspector-uuid-1")
    try:
        job = start_job(lambda store, _progress: store.author, db_path=tmp_path / "a.db")
        with qtbot.waitSignal(job.succeeded, timeout=10_000) as blocker:
            pass
    finally:
        app.setProperty("author", "")
    assert blocker.args == ["inspector-uuid-1"]
