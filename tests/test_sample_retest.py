"""复检 (re-test on the backup sample): its conclusion is final, and pass rates count it."""

from __future__ import annotations

from datetime import date

import pytest

from qcdesk.models.amendments import amend_visit, lock_visits
from qcdesk.models.dashboard_queries import pass_rates, pass_rates_direct, quarter_of
from qcdesk.models.inspections import load_visit, save_visit, validate_visit
from qcdesk.models.records import Sample
from qcdesk.models.report_queries import quarterly_data
from qcdesk.models.store import Store
from tests.test_audit import make_visit

QUARTER = quarter_of(date(2026, 9, 1))


def _failed(store: Store) -> tuple[int, str]:
    """A done spot check (2026-09-01) whose one sample failed; result notified 2026-09-05."""
    bundle = make_visit(store)
    sample = bundle.samples[0]
    sample.result, sample.failed_items, sample.result_notified_on = "fail", "净含量", "2026-09-05"
    save_visit(store, bundle)
    return bundle.visit.id, sample.uuid


def _rates(store: Store) -> tuple[int, int]:
    rates = pass_rates(store, QUARTER).total
    assert rates == pass_rates_direct(store, QUARTER).total
    return rates.passed, rates.failed


def test_failed_sample_that_passes_its_retest_counts_as_passed(store: Store) -> None:
    visit_id, _uuid = _failed(store)
    assert _rates(store) == (0, 1)
    bundle = load_visit(store, visit_id)
    sample = bundle.samples[0]
    sample.retest_requested_on, sample.retest_result, sample.retest_on = (
        "2026-09-12", "pass", "2026-09-28")
    save_visit(store, bundle)
    assert _rates(store) == (1, 0)  # the dashboard's figures
    report = quarterly_data(store.db, 2026, 3, as_of=date(2026, 10, 15))
    assert (report.total.passed, report.total.failed, report.failed_samples) == (1, 0, [])
    stored = load_visit(store, visit_id).samples[0]
    assert (stored.result, stored.retest_result, stored.failed_items) == ("pass", "pass", "净含量")


@pytest.mark.parametrize("typed", ["fail", "pass"])
def test_pending_retest_keeps_the_failed_result(store: Store, typed: str) -> None:
    """Under 复检 the result stays 不合格 until the 复检 concludes, even when the inspector, told
    informally that it passed, switches 检验结果 to 合格 (pass rate, risk and 公示 would count it)."""
    visit_id, _uuid = _failed(store)
    bundle = load_visit(store, visit_id)
    bundle.samples[0].retest_requested_on = "2026-09-12"
    bundle.samples[0].result = typed
    save_visit(store, bundle)
    stored = load_visit(store, visit_id).samples[0]
    assert (stored.result, stored.retest_result) == ("fail", "pending")
    assert _rates(store) == (0, 1)


def _retest_issues(store: Store, visit_id: int, requested: str) -> list:
    bundle = load_visit(store, visit_id)
    sample = bundle.samples[0]
    sample.retest_requested_on, sample.retest_result, sample.retest_on = requested, "fail", "2026-10-30"
    return [i for i in validate_visit(store, bundle) if "retest" in i.field]


def test_request_after_fifteen_days_is_a_warning_naming_the_last_day(store: Store) -> None:
    visit_id, _uuid = _failed(store)
    assert _retest_issues(store, visit_id, "2026-09-20") == []  # day 15: still in time
    late = _retest_issues(store, visit_id, "2026-09-21")
    assert [(i.rule, i.warning) for i in late] == [("retest.lapsed", True)]
    assert "2026-09-20" in late[0].text() and "15" in late[0].text("en")


def test_retest_of_a_sample_that_did_not_fail_is_refused(store: Store) -> None:
    bundle = make_visit(store)  # its sample passed
    sample: Sample = bundle.samples[0]
    sample.result_notified_on, sample.retest_requested_on = "2026-09-05", "2026-09-06"
    issues = [i for i in validate_visit(store, bundle) if not i.warning]
    assert any(i.rule == "retest.not_failed" for i in issues)


def test_retest_recorded_on_a_locked_visit_by_amendment(store: Store) -> None:
    visit_id, uuid = _failed(store)
    lock_visits(store, [visit_id], "pkg-421281-0009")
    prefix = f"samples.{uuid}."
    amendment = amend_visit(store, visit_id, {prefix + "retest_requested_on": "2026-09-12",
                                              prefix + "retest_result": "pass",
                                              prefix + "retest_on": "2026-09-28"},
                            "企业申请复检，备份样品复检合格")
    assert amendment.changes[prefix + "result"] == ["fail", "pass"]
    assert amendment.changes[prefix + "retest_result"] == ["", "pass"]
    stored = load_visit(store, visit_id).samples[0]
    assert (stored.result, stored.retest_on) == ("pass", "2026-09-28")
    assert _rates(store) == (1, 0)
    # amending something else afterwards records no spurious change of the result
    again = amend_visit(store, visit_id, {prefix + "remarks": "复检报告编号 FJ-2026-18"}, "补记")
    assert set(again.changes) == {prefix + "remarks"}
