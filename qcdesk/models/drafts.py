"""Drafts: what an open editor holds unsaved, kept on disk so that a dead battery loses nothing.

An editor with unsaved changes writes its state here a few seconds after the last edit; a save
or a confirmed discard deletes it, a crash leaves it, and the next opening of that record (or of
the new-record editor for the same parent) offers it back.

Why atomic JSON files in the data folder rather than a table: a draft is scratch, not a record.
Kept out of the database it never enters the audit chain, a package, a backup or the search
index; it never waits on (or holds) SQLite's write lock while an import is running; and no
migration is needed, which would copy every database before its next opening and lock it
against older builds. Each database has its own folder, named by its resolved path, and each
draft is written whole or not at all (side file, fsync, rename).
"""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from qcdesk.models.file_replace import replace_into_place
from qcdesk.models.inspections import VisitBundle
from qcdesk.models.messages import own_message
from qcdesk.models.persistence import fetch_record
from qcdesk.models.records import Enterprise, Finding, Photo, Record, Rectification, Sample, Visit
from qcdesk.models.rectification_checks import existing_order
from qcdesk.models.store import Store

FOLDER = "drafts"
FORMAT = 1


@dataclass(frozen=True)
class DraftKey:
    """A record being edited (`record`: its uuid), or a new one of `kind` under a parent
    (`parent_kind`: enterprise, order, finding or sample; both empty: no parent)."""

    kind: str  # "visit", "order" or "enterprise"
    record: str = ""
    parent_kind: str = ""
    parent: str = ""

    def file_name(self) -> str:
        if self.record:
            return f"{self.kind}-{_safe(self.record)}.json"
        if self.parent:
            return f"{self.kind}-new-{_safe(self.parent_kind)}-{_safe(self.parent)}.json"
        return f"{self.kind}-new.json"

    def as_dict(self) -> dict[str, str]:
        return {"kind": self.kind, "record": self.record, "parent_kind": self.parent_kind,
                "parent": self.parent}


@dataclass(frozen=True)
class Draft:
    key: DraftKey
    saved_at: str  # UTC, ISO 8601
    title: str  # what the editor's window said, for the list of drafts
    values: dict[str, Any]


def _safe(text: str) -> str:
    """A uuid as it is; anything else cannot reach outside the folder."""
    return "".join(c if c.isalnum() or c in "-_" else "_" for c in text)[:80]


class DraftStore:
    """The drafts of one database file, in `<data folder>/drafts/<name>-<hash of its path>/`."""

    def __init__(self, data_dir: Path, database: Path):
        resolved = database.resolve()
        digest = hashlib.sha256(str(resolved).encode("utf-8")).hexdigest()[:12]
        self.database = resolved
        self.folder = data_dir / FOLDER / f"{_safe(resolved.stem)}-{digest}"

    def save(self, key: DraftKey, title: str, values: Mapping[str, Any]) -> None:
        """Write the draft whole or not at all: a crash in the middle leaves the previous one."""
        self.folder.mkdir(parents=True, exist_ok=True)
        content = {"format": FORMAT, "database": str(self.database), "key": key.as_dict(),
                   "saved_at": datetime.now(UTC).isoformat(timespec="seconds"), "title": title,
                   "values": dict(values)}
        target = self.folder / key.file_name()
        side = self.folder / f".{key.file_name()}.part"
        with open(side, "w", encoding="utf-8") as handle:
            json.dump(content, handle, ensure_ascii=False)
            handle.flush()
            os.fsync(handle.fileno())
        replace_into_place(side, target)

    def load(self, key: DraftKey) -> Draft | None:
        return _read(self.folder / key.file_name())

    def delete(self, key: DraftKey) -> None:
        (self.folder / key.file_name()).unlink(missing_ok=True)

    def drafts(self) -> list[Draft]:
        """Every readable draft of this database, oldest first (side files of a killed write left out)."""
        if not self.folder.is_dir():
            return []
        found = [_read(p) for p in self.folder.glob("*.json") if not p.name.startswith(".")]
        return sorted((d for d in found if d is not None), key=lambda d: d.saved_at)


def _read(path: Path) -> Draft | None:
    """A draft, or None when there is none (or it cannot be read: it is then left as it is)."""
    try:
        content = json.loads(path.read_text(encoding="utf-8"))
        key = DraftKey(**content["key"])
        return Draft(key, str(content["saved_at"]), str(content.get("title", "")), dict(content["values"]))
    except (OSError, ValueError, KeyError, TypeError):
        return None


def local_time(saved_at: str) -> str:
    """When a draft was written, on this computer's clock (2026-11-30 21:05)."""
    try:
        return datetime.fromisoformat(saved_at).astimezone().strftime("%Y-%m-%d %H:%M")
    except ValueError:
        return saved_at


