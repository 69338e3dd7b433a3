"""The check a committed 双随机 draw planned cannot be deleted: the draw record is public and
lists the firm as drawn, and with the visit gone the firm could be deleted and drawn again
(review r4 B2). The refusal says what to do instead: record the check's outcome."""

from __future__ import annotations

import pytest
from draw_deletions import committed_draw
from exchange_fixtures import dump

from qcdesk.models.messages import ValidationFailed
from qcdesk.models.persistence import insert_record
from qcdesk.models.records import Visit
from qcdesk.models.removal import delete_enterprise, delete_visit
from qcdesk.models.store import Store


def test_a_drawn_firms_planned_check_is_kept_and_the_refusal_says_what_to_do() -> None:
    store = Store.memory("A")
    drawn = committed_draw(store)
    record, visit_id, firm_id = drawn.record, drawn.planned, drawn.firm
    before = dump(store)
    with pytest.raises(ValidationFailed) as refused:
        delete_visit(store, visit_id)
    text = refused.value.text()
    assert f"双随机抽取（抽取记录 {record.uuid}，抽取日期 {record.as_of}）计划的检查，不能删除" in text
    assert "在“检查情况”中写明原因，保存为已完成" in text
    assert "write why under the summary and save it as done" in refused.value.text("en")
    assert dump(store) == before
    with pytest.raises(ValidationFailed):  # so the drawn firm stays too
        delete_enterprise(store, firm_id)
    assert dump(store) == before

    other = insert_record(store, Visit(enterprise_id=firm_id, visit_date="2026-11-02", kind="spot_check",
                                       status="done", summary="例行检查"))
    delete_visit(store, other.id)  # a visit of the same firm the draw did not plan goes as before
