"""A record's live version, seen through the twin rule's rewrite of its parent links.

Why: a firm registered on two laptops (one 统一社会信用代码, two uuids) is filed here under the
local one (`exchange_alias`, code_clash.file_twin), and so are its visits, licences, orders …:
their stored enterprise link names the local firm, while the version the sender made (and the
lineage head recorded at the merge) names the sender's uuid. The live row's version worked out
from its content then never equals the recorded head, and the row looked edited here: each later
revision from the sender became a 双方都修改过 conflict and was not applied (review RC, A1).

A row is taken as received when its content, with each aliased parent link put back to one of
the uuids filed under it, hashes to the recorded head: the revision and every other field are
those of the version received, so nothing was edited here. Any edit here (a new revision, a
changed field) still differs, and stays a local edit.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from itertools import product
from typing import Any

from qcdesk.exchange.merge import (
    Head,
    Version,
    content_hash,
    format_ancestors,
    live_head,
    parse_ancestors,
    version_id,
)
from qcdesk.models.exchange_store import LINEAGE_COLS

# parent table -> local uuid -> the uuids filed under it (models/exchange_store.alias_sources)
Sources = Mapping[str, Mapping[str, Sequence[str]]]


def _as_sent(spec: Any, values: dict[str, Any], sources: Sources) -> Iterator[dict[str, Any]]:
    """`values` with its aliased parent links put back, one way per combination of the uuids
    filed under each (usually one link, one twin)."""
    slots = [(f.name, [*sources.get(f.parent, {}).get(values.get(f.name), ())])
             for _i, f in spec.parent_slots]
    slots = [(name, uuids) for name, uuids in slots if uuids]
    for combo in product(*(uuids for _name, uuids in slots)):
        yield {**values, **dict(zip((name for name, _u in slots), combo, strict=True))}


def as_received(spec: Any, values: dict[str, Any], revision: Any, head: str | None,
                sources: Sources | None) -> bool:
    """True when the row (data `values` with its uuid) is the version `head` it was merged as,
    its parent links rewritten by the twin rule and nothing else changed."""
    if not head or not sources:
        return False
    return any(version_id(revision, content_hash(spec, sent)) == head
               for sent in _as_sent(spec, values, sources))


def live_state(spec: Any, uuid: str, row: dict[str, Any], self_editor: str,
               sources: Sources | None = None) -> tuple[dict[str, Any], Head]:
    """The live row's data values (with its uuid) and its head, for the merge rule; a row filed
    under a twin's local firm as received keeps the head it was merged as (`as_received`)."""
    values = {"uuid": uuid, **{f.name: row[f.name] for f in spec.data_fields}}
    lineage = None if row["head"] is None else {k: row[k] for k in LINEAGE_COLS}
    live_id = version_id(row["revision"], content_hash(spec, values))
    if lineage is not None and live_id != lineage["head"] \
            and as_received(spec, values, row["revision"], lineage["head"], sources):
        live_id = lineage["head"]
    return values, live_head(live_id, lineage, str(row["updated_at"] or ""), self_editor)


def sent_lineage(spec: Any, row: dict[str, Any], signer: str,
                 sources: Sources | None = None) -> dict[str, str]:
    """The lineage columns a package gives an exported row. A row as received keeps its
    editor's line; one filed under a twin's local firm is sent as its content here (the hash is
    checked on arrival), on the same line and naming the version received as its ancestor, so
    the next office fast-forwards it too, as this one does."""
    values = {"uuid": row["uuid"], **{f.name: row[f.name] for f in spec.data_fields}}
    digest = content_hash(spec, values)
    vid = version_id(row["revision"], digest)
    origin = row["origin"] if row["origin"] not in (None, "", "local") else signer
    head = row["head"]
    if head is None:
        editor, base, ancestors = signer, "", ""
    elif head == vid or as_received(spec, values, row["revision"], head, sources):
        editor = signer if row["editor"] == "local" else row["editor"]
        base, ancestors = row["base"], row["ancestors"]
        if head != vid:  # as received, its link to the twin's firm put on the local one
            ancestors = format_ancestors([*parse_ancestors(ancestors),
                                          Version(head, editor, base)])
    else:  # edited here after it was received
        stored = Version(head, row["editor"], row["base"])
        editor, base = signer, head
        ancestors = format_ancestors([*parse_ancestors(row["ancestors"]), stored])
    return {"origin": origin, "editor": editor, "base": base, "ancestors": ancestors,
            "hash": digest}
