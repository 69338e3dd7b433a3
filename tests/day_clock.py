"""A local calendar a test fixes or moves past midnight, for everything that counts to "today".

Why one module: the day-change and year-turn tests each kept their own Clock, their own
date-with-a-fake-today class and, three of them, the same overdue order; those that imported
them did so from another test module. The app reads today in one place (qcdesk.models.local_day),
so a test sets it there once and every view, query and document counts from the same day.
"""

from __future__ import annotations

from datetime import date

import pytest

from qcdesk.models import local_day
from qcdesk.models.enterprises import save_enterprise
from qcdesk.models.inspections import VisitBundle, save_inspector, save_visit
from qcdesk.models.records import Enterprise, Inspector, Rectification, Sample, Visit
from qcdesk.models.rectifications import order_rectification
from qcdesk.models.store import Store

EVE, NEW_YEAR = date(2026, 12, 31), date(2027, 1, 1)
# A day in the middle of a quarter, for a demo built for it and the app's today alike: the demo
# notifies results 15 to 30 days after sampling, so in a quarter's first weeks the real quarter
# (and in January the year) has no tested sample yet, and tests that open its rates failed from
# 1 to about 25 January, April, July and October.
MID_QUARTER = date(2026, 11, 18)
RED = "#c62828"  # an overdue order's days, as the lists and the dialogs draw them


class Clock:
    """The local calendar, moved by the test."""

    def __init__(self, day: date):
        self.day = day

    def __call__(self) -> date:
        return self.day


def fixed_today(monkeypatch: pytest.MonkeyPatch, day: date) -> Clock:
    """The app's today is `day` (and moves when the test moves the clock it returns)."""
    clock = Clock(day)
    monkeypatch.setattr(local_day, "today", clock)
    return clock


def moved_clock(monkeypatch: pytest.MonkeyPatch) -> Clock:
    """The app's today on New Year's Eve, and every DayWatch made afterwards checks it every
    20 ms instead of once a minute, so a test sees midnight pass in time."""
    import qcdesk.ui.day_watch as day_watch

    monkeypatch.setattr(day_watch, "CHECK_MS", 20)
    return fixed_today(monkeypatch, EVE)


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
