"""A sent visit dated in the future (a year typo the old app accepted) can still be amended
(review regress-data 4). Before, every amendment was refused with the editor's message (…如这是
尚未进行的计划检查，请把状态设为计划) until the date was corrected in the same amendment, so a
county entering a late lab result had to invent a date. Now an amendment that leaves the date
and the status alone goes through with a note; one that changes them to a future-dated check
is refused with words for an amendment: correct 检查日期 in this same amendment."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import QDate
from pytestqt.qtbot import QtBot

from qcdesk.cli import main
from qcdesk.models.amendments import amendments_for, lock_visits
from qcdesk.models.inspections import load_visit, save_visit
from qcdesk.models.store import Store
from qcdesk.paths import AppPaths
from qcdesk.ui.visit_editor import VisitEditor
from tests.test_audit import make_visit
from tests.test_visit_amend_ui import _answer_reason, _ok

AHEAD = (date.today() + timedelta(days=120)).isoformat()  # 2027-03-01 typed for 2026-03-01


def _sent_future_visit(store: Store) -> tuple[str, str]:
    """A finished spot check dated after today, saved as the old app allowed, then sent."""
    bundle = make_visit(store)
    bundle.visit.visit_date = AHEAD
    bundle.samples[0].result = "pending"
    save_visit(store, bundle, today=date.today() + timedelta(days=365))  # the old app's lack of the rule
    lock_visits(store, [bundle.visit.id], "421281_张三_000002_20261013.qcpkg.zip")
    return bundle.visit.uuid, f"samples.{bundle.samples[0].uuid}"


def _db(tmp_path: Path) -> tuple[Path, str, str]:
    db = tmp_path / "qcdesk.db"
    store = Store.open(db, author="tester")
    try:
        visit, sample = _sent_future_visit(store)
    finally:
        store.close()
    return db, visit, sample


def test_amending_other_fields_is_not_held_up_by_the_future_date(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db, visit, sample = _db(tmp_path)
    capsys.readouterr()
    code = main(["amend", visit, "--db", str(db), "--set", "summary=补记", "--set", f"{sample}.result=pass",
                 "--reason", "检验报告到达"])
    out, err = capsys.readouterr()
    assert code == 0, err
    assert "已记录更正" in out
    assert err.startswith("警告：") and AHEAD in err and "检查日期" in err  # still said, not refused
    store = Store.open(db)
    try:
        stored = load_visit(store, visit)
        assert (stored.visit.summary, stored.samples[0].result) == ("补记", "pass")
        assert stored.visit.visit_date == AHEAD
        assert len(amendments_for(store, visit)) == 1
    finally:
        store.close()


def test_an_amendment_that_keeps_a_future_date_is_told_to_correct_it_here(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db, visit, _sample = _db(tmp_path)
    later = (date.today() + timedelta(days=130)).isoformat()
    capsys.readouterr()
    code = main(["amend", visit, "--db", str(db), "--set", f"visit_date={later}", "--reason", "改日期"])
    _out, err = capsys.readouterr()
    assert code != 0
    [line] = err.splitlines()
    assert later in line and "本次更正" in line and "“检查日期”" in line and "--set visit_date=" in line, line
    assert "计划" not in line  # not the editor's advice about planned checks
    store = Store.open(db)
    try:
        assert load_visit(store, visit).visit.visit_date == AHEAD and amendments_for(store, visit) == []
    finally:
        store.close()
    past = (date.today() - timedelta(days=30)).isoformat()
    assert main(["amend", visit, "--db", str(db), "--set", f"visit_date={past}", "--reason", "年份写错"]) == 0


def test_the_amend_mode_saves_a_lab_result_and_refuses_a_future_date_at_its_field(
        qtbot: QtBot, chinese: None, store: Store, tmp_path: Path) -> None:
    visit_uuid, _sample = _sent_future_visit(store)
    visit = load_visit(store, visit_uuid)
    editor = VisitEditor(store, AppPaths(tmp_path / "data", tmp_path / "config"), visit_id=visit.visit.id,
                         settings=None)
    qtbot.addWidget(editor)
    editor.show()
    editor.findChild(type(editor.save_button), "amendButton").click()
    tab = editor.samples_tab
    tab.result_combo.setCurrentIndex(tab.result_combo.findData("pass"))
    seen = _answer_reason(qtbot, lambda d: (d.reason_edit.setPlainText("检验报告到达"), _ok(d)))
    assert editor._save_clicked()
    assert seen and AHEAD in seen[0].findChild(type(editor.banner), "amendWarnings").text()
    assert load_visit(store, visit_uuid).samples[0].result == "pass"

    editor.findChild(type(editor.save_button), "amendButton").click()
    editor.date_edit.setDate(QDate.fromString(AHEAD, "yyyy-MM-dd").addDays(10))
    assert not editor.save()
    told = editor.errors.message("visit_date")
    assert "本次更正" in told and "检查日期" in told and "计划" not in told, told
    assert len(amendments_for(store, visit_uuid)) == 1
