"""Demo data: reproducible, valid by the core's own rules, realistic shares, safe to cancel."""

from __future__ import annotations

import json
import re
import shutil
import sqlite3
import subprocess
import sys
from datetime import date, timedelta
from pathlib import Path

import pytest

from qcdesk.models.codes import check_licence, check_uscc
from qcdesk.models.demo import DemoCancelled, build_demo
from qcdesk.models.enterprises import validate_enterprise
from qcdesk.models.inspections import load_visit, validate_visit
from qcdesk.models.persistence import fetch_record
from qcdesk.models.records import Enterprise, Finding, Sample
from qcdesk.models.rectification_texts import default_requirement
from qcdesk.models.search_text import phrase_query
from qcdesk.models.store import Store

TODAY = date(2026, 6, 30)
RECORD_TABLES = ("inspector", "enterprise", "licence", "certification", "contact", "visit", "sample",
                 "finding", "rectification")
STAMP = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z$")


@pytest.fixture(scope="module")
def demo_db(tmp_path_factory) -> Path:
    return build_demo(tmp_path_factory.mktemp("demo") / "demo.db", seed=7, today=TODAY)


@pytest.fixture
def conn(demo_db: Path):
    c = sqlite3.connect(demo_db)
    yield c
    c.close()


def dump(path: Path) -> list[str]:
    c = sqlite3.connect(path)
    try:
        return [line for line in c.iterdump() if "_sqlite_migrations" not in line]
    finally:
        c.close()


def test_same_seed_same_data_other_seed_other_data(tmp_path: Path, demo_db: Path) -> None:
    again = build_demo(tmp_path / "again.db", seed=7, today=TODAY)
    assert dump(again) == dump(demo_db)
    other = build_demo(tmp_path / "other.db", seed=8, today=TODAY, enterprises=50, visits=200)
    assert dump(other) != dump(demo_db)


def test_schema_equals_a_migrated_store(tmp_path: Path, demo_db: Path) -> None:
    Store.open(tmp_path / "fresh.db").close()

    def schema(path: Path) -> list[tuple]:
        c = sqlite3.connect(path)
        rows = c.execute("SELECT type, name, tbl_name, sql FROM sqlite_master ORDER BY type, name").fetchall()
        migrations = c.execute("SELECT migration_set, name FROM _sqlite_migrations ORDER BY 1, 2").fetchall()
        c.close()
        return rows + migrations

    assert schema(demo_db) == schema(tmp_path / "fresh.db")
    store = Store.open(demo_db)  # opens without pending migrations, in WAL
    assert store.migrate() is None
    assert store.db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    store.close()


def test_counts_and_integrity(conn: sqlite3.Connection) -> None:
    assert conn.execute("SELECT count(*) FROM enterprise").fetchone()[0] == 600
    assert conn.execute("SELECT count(*) FROM visit").fetchone()[0] == 5000
    assert conn.execute("PRAGMA foreign_key_check").fetchall() == []
    assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    first, last = conn.execute("SELECT min(visit_date), max(visit_date) FROM visit").fetchone()
    assert first >= (TODAY - timedelta(days=731)).isoformat() and last <= TODAY.isoformat()
    # visits keep coming right up to today (no gap at the end of the period)
    recent = conn.execute("SELECT count(*) FROM visit WHERE visit_date > ?",
                          [(TODAY - timedelta(days=30)).isoformat()]).fetchone()[0]
    assert recent > 100


def test_every_row_follows_the_house_rules(conn: sqlite3.Connection) -> None:
    for table in RECORD_TABLES:
        rows = conn.execute(f"SELECT uuid, created_at, updated_at, author, revision, deleted_at, origin "
                            f"FROM {table}").fetchall()
        assert rows, table
        assert len({r[0] for r in rows}) == len(rows)
        for uuid, created, updated, author, revision, deleted, origin in rows:
            assert re.fullmatch(r"[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}", uuid)
            assert STAMP.match(created) and STAMP.match(updated) and updated >= created, table
            assert author and revision >= 1 and deleted is None and origin == "local"


