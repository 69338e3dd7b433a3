"""A firm a committed 双随机 draw selected, and the check the draw planned for it, stay (E1).

Before: (1) once a drawn firm's planned check was gone (deleted earlier, e.g. by a received
package), 记录 ▸ 删除 and `qcdesk record delete enterprise` deleted the firm, and the public
draw named a firm the office's files no longer held; (2) the planned check was recognised only
by `抽取记录 <uuid>` in its summary, so an inspector who typed the summary over could delete it.
"""

from __future__ import annotations

import argparse
import sys
from datetime import date
from pathlib import Path

from exchange_fixtures import dump
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox
from test_delete_refused_first import _Untouchable

from qcdesk.cli import main
from qcdesk.models.draw import DrawParameters, commit_draw, make_draw
from qcdesk.models.enterprises import save_enterprise
from qcdesk.models.inspections import VisitBundle, load_visit, save_inspector, save_visit
from qcdesk.models.listing import ENTERPRISES, VISITS
from qcdesk.models.persistence import fetch_record, update_record
from qcdesk.models.records import Enterprise, Inspector, Visit
from qcdesk.models.store import Store, now_utc
from qcdesk.paths import AppPaths

CODES = ["91421202MA4AEDKU8T", "91421221MA4E3XHX15", "91421222MA4PJ5BUX4", "91421223MA4059AK31"]
TYPED = "企业已停产，现场无人，未能检查"  # what the inspector typed over the draw's summary


def _world(path: Path, *, planned_gone: bool = False, typed_over: bool = False) -> dict[str, object]:
    """Four firms and a committed draw of some; the first drawn firm's planned check is deleted
    (as a received package's deletion does) or its summary typed over (as the editor saves)."""
    store = Store.open(path, author="test")
    for i, code in enumerate(CODES):
        save_enterprise(store, Enterprise(uscc=code, name=f"通山企业{i}", jurisdiction_code="421281"))
    for name in ("王磊", "李娜", "张伟", "刘洋"):
        save_inspector(store, Inspector(name=name, jurisdiction_code="421281"))
    params = DrawParameters(jurisdiction="421281", ratios=dict.fromkeys("ABCD", "0.5"))
    draw = commit_draw(store, make_draw(store, seed="2026-11-30 福彩3D 123", params=params,
                                        as_of=date(2026, 11, 30), operator="王科长", witnesses=["李四"]))
    visit_id, firm_id = store.db.execute("SELECT id, enterprise_id FROM visit WHERE status = 'planned'"
                                         " ORDER BY id LIMIT 1").fetchone()
    firm = fetch_record(store, Enterprise, firm_id)
    if planned_gone:
        visit = fetch_record(store, Visit, visit_id)
        with store.transaction():
            visit.deleted_at = now_utc()
            update_record(store, visit)
    if typed_over:
        _type_over(store, visit_id)
    store.close()
    return {"draw": draw.uuid, "short": draw.uuid[:8], "as_of": draw.as_of, "visit": visit_id,
            "firm": firm_id, "code": firm.uscc, "name": firm.name}


def _type_over(store: Store, visit_id: int) -> None:
    bundle = load_visit(store, visit_id)
    assert bundle is not None
    bundle.visit.summary = TYPED
    save_visit(store, VisitBundle(bundle.visit, bundle.samples, bundle.findings))
    assert "抽取记录" not in fetch_record(store, Visit, visit_id).summary


def _dump(path: Path) -> dict:
    store = Store.open(path)
    try:
        return dump(store)
    finally:
        store.close()


def _run(db: Path, kind: str, key: str, capsys, monkeypatch) -> str:  # noqa: ANN001
    monkeypatch.setattr(sys, "stdin", _Untouchable())  # refused before any question
    assert main(["record", "delete", kind, key, "--db", str(db)]) == 2
    err = capsys.readouterr().err
    assert err.strip().count("\n") == 0 and err.startswith("qcdesk: 未删除："), err
    return err


