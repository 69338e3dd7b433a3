"""A duplicate enterprise file or a visit saved twice can be deleted and brought back, and the
deletion travels in packages: the clerk told to 删除多余的档案 by a `uscc_taken` conflict can do
it, and the conflict then takes the package's version."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from exchange_fixtures import dump, export_to, merge

from qcdesk.exchange.code_clash import CodeTaken
from qcdesk.exchange.reconcile import resolve_conflict
from qcdesk.models.enterprises import save_enterprise
from qcdesk.models.messages import ValidationFailed
from qcdesk.models.persistence import fetch_record, insert_record, soft_delete, update_record
from qcdesk.models.records import Enterprise, Finding, Photo, Rectification, Sample, Visit
from qcdesk.models.removal import delete_enterprise, delete_visit, restore_enterprise, restore_visit
from qcdesk.models.store import Store

A, B = "AAAAAAAAAAAAAAAA", "BBBBBBBBBBBBBBBB"
X, Y = "91421281MA4KL5FE07", "91421221MA4E3XHX15"
NAME_A, NAME_B = "赤壁羊楼洞茶业", "嘉鱼羊楼洞茶业有限公司"


def _live_firms(store: Store) -> set[tuple[str, str]]:
    return set(store.db.execute("SELECT uuid, uscc FROM enterprise WHERE deleted_at IS NULL").fetchall())


def test_deleting_the_duplicate_lets_the_uscc_taken_conflict_take_the_package(tmp_path: Path) -> None:
    a, b, city = Store.memory("A"), Store.memory("B"), Store.memory("C")
    ea = save_enterprise(a, Enterprise(uscc=X, name=NAME_A, jurisdiction_code="421281"))
    eb = save_enterprise(b, Enterprise(uscc=Y, name=NAME_B, jurisdiction_code="421221"))
    export_to(a, tmp_path / "a.xlsx", A)
    export_to(b, tmp_path / "b.xlsx", B)
    eb = fetch_record(b, Enterprise, eb.id)
    eb.uscc = X
    save_enterprise(b, eb)
    export_to(b, tmp_path / "b2.xlsx", B)
    for name, signer in (("a", A), ("b", B)):
        merge(city, tmp_path / f"{name}.xlsx", signer)
    result = merge(city, tmp_path / "b2.xlsx", B)
    [(conflict_id, reason)] = city.db.execute("SELECT id, reason FROM exchange_conflict").fetchall()
    assert reason == "uscc_taken"
    # the warning and the refusal say where the delete is
    [zh] = [w for w in result.warnings if w.startswith("信用代码与另一企业相同")]
    assert f"多余的是本机的“{NAME_A}”时，在“企业档案”列表中选中它，右键 ▸ 删除" in zh
    [en] = [w for w in result.warnings_en if w.startswith("Credit code held")]
    assert "select it on the Enterprises list and right-click ▸ Delete" in en
    with pytest.raises(CodeTaken) as taken:
        resolve_conflict(city, conflict_id, take_incoming=True)
    assert f"在“企业档案”列表中选中“{NAME_A}”，右键 ▸ 删除" in taken.value.text()

    gone = delete_enterprise(city, ea.uuid)  # the clerk deletes the extra file
    assert gone.deleted_at and gone.revision == 2 and gone.author == "C"
    resolve_conflict(city, conflict_id, take_incoming=True)  # 采用数据包的版本
    assert _live_firms(city) == {(eb.uuid, X)}
    assert city.db.execute("SELECT count(*) FROM exchange_conflict WHERE resolved_at IS NULL"
                           ).fetchone()[0] == 0
    # the deleted file cannot come back onto the code the other firm now holds
    with pytest.raises(ValidationFailed) as refused:
        restore_enterprise(city, ea.uuid)
    assert f"{X} 现在属于企业“{NAME_B}”" in refused.value.text()
    assert _live_firms(city) == {(eb.uuid, X)}
    # the audit log has the deletion like any other write
    [new_json] = [r[0] for r in city.db.execute(
        "SELECT new_json FROM audit_log WHERE table_name = 'enterprise' AND row_uuid = ?"
        " AND op = 'update'", [ea.uuid])]
    assert json.loads(new_json)["deleted_at"] == gone.deleted_at


def _visit_with_order(store: Store, firm: Enterprise, notice: str = "咸市监质整〔2026〕3号"
                      ) -> tuple[Visit, Sample, Finding, Photo, Rectification]:
    v = insert_record(store, Visit(enterprise_id=firm.id, visit_date="2026-03-02", status="done"))
    s = insert_record(store, Sample(visit_id=v.id, product_name="砖茶", result="fail"))
    f = insert_record(store, Finding(visit_id=v.id, description="标签不规范"))
    p = insert_record(store, Photo(finding_id=f.id, sha256="a" * 64))
    r = insert_record(store, Rectification(enterprise_id=firm.id, visit_id=v.id, sample_id=s.id,
                                           requirement="整改", ordered_on="2026-03-03",
                                           deadline="2026-04-03", recheck_due="2026-04-18",
                                           notice_no=notice))
    return v, s, f, p, r


def _deleted(store: Store, table: str) -> set[int]:
    return {r[0] for r in store.db.execute(f"SELECT id FROM {table} WHERE deleted_at IS NOT NULL")}


def test_an_enterprise_with_visits_is_refused_saying_how_many_and_what_to_do() -> None:
    store = Store.memory("A")
    firm = save_enterprise(store, Enterprise(uscc=X, name=NAME_A, jurisdiction_code="421281"))
    _visit_with_order(store, firm)
    before = dump(store)
    with pytest.raises(ValidationFailed) as refused:
        delete_enterprise(store, firm.id)
    text = refused.value.text()
    assert "还有 1 条检查记录、1 项整改，不能删除" in text and "右键 ▸ 删除" in text
    assert "1 visit(s) and 1 rectification order(s)" in refused.value.text("en")
    assert dump(store) == before


def test_a_visit_goes_with_its_children_and_comes_back_without_earlier_removals() -> None:
    store = Store.memory("A")
    firm = save_enterprise(store, Enterprise(uscc=X, name=NAME_A, jurisdiction_code="421281"))
    v, s, f, p, r = _visit_with_order(store, firm)
    before = dump(store)
    with pytest.raises(ValidationFailed) as refused:  # the order is in force
        delete_visit(store, v.id)
    assert "咸市监质整〔2026〕3号" in refused.value.text() and "撤销" in refused.value.text()
    assert dump(store) == before
    r = fetch_record(store, Rectification, r.id)  # withdrawn after a passed 复检
    r.status, r.closing_reason, r.closed_on = "closed", "样品复检合格，撤销责令整改", "2026-03-20"
    update_record(store, r)
    earlier = insert_record(store, Sample(visit_id=v.id, product_name="米酒"))
    soft_delete(store, earlier)  # removed in the editor before: stays removed

    delete_visit(store, v.id)
    assert _deleted(store, "visit") == {v.id}
    assert _deleted(store, "sample") == {s.id, earlier.id}
    assert _deleted(store, "finding") == {f.id} and _deleted(store, "photo") == {p.id}
    assert _deleted(store, "rectification") == {r.id}
    delete_enterprise(store, firm.id)  # its firm can go now
    with pytest.raises(ValidationFailed) as refused:
        restore_visit(store, v.id)
    assert "已删除" in refused.value.text() and "恢复该企业" in refused.value.text()
    restore_enterprise(store, firm.id)

    back = restore_visit(store, v.id)
    assert back.deleted_at is None and back.revision == 3
    assert _deleted(store, "visit") == set() and _deleted(store, "sample") == {earlier.id}
    assert _deleted(store, "finding") == _deleted(store, "photo") == _deleted(store, "rectification") == set()
    assert store.db.execute("SELECT count(*) FROM finding_fts WHERE rowid = ?", [f.id]).fetchone()[0] == 1


def test_deletions_and_restorations_travel_in_packages(tmp_path: Path) -> None:
    county, city = Store.memory("A"), Store.memory("C")
    firm = save_enterprise(county, Enterprise(uscc=X, name=NAME_A, jurisdiction_code="421281"))
    twice = save_enterprise(county, Enterprise(uscc=Y, name=NAME_B, jurisdiction_code="421221"))
    v = insert_record(county, Visit(enterprise_id=firm.id, visit_date="2026-03-02", status="done"))
    insert_record(county, Sample(visit_id=v.id, product_name="砖茶"))
    export_to(county, tmp_path / "1.xlsx", A)
    merge(city, tmp_path / "1.xlsx", A)

    delete_visit(county, v.id)
    delete_enterprise(county, twice.id)
    export_to(county, tmp_path / "2.xlsx", A, full=False)
    merge(city, tmp_path / "2.xlsx", A)
    assert _live_firms(city) == {(firm.uuid, X)}
    assert city.db.execute("SELECT count(*) FROM visit WHERE deleted_at IS NULL").fetchone()[0] == 0
    assert city.db.execute("SELECT count(*) FROM sample WHERE deleted_at IS NULL").fetchone()[0] == 0

    restore_visit(county, v.id)
    restore_enterprise(county, twice.id)
    export_to(county, tmp_path / "3.xlsx", A, full=False)
    result = merge(city, tmp_path / "3.xlsx", A)
    assert not result.conflicts
    assert _live_firms(city) == {(firm.uuid, X), (twice.uuid, Y)}
    assert [r[0] for r in city.db.execute("SELECT uuid FROM visit WHERE deleted_at IS NULL")] == [v.uuid]
    assert city.db.execute("SELECT count(*) FROM sample WHERE deleted_at IS NULL").fetchone()[0] == 1
    assert json.loads(json.dumps(dump(city)["enterprise"][twice.uuid]))["deleted_at"] is None
