"""What the warnings count, against the figures they sit beside (review s8, numbers B1, B5, A4).

复查逾期 is the bureau's delay exactly as `rules.Clock.recheck_late` says (the quarterly report's
rule): an order the enterprise never reported is 整改逾期 alone, never listed twice. 多次抽查不合格
counts the 监督抽查 samples the 监督抽查合格率 counts, not a 专项检查's. A visit (not planned) dated
after today is warned, with its date, on the page and by `qcdesk warnings`.
"""

from __future__ import annotations

import itertools
from datetime import date, timedelta

import pytest
from PySide6.QtCore import QSettings

from qcdesk.cli import main
from qcdesk.models.persistence import insert_record
from qcdesk.models.records import Enterprise, Rectification, Sample, Visit
from qcdesk.models.risk import SupervisionRules
from qcdesk.models.rules import order_clock
from qcdesk.models.store import Store
from qcdesk.models.warnings import _queries, count_warnings, early_warnings, warning_counts

TODAY = date(2026, 11, 30)
STONE = "通山县石材有限公司"


def day(offset: int, today: date = TODAY) -> str:
    return (today + timedelta(days=offset)).isoformat()


def enterprise(store: Store, code: str = "91421224MA4CJGYT6P", name: str = STONE) -> Enterprise:
    return insert_record(store, Enterprise(uscc=code, name=name, jurisdiction_code="421224", industry="石材"))


def test_recheck_overdue_is_the_clocks_recheck_late_and_never_lists_an_order_twice(store: Store) -> None:
    ent = enterprise(store)
    visit = insert_record(store, Visit(enterprise_id=ent.id, visit_date=day(-400), status="done"))
    orders = []
    # every running status × deadline passed or not × report none / on time / late × extended or
    # not × re-check date passed or not
    cases = itertools.product(("open", "report_submitted", "awaiting_recheck"), (-30, 10),
                              (None, -5, 3), (0, 20), (-10, 5))
    for n, (status, deadline, report, extended_by, recheck) in enumerate(cases):
        effective = TODAY + timedelta(days=deadline)
        original = effective - timedelta(days=extended_by)
        orders.append(insert_record(store, Rectification(
            enterprise_id=ent.id, visit_id=visit.id, requirement="整改荒料标识",
            notice_no=f"通市监质改〔2026〕{n}号", rule_set="aqsiq133" if extended_by else "samr18",
            ordered_on=(original - timedelta(days=60)).isoformat(), deadline=original.isoformat(),
            extended_to=effective.isoformat() if extended_by else None, recheck_due=day(recheck),
            status=status, report_submitted_on=None if report is None
            else (effective + timedelta(days=report)).isoformat())))
    found = early_warnings(store, TODAY, kinds=("rectification_overdue", "recheck_overdue"))
    listed = {kind: {w.record_uuid for w in found if w.kind == kind}
              for kind in ("rectification_overdue", "recheck_overdue")}

    def clock(o: Rectification):  # noqa: ANN202 - the lists' and the report's clock of the order
        return order_clock(o.status, o.effective_deadline, o.report_submitted_on, o.recheck_due, TODAY)

    assert listed["recheck_overdue"] == {o.uuid for o in orders if clock(o).recheck_late}
    assert listed["rectification_overdue"] == {o.uuid for o in orders if clock(o).enterprise_late}
    assert listed["recheck_overdue"] and not listed["recheck_overdue"] & listed["rectification_overdue"]
    # the order the user sees: open, its deadline and its re-check date both gone, never reported
    never = next(o for o in orders if o.status == "open" and o.deadline < day(0) and o.recheck_due < day(0))
    assert [w.kind for w in found if w.record_uuid == never.uuid] == ["rectification_overdue"]
    counts = count_warnings(store, TODAY)
    assert counts["recheck_overdue"] == len(listed["recheck_overdue"])
    assert counts["rectification_overdue"] == len(listed["rectification_overdue"])


def failing_visit(store: Store, ent: Enterprise, kind: str, when: str, *results: str) -> None:
    visit = insert_record(store, Visit(enterprise_id=ent.id, visit_date=when, kind=kind, status="done"))
    for n, result in enumerate(results):
        insert_record(store, Sample(visit_id=visit.id, product_name=f"荒料{n}", result=result,
                                    failed_items="放射性" if result == "fail" else ""))


