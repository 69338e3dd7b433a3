"""Lazy list models: really lazy, correct against direct SQL, and sound by QAbstractItemModelTester."""

from __future__ import annotations

import json
import random
from datetime import date, timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from qcdesk.models.jurisdictions import JURISDICTIONS, LEADING_INDUSTRIES
from qcdesk.models.listing import (
    ENTERPRISES,
    OVERDUE,
    RECTIFICATIONS,
    VISITS,
    ListFilters,
    ListRequest,
    ListSource,
)
from qcdesk.models.rules import is_overdue
from qcdesk.models.search_text import tokens
from qcdesk.models.store import Store

WORDS = ("砖茶", "管材", "砂布", "云母", "石材", "竹木", "苎麻", "服装", "电解液", "机电")
FINDINGS = ("标签标识不规范", "出厂检验记录缺失", "原料进货查验不全", "计量器具未检定",
            "生产环境卫生差", "包装破损", "砖茶含氟量超标", "管材壁厚不足")


def fill_store(store: Store, enterprises: int, visits: int, seed: int = 7) -> None:
    """Quick synthetic data straight into the tables (test-only; the demo generator is richer)."""
    rnd = random.Random(seed)
    codes = [j.code for j in JURISDICTIONS if j.code != "421200"]
    ts = "2024-01-01T00:00:00.000000Z"
    db = store.db
    with store.transaction():
        db.execute("INSERT INTO inspector(uuid, created_at, updated_at, name, jurisdiction_code)"
                   " VALUES ('insp-1', ?, ?, '张明', '421202'), ('insp-2', ?, ?, '李华', '421221')",
                   [ts] * 4)
        ent_rows, fts_rows = [], []
        for i in range(1, enterprises + 1):
            code = rnd.choice(codes)
            industry = rnd.choice(LEADING_INDUSTRIES.get(code, ("机电",)))
            word = rnd.choice(WORDS)
            name = f"咸宁{rnd.choice('恒泰宏达鑫源华兴福瑞')}{i:05d}{word}有限公司"
            uscc = f"91{i:016d}"
            product = f"{word}制品"
            ent_rows.append((i, f"ent-{i}", ts, ts, uscc, name, code, industry, product))
            fts_rows.append((i, tokens(name, uscc, product, industry)))
        db.conn.executemany(
            "INSERT INTO enterprise(id, uuid, created_at, updated_at, uscc, name, jurisdiction_code,"
            " industry, main_products) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", ent_rows)
        db.conn.executemany("INSERT INTO enterprise_fts(rowid, tokens) VALUES (?, ?)", fts_rows)
        kinds = ("spot_check", "licence_followup", "assistance", "recheck", "special")
        statuses = ("planned", "draft", "done", "done", "done")
        start = date(2016, 7, 1)
        batch_v, batch_f, batch_ft, batch_r = [], [], [], []
        finding_id = 0
        for v in range(1, visits + 1):
            day = (start + timedelta(days=rnd.randrange(3000))).isoformat()
            ent = rnd.randrange(1, enterprises + 1)
            batch_v.append((v, f"vis-{v}", ts, ts, ent, day, rnd.choice(kinds),
                            json.dumps(["insp-1", "insp-2"]), rnd.choice(statuses), "结论"))
            if rnd.random() < 0.3:
                finding_id += 1
                text = rnd.choice(FINDINGS)
                batch_f.append((finding_id, f"fin-{finding_id}", ts, ts, v, text))
                batch_ft.append((finding_id, tokens("", text)))
                if rnd.random() < 0.3:
                    deadline = (date.fromisoformat(day) + timedelta(days=60)).isoformat()
                    status = rnd.choice(("open", "report_submitted", "closed", "awaiting_recheck"))
                    extended = deadline if rnd.random() < 0.1 else None
                    batch_r.append((finding_id, f"rec-{finding_id}", ts, ts, ent, v, finding_id,
                                    f"整改：{text}", "samr18", day, deadline, deadline, extended, status,
                                    f"咸市监质改〔2024〕{finding_id}号"))
            if len(batch_v) >= 50_000 or v == visits:
                db.conn.executemany(
                    "INSERT INTO visit(id, uuid, created_at, updated_at, enterprise_id, visit_date, kind,"
                    " inspectors, status, conclusion) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", batch_v)
                db.conn.executemany(
                    "INSERT INTO finding(id, uuid, created_at, updated_at, visit_id, description)"
                    " VALUES (?, ?, ?, ?, ?, ?)", batch_f)
                db.conn.executemany("INSERT INTO finding_fts(rowid, tokens) VALUES (?, ?)", batch_ft)
                db.conn.executemany(
                    "INSERT INTO rectification(id, uuid, created_at, updated_at, enterprise_id, visit_id,"
                    " finding_id, requirement, rule_set, ordered_on, deadline, recheck_due, extended_to,"
                    " status, notice_no) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", batch_r)
                batch_v, batch_f, batch_ft, batch_r = [], [], [], []


