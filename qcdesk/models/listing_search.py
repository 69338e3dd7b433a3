"""How the visit and rectification lists answer a search (part of `qcdesk.models.listing`).

A row matches when EVERY word of the search is found in its enterprise (name, credit code,
products, address, contacts, licences… `search_text.SEARCHED_FIELDS`) OR in one of its findings
OR in a text of its own (`WordSets.own`): a rectification has one finding, the one it was
ordered for, and its 文号 (`order_search`); a visit has its samples' product, trademark and
batch and its inspectors' names (`search_index.visits_holding`). An inspector typing
"赤壁 标签" means visits to firms in 赤壁 with a finding about 标签, though no single record
holds both words. One word is the same rule with one word.

Each word is looked up once in both FTS5 indexes (`WordSets`). A word no finding holds
narrows the enterprises ("strict"); the others ("flexible") are tested per row. The plan then
picks the cheapest way in, as for one word: gather the few candidate rows through an index,
or walk the sort order and test rows a chunk at a time (`qcdesk.models.listing_chunks`).
"""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from functools import partial
from typing import TYPE_CHECKING, Any

from qcdesk.models.listing_chunks import FETCH_BUDGET, ChunkTest, Page, WordTest, read_chunked, rows_passing
from qcdesk.models.listing_deleted_words import with_deleted

if TYPE_CHECKING:
    from qcdesk.models.listing import ListSource

# A candidate gathered and tested costs about as much as this many rows walked in chunk mode
# (measured on the 100k-visit demo: 1.5–25 µs a candidate, fewer when every word's findings are
# known; 5–7 µs a row walked).
GATHERED_PER_WALKED = 2.0


@dataclass(frozen=True)
class WordSets:
    """One word of a search looked up in both indexes."""

    phrase: str  # its FTS5 phrase
    enterprises: list[int]  # enterprises holding it, within the jurisdiction/industry filters
    findings: list[int]  # the newest findings holding it, newest first, at most the gather cap + 1
    found: float  # how many findings hold it (extrapolated when `findings` is not complete)
    complete: bool  # `findings` holds every matching finding
    # every row of the list holding it in a text of its own: an order's 文号 (整改跟踪), a visit's
    # samples or inspectors (检查记录, `search_index.visits_holding`)
    own: list[int] = field(default_factory=list)

    def within(self, allowed: frozenset[int]) -> WordSets:
        """The same word with its enterprises narrowed to `allowed`."""
        return WordSets(self.phrase, [e for e in self.enterprises if e in allowed], self.findings,
                        self.found, self.complete, self.own)


@dataclass
class SearchPlan:
    """The page query's WHERE terms and mode, and what chunk mode and the count add."""

    where: list[str]
    params: list[Any]
    mode: str  # 'gather', 'scan' or 'chunk'
    chunk_test: ChunkTest | None = None
    count_where: list[str] = field(default_factory=list)
    count_params: list[Any] = field(default_factory=list)
    # chunk mode of several words: the plan gathering its candidates (`candidates` rows) instead
    exact: Callable[[], SearchPlan] | None = None
    candidates: float = 0.0


@dataclass(frozen=True)
class Costs:
    """What the plan weighs: rows per enterprise, the gather limit, rows in the table."""

    per_enterprise: float
    gather_limit: float
    total: int
    gather_dates: bool  # the page query gathers through the date index: no other index may drive


def _json(ids: Sequence[int]) -> str:
    return json.dumps(list(ids))


def plan_search(source: ListSource, words: list[WordSets], where: list[str], params: list[Any],
                costs: Costs, allowed: list[int] | None) -> SearchPlan:
    """The plan for a search of one or more words on the visit or rectification list; `allowed`
    are the enterprises the jurisdiction/industry filters leave (None: no such filter)."""
    words = with_deleted(source, words)  # 显示已删除: deleted rows' words too (`listing_deleted_words`)
    strict = [w for w in words if not w.findings and not w.own]
    flexible = [w for w in words if w.findings or w.own]
    within: list[int] | None = None
    if strict:  # such a word can only be found in the enterprise
        common = frozenset.intersection(*(frozenset(w.enterprises) for w in strict))
        within = sorted(common)
        flexible = [w.within(common) for w in flexible]
    if not flexible:  # only enterprises match: a one-word search of their common set
        assert within is not None
        return _one_word(source, WordSets("", within, [], 0.0, True), where, params, costs, None)
    if len(flexible) == 1 and within is None:
        return _one_word(source, flexible[0], where, params, costs, None)
    return _several_words(source, flexible, where, params, costs, within,
                          within if within is not None else allowed)


def _estimate(word: WordSets, costs: Costs) -> float:
    """Rows that hold the word: those of its enterprises plus those of its findings."""
    return len(word.enterprises) * costs.per_enterprise + _found(word)


def _found(word: WordSets) -> float:
    """Rows found through the word's findings or their own text, not their enterprises."""
    return word.found + len(word.own)


