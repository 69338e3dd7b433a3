"""A firm registered on two inspectors' laptops (one 统一社会信用代码, two uuids, a "twin") is filed at
the county under the copy that came first. Review RC, A1 and A2:

* A1: B's later edits of the visits, licences and orders at B's copy (an edit, a 更正, a status
  change) were not applied at the county: each became a 双方都修改过 conflict though nobody
  there touched them. Now they fast-forward, at the county and at the city it sends them to;
  an edit made at the county still conflicts.
* A2: each arriving revision of B's copy opened one more 统一社会信用代码重复登记 entry. Now one
  open entry per twin holds its latest values; once checked, later versions of the same name and
  code follow the checked entry without a new question; a changed name asks again.

Real SQLite files and real signed packages (export_package / import_package)."""

from __future__ import annotations

import itertools
import json
from pathlib import Path
from typing import Any

from exchange_fixtures import dump, export_to, merge

from qcdesk.exchange.export import export_package
from qcdesk.exchange.importer import import_package
from qcdesk.exchange.minisign import SecretKey, generate_secret_key
from qcdesk.exchange.reconcile import resolve_conflict
from qcdesk.exchange.trust import StaticTrust
from qcdesk.models import exchange_store as xs
from qcdesk.models.amendments import amend_visit
from qcdesk.models.enterprises import save_enterprise
from qcdesk.models.inspections import VisitBundle, save_inspector, save_visit
from qcdesk.models.persistence import fetch_record, update_record
from qcdesk.models.records import Enterprise, Finding, Inspector, Licence, Rectification, Visit
from qcdesk.models.rectifications import order_rectification, submit_report
from qcdesk.models.store import Store

USCC, NAME, AREA = "91421281MA4KL5FE07", "赤壁市羊楼洞茶业有限公司", "421281"


class Office:
    """One database with its signing key."""

    def __init__(self, tmp: Path, name: str, role: str) -> None:
        self.store = Store.open(tmp / f"{name}.db", author=name)
        self.key: SecretKey = generate_secret_key()
        self.out = tmp / f"out-{name}"
        self.out.mkdir()
        self.name, self.role = name, role

    def send(self, *, full: bool = False) -> Path:
        return export_package(self.store, self.out, self.key, signer_name=self.name,
                              jurisdiction=AREA, role=self.role, full=full)

    def take(self, package: Path, *senders: Office) -> Any:
        return import_package(self.store, package,
                              trust=StaticTrust.of([s.key.public_key for s in senders]))

    def open_conflicts(self) -> list[tuple[str, str]]:
        return sorted((c["kind"], c["reason"]) for c in xs.open_conflicts(self.store))


def _twin_offices(tmp: Path) -> tuple[Office, Office, Office, dict[str, Any]]:
    """A and B both registered the firm; B has a visit there, a licence and an order. The county
    has taken A's package, then B's (B's firm filed under A's)."""
    a, b = Office(tmp, "inspector-a", "inspector"), Office(tmp, "inspector-b", "inspector")
    county = Office(tmp, "county", "county")
    save_enterprise(a.store, Enterprise(uscc=USCC, name=NAME, jurisdiction_code=AREA))
    firm = save_enterprise(b.store, Enterprise(uscc=USCC, name=NAME, jurisdiction_code=AREA),
                           [Licence(number="SC11442128100017", expires_on="2027-03-01")])
    who = [save_inspector(b.store, Inspector(name=name, jurisdiction_code=AREA)).uuid
           for name in ("王磊", "李娜")]  # an order on a finding rests on a check by two
    bundle = save_visit(b.store, VisitBundle(
        Visit(enterprise_id=firm.id, visit_date="2026-09-01", kind="assistance",
              inspectors=who, status="done", summary="原料仓库检查"),
        findings=[Finding(description="温湿度未记录", severity="minor")]))
    order = order_rectification(b.store, visit=bundle.visit, requirement="建立温湿度记录",
                                ordered_on="2026-09-02", finding=bundle.findings[0])
    county.take(a.send(full=True), a)
    first = county.take(b.send(full=True), b)
    assert first.counts["enterprise"]["conflicting"] == 1  # filed under A's, as designed
    assert county.open_conflicts() == [("enterprise", "duplicate_uscc")]
    return a, b, county, {"visit": bundle.visit, "order": order}