@pytest.fixture(scope="module")
def big_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("lists") / "lists.db"
    s = Store.open(path, author="test")
    fill_store(s, 800, 20_000)
    s.close()
    return path


@pytest.fixture
def big(big_path: Path) -> Store:
    s = Store.open(big_path, author="test")
    yield s
    s.close()


def all_ids(source: ListSource, page: int = 997) -> list[int]:
    out, after = [], None
    while True:
        keys = source.page(after, page)
        out += [k[-1] for k in keys]
        if len(keys) < page:
            return out
        after = keys[-1]


def test_enterprise_order_matches_sql(big: Store) -> None:
    src = ListSource(big, ListRequest(ENTERPRISES))
    expected = [r[0] for r in big.db.execute(
        "SELECT id FROM enterprise WHERE deleted_at IS NULL ORDER BY name COLLATE pinyin, id")]
    assert all_ids(src) == expected
    src = ListSource(big, ListRequest(ENTERPRISES, ListFilters(jurisdiction="421221"), "uscc", True))
    expected = [r[0] for r in big.db.execute(
        "SELECT id FROM enterprise WHERE jurisdiction_code = '421221' ORDER BY uscc DESC, id DESC")]
    assert all_ids(src, 37) == expected


@pytest.mark.parametrize("sort,desc,order_sql", [
    ("visit_date", True, "v.visit_date DESC, v.id DESC"),
    ("visit_date", False, "v.visit_date, v.id"),
    ("status", False, "v.status, v.visit_date, v.id"),
    ("enterprise", True, "e.name COLLATE pinyin DESC, v.enterprise_id DESC, v.visit_date DESC, v.id DESC"),
])
def test_visit_pages_match_sql(big: Store, sort: str, desc: bool, order_sql: str) -> None:
    filters = ListFilters(jurisdiction="421281", date_from="2018-01-01", date_to="2020-12-31")
    src = ListSource(big, ListRequest(VISITS, filters, sort, desc))
    expected = [r[0] for r in big.db.execute(
        "SELECT v.id FROM visit v JOIN enterprise e ON e.id = v.enterprise_id WHERE e.jurisdiction_code ="
        " '421281' AND v.visit_date BETWEEN '2018-01-01' AND '2020-12-31' ORDER BY " + order_sql)]
    assert len(expected) > 500
    assert all_ids(src, 101) == expected
    assert src.count() == len(expected)


def test_visit_search_finds_enterprises_and_findings(big: Store) -> None:
    for query in ("砖茶", "壁厚", "含氟", "标签标识", "宁恒"):
        src = ListSource(big, ListRequest(VISITS, ListFilters(search=query)))
        expected = {r[0] for r in big.db.execute(
            "SELECT v.id FROM visit v JOIN enterprise e ON e.id = v.enterprise_id"
            " WHERE e.name LIKE ? OR e.main_products LIKE ? OR e.industry LIKE ? OR EXISTS (SELECT 1"
            " FROM finding f WHERE f.visit_id = v.id AND f.description LIKE ?)", [f"%{query}%"] * 4)}
        got = all_ids(src, 500)
        assert len(got) == len(set(got))
        assert set(got) == expected, query
        assert expected and src.count() == len(expected)


