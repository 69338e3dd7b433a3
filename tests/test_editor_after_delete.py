"""A visit deleted elsewhere while its editor is open: the refused save points to Record ▸
Deleted records… (restore, then save again), and that way the typing is saved (review r4 B7)."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QPushButton

from qcdesk.models.enterprises import save_enterprise
from qcdesk.models.inspections import VisitBundle, save_inspector, save_visit
from qcdesk.models.persistence import fetch_record
from qcdesk.models.records import Enterprise, Inspector, Visit
from qcdesk.models.removal import delete_visit, restore_visit
from qcdesk.models.store import Store
from qcdesk.ui.stale_save import StaleSaveDialog
from qcdesk.ui.visit_editor import VisitEditor


def test_the_refusal_points_to_deleted_records_and_a_restore_lets_the_save_through(
        qtbot, store: Store, paths, settings) -> None:  # noqa: ANN001
    firm = save_enterprise(store, Enterprise(uscc="91421281MA4KL5FE07", name="赤壁市羊楼洞茶业有限公司",
                                             jurisdiction_code="421281"))
    people = [save_inspector(store, Inspector(name=n, cert_no=c, jurisdiction_code="421281"))
              for n, c in (("王磊", "42120001"), ("李娜", "42120002"))]
    visit = Visit(enterprise_id=firm.id, visit_date=date.today().isoformat(), kind="licence_followup",
                  inspectors=[p.uuid for p in people], summary="现场检查")
    save_visit(store, VisitBundle(visit))
    editor = VisitEditor(store, paths, visit_id=visit.id, settings=settings)
    qtbot.addWidget(editor)
    editor.show()
    other = Store.open(store.path, author="other")
    delete_visit(other, visit.id)
    editor.conclusion_edit.setPlainText("未发现问题")
    editor.save_button.click()
    note = editor.general_error.text()
    assert note.startswith("This record was deleted elsewhere while you were editing")
    assert ("bring the record back under Record ▸ Deleted records… (select it, Restore), then click Save "
            "here again") in note
    assert fetch_record(store, Visit, visit.id).deleted_at  # nothing written

    restore_visit(other, visit.id)  # what 已删除的记录 ▸ 恢复 does
    other.close()

    def keep_mine() -> None:  # the restore is a change made elsewhere: the editor compares
        dialog = QApplication.activeModalWidget()
        if isinstance(dialog, StaleSaveDialog):
            dialog.findChild(QPushButton, "keepMineButton").click()
        else:
            QTimer.singleShot(20, keep_mine)

    QTimer.singleShot(0, keep_mine)
    editor.save_button.click()
    saved = fetch_record(store, Visit, visit.id)
    assert saved.deleted_at is None and saved.conclusion == "未发现问题"
