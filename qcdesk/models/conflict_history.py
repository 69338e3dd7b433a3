"""The merge conflicts a record had resolved, for its history (修改历史).

A resolution writes a version that descends from both, so the version set aside never comes
back in an import and the record's audit shows only a change with nothing in it (keep current).
`exchange_conflict` keeps who resolved it and what the choice was between (`resolution_note`,
written by `exchange.reconcile.resolve_conflict`): read here, a wrong click can be seen and the
values not taken copied back by hand.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any

from qcdesk.models.store import Store

# what the history can compare a conflict resolved before the note was kept with
_NOT_COMPARED = frozenset({"uuid", "revision", "created_at", "updated_at", "author", "id"})


@dataclass(frozen=True)
class NotTaken:
    """One value the resolution did not take: `of` says whose — the version set aside
    ("aside"), or, for a field a combination took from that one, the version kept ("kept")."""

    field: str
    header: str
    value: Any
    text: str
    of: str = "aside"


@dataclass(frozen=True)
class ResolvedConflict:
    """One resolved conflict: when, by whom (author uuid), `resolution` (local: the current
    version kept, incoming: the other taken, combined, reviewed: a twin checked), each
    version's author and source (`conflict_view.VersionSource` fields; {} when not noted)."""

    at: str
    by: str
    resolution: str
    kept_author: str = ""
    kept_source: dict[str, Any] = field(default_factory=dict)
    aside_author: str = ""
    aside_source: dict[str, Any] = field(default_factory=dict)
    not_taken: tuple[NotTaken, ...] = ()
    noted: bool = True  # False: resolved before the choice was noted (values compared now)
    after_seq: int | None = None  # the newest audit entry before its write (None: not noted)


def resolved_conflicts(store: Store, table: str, row_uuid: str) -> list[ResolvedConflict]:
    """The record's resolved conflicts, oldest first (its own uuid, or a twin's filed under it)."""
    rows = store.db.execute(
        "SELECT resolved_at, resolved_by, resolution, resolution_note, row_json FROM exchange_conflict"
        " WHERE kind = ? AND resolved_at IS NOT NULL AND (uuid = ? OR uuid IN (SELECT uuid FROM"
        " exchange_alias WHERE kind = ? AND target_uuid = ?)) ORDER BY resolved_at, id",
        [table, row_uuid, table, row_uuid]).fetchall()
    return [_read(store, table, row_uuid, *row) for row in rows]


def _read(store: Store, table: str, row_uuid: str, at: str, by: str, resolution: str, note: str,
          row_json: str) -> ResolvedConflict:
    try:
        data = json.loads(note) if note else None
    except ValueError:
        data = None
    if not isinstance(data, dict):
        return _unnoted(store, table, row_uuid, at, by, resolution, row_json)
    kept, aside = data.get("kept") or {}, data.get("aside") or {}
    values = tuple(NotTaken(str(v.get("field", "")), str(v.get("header", "")), v.get("value"),
                            str(v.get("text", "")), str(v.get("of", "aside")))
                   for v in data.get("not_taken") or () if isinstance(v, dict))
    seq = data.get("after_seq")
    return ResolvedConflict(at, by or "", resolution, str(kept.get("author") or ""),
                            dict(kept.get("source") or {}), str(aside.get("author") or ""),
                            dict(aside.get("source") or {}), values,
                            after_seq=seq if isinstance(seq, int) else None)


def _unnoted(store: Store, table: str, row_uuid: str, at: str, by: str, resolution: str,
             row_json: str) -> ResolvedConflict:
    """A conflict resolved before the choice was noted: the kept other version (row_json) is all
    there is. When the current one was kept, its values that differ from the record now are
    shown (stored values, field names): that is what was set aside, unless changed since."""
    from qcdesk.models.conflict_names import live_values

    try:
        other = json.loads(row_json)
    except ValueError:
        other = {}
    values: tuple[NotTaken, ...] = ()
    if resolution in ("local", "reviewed") and isinstance(other, dict):
        live = live_values(store, table, row_uuid) or {}
        values = tuple(NotTaken(k, k, v, "" if v is None else str(v)) for k, v in other.items()
                       if k in live and k not in _NOT_COMPARED and live[k] != v)
    author = str(other.get("author") or "") if isinstance(other, dict) else ""
    return ResolvedConflict(at, by or "", resolution, aside_author=author if resolution != "incoming"
                            else "", not_taken=values, noted=False)