def _county_row(county: Office, table: str, column: str) -> Any:
    return county.store.db.execute(f"SELECT {column} FROM {table}").fetchone()[0]


def _b_edits(b: Office, made: dict[str, Any]) -> None:
    """B corrects the sent visit (更正), renews the licence and records the firm's report."""
    amend_visit(b.store, made["visit"].id, {"summary": "原料仓库及成品仓库检查"}, "笔误更正")
    licence = fetch_record(b.store, Licence, b.store.db.execute(
        "SELECT id FROM licence").fetchone()[0])
    licence.expires_on = "2031-03-01"
    with b.store.transaction():
        update_record(b.store, licence)
    order = fetch_record(b.store, Rectification, made["order"].id)
    submit_report(b.store, order, "2026-09-20")


def test_b_s_later_edits_at_the_twin_firm_reach_the_county_and_the_city(tmp_path: Path) -> None:
    a, b, county, made = _twin_offices(tmp_path)
    city = Office(tmp_path, "city", "city")
    city.take(county.send(full=True), county)
    _b_edits(b, made)
    second = county.take(b.send(), b)
    for table in ("visit", "licence", "rectification"):
        assert second.counts[table]["updated"] == 1, (table, second.counts[table])
        assert second.counts[table]["conflicting"] == 0, (table, second.counts[table])
    assert second.counts["amendment"]["new"] == 1
    assert _county_row(county, "visit", "summary") == "原料仓库及成品仓库检查"
    assert _county_row(county, "licence", "expires_on") == "2031-03-01"
    assert _county_row(county, "rectification", "status") == "report_submitted"
    assert county.open_conflicts() == [("enterprise", "duplicate_uscc")]  # no 双方都修改过
    # the same package again changes nothing
    again = merge(county.store, _data(b, tmp_path), b.key.key_id)
    assert all(c["updated"] == c["conflicting"] == 0 for c in again.counts.values())
    # what the county sends on is B's line too: the city fast-forwards as well
    onward = city.take(county.send(), county)
    assert onward.counts["visit"]["updated"] == 1, onward.counts["visit"]
    assert city.store.db.execute("SELECT summary FROM visit").fetchone()[0] == "原料仓库及成品仓库检查"
    assert city.open_conflicts() == []


def _data(office: Office, tmp: Path) -> Path:
    """The newest package's spreadsheet, unpacked (to merge it again: a package is refused twice)."""
    import zipfile

    package = max(office.out.glob("*.zip"), key=lambda p: p.stat().st_mtime_ns)
    target = tmp / f"{package.stem}.xlsx"
    with zipfile.ZipFile(package) as zf:
        target.write_bytes(zf.read("data.xlsx"))
    return target


def test_an_edit_made_at_the_county_still_conflicts(tmp_path: Path) -> None:
    a, b, county, made = _twin_offices(tmp_path)
    visit = fetch_record(county.store, Visit, made["visit"].uuid)
    visit.summary = "县局补记：企业负责人在场"
    licence = fetch_record(county.store, Licence, county.store.db.execute(
        "SELECT uuid FROM licence").fetchone()[0])
    licence.product = "砖茶"
    with county.store.transaction():
        update_record(county.store, visit)
        update_record(county.store, licence)
    _b_edits(b, made)
    second = county.take(b.send(), b)
    assert second.counts["visit"]["conflicting"] == 1
    assert second.counts["licence"]["conflicting"] == 1
    assert second.counts["rectification"]["updated"] == 1  # untouched here: it follows B
    assert _county_row(county, "visit", "summary") == "县局补记：企业负责人在场"  # ours stays live
    assert _county_row(county, "licence", "product") == "砖茶"
    assert county.open_conflicts() == [("enterprise", "duplicate_uscc"), ("licence", "divergent"),
                                       ("visit", "divergent")]


def _b_firm(b: Office, **changes: Any) -> None:
    firm = fetch_record(b.store, Enterprise, b.store.db.execute(
        "SELECT id FROM enterprise").fetchone()[0])
    for name, value in changes.items():
        setattr(firm, name, value)
    save_enterprise(b.store, firm)


def _twin_entries(county: Office) -> list[tuple[bool, dict[str, Any]]]:
    return [(r[0] is None, json.loads(r[1])) for r in county.store.db.execute(
        "SELECT resolved_at, row_json FROM exchange_conflict WHERE reason = 'duplicate_uscc'"
        " ORDER BY id")]


