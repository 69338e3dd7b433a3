"""显示已删除 on the enterprise and visit lists: deleted rows shown marked while the toggle is on,
restored from the row's context menu, never opened in an editor, hidden again when it is off.
Counts elsewhere (the list's export, the default list query) keep leaving them out."""

from __future__ import annotations

import argparse
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QContextMenuEvent
from PySide6.QtWidgets import QMenu, QMessageBox

from qcdesk.models.enterprises import save_enterprise
from qcdesk.models.inspections import VisitBundle, save_inspector, save_visit
from qcdesk.models.listing import ENTERPRISES, VISITS, ListFilters, ListRequest, ListSource
from qcdesk.models.persistence import fetch_record
from qcdesk.models.records import Enterprise, Inspector, Visit
from qcdesk.models.removal import delete_enterprise, delete_visit
from qcdesk.models.store import Store
from qcdesk.paths import AppPaths

LIVE, GONE = "91421281MA4KL5FE07", "91421221MA4E3XHX15"


def _world(tmp: Path) -> tuple[Path, dict[str, int]]:
    """A live firm with a live visit and a deleted one; a second firm deleted yesterday."""
    path = tmp / "shown.db"
    s = Store.open(path, author="test")
    firm = save_enterprise(s, Enterprise(uscc=LIVE, name="赤壁羊楼洞茶业", jurisdiction_code="421281"), [])
    gone = save_enterprise(s, Enterprise(uscc=GONE, name="嘉鱼管材厂", jurisdiction_code="421221"), [])
    team = [save_inspector(s, Inspector(name="王磊", jurisdiction_code="421281")).uuid]
    ids = {"firm": firm.id, "gone": gone.id}
    for key, day in (("visit", "2026-09-05"), ("twice", "2026-09-06")):
        ids[key] = save_visit(s, VisitBundle(Visit(enterprise_id=firm.id, visit_date=day,
                                                   kind="assistance", inspectors=team))).visit.id
    delete_visit(s, ids["twice"])
    delete_enterprise(s, gone.id)
    s.close()
    return path, ids


@pytest.fixture
def world(qtbot, paths: AppPaths, tmp_path: Path, monkeypatch):  # noqa: ANN001, ANN201
    from qcdesk.ui import app as app_module

    db, ids = _world(tmp_path)
    said: list[tuple[str, str]] = []
    monkeypatch.setattr(QMessageBox, "exec", lambda box: said.append((box.objectName(), box.text())) or 0)
    monkeypatch.setattr(QMessageBox, "warning", lambda _p, title, text, *a: said.append((title, text)) or 0)
    shell = app_module.start_shell(argparse.Namespace(demo=False, db=db, lang="zh_CN"), paths,
                                   ask_inspector=False)
    qtbot.addWidget(shell.window)
    yield shell, ids, said
    shell.window.close()
    shell.shutdown()


def _cells(page, record_id: int) -> dict[str, object]:  # noqa: ANN001
    model = page.model
    row = model.row_of(record_id)
    assert row >= 0, "the row is not listed"
    out: dict[str, object] = {}
    for c, column in enumerate(model.columns()):
        index = model.index(row, c)
        out[column.key] = model.data(index)
        out["tip:" + column.key] = model.data(index, Qt.ItemDataRole.ToolTipRole)
        out["brush:" + column.key] = model.data(index, Qt.ItemDataRole.ForegroundRole)
    return out


def _context_menu(page, record_id: int) -> list[QAction]:  # noqa: ANN001
    """Right-click the row: the actions of the menu that opens. A deleted row's own menu is shown
    (popup); a live row's event is left to the list's menu (its actions, Qt's blocking exec)."""
    view = page.view
    rect = view.visualRect(page.model.index(page.model.row_of(record_id), 0))
    event = QContextMenuEvent(QContextMenuEvent.Reason.Mouse, rect.center(), view.viewport().mapToGlobal(
        rect.center()))
    if not page.deleted_rows.eventFilter(view.viewport(), event):
        return [x for x in view.actions() if x.isVisible()]
    shown = view.findChildren(QMenu, "deletedRowMenu")
    actions = list(shown[-1].actions())
    for menu in shown:
        menu.close()
        menu.setObjectName("closed")
    return actions


