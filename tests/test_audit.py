"""Audit trail: app writes are sealed in a hash chain; changes by other tools are named by verify."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from qcdesk.cli import main
from qcdesk.models import audit, audit_bulk
from qcdesk.models.amendments import record_history
from qcdesk.models.enterprises import save_enterprise
from qcdesk.models.inspections import VisitBundle, save_inspector, save_visit
from qcdesk.models.messages import ValidationFailed
from qcdesk.models.persistence import soft_delete
from qcdesk.models.records import Enterprise, Finding, Inspector, Licence, Sample, Visit
from qcdesk.models.store import Store

needs_sqlite3 = pytest.mark.skipif(shutil.which("sqlite3") is None, reason="sqlite3 shell not installed")


def make_visit(store: Store) -> VisitBundle:
    e = save_enterprise(store, Enterprise(uscc="91421281MA4KL5FE07", name="赤壁市羊楼洞茶业有限公司",
                                          jurisdiction_code="421281"),
                        [Licence(number="SC11442128100017", expires_on="2027-03-01")])
    a, b = (save_inspector(store, Inspector(name=n, jurisdiction_code="421281")) for n in ("王磊", "李娜"))
    return save_visit(store, VisitBundle(
        Visit(enterprise_id=e.id, visit_date="2026-09-01", kind="spot_check", inspectors=[a.uuid, b.uuid],
              status="done", summary="原料仓库检查"),
        samples=[Sample(product_name="青砖茶", result="pass")],
        findings=[Finding(description="温湿度未记录", severity="minor")]))


def sqlite3_shell(db: Path, sql: str) -> None:
    """Change the file the way a curious user would: with the sqlite3 command-line tool."""
    subprocess.run(["sqlite3", str(db), sql], check=True, capture_output=True, text=True)


def run_verify(db: Path, capsys) -> tuple[int, str]:
    code = main(["audit", "verify", "--db", str(db)])
    return code, capsys.readouterr().out


def test_app_writes_are_sealed_and_verify_passes(store: Store) -> None:
    bundle = make_visit(store)
    bundle.visit.summary = "原料仓库及成品仓库检查"
    save_visit(store, bundle)
    assert store.db.execute("SELECT count(*) FROM audit_log WHERE chain_no IS NULL").fetchone()[0] == 0
    ops = store.db.execute("SELECT op, via FROM audit_log WHERE table_name = 'visit' ORDER BY seq").fetchall()
    assert ops == [("insert", "app"), ("update", "app")]
    report = audit.verify(store)
    assert report.ok, [p.text() for p in report.problems]
    assert report.rows > 10 and report.entries >= 8


def test_history_lists_time_author_field_old_new(store: Store) -> None:
    bundle = make_visit(store)
    inspector = save_inspector(store, Inspector(name="张敏", jurisdiction_code="421281"))
    store.author = inspector.uuid
    bundle.visit.summary = "复核后补充"
    save_visit(store, bundle)
    soft_delete(store, bundle.visit)
    lines = record_history(store, "visit", bundle.visit.uuid)
    created = [x for x in lines if x.op == "insert"]
    assert {x.field for x in created} >= {"visit_date", "kind", "summary"}
    change = next(x for x in lines if x.op == "update" and x.field == "summary")
    assert (change.old, change.new, change.author) == ("原料仓库检查", "复核后补充", "张敏")
    assert change.at.endswith("Z") and not change.outside
    assert lines[-1].op == "delete"


def test_rolled_back_save_leaves_no_audit_entry(store: Store) -> None:
    bundle = make_visit(store)
    before = store.db.execute("SELECT count(*) FROM audit_log").fetchone()[0]
    bundle.visit.summary = "不会保存"
    bundle.samples.append(Sample(product_name="", result="pass"))  # invalid: nothing is written
    with pytest.raises(ValidationFailed):
        save_visit(store, bundle)
    with pytest.raises(RuntimeError), store.transaction():
        store.db.execute("UPDATE visit SET summary = 'x' WHERE id = ?", [bundle.visit.id])
        raise RuntimeError("editor crashed mid-save")
    assert store.db.execute("SELECT count(*) FROM audit_log").fetchone()[0] == before
    assert audit.verify(store).ok


@needs_sqlite3
def test_change_with_sqlite3_shell_is_named(tmp_path: Path, capsys) -> None:
    db = tmp_path / "qcdesk.db"
    store = Store.open(db, author="tester")
    bundle = make_visit(store)
    store.close()
    assert run_verify(db, capsys)[0] == 0
    sqlite3_shell(db, f"UPDATE visit SET conclusion = '合格' WHERE id = {bundle.visit.id}")
    code, out = run_verify(db, capsys)
    assert code == 1
    assert bundle.visit.uuid in out and "QCDesk 之外" in out and "outside QCDesk" in out
    # QCDesk opening the file again does not launder the outside change
    Store.open(db, author="tester").close()
    assert run_verify(db, capsys)[0] == 1


@needs_sqlite3
def test_dropped_triggers_do_not_hide_changes(tmp_path: Path, capsys) -> None:
    db = tmp_path / "qcdesk.db"
    store = Store.open(db, author="tester")
    bundle = make_visit(store)
    store.close()
    triggers = " ".join(f"DROP TRIGGER audit_{t}_{k};" for t in ("visit", "sample", "licence")
                        for k in ("ins", "upd", "del"))
    sqlite3_shell(db, triggers + f" UPDATE visit SET summary = '改过' WHERE id = {bundle.visit.id};")
    code, out = run_verify(db, capsys)
    assert code == 1 and bundle.visit.uuid in out and "不符" in out
    # verify opened the file through QCDesk, which put the triggers back: drop them again
    sqlite3_shell(db, triggers + " DELETE FROM licence; INSERT INTO sample(uuid, created_at, updated_at, "
                      f"visit_id, product_name) VALUES ('s-new', 'x', 'x', {bundle.visit.id}, '米砖茶');")
    code, out = run_verify(db, capsys)
    assert code == 1 and "s-new" in out and "没有审计记录" in out and "已在 QCDesk 之外被删除" in out
    # triggers are back after QCDesk opened the file
    store = Store.open(db)
    assert audit.missing_triggers(store.db) == []
    store.close()


@needs_sqlite3
def test_altered_or_removed_log_entry_breaks_the_chain(tmp_path: Path, capsys) -> None:
    db = tmp_path / "qcdesk.db"
    store = Store.open(db, author="tester")
    make_visit(store)
    last = audit.chain_head(store.db)[0]
    store.close()
    sqlite3_shell(db, "UPDATE audit_log SET new_json = replace(new_json, '2027', '2028') WHERE chain_no = 3")
    code, out = run_verify(db, capsys)
    assert code == 1 and "第 3 条" in out and "entry 3" in out
    fresh = tmp_path / "fresh.db"
    store = Store.open(fresh, author="tester")
    make_visit(store)
    store.close()
    sqlite3_shell(fresh, f"DELETE FROM audit_log WHERE chain_no = {last}")
    code, out = run_verify(fresh, capsys)
    assert code == 1 and f"第 {last} 条" in out


@needs_sqlite3
def test_who_sealed_an_entry_cannot_be_rewritten(tmp_path: Path, capsys) -> None:
    """The record history names sealed_by as the author of imports and accepted outside changes:
    another name typed there in sqlite3 must break the chain, not pass `audit verify`."""
    db = tmp_path / "qcdesk.db"
    store = Store.open(db, author="tester")
    make_visit(store)
    store.close()
    sqlite3_shell(db, "UPDATE audit_log SET sealed_by = '张三' WHERE chain_no = 3")
    code, out = run_verify(db, capsys)
    assert code == 1 and "第 3 条" in out


@needs_sqlite3
def test_accepting_outside_changes_records_who_and_why(tmp_path: Path, capsys) -> None:
    db = tmp_path / "qcdesk.db"
    store = Store.open(db, author="tester")
    bundle = make_visit(store)
    store.close()
    sqlite3_shell(db, f"UPDATE visit SET conclusion = '合格' WHERE id = {bundle.visit.id};"
                      "DROP TRIGGER audit_finding_upd; UPDATE finding SET basis = 'GB/T 9652';")
    assert run_verify(db, capsys)[0] == 1
    assert main(["audit", "accept", "--db", str(db), "--reason", "县局数据管理员批量修正"]) == 0
    assert run_verify(db, capsys)[0] == 0
    store = Store.open(db)
    line = next(x for x in record_history(store, "visit", bundle.visit.uuid) if x.field == "conclusion")
    assert line.outside and line.new == "合格" and line.note == "县局数据管理员批量修正"
    store.close()


def test_bulk_write_suspended_then_baselined(store: Store) -> None:
    make_visit(store)
    before = store.db.execute("SELECT count(*) FROM audit_log").fetchone()[0]
    visit_id = store.db.execute("SELECT id FROM visit").fetchone()[0]
    with audit_bulk.suspended(store):
        rows = [(f"f-{i}", "2026-01-01T00:00:00.000000Z", "2026-01-01T00:00:00.000000Z", visit_id, f"问题{i}")
                for i in range(2000)]
        store.db.conn.executemany("INSERT INTO finding(uuid, created_at, updated_at, visit_id, description) "
                                  "VALUES (?, ?, ?, ?, ?)", rows)
    assert store.db.execute("SELECT count(*) FROM audit_log").fetchone()[0] == before + 1  # one baseline
    assert audit.missing_triggers(store.db) == []
    assert audit.verify(store).ok
    store.db.execute("UPDATE finding SET basis = 'x' WHERE uuid = 'f-7'")  # through QCDesk: sealed later
    assert audit.verify(store).ok


def test_bulk_update_is_adopted_row_by_row(store: Store) -> None:
    with audit_bulk.suspended(store):
        store.db.execute("UPDATE industry SET name = name || '业' WHERE id = 1")
    assert store.db.execute("SELECT op, via, note FROM audit_log ORDER BY seq DESC LIMIT 1").fetchone() == (
        "adopt", "app", "bulk write")
    assert audit.verify(store).ok


def test_deferred_baseline_runs_at_verify(store: Store) -> None:
    with audit_bulk.suspended(store, defer_baseline=True):
        store.db.execute("INSERT INTO industry(uuid, created_at, updated_at, name) "
                         "VALUES ('i', 'x', 'x', '桂花')")
    assert store.setting("audit.baseline_pending") == "1"
    assert audit.verify(store).ok
    assert store.setting("audit.baseline_pending") == ""


def test_every_record_table_is_audited(store: Store) -> None:
    tables = audit.record_tables(store.db)
    assert {"visit", "sample", "amendment", "rectification", "photo"} <= set(tables)
    assert audit.missing_triggers(store.db) == []


def test_later_migrations_adding_dropping_or_renaming_columns(store: Store) -> None:
    make_visit(store)
    with store.transaction():
        store.db.execute("ALTER TABLE visit ADD COLUMN weather TEXT NOT NULL DEFAULT ''")
    store.attach_audit()  # what Store.migrate does after every migration run
    assert audit.missing_triggers(store.db) == [] and audit.verify(store).ok
    store.db.execute("UPDATE visit SET weather = '小雨'")
    assert audit.verify(store).ok
    with store.transaction(), audit.schema_change(store.db):
        store.db.execute("ALTER TABLE finding RENAME COLUMN basis TO legal_basis")
        store.db.execute("ALTER TABLE visit DROP COLUMN weather")
    report = audit.verify(store)
    assert report.ok, [p.text() for p in report.problems]
    last = store.db.execute("SELECT note FROM audit_log ORDER BY seq DESC LIMIT 1").fetchone()[0]
    assert last == "schema change"


@needs_sqlite3
def test_wiping_the_column_sets_does_not_launder_a_change(tmp_path: Path, capsys) -> None:
    db = tmp_path / "qcdesk.db"
    store = Store.open(db, author="tester")
    bundle = make_visit(store)
    store.close()
    sqlite3_shell(db, "DROP TRIGGER audit_visit_upd; DELETE FROM audit_colset; "
                      f"UPDATE visit SET summary = '改过' WHERE id = {bundle.visit.id};")
    code, out = run_verify(db, capsys)
    assert code == 1 and bundle.visit.uuid in out
