"""With 视图 ▸ 显示已删除 on, the visit list's search finds a deleted visit by its own words (its
samples, findings and inspectors) and a visit of a deleted firm by the firm's words, as it finds
a live one; with the toggle off it finds neither. Before, a deleted visit was found only through
a live firm's words: the search indexes leave deleted rows out. The list's plans (gathered, in
chunks) and its keyset pages stay; the count agrees with the rows listed."""

from __future__ import annotations

import pytest

from qcdesk.models.enterprises import save_enterprise
from qcdesk.models.inspections import VisitBundle, save_inspector, save_visit
from qcdesk.models.listing import VISITS, ListFilters, ListRequest, ListSource
from qcdesk.models.listing_chunks import Page
from qcdesk.models.records import Enterprise, Finding, Inspector, Sample, Visit
from qcdesk.models.removal import delete_enterprise, delete_visit
from qcdesk.models.store import Store


def _sample(product: str, trademark: str = "") -> Sample:
    return Sample(product_name=product, trademark=trademark, result="pending", samplers=["王磊", "李娜"],
                  seal_state="已封样（检验样品、备用样品）")


@pytest.fixture
def world(store: Store) -> dict[str, int]:
    """赤壁羊楼洞茶业 (live): a live visit by 李娜, a deleted one by 王磊 with a 川字 sample and a
    finding about 标签; 嘉鱼管材厂 deleted with its visit (a PE给水管 sample); many live visits of
    another firm so that the chunk plan has rows to walk."""
    li, wang = (save_inspector(store, Inspector(name=n, jurisdiction_code="421281")).uuid
                for n in ("李娜", "王磊"))
    tea = save_enterprise(store, Enterprise(uscc="91421281MA4KL5FE07", name="赤壁羊楼洞茶业",
                                            jurisdiction_code="421281")).id
    pipes = save_enterprise(store, Enterprise(uscc="91421221MA4E3XHX15", name="嘉鱼管材厂",
                                              jurisdiction_code="421221")).id
    other = save_enterprise(store, Enterprise(uscc="92421281MA4C3FYL02", name="赤壁黑茶作坊",
                                              jurisdiction_code="421281")).id

    def visit(firm: int, day: str, crew: list[str], samples: list[Sample],
              findings: tuple[str, ...] = ()) -> int:
        return save_visit(store, VisitBundle(
            Visit(enterprise_id=firm, visit_date=day, kind="spot_check", inspectors=crew, status="done"),
            samples=samples, findings=[Finding(description=d, severity="minor") for d in findings])).visit.id

    ids = {"live": visit(tea, "2026-05-01", [li, wang], [_sample("青砖茶")]),
           "gone": visit(tea, "2026-05-02", [wang, li], [_sample("米砖茶", "川字")], ("仓库标签不全",)),
           "pipe": visit(pipes, "2026-05-03", [wang, li], [_sample("PE给水管")])}
    for day in range(1, 29):
        visit(other, f"2026-04-{day:02d}", [li, wang], [_sample("黑茶")], ("砖茶台账不全",))
    delete_visit(store, ids["gone"])
    delete_visit(store, ids["pipe"])
    delete_enterprise(store, pipes)
    return ids


def found(store: Store, text: str, deleted: bool = True) -> list[int]:
    """The visit list's rows for `text`, read in keyset pages of 5; its 共 N 条 agrees."""
    source = ListSource(store, ListRequest(VISITS, ListFilters(search=text, deleted=deleted)))
    keys, after = [], None
    while True:
        page = source.read(after, 5, None)
        keys += page.keys
        if page.ended:
            break
        after = page.resume
    assert source.count() == len(keys), (text, source.mode)
    return sorted(k[-1] for k in keys)


