"""Generic record persistence: insert, optimistic update with revision bump, soft delete.

Updates check the revision the editor started from, so a save never silently overwrites a
change made elsewhere (another window, an import).
"""

from __future__ import annotations

from typing import Any, TypeVar

from qcdesk.models.messages import Issue, ValidationFailed
from qcdesk.models.records import Record
from qcdesk.models.store import Store, new_uuid, now_utc

R = TypeVar("R", bound=Record)
_META = ("id", "uuid", "created_at", "updated_at", "author", "revision", "deleted_at", "origin")


def insert_record(store: Store, record: R) -> R:
    """Insert a new record, filling its identity and stamps."""
    ts = now_utc()
    record.uuid = record.uuid or new_uuid()
    record.created_at = record.created_at or ts
    record.updated_at = ts
    record.author = record.author or store.author
    record.revision = record.revision or 1
    row = record.to_row()
    row.pop("id")
    cols = ", ".join(row)
    marks = ", ".join("?" for _ in row)
    cur = store.db.execute(f"INSERT INTO {record.TABLE} ({cols}) VALUES ({marks})", list(row.values()))
    record.id = cur.lastrowid
    return record


_UNWRITTEN = ("id", "uuid", "created_at", "origin", "revision", "updated_at", "author")


def update_record(store: Store, record: R) -> R:
    """Write changed fields if the stored revision is still the one the record was read at.
    A record whose fields are all as stored is not written: a Save with nothing changed must
    not make a new revision, which the next package would carry as an edit (and a merge could
    then see as a conflict with a real edit made elsewhere).
    A deleted record's `PERSONAL_FIELDS` are blanked in the same revision (`blank_personal`)."""
    blank_personal(record)
    data = {k: v for k, v in record.to_row().items() if k not in _UNWRITTEN}
    names = ", ".join(["revision", *data])
    current = store.db.execute(
        f"SELECT {names} FROM {record.TABLE} WHERE id = ?", [record.id]
    ).fetchone()
    if current is None:
        raise ValidationFailed([Issue("id", "record.not_found", {"value": record.uuid or record.id})])
    if current[0] != record.revision:
        raise ValidationFailed([Issue("revision", "record.stale", {"current": current[0]})])
    if _same_values(list(current[1:]), list(data.values())):
        return record
    record.revision += 1
    record.updated_at = now_utc()
    record.author = store.author or record.author
    data.update(revision=record.revision, updated_at=record.updated_at, author=record.author)
    assignments = ", ".join(f"{k} = ?" for k in data)
    store.db.execute(
        f"UPDATE {record.TABLE} SET {assignments} WHERE id = ?", [*data.values(), record.id]
    )
    return record


def _same_values(stored: list[Any], written: list[Any]) -> bool:
    """True when writing would store exactly what is there: equal values of the same type
    (1 and 1.0, or 1 and True, differ; anything doubtful is written)."""
    return all(type(a) is type(b) and a == b for a, b in zip(stored, written, strict=True))


def save_record(store: Store, record: R) -> R:
    return update_record(store, record) if record.id else insert_record(store, record)


def blank_personal(record: Record) -> None:
    """Empty a deleted record's personal fields (a removed contact's name, role and phone): the
    tombstone needs only its identity, revision, deletion time and parent, and packages carry it
    up to the county and the city again and again. The audit trail keeps the old values."""
    if record.deleted_at is not None:
        for name in record.PERSONAL_FIELDS:
            setattr(record, name, "")


def blank_personal_values(personal: tuple[str, ...], values: dict[str, Any]) -> dict[str, Any]:
    """`values` of a row about to be written with `personal` emptied when the row is deleted:
    `blank_personal` for writers that hold a row as a dict (a merge conflict settled here)."""
    if values.get("deleted_at") is None:
        return values
    return {**values, **{name: "" for name in personal}}


def soft_delete(store: Store, record: R) -> R:
    """Mark deleted (kept for merging and audit), personal fields blanked; never a physical DELETE."""
    record.deleted_at = now_utc()
    return update_record(store, record)


_MAX_ROW_ID = 2**63 - 1  # SQLite's integers are 64-bit


def row_id(key: int | str) -> int | None:
    """`key` as a record id when it can be one: an int, or decimal digits (full-width ones too),
    within SQLite's 64-bit range. A longer number a person typed is then simply not found,
    instead of an OverflowError from the driver."""
    if isinstance(key, bool):
        return None
    if isinstance(key, int):
        return key if -_MAX_ROW_ID - 1 <= key <= _MAX_ROW_ID else None
    text = key.strip() if isinstance(key, str) else ""
    if text.isdecimal() and int(text) <= _MAX_ROW_ID:
        return int(text)
    return None


def fetch_record(store: Store, cls: type[R], key: int | str) -> R | None:
    """By integer id or uuid (or a unique uuid prefix of ≥ 8 characters, for the CLI).

    An all-digit text of 8+ characters could be either; it resolves only when exactly one
    record answers to it.
    """
    found: dict[int, dict] = {}
    rid = row_id(key)
    if rid is not None:
        for row in store.db.query(f"SELECT * FROM {cls.TABLE} WHERE id = ?", [rid]):
            found[row["id"]] = row
    if isinstance(key, str) and len(key) >= 8:
        prefix = key.lower()
        for row in store.db.query(
            f"SELECT * FROM {cls.TABLE} WHERE uuid >= ? AND uuid < ? LIMIT 2", [prefix, prefix + "\uffff"]
        ):
            found[row["id"]] = row
    return cls.from_row(next(iter(found.values()))) if len(found) == 1 else None



def uuid_prefix_count(store: Store, cls: type[Record], prefix: str) -> int:
    """How many records' uuids (deleted ones too) start with `prefix`: fetch_record's None for
    several is not "no such record", and the CLI says to type more."""
    key = prefix.strip().lower()
    row = store.db.execute(f"SELECT count(*) FROM {cls.TABLE} WHERE uuid >= ? AND uuid < ?",
                           [key, key + "\uffff"]).fetchone()
    return int(row[0]) if key else 0


def fetch_children(store: Store, cls: type[R], parent_column: str, parent_id: int) -> list[R]:
    return [
        cls.from_row(r)
        for r in store.db.query(
            f"SELECT * FROM {cls.TABLE} WHERE {parent_column} = ? AND deleted_at IS NULL ORDER BY id",
            [parent_id],
        )
    ]


def meta_columns() -> tuple[str, ...]:
    return _META


def plain_values(record: Record) -> dict[str, Any]:
    """Business fields only, for comparisons (e.g. 'is there an unsaved change?')."""
    return {k: v for k, v in record.to_row().items() if k not in _META}
