"""A firm a committed 双随机 draw selected, and the check the draw planned for it, stay (E1).

Before: (1) once a drawn firm's planned check was gone (deleted earlier, e.g. by a received
package), 记录 ▸ 删除 and `qcdesk record delete enterprise` deleted the firm, and the public
draw named a firm the office's files no longer held; (2) the planned check was recognised only
by `抽取记录 <uuid>` in its summary, so an inspector who typed the summary over could delete it.
"""

from __future__ import annotations

import sys
from pathlib import Path

from draw_deletions import Untouchable, committed_draw, refusals_of_delete_key
from exchange_fixtures import file_dump

from qcdesk.cli import main
from qcdesk.models.inspections import VisitBundle, load_visit, save_visit
from qcdesk.models.listing import ENTERPRISES, VISITS
from qcdesk.models.persistence import fetch_record, update_record
from qcdesk.models.records import Enterprise, Visit
from qcdesk.models.store import Store, now_utc
from qcdesk.paths import AppPaths

TYPED = "企业已停产，现场无人，未能检查"  # what the inspector typed over the draw's summary


def _world(path: Path, *, planned_gone: bool = False, typed_over: bool = False) -> dict[str, object]:
    """Four firms and a committed draw of some; the first drawn firm's planned check is deleted
    (as a received package's deletion does) or its summary typed over (as the editor saves)."""
    store = Store.open(path, author="test")
    drawn = committed_draw(store)
    draw, visit_id = drawn.record, drawn.planned
    firm = fetch_record(store, Enterprise, drawn.firm)
    if planned_gone:
        visit = fetch_record(store, Visit, visit_id)
        with store.transaction():
            visit.deleted_at = now_utc()
            update_record(store, visit)
    if typed_over:
        _type_over(store, visit_id)
    store.close()
    return {"draw": draw.uuid, "short": draw.uuid[:8], "as_of": draw.as_of, "visit": visit_id,
            "firm": drawn.firm, "code": firm.uscc, "name": firm.name}


def _type_over(store: Store, visit_id: int) -> None:
    bundle = load_visit(store, visit_id)
    assert bundle is not None
    bundle.visit.summary = TYPED
    save_visit(store, VisitBundle(bundle.visit, bundle.samples, bundle.findings))
    assert "抽取记录" not in fetch_record(store, Visit, visit_id).summary


def _run(db: Path, kind: str, key: str, capsys, monkeypatch) -> str:  # noqa: ANN001
    monkeypatch.setattr(sys, "stdin", Untouchable())  # refused before any question
    assert main(["record", "delete", kind, key, "--db", str(db)]) == 2
    err = capsys.readouterr().err
    assert err.strip().count("\n") == 0 and err.startswith("qcdesk: 未删除："), err
    return err


def test_cli_keeps_a_drawn_firm_whose_planned_check_is_gone(tmp_path: Path, capsys, monkeypatch) -> None:  # noqa: ANN001
    db = tmp_path / "d.db"
    w = _world(db, planned_gone=True)
    before = file_dump(db)
    err = _run(db, "enterprise", str(w["code"]), capsys, monkeypatch)
    assert f"企业“{w['name']}”在双随机抽取（抽取记录 {w['short']}，抽取日期 {w['as_of']}）中被抽中，" \
           "不能删除" in err, err
    assert "在“检查情况”中写明原因" in err and "企业档案保留" in err, err
    assert file_dump(db) == before
    # a firm no draw selected goes as before
    store = Store.open(db)
    free = store.db.execute("SELECT uscc FROM enterprise WHERE id NOT IN (SELECT enterprise_id FROM visit)"
                            " ORDER BY id LIMIT 1").fetchone()[0]
    store.close()
    assert main(["record", "delete", "enterprise", free, "--db", str(db), "--yes"]) == 0


def test_cli_keeps_a_drawn_check_whose_summary_was_typed_over(tmp_path: Path, capsys, monkeypatch) -> None:  # noqa: ANN001
    db = tmp_path / "d.db"
    w = _world(db, typed_over=True)
    before = file_dump(db)
    err = _run(db, "visit", str(w["visit"]), capsys, monkeypatch)
    assert f"双随机抽取（抽取记录 {w['draw']}，抽取日期 {w['as_of']}）计划的检查，不能删除" in err, err
    err = _run(db, "enterprise", str(w["code"]), capsys, monkeypatch)
    assert "中被抽中，不能删除" in err, err
    assert file_dump(db) == before


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
    before = file_dump(db)
    err = _run(db, "visit", str(w["visit"]), capsys, monkeypatch)
    assert "计划的检查，不能删除" in err, err
    assert file_dump(db) == before


def test_the_window_keeps_the_drawn_firm_and_its_typed_over_check(qtbot, paths: AppPaths, tmp_path: Path,  # noqa: ANN001
                                                                   settings, monkeypatch) -> None:  # noqa: ANN001
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

    before = file_dump(db)
    cases = [(VISITS, w["visit"], f"双随机抽取（抽取记录 {w['draw']}"),
             (ENTERPRISES, w["firm"],
              f"在双随机抽取（抽取记录 {w['short']}，抽取日期 {w['as_of']}）中被抽中")]
    refusals = refusals_of_delete_key(qtbot, paths, db, "zh_CN", monkeypatch, [c[:2] for c in cases])
    for (_kind, _record_id, words), text in zip(cases, refusals, strict=True):
        assert words in text, text
    assert file_dump(db) == before


def test_the_window_keeps_a_drawn_firm_whose_planned_check_is_gone(qtbot, paths: AppPaths, tmp_path: Path,  # noqa: ANN001
                                                                    monkeypatch) -> None:  # noqa: ANN001
    db = tmp_path / "d.db"
    w = _world(db, planned_gone=True)
    before = file_dump(db)
    [refusal] = refusals_of_delete_key(qtbot, paths, db, "en", monkeypatch, [(ENTERPRISES, int(w["firm"]))])
    assert f"was drawn in a random draw (draw record {w['short']}, dated {w['as_of']})" in refusal
    assert "the enterprise file stays" in refusal, refusal
    assert file_dump(db) == before


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
    before = file_dump(db)
    err = _run(db, "visit", visit_uuid, capsys, monkeypatch)
    assert f"双随机抽取（抽取记录 {w['draw']}，抽取日期 {w['as_of']}）计划的检查，不能删除" in err, err
    err = _run(db, "enterprise", str(w["code"]), capsys, monkeypatch)
    assert f"在双随机抽取（抽取记录 {w['short']}，抽取日期 {w['as_of']}）中被抽中" in err, err
    assert file_dump(db) == before
