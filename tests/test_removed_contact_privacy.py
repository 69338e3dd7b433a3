"""A contact who leaves a firm and asks to be taken off: 删除联系人 in the enterprise editor keeps
the row (soft delete, for merging and the audit trail) but clears its name, role and phone in the
same revision, so no later package carries them to the county and the city. The editor says,
once, what removing does not erase. The merge still sees a removal against an edit made
elsewhere as a conflict, and the audit trail still verifies (and keeps the old values)."""

from __future__ import annotations

from pathlib import Path

from exchange_fixtures import export_to, merge
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QPushButton
from python_calamine import CalamineWorkbook

from qcdesk.exchange.export import plan_export, write_workbook
from qcdesk.models import audit
from qcdesk.models.amendments import record_history
from qcdesk.models.editor_queries import Contact, enterprise_contacts, save_enterprise_file
from qcdesk.models.enterprises import enterprise_licences, save_enterprise
from qcdesk.models.persistence import fetch_record, soft_delete
from qcdesk.models.records import Enterprise
from qcdesk.models.store import Store, now_utc
from qcdesk.ui.enterprise_editor import EnterpriseEditor

USCC = "91421281MA4KL5FE07"
PHONE = "13807150042"


def firm_with_contact(store: Store) -> Enterprise:
    e = save_enterprise(store, Enterprise(uscc=USCC, name="赤壁市羊楼洞茶业有限公司",
                                          jurisdiction_code="421281"))
    save_enterprise_file(store, e, [], [Contact(name="邹志华", role="质量负责人", phone=PHONE)])
    return e


def package_contacts(store: Store, path: Path) -> list[dict]:
    write_workbook(store, path, plan_export(store, "C" * 16, full=True), {})
    rows = CalamineWorkbook.from_path(str(path)).get_sheet_by_name("联系人").to_python()
    return [dict(zip(rows[0], r, strict=False)) for r in rows[1:]]


def test_removing_a_contact_in_the_editor_clears_it_from_later_packages(
        qtbot, store: Store, paths, settings, tmp_path: Path) -> None:
    e = firm_with_contact(store)
    editor = EnterpriseEditor(store, paths, settings=settings, enterprise_id=e.id)
    qtbot.addWidget(editor)
    editor.show()
    editor.tabs.setCurrentIndex(2)
    note = editor.contact_rows.removed_note
    assert note.isHidden()  # nothing said before anything is removed
    editor.contact_table.setCurrentCell(0, 0)
    qtbot.mouseClick(editor.findChild(QPushButton, "removeContactButton"), Qt.MouseButton.LeftButton)
    assert note.isVisible()  # said once, where the contact was removed
    assert "change history keeps the old values" in note.text() or "修改历史" in note.text()
    qtbot.mouseClick(editor.save_button, Qt.MouseButton.LeftButton)
    assert note.isHidden()

    row = store.db.execute("SELECT name, role, phone, deleted_at IS NOT NULL, revision, enterprise_id"
                           " FROM contact").fetchone()
    assert row == ("", "", "", 1, 2, e.id)  # blanked in the revision that deletes it; row kept
    tombstone = package_contacts(store, tmp_path / "data.xlsx")
    assert len(tombstone) == 1 and tombstone[0]["删除时间"]
    assert PHONE not in map(str, tombstone[0].values()) and "邹志华" not in tombstone[0].values()
    assert audit.verify(store).ok
    # the audit trail keeps the old values (enforcement records): said in the note, not erased
    uuid = store.db.execute("SELECT uuid FROM contact").fetchone()[0]
    old = {(h.field, h.old) for h in record_history(store, "contact", uuid)}
    assert ("phone", PHONE) in old


def test_soft_delete_of_a_contact_blanks_it_too(store: Store) -> None:
    e = firm_with_contact(store)
    gone = soft_delete(store, enterprise_contacts(store, e.id)[0])
    stored = fetch_record(store, Contact, gone.id)
    assert (stored.name, stored.role, stored.phone, stored.revision) == ("", "", "", 2)
    assert stored.deleted_at is not None


def test_removal_against_an_edit_elsewhere_is_still_a_conflict(tmp_path: Path) -> None:
    a, b = Store.memory("甲"), Store.memory("乙")
    e = firm_with_contact(a)
    export_to(a, tmp_path / "a1.xlsx", "A" * 16)
    merge(b, tmp_path / "a1.xlsx", "A" * 16)
    # A removes the contact; B, not knowing, corrects the phone
    contacts = enterprise_contacts(a, e.id)
    contacts[0].deleted_at = now_utc()
    save_enterprise_file(a, fetch_record(a, Enterprise, e.id), enterprise_licences(a, e.id), contacts)
    eb = b.db.execute("SELECT id FROM enterprise").fetchone()[0]
    edited = enterprise_contacts(b, eb)
    edited[0].phone = "13807150043"
    save_enterprise_file(b, fetch_record(b, Enterprise, eb), [], edited)

    export_to(a, tmp_path / "a2.xlsx", "A" * 16, full=False)
    export_to(b, tmp_path / "b1.xlsx", "B" * 16, full=False)
    assert merge(b, tmp_path / "a2.xlsx", "A" * 16).counts["contact"]["conflicting"] == 1
    assert merge(a, tmp_path / "b1.xlsx", "B" * 16).counts["contact"]["conflicting"] == 1
    for store, live in ((a, ("", "")), (b, ("邹志华", "13807150043"))):  # each keeps its own edit
        assert store.db.execute("SELECT name, phone FROM contact").fetchone() == live
        kept = store.db.execute("SELECT row_json FROM exchange_conflict WHERE kind = 'contact'"
                                ).fetchall()
        assert len(kept) == 1  # the other side's version is kept, not lost
    assert PHONE not in kept[0][0] and "邹志华" not in kept[0][0]  # A's tombstone, as B keeps it


def test_the_county_receiving_the_removal_holds_the_blanks_too(tmp_path: Path) -> None:
    inspector, county = Store.memory("甲"), Store.memory("县局")
    e = firm_with_contact(inspector)
    export_to(inspector, tmp_path / "1.xlsx", "A" * 16)
    merge(county, tmp_path / "1.xlsx", "A" * 16)
    soft_delete(inspector, enterprise_contacts(inspector, e.id)[0])
    export_to(inspector, tmp_path / "2.xlsx", "A" * 16, full=False)
    assert merge(county, tmp_path / "2.xlsx", "A" * 16).counts["contact"]["updated"] == 1
    row = county.db.execute("SELECT name, role, phone, deleted_at IS NOT NULL FROM contact").fetchone()
    assert row == ("", "", "", 1)
