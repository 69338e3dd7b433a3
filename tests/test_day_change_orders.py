"""The 整改跟踪 list and an open enterprise window move to the new day by themselves: after
fe9d49e only the dashboard and the warnings did, so a desk left open over midnight still said
今日到期 for an order late since 00:00, and the list's 已逾期 filter did not list it, until 刷新."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWidget

from qcdesk.models.enterprises import save_enterprise
from qcdesk.models.inspections import VisitBundle, save_inspector, save_visit
from qcdesk.models.listing import OVERDUE, RECTIFICATIONS
from qcdesk.models.records import Enterprise, Inspector, Rectification, Sample, Visit
from qcdesk.models.rectifications import order_rectification
from qcdesk.models.store import Store

EVE, NEW_YEAR = date(2026, 12, 31), date(2027, 1, 1)
RED = "#c62828"


class Clock:
    """The local calendar, moved by the test."""

    def __init__(self, day: date):
        self.day = day

    def __call__(self) -> date:
        return self.day


def local_date(clock: Clock) -> type[date]:
    class LocalDate(date):
        @classmethod
        def today(cls) -> date:
            return clock()

    return LocalDate


def orders(store: Store, others: int = 0) -> Rectification:
    """SAMR 18: one order due on 31 December 2026 (late from 1 January), and `others` due later."""
    e = save_enterprise(store, Enterprise(uscc="91421224MA4CJGYT6P", name="通山县石材有限公司",
                                          jurisdiction_code="421224"))
    a, b = (save_inspector(store, Inspector(name=n, jurisdiction_code="421224")) for n in ("王磊", "李娜"))
    bundle = save_visit(store, VisitBundle(
        Visit(enterprise_id=e.id, visit_date="2026-10-20", kind="spot_check", inspectors=[a.uuid, b.uuid],
              status="done", summary="抽样"),
        samples=[Sample(product_name=f"花岗岩板材{i}", result="fail", failed_items="放射性",
                        result_notified_on="2026-10-28") for i in range(others + 1)]))
    due = order_rectification(store, visit=bundle.visit, requirement="停止销售并整改",
                              ordered_on="2026-11-01", rule_set="samr18", sample=bundle.samples[0],
                              notice_no="通山市监质改〔2026〕8号", today=date(2026, 11, 1))
    assert due.deadline == "2026-12-31"
    for i, sample in enumerate(bundle.samples[1:], 9):
        order_rectification(store, visit=bundle.visit, requirement="停止销售并整改", ordered_on="2026-12-20",
                            rule_set="samr18", sample=sample, notice_no=f"通山市监质改〔2026〕{i}号",
                            today=date(2026, 12, 20))
    return due


def test_rectification_list_counts_to_the_new_day_where_the_reader_was(
        qtbot, chinese, store: Store, monkeypatch: pytest.MonkeyPatch) -> None:  # noqa: ANN001
    import qcdesk.models.listing as listing
    from qcdesk.ui.list_pages import ListPage

    clock = Clock(EVE)
    monkeypatch.setattr(listing, "date", local_date(clock))
    due = orders(store, others=40)
    page, late_only = ListPage(store, RECTIFICATIONS), ListPage(store, RECTIFICATIONS)
    for p in (page, late_only):
        qtbot.addWidget(p)
        p.day.clock, p.day.day = clock, EVE
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

    for p in (page, late_only):
        p.day.timer.setInterval(20)  # the minute's check, sooner
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
    from qcdesk.ui.day_watch import DayWatch
    from qcdesk.ui.record_window import enterprise_title, show_record_window

    clock = Clock(EVE)
    monkeypatch.setattr(enterprise_page, "date", local_date(clock))
    due = orders(store)
    parent = QWidget()
    qtbot.addWidget(parent)
    window = enterprise_page.EnterprisePage(store, paths, due.enterprise_id)
    show_record_window(window, parent, enterprise_title(store, due.enterprise_id))
    qtbot.waitExposed(window)
    watch = window.findChild(DayWatch)
    watch.clock, watch.day = clock, EVE
    cell = lambda: window.rects.item(0, 3)  # noqa: E731 - the 剩余天数 of its one open order
    assert cell().text() == "今日到期"
    watch.timer.setInterval(20)
    clock.day = NEW_YEAR
    qtbot.waitUntil(lambda: cell().text() == "已逾期 1 天", timeout=5000)
    assert cell().foreground().color().name() == RED
    window.close()
