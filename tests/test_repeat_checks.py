"""The six-month rule of spot checks (SAMR order No. 18): a second 监督抽查 of the same product of
an enterprise by the same bureau within 6 calendar months is pointed out (never refused);
re-checks and checks by another bureau are not. Real store, real SQL."""

from __future__ import annotations

from datetime import date

import pytest

from qcdesk.models.enterprises import save_enterprise
from qcdesk.models.inspections import VisitBundle, save_inspector, save_visit
from qcdesk.models.persistence import soft_delete
from qcdesk.models.records import Enterprise, Inspector, Sample, Visit
from qcdesk.models.repeat_checks import (
    earlier_checks,
    normalise_product,
    repeat_check_warnings,
)
from qcdesk.models.risk import months_before
from qcdesk.models.store import Store

SEALED = "已封样（检验样品、备用样品）"
MESSAGE = "该企业的同一产品已于2025年5月14日监督抽查（6个月内），除跟踪抽查外不应重复抽查"


@pytest.fixture
def office(store: Store) -> dict:
    """An enterprise, two inspectors of 赤壁市 and two of the city bureau."""
    tea = save_enterprise(store, Enterprise(uscc="91421281MA4KL5FE07", name="赤壁市羊楼洞茶业有限公司",
                                            jurisdiction_code="421281"), [])
    other = save_enterprise(store, Enterprise(uscc="91421221MA4E3XHX15", name="嘉鱼县管材有限公司",
                                              jurisdiction_code="421221"), [])
    county = [save_inspector(store, Inspector(name=n, jurisdiction_code="421281")).uuid
              for n in ("王磊", "李娜")]
    city = [save_inspector(store, Inspector(name=n, jurisdiction_code="421200")).uuid
            for n in ("周敏", "陈刚")]
    return {"tea": tea.id, "other": other.id, "county": county, "city": city}


def _visit(store: Store, enterprise_id: int, day: str, products: list[str], inspectors: list[str], *,
           kind: str = "spot_check", status: str = "done") -> VisitBundle:
    samples = [Sample(product_name=p, samplers=["王磊", "李娜"], seal_state=SEALED, sampled_on=day)
               for p in products]
    return save_visit(store, VisitBundle(Visit(enterprise_id=enterprise_id, visit_date=day, kind=kind,
                                               inspectors=inspectors, status=status), samples=samples))


def _warnings(store: Store, bundle: VisitBundle, lang: str = "zh") -> list[tuple[str, str]]:
    return [(i.field, i.text(lang)) for i in repeat_check_warnings(store, bundle.visit, bundle.samples)]


def test_same_product_same_bureau_same_day_is_warned_with_the_date(store: Store, office: dict) -> None:
    _visit(store, office["tea"], "2025-05-14", ["青砖茶"], office["county"])
    # saved all the same (a warning, never a refusal); the name differs only in width and spaces
    second = _visit(store, office["tea"], "2025-05-14", ["米砖茶", "　青砖茶 "], office["county"])
    assert second.visit.id is not None
    warnings = repeat_check_warnings(store, second.visit, second.samples)
    assert [(i.field, i.text("zh"), i.warning) for i in warnings] == [
        ("samples.1.product_name", MESSAGE, True)]
    assert "2025-05-14" in warnings[0].text("en") and "within 6 months" in warnings[0].text("en")


def test_six_calendar_months_through_the_same_day(store: Store, office: dict) -> None:
    _visit(store, office["tea"], "2025-05-14", ["ＰＥ给水管"], office["county"])
    inside = _visit(store, office["tea"], "2025-11-13", ["PE给水管"], office["county"])
    after = _visit(store, office["tea"], "2025-11-14", ["PE给水管"], office["county"])
    assert _warnings(store, inside) == [("samples.0.product_name", MESSAGE)]
    # on 2025-11-14 six months have passed since 05-14, but the check of 11-13 is recent: named
    assert [t for _f, t in _warnings(store, after)] == [MESSAGE.replace("2025年5月14日", "2025年11月13日")]
    assert months_before(date(2025, 8, 31), 6) == date(2025, 2, 28)
    assert months_before(date(2024, 2, 29), 12) == date(2023, 2, 28)


def test_after_six_months_nothing(store: Store, office: dict) -> None:
    """民法典 art. 203: the six months of a check on 05-14 end on 11-14; allowed from 11-15."""
    _visit(store, office["tea"], "2025-05-14", ["青砖茶"], office["county"])
    later = _visit(store, office["tea"], "2025-11-15", ["青砖茶"], office["county"])
    assert _warnings(store, later) == []


