"""The shell as a user meets it: window, navigation, shortcuts, settings, language, bad databases."""

from __future__ import annotations

import argparse
import os
import stat
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QApplication, QMessageBox

from qcdesk.models.listing import ENTERPRISES, RECTIFICATIONS, VISITS
from qcdesk.models.store import Store
from qcdesk.paths import AppPaths

sys.path.insert(0, str(Path(__file__).parent))
from test_list_model import fill_store  # noqa: E402


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    path = tmp_path / "shell.db"
    s = Store.open(path, author="test")
    fill_store(s, 120, 2000)
    s.close()
    return path


@pytest.fixture
def shell(qtbot, paths: AppPaths, db_path: Path, monkeypatch):
    from qcdesk.ui import app as app_module

    monkeypatch.setattr(QMessageBox, "exec", lambda self: QMessageBox.StandardButton.Ok)
    args = argparse.Namespace(demo=False, db=db_path, lang="zh_CN")
    shell = app_module.start_shell(args, paths, ask_inspector=False)
    qtbot.addWidget(shell.window)
    yield shell
    shell.window.close()
    shell.shutdown()


def test_window_opens_on_lists_and_navigates(shell, qtbot) -> None:
    w = shell.window
    assert w.isVisible()
    for kind in (ENTERPRISES, VISITS, RECTIFICATIONS):
        assert kind in w.pages
    w.show_page(VISITS)
    assert w.current_key() == VISITS
    index = w.page_order.index(ENTERPRISES) + 1
    qtbot.keyClick(w, Qt.Key.Key_0 + index, Qt.KeyboardModifier.ControlModifier)
    assert w.current_key() == ENTERPRISES
    page = w.current_list()
    assert page.model.rowCount() > 0
    page.wait_for_count()
    assert "120" in page.count_label.text(), _count_state(page)


def _count_state(page) -> str:  # noqa: ANN001
    """What a count that never arrived was doing (an intermittent failure, seen twice on a full
    run, never alone: the next time it says whether its job ran, ended or queued behind others)."""
    from PySide6.QtCore import QThreadPool

    job, pool = page._count_job, QThreadPool.globalInstance()
    state = "none" if job is None else f"done={job.done} cancelled={job.is_cancelled()}"
    return (f"label={page.count_label.text()!r} job: {state} generation={page._count_generation}"
            f" pool: {pool.activeThreadCount()}/{pool.maxThreadCount()} running")


def test_ctrl_f_focuses_search_and_search_filters(shell, qtbot) -> None:
    w = shell.window
    w.show_page(ENTERPRISES)
    page = w.current_list()
    w.activateWindow()
    w.find_action.trigger()
    assert page.search.hasFocus() or QApplication.focusWidget() is page.search
    name = page.model.data(page.model.index(0, 0))
    page.search.setText(name[2:4])
    page.apply()
    assert 0 < page.model.rowCount() <= 120
    assert any(name == page.model.data(page.model.index(r, 0)) for r in range(page.model.rowCount()))
    qtbot.keyClick(page.search, Qt.Key.Key_Down)
    assert page.selected_id() == page.model.record_id(0)


def test_enter_opens_selected_row(shell, qtbot) -> None:
    w = shell.window
    w.show_page(VISITS)
    page = w.current_list()
    opened = []
    page.open_requested.connect(lambda kind, rid: opened.append((kind, rid)))
    page.view.setFocus()
    page.view.setCurrentIndex(page.model.index(2, 0))
    page.view.selectRow(2)
    qtbot.keyClick(page.view, Qt.Key.Key_Return)
    assert opened and opened[0] == (VISITS, page.model.record_id(2))


def test_sort_by_header_and_state_persisted(shell, paths: AppPaths) -> None:
    w = shell.window
    page = w.pages[ENTERPRISES]
    col = page.model.column_of("uscc")
    page.view.horizontalHeader().setSortIndicator(col, Qt.SortOrder.DescendingOrder)
    assert page.model.request.sort == "uscc" and page.model.request.descending
    first = page.model.data(page.model.index(0, col))
    assert first == max(page.model.data(page.model.index(r, col)) for r in range(page.model.rowCount()))
    page.view.setColumnWidth(0, 333)
    w.show_page(RECTIFICATIONS)
    w.close()
    settings = QSettings(str(paths.settings_file), QSettings.Format.IniFormat)
    assert settings.value("ui/page") == RECTIFICATIONS
    assert settings.value("lists/enterprise/header") is not None
    assert settings.value("ui/geometry") is not None


