"""Enterprise quality files (企业档案): validation, saving with licences, search index upkeep."""

from __future__ import annotations

import json
from datetime import date
from typing import NamedTuple

from qcdesk.models import local_day
from qcdesk.models.codes import check_licence, check_uscc, licence_kind
from qcdesk.models.enterprise_checks import LIMITS, as_stored_only_warns, text_field_issues
from qcdesk.models.jurisdictions import jurisdiction_by_code
from qcdesk.models.listing_names import FALLBACK_KEY
from qcdesk.models.messages import Issue, ValidationFailed
from qcdesk.models.persistence import fetch_children, fetch_record, insert_record, update_record
from qcdesk.models.records import Enterprise, Licence
from qcdesk.models.risk import months_after
from qcdesk.models.search_index import reindex_enterprises
from qcdesk.models.search_text import phrase_query
from qcdesk.models.store import Store
from qcdesk.models.typed_text import one_line
from qcdesk.models.validation import check_date, check_required

# Industrial (XK) and food (SC) production licences run 5 years (domain brief; 食品生产许可管理办法
# for SC); an expiry later than that is a typing slip more often than not, so it is pointed out.
LICENCE_TERM_YEARS = {"XK": 5, "SC": 5}


def validate_enterprise(store: Store, enterprise: Enterprise, licences: list[Licence] = (),
                        today: date | None = None) -> list[Issue]:
    """All problems at once (errors and warnings), normalising codes and the phone in place.

    Phone and length rules: `enterprise_checks` (a value the record already holds is only warned of).
    The one-line fields (name, address, people, products) are stored on one line, as the roster
    import stores them: a name pasted with a line break showed only its first line in the lists."""
    issues: list[Issue] = []
    check = check_uscc(enterprise.uscc)
    enterprise.uscc = check.value
    for rule in check.errors:
        issues.append(Issue("uscc", rule, dict(check.params)))
    for rule in check.warnings:
        issues.append(Issue("uscc", rule, warning=True))
    for key in LIMITS:  # the one-line fields: a pasted line break or tab as a space (typed_text)
        setattr(enterprise, key, one_line(getattr(enterprise, key)))
    check_required(issues, "name", "企业名称", enterprise.name)
    stored = fetch_record(store, Enterprise, enterprise.id) if enterprise.id else None
    issues += as_stored_only_warns(text_field_issues(enterprise), enterprise, stored)
    if jurisdiction_by_code(enterprise.jurisdiction_code) is None:
        issues.append(Issue("jurisdiction_code", "jurisdiction.unknown",
                            {"value": enterprise.jurisdiction_code}))
    if check.ok:
        other = store.db.execute(
            "SELECT id, name FROM enterprise WHERE uscc = ? AND deleted_at IS NULL AND id IS NOT ?",
            [enterprise.uscc, enterprise.id],
        ).fetchone()
        if other:
            issues.append(Issue("uscc", "uscc.duplicate", {"value": enterprise.uscc, "name": other[1]}))
    for i, licence in enumerate(licences):
        if licence.deleted_at is not None:  # being removed: what it says no longer matters
            continue
        licence.product = one_line(licence.product)
        lcheck = check_licence(licence.number)
        licence.number = lcheck.value
        for rule in lcheck.errors:
            issues.append(Issue(f"licences.{i}.number", rule))
        for rule in lcheck.warnings:
            issues.append(Issue(f"licences.{i}.number", rule, warning=True))
        if lcheck.ok:
            licence.kind = licence_kind(lcheck.value) or licence.kind
        issues += licence_date_issues(licence, f"licences.{i}.", today)
    return issues


def licence_date_issues(licence: Licence, prefix: str = "", today: date | None = None) -> list[Issue]:
    """The issue and expiry dates of one licence: real dates, expiry not before issue (errors);
    a production licence running longer than its term, an issue date after today (warnings)."""
    issues: list[Issue] = []
    issued = check_date(issues, prefix + "issued_on", "发证日期", licence.issued_on)
    expires = check_date(issues, prefix + "expires_on", "许可证有效期", licence.expires_on)
    today = today or local_day.today()
    if issued and issued > today:
        issues.append(Issue(prefix + "issued_on", "licence.issued_future", {"issued": issued.isoformat()},
                            warning=True))
    years = LICENCE_TERM_YEARS.get(licence_kind(licence.number) or licence.kind)
    if expires is None:
        return issues
    if issued and expires < issued:
        issues.append(Issue(prefix + "expires_on", "date.order",
                            {"field": "许可证有效期", "other": "发证日期"}))
    elif years and issued and expires > months_after(issued, 12 * years):
        issues.append(Issue(prefix + "expires_on", "licence.validity", {
            "years": years, "issued": issued.isoformat(),
            "latest": months_after(issued, 12 * years).isoformat()}, warning=True))
    elif years and not issued and expires > months_after(today, 12 * years):
        issues.append(Issue(prefix + "expires_on", "licence.validity_no_issue", {
            "years": years, "expires": expires.isoformat()}, warning=True))
    return issues


