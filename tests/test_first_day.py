"""A new county office's first day: an empty database says what to do and where to click.

The review found a dashboard of zeros, blank white lists without a hint or a New button, and
Record ▸ New disabled on the dashboard (where the app opens). These tests open an empty
database as a user does and check what is on screen.
"""

from __future__ import annotations

import argparse
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QMessageBox

from qcdesk.models.listing import ENTERPRISES, RECTIFICATIONS, VISITS
from qcdesk.models.store import Store
from qcdesk.paths import AppPaths


@pytest.fixture
def empty_shell(qtbot, paths: AppPaths, tmp_path: Path, monkeypatch, chinese):  # noqa: ANN001, ANN201
    """The app on a new, empty database, in Chinese, opened on the dashboard."""
    from qcdesk.ui import app as app_module

    db = tmp_path / "new_office.db"
    Store.open(db, author="test").close()
    monkeypatch.setattr(QMessageBox, "exec", lambda self: QMessageBox.StandardButton.Ok)
    shell = app_module.start_shell(argparse.Namespace(demo=False, db=db, lang="zh_CN"), paths,
                                   ask_inspector=False)
    qtbot.addWidget(shell.window)
    yield shell
    shell.window.close()
    shell.shutdown()


def _hint(page) -> str:  # noqa: ANN001 - a ListPage
    return page.empty_state.text() if page.empty_state.isVisible() else ""


