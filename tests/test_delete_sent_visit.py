"""A visit sent in a package is deleted or restored only with a reason, recorded as a 更正: the
county and city see why the record went, in 修改历史 and in the package (review r4 A4)."""

from __future__ import annotations

from pathlib import Path

import pytest
from exchange_fixtures import dump, export_to, merge

from qcdesk.models import exchange_store as xs
from qcdesk.models.amendments import lock_visits, record_history
from qcdesk.models.enterprises import save_enterprise
from qcdesk.models.messages import ValidationFailed
from qcdesk.models.persistence import fetch_record, insert_record
from qcdesk.models.records import Enterprise, Visit
from qcdesk.models.removal import delete_visit, restore_visit
from qcdesk.models.store import Store

A = "AAAAAAAAAAAAAAAA"
WHY = "同一检查录入了两次，保留另一条"


def _sent_visit(store: Store) -> Visit:
    firm = save_enterprise(store, Enterprise(uscc="91421281MA4KL5FE07", name="赤壁羊楼洞茶业",
                                             jurisdiction_code="421281"))
    visit = insert_record(store, Visit(enterprise_id=firm.id, visit_date="2026-11-02",
                                       kind="licence_followup", status="done"))
    lock_visits(store, [visit.id], "421281_AAAA_000001_20261102.qcpkg.zip")  # what an export does
    return visit


def test_a_sent_visit_needs_a_reason_and_its_history_shows_it(tmp_path: Path) -> None:
    store, city = Store.memory("A"), Store.memory("C")
    visit = _sent_visit(store)
    xs.ensure_change_triggers(store)  # as every real export does first (the fixture does not)
    export_to(store, tmp_path / "1.xlsx", A)
    merge(city, tmp_path / "1.xlsx", A)
    before = dump(store)
    for reason in ("", "   "):
        with pytest.raises(ValidationFailed) as refused:
            delete_visit(store, visit.id, reason=reason)
        assert "（421281_AAAA_000001_20261102.qcpkg.zip）报送，删除须说明原因" in refused.value.text()
        assert "so deleting it needs a reason" in refused.value.text("en")
        assert dump(store) == before  # still live, no amendment

    delete_visit(store, visit.id, reason=WHY)
    assert fetch_record(store, Visit, visit.id).deleted_at
    [(reason, changes)] = store.db.execute("SELECT reason, changes FROM amendment").fetchall()
    assert reason == WHY and '"deleted_at"' in changes
    [gone] = [line for line in record_history(store, "visit", visit.uuid) if line.op == "delete"]
    assert gone.note == WHY  # 修改历史: the deletion line carries its reason

    with pytest.raises(ValidationFailed) as refused:
        restore_visit(store, visit.id)
    assert "恢复须说明原因" in refused.value.text()
    assert fetch_record(store, Visit, visit.id).deleted_at
    restore_visit(store, visit.id, reason="误删，恢复")
    assert fetch_record(store, Visit, visit.id).deleted_at is None
    assert [r[0] for r in store.db.execute("SELECT reason FROM amendment ORDER BY id")] == [WHY, "误删，恢复"]

    delete_visit(store, visit.id, reason=WHY)  # the county receives the deletion with its reason
    export_to(store, tmp_path / "2.xlsx", A, full=False)
    merge(city, tmp_path / "2.xlsx", A)
    assert city.db.execute("SELECT deleted_at IS NOT NULL FROM visit WHERE uuid = ?",
                           [visit.uuid]).fetchone()[0] == 1
    assert [r[0] for r in city.db.execute("SELECT reason FROM amendment WHERE visit_uuid = ? ORDER BY id",
                                          [visit.uuid])] == [WHY, "误删，恢复", WHY]


def test_a_visit_not_sent_is_deleted_without_a_reason() -> None:
    store = Store.memory("A")
    firm = save_enterprise(store, Enterprise(uscc="91421281MA4KL5FE07", name="赤壁羊楼洞茶业",
                                             jurisdiction_code="421281"))
    visit = insert_record(store, Visit(enterprise_id=firm.id, visit_date="2026-11-02", status="done"))
    delete_visit(store, visit.id)
    restore_visit(store, visit.id)
    assert store.db.execute("SELECT count(*) FROM amendment").fetchone()[0] == 0
