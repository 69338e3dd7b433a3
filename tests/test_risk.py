"""Risk classes on constructed histories, built through the core API like an inspector would."""

from __future__ import annotations

from datetime import date

from qcdesk.models.enterprises import save_enterprise
from qcdesk.models.inspections import VisitBundle, save_inspector, save_visit
from qcdesk.models.persistence import soft_delete
from qcdesk.models.records import Enterprise, Finding, Inspector, Licence, Sample, Visit
from qcdesk.models.rectifications import await_recheck, order_rectification, record_recheck, submit_report
from qcdesk.models.risk import (
    SupervisionRules,
    cached_assessment,
    class_counts,
    load_rules,
    months_after,
    months_before,
    refresh_risk,
    risk_for,
    save_rules,
)
from qcdesk.models.store import Store

TODAY = date(2026, 11, 1)
CODES = ["91421202MA4AEDKU8T", "91421221MA4E3XHX15", "91421222MA4PJ5BUX4", "91421223MA4059AK31"]


def enterprise(store: Store, i: int = 0, licence_expires: str | None = "2029-01-01") -> Enterprise:
    lic = [Licence(number="SC11442128100017", product="砖茶", expires_on=licence_expires)]
    return save_enterprise(store, Enterprise(uscc=CODES[i], name=f"企业{i}", jurisdiction_code="421281",
                                             industry="砖茶"), lic if licence_expires else [])


def inspectors(store: Store) -> list[str]:
    return [save_inspector(store, Inspector(name=n, jurisdiction_code="421281")).uuid
            for n in ("王磊", "李娜")]


def visit(store: Store, ent: Enterprise, day: str, *, results: tuple[str, ...] = ("pass",),
          findings: tuple[str, ...] = (), kind: str = "spot_check") -> VisitBundle:
    samples = [Sample(product_name="青砖茶", result=r, failed_items="水分" if r == "fail" else "")
               for r in results] if kind == "spot_check" else []
    bundle = VisitBundle(Visit(enterprise_id=ent.id, visit_date=day, kind=kind, status="done",
                               inspectors=inspectors_of(store)), samples,
                         [Finding(category=c, description=f"{c}问题") for c in findings])
    return save_visit(store, bundle)


def inspectors_of(store: Store) -> list[str]:
    rows = [r[0] for r in store.db.execute("SELECT uuid FROM inspector ORDER BY id LIMIT 2")]
    return rows or inspectors(store)


def test_clean_recent_history_is_class_a(store: Store) -> None:
    e = enterprise(store)
    visit(store, e, "2026-05-01")
    r = risk_for(store, e.id, TODAY)
    assert r.risk_class == "A" and r.score == 0
    assert "低风险" in r.reasons[0] and "无抽查不合格" in r.reasons[1]


def test_never_visited_is_b_with_reason(store: Store) -> None:
    e = enterprise(store)
    r = risk_for(store, e.id, TODAY)
    assert r.risk_class == "B"
    assert any("从未实施检查" in x for x in r.reasons)


def test_old_visit_counts_as_unvisited(store: Store) -> None:
    e = enterprise(store)
    visit(store, e, "2024-10-01")
    r = risk_for(store, e.id, TODAY)
    assert r.risk_class == "B" and any("超过24个月未检查" in x for x in r.reasons)


def test_failed_samples_within_window_only(store: Store) -> None:
    e = enterprise(store)
    visit(store, e, "2024-06-01", results=("fail",))  # outside 24 months
    visit(store, e, "2026-03-01", results=("fail", "pass"))
    r = risk_for(store, e.id, TODAY)
    assert r.score == 25 and r.risk_class == "B"
    assert any("不合格1批次" in x for x in r.reasons)
    visit(store, e, "2026-06-01", results=("fail",))
    r = risk_for(store, e.id, TODAY)
    assert r.risk_class == "C" and any("不合格2批次" in x for x in r.reasons)


