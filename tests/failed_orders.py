"""A failed sample's rectification order, and its 复检 (re-test) entered afterwards.

Why one module: the order-lifecycle tests (withdrawing after a passed re-test, reopening an order
closed by mistake, the re-test documents) each built the same failed sample and order, and two
the same re-test, with a word or a date changed."""

from __future__ import annotations

from datetime import date

from qcdesk.models.inspections import load_visit, save_visit
from qcdesk.models.records import Rectification
from qcdesk.models.rectifications import order_rectification
from qcdesk.models.store import Store
from tests.test_audit import make_visit


def failed_sample_order(store: Store, failed_items: str = "净含量", notice_no: str = "") -> Rectification:
    """test_audit.make_visit's sample failed (`failed_items`, notified 2026-09-05) and its order of
    2026-09-10 under SAMR order 18 (deadline 2026-11-09), nothing done since."""
    bundle = make_visit(store)
    sample = bundle.samples[0]
    sample.result, sample.failed_items, sample.result_notified_on = "fail", failed_items, "2026-09-05"
    bundle = save_visit(store, bundle)
    return order_rectification(store, visit=bundle.visit, requirement="停止销售并整改",
                               ordered_on="2026-09-10", rule_set="samr18", sample=bundle.samples[0],
                               notice_no=notice_no, today=date(2026, 9, 10))


def enter_retest(store: Store, rect: Rectification, result: str = "pass",
                 on: str | None = "2026-10-08") -> None:
    """The order's sample: 复检 requested 2026-09-15, its `result` on `on`, saved as the editor does."""
    bundle = load_visit(store, rect.visit_id)
    sample = bundle.samples[0]
    sample.retest_requested_on, sample.retest_result, sample.retest_on = "2026-09-15", result, on
    save_visit(store, bundle)
