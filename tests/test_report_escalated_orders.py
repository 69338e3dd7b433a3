"""The quarterly report's table of unfinished orders says how far a failing order has climbed
Product Quality Law art. 17's ladder: 复查不合格 alone hid a revoked business licence (review,
documents)."""

from __future__ import annotations

from qcdesk.export.pdf.report_orders import order_state
from qcdesk.models.report_queries import UnfinishedRectification
from qcdesk.models.rules import Clock
from tests.test_recheck_finding_basis import check  # noqa: F401 - the fixture


def _order(status: str, escalation: str) -> UnfinishedRectification:
    return UnfinishedRectification("崇阳县某钒业有限公司", "崇阳县", "崇市监质改〔2026〕9号", "整改",
                                   "2026-03-01", "2026-03-16", status, Clock(""), False, escalation)


def test_a_failed_orders_state_names_its_step() -> None:
    assert order_state(_order("recheck_failed", "")) == "复查不合格"
    assert order_state(_order("recheck_failed", "announced")) == "复查不合格，省级市场监管部门公告"
    assert order_state(_order("recheck_failed", "suspended")) == "复查不合格，责令停业，限期整顿"
    assert order_state(_order("recheck_failed", "revoked")) == "复查不合格，吊销营业执照"


def test_the_report_reads_the_step_from_the_order(store, check) -> None:  # noqa: ANN001, F811
    from datetime import date

    from qcdesk.models.report_queries import quarterly_data
    from tests.test_recheck_finding_basis import fail_recheck, order

    rect = order(store, check, "sample")  # ordered 2026-06-03: the second quarter's
    for day in ("2026-07-20", "2026-08-20", "2026-09-20"):
        rect = fail_recheck(store, check, rect, day)
    [unfinished] = quarterly_data(store.db, 2026, 2, as_of=date(2026, 11, 30)).unfinished
    assert order_state(unfinished) == "复查不合格，吊销营业执照"
