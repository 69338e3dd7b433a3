"""A draft is not final: the export sends it (nothing lost, the county sees work in progress)
but locks only finished visits; the draft stays editable, and its next revision reaches the
recipient as an update, not a conflict. The export says how many visits it locked and how
many drafts went out still editable."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot
from test_audit import make_visit
from test_exchange_cli import PASS, _export, _import_json, _keygen, _trust

from qcdesk.models.inspections import VisitBundle, load_visit, save_visit
from qcdesk.models.records import Sample
from qcdesk.models.store import Store
from qcdesk.paths import AppPaths


@pytest.fixture
def world(tmp_path: Path) -> dict[str, Path]:
    """An inspector's database with one finished visit and one draft, a county that trusts them."""
    (tmp_path / "pw.txt").write_text(PASS + "\n", encoding="utf-8")
    key, pub = _keygen(tmp_path, "张三", "421221")
    idb, cdb = tmp_path / "i.db", tmp_path / "c.db"
    s = Store.open(idb, author="insp-uuid")
    done = make_visit(s).visit  # finished, with two inspectors, a sample and a finding
    save_visit(s, VisitBundle(replace(done, id=None, uuid="", revision=0, status="draft",
                                      summary="成品仓库检查（未完）"),
                              samples=[Sample(product_name="米砖茶", result="pending")]))
    s.close()
    _trust(cdb, pub, "inspector", "张三")
    return {"tmp": tmp_path, "ik": key, "idb": idb, "cdb": cdb}


def _locks(db: Path) -> dict[str, str | None]:
    s = Store.open(db)
    try:
        return dict(s.db.execute("SELECT status, locked_package FROM visit").fetchall())
    finally:
        s.close()


def test_export_locks_the_finished_visit_and_leaves_the_draft_editable(
        world: dict[str, Path], capsys: pytest.CaptureFixture[str], qtbot: QtBot) -> None:
    from qcdesk.ui.visit_editor import VisitEditor

    out = world["tmp"] / "out"
    out.mkdir()
    capsys.readouterr()
    from qcdesk.cli import main

    assert main(["export", "--db", str(world["idb"]), "--key", str(world["ik"]), "--out", str(out),
                 "--passphrase-file", str(world["tmp"] / "pw.txt"), "--name", "张三",
                 "--jurisdiction", "421221"]) == 0
    printed = capsys.readouterr()
    package = Path(printed.out.strip())  # stdout is still the package path alone
    assert package.is_file()
    assert "已完成的 1 条已锁定" in printed.err
    assert "草稿（或计划）1 条已一并发出但未锁定，仍可修改" in printed.err
    assert _locks(world["idb"]) == {"done": package.name, "draft": None}

    # the recipient has both, the finished one locked, the draft as a draft
    first = _import_json(capsys, package, world["cdb"])
    assert first["counts"]["visit"]["new"] == 2
    assert _locks(world["cdb"]) == {"done": package.name, "draft": None}

    # reopened, the draft is editable (no lock banner); the finished visit is read-only
    store = Store.open(world["idb"], author="insp-uuid")
    paths = AppPaths(world["tmp"] / "data", world["tmp"] / "config")
    ids = dict(store.db.execute("SELECT status, id FROM visit").fetchall())
    draft_editor = VisitEditor(store, paths, visit_id=ids["draft"])
    done_editor = VisitEditor(store, paths, visit_id=ids["done"])
    qtbot.addWidget(draft_editor)
    qtbot.addWidget(done_editor)
    assert not draft_editor.read_only and draft_editor.banner.isHidden()
    assert done_editor.read_only and not done_editor.banner.isHidden()
    draft_editor.summary_edit.setPlainText("补记：仓库温湿度记录已查")
    assert draft_editor.save()
    store.close()

    # the edited draft goes out again, still unlocked, and the recipient takes the new revision
    second_pkg = _export(capsys, world["tmp"], world["idb"], world["ik"], "张三", "421221")
    assert _locks(world["idb"])["draft"] is None
    second = _import_json(capsys, second_pkg, world["cdb"])
    assert second["counts"]["visit"]["updated"] == 1 and not second["conflicts"]
    county = Store.open(world["cdb"])
    try:
        row = county.db.execute("SELECT summary, revision, locked_package FROM visit "
                                "WHERE status = 'draft'").fetchone()
        assert row[0] == "补记：仓库温湿度记录已查" and row[2] is None
        assert county.db.execute("SELECT count(*) FROM exchange_conflict").fetchone()[0] == 0
    finally:
        county.close()

    # finished later, it is locked by the package that carries it, again without a conflict
    s = Store.open(world["idb"], author="insp-uuid")
    bundle = load_visit(s, ids["draft"])
    bundle.visit.status = "done"
    save_visit(s, bundle)
    s.close()
    third_pkg = _export(capsys, world["tmp"], world["idb"], world["ik"], "张三", "421221")
    assert sorted(_locks_all(world["idb"])) == sorted([package.name, third_pkg.name])
    third = _import_json(capsys, third_pkg, world["cdb"])
    assert third["counts"]["visit"]["updated"] == 1 and not third["conflicts"]
    assert sorted(_locks_all(world["cdb"])) == sorted([package.name, third_pkg.name])


def _locks_all(db: Path) -> list[str | None]:
    s = Store.open(db)
    try:
        return [r[0] for r in s.db.execute("SELECT locked_package FROM visit").fetchall()]
    finally:
        s.close()


def test_export_dialog_says_what_was_locked_and_what_stays_editable(
        world: dict[str, Path], qtbot: QtBot, chinese: None) -> None:
    from test_exchange_dialogs import _key_file

    from qcdesk.ui.exchange_dialogs import ExportDialog

    key_path, _key = _key_file(world["tmp"])
    dlg = ExportDialog(world["idb"])
    qtbot.addWidget(dlg)
    dlg.key_edit.setText(str(key_path))
    dlg.out_edit.setText(str(world["tmp"]))
    dlg.name_edit.setText("张三")
    dlg.jurisdiction_combo.setCurrentIndex(dlg.jurisdiction_combo.findData("421221"))
    job = dlg.start_export()
    assert job is not None
    qtbot.waitUntil(lambda: job.done, timeout=30000)
    assert dlg.result_path is not None and dlg.result_path.is_file()
    text = dlg.status.text()
    assert str(dlg.result_path) in text
    assert "已完成的 1 条已锁定，如需修改请使用“更正”" in text
    assert "草稿（或计划）1 条已一并发出但未锁定，仍可修改" in text
    assert _locks(world["idb"]) == {"done": dlg.result_path.name, "draft": None}