def test_show_deleted_lists_marks_restores_and_hides_again(world, qtbot) -> None:  # noqa: ANN001
    shell, ids, said = world
    w = shell.window
    w.show_page(ENTERPRISES)
    page = w.current_list()
    qtbot.waitUntil(lambda: page.model.rowCount() == 1)
    box = page.deleted_rows.box  # 视图 ▸ 显示已删除, shown for the list on screen
    assert box in w.view_menu.actions() and box.isVisible() and box.isCheckable()
    assert box.text() == "显示已删除" and not box.isChecked()  # off by default
    assert page.model.row_of(ids["gone"]) < 0

    box.setChecked(True)
    qtbot.waitUntil(lambda: page.model.rowCount() == 2)
    cells = _cells(page, ids["gone"])
    assert cells["updated_at"] == "已删除"  # worded, not colour alone; the day in the tooltip
    assert "删除，" in str(cells["tip:name"]) and "右键 ▸ 恢复" in str(cells["tip:name"])
    assert cells["brush:name"] is not None
    assert _cells(page, ids["firm"])["brush:name"] is None  # a live firm as before
    page.wait_for_count()
    qtbot.waitUntil(lambda: page.count_label.text() == "共 2 条，其中已删除 1 条")

    # the deleted firm's menu offers 恢复, not 删除; opening it is refused, saying what to do
    menu = _context_menu(page, ids["gone"])
    assert "恢复(&R)" in [a.text() for a in menu] and not any(a.text().startswith("删除") for a in menu)
    assert w.open_record(ENTERPRISES, ids["gone"]) is None
    assert "已删除" in said[-1][1] and "右键 ▸ 恢复" in said[-1][1]
    w.tools.delete_selected()  # the Delete key on it: already deleted, said so, nothing changed
    assert said[-1][0] == "deleteAlready"

    assert page.select_id(ids["gone"])
    next(a for a in _context_menu(page, ids["gone"]) if a.text() == "恢复(&R)").trigger()
    firm = fetch_record(shell.store, Enterprise, ids["gone"])
    assert firm.deleted_at is None  # back live
    assert _cells(page, ids["gone"])["brush:name"] is None and page.model.rowCount() == 2
    qtbot.waitUntil(lambda: page.count_label.text() == "共 2 条")
    assert "删除(&L)…" in [a.text() for a in _context_menu(page, ids["gone"])]  # a live row's own menu again

    # the visit list: the deleted visit marked in its status; opening it refused
    w.show_page(VISITS)
    visits = w.current_list()
    qtbot.waitUntil(lambda: visits.model.rowCount() == 1)
    assert not box.isVisible() and visits.deleted_rows.box.isVisible()  # the shown list's entry
    visits.deleted_rows.box.setChecked(True)
    qtbot.waitUntil(lambda: visits.model.rowCount() == 2)
    assert _cells(visits, ids["twice"])["status"] == "已删除"
    before = fetch_record(shell.store, Visit, ids["twice"]).revision
    assert w.open_record(VISITS, ids["twice"]) is None and "这条检查记录" in said[-1][1]
    assert fetch_record(shell.store, Visit, ids["twice"]).revision == before
    assert visits.select_id(ids["twice"]) and visits.deleted_rows.restore_selected()
    assert fetch_record(shell.store, Visit, ids["twice"]).deleted_at is None

    # remembered per list, and off again hides deleted rows
    w.save_page_states()
    assert w.settings.value(f"lists/{ENTERPRISES}/show_deleted") == "1"
    delete_visit(shell.store, ids["twice"])
    visits.refresh()
    visits.deleted_rows.box.setChecked(False)
    qtbot.waitUntil(lambda: visits.model.rowCount() == 1)
    assert visits.model.row_of(ids["twice"]) < 0
    w.save_page_states()
    assert w.settings.value(f"lists/{VISITS}/show_deleted") == "0"


def test_search_finds_a_deleted_firm_only_with_the_toggle_and_exports_leave_it_out(tmp_path: Path) -> None:
    db, ids = _world(tmp_path)
    store = Store.open(db, author="test")
    try:
        def listed(**filters: object) -> list[int]:
            source = ListSource(store, ListRequest(ENTERPRISES, ListFilters(**filters)))
            return [k[-1] for k in source.page(None, 50)]

        assert listed(search="嘉鱼管材") == [] and listed() == [ids["firm"]]
        assert listed(search="嘉鱼管材", deleted=True) == [ids["gone"]]
        assert listed(search=GONE[:10], deleted=True) == [ids["gone"]]
        assert sorted(listed(deleted=True)) == sorted([ids["firm"], ids["gone"]])
        assert listed(jurisdiction="421221", deleted=True) == [ids["gone"]]
    finally:
        store.close()


@pytest.mark.parametrize("kind", [ENTERPRISES, VISITS])
@pytest.mark.parametrize("deleted", [False, True])
def test_lists_with_deleted_rows_pass_modeltester(tmp_path: Path, qtmodeltester, kind: str,
                                                  deleted: bool) -> None:  # noqa: ANN001
    from qcdesk.ui.list_model import LazyListModel
    from qcdesk.ui.list_pages import columns_for

    db, _ids = _world(tmp_path)
    store = Store.open(db, author="test")
    try:
        model = LazyListModel(store, ListRequest(kind, ListFilters(deleted=deleted)), columns_for(kind),
                              page_size=1, block_size=1)
        while model.canFetchMore():
            model.fetchMore()
        assert model.rowCount() == (2 if deleted else 1)
        qtmodeltester.check(model)
        for column in range(model.columnCount()):
            model.sort(column, Qt.SortOrder.DescendingOrder)
            qtmodeltester.check(model)
        marked = [model.data(model.index(r, 0), Qt.ItemDataRole.ForegroundRole)
                  for r in range(model.rowCount())]
        assert sum(m is not None for m in marked) == (1 if deleted else 0)
    finally:
        store.close()

