"""Locked submissions: a visit sent in a signed package is corrected only by an amendment with a reason."""

from __future__ import annotations

from pathlib import Path

import pytest

from qcdesk.cli import main
from qcdesk.models import audit
from qcdesk.models.amendments import amend_visit, amendments_for, is_locked, lock_visits, record_history
from qcdesk.models.inspections import load_visit, save_visit
from qcdesk.models.messages import ValidationFailed
from qcdesk.models.store import Store
from tests.test_audit import make_visit


def test_locked_visit_is_refused_in_place_and_amended_with_reason(store: Store) -> None:
    bundle = make_visit(store)
    assert lock_visits(store, [bundle.visit.id], "pkg-421281-0007") == 1
    assert lock_visits(store, [bundle.visit.uuid], "pkg-later") == 0  # keeps the first package
    assert is_locked(store, bundle.visit.id) == "pkg-421281-0007"
    fresh = load_visit(store, bundle.visit.id)
    fresh.visit.summary = "直接修改"
    with pytest.raises(ValidationFailed) as info:
        save_visit(store, fresh)
    assert "更正" in info.value.text() and "amendment" in info.value.text("en")

    amendment = amend_visit(store, bundle.visit.id, {"conclusion": "基本符合要求"},
                            "笔误，现场结论为基本符合")
    assert amendment.changes == {"conclusion": ["", "基本符合要求"]}
    assert amendment.package_id == "pkg-421281-0007" and amendment.visit_uuid == bundle.visit.uuid
    after = load_visit(store, bundle.visit.id).visit
    assert after.conclusion == "基本符合要求" and after.locked_package == "pkg-421281-0007"
    assert amendment.visit_revision == fresh.visit.revision == after.revision - 1  # the one sent
    assert [a.reason for a in amendments_for(store, bundle.visit.uuid)] == ["笔误，现场结论为基本符合"]
    line = next(x for x in record_history(store, "visit", bundle.visit.uuid) if x.field == "conclusion")
    assert (line.old, line.new, line.note) == ("", "基本符合要求", "笔误，现场结论为基本符合")
    assert audit.verify(store).ok


def test_amendment_needs_reason_known_fields_and_a_real_change(store: Store) -> None:
    bundle = make_visit(store)
    lock_visits(store, [bundle.visit.id], "pkg-1")
    before = store.db.execute("SELECT count(*) FROM audit_log").fetchone()[0]
    cases = [({"summary": "x"}, "  ", "更正原因"), ({"enterprise_id": 99}, "理由", "更正字段"),
             ({"summary": bundle.visit.summary}, "理由", "更正内容"),
             ({"visit_date": "2026-13-01"}, "理由", "日期")]
    for changes, reason, expected in cases:
        with pytest.raises(ValidationFailed) as info:
            amend_visit(store, bundle.visit.id, changes, reason)
        assert expected in info.value.text(), info.value.text()
    assert store.db.execute("SELECT count(*) FROM audit_log").fetchone()[0] == before
    assert store.db.execute("SELECT count(*) FROM amendment").fetchone()[0] == 0


def test_amend_from_the_command_line(tmp_path: Path, capsys) -> None:
    db = tmp_path / "qcdesk.db"
    store = Store.open(db, author="tester")
    bundle = make_visit(store)
    lock_visits(store, [bundle.visit.id], "pkg-9")
    store.close()
    assert main(["amend", bundle.visit.uuid, "--db", str(db), "--set", "summary=补录仓库温湿度记录",
                 "--reason", "漏记"]) == 0
    assert main(["amend", bundle.visit.uuid, "--db", str(db), "--set", "summary=x", "--reason", ""]) == 2
    assert "更正原因" in capsys.readouterr().err
    assert main(["audit", "history", bundle.visit.uuid, "--db", str(db)]) == 0
    out = capsys.readouterr().out
    assert "补录仓库温湿度记录" in out and "漏记" in out


def test_lab_result_of_a_sent_visit_is_amended_on_its_sample(store: Store) -> None:
    bundle = make_visit(store)
    lock_visits(store, [bundle.visit.id], "pkg-2")
    sample, finding = bundle.samples[0], bundle.findings[0]
    with pytest.raises(ValidationFailed) as info:  # a failed result needs the failed items
        amend_visit(store, bundle.visit.id, {f"samples.{sample.uuid}.result": "fail"}, "检验报告到达")
    assert "不合格项目" in info.value.text()
    amendment = amend_visit(store, bundle.visit.id, {
        f"samples.{sample.uuid}.result": "fail", f"samples.{sample.uuid}.failed_items": "水分",
        f"findings.{finding.uuid}.severity": "major"}, "检验报告到达")
    assert amendment.changes[f"samples.{sample.uuid}.result"] == ["pass", "fail"]
    loaded = load_visit(store, bundle.visit.id)
    assert loaded.samples[0].result == "fail" and loaded.findings[0].severity == "major"
    assert loaded.visit.locked_package == "pkg-2"
    lines = record_history(store, "visit", bundle.visit.uuid, with_parts=True)
    result = next(x for x in lines if x.table == "sample" and x.field == "result" and x.op == "update")
    assert (result.old, result.new, result.note, result.record) == ("pass", "fail", "检验报告到达", "青砖茶")
    with pytest.raises(ValidationFailed):
        amend_visit(store, bundle.visit.id, {"samples.not-a-sample.result": "pass"}, "x")
    assert audit.verify(store).ok


def test_amend_a_sample_from_the_command_line(tmp_path: Path, capsys) -> None:
    db = tmp_path / "qcdesk.db"
    store = Store.open(db, author="tester")
    bundle = make_visit(store)
    lock_visits(store, [bundle.visit.id], "pkg-3")
    store.close()
    key = f"samples.{bundle.samples[0].uuid}"
    assert main(["amend", bundle.visit.uuid, "--db", str(db), "--set", f"{key}.result=fail",
                 "--set", f"{key}.failed_items=水分", "--set", f"{key}.result_notified_on=2026-10-08",
                 "--reason", "检验报告"]) == 0
    assert main(["amend", bundle.visit.uuid, "--db", str(db), "--set", "samples.x=1", "--reason", "r"]) == 2
    store = Store.open(db)
    sample = load_visit(store, bundle.visit.id).samples[0]
    assert (sample.result, sample.failed_items, sample.result_notified_on) == ("fail", "水分", "2026-10-08")
    store.close()