def test_one_open_question_per_twin_and_none_again_once_checked(tmp_path: Path) -> None:
    _a, b, county, _made = _twin_offices(tmp_path)
    for week in range(1, 6):
        _b_firm(b, contact_phone=f"1390715000{week}")
        county.take(b.send(), b)
        entries = _twin_entries(county)
        assert [(is_open, e["contact_phone"]) for is_open, e in entries] == \
            [(True, f"1390715000{week}")], week  # one entry, its latest values
    (entry,) = xs.open_conflicts(county.store)
    resolve_conflict(county.store, entry["id"])  # 已核对，保持现状
    assert county.open_conflicts() == []
    _b_firm(b, address="赤壁市新地址1号")
    county.take(b.send(), b)
    assert county.open_conflicts() == []  # the same firm as checked: no new question
    (checked,) = _twin_entries(county)
    assert checked == (False, checked[1]) and checked[1]["address"] == "赤壁市新地址1号"
    note = county.store.db.execute("SELECT resolution, resolution_note FROM exchange_conflict"
                                   " WHERE reason = 'duplicate_uscc'").fetchone()
    assert note[0] == "reviewed" and note[1]  # who checked it and what they saw stay
    _b_firm(b, name="赤壁市羊楼洞砖茶厂")  # no longer the name that was checked: ask again
    county.take(b.send(), b)
    assert county.open_conflicts() == [("enterprise", "duplicate_uscc")]
    _b_firm(b, contact_phone="13907150099")
    county.take(b.send(), b)
    opened = [e for is_open, e in _twin_entries(county) if is_open]
    assert [(e["name"], e["contact_phone"]) for e in opened] == [("赤壁市羊楼洞砖茶厂", "13907150099")]


def test_the_order_of_the_packages_does_not_change_the_county(tmp_path: Path) -> None:
    a, b, county, made = _twin_offices(tmp_path)
    start = tmp_path / "county-start.db"
    county.store.db.conn.execute("VACUUM INTO ?", [str(start)])
    sent: list[tuple[Path, str]] = []
    for n in range(3):  # B: the firm and the visit (更正); whole packages
        _b_firm(b, contact_phone=f"1390715001{n}")
        amend_visit(b.store, made["visit"].id, {"summary": f"第{n}次更正"}, "更正")
        sent.append((tmp_path / f"b{n}.xlsx", b.key.key_id))
        export_to(b.store, sent[-1][0], b.key.key_id, full=True)
    _a_firm = fetch_record(a.store, Enterprise, a.store.db.execute(
        "SELECT id FROM enterprise").fetchone()[0])
    _a_firm.contact_phone = "07155550002"
    save_enterprise(a.store, _a_firm)
    sent.append((tmp_path / "a1.xlsx", a.key.key_id))
    export_to(a.store, sent[-1][0], a.key.key_id, full=False)
    results = []
    orders = list(itertools.permutations(sent))
    for k, order in enumerate([orders[0], orders[-1], orders[7], orders[16]]):
        path = tmp_path / f"county-{k}.db"
        path.write_bytes(start.read_bytes())
        target = Store.open(path, author="county")
        for p, signer in order:
            merge(target, p, signer)
        first = _state(target)
        for p, signer in order:  # idempotent
            again = merge(target, p, signer)
            assert all(c["new"] == c["updated"] == c["conflicting"] == 0
                       for c in again.counts.values())
        assert _state(target) == first
        results.append(first)
        target.close()
    assert all(r == results[0] for r in results[1:])
    final = results[0]
    assert [v["summary"] for v in final["records"]["visit"].values()] == ["第2次更正"]
    assert [c[3] for c in final["records"]["conflicts"]] == ["duplicate_uscc"]
    assert '"contact_phone": "13907150012"' in final["records"]["conflicts"][0][4]


def _state(store: Store) -> dict[str, Any]:
    return {"records": dump(store),
            "lineage": store.db.execute("SELECT kind, uuid, head, editor, base, ancestors"
                                        " FROM exchange_lineage ORDER BY 1, 2").fetchall(),
            "alias": store.db.execute("SELECT * FROM exchange_alias ORDER BY 1, 2").fetchall()}