@pytest.mark.parametrize("way", ["as shipped", "chunks", "gathered after probing"])
def test_deleted_visits_are_found_by_their_own_words(store: Store, world: dict[str, int],
                                                      monkeypatch: pytest.MonkeyPatch, way: str) -> None:
    import qcdesk.models.listing as listing

    if way != "as shipped":  # few rows gathered: the plans a big county's list takes
        monkeypatch.setattr(listing, "FTS_GATHER_LIMIT", 2)
        monkeypatch.setattr(listing, "GATHER_LIMIT", 2)
        gather = way != "chunks"
        monkeypatch.setattr(listing, "prefer_exact", lambda *_a: (gather, Page([], None, False)))
    live, gone, pipe = world["live"], world["gone"], world["pipe"]
    assert found(store, "川字") == [gone]  # a sample's trademark
    assert found(store, "米砖茶") == [gone]  # a sample's product (another firm's name holds it too…)
    assert found(store, "标签") == [gone]  # a finding
    assert found(store, "赤壁 标签") == [gone]  # the live firm and the deleted visit's finding
    assert found(store, "川字 标签") == [gone]  # two words of the deleted visit
    assert found(store, "给水管") == [pipe]  # the deleted firm's visit, by its sample
    assert found(store, "嘉鱼管材") == [pipe]  # … by the deleted firm's name
    assert found(store, "91421221MA4E3XHX15") == [pipe]  # … by its credit code
    assert found(store, "管材 给水管") == [pipe]
    assert found(store, "青砖茶") == [live]  # live rows as before
    # a word live findings hold too (砖茶台账不全), in chunks too: the deleted visit's finding
    # (仓库标签不全) and sample (米砖茶) as well, and, toggle on or off, the live visit's sample (青砖茶)
    others = found(store, "台账")
    assert len(others) == 28
    assert found(store, "不全") == sorted([gone, *others])
    assert found(store, "砖茶") == sorted([live, gone, *others])
    assert found(store, "砖茶", deleted=False) == sorted([live, *others])
    assert pipe in found(store, "王磊") and gone in found(store, "王磊") and live in found(store, "王磊")
    for text in ("川字", "标签", "给水管", "嘉鱼管材", "管材 给水管"):  # toggle off: none of them
        assert found(store, text, deleted=False) == [], text
    assert found(store, "王磊", deleted=False) == sorted(set(found(store, "王磊")) - {gone, pipe})


def test_a_deleted_visit_s_own_words_are_those_deleted_with_it(store: Store, world: dict[str, int]) -> None:
    """A finding removed from the visit before the visit was deleted is not the visit's any more."""
    from qcdesk.models.inspections import load_visit
    from qcdesk.models.removal import restore_visit

    restore_visit(store, world["gone"])
    bundle = load_visit(store, world["gone"])
    assert bundle is not None
    bundle.findings[0].deleted_at = "2026-05-02T08:00:00Z"
    save_visit(store, bundle)
    delete_visit(store, world["gone"])
    assert found(store, "标签") == []
    assert found(store, "川字") == [world["gone"]]


def test_the_list_finds_them_in_the_window(qtbot, store: Store, world: dict[str, int]) -> None:  # noqa: ANN001
    """The visit list with 显示已删除 on: typing 川字 lists the deleted visit, marked."""
    from qcdesk.ui.list_pages import ListPage

    page = ListPage(store, VISITS)
    qtbot.addWidget(page)
    qtbot.waitUntil(lambda: page.model.rowCount() == 29)  # the live visits
    page.deleted_rows.box.setChecked(True)
    page.search.setText("川字")  # typed
    page.apply()  # as the search box's pause after typing does
    qtbot.waitUntil(lambda: page.model.rowCount() == 1)
    assert page.model.record_id(0) == world["gone"]
    status = page.model.column_of("status")
    assert page.model.index(0, status).data() == "已删除" or page.model.index(0, status).data() == "Deleted"
    page.deleted_rows.box.setChecked(False)
    qtbot.waitUntil(lambda: page.model.rowCount() == 0)