def test_repeated_failures_count_the_spot_check_samples_the_pass_rate_counts(
        store: Store, capsys: pytest.CaptureFixture[str]) -> None:
    special = enterprise(store)  # two failed batches, both in a 专项检查: out of the rate, not warned
    failing_visit(store, special, "special", day(-40), "fail", "fail")
    mixed = enterprise(store, "91421224MA4KL5FE07", "通山县竹木制品厂")  # one of each: one spot failure
    failing_visit(store, mixed, "special", day(-40), "fail")
    failing_visit(store, mixed, "spot_check", day(-20), "fail", "pass")
    spot = enterprise(store, "91421223MA4059AK31", "崇阳县昌润人造板有限公司")  # two spot failures: warned
    failing_visit(store, spot, "spot_check", day(-90), "fail")
    failing_visit(store, spot, "spot_check", day(-30), "fail", "pending")
    failing_visit(store, spot, "special", day(-10), "fail")  # a third, special: not in the count

    found = [w for w in early_warnings(store, TODAY) if w.kind == "repeated_failures"]
    assert [(w.enterprise_name, w.due) for w in found] == [("崇阳县昌润人造板有限公司", day(-30))]
    assert "抽查不合格2批次" in found[0].reason
    assert count_warnings(store, TODAY)["repeated_failures"] == 1
    assert main(["warnings", "--db", str(store.path), "--date", TODAY.isoformat()]) == 0
    lines = [x for x in capsys.readouterr().out.splitlines() if x.startswith("多次抽查不合格")]
    assert len(lines) == 1 and "崇阳县昌润人造板有限公司" in lines[0]


def test_a_visit_dated_after_today_is_warned_with_its_date(store: Store,
                                                           capsys: pytest.CaptureFixture[str]) -> None:
    ent = enterprise(store)
    insert_record(store, Visit(enterprise_id=ent.id, visit_date=day(15), kind="spot_check", status="done"))
    insert_record(store, Visit(enterprise_id=ent.id, visit_date=day(20), status="planned"))  # a plan: fine
    insert_record(store, Visit(enterprise_id=ent.id, visit_date=day(0), status="done"))  # today: fine
    gone = insert_record(store, Visit(enterprise_id=ent.id, visit_date=day(30), status="draft"))
    store.db.execute("UPDATE visit SET deleted_at = '2026-11-30T01:00:00Z' WHERE id = ?", [gone.id])

    [w] = [w for w in early_warnings(store, TODAY) if w.kind == "visit_future"]
    assert (w.kind_label, w.enterprise_name, w.subject) == ("检查日期晚于今天", STONE, "2026-12-15")
    assert w.reason.startswith("监督抽查的检查日期2026年12月15日晚于今天（2026年11月30日）15天，"
                               "可能是年份输错或本机日期不对")
    assert "核对并更正检查日期" in w.reason
    assert w.reason_text("en").startswith(
        "The supervision spot check is dated 2026-12-15, 15 days after today")
    assert count_warnings(store, TODAY, refresh=False) == warning_counts(early_warnings(store, TODAY))
    assert main(["warnings", "--db", str(store.path), "--date", TODAY.isoformat()]) == 0
    [line] = [x for x in capsys.readouterr().out.splitlines() if x.startswith("检查日期晚于今天")]
    assert STONE in line and "2026年12月15日" in line


def test_the_future_visit_query_seeks_the_date_index(store: Store) -> None:
    """A million visits: only those past today are read, through the live visits' date index."""
    sql, params = _queries(SupervisionRules(), TODAY, None)
    plan = " ".join(r[3] for r in store.db.execute(f"EXPLAIN QUERY PLAN {sql['visit_future']}", params))
    assert "SEARCH v USING INDEX listing_visit_live_date (visit_date>?)" in plan


def test_the_warnings_page_lists_a_visit_dated_after_today(qtbot, store: Store, chinese,  # noqa: ANN001
                                                          settings: QSettings) -> None:
    from qcdesk.ui.warnings_page import WarningsModel, WarningsPage

    today = date.today()  # the page counts from today
    ent = enterprise(store)
    insert_record(store, Visit(enterprise_id=ent.id, visit_date=day(15, today), status="done"))
    page = WarningsPage(store, settings=settings)
    qtbot.addWidget(page)
    qtbot.waitUntil(lambda: not page.computing, timeout=20000)
    assert page.kind.itemText(page.kind.findData("visit_future")) == "检查日期晚于今天"  # the filter
    [row] = [r for r in range(page.model.rowCount()) if page.model.rows[r].kind == "visit_future"]
    cols = WarningsModel.COLUMNS
    shown = {c: page.model.index(row, cols.index(c)).data()
             for c in ("kind", "enterprise", "subject", "reason")}
    assert shown["kind"] == "检查日期晚于今天" and shown["enterprise"] == STONE
    assert shown["subject"] == day(15, today) and "核对并更正检查日期" in shown["reason"]


def test_repeated_failures_name_their_products_as_a_chinese_list(store: Store) -> None:
    """The products were joined by SQLite's default comma (三相异步电动机,低压成套开关设备): a list of
    Chinese names takes 、, and a name holding a comma of its own stays whole."""
    ent = enterprise(store)
    for when, product in ((day(-90), "三相异步电动机"), (day(-60), "低压成套开关设备"),
                          (day(-30), "荒料,花岗岩"), (day(-20), "三相异步电动机")):
        visit = insert_record(store, Visit(enterprise_id=ent.id, visit_date=when, kind="spot_check",
                                           status="done"))
        insert_record(store, Sample(visit_id=visit.id, product_name=product, result="fail",
                                    failed_items="能效"))
    [found] = [w for w in early_warnings(store, TODAY) if w.kind == "repeated_failures"]
    assert sorted(found.subject.split("、")) == sorted(["三相异步电动机", "低压成套开关设备", "荒料,花岗岩"])
