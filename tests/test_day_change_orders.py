"""The 整改跟踪 list and an open enterprise window move to the new day by themselves: after
fe9d49e only the dashboard and the warnings did, so a desk left open over midnight still said
今日到期 for an order late since 00:00, and the list's 已逾期 filter did not list it, until 刷新."""

from __future__ import annotations

import pytest
from day_clock import NEW_YEAR, RED, moved_clock, orders
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWidget

from qcdesk.models.listing import OVERDUE, RECTIFICATIONS
from qcdesk.models.store import Store


def test_rectification_list_counts_to_the_new_day_where_the_reader_was(
        qtbot, chinese, store: Store, monkeypatch: pytest.MonkeyPatch) -> None:  # noqa: ANN001
    from qcdesk.ui.list_pages import ListPage

    clock = moved_clock(monkeypatch)  # the list's today and its day's watch
    due = orders(store, others=40)
    page, late_only = ListPage(store, RECTIFICATIONS), ListPage(store, RECTIFICATIONS)
    for p in (page, late_only):
        qtbot.addWidget(p)
    late_only.set_filters({"status": OVERDUE})
    assert late_only.model.rowCount() == 0
    page.resize(900, 320)
    page.show()
    qtbot.waitExposed(page)
    days = page.model.column_of("days_left")

    def shown() -> str:
        return page.model.index(page.model.row_of(due.id), days).data()

    assert shown() == "今日到期"
    assert page.select_id(due.id)
    bar = page.view.verticalScrollBar()
    assert bar.maximum() > 0
    bar.setValue(bar.maximum() // 2)  # the reader has scrolled down the list
    kept = bar.value()

    clock.day = NEW_YEAR  # midnight passes, nobody touches the desk
    qtbot.waitUntil(lambda: shown() == "已逾期 1 天", timeout=5000)
    index = page.model.index(page.model.row_of(due.id), days)
    assert index.data(Qt.ItemDataRole.ForegroundRole).color().name() == RED
    assert page.selected_id() == due.id and bar.value() == kept
    qtbot.waitUntil(lambda: late_only.model.rowCount() == 1, timeout=5000)  # the 已逾期 filter lists it
    assert late_only.model.record_id(0) == due.id
    late_only.wait_for_count()
    assert late_only.count_label.text() == "共 1 条"


def test_open_enterprise_window_counts_its_orders_to_the_new_day(
        qtbot, chinese, store: Store, paths, monkeypatch: pytest.MonkeyPatch) -> None:  # noqa: ANN001
    import qcdesk.ui.enterprise_page as enterprise_page
    from qcdesk.ui.record_window import enterprise_title, show_record_window

    clock = moved_clock(monkeypatch)  # the page's today and its day's watch
    due = orders(store)
    parent = QWidget()
    qtbot.addWidget(parent)
    window = enterprise_page.EnterprisePage(store, paths, due.enterprise_id)
    show_record_window(window, parent, enterprise_title(store, due.enterprise_id))
    qtbot.waitExposed(window)
    cell = lambda: window.rects.item(0, 3)  # noqa: E731 - the 剩余天数 of its one open order
    assert cell().text() == "今日到期"
    clock.day = NEW_YEAR
    qtbot.waitUntil(lambda: cell().text() == "已逾期 1 天", timeout=5000)
    assert cell().foreground().color().name() == RED
    window.close()