def test_cli_keeps_a_drawn_firm_whose_planned_check_is_gone(tmp_path: Path, capsys, monkeypatch) -> None:  # noqa: ANN001
    db = tmp_path / "d.db"
    w = _world(db, planned_gone=True)
    before = _dump(db)
    err = _run(db, "enterprise", str(w["code"]), capsys, monkeypatch)
    assert f"企业“{w['name']}”在双随机抽取（抽取记录 {w['short']}，抽取日期 {w['as_of']}）中被抽中，" \
           "不能删除" in err, err
    assert "在“检查情况”中写明原因" in err and "企业档案保留" in err, err
    assert _dump(db) == before
    # a firm no draw selected goes as before
    store = Store.open(db)
    free = store.db.execute("SELECT uscc FROM enterprise WHERE id NOT IN (SELECT enterprise_id FROM visit)"
                            " ORDER BY id LIMIT 1").fetchone()[0]
    store.close()
    assert main(["record", "delete", "enterprise", free, "--db", str(db), "--yes"]) == 0


def test_cli_keeps_a_drawn_check_whose_summary_was_typed_over(tmp_path: Path, capsys, monkeypatch) -> None:  # noqa: ANN001
    db = tmp_path / "d.db"
    w = _world(db, typed_over=True)
    before = _dump(db)
    err = _run(db, "visit", str(w["visit"]), capsys, monkeypatch)
    assert f"双随机抽取（抽取记录 {w['draw']}，抽取日期 {w['as_of']}）计划的检查，不能删除" in err, err
    err = _run(db, "enterprise", str(w["code"]), capsys, monkeypatch)
    assert "中被抽中，不能删除" in err, err
    assert _dump(db) == before


def test_a_check_planned_before_the_draw_stamp_is_known_by_its_audit_trail(tmp_path: Path, capsys,
                                                                           monkeypatch) -> None:  # noqa: ANN001
    """A draw committed by an earlier version: its visits' created_at is not the draw's own, and
    the summary is typed over; the first audited version still names the draw."""
    db = tmp_path / "d.db"
    w = _world(db)
    store = Store.open(db, author="test")
    with store.transaction():  # as an earlier commit_draw stamped them: a moment after the draw
        store.db.execute("UPDATE visit SET created_at = updated_at || 'x' WHERE id = ?", [w["visit"]])
    _type_over(store, int(w["visit"]))  # type: ignore[call-overload]
    store.close()
    before = _dump(db)
    err = _run(db, "visit", str(w["visit"]), capsys, monkeypatch)
    assert "计划的检查，不能删除" in err, err
    assert _dump(db) == before


def test_the_window_keeps_the_drawn_firm_and_its_typed_over_check(qtbot, paths: AppPaths, tmp_path: Path,  # noqa: ANN001
                                                                   settings, monkeypatch) -> None:  # noqa: ANN001
    from qcdesk.ui import app as app_module
    from qcdesk.ui.visit_editor import VisitEditor

    db = tmp_path / "d.db"
    w = _world(db)
    store = Store.open(db, author="test")  # the inspector types the outcome over the summary
    editor = VisitEditor(store, paths, settings=settings, visit_id=int(w["visit"]))  # type: ignore[call-overload]
    qtbot.addWidget(editor)
    editor.summary_edit.setPlainText(TYPED)
    assert editor.save()
    editor.mark_clean()
    editor.close()
    assert fetch_record(store, Visit, w["visit"]).summary == TYPED
    store.close()

    boxes: list[tuple[str, str]] = []

    def run(box: QMessageBox) -> int:  # a clerk who says yes to whatever is asked
        boxes.append((box.objectName(), box.text()))
        return QMessageBox.StandardButton.Yes

    monkeypatch.setattr(QMessageBox, "exec", run)
    before = _dump(db)
    shell = app_module.start_shell(argparse.Namespace(demo=False, db=db, lang="zh_CN"), paths,
                                   ask_inspector=False)
    qtbot.addWidget(shell.window)
    try:
        win = shell.window
        cases = [(VISITS, w["visit"], f"双随机抽取（抽取记录 {w['draw']}"),
                 (ENTERPRISES, w["firm"],
                  f"在双随机抽取（抽取记录 {w['short']}，抽取日期 {w['as_of']}）中被抽中")]
        for kind, record_id, words in cases:
            win.show_page(kind)
            page = win.current_list()
            qtbot.waitUntil(lambda p=page: p.model.rowCount() > 0)
            assert page.select_id(record_id)
            page.view.setFocus()
            boxes.clear()
            qtbot.keyClick(page.view, Qt.Key.Key_Delete)
            assert [b[0] for b in boxes] == ["deleteRefused"], boxes  # no question first
            assert words in boxes[0][1], boxes[0][1]
    finally:
        shell.window.close()
        shell.shutdown()
    assert _dump(db) == before