def test_search_common_term_checked_in_chunks_stays_correct(big: Store, monkeypatch) -> None:
    import qcdesk.models.listing as listing
    import qcdesk.models.listing_chunks as listing_chunks

    monkeypatch.setattr(listing, "FTS_GATHER_LIMIT", 10)
    monkeypatch.setattr(listing, "GATHER_LIMIT", 10)
    monkeypatch.setattr(listing_chunks, "CHUNK_ROWS", 37)
    src = ListSource(big, ListRequest(VISITS, ListFilters(search="包装", jurisdiction="421202")))
    assert src.mode == "chunk"
    expected = [r[0] for r in big.db.execute(
        "SELECT v.id FROM visit v JOIN enterprise e ON e.id = v.enterprise_id WHERE e.jurisdiction_code"
        " IN ('421202', '421202-HTZ') AND (e.name LIKE '%包装%' OR e.industry LIKE '%包装%'"
        " OR EXISTS (SELECT 1 FROM finding f WHERE f.visit_id = v.id AND f.description LIKE '%包装%'))"
        " ORDER BY v.visit_date DESC, v.id DESC")]
    assert expected and all_ids(src, 50) == expected
    assert src.count() == len(expected)
    rect = ListSource(big, ListRequest(RECTIFICATIONS, ListFilters(search="壁厚"), "enterprise", True))
    assert rect.mode == "chunk"
    expected = [r[0] for r in big.db.execute(
        "SELECT r.id FROM rectification r JOIN enterprise e ON e.id = r.enterprise_id JOIN finding f"
        " ON f.id = r.finding_id WHERE f.description LIKE '%壁厚%' OR e.name LIKE '%壁厚%'"
        " ORDER BY e.name COLLATE pinyin DESC, e.id DESC, r.id DESC")]
    assert expected and all_ids(rect, 20) == expected
    assert rect.count() == len(expected)


def test_enterprise_search_two_chars_and_uscc(big: Store) -> None:
    name = big.db.execute("SELECT name, uscc FROM enterprise WHERE id = 17").fetchone()
    for query in (name[0][2:4], name[1][-6:], name[0][-6:-4]):
        ids = all_ids(ListSource(big, ListRequest(ENTERPRISES, ListFilters(search=query))))
        assert 17 in ids, query
    assert all_ids(ListSource(big, ListRequest(ENTERPRISES, ListFilters(search="不存在的词")))) == []
    assert all_ids(ListSource(big, ListRequest(ENTERPRISES, ListFilters(search="  ，")))) == []


def test_rectification_overdue_and_effective_deadline(big: Store) -> None:
    today = date(2020, 6, 1)
    src = ListSource(big, ListRequest(RECTIFICATIONS, ListFilters(status=OVERDUE)), today=today)
    # The rule itself (rules.is_overdue, in Python) picks the expected rows: the enterprise is late.
    expected = [r[0] for r in big.db.execute(
        "SELECT id, status, coalesce(extended_to, deadline), report_submitted_on FROM rectification"
        " WHERE deleted_at IS NULL ORDER BY coalesce(extended_to, deadline), id")
        if is_overdue(r[1], r[2], r[3], today)]
    got = all_ids(src, 77)
    assert got == expected and expected
    rows = src.rows(got[:50])
    assert all(rows[i]["overdue"] and rows[i]["days_left"] < 0 for i in got[:50])
    # Orders with their report in (none came late here) are not the enterprise's overdue.
    assert {r[0] for r in big.db.execute("SELECT DISTINCT status FROM rectification WHERE id IN"
                                         " (SELECT value FROM json_each(?))", [json.dumps(got)])} == {"open"}
    search = ListSource(big, ListRequest(RECTIFICATIONS, ListFilters(search="壁厚")))
    assert all("壁厚" in r["requirement"] for r in search.rows(all_ids(search)).values())


