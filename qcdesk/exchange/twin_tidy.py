"""Twin entries stacked before the one-entry rule: superseded once, at the upgrade.

Why: before 671fc2a every arriving version of a twin (a firm registered on two laptops) opened
one more 统一社会信用代码重复登记 (`duplicate_uscc`) entry and none was closed; the rule of
`twin_versions` (one open entry per twin, its latest values) applied only when the twin's next
version arrived, so a county's list kept the stack of a twin that no longer changes (review RC:
up to 14 open per firm). The exchange migration 0008 drops, per twin, each open entry that is
older (`twin_versions._older`: an ancestor, or without lineage a lower revision) than another
open one of that twin: what an arriving newer version drops. Resolved entries are untouched; the
newest open entry always stays. The upgrade's pre-migration copy is the way back.
"""

from __future__ import annotations

import sqlite3
from typing import Any

from qcdesk.exchange.merge import conflict_head
from qcdesk.exchange.twin_versions import _older


def supersede_stacked(conn: sqlite3.Connection) -> int:
    """Drop the open twin entries a newer open entry of the same twin supersedes; how many."""
    cursor = conn.execute("SELECT * FROM exchange_conflict WHERE kind = 'enterprise' AND "
                          "reason = 'duplicate_uscc' AND resolved_at IS NULL ORDER BY uuid, id")
    names = [d[0] for d in cursor.description]
    twins: dict[str, list[dict[str, Any]]] = {}
    for row in cursor.fetchall():
        entry = dict(zip(names, row, strict=True))
        twins.setdefault(entry["uuid"], []).append(entry)
    dropped = 0
    for entries in twins.values():
        if len(entries) < 2:
            continue
        heads = [(e, conflict_head(e)) for e in entries]
        newest = max(heads, key=lambda eh: (eh[1].sort_key(), eh[0]["id"]))[0]
        for e, h in heads:
            if e is not newest and any(e2 is not e and _older(h, h2) for e2, h2 in heads):
                conn.execute("DELETE FROM exchange_conflict WHERE id = ?", [e["id"]])
                dropped += 1
    return dropped
