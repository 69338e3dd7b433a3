"""The content hash of QCDesk versions before 2026-11-29 19:32 (commit 415e357), frozen.

Why: 415e357 changed `merge.content_hash` from this recipe to a JSON array without a format
version bump, so versions exchanged before it carry ids (``<revision>-<hash>``) made this way:
in the stored lineage and kept conflicts of every database that received them, in the
ancestors and bases of later versions, and in packages those versions still send. A version is
recognised under its old id only when its own content hashes to it by this recipe (never by a
guess), so that no real conflict can be taken for an update (docs/exchange-spreadsheet.md,
"Versions made before 2026-11-29").

The recipe, as it was: SHA-256 over ``table``, ``uuid`` and each data field of the sheets
then known, joined by U+001F; None as ``N``, a bool or int as ``i<n>``, a float as
``f<repr>``, anything else as ``s<length>:<text>`` (length in code points); UTF-8 with
surrogates passed; the first 16 hex digits. The fields then known are today's `data_names`
before the later additions (`SheetSpec.later_cut`): a version whose later fields are not at
their defaults was made after the change and has no old id.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Sequence
from typing import Any

from qcdesk.exchange.merge import CONFLICT, Decision, Head, decide
from qcdesk.exchange.workbook import SPEC_BY_TABLE, SheetSpec

# The sheets packages had before 415e357; records of later sheets never had an old id.
LEGACY_TABLES = frozenset({
    "inspector", "industry", "enterprise", "licence", "certification", "contact", "visit",
    "sample", "finding", "photo", "rectification",
})


def legacy_hash_of(table: str, uuid: Any, data: Sequence[Any]) -> str | None:
    """The old recipe's hash of a row given in ``data_names`` order; None when the row could
    not have been made before the change (a later sheet, a later field set)."""
    if table not in LEGACY_TABLES:
        return None
    cut, defaults = SPEC_BY_TABLE[table].later_cut
    if tuple(data[cut:]) != defaults:
        return None
    parts = [table, str(uuid if uuid is not None else "")]
    for v in data[:cut]:
        if v is None:
            parts.append("N")
        elif isinstance(v, bool):
            parts.append(f"i{int(v)}")
        elif isinstance(v, int):
            parts.append(f"i{v}")
        elif isinstance(v, float):
            parts.append(f"f{v!r}")
        else:
            s = str(v)
            parts.append(f"s{len(s)}:{s}")
    return hashlib.sha256("\x1f".join(parts).encode("utf-8", "surrogatepass")).hexdigest()[:16]


def legacy_hash(spec: SheetSpec, values: dict[str, Any]) -> str | None:
    """`legacy_hash_of` of a record's values (data fields by name, parents as uuids, 'uuid')."""
    return legacy_hash_of(spec.table, values.get("uuid", ""),
                          [values.get(name) for name in spec.data_names])


def legacy_version_id(spec: SheetSpec, values: dict[str, Any]) -> str:
    """The version id the record's content had under the old recipe ('' when none)."""
    digest = legacy_hash(spec, values)
    return "" if digest is None else f"{values.get('revision')}-{digest}"


def decide_across_recipes(spec: SheetSpec, live: Head | None, live_values: dict[str, Any] | None,
                          incoming: Head, values: dict[str, Any], kept: list[dict[str, Any]],
                          kept_heads: list[Head]) -> Decision:
    """`merge.decide`, the versions at hand recognised by their old ids too: the live row, the
    incoming row and the kept conflicts, each by the old recipe over its own content. Ancestors
    and bases sent before the change name versions so; an edit made from a version received
    before it, or a version sent again after it, is then an update or unchanged, as it was.
    The old ids are only worked out when they could change the outcome (a conflict, or kept
    conflicts a version may supersede): most rows of an import are decided without them."""
    d = decide(live, incoming, kept_heads)
    if d.outcome != CONFLICT and not kept_heads:
        return d
    if live is not None and live_values is not None:
        live = live.known_as(legacy_version_id(spec, live_values))
    heads = [h.known_as(legacy_version_id(spec, {**json.loads(c["row_json"]), "uuid": c["uuid"]}))
             for h, c in zip(kept_heads, kept, strict=True)]
    return decide(live, incoming.known_as(legacy_version_id(spec, values)), heads)
