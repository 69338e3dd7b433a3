"""An open order whose sample passed its 复检 is late for nobody (cf738b4's rule, e3f28b4's
复检合格待撤销): the dashboard's tiles, the list's 已逾期 filter, the risk class and the warnings
leave it out of the overdue counts; it stays open until it is withdrawn."""

from __future__ import annotations

from withdrawn_orders import LATE, build_orders

from qcdesk.models.dashboard_queries import dashboard_figures, records_behind
from qcdesk.models.listing import OVERDUE, RECTIFICATIONS, ListFilters, ListRequest, ListSource
from qcdesk.models.risk import risk_for
from qcdesk.models.store import Store
from qcdesk.models.warnings import count_warnings


def _listed(store: Store, status: str) -> list[str]:
    source = ListSource(store, ListRequest(RECTIFICATIONS, ListFilters(status=status)), today=LATE)
    ids = [k[-1] for k in source.read(None, 100, budget=None).keys]
    rows = source.rows(ids)
    return sorted(rows[i]["notice_no"] for i in ids)


def test_an_order_whose_sample_passed_its_retest_is_open_but_not_late(store: Store) -> None:
    """Of the four orders (rechecked, withdrawn, to withdraw, late), only the late one is late. It is
    still open, so it is the enterprise's delay (整改逾期) alone: 复查逾期 is the bureau's re-check
    late on an order reported on time (rules.Clock.recheck_late; review s8 B1), never both."""
    orders = build_orders(store)
    figures = dashboard_figures(store, LATE, with_risk=False)
    assert figures.rectifications_open == 2  # the one to withdraw stays open until withdrawn
    assert figures.rectifications_overdue == 1
    assert (figures.recheck_pending, figures.recheck_overdue) == (0, 0)
    # the tiles open the orders they count
    assert records_behind(store, "rectifications", {"state": "overdue"}, LATE) == [orders.late.id]
    assert records_behind(store, "rectifications", {"state": "recheck_overdue"}, LATE) == []
    assert set(records_behind(store, "rectifications", {"state": "open"}, LATE)) == {
        orders.to_withdraw.id, orders.late.id}
    assert _listed(store, OVERDUE) == [orders.late.notice_no]  # the list's 已逾期 filter
    assert _listed(store, "open") == sorted([orders.to_withdraw.notice_no, orders.late.notice_no])
    counts = count_warnings(store, LATE)  # the warnings agree
    kinds = ("rectification_overdue", "recheck_overdue", "retest_withdraw")
    assert tuple(counts[k] for k in kinds) == (1, 0, 1)
    reasons = risk_for(store, orders.late.enterprise_id, LATE).reasons  # one overdue order, not two
    assert any(r.startswith("整改逾期未完成1项") for r in reasons), reasons
