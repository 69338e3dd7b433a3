"""A reprinted paper names the people of its day (s9 privacy F2): the 现场检查笔录 and 抽样单 (and
the party of the 责令整改通知书) of a 2025 visit, reprinted after the firm's legal representative,
contact and phone changed and the inspectors' 执法证号 were renewed, still print the 2025 values,
as the signed paper in the case file does; a visit made after the change prints the new ones."""

from __future__ import annotations

import re
import shutil
import subprocess
import time
from pathlib import Path

import pytest

from qcdesk.export.pdf.documents import render_record
from qcdesk.models.document_data import notice_doc
from qcdesk.models.enterprises import save_enterprise
from qcdesk.models.inspections import VisitBundle, save_inspector, save_visit
from qcdesk.models.persistence import fetch_record
from qcdesk.models.records import Enterprise, Inspector, Sample, Visit
from qcdesk.models.rectifications import order_rectification
from qcdesk.models.store import Store

pytestmark = pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler-utils missing")

OLD = ("周建国", "邹志华", "18829421249", "42122320160001", "42122320160002")
NEW = ("刘红梅", "新联系人", "0715-1234567", "42122320269001", "42122320269002")


def printed(store: Store, kind: str, ident: int, tmp_path: Path) -> str:
    out = tmp_path / f"{kind}-{ident}.pdf"
    render_record(store.db, kind, ident, out)
    text = subprocess.run(["pdftotext", str(out), "-"], capture_output=True, text=True, check=True).stdout
    return re.sub(r"\s+", "", text)


def tick() -> None:
    """Audit times are in milliseconds: let each step happen in a later one, as a person's do."""
    time.sleep(0.01)


def test_reprint_of_an_old_visit_shows_the_people_of_that_day(store: Store, tmp_path: Path) -> None:
    firm = save_enterprise(store, Enterprise(
        uscc="91421223MA4059AK31", name="崇阳县宇辉食品科技有限公司", jurisdiction_code="421223",
        legal_representative=OLD[0], contact_name=OLD[1], contact_phone=OLD[2]))
    xia = save_inspector(store, Inspector(name="夏英霞", cert_no=OLD[3], jurisdiction_code="421223"))
    yang = save_inspector(store, Inspector(name="杨桂磊", cert_no=OLD[4], jurisdiction_code="421223"))
    tick()
    old = save_visit(store, VisitBundle(
        Visit(enterprise_id=firm.id, visit_date="2025-05-14", kind="spot_check",
              inspectors=[xia.uuid, yang.uuid]),
        [Sample(product_name="桂花糕", sampled_on="2025-05-14", result="fail", failed_items="菌落总数",
                samplers=["夏英霞", "杨桂磊"])], []))
    order = order_rectification(store, visit=old.visit, requirement="停止销售同批次产品并整改",
                                ordered_on="2025-05-16", rule_set="samr18", sample=old.samples[0],
                                today=None)
    tick()
    # 2026: a new legal representative and contact, both 执法证 renewed
    firm = fetch_record(store, Enterprise, firm.id)
    firm.legal_representative, firm.contact_name, firm.contact_phone = NEW[:3]
    save_enterprise(store, firm)
    for inspector, cert in ((xia, NEW[3]), (yang, NEW[4])):
        inspector = fetch_record(store, Inspector, inspector.id)
        inspector.cert_no = cert
        save_inspector(store, inspector)
    tick()
    new = save_visit(store, VisitBundle(
        Visit(enterprise_id=firm.id, visit_date="2026-11-20", kind="spot_check",
              inspectors=[xia.uuid, yang.uuid]),
        [Sample(product_name="桂花糕", sampled_on="2026-11-20", samplers=["夏英霞", "杨桂磊"])], []))

    record = printed(store, "visit", old.visit.id, tmp_path)
    for value in OLD:
        assert value in record, f"the 2025 笔录 lost {value}: {record[:400]}"
    for value in NEW:
        assert value not in record, f"the 2025 笔录 names the 2026 {value}"
    sample = printed(store, "sample", old.samples[0].id, tmp_path)
    assert f"杨桂磊（执法证号：{OLD[4]}）" in sample, sample  # a sampler typed as a name
    assert all(v in sample for v in OLD[1:]) and not any(v in sample for v in NEW), sample
    party = notice_doc(store.db, order.id).enterprise  # the notice's party: as on the day it was issued
    assert (party.legal_representative, party.contact_name, party.contact_phone) == OLD[:3]

    fresh = printed(store, "visit", new.visit.id, tmp_path)
    assert f"杨桂磊（执法证号：{NEW[4]}）" in printed(store, "sample", new.samples[0].id, tmp_path)
    for value in NEW:
        assert value in fresh, f"the 2026 笔录 lacks {value}: {fresh[:400]}"
    for value in OLD:
        assert value not in fresh, f"the 2026 笔录 names the 2025 {value}"


def test_without_an_older_state_the_paper_prints_the_file_as_it_is(store: Store, tmp_path: Path) -> None:
    """A change the audit trail never saw (a database from before it, rows written while it was
    suspended) leaves no older state: the paper prints the file as it is now, as before."""
    from qcdesk.models.audit import drop_triggers, install_triggers

    firm = save_enterprise(store, Enterprise(
        uscc="91421223MA4059AK31", name="崇阳县宇辉食品科技有限公司", jurisdiction_code="421223",
        legal_representative=OLD[0], contact_name=OLD[1], contact_phone=OLD[2]))
    a, b = (save_inspector(store, Inspector(name=n, cert_no=c, jurisdiction_code="421223"))
            for n, c in (("夏英霞", OLD[3]), ("杨桂磊", OLD[4])))
    tick()
    visit = save_visit(store, VisitBundle(Visit(enterprise_id=firm.id, visit_date="2025-05-14",
                                                kind="spot_check", inspectors=[a.uuid, b.uuid]), [], []))
    tick()
    with store.transaction():
        drop_triggers(store.db)
        store.db.execute("UPDATE enterprise SET contact_name = ?, contact_phone = ? WHERE id = ?",
                         [NEW[1], NEW[2], firm.id])
        install_triggers(store.db)
    record = printed(store, "visit", visit.visit.id, tmp_path)
    assert NEW[1] in record and NEW[2] in record and OLD[0] in record and OLD[3] in record, record
