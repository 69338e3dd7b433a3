"""已删除的记录 lists only the newest DELETED_LIMIT deletions; its search box (and `qcdesk record
deleted --search`) re-queries by name, credit code or date, so an older mistake can still be
found and brought back (review r4 B8)."""

from __future__ import annotations

from pathlib import Path

from qcdesk.cli import main
from qcdesk.models.clock_text import local_date
from qcdesk.models.enterprises import save_enterprise
from qcdesk.models.persistence import fetch_record, insert_record
from qcdesk.models.records import Enterprise, Visit
from qcdesk.models.removal import DELETED_LIMIT, delete_enterprise, delete_visit, deleted_visits
from qcdesk.models.store import Store
from qcdesk.ui.record_removal import DeletedRecordsDialog

OLD = "91421281MA4KL5FE07"


def _world(path: Path) -> tuple[int, int]:
    """The oldest deletion (羊楼洞茶业), then DELETED_LIMIT + 5 newer ones; a deleted visit."""
    store = Store.open(path, author="test")
    old = save_enterprise(store, Enterprise(uscc=OLD, name="赤壁羊楼洞茶业", jurisdiction_code="421281"))
    delete_enterprise(store, old.id)
    with store.transaction():
        ids = [insert_record(store, Enterprise(uscc=f"9142120000{i:08d}", name=f"重复档案{i}",
                                               jurisdiction_code="421202")).id
               for i in range(DELETED_LIMIT + 5)]
    for i in ids:
        delete_enterprise(store, i)
    firm = save_enterprise(store, Enterprise(uscc="91421221MA4E3XHX15", name="嘉鱼茶业",
                                             jurisdiction_code="421221"))
    visit = insert_record(store, Visit(enterprise_id=firm.id, visit_date="2026-03-02", status="done"))
    delete_visit(store, visit.id)
    store.close()
    return old.id, visit.id


def test_an_older_deletion_is_found_by_search_and_restored(qtbot, tmp_path: Path) -> None:  # noqa: ANN001
    db = tmp_path / "d.db"
    old_id, visit_id = _world(db)
    store = Store.open(db, author="test")
    dialog = DeletedRecordsDialog(store)
    qtbot.addWidget(dialog)
    assert dialog.table.rowCount() == DELETED_LIMIT
    assert "赤壁羊楼洞茶业" not in [dialog.table.item(r, 0).text() for r in range(dialog.table.rowCount())]
    assert "search for them by name, credit code or date" in dialog.note.text()

    dialog.search.setText("羊楼洞")  # typing re-queries after a pause
    qtbot.waitUntil(lambda: dialog.table.rowCount() == 1)
    assert dialog.table.item(0, 0).text() == "赤壁羊楼洞茶业"
    dialog.search.setText(OLD[:12])  # part of the code
    dialog.reload()
    assert dialog.table.rowCount() == 1 and dialog.table.item(0, 0).text() == "赤壁羊楼洞茶业"
    dialog.search.setText("无此企业")
    qtbot.waitUntil(lambda: dialog.table.rowCount() == 0)
    assert "No deleted record matches “无此企业”" in dialog.note.text()
    dialog.search.setText("羊楼洞")
    qtbot.waitUntil(lambda: dialog.table.rowCount() == 1)
    dialog.table.selectRow(0)
    assert dialog.restore_selected()
    assert fetch_record(store, Enterprise, old_id).deleted_at is None

    dialog.kind.setCurrentIndex(1)  # visits: by the visit's date or the local day of the deletion
    deleted_on = local_date(fetch_record(store, Visit, visit_id).deleted_at)
    for text in ("2026-03-02", "2026-03", deleted_on, "嘉鱼"):
        dialog.search.setText(text)
        dialog.reload()
        assert dialog.table.rowCount() == 1, text
    dialog.search.setText("2026-04-01")
    dialog.reload()
    assert dialog.table.rowCount() == 0
    assert [r.id for r in deleted_visits(store, search="2026-13")] == []  # no such month: no match, no error
    store.close()


def test_record_deleted_search_on_the_command_line(tmp_path: Path, capsys) -> None:  # noqa: ANN001
    db = tmp_path / "d.db"
    _world(db)
    assert main(["record", "deleted", "enterprise", "--db", str(db)]) == 0
    out = capsys.readouterr()
    assert "赤壁羊楼洞茶业" not in out.out and "--search" in out.err
    assert main(["record", "deleted", "enterprise", "--search", "羊楼洞", "--db", str(db)]) == 0
    [_head, row] = capsys.readouterr().out.splitlines()
    assert "赤壁羊楼洞茶业" in row and OLD in row