def test_codes_are_valid(conn: sqlite3.Connection) -> None:
    for uscc, code in conn.execute("SELECT uscc, jurisdiction_code FROM enterprise"):
        check = check_uscc(uscc)
        assert check.ok and not check.warnings, uscc
        assert uscc[2:8] == code[:6]
    kinds = {}
    for number, kind, industry in conn.execute(
        "SELECT l.number, l.kind, e.industry FROM licence l JOIN enterprise e ON e.id = l.enterprise_id"
    ):
        assert check_licence(number).ok, number
        kinds.setdefault(industry, set()).add(kind)
    assert kinds["砖茶"] == {"SC"} and kinds["糕点"] == {"SC"} and kinds["机电"] == {"XK"}
    expired, soon = conn.execute(
        "SELECT sum(expires_on < ?), sum(expires_on >= ? AND expires_on < ?) FROM licence",
        [TODAY.isoformat(), TODAY.isoformat(), (TODAY + timedelta(days=183)).isoformat()],
    ).fetchone()
    assert expired > 0 and soon > 0
    twins = conn.execute("SELECT cert_no, count(*) FROM inspector WHERE deleted_at IS NULL"
                         " GROUP BY cert_no HAVING count(*) > 1").fetchall()
    assert twins == []  # one 执法证号, one person: the app's own rules refuse twins


def test_realistic_shares(conn: sqlite3.Connection) -> None:
    fail, decided = conn.execute(
        "SELECT sum(result = 'fail'), sum(result != 'pending') FROM sample").fetchone()
    assert 0.035 <= fail / decided <= 0.085
    by_county = dict(conn.execute(
        "SELECT e.jurisdiction_code, avg(s.result = 'pass') FROM sample s JOIN visit v ON v.id = s.visit_id "
        "JOIN enterprise e ON e.id = v.enterprise_id WHERE s.result != 'pending' GROUP BY 1").fetchall())
    assert len(by_county) == 7 and max(by_county.values()) - min(by_county.values()) > 0.01
    statuses = {r[0] for r in conn.execute("SELECT status FROM rectification")}
    assert {"open", "report_submitted", "awaiting_recheck", "closed", "recheck_failed"} <= statuses
    overdue = conn.execute("SELECT count(*) FROM rectification WHERE status IN ('open', 'report_submitted') "
                           "AND coalesce(extended_to, deadline) < ?", [TODAY.isoformat()]).fetchone()[0]
    assert overdue > 0
    assert conn.execute("SELECT count(*) FROM rectification WHERE escalation != ''").fetchone()[0] > 0
    closed_by_recheck = conn.execute(
        "SELECT count(*) FROM rectification r JOIN visit v ON v.id = r.recheck_visit_id "
        "WHERE r.status = 'closed' AND v.kind = 'recheck' AND v.rectification_id = r.id").fetchone()[0]
    assert closed_by_recheck > 0
    improving, demo = conn.execute(
        "SELECT sum(in_improvement), sum(demonstration) FROM enterprise").fetchone()
    assert improving > 100 and demo > 0
    kinds = {r[0] for r in conn.execute("SELECT DISTINCT kind FROM visit")}
    assert kinds == {"spot_check", "licence_followup", "assistance", "recheck", "special"}
    items = {r[0] for r in conn.execute(
        "SELECT s.failed_items FROM sample s WHERE s.product_name = '青砖茶' AND s.result = 'fail'")}
    assert items and all(set(i.split("、")) <= {"水分", "氟含量", "总灰分", "茶梗含量"} for i in items)


def test_spot_checks_have_two_inspectors_and_full_samples(conn: sqlite3.Connection) -> None:
    known = {r[0] for r in conn.execute("SELECT uuid FROM inspector")}
    assert all(r[0] for r in conn.execute("SELECT cert_no FROM inspector"))
    for kind, inspectors in conn.execute("SELECT kind, inspectors FROM visit"):
        crew = json.loads(inspectors)
        assert set(crew) <= known
        if kind in ("spot_check", "recheck"):
            assert len(set(crew)) >= 2
    cols = [r[1] for r in conn.execute("PRAGMA table_info(sample)")]
    # a 复检 only follows an enterprise's objection: the demo's samples have none
    optional = {"refusal_reason", "failed_items", "result_notified_on", "deleted_at",
                "retest_requested_on", "retest_result", "retest_on"}
    for row in conn.execute("SELECT * FROM sample WHERE result != 'pending' LIMIT 300"):
        empty = {c for c, v in zip(cols, row, strict=True) if v in (None, "")}
        assert empty <= optional, empty
        assert len(json.loads(row[cols.index("samplers")])) >= 2


