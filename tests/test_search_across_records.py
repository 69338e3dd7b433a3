"""A search of several words on the visit and rectification lists: each word may be found in the
enterprise or in a finding, not all in one record ("赤壁 标签" = Chibi visits with a label finding)."""

from __future__ import annotations

from pathlib import Path

import pytest
from test_list_model import fill_store

from qcdesk.models.codes import org_code_check_character, uscc_check_character
from qcdesk.models.enterprises import save_enterprise
from qcdesk.models.inspections import VisitBundle, save_visit
from qcdesk.models.listing import RECTIFICATIONS, VISITS, ListFilters, ListRequest, ListSource
from qcdesk.models.listing_chunks import Page
from qcdesk.models.records import Enterprise, Finding, Visit
from qcdesk.models.rectifications import order_rectification
from qcdesk.models.store import Store
from tests.inspector_pair import inspector_pair

LABEL = "预包装食品标签未标注生产日期"
SCALES = "检验用计量器具超过检定有效期"
RECORDS = "未建立原材料进货查验记录"


def code(n: int, area: str) -> str:
    org = f"MA4{n:05d}"
    first17 = f"91{area}{org}{org_code_check_character(org)}"
    return first17 + uscc_check_character(first17)


@pytest.fixture
def world(store: Store) -> dict[str, int]:
    """Two firms in 赤壁, one in 嘉鱼; visits with and without a 标签 finding, each finding with
    its rectification order."""
    firms = {name: save_enterprise(store, Enterprise(uscc=code(n, area), name=name, jurisdiction_code=area,
                                                     main_products=product)).id
             for n, (name, area, product) in enumerate([
                 ("赤壁市羊楼洞砖茶厂", "421281", "青砖茶"), ("赤壁市洞庄纺织有限公司", "421281", "棉纱"),
                 ("嘉鱼县管材有限公司", "421221", "PE管材")], start=1)}
    out = {}

    def visit(key: str, firm: str, day: str, *texts: str) -> None:
        bundle = save_visit(store, VisitBundle(
            Visit(enterprise_id=firms[firm], visit_date=day, kind="assistance",
                  inspectors=inspector_pair(store)),
            findings=[Finding(category="", description=t) for t in texts]))
        out[key] = bundle.visit.id
        for i, finding in enumerate(bundle.findings):
            rect = order_rectification(store, visit=bundle.visit, requirement=f"整改：{finding.description}",
                                       ordered_on=day, rule_set="samr18", finding=finding)
            out[f"{key}.rect{i}"] = rect.id

    visit("chibi_label", "赤壁市羊楼洞砖茶厂", "2026-05-01", LABEL)
    visit("chibi_other", "赤壁市羊楼洞砖茶厂", "2026-05-02", RECORDS)
    visit("chibi_none", "赤壁市洞庄纺织有限公司", "2026-05-03")
    visit("jiayu_label", "嘉鱼县管材有限公司", "2026-05-04", LABEL)
    visit("jiayu_two", "嘉鱼县管材有限公司", "2026-05-05", LABEL, SCALES)
    return out


def found(store: Store, kind: str, text: str, **filters: str) -> list[int]:
    source = ListSource(store, ListRequest(kind, ListFilters(search=text, **filters)))
    keys = source.page(None, 1000)
    assert source.count() == len(keys)  # the 共 N 条 figure agrees with the rows
    return sorted(k[-1] for k in keys)


def test_a_word_in_the_enterprise_and_one_in_a_finding_find_the_visit(store: Store, world: dict) -> None:
    assert found(store, VISITS, "赤壁 标签") == [world["chibi_label"]]
    assert found(store, VISITS, "标签 赤壁") == [world["chibi_label"]]  # order of words irrelevant
    assert found(store, VISITS, "赤壁　标签") == [world["chibi_label"]]  # ideographic space
    assert found(store, VISITS, '赤壁 "标签*') == [world["chibi_label"]]  # quotes, * are plain text
    assert found(store, VISITS, "砖茶 进货查验") == [world["chibi_other"]]  # product + finding
    assert found(store, VISITS, "赤壁 标签", jurisdiction="421281") == [world["chibi_label"]]
    assert found(store, VISITS, "赤壁 标签", jurisdiction="421221") == []
    assert found(store, VISITS, "赤壁 管材") == []  # two firms' words: no visit has both
    assert found(store, VISITS, "赤壁 标签 计量") == []


