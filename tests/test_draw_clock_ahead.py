"""A draw does not trust another laptop's clock (review r1 B1): a spot check saved while the clock
ran ahead (created_at a year on, saved here or arrived in a package) is in the database when the
draw is made, so it keeps its firm out (six-month rule, SAMR order No. 18) and a check to come
stamped so keeps its firm out too; a visit that really arrives after the draw changes nothing in
that draw's verification, and a draw committed before this rule verifies as before."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import UTC, date, datetime, timedelta

import pytest

from qcdesk.cli import main
from qcdesk.models.draw import (
    DrawParameters,
    build_pool,
    check_draw,
    find_draw,
    make_draw,
    select,
)
from qcdesk.models.enterprises import save_enterprise
from qcdesk.models.inspections import VisitBundle, save_inspector, save_visit
from qcdesk.models.persistence import insert_record
from qcdesk.models.records import Enterprise, Inspector, Sample, Visit
from qcdesk.models.store import Store

pytestmark = pytest.mark.usefixtures("draw_today_fixed")  # its draws are dated 2026 (conftest)

DAY = date(2026, 11, 30)
ALL = dict.fromkeys("ABCD", "1")  # every enterprise in the pool is drawn: who is in it is the point
FIRMS = {"快钟厂": "91421202MA4AEDKU8T", "快钟计划厂": "91421221MA4E3XHX15",
         "迟到厂": "91421222MA4PJ5BUX4", "平常厂": "91421223MA4059AK31"}


def _ahead() -> str:
    """A created_at stamped by a laptop whose clock runs a year ahead of this one."""
    return (datetime.now(UTC) + timedelta(days=400)).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def _check(store: Store, name: str, day: str, status: str = "done", created_at: str | None = None) -> None:
    eid = store.db.execute("SELECT id FROM enterprise WHERE name = ?", [name]).fetchone()[0]
    insp = [r[0] for r in store.db.execute("SELECT uuid FROM inspector ORDER BY id LIMIT 2")]
    sample = Sample(product_name="苎麻布", result="pass" if status == "done" else "pending")
    saved = save_visit(store, VisitBundle(Visit(enterprise_id=eid, visit_date=day, kind="spot_check",
                                                status=status, inspectors=insp), [sample]))
    if created_at:  # as the other laptop stamped it (created_at travels unchanged in a package)
        with store.transaction():
            store.db.execute("UPDATE visit SET created_at = ? WHERE id = ?", [created_at, saved.visit.id])


@pytest.fixture
def county(store: Store) -> Store:
    for name in ("孙秀", "黄斌", "江林"):
        save_inspector(store, Inspector(name=name, jurisdiction_code="421202"))
    for name, uscc in FIRMS.items():
        save_enterprise(store, Enterprise(uscc=uscc, name=name, jurisdiction_code="421202",
                                          industry="苎麻纺织", main_products="苎麻布"))
    _check(store, "快钟厂", "2026-11-20", created_at=_ahead())  # checked ten days before the draw
    _check(store, "快钟计划厂", "2026-12-10", status="planned", created_at=_ahead())  # a check to come
    return store


def _uuid(store: Store, name: str) -> str:
    return store.db.execute("SELECT uuid FROM enterprise WHERE name = ?", [name]).fetchone()[0]


def test_a_check_saved_with_the_clock_ahead_keeps_its_firm_out_of_the_draw(
        county: Store, capsys: pytest.CaptureFixture[str]) -> None:
    args = ["draw", "--db", str(county.path), "--seed", "20261130", "--jurisdiction", "咸安区",
            "--date", "2026-11-30"]
    assert main([*args, "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["pool_size"] == 2  # 迟到厂 and 平常厂
    assert {e["name"] for e in out["excluded_recent"]} == {"快钟厂"}
    assert {e["name"] for e in out["excluded_planned"]} == {"快钟计划厂"}
    assert main(args) == 0
    printed = capsys.readouterr().out
    assert "不参加：快钟厂（2026年11月20日经" in printed  # said why, as for any recent check
    assert "已有计划抽查的 1 家不参加：快钟计划厂" in printed


def test_a_visit_that_arrives_after_the_draw_leaves_its_verification_as_it_was(
        county: Store, capsys: pytest.CaptureFixture[str]) -> None:
    args = ["draw", "--db", str(county.path), "--seed", "7", "--jurisdiction", "咸安区",
            "--date", "2026-11-30", "--json"]
    assert main([*args, "--commit", "--operator", "王科长", "--witness", "李四"]) == 0
    record = json.loads(capsys.readouterr().out)["record"]
    drawn_at = find_draw(county, record).drawn_at
    # recorded on an inspector's laptop before the draw, imported here after it: the draw never saw it
    before = (datetime.fromisoformat(drawn_at.replace("Z", "+00:00")) - timedelta(hours=3))
    _check(county, "迟到厂", "2026-11-25", created_at=before.strftime("%Y-%m-%dT%H:%M:%S.%fZ"))
    _check(county, "平常厂", "2026-11-26", created_at=_ahead())  # and one stamped a year ahead
    assert main(["draw", "verify", record, "--db", str(county.path)]) == 0
    captured = capsys.readouterr()
    assert "一致" in captured.out and not captured.err
    for changed in ("不再在池中", "新进入池中", "原池", "多抽出企业", "缺少企业"):  # its classes may move
        assert changed not in captured.out
    stored = find_draw(county, record)
    assert check_draw(county, stored).problems == []
    rebuilt = build_pool(county, DrawParameters.from_json(stored.parameters), DAY, stored.drawn_at)
    assert {u for u, _ in rebuilt.enterprises} == {_uuid(county, "迟到厂"), _uuid(county, "平常厂")}


def test_a_draw_committed_before_the_rule_verifies_under_its_own(county: Store) -> None:
    """Made as draws were made until now (no last_visit_id: created_at < drawn_at), the clock-ahead
    check left 快钟厂 in its pool; rebuilt today it still does, so verify finds nothing new."""
    made = make_draw(county, seed="old", params=DrawParameters(jurisdiction="421202", ratios=ALL), as_of=DAY)
    assert made.record.parameters["last_visit_id"] >= 2  # new draws name what they saw
    stored = {k: v for k, v in made.record.parameters.items() if k != "last_visit_id"}
    params = DrawParameters.from_json(stored)
    pool = build_pool(county, params, DAY, made.record.drawn_at)
    assert _uuid(county, "快钟厂") in {u for u, _ in pool.enterprises}
    picks = select(pool, "old", params)
    record = replace(made.record, parameters=stored, pool_hash=pool.sha256(), pool_size=len(pool.enterprises),
                     pool_snapshot=pool.canonical().decode("utf-8"), selection=[p.to_json() for p in picks],
                     operator="王科长", witnesses=["李四"])
    record.committed = 1
    with county.transaction():  # stored as the version before this rule committed it
        insert_record(county, record)
    check = check_draw(county, find_draw(county, record.uuid))
    assert check.problems == [] and check.notes == []