def test_records_pass_the_core_validators(demo_db: Path) -> None:
    store = Store.open(demo_db)
    try:
        for vid in range(1, 5001, 97):
            bundle = load_visit(store, vid)
            assert validate_visit(store, bundle) == [], vid
        for eid in range(1, 601, 37):
            enterprise = fetch_record(store, Enterprise, eid)
            assert [i for i in validate_enterprise(store, enterprise) if not i.warning] == []
    finally:
        store.close()


def test_search_index_is_filled(conn: sqlite3.Connection) -> None:
    name = conn.execute("SELECT name FROM enterprise WHERE industry = '砖茶' LIMIT 1").fetchone()[0]
    hits = conn.execute("SELECT count(*) FROM enterprise_fts WHERE enterprise_fts MATCH ?",
                        [phrase_query("砖茶")]).fetchone()[0]
    assert hits >= conn.execute("SELECT count(*) FROM enterprise WHERE industry = '砖茶'").fetchone()[0]
    rowid = conn.execute("SELECT rowid FROM enterprise_fts WHERE enterprise_fts MATCH ?",
                         [phrase_query(name)]).fetchone()
    assert rowid is not None
    assert conn.execute("SELECT count(*) FROM finding_fts").fetchone()[0] == \
        conn.execute("SELECT count(*) FROM finding").fetchone()[0]


def test_cancel_leaves_no_half_database(tmp_path: Path) -> None:
    target = tmp_path / "demo.db"
    target.write_bytes(b"previous")
    calls = []
    with pytest.raises(DemoCancelled):
        build_demo(target, visits=60_000, today=TODAY, cancel=lambda: len(calls) > 1,
                   progress=lambda d, t: calls.append(d))
    assert target.read_bytes() == b"previous"
    assert [p.name for p in tmp_path.iterdir()] == ["demo.db"]


def test_progress_reaches_the_total(tmp_path: Path) -> None:
    seen: list[tuple[int, int]] = []
    build_demo(tmp_path / "d.db", enterprises=30, visits=4000, today=TODAY,
               progress=lambda d, t: seen.append((d, t)))
    assert seen[-1] == (4000, 4000) and len(seen) >= 5
    assert [d for d, _ in seen] == sorted(d for d, _ in seen)


CLI = "import sys; from qcdesk.cli import main; sys.exit(main(sys.argv[1:]))"


def run_cli(*args: str, env: dict | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-c", CLI, *args], capture_output=True, text=True, env=env)


def test_cli_demo_builds_and_refuses_to_overwrite(tmp_path: Path) -> None:
    db = tmp_path / "cli.db"
    ok = run_cli("demo", "--db", str(db), "--enterprises", "20", "--visits", "100", "--today", "2026-01-31")
    assert ok.returncode == 0, ok.stderr
    with sqlite3.connect(db) as c:
        assert c.execute("SELECT count(*) FROM visit").fetchone()[0] == 100
    again = run_cli("demo", "--db", str(db))
    assert again.returncode == 2
    assert len(again.stderr.strip().splitlines()) == 1 and "--replace" in again.stderr
    replaced = run_cli("demo", "--db", str(db), "--visits", "50", "--enterprises", "10", "--replace")
    assert replaced.returncode == 0, replaced.stderr


def test_cli_demo_defaults_to_the_gui_demo_database(tmp_path: Path) -> None:
    import os

    env = {**os.environ, "XDG_DATA_HOME": str(tmp_path / "data"), "XDG_CONFIG_HOME": str(tmp_path / "cfg")}
    result = run_cli("demo", "--visits", "30", "--enterprises", "5", env=env)
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "data" / "QCDesk" / "demo" / "qcdesk-demo.db").exists()
    assert not (tmp_path / "data" / "QCDesk" / "qcdesk.db").exists()


