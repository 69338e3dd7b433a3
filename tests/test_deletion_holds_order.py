"""A held deletion gives the same database in any import order (review r5 #1-#3, #6): the live
version shown is the one the set of versions received decides, never a revision made by the
office that imports, and taking a live version of a row under a deleted visit is refused."""

from __future__ import annotations

import itertools
from collections.abc import Callable
from pathlib import Path

import pytest
from exchange_fixtures import export_to, merge

from qcdesk.exchange.deletion_holds import DeletionRefused
from qcdesk.exchange.reconcile import resolve_conflict
from qcdesk.exchange.workbook import SPECS
from qcdesk.models.enterprises import save_enterprise
from qcdesk.models.persistence import fetch_record, insert_record, update_record
from qcdesk.models.records import Enterprise, Finding, Sample, Visit
from qcdesk.models.removal import delete_enterprise, delete_visit, restore_visit
from qcdesk.models.store import Store

A, B, C = "AAAAAAAAAAAAAAAA", "BBBBBBBBBBBBBBBB", "CCCCCCCCCCCCCCCC"
CODES = ("91421202MA4AEDKU8T", "91421221MA4E3XHX15")
Acts = Callable[[Store], None]


def _base(store: Store) -> None:
    for i, code in enumerate(CODES):
        firm = save_enterprise(store, Enterprise(uscc=code, name=f"企业{i}", jurisdiction_code="421202"))
        v = insert_record(store, Visit(enterprise_id=firm.id, visit_date="2026-03-02",
                                       status="done", kind="spot_check", summary="抽样"))
        insert_record(store, Sample(visit_id=v.id, product_name="砖茶", result="pass"))
        insert_record(store, Finding(visit_id=v.id, description="标签不规范"))


def _id(store: Store, table: str, n: int = 0, where: str = "deleted_at IS NULL") -> int:
    return store.db.execute(f"SELECT id FROM {table} WHERE {where} ORDER BY id").fetchall()[n][0]


def _packages(tmp: Path, acts: dict[str, Acts], county: Acts | None = None
              ) -> dict[str, tuple[Path, str]]:
    """base by A, then each inspector's acts on a copy of it (and the county's, after it
    imported the inspectors' packages), each exported as one package."""
    a = Store.memory("insA")
    _base(a)
    pkgs = {"base": (tmp / "base.xlsx", A)}
    export_to(a, pkgs["base"][0], A)
    stores = {A: a, B: Store.memory("insB"), C: Store.memory("county")}
    for signer in (B, C):
        merge(stores[signer], *pkgs["base"])
    for signer, act in acts.items():
        act(stores[signer])
        pkgs[signer[0]] = (tmp / f"{signer[0]}.xlsx", signer)
        export_to(stores[signer], pkgs[signer[0]][0], signer, full=False)
    if county is not None:
        for name in acts:
            merge(stores[C], *pkgs[name[0]])
        county(stores[C])
        pkgs["C"] = (tmp / "C.xlsx", C)
        export_to(stores[C], pkgs["C"][0], C, full=False)
    return pkgs


def _view(store: Store) -> dict[str, object]:
    """Every live row with all its fields (parents as uuids, local ids left out) and every open
    conflict with its version: what two offices must agree on."""
    out: dict[str, object] = {}
    for spec in SPECS:
        links = {f.name: f.parent for f in spec.data_fields if f.parent}
        rows = {}
        for row in store.db.query(f"SELECT * FROM {spec.table} WHERE deleted_at IS NULL"):
            for name, parent in links.items():
                if row.get(name) is not None:
                    row[name] = store.db.execute(f"SELECT uuid FROM {parent} WHERE id = ?",
                                                 [row[name]]).fetchone()[0]
            rows[row["uuid"]] = {k: v for k, v in row.items() if k != "id"}
        out[spec.table] = rows
    out["open"] = store.db.execute(
        "SELECT kind, uuid, reason, version FROM exchange_conflict WHERE resolved_at IS NULL"
        " ORDER BY kind, uuid, version").fetchall()
    return out


def _same_in_every_order(pkgs: dict[str, tuple[Path, str]], orders: list[tuple[str, ...]]
                         ) -> Store:
    views, last = [], None
    for order in orders:
        last = Store.memory("city")
        for name in order:
            merge(last, *pkgs[name])
        views.append((order, _view(last)))
    for order, view in views[1:]:
        assert view == views[0][1], (views[0][0], order)
    assert last is not None
    return last


