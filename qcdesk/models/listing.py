"""Queries behind the list pages (企业档案 / 检查记录 / 整改跟踪): all their SQL lives here.

Lists are read in pages with keyset pagination on (sort key…, id): every page is one small
indexed query however deep the user scrolls, and nothing ever reads a whole table (a county
keeps a million visits). Filters that go through other tables (jurisdiction and industry of
the enterprise, full-text search) are resolved to id sets first; when a set is small the page
query gathers its rows through the set's index, when it is large it walks the sort index and
tests each row, whichever touches fewer rows.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from datetime import date
from typing import TYPE_CHECKING, Any

from qcdesk.models import local_day
from qcdesk.models.clock_text import local_date
from qcdesk.models.jurisdictions import area_codes
from qcdesk.models.listing_chunks import FETCH_BUDGET, ChunkTest, Page, read_bounded, read_chunked
from qcdesk.models.listing_deleted import firm_search
from qcdesk.models.listing_names import KEYED as _KEYED
from qcdesk.models.listing_names import NAME_KEY as _NAME_KEY
from qcdesk.models.listing_names import join_names
from qcdesk.models.listing_search import Costs, SearchPlan, WordSets, plan_search, prefer_exact
from qcdesk.models.order_search import DUE_SOON, NOTICE_SORT, UNFINISHED, orders_by_notice, unfinished_terms
from qcdesk.models.rules import days_left, order_clock, overdue_sql, retest_passed_sql
from qcdesk.models.search_index import visits_holding
from qcdesk.models.search_text import phrase_query, word_phrases

if TYPE_CHECKING:  # annotations only: importing the store (sqlite-utils) is deferred to its opener
    from qcdesk.models.store import Store

ENTERPRISES, VISITS, RECTIFICATIONS = "enterprise", "visit", "rectification"
LIST_KINDS = (ENTERPRISES, VISITS, RECTIFICATIONS)
OVERDUE = "overdue"  # pseudo-status of the rectification filter: derived, never stored
# Shown status of an order withdrawn after its sample passed the 复检: stored as 'closed' with a
# closing reason (rectifications.withdraw_for_retest), never as this. A list row and the filter
# tell it from an order closed after it was corrected ('closed': 已完成).
WITHDRAWN = "withdrawn"

# Above this many candidate rows a page walks the sort index instead of gathering and sorting
# them; the crossover grows with the square root of the table (see `_gather_limit`).
GATHER_LIMIT = 20_000


@dataclass(frozen=True)
class ListFilters:
    """What the filter bar asks for; empty strings mean "any"."""

    jurisdiction: str = ""
    industry: str = ""
    status: str = ""
    kind: str = ""
    date_from: str = ""
    date_to: str = ""
    search: str = ""
    risk_class: str = ""  # enterprises: only this class of the risk cache (A–D)
    ids: tuple[int, ...] | None = None  # only these records (e.g. the rows behind a dashboard figure)
    of_enterprise: int | None = None  # only this enterprise's visits/orders (its own window's table)
    deleted: bool = False  # deleted rows too, marked (the lists' 显示已删除; `listing_deleted`)


@dataclass(frozen=True)
class ListRequest:
    """A list, its filters and its order; cheap to copy to a worker thread."""

    kind: str
    filters: ListFilters = ListFilters()
    sort: str = ""
    descending: bool | None = None

    def normalised(self) -> ListRequest:
        spec = LIST_SPECS[self.kind]
        sort = self.sort if self.sort in spec.sorts else spec.default_sort
        desc = spec.default_descending if self.descending is None or sort != self.sort else self.descending
        return replace(self, sort=sort, descending=desc)


_RISK_CLASS = "coalesce((SELECT rc.risk_class FROM risk_cache rc WHERE rc.enterprise_id = e.id), '')"  # A–D


@dataclass(frozen=True)
class ListSpec:
    table: str
    alias: str
    columns: tuple[str, ...]
    sorts: dict[str, tuple[str, ...]]  # column -> SQL expressions of the keyset (id is appended)
    default_sort: str
    default_descending: bool
    date_column: str = ""


LIST_SPECS: dict[str, ListSpec] = {
    ENTERPRISES: ListSpec(
        "enterprise", "e",
        ("name", "uscc", "jurisdiction", "industry", "risk_class", "main_products", "contact", "updated_at"),
        {"name": (_NAME_KEY,), "uscc": ("e.uscc",), "jurisdiction": ("e.jurisdiction_code", _NAME_KEY),
         "industry": ("e.industry", _NAME_KEY), "updated_at": ("e.updated_at",),
         "risk_class": (_RISK_CLASS, _NAME_KEY)},
        "name", False, "",
    ),
    VISITS: ListSpec(
        "visit", "v",
        ("visit_date", "enterprise", "jurisdiction", "kind", "status", "inspectors", "conclusion"),
        {"visit_date": ("v.visit_date",), "kind": ("v.kind", "v.visit_date"),
         "status": ("v.status", "v.visit_date"),
         "enterprise": (_NAME_KEY, "k.enterprise_id", "v.visit_date")},
        "visit_date", True, "v.visit_date",
    ),
    RECTIFICATIONS: ListSpec(
        "rectification", "r",
        ("notice_no", "enterprise", "requirement", "ordered_on", "deadline", "days_left", "status"),
        {"deadline": ("coalesce(r.extended_to, r.deadline)",),
         "days_left": ("coalesce(r.extended_to, r.deadline)",),
         "ordered_on": ("r.ordered_on",), "status": ("r.status", "r.deadline"),
         "notice_no": NOTICE_SORT, "enterprise": (_NAME_KEY, "k.enterprise_id")},
        "deadline", False, "r.ordered_on",
    ),
}

_FROM = {ENTERPRISES: "enterprise e", VISITS: "visit v JOIN enterprise e ON e.id = v.enterprise_id",
         RECTIFICATIONS: "rectification r JOIN enterprise e ON e.id = r.enterprise_id"}
FTS_GATHER_LIMIT = 8_000  # at most this many matching findings are gathered; more are checked per chunk


def _json(ids: Sequence[int]) -> str:
    return json.dumps(list(ids))


class ListSource:
    """One prepared list: filters resolved once, then pages and display rows on demand.

    Holds the connection of the thread that made it; a worker builds its own from the same
    `ListRequest`.
    """

    def __init__(self, store: Store, request: ListRequest, today: date | None = None):
        self.store = store
        self.request = request.normalised()
        self.spec = LIST_SPECS[self.request.kind]
        self.today = today or local_day.today()
        self._inspectors: dict[str, str] | None = None
        # Names sort in pinyin order through their keys, joined as k (`listing_names`).
        joined = join_names(store, self.request.kind, self.spec.sorts[self.request.sort],
                            _FROM[self.request.kind], self.spec.alias)
        self._from, self.sort_exprs, self.id_term = joined.from_sql, joined.sort_exprs, joined.id_term
        self._gather_dates = False
        self._chunk_test: ChunkTest | None = None  # chunk mode: what each chunk of rows is tested against
        self._count_where: list[str] = []
        self._total = 0
        self._count_params: list[Any] = []
        self._plan: SearchPlan | None = None  # a search's plan (`listing_search`)
        self._exact: Callable[[], SearchPlan] | None = None  # see `listing_search.prefer_exact`
        self._head: Page | None = None  # the first keys, read while choosing the plan
        self._where, self._params, self.mode = self._resolve()
        if self._exact is not None:
            assert self._plan is not None
            exact, self._head = prefer_exact(self, self._plan)
            if exact:
                self._adopt(self._exact())
                self._head = None

    # --- filters -------------------------------------------------------------------------
    def _resolve(self) -> tuple[list[str], list[Any], str]:
        """WHERE terms and parameters, and 'gather' or 'scan' for the page query."""
        f, kind, a = self.request.filters, self.request.kind, self.spec.alias
        where, params = ["1" if f.deleted else f"{a}.deleted_at IS NULL"], []
        if f.ids is not None:
            # A few ids: fetch them by key and sort; many: walk the sort index and test membership.
            where.append(f"{'' if len(f.ids) <= 5_000 else '+'}{a}.id IN (SELECT value FROM json_each(?))")
            params.append(_json(f.ids))
        if f.of_enterprise is not None:  # seeks the (enterprise_id, date) index, already in date order
            where.append(f"{a}.{'id' if kind == ENTERPRISES else 'enterprise_id'} = ?")
            params.append(f.of_enterprise)
        if kind == ENTERPRISES:
            for term, value in (("e.jurisdiction_code IN (SELECT value FROM json_each(?))", self._area()),
                                ("e.industry = ?", f.industry), (f"{_RISK_CLASS} = ?", f.risk_class)):
                if value:
                    where.append(term)
                    params.append(value)
            match = phrase_query(f.search)
            if f.search and match is None:
                where.append("0")
            elif match:  # a deleted firm is not in the index (`listing_deleted`)
                where, params = firm_search(where, params, match, f)
            return where, params, "plain"
        # Only the column that leads the order may use an index; the others are tested on the
        # rows the sort index yields ('+' disables an index), so a page never sorts a big set.
        lead = self.sort_exprs[0]

        def col(name: str) -> str:
            return name if name == lead else "+" + name

        if kind == VISITS:
            if f.status:
                where.append(f"{col('v.status')} = ?")
                params.append(f.status)
            if f.kind:
                where.append(f"{col('v.kind')} = ?")
                params.append(f.kind)
        else:
            if f.status == OVERDUE:  # the enterprise is late: `rules.is_overdue`, tested per row
                where.append(overdue_sql("r", "?", status_index=False))
                params.append(self.today.isoformat())
            elif f.status in (UNFINISHED, DUE_SOON):  # several statuses, or due this week
                terms, values = unfinished_terms(f.status, lead, self.today)
                where, params = [*where, *terms], [*params, *values]
            elif f.status:
                where.append(f"{col('r.status')} = ?")
                params.append("closed" if f.status == WITHDRAWN else f.status)
                if f.status in ("closed", WITHDRAWN):
                    where.append("+r.closing_reason " + ("!= ''" if f.status == WITHDRAWN else "= ''"))
        date_col = self.spec.date_column
        if f.date_from or f.date_to:
            by_enterprise = self._from.startswith(_KEYED)
            if date_col != lead and not by_enterprise and self._date_range_small(f.date_from, f.date_to):
                self._from = self._from.replace(f"{self.spec.table} {a}",
                                                f"{self.spec.table} {a} INDEXED BY {self._date_index()}")
                self._gather_dates = True
            elif date_col != lead:
                date_col = "+" + date_col
        if f.date_from:
            where.append(f"{date_col} >= ?")
            params.append(f.date_from)
        if f.date_to:
            where.append(f"{date_col} <= ?")
            params.append(f.date_to)
        return self._resolve_sets(where, params)

    def _date_index(self) -> str:
        return "visit_date" if self.request.kind == VISITS else "listing_rect_ordered_on"

    def _date_range_small(self, start: str, end: str) -> bool:
        """Whether few enough rows fall in the range to gather them through the date index."""
        col = self.spec.date_column.split(".")[1]
        sql = (f"SELECT count(*) FROM (SELECT 1 FROM {self.spec.table} INDEXED BY {self._date_index()}"
               f" WHERE {col} >= ? AND {col} <= ? LIMIT ?)")
        n = self.store.db.execute(sql, [start or "", end or "\uffff", GATHER_LIMIT + 1]).fetchone()[0]
        return n <= GATHER_LIMIT

    def _enterprise_ids(self, match: str | None) -> list[int] | None:
        """Enterprises passing the enterprise-level filters, or None when there are none."""
        f = self.request.filters
        terms, params = ["1" if f.deleted else "deleted_at IS NULL"], []
        if area := self._area():
            terms.append("jurisdiction_code IN (SELECT value FROM json_each(?))")
            params.append(area)
        if f.industry:
            terms.append("industry = ?")
            params.append(f.industry)
        if match:
            terms.append("id IN (SELECT rowid FROM enterprise_fts WHERE tokens MATCH ?)")
            params.append(match)
        if len(terms) == 1:
            return None
        sql = f"SELECT id FROM enterprise WHERE {' AND '.join(terms)}"
        return [r[0] for r in self.store.db.execute(sql, params)]

    def _area(self) -> str:
        """The jurisdiction filter's codes as JSON: the chosen one and those under it, as the
        warnings and the report count (`jurisdictions.area_codes`); '' for none or the whole city."""
        code = self.request.filters.jurisdiction
        codes = area_codes(self.store.db, code) if code else None
        return json.dumps(codes) if codes else ""

    def _rows_per_enterprise(self) -> float:
        db = self.store.db
        enterprises = db.execute("SELECT max(id) FROM enterprise").fetchone()[0] or 1
        self._total = db.execute(f"SELECT max(id) FROM {self.spec.table}").fetchone()[0] or 0
        return self._total / enterprises

    def _gather_limit(self) -> float:
        """Gathering costs ~k per candidate; walking costs ~k per row / selectivity for a page of
        100: equal at about sqrt(100 * rows)."""
        return min(GATHER_LIMIT, max(2_000.0, (100 * self._total) ** 0.5))

    def _resolve_sets(self, where: list[str], params: list[Any]) -> tuple[list[str], list[Any], str]:
        f, a = self.request.filters, self.spec.alias
        match = phrase_query(f.search)
        if f.search and match is None:
            return [*where, "0"], params, "plain"
        per_enterprise = self._rows_per_enterprise()
        allowed = self._enterprise_ids(None) if (f.jurisdiction or f.industry) else None
        if not match:
            if allowed is None:
                return where, params, "gather" if self._gather_dates else "plain"
            estimate = len(allowed) * per_enterprise
            gather = estimate <= self._gather_limit()
            col = f"{a}.enterprise_id" if gather and not self._gather_dates else f"+{a}.enterprise_id"
            if self._from.startswith(_KEYED):
                col = "+e.id"  # skip whole enterprises in the outer loop
            where.append(f"{col} IN (SELECT value FROM json_each(?))")
            params.append(_json(allowed))
            return where, params, "gather" if gather else "scan"
        if allowed is not None:
            where.append(f"+{a}.enterprise_id IN (SELECT value FROM json_each(?))")
            params.append(_json(allowed))
        words = [self._word_sets(phrase, typed) for phrase, typed in _typed_words(f.search).items()]
        plan = plan_search(self, words, where, params,
                           Costs(per_enterprise, self._gather_limit(), self._total, self._gather_dates),
                           allowed)
        self._adopt(plan)
        return plan.where, plan.params, plan.mode

    def _adopt(self, plan: SearchPlan) -> None:
        self._plan, self._exact = plan, plan.exact
        self._where, self._params, self.mode = plan.where, plan.params, plan.mode
        self._chunk_test, self._count_where, self._count_params = (
            plan.chunk_test, plan.count_where, plan.count_params)

    def total_rows(self) -> int:
        """Rows in the list's table (its highest id), as the plans count them."""
        return self._total

    def _word_sets(self, phrase: str, typed: str = "") -> WordSets:
        """One word of a search in the indexes: its enterprises, its newest findings, and the rows
        whose own text holds it (an order's 文号 as typed; a visit's samples and inspectors)."""
        db = self.store.db
        # Newest matches first: a list in date order starts with recent records, whose findings
        # have the highest ids, so the first pages are usually answered from this set alone.
        findings = [r[0] for r in db.execute(
            "SELECT rowid FROM finding_fts WHERE tokens MATCH ? ORDER BY rowid DESC LIMIT ?",
            [phrase, FTS_GATHER_LIMIT + 1])]
        found = float(len(findings))
        if len(findings) > FTS_GATHER_LIMIT:  # extrapolate over the id range not yet seen
            top = db.execute("SELECT max(id) FROM finding").fetchone()[0] or findings[0]
            found = len(findings) * top / max(1, top - findings[-1] + 1)
        own = (orders_by_notice(self.store, typed) if self.request.kind == RECTIFICATIONS
               else visits_holding(db.conn, phrase) if self.request.kind == VISITS else [])
        return WordSets(phrase, self._enterprise_ids(phrase) or [], findings, found,
                        len(findings) <= FTS_GATHER_LIMIT, own)

    # --- pages ---------------------------------------------------------------------------
    def page(self, after: Sequence[Any] | None, limit: int) -> list[tuple[Any, ...]]:
        """Up to `limit` keys (sort values…, id) following `after` (None = from the start);
        fewer only at the end of the list."""
        return self.read(after, limit, None).keys

    def read(self, after: Sequence[Any] | None, limit: int, budget: int | None = FETCH_BUDGET) -> Page:
        """Keys following `after` as a `Page`. With a `budget`, a read examines at most about that
        many rows and may return fewer than `limit` keys, even none, before the end: go on from
        `Page.resume` until `Page.ended` (see `qcdesk.models.listing_chunks`)."""
        head = self._head
        if after is None and head is not None and (head.ended or len(head.keys) >= limit):
            keys = head.keys[:limit]
            return Page(keys, keys[-1] if keys else None, head.ended and len(head.keys) <= limit)
        if self._chunk_test is not None:
            return read_chunked(self, self._chunk_test, after, limit, budget)
        if budget is not None and self.mode != "gather" and any(t.startswith("+") for t in self._where):
            return read_bounded(self, after, limit, budget)  # rows tested as the sort index is walked
        sql, params = self.page_sql(after, limit)
        keys = [tuple(r) for r in self.store.db.execute(sql, params)]
        resume = keys[-1] if keys else None if after is None else tuple(after)
        return Page(keys, resume, len(keys) < limit)

    def filter_terms(self) -> tuple[list[str], list[Any]]:
        """The page query's WHERE terms and their parameters, in order (copies)."""
        return list(self._where), list(self._params)

    def page_sql(self, after: Sequence[Any] | None, limit: int, extra: Sequence[str] = (), *,
                 until: Sequence[Any] | None = None, terms: tuple[list[str], list[Any]] | None = None,
                 offset: int = 0) -> tuple[str, list[Any]]:
        """The page query: keys after `after` and (if given) up to `until` inclusive, under the
        list's filters or only `terms`."""
        keys = [*extra, *self.sort_exprs, self.id_term]
        key_count = len(self.sort_exprs) + 1
        where, params = self.filter_terms() if terms is None else (list(terms[0]), list(terms[1]))
        op, lead, back = ("<", "<=", ">=") if self.request.descending else (">", ">=", "<=")
        sort_keys = keys[len(keys) - key_count:]
        row = f"({', '.join(sort_keys)})"
        marks = f"({', '.join('?' for _ in sort_keys)})"
        # The redundant range on the leading key lets SQLite start (and stop) the index walk there.
        if after is not None:
            where += [f"{sort_keys[0]} {lead} ?", f"{row} {op} {marks}"]
            params += [after[0], *after]
        if until is not None:
            where += [f"{sort_keys[0]} {back} ?", f"{row} {back} {marks}"]
            params += [until[0], *until]
        direction = " DESC" if self.request.descending else ""
        order = ", ".join(k + direction for k in sort_keys)
        sql = (f"SELECT {', '.join(keys)} FROM {self._from} "
               f"WHERE {' AND '.join(where)} ORDER BY {order} LIMIT ? OFFSET ?")
        return sql, [*params, limit, offset]

    def explain(self, after: Sequence[Any] | None = None, limit: int = 100) -> list[str]:
        sql, params = self.page_sql(after, limit)
        return [r[-1] for r in self.store.db.execute("EXPLAIN QUERY PLAN " + sql, params)]

    def count(self, cancelled: Callable[[], bool] | None = None, also: Sequence[str] = ()) -> int | None:
        """Number of rows (of them those `also` holds for), or None if `cancelled` said stop."""
        where = [*self._where, *self._count_where, *also]
        sql = f"SELECT count(*) FROM {self._from} WHERE {' AND '.join(where)}"
        conn = self.store.db.conn
        if cancelled is not None:
            conn.set_progress_handler(lambda: 1 if cancelled() else 0, 20_000)
        try:
            return conn.execute(sql, [*self._params, *self._count_params]).fetchone()[0]
        except sqlite3.OperationalError as exc:
            if "interrupt" in str(exc).lower():
                return None
            raise
        finally:
            if cancelled is not None:
                conn.set_progress_handler(None, 0)

    # --- display rows --------------------------------------------------------------------
    def rows(self, ids: Sequence[int]) -> dict[int, dict[str, Any]]:
        """Display values of the given rows, keyed by id (a block of the visible window)."""
        if not ids:
            return {}
        kind, db = self.request.kind, self.store.db
        if kind == ENTERPRISES:
            sql = ("SELECT e.id, e.name, e.uscc, j.name, e.industry, e.main_products, e.contact_name,"
                   " e.contact_phone, e.updated_at, rc.risk_class FROM enterprise e"
                   " LEFT JOIN jurisdiction j ON j.code = e.jurisdiction_code"
                   " LEFT JOIN risk_cache rc ON rc.enterprise_id = e.id"
                   " WHERE e.id IN (SELECT value FROM json_each(?))")
            out = {}
            for r in db.execute(sql, [_json(ids)]):
                contact = " ".join(x for x in (r[6], r[7]) if x)
                out[r[0]] = {"id": r[0], "name": r[1], "uscc": r[2], "jurisdiction": r[3] or "",
                             "industry": r[4], "main_products": r[5], "contact": contact,
                             "updated_at": local_date(r[8]), "risk_class": r[9] or ""}
            return out
        if kind == VISITS:
            sql = ("SELECT v.id, v.visit_date, e.name, j.name, v.kind, v.status, v.inspectors,"
                   " v.conclusion, v.enterprise_id FROM visit v JOIN enterprise e ON e.id = v.enterprise_id"
                   " LEFT JOIN jurisdiction j ON j.code = e.jurisdiction_code"
                   " WHERE v.id IN (SELECT value FROM json_each(?))")
            names = self._inspector_names()
            out = {}
            for r in db.execute(sql, [_json(ids)]):
                try:
                    uuids = json.loads(r[6] or "[]")
                except ValueError:
                    uuids = []
                out[r[0]] = {"id": r[0], "visit_date": r[1], "enterprise": r[2], "jurisdiction": r[3] or "",
                             "kind": r[4], "status": r[5],
                             "inspectors": "、".join(names.get(u, "?") for u in uuids),
                             "conclusion": r[7], "enterprise_id": r[8]}
            return out
        # The sample's 复检 comes with the row (one statement for the block): an order whose sample
        # passed it shows 复检合格待撤销, never a deadline (rules.order_clock).
        sql = ("SELECT r.id, r.notice_no, e.name, r.requirement, r.ordered_on, r.deadline, r.extended_to,"
               " r.status, r.enterprise_id, r.report_submitted_on, r.recheck_due, r.closing_reason,"
               f" {retest_passed_sql('r')} FROM rectification r"
               " JOIN enterprise e ON e.id = r.enterprise_id WHERE r.id IN (SELECT value FROM json_each(?))")
        out = {}
        for r in db.execute(sql, [_json(ids)]):
            effective = r[6] or r[5]
            clock = order_clock(r[7], effective, r[9], r[10], self.today, retest_passed=bool(r[12]))
            out[r[0]] = {"id": r[0], "notice_no": r[1], "enterprise": r[2], "requirement": r[3],
                         "ordered_on": r[4], "deadline": effective, "extended": r[6] is not None,
                         "days_left": days_left(effective, self.today),
                         "status": WITHDRAWN if r[7] == "closed" and r[11] else r[7],
                         "closing_reason": r[11] or "", "clock": clock,
                         "overdue": clock.enterprise_late, "recheck_overdue": clock.recheck_late,
                         "enterprise_id": r[8]}
        return out

    def _inspector_names(self) -> dict[str, str]:
        if self._inspectors is None:
            self._inspectors = {r[0]: r[1] for r in self.store.db.execute("SELECT uuid, name FROM inspector")}
        return self._inspectors


