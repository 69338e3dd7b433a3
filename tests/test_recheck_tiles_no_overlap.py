"""复查逾期 on the dashboard is `rules.Clock.recheck_late`: the bureau's re-check is late on an order
the enterprise reported on time (the quarterly report's 逾期未复查). An order the enterprise never
reported, or reported late, is 逾期整改 only (review s8 "numbers" B1: on the demo 50 of the 97
orders in 复查逾期 were also among the 54 in 逾期整改). 期限内未复查 is the same clock not yet run out.
"""

from __future__ import annotations

from datetime import date, timedelta
from itertools import product

from qcdesk.models.dashboard_queries import dashboard_figures, records_behind
from qcdesk.models.persistence import insert_record
from qcdesk.models.records import RECTIFICATION_STATUSES, Enterprise, Rectification, Sample, Visit
from qcdesk.models.report_queries import quarterly_data
from qcdesk.models.rules import order_clock
from qcdesk.models.store import Store

TODAY = date(2026, 11, 30)


def orders(store: Store) -> list[Rectification]:
    """Every status × deadline × extension × report date × re-check date, one with its sample
    passed at 复检; effective deadlines from 200 days ago to 30 days ahead."""
    out: list[Rectification] = []
    with store.db.atomic():
        ent = insert_record(store, Enterprise(uscc="91421224MA4KL5FE07", name="通山县石材有限公司",
                                              jurisdiction_code="421224", industry="石材"))
        visit = insert_record(store, Visit(enterprise_id=ent.id, visit_date="2026-03-02", kind="spot_check",
                                           status="done"))
        retested = insert_record(store, Sample(visit_id=visit.id, product_name="荒料", result="pass",
                                               retest_result="pass", failed_items="标识"))
        cases = product(RECTIFICATION_STATUSES, (-200, -30, -1, 0, 1, 30), (0, 20), (None, -10, 0, 1, 30),
                        (-5, 0, 15), (None, retested.id))
        for n, (status, deadline, extended_by, report, recheck, sample) in enumerate(cases):
            effective = TODAY + timedelta(days=deadline)
            original = effective - timedelta(days=extended_by)
            out.append(insert_record(store, Rectification(
                enterprise_id=ent.id, visit_id=visit.id, sample_id=sample, requirement="整改",
                ordered_on=(original - timedelta(days=60)).isoformat(), deadline=original.isoformat(),
                extended_to=effective.isoformat() if extended_by else None,
                recheck_due=(effective + timedelta(days=recheck)).isoformat(), status=status,
                notice_no=f"通市监质改〔2026〕{n}号", report_submitted_on=None if report is None
                else (effective + timedelta(days=report)).isoformat())))
    return out


def test_recheck_tiles_follow_the_clock_and_never_overlap_the_late_orders(store: Store) -> None:
    rects = orders(store)
    clocks = {r.id: order_clock(r.status, r.effective_deadline, r.report_submitted_on, r.recheck_due, TODAY,
                                retest_passed=r.sample_id is not None) for r in rects}

    def behind(state: str) -> set[int]:
        return set(records_behind(store, "rectifications", {"state": state}, TODAY))

    late, recheck_late = behind("overdue"), behind("recheck_overdue")
    recheck_pending = behind("recheck_pending")
    assert recheck_late == {i for i, c in clocks.items() if c.recheck_late}
    assert recheck_pending == {i for i, c in clocks.items() if c.kind == "recheck" and c.days >= 0}
    assert late == {i for i, c in clocks.items() if c.enterprise_late}
    assert late and recheck_late and recheck_pending
    assert not late & recheck_late and not recheck_pending & (late | recheck_late)  # no order twice

    f = dashboard_figures(store, TODAY, with_risk=False)
    assert (f.rectifications_overdue, f.recheck_overdue, f.recheck_pending) == (
        len(late), len(recheck_late), len(recheck_pending))
    # The quarterly report's 逾期未复查 of the same orders (each report counts its quarter's).
    quarters = {(int(r.ordered_on[:4]), (int(r.ordered_on[5:7]) + 2) // 3) for r in rects}
    assert sum(quarterly_data(store.db, y, q, as_of=TODAY).recheck_overdue for y, q in quarters) == len(
        recheck_late)


def test_the_tiles_say_whose_move_they_count(qtbot, store: Store, chinese) -> None:  # noqa: ANN001
    """The tiles' tooltips say the re-check tiles hold orders reported on time, the late ones not."""
    from qcdesk.ui.dashboard import DashboardPage

    page = DashboardPage(store, None)
    qtbot.addWidget(page)
    qtbot.waitUntil(lambda: not page.risk_pending, timeout=20000)  # before the store closes
    overdue = page.tiles["recheck_overdue"].toolTip()
    assert "按期提交整改报告" in overdue and "不在此重复计数" in overdue, overdue
    assert "按期提交整改报告" in page.tiles["recheck_pending"].toolTip()
    assert "企业逾期" in page.tiles["rect_overdue"].toolTip()
