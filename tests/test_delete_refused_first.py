"""A deletion no answer can carry out is refused before the "delete?" question (E19): a firm with
live visits, a visit with an order in force, the check a committed draw planned. Before, the
window asked 确定删除…？ and refused only after the clerk said yes; `qcdesk record delete` asked
y/N the same way."""

from __future__ import annotations

import argparse
import io
import sys
from datetime import date
from pathlib import Path

from exchange_fixtures import dump
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox

from qcdesk.cli import main
from qcdesk.models.draw import DrawParameters, commit_draw, make_draw
from qcdesk.models.enterprises import save_enterprise
from qcdesk.models.inspections import save_inspector
from qcdesk.models.listing import ENTERPRISES, VISITS
from qcdesk.models.persistence import insert_record
from qcdesk.models.records import Enterprise, Inspector, Rectification, Visit
from qcdesk.models.store import Store
from qcdesk.paths import AppPaths

CODES = ["91421202MA4AEDKU8T", "91421221MA4E3XHX15", "91421222MA4PJ5BUX4", "91421223MA4059AK31"]


def _world(path: Path) -> dict[str, int]:
    """Four firms, a committed draw planning a check of some; one firm with an order in force."""
    store = Store.open(path, author="test")
    firms = [save_enterprise(store, Enterprise(uscc=c, name=f"通山企业{i}", jurisdiction_code="421281"))
             for i, c in enumerate(CODES)]
    for name in ("王磊", "李娜", "张伟", "刘洋"):
        save_inspector(store, Inspector(name=name, jurisdiction_code="421281"))
    params = DrawParameters(jurisdiction="421281", ratios=dict.fromkeys("ABCD", "0.5"))
    commit_draw(store, make_draw(store, seed="2026-11-30 福彩3D 123", params=params, as_of=date(2026, 11, 30),
                                 operator="王科长", witnesses=["李四"]))
    planned, drawn = store.db.execute("SELECT id, enterprise_id FROM visit WHERE status = 'planned'"
                                      " ORDER BY id LIMIT 1").fetchone()
    firm = firms[0].id
    ordered = insert_record(store, Visit(enterprise_id=firm, visit_date="2026-11-02", kind="spot_check",
                                         status="done", summary="例行检查"))
    insert_record(store, Rectification(enterprise_id=firm, visit_id=ordered.id, requirement="整改标签",
                                       ordered_on="2026-11-03", deadline="2027-01-02",
                                       recheck_due="2027-01-17", status="open"))
    store.close()
    return {"planned": planned, "drawn": drawn, "ordered": ordered.id, "firm": firm}


def _dump(path: Path) -> dict:
    store = Store.open(path)
    try:
        return dump(store)
    finally:
        store.close()


def test_the_window_refuses_before_asking(qtbot, paths: AppPaths, tmp_path: Path, monkeypatch) -> None:  # noqa: ANN001
    from qcdesk.ui import app as app_module

    db = tmp_path / "d.db"
    ids = _world(db)
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
        w = shell.window
        cases = [(ENTERPRISES, ids["firm"], "不能删除"),
                 (VISITS, ids["ordered"], "下达了整改（2026-11-03下达，待整改）"),
                 (VISITS, ids["planned"], "双随机抽取（抽取记录")]
        for kind, record_id, words in cases:
            w.show_page(kind)
            page = w.current_list()
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


class _Untouchable(io.StringIO):
    """A terminal nobody answers: reading it means a question was asked."""

    def isatty(self) -> bool:
        return True

    def readline(self, *args: object) -> str:
        raise AssertionError("asked a question")

    read = readline


def test_record_delete_refuses_before_the_question(tmp_path: Path, capsys, monkeypatch) -> None:  # noqa: ANN001
    db = tmp_path / "d.db"
    ids = _world(db)
    before = _dump(db)
    monkeypatch.setattr(sys, "stdin", _Untouchable())
    for kind, key, words in (("visit", ids["planned"], "双随机抽取"), ("visit", ids["ordered"], "下达了整改"),
                             ("enterprise", CODES[0], "不能删除")):
        assert main(["record", "delete", kind, str(key), "--db", str(db)]) == 2
        out = capsys.readouterr()
        assert out.err.strip().count("\n") == 0, out.err  # one line
        assert out.err.startswith("qcdesk: 未删除：") and words in out.err, out.err
        assert "[y/N]" not in out.err and "将删除" not in out.err
    assert _dump(db) == before
