"""Restoring a visit whose withdrawn order's 文号 was given to another order meanwhile is refused,
naming the order that holds the number: otherwise two live orders carry one 文号 (review r4 A3)."""

from __future__ import annotations

from datetime import date

import pytest
from exchange_fixtures import dump

from qcdesk.models.enterprises import save_enterprise
from qcdesk.models.messages import ValidationFailed
from qcdesk.models.persistence import fetch_record, insert_record, update_record
from qcdesk.models.records import Enterprise, Rectification, Sample, Visit
from qcdesk.models.rectifications import order_rectification, withdraw_for_retest
from qcdesk.models.removal import delete_visit, restore_visit
from qcdesk.models.store import Store

NUMBER = "赤市监质改〔2026〕12号"
TODAY = date(2026, 11, 30)


def test_a_restore_onto_a_reused_notice_number_is_refused_naming_the_holder() -> None:
    store = Store.memory("A")
    firm = save_enterprise(store, Enterprise(uscc="91421281MA4KL5FE07", name="赤壁羊楼洞茶业",
                                             jurisdiction_code="421281"))
    first = insert_record(store, Visit(enterprise_id=firm.id, visit_date="2026-09-02", status="done"))
    sample = insert_record(store, Sample(visit_id=first.id, product_name="砖茶", result="fail"))
    order = order_rectification(store, visit=first, sample=sample, requirement="整改",
                                ordered_on="2026-09-05", notice_no=NUMBER, today=TODAY)
    sample = fetch_record(store, Sample, sample.id)
    sample.retest_requested_on, sample.retest_on = "2026-09-10", "2026-09-20"
    sample.retest_result = sample.result = "pass"
    update_record(store, sample)
    withdraw_for_retest(store, fetch_record(store, Rectification, order.id), "2026-09-25", today=TODAY)
    delete_visit(store, first.id)  # the number is free now, and given to a new order
    second = insert_record(store, Visit(enterprise_id=firm.id, visit_date="2026-10-02", status="done"))
    other = insert_record(store, Sample(visit_id=second.id, product_name="米砖茶", result="fail"))
    order_rectification(store, visit=second, sample=other, requirement="整改", ordered_on="2026-10-05",
                        notice_no=NUMBER, today=TODAY)
    before = dump(store)

    with pytest.raises(ValidationFailed) as refused:
        restore_visit(store, first.id)
    text = refused.value.text()
    assert f"通知书文号 {NUMBER} 现在属于另一项整改（赤壁羊楼洞茶业，2026年10月5日下达，待整改）" in text
    assert "先改正它" in text
    assert "another order now holds (赤壁羊楼洞茶业, ordered on 2026-10-05, open)" in refused.value.text("en")
    assert dump(store) == before  # nothing came back
    assert store.db.execute("SELECT count(*) FROM rectification WHERE deleted_at IS NULL AND notice_no = ?",
                            [NUMBER]).fetchone()[0] == 1
