"""Dashboard figures equal direct SQL on a demo database, and each figure's list has its count."""

from __future__ import annotations

import random
from datetime import date
from pathlib import Path

import pytest

from qcdesk.models.dashboard_queries import (
    dashboard_figures,
    pass_rate_definition,
    pass_rates,
    pass_rates_direct,
    quarter_of,
    records_behind,
    year_of,
)
from qcdesk.models.demo import build_demo
from qcdesk.models.demonstration import DemonstrationZone, list_zones, save_zone
from qcdesk.models.inspections import load_visit, save_visit
from qcdesk.models.persistence import insert_record, soft_delete, update_record
from qcdesk.models.records import Enterprise, Sample, Visit
from qcdesk.models.store import Store

TODAY = date(2026, 11, 1)


@pytest.fixture(scope="module")
def demo_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_demo(tmp_path_factory.mktemp("demo") / "demo.db", seed=7, enterprises=300, visits=2500,
                      today=TODAY)


@pytest.fixture
def demo(demo_path: Path, tmp_path: Path) -> Store:
    copy = tmp_path / "demo.db"
    copy.write_bytes(demo_path.read_bytes())
    s = Store.open(copy, author="test")
    yield s
    s.close()


def direct(store: Store, sql: str, *args: object) -> int:
    return store.db.execute(sql, list(args)).fetchone()[0]


def periods() -> list:
    return [quarter_of(TODAY), year_of(TODAY), year_of(date(2025, 5, 1)), quarter_of(date(2026, 2, 1))]


def test_pass_rates_equal_direct_sql(demo: Store) -> None:
    for period in periods():
        summary, base = pass_rates(demo, period), pass_rates_direct(demo, period)
        assert summary == base
        n = direct(demo, "SELECT count(*) FROM sample s JOIN visit v ON v.id = s.visit_id WHERE"
                   " s.result = 'pass' AND s.deleted_at IS NULL AND v.deleted_at IS NULL"
                   " AND v.kind = 'spot_check' AND v.visit_date BETWEEN ? AND ?",
                   period.start.isoformat(), period.end.isoformat())
        assert summary.total.passed == n
    assert pass_rates(demo, year_of(TODAY)).total.tested > 50


def test_summary_follows_edits_and_soft_deletes(demo: Store) -> None:
    rng = random.Random(3)
    ids = [r[0] for r in demo.db.execute(
        "SELECT DISTINCT v.id FROM visit v JOIN sample s ON s.visit_id = v.id WHERE v.kind = 'spot_check'"
        " AND v.locked_package IS NULL")]
    order_bases = {r[0] for r in demo.db.execute(
        "SELECT sample_id FROM rectification WHERE sample_id IS NOT NULL AND deleted_at IS NULL")}
    for vid in rng.sample(ids, 40):
        bundle = load_visit(demo, vid)
        action = rng.choice(["date", "flip", "delete_sample", "delete_visit", "kind"])
        if action == "date":
            bundle.visit.visit_date = f"2026-{rng.randint(1, 10):02d}-15"
        elif action == "flip":
            s = bundle.samples[0]
            s.result = "fail" if s.result == "pass" else "pass"
            s.failed_items = "标签"
        elif action == "delete_sample":
            # the basis of an issued order can't be removed (order_basis): delete one no order rests on
            free = [s for s in bundle.samples if s.id not in order_bases]
            target = free[0] if free else bundle.samples[0]
            if free:
                target.deleted_at = "2026-11-01T00:00:00.000000Z"
            else:
                target.result = "fail" if target.result == "pass" else "pass"
                target.failed_items = "标签"
        elif action == "kind":
            bundle.visit.kind = "special"
        if action == "delete_visit":
            soft_delete(demo, bundle.visit)
        else:
            save_visit(demo, bundle)
    for period in periods():
        assert pass_rates(demo, period) == pass_rates_direct(demo, period)