def test_language_switch_retranslates(shell, qtbot) -> None:
    w = shell.window
    assert w.file_menu.title() == "文件(&F)"
    shell.set_language("en")
    qtbot.waitUntil(lambda: w.file_menu.title() == "&File", timeout=2000)
    page = w.pages[VISITS]
    assert page.model.headerData(0, Qt.Orientation.Horizontal) == "Date"
    assert page.clear_button.text() == "Clear filters"
    page.wait_for_count()
    assert page.count_label.text().startswith("Total: ")
    assert QSettings(str(shell.paths.settings_file), QSettings.Format.IniFormat).value("ui/language") == "en"
    nav = w.nav  # every page name fits the navigation column, English ones included
    names = [nav.item(row).text() for row in range(nav.count())]
    assert "Demonstration zones" in names
    assert all(nav.viewport().width() >= nav.fontMetrics().horizontalAdvance(name) + 24  # + padding
               for name in names)
    shell.set_language("zh_CN")
    qtbot.waitUntil(lambda: w.file_menu.title() == "文件(&F)", timeout=2000)
    assert page.model.headerData(0, Qt.Orientation.Horizontal) == "检查日期"
    assert page.status.itemText(0) == "全部状态"


def test_bad_database_gives_dialog_not_traceback(qtbot, paths: AppPaths, tmp_path: Path, monkeypatch) -> None:
    from qcdesk.ui import app as app_module

    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "exec", lambda self: shown.append(self.text()) or 0)
    bad = tmp_path / "not-a-db.db"
    bad.write_bytes(b"this is not sqlite" * 100)
    shell = app_module.start_shell(argparse.Namespace(demo=False, db=bad, lang="zh_CN"), paths, False)
    qtbot.addWidget(shell.window)
    qtbot.waitUntil(lambda: bool(shown), timeout=2000)
    assert "不是有效" in shown[0]
    assert shell.store is None and shell.window.placeholder.isVisible()
    if os.name == "posix" and os.geteuid() != 0:
        folder = tmp_path / "ro"
        folder.mkdir()
        folder.chmod(stat.S_IRUSR | stat.S_IXUSR)
        shell.open_database(folder / "new.db")
        assert len(shown) == 2 and "无法" in shown[1]
    shell.window.close()
    shell.shutdown()


def test_dashboard_figure_opens_exact_rows(shell, qtbot) -> None:
    pytest.importorskip("qcdesk.models.dashboard_queries")
    from qcdesk.models.dashboard_queries import records_behind

    w = shell.window
    w.show_list("rectifications", {"status": "overdue", "state": "overdue"})
    page = w.current_list()
    assert w.current_key() == RECTIFICATIONS and page.preset_label.isVisibleTo(page)
    while page.model.canFetchMore():
        page.model.fetchMore()
    shown = {page.model.record_id(r) for r in range(page.model.rowCount())}
    assert shown == set(records_behind(shell.store, "rectifications", {"state": "overdue"}))
    page.clear_filters()
    assert not page.preset_label.isVisibleTo(page)
    w.show_list("no-such-figure", {})
    assert w.current_key() == RECTIFICATIONS  # no such list: a status message, no crash
    w.show_list("licences", {})
    assert w.current_key() == ENTERPRISES  # licence figures open the firms holding them


def test_editor_opens_and_save_refreshes_keeping_selection(shell, qtbot, monkeypatch) -> None:
    from PySide6.QtCore import Signal
    from PySide6.QtWidgets import QDialog

    from qcdesk.ui import main_window

    opened: list[tuple] = []

    class FakeEditor(QDialog):
        saved = Signal()

        def __init__(self, store, paths, *args, **kwargs):
            super().__init__(kwargs.get("parent"))
            opened.append((args, kwargs, self))

    monkeypatch.setattr(main_window, "find_ui", lambda module, name: FakeEditor)
    w = shell.window
    w.show_page(ENTERPRISES)
    page = w.current_list()
    page.view.setFocus()
    page.view.selectRow(3)
    record_id = page.model.record_id(3)
    qtbot.keyClick(page.view, Qt.Key.Key_Return)
    assert opened and opened[0][0][0] == record_id
    dialog = opened[0][2]
    assert dialog.isVisible()
    dialog.saved.emit()
    assert page.selected_id() == record_id
    w._update_actions()
    assert w.new_action.isEnabled()
    w.new_action.trigger()
    assert len(opened) == 2 and opened[1][0][0] is None
    w.show_page(RECTIFICATIONS)
    assert not w.new_action.isEnabled()  # rectifications are ordered from a visit, not created here