def _own_term(word: WordSets, row_id: str) -> tuple[str, list[Any]]:
    """SQL ' OR the row's own text holds the word' (`WordSets.own`; `row_id`: its id column) and
    its parameter; nothing when no row's own text holds it."""
    if not word.own:
        return "", []
    return f" OR +{row_id} IN (SELECT value FROM json_each(?))", [_json(word.own)]


def _word_test(word: WordSets) -> WordTest:
    floor = word.findings[-1] if not word.complete else 0
    return WordTest(word.phrase if word.findings else "", frozenset(word.enterprises),
                    frozenset(word.findings), floor, frozenset(word.own))


def _find_term(kind: str) -> str:
    """SQL: the row has a live finding holding the word (bound as the one parameter)."""
    if kind == "visit":
        return ("v.id IN (SELECT visit_id FROM finding WHERE deleted_at IS NULL AND id IN"
                " (SELECT rowid FROM finding_fts WHERE tokens MATCH ?))")
    return "r.finding_id IN (SELECT rowid FROM finding_fts WHERE tokens MATCH ?)"


def _chunked(source: ListSource, words: list[WordSets], where: list[str], params: list[Any],
             estimate: float, costs: Costs) -> SearchPlan:
    """Many candidates: walk the sort order in chunks and test each row against every word."""
    a, kind = source.spec.alias, source.request.kind
    count_where, count_params = [], []
    for word in words:
        by_own, own = _own_term(word, f"{a}.id")
        count_where.append(f"(+{a}.enterprise_id IN (SELECT value FROM json_each(?)) OR {_find_term(kind)}"
                           f"{by_own})")
        count_params += [_json(word.enterprises), word.phrase, *own]
    test = ChunkTest(tuple(_word_test(w) for w in words), min(1.0, estimate / max(costs.total, 1)))
    return SearchPlan(where, params, "chunk", test, count_where, count_params)


def _one_word(source: ListSource, word: WordSets, where: list[str], params: list[Any], costs: Costs,
              within: list[int] | None) -> SearchPlan:
    """One word to test per row (the others, if any, narrowed the enterprises to `within`)."""
    a, kind, db = source.spec.alias, source.request.kind, source.store.db
    if within is not None:
        where.append(f"+{a}.enterprise_id IN (SELECT value FROM json_each(?))")
        params.append(_json(within))
    estimate = _estimate(word, costs)
    if not word.findings and not word.own and estimate > costs.gather_limit:
        # Only enterprises match: one statement walking the sort index tests each row's
        # enterprise, cheaper than handing chunks of rows to Python.
        where.append(f"+{a}.enterprise_id IN (SELECT value FROM json_each(?))")
        params.append(_json(word.enterprises))
        return SearchPlan(where, params, "scan")
    if not word.complete or estimate > costs.gather_limit:
        return _chunked(source, [word], where, params, estimate, costs)
    plus = "+" if costs.gather_dates else ""
    ent_term = f"{plus}{a}.enterprise_id IN (SELECT value FROM json_each(?))"
    if kind == "visit":
        ids = sorted({r[0] for r in db.execute(
            "SELECT visit_id FROM finding WHERE id IN (SELECT value FROM json_each(?))"
            " AND deleted_at IS NULL", [_json(word.findings)])})
        find_term = f"{plus}v.id IN (SELECT value FROM json_each(?))"
    else:
        ids = word.findings
        find_term = f"{plus}r.finding_id IN (SELECT value FROM json_each(?))"
    by_own, own = _own_term(word, f"{a}.id")
    where.append(f"({ent_term} OR {find_term}{by_own.replace('+', plus)})")
    params += [_json(word.enterprises), _json(ids), *own]
    return SearchPlan(where, params, "gather")


@dataclass(frozen=True)
class Candidates:
    """Where the rows that may match come from: all rows of these enterprises, and the rows of
    the findings of these words (found complete); `rows` estimates how many that is."""

    enterprises: list[int]
    words: list[WordSets]
    rows: float


def candidates(words: list[WordSets], universe: list[int] | None, costs: Costs) -> Candidates:
    """The cheapest complete source of candidate rows for several words.

    Enterprises are grouped by the words they lack. A row of an enterprise that lacks none
    matches; one of an enterprise lacking some words matches only if its findings hold each of
    them, so either all the group's rows are candidates or the rows of the findings of its
    rarest lacking word, whichever are fewer. Enterprises holding none of the words (`universe`
    less the others, all others when the universe is None) can only come in through findings."""
    everything = frozenset(range(len(words)))
    lacking: dict[frozenset[int], list[int]] = {}
    named = frozenset().union(*(w.enterprises for w in words))
    for enterprise in sorted(named if universe is None else named & frozenset(universe)):
        key = frozenset(i for i, w in enumerate(words) if enterprise not in w.enterprises)
        lacking.setdefault(key, []).append(enterprise)
    rest = None if universe is None else [e for e in universe if e not in named]
    if rest != []:  # None: every other enterprise, not listed
        lacking[everything] = rest or []
    drivers: set[int] = set()  # words whose findings bring in candidates
    for missing, group in lacking.items():
        whole = float("inf") if rest is None and missing == everything else len(group) * costs.per_enterprise
        usable = [i for i in missing if words[i].complete]
        rarest = min(usable, key=lambda i: _found(words[i]), default=None)
        if rarest is not None and _found(words[rarest]) < whole:
            drivers.add(rarest)
    by_enterprise: list[int] = []
    for missing, group in lacking.items():
        if missing & drivers:  # a matching row of the group has a finding with that word
            continue
        if rest is None and missing == everything:
            return Candidates([], [], float("inf"))
        by_enterprise += group
    rows = len(by_enterprise) * costs.per_enterprise + sum(_found(words[i]) for i in drivers)
    return Candidates(sorted(by_enterprise), [words[i] for i in sorted(drivers)], rows)


