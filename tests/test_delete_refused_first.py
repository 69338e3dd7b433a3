"""A deletion no answer can carry out is refused before the "delete?" question (E19): a firm with
live visits, a visit with an order in force, the check a committed draw planned. Before, the
window asked 确定删除…？ and refused only after the clerk said yes; `qcdesk record delete` asked
y/N the same way."""

from __future__ import annotations

import sys
from pathlib import Path

from draw_deletions import CODES, Untouchable, committed_draw, refusals_of_delete_key
from exchange_fixtures import file_dump

from qcdesk.cli import main
from qcdesk.models.listing import ENTERPRISES, VISITS
from qcdesk.models.persistence import insert_record
from qcdesk.models.records import Rectification, Visit
from qcdesk.models.store import Store
from qcdesk.paths import AppPaths


def _world(path: Path) -> dict[str, int]:
    """Four firms, a committed draw planning a check of some; one firm with an order in force."""
    store = Store.open(path, author="test")
    drawn = committed_draw(store)
    firm = drawn.firms[0].id
    ordered = insert_record(store, Visit(enterprise_id=firm, visit_date="2026-11-02", kind="spot_check",
                                         status="done", summary="例行检查"))
    insert_record(store, Rectification(enterprise_id=firm, visit_id=ordered.id, requirement="整改标签",
                                       ordered_on="2026-11-03", deadline="2027-01-02",
                                       recheck_due="2027-01-17", status="open"))
    store.close()
    return {"planned": drawn.planned, "drawn": drawn.firm, "ordered": ordered.id, "firm": firm}


def test_the_window_refuses_before_asking(qtbot, paths: AppPaths, tmp_path: Path, monkeypatch) -> None:  # noqa: ANN001
    db = tmp_path / "d.db"
    ids = _world(db)
    before = file_dump(db)
    cases = [(ENTERPRISES, ids["firm"], "不能删除"),
             (VISITS, ids["ordered"], "下达了整改（2026-11-03下达，待整改）"),
             (VISITS, ids["planned"], "双随机抽取（抽取记录")]
    refusals = refusals_of_delete_key(qtbot, paths, db, "zh_CN", monkeypatch, [c[:2] for c in cases])
    for (_kind, _record_id, words), text in zip(cases, refusals, strict=True):
        assert words in text, text
    assert file_dump(db) == before


def test_record_delete_refuses_before_the_question(tmp_path: Path, capsys, monkeypatch) -> None:  # noqa: ANN001
    db = tmp_path / "d.db"
    ids = _world(db)
    before = file_dump(db)
    monkeypatch.setattr(sys, "stdin", Untouchable())
    for kind, key, words in (("visit", ids["planned"], "双随机抽取"), ("visit", ids["ordered"], "下达了整改"),
                             ("enterprise", CODES[0], "不能删除")):
        assert main(["record", "delete", kind, str(key), "--db", str(db)]) == 2
        out = capsys.readouterr()
        assert out.err.strip().count("\n") == 0, out.err  # one line
        assert out.err.startswith("qcdesk: 未删除：") and words in out.err, out.err
        assert "[y/N]" not in out.err and "将删除" not in out.err
    assert file_dump(db) == before