def test_the_window_keeps_a_drawn_firm_whose_planned_check_is_gone(qtbot, paths: AppPaths, tmp_path: Path,  # noqa: ANN001
                                                                    monkeypatch) -> None:  # noqa: ANN001
    from qcdesk.ui import app as app_module

    db = tmp_path / "d.db"
    w = _world(db, planned_gone=True)
    boxes: list[tuple[str, str]] = []
    yes = QMessageBox.StandardButton.Yes
    monkeypatch.setattr(QMessageBox, "exec", lambda box: boxes.append((box.objectName(), box.text())) or yes)
    before = _dump(db)
    shell = app_module.start_shell(argparse.Namespace(demo=False, db=db, lang="en"), paths,
                                   ask_inspector=False)
    qtbot.addWidget(shell.window)
    try:
        win = shell.window
        win.show_page(ENTERPRISES)
        page = win.current_list()
        qtbot.waitUntil(lambda: page.model.rowCount() > 0)
        assert page.select_id(w["firm"])
        page.view.setFocus()
        qtbot.keyClick(page.view, Qt.Key.Key_Delete)
        assert [b[0] for b in boxes] == ["deleteRefused"], boxes
        assert f"was drawn in a random draw (draw record {w['short']}, dated {w['as_of']})" in boxes[0][1]
        assert "the enterprise file stays" in boxes[0][1], boxes[0][1]
    finally:
        shell.window.close()
        shell.shutdown()
    assert _dump(db) == before


def test_a_receiving_office_knows_the_typed_over_check_by_its_stamp(tmp_path: Path, capsys,
                                                                    monkeypatch) -> None:  # noqa: ANN001
    """The city receives the county's draw and its check after the summary was typed over: its
    own audit trail never held the draw's summary, the check's creation stamp (the draw's) tells."""
    from exchange_fixtures import export_to, merge

    w = _world(tmp_path / "county.db", typed_over=True)
    county = Store.open(tmp_path / "county.db")
    export_to(county, tmp_path / "p.xlsx", "AAAAAAAAAAAAAAAA")
    visit_uuid = fetch_record(county, Visit, w["visit"]).uuid
    county.close()
    db = tmp_path / "city.db"
    city = Store.open(db, author="city")
    merge(city, tmp_path / "p.xlsx", "AAAAAAAAAAAAAAAA")
    assert city.db.execute("SELECT summary FROM visit WHERE uuid = ?", [visit_uuid]).fetchone()[0] == TYPED
    city.close()
    before = _dump(db)
    err = _run(db, "visit", visit_uuid, capsys, monkeypatch)
    assert f"双随机抽取（抽取记录 {w['draw']}，抽取日期 {w['as_of']}）计划的检查，不能删除" in err, err
    err = _run(db, "enterprise", str(w["code"]), capsys, monkeypatch)
    assert f"在双随机抽取（抽取记录 {w['short']}，抽取日期 {w['as_of']}）中被抽中" in err, err
    assert _dump(db) == before