def test_overdue_rectification_and_failed_recheck_make_d(store: Store) -> None:
    e = enterprise(store)
    b = visit(store, e, "2026-01-10", results=("fail",))
    rect = order_rectification(store, visit=b.visit, requirement="停止销售并整改", ordered_on="2026-01-15",
                               rule_set="samr18", sample=b.samples[0])
    r = risk_for(store, e.id, TODAY)
    assert r.risk_class == "C" and any("整改逾期未完成1项" in x for x in r.reasons)
    recheck = save_visit(store, VisitBundle(Visit(enterprise_id=e.id, visit_date="2026-03-20", kind="recheck",
                                                  status="done", inspectors=inspectors_of(store))))
    record_recheck(store, rect, recheck.visit, passed=False)
    r = risk_for(store, e.id, TODAY)
    assert r.risk_class == "D" and any("复查不合格1项" in x for x in r.reasons)
    assert not any("逾期" in x for x in r.reasons)


def test_a_report_in_by_the_deadline_is_not_the_enterprises_delay(store: Store) -> None:
    """Same rule as the list, dashboard and warnings (rules.is_overdue): once the report is in on
    time only the bureau's re-check can be late, which is not held against the enterprise."""
    on_time, late = enterprise(store, 0), enterprise(store, 1)
    reports = {}
    for ent, reported in ((on_time, "2026-03-10"), (late, "2026-04-02")):  # deadline 2026-03-16
        b = visit(store, ent, "2026-01-10", results=("fail",))
        rect = order_rectification(store, visit=b.visit, requirement="停止销售并整改",
                                   ordered_on="2026-01-15", rule_set="samr18", sample=b.samples[0])
        assert rect.deadline == "2026-03-16" and rect.recheck_due < TODAY.isoformat()
        reports[ent.id] = submit_report(store, rect, reported)
    refresh_risk(store, TODAY, full=True)
    for shown in (risk_for(store, on_time.id, TODAY), cached_assessment(store, on_time.id)):
        assert (shown.risk_class, shown.score) == ("B", 25)  # the failed sample only
        assert not any("逾期" in x for x in shown.reasons), shown.reasons
    for shown in (risk_for(store, late.id, TODAY), cached_assessment(store, late.id)):
        assert (shown.risk_class, shown.score) == ("C", 55)
        assert "整改逾期未完成1项（+30）" in shown.reasons
    # the bureau taking the on-time order to re-check changes nothing for the enterprise
    await_recheck(store, reports[on_time.id])
    assert risk_for(store, on_time.id, TODAY).score == 25


def test_expired_licence_unless_renewed(store: Store) -> None:
    e = enterprise(store, licence_expires="2026-01-01")
    visit(store, e, "2026-05-01")
    r = risk_for(store, e.id, TODAY)
    assert r.risk_class == "B" and any("许可证已过期" in x for x in r.reasons)
    save_enterprise(store, e, [Licence(number="SC11432010400101", product="砖茶", expires_on="2031-01-01")])
    assert risk_for(store, e.id, TODAY).risk_class == "A"


def test_an_expired_licence_is_not_renewed_by_one_for_another_product(store: Store) -> None:
    """A valid XK for 塑料管材 does not replace the expired one for 电线电缆: the 25 points stay."""
    lic = [Licence(number="(鄂)XK13-006-00123", kind="XK", product="电线电缆", expires_on="2026-01-01"),
           Licence(number="(鄂)XK13-006-00124", kind="XK", product="塑料管材", expires_on="2029-01-01")]
    e = save_enterprise(store, Enterprise(uscc=CODES[0], name="管材厂", jurisdiction_code="421281",
                                          industry="管材"), lic)
    visit(store, e, "2026-05-01")
    r = risk_for(store, e.id, TODAY)
    assert (r.risk_class, r.score) == ("B", 25) and any("许可证已过期" in x for x in r.reasons), r.reasons


def test_failed_samples_score_at_most_the_cap(store: Store) -> None:
    """Three failed samples in one check are 75 points uncapped, class D (drawn at 100 %); the cap
    of 50 keeps the firm in C."""
    e = enterprise(store)
    visit(store, e, "2026-05-01", results=("fail", "fail", "fail"))
    r = risk_for(store, e.id, TODAY)
    assert (r.risk_class, r.score) == ("C", 50), r.reasons