def _edit_firm_and_visit(s: Store) -> None:
    firm = fetch_record(s, Enterprise, _id(s, "enterprise"))
    firm.address = "咸宁市温泉路1号"
    update_record(s, firm)
    v = insert_record(s, Visit(enterprise_id=firm.id, visit_date="2026-03-05", status="done",
                               kind="spot_check", summary="复查"))
    insert_record(s, Sample(visit_id=v.id, product_name="米砖茶", result="pass"))


def _delete_firm(s: Store) -> None:
    firm = _id(s, "enterprise")
    for (vid,) in s.db.execute("SELECT id FROM visit WHERE enterprise_id = ? AND deleted_at"
                               " IS NULL", [firm]).fetchall():
        delete_visit(s, vid, reason="重复录入")
    delete_enterprise(s, firm)


def _edit_visit_add_sample(s: Store) -> None:
    v = fetch_record(s, Visit, _id(s, "visit"))
    v.summary = "抽样两批"
    update_record(s, v)
    insert_record(s, Sample(visit_id=v.id, product_name="青砖茶", result="pass"))


def _edit_sample_add_sample(s: Store) -> None:
    sample = fetch_record(s, Sample, _id(s, "sample"))
    sample.batch_no = "20260301"
    update_record(s, sample)
    insert_record(s, Sample(visit_id=sample.visit_id, product_name="青砖茶", result="pass"))


def _delete_visit(s: Store) -> None:
    delete_visit(s, _id(s, "visit"), reason="重复录入")


ORDERS = [("base", "A", "B"), ("base", "B", "A"), ("B", "A", "base"), ("A", "B", "base")]


@pytest.mark.parametrize("edit, delete", [
    (_edit_firm_and_visit, _delete_firm),  # r3: the firm's new address, a new visit
    (_edit_visit_add_sample, _delete_firm),  # r4: the visit's summary, a new sample
    (_edit_sample_add_sample, _delete_visit),  # r1: a sample's batch number, a new sample
], ids=["firm", "visit", "sample"])
def test_an_edit_and_a_held_deletion_give_one_database_in_any_order(
        tmp_path: Path, edit: Acts, delete: Acts) -> None:
    pkgs = _packages(tmp_path, {A: edit, B: delete})
    city = _same_in_every_order(pkgs, ORDERS)
    held = city.db.execute("SELECT kind, reason FROM exchange_conflict WHERE resolved_at IS NULL"
                           " AND reason = 'deleted_in_use'").fetchall()
    assert held, "the deletion is kept as the conflict"
    assert city.db.execute("SELECT count(*) FROM exchange_conflict WHERE resolved_at IS NULL"
                           " AND reason = 'divergent'").fetchone()[0] == 0  # one decision
    for spec in SPECS:  # A's edit is what the office sees, written by nobody here
        assert city.db.execute(f"SELECT count(*) FROM {spec.table} WHERE author = ?",
                               [city.author]).fetchone()[0] == 0
    assert city.db.execute("SELECT count(*) FROM enterprise WHERE address = '咸宁市温泉路1号'"
                           " UNION ALL SELECT count(*) FROM visit WHERE summary = '抽样两批'"
                           " UNION ALL SELECT count(*) FROM sample WHERE batch_no = '20260301'"
                           ).fetchall() in ([(1,), (0,), (0,)], [(0,), (1,), (0,)],
                                            [(0,), (0,), (1,)])


