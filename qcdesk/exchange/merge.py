"""The merge rule: pure decisions, no SQL (docs/exchange-spreadsheet.md, "Merge rule").

A *version* of a record is ``"<revision>-<hash>"`` where hash = first 16 hex digits of
SHA-256 over the business and version fields (parents as uuids; origin excluded).  Each
version also names its *editor* (key id of the side that produced it) and its *base* (the
received version it was edited from, '' for a record created by the editor).  Versions made
by one editor from one base form a line: a higher revision on the same line descends from a
lower one.  A row also lists its known *ancestors* (``id|editor|base`` entries), so that
"descends from" works across hops (inspector -> county -> city).

Deciding an incoming version X against the live version L:
  no L -> new; X == L -> unchanged; L ancestor of X -> update (fast-forward);
  X ancestor of L, or of/equal to a kept conflict -> unchanged (older);
  otherwise divergent: a local edit (never sent or received as is) always stays live;
  between received versions the greater (revision, updated_at, hash) is live; the other
  one is kept in exchange_conflict.  Kept conflicts that X descends from are superseded.
The result does not depend on the order packages are imported in.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from typing import Any

from qcdesk.exchange.workbook import SPECS, SheetSpec
from qcdesk.models.canonical_json import list_bytes

NEW, UPDATED, UNCHANGED, CONFLICT = "new", "updated", "unchanged", "conflicting"
OUTCOMES = (NEW, UPDATED, UNCHANGED, CONFLICT)


def content_hash(spec: SheetSpec, values: dict[str, Any]) -> str:
    """Hash of the data fields, over their JSON array (types and boundaries unambiguous)."""
    return content_hash_of(spec.table, values.get("uuid", ""),
                           [values.get(name) for name in spec.data_names])


def content_hash_of(table: str, uuid: str, data: Sequence[Any], *, floats: bool = True) -> str:
    """:func:`content_hash` of the data fields given in ``data_names`` order (``floats=False``:
    the caller knows no value is a float). Later-added columns (`Field.later`, last in
    ``data_names``) all at their defaults are left out: a version made before they existed
    keeps its hash, and a package written before them still verifies and merges."""
    cut, defaults = _LATER.get(table, _NO_LATER)
    if defaults and tuple(data[cut:]) == defaults:
        data = data[:cut]
    payload = [table, uuid, *data]
    return hashlib.sha256(list_bytes(payload, "surrogatepass", floats=floats)).hexdigest()[:16]


def content_hashes(table: str, uuids: Sequence[str], rows: Sequence[Sequence[Any]], *,
                   floats: bool = True) -> list[str]:
    """:func:`content_hash_of` of many rows of one table (an import hashes every row)."""
    sha256 = hashlib.sha256
    cut, defaults = _LATER.get(table, _NO_LATER)
    if defaults:  # one slice comparison a row (rows are tuples: sheet_feed zips columns)
        rows = [data[:cut] if tuple(data[cut:]) == defaults else data for data in rows]
    return [sha256(list_bytes([table, uuid, *data], "surrogatepass", floats=floats)
                   ).hexdigest()[:16] for uuid, data in zip(uuids, rows, strict=True)]


_NO_LATER: tuple[int, tuple[Any, ...]] = (0, ())
_LATER = {spec.table: spec.later_cut for spec in SPECS if spec.later_cut[1]}


def version_id(revision: Any, digest: str) -> str:
    return f"{revision}-{digest}"


def revision_of(vid: str) -> int:
    head, _, _ = vid.partition("-")
    try:
        return int(head)
    except ValueError:
        return -1


@dataclass(frozen=True)
class Version:
    id: str
    editor: str
    base: str = ""
    # The id the same content had under the hash recipe before 2026-11-29 19:32
    # (exchange/legacy_hash.py), known only where the content is at hand; never written.
    legacy: str = field(default="", compare=False)

    def ids(self) -> set[str]:
        """Every id this version is known by (its own, and its old-recipe one)."""
        return {self.id, self.legacy} if self.legacy else {self.id}

    def encode(self) -> str:
        return f"{self.id}|{self.editor}|{self.base}"

    @classmethod
    def decode(cls, text: str) -> Version:
        vid, _, rest = text.partition("|")
        editor, _, base = rest.partition("|")
        return cls(vid, editor, base)


def parse_ancestors(text: str) -> tuple[Version, ...]:
    return tuple(Version.decode(t) for t in text.split(";") if t)


def format_ancestors(items: tuple[Version, ...] | list[Version]) -> str:
    seen: dict[str, Version] = {}
    for v in items:
        seen.setdefault(v.id, v)
    return ";".join(v.encode() for v in sorted(seen.values(), key=lambda v: v.id))


@dataclass(frozen=True)
class Head:
    """A version with what is known of its history."""

    version: Version
    ancestors: tuple[Version, ...] = ()
    local_edit: bool = False
    updated_at: str = ""

    def known_as(self, legacy: str) -> Head:
        """This head with the old-recipe id of its content (`Version.legacy`)."""
        v = self.version
        return replace(self, version=Version(v.id, v.editor, v.base, legacy))

    @property
    def id(self) -> str:
        return self.version.id

    def sort_key(self) -> tuple[int, str, str]:
        return (revision_of(self.id), self.updated_at, self.id)


def with_lineage(values: dict[str, Any], head: Head) -> dict[str, Any]:
    """A version kept in exchange_conflict: its data `values` and, as `_` keys, what `head`
    names of its history (read back by `conflict_head`)."""
    return {**values, "_version": head.id, "_editor": head.version.editor,
            "_base": head.version.base, "_ancestors": format_ancestors(head.ancestors),
            "_updated_at": head.updated_at}


def conflict_head(c: dict[str, Any]) -> Head:
    """The head of a kept exchange_conflict row (`with_lineage`); entries kept before the
    lineage keys existed name no editor, base or ancestors."""
    row = json.loads(c["row_json"])
    return Head(Version(c["version"], row.get("_editor", ""), row.get("_base", "")),
                parse_ancestors(row.get("_ancestors", "")), False, row.get("_updated_at", ""))


def descends(older: Version, newer: Head) -> bool:
    """True when ``older`` is ``newer`` or one of its ancestors. A version is recognised by
    its old-recipe id too (`Version.legacy`), so ancestors named before the recipe changed
    still count; never by a guess (a version's old id is the hash of its own content)."""
    rev = revision_of(older.id)
    known = older.ids()
    for s in (newer.version, *newer.ancestors):
        if s.id in known or (s.legacy and s.legacy in known):
            return True
        if s.editor == older.editor and s.base == older.base and rev < revision_of(s.id):
            return True
    return False


def live_head(live_id: str, lineage: dict[str, str] | None, updated_at: str,
              self_editor: str) -> Head:
    """The live row's head, from its version id and the lineage stored at the last merge.

    ``lineage`` keys: head, editor, base, ancestors.  A live version that differs from the
    stored head was edited here after the merge: its base is that head.
    """
    if lineage is None:
        return Head(Version(live_id, self_editor, ""), (), True, updated_at)
    stored = Version(lineage["head"], lineage["editor"], lineage["base"])
    ancestors = parse_ancestors(lineage["ancestors"])
    if stored.id == live_id:
        return Head(stored, ancestors, False, updated_at)
    return Head(Version(live_id, self_editor, stored.id), (*ancestors, stored), True, updated_at)


@dataclass
class Decision:
    outcome: str
    replace_live: bool = False  # write the incoming row as the live row
    keep_incoming_as_conflict: bool = False
    keep_live_as_conflict: bool = False
    supersede: list[str] = field(default_factory=list)  # conflict versions to drop


def decide(live: Head | None, incoming: Head, conflicts: list[Head]) -> Decision:
    if live is None:
        return Decision(NEW, replace_live=True)
    if incoming.id == live.id or descends(incoming.version, live):
        return Decision(UNCHANGED)
    if any(descends(incoming.version, c) for c in conflicts):
        return Decision(UNCHANGED)
    superseded = [c.id for c in conflicts if descends(c.version, incoming)]
    if descends(live.version, incoming):
        return Decision(UPDATED, replace_live=True, supersede=superseded)
    if not live.local_edit and incoming.sort_key() > live.sort_key():
        return Decision(CONFLICT, replace_live=True, keep_live_as_conflict=True,
                        supersede=superseded)
    return Decision(CONFLICT, keep_incoming_as_conflict=True, supersede=superseded)