def test_follow_ups_other_bureaus_products_and_enterprises_are_not_warned(store: Store, office: dict) -> None:
    first = _visit(store, office["tea"], "2025-05-14", ["青砖茶"], office["county"])
    # another bureau (the city's inspectors), another product, another enterprise
    assert _warnings(store, _visit(store, office["tea"], "2025-06-01", ["青砖茶"], office["city"])) == []
    assert _warnings(store, _visit(store, office["tea"], "2025-06-01", ["米砖茶"], office["county"])) == []
    assert _warnings(store, _visit(store, office["other"], "2025-06-01", ["青砖茶"], office["county"])) == []
    # a joint team that includes the county's inspector is the same bureau
    joint = _visit(store, office["tea"], "2025-06-02", ["青砖茶"], [office["city"][0], office["county"][0]])
    assert [f for f, _t in _warnings(store, joint)] == ["samples.0.product_name"]
    # a re-check (复查) is a follow-up check, and so is a spot check linked to an order
    recheck = Visit(enterprise_id=office["tea"], visit_date="2025-06-03", kind="recheck",
                    inspectors=office["county"], status="done")
    assert repeat_check_warnings(store, recheck, [Sample(product_name="青砖茶")]) == []
    linked = Visit(enterprise_id=office["tea"], visit_date="2025-06-03", kind="spot_check",
                   inspectors=office["county"], status="done", rectification_id=1)
    assert repeat_check_warnings(store, linked, [Sample(product_name="青砖茶")]) == []
    # a draft with no inspectors ticked yet cannot say its bureau: it is warned
    draft = Visit(enterprise_id=office["tea"], visit_date="2025-06-03", kind="spot_check", status="draft")
    assert len(repeat_check_warnings(store, draft, [Sample(product_name="青砖茶")])) == 1
    # a deleted earlier visit no longer counts, nor does a planned one
    soft_delete(store, first.visit)
    soft_delete(store, joint.visit)
    _visit(store, office["tea"], "2025-06-04", [], office["county"], status="planned")
    again = Visit(enterprise_id=office["tea"], visit_date="2025-06-05", kind="spot_check",
                  inspectors=office["county"], status="done")
    assert repeat_check_warnings(store, again, [Sample(product_name="青砖茶")]) == []


def test_the_visit_itself_and_removed_samples_do_not_count(store: Store, office: dict) -> None:
    saved = _visit(store, office["tea"], "2025-05-14", ["青砖茶", "米砖茶"], office["county"])
    assert _warnings(store, saved) == []  # its own samples are not an earlier check
    removed = Sample(product_name="青砖茶", deleted_at="2025-05-15T00:00:00Z")
    visit = Visit(enterprise_id=office["tea"], visit_date="2025-05-20", kind="spot_check",
                  inspectors=office["county"], status="done")
    assert repeat_check_warnings(store, visit, [removed]) == []


def test_query_uses_the_enterprise_date_index(store: Store, office: dict) -> None:
    _visit(store, office["tea"], "2025-05-14", ["青砖茶"], office["county"])
    seen: list[str] = []
    store.db.conn.set_trace_callback(seen.append)
    try:
        visit = Visit(enterprise_id=office["tea"], visit_date="2025-06-01", kind="spot_check",
                      inspectors=office["county"], status="done")
        earlier_checks(store, visit, [Sample(product_name="青砖茶")])
    finally:
        store.db.conn.set_trace_callback(None)
    sql = next(s for s in seen if "JOIN sample" in s)
    plan = " ".join(str(r[-1]) for r in store.db.execute("EXPLAIN QUERY PLAN " + sql).fetchall())
    assert "SCAN v" not in plan and "enterprise_id=? AND visit_date>? AND visit_date<?" in plan, plan


def test_normalise_product() -> None:
    assert normalise_product("　ＰＥ　给水管（ＤＮ２０） ") == "PE 给水管(DN20)"
    assert normalise_product("青砖茶") == normalise_product(" 青砖茶　")


def test_a_check_another_body_organised_is_named_not_warned(store: Store, office: dict) -> None:
    """F4: the province's 省抽 (imported, no inspectors) does not bar this office's check; the note
    names the province. This office's own check (organiser blank or its own name) still warns."""
    store.set_setting("doc.org_name", "赤壁市市场监督管理局")
    province = Sample(product_name="青砖茶", organiser="湖北省市场监督管理局", sampled_on="2025-05-14")
    save_visit(store, VisitBundle(Visit(enterprise_id=office["tea"], visit_date="2025-05-14",
                                        kind="spot_check", status="done"), [province]))
    ours = Visit(enterprise_id=office["tea"], visit_date="2025-06-01", kind="spot_check",
                 inspectors=office["county"], status="draft")
    mine = Sample(product_name="青砖茶", organiser="赤壁市市场监督管理局")
    texts = [i.text("zh") for i in repeat_check_warnings(store, ours, [mine])]
    assert texts == ["湖北省市场监督管理局已于2025年5月14日抽查过该企业的同一产品（6个月内）；"
                     "不是本单位组织的抽查，不受6个月内不重复抽查的限制"]
    assert not any("不应重复抽查" in t for t in texts)
    # a second 省抽 of the same product is the same bureau: warned
    again = [i.text("zh") for i in repeat_check_warnings(
        store, ours, [Sample(product_name="青砖茶", organiser="省抽")])]
    assert again == [MESSAGE]
    # this office's own earlier check still warns, even with the province's check in between
    _visit(store, office["tea"], "2025-05-10", ["青砖茶"], office["county"])
    texts = [i.text("zh") for i in repeat_check_warnings(store, ours, [mine])]
    assert texts == [MESSAGE.replace("5月14日", "5月10日")]
