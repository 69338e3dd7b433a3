"""The keyboard finds and opens (review "find" 7, 9): Ctrl+F on the dashboard or the warnings goes
to 企业档案's search box; Enter with one firm found opens it, with several goes to the first row;
Esc empties the box. And 整改跟踪's status filter offers 全部未完成 and 7日内到期."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from qcdesk.models.enterprises import save_enterprise
from qcdesk.models.inspections import VisitBundle, save_visit
from qcdesk.models.listing import ENTERPRISES, RECTIFICATIONS
from qcdesk.models.records import Enterprise, Finding, Visit
from qcdesk.models.rectifications import order_rectification
from qcdesk.models.store import Store
from qcdesk.paths import AppPaths
from qcdesk.ui.list_pages import ListPage
from tests.inspector_pair import inspector_pair

pytestmark = pytest.mark.usefixtures("chinese")


def firms(store: Store) -> dict[str, int]:
    names = {"91421281MA4KL5FE07": "赤壁市通凯砖茶有限公司", "91421222MA4PJ5BUX4": "通城县华宇磨具有限公司",
             "91421221MA4E3XHX15": "嘉鱼县华宇管业有限公司"}
    return {name: save_enterprise(store, Enterprise(uscc=code, name=name, jurisdiction_code="421281")).id
            for code, name in names.items()}


def page_on(qtbot: QtBot, store: Store, kind: str = ENTERPRISES) -> ListPage:
    page = ListPage(store, kind)
    qtbot.addWidget(page)
    page.show()
    page.activateWindow()
    qtbot.waitExposed(page)
    return page


def type_in(qtbot: QtBot, page: ListPage, text: str) -> None:
    page.search.setFocus()
    page.search.setText(text)
    QApplication.processEvents()


def test_enter_opens_the_one_firm_found(qtbot: QtBot, store: Store) -> None:
    ids = firms(store)
    page = page_on(qtbot, store)
    opened: list[tuple[str, int]] = []
    page.open_requested.connect(lambda kind, rid: opened.append((kind, rid)))
    type_in(qtbot, page, "通凯")
    qtbot.keyClick(page.search, Qt.Key.Key_Return)
    assert opened == [(ENTERPRISES, ids["赤壁市通凯砖茶有限公司"])]


def test_enter_with_several_found_goes_to_the_first_row(qtbot: QtBot, store: Store) -> None:
    firms(store)
    page = page_on(qtbot, store)
    opened: list[tuple[str, int]] = []
    page.open_requested.connect(lambda kind, rid: opened.append((kind, rid)))
    type_in(qtbot, page, "华宇")
    qtbot.keyClick(page.search, Qt.Key.Key_Return)
    assert opened == [] and page.model.rowCount() == 2
    assert page.view.hasFocus() and page.model.row_of(page.selected_id()) == 0
    qtbot.keyClick(page.view, Qt.Key.Key_Return)  # Enter again opens the row
    assert len(opened) == 1
    type_in(qtbot, page, "没有这家")
    qtbot.keyClick(page.search, Qt.Key.Key_Return)
    assert page.search.hasFocus() and opened == [(ENTERPRISES, opened[0][1])]  # nothing to go to


def test_esc_empties_the_search_box(qtbot: QtBot, store: Store) -> None:
    firms(store)
    page = page_on(qtbot, store)
    type_in(qtbot, page, "华宇")
    qtbot.keyClick(page.search, Qt.Key.Key_Return)
    page.search.setFocus()
    qtbot.keyClick(page.search, Qt.Key.Key_Escape)
    assert page.search.text() == "" and page.model.rowCount() == 3  # the whole list again


def test_ctrl_f_on_the_dashboard_goes_to_the_enterprise_search(qtbot: QtBot, store: Store, paths: AppPaths,
                                                               settings: QSettings,
                                                               monkeypatch: pytest.MonkeyPatch) -> None:
    from qcdesk.ui.main_window import DASHBOARD, WARNINGS, MainWindow

    firms(store)
    monkeypatch.setattr(QApplication.instance(), "settings", settings, raising=False)
    window = MainWindow(paths, settings=settings)
    qtbot.addWidget(window)
    window.set_store(store)
    window.show()
    qtbot.waitExposed(window)
    for start in (DASHBOARD, WARNINGS):
        window.show_page(start)
        window.nav.setFocus()
        assert window.find_action.isEnabled()
        window.find_action.trigger()
        QApplication.processEvents()
        assert window.current_key() == ENTERPRISES
        assert window.pages[ENTERPRISES].search.hasFocus()


def test_the_status_filter_lists_the_weeks_deadlines_without_the_overdue(qtbot: QtBot, store: Store) -> None:
    ids = firms(store)
    today = date.today()
    made = {}
    for days_ago, firm in [(70, "赤壁市通凯砖茶有限公司"), (57, "通城县华宇磨具有限公司"),
                           (20, "嘉鱼县华宇管业有限公司")]:
        day = (today - timedelta(days=days_ago)).isoformat()  # samr18: 60 days to correct
        visit = Visit(enterprise_id=ids[firm], visit_date=day, kind="assistance",
                      inspectors=inspector_pair(store))
        bundle = save_visit(store, VisitBundle(visit, findings=[Finding(description="标签不规范")]))
        made[days_ago] = order_rectification(store, visit=bundle.visit, requirement="整改", ordered_on=day,
                                             rule_set="samr18", finding=bundle.findings[0]).id
    page = page_on(qtbot, store, RECTIFICATIONS)
    texts = [page.status.itemText(i) for i in range(page.status.count())]
    assert texts[1:4] == ["全部未完成", "7日内到期", "已逾期"]
    page.status.setCurrentIndex(page.status.findData("due_soon"))
    qtbot.waitUntil(lambda: page.model.rowCount() == 1, timeout=3000)
    assert page.model.row_of(made[57]) == 0  # due in 3 days; the one 10 days late is not listed
    page.status.setCurrentIndex(page.status.findData("unfinished"))
    qtbot.waitUntil(lambda: page.model.rowCount() == 3, timeout=3000)