def test_other_figures_equal_direct_sql(demo: Store) -> None:
    f = dashboard_figures(demo, TODAY)
    t = TODAY.isoformat()
    assert f.in_improvement == direct(
        demo, "SELECT count(*) FROM enterprise WHERE in_improvement = 1 AND deleted_at IS NULL")
    # The enterprise is late: still open past the deadline, or reported after it (not yet settled);
    # an order reported on time is waiting for the bureau's re-check (counted below), not overdue.
    assert f.rectifications_overdue == direct(
        demo, "SELECT count(*) FROM rectification WHERE deleted_at IS NULL"
        " AND coalesce(extended_to, deadline) < ? AND (status = 'open'"
        " OR status IN ('report_submitted', 'awaiting_recheck')"
        " AND report_submitted_on > coalesce(extended_to, deadline))", t)
    assert f.rectifications_overdue < direct(
        demo, "SELECT count(*) FROM rectification WHERE deleted_at IS NULL AND status IN"
        " ('open', 'report_submitted') AND coalesce(extended_to, deadline) < ?", t)
    assert f.rectifications_open == direct(
        demo, "SELECT count(*) FROM rectification WHERE deleted_at IS NULL AND status != 'closed'")
    # The bureau's re-check is late on an order reported on time (rules.Clock.recheck_late), never
    # on one the enterprise is late on (counted above): no order is in both tiles.
    assert f.recheck_overdue == direct(
        demo, "SELECT count(*) FROM rectification WHERE deleted_at IS NULL AND status IN"
        " ('report_submitted', 'awaiting_recheck') AND recheck_due < ? AND (report_submitted_on IS NULL"
        " OR report_submitted_on <= coalesce(extended_to, deadline))", t)
    # XK within 9 months (3 before the renewal-by date, 6 months before expiry), SC within 60 days
    assert f.licences_expiring == direct(
        demo, "SELECT count(*) FROM licence WHERE deleted_at IS NULL AND expires_on >= ? AND expires_on"
        " <= CASE kind WHEN 'SC' THEN '2026-12-31' WHEN 'QS' THEN '' ELSE '2027-08-01' END", t)
    assert f.licence_windows == (9, 60)
    from qcdesk.models.warnings import early_warnings, warning_counts

    assert f.warnings == warning_counts(early_warnings(demo, TODAY))
    live = direct(demo, "SELECT count(*) FROM enterprise WHERE deleted_at IS NULL")
    assert sum(f.risk_classes.values()) == live


def test_each_figure_has_its_list(demo: Store) -> None:
    save_zone(demo, DemonstrationZone(name="赤壁青砖茶质量提升示范区", level="national",
                                      jurisdiction_code="421281", lead_industry="砖茶",
                                      milestones=[
                                          {"title": "申报", "due_on": "2026-03-01", "done_on": "2026-02-20"},
                                          {"title": "验收", "due_on": "2027-06-30"}]))
    f = dashboard_figures(demo, TODAY)
    def behind(kind: str, **filters: object) -> int:
        return len(records_behind(demo, kind, filters, TODAY))

    assert behind("rectifications", state="overdue") == f.rectifications_overdue
    assert behind("rectifications", state="open") == f.rectifications_open
    assert behind("rectifications", state="recheck_pending") == f.recheck_pending
    assert len(records_behind(demo, "licences", {"state": "expired"}, TODAY)) == f.licences_expired
    assert len(records_behind(demo, "enterprises", {"in_improvement": 1}, TODAY)) == f.in_improvement
    assert len(records_behind(demo, "enterprises", {"risk_class": "D"}, TODAY)) == f.risk_classes["D"]
    # Only accepted (已验收) zones count toward the 5–10 target; the others are shown apart.
    national = direct(demo, "SELECT count(*) FROM demonstration_zone WHERE deleted_at IS NULL"
                            " AND level = 'national' AND status = 'accepted'")
    pending = direct(demo, "SELECT count(*) FROM demonstration_zone WHERE deleted_at IS NULL"
                           " AND level = 'national' AND status IN ('building', 'planning')")
    assert pending >= 1  # the demo's zones plus the one saved above
    assert len(records_behind(demo, "zones", {"level": "national"}, TODAY)) == f.zones.counts["national"]
    assert (f.zones.counts["national"], f.zones.pending["national"]) == (national, pending)
    progress = {name: percent for _uuid, name, percent in f.zones.progress}
    assert progress["赤壁青砖茶质量提升示范区"] == 50
    q = f.quarter.period
    fails = records_behind(demo, "visits", {"date_from": q.start.isoformat(), "date_to": q.end.isoformat(),
                                            "result": "fail"}, TODAY)
    assert len(fails) == direct(
        demo, "SELECT count(DISTINCT v.id) FROM visit v JOIN sample s ON s.visit_id = v.id WHERE"
        " v.kind = 'spot_check' AND s.result = 'fail' AND v.deleted_at IS NULL AND s.deleted_at IS NULL"
        " AND v.visit_date BETWEEN ? AND ?", q.start.isoformat(), q.end.isoformat())


