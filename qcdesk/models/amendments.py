"""Locked submissions and amendments (更正), and a record's history for the history dialog.

A visit that went out in a signed package is locked (`visit.locked_package`): the recipient has
it, so silently editing the local copy would make the two disagree. A correction is an
`Amendment` — which fields, old → new, and why — written in the same transaction as the change
to the visit; it is a record table, so it travels in exchange packages like any other record.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any, ClassVar

from qcdesk.models import audit
from qcdesk.models.conflict_history import ResolvedConflict, resolved_conflicts
from qcdesk.models.inspections import _index_finding, load_visit, validate_visit
from qcdesk.models.messages import Issue, ValidationFailed
from qcdesk.models.order_basis import closing_date_issues, follow_recheck_date
from qcdesk.models.persistence import insert_record, update_record
from qcdesk.models.records import Finding, Record
from qcdesk.models.search_index import reindex_visits
from qcdesk.models.store import Store

AMENDABLE_FIELDS = ("visit_date", "kind", "inspectors", "summary", "conclusion", "status")
# Parts of a visit are amended as "samples.<uuid>.<field>" / "findings.<uuid>.<field>": lab
# results typically arrive after the visit went out in a package.
PART_FIELDS = {
    "samples": ("task_no", "organiser", "product_name", "trademark", "spec_model", "batch_no",
                "production_date", "grade", "standard", "unit_price", "lot_size", "sample_qty", "test_qty",
                "backup_qty", "licence_no", "seal_state", "sampling_place", "enterprise_size", "samplers",
                "sampled_on", "remarks", "refused_to_sign", "refusal_reason", "result", "failed_items",
                "result_notified_on", "retest_requested_on", "retest_result", "retest_on"),
    "findings": ("category", "description", "severity", "basis"),
}
_HIDDEN = frozenset({"id", "uuid", "created_at", "updated_at", "author", "revision", "origin"})


@dataclass(kw_only=True)
class Amendment(Record):
    """A correction to a locked visit: `changes` maps field (or part.uuid.field) → [old, new]."""

    TABLE: ClassVar[str] = "amendment"
    JSON_FIELDS: ClassVar[tuple[str, ...]] = ("changes",)
    visit_id: int | None = None
    visit_uuid: str = ""
    visit_revision: int = 0
    package_id: str = ""
    reason: str = ""
    changes: dict[str, list[Any]] = field(default_factory=dict)


def amend_visit(store: Store, visit_id: int | str, changes: dict[str, Any], reason: str, *,
                seen: dict[str, int] | None = None) -> Amendment:
    """Apply `changes` to a (locked) visit with a reason; the amendment and the change are one unit.

    Keys are visit fields (`AMENDABLE_FIELDS`) or ``samples.<uuid>.<field>`` /
    ``findings.<uuid>.<field>`` (`PART_FIELDS`); the whole visit is validated as when saved.
    `seen`: uuid → revision of the visit and its rows as the user saw them (the editor's amend
    mode). A record changed or removed since is refused as stale (`record.stale`), as an editor's
    save is: applied on top, the change made elsewhere (an import) was silently overwritten.
    """
    reason = (reason or "").strip()
    issues: list[Issue] = []
    if not reason:
        issues.append(Issue("reason", "required", {"field": "更正原因"}))
    bundle = load_visit(store, visit_id)
    if bundle is None:
        issues.append(Issue("id", "record.not_found", {"value": visit_id}))
        raise ValidationFailed(issues)
    visit = bundle.visit
    if seen is not None:
        stored = {r.uuid: r.revision for r in (visit, *bundle.samples, *bundle.findings)}
        if any(stored.get(uuid) != revision for uuid, revision in seen.items()):
            raise ValidationFailed([Issue("revision", "record.stale", {"current": visit.revision})])
    parts: dict[str, dict[str, Record]] = {"samples": {s.uuid: s for s in bundle.samples},
                                           "findings": {f.uuid: f for f in bundle.findings}}
    diff: dict[str, list[Any]] = {}
    touched: dict[str, Record] = {}
    results = {s.uuid: s.result for s in bundle.samples}
    for key, value in changes.items():
        head, _, rest = key.partition(".")
        part_uuid, _, name = rest.rpartition(".")
        target: Record | None = visit if key in AMENDABLE_FIELDS else None
        if head in parts and name in PART_FIELDS[head]:
            target = parts[head].get(part_uuid)
        if target is None:
            issues.append(Issue(key, "choice.invalid", {"field": "更正字段", "value": key}))
            continue
        name = key if target is visit else name
        if getattr(target, name) != value:
            label = key if target is visit else f"{head}.{target.uuid}.{name}"
            diff[label] = [getattr(target, name), value]
            setattr(target, name, value)
            touched[target.uuid] = target
    if not diff and not issues:
        issues.append(Issue("changes", "required", {"field": "更正内容"}))
    issues += [i for i in validate_visit(store, bundle, amended=diff) if not i.warning] if not issues else []
    issues += closing_date_issues(store, visit) if not issues else []  # a closing re-check's new date
    if issues:
        raise ValidationFailed(issues)
    for sample in bundle.samples:  # a re-test's conclusion is the final result (retest.py)
        key = f"samples.{sample.uuid}.result"
        if sample.result != results[sample.uuid]:
            diff[key] = [results[sample.uuid], sample.result]
            touched[sample.uuid] = sample
        else:
            diff.pop(key, None)
    if not diff:
        raise ValidationFailed([Issue("changes", "required", {"field": "更正内容"})])
    # 更正前版本: the revision the correction was made on (the one the recipient holds), read
    # before update_record bumps it
    corrected_revision = visit.revision
    with store.transaction():
        for record in touched.values():
            update_record(store, record)
            if isinstance(record, Finding):
                _index_finding(store, record)  # keep the search index in step, as save_visit does
        reindex_visits(store.db.conn, [visit.id])  # a corrected sample's product or batch
        follow_recheck_date(store, visit)  # the order this re-check closed keeps its date
        amendment = Amendment(visit_id=visit.id, visit_uuid=visit.uuid, visit_revision=corrected_revision,
                              package_id=visit.locked_package or "", reason=reason, changes=diff)
        insert_record(store, amendment)
    return amendment


def amendments_for(store: Store, visit_uuid: str) -> list[Amendment]:
    return [Amendment.from_row(r) for r in store.db.query(
        "SELECT * FROM amendment WHERE visit_uuid = ? AND deleted_at IS NULL ORDER BY id", [visit_uuid])]


def lock_visits(store: Store, visit_ids: list[int | str], package_id: str) -> int:
    """Mark visits as sent in `package_id` (called by the exchange after a successful export).

    Visits already locked keep the package they first went out in. The lock is bookkeeping,
    not a content change, so the revision is not bumped (open editors stay valid); the audit
    trail still records it. Returns how many visits were newly locked.
    """
    count = 0
    with store.transaction():
        for key in visit_ids:
            column = "id" if isinstance(key, int) or str(key).isdigit() else "uuid"
            count += store.db.execute(
                f"UPDATE visit SET locked_package = ? WHERE {column} = ? AND locked_package IS NULL",
                [package_id, int(key) if column == "id" else key]).rowcount
    return count


def is_locked(store: Store, visit_id: int) -> str | None:
    row = store.db.execute("SELECT locked_package FROM visit WHERE id = ?", [visit_id]).fetchone()
    return row[0] if row else None


# --- history ----------------------------------------------------------------------------------

@dataclass(frozen=True)
class HistoryLine:
    """One field change of one audit entry, as the history dialog lists it."""

    at: str
    author: str
    op: str  # insert / update / delete / adopt / import (came in a package, see `_adoptions`)
    field: str
    old: Any = None
    new: Any = None
    outside: bool = False  # written by another program (accepted or not)
    sealed: bool = True
    note: str = ""  # amendment reason or acceptance reason
    table: str = ""  # which record: the record itself, or a part of a visit (sample, finding…)
    record: str = ""  # a short label of that part (product name, finding text)
    resolved: ResolvedConflict | None = None  # op "resolve": a merge conflict settled here


# Parts of a visit whose history is shown with the visit's: table, label column, how to find them.
_VISIT_PARTS = (
    ("sample", "product_name", "SELECT uuid, product_name FROM sample WHERE visit_id = ?"),
    ("finding", "description", "SELECT uuid, description FROM finding WHERE visit_id = ?"),
    ("photo", "file_name", "SELECT p.uuid, p.file_name FROM photo p JOIN finding f ON f.id = p.finding_id "
                           "WHERE f.visit_id = ?"),
)

# An enterprise's contacts and licences, shown with its history: the contact-removal note says the
# old name and phone stay in 修改历史. A removed contact is blanked, so it is named by its last name.
_ENTERPRISE_PARTS = (
    ("contact", "name", "SELECT c.uuid, COALESCE(NULLIF(c.name, ''), (SELECT json_extract(l.old_json, "
                        "'$.name') FROM audit_log l WHERE l.table_name = 'contact' AND l.row_uuid = c.uuid "
                        "AND json_extract(l.old_json, '$.name') <> '' ORDER BY l.seq DESC LIMIT 1)) "
                        "FROM contact c WHERE c.enterprise_id = ?"),
    ("licence", "number", "SELECT uuid, number FROM licence WHERE enterprise_id = ?"),
)
_PARTS = {"visit": ("SELECT id FROM visit WHERE uuid = ?", _VISIT_PARTS),
          "enterprise": ("SELECT id FROM enterprise WHERE uuid = ?", _ENTERPRISE_PARTS)}


def record_history(store: Store, table: str, row_uuid: str, *, with_parts: bool = False) -> list[HistoryLine]:
    """Every audited change of one record, oldest first, one line per changed field.

    `with_parts=True` on a visit adds the changes of its samples, findings and photos; on an
    enterprise, those of its contacts and licences.
    """
    reasons: dict[str, str] = {}
    if table == "visit":  # an amendment is sealed together with the changes it made
        reasons = dict(store.db.execute(
            "SELECT sealed_at, json_extract(new_json, '$.reason') FROM audit_log WHERE table_name = "
            "'amendment' AND op = 'insert' AND json_extract(new_json, '$.visit_uuid') = ? "
            "AND sealed_at IS NOT NULL", [row_uuid]).fetchall())
        # an amendment that came in a package was adopted with the package's new rows; the
        # visit's change it explains was sealed together with that adoption
        reasons.update(store.db.execute(
            "SELECT l.sealed_at, a.reason FROM amendment a JOIN audit_log l ON l.table_name = '*' "
            "AND l.op = 'baseline' AND a.id BETWEEN json_extract(l.new_json, '$.ids.amendment[0]') "
            "AND json_extract(l.new_json, '$.ids.amendment[1]') WHERE a.visit_uuid = ? "
            "AND l.sealed_at IS NOT NULL", [row_uuid]).fetchall())
    names: dict[str, str] = {}
    audited = set(audit.record_tables(store.db))  # once, not once per part
    lines = _lines(store, table, row_uuid, reasons, names, "", audited)
    if with_parts and table in _PARTS:
        find_row, parts = _PARTS[table]
        row = store.db.execute(find_row, [row_uuid]).fetchone()
        for part, _column, sql in parts if row else ():
            for uuid, label in store.db.execute(sql, [row[0]]).fetchall():
                lines.extend(_lines(store, part, uuid, reasons, names, (label or "")[:30], audited))
        lines.sort(key=lambda item: item[0])
    return [line for _seq, line in lines]


def _lines(store: Store, table: str, row_uuid: str, reasons: dict[str, str], names: dict[str, str],
           label: str, audited: set[str]) -> list[tuple[float, HistoryLine]]:
    lines = _adoptions(store, table, row_uuid, names, label) if table in audited else []
    for seq, op, old_json, new_json, at, via, note, chain_no, sealed_by, sealed_at in store.db.execute(
        "SELECT seq, op, old_json, new_json, at, via, note, chain_no, sealed_by, sealed_at FROM audit_log "
        "WHERE table_name = ? AND row_uuid = ? ORDER BY seq", [table, row_uuid]
    ).fetchall():
        old = json.loads(old_json) if old_json else {}
        new = json.loads(new_json) if new_json else {}
        outside = via not in ("app",)
        author = "" if via is None else _author_name(store, names, new.get("author") or sealed_by or "")
        if via == "accepted":
            author = _author_name(store, names, sealed_by or "")
        if op == "update" and via == "app" and reasons.get(sealed_at):
            note = reasons[sealed_at]
        if table == "rectification" and op == "update" and old.get("status") == "closed" \
                and new.get("status") not in (None, "closed") and new.get("reopen_reason"):
            op, note = "reopen", new["reopen_reason"]  # 更正：重新打开 (order_reopen), its reason
        base = {"at": at, "author": author, "outside": outside, "sealed": chain_no is not None,
                "note": note or "", "table": table, "record": label}
        changed = [k for k in (new or old) if k not in _HIDDEN and old.get(k) != new.get(k)]
        deleted_now = op == "update" and old.get("deleted_at") is None and bool(new.get("deleted_at"))
        if deleted_now:
            lines.append((seq, HistoryLine(op="delete", field="", **base)))
            changed.remove("deleted_at")
        if op == "delete" or (not changed and not deleted_now):
            lines.append((seq, HistoryLine(op=op, field="", **base)))
        for name in changed:
            if op in ("insert", "adopt") and new.get(name) in (None, "", "[]", 0):
                continue
            lines.append((seq, HistoryLine(op=op, field=name, old=old.get(name), new=new.get(name), **base)))
    return _with_resolutions(store, table, row_uuid, names, label, lines)


def _with_resolutions(store: Store, table: str, row_uuid: str, names: dict[str, str], label: str,
                      lines: list[tuple[float, HistoryLine]]) -> list[tuple[float, HistoryLine]]:
    """Each merge conflict of the record resolved here, a line of its own directly before the
    write it made: the version set aside is in no other line (`conflict_history`). Placed by the
    audit seq noted before that write; a resolution noted without one (before 0007's notes had
    it) goes before the changes of its own second and later, the write among them."""
    for done in resolved_conflicts(store, table, row_uuid):
        after = done.after_seq if done.after_seq is not None else max(
            (seq for seq, line in lines if line.at < done.at[:19]), default=0)
        line = HistoryLine(at=done.at, author=_author_name(store, names, done.by), op="resolve",
                           field="", table=table, record=label, resolved=done)
        lines.append((after + 0.5, line))  # between two audit entries
    lines.sort(key=lambda item: item[0])
    return lines


def _adoptions(store: Store, table: str, row_uuid: str, names: dict[str, str],
               label: str) -> list[tuple[int, HistoryLine]]:
    """The bulk adoption (an imported package) that brought this record in, if one did: those
    rows share one audit entry that lists their id range instead of one entry each.

    Its lines show the values the record came with, as a created record's lines do: they are
    the "old" side of the record's first later change, or, if it never changed, its content
    now (which the sealed digest vouches for; `record_status` says whether it still does).
    `table` is an audited record table: `_lines` checks that before asking."""
    db = store.db
    rows = list(audit.live_rows(db, table, "WHERE uuid = ?", [row_uuid]))
    if not rows:
        return []
    path = f"$.ids.{table}"
    lines: list[tuple[int, HistoryLine]] = []
    for seq, at, note, chain_no, sealed_by in db.execute(
            "SELECT seq, at, note, chain_no, sealed_by FROM audit_log WHERE table_name = '*' "
            "AND op = 'baseline' AND ? BETWEEN json_extract(new_json, ? || '[0]') "
            "AND json_extract(new_json, ? || '[1]') ORDER BY seq", [rows[0]["id"], path, path]):
        later = db.execute("SELECT old_json FROM audit_log WHERE table_name = ? AND row_uuid = ? "
                           "AND seq > ? AND old_json IS NOT NULL ORDER BY seq LIMIT 1",
                           [table, row_uuid, seq]).fetchone()
        values = json.loads(later[0]) if later else rows[0]
        base = {"at": at, "author": _author_name(store, names, sealed_by or ""), "op": "import",
                "sealed": chain_no is not None, "note": note or "", "table": table, "record": label}
        fields = [k for k, v in values.items() if k not in _HIDDEN and v not in (None, "", "[]", 0)]
        lines += [(seq, HistoryLine(field=k, new=values[k], **base)) for k in fields] or [
            (seq, HistoryLine(field="", **base))]
    return lines


def record_status(store: Store, table: str, row_uuid: str) -> audit.AuditProblem | None:
    """Does this one record still match its audit trail? (The history dialog's status line.)"""
    db = store.db
    if not audit.has_audit(db) or table not in audit.record_tables(db):
        return None
    outside = db.execute("SELECT seq, row_id, op, at FROM audit_log WHERE table_name = ? AND row_uuid = ? "
                         "AND chain_no IS NULL AND (via IS NULL OR via NOT IN ('app', 'accepted')) "
                         "ORDER BY seq LIMIT 1", [table, row_uuid]).fetchone()
    if outside:
        return audit.AuditProblem("outside", table, row_uuid, outside[1], seq=outside[0],
                                  op=outside[2], at=outside[3])
    rows = list(audit.live_rows(db, table, "WHERE uuid = ?", [row_uuid]))
    if not rows:
        return None
    values = rows[0]
    state = db.execute("SELECT digest, columns FROM audit_state s JOIN audit_colset c ON c.id = s.colset "
                       "WHERE s.table_name = ? AND s.row_id = ?", [table, values["id"]]).fetchone()
    if state is None:
        if store.setting("audit.baseline_pending"):
            return None  # bulk-built data, adopted at the next verify
        return audit.AuditProblem("unaudited", table, row_uuid, values["id"])
    cols = json.loads(state[1])
    if any(c not in values for c in cols) or audit.row_digest({c: values[c] for c in cols}) != state[0]:
        return audit.AuditProblem("changed", table, row_uuid, values["id"])
    return None


def _author_name(store: Store, cache: dict[str, str], author: str) -> str:
    if author not in cache:
        row = store.db.execute("SELECT name FROM inspector WHERE uuid = ?", [author]).fetchone()
        cache[author] = row[0] if row else author
    return cache[author]
