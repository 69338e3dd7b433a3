"""A withdrawn order (closed with a closing_reason after its sample passed the 复检; never
re-checked) is refused in words that say so: recording a re-check outcome on it said
“…复查合格、已完成” (a re-check that never happened), the escalation refusal said 当前为“已完成”,
and withdrawing it again said it was 结案. Each now names it 已撤销（复检合格） /
'withdrawn (re-test passed)' (rectification_checks.state_name) with the day it was withdrawn and
says what is (not) needed; an order closed by its passing re-check keeps its own words."""

from __future__ import annotations

import pytest
from withdrawn_orders import LATE, build_orders

from qcdesk.models.inspections import VisitBundle, save_visit
from qcdesk.models.messages import ValidationFailed
from qcdesk.models.persistence import fetch_record
from qcdesk.models.records import Rectification, Visit
from qcdesk.models.rectification_checks import escalation_problem
from qcdesk.models.rectifications import record_recheck, withdraw_for_retest
from qcdesk.models.store import Store
from qcdesk.ui.rectification_dialog import RectificationDialog


def _row(store: Store, rect_id: int) -> tuple:
    return tuple(store.db.execute("SELECT * FROM rectification WHERE id = ?", [rect_id]).fetchone())


def _recheck(store: Store, rect: Rectification) -> Visit:
    visit = fetch_record(store, Visit, rect.visit_id)
    return save_visit(store, VisitBundle(Visit(
        enterprise_id=visit.enterprise_id, visit_date="2026-11-25", kind="recheck", status="done",
        inspectors=visit.inspectors, summary="复查"))).visit


def test_a_re_check_on_a_withdrawn_order_is_refused_as_not_needed(store: Store) -> None:
    orders = build_orders(store)
    before = _row(store, orders.withdrawn.id)
    with pytest.raises(ValidationFailed) as info:
        record_recheck(store, orders.withdrawn, _recheck(store, orders.withdrawn), True, today=LATE)
    assert info.value.text() == (
        "这项整改为“已撤销（复检合格）”：样品复检合格、原检验结论不再成立，已于2026年10月12日撤销，"
        "无需复查，也不能登记复查结论：请在“复查的整改”中另选一项")
    assert info.value.text("en") == (
        "This order is “withdrawn (re-test passed)”: its sample passed the re-test, so the failing "
        "result no longer stands, and it was withdrawn on 2026-10-12. No re-check is needed and no "
        "outcome can be recorded: choose another order")
    assert "复查合格" not in info.value.text() and "已完成" not in info.value.text()
    assert _row(store, orders.withdrawn.id) == before  # nothing written

    # an order closed by its passing re-check keeps its words
    with pytest.raises(ValidationFailed) as info:
        record_recheck(store, orders.rechecked, _recheck(store, orders.rechecked), True, today=LATE)
    assert info.value.text().startswith("这项整改已于 2026-11-02 复查合格、已完成，不能再登记复查结论")


def test_escalating_or_withdrawing_again_names_the_withdrawn_state(store: Store) -> None:
    orders = build_orders(store)
    refusal = escalation_problem(orders.withdrawn)
    assert refusal is not None
    assert refusal.text() == "只有复查不合格的整改才能升级处理（当前为“已撤销（复检合格）”）"
    assert refusal.text("en") == ("Only an order whose re-check failed can be escalated (this one is "
                                  "“withdrawn (re-test passed)”)")
    refusal = escalation_problem(orders.rechecked)
    assert refusal is not None and "（当前为“已完成”）" in refusal.text()

    before = _row(store, orders.withdrawn.id)
    with pytest.raises(ValidationFailed) as info:
        withdraw_for_retest(store, orders.withdrawn, "2026-12-01", today=LATE)
    assert info.value.text() == "这项整改已于 2026-10-12 撤销，目前为“已撤销（复检合格）”，无需再次撤销"
    assert info.value.text("en") == ("This order was withdrawn on 2026-10-12 and is “withdrawn "
                                     "(re-test passed)”; it need not be withdrawn again")
    assert _row(store, orders.withdrawn.id) == before


def test_the_withdrawn_orders_dialog_says_it_in_its_tooltips(qtbot, store, paths, settings) -> None:  # noqa: ANN001
    orders = build_orders(store)
    dialog = RectificationDialog(store, paths, orders.withdrawn.id, settings=settings, lang="zh")
    qtbot.addWidget(dialog)
    dialog.show()
    assert not dialog.escalate_button.isEnabled() and not dialog.withdraw_button.isEnabled()
    assert "已撤销（复检合格）" in dialog.escalate_button.toolTip()
    assert "已完成" not in dialog.escalate_button.toolTip()
    assert dialog.withdraw_button.toolTip().endswith("无需再次撤销")
