"""In the main window: Delete (key, context menu, Record menu) with a confirmation naming the
record, the refusals the clerk reads, and Record ▸ Deleted records… bringing a record back.
The `uscc_taken` flow end to end: import → conflict → delete the local duplicate → the conflict
dialog's "use the other version" works."""

from __future__ import annotations

import argparse
from pathlib import Path

import pytest
from exchange_fixtures import export_to, merge
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox

from qcdesk.models.enterprises import save_enterprise
from qcdesk.models.inspections import VisitBundle, save_inspector, save_visit
from qcdesk.models.listing import ENTERPRISES, VISITS
from qcdesk.models.persistence import fetch_record
from qcdesk.models.records import Enterprise, Inspector, Visit
from qcdesk.models.store import Store
from qcdesk.paths import AppPaths

X, Y = "91421281MA4KL5FE07", "91421221MA4E3XHX15"
NAME_A, NAME_B = "赤壁羊楼洞茶业", "嘉鱼羊楼洞茶业有限公司"


def _world(tmp: Path) -> tuple[Path, dict[str, int]]:
    """A firm with a visit saved twice, and a second file of another firm with nothing on it."""
    path = tmp / "rm.db"
    s = Store.open(path, author="test")
    firm = save_enterprise(s, Enterprise(uscc=X, name=NAME_A, jurisdiction_code="421281"), [])
    extra = save_enterprise(s, Enterprise(uscc=Y, name=NAME_B, jurisdiction_code="421221"), [])
    team = [save_inspector(s, Inspector(name=n, jurisdiction_code="421281")).uuid for n in ("王磊", "李娜")]
    ids = {"firm": firm.id, "extra": extra.id}
    for key in ("visit", "twice"):
        ids[key] = save_visit(s, VisitBundle(Visit(enterprise_id=firm.id, visit_date="2026-09-05",
                                                   kind="assistance", inspectors=team))).visit.id
    s.close()
    return path, ids


def _start(qtbot, paths: AppPaths, db: Path, monkeypatch, answers: list[tuple[str, str]]):  # noqa: ANN001, ANN202
    from qcdesk.ui import app as app_module

    def run(box: QMessageBox) -> int:
        answers.append((box.objectName(), box.text()))
        return QMessageBox.StandardButton.Yes

    monkeypatch.setattr(QMessageBox, "exec", run)
    shell = app_module.start_shell(argparse.Namespace(demo=False, db=db, lang="zh_CN"), paths,
                                   ask_inspector=False)
    qtbot.addWidget(shell.window)
    return shell


@pytest.fixture
def world(qtbot, paths: AppPaths, tmp_path: Path, monkeypatch):  # noqa: ANN001, ANN201
    db, ids = _world(tmp_path)
    answers: list[tuple[str, str]] = []
    shell = _start(qtbot, paths, db, monkeypatch, answers)
    yield shell, ids, answers
    shell.window.close()
    shell.shutdown()


