"""How the list queries join the enterprises' pinyin keys (part of `qcdesk.models.listing`).

Lists ordered by enterprise name walk the indexed ``enterprise_name_key`` (joined as k), so a
firm is only found through its key. The keys are made as a list opens
(`name_order.refresh_name_keys_if_free`), but not while another program holds the write lock
(an import) or on a read-only file. A list opened then must not leave out the firms written
without keys: it joins the keys with a LEFT JOIN and orders by the stored key where it is
current, else by the key made from the name in SQL (`name_order.SQL_KEY_FUNCTION`), the same
value that will be stored, so the order is the same and only the speed differs (one sort per
page instead of an index walk) until a later list makes the keys.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from qcdesk.models.name_order import SQL_KEY_FUNCTION, refresh_name_keys_if_free

if TYPE_CHECKING:
    from qcdesk.models.store import Store

NAME_KEY = "k.sort_key"  # a name's pinyin key (models/name_order.py), k joined by the list
KEYED = "enterprise_name_key k CROSS JOIN enterprise e ON e.id = k.enterprise_id"  # k's order first
WITH_KEY = "enterprise e JOIN enterprise_name_key k ON k.enterprise_id = e.id"  # names sort second
# Ordered by enterprise: walk enterprises by name and each one's rows through its index
# (CROSS JOIN fixes that loop order), instead of sorting the whole table.
FROM_BY_ENTERPRISE = {
    "visit": f"{KEYED} CROSS JOIN visit v ON e.id = v.enterprise_id",
    "rectification": f"{KEYED} CROSS JOIN rectification r ON e.id = r.enterprise_id",
}
# With keys missing or made from an older name: the key the name would get, made per row.
FALLBACK_KEY = f"CASE WHEN k.name IS e.name THEN k.sort_key ELSE {SQL_KEY_FUNCTION}(e.name) END"
_LEFT_KEYS = "LEFT JOIN enterprise_name_key k ON k.enterprise_id = e.id"
LOCK_WAIT_MS = 50  # an import holds the lock for minutes: a list does not wait it out


@dataclass(frozen=True)
class NameJoin:
    """A list's FROM clause, its keyset expressions and its last key (the row's id)."""

    from_sql: str
    sort_exprs: tuple[str, ...]
    id_term: str


def join_names(store: Store, kind: str, sort_exprs: tuple[str, ...], plain_from: str, alias: str) -> NameJoin:
    """The joins of a list under `sort_exprs`: the indexed key walk when every key could be made,
    else every row through a LEFT JOIN, ordered by the same keys."""
    id_term = f"{alias}.id"
    if NAME_KEY not in sort_exprs:
        return NameJoin(plain_from, sort_exprs, id_term)
    if refresh_name_keys_if_free(store, wait_ms=LOCK_WAIT_MS) is not None:
        if kind == "enterprise" and sort_exprs[0] == NAME_KEY:
            return NameJoin(KEYED, sort_exprs, "k.enterprise_id")  # the same value, in k's index order
        if kind == "enterprise":
            return NameJoin(WITH_KEY, sort_exprs, id_term)
        return NameJoin(FROM_BY_ENTERPRISE[kind], sort_exprs, id_term)
    exprs = tuple(FALLBACK_KEY if x == NAME_KEY else "e.id" if x == "k.enterprise_id" else x
                  for x in sort_exprs)  # k.enterprise_id is NULL for a firm without a key
    return NameJoin(f"{plain_from} {_LEFT_KEYS}", exprs, id_term)