def test_dates_tell_a_consistent_story(conn: sqlite3.Connection) -> None:
    today = TODAY.isoformat()
    rows = conn.execute(
        "SELECT r.ordered_on, r.report_submitted_on, r.closed_on, r.extension_requested_on, r.recheck_due, "
        "v.visit_date, r.status FROM rectification r LEFT JOIN visit v ON v.id = r.recheck_visit_id"
    ).fetchall()
    for ordered, report, closed, asked, due, checked, status in rows:
        assert ordered <= today
        if report:
            assert ordered <= report <= today
        if asked:
            assert ordered < asked <= today and (report is None or asked < report)
        if closed:
            assert report and report <= closed <= today
        if checked:
            assert report < checked <= min(due, today) or checked == today
            if status == "closed":
                assert closed == checked
    bad = conn.execute("SELECT count(*) FROM sample WHERE production_date >= sampled_on "
                       "OR result_notified_on > ? OR result_notified_on <= sampled_on", [today]).fetchone()[0]
    assert bad == 0


def test_demonstration_zones_pass_their_validator(demo_db: Path) -> None:
    from qcdesk.models.demonstration import list_zones, validate_zone, zone_counts

    store = Store.open(demo_db)
    try:
        zones = list_zones(store)
        accepted, pending = zone_counts(store)
        assert len(zones) >= 5 and accepted["national"] + pending["national"] >= 1
        for zone in zones:
            assert validate_zone(store, zone) == [], zone.name
            assert zone.members and len(zone.milestones) >= 3
        assert any(0 < z.progress_percent < 100 for z in zones)
        assert any(z.status == "accepted" for z in zones)
    finally:
        store.close()


def test_orders_follow_the_rules_in_force_on_their_date(tmp_path: Path, conn: sqlite3.Connection) -> None:
    """SAMR order 18 replaced the 2010 rules (AQSIQ order 133) on 2020-01-01."""
    assert conn.execute("SELECT count(*) FROM rectification WHERE ordered_on >= '2020-01-01'"
                        " AND rule_set <> 'samr18'").fetchone()[0] == 0
    # A demo whose two years straddle the change: each order under the rules of its day.
    path = build_demo(tmp_path / "2020.db", seed=3, enterprises=60, visits=1500, today=date(2020, 12, 31))
    c = sqlite3.connect(path)
    try:
        rows = c.execute("SELECT ordered_on < '2020-01-01', rule_set, count(*) FROM rectification"
                         " GROUP BY 1, 2").fetchall()
    finally:
        c.close()
    assert {(before, rule) for before, rule, _n in rows} == {(1, "aqsiq133"), (0, "samr18")}


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler-utils missing")
def test_demo_notice_says_the_stop_production_duty_once(tmp_path: Path, demo_db: Path,
                                                        conn: sqlite3.Connection) -> None:
    """The demo stores the order dialog's default requirement: the notice's fixed paragraph already
    says 停止生产、销售同一产品 and asks for the report by the deadline, so the requirement does not."""
    sample_order = conn.execute(
        "SELECT r.id, r.requirement, s.product_name, s.failed_items FROM rectification r"
        " JOIN sample s ON s.id = r.sample_id WHERE r.rule_set = 'samr18' ORDER BY r.id LIMIT 1").fetchone()
    finding_order = conn.execute(
        "SELECT r.requirement, f.description FROM rectification r JOIN finding f ON f.id = r.finding_id"
        " ORDER BY r.id LIMIT 1").fetchone()
    assert sample_order[1] == default_requirement(sample=Sample(product_name=sample_order[2],
                                                                failed_items=sample_order[3]))
    assert finding_order[0] == default_requirement(finding=Finding(description=finding_order[1]))
    out = tmp_path / "notice.pdf"
    done = run_cli("doc", "notice", str(sample_order[0]), "--db", str(demo_db), "--out", str(out))
    assert done.returncode == 0, done.stderr
    text = re.sub(r"\s+", "", subprocess.run(["pdftotext", str(out), "-"], capture_output=True,
                                              text=True, check=True).stdout)
    assert text.count("停止生产、销售同一产品") == 1, text
    assert text.count("逐项整改") == 1 and "提交整改报告" not in text.split("整改期限")[0]