def test_model_is_lazy_and_passes_modeltester(big: Store, qtmodeltester) -> None:
    from qcdesk.ui.list_model import LazyListModel
    from qcdesk.ui.list_pages import columns_for

    model = LazyListModel(big, ListRequest(VISITS), columns_for(VISITS))
    assert model.loaded_ids <= 300 and model.canFetchMore()
    assert model.cached_blocks == 0
    model.data(model.index(5, 1))
    assert model.cached_blocks == 1
    qtmodeltester.check(model)
    model.fetchMore()
    model.fetchMore()
    assert 300 <= model.rowCount() < 20_000  # the tester fetches a page of its own too
    qtmodeltester.check(model)
    model.set_filters(ListFilters(search="砖茶", status="done", jurisdiction="421281"))
    qtmodeltester.check(model)
    model.sort(model.column_of("enterprise"), Qt.SortOrder.DescendingOrder)
    assert model.request.sort == "enterprise" and model.request.descending
    qtmodeltester.check(model)
    while model.canFetchMore():
        model.fetchMore()
    for i in range(0, model.rowCount(), 7):
        model.data(model.index(i, 0))
    assert model.cached_blocks <= 12


@pytest.mark.parametrize("kind", [ENTERPRISES, VISITS, RECTIFICATIONS])
def test_every_list_model_modeltester(big: Store, qtmodeltester, kind: str) -> None:
    from qcdesk.ui.list_model import LazyListModel
    from qcdesk.ui.list_pages import columns_for

    model = LazyListModel(big, ListRequest(kind), columns_for(kind), page_size=50)
    qtmodeltester.check(model)
    for column in range(model.columnCount()):
        model.sort(column)
    model.set_filters(ListFilters(search="有限", date_from="2017-01-01"))
    model.fetchMore()
    qtmodeltester.check(model)
    model.refresh()
    qtmodeltester.check(model)


def test_first_page_plans_use_indexes(big: Store) -> None:
    for kind, sort in ((ENTERPRISES, ""), (VISITS, ""), (RECTIFICATIONS, ""),
                       (VISITS, "enterprise"), (RECTIFICATIONS, "enterprise")):
        src = ListSource(big, ListRequest(kind, sort=sort))
        plan = " | ".join(src.explain())
        assert "TEMP B-TREE" not in plan, (kind, plan)


@pytest.mark.parametrize("sort", ["visit_date", "kind", "status", "enterprise"])
def test_visit_status_kind_industry_filters_match_sql(big: Store, sort: str) -> None:
    industry = big.db.execute("SELECT industry FROM enterprise WHERE id = 5").fetchone()[0]
    filters = ListFilters(status="draft", kind="spot_check", industry=industry)
    src = ListSource(big, ListRequest(VISITS, filters, sort, False))
    order = {"visit_date": "v.visit_date", "kind": "v.kind, v.visit_date", "status": "v.status, v.visit_date",
             "enterprise": "e.name COLLATE pinyin, e.id, v.visit_date"}[sort]
    expected = [r[0] for r in big.db.execute(
        "SELECT v.id FROM visit v JOIN enterprise e ON e.id = v.enterprise_id WHERE v.status = 'draft'"
        f" AND v.kind = 'spot_check' AND e.industry = ? ORDER BY {order}, v.id", [industry])]
    assert expected and all_ids(src, 29) == expected
    assert src.count() == len(expected)


def test_enterprise_risk_class_column_sort_and_filter(store: Store) -> None:
    from qcdesk.models.risk import refresh_risk

    fill_store(store, 60, 600)
    refresh_risk(store, as_of=date(2024, 6, 30), full=True)
    classes = dict(store.db.execute("SELECT enterprise_id, risk_class FROM risk_cache"))
    assert classes
    src = ListSource(store, ListRequest(ENTERPRISES, sort="risk_class", descending=True))
    ids = all_ids(src, 7)
    expected = [r[0] for r in store.db.execute(
        "SELECT e.id FROM enterprise e LEFT JOIN risk_cache c ON c.enterprise_id = e.id"
        " WHERE e.deleted_at IS NULL"
        " ORDER BY coalesce(c.risk_class, '') DESC, e.name COLLATE pinyin DESC, e.id DESC")]
    assert ids == expected
    rows = src.rows(ids[:20])
    assert all(rows[i]["risk_class"] == classes.get(i, "") for i in ids[:20])
    wanted = sorted(classes.values())[-1]
    only = ListSource(store, ListRequest(ENTERPRISES, ListFilters(risk_class=wanted)))
    assert sorted(all_ids(only)) == sorted(i for i, c in classes.items() if c == wanted)