def index_enterprise(store: Store, enterprise: Enterprise) -> None:
    """Keep the substring search index in step with the record, its contacts and licences
    (same transaction; `search_index`)."""
    reindex_enterprises(store.db.conn, [enterprise.id])


def save_enterprise(
    store: Store, enterprise: Enterprise, licences: list[Licence] | None = None
) -> Enterprise:
    """Validate and write the enterprise and its licences in one transaction, or nothing."""
    licences = list(licences or [])
    issues = [i for i in validate_enterprise(store, enterprise, licences) if not i.warning]
    if issues:
        raise ValidationFailed(issues)
    with store.transaction():
        if enterprise.id:
            update_record(store, enterprise)
        else:
            insert_record(store, enterprise)
        for licence in licences:
            licence.enterprise_id = enterprise.id
            if licence.id:
                update_record(store, licence)
            else:
                insert_record(store, licence)
        index_enterprise(store, enterprise)  # its licence numbers are searched too
    return enterprise


def enterprise_licences(store: Store, enterprise_id: int) -> list[Licence]:
    return fetch_children(store, Licence, "enterprise_id", enterprise_id)


def industries(store: Store) -> list[str]:
    """The editable industry list, leading industries first."""
    return [r[0] for r in store.db.execute(
        "SELECT DISTINCT name FROM industry WHERE deleted_at IS NULL ORDER BY id")]


def jurisdictions(store: Store) -> list[tuple[str, str]]:
    return [(r[0], r[1]) for r in store.db.execute("SELECT code, name FROM jurisdiction ORDER BY code")]


def find_enterprise_by_uscc(store: Store, uscc: str) -> Enterprise | None:
    rows = list(store.db.query(
        "SELECT * FROM enterprise WHERE uscc = ? AND deleted_at IS NULL", [uscc]))
    return Enterprise.from_row(rows[0]) if rows else None


def find_enterprise_by_name(store: Store, name: str) -> Enterprise | None:
    """The one firm filed under exactly this name (None if none or several): a list row whose
    code is mistyped can be told the code stored for it."""
    rows = list(store.db.query(
        "SELECT * FROM enterprise WHERE name = ? AND deleted_at IS NULL LIMIT 2", [name]))
    return Enterprise.from_row(rows[0]) if len(rows) == 1 else None


class EnterpriseChoice(NamedTuple):
    """A firm as a picker offers it: its name, told apart from a namesake by its code."""

    id: int
    uuid: str
    name: str
    uscc: str


CHOICES_LIMIT = 50  # a picker shows the first few matches; more typing narrows them
_CHOICE = ("SELECT e.id, e.uuid, e.name, e.uscc FROM enterprise e"
           " LEFT JOIN enterprise_name_key k ON k.enterprise_id = e.id")


def enterprise_choices(store: Store, text: str = "", limit: int = CHOICES_LIMIT) -> list[EnterpriseChoice]:
    """Live firms found by `text` as the list pages' search box finds them (`search_text.phrase_query`:
    name, credit code, address…, every word), at most `limit`, in pinyin order: the pickers search
    as the user types instead of loading every firm (8,000 in a city) on the GUI thread. Ordered by
    the stored pinyin keys (`listing_names.FALLBACK_KEY`), not the collation: no name is converted
    unless its key is missing."""
    where, params = "", []
    if text.strip():
        match = phrase_query(text)
        if match is None:  # only punctuation: nothing to look for
            return []
        where, params = " AND e.id IN (SELECT rowid FROM enterprise_fts WHERE tokens MATCH ?)", [match]
    return [EnterpriseChoice(*r) for r in store.db.execute(
        f"{_CHOICE} WHERE e.deleted_at IS NULL{where} ORDER BY {FALLBACK_KEY}, e.id LIMIT ?",
        [*params, limit])]


def enterprise_choice(store: Store, enterprise_id: int) -> EnterpriseChoice | None:
    """One firm as a picker shows it, deleted or not: a visit of a firm since deleted still names it."""
    row = store.db.execute(f"{_CHOICE} WHERE e.id = ?", [enterprise_id]).fetchone()
    return EnterpriseChoice(*row) if row else None


def chase_details(store: Store, enterprise_ids: list[int]) -> dict[int, dict[str, str]]:
    """Whom to call about each enterprise (统一社会信用代码, 辖区, 联系人, 联系电话), by id, in one
    query: the 整改跟踪 export's rows carry them so that a planner chasing orders need not open
    each firm's file (s7/r2 F6)."""
    rows = store.db.execute(
        "SELECT e.id, e.uscc, j.name, e.contact_name, e.contact_phone FROM enterprise e"
        " LEFT JOIN jurisdiction j ON j.code = e.jurisdiction_code"
        " WHERE e.id IN (SELECT value FROM json_each(?))", [json.dumps(sorted(set(enterprise_ids)))])
    return {r[0]: {"uscc": r[1] or "", "jurisdiction": r[2] or "", "contact": r[3] or "",
                   "contact_phone": r[4] or ""} for r in rows}
