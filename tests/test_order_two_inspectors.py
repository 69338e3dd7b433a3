"""A 责令整改通知书 on a FINDING says "本局执法人员在对你单位的现场检查中发现…": the finding is what the
visit's inspectors saw, and a check that ends in an order is enforcement, made by at least two of
them. A one-officer 质量帮扶/指导 visit gave orders all the same (49 in the demo), each open to
challenge for that alone. Now an order on a finding needs two people on its visit (one officer
entered twice is one); an order on a failed sample does not (a 国抽 or 省抽 is sampled by the
testing institute, and its samplers are checked on the sample)."""

from __future__ import annotations

import sqlite3
from datetime import date
from pathlib import Path

import pytest

from qcdesk.models.demo import build_demo
from qcdesk.models.inspections import VisitBundle, save_visit
from qcdesk.models.messages import ValidationFailed
from qcdesk.models.records import Finding, Visit
from qcdesk.models.rectifications import order_rectification
from qcdesk.models.store import Store
from tests.test_domain import make_enterprise, make_inspectors

TODAY = date(2026, 11, 30)


def _assistance(store: Store, inspectors: list[str]) -> VisitBundle:
    e = make_enterprise(store)
    return save_visit(store, VisitBundle(
        Visit(enterprise_id=e.id, visit_date="2026-11-02", kind="assistance", status="done",
              inspectors=inspectors),
        [], [Finding(description="检验用计量器具超过检定有效期仍在使用",
                     basis="《中华人民共和国计量法》第九条")]))


def _order(store: Store, check: VisitBundle) -> None:
    order_rectification(store, visit=check.visit, requirement="送检计量器具", ordered_on="2026-11-03",
                        finding=check.findings[0], today=TODAY)


def _orders(store: Store) -> int:
    return store.db.execute("SELECT count(*) FROM rectification").fetchone()[0]


def test_a_one_officer_visits_finding_gets_no_order_and_the_clerk_is_told_why(store: Store) -> None:
    a, _b = make_inspectors(store)
    check = _assistance(store, [a.uuid])
    with pytest.raises(ValidationFailed) as refused:
        _order(store, check)
    texts = [i.text("zh") for i in refused.value.issues]
    assert any("只有1名执法人员" in t and "至少两名执法人员" in t and "勾选同去的执法人员" in t
               for t in texts), texts
    assert _orders(store) == 0


def test_a_visit_naming_no_inspector_is_told_so(store: Store) -> None:
    check = _assistance(store, [])
    with pytest.raises(ValidationFailed) as refused:
        _order(store, check)
    assert any(i.text("zh").startswith("这次质量帮扶/指导没有登记执法人员，不能据其发现的问题下达责令整改")
               for i in refused.value.issues)
    assert _orders(store) == 0


def test_two_officers_on_the_visit_may_order(store: Store) -> None:
    a, b = make_inspectors(store)
    check = _assistance(store, [a.uuid, b.uuid])
    _order(store, check)
    assert _orders(store) == 1


def test_the_demo_orders_no_finding_of_a_one_officer_visit(tmp_path: Path) -> None:
    db = build_demo(tmp_path / "demo.db", seed=5, today=TODAY, enterprises=120, visits=2500)
    conn = sqlite3.connect(db)
    teams = [n for (n,) in conn.execute(
        "SELECT json_array_length(v.inspectors) FROM rectification r JOIN visit v ON v.id = r.visit_id"
        " WHERE r.finding_id IS NOT NULL")]
    conn.close()
    assert teams and min(teams) >= 2