def test_a_visit_still_planned_is_no_visit(store: Store) -> None:
    """Every committed draw plans visits: one not carried out must not count as the last visit
    (the firm keeps its 未检查 points and the unvisited warning)."""
    e = enterprise(store)
    save_visit(store, VisitBundle(Visit(enterprise_id=e.id, visit_date="2026-10-01", kind="spot_check",
                                        status="planned", inspectors=inspectors_of(store))))
    r = risk_for(store, e.id, TODAY)
    assert r.last_visit is None and r.risk_class == "B" and any("从未实施检查" in x for x in r.reasons)


def test_repeated_findings_named(store: Store) -> None:
    e = enterprise(store)
    visit(store, e, "2026-02-01", findings=("标签标识",), kind="licence_followup")
    visit(store, e, "2026-07-01", findings=("标签标识", "原料验收"), kind="licence_followup")
    r = risk_for(store, e.id, TODAY)
    assert r.score == 15
    assert any("重复出现：标签标识" in x for x in r.reasons)


def test_rules_are_configurable_in_one_place(store: Store) -> None:
    e = enterprise(store)
    assert load_rules(store) == SupervisionRules()
    save_rules(store, SupervisionRules(no_visit_points=0, draw_ratios={"D": "0.9"}))
    rules = load_rules(store)
    assert rules.draw_ratios == {"A": "0.05", "B": "0.20", "C": "0.60", "D": "0.9"}
    assert risk_for(store, e.id, TODAY).risk_class == "A"


def test_cache_refreshes_only_dirty_and_follows_saves(store: Store) -> None:
    a, b = enterprise(store, 0), enterprise(store, 1)
    assert refresh_risk(store, TODAY) == 2
    assert refresh_risk(store, TODAY) == 0
    visit(store, a, "2026-06-01", results=("fail", "fail"))
    assert refresh_risk(store, TODAY) == 1
    assert cached_assessment(store, a.id).risk_class == "C"
    assert cached_assessment(store, b.id).risk_class == "B"
    assert class_counts(store, TODAY) == {"A": 0, "B": 1, "C": 1, "D": 0}
    soft_delete(store, b)
    assert class_counts(store, TODAY) == {"A": 0, "B": 0, "C": 1, "D": 0}
    # a new day recomputes everything (time-based rules move on)
    assert refresh_risk(store, date(2026, 11, 2)) == 1


def test_batch_equals_single(store: Store) -> None:
    ents = [enterprise(store, i) for i in range(4)]
    visit(store, ents[1], "2026-06-01", results=("fail",))
    visit(store, ents[2], "2025-06-01", results=("fail", "fail", "fail"))
    refresh_risk(store, TODAY, full=True)
    for e in ents:
        single = risk_for(store, e.id, TODAY)
        assert cached_assessment(store, e.id) == single


def test_months_before_clamps() -> None:
    assert months_before(date(2026, 2, 28), 24) == date(2024, 2, 28)
    assert months_before(date(2024, 2, 29), 12) == date(2023, 2, 28)
    assert months_before(date(2026, 3, 31), 1) == date(2026, 2, 28)
    assert months_before(date(2027, 12, 31), 6) == date(2027, 6, 30)  # a 31st lands on the 30th
    assert months_after(date(2026, 7, 31), 9) == date(2027, 4, 30)
    assert months_before(date(2026, 1, 15), 1) == date(2025, 12, 15)


def test_change_during_a_refresh_stays_marked(store: Store, monkeypatch) -> None:  # noqa: ANN001
    from qcdesk.models import risk

    a = enterprise(store, 0)
    refresh_risk(store, TODAY)
    visit(store, a, "2026-06-01")
    real = risk.assess_all

    def racing(*args, **kwargs):  # another window saves while the refresh computes
        found = real(*args, **kwargs)
        visit(store, a, "2026-06-02", results=("fail", "fail"))
        return found

    monkeypatch.setattr(risk, "assess_all", racing)
    assert refresh_risk(store, TODAY) == 1
    monkeypatch.setattr(risk, "assess_all", real)
    assert store.db.execute("SELECT count(*) FROM risk_dirty").fetchone()[0] == 1
    assert refresh_risk(store, TODAY) == 1
    assert cached_assessment(store, a.id).risk_class == "C"
    assert risk.risk_is_current(store, TODAY) and not risk.risk_is_current(store, date(2026, 11, 2))