def test_words_may_be_found_in_different_findings_of_one_visit(store: Store, world: dict) -> None:
    assert found(store, VISITS, "标签 计量") == [world["jiayu_two"]]
    assert found(store, VISITS, "计量 管材 标签") == [world["jiayu_two"]]
    assert found(store, VISITS, "标签 管材") == [world["jiayu_label"], world["jiayu_two"]]


def test_a_rectification_is_found_by_its_enterprise_and_its_finding(store: Store, world: dict) -> None:
    assert found(store, RECTIFICATIONS, "赤壁 标签") == [world["chibi_label.rect0"]]
    assert found(store, RECTIFICATIONS, "标签 赤壁") == [world["chibi_label.rect0"]]
    assert found(store, RECTIFICATIONS, "嘉鱼 计量") == [world["jiayu_two.rect1"]]
    # a rectification is about one finding: the other findings of its visit do not count
    assert found(store, RECTIFICATIONS, "标签 计量") == []


def test_one_word_and_words_within_one_record_find_as_before(store: Store, world: dict) -> None:
    labels = sorted([world["chibi_label"], world["jiayu_label"], world["jiayu_two"]])
    assert found(store, VISITS, "标签") == labels
    assert found(store, VISITS, "赤壁 砖茶") == [world["chibi_label"], world["chibi_other"]]
    assert found(store, VISITS, "标签 生产日期") == labels  # both words in one finding


def test_the_list_page_search_box_finds_across_records(store: Store, world: dict, qtbot) -> None:
    from qcdesk.ui.list_pages import ListPage

    page = ListPage(store, VISITS)
    qtbot.addWidget(page)
    counts: list[str] = []
    page.count_changed.connect(counts.append)
    page.show()
    page.search.insert("赤壁 标签")  # as an input method commits it (QTest types ASCII only)
    qtbot.waitUntil(lambda: page.model.rowCount() == 1, timeout=3000)
    assert page.model.record_id(0) == world["chibi_label"]
    page.wait_for_count()
    qtbot.waitUntil(lambda: bool(counts) and counts[-1].endswith(" 1"), timeout=3000)


# --- a larger store: every way a list answers (gather, chunks) against plain SQL ------------------

def _oracle(store: Store, kind: str, words: list[str], jurisdiction: str = "") -> list[int]:
    """The rows a person would expect, with LIKE over the raw text, in the list's order."""
    def word_test(finding: str) -> str:
        return ("(e.name LIKE ? OR e.uscc LIKE ? OR e.main_products LIKE ? OR e.industry LIKE ?"
                f" OR {finding})")

    if kind == VISITS:
        finding = ("EXISTS (SELECT 1 FROM finding f WHERE f.visit_id = v.id AND f.deleted_at IS NULL"
                   " AND (f.description LIKE ? OR f.category LIKE ?))")
        sql = ("SELECT v.id FROM visit v JOIN enterprise e ON e.id = v.enterprise_id WHERE "
               + " AND ".join(word_test(finding) for _ in words)
               + " AND e.jurisdiction_code LIKE ? ORDER BY v.visit_date DESC, v.id DESC")
    else:
        finding = ("EXISTS (SELECT 1 FROM finding f WHERE f.id = r.finding_id"
                   " AND (f.description LIKE ? OR f.category LIKE ?))")
        sql = ("SELECT r.id FROM rectification r JOIN enterprise e ON e.id = r.enterprise_id WHERE "
               + " AND ".join(word_test(finding) for _ in words)
               + " AND e.jurisdiction_code LIKE ? ORDER BY coalesce(r.extended_to, r.deadline), r.id")
    params = [p for w in words for p in [f"%{w}%"] * 6] + [jurisdiction or "%"]
    return [r[0] for r in store.db.execute(sql, params)]


