"""Saving with nothing changed writes nothing: no new revision, no new time, no audit entry,
nothing for the next package to carry as an edit (a merge would otherwise see a conflict
with a real edit made elsewhere)."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from qcdesk.models.enterprises import enterprise_licences, save_enterprise
from qcdesk.models.inspections import VisitBundle, load_visit, save_inspector, save_visit
from qcdesk.models.persistence import fetch_record
from qcdesk.models.records import Enterprise, Finding, Inspector, Licence, Sample, Visit
from qcdesk.models.store import Store
from qcdesk.ui.visit_editor import VisitEditor

pytestmark = pytest.mark.usefixtures("chinese_core_no_boxes")
STATE = "SELECT '{t}', id, revision, updated_at FROM {t}"


def state(store: Store) -> list[tuple]:
    tables = ("enterprise", "licence", "visit", "sample", "finding")
    rows = [r for t in tables for r in store.db.execute(STATE.format(t=t)).fetchall()]
    audit = store.db.execute("SELECT count(*) FROM sqlite_master WHERE name = 'audit_log'").fetchone()[0]
    entries = store.db.execute("SELECT count(*) FROM audit_log").fetchone()[0] if audit else None
    return [*rows, ("audit", entries)]


def firm_and_visit(store: Store) -> tuple[Enterprise, VisitBundle]:
    e = save_enterprise(store, Enterprise(uscc="91421281MA4KL5FE07", name="赤壁市羊楼洞茶业有限公司",
                                          jurisdiction_code="421281", above_scale=True,
                                          contact_phone="0715-5312345"),
                        [Licence(number="SC11442128100017", kind="SC", product="砖茶",
                                 issued_on="2024-03-01", expires_on="2029-02-28")])
    crew = [save_inspector(store, Inspector(name=n, jurisdiction_code="421281")).uuid
            for n in ("王磊", "李娜")]
    bundle = save_visit(store, VisitBundle(
        Visit(enterprise_id=e.id, visit_date="2026-11-20", inspectors=crew, summary="现场检查"),
        samples=[Sample(product_name="青砖茶", samplers=["王磊", "李娜"], seal_state="已封样",
                        result="fail", failed_items="水分")],
        findings=[Finding(description="标签不规范")]))
    return e, bundle


def test_saving_unchanged_records_writes_nothing(store: Store) -> None:
    e, bundle = firm_and_visit(store)
    before = state(store)
    with store.db.atomic():
        save_enterprise(store, fetch_record(store, Enterprise, e.id), enterprise_licences(store, e.id))
    with store.db.atomic():
        save_visit(store, load_visit(store, bundle.visit.id))
    assert state(store) == before


def test_a_real_change_still_makes_a_new_revision(store: Store) -> None:
    e, bundle = firm_and_visit(store)
    again = load_visit(store, bundle.visit.id)
    again.samples[0].failed_items = "水分、茶梗"
    with store.db.atomic():
        save_visit(store, again)
    rows = dict(((t, i), rev) for t, i, rev, _ in state(store)[:-1])
    assert rows[("sample", again.samples[0].id)] == 2
    assert rows[("visit", bundle.visit.id)] == 1 and rows[("finding", bundle.findings[0].id)] == 1
    firm = fetch_record(store, Enterprise, e.id)
    firm.contact_phone = "0715-5312346"
    save_enterprise(store, firm, enterprise_licences(store, e.id))
    assert fetch_record(store, Enterprise, e.id).revision == 2


def test_save_in_the_visit_editor_with_no_edits_changes_nothing(qtbot, store: Store, paths,
                                                                settings) -> None:
    _e, bundle = firm_and_visit(store)
    before = state(store)
    ed = VisitEditor(store, paths, settings=settings, visit_id=bundle.visit.id)
    qtbot.addWidget(ed)
    ed.show()
    for tab in (ed.samples_tab, ed.findings_tab):
        ed.tabs.setCurrentWidget(tab)
        tab.list.setCurrentRow(0)
    qtbot.mouseClick(ed.save_button, Qt.MouseButton.LeftButton)
    assert state(store) == before


def test_save_in_the_enterprise_editor_with_no_edits_changes_nothing(qtbot, store: Store, paths,
                                                                     settings) -> None:
    from qcdesk.ui.enterprise_editor import EnterpriseEditor

    e, _bundle = firm_and_visit(store)
    before = state(store)
    ed = EnterpriseEditor(store, paths, e.id, settings=settings)
    qtbot.addWidget(ed)
    ed.show()
    assert ed.save()
    assert state(store) == before
