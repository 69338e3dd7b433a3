"""How a re-run draw differs from its record, in words (verify_draw's reports)."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import TYPE_CHECKING

from qcdesk.models.messages import message
from qcdesk.models.store import Store

if TYPE_CHECKING:
    from qcdesk.models.draw import Pick, Pool


def _joiners(lang: str) -> tuple[str, str]:
    """(between items, between parts): 、 and ； in Chinese."""
    return (", ", "; ") if lang.startswith("en") else ("、", "；")


def compare_picks(rerun: list[Pick], stored: list[Pick], lang: str = "zh",
                  names: Callable[[list[str]], dict[str, str]] | None = None) -> str:
    """How a re-run's selection differs from the stored one (empty when it does not); `names`
    turns the enterprises' uuids into the names the report shows."""
    a = {p.enterprise: p for p in rerun}
    b = {p.enterprise: p for p in stored}
    items, parts_sep = _joiners(lang)
    extra = sorted(set(a) - set(b))[:5]
    missing = sorted(set(b) - set(a))[:5]
    changed = sorted(u for u in set(a) & set(b) if a[u].inspectors != b[u].inspectors)[:5]
    shown = names([*extra, *missing, *changed]) if names else {}
    parts = []
    for rule, uuids in (("draw.diff.extra", extra), ("draw.diff.missing", missing),
                        ("draw.diff.teams", changed)):
        if uuids:
            parts.append(message(rule, lang, items=items.join(shown.get(u, u) for u in uuids)))
    return parts_sep.join(parts)


def pool_difference(store: Store, old_size: int, old: Pool | None, pool: Pool, lang: str = "zh") -> str:
    """How today's pool differs from the recorded one (`old`: its snapshot, if it has one)."""
    if old is None:
        return message("draw.diff.sizes", lang, old=old_size, new=len(pool.enterprises))
    old_e, new_e = dict(old.enterprises), dict(pool.enterprises)
    items, parts_sep = _joiners(lang)
    parts = []
    gone = sorted(set(old_e) - set(new_e))
    new = sorted(set(new_e) - set(old_e))
    moved = sorted(u for u in set(old_e) & set(new_e) if old_e[u] != new_e[u])
    names = dict(store.db.execute(  # only the names the message shows
        "SELECT uuid, name FROM enterprise WHERE uuid IN (SELECT value FROM json_each(?))",
        [json.dumps([*gone[:5], *new[:5], *moved[:5]])]).fetchall())
    if gone:
        parts.append(message("draw.diff.gone", lang, items=items.join(names.get(u, u) for u in gone[:5])))
    if new:
        parts.append(message("draw.diff.new", lang, items=items.join(names.get(u, u) for u in new[:5])))
    if moved:
        parts.append(message("draw.diff.moved", lang, items=items.join(
            f"{names.get(u, u)} {old_e[u]}→{new_e[u]}" for u in moved[:5])))
    if old.inspectors != pool.inspectors:
        parts.append(message("draw.diff.inspectors", lang))
    if old.recusals != pool.recusals:
        parts.append(message("draw.diff.recusals", lang))
    return parts_sep.join(parts) or message("draw.diff.snapshot", lang)