def _typed_words(text: str) -> dict[str, str]:
    """Each searched word's FTS5 phrase and the word as typed (a 文号 is matched as typed)."""
    return {phrases[0]: word for word in text.split() if (phrases := word_phrases(word))}


def filter_choices(store: Store) -> dict[str, list[tuple[str, str]]]:
    """Values offered by the filter bar: jurisdictions (code, name) and industries (name, name)."""
    db = store.db
    juris = [(r[0], r[1]) for r in db.execute("SELECT code, name FROM jurisdiction ORDER BY code")]
    names = [r[0] for r in db.execute(
        "SELECT DISTINCT name FROM industry WHERE deleted_at IS NULL ORDER BY id")]
    return {"jurisdiction": juris, "industry": [(n, n) for n in names]}


def record_uuid(store: Store, kind: str, record_id: int) -> str | None:
    """The uuid of a listed row (the history dialog works with uuids); None if it is gone."""
    row = store.db.execute(f"SELECT uuid FROM {LIST_SPECS[kind].table} WHERE id = ?", [record_id]).fetchone()
    return row[0] if row else None


def position_of(source: ListSource, record_id: int) -> tuple[Any, ...] | None:
    """The keyset key of one record under the source's order (to find it after a refresh)."""
    a = source.spec.alias
    keys = ", ".join([*source.sort_exprs, source.id_term])
    row = source.store.db.execute(
        f"SELECT {keys} FROM {source._from} WHERE {a}.id = ?", [record_id]).fetchone()
    return tuple(row) if row else None
