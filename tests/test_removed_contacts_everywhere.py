"""A removed contact's name and phone leave every later package, whichever way the removal came
about: a removal-against-edit conflict settled here (keeping the other side's phone, or the other
side's removal), and contacts removed before removals blanked them, on a database upgraded
tonight. The upgrade's blanking is a logged revision: the audit trail verifies and keeps the old
values, and the next package carries the blank row to the county."""

from __future__ import annotations

from pathlib import Path

import pytest
from exchange_fixtures import export_to, merge
from python_calamine import CalamineWorkbook

from qcdesk.exchange.export import plan_export, write_workbook
from qcdesk.exchange.reconcile import resolve_conflict
from qcdesk.models import audit
from qcdesk.models.amendments import record_history
from qcdesk.models.editor_queries import Contact, enterprise_contacts, save_enterprise_file
from qcdesk.models.enterprises import enterprise_licences, save_enterprise
from qcdesk.models.persistence import fetch_record
from qcdesk.models.records import Enterprise
from qcdesk.models.store import Store, now_utc

USCC = "91421281MA4KL5FE07"
PHONE, NEW_PHONE = "13807150042", "13807150043"
ROW = "SELECT name, role, phone, deleted_at IS NOT NULL FROM contact"


def firm_with_contact(store: Store) -> Enterprise:
    e = save_enterprise(store, Enterprise(uscc=USCC, name="赤壁市羊楼洞茶业有限公司",
                                          jurisdiction_code="421281"))
    save_enterprise_file(store, e, [], [Contact(name="邹志华", role="质量负责人", phone=PHONE)])
    return e


def package_contacts(store: Store, path: Path, *, full: bool = True) -> list[dict]:
    write_workbook(store, path, plan_export(store, "C" * 16, full=full), {})
    rows = CalamineWorkbook.from_path(str(path)).get_sheet_by_name("联系人").to_python()
    return [dict(zip(rows[0], r, strict=False)) for r in rows[1:]]


def removal_against_phone_edit(tmp_path: Path) -> tuple[Store, Store, int]:
    """A removed the contact while B corrected its phone; A holds the conflict (its id)."""
    a, b = Store.memory("甲"), Store.memory("乙")
    e = firm_with_contact(a)
    export_to(a, tmp_path / "a1.xlsx", "A" * 16)
    merge(b, tmp_path / "a1.xlsx", "A" * 16)
    contacts = enterprise_contacts(a, e.id)
    contacts[0].deleted_at = now_utc()
    save_enterprise_file(a, fetch_record(a, Enterprise, e.id), enterprise_licences(a, e.id), contacts)
    eb = b.db.execute("SELECT id FROM enterprise").fetchone()[0]
    edited = enterprise_contacts(b, eb)
    edited[0].phone = NEW_PHONE
    save_enterprise_file(b, fetch_record(b, Enterprise, eb), [], edited)
    export_to(b, tmp_path / "b1.xlsx", "B" * 16, full=False)
    merge(a, tmp_path / "b1.xlsx", "B" * 16)
    return a, b, a.db.execute("SELECT id FROM exchange_conflict").fetchone()[0]


@pytest.mark.parametrize("how", [{"fields_from_other": ["phone"]},
                                 {"fields_from_other": ["name", "role", "phone"]}])
def test_a_removal_combined_with_the_other_sides_phone_stays_blank(tmp_path: Path, how) -> None:
    a, b, conflict = removal_against_phone_edit(tmp_path)
    resolve_conflict(a, conflict, **how)  # 处理合并冲突: tick B's 电话, 合并
    assert a.db.execute(ROW).fetchone() == ("", "", "", 1)
    export_to(a, tmp_path / "a2.xlsx", "A" * 16, full=False)
    merge(b, tmp_path / "a2.xlsx", "A" * 16)  # B takes A's settled version
    assert b.db.execute(ROW).fetchone() == ("", "", "", 1)
    for store in (a, b):
        sent = package_contacts(store, tmp_path / "next.xlsx")
        assert NEW_PHONE not in map(str, sent[0].values()) and "邹志华" not in sent[0].values()
        assert audit.verify(store).ok


def test_b_taking_a_removal_keeps_no_phone_either(tmp_path: Path) -> None:
    a, b, _ = removal_against_phone_edit(tmp_path)
    export_to(a, tmp_path / "a2.xlsx", "A" * 16, full=False)
    merge(b, tmp_path / "a2.xlsx", "A" * 16)  # B now holds A's removal as the other version
    conflict = b.db.execute("SELECT id FROM exchange_conflict").fetchone()[0]
    resolve_conflict(b, conflict, fields_from_other=["deleted_at"])  # B's row, A's removal
    assert b.db.execute(ROW).fetchone() == ("", "", "", 1)


