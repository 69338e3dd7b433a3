"""Writing the search indexes of enterprises and visits from the records, for every writer.

A firm's index holds what an inspector can read off the wall (its licences, contacts, phone,
address), which live in rows of other tables; a visit's holds its samples and inspectors. So
the editors, the imports, the merge and the migration all index a firm or a visit here, from
what the database holds in their transaction, and none misses a contact or a licence.
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Iterable
from typing import Any

from qcdesk.models.search_text import (
    SAMPLE_FIELDS,
    SEARCHED_FIELDS,
    firm_tokens,
    holds,
    inspector_token,
    visit_tokens,
)

_CHUNK = 50_000  # ids indexed at once when the whole table is (a migration)
_IN_IDS = "IN (SELECT value FROM json_each(?))"


def reindex_enterprises(conn: Any, ids: Iterable[int] | None = None) -> int:
    """Index anew these enterprises (None: all of them); returns how many. Inside the caller's
    transaction."""
    return _reindex(conn, "enterprise", _index_enterprises, ids)


def reindex_visits(conn: Any, ids: Iterable[int] | None = None) -> int:
    """Index anew the samples and inspectors of these visits (None: of all visits)."""
    return _reindex(conn, "visit", _index_visits, ids)


def _reindex(conn: Any, table: str, index: Any, ids: Iterable[int] | None) -> int:
    if ids is not None:
        wanted = sorted({i for i in ids if i is not None})
        return index(conn, _IN_IDS, [json.dumps(wanted)], fresh=False) if wanted else 0
    conn.execute(f"DELETE FROM {table}_fts")
    top = conn.execute(f"SELECT coalesce(max(id), 0) FROM {table}").fetchone()[0]
    return sum(index(conn, "BETWEEN ? AND ?", [lo, lo + _CHUNK - 1], fresh=True)
               for lo in range(1, top + 1, _CHUNK))


def _index_enterprises(conn: Any, cond: str, params: list[Any], fresh: bool) -> int:
    fields = SEARCHED_FIELDS["enterprise"]
    firms = conn.execute(f"SELECT id, deleted_at, {', '.join(fields)} FROM enterprise WHERE id {cond}",
                         params).fetchall()
    contacts: dict[int, list[tuple[str, str]]] = defaultdict(list)
    for eid, name, phone in conn.execute(
            "SELECT enterprise_id, name, phone FROM contact WHERE deleted_at IS NULL"
            f" AND enterprise_id {cond} ORDER BY id", params):
        contacts[eid].append((name, phone))
    licences: dict[int, list[str]] = defaultdict(list)
    for eid, number in conn.execute(
            f"SELECT enterprise_id, number FROM licence WHERE deleted_at IS NULL AND enterprise_id {cond}"
            " ORDER BY id", params):
        licences[eid].append(number)
    if not fresh:
        conn.executemany("DELETE FROM enterprise_fts WHERE rowid = ?", [(r[0],) for r in firms])
    conn.executemany("INSERT INTO enterprise_fts(rowid, tokens) VALUES (?, ?)", [
        (r[0], firm_tokens(dict(zip(fields, r[2:], strict=True)).get, contacts[r[0]], licences[r[0]]))
        for r in firms if r[1] is None])
    return len(firms)


def _index_visits(conn: Any, cond: str, params: list[Any], fresh: bool) -> int:
    visits = conn.execute(f"SELECT id, deleted_at, inspectors FROM visit WHERE id {cond}", params).fetchall()
    samples: dict[int, list[tuple[str, ...]]] = defaultdict(list)
    for vid, *fields in conn.execute(
            f"SELECT visit_id, {', '.join(SAMPLE_FIELDS)} FROM sample WHERE deleted_at IS NULL"
            f" AND visit_id {cond} ORDER BY id", params):
        samples[vid].append(tuple(fields))
    if not fresh:  # one statement: rows new to this transaction have nothing to delete
        conn.execute(f"DELETE FROM visit_fts WHERE rowid {cond}", params)
    teams: dict[str | None, list[str]] = {}  # one JSON text per team, shared by many visits
    rows = [(r[0], visit_tokens(samples[r[0]], teams[r[2]] if r[2] in teams
                                else teams.setdefault(r[2], _uuids(r[2]))))
            for r in visits if r[1] is None]
    conn.executemany("INSERT INTO visit_fts(rowid, tokens) VALUES (?, ?)", [r for r in rows if r[1]])
    return len(visits)


def _uuids(text: str | None) -> list[str]:
    try:
        value = json.loads(text or "[]")
    except ValueError:
        return []
    return [u for u in value if isinstance(u, str)] if isinstance(value, list) else []


def visit_match(conn: Any, phrase: str) -> str:
    """The FTS5 expression finding a word of a search in visit_fts: in a sample, or as (part of)
    the name of one of the visit's inspectors."""
    named = [inspector_token(uuid) for uuid, name in conn.execute("SELECT uuid, name FROM inspector")
             if holds(name, phrase)]
    return " OR ".join([phrase, *(f'"{t}"' for t in named)])


def visits_holding(conn: Any, phrase: str) -> list[int]:
    """Every visit whose samples or inspectors hold a word of a search (the visit list tests its
    rows against this set, so it is complete)."""
    return [r[0] for r in conn.execute("SELECT rowid FROM visit_fts WHERE tokens MATCH ?",
                                       [visit_match(conn, phrase)])]