# -- a visit editor's records as JSON ---------------------------------------------------------
def bundle_values(bundle: VisitBundle) -> dict[str, Any]:
    return {"visit": bundle.visit.to_row(), "samples": [s.to_row() for s in bundle.samples],
            "findings": [f.to_row() for f in bundle.findings],
            "photos": {str(i): [p.to_row() for p in group] for i, group in bundle.photos.items()}}


def bundle_from(values: Mapping[str, Any]) -> VisitBundle:
    return VisitBundle(Visit.from_row(values["visit"]), [Sample.from_row(s) for s in values["samples"]],
                       [Finding.from_row(f) for f in values["findings"]],
                       {int(i): [Photo.from_row(p) for p in group] for i, group in values["photos"].items()})


def records_from(cls: type[Record], rows: list[dict[str, Any]]) -> list[Any]:
    return [cls.from_row(row) for row in rows]


def draft_target(store: Store, draft: Draft) -> tuple[str, Any, Any] | None:
    """What to open for a draft: ("visit", visit id, None), ("new_visit", enterprise id, order id
    re-checked), ("order", the visit, the finding or sample), ("enterprise", its id, None),
    ("new_enterprise", None, None); None when its record or parent is no longer in this database
    (deleted, or the database restored to an older copy)."""
    key = draft.key
    if key.kind == "enterprise":
        if not key.record:
            return "new_enterprise", None, None
        found = fetch_record(store, Enterprise, key.record)
        return ("enterprise", found.id, None) if found and not found.deleted_at else None
    if key.kind == "visit" and key.record:
        visit = fetch_record(store, Visit, key.record)
        return ("visit", visit.id, None) if visit and not visit.deleted_at else None
    if key.kind == "visit":
        cls = {"enterprise": Enterprise, "order": Rectification}.get(key.parent_kind)
        parent = fetch_record(store, cls, key.parent) if cls and key.parent else None
        if key.parent and (parent is None or parent.deleted_at):
            return None
        if isinstance(parent, Rectification):
            return "new_visit", parent.enterprise_id, parent.id
        return "new_visit", parent.id if parent else None, None
    if key.kind == "order":
        subject_cls = Finding if key.parent_kind == "finding" else Sample
        subject = fetch_record(store, subject_cls, key.parent) if key.parent else None
        visit = fetch_record(store, Visit, subject.visit_id) if subject and subject.visit_id else None
        if subject is None or subject.deleted_at or visit is None or visit.deleted_at:
            return None
        return "order", visit, subject
    return None


def draft_enterprise(store: Store, draft: Draft) -> str:
    """The name of the enterprise a draft's record belongs to ("" when none is found). Why: a
    draft is listed as kind + enterprise + time in the language shown now; its stored title is
    in the language of the moment of typing."""
    key, enterprise_id = draft.key, None
    if key.kind == "enterprise":  # a new one: the name typed, if any
        found = fetch_record(store, Enterprise, key.record) if key.record else None
        typed = draft.values.get("typed", {}).get("enterprise", {})
        return found.name if found else str(typed.get("name") or "")
    visit = fetch_record(store, Visit, key.record) if key.kind == "visit" and key.record else None
    if key.kind == "visit" and not key.record and key.parent_kind == "enterprise" and key.parent:
        found = fetch_record(store, Enterprise, key.parent)
        enterprise_id = found.id if found else None
    elif key.kind == "visit" and not key.record and key.parent_kind == "order" and key.parent:
        order = fetch_record(store, Rectification, key.parent)
        enterprise_id = order.enterprise_id if order else None
    elif key.kind == "order" and key.parent:
        subject = fetch_record(store, Finding if key.parent_kind == "finding" else Sample, key.parent)
        visit = fetch_record(store, Visit, subject.visit_id) if subject and subject.visit_id else None
    if visit is not None:
        enterprise_id = visit.enterprise_id
    found = fetch_record(store, Enterprise, enterprise_id) if enterprise_id else None
    return found.name if found else ""


@dataclass(frozen=True)
class VisitDraft:
    """A draft waiting on a saved visit, with what names it to a user: enterprise — date."""

    draft: Draft
    visit_id: int
    enterprise: str
    visit_date: str


def drafts_on_visits(store: Store, data_dir: Path, visit_ids: list[int]) -> list[VisitDraft]:
    """The drafts (left by a crash or kept by an open editor) of these visits, oldest first.
    Why: an export asks about them before it locks the visits (exchange.export.visits_to_lock)."""
    if store.path is None or not visit_ids:
        return []
    wanted, found = set(visit_ids), []
    for draft in DraftStore(data_dir, store.path).drafts():
        if draft.key.kind != "visit" or not draft.key.record:
            continue
        visit = fetch_record(store, Visit, draft.key.record)
        if visit is not None and visit.id in wanted:
            name = draft_enterprise(store, draft)
            found.append(VisitDraft(draft, int(visit.id), name, visit.visit_date or ""))
    return found


