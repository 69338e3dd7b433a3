"""What a save refused as stale (the record changed elsewhere) would change, field by field.

An editor keeps the revision it opened; when another window or an import saved the record in
between, the save is refused (persistence.update_record). Rather than throw the user's typing
away, the editor compares three versions of each record: the one it loaded, the one stored now
and the user's own. Fields only the other side changed keep the stored value; fields the user
changed are put on top of the stored revision, and a field both changed is listed so the user
sees it before their value wins. Headless: the UI shows the lists and asks.
"""

from __future__ import annotations

import copy
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, Literal, TypeVar

from qcdesk.models.messages import ValidationFailed
from qcdesk.models.persistence import fetch_record, plain_values
from qcdesk.models.records import Record
from qcdesk.models.store import Store

R = TypeVar("R", bound=Record)
Side = Literal["theirs", "mine", "both"]


@dataclass(frozen=True)
class FieldChange:
    """One field of one record: its value when loaded, as stored now, and in the form."""

    field: str
    loaded: Any
    theirs: Any
    mine: Any
    side: Side
    row: int | None = None  # the child row (licence, sample…) it belongs to; None: the record itself
    part: str = ""  # which child list, e.g. "licences"; "" for the record itself


@dataclass(frozen=True)
class RecordMerge:
    """A record rebased on its stored revision with the user's changes on top."""

    merged: Record
    changes: tuple[FieldChange, ...]
    deleted_elsewhere: bool = False


def is_stale(failure: ValidationFailed) -> bool:
    """True when a save was refused because a record it writes changed elsewhere."""
    return any(issue.rule == "record.stale" for issue in failure.issues)


def _values(record: Record) -> dict[str, Any]:
    """Business fields as the program holds them (lists as lists, not as stored JSON)."""
    return {name: copy.deepcopy(getattr(record, name)) for name in plain_values(record)}


def field_changes(loaded: R, current: R, mine: R, *, row: int | None = None,
                  part: str = "") -> list[FieldChange]:
    """Fields that differ from the loaded revision on either side. A field both sides set to
    the same value counts as theirs: it is stored already and nothing of the user's is lost."""
    before, stored, typed = _values(loaded), _values(current), _values(mine)
    out = []
    for name, was in before.items():
        theirs, ours = stored.get(name), typed.get(name)
        they_changed, i_changed = theirs != was, ours != was
        if not (they_changed or i_changed):
            continue
        side: Side = "both" if they_changed and i_changed and theirs != ours else \
            "mine" if i_changed and not they_changed else "theirs"
        out.append(FieldChange(name, was, theirs, ours, side, row, part))
    return out


def keep_mine(loaded: R, current: R, mine: R, *, row: int | None = None, part: str = "") -> RecordMerge:
    """`current` (its revision, stamps and the other side's values) with every field the user
    changed set to the user's value; a removal the user made is kept too."""
    changes = field_changes(loaded, current, mine, row=row, part=part)
    merged = copy.deepcopy(current)
    for change in changes:
        if change.side in ("mine", "both"):
            setattr(merged, change.field, copy.deepcopy(change.mine))
    if mine.deleted_at and not loaded.deleted_at:
        merged.deleted_at = mine.deleted_at
    deleted = bool(current.deleted_at) and not loaded.deleted_at
    return RecordMerge(merged, tuple(changes), deleted)


def rebase(store: Store, loaded: R, mine: R, *, row: int | None = None, part: str = "") -> RecordMerge:
    """`keep_mine` against the record as stored now. A record not saved yet (no id) or no
    longer found is the user's as it is: there is nothing stored to rebase it on."""
    current = fetch_record(store, type(mine), mine.id) if mine.id else None
    if current is None:
        return RecordMerge(mine, ())
    return keep_mine(loaded, current, mine, row=row, part=part)


def rebase_rows(store: Store, loaded: Sequence[R], mine: Sequence[R],
                part: str) -> tuple[list[R], list[FieldChange]]:
    """Child rows (licences, samples…) each rebased on its stored revision, matched to the
    loaded rows by id; rows the user added are kept as they are. Rows stored unchanged since
    loading simply pass through (their revision is still the stored one)."""
    by_id = {r.id: r for r in loaded if r.id is not None}
    rows: list[R] = []
    changes: list[FieldChange] = []
    for index, record in enumerate(mine):
        base = by_id.get(record.id)
        if base is None:
            rows.append(record)
            continue
        result = rebase(store, base, record, row=index, part=part)
        rows.append(result.merged)  # type: ignore[arg-type]
        if result.merged.revision != base.revision:  # changed elsewhere: worth showing
            changes += result.changes
    return rows, changes
