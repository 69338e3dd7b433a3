"""The dashboard's re-check tiles say each order's own limit (D5).

They said "within / past the 75-day limit" for every order, but an AQSIQ 133 order (rule set
aqsiq133) is re-checked within 30 days after its correction deadline (rules.recheck_due).
"""

from __future__ import annotations

from datetime import date, timedelta

from qcdesk.models.persistence import insert_record
from qcdesk.models.records import Enterprise, Rectification
from qcdesk.models.store import Store

TODAY = date.today()
TODAY_IS_RUN_DAY = True  # tests/conftest.py moves TODAY to the day each test runs (a run across midnight)


def _enterprise(store: Store, n: int, code: str) -> Enterprise:
    return insert_record(store, Enterprise(uscc=f"9142{n:014d}", name=f"测试企业{n:02d}有限公司",
                                           jurisdiction_code=code, industry="管材"))


def _order(store: Store, ent: Enterprise, rule: str, ordered: date, deadline: date, due: date) -> None:
    insert_record(store, Rectification(
        enterprise_id=ent.id, requirement="整改", rule_set=rule, ordered_on=ordered.isoformat(),
        deadline=deadline.isoformat(), recheck_due=due.isoformat(), status="report_submitted",
        report_submitted_on=(deadline - timedelta(days=5)).isoformat(), notice_no=f"{rule}-{due}"))


def _recheck_tiles(qtbot, store: Store) -> tuple[str, str]:  # noqa: ANN001
    from qcdesk.ui.dashboard import DashboardPage

    page = DashboardPage(store, None)
    qtbot.addWidget(page)
    qtbot.waitUntil(lambda: not page.risk_pending, timeout=20000)  # before the store closes
    return page.tiles["recheck_pending"].detail.text(), page.tiles["recheck_overdue"].detail.text()


def test_aqsiq133_rechecks_are_labelled_by_their_own_rule(qtbot, store: Store) -> None:  # noqa: ANN001
    ent = _enterprise(store, 1, "421202")
    old = date(2017, 3, 1)  # AQSIQ 133: 30 days to correct, re-check 30 days after that deadline
    _order(store, ent, "aqsiq133", old, old + timedelta(days=30), old + timedelta(days=60))
    deadline = TODAY - timedelta(days=10)
    _order(store, ent, "aqsiq133", deadline - timedelta(days=30), deadline, deadline + timedelta(days=30))
    assert _recheck_tiles(qtbot, store) == ("within 30 days after the correction deadline",
                                            "more than 30 days after the correction deadline")
    ordered = TODAY - timedelta(days=20)  # SAMR 18: 75 days from the order
    _order(store, ent, "samr18", ordered, ordered + timedelta(days=60), ordered + timedelta(days=75))
    assert _recheck_tiles(qtbot, store)[0] == (
        "1 within the 75-day limit; 1 within 30 days after the correction deadline")


def test_the_recheck_labels_in_chinese(qtbot, store: Store, chinese) -> None:  # noqa: ANN001
    ent = _enterprise(store, 1, "421202")
    deadline = TODAY - timedelta(days=10)
    _order(store, ent, "aqsiq133", deadline - timedelta(days=30), deadline, deadline + timedelta(days=30))
    ordered = TODAY - timedelta(days=90)
    _order(store, ent, "samr18", ordered, ordered + timedelta(days=60), ordered + timedelta(days=75))
    assert _recheck_tiles(qtbot, store) == ("在整改期限届满后 30 日内", "已超过 75 日期限")
    _order(store, ent, "samr18", TODAY, TODAY + timedelta(days=60), TODAY + timedelta(days=75))
    assert _recheck_tiles(qtbot, store)[0] == "1 项在 75 日期限内；1 项在整改期限届满后 30 日内"
