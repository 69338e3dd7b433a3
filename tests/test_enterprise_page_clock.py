"""The enterprise page shows whose move an order is in the list's colours (rules.order_clock):
red when the enterprise is late, amber when it reported on time and only the bureau's re-check
is overdue (复查逾期), and its risk reasons do not hold the bureau's delay against the enterprise."""

from __future__ import annotations

from datetime import date, timedelta

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWidget

from qcdesk.models.enterprises import save_enterprise
from qcdesk.models.inspections import VisitBundle, save_inspector, save_visit
from qcdesk.models.records import Enterprise, Inspector, Sample, Visit
from qcdesk.models.rectifications import order_rectification, submit_report
from qcdesk.models.store import Store

TODAY = date.today()  # the page counts from today
TODAY_IS_RUN_DAY = True  # tests/conftest.py moves TODAY to the day each test runs (a run across midnight)
RED, AMBER = "#c62828", "#9c5700"
DAYS_COL = 3


def day(offset: int) -> str:
    return (TODAY + timedelta(days=offset)).isoformat()


def failed_check(store: Store) -> VisitBundle:
    ent = save_enterprise(store, Enterprise(uscc="91421281MA4KL5FE07", name="赤壁市羊楼洞茶业有限公司",
                                            jurisdiction_code="421281", industry="砖茶"), [])
    team = [save_inspector(store, Inspector(name=n, jurisdiction_code="421281")).uuid
            for n in ("王磊", "李娜")]
    return save_visit(store, VisitBundle(
        Visit(enterprise_id=ent.id, visit_date=day(-210), kind="spot_check", status="done", inspectors=team),
        [Sample(product_name="青砖茶", result="fail", failed_items="水分")], []))


def shown_clocks(qtbot, store: Store, paths,  # noqa: ANN001
                 enterprise_id: int) -> tuple[dict[str, tuple[str, str | None]], QWidget]:
    """requirement → (days text, its colour or None), as the page's order table shows them."""
    from qcdesk.ui.enterprise_page import EnterprisePage

    page = EnterprisePage(store, paths, enterprise_id)
    qtbot.addWidget(page)
    out = {}
    for row in range(page.rects.rowCount()):
        item = page.rects.item(row, DAYS_COL)
        brush = item.foreground()
        colour = brush.color().name() if brush.style() != Qt.BrushStyle.NoBrush else None
        out[page.rects.item(row, 0).text()] = (item.text(), colour)
    return out, page


def test_an_on_time_report_with_a_late_recheck_is_amber_not_red(qtbot, store: Store, paths,  # noqa: ANN001
                                                                chinese) -> None:
    check = failed_check(store)
    reported = order_rectification(store, visit=check.visit, requirement="停止销售并整改水分",
                                   ordered_on=day(-200), rule_set="samr18", sample=check.samples[0])
    submit_report(store, reported, day(-150))  # by its deadline (day -140); re-check due day -125
    order_rectification(store, visit=check.visit, requirement="整改标签标识", ordered_on=day(-70),
                        rule_set="samr18")  # still open, deadline day -10 passed

    clocks, page = shown_clocks(qtbot, store, paths, check.visit.enterprise_id)
    assert clocks["停止销售并整改水分"] == ("复查已逾期 125 天", AMBER)  # the bureau's delay
    assert clocks["整改标签标识"] == ("已逾期 10 天", RED)  # the enterprise's
    # One order is the enterprise's delay, not two.
    assert "整改逾期未完成1项" in page.risk_reasons.text()


def test_an_enterprise_whose_only_order_was_reported_on_time_has_no_overdue_reason(
        qtbot, store: Store, paths, chinese) -> None:  # noqa: ANN001
    check = failed_check(store)
    rect = order_rectification(store, visit=check.visit, requirement="停止销售并整改水分",
                               ordered_on=day(-200), rule_set="samr18", sample=check.samples[0])
    submit_report(store, rect, day(-150))

    clocks, page = shown_clocks(qtbot, store, paths, check.visit.enterprise_id)
    assert clocks == {"停止销售并整改水分": ("复查已逾期 125 天", AMBER)}
    assert "逾期" not in page.risk_reasons.text() and "逾期" not in page.risk_label.toolTip()
