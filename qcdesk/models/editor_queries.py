"""Small reads and one combined write the record editors need (the UI holds no SQL)."""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import date

from qcdesk.models.contact_checks import contact_issues
from qcdesk.models.document_data import DOC_SETTING_DEFAULTS
from qcdesk.models.enterprises import (
    enterprise_licences,
    index_enterprise,
    save_enterprise,
    validate_enterprise,
)
from qcdesk.models.inspections import VisitBundle, save_visit
from qcdesk.models.messages import ValidationFailed
from qcdesk.models.persistence import (
    fetch_children,
    fetch_record,
    insert_record,
    soft_delete,
    update_record,
)
from qcdesk.models.records import Enterprise, Licence, Photo, Record, Rectification
from qcdesk.models.rectifications import record_recheck
from qcdesk.models.rules import retest_passed_sql
from qcdesk.models.store import Store

RECHECKABLE_STATUSES = ("open", "report_submitted", "awaiting_recheck", "recheck_failed")


@dataclass(kw_only=True)
class Contact(Record):
    """A further contact person of an enterprise (the main one lives on the enterprise itself)."""

    TABLE = "contact"
    PERSONAL_FIELDS = ("name", "role", "phone")  # all a removed contact's tombstone drops
    enterprise_id: int | None = None
    name: str = ""
    role: str = ""
    phone: str = ""


def enterprise_contacts(store: Store, enterprise_id: int) -> list[Contact]:
    return fetch_children(store, Contact, "enterprise_id", enterprise_id)


def save_enterprise_file(store: Store, enterprise: Enterprise, licences: list[Licence],
                         contacts: list[Contact]) -> Enterprise:
    """The enterprise, its licences and its contacts in one transaction; every problem reported at once.

    Contact problems come back as "contacts.<row>.<field>". A contact's phone is checked and
    stored half-width as the 联系电话 above it (`contact_issues`).
    """
    issues = [i for i in validate_enterprise(store, enterprise, licences) if not i.warning]
    for row, contact in enumerate(contacts):
        issues += contact_issues(store, contact, f"contacts.{row}.")
    if issues:
        raise ValidationFailed(issues)
    with store.transaction():
        save_enterprise(store, enterprise, licences)
        for contact in contacts:
            contact.enterprise_id = enterprise.id
            (update_record if contact.id else insert_record)(store, contact)
        index_enterprise(store, enterprise)  # contacts' names and phones are searched too
    return enterprise


def rectifications_of_enterprise(store: Store, enterprise_id: int,
                                 open_only: bool = False) -> list[Rectification]:
    where = " AND status != 'closed'" if open_only else ""
    return [Rectification.from_row(r) for r in store.db.query(
        "SELECT * FROM rectification WHERE enterprise_id = ? AND deleted_at IS NULL"
        f"{where} ORDER BY deadline, id", [enterprise_id])]


def retest_passed_orders(store: Store, rect_ids: Sequence[int]) -> set[int]:
    """Those of `rect_ids` whose live sample passed its 复检, in one query (`rules.retest_passed_sql`,
    the warnings' and the lists' test): their clock says 复检合格待撤销, not a deadline."""
    if not rect_ids:
        return set()
    return {r[0] for r in store.db.execute(
        f"SELECT r.id FROM rectification r WHERE r.id IN (SELECT value FROM json_each(?))"
        f" AND {retest_passed_sql('r')}", [json.dumps(list(rect_ids))])}


def rectifications_of_visit(store: Store, visit_id: int) -> list[Rectification]:
    """Orders issued on a visit (not the one it re-checks)."""
    return [Rectification.from_row(r) for r in store.db.query(
        "SELECT * FROM rectification WHERE visit_id = ? AND deleted_at IS NULL ORDER BY id",
        [visit_id])]


def recheckable_rectifications(store: Store, enterprise_id: int) -> list[Rectification]:
    """Orders of an enterprise that a re-check visit can still settle."""
    marks = ", ".join("?" for _ in RECHECKABLE_STATUSES)
    return [Rectification.from_row(r) for r in store.db.query(
        "SELECT * FROM rectification WHERE enterprise_id = ? AND deleted_at IS NULL "
        f"AND status IN ({marks}) ORDER BY deadline, id", [enterprise_id, *RECHECKABLE_STATUSES])]


def order_subjects(store: Store, rect_ids: Sequence[int]) -> dict[int, str]:
    """What each order is about, for pickers: the failed sample's product or the finding."""
    if not rect_ids:
        return {}
    marks = ", ".join("?" for _ in rect_ids)
    return {r[0]: r[1] or "" for r in store.db.execute(
        "SELECT r.id, coalesce(s.product_name, f.description) FROM rectification r "
        "LEFT JOIN sample s ON s.id = r.sample_id LEFT JOIN finding f ON f.id = r.finding_id "
        f"WHERE r.id IN ({marks})", list(rect_ids))}


def enterprise_name(store: Store, enterprise_id: int | None) -> str:
    found = fetch_record(store, Enterprise, enterprise_id) if enterprise_id else None
    return found.name if found else ""


def doc_setting(store: Store, key: str) -> str:
    """An organisation setting (e.g. "doc.org_name"), or the default the documents use."""
    return store.setting(key, "") or DOC_SETTING_DEFAULTS.get(key, "")


def sample_defaults(store: Store, enterprise_id: int | None) -> dict[str, str]:
    """What a new sampling record can start from: organiser, the enterprise's licence and size."""
    values = {"organiser": doc_setting(store, "doc.org_name")}
    found = fetch_record(store, Enterprise, enterprise_id) if enterprise_id else None
    if found is not None:
        values["enterprise_size"] = found.size_class
        live = [lic.number for lic in enterprise_licences(store, found.id) if lic.kind in ("SC", "XK")]
        if len(live) == 1:
            values["licence_no"] = live[0]
    return values


def remove_photo(store: Store, photo_id: int) -> Photo | None:
    """Take a photo off its finding: soft delete, so the row stays for merging and the audit trail
    (the file stays too: the same picture may belong to another finding). None if already gone."""
    with store.transaction():
        photo = fetch_record(store, Photo, photo_id)
        if photo is None or photo.deleted_at is not None:
            return None
        return soft_delete(store, photo)


def save_visit_with_recheck(store: Store, bundle: VisitBundle, rectification: Rectification | None,
                            passed: bool | None, removed_photos: Sequence[int] = (), *,
                            today: date | None = None) -> VisitBundle:
    """Save a visit, remove the photos taken off its findings and, for a re-check with an outcome,
    settle the order — all or nothing.

    Problems with the order come back as fields "recheck.<field>", apart from the visit's own.
    """
    with store.transaction():
        save_visit(store, bundle, today)
        for photo_id in removed_photos:
            remove_photo(store, photo_id)
        if rectification is not None and passed is not None:
            try:
                record_recheck(store, rectification, bundle.visit, passed, today=today)
            except ValidationFailed as failure:  # say which record the problem is about
                raise ValidationFailed([replace(i, field=f"recheck.{i.field}")
                                        for i in failure.issues]) from failure
    return bundle
