"""Which version of a twin the county keeps as its 统一社会信用代码重复登记 (`duplicate_uscc`) entry.

A twin is a firm registered on two laptops (one code, two uuids), filed here under the local
one (code_clash.file_twin); its own versions live only as `duplicate_uscc` entries. Why this
module: each arriving revision used to open one more entry and none was ever closed, so a
twin edited weekly gave the clerk a new question every week, even after it was checked
(review RC, A2: 1,197 open for 140 firms). Now, as a divergent version supersedes the older
ones on its line:

* a version older than (or the same as) one already kept, open or checked, changes nothing;
* a newer version supersedes the open entries it descends from: one open entry per twin,
  holding its latest values;
* once the twin was checked (已核对，保持现状), a newer version with the same code, name and
  liveness follows the checked entry (its values and version updated; the note of what the
  clerk saw stays): nothing new to check. A changed code or name, or the twin deleted, is a
  new question: the check was about that pair.

The outcome depends only on the versions received, not their order.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any

from qcdesk.exchange.merge import CONFLICT, UNCHANGED, Head, conflict_head, descends, revision_of

REVIEWED = "reviewed"  # exchange_conflict.resolution of a twin checked here


def _older(a: Head, b: Head) -> bool:
    """`a` is `b` or one of its ancestors. An entry kept without lineage (before this module)
    is older than a version of the same twin with a higher revision: entries of one twin's uuid
    came from the one laptop that holds it."""
    if a.id == b.id or descends(a.version, b):
        return True
    lineage_less = not a.version.editor or not b.version.editor
    return lineage_less and revision_of(a.id) < revision_of(b.id)


def _same_check(kept: dict[str, Any], values: dict[str, Any]) -> bool:
    """What the clerk checked still holds: the same code and name, the twin still live."""
    return (str(kept.get("uscc") or ""), str(kept.get("name") or ""),
            kept.get("deleted_at") is None) == (
        str(values.get("uscc") or ""), str(values.get("name") or ""),
        values.get("deleted_at") is None)


@dataclass
class TwinPlan:
    """What to do with an arriving version of a twin."""

    outcome: str  # CONFLICT: an open entry for it; UNCHANGED: nothing new to check
    supersede: list[str] = field(default_factory=list)  # open entries' versions to drop
    follow: int | None = None  # the checked entry to update to this version
    open: bool = False  # keep it as an open entry


def plan(kept: list[dict[str, Any]], incoming: Head, values: dict[str, Any]) -> TwinPlan:
    """Decide for `incoming` (data `values`) against the twin's kept entries, open and resolved."""
    heads = [(c, conflict_head(c)) for c in kept]
    if any(_older(incoming, h) for _c, h in heads):
        return TwinPlan(UNCHANGED)
    open_ = [(c, h) for c, h in heads if c["resolved_at"] is None]
    supersede = [c["version"] for c, h in open_ if _older(h, incoming)]
    still_open = [c for c, _h in open_ if c["version"] not in supersede]
    checked = [(c, h) for c, h in heads
               if c["resolved_at"] is not None and c["resolution"] == REVIEWED
               and _older(h, incoming)]
    if checked and not still_open:
        c, _h = max(checked, key=lambda ch: (ch[1].sort_key(), ch[0]["id"]))
        if _same_check(json.loads(c["row_json"]), values):
            return TwinPlan(UNCHANGED, supersede, follow=int(c["id"]))
    return TwinPlan(CONFLICT, supersede, open=True)