# -- a draft its record can no longer take ------------------------------------------------------
@dataclass(frozen=True)
class Blocked:
    """Why a draft cannot go back into its editor: "locked" (the visit was sent in `package`
    since: it is amended, 更正, not edited), "issued" (an order for its finding or sample came
    by another route: `order_no`, `ordered_on`) or "gone" (no record or parent any more)."""

    reason: str
    visit_id: int | None = None
    package: str = ""
    order_no: str = ""
    ordered_on: str = ""


def draft_blocked(store: Store, draft: Draft) -> Blocked | None:
    """None when the draft can be offered back in its editor. Why: an editor that will not take
    it (a locked visit, an order already issued) would otherwise never offer or discard it, and
    the status bar would count it for good."""
    key = draft.key
    if key.kind == "visit" and key.record:
        visit = fetch_record(store, Visit, key.record)
        if visit is None or visit.deleted_at:
            return Blocked("gone")
        return Blocked("locked", visit.id, visit.locked_package) if visit.locked_package else None
    target = draft_target(store, draft)
    if target is None:
        return Blocked("gone")
    if target[0] == "order":
        subject = target[2]
        found = existing_order(store, sample_id=subject.id) if isinstance(subject, Sample) \
            else existing_order(store, finding_id=subject.id)
        if found is not None:
            return Blocked("issued", order_no=found.notice_no or "", ordered_on=found.ordered_on or "")
    return None


# free-text fields worth copying out of a draft (codes such as a result or a kind are left out)
TEXT_FIELDS = {
    "visit": ("visit_date", "summary", "conclusion"),
    "samples": ("task_no", "product_name", "trademark", "spec_model", "batch_no", "production_date",
                "standard", "licence_no", "seal_state", "sampled_on", "failed_items", "result_notified_on",
                "refusal_reason", "remarks"),
    "findings": ("category", "description", "basis"),
    "order": ("ordered_on", "notice_no", "requirement"),
    "enterprise": ("uscc", "name", "address", "industry", "main_products", "legal_representative",
                   "contact_name", "contact_phone", "notes"),
}


def typed_text(draft: Draft) -> list[tuple[str, int, str, str]]:
    """What was typed and not saved, as (part, its number from 1 or 0, field, text): a visit's
    fields and those of its samples and findings that differ from what was loaded; an order's
    fields. For a draft shown read-only, to be copied into an amendment or the order."""
    values = draft.values
    if draft.key.kind == "order":
        return [("order", 0, name, str(values[name])) for name in TEXT_FIELDS["order"] if values.get(name)]
    typed, base = values.get("typed", {}), values.get("base", {})
    if draft.key.kind == "enterprise":
        mine, old = typed.get("enterprise", {}), base.get("enterprise", {})
        return [("enterprise", 0, name, str(value)) for name in TEXT_FIELDS["enterprise"]
                if (value := mine.get(name)) and value != old.get(name)]
    lines = [("visit", 0, name, str(value)) for name in TEXT_FIELDS["visit"]
             if (value := typed.get("visit", {}).get(name)) and value != base.get("visit", {}).get(name)]
    for part in ("samples", "findings"):
        before = {row.get("uuid"): row for row in base.get(part, []) if row.get("uuid")}
        for number, row in enumerate((r for r in typed.get(part, []) if not r.get("deleted_at")), 1):
            old = before.get(row.get("uuid"), {}) if row.get("uuid") else {}
            lines += [(part, number, name, str(value)) for name in TEXT_FIELDS[part]
                      if (value := row.get(name)) and value != old.get(name)]
    return lines


SENT_DRAFTS = (
    "注意：{count} 条检查记录留有上次未保存的草稿（{titles}），已随本数据包发送并锁定，草稿中的内容没有发送："
    "打开该记录可查看草稿，仍需要的内容请用“更正”补记",
    "Note: {count} visit(s) with unsaved changes left from before ({titles}) went out in this "
    "package and are now locked; those changes were not sent: open the visit to see them, and "
    "record what is still needed with Amend",
)


def sent_drafts_note(store: Store, data_dir: Path, package: str, lang: str = "zh") -> str:
    """Said after an export when visits it locked (`package`) had drafts a crash left: that
    typing did not go out, and the visit now takes only a 更正. "" when none."""
    if store.path is None:
        return ""
    titles = []
    for draft in DraftStore(data_dir, store.path).drafts():
        if draft.key.kind == "visit" and draft.key.record:
            visit = fetch_record(store, Visit, draft.key.record)
            if visit is not None and visit.locked_package == package:
                titles.append(draft.title or draft.key.record)
    if not titles:
        return ""
    return own_message(SENT_DRAFTS, lang, {"count": len(titles), "titles": "；".join(titles)})


def sent_drafts_note_at(db_path: Path, photos_dir: Path | None, package: str, lang: str = "zh") -> str:
    """The same for the export dialog, which holds neither a store nor the data folder: that is
    the photos folder's parent (paths.AppPaths)."""
    if photos_dir is None:
        return ""
    store = Store.open(db_path, author="", migrate=False)
    try:
        return sent_drafts_note(store, photos_dir.parent, package, lang)
    finally:
        store.close()