def test_the_county_s_firm_deletion_reaches_the_city_alike_in_any_order(tmp_path: Path) -> None:
    """r5: A deletes both visits, B edits one (held at the county), the county restores the
    other and deletes the firm of the held one; the city gets the four packages."""
    def a_acts(s: Store) -> None:
        for vid in [r[0] for r in s.db.execute("SELECT id FROM visit ORDER BY id DESC")]:
            delete_visit(s, vid, reason="重复录入")

    def b_acts(s: Store) -> None:
        v = fetch_record(s, Visit, _id(s, "visit", 1))
        v.summary = "抽样（更正）"
        update_record(s, v)

    def county(s: Store) -> None:
        restore_visit(s, _id(s, "visit", 0, "deleted_at IS NOT NULL"), reason="误删")
        firm = s.db.execute("SELECT enterprise_id FROM visit WHERE deleted_at IS NULL AND"
                            " summary = '抽样（更正）'").fetchone()[0]
        delete_visit(s, _id(s, "visit", 0, f"enterprise_id = {firm}"), reason="企业注销")
        delete_enterprise(s, firm)

    pkgs = _packages(tmp_path, {A: a_acts, B: b_acts}, county)
    orders = [("base", "A", "B", "C"), ("base", "B", "A", "C"), ("C", "B", "A", "base"),
              ("A", "C", "base", "B")]
    city = _same_in_every_order(pkgs, orders)
    assert city.db.execute("SELECT count(*) FROM enterprise WHERE deleted_at IS NULL"
                           ).fetchone()[0] == 1  # the county's decision: the firm goes


def test_taking_a_sample_s_edit_under_a_visit_deleted_elsewhere_is_refused(tmp_path: Path) -> None:
    """r2: A corrects a sample's batch number, B deletes the visit: the import says the edit
    was set aside; 采用 A's version would leave a live sample under a deleted visit: refused,
    nothing written; once the visit is restored it can be taken."""
    def correct(s: Store) -> None:
        sample = fetch_record(s, Sample, _id(s, "sample"))
        sample.batch_no = "20260301"
        update_record(s, sample)

    pkgs = _packages(tmp_path, {A: correct, B: _delete_visit})
    for order in itertools.islice(itertools.permutations(pkgs), 2):
        county = Store.memory("county")
        told = [t for name in order for t in merge(county, *pkgs[name]).warnings]
        assert any("检查记录（企业0，2026-03-02）已删除" in t and "修改没有生效" in t
                   for t in told), told  # as for an edit made here (r5 #6)
        [(cid,)] = county.db.execute("SELECT id FROM exchange_conflict WHERE kind = 'sample'"
                                     " AND resolved_at IS NULL").fetchall()
        before = _view(county)
        with pytest.raises(DeletionRefused) as refused:
            resolve_conflict(county, cid, take_incoming=True)
        assert "检查记录已删除" in refused.value.text()
        assert "visit is deleted" in refused.value.text("en")
        assert _view(county) == before
        restore_visit(county, _id(county, "visit", 0, "deleted_at IS NOT NULL"), reason="误删")
        resolve_conflict(county, cid, take_incoming=True)
        assert county.db.execute("SELECT s.batch_no FROM sample s JOIN visit v ON v.id ="
                                 " s.visit_id WHERE v.deleted_at IS NULL AND s.deleted_at IS NULL"
                                 " AND s.batch_no <> ''").fetchall() == [("20260301",)]


def test_a_sample_s_deletion_made_with_its_visit_is_not_taken_alone(tmp_path: Path) -> None:
    """r5 explore (city): taking only the sample's deleted version, made when B deleted the whole
    visit, while the visit stays would leave it without that sample: refused, nothing written;
    the visit's conflict settles both."""
    pkgs = _packages(tmp_path, {A: _edit_sample_add_sample, B: _delete_visit})
    county = Store.memory("county")
    for name in ("base", "B", "A"):
        merge(county, *pkgs[name])
    [(cid,)] = county.db.execute("SELECT id FROM exchange_conflict WHERE kind = 'sample'"
                                 " AND resolved_at IS NULL").fetchall()
    before = _view(county)
    with pytest.raises(DeletionRefused) as refused:
        resolve_conflict(county, cid, take_incoming=True)
    assert "一起删除" in refused.value.text() and "together" in refused.value.text("en")
    assert _view(county) == before
    [(vid,)] = county.db.execute("SELECT id FROM exchange_conflict WHERE kind = 'visit'"
                                 " AND resolved_at IS NULL").fetchall()
    resolve_conflict(county, vid)  # keep: the sample and the finding stay with it
    assert county.db.execute("SELECT count(*) FROM exchange_conflict WHERE resolved_at IS NULL"
                             ).fetchone()[0] == 0
    assert county.db.execute("SELECT count(*) FROM sample WHERE deleted_at IS NULL").fetchone()[0] == 3