def _several_words(source: ListSource, words: list[WordSets], where: list[str], params: list[Any],
                   costs: Costs, within: list[int] | None, universe: list[int] | None) -> SearchPlan:
    """Two or more words to test per row (strict words, if any, left the enterprises `within`).
    Few enough candidates (`candidates`) are tested here and the page query gathers the rows
    that pass by id; else chunks of the sort order are tested as they are read."""
    a = source.spec.alias
    found = candidates(words, universe, costs)
    if found.rows > costs.gather_limit:
        exact = partial(_exact, source, words, list(where), list(params), costs, within, found)
        if within is not None:
            where.append(f"+{a}.enterprise_id IN (SELECT value FROM json_each(?))")
            params.append(_json(within))
        rarest = min([found.rows, *(_estimate(w, costs) for w in words)])
        plan = _chunked(source, words, where, params, rarest, costs)
        if found.rows * GATHERED_PER_WALKED < costs.total:  # the head of the list decides (`prefer_exact`)
            plan.exact, plan.candidates = exact, found.rows
        return plan
    return _exact(source, words, where, params, costs, within, found)


def _exact(source: ListSource, words: list[WordSets], where: list[str], params: list[Any], costs: Costs,
           within: list[int] | None, found: Candidates) -> SearchPlan:
    """Gather the candidates, keep those holding every word, and page over their ids."""
    a, kind, db = source.spec.alias, source.request.kind, source.store.db
    # One statement gathers the candidates and tests the words whose findings are all known;
    # deleted rows are left to the page query. Words held by more findings are tested here.
    by_findings = ("+id IN (SELECT visit_id FROM finding WHERE deleted_at IS NULL AND id IN"
                   " (SELECT value FROM json_each(?)))" if kind == "visit"
                   else "+finding_id IN (SELECT value FROM json_each(?))")
    # A row also comes in, and passes a word, through its own text (`WordSets.own`).
    numbered = sorted({o for w in found.words for o in w.own})
    terms = [f"(enterprise_id IN (SELECT value FROM json_each(?)) OR {by_findings.lstrip('+')}"
             + (" OR id IN (SELECT value FROM json_each(?)))" if numbered else ")")]
    values = [_json(found.enterprises), _json(sorted({f for w in found.words for f in w.findings})),
              *([_json(numbered)] if numbered else [])]
    for word in words:
        if word.complete and (found.enterprises or found.words != [word]):  # else every row has it
            by_own, own = _own_term(word, "id")
            terms.append(f"(+enterprise_id IN (SELECT value FROM json_each(?)) OR {by_findings}{by_own})")
            values += [_json(word.enterprises), _json(word.findings), *own]
    if within is not None:  # rows found through findings must still be of these enterprises
        terms.append("+enterprise_id IN (SELECT value FROM json_each(?))")
        values.append(_json(within))
    finding = "NULL" if kind == "visit" else "finding_id"
    rows = db.execute(f"SELECT enterprise_id, id, {finding} FROM {source.spec.table}"
                      f" WHERE {' AND '.join(terms)}", values).fetchall()
    left = [_word_test(w) for w in words if not w.complete]
    ids = sorted(rows_passing(source, left, rows) if left else {r[1] for r in rows})
    plus = "+" if costs.gather_dates else ""
    where.append(f"{plus}{a}.id IN (SELECT value FROM json_each(?))")
    params.append(_json(ids))
    return SearchPlan(where, params, "gather")


def prefer_exact(source: ListSource, plan: SearchPlan, page_rows: int = 100) -> tuple[bool, Page]:
    """Whether gathering a chunk plan's candidates beats walking the list for a first page, and
    the first page as far as it was read to tell.

    Several common words can match few rows together (each word in thousands of visits, both in
    a handful): then a first page walks most of the list. The first rows of the sort order,
    tested as a budgeted read, tell how densely matches lie there."""
    assert plan.chunk_test is not None
    page = read_chunked(source, plan.chunk_test, None, page_rows, budget=FETCH_BUDGET)
    if page.ended or len(page.keys) >= page_rows:
        return False, page
    walk = min(float(source.total_rows()), page_rows * FETCH_BUDGET / max(len(page.keys), 1))
    return plan.candidates * GATHERED_PER_WALKED < walk, page