def test_new_on_the_dashboard_creates_an_enterprise(empty_shell, qtbot) -> None:
    from qcdesk.ui.enterprise_editor import EnterpriseEditor

    w = empty_shell.window
    assert w.current_key() == "dashboard"  # where a new database opens
    assert w.new_action.isEnabled()
    assert w.new_action.text() == "新建企业(&N)…"
    qtbot.keyClick(w, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    editors = w.findChildren(EnterpriseEditor)
    assert len(editors) == 1 and editors[0].isVisible()
    editor = editors[0]
    editor.uscc_edit.setText("91421281MA4KL5FE07")
    editor.name_edit.setText("赤壁市羊楼洞茶业有限公司")
    editor.jurisdiction_combo.setCurrentIndex(editor.jurisdiction_combo.findText("赤壁市"))
    qtbot.mouseClick(editor.save_close_button, Qt.MouseButton.LeftButton)
    assert editor.result() == QDialog.DialogCode.Accepted
    names = [r[0] for r in w.store.db.execute("SELECT name FROM enterprise WHERE deleted_at IS NULL")]
    assert names == ["赤壁市羊楼洞茶业有限公司"]
    w.show_page(ENTERPRISES)
    page = w.current_list()
    assert page.model.rowCount() == 1 and _hint(page) == ""


def test_empty_lists_say_how_to_add_the_first_record(empty_shell, qtbot) -> None:
    w = empty_shell.window
    for kind, words in ((ENTERPRISES, ("还没有企业档案", "Ctrl+N", "文件 ▸ ", "导入企业名录…")),
                        (VISITS, ("还没有检查记录", "Ctrl+N")),
                        (RECTIFICATIONS, ("还没有整改记录",))):
        w.show_page(kind)
        page = w.current_list()
        hint = _hint(page)
        assert all(word in hint for word in words), (kind, hint)
        # centred over the table's empty area, not a line in a corner
        assert page.empty_state.geometry() == page.view.viewport().rect()
        assert page.empty_state.alignment() & Qt.AlignmentFlag.AlignCenter
    w.show_page(ENTERPRISES)
    button = w.current_list().empty_state.new_button
    assert button.isVisible() and button.text() == "新建企业…"
    w.show_page(VISITS)
    assert w.current_list().empty_state.new_button.text() == "新建检查记录…"
    assert w.pages[RECTIFICATIONS].empty_state.new_button is None  # orders come from a visit


def test_list_new_button_and_import_link_open_their_dialogs(empty_shell, qtbot, monkeypatch) -> None:
    from qcdesk.ui.enterprise_editor import EnterpriseEditor
    from qcdesk.ui.roster_import_dialog import RosterImportDialog

    w = empty_shell.window
    w.show_page(ENTERPRISES)
    page = w.current_list()
    qtbot.mouseClick(page.empty_state.new_button, Qt.MouseButton.LeftButton)
    assert any(e.isVisible() for e in w.findChildren(EnterpriseEditor))
    opened: list[type] = []
    monkeypatch.setattr(QDialog, "exec", lambda self: opened.append(type(self)) or 0)
    page.empty_state.linkActivated.emit("import")  # the 导入企业名录… link in the hint
    assert opened == [RosterImportDialog]


def test_a_filter_that_finds_nothing_says_so_and_clears(empty_shell, qtbot) -> None:
    w = empty_shell.window
    w.show_page(ENTERPRISES)
    page = w.current_list()
    page.search.setText("没有这家企业")
    page.apply()
    hint = _hint(page)
    assert "没有符合条件的记录" in hint and "清除筛选" in hint and "还没有企业档案" not in hint
    page.empty_state.linkActivated.emit("clear")
    assert page.search.text() == ""
    assert "还没有企业档案" in _hint(page)


def test_a_filter_over_records_shows_the_no_match_hint_only_when_empty(qtbot, store, chinese) -> None:
    from qcdesk.models.persistence import insert_record
    from qcdesk.models.records import Enterprise
    from qcdesk.ui.list_pages import ListPage

    with store.db.atomic():
        insert_record(store, Enterprise(uscc="91421281MA4KL5FE07", name="赤壁市羊楼洞茶业有限公司",
                                        jurisdiction_code="421281"))
    page = ListPage(store, ENTERPRISES)
    qtbot.addWidget(page)
    page.show()
    assert page.model.rowCount() == 1 and _hint(page) == ""
    page.set_filters({"jurisdiction": "421221"})  # 嘉鱼县: the one enterprise is in 赤壁市
    assert page.jurisdiction.currentData() == "421221"
    assert page.model.rowCount() == 0 and "没有符合条件的记录" in _hint(page)
    page.set_filters({"jurisdiction": "421281"})
    assert page.model.rowCount() == 1 and _hint(page) == ""


def test_getting_started_checklist_opens_each_step(empty_shell, qtbot, monkeypatch) -> None:
    from qcdesk.ui.inspector_chooser import RosterDialog
    from qcdesk.ui.keys_dialog import KeysDialog
    from qcdesk.ui.roster_import_dialog import RosterImportDialog
    from qcdesk.ui.settings_page import SettingsDialog

    w = empty_shell.window
    checklist = w.pages["dashboard"].getting_started
    assert checklist.isVisible() and checklist.heading.text() == "开始使用"
    assert [checklist.marks[s].text() for s in ("org", "key", "roster", "enterprises")] == ["○"] * 4
    opened: list[type] = []
    monkeypatch.setattr(QDialog, "exec", lambda self: opened.append(type(self)) or 0)
    for key in ("org", "key", "roster", "import"):
        qtbot.mouseClick(checklist.buttons[key], Qt.MouseButton.LeftButton)
    assert opened == [SettingsDialog, KeysDialog, RosterDialog, RosterImportDialog]
    from qcdesk.ui.enterprise_editor import EnterpriseEditor

    qtbot.mouseClick(checklist.buttons["new_enterprise"], Qt.MouseButton.LeftButton)  # opened nothing
    editors = w.findChildren(EnterpriseEditor)
    assert len(editors) == 1 and editors[0].isVisible()
    editors[0].close()
    w.store.set_setting("doc.org_name", "赤壁市市场监督管理局")
    w.refresh_lists()  # a county's name over the city's numbering (咸市监质改) is not done yet
    assert checklist.marks["org"].text() == "○" and "赤市监质改" in checklist.texts["org"].text()
    w.store.set_setting("doc.notice_prefix", "赤市监质改")  # as Preferences proposes and saves them
    w.store.set_setting("doc.recheck_prefix", "赤市监质复")
    w.refresh_lists()
    assert checklist.marks["org"].text() == "✓" and checklist.marks["roster"].text() == "○"
    assert checklist.intro.text().startswith("这是一个新数据库")
    from qcdesk.models.enterprises import save_enterprise
    from qcdesk.models.records import Enterprise

    save_enterprise(w.store, Enterprise(uscc="91421281MA4KL5FE07", name="赤壁市羊楼洞茶业有限公司",
                                        jurisdiction_code="421281"), [])
    w.refresh_lists()  # steps are left, but a database with enterprises is not called new
    assert checklist.isVisible() and checklist.marks["enterprises"].text() == "✓"
    assert "新数据库" not in checklist.intro.text() and checklist.intro.text().startswith("还有")
    qtbot.mouseClick(checklist.hide_button, Qt.MouseButton.LeftButton)
    assert not checklist.isVisible()
    w.refresh_lists()  # hidden for this database, not only until the next refresh
    assert not checklist.isVisible()


def test_the_dashboard_follows_the_office_once_named(empty_shell, qtbot, monkeypatch) -> None:
    """Review (first day): naming the office under 首选项 left the dashboard on 咸宁市（全市）
    with "本机尚未记录本单位的辖区…" until the app was restarted; the first-run chooser's new
    inspector was not counted by the checklist until 刷新."""
    from qcdesk.models.inspections import save_inspector
    from qcdesk.models.records import Inspector
    from qcdesk.ui import inspector_chooser
    from qcdesk.ui.settings_page import SettingsDialog

    w = empty_shell.window
    dashboard = w.pages["dashboard"]
    assert dashboard.scope.code() == "421200" and dashboard.scope.note.isVisibleTo(dashboard)

    def add_me(store, _parent):  # noqa: ANN001, ANN202 - the chooser's 添加本人并继续
        return save_inspector(store, Inspector(name="张伟", cert_no="42120009", jurisdiction_code="421222"))

    monkeypatch.setattr(inspector_chooser, "choose_inspector", add_me)
    empty_shell.choose_inspector()
    assert "目前 1 名" in dashboard.getting_started.texts["roster"].text()

    def name_the_office(dialog) -> int:  # noqa: ANN001 - as 首选项 saves it
        dialog.page.store.set_setting("doc.org_name", "通城县市场监督管理局")
        return 1

    monkeypatch.setattr(SettingsDialog, "exec", name_the_office)
    w.show_settings()
    assert dashboard.scope.code() == "421222" and not dashboard.scope.note.isVisibleTo(dashboard)
    assert "通城县" in dashboard.scope.words()
