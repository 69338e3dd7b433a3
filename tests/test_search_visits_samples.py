"""检查记录's search finds a visit by what was sampled there (product, trademark, batch) and by
who went (the inspectors' names), not only by the firm and the findings: "all spot checks of
电线电缆", "what did 汪涛志 do", on a real SQLite file, on small and large lists."""

from __future__ import annotations

import pytest

from qcdesk.models.codes import org_code_check_character, uscc_check_character
from qcdesk.models.enterprises import save_enterprise
from qcdesk.models.inspections import VisitBundle, load_visit, save_inspector, save_visit
from qcdesk.models.listing import VISITS, ListFilters, ListRequest, ListSource
from qcdesk.models.persistence import fetch_record
from qcdesk.models.records import Enterprise, Finding, Inspector, Sample, Visit
from qcdesk.models.search_index import reindex_enterprises, reindex_visits
from qcdesk.models.store import Store

TS = "2024-01-01T00:00:00.000000Z"


def code(n: int) -> str:
    org = f"MA4{n:05d}"
    first17 = f"91421202{org}{org_code_check_character(org)}"
    return first17 + uscc_check_character(first17)


def found(store: Store, text: str) -> list[int]:
    """What 检查记录's search box lists for `text` (its 共 N 条 agrees)."""
    source = ListSource(store, ListRequest(VISITS, ListFilters(search=text)))
    keys = source.page(None, 100_000)
    assert source.count() == len(keys), text
    return sorted(k[-1] for k in keys)


def sample(product: str, trademark: str = "", batch: str = "") -> Sample:
    return Sample(product_name=product, trademark=trademark, batch_no=batch, result="pending",
                  samplers=["汪涛志", "李娜"], seal_state="已封样（检验样品、备用样品）")


@pytest.fixture
def world(store: Store) -> dict[str, int]:
    """湖北泰通电气 makes switchgear but was sampled for 电线电缆; 汪涛志 went to two of three visits."""
    wang, li, zhao = (save_inspector(store, Inspector(name=n, jurisdiction_code="421202")).uuid
                      for n in ("汪涛志", "李娜", "赵小川"))
    switchgear = save_enterprise(store, Enterprise(uscc=code(1), name="湖北泰通电气有限公司",
                                                   jurisdiction_code="421202",
                                                   main_products="低压成套开关设备")).id
    tea = save_enterprise(store, Enterprise(uscc=code(2), name="赤壁市通凯砖茶有限公司",
                                            jurisdiction_code="421202", main_products="米砖茶")).id

    def visit(firm: int, day: str, crew: list[str], samples: list[Sample], findings: list[str] = ()) -> int:
        return save_visit(store, VisitBundle(
            Visit(enterprise_id=firm, visit_date=day, kind="spot_check", inspectors=crew, status="done"),
            samples=samples, findings=[Finding(description=d, severity="minor") for d in findings])).visit.id

    return {"cable": visit(switchgear, "2026-05-01", [wang, li], [sample("电线电缆", "泰通牌", "20260401A")]),
            "switchgear": visit(switchgear, "2026-05-02", [li, zhao], [sample("低压成套开关设备")]),
            "tea": visit(tea, "2026-05-03", [wang, zhao], [sample("米砖茶", "火车头", "20260301B")],
                         ["仓库标签不全"])}


def test_a_visit_is_found_by_its_sampled_product_trademark_and_batch(store: Store, world: dict) -> None:
    assert found(store, "电线电缆") == [world["cable"]]
    assert found(store, "湖北泰通电气有限公司 电线电缆") == [world["cable"]]  # firm + sampled product
    assert found(store, "泰通牌") == [world["cable"]]
    assert found(store, "20260401A") == [world["cable"]]
    assert found(store, "火车头 标签") == [world["tea"]]  # a trademark and a finding
    assert found(store, "泰通 米砖茶") == []  # the firm's words and another firm's sample


def test_a_visit_is_found_by_its_inspectors_names(store: Store, world: dict) -> None:
    assert found(store, "汪涛志") == [world["cable"], world["tea"]]
    assert found(store, "涛志") == [world["cable"], world["tea"]]  # part of a name
    assert found(store, "汪涛志 赵小川") == [world["tea"]]
    assert found(store, "汪涛志 电线") == [world["cable"]]
    assert found(store, "汪涛志 赵小川 电线") == []


