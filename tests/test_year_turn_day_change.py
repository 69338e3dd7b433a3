"""The dashboard and the warnings page move to the new day on their own after midnight; they
kept yesterday's "today" (2026年12月31日, 2026年第四季度, no overdue order yet) until 刷新."""

from __future__ import annotations

from datetime import date

import pytest
from day_clock import EVE, NEW_YEAR, Clock, fixed_today, orders

from qcdesk.models.dashboard_queries import date_label
from qcdesk.models.risk import refresh_risk
from qcdesk.models.store import Store


def test_dashboard_moves_to_the_new_day_by_itself(qtbot, chinese, store: Store) -> None:  # noqa: ANN001
    from qcdesk.ui.dashboard import DashboardPage

    refresh_risk(store, date.today(), full=True)  # no background risk pass refreshes the page
    page = DashboardPage(store)
    qtbot.addWidget(page)
    qtbot.waitUntil(lambda: not page.computing, timeout=20000)  # counted in a worker
    assert not page.risk_pending
    clock = Clock(EVE)
    page.day.clock, page.day.day = clock, EVE
    page.refresh()
    qtbot.waitUntil(lambda: not page.computing, timeout=20000)
    assert "2026年12月31日" in page.heading.text()
    assert "2026年第四季度" in page.tiles["pass_quarter"].title.text()
    refreshed: list[int] = []
    page.day.changed.connect(lambda: refreshed.append(1))
    assert page.day.check() is False and refreshed == []  # the same day: nothing is recounted
    page.day.timer.setInterval(20)  # the minute's check, sooner
    clock.day = NEW_YEAR  # midnight passes, nobody touches the desk
    qtbot.waitUntil(lambda: date_label(NEW_YEAR) in page.heading.text(), timeout=5000)
    assert "2027年第一季度" in page.tiles["pass_quarter"].title.text()
    assert page.day.check() is False and refreshed == [1]  # once for the new day


def test_warnings_page_lists_the_order_late_from_the_new_day(
        qtbot, store: Store, monkeypatch: pytest.MonkeyPatch) -> None:  # noqa: ANN001
    from qcdesk.ui.warnings_page import WarningsPage

    clock = fixed_today(monkeypatch, EVE)  # the page's today, its day's watch and its queries
    orders(store)  # SAMR 18, ordered 2026-11-01: late from 1 January 2027
    page = WarningsPage(store)
    qtbot.addWidget(page)
    qtbot.waitUntil(lambda: not page.computing, timeout=20000)  # counted in a worker
    assert page.as_of == EVE
    assert "rectification_overdue" not in {w.kind for w in page.all_rows}
    page.day.timer.setInterval(20)
    clock.day = NEW_YEAR
    qtbot.waitUntil(lambda: page.as_of == NEW_YEAR, timeout=5000)
    late = [w for w in page.all_rows if w.kind == "rectification_overdue"]
    assert [(w.subject, w.days) for w in late] == [("通山市监质改〔2026〕8号", 1)]
    assert page.model.rowCount() == len(page.all_rows)  # what the table shows