def test_preferences_save_organisation_and_language(shell, qtbot) -> None:
    from qcdesk.ui.settings_page import SettingsDialog

    w = shell.window
    assert "shell.db" in w.windowTitle()
    dialog = SettingsDialog(shell.store, shell.settings, "zh_CN", w)
    qtbot.addWidget(dialog)
    chosen: list[str] = []
    dialog.language_chosen.connect(chosen.append)
    dialog.page.edits["doc.org_name"].setText("  通山县市场监督管理局 ")
    dialog.page.language.setCurrentIndex(dialog.page.language.findData("en"))
    dialog.accept()
    assert shell.store.setting("doc.org_name") == "通山县市场监督管理局"
    assert chosen == ["en"]
    assert shell.settings.value("ui/language") == "en"


def test_database_needing_an_upgrade_is_migrated_in_a_worker(qtbot, paths: AppPaths, tmp_path: Path,
                                                             monkeypatch) -> None:
    import sqlite3

    from qcdesk.ui import app as app_module

    old = tmp_path / "old.db"
    s = Store.open(old, author="test")
    fill_store(s, 20, 100)
    s.close()
    conn = sqlite3.connect(old)  # as if written by the previous version: the list indexes are missing
    conn.execute("DELETE FROM _sqlite_migrations WHERE migration_set = 'qcdesk.listing'")
    conn.execute("DROP INDEX listing_visit_live_date")
    conn.commit()
    conn.close()
    monkeypatch.setattr(QMessageBox, "exec", lambda self: 0)
    shell = app_module.start_shell(argparse.Namespace(demo=False, db=old, lang="zh_CN"), paths, False)
    qtbot.addWidget(shell.window)
    assert shell.migration_job is not None
    qtbot.waitUntil(lambda: shell.store is not None, timeout=10_000)
    assert VISITS in shell.window.pages
    assert list((tmp_path / "backups").glob("old.pre-migration-*"))
    shell.window.close()
    shell.shutdown()


def test_switching_database_closes_the_old_one_when_idle(shell, qtbot, tmp_path: Path) -> None:
    import sqlite3

    old = shell.store
    other = tmp_path / "other.db"
    assert shell.open_database(other)  # a new file is migrated in a worker first
    qtbot.waitUntil(lambda: shell.store is not old, timeout=10_000)
    assert shell.store.path == other
    assert shell.window.pages[ENTERPRISES].model.rowCount() == 0

    def closed() -> bool:
        try:
            old.db.conn.execute("SELECT 1")
        except sqlite3.ProgrammingError:
            return True
        return False

    qtbot.waitUntil(closed, timeout=5000)
    settings = QSettings(str(shell.paths.settings_file), QSettings.Format.IniFormat)
    assert settings.value("db/last") == str(other)


@pytest.mark.parametrize("lang", ["zh_CN", "en"])
def test_the_window_fits_a_1366_pixel_laptop_screen(shell, qtbot, lang: str) -> None:
    """Inspectors' laptops are often 1366 × 768: on every page, in either language, the window
    can be made narrow enough to fit (the English filter bar once needed 1417 px)."""
    w = shell.window
    if lang == "en":
        shell.set_language("en")
        qtbot.waitUntil(lambda: w.file_menu.title() == "&File", timeout=2000)
    for key in w.page_order:
        w.show_page(key)
        qtbot.wait(20)
        least = w.minimumSizeHint()
        assert least.width() <= 1366 - 16 and least.height() <= 728 - 40, (lang, key, least)
    shell.set_language("zh_CN")


def test_the_first_window_fits_the_screen_it_opens_on() -> None:
    """1280 × 800 where there is room; on a 1366 × 768 laptop the window (frame and title bar
    included) stays within the free area, so the status bar is not below the screen's edge."""
    from PySide6.QtCore import QRect, QSize

    from qcdesk.ui.main_window import first_size

    class Screen:
        def __init__(self, w: int, h: int) -> None:
            self.rect = QRect(0, 0, w, h)

        def availableGeometry(self) -> QRect:  # noqa: N802 - Qt's name
            return self.rect

    assert first_size(Screen(1920, 1040)) == QSize(1280, 800)
    small = first_size(Screen(1366, 728))
    assert small.width() == 1280 and small.height() + 40 <= 728
    assert first_size(None) == QSize(1280, 800)
