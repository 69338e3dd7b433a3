"""The visit and rectification lists' date filters from the keyboard. They were QDateEdits whose
lowest date meant "any date" (不限): Tab never left an unset filter (12 presses), typing 20261001
gave 不限20261001 and the list was not filtered, Up set 2001-01-01. Now: Tab leaves, a date typed
and confirmed with Enter or Tab filters the list, emptying the filter lists every record again."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from qcdesk.models.enterprises import save_enterprise
from qcdesk.models.inspections import VisitBundle, save_visit
from qcdesk.models.listing import RECTIFICATIONS, VISITS
from qcdesk.models.records import Enterprise, Finding, Visit
from qcdesk.models.rectifications import order_rectification
from qcdesk.models.store import Store
from qcdesk.ui.list_pages import ListPage
from tests.inspector_pair import inspector_pair

DAYS = ["2026-09-20", "2026-10-01", "2026-10-15", "2026-11-02"]


@pytest.fixture(params=[VISITS, RECTIFICATIONS])
def page(request: pytest.FixtureRequest, qtbot: QtBot, store: Store) -> ListPage:
    """A list of four visits (or their four orders), one on each of DAYS, shown."""
    firm = save_enterprise(store, Enterprise(uscc="91421281MA4KL5FE07", name="赤壁市羊楼洞茶业有限公司",
                                             jurisdiction_code="421281"))
    for day in DAYS:
        visit = Visit(enterprise_id=firm.id, visit_date=day, kind="assistance",
                      inspectors=inspector_pair(store))
        finding = Finding(category="", description="标签不全")
        bundle = save_visit(store, VisitBundle(visit, findings=[finding]))
        order_rectification(store, visit=bundle.visit, requirement="整改：标签不全", ordered_on=day,
                            rule_set="samr18", finding=bundle.findings[0])
    page = ListPage(store, request.param)
    qtbot.addWidget(page)
    page.resize(1280, 600)
    page.show()
    page.activateWindow()
    rows(qtbot, page, 4)
    return page


def rows(qtbot: QtBot, page: ListPage, expected: int) -> None:
    """The list shows `expected` rows (it loads and counts on its own)."""
    qtbot.waitUntil(lambda: page.model.rowCount() == expected, timeout=3000)


def focus(widget: QWidget) -> None:
    widget.setFocus()
    QApplication.processEvents()
    assert QApplication.focusWidget() is widget


def key(qtbot: QtBot, k: Qt.Key) -> None:
    qtbot.keyClick(QApplication.focusWidget(), k)
    QApplication.processEvents()


def test_tab_leaves_the_empty_filters(qtbot: QtBot, page: ListPage) -> None:
    focus(page.date_from)
    key(qtbot, Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is page.date_to
    key(qtbot, Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is page.clear_button
    key(qtbot, Qt.Key.Key_Backtab)
    key(qtbot, Qt.Key.Key_Backtab)
    assert QApplication.focusWidget() is page.date_from
    assert (page.date_from.iso(), page.date_to.iso()) == ("", "")


def test_a_typed_date_filters_the_list_on_enter_and_tab(qtbot: QtBot, page: ListPage) -> None:
    focus(page.date_from)
    qtbot.keyClicks(page.date_from, "20261001")
    assert page.date_from.text() == "20261001"  # not 不限20261001
    key(qtbot, Qt.Key.Key_Return)
    assert page.date_from.text() == "2026-10-01"
    rows(qtbot, page, 3)
    assert page.filters().date_from == "2026-10-01"
    key(qtbot, Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is page.date_to
    qtbot.keyClicks(page.date_to, "2026-10-15")
    key(qtbot, Qt.Key.Key_Tab)
    rows(qtbot, page, 2)  # 1 and 15 October
    assert (page.filters().date_from, page.filters().date_to) == ("2026-10-01", "2026-10-15")


def test_emptying_the_filter_lists_every_record_again(qtbot: QtBot, page: ListPage) -> None:
    page.date_from.set_iso("2026-10-01")
    page.apply()
    rows(qtbot, page, 3)
    focus(page.date_from)
    page.date_from.selectAll()
    key(qtbot, Qt.Key.Key_Backspace)
    key(qtbot, Qt.Key.Key_Tab)
    rows(qtbot, page, 4)
    assert page.date_from.iso() == "" and page.date_from.notice() == ""
    page.date_to.set_iso("2026-09-30")
    page.apply()
    rows(qtbot, page, 1)
    focus(page.date_to)
    key(qtbot, Qt.Key.Key_Delete)  # empties at once
    rows(qtbot, page, 4)


def test_a_half_typed_filter_is_told_and_filters_nothing(qtbot: QtBot, page: ListPage) -> None:
    focus(page.date_from)
    qtbot.keyClicks(page.date_from, "2026-10")
    key(qtbot, Qt.Key.Key_Return)
    assert page.date_from.text() == "" and "2026-10" in page.date_from.notice()
    assert page.date_from.note() is not None and page.date_from.note().isVisible()
    rows(qtbot, page, 4)


def test_up_on_an_empty_filter_starts_at_today(qtbot: QtBot, page: ListPage) -> None:
    page.date_from.today = lambda: QDate(2026, 10, 15)
    focus(page.date_from)
    key(qtbot, Qt.Key.Key_Up)  # not 2001-01-01
    assert page.date_from.iso() == "2026-10-15"
    rows(qtbot, page, 2)
    key(qtbot, Qt.Key.Key_Up)
    assert page.date_from.iso() == "2026-10-16"
    rows(qtbot, page, 1)


def test_the_empty_filter_says_any_date_in_chinese(qtbot: QtBot, page: ListPage) -> None:
    from qcdesk.ui.app import Translators

    translators = Translators(QApplication.instance())
    translators.apply("zh_CN")
    try:
        page.retranslate()
        assert (page.date_from.placeholderText(), page.date_from.text()) == ("不限", "")
        focus(page.date_from)
        qtbot.keyClicks(page.date_from, "20261001")
        assert page.date_from.text() == "20261001"
    finally:
        translators.apply("en")
        page.retranslate()