def test_a_renamed_inspector_is_found_by_the_new_name(store: Store, world: dict) -> None:
    zhao = store.db.execute("SELECT id FROM inspector WHERE name = '赵小川'").fetchone()[0]
    person = fetch_record(store, Inspector, zhao)
    person.name = "赵晓川"
    save_inspector(store, person)
    assert found(store, "赵晓川") == [world["switchgear"], world["tea"]]
    assert found(store, "赵小川") == []


def test_a_changed_sample_is_found_by_what_it_now_says(store: Store, world: dict) -> None:
    bundle = load_visit(store, world["tea"])
    bundle.samples[0].trademark = "黑美人"
    save_visit(store, bundle)
    assert found(store, "黑美人") == [world["tea"]]
    assert found(store, "火车头") == []
    assert found(store, "20260301B") == [world["tea"]]


def test_a_removed_sample_no_longer_finds_its_visit(store: Store) -> None:
    """电线电缆 entered by mistake and removed (删除样品): "all spot checks of 电线电缆" must not
    list the visit, nor count it in 共 N 条."""
    crew = [save_inspector(store, Inspector(name=n, jurisdiction_code="421202")).uuid
            for n in ("汪涛志", "李娜")]
    firm = save_enterprise(store, Enterprise(uscc=code(1), name="湖北泰通电气有限公司",
                                             jurisdiction_code="421202")).id
    vid = save_visit(store, VisitBundle(
        Visit(enterprise_id=firm, visit_date="2026-05-01", kind="spot_check", inspectors=crew, status="done"),
        samples=[sample("电线电缆"), sample("低压成套开关设备")])).visit.id
    assert found(store, "电线电缆") == [vid]
    bundle = load_visit(store, vid)
    for s in bundle.samples:  # the editor's 删除样品: the row stays, marked deleted
        if s.product_name == "电线电缆":
            s.deleted_at = TS
    save_visit(store, bundle)
    assert found(store, "电线电缆") == []
    assert found(store, "开关设备") == [vid]


def test_many_visits_are_searched_by_sample_and_inspector_in_every_plan(store: Store) -> None:
    """6,000 visits inserted as an import would (no editor), then indexed: common and rare words,
    alone and with a word of the firm, go through the plans that walk the list in chunks too."""
    db = store.db
    with store.transaction():
        for n, name in enumerate(("汪涛志", "李娜", "赵小川"), start=1):
            db.execute("INSERT INTO inspector(uuid, created_at, updated_at, name, jurisdiction_code)"
                       " VALUES (?, ?, ?, ?, '421202')", [f"insp-{n}", TS, TS, name])
        db.execute("WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 10)"
                   " INSERT INTO enterprise(id, uuid, created_at, updated_at, uscc, name, jurisdiction_code,"
                   " industry) SELECT i, 'ent-' || i, ?, ?, printf('91%016d', i),"
                   " '咸宁企业' || i || '有限公司', '421202', '机电' FROM n", [TS, TS])
        db.execute("WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 6000)"
                   " INSERT INTO visit(id, uuid, created_at, updated_at, enterprise_id, visit_date, kind,"
                   " inspectors, status) SELECT i, 'vis-' || i, ?, ?, 1 + i % 10,"
                   " date('2018-01-01', '+' || (i % 2500) || ' days'), 'spot_check',"
                   " CASE WHEN i % 3 = 0 THEN '[\"insp-1\", \"insp-2\"]' ELSE '[\"insp-2\", \"insp-3\"]' END,"
                   " 'done' FROM n", [TS, TS])
        db.execute("INSERT INTO sample(uuid, created_at, updated_at, visit_id, product_name)"
                   " SELECT 'smp-' || id, ?, ?, id, CASE WHEN id % 500 = 7 THEN '电线电缆' ELSE '砂布' END"
                   " FROM visit", [TS, TS])
        reindex_enterprises(db.conn)
        reindex_visits(db.conn)
    rows = {r[0]: r[1:] for r in db.execute("SELECT id, enterprise_id, inspectors FROM visit")}
    cable = sorted(i for i in rows if i % 500 == 7)
    wang = sorted(i for i in rows if i % 3 == 0)
    assert found(store, "电线电缆") == cable
    assert found(store, "汪涛志") == wang
    assert found(store, "汪涛志 电线") == sorted(set(cable) & set(wang))
    assert found(store, "企业3 汪涛志") == sorted(i for i in wang if rows[i][0] == 3)
    assert found(store, "企业3 砂布 赵小川") == sorted(i for i in rows if rows[i][0] == 3 and i % 3
                                                   and i % 500 != 7)
