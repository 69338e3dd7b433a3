"""Four orders of 2026 Q3 on one enterprise, one of each way an order can stand after a failed
sample: closed by a passing re-check visit, withdrawn after the sample passed its 复检, still
open although its sample passed its 复检 (not withdrawn yet), and open and late.

Shared by the tests of reports, lists and warnings (tests/test_withdrawn_*.py)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from qcdesk.models.enterprises import save_enterprise
from qcdesk.models.inspections import VisitBundle, load_visit, save_inspector, save_visit
from qcdesk.models.persistence import fetch_record
from qcdesk.models.records import Enterprise, Inspector, Rectification, Sample, Visit
from qcdesk.models.rectifications import (
    order_rectification,
    record_recheck,
    submit_report,
    withdraw_for_retest,
)
from qcdesk.models.store import Store

LATE = date(2026, 12, 20)  # past every order's 60-day deadline (2026-11-09) and its re-check
PRODUCTS = ("青砖茶", "米砖茶", "黑茶", "红茶")  # rechecked, withdrawn, to withdraw, late


@dataclass
class Orders:
    rechecked: Rectification
    withdrawn: Rectification
    to_withdraw: Rectification
    late: Rectification


def build_orders(store: Store) -> Orders:
    e = save_enterprise(store, Enterprise(uscc="91421281MA4KL5FE07", name="赤壁市羊楼洞茶业有限公司",
                                          jurisdiction_code="421281"))
    a, b = (save_inspector(store, Inspector(name=n, jurisdiction_code="421281")) for n in ("王磊", "李娜"))
    bundle = save_visit(store, VisitBundle(
        Visit(enterprise_id=e.id, visit_date="2026-09-01", kind="spot_check", inspectors=[a.uuid, b.uuid],
              status="done", summary="成品仓库抽样"),
        samples=[Sample(product_name=p, result="fail", failed_items="净含量",
                        result_notified_on="2026-09-05") for p in PRODUCTS]))
    orders = [order_rectification(store, visit=bundle.visit, requirement=f"{s.product_name}停止销售并整改",
                                  ordered_on="2026-09-10", rule_set="samr18", sample=s,
                                  notice_no=f"赤市监质改〔2026〕{i}号", today=date(2026, 9, 10))
              for i, s in enumerate(bundle.samples, 1)]
    # 米砖茶 and 黑茶 passed their re-test on the backup sample
    bundle = load_visit(store, bundle.visit.id)
    for sample in bundle.samples:
        if sample.product_name in PRODUCTS[1:3]:
            sample.retest_requested_on, sample.retest_result, sample.retest_on = (
                "2026-09-15", "pass", "2026-10-08")
    save_visit(store, bundle)
    rechecked = submit_report(store, orders[0], "2026-10-20", today=LATE)
    recheck = save_visit(store, VisitBundle(
        Visit(enterprise_id=e.id, visit_date="2026-11-02", kind="recheck", inspectors=[a.uuid, b.uuid],
              status="done", summary="复查")))
    rechecked = record_recheck(store, rechecked, recheck.visit, True, today=LATE)
    withdrawn = withdraw_for_retest(store, fetch_record(store, Rectification, orders[1].id), "2026-10-12",
                                    today=LATE)
    return Orders(rechecked, withdrawn, fetch_record(store, Rectification, orders[2].id),
                  fetch_record(store, Rectification, orders[3].id))