def test_periods_and_definition() -> None:
    q = quarter_of(date(2026, 11, 30))
    assert (q.key, q.start, q.end) == ("2026Q4", date(2026, 10, 1), date(2026, 12, 31))
    assert quarter_of(date(2026, 2, 10)).end == date(2026, 3, 31)
    assert "不合格批次" in pass_rate_definition() and "passed" in pass_rate_definition("en")


def test_zone_progress_and_withdrawn(store: Store) -> None:
    z = save_zone(store, DemonstrationZone(name="通山石材示范项目", kind="project", level="provincial",
                                           jurisdiction_code="421224"))
    assert z.progress == (0, 0) and list_zones(store)[0].name == "通山石材示范项目"
    z.status = "withdrawn"
    update_record(store, z)
    assert dashboard_figures(store, TODAY).zones.counts["provincial"] == 0
    assert isinstance(Visit, type)


def test_the_pass_rate_tiles_list_holds_the_checks_of_the_periods_last_day(store: Store) -> None:
    """The tile opens its list with the period's last day as date_to: a check made on 12-31 is in
    the Q4 rate, so it must be in that list too."""
    firm = insert_record(store, Enterprise(uscc="91421281MA4KL5FE07", name="赤壁市洞庄茶业有限公司",
                                           jurisdiction_code="421281", industry="砖茶"))
    visit = insert_record(store, Visit(enterprise_id=firm.id, visit_date="2026-12-31", kind="spot_check",
                                       status="done"))
    insert_record(store, Sample(visit_id=visit.id, product_name="青砖茶", result="pass"))
    last_day = date(2026, 12, 31)
    q = quarter_of(last_day)
    assert dashboard_figures(store, last_day, with_risk=False).quarter.total.tested == 1
    tile = {"kind": "spot_check", "date_from": q.start.isoformat(), "date_to": q.end.isoformat(), "tested": 1}
    assert records_behind(store, "visits", tile, last_day) == [visit.id]


def test_rollup_follows_an_enterprise_moving_jurisdiction_and_industry(demo: Store) -> None:
    from qcdesk.models.enterprises import enterprise_licences, save_enterprise
    from qcdesk.models.persistence import fetch_record
    from qcdesk.models.records import Enterprise

    rows = demo.db.execute(
        "SELECT v.enterprise_id FROM visit v JOIN sample s ON s.visit_id = v.id WHERE v.kind = 'spot_check'"
        " AND s.result IN ('pass', 'fail') GROUP BY v.enterprise_id ORDER BY count(*) DESC LIMIT 3"
    ).fetchall()
    for (eid,), (code, industry) in zip(rows, (("421224", "石材"), ("421223", "钒"), ("421224", "新行业")),
                                        strict=True):
        ent = fetch_record(demo, Enterprise, eid)
        ent.jurisdiction_code, ent.industry = code, industry
        save_enterprise(demo, ent, enterprise_licences(demo, eid))
    for period in periods():
        assert pass_rates(demo, period) == pass_rates_direct(demo, period)
    assert any(r.key == "新行业" and r.tested for r in pass_rates(demo, year_of(TODAY)).by_industry) or \
        any(r.key == "新行业" and r.tested for r in pass_rates(demo, year_of(date(2025, 5, 1))).by_industry)
