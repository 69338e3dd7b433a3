"""A search of the visit list with 显示已删除 on finds deleted visits by their own words (part of listing).

Why: the search indexes leave deleted rows out (removal.py reindexes a deleted firm or visit out
of enterprise_fts/visit_fts, a deleted finding out of finding_fts), so with the toggle on a search
found a deleted visit only through a live firm's words: not by its samples, findings or
inspectors, and not at all when its firm was deleted too. While the list shows deleted rows,
each searched word also takes in the deleted firms whose text holds it (their visits then match
as a live firm's do) and the deleted visits whose own text holds it. The word's sets stay
complete (`listing_search.WordSets`), so the plans (gathered or in chunks), the keyset pages and
the count work on them unchanged; without the toggle nothing here runs.
"""

from __future__ import annotations

import json
from collections import defaultdict
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Any

from qcdesk.models.search_text import (
    SAMPLE_FIELDS,
    SEARCHED_FIELDS,
    firm_tokens,
    holds,
    record_tokens,
    tokens,
)

if TYPE_CHECKING:
    from qcdesk.models.listing import ListSource
    from qcdesk.models.listing_search import WordSets


@dataclass(frozen=True)
class DeletedTexts:
    """What the indexes leave out, read once per list: each deleted firm's and deleted visit's
    index text (`search_text` tokens, padded with a space), a visit with its team's uuids."""

    firms: list[tuple[int, str]]
    visits: list[tuple[int, str, frozenset[str]]]
    inspectors: list[tuple[str, str]]  # uuid, name: a visit is found by its inspectors' names


def with_deleted(source: ListSource, words: list[WordSets]) -> list[WordSets]:
    """The words of a search of the visit list as it finds them: unchanged unless the list shows
    deleted rows; then each also holds the deleted firms and deleted visits whose text holds it."""
    if not words or not source.request.filters.deleted or source.request.kind != "visit":
        return words
    texts = deleted_texts(source)
    out = []
    for word in words:
        held = f" {word.phrase.strip(chr(34))} "  # a phrase's tokens, as the padded texts hold them
        named = {uuid for uuid, name in texts.inspectors if holds(name, word.phrase)}
        firms = [fid for fid, text in texts.firms if held in text]
        visits = [vid for vid, text, team in texts.visits if held in text or team & named]
        out.append(replace(word, enterprises=sorted({*word.enterprises, *firms}),
                           own=sorted({*word.own, *visits})) if firms or visits else word)
    return out


def deleted_texts(source: ListSource) -> DeletedTexts:
    """Deleted firms within the list's jurisdiction and industry, with their contacts and licences,
    and deleted visits with their samples and findings: of each, only the rows deleted with it or
    after (one removed before was no longer its own, and restoring leaves it out too). No index
    holds deletion: one pass over the visit table (about 10 ms a 100,000 visits), once per search."""
    db, f = source.store.db, source.request.filters
    terms, params = ["deleted_at IS NOT NULL"], []
    if area := source._area():
        terms.append("jurisdiction_code IN (SELECT value FROM json_each(?))")
        params.append(area)
    if f.industry:
        terms.append("industry = ?")
        params.append(f.industry)
    fields = SEARCHED_FIELDS["enterprise"]
    firms = {r[0]: r for r in db.execute(
        f"SELECT id, deleted_at, {', '.join(fields)} FROM enterprise WHERE {' AND '.join(terms)}", params)}
    stamps = {eid: r[1] for eid, r in firms.items()}
    contacts: dict[int, list[tuple[str, str]]] = defaultdict(list)
    licences: dict[int, list[str]] = defaultdict(list)
    for eid, name, phone in _with(db, "contact", "enterprise_id", "name, phone", stamps):
        contacts[eid].append((name, phone))
    for eid, number in _with(db, "licence", "enterprise_id", "number", stamps):
        licences[eid].append(number)
    firm_texts = [(eid, " " + firm_tokens(dict(zip(fields, r[2:], strict=True)).get, contacts[eid],
                                          licences[eid]) + " ") for eid, r in firms.items()]
    visits: dict[int, str] = {}  # id -> deletion stamp
    team: dict[int, set[str]] = defaultdict(set)
    for vid, gone, uuid in db.execute(
            "SELECT v.id, v.deleted_at, j.value FROM visit v LEFT JOIN json_each(CASE WHEN"
            " json_valid(v.inspectors) THEN v.inspectors ELSE '[]' END) j WHERE v.deleted_at IS NOT NULL"):
        visits[vid] = gone
        if isinstance(uuid, str):
            team[vid].add(uuid)
    own: dict[int, list[str]] = defaultdict(list)
    for vid, *values in _with(db, "sample", "visit_id", ", ".join(SAMPLE_FIELDS), visits):
        own[vid].append(tokens(*values))
    said = SEARCHED_FIELDS["finding"]
    for vid, *values in _with(db, "finding", "visit_id", ", ".join(said), visits):
        own[vid].append(record_tokens("finding", dict(zip(said, values, strict=True)).get))
    visit_texts = [(vid, f" {' '.join(own[vid])} ", frozenset(team[vid])) for vid in visits]
    inspectors = [(r[0], r[1]) for r in db.execute("SELECT uuid, name FROM inspector")]
    return DeletedTexts(firm_texts, visit_texts, inspectors)


def _with(db: Any, table: str, parent: str, columns: str, deleted: dict[int, str]) -> list[tuple[Any, ...]]:
    """(parent id, columns…) of the rows of `table` under the deleted parents (id → deletion
    stamp) that are live or were deleted with their parent or after it."""
    if not deleted:
        return []
    rows = db.execute(f"SELECT {parent}, deleted_at, {columns} FROM {table}"
                      f" WHERE {parent} IN (SELECT value FROM json_each(?)) ORDER BY id",
                      [json.dumps(list(deleted))]).fetchall()
    return [(r[0], *r[2:]) for r in rows if r[1] is None or r[1] >= deleted[r[0]]]