def sparse_search(big: Store, monkeypatch: pytest.MonkeyPatch, kind: str,
                  jurisdiction: str = "") -> tuple[ListRequest, list[int]]:
    """A search matching one finding text in ~30 (计量器具未检定), checked chunk by chunk."""
    import qcdesk.models.listing as listing

    monkeypatch.setattr(listing, "FTS_GATHER_LIMIT", 10)
    monkeypatch.setattr(listing, "GATHER_LIMIT", 10)
    filters = ListFilters(search="检定", jurisdiction=jurisdiction)
    if kind == VISITS:
        request = ListRequest(VISITS, filters)
        sql = ("SELECT v.id FROM visit v JOIN enterprise e ON e.id = v.enterprise_id WHERE EXISTS (SELECT 1"
               " FROM finding f WHERE f.visit_id = v.id AND f.description LIKE '%检定%')"
               " AND e.jurisdiction_code LIKE ? ORDER BY v.visit_date DESC, v.id DESC")
    else:
        request = ListRequest(RECTIFICATIONS, filters, "enterprise", True)
        sql = ("SELECT r.id FROM rectification r JOIN enterprise e ON e.id = r.enterprise_id JOIN finding f"
               " ON f.id = r.finding_id WHERE f.description LIKE '%检定%' AND e.jurisdiction_code LIKE ?"
               " ORDER BY e.name COLLATE pinyin DESC, e.id DESC, r.id DESC")
    assert ListSource(big, request).mode == "chunk"
    total = big.db.execute(f"SELECT count(*) FROM {kind}").fetchone()[0]
    # 421202% is 咸安区 with 咸宁高新区 (421202-HTZ), the area a filter on 咸安区 takes in
    expected = [r[0] for r in big.db.execute(sql, [jurisdiction + "%"])]
    assert 50 < len(expected) < total / 5
    return request, expected


@pytest.mark.parametrize("kind", [VISITS, RECTIFICATIONS])
def test_budgeted_reads_of_a_sparse_search_return_every_match_in_order(
        big: Store, monkeypatch: pytest.MonkeyPatch, kind: str) -> None:
    request, expected = sparse_search(big, monkeypatch, kind)
    src = ListSource(big, request)
    got, sizes, after = [], [], None
    while True:
        page = src.read(after, 50, budget=40)
        got += [k[-1] for k in page.keys]
        sizes.append(len(page.keys))
        after = page.resume
        if page.ended:
            break
    assert got == expected
    assert 0 in sizes[:-1] and any(0 < n < 50 for n in sizes[:-1])  # short pages before the real end
    assert src.read(after, 50, budget=40).keys == []
    assert all_ids(src, 50) == expected  # unbudgeted pages are full until the end, as before


def test_model_fetches_a_sparse_search_in_partial_pages_until_the_real_end(
        big: Store, monkeypatch: pytest.MonkeyPatch, qtmodeltester, qtbot) -> None:
    from qcdesk.ui.list_model import LazyListModel
    from qcdesk.ui.list_pages import columns_for

    # One district keeps the row count small: the model tester re-checks every row on each insert.
    request, expected = sparse_search(big, monkeypatch, VISITS, "421202")
    model = LazyListModel(big, request, columns_for(VISITS), page_size=20, fetch_budget=40)
    qtmodeltester.check(model)
    steps, waited = [], False
    while model.canFetchMore():
        assert model.rowCount() <= len(expected)
        before = model.rowCount()
        model.fetchMore()
        steps.append(model.rowCount() - before)
        if steps[-1] == 0 and model.canFetchMore() and not waited:
            # Nothing in this slice: the model goes on by itself, as a view left at its end needs.
            qtbot.waitUntil(lambda n=before: model.rowCount() > n or not model.canFetchMore(), timeout=5000)
            waited = True
    assert waited and any(0 < n < 20 for n in steps)
    assert [model.record_id(i) for i in range(model.rowCount())] == expected
    model.fetchMore()
    assert model.rowCount() == len(expected) and not model.canFetchMore()
    qtmodeltester.check(model)
