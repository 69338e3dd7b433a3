"""Chunk mode of the list queries (see `qcdesk.models.listing`): a search with too many candidates
to gather walks the list's sort order in chunks of rows and tests each chunk's enterprises and
findings here.

Reads can be given a budget of rows to examine. Scrolling fetches pages on the GUI thread and
none may take over 20 ms, but when matches are sparse a full page can lie thousands of rows
ahead. So a budgeted read stops after about `FETCH_BUDGET` rows with what it found, possibly
nothing, and says where to go on (`Page.resume`: past the rows already examined) and whether
the list really ended (`Page.ended`); the item model then keeps fetching in later calls.

A list whose filters are tested on each row of the sort order (a status or kind that does not
lead the order, 已逾期, a large set of enterprises) has the same trouble without a search: 计划
with no planned visit walked a million rows before its first page said "none". Its budgeted
reads (`read_bounded`) first find how far `budget` rows of the walk reach, then read the page
up to there.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from qcdesk.models.listing import ListSource

CHUNK_ROWS = 4_000  # rows examined at once by an unbudgeted read (chunks double up to 8x this)
FETCH_BUDGET = 2_000  # rows a budgeted read examines at most: ~6 ms on a million visits
Terms = tuple[list[str], list[Any]]  # WHERE terms and their parameters, in order


@dataclass(frozen=True)
class Page:
    """Keys read by one call, where the next call goes on, and whether the list ended there."""

    keys: list[tuple[Any, ...]]
    resume: tuple[Any, ...] | None  # read on after this key; None = from the start
    ended: bool  # nothing follows `resume`; False may come with fewer keys than asked, even none


@dataclass(frozen=True)
class WordTest:
    """One word of a search, resolved once per list: a row passes it when its enterprise is
    among `enterprises` or (for a visit) one of its findings, (for a rectification) its finding,
    matches `match`."""

    match: str  # FTS5 phrase for findings; '' when no finding matches it
    enterprises: frozenset[int]  # rows of these enterprises pass whatever their findings
    known: frozenset[int]  # matching finding ids read up front (the newest ones)…
    floor: int  # …complete down to this id; below it chunks ask the FTS index
    own: frozenset[int] = frozenset()  # rows whose own text holds the word pass it too (`WordSets.own`)


@dataclass(frozen=True)
class ChunkTest:
    """What the rows of a chunk are tested against (resolved once per list): every word."""

    words: tuple[WordTest, ...]
    selectivity: float  # estimated share of rows that match (sizes the first chunk)


def read_chunked(source: ListSource, test: ChunkTest, after: Sequence[Any] | None, limit: int,
                 budget: int | None = None) -> Page:
    """Up to `limit` matching keys after `after`, examining at most `budget` rows (None: no cap,
    so fewer keys than `limit` then means the end)."""
    db, visits = source.store.db, source.request.kind == "visit"
    a = source.spec.alias
    extra = [f"{a}.enterprise_id"] if visits else [f"{a}.enterprise_id", "r.finding_id"]
    out: list[tuple[Any, ...]] = []
    cursor = tuple(after) if after is not None else None
    chunk = int(min(8 * CHUNK_ROWS, max(500, 1.5 * limit / max(test.selectivity, 1e-6))))
    left = budget
    while True:
        size = chunk if left is None else max(1, min(chunk, left))
        sql, params = source.page_sql(cursor, size, extra)
        rows = db.execute(sql, params).fetchall()
        if not rows:
            return Page(out, cursor, True)
        passed = rows_passing(source, test.words, [
            (r[0], r[-1], r[1] if not visits else None) for r in rows])
        keep = [r[len(extra):] for r in rows if r[-1] in passed]
        room = limit - len(out)
        out.extend(tuple(k) for k in keep[:room])
        if len(keep) > room:  # the page filled inside this chunk: go on after its last key
            return Page(out, out[-1] if out else cursor, False)
        cursor = tuple(rows[-1][len(extra):])
        if len(rows) < size:
            return Page(out, cursor, True)
        if left is not None:
            left -= len(rows)
        if len(out) == limit or (left is not None and left <= 0):
            return Page(out, cursor, False)
        chunk = min(chunk * 2, 8 * CHUNK_ROWS)


def read_bounded(source: ListSource, after: Sequence[Any] | None, limit: int, budget: int) -> Page:
    """Up to `limit` keys after `after` among the next `budget` rows of the walk (the rows the
    index terms give, before the per-row tests): the row that ends that stretch is found through
    the index alone, then the page query is bounded by it."""
    db = source.store.db
    seek, tests = split_terms(*source.filter_terms())
    sql, params = source.page_sql(after, 1, terms=seek, offset=budget - 1)
    edge = db.execute(sql, params).fetchone()
    # A test's own range on the sort key (已逾期's deadline < today) must not become the walk's
    # bound instead of the edge: '+(…)' keeps each test whole, evaluated per row.
    bounded = ([*seek[0], *(f"+({t})" for t in tests[0])], [*seek[1], *tests[1]])
    sql, params = source.page_sql(after, limit, until=tuple(edge) if edge else None, terms=bounded)
    keys = [tuple(r) for r in db.execute(sql, params)]
    if len(keys) >= limit or edge is None:  # a full page, or the walk reached the end of the list
        start = tuple(after) if after is not None else None
        return Page(keys, keys[-1] if keys else start, len(keys) < limit)
    return Page(keys, tuple(edge), False)  # everything up to the edge was examined: go on after it


def split_terms(where: Sequence[str], params: Sequence[Any]) -> tuple[Terms, Terms]:
    """The WHERE terms an index may seek on and those marked '+', tested on each row the walk
    yields, each with its parameters. The seek terms alone give a walk that holds every row of
    the list."""
    seek: Terms = ([], [])
    tests: Terms = ([], [])
    values = iter(params)
    for term in where:
        mine = [next(values) for _ in range(term.count("?"))]  # only bound parameters hold '?'
        terms, kept = tests if term.startswith("+") else seek
        terms.append(term)
        kept += mine
    return seek, tests


def rows_passing(source: ListSource, words: Sequence[WordTest],
                 rows: Sequence[tuple[int, int, int | None]]) -> set[int]:
    """Ids of the rows (enterprise id, row id, finding id of a rectification) that pass every
    word: each word may be found in the enterprise or in a different finding (赤壁 标签 is a
    visit to a firm in 赤壁 with a finding about 标签)."""
    if len(words) == 1:
        return _rows_passing_one(source, words[0], rows)
    passed = {r[1] for r in rows if all(r[0] in w.enterprises or r[1] in w.own for w in words)}
    rest = [r for r in rows if r[1] not in passed  # a word no finding holds needs the enterprise
            and all(w.match or r[0] in w.enterprises or r[1] in w.own for w in words)]
    if not rest:
        return passed
    if source.request.kind == "visit":
        pairs = source.store.db.execute(
            "SELECT id, visit_id FROM finding WHERE visit_id IN (SELECT value FROM json_each(?))"
            " AND deleted_at IS NULL", [json.dumps([r[1] for r in rest])]).fetchall()
    else:
        pairs = [(r[2], r[1]) for r in rest if r[2] is not None]
    enterprise_of = {r[1]: r[0] for r in rest}
    found = []
    for word in words:  # rows whose finding(s) hold this word
        wanted = [f for f, row in pairs if enterprise_of[row] not in word.enterprises]
        hits = fts_hits(source, word, wanted) if word.match and wanted else set()
        found.append({row for f, row in pairs if f in hits})
    passed.update(r[1] for r in rest if all(r[0] in w.enterprises or r[1] in w.own or r[1] in hit
                                            for w, hit in zip(words, found, strict=True)))
    return passed


def _rows_passing_one(source: ListSource, word: WordTest,
                      rows: Sequence[tuple[int, int, int | None]]) -> set[int]:
    """`rows_passing` for one word, a pass over the rows in C where it can (most searches)."""
    ents, numbered = word.enterprises, word.own
    if not word.match:
        return {r[1] for r in rows if r[0] in ents or r[1] in numbered}
    if source.request.kind == "visit":
        pairs = source.store.db.execute(
            "SELECT id, visit_id FROM finding WHERE visit_id IN (SELECT value FROM json_each(?))"
            " AND deleted_at IS NULL", [json.dumps([r[1] for r in rows])]).fetchall()
        hits = fts_hits(source, word, [p[0] for p in pairs])
        found = {p[1] for p in pairs if p[0] in hits}
        return {r[1] for r in rows if r[0] in ents or r[1] in numbered or r[1] in found}
    hits = fts_hits(source, word, [r[2] for r in rows if r[2] is not None])
    return {r[1] for r in rows if r[0] in ents or r[1] in numbered or r[2] in hits}


def fts_hits(source: ListSource, test: WordTest, finding_ids: list[int], max_ranges: int = 12) -> set[int]:
    """Which of these findings match the word: FTS5 queries over a few rowid ranges that cover
    them (records entered together have neighbouring ids, so the ranges stay narrow)."""
    hits = {i for i in finding_ids if i >= test.floor and i in test.known}
    ids = sorted({i for i in finding_ids if i < test.floor})
    if not ids:
        return hits
    gaps = sorted(range(1, len(ids)), key=lambda i: ids[i] - ids[i - 1], reverse=True)
    cuts = sorted(i for i in gaps[:max_ranges - 1] if ids[i] - ids[i - 1] > 64)
    bounds, start = [], 0
    for cut in [*cuts, len(ids)]:
        bounds.append((ids[start], ids[cut - 1]))
        start = cut
    wanted = set(ids)
    for lo, hi in bounds:
        for (rowid,) in source.store.db.execute(
                "SELECT rowid FROM finding_fts WHERE tokens MATCH ? AND rowid >= ? AND rowid <= ?",
                [test.match, lo, hi]):
            if rowid in wanted:
                hits.add(rowid)
    return hits
