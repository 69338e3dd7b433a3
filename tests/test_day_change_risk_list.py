"""The enterprise list shows the new day's risk class by itself. The list reads the class from
risk_cache, written for one day; past midnight it kept yesterday's class (B for a firm whose
order became overdue at 00:00, now C) until the dashboard's pass had rewritten the cache AND
someone pressed 刷新. The pass runs in a worker, never on the GUI thread."""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Callable

import pytest
from day_clock import NEW_YEAR, Clock, moved_clock, orders
from PySide6.QtWidgets import QLabel

from qcdesk.models.listing import ENTERPRISES
from qcdesk.models.store import Store


@pytest.fixture
def clock(monkeypatch: pytest.MonkeyPatch) -> Clock:
    """The local calendar of the risk classes and of the day's watch, checked every 20 ms."""
    return moved_clock(monkeypatch)


def firm_turning_c(store: Store) -> int:
    """One failed sample (25 points: B) and an order due on 31 December: +30 from 1 January (C)."""
    from qcdesk.models.risk import refresh_risk

    enterprise = orders(store).enterprise_id
    refresh_risk(store)  # the classes of 31 December, as the dashboard wrote them that day
    return enterprise


def class_shown(page, enterprise: int) -> Callable[[], str]:  # noqa: ANN001 - a ListPage
    column = page.model.column_of("risk_class")
    return lambda: page.model.index(page.model.row_of(enterprise), column).data() or ""


def test_enterprise_list_shows_the_new_days_class_by_itself(
        qtbot, chinese, store: Store, clock: Clock, monkeypatch: pytest.MonkeyPatch) -> None:  # noqa: ANN001
    import qcdesk.models.risk as risk
    from qcdesk.ui.list_pages import ListPage

    enterprise = firm_turning_c(store)
    on_gui_thread: list[bool] = []
    assess_all = risk.assess_all

    def watched(*args, **kwargs):  # noqa: ANN002, ANN003, ANN202
        on_gui_thread.append(threading.current_thread() is threading.main_thread())
        return assess_all(*args, **kwargs)

    monkeypatch.setattr(risk, "assess_all", watched)
    page, class_c = ListPage(store, ENTERPRISES), ListPage(store, ENTERPRISES)
    for p in (page, class_c):
        qtbot.addWidget(p)
    class_c.set_filters({"risk_class": "C"})
    shown = class_shown(page, enterprise)
    assert shown().startswith("B") and class_c.model.rowCount() == 0
    page.show()
    qtbot.waitExposed(page)
    assert page.select_id(enterprise)

    clock.day = NEW_YEAR  # midnight passes, nobody touches the desk, no dashboard runs
    qtbot.waitUntil(lambda: shown().startswith("C"), timeout=10_000)
    assert page.selected_id() == enterprise
    qtbot.waitUntil(lambda: class_c.model.rowCount() == 1, timeout=10_000)  # the C filter lists it
    class_c.wait_for_count()
    assert class_c.count_label.text() == "共 1 条"
    assert on_gui_thread and not any(on_gui_thread)  # the whole register was classed in a worker
    assert risk.risk_is_current(store)


def test_classes_the_dashboard_wrote_first_are_read_at_once(qtbot, store: Store, clock: Clock) -> None:  # noqa: ANN001
    from qcdesk.models.risk import refresh_risk
    from qcdesk.ui.list_pages import ListPage

    enterprise = firm_turning_c(store)
    page = ListPage(store, ENTERPRISES)
    qtbot.addWidget(page)
    shown = class_shown(page, enterprise)
    assert shown().startswith("B")
    clock.day = NEW_YEAR
    refresh_risk(store)  # the dashboard's pass for the new day ended before the list looked
    qtbot.waitUntil(lambda: shown().startswith("C"), timeout=5000)
    assert page.risk_day.risk.job is None  # read, not computed a second time


def test_list_says_it_waits_for_an_import_then_shows_the_class(
        qtbot, chinese, store: Store, clock: Clock, monkeypatch: pytest.MonkeyPatch) -> None:  # noqa: ANN001
    import qcdesk.ui.dashboard_risk as dashboard_risk
    from qcdesk.ui.list_pages import ListPage

    monkeypatch.setattr(dashboard_risk, "RETRY_MS", 100)
    enterprise = firm_turning_c(store)
    page = ListPage(store, ENTERPRISES)
    qtbot.addWidget(page)
    page.show()
    qtbot.waitExposed(page)
    shown = class_shown(page, enterprise)
    note = page.findChild(QLabel, "riskWaitingNote")
    importer = sqlite3.connect(str(store.path), isolation_level=None)  # another program writes
    importer.execute("BEGIN IMMEDIATE")
    try:
        clock.day = NEW_YEAR
        qtbot.waitUntil(lambda: note is not None and note.isVisible(), timeout=10_000)
        assert "等待其他程序完成写入" in note.text()
        assert shown().startswith("B")  # unchanged while nothing new is written
    finally:
        importer.execute("ROLLBACK")
        importer.close()
    qtbot.waitUntil(lambda: shown().startswith("C"), timeout=10_000)
    assert not note.isVisible()