def removed_before_the_upgrade(store: Store, e: Enterprise) -> None:
    """What 删除联系人 did before removals blanked the row: deleted_at and revision only."""
    with store.transaction():
        store.db.execute("UPDATE contact SET deleted_at = ?, revision = revision + 1,"
                         " updated_at = ? WHERE enterprise_id = ?", [now_utc(), now_utc(), e.id])
        store.db.execute("DELETE FROM _sqlite_migrations WHERE name = '0007_blank_removed_contacts'")


def test_contacts_removed_before_the_upgrade_are_blanked_and_the_blank_travels(
        tmp_path: Path) -> None:
    inspector = Store.open(tmp_path / "old.db", author="甲")
    county = Store.memory("县局")
    try:
        e = firm_with_contact(inspector)
        export_to(inspector, tmp_path / "1.xlsx", "A" * 16)
        merge(county, tmp_path / "1.xlsx", "A" * 16)
        removed_before_the_upgrade(inspector, e)
        export_to(inspector, tmp_path / "2.xlsx", "A" * 16, full=False)
        merge(county, tmp_path / "2.xlsx", "A" * 16)
        assert county.db.execute(ROW).fetchone() == ("邹志华", "质量负责人", PHONE, 1)  # as it was
        assert inspector.db.execute("SELECT revision FROM contact").fetchone()[0] == 2
        inspector.close()

        inspector = Store.open(tmp_path / "old.db", author="甲", backup_dir=tmp_path / "copies")
        row = inspector.db.execute("SELECT name, role, phone, deleted_at IS NOT NULL, revision"
                                   " FROM contact").fetchone()
        assert row == ("", "", "", 1, 3)  # a new revision, not a silent rewrite
        assert audit.verify(inspector).ok
        uuid = inspector.db.execute("SELECT uuid FROM contact").fetchone()[0]
        old = {(h.field, h.old) for h in record_history(inspector, "contact", uuid)}
        assert ("phone", PHONE) in old and ("name", "邹志华") in old  # logged like an edit
        sent = package_contacts(inspector, tmp_path / "full.xlsx")
        assert PHONE not in map(str, sent[0].values()) and "邹志华" not in sent[0].values()

        export_to(inspector, tmp_path / "3.xlsx", "A" * 16, full=False)  # the next package
        assert merge(county, tmp_path / "3.xlsx", "A" * 16).counts["contact"]["updated"] == 1
        assert county.db.execute(ROW).fetchone() == ("", "", "", 1)
        assert audit.verify(county).ok
    finally:
        inspector.close()


def test_a_received_old_tombstone_stored_here_is_blanked_on_upgrade(tmp_path: Path) -> None:
    inspector = Store.memory("甲")
    county = Store.open(tmp_path / "county.db", author="县局")
    try:
        e = firm_with_contact(inspector)
        export_to(inspector, tmp_path / "1.xlsx", "A" * 16)
        merge(county, tmp_path / "1.xlsx", "A" * 16)
        removed_before_the_upgrade(inspector, e)  # a laptop not yet upgraded
        export_to(inspector, tmp_path / "2.xlsx", "A" * 16, full=False)
        merge(county, tmp_path / "2.xlsx", "A" * 16)
        with county.transaction():
            county.db.execute("DELETE FROM _sqlite_migrations"
                              " WHERE name = '0007_blank_removed_contacts'")
        county.close()
        county = Store.open(tmp_path / "county.db", author="县局", backup_dir=tmp_path / "copies")
        assert county.db.execute(ROW).fetchone() == ("", "", "", 1)
        assert audit.verify(county).ok
        sent = package_contacts(county, tmp_path / "city.xlsx", full=False)
        assert len(sent) == 1 and PHONE not in map(str, sent[0].values())
    finally:
        county.close()


def test_inspector_and_county_both_upgraded_make_the_same_blank_no_conflict(
        tmp_path: Path) -> None:
    inspector = Store.open(tmp_path / "i.db", author="甲")
    county = Store.open(tmp_path / "c.db", author="县局")
    try:
        e = firm_with_contact(inspector)
        export_to(inspector, tmp_path / "1.xlsx", "A" * 16)
        merge(county, tmp_path / "1.xlsx", "A" * 16)
        removed_before_the_upgrade(inspector, e)
        export_to(inspector, tmp_path / "2.xlsx", "A" * 16, full=False)
        merge(county, tmp_path / "2.xlsx", "A" * 16)
        with county.transaction():
            county.db.execute("DELETE FROM _sqlite_migrations"
                              " WHERE name = '0007_blank_removed_contacts'")
        inspector.close()
        county.close()
        inspector = Store.open(tmp_path / "i.db", author="甲", backup_dir=tmp_path / "copies")
        county = Store.open(tmp_path / "c.db", author="县局", backup_dir=tmp_path / "copies")
        export_to(inspector, tmp_path / "3.xlsx", "A" * 16, full=False)
        counts = merge(county, tmp_path / "3.xlsx", "A" * 16).counts["contact"]
        assert counts["conflicting"] == 0 and counts["unchanged"] == 1
        assert county.db.execute("SELECT count(*) FROM exchange_conflict").fetchone()[0] == 0
    finally:
        inspector.close()
        county.close()