def test_delete_key_refuses_a_firm_with_visits_then_deletes_a_visit_and_restores_it(world, qtbot,
                                                                                    tmp_path) -> None:  # noqa: ANN001
    shell, ids, answers = world
    w = shell.window
    delete, deleted = w.tools.actions["delete"], w.tools.actions["deleted"]
    assert delete in w.record_menu.actions() and deleted in w.record_menu.actions()
    assert delete.text() == "删除(&L)…" and deleted.text() == "已删除的记录(&T)…"

    w.show_page(ENTERPRISES)
    page = w.current_list()
    qtbot.waitUntil(lambda: page.model.rowCount() == 2)
    assert delete in page.view.actions()  # the context menu
    assert page.select_id(ids["firm"])
    page.view.setFocus()
    qtbot.keyClick(page.view, Qt.Key.Key_Delete)
    # refused before any question: no answer could delete it (E19)
    assert [a[0] for a in answers] == ["deleteRefused"]
    assert "还有 2 条检查记录、0 项整改，不能删除" in answers[0][1]
    assert page.model.rowCount() == 2
    assert page.select_id(ids["extra"])  # a file with nothing on it: asked, named, deleted
    qtbot.keyClick(page.view, Qt.Key.Key_Delete)
    assert answers[1][0] == "deleteConfirm" and f"确定删除企业档案“{NAME_B}”（{Y}）" in answers[1][1]
    qtbot.waitUntil(lambda: page.model.rowCount() == 1)

    w.show_page(VISITS)
    page = w.current_list()
    qtbot.waitUntil(lambda: page.model.rowCount() == 2)
    assert page.select_id(ids["twice"])
    page.view.setFocus()
    qtbot.keyClick(page.view, Qt.Key.Key_Delete)
    assert answers[2][0] == "deleteConfirm"
    assert f"确定删除对“{NAME_A}”2026-09-05 的检查记录（质量帮扶/指导）" in answers[2][1]
    qtbot.waitUntil(lambda: page.model.rowCount() == 1)
    assert len(answers) == 3  # no refusal
    assert "已删除" in w.statusBar().currentMessage()
    w.grab().save(str(tmp_path / "after-delete.png"))

    from qcdesk.ui.record_removal import DeletedRecordsDialog

    def restore_first_visit(dialog: DeletedRecordsDialog) -> int:
        dialog.kind.setCurrentIndex(1)
        assert dialog.table.rowCount() == 1 and dialog.table.item(0, 0).text() == NAME_A
        assert not dialog.restore_button.isEnabled()
        dialog.table.selectRow(0)
        dialog.grab().save(str(tmp_path / "deleted-records.png"))
        dialog.restore_button.click()
        assert dialog.table.rowCount() == 0
        return 0

    qtbot_patch = pytest.MonkeyPatch()
    qtbot_patch.setattr(DeletedRecordsDialog, "exec", restore_first_visit)
    try:
        deleted.trigger()
    finally:
        qtbot_patch.undo()
    qtbot.waitUntil(lambda: page.model.rowCount() == 2)  # the shell refreshed its lists


def test_uscc_taken_conflict_settled_after_deleting_the_duplicate(qtbot, paths: AppPaths, tmp_path: Path,
                                                                 monkeypatch) -> None:  # noqa: ANN001
    a, b = Store.memory("A"), Store.memory("B")
    ea = save_enterprise(a, Enterprise(uscc=X, name=NAME_A, jurisdiction_code="421281"))
    eb = save_enterprise(b, Enterprise(uscc=Y, name=NAME_B, jurisdiction_code="421221"))
    export_to(a, tmp_path / "a.xlsx", "A" * 16)
    export_to(b, tmp_path / "b.xlsx", "B" * 16)
    eb = fetch_record(b, Enterprise, eb.id)
    eb.uscc = X
    save_enterprise(b, eb)
    export_to(b, tmp_path / "b2.xlsx", "B" * 16)
    city = Store.open(tmp_path / "city.db", author="city")
    for name, signer in (("a", "A"), ("b", "B"), ("b2", "B")):
        merge(city, tmp_path / f"{name}.xlsx", signer * 16)
    local_id = fetch_record(city, Enterprise, ea.uuid).id
    city.close()

    answers: list[tuple[str, str]] = []
    shell = _start(qtbot, paths, tmp_path / "city.db", monkeypatch, answers)
    try:
        w = shell.window
        w.show_page(ENTERPRISES)
        page = w.current_list()
        qtbot.waitUntil(lambda: page.model.rowCount() == 2)
        assert page.select_id(local_id)
        page.view.setFocus()
        qtbot.keyClick(page.view, Qt.Key.Key_Delete)
        assert [a[0] for a in answers] == ["deleteConfirm"]
        qtbot.waitUntil(lambda: page.model.rowCount() == 1)

        from qcdesk.ui.conflict_dialog import ConflictDialog

        dialog = ConflictDialog(w.store, w)
        qtbot.addWidget(dialog)
        dialog.ask_again = False
        dialog.list.selectRow(0)
        dialog.resolve(True)  # 采用数据包的版本: refused before, the code being taken
        assert not [a for a in answers if "不能采用" in a[1] or "现在属于" in a[1]]
        live = w.store.db.execute("SELECT uuid, uscc FROM enterprise WHERE deleted_at IS NULL").fetchall()
        assert live == [(eb.uuid, X)]
        assert w.store.db.execute("SELECT count(*) FROM exchange_conflict WHERE resolved_at IS NULL"
                                  ).fetchone()[0] == 0
    finally:
        shell.window.close()
        shell.shutdown()
