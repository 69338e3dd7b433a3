"""Records through the store: validation messages, duplicates, visits, rectification lifecycle."""

from __future__ import annotations

from datetime import date

import pytest

from qcdesk.models.enterprises import save_enterprise
from qcdesk.models.inspections import VisitBundle, load_visit, save_inspector, save_visit
from qcdesk.models.messages import ValidationFailed
from qcdesk.models.records import Enterprise, Finding, Inspector, Licence, Sample, Visit
from qcdesk.models.rectifications import (
    extend_deadline,
    order_rectification,
    record_recheck,
    submit_report,
)
from qcdesk.models.store import Store


def make_enterprise(store: Store, uscc: str = "91421281MA4KL5FE07", name: str = "赤壁市羊楼洞茶业有限公司"):
    return save_enterprise(store, Enterprise(uscc=uscc, name=name, jurisdiction_code="421281",
                                             industry="砖茶", main_products="青砖茶、米砖茶"),
                           [Licence(number="SC11442128100017", expires_on="2027-03-01")])


def make_inspectors(store: Store) -> list[Inspector]:
    return [save_inspector(store, Inspector(name=n, cert_no=c, jurisdiction_code="421281"))
            for n, c in (("王磊", "42120001"), ("李娜", "42120002"))]


def test_enterprise_saved_with_licence_kind(store: Store) -> None:
    e = make_enterprise(store)
    assert e.id and e.revision == 1
    row = store.db.execute("SELECT kind, number FROM licence WHERE enterprise_id = ?", [e.id]).fetchone()
    assert row == ("SC", "SC11442128100017")


def test_duplicate_uscc_names_existing_enterprise(store: Store) -> None:
    make_enterprise(store)
    with pytest.raises(ValidationFailed) as info:
        make_enterprise(store, name="另一家公司")
    assert "赤壁市羊楼洞茶业有限公司" in info.value.text()
    assert store.db.execute("SELECT count(*) FROM enterprise").fetchone()[0] == 1


def test_bad_codes_refused_and_nothing_saved(store: Store) -> None:
    with pytest.raises(ValidationFailed) as info:
        save_enterprise(store, Enterprise(uscc="91421281MA4KL5FE08", name="X", jurisdiction_code="421281"),
                        [Licence(number="SC12345678901234")])
    fields = {i.field for i in info.value.issues}
    assert fields == {"uscc", "licences.0.number"}
    assert "校验位" in info.value.text()
    assert store.db.execute("SELECT count(*) FROM licence").fetchone()[0] == 0


@pytest.mark.parametrize("times", [1, 2])
def test_spot_check_needs_two_inspectors(store: Store, times: int) -> None:
    """Two people, not two entries: 王磊 listed twice (a ledger's "王磊、王磊", a double click) is one."""
    e = make_enterprise(store)
    a, _ = make_inspectors(store)
    bundle = VisitBundle(Visit(enterprise_id=e.id, visit_date="2026-11-20", kind="spot_check",
                               inspectors=[a.uuid] * times))
    with pytest.raises(ValidationFailed) as info:
        save_visit(store, bundle)
    assert "至少两名" in info.value.text()
    assert store.db.execute("SELECT count(*) FROM visit").fetchone()[0] == 0


def test_full_lifecycle_failed_sample_to_closed(store: Store) -> None:
    e = make_enterprise(store)
    a, b = make_inspectors(store)
    bundle = save_visit(store, VisitBundle(
        Visit(enterprise_id=e.id, visit_date="2026-09-01", kind="spot_check", inspectors=[a.uuid, b.uuid],
              status="done"),
        samples=[Sample(product_name="青砖茶", result="fail", failed_items="水分")],
        findings=[Finding(description="原料仓库温湿度未记录", severity="major")]))
    loaded = load_visit(store, bundle.visit.uuid)
    assert loaded.samples[0].failed_items == "水分" and loaded.visit.inspectors == [a.uuid, b.uuid]
    rect = order_rectification(store, visit=bundle.visit, requirement="水分超标，限期整改",
                               ordered_on="2026-09-02", rule_set="samr18", sample=bundle.samples[0])
    assert (rect.deadline, rect.recheck_due) == ("2026-11-01", "2026-11-16")
    submit_report(store, rect, "2026-10-20")
    recheck = save_visit(store, VisitBundle(Visit(enterprise_id=e.id, visit_date="2026-11-05",
                                                  kind="recheck", inspectors=[a.uuid, b.uuid],
                                                  status="done")))
    record_recheck(store, rect, recheck.visit, passed=True)
    status = store.db.execute("SELECT status, closed_on FROM rectification WHERE id = ?",
                              [rect.id]).fetchone()
    assert status == ("closed", "2026-11-05")


def test_2010_rules_extension_limits(store: Store) -> None:
    e = make_enterprise(store)
    a, b = make_inspectors(store)
    v = save_visit(store, VisitBundle(Visit(enterprise_id=e.id, visit_date="2016-08-01",
                                            kind="assistance", inspectors=[a.uuid]))).visit
    rect = order_rectification(store, visit=v, requirement="完善检验记录", ordered_on="2016-08-01",
                               rule_set="aqsiq133")
    assert rect.deadline == "2016-08-31"
    with pytest.raises(ValidationFailed):  # asked only 2 days before the deadline
        extend_deadline(store, rect, "2016-09-20", "设备到货延迟", "2016-08-29")
    extend_deadline(store, rect, "2016-09-30", "设备到货延迟", "2016-08-20")
    assert rect.effective_deadline == "2016-09-30"
    with pytest.raises(ValidationFailed):  # only once
        extend_deadline(store, rect, "2016-10-05", "再次延期", "2016-09-01")
    assert date.fromisoformat(rect.deadline) < date.fromisoformat(rect.effective_deadline)


def test_stale_revision_refused(store: Store) -> None:
    e = make_enterprise(store)
    first = Enterprise.from_row(store.db.execute("SELECT * FROM enterprise").fetchone() and
                                next(store.db.query("SELECT * FROM enterprise")))
    e.notes = "第一次修改"
    save_enterprise(store, e)
    first.notes = "过时的修改"
    with pytest.raises(ValidationFailed) as info:
        save_enterprise(store, first)
    assert "重新打开" in info.value.text()


def test_fetch_record_by_id_uuid_and_prefix(store: Store) -> None:
    from qcdesk.models.persistence import fetch_record

    e = make_enterprise(store)
    assert fetch_record(store, Enterprise, e.id).uuid == e.uuid
    assert fetch_record(store, Enterprise, str(e.id)).uuid == e.uuid
    assert fetch_record(store, Enterprise, e.uuid).id == e.id
    assert fetch_record(store, Enterprise, e.uuid[:8].upper()).id == e.id
    assert fetch_record(store, Enterprise, "1234") is None
    # an all-digit uuid prefix is still found when no record has that number as its id
    store.db.execute("UPDATE enterprise SET uuid = ? WHERE id = ?", ["12345678" + e.uuid[8:], e.id])
    assert fetch_record(store, Enterprise, "12345678").id == e.id