@pytest.fixture(scope="module")
def many_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("words") / "words.db"
    s = Store.open(path, author="test")
    fill_store(s, 300, 8_000, seed=11)
    s.close()
    return path


@pytest.fixture
def many(many_path: Path) -> Store:
    s = Store.open(many_path, author="test")
    yield s
    s.close()


def all_keys(source: ListSource, page: int = 97) -> list[int]:
    out, after = [], None
    while True:
        keys = source.page(after, page)
        out += [k[-1] for k in keys]
        if len(keys) < page:
            return out
        after = keys[-1]


# 砖茶 names firms and a finding (砖茶含氟量超标); 包装, 检定, 壁厚 only findings; 恒, 电解液 only firms
QUERIES = ["砖茶 包装", "包装 砖茶", "恒 检定", "电解液 恒", "管材 壁厚", "包装 检定", "砖茶 含氟 恒",
           "苎麻 标识 检验"]


@pytest.mark.parametrize("kind", [VISITS, RECTIFICATIONS])
@pytest.mark.parametrize("way", ["as shipped", "chunks", "gathered after probing"])
def test_every_word_in_the_enterprise_or_a_finding_matches_sql(
        many: Store, monkeypatch: pytest.MonkeyPatch, kind: str, way: str) -> None:
    import qcdesk.models.listing as listing

    if way != "as shipped":  # few rows gathered, findings past the first 10 asked of FTS per chunk
        monkeypatch.setattr(listing, "FTS_GATHER_LIMIT", 10)
        monkeypatch.setattr(listing, "GATHER_LIMIT", 10)
        gather = way != "chunks"  # what the first rows of the list would have advised
        monkeypatch.setattr(listing, "prefer_exact", lambda *_a: (gather, Page([], None, False)))
    modes = set()
    for query in QUERIES:
        for jurisdiction in ("", "421281"):
            expected = _oracle(many, kind, query.split(), jurisdiction)
            source = ListSource(many, ListRequest(kind, ListFilters(search=query, jurisdiction=jurisdiction)))
            modes.add(source.mode)
            assert all_keys(source) == expected, (query, jurisdiction, source.mode)
            assert source.count() == len(expected)
    assert _oracle(many, kind, ["砖茶", "包装"]) and _oracle(many, kind, ["恒", "检定"])  # not vacuous
    assert {"as shipped": "gather", "chunks": "chunk", "gathered after probing": "gather"}[way] in modes


def test_the_first_rows_decide_between_walking_the_list_and_gathering(
        many: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    """Two words matching few visits together are gathered (a first page would walk most of the
    list); words matching many are read in chunks, the first page being read already."""
    import qcdesk.models.listing as listing

    monkeypatch.setattr(listing, "GATHER_LIMIT", 10)
    sparse = ListSource(many, ListRequest(VISITS, ListFilters(search="砖茶 检定")))
    assert sparse.mode == "gather"
    expected = _oracle(many, VISITS, ["砖茶", "检定"])
    assert 0 < len(expected) < 100  # in 8,000 visits: a first page would walk them all
    assert all_keys(sparse) == expected and sparse.count() == len(expected)
    dense = ListSource(many, ListRequest(VISITS, ListFilters(search="砖茶 咸宁")))
    assert dense.mode == "chunk"
    expected = _oracle(many, VISITS, ["砖茶", "咸宁"])
    assert len(expected) > 300
    assert [k[-1] for k in dense.read(None, 100, None).keys] == expected[:100]
    assert [k[-1] for k in dense.read(None, 30).keys] == expected[:30]
    assert all_keys(dense) == expected and dense.count() == len(expected)
