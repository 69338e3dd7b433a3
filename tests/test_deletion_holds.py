"""A package's deletion of a visit or a firm is one decision, never a hollow record (review r4
A1, A2): through export -> merge, whatever order the packages come in, no live sample or finding
sits under a deleted visit and no live visit under a deleted firm unless the clerk sees an open
conflict; the import says so; resolving either way keeps the visit and its rows together."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from exchange_fixtures import dump, export_to, merge
from sqlite_utils import Database

from qcdesk.exchange.deletion_holds import DeletionRefused
from qcdesk.exchange.reconcile import resolve_conflict
from qcdesk.models.enterprises import save_enterprise
from qcdesk.models.persistence import fetch_record, insert_record, update_record
from qcdesk.models.records import Enterprise, Finding, Sample, Visit
from qcdesk.models.removal import delete_enterprise, delete_visit
from qcdesk.models.store import Store

A, B = "AAAAAAAAAAAAAAAA", "BBBBBBBBBBBBBBBB"
X = "91421281MA4KL5FE07"
FIRM = "赤壁羊楼洞茶业"


def _copy(store: Store) -> Store:
    conn = sqlite3.connect(":memory:", isolation_level=None)
    store.db.conn.backup(conn)
    return Store(Database(conn), None, store.author)


def _q(store: Store, sql: str) -> list[tuple]:
    return store.db.execute(sql).fetchall()


def _open(store: Store) -> list[tuple[str, str]]:
    return sorted(_q(store, "SELECT kind, reason FROM exchange_conflict WHERE resolved_at IS NULL"))


def _consistent(store: Store) -> None:
    """No live row under a deleted one, unless an open conflict on the parent shows it."""
    assert _q(store, "SELECT s.id FROM sample s JOIN visit v ON v.id = s.visit_id"
                     " WHERE s.deleted_at IS NULL AND v.deleted_at IS NOT NULL") == []
    assert _q(store, "SELECT f.id FROM finding f JOIN visit v ON v.id = f.visit_id"
                     " WHERE f.deleted_at IS NULL AND v.deleted_at IS NOT NULL") == []
    assert _q(store, "SELECT v.id FROM visit v JOIN enterprise e ON e.id = v.enterprise_id"
                     " WHERE v.deleted_at IS NULL AND e.deleted_at IS NOT NULL") == []


def _not_hollow(store: Store) -> None:
    """A live visit keeps the samples and findings deleted with a deletion it did not take."""
    assert _q(store, "SELECT v.id FROM visit v WHERE v.deleted_at IS NULL AND EXISTS (SELECT 1"
                     " FROM sample s WHERE s.visit_id = v.id AND s.deleted_at = (SELECT"
                     " json_extract(row_json, '$.deleted_at') FROM exchange_conflict c WHERE"
                     " c.uuid = v.uuid AND c.resolved_at IS NULL))") == []


def _inspected(insp: Store) -> tuple[Enterprise, Visit, Sample, Finding]:
    firm = save_enterprise(insp, Enterprise(uscc=X, name=FIRM, jurisdiction_code="421281"))
    v = insert_record(insp, Visit(enterprise_id=firm.id, visit_date="2026-03-02", status="done",
                                  kind="spot_check", summary="抽样"))
    s = insert_record(insp, Sample(visit_id=v.id, product_name="砖茶", result="pass"))
    f = insert_record(insp, Finding(visit_id=v.id, description="标签不规范"))
    return firm, v, s, f


def _resolve(store: Store, kind: str, take: bool) -> None:
    [(cid,)] = _q(store, f"SELECT id FROM exchange_conflict WHERE kind = '{kind}' AND resolved_at IS NULL")
    resolve_conflict(store, cid, take_incoming=take)


def _live(store: Store, table: str) -> int:
    return _q(store, f"SELECT count(*) FROM {table} WHERE deleted_at IS NULL")[0][0]


def test_a_deleted_visit_the_county_edited_keeps_its_samples_and_is_decided_whole(
        tmp_path: Path) -> None:
    insp, county = Store.memory("I"), Store.memory("C")
    _firm, v, _s, _f = _inspected(insp)
    export_to(insp, tmp_path / "1.xlsx", A)
    merge(county, tmp_path / "1.xlsx", A)
    cv = fetch_record(county, Visit, v.uuid)
    cv.summary = "县局补充：现场负责人在场"
    update_record(county, cv)
    delete_visit(insp, v.id)
    export_to(insp, tmp_path / "2.xlsx", A, full=False)
    result = merge(county, tmp_path / "2.xlsx", A)

    assert (_live(county, "visit"), _live(county, "sample"), _live(county, "finding")) == (1, 1, 1)
    assert _open(county) == [("finding", "deleted_with_visit"), ("sample", "deleted_with_visit"),
                             ("visit", "divergent")]
    [zh] = [w for w in result.warnings if "检查记录" in w and FIRM in w]
    assert "2026-03-02" in zh and "删除未生效" in zh
    assert any(FIRM in w and "did not take effect" in w for w in result.warnings_en)
    _consistent(county)
    _not_hollow(county)
    before = dump(county)
    again = merge(county, tmp_path / "2.xlsx", A)  # the same package again changes nothing
    assert all(c["new"] == c["updated"] == c["conflicting"] == 0 for c in again.counts.values())
    assert dump(county) == before

    keep, take = _copy(county), _copy(county)
    _resolve(keep, "visit", take=False)  # 保留本机的版本: the samples stay with the visit
    assert _open(keep) == []
    assert (_live(keep, "visit"), _live(keep, "sample"), _live(keep, "finding")) == (1, 1, 1)
    _resolve(take, "visit", take=True)  # 采用数据包的版本: they go with it, one stamp
    assert _open(take) == []
    assert (_live(take, "visit"), _live(take, "sample"), _live(take, "finding")) == (0, 0, 0)
    assert len(set(_q(take, "SELECT deleted_at FROM visit UNION ALL SELECT deleted_at FROM sample"
                            " UNION ALL SELECT deleted_at FROM finding"))) == 1


def test_a_sample_the_county_edited_holds_its_visit_s_deletion(tmp_path: Path) -> None:
    insp, county = Store.memory("I"), Store.memory("C")
    _firm, v, s, _f = _inspected(insp)
    export_to(insp, tmp_path / "1.xlsx", A)
    merge(county, tmp_path / "1.xlsx", A)
    cs = fetch_record(county, Sample, s.uuid)
    cs.batch_no = "B20260301"
    update_record(county, cs)
    delete_visit(insp, v.id)
    export_to(insp, tmp_path / "2.xlsx", A, full=False)
    result = merge(county, tmp_path / "2.xlsx", A)

    assert (_live(county, "visit"), _live(county, "sample"), _live(county, "finding")) == (1, 1, 1)
    assert _open(county) == [("finding", "deleted_with_visit"), ("sample", "divergent"),
                             ("visit", "deleted_in_use")]
    assert any(FIRM in w and "2026-03-02" in w for w in result.warnings)
    _consistent(county)
    before = dump(county)
    merge(county, tmp_path / "2.xlsx", A)
    assert dump(county) == before

    keep, take = _copy(county), _copy(county)
    _resolve(keep, "visit", take=False)
    assert _open(keep) == [] and _live(keep, "sample") == 1 and _live(keep, "finding") == 1
    assert fetch_record(keep, Sample, s.uuid).batch_no == "B20260301"  # the county's edit stays
    _resolve(take, "visit", take=True)
    assert _open(take) == []
    assert (_live(take, "visit"), _live(take, "sample"), _live(take, "finding")) == (0, 0, 0)
    _consistent(take)


def test_a_firm_the_package_deletes_stays_while_a_visit_here_rests_on_it(tmp_path: Path) -> None:
    insp, county = Store.memory("I"), Store.memory("C")
    firm = save_enterprise(insp, Enterprise(uscc=X, name=FIRM, jurisdiction_code="421281"))
    export_to(insp, tmp_path / "1.xlsx", A)
    merge(county, tmp_path / "1.xlsx", A)
    cf = fetch_record(county, Enterprise, firm.uuid)
    own = insert_record(county, Visit(enterprise_id=cf.id, visit_date="2026-03-05", status="done"))
    delete_enterprise(insp, firm.id)
    export_to(insp, tmp_path / "2.xlsx", A, full=False)
    result = merge(county, tmp_path / "2.xlsx", A)

    assert _live(county, "enterprise") == 1 and _live(county, "visit") == 1
    assert _open(county) == [("enterprise", "deleted_in_use")]
    [zh] = [w for w in result.warnings if FIRM in w]
    assert "1 条检查记录、0 项整改" in zh and "删除未生效" in zh
    assert any(f"“{FIRM}”" in w and "1 visit(s)" in w for w in result.warnings_en)
    _consistent(county)
    before = dump(county)
    merge(county, tmp_path / "2.xlsx", A)
    assert dump(county) == before

    with pytest.raises(DeletionRefused) as refused:  # removal's words, nothing written
        _resolve(county, "enterprise", take=True)
    assert f"企业“{FIRM}”还有 1 条检查记录、0 项整改，不能删除" in refused.value.text()
    assert dump(county) == before
    delete_visit(county, own.id)  # as the refusal says: the visits first
    _resolve(county, "enterprise", take=True)
    assert _live(county, "enterprise") == 0 and _open(county) == []


@pytest.mark.parametrize("deletion_first", [True, False])
def test_a_firm_deleted_by_one_package_and_visited_in_another_stays_either_order(
        tmp_path: Path, deletion_first: bool) -> None:
    a, b, county = Store.memory("A"), Store.memory("B"), Store.memory("C")
    firm = save_enterprise(a, Enterprise(uscc=X, name=FIRM, jurisdiction_code="421281"))
    export_to(a, tmp_path / "base.xlsx", A)
    merge(county, tmp_path / "base.xlsx", A)
    merge(b, tmp_path / "base.xlsx", A)
    bf = fetch_record(b, Enterprise, firm.uuid)
    insert_record(b, Visit(enterprise_id=bf.id, visit_date="2026-03-06", status="done"))
    export_to(b, tmp_path / "b.xlsx", B, full=False)
    delete_enterprise(a, firm.id)
    export_to(a, tmp_path / "a.xlsx", A, full=False)
    order = [("a.xlsx", A), ("b.xlsx", B)] if deletion_first else [("b.xlsx", B), ("a.xlsx", A)]
    warnings = []
    for name, signer in order:
        warnings += merge(county, tmp_path / name, signer).warnings
    assert _live(county, "enterprise") == 1 and _live(county, "visit") == 1
    assert _open(county) == [("enterprise", "deleted_in_use")]
    assert any(FIRM in w and "删除未生效" in w for w in warnings)
    _consistent(county)
    before = dump(county)
    for name, signer in order:
        merge(county, tmp_path / name, signer)
    assert dump(county) == before


@pytest.mark.parametrize("deletion_first", [True, False])
def test_a_city_receiving_the_deletion_and_the_county_s_edit_never_holds_a_hollow_visit(
        tmp_path: Path, deletion_first: bool) -> None:
    insp, county, city = Store.memory("I"), Store.memory("C"), Store.memory("S")
    _firm, v, _s, _f = _inspected(insp)
    export_to(insp, tmp_path / "base.xlsx", A)
    for store in (county, city):
        merge(store, tmp_path / "base.xlsx", A)
    delete_visit(insp, v.id)
    export_to(insp, tmp_path / "del.xlsx", A, full=False)
    cv = fetch_record(county, Visit, v.uuid)  # edited after the deletion: the newer version
    cv.summary = "县局补充：现场负责人在场"
    update_record(county, cv)
    export_to(county, tmp_path / "county.xlsx", B, full=False)
    order = [("del.xlsx", A), ("county.xlsx", B)]
    if not deletion_first:
        order.reverse()
    warnings = []
    for name, signer in order:
        warnings += merge(city, tmp_path / name, signer).warnings
    assert (_live(city, "visit"), _live(city, "sample"), _live(city, "finding")) == (1, 1, 1)
    assert ("visit", "divergent") in _open(city)
    assert any(FIRM in w and "2026-03-02" in w for w in warnings)
    _consistent(city)
    _not_hollow(city)
    before = dump(city)
    for name, signer in order:
        merge(city, tmp_path / name, signer)
    assert dump(city) == before
    _resolve(city, "visit", take=True)
    assert (_live(city, "visit"), _live(city, "sample"), _live(city, "finding")) == (0, 0, 0)
    assert _open(city) == []


def test_taking_the_county_s_version_of_a_visit_deleted_here_brings_its_rows_back(
        tmp_path: Path) -> None:
    insp, county, city = Store.memory("I"), Store.memory("C"), Store.memory("S")
    _firm, v, _s, _f = _inspected(insp)
    export_to(insp, tmp_path / "base.xlsx", A)
    for store in (county, city):
        merge(store, tmp_path / "base.xlsx", A)
    cv = fetch_record(county, Visit, v.uuid)  # edited before the deletion: the older version
    cv.summary = "县局补充：现场负责人在场"
    update_record(county, cv)
    export_to(county, tmp_path / "county.xlsx", B, full=False)
    delete_visit(insp, v.id)
    export_to(insp, tmp_path / "del.xlsx", A, full=False)
    merge(city, tmp_path / "county.xlsx", B)
    merge(city, tmp_path / "del.xlsx", A)
    assert (_live(city, "visit"), _live(city, "sample"), _live(city, "finding")) == (0, 0, 0)
    assert _open(city) == [("visit", "divergent")]
    _resolve(city, "visit", take=True)  # the county's live version: its rows come back with it
    assert (_live(city, "visit"), _live(city, "sample"), _live(city, "finding")) == (1, 1, 1)
    assert fetch_record(city, Visit, v.uuid).summary == "县局补充：现场负责人在场"
    assert _open(city) == []
