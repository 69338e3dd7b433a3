"""`qcdesk amend` tells what the core warns of after a re-test change (the 15-day right had
lapsed, a concluded re-test has no date): one line each on stderr, prefixed 警告：, exit code 0,
the amendment recorded. Before, the CLI printed only 已记录更正 and the lapse went unnoticed."""

from __future__ import annotations

from pathlib import Path

import pytest

from qcdesk.cli import main
from qcdesk.models.amendments import amendments_for, lock_visits
from qcdesk.models.inspections import load_visit, save_visit
from qcdesk.models.store import Store
from tests.test_audit import make_visit


def _sent_failed_visit(db: Path) -> tuple[str, str]:
    """A spot check whose sample failed (notified 2026-10-12: the right runs to 2026-10-27),
    then sent in a package (locked)."""
    store = Store.open(db, author="tester")
    bundle = make_visit(store)
    sample = bundle.samples[0]
    sample.result, sample.failed_items, sample.result_notified_on = "fail", "水分", "2026-10-12"
    sample.samplers, sample.seal_state = ["王磊", "李娜"], "检验样品和备用样品已封存，封条完好"
    save_visit(store, bundle)
    lock_visits(store, [bundle.visit.id], "421281_张三_000002_20261013.qcpkg.zip")
    store.close()
    return bundle.visit.uuid, f"samples.{sample.uuid}"


def test_amend_prints_the_lapsed_retest_warning_and_still_succeeds(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = tmp_path / "qcdesk.db"
    visit, key = _sent_failed_visit(db)
    capsys.readouterr()
    code = main(["amend", visit, "--db", str(db), "--set", f"{key}.retest_requested_on=2026-10-28",
                 "--set", f"{key}.retest_result=pass", "--reason", "企业申请复检"])
    out, err = capsys.readouterr()
    assert code == 0, err
    assert "已记录更正" in out
    lines = err.splitlines()
    assert len(lines) == 2, err  # the lapse, and the missing 复检日期
    assert all(line.startswith("警告：青砖茶：") for line in lines), err
    assert any("2026-10-27" in line and "15" in line for line in lines), err
    assert any("复检日期" in line for line in lines), err
    store = Store.open(db)
    try:
        stored = load_visit(store, visit).samples[0]
        assert (stored.retest_requested_on, stored.retest_result, stored.result) == (
            "2026-10-28", "pass", "pass")
        assert len(amendments_for(store, visit)) == 1
    finally:
        store.close()


def test_amend_in_time_prints_no_warning(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = tmp_path / "qcdesk.db"
    visit, key = _sent_failed_visit(db)
    capsys.readouterr()
    code = main(["amend", visit, "--db", str(db), "--set", f"{key}.retest_requested_on=2026-10-20",
                 "--reason", "企业申请复检"])
    out, err = capsys.readouterr()
    assert (code, err) == (0, "")
    assert "已记录更正" in out


def test_a_result_corrected_to_fail_under_a_conclusion_of_pass_is_warned(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Review (city office): a sample amended to 不合格 left the visit's 结论 reading 抽样1批次，
    合格, and the city received a record contradicting itself without a word."""
    db = tmp_path / "qcdesk.db"
    store = Store.open(db, author="tester")
    bundle = make_visit(store)
    bundle.visit.conclusion = "抽样1批次，合格"
    bundle.samples[0].result, bundle.samples[0].samplers = "pass", ["王磊", "李娜"]
    save_visit(store, bundle)
    lock_visits(store, [bundle.visit.id], "421281_张三_000002_20261013.qcpkg.zip")
    key = f"samples.{bundle.samples[0].uuid}"
    store.close()
    capsys.readouterr()
    assert main(["amend", bundle.visit.uuid, "--db", str(db), "--set", f"{key}.result=fail",
                 "--set", f"{key}.failed_items=水分", "--reason", "检验报告更正"]) == 0
    err = capsys.readouterr().err
    assert "警告：检查结论写的是“抽样1批次，合格”，但样品“青砖茶”的检验结果为不合格" in err, err
    assert main(["amend", bundle.visit.uuid, "--db", str(db), "--set",  # the site record states
                 "conclusion=抽样1批次，送检", "--reason", "结论不写检验结果"]) == 0  # no result
    assert "检查结论" not in capsys.readouterr().err
    assert main(["amend", bundle.visit.uuid, "--db", str(db), "--set",  # 合格证: a certificate
                 "conclusion=营业执照、产品合格证齐全；抽样1批次", "--reason", "补记"]) == 0
    assert "检查结论" not in capsys.readouterr().err
